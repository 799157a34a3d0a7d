//! `quit` and `exit`: close every handle and end the session (the driver
//! does it).

use super::action::{Action, Driver, boxed};
use super::{Group, Spec};
use crate::error::UsageError;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::Step;

pub const QUIT: Spec = Spec {
    name: "quit",
    usage: "quit",
    syscall: "",
    errnos: &[],
    args: &[],
    creates: 0,
    group: Group::Session,
    background: false,
    parse: |c| boxed(Quit::parse(QUIT.name, c)),
};

pub const EXIT: Spec = Spec {
    name: "exit",
    usage: "exit",
    syscall: "",
    errnos: &[],
    args: &[],
    creates: 0,
    group: Group::Session,
    background: false,
    parse: |c| boxed(Quit::parse(EXIT.name, c)),
};

#[derive(Debug, Clone)]
pub struct Quit(&'static str);

impl Quit {
    pub fn parse(verb: &'static str, cursor: &mut Cursor) -> Result<Quit, UsageError> {
        cursor.finish()?;
        Ok(Quit(verb))
    }
}

impl Action for Quit {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        let _ = session;
        Ok(Step::new(self.0, None))
    }

    fn driver(&self) -> Option<Driver> {
        Some(Driver::Quit)
    }
}
