//! The `why:` line names the cause socklab can tell, not only what the
//! errno may mean: a lab host that crashed (its RST), a send before the
//! handshake has finished, and which of TCP's give-ups ended a connection
//! with ETIMEDOUT. Each is produced here by real calls: in the lab (real
//! namespaces, a relayed link) where a peer must vanish, on loopback
//! where it need not. And the help topics, through the binary.
//!
//! Kernel timers are made short with the lab's own settings (sysctl
//! tcp_syn_retries, tcp_retries2, TCP_KEEP*, TCP_USER_TIMEOUT): each
//! give-up comes within a few seconds, and socklab's `--timeout` bounds
//! each call generously.

mod common;

use common::*;
use serde_json::Value;

const LAB_CONNECTED: &str = "srv = socket tcp @b\nbind srv b:80\nlisten srv\n\
                             cli = socket tcp @a\nconnect cli b:80\nconn = accept srv\n";

fn lab(script: &str) -> Option<Vec<Value>> {
    let (steps, output) = run_json(script, &["--lab", "--timeout", "30"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("user namespaces") || stderr.contains("cannot make a network namespace") {
        eprintln!("skipped: the lab cannot run here: {stderr}");
        return None;
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
    Some(steps)
}

fn why(step: &Value) -> &str {
    step["why"].as_str().unwrap_or_default()
}

fn notes(step: &Value) -> Vec<String> {
    step["notes"]
        .as_array()
        .map(|a| a.iter().map(|n| n.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

/// The step for `line` failed with `errno`, and its why begins `begins`.
fn assert_why(steps: &[Value], line: &str, errno: &str, begins: &str) {
    let failed = step(steps, line);
    assert_errno(failed, errno);
    assert!(why(failed).starts_with(begins), "{line}: {failed}");
}

#[test]
fn an_rst_from_a_crashed_host_says_it_crashed() {
    let script = format!(
        "{LAB_CONNECTED}host b crash\nsend cli \"are you there?\"\nrecv cli\nsend cli again\n"
    );
    let Some(steps) = lab(&script) else { return };
    assert_why(
        &steps,
        "recv cli",
        "ECONNRESET",
        "host b crashed (host b crash) and came back with no TCP state: it knows no such connection",
    );
    assert!(!why(step(&steps, "recv cli")).contains("unread data"));
}

/// An RST for any other reason keeps the table's note: the crash's is
/// chosen only for connections the crashed host lost — not for one made
/// with it after it came back.
#[test]
fn an_rst_from_a_live_peer_keeps_the_tables_note() {
    let script = format!(
        "{LAB_CONNECTED}host b crash
srv2 = socket tcp @b
bind srv2 b:80
listen srv2
\
         c2 = socket tcp @a
connect c2 b:80
conn2 = accept srv2
send c2 unread
close conn2
\
         recv c2
"
    );
    let Some(steps) = lab(&script) else { return };
    let reset = step(&steps, "recv c2");
    assert_errno(reset, "ECONNRESET");
    assert!(why(reset).contains("closed with unread data"), "{reset}");
}

/// A nonblocking send before the handshake has finished: the listener's
/// queue is full, so the SYN goes unanswered and c3 stays in SYN_SENT.
#[test]
fn a_send_in_syn_sent_says_the_handshake_has_not_finished() {
    let script = "srv = socket\nbind srv 127.0.0.1:0\nlisten srv 1\nc1 = socket\nconnect c1 srv\n\
                  c2 = socket\nconnect c2 srv\nc3 = socket\nnonblock c3 on\nconnect c3 srv\n\
                  send c3 early\n";
    let (steps, _) = run_json(script, &[]);
    assert_eq!(step(&steps, "connect c3 srv")["errno"], "EINPROGRESS");
    assert_why(
        &steps,
        "send c3 early",
        "EAGAIN",
        "the connection is not established yet (SYN_SENT",
    );
}

/// The same in the lab, with the SYN held on the link: and a full send
/// buffer still says the peer is not reading.
#[test]
fn a_send_in_syn_sent_in_the_lab_and_a_full_buffer_are_told_apart() {
    let script = "srv = socket tcp @b\nsetsockopt srv SO_RCVBUF 2048\nbind srv b:80\nlisten srv\n\
                  cli = socket tcp @a\nnonblock cli on\nlink hold\nconnect cli b:80\nsend cli x\n\
                  link pass\ndeliver all\nawait cli ESTABLISHED\nsendall cli \"x\"*10000000\n";
    let Some(steps) = lab(script) else { return };
    assert_why(
        &steps,
        "send cli x",
        "EAGAIN",
        "the connection is not established yet (SYN_SENT",
    );
    assert_why(
        &steps,
        "sendall cli \"x\"*10000000",
        "EAGAIN",
        "nonblocking (or MSG_DONTWAIT) and the send buffer is full",
    );
}

#[test]
fn a_connect_whose_syns_go_unanswered_names_tcp_syn_retries() {
    let script = "srv = socket tcp @b\nbind srv b:80\nlisten srv\n\
                  sysctl a net.ipv4.tcp_syn_retries=1\nlink hold\ncli = socket tcp @a\n\
                  connect cli b:80\n";
    let Some(steps) = lab(script) else { return };
    assert_why(
        &steps,
        "connect cli b:80",
        "ETIMEDOUT",
        "no answer to the SYN: the kernel sent it again and again and gave up — net.ipv4.tcp_syn_retries",
    );
    let said = notes(step(&steps, "connect cli b:80"));
    assert!(
        said.iter()
            .any(|n| n.starts_with("the link is holding segments")),
        "{said:?}"
    );
}

#[test]
fn a_connect_cut_short_by_tcp_user_timeout_says_so() {
    let script = "srv = socket tcp @b\nbind srv b:80\nlisten srv\nhost b down\n\
                  cli = socket tcp @a\nsetsockopt cli TCP_USER_TIMEOUT 500ms\nconnect cli b:80\n";
    let Some(steps) = lab(script) else { return };
    assert_why(
        &steps,
        "connect cli b:80",
        "ETIMEDOUT",
        "no answer to the SYN before TCP_USER_TIMEOUT",
    );
    let said = notes(step(&steps, "connect cli b:80"));
    assert!(
        said.iter().any(|n| n.starts_with("host b is down")),
        "{said:?}"
    );
}

#[test]
fn data_never_acknowledged_names_tcp_retries2() {
    let script = format!(
        "{LAB_CONNECTED}sysctl a net.ipv4.tcp_retries2=1\nlink loss 100% a->b\nsend cli hello\nrecv cli\n"
    );
    let Some(steps) = lab(&script) else { return };
    assert_why(
        &steps,
        "recv cli",
        "ETIMEDOUT",
        "sent data was never acknowledged: the kernel retransmitted it",
    );
    assert!(why(step(&steps, "recv cli")).contains("net.ipv4.tcp_retries2"));
}

/// The same give-up met by a background call: its result is explained
/// where it is shown.
#[test]
fn a_background_call_that_times_out_is_explained_too() {
    let script = format!(
        "{LAB_CONNECTED}sysctl a net.ipv4.tcp_retries2=1\nlink loss 100% a->b\nsend cli hello\nrecv cli &\nwait\n"
    );
    let Some(steps) = lab(&script) else { return };
    let result = steps
        .iter()
        .find(|s| s["verb"] == "recv" && s["errno"] == "ETIMEDOUT")
        .unwrap_or_else(|| panic!("no background result:\n{}", dump(&steps)));
    assert!(
        why(result).starts_with("sent data was never acknowledged"),
        "{result}"
    );
}

#[test]
fn keepalive_that_finds_a_dead_peer_says_so() {
    let script = format!(
        "{LAB_CONNECTED}setsockopt cli SO_KEEPALIVE on\nsetsockopt cli TCP_KEEPIDLE 1s\n\
         setsockopt cli TCP_KEEPINTVL 1s\nsetsockopt cli TCP_KEEPCNT 2\nhost b down\nrecv cli\n"
    );
    let Some(steps) = lab(&script) else { return };
    assert_why(
        &steps,
        "recv cli",
        "ETIMEDOUT",
        "SO_KEEPALIVE: the connection was idle, and TCP_KEEPCNT keepalive probes",
    );
    let said = notes(step(&steps, "recv cli"));
    assert!(
        said.iter().any(|n| n.starts_with("host b is down")),
        "{said:?}"
    );
}

/// Met by a send this time: the connection was given up while nobody
/// was in a call, and the next call meets it.
#[test]
fn tcp_user_timeout_on_the_socket_is_named() {
    let script = format!(
        "{LAB_CONNECTED}setsockopt cli TCP_USER_TIMEOUT 800ms\nlink loss 100% a->b\nsend cli hello\n\
         await cli CLOSE 20s\nsend cli again\n"
    );
    let Some(steps) = lab(&script) else { return };
    assert_why(
        &steps,
        "send cli again",
        "ETIMEDOUT",
        "TCP_USER_TIMEOUT is set on this socket",
    );
}

/// The peer shut its window (it does not read), then vanished: the
/// window probes go unanswered.
#[test]
fn window_probes_unanswered_are_named() {
    let script = "srv = socket tcp @b\nsetsockopt srv SO_RCVBUF 2048\nbind srv b:80\nlisten srv\n\
                  cli = socket tcp @a\nconnect cli b:80\nconn = accept srv\n\
                  sysctl a net.ipv4.tcp_retries2=1\nsend cli \"x\"*40000 dontwait\nhost b down\nrecv cli\n";
    let Some(steps) = lab(script) else { return };
    assert_why(
        &steps,
        "recv cli",
        "ETIMEDOUT",
        "the peer's window was shut (0), and the probes",
    );
}

#[test]
fn help_etimedout_names_every_give_up() {
    let (steps, _) = run_json("help ETIMEDOUT\n", &[]);
    let text = step(&steps, "help ETIMEDOUT")["output"].to_string();
    for said in [
        "connect",
        "recv",
        "send",
        "net.ipv4.tcp_syn_retries",
        "net.ipv4.tcp_retries2",
        "SO_KEEPALIVE",
        "TCP_KEEPCNT",
        "TCP_USER_TIMEOUT",
    ] {
        assert!(
            text.contains(said),
            "help ETIMEDOUT never says {said}: {text}"
        );
    }
}

/// Every TCP state and option has a topic, under the tutorials' spellings
/// too, in any case; `help listen` is still the verb.
#[test]
fn help_has_a_topic_for_each_state_and_option() {
    let topics = [
        ("help TIME_WAIT", "TIME_WAIT — a TCP state"),
        ("help time-wait", "TIME_WAIT — a TCP state"),
        ("help SYN_SEND", "SYN_SENT — a TCP state"),
        ("help syn_rcvd", "SYN_RECV — a TCP state"),
        ("help CLOSED", "CLOSE — a TCP state"),
        ("help CLOSE", "CLOSE — a TCP state"),
        ("help FIN_WAIT_1", "FIN_WAIT1 — a TCP state"),
        ("help LISTEN", "LISTEN — a TCP state"),
        ("help listen", "usage: listen"),
        ("help keepalive", "keepalive — TCP keepalive"),
        ("help SO_REUSEADDR", "SO_REUSEADDR — a socket option"),
        ("help reuseaddr", "SO_REUSEADDR — a socket option"),
        (
            "help tcp_user_timeout",
            "TCP_USER_TIMEOUT — a socket option",
        ),
        ("help SO_LINGER", "SO_LINGER — a socket option"),
    ];
    let script: String = topics.iter().map(|(line, _)| format!("{line}\n")).collect();
    let (steps, _) = run_json(&script, &[]);
    for (line, begins) in topics {
        let shown = step(&steps, line);
        assert_eq!(shown["ok"], true, "{shown}");
        let first = shown["output"][0].as_str().unwrap_or_default();
        assert!(first.starts_with(begins), "{line}: {first}");
    }
    let keepalive = step(&steps, "help keepalive")["output"].to_string();
    assert!(keepalive.contains("49-lab-keepalive"), "{keepalive}");
}
