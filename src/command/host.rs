//! `host HOST`: the lab host new sockets are made in (see `crate::lab`).

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::lab::Host;
use crate::parse::Cursor;
use crate::session::{HostAction, Session};
use crate::step::{Line, Step};

pub const SPEC: Spec = Spec {
    name: "host",
    usage: "host a|b [down|up|crash|delayed-ack on|off]",
    syscall: "",
    errnos: &[],
    args: &[Arg::LabHost],
    creates: 0,
    group: Group::Lab,
    background: false,
    parse: |c| boxed(SetHost::parse(c)),
};

#[derive(Debug, Clone)]
pub struct SetHost(Host, Option<HostAction>);

/// `a` or `b`.
pub fn parse_host(cursor: &mut Cursor) -> Result<Host, UsageError> {
    let token = cursor.word("HOST")?;
    Host::from_name(token.text).ok_or_else(|| {
        cursor.error_at(token, crate::worded!("error-not-a-host", name = token.text))
    })
}

impl SetHost {
    pub fn parse(cursor: &mut Cursor) -> Result<SetHost, UsageError> {
        let host = parse_host(cursor)?;
        let action = match cursor.peek() {
            Some(_) => Some(
                match cursor.keyword("host action", &["down", "up", "crash", "delayed-ack"])? {
                    0 => HostAction::Down,
                    1 => HostAction::Up,
                    2 => HostAction::Crash,
                    _ => HostAction::DelayedAck(
                        cursor.keyword("delayed-ack setting", &["on", "off"])? == 0,
                    ),
                },
            ),
            None => None,
        };
        cursor.finish()?;
        Ok(SetHost(host, action))
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(SPEC.name, None);
        if let Some(action) = self.1 {
            let mut changes = Vec::new();
            step.lines
                .extend(session.lab_host_action(self.0, action, &mut changes)?);
            step.changes = changes;
            return Ok(step);
        }
        session.set_default_host(self.0)?;
        step.lines.push(Line::DefaultHost(self.0));
        Ok(step)
    }
}

pub const SYSCTL: Spec = Spec {
    name: "sysctl",
    usage: "sysctl a|b NAME[=VALUE]",
    syscall: "",
    errnos: &[],
    args: &[Arg::LabHost],
    creates: 0,
    group: Group::Lab,
    background: false,
    parse: |c| boxed(Sysctl::parse(c)),
};

#[derive(Debug, Clone)]
pub struct Sysctl {
    host: Host,
    name: String,
    value: Option<String>,
}

impl Sysctl {
    pub fn parse(cursor: &mut Cursor) -> Result<Sysctl, UsageError> {
        let host = parse_host(cursor)?;
        let token = cursor.word("NAME[=VALUE]")?;
        let (name, value) = match token.text.split_once('=') {
            Some((name, value)) => (name.to_string(), Some(value.to_string())),
            None => (token.text.to_string(), None),
        };
        cursor.finish()?;
        Ok(Sysctl { host, name, value })
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(SYSCTL.name, None);
        let value = session.lab_sysctl(self.host, &self.name, self.value.as_deref())?;
        step.value = Some(Box::new(serde_json::json!(value)));
        step.lines.push(Line::Sysctl {
            host: self.host,
            name: self.name,
            value,
        });
        Ok(step)
    }
}

impl Action for SetHost {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }
}

impl Action for Sysctl {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }
}
