//! The shell leads to the lessons: its banner and `help` name them,
//! `lessons` lists them and `play NN` plays one in a terminal (a pty, via
//! rexpect) — in a process and a network of its own — after which the
//! session resumes with its handles as they were. And Windows' socket
//! errors (`help 10054`) lead to their POSIX twins.

mod common;

use std::process::Command;

use common::*;
use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

fn spawn_shell(state: &std::path::Path) -> PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_socklab"));
    // English, whatever the locale the tests run in.
    command.env("LC_ALL", "C.UTF-8");
    command
        .env("XDG_STATE_HOME", state)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    spawn_command(command, Some(10_000)).unwrap()
}

fn type_keys(shell: &mut PtySession, keys: &str, shown: &str) {
    shell.send(keys).unwrap();
    shell.flush().unwrap();
    shell.exp_string(shown).unwrap();
}

#[test]
fn lessons_and_play_in_the_shell_then_the_session_resumes() {
    if !lessons_run_here() {
        return;
    }
    let state = tempfile::tempdir().unwrap();
    let mut shell = spawn_shell(state.path());
    shell
        .exp_string("`lessons` lists the lessons, `play 01` plays the first.")
        .unwrap();
    shell.exp_string("socklab> ").unwrap();
    // A listener of the session's own, before the lesson.
    type_keys(&mut shell, "srv = socket tcp\r", "socklab [srv CLOSE]> ");
    type_keys(&mut shell, "bind srv 127.0.0.1:0\r", "bound: 127.0.0.1:");
    type_keys(&mut shell, "listen srv\r", "socklab [srv LISTEN]> ");

    type_keys(&mut shell, "lessons\r", "01-handshake");
    shell.exp_string("05-connection-refused").unwrap();
    shell
        .exp_string("play NAME (or its number) plays one here")
        .unwrap();
    shell.exp_string("socklab [srv LISTEN]> ").unwrap();

    // A name that is no lesson: a usage error, and the session goes on.
    type_keys(
        &mut shell,
        "play nosuch-lesson\r",
        "no file and no built-in lesson named 'nosuch-lesson'",
    );
    shell.exp_string("socklab [srv LISTEN]> ").unwrap();

    // Lesson 05, step by step: Enter runs each.
    type_keys(&mut shell, "play 05\r", "Enter: next");
    shell
        .exp_string("# ECONNREFUSED: nothing listens on that port.")
        .unwrap();
    shell.exp_string("[1/5] > hole = socket tcp").unwrap();
    type_keys(&mut shell, "\r", "new handle: hole");
    for step in 2..=5 {
        shell.exp_string(&format!("[{step}/5]")).unwrap();
        shell.send("\r").unwrap();
        shell.flush().unwrap();
    }
    shell
        .exp_string("ECONNREFUSED (Connection refused)")
        .unwrap();
    // (rexpect reads bytes as Latin-1: the test matches the ASCII parts.)
    shell
        .exp_string("lesson 05-connection-refused ended")
        .unwrap();
    shell
        .exp_string("back in this session: its handles are as they were")
        .unwrap();
    // The session's own prompt, handle and socket are as they were: its
    // listener still listens, and a client connects to it.
    shell.exp_string("socklab [srv LISTEN]> ").unwrap();
    type_keys(&mut shell, "ls\r", "*srv");
    shell.exp_string("LISTEN").unwrap();
    shell.exp_string("socklab [srv LISTEN]> ").unwrap();
    type_keys(&mut shell, "cli = socket tcp\r", "socklab [cli CLOSE]> ");
    type_keys(&mut shell, "connect cli srv\r", "connect(cli, 127.0.0.1:");
    shell.exp_string(") = 0").unwrap();
    shell.exp_string("socklab [cli ESTABLISHED]> ").unwrap();
    // The lesson's handles were its own: none is here.
    shell.send("use hole\r").unwrap();
    shell.flush().unwrap();
    shell.exp_string("'hole' is not a handle").unwrap();
    shell.exp_string("socklab [cli ESTABLISHED]> ").unwrap();

    shell.send_control('d').unwrap();
    shell.exp_string("closed: ").unwrap();
    shell.exp_eof().unwrap();
    match shell.process().wait().unwrap() {
        // 1: `play nosuch-lesson` and `use hole` were usage errors.
        WaitStatus::Exited(_, 1) => {}
        other => panic!("socklab ended with {other:?}"),
    }
}

#[test]
fn help_names_the_lessons_and_a_script_cannot_play_one() {
    let output = run_with_stdin(b"help\nlessons\nplay 01\n", &[]);
    let shown = text(&output);
    assert!(shown.contains("Lessons: `lessons` lists them"), "{shown}");
    assert!(shown.contains("`play 01` plays one here"), "{shown}");
    assert!(shown.contains("  play NAME|NN|FILE"), "{shown}");
    // `lessons` lists them in a script too; `play` needs a person.
    assert!(shown.contains("01-handshake"), "{shown}");
    assert!(
        shown.contains("error: play steps through a lesson with a person at a terminal"),
        "{shown}"
    );
}

/// What help says for a Windows error: its name, its number, its twin,
/// and the twin's own help.
fn help_for(topic: &str) -> String {
    let (steps, output) = run_json(&format!("help {topic}\n"), &[]);
    assert!(output.status.success(), "{}", dump(&steps));
    steps[0]["output"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn windows_socket_errors_lead_help_to_their_posix_twins() {
    for (topic, name, twin, linux) in [
        ("10054", "WSAECONNRESET (10054)", "ECONNRESET", 104),
        ("WSAECONNRESET", "WSAECONNRESET (10054)", "ECONNRESET", 104),
        ("WinError 10054", "WSAECONNRESET (10054)", "ECONNRESET", 104),
        (
            "[WinError 10054]",
            "WSAECONNRESET (10054)",
            "ECONNRESET",
            104,
        ),
        ("10061", "WSAECONNREFUSED (10061)", "ECONNREFUSED", 111),
        (
            "wsaeconnrefused",
            "WSAECONNREFUSED (10061)",
            "ECONNREFUSED",
            111,
        ),
        ("10048", "WSAEADDRINUSE (10048)", "EADDRINUSE", 98),
        ("10060", "WSAETIMEDOUT (10060)", "ETIMEDOUT", 110),
        ("10035", "WSAEWOULDBLOCK (10035)", "EAGAIN", 11),
        ("10053", "WSAECONNABORTED (10053)", "ECONNABORTED", 103),
        ("10056", "WSAEISCONN (10056)", "EISCONN", 106),
        ("10057", "WSAENOTCONN (10057)", "ENOTCONN", 107),
        ("10038", "WSAENOTSOCK (10038)", "ENOTSOCK", 88),
        ("10022", "WSAEINVAL (10022)", "EINVAL", 22),
        ("10013", "WSAEACCES (10013)", "EACCES", 13),
        ("10049", "WSAEADDRNOTAVAIL (10049)", "EADDRNOTAVAIL", 99),
        ("10051", "WSAENETUNREACH (10051)", "ENETUNREACH", 101),
        ("10065", "WSAEHOSTUNREACH (10065)", "EHOSTUNREACH", 113),
    ] {
        let help = help_for(topic);
        assert!(help.starts_with(name), "{topic}: {help}");
        assert!(
            help.contains(&format!("[Errno {linux}], and socklab shows {twin}")),
            "{topic}: {help}"
        );
        // Then the twin's own help, as `help ECONNRESET` gives it.
        assert!(help.contains(&format!("\n{twin} (")), "{topic}: {help}");
    }
    // A near miss is answered with the name meant.
    let (steps, _) = run_json("help WSAECONNRESTE\n", &[]);
    let error = steps[0]["error"].as_str().unwrap();
    assert!(error.contains("did you mean 'WSAECONNRESET'?"), "{error}");
    // A number that is no WinSock error is still no topic.
    let (steps, _) = run_json("help 10059\n", &[]);
    assert!(
        steps[0]["error"]
            .as_str()
            .unwrap()
            .starts_with("no help for '10059'")
    );
}
