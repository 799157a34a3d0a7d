//! `socklab --lang ru|zh export`: the program's comments — its head, the
//! notes on its steps — come in the chosen language, the lesson's
//! narration too, and the program still runs and reproduces the
//! transcript (run as tests/export.rs runs them: a user and network
//! namespace of its own, loopback up). What the program prints when it
//! runs stays English, as in every language.

use std::path::PathBuf;
use std::process::{Command, Output};

const SOCKLAB: &str = env!("CARGO_BIN_EXE_socklab");

/// `socklab --lang LANG export LESSON --to TO`, its output.
fn export(lang: &str, lesson: &str, to: &str) -> String {
    let output = Command::new(SOCKLAB)
        .env("LC_ALL", "C.UTF-8")
        .args(["--lang", lang, "export", lesson, "--to", to])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "export {lesson} in {lang}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("an exported program is UTF-8")
}

/// Runs `program` in a network namespace of its own, loopback up;
/// `None`: namespaces are refused here.
fn in_private_network(program: &[&str]) -> Option<Output> {
    let output = Command::new("unshare")
        .args(["--user", "--map-root-user", "--net", "sh", "-c"])
        .arg("ip link set lo up || exit 97; exec timeout 120 \"$@\"")
        .arg("sh")
        .args(program)
        .output()
        .ok()?;
    match output.status.code() {
        Some(97) => None,
        Some(1)
            if output.stdout.is_empty()
                && String::from_utf8_lossy(&output.stderr).contains("unshare") =>
        {
            None
        }
        _ => Some(output),
    }
}

fn namespaces_work() -> bool {
    let ok = in_private_network(&["true"]).is_some_and(|o| o.status.success());
    if !ok {
        eprintln!("skipped: no private network here (unshare --user --net and ip are needed)");
    }
    ok
}

fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("socklab-i18n-export-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs a built program; it must pass every check.
fn assert_reproduces(command: &[&str], source: &str) {
    let Some(output) = in_private_network(command) else {
        return;
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}: {}{}\n{source}",
        output.status,
        stdout,
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("every result as socklab recorded it"),
        "{stdout}"
    );
}

/// The comment lines of a program (`#` in Python, `/* … */` in C).
fn comments(source: &str, python: bool) -> Vec<&str> {
    source
        .lines()
        .map(str::trim_start)
        .filter(|l| match python {
            true => l.starts_with('#') || l.contains("  # "),
            false => l.contains("/*"),
        })
        .collect()
}

#[test]
fn a_lesson_exported_in_russian_is_commented_in_russian_and_runs() {
    let source = export("ru", "03", "python");
    for expected in [
        "# 03-half-close — экспортировано из socklab",
        "# Полузакрытие",
        "# Каждый шаг — одна строка socklab",
        "# в секундах: предел сеанса для блокирующего вызова и для await",
        "keep_ends(cli)  # чтобы потом найти его соединение",
    ] {
        assert!(source.contains(expected), "{expected}\n{source}");
    }
    for english in ["exported by socklab", "Each step is one socklab line"] {
        assert!(!source.contains(english), "{english}\n{source}");
    }
    // The program text itself is the same as in English: the same lines
    // once comments and docstrings are taken out.
    let code = |s: &str| -> Vec<String> {
        let without_docstrings = s
            .split("\"\"\"")
            .step_by(2)
            .collect::<Vec<_>>()
            .join("\"\"\"\"\"\"");
        without_docstrings
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .map(|l| l.split("  # ").next().unwrap().to_string())
            .collect()
    };
    assert_eq!(code(&source), code(&export("en", "03", "python")));
    assert!(comments(&source, true).len() > 10);
    if !namespaces_work() {
        return;
    }
    let dir = scratch("ru");
    let file = dir.join("03.py");
    std::fs::write(&file, &source).unwrap();
    assert_reproduces(&["python3", file.to_str().unwrap()], &source);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_lesson_exported_in_chinese_is_commented_in_chinese_builds_and_runs() {
    let source = export("zh", "03", "c");
    for expected in [
        "/* 03-half-close — 由 socklab 导出",
        " * 每一步对应 socklab 的一行",
        "TIMEOUT_MS = 2000; /* 本会话中阻塞调用和 await 的时限 */",
        "keep_ends(cli, &cli_ends); /* 以便之后找到它的连接 */",
    ] {
        assert!(source.contains(expected), "{expected}\n{source}");
    }
    assert!(!source.contains("exported by socklab"), "{source}");
    // The program text itself is the same as in English once the
    // comments are taken out.
    let code = |s: &str| -> Vec<String> {
        let text: String = s
            .split("/*")
            .enumerate()
            .map(|(i, part)| match i {
                0 => part,
                _ => part.split_once("*/").map_or("", |(_, rest)| rest),
            })
            .collect();
        text.lines()
            .map(str::trim_end)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()
    };
    assert_eq!(code(&source), code(&export("en", "03", "c")));
    // Every comment opened is closed on its line or in the head.
    for line in comments(&source, false) {
        assert_eq!(line.matches("/*").count(), 1, "{line}");
    }
    if !namespaces_work() || Command::new("cc").arg("--version").output().is_err() {
        return;
    }
    let dir = scratch("zh");
    let file = dir.join("03.c");
    let binary = dir.join("03");
    std::fs::write(&file, &source).unwrap();
    let built = Command::new("cc")
        .args(["-Wall", "-Wextra", "-Werror", "-o"])
        .arg(&binary)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert_reproduces(&[binary.to_str().unwrap()], &source);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The Markdown page's headings and prose follow the language; the
/// programs on it carry the same comments.
#[test]
fn the_markdown_page_speaks_the_language() {
    let page = export("ru", "03", "markdown");
    assert!(page.starts_with("# 03-half-close в трёх видах\n"), "{page}");
    assert!(page.contains("## Транскрипт\n"), "{page}");
    assert!(
        page.contains("# Каждый шаг — одна строка socklab"),
        "{page}"
    );
    let page = export("zh", "03", "markdown");
    assert!(page.starts_with("# 03-half-close 的三种形式\n"), "{page}");
    assert!(page.contains("## 记录\n"), "{page}");
}

/// `socklab translate` in Russian: the script's comments and the list of
/// what was left out, with Russian plurals.
#[test]
fn translate_speaks_the_language() {
    let dir = scratch("translate");
    let program = dir.join("prog.py");
    std::fs::write(
        &program,
        "import socket\ns = socket.socket()\nprint('hi')\ns.close()\n",
    )
    .unwrap();
    let output = Command::new(SOCKLAB)
        .env("LC_ALL", "C.UTF-8")
        .args(["--lang", "ru", "translate"])
        .arg(&program)
        .output()
        .unwrap();
    let script = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{script}");
    assert!(
        script.starts_with("# prog.py, переведено командой socklab translate"),
        "{script}"
    );
    assert!(
        script.contains(
            "# не переведено: print('hi')  # prog.py:3 — print: socklab сам показывает результат каждого вызова"
        ),
        "{script}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// What could not be translated is counted with the language's plurals.
#[test]
fn the_untranslated_count_takes_the_languages_plurals() {
    use socklab::i18n::{Lang, in_lang};
    use socklab::translate::untranslated_heading;
    let heading = |lang, n| in_lang(lang, || untranslated_heading(n));
    assert_eq!(
        heading(Lang::En, 1),
        "not translated (1 line; each is a comment in the script):"
    );
    assert_eq!(
        heading(Lang::En, 3),
        "not translated (3 lines; each is a comment in the script):"
    );
    for (n, word) in [
        (1, "строка"),
        (2, "строки"),
        (5, "строк"),
        (11, "строк"),
        (21, "строка"),
    ] {
        assert!(
            heading(Lang::Ru, n).starts_with(&format!("не переведено ({n} {word};")),
            "{n}: {}",
            heading(Lang::Ru, n)
        );
    }
    assert!(heading(Lang::Zh, 2).starts_with("未翻译（2 行；"));
}

/// Numbers in translate's reasons are written whole, with the noun the
/// language wants after them.
#[test]
fn translates_limits_read_as_numbers() {
    use socklab::i18n::{Lang, in_lang, lookup_with};
    let bytes = |lang| {
        in_lang(lang, || {
            lookup_with("translate-why-script-full", &[("bytes", 1_048_576.into())]).unwrap()
        })
    };
    assert_eq!(
        bytes(Lang::En),
        "the script reached 1048576 bytes: the rest is left out"
    );
    assert_eq!(
        bytes(Lang::Ru),
        "скрипт вырос до 1048576 байт: остальное опущено"
    );
    let rounds = |n: u64| {
        in_lang(Lang::Ru, || {
            lookup_with("translate-why-unrolled", &[("count", n.into())]).unwrap()
        })
    };
    assert!(
        rounds(100_000).contains(" 100000 раз:"),
        "{}",
        rounds(100_000)
    );
    assert!(rounds(3).contains(" 3 раза:"), "{}", rounds(3));
}

/// Every lesson's program in Russian and in Chinese is still a program:
/// Python parses it, cc compiles it with warnings as errors — whatever
/// the helpers' and the steps' comments say in that language.
#[test]
fn every_lesson_in_russian_and_chinese_is_still_a_program() {
    let mut lessons: Vec<PathBuf> =
        std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("transcripts"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "socklab"))
            .collect();
    lessons.sort();
    let has_cc = Command::new("cc").arg("--version").output().is_ok();
    for lang in ["ru", "zh"] {
        let dir = scratch(&format!("all-{lang}"));
        let (mut python, mut c) = (Vec::new(), Vec::new());
        for lesson in &lessons {
            let stem = lesson.file_stem().unwrap().to_string_lossy().into_owned();
            for (to, files) in [("python", &mut python), ("c", &mut c)] {
                let file = dir.join(format!("{stem}.{}", if to == "c" { "c" } else { "py" }));
                std::fs::write(&file, export(lang, lesson.to_str().unwrap(), to)).unwrap();
                files.push(file);
            }
        }
        let parsed = Command::new("python3")
            .args(["-c", "import ast, sys\nfor f in sys.argv[1:]: ast.parse(open(f, encoding='utf-8').read(), f)"])
            .args(&python)
            .output()
            .unwrap();
        assert!(
            parsed.status.success(),
            "{lang}: {}",
            String::from_utf8_lossy(&parsed.stderr)
        );
        if has_cc {
            let built = Command::new("cc")
                .args(["-fsyntax-only", "-Wall", "-Wextra", "-Werror"])
                .args(&c)
                .output()
                .unwrap();
            assert!(
                built.status.success(),
                "{lang}: {}",
                String::from_utf8_lossy(&built.stderr)
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
