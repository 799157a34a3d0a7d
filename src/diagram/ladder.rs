//! The ladder for a terminal: box-drawing or ASCII, cut to a width, with
//! no escape sequence from the file passed through.

use super::{ASCII, Arrow, Event, UNICODE, ends, events, fit, terminal_text};
use crate::transcript_format::Transcript;

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
            Event::Gap(label) => {
                // The lines broken, and how long: time passed here.
                let mut row = vec![' '; width];
                for k in 0..ends.len() {
                    row[x(k)] = if ascii { ':' } else { '┊' };
                }
                let text = fit(
                    &terminal_text(label, ascii),
                    margin.saturating_sub(3),
                    ascii,
                );
                for (i, c) in format!("~ {text}").chars().enumerate() {
                    row[i] = c;
                }
                out.push(render(row));
            }
            Event::Call { text, .. } => {
                let mut row = blank();
                let call = fit(&terminal_text(text, ascii), margin.saturating_sub(1), ascii);
                for (i, c) in call.chars().enumerate() {
                    row[i] = c;
                }
                out.push(render(row));
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
