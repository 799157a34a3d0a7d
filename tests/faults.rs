//! Faults around a session, which must never end it or lose what it shows:
//! SIGPIPE (a send to a peer that is gone; stdout closed under socklab), a
//! recording whose disk is full or whose path cannot be written. Ctrl-C,
//! and a history file that cannot be written, are in tests/shell.rs (they
//! need a terminal); a peer process killed mid-exchange in tests/peers.rs.

mod common;

use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::process::Stdio;

use common::*;

/// send(2) to a peer that has gone raises SIGPIPE unless the caller asked
/// for MSG_NOSIGNAL; socklab makes the call as typed (flags 0) and lives
/// on to show EPIPE, and the lines after it.
#[test]
fn sigpipe_from_a_send_does_not_kill_socklab() {
    let script =
        format!("{CONNECTED}close conn\nsend cli first\nawait cli CLOSE\nsend cli second\nls\n");
    let (steps, output) = run_json(&script, &[]);
    assert_eq!(output.status.signal(), None, "killed by a signal");
    assert!(output.status.success(), "{}", dump(&steps));
    assert_ret(step(&steps, "send cli first"), 5);
    let second = step(&steps, "send cli second");
    assert_eq!(
        second["call"], "send(cli, \"second\", 6, 0)",
        "no MSG_NOSIGNAL"
    );
    assert_errno(second, "EPIPE");
    assert_eq!(step(&steps, "ls")["ok"], true, "the session went on");
}

/// stdout closed under socklab (`socklab run script | head -1`): writing
/// fails with EPIPE, not a fatal SIGPIPE; socklab stops with a message,
/// and no panic.
#[test]
fn a_closed_stdout_ends_socklab_without_a_signal_or_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("long.socklab");
    std::fs::write(&script, "help\n".repeat(5_000)).unwrap();
    let mut child = socklab()
        .args(["run", script.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read a little, then close the reading end, as `head` does.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.signal(), None, "killed by a signal: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        String::from_utf8_lossy(&first).starts_with("> help"),
        "{}",
        String::from_utf8_lossy(&first)
    );
}

/// `record` onto a full disk (/dev/full: every write is ENOSPC): the first
/// entry that cannot be written stops the recording with a clear error, as
/// a failed step of its own, and the session goes on.
#[test]
fn recording_onto_a_full_disk_stops_the_recording_not_the_session() {
    let output = run_with_stdin(
        b"record /dev/full\na = socket udp\nrecord /dev/null\nb = socket udp\nls\n",
        &[],
    );
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "a failure: {text}");
    let stopped = "error: recording to /dev/full stopped: No space left on device — the session goes on, unrecorded";
    assert_eq!(text.matches(stopped).count(), 1, "{text}");
    // Shown after the step that could not be recorded; then all goes on,
    // and another recording can start.
    let at = text.find(stopped).unwrap();
    assert!(text[..at].contains("new handle: a"), "{text}");
    assert!(text[at..].contains("recording to /dev/null"), "{text}");
    assert!(text[at..].contains("new handle: b"), "{text}");
    assert!(text.contains("*b "), "ls lists b, current: {text}");
}

/// A path that cannot be written: a usage error naming the path and why.
#[test]
fn recording_to_an_unwritable_path_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no/such/dir/t.socklab");
    let input = format!("record {}\nsocket udp\n", missing.display());
    let output = run_with_stdin(input.as_bytes(), &[]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains(&format!(
            "error: cannot record to '{}': No such file or directory",
            missing.display()
        )),
        "{text}"
    );
    assert!(
        text.contains("new handle: s1"),
        "the session went on: {text}"
    );
    assert_eq!(output.status.code(), Some(1));
}

/// A script's own output redirected to a full disk: the error is reported
/// on stderr and socklab exits non-zero — it neither hangs nor panics.
#[test]
fn output_onto_a_full_disk_is_an_error_not_a_panic() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let output = common::output_with_stdin(
        socklab()
            .args(["run", "-"])
            .stdout(full)
            .stderr(Stdio::piped()),
        b"socket udp\nls\n",
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
}

/// Every subcommand, its output a pipe whose reader is gone (`| head` that
/// ended) or a full disk: no panic, no signal, and the documented status —
/// 141 for a closed output (quietly), 2 and one line on stderr for a full
/// one. `record` keeps recording (the transcript is its real output).
#[test]
fn every_subcommand_survives_a_closed_or_full_stdout() {
    if !lessons_run_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let lesson = dir.path().join("lesson.socklab");
    std::fs::write(&lesson, "# A lesson.\n> s = socket udp\n...\n").unwrap();
    let script = dir.path().join("script");
    std::fs::write(&script, "help\n".repeat(100)).unwrap();
    let lesson = lesson.to_str().unwrap();
    let script = script.to_str().unwrap();
    let recorded = dir.path().join("recorded.socklab");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["help"], ""),
        (vec!["help", "--markdown"], ""),
        (vec!["help", "accept"], ""),
        (vec!["run", script], ""),
        (vec![], "socket udp\nls\n"),
        (vec!["test", lesson], ""),
        (vec!["play", "--auto", "0s", lesson], ""),
        (
            vec!["record", recorded.to_str().unwrap()],
            "socket udp\nls\n",
        ),
        (vec!["--help"], ""),
        (vec!["--version"], ""),
    ];
    for (args, input) in &cases {
        for full in [false, true] {
            let stdout = if full {
                Stdio::from(
                    std::fs::OpenOptions::new()
                        .write(true)
                        .open("/dev/full")
                        .unwrap(),
                )
            } else {
                let (read, write) = nix::unistd::pipe().unwrap();
                drop(read);
                Stdio::from(write)
            };
            let output = common::output_with_stdin(
                socklab().args(args).stdout(stdout).stderr(Stdio::piped()),
                input.as_bytes(),
            );
            let stderr = String::from_utf8_lossy(&output.stderr);
            let what = format!("{args:?}, full: {full}: {stderr}");
            assert_eq!(output.status.signal(), None, "{what}");
            assert!(!stderr.contains("panicked"), "{what}");
            if args.first().is_some_and(|a| a.starts_with("--")) {
                // clap's own --help and --version: written as far as they can be.
                assert_eq!(output.status.code(), Some(0), "{what}");
            } else if args.first() == Some(&"record") {
                assert_eq!(output.status.code(), Some(0), "{what}");
                let text = std::fs::read_to_string(&recorded).unwrap();
                assert!(text.contains("> ls"), "{what}: {text}");
            } else if full {
                assert_eq!(output.status.code(), Some(2), "{what}");
                assert!(stderr.contains("No space left on device"), "{what}");
            } else {
                assert_eq!(output.status.code(), Some(141), "{what}");
                assert_eq!(stderr, "", "quietly: {what}");
            }
        }
    }
}

/// `socklab record FILE` writes each step as it happens: SIGTERM in the
/// middle of a session leaves every completed step in the file.
#[test]
fn sigterm_during_record_leaves_every_completed_step() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("live.socklab");
    let mut child = socklab()
        .args(["record", file.to_str().unwrap()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(b"u = socket udp\nls\n").unwrap();
    input.flush().unwrap();
    // ls's row for u is shown after its entry was written.
    let mut shown = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while !line.starts_with("*u ") {
        line.clear();
        assert_ne!(shown.read_line(&mut line).unwrap(), 0, "ended early");
    }
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGTERM,
    )
    .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.signal(), Some(libc::SIGTERM));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("> u = socket udp\n"), "{text}");
    assert!(text.contains("> ls\n") && text.contains("*u "), "{text}");
    drop(input);
}

/// `socklab run` buffers its output into a pipe; SIGTERM or SIGHUP in the
/// middle of a long script first writes out every step shown so far. The
/// script's sendto steps tell the test how far it got: after datagram 100
/// arrives, step 99 was shown, so it must be in the output.
#[test]
fn sigterm_and_sighup_flush_a_scripts_output() {
    use nix::sys::signal::Signal;
    for signal in [Signal::SIGTERM, Signal::SIGHUP] {
        let ready = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        let to = ready.local_addr().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("script");
        let mut text = String::from("u = socket udp\n");
        for i in 1..=50_000 {
            text.push_str(&format!("sendto u {to} \"{i}\"\n"));
        }
        std::fs::write(&script, text).unwrap();
        let child = socklab()
            .args(["run", script.to_str().unwrap()])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut buf = [0u8; 16];
        loop {
            let (n, _) = ready.recv_from(&mut buf).unwrap();
            if &buf[..n] == b"100" {
                break;
            }
        }
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(child.id() as i32), signal).unwrap();
        let output = child.wait_with_output().unwrap();
        let text = String::from_utf8_lossy(&output.stdout);
        let tail = &text[text.len().saturating_sub(300)..];
        assert_eq!(output.status.signal(), Some(signal as i32), "{tail}");
        assert!(
            text.contains(&format!("sendto(u, \"99\", 2, 0, {to}) = 2\n")),
            "{signal:?}: {tail:?}"
        );
    }
}

/// `source` of a device (/dev/zero would never end) or of a file that is
/// being sourced already (a file sourcing itself ran 4^16 times) is a usage
/// error; the script goes on.
#[test]
fn source_refuses_devices_and_itself() {
    let dir = tempfile::tempdir().unwrap();
    let looping = dir.path().join("loop");
    std::fs::write(
        &looping,
        format!("u = socket udp\nsource {}\n", looping.display()),
    )
    .unwrap();
    let script = format!("source /dev/zero\nsource {}\nls\n", looping.display());
    let output = run_with_stdin(script.as_bytes(), &[]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("error: '/dev/zero' is not a regular file"),
        "{text}"
    );
    assert!(text.contains("is being sourced already"), "{text}");
    assert_eq!(text.matches("new handle: u").count(), 1, "{text}");
    assert!(text.contains("*u "), "the script went on: {text}");
}
