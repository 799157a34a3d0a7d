//! Names in the lab (issue 27, item 3): a handle's name as an address is
//! that handle's address on its host, `a` and `b` are the hosts, in every
//! form (`&`, `watch`) — and no form asks the system resolver, in the lab
//! or in a lesson (checked under strace: no /etc/hosts, no resolv.conf,
//! nothing sent to port 53).

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use serde_json::Value;

/// A listener on b bound to the any-address, UDP ends on both hosts, and
/// every form that takes an address, by name.
const NAMES: &str = "\
srv = socket tcp @b
bind srv :8080
listen srv
cli = socket tcp @a
connect cli srv
c2 = socket tcp @a
connect c2 b:8080 &
wait
c3 = socket tcp @a
connect c3 srv &
wait
u = socket udp @b
bind u :9000
v = socket udp @a
bind v :9001
sendto v u \"hi\"
recvfrom u
sendto u v \"reply\" &
recvfrom v
watch v
sendto u v \"watched\"
unwatch v
w = socket udp @b
bind w u
s6 = socket tcp6 @b
bind s6 :8086
listen s6
c6 = socket tcp6 @a
connect c6 s6
c7 = socket tcp @a
connect c7 localhost:8080
connect c7 example.invalid:80
connect c7 example.invalid:80 &
wait
";

/// The result a background line (`… &`) gave, as opposed to its start.
fn result<'a>(steps: &'a [Value], input: &str) -> &'a Value {
    steps
        .iter()
        .find(|s| s["input"] == input && s["background"] == "result")
        .unwrap_or_else(|| panic!("no result for {input:?} in:\n{}", dump(steps)))
}

fn assert_call(step: &Value, call: &str) {
    assert_eq!(step["call"], call, "{step}");
}

#[test]
fn a_handle_name_is_its_address_on_its_host_in_every_form() {
    let Some(steps) = run_lab(NAMES) else { return };
    // TCP, in the foreground and in the background, by handle and by host.
    let connect = step(&steps, "connect cli srv");
    assert_call(connect, "connect(cli, 192.0.2.2:8080)");
    assert_ret(connect, 0);
    for (input, call) in [
        ("connect c2 b:8080 &", "connect(c2, 192.0.2.2:8080)"),
        ("connect c3 srv &", "connect(c3, 192.0.2.2:8080)"),
    ] {
        let done = result(&steps, input);
        assert_call(done, call);
        assert_ret(done, 0);
    }
    // UDP: sendto by name, both ways, and the sender each side sees.
    assert_call(
        step(&steps, "sendto v u \"hi\""),
        "sendto(v, \"hi\", 2, 0, 192.0.2.2:9000)",
    );
    let got = step(&steps, "recvfrom u");
    assert_eq!(data(got), b"hi");
    assert_eq!(got["addr"], "192.0.2.1:9001", "{got}");
    assert_call(
        result(&steps, "sendto u v \"reply\" &"),
        "sendto(u, \"reply\", 5, 0, 192.0.2.1:9001)",
    );
    assert_eq!(data(step(&steps, "recvfrom v")), b"reply");
    // The watcher's recvfrom sees the datagram sent to v by name.
    let watched = steps
        .iter()
        .find(|s| s["job"].is_u64() && s["data_hex"].is_string() && s["verb"] == "recvfrom")
        .unwrap_or_else(|| panic!("the watcher got nothing:\n{}", dump(&steps)));
    assert_eq!(data(watched), b"watched");
    assert_eq!(watched["addr"], "192.0.2.2:9000", "{watched}");
    // bind to another handle's address: its host's, so the address is in use.
    let bind = step(&steps, "bind w u");
    assert_call(bind, "bind(w, 192.0.2.2:9000)");
    assert_errno(bind, "EADDRINUSE");
    // An IPv6 client of an IPv6 listener bound to [::].
    let v6 = step(&steps, "connect c6 s6");
    assert_call(v6, "connect(c6, [2001:db8::2]:8086)");
    assert_ret(v6, 0);
    // localhost is the host's own loopback (nothing listens there on a).
    let local = step(&steps, "connect c7 localhost:8080");
    assert_call(local, "connect(c7, 127.0.0.1:8080)");
    assert_errno(local, "ECONNREFUSED");
}

#[test]
fn other_names_are_refused_in_the_lab_in_every_form() {
    let Some(steps) = run_lab(NAMES) else { return };
    for refused in [
        step(&steps, "connect c7 example.invalid:80"),
        result(&steps, "connect c7 example.invalid:80 &"),
    ] {
        assert_eq!(refused["ok"], false, "{refused}");
        assert!(refused["call"].is_null(), "no call was made: {refused}");
        let error = refused["error"].as_str().unwrap_or_default();
        assert!(
            error.contains("the lab has no name service, so 'example.invalid' is not looked up")
                && error.contains("its hosts are a and b"),
            "{refused}"
        );
    }
}

/// What the resolver reads or asks: any of these in a trace is a lookup.
const RESOLVER_SIGNS: [&str; 6] = [
    "/etc/hosts",
    "/etc/resolv.conf",
    "/etc/nsswitch.conf",
    "/etc/gai.conf",
    "/etc/host.conf",
    "htons(53)",
];

/// Runs `socklab ARGS` under `strace -f` (file opens and connects), in
/// `dir`; returns the trace, or None (said) where strace is missing.
fn traced(dir: &Path, args: &[&str]) -> Option<String> {
    let log = dir.join(format!("trace-{}.txt", args.join("-").replace('/', "_")));
    let status = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=open,openat,connect", "-o"])
        .arg(&log)
        .arg(env!("CARGO_BIN_EXE_socklab"))
        .env("LC_ALL", "C.UTF-8")
        .args(args)
        .env("NO_COLOR", "1")
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    match status {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("skipped: no strace here (.ci/run installs it)");
            None
        }
        Err(e) => panic!("strace did not run: {e}"),
        Ok(_) => Some(std::fs::read_to_string(&log).expect("strace wrote its log")),
    }
}

fn resolver_lines(trace: &str) -> Vec<&str> {
    trace
        .lines()
        .filter(|line| RESOLVER_SIGNS.iter().any(|sign| line.contains(sign)))
        .collect()
}

#[test]
fn no_form_asks_the_system_resolver_in_the_lab_or_in_a_lesson() {
    if run_lab("link").is_none() || !lessons_run_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // The check can fail: outside the lab, a session's `localhost` is the
    // resolver's (it reads nsswitch.conf and /etc/hosts).
    std::fs::write(
        dir.path().join("control.txt"),
        "c = socket tcp\nconnect c localhost:1\n",
    )
    .unwrap();
    let Some(control) = traced(dir.path(), &["run", "control.txt"]) else {
        return;
    };
    assert!(
        !resolver_lines(&control).is_empty(),
        "strace saw no resolver in a session that asks it — the check below could not fail:\n{control}"
    );

    // The lab, every form with names, and names refused.
    std::fs::write(dir.path().join("names.txt"), NAMES).unwrap();
    let lab = traced(dir.path(), &["run", "--lab", "names.txt"]).unwrap();
    assert!(
        lab.contains("connect("),
        "the trace has the session's calls:\n{lab}"
    );
    assert_eq!(resolver_lines(&lab), Vec::<&str>::new(), "in the lab");

    // A lesson in the lab, and one on loopback, each with names.
    let lesson: String = NAMES
        .lines()
        .map(|line| format!("> {line}\n...\n"))
        .collect();
    std::fs::write(
        dir.path().join("lab-names.socklab"),
        format!("#! lab\n{lesson}"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("loopback-names.socklab"),
        "> s = socket tcp\n...\n> bind s :0\n...\n> listen s\n...\n> c = socket tcp\n...\n\
         > connect c s\n...\n> d = socket tcp\n...\n> connect d localhost:1\n...\n\
         > connect d example.invalid:1\n...\n",
    )
    .unwrap();
    for lesson in ["lab-names.socklab", "loopback-names.socklab"] {
        let trace = traced(dir.path(), &["test", lesson]).unwrap();
        assert!(
            trace.contains("connect("),
            "{lesson}: no calls traced:\n{trace}"
        );
        assert_eq!(resolver_lines(&trace), Vec::<&str>::new(), "{lesson}");
    }
}
