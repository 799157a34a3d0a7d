//! How wide a text is drawn in a picture, without a font at hand: each
//! font's widest character, as a share of its size, times the characters —
//! so a text the picture gives room for is never wider than that room.
//! And a text broken into lines at its spaces.
//!
//! Owns: those estimates. Does not own where texts go (`svg`).

use super::fit;

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

    /// How wide `chars` characters are (px, rounded up).
    pub fn width(self, chars: usize) -> usize {
        (chars * self.size * self.advance).div_ceil(1000)
    }

    /// How many characters fit in `px`.
    pub fn room(self, px: usize) -> usize {
        px * 1000 / (self.size * self.advance)
    }
}

/// `text` in lines of at most `room` characters, broken at spaces, at most
/// `most` lines (the last cut with one ellipsis if the text is longer).
pub(super) fn wrap_words(text: &str, room: usize, most: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = line.chars().count() + 1 + word.chars().count();
        if !line.is_empty() && needed > room {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > most {
        let rest = lines.split_off(most.saturating_sub(1)).join(" ");
        lines.push(rest);
    }
    lines.into_iter().map(|l| fit(&l, room, false)).collect()
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
}
