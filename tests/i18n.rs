//! socklab in three languages: the message files agree, and every lesson
//! is narrated in each.

use socklab::i18n::Lang;
use socklab::transcript::library;
use socklab::transcript_format::{Narration, parse};

/// Every narration block of every lesson in the library (and every
/// transcript in transcripts/, which is the same set) is written in en,
/// ru and zh: a block in one language and not another fails, naming the
/// lesson and the command it comes before.
#[test]
fn every_lesson_is_narrated_in_english_russian_and_chinese() {
    let mut missing = Vec::new();
    let lessons = library::all();
    assert!(
        lessons.len() >= 60,
        "the library has {} lessons",
        lessons.len()
    );
    for lesson in lessons {
        let parsed = parse(lesson.text).unwrap_or_else(|e| panic!("{}: {e}", lesson.name));
        let mut check = |narration: &Narration, place: String| {
            for lang in narration.missing() {
                missing.push(format!("{}: {place}: no {lang} narration", lesson.name));
            }
        };
        for entry in &parsed.entries {
            check(
                &entry.narration,
                format!("line {} ({})", entry.line, entry.command),
            );
        }
        check(&parsed.epilogue, "the end".to_string());
        for lang in Lang::ALL {
            if parsed.entries[0].narration.written_in(lang).is_empty() {
                missing.push(format!("{}: no {lang} title", lesson.name));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "{} blocks:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

mod files {
    use std::collections::{BTreeMap, BTreeSet};

    use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
    use socklab::i18n::{Lang, ftl_source};

    /// A file's messages: each id with the variables its value and
    /// attributes use.
    fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
        let source = ftl_source(lang).unwrap_or_else(|| panic!("no {lang} file"));
        let resource = match fluent_syntax::parser::parse(source.as_str()) {
            Ok(resource) => resource,
            Err((_, errors)) => panic!("{lang}: the file does not parse: {errors:?}"),
        };
        let mut found = BTreeMap::new();
        for entry in resource.body {
            match entry {
                Entry::Message(message) => {
                    let mut variables = BTreeSet::new();
                    if let Some(value) = &message.value {
                        pattern(value, &mut variables);
                    }
                    for attribute in &message.attributes {
                        pattern(&attribute.value, &mut variables);
                    }
                    let id = message.id.name.to_string();
                    assert!(
                        found.insert(id.clone(), variables).is_none(),
                        "{lang}: {id} is written twice"
                    );
                }
                Entry::Junk { content } => panic!("{lang}: cannot read {content:?}"),
                _ => {}
            }
        }
        found
    }

    fn pattern(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let PatternElement::Placeable { expression } = element {
                self::expression(expression, out);
            }
        }
    }

    fn expression(expression: &Expression<&str>, out: &mut BTreeSet<String>) {
        match expression {
            Expression::Select { selector, variants } => {
                inline(selector, out);
                for variant in variants {
                    pattern(&variant.value, out);
                }
            }
            Expression::Inline(expression) => inline(expression, out),
        }
    }

    fn inline(expression: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match expression {
            InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_string());
            }
            InlineExpression::Placeable { expression } => self::expression(expression, out),
            InlineExpression::FunctionReference { arguments, .. } => {
                for argument in &arguments.positional {
                    inline(argument, out);
                }
                for argument in &arguments.named {
                    inline(&argument.value, out);
                }
            }
            _ => {}
        }
    }

    /// Every English message is in ru and zh-Hans with the same
    /// arguments, and neither has a message English lacks: a missing or
    /// misnamed one fails, named.
    #[test]
    fn every_message_is_in_every_language_with_the_same_arguments() {
        let english = messages(Lang::En);
        assert!(english.len() > 50, "{} English messages", english.len());
        let mut problems = Vec::new();
        for lang in [Lang::Ru, Lang::Zh] {
            let other = messages(lang);
            for (id, variables) in &english {
                match other.get(id) {
                    None => problems.push(format!("{lang}: no {id}")),
                    Some(theirs) if theirs != variables => problems.push(format!(
                        "{lang}: {id} takes {theirs:?}, English takes {variables:?}"
                    )),
                    Some(_) => {}
                }
            }
            for id in other.keys().filter(|id| !english.contains_key(*id)) {
                problems.push(format!("{lang}: {id} is not an English message"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// The test above can fail: a file missing a message, or with an
    /// argument renamed, is caught.
    #[test]
    fn a_missing_or_renamed_argument_is_seen() {
        let mut found = BTreeSet::new();
        let parsed =
            fluent_syntax::parser::parse("a = { $count ->\n    [one] x\n   *[other] { $n }\n}\n")
                .expect("parses");
        if let Entry::Message(message) = &parsed.body[0] {
            pattern(message.value.as_ref().expect("a value"), &mut found);
        }
        assert_eq!(
            found,
            BTreeSet::from(["count".to_string(), "n".to_string()])
        );
    }
}

/// `socklab test` gives the same results in every language: lessons
/// that pass in English pass under `--lang ru` and `--lang zh` (their
/// output is compared in English), and a transcript that fails in
/// English fails in each.
#[test]
fn test_results_do_not_depend_on_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.socklab");
    let lesson = library::all()
        .into_iter()
        .find(|l| l.name == "03-half-close")
        .expect("lesson 03");
    std::fs::write(
        &broken,
        lesson.text.replace(
            "  state cli: CLOSE → ESTABLISHED",
            "  state cli: CLOSE → LISTEN",
        ),
    )
    .unwrap();
    for lang in ["en", "ru", "zh"] {
        let run = |args: &[&str]| {
            std::process::Command::new(env!("CARGO_BIN_EXE_socklab"))
                .env("LC_ALL", "C.UTF-8")
                .args(["--lang", lang, "test"])
                .args(args)
                .output()
                .unwrap()
        };
        let passed = run(&["03", "12", "14"]);
        assert!(
            passed.status.success(),
            "--lang {lang}: {}",
            String::from_utf8_lossy(&passed.stdout)
        );
        let failed = run(&[broken.to_str().unwrap()]);
        assert_eq!(
            failed.status.code(),
            Some(1),
            "--lang {lang}: a broken transcript"
        );
    }
}

mod plurals {
    use socklab::i18n::{Lang, in_lang, lookup_with};

    fn russian(id: &str, name: &str, count: u64, others: &[(&str, &str)]) -> String {
        let mut args: Vec<(&str, fluent_bundle::FluentValue<'_>)> = vec![(name, count.into())];
        args.extend(others.iter().map(|(k, v)| (*k, (*v).into())));
        in_lang(Lang::Ru, || lookup_with(id, &args)).unwrap_or_else(|| panic!("no {id}"))
    }

    /// Russian counts take CLDR's forms: 1 and 21 one, 2 few, 5, 11 and
    /// 111 many — "1 сегмент, 2 сегмента, 5 сегментов" in the graph's
    /// caption, and "строка, строки, строк" in a failure report.
    #[test]
    fn russian_nouns_agree_with_their_numbers() {
        let counts = [1, 2, 5, 11, 21, 111, 1001, 12, 22];
        let segments: Vec<String> = counts
            .iter()
            .map(|&n| {
                russian(
                    "diagram-graph-counts",
                    "data",
                    n,
                    &[("again", "0"), ("lost", "0")],
                )
            })
            .map(|text| text.split(';').next().unwrap_or("").to_string())
            .collect();
        assert_eq!(
            segments,
            [
                "1 сегмент с данными",
                "2 сегмента с данными",
                "5 сегментов с данными",
                "11 сегментов с данными",
                "21 сегмент с данными",
                "111 сегментов с данными",
                "1001 сегмент с данными",
                "12 сегментов с данными",
                "22 сегмента с данными",
            ]
        );
        let lines: Vec<String> = [1, 3, 5, 11, 21, 111]
            .iter()
            .map(|&n| russian("test-more-lines", "count", n, &[]))
            .collect();
        assert_eq!(
            lines,
            [
                "… и ещё 1 строка",
                "… и ещё 3 строки",
                "… и ещё 5 строк",
                "… и ещё 11 строк",
                "… и ещё 21 строка",
                "… и ещё 111 строк",
            ]
        );
    }

    /// Every Russian message that chooses by a number has the three forms
    /// a count needs (one, few, many): a select with only `one` and
    /// `other`, as English has, would say "5 сегмента". (After "из",
    /// "до", "глубже" the noun is genitive, where few and many agree —
    /// "из 2 предсказаний", "из 5 предсказаний" — and both are written.)
    #[test]
    fn every_russian_count_has_one_few_and_many() {
        let source = socklab::i18n::ftl_source(Lang::Ru).expect("the ru file");
        let mut problems = Vec::new();
        let mut id = "";
        let mut keys: Vec<String> = Vec::new();
        let mut check = |id: &str, keys: &[String]| {
            let plural = keys.iter().any(|k| k == "one" || k == "few");
            let whole = ["one", "few", "many"]
                .iter()
                .all(|k| keys.iter().any(|h| h == k));
            if plural && !whole {
                problems.push(format!("{id}: {keys:?}"));
            }
        };
        for line in source.lines() {
            if let Some((name, _)) = line.split_once(" =")
                && !line.starts_with([' ', '#'])
            {
                check(id, &keys);
                keys.clear();
                id = name;
            }
            let trimmed = line.trim_start().trim_start_matches('*');
            if let Some(rest) = trimmed.strip_prefix('[')
                && let Some((key, _)) = rest.split_once(']')
            {
                keys.push(key.to_string());
            }
        }
        check(id, &keys);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}

/// A lesson cannot change the language (it would change the report's
/// around it, and the next lessons'): `lang ru` in a lesson is a usage
/// error saying to play it with --lang, and the report stays English.
#[test]
fn a_lesson_cannot_change_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let lesson = dir.path().join("lang.socklab");
    std::fs::write(
        &lesson,
        "> lang ru\n> lang\nlanguage: English (en) — lang en, lang ru or lang zh changes it\n",
    )
    .unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_socklab"))
        .env("LC_ALL", "C.UTF-8")
        .args(["test", lesson.to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("a lesson does not change the language"),
        "{stdout}"
    );
    assert!(
        stdout.contains("1 failed"),
        "the report stays English: {stdout}"
    );
}
