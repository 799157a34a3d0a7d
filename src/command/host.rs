//! `host HOST`: the lab host new sockets are made in (see `crate::lab`).

use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::lab::Host;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::Step;

pub const SPEC: Spec = Spec {
    name: "host",
    usage: "host a|b",
    syscall: "",
    summary: "Make sockets in host a or b of the lab from now on (socket … @HOST says it for one socket).",
    notes: "Host a has 192.0.2.1 and 2001:db8::1, host b 192.0.2.2 and 2001:db8::2; in \
            addresses, a and b stand for them: bind srv b:80, connect cli b:80.",
    errnos: &[],
    args: &[Arg::LabHost],
    creates: 0,
    group: Group::Lab,
    background: false,
};

#[derive(Debug)]
pub struct SetHost(Host);

impl SetHost {
    pub fn parse(cursor: &mut Cursor) -> Result<SetHost, UsageError> {
        let token = cursor.word("HOST")?;
        let host = Host::from_name(token.text).ok_or_else(|| {
            cursor.error_at(
                token,
                format!(
                    "'{}' is not a host of the lab — the hosts are a and b",
                    token.text
                ),
            )
        })?;
        cursor.finish()?;
        Ok(SetHost(host))
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        session.set_default_host(self.0)?;
        let mut step = Step::new(SPEC.name, None);
        step.lines.push(format!(
            "new sockets are made in host {} ({})",
            self.0.name(),
            self.0.ipv4()
        ));
        Ok(step)
    }
}
