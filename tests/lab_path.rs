//! The lab's link as a path (issue 14), through the binary: delay, loss,
//! rate and its queue, the seed that makes every random choice the same
//! twice, the counters `link` shows, and the usage errors of each property.

mod common;

use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

fn lab(script: &str) -> Option<Vec<Value>> {
    run_lab(script)
}

/// The fates of the segments under every step, in order: "a->b lost".
fn all_fates(steps: &[Value]) -> Vec<String> {
    steps
        .iter()
        .flat_map(|s| s["wire"].as_array().cloned().unwrap_or_default())
        .map(|w| {
            format!(
                "{}->{} {}",
                w["from"],
                w["to"],
                w["fate"].as_str().unwrap_or("")
            )
        })
        .collect()
}

/// `link`'s counters for a direction, from its JSON.
fn counters<'a>(steps: &'a [Value], nth: usize, dir: &str) -> &'a Value {
    &nth_step(steps, "link", nth)["fields"]["link"][dir]
}

const UDP: &str = "u = socket udp @b\nbind u b:9\nc = socket udp @a\n";

fn datagrams(n: usize) -> String {
    (0..n)
        .map(|k| format!("sendto c b:9 \"d{k:02}\"\n"))
        .collect()
}

#[test]
fn loss_of_100_percent_one_way_drops_every_segment_that_way_only() {
    let script = format!(
        "{UDP}link loss 100% a->b\n{}recv u 100 dontwait\nsendto u 192.0.2.1:7 back\nlink\n",
        datagrams(5)
    );
    let Some(steps) = lab(&script) else { return };
    let fates = all_fates(&steps);
    assert_eq!(
        fates.iter().filter(|f| f.ends_with(" lost")).count(),
        5,
        "{fates:#?}"
    );
    assert_eq!(step(&steps, "recv u 100 dontwait")["errno"], "EAGAIN");
    let a_to_b = counters(&steps, 0, "a->b");
    assert_eq!(a_to_b["lost"], 5, "{a_to_b}");
    assert_eq!(a_to_b["passed"], 0);
    assert_eq!(a_to_b["loss"], 1.0);
    // The other way has no loss: the datagram b sent crossed.
    let b_to_a = counters(&steps, 0, "b->a");
    assert_eq!(b_to_a["lost"], 0, "{b_to_a}");
    assert!(b_to_a["passed"].as_u64().unwrap() >= 1, "{b_to_a}");
}

#[test]
fn the_same_seed_loses_the_same_segments_and_another_seed_others() {
    let script = |seed: u64| {
        format!(
            "link seed {seed}\nlink loss 30%\n{UDP}{}link\n",
            datagrams(40)
        )
    };
    let Some(first) = lab(&script(7)) else { return };
    let Some(again) = lab(&script(7)) else { return };
    let Some(other) = lab(&script(8)) else { return };
    // Which of the 40 datagrams were lost, by their place in order.
    let lost = |steps: &[Value]| -> Vec<usize> {
        all_fates(steps)
            .iter()
            .enumerate()
            .filter(|(_, f)| f.ends_with(" lost"))
            .map(|(k, _)| k)
            .collect()
    };
    assert_eq!(lost(&first), lost(&again), "seed 7 twice");
    assert_ne!(lost(&first), lost(&other), "seeds 7 and 8");
    let count = lost(&first).len();
    assert!((3..=25).contains(&count), "{count} of 40 lost at 30%");
    assert_eq!(counters(&first, 0, "a->b")["lost"], count);
    assert_eq!(nth_step(&first, "link", 0)["fields"]["link"]["seed"], 7);
}

#[test]
fn a_delay_each_way_makes_the_round_trip_time() {
    let script = "link delay 50ms\nsrv = socket tcp @b\nbind srv b:80\nlisten srv\ncli = socket tcp @a\nconnect cli b:80\ntcpinfo cli\nlink\n";
    let started = Instant::now();
    let Some(steps) = lab(script) else { return };
    let connect = step(&steps, "connect cli b:80");
    assert_eq!(connect["ret"], 0, "{connect}");
    let rtt_us = step(&steps, "tcpinfo cli")["fields"]["rtt_us"]
        .as_u64()
        .expect("rtt_us");
    // 50 ms each way: the handshake's round trip is 100 ms (and a loaded
    // machine adds, never takes away).
    assert!(
        (95_000..400_000).contains(&rtt_us),
        "rtt {rtt_us} µs with 50 ms each way"
    );
    assert!(started.elapsed() >= Duration::from_millis(100));
    let a_to_b = counters(&steps, 0, "a->b");
    assert_eq!(a_to_b["delay_ms"], 50.0);
    // The SYN crossed; the handshake's last ACK may still be on its way
    // (50 ms) when `link` looks.
    assert!(a_to_b["passed"].as_u64().unwrap() >= 1, "{a_to_b}");
}

#[test]
fn a_rate_of_1_mbit_carries_125000_bytes_in_about_a_second() {
    let transfer = |rate: &str| {
        format!(
            "{rate}srv = socket tcp @b\nbind srv b:80\nlisten srv\ncli = socket tcp @a\nconnect cli b:80\nconn = accept srv\nsendall cli \"x\"*125000 &\nrecvall conn 125000\nwait\nlink\n"
        )
    };
    let timed = |script: &str| {
        let started = Instant::now();
        let steps = lab(script)?;
        Some((started.elapsed(), steps))
    };
    let Some((fast, _)) = timed(&transfer("")) else {
        return;
    };
    let Some((slow, steps)) = timed(&transfer("link rate 1mbit\n")) else {
        return;
    };
    assert_eq!(step(&steps, "recvall conn 125000")["ret"], 125000);
    // 125,000 bytes and their headers at 1,000,000 bit/s: a little over 1 s.
    let extra = slow.saturating_sub(fast);
    assert!(
        extra >= Duration::from_millis(950) && extra <= Duration::from_millis(3000),
        "the rate added {extra:?}"
    );
    let a_to_b = counters(&steps, 0, "a->b");
    assert_eq!(a_to_b["rate_bps"], 1_000_000);
    assert!(a_to_b["bytes"].as_u64().unwrap() > 125_000, "{a_to_b}");
}

#[test]
fn a_full_queue_drops_its_tail_and_says_so() {
    // 1 kbit/s and a queue of 2: of five datagrams sent at once, the first
    // goes on the line, two wait, and the last two find the queue full.
    let script = format!("{UDP}link rate 1kbit queue 2 a->b\n{}link\n", datagrams(5));
    let Some(steps) = lab(&script) else { return };
    let a_to_b = counters(&steps, 0, "a->b");
    assert_eq!(a_to_b["queue_drops"], 2, "{a_to_b}");
    assert_eq!(a_to_b["queue_limit"], 2);
    let fates = all_fates(&steps);
    assert_eq!(
        fates.iter().filter(|f| f.ends_with(" queue full")).count(),
        2,
        "{fates:#?}"
    );
}

#[test]
fn the_paths_usage_errors_say_what_would_be_right() {
    let bad = [
        ("link loss 101%", "'101%' is not a loss from 0% to 100%"),
        ("link loss much", "write it like 2%, 0.5% or 100%"),
        ("link dup -1%", "'-1%' is not a duplication from 0% to 100%"),
        ("link delay 2m", "'2m' is not a delay from 0ms to 60s"),
        ("link delay 61s", "from 0ms to 60s"),
        (
            "link delay 10ms jitter x",
            "'x' is not a jitter from 0ms to 60s",
        ),
        (
            "link rate 10mbps",
            "'10mbps' is not a rate from 1kbit to 10gbit",
        ),
        ("link rate 100bit", "from 1kbit to 10gbit"),
        ("link queue 0", "a number of packets from 1 to 100000"),
        ("link seed x", "seed must be a whole number"),
        ("link loss 2% sideways", "'sideways' is not a direction"),
        ("link warp 9", "'warp' is not a link mode"),
    ];
    let script: String = bad.iter().map(|(line, _)| format!("{line}\n")).collect();
    let Some(steps) = lab(&script) else { return };
    for (line, expected) in bad {
        let error = step(&steps, line)["error"].as_str().unwrap_or_default();
        assert!(error.contains(expected), "{line}: {error}");
    }
}

#[test]
fn dup_corrupt_and_reorder_each_do_what_they_say_and_are_counted() {
    let recvs = |n: usize| "recv u 100 dontwait\n".repeat(n);
    // Every datagram twice: six arrive for three sent.
    let script = format!(
        "{UDP}link dup 100% a->b\n{}{}link\n",
        datagrams(3),
        recvs(7)
    );
    let Some(steps) = lab(&script) else { return };
    let got: Vec<&Value> = steps
        .iter()
        .filter(|s| s["input"] == "recv u 100 dontwait")
        .map(|s| &s["ret"])
        .collect();
    assert_eq!(
        got.iter().filter(|r| r.as_i64() == Some(3)).count(),
        6,
        "{got:?}"
    );
    assert_eq!(counters(&steps, 0, "a->b")["duplicated"], 3);

    // A flipped bit with the checksum as it was: b's kernel drops each.
    let script = format!(
        "{UDP}link corrupt 100% a->b\n{}{}link\n",
        datagrams(3),
        recvs(1)
    );
    let Some(steps) = lab(&script) else { return };
    assert_eq!(step(&steps, "recv u 100 dontwait")["errno"], "EAGAIN");
    assert_eq!(counters(&steps, 0, "a->b")["corrupted"], 3);

    // The first is held back until the second has gone: b reads d01 first.
    let script = format!(
        "{UDP}link reorder 100% a->b\nsendto c b:9 \"d00\"\nsendto c b:9 \"d01\"\n{}link\n",
        recvs(2)
    );
    let Some(steps) = lab(&script) else { return };
    let texts: Vec<&Value> = steps
        .iter()
        .filter(|s| s["input"] == "recv u 100 dontwait")
        .map(|s| &s["text"])
        .collect();
    assert_eq!(
        texts,
        [&Value::from("d01"), &Value::from("d00")],
        "{texts:?}"
    );
    assert_eq!(counters(&steps, 0, "a->b")["reordered"], 1);
}

#[test]
fn drain_reads_a_bulk_transfer_to_eof_and_wire_summary_counts_it() {
    let script = "srv = socket tcp @b\nbind srv b:80\nlisten srv\ncli = socket tcp @a\nconnect cli b:80\nconn = accept srv\nwire summary\ndrain conn &\nsendall cli \"x\"*200000\nshutdown cli write\nwait\n";
    let Some(steps) = lab(script) else { return };
    let drained = steps
        .iter()
        .find(|s| s["verb"] == "drain" && s["background"] == "result")
        .expect("drain's result");
    let figures = &drained["fields"]["drain"];
    assert_eq!(figures["received"], 200000, "{drained}");
    assert_eq!(figures["eof"], true);
    assert!(figures["calls"].as_u64().unwrap() >= 2, "{figures}");
    // The summary: every data byte that crossed a->b, counted once.
    let bytes: u64 = steps
        .iter()
        .flat_map(|s| s["wire_summary"].as_array().cloned().unwrap_or_default())
        .filter(|w| w["from"] == "cli" && w["to"] == "conn")
        .map(|w| w["bytes"].as_u64().unwrap())
        .sum();
    assert_eq!(bytes, 200000);
    let output = run_with_stdin(script.as_bytes(), &["--lab"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("cli → conn") && text.contains("segments (") && text.contains("with data"),
        "{text}"
    );
    assert!(text.contains("200000 bytes in"), "{text}");
    assert!(!text.contains("len=1448"), "no line per segment: {text}");
}

#[test]
fn one_lost_segment_among_many_is_resent_at_once_not_after_the_rto() {
    // Reno, 10 ms each way; the burst's first segment is lost. Sampling
    // every 5 ms from just before the burst says when the retransmission
    // happened: about a round trip later (fast retransmit), well before
    // the 200 ms a retransmission timeout takes at the least.
    let script = "sysctl a net.ipv4.tcp_congestion_control=reno\nlink delay 10ms\nsrv = socket tcp @b\nbind srv b:80\nlisten srv\ncli = socket tcp @a\nconnect cli b:80\nconn = accept srv\nsample cli every 5ms for 400ms &\ndrop next a->b\nsendall cli \"x\"*30000\nrecvall conn 30000\nwait\n";
    let Some(steps) = lab(script) else { return };
    assert_eq!(step(&steps, "recvall conn 30000")["ret"], 30000);
    let sample = steps
        .iter()
        .find(|s| s["verb"] == "sample" && s["background"] == "result")
        .expect("the samples");
    let samples = sample["fields"]["samples"].as_array().unwrap();
    let resent = samples
        .iter()
        .find(|s| s["retrans"].as_u64() >= Some(1))
        .unwrap_or_else(|| panic!("no retransmission sampled: {sample}"));
    let at = resent["t"].as_f64().unwrap();
    assert!(at < 0.15, "resent {at} s after the burst: {sample}");
    let last = samples.last().unwrap();
    assert_eq!(last["retrans"], 1, "one retransmission: {last}");
    assert!(!last["ssthresh"].is_null(), "Reno set ssthresh: {last}");
}

/// The samples of the one background `sample` in `steps`.
fn samples_of(steps: &[Value]) -> Vec<Value> {
    steps
        .iter()
        .find(|s| s["verb"] == "sample" && s["background"] == "result")
        .and_then(|s| s["fields"]["samples"].as_array().cloned())
        .expect("the samples")
}

fn transfer(setup: &str, sample: &str) -> String {
    format!(
        "sysctl a net.ipv4.tcp_congestion_control=reno\n{setup}srv = socket tcp @b\nbind srv b:80\nlisten srv\ncli = socket tcp @a\nconnect cli b:80\nconn = accept srv\nwire summary\ndrain conn &\n{sample} &\nsendall cli \"x\"*2000000 &\nwait 2\nwait 3\nclose cli\nwait 1\n"
    )
}

#[test]
fn slow_start_doubles_the_window_until_the_queue_overflows() {
    let script = transfer(
        "link delay 20ms\nlink rate 10mbit queue 64 a->b\n",
        "sample cli every 40ms for 800ms",
    );
    let Some(steps) = lab(&script) else { return };
    let samples = samples_of(&steps);
    assert_eq!(samples[0]["cwnd"], 10, "the initial window");
    // Before the first loss the window grows exponentially: past 80
    // segments (three doublings) within 0.4 s, with ssthresh unset.
    let before_loss: Vec<&Value> = samples.iter().take_while(|s| s["retrans"] == 0).collect();
    let peak = before_loss
        .iter()
        .map(|s| s["cwnd"].as_u64().unwrap())
        .max()
        .unwrap();
    assert!(peak >= 80, "peak {peak} before the first loss: {samples:?}");
    assert!(before_loss.iter().all(|s| s["ssthresh"].is_null()));
    // The queue overflowed: losses, and Reno set ssthresh below the peak.
    let last = samples.last().unwrap();
    assert!(last["retrans"].as_u64().unwrap() >= 1, "{last}");
    let ssthresh = last["ssthresh"].as_u64().expect("ssthresh set");
    assert!(ssthresh < peak, "ssthresh {ssthresh} peak {peak}");
}

#[test]
fn a_full_thousand_packet_queue_makes_the_round_trip_grow() {
    let script = transfer(
        "link delay 10ms\nlink rate 5mbit queue 1000 a->b\n",
        "sample cli every 250ms for 1500ms",
    );
    let Some(steps) = lab(&script) else { return };
    let samples = samples_of(&steps);
    let rtt = |s: &Value| s["rtt_ms"].as_f64().unwrap();
    let first = rtt(&samples[0]);
    let worst = samples.iter().map(rtt).fold(0.0, f64::max);
    // 20 ms on the empty path; each quarter second at 5 mbit/s adds ~125 ms
    // of queue.
    assert!(first < 100.0, "{samples:?}");
    assert!(
        worst > 400.0 && worst > 5.0 * first,
        "rtt {first} → {worst}"
    );
}

#[test]
fn a_congestion_control_the_machine_does_not_allow_a_host_is_refused_with_the_list() {
    let read = |name: &str| {
        std::fs::read_to_string(format!("/proc/sys/net/ipv4/{name}")).unwrap_or_default()
    };
    let allowed = read("tcp_allowed_congestion_control");
    let Some(refused) = read("tcp_available_congestion_control")
        .split_whitespace()
        .find(|a| !allowed.split_whitespace().any(|b| b == *a))
        .map(str::to_string)
    else {
        eprintln!("skipped: every available algorithm is allowed here");
        return;
    };
    let line = format!("sysctl a net.ipv4.tcp_congestion_control={refused}");
    let Some(steps) = lab(&format!(
        "{line}\nsysctl a net.ipv4.tcp_congestion_control=reno\n"
    )) else {
        return;
    };
    let error = step(&steps, &line)["error"].as_str().unwrap_or_default();
    assert!(
        error.contains("tcp_allowed_congestion_control") && error.contains(allowed.trim()),
        "{error}"
    );
}

/// The time (ms) between "a" reaching b and b's ACK of it leaving, with
/// b delaying its ACKs or not (the link has no delay: a crossing's time is
/// when it left).
fn ack_delay_ms(delayed: &str) -> Option<f64> {
    let script = format!(
        "host b delayed-ack {delayed}\nsrv = socket tcp @b\nbind srv b:80\nlisten srv\n\
         cli = socket tcp @a\nconnect cli b:80\nconn = accept srv\n\
         setsockopt conn TCP_QUICKACK 0\nsend cli a\nrecv conn\nawait link 1s\n"
    );
    let steps = lab(&script)?;
    let segments: Vec<&Value> = steps
        .iter()
        .flat_map(|s| {
            s["wire"]
                .as_array()
                .map(|w| w.iter().collect::<Vec<_>>())
                .unwrap_or_default()
        })
        .collect();
    let data = segments
        .iter()
        .find(|s| s["len"] == 1)
        .unwrap_or_else(|| panic!("no data segment: {}", dump(&steps)));
    let ack = segments
        .iter()
        .find(|s| s["from"] == "conn" && s["ack"] == 2)
        .unwrap_or_else(|| panic!("no ACK of the data: {}", dump(&steps)));
    Some((ack["t"].as_f64().unwrap() - data["t"].as_f64().unwrap()) * 1000.0)
}

#[test]
fn a_host_told_to_delay_its_acks_waits_for_its_timer_and_the_lab_s_hosts_do_not() {
    let Some(delayed) = ack_delay_ms("on") else {
        return;
    };
    // Linux's delayed-ACK timer: at least 40 ms (TCP_ATO_MIN); a loaded
    // machine makes it later, never sooner.
    assert!(
        (30.0..400.0).contains(&delayed),
        "delayed ACK after {delayed:.1} ms"
    );
    let Some(at_once) = ack_delay_ms("off") else {
        return;
    };
    assert!(at_once < 20.0, "quick ACK after {at_once:.1} ms");
}

#[test]
fn two_percent_loss_costs_throughput_against_the_same_path_without_loss() {
    let transfer = |n: u32| {
        format!(
            "cli{n} = socket tcp @a\nconnect cli{n} b:80\nconn{n} = accept srv\ndrain conn{n} &\n\
             sendall cli{n} \"x\"*500000\nshutdown cli{n} write\nwait\n"
        )
    };
    let script = format!(
        "sysctl a net.ipv4.tcp_congestion_control=reno\nlink seed 7\nlink delay 10ms\n\
         link rate 10mbit\nlink loss 2%\nsrv = socket tcp @b\n\
         bind srv b:80\nlisten srv\nwire summary\n{}link loss 0%\n{}",
        transfer(1),
        transfer(2)
    );
    let Some(steps) = lab(&script) else { return };
    let drained: Vec<&Value> = steps
        .iter()
        .filter(|s| s["verb"] == "drain" && s["background"] == "result")
        .map(|s| &s["fields"]["drain"])
        .collect();
    assert_eq!(drained.len(), 2, "{}", dump(&steps));
    for drain in &drained {
        // Every byte, then EOF, in both.
        assert_eq!(drain["received"], 500_000, "{drain}");
        assert_eq!(drain["eof"], true, "{drain}");
    }
    let seconds = |k: usize| drained[k]["seconds"].as_f64().unwrap();
    let (lossy, lossless) = (seconds(0), seconds(1));
    // 500 kB at 10 mbit/s is 0.4 s at best; without loss close to it (a
    // loaded machine adds), with loss the retransmissions and the window
    // cut cost more.
    assert!((0.38..3.0).contains(&lossless), "lossless {lossless:.3} s");
    // Reno halves its window at each loss: about half the path's rate at
    // 2 % (Mathis: MSS/RTT × 1.22/√p ≈ 5 Mbit/s here).
    assert!(
        lossy > 1.3 * lossless,
        "lossy {lossy:.3} s, lossless {lossless:.3} s"
    );
    eprintln!("lossy {lossy:.3} s, lossless {lossless:.3} s");
    let retransmitted: u64 = steps
        .iter()
        .filter_map(|s| s["wire_summary"].as_array())
        .flatten()
        .filter_map(|d| d["retransmitted"].as_u64())
        .sum();
    assert!(retransmitted > 0, "no retransmission with 2 % loss");
}
