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
