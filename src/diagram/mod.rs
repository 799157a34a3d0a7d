//! Pictures of a session: the ladder (sequence) diagram of a transcript or
//! of a live session's steps — a line per end, an arrow per segment, each
//! end's states beside its line, the calls where they were made — exported
//! for slides and handouts. As a mermaid `sequenceDiagram` (which GitHub
//! renders, `mermaid`), a ladder for a terminal (`ladder`), a
//! self-contained SVG that scales (`svg`, its texts measured by `measure`)
//! and an HTML handout that prints on A4 (`html`). A segment's roles are
//! short tags in every picture (`roles`).
//!
//! A picture is drawn from events (`Event`): a recorded transcript's are
//! read from its recorded output (`read`), never by running it — the
//! picture is of what the kernel did when the lesson was recorded; a live
//! session's (`diagram save`) are made from its steps' typed segments and
//! state changes (`steps`), with no text between. The file is someone
//! else's: every text it puts in the picture is escaped for the format.
//!
//! A picture's own words (its title's steps, legend, gaps, the graph's
//! axes) are messages of the `diagram` section of the .ftl files, in the
//! language text is shown in, and its document says which (`lang`); what
//! is a name — flags, seq=/ack=/win=/len=, states, handles, calls, the
//! roles' tags and the link's fates (the words of `link hold`, `deliver`,
//! `drop`) — is drawn as it is, so an arrow says the same in every
//! language. Text is measured in columns, a Chinese character two
//! (`measure`).
//!
//! Owns: the events, reading them from a transcript or a step, and drawing
//! them. Knows nothing of sessions or commands.

mod html;
mod ladder;
pub mod live;
mod measure;
mod mermaid;
mod read;
mod roles;
mod steps;
mod svg;
pub mod time_sequence;
mod window;

pub use html::{html, html_of};
pub use ladder::{ladder, ladder_of};
pub use mermaid::{mermaid, mermaid_of};
pub use read::events;
pub use svg::{svg, svg_of};
pub use window::{Windows, advertised};

/// One thing the picture shows, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// A command, as typed (the first end it names, if it names one).
    Call { text: String, end: Option<String> },
    /// A segment from one end to another: `[SYN,ACK] seq=0 ack=1`, the
    /// window it advertised (None: not known, or not TCP), its roles in the
    /// words its wire line says (`retransmission`, `dup ACK #2 of 1449`),
    /// and its fate on the lab's link if it was not simply passed.
    Segment {
        from: String,
        to: String,
        label: String,
        window: Option<u32>,
        roles: Vec<String>,
        fate: Option<String>,
    },
    /// An end's TCP state, from now on.
    State { end: String, state: String },
    /// Narration before a command.
    Narration(String),
    /// Time passed before what follows: a timer, a delayed ACK, a peer
    /// (from a line's time mark), said in words when drawn (`Gap::label`).
    Gap(Gap),
}

impl Event {
    /// A command, as typed, with the end it names: `x = accept srv` makes
    /// x; else the first word after the verb.
    pub fn call(command: &str) -> Event {
        let words: Vec<&str> = command.split_whitespace().collect();
        let end = match words.as_slice() {
            [name, "=", ..] => Some(name.trim_end_matches(',').to_string()),
            [_, first, ..] => Some(first.trim_end_matches(',').to_string()),
            _ => None,
        };
        Event::Call {
            text: command.to_string(),
            end,
        }
    }
}

/// Time passed, as a line's time mark says it: how long (None for a
/// transcript's `[..]`), and whether it passed between steps rather than
/// during the call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    pub time: Option<String>,
    pub between: bool,
}

impl Gap {
    /// What the picture says, in the language text is shown in: `42 ms
    /// after the call`, `1.02 s later, between steps`; with no time,
    /// `later`.
    pub fn label(&self) -> String {
        match (self.time.as_deref(), self.between) {
            (None, true) => crate::t!("diagram-gap-later-between"),
            (None, false) => crate::t!("diagram-gap-later"),
            (Some(time), true) => crate::t!("diagram-gap-between", time = time),
            (Some(time), false) => crate::t!("diagram-gap-after-call", time = time),
        }
    }
}

/// One command and what it showed, as the picture's events: the call, then
/// the segments, states and gaps under it, in order. A time mark becomes a
/// gap only where it says something new under the command. A line that
/// never reached the kernel (a usage error) is no call: only what came
/// under it is drawn.
#[derive(Clone, Debug, Default)]
pub struct Entry {
    command: String,
    under: Vec<Event>,
    last_gap: Option<Gap>,
    no_call: bool,
}

impl Entry {
    pub fn new(command: &str) -> Entry {
        Entry {
            command: command.to_string(),
            ..Entry::default()
        }
    }

    /// A line that never reached the kernel: not drawn as a call.
    pub fn usage_error(command: &str) -> Entry {
        Entry {
            no_call: true,
            ..Entry::new(command)
        }
    }

    pub fn command(&self) -> &str {
        &self.command
    }

    /// Time passed before what comes next, unless the last gap said so.
    pub(crate) fn gap(&mut self, gap: Gap) {
        if self.last_gap.as_ref() != Some(&gap) {
            self.under.push(Event::Gap(gap.clone()));
            self.last_gap = Some(gap);
        }
    }

    pub(crate) fn push(&mut self, event: Event) {
        self.under.push(event);
    }

    /// How many segments it holds, drawn or not.
    pub fn segments(&self) -> usize {
        self.under
            .iter()
            .filter(|e| matches!(e, Event::Segment { .. }))
            .count()
    }

    /// Its events: the call (unless it was none), then what came under it.
    pub fn events(&self) -> impl Iterator<Item = Event> + '_ {
        std::iter::once(Event::call(&self.command))
            .filter(|_| !self.no_call)
            .chain(self.under.iter().cloned())
    }
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
/// labelled with its window where it is shown (see `window`), a short tag
/// for each of its roles (see `roles`: `[retx]`, `[dup ACK 2]`) and its
/// fate where it was not simply passed; lost, held on the lab's link (drawn
/// again when delivered or dropped), or neither; a retransmission or not;
/// with a zero window or not.
pub(crate) struct Arrow {
    pub from: usize,
    pub to: usize,
    /// What the segment is: `PSH,ACK seq=1 ack=1 win=0 len=5 "hello"`.
    pub label: String,
    /// What it is besides, and what the link did: `[retx] (lost)`; empty
    /// for neither.
    pub notes: String,
    pub lost: bool,
    pub held: bool,
    pub retransmission: bool,
    pub zero_window: bool,
}

impl Arrow {
    /// The label on one line: `PSH,ACK seq=1 ack=1 len=5 "hello" [retx] (lost)`.
    pub fn text(&self) -> String {
        match self.notes.is_empty() {
            true => self.label.clone(),
            false => format!("{} {}", self.label, self.notes),
        }
    }
}

/// A segment's roles' short tags, each in brackets (`[retx] [D-SACK]`),
/// and whether one is a retransmission; roles no tag stands for left out.
pub(crate) fn tags(roles: &[String]) -> (String, bool) {
    let tags: Vec<roles::Tag> = roles.iter().filter_map(|r| roles::tag(r)).collect();
    let text: Vec<String> = tags.iter().map(|t| format!("[{}]", t.short)).collect();
    (text.join(" "), tags.iter().any(|t| t.retransmission))
}

/// The arrow for a segment between `ends`, with `window` shown if Some;
/// None for an end that is not among `ends` (it has no line).
pub(crate) fn arrow(
    ends: &[String],
    (from, to): (&str, &str),
    (label, window): (&str, Option<u32>),
    roles: &[String],
    fate: Option<&str>,
) -> Option<Arrow> {
    let at = |end: &str| ends.iter().position(|e| e == end);
    let (from, to) = (at(from)?, at(to)?);
    let held = fate.is_some_and(|f| f.starts_with("held"));
    let lost = fate
        .is_some_and(|f| f.contains("lost") || f.contains("dropped") || f.contains("queue full"));
    let (tags, retransmission) = tags(roles);
    let fate = fate.map(|fate| format!("({fate})"));
    let notes: Vec<&str> = [tags.as_str()]
        .into_iter()
        .chain(fate.as_deref())
        .filter(|n| !n.is_empty())
        .collect();
    Some(Arrow {
        from,
        to,
        label: window::with_window(label, window),
        notes: notes.join(" "),
        lost,
        held,
        retransmission,
        zero_window: window == Some(0),
    })
}

/// The lines and arrows of a ladder for a terminal: box-drawing, or ASCII.
pub(crate) struct Pen {
    pub line: char,
    pub dash: char,
    pub right: char,
    pub left: char,
    pub lost: char,
    /// Where a segment held on the lab's link stops.
    pub held: char,
    /// At the tail of a retransmission's arrow.
    pub again: char,
}

pub(crate) const UNICODE: Pen = Pen {
    line: '│',
    dash: '─',
    right: '▶',
    left: '◀',
    lost: '✕',
    held: '‖',
    again: '⟲',
};

pub(crate) const ASCII: Pen = Pen {
    line: '|',
    dash: '-',
    right: '>',
    left: '<',
    lost: 'x',
    held: '#',
    again: 'R',
};

/// Text for a terminal: control characters (escape sequences) become
/// spaces, and in ASCII anything else outside ASCII becomes `?`.
pub(crate) fn terminal_text(text: &str, ascii: bool) -> String {
    text.chars()
        .map(|c| match c {
            c if crate::safe_text::is_unsafe_in_text(c) => ' ',
            c if ascii && !c.is_ascii() => '?',
            c => c,
        })
        .collect()
}

impl Event {
    /// The arrow this event draws between `ends`, if it is a segment that
    /// is drawn (see `arrow`); `windows` has seen the segments before it.
    pub(crate) fn arrow(&self, ends: &[String], windows: &mut Windows) -> Option<Arrow> {
        match self {
            Event::Segment {
                from,
                to,
                label,
                window,
                roles,
                fate,
            } => {
                let window = windows.shown(from, to, *window);
                arrow(ends, (from, to), (label, window), roles, fate.as_deref())
            }
            _ => None,
        }
    }
}

/// `text` cut to `room` columns (a wide character, Chinese, takes two:
/// `measure::columns`), one ellipsis marking the cut: an ellipsis just
/// before the cut, or the dots of a clipped preview (`"aaaa"...`), go, so
/// no label ends in two.
pub(crate) fn fit(text: &str, room: usize, ascii: bool) -> String {
    if measure::columns(text) <= room {
        return text.to_string();
    }
    let ellipsis = if ascii { "~" } else { "…" };
    let cut = measure::take_columns(text, room.saturating_sub(1));
    let kept = cut.trim_end_matches(['…', '~']);
    // The dots of a clipped preview (`"aaaa"...`), not a sentence's one.
    let dotless = kept.trim_end_matches('.');
    let kept = match kept.ends_with("..") || dotless.ends_with('"') {
        true => dotless,
        false => kept,
    };
    let mut cut = match kept {
        "" => cut.to_string(),
        kept => kept.to_string(),
    };
    if room > 0 {
        cut.push_str(ellipsis);
    }
    cut
}

/// Shorter names for the TCP states whose names are long, written where
/// the whole name does not fit (docs/wire.md shows the table); the others
/// (SYN_SENT, SYN_RECV, LAST_ACK, CLOSING, LISTEN, CLOSE) are short enough.
const SHORT_STATES: &[(&str, &str)] = &[
    ("ESTABLISHED", "ESTAB"),
    ("CLOSE_WAIT", "CLOSE_WT"),
    ("FIN_WAIT1", "FIN_WT1"),
    ("FIN_WAIT2", "FIN_WT2"),
    ("TIME_WAIT", "TIME_WT"),
];

/// `state`'s short name from that table; itself where it has none.
pub(crate) fn short_state(state: &str) -> &str {
    SHORT_STATES
        .iter()
        .find(|(long, _)| *long == state)
        .map_or(state, |(_, short)| short)
}

/// `state` in `room` characters: whole, else its short name; None where
/// neither fits (it is never cut here).
pub(crate) fn state_name(state: &str, room: usize) -> Option<String> {
    [state, short_state(state)]
        .into_iter()
        .find(|name| name.chars().count() <= room)
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_ends_in_one_ellipsis() {
        assert_eq!(fit("len=5 \"aaaa\"...", 14, false), "len=5 \"aaaa\"…");
        assert_eq!(fit("len=5 \"aaaa\"...", 15, false), "len=5 \"aaaa\"...");
        assert_eq!(fit("abc…def", 5, true), "abc~");
        assert_eq!(fit("...", 2, false), ".…");
        assert_eq!(fit("net.ipv4.tcp", 10, false), "net.ipv4.…");
        assert_eq!(fit("abc", 0, false), "");
        // A Chinese character takes two columns.
        assert_eq!(fit("稍后，在两步之间", 9, false), "稍后，在…");
        assert_eq!(fit("稍后，在两步之间", 16, false), "稍后，在两步之间");
    }

    #[test]
    fn a_gap_is_said_in_the_language_chosen_its_time_as_it_is() {
        use crate::i18n::{Lang, in_lang};
        let gap = |time: Option<&str>, between| Gap {
            time: time.map(str::to_string),
            between,
        };
        let cases = [
            (gap(None, false), ["later", "позже", "稍后"]),
            (
                gap(None, true),
                [
                    "later, between steps",
                    "позже, между шагами",
                    "稍后，在两步之间",
                ],
            ),
            (
                gap(Some("42 ms"), false),
                [
                    "42 ms after the call",
                    "через 42 ms после вызова",
                    "调用后 42 ms",
                ],
            ),
            (
                gap(Some("1.02 s"), true),
                [
                    "1.02 s later, between steps",
                    "через 1.02 s, между шагами",
                    "1.02 s 后，在两步之间",
                ],
            ),
        ];
        for (gap, said) in cases {
            for (lang, words) in Lang::ALL.into_iter().zip(said) {
                assert_eq!(in_lang(lang, || gap.label()), words, "{lang}");
            }
        }
    }

    #[test]
    fn a_state_name_is_shortened_by_the_table_never_cut() {
        assert_eq!(state_name("CLOSE_WAIT", 10).as_deref(), Some("CLOSE_WAIT"));
        assert_eq!(state_name("CLOSE_WAIT", 9).as_deref(), Some("CLOSE_WT"));
        assert_eq!(state_name("ESTABLISHED", 8).as_deref(), Some("ESTAB"));
        assert_eq!(state_name("SYN_RECV", 7), None);
        for (long, short) in SHORT_STATES {
            assert!(short.len() <= 8 && short.len() < long.len(), "{long}");
        }
    }
}
