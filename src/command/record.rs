//! `record FILE|off`: record the session as a transcript (the driver does it).

use super::action::{Action, Driver, boxed};
use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::Step;

pub const RECORD: Spec = Spec {
    name: "record",
    usage: "record FILE|off",
    syscall: "",
    errnos: &[],
    args: &[Arg::File],
    creates: 0,
    group: Group::Session,
    background: false,
    parse: |c| boxed(Record::parse(c)),
};

#[derive(Debug, Clone)]
pub struct Record(Option<String>);

impl Record {
    pub fn parse(cursor: &mut Cursor) -> Result<Record, UsageError> {
        let file = cursor.path("FILE or off")?;
        cursor.finish()?;
        Ok(Record((file != "off").then_some(file)))
    }
}

impl Action for Record {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        let _ = session;
        Ok(Step::new(RECORD.name, None))
    }

    fn driver(&self) -> Option<Driver> {
        Some(Driver::Record(self.0.clone()))
    }
}
