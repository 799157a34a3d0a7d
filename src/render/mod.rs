//! Renderers: a `Step` becomes text for a person (`text`) or one JSON object
//! (`json`). Also the one way data bytes are shown as escaped text.

pub mod json;
pub mod text;

use std::fmt::Write as _;

/// Data in a call, as `"hello"`, clipped to 32 bytes: `"aaaa"...`.
pub fn preview(data: &[u8]) -> String {
    const MAX: usize = 32;
    if data.len() <= MAX {
        return format!("\"{}\"", escape(data));
    }
    let mut cut = MAX;
    while cut > 0 && std::str::from_utf8(&data[..cut]).is_err() && std::str::from_utf8(data).is_ok()
    {
        cut -= 1;
    }
    format!("\"{}\"...", escape(&data[..cut]))
}

/// Bytes as text with C escapes: printable text as itself (UTF-8 included),
/// `\n \r \t \0 \\ \"`, and `\xNN` for anything else.
pub fn escape(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len());
    let mut rest = data;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(text) => {
                escape_text(text, &mut out);
                break;
            }
            Err(error) => {
                let (good, bad) = rest.split_at(error.valid_up_to());
                escape_text(std::str::from_utf8(good).unwrap_or_default(), &mut out);
                let skip = error.error_len().unwrap_or(bad.len());
                for b in &bad[..skip] {
                    let _ = write!(out, "\\x{b:02x}");
                }
                rest = &bad[skip..];
            }
        }
    }
    out
}

fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
}

/// True when the bytes are not readable text, so a hex dump helps.
pub fn is_binary(data: &[u8]) -> bool {
    match std::str::from_utf8(data) {
        Ok(text) => text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')),
        Err(_) => true,
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
        ];
        for (data, want) in cases {
            assert_eq!(escape(data), *want, "{data:?}");
        }
    }

    #[test]
    fn binary_and_previews() {
        assert!(!is_binary(b"GET / HTTP/1.0\r\n\r\n"));
        assert!(is_binary(b"\x00\x01"));
        assert!(is_binary(b"\xff"));
        assert_eq!(preview(b"hi"), "\"hi\"");
        assert_eq!(preview(&[b'a'; 40]), format!("\"{}\"...", "a".repeat(32)));
        assert_eq!(hex(b"\x00\xab"), "00ab");
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
