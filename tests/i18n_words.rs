//! What a step shows, in Russian and Chinese: its why line is worded in
//! the language chosen, its JSON stays English whatever the language, and
//! the `words` section of the three message files agrees (the same ids,
//! each with the same arguments).

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::*;
use fluent_bundle::FluentResource;
use serde_json::Value;
use socklab::i18n::{Lang, ftl_source};

/// A refused connect, a listener sent to (a why chosen from the socket,
/// and a note), a bind to a port in use (a why, and a note naming who
/// holds it), state changes and new handles, a usage error and an await
/// that gives up.
const SCRIPT: &str = "
srv = socket tcp
bind srv 127.0.0.1:0
cli = socket tcp
connect cli srv
listen srv 5
send srv hello
other = socket tcp
bind other srv
close cli
bind other nonsense
await other ESTABLISHED 20ms
";

fn run_text(lang: &str) -> String {
    text(&run_with_stdin(SCRIPT.as_bytes(), &["--lang", lang]))
}

/// The steps as JSON, with what differs from run to run made the same:
/// ports, and the moments state changes were seen.
fn run_json_normalized(lang: &str) -> Vec<String> {
    let (steps, output) = run_json(SCRIPT, &["--lang", lang]);
    assert!(!steps.is_empty(), "{output:?}");
    let port = regex::Regex::new(r":\d{2,5}\b").unwrap();
    steps
        .into_iter()
        .map(|mut step| {
            if let Some(changes) = step["changes"].as_array_mut() {
                for change in changes {
                    change["t"] = Value::Null;
                }
            }
            port.replace_all(&step.to_string(), ":PORT").into_owned()
        })
        .collect()
}

#[test]
fn json_is_english_in_every_language() {
    let english = run_json_normalized("en");
    assert!(
        english
            .iter()
            .any(|s| s.contains("\"why\":\"this socket is listening")),
        "{english:#?}"
    );
    assert!(
        english.iter().any(|s| s.contains("ECONNREFUSED")),
        "{english:#?}"
    );
    for lang in ["ru", "zh"] {
        let other = run_json_normalized(lang);
        assert_eq!(english.len(), other.len(), "{lang}");
        for (en, step) in english.iter().zip(&other) {
            assert_eq!(en, step, "--lang {lang}");
        }
    }
}

#[test]
fn a_why_line_is_in_the_language_chosen() {
    let russian = run_text("ru");
    assert!(
        russian.contains("  почему: это слушающий сокет: он принимает соединения (accept)"),
        "{russian}"
    );
    assert!(
        russian.contains("= -1 ECONNREFUSED (В соединении отказано)"),
        "{russian}"
    );
    assert!(russian.contains("  новый дескриптор: srv"), "{russian}");
    assert!(russian.contains("  заметка: srv слушает"), "{russian}");
    let chinese = run_text("zh");
    assert!(
        chinese.contains("  原因: 这是一个监听套接字：它接受连接（accept）"),
        "{chinese}"
    );
    assert!(
        chinese.contains("= -1 ECONNREFUSED (连接被拒绝)"),
        "{chinese}"
    );
    assert!(chinese.contains("  状态 cli: CLOSE"), "{chinese}");
    let english = run_text("en");
    assert!(
        english.contains("  why: this socket is listening: it takes connections (accept)"),
        "{english}"
    );
}

/// The `words` section of `lang`'s file: each message id, and the names
/// of the variables its text uses.
fn words_section(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let source = ftl_source(lang).expect("the file is built in");
    if let Err((_, errors)) = FluentResource::try_new(source.clone()) {
        panic!("{lang}: the file does not parse: {errors:?}");
    }
    let start = source
        .find("## ---- section words")
        .expect("the section begins");
    let end = source
        .find("## ---- end of section words")
        .expect("the section ends");
    let mut messages: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut id = String::new();
    for line in source[start..end].lines() {
        if let Some((name, _)) = line.split_once(" = ")
            && !line.starts_with([' ', '#'])
        {
            id = name.to_string();
            messages.insert(id.clone(), BTreeSet::new());
        }
        if let Some(variables) = messages.get_mut(&id) {
            for part in line.split('$').skip(1) {
                let name: String = part
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    variables.insert(name);
                }
            }
        }
    }
    messages
}

#[test]
fn the_words_section_agrees_in_every_language() {
    let english = words_section(Lang::En);
    assert!(english.len() > 200, "{}", english.len());
    for lang in [Lang::Ru, Lang::Zh] {
        let other = words_section(lang);
        let missing: Vec<&String> = english
            .keys()
            .filter(|id| !other.contains_key(*id))
            .collect();
        let extra: Vec<&String> = other
            .keys()
            .filter(|id| !english.contains_key(*id))
            .collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{lang} has ids English has not: {extra:?}"
        );
        for (id, variables) in &english {
            assert_eq!(variables, &other[id], "{lang}: {id}'s arguments");
        }
    }
}
