//! Pictures of a session: the ladder (sequence) diagram of a transcript —
//! a line per end, an arrow per segment, each end's states beside its line,
//! the calls where they were made — exported for slides and handouts.
//! Today as a mermaid `sequenceDiagram` (which GitHub renders); the
//! terminal ladder and SVG/HTML are still to come (issue 15).
//!
//! Reads the transcript's recorded output, never runs it: the picture is of
//! what the kernel did when the lesson was recorded. The file is someone
//! else's: every text it puts in the picture is escaped for the format.
//!
//! Owns: reading a transcript's wire and state lines into events, and
//! writing them out. Knows nothing of sessions or commands.

use std::sync::LazyLock;

use regex::Regex;

use crate::transcript::format::Transcript;

/// One thing the picture shows, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// A command, as typed (the first end it names, if it names one).
    Call { text: String, end: Option<String> },
    /// A segment from one end to another: `[SYN,ACK] seq=0 ack=1`, and its
    /// fate on the lab's link if it was not simply passed.
    Segment {
        from: String,
        to: String,
        label: String,
        fate: Option<String>,
    },
    /// An end's TCP state, from now on.
    State { end: String, state: String },
    /// Narration before a command.
    Narration(String),
}

/// `  cli → srv  [SYN]  seq=0 win=… <…>   passed` or `  u → c  UDP len=3 "x"`.
static SEGMENT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"^\s+(?:\[\d+\] )?(\S+) → (\S+)\s+(\[[A-Z,]+\]|UDP|ICMP)\s*(.*?)(?:\s{3,}(\S.*))?$")
});
/// `  state cli: CLOSE → SYN_SENT`, `  state srv (half-open from …): SYN_RECV`.
static STATE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^\s+state (\S+)(?: \([^)]*\))?: (?:(\S+) → )?(\S+)$"));
/// What of a segment's details goes on its arrow: the sequence numbers and
/// the length, not the window or options (they follow the machine).
static DETAIL: LazyLock<Regex> =
    LazyLock::new(|| pattern(r#"\b(?:seq=\S+|ack=\S+|len=\d+)|"[^"]*"(?:\.\.\.)?"#));

/// Compiles one of the fixed patterns above (the unit tests run each).
fn pattern(source: &str) -> Regex {
    Regex::new(source).expect("valid regex") // infallible: fixed patterns, each exercised by the tests
}

/// The events of a transcript, in order.
pub fn events(transcript: &Transcript) -> Vec<Event> {
    let mut events = Vec::new();
    for entry in &transcript.entries {
        for line in &entry.narration {
            events.push(Event::Narration(line.clone()));
        }
        // The end a command names: `x = accept srv` makes x; else the
        // first word after the verb.
        let words: Vec<&str> = entry.command.split_whitespace().collect();
        let end = match words.as_slice() {
            [name, "=", ..] => Some(name.trim_end_matches(',').to_string()),
            [_, first, ..] => Some(first.trim_end_matches(',').to_string()),
            _ => None,
        };
        events.push(Event::Call {
            text: entry.command.clone(),
            end,
        });
        for line in &entry.expected {
            if let Some(c) = SEGMENT.captures(line) {
                let flags = c[3].trim_matches(['[', ']']).to_string();
                let label = if flags == "ICMP" {
                    // `ICMP port unreachable (for UDP v → … len=13)`: the what.
                    let what = c[4].split(" (for").next().unwrap_or("");
                    format!("ICMP {what}")
                } else {
                    let details: Vec<&str> = DETAIL.find_iter(&c[4]).map(|m| m.as_str()).collect();
                    let mut label = flags;
                    if !details.is_empty() {
                        label.push(' ');
                        label.push_str(&details.join(" "));
                    }
                    label
                };
                let fate = c
                    .get(5)
                    .map(|m| m.as_str().to_string())
                    .filter(|f| f != "passed");
                events.push(Event::Segment {
                    from: c[1].to_string(),
                    to: c[2].to_string(),
                    label,
                    fate,
                });
            } else if let Some(c) = STATE.captures(line)
                // A new socket's first state (CLOSE, no arrow) is no news.
                && (c.get(2).is_some() || line.contains('('))
            {
                events.push(Event::State {
                    end: c[1].to_string(),
                    state: c[3].to_string(),
                });
            }
        }
    }
    events
}

/// The ends, in the order they first take part in a segment.
fn ends(events: &[Event]) -> Vec<String> {
    let mut ends: Vec<String> = Vec::new();
    for event in events {
        if let Event::Segment { from, to, .. } = event {
            for end in [from, to] {
                if !ends.contains(end) {
                    ends.push(end.clone());
                }
            }
        }
    }
    ends
}

/// Text made safe for a mermaid label: its own entity codes for the
/// characters that end or start syntax, and no line breaks.
fn mermaid_text(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            ';' => out.push_str("#59;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '%' => out.push_str("#37;"),
            '&' => out.push_str("#amp;"),
            '\\' => out.push_str("#92;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The transcript as a mermaid `sequenceDiagram`: a participant per end,
/// a message per segment, a note for each call (over the end it names)
/// and for each state an end enters.
pub fn mermaid(transcript: &Transcript, title: &str) -> String {
    let events = events(transcript);
    let ends = ends(&events);
    let alias = |end: &str| ends.iter().position(|e| e == end).map(|k| format!("e{k}"));
    let mut out = String::from("sequenceDiagram\n");
    if !title.is_empty() {
        out.push_str(&format!("    title {}\n", mermaid_text(title)));
    }
    for (k, end) in ends.iter().enumerate() {
        out.push_str(&format!("    participant e{k} as {}\n", mermaid_text(end)));
    }
    if ends.is_empty() {
        out.push_str("    participant e0 as (no segments)\n");
    }
    for event in &events {
        match event {
            Event::Narration(_) => {}
            Event::Call { text, end } => {
                let over = end
                    .as_deref()
                    .and_then(alias)
                    .unwrap_or_else(|| "e0".into());
                out.push_str(&format!("    Note over {over}: {}\n", mermaid_text(text)));
            }
            Event::Segment {
                from,
                to,
                label,
                fate,
            } => {
                let (Some(from), Some(to)) = (alias(from), alias(to)) else {
                    continue;
                };
                // A held segment has not crossed yet: its arrow is drawn
                // when it is delivered (or dropped).
                if fate.as_deref().is_some_and(|f| f.starts_with("held")) {
                    continue;
                }
                // A lost or dropped segment ends in a cross.
                let lost = fate.as_deref().is_some_and(|f| {
                    f.contains("lost") || f.contains("dropped") || f.contains("queue full")
                });
                let arrow = if lost { "-x" } else { "->>" };
                let mut text = label.clone();
                if let Some(fate) = fate {
                    text.push_str(&format!(" ({fate})"));
                }
                out.push_str(&format!("    {from}{arrow}{to}: {}\n", mermaid_text(&text)));
            }
            Event::State { end, state } => {
                if let Some(at) = alias(end) {
                    out.push_str(&format!("    Note over {at}: {}\n", mermaid_text(state)));
                }
            }
        }
    }
    out
}

/// The lines and arrows of a ladder: box-drawing, or ASCII.
struct Pen {
    line: char,
    dash: char,
    right: char,
    left: char,
    lost: char,
}

const UNICODE: Pen = Pen {
    line: '│',
    dash: '─',
    right: '▶',
    left: '◀',
    lost: '✕',
};

const ASCII: Pen = Pen {
    line: '|',
    dash: '-',
    right: '>',
    left: '<',
    lost: 'x',
};

/// `text` cut to `room` characters, an ellipsis marking the cut.
fn fit(text: &str, room: usize, ascii: bool) -> String {
    if text.chars().count() <= room {
        return text.to_string();
    }
    let ellipsis = if ascii { "~" } else { "…" };
    let mut cut: String = text.chars().take(room.saturating_sub(1)).collect();
    if room > 0 {
        cut.push_str(ellipsis);
    }
    cut
}

/// Text for a terminal: control characters (escape sequences) become
/// spaces, and in ASCII anything else outside ASCII becomes `?`.
fn terminal_text(text: &str, ascii: bool) -> String {
    text.chars()
        .map(|c| match c {
            c if c.is_control() => ' ',
            c if ascii && !c.is_ascii() => '?',
            c => c,
        })
        .collect()
}

/// The transcript as a ladder for a terminal `width` columns wide: the
/// calls down the left margin, a line per end, an arrow per segment with
/// its flags and numbers (cut to fit), each end's state written beside
/// its line when it changes.
pub fn ladder(transcript: &Transcript, width: usize, ascii: bool) -> String {
    let pen = if ascii { ASCII } else { UNICODE };
    let events = events(transcript);
    let ends = ends(&events);
    let width = width.max(40);
    let margin = (width / 4).min(24);
    let count = ends.len().max(1);
    let span = (width - margin) / count;
    let x = |k: usize| margin + span * k + span / 2;
    let at = |end: &str| ends.iter().position(|e| e == end);
    let blank = || {
        let mut row = vec![' '; width];
        for k in 0..ends.len() {
            row[x(k)] = pen.line;
        }
        row
    };
    let render = |row: Vec<char>| -> String {
        let text: String = row.into_iter().collect();
        text.trim_end().to_string()
    };
    let mut out = Vec::new();
    // The ends' names over their lines.
    let mut header = vec![' '; width];
    for (k, end) in ends.iter().enumerate() {
        let name = fit(
            &terminal_text(end, ascii),
            span.saturating_sub(1).max(1),
            ascii,
        );
        let start = x(k).saturating_sub(name.chars().count() / 2);
        for (i, c) in name.chars().enumerate() {
            if let Some(cell) = header.get_mut(start + i) {
                *cell = c;
            }
        }
    }
    out.push(render(header));
    for event in &events {
        match event {
            Event::Narration(_) => {}
            Event::Call { text, .. } => {
                let mut row = blank();
                let call = fit(&terminal_text(text, ascii), margin.saturating_sub(1), ascii);
                for (i, c) in call.chars().enumerate() {
                    row[i] = c;
                }
                out.push(render(row));
            }
            Event::Segment {
                from,
                to,
                label,
                fate,
            } => {
                let (Some(a), Some(b)) = (at(from), at(to)) else {
                    continue;
                };
                if a == b || fate.as_deref().is_some_and(|f| f.starts_with("held")) {
                    continue;
                }
                let lost = fate.as_deref().is_some_and(|f| {
                    f.contains("lost") || f.contains("dropped") || f.contains("queue full")
                });
                let (left, right) = (x(a.min(b)), x(a.max(b)));
                let mut row = blank();
                for cell in row.iter_mut().take(right).skip(left + 1) {
                    *cell = pen.dash;
                }
                let head = match (b > a, lost) {
                    (_, true) => pen.lost,
                    (true, false) => pen.right,
                    (false, false) => pen.left,
                };
                if b > a {
                    row[right - 1] = head;
                } else {
                    row[left + 1] = head;
                }
                let mut text = label.clone();
                if let Some(fate) = fate {
                    text.push_str(&format!(" ({fate})"));
                }
                let room = right - left;
                let text = fit(&terminal_text(&text, ascii), room.saturating_sub(4), ascii);
                let start = left + 2;
                for (i, c) in text.chars().enumerate() {
                    row[start + i] = c;
                }
                out.push(render(row));
            }
            Event::State { end, state } => {
                let Some(k) = at(end) else { continue };
                let mut row = blank();
                let room = if k + 1 < ends.len() {
                    span.saturating_sub(2)
                } else {
                    width - x(k) - 2
                };
                let text = fit(&terminal_text(state, ascii), room, ascii);
                for (i, c) in text.chars().enumerate() {
                    row[x(k) + 2 + i] = c;
                }
                out.push(render(row));
            }
        }
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

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
            Event::Call { text, .. } => {
                body.push_str(&format!(
                    "<text class=\"call\" x=\"12\" y=\"{}\">{}</text>\n",
                    y + 5,
                    xml_text(&fit(text, 30, false))
                ));
            }
            Event::Segment {
                from,
                to,
                label,
                fate,
            } => {
                let (Some(a), Some(b)) = (at(from), at(to)) else {
                    continue;
                };
                if a == b || fate.as_deref().is_some_and(|f| f.starts_with("held")) {
                    continue;
                }
                let lost = fate.as_deref().is_some_and(|f| {
                    f.contains("lost") || f.contains("dropped") || f.contains("queue full")
                });
                let (x1, x2) = (x(a), x(b));
                let mut text = label.clone();
                if let Some(fate) = fate {
                    text.push_str(&format!(" ({fate})"));
                }
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

#[cfg(test)]
mod tests {
    use super::*;

    const LESSON: &str = "# A handshake.\n> connect cli srv\nconnect(cli, 127.0.0.1:5) = 0\n  cli → srv  [SYN]      seq=0 win=[N] <mss [N]>\n  srv → cli  [SYN,ACK]  seq=0 ack=1 win=[N] <mss [N]>\n  cli → srv  [ACK]      seq=1 ack=1 win=[N] <TS>   dropped\n  state cli: CLOSE → ESTABLISHED\n  state srv (half-open from 127.0.0.1:9): SYN_RECV\n> sendto u c \"a;b\"\n  u → c  UDP len=3 \"a;b\"\n";

    #[test]
    fn a_transcript_becomes_calls_segments_and_states() {
        let transcript = crate::transcript::format::parse(LESSON).unwrap();
        let events = events(&transcript);
        let segments: Vec<&Event> = events
            .iter()
            .filter(|e| matches!(e, Event::Segment { .. }))
            .collect();
        assert_eq!(segments.len(), 4);
        assert_eq!(
            segments[1],
            &Event::Segment {
                from: "srv".into(),
                to: "cli".into(),
                label: "SYN,ACK seq=0 ack=1".into(),
                fate: None
            }
        );
        assert!(events.contains(&Event::State {
            end: "srv".into(),
            state: "SYN_RECV".into()
        }));
        let text = mermaid(&transcript, "t");
        assert_eq!(
            text.matches("->>").count() + text.matches("-x").count(),
            4,
            "{text}"
        );
        assert!(text.contains("e0-xe1: ACK seq=1 ack=1 (dropped)"), "{text}");
        assert!(text.contains("UDP len=3 #quot;a#59;b#quot;"), "{text}");
        assert!(!text.contains('\u{1b}'));
    }
}
