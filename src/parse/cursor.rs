//! `Cursor`, the typed reader over one line's arguments, and
//! `HandleNames`, what it needs to know of the session. Here: the cursor's
//! moves, its usage errors (with a hint when a word was perhaps meant as a
//! handle), and the readers of handles; [`arguments`] holds the readers of
//! every other kind of argument.

use super::lexer::{Token, TokenKind, check_handle_name};
use crate::encoding::Encoding;
use crate::error::{Text, UsageError};

mod arguments;

/// The most handle names a usage error lists.
const MAX_NAMED: usize = 5;

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
    /// The bytes kept under a data name (`data = recv conn` keeps them;
    /// `$data` sends them).
    fn data(&self, _name: &str) -> Option<&[u8]> {
        None
    }
    /// Every data name, in order.
    fn data_names(&self) -> Vec<String> {
        Vec::new()
    }
    /// The program (`spawn`) whose socket this name is (`srv.3`), if it is
    /// one: socklab holds no fd of it, so no verb may act on it.
    fn program_of_socket(&self, _name: &str) -> Option<String> {
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

/// `('word' was read as an argument, not a handle (hint))`.
fn read_as_argument(word: &str, hint: Option<Text>) -> Text {
    match hint {
        None => crate::worded!("error-hint-read-as-argument", word = word),
        Some(hint) => crate::worded!("error-hint-read-as-argument-hint", word = word, hint = hint),
    }
}

/// What an argument is, in the language shown (`socket kind`, `port`); a
/// placeholder (`ADDR`, `FILE`) or a word with no message stays as it is.
pub fn noun(what: &str) -> Text {
    let id = format!("error-what-{}", what.replace(' ', "-"));
    if !what.bytes().any(|b| b.is_ascii_lowercase()) || crate::i18n::lookup(&id).is_none() {
        return Text::from(what);
    }
    Text::new(move || crate::i18n::lookup(&id).unwrap_or_default())
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
            crate::worded!("error-missing", what = noun(what), usage = self.usage),
        )
    }

    /// An error about `token`, adding the handle hint if it stood where a handle may.
    pub fn error_at(&self, token: &Token<'_>, message: impl Into<Text>) -> UsageError {
        let mut hint = None;
        if let Some(candidate) = self.unmatched_handle.and_then(|i| self.tokens.get(i))
            && candidate.kind == TokenKind::Word
            && check_handle_name(candidate.text).is_ok()
        {
            hint = self.unknown_handle_hint(candidate.text);
            if !std::ptr::eq(candidate, token) {
                // An earlier word was read as an argument because no handle
                // has its name: perhaps it was meant as one.
                hint = Some(read_as_argument(candidate.text, hint));
            }
        }
        UsageError::at(token.column, self.with_usage(message.into(), hint))
    }

    /// `message (hint) — usage: …`.
    fn with_usage(&self, message: Text, hint: Option<Text>) -> Text {
        let usage = self.usage;
        match hint {
            None => crate::worded!("error-with-usage", message = message, usage = usage),
            Some(hint) => crate::worded!(
                "error-with-hint-usage",
                message = message,
                hint = hint,
                usage = usage
            ),
        }
    }

    fn unknown_handle_hint(&self, word: &str) -> Option<Text> {
        let names = self.handles.handle_names();
        match crate::suggest::nearest(word, names.iter().map(String::as_str)) {
            Some(near) => Some(crate::worded!(
                "error-hint-no-handle-near",
                word = word,
                near = near
            )),
            None if names.is_empty() => None,
            // A few names, and how many there are: a table of thousands
            // would make a message of tens of kilobytes.
            None if names.len() > MAX_NAMED => Some(crate::worded!(
                "error-hint-handles-many",
                names = names[..MAX_NAMED].join(", "),
                count = names.len()
            )),
            None => Some(crate::worded!(
                "error-hint-handles",
                names = names.join(", ")
            )),
        }
    }

    fn current_handle(&self) -> Result<String, UsageError> {
        match self.handles.current() {
            Some(name) => Ok(name.to_string()),
            None => Err(UsageError::at(
                self.tokens
                    .get(self.pos)
                    .map_or(self.end_column, |t| t.column),
                crate::worded!("error-no-current-handle"),
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
            self.refuse_program_socket(token)?;
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
        if token.kind == TokenKind::Word {
            self.refuse_program_socket(token)?;
        }
        let hint = self.unknown_handle_hint(token.text);
        let message = crate::worded!("error-not-a-handle", word = token.text);
        Err(UsageError::at(token.column, self.with_usage(message, hint)))
    }

    /// The error for a word naming a spawned program's socket.
    fn refuse_program_socket(&self, token: &Token<'_>) -> Result<(), UsageError> {
        // (A handle's name has no dot: most lines never ask.)
        if !token.text.contains('.') {
            return Ok(());
        }
        match self.handles.program_of_socket(token.text) {
            Some(program) => Err(UsageError::at(
                token.column,
                crate::worded!("error-program-socket", name = token.text, program = program),
            )),
            None => Ok(()),
        }
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
}
