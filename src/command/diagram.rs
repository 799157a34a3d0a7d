//! `diagram save FILE [--force]`: the session so far as a picture (the
//! driver draws it, from the steps it kept: `runner::sketch`).

use super::action::{Action, Driver, boxed};
use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::Step;

pub const DIAGRAM: Spec = Spec {
    name: "diagram",
    usage: "diagram save FILE.svg|FILE.html|FILE.txt|FILE.mmd [--force]",
    syscall: "",
    errnos: &[],
    args: &[Arg::File],
    creates: 0,
    group: Group::Session,
    background: false,
    parse: |c| boxed(Diagram::parse(c)),
};

#[derive(Debug, Clone)]
pub struct Diagram {
    path: String,
    force: bool,
}

impl Diagram {
    pub fn parse(cursor: &mut Cursor) -> Result<Diagram, UsageError> {
        cursor.keyword("diagram action", &["save"])?;
        let path = cursor.path("FILE")?;
        let force = match cursor.peek() {
            Some(token) if token.text == "--force" => {
                cursor.word("--force")?;
                true
            }
            _ => false,
        };
        cursor.finish()?;
        Ok(Diagram { path, force })
    }
}

impl Action for Diagram {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        let _ = session;
        Ok(Step::new(DIAGRAM.name, None))
    }

    fn driver(&self) -> Option<Driver> {
        Some(Driver::Diagram {
            path: self.path.clone(),
            force: self.force,
        })
    }
}
