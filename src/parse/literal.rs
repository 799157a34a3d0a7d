//! Data written in a line, decoded to the bytes it stands for:
//! `"quoted text"` or `'quoted text'` with C escapes (the text encoded in
//! the session's encoding) and `x"hex"`. The lexer finds where each starts
//! and repeats it (`*N`).

use std::borrow::Cow;

use super::line::column_of;
use crate::encoding::Encoding;
use crate::error::{Text, UsageError};

/// Decodes quoted text whose opening `quote` (`"` or `'`) is just before `body`.
pub(super) fn decode_quoted<'a>(
    line: &'a str,
    body: usize,
    encoding: &'static Encoding,
    quote: u8,
) -> Result<(Cow<'a, [u8]>, usize), UsageError> {
    let bytes = line.as_bytes();
    // Without escapes the data is the text itself (in UTF-8, or ASCII).
    let special = bytes[body..].iter().position(|&b| b == quote || b == b'\\');
    if let Some(close) = special.map(|n| body + n)
        && bytes[close] == quote
        && (encoding == crate::encoding::UTF_8 || line[body..close].is_ascii())
    {
        return Ok((Cow::Borrowed(&bytes[body..close]), close + 1));
    }
    let mut out = Vec::new();
    let mut i = body;
    // Text runs between escapes are encoded whole; escapes are bytes.
    let mut run = body;
    let encode_run = |out: &mut Vec<u8>, from: usize, to: usize| {
        let encoded = crate::encoding::encode(&line[from..to], encoding)
            .map_err(|error| UsageError::at(column_of(line, from), Text::display(error)))?;
        out.extend_from_slice(&encoded);
        Ok::<(), UsageError>(())
    };
    loop {
        match bytes.get(i) {
            None => {
                return Err(UsageError::at(
                    column_of(line, body - 1),
                    crate::worded!(
                        "error-unterminated-quote",
                        quote = char::from(quote).to_string()
                    ),
                ));
            }
            Some(&b) if b == quote => {
                encode_run(&mut out, run, i)?;
                return Ok((Cow::Owned(out), i + 1));
            }
            Some(b'\\') => {
                encode_run(&mut out, run, i)?;
                let (byte, width) = decode_escape(line, i)?;
                out.push(byte);
                i += width;
                run = i;
            }
            Some(_) => i += 1,
        }
    }
}

/// Decodes the escape at `i` (which holds `\`): returns the byte and its width.
fn decode_escape(line: &str, i: usize) -> Result<(u8, usize), UsageError> {
    let bytes = line.as_bytes();
    let byte = match bytes.get(i + 1) {
        Some(b'n') => b'\n',
        Some(b'r') => b'\r',
        Some(b't') => b'\t',
        Some(b'0') => 0,
        Some(b'\\') => b'\\',
        Some(b'"') => b'"',
        Some(b'\'') => b'\'',
        Some(b'x') => {
            let hex = line
                .get(i + 2..i + 4)
                .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
            return match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                Some(byte) => Ok((byte, 4)),
                None => Err(UsageError::at(
                    column_of(line, i),
                    crate::worded!("error-hex-escape"),
                )),
            };
        }
        _ => {
            let shown: String = line[i..].chars().take(2).collect();
            return Err(UsageError::at(
                column_of(line, i),
                crate::worded!("error-unknown-escape", escape = shown),
            ));
        }
    };
    Ok((byte, 2))
}

pub(super) fn decode_hex(line: &str, body: usize) -> Result<(Vec<u8>, usize), UsageError> {
    let Some(close) = line[body..].find('"').map(|n| body + n) else {
        return Err(UsageError::at(
            column_of(line, body - 2),
            crate::worded!("error-unterminated-hex"),
        ));
    };
    let mut digits = Vec::new();
    for (offset, c) in line[body..close].char_indices() {
        match c.to_digit(16) {
            Some(d) => digits.push(d as u8),
            None if c.is_whitespace() => {}
            None => {
                return Err(UsageError::at(
                    column_of(line, body + offset),
                    crate::worded!("error-not-hex-digit", char = c.to_string()),
                ));
            }
        }
    }
    if digits.len() % 2 != 0 {
        return Err(UsageError::at(
            column_of(line, body - 2),
            crate::worded!("error-odd-hex-digits"),
        ));
    }
    let out = digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect();
    Ok((out, close + 1))
}
