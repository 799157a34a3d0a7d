//! Another encoding that reads bytes the session's encoding cannot: GBK
//! arriving in a UTF-8 session, windows-1251 in a GBK one. Received data
//! that is not text in the session's encoding is shown as bytes; when one
//! of the common encodings below reads it cleanly, the step says so, with
//! the text and the `encoding` command that would show it.
//!
//! "Reads cleanly" is two tests, both needed: the bytes decode with no
//! replacement (encoding_rs, without replacement), and the text looks like
//! the script of that encoding — windows-1251 and KOI8-R take almost any
//! byte, and GBK takes most pairs, so decoding alone says little:
//!
//! 1. UTF-8: any text with no control character but `\t \r \n` (valid
//!    UTF-8 with characters beyond ASCII is rarely anything else) — even
//!    when the session's encoding reads it too: UTF-8's 你好 is GBK's
//!    浣犲ソ, the mix-up most worth pointing out.
//! 2. windows-1251, then KOI8-R: every character beyond ASCII a Russian or
//!    Ukrainian letter or common punctuation (« » — № …), every word
//!    written as words are (all small, Capitalised, or ALL CAPS — never a
//!    capital after a small letter), every word of three letters or more
//!    with a vowel. Of the two, the one with more small letters (text is
//!    mostly small letters; the other reads it with the cases swapped).
//!    When GBK reads the bytes too (item 3), ALL CAPS words are not taken.
//! 3. GBK, when every pair is in GB2312's area (lead and trail bytes
//!    0xA1–0xFE: the characters Chinese text is written with), and every
//!    character is a CJK ideograph, CJK punctuation or a fullwidth form.
//! 4. Shift_JIS: the same, with kana, and at least one hiragana or
//!    katakana (Japanese text has them; GBK bytes read so have not).
//! 5. Big5: CJK ideographs and punctuation.
//! 6. GBK with any pair (its rarer characters).
//!
//! Control characters rule every reading out: binary data gets no hint;
//! nor does data with fewer than two bytes beyond ASCII (one byte reads as
//! a letter in almost any of them).
//!
//! Owns: the candidates and the rule. Not how the hint is worded
//! (`render::words`) nor where it is shown (the renderers).

use encoding_rs::{BIG5, Encoding, GBK, KOI8_R, SHIFT_JIS, UTF_8, WINDOWS_1251};

/// The most bytes looked at: what the text view shows of received data.
pub const LOOKED_AT: usize = 1024;

/// The text another encoding reads in bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    pub encoding: &'static Encoding,
    pub text: String,
}

/// Another common encoding that reads `data` cleanly (see the module's
/// rule), when `session` does not read it; None when it does, when the data
/// is ASCII, or when no candidate looks like text.
pub fn other_reading(data: &[u8], session: &'static Encoding) -> Option<Reading> {
    let cut = data.len() > LOOKED_AT;
    let bytes = &data[..data.len().min(LOOKED_AT)];
    // One byte beyond ASCII (the last of a character cut short, often)
    // reads as a letter in almost any encoding: it says nothing.
    if bytes.iter().filter(|b| !b.is_ascii()).count() < 2 {
        return None;
    }
    let read = |encoding: &'static Encoding| {
        (encoding != session)
            .then(|| decode(bytes, encoding, cut))
            .flatten()
    };
    let reading = |encoding, text| Some(Reading { encoding, text });
    // Before the session's own reading: UTF-8's 你好 is valid GBK too
    // (浣犲ソ), and that is the mix-up to point out.
    if let Some(text) = read(UTF_8).filter(|t| !has_controls(t)) {
        return reading(UTF_8, text);
    }
    if decode(bytes, session, cut).is_some() {
        return None;
    }
    let gbk = read(GBK).filter(|t| all_chars(t, is_chinese));
    let gb2312_area = gbk.is_some() && in_gb2312_area(bytes);
    if let Some((encoding, text)) = cyrillic(&read, gbk.is_none()) {
        return reading(encoding, text);
    }
    if gb2312_area {
        return reading(GBK, gbk?);
    }
    if let Some(text) =
        read(SHIFT_JIS).filter(|t| all_chars(t, is_japanese) && t.chars().any(is_kana))
    {
        return reading(SHIFT_JIS, text);
    }
    if let Some(text) = read(BIG5).filter(|t| all_chars(t, is_chinese)) {
        return reading(BIG5, text);
    }
    reading(GBK, gbk?)
}

/// The bytes as text in `encoding` with no replacement; `cut`: they are
/// the start of longer data, so the last character may be cut short.
fn decode(bytes: &[u8], encoding: &'static Encoding, cut: bool) -> Option<String> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let room = decoder.max_utf8_buffer_length_without_replacement(bytes.len())?;
    let mut text = String::with_capacity(room);
    let (result, _) = decoder.decode_to_string_without_replacement(bytes, &mut text, !cut);
    (result == encoding_rs::DecoderResult::InputEmpty).then_some(text)
}

fn has_controls(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n'))
}

/// No control character (but `\t \r \n`), and every character beyond
/// ASCII one that `fits`.
fn all_chars(text: &str, fits: fn(char) -> bool) -> bool {
    !has_controls(text) && text.chars().all(|c| c.is_ascii() || fits(c))
}

/// Every byte from 0x80 up is in a pair of GB2312's area (0xA1–0xFE twice).
fn in_gb2312_area(bytes: &[u8]) -> bool {
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at].is_ascii() {
            at += 1;
            continue;
        }
        let area = 0xa1..=0xfe;
        match bytes.get(at + 1) {
            Some(trail) if area.contains(&bytes[at]) && area.contains(trail) => at += 2,
            // The last character cut short (a long recv's start).
            None if area.contains(&bytes[at]) => at += 1,
            _ => return false,
        }
    }
    true
}

fn is_chinese(c: char) -> bool {
    matches!(c,
        '\u{4e00}'..='\u{9fff}'   // CJK ideographs
        | '\u{3400}'..='\u{4dbf}' // extension A
        | '\u{3000}'..='\u{303f}' // CJK punctuation 、。「」
        | '\u{ff01}'..='\u{ff5e}' // fullwidth forms ，！
        | '\u{2014}' | '\u{2026}' | '\u{2018}' | '\u{2019}' | '\u{201c}' | '\u{201d}' | '\u{00b7}')
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{30ff}')
}

fn is_japanese(c: char) -> bool {
    is_chinese(c) || is_kana(c)
}

/// The better of windows-1251's and KOI8-R's readings, if either looks
/// like Russian or Ukrainian text; `caps`: ALL CAPS words count as words.
fn cyrillic(
    read: &dyn Fn(&'static Encoding) -> Option<String>,
    caps: bool,
) -> Option<(&'static Encoding, String)> {
    let score = |encoding| {
        let text = read(encoding)?;
        let small = cyrillic_small_letters(&text, caps)?;
        Some((small, encoding, text))
    };
    match (score(WINDOWS_1251), score(KOI8_R)) {
        (Some(a), Some(b)) if b.0 > a.0 => Some((b.1, b.2)),
        (Some(a), _) => Some((a.1, a.2)),
        (None, Some(b)) => Some((b.1, b.2)),
        (None, None) => None,
    }
}

/// How many small letters the text has, if it looks like Cyrillic text
/// (see the module's rule); None if it does not.
fn cyrillic_small_letters(text: &str, caps: bool) -> Option<usize> {
    if has_controls(text)
        || !text
            .chars()
            .all(|c| c.is_ascii() || is_cyrillic_letter(c) || "«»—–№…“”„’\u{a0}".contains(c))
    {
        return None;
    }
    let mut small = 0;
    let mut any = false;
    for word in text.split(|c: char| !is_cyrillic_letter(c)) {
        let letters: Vec<char> = word.chars().collect();
        let Some(first) = letters.first() else {
            continue;
        };
        any = true;
        let rest_small = letters[1..].iter().all(|c| c.is_lowercase());
        let all_caps = letters.iter().all(|c| c.is_uppercase());
        let natural =
            rest_small || (caps && all_caps) || (letters.len() == 1 && first.is_uppercase());
        if !natural {
            return None;
        }
        let vowel = letters
            .iter()
            .any(|c| "аеёиоуыэюяієї".contains(c.to_lowercase().next().unwrap_or(*c)));
        if letters.len() >= 3 && !vowel {
            return None;
        }
        small += letters.iter().filter(|c| c.is_lowercase()).count();
    }
    any.then_some(small)
}

/// A Russian or Ukrainian letter: А–я, Ёё, Єє, Іі, Її, Ґґ.
fn is_cyrillic_letter(c: char) -> bool {
    matches!(c, '\u{0410}'..='\u{044f}') || "ЁёЄєІіЇїҐґ".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guess(data: &[u8], session: &'static Encoding) -> Option<(String, String)> {
        other_reading(data, session).map(|r| (crate::encoding::name(r.encoding), r.text))
    }

    fn encoded(text: &str, encoding: &'static Encoding) -> Vec<u8> {
        crate::encoding::encode(text, encoding).unwrap()
    }

    #[test]
    fn each_encoding_reads_its_own_text() {
        let cases: &[(&str, &'static Encoding)] = &[
            ("你好，世界！", GBK),
            ("中文", GBK),
            ("你好", GBK),
            ("服务器收到了: hello", GBK),
            ("Привет, мир!", WINDOWS_1251),
            ("Привет, мир!", KOI8_R),
            ("Доброго ранку, друже", WINDOWS_1251),
            ("Доброго ранку, друже", KOI8_R),
            ("こんにちは、世界", SHIFT_JIS),
            ("臺灣你好", BIG5),
            ("中文", BIG5),
        ];
        for (text, encoding) in cases {
            let bytes = encoded(text, encoding);
            assert_eq!(
                guess(&bytes, UTF_8),
                Some((crate::encoding::name(encoding), text.to_string())),
                "{text} in {}",
                encoding.name()
            );
        }
        // UTF-8 arriving in a GBK session.
        assert_eq!(
            guess("你好，世界！".as_bytes(), GBK),
            Some(("utf-8".into(), "你好，世界！".into()))
        );
    }

    #[test]
    fn no_reading_for_binary_ascii_or_text_in_the_session_encoding() {
        assert_eq!(guess(b"hello", UTF_8), None);
        assert_eq!(guess("你好".as_bytes(), UTF_8), None);
        assert_eq!(guess(&encoded("你好", GBK), GBK), None);
        // A PNG's first bytes, a counter, random bytes with controls.
        assert_eq!(guess(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", UTF_8), None);
        assert_eq!(guess(&[0u8, 1, 2, 3, 0xff, 0xfe, 0x80, 0x81], UTF_8), None);
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(guess(&all, UTF_8), None);
        assert_eq!(guess(b"\xff\xd8\xff\xe0\x00\x10JFIF", UTF_8), None);
        // One byte: the end of a character a recv cut short (lesson 38).
        assert_eq!(guess(b"\xfb", UTF_8), None);
        assert_eq!(guess(b"ok \xfb", UTF_8), None);
    }

    #[test]
    fn the_start_of_long_data_is_read_even_cut_inside_a_character() {
        // 1,001 ASCII bytes, then GBK: the 1,024th byte is a lead byte.
        let mut data = vec![b'a'; 1001];
        data.extend(encoded(&"你好".repeat(20), GBK));
        let reading = other_reading(&data, UTF_8).unwrap();
        assert_eq!(reading.encoding, GBK);
        assert!(
            reading.text.ends_with("你好你"),
            "the cut character is left out"
        );
    }
}
