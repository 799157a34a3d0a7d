//! The shell and the lesson player in Russian and Chinese: `play
//! --predict` asks, reads a Russian answer word and marks it in Russian
//! (in a terminal, a pty), and `socklab lessons` lists the groups and
//! titles in Chinese. English is what every other test checks.

use std::process::Command;

use rexpect::session::{PtySession, spawn_command};

fn spawn(args: &[&str]) -> PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_socklab"));
    command
        .args(args)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("USER", "student1");
    spawn_command(command, Some(20_000)).unwrap()
}

/// Waits for `text` on screen. rexpect reads the terminal a byte at a
/// time, each byte as a char: the UTF-8 text is looked for as those.
fn expect(play: &mut PtySession, text: &str) {
    let as_read: String = text.bytes().map(char::from).collect();
    if let Err(error) = play.exp_string(&as_read) {
        panic!("{text:?} not shown: {error}");
    }
}

/// Answers the Russian question on screen.
fn answer(play: &mut PtySession, text: &str) {
    expect(play, "предскажите: что вернёт вызов?");
    play.send_line(text).unwrap();
}

/// Lesson 12 with `--predict --lang ru`: the keys, the way to answer, the
/// questions, the marks and the score in Russian; `успех` and
/// `блокируется` are read as `ok` and `blocks`, names stay names.
#[test]
fn predict_asks_reads_and_marks_in_russian() {
    let mut play = spawn(&["--lang", "ru", "play", "--predict", "12"]);
    expect(&mut play, "Enter: дальше");
    expect(&mut play, "Вопросы: скажите, чего вы ждёте");
    expect(&mut play, "> u = socket udp");
    play.send("\r").unwrap();
    play.flush().unwrap();
    expect(&mut play, "socket(AF_INET, SOCK_DGRAM, 0) = ");
    // connect: `успех` is `ok`, and it is right.
    expect(&mut play, "> connect u 127.0.0.1:9");
    answer(&mut play, "успех");
    expect(&mut play, "connect(u, 127.0.0.1:9) = 0");
    expect(&mut play, "✓ успешный вызов: успех (верно)");
    // send: `?` shows what it was.
    expect(&mut play, "> send u \"anyone?\"");
    answer(&mut play, "?");
    expect(&mut play, "? ответ: вернул 7");
    // await is not a call: Enter.
    expect(&mut play, "> await u readable");
    play.send("\r").unwrap();
    play.flush().unwrap();
    // recv: the errno is a name in every language.
    expect(&mut play, "> recv u");
    answer(&mut play, "-1 ECONNREFUSED");
    expect(&mut play, "✓ возвращаемое значение: -1 (верно)");
    expect(&mut play, "✓ errno: ECONNREFUSED (верно)");
    // getsockopt: `блокируется` is `blocks`, and it is wrong.
    expect(&mut play, "> getsockopt u SO_ERROR");
    answer(&mut play, "блокируется");
    expect(&mut play, "✗ блокировка: блокируется (неверно)");
    expect(&mut play, "на самом деле: вернул 0");
    expect(&mut play, "итог: верно 2 из 4 предсказаний");
    play.exp_eof().unwrap();
}

/// An answer that is not one is explained in Russian, and asked again.
#[test]
fn an_unreadable_answer_is_explained_in_russian() {
    let mut play = spawn(&["--lang", "ru", "play", "--predict", "12"]);
    expect(&mut play, "> u = socket udp");
    play.send("\r").unwrap();
    play.flush().unwrap();
    answer(&mut play, "ESTABLISHED");
    expect(&mut play, "«ESTABLISHED» — это состояние TCP");
    // `й` is q on a Russian keyboard: it quits.
    answer(&mut play, "й");
    play.exp_eof().unwrap();
}

/// `socklab --lang zh lessons`: the groups and the titles in Chinese,
/// the lessons' names as they are.
#[test]
fn lessons_are_listed_in_chinese() {
    let output = Command::new(env!("CARGO_BIN_EXE_socklab"))
        .args(["--lang", "zh", "lessons"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "TCP 连接：", "{text}");
    assert!(
        lines[1].starts_with("  01-handshake") && lines[1].contains("三次握手"),
        "{text}"
    );
    for group in ["网络实验室：", "网络实验室：真实的路径：", "参考："] {
        assert!(lines.contains(&group), "no {group} in:\n{text}");
    }
    assert!(text.contains("[提问 2 次]"), "{text}");
    assert!(!text.contains("TCP connections"), "{text}");
}

/// The shell's first line in Chinese and in Russian: the commands in it
/// stay as they are typed.
#[test]
fn the_banner_is_in_the_chosen_language() {
    for (lang, shown) in [
        (
            "zh",
            "第一次接触套接字？`lessons` 列出课程，`play 01` 播放第一课。",
        ),
        ("ru", "Впервые с сокетами? `lessons` покажет список уроков"),
    ] {
        let mut shell = spawn(&["--lang", lang]);
        expect(&mut shell, shown);
        shell.send_control('d').unwrap();
        shell.exp_eof().unwrap();
    }
}

/// `socklab test` reports in the chosen language; what it compares is
/// English, so the lesson passes as it does in English.
#[test]
fn the_test_report_is_in_russian() {
    let output = Command::new(env!("CARGO_BIN_EXE_socklab"))
        .args(["--lang", "ru", "test", "12"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{text}");
    assert_eq!(
        text.lines().last(),
        Some("пройдено: 1, не пройдено: 0, пропущено: 0"),
        "{text}"
    );
}

/// The shell section's messages: (id, the variables it uses), in the
/// order the file has them.
fn shell_messages(lang: socklab::i18n::Lang) -> Vec<(String, Vec<String>)> {
    let source = socklab::i18n::ftl_source(lang).expect("the file is built in");
    if let Err((_, errors)) = fluent_bundle::FluentResource::try_new(source.clone()) {
        panic!("{lang}: the file does not parse: {errors:?}");
    }
    let section = source
        .split("## ---- section shell:")
        .nth(1)
        .and_then(|rest| rest.split("## ---- end of section shell ----").next())
        .unwrap_or_else(|| panic!("{lang}: no shell section"));
    let mut messages: Vec<(String, Vec<String>)> = Vec::new();
    for line in section.lines() {
        let starts_message = line.chars().next().is_some_and(|c| c.is_ascii_lowercase());
        if starts_message && let Some((id, _)) = line.split_once(" =") {
            messages.push((id.to_string(), Vec::new()));
        }
        if let Some((_, variables)) = messages.last_mut() {
            for piece in line.split('$').skip(1) {
                let name: String = piece
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !variables.contains(&name) {
                    variables.push(name);
                }
            }
        }
    }
    for (_, variables) in &mut messages {
        variables.sort();
    }
    messages
}

/// Every message of the shell section is written in ru and zh, with the
/// same variables as in English, and nothing more.
#[test]
fn the_shell_section_is_the_same_in_every_language() {
    use socklab::i18n::Lang;
    let english = shell_messages(Lang::En);
    assert!(english.len() > 100, "{} messages", english.len());
    for lang in [Lang::Ru, Lang::Zh] {
        let theirs = shell_messages(lang);
        for (id, variables) in &english {
            match theirs.iter().find(|(their_id, _)| their_id == id) {
                None => panic!("{lang}: no {id}"),
                Some((_, their_variables)) => {
                    assert_eq!(their_variables, variables, "{lang}: {id}'s variables")
                }
            }
        }
        for (id, _) in &theirs {
            assert!(
                english.iter().any(|(e, _)| e == id),
                "{lang}: {id} is not in en"
            );
        }
    }
}
