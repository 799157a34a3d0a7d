//! Every kind of bad input gets one clear error naming the problem and
//! where it is; the session goes on; the exit status says a line failed.

mod common;

use common::*;

#[test]
fn each_bad_line_is_reported_and_the_session_goes_on() {
    let mut script: Vec<u8> = Vec::new();
    let mut fragments: Vec<&str> = Vec::new();
    let mut add = |line: &[u8], fragment: &'static str| {
        script.extend_from_slice(line);
        script.push(b'\n');
        fragments.push(fragment);
    };
    add(b"send hi", "no current handle");
    add(
        b"lsiten 5",
        "unknown command 'lsiten' — did you mean 'listen'?",
    );
    add(b"s = socket tcp", "");
    add(b"use nosuch", "'nosuch' is not a handle");
    add(b"close s2", "no handle is named 's2'");
    add(
        b"bind s 999.1.1.1:80",
        "'999.1.1.1' is not an IPv4 address: 999 is more than 255",
    );
    add(b"bind s 127.0.0.1:70000", "port 70000 is out of range");
    add(
        b"setsockopt s SO_REUSADDR 1",
        "unknown option 'SO_REUSADDR' — did you mean 'SO_REUSEADDR'?",
    );
    add(b"send s \"a\\qb\"", "unknown escape '\\q'");
    add(b"send s \"abc", "unterminated quote");
    add(b"recv s 16777217", "N 16777217 is more than 16777216");
    add(
        &[b"send s ".as_ref(), &vec![b'a'; 1 << 20]].concat(),
        "longer than 65536 bytes",
    );
    add(b"send s a\0b", "NUL byte");
    add(b"send s \xff\xfe", "byte 0xff is not valid UTF-8");
    add(b"t = socket tcp", "");

    let output = run_with_stdin(&script, &["--json"]);
    let steps: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        steps.len(),
        fragments.len(),
        "one result per line:\n{}",
        dump(&steps)
    );
    for (step, fragment) in steps.iter().zip(&fragments) {
        if fragment.is_empty() {
            assert_eq!(
                step["ok"], true,
                "a good line after bad ones still runs: {step}"
            );
            continue;
        }
        assert_eq!(step["ok"], false, "{step}");
        let error = step["error"]
            .as_str()
            .unwrap_or_else(|| panic!("no error: {step}"));
        assert!(
            error.contains(fragment),
            "{error:?} should contain {fragment:?}"
        );
    }
    // Errors that point into the line say where.
    let bad_addr = steps
        .iter()
        .find(|s| s["input"] == "bind s 999.1.1.1:80")
        .unwrap();
    assert!(
        bad_addr["error"].as_str().unwrap().starts_with("column 8:"),
        "{bad_addr}"
    );
    // A line that is not UTF-8 is shown with those bytes as \xNN.
    assert!(
        steps.iter().any(|s| s["input"] == "send s \\xff\\xfe"),
        "{}",
        dump(&steps)
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "usage errors make the exit status non-zero"
    );
}

#[test]
fn bail_stops_at_the_first_bad_line() {
    let (steps, output) = run_json("s = socket tcp\nbogus\nt = socket tcp\n", &["--bail"]);
    assert_eq!(steps.len(), 2, "{}", dump(&steps));
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn text_mode_shows_the_error_under_the_echoed_line() {
    let output = run_with_stdin(b"lsiten 5\nsocket tcp\n", &[]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("> lsiten 5\nerror: column 1: unknown command 'lsiten' — did you mean 'listen'?\n> socket tcp\nsocket("),
        "{text}"
    );
}

/// With many handles, a usage error names a few of them and says how many
/// there are, instead of every one (a 34 KB message with 5,000).
#[test]
fn a_usage_error_names_a_few_handles_not_all() {
    let mut script: String = (1..=300).map(|i| format!("s{i} = socket udp\n")).collect();
    script.push_str("send zzzz hi there\n");
    let (steps, _) = common::run_json(&script, &[]);
    let error = steps.last().unwrap()["error"].as_str().unwrap().to_string();
    assert!(
        error.contains("(handles: s1, s2, s3, s4, s5, … 300 in all — ls lists them)"),
        "{error}"
    );
    assert!(error.len() < 400, "{} bytes", error.len());
}
