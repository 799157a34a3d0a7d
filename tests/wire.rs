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
