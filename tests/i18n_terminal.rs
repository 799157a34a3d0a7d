//! socklab in a Russian or Chinese terminal: under `LANG=ru_RU.UTF-8`,
//! `LANG=zh_CN.UTF-8` and `LANG=zh_CN.GBK` (no other locale variable set,
//! as on a student's machine), in a pty, the banner, a help page, a why
//! line and a played lesson are in that language — and in that charset:
//! the GBK terminal gets GBK bytes, never UTF-8.
//!
//! What is expected is read from socklab's own message files and lessons
//! (in the language, then encoded in the terminal's charset), so the test
//! checks that the words reach the terminal, not one wording.

use std::process::Command;

use encoding_rs::{Encoding, GBK, UTF_8};
use rexpect::session::{PtySession, spawn_command};
use socklab::i18n::{Lang, in_lang, lookup};

/// A locale a student's terminal may have, and what it means.
struct Terminal {
    locale: &'static str,
    lang: Lang,
    charset: &'static Encoding,
}

const RU_UTF8: Terminal = Terminal {
    locale: "ru_RU.UTF-8",
    lang: Lang::Ru,
    charset: UTF_8,
};
const ZH_UTF8: Terminal = Terminal {
    locale: "zh_CN.UTF-8",
    lang: Lang::Zh,
    charset: UTF_8,
};
const ZH_GBK: Terminal = Terminal {
    locale: "zh_CN.GBK",
    lang: Lang::Zh,
    charset: GBK,
};

fn spawn(terminal: &Terminal, state: &std::path::Path, args: &[&str]) -> PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_socklab"));
    command
        .args(args)
        .env_remove("LANGUAGE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LC_CTYPE")
        .env("LANG", terminal.locale)
        .env("XDG_STATE_HOME", state)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    spawn_command(command, Some(20_000)).unwrap()
}

/// Waits for `text`, as the terminal's charset writes it. (rexpect keeps
/// each byte read as one char, so the bytes are matched exactly.)
fn expect(session: &mut PtySession, terminal: &Terminal, text: &str) {
    let (bytes, _, unmappable) = terminal.charset.encode(text);
    assert!(
        !unmappable,
        "{text:?} is not all in {}",
        terminal.charset.name()
    );
    let as_read: String = bytes.iter().map(|&b| b as char).collect();
    if let Err(error) = session.exp_string(&as_read) {
        panic!("{}: never saw {text:?}: {error}", terminal.locale);
    }
}

/// A message in the terminal's language, as socklab's files have it.
fn message(terminal: &Terminal, id: &str) -> String {
    in_lang(terminal.lang, || lookup(id)).unwrap_or_else(|| panic!("no message {id}"))
}

/// The first line of a lesson's narration in the terminal's language.
fn lesson_title(terminal: &Terminal, name: &str) -> String {
    let lesson = socklab::transcript::library::all()
        .into_iter()
        .find(|l| l.name == name)
        .expect("a lesson of the library");
    in_lang(terminal.lang, || lesson.title().to_string())
}

/// `--help` and a played lesson: clap's words and the lesson's narration.
fn help_and_a_lesson(terminal: &Terminal) {
    let state = tempfile::tempdir().unwrap();
    let mut help = spawn(terminal, state.path(), &["play", "--help"]);
    expect(&mut help, terminal, &message(terminal, "cli-play-about"));
    expect(
        &mut help,
        terminal,
        &format!("{}:", message(terminal, "cli-usage")),
    );
    help.exp_eof().unwrap();
    let mut play = spawn(terminal, state.path(), &["play", "--auto", "0s", "03"]);
    expect(
        &mut play,
        terminal,
        &lesson_title(terminal, "03-half-close"),
    );
    // The steps' own lines are in the language too; the call is a name.
    let new_handle = format!("{}: srv", message(terminal, "render-new-handle"));
    expect(&mut play, terminal, &new_handle);
    expect(&mut play, terminal, "shutdown(cli, SHUT_WR) = 0");
    play.exp_eof().unwrap();
}

#[test]
fn russian_utf8_terminal() {
    help_and_a_lesson(&RU_UTF8);
}

#[test]
fn chinese_utf8_terminal() {
    help_and_a_lesson(&ZH_UTF8);
}

#[test]
fn chinese_gbk_terminal() {
    help_and_a_lesson(&ZH_GBK);
}

/// The GBK terminal gets no UTF-8: the title's UTF-8 bytes never come.
#[test]
fn a_gbk_terminal_gets_no_utf8() {
    let state = tempfile::tempdir().unwrap();
    let mut play = spawn(&ZH_GBK, state.path(), &["play", "--auto", "0s", "03"]);
    let (all, _) = play.exp_eof().map(|text| (text, ())).unwrap();
    let bytes: Vec<u8> = all.chars().map(|c| c as u32 as u8).collect();
    let title = lesson_title(&ZH_GBK, "03-half-close");
    let utf8 = title.as_bytes();
    assert!(
        !bytes.windows(utf8.len()).any(|w| w == utf8),
        "the title came in UTF-8"
    );
    let (gbk, _, _) = GBK.encode(&title);
    assert!(
        bytes.windows(gbk.len()).any(|w| w == &gbk[..]),
        "no GBK title"
    );
}

/// The first words of a message (a help page wraps to the terminal: a
/// prefix is on the first line).
fn opening(text: &str) -> String {
    let cut: String = text.chars().take(12).collect();
    cut.trim_end().to_string()
}

/// The shell: a help page and a why line in the terminal's language.
fn a_session(terminal: &Terminal) {
    let state = tempfile::tempdir().unwrap();
    let mut shell = spawn(terminal, state.path(), &[]);
    let banner = in_lang(terminal.lang, || {
        socklab::t!("shell-banner", version = env!("CARGO_PKG_VERSION"))
    });
    expect(&mut shell, terminal, &opening(&banner));
    shell.exp_string("socklab> ").unwrap();
    shell.send_line("help listen").unwrap();
    expect(
        &mut shell,
        terminal,
        &opening(&message(terminal, "cmd-listen-summary")),
    );
    shell.exp_string("socklab> ").unwrap();
    shell.send_line("s = socket tcp").unwrap();
    shell.exp_string("socklab [s").unwrap();
    shell.send_line("connect s 127.0.0.1:1").unwrap();
    shell.exp_string("ECONNREFUSED").unwrap();
    expect(
        &mut shell,
        terminal,
        &opening(&message(terminal, "cmd-connect-errno-ECONNREFUSED")),
    );
    shell.send_line("quit").unwrap();
    shell.exp_eof().unwrap();
}

#[test]
fn russian_utf8_session() {
    a_session(&RU_UTF8);
}

#[test]
fn chinese_utf8_session() {
    a_session(&ZH_UTF8);
}

#[test]
fn chinese_gbk_session() {
    a_session(&ZH_GBK);
}
