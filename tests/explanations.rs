//! Explained at the moment of surprise: the notes socklab adds under a
//! step, each checked through the binary (`why:` is tests/errno_claims.rs).

mod common;

use common::*;

fn notes(step: &serde_json::Value) -> Vec<String> {
    step["notes"]
        .as_array()
        .map(|a| a.iter().map(|n| n.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

#[test]
fn a_recv_that_competes_with_a_watcher_says_so() {
    let (steps, _) = run_json(
        "a, b = socketpair\nwatch b\nrecv b 4 dontwait\nunwatch b\nrecv b 4 dontwait\n",
        &[],
    );
    let competing = nth_step(&steps, "recv b 4 dontwait", 0);
    assert!(
        notes(competing)[0]
            .starts_with("watcher [1] is reading b too: the two compete for the data"),
        "{competing}"
    );
    assert!(notes(nth_step(&steps, "recv b 4 dontwait", 1)).is_empty());
}

#[test]
fn readable_with_nothing_to_read_is_explained() {
    let (steps, _) = run_json("t = socket\nawait t readable 100ms\n", &[]);
    let awaited = step(&steps, "await t readable 100ms");
    assert!(
        notes(awaited)[0].contains("neither listening nor connected: poll reports POLLHUP"),
        "{awaited}"
    );
}

#[test]
fn close_that_sends_rst_says_why() {
    let script = format!(
        "{CONNECTED}send cli unread\nclose conn\nc2 = socket\nconnect c2 srv\nsetsockopt c2 SO_LINGER 0\nclose c2\n"
    );
    let (steps, _) = run_json(&script, &[]);
    assert!(
        notes(step(&steps, "close conn"))[0]
            .starts_with("6 received bytes were never read: closing sends RST")
    );
    assert!(notes(step(&steps, "close c2"))[0].starts_with("SO_LINGER is on with timeout 0"));
}

/// As root (as here and in CI) a bind below 1024 succeeds: said once.
#[test]
fn a_privileged_bind_is_explained_once() {
    if !nix::unistd::geteuid().is_root() {
        eprintln!("skipped: not root, so the bind fails (EACCES) instead");
        return;
    }
    let (steps, _) = run_json(
        "a = socket\nbind a 127.0.0.1:1023\nb = socket\nbind b 127.0.0.1:1022\n",
        &[],
    );
    let first = notes(step(&steps, "bind a 127.0.0.1:1023"));
    assert!(
        first[0].starts_with("allowed because socklab runs with CAP_NET_BIND_SERVICE"),
        "{first:?}"
    );
    assert!(first[0].contains("ip_unprivileged_port_start = 1024"));
    assert!(
        notes(step(&steps, "bind b 127.0.0.1:1022")).is_empty(),
        "said once"
    );
}

/// In --sandbox the first ECONNREFUSED says that programs outside cannot
/// be reached; the second does not repeat it.
#[test]
fn the_private_network_is_explained_at_the_first_refusal() {
    let script = "c = socket\nconnect c 127.0.0.1:9\nconnect c 127.0.0.1:9\n";
    let (steps, output) = run_json(script, &["--sandbox"]);
    if String::from_utf8_lossy(&output.stderr)
        .contains("does not allow unprivileged user namespaces")
    {
        eprintln!("skipped: no user namespaces here");
        return;
    }
    let first = notes(nth_step(&steps, "connect c 127.0.0.1:9", 0));
    assert!(
        first[0].starts_with("this session runs in a private network (--sandbox)"),
        "{first:?}"
    );
    assert!(notes(nth_step(&steps, "connect c 127.0.0.1:9", 1)).is_empty());
    // Outside the sandbox, no such note.
    let (steps, _) = run_json(script, &[]);
    assert!(notes(nth_step(&steps, "connect c 127.0.0.1:9", 0)).is_empty());
}

fn why(step: &serde_json::Value) -> &str {
    step["why"].as_str().unwrap_or_default()
}

/// A port no socket has: the kernel picks it for a listener, which is
/// then closed (it had no connection, so nothing is left on it).
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

fn port_of(step: &serde_json::Value) -> String {
    let addr = step["addr"].as_str().unwrap_or_else(|| panic!("{step}"));
    addr.rsplit(':').next().unwrap().to_string()
}

/// A note of the form `{head}{N} s more{tail}`: the time-wait timer's
/// seconds are whatever is left of it.
fn assert_timewait_note(note: &str, head: &str, tail: &str) {
    let rest = note
        .strip_prefix(head)
        .unwrap_or_else(|| panic!("{note:?}\n should start {head:?}"));
    let (seconds, after) = rest
        .split_once(" s more")
        .unwrap_or_else(|| panic!("{note:?}"));
    let seconds: u64 = seconds.parse().unwrap_or_else(|_| panic!("{note:?}"));
    assert!((1..=60).contains(&seconds), "{note:?}");
    assert_eq!(after, tail, "{note:?}");
}

const REUSE_NOT_BOTH: &str = "SO_REUSEADDR is set on this socket, but on Linux a bind shares a port with a connection (TIME_WAIT too) or a bound socket only if that socket had SO_REUSEADDR as well — an accepted connection has its listener's, so a server sets it on its listener before bind; now wait for the connection below to go, or bind another port";
const SET_IT_BOTH: &str = "another socket holds this port (below), and this socket has no SO_REUSEADDR: set it before bind (setsockopt H SO_REUSEADDR 1) — on Linux that is enough only if the socket holding the port had it too (an accepted connection has its listener's)";
const LACKED: &str = ", and its socket had no SO_REUSEADDR (this one has it: on Linux both must)";

/// The server's side closed first and sits in TIME_WAIT: a bind with
/// SO_REUSEADDR set still fails, and says that the connection's socket
/// lacked it (naming the closed handle whose connection it is), not that
/// this one does; a bind without it says to set it, on both. The listen
/// that follows the failed bind says the kernel picked the port, and a
/// client aiming at the port asked for is refused.
#[test]
fn eaddrinuse_over_time_wait_says_whose_reuseaddr_is_missing() {
    let port = free_port();
    let script = format!(
        "srv = socket\nbind srv 127.0.0.1:{port}\nlisten srv\ncli = socket\nconnect cli srv\n\
         conn = accept srv\nclose conn\nclose cli\nclose srv\n\
         s = socket\nsetsockopt s SO_REUSEADDR 1\nbind s 127.0.0.1:{port}\n\
         s2 = socket\nbind s2 127.0.0.1:{port}\nlisten s2\n\
         c3 = socket\nconnect c3 127.0.0.1:{port}\n"
    );
    let (steps, _) = run_json(&script, &[]);
    let client = port_of(step(&steps, "conn = accept srv"));
    let bind = step(&steps, &format!("bind s 127.0.0.1:{port}"));
    assert_errno(bind, "EADDRINUSE");
    assert_eq!(why(bind), REUSE_NOT_BOTH);
    let head = format!(
        "conn's connection holds the port (closed, the kernel keeps it): \
         127.0.0.1:{port} ↔ 127.0.0.1:{client} in TIME_WAIT for "
    );
    // conn's SO_REUSEADDR was read before its close.
    assert_timewait_note(&notes(bind)[0], &head, ", without SO_REUSEADDR");

    let bind = step(&steps, &format!("bind s2 127.0.0.1:{port}"));
    assert_errno(bind, "EADDRINUSE");
    assert_eq!(why(bind), SET_IT_BOTH);
    assert_timewait_note(&notes(bind)[0], &head, ", without SO_REUSEADDR");

    let listen = step(&steps, "listen s2");
    let picked = listen["addr"].as_str().unwrap();
    assert_eq!(
        notes(listen),
        [format!(
            "bind failed earlier (EADDRINUSE on 127.0.0.1:{port}), so the socket had no port and \
             the kernel picked one: {picked} — clients aiming at port {port} do not reach it \
             (they get ECONNREFUSED, or whatever else listens there); close this socket, and \
             once the port is free bind a new one, then listen"
        )]
    );
    assert_errno(
        step(&steps, &format!("connect c3 127.0.0.1:{port}")),
        "ECONNREFUSED",
    );
}

/// What the why claims, checked: had the listener SO_REUSEADDR, its
/// accepted connection in TIME_WAIT has it too (the note says so), and a
/// bind with it succeeds; one without it fails, and is told to set it.
#[test]
fn with_reuseaddr_on_both_the_bind_over_time_wait_succeeds() {
    let port = free_port();
    let script = format!(
        "srv = socket\nsetsockopt srv SO_REUSEADDR 1\nbind srv 127.0.0.1:{port}\nlisten srv\n\
         cli = socket\nconnect cli srv\nconn = accept srv\nclose conn\nclose cli\nclose srv\n\
         s2 = socket\nbind s2 127.0.0.1:{port}\n\
         s = socket\nsetsockopt s SO_REUSEADDR 1\nbind s 127.0.0.1:{port}\n"
    );
    let (steps, _) = run_json(&script, &[]);
    let client = port_of(step(&steps, "conn = accept srv"));
    let bind = step(&steps, &format!("bind s2 127.0.0.1:{port}"));
    assert_errno(bind, "EADDRINUSE");
    assert_eq!(
        why(bind),
        "what holds this port (below) has SO_REUSEADDR and is not listening, but this socket has not: setsockopt H SO_REUSEADDR 1 before bind, and it will share the port"
    );
    let head = format!(
        "conn's connection holds the port (closed, the kernel keeps it): \
         127.0.0.1:{port} ↔ 127.0.0.1:{client} in TIME_WAIT for "
    );
    assert_timewait_note(&notes(bind)[0], &head, ", with SO_REUSEADDR");
    assert_ret(step(&steps, &format!("bind s 127.0.0.1:{port}")), 0);
}

/// The tutorial's own situation: its Python server closed first, so the
/// TIME_WAIT is outside the session; the bind with SO_REUSEADDR is told
/// that the Python socket lacked it. With SO_REUSEADDR on the Python
/// listener, the same bind succeeds.
#[test]
fn the_python_servers_time_wait_is_named() {
    for reuse in [false, true] {
        let mut server = std::process::Command::new("python3")
            .arg(format!(
                "{}/tests/peers/first_to_close.py",
                env!("CARGO_MANIFEST_DIR")
            ))
            .args(if reuse { &["reuse"][..] } else { &[] })
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("python3 runs");
        let mut out = std::io::BufReader::new(server.stdout.take().unwrap());
        let mut line = String::new();
        let mut read = |line: &mut String| {
            line.clear();
            std::io::BufRead::read_line(&mut out, line).unwrap();
            line.trim_end().to_string()
        };
        let port = read(&mut line);
        let (steps, _) = run_json(
            &format!(
                "c = socket\nconnect c 127.0.0.1:{port}\ngetsockname c\nrecv c\nrecv c\nclose c\n"
            ),
            &[],
        );
        assert_eq!(data(step(&steps, "recv c")), b"bye");
        let client = port_of(step(&steps, "getsockname c"));
        // Its listener is closed too: only the connection holds the port.
        assert_eq!(read(&mut line), "closed");
        assert!(server.wait().unwrap().success());

        let line = format!("bind s 127.0.0.1:{port}");
        let (steps, _) = run_json(
            &format!("s = socket\nsetsockopt s SO_REUSEADDR 1\n{line}\n"),
            &[],
        );
        let bind = step(&steps, &line);
        if reuse {
            assert_ret(bind, 0);
            continue;
        }
        assert_errno(bind, "EADDRINUSE");
        assert_eq!(why(bind), REUSE_NOT_BOTH);
        let head = format!(
            "a socket outside this session holds the port: \
             127.0.0.1:{port} ↔ 127.0.0.1:{client} in TIME_WAIT for "
        );
        assert_timewait_note(&notes(bind)[0], &head, LACKED);
    }
}

/// A listener blocks any bind to its port, SO_REUSEADDR or not; a bound
/// socket with SO_REUSEADDR shares its port once the new one sets it too.
#[test]
fn eaddrinuse_names_a_listener_and_a_bound_socket() {
    let script = "a = socket\nbind a 127.0.0.1:0\nlisten a\n\
                  b = socket\nsetsockopt b SO_REUSEADDR 1\nbind b a\n\
                  c = socket\nsetsockopt c SO_REUSEADDR 1\nbind c 127.0.0.1:0\n\
                  d = socket\nbind d c\nsetsockopt d SO_REUSEADDR 1\nbind d c\n";
    let (steps, _) = run_json(script, &[]);
    let port = port_of(step(&steps, "bind a 127.0.0.1:0"));
    let bind = step(&steps, "bind b a");
    assert_errno(bind, "EADDRINUSE");
    assert_eq!(
        why(bind),
        "a socket listens on this port (below): SO_REUSEADDR never lets a bind share a port with a listener — close it, or bind another port"
    );
    assert_eq!(
        notes(bind),
        [format!(
            "a holds the port: listening on 127.0.0.1:{port}, without SO_REUSEADDR"
        )]
    );
    let port = port_of(step(&steps, "bind c 127.0.0.1:0"));
    let bind = nth_step(&steps, "bind d c", 0);
    assert_errno(bind, "EADDRINUSE");
    assert_eq!(
        why(bind),
        "what holds this port (below) has SO_REUSEADDR and is not listening, but this socket has not: setsockopt H SO_REUSEADDR 1 before bind, and it will share the port"
    );
    assert_eq!(
        notes(bind),
        [format!(
            "c holds the port: bound to 127.0.0.1:{port}, not listening, with SO_REUSEADDR"
        )]
    );
    assert_ret(nth_step(&steps, "bind d c", 1), 0);
}

/// UDP's EADDRINUSE speaks of UDP: no listener, no TIME_WAIT; and with
/// SO_REUSEADDR on both, as it says, the port is shared.
#[test]
fn udp_eaddrinuse_speaks_of_udp() {
    let script = "u = socket udp\nbind u 127.0.0.1:0\nu2 = socket udp\nbind u2 u\n\
                  r = socket udp\nsetsockopt r SO_REUSEADDR 1\nbind r 127.0.0.1:0\n\
                  r2 = socket udp\nsetsockopt r2 SO_REUSEADDR 1\nbind r2 r\n";
    let (steps, _) = run_json(script, &[]);
    let port = port_of(step(&steps, "bind u 127.0.0.1:0"));
    let bind = step(&steps, "bind u2 u");
    assert_errno(bind, "EADDRINUSE");
    assert_eq!(
        why(bind),
        "another UDP socket is bound to this port, on this address or a wildcard: UDP sockets share a port only when every one of them set SO_REUSEADDR (or SO_REUSEPORT) before bind — close it, or bind another port"
    );
    assert_eq!(
        notes(bind),
        [format!(
            "u holds the port: bound to 127.0.0.1:{port}, without SO_REUSEADDR"
        )]
    );
    assert_ret(step(&steps, "bind r2 r"), 0);
}

const LISTENER_DATA: &str = "this socket is listening: it takes connections (accept), it carries no data itself — each connection's data goes over the socket accept returns for it";

/// send, recv and connect on a listener say that it listens, and name the
/// handle accept made from it — or say to accept first.
#[test]
fn a_listener_used_for_data_names_the_accepted_handle() {
    let script = "srv = socket\nbind srv 127.0.0.1:0\nlisten srv\nsend srv hello\n\
                  cli = socket\nconnect cli srv\nconnect srv cli\nconn = accept srv\n\
                  recv srv\nsendto srv hello\n";
    let (steps, _) = run_json(script, &[]);
    let accept_first = "srv is listening, and no connection was accepted from it yet: \
                        conn = accept srv first, then send and recv on conn";
    let send = step(&steps, "send srv hello");
    assert_errno(send, "EPIPE");
    assert_eq!(why(send), LISTENER_DATA);
    assert_eq!(notes(send), [accept_first]);
    let connect = step(&steps, "connect srv cli");
    assert_errno(connect, "EISCONN");
    assert_eq!(
        why(connect),
        "this socket is listening: it takes connections, it cannot make one — a client is a socket of its own (socket, then connect)"
    );
    assert_eq!(notes(connect), [accept_first]);
    let recv = step(&steps, "recv srv");
    assert_errno(recv, "ENOTCONN");
    assert_eq!(why(recv), LISTENER_DATA);
    assert_eq!(
        notes(recv),
        ["srv is listening; data goes over the accepted socket: conn"]
    );
}

const RCVTIMEO_RAN_OUT: &str = "SO_RCVTIMEO ran out: the socket is blocking, but its wait is cut short after that long, and nothing came in time — EAGAIN is how that timeout ends (the socket is not nonblocking)";

/// EAGAIN after SO_RCVTIMEO (accept, recv) or SO_SNDTIMEO (send) says the
/// timeout ran out; a nonblocking socket, or MSG_DONTWAIT, keeps the
/// table's note. (100ms is a whole number of clock ticks at any HZ.)
#[test]
fn eagain_after_a_timeout_says_the_timeout_ran_out() {
    let script = "srv = socket\nbind srv 127.0.0.1:0\nsetsockopt srv SO_RCVTIMEO 100ms\nlisten srv\n\
                  accept srv\ncli = socket\nsetsockopt cli SO_SNDBUF 4096\nconnect cli srv\n\
                  conn = accept srv\nsetsockopt conn SO_RCVBUF 4096\n\
                  setsockopt conn SO_RCVTIMEO 100ms\nrecv conn\nrecv conn 10 dontwait\n\
                  setsockopt cli SO_SNDTIMEO 100ms\nsend cli \"x\"*4000000\nsend cli \"x\"*4000000\n\
                  nonblock srv on\naccept srv\n";
    let (steps, _) = run_json(script, &[]);
    let tail =
        "is 100ms (the kernel counts it in clock ticks, rounding up): the call waited that long";
    let accept = nth_step(&steps, "accept srv", 0);
    assert_errno(accept, "EAGAIN");
    assert_eq!(why(accept), RCVTIMEO_RAN_OUT);
    assert_eq!(notes(accept), [format!("SO_RCVTIMEO on srv {tail}")]);
    let recv = step(&steps, "recv conn");
    assert_errno(recv, "EAGAIN");
    assert_eq!(why(recv), RCVTIMEO_RAN_OUT);
    assert_eq!(notes(recv), [format!("SO_RCVTIMEO on conn {tail}")]);
    // The first fills the buffers (a part is sent); the second waits.
    let send = nth_step(&steps, "send cli \"x\"*4000000", 1);
    assert_errno(send, "EAGAIN");
    assert_eq!(
        why(send),
        "SO_SNDTIMEO ran out: the socket is blocking, but its wait for room in the send buffer (the peer is not reading) is cut short after that long — EAGAIN is how that timeout ends (the socket is not nonblocking)"
    );
    assert_eq!(notes(send), [format!("SO_SNDTIMEO on cli {tail}")]);
    // It never waited: the table's notes.
    let dontwait = step(&steps, "recv conn 10 dontwait");
    assert_errno(dontwait, "EAGAIN");
    assert_eq!(
        why(dontwait),
        "nothing to read yet: the socket is nonblocking (or MSG_DONTWAIT), or SO_RCVTIMEO ran out"
    );
    assert!(notes(dontwait).is_empty());
    let nonblocking = nth_step(&steps, "accept srv", 1);
    assert_errno(nonblocking, "EAGAIN");
    assert_eq!(
        why(nonblocking),
        "the listener is nonblocking and no connection is waiting"
    );
}

/// connect on a blocking socket with SO_SNDTIMEO: when the handshake
/// takes longer (the lab's link holds the SYN), the timeout cuts connect's
/// wait short with EINPROGRESS, and the why says so — not "nonblocking".
#[test]
fn connect_whose_sndtimeo_ran_out_says_so() {
    let Some(steps) = run_lab(
        "srv = socket tcp @b\nbind srv b:80\nlisten srv\ncli = socket tcp @a\n\
         setsockopt cli SO_SNDTIMEO 100ms\nlink hold\nconnect cli b:80\n",
    ) else {
        return;
    };
    let connect = step(&steps, "connect cli b:80");
    assert_errno(connect, "EINPROGRESS");
    assert_eq!(
        why(connect),
        "SO_SNDTIMEO ran out while connect waited for the handshake: the socket is blocking, but connect's wait is cut short after that long, and the handshake goes on — await H ESTABLISHED (or poll H out), then getsockopt H SO_ERROR"
    );
    assert_eq!(
        notes(connect),
        [
            "SO_SNDTIMEO on cli is 100ms (the kernel counts it in clock ticks, rounding up): the call waited that long"
        ]
    );
}
