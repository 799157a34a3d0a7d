//! Text fitted to the width it is shown at: a line wider than that wraps
//! at word boundaries — never inside a word — its continuation lines
//! indented under what the line is about (after a `note:` or `why:`
//! label, at a table's column, else two in), and a segment line takes its
//! compact form below 100 columns. textwrap does the wrapping; widths are
//! display widths, colour escapes not counted.
//!
//! How wide is the terminal's business (`Fit`): standard output's terminal
//! (TIOCGWINSZ, asked at each use: it may be resized), else `COLUMNS`,
//! else nothing is fitted — output into a pipe or a file is left as it is,
//! and so is everything a transcript is compared with or recorded from.

use std::io::IsTerminal;

/// How wide text is made to fit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Fit {
    /// Left as it is (a pipe or file with no `COLUMNS`, a transcript).
    #[default]
    Unwrapped,
    /// Standard output is a terminal: its width, asked each time (else
    /// `COLUMNS`).
    Terminal,
    /// A width fixed from the start (`COLUMNS`, for a pipe).
    Columns(usize),
}

/// Text is never fitted narrower than this: a word or two a line.
const NARROWEST: usize = 20;

/// Below this width a segment line is shown in its compact form.
pub const COMPACT_BELOW: usize = 100;

impl Fit {
    /// How standard output is fitted: to its terminal if it is one, else
    /// to `COLUMNS` if set, else not at all.
    pub fn for_stdout() -> Fit {
        if std::io::stdout().is_terminal() {
            return Fit::Terminal;
        }
        columns().map_or(Fit::Unwrapped, Fit::Columns)
    }

    /// The width to fit now, if any.
    pub fn width(self) -> Option<usize> {
        let width = match self {
            Fit::Unwrapped => None,
            Fit::Terminal => crate::sys::terminal_width().or_else(columns),
            Fit::Columns(width) => Some(width),
        };
        width.map(|w| w.max(NARROWEST))
    }
}

/// `COLUMNS`, when it is a positive number.
pub fn columns() -> Option<usize> {
    std::env::var("COLUMNS")
        .ok()?
        .trim()
        .parse()
        .ok()
        .filter(|&n| n > 0)
}

/// The columns `text` takes on a terminal (colour escapes take none).
pub fn display_width(text: &str) -> usize {
    textwrap::core::display_width(text)
}

/// Every line of `text` (lines end in `\n`) fitted to `width`: a segment
/// line in its compact form below `COMPACT_BELOW`; a line still wider,
/// wrapped.
pub fn fit_text(text: &str, width: usize, out: &mut String) {
    for line in text.split_inclusive('\n') {
        let (line, end) = match line.strip_suffix('\n') {
            Some(line) => (line, "\n"),
            None => (line, ""),
        };
        let compact = match width < COMPACT_BELOW {
            true => crate::wire::compact_line(line),
            false => None,
        };
        wrap_line(compact.as_deref().unwrap_or(line), width, out);
        out.push_str(end);
    }
}

/// `text` fitted to `width` (see `fit_text`), as a new string.
pub fn fitted(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    fit_text(text, width, &mut out);
    out
}

/// One line (no `\n`) wrapped to `width` into `out`, its continuation
/// lines (joined by `\n`) indented as `continuation_indent` says. A line
/// that fits is copied as it is.
pub fn wrap_line(line: &str, width: usize, out: &mut String) {
    // Bytes are never fewer than columns: most lines are decided here.
    if line.len() <= width || display_width(line) <= width {
        out.push_str(line);
        return;
    }
    let indent = " ".repeat(continuation_indent(line, width));
    wrap_with(line, width, &indent, out);
}

/// One line wrapped to `width`, each continuation line starting with
/// `prefix` (`# ` for a lesson's narration).
pub fn wrap_with(line: &str, width: usize, prefix: &str, out: &mut String) {
    if line.len() <= width || display_width(line) <= width {
        out.push_str(line);
        return;
    }
    let options = textwrap::Options::new(width)
        .subsequent_indent(prefix)
        .break_words(false)
        .word_separator(separator(line))
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    for (k, piece) in textwrap::wrap(line, options).iter().enumerate() {
        if k > 0 {
            out.push('\n');
        }
        out.push_str(piece);
    }
}

/// Where a line may break: at spaces, and — in Chinese text, which has
/// none between words — between characters where Unicode's line breaking
/// rules allow (never before `，` or `。`). English lines keep breaking at
/// spaces only, as they always have.
fn separator(line: &str) -> textwrap::WordSeparator {
    let chinese = line.chars().any(|c| {
        matches!(c as u32, 0x2E80..=0x303F | 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
    });
    match chinese {
        true => textwrap::WordSeparator::UnicodeBreakProperties,
        false => textwrap::WordSeparator::AsciiSpace,
    }
}

/// Lines (no `\n` in them) wrapped to `width`, as lines.
pub fn wrap_lines(lines: &[String], width: usize) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len());
    let mut wrapped = String::new();
    for line in lines {
        wrapped.clear();
        wrap_line(line, width, &mut wrapped);
        out.extend(wrapped.split('\n').map(str::to_string));
    }
    out
}

/// Where a wrapped line's continuation starts: after a leading label
/// (`note:`, `why:`, `usage:`); else at its last column — after its last
/// run of two or more spaces, as in a table — in the first two-thirds of
/// the width; else two in from its own indent. Never past half the width
/// but for a table's column.
fn continuation_indent(line: &str, width: usize) -> usize {
    let plain = strip_escapes(line);
    let indent = plain.len() - plain.trim_start_matches(' ').len();
    let body = &plain[indent..];
    let label = body.split(' ').next().unwrap_or_default();
    if label.len() > 1 && label.ends_with(':') && !label.contains('(') {
        let after = body[label.len()..].len() - body[label.len()..].trim_start().len();
        let column = indent + display_width(label) + after.max(1);
        if column <= width / 2 {
            return column;
        }
    }
    let column = body
        .match_indices("  ")
        .map(|(at, _)| at)
        .filter_map(|at| {
            let after = body[at..].len() - body[at..].trim_start().len();
            let column = display_width(&body[..at + after]) + indent;
            (column < width / 2 + width / 6).then_some(column)
        })
        .last();
    column.unwrap_or((indent + 2).min(width / 2))
}

/// `text` without its colour escapes (`ESC [ … letter`).
pub fn strip_escapes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\x1b') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for next in chars.by_ref() {
                if next.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_wraps_between_characters_and_never_past_the_width() {
        let line = "SO_REUSEADDR：允许绑定到仍有连接处于 TIME_WAIT 状态的本地地址，服务器重启时常用它来避免“地址已被占用”的错误。";
        let mut out = String::new();
        wrap_with(line, 40, "  ", &mut out);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.len() > 1, "{out}");
        for piece in &lines {
            assert!(display_width(piece) <= 40, "{piece:?} is wider than 40");
            assert!(!piece.trim_start().starts_with('，'), "{piece:?}");
        }
        assert!(
            lines.iter().any(|l| l.contains("SO_REUSEADDR")),
            "a name is whole"
        );
    }

    fn wrapped(line: &str, width: usize) -> Vec<String> {
        let mut out = String::new();
        wrap_line(line, width, &mut out);
        out.split('\n').map(str::to_string).collect()
    }

    fn words(text: &str) -> Vec<&str> {
        text.split_whitespace().collect()
    }

    #[test]
    fn a_line_that_fits_is_left_as_it_is() {
        for line in ["", "short", "  two  spaces  kept   ", "é漢字"] {
            assert_eq!(wrapped(line, 22), [line]);
        }
        // Colour takes no columns.
        let coloured = "\x1b[2mnote:\x1b[0m twenty columns here";
        assert_eq!(display_width(coloured), 25);
        assert_eq!(wrapped(coloured, 25), [coloured]);
        assert_eq!(wrapped(coloured, 24).len(), 2);
    }

    #[test]
    fn continuation_lines_hang_under_what_the_line_is_about() {
        let cases: &[(&str, usize, &[&str])] = &[
            // After a label.
            (
                "  note: allowed because socklab runs with CAP_NET_BIND_SERVICE",
                40,
                &[
                    "  note: allowed because socklab runs",
                    "        with CAP_NET_BIND_SERVICE",
                ],
            ),
            (
                "  why: nonblocking: the handshake has started; poll for POLLOUT",
                40,
                &[
                    "  why: nonblocking: the handshake has",
                    "       started; poll for POLLOUT",
                ],
            ),
            // Two in, where there is no label.
            (
                "  state srv (in the accept queue from 192.0.2.1:40000): SYN_RECV → ESTABLISHED",
                60,
                &[
                    "  state srv (in the accept queue from 192.0.2.1:40000):",
                    "    SYN_RECV → ESTABLISHED",
                ],
            ),
            // At a table's column.
            (
                "  help VERB    say what a verb does, which call it makes and its errors",
                50,
                &[
                    "  help VERB    say what a verb does, which call it",
                    "               makes and its errors",
                ],
            ),
        ];
        for (line, width, want) in cases {
            assert_eq!(wrapped(line, *width), *want, "{line:?} at {width}");
        }
    }

    #[test]
    fn no_word_is_ever_cut_and_no_line_is_wider_than_its_longest_word_needs() {
        let lines = [
            "  note: allowed because socklab runs with CAP_NET_BIND_SERVICE (as root, or root of its namespace); an ordinary user gets EACCES below net.ipv4.ip_unprivileged_port_start = 1024",
            "usage: link [hold|pass|delay D [jitter D]|loss P|dup P|corrupt P|reorder P|rate R [queue N]|queue N|clear [a->b|b->a]] | link seed N",
            "  \x1b[33mstate srv (half-open from 192.0.2.1:40000): SYN_RECV\x1b[0m  \x1b[36m(+1.02 s, between steps)\x1b[0m",
            "NAME   FD  KIND  HOST  LOCAL            PEER             STATE        RECV-Q  SEND-Q  FLAGS",
            "漢字漢字 漢字漢字 漢字漢字 漢字漢字 漢字漢字 漢字漢字 漢字漢字 漢字漢字 漢字漢字 non-blocking a->b",
        ];
        for width in [20, 33, 40, 61, 80, 99] {
            for line in lines {
                let out = wrapped(line, width);
                // Chinese breaks between characters (no spaces between its
                // words); everything else only at spaces.
                let ascii = |words: Vec<&str>| -> Vec<String> {
                    words
                        .into_iter()
                        .filter(|w| w.is_ascii())
                        .map(str::to_string)
                        .collect()
                };
                assert_eq!(
                    ascii(words(&out.join(" "))),
                    ascii(words(line)),
                    "{line:?} at {width}"
                );
                let unspaced = |text: &str| text.split_whitespace().collect::<String>();
                assert_eq!(
                    unspaced(&out.join("")),
                    unspaced(line),
                    "{line:?} at {width}"
                );
                for piece in &out {
                    // Only a word wider than the line by itself may stick out.
                    let alone = words(piece).len() == 1;
                    assert!(
                        display_width(piece) <= width || alone,
                        "{piece:?} wider than {width}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_word_longer_than_the_width_stays_whole_on_a_line_of_its_own() {
        let long = "x".repeat(30);
        let out = wrapped(&format!("a {long} b"), 20);
        assert_eq!(out, ["a", &format!("  {long}"), "  b"]);
    }

    #[test]
    fn text_is_fitted_line_by_line_and_segment_lines_go_compact_below_100() {
        let text = "connect(cli, 192.0.2.2:80) = 0\n  cli → srv  [SYN]      seq=0 win=64240 <mss 1460,sackOK,TS,wscale 10>   held #1\n";
        assert_eq!(
            fitted(text, 80),
            "connect(cli, 192.0.2.2:80) = 0\n  cli → srv  [SYN] seq=0 win=64240   held #1\n"
        );
        assert_eq!(fitted(text, 120), text);
        // No final newline: none added.
        assert_eq!(fitted("a b c", 80), "a b c");
    }

    #[test]
    fn the_fit_of_a_pipe_follows_columns() {
        assert_eq!(Fit::Unwrapped.width(), None);
        assert_eq!(Fit::Columns(80).width(), Some(80));
        assert_eq!(Fit::Columns(3).width(), Some(NARROWEST));
    }
}
