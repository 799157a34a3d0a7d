//! socklab with real peer processes: the tutorials' Python programs, run
//! with python3, on loopback. Synchronised on the sockets and on the
//! processes' own output, never on sleeps.

mod common;

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use common::*;
use serde_json::Value;

fn python(script: &str, args: &[&str]) -> Child {
    python_in("utf-8", script, args)
}

/// A peer whose text is in `encoding`, as the tutorials' `data.encode('gbk')`.
fn python_in(encoding: &str, script: &str, args: &[&str]) -> Child {
    Command::new("python3")
        .env("PEER_ENCODING", encoding)
        .env("PYTHONIOENCODING", "utf-8")
        .arg(format!(
            "{}/tests/peers/{script}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs")
}

/// A Python peer: its stdout read line by line, its stdin to type into.
struct Peer {
    child: Child,
    out: BufReader<ChildStdout>,
    input: Option<ChildStdin>,
}

impl Peer {
    fn start(script: &str, args: &[&str]) -> Peer {
        Peer::start_in("utf-8", script, args)
    }

    fn start_in(encoding: &str, script: &str, args: &[&str]) -> Peer {
        let mut child = python_in(encoding, script, args);
        let out = BufReader::new(child.stdout.take().unwrap());
        let input = child.stdin.take();
        Peer { child, out, input }
    }

    fn line(&mut self) -> String {
        read_line(&mut self.out)
    }

    /// Types a line into the peer (its sending thread sends it).
    fn say(&mut self, text: &str) {
        let input = self.input.as_mut().unwrap();
        writeln!(input, "{text}").unwrap();
        input.flush().unwrap();
    }

    /// Closes the peer's stdin (its sender finishes) and waits for it to exit.
    fn finish(mut self) {
        drop(self.input.take());
        assert!(self.child.wait().unwrap().success(), "the peer failed");
    }
}

fn port_of(step: &Value) -> String {
    step["addr"]
        .as_str()
        .unwrap()
        .rsplit(':')
        .next()
        .unwrap()
        .to_string()
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
/// Background results (which socklab shows as they come while it waits for
/// a line) are kept aside until asked for.
struct Live {
    child: Child,
    out: BufReader<ChildStdout>,
    results: VecDeque<Value>,
    between: VecDeque<Value>,
}

impl Live {
    fn start() -> Live {
        Live::start_with(&[])
    }

    fn start_with(args: &[&str]) -> Live {
        let mut child = socklab()
            .args(["--json", "--timeout", "10"])
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("socklab starts");
        let out = BufReader::new(child.stdout.take().unwrap());
        Live {
            child,
            out,
            results: VecDeque::new(),
            between: VecDeque::new(),
        }
    }

    fn next_object(&mut self) -> Value {
        serde_json::from_str(&read_line(&mut self.out)).expect("JSON")
    }

    /// Sends a line and waits for its step.
    fn step(&mut self, line: &str) -> Value {
        let stdin = self.child.stdin.as_mut().unwrap();
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
        loop {
            let object = self.next_object();
            if object["background"] == "result" {
                self.results.push_back(object);
                continue;
            }
            // What moved while socklab waited for this line (the peer's
            // FIN, its ACKs) is shown as it happened, before the step.
            if object["verb"] == "between" {
                self.between.push_back(object);
                continue;
            }
            assert_eq!(object["input"], line);
            return object;
        }
    }

    /// The next result of background job `job`, waiting for it if need be.
    fn result(&mut self, job: &Value) -> Value {
        if let Some(at) = self.results.iter().position(|r| r["job"] == *job) {
            return self.results.remove(at).unwrap();
        }
        loop {
            let object = self.next_object();
            if object["verb"] == "between" {
                self.between.push_back(object);
                continue;
            }
            assert_eq!(object["background"], "result", "{object}");
            if object["job"] == *job {
                return object;
            }
            self.results.push_back(object);
        }
    }
}

#[test]
fn socklab_accepts_a_python_client_and_answers_it() {
    let mut lab = Live::start();
    lab.step("srv = socket tcp");
    let bound = lab.step("bind srv 127.0.0.1:0");
    lab.step("listen srv 5");
    let port = port_of(&bound);

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

#[test]
fn socklab_sends_to_the_python_udp_receiver() {
    let mut receiver = Peer::start("udp_receiver.py", &[]);
    let port = receiver.line();
    let script = format!(
        "u = socket udp\nbind u 127.0.0.1:0\nsendto u 127.0.0.1:{port} \"hello udp\"\nsendto u 127.0.0.1:{port} \"88\"\nclose u\n"
    );
    let (steps, output) = run_json(&script, &[]);
    assert!(output.status.success(), "{}", dump(&steps));
    let ours = port_of(step(&steps, "bind u 127.0.0.1:0"));
    // The receiver saw each datagram, and our port as the sender.
    assert_eq!(receiver.line(), format!("hello udp {ours}"));
    assert_eq!(receiver.line(), format!("88 {ours}"));
    receiver.finish();
}

#[test]
fn socklab_receives_from_the_python_udp_sender() {
    let mut lab = Live::start();
    lab.step("u = socket udp");
    let port = port_of(&lab.step("bind u 127.0.0.1:0"));
    let mut sender = Peer::start("udp_sender.py", &[&port, "hi from python", "88"]);
    let theirs = sender.line();
    for expected in ["hi from python", "88"] {
        let got = lab.step("recvfrom u");
        assert_eq!(data(&got), expected.as_bytes());
        assert_eq!(port_of(&got), theirs, "the sender's address: {got}");
    }
    sender.finish();
    lab.step("quit");
}

#[test]
fn socklab_chats_turn_by_turn_with_the_python_server() {
    let mut server = Peer::start("turn_chat.py", &["server"]);
    let port = server.line();
    let script = format!(
        "c = socket tcp\nconnect c 127.0.0.1:{port}\nsend c hello\nrecv c\nsend c \"how are you\"\nrecv c\nsend c end\nrecv c\nclose c\n"
    );
    let (steps, output) = run_json(&script, &[]);
    assert!(output.status.success(), "{}", dump(&steps));
    assert_eq!(data(nth_step(&steps, "recv c", 0)), b"got: hello");
    assert_eq!(data(nth_step(&steps, "recv c", 1)), b"got: how are you");
    // After "end" the server closes: EOF.
    assert_ret(nth_step(&steps, "recv c", 2), 0);
    assert_eq!(server.line(), "hello");
    assert_eq!(server.line(), "how are you");
    assert_eq!(server.line(), "end");
    server.finish();
}

#[test]
fn the_python_turn_taking_client_chats_with_socklab() {
    let mut lab = Live::start();
    lab.step("srv = socket tcp");
    let port = port_of(&lab.step("bind srv 127.0.0.1:0"));
    lab.step("listen srv");
    let mut client = Peer::start("turn_chat.py", &["client", &port, "hello", "bye"]);
    assert_eq!(lab.step("conn = accept srv")["ok"], true);
    assert_eq!(data(&lab.step("recv conn")), b"hello");
    assert_ret(&lab.step("send conn \"hello, python\""), 13);
    assert_eq!(client.line(), "hello, python");
    assert_eq!(data(&lab.step("recv conn")), b"bye");
    lab.step("send conn \"bye, python\"");
    assert_eq!(client.line(), "bye, python");
    assert_eq!(data(&lab.step("recv conn")), b"end");
    let eof = lab.step("recv conn");
    assert_ret(&eof, 0);
    assert_eq!(eof["states"]["conn"], "CLOSE_WAIT");
    client.finish();
    lab.step("quit");
}

/// One exchange in each direction at once between a watched socklab
/// handle and the Python threaded chat, then the Python side's FIN.
fn threaded_chat(lab: &mut Live, chat: &mut Peer, handle: &str) {
    let watching = lab.step(&format!("watch {handle}"));
    let job = watching["job"].clone();
    assert_eq!(watching["background"], "started");
    // Both sides send before either reads: the threads receive meanwhile.
    chat.say("hello from python");
    assert_ret(
        &lab.step(&format!("send {handle} \"hello from socklab\"")),
        18,
    );
    assert_eq!(chat.line(), "received: hello from socklab");
    let got = lab.result(&job);
    assert_eq!(got["call"], format!("recv({handle}, 1024, 0)"));
    assert_eq!(data(&got), b"hello from python");
    // The Python side is done typing: it shuts down writing. The watcher
    // reads EOF and stops; socklab can still send (half-close).
    drop(chat.input.take());
    let eof = lab.result(&job);
    assert_ret(&eof, 0);
    assert_eq!(eof["states"][handle], "CLOSE_WAIT");
    lab.step(&format!("send {handle} \"still here\""));
    assert_eq!(chat.line(), "received: still here");
    lab.step(&format!("close {handle}"));
    assert_eq!(chat.line(), "peer closed");
}

#[test]
fn socklab_watches_while_chatting_with_the_python_threaded_server() {
    let mut chat = Peer::start("thread_chat.py", &["server"]);
    let port = chat.line();
    let mut lab = Live::start();
    lab.step("c = socket tcp");
    assert_ret(&lab.step(&format!("connect c 127.0.0.1:{port}")), 0);
    threaded_chat(&mut lab, &mut chat, "c");
    chat.finish();
    lab.step("quit");
}

#[test]
fn the_python_threaded_client_chats_with_a_watching_socklab() {
    let mut lab = Live::start();
    lab.step("srv = socket tcp");
    let port = port_of(&lab.step("bind srv 127.0.0.1:0"));
    lab.step("listen srv");
    let accepting = lab.step("conn = accept srv &");
    let mut chat = Peer::start("thread_chat.py", &["client", &port]);
    assert_eq!(chat.line(), "connected");
    let accepted = lab.result(&accepting["job"]);
    assert_eq!(accepted["new_handles"], serde_json::json!(["conn"]));
    threaded_chat(&mut lab, &mut chat, "conn");
    chat.finish();
    lab.step("quit");
}

#[test]
fn socklab_and_the_python_udp_threaded_chat_talk_both_ways() {
    let mut lab = Live::start();
    lab.step("u = socket udp");
    let ours = port_of(&lab.step("bind u 127.0.0.1:0"));
    let mut chat = Peer::start("udp_thread_chat.py", &[&ours]);
    let theirs = chat.line();
    let job = lab.step("watch u")["job"].clone();
    chat.say("hi socklab");
    lab.step(&format!("sendto u 127.0.0.1:{theirs} \"hi python\""));
    assert_eq!(chat.line(), format!("received: hi python from {ours}"));
    let got = lab.result(&job);
    assert_eq!(got["call"], "recvfrom(u, 1024, 0)");
    assert_eq!(data(&got), b"hi socklab");
    assert_eq!(port_of(&got), theirs);
    // "88" ends the Python receiver; EOF on its stdin ends its sender.
    lab.step(&format!("sendto u 127.0.0.1:{theirs} 88"));
    assert_eq!(chat.line(), format!("received: 88 from {ours}"));
    chat.finish();
    let quit = lab.step("quit");
    assert_eq!(quit["fields"]["stopped"], serde_json::json!(["[1]"]));
}

/// docs/half-close.md, step by step: two socklab processes, one per end,
/// each showing only its own kernel's view.
#[test]
fn two_socklabs_demonstrate_half_close_as_the_doc_says() {
    let mut a = Live::start();
    let mut b = Live::start();
    a.step("srv = socket tcp");
    let port = port_of(&a.step("bind srv 127.0.0.1:0"));
    a.step("listen srv");
    let accepting = a.step("conn = accept srv &")["job"].clone();

    b.step("cli = socket tcp");
    let connected = b.step(&format!("connect cli 127.0.0.1:{port}"));
    assert_eq!(connected["states"]["cli"], "ESTABLISHED");
    let accepted = a.result(&accepting);
    assert_eq!(accepted["new_handles"], serde_json::json!(["conn"]));
    assert_eq!(accepted["states"]["conn"], "ESTABLISHED");
    let watching = a.step("watch conn")["job"].clone();

    b.step("send cli \"request\"");
    assert_eq!(data(&a.result(&watching)), b"request");
    let shutdown = b.step("shutdown cli write");
    let (from, to) = change(&shutdown, "cli");
    assert_eq!(from, "ESTABLISHED");
    assert!(to.as_str().unwrap().starts_with("FIN_WAIT"), "{shutdown}");
    let eof = a.result(&watching);
    assert_ret(&eof, 0);
    assert_eq!(eof["states"]["conn"], "CLOSE_WAIT");
    assert_eq!(b.step("await cli FIN_WAIT2")["ok"], true);

    // The half-closed connection still carries data the other way.
    assert_eq!(a.step("ls")["states"]["conn"], "CLOSE_WAIT");
    assert_ret(&a.step("send conn \"response after your FIN\""), 23);
    assert_eq!(data(&b.step("recv cli")), b"response after your FIN");

    // A closes: its connection is gone; B reads EOF and holds TIME_WAIT.
    let closed = a.step("close conn");
    assert_eq!(closed["changes"][0]["to"], Value::Null, "{closed}");
    let last = b.step("recv cli");
    assert_ret(&last, 0);
    // B's socket moved when A's FIN came: while B waited for a line (shown
    // then, between steps), or with the recv if it came in between.
    let mut changes: Vec<Value> = b.between.drain(..).collect();
    changes.push(last.clone());
    let held = changes
        .iter()
        .flat_map(|step| step["changes"].as_array().unwrap())
        .any(|c| c["handle"] == "cli" && c["to"] == "TIME_WAIT" && c["no_fd"] == true);
    assert!(held, "{changes:?}");
    a.step("quit");
    b.step("quit");
}

/// docs/half-close-server.socklab played (no pauses) in one "terminal",
/// a socklab client in the other: the blocking calls keep them in step.
#[test]
fn the_half_close_server_lesson_plays_against_a_socklab_client() {
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().port()
    };
    let lesson = std::fs::read_to_string(format!(
        "{}/docs/half-close-server.socklab",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .replace("127.0.0.1:9000", &format!("127.0.0.1:{port}"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("half-close-server.socklab");
    std::fs::write(&path, lesson).unwrap();
    let mut play = socklab()
        .args(["play", "--host-net", "--auto", "0s"])
        .arg(&path)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut shown = BufReader::new(play.stdout.take().unwrap());
    let mut transcript = String::new();
    while !transcript.contains("listening on:") {
        assert!(
            shown.read_line(&mut transcript).unwrap() > 0,
            "{transcript}"
        );
    }

    let mut b = Live::start();
    b.step("cli = socket tcp");
    assert_ret(&b.step(&format!("connect cli 127.0.0.1:{port}")), 0);
    b.step("send cli \"request\"");
    b.step("shutdown cli write");
    let mut received = Vec::new();
    loop {
        let got = b.step("recv cli");
        if got["ret"] == 0 {
            break;
        }
        received.extend(data(&got));
    }
    assert_eq!(received, b"response after your FINand one more");
    b.step("quit");

    std::io::Read::read_to_string(&mut shown, &mut transcript).unwrap();
    assert!(play.wait().unwrap().success(), "{transcript}");
    assert!(transcript.contains("data: \"request\""), "{transcript}");
    assert!(
        transcript.contains("recv(conn, 1024, 0) = 0\n  data: \"\"\n  EOF: the peer has shut down"),
        "{transcript}"
    );
}

/// Kills the peer (SIGKILL) and waits until it is gone: the kernel closes
/// its socket as the process exits.
fn kill(mut peer: Peer) {
    peer.child.kill().unwrap();
    peer.child.wait().unwrap();
}

/// The peer is killed mid-exchange with nothing unread: the kernel sends
/// FIN for it. What it sent before is all received, then EOF; sending on
/// is answered with RST, and the next send fails.
#[test]
fn a_killed_peer_s_last_words_then_eof_then_rst() {
    let mut lab = Live::start();
    lab.step("srv = socket tcp");
    let port = port_of(&lab.step("bind srv 127.0.0.1:0"));
    lab.step("listen srv");
    let mut peer = Peer::start("last_words.py", &[&port, "last words"]);
    assert_eq!(peer.line(), "sent");
    lab.step("conn = accept srv");
    kill(peer);
    let closed = lab.step("await conn CLOSE_WAIT");
    assert_eq!(closed["states"]["conn"], "CLOSE_WAIT", "{closed}");
    let got = lab.step("recv conn");
    assert_eq!(data(&got), b"last words", "nothing lost: {got}");
    assert_ret(&lab.step("recv conn"), 0);
    // The peer's socket is gone: our data is answered with RST.
    assert_ret(&lab.step("send conn \"anyone?\""), 7);
    let after = lab.step("await conn CLOSE");
    assert_eq!(after["states"]["conn"], "CLOSE", "{after}");
    assert_errno(&lab.step("send conn again"), "EPIPE");
    let quit = lab.step("quit");
    assert_eq!(quit["fields"]["closed"], serde_json::json!(["srv", "conn"]));
}

/// The peer is killed with data of ours unread: the kernel resets the
/// connection. What it sent before is still received, then ECONNRESET.
#[test]
fn a_killed_peer_with_unread_data_resets_the_connection() {
    let mut lab = Live::start();
    lab.step("srv = socket tcp");
    let port = port_of(&lab.step("bind srv 127.0.0.1:0"));
    lab.step("listen srv");
    let mut peer = Peer::start("last_words.py", &[&port, "partial", "unread"]);
    assert_eq!(peer.line(), "sent");
    lab.step("conn = accept srv");
    lab.step("send conn ping");
    assert_eq!(peer.line(), "ping queued");
    kill(peer);
    let reset = lab.step("await conn CLOSE");
    assert_eq!(reset["states"]["conn"], "CLOSE", "{reset}");
    let got = lab.step("recv conn");
    assert_eq!(data(&got), b"partial", "nothing lost: {got}");
    assert_errno(&lab.step("recv conn"), "ECONNRESET");
    // The error is reported once; then the socket reads as ended.
    assert_ret(&lab.step("recv conn"), 0);
    lab.step("quit");
}

/// GBK, as the Chinese tutorials write it: `data.encode('gbk')` on one side,
/// `encoding gbk` in socklab on the other. The UDP receiver (program 3)
/// prints what socklab sent, decoded with 'gbk'; what the Python sender
/// sends, socklab shows as the same Chinese text, and JSON `text` has it.
#[test]
fn gbk_both_ways_with_the_tutorials_udp_programs() {
    let mut receiver = Peer::start_in("gbk", "udp_receiver.py", &[]);
    let port = receiver.line();
    let script = format!(
        "encoding gbk\nu = socket udp\nbind u 127.0.0.1:0\nsendto u 127.0.0.1:{port} \"你好，世界\"\nsendto u 127.0.0.1:{port} 88\n"
    );
    let (steps, output) = run_json(&script, &[]);
    assert!(output.status.success(), "{}", dump(&steps));
    let sent = step(&steps, &format!("sendto u 127.0.0.1:{port} \"你好，世界\""));
    assert_ret(sent, 10);
    assert!(
        sent["call"].as_str().unwrap().contains("\"你好，世界\""),
        "{sent}"
    );
    let ours = port_of(step(&steps, "bind u 127.0.0.1:0"));
    assert_eq!(receiver.line(), format!("你好，世界 {ours}"));
    assert_eq!(receiver.line(), format!("88 {ours}"));
    receiver.finish();

    let mut lab = Live::start_with(&["--encoding", "gbk"]);
    lab.step("u = socket udp");
    let port = port_of(&lab.step("bind u 127.0.0.1:0"));
    let mut sender = Peer::start_in("gbk", "udp_sender.py", &[&port, "收到了吗？", "88"]);
    sender.line();
    let got = lab.step("recvfrom u");
    assert_eq!(data(&got), "收到了吗？".encode_gbk());
    assert_eq!(got["text"], "收到了吗？", "{got}");
    sender.finish();
    lab.step("quit");
}

/// The tutorials' TCP turn-taking chat (program 6) in GBK: the Python
/// server decodes what socklab sends with 'gbk' and answers in GBK.
#[test]
fn gbk_turn_taking_chat_with_the_python_server() {
    let mut server = Peer::start_in("gbk", "turn_chat.py", &["server"]);
    let port = server.line();
    let script = format!(
        "encoding gbk\nc = socket tcp\nconnect c 127.0.0.1:{port}\nsend c 你好\nrecv c\nsend c end\nrecv c\n"
    );
    let (steps, output) = run_json(&script, &[]);
    assert!(output.status.success(), "{}", dump(&steps));
    let reply = nth_step(&steps, "recv c", 0);
    assert_eq!(data(reply), "got: 你好".encode_gbk());
    assert_eq!(reply["text"], "got: 你好");
    assert_eq!(server.line(), "你好");
    assert_eq!(server.line(), "end");
    server.finish();
    // The same bytes shown as UTF-8 are not text: JSON says null, and the
    // text view escapes every byte that is not valid.
    let script = format!(
        "encoding utf-8\nu = socket udp\nbind u 127.0.0.1:0\nsendto u u x\"{}\"\nrecv u\n",
        hex(&"你好".encode_gbk())
    );
    let (steps, _) = run_json(&script, &[]);
    assert_eq!(step(&steps, "recv u")["text"], Value::Null);
    let output = run_with_stdin(script.as_bytes(), &[]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("data: \"\\xc4\\xe3\\xba\\xc3\""), "{text}");
}

trait Gbk {
    fn encode_gbk(&self) -> Vec<u8>;
}

impl Gbk for str {
    /// The tutorials' `text.encode('gbk')`, by Python itself.
    fn encode_gbk(&self) -> Vec<u8> {
        let output = Command::new("python3")
            .args([
                "-c",
                "import sys; sys.stdout.buffer.write(sys.argv[1].encode('gbk'))",
                self,
            ])
            .output()
            .unwrap();
        output.stdout
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
