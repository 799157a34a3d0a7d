//! `spawn`: the tutorials' echo server started by socklab in its own
//! network, socklab the client on the other end — its output shown
//! marked, its sockets listed read-only and their states shown as they
//! move, its end shown, nothing left after socklab exits (killed too);
//! the same as nobody in the sandbox; refused in a lesson.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};

/// The echo server (tests/peers/echo_server.py), inline so that it needs
/// no file nobody can read: it prints its port, echoes one client, exits.
const ECHO_SERVER: &str = "import socket
server = socket.socket()
server.bind(('127.0.0.1', 0))
server.listen(10)
print(server.getsockname()[1])
conn, addr = server.accept()
while True:
    data = conn.recv(1024)
    if not data:
        break
    conn.sendall(data)
print('served', addr[1])";

/// The longest a test waits for a line socklab should show.
const LONGEST_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// A socklab reading its lines from a pipe, and its output line by line.
struct Driven {
    child: Child,
    stdin: Option<ChildStdin>,
    /// The output's lines, read on a thread (so a missing line fails the
    /// test after a bound instead of hanging it).
    lines: std::sync::mpsc::Receiver<String>,
    seen: String,
}

impl Driven {
    fn start(mut command: Command) -> Driven {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { return };
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        Driven {
            child,
            stdin,
            lines,
            seen: String::new(),
        }
    }

    fn send(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().unwrap();
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
    }

    /// Reads output lines until one starts with `prefix` (indented or not:
    /// a line may come with a step or between steps); returns it.
    /// (socklab's --timeout bounds how long it can take: it ends, and so
    /// does the output.)
    fn until(&mut self, prefix: &str) -> String {
        while let Ok(line) = self.lines.recv_timeout(LONGEST_WAIT) {
            self.seen.push_str(&line);
            self.seen.push('\n');
            if line.trim_start().starts_with(prefix) {
                return line;
            }
        }
        let _ = self.child.kill();
        let errors = self.child.stderr.take().map(std::io::read_to_string);
        panic!("no line starting {prefix:?} in:\n{}\n{errors:?}", self.seen);
    }

    /// Reads output lines until one contains `text`; returns it, trimmed.
    fn until_containing(&mut self, text: &str) -> String {
        self.until_where(text, |line| line.contains(text))
    }

    /// Reads output lines until `ls`'s row of `handle`; returns it, trimmed.
    fn until_row(&mut self, handle: &str) -> String {
        let start = format!("{handle} ");
        self.until_where(handle, |line| {
            line.starts_with(&start) && line.ends_with("read-only")
        })
    }

    fn until_where(&mut self, what: &str, found: impl Fn(&str) -> bool) -> String {
        while let Ok(line) = self.lines.recv_timeout(LONGEST_WAIT) {
            self.seen.push_str(&line);
            self.seen.push('\n');
            if found(line.trim()) {
                return line.trim().to_string();
            }
        }
        let _ = self.child.kill();
        panic!("no line for {what:?} in:\n{}", self.seen);
    }

    fn finish(mut self) -> String {
        drop(self.stdin.take());
        while let Ok(line) = self.lines.recv_timeout(LONGEST_WAIT) {
            self.seen.push_str(&line);
            self.seen.push('\n');
        }
        let status = self.child.wait().unwrap();
        assert!(
            status.success() || status.code() == Some(1),
            "{}",
            self.seen
        );
        self.seen
    }
}

fn pid_of(started: &str) -> u32 {
    let after = started.split("(pid ").nth(1).unwrap();
    after.split(';').next().unwrap().parse().unwrap()
}

fn alive(pid: u32) -> bool {
    std::path::Path::new(&format!("/proc/{pid}")).exists()
}

/// Spawns the echo server, connects to it, sends, reads the echo, closes,
/// and waits for the server's end; returns everything shown.
fn echo_session(command: Command) -> Option<String> {
    let mut socklab = Driven::start(command);
    socklab.send(&format!(
        "spawn srv = python3 -c \"{}\"",
        ECHO_SERVER.replace('\n', "\\n")
    ));
    let started = socklab.until("srv started");
    let pid = pid_of(&started);
    let port = socklab.until("srv│ ");
    let port = port.trim_start_matches("srv│ ").trim().to_string();
    socklab.send("jobs");
    socklab.until("srv: python3 -c");
    // Its listener, a read-only handle of its own.
    socklab.send("ls");
    let listener = socklab.until_row("srv.3");
    assert!(
        listener.contains("LISTEN") && listener.ends_with("read-only"),
        "{listener}"
    );
    socklab.send("cli = socket tcp");
    socklab.send(&format!("connect cli 127.0.0.1:{port}"));
    socklab.send("send cli \"收到 hello\"");
    socklab.send("recv cli 100");
    socklab.until("recv(cli");
    // The connection's other end: the program's accepted socket.
    socklab.send("ls");
    let accepted = socklab.until_row("srv.4");
    assert!(accepted.contains("ESTABLISHED"), "{accepted}");
    socklab.send("send srv.4 hi");
    socklab.until("error: column 6: srv.4 is a socket of program srv (spawn)");
    socklab.send("close cli");
    socklab.send("wait srv");
    socklab.until("srv exited 0");
    // A second program, still running when socklab ends.
    socklab.send("spawn python3 -c \"import time; print('up', flush=True); time.sleep(60)\"");
    let second = pid_of(&socklab.until("py started"));
    socklab.until("py│ up");
    let shown = socklab.finish();
    assert!(!alive(pid), "the server is gone:\n{shown}");
    assert!(!alive(second), "nothing is left after socklab:\n{shown}");
    Some(shown)
}

#[test]
fn the_echo_server_runs_under_the_lens() {
    let mut command = common::socklab();
    command.args(["--timeout", "10s", "run", "-"]);
    let shown = echo_session(command).unwrap();
    assert!(shown.contains("connect(cli, 127.0.0.1:"), "{shown}");
    assert!(
        shown.contains("srv│ served "),
        "its output, marked:\n{shown}"
    );
    assert!(shown.contains("\"收到 hello\""), "{shown}");
    // Its sockets' states, shown as they move, as socklab's own are.
    assert!(shown.contains("state srv.3: LISTEN"), "{shown}");
    assert!(shown.contains("state srv.4: ESTABLISHED"), "{shown}");
    assert!(shown.contains("state srv.4: ESTABLISHED → "), "{shown}");
}

#[test]
fn nobody_spawns_in_the_sandbox() {
    let mut command = common::nobody(&["--sandbox", "--timeout", "10s", "run", "-"]);
    command.env_remove("COLUMNS");
    let probe = common::output_with_stdin(
        common::nobody(&["--sandbox", "run", "-"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
        b"",
    );
    if String::from_utf8_lossy(&probe.stderr)
        .contains("this system does not allow unprivileged user namespaces")
    {
        eprintln!("skipped: this system does not allow unprivileged user namespaces");
        return;
    }
    let shown = echo_session(command).unwrap();
    assert!(shown.contains("srv│ served "), "{shown}");
}

#[test]
fn output_is_escaped_and_kill_ends_a_program() {
    let output = common::run_with_stdin(
        b"spawn p = printf \"a\\x1b[2Jb\\n\"\nwait p\nspawn s = sleep 60\nkill s\nwait s\nkill s\nwait nothing\n",
        &["--timeout", "5s"],
    );
    let shown = common::text(&output);
    assert!(shown.contains("p│ a\\e[2Jb\n"), "{shown}");
    assert!(shown.contains("p exited 0"), "{shown}");
    assert!(shown.contains("s killed by SIGTERM"), "{shown}");
    assert!(shown.contains("no program named 's' is running"), "{shown}");
    assert!(
        shown.contains("no program named 'nothing' is running"),
        "{shown}"
    );
}

#[test]
fn a_lesson_may_not_spawn() {
    let dir = tempfile::tempdir().unwrap();
    let lesson = dir.path().join("spawns.socklab");
    std::fs::write(&lesson, "> spawn sleep 60\n").unwrap();
    let output = common::socklab()
        .args(["test"])
        .arg(&lesson)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let shown = format!(
        "{}{}",
        common::text(&output),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(shown.contains("a lesson may not start programs"), "{shown}");
}

/// socklab killed with SIGKILL (no Drop runs): its program dies all the
/// same (the kernel's parent-death signal). Python waits on the program's
/// pidfd for its end, bounded.
#[test]
fn a_program_dies_with_a_killed_socklab() {
    let mut command = common::socklab();
    command.args(["run", "-"]);
    let mut socklab = Driven::start(command);
    socklab.send("spawn python3 -c \"import time; print('up'); time.sleep(60)\"");
    let pid = pid_of(&socklab.until("py started"));
    socklab.until("py│ up");
    // The pidfd is taken while it runs: it cannot name another process.
    let watch = format!(
        "import os, select, sys\nfd = os.pidfd_open({pid})\nprint('watching', flush=True)\nsys.stdin.read()\nready, _, _ = select.select([fd], [], [], 20)\nprint('ended' if ready else 'running')"
    );
    let mut watcher = Command::new("python3")
        .args(["-c", &watch])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut watched = BufReader::new(watcher.stdout.take().unwrap());
    let mut first = String::new();
    watched.read_line(&mut first).unwrap();
    assert_eq!(first, "watching\n");
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(socklab.child.id() as i32),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    let _ = socklab.child.wait();
    drop(watcher.stdin.take());
    let mut verdict = String::new();
    watched.read_line(&mut verdict).unwrap();
    let _ = watcher.wait();
    assert_eq!(verdict, "ended\n", "the program outlived a killed socklab");
}

/// The lab: the program runs in host b's network; its SYN+ACK crosses
/// the link, where socklab holds it until delivered.
fn lab_session(command: Command) {
    let server = "import socket\\ns = socket.socket()\\ns.bind(('', 0))\\ns.listen(5)\\nprint(s.getsockname()[1])\\nc, a = s.accept()\\nprint('from', a[0])\\nc.sendall(c.recv(100))\\nc.close()";
    let mut socklab = Driven::start(command);
    socklab.send(&format!("spawn @b srv = python3 -c \"{server}\""));
    socklab.until("srv started");
    let port = socklab.until("srv│ ");
    let port = port.trim_start_matches("srv│ ").trim().to_string();
    socklab.send("ls");
    let listener = socklab.until_row("srv.3");
    assert!(listener.contains(" b "), "in host b: {listener}");
    socklab.send("link hold b->a");
    socklab.send("cli = socket tcp");
    socklab.send(&format!("connect cli b:{port} &"));
    // Its SYN+ACK reaches the link (shown with the step or between steps),
    // and is held there.
    let held = socklab.until_containing("held #1");
    assert!(held.contains("[SYN,ACK]"), "its SYN+ACK, held: {held}");
    assert!(held.starts_with("srv.3 → "), "named by its handle: {held}");
    socklab.send("link pass");
    socklab.send("deliver all");
    socklab.until("[1] connect(cli, 192.0.2.2:");
    socklab.send("send cli \"hi\"");
    socklab.send("recv cli 10");
    socklab.until("data: \"hi\"");
    socklab.send("wait srv");
    socklab.until("srv exited 0");
    let shown = socklab.finish();
    // (Its accepted socket lives from the handshake to the echo: a step
    // may or may not fall in between, so it is not looked for here.)
    assert!(
        shown.contains("srv│ from 192.0.2.1"),
        "from host a:\n{shown}"
    );
}

/// Whether the lab can run here (says so when it cannot).
fn lab_runs(mut command: Command) -> bool {
    let output =
        common::output_with_stdin(command.stdout(Stdio::piped()).stderr(Stdio::piped()), b"");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let runs =
        !(stderr.contains("user namespaces") || stderr.contains("cannot make a network namespace"));
    if !runs {
        eprintln!("skipped: the lab cannot run here: {stderr}");
    }
    runs
}

#[test]
fn a_program_in_lab_host_b_sends_through_the_held_link() {
    let args = ["--lab", "--timeout", "10s", "run", "-"];
    let mut probe = common::socklab();
    probe.args(args);
    if !lab_runs(probe) {
        return;
    }
    let mut command = common::socklab();
    command.args(args);
    lab_session(command);
}

#[test]
fn nobody_spawns_in_the_lab() {
    let args = ["--lab", "--timeout", "10s", "run", "-"];
    if !lab_runs(common::nobody(&args)) {
        return;
    }
    lab_session(common::nobody(&args));
}

/// The wire view, as nobody in the sandbox: the program's segments are
/// seen, their ends named by its handles (`srv.4 → cli`), not addresses.
#[test]
fn the_wire_view_names_the_programs_ends() {
    let args = ["--sandbox", "--wire", "--timeout", "10s", "run", "-"];
    let probe = common::output_with_stdin(
        common::nobody(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
        b"",
    );
    if String::from_utf8_lossy(&probe.stderr)
        .contains("this system does not allow unprivileged user namespaces")
    {
        eprintln!("skipped: this system does not allow unprivileged user namespaces");
        return;
    }
    let shown = echo_session(common::nobody(&args)).unwrap();
    let named = |pattern: &str| {
        shown
            .lines()
            .map(str::trim_start)
            .any(|line| line.starts_with("srv.") && line.contains(pattern))
    };
    assert!(named(" → cli  [SYN,ACK]"), "{shown}");
    assert!(named(" → cli  [PSH,ACK]"), "the echo:\n{shown}");
    assert!(
        shown.contains("cli → srv.4  [FIN,ACK]"),
        "the close, to the accepted socket:\n{shown}"
    );
}

/// A program holds none of socklab's fds: socklab's sockets (made
/// without CLOEXEC) would otherwise outlive its close in the program.
#[test]
fn a_program_gets_none_of_socklabs_sockets() {
    let output = common::run_with_stdin(
        b"a = socket tcp\nb = socket udp\nspawn sh = sh -c \"ls -l /proc/self/fd\"\nwait sh\n",
        &["--timeout", "5s"],
    );
    let shown = common::text(&output);
    assert!(shown.contains("sh exited 0"), "{shown}");
    assert!(
        shown.contains("sh│ ") && shown.contains(" 0 -> /dev/null"),
        "{shown}"
    );
    assert!(!shown.contains("socket:["), "{shown}");
}

/// The tutorials' client (tests/peers/tcp_client.py, the file itself)
/// spawned against socklab's own server, in the sandbox's network: its
/// socket's state and its printed reply are shown, and it ends.
#[test]
fn the_tutorials_client_talks_to_socklabs_server() {
    let client = format!("{}/tests/peers/tcp_client.py", env!("CARGO_MANIFEST_DIR"));
    let script = format!(
        "srv = socket tcp\nbind srv 127.0.0.1:8888\nlisten srv\n\
         spawn cl = python3 {client} 8888 hello\n\
         conn = accept srv\nrecv conn\nsend conn \"hi back\"\nwait cl\n"
    );
    let output = common::output_with_stdin(
        common::socklab()
            .args(["--sandbox", "--timeout", "10s", "run", "-"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
        script.as_bytes(),
    );
    let errors = String::from_utf8_lossy(&output.stderr);
    if errors.contains("this system does not allow unprivileged user namespaces") {
        eprintln!("skipped: this system does not allow unprivileged user namespaces");
        return;
    }
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(shown.contains("recv(conn, 1024, 0) = 5"), "{shown}{errors}");
    assert!(shown.contains("data: \"hello\""), "{shown}");
    assert!(
        shown.contains("cl│ hi back"),
        "its output, marked:\n{shown}"
    );
    assert!(
        shown.contains("state cl.3: "),
        "its socket's state:\n{shown}"
    );
    assert!(shown.contains("cl exited 0"), "{shown}");
}
