//! Time-valued socket options take units (`TCP_USER_TIMEOUT 3s`); a bare
//! number keeps the kernel's unit; the call line shows what the kernel
//! got, and getsockopt reads it back from the kernel.

mod common;

use common::*;
use serde_json::Value;

/// (setsockopt line, its call as shown, the getsockopt line, the value the
/// kernel gives back).
const CASES: &[(&str, &str, &str, i64)] = &[
    (
        "setsockopt s TCP_USER_TIMEOUT 3s",
        "setsockopt(s, IPPROTO_TCP, TCP_USER_TIMEOUT, 3000)",
        "getsockopt s TCP_USER_TIMEOUT",
        3000,
    ),
    (
        "setsockopt s TCP_USER_TIMEOUT 800",
        "setsockopt(s, IPPROTO_TCP, TCP_USER_TIMEOUT, 800)",
        "getsockopt s TCP_USER_TIMEOUT",
        800,
    ),
    (
        "setsockopt s TCP_USER_TIMEOUT 0.25s",
        "setsockopt(s, IPPROTO_TCP, TCP_USER_TIMEOUT, 250)",
        "getsockopt s TCP_USER_TIMEOUT",
        250,
    ),
    (
        "setsockopt s TCP_KEEPIDLE 5s",
        "setsockopt(s, IPPROTO_TCP, TCP_KEEPIDLE, 5)",
        "getsockopt s TCP_KEEPIDLE",
        5,
    ),
    (
        "setsockopt s TCP_KEEPIDLE 2min",
        "setsockopt(s, IPPROTO_TCP, TCP_KEEPIDLE, 120)",
        "getsockopt s TCP_KEEPIDLE",
        120,
    ),
    (
        "setsockopt s TCP_KEEPIDLE 7",
        "setsockopt(s, IPPROTO_TCP, TCP_KEEPIDLE, 7)",
        "getsockopt s TCP_KEEPIDLE",
        7,
    ),
    (
        "setsockopt s TCP_KEEPINTVL 1s",
        "setsockopt(s, IPPROTO_TCP, TCP_KEEPINTVL, 1)",
        "getsockopt s TCP_KEEPINTVL",
        1,
    ),
    (
        "setsockopt s TCP_KEEPINTVL 2000ms",
        "setsockopt(s, IPPROTO_TCP, TCP_KEEPINTVL, 2)",
        "getsockopt s TCP_KEEPINTVL",
        2,
    ),
];

#[test]
fn durations_reach_the_kernel_in_its_unit() {
    let mut script = String::from("s = socket tcp\n");
    for (set, _, get, _) in CASES {
        script.push_str(&format!("{set}\n{get}\n"));
    }
    let (steps, _) = run_json(&script, &[]);
    for (i, (set, call, get, kernel)) in CASES.iter().enumerate() {
        // The same line may come twice: the n-th of its kind.
        let nth = CASES[..i].iter().filter(|c| c.0 == *set).count();
        let set_step = nth_step(&steps, set, nth);
        assert_ret(set_step, 0);
        assert_eq!(set_step["call"], *call, "{set}");
        let nth = CASES[..i].iter().filter(|c| c.2 == *get).count();
        let got = nth_step(&steps, get, nth);
        assert_eq!(got["value"], *kernel, "{get} after {set}: {got}");
    }
}

#[test]
fn socket_timeouts_and_linger_take_units() {
    let script = "s = socket tcp\nsetsockopt s SO_RCVTIMEO 1.5s\ngetsockopt s SO_RCVTIMEO\n\
                  setsockopt s SO_SNDTIMEO 200ms\ngetsockopt s SO_SNDTIMEO\n\
                  setsockopt s SO_LINGER 2s\ngetsockopt s SO_LINGER\n\
                  setsockopt s SO_RCVTIMEO 2\ngetsockopt s SO_RCVTIMEO\n";
    let (steps, _) = run_json(script, &[]);
    let call = |line: &str| step(&steps, line)["call"].clone();
    assert_eq!(
        call("setsockopt s SO_RCVTIMEO 1.5s"),
        "setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, {tv_sec=1, tv_usec=500000})"
    );
    assert_eq!(step(&steps, "getsockopt s SO_RCVTIMEO")["value"], 1.5);
    assert_eq!(
        call("setsockopt s SO_SNDTIMEO 200ms"),
        "setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, {tv_sec=0, tv_usec=200000})"
    );
    assert_eq!(step(&steps, "getsockopt s SO_SNDTIMEO")["value"], 0.2);
    assert_eq!(
        call("setsockopt s SO_LINGER 2s"),
        "setsockopt(s, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=2})"
    );
    assert_eq!(
        step(&steps, "getsockopt s SO_LINGER")["value"],
        serde_json::json!({"l_onoff": 1, "l_linger": 2})
    );
    // A bare number keeps its meaning: seconds.
    assert_eq!(
        nth_step(&steps, "getsockopt s SO_RCVTIMEO", 1)["value"],
        2.0
    );
}

/// A duration that is not a whole number of the kernel's unit never
/// reaches the kernel: the error names the unit, and the session goes on.
#[test]
fn a_fraction_of_the_kernels_unit_is_refused_naming_it() {
    let cases = [
        (
            "setsockopt s TCP_KEEPIDLE 1.5s",
            "TCP_KEEPIDLE counts whole seconds",
        ),
        (
            "setsockopt s TCP_KEEPINTVL 500ms",
            "TCP_KEEPINTVL counts whole seconds",
        ),
        (
            "setsockopt s SO_LINGER 1.5s",
            "SO_LINGER counts whole seconds",
        ),
        (
            "setsockopt s TCP_USER_TIMEOUT 1500us",
            "TCP_USER_TIMEOUT counts whole milliseconds",
        ),
        (
            "setsockopt s TCP_USER_TIMEOUT soon",
            "TCP_USER_TIMEOUT takes milliseconds (800) or a duration",
        ),
    ];
    let mut script = String::from("s = socket tcp\n");
    for (line, _) in cases {
        script.push_str(line);
        script.push('\n');
    }
    script.push_str("getsockopt s TCP_KEEPIDLE\n");
    let (steps, _) = run_json(&script, &[]);
    for (line, said) in cases {
        let refused = step(&steps, line);
        assert_eq!(refused["ok"], false, "{refused}");
        assert_eq!(refused["call"], Value::Null, "no call was made: {refused}");
        let error = refused["error"].as_str().unwrap_or_default();
        assert!(error.contains(said), "{line}: {error}");
    }
    // The session went on, and the refused value never reached the kernel.
    let idle = step(&steps, "getsockopt s TCP_KEEPIDLE");
    assert_ret(idle, 0);
    assert!(idle["value"] != 1 && idle["value"] != 2, "{idle}");
}
