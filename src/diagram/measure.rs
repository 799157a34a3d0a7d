//! How wide a text is drawn in a picture, without a font at hand: each
//! font's widest character, as a share of its size, times the text's
//! columns — a wide character (Chinese) two, as a terminal shows it and as
//! a CJK font draws it (about 1 em) — so a text the picture gives room for
//! is never wider than that room. And a text broken into lines at its
//! spaces, or between two Chinese characters.
//!
//! Owns: those estimates. Does not own where texts go (`svg`).

use super::fit;

/// How many columns `c` takes: two for a wide character (Chinese,
/// full-width punctuation: Unicode's East Asian Width, as textwrap reads
/// it), one for any other.
pub(super) fn char_columns(c: char) -> usize {
    match c.is_ascii() {
        true => 1,
        false => match textwrap::core::display_width(c.encode_utf8(&mut [0; 4])) {
            2 => 2,
            _ => 1,
        },
    }
}

/// How many columns `text` takes (see `char_columns`).
pub(crate) fn columns(text: &str) -> usize {
    text.chars().map(char_columns).sum()
}

/// The longest start of `text` that takes at most `room` columns.
pub(super) fn take_columns(text: &str, room: usize) -> &str {
    let mut used = 0;
    for (at, c) in text.char_indices() {
        used += char_columns(c);
        if used > room {
            return &text[..at];
        }
    }
    text
}

/// A font of the picture: its size (px) and the advance of its widest
/// character in thousandths of the size.
#[derive(Clone, Copy)]
pub(super) struct Font {
    pub size: usize,
    advance: usize,
}

impl Font {
    /// A monospace font: every character 0.602 em in DejaVu Sans Mono and
    /// Liberation Mono alike (0.62 allowed for).
    pub const fn mono(size: usize) -> Font {
        Font { size, advance: 620 }
    }

    /// A bold sans-serif font for a title: wider than most of its
    /// characters (DejaVu Sans Bold's average is about 0.65 em).
    pub const fn sans_bold(size: usize) -> Font {
        Font { size, advance: 720 }
    }

    /// How wide `columns` columns are (px, rounded up).
    pub fn width(self, columns: usize) -> usize {
        (columns * self.size * self.advance).div_ceil(1000)
    }

    /// How many columns fit in `px`.
    pub fn room(self, px: usize) -> usize {
        px * 1000 / (self.size * self.advance)
    }
}

/// `text` in lines of at most `room` columns, broken at spaces or between
/// wide characters, at most `most` lines (the last cut with one ellipsis if
/// the text is longer).
pub(super) fn wrap_words(text: &str, room: usize, most: usize) -> Vec<String> {
    let mut lines: Vec<Vec<Word>> = Vec::new();
    let mut line: Vec<Word> = Vec::new();
    for word in words(text) {
        line.push(word);
        if line.len() > 1 && width(&line) > room {
            // Break before the last piece a line may start with: this
            // one, or one before it (`握手。`: never before the `。`).
            if let Some(at) = (1..line.len()).rev().find(|&k| line[k].breaks) {
                let rest = line.split_off(at);
                lines.push(std::mem::replace(&mut line, rest));
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > most {
        let rest: Vec<Word> = lines.split_off(most.saturating_sub(1)).concat();
        lines.push(rest);
    }
    lines.iter().map(|l| fit(&joined(l), room, false)).collect()
}

/// How many columns a line of pieces takes.
fn width(line: &[Word]) -> usize {
    columns(&joined(line))
}

/// A piece of a text a line may break before: a run of characters between
/// spaces, or one wide character.
#[derive(Clone, Copy)]
struct Word<'a> {
    text: &'a str,
    /// A space came before it.
    spaced: bool,
    /// A line may break before it.
    breaks: bool,
}

/// Punctuation that never begins a line (`，。、）`…) and that never ends
/// one (`（「《“`…).
const NO_BREAK_BEFORE: &str = "，。、；：！？）」』》〉】”’…·";
const NO_BREAK_AFTER: &str = "（「『《〈【“‘";

/// `text`'s pieces: a line breaks at a space, or between two pieces where
/// either is a wide character (unless punctuation forbids it).
fn words(text: &str) -> Vec<Word<'_>> {
    let mut start: Option<usize> = None;
    let mut spaced = false;
    // (from, to, a space before it)
    let mut pieces: Vec<(usize, usize, bool)> = Vec::new();
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(from) = start.take() {
                pieces.push((from, at, spaced));
            }
            spaced = true;
        } else if char_columns(c) == 2 {
            if let Some(from) = start.take() {
                pieces.push((from, at, spaced));
                spaced = false;
            }
            pieces.push((at, at + c.len_utf8(), spaced));
            spaced = false;
        } else if start.is_none() {
            start = Some(at);
        }
    }
    if let Some(from) = start {
        pieces.push((from, text.len(), spaced));
    }
    let wide = |piece: &str| piece.chars().next().is_some_and(|c| char_columns(c) == 2);
    pieces
        .iter()
        .enumerate()
        .map(|(k, &(from, to, spaced))| {
            let piece = &text[from..to];
            let before = k.checked_sub(1).map(|j| &text[pieces[j].0..pieces[j].1]);
            let breaks = spaced
                || before.is_some_and(|before| {
                    (wide(piece) || wide(before))
                        && !piece.starts_with(|c| NO_BREAK_BEFORE.contains(c))
                        && !before.ends_with(|c| NO_BREAK_AFTER.contains(c))
                });
            Word {
                text: piece,
                spaced: spaced && k > 0,
                breaks,
            }
        })
        .collect()
}

/// A line's pieces as text: a space where the text had one.
fn joined(line: &[Word]) -> String {
    let mut text = String::new();
    for (k, word) in line.iter().enumerate() {
        if word.spaced && k > 0 {
            text.push(' ');
        }
        text.push_str(word.text);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_breaks_at_spaces_into_two_lines_at_most() {
        let title = "45-lab-lost-data — The lab: a lost data segment is sent again.";
        assert_eq!(wrap_words(title, 80, 2), [title]);
        assert_eq!(
            wrap_words(title, 40, 2),
            [
                "45-lab-lost-data — The lab: a lost data",
                "segment is sent again."
            ]
        );
        assert_eq!(
            wrap_words(title, 20, 2),
            ["45-lab-lost-data —", "The lab: a lost dat…"]
        );
        assert!(wrap_words("", 10, 2).is_empty());
        assert_eq!(Font::mono(14).width(10), 87);
        assert_eq!(Font::mono(14).room(87), 10);
    }

    #[test]
    fn a_chinese_title_breaks_between_characters_never_before_a_comma() {
        let title = "41-lab-handshake — 网络实验：手动完成三次握手。";
        assert_eq!(columns(title), 19 + 2 * 14);
        assert_eq!(wrap_words(title, 80, 2), [title]);
        assert_eq!(
            wrap_words(title, 30, 2),
            ["41-lab-handshake — 网络实验：", "手动完成三次握手。"]
        );
        // Never a line that starts with a closing mark: `。` goes with `手`.
        assert_eq!(wrap_words("三次握手。", 8, 2), ["三次握", "手。"]);
        for line in wrap_words(title, 20, 2) {
            assert!(columns(&line) <= 20, "{line}");
        }
        assert_eq!(take_columns("a三b", 2), "a");
    }
}
