//! Explained at the moment of surprise: the notes socklab adds under a
//! step, each checked through the binary (`why:` is tests/errno_claims.rs).

mod common;

use common::*;

fn notes(step: &serde_json::Value) -> Vec<String> {
    step["notes"]
        .as_array()
        .map(|a| a.iter().map(|n| n.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

#[test]
fn a_recv_that_competes_with_a_watcher_says_so() {
    let (steps, _) = run_json(
        "a, b = socketpair\nwatch b\nrecv b 4 dontwait\nunwatch b\nrecv b 4 dontwait\n",
        &[],
    );
    let competing = nth_step(&steps, "recv b 4 dontwait", 0);
    assert!(
        notes(competing)[0]
            .starts_with("watcher [1] is reading b too: the two compete for the data"),
        "{competing}"
    );
    assert!(notes(nth_step(&steps, "recv b 4 dontwait", 1)).is_empty());
}

#[test]
fn readable_with_nothing_to_read_is_explained() {
    let (steps, _) = run_json("t = socket\nawait t readable 100ms\n", &[]);
    let awaited = step(&steps, "await t readable 100ms");
    assert!(
        notes(awaited)[0].contains("neither listening nor connected: poll reports POLLHUP"),
        "{awaited}"
    );
}

#[test]
fn close_that_sends_rst_says_why() {
    let script = format!(
        "{CONNECTED}send cli unread\nclose conn\nc2 = socket\nconnect c2 srv\nsetsockopt c2 SO_LINGER 0\nclose c2\n"
    );
    let (steps, _) = run_json(&script, &[]);
    assert!(
        notes(step(&steps, "close conn"))[0]
            .starts_with("6 received bytes were never read: closing sends RST")
    );
    assert!(notes(step(&steps, "close c2"))[0].starts_with("SO_LINGER is on with timeout 0"));
}

/// As root (as here and in CI) a bind below 1024 succeeds: said once.
#[test]
fn a_privileged_bind_is_explained_once() {
    if !nix::unistd::geteuid().is_root() {
        eprintln!("skipped: not root, so the bind fails (EACCES) instead");
        return;
    }
    let (steps, _) = run_json(
        "a = socket\nbind a 127.0.0.1:1023\nb = socket\nbind b 127.0.0.1:1022\n",
        &[],
    );
    let first = notes(step(&steps, "bind a 127.0.0.1:1023"));
    assert!(
        first[0].starts_with("allowed because socklab runs with CAP_NET_BIND_SERVICE"),
        "{first:?}"
    );
    assert!(first[0].contains("ip_unprivileged_port_start = 1024"));
    assert!(
        notes(step(&steps, "bind b 127.0.0.1:1022")).is_empty(),
        "said once"
    );
}

/// In --sandbox the first ECONNREFUSED says that programs outside cannot
/// be reached; the second does not repeat it.
#[test]
fn the_private_network_is_explained_at_the_first_refusal() {
    let script = "c = socket\nconnect c 127.0.0.1:9\nconnect c 127.0.0.1:9\n";
    let (steps, output) = run_json(script, &["--sandbox"]);
    if String::from_utf8_lossy(&output.stderr)
        .contains("does not allow unprivileged user namespaces")
    {
        eprintln!("skipped: no user namespaces here");
        return;
    }
    let first = notes(nth_step(&steps, "connect c 127.0.0.1:9", 0));
    assert!(
        first[0].starts_with("this session runs in a private network (--sandbox)"),
        "{first:?}"
    );
    assert!(notes(nth_step(&steps, "connect c 127.0.0.1:9", 1)).is_empty());
    // Outside the sandbox, no such note.
    let (steps, _) = run_json(script, &[]);
    assert!(notes(nth_step(&steps, "connect c 127.0.0.1:9", 0)).is_empty());
}
