//! 80×24 is a first-class terminal: lab lessons played in a pty of that
//! size fit it — no line wider than 80 columns, no word cut — and the lab
//! shell's prompt leaves room to type.

mod common;

use std::process::Command;

use rexpect::session::{PtySession, spawn_command};
use unicode_width::UnicodeWidthStr;

const COLUMNS: usize = 80;

/// socklab with `args` in a pty of 80 columns and 24 rows (set with stty
/// on the pty itself, as a terminal would be; COLUMNS says so too), colour
/// on, as a person at a projector would run it.
fn spawn_at_80x24(args: &[&str]) -> PtySession {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg("stty rows 24 cols 80 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_socklab"))
        .env("LC_ALL", "C.UTF-8")
        .args(args)
        .env("TERM", "xterm")
        .env("COLUMNS", COLUMNS.to_string())
        .env("LINES", "24")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env("XDG_STATE_HOME", std::env::temp_dir());
    spawn_command(command, Some(120_000)).unwrap()
}

/// Terminal output as text: colour and other escapes out, `\r\n` as `\n`.
/// (rexpect hands each byte over as the character of that number.)
fn plain(output: &str) -> String {
    let bytes: Vec<u8> = output.chars().map(|c| c as u32 as u8).collect();
    let output = String::from_utf8_lossy(&bytes);
    let mut out = String::with_capacity(output.len());
    let mut chars = output.chars();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => {
                for next in chars.by_ref() {
                    if next.is_ascii_alphabetic() || next == '~' {
                        break;
                    }
                }
            }
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// `text` as rexpect reads it: each byte the character of that number.
fn as_read(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

/// The lesson's own words that must reach the screen whole: its narration,
/// and the `note:` and `why:` lines it expects (those with no placeholder).
fn lesson_lines(lesson: &str) -> Vec<String> {
    let path = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/transcripts"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| {
            path.file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with(&format!("{lesson}-")))
        })
        .unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .filter(|line| {
            let narration = line.starts_with("# ") || *line == "#";
            let told =
                line.trim_start().starts_with("note:") || line.trim_start().starts_with("why:");
            narration
                || (told
                    && !line.contains("[N]")
                    && !line.contains("[PORT")
                    && !line.contains("[..]"))
        })
        .map(|line| line.trim_start_matches('#').to_string())
        .collect()
}

/// The words of `text` in order, the narration's `#` marks left out.
fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().filter(|w| *w != "#").collect()
}

fn plays_in_80_columns(lesson: &str) {
    if !common::lessons_run_here() {
        return;
    }
    let mut pty = spawn_at_80x24(&["play", lesson, "--auto", "0s"]);
    let shown = plain(&pty.exp_eof().unwrap());
    assert!(shown.contains("[1/"), "{shown}");
    assert!(
        !shown.contains("failed") && !shown.contains("error:"),
        "{shown}"
    );
    for line in shown.lines() {
        assert!(
            line.width() <= COLUMNS,
            "{lesson}: a line of {} columns:\n{line}\n\n{shown}",
            line.width()
        );
    }
    // Every line the lesson says reaches the screen with each word whole,
    // in order: wrapping moved words to new lines but cut none.
    let on_screen = words(&shown);
    let mut wrapped = 0;
    for line in lesson_lines(lesson) {
        let said = words(&line);
        if said.is_empty() {
            continue;
        }
        assert!(
            on_screen.windows(said.len()).any(|w| w == said.as_slice()),
            "{lesson}: not shown whole: {line:?}\n\n{shown}"
        );
        wrapped += usize::from(line.width() + 2 > COLUMNS);
    }
    // (The lessons have lines too wide for 80 columns: they were wrapped.)
    assert!(
        wrapped > 0,
        "{lesson}: nothing to wrap, so this proves nothing"
    );
    // Segment lines in their compact form: the options left out.
    assert!(shown.contains("[SYN] seq=0 win="), "{shown}");
    assert!(!shown.contains("<mss"), "{shown}");
}

#[test]
fn the_handshake_lesson_fits_80_columns() {
    plays_in_80_columns("41");
}

#[test]
fn the_lost_data_lesson_fits_80_columns() {
    plays_in_80_columns("45");
}

#[test]
fn the_lab_prompt_leaves_room_to_type_and_link_says_the_addresses() {
    if !common::lessons_run_here() {
        return;
    }
    let mut shell = spawn_at_80x24(&["--lab"]);
    // The banner says the hosts' addresses, wrapped.
    shell.exp_string("host a is 192.0.2.1").unwrap();
    shell.exp_string("lab pass> ").unwrap();
    shell
        .send("a_long_handle_name_for_a_prompt1 = socket tcp @a\r")
        .unwrap();
    shell.flush().unwrap();
    shell
        .exp_string(&as_read("lab pass [a_long_handle_na…]> "))
        .unwrap();
    shell.send("link hold\r").unwrap();
    shell.flush().unwrap();
    shell
        .exp_string(&as_read("lab hold [a_long_handle_na…]> "))
        .unwrap();
    shell.send("link\r").unwrap();
    shell.flush().unwrap();
    shell
        .exp_string("link: a->b hold, b->a hold (a is 192.0.2.1, b is 192.0.2.2)")
        .unwrap();
    shell.send_control('d').unwrap();
    shell.exp_eof().unwrap();
}
