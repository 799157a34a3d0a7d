//! The docs say what the code does: docs/commands.md is generated from the
//! command table, and every verb in the table has help and a doc section.

mod common;

use common::socklab;

#[test]
fn commands_md_matches_the_command_table() {
    let output = socklab().args(["help", "--markdown"]).output().unwrap();
    assert!(output.status.success());
    let generated = String::from_utf8(output.stdout).unwrap();
    let path = format!("{}/docs/commands.md", env!("CARGO_MANIFEST_DIR"));
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    if generated != on_disk {
        let first = generated
            .lines()
            .zip(on_disk.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(generated.lines().count().min(on_disk.lines().count()));
        panic!(
            "docs/commands.md is out of date (first difference at line {}); regenerate it with:\n  \
             cargo run -- help --markdown > docs/commands.md",
            first + 1
        );
    }
}

/// docs/python.md is generated from the Python table, as help is.
#[test]
fn python_md_matches_the_python_table() {
    let output = socklab()
        .args(["help", "python", "--markdown"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let generated = String::from_utf8(output.stdout).unwrap();
    let path = format!("{}/docs/python.md", env!("CARGO_MANIFEST_DIR"));
    assert!(
        std::fs::read_to_string(&path).unwrap_or_default() == generated,
        "docs/python.md is out of date; regenerate it with:\n  \
         cargo run -- help python --markdown > docs/python.md"
    );
    // Every name in it has help of its own.
    for method in socklab::command::python_table::METHODS {
        let help = socklab().args(["help", method.name]).output().unwrap();
        assert!(help.status.success(), "help {}", method.name);
    }
    for exception in socklab::command::python_table::EXCEPTIONS {
        let help = socklab().args(["help", exception.name]).output().unwrap();
        let text = String::from_utf8_lossy(&help.stdout);
        assert!(
            text.contains(exception.name),
            "help {}: {text}",
            exception.name
        );
    }
}

#[test]
fn every_verb_has_help_and_a_section() {
    let doc = std::fs::read_to_string(format!("{}/docs/commands.md", env!("CARGO_MANIFEST_DIR")))
        .unwrap();
    for spec in socklab::command::COMMANDS {
        assert!(
            doc.contains(&format!("### `{}`", spec.usage)),
            "no section for {}",
            spec.name
        );
        let output = socklab().args(["help", spec.name]).output().unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(
            text.starts_with(&format!("usage: {}", spec.usage)),
            "{text}"
        );
    }
}

#[test]
fn help_explains_an_errno_where_it_is_met() {
    let output = socklab().args(["help", "ECONNREFUSED"]).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("ECONNREFUSED (Connection refused)"),
        "{text}"
    );
    assert!(text.contains("connect"), "{text}");
    let unknown = socklab().args(["help", "EFROB"]).output().unwrap();
    assert!(!unknown.status.success());
}

#[test]
fn the_transcript_guide_lists_every_lesson() {
    let root = env!("CARGO_MANIFEST_DIR");
    let guide = std::fs::read_to_string(format!("{root}/docs/transcripts.md")).unwrap();
    for entry in std::fs::read_dir(format!("{root}/transcripts")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            guide.contains(&format!("[{name}](../transcripts/{name})")),
            "docs/transcripts.md does not list {name}"
        );
    }
}

/// The numbers the docs give for a lesson's bounds come from the code.
#[test]
fn the_bounds_in_the_docs_are_the_codes() {
    use socklab::transcript::{MAX_LESSON_BYTES, lesson_env};
    let robustness =
        std::fs::read_to_string(format!("{}/docs/robustness.md", env!("CARGO_MANIFEST_DIR")))
            .unwrap();
    let transcripts = std::fs::read_to_string(format!(
        "{}/docs/transcripts.md",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let wire =
        std::fs::read_to_string(format!("{}/docs/wire.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let call = format!("{} s", lesson_env::MAX_CALL.as_secs());
    let lesson = format!("{} s", lesson_env::MAX_LESSON.as_secs());
    let size = format!("{} MiB", MAX_LESSON_BYTES >> 20);
    for (doc, text) in [
        ("robustness.md", &robustness),
        ("transcripts.md", &transcripts),
    ] {
        assert!(
            text.contains(&call),
            "docs/{doc} does not say a call waits at most {call}"
        );
        assert!(
            text.contains(&lesson),
            "docs/{doc} does not say a lesson runs at most {lesson}"
        );
        assert!(
            text.contains(&size),
            "docs/{doc} does not say a lesson file is at most {size}"
        );
    }
    // The budgets, as robustness.md and the guide state them.
    let guide =
        std::fs::read_to_string(format!("{}/docs/guide.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    use socklab::budget::{LESSON_JOBS, LESSON_MEMORY, SESSION_JOBS, SESSION_MEMORY, show_bytes};
    for bound in [
        show_bytes(LESSON_MEMORY),
        show_bytes(SESSION_MEMORY),
        format!("{LESSON_JOBS} a lesson"),
        format!("{SESSION_JOBS}"),
    ] {
        assert!(
            robustness.contains(&bound) && guide.contains(&bound),
            "docs/robustness.md and docs/guide.md must both give the budget {bound}"
        );
    }
    let ring = format!("{} MiB", socklab::wire::SAVED_BYTES >> 20);
    assert!(
        wire.contains(&ring),
        "docs/wire.md does not say the capture keeps {ring}"
    );
}
