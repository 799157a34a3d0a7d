//! `sample`: TCP_INFO on a schedule, through the binary — the table, the
//! JSON samples, the CSV and the SVG it saves, and its usage errors. The
//! plot is read back from the SVG: a panel per unit, a line per field
//! asked with a point per sample, legends beside the data, the title's
//! connection and congestion control; in the lab (as root), the round trip
//! rising behind the bufferbloat lesson's full queue.

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

/// What an SVG plot draws, in the document's order: its lines (stroke,
/// points) and its texts.
#[derive(Debug)]
enum Mark {
    Line {
        stroke: String,
        points: Vec<(f64, f64)>,
    },
    /// Its words and where it starts (x).
    Text(String, f64),
}

fn attribute<'a>(element: &'a str, name: &str) -> &'a str {
    let key = format!(" {name}=\"");
    element
        .find(&key)
        .map(|at| &element[at + key.len()..])
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
}

fn marks(svg: &str) -> Vec<Mark> {
    svg.split('<')
        .filter_map(|element| {
            if element.starts_with("polyline ") {
                let points = attribute(element, "points")
                    .split_whitespace()
                    .map(|p| {
                        let (x, y) = p.split_once(',').expect("x,y");
                        (x.parse().expect("x"), y.parse().expect("y"))
                    })
                    .collect();
                let stroke = attribute(element, "stroke").to_string();
                Some(Mark::Line { stroke, points })
            } else if element.starts_with("text ") {
                let text = element.split_once('>').map_or("", |(_, t)| t.trim());
                let x = attribute(element, "x").parse().unwrap_or(0.0);
                Some(Mark::Text(text.to_string(), x))
            } else {
                None
            }
        })
        .collect()
}

fn texts(marks: &[Mark]) -> Vec<&str> {
    marks
        .iter()
        .filter_map(|m| match m {
            Mark::Text(text, _) => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

/// The points of `field`'s line: the legend names it beside a short line
/// of its colour; its data is the other line of that colour. Err says
/// what is missing.
fn series(marks: &[Mark], field: &str) -> Result<Vec<(f64, f64)>, String> {
    let legend = marks
        .iter()
        .position(
            |m| matches!(m, Mark::Text(t, _) if t == field || *t == format!("{field} (no limit yet)")),
        )
        .ok_or(format!("no legend for {field}"))?;
    let colour = marks[..legend]
        .iter()
        .rev()
        .find_map(|m| match m {
            Mark::Line { stroke, .. } => Some(stroke),
            _ => None,
        })
        .ok_or(format!("no legend line for {field}"))?;
    let lines: Vec<&Vec<(f64, f64)>> = marks
        .iter()
        .enumerate()
        .filter_map(|(at, m)| match m {
            Mark::Line { stroke, points } if stroke == colour && at + 1 != legend => Some(points),
            _ => None,
        })
        .collect();
    match lines.as_slice() {
        [points] => Ok(points.to_vec()),
        [] => Ok(Vec::new()),
        more => Err(format!("{} lines of {field}'s colour", more.len())),
    }
}

/// The panels' axes: what each unit's y axis says.
const AXES: [&str; 6] = [
    "TCP state",
    "segments",
    "time (ms)",
    "bytes",
    "count",
    "rate (Mbit/s)",
];

fn read_svg(path: &std::path::Path) -> Vec<Mark> {
    let text = std::fs::read_to_string(path).expect("the plot");
    // It scales to a slide or a page: a viewBox, no size in pixels.
    let head = &text[..text.find('>').expect("an svg element")];
    assert!(
        head.contains("width=\"100%\"") && head.contains("viewBox=") && !head.contains("height="),
        "{head}"
    );
    assert!(!text.contains("<script") && !text.contains("href=\"http"));
    marks(&text)
}

#[test]
fn sample_plots_cwnd_and_ssthresh_in_one_panel_of_segments() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("cwnd.svg");
    let line = format!(
        "sample cli cwnd ssthresh every 10ms for 50ms save {}",
        svg.display()
    );
    let (steps, _) = run_json(&format!("{CONNECTED}{line}\n"), &[]);
    let samples = step(&steps, &line)["fields"]["samples"]
        .as_array()
        .unwrap()
        .clone();
    let marks = read_svg(&svg);
    let texts = texts(&marks);
    let axes: Vec<&&str> = AXES.iter().filter(|a| texts.contains(a)).collect();
    assert_eq!(axes, [&"segments"], "{texts:?}");
    let cwnd = series(&marks, "cwnd").unwrap();
    assert_eq!(cwnd.len(), samples.len(), "{cwnd:?}");
    // ssthresh has no limit on an idle loopback connection: its legend
    // says so, and no line is drawn.
    let unset = samples.iter().all(|s| s["ssthresh"].is_null());
    let ssthresh = series(&marks, "ssthresh").unwrap();
    assert_eq!(ssthresh.len(), if unset { 0 } else { samples.len() });
    // The legend is beside the data, not on it.
    let legend_x = marks.iter().find_map(|m| match m {
        Mark::Text(t, x) if t == "cwnd" => Some(*x),
        _ => None,
    });
    let right = cwnd.iter().map(|p| p.0).fold(0.0, f64::max);
    assert!(legend_x.is_some_and(|x| x > right), "{legend_x:?} {right}");
    // Nothing not asked for.
    for field in ["rtt", "state", "inflight", "rate", "retrans"] {
        assert!(series(&marks, field).is_err(), "{field} was not asked");
    }
    let title = texts
        .iter()
        .find(|t| t.starts_with("cli"))
        .expect("a title");
    assert!(
        title.contains("127.0.0.1:") && title.contains(" → 127.0.0.1:"),
        "{title}"
    );
}

#[test]
fn sample_plots_every_field_asked_a_panel_per_unit_titled_with_the_congestion_control() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("all.svg");
    let fields = "state cwnd ssthresh rtt rttvar rto inflight retrans rate unacked pacing";
    let line = format!(
        "sample cli {fields} every 10ms for 50ms save {}",
        svg.display()
    );
    let script = format!("{CONNECTED}sendall cli \"x\"*100000 &\n{line}\n");
    let (steps, _) = run_json(&script, &[]);
    let samples = step(&steps, &line)["fields"]["samples"]
        .as_array()
        .unwrap()
        .len();
    let marks = read_svg(&svg);
    let texts = texts(&marks);
    for axis in AXES {
        assert!(texts.contains(&axis), "no panel of {axis}: {texts:?}");
    }
    for field in fields.split(' ') {
        let points = series(&marks, field).unwrap_or_else(|e| panic!("{e}: {texts:?}"));
        if field != "ssthresh" || !points.is_empty() {
            assert_eq!(points.len(), samples, "{field}: {points:?}");
        }
    }
    // socklab runs in this test's network namespace: its default is the
    // socket's congestion control.
    let default = std::fs::read_to_string("/proc/sys/net/ipv4/tcp_congestion_control").unwrap();
    let title = texts
        .iter()
        .find(|t| t.starts_with("cli"))
        .expect("a title");
    assert!(
        title.ends_with(&format!("congestion control {}", default.trim())),
        "{title}"
    );
}

#[test]
fn sample_plots_the_round_trip_growing_behind_a_full_queue() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("rtt.svg");
    // The bufferbloat lesson (59), saving its plot.
    let script = format!(
        "sysctl a net.ipv4.tcp_congestion_control=reno\nlink delay 10ms\nlink rate 5mbit queue 1000 a->b\nsrv = socket tcp @b\nbind srv b:80\nlisten srv\ncli = socket tcp @a\nconnect cli b:80\nconn = accept srv\ndrain conn &\nsample cli rtt cwnd inflight every 100ms for 1500ms save {} &\nsendall cli \"x\"*2000000 &\nwait 2\nwait 3\nclose cli\nwait 1\n",
        svg.display()
    );
    let Some(steps) = run_lab(&script) else {
        return;
    };
    let sample = steps
        .iter()
        .find(|s| s["verb"] == "sample" && s["background"] == "result")
        .expect("the sample's result");
    let rtt: Vec<f64> = sample["fields"]["samples"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["rtt_ms"].as_f64().unwrap())
        .collect();
    let marks = read_svg(&svg);
    let texts = texts(&marks);
    assert!(texts.contains(&"time (ms)"), "an RTT panel: {texts:?}");
    let points = series(&marks, "rtt").unwrap();
    assert_eq!(points.len(), rtt.len(), "{points:?} {rtt:?}");
    // Bufferbloat: the round trip grows, and the line rises with it (y
    // grows downwards). Each point is its sample's value on one scale.
    let (first, last) = (rtt[0], rtt[rtt.len() - 1]);
    assert!(last > 5.0 * first && last > 400.0, "{rtt:?}");
    assert!(points[points.len() - 1].1 < points[0].1, "{points:?}");
    let per_ms = (points[0].1 - points[points.len() - 1].1) / (last - first);
    for (value, (_, y)) in rtt.iter().zip(&points) {
        let expected = points[0].1 - (value - first) * per_ms;
        assert!(
            (y - expected).abs() <= 1.5,
            "{value} ms at y {y}, not {expected}"
        );
    }
    let title = texts
        .iter()
        .find(|t| t.starts_with("cli"))
        .expect("a title");
    assert!(
        title.starts_with("cli on host a: 192.0.2.1:")
            && title.contains(" → 192.0.2.2:80")
            && title.ends_with("congestion control reno"),
        "{title}"
    );
}
