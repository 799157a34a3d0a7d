//! The ladder as a self-contained SVG, and as an HTML handout with the
//! lesson's narration beside it; every text escaped for XML.

use super::{Arrow, Event, ends, events, fit};
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

/// The transcript as a self-contained SVG (no fonts, scripts or links
/// from elsewhere): the calls down the left margin, a line per end, an
/// arrow per segment with its flags and numbers, the states each end
/// enters in a box beside its line, a lost segment in red ending in a
/// cross.
pub fn svg(transcript: &Transcript, title: &str) -> String {
    let events = events(transcript);
    let ends = ends(&events);
    let count = ends.len().max(1);
    let x = |k: usize| CALLS_WIDTH + COLUMN * k + COLUMN / 2;
    let at = |end: &str| ends.iter().position(|e| e == end);
    let width = CALLS_WIDTH + COLUMN * count + 20;
    let mut body = String::new();
    let mut y = TOP;
    for event in &events {
        match event {
            Event::Narration(_) => continue,
            Event::Gap(label) => {
                // A dashed band across the lines: time passed here.
                body.push_str(&format!(
                    "<line class=\"gap\" x1=\"12\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/>\n\
                     <text class=\"gap\" x=\"12\" y=\"{}\">{}</text>\n",
                    width - 20,
                    y - 5,
                    xml_text(&fit(label, 30, false))
                ));
            }
            Event::Call { text, .. } => {
                body.push_str(&format!(
                    "<text class=\"call\" x=\"12\" y=\"{}\">{}</text>\n",
                    y + 5,
                    xml_text(&fit(text, 30, false))
                ));
            }
            Event::Segment { .. } => {
                let Some(Arrow {
                    from: a,
                    to: b,
                    text,
                    lost,
                }) = event.arrow(&ends)
                else {
                    continue;
                };
                if a == b {
                    continue;
                }
                let (x1, x2) = (x(a), x(b));
                // Monospace at 14 px: about 8.5 px a character, and a
                // margin either side so no label crosses a line.
                let room = ((x1.abs_diff(x2) * 2).saturating_sub(40) / 17).max(8);
                let class = if lost { "segment lost" } else { "segment" };
                if lost {
                    // Drawn to two thirds of the way, ending in a cross.
                    let end = (x1 as f64 + (x2 as f64 - x1 as f64) * 0.66) as usize;
                    body.push_str(&format!(
                        "<line class=\"{class}\" x1=\"{x1}\" y1=\"{y}\" x2=\"{end}\" y2=\"{y}\"/>\n\
                         <text class=\"cross\" x=\"{end}\" y=\"{}\">×</text>\n",
                        y + 6
                    ));
                } else {
                    body.push_str(&format!(
                        "<line class=\"{class}\" x1=\"{x1}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\" marker-end=\"url(#head)\"/>\n"
                    ));
                }
                body.push_str(&format!(
                    "<text class=\"label\" x=\"{}\" y=\"{}\">{}</text>\n",
                    (x1 + x2) / 2,
                    y - 6,
                    xml_text(&fit(&text, room, false))
                ));
            }
            Event::State { end, state } => {
                let Some(k) = at(end) else { continue };
                let text = fit(state, 24, false);
                let w = 16 + text.chars().count() * 9;
                body.push_str(&format!(
                    "<rect class=\"state\" x=\"{}\" y=\"{}\" width=\"{w}\" height=\"22\" rx=\"4\"/>\n\
                     <text class=\"state\" x=\"{}\" y=\"{}\">{}</text>\n",
                    x(k) + 6,
                    y - 11,
                    x(k) + 13,
                    y + 5,
                    xml_text(&text)
                ));
            }
        }
        y += ROW;
    }
    let height = y + 20;
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
         </style>\n\
         <defs><marker id=\"head\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#1f5fa8\"/></marker></defs>\n\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
         <text class=\"title\" x=\"12\" y=\"28\">{}</text>\n",
        xml_text(title),
        xml_text(&fit(title, 90, false))
    );
    for (k, end) in ends.iter().enumerate() {
        head.push_str(&format!(
            "<text class=\"end\" x=\"{}\" y=\"62\">{}</text>\n\
             <line class=\"life\" x1=\"{0}\" y1=\"72\" x2=\"{0}\" y2=\"{}\"/>\n",
            x(k),
            xml_text(&fit(end, 28, false)),
            height - 10
        ));
    }
    format!("{head}{body}</svg>\n")
}

/// The SVG with the transcript's narration and calls beside it, one HTML
/// file for a handout (no scripts, nothing fetched).
pub fn html(transcript: &Transcript, title: &str) -> String {
    let mut notes = String::new();
    for entry in &transcript.entries {
        if !entry.narration.is_empty() {
            notes.push_str("<p>");
            notes.push_str(&xml_text(&entry.narration.join(" ")));
            notes.push_str("</p>\n");
        }
        notes.push_str(&format!("<pre>&gt; {}</pre>\n", xml_text(&entry.command)));
    }
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{}</title>\n\
         <style>body {{ font-family: sans-serif; margin: 2em; }} main {{ display: flex; gap: 2em; align-items: flex-start; }} \
         aside {{ max-width: 28em; }} pre {{ margin: 0.2em 0; color: #444; }}</style>\n\
         </head><body>\n<h1>{0}</h1>\n<main>\n<aside>\n{}</aside>\n<figure>\n{}</figure>\n</main>\n</body></html>\n",
        xml_text(title),
        notes,
        svg(transcript, title)
    )
}
