//! A recorded transcript read into the picture's events: its narration,
//! its commands, and the wire and state lines of their recorded output,
//! read back with patterns (`socklab diagram FILE`). The file is text
//! someone wrote or recorded: what no pattern matches is left out.
//!
//! Owns: those patterns. A live session's steps are not read: `diagram
//! save` makes their events from their typed segments and state changes
//! (`steps`).

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::{Entry, Event, Gap};
use crate::transcript_format::Transcript;

/// `  cli → srv  [SYN]  seq=0 win=… <…>   passed`, `  u → c  UDP len=3 "x"`, or
/// with flags a lesson leaves open, `  cli → srv  [..]seq=1 …`.
static SEGMENT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^\s+(?:\[\d+\] )?(\S+) → (\S+)\s+(\[[A-Z,]+\]|\[\.\.\]|UDP|ICMP)\s*(.*?)(?:\s{3,}(\S.*))?$",
    )
});
/// `  state cli: CLOSE → SYN_SENT`, `  state srv (half-open from …): SYN_RECV`.
static STATE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^\s+state (\S+)(?: \([^)]*\))?: (?:(\S+) → )?(\S+)$"));
/// A line's time mark: `  (+42 ms, between steps)`, `  (+[..])`.
static TIME_MARK: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"\s+\(\+([^,()]+)(, between steps)?\)$"));
/// What of a segment's details goes on its arrow: the sequence numbers and
/// the length, not the options (they follow the machine).
static DETAIL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r#"\b(?:frag(?: \d+/\d+)?|seq=\S+|ack=\S+|len=\d+)|"[^"]*"(?:\.\.\.)?"#)
});
/// A role's words after the segment, two spaces before each: `  [retransmission]`.
static ROLE: LazyLock<Regex> = LazyLock::new(|| pattern(r"\s{2}\[([^\[\]]+)\]"));
/// The window, where the transcript has its number (`win=0`; most are
/// `win=[N]`, as they follow the machine).
static WINDOW: LazyLock<Regex> = LazyLock::new(|| pattern(r"\bwin=(\d+)\b"));

/// Compiles one of the fixed patterns above (the unit tests run each).
fn pattern(source: &str) -> Regex {
    Regex::new(source).expect("valid regex") // infallible: fixed patterns, each exercised by the tests
}

/// The events of a transcript, in order. A command whose output begins
/// `error:` never reached the kernel: it is not drawn as a call.
pub fn events(transcript: &Transcript) -> Vec<Event> {
    let mut events = Vec::new();
    for entry in &transcript.entries {
        for line in entry.narration.get(crate::i18n::current()) {
            events.push(Event::Narration(line.clone()));
        }
        let usage_error = entry
            .expected
            .first()
            .is_some_and(|line| line.starts_with("error: "));
        let mut drawn = match usage_error {
            true => Entry::usage_error(&entry.command),
            false => Entry::new(&entry.command),
        };
        for line in &entry.expected {
            read_line(line, &mut drawn);
        }
        events.extend(drawn.events());
    }
    events
}

/// One line of a command's recorded output: its time mark (a gap), then
/// the segment or state it shows, if it shows one.
fn read_line(line: &str, drawn: &mut Entry) {
    let line = match TIME_MARK.captures(line) {
        Some(mark) => {
            let time = Some(&mark[1]).filter(|time| *time != "[..]");
            drawn.gap(Gap {
                time: time.map(str::to_string),
                between: mark.get(2).is_some(),
            });
            &line[..mark.get(0).map_or(line.len(), |m| m.start())]
        }
        None => line,
    };
    if let Some(found) = SEGMENT.captures(line) {
        drawn.push(segment(&found));
    } else if let Some(found) = STATE.captures(line)
        // A new socket's first state (CLOSE, no arrow) is no news.
        && (found.get(2).is_some() || line.contains('('))
    {
        drawn.push(Event::State {
            end: found[1].to_string(),
            state: found[3].to_string(),
        });
    }
}

/// The segment a line matched by SEGMENT shows.
fn segment(found: &Captures) -> Event {
    let flags = found[3].trim_matches(['[', ']']).to_string();
    let label = if flags == "ICMP" {
        // `ICMP port unreachable (for UDP v → … len=13)`: the what.
        let what = found[4].split(" (for").next().unwrap_or("");
        format!("ICMP {what}")
    } else {
        let details: Vec<&str> = DETAIL.find_iter(&found[4]).map(|m| m.as_str()).collect();
        // Flags a lesson left open (`[..]`: they vary with timing) are
        // left out; the numbers say which segment it is.
        let mut label = match flags.as_str() {
            ".." => String::new(),
            _ => flags,
        };
        if !details.is_empty() {
            if !label.is_empty() {
                label.push(' ');
            }
            label.push_str(&details.join(" "));
        }
        label
    };
    // The roles come after the data (whose quotes may hold anything).
    let after_data = DETAIL.find_iter(&found[4]).last().map_or(0, |m| m.end());
    let roles = ROLE
        .captures_iter(&found[4][after_data..])
        .map(|role| role[1].to_string())
        .collect();
    let fate = found
        .get(5)
        .map(|m| m.as_str().to_string())
        .filter(|f| f != "passed");
    // A reset has no window to show (see `window`).
    let window = WINDOW
        .captures(&found[4])
        .filter(|_| !found[3].contains("RST"))
        .and_then(|window| window[1].parse().ok());
    Event::Segment {
        from: found[1].to_string(),
        to: found[2].to_string(),
        label,
        window,
        roles,
        fate,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::mermaid;

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
                window: None,
                roles: Vec::new(),
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
    fn a_segments_roles_are_read_after_its_data() {
        let lesson = "> send cli hello\n  cli → conn  [PSH,ACK]  seq=1 ack=1 win=[N] <TS> len=5 \"a  [x]\"  [retransmission of #3]   lost (link loss)\n  conn → cli  [ACK]      seq=1 ack=6 win=[N] <mss [N],TS,sack>  [dup ACK #1 of 6]  [D-SACK 1-6]   passed\n";
        let transcript = crate::transcript_format::parse(lesson).unwrap();
        let roles: Vec<Vec<String>> = events(&transcript)
            .into_iter()
            .filter_map(|e| match e {
                Event::Segment { roles, .. } => Some(roles),
                _ => None,
            })
            .collect();
        assert_eq!(
            roles,
            [
                vec!["retransmission of #3".to_string()],
                vec!["dup ACK #1 of 6".to_string(), "D-SACK 1-6".to_string()]
            ]
        );
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
                window: None,
                roles: Vec::new(),
                fate: Some("held #2".into())
            })
        );
    }
}
