//! The tool's own error: a usage problem with the line a person typed.
//!
//! A failed system call is *not* an error here — it is a result, carried in a
//! `Step` with its errno. This type is for what never reached the kernel:
//! unknown verbs and handles, bad addresses, bad escapes, lines too long.
//!
//! A usage error is worded when it is shown, not when it is made: the same
//! error reads in the language of the shell, and in English in JSON and in
//! transcripts (which render under [`in_english`](crate::i18n::in_english)).
//! So it keeps a [`Text`] — a way to word the message — rather than a
//! string; [`worded!`](crate::worded) makes one from a message id.

use std::fmt;
use std::sync::Arc;

/// A message worded in the language current when it is shown.
#[derive(Clone)]
pub struct Text(Wording);

#[derive(Clone)]
enum Wording {
    /// Text already worded (by code that does not yet word it late).
    Fixed(String),
    /// Words the message in the current language.
    Late(Arc<dyn Fn() -> String + Send + Sync>),
}

impl Text {
    /// A message worded by `word` each time it is shown (usually
    /// [`worded!`](crate::worded), which calls [`t!`](crate::t)).
    pub fn new(word: impl Fn() -> String + Send + Sync + 'static) -> Text {
        Text(Wording::Late(Arc::new(word)))
    }

    /// A typed error's own `Display` (which words it with `t!`), kept as
    /// the error until it is shown.
    pub fn display(error: impl fmt::Display + Send + Sync + 'static) -> Text {
        Text::new(move || error.to_string())
    }

    /// The message in the language text is shown in now.
    pub fn word(&self) -> String {
        match &self.0 {
            Wording::Fixed(text) => text.clone(),
            Wording::Late(word) => word(),
        }
    }

    /// Whether the message, worded now, says nothing.
    pub fn is_empty(&self) -> bool {
        self.word().is_empty()
    }

    /// Whether the message, worded now, contains `part` (for tests).
    pub fn contains(&self, part: &str) -> bool {
        self.word().contains(part)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text(Wording::Fixed(text))
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text(Wording::Fixed(text.to_string()))
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Wording::Fixed(text) => f.write_str(text),
            Wording::Late(word) => f.write_str(&word()),
        }
    }
}

/// A text as an argument of another message (`worded!(…, hint = text)`),
/// worded in the language of the message around it.
impl From<Text> for fluent_bundle::FluentValue<'static> {
    fn from(text: Text) -> Self {
        fluent_bundle::FluentValue::from(text.word())
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let english = crate::i18n::in_english(|| self.word());
        fmt::Debug::fmt(&english, f)
    }
}

/// Two texts are the same when they read the same in English.
impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        crate::i18n::in_english(|| self.word() == other.word())
    }
}

impl Eq for Text {}

/// A [`Text`] from a message id and its arguments, worded when shown:
/// `worded!("error-unknown-verb", verb = token.text)`. Each argument is
/// taken as an owned value (`to_owned`) when the text is made; the id and
/// argument names are checked at compile time, as with [`t!`](crate::t).
#[macro_export]
macro_rules! worded {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {{
        // Every value is taken before any name is bound: an argument may
        // be named as a variable another argument reads.
        #[allow(unused_parens)]
        let ($($name,)*) = ($(($value).to_owned(),)*);
        $crate::error::Text::new(move || {
            $crate::t!($id $(, $name = ::std::clone::Clone::clone(&$name))*)
        })
    }};
}

/// What was wrong with a line, where (1-based column, in characters), and
/// what would be right (part of the message).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageError {
    pub message: Text,
    pub column: Option<usize>,
}

impl UsageError {
    pub fn new(message: impl Into<Text>) -> UsageError {
        UsageError {
            message: message.into(),
            column: None,
        }
    }

    pub fn at(column: usize, message: impl Into<Text>) -> UsageError {
        UsageError {
            message: message.into(),
            column: Some(column),
        }
    }
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            Some(column) => f.write_str(&crate::t!(
                "error-at-column",
                column = column,
                message = self.message.word()
            )),
            None => write!(f, "{}", self.message),
        }
    }
}

impl std::error::Error for UsageError {}

/// What went wrong in an I/O call, for a person: the errno's text without
/// Rust's "(os error N)".
pub fn io_reason(error: &std::io::Error) -> String {
    match error.raw_os_error() {
        // The system's words for it, in the language chosen.
        Some(code) => crate::names::errno_meaning(nix::errno::Errno::from_raw(code)),
        None => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, in_lang};

    /// One error, made once, reads in whichever language shows it.
    #[test]
    fn a_usage_error_is_worded_when_shown() {
        let error = UsageError::at(3, crate::worded!("error-named-twice", name = "cli"));
        let shown = |lang| in_lang(lang, || error.to_string());
        assert_eq!(shown(Lang::En), "column 3: 'cli' is named twice");
        assert_eq!(shown(Lang::Ru), "столбец 3: имя «cli» дано дважды");
        assert_eq!(shown(Lang::Zh), "第 3 列：“cli” 被命名了两次");
    }

    /// Arguments are all taken before any is bound: `count` reads the
    /// list, not the joined text that shadows its name.
    #[test]
    fn arguments_do_not_shadow_each_other() {
        let names = ["a".to_string(), "b".to_string()];
        let text = crate::worded!(
            "error-hint-handles-many",
            names = names.join(", "),
            count = names.len()
        );
        let english = in_lang(Lang::En, || text.word());
        assert_eq!(english, "(handles: a, b, … 2 in all — ls lists them)");
    }

    /// Text already worded (from code not yet moved to messages) is shown
    /// as it is, and compares by its English.
    #[test]
    fn fixed_text_stays_as_written() {
        let fixed = UsageError::new("not recording — start with: record FILE");
        assert_eq!(
            in_lang(Lang::Ru, || fixed.to_string()),
            "not recording — start with: record FILE"
        );
        assert_eq!(fixed.clone(), fixed);
    }
}
