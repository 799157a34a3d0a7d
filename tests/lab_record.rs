//! A lab recording is a lesson at once (issue 27, item 5): `record FILE` in
//! `socklab --lab` (and `socklab record --lab`) writes `#! lab` and the
//! kernel's measurements as `[..]`, so three sessions done by hand —
//! held and delivered segments, tcpinfo, a loss, a close — each pass
//! `socklab test` five times in five, recorded and replayed as root and
//! as nobody. And `--lab` with test and play names `#! lab`; `socklab
//! test 41` takes a lesson's number as `play 41` does.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::*;

/// The handshake by hand, data held and delivered, tcpinfo on both ends,
/// and the close one segment at a time.
const HANDSHAKE: &str = "\
record handshake.socklab
link hold
srv = socket tcp @b
bind srv :8080
listen srv
cli = socket tcp @a
nonblock cli on
connect cli srv
link
deliver
deliver
deliver
conn = accept srv
tcpinfo cli
send cli \"hello\"
deliver
recv conn
deliver
tcpinfo conn
close cli
deliver
deliver
close conn
deliver
deliver
record off
";

/// UDP by hand through `socklab record --lab`: held, dropped, delivered,
/// duplicated, addressed by handle names.
const DATAGRAMS: &str = "\
u = socket udp @b
bind u :9000
v = socket udp @a
bind v :9001
link hold a->b
sendto v u \"one\"
sendto v u \"two\"
link
drop #1
deliver
recvfrom u
link pass
dup next a->b
sendto v u \"twice\"
recvfrom u
recvfrom u
sendto u v \"back\"
recvfrom v
ls
link
";

/// A lost segment sent again on its timer, delivered with its ACK at once
/// (before the next RTO), tcpinfo after it, then a close by shutdown on
/// both sides, awaited.
const LOSS_AND_CLOSE: &str = "\
record loss.socklab
srv = socket tcp @b
bind srv b:7000
listen srv
cli = socket tcp @a
connect cli b:7000
conn = accept srv
tcpinfo cli
link hold
send cli \"data\"
link
drop
await link 3s
deliver
deliver
recv conn
tcpinfo cli
link pass
shutdown cli write
await cli FIN_WAIT2
shutdown conn write
close cli
close conn
ls
record off
";

/// The lessons, in the order they are tested.
const LESSONS: [&str; 3] = ["handshake.socklab", "datagrams.socklab", "loss.socklab"];

/// A directory anyone may write in (nobody records there too).
fn open_dir() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o1777)).unwrap();
    dir
}

/// socklab with `args` in `dir`, as nobody or as this user.
fn socklab_as(nobody_user: bool, dir: &Path, args: &[&str]) -> Command {
    let mut command = match nobody_user {
        true => nobody(args),
        false => {
            let mut c = socklab();
            c.args(args);
            c
        }
    };
    command.current_dir(dir);
    command
}

fn fed(mut command: Command, input: &str) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("socklab starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().expect("socklab ends")
}

/// Records the three sessions in `dir`; false (said) where the lab cannot
/// run for this user.
fn record_all(nobody_user: bool, dir: &Path) -> bool {
    for session in [HANDSHAKE, LOSS_AND_CLOSE] {
        let output = fed(socklab_as(nobody_user, dir, &["--lab"]), session);
        let stderr = String::from_utf8_lossy(&output.stderr);
        if stderr.contains("the lab cannot run here") {
            eprintln!("skipped: {stderr}");
            return false;
        }
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    let output = fed(
        socklab_as(nobody_user, dir, &["record", "--lab", "datagrams.socklab"]),
        DATAGRAMS,
    );
    assert!(
        output.status.success(),
        "socklab record --lab failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    true
}

/// What a recording must say of itself to be a lesson at once.
fn check_recording(dir: &Path, name: &str) {
    let text = std::fs::read_to_string(dir.join(name))
        .unwrap_or_else(|e| panic!("{name} was not written: {e}"));
    assert!(text.starts_with("#! lab\n"), "{name}:\n{text}");
    assert!(text.contains("\n> "), "{name} has commands:\n{text}");
    if text.contains("> tcpinfo") {
        for field in ["rtt_us", "rttvar_us", "rto_us", "snd_cwnd"] {
            assert!(
                text.contains(&format!("  {field}: [..]\n")),
                "{name}: {field} is recorded as measured:\n{text}"
            );
        }
        // What the kernel counts, not measures, stays literal.
        assert!(text.contains("  snd_mss: 1448\n"), "{name}:\n{text}");
    }
    if name == "handshake.socklab" {
        assert!(text.contains("  held #1"), "{name}:\n{text}");
        assert!(
            text.contains("connect(cli, 192.0.2.2:8080)"),
            "{name}:\n{text}"
        );
        assert!(
            text.contains("→ TIME_WAIT"),
            "the close is recorded:\n{text}"
        );
    }
}

/// Records the three sessions and tests each five times, as `nobody_user`.
fn round_trip(nobody_user: bool) {
    if run_lab("link").is_none() || !lessons_run_here() {
        return;
    }
    let dir = open_dir();
    if !record_all(nobody_user, dir.path()) {
        return;
    }
    for name in LESSONS {
        check_recording(dir.path(), name);
    }
    for run in 1..=5 {
        let mut args = vec!["test"];
        args.extend(LESSONS);
        let output = socklab_as(nobody_user, dir.path(), &args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let shown = text(&output);
        assert!(
            output.status.success() && shown.contains("3 passed, 0 failed"),
            "run {run} of 5:\n{shown}{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn three_lab_sessions_recorded_by_root_pass_their_replay_five_times_in_five() {
    round_trip(false);
}

#[test]
fn three_lab_sessions_recorded_by_nobody_pass_their_replay_five_times_in_five() {
    round_trip(true);
}

#[test]
fn a_recording_writes_the_directives_the_session_used_and_says_what_it_lacks() {
    if run_lab("link").is_none() {
        return;
    }
    let dir = open_dir();
    let session =
        "early = socket udp @b\nhost b\nlink hold\nrecord x.socklab\ns = socket udp\nrecord off\n";
    let output = fed(
        socklab_as(
            false,
            dir.path(),
            &["--lab", "--encoding", "gbk", "--timeout", "2s"],
        ),
        session,
    );
    let shown = text(&output);
    let file = std::fs::read_to_string(dir.path().join("x.socklab")).unwrap();
    assert!(
        file.starts_with("#! lab\n#! encoding: gbk\n#! timeout: 2s\n> s = socket udp\n"),
        "{file}"
    );
    for said in [
        "note: early made before the recording: its replay starts without it",
        "note: sockets are made in host b now, in a replay in host a until `host b`",
        "note: the link holds segments now, in a replay only after `link hold …`",
    ] {
        assert!(shown.contains(said), "{said:?} in:\n{shown}");
    }
}

#[test]
fn lab_with_test_and_play_names_the_directive_and_test_takes_a_lesson_number() {
    for sub in ["test", "play"] {
        let output = socklab()
            .args([sub, "--lab", "41"])
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains(&format!("--lab does not apply to `socklab {sub}`"))
                && stderr.contains("`#! lab`"),
            "{stderr}"
        );
    }
    let help = text(&socklab().arg("--help").output().unwrap());
    assert!(
        help.contains("With record: the lesson runs in a lab"),
        "{help}"
    );

    // A lesson's number, and its name, as play takes them.
    if !lessons_run_here() {
        return;
    }
    let output = socklab()
        .args(["test", "41", "half-close"])
        .current_dir(std::env::temp_dir())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let shown = text(&output);
    assert!(
        output.status.success() && shown.contains("2 passed, 0 failed"),
        "{shown}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let output = socklab()
        .args(["test", "hald-close"])
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("did you mean 03-half-close?"), "{stderr}");
    let output = socklab()
        .args(["test", "--bless", "41"])
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("41-lab-handshake is a built-in lesson, not a file"),
        "{stderr}"
    );
}
