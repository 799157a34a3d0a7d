//! `use H`: make a handle the current one (no system call).

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::{Line, Step};

pub const USE: Spec = Spec {
    name: "use",
    usage: "use H",
    syscall: "",
    errnos: &[],
    args: &[Arg::Handle],
    creates: 0,
    group: Group::Session,
    background: false,
    parse: |c| boxed(UseHandle::parse(c)),
};

#[derive(Debug, Clone)]
pub struct UseHandle(String);

impl UseHandle {
    pub fn parse(cursor: &mut Cursor) -> Result<UseHandle, UsageError> {
        let handle = cursor.required_handle("H")?;
        cursor.finish()?;
        Ok(UseHandle(handle))
    }
}

impl Action for UseHandle {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        let name = self.0;
        session.set_current(&name);
        let mut step = Step::new(USE.name, Some(name.clone()));
        step.lines.push(Line::Current(name));
        Ok(step)
    }
}
