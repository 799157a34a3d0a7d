//! Text from outside socklab — a lesson file, a history file, bytes typed
//! at the prompt — made safe to show on a terminal: every control
//! character is escaped (`\e`, `\r`, `\x07`, `\u{9b}`), so a file cannot
//! clear the screen, hide a line, move the cursor or write the clipboard
//! (OSC 52). Only socklab's own colour codes reach the terminal raw.
//!
//! Owns: that escaping. Received data has its own display (`render`).

use std::borrow::Cow;
use std::fmt::Write;

/// `text` with control characters escaped; borrowed when there are none.
pub fn escape(text: &str) -> Cow<'_, str> {
    // Printable ASCII (and tab) needs nothing, as most lines are.
    if plain_ascii(text.as_bytes()) || !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !needs_escape(c) {
            out.push(c);
            continue;
        }
        match c {
            '\x1b' => out.push_str("\\e"),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
        }
    }
    Cow::Owned(out)
}

/// Printable ASCII and tab only: eight bytes at a time (every echoed line
/// comes here), the rest one by one.
pub fn plain_ascii(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte of the result is set where `x`'s byte is
    // not zero (exact for bytes below 0x80: adding 0x7f carries into bit 7
    // and never out of the byte).
    let nonzero = |x: u64| x.wrapping_add(ONES * 0x7f) & HIGH;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        if w & HIGH != 0 {
            return false;
        }
        // A byte below 0x20 has bits 5 and 6 clear; a tab is let through.
        let low = !((w | (w << 1)) << 1) & HIGH;
        let tab = !nonzero(w ^ (ONES * 0x09)) & HIGH;
        let del = !nonzero(w ^ (ONES * 0x7f)) & HIGH;
        if low & !tab != 0 || del != 0 {
            return false;
        }
    }
    chunks
        .remainder()
        .iter()
        .all(|&b| (b' '..0x7f).contains(&b) || b == b'\t')
}

/// C0 controls but tab, DEL, C1 controls (a terminal may take U+009B as
/// CSI), and the bidirectional overrides that reorder what is shown.
/// A character that must not reach a file a person reads as code or a
/// picture: a control character, or one that reorders or hides text
/// (bidi embeddings, overrides, isolates and marks: "Trojan Source").
pub fn is_unsafe_in_text(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
        )
}

fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `bytes` shown as text: valid UTF-8 escaped as above, every byte that is
/// not part of valid UTF-8 as `\xNN`.
pub fn escape_bytes(bytes: &[u8]) -> String {
    let mut out = String::new();
    for chunk in bytes.utf8_chunks() {
        out.push_str(&escape(chunk.valid()));
        for byte in chunk.invalid() {
            let _ = write!(out, "\\x{byte:02x}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word-at-a-time check agrees with the byte-by-byte definition on
    /// every byte in every position, and on random runs.
    #[test]
    fn plain_ascii_is_exactly_printable_ascii_and_tab() {
        let simple = |bytes: &[u8]| {
            bytes
                .iter()
                .all(|&b| (b' '..0x7f).contains(&b) || b == b'\t')
        };
        for b in 0..=255u8 {
            for at in 0..17 {
                let mut text = vec![b'a'; 17];
                text[at] = b;
                assert_eq!(plain_ascii(&text), simple(&text), "byte {b:#x} at {at}");
                assert_eq!(plain_ascii(&text[..at + 1]), simple(&text[..at + 1]));
            }
        }
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..20_000 {
            let len = rng.usize(0..40);
            let text: Vec<u8> = (0..len)
                .map(|_| match rng.u8(0..4) {
                    0 => rng.u8(..),
                    1 => b'\t',
                    _ => rng.u8(0x20..0x7f),
                })
                .collect();
            assert_eq!(plain_ascii(&text), simple(&text), "{text:?}");
        }
    }

    #[test]
    fn characters_that_reorder_or_hide_text_are_unsafe_in_text() {
        for c in [
            '\u{202e}', '\u{2066}', '\u{200f}', '\u{061c}', '\x1b', '\n', '\u{9b}',
        ] {
            assert!(is_unsafe_in_text(c), "{c:?}");
        }
        for c in ['a', 'я', '你', '→', '—', ' '] {
            assert!(!is_unsafe_in_text(c), "{c:?}");
        }
    }

    #[test]
    fn controls_are_escaped_and_plain_text_is_kept() {
        let cases = [
            ("plain text, tab\there", "plain text, tab\there"),
            ("\x1b[2J", "\\e[2J"),
            ("\x1b]52;c;aGk=\x07", "\\e]52;c;aGk=\\x07"),
            ("over\rwrite", "over\\rwrite"),
            ("bell\x07", "bell\\x07"),
            ("del\x7f", "del\\x7f"),
            ("csi\u{9b}2J", "csi\\u{9b}2J"),
            ("abc\u{202e}cba", "abc\\u{202e}cba"),
            ("你好", "你好"),
        ];
        for (input, want) in cases {
            assert_eq!(escape(input), want, "{input:?}");
        }
        assert!(matches!(escape("fine"), Cow::Borrowed(_)));
    }

    #[test]
    fn invalid_bytes_are_shown_as_hex() {
        assert_eq!(escape_bytes(b"ok\xff\xfe\x1b"), "ok\\xff\\xfe\\e");
        assert_eq!(escape_bytes("你".as_bytes()), "你");
        assert_eq!(escape_bytes(b"\xe4\xbd"), "\\xe4\\xbd");
    }
}
