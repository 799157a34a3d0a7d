//! A command's call text (`send(cli, "x", 1, 0)`), kept from its first run:
//! it depends only on the command and the session's text encoding, so a
//! line run again — from the parse cache, a million times in a script —
//! copies it instead of formatting it again.
//!
//! Owns: the kept text. The command says how to write it.

use std::sync::OnceLock;

use crate::encoding::Encoding;

/// The call text, with the encoding it was written for.
#[derive(Debug, Clone, Default)]
pub struct CallText(OnceLock<(&'static Encoding, String)>);

impl CallText {
    /// Appends the call text to `call`: the kept one if it was written for
    /// `encoding`, else as `write` writes it (and kept, if nothing is yet).
    pub fn write_into(
        &self,
        call: &mut String,
        encoding: &'static Encoding,
        write: impl FnOnce(&mut String),
    ) {
        if let Some((kept_for, text)) = self.0.get()
            && std::ptr::eq(*kept_for, encoding)
        {
            call.push_str(text);
            return;
        }
        let start = call.len();
        write(call);
        let _ = self.0.set((encoding, call[start..].to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::{UTF_8, by_name};

    /// Written once per encoding it is kept for; another encoding's text is
    /// written afresh each time, and not kept over the first.
    #[test]
    fn kept_for_the_encoding_it_was_written_for() {
        let utf8 = UTF_8;
        let other = by_name("gbk").expect("gbk");
        let kept = CallText::default();
        let mut writes = 0;
        let mut write = |call: &mut String, text: &str| {
            let mut out = String::from("> ");
            kept.write_into(&mut out, utf8, |s| {
                writes += 1;
                s.push_str(text);
            });
            *call = out;
        };
        let mut call = String::new();
        write(&mut call, "send(a)");
        assert_eq!(call, "> send(a)");
        write(&mut call, "changed");
        assert_eq!(call, "> send(a)", "the kept text, not written again");
        assert_eq!(writes, 1);
        let mut out = String::new();
        kept.write_into(&mut out, other, |s| s.push_str("other"));
        assert_eq!(out, "other");
        let mut again = String::new();
        kept.write_into(&mut again, utf8, |s| s.push_str("unused"));
        assert_eq!(again, "send(a)");
    }
}
