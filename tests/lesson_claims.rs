//! What the lab lessons' narration says of this kernel's timers and counts
//! is what the kernel does: each claim names the sysctl that decides it,
//! the lesson must say it, and the lab's hosts must have that value (a
//! kernel whose defaults differ fails here, not silently in a classroom).
//! Lesson 44's SYN timing is also measured.

mod common;

use common::*;
use serde_json::Value;

/// (lesson, sysctl, its value on a fresh lab host, what the lesson says).
const CLAIMS: &[(&str, &str, &str, &str)] = &[
    (
        "44-lab-lost-syn",
        "net.ipv4.tcp_syn_linear_timeouts",
        "4",
        "net.ipv4.tcp_syn_linear_timeouts = 4 retries 1 s",
    ),
    (
        "44-lab-lost-syn",
        "net.ipv4.tcp_syn_retries",
        "6",
        "net.ipv4.tcp_syn_retries = 1",
    ),
    (
        "42-lab-close",
        "net.ipv4.tcp_rto_min_us",
        "200000",
        "(200 ms after the first here",
    ),
    (
        "45-lab-lost-data",
        "net.ipv4.tcp_rto_min_us",
        "200000",
        "at least 200 ms",
    ),
    (
        "56-lab-path-rto-backoff",
        "net.ipv4.tcp_rto_min_us",
        "200000",
        "the RTO starts at 200 ms",
    ),
    (
        "56-lab-path-rto-backoff",
        "net.ipv4.tcp_retries2",
        "15",
        "net.ipv4.tcp_retries2 tries",
    ),
    (
        "60-lab-path-user-timeout",
        "net.ipv4.tcp_retries2",
        "15",
        "net.ipv4.tcp_retries2: about 15",
    ),
];

fn lesson(name: &str) -> String {
    let path = format!("{}/transcripts/{name}.socklab", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The narration, as one line of text (a claim may wrap).
fn narration(text: &str) -> String {
    text.lines()
        .filter_map(|line| line.strip_prefix('#'))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_lessons_name_the_sysctls_that_decide_their_timers_and_the_lab_has_those_values() {
    for (name, sysctl, _, says) in CLAIMS {
        let told = narration(&lesson(name));
        assert!(told.contains(sysctl), "{name} does not name {sysctl}");
        assert!(told.contains(says), "{name} no longer says '{says}'");
    }
    let script: String = CLAIMS
        .iter()
        .map(|(_, sysctl, _, _)| format!("sysctl a {sysctl}\nsysctl b {sysctl}\n"))
        .collect();
    let Some(steps) = run_lab(&script) else {
        return;
    };
    for (name, sysctl, value, _) in CLAIMS {
        for host in ["a", "b"] {
            let read = step(&steps, &format!("sysctl {host} {sysctl}"));
            let shown = read["output"].to_string();
            assert!(
                shown.contains(&format!("{sysctl} = {value}\"")),
                "{name} is told with {sysctl} = {value}, but host {host} has: {shown}"
            );
        }
    }
}

/// The times (s) of the segments a step shows.
fn times(step: &Value) -> Vec<f64> {
    step["wire"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|s| s["t"].as_f64())
        .collect()
}

#[test]
fn a_held_syn_is_sent_again_1_s_apart_as_lesson_44_says() {
    // Lesson 44: "after 1 s … its first tcp_syn_linear_timeouts = 4
    // retries 1 s apart". Three retries, each awaited on the link.
    let script = "link hold\nsrv = socket tcp @b\nbind srv b:80\nlisten srv\ncli = socket tcp @a\n\
                  nonblock cli on\nconnect cli b:80\nawait link 5s\nawait link 5s\nawait link 5s\n";
    let Some(steps) = run_lab(script) else {
        return;
    };
    let mut sent = times(step(&steps, "connect cli b:80"));
    for n in 0..3 {
        sent.extend(times(nth_step(&steps, "await link 5s", n)));
    }
    assert_eq!(sent.len(), 4, "{}", dump(&steps));
    for pair in sent.windows(2) {
        let gap = pair[1] - pair[0];
        // The kernel's timer is 1 s; doubling (exponential backoff from
        // the first) would make the gaps 1, 2 and 4 s.
        assert!(
            (0.9..1.9).contains(&gap),
            "SYNs at {sent:?}: a gap of {gap:.2} s, not the 1 s lesson 44 tells"
        );
    }
}
