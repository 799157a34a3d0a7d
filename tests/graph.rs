//! The time-sequence graph (`wire graph`, `socklab diagram --graph`),
//! through the binary: a lossy transfer in the lab drawn from the wire log
//! has one mark per data segment sent and a distinct mark for each
//! retransmission tshark finds in the same frames (`wire save`); a
//! transcript's graph has a mark per data segment line.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use serde_json::Value;

/// 100 KB from cli (host a) to conn (host b) over a link with 5 ms of
/// delay that loses one segment in ten, the same ones every run (seed).
fn lossy_transfer(dir: &Path) -> String {
    format!(
        "link seed 3\nlink delay 5ms\nlink loss 10%\n\
         srv = socket tcp @b\nbind srv b:80\nlisten srv\n\
         cli = socket tcp @a\nconnect cli b:80\nconn = accept srv\n\
         recvall conn 100000 &\nsendall cli \"x\"*100000\nwait\n\
         wire graph cli {dir}/out.svg\nwire save {dir}/out.pcap\n\
         wire graph cli recv {dir}/back.svg\n",
        dir = dir.display()
    )
}

/// The marks the SVG draws of a class: `seg` counts every data segment.
fn marks(svg: &str, class: &str) -> usize {
    svg.matches(&format!("<path class=\"{class}")).count()
}

/// How many frames of the pcap tshark's display filter keeps; None (and
/// says so) without tshark.
fn tshark_count(pcap: &Path, filter: &str) -> Option<usize> {
    let output = Command::new("tshark")
        .args(["-r", &pcap.display().to_string(), "-Y", filter])
        .output();
    let Some(output) = output.ok().filter(|o| o.status.success()) else {
        eprintln!("skipped the tshark comparison: tshark is not installed (.ci/run installs it)");
        return None;
    };
    Some(String::from_utf8_lossy(&output.stdout).lines().count())
}

/// The wire view's segments from `from` that carry data, with their fates.
fn data_segments<'a>(steps: &'a [Value], from: &str) -> Vec<&'a Value> {
    steps
        .iter()
        .filter_map(|s| s["wire"].as_array())
        .flatten()
        .filter(|w| w["from"] == from && w["len"].as_u64().is_some_and(|len| len > 0))
        .collect()
}

#[test]
fn a_lossy_transfer_has_a_mark_per_data_segment_and_per_retransmission() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let Some(steps) = run_lab(&lossy_transfer(dir.path())) else {
        return;
    };
    let saved = step(
        &steps,
        &format!("wire graph cli {}/out.svg", dir.path().display()),
    );
    assert!(
        saved
            .to_string()
            .contains("saved the time-sequence graph of cli → conn"),
        "{}",
        dump(&steps)
    );
    let svg = std::fs::read_to_string(dir.path().join("out.svg")).expect("the graph");
    assert!(svg.starts_with("<svg") && svg.contains("viewBox="));
    let (drawn, again, lost) = (
        marks(&svg, "seg"),
        marks(&svg, "seg retransmission"),
        marks(&svg, "lost"),
    );
    // The wire view showed the same segments: one mark each, a cross on
    // each the link lost.
    let shown = data_segments(&steps, "cli");
    let shown_lost = shown.iter().filter(|w| w["fate"] == "lost").count();
    assert_eq!(drawn, shown.len(), "{}", dump(&steps));
    assert_eq!(lost, shown_lost);
    assert!(
        lost > 0 && again > 0,
        "seed 3 loses some: {lost} lost, {again} again"
    );
    // The receiver sent no data: its way is drawn empty.
    let back = std::fs::read_to_string(dir.path().join("back.svg")).expect("the other way");
    assert_eq!(marks(&back, "seg"), 0);
    // The frames tshark reads: as many data segments, as many retransmissions.
    let pcap = dir.path().join("out.pcap");
    let Some(data) = tshark_count(&pcap, "tcp.len > 0") else {
        return;
    };
    assert_eq!(drawn, data, "one mark per data segment in the pcap");
    let retransmissions = tshark_count(&pcap, "tcp.len > 0 && tcp.analysis.retransmission");
    assert_eq!(
        Some(again),
        retransmissions,
        "one distinct mark per retransmission"
    );
}

#[test]
fn a_transcript_s_graph_has_a_mark_per_data_segment_line() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("lost-data.svg");
    let lesson = format!(
        "{}/transcripts/45-lab-lost-data.socklab",
        env!("CARGO_MANIFEST_DIR")
    );
    let output = socklab()
        .args(["diagram", "--graph", &lesson, "-o"])
        .arg(&out)
        .output()
        .expect("socklab runs");
    assert!(output.status.success(), "{}", text(&output));
    let text = std::fs::read_to_string(&lesson).expect("the lesson");
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("cli → conn") && l.contains(" len="))
        // `#3 delivered`: a held segment shown again, not sent again.
        .filter(|l| !l.contains("   #"))
        .collect();
    let svg = std::fs::read_to_string(&out).expect("the graph");
    assert_eq!(marks(&svg, "seg"), lines.len(), "{lines:#?}");
    let again = lines
        .iter()
        .filter(|l| l.contains("[retransmission"))
        .count();
    assert_eq!(marks(&svg, "seg retransmission"), again);
    let lost = lines
        .iter()
        .filter(|l| l.contains("   lost") || l.contains("   dropped"))
        .count();
    assert_eq!(marks(&svg, "lost"), lost);
    assert!(svg.contains("segment, in order"));
}

#[test]
fn a_transcript_without_data_segments_says_so() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let lesson = dir.path().join("handshake.socklab");
    std::fs::write(
        &lesson,
        "> connect cli srv\nconnect(cli, 127.0.0.1:5) = 0\n  cli → srv  [SYN]      seq=0 win=[N]\n",
    )
    .expect("a lesson");
    let output = socklab()
        .args(["diagram", "--graph"])
        .arg(&lesson)
        .output()
        .expect("socklab runs");
    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("no TCP data segment to graph"), "{said}");
}

#[test]
fn wire_graph_needs_a_wire_log_and_a_connection() {
    let (steps, _) = run_json("s = socket tcp\nwire graph s out.svg\n", &[]);
    let error = steps[1]["error"].as_str().unwrap_or_default();
    assert!(error.contains("the wire view is off"), "{}", dump(&steps));
}
