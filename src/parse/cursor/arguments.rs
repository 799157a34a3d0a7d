//! The cursor's readers of arguments other than handles: words, file
//! names, keywords, data, numbers, addresses, flags — and `finish`, which
//! says so when anything is left over.

use super::{Cursor, noun};
use crate::address::{self, AddrSpec, AddressError};
use crate::error::{Text, UsageError};
use crate::parse::lexer::{Token, TokenKind, check_handle_name};
use crate::parse::literal::decode_quoted;

impl<'a> Cursor<'a> {
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
                crate::worded!("error-path-not-hex", what = noun(what)),
            ));
        }
        let (bytes, _) = decode_quoted(token.text, 1, crate::encoding::UTF_8, quote)?;
        match String::from_utf8(bytes.into_owned()) {
            Ok(name) if !name.is_empty() => Ok(name),
            _ => Err(self.error_at(
                token,
                crate::worded!("error-path-not-text", what = noun(what)),
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
                let (word, what, near) = (token.text, noun(what), choices.iter().copied());
                let message = match crate::suggest::nearest(token.text, near) {
                    Some(near) => crate::worded!(
                        "error-not-one-of-near",
                        word = word,
                        what = what,
                        near = near,
                        choices = choices.join(", ")
                    ),
                    None => crate::worded!(
                        "error-not-one-of",
                        word = word,
                        what = what,
                        choices = choices.join(", ")
                    ),
                };
                Err(self.error_at(token, message))
            }
        }
    }

    /// `DATA`: pieces joined by ` + `, each a bare word as itself (in the
    /// session's encoding), quoted/hex data, or `$NAME`, the bytes a
    /// receive kept under that name (`data = recv conn`). A quoted `"$x"`
    /// is the text itself.
    pub fn data(&mut self, what: &str) -> Result<Vec<u8>, UsageError> {
        let mut bytes = self.data_piece(what)?;
        while let Some(plus) = self.peek()
            && plus.kind == TokenKind::Word
            && plus.text == "+"
        {
            self.pos += 1;
            let more = self.data_piece(what)?;
            if bytes.len() + more.len() > crate::parse::MAX_DATA {
                return Err(self.error_at(plus, crate::worded!("error-joined-data-too-long")));
            }
            bytes.extend_from_slice(&more);
        }
        Ok(bytes)
    }

    fn data_piece(&mut self, what: &str) -> Result<Vec<u8>, UsageError> {
        let encoding = self.handles.encoding();
        self.word_data = None;
        match self.next() {
            Some(token)
                if token.kind == TokenKind::Word
                    && let Some(name) = token.text.strip_prefix('$')
                    && check_handle_name(name).is_ok() =>
            {
                match self.handles.data(name) {
                    Some(bytes) => Ok(bytes.to_vec()),
                    None => Err(self.unknown_data(token, name)),
                }
            }
            Some(token) if token.kind == TokenKind::Word => {
                self.word_data = Some(self.pos - 1);
                crate::encoding::encode(token.text, encoding)
                    .map_err(|error| UsageError::at(token.column, Text::display(error)))
            }
            Some(token) => Ok(token.bytes.to_vec()),
            None => Err(self.missing(what)),
        }
    }

    /// `$name` where no receive kept data under that name.
    fn unknown_data(&self, token: &Token<'_>, name: &str) -> UsageError {
        let names = self.handles.data_names();
        let known = match crate::suggest::nearest(name, names.iter().map(String::as_str)) {
            Some(near) => crate::worded!("error-data-near", near = near),
            None if names.is_empty() => crate::worded!("error-data-none-yet"),
            None => {
                let shown: Vec<String> = names.iter().take(5).map(|n| format!("${n}")).collect();
                match names.len() > 5 {
                    true => crate::worded!(
                        "error-data-names-many",
                        names = shown.join(", "),
                        count = names.len()
                    ),
                    false => crate::worded!("error-data-names", names = shown.join(", ")),
                }
            }
        };
        UsageError::at(
            token.column,
            crate::worded!(
                "error-no-data-named",
                name = name,
                known = known,
                text = token.text,
                usage = self.usage
            ),
        )
    }

    /// An unsigned integer no larger than `max`.
    pub fn int(&mut self, what: &str, max: u64) -> Result<u64, UsageError> {
        let token = self.word(what)?;
        self.int_from(token, what, max)
    }

    pub fn int_from(&self, token: &Token<'_>, what: &str, max: u64) -> Result<u64, UsageError> {
        match token.text.parse::<u64>() {
            Ok(n) if n <= max => Ok(n),
            // As text: a u64 may be more than a Fluent number (an f64) holds.
            Ok(n) => Err(self.error_at(
                token,
                crate::worded!(
                    "error-int-too-big",
                    what = noun(what),
                    n = n.to_string(),
                    max = max.to_string()
                ),
            )),
            Err(_) if token.kind == TokenKind::Word => Err(self.error_at(
                token,
                crate::worded!("error-int-not-whole", what = noun(what), word = token.text),
            )),
            Err(_) => Err(self.error_at(
                token,
                crate::worded!("error-int-is-data", what = noun(what)),
            )),
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

    /// Every argument left, as written (a program's command line).
    pub fn rest(&mut self) -> &'a [Token<'a>] {
        let tokens = self.tokens;
        let rest = tokens.get(self.pos..).unwrap_or_default();
        self.pos = tokens.len();
        rest
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
                            .map_err(|error| self.error_at(first, bad_address(error)))?
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
            return Err(self.error_at(token, crate::worded!("error-address-quoted")));
        }
        address::parse(token.text).map_err(|error| self.error_at(token, bad_address(error)))
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
                    return Err(
                        self.error_at(token, crate::worded!("error-quote-text", line = line))
                    );
                }
                None => {
                    let names: Vec<&str> = table.iter().map(|f| f.short).collect();
                    return Err(self.error_at(
                        token,
                        crate::worded!(
                            "error-not-a-flag",
                            word = token.text,
                            flags = names.join(" ")
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
                crate::worded!(
                    "error-unexpected",
                    word = crate::suggest::clip(token.text, 40).to_string()
                ),
            )),
        }
    }
}

/// `bad address: …`, the reason worded when shown.
fn bad_address(error: AddressError) -> Text {
    crate::worded!("error-bad-address", reason = Text::display(error))
}
