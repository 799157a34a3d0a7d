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
    summary: "Make sockets in host a or b of the lab from now on (socket … @HOST says it for one socket); or pull its cable (down), plug it back (up), or crash it: every socket and all TCP state lost without a word on the wire, and back at once with none; or have it delay its ACKs as ordinary hosts do (delayed-ack on; the lab's hosts ACK at once unless told).",
    notes: "Host a has 192.0.2.1 and 2001:db8::1, host b 192.0.2.2 and 2001:db8::2; in \
            addresses, a and b stand for them: bind srv b:80, connect cli b:80.",
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
        cursor.error_at(
            token,
            format!(
                "'{}' is not a host of the lab — the hosts are a and b",
                token.text
            ),
        )
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
    summary: "Read, or set, a TCP or IP setting of one host of the lab (net.ipv4.tcp_syn_retries, tcp_retries2, tcp_fin_timeout, tcp_keepalive_time, tcp_sack, tcp_timestamps, tcp_congestion_control …).",
    notes: "Only the per-host settings listed below, each within its range: every other name \
            is refused, since it may act on the whole machine. Several numbers are written \
            with commas: net.ipv4.tcp_rmem=4096,131072,6291456. The host's value is shown \
            after setting it.",
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
