//! `play NAME|NN`: a lesson played from the shell, as `socklab play` plays
//! it — in a process and a private network of its own, Enter for each
//! step — and then this session goes on, its handles untouched (the
//! driver does it: the library lives above the verbs).

use super::action::{Action, Driver, boxed};
use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::Step;

pub const SPEC: Spec = Spec {
    name: "play",
    usage: "play NAME|NN|FILE",
    syscall: "",
    errnos: &[],
    args: &[Arg::Lesson],
    creates: 0,
    group: Group::Session,
    background: false,
    parse: |c| boxed(Play::parse(c)),
};

#[derive(Debug, Clone)]
pub struct Play(String);

impl Play {
    pub fn parse(cursor: &mut Cursor) -> Result<Play, UsageError> {
        let lesson = cursor.path("NAME")?;
        cursor.finish()?;
        Ok(Play(lesson))
    }
}

impl Action for Play {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        _session: &mut Session,
    ) -> Result<Step, UsageError> {
        Ok(Step::new(SPEC.name, None))
    }

    fn driver(&self) -> Option<Driver> {
        Some(Driver::Play(self.0.clone()))
    }

    fn waits(&self) -> bool {
        true
    }
}
