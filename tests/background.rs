//! Background calls (`CMD &`), `jobs`, `wait`, `watch` and `unwatch` in
//! script mode with `--json`, on real loopback sockets. Where a result
//! appears is part of the contract: at the step boundary after the line
//! that caused it.

mod common;

use common::*;
use serde_json::{Value, json};

const LISTENING: &str = "srv = socket tcp\nbind srv 127.0.0.1:0\nlisten srv\n";

/// The objects after the step for `input` and before the next line's step.
fn results_after<'a>(steps: &'a [Value], input: &str) -> Vec<&'a Value> {
    let at = steps
        .iter()
        .position(|s| s["input"] == input && s["background"] != "result")
        .unwrap_or_else(|| panic!("no step {input:?} in:\n{}", dump(steps)));
    steps[at + 1..]
        .iter()
        .take_while(|s| s["background"] == "result")
        .collect()
}

#[test]
fn a_background_accept_is_shown_after_the_connect_that_completed_it() {
    let script = format!(
        "{LISTENING}conn = accept srv &\njobs\ncli = socket tcp\nconnect cli srv\njobs\nsend cli hi\nrecv conn\n"
    );
    let (steps, output) = run_json(&script, &[]);
    assert!(output.status.success(), "{}", dump(&steps));
    let started = step(&steps, "conn = accept srv &");
    assert_eq!(started["background"], "started");
    assert_eq!(started["job"], 1);
    assert_eq!(started["new_handles"], json!([]), "not yet");
    assert!(
        step(&steps, "jobs")["output"][0]
            .as_str()
            .unwrap()
            .contains("[1] conn = accept srv — blocked in its call")
    );
    // Nothing shows up after `cli = socket tcp`; the result follows connect.
    assert!(results_after(&steps, "cli = socket tcp").is_empty());
    let results = results_after(&steps, "connect cli srv");
    assert_eq!(results.len(), 1, "{}", dump(&steps));
    let accepted = results[0];
    assert_eq!(accepted["input"], "conn = accept srv &");
    assert_eq!(accepted["job"], 1);
    assert_eq!(accepted["call"], "accept(srv)");
    assert_eq!(accepted["new_handles"], json!(["conn"]));
    assert_eq!(accepted["states"]["conn"], "ESTABLISHED");
    assert_eq!(
        nth_step(&steps, "jobs", 1)["output"],
        json!(["no background jobs"])
    );
    assert_eq!(data(step(&steps, "recv conn")), b"hi");
}

#[test]
fn wait_is_bounded_by_the_timeout_and_quit_stops_what_is_left() {
    let script =
        format!("{LISTENING}cli = socket tcp\nconnect cli srv\nrecv cli &\nwait\njobs\nquit\n");
    let started = std::time::Instant::now();
    let (steps, output) = run_json(&script, &["--timeout", "0.5"]);
    let wait = step(&steps, "wait");
    assert_eq!(wait["ok"], false);
    assert!(
        wait["error"]
            .as_str()
            .unwrap()
            .starts_with("timeout after 500ms; still running: [1]"),
        "{wait}"
    );
    assert_eq!(output.status.code(), Some(1), "a wait that timed out fails");
    // quit interrupts the blocked recv, shows its result, then closes.
    let results = results_after(&steps, "jobs");
    assert_eq!(results.len(), 1, "{}", dump(&steps));
    assert_eq!(results[0]["errno"], "EINTR");
    let quit = step(&steps, "quit");
    assert_eq!(quit["fields"]["stopped"], json!(["[1]"]));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn wait_shows_a_result_that_comes_later() {
    let script = format!(
        "{LISTENING}cli = socket tcp\nconnect cli srv\nsetsockopt cli rcvtimeo 200ms\nrecv cli &\nwait 1\njobs\n"
    );
    let (steps, output) = run_json(&script, &[]);
    assert!(output.status.success(), "{}", dump(&steps));
    // The result is shown while wait waits, before wait's own step.
    let wait_at = steps.iter().position(|s| s["input"] == "wait 1").unwrap();
    let result = &steps[wait_at - 1];
    assert_eq!(result["background"], "result");
    assert_eq!(result["errno"], "EAGAIN");
    assert_eq!(steps[wait_at]["output"], json!(["[1] done"]));
    assert_eq!(
        step(&steps, "jobs")["output"],
        json!(["no background jobs"])
    );
}

#[test]
fn a_watcher_shows_data_eof_and_a_reset() {
    let script = format!(
        "{LISTENING}cli = socket tcp\nconnect cli srv\nconn = accept srv\nwatch conn\n\
         send cli one\nsend cli two\nshutdown cli write\njobs\n\
         c2 = socket tcp\nconnect c2 srv\nconn2 = accept srv\nwatch conn2\n\
         setsockopt c2 linger 0\nclose c2\njobs\n"
    );
    let (steps, output) = run_json(&script, &[]);
    assert!(output.status.success(), "{}", dump(&steps));
    let one = results_after(&steps, "send cli one");
    assert_eq!(one.len(), 1);
    assert_eq!(one[0]["call"], "recv(conn, 1024, 0)");
    assert_eq!(data(one[0]), b"one");
    assert_eq!(data(results_after(&steps, "send cli two")[0]), b"two");
    let eof = results_after(&steps, "shutdown cli write");
    assert_ret(eof[0], 0);
    assert_eq!(eof[0]["states"]["conn"], "CLOSE_WAIT");
    assert_eq!(
        nth_step(&steps, "jobs", 0)["output"],
        json!(["no background jobs"]),
        "the watcher stopped at EOF"
    );
    let reset = results_after(&steps, "close c2");
    assert_errno(reset[0], "ECONNRESET");
    assert_eq!(reset[0]["job"], 2);
}

#[test]
fn closing_a_watched_handle_stops_the_watcher_and_closes_the_fd() {
    let script = format!(
        "{LISTENING}cli = socket tcp\nconnect cli srv\nconn = accept srv\nwatch conn\nclose conn\nrecv cli\njobs\n"
    );
    let (steps, output) = run_json(&script, &[]);
    assert!(output.status.success(), "{}", dump(&steps));
    let close = step(&steps, "close conn");
    assert_ret(close, 0);
    assert_eq!(
        close["output"],
        json!(["stopped job [1], which was using conn"])
    );
    // The fd really was closed: the peer reads EOF.
    assert_ret(step(&steps, "recv cli"), 0);
    assert_eq!(
        step(&steps, "jobs")["output"],
        json!(["no background jobs"])
    );
}

#[test]
fn unwatch_leaves_the_data_for_the_next_recv() {
    let script = format!(
        "{LISTENING}cli = socket tcp\nconnect cli srv\nconn = accept srv\nwatch conn\nunwatch conn\nsend cli later\nrecv conn\n"
    );
    let (steps, output) = run_json(&script, &[]);
    assert!(output.status.success(), "{}", dump(&steps));
    assert_eq!(step(&steps, "unwatch conn")["background"], "stopped");
    assert!(results_after(&steps, "send cli later").is_empty());
    assert_eq!(data(step(&steps, "recv conn")), b"later");
}

#[test]
fn a_watched_udp_socket_shows_each_sender() {
    let script = "a = socket udp\nbind a 127.0.0.1:0\nb = socket udp\nbind b 127.0.0.1:0\n\
                  watch a\nsendto b a \"from b\"\n";
    let (steps, output) = run_json(script, &[]);
    assert!(output.status.success(), "{}", dump(&steps));
    let got = results_after(&steps, "sendto b a \"from b\"");
    assert_eq!(got[0]["call"], "recvfrom(a, 1024, 0)");
    assert_eq!(data(got[0]), b"from b");
    assert_eq!(got[0]["addr"], step(&steps, "bind b 127.0.0.1:0")["addr"]);
}

#[test]
fn background_mistakes_are_usage_errors_and_the_session_goes_on() {
    let script = format!(
        "{LISTENING}listen srv &\n&\nwait 7\nwait x\nwait %x\nunwatch srv\nwatch srv\n\
         conn = accept srv &\nconn = socket tcp\nsend conn hi\n\
         u = socket udp\nwatch u\nwatch u\nls\n"
    );
    let (steps, output) = run_json(&script, &[]);
    assert_eq!(output.status.code(), Some(1));
    let error = |input: &str| step(&steps, input)["error"].as_str().unwrap().to_string();
    assert_eq!(
        error("listen srv &"),
        "column 12: 'listen' does not block, so it cannot run in the background — only accept, connect, send, sendall, sendto, recv, recvfrom, recvall, drain, poll, sample take '&'"
    );
    assert!(error("&").contains("put it after one: accept srv &"));
    assert!(error("wait 7").starts_with("no job [7] is running"));
    assert!(error("wait x").contains("no program named 'x' is running"));
    assert!(error("wait %x").contains("'x' is not a job number"));
    assert!(error("unwatch srv").starts_with("nothing is watching srv"));
    assert!(error("watch srv").contains("srv is listening"));
    assert!(error("conn = socket tcp").contains("background job [1] will create 'conn'"));
    assert!(
        error("send conn hi")
            .contains("'conn' does not exist yet: background job [1] will create it (wait 1)")
    );
    assert_eq!(step(&steps, "watch u")["background"], "started");
    assert!(
        nth_step(&steps, "watch u", 1)["error"]
            .as_str()
            .unwrap()
            .contains("u is already watched by job [2]")
    );
    assert_eq!(step(&steps, "ls")["ok"], true, "the session goes on");
}

/// A datagram watcher goes on past empty datagrams, but stops when the
/// socket is shut for reading (each recvfrom would return 0 at once).
/// Found by the random-session test: the watcher used to spin.
#[test]
fn a_datagram_watcher_stops_when_reading_is_shut_down() {
    let script = "u = socket udp\nbind u 127.0.0.1:0\nv = socket udp\nwatch u\nsendto v u \"\"\nsendto v u x\nshutdown u read\njobs\n";
    let (steps, output) = run_json(script, &[]);
    assert!(output.status.success(), "{}", dump(&steps));
    let empty = results_after(&steps, "sendto v u \"\"");
    assert_eq!(empty.len(), 1, "{}", dump(&steps));
    assert_ret(empty[0], 0);
    assert_eq!(data(results_after(&steps, "sendto v u x")[0]), b"x");
    // shutdown on an unconnected UDP socket says ENOTCONN, yet shuts it.
    let shut = results_after(&steps, "shutdown u read");
    assert_eq!(
        shut.len(),
        1,
        "one last result, then it stops: {}",
        dump(&steps)
    );
    assert_ret(shut[0], 0);
    assert_eq!(shut[0]["addr"], serde_json::Value::Null, "no sender");
    assert_eq!(
        shut[0]["output"][0],
        "EOF: receiving is shut down (shutdown read)"
    );
    assert_eq!(step(&steps, "jobs")["output"][0], "no background jobs");
}
