//! A line split into tokens: its `NAMES =` prefix, its words and data
//! (quoted or hex, decoded by [`super::literal`], and `*N` repeated), a `#`
//! comment cut off and a trailing `&` taken off. Each token keeps its
//! 1-based column, for errors.

use std::borrow::Cow;

use super::line::column_of;
use super::literal::{decode_hex, decode_quoted};
use super::{MAX_DATA, MAX_LINE};
use crate::encoding::Encoding;
use crate::error::{Text, UsageError};

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
        return Err(UsageError::new(crate::worded!(
            "error-line-too-long",
            len = line.len(),
            max = MAX_LINE
        )));
    }
    if let Some(pos) = memchr::memchr(0, line.as_bytes()) {
        return Err(UsageError::at(
            column_of(line, pos),
            crate::worded!("error-nul-byte"),
        ));
    }
    let (names, rest_start) = split_names(line)?;
    let mut tokens = tokenize(line, rest_start, encoding)?;
    let background = take_ampersand(&mut tokens);
    if let (Some(column), true) = (background, tokens.is_empty()) {
        return Err(UsageError::at(
            column,
            crate::worded!("error-ampersand-alone"),
        ));
    }
    if tokens.is_empty() {
        if let Some((_, column)) = names.first() {
            return Err(UsageError::at(
                *column,
                crate::worded!("error-nothing-after-equals"),
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
        check_handle_name(name).map_err(|bad| UsageError::at(column, Text::display(bad)))?;
        names.push((name.to_string(), column));
        offset += part.len() + 1;
    }
    Ok((names, eq + 1))
}

/// A word that cannot name a handle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadHandleName(pub String);

impl std::fmt::Display for BadHandleName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::t!("error-bad-handle-name", name = self.0.as_str()))
    }
}

impl std::error::Error for BadHandleName {}

/// A handle name: a letter or `_`, then letters, digits, `_` or `-`.
pub fn check_handle_name(name: &str) -> Result<(), BadHandleName> {
    let mut chars = name.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if first_ok && rest_ok && name.len() <= 32 {
        Ok(())
    } else {
        Err(BadHandleName(name.to_string()))
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
            UsageError::at(repeat_column, crate::worded!("error-repeat-needs-count"))
        })?;
        if bytes.len().saturating_mul(count) > MAX_DATA {
            return Err(UsageError::at(
                repeat_column,
                crate::worded!("error-repeat-too-long", len = bytes.len(), count = count),
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
            crate::worded!("error-space-after-quote"),
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
