//! `lessons`: the built-in lessons, by group, from the shell (the driver
//! lists them: the library lives above the verbs).

use super::action::{Action, Driver, boxed};
use super::{Group, Spec};
use crate::error::UsageError;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::Step;

pub const SPEC: Spec = Spec {
    name: "lessons",
    usage: "lessons",
    syscall: "",
    errnos: &[],
    args: &[],
    creates: 0,
    group: Group::Session,
    background: false,
    parse: |c| boxed(Lessons::parse(c)),
};

#[derive(Debug, Clone)]
pub struct Lessons;

impl Lessons {
    pub fn parse(cursor: &mut Cursor) -> Result<Lessons, UsageError> {
        cursor.finish()?;
        Ok(Lessons)
    }
}

impl Action for Lessons {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        _session: &mut Session,
    ) -> Result<Step, UsageError> {
        Ok(Step::new(SPEC.name, None))
    }

    fn driver(&self) -> Option<Driver> {
        Some(Driver::Lessons)
    }
}
