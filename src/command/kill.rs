//! `kill NAME [SIGNAL]`: signal a program `spawn` started.

use nix::sys::signal::Signal;

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::Step;

/// The signals `kill` takes (with or without `SIG`), completion's words.
const SIGNALS: &[&str] = &[
    "SIGTERM", "SIGKILL", "SIGINT", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGSTOP", "SIGCONT",
];

pub const SPEC: Spec = Spec {
    name: "kill",
    usage: "kill NAME [SIGNAL]",
    syscall: "kill(2)",
    errnos: &[],
    args: &[Arg::Words(&[]), Arg::Words(SIGNALS)],
    creates: 0,
    group: Group::Background,
    background: false,
    parse: |c| boxed(Kill::parse(c)),
};

#[derive(Debug, Clone)]
pub struct Kill {
    name: String,
    signal: Signal,
}

impl Kill {
    pub fn parse(cursor: &mut Cursor) -> Result<Kill, UsageError> {
        let name = cursor.word("NAME")?.text.to_string();
        let signal = match cursor.peek() {
            None => Signal::SIGTERM,
            Some(_) => {
                let token = cursor.word("SIGNAL")?;
                let upper = token.text.to_ascii_uppercase();
                let full = match upper.starts_with("SIG") {
                    true => upper,
                    false => format!("SIG{upper}"),
                };
                match SIGNALS.iter().find(|s| **s == full) {
                    Some(s) => s.parse().map_err(|_| bad_signal(cursor, token))?,
                    None => return Err(bad_signal(cursor, token)),
                }
            }
        };
        cursor.finish()?;
        Ok(Kill { name, signal })
    }
}

fn bad_signal(cursor: &Cursor, token: &crate::parse::Token<'_>) -> UsageError {
    cursor.error_at(
        token,
        crate::worded!(
            "error-not-a-signal",
            word = crate::safe_text::escape(token.text).to_string(),
            signals = SIGNALS.join(", ")
        ),
    )
}

impl Action for Kill {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        let mut step = Step::new(SPEC.name, None);
        let line = session.signal_program(&self.name, self.signal)?;
        step.lines.push(line);
        Ok(step)
    }
}
