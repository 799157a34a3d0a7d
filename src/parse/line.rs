//! A line as read, before it is split: its bytes as text to run, or as
//! text to show beside the usage error that stops it; and the column (in
//! characters) of a place in it, which every usage error names.

use std::borrow::Cow;

use super::MAX_LINE;
use crate::error::UsageError;

/// A line as it can be shown: its UTF-8 as it is, each byte that is not
/// UTF-8 as `\xNN` (what the user would write inside quotes to mean it).
pub fn shown_bytes(bytes: &[u8]) -> Cow<'_, str> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(bytes.len() * 2);
    for chunk in bytes.utf8_chunks() {
        shown.push_str(chunk.valid());
        for byte in chunk.invalid() {
            shown.push_str(&format!("\\x{byte:02x}"));
        }
    }
    Cow::Owned(shown)
}

/// A line as read — bytes, `overflow` if there were more than MAX_LINE —
/// as text to run (without its line ending), or the usage error that stops
/// it with the text to show for it (bytes that are not UTF-8 as `\xNN`).
pub fn decode_line(bytes: &[u8], overflow: bool) -> Result<&str, (Cow<'_, str>, UsageError)> {
    let shown = || match shown_bytes(bytes) {
        Cow::Borrowed(text) => Cow::Borrowed(text.trim_end_matches(['\n', '\r'])),
        Cow::Owned(text) => Cow::Owned(text.trim_end_matches(['\n', '\r']).to_string()),
    };
    if overflow {
        let error = UsageError::new(crate::worded!("error-line-longer-than", max = MAX_LINE));
        return Err((shown(), error));
    }
    match std::str::from_utf8(bytes) {
        Ok(line) => Ok(line.trim_end_matches(['\n', '\r'])),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            // The prefix is valid UTF-8, so this is its character count.
            let column = String::from_utf8_lossy(valid).chars().count() + 1;
            let bad = bytes[e.valid_up_to()];
            let error = UsageError::at(
                column,
                crate::worded!("error-not-utf8", byte = format!("{bad:02x}")),
            );
            Err((shown(), error))
        }
    }
}

/// A line that is not UTF-8 read in `encoding` instead (a script saved in
/// GBK, run with `--encoding gbk`), without its line ending; the error
/// names the first byte valid in neither, with its column and, for a
/// file, the line (`line`).
pub fn decode_line_in(
    bytes: &[u8],
    encoding: &'static crate::encoding::Encoding,
    line: Option<usize>,
) -> Result<String, UsageError> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let room = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(usize::MAX);
    let mut text = String::with_capacity(room.min(bytes.len() * 3 + 16));
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    let encoding_rs::DecoderResult::Malformed(bad, after) = result else {
        return Ok(text.trim_end_matches(['\n', '\r']).to_string());
    };
    let at = read - usize::from(bad) - usize::from(after);
    let column = text.chars().count() + 1;
    let (byte, encoding) = (
        format!("{:02x}", bytes[at]),
        crate::encoding::name(encoding),
    );
    Err(UsageError::new(match line {
        None => crate::worded!(
            "error-not-encoding",
            byte = byte,
            column = column,
            encoding = encoding
        ),
        Some(line) => crate::worded!(
            "error-not-encoding-line",
            line = line,
            byte = byte,
            column = column,
            encoding = encoding
        ),
    }))
}

/// The 1-based column (in characters) of the byte at `byte`.
pub fn column_of(line: &str, byte: usize) -> usize {
    let before = &line[..byte];
    if before.is_ascii() {
        return byte + 1;
    }
    before.chars().count() + 1
}
