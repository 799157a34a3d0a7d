//! The graph as a self-contained SVG that scales to its box (a viewBox, no
//! fixed size): the data inside a frame with its axes labelled, the legend
//! to the right of the frame (never over the data), the title above.
//!
//! Owns: the geometry (`Scale`, `ticks`) and the marks' look. Every mark
//! of the data carries a class a reader (or a test) can count: `seg` for
//! each data segment, `seg retransmission` for one sent again, `lost`,
//! `sack`, `ack`, `window`; the legend's samples are `key …`.

use std::fmt::Write as _;

use super::super::measure::{columns, take_columns};
use super::super::svg::{fonts, lang_attribute, xml_chars, xml_text};
use super::{Bar, Clock, Graph};

/// The picture's size in the viewBox's units, and the frame of the data.
const WIDTH: f64 = 1000.0;
const HEIGHT: f64 = 600.0;
const LEFT: f64 = 90.0;
const TOP: f64 = 70.0;
const RIGHT: f64 = 720.0;
const BOTTOM: f64 = 540.0;

/// The marks' look; the texts' font comes after it (see `svg`).
const STYLE: &str = ".seg{stroke:#1f5fbf;stroke-width:1.5;fill:none}\
.retransmission{stroke:#e67e00;stroke-width:3}\
.lost{stroke:#c00000;stroke-width:2;fill:none}\
.ack{stroke:#2a9d3a;stroke-width:1.5;fill:none}\
.window{stroke:#8c6d1f;stroke-width:1.2;stroke-dasharray:5 3;fill:none}\
.sack{stroke:#7b3fa0;stroke-width:2;stroke-opacity:0.7;fill:none}\
.grid{stroke:#e4e4e4;stroke-width:1}\
.frame{stroke:#333;fill:none}";
/// The texts' look after their font.
const TEXT_STYLE: &str = "font-size:13px;fill:#222}\
.title{font-size:17px;font-weight:bold}";

/// How times and sequence numbers map onto the frame.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Scale {
    t: (f64, f64),
    s: (f64, f64),
}

impl Scale {
    /// Room for every data mark, ACK and SACK block, a little beyond; the
    /// window's edge is shown up to a quarter of that again above (past
    /// that, its line leaves the frame).
    fn of(graph: &Graph) -> Scale {
        let times = graph.data.iter().chain(&graph.sacks).map(|b| b.at);
        let times = times.chain(graph.acks.iter().map(|(at, _)| *at));
        let (t0, t1) = bounds(times.collect::<Vec<f64>>());
        let mut seqs: Vec<f64> = graph
            .data
            .iter()
            .chain(&graph.sacks)
            .flat_map(span)
            .collect();
        seqs.extend(graph.acks.iter().map(|(_, ack)| f64::from(*ack)));
        let (s0, s1) = bounds(seqs);
        let windows = graph.window.iter().map(|(_, edge)| *edge as f64);
        let s1 = windows.fold(s1, |top, edge| top.max(edge.min(s1 + (s1 - s0) / 4.0)));
        Scale {
            t: pad(t0, t1),
            s: pad(s0, s1),
        }
    }

    fn x(&self, t: f64) -> f64 {
        LEFT + (t - self.t.0) / (self.t.1 - self.t.0) * (RIGHT - LEFT)
    }

    fn y(&self, s: f64) -> f64 {
        BOTTOM - (s - self.s.0) / (self.s.1 - self.s.0) * (BOTTOM - TOP)
    }
}

fn span(bar: &Bar) -> [f64; 2] {
    [f64::from(bar.low), f64::from(bar.high)]
}

/// The least and the most of `values` ((0, 1) for none).
fn bounds(values: Vec<f64>) -> (f64, f64) {
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    match low.is_finite() {
        true => (low, high),
        false => (0.0, 1.0),
    }
}

/// A range with 3 % of room each side (one unit, for a single value).
fn pad(low: f64, high: f64) -> (f64, f64) {
    let room = match high - low {
        width if width > 0.0 => width * 0.03,
        _ => 0.5,
    };
    (low - room, high + room)
}

/// Round values (1, 2 or 5 × a power of ten apart) in `low..=high`, about
/// six of them.
fn ticks(low: f64, high: f64) -> (Vec<f64>, f64) {
    let raw = (high - low) / 6.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|step| *step >= raw)
        .unwrap_or(10.0 * magnitude);
    let first = (low / step).ceil() as i64;
    let last = (high / step).floor() as i64;
    ((first..=last).map(|k| k as f64 * step).collect(), step)
}

/// A tick's label: as many decimals as its step needs.
fn tick_label(value: f64, step: f64) -> String {
    let decimals = (-step.log10().floor()).max(0.0) as usize;
    format!("{value:.decimals$}")
}

/// The graph as a self-contained SVG (see the module's doc).
pub fn svg(graph: &Graph) -> String {
    let scale = Scale::of(graph);
    let lang = lang_attribute();
    let font = fonts().sans;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\"{lang} viewBox=\"0 0 {WIDTH} {HEIGHT}\" \
         preserveAspectRatio=\"xMidYMid meet\">\n<style>{STYLE}text{{font-family:{font};{TEXT_STYLE}</style>\n\
         <rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"white\"/>\n\
         <clipPath id=\"data\"><rect x=\"{LEFT}\" y=\"{TOP}\" width=\"{}\" height=\"{}\"/></clipPath>\n",
        RIGHT - LEFT,
        BOTTOM - TOP
    );
    title(&mut out, graph);
    axes(&mut out, &scale, graph.clock);
    out.push_str("<g clip-path=\"url(#data)\">\n");
    steps(
        &mut out,
        &scale,
        "window",
        graph.window.iter().map(|(t, e)| (*t, *e as f64)),
    );
    steps(
        &mut out,
        &scale,
        "ack",
        graph.acks.iter().map(|(t, a)| (*t, f64::from(*a))),
    );
    out.push_str("</g>\n");
    for sack in &graph.sacks {
        let (x, [low, high]) = (scale.x(sack.at) + 3.0, span(sack).map(|s| scale.y(s)));
        let _ = writeln!(
            out,
            "<path class=\"sack\" d=\"M{x:.1} {low:.1}V{high:.1}\"/>"
        );
    }
    for bar in &graph.data {
        data_mark(&mut out, &scale, bar);
    }
    legend(&mut out, graph);
    out.push_str("</svg>\n");
    out
}

/// The most columns of the title that fit the picture's width (a Chinese
/// character takes two).
const TITLE_FITS: usize = 96;

/// The most columns of the title in the language text is shown in: fewer
/// in Russian, whose bold letters are about an eighth wider than Latin ones.
fn title_fits() -> usize {
    match crate::i18n::current() {
        crate::i18n::Lang::Ru => TITLE_FITS * 7 / 8,
        _ => TITLE_FITS,
    }
}

/// The title (cut to fit, with an ellipsis), and what the graph counts
/// under it.
fn title(out: &mut String, graph: &Graph) {
    let fits = title_fits();
    let title = match columns(&graph.title) > fits {
        true => format!("{}…", take_columns(&graph.title, fits - 1)),
        false => graph.title.clone(),
    };
    let counts = crate::t!(
        "diagram-graph-counts",
        data = graph.data.len(),
        again = graph.retransmitted(),
        lost = graph.lost()
    );
    let _ = writeln!(
        out,
        "<text class=\"title\" x=\"{}\" y=\"28\" text-anchor=\"middle\">{}</text>\n\
         <text x=\"{}\" y=\"50\" text-anchor=\"middle\">{}</text>",
        WIDTH / 2.0,
        xml_text(&title),
        WIDTH / 2.0,
        xml_chars(&counts),
    );
}

/// The frame, its grid and ticks, and the axes' labels.
fn axes(out: &mut String, scale: &Scale, clock: Clock) {
    let (times, step) = ticks(scale.t.0, scale.t.1);
    for t in times {
        let x = scale.x(t);
        let _ = writeln!(
            out,
            "<line class=\"grid\" x1=\"{x:.1}\" y1=\"{TOP}\" x2=\"{x:.1}\" y2=\"{BOTTOM}\"/>\
             <text x=\"{x:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            BOTTOM + 18.0,
            tick_label(t, step)
        );
    }
    let (seqs, step) = ticks(scale.s.0, scale.s.1);
    for s in seqs {
        let y = scale.y(s);
        let _ = writeln!(
            out,
            "<line class=\"grid\" x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{RIGHT}\" y2=\"{y:.1}\"/>\
             <text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            LEFT - 6.0,
            y + 4.0,
            tick_label(s, step.max(1.0))
        );
    }
    let x_label = match clock {
        Clock::Seconds => crate::t!("diagram-graph-axis-time"),
        Clock::Order => crate::t!("diagram-graph-axis-order"),
    };
    let _ = writeln!(
        out,
        "<rect class=\"frame\" x=\"{LEFT}\" y=\"{TOP}\" width=\"{}\" height=\"{}\"/>\n\
         <text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n\
         <text transform=\"translate(18 {}) rotate(-90)\" text-anchor=\"middle\">{}</text>",
        RIGHT - LEFT,
        BOTTOM - TOP,
        (LEFT + RIGHT) / 2.0,
        BOTTOM + 42.0,
        xml_chars(&x_label),
        (TOP + BOTTOM) / 2.0,
        xml_chars(&crate::t!("diagram-graph-axis-sequence")),
    );
}

/// A step line through `points`: level until the next, then up (or down)
/// to it; level to the frame's right edge after the last.
fn steps(out: &mut String, scale: &Scale, class: &str, points: impl Iterator<Item = (f64, f64)>) {
    let mut path = String::new();
    for (t, value) in points {
        let (x, y) = (scale.x(t), scale.y(value));
        let _ = match path.is_empty() {
            true => write!(path, "M{x:.1} {y:.1}"),
            false => write!(path, "H{x:.1}V{y:.1}"),
        };
    }
    if !path.is_empty() {
        let _ = writeln!(out, "<path class=\"{class}\" d=\"{path}H{RIGHT}\"/>");
    }
}

/// A data segment: a bar from its first byte to the byte after its last,
/// with a tick at each end; a cross at its top when the link lost it.
fn data_mark(out: &mut String, scale: &Scale, bar: &Bar) {
    let x = scale.x(bar.at);
    let [low, high] = span(bar).map(|s| scale.y(s));
    let class = match bar.retransmission {
        true => "seg retransmission",
        false => "seg",
    };
    let _ = writeln!(
        out,
        "<path class=\"{class}\" d=\"M{x:.1} {low:.1}V{high:.1}M{:.1} {low:.1}h6M{:.1} {high:.1}h6\"/>",
        x - 3.0,
        x - 3.0
    );
    if bar.lost {
        let _ = writeln!(
            out,
            "<path class=\"lost\" d=\"M{:.1} {:.1}l10 10m0 -10l-10 10\"/>",
            x - 5.0,
            high - 15.0
        );
    }
}

/// The legend, right of the frame: a sample of each kind of mark drawn.
fn legend(out: &mut String, graph: &Graph) {
    let entries = [
        (
            true,
            "key seg",
            "M0 -8V8M-3 -8h6M-3 8h6",
            crate::t!("diagram-graph-legend-data"),
        ),
        (
            graph.retransmitted() > 0,
            "key seg retransmission",
            "M0 -8V8M-3 -8h6M-3 8h6",
            crate::t!("diagram-graph-legend-retransmission"),
        ),
        (
            graph.lost() > 0,
            "key lost",
            "M-5 -5l10 10m0 -10l-10 10",
            crate::t!("diagram-graph-legend-lost"),
        ),
        (
            !graph.acks.is_empty(),
            "key ack",
            "M-10 4H0V-4H10",
            crate::t!("diagram-graph-legend-ack"),
        ),
        (
            !graph.window.is_empty(),
            "key window",
            "M-10 4H0V-4H10",
            crate::t!("diagram-graph-legend-window"),
        ),
        (
            !graph.sacks.is_empty(),
            "key sack",
            "M0 -8V8",
            crate::t!("diagram-graph-legend-sack"),
        ),
    ];
    let x = RIGHT + 30.0;
    let mut y = TOP + 12.0;
    for (shown, class, mark, words) in entries {
        if !shown {
            continue;
        }
        let _ = writeln!(
            out,
            "<path class=\"{class}\" transform=\"translate({x} {y})\" d=\"{mark}\"/>\
             <text x=\"{}\" y=\"{}\">{}</text>",
            x + 20.0,
            y + 4.0,
            xml_chars(&words)
        );
        y += 28.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(at: f64, low: u32, high: u32) -> Bar {
        Bar {
            at,
            low,
            high,
            retransmission: false,
            lost: false,
        }
    }

    fn graph() -> Graph {
        let mut again = bar(2.0, 1000, 2000);
        again.retransmission = true;
        let mut lost = bar(0.5, 1000, 2000);
        lost.lost = true;
        Graph {
            title: "cli → srv <&>".into(),
            clock: Clock::Seconds,
            data: vec![bar(0.0, 0, 1000), lost, bar(1.0, 2000, 3000), again],
            acks: vec![(0.1, 1000), (2.1, 3000)],
            window: vec![(0.1, 1_000_000), (2.1, 1_002_000)],
            sacks: vec![bar(1.1, 2000, 3000)],
        }
    }

    #[test]
    fn the_data_fills_the_frame_with_a_little_room() {
        let scale = Scale::of(&graph());
        let (x0, x1) = (scale.x(0.0), scale.x(2.1));
        assert!(x0 > LEFT && x0 < LEFT + 30.0, "{x0}");
        assert!(x1 < RIGHT && x1 > RIGHT - 30.0, "{x1}");
        // Higher sequence numbers are higher up; the window, far above
        // the data, adds a quarter of its span at most.
        let (y0, y1) = (scale.y(0.0), scale.y(3000.0));
        assert!(y0 < BOTTOM && y0 > y1 && y1 > TOP, "{y0} {y1}");
        assert!((scale.s.1 - 3750.0 * 1.0).abs() < 200.0, "{:?}", scale.s);
    }

    #[test]
    fn ticks_are_round_and_inside_the_range() {
        let labels = |(values, step): (Vec<f64>, f64)| -> Vec<String> {
            values.iter().map(|v| tick_label(*v, step)).collect()
        };
        assert_eq!(labels(ticks(0.0, 10.0)), ["0", "2", "4", "6", "8", "10"]);
        assert_eq!(labels(ticks(-0.05, 1.3)), ["0.0", "0.5", "1.0"]);
        assert_eq!(
            labels(ticks(1003.0, 98_000.0)),
            ["20000", "40000", "60000", "80000"]
        );
        assert_eq!(tick_label(0.5, 0.5), "0.5");
        assert_eq!(tick_label(20000.0, 5000.0), "20000");
        assert_eq!(tick_label(0.25, 0.05), "0.25");
    }

    #[test]
    fn one_mark_per_segment_each_of_its_kind_inside_the_frame() {
        let picture = svg(&graph());
        assert!(picture.contains("viewBox=\"0 0 1000 600\""));
        let opening = picture.split('>').next().unwrap();
        assert!(!opening.contains("width"), "no fixed size: {opening}");
        assert_eq!(picture.matches("<path class=\"seg").count(), 4);
        assert_eq!(
            picture
                .matches("<path class=\"seg retransmission\"")
                .count(),
            1
        );
        assert_eq!(picture.matches("<path class=\"lost\"").count(), 1);
        assert_eq!(picture.matches("<path class=\"sack\"").count(), 1);
        assert!(picture.contains("cli → srv &lt;&amp;&gt;"));
        let mut long = graph();
        long.title = "x".repeat(200);
        let cut = format!("{}…<", "x".repeat(TITLE_FITS - 1));
        assert!(svg(&long).contains(&cut));
        assert!(picture.contains("4 data segments, 1 sent again, 1 lost on the link"));
        for d in picture
            .split("class=\"seg")
            .skip(1)
            .filter_map(|p| p.split("d=\"M").nth(1))
        {
            let numbers: Vec<f64> = d
                .split(|c: char| c.is_ascii_alphabetic() || c == ' ' || c == '"')
                .filter_map(|n| n.parse().ok())
                .take(3)
                .collect();
            let [x, low, high] = numbers[..] else {
                panic!("{d}")
            };
            assert!((LEFT..=RIGHT).contains(&x), "{d}");
            assert!(TOP <= high && high < low && low <= BOTTOM, "{d}");
        }
        // The legend is right of the frame: its samples never on the data.
        assert_eq!(picture.matches("<path class=\"key ").count(), 6);
        for sample in picture.split("<path class=\"key ").skip(1) {
            let at = sample.split("translate(").nth(1).unwrap();
            let x: f64 = at.split(' ').next().unwrap().parse().unwrap();
            assert!(x > RIGHT, "{sample}");
        }
    }
}
