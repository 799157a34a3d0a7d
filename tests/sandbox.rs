//! `socklab --sandbox` as an unprivileged user: `nobody` gets the wire view
//! in a user + network namespace of its own, and the wire lessons pass
//! there; outside it, `wire on` says what is missing. The test drops to
//! `nobody` with setpriv, so it needs root (as here and in CI); run by
//! another user it runs socklab as that user, who is unprivileged already.

mod common;

use std::process::{Output, Stdio};

use common::{STAGE, nobody};

const LESSONS: [&str; 4] = [
    "transcripts/33-wire-view.socklab",
    "transcripts/34-wire-resets.socklab",
    "transcripts/35-wire-flow-control.socklab",
    "transcripts/03-half-close.socklab",
];

/// True (and says so) when this system refuses unprivileged user
/// namespaces: then `--sandbox` cannot work here, and says exactly that.
fn no_user_namespaces(output: &Output) -> bool {
    let refused = String::from_utf8_lossy(&output.stderr)
        .contains("this system does not allow unprivileged user namespaces");
    if refused {
        eprintln!("skipped: this system does not allow unprivileged user namespaces");
    }
    refused
}

/// Runs `nobody(args)` with `input` on stdin.
fn run(args: &[&str], input: &str) -> Output {
    common::output_with_stdin(
        nobody(args).stdout(Stdio::piped()).stderr(Stdio::piped()),
        input.as_bytes(),
    )
}

#[test]
fn nobody_runs_the_wire_lessons_in_the_sandbox() {
    let mut args = vec!["--sandbox", "test"];
    args.extend(LESSONS);
    let output = run(&args, "");
    if no_user_namespaces(&output) {
        return;
    }
    let report = String::from_utf8_lossy(&output.stdout);
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(
        report.contains("4 passed, 0 failed, 0 skipped"),
        "{report}{errors}"
    );
    assert!(output.status.success());
}

/// Without --sandbox, as nobody: each lesson still gets a network of its
/// own (socklab enters a user namespace to make them), so the whole library
/// passes — the wire lessons included, and the privileged-ports lesson
/// shows EACCES.
#[test]
fn nobody_runs_the_whole_library_each_lesson_in_its_own_network() {
    let output = run(&["test", "transcripts"], "");
    let report = String::from_utf8_lossy(&output.stdout);
    let errors = String::from_utf8_lossy(&output.stderr);
    if errors.contains("does not allow unprivileged user namespaces") {
        assert!(errors.contains("--host-net"), "{errors}");
        eprintln!("skipped: this system does not allow unprivileged user namespaces");
        return;
    }
    let lessons = std::fs::read_dir(STAGE.path().join("transcripts"))
        .unwrap()
        .count();
    assert!(
        report.contains(&format!("{lessons} passed, 0 failed, 0 skipped")),
        "{report}{errors}"
    );
}

/// `socklab --lab` as nobody: socklab makes the lab in a user namespace of
/// its own; a handshake crosses the link.
#[test]
fn nobody_runs_the_lab() {
    let script =
        "srv = socket tcp @b\nbind srv b:80\nlisten srv\ncli = socket tcp\nconnect cli b:80\n";
    let output = run(&["--lab", "--json", "run", "-"], script);
    if no_user_namespaces(&output) {
        return;
    }
    let steps: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let connect = steps.last().unwrap();
    assert_eq!(connect["ret"], 0, "{connect}");
    let fates: Vec<&str> = connect["wire"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["fate"].as_str().unwrap())
        .collect();
    assert_eq!(fates, ["passed", "passed", "passed"], "{connect}");
}

#[test]
fn the_sandbox_has_a_private_loopback_where_nobody_is_root() {
    let script = "wire on\nu = socket udp\nbind u 127.0.0.1:7\nsendto u u hi\n";
    let output = run(&["--sandbox", "--json", "run", "-"], script);
    if no_user_namespaces(&output) {
        return;
    }
    let steps: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        steps[0]["ok"], true,
        "wire on in the sandbox: {:?}",
        steps[0]
    );
    // A port below 1024: root of the namespace may bind it.
    assert_eq!(steps[2]["ret"], 0, "{:?}", steps[2]);
    let wire = steps[3]["wire"].as_array().unwrap();
    assert_eq!(wire.len(), 1, "{wire:?}");
    assert_eq!(wire[0]["from"], "u");
    assert_eq!(wire[0]["len"], 2);
}

#[test]
fn without_the_capability_wire_on_says_what_is_missing() {
    if !nix::unistd::geteuid().is_root() {
        eprintln!("skipped: run as root, this test drops to nobody");
        return;
    }
    let output = run(&["run", "-"], "wire on\nls\n");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("error: the wire view needs CAP_NET_RAW")
            && text.contains("socklab --sandbox"),
        "{text}"
    );
    assert!(text.contains("> ls"), "the session went on: {text}");
}

/// The lessons of the lab as a real path (delay, loss, a rate), run by an
/// unprivileged user: the lab's namespaces are socklab's own.
#[test]
fn nobody_passes_the_path_lessons() {
    let output = run(
        &[
            "test",
            "transcripts/53-lab-path-rtt.socklab",
            "transcripts/54-lab-path-loss.socklab",
            "transcripts/55-lab-path-fast-retransmit.socklab",
            "transcripts/56-lab-path-rto-backoff.socklab",
            "transcripts/57-lab-path-nagle.socklab",
            "transcripts/58-lab-path-slow-start.socklab",
            "transcripts/59-lab-path-bufferbloat.socklab",
            "transcripts/60-lab-path-user-timeout.socklab",
            "transcripts/61-lab-path-delayed-ack.socklab",
        ],
        "",
    );
    if no_user_namespaces(&output) {
        return;
    }
    let report = String::from_utf8_lossy(&output.stdout);
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(
        report.contains("9 passed, 0 failed, 0 skipped"),
        "{report}{errors}"
    );
}

/// `await wire` waits for what a kernel timer sends: the receiver's
/// delayed ACK that closes its window, shown under the await step; with
/// nothing left to send it gives up at its bound; without the wire view
/// it says what is missing, and the session goes on.
#[test]
fn await_wire_shows_the_delayed_ack_a_timer_sends() {
    let script = "await wire\n\
                  srv = socket tcp\nsetsockopt srv SO_RCVBUF 2048\n\
                  bind srv 127.0.0.1:0\nlisten srv\n\
                  cli = socket tcp\nconnect cli srv\nconn = accept srv\n\
                  nonblock cli on\nwire on\n\
                  send cli \"x\"*4000\n\
                  await wire 2s\n\
                  recv conn 4000\nrecv conn 4000\n\
                  await wire 300ms\n";
    let output = run(&["--sandbox", "run", "-"], script);
    if no_user_namespaces(&output) {
        return;
    }
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("error: await wire needs the wire view: `wire on` first"),
        "{text}"
    );
    // The window is full after the second segment; the ACK that says so
    // is delayed (the window shrinks), so it comes from the delayed-ACK
    // timer, under the await.
    let steps: Vec<&str> = text.split("\n> ").collect();
    let step = |verb: &str| {
        steps
            .iter()
            .find(|s| s.starts_with(verb))
            .unwrap_or_else(|| panic!("no step {verb}: {text}"))
    };
    assert!(!step("send cli").contains("win=0"), "{text}");
    let awaited = step("await wire 2s");
    assert!(awaited.contains("a segment went on the wire"), "{text}");
    assert!(
        awaited.contains("conn → cli  [ACK]")
            && awaited.contains("ack=2048 win=0 ")
            && awaited.contains("[zero window]"),
        "{text}"
    );
    let last = steps.last().unwrap();
    assert!(
        last.starts_with("await wire 300ms")
            && last.contains("no segment went on the wire within 300ms"),
        "{text}"
    );
}
