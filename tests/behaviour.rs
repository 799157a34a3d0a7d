//! What the kernel does, seen through socklab's script mode and `--json`,
//! on real loopback sockets. Each test is one socklab session.

mod common;

use common::*;

#[test]
fn handshake_states_on_both_ends() {
    let (steps, output) = run_json(CONNECTED, &[]);
    assert!(output.status.success(), "{}", dump(&steps));
    assert_eq!(
        change(step(&steps, "listen srv 10"), "srv"),
        ("CLOSE".into(), "LISTEN".into())
    );
    let connect = step(&steps, "connect cli srv");
    assert_ret(connect, 0);
    assert_eq!(
        change(connect, "cli"),
        ("CLOSE".into(), "ESTABLISHED".into())
    );
    let accept = step(&steps, "conn = accept srv");
    assert_eq!(accept["new_handles"], serde_json::json!(["conn"]));
    assert_eq!(accept["states"]["conn"], "ESTABLISHED");
    assert_eq!(accept["states"]["srv"], "LISTEN");
    // accept's peer is the client's own local address.
    let bound = step(&steps, "bind srv 127.0.0.1:0")["addr"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        bound.starts_with("127.0.0.1:") && !bound.ends_with(":0"),
        "{bound}"
    );
    assert_eq!(
        step(&steps, "connect cli srv")["call"],
        format!("connect(cli, {bound})")
    );
}

#[test]
fn half_close_keeps_the_other_direction_open() {
    let script = format!(
        "{CONNECTED}
shutdown cli write
await cli FIN_WAIT2
recv conn 1024
send conn \"still open\"
recv cli 1024
send cli late
"
    );
    let (steps, output) = run_json(&script, &[]);
    assert!(output.status.success(), "{}", dump(&steps));
    let shutdown = step(&steps, "shutdown cli write");
    assert_eq!(shutdown["call"], "shutdown(cli, SHUT_WR)");
    assert_eq!(
        change(shutdown, "cli"),
        ("ESTABLISHED".into(), "FIN_WAIT1".into())
    );
    assert_eq!(
        change(shutdown, "conn"),
        ("ESTABLISHED".into(), "CLOSE_WAIT".into())
    );
    let waited = step(&steps, "await cli FIN_WAIT2");
    assert_eq!(waited["ok"], true);
    assert_eq!(waited["states"]["cli"], "FIN_WAIT2");
    let eof = step(&steps, "recv conn 1024");
    assert_ret(eof, 0);
    assert_eq!(data(eof), b"");
    assert_ret(step(&steps, "send conn \"still open\""), 10);
    assert_eq!(data(step(&steps, "recv cli 1024")), b"still open");
    assert_errno(step(&steps, "send cli late"), "EPIPE");
}

#[test]
fn connecting_to_a_port_nobody_listens_on_is_refused() {
    // `bound` holds a port without listening, so nothing else can take it.
    let script = "bound = socket tcp\nbind bound 127.0.0.1:0\nc = socket tcp\nconnect c bound\n";
    let (steps, _) = run_json(script, &[]);
    assert_errno(step(&steps, "connect c bound"), "ECONNREFUSED");
}

#[test]
fn a_second_bind_to_a_listening_address_is_in_use() {
    let script = "a = socket tcp\nbind a 127.0.0.1:0\nlisten a\nb = socket tcp\nbind b a\n";
    let (steps, _) = run_json(script, &[]);
    assert_errno(step(&steps, "bind b a"), "EADDRINUSE");
}

#[test]
fn recv_returns_what_is_there_up_to_n() {
    let script = format!("{CONNECTED}\nsend cli \"hello world\"\nrecv conn 5\nrecv conn 1024\n");
    let (steps, _) = run_json(&script, &[]);
    let first = step(&steps, "recv conn 5");
    assert_ret(first, 5);
    assert_eq!(data(first), b"hello");
    assert_eq!(data(step(&steps, "recv conn 1024")), b" world");
}

#[test]
fn udp_datagrams_carry_the_sender_and_are_truncated() {
    let script = "
u1 = socket udp
bind u1 127.0.0.1:0
u2 = socket udp
bind u2 127.0.0.1:0
sendto u2 u1 hello
recvfrom u1 1024
sendto u2 u1 0123456789
recvfrom u1 4
sendto u2 u1 0123456789
recvfrom u1 4 trunc
";
    let (steps, output) = run_json(script, &[]);
    assert!(output.status.success(), "{}", dump(&steps));
    let u2_addr = step(&steps, "bind u2 127.0.0.1:0")["addr"].clone();
    let got = step(&steps, "recvfrom u1 1024");
    assert_eq!(data(got), b"hello");
    assert_eq!(got["addr"], u2_addr);
    let cut = step(&steps, "recvfrom u1 4");
    assert_ret(cut, 4);
    assert_eq!(data(cut), b"0123");
    let real_length = step(&steps, "recvfrom u1 4 trunc");
    assert_ret(real_length, 10);
    assert_eq!(data(real_length), b"0123");
    assert_eq!(real_length["call"], "recvfrom(u1, 4, MSG_TRUNC)");
}

#[test]
fn a_nonblocking_recv_with_nothing_queued_is_eagain() {
    let script = format!("{CONNECTED}\nnonblock conn on\nrecv conn\n");
    let (steps, _) = run_json(&script, &[]);
    assert_eq!(
        step(&steps, "nonblock conn on")["call"],
        "fcntl(conn, F_SETFL, O_NONBLOCK)"
    );
    assert_errno(step(&steps, "recv conn"), "EAGAIN");
}

#[test]
fn peek_leaves_the_data_queued() {
    let script = format!("{CONNECTED}\nsend cli abc\nrecv conn 10 peek\nrecv conn 10\n");
    let (steps, _) = run_json(&script, &[]);
    let peeked = step(&steps, "recv conn 10 peek");
    assert_eq!(peeked["call"], "recv(conn, 10, MSG_PEEK)");
    assert_eq!(data(peeked), b"abc");
    assert_eq!(data(step(&steps, "recv conn 10")), b"abc");
}

#[test]
fn linger_zero_close_resets_the_peer() {
    let script = format!("{CONNECTED}\nsetsockopt cli SO_LINGER 0\nclose cli\nrecv conn\n");
    let (steps, _) = run_json(&script, &[]);
    assert_eq!(
        step(&steps, "setsockopt cli SO_LINGER 0")["call"],
        "setsockopt(cli, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=0})"
    );
    let close = step(&steps, "close cli");
    assert_ret(close, 0);
    // With RST, nothing of cli's connection is left in the kernel.
    assert_eq!(
        change(close, "cli"),
        ("ESTABLISHED".into(), serde_json::Value::Null)
    );
    assert_errno(step(&steps, "recv conn"), "ECONNRESET");
}

#[test]
fn an_unconnected_tcp_socket_cannot_talk() {
    let script = "s = socket tcp\nsend s hi\nrecv s\ngetpeername s\n";
    let (steps, output) = run_json(script, &[]);
    assert!(output.status.success(), "errnos are results, not failures");
    assert_errno(step(&steps, "send s hi"), "EPIPE");
    assert_errno(step(&steps, "recv s"), "ENOTCONN");
    assert_errno(step(&steps, "getpeername s"), "ENOTCONN");
}

#[test]
fn the_kernel_doubles_so_rcvbuf() {
    let script = "s = socket tcp\nsetsockopt s SO_RCVBUF 4096\ngetsockopt s SO_RCVBUF\n";
    let (steps, _) = run_json(script, &[]);
    assert_eq!(step(&steps, "getsockopt s SO_RCVBUF")["value"], 8192);
}

#[test]
fn unix_stream_sockets_by_path_and_abstract_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lab.sock");
    let path = path.to_str().unwrap();
    for addr in [path, "@socklab-test-abstract"] {
        let script = format!(
            "srv = socket unix\nbind srv {addr}\nlisten srv\ncli = socket unix\nconnect cli {addr}\nconn = accept srv\nsend cli hi\nrecv conn\n"
        );
        let (steps, output) = run_json(&script, &[]);
        assert!(output.status.success(), "{}", dump(&steps));
        assert_eq!(step(&steps, &format!("bind srv {addr}"))["addr"], addr);
        assert_eq!(data(step(&steps, "recv conn")), b"hi");
        // Unix sockets have no TCP state.
        assert_eq!(step(&steps, "recv conn")["states"], serde_json::json!({}));
    }
}

#[test]
fn ipv6_on_loopback() {
    let script = "srv = socket tcp6\nbind srv [::1]:0\nlisten srv\ncli = socket tcp6\nconnect cli srv\nconn = accept srv\ngetsockname cli\n";
    let (steps, output) = run_json(script, &[]);
    assert!(output.status.success(), "{}", dump(&steps));
    let peer = step(&steps, "conn = accept srv")["addr"].clone();
    assert!(peer.as_str().unwrap().starts_with("[::1]:"), "{peer}");
    assert_eq!(step(&steps, "getsockname cli")["addr"], peer);
    assert_eq!(
        step(&steps, "conn = accept srv")["states"]["conn"],
        "ESTABLISHED"
    );
}

#[test]
fn socketpair_ends_talk_to_each_other() {
    let script = "a, b = socketpair\nsend a ping\nrecv b\nsend b pong\nrecv a\n";
    let (steps, _) = run_json(script, &[]);
    assert_eq!(
        step(&steps, "a, b = socketpair")["new_handles"],
        serde_json::json!(["a", "b"])
    );
    assert_eq!(data(step(&steps, "recv b")), b"ping");
    assert_eq!(data(step(&steps, "recv a")), b"pong");
}

#[test]
fn the_first_closer_ends_in_time_wait_held_by_the_kernel() {
    let script = format!(
        "{CONNECTED}\nclose cli\nawait conn readable\nrecv conn\nclose conn\nawait cli TIME_WAIT\n"
    );
    let (steps, output) = run_json(&script, &[]);
    assert!(output.status.success(), "{}", dump(&steps));
    let closed = &step(&steps, "close cli")["changes"];
    let cli = closed
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["handle"] == "cli")
        .unwrap_or_else(|| panic!("{closed}"));
    assert_eq!(cli["from"], "ESTABLISHED");
    assert_eq!(
        cli["no_fd"], true,
        "the kernel keeps closing the connection"
    );
    assert!(
        ["FIN_WAIT1", "FIN_WAIT2"].contains(&cli["to"].as_str().unwrap()),
        "{cli}"
    );
    assert_eq!(step(&steps, "close cli")["states"]["conn"], "CLOSE_WAIT");
    assert_ret(step(&steps, "recv conn"), 0);
    assert_eq!(
        step(&steps, "await cli TIME_WAIT")["ok"],
        true,
        "{}",
        dump(&steps)
    );
}

#[test]
fn a_blocked_accept_is_bounded_by_the_timeout() {
    let started = std::time::Instant::now();
    let (steps, output) = run_json(
        "srv = socket tcp\nbind srv 127.0.0.1:0\nlisten srv\naccept srv\nls\n",
        &["--timeout", "1"],
    );
    let accept = step(&steps, "accept srv");
    assert_eq!(accept["errno"], "EINTR");
    assert!(
        accept["error"]
            .as_str()
            .unwrap()
            .contains("timeout: accept(srv)"),
        "{accept}"
    );
    assert_eq!(step(&steps, "ls")["ok"], true, "the session goes on");
    assert_eq!(output.status.code(), Some(1));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn text_output_reads_like_strace() {
    let script = format!("{CONNECTED}\nsend cli hi\nrecv conn\nshutdown cli write\n");
    let output = run_with_stdin(script.as_bytes(), &[]);
    let text = String::from_utf8(output.stdout).unwrap();
    for expected in [
        "> srv = socket tcp\nsocket(AF_INET, SOCK_STREAM, 0) = ",
        "  new handle: srv\n  state srv: CLOSE\n",
        "  state srv: CLOSE → LISTEN\n",
        "> send cli hi\nsend(cli, \"hi\", 2, 0) = 2\n",
        "> recv conn\nrecv(conn, 1024, 0) = 2\n  data: \"hi\"\n",
        "shutdown(cli, SHUT_WR) = 0\n  state cli: ESTABLISHED → FIN_WAIT1\n  state conn: ESTABLISHED → CLOSE_WAIT\n",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(
        !text.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
}

#[test]
fn every_json_object_has_the_contract_keys() {
    let script = "s = socket tcp\nsend s x\nbogus\nls\n\n# a comment\nhelp bind\n";
    let (steps, _) = run_json(script, &[]);
    assert_eq!(steps.len(), 5, "blank lines and comments produce nothing");
    let keys = [
        "input",
        "verb",
        "handle",
        "ok",
        "ret",
        "errno",
        "error",
        "new_handles",
        "addr",
        "data_hex",
        "value",
        "states",
    ];
    for step in &steps {
        for key in keys {
            assert!(step.get(key).is_some(), "{key} missing in {step}");
        }
    }
    assert_eq!(steps[1]["errno"], "EPIPE");
    assert_eq!(steps[1]["ret"], -1);
    assert_eq!(steps[2]["verb"], "?");
    assert!(
        steps[2]["error"]
            .as_str()
            .unwrap()
            .contains("unknown command 'bogus'")
    );
    assert_eq!(
        steps[2]["states"]["s"], "CLOSE",
        "states are there even after a usage error"
    );
}

#[test]
fn source_runs_a_file_in_the_same_session() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("setup.socklab");
    std::fs::write(&file, "srv = socket tcp\nbind srv 127.0.0.1:0\n").unwrap();
    let script = format!(
        "source {}\nlisten srv\nsource /nonexistent/file\n",
        file.display()
    );
    let output = run_with_stdin(script.as_bytes(), &[]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("> srv = socket tcp\nsocket(AF_INET"),
        "{text}"
    );
    assert!(text.contains("listen(srv, 128) = 0"), "{text}");
    assert!(
        text.contains("error: cannot open '/nonexistent/file'"),
        "{text}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn sendall_on_a_nonblocking_socket_stops_when_the_buffers_fill() {
    let script = format!(
        "{CONNECTED}
setsockopt conn SO_RCVBUF 4096
setsockopt cli SO_SNDBUF 4096
nonblock cli on
sendall cli \"x\"*4000000
ioctl cli SIOCOUTQ
ioctl conn FIONREAD
"
    );
    let (steps, output) = run_json(&script, &[]);
    assert!(output.status.success(), "{}", dump(&steps));
    let sendall = step(&steps, "sendall cli \"x\"*4000000");
    assert_errno(sendall, "EAGAIN");
    let sent = sendall["fields"]["sent"].as_u64().unwrap();
    let calls = sendall["fields"]["calls"].as_u64().unwrap();
    assert!(
        sent > 0 && sent < 4_000_000,
        "some but not all was sent: {sendall}"
    );
    assert!(calls >= 2, "the last call met EAGAIN: {sendall}");
    let unacked = step(&steps, "ioctl cli SIOCOUTQ")["value"]
        .as_u64()
        .unwrap();
    let unread = step(&steps, "ioctl conn FIONREAD")["value"]
        .as_u64()
        .unwrap();
    assert!(unread > 0, "the peer holds unread bytes");
    assert!(
        unacked + unread <= sent,
        "queued bytes were all sent: {unacked} + {unread} <= {sent}"
    );
}

#[test]
fn poll_shows_data_and_the_peers_fin() {
    let script =
        format!("{CONNECTED}\npoll conn\nsend cli hi\nshutdown cli write\npoll conn cli 0\n");
    let (steps, _) = run_json(&script, &[]);
    assert_eq!(
        step(&steps, "poll conn")["fields"]["conn"],
        serde_json::json!(["POLLOUT"])
    );
    let after = step(&steps, "poll conn cli 0");
    assert_eq!(after["call"], "poll([conn, cli], 2, 0)");
    assert_eq!(
        after["fields"]["conn"],
        serde_json::json!(["POLLIN", "POLLOUT", "POLLRDHUP"])
    );
    assert_eq!(after["fields"]["cli"], serde_json::json!(["POLLOUT"]));
    assert_ret(after, 2);
}

#[test]
fn tcpinfo_reads_the_kernels_view() {
    let script = format!("{CONNECTED}\ntcpinfo cli\ntcpinfo srv\n");
    let (steps, _) = run_json(&script, &[]);
    let info = step(&steps, "tcpinfo cli");
    assert_eq!(info["fields"]["state"], "ESTABLISHED");
    assert!(info["fields"]["snd_cwnd"].as_u64().unwrap() > 0);
    assert_eq!(step(&steps, "tcpinfo srv")["fields"]["state"], "LISTEN");
}

/// `socklab run ARGS SCRIPT` with its output into a pipe, and a reader of
/// that pipe's lines: each waited for at most 5 s (the lines a blocked
/// call's watchdog must flush).
fn run_piped(script: &str, args: &[&str]) -> (std::process::Child, impl Fn() -> String) {
    use std::io::{BufRead, BufReader};
    use std::sync::mpsc;
    use std::time::Duration;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("script.socklab");
    std::fs::write(&path, script).unwrap();
    let mut child = socklab()
        .arg("run")
        .args(args)
        .arg(&path)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (lines, seen) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        // (The script file is read at once; it may go with the test's dir.)
        let _dir = dir;
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    let next = move || {
        seen.recv_timeout(Duration::from_secs(5))
            .expect("output stopped while socklab was blocked: not flushed")
    };
    (child, next)
}

/// Into a pipe a script's output is buffered, but not while a call blocks:
/// the lines before a blocked `accept` reach the reader, which learns the
/// port from them and connects, so the accept returns.
#[test]
fn buffered_output_is_flushed_while_a_call_blocks() {
    use std::io::Write;

    let (mut child, next) = run_piped(
        "srv = socket tcp\nbind srv 127.0.0.1:0\nlisten srv 1\nconn = accept srv\nrecv conn\n",
        &[],
    );
    let port = loop {
        let line = next();
        if let Some(addr) = line.trim().strip_prefix("listening on: ") {
            break addr.rsplit(':').next().unwrap().to_string();
        }
    };
    let mut client = std::net::TcpStream::connect(format!("127.0.0.1:{port}")).unwrap();
    // recv blocks next: its line must arrive before the data is sent.
    while !next().starts_with("accept(srv) = ") {}
    while !next().starts_with("> recv conn") {}
    client.write_all(b"ping").unwrap();
    while !next().starts_with("recv(conn, 1024, 0) = 4") {}
    assert!(child.wait().unwrap().success());
}

/// As above with `--json`, where no line is echoed: the listen's result
/// reaches the reader while the accept after it blocks.
#[test]
fn buffered_json_is_flushed_while_a_call_blocks() {
    let (mut child, next) = run_piped(
        "srv = socket tcp\nbind srv 127.0.0.1:0\nlisten srv 1\nconn = accept srv\n",
        &["--json"],
    );
    let step = || serde_json::from_str::<serde_json::Value>(&next()).unwrap();
    let listened = loop {
        let step = step();
        if step["verb"] == "listen" {
            break step;
        }
    };
    let _client = std::net::TcpStream::connect(listened["addr"].as_str().unwrap()).unwrap();
    assert_eq!(step()["verb"], "accept");
    assert!(child.wait().unwrap().success());
}

/// A `send` or `recv` line seen before runs from the parse cache without a
/// fresh parse (and without checking its bytes again): what it shows must
/// be what a fresh parse of the same command shows, across handles closed
/// and made again under the same name. The same script, once with its
/// repeated lines repeated and once with each spelled apart (extra spaces:
/// never in the cache), shows the same results.
#[test]
fn a_line_run_from_the_parse_cache_shows_what_a_fresh_parse_shows() {
    let script = [
        "s = socket udp",
        "bind s 127.0.0.1:0",
        "r = socket udp",
        "connect r s",
        "send r \"one\"",
        "recv s 10",
        "send r \"one\"",
        "recv s 10",
        "recv s 10 MSG_DONTWAIT",
        "recv s 10 MSG_DONTWAIT",
        "close s",
        "s = socket tcp",
        "recv s 10 MSG_DONTWAIT",
        "send r \"one\"",
        "send r \"one\"",
        "close r",
        "send r \"one\"",
        "recv s 10 MSG_DONTWAIT",
    ];
    let mut seen = std::collections::HashMap::new();
    let apart: Vec<String> = script
        .iter()
        .map(|line| {
            let n = seen.entry(*line).or_insert(0);
            *n += 1;
            // The k-th repetition gets k extra spaces after the verb.
            line.replacen(' ', &" ".repeat(*n), 1)
        })
        .collect();
    let shown = |lines: Vec<String>| {
        let output = run_with_stdin((lines.join("\n") + "\n").as_bytes(), &[]);
        let text = String::from_utf8(output.stdout).unwrap();
        // Without the echoed lines, with the ephemeral port as PORT, and
        // without an error's column (the spaces moved it).
        let port = regex::Regex::new(r":\d{4,5}\b").unwrap();
        let column = regex::Regex::new(r"column \d+").unwrap();
        text.lines()
            .filter(|l| !l.starts_with("> "))
            .map(|l| {
                column
                    .replace_all(&port.replace_all(l, ":PORT"), "column N")
                    .to_string()
            })
            .collect::<Vec<_>>()
    };
    let cached = shown(script.iter().map(|l| l.to_string()).collect());
    let fresh = shown(apart);
    assert!(cached.iter().any(|l| l.contains("EAGAIN")), "{cached:#?}");
    assert_eq!(cached, fresh);
}
