//! The lab's relay against the physical limit (issue 14): the same bulk
//! transfer and the same ping-pong between hosts a and b, once across the
//! relayed link (eth0, through socklab's relay) and once across a direct
//! veth pair between the same two namespaces, made with the same settings
//! (offloads off). The relay runs as in a session, logging every crossing.

use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::time::{Duration, Instant};

use socklab::lab::{Host, Lab};

/// Throughput (Mbit/s) and round-trip time (µs, median) over one path.
#[derive(Clone, Copy, Debug)]
pub struct Path {
    pub mbps: f64,
    pub rtt_us: f64,
}

/// The relayed link's figures, the direct pair's, and which way the link
/// carried the frames (in the kernel, or through the relay thread, and
/// why); None where the lab cannot be made here. `kernel_path`: as a
/// session makes the lab (false: every frame through the relay thread, as
/// for a user BPF is refused to).
pub fn measure(
    bytes: usize,
    pings: usize,
    kernel_path: bool,
) -> Result<Option<(Path, Path, String)>, String> {
    // The lab moves the thread that builds it into host a: a thread of its own.
    std::thread::spawn(move || -> Result<Option<(Path, Path, String)>, String> {
        if !socklab::lab::available() {
            return Ok(None);
        }
        let ring = socklab::lab::kernel_path::RING_SIZE;
        let lab = Lab::build_with(kernel_path.then_some(ring), None).map_err(|e| e.to_string())?;
        let direct = lab.direct_pair().map_err(|e| e.to_string())?;
        let relayed = IpAddr::V6(Host::B.ipv6());
        // Listens in b on every address; a (this thread) connects.
        let listener = lab
            .within(Host::B, || TcpListener::bind("[::]:5001"))
            .map_err(|e| e.to_string())?
            .map_err(|e| format!("listen in b: {e}"))?;
        // Each path twice, alternating, the better run of each kept (the
        // machine's other work only ever slows a run down).
        let mut best = [None::<Path>; 2];
        let mut way = String::new();
        for _ in 0..2 {
            for (k, ip) in [relayed, direct].into_iter().enumerate() {
                let path = one_path(&listener, SocketAddr::new(ip, 5001), bytes, pings)?;
                if k == 0 {
                    way = match lab.relay.fast_path() {
                        Ok(true) => "frames crossed in the kernel".into(),
                        Ok(false) => "frames went through the relay thread".into(),
                        Err(why) => format!("frames went through the relay thread: {why}"),
                    };
                }
                best[k] = Some(match best[k] {
                    Some(b) => Path {
                        mbps: b.mbps.max(path.mbps),
                        rtt_us: b.rtt_us.min(path.rtt_us),
                    },
                    None => path,
                });
            }
            // The relay's log is read by a session at each step; here,
            // nobody reads it: let it go between runs.
            drop(lab.relay.take_log());
        }
        Ok(best[0].zip(best[1]).map(|(r, d)| (r, d, way)))
    })
    .join()
    .map_err(|_| "the lab's benchmark thread panicked".to_string())?
}

/// A bulk transfer of `bytes` a→b, then `pings` one-byte round trips.
fn one_path(
    listener: &TcpListener,
    to: SocketAddr,
    bytes: usize,
    pings: usize,
) -> Result<Path, String> {
    let err = |what: &'static str| move |e: std::io::Error| format!("{what} {to}: {e}");
    let mut client =
        TcpStream::connect_timeout(&to, Duration::from_secs(5)).map_err(err("connect to"))?;
    let (mut server, _) = listener.accept().map_err(err("accept from"))?;
    client.set_nodelay(true).map_err(err("nodelay"))?;
    server.set_nodelay(true).map_err(err("nodelay"))?;
    // Bulk: b reads until a has sent everything (a byte count, not EOF,
    // so the connection is reused for the pings).
    let start = Instant::now();
    let reader = std::thread::spawn({
        let mut server = server.try_clone().map_err(err("clone"))?;
        move || -> std::io::Result<Instant> {
            let mut buffer = vec![0u8; 1 << 16];
            let mut left = bytes;
            while left > 0 {
                let n = server.read(&mut buffer)?;
                if n == 0 {
                    return Err(std::io::ErrorKind::UnexpectedEof.into());
                }
                left = left.saturating_sub(n);
            }
            Ok(Instant::now())
        }
    });
    let chunk = vec![b'x'; 1 << 16];
    let mut left = bytes;
    while left > 0 {
        let n = chunk.len().min(left);
        client.write_all(&chunk[..n]).map_err(err("send to"))?;
        left -= n;
    }
    let done = reader
        .join()
        .map_err(|_| "the reader panicked".to_string())?
        .map_err(err("receive from"))?;
    let mbps = bytes as f64 * 8.0 / done.duration_since(start).as_secs_f64() / 1e6;
    // Ping-pong: one byte each way, TCP_NODELAY; the median round trip.
    let mut rtts = Vec::with_capacity(pings);
    let mut byte = [0u8; 1];
    for _ in 0..pings {
        let sent = Instant::now();
        client.write_all(b"p").map_err(err("ping"))?;
        server.read_exact(&mut byte).map_err(err("ping"))?;
        server.write_all(b"p").map_err(err("pong"))?;
        client.read_exact(&mut byte).map_err(err("pong"))?;
        rtts.push(sent.elapsed().as_secs_f64() * 1e6);
    }
    rtts.sort_by(f64::total_cmp);
    let rtt_us = rtts.get(rtts.len() / 2).copied().unwrap_or(0.0);
    Ok(Path { mbps, rtt_us })
}
