//! `source FILE`: run a file's lines in this session (the driver does it).

use super::action::{Action, Driver, boxed};
use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::Step;

pub const SOURCE: Spec = Spec {
    name: "source",
    usage: "source FILE",
    syscall: "",
    errnos: &[],
    args: &[Arg::File],
    creates: 0,
    group: Group::Session,
    background: false,
    parse: |c| boxed(Source::parse(c)),
};

#[derive(Debug, Clone)]
pub struct Source(String);

impl Source {
    pub fn parse(cursor: &mut Cursor) -> Result<Source, UsageError> {
        let file = cursor.path("FILE")?;
        cursor.finish()?;
        Ok(Source(file))
    }
}

impl Action for Source {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        let _ = session;
        Ok(Step::new(SOURCE.name, None))
    }

    fn driver(&self) -> Option<Driver> {
        Some(Driver::Source(self.0.clone()))
    }
}
