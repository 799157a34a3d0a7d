//! `export python|c FILE [--force]`: the session so far as a program of
//! the student's own (the driver writes it, from the session's lines and
//! their output, with `crate::export`).

use super::action::{Action, Driver, boxed};
use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::export::Language;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::Step;

/// The languages, as completion offers them and the parser takes them.
const LANGUAGES: &[&str] = &["python", "c"];

pub const EXPORT: Spec = Spec {
    name: "export",
    usage: "export python|c FILE [--force]",
    syscall: "",
    errnos: &[],
    args: &[Arg::Words(LANGUAGES), Arg::File],
    creates: 0,
    group: Group::Session,
    background: false,
    parse: |c| boxed(Export::parse(c)),
};

#[derive(Debug, Clone)]
pub struct Export {
    language: Language,
    path: String,
    force: bool,
}

impl Export {
    pub fn parse(cursor: &mut Cursor) -> Result<Export, UsageError> {
        let language = match cursor.keyword("language", LANGUAGES)? {
            0 => Language::Python,
            _ => Language::C,
        };
        let path = cursor.path("FILE")?;
        let force = match cursor.peek() {
            Some(token) if token.text == "--force" => {
                cursor.word("--force")?;
                true
            }
            _ => false,
        };
        cursor.finish()?;
        Ok(Export {
            language,
            path,
            force,
        })
    }
}

impl Action for Export {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        let _ = session;
        Ok(Step::new(EXPORT.name, None))
    }

    fn driver(&self) -> Option<Driver> {
        Some(Driver::Export {
            language: self.language,
            path: self.path.clone(),
            force: self.force,
        })
    }
}
