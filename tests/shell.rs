//! The interactive shell in a real terminal (a pty, via rexpect): the
//! prompt, Tab completion, the usage hint, Ctrl-C, Ctrl-D, the history file.

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use rexpect::process::WaitStatus;
use rexpect::session::spawn_command;

#[test]
fn prompt_completion_hint_and_ctrl_d() {
    let state = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_socklab"));
    command
        .env("XDG_STATE_HOME", state.path())
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut shell = spawn_command(command, Some(10_000)).unwrap();
    shell.exp_string("socklab> ").unwrap();

    // Tab completes the socket kind: "ud" + Tab → "udp" (udp and udp6 share it).
    shell.send("socket ud").unwrap();
    shell.send("\t").unwrap();
    shell.flush().unwrap();
    shell.exp_string("socket udp").unwrap();
    shell.send("\r").unwrap();
    shell.flush().unwrap();
    shell
        .exp_string("socket(AF_INET, SOCK_DGRAM, 0) = ")
        .unwrap();
    shell.exp_string("socklab [s1 udp]> ").unwrap();

    // A dimmed usage hint follows what is typed.
    shell.send("bind ").unwrap();
    shell.flush().unwrap();
    shell.exp_string("[H] ADDR").unwrap();

    // Ctrl-C at the prompt clears the line; the session is intact. (Wait
    // for the fresh prompt after the newline: rustyline drops typeahead.)
    shell.send_control('c').unwrap();
    shell.exp_string("\r\n").unwrap();
    shell.exp_string("socklab [s1 udp]> ").unwrap();
    shell.send("ls\r").unwrap();
    shell.flush().unwrap();
    shell.exp_string("*s1").unwrap();
    shell.exp_string("socklab [s1 udp]> ").unwrap();

    // A blocked call is announced; Ctrl-C interrupts it (the kernel returns
    // EINTR) and the session goes on with every handle. The notice comes
    // from socklab itself, after the terminal left raw mode, so the Ctrl-C
    // is a signal, not a keystroke.
    shell.send("srv = socket tcp\r").unwrap();
    shell.flush().unwrap();
    shell.exp_string("socklab [srv CLOSE]> ").unwrap();
    shell.send("listen\r").unwrap();
    shell.flush().unwrap();
    shell.exp_string("socklab [srv LISTEN]> ").unwrap();
    shell.send("accept\r").unwrap();
    shell.flush().unwrap();
    shell.exp_string("blocking (Ctrl-C interrupts it)").unwrap();
    shell.send_control('c').unwrap();
    shell
        .exp_string("accept(srv) = -1 EINTR (Interrupted system call)")
        .unwrap();
    shell.exp_string("socklab [srv LISTEN]> ").unwrap();
    shell.send("ls\r").unwrap();
    shell.flush().unwrap();
    shell.exp_string(" s1 ").unwrap();
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
    let path = format!(
        "{}/transcripts/05-connection-refused.socklab",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut command = Command::new(env!("CARGO_BIN_EXE_socklab"));
    command
        .args(["play", &path])
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut play = spawn_command(command, Some(10_000)).unwrap();
    play.exp_string("# ECONNREFUSED: nothing listens on that port.")
        .unwrap();
    play.exp_string("> hole = socket tcp").unwrap();
    // Nothing runs until Enter.
    play.send("\r").unwrap();
    play.flush().unwrap();
    play.exp_string("socket(AF_INET, SOCK_STREAM, 0) = ")
        .unwrap();
    for _ in 0..3 {
        play.send("\r").unwrap();
        play.flush().unwrap();
    }
    play.exp_string("connect(cli, 127.0.0.1:").unwrap();
    play.exp_string("ECONNREFUSED (Connection refused)")
        .unwrap();
    play.send("\r").unwrap();
    play.flush().unwrap();
    play.exp_string("where you meet it:").unwrap();
    play.exp_eof().unwrap();
}

#[test]
fn a_pasted_block_runs_line_by_line() {
    let state = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_socklab"));
    command
        .env("XDG_STATE_HOME", state.path())
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut shell = spawn_command(command, Some(10_000)).unwrap();
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
