//! Lines → tokens → typed arguments.
//!
//! Owns the lexical syntax (words, `"C escapes"`, `x"hex"`, `*N` repetition,
//! `#` comments, the `NAMES =` prefix, `$name` data) and `Cursor`, the typed reader each
//! command's `parse` uses. Knows nothing about what a command does.
//!
//! - [`line`]: a line as read — its bytes made text, or shown when they are
//!   not — and the column of a place in it;
//! - [`lexer`]: a line split into its handle names, tokens and trailing `&`;
//! - [`literal`]: quoted and hex data, decoded to bytes;
//! - [`cursor`]: `Cursor`, the typed readers over one line's tokens.

mod cursor;
mod lexer;
mod line;
mod literal;

pub use cursor::{Cursor, HandleNames, noun};
pub use lexer::{
    BadHandleName, SplitLine, Token, TokenKind, Tokens, check_handle_name, split_line,
    split_line_in,
};
pub use line::{column_of, decode_line, decode_line_in, shown_bytes};

/// The longest line socklab reads; longer data is written with `"..."*N`.
pub const MAX_LINE: usize = 64 * 1024;

/// The most data one argument may carry (after `*N` repetition).
pub const MAX_DATA: usize = 16 * 1024 * 1024;
