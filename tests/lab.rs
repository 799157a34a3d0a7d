//! The network lab through the binary (`socklab run --lab --json`): real
//! network namespaces that socklab makes itself, real segments on a veth
//! link it relays. Each command of the lab's language, its JSON, its
//! errors, and the absence of any route out of the lab.

mod common;

use common::*;
use serde_json::Value;

fn lab(script: &str) -> Option<Vec<Value>> {
    run_lab(script)
}

fn wire(step: &Value) -> Vec<Value> {
    step["wire"].as_array().cloned().unwrap_or_default()
}

/// (flags, fate, held) of each segment under a step.
fn fates(step: &Value) -> Vec<(String, String, Value)> {
    wire(step)
        .iter()
        .map(|s| {
            let flags: Vec<String> = s["flags"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap().to_string())
                .collect();
            (
                flags.join(","),
                s["fate"].as_str().unwrap_or_default().to_string(),
                s["held"].clone(),
            )
        })
        .collect()
}

const LISTENER: &str = "srv = socket tcp @b\nbind srv b:80\nlisten srv\ncli = socket tcp @a\n";

#[test]
fn held_segments_are_numbered_and_delivered_in_order_or_by_number() {
    let script = format!(
        "link hold\n{LISTENER}nonblock cli on\nconnect cli b:80\nlink\ndeliver\ndeliver #2\ndeliver\nconn = accept srv\n"
    );
    let Some(steps) = lab(&script) else { return };
    let connect = step(&steps, "connect cli b:80");
    assert_eq!(connect["errno"], "EINPROGRESS");
    assert_eq!(
        fates(connect),
        [("SYN".into(), "held".into(), Value::from(1))]
    );
    assert_eq!(wire(connect)[0]["from"], "cli");
    assert_eq!(wire(connect)[0]["to"], "srv");
    let shown = step(&steps, "link")["output"].to_string();
    assert!(shown.contains("#1 a->b"), "{shown}");

    // The SYN reaches b: SYN+ACK held #2, and a half-open connection.
    let first = nth_step(&steps, "deliver", 0);
    assert_eq!(
        fates(first),
        [
            ("SYN".into(), "delivered".into(), Value::from(1)),
            ("SYN,ACK".into(), "held".into(), Value::from(2)),
        ]
    );
    let half_open = first["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["to"] == "SYN_RECV")
        .unwrap_or_else(|| panic!("no SYN_RECV line: {first}"));
    assert_eq!(half_open["no_fd"], true);
    assert!(
        half_open["handle"]
            .as_str()
            .unwrap()
            .starts_with("srv (half-open from 192.0.2.1:")
    );

    // #2 by number: the client is ESTABLISHED, its ACK held #3.
    let by_number = step(&steps, "deliver #2");
    assert_eq!(by_number["states"]["cli"], "ESTABLISHED");
    assert_eq!(
        fates(by_number)[1],
        ("ACK".into(), "held".into(), Value::from(3))
    );
    let last = nth_step(&steps, "deliver", 1);
    assert_eq!(
        fates(last),
        [("ACK".into(), "delivered".into(), Value::from(3))]
    );
    let queued = &last["changes"][0];
    assert_eq!(
        (queued["from"].as_str(), queued["to"].as_str()),
        (Some("SYN_RECV"), Some("ESTABLISHED"))
    );
    assert_eq!(step(&steps, "conn = accept srv")["ok"], true);
}

/// `link`'s JSON: whether frames cross in the kernel now, and why not
/// where the lab has no kernel path.
fn in_kernel(link: &Value) -> (bool, Value) {
    let fields = &link["fields"]["link"];
    (
        fields["in_kernel"].as_bool().expect("in_kernel"),
        fields["no_kernel_path"].clone(),
    )
}

/// As root, a plain link crosses in the kernel (a tc program hands each
/// frame to the other host and copies it to the relay); anything more
/// than a plain wire takes the relay's way from the very next frame, and
/// the plain wire the kernel's again once the relay has nothing left.
/// What is shown is the same either way: every segment with its whole
/// length and its data's start, and the link's counters.
#[test]
fn a_plain_link_crosses_in_the_kernel_and_hold_takes_the_next_frame_back() {
    let script = format!(
        "{LISTENER}connect cli b:80\nconn = accept srv\nlink\nsend cli \"ab\"*1500\nrecv conn 4000\n\
         link hold\nlink\nsend cli held\nlink pass\ndeliver all\nsend cli again\nlink\n"
    );
    let Some(steps) = lab(&script) else { return };
    let plain = nth_step(&steps, "link", 0);
    let (fast, why) = in_kernel(plain);
    if !nix::unistd::geteuid().is_root() {
        // Not root: BPF is refused, the relay reads the cables, and `link`
        // says why.
        assert!(!fast && why.is_string(), "{plain}");
        return;
    }
    assert!(
        fast && why.is_null(),
        "as root a plain link is the kernel's: {plain}"
    );
    // 3,000 bytes cross in MSS-sized segments, each shown with its whole
    // length (the relay has only each frame's start), passed.
    let send = step(&steps, "send cli \"ab\"*1500");
    let data: Vec<Value> = wire(send)
        .into_iter()
        .filter(|s| s["from"] == "cli")
        .map(|s| s["len"].clone())
        .collect();
    let total: u64 = data.iter().map(|l| l.as_u64().unwrap()).sum();
    assert_eq!(total, 3000, "{send}");
    assert!(data.len() >= 3, "{send}");
    assert!(
        fates(send).iter().all(|(_, fate, _)| fate == "passed"),
        "{send}"
    );
    assert_eq!(step(&steps, "recv conn 4000")["ret"], 3000);

    // `link hold`: the next frame is held, not passed by the kernel.
    assert!(!in_kernel(nth_step(&steps, "link", 1)).0);
    assert_eq!(
        fates(step(&steps, "send cli held")),
        [("PSH,ACK".into(), "held".into(), Value::from(1))]
    );
    // Delivered, passing again, quiet: the kernel's way once more, and the
    // link's counters count what the kernel passed too.
    let last = nth_step(&steps, "link", 2);
    assert!(in_kernel(last).0, "{last}");
    let a_to_b = &last["fields"]["link"]["a->b"];
    assert!(a_to_b["passed"].as_u64().unwrap() >= 7, "{a_to_b}");
    assert!(a_to_b["bytes"].as_u64().unwrap() > 3000, "{a_to_b}");
    // Everything was read: nothing passed unrecorded (tests/lab_ring.rs
    // fills a small ring to see the counts move).
    let link = &last["fields"]["link"];
    assert_eq!(
        (&link["unrecorded_passed"], &link["unrecorded_dropped"]),
        (&Value::from(0), &Value::from(0))
    );
}

/// `wire save` in the lab: every frame that reached the link, once, as it
/// arrived — a held frame when it was held, not again when delivered; a
/// frame the kernel passed kept by its first 192 bytes with its whole
/// length recorded (as `tcpdump -s 192`), others whole.
#[test]
fn wire_save_in_the_lab_writes_every_frame_that_reached_the_link_once() {
    let dir = tempfile::tempdir().unwrap();
    let pcap = dir.path().join("lab.pcap");
    let script = format!(
        "{LISTENER}connect cli b:80\nconn = accept srv\nsend cli \"ab\"*1500\nrecv conn 4000\n\
         link hold\nsend cli held\ndeliver all\nlink pass\nlink\nwire save {}\n",
        pcap.display()
    );
    let Some(steps) = lab(&script) else { return };
    let save = step(&steps, &format!("wire save {}", pcap.display()));
    assert_eq!(save["ok"], true, "{save}");
    let in_kernel = step(&steps, "link")["fields"]["link"]["no_kernel_path"].is_null();
    // What the steps showed, less the deliveries of held frames.
    let shown: Vec<(u16, usize)> = steps
        .iter()
        .flat_map(wire)
        .filter(|s| s["fate"] != "delivered")
        .map(|s| {
            let src: std::net::SocketAddr = s["src"].as_str().unwrap().parse().unwrap();
            (src.port(), s["len"].as_u64().unwrap() as usize)
        })
        .collect();
    let mut reader = pcap_file::pcap::PcapReader::new(std::fs::File::open(&pcap).unwrap()).unwrap();
    let mut read = Vec::new();
    let mut held = 0;
    while let Some(packet) = reader.next_packet() {
        let packet = packet.unwrap();
        let whole = packet.orig_len as usize;
        let kept = packet.data.len();
        let sliced = etherparse::LaxSlicedPacket::from_ethernet(&packet.data).unwrap();
        let Some(etherparse::TransportSlice::Tcp(tcp)) = sliced.transport else {
            panic!("not TCP: {sliced:?}");
        };
        let headers = kept - tcp.payload().len();
        read.push((tcp.source_port(), whole - headers));
        // Cut short only where the kernel passed it, and then at 192.
        assert!(
            kept == whole || (in_kernel && kept == 192),
            "{kept} of {whole}"
        );
        if tcp.payload() == b"held" {
            held += 1;
        }
    }
    assert_eq!(
        read, shown,
        "the pcap holds each segment that reached the link, once"
    );
    assert_eq!(held, 1);
    if in_kernel {
        assert!(read.iter().any(|&(_, len)| len == 1448));
    }
}

#[test]
fn drop_takes_held_segments_and_the_next_forms_act_per_direction() {
    let script = format!(
        "{LISTENER}connect cli b:80\nconn = accept srv\n\
         setsockopt cli TCP_NODELAY on\nlink hold a->b\nsend cli one\nsend cli two\ndrop all\nlink pass\n\
         drop next b->a\ndup next a->b\nsend cli three\n\
         corrupt next\nsend conn four\nrecv cli\n"
    );
    let Some(steps) = lab(&script) else { return };
    let dropped = step(&steps, "drop all");
    assert_eq!(
        fates(dropped),
        [
            ("PSH,ACK".into(), "dropped".into(), Value::from(1)),
            ("PSH,ACK".into(), "dropped".into(), Value::from(2)),
        ]
    );
    // a->b: the data duplicated; b->a: its ACK dropped (the next b->a).
    let three = fates(step(&steps, "send cli three"));
    assert_eq!(
        three[0],
        ("PSH,ACK".into(), "duplicated".into(), Value::Null)
    );
    assert!(
        three.iter().any(|f| f.0 == "ACK" && f.1 == "dropped"),
        "{three:?}"
    );
    // Either way: the next segment, here b->a, is corrupted; the receiver
    // throws it away, the sender sends it again, it arrives intact.
    let four = step(&steps, "send conn four");
    assert_eq!(fates(four)[0].1, "corrupted");
    assert_eq!(data(step(&steps, "recv cli")), b"four");
}

#[test]
fn hosts_go_down_come_up_and_crash() {
    let script = format!(
        "{LISTENER}connect cli b:80\nconn = accept srv\n\
         host b down\nsend cli lost\nhost b up\nawait link 3s\nhost b crash\nsend cli late\nrecv cli\n"
    );
    let Some(steps) = lab(&script) else { return };
    assert!(
        step(&steps, "host b down")["output"]
            .to_string()
            .contains("host b is down")
    );
    let lost = step(&steps, "send cli lost");
    assert!(fates(lost).iter().all(|f| f.1 == "lost"), "{lost}");
    // Back up: the kernel sends the lost bytes again when its timer fires.
    let again = fates(step(&steps, "await link 3s"));
    assert_eq!(
        again[0],
        ("PSH,ACK".into(), "passed".into(), Value::Null),
        "{again:?}"
    );
    let crash = step(&steps, "host b crash");
    let gone: Vec<&str> = crash["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["handle"].as_str().unwrap())
        .collect();
    assert_eq!(gone, ["srv", "conn"]);
    let late = step(&steps, "send cli late");
    assert!(fates(late).iter().any(|f| f.0 == "RST"), "{late}");
    assert_eq!(step(&steps, "recv cli")["errno"], "ECONNRESET");
}

#[test]
fn sysctl_reads_and_sets_a_hosts_own_settings_and_refuses_the_rest() {
    let script = "sysctl a net.ipv4.tcp_syn_retries=2\nsysctl a net.ipv4.tcp_syn_retries\nsysctl b net.ipv4.tcp_syn_retries\nsysctl a net.core.wmem_max=1\nsysctl a kernel.hostname\n";
    let Some(steps) = lab(script) else { return };
    assert_eq!(
        step(&steps, "sysctl a net.ipv4.tcp_syn_retries=2")["value"],
        "2"
    );
    assert_eq!(
        step(&steps, "sysctl a net.ipv4.tcp_syn_retries")["value"],
        "2"
    );
    assert_eq!(
        step(&steps, "sysctl b net.ipv4.tcp_syn_retries")["value"],
        "6",
        "each host its own"
    );
    assert!(
        step(&steps, "sysctl a net.core.wmem_max=1")["error"]
            .as_str()
            .unwrap()
            .contains("is not a setting a lab host may have")
    );
    assert!(
        step(&steps, "sysctl a kernel.hostname")["error"]
            .as_str()
            .unwrap()
            .contains("help sysctl")
    );
}

/// The lab's addresses exist only inside its namespaces: there is no
/// route out of a host, and a host reaches only the other one.
#[test]
fn there_is_no_route_out_of_the_lab() {
    let script = "c = socket tcp\nconnect c 10.0.0.1:80\nd = socket tcp\nconnect d 8.8.8.8:53\nu = socket udp\nsendto u 198.51.100.1:9 hi\ne = socket tcp6\nconnect e [2001:db9::1]:80\nf = socket tcp @b\nconnect f 127.0.0.53:53\n";
    let Some(steps) = lab(script) else { return };
    for line in [
        "connect c 10.0.0.1:80",
        "connect d 8.8.8.8:53",
        "sendto u 198.51.100.1:9 hi",
        "connect e [2001:db9::1]:80",
    ] {
        assert_eq!(step(&steps, line)["errno"], "ENETUNREACH", "{line}");
    }
    // Each host's loopback is its own: nothing of the machine's is there.
    assert_eq!(
        step(&steps, "connect f 127.0.0.53:53")["errno"],
        "ECONNREFUSED"
    );
}

#[test]
fn the_lab_s_usage_errors_say_what_would_be_right() {
    let script = "deliver\nlink hold sideways\ndrop #9\nsocket tcp @c\nhost c\ndup\nlink hold\ns = socket udp @b\nbind s b:9\nt = socket udp\nsendto t b:9 x\ndrop #7\n";
    let Some(steps) = lab(script) else { return };
    let error = |line: &str| {
        step(&steps, line)["error"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        error("deliver").contains("nothing is held on the link"),
        "{}",
        error("deliver")
    );
    assert!(
        error("link hold sideways").contains("'sideways' is not a direction — write a->b or b->a")
    );
    assert!(
        error("socket tcp @c").contains("'c' is not a host of the lab — the hosts are a and b")
    );
    assert!(error("host c").contains("the hosts are a and b"));
    assert!(error("dup").contains("dup next"));
    assert!(
        error("drop #7").contains("no segment #7 is held — held now: #1"),
        "{}",
        error("drop #7")
    );

    // Outside the lab, its words say how to start it.
    let (steps, _) = run_json("socket tcp @b\nlink\n", &[]);
    assert!(
        steps[0]["error"]
            .as_str()
            .unwrap()
            .contains("start socklab --lab")
    );
    assert!(
        steps[1]["error"]
            .as_str()
            .unwrap()
            .contains("start socklab --lab")
    );
}
