//! After a long session of foreground calls, background jobs and watchers
//! ending in `quit`, no worker thread is left and every fd is closed. In a
//! test binary of its own, so no other test's threads or fds are counted.

use std::time::Duration;

use socklab::runner::{Flow, Format, Runner};
use socklab::session::Session;

fn fds() -> Vec<String> {
    std::fs::read_dir("/proc/self/fd")
        .unwrap()
        .filter_map(|entry| std::fs::read_link(entry.ok()?.path()).ok())
        .map(|target| target.display().to_string())
        .collect()
}

fn thread_names() -> Vec<String> {
    std::fs::read_dir("/proc/self/task")
        .unwrap()
        .filter_map(|entry| std::fs::read_to_string(entry.ok()?.path().join("comm")).ok())
        .map(|name| name.trim().to_string())
        .collect()
}

/// One round of 15 steps: background accept, watchers both ways, a
/// background recv completed by the peer, unwatch, and a blocked recv
/// stopped by close (which also gives the other watcher its EOF).
fn round(i: usize) -> Vec<String> {
    [
        "a{i} = socket tcp",
        "b{i} = accept srv &",
        "connect a{i} srv",
        "watch b{i}",
        "send a{i} \"ping\"",
        "recv a{i} 16 &",
        "jobs",
        "send b{i} \"pong\"",
        "watch a{i}",
        "send b{i} \"more\"",
        "unwatch a{i}",
        "recv a{i} 16 &",
        "close a{i}",
        "wait",
        "close b{i}",
    ]
    .iter()
    .map(|line| line.replace("{i}", &i.to_string()))
    .collect()
}

#[test]
fn a_thousand_mixed_steps_then_quit_leave_no_thread_and_no_fd() {
    socklab::sys::install_signal_handlers().unwrap();
    let fds_before = fds();
    let threads_before = thread_names();
    let mut runner = Runner::new(
        Session::new(Some(Duration::from_secs(5))).unwrap(),
        Vec::new(),
        Format::Text,
        false,
        false,
    );
    let mut lines: Vec<String> = ["srv = socket tcp", "bind srv 127.0.0.1:0", "listen srv"]
        .map(String::from)
        .to_vec();
    let rounds = 67;
    for i in 0..rounds {
        lines.extend(round(i));
    }
    // Left running for quit to end: a watcher and a blocked background recv.
    lines.extend(
        [
            "x = socket tcp",
            "y = accept srv &",
            "connect x srv",
            "watch y",
            "recv x 16 &",
        ]
        .map(String::from),
    );
    assert!(lines.len() >= 1000, "{} steps", lines.len());
    for line in &lines {
        assert_eq!(runner.run_line(line), Flow::Continue, "{line}");
    }
    assert_eq!(runner.run_line("quit"), Flow::Stop);

    let output = String::from_utf8_lossy(runner.out()).into_owned();
    assert_eq!(runner.failures, 0, "{output}");
    let count = |needle: &str| output.matches(needle).count();
    // Every round: the accept, "ping", "pong", "more", the recv stopped by
    // close, and b's EOF, each shown as a background result.
    assert_eq!(count("] accept(srv) = "), rounds + 1, "{output}");
    assert_eq!(
        count("] recv(a") + count("] recv(b"),
        5 * rounds,
        "{output}"
    );
    assert_eq!(count("= -1 EINTR"), rounds + 1, "{output}");
    assert_eq!(count("EOF: the peer"), rounds, "{output}");
    assert!(output.contains("stopped: [") && output.contains("closed: srv x y"));

    let jobs_left: Vec<String> = thread_names()
        .into_iter()
        .filter(|name| name.starts_with("socklab-job"))
        .collect();
    assert!(
        jobs_left.is_empty(),
        "threads left after quit: {jobs_left:?}"
    );
    let sockets_left: Vec<String> = fds()
        .into_iter()
        .filter(|fd| fd.starts_with("socket:"))
        .collect();
    assert!(
        sockets_left.is_empty(),
        "sockets left after quit: {sockets_left:?}"
    );

    drop(runner);
    assert_eq!(
        thread_names(),
        threads_before,
        "threads after the session ended"
    );
    assert_eq!(fds(), fds_before, "fds after the session ended");
}
