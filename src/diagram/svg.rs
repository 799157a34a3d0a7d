//! The ladder as a self-contained SVG, and as an HTML handout with the
//! lesson's narration beside it; every text escaped for XML.

use super::{Arrow, Event, Windows, ends, events, fit};
use crate::transcript_format::Transcript;

/// Text made safe for XML character data and attributes.
fn xml_text(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The picture's geometry (px), sized so that labels stay readable when a
/// slide of 1280×720 shows it whole.
const CALLS_WIDTH: usize = 250;
const COLUMN: usize = 280;
const ROW: usize = 30;
const TOP: usize = 90;

/// The transcript as a self-contained SVG (see `svg_of`).
pub fn svg(transcript: &Transcript, title: &str) -> String {
    svg_of(&events(transcript), title)
}

/// The events as a self-contained SVG (no fonts, scripts or links from
/// elsewhere): the calls down the left margin, a line per end, an arrow
/// per segment with its flags and numbers, the states each end enters in
/// a box beside its line, a lost segment in red ending in a cross, a held
/// one dashed to the link's bar, a zero window's label in bold red.
pub fn svg_of(events: &[Event], title: &str) -> String {
    let layout = Layout::new(ends(events));
    let mut windows = Windows::default();
    let mut marks = Marks::default();
    let mut body = String::new();
    let mut y = TOP;
    for event in events {
        match event {
            Event::Narration(_) => continue,
            Event::Gap(label) => body.push_str(&layout.gap(y, label)),
            Event::Call { text, .. } => body.push_str(&call(y, text)),
            Event::Segment { .. } => {
                let Some(arrow) = event.arrow(&layout.ends, &mut windows) else {
                    continue;
                };
                if arrow.from == arrow.to {
                    continue;
                }
                marks.held |= arrow.held && !arrow.lost;
                marks.zero_window |= arrow.zero_window;
                body.push_str(&layout.arrow(y, arrow));
            }
            Event::State { end, state } => {
                let Some(mark) = layout.state(y, end, state) else {
                    continue;
                };
                body.push_str(&mark);
            }
        }
        y += ROW;
    }
    let height = y + 20;
    format!("{}{body}</svg>\n", layout.head(height, title, marks))
}

/// The marks a picture uses beyond the usual ones, whose style it then
/// carries (so a picture without them is as it always was).
#[derive(Clone, Copy, Default)]
struct Marks {
    held: bool,
    zero_window: bool,
}

impl Marks {
    fn style(self) -> String {
        let mut style = String::new();
        if self.held {
            style.push_str(
                "line.held { stroke: #b07d00; stroke-width: 2; stroke-dasharray: 6 4; }\n\
                 line.hold { stroke: #b07d00; stroke-width: 5; }\n",
            );
        }
        if self.zero_window {
            style.push_str("text.zero-window { fill: #c00; font-weight: bold; }\n");
        }
        style
    }
}

/// The picture's columns: the calls' margin, then a column per end.
struct Layout {
    ends: Vec<String>,
    width: usize,
}

impl Layout {
    fn new(ends: Vec<String>) -> Layout {
        let width = CALLS_WIDTH + COLUMN * ends.len().max(1) + 20;
        Layout { ends, width }
    }

    /// Where end `k`'s line is.
    fn x(&self, k: usize) -> usize {
        CALLS_WIDTH + COLUMN * k + COLUMN / 2
    }

    /// A dashed band across the lines: time passed here.
    fn gap(&self, y: usize, label: &str) -> String {
        format!(
            "<line class=\"gap\" x1=\"12\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/>\n\
             <text class=\"gap\" x=\"12\" y=\"{}\">{}</text>\n",
            self.width - 20,
            y - 5,
            xml_text(&fit(label, 30, false))
        )
    }

    /// One arrow at height `y`, its label over it; a lost one in red,
    /// drawn two thirds of the way and ending in a cross.
    fn arrow(&self, y: usize, arrow: Arrow) -> String {
        let (x1, x2) = (self.x(arrow.from), self.x(arrow.to));
        // Monospace at 14 px: about 8.5 px a character, and a
        // margin either side so no label crosses a line.
        let room = ((x1.abs_diff(x2) * 2).saturating_sub(40) / 17).max(8);
        let mut out = if arrow.held && !arrow.lost {
            // Held on the link, half way: it crosses when delivered.
            let mid = (x1 + x2) / 2;
            format!(
                "<line class=\"held\" x1=\"{x1}\" y1=\"{y}\" x2=\"{mid}\" y2=\"{y}\"/>\n\
                 <line class=\"hold\" x1=\"{mid}\" y1=\"{}\" x2=\"{mid}\" y2=\"{}\"/>\n",
                y - 4,
                y + 8
            )
        } else if arrow.lost {
            let end = (x1 as f64 + (x2 as f64 - x1 as f64) * 0.66) as usize;
            format!(
                "<line class=\"segment lost\" x1=\"{x1}\" y1=\"{y}\" x2=\"{end}\" y2=\"{y}\"/>\n\
                 <text class=\"cross\" x=\"{end}\" y=\"{}\">×</text>\n",
                y + 6
            )
        } else {
            format!(
                "<line class=\"segment\" x1=\"{x1}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\" marker-end=\"url(#head)\"/>\n"
            )
        };
        let class = match arrow.zero_window {
            true => "label zero-window",
            false => "label",
        };
        out.push_str(&format!(
            "<text class=\"{class}\" x=\"{}\" y=\"{}\">{}</text>\n",
            (x1 + x2) / 2,
            y - 6,
            xml_text(&fit(&arrow.text, room, false))
        ));
        out
    }

    /// An end's new state in a box beside its line; None for an end with
    /// no line.
    fn state(&self, y: usize, end: &str, state: &str) -> Option<String> {
        let k = self.ends.iter().position(|e| e == end)?;
        let text = fit(state, 24, false);
        let w = 16 + text.chars().count() * 9;
        Some(format!(
            "<rect class=\"state\" x=\"{}\" y=\"{}\" width=\"{w}\" height=\"22\" rx=\"4\"/>\n\
             <text class=\"state\" x=\"{}\" y=\"{}\">{}</text>\n",
            self.x(k) + 6,
            y - 11,
            self.x(k) + 13,
            y + 5,
            xml_text(&text)
        ))
    }

    /// The picture's opening: its size, title and style, and each end's
    /// name over its line, the line `height` long.
    fn head(&self, height: usize, title: &str, marks: Marks) -> String {
        let width = self.width;
        let mut head = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n\
             <title>{}</title>\n\
             <style>\n\
             text {{ font-family: sans-serif; font-size: 15px; fill: #222; }}\n\
             text.title {{ font-size: 20px; font-weight: bold; }}\n\
             text.end {{ font-size: 18px; font-weight: bold; text-anchor: middle; }}\n\
             text.call {{ font-family: monospace; font-size: 15px; fill: #444; }}\n\
             text.label {{ font-family: monospace; font-size: 14px; text-anchor: middle; paint-order: stroke; stroke: white; stroke-width: 4px; }}\n\
             text.cross {{ fill: #c00; font-size: 22px; text-anchor: middle; }}\n\
             line.life {{ stroke: #999; stroke-width: 2; }}\n\
             line.segment {{ stroke: #1f5fa8; stroke-width: 2; }}\n\
             line.lost {{ stroke: #c00; stroke-dasharray: 6 4; }}\n\
             rect.state {{ fill: #fff3cd; stroke: #d4a000; }}\n\
             line.gap {{ stroke: #bbb; stroke-width: 1; stroke-dasharray: 2 6; }}\n\
             text.gap {{ font-size: 13px; font-style: italic; fill: #777; }}\n\
             text.state {{ font-size: 14px; fill: #5a4500; }}\n\
             {}</style>\n\
             <defs><marker id=\"head\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#1f5fa8\"/></marker></defs>\n\
             <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
             <text class=\"title\" x=\"12\" y=\"28\">{}</text>\n",
            xml_text(title),
            marks.style(),
            xml_text(&fit(title, 90, false))
        );
        for (k, end) in self.ends.iter().enumerate() {
            head.push_str(&format!(
                "<text class=\"end\" x=\"{}\" y=\"62\">{}</text>\n\
                 <line class=\"life\" x1=\"{0}\" y1=\"72\" x2=\"{0}\" y2=\"{}\"/>\n",
                self.x(k),
                xml_text(&fit(end, 28, false)),
                height - 10
            ));
        }
        head
    }
}

/// A call in the left margin, at height `y`.
fn call(y: usize, text: &str) -> String {
    format!(
        "<text class=\"call\" x=\"12\" y=\"{}\">{}</text>\n",
        y + 5,
        xml_text(&fit(text, 30, false))
    )
}

/// The SVG with the transcript's narration and calls beside it (see
/// `html_of`).
pub fn html(transcript: &Transcript, title: &str) -> String {
    html_of(&events(transcript), title)
}

/// The SVG with the narration and calls beside it, one HTML file for a
/// handout (no scripts, nothing fetched).
pub fn html_of(events: &[Event], title: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{}</title>\n\
         <style>body {{ font-family: sans-serif; margin: 2em; }} main {{ display: flex; gap: 2em; align-items: flex-start; }} \
         aside {{ max-width: 28em; }} pre {{ margin: 0.2em 0; color: #444; }}</style>\n\
         </head><body>\n<h1>{0}</h1>\n<main>\n<aside>\n{}</aside>\n<figure>\n{}</figure>\n</main>\n</body></html>\n",
        xml_text(title),
        notes(events),
        svg_of(events, title)
    )
}

/// Each call, as typed, after the narration that came before it.
fn notes(events: &[Event]) -> String {
    let mut notes = String::new();
    let mut narration: Vec<&str> = Vec::new();
    for event in events {
        match event {
            Event::Narration(line) => narration.push(line),
            Event::Call { text, .. } => {
                if !narration.is_empty() {
                    notes.push_str("<p>");
                    notes.push_str(&xml_text(&narration.join(" ")));
                    notes.push_str("</p>\n");
                    narration.clear();
                }
                notes.push_str(&format!("<pre>&gt; {}</pre>\n", xml_text(text)));
            }
            _ => {}
        }
    }
    notes
}
