//! `socklab test`, `--bless`, `record` and `play` through the binary.

mod common;

use std::process::Stdio;

use common::socklab;

fn library(name: &str) -> String {
    std::fs::read_to_string(format!("{}/transcripts/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn a_wrong_line_fails_with_file_line_and_both_lines_and_bless_restores_it() {
    if !common::lessons_run_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("half-close.socklab");
    let original = library("03-half-close.socklab");
    let wrong = original.replacen(
        "send(conn, \"response\", 8, 0) = 8",
        "send(conn, \"response\", 8, 0) = 7",
        1,
    );
    assert_ne!(wrong, original, "the line to break is in the lesson");
    std::fs::write(&path, &wrong).unwrap();
    let line = wrong
        .lines()
        // A question step in the lesson (`?> `): the report names it as a command.
        .position(|l| l == "?> send conn \"response\"")
        .unwrap()
        + 1;

    let failed = socklab().arg("test").arg(&path).output().unwrap();
    let report = String::from_utf8(failed.stdout).unwrap();
    assert_eq!(failed.status.code(), Some(1), "{report}");
    assert!(
        report.contains(&format!(
            "{}:{line}: > send conn \"response\"",
            path.display()
        )),
        "{report}"
    );
    assert!(
        report.contains("- send(conn, \"response\", 8, 0) = 7"),
        "{report}"
    );
    assert!(
        report.contains("+ send(conn, \"response\", 8, 0) = 8"),
        "{report}"
    );
    assert!(
        report.ends_with("0 passed, 1 failed, 0 skipped\n"),
        "{report}"
    );

    let blessed = socklab()
        .args(["test", "--bless"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(blessed.status.success());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        original,
        "bless restores the file, narration and placeholders kept"
    );
    let again = socklab().arg("test").arg(&path).output().unwrap();
    assert!(again.status.success());
}

#[test]
fn a_fresh_recording_passes_at_once_with_ports_and_fds_named() {
    if !common::lessons_run_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.socklab");
    let recording = common::output_with_stdin(
        socklab()
            .arg("record")
            .arg(&path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
        b"# A lesson in the making.\nsrv = socket tcp\nbind srv 127.0.0.1:0\nlisten srv\ncli = socket tcp\nconnect cli srv\nconn = accept srv\nls\n",
    );
    assert!(recording.status.success());
    let recorded = std::fs::read_to_string(&path).unwrap();
    assert!(
        recorded.starts_with("# A lesson in the making.\n> srv = socket tcp\n"),
        "{recorded}"
    );
    assert!(
        recorded.contains("socket(AF_INET, SOCK_STREAM, 0) = [FD1]"),
        "{recorded}"
    );
    assert!(
        recorded.contains("  bound: 127.0.0.1:[PORT1]"),
        "{recorded}"
    );
    // accept's peer is cli's port: the same name wherever it appears.
    assert!(recorded.contains("  peer: 127.0.0.1:[PORT2]"), "{recorded}");
    assert!(
        recorded.contains("127.0.0.1:[PORT2]  127.0.0.1:[PORT1]"),
        "{recorded}"
    );
    let test = socklab().arg("test").arg(&path).output().unwrap();
    assert!(
        test.status.success(),
        "{}",
        String::from_utf8_lossy(&test.stdout)
    );
}

#[test]
fn play_auto_runs_a_lesson_end_to_end() {
    if !common::lessons_run_here() {
        return;
    }
    let path = format!(
        "{}/transcripts/03-half-close.socklab",
        env!("CARGO_MANIFEST_DIR")
    );
    let output = socklab()
        .args(["play", "--auto", "0s", &path])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{text}");
    assert!(
        text.contains("# Half-close: shutting down one direction leaves the other open."),
        "{text}"
    );
    assert!(text.contains("> shutdown cli write"), "{text}");
    assert!(
        text.contains("state conn: ESTABLISHED → CLOSE_WAIT"),
        "{text}"
    );
    assert!(
        text.contains("send(cli, \"more\", 4, 0) = -1 EPIPE"),
        "{text}"
    );
}

#[test]
fn skipped_and_missing_transcripts_are_reported() {
    if !common::lessons_run_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other-side.socklab");
    let other = if nix::unistd::geteuid().is_root() {
        "nonroot"
    } else {
        "root"
    };
    std::fs::write(&path, format!("#! needs: {other}\n> ls\nno handles\n")).unwrap();
    let output = socklab().arg("test").arg(&path).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{text}");
    assert!(text.contains(&format!("skipped (needs {other})")), "{text}");
    assert!(text.ends_with("0 passed, 0 failed, 1 skipped\n"), "{text}");
    let missing = socklab()
        .args(["test", "/nonexistent.socklab"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn record_in_the_shell_writes_a_transcript_that_passes() {
    if !common::lessons_run_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("from-shell.socklab");
    let script = format!(
        "record {}\nu = socket udp\nbind u 127.0.0.1:0\nsendto u u hi\nrecvfrom u\nrecord off\nls\nrecord {}/no/such/dir/x.socklab\nls\n",
        path.display(),
        dir.path().display()
    );
    let output = common::run_with_stdin(script.as_bytes(), &[]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains(&format!("recorded {}", path.display())),
        "{text}"
    );
    assert!(text.contains("error: cannot record to"), "{text}");
    assert!(
        text.ends_with("tcp\n") || text.contains("*u "),
        "the session goes on: {text}"
    );
    let recorded = std::fs::read_to_string(&path).unwrap();
    // A script's calls are bounded at 10 s: the replay's are too.
    assert!(
        recorded.starts_with("#! timeout: 10s\n> u = socket udp\n"),
        "{recorded}"
    );
    assert!(recorded.contains("  from: 127.0.0.1:[PORT1]"), "{recorded}");
    assert!(!recorded.contains("> ls"), "record off stops: {recorded}");
    let test = socklab().arg("test").arg(&path).output().unwrap();
    assert!(
        test.status.success(),
        "{}",
        String::from_utf8_lossy(&test.stdout)
    );
}

/// `--encoding gbk record`: the transcript says `#! encoding: gbk`, shows
/// the Chinese text, and replays; `test --encoding` is only a default.
#[test]
fn a_recording_in_gbk_keeps_its_encoding() {
    if !common::lessons_run_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gbk.socklab");
    let recording = common::output_with_stdin(
        socklab()
            .args(["--encoding", "gbk", "record"])
            .arg(&path)
            .stdout(Stdio::piped()),
        "u = socket udp\nbind u 127.0.0.1:0\nsendto u u 你好\nrecv u\n".as_bytes(),
    );
    assert!(recording.status.success());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("#! encoding: gbk\n"), "{text}");
    assert!(
        text.contains("sendto(u, \"你好\", 4, 0, 127.0.0.1:[PORT1]) = 4"),
        "{text}"
    );
    assert!(text.contains("  data: \"你好\""), "{text}");
    let replay = socklab().arg("test").arg(&path).output().unwrap();
    assert!(
        replay.status.success(),
        "{}",
        String::from_utf8_lossy(&replay.stdout)
    );
    // The file's own directive wins over --encoding.
    let replay = socklab()
        .args(["test", "--encoding", "koi8-r"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        replay.status.success(),
        "{}",
        String::from_utf8_lossy(&replay.stdout)
    );
}
