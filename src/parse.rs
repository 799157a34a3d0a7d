//! Lines → tokens → typed arguments.
//!
//! Owns the lexical syntax (words, `"C escapes"`, `x"hex"`, `*N` repetition,
//! `#` comments, the `NAMES =` prefix) and `Cursor`, the typed reader each
//! command's `parse` uses. Knows nothing about what a command does.

use std::borrow::Cow;

use crate::address::{self, AddrSpec};
use crate::encoding::Encoding;
use crate::error::UsageError;

/// The longest line socklab reads; longer data is written with `"..."*N`.
pub const MAX_LINE: usize = 64 * 1024;
/// The most handle names a usage error lists.
const MAX_NAMED: usize = 5;

/// The most data one argument may carry (after `*N` repetition).
pub const MAX_DATA: usize = 16 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A bare word: a verb, a handle, a number, an address, or data sent as itself.
    Word,
    /// `"quoted"` or `x"hex"` data, already decoded.
    Data,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub kind: TokenKind,
    /// The source text (a word as written; for data, the quoted form).
    pub text: &'a str,
    /// The bytes it stands for (a word's own; decoded data's).
    pub bytes: Cow<'a, [u8]>,
    /// 1-based column of its first character.
    pub column: usize,
}

/// A line's tokens.
pub type Tokens<'a> = smallvec::SmallVec<[Token<'a>; 4]>;

/// A line split into its handle names (before `=`) and tokens (verb first).
#[derive(Debug, PartialEq, Eq)]
pub struct SplitLine<'a> {
    pub names: Vec<(String, usize)>,
    /// (Most lines have at most four: kept inline, no allocation.)
    pub tokens: Tokens<'a>,
    /// The column of a trailing `&` (run in the background), if there is one.
    pub background: Option<usize>,
}

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
        let error = UsageError::new(format!(
            "the line is longer than {MAX_LINE} bytes — write long data as \"...\"*COUNT"
        ));
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
                format!("byte 0x{bad:02x} is not valid UTF-8 — write bytes as \\xNN inside quotes"),
            );
            Err((shown(), error))
        }
    }
}

/// Splits a line; `Ok(None)` for a blank line or a comment.
pub fn split_line(line: &str) -> Result<Option<SplitLine<'_>>, UsageError> {
    split_line_in(line, crate::encoding::UTF_8)
}

/// `split_line`, quoted text encoded in `encoding` (the session's).
pub fn split_line_in<'a>(
    line: &'a str,
    encoding: &'static Encoding,
) -> Result<Option<SplitLine<'a>>, UsageError> {
    if line.len() > MAX_LINE {
        return Err(UsageError::new(format!(
            "the line is {} bytes long; the limit is {MAX_LINE} — write long data as \"...\"*COUNT",
            line.len()
        )));
    }
    if let Some(pos) = memchr::memchr(0, line.as_bytes()) {
        return Err(UsageError::at(
            column_of(line, pos),
            "NUL byte in the line — write \\0 inside quotes to send one",
        ));
    }
    let (names, rest_start) = split_names(line)?;
    let mut tokens = tokenize(line, rest_start, encoding)?;
    let background = take_ampersand(&mut tokens);
    if let (Some(column), true) = (background, tokens.is_empty()) {
        return Err(UsageError::at(
            column,
            "'&' runs a command in the background; put it after one: accept srv &",
        ));
    }
    if tokens.is_empty() {
        if let Some((_, column)) = names.first() {
            return Err(UsageError::at(
                *column,
                "nothing after '=' — name a command that creates handles: srv = socket tcp",
            ));
        }
        return Ok(None);
    }
    Ok(Some(SplitLine {
        names,
        tokens,
        background,
    }))
}

/// Removes a trailing unquoted `&` (alone, or ending the last word, as in a
/// shell) and returns its column. Inside quotes `&` is data.
fn take_ampersand(tokens: &mut Tokens<'_>) -> Option<usize> {
    let last = tokens.last_mut()?;
    if last.kind != TokenKind::Word || !last.text.ends_with('&') {
        return None;
    }
    let column = last.column + last.text.chars().count() - 1;
    if last.text == "&" {
        tokens.pop();
    } else {
        last.text = &last.text[..last.text.len() - 1];
        last.bytes = Cow::Borrowed(last.text.as_bytes());
    }
    Some(column)
}

/// The 1-based column (in characters) of the byte at `byte`.
pub fn column_of(line: &str, byte: usize) -> usize {
    let before = &line[..byte];
    if before.is_ascii() {
        return byte + 1;
    }
    before.chars().count() + 1
}

/// Finds a `name =` or `a, b =` prefix; returns the names and where the rest starts.
fn split_names(line: &str) -> Result<(Vec<(String, usize)>, usize), UsageError> {
    // Only before any quote or comment (all ASCII, so byte positions are
    // character boundaries).
    let Some(eq) = line
        .bytes()
        .take_while(|&b| b != b'"' && b != b'#')
        .position(|b| b == b'=')
    else {
        return Ok((Vec::new(), 0));
    };
    let prefix = &line[..eq];
    let looks_like_names = !prefix.trim().is_empty()
        && prefix
            .split(',')
            .all(|part| !part.trim().is_empty() && !part.trim().contains(char::is_whitespace));
    if !looks_like_names {
        return Ok((Vec::new(), 0));
    }
    let mut names = Vec::new();
    let mut offset = 0;
    for part in prefix.split(',') {
        let lead = part.len() - part.trim_start().len();
        let name = part.trim();
        let column = column_of(line, offset + lead);
        check_handle_name(name).map_err(|msg| UsageError::at(column, msg))?;
        names.push((name.to_string(), column));
        offset += part.len() + 1;
    }
    Ok((names, eq + 1))
}

/// A handle name: a letter or `_`, then letters, digits, `_` or `-`.
pub fn check_handle_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if first_ok && rest_ok && name.len() <= 32 {
        Ok(())
    } else {
        Err(format!(
            "'{name}' is not a valid handle name — use a letter, then letters, digits, '_' or '-' (at most 32)"
        ))
    }
}

fn tokenize<'a>(
    line: &'a str,
    start: usize,
    encoding: &'static Encoding,
) -> Result<Tokens<'a>, UsageError> {
    let bytes = line.as_bytes();
    let mut tokens = Tokens::new();
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            // `#3` (a held segment's number in the lab) is a word; a `#`
            // that starts anything else begins a comment.
            b'#' if !bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => break,
            b'"' => i = lex_data(line, i, i + 1, Some(encoding), &mut tokens)?,
            // Python's 'single quotes' are quotes too (a word like don't,
            // whose quote is not first, stays a word).
            b'\'' => i = lex_data(line, i, i + 1, Some(encoding), &mut tokens)?,
            b'x' if bytes.get(i + 1) == Some(&b'"') => {
                i = lex_data(line, i, i + 2, None, &mut tokens)?
            }
            _ => {
                let end = bytes[i..]
                    .iter()
                    .position(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
                    .map_or(line.len(), |n| i + n);
                let text = &line[i..end];
                tokens.push(Token {
                    kind: TokenKind::Word,
                    text,
                    bytes: Cow::Borrowed(text.as_bytes()),
                    column: column_of(line, i),
                });
                i = end;
            }
        }
    }
    Ok(tokens)
}

/// Lexes `"..."` (text, in `Some(encoding)`) or `x"..."` (hex: None)
/// starting at `start` (content at `body`), with an optional `*N` after
/// it. Returns the index after the token.
fn lex_data<'a>(
    line: &'a str,
    start: usize,
    body: usize,
    text: Option<&'static Encoding>,
    tokens: &mut Tokens<'a>,
) -> Result<usize, UsageError> {
    let column = column_of(line, start);
    let (mut bytes, mut end) = match text {
        None => {
            let (bytes, end) = decode_hex(line, body)?;
            (Cow::Owned(bytes), end)
        }
        Some(encoding) => decode_quoted(line, body, encoding, line.as_bytes()[start])?,
    };
    if line.as_bytes().get(end) == Some(&b'*') {
        let digits_end = line[end + 1..]
            .find(|c: char| !c.is_ascii_digit())
            .map_or(line.len(), |n| end + 1 + n);
        let count_text = &line[end + 1..digits_end];
        let repeat_column = column_of(line, end);
        let count: usize = count_text.parse().map_err(|_| {
            UsageError::at(repeat_column, "'*' after data needs a count: \"ab\"*1000")
        })?;
        if bytes.len().saturating_mul(count) > MAX_DATA {
            return Err(UsageError::at(
                repeat_column,
                format!(
                    "{} × {count} bytes is more than the 16 MiB limit",
                    bytes.len()
                ),
            ));
        }
        bytes = Cow::Owned(bytes.repeat(count));
        end = digits_end;
    }
    if let Some(&next) = line.as_bytes().get(end)
        && !matches!(next, b' ' | b'\t' | b'\r' | b'\n' | b'#')
    {
        return Err(UsageError::at(
            column_of(line, end),
            "expected a space after the closing quote",
        ));
    }
    tokens.push(Token {
        kind: TokenKind::Data,
        text: &line[start..end],
        bytes,
        column,
    });
    Ok(end)
}

/// Decodes quoted text whose opening `quote` (`"` or `'`) is just before `body`.
fn decode_quoted<'a>(
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
            .map_err(|message| UsageError::at(column_of(line, from), message))?;
        out.extend_from_slice(&encoded);
        Ok::<(), UsageError>(())
    };
    loop {
        match bytes.get(i) {
            None => {
                return Err(UsageError::at(
                    column_of(line, body - 1),
                    format!("unterminated quote — close it with '{}'", char::from(quote)),
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
                    "'\\x' needs two hex digits: \\x41",
                )),
            };
        }
        _ => {
            let shown: String = line[i..].chars().take(2).collect();
            return Err(UsageError::at(
                column_of(line, i),
                format!("unknown escape '{shown}' — use \\n \\r \\t \\0 \\\\ \\\" \\' or \\xNN"),
            ));
        }
    };
    Ok((byte, 2))
}

fn decode_hex(line: &str, body: usize) -> Result<(Vec<u8>, usize), UsageError> {
    let Some(close) = line[body..].find('"').map(|n| body + n) else {
        return Err(UsageError::at(
            column_of(line, body - 2),
            "unterminated hex data — close it with '\"': x\"48 65\"",
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
                    format!("'{c}' is not a hex digit — x\"...\" takes pairs like 48 65 6c"),
                ));
            }
        }
    }
    if digits.len() % 2 != 0 {
        return Err(UsageError::at(
            column_of(line, body - 2),
            "hex data has an odd number of digits — each byte is two: x\"0a 0b\"",
        ));
    }
    let out = digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect();
    Ok((out, close + 1))
}

/// What the parser needs to know of the session: which names are handles,
/// and which handle is current.
pub trait HandleNames {
    fn is_handle(&self, name: &str) -> bool;
    fn current(&self) -> Option<&str>;
    fn handle_names(&self) -> Vec<String>;
    /// A closed handle whose connection the kernel still holds (TIME_WAIT…).
    fn is_kernel_held(&self, _name: &str) -> bool {
        false
    }
    /// The background job that will create a handle of this name, if any.
    fn reserved_by(&self, _name: &str) -> Option<u32> {
        None
    }
    /// How typed text becomes bytes (the session's `encoding`).
    fn encoding(&self) -> &'static Encoding {
        crate::encoding::UTF_8
    }
    /// A number that moves whenever any answer above may have changed
    /// (None: no such promise). The parse cache skips checking a kept
    /// parse's answers while it stands still.
    fn names_epoch(&self) -> Option<u64> {
        None
    }
}

/// A typed reader over one line's arguments (mini-redis's `Parse`).
pub struct Cursor<'a> {
    tokens: &'a [Token<'a>],
    pos: usize,
    usage: &'static str,
    end_column: usize,
    handles: &'a dyn HandleNames,
    /// The token where an optional handle could have stood but didn't match.
    unmatched_handle: Option<usize>,
    /// The last bare word `data` took (to suggest quoting text with spaces).
    word_data: Option<usize>,
}

impl<'a> Cursor<'a> {
    pub fn new(
        tokens: &'a [Token<'a>],
        usage: &'static str,
        end_column: usize,
        handles: &'a dyn HandleNames,
    ) -> Cursor<'a> {
        Cursor {
            tokens,
            pos: 0,
            usage,
            end_column,
            handles,
            unmatched_handle: None,
            word_data: None,
        }
    }

    pub fn peek(&self) -> Option<&'a Token<'a>> {
        self.tokens.get(self.pos)
    }

    pub fn remaining(&self) -> usize {
        self.tokens.len() - self.pos
    }

    fn next(&mut self) -> Option<&'a Token<'a>> {
        let token = self.tokens.get(self.pos);
        self.pos += 1;
        token
    }

    fn missing(&self, what: &str) -> UsageError {
        UsageError::at(
            self.end_column,
            format!("missing {what} — usage: {}", self.usage),
        )
    }

    /// An error about `token`, adding the handle hint if it stood where a handle may.
    pub fn error_at(&self, token: &Token<'_>, message: String) -> UsageError {
        let mut hint = String::new();
        if let Some(candidate) = self.unmatched_handle.and_then(|i| self.tokens.get(i))
            && candidate.kind == TokenKind::Word
            && check_handle_name(candidate.text).is_ok()
        {
            hint = self.unknown_handle_hint(candidate.text);
            if !std::ptr::eq(candidate, token) {
                // An earlier word was read as an argument because no handle
                // has its name: perhaps it was meant as one.
                hint = format!(
                    " ('{}' was read as an argument, not a handle{hint})",
                    candidate.text
                );
            }
        }
        UsageError::at(
            token.column,
            format!("{message}{hint} — usage: {}", self.usage),
        )
    }

    fn unknown_handle_hint(&self, word: &str) -> String {
        let names = self.handles.handle_names();
        match crate::suggest::nearest(word, names.iter().map(String::as_str)) {
            Some(near) => format!(" (no handle is named '{word}' — did you mean '{near}'?)"),
            None if names.is_empty() => String::new(),
            // A few names, and how many there are: a table of thousands
            // would make a message of tens of kilobytes.
            None if names.len() > MAX_NAMED => format!(
                " (handles: {}, … {} in all — ls lists them)",
                names[..MAX_NAMED].join(", "),
                names.len()
            ),
            None => format!(" (handles: {})", names.join(", ")),
        }
    }

    fn current_handle(&self) -> Result<String, UsageError> {
        match self.handles.current() {
            Some(name) => Ok(name.to_string()),
            None => Err(UsageError::at(
                self.tokens
                    .get(self.pos)
                    .map_or(self.end_column, |t| t.column),
                "no current handle — create one first (socket tcp), or name one",
            )),
        }
    }

    /// `[H]`: a first argument naming an existing handle is the handle;
    /// otherwise the current handle.
    pub fn handle(&mut self) -> Result<String, UsageError> {
        self.handle_before(0)
    }

    /// `[H] ARG…`: as `handle`, but a handle name is taken as the handle only
    /// when at least `required_after` more arguments follow it — so
    /// `connect srv` connects the current handle *to* srv.
    pub fn handle_before(&mut self, required_after: usize) -> Result<String, UsageError> {
        if let Some(token) = self.peek()
            && token.kind == TokenKind::Word
        {
            let is_handle = self.handles.is_handle(token.text);
            if is_handle && self.remaining() > required_after {
                self.pos += 1;
                return Ok(token.text.to_string());
            }
            if !is_handle {
                self.unmatched_handle = Some(self.pos);
            }
        }
        self.current_handle()
    }

    /// `[H]` that may also name a closed handle whose connection the kernel
    /// still holds (for `await cli TIME_WAIT` after `close cli`).
    pub fn handle_or_kernel_held(&mut self, required_after: usize) -> Result<String, UsageError> {
        if let Some(token) = self.peek()
            && token.kind == TokenKind::Word
            && self.handles.is_kernel_held(token.text)
            && self.remaining() > required_after
        {
            self.pos += 1;
            return Ok(token.text.to_string());
        }
        self.handle_before(required_after)
    }

    /// `H`: a handle that must be named.
    pub fn required_handle(&mut self, what: &str) -> Result<String, UsageError> {
        let Some(token) = self.next() else {
            return Err(self.missing(what));
        };
        if token.kind == TokenKind::Word && self.handles.is_handle(token.text) {
            return Ok(token.text.to_string());
        }
        let hint = self.unknown_handle_hint(token.text);
        Err(UsageError::at(
            token.column,
            format!(
                "'{}' is not a handle{hint} — usage: {}",
                token.text, self.usage
            ),
        ))
    }

    /// Every further argument that names a handle.
    pub fn handles_while_named(&mut self) -> Vec<String> {
        let mut names = Vec::new();
        while let Some(token) = self.peek() {
            if token.kind != TokenKind::Word || !self.handles.is_handle(token.text) {
                break;
            }
            names.push(token.text.to_string());
            self.pos += 1;
        }
        names
    }

    /// A bare word (a keyword, an option name, a file name).
    pub fn word(&mut self, what: &str) -> Result<&'a Token<'a>, UsageError> {
        match self.next() {
            Some(token) => Ok(token),
            None => Err(self.missing(what)),
        }
    }

    /// A file's name: a bare word, or quoted text (`"my lesson.socklab"`,
    /// with the usual escapes) for a name with spaces — never the quotes.
    pub fn path(&mut self, what: &str) -> Result<String, UsageError> {
        let token = self.word(what)?;
        let quote = token.text.as_bytes()[0];
        if token.kind == TokenKind::Word {
            return Ok(token.text.to_string());
        }
        if quote != b'"' && quote != b'\'' {
            return Err(self.error_at(
                token,
                format!("a {what} is a name, not hex data: write it bare, or in quotes"),
            ));
        }
        let (bytes, _) = decode_quoted(token.text, 1, crate::encoding::UTF_8, quote)?;
        match String::from_utf8(bytes.into_owned()) {
            Ok(name) if !name.is_empty() => Ok(name),
            _ => Err(self.error_at(
                token,
                format!("a {what} is text: no empty name, no bytes that are not UTF-8"),
            )),
        }
    }

    /// One of a fixed set of keywords (case-insensitive); returns its index.
    pub fn keyword(&mut self, what: &str, choices: &[&str]) -> Result<usize, UsageError> {
        let token = self.word(what)?;
        match choices
            .iter()
            .position(|c| c.eq_ignore_ascii_case(token.text))
        {
            Some(index) => Ok(index),
            None => {
                let near = match crate::suggest::nearest(token.text, choices.iter().copied()) {
                    Some(near) => format!(" — did you mean '{near}'?"),
                    None => String::new(),
                };
                Err(self.error_at(
                    token,
                    format!(
                        "'{}' is not a {what}{near} (one of: {})",
                        token.text,
                        choices.join(", ")
                    ),
                ))
            }
        }
    }

    /// `DATA`: a bare word as itself (in the session's encoding), or
    /// quoted/hex data.
    pub fn data(&mut self, what: &str) -> Result<Vec<u8>, UsageError> {
        let encoding = self.handles.encoding();
        match self.next() {
            Some(token) if token.kind == TokenKind::Word => {
                self.word_data = Some(self.pos - 1);
                crate::encoding::encode(token.text, encoding)
                    .map_err(|message| UsageError::at(token.column, message))
            }
            Some(token) => Ok(token.bytes.to_vec()),
            None => Err(self.missing(what)),
        }
    }

    /// An unsigned integer no larger than `max`.
    pub fn int(&mut self, what: &str, max: u64) -> Result<u64, UsageError> {
        let token = self.word(what)?;
        self.int_from(token, what, max)
    }

    pub fn int_from(&self, token: &Token<'_>, what: &str, max: u64) -> Result<u64, UsageError> {
        match token.text.parse::<u64>() {
            Ok(n) if n <= max => Ok(n),
            Ok(n) => Err(self.error_at(token, format!("{what} {n} is more than {max}"))),
            Err(_) if token.kind == TokenKind::Word => Err(self.error_at(
                token,
                format!("{what} must be a whole number, not '{}'", token.text),
            )),
            Err(_) => Err(self.error_at(token, format!("{what} must be a number, not data"))),
        }
    }

    /// An optional integer: taken if the next argument is all digits.
    pub fn optional_int(&mut self, what: &str, max: u64) -> Result<Option<u64>, UsageError> {
        match self.peek() {
            Some(token)
                if token.kind == TokenKind::Word
                    && token.text.bytes().all(|b| b.is_ascii_digit()) =>
            {
                self.pos += 1;
                self.int_from(token, what, max).map(Some)
            }
            _ => Ok(None),
        }
    }

    /// The line with the bare words from `data_at` on quoted as one piece of
    /// data (`sendto ADDR hi from socklab` → `sendto ADDR "hi from
    /// socklab"`), when they are all bare words.
    fn quoted_suggestion(&self, data_at: Option<usize>) -> Option<String> {
        let data_at = data_at?;
        let rest = &self.tokens[data_at..];
        if rest.iter().any(|t| t.kind != TokenKind::Word) {
            return None;
        }
        let verb = self.usage.split(' ').next().unwrap_or_default();
        let mut line = String::from(verb);
        for token in &self.tokens[..data_at] {
            line.push(' ');
            line.push_str(token.text);
        }
        let words: Vec<&str> = rest.iter().map(|t| t.text).collect();
        line.push_str(&format!(" \"{}\"", words.join(" ")));
        Some(line)
    }

    /// Takes the line's last argument if it is a bare word starting with
    /// `prefix` (`socket tcp @b`), so the rest parses as if it were not there.
    pub fn take_trailing(&mut self, prefix: char) -> Option<&'a Token<'a>> {
        let tokens = self.tokens;
        let (last, rest) = tokens.split_last()?;
        if self.pos > rest.len() || last.kind != TokenKind::Word || !last.text.starts_with(prefix) {
            return None;
        }
        self.tokens = rest;
        Some(last)
    }

    /// `ADDR`, or Python's two-part `HOST PORT` (`bind 127.0.0.1 8888`,
    /// `bind "" 8899` for any address, as the tutorials' `bind(("", 8899))`).
    pub fn addr_or_host_port(&mut self) -> Result<AddrSpec, UsageError> {
        if let [first, second, ..] = &self.tokens[self.pos..]
            && second.kind == TokenKind::Word
            && !second.text.is_empty()
            && second.text.bytes().all(|b| b.is_ascii_digit())
        {
            let host = match first.kind {
                TokenKind::Data if first.bytes.is_empty() => Some(None),
                TokenKind::Word
                    if first.text.parse::<std::net::IpAddr>().is_ok()
                        || first.text.eq_ignore_ascii_case("localhost") =>
                {
                    Some(Some(first.text))
                }
                _ => None,
            };
            if let Some(host) = host {
                let port = self.int_from(second, "port", 65_535)? as u16;
                self.pos += 2;
                return Ok(match host {
                    None => AddrSpec::AnyPort(port),
                    Some(host) => {
                        let text = match host.parse::<std::net::IpAddr>() {
                            Ok(std::net::IpAddr::V6(v6)) => format!("[{v6}]:{port}"),
                            _ => format!("{host}:{port}"),
                        };
                        address::parse(&text)
                            .map_err(|msg| self.error_at(first, format!("bad address: {msg}")))?
                    }
                });
            }
        }
        self.addr()
    }

    /// `ADDR`: a handle name (its local address) or an address.
    pub fn addr(&mut self) -> Result<AddrSpec, UsageError> {
        let token = self.word("ADDR")?;
        if token.kind == TokenKind::Word && self.handles.is_handle(token.text) {
            return Ok(AddrSpec::Handle(token.text.to_string()));
        }
        if token.kind == TokenKind::Data {
            return Err(self.error_at(token, "an address is written bare, not quoted".into()));
        }
        address::parse(token.text)
            .map_err(|msg| self.error_at(token, format!("bad address: {msg}")))
    }

    /// Trailing `FLAGS`: each one of `table`'s short names (or the C name).
    pub fn flags(&mut self, table: &[crate::names::MsgFlag]) -> Result<libc::c_int, UsageError> {
        let data_at = self.word_data.filter(|at| at + 1 == self.pos);
        let mut value = 0;
        while let Some(token) = self.next() {
            let lower = token.text.to_ascii_lowercase();
            let flag = table
                .iter()
                .find(|f| f.short == lower || f.name.eq_ignore_ascii_case(token.text));
            match flag {
                Some(flag) => value |= flag.value,
                None if value == 0
                    && !crate::names::is_msg_flag(token.text)
                    && let Some(line) = self.quoted_suggestion(data_at) =>
                {
                    return Err(self.error_at(
                        token,
                        format!("text with spaces is one argument only when quoted: {line}",),
                    ));
                }
                None => {
                    let names: Vec<&str> = table.iter().map(|f| f.short).collect();
                    return Err(self.error_at(
                        token,
                        format!(
                            "'{}' is not a flag here; flags: {}",
                            token.text,
                            names.join(" ")
                        ),
                    ));
                }
            }
        }
        Ok(value)
    }

    /// Every argument has been used; anything left over is an error that says so.
    pub fn finish(&self) -> Result<(), UsageError> {
        match self.peek() {
            None => Ok(()),
            Some(token) => Err(self.error_at(
                token,
                format!("unexpected '{}'", crate::suggest::clip(token.text, 40)),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<(TokenKind, Vec<u8>, usize)> {
        split_line(line)
            .unwrap()
            .unwrap()
            .tokens
            .into_iter()
            .map(|t| (t.kind, t.bytes.into_owned(), t.column))
            .collect()
    }

    type Expected<'a> = &'a [(TokenKind, &'a [u8], usize)];

    #[test]
    fn tokens_and_columns() {
        use TokenKind::*;
        let cases: &[(&str, Expected)] = &[
            ("send hi", &[(Word, b"send", 1), (Word, b"hi", 6)]),
            ("  recv   10 ", &[(Word, b"recv", 3), (Word, b"10", 10)]),
            ("send \"a b\"", &[(Word, b"send", 1), (Data, b"a b", 6)]),
            (
                "send \"\\r\\n\\t\\0\\\\\\\"\\x41\"",
                &[(Word, b"send", 1), (Data, b"\r\n\t\0\\\"A", 6)],
            ),
            (
                "send x\"48 65 6c\"",
                &[(Word, b"send", 1), (Data, b"Hel", 6)],
            ),
            ("send \"ab\"*3", &[(Word, b"send", 1), (Data, b"ababab", 6)]),
            (
                "send x\"00\"*2 # two NULs",
                &[(Word, b"send", 1), (Data, b"\0\0", 6)],
            ),
            (
                "send \"#not a comment\"",
                &[(Word, b"send", 1), (Data, b"#not a comment", 6)],
            ),
            ("send a#b", &[(Word, b"send", 1), (Word, b"a#b", 6)]),
            (
                "send \"é\" x",
                &[
                    (Word, b"send", 1),
                    (Data, "é".as_bytes(), 6),
                    (Word, b"x", 10),
                ],
            ),
            ("send \"\"", &[(Word, b"send", 1), (Data, b"", 6)]),
            ("xsend", &[(Word, b"xsend", 1)]),
        ];
        for (line, want) in cases {
            let want: Vec<_> = want.iter().map(|(k, b, c)| (*k, b.to_vec(), *c)).collect();
            assert_eq!(words(line), want, "{line}");
        }
    }

    #[test]
    fn a_trailing_ampersand_means_background() {
        let cases: &[(&str, Option<usize>, usize)] = &[
            ("accept srv &", Some(12), 2),
            ("accept srv&", Some(11), 2),
            ("accept srv", None, 2),
            ("send c \"a&\"", None, 3),
            ("send c a&b", None, 3),
            ("conn = accept srv & # later", Some(19), 2),
        ];
        for (line, column, count) in cases {
            let split = split_line(line).unwrap().unwrap();
            assert_eq!(split.background, *column, "{line}");
            assert_eq!(split.tokens.len(), *count, "{line}");
            assert!(split.tokens.iter().all(|t| t.text != "&"), "{line}");
        }
        assert_eq!(split_line("&").unwrap_err().column, Some(1));
    }

    #[test]
    fn blank_and_comment_lines_are_nothing() {
        for line in ["", "   ", "# a comment", "   # indented", "\t"] {
            assert_eq!(split_line(line), Ok(None), "{line:?}");
        }
    }

    #[test]
    fn names_before_equals() {
        let cases: &[(&str, &[&str], &str)] = &[
            ("srv = socket tcp", &["srv"], "socket"),
            ("a, b = socketpair", &["a", "b"], "socketpair"),
            ("a,b=socketpair", &["a", "b"], "socketpair"),
            ("send x=1", &[], "send"),
            ("send \"a=b\"", &[], "send"),
            ("setsockopt rcvbuf = 1", &[], "setsockopt"),
        ];
        for (line, names, verb) in cases {
            let split = split_line(line).unwrap().unwrap();
            let got: Vec<&str> = split.names.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(&got, names, "{line}");
            assert_eq!(split.tokens[0].text, *verb, "{line}");
        }
    }

    #[test]
    fn lexical_errors_name_the_column() {
        let cases: &[(&str, usize, &str)] = &[
            ("send \"abc", 6, "unterminated quote"),
            ("send \"a\\qb\"", 8, "unknown escape '\\q'"),
            ("send \"\\x4\"", 7, "two hex digits"),
            ("send x\"4g\"", 9, "'g' is not a hex digit"),
            ("send x\"123\"", 6, "odd number of digits"),
            ("send x\"12", 6, "unterminated hex"),
            ("send \"a\"b", 9, "space after the closing quote"),
            ("send \"a\"*", 9, "needs a count"),
            ("send \"ab\"*9999999999", 10, "16 MiB"),
            ("send a\0b", 7, "NUL byte"),
            ("1x = socket tcp", 1, "not a valid handle name"),
            ("a, 2 = socketpair", 4, "not a valid handle name"),
            ("srv =", 1, "nothing after '='"),
        ];
        for (line, column, fragment) in cases {
            let err = split_line(line).expect_err(line);
            assert_eq!(err.column, Some(*column), "{line}: {err}");
            assert!(err.message.contains(fragment), "{line}: {err}");
        }
    }

    #[test]
    fn overlong_line_is_refused() {
        let line = format!("send {}", "a".repeat(MAX_LINE));
        let err = split_line(&line).unwrap_err();
        assert!(err.message.contains("the limit is 65536"), "{err}");
    }
}
