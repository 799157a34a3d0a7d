//! Random sessions on real loopback sockets: a seeded generator of valid
//! commands — TCP, UDP, unix; connect, accept, send, recv, shutdown, close,
//! options, nonblocking, background calls, watchers, the wire view — run in one session per
//! seed, 5,000 steps in all. Checked: no panic; exactly one step shown per
//! line (background results come as steps of their own); every errno one
//! that call can return (its man page's, or its protocol's); and once the
//! session has quit, the process has the fds it started with.
//!
//! On a failure it prints the seed and the shortest prefix of the session
//! that still fails. `SOCKLAB_SEEDS=7,8 SOCKLAB_STEPS=3000 cargo test --test
//! random_sessions` runs other seeds or longer sessions. In a test binary of
//! its own, so no other test's fds are counted.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::Duration;

use serde_json::Value;
use socklab::runner::{Flow, Format, Runner};
use socklab::session::Session;

const SEEDS: [u64; 5] = [1, 2, 3, 4, 5];
const STEPS_PER_SEED: usize = 1_000;
/// Most handles open at once, and most background jobs started and not
/// yet ended by a close.
const MAX_HANDLES: usize = 16;
const MAX_JOBS: usize = 4;

#[test]
fn random_sessions_on_real_sockets() {
    socklab::sys::install_signal_handlers().unwrap();
    let seeds: Vec<u64> = match std::env::var("SOCKLAB_SEEDS") {
        Ok(list) => list.split(',').map(|s| s.trim().parse().unwrap()).collect(),
        Err(_) => SEEDS.to_vec(),
    };
    let steps = std::env::var("SOCKLAB_STEPS")
        .map(|n| n.parse().unwrap())
        .unwrap_or(STEPS_PER_SEED);
    let dir = tempfile::tempdir().unwrap();
    let mut total = 0;
    for seed in seeds {
        let lines = generate(seed, steps, dir.path());
        if let Err(failure) = run_session(&lines) {
            let shortest = shortest_failing(&lines, &failure);
            let shown = run_session(&shortest)
                .err()
                .map_or(String::new(), |f| format!("\nIn it: {}", f.what));
            panic!(
                "seed {seed} fails at line {}: {}\nthe shortest session found that fails the same way ({} lines; rerun with SOCKLAB_SEEDS={seed}):\n{}{shown}",
                failure.at + 1,
                failure.what,
                shortest.len(),
                shortest.join("\n")
            );
        }
        total += lines.len();
    }
    assert!(total >= 5_000 || std::env::var("SOCKLAB_STEPS").is_ok());
}

struct Failure {
    /// The line (index) where it showed.
    at: usize,
    what: String,
}

/// Runs `lines` then `quit` in a fresh session; checks every step.
fn run_session(lines: &[String]) -> Result<(), Failure> {
    let fds_before = fds();
    let mut runner = Runner::new(
        Session::new(Some(Duration::from_secs(2))).unwrap(),
        Vec::new(),
        Format::Json,
        false,
        false,
    );
    let quit = "quit".to_string();
    let trace = std::env::var_os("SOCKLAB_TRACE").is_some();
    for (at, line) in lines.iter().chain([&quit]).enumerate() {
        if trace {
            eprintln!("{at}: {line}");
        }
        let fail = |what: String| Failure { at, what };
        let start = runner.out().len();
        let flow = catch_unwind(AssertUnwindSafe(|| runner.run_line(line)))
            .map_err(|panic| fail(format!("panic at {line:?}: {}", panic_text(&panic))))?;
        let output = String::from_utf8_lossy(&runner.out()[start..]).into_owned();
        check_step(line, &output).map_err(fail)?;
        if flow == Flow::Stop && line != "quit" {
            return Err(fail(format!("{line:?} stopped the session")));
        }
    }
    drop(runner);
    let fds_after = fds();
    if fds_after != fds_before {
        return Err(Failure {
            at: lines.len(),
            what: format!("fds before: {fds_before:?}\nfds after quit: {fds_after:?}"),
        });
    }
    Ok(())
}

/// The objects one line printed: exactly one is the line's own step; any
/// others are background results. Every errno must be one the call can give.
fn check_step(line: &str, output: &str) -> Result<(), String> {
    let mut own = 0;
    for text in output.lines() {
        let step: Value =
            serde_json::from_str(text).map_err(|e| format!("{line:?}: not JSON ({e}): {text}"))?;
        if step["background"] != "result" {
            own += 1;
            if step["input"] != line {
                return Err(format!("{line:?} printed a step for {}", step["input"]));
            }
            // A foreground call that blocked until the timeout: the
            // generator only makes calls that cannot block.
            if step["error"]
                .as_str()
                .is_some_and(|e| e.starts_with("timeout"))
            {
                return Err(format!("{line:?} blocked: {text}"));
            }
        }
        if let Some(errno) = step["errno"].as_str() {
            let verb = step["verb"].as_str().unwrap_or("?");
            if !possible_errnos(verb).contains(&errno) {
                return Err(format!("{verb} cannot fail with {errno}: {text}"));
            }
        }
    }
    match own {
        1 => Ok(()),
        n => Err(format!("{line:?} printed {n} steps of its own:\n{output}")),
    }
}

/// The errnos each call documents (man 2 CALL, and man 7 tcp/udp/unix/ip
/// for errors a protocol reports through it), plus EINTR for every call
/// that can block (a background job stopped by close or quit). Calls that
/// report the socket's pending error (SO_ERROR) can also give EPIPE: an RST
/// arriving in CLOSE_WAIT sets it (tcp_reset). Calls that
/// report the socket's pending error (SO_ERROR) can also give EPIPE: an RST
/// arriving in CLOSE_WAIT sets it (tcp_reset).
fn possible_errnos(verb: &str) -> &'static [&'static str] {
    match verb {
        "socket" => &[
            "EACCES",
            "EAFNOSUPPORT",
            "EINVAL",
            "EMFILE",
            "ENFILE",
            "ENOBUFS",
            "ENOMEM",
            "EPROTONOSUPPORT",
        ],
        "socketpair" => &[
            "EAFNOSUPPORT",
            "EMFILE",
            "ENFILE",
            "EOPNOTSUPP",
            "EPROTONOSUPPORT",
        ],
        "bind" => &[
            "EACCES",
            "EADDRINUSE",
            "EADDRNOTAVAIL",
            "EAFNOSUPPORT",
            "EINVAL",
            "ENOENT",
            "ENOTDIR",
            "ENAMETOOLONG",
            "EROFS",
            "ENOMEM",
        ],
        "listen" => &["EADDRINUSE", "EINVAL", "EOPNOTSUPP"],
        "accept" => &[
            "EAGAIN",
            "ECONNABORTED",
            "EINTR",
            "EINVAL",
            "EMFILE",
            "ENFILE",
            "ENOBUFS",
            "ENOMEM",
            "EOPNOTSUPP",
            "EPROTO",
        ],
        "connect" => &[
            "EACCES",
            "EPERM",
            "EADDRINUSE",
            "EADDRNOTAVAIL",
            "EAFNOSUPPORT",
            "EAGAIN",
            "EALREADY",
            "ECONNREFUSED",
            "ECONNRESET",
            "EINPROGRESS",
            "EINTR",
            "EISCONN",
            "ENETUNREACH",
            "EPROTOTYPE",
            "ETIMEDOUT",
            "ENOENT",
            "EINVAL",
            "EHOSTUNREACH",
            "ECONNABORTED",
            "EPIPE",
        ],
        "send" | "sendall" | "sendto" => &[
            "EACCES",
            "EAGAIN",
            "EALREADY",
            "ECONNRESET",
            "EDESTADDRREQ",
            "EINTR",
            "EINVAL",
            "EISCONN",
            "EMSGSIZE",
            "ENOBUFS",
            "ENOMEM",
            "ENOTCONN",
            "EOPNOTSUPP",
            "EPIPE",
            "ECONNREFUSED",
            "ENOENT",
            "EAFNOSUPPORT",
            "EADDRNOTAVAIL",
            "ENETUNREACH",
            "EHOSTUNREACH",
            "EPERM",
            "EPROTOTYPE",
        ],
        "recv" | "recvfrom" | "watch" => &[
            "EAGAIN",
            "ECONNREFUSED",
            "ECONNRESET",
            "EINTR",
            "EINVAL",
            "ENOMEM",
            "ENOTCONN",
            "ETIMEDOUT",
            "EOPNOTSUPP",
            "EPIPE",
        ],
        "shutdown" => &["EINVAL", "ENOTCONN"],
        "close" => &["EINTR", "EIO"],
        "setsockopt" | "getsockopt" | "tcpinfo" => {
            &["EINVAL", "ENOPROTOOPT", "EOPNOTSUPP", "EPERM"]
        }
        "getsockname" | "getpeername" => &["EINVAL", "ENOBUFS", "ENOTCONN"],
        "poll" => &["EINTR", "EINVAL", "ENOMEM"],
        "ioctl" => &["EINVAL", "ENOTTY", "EOPNOTSUPP"],
        "nonblock" => &["EINVAL"],
        _ => &[],
    }
}

/// What kind of failure, for shrinking: a smaller session must fail the
/// same way (a removed `nonblock on` making an accept block is another bug).
fn kind(what: &str) -> String {
    if let Some(at) = what.find(" cannot fail with ") {
        // "VERB cannot fail with ERRNO"
        let end = what[at..].find(':').map_or(what.len(), |n| at + n);
        return what[..end].to_string();
    }
    let kinds = [
        ("panic", "panic"),
        ("stopped the session", "stopped"),
        ("fds before", "fd leak"),
        (" blocked: ", "blocked"),
        (" printed ", "steps"),
    ];
    kinds
        .iter()
        .find(|(mark, _)| what.contains(mark))
        .map_or("other", |(_, kind)| kind)
        .to_string()
}

/// The shortest session it can find that still fails the same way: first
/// the shortest failing prefix (halving towards the start), then without
/// each chunk of lines the failure does not need (halving the chunks down
/// to single lines), for at most a minute.
fn shortest_failing(lines: &[String], failure: &Failure) -> Vec<String> {
    let target = kind(&failure.what);
    let fails = |lines: &[String]| run_session(lines).is_err_and(|f| kind(&f.what) == target);
    let mut failing = (failure.at + 1).min(lines.len());
    let mut low = 0;
    while low + 1 < failing {
        let middle = (low + failing) / 2;
        if fails(&lines[..middle]) {
            failing = middle;
        } else {
            low = middle;
        }
    }
    let mut shortest = lines[..failing].to_vec();
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    let mut chunk = shortest.len() / 2;
    while chunk >= 1 && std::time::Instant::now() < deadline {
        let mut start = 0;
        while start < shortest.len() && std::time::Instant::now() < deadline {
            let mut without = shortest.clone();
            without.drain(start..(start + chunk).min(shortest.len()));
            if fails(&without) {
                shortest = without;
            } else {
                start += chunk;
            }
        }
        chunk /= 2;
    }
    shortest
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "(not a string)".into())
}

fn fds() -> Vec<String> {
    let mut fds: Vec<String> = std::fs::read_dir("/proc/self/fd")
        .unwrap()
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let target = std::fs::read_link(entry.path()).ok()?;
            Some(format!(
                "{} -> {}",
                entry.file_name().to_string_lossy(),
                target.display()
            ))
        })
        .collect();
    fds.sort();
    // read_dir's own fd shows up once, with a number that can differ.
    fds.retain(|fd| !fd.contains("/proc/") || !fd.contains("/fd"));
    fds
}

/// What the generator knows of a handle.
#[derive(Clone)]
struct Model {
    name: String,
    kind: &'static str,
    nonblocking: bool,
    listening: bool,
    bound: bool,
    /// A connect was tried on it (the socket is no longer fresh).
    tried_connect: bool,
}

impl Model {
    fn is_tcp(&self) -> bool {
        self.kind.starts_with("tcp")
    }
    fn is_unix(&self) -> bool {
        self.kind.starts_with("unix")
    }
    fn is_datagram(&self) -> bool {
        self.kind.starts_with("udp") || self.kind == "unix-dgram"
    }
    fn loopback(&self, port: u16) -> String {
        match self.kind {
            "tcp6" | "udp6" => format!("[::1]:{port}"),
            _ => format!("127.0.0.1:{port}"),
        }
    }
}

const KINDS: [&str; 7] = ["tcp", "tcp", "udp", "tcp6", "udp6", "unix", "unix-dgram"];
const DATA: [&str; 5] = ["hi", "\"hello\\n\"", "x\"00ff\"", "\"ab\"*40", "\"\""];

/// A session of `steps` lines from `seed`: the same seed, the same lines.
fn generate(seed: u64, steps: usize, dir: &Path) -> Vec<String> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut handles: Vec<Model> = Vec::new();
    let mut next = 0;
    let mut jobs: usize = 0;
    let mut lines = Vec::with_capacity(steps);
    while lines.len() < steps {
        let line = if handles.len() < 2 || (handles.len() < MAX_HANDLES && rng.u8(..8) == 0) {
            next += 1;
            let kind = KINDS[rng.usize(..KINDS.len())];
            let name = format!("h{next}");
            if kind.starts_with("unix") && rng.bool() {
                next += 1;
                let other = format!("h{next}");
                for n in [&name, &other] {
                    handles.push(Model {
                        name: n.clone(),
                        kind,
                        nonblocking: false,
                        listening: false,
                        bound: false,
                        tried_connect: false,
                    });
                }
                format!("{name}, {other} = socketpair {kind}")
            } else {
                handles.push(Model {
                    name: name.clone(),
                    kind,
                    nonblocking: false,
                    listening: false,
                    bound: false,
                    tried_connect: false,
                });
                format!("{name} = socket {kind}")
            }
        } else if handles.len() >= MAX_HANDLES && rng.bool() {
            let index = rng.usize(..handles.len());
            let gone = handles.remove(index);
            jobs = jobs.saturating_sub(1);
            format!("close {}", gone.name)
        } else {
            let index = rng.usize(..handles.len());
            let other = handles[rng.usize(..handles.len())].clone();
            step(
                &mut rng,
                &mut handles,
                index,
                &other,
                dir,
                &mut jobs,
                &mut next,
            )
        };
        lines.push(line);
    }
    lines
}

/// One command on handle `index`; `other` is a second handle it may name.
fn step(
    rng: &mut fastrand::Rng,
    handles: &mut Vec<Model>,
    index: usize,
    other: &Model,
    dir: &Path,
    jobs: &mut usize,
    next: &mut usize,
) -> String {
    let h = handles[index].clone();
    let name = &h.name;
    let data = DATA[rng.usize(..DATA.len())];
    // Calls that could block run in the background (a few at a time), or
    // with MSG_DONTWAIT, or on a nonblocking handle.
    let mut background = |rng: &mut fastrand::Rng| {
        if *jobs < MAX_JOBS && rng.u8(..3) == 0 {
            *jobs += 1;
            " &"
        } else {
            ""
        }
    };
    match rng.u8(..24) {
        0 | 1 => {
            handles[index].bound = true;
            match h.kind {
                "unix" | "unix-dgram" if rng.bool() => {
                    format!("bind {name} @socklab-random-{}", rng.u32(..))
                }
                "unix" | "unix-dgram" => {
                    format!("bind {name} {}/p{}", dir.display(), rng.u32(..1000))
                }
                _ => format!("bind {name} {}", h.loopback(0)),
            }
        }
        2 => {
            handles[index].listening = true;
            format!("listen {name} 128")
        }
        3 => {
            let bg = background(rng);
            if bg.is_empty() && !h.nonblocking {
                // Foreground accept only where it cannot block.
                handles[index].nonblocking = true;
                format!("nonblock {name} on")
            } else {
                *next += 1;
                format!("h{next} = accept {name}{bg}")
            }
        }
        4 | 5 => {
            let bg = background(rng);
            // A blocking TCP connect to a loopback listener does not block
            // (the backlog is 128); unix stream ones could, so: background.
            // Nor may a TCP socket that already tried once: after a failed
            // connect to an IPv4-mapped address, an AF_INET6 socket keeps
            // the IPv4 code, and its next SYN to an IPv6 address goes
            // nowhere (found by this test; connect(2) leaves such a socket
            // unspecified).
            let risky = (h.is_unix() && !h.is_datagram()) || (h.is_tcp() && h.tried_connect);
            if risky && bg.is_empty() && !h.nonblocking {
                handles[index].nonblocking = true;
                format!("nonblock {name} on")
            } else {
                handles[index].tried_connect = true;
                format!("connect {name} {}{bg}", other.name)
            }
        }
        6..=8 => {
            let bg = background(rng);
            if bg.is_empty() && (h.is_unix() || rng.bool()) {
                format!("send {name} {data} dontwait")
            } else {
                format!("send {name} {data}{bg}")
            }
        }
        9 => format!("sendto {name} {} {data} dontwait", other.name),
        10..=12 => {
            let bg = background(rng);
            if bg.is_empty() {
                format!("recv {name} {} dontwait", rng.usize(0..200))
            } else {
                format!("recv {name} 100{bg}")
            }
        }
        13 => format!("recvfrom {name} 64 dontwait"),
        14 => format!(
            "shutdown {name} {}",
            ["read", "write", "both"][rng.usize(..3)]
        ),
        15 => {
            let on = rng.bool();
            handles[index].nonblocking = on;
            format!("nonblock {name} {}", if on { "on" } else { "off" })
        }
        16 => {
            let (option, value) = [
                ("SO_REUSEADDR", "1"),
                ("SO_RCVBUF", "4096"),
                ("SO_SNDBUF", "8192"),
                ("TCP_NODELAY", "1"),
                ("SO_LINGER", "1,0"),
                ("SO_KEEPALIVE", "on"),
                ("IPV6_V6ONLY", "1"),
            ][rng.usize(..7)];
            format!("setsockopt {name} {option} {value}")
        }
        17 => format!(
            "getsockopt {name} {}",
            [
                "SO_ERROR",
                "SO_TYPE",
                "SO_RCVBUF",
                "TCP_NODELAY",
                "SO_ACCEPTCONN"
            ][rng.usize(..5)]
        ),
        18 => format!("poll {name} {} 0", other.name),
        19 => format!("ioctl {name} {}", ["FIONREAD", "SIOCOUTQ"][rng.usize(..2)]),
        20 => match rng.u8(..3) {
            0 if h.is_tcp() => format!("tcpinfo {name}"),
            1 => format!("getpeername {name}"),
            _ => format!("getsockname {name}"),
        },
        21 => {
            if *jobs < MAX_JOBS && rng.bool() {
                *jobs += 1;
                format!("watch {name}")
            } else {
                format!("unwatch {name}")
            }
        }
        // The wire view, on and off now and then (where a packet socket
        // cannot be opened, `wire on` is a usage error: fine too).
        22 => {
            ["ls", "jobs", "wire ladder", "jobs", "wire on", "wire off"][rng.usize(..6)].to_string()
        }
        _ => {
            // Closing a handle ends the jobs using it.
            let gone = handles.remove(index);
            *jobs = jobs.saturating_sub(1);
            format!("close {}", gone.name)
        }
    }
}
