//! `clear`: clear the screen (the shell does it; elsewhere nothing).

use super::action::{Action, boxed};
use super::{Group, Spec};
use crate::error::UsageError;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::Step;

pub const CLEAR: Spec = Spec {
    name: "clear",
    usage: "clear",
    syscall: "",
    errnos: &[],
    args: &[],
    creates: 0,
    group: Group::Session,
    background: false,
    parse: |c| boxed(Clear::parse(c)),
};

#[derive(Debug, Clone)]
pub struct Clear;

impl Clear {
    pub fn parse(cursor: &mut Cursor) -> Result<Clear, UsageError> {
        cursor.finish()?;
        Ok(Clear)
    }
}

impl Action for Clear {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        let _ = session;
        let mut step = Step::new(CLEAR.name, None);
        step.clear_screen = true;
        Ok(step)
    }
}
