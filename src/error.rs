//! The tool's own error: a usage problem with the line a person typed.
//!
//! A failed system call is *not* an error here — it is a result, carried in a
//! `Step` with its errno. This type is for what never reached the kernel:
//! unknown verbs and handles, bad addresses, bad escapes, lines too long.

use std::fmt;

/// What was wrong with a line, where (1-based column, in characters), and
/// what would be right (part of the message).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageError {
    pub message: String,
    pub column: Option<usize>,
}

impl UsageError {
    pub fn new(message: impl Into<String>) -> UsageError {
        UsageError {
            message: message.into(),
            column: None,
        }
    }

    pub fn at(column: usize, message: impl Into<String>) -> UsageError {
        UsageError {
            message: message.into(),
            column: Some(column),
        }
    }
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            Some(column) => write!(f, "column {column}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for UsageError {}

/// What went wrong in an I/O call, for a person: the errno's text without
/// Rust's "(os error N)".
pub fn io_reason(error: &std::io::Error) -> String {
    match error.raw_os_error() {
        Some(code) => nix::errno::Errno::from_raw(code).desc().to_string(),
        None => error.to_string(),
    }
}
