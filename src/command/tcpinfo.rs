//! `tcpinfo [H]`: getsockopt(TCP_INFO), the kernel's own view of a connection.

use std::os::fd::AsFd;

use serde_json::Value;

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::names::TcpState;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::Step;
use crate::sys;

pub const SPEC: Spec = Spec {
    name: "tcpinfo",
    usage: "tcpinfo [H]",
    syscall: "getsockopt(2) TCP_INFO",
    errnos: &["EOPNOTSUPP"],
    args: &[Arg::Handle],
    creates: 0,
    group: Group::Inspect,
    background: false,
    parse: |c| boxed(Tcpinfo::parse(c)),
};

#[derive(Debug, Clone)]
pub struct Tcpinfo {
    handle: String,
}

impl Tcpinfo {
    pub fn parse(cursor: &mut Cursor) -> Result<Tcpinfo, UsageError> {
        let handle = cursor.handle()?;
        cursor.finish()?;
        Ok(Tcpinfo { handle })
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(SPEC.name, Some(self.handle.clone()));
        let handle = session.lookup(&self.handle)?;
        let call = format!("getsockopt({}, IPPROTO_TCP, TCP_INFO)", self.handle);
        let result = sys::tcp_info(handle.socket.as_fd());
        if let Ok(info) = &result {
            let fields: [(&str, Value); 16] = [
                ("state", TcpState(info.tcpi_state).name().into()),
                ("retransmits", info.tcpi_retransmits.into()),
                ("backoff", info.tcpi_backoff.into()),
                ("probes", info.tcpi_probes.into()),
                ("rto_us", info.tcpi_rto.into()),
                ("ato_us", info.tcpi_ato.into()),
                ("snd_mss", info.tcpi_snd_mss.into()),
                ("rcv_mss", info.tcpi_rcv_mss.into()),
                ("unacked", info.tcpi_unacked.into()),
                ("lost", info.tcpi_lost.into()),
                ("rtt_us", info.tcpi_rtt.into()),
                ("rttvar_us", info.tcpi_rttvar.into()),
                ("snd_cwnd", info.tcpi_snd_cwnd.into()),
                ("snd_ssthresh", info.tcpi_snd_ssthresh.into()),
                ("rcv_space", info.tcpi_rcv_space.into()),
                ("total_retrans", info.tcpi_total_retrans.into()),
            ];
            for (name, value) in fields {
                step.field(name, value);
            }
        }
        if result.is_ok()
            && let Some(rtt) = session.inflated_rtt_note(handle.socket.as_fd())
        {
            step.notes
                .push(crate::step::Note::InflatedRtt { handle: None, rtt });
        }
        step.called(call, result.map(|_| 0));
        session.set_current(&self.handle);
        Ok(step)
    }
}

impl Action for Tcpinfo {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }
}
