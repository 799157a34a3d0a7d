//! `wire on|off|summary|save FILE`: the wire view — the segments each step puts on
//! the loopback wire, under the call that caused them (see `crate::wire`).

use std::path::PathBuf;

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::parse::Cursor;
use crate::safe_file::Existing;
use crate::session::Session;
use crate::step::{Line, Saved, Step, WireView};
use crate::wire::Look;

pub const SPEC: Spec = Spec {
    name: "wire",
    usage: "wire on|off|summary|ladder [--ascii]|save FILE [--force]",
    syscall: "socket(2) AF_PACKET",
    summary: "Show, under each step, the TCP segments and UDP datagrams it put on the loopback wire (on) or a line per direction for bulk traffic (summary: segments, bytes, sequence range, retransmissions), stop (off), or write what was shown as a pcap file for Wireshark or tshark (save FILE).",
    notes: "Ends are named by handle; sequence numbers count from each side's SYN, as tcpdump \
            and Wireshark show them. Segments that arrive between steps (a delayed ACK, the \
            peer's FIN) are marked `(+43 ms, between steps)`: shown as they happen while \
            socklab waits for a line, else with the next step; what came well after a call \
            began is marked `(+100 ms)`. A packet socket needs CAP_NET_RAW: run as root, \
            or socklab --sandbox. `socklab --wire` starts with it on. `wire save` never \
            follows a symbolic link and never replaces a file unless given --force; a lesson \
            (socklab test, play) may not save at all. In the lab it writes every frame that \
            reached the link (the last 4 MiB), once each, as it arrived; a frame the kernel \
            passed is kept by its first 192 bytes, with its whole length recorded.",
    errnos: &[(
        "EPERM",
        "no CAP_NET_RAW: run as root, or in socklab --sandbox",
    )],
    args: &[Arg::Words(&SETTINGS), Arg::File],
    creates: 0,
    group: Group::Inspect,
    background: false,
    parse: |c| boxed(Wire::parse(c)),
};

#[derive(Debug, Clone)]
pub enum Wire {
    On,
    Off,
    Summary,
    Ladder { ascii: bool },
    Save { path: PathBuf, force: bool },
}

/// Sets the look asked for, unless the command line chose one (`--wire=…`):
/// the wire view as it is now.
fn set_look(session: &mut Session, look: Look) -> WireView {
    match session.set_wire_look(look) {
        true => WireView::On(look),
        false => WireView::Pinned(session.wire_look()),
    }
}

/// What `wire` takes first.
const SETTINGS: [&str; 5] = ["on", "off", "summary", "ladder", "save"];

impl Wire {
    pub fn parse(cursor: &mut Cursor) -> Result<Wire, UsageError> {
        let wire = match cursor.keyword("wire setting", &SETTINGS)? {
            0 => Wire::On,
            1 => Wire::Off,
            2 => Wire::Summary,
            3 => {
                let ascii = match cursor.peek() {
                    Some(token) if token.text == "--ascii" => {
                        cursor.word("--ascii")?;
                        true
                    }
                    _ => false,
                };
                Wire::Ladder {
                    ascii: ascii || !crate::diagram::live::locale_is_utf8(),
                }
            }
            _ => {
                let path = PathBuf::from(cursor.path("FILE")?);
                let force = match cursor.peek() {
                    Some(token) if token.text == "--force" => {
                        cursor.word("--force")?;
                        true
                    }
                    _ => false,
                };
                Wire::Save { path, force }
            }
        };
        cursor.finish()?;
        Ok(wire)
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(SPEC.name, None);
        match self {
            Wire::On => {
                session
                    .wire_on()
                    .map_err(|e| UsageError::new(e.to_string()))?;
                step.lines
                    .push(Line::WireView(set_look(session, Look::List)));
            }
            Wire::Ladder { ascii } => {
                session
                    .wire_on()
                    .map_err(|e| UsageError::new(e.to_string()))?;
                step.lines
                    .push(Line::WireView(set_look(session, Look::Ladder { ascii })));
            }
            Wire::Summary => {
                session
                    .wire_on()
                    .map_err(|e| UsageError::new(e.to_string()))?;
                step.lines
                    .push(Line::WireView(set_look(session, Look::Summary)));
            }
            Wire::Off => {
                let view = match session.wire_off() {
                    true => WireView::Off,
                    false => WireView::WasNotOn,
                };
                step.lines.push(Line::WireView(view));
            }
            Wire::Save { path, force } => {
                if session.is_confined() {
                    return Err(UsageError::new(
                        "a lesson may not write files: wire save is refused in socklab test \
                         and play — to save the capture, run the file as your own script: \
                         socklab run FILE",
                    ));
                }
                let capture = session.saved_frames().ok_or_else(|| {
                    UsageError::new("the wire view is off: nothing was captured — wire on first")
                })?;
                let existing = if force {
                    Existing::Replace
                } else {
                    Existing::Refuse
                };
                let count = crate::safe_file::create(&path, existing)
                    .and_then(|file| capture.save(file))
                    .map_err(|e| {
                        UsageError::new(format!(
                            "cannot write '{}': {}",
                            crate::safe_text::escape(&path.display().to_string()),
                            crate::error::io_reason(&e)
                        ))
                    })?;
                step.lines.push(Line::Saved(Saved::Frames {
                    count,
                    path: path.display().to_string(),
                }));
                let dropped = capture.dropped();
                if dropped > 0 {
                    step.lines.push(Line::Saved(Saved::FramesLetGo {
                        dropped,
                        keeps_mib: crate::wire::SAVED_BYTES >> 20,
                    }));
                }
            }
        }
        Ok(step)
    }
}

impl Action for Wire {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }
}
