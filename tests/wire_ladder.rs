//! `wire ladder`: each step's segments drawn live as a ladder under it, at
//! the terminal's width, in UTF-8 or ASCII — run for real on loopback and
//! compared with golden files (times, ports and fds named, as they vary).
//! Regenerate with `SOCKLAB_BLESS=1 cargo test --test wire_ladder`.

mod common;

use common::*;
use regex::Regex;

/// The half-close lesson's calls, with the ladder on.
const HALF_CLOSE: &str = "wire ladder
srv = socket tcp
bind srv 127.0.0.1:0
listen srv
cli = socket tcp
connect cli srv
conn = accept srv
send cli \"request\"
recv conn
shutdown cli write
await cli FIN_WAIT2
recv conn
send conn \"response\"
recv cli
close conn
";

fn can_capture() -> bool {
    let (steps, _) = run_json("wire on\n", &[]);
    steps[0]["ok"] == true
}

/// What varies from run to run, named: times, ports, fds, and windows (they
/// follow the machine's buffer sizes; an arrow with one has its run of
/// dashes cut to two, as the run's length follows the window's).
fn normalized(text: &str) -> String {
    let window = Regex::new(r"win=\d+").unwrap();
    let dashes = Regex::new(r"[─-]{2,}").unwrap();
    let time = Regex::new(r"\+\d+(?:\.\d+)? (?:ms|s)").unwrap();
    let port = Regex::new(r"127\.0\.0\.1:\d+").unwrap();
    let fd = Regex::new(r"\) = \d+$").unwrap();
    text.lines()
        .map(|line| {
            // The time column keeps its width: 2 spaces, then 10.
            let line = match line.strip_prefix("  +") {
                Some(_) if line.len() > 12 && line.is_char_boundary(12) => {
                    format!("  {:<10}{}", "+N ms", &line[12..])
                }
                _ => line.to_string(),
            };
            let line = time.replace_all(&line, "+N ms");
            let line = port.replace_all(&line, "127.0.0.1:PORT");
            let line = match window.is_match(&line) {
                true => {
                    let line = window.replace_all(&line, "win=N");
                    dashes
                        .replace_all(&line, |run: &regex::Captures| {
                            run[0].chars().take(2).collect::<String>()
                        })
                        .into_owned()
                }
                false => line.into_owned(),
            };
            let line = if line.starts_with("socket(") || line.starts_with("accept(") {
                fd.replace(&line, ") = FD").into_owned()
            } else {
                line
            };
            format!("{line}\n")
        })
        .collect()
}

fn ladder_at(width: usize, lang: &str, extra: &str) -> String {
    let script = HALF_CLOSE.replace("wire ladder", &format!("wire ladder{extra}"));
    let output = output_with_stdin(
        socklab()
            .args(["run", "-"])
            .env("COLUMNS", width.to_string())
            .env("LANG", lang)
            .env_remove("LC_ALL")
            .env_remove("LC_CTYPE")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped()),
        script.as_bytes(),
    );
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_live_ladder_fits_80_and_120_columns_in_utf8_and_ascii() {
    if !can_capture() {
        eprintln!("skipped: no CAP_NET_RAW here");
        return;
    }
    for width in [80, 120] {
        for (lang, extra, suffix, file) in [
            ("C.UTF-8", "", "", ""),
            // A locale that is not UTF-8, and --ascii, draw in ASCII.
            ("C", "", "-ascii", "-ascii"),
            ("C.UTF-8", " --ascii", "-ascii", "-ascii-flag"),
        ] {
            let text = ladder_at(width, lang, extra);
            let pen = if suffix.is_empty() { '│' } else { '|' };
            for line in text
                .lines()
                .filter(|l| l.starts_with("  ") && l.contains(pen))
            {
                assert!(line.chars().count() <= width, "{width}: {line}");
                if suffix == "-ascii" {
                    assert!(line.is_ascii(), "{line}");
                }
            }
            // One arrow per segment: the handshake's 3, the request and its
            // ACK, the FIN and its ACK, the response and its ACK, the close's
            // FIN and ACK.
            let heads = if suffix.is_empty() {
                ["▶│", "│◀"]
            } else {
                [">|", "|<"]
            };
            let arrows = text
                .lines()
                .filter(|l| l.contains(heads[0]) || l.contains(heads[1]))
                .count();
            assert_eq!(arrows, 11, "{text}");
            let golden = format!(
                "{}/tests/golden/live-ladder-{width}{file}.txt",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = normalized(&text);
            if std::env::var_os("SOCKLAB_BLESS").is_some() {
                std::fs::write(&golden, &text).unwrap();
            }
            assert_eq!(text, std::fs::read_to_string(&golden).unwrap(), "{golden}");
        }
    }
}

#[test]
fn wire_on_goes_back_to_a_line_per_segment() {
    if !can_capture() {
        return;
    }
    let text = ladder_at(80, "C.UTF-8", "\nwire on");
    assert!(text.contains("wire view on: each step shows the segments it caused"));
    assert!(text.contains("  cli → srv  [SYN]"), "{text}");
    assert!(!text.contains('│'), "{text}");
}

#[test]
fn an_end_that_is_no_handle_gets_a_column_named_by_its_address() {
    if !can_capture() {
        return;
    }
    // A listener of this test's own: socklab has no handle for its end.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let script = format!("wire ladder\ncli = socket tcp\nconnect cli 127.0.0.1:{port}\n");
    let output = output_with_stdin(
        socklab()
            .args(["run", "-"])
            .env("COLUMNS", "100")
            .env("LANG", "C.UTF-8")
            .stdout(std::process::Stdio::piped()),
        script.as_bytes(),
    );
    let text = String::from_utf8(output.stdout).unwrap();
    // The ladder's header: the handle's name and the other end's address.
    let header = text
        .lines()
        .find(|l| l.trim_start().starts_with("cli "))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        header.trim_end().ends_with(&format!("127.0.0.1:{port}")),
        "{text}"
    );
    assert_eq!(text.matches("SYN").count(), 2, "{text}");
    drop(listener);
}

/// Runs a lab script with the ladder on, `COLUMNS` wide; None (and says
/// so) where this system cannot make the lab's namespaces.
fn lab_ladder(script: &str, columns: usize) -> Option<String> {
    let output = output_with_stdin(
        socklab()
            .args(["--lab", "--wire=ladder", "run", "-"])
            .env("COLUMNS", columns.to_string())
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_CTYPE")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped()),
        script.as_bytes(),
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("user namespaces") || stderr.contains("cannot make a network namespace") {
        eprintln!("skipped: the lab cannot run here: {stderr}");
        return None;
    }
    assert!(output.status.success(), "{stderr}");
    Some(String::from_utf8(output.stdout).unwrap())
}

/// Lesson 51's zero window, up to the ACK that closes it: the ladder's
/// arrow for that ACK says `win=0`, and so does `diagram save`'s SVG, in
/// the zero window's own colour.
#[test]
fn a_zero_window_is_shown_in_the_live_ladder_and_the_saved_picture() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("zero.svg");
    let script = format!(
        "srv = socket tcp @b\nsetsockopt srv SO_RCVBUF 8192\nbind srv b:80\nlisten srv\n\
         sysctl a net.ipv4.tcp_rto_min_us=20000000\ncli = socket tcp @a\nconnect cli b:80\n\
         conn = accept srv\nnonblock cli on\nlink hold a->b\nsend cli \"x\"*40000\n\
         deliver all\ndeliver all\ndiagram save {}\n",
        svg.display()
    );
    for columns in [80, 120] {
        let Some(text) = lab_ladder(&script, columns) else {
            return;
        };
        // The receiver's last ACK before its buffer is full: seq 10137.
        let closing: Vec<&str> = text
            .lines()
            .filter(|l| l.contains("◀ACK seq=1 ack=10137"))
            .collect();
        assert!(!closing.is_empty(), "{text}");
        for line in closing {
            assert!(line.contains(" win=0"), "{columns}: {line}\n{text}");
        }
        assert!(text.contains("saved the session"), "{text}");
        let picture = std::fs::read_to_string(&svg).unwrap();
        std::fs::remove_file(&svg).unwrap();
        let zero: Vec<&str> = picture
            .lines()
            .filter(|l| l.contains(">ACK seq=1 ack=10137"))
            .collect();
        assert!(!zero.is_empty(), "{picture}");
        for line in zero {
            assert!(
                line.contains("class=\"label zero-window\"") && line.contains(" win=0 [zero win]<"),
                "{line}"
            );
        }
    }
}

/// The header of every ladder in `text`, as (left end, right end).
fn headers(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter(|l| l.contains(" @a") || l.contains(" @b"))
        .filter(|l| !l.contains('│') && !l.starts_with('>'))
        .map(|l| {
            let names: Vec<&str> = l
                .split("  ")
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .collect();
            assert_eq!(names.len(), 2, "{l}");
            (names[0].to_string(), names[1].to_string())
        })
        .collect()
}

/// Whether each connection's ends keep their sides at every step: a pair
/// drawn (a, b) is never drawn (b, a).
fn never_swapped(text: &str) -> bool {
    let headers = headers(text);
    let base = |end: &str| end.split(" @").next().unwrap_or(end).to_string();
    headers.iter().all(|(left, right)| {
        !headers
            .iter()
            .any(|(l, r)| base(l) == base(right) && base(r) == base(left))
    })
}

/// The handshake held and delivered a segment at a time: the client's
/// column stays on the left from the SYN on, though the session learns
/// which end is the client only when it is connected.
#[test]
fn the_columns_never_swap_during_a_held_handshake() {
    let script = "srv = socket tcp @b\nbind srv b:80\nlisten srv\ncli = socket tcp @a\n\
        link hold\nnonblock cli on\nconnect cli b:80\ndeliver\ndeliver\ndeliver\n";
    let Some(text) = lab_ladder(script, 100) else {
        return;
    };
    let headers = headers(&text);
    assert_eq!(headers.len(), 4, "{text}");
    assert!(headers.iter().all(|(l, _)| l == "cli @a"), "{text}");
    assert!(never_swapped(&text), "{text}");
}

/// Lesson 43: the simultaneous close, then the simultaneous open, where
/// neither end is a server — x, made first, stays on the left.
#[test]
fn the_columns_never_swap_in_the_simultaneous_open_lesson() {
    let lesson = std::fs::read_to_string(format!(
        "{}/transcripts/43-lab-simultaneous.socklab",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let script: String = lesson
        .lines()
        .filter_map(|l| l.strip_prefix("> "))
        .map(|l| format!("{l}\n"))
        .collect();
    let Some(text) = lab_ladder(&script, 100) else {
        return;
    };
    let opening: Vec<(String, String)> = headers(&text)
        .into_iter()
        .filter(|(l, r)| l.starts_with("x ") || r.starts_with("x "))
        .collect();
    assert!(opening.len() >= 4, "{text}");
    assert!(opening.iter().all(|(l, _)| l == "x @a"), "{text}");
    assert!(never_swapped(&text), "{text}");
}

/// Lesson 45's lost segment, sent again: in the live ladder its second
/// sending starts with `⟲` and says `[retx]`; the first, lost, does not.
#[test]
fn a_retransmission_is_marked_in_the_live_ladder() {
    let script = "srv = socket tcp @b\nbind srv b:80\nlisten srv\ncli = socket tcp @a\n\
        connect cli b:80\nconn = accept srv\ndrop next a->b\nsend cli hello\nrecv conn\n";
    let Some(text) = lab_ladder(script, 100) else {
        return;
    };
    let hello: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("\"hello\"") && l.contains('│'))
        .collect();
    assert_eq!(hello.len(), 2, "{text}");
    assert!(!hello[0].contains('⟲') && hello[0].contains('✕'), "{text}");
    assert!(hello[1].contains("│⟲─PSH,ACK"), "{text}");
    assert!(hello[1].contains("[retx]"), "{text}");
}
