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
    let mut child = socklab()
        .args(["run", "-"])
        .stdin(Stdio::piped())
        .stdout(full)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"socket udp\nls\n")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
}
