//! Segment roles checked against Wireshark (issue 30): lab lessons that
//! lose, copy, reorder, hold and probe segments are run as scripts with
//! `wire save FILE.pcap`, and the roles socklab gave each segment (its
//! `--json`) are compared, frame by frame, with what `tshark`'s TCP
//! analysis says of the same frames. Every difference fails, unless it is
//! one of the deliberate ones listed in `DELIBERATE` (and in docs/wire.md).

mod common;

use std::collections::BTreeSet;
use std::process::Command;

use common::*;
use serde_json::Value;

/// tshark's fields, each with the role name socklab gives the same thing.
const FIELDS: &[(&str, &str)] = &[
    ("tcp.analysis.retransmission", "retransmission"),
    ("tcp.analysis.fast_retransmission", "fast_retransmission"),
    (
        "tcp.analysis.spurious_retransmission",
        "spurious_retransmission",
    ),
    ("tcp.analysis.duplicate_ack_num", "dup_ack"),
    ("tcp.analysis.out_of_order", "out_of_order"),
    ("tcp.analysis.lost_segment", "previous_segment_not_seen"),
    ("tcp.analysis.ack_lost_segment", "ack_of_unseen_segment"),
    ("tcp.analysis.zero_window", "zero_window"),
    ("tcp.analysis.zero_window_probe", "zero_window_probe"),
    (
        "tcp.analysis.zero_window_probe_ack",
        "zero_window_probe_ack",
    ),
    ("tcp.analysis.window_full", "window_full"),
    ("tcp.analysis.window_update", "window_update"),
    ("tcp.analysis.keep_alive", "keep_alive"),
    ("tcp.analysis.keep_alive_ack", "keep_alive_ack"),
    ("tcp.options.sack.dsack_le", "dsack"),
];

/// socklab's own roles: Wireshark has no word for them.
const OWN: &[&str] = &["link_copy", "delivered_late", "bad_checksum"];

/// Differences made on purpose: (socklab's role, tshark's in its place
/// or "" for none, why). Also in docs/wire.md ("What socklab calls each
/// segment").
const DELIBERATE: &[(&str, &str, &str)] = &[
    (
        "zero_window_probe",
        "keep_alive",
        "Linux probes a zero window with no data, one byte before the next, as a keep-alive \
         is sent; socklab sees the window shut and says which it is",
    ),
    (
        "zero_window_probe_ack",
        "",
        "the answer to such a probe, the window still 0 (Wireshark answers only its own \
         one-byte probes)",
    ),
];

/// Whether the differences between `ours` and `theirs` are all deliberate.
fn excused(ours: &BTreeSet<String>, theirs: &BTreeSet<String>) -> bool {
    let (mut ours, mut theirs) = (ours.clone(), theirs.clone());
    for (mine, wireshark, _) in DELIBERATE {
        if ours.contains(*mine) && (wireshark.is_empty() || theirs.contains(*wireshark)) {
            ours.remove(*mine);
            theirs.remove(*wireshark);
        }
    }
    ours == theirs
}

/// The lessons compared, each run as a script in the lab, with roles
/// each must produce (so that agreeing is not agreeing on nothing).
const LESSONS: &[(&str, &[&str])] = &[
    ("45-lab-lost-data", &["retransmission"]),
    ("46-lab-duplicate", &["dup_ack", "dsack"]),
    ("48-lab-reorder", &["retransmission", "window_update"]),
    ("49-lab-keepalive", &["keep_alive"]),
    (
        "51-lab-zero-window",
        &[
            "zero_window",
            "window_full",
            "zero_window_probe",
            "zero_window_probe_ack",
        ],
    ),
    ("42-lab-close", &["retransmission", "dup_ack"]),
    ("43-lab-simultaneous", &["retransmission", "dsack"]),
    ("44-lab-lost-syn", &["retransmission"]),
    ("47-lab-corrupt", &["retransmission"]),
    (
        "54-lab-path-loss",
        &["dup_ack", "previous_segment_not_seen"],
    ),
    (
        "55-lab-path-fast-retransmit",
        &["dup_ack", "fast_retransmission"],
    ),
    ("56-lab-path-rto-backoff", &["retransmission"]),
];

fn tshark() -> Option<&'static str> {
    let found = Command::new("tshark").arg("--version").output();
    found.is_ok_and(|o| o.status.success()).then_some("tshark")
}

/// A lesson's lines, as a script that saves its frames at the end.
fn script(lesson: &str, pcap: &std::path::Path) -> String {
    let path = format!(
        "{}/transcripts/{lesson}.socklab",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("the lesson is there");
    let mut script: String = text
        .lines()
        // A question step (`?> `) is a step too.
        .filter_map(|line| line.strip_prefix("> ").or_else(|| line.strip_prefix("?> ")))
        .map(|line| format!("{line}\n"))
        .collect();
    script.push_str(&format!("wire save {}\n", pcap.display()));
    script
}

/// socklab's roles for each frame it saved, in order: its TCP segments,
/// each once as it reached the link (not again when delivered or dropped
/// by hand), up to `wire save` (what its own step shows came after).
fn socklab_roles(steps: &[Value]) -> Vec<(String, BTreeSet<String>)> {
    let saved = steps
        .iter()
        .position(|s| {
            s["input"]
                .as_str()
                .is_some_and(|i| i.starts_with("wire save"))
        })
        .unwrap_or(steps.len());
    steps[..saved]
        .iter()
        .flat_map(|s| s["wire"].as_array().cloned().unwrap_or_default())
        .filter(|w| w["proto"] == "tcp" && w.get("fragment").is_none())
        .filter(|w| !(w["fate"] == "delivered" || (w["fate"] == "dropped" && !w["held"].is_null())))
        .map(|w| {
            let line = format!(
                "{} → {} {} seq={} ack={} len={} win={} {}",
                w["from"], w["to"], w["flags"], w["seq"], w["ack"], w["len"], w["win"], w["fate"]
            );
            let roles = w["roles"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .filter(|r| !OWN.contains(r))
                .map(str::to_string)
                .collect();
            (line, roles)
        })
        .collect()
}

/// tshark's roles for each TCP frame of the pcap, in order.
fn tshark_roles(tshark: &str, pcap: &std::path::Path) -> Vec<BTreeSet<String>> {
    let mut command = Command::new(tshark);
    command
        .args(["-r"])
        .arg(pcap)
        .args(["-Y", "tcp", "-T", "fields", "-E", "separator=/t"]);
    for (field, _) in FIELDS {
        command.args(["-e", field]);
    }
    let output = command.output().expect("tshark runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| {
            let mut roles: BTreeSet<String> = line
                .split('\t')
                .zip(FIELDS)
                .filter(|(value, _)| !value.is_empty())
                .map(|(_, (_, role))| role.to_string())
                .collect();
            // A fast or spurious retransmission is a retransmission too, to
            // Wireshark; socklab names the kind only.
            if roles.contains("fast_retransmission") || roles.contains("spurious_retransmission") {
                roles.remove("retransmission");
            }
            roles
        })
        .collect()
}

/// Frames compared, agreements, deliberate differences, the other
/// differences, and the roles tshark found.
type Compared = (usize, usize, usize, Vec<String>, BTreeSet<String>);

/// A window filled on loopback (the wire view, not the lab): a receive
/// buffer of 2 KiB and a non-blocking sender.
const LOOPBACK_WINDOW_FULL: &str = "srv = socket tcp\nsetsockopt srv SO_RCVBUF 2048\n\
    bind srv 127.0.0.1:0\nlisten srv\nwire on\ncli = socket tcp\nconnect cli srv\n\
    conn = accept srv\nnonblock cli on\nsend cli \"x\"*100000\nrecv conn 100000\n";

/// Compares one lesson, run in the lab.
fn compare(tshark: &str, lesson: &str) -> Option<Compared> {
    compare_run(tshark, lesson, &["--lab"], |pcap| script(lesson, pcap))
}

/// Compares what `script` (given where to save its frames) does, run with `args`.
fn compare_run(
    tshark: &str,
    lesson: &str,
    args: &[&str],
    script: impl Fn(&std::path::Path) -> String,
) -> Option<Compared> {
    let dir = std::env::temp_dir().join(format!("socklab-roles-{}-{lesson}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let pcap = dir.join("frames.pcap");
    let (steps, output) = run_json(&script(&pcap), args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("user namespaces")
        || stderr.contains("cannot make a network namespace")
        || stderr.contains("CAP_NET_RAW")
    {
        eprintln!("skipped: {lesson} cannot run here: {stderr}");
        return None;
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
    let ours = socklab_roles(&steps);
    let theirs = tshark_roles(tshark, &pcap);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        ours.len(),
        theirs.len(),
        "{lesson}: socklab's TCP segments against the pcap's frames\n{ours:#?}\n{theirs:#?}"
    );
    let (mut agreed, mut deliberate, mut wrong) = (0, 0, Vec::new());
    for (k, ((line, ours), theirs)) in ours.iter().zip(&theirs).enumerate() {
        if ours == theirs {
            agreed += 1;
            continue;
        }
        match excused(ours, theirs) {
            true => deliberate += 1,
            false => wrong.push(format!(
                "frame {}: {line}\n  socklab {ours:?}\n  tshark  {theirs:?}",
                k + 1
            )),
        }
    }
    let seen = ours.iter().flat_map(|(_, roles)| roles).cloned().collect();
    Some((ours.len(), agreed, deliberate, wrong, seen))
}

#[test]
fn every_segment_s_roles_are_wireshark_s_in_the_lab_lessons() {
    let Some(tshark) = tshark() else {
        eprintln!("skipped: no tshark (.ci/run installs it)");
        return;
    };
    let mut wrong = Vec::new();
    for (lesson, expected) in LESSONS {
        let Some((frames, agreed, deliberate, differ, seen)) = compare(tshark, lesson) else {
            return;
        };
        eprintln!(
            "{lesson}: {frames} segments, {agreed} agree, {deliberate} deliberate differences; \
             roles {seen:?}"
        );
        for role in *expected {
            assert!(seen.contains(*role), "{lesson} gave no {role}: {seen:?}");
        }
        wrong.extend(differ.into_iter().map(|d| format!("{lesson} {d}")));
    }
    let loopback = compare_run(tshark, "loopback-window-full", &[], |pcap| {
        format!("{LOOPBACK_WINDOW_FULL}wire save {}\n", pcap.display())
    });
    if let Some((frames, agreed, deliberate, differ, seen)) = loopback {
        eprintln!(
            "loopback-window-full: {frames} segments, {agreed} agree, {deliberate} deliberate \
             differences; roles {seen:?}"
        );
        // (Whether the window reaches 0 before the step ends depends on
        // the machine's pace: only its filling is certain.)
        assert!(
            seen.contains("window_full"),
            "loopback gave no window_full: {seen:?}"
        );
        wrong.extend(differ.into_iter().map(|d| format!("loopback {d}")));
    }
    assert!(
        wrong.is_empty(),
        "roles differ from Wireshark's:\n{}",
        wrong.join("\n")
    );
}
