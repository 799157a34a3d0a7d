//! Pictures of a session: the ladder (sequence) diagram of a transcript —
//! a line per end, an arrow per segment, each end's states beside its line,
//! the calls where they were made — exported for slides and handouts.
//! As a mermaid `sequenceDiagram` (which GitHub renders, `mermaid`), a
//! ladder for a terminal (`ladder`), and a self-contained SVG or an HTML
//! handout (`svg`).
//!
//! Reads the transcript's recorded output, never runs it: the picture is of
//! what the kernel did when the lesson was recorded. The file is someone
//! else's: every text it puts in the picture is escaped for the format.
//!
//! Owns: reading a transcript's wire and state lines into events, and
//! writing them out. Knows nothing of sessions or commands.

use std::sync::LazyLock;

use regex::Regex;

use crate::transcript_format::Transcript;

mod ladder;
pub mod live;
mod mermaid;
mod svg;

pub use ladder::ladder;
pub use mermaid::mermaid;
pub use svg::{html, svg};

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
    /// Time passed before what follows: a timer, a delayed ACK, a peer
    /// (`42 ms later`, from a line's time mark).
    Gap(String),
}

/// `  cli → srv  [SYN]  seq=0 win=… <…>   passed` or `  u → c  UDP len=3 "x"`.
static SEGMENT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"^\s+(?:\[\d+\] )?(\S+) → (\S+)\s+(\[[A-Z,]+\]|UDP|ICMP)\s*(.*?)(?:\s{3,}(\S.*))?$")
});
/// `  state cli: CLOSE → SYN_SENT`, `  state srv (half-open from …): SYN_RECV`.
static STATE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^\s+state (\S+)(?: \([^)]*\))?: (?:(\S+) → )?(\S+)$"));
/// A line's time mark: `  (+42 ms, between steps)`, `  (+[..])`.
static TIME_MARK: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"\s+\(\+([^,()]+)(, between steps)?\)$"));
/// What of a segment's details goes on its arrow: the sequence numbers and
/// the length, not the window or options (they follow the machine).
static DETAIL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r#"\b(?:frag(?: \d+/\d+)?|seq=\S+|ack=\S+|len=\d+)|"[^"]*"(?:\.\.\.)?"#)
});

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
        let mut last_gap = None;
        for line in &entry.expected {
            // A time mark says time passed before this line came.
            let line = match TIME_MARK.captures(line) {
                Some(mark) => {
                    let label = match (&mark[1], mark.get(2).is_some()) {
                        ("[..]", true) => "later, between steps".to_string(),
                        ("[..]", false) => "later".to_string(),
                        (time, true) => format!("{time} later, between steps"),
                        (time, false) => format!("{time} after the call"),
                    };
                    if last_gap.as_ref() != Some(&label) {
                        events.push(Event::Gap(label.clone()));
                        last_gap = Some(label);
                    }
                    &line[..mark.get(0).map_or(line.len(), |m| m.start())]
                }
                None => line.as_str(),
            };
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
pub(crate) fn ends(events: &[Event]) -> Vec<String> {
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

/// A segment as every picture draws it: from one end's place to another's,
/// labelled with its fate where it was not simply passed, and lost or not.
pub(crate) struct Arrow {
    pub from: usize,
    pub to: usize,
    pub text: String,
    pub lost: bool,
}

/// The arrow for a segment between `ends`; None if it is not drawn: a held
/// segment has not crossed yet (its arrow comes when it is delivered or
/// dropped), and an end that is not among `ends` has no line.
pub(crate) fn arrow(
    ends: &[String],
    from: &str,
    to: &str,
    label: &str,
    fate: Option<&str>,
) -> Option<Arrow> {
    let at = |end: &str| ends.iter().position(|e| e == end);
    let (from, to) = (at(from)?, at(to)?);
    if fate.is_some_and(|f| f.starts_with("held")) {
        return None;
    }
    let lost = fate
        .is_some_and(|f| f.contains("lost") || f.contains("dropped") || f.contains("queue full"));
    let text = match fate {
        Some(fate) => format!("{label} ({fate})"),
        None => label.to_string(),
    };
    Some(Arrow {
        from,
        to,
        text,
        lost,
    })
}

/// The lines and arrows of a ladder for a terminal: box-drawing, or ASCII.
pub(crate) struct Pen {
    pub line: char,
    pub dash: char,
    pub right: char,
    pub left: char,
    pub lost: char,
}

pub(crate) const UNICODE: Pen = Pen {
    line: '│',
    dash: '─',
    right: '▶',
    left: '◀',
    lost: '✕',
};

pub(crate) const ASCII: Pen = Pen {
    line: '|',
    dash: '-',
    right: '>',
    left: '<',
    lost: 'x',
};

/// Text for a terminal: control characters (escape sequences) become
/// spaces, and in ASCII anything else outside ASCII becomes `?`.
pub(crate) fn terminal_text(text: &str, ascii: bool) -> String {
    text.chars()
        .map(|c| match c {
            c if c.is_control() => ' ',
            c if ascii && !c.is_ascii() => '?',
            c => c,
        })
        .collect()
}

impl Event {
    /// The arrow this event draws between `ends`, if it is a segment that
    /// is drawn (see `arrow`).
    pub(crate) fn arrow(&self, ends: &[String]) -> Option<Arrow> {
        match self {
            Event::Segment {
                from,
                to,
                label,
                fate,
            } => arrow(ends, from, to, label, fate.as_deref()),
            _ => None,
        }
    }
}

/// `text` cut to `room` characters, an ellipsis marking the cut.
pub(crate) fn fit(text: &str, room: usize, ascii: bool) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    const LESSON: &str = "# A handshake.\n> connect cli srv\nconnect(cli, 127.0.0.1:5) = 0\n  cli → srv  [SYN]      seq=0 win=[N] <mss [N]>\n  srv → cli  [SYN,ACK]  seq=0 ack=1 win=[N] <mss [N]>\n  cli → srv  [ACK]      seq=1 ack=1 win=[N] <TS>   dropped\n  state cli: CLOSE → ESTABLISHED\n  state srv (half-open from 127.0.0.1:9): SYN_RECV\n> sendto u c \"a;b\"\n  u → c  UDP len=3 \"a;b\"\n";

    #[test]
    fn a_transcript_becomes_calls_segments_and_states() {
        let transcript = crate::transcript_format::parse(LESSON).unwrap();
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

    #[test]
    fn a_fragment_says_which_piece_it_is() {
        let lesson =
            "> sendto u b:9 \"x\"*3000\n  u → v  UDP frag 2/3 off=1480 len=1480   held #2\n";
        let transcript = crate::transcript_format::parse(lesson).unwrap();
        assert_eq!(
            events(&transcript).last(),
            Some(&Event::Segment {
                from: "u".into(),
                to: "v".into(),
                label: "UDP frag 2/3 len=1480".into(),
                fate: Some("held #2".into())
            })
        );
    }
}
