//! Bytes shown as text: escaped (`escape`), clipped to a preview
//! (`preview`), or dumped in hex — in the session's encoding. Below
//! everything that shows data (the renderers, the wire's segment lines,
//! the verbs' call lines), so all of them show bytes the one same way.
//!
//! Owns: how data bytes look as text. Not which encoding is in force (the
//! session's), nor where the text goes (the renderers').

use std::fmt::{self, Write as _};

use super::{Encoding, UTF_8};
use crate::encoding;

/// Data in a call, as `"hello"`, clipped to 32 bytes: `"aaaa"...`, shown
/// as text in the session's encoding.
pub fn preview(data: &[u8], encoding: &'static Encoding) -> String {
    Preview(data, encoding).to_string()
}

/// `preview` as a `Display`, or written straight into a `String` with
/// `write_to` (the hot path: no formatting machinery).
pub struct Preview<'a>(pub &'a [u8], pub &'static Encoding);

impl Preview<'_> {
    pub fn write_to(&self, out: &mut impl fmt::Write) -> fmt::Result {
        const MAX: usize = 32;
        let (data, encoding) = (self.0, self.1);
        if data.len() <= MAX {
            out.write_str("\"")?;
            Escaped(data, encoding).write_to(out)?;
            return out.write_str("\"");
        }
        // Cut at a character boundary when the first MAX bytes are valid
        // text (the last character maybe cut short); what comes later is
        // not looked at (in the lab, a frame the kernel passed is known
        // only by its start).
        let valid = |bytes: &[u8]| encoding::decode_exact(bytes, encoding).is_some();
        let mut cut = MAX;
        let is_text = encoding::valid_start(&data[..MAX], encoding);
        while cut > 0 && is_text && !valid(&data[..cut]) {
            cut -= 1;
        }
        out.write_str("\"")?;
        Escaped(&data[..cut], encoding).write_to(out)?;
        out.write_str("\"...")
    }
}

impl fmt::Display for Preview<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

/// Bytes as text with C escapes: printable text as itself (in the
/// session's encoding), `\n \r \t \0 \\ \"`, and `\xNN` for anything
/// else — every byte of a sequence that is not valid in the encoding.
pub fn escape(data: &[u8], encoding: &'static Encoding) -> String {
    Escaped(data, encoding).to_string()
}

/// `escape` as a `Display`, or written straight into any `fmt::Write`.
pub struct Escaped<'a>(pub &'a [u8], pub &'static Encoding);

impl Escaped<'_> {
    pub fn write_to(&self, out: &mut impl fmt::Write) -> fmt::Result {
        // Printable ASCII with no quote or backslash is itself in every
        // encoding socklab offers (all are ASCII-compatible): most data.
        if self.1.is_ascii_compatible()
            && let Some(text) = plain_printable(self.0)
        {
            return out.write_str(text);
        }
        // Bytes that are not text in the encoding (a character cut short at
        // the end aside) are bytes: every one from 0x80 up as `\xNN`, as
        // Python prints bytes — never a character made from part of them.
        if !is_text(self.0, self.1) {
            return write_as_bytes(self.0, out);
        }
        if self.1 != UTF_8 {
            return encoding::write_escaped(self.0, self.1, out, |text, out| {
                escape_text(text, out)
            });
        }
        let mut rest = self.0;
        while !rest.is_empty() {
            match std::str::from_utf8(rest) {
                Ok(text) => return escape_text(text, out),
                Err(error) => {
                    let (good, bad) = rest.split_at(error.valid_up_to());
                    escape_text(std::str::from_utf8(good).unwrap_or_default(), out)?;
                    let skip = error.error_len().unwrap_or(bad.len());
                    for b in &bad[..skip] {
                        write!(out, "\\x{b:02x}")?;
                    }
                    rest = &bad[skip..];
                }
            }
        }
        Ok(())
    }
}

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

/// Whether the bytes are text in the encoding up to their end, where the
/// last character may be cut short (a recv that stopped inside it).
fn is_text(bytes: &[u8], encoding: &'static Encoding) -> bool {
    if encoding == UTF_8 {
        return match std::str::from_utf8(bytes) {
            Ok(_) => true,
            Err(error) => error.error_len().is_none(),
        };
    }
    encoding::valid_start(bytes, encoding)
}

/// Bytes as Python shows them: ASCII as itself (C escapes for controls,
/// quotes and backslashes), every byte from 0x80 up as `\xNN`.
fn write_as_bytes(bytes: &[u8], out: &mut impl fmt::Write) -> fmt::Result {
    for run in bytes.chunk_by(|a, b| a.is_ascii() == b.is_ascii()) {
        if run[0].is_ascii() {
            // ASCII: valid UTF-8.
            escape_text(std::str::from_utf8(run).unwrap_or_default(), out)?;
        } else {
            for byte in run {
                write!(out, "\\x{byte:02x}")?;
            }
        }
    }
    Ok(())
}

/// `bytes` as text, if every one is printable ASCII other than a quote or
/// a backslash: what needs no escape in any encoding socklab offers.
fn plain_printable(bytes: &[u8]) -> Option<&str> {
    if is_plain_printable(bytes) {
        // All ASCII: valid UTF-8.
        return std::str::from_utf8(bytes).ok();
    }
    None
}

/// Whether every byte is printable ASCII other than a quote or a
/// backslash: shown as it is, in any encoding socklab offers.
pub fn is_plain_printable(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .all(|&b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\')
}

fn escape_text(text: &str, out: &mut (impl fmt::Write + ?Sized)) -> fmt::Result {
    if plain_printable(text.as_bytes()).is_some() {
        return out.write_str(text);
    }
    // Runs of plain characters are written whole.
    let mut plain = 0;
    for (at, c) in text.char_indices() {
        let escaped = match c {
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\0' => "\\0",
            '\\' => "\\\\",
            '"' => "\\\"",
            c if c.is_control() => "",
            _ => continue,
        };
        out.write_str(&text[plain..at])?;
        if escaped.is_empty() {
            write!(out, "\\x{:02x}", c as u32)?;
        } else {
            out.write_str(escaped)?;
        }
        plain = at + c.len_utf8();
    }
    out.write_str(&text[plain..])
}

/// The output buffer seen as a `fmt::Write`, so `write_to` can write
/// escaped data straight into it.
pub struct IoText<'a>(pub &'a mut Vec<u8>);

impl fmt::Write for IoText<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.0.extend_from_slice(text.as_bytes());
        Ok(())
    }
}

/// True when the bytes are not readable text, so a hex dump helps.
pub fn is_binary(data: &[u8], encoding: &'static Encoding) -> bool {
    // Printable ASCII and the three whitespace controls: text, in any
    // encoding socklab offers (all are ASCII-compatible), with no decoding.
    if data
        .iter()
        .all(|&b| (b' '..0x7f).contains(&b) || matches!(b, b'\n' | b'\r' | b'\t'))
    {
        return false;
    }
    let text = if encoding == UTF_8 {
        std::str::from_utf8(data)
            .ok()
            .map(std::borrow::Cow::Borrowed)
    } else {
        encoding::decode_exact(data, encoding).map(std::borrow::Cow::Owned)
    };
    match text {
        Some(text) => text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')),
        None => true,
    }
}

/// Lowercase hex, no separators (the JSON `data_hex`).
pub fn hex(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len() * 2);
    for b in data {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// `0000  48 65 6c 6c 6f  |Hello|` lines, 16 bytes each.
pub fn hexdump(data: &[u8]) -> Vec<String> {
    data.chunks(16)
        .enumerate()
        .map(|(row, chunk)| {
            let mut line = format!("{:04x} ", row * 16);
            for (i, b) in chunk.iter().enumerate() {
                line.push_str(if i == 8 { "  " } else { " " });
                let _ = write!(line, "{b:02x}");
            }
            let pad = (16 - chunk.len()) * 3 + usize::from(chunk.len() <= 8);
            line.push_str(&" ".repeat(pad));
            line.push_str("  |");
            line.extend(chunk.iter().map(|&b| {
                if b.is_ascii_graphic() || b == b' ' {
                    char::from(b)
                } else {
                    '.'
                }
            }));
            line.push('|');
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        let cases: &[(&[u8], &str)] = &[
            (b"hello", "hello"),
            (b"a\r\nb\t\0", "a\\r\\nb\\t\\0"),
            (b"q\"\\", "q\\\"\\\\"),
            (b"\x01\xff", "\\x01\\xff"),
            ("é".as_bytes(), "é"),
            (b"ok\xc3", "ok\\xc3"),
            // GBK's 你好，世界！ is no UTF-8, though C3 A3 and E7 A3 A1
            // within it are: every byte shown, never ã or 磡.
            (
                b"\xc4\xe3\xba\xc3\xa3\xac\xca\xc0\xbd\xe7\xa3\xa1",
                "\\xc4\\xe3\\xba\\xc3\\xa3\\xac\\xca\\xc0\\xbd\\xe7\\xa3\\xa1",
            ),
            (b"\xff\"a\n\xe4\xbd\xa0", "\\xff\\\"a\\n\\xe4\\xbd\\xa0"),
        ];
        for (data, want) in cases {
            assert_eq!(escape(data, UTF_8), *want, "{data:?}");
        }
    }

    #[test]
    fn binary_and_previews() {
        assert!(!is_binary(b"GET / HTTP/1.0\r\n\r\n", UTF_8));
        assert!(is_binary(b"\x00\x01", UTF_8));
        assert!(is_binary(b"\xff", UTF_8));
        assert_eq!(preview(b"hi", UTF_8), "\"hi\"");
        assert_eq!(
            preview(&[b'a'; 40], UTF_8),
            format!("\"{}\"...", "a".repeat(32))
        );
        assert_eq!(hex(b"\x00\xab"), "00ab");
    }

    #[test]
    fn a_preview_cuts_text_between_characters_whatever_comes_later() {
        // Eleven three-byte characters: 33 bytes, so 32 would split the
        // last; the cut goes back to the tenth.
        let text = "中".repeat(11);
        let want = format!("\"{}\"...", "中".repeat(10));
        assert_eq!(preview(text.as_bytes(), UTF_8), want);
        // The same start with a character cut short far past the shown
        // part (a frame known only by its start), or invalid bytes there:
        // the cut is the same.
        let mut cut_short = text.as_bytes().to_vec();
        cut_short.extend_from_slice(&"中".repeat(20).as_bytes()[..40]);
        assert_eq!(preview(&cut_short, UTF_8), want);
        let mut invalid_later = text.as_bytes().to_vec();
        invalid_later.extend_from_slice(b"\xff\xfe and more");
        assert_eq!(preview(&invalid_later, UTF_8), want);
        // Invalid bytes within what is shown: cut at 32, bytes escaped.
        let mut invalid_early = b"\xff".to_vec();
        invalid_early.extend_from_slice(text.as_bytes());
        assert!(preview(&invalid_early, UTF_8).starts_with("\"\\xff"));
    }

    #[test]
    fn hexdump_rows() {
        let rows = hexdump(b"Hello\x00");
        assert_eq!(rows.len(), 1);
        assert!(
            rows[0].starts_with("0000  48 65 6c 6c 6f 00"),
            "{}",
            rows[0]
        );
        assert!(rows[0].ends_with("|Hello.|"), "{}", rows[0]);
        assert_eq!(hexdump(&[0u8; 17]).len(), 2);
    }
}
