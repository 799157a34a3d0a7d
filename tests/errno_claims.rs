//! Help teaches only what the kernel does: every errno the command table
//! says a verb may meet (`help VERB`, `help ERRNO`, and the `why:` line
//! under a failed call) is produced here on loopback by a real call, and
//! the step's `why` is that very note — or the table below says where else
//! it is shown, or why it cannot be produced here. A new errno claim with
//! neither fails the coverage test.

mod common;

use common::*;
use socklab::command::COMMANDS;

/// How one (verb, errno) claim is checked.
enum Check {
    /// Run the script; the step whose input is `line` fails with the errno.
    Script(&'static str, &'static str),
    /// As Script, with `--timeout 0.2`: a blocked call is interrupted (EINTR).
    Interrupted(&'static str, &'static str),
    /// As Script, as an unprivileged user (nobody, with setpriv, when root).
    Unprivileged(&'static str, &'static str),
    /// Shown elsewhere, or not producible on loopback: why.
    Elsewhere(&'static str),
}

use Check::*;

fn claims() -> Vec<(&'static str, &'static str, Check)> {
    vec![
        (
            "accept",
            "EAGAIN",
            Script(
                "s = socket\nbind s 127.0.0.1:0\nlisten s\nnonblock s on\naccept s",
                "accept s",
            ),
        ),
        (
            "accept",
            "EINVAL",
            Script("s = socket\naccept s", "accept s"),
        ),
        (
            "accept",
            "EINTR",
            Interrupted(
                "s = socket\nbind s 127.0.0.1:0\nlisten s\naccept s",
                "accept s",
            ),
        ),
        (
            "accept",
            "ECONNABORTED",
            Elsewhere(
                "Linux hands a connection reset in the accept queue to accept anyway (recv then meets ECONNRESET); it is not producible on demand",
            ),
        ),
        (
            "bind",
            "EADDRINUSE",
            Elsewhere(
                "the why is chosen by what holds the port (a listener, whose SO_REUSEADDR is missing, UDP): tests/explanations.rs checks each; the table's note stands where no holder is found (AF_UNIX)",
            ),
        ),
        (
            "bind",
            "EACCES",
            Unprivileged("s = socket\nbind s 127.0.0.1:81", "bind s 127.0.0.1:81"),
        ),
        (
            "bind",
            "EADDRNOTAVAIL",
            Script("s = socket\nbind s 192.0.2.1:0", "bind s 192.0.2.1:0"),
        ),
        (
            "bind",
            "EINVAL",
            Script(
                "s = socket\nbind s 127.0.0.1:0\nbind s 127.0.0.1:0",
                "bind s 127.0.0.1:0",
            ),
        ),
        (
            "close",
            "EBADF",
            Elsewhere(
                "socklab forgets a closed handle, so a second close is a usage error, never EBADF",
            ),
        ),
        (
            "connect",
            "ECONNREFUSED",
            Script(
                "a = socket\nbind a 127.0.0.1:0\nb = socket\nconnect b a",
                "connect b a",
            ),
        ),
        (
            "connect",
            "EINPROGRESS",
            Script(
                "srv = socket\nbind srv 127.0.0.1:0\nlisten srv 1\nc1 = socket\nconnect c1 srv\nc2 = socket\nconnect c2 srv\nc3 = socket\nnonblock c3 on\nconnect c3 srv",
                "connect c3 srv",
            ),
        ),
        (
            "connect",
            "EALREADY",
            Script(
                "srv = socket\nbind srv 127.0.0.1:0\nlisten srv 1\nc1 = socket\nconnect c1 srv\nc2 = socket\nconnect c2 srv\nc3 = socket\nnonblock c3 on\nconnect c3 srv\nconnect c3 srv",
                "connect c3 srv",
            ),
        ),
        (
            "connect",
            "EISCONN",
            Script(CONNECTED_AGAIN, "connect cli srv"),
        ),
        (
            "connect",
            "ETIMEDOUT",
            Elsewhere(
                "the SYNs must go unanswered (tcp_syn_retries): tests/whys.rs, in the network lab",
            ),
        ),
        (
            "connect",
            "ENOENT",
            Script(
                "u = socket unix\nconnect u ./no-such.sock",
                "connect u ./no-such.sock",
            ),
        ),
        (
            "connect",
            "EINTR",
            Interrupted(
                "srv = socket\nbind srv 127.0.0.1:0\nlisten srv 1\nc1 = socket\nconnect c1 srv\nc2 = socket\nconnect c2 srv\nc3 = socket\nconnect c3 srv",
                "connect c3 srv",
            ),
        ),
        (
            "getsockname",
            "EBADF",
            Elsewhere("socklab forgets a closed handle: naming it is a usage error"),
        ),
        (
            "getpeername",
            "ENOTCONN",
            Script("s = socket\ngetpeername s", "getpeername s"),
        ),
        (
            "ioctl",
            "EINVAL",
            Script(
                "s = socket\nbind s 127.0.0.1:0\nlisten s\nioctl s FIONREAD",
                "ioctl s FIONREAD",
            ),
        ),
        (
            "listen",
            "EADDRINUSE",
            Script(
                "a = socket\nsetsockopt a SO_REUSEADDR on\nbind a 127.0.0.1:0\nb = socket\nsetsockopt b SO_REUSEADDR on\nbind b a\nlisten a\nlisten b",
                "listen b",
            ),
        ),
        (
            "listen",
            "EOPNOTSUPP",
            Script("u = socket udp\nlisten u", "listen u"),
        ),
        ("listen", "EINVAL", Script(CONNECTED_LISTEN, "listen cli")),
        (
            "nonblock",
            "EBADF",
            Elsewhere("socklab forgets a closed handle: naming it is a usage error"),
        ),
        (
            "poll",
            "EINTR",
            Interrupted(
                "s = socket\nbind s 127.0.0.1:0\nlisten s\npoll s 5000",
                "poll s 5000",
            ),
        ),
        (
            "recv",
            "EAGAIN",
            Script(
                "s = socket udp\nbind s 127.0.0.1:0\nnonblock s on\nrecv s",
                "recv s",
            ),
        ),
        ("recv", "ECONNRESET", Script(RESET, "recv cli")),
        ("recv", "ENOTCONN", Script("s = socket\nrecv s", "recv s")),
        (
            "recv",
            "ETIMEDOUT",
            Elsewhere(
                "the peer must vanish (a lab host down or a lossy link): tests/whys.rs, which checks the why chosen for each cause",
            ),
        ),
        (
            "recv",
            "EINTR",
            Interrupted("s = socket udp\nbind s 127.0.0.1:0\nrecv s", "recv s"),
        ),
        (
            "recvfrom",
            "EAGAIN",
            Script(
                "s = socket udp\nbind s 127.0.0.1:0\nnonblock s on\nrecvfrom s",
                "recvfrom s",
            ),
        ),
        (
            "recvfrom",
            "ECONNREFUSED",
            Script(UDP_REFUSED, "recvfrom u"),
        ),
        (
            "recvfrom",
            "EINTR",
            Interrupted(
                "s = socket udp\nbind s 127.0.0.1:0\nrecvfrom s",
                "recvfrom s",
            ),
        ),
        (
            "recvall",
            "EAGAIN",
            Script(
                "a, b = socketpair\nnonblock b on\nrecvall b 4",
                "recvall b 4",
            ),
        ),
        ("recvall", "ECONNRESET", Script(RESET_ALL, "recvall cli 10")),
        (
            "recvall",
            "ENOTCONN",
            Script("s = socket\nrecvall s 4", "recvall s 4"),
        ),
        (
            "drain",
            "EAGAIN",
            Script("a, b = socketpair\nnonblock b on\ndrain b", "drain b"),
        ),
        ("drain", "ECONNRESET", Script(RESET_DRAIN, "drain cli")),
        (
            "drain",
            "ENOTCONN",
            Script("s = socket\ndrain s", "drain s"),
        ),
        (
            "send",
            "EPIPE",
            Script("s = socket\nsend s hi", "send s hi"),
        ),
        (
            "send",
            "ECONNREFUSED",
            Script(
                "u = socket udp\nconnect u 127.0.0.1:9\nsend u hi\nsend u again",
                "send u again",
            ),
        ),
        (
            "sendall",
            "ECONNREFUSED",
            Script(
                "u = socket udp\nconnect u 127.0.0.1:9\nsend u hi\nsendall u again",
                "sendall u again",
            ),
        ),
        ("send", "ECONNRESET", Script(RESET_SEND, "send cli more")),
        (
            "send",
            "ETIMEDOUT",
            Elsewhere(
                "a connection already given up fails its next send so: the peer must vanish, as in tests/whys.rs",
            ),
        ),
        (
            "sendall",
            "ETIMEDOUT",
            Elsewhere("as send's: the peer must vanish, as in tests/whys.rs"),
        ),
        (
            "send",
            "EAGAIN",
            Script(
                "a, b = socketpair\nnonblock a on\nsend a \"x\"*16000000\nsend a more",
                "send a more",
            ),
        ),
        (
            "send",
            "ENOTCONN",
            Script("u = socket unix\nsend u hi", "send u hi"),
        ),
        (
            "send",
            "EDESTADDRREQ",
            Script("u = socket udp\nsend u hi", "send u hi"),
        ),
        (
            "send",
            "EMSGSIZE",
            Script(
                "u = socket udp\nconnect u 127.0.0.1:9\nsend u \"x\"*70000",
                "send u \"x\"*70000",
            ),
        ),
        (
            "sendall",
            "EPIPE",
            Script("s = socket\nsendall s hi", "sendall s hi"),
        ),
        (
            "sendall",
            "ECONNRESET",
            Script(RESET_SENDALL, "sendall cli more"),
        ),
        (
            "sendall",
            "EAGAIN",
            Script(
                "a, b = socketpair\nnonblock a on\nsendall a \"x\"*16000000",
                "sendall a \"x\"*16000000",
            ),
        ),
        (
            "setsockopt",
            "ENOPROTOOPT",
            Script(
                "u = socket udp\nsetsockopt u TCP_NODELAY on",
                "setsockopt u TCP_NODELAY on",
            ),
        ),
        (
            "setsockopt",
            "EINVAL",
            Script(
                "t = socket\nsetsockopt t TCP_MAXSEG 1",
                "setsockopt t TCP_MAXSEG 1",
            ),
        ),
        (
            "getsockopt",
            "EOPNOTSUPP",
            Script(
                "u = socket udp\ngetsockopt u TCP_NODELAY",
                "getsockopt u TCP_NODELAY",
            ),
        ),
        (
            "sendall",
            "ENOTCONN",
            Script("u = socket unix\nsendall u hi", "sendall u hi"),
        ),
        (
            "sendall",
            "EDESTADDRREQ",
            Script("u = socket udp\nsendall u hi", "sendall u hi"),
        ),
        (
            "sendall",
            "EMSGSIZE",
            Script(
                "u = socket udp\nconnect u 127.0.0.1:9\nsendall u \"x\"*70000",
                "sendall u \"x\"*70000",
            ),
        ),
        (
            "sendto",
            "ECONNREFUSED",
            Script(UDP_REFUSED_SENDTO, "sendto u 127.0.0.1:9 again"),
        ),
        (
            "sendto",
            "EMSGSIZE",
            Script(
                "u = socket udp\nsendto u 127.0.0.1:9 \"x\"*70000",
                "sendto u 127.0.0.1:9 \"x\"*70000",
            ),
        ),
        (
            "sendto",
            "EISCONN",
            Script(
                "a, b = socketpair\nsendto a @socklab-anywhere hi",
                "sendto a @socklab-anywhere hi",
            ),
        ),
        ("sendto", "EAGAIN", Script(full_queue(), "sendto s r hi")),
        (
            "sendto",
            "EACCES",
            Script(
                "u = socket udp\nsendto u 255.255.255.255:9 hi",
                "sendto u 255.255.255.255:9 hi",
            ),
        ),
        (
            "shutdown",
            "ENOTCONN",
            Script("s = socket\nshutdown s write", "shutdown s write"),
        ),
        (
            "shutdown",
            "EINVAL",
            Elsewhere(
                "socklab takes only read, write and both: another direction is a usage error",
            ),
        ),
        (
            "socket",
            "EMFILE",
            Elsewhere(
                "needs the process's fd limit lowered (ulimit -n); the random sessions check fds",
            ),
        ),
        (
            "socket",
            "EAFNOSUPPORT",
            Elsewhere("only where IPv6 is switched off (socket tcp6)"),
        ),
        (
            "socketpair",
            "EOPNOTSUPP",
            Elsewhere("socklab offers only the AF_UNIX kinds, which support it"),
        ),
        (
            "tcpinfo",
            "EOPNOTSUPP",
            Script("u = socket udp\ntcpinfo u", "tcpinfo u"),
        ),
        (
            "watch",
            "ECONNRESET",
            Elsewhere("transcripts/31-watch-chat.socklab: the watcher meets the peer's RST"),
        ),
        (
            "watch",
            "EAGAIN",
            Elsewhere("a watcher on a nonblocking socket: tests/background.rs"),
        ),
        (
            "wire",
            "EPERM",
            Elsewhere("tests/sandbox.rs: without CAP_NET_RAW, wire on says what is missing"),
        ),
    ]
}

const CONNECTED_AGAIN: &str = "srv = socket tcp\nbind srv 127.0.0.1:0\nlisten srv\ncli = socket tcp\nconnect cli srv\nconnect cli srv";
const CONNECTED_LISTEN: &str = "srv = socket tcp\nbind srv 127.0.0.1:0\nlisten srv\ncli = socket tcp\nconnect cli srv\nlisten cli";
/// A unix datagram receiver whose queue (net.unix.max_dgram_qlen, 10 or
/// more) fills: a nonblocking sender then meets EAGAIN.
fn full_queue() -> &'static str {
    let name = format!("@socklab-queue-{}", std::process::id());
    let mut script =
        format!("r = socket unix-dgram\nbind r {name}\ns = socket unix-dgram\nnonblock s on\n");
    for _ in 0..600 {
        script.push_str("sendto s r hi\n");
    }
    Box::leak(script.into_boxed_str())
}
/// conn closes with unread data: RST.
const RESET: &str = "srv = socket tcp\nbind srv 127.0.0.1:0\nlisten srv\ncli = socket tcp\nconnect cli srv\nconn = accept srv\nsend cli unread\nclose conn\nrecv cli";
const RESET_ALL: &str = "srv = socket tcp\nbind srv 127.0.0.1:0\nlisten srv\ncli = socket tcp\nconnect cli srv\nconn = accept srv\nsend cli unread\nclose conn\nrecvall cli 10";
const RESET_DRAIN: &str = "srv = socket tcp\nbind srv 127.0.0.1:0\nlisten srv\ncli = socket tcp\nconnect cli srv\nconn = accept srv\nsend cli unread\nclose conn\ndrain cli";
const RESET_SEND: &str = "srv = socket tcp\nbind srv 127.0.0.1:0\nlisten srv\ncli = socket tcp\nconnect cli srv\nconn = accept srv\nsend cli unread\nclose conn\nsend cli more";
const RESET_SENDALL: &str = "srv = socket tcp\nbind srv 127.0.0.1:0\nlisten srv\ncli = socket tcp\nconnect cli srv\nconn = accept srv\nsend cli unread\nclose conn\nsendall cli more";
/// A connected UDP socket's datagram to a closed port draws ICMP port unreachable.
const UDP_REFUSED: &str = "u = socket udp\nconnect u 127.0.0.1:9\nsend u hi\nrecvfrom u";
const UDP_REFUSED_SENDTO: &str =
    "u = socket udp\nconnect u 127.0.0.1:9\nsend u hi\nsendto u 127.0.0.1:9 again";

/// The note the table gives for (verb, errno), in English as JSON shows it.
fn note(verb: &str, errno: &str) -> String {
    let spec = socklab::command::spec(verb).unwrap();
    assert!(spec.errnos.contains(&errno), "{verb} {errno}");
    socklab::i18n::in_english(|| spec.errno_note(errno))
}

#[test]
fn every_errno_claim_is_checked_or_says_where() {
    let listed: Vec<(String, String)> = claims()
        .iter()
        .map(|(v, e, _)| (v.to_string(), e.to_string()))
        .collect();
    let mut missing = Vec::new();
    for spec in COMMANDS {
        for errno in spec.errnos {
            if !listed.contains(&(spec.name.to_string(), errno.to_string())) {
                missing.push(format!("{} {errno}", spec.name));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "errno claims with no check: {missing:?}"
    );
    for (verb, errno, check) in claims() {
        if let Elsewhere(why) = check {
            assert!(why.len() > 20, "{verb} {errno}: say where, or why not");
        }
    }
    for (verb, errno) in &listed {
        assert!(
            socklab::command::spec(verb).is_some_and(|s| s.errnos.contains(&errno.as_str())),
            "the table no longer claims {verb} {errno}: drop it here"
        );
    }
}

#[test]
fn every_errno_claim_that_loopback_can_produce_is_produced() {
    let nobody = nix::unistd::geteuid().is_root();
    let mut failures = Vec::new();
    for (verb, errno, check) in claims() {
        let (script, line, args): (&str, &str, Vec<&str>) = match check {
            Script(script, line) => (script, line, vec![]),
            Interrupted(script, line) => (script, line, vec!["--timeout", "0.2"]),
            Unprivileged(script, line) if nobody => (script, line, vec!["@nobody"]),
            Unprivileged(script, line) => (script, line, vec![]),
            Elsewhere(_) => continue,
        };
        let steps = if args.first() == Some(&"@nobody") {
            run_as_nobody(script)
        } else {
            run_json(&format!("{script}\n"), &args).0
        };
        let Some(step) = steps.iter().rev().find(|s| s["input"] == line) else {
            failures.push(format!("{verb} {errno}: no step for {line:?}"));
            continue;
        };
        if step["errno"] != errno {
            failures.push(format!("{verb} {errno}: got {}", step));
            continue;
        }
        // An interrupted call says so itself; a failed one gets its note.
        if !matches!(check, Interrupted(..)) && step["why"] != note(verb, errno).as_str() {
            failures.push(format!("{verb} {errno}: why is {}", step["why"]));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A script run as `nobody` (this process is root): `--json`, one object a line.
fn run_as_nobody(script: &str) -> Vec<serde_json::Value> {
    let dir = tempfile::tempdir().unwrap();
    let staged = dir.path().join("socklab");
    std::fs::copy(env!("CARGO_BIN_EXE_socklab"), &staged).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let output = common::output_with_stdin(
        std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&staged)
            .args(["run", "-", "--json"])
            .current_dir(dir.path())
            .stdout(std::process::Stdio::piped()),
        format!("{script}\n").as_bytes(),
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}
