//! Renderers: a `Step` becomes text for a person (`text`) or one JSON object
//! (`json`); text is fitted to the terminal's width as it is shown
//! (`wrap`). The one way data bytes are shown as escaped text lives with
//! the encoding (`encoding::display`), re-exported here.

pub mod json;
mod ladder;
pub mod text;
pub mod words;
pub mod wrap;

pub use crate::encoding::display::{
    Escaped, IoText, Preview, escape, hex, hexdump, is_binary, is_plain_printable, preview,
};
