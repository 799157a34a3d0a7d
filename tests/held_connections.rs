//! Connections that live on without an fd (a closed handle's FIN_WAIT2 and
//! TIME_WAIT, or TIME_WAIT behind a socket in CLOSE once both ends shut
//! down), on loopback and in the lab: `await` matches them and says so;
//! their states keep the name their handle had, marked `(no fd)` to their
//! end, even once a new handle takes the name; and each move is seen when
//! it happens — between steps too, with nothing typed — with its true time:
//! a delayed ACK's few milliseconds, TIME_WAIT's 60 s.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{ChildStdin, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::*;
use serde_json::Value;

/// socklab reading lines from a pipe, as a person typing at their own pace
/// would drive it: what it prints arrives line by line on a channel.
struct Driven {
    stdin: ChildStdin,
    lines: mpsc::Receiver<String>,
    child: std::process::Child,
}

impl Driven {
    fn start(args: &[&str]) -> Driven {
        let mut child = socklab()
            .args(args)
            .args(["run", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    return;
                }
            }
        });
        Driven {
            stdin: child.stdin.take().unwrap(),
            lines,
            child,
        }
    }

    fn send(&mut self, lines: &str) {
        self.stdin.write_all(lines.as_bytes()).unwrap();
        self.stdin.flush().unwrap();
    }

    /// The next line printed, within `limit` (a kernel timer's time, with
    /// room for a loaded machine).
    fn next(&self, limit: Duration) -> String {
        self.lines
            .recv_timeout(limit)
            .unwrap_or_else(|_| panic!("socklab said nothing more within {limit:?}"))
    }

    /// Runs JSON lines and returns their objects (one per line).
    fn run_json(&mut self, lines: &str) -> Vec<Value> {
        let count = lines.lines().filter(|l| !l.trim().is_empty()).count();
        self.send(lines);
        (0..count).map(|_| self.object(SHORT)).collect()
    }

    fn object(&self, limit: Duration) -> Value {
        let line = self.next(limit);
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))
    }

    /// Lines until one that `wanted` accepts; every line seen, in order.
    fn until(&self, limit: Duration, wanted: impl Fn(&str) -> bool) -> Vec<String> {
        let mut seen = Vec::new();
        loop {
            let line = self.next(limit);
            let done = wanted(&line);
            seen.push(line);
            if done {
                return seen;
            }
        }
    }
}

impl Drop for Driven {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A step's answer, a delayed ACK: bounded for a loaded machine.
const SHORT: Duration = Duration::from_secs(10);

/// The end of TIME_WAIT: the kernel's 60 s (TCP_TIMEWAIT_LEN), which its
/// timer wheel may lengthen by up to an eighth; and the wait for it.
const TIME_WAIT_LEAST: f64 = 59.9;
const TIME_WAIT_MOST: f64 = 60.0 * 1.125 + 1.0;
const TIME_WAIT_LIMIT: Duration = Duration::from_secs(80);

fn changes(step: &Value) -> Vec<Value> {
    step["changes"].as_array().cloned().unwrap_or_default()
}

/// The change of `handle` to `to` in a step.
fn change_to(step: &Value, handle: &str, to: Value) -> Value {
    changes(step)
        .into_iter()
        .find(|c| c["handle"] == handle && c["to"] == to)
        .unwrap_or_else(|| panic!("no change of {handle} to {to} in {step}"))
}

fn t(entry: &Value) -> f64 {
    entry["t"]
        .as_f64()
        .unwrap_or_else(|| panic!("no t: {entry}"))
}

/// `cli` shuts its sending side first, then `conn`: the FINs cross one
/// after the other, and cli's socket goes to CLOSE while its connection
/// lives on in TIME_WAIT with no fd.
const BOTH_SHUT: &str = "shutdown cli write\nawait cli FIN_WAIT2\nshutdown conn write\n";

/// What `await` said: its output line, or why it gave up.
fn said(step: &Value) -> String {
    match step["ok"] == true {
        true => step["output"][0].as_str().unwrap_or_default().to_string(),
        false => step["error"].as_str().unwrap_or_default().to_string(),
    }
}

#[test]
fn await_matches_the_connection_a_socket_in_close_leaves_in_time_wait() {
    let script = format!(
        "{CONNECTED}{BOTH_SHUT}await cli TIME_WAIT\nawait cli CLOSE\nawait conn LAST_ACK 200ms\n\
         close cli\nawait cli TIME_WAIT\nawait cli FIN_WAIT2 200ms\n"
    );
    let (steps, output) = run_json(&script, &[]);
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let shut = step(&steps, "shutdown conn write");
    assert_eq!(change(shut, "cli"), ("FIN_WAIT2".into(), "CLOSE".into()));
    assert_eq!(change_to(shut, "cli", "TIME_WAIT".into())["no_fd"], true);
    assert_eq!(
        said(nth_step(&steps, "await cli TIME_WAIT", 0)),
        "cli's connection is TIME_WAIT (held by the kernel, no fd); the socket is CLOSE"
    );
    assert_eq!(
        said(step(&steps, "await cli CLOSE")),
        "cli is CLOSE; its connection lives on as TIME_WAIT (held by the kernel, no fd)"
    );
    // conn's side is gone with its last ACK: nothing lives on to match.
    let last_ack = step(&steps, "await conn LAST_ACK 200ms");
    assert_eq!(last_ack["ok"], false);
    assert!(said(last_ack).ends_with("(it is CLOSE)"), "{last_ack}");
    // Closed, the handle's connection is still there to await.
    assert_eq!(
        said(nth_step(&steps, "await cli TIME_WAIT", 1)),
        "cli's connection is TIME_WAIT (held by the kernel, no fd)"
    );
    let never = step(&steps, "await cli FIN_WAIT2 200ms");
    assert_eq!(never["ok"], false);
    assert!(
        said(never).ends_with("(it is TIME_WAIT, held by the kernel with no fd)"),
        "{never}"
    );
}

#[test]
fn in_the_lab_await_matches_a_connection_held_by_host_b_s_kernel() {
    // conn (on b) shuts down first: its connection is the one left in
    // TIME_WAIT, in host b's table.
    let script = "srv = socket tcp @b\nbind srv b:80\nlisten srv\ncli = socket tcp @a\n\
                  connect cli b:80\nconn = accept srv\nshutdown conn write\n\
                  await conn FIN_WAIT2\nshutdown cli write\nawait conn TIME_WAIT\n\
                  close conn\nawait conn TIME_WAIT\n";
    let Some(steps) = run_lab(script) else { return };
    let shut = step(&steps, "shutdown cli write");
    assert_eq!(change(shut, "conn"), ("FIN_WAIT2".into(), "CLOSE".into()));
    assert_eq!(change_to(shut, "conn", "TIME_WAIT".into())["no_fd"], true);
    assert_eq!(
        said(nth_step(&steps, "await conn TIME_WAIT", 0)),
        "conn's connection is TIME_WAIT (held by the kernel, no fd); the socket is CLOSE"
    );
    assert_eq!(
        said(nth_step(&steps, "await conn TIME_WAIT", 1)),
        "conn's connection is TIME_WAIT (held by the kernel, no fd)"
    );
}

#[test]
fn a_closed_connection_s_states_come_when_they_happen_under_the_name_it_had() {
    let mut socklab = Driven::start(&["--json"]);
    socklab.run_json(CONNECTED);
    // After data has flowed, conn ACKs a FIN on its delayed-ACK timer.
    socklab.run_json("send cli hello\nrecv conn\n");
    let close = &socklab.run_json("close cli\n")[0];
    let fin_wait1 = change_to(close, "cli", "FIN_WAIT1".into());
    assert_eq!(fin_wait1["no_fd"], true, "{close}");

    // Nothing is typed: the ACK's move is shown as it happens, at its time.
    let between = socklab.object(SHORT);
    assert_eq!(between["verb"], "between", "{between}");
    let fin_wait2 = change_to(&between, "cli", "FIN_WAIT2".into());
    assert_eq!(
        (
            &fin_wait2["from"],
            &fin_wait2["no_fd"],
            &fin_wait2["between"]
        ),
        (&"FIN_WAIT1".into(), &true.into(), &true.into()),
        "{between}"
    );
    let ack_after = t(&fin_wait2) - t(&fin_wait1);
    assert!(
        (0.004..2.0).contains(&ack_after),
        "{ack_after} s: {between}"
    );

    // A new handle takes the name; the connection keeps it, marked.
    let udp = &socklab.run_json("cli = socket udp\n")[0];
    assert!(changes(udp).iter().all(|c| c["no_fd"] == false), "{udp}");
    let close = &socklab.run_json("close conn\n")[0];
    let time_wait = change_to(close, "cli", "TIME_WAIT".into());
    assert_eq!(
        (&time_wait["from"], &time_wait["no_fd"]),
        (&"FIN_WAIT2".into(), &true.into()),
        "{close}"
    );

    // Nothing is typed for a minute: TIME_WAIT's end is shown when the
    // kernel lets the connection go, not at the next step.
    let between = socklab.object(TIME_WAIT_LIMIT);
    assert_eq!(between["verb"], "between", "{between}");
    let gone = change_to(&between, "cli", Value::Null);
    assert_eq!(
        (&gone["from"], &gone["no_fd"], &gone["between"]),
        (&"TIME_WAIT".into(), &true.into(), &true.into()),
        "{between}"
    );
    let lasted = t(&gone) - t(&time_wait);
    assert!(
        (TIME_WAIT_LEAST..TIME_WAIT_MOST).contains(&lasted),
        "TIME_WAIT lasted {lasted} s: {between}"
    );
    // The new handle is untouched.
    let ls = &socklab.run_json("getsockname cli\n")[0];
    assert_eq!(ls["ok"], true, "{ls}");
}

#[test]
fn in_the_lab_a_held_connection_on_b_is_shown_as_it_moves_to_its_end() {
    if run_lab("").is_none() {
        return;
    }
    let mut socklab = Driven::start(&["--lab"]);
    let done = |step: &'static str| move |line: &str| line.starts_with(step);
    // The delay comes before the handshake, so TCP's RTO allows for it (a
    // FIN sent again would meet TIME_WAIT, and its answer an RST that ends
    // TIME_WAIT early: true, but another lesson).
    socklab.send(
        "link delay 300ms\nsrv = socket tcp @b\nbind srv b:80\nlisten srv\n\
         cli = socket tcp @a\nconnect cli b:80\nconn = accept srv\nclose conn\n",
    );
    socklab.until(SHORT, done("> close conn"));
    // conn's FIN takes 300 ms to reach a, cli's ACK 300 ms more: conn's
    // FIN_WAIT2 comes between steps, with nothing typed.
    let seen = socklab.until(SHORT, |l| {
        l.contains("state conn (no fd): FIN_WAIT1 → FIN_WAIT2")
    });
    let line = seen.last().unwrap();
    assert!(line.ends_with(", between steps)"), "{seen:?}");
    // The name goes to a new UDP socket on a; then cli closes: its FIN
    // reaches b 300 ms later, and conn's connection enters TIME_WAIT.
    socklab.send("conn = socket udp @a\nclose cli\n");
    let seen = socklab.until(SHORT, |l| {
        l.contains("state conn (no fd): FIN_WAIT2 → TIME_WAIT")
    });
    let entered = mark_seconds(seen.last().unwrap());
    assert!(
        seen.iter().any(|l| l.starts_with("> close cli")),
        "TIME_WAIT before close cli: {seen:?}"
    );
    let seen = socklab.until(TIME_WAIT_LIMIT, |l| {
        l.contains("state conn (no fd): TIME_WAIT → gone")
    });
    // Both marks count from the end of `close cli`, the last step.
    let lasted = mark_seconds(seen.last().unwrap()) - entered;
    assert!(
        (TIME_WAIT_LEAST..TIME_WAIT_MOST).contains(&lasted),
        "TIME_WAIT lasted {lasted} s: {seen:?}"
    );
    assert!(
        seen.iter().all(|l| !l.contains("state conn:")),
        "a line about the connection without its mark: {seen:?}"
    );
}

/// The figure of a between-steps mark: `… (+300 ms, between steps)` → 0.3.
fn mark_seconds(line: &str) -> f64 {
    let mark = line
        .rsplit_once("(+")
        .and_then(|(_, mark)| mark.strip_suffix(", between steps)"))
        .unwrap_or_else(|| panic!("no between-steps mark: {line}"));
    match mark.split_once(' ') {
        Some((ms, "ms")) => ms.parse::<f64>().unwrap() / 1000.0,
        Some((s, "s")) => s.parse().unwrap(),
        _ => panic!("not a time: {line}"),
    }
}
