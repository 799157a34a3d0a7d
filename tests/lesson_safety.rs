//! A lesson is data, not a program (docs/robustness.md, "Threat model"):
//! through the real binary, a downloaded lesson cannot write or read files,
//! reach a host service, drive the terminal, or run unbounded; `--host-net`
//! and `socklab run` are the ways out, and they say so.

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::process::Stdio;

use common::*;

/// A lesson file in a directory of its own.
fn lesson(dir: &Path, text: &str) -> std::path::PathBuf {
    let path = dir.join("lesson.socklab");
    std::fs::write(&path, text).unwrap();
    path
}

/// Every byte a terminal would act on, other than newline and tab.
fn control_bytes(bytes: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    text.chars()
        .filter(|c| c.is_control() && *c != '\n' && *c != '\t')
        .map(|c| c as u32 as u8)
        .collect()
}

const HOSTILE: &str =
    "# Clear the screen \x1b[2J and the clipboard \x1b]52;c;aGk=\x07 bell\x07 over\rwrite
#! timeout: 999999999s
> help \x1b[2Jtopic\x07
error: expected \x1b[8mhidden\x1b[0m and \r bare
> s = socket udp
\x1b]52;c;aGk=\x07
# The end \u{9b}2J.
";

/// ESC, OSC 52, CSI 2J, BEL, a bare CR and a C1 CSI in narration, in a
/// command and in expected lines: `play` and `test` print them escaped,
/// and only as text.
#[test]
fn a_lesson_cannot_drive_the_terminal() {
    if !lessons_run_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = lesson(dir.path(), HOSTILE);
    let path = path.to_str().unwrap();
    let play = socklab_in(dir.path(), &["play", "--auto", "0s", path])
        .output()
        .unwrap();
    assert_eq!(control_bytes(&play.stdout), b"", "play: {}", text(&play));
    assert!(
        text(&play).contains(
            "# Clear the screen \\e[2J and the clipboard \\e]52;c;aGk=\\x07 bell\\x07 over\\rwrite"
        ),
        "{}",
        text(&play)
    );
    assert!(
        text(&play).contains("> help \\e[2Jtopic\\x07"),
        "{}",
        text(&play)
    );
    assert!(
        text(&play).contains("# The end \\u{9b}2J."),
        "{}",
        text(&play)
    );

    let test = socklab_in(dir.path(), &["test", path]).output().unwrap();
    assert_eq!(control_bytes(&test.stdout), b"", "test: {}", text(&test));
    assert!(
        text(&test).contains("- error: expected \\e[8mhidden\\e[0m and \\r bare"),
        "{}",
        text(&test)
    );
    assert!(
        text(&test).contains("- \\e]52;c;aGk=\\x07"),
        "{}",
        text(&test)
    );
    assert!(
        text(&test).contains("0 passed, 1 failed"),
        "{}",
        text(&test)
    );
}

/// A timeout past the 60 s a lesson's call may wait is cut, and that is said.
#[test]
fn a_lessons_timeout_is_capped_and_the_cut_is_said() {
    if !lessons_run_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = lesson(
        dir.path(),
        "#! timeout: 999999999s\n> s = socket udp\n...\n",
    );
    let output = socklab_in(dir.path(), &["test", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        text(&output).contains("note: '#! timeout: 999999999s' was cut to 60s"),
        "{}",
        text(&output)
    );
    assert!(
        text(&output).contains("1 passed, 0 failed"),
        "{}",
        text(&output)
    );
}

/// `record`, `source` and `wire save` are refused in `test` and `play`: no
/// file is written or read, and the error says how to run one's own script.
#[test]
fn a_lesson_writes_and_reads_no_files() {
    if !lessons_run_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret");
    std::fs::write(&secret, "s3cret line\n").unwrap();
    let planted = dir.path().join("planted");
    let text_of_lesson = format!(
        "> record {p}\n> source {s}\n> wire save {p}\n> bind ./x.sock\n> t = socket tcp\n> sample t for 0ms save {p}.csv\n",
        p = planted.display(),
        s = secret.display()
    );
    let path = lesson(dir.path(), &text_of_lesson);
    for args in [vec!["test"], vec!["play", "--auto", "0s"]] {
        let mut args = args.clone();
        args.push(path.to_str().unwrap());
        let output = socklab_in(dir.path(), &args).output().unwrap();
        let shown = text(&output);
        assert!(!planted.exists(), "{args:?} wrote a file: {shown}");
        assert!(
            !shown.contains("s3cret"),
            "{args:?} showed the file: {shown}"
        );
        assert!(
            !dir.path().join("planted.csv").exists(),
            "{args:?} wrote a sample file"
        );
        for verb in ["record", "source", "wire save", "sample … save"] {
            assert!(
                shown.contains(&format!("{verb} is refused in socklab test and play")),
                "{args:?} {verb}: {shown}"
            );
        }
        assert!(shown.contains("socklab run FILE"), "{shown}");
    }
    // The same lines as one's own script do what they say.
    let script = format!("record {}\ns = socket udp\nrecord off\n", planted.display());
    let output = run_with_stdin(script.as_bytes(), &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        std::fs::read_to_string(&planted)
            .unwrap()
            .contains("> s = socket udp")
    );
}

/// A lesson's unix sockets are made in a scratch directory of its own,
/// which is gone after the run: nothing is left where the user ran it.
#[test]
fn a_lessons_unix_sockets_live_in_a_scratch_directory_that_goes() {
    if !lessons_run_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = lesson(
        dir.path(),
        "> u = socket unix\n> bind u ./here.sock\n> getsockname u\n",
    );
    let output = socklab_in(dir.path(), &["test", "--bless", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output));
    let blessed = std::fs::read_to_string(&path).unwrap();
    assert!(blessed.contains("bind(u, ./here.sock) = 0"), "{blessed}");
    assert!(
        !dir.path().join("here.sock").exists(),
        "made in the user's directory"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path().join("tmp")).unwrap().collect();
    assert!(left.is_empty(), "the scratch directory stays: {left:?}");
}

/// A lesson runs in a network of its own: a service listening on the
/// host's loopback (TCP, and an abstract unix socket) cannot be reached
/// from it. With --host-net it can, and the output says the lesson ran
/// in the host's network.
#[test]
fn a_lesson_reaches_no_host_service_unless_host_net() {
    let dir = tempfile::tempdir().unwrap();
    let service = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = service.local_addr().unwrap().port();
    let abstract_name = format!("socklab-test-{}", std::process::id());
    let unix_service = {
        use std::os::linux::net::SocketAddrExt;
        let addr = std::os::unix::net::SocketAddr::from_abstract_name(&abstract_name).unwrap();
        std::os::unix::net::UnixListener::bind_addr(&addr).unwrap()
    };
    let path = lesson(
        dir.path(),
        &format!(
            "> c = socket tcp\n> connect c 127.0.0.1:{port}\n> u = socket unix\n> connect u @{abstract_name}\n"
        ),
    );
    let output = socklab_in(dir.path(), &["test", "--bless", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output));
    let blessed = std::fs::read_to_string(&path).unwrap();
    assert!(
        blessed.contains(&format!("connect(c, 127.0.0.1:{port}) = -1 ECONNREFUSED")),
        "{blessed}"
    );
    assert!(blessed.contains("= -1 ECONNREFUSED"), "{blessed}");
    assert!(!text(&output).contains("--host-net"), "{}", text(&output));

    let path = lesson(
        dir.path(),
        &format!("> c = socket tcp\n> connect c 127.0.0.1:{port}\n"),
    );
    let output = socklab_in(
        dir.path(),
        &["test", "--host-net", "--bless", path.to_str().unwrap()],
    )
    .output()
    .unwrap();
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output).contains("--host-net: the lessons run in the host's network"),
        "{}",
        text(&output)
    );
    let blessed = std::fs::read_to_string(&path).unwrap();
    assert!(
        blessed.contains(&format!("connect(c, 127.0.0.1:{port}) = 0")),
        "{blessed}"
    );
    drop((service, unix_service));
}

/// Ctrl-C during `socklab test` stops the whole run: a summary that says
/// so, and exit status 130 — the lesson does not go on.
#[test]
fn ctrl_c_stops_a_test_run_with_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let service = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = service.local_addr().unwrap().port();
    // The lesson connects (the test's sign that it runs), then blocks in
    // recv for up to a minute.
    let path = lesson(
        dir.path(),
        &format!(
            "#! timeout: 60s\n> c = socket tcp\n> connect c 127.0.0.1:{port}\n> recv c\n> s = socket udp\n"
        ),
    );
    let mut child = socklab_in(dir.path(), &["test", "--host-net", path.to_str().unwrap()])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let (connection, _) = service.accept().unwrap();
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGINT,
    )
    .unwrap();
    let mut shown = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut shown)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{shown}");
    assert!(
        shown.contains("interrupted (Ctrl-C) before line "),
        "{shown}"
    );
    assert!(
        shown.contains("interrupted (Ctrl-C): 0 file(s) not run"),
        "{shown}"
    );
    assert!(shown.contains("0 passed, 1 failed, 0 skipped"), "{shown}");
    drop(connection);
}

/// A lesson file that is not a regular file, or is too large, is refused
/// before anything runs (`socklab test /dev/zero` would never end).
#[test]
fn only_regular_lesson_files_of_a_bounded_size_are_read() {
    if !lessons_run_here() {
        return;
    }
    let output = socklab().args(["test", "/dev/zero"]).output().unwrap();
    assert!(
        text(&output).contains("not a regular file"),
        "{}",
        text(&output)
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.socklab");
    let mut file = std::fs::File::create(&path).unwrap();
    let line = "# narration\n".repeat(1000);
    for _ in 0..100 {
        file.write_all(line.as_bytes()).unwrap();
    }
    let output = socklab().arg("test").arg(&path).output().unwrap();
    assert!(
        text(&output).contains("the most a lesson may be"),
        "{}",
        text(&output)
    );
}
