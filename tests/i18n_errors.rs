//! Usage errors in three languages: the shell words them in the language
//! chosen, JSON keeps them in English, and every error message is written
//! in en, ru and zh with the same arguments.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{run_json, run_with_stdin};
use socklab::i18n::{Lang, ftl_source};

/// Lines that are each a usage error: an unknown command (with a
/// suggestion), a bad address, a word left over (with the handles), a bad
/// escape.
const BAD_LINES: &str = "lsiten 5\nsrv = socket tcp\nbind srv 1.2.3\nclose zz\nsend srv \"a\\q\"\n";

fn shown(lang: &str) -> String {
    let output = run_with_stdin(BAD_LINES.as_bytes(), &["--lang", lang]);
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_usage_error_reads_in_russian() {
    let text = shown("ru");
    for expected in [
        "столбец 1: неизвестная команда «lsiten» — может быть, «listen»?",
        "столбец 10: неверный адрес: «1.2.3» — не адрес",
        "столбец 7: лишний аргумент «zz» (дескрипторы: srv) — синтаксис: close [H]",
        "столбец 12: неизвестная escape-последовательность «\\q»",
        "— синтаксис: bind [H] ADDR",
    ] {
        assert!(text.contains(expected), "no {expected:?} in:\n{text}");
    }
}

#[test]
fn a_usage_error_reads_in_chinese() {
    let text = shown("zh");
    for expected in [
        "第 1 列：未知命令 “lsiten”——你是不是想写 “listen”？",
        "第 10 列：地址有误：“1.2.3” 不是地址",
        "第 7 列：多余的参数 “zz”（现有句柄：srv）——用法：close [H]",
        "第 12 列：未知的转义 “\\q”",
        "——用法：bind [H] ADDR",
    ] {
        assert!(text.contains(expected), "no {expected:?} in:\n{text}");
    }
}

#[test]
fn english_usage_errors_are_unchanged() {
    let text = shown("en");
    for expected in [
        "error: column 1: unknown command 'lsiten' — did you mean 'listen'?",
        "error: column 10: bad address: '1.2.3' is not an address — expected IP:PORT",
        "error: column 7: unexpected 'zz' (handles: srv) — usage: close [H]",
        "error: column 12: unknown escape '\\q' — use \\n \\r \\t \\0 \\\\ \\\" \\' or \\xNN",
    ] {
        assert!(text.contains(expected), "no {expected:?} in:\n{text}");
    }
}

/// JSON is the same in every language: a program reading it matches on
/// the English text.
#[test]
fn a_usage_errors_json_is_english_in_every_language() {
    let errors = |lang: &str| -> Vec<String> {
        let (steps, _) = run_json(BAD_LINES, &["--lang", lang]);
        steps.iter().map(|step| step["error"].to_string()).collect()
    };
    let english = errors("en");
    assert!(
        english[0].contains("unknown command 'lsiten'"),
        "{english:?}"
    );
    assert_eq!(errors("ru"), english);
    assert_eq!(errors("zh"), english);
}

/// Each message of the `errors` section: its id and the variables it uses.
fn error_messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let source = ftl_source(lang).expect("the messages are built in");
    let start = source
        .find("## ---- section errors")
        .expect("an errors section");
    let end = source[start..]
        .find("## ---- end of section errors")
        .map(|n| start + n)
        .expect("the section's end");
    let mut messages: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current = None;
    for line in source[start..end].lines() {
        if let Some((id, _)) = line.split_once(" =")
            && !line.starts_with([' ', '#'])
        {
            current = Some(id.trim().to_string());
            messages.entry(id.trim().to_string()).or_default();
        } else if !line.starts_with(' ') {
            current = None;
        }
        let Some(id) = &current else { continue };
        let variables = line.split("{ $").skip(1).filter_map(|rest| {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            (!name.is_empty()).then_some(name)
        });
        messages.get_mut(id).unwrap().extend(variables);
    }
    messages
}

#[test]
fn every_error_message_is_written_in_every_language() {
    let english = error_messages(Lang::En);
    assert!(english.len() > 50, "{} messages", english.len());
    let mut wrong = Vec::new();
    for lang in [Lang::Ru, Lang::Zh] {
        let translated = error_messages(lang);
        for (id, variables) in &english {
            match translated.get(id) {
                None => wrong.push(format!("{lang}: no {id}")),
                Some(theirs) if theirs != variables => wrong.push(format!(
                    "{lang}: {id} uses {theirs:?}, English {variables:?}"
                )),
                Some(_) => {}
            }
        }
        for id in translated.keys().filter(|id| !english.contains_key(*id)) {
            wrong.push(format!("{lang}: {id} is not in English"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// What an argument is reads in the language shown; a placeholder
/// (`ADDR`) or a word with no message of its own stays as written.
#[test]
fn argument_kinds_are_worded_in_each_language() {
    use socklab::i18n::in_lang;
    use socklab::parse::noun;
    let cases = [
        ("socket kind", "socket kind", "вид сокета", "套接字类型"),
        ("port", "port", "порт", "端口"),
        ("queue length", "queue length", "длина очереди", "队列长度"),
        ("ADDR", "ADDR", "ADDR", "ADDR"),
        ("FILE or off", "FILE or off", "FILE или off", "FILE 或 off"),
        ("N", "N", "N", "N"),
    ];
    for (what, en, ru, zh) in cases {
        let text = noun(what);
        assert_eq!(in_lang(Lang::En, || text.word()), en);
        assert_eq!(in_lang(Lang::Ru, || text.word()), ru);
        assert_eq!(in_lang(Lang::Zh, || text.word()), zh);
    }
}

/// Every argument kind a parser names (`cursor.keyword("socket kind", …)`)
/// that is a word of English, not a placeholder or a word the student
/// types, has a message `error-what-…` in all three languages
/// (rust-analyzer's tidy: a test that reads the source).
#[test]
fn every_argument_kind_in_the_parsers_has_a_message() {
    // Words the student types as they are: they stay names.
    const TYPED: &[&str] = &["rate", "queue", "save", "next", "for", "every"];
    const CALLS: &[&str] = &[
        ".keyword(",
        ".int(",
        "int_from(",
        ".optional_int(",
        ".word(",
        ".path(",
        ".data(",
        "required_handle(",
        "delay_value(cursor, ",
        "percent_value(cursor, ",
    ];
    let mut kinds = BTreeSet::new();
    // (Python's own words, src/command/python, are not the parsers'.)
    let mut files = vec![std::path::PathBuf::from("src")];
    while let Some(path) = files.pop() {
        if path.ends_with("src/command/python") {
            continue;
        }
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        for line in source.lines() {
            for call in CALLS {
                let Some(at) = line.find(call) else { continue };
                let rest = &line[at + call.len()..];
                // The kind is the first argument, or the second of int_from.
                let most = if *call == "int_from(" { 20 } else { 0 };
                let Some(open) = rest.find('"').filter(|&open| open <= most) else {
                    continue;
                };
                let Some(len) = rest[open + 1..].find('"') else {
                    continue;
                };
                kinds.insert(rest[open + 1..open + 1 + len].to_string());
            }
        }
    }
    assert!(kinds.contains("socket kind"), "{kinds:?}");
    let english = error_messages(Lang::En);
    let missing: Vec<&String> = kinds
        .iter()
        // A placeholder (ADDR, FILE.svg, N …) is a name.
        .filter(|kind| kind.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter(|kind| !TYPED.contains(&kind.as_str()))
        .filter(|kind| !english.contains_key(&format!("error-what-{}", kind.replace(' ', "-"))))
        .collect();
    assert!(
        missing.is_empty(),
        "no error-what-… message for {missing:?}"
    );
}
