//! `wire on|off|summary|save FILE|graph [H] [send|recv] FILE.svg`: the wire
//! view — the segments each step puts on the loopback wire, under the call
//! that caused them (see `crate::wire`) — and what it keeps, as a pcap file
//! or as a time-sequence graph (`crate::diagram::time_sequence`).

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::diagram::time_sequence::{self, Clock, Direction, Graph};
use crate::error::{Text, UsageError};
use crate::parse::Cursor;
use crate::safe_file::Existing;
use crate::session::Session;
use crate::step::{Line, Saved, Step, WireView};
use crate::wire::Look;

pub const SPEC: Spec = Spec {
    name: "wire",
    usage: "wire on|off|summary|ladder [--ascii]|save FILE [--force]|graph [H] [send|recv] FILE.svg [--force]",
    syscall: "socket(2) AF_PACKET",
    errnos: &["EPERM"],
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
    Ladder {
        ascii: bool,
    },
    Save {
        path: PathBuf,
        force: bool,
    },
    Graph {
        handle: String,
        way: Option<Way>,
        path: PathBuf,
        force: bool,
    },
}

/// Which way of the connection `wire graph` draws: what H sends, or receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Way {
    Send,
    Recv,
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
const SETTINGS: [&str; 6] = ["on", "off", "summary", "ladder", "save", "graph"];

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
            4 => {
                let path = PathBuf::from(cursor.path("FILE")?);
                Wire::Save {
                    path,
                    force: force(cursor)?,
                }
            }
            _ => {
                let handle = cursor.handle_before(1)?;
                let way = match cursor.peek().map(|token| token.text) {
                    Some("send") if cursor.remaining() > 1 => Some(Way::Send),
                    Some("recv") if cursor.remaining() > 1 => Some(Way::Recv),
                    _ => None,
                };
                if way.is_some() {
                    cursor.keyword("send or recv", &["send", "recv"])?;
                }
                let path = PathBuf::from(cursor.path("FILE.svg")?);
                Wire::Graph {
                    handle,
                    way,
                    path,
                    force: force(cursor)?,
                }
            }
        };
        cursor.finish()?;
        Ok(wire)
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        if let Wire::Graph {
            handle,
            way,
            path,
            force,
        } = self
        {
            return graph(session, &handle, way, &path, force);
        }
        let mut step = Step::new(SPEC.name, None);
        match self {
            Wire::On => {
                session
                    .wire_on()
                    .map_err(|e| UsageError::new(Text::display(e)))?;
                step.lines
                    .push(Line::WireView(set_look(session, Look::List)));
            }
            Wire::Ladder { ascii } => {
                session
                    .wire_on()
                    .map_err(|e| UsageError::new(Text::display(e)))?;
                step.lines
                    .push(Line::WireView(set_look(session, Look::Ladder { ascii })));
            }
            Wire::Summary => {
                session
                    .wire_on()
                    .map_err(|e| UsageError::new(Text::display(e)))?;
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
                let capture = saved_frames(session, "save")?;
                let count = create(&path, force)
                    .and_then(|file| capture.save(file))
                    .map_err(|e| cannot_write(&path, &e))?;
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
            Wire::Graph { .. } => {}
        }
        Ok(step)
    }
}

/// `--force` after a file: replace it if it exists.
fn force(cursor: &mut Cursor) -> Result<bool, UsageError> {
    match cursor.peek() {
        Some(token) if token.text == "--force" => {
            cursor.word("--force")?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// The wire log, for a verb that writes it to a file (`save`, `graph`):
/// refused in a lesson, and while the wire view is off.
fn saved_frames<'a>(
    session: &'a Session,
    verb: &str,
) -> Result<&'a crate::wire::Saved, UsageError> {
    if session.is_confined() {
        return Err(UsageError::new(crate::worded!(
            "error-wire-confined",
            verb = verb
        )));
    }
    session
        .saved_frames()
        .ok_or_else(|| UsageError::new(crate::worded!("error-wire-off")))
}

/// A new file at `path` (or the old one replaced, with `force`).
fn create(path: &Path, force: bool) -> std::io::Result<std::fs::File> {
    let existing = match force {
        true => Existing::Replace,
        false => Existing::Refuse,
    };
    crate::safe_file::create(path, existing)
}

fn cannot_write(path: &Path, e: &std::io::Error) -> UsageError {
    UsageError::new(crate::worded!(
        "error-cannot-write",
        name = crate::safe_text::escape(&path.display().to_string()).to_string(),
        reason = crate::error::io_reason(e)
    ))
}

/// `wire graph`: H's connection, one way, from the wire log, as an SVG.
fn graph(
    session: &Session,
    handle: &str,
    way: Option<Way>,
    path: &Path,
    force: bool,
) -> Result<Step, UsageError> {
    let frames = saved_frames(session, "graph")?;
    let found = session.lookup(handle)?;
    let ends = found
        .tuple
        .or_else(|| crate::session::connection_tuple(&found.socket))
        .ok_or_else(|| {
            UsageError::new(crate::worded!("error-graph-no-connection", handle = handle))
        })?;
    let peer = peer_name(session, ends);
    let frames = frames
        .frames()
        .map(|(at, frame, length, fate)| (*at, frame.as_slice(), *length, *fate));
    let segments = time_sequence::of_frames(frames, ends, (handle, &peer));
    let mine = Direction {
        from: handle.to_string(),
        to: peer.clone(),
    };
    let direction = match way {
        Some(Way::Send) => mine,
        Some(Way::Recv) => mine.reversed(),
        None => Direction::busiest(&segments).ok_or_else(|| {
            UsageError::new(crate::worded!(
                "error-graph-no-segment",
                handle = handle,
                from = ends.0.to_string(),
                to = ends.1.to_string()
            ))
        })?,
    };
    let (from, to) = match direction.from == handle {
        true => (ends.0, ends.1),
        false => (ends.1, ends.0),
    };
    let title = crate::t!(
        "diagram-graph-title-time",
        from = direction.from.clone(),
        to = direction.to.clone(),
        near = from.to_string(),
        far = to.to_string()
    );
    let drawn = Graph::of(&segments, &direction, Clock::Seconds, title);
    create(path, force)
        .and_then(|mut file| file.write_all(time_sequence::svg(&drawn).as_bytes()))
        .map_err(|e| cannot_write(path, &e))?;
    let mut step = Step::new(SPEC.name, None);
    step.lines.push(Line::Saved(Saved::Graph {
        from: direction.from.clone(),
        to: direction.to.clone(),
        path: path.display().to_string(),
        data: drawn.data.len(),
        again: drawn.retransmitted(),
        lost: drawn.lost(),
    }));
    Ok(step)
}

/// The name of the connection's other end: the handle whose connection it
/// is, else its address.
fn peer_name(session: &Session, (local, peer): (SocketAddr, SocketAddr)) -> String {
    session
        .handles()
        .find(|h| h.tuple == Some((peer, local)))
        .map_or_else(|| peer.to_string(), |h| h.name.clone())
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
