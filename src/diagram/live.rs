//! The ladder under one step, live in the terminal (`wire ladder`): a
//! column per end of each connection the step's segments crossed, an arrow
//! per segment, each end's state written at its column when it changes, and
//! the time at the left. Fits a width: a label loses its options first,
//! then its sequence numbers, and only then is cut — but a label with a
//! fate on the lab's link (`#3 delivered`) or a role's tag (`[retx]`, see
//! `roles`) keeps its seq and ack, giving up its data first: they say
//! which segment it is (a retransmission is the same bytes again). A
//! retransmission's arrow starts with `⟲` (`R` in ASCII).
//!
//! Takes plain rows (the renderer makes them from a step), so it knows
//! nothing of sessions or captures.

use super::{ASCII, UNICODE, fit, terminal_text as clean};

/// What an arrow says, in the order it gives it up to fit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Label {
    /// `SYN,ACK`, `UDP`, `ICMP port unreachable`.
    pub flags: String,
    /// `seq=0 ack=1`.
    pub numbers: String,
    /// The window, where it is news (see `diagram::Windows`): shown with
    /// the numbers, at every width that shows them.
    pub window: Option<u32>,
    /// `len=5 "hello"`.
    pub data: String,
    /// `<mss 65495,sackOK,TS,wscale 7>`.
    pub options: String,
    /// Its roles' short tags: `[retx] [D-SACK]` (see `diagram::roles`).
    pub tags: String,
    /// The fate on the lab's link where it was not simply passed.
    pub fate: Option<String>,
    /// Lost on the way: the arrow ends in a cross.
    pub lost: bool,
    /// Sends bytes again: the arrow starts with a mark.
    pub retransmission: bool,
}

impl Label {
    /// The label as wide as `room` allows: everything; else without the
    /// options; else without seq/ack (and the window) too; else that, cut.
    /// With a fate or a tag (both kept to the end, tags first): everything;
    /// else without the options; else without the
    /// data's bytes, then its length; else without ack; else flags and
    /// fate; else seq/ack and fate, cut. The window goes with the numbers,
    /// given up just before them — unless it is 0, which stays with them.
    fn fitted(&self, room: usize, ascii: bool) -> String {
        let window = self.window.map(|w| format!("win={w}")).unwrap_or_default();
        // What is left of the window when it is given up: a zero one.
        let zero = match self.window {
            Some(0) => window.as_str(),
            _ => "",
        };
        let fate = self.fate.as_deref().map(|f| match f.contains('(') {
            true => f.to_string(),
            false => format!("({f})"),
        });
        let notes: Vec<&str> = [self.tags.as_str()]
            .into_iter()
            .chain(fate.as_deref())
            .filter(|n| !n.is_empty())
            .collect();
        let fate = (!notes.is_empty()).then(|| notes.join(" "));
        let build = |parts: &[&str]| -> String {
            parts
                .iter()
                .copied()
                .chain(fate.as_deref())
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let tries = match fate {
            None => vec![
                build(&[
                    &self.flags,
                    &self.numbers,
                    &window,
                    &self.data,
                    &self.options,
                ]),
                build(&[&self.flags, &self.numbers, &window, &self.data]),
                build(&[&self.flags, &self.numbers, zero, &self.data]),
                build(&[&self.flags, &self.data]),
            ],
            Some(_) => {
                // `len=5 "hello"`: the length alone; `seq=1 ack=1`: seq alone.
                let length = self.data.split(' ').next().unwrap_or_default();
                let seq = self.numbers.split(' ').next().unwrap_or_default();
                vec![
                    build(&[
                        &self.flags,
                        &self.numbers,
                        &window,
                        &self.data,
                        &self.options,
                    ]),
                    build(&[&self.flags, &self.numbers, &window, &self.data]),
                    build(&[&self.flags, &self.numbers, &window, length]),
                    build(&[&self.flags, &self.numbers, &window]),
                    build(&[&self.flags, &self.numbers, zero]),
                    build(&[&self.flags, seq, zero]),
                    build(&[&self.flags]),
                    build(&[&self.flags, &self.numbers, &window]),
                ]
            }
        };
        let last = tries.len() - 1;
        for text in &tries[..last] {
            if text.chars().count() <= room {
                return text.clone();
            }
        }
        fit(&tries[last], room, ascii)
    }
}

/// One row under the step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    Segment {
        from: String,
        to: String,
        label: Label,
    },
    State {
        end: String,
        state: String,
    },
}

/// A row and the time shown at its left (`+0 ms`, `+43 ms ↺` between steps).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timed {
    pub time: String,
    pub row: Row,
}

/// Where a state's text may go: the width of the longest TCP state name
/// (ESTABLISHED) and a space.
const STATE_ROOM: usize = 12;
/// The time column: `+1234 ms` and a space.
const TIME_ROOM: usize = 10;

/// The ladder of one step's rows, `width` columns wide: one ladder per
/// connection (pair of ends) in the order they first appear, each with its
/// ends' names over their lines. States of ends in no segment's connection
/// are left out (returned as the second list, for the plain view).
pub fn step_ladder(
    rows: &[Timed],
    order: &[String],
    width: usize,
    ascii: bool,
) -> (Vec<String>, Vec<Timed>) {
    let pen = if ascii { ASCII } else { UNICODE };
    let width = width.max(TIME_ROOM + 2 * STATE_ROOM + 16);
    let mut pairs: Vec<(String, String)> = Vec::new();
    for timed in rows {
        if let Row::Segment { from, to, .. } = &timed.row
            && !pairs
                .iter()
                .any(|(a, b)| (a == from && b == to) || (a == to && b == from))
        {
            // The end earlier in `order` on the left (an end not in it,
            // an address, after every handle).
            let rank = |end: &str| order.iter().position(|o| o == end).unwrap_or(usize::MAX);
            let (base_from, base_to) = (base(from), base(to));
            pairs.push(match rank(base_to) < rank(base_from) {
                true => (to.clone(), from.clone()),
                false => (from.clone(), to.clone()),
            });
        }
    }
    let mut out = Vec::new();
    let mut placed = vec![false; rows.len()];
    for (left, right) in &pairs {
        let x0 = TIME_ROOM + STATE_ROOM;
        let x1 = width - STATE_ROOM - 1;
        let blank = || {
            let mut row = vec![' '; width];
            row[x0] = pen.line;
            row[x1] = pen.line;
            row
        };
        let mut header = vec![' '; width];
        let name_room = (x1 - x0) / 2;
        let put = |row: &mut Vec<char>, at: usize, text: &str| {
            for (i, c) in text.chars().enumerate() {
                if let Some(cell) = row.get_mut(at + i) {
                    *cell = c;
                }
            }
        };
        for (x, name) in [(x0, left), (x1, right)] {
            let name = fit(&clean(name, ascii), name_room, ascii);
            let start = (x + 1).saturating_sub(name.chars().count().div_ceil(2));
            put(&mut header, start, &name);
        }
        out.push(line(header));
        for (k, timed) in rows.iter().enumerate() {
            let mut row = blank();
            match &timed.row {
                Row::Segment { from, to, label } => {
                    let rightward = from == left && to == right;
                    let leftward = from == right && to == left;
                    if !(rightward || leftward) {
                        continue;
                    }
                    for cell in row.iter_mut().take(x1).skip(x0 + 1) {
                        *cell = pen.dash;
                    }
                    let head = match (rightward, label.lost) {
                        (_, true) => pen.lost,
                        (true, false) => pen.right,
                        (false, false) => pen.left,
                    };
                    row[if rightward { x1 - 1 } else { x0 + 1 }] = head;
                    if label.retransmission {
                        row[if rightward { x0 + 1 } else { x1 - 1 }] = pen.again;
                    }
                    // A dash between a retransmission's mark and its label.
                    let shift = usize::from(label.retransmission && rightward);
                    let room = (x1 - x0).saturating_sub(4 + shift);
                    let text = clean(&label.fitted(room, ascii), ascii);
                    put(&mut row, x0 + 2 + shift, &text);
                }
                Row::State { end, state } => {
                    let state = fit(&clean(state, ascii), STATE_ROOM - 1, ascii);
                    if end == base(left) {
                        put(&mut row, x0 - 1 - state.chars().count(), &state);
                    } else if end == base(right) {
                        put(&mut row, x1 + 2, &state);
                    } else {
                        continue;
                    }
                }
            }
            put(
                &mut row,
                0,
                &fit(&clean(&timed.time, ascii), TIME_ROOM - 1, ascii),
            );
            placed[k] = true;
            out.push(line(row));
        }
    }
    let rest = rows
        .iter()
        .zip(placed)
        .filter(|(_, placed)| !placed)
        .map(|(timed, _)| timed.clone())
        .collect();
    (out, rest)
}

/// An end's handle name without its host (`cli @a` → `cli`).
fn base(end: &str) -> &str {
    end.split(" @").next().unwrap_or(end)
}

/// Whether the terminal's locale is UTF-8 (the first of LC_ALL,
/// LC_CTYPE, LANG that is set says); if not, or if none is set (the C
/// locale), the ladder is drawn in ASCII.
pub fn locale_is_utf8() -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|key| std::env::var(key).ok().filter(|v| !v.is_empty()))
        .is_some_and(|value| {
            let value = value.to_ascii_lowercase();
            value.contains("utf-8") || value.contains("utf8")
        })
}

fn line(row: Vec<char>) -> String {
    let text: String = row.into_iter().collect();
    text.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(from: &str, to: &str, flags: &str, numbers: &str) -> Row {
        Row::Segment {
            from: from.into(),
            to: to.into(),
            label: Label {
                flags: flags.into(),
                numbers: numbers.into(),
                options: "<mss 65495,sackOK,TS,wscale 7>".into(),
                ..Label::default()
            },
        }
    }

    #[test]
    fn a_label_gives_up_options_then_numbers_then_is_cut() {
        let Row::Segment { label, .. } = segment("a", "b", "SYN,ACK", "seq=0 ack=1") else {
            unreachable!()
        };
        assert_eq!(
            label.fitted(80, false),
            "SYN,ACK seq=0 ack=1 <mss 65495,sackOK,TS,wscale 7>"
        );
        assert_eq!(label.fitted(30, false), "SYN,ACK seq=0 ack=1");
        assert_eq!(label.fitted(12, false), "SYN,ACK");
        assert_eq!(label.fitted(5, true), "SYN,~");
    }

    #[test]
    fn a_label_with_a_fate_keeps_seq_and_ack_at_80_columns() {
        let label = Label {
            flags: "PSH,ACK".into(),
            numbers: "seq=14481 ack=1".into(),
            data: "len=1448 \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"...".into(),
            options: "<TS>".into(),
            window: None,
            fate: Some("#12 delivered".into()),
            ..Label::default()
        };
        // The room an arrow has in a ladder 80 columns wide (78 inside the
        // step's indent).
        let rows = [Timed {
            time: "+1.02 s".into(),
            row: Row::Segment {
                from: "cli".into(),
                to: "srv".into(),
                label: label.clone(),
            },
        }];
        let (lines, _) = step_ladder(&rows, &[], 78, false);
        assert!(
            lines[1].contains("PSH,ACK seq=14481 ack=1 (#12 delivered)"),
            "{}",
            lines[1]
        );
        assert_eq!(
            label.fitted(60, false),
            "PSH,ACK seq=14481 ack=1 len=1448 (#12 delivered)"
        );
        assert_eq!(label.fitted(36, false), "PSH,ACK seq=14481 (#12 delivered)");
        assert_eq!(label.fitted(24, false), "PSH,ACK (#12 delivered)");
        assert_eq!(label.fitted(10, true), "PSH,ACK s~");
    }

    #[test]
    fn rows_of_other_connections_get_their_own_ladder() {
        let rows = vec![
            Timed {
                time: "+0 ms".into(),
                row: segment("cli", "srv", "SYN", "seq=0"),
            },
            Timed {
                time: "+0 ms".into(),
                row: segment("u", "v", "UDP", ""),
            },
            Timed {
                time: "+1 ms".into(),
                row: Row::State {
                    end: "cli".into(),
                    state: "ESTABLISHED".into(),
                },
            },
            Timed {
                time: "+1 ms".into(),
                row: Row::State {
                    end: "other".into(),
                    state: "CLOSE_WAIT".into(),
                },
            },
        ];
        let order = ["srv".to_string(), "cli".to_string()];
        let (lines, rest) = step_ladder(&rows, &order, 80, false);
        assert_eq!(lines.len(), 5, "{}", lines.join("\n"));
        // srv was made first: its column is the left one.
        assert!(lines[0].find("srv") < lines[0].find("cli"), "{}", lines[0]);
        assert!(lines[1].starts_with("+0 ms") && lines[1].contains("SYN seq=0 <mss"));
        assert!(lines[1].contains("│◀SYN"), "{}", lines[1]);
        assert!(lines[2].ends_with("│ ESTABLISHED"), "{}", lines[2]);
        assert!(lines[3].contains('u') && lines[3].contains('v'));
        assert_eq!(rest.len(), 1);
        assert!(lines.iter().all(|l| l.chars().count() <= 80));
    }

    #[test]
    fn any_width_and_any_name_fit_without_a_panic() {
        let long = "a-name-far-too-long-for-any-column-\u{1b}[31m-漢字".to_string();
        let rows = vec![
            Timed {
                time: "+123456 ms".into(),
                row: segment(
                    &long,
                    "x",
                    "SYN,ACK,PSH,FIN",
                    "seq=4294967295 ack=4294967295",
                ),
            },
            Timed {
                time: String::new(),
                row: Row::State {
                    end: long.clone(),
                    state: "A_STATE_NAME_LONGER_THAN_ANY".into(),
                },
            },
            Timed {
                time: "+1 ms".into(),
                row: segment("x", &long, "", ""),
            },
        ];
        for width in 0..200 {
            for ascii in [false, true] {
                let (lines, _) = step_ladder(&rows, &[], width, ascii);
                assert_eq!(lines.len(), 4);
                let most = width.max(TIME_ROOM + 2 * STATE_ROOM + 16);
                for line in &lines {
                    assert!(line.chars().count() <= most, "{width}: {line}");
                    assert!(!line.contains('\u{1b}'), "{line}");
                    assert!(!ascii || line.is_ascii(), "{line}");
                }
            }
        }
    }
}
