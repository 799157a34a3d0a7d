//! socklab with real peer processes: the tutorials' Python programs, run
//! with python3, on loopback. Synchronised on the sockets and on the
//! processes' own output, never on sleeps.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdout, Command, Stdio};

use common::*;
use serde_json::Value;

fn python(script: &str, args: &[&str]) -> Child {
    Command::new("python3")
        .arg(format!(
            "{}/tests/peers/{script}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs")
}

fn read_line(reader: &mut impl BufRead) -> String {
    let mut line = String::new();
    reader.read_line(&mut line).expect("a line");
    line.trim_end().to_string()
}

#[test]
fn socklab_talks_to_the_python_echo_server() {
    let mut server = python("echo_server.py", &[]);
    let mut server_out = BufReader::new(server.stdout.take().unwrap());
    let port = read_line(&mut server_out);
    let script = format!(
        "c = socket tcp\nconnect c 127.0.0.1:{port}\nsend c \"Hello tcp!\"\nrecv c 1024\nshutdown c write\nrecv c 1024\nclose c\n"
    );
    let (steps, output) = run_json(&script, &[]);
    assert!(output.status.success(), "{}", dump(&steps));
    assert_ret(step(&steps, &format!("connect c 127.0.0.1:{port}")), 0);
    assert_eq!(data(step(&steps, "recv c 1024")), b"Hello tcp!");
    // After our FIN the server reads EOF and closes: we read EOF too.
    assert_ret(nth_step(&steps, "recv c 1024", 1), 0);
    let local = step(&steps, &format!("connect c 127.0.0.1:{port}"))["states"].clone();
    assert_eq!(local["c"], "ESTABLISHED");
    assert!(read_line(&mut server_out).starts_with("served "));
    assert!(server.wait().unwrap().success());
}

/// socklab in script mode, fed one line at a time, answering as it goes.
struct Live {
    child: Child,
    out: BufReader<ChildStdout>,
}

impl Live {
    fn start() -> Live {
        let mut child = socklab()
            .args(["--json", "--timeout", "10"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("socklab starts");
        let out = BufReader::new(child.stdout.take().unwrap());
        Live { child, out }
    }

    /// Sends a line and waits for its step.
    fn step(&mut self, line: &str) -> Value {
        let stdin = self.child.stdin.as_mut().unwrap();
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
        let step: Value = serde_json::from_str(&read_line(&mut self.out)).expect("JSON");
        assert_eq!(step["input"], line);
        step
    }
}

#[test]
fn socklab_accepts_a_python_client_and_answers_it() {
    let mut lab = Live::start();
    lab.step("srv = socket tcp");
    let bound = lab.step("bind srv 127.0.0.1:0");
    lab.step("listen srv 5");
    let port = bound["addr"]
        .as_str()
        .unwrap()
        .rsplit(':')
        .next()
        .unwrap()
        .to_string();

    let mut client = python("tcp_client.py", &[&port, "haha"]);
    let accepted = lab.step("conn = accept srv");
    assert_eq!(accepted["ok"], true, "{accepted}");
    assert_eq!(accepted["states"]["conn"], "ESTABLISHED");
    let got = lab.step("recv conn 1024");
    assert_eq!(data(&got), b"haha");
    assert_ret(&lab.step("send conn \"hello, python\""), 13);
    // The client prints the reply and closes: we read EOF.
    let mut client_out = BufReader::new(client.stdout.take().unwrap());
    assert_eq!(read_line(&mut client_out), "hello, python");
    assert!(client.wait().unwrap().success());
    let eof = lab.step("recv conn 1024");
    assert_ret(&eof, 0);
    assert_eq!(eof["states"]["conn"], "CLOSE_WAIT");
    let quit = lab.step("quit");
    assert_eq!(quit["fields"]["closed"], serde_json::json!(["srv", "conn"]));
    assert!(lab.child.wait().unwrap().success());
}
