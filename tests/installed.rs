//! socklab as an installed tool: the lesson library built in (found by
//! name or number from any directory, a file winning over a name),
//! `socklab lessons`, completion scripts that a real bash uses, and a man
//! page that docs/man/socklab.1 keeps current.

mod common;

use std::process::Command;

use common::socklab;

fn text(args: &[&str], dir: &std::path::Path) -> (i32, String) {
    let output = socklab().args(args).current_dir(dir).output().unwrap();
    let mut all = String::from_utf8_lossy(&output.stdout).into_owned();
    all.push_str(&String::from_utf8_lossy(&output.stderr));
    (output.status.code().unwrap_or(-1), all)
}

#[test]
fn lessons_are_built_in_and_listed_by_group() {
    let empty = tempfile::tempdir().unwrap();
    let (code, listing) = text(&["lessons"], empty.path());
    assert_eq!(code, 0);
    let library = std::fs::read_dir(format!("{}/transcripts", env!("CARGO_MANIFEST_DIR"))).unwrap();
    for entry in library {
        let name = entry
            .unwrap()
            .file_name()
            .to_string_lossy()
            .replace(".socklab", "");
        assert!(
            listing.contains(&format!("  {name} ")),
            "{name} is not listed"
        );
    }
    assert!(listing.contains("The network lab:"), "{listing}");
    let handshake = listing
        .lines()
        .find(|l| l.contains("41-lab-handshake"))
        .unwrap();
    assert!(handshake.contains("[needs lab]"), "{handshake}");
    let wire = listing
        .lines()
        .find(|l| l.contains("33-wire-view"))
        .unwrap();
    assert!(wire.contains("cap_net_raw"), "{wire}");
}

/// docs/transcripts.md groups the library as `socklab lessons` does.
#[test]
fn the_guide_groups_the_lessons_as_the_binary_does() {
    let empty = tempfile::tempdir().unwrap();
    let (_, listing) = text(&["lessons"], empty.path());
    let guide = std::fs::read_to_string(format!(
        "{}/docs/transcripts.md",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let mut group_at = 0;
    for line in listing.lines() {
        if let Some(group) = line.strip_suffix(':').filter(|_| !line.starts_with(' ')) {
            group_at = guide
                .find(&format!("### {group}\n"))
                .unwrap_or_else(|| panic!("docs/transcripts.md has no group {group}"));
        } else if let Some(name) = line
            .split_whitespace()
            .next()
            .filter(|_| line.starts_with("  "))
        {
            let at = guide
                .find(&format!("[{name}.socklab]"))
                .unwrap_or_else(|| panic!("{name}"));
            assert!(
                at > group_at,
                "{name} is not under its group in docs/transcripts.md"
            );
        }
    }
}

#[test]
fn play_finds_a_lesson_by_name_or_number_from_anywhere_and_a_file_wins() {
    if !common::lessons_run_here() {
        return;
    }
    let empty = tempfile::tempdir().unwrap();
    for name in ["half-close", "03", "03-half-close"] {
        let (code, shown) = text(&["play", name, "--auto", "0s"], empty.path());
        assert_eq!(code, 0, "{name}: {shown}");
        assert!(
            shown.contains("shutdown(cli, SHUT_WR) = 0"),
            "{name}: {shown}"
        );
    }
    std::fs::write(empty.path().join("03"), "# Mine.\n> s = socket udp\n").unwrap();
    let (code, shown) = text(&["play", "03", "--auto", "0s"], empty.path());
    assert_eq!(code, 0);
    assert!(
        shown.contains("# Mine.") && !shown.contains("SHUT_WR"),
        "{shown}"
    );
    let (code, shown) = text(&["play", "half-clos"], empty.path());
    assert_eq!(code, 2);
    assert!(shown.contains("did you mean 03-half-close?"), "{shown}");
}

#[test]
fn test_lessons_runs_the_built_in_library_from_an_empty_directory() {
    if !common::lessons_run_here() {
        return;
    }
    let empty = tempfile::tempdir().unwrap();
    let (code, report) = text(&["test", "--lessons"], empty.path());
    let last = report.lines().last().unwrap_or_default().to_string();
    assert_eq!(code, 0, "{report}");
    assert!(last.contains(" passed, 0 failed"), "{last}");
    let (code, report) = text(&["test"], empty.path());
    assert_eq!(code, 2);
    assert!(report.contains("socklab test --lessons"), "{report}");
}

/// The bash completion script, sourced in a real bash, completes
/// subcommands and the built-in lessons' names.
#[test]
fn bash_completes_subcommands_and_lesson_names() {
    if !common::lessons_run_here() {
        return;
    }
    let empty = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (code, script) = text(&["completions", shell], empty.path());
        assert_eq!(code, 0, "{shell}");
        assert!(script.contains("socklab"), "{shell}");
    }
    let (_, script) = text(&["completions", "bash"], empty.path());
    let path = empty.path().join("socklab.bash");
    std::fs::write(&path, script).unwrap();
    let complete = |words: &str| {
        let program = format!(
            "source {}; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); COMP_LINE='{words}'; COMP_POINT=${{#COMP_LINE}}; _socklab socklab \"${{COMP_WORDS[-1]}}\" \"${{COMP_WORDS[-2]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            path.display()
        );
        let output = Command::new("bash")
            .args(["-c", &program])
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let subcommands = complete("socklab pl");
    assert!(subcommands.lines().any(|l| l == "play"), "{subcommands}");
    let lessons = complete("socklab play 03");
    assert!(lessons.lines().any(|l| l == "03-half-close"), "{lessons}");
}

#[test]
fn the_man_page_is_current_and_names_every_verb() {
    let empty = tempfile::tempdir().unwrap();
    let (code, page) = text(&["manpage"], empty.path());
    assert_eq!(code, 0);
    assert!(
        page.starts_with(".ie") || page.starts_with(".TH"),
        "roff: {}",
        &page[..40]
    );
    for spec in socklab::command::COMMANDS {
        let usage = spec.usage.replace('-', "\\-");
        assert!(page.contains(&usage), "no {} in the man page", spec.name);
    }
    let on_disk =
        std::fs::read_to_string(format!("{}/docs/man/socklab.1", env!("CARGO_MANIFEST_DIR")))
            .unwrap();
    assert!(
        on_disk == page,
        "docs/man/socklab.1 is out of date; regenerate it with: cargo run -- manpage > docs/man/socklab.1"
    );
}
