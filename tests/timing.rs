//! Time and causality: every segment and state change carries when it
//! happened (`t`, seconds since the session started) and whether it came
//! between steps (`between`); what comes between steps is shown as such —
//! as it happens while socklab waits for a line, or marked under the next
//! step — never as caused by the next call. The moment is the kernel's
//! delayed ACK of a FIN (about 40 ms after `shutdown`, as the receiver
//! enters CLOSE_WAIT in "pingpong" mode): real, and not made by any call.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{ChildStdin, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::*;
use serde_json::Value;
use socklab::session::Session;
use socklab::step::Step;

/// socklab reading lines from a pipe, as a program driving it (or a person
/// typing) would: its JSON objects arrive on a channel.
struct Driven {
    stdin: ChildStdin,
    objects: mpsc::Receiver<Value>,
    child: std::process::Child,
}

impl Driven {
    fn start() -> Driven {
        let mut child = socklab()
            .args(["--json", "run", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (send, objects) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let value: Value = serde_json::from_str(&line)
                    .unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
                if send.send(value).is_err() {
                    return;
                }
            }
        });
        Driven {
            stdin: child.stdin.take().unwrap(),
            objects,
            child,
        }
    }

    /// Runs lines and returns their objects (one per line).
    fn run(&mut self, lines: &str) -> Vec<Value> {
        let count = lines.lines().filter(|l| !l.trim().is_empty()).count();
        self.stdin.write_all(lines.as_bytes()).unwrap();
        self.stdin.flush().unwrap();
        (0..count).map(|_| self.next()).collect()
    }

    /// The next object, however it came (bounded: a loaded machine still
    /// sends a delayed ACK within a second or two).
    fn next(&self) -> Value {
        self.objects
            .recv_timeout(Duration::from_secs(10))
            .expect("socklab said nothing more")
    }
}

impl Drop for Driven {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Data one way and read: the receiver then delays its ACKs.
const EXCHANGED: &str = "send cli hello\nrecv conn\n";

fn entries<'a>(step: &'a Value, key: &str) -> &'a [Value] {
    step[key].as_array().map_or(&[], Vec::as_slice)
}

fn t(entry: &Value) -> f64 {
    entry["t"]
        .as_f64()
        .unwrap_or_else(|| panic!("no t: {entry}"))
}

fn can_capture() -> bool {
    let (steps, _) = run_json("wire on\n", &[]);
    steps[0]["ok"] == true
}

#[test]
fn a_delayed_ack_after_shutdown_is_shown_as_it_happens_between_steps() {
    let wire = can_capture();
    if !wire {
        eprintln!("no CAP_NET_RAW: the state change is checked, the segments are not");
    }
    let mut socklab = Driven::start();
    if wire {
        socklab.run("wire on\n");
    }
    socklab.run(CONNECTED);
    // After data has flowed, the receiver ACKs a FIN on its delayed-ACK
    // timer (right after the handshake it may ACK at once).
    socklab.run(EXCHANGED);
    let shutdown = &socklab.run("shutdown cli write\n")[0];
    let fin_wait1 = entries(shutdown, "changes")
        .iter()
        .find(|c| c["handle"] == "cli")
        .unwrap_or_else(|| panic!("{shutdown}"));
    assert_eq!(fin_wait1["to"], "FIN_WAIT1", "{shutdown}");
    assert_eq!(fin_wait1["between"], false, "{shutdown}");
    // The ACK of the FIN was not sent by the call: it is not in its step.
    assert!(
        entries(shutdown, "wire")
            .iter()
            .all(|s| s["from"] != "conn" || s["flags"] != serde_json::json!(["ACK"])),
        "{shutdown}"
    );

    // Nothing is typed: what the kernel does next is shown as it happens.
    let between = socklab.next();
    assert_eq!(between["verb"], "between", "{between}");
    let fin_wait2 = entries(&between, "changes")
        .iter()
        .find(|c| c["handle"] == "cli")
        .unwrap_or_else(|| panic!("{between}"));
    assert_eq!(fin_wait2["to"], "FIN_WAIT2", "{between}");
    assert_eq!(fin_wait2["between"], true, "{between}");
    assert!(t(fin_wait2) > t(fin_wait1), "{between}");
    if wire {
        let ack = &entries(&between, "wire")[0];
        assert_eq!(
            (&ack["from"], &ack["to"], &ack["flags"], &ack["between"]),
            (
                &"conn".into(),
                &"cli".into(),
                &serde_json::json!(["ACK"]),
                &true.into()
            ),
            "{between}"
        );
        let fin = entries(shutdown, "wire").first().expect("the FIN");
        assert_eq!(fin["between"], false);
        // The delayed-ACK timer: at least a few ms after the FIN.
        assert!(t(ack) - t(fin) >= 0.004, "{fin}\n{ack}");
    }

    // The next call is shown with only what it caused.
    let send = &socklab.run("send conn bye\n")[0];
    assert!(entries(send, "changes").is_empty(), "{send}");
    if wire {
        let shapes: Vec<(&Value, &Value, bool)> = entries(send, "wire")
            .iter()
            .map(|s| (&s["from"], &s["flags"], s["between"] == true))
            .collect();
        assert_eq!(
            shapes,
            vec![
                (&"conn".into(), &serde_json::json!(["PSH", "ACK"]), false),
                (&"cli".into(), &serde_json::json!(["ACK"]), false),
            ],
            "{send}"
        );
    }
}

/// Runs one line in a library session, as the runner does.
fn run_in(session: &mut Session, line: &str) -> Step {
    let parsed = socklab::command::parse(line, session)
        .unwrap_or_else(|(_, e)| panic!("{line}: {e}"))
        .expect("a command");
    let step = socklab::command::run(parsed, line, session);
    assert!(step.ok(), "{line}: {step:?}");
    step
}

#[test]
fn what_came_between_steps_is_marked_under_the_next_one_when_nobody_watched() {
    // A driver that waited without watching (a pipe whose writer paused,
    // before the runner could show anything): what came meanwhile is shown
    // with the next step, marked.
    let mut session = Session::new(Some(Duration::from_secs(5))).unwrap();
    for line in CONNECTED
        .lines()
        .chain(EXCHANGED.lines())
        .filter(|l| !l.is_empty())
    {
        run_in(&mut session, line);
    }
    let shutdown = run_in(&mut session, "shutdown cli write");
    assert!(shutdown.changes.iter().all(|c| !c.when.unwrap().between));
    // Wait (on the session's own state watch, not a timer) until the
    // kernel moves something.
    let fds = session.between_fds();
    socklab::sys::poll(&fds, libc::POLLIN, 5000).unwrap();
    drop(fds);
    // As the runner says when it had to wait for its next line.
    session.note_waited();
    let send = run_in(&mut session, "send conn bye");
    let moved = send
        .changes
        .iter()
        .find(|c| c.handle == "cli")
        .unwrap_or_else(|| panic!("{send:?}"));
    assert_eq!(moved.to.map(|s| s.name()), Some("FIN_WAIT2"));
    let when = moved.when.unwrap();
    assert!(when.between, "{moved:?}");
    let mut text = Vec::new();
    socklab::render::text::render(&mut text, &send).unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.lines()
            .any(|l| l.contains("state cli: FIN_WAIT1 → FIN_WAIT2  (+")
                && l.ends_with(" ms, between steps)")),
        "{text}"
    );
}

#[test]
fn every_segment_and_change_carries_its_time_in_order() {
    if !can_capture() {
        eprintln!("skipped: no CAP_NET_RAW here");
        return;
    }
    let (steps, _) = run_json(
        &format!("wire on\n{CONNECTED}send cli hi\nclose cli\n"),
        &[],
    );
    // Segments in the order sent, each step's after the last step's.
    let times: Vec<f64> = steps
        .iter()
        .flat_map(|step| entries(step, "wire"))
        .map(|segment| {
            assert_eq!(segment["between"], false, "{segment}");
            t(segment)
        })
        .collect();
    assert!(times.len() >= 6, "{}", dump(&steps));
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    assert!(times[0] > 0.0 && times[times.len() - 1] < 60.0, "{times:?}");
    // State changes too: each after the segment that caused it.
    let connect = step(&steps, "connect cli srv");
    let established = entries(connect, "changes")
        .iter()
        .find(|c| c["to"] == "ESTABLISHED")
        .unwrap();
    let syn = &entries(connect, "wire")[0];
    assert!(t(established) >= t(syn), "{connect}");
    assert_eq!(established["between"], false);
}
