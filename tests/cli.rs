//! The command line as people expect it: global flags work in every
//! subcommand or are refused there (never silently ignored), `--help`
//! states true defaults and describes every argument, help fits 80
//! columns, and `play` of a plain command list says how to make a lesson.

mod common;

use common::socklab;

fn run(args: &[&str]) -> (i32, String, String) {
    let output = socklab().args(args).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn lesson(name: &str) -> String {
    format!("{}/transcripts/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn flags_that_do_not_apply_are_refused_saying_why() {
    if !common::lessons_run_here() {
        return;
    }
    let half_close = lesson("03-half-close.socklab");
    let cases: &[(&[&str], &str)] = &[
        (
            &["--json", "test", &half_close],
            "--json does not apply to `socklab test`",
        ),
        (
            &["--json", "play", "--auto", "0s", &half_close],
            "--json does not apply to `socklab play`",
        ),
        (
            &["--bail", "test", &half_close],
            "--bail does not apply to `socklab test`",
        ),
        (
            &["--wire", "test", &half_close],
            "--wire does not apply to `socklab test`",
        ),
        (
            &["--timeout", "1", "help"],
            "--timeout does not apply to `socklab help`",
        ),
        (
            &["--encoding", "gbk", "help"],
            "--encoding does not apply to `socklab help`",
        ),
        (
            &["--json", "record", "/dev/null"],
            "--json does not apply to `socklab record`",
        ),
    ];
    for (args, message) in cases {
        let (code, stdout, stderr) = run(args);
        assert_eq!(code, 2, "{args:?}: {stdout}{stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert_eq!(stdout, "", "{args:?} ran anyway");
    }
}

#[test]
fn wire_works_in_play_and_timeout_in_test() {
    if !common::lessons_run_here() {
        return;
    }
    let (code, stdout, stderr) = run(&[
        "--wire",
        "play",
        "--auto",
        "0s",
        &lesson("03-half-close.socklab"),
    ]);
    if stderr.contains("CAP_NET_RAW") {
        eprintln!("skipped: no CAP_NET_RAW here");
        return;
    }
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("cli → srv  [SYN]"), "{stdout}");

    // --timeout bounds a lesson that sets none (a recv that would block).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blocks.socklab");
    std::fs::write(&path, "> u = socket udp\n...\n> recv u\n...\n").unwrap();
    let started = std::time::Instant::now();
    let (_, stdout, _) = run(&["--timeout", "300ms", "test", path.to_str().unwrap()]);
    assert!(stdout.contains("1 passed"), "{stdout}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(4),
        "the 5 s default was used, not --timeout"
    );
}

#[test]
fn help_states_true_defaults_and_describes_every_argument() {
    if !common::lessons_run_here() {
        return;
    }
    let (_, top, _) = run(&["--help"]);
    assert!(top.contains("in lessons (test, play, record) 5s"), "{top}");
    for sub in ["run", "test", "record", "play", "help"] {
        let (code, text, _) = run(&[sub, "--help"]);
        assert_eq!(code, 0);
        let arguments = text
            .split("Arguments:")
            .nth(1)
            .and_then(|rest| rest.split("Options:").next())
            .unwrap_or_default();
        for line in arguments
            .lines()
            .filter(|l| l.trim_start().starts_with(['<', '[']))
        {
            let described = line
                .trim()
                .split_once("  ")
                .map(|(_, d)| d)
                .is_some_and(|d| !d.trim().is_empty());
            assert!(described, "{sub}: {line:?} has no description");
        }
    }
}

#[test]
fn help_fits_80_columns() {
    for topic in [None, Some("options"), Some("await"), Some("help")] {
        let mut command = socklab();
        command.env("COLUMNS", "80").arg("help");
        if let Some(topic) = topic {
            command.arg(topic);
        }
        let text = String::from_utf8(command.output().unwrap().stdout).unwrap();
        assert!(!text.is_empty());
        for line in text.lines() {
            assert!(line.chars().count() <= 80, "{topic:?}: {line:?}");
        }
        assert!(!text.contains("TIME_W\n"), "a word was broken");
    }
}

#[test]
fn playing_a_plain_command_list_says_how_to_make_a_lesson() {
    if !common::lessons_run_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("steps.txt");
    std::fs::write(&path, "# my steps\nsocket tcp\nlisten\n").unwrap();
    let (code, _, stderr) = run(&["play", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("is a list of commands, not a lesson"),
        "{stderr}"
    );
    assert!(
        stderr.contains("socklab record LESSON.socklab <"),
        "{stderr}"
    );
}
