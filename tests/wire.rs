//! The wire view on real loopback traffic: the segments each step caused,
//! in `--json`, and `wire save` read back with a pcap parser. Needs
//! CAP_NET_RAW (root here and in CI); without it the tests say so and pass
//! nothing off as checked.

mod common;

use common::*;
use serde_json::Value;

/// Whether this process may open a packet socket (what `wire on` needs).
fn can_capture() -> bool {
    let (steps, _) = run_json("wire on\n", &[]);
    let ok = steps[0]["ok"] == true;
    if !ok {
        eprintln!("skipped: no CAP_NET_RAW here ({})", steps[0]["error"]);
    }
    ok
}

fn flags(segment: &Value) -> Vec<String> {
    segment["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect()
}

fn wire<'a>(steps: &'a [Value], input: &str) -> &'a Vec<Value> {
    step(steps, input)["wire"]
        .as_array()
        .unwrap_or_else(|| panic!("{input}: no wire key:\n{}", dump(steps)))
}

#[test]
fn handshake_data_and_fin_in_json() {
    if !can_capture() {
        return;
    }
    let script = format!("wire on\n{CONNECTED}send cli hi\nshutdown cli write\n");
    let (steps, output) = run_json(&script, &[]);
    assert!(output.status.success(), "{}", dump(&steps));

    let handshake = wire(&steps, "connect cli srv");
    let shape: Vec<(String, String, Vec<String>)> = handshake
        .iter()
        .map(|s| {
            (
                s["from"].as_str().unwrap().into(),
                s["to"].as_str().unwrap().into(),
                flags(s),
            )
        })
        .collect();
    assert_eq!(
        shape,
        vec![
            ("cli".into(), "srv".into(), vec!["SYN".to_string()]),
            (
                "srv".into(),
                "cli".into(),
                vec!["SYN".to_string(), "ACK".to_string()]
            ),
            ("cli".into(), "srv".into(), vec!["ACK".to_string()]),
        ],
        "{handshake:?}"
    );
    // Sequence numbers count from each side's SYN.
    assert_eq!(handshake[0]["seq"], 0);
    assert_eq!(handshake[1]["ack"], 1);
    assert_eq!(handshake[2]["seq"], 1);

    let data = wire(&steps, "send cli hi");
    let sent = data
        .iter()
        .find(|s| s["from"] == "cli" && s["len"] == 2)
        .unwrap_or_else(|| panic!("no 2-byte segment from cli: {data:?}"));
    assert_eq!(sent["to"], "conn");
    assert!(flags(sent).contains(&"PSH".to_string()));

    let fin = wire(&steps, "shutdown cli write");
    assert!(
        fin.iter()
            .any(|s| s["from"] == "cli" && flags(s).contains(&"FIN".to_string())),
        "{fin:?}"
    );
    // Off, a step has no wire key at all.
    let (plain, _) = run_json(CONNECTED, &[]);
    assert!(step(&plain, "connect cli srv").get("wire").is_none());
}

#[test]
fn wire_save_writes_the_segments_shown() {
    if !can_capture() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pcap = dir.path().join("session.pcap");
    let script = format!(
        "wire on\n{CONNECTED}send cli hello\nrecv conn\nclose cli\nclose conn\nwire save {}\n",
        pcap.display()
    );
    let (steps, output) = run_json(&script, &[]);
    assert!(output.status.success(), "{}", dump(&steps));
    let shown: Vec<(u16, u16, usize)> = steps
        .iter()
        .flat_map(|s| s["wire"].as_array().cloned().unwrap_or_default())
        .map(|s| {
            let port = |key: &str| {
                s[key]
                    .as_str()
                    .unwrap()
                    .rsplit(':')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap()
            };
            (
                port("src"),
                port("dst"),
                s["len"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    assert!(shown.len() >= 7, "{shown:?}");

    let mut reader = pcap_file::pcap::PcapReader::new(std::fs::File::open(&pcap).unwrap()).unwrap();
    assert_eq!(reader.header().datalink, pcap_file::DataLink::ETHERNET);
    let mut read = Vec::new();
    while let Some(packet) = reader.next_packet() {
        let packet = packet.unwrap();
        let sliced = etherparse::SlicedPacket::from_ethernet(&packet.data).unwrap();
        let Some(etherparse::TransportSlice::Tcp(tcp)) = sliced.transport else {
            panic!("not TCP: {sliced:?}");
        };
        read.push((
            tcp.source_port(),
            tcp.destination_port(),
            tcp.payload().len(),
        ));
    }
    assert_eq!(read, shown, "the pcap holds exactly the segments shown");
}

#[test]
fn wire_save_without_wire_on_is_a_usage_error() {
    let (steps, _) = run_json("wire save /tmp/never.pcap\nwire sideways\n", &[]);
    assert_eq!(
        steps[0]["error"],
        "the wire view is off: nothing was captured — wire on first"
    );
    assert!(
        steps[1]["error"]
            .as_str()
            .unwrap()
            .contains("'sideways' is not a wire setting")
    );
}

/// The transport protocol of every frame in a pcap file.
fn pcap_protocols(path: &std::path::Path) -> Vec<&'static str> {
    let mut reader = pcap_file::pcap::PcapReader::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut protocols = Vec::new();
    while let Some(packet) = reader.next_packet() {
        let packet = packet.unwrap();
        let sliced = etherparse::SlicedPacket::from_ethernet(&packet.data).unwrap();
        protocols.push(match sliced.transport {
            Some(etherparse::TransportSlice::Tcp(_)) => "tcp",
            Some(etherparse::TransportSlice::Udp(_)) => "udp",
            _ => "other",
        });
    }
    protocols
}

/// Another program's TCP exchange on the very port number of a socklab UDP
/// socket is not the session's: none of it is shown, none of it is saved.
#[test]
fn another_programs_traffic_on_a_shared_port_is_neither_shown_nor_saved() {
    use std::io::{BufRead, BufReader, Read, Write};
    if !can_capture() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pcap = dir.path().join("udp.pcap");
    let mut child = socklab()
        .args(["run", "-", "--json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let mut output = BufReader::new(child.stdout.take().unwrap());
    let mut next_step = || {
        let mut line = String::new();
        output.read_line(&mut line).unwrap();
        serde_json::from_str::<Value>(&line).unwrap()
    };
    // The TCP port is taken first and the UDP socket bound to its number
    // (the other way round, another test's TCP socket could hold the
    // number the kernel gave the UDP one).
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    input
        .write_all(format!("wire on\nu = socket udp\nbind u 127.0.0.1:{port}\n").as_bytes())
        .unwrap();
    next_step();
    next_step();
    let bound = next_step()["addr"].as_str().unwrap().to_string();
    assert_eq!(bound, format!("127.0.0.1:{port}"));

    // The foreign exchange: TCP on the same port number, with a secret.
    let mut client = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    let (mut server, _) = listener.accept().unwrap();
    client.write_all(b"password=hunter2").unwrap();
    let mut got = [0u8; 16];
    server.read_exact(&mut got).unwrap();
    drop((client, server, listener));

    input
        .write_all(format!("sendto u {bound} \"ours\"\nwire save {}\n", pcap.display()).as_bytes())
        .unwrap();
    drop(input);
    let sendto = next_step();
    let save = next_step();
    assert!(child.wait().unwrap().success());
    let shown = sendto["wire"].as_array().unwrap();
    assert!(
        shown.iter().all(|s| s["proto"] == "udp"),
        "only the session's own datagram: {shown:?}"
    );
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(save["ok"], true, "{save}");
    assert_eq!(pcap_protocols(&pcap), ["udp"], "the saved capture");
}

/// The capture keeps a bounded ring of frames: 400 datagrams of 60 KB
/// (24 MB) leave the last few MiB for `wire save`, which says how many
/// older frames were let go; memory stays small.
#[test]
fn the_capture_is_a_bounded_ring() {
    if !can_capture() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pcap = dir.path().join("ring.pcap");
    let mut script = String::from("wire on\nu = socket udp\nbind u 127.0.0.1:0\n");
    for _ in 0..400 {
        script.push_str("sendto u u \"x\"*60000\nrecvfrom u 65536\n");
    }
    script.push_str(&format!("wire save {}\n", pcap.display()));
    let output = run_with_stdin(script.as_bytes(), &[]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        &text[text.len().saturating_sub(2000)..]
    );
    let saved = pcap_protocols(&pcap).len();
    assert!((60..=80).contains(&saved), "4 MiB of 60 KB frames: {saved}");
    assert!(
        text.contains(&format!(
            "({} older frames were let go: the capture keeps the last 4 MiB)",
            400 - saved
        )),
        "{}",
        &text[text.len().saturating_sub(500)..]
    );
}

/// `wire save` never replaces a file unless told (--force), and never
/// writes through a symbolic link.
#[test]
fn wire_save_refuses_links_and_existing_files() {
    if !can_capture() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let existing = dir.path().join("existing");
    std::fs::write(&existing, "precious").unwrap();
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(dir.path().join("target"), &link).unwrap();
    let script = format!(
        "wire on\nwire save {e}\nwire save {l}\nwire save {e} --force\n",
        e = existing.display(),
        l = link.display()
    );
    let (steps, _) = run_json(&script, &[]);
    let error = |i: usize| steps[i]["error"].as_str().unwrap_or_default().to_string();
    assert!(
        error(1).contains("add --force to replace it"),
        "{}",
        error(1)
    );
    assert!(error(2).contains("symbolic link"), "{}", error(2));
    assert!(
        !dir.path().join("target").exists(),
        "nothing written through the link"
    );
    assert_eq!(steps[3]["ok"], true, "{}", steps[3]);
    assert_ne!(std::fs::read(&existing).unwrap(), b"precious");
}

/// The ICMP "port unreachable" that answers a UDP datagram to a closed
/// port is shown under the send that drew it, with the datagram it quotes:
/// the reason the connected socket's next call gets ECONNREFUSED.
#[test]
fn icmp_port_unreachable_is_shown_with_the_datagram_it_answers() {
    if !can_capture() {
        return;
    }
    let script = "wire on\nu = socket udp\nconnect u 127.0.0.1:9\nsend u hi\nsend u again\n";
    let (steps, _) = run_json(script, &[]);
    let shown = wire(&steps, "send u hi");
    assert_eq!(shown.len(), 2, "{shown:?}");
    assert_eq!(shown[0]["proto"], "udp");
    let icmp = &shown[1];
    assert_eq!(icmp["proto"], "icmp", "{icmp}");
    assert_eq!(icmp["icmp"], "port unreachable");
    assert_eq!(icmp["from"], "127.0.0.1:9");
    assert_eq!(icmp["to"], "u");
    assert_eq!(icmp["about"]["proto"], "udp");
    assert_eq!(icmp["about"]["len"], 2);
    assert_eq!(step(&steps, "send u again")["errno"], "ECONNREFUSED");
}
