//! A transcript entry read into a program's step: the command's verb and
//! names (`parse::split_line_in`), the call line socklab printed under it
//! (`connect(cli, 127.0.0.1:[PORT1]) = 0`: the arguments resolved), and
//! the lines that tell what came back (data, ports, poll's events, a
//! value). Owns reading those lines; not how a program is written.

use std::collections::HashMap;

use super::{Action, AwaitWhat, JobEnd, Step, Why};
use crate::encoding::Encoding;
use crate::transcript_format::Entry;

/// A call as socklab made it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    pub op: Op,
    /// The handle it is made on ("" for socket and socketpair).
    pub handle: String,
    /// The handles it creates (socket, socketpair, accept).
    pub names: Vec<String>,
    /// The call line as socklab showed it, without its result.
    pub text: String,
}

/// The system call, its arguments resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    Socket {
        family: String,
        kind: String,
    },
    Socketpair {
        family: String,
        kind: String,
    },
    Bind(Addr),
    Listen(i64),
    Connect(Addr),
    Accept,
    Send {
        data: Vec<u8>,
        flags: Vec<String>,
    },
    Sendall {
        data: Vec<u8>,
    },
    Sendto {
        data: Vec<u8>,
        flags: Vec<String>,
        to: Addr,
    },
    Recv {
        size: usize,
        flags: Vec<String>,
    },
    Recvfrom {
        size: usize,
        flags: Vec<String>,
    },
    Recvall {
        size: usize,
    },
    Shutdown(String),
    Close,
    Setsockopt {
        level: String,
        name: String,
        value: OptValue,
    },
    Getsockopt {
        level: String,
        name: String,
    },
    Nonblock(bool),
    Poll {
        handles: Vec<String>,
        timeout_ms: i64,
    },
    Ioctl(String),
    Getsockname,
    Getpeername,
}

/// A setsockopt value as the call line shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptValue {
    Int(i64),
    Linger { on: i64, seconds: i64 },
    Timeval { seconds: i64, micros: i64 },
}

/// An address in a call or a result line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Addr {
    Inet {
        host: String,
        port: Port,
        v6: bool,
    },
    /// A path in the file system.
    Unix(String),
    /// Linux's abstract namespace (`@name`).
    Abstract(String),
    /// An unnamed socket (a socketpair's, an unbound client's).
    Unnamed,
}

/// A port: a number, or one the kernel chose (`[PORT1]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Port {
    Number(u16),
    Placeholder(u32),
}

/// A call's return value as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ret {
    /// A new file descriptor (`[FD1]`): any will do.
    Fd,
    Value(i64),
    Errno(String),
}

/// What a call is expected to give.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    pub ret: Ret,
    /// Received bytes: the bytes shown, and whether they are all.
    pub data: Option<(Vec<u8>, bool)>,
    /// Ports the kernel chose that this call shows first or again:
    /// (placeholder number, which line: bound, peer, from, local, listening on).
    pub ports: Vec<(u32, String)>,
    /// Addresses the result shows, by line (`peer`, `from`, `local`, `bound`).
    pub addrs: Vec<(String, Addr)>,
    /// getsockopt's or ioctl's `value:` text.
    pub value: Option<String>,
    /// poll's events per handle (`-` none).
    pub events: Vec<(String, Vec<String>)>,
    /// The handles the call created, as socklab named them.
    pub new_handles: Vec<String>,
}

impl Expected {
    pub(crate) fn new(ret: Ret) -> Expected {
        Expected {
            ret,
            data: None,
            ports: Vec::new(),
            addrs: Vec::new(),
            value: None,
            events: Vec::new(),
            new_handles: Vec::new(),
        }
    }
}

/// Verbs of the network lab: no counterpart in a program on one host.
const LAB_VERBS: &[&str] = &[
    "host", "link", "hold", "deliver", "drop", "dup", "corrupt", "sysctl", "held", "crash",
    "reboot", "tap",
];
/// socklab's own views and bookkeeping: no call of the program's.
const SOCKLAB_VERBS: &[&str] = &[
    "ls", "jobs", "help", "wire", "record", "use", "source", "clear", "diagram", "history", "lang",
];

/// Reads entries in order, keeping what later entries need: the session's
/// encoding, and which names each background job will create.
pub(super) struct Reader {
    encoding: &'static Encoding,
    job_names: HashMap<u32, Vec<String>>,
}

impl Reader {
    pub(super) fn new(encoding: &'static Encoding) -> Reader {
        Reader {
            encoding,
            job_names: HashMap::new(),
        }
    }

    pub(super) fn step(&mut self, entry: &Entry, narration: Vec<String>) -> Step {
        let blocks = blocks(&entry.expected);
        let action = self.action(entry, &blocks);
        let skip_first = matches!(
            action,
            Action::Call(..) | Action::StopThenClose { .. } | Action::Quit { .. }
        );
        let mut after = Vec::new();
        for (index, block) in blocks.iter().enumerate() {
            if index == 0 && skip_first {
                continue;
            }
            if let Some((Some(job), call, expected)) = self.call_block(block, &[]) {
                let names = self.job_names.get(&job).cloned().unwrap_or_default();
                after.push(JobEnd {
                    job,
                    call: Call {
                        names: names.clone(),
                        ..call
                    },
                    expected,
                    names,
                });
            }
        }
        Step {
            line: entry.line,
            command: entry.command.clone(),
            narration,
            action,
            after,
        }
    }

    fn action(&mut self, entry: &Entry, blocks: &[Block]) -> Action {
        if let Some(message) = super::is_entry_refused(entry) {
            return Action::Comment(Why::Refused(message));
        }
        let split = match crate::parse::split_line_in(&entry.command, self.encoding) {
            Ok(Some(split)) => split,
            Ok(None) => return Action::Comment(Why::SocklabOnly),
            Err(error) => return Action::Comment(Why::Refused(error.to_string())),
        };
        let words: Vec<&str> = split.tokens.iter().map(|t| t.text).collect();
        let Some(&verb) = words.first() else {
            return Action::Comment(Why::SocklabOnly);
        };
        // Only these create handles; a receive's name (`data = recv conn`)
        // keeps its bytes, and the call line shows what a later `$data` sent.
        let names: Vec<String> = match verb {
            "socket" | "socketpair" | "accept" => {
                split.names.iter().map(|(n, _)| n.clone()).collect()
            }
            _ => Vec::new(),
        };
        let head = blocks.first().map(|b| b.head.as_str()).unwrap_or("");
        match verb {
            "encoding" => match words.get(1).map(|w| crate::encoding::by_name(w)) {
                Some(Ok(encoding)) => {
                    self.encoding = encoding;
                    Action::Encoding(encoding)
                }
                _ => Action::Comment(Why::SocklabOnly),
            },
            "await" => await_action(&words, head, blocks.first().map_or(&[][..], |b| &b.rest)),
            "watch" => match (job_number(head), words.get(1).filter(|h| is_handle(h))) {
                (Some(job), Some(handle)) => Action::Watch {
                    job,
                    handle: handle.to_string(),
                },
                _ => Action::Comment(Why::SocklabOnly),
            },
            "unwatch" => match words.get(1).filter(|h| is_handle(h)) {
                Some(handle) => Action::Unwatch {
                    handle: handle.to_string(),
                    job: job_number(head),
                },
                None => Action::Comment(Why::SocklabOnly),
            },
            "wait" => Action::Wait,
            "quit" | "exit" => Action::Quit {
                closed: closed_list(&entry.expected),
            },
            "tcpinfo" | "drain" | "sample" => Action::Comment(Why::NoCounterpart),
            v if LAB_VERBS.contains(&v) => Action::Comment(Why::Lab),
            v if SOCKLAB_VERBS.contains(&v) => Action::Comment(Why::SocklabOnly),
            _ if split.background.is_some() => match job_number(head) {
                Some(job) => {
                    self.job_names.insert(job, names.clone());
                    Action::Start {
                        job,
                        call: command_call(&words, names),
                    }
                }
                None => Action::Comment(Why::SocklabOnly),
            },
            _ => match blocks
                .first()
                .and_then(|b| self.call_block(b, &split.tokens))
            {
                Some((None, call, expected)) => {
                    let call = Call { names, ..call };
                    let stopped = stopped_jobs(&blocks[0].rest);
                    if stopped.is_empty() {
                        Action::Call(call, expected)
                    } else {
                        Action::StopThenClose {
                            jobs: stopped,
                            call,
                            expected,
                        }
                    }
                }
                _ => Action::Comment(Why::NoCounterpart),
            },
        }
    }

    /// A block headed by a call line: its job (if a background result), the call and its result.
    fn call_block(
        &self,
        block: &Block,
        tokens: &[crate::parse::Token<'_>],
    ) -> Option<(Option<u32>, Call, Expected)> {
        let (job, line) = match block.head.strip_prefix('[') {
            Some(rest) => {
                let (number, line) = rest.split_once("] ")?;
                (Some(number.parse().ok().filter(|n| *n <= MAX_JOB)?), line)
            }
            None => (None, block.head.as_str()),
        };
        let (call_text, result) = line.rsplit_once(") = ")?;
        let (name, args) = call_text.split_once('(')?;
        let args = split_args(args);
        let ret = read_ret(result)?;
        let op = self.op(name, &args, tokens).filter(op_is_data)?;
        let handle = match op {
            Op::Socket { .. } | Op::Socketpair { .. } | Op::Poll { .. } => String::new(),
            _ => args.first().filter(|h| is_handle(h))?.clone(),
        };
        if let Ret::Errno(name) = &ret
            && !is_symbol(name)
        {
            return None;
        }
        let mut expected = Expected::new(ret);
        self.read_details(&block.rest, &mut expected);
        let call = Call {
            op,
            handle,
            names: Vec::new(),
            text: format!("{call_text})"),
        };
        Some((job, call, expected))
    }

    fn op(&self, name: &str, args: &[String], tokens: &[crate::parse::Token<'_>]) -> Option<Op> {
        let arg = |i: usize| args.get(i).map(String::as_str).unwrap_or("");
        let int = |i: usize| arg(i).parse::<i64>().ok();
        let flags = |i: usize| -> Vec<String> {
            match arg(i) {
                "0" | "" => Vec::new(),
                f => f.split('|').map(str::to_string).collect(),
            }
        };
        Some(match name {
            "socket" => Op::Socket {
                family: arg(0).into(),
                kind: arg(1).into(),
            },
            "socketpair" => Op::Socketpair {
                family: arg(0).into(),
                kind: arg(1).into(),
            },
            "bind" => Op::Bind(read_addr(arg(1))?),
            "connect" => Op::Connect(read_addr(arg(1))?),
            "listen" => Op::Listen(int(1)?),
            "accept" => Op::Accept,
            "send" => Op::Send {
                data: self.data_arg(arg(1), int(2)?, tokens)?,
                flags: flags(3),
            },
            "sendall" => Op::Sendall {
                data: self.data_arg(arg(1), int(2)?, tokens)?,
            },
            "sendto" => Op::Sendto {
                data: self.data_arg(arg(1), int(2)?, tokens)?,
                flags: flags(3),
                to: read_addr(arg(4))?,
            },
            "recv" => Op::Recv {
                size: arg(1).parse().ok()?,
                flags: flags(2),
            },
            "recvfrom" => Op::Recvfrom {
                size: arg(1).parse().ok()?,
                flags: flags(2),
            },
            "recvall" => Op::Recvall {
                size: arg(1).parse().ok()?,
            },
            "shutdown" => Op::Shutdown(arg(1).into()),
            "close" => Op::Close,
            "setsockopt" => Op::Setsockopt {
                level: arg(1).into(),
                name: arg(2).into(),
                value: read_opt_value(arg(3))?,
            },
            "getsockopt" => Op::Getsockopt {
                level: arg(1).into(),
                name: arg(2).into(),
            },
            "fcntl" => Op::Nonblock(arg(2).contains("O_NONBLOCK")),
            "poll" => Op::Poll {
                handles: split_args(arg(0).trim_start_matches('[').trim_end_matches(']')),
                timeout_ms: int(2)?,
            },
            "ioctl" => Op::Ioctl(arg(1).into()),
            "getsockname" => Op::Getsockname,
            "getpeername" => Op::Getpeername,
            _ => return None,
        })
    }

    /// The bytes a send-like call carried: its shown preview when whole,
    /// else the command's data token of that length (`"x"*1000`).
    fn data_arg(
        &self,
        shown: &str,
        len: i64,
        tokens: &[crate::parse::Token<'_>],
    ) -> Option<Vec<u8>> {
        if !shown.ends_with("...")
            && let Some(bytes) = self.unquote(shown)
            && bytes.len() as i64 == len
        {
            return Some(bytes);
        }
        tokens
            .iter()
            .skip(1)
            .rev()
            .find(|t| t.bytes.len() as i64 == len)
            .map(|t| t.bytes.to_vec())
    }

    /// Shown data (`"a\n\xc4"`) back to its bytes, in the session's encoding.
    fn unquote(&self, shown: &str) -> Option<Vec<u8>> {
        let line = format!("d {shown}");
        let split = crate::parse::split_line_in(&line, self.encoding).ok()??;
        match split.tokens.as_slice() {
            [_, token] if token.kind == crate::parse::TokenKind::Data => Some(token.bytes.to_vec()),
            _ => None,
        }
    }

    fn read_details(&self, lines: &[String], expected: &mut Expected) {
        for line in lines {
            let line = line.trim_start();
            let Some((key, value)) = line.split_once(": ") else {
                continue;
            };
            match key {
                "data" => expected.data = self.read_data(value),
                "value" => expected.value = Some(value.to_string()),
                "new handle" | "new handles" => {
                    expected.new_handles = value
                        .split(", ")
                        .filter(|h| is_handle(h))
                        .map(str::to_string)
                        .collect()
                }
                "bound" | "peer" | "from" | "local" | "listening on" => {
                    if let Some(addr) = read_addr(value) {
                        if let Addr::Inet {
                            port: Port::Placeholder(n),
                            ..
                        } = addr
                        {
                            expected.ports.push((n, key.to_string()));
                        }
                        expected.addrs.push((key.to_string(), addr));
                    }
                }
                handle
                    if is_handle(handle)
                        && (value == "-" || value.starts_with("POLL"))
                        && value.split(' ').all(|e| e == "-" || is_symbol(e))
                        && !matches!(handle, "why" | "note") =>
                {
                    let events = value
                        .split(' ')
                        .filter(|e| *e != "-")
                        .map(str::to_string)
                        .collect();
                    expected.events.push((handle.to_string(), events));
                }
                _ => {}
            }
        }
    }

    /// `"bytes"` or `"first bytes" … (N more bytes)`.
    fn read_data(&self, value: &str) -> Option<(Vec<u8>, bool)> {
        if let Some((shown, _)) = value.rsplit_once(" … (") {
            return Some((self.unquote(shown)?, false));
        }
        if value.contains("[..]") {
            return None;
        }
        Some((self.unquote(value)?, true))
    }
}

/// The highest job number read (socklab's own limit is far below).
const MAX_JOB: u32 = 4096;

/// A word the programs write as a name (`AF_INET`, `SO_REUSEADDR`,
/// `MSG_PEEK`, `ECONNREFUSED`, `POLLIN`): capitals, digits and `_` only —
/// anything else a transcript puts there is not written into a program.
pub(crate) fn is_symbol(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// A handle's name as socklab takes it (a letter, then letters, digits, `_`, `-`).
pub(crate) fn is_handle(word: &str) -> bool {
    crate::parse::check_handle_name(word).is_ok()
}

/// Every name in the call is one a program may hold as code.
fn op_is_data(op: &Op) -> bool {
    let symbols = |words: &[&String]| words.iter().all(|w| is_symbol(w));
    match op {
        Op::Socket { family, kind } | Op::Socketpair { family, kind } => symbols(&[family, kind]),
        Op::Shutdown(how) | Op::Ioctl(how) => is_symbol(how),
        Op::Setsockopt { level, name, .. } | Op::Getsockopt { level, name } => {
            symbols(&[level, name])
        }
        Op::Send { flags, .. }
        | Op::Sendto { flags, .. }
        | Op::Recv { flags, .. }
        | Op::Recvfrom { flags, .. } => flags.iter().all(|f| is_symbol(f)),
        Op::Poll { handles, .. } => handles.iter().all(|h| is_handle(h)),
        _ => true,
    }
}

/// A head line (not indented) and the indented lines under it.
struct Block {
    head: String,
    rest: Vec<String>,
}

fn blocks(lines: &[String]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    for line in lines {
        if line.starts_with(' ') {
            match blocks.last_mut() {
                Some(block) => block.rest.push(line.clone()),
                None => blocks.push(Block {
                    head: String::new(),
                    rest: vec![line.clone()],
                }),
            }
        } else if !line.trim().is_empty() {
            blocks.push(Block {
                head: line.clone(),
                rest: Vec::new(),
            });
        }
    }
    blocks
}

/// `[3] …` → 3.
fn job_number(line: &str) -> Option<u32> {
    line.strip_prefix('[')?
        .split_once(']')?
        .0
        .parse()
        .ok()
        .filter(|n| *n <= MAX_JOB)
}

/// `  stopped job [5], which was using srv` lines.
fn stopped_jobs(lines: &[String]) -> Vec<u32> {
    lines
        .iter()
        .filter_map(|l| l.trim_start().strip_prefix("stopped job "))
        .filter_map(job_number)
        .collect()
}

/// `quit`'s `  closed: a b c`.
fn closed_list(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .filter_map(|l| l.trim_start().strip_prefix("closed: "))
        .flat_map(|l| l.split(' ').filter(|h| is_handle(h)).map(str::to_string))
        .collect()
}

fn await_action(words: &[&str], head: &str, lines: &[String]) -> Action {
    let rest = &words[1..];
    if rest.contains(&"link") {
        return Action::Comment(Why::Lab);
    }
    if rest.contains(&"wire") {
        return Action::AwaitSegment {
            acked: lines.first().and_then(|l| acknowledgment(l)),
        };
    }
    let what = rest.iter().find_map(|w| match *w {
        "readable" => Some(AwaitWhat::Readable),
        "writable" => Some(AwaitWhat::Writable),
        w if w
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
            && w.chars().next().is_some_and(|c| c.is_ascii_uppercase()) =>
        {
            Some(AwaitWhat::State(w.to_string()))
        }
        _ => None,
    });
    let handle = head
        .split([' ', '\''])
        .next()
        .filter(|h| is_handle(h))
        .map(str::to_string);
    match (what, handle) {
        (Some(what), Some(handle)) => Action::Await { handle, what },
        _ => Action::Comment(Why::SocklabOnly),
    }
}

/// A background call as its command says it, for a job whose result the
/// session never showed (its call line would say more): `accept H`,
/// `recv H [N]`, the handle written out.
fn command_call(words: &[&str], names: Vec<String>) -> Option<Call> {
    let handle = words.get(1).filter(|h| is_handle(h))?.to_string();
    let op = match (words.first()?, words.get(2)) {
        (&"accept", None) => Op::Accept,
        (&"recv", None) => Op::Recv {
            size: 1024,
            flags: Vec::new(),
        },
        (&"recv", Some(size)) if words.len() == 3 => Op::Recv {
            size: size.parse().ok()?,
            flags: Vec::new(),
        },
        _ => return None,
    };
    Some(Call {
        op,
        text: format!("{}({handle})", words[0]),
        handle,
        names,
    })
}

/// A segment line `  conn → cli  [ACK] … ack=2048 …`: whom it
/// acknowledges (`cli`) and how much (2048 bytes).
fn acknowledgment(line: &str) -> Option<(String, u64)> {
    let mut words = line.split_whitespace();
    let _from = words.next().filter(|h| is_handle(h))?;
    (words.next()? == "→").then_some(())?;
    let to = words.next().filter(|h| is_handle(h))?;
    let flags = words.next()?;
    if !flags.starts_with('[') || !flags.contains("ACK") || flags.contains("SYN") {
        return None;
    }
    let ack = words.find_map(|w| w.strip_prefix("ack="))?.parse().ok()?;
    Some((to.to_string(), ack))
}

/// Splits `a, "b, c", [d, e]` at its top-level commas.
fn split_args(text: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut current = String::new();
    let (mut depth, mut quoted, mut escaped) = (0i32, false, false);
    for c in text.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '[' | '{' if !quoted => depth += 1,
            ']' | '}' if !quoted => depth -= 1,
            ',' if !quoted && depth == 0 => {
                args.push(current.trim().to_string());
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.trim().is_empty() {
        args.push(current.trim().to_string());
    }
    args
}

fn read_ret(result: &str) -> Option<Ret> {
    if result.starts_with("[FD") {
        return Some(Ret::Fd);
    }
    if let Some(rest) = result.strip_prefix("-1 ") {
        let name = rest.split(' ').next()?;
        if name.starts_with('E') {
            return Some(Ret::Errno(name.to_string()));
        }
    }
    result.split(' ').next()?.parse().ok().map(Ret::Value)
}

pub(super) fn read_addr(text: &str) -> Option<Addr> {
    let text = text.trim();
    if text == "(unnamed)" {
        return Some(Addr::Unnamed);
    }
    if let Some(name) = text.strip_prefix('@') {
        return Some(Addr::Abstract(name.to_string()));
    }
    if text.starts_with('/') {
        return Some(Addr::Unix(text.to_string()));
    }
    let (host, port) = text.rsplit_once(':')?;
    let port = match port.strip_prefix("[PORT") {
        Some(n) => Port::Placeholder(
            n.trim_end_matches(']')
                .parse()
                .ok()
                .filter(|n| *n <= u32::from(u16::MAX))?,
        ),
        None => Port::Number(port.parse().ok()?),
    };
    let (host, v6) = match host.strip_prefix('[') {
        Some(inner) => (inner.trim_end_matches(']'), true),
        None => (host, false),
    };
    // Only an address is written into a program, never other text.
    host.parse::<std::net::IpAddr>().ok()?;
    Some(Addr::Inet {
        host: host.to_string(),
        port,
        v6,
    })
}

fn read_opt_value(text: &str) -> Option<OptValue> {
    if let Some(inner) = text.strip_prefix('{') {
        let fields: Vec<(&str, i64)> = inner
            .trim_end_matches('}')
            .split(", ")
            .filter_map(|f| f.split_once('='))
            .filter_map(|(k, v)| Some((k, v.parse().ok()?)))
            .collect();
        let get = |k: &str| fields.iter().find(|(n, _)| *n == k).map(|(_, v)| *v);
        if let (Some(on), Some(seconds)) = (get("l_onoff"), get("l_linger")) {
            return Some(OptValue::Linger { on, seconds });
        }
        return Some(OptValue::Timeval {
            seconds: get("tv_sec")?,
            micros: get("tv_usec")?,
        });
    }
    text.parse().ok().map(OptValue::Int)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_addresses() {
        let cases = [
            ("127.0.0.1:1234", ("127.0.0.1", Port::Number(1234), false)),
            ("[::1]:[PORT2]", ("::1", Port::Placeholder(2), true)),
            (
                "[::ffff:127.0.0.1]:80",
                ("::ffff:127.0.0.1", Port::Number(80), true),
            ),
        ];
        for (text, want) in cases {
            let (host, port, v6) = want;
            assert_eq!(
                read_addr(text),
                Some(Addr::Inet {
                    host: host.into(),
                    port,
                    v6
                }),
                "{text}"
            );
        }
        assert_eq!(read_addr("@x"), Some(Addr::Abstract("x".into())));
    }

    #[test]
    fn splits_arguments_at_top_level_commas() {
        assert_eq!(
            split_args(r#"a, "b, \"c", [d, e], {x=1, y=2}"#),
            vec!["a", r#""b, \"c""#, "[d, e]", "{x=1, y=2}"]
        );
    }
}
