//! The interactive shell in a real terminal (a pty, via rexpect): the
//! prompt, Tab completion, the usage hint, Ctrl-C, Ctrl-D, the history file.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

/// socklab's shell in a pty, colour off, its history under `state`.
fn spawn_shell(state: &std::path::Path, args: &[&str]) -> PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_socklab"));
    // English, whatever the locale the tests run in.
    command.env("LC_ALL", "C.UTF-8");
    command
        .args(args)
        .env("XDG_STATE_HOME", state)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    spawn_command(command, Some(10_000)).unwrap()
}

/// Types `keys` (a line ends with `\r`, as Enter sends) and waits for `shown`.
fn type_keys(shell: &mut PtySession, keys: &str, shown: &str) {
    shell.send(keys).unwrap();
    shell.flush().unwrap();
    shell.exp_string(shown).unwrap();
}

#[test]
fn prompt_completion_hint_and_ctrl_d() {
    let state = tempfile::tempdir().unwrap();
    let mut shell = spawn_shell(state.path(), &[]);
    shell.exp_string("socklab> ").unwrap();

    // Tab completes the socket kind: "ud" + Tab → "udp" (udp and udp6 share it).
    shell.send("socket ud").unwrap();
    type_keys(&mut shell, "\t", "socket udp");
    type_keys(&mut shell, "\r", "socket(AF_INET, SOCK_DGRAM, 0) = ");
    shell.exp_string("socklab [s1 udp]> ").unwrap();

    // A dimmed usage hint follows what is typed.
    type_keys(&mut shell, "bind ", "[H] ADDR");

    // Ctrl-C at the prompt clears the line; the session is intact. (Wait
    // for the fresh prompt after the newline: rustyline drops typeahead.)
    shell.send_control('c').unwrap();
    shell.exp_string("\r\n").unwrap();
    shell.exp_string("socklab [s1 udp]> ").unwrap();
    type_keys(&mut shell, "ls\r", "*s1");
    shell.exp_string("socklab [s1 udp]> ").unwrap();

    // A blocked call is announced; Ctrl-C interrupts it (the kernel returns
    // EINTR) and the session goes on with every handle. The notice comes
    // from socklab itself, after the terminal left raw mode, so the Ctrl-C
    // is a signal, not a keystroke.
    type_keys(&mut shell, "srv = socket tcp\r", "socklab [srv CLOSE]> ");
    type_keys(&mut shell, "listen\r", "socklab [srv LISTEN]> ");
    type_keys(&mut shell, "accept\r", "blocking (Ctrl-C interrupts it)");
    shell.send_control('c').unwrap();
    shell
        .exp_string("accept(srv) = -1 EINTR (Interrupted system call)")
        .unwrap();
    shell.exp_string("socklab [srv LISTEN]> ").unwrap();
    type_keys(&mut shell, "ls\r", " s1 ");
    shell.exp_string("*srv ").unwrap();
    shell.exp_string("socklab [srv LISTEN]> ").unwrap();

    // Ctrl-D closes every handle and exits cleanly.
    shell.send_control('d').unwrap();
    shell.exp_string("closed: s1 srv").unwrap();
    shell.exp_eof().unwrap();
    match shell.process().wait().unwrap() {
        WaitStatus::Exited(_, 0) => {}
        other => panic!("socklab ended with {other:?}"),
    }

    let history = state.path().join("socklab/history");
    let mode = std::fs::metadata(&history).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "history is private");
    let saved = std::fs::read_to_string(&history).unwrap();
    assert!(
        saved.contains("socket udp") && saved.contains("ls"),
        "{saved}"
    );
}

#[test]
fn play_waits_for_enter_in_a_terminal() {
    if !common::lessons_run_here() {
        return;
    }
    let path = format!(
        "{}/transcripts/05-connection-refused.socklab",
        env!("CARGO_MANIFEST_DIR")
    );
    let state = tempfile::tempdir().unwrap();
    let mut play = spawn_shell(state.path(), &["play", &path]);
    play.exp_string("# ECONNREFUSED: nothing listens on that port.")
        .unwrap();
    play.exp_string("> hole = socket tcp").unwrap();
    // Nothing runs until Enter.
    type_keys(&mut play, "\r", "socket(AF_INET, SOCK_STREAM, 0) = ");
    for _ in 0..3 {
        play.send("\r").unwrap();
        play.flush().unwrap();
    }
    play.exp_string("connect(cli, 127.0.0.1:").unwrap();
    play.exp_string("ECONNREFUSED (Connection refused)")
        .unwrap();
    type_keys(&mut play, "\r", "where you meet it:");
    play.exp_eof().unwrap();
}

#[test]
fn a_pasted_block_runs_line_by_line() {
    let state = tempfile::tempdir().unwrap();
    let mut shell = spawn_shell(state.path(), &[]);
    shell.exp_string("socklab> ").unwrap();
    // A terminal's bracketed paste: ESC[200~ … ESC[201~, then Enter.
    shell
        .send("\x1b[200~a = socket udp\nbind a 127.0.0.1:0\x1b[201~\r")
        .unwrap();
    shell.flush().unwrap();
    shell.exp_string("> a = socket udp").unwrap();
    shell
        .exp_string("socket(AF_INET, SOCK_DGRAM, 0) = ")
        .unwrap();
    shell.exp_string("> bind a 127.0.0.1:0").unwrap();
    shell.exp_string("bind(a, 127.0.0.1:0) = 0").unwrap();
    shell.exp_string("socklab [a udp]> ").unwrap();
    shell.send_control('d').unwrap();
    shell.exp_eof().unwrap();
}

#[test]
fn background_accept_and_watch_print_above_a_half_typed_line() {
    use std::io::{Read, Write};
    let state = tempfile::tempdir().unwrap();
    let mut shell = spawn_shell(state.path(), &[]);
    shell.exp_string("socklab> ").unwrap();
    type_keys(&mut shell, "srv = socket tcp\r", "socklab [srv CLOSE]> ");
    shell.send("bind srv 127.0.0.1:0\r").unwrap();
    shell.flush().unwrap();
    let (_, bound) = shell.exp_regex(r"bound: 127\.0\.0\.1:\d+").unwrap();
    let port: u16 = bound.rsplit(':').next().unwrap().parse().unwrap();
    type_keys(&mut shell, "listen\r", "socklab [srv LISTEN]> ");

    // accept & gives the prompt back at once; connect, and the accepted
    // connection is shown without another command.
    type_keys(
        &mut shell,
        "accept srv &\r",
        "running in the background (jobs lists it, wait 1",
    );
    shell.exp_string("socklab [srv LISTEN]> ").unwrap();
    type_keys(&mut shell, "cli = socket tcp\r", "socklab [cli CLOSE]> ");
    type_keys(&mut shell, "connect cli srv\r", "[1] accept(srv) = ");
    shell.exp_string("new handle: s1").unwrap();
    shell.exp_string("state s1: ESTABLISHED").unwrap();

    // A client from outside (this test), accepted in the background too.
    type_keys(&mut shell, "conn = accept srv &\r", "wait 2 waits for it)");
    shell.exp_string("socklab [cli ESTABLISHED]> ").unwrap();
    let mut peer = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    shell.exp_string("[2] accept(srv) = ").unwrap();
    shell.exp_string("new handle: conn").unwrap();
    type_keys(&mut shell, "watch conn\r", "[3] watching conn");
    shell.exp_string("socklab [cli ESTABLISHED]> ").unwrap();

    // Half a line typed; the peer's message appears above it, and the
    // typed text is still there to finish.
    // (rustyline repaints as the hint changes, so the echo comes in pieces.)
    type_keys(&mut shell, "send conn hel", "send conn h");
    shell.exp_string("el").unwrap();
    peer.write_all(b"ping").unwrap();
    shell.exp_string("[3] recv(conn, 1024, 0) = 4").unwrap();
    shell.exp_string("data: \"ping\"").unwrap();
    shell
        .exp_string("socklab [cli ESTABLISHED]> send conn hel")
        .unwrap();
    type_keys(&mut shell, "lo\r", "send(conn, \"hello\", 5, 0) = 5");
    let mut got = [0u8; 5];
    peer.read_exact(&mut got).unwrap();
    assert_eq!(&got, b"hello");

    // The peer's FIN: the watcher reads EOF and stops.
    peer.shutdown(std::net::Shutdown::Write).unwrap();
    shell.exp_string("[3] recv(conn, 1024, 0) = 0").unwrap();
    shell.exp_string("EOF: the peer has shut down").unwrap();
    type_keys(&mut shell, "jobs\r", "no background jobs");

    // wait blocks until a job ends; Ctrl-C interrupts the wait, not the job.
    type_keys(&mut shell, "recv cli &\r", "[4] recv cli");
    type_keys(&mut shell, "wait\r", " blocking (Ctrl-C interrupts it)");
    shell.send_control('c').unwrap();
    shell
        .exp_string("wait failed: interrupted (Ctrl-C); still running: [4]")
        .unwrap();
    type_keys(&mut shell, "jobs\r", "[4] recv cli");
    shell.exp_string("blocked in its call").unwrap();
    shell.send_control('d').unwrap();
    shell
        .exp_string("[4] recv(cli, 1024, 0) = -1 EINTR")
        .unwrap();
    shell.exp_string("stopped: [4]").unwrap();
    shell.exp_string("closed: srv cli s1 conn").unwrap();
    shell.exp_eof().unwrap();
}

/// Ctrl-C while `play` waits for Enter stops the play, says so, and
/// closes its sockets; so does Ctrl-C during an `--auto` pause.
#[test]
fn ctrl_c_stops_play_while_it_waits() {
    if !common::lessons_run_here() {
        return;
    }
    let path = format!(
        "{}/transcripts/05-connection-refused.socklab",
        env!("CARGO_MANIFEST_DIR")
    );
    for auto in [None, Some("60s")] {
        let state = tempfile::tempdir().unwrap();
        let mut args = vec!["play", path.as_str()];
        if let Some(delay) = auto {
            args.extend(["--auto", delay]);
        }
        let mut play = spawn_shell(state.path(), &args);
        play.exp_string("> hole = socket tcp").unwrap();
        if auto.is_none() {
            type_keys(&mut play, "\r", "socket(AF_INET, SOCK_STREAM, 0) = ");
            play.exp_string("> bind hole 127.0.0.1:0").unwrap();
        }
        // A 60 s pause would outlast the test's 10 s expect timeout.
        play.send_control('c').unwrap();
        play.exp_string("interrupted (Ctrl-C): play stops here")
            .unwrap();
        play.exp_eof().unwrap();
        match play.process().wait().unwrap() {
            WaitStatus::Exited(_, code) => assert_eq!(code, 130, "{auto:?}"),
            other => panic!("play ended by {other:?}"),
        }
    }
}

/// A history file that cannot be written (its path is a directory): the
/// shell works, and on leaving says why the history was not saved.
#[test]
fn an_unwritable_history_file_is_reported_not_fatal() {
    let state = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(state.path().join("socklab/history")).unwrap();
    let mut shell = spawn_shell(state.path(), &[]);
    shell.exp_string("socklab> ").unwrap();
    shell.send("socket udp\r").unwrap();
    shell.flush().unwrap();
    // Said once, when the first line cannot be appended; the line runs.
    shell
        .exp_string("socklab: could not write the history")
        .unwrap();
    shell.exp_string("new handle: s1").unwrap();
    shell.exp_string("socklab [s1 udp]> ").unwrap();
    type_keys(&mut shell, "ls\r", "*s1");
    shell.send_control('d').unwrap();
    shell.exp_eof().unwrap();
    match shell.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => assert_eq!(code, 0),
        other => panic!("the shell ended by {other:?}"),
    }
}

/// Twenty lines typed in one burst all run, in order (rustyline keeps what
/// it read ahead between lines).
#[test]
fn a_burst_of_typed_lines_all_runs_in_order() {
    let state = tempfile::tempdir().unwrap();
    let mut shell = spawn_shell(state.path(), &[]);
    shell.exp_string("socklab> ").unwrap();
    let burst: String = (1..=20).map(|i| format!("u{i} = socket udp\r")).collect();
    shell.send(&burst).unwrap();
    shell.flush().unwrap();
    for i in 1..=20 {
        shell.exp_string(&format!("new handle: u{i}\r")).unwrap();
    }
    type_keys(&mut shell, "ls\r", "*u20");
    shell.send_control('d').unwrap();
    shell.exp_eof().unwrap();
    let history = std::fs::read_to_string(state.path().join("socklab/history")).unwrap();
    let expected: String = (1..=20).map(|i| format!("u{i} = socket udp\n")).collect();
    assert_eq!(history, format!("{expected}ls\n"));
}

/// Lines typed while a call blocks (here a 1 s await) run after it, in order.
#[test]
fn lines_typed_during_a_blocking_call_run_after_it() {
    let state = tempfile::tempdir().unwrap();
    let mut shell = spawn_shell(state.path(), &[]);
    shell.exp_string("socklab> ").unwrap();
    type_keys(&mut shell, "u = socket udp\r", "socklab [u udp]> ");
    type_keys(&mut shell, "bind 127.0.0.1:0\r", "bound: 127.0.0.1:");
    shell.exp_string("socklab [u udp]> ").unwrap();
    shell.send("await u readable 1s\r").unwrap();
    shell.flush().unwrap();
    // The line is accepted (the editor turns bracketed paste off as it
    // hands it over): the await has begun.
    shell.exp_string("\x1b[?2004l").unwrap();
    shell.send("getsockname\rjobs\rls\r").unwrap();
    shell.flush().unwrap();
    shell
        .exp_string("u did not become readable within 1s")
        .unwrap();
    shell.exp_string("getsockname(u) = 0").unwrap();
    shell.exp_string("no background jobs").unwrap();
    shell.exp_string("*u ").unwrap();
    // Ctrl-D once the editor reads again: sent while the queued lines still
    // ran, it was once not seen under load (a Ctrl-D typed ahead of the
    // prompt is left for later work; this test is about the lines).
    shell.exp_string("socklab [u udp]> ").unwrap();
    shell.send_control('d').unwrap();
    shell.exp_eof().unwrap();
}

/// Bytes that are not UTF-8 at the prompt: a usage error that shows them as
/// `\xNN` where they were typed; the line is kept in the history as shown,
/// and the session and its sockets stay.
#[test]
fn invalid_utf8_at_the_prompt_is_a_usage_error_not_the_end() {
    use std::io::Write;
    let state = tempfile::tempdir().unwrap();
    let mut shell = spawn_shell(state.path(), &[]);
    shell.exp_string("socklab> ").unwrap();
    type_keys(&mut shell, "u = socket udp\r", "socklab [u udp]> ");
    let mut tty = shell.process().get_file_handle().unwrap();
    // Two bytes that start nothing; then a character (U+4E2D, e4 b8 ad)
    // cut short by a space, which is read again as a space.
    tty.write_all(b"send \xff\xfe x\r").unwrap();
    tty.flush().unwrap();
    shell.exp_string("send \\xff\\xfe x").unwrap();
    shell.exp_string("byte 0xff is not valid UTF-8").unwrap();
    shell.exp_string("socklab [u udp]> ").unwrap();
    tty.write_all(b"send caf\xe4\xb8 \xe4\xb8\xad\r").unwrap();
    tty.flush().unwrap();
    // (rexpect reads the terminal's bytes one char each: match ASCII.)
    shell.exp_string("send caf\\xe4\\xb8 ").unwrap();
    shell.exp_string("byte 0xe4 is not valid UTF-8").unwrap();
    shell.exp_string("socklab [u udp]> ").unwrap();
    type_keys(&mut shell, "ls\r", "*u ");
    shell.send_control('d').unwrap();
    shell.exp_string("closed: u").unwrap();
    shell.exp_eof().unwrap();
    // The lines were usage errors: the status says so, as for any.
    match shell.process().wait().unwrap() {
        WaitStatus::Exited(_, 1) => {}
        other => panic!("the shell ended by {other:?}"),
    }
    // Nothing typed is lost: the history holds the lines as shown.
    let history = std::fs::read_to_string(state.path().join("socklab/history")).unwrap();
    assert!(history.contains("send \\xff\\xfe x\n"), "{history}");
    assert!(history.contains("send caf\\xe4\\xb8 中\n"), "{history}");
}

/// SIGHUP (the terminal closed) and SIGTERM: every line typed so far is in
/// the history already; two shells at once keep both their lines.
#[test]
fn the_history_survives_sighup_and_sigterm_and_two_shells() {
    use nix::sys::signal::Signal;
    let state = tempfile::tempdir().unwrap();
    let mut first = spawn_shell(state.path(), &[]);
    let mut second = spawn_shell(state.path(), &[]);
    first.exp_string("socklab> ").unwrap();
    second.exp_string("socklab> ").unwrap();
    type_keys(&mut first, "a = socket udp\r", "socklab [a udp]> ");
    type_keys(&mut second, "b = socket tcp\r", "socklab [b CLOSE]> ");
    type_keys(&mut first, "getsockname a\r", "socklab [a udp]> ");
    first.process_mut().signal(Signal::SIGHUP).unwrap();
    second.process_mut().signal(Signal::SIGTERM).unwrap();
    for (shell, signal) in [(&first, Signal::SIGHUP), (&second, Signal::SIGTERM)] {
        match shell.process().wait().unwrap() {
            WaitStatus::Signaled(_, got, _) => assert_eq!(got, signal),
            other => panic!("ended by {other:?}"),
        }
    }
    let history = std::fs::read_to_string(state.path().join("socklab/history")).unwrap();
    assert_eq!(history, "a = socket udp\nb = socket tcp\ngetsockname a\n");
}

/// The banner says what this is, how to learn more and how to leave (and,
/// in --sandbox, that outside programs cannot be reached); `?` is help;
/// `clear` clears the screen.
#[test]
fn banner_question_mark_and_clear() {
    let state = tempfile::tempdir().unwrap();
    let mut shell = spawn_shell(state.path(), &[]);
    shell
        // (rexpect reads bytes as Latin-1: the test matches the ASCII parts.)
        .exp_string(&format!("socklab {} ", env!("CARGO_PKG_VERSION")))
        .unwrap();
    shell
        .exp_string("help, help VERB, ? or Tab to explore; Ctrl-D leaves.")
        .unwrap();
    shell.exp_string("socklab> ").unwrap();
    type_keys(&mut shell, "?\r", "Sockets and connections:");
    shell.exp_string("socklab> ").unwrap();
    type_keys(&mut shell, "clear\r", "\x1b[H\x1b[2J");
    shell.send_control('d').unwrap();
    shell.exp_eof().unwrap();

    let output = Command::new(env!("CARGO_BIN_EXE_socklab"))
        .env("LC_ALL", "C.UTF-8")
        .args(["--sandbox", "--version"])
        .output()
        .unwrap();
    if !output.status.success() {
        eprintln!("skipped the --sandbox banner: no user namespaces here");
        return;
    }
    let mut shell = spawn_shell(state.path(), &["--sandbox"]);
    shell
        .exp_string("Private network (--sandbox): programs outside socklab cannot be reached.")
        .unwrap();
    shell.send_control('d').unwrap();
    shell.exp_eof().unwrap();
}

/// play at a terminal: a hint line, a step counter, keys read one at a
/// time and not echoed into the text, `a` goes on by itself, `q` quits
/// with exit status 0.
#[test]
fn play_keys_counter_and_quit() {
    if !common::lessons_run_here() {
        return;
    }
    let path = format!(
        "{}/transcripts/03-half-close.socklab",
        env!("CARGO_MANIFEST_DIR")
    );
    let total = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("> ") || l.starts_with("?> "))
        .count();
    let state = tempfile::tempdir().unwrap();
    let mut play = spawn_shell(state.path(), &["play", &path]);
    play.exp_string("Enter: next").unwrap();
    play.exp_string("a: go on by itself").unwrap();
    play.exp_string("q: quit").unwrap();
    play.exp_string(&format!("[1/{total}] > srv = socket tcp"))
        .unwrap();
    // A key that means nothing is neither echoed nor acted on; Enter is.
    play.send("x\r").unwrap();
    play.flush().unwrap();
    let (before, _) = play
        .exp_regex(r"socket\(AF_INET, SOCK_STREAM, 0\) = \d+")
        .unwrap();
    assert!(!before.contains('x'), "the key was echoed: {before:?}");
    play.exp_string(&format!("[2/{total}] > bind srv 127.0.0.1:0"))
        .unwrap();
    play.send("q").unwrap();
    play.flush().unwrap();
    play.exp_string("stopped (q) before step 2").unwrap();
    play.exp_eof().unwrap();
    match play.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => assert_eq!(code, 0),
        other => panic!("play ended by {other:?}"),
    }

    // `a`: the rest goes on by itself (1.5 s a step), with no more keys.
    let mut play = spawn_shell(state.path(), &["play", &path]);
    play.exp_string(&format!("[1/{total}]")).unwrap();
    play.send("a").unwrap();
    play.flush().unwrap();
    play.exp_string(&format!("[3/{total}] > listen srv"))
        .unwrap();
    play.send_control('c').unwrap();
    play.exp_string("interrupted (Ctrl-C)").unwrap();
    play.exp_eof().unwrap();
}

/// Ctrl-C while a played step blocks: the call is interrupted (EINTR) and
/// play stops there — the key is not used up inside the step and lost,
/// with play going on to the next.
#[test]
fn ctrl_c_during_a_played_step_stops_play() {
    if !common::lessons_run_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let lesson = dir.path().join("blocks.socklab");
    std::fs::write(
        &lesson,
        "#! timeout: 20s\n> u = socket udp\n> bind u 127.0.0.1:0\n> recv u 10\n> ls\n",
    )
    .unwrap();
    let mut play = spawn_shell(dir.path(), &["play", lesson.to_str().unwrap()]);
    play.exp_string("[1/4] > u = socket udp").unwrap();
    type_keys(&mut play, "\r", "[2/4] > bind u 127.0.0.1:0");
    type_keys(&mut play, "\r", "[3/4] > recv u 10");
    play.send("\r").unwrap();
    play.flush().unwrap();
    // Until a thread of the socklab playing this file is in recvfrom
    // (x86_64: 45; aarch64: 207), as /proc says.
    let recvfrom = if cfg!(target_arch = "aarch64") {
        "207"
    } else {
        "45"
    };
    let path = lesson.to_str().unwrap().to_string();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let in_recv = || {
        std::fs::read_dir("/proc")
            .into_iter()
            .flatten()
            .flatten()
            .filter(|process| {
                std::fs::read(process.path().join("cmdline"))
                    .is_ok_and(|c| String::from_utf8_lossy(&c).contains(&path))
            })
            .any(|process| {
                std::fs::read_dir(process.path().join("task"))
                    .into_iter()
                    .flatten()
                    .flatten()
                    .any(|task| {
                        std::fs::read_to_string(task.path().join("syscall"))
                            .is_ok_and(|s| s.split(' ').next() == Some(recvfrom))
                    })
            })
    };
    while !in_recv() {
        assert!(std::time::Instant::now() < deadline, "recv never blocked");
        std::thread::yield_now();
    }
    play.send_control('c').unwrap();
    play.exp_string("interrupted (Ctrl-C): play stops here")
        .unwrap();
    play.exp_eof().unwrap();
}

#[test]
fn what_the_kernel_does_between_steps_shows_above_the_prompt_as_it_happens() {
    let state = tempfile::tempdir().unwrap();
    let mut shell = spawn_shell(state.path(), &[]);
    shell.exp_string("socklab> ").unwrap();
    for (line, prompt) in [
        ("srv = socket tcp\r", "socklab [srv CLOSE]> "),
        ("bind srv 127.0.0.1:0\r", "socklab [srv CLOSE]> "),
        ("listen srv\r", "socklab [srv LISTEN]> "),
        ("cli = socket tcp\r", "socklab [cli CLOSE]> "),
        ("connect cli srv\r", "socklab [cli ESTABLISHED]> "),
        ("conn = accept srv\r", "socklab [conn ESTABLISHED]> "),
        ("send cli hello\r", "socklab [cli ESTABLISHED]> "),
        ("recv conn\r", "socklab [conn ESTABLISHED]> "),
    ] {
        type_keys(&mut shell, line, prompt);
    }
    // (rexpect reads the pty's bytes one by one: match ASCII only.)
    type_keys(
        &mut shell,
        "shutdown cli write\r",
        "shutdown(cli, SHUT_WR) = 0",
    );
    shell.exp_string("socklab [cli FIN_WAIT1]> ").unwrap();
    // Nothing more is typed: the peer's delayed ACK moves cli on, and the
    // shell says so then, marked as between steps.
    shell
        .exp_regex(r"state cli: FIN_WAIT1 \S+ FIN_WAIT2  \(\+\d+ ms, between steps\)")
        .unwrap();
    shell.send_control('d').unwrap();
    shell.exp_eof().unwrap();
}
