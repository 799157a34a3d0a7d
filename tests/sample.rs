//! `sample`: TCP_INFO on a schedule, through the binary — the table, the
//! JSON samples, the CSV and the SVG it saves, and its usage errors.

mod common;

use common::*;

#[test]
fn sample_reads_tcp_info_on_a_schedule_into_a_table_and_json() {
    let script = format!("{CONNECTED}sample cli every 20ms for 100ms\n");
    let (steps, _) = run_json(&script, &[]);
    let sample = step(&steps, "sample cli every 20ms for 100ms");
    assert_eq!(sample["ret"], 6, "{sample}");
    let samples = sample["fields"]["samples"].as_array().unwrap();
    assert_eq!(samples.len(), 6);
    let times: Vec<f64> = samples.iter().map(|s| s["t"].as_f64().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[1] > w[0]), "{times:?}");
    // The schedule holds: the last reading is 100 ms after the first.
    assert!(times[5] >= 0.1 && times[5] < 1.0, "{times:?}");
    assert!(samples.iter().all(|s| s["state"] == "ESTABLISHED"));
    assert_eq!(samples[0]["cwnd"], 10);
    assert!(
        samples[0]["ssthresh"].is_null(),
        "no limit yet: {}",
        samples[0]
    );

    let output = run_with_stdin(
        format!("{CONNECTED}sample cli cwnd rtt every 10ms for 20ms\n").as_bytes(),
        &[],
    );
    let text = String::from_utf8_lossy(&output.stdout);
    let table: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.contains("t(s)"))
        .take(4)
        .collect();
    assert_eq!(table.len(), 4, "{text}");
    assert_eq!(
        table[0].split_whitespace().collect::<Vec<_>>(),
        ["t(s)", "cwnd", "rtt(ms)"]
    );
    assert!(table[1].trim_start().starts_with("0.000"), "{text}");
}

#[test]
fn sample_saves_csv_and_an_svg_plot_that_parses() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("cwnd.csv");
    let svg = dir.path().join("cwnd.svg");
    let script = format!(
        "{CONNECTED}sendall cli \"x\"*100000 &\nsample cli every 10ms for 50ms save {}\nsample cli every 10ms for 50ms save {}\nsample cli for 0ms save {}\n",
        csv.display(),
        svg.display(),
        csv.display()
    );
    let (steps, _) = run_json(&script, &[]);
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "t,state,cwnd,ssthresh,rtt_ms,rttvar_ms,rto_ms,inflight_bytes,retrans,delivery_mbps,unacked,pacing_mbps"
    );
    assert_eq!(lines.len(), 7, "{text}");
    assert!(
        lines[1].starts_with("0.0") && lines[1].contains(",ESTABLISHED,"),
        "{text}"
    );
    // An existing file is not replaced without --force.
    let again = steps.last().unwrap();
    assert!(
        again["error"]
            .as_str()
            .unwrap_or_default()
            .contains("cannot write"),
        "{again}"
    );
    let parsed = std::process::Command::new("python3")
        .arg("-c")
        .arg(
            "import sys, xml.dom.minidom as m\nd = m.parse(sys.argv[1])\nprint(d.documentElement.tagName, len(d.getElementsByTagName('polyline')))",
        )
        .arg(&svg)
        .output()
        .expect("python3 runs");
    let out = String::from_utf8_lossy(&parsed.stdout);
    assert!(
        parsed.status.success(),
        "{}",
        String::from_utf8_lossy(&parsed.stderr)
    );
    let words: Vec<&str> = out.split_whitespace().collect();
    assert_eq!(words[0], "svg");
    assert!(
        words[1].parse::<u32>().unwrap() >= 1,
        "a line for cwnd: {out}"
    );
    let svg_text = std::fs::read_to_string(&svg).unwrap();
    assert!(svg_text.contains("cwnd") && svg_text.contains("ssthresh"));
    assert!(!svg_text.contains("<script") && !svg_text.contains("href=\"http"));
}

#[test]
fn samples_usage_errors_say_what_would_be_right() {
    let bad = [
        ("sample u", "u is not a TCP socket"),
        (
            "sample a bogus",
            "'bogus' is not a field sample knows — fields: state cwnd",
        ),
        (
            "sample a every 0ms",
            "'0ms' is not a time for 'every' from 1ms to 10s",
        ),
        (
            "sample a for 11m",
            "is not a time for 'for' from 0ms to 600s",
        ),
        ("sample a save x.txt", "neither a .csv nor an .svg file"),
        ("sample a every 1ms for 600s", "more than 100000 samples"),
    ];
    let script: String = std::iter::once("a = socket tcp\nu = socket udp\n".to_string())
        .chain(bad.iter().map(|(line, _)| format!("{line}\n")))
        .collect();
    let (steps, _) = run_json(&script, &[]);
    for (line, expected) in bad {
        let error = step(&steps, line)["error"].as_str().unwrap_or_default();
        assert!(error.contains(expected), "{line}: {error}");
    }
}
