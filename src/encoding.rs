//! The text encoding a session speaks: how typed text becomes bytes, and
//! how received bytes are shown. The Chinese tutorials send
//! `data.encode('gbk')`; Russian material uses windows-1251 or KOI8-R. A
//! socket carries bytes; the encoding is the two programs' agreement, and
//! `encoding NAME` makes socklab keep it. The tables are encoding_rs's (the
//! WHATWG Encoding Standard, as browsers decode).
//!
//! Owns: names → encodings, encoding typed text, decoding for display
//! (`display`: data that is not text in the encoding is shown as bytes,
//! every byte from 0x80 up as `\xNN`), and another encoding that reads
//! what the session's cannot (`guess`). `x"…"` data and `\xNN` escapes are bytes, not
//! text, and never pass through here.

use std::fmt::{self, Write};

pub use encoding_rs::{Encoding, UTF_8};

pub mod display;
pub mod guess;

/// The names socklab offers (encoding_rs accepts more labels: cp936,
/// windows-1252 …); each must be able to encode, so not UTF-16.
pub const OFFERED: &[&str] = &[
    "utf-8",
    "gbk",
    "gb18030",
    "big5",
    "shift_jis",
    "euc-jp",
    "euc-kr",
    "windows-1251",
    "koi8-r",
    "koi8-u",
    "latin1",
    "windows-1252",
    "iso-8859-2",
    "iso-8859-5",
];

/// What a name or a text had that no encoding could take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EncodingError {
    /// A name that is no encoding socklab can send in.
    Unknown(String),
    /// Text with a character the encoding cannot hold (the first such).
    Unwritable {
        character: char,
        encoding: &'static Encoding,
    },
}

impl std::fmt::Display for EncodingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            EncodingError::Unknown(name) => crate::t!(
                "error-encoding-unknown",
                name = crate::safe_text::escape(name).to_string(),
                names = OFFERED.join(", ")
            ),
            EncodingError::Unwritable {
                character,
                encoding,
            } => crate::t!(
                "error-encoding-unwritable",
                character = character.to_string(),
                encoding = name(encoding)
            ),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for EncodingError {}

/// The encoding for a name or label (case-insensitive), if it can encode.
pub fn by_name(name: &str) -> Result<&'static Encoding, EncodingError> {
    let found = Encoding::for_label(name.trim().as_bytes())
        .filter(|e| e.output_encoding() == *e && *e != encoding_rs::REPLACEMENT);
    found.ok_or_else(|| EncodingError::Unknown(name.to_string()))
}

/// The name socklab shows for an encoding (`gbk`, `windows-1251`).
pub fn name(encoding: &'static Encoding) -> String {
    encoding.name().to_ascii_lowercase()
}

/// Typed text as bytes in `encoding`; the error names the first character
/// the encoding cannot hold.
pub fn encode(text: &str, encoding: &'static Encoding) -> Result<Vec<u8>, EncodingError> {
    if encoding == UTF_8 || text.is_ascii() {
        return Ok(text.as_bytes().to_vec());
    }
    let (bytes, _, unmappable) = encoding.encode(text);
    if unmappable {
        let first = text
            .chars()
            .find(|c| {
                let mut buf = [0u8; 4];
                encoding.encode(c.encode_utf8(&mut buf)).2
            })
            .unwrap_or('?');
        return Err(EncodingError::Unwritable {
            character: first,
            encoding,
        });
    }
    Ok(bytes.into_owned())
}

/// The text the bytes stand for, if every byte is valid in the encoding
/// (JSON `text`); None otherwise.
pub fn decode_exact(bytes: &[u8], encoding: &'static Encoding) -> Option<String> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| text.into_owned())
}

/// Whether the bytes are valid text in the encoding up to their end, where
/// a character may be cut short (the start of a longer text).
pub fn valid_start(bytes: &[u8], encoding: &'static Encoding) -> bool {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let Some(room) = decoder.max_utf8_buffer_length_without_replacement(bytes.len()) else {
        return false;
    };
    let mut text = String::with_capacity(room);
    let (result, _) = decoder.decode_to_string_without_replacement(bytes, &mut text, false);
    result == encoding_rs::DecoderResult::InputEmpty
}

/// The longest a character is in any offered encoding (GB18030: 4 bytes).
const MAX_CHAR: usize = 4;

/// Calls `text` with each run of decoded text and `invalid` with each byte
/// that starts no valid character, in order: a byte sequence that is not
/// valid in the encoding comes out as bytes, never as a character decoded
/// from part of it.
pub fn for_each_piece(
    bytes: &[u8],
    encoding: &'static Encoding,
    text: &mut dyn FnMut(&str) -> fmt::Result,
    invalid: &mut dyn FnMut(u8) -> fmt::Result,
) -> fmt::Result {
    if let Some(all) = encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        return text(&all);
    }
    let mut at = 0;
    while at < bytes.len() {
        let character = (1..=MAX_CHAR.min(bytes.len() - at)).find_map(|len| {
            encoding
                .decode_without_bom_handling_and_without_replacement(&bytes[at..at + len])
                .filter(|decoded| !decoded.is_empty())
                .map(|decoded| (decoded, len))
        });
        match character {
            Some((decoded, len)) => {
                text(&decoded)?;
                at += len;
            }
            None => {
                invalid(bytes[at])?;
                at += 1;
            }
        }
    }
    Ok(())
}

/// Writes the bytes as text in the encoding, each invalid byte as `\xNN`,
/// text passed through `escape_text` (C escapes for controls and quotes).
pub fn write_escaped(
    bytes: &[u8],
    encoding: &'static Encoding,
    out: &mut impl Write,
    escape_text: fn(&str, &mut dyn Write) -> fmt::Result,
) -> fmt::Result {
    let out = std::cell::RefCell::new(out);
    for_each_piece(
        bytes,
        encoding,
        &mut |text| escape_text(text, &mut *out.borrow_mut()),
        &mut |byte| write!(out.borrow_mut(), "\\x{byte:02x}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(bytes: &[u8], encoding: &'static Encoding) -> String {
        let mut out = String::new();
        write_escaped(bytes, encoding, &mut out, |text, out| out.write_str(text)).unwrap();
        out
    }

    #[test]
    fn names_and_labels() {
        for (label, want) in [
            ("gbk", "gbk"),
            ("GBK", "gbk"),
            ("x-gbk", "gbk"),
            ("gb18030", "gb18030"),
            ("big5", "big5"),
            ("shift_jis", "shift_jis"),
            ("euc-kr", "euc-kr"),
            ("windows-1251", "windows-1251"),
            ("cp1251", "windows-1251"),
            ("koi8-r", "koi8-r"),
            ("latin1", "windows-1252"),
            ("utf8", "utf-8"),
        ] {
            assert_eq!(name(by_name(label).unwrap()), want, "{label}");
        }
        for offered in OFFERED {
            assert!(by_name(offered).is_ok(), "{offered}");
        }
        assert!(
            by_name("utf-16le")
                .unwrap_err()
                .to_string()
                .contains("one of: utf-8, gbk")
        );
        assert!(by_name("klingon").is_err());
    }

    #[test]
    fn text_round_trips_in_the_tutorials_encodings() {
        let gbk = by_name("gbk").unwrap();
        assert_eq!(encode("你好", gbk).unwrap(), b"\xc4\xe3\xba\xc3");
        assert_eq!(shown(b"\xc4\xe3\xba\xc3", gbk), "你好");
        let cp1251 = by_name("windows-1251").unwrap();
        assert_eq!(
            encode("Привет", cp1251).unwrap(),
            b"\xcf\xf0\xe8\xe2\xe5\xf2"
        );
        let koi8 = by_name("koi8-r").unwrap();
        assert_eq!(shown(&encode("мир", koi8).unwrap(), koi8), "мир");
        let error = encode("ж你", cp1251).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("'你' cannot be written in windows-1251"),
            "{error}"
        );
    }

    #[test]
    fn every_byte_of_an_invalid_sequence_is_shown_as_bytes() {
        let gbk = by_name("gbk").unwrap();
        // A lead byte, then a space (not a trail byte): the lead alone is
        // invalid, the space is itself. (A lead byte and 'a' would be 腶.)
        assert_eq!(shown(b"\xc4 \xc4\xe3", gbk), "\\xc4 你");
        assert_eq!(shown(b"\xc4a", gbk), "腶");
        // A lone lead byte at the end.
        assert_eq!(shown(b"ok\xc4", gbk), "ok\\xc4");
        // UTF-8 read as GBK where it is not valid.
        assert_eq!(decode_exact(b"\xff", gbk), None);
        assert_eq!(shown(b"\xff\xfe", UTF_8), "\\xff\\xfe");
        // A 4-byte GB18030 character is one character.
        let gb18030 = by_name("gb18030").unwrap();
        let four = encode("€", gb18030).unwrap();
        assert_eq!(shown(&encode("😀", gb18030).unwrap(), gb18030), "😀");
        assert_eq!(shown(&four, gb18030), "€");
    }
}
