//! The lab at a teacher's pace (`socklab --lab --json`, real namespaces):
//! a held segment's retransmissions join its entry instead of becoming new
//! ones; selectors pick entries by what they are; and what holding did to
//! TCP's round-trip time is said. (The paced lessons themselves are in
//! tests/transcripts.rs.)

mod common;

use common::*;
use serde_json::Value;

const LISTENER: &str =
    "srv = socket tcp @b\nbind srv b:80\nlisten srv\ncli = socket tcp @a\nnonblock cli on\n";

fn fates(step: &Value) -> Vec<(String, String, Value)> {
    step["wire"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|s| {
            let flags: Vec<&str> = s["flags"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap())
                .collect();
            (
                flags.join(","),
                s["fate"].as_str().unwrap_or_default().to_string(),
                s["held"].clone(),
            )
        })
        .collect()
}

fn notes(step: &Value) -> String {
    step["notes"].to_string()
}

#[test]
fn a_retransmitted_syn_joins_its_entry_and_deliver_hands_over_one_copy() {
    // The SYN is held; its kernel sends it again after 1 s: a copy of #1,
    // not #2. Delivered, one copy goes; the SYN+ACK is #2.
    let script =
        format!("link hold\n{LISTENER}connect cli b:80\nawait link 5s\nlink\ndeliver\nlink\n");
    let Some(steps) = run_lab(&script) else {
        return;
    };
    assert_eq!(
        fates(step(&steps, "connect cli b:80")),
        [("SYN".into(), "held".into(), Value::from(1))]
    );
    let again = step(&steps, "await link 5s");
    assert_eq!(
        fates(again),
        [("SYN".into(), "held again".into(), Value::from(1))],
        "{}",
        dump(&steps)
    );
    let listed = nth_step(&steps, "link", 0)["output"].to_string();
    assert!(listed.contains("#1 a->b"), "{listed}");
    assert!(listed.contains("(sent 2×: +1."), "{listed}");
    assert!(!listed.contains("#2"), "{listed}");
    let deliver = step(&steps, "deliver");
    assert_eq!(
        fates(deliver),
        [
            ("SYN".into(), "delivered".into(), Value::from(1)),
            ("SYN,ACK".into(), "held".into(), Value::from(2)),
        ],
        "{}",
        dump(&steps)
    );
    let after = nth_step(&steps, "link", 1)["output"].to_string();
    assert!(after.contains("#2 b->a"), "{after}");
    assert!(!after.contains("#1 "), "{after}");
}

#[test]
fn deliver_copies_hands_over_every_copy_and_later_copies_wait_under_the_number() {
    let script = format!(
        "link hold\n{LISTENER}connect cli b:80\nawait link 5s\ndeliver copies\nawait link 5s\nlink\ndeliver\n"
    );
    let Some(steps) = run_lab(&script) else {
        return;
    };
    let delivered: Vec<_> = fates(step(&steps, "deliver copies"))
        .into_iter()
        .filter(|(flags, fate, _)| flags == "SYN" && fate == "delivered")
        .collect();
    assert_eq!(delivered.len(), 2, "{}", dump(&steps));
    // The client's SYN comes again after its 1 s timer even though the
    // SYN was delivered (the SYN+ACK is held): kept under #1, for `deliver
    // #1` alone — a bare deliver hands over the SYN+ACK.
    let later = nth_step(&steps, "await link 5s", 1);
    assert!(
        fates(later)
            .iter()
            .any(|(_, fate, held)| fate == "held again" && (*held == 1 || *held == 2)),
        "{}",
        dump(&steps)
    );
    let listed = step(&steps, "link")["output"].to_string();
    assert!(listed.contains("#2 b->a"), "{listed}");
    let deliver = step(&steps, "deliver");
    assert_eq!(
        fates(deliver).first().map(|f| (f.0.as_str(), f.1.as_str())),
        Some(("SYN,ACK", "delivered")),
        "{}",
        dump(&steps)
    );
}

#[test]
fn selectors_pick_held_segments_by_what_they_are() {
    let script = format!(
        "link hold\n{LISTENER}connect cli b:80\ndeliver b->a\ndrop FIN\ndeliver SYN\ndeliver ACK\ndeliver SYN,ACK\ndeliver a->b ACK\ndeliver bogus\n"
    );
    let Some(steps) = run_lab(&script) else {
        return;
    };
    for refused in ["deliver b->a", "drop FIN", "deliver ACK"] {
        let error = step(&steps, refused)["error"].to_string();
        assert!(
            error.contains("no held segment is what you asked for"),
            "{refused}: {error}"
        );
    }
    assert_eq!(
        fates(step(&steps, "deliver SYN"))[0],
        ("SYN".into(), "delivered".into(), Value::from(1))
    );
    assert_eq!(
        fates(step(&steps, "deliver SYN,ACK"))[0],
        ("SYN,ACK".into(), "delivered".into(), Value::from(2))
    );
    assert_eq!(
        fates(step(&steps, "deliver a->b ACK"))[0],
        ("ACK".into(), "delivered".into(), Value::from(3))
    );
    let error = step(&steps, "deliver bogus")["error"].to_string();
    assert!(error.contains("'bogus' is not a count"), "{error}");
    assert!(error.contains("SYN,ACK"), "{error}");
}

#[test]
fn a_round_trip_inflated_by_holding_is_said_by_tcpinfo_link_and_drop() {
    // The SYN+ACK waits on the link until b's kernel sends it again (1 s):
    // the client measures a round trip of a second on a link of none.
    let held = format!(
        "link hold\n{LISTENER}connect cli b:80\ndeliver\nawait link 5s\ndeliver\ndeliver\nconn = accept srv\ntcpinfo cli\nlink\nsend cli x\ndrop\nawait link 20s\nawait link 20s\n"
    );
    let Some(steps) = run_lab(&held) else {
        return;
    };
    let info = step(&steps, "tcpinfo cli");
    let note = notes(info);
    assert!(
        note.contains("TCP measured a") && note.contains("while segments were held by hand"),
        "{}",
        dump(&steps)
    );
    assert!(note.contains("its RTO is now"), "{note}");
    assert!(
        notes(step(&steps, "link")).contains("cli: TCP measured a"),
        "{}",
        dump(&steps)
    );
    assert!(
        notes(step(&steps, "drop")).contains("cli: TCP measured a"),
        "{}",
        dump(&steps)
    );
    // The dropped segment comes again after the long RTO (a new entry),
    // then again while held: that first retransmission says why so late.
    let again = nth_step(&steps, "await link 20s", 1);
    assert!(
        notes(again).contains("cli: TCP measured a"),
        "{}",
        dump(&steps)
    );
    assert!(!notes(nth_step(&steps, "await link 20s", 0)).contains("TCP measured"));
    // The same handshake let through: nothing to say.
    let passed = format!("{LISTENER}nonblock cli off\nconnect cli b:80\ntcpinfo cli\nlink\n");
    let Some(steps) = run_lab(&passed) else {
        return;
    };
    assert!(
        !notes(step(&steps, "tcpinfo cli")).contains("TCP measured"),
        "{}",
        dump(&steps)
    );
}
