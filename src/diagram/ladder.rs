//! The ladder for a terminal: box-drawing or ASCII, cut to a width, with
//! no escape sequence from the file passed through. A wide character
//! (Chinese) takes two columns, as the terminal shows it; an ASCII ladder
//! says its own words (the gaps) in English, the one language ASCII has.

use super::measure::{char_columns, columns};
use super::{
    ASCII, Arrow, Event, Pen, UNICODE, Windows, ends, events, fit, short_state, state_name,
    terminal_text,
};
use crate::transcript_format::Transcript;

/// The transcript as a ladder for a terminal `width` columns wide (see
/// `ladder_of`).
pub fn ladder(transcript: &Transcript, width: usize, ascii: bool) -> String {
    ladder_of(&events(transcript), width, ascii)
}

/// The events as a ladder for a terminal `width` columns wide: the calls
/// down the left margin, a line per end, an arrow per segment with its
/// flags and numbers (cut to fit), each end's state written beside its
/// line when it changes (a name too long for its place shortened by
/// `state_name`'s table, never cut). A segment held on the lab's link ends
/// in a bar (`‖`, `#` in ASCII) where a lost one ends in a cross; a
/// retransmission starts with `⟲` (`R` in ASCII), its tags in its label.
pub fn ladder_of(events: &[Event], width: usize, ascii: bool) -> String {
    let columns = Columns::new(ends(events), width, ascii);
    let mut windows = Windows::default();
    let mut out = vec![columns.header()];
    for event in events {
        let row = match event {
            Event::Narration(_) => None,
            Event::Gap(gap) => Some(columns.gap(&match ascii {
                true => crate::i18n::in_english(|| gap.label()),
                false => gap.label(),
            })),
            Event::Call { text, .. } => Some(columns.call(text)),
            Event::Segment { .. } => event
                .arrow(&columns.ends, &mut windows)
                .and_then(|a| columns.arrow(a)),
            Event::State { end, state } => columns.state(end, state),
        };
        out.extend(row);
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

/// The ladder's layout: the calls' margin, then a column per end, each
/// end's line in the middle of its column.
struct Columns {
    ends: Vec<String>,
    width: usize,
    margin: usize,
    span: usize,
    ascii: bool,
    pen: Pen,
}

impl Columns {
    fn new(ends: Vec<String>, width: usize, ascii: bool) -> Columns {
        let width = width.max(40);
        let margin = (width / 4).min(24);
        let span = (width - margin) / ends.len().max(1);
        Columns {
            ends,
            width,
            margin,
            span,
            ascii,
            pen: if ascii { ASCII } else { UNICODE },
        }
    }

    /// Where end `k`'s line is.
    fn x(&self, k: usize) -> usize {
        self.margin + self.span * k + self.span / 2
    }

    /// A row with every end's line, and nothing else yet.
    fn blank(&self) -> Vec<char> {
        let mut row = vec![' '; self.width];
        for k in 0..self.ends.len() {
            row[self.x(k)] = self.pen.line;
        }
        row
    }

    fn text(&self, text: &str, room: usize) -> String {
        fit(&terminal_text(text, self.ascii), room, self.ascii)
    }

    /// The ends' names over their lines.
    fn header(&self) -> String {
        let mut header = vec![' '; self.width];
        for (k, end) in self.ends.iter().enumerate() {
            let name = self.text(end, self.span.saturating_sub(1).max(1));
            let start = self.x(k).saturating_sub(columns(&name) / 2);
            put(&mut header, start, &name);
        }
        render(header)
    }

    /// The lines broken, and how long: time passed here.
    fn gap(&self, label: &str) -> String {
        let mut row = vec![' '; self.width];
        for k in 0..self.ends.len() {
            row[self.x(k)] = if self.ascii { ':' } else { '┊' };
        }
        let text = self.text(label, self.margin.saturating_sub(3));
        put(&mut row, 0, &format!("~ {text}"));
        render(row)
    }

    /// A call in the left margin.
    fn call(&self, text: &str) -> String {
        let mut row = self.blank();
        put(&mut row, 0, &self.text(text, self.margin.saturating_sub(1)));
        render(row)
    }

    /// One arrow from end to end, its head a cross where it was lost, a
    /// bar where it is held, its text along it; None from an end to itself.
    fn arrow(&self, arrow: Arrow) -> Option<String> {
        let text = arrow.text();
        let Arrow {
            from: a,
            to: b,
            lost,
            held,
            retransmission,
            ..
        } = arrow;
        if a == b {
            return None;
        }
        let (left, right) = (self.x(a.min(b)), self.x(a.max(b)));
        let mut row = self.blank();
        for cell in row.iter_mut().take(right).skip(left + 1) {
            *cell = self.pen.dash;
        }
        let head = match (b > a, lost, held) {
            (_, true, _) => self.pen.lost,
            (_, false, true) => self.pen.held,
            (true, false, false) => self.pen.right,
            (false, false, false) => self.pen.left,
        };
        if b > a {
            row[right - 1] = head;
        } else {
            row[left + 1] = head;
        }
        if retransmission {
            // At the tail: sent again from here.
            row[if b > a { left + 1 } else { right - 1 }] = self.pen.again;
        }
        // A dash between a retransmission's mark and its label.
        let shift = usize::from(retransmission && b > a);
        let room = right - left;
        put(
            &mut row,
            left + 2 + shift,
            &self.text(&text, room.saturating_sub(4 + shift)),
        );
        Some(render(row))
    }

    /// An end's new state right of its line, shortened where it does not
    /// fit (`state_name`); left of the line where even the short name does
    /// not fit right of it but fits there; cut only where neither fits.
    /// None for an end with no line.
    fn state(&self, end: &str, state: &str) -> Option<String> {
        let k = self.ends.iter().position(|e| e == end)?;
        let mut row = self.blank();
        let room = if k + 1 < self.ends.len() {
            self.span.saturating_sub(2)
        } else {
            self.width - self.x(k) - 2
        };
        // Left of the first line is the calls' margin, empty on this row.
        let left_room = match k {
            0 => self.x(k).saturating_sub(1),
            _ => self.span.saturating_sub(3),
        };
        let state = terminal_text(state, self.ascii);
        match (state_name(&state, room), state_name(&state, left_room)) {
            (Some(name), _) => put(&mut row, self.x(k) + 2, &name),
            (None, Some(name)) => put(&mut row, self.x(k) - 1 - name.chars().count(), &name),
            (None, None) => {
                let short = self.text(short_state(&state), room);
                put(&mut row, self.x(k) + 2, &short);
            }
        }
        Some(render(row))
    }
}

/// The cell after a wide character's: the character takes it too.
const TAKEN: char = '\0';

/// Writes `text` into `row` from `at` on (fitted to the row beforehand),
/// a wide character in two cells.
fn put(row: &mut [char], at: usize, text: &str) {
    let mut cell = at;
    for c in text.chars() {
        let width = char_columns(c);
        if let Some(place) = row.get_mut(cell) {
            *place = c;
        }
        if width == 2
            && let Some(place) = row.get_mut(cell + 1)
        {
            *place = TAKEN;
        }
        cell += width;
    }
}

fn render(row: Vec<char>) -> String {
    let text: String = row.into_iter().filter(|c| *c != TAKEN).collect();
    text.trim_end().to_string()
}
