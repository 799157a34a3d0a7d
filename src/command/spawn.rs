//! `spawn [@HOST] [NAME =] CMD ARGS…`: start a program in socklab's own
//! network, its output shown marked between steps.

use super::action::{Action, boxed};
use super::{Group, Spec};
use crate::error::{Text, UsageError};
use crate::lab::Host;
use crate::parse::{Cursor, TokenKind, check_handle_name};
use crate::session::Session;
use crate::step::Step;

pub const SPEC: Spec = Spec {
    name: "spawn",
    usage: "spawn [@HOST] [NAME =] CMD ARGS…",
    syscall: "fork(2), execve(2)",
    errnos: &[],
    args: &[],
    creates: 0,
    group: Group::Background,
    background: false,
    parse: |c| boxed(Spawn::parse(c)),
};

#[derive(Debug, Clone)]
pub struct Spawn {
    host: Option<Host>,
    name: Option<String>,
    argv: Vec<Vec<u8>>,
}

impl Spawn {
    pub fn parse(cursor: &mut Cursor) -> Result<Spawn, UsageError> {
        let mut host = None;
        if let Some(token) = cursor.peek()
            && token.kind == TokenKind::Word
            && let Some(name) = token.text.strip_prefix('@')
        {
            host = Some(Host::from_name(name).ok_or_else(|| {
                cursor.error_at(token, crate::worded!("error-not-a-host", name = name))
            })?);
            cursor.word("@HOST")?;
        }
        let tokens = cursor.rest();
        let named = tokens.len() >= 2 && tokens[1].kind == TokenKind::Word && tokens[1].text == "=";
        let (name, command) = match named {
            true => {
                check_handle_name(tokens[0].text)
                    .map_err(|bad| cursor.error_at(&tokens[0], Text::display(bad)))?;
                (Some(tokens[0].text.to_string()), &tokens[2..])
            }
            false => (None, tokens),
        };
        if command.is_empty() {
            return Err(UsageError::new(crate::worded!(
                "error-spawn-missing-command",
                usage = SPEC.usage
            )));
        }
        let argv = command.iter().map(|t| t.bytes.to_vec()).collect();
        cursor.finish()?;
        Ok(Spawn { host, name, argv })
    }
}

impl Action for Spawn {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        let mut step = Step::new(SPEC.name, None);
        let started = session.start_program(self.host, self.name.as_deref(), self.argv)?;
        step.lines.push(started);
        Ok(step)
    }
}
