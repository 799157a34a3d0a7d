//! The ladder as a mermaid `sequenceDiagram`, every text in mermaid's
//! own entity codes.

use super::{Event, Windows, ends, events};
use crate::transcript_format::Transcript;

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
            c if crate::safe_text::is_unsafe_in_text(c) => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The transcript as a mermaid `sequenceDiagram` (see `mermaid_of`).
pub fn mermaid(transcript: &Transcript, title: &str) -> String {
    mermaid_of(&events(transcript), title)
}

/// The events as a mermaid `sequenceDiagram`: a participant per end, a
/// message per segment (dotted while held on the lab's link), a note for
/// each call (over the end it names) and for each state an end enters.
pub fn mermaid_of(events: &[Event], title: &str) -> String {
    let ends = ends(events);
    let mut windows = Windows::default();
    let alias = |end: &str| ends.iter().position(|e| e == end).map(|k| format!("e{k}"));
    let mut out = String::from("sequenceDiagram\n");
    if !title.is_empty() {
        out.push_str(&format!("    title {}\n", mermaid_text(title)));
    }
    for (k, end) in ends.iter().enumerate() {
        out.push_str(&format!("    participant e{k} as {}\n", mermaid_text(end)));
    }
    if ends.is_empty() {
        let none = crate::t!("diagram-no-segments");
        out.push_str(&format!("    participant e0 as {}\n", mermaid_text(&none)));
    }
    for event in events {
        match event {
            Event::Narration(_) => {}
            Event::Gap(gap) => {
                let over = match ends.len() {
                    0 | 1 => "e0".to_string(),
                    n => format!("e0,e{}", n - 1),
                };
                out.push_str(&format!(
                    "    Note over {over}: {}\n",
                    mermaid_text(&gap.label())
                ));
            }
            Event::Call { text, end } => {
                let over = end
                    .as_deref()
                    .and_then(alias)
                    .unwrap_or_else(|| "e0".into());
                out.push_str(&format!("    Note over {over}: {}\n", mermaid_text(text)));
            }
            Event::Segment { .. } => {
                let Some(arrow) = event.arrow(&ends, &mut windows) else {
                    continue;
                };
                // A lost or dropped segment ends in a cross.
                let line = match (arrow.lost, arrow.held) {
                    (true, _) => "-x",
                    (false, true) => "-->>",
                    (false, false) => "->>",
                };
                out.push_str(&format!(
                    "    e{}{line}e{}: {}\n",
                    arrow.from,
                    arrow.to,
                    mermaid_text(&arrow.text())
                ));
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
