//! `wait [JOB]`: block until a background job ends (the driver does it,
//! showing what the jobs produce as it waits).

use super::action::{Action, Driver, boxed};
use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::Step;

pub const WAIT: Spec = Spec {
    name: "wait",
    usage: "wait [JOB|NAME]",
    syscall: "",
    errnos: &[],
    args: &[Arg::Job],
    creates: 0,
    group: Group::Background,
    background: false,
    parse: |c| boxed(Wait::parse(c)),
};

#[derive(Debug, Clone)]
pub enum Wait {
    /// A job by number, or every background call.
    Job(Option<u32>),
    /// A program `spawn` started, by name.
    Program(String),
}

impl Wait {
    /// Parses `wait`'s optional job number (`1` or `%1`) or program name.
    pub fn parse(cursor: &mut Cursor) -> Result<Wait, UsageError> {
        let wait = match cursor.peek() {
            Some(token) => {
                let text = token.text.trim_start_matches('%').to_string();
                let column = token.column;
                cursor.word("JOB")?;
                match text.parse::<u32>() {
                    Ok(job) if job > 0 => Wait::Job(Some(job)),
                    _ if !token.text.starts_with('%')
                        && crate::parse::check_handle_name(&text).is_ok() =>
                    {
                        Wait::Program(text)
                    }
                    _ => {
                        return Err(UsageError::at(
                            column,
                            crate::worded!("error-not-a-job", word = text),
                        ));
                    }
                }
            }
            None => Wait::Job(None),
        };
        cursor.finish()?;
        Ok(wait)
    }
}

impl Action for Wait {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        let _ = session;
        Ok(Step::new(WAIT.name, None))
    }

    fn driver(&self) -> Option<Driver> {
        Some(match self {
            Wait::Job(job) => Driver::Wait(*job),
            Wait::Program(name) => Driver::WaitProgram(name.clone()),
        })
    }
}
