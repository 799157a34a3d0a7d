//! `socklab diagram`: a transcript drawn as a mermaid sequence diagram,
//! through the binary — an arrow per segment that crossed, the states, the
//! calls; written where asked and never over a file without --force; a
//! stranger's lesson cannot put mermaid or HTML syntax into the picture.

mod common;

use common::*;

fn diagram(args: &[&str]) -> (i32, String, String) {
    let output = socklab().arg("diagram").args(args).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The wire lines of a transcript that are crossings (not "held #K").
fn crossings(path: &str) -> usize {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("  ") && l.contains(" → "))
        .filter(|l| l.contains(" seq=") || l.contains(" UDP "))
        .filter(|l| {
            !l.trim_end()
                .rsplit("   ")
                .next()
                .unwrap_or("")
                .starts_with("held")
        })
        .count()
}

#[test]
fn every_segment_of_a_lesson_is_one_message_in_order() {
    for lesson in [
        "33-wire-view",
        "34-wire-resets",
        "35-wire-flow-control",
        "41-lab-handshake",
        "42-lab-close",
        "45-lab-lost-data",
        "52-lab-udp",
    ] {
        let path = format!(
            "{}/transcripts/{lesson}.socklab",
            env!("CARGO_MANIFEST_DIR")
        );
        let (code, text, errors) = diagram(&[&path]);
        assert_eq!(code, 0, "{errors}");
        assert!(text.starts_with("sequenceDiagram\n"), "{text}");
        let messages = text
            .lines()
            .filter(|l| l.contains("->>") || l.contains("-x"))
            .count();
        assert_eq!(messages, crossings(&path), "{lesson}:\n{text}");
    }
    // The handshake, in order, with the states the ends entered.
    let (_, text, _) = diagram(&["41"]);
    let arrows: Vec<&str> = text.lines().filter(|l| l.contains("->>")).collect();
    assert!(
        arrows[0].ends_with(": SYN seq=0 (#35;1 delivered)"),
        "{text}"
    );
    assert!(arrows[1].contains(": SYN,ACK seq=0 ack=1"), "{text}");
    assert!(text.contains("Note over e1: SYN_RECV"), "{text}");
    assert!(text.contains("Note over e0: connect cli b:80"), "{text}");
}

#[test]
fn the_picture_is_written_where_asked_and_never_over_a_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("handshake.mmd");
    let out_text = out.to_str().unwrap();
    let (code, _, errors) = diagram(&["41", "-o", out_text]);
    assert_eq!(code, 0, "{errors}");
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("sequenceDiagram")
    );
    std::fs::write(&out, "mine").unwrap();
    let (code, _, errors) = diagram(&["41", "-o", out_text]);
    assert_ne!(code, 0);
    assert!(errors.contains("--force replaces it"), "{errors}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine");
    let (code, _, _) = diagram(&["41", "-o", out_text, "--force"]);
    assert_eq!(code, 0);
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("sequenceDiagram")
    );
}

#[test]
fn a_strangers_lesson_cannot_write_mermaid_or_html_into_the_picture() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.socklab");
    std::fs::write(
        &path,
        "# %%{init: {\"theme\": \"dark\"}}%%\n> send a \"<script>x</script>\"; Note over e0: owned\n  a → b  UDP len=3 \"<img src=x>\"\n  a → b  [SYN]  seq=0   passed\n  state a: CLOSE → %%{init}%%\n",
    )
    .unwrap();
    let (code, text, errors) = diagram(&[path.to_str().unwrap()]);
    assert_eq!(code, 0, "{errors}");
    // Mermaid's entity codes (#59; …) are all that stands for the
    // characters that would end a statement or start a comment or a tag.
    let entity = regex::Regex::new(r"#\w+;").unwrap();
    for line in text.lines().skip(1) {
        // What the lesson wrote: after a message's or note's colon, or a
        // participant's `as`.
        let Some((_, label)) = line.split_once(": ").or_else(|| line.split_once(" as ")) else {
            continue;
        };
        let bare = entity.replace_all(label, "");
        for c in [';', '<', '>', '%', '"'] {
            assert!(!bare.contains(c), "'{c}' left bare in {line:?}: {text}");
        }
    }
    assert!(text.contains("#lt;script#gt;"), "{text}");
    assert_eq!(
        text.lines()
            .filter(|l| l.trim_start().starts_with("Note over"))
            .count(),
        2,
        "the call and the state, one note each: {text}"
    );
    // The terminal ladder passes no escape sequence from the file through.
    std::fs::write(
        &path,
        "> send a \"\u{1b}]0;pwned\u{7}\u{1b}[2J\"\n  a → b  UDP len=3 \"\u{1b}[31mred\"\n  state a: CLOSE → \u{1b}[5mX\n",
    )
    .unwrap();
    let (code, text, errors) = diagram(&[path.to_str().unwrap(), "--format", "txt"]);
    assert_eq!(code, 0, "{errors}");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
}

/// The terminal ladder of lesson 41 at 80 and 120 columns, UTF-8 and
/// ASCII, against golden files (regenerate one with
/// `socklab diagram 41 --format txt --width W [--ascii] > tests/golden/…`).
#[test]
fn the_terminal_ladder_fits_its_width_and_matches_the_golden_files() {
    for width in [80, 120] {
        for ascii in [false, true] {
            let width_text = width.to_string();
            let mut args = vec!["41", "--format", "txt", "--width", &width_text];
            if ascii {
                args.push("--ascii");
            }
            let (code, text, errors) = diagram(&args);
            assert_eq!(code, 0, "{errors}");
            for line in text.lines() {
                assert!(line.chars().count() <= width, "{width}: {line:?}");
                assert!(!ascii || line.is_ascii(), "not ASCII: {line:?}");
            }
            // One arrow per crossing, each with its head.
            let heads: &[char] = if ascii { &['>', '<'] } else { &['▶', '◀'] };
            let arrows = text
                .lines()
                .filter(|l| l.contains(heads[0]) || l.contains(heads[1]))
                .count();
            let path = format!(
                "{}/transcripts/41-lab-handshake.socklab",
                env!("CARGO_MANIFEST_DIR")
            );
            assert_eq!(arrows, crossings(&path), "{text}");
            let golden = format!(
                "{}/tests/golden/ladder-41-{width}{}.txt",
                env!("CARGO_MANIFEST_DIR"),
                if ascii { "-ascii" } else { "" }
            );
            assert_eq!(text, std::fs::read_to_string(&golden).unwrap(), "{golden}");
        }
    }
    // The file's extension chooses the format.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ladder.txt");
    let (code, _, errors) = diagram(&["41", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{errors}");
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        written,
        std::fs::read_to_string(format!(
            "{}/tests/golden/ladder-41-80.txt",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    );
}
