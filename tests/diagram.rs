//! `socklab diagram`: a transcript drawn as a mermaid sequence diagram,
//! through the binary — an arrow per segment that crossed, the states, the
//! calls; written where asked and never over a file without --force; a
//! stranger's lesson cannot put mermaid or HTML syntax into the picture.

mod common;

use common::*;

fn diagram(args: &[&str]) -> (i32, String, String) {
    let output = socklab().arg("diagram").args(args).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The wire lines of a transcript: (crossings, held on the link — "held
/// #K", drawn when sent and again when delivered or dropped).
fn wire_lines(path: &str) -> (usize, usize) {
    let text = std::fs::read_to_string(path).unwrap();
    let (held, crossed): (Vec<&str>, Vec<&str>) = text
        .lines()
        .filter(|l| l.starts_with("  ") && l.contains(" → "))
        .filter(|l| l.contains(" seq=") || l.contains(" UDP "))
        .partition(|l| {
            l.trim_end()
                .rsplit("   ")
                .next()
                .unwrap_or("")
                .starts_with("held")
        });
    (crossed.len(), held.len())
}

/// The wire lines of a transcript that are crossings (not "held #K").
fn crossings(path: &str) -> usize {
    wire_lines(path).0
}

/// Every wire line of a transcript: each is an arrow.
fn arrows(path: &str) -> usize {
    let (crossed, held) = wire_lines(path);
    crossed + held
}

#[test]
fn every_segment_of_a_lesson_is_one_message_in_order() {
    for lesson in [
        "33-wire-view",
        "34-wire-resets",
        "35-wire-flow-control",
        "41-lab-handshake",
        "42-lab-close",
        "45-lab-lost-data",
        "52-lab-udp",
    ] {
        let path = format!(
            "{}/transcripts/{lesson}.socklab",
            env!("CARGO_MANIFEST_DIR")
        );
        let (code, text, errors) = diagram(&[&path]);
        assert_eq!(code, 0, "{errors}");
        assert!(text.starts_with("sequenceDiagram\n"), "{text}");
        let messages = text
            .lines()
            .filter(|l| l.contains("->>") || l.contains("-x"))
            .count();
        assert_eq!(messages, arrows(&path), "{lesson}:\n{text}");
        // A held segment's message is dotted: it has not crossed yet.
        let dotted = text.lines().filter(|l| l.contains("-->>")).count();
        assert_eq!(dotted, wire_lines(&path).1, "{lesson}:\n{text}");
    }
    // The handshake, in order, with the states the ends entered.
    let (_, text, _) = diagram(&["41"]);
    let arrows: Vec<&str> = text.lines().filter(|l| l.contains("->>")).collect();
    // Held when sent, then delivered.
    assert!(arrows[0].ends_with(": SYN seq=0 (held #35;1)"), "{text}");
    assert!(
        arrows[1].ends_with(": SYN seq=0 (#35;1 delivered)"),
        "{text}"
    );
    assert!(arrows[2].contains(": SYN,ACK seq=0 ack=1"), "{text}");
    assert!(text.contains("Note over e1: SYN_RECV"), "{text}");
    assert!(text.contains("Note over e0: connect cli b:80"), "{text}");
}

#[test]
fn the_picture_is_written_where_asked_and_never_over_a_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("handshake.mmd");
    let out_text = out.to_str().unwrap();
    let (code, _, errors) = diagram(&["41", "-o", out_text]);
    assert_eq!(code, 0, "{errors}");
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("sequenceDiagram")
    );
    std::fs::write(&out, "mine").unwrap();
    let (code, _, errors) = diagram(&["41", "-o", out_text]);
    assert_ne!(code, 0);
    assert!(errors.contains("--force replaces it"), "{errors}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine");
    let (code, _, _) = diagram(&["41", "-o", out_text, "--force"]);
    assert_eq!(code, 0);
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("sequenceDiagram")
    );
}

#[test]
fn a_strangers_lesson_cannot_write_mermaid_or_html_into_the_picture() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.socklab");
    std::fs::write(
        &path,
        "# %%{init: {\"theme\": \"dark\"}}%%\n> send a \"<script>x</script>\"; Note over e0: owned\n  a → b  UDP len=3 \"<img src=x>\"\n  a → b  [SYN]  seq=0   passed\n  state a: CLOSE → %%{init}%%\n",
    )
    .unwrap();
    let (code, text, errors) = diagram(&[path.to_str().unwrap()]);
    assert_eq!(code, 0, "{errors}");
    // Mermaid's entity codes (#59; …) are all that stands for the
    // characters that would end a statement or start a comment or a tag.
    let entity = regex::Regex::new(r"#\w+;").unwrap();
    for line in text.lines().skip(1) {
        // What the lesson wrote: after a message's or note's colon, or a
        // participant's `as`.
        let Some((_, label)) = line.split_once(": ").or_else(|| line.split_once(" as ")) else {
            continue;
        };
        let bare = entity.replace_all(label, "");
        for c in [';', '<', '>', '%', '"'] {
            assert!(!bare.contains(c), "'{c}' left bare in {line:?}: {text}");
        }
    }
    assert!(text.contains("#lt;script#gt;"), "{text}");
    assert_eq!(
        text.lines()
            .filter(|l| l.trim_start().starts_with("Note over"))
            .count(),
        2,
        "the call and the state, one note each: {text}"
    );
    // The terminal ladder passes no escape sequence from the file through.
    std::fs::write(
        &path,
        "> send a \"\u{1b}]0;pwned\u{7}\u{1b}[2J\"\n  a → b  UDP len=3 \"\u{1b}[31mred\"\n  state a: CLOSE → \u{1b}[5mX\n",
    )
    .unwrap();
    let (code, text, errors) = diagram(&[path.to_str().unwrap(), "--format", "txt"]);
    assert_eq!(code, 0, "{errors}");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
}

/// The terminal ladder of lesson 41 at 80 and 120 columns, UTF-8 and
/// ASCII, against golden files (regenerate one with
/// `socklab diagram 41 --format txt --width W [--ascii] > tests/golden/…`).
#[test]
fn the_terminal_ladder_fits_its_width_and_matches_the_golden_files() {
    for width in [80, 120] {
        for ascii in [false, true] {
            let width_text = width.to_string();
            let mut args = vec!["41", "--format", "txt", "--width", &width_text];
            if ascii {
                args.push("--ascii");
            }
            let (code, text, errors) = diagram(&args);
            assert_eq!(code, 0, "{errors}");
            for line in text.lines() {
                assert!(line.chars().count() <= width, "{width}: {line:?}");
                assert!(!ascii || line.is_ascii(), "not ASCII: {line:?}");
            }
            // One arrow per crossing, each with its head.
            let heads: &[char] = if ascii { &['>', '<'] } else { &['▶', '◀'] };
            let arrows = text
                .lines()
                .filter(|l| l.contains(heads[0]) || l.contains(heads[1]))
                .count();
            let path = format!(
                "{}/transcripts/41-lab-handshake.socklab",
                env!("CARGO_MANIFEST_DIR")
            );
            assert_eq!(arrows, crossings(&path), "{text}");
            let golden = format!(
                "{}/tests/golden/ladder-41-{width}{}.txt",
                env!("CARGO_MANIFEST_DIR"),
                if ascii { "-ascii" } else { "" }
            );
            assert_eq!(text, std::fs::read_to_string(&golden).unwrap(), "{golden}");
        }
    }
    // The file's extension chooses the format.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ladder.txt");
    let (code, _, errors) = diagram(&["41", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{errors}");
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        written,
        std::fs::read_to_string(format!(
            "{}/tests/golden/ladder-41-80.txt",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    );
}

/// The lessons that put segments on the wire, as written in their files.
fn lessons_with_segments() -> Vec<std::path::PathBuf> {
    let mut paths: Vec<std::path::PathBuf> =
        std::fs::read_dir(format!("{}/transcripts", env!("CARGO_MANIFEST_DIR")))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| crossings(p.to_str().unwrap()) > 0)
            .collect();
    paths.sort();
    paths
}

#[test]
fn the_svg_parses_and_holds_each_segment_state_and_call_in_order() {
    let path = format!(
        "{}/transcripts/42-lab-close.socklab",
        env!("CARGO_MANIFEST_DIR")
    );
    let (code, svg, errors) = diagram(&[&path, "--format", "svg"]);
    assert_eq!(code, 0, "{errors}");
    // Parsed by python3's XML parser: the segments' labels in order, the
    // states, the calls.
    let parsed = svg_texts(&svg).join("\n");
    let of = |class: &str| -> Vec<String> {
        parsed
            .lines()
            .filter_map(|l| l.strip_prefix(&format!("{class}|")))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(of("segments"), [crossings(&path).to_string()]);
    // A label per arrow, a held segment's too (its line is not a
    // segment's: it stops at the link).
    let labels = of("label");
    assert_eq!(labels.len(), arrows(&path));
    assert!(labels[0].starts_with("SYN seq=0"), "{labels:?}");
    assert!(labels[3].starts_with("FIN,ACK seq=1 ack=1"), "{labels:?}");
    assert!(labels.iter().any(|l| l.contains("dropped")), "{labels:?}");
    let states = of("state");
    for state in [
        "FIN_WAIT1",
        "CLOSE_WAIT",
        "FIN_WAIT2",
        "LAST_ACK",
        "TIME_WAIT",
    ] {
        assert!(states.iter().any(|s| s == state), "{state}: {states:?}");
    }
    assert!(of("call").iter().any(|c| c == "close cli"));
    assert!(
        !svg.contains("<script") && !svg.contains("href=\"http"),
        "self-contained"
    );

    let (code, html, _) = diagram(&[&path, "--format", "html"]);
    assert_eq!(code, 0);
    assert!(html.contains("<svg") && html.contains("Content-Security-Policy"));
    assert!(
        html.contains("the close by hand"),
        "the narration is beside it"
    );
    assert!(!html.contains("<script"));
}

/// docs/lessons/ holds each wire lesson's picture as socklab draws it now.
#[test]
fn the_lesson_pictures_in_docs_are_current() {
    for path in lessons_with_segments() {
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        let (code, svg, errors) = diagram(&[path.to_str().unwrap(), "--format", "svg"]);
        assert_eq!(code, 0, "{errors}");
        let doc = format!("{}/docs/lessons/{name}.svg", env!("CARGO_MANIFEST_DIR"));
        let current = std::fs::read_to_string(&doc).unwrap_or_default();
        assert!(
            current == svg,
            "{doc} is out of date; regenerate it with:\n  cargo run -- diagram transcripts/{name}.socklab -o docs/lessons/{name}.svg --force"
        );
    } // A slide each for the handshake, the half-close and the four-way
    // close (docs/wire.md shows them).
    for (part, steps) in [
        ("handshake", "1-7"),
        ("half-close", "8-13"),
        ("four-way-close", "10-14"),
    ] {
        let path = format!(
            "{}/transcripts/33-wire-view.socklab",
            env!("CARGO_MANIFEST_DIR")
        );
        let (code, svg, errors) = diagram(&[&path, "--steps", steps, "--format", "svg"]);
        assert_eq!(code, 0, "{errors}");
        let doc = format!(
            "{}/docs/lessons/33-wire-view-{part}.svg",
            env!("CARGO_MANIFEST_DIR")
        );
        assert!(
            std::fs::read_to_string(&doc).unwrap_or_default() == svg,
            "{doc} is out of date; regenerate it with:\n  cargo run -- diagram transcripts/33-wire-view.socklab --steps {steps} -o docs/lessons/33-wire-view-{part}.svg --force"
        );
    }
    // Steps outside the transcript, or backwards, are usage errors.
    let (code, _, errors) = diagram(&["33", "--steps", "30"]);
    assert_ne!(code, 0);
    assert!(errors.contains("has 14 commands"), "{errors}");
    let (code, _, errors) = diagram(&["33", "--steps", "5-2"]);
    assert_ne!(code, 0);
    assert!(errors.contains("ends before it starts"), "{errors}");
}

/// A generated handout opened in headless Chromium (in a network
/// namespace of its own, so nothing leaves the machine): the page loads
/// with no console message, and the picture is drawn — the screenshot's
/// right part (the SVG spans the page, the notes under it) is far from
/// blank.
#[test]
fn the_html_handout_renders_in_headless_chromium() {
    let Some(chromium) = ["chromium", "chromium-browser"].into_iter().find(|c| {
        std::process::Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    }) else {
        eprintln!("skipped: no chromium here (.ci/run installs it)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("close.html");
    let shot = dir.path().join("close.png");
    let (code, _, errors) = diagram(&["42", "-o", page.to_str().unwrap()]);
    assert_eq!(code, 0, "{errors}");
    let output = std::process::Command::new("unshare")
        .args([
            "-rn",
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
        ])
        .args(["--hide-scrollbars", "--enable-logging=stderr", "--v=0"])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--screenshot={}", shot.display()))
        .args(["--window-size=1600,1300"])
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&output.stderr);
    if log.contains("unshare failed") || log.contains("Operation not permitted") {
        eprintln!("skipped: no private network for chromium here: {log}");
        return;
    }
    assert!(output.status.success(), "{log}");
    // The page's own console: chromium's own pages (`source: chrome://…`,
    // "Slow network is detected" from its UI's fonts) say things too.
    let console: Vec<&str> = log
        .lines()
        .filter(|l| l.contains(":CONSOLE") && !l.contains("source: chrome://"))
        .collect();
    assert!(console.is_empty(), "console messages: {console:?}");
    let decoder = png::Decoder::new(std::fs::File::open(&shot).unwrap());
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).unwrap();
    let channels = info.color_type.samples();
    let (width, height) = (info.width as usize, info.height as usize);
    assert!(width >= 1600 && height >= 1300, "{width}x{height}");
    // The SVG spans the page above the notes: count what is not white
    // right of its calls.
    let mut inked = 0;
    let mut total = 0;
    for y in 0..height {
        for x in width * 3 / 10..width {
            let at = (y * width + x) * channels;
            total += 1;
            if pixels[at..at + 3].iter().any(|&v| v < 200) {
                inked += 1;
            }
        }
    }
    assert!(inked * 100 > total, "{inked} of {total} pixels drawn");
}

/// What python3's XML parser finds in an SVG: `class|text` per text, and
/// `segments|N`.
fn svg_texts(svg: &str) -> Vec<String> {
    let script = "import sys, xml.dom.minidom as m\nd = m.parse(sys.stdin)\nfor t in d.getElementsByTagName('text'):\n    print(t.getAttribute('class') + '|' + ''.join(n.data for n in t.childNodes))\nprint('segments|%d' % sum(1 for l in d.getElementsByTagName('line') if 'segment' in l.getAttribute('class')))";
    let output = common::output_with_stdin(
        std::process::Command::new("python3")
            .args(["-c", script])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped()),
        svg.as_bytes(),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn diagram_save_draws_the_live_session_with_its_timers_as_gaps() {
    let (steps, _) = run_json("wire on\n", &[]);
    if steps[0]["ok"] != true {
        eprintln!("skipped: no CAP_NET_RAW here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name).display().to_string();
    let script = format!(
        "diagram save {svg}\nwire on\n{CONNECTED}send cli hello\nrecv conn\nshutdown cli write\n\
         await cli FIN_WAIT2\nclose conn\ndiagram save {svg}\ndiagram save {svg}\n\
         diagram save {mmd}\ndiagram save {pdf}\n",
        svg = at("s.svg"),
        mmd = at("s.mmd"),
        pdf = at("s.pdf"),
    );
    let (steps, _) = run_json(&script, &[]);
    let saves: Vec<&serde_json::Value> = steps.iter().filter(|s| s["verb"] == "diagram").collect();
    // Before any segment: nothing to draw, and it says how to get some.
    assert!(
        saves[0]["error"].as_str().unwrap().contains("wire on"),
        "{}",
        saves[0]
    );
    assert_eq!(saves[1]["ok"], true, "{}", saves[1]);
    // Never over a file without --force.
    assert!(
        saves[2]["error"].as_str().unwrap().contains("exists"),
        "{}",
        saves[2]
    );
    assert_eq!(saves[3]["ok"], true, "{}", saves[3]);
    assert!(
        saves[4]["error"].as_str().unwrap().contains(".svg"),
        "{}",
        saves[4]
    );
    assert!(!dir.path().join("s.pdf").exists());

    // The picture holds every segment the steps showed, in order.
    let shown: Vec<String> = steps
        .iter()
        .flat_map(|s| s["wire"].as_array().cloned().unwrap_or_default())
        .map(|w| {
            let flags: Vec<&str> = w["flags"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap())
                .collect();
            format!("{} seq={}", flags.join(","), w["seq"])
        })
        .collect();
    let texts = svg_texts(&std::fs::read_to_string(at("s.svg")).unwrap());
    let labels: Vec<&String> = texts
        .iter()
        .filter_map(|t| t.strip_prefix("label|").map(|_| t))
        .collect();
    assert_eq!(labels.len(), shown.len(), "{texts:?}");
    for (label, segment) in labels.iter().zip(&shown) {
        assert!(
            label["label|".len()..].starts_with(segment.as_str()),
            "{label} vs {segment}"
        );
    }
    assert_eq!(
        texts.iter().find(|t| t.starts_with("segments|")).unwrap(),
        &format!("segments|{}", shown.len())
    );
    for call in ["call|connect cli srv", "call|shutdown cli write"] {
        assert!(texts.iter().any(|t| t == call), "{texts:?}");
    }
    for state in ["state|FIN_WAIT1", "state|FIN_WAIT2", "state|TIME_WAIT"] {
        assert!(texts.iter().any(|t| t == state), "{texts:?}");
    }
    // The delayed ACK came 40-odd ms into the await: a gap says so.
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("gap|") && t.ends_with(" ms after the call")),
        "{texts:?}"
    );
    let mermaid = std::fs::read_to_string(at("s.mmd")).unwrap();
    assert_eq!(mermaid.matches("->>").count(), shown.len(), "{mermaid}");
    assert!(mermaid.contains("ms after the call"), "{mermaid}");
}

#[test]
fn a_lesson_may_not_save_a_diagram() {
    if !lessons_run_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let lesson = dir.path().join("draw.socklab");
    let target = dir.path().join("x.svg");
    std::fs::write(
        &lesson,
        format!("> diagram save {}\nsaved the session\n", target.display()),
    )
    .unwrap();
    let output = socklab().arg("test").arg(&lesson).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("a lesson may not write files"), "{text}");
    assert!(!target.exists());
}

/// A session run through the binary, drawn two ways: by `diagram save`
/// (from the steps it kept) and by reading the session's own output as a
/// transcript (as `socklab diagram` draws a recording of it). Returns
/// (the file's extension, the saved picture, the picture read), or None
/// where the session could not run (the lab's namespaces).
fn drawn_both_ways(script: &str, args: &[&str]) -> Option<Vec<(&'static str, String, String)>> {
    let dir = tempfile::tempdir().unwrap();
    let at = |extension: &str| dir.path().join(format!("s.{extension}"));
    let extensions = ["txt", "svg", "mmd", "html"];
    let mut script = script.to_string();
    for extension in extensions {
        script.push_str(&format!("diagram save {}\n", at(extension).display()));
    }
    let output = run_with_stdin(script.as_bytes(), args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("user namespaces") || stderr.contains("cannot make a network namespace") {
        eprintln!("skipped: the lab cannot run here: {stderr}");
        return None;
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout.matches("saved the session as a ladder").count(),
        extensions.len(),
        "{stdout}{stderr}"
    );
    // The session's transcript: its lines and their output, up to the saves.
    let recorded: String = stdout
        .lines()
        .skip_while(|l| !l.starts_with("> "))
        .take_while(|l| !l.starts_with("> diagram save"))
        .map(|l| format!("{l}\n"))
        .collect();
    let transcript = socklab::transcript_format::parse(&recorded).unwrap();
    let title = "socklab session";
    Some(
        extensions
            .into_iter()
            .map(|extension| {
                let read = match extension {
                    "txt" => socklab::diagram::ladder(&transcript, 100, false),
                    "svg" => socklab::diagram::svg(&transcript, title),
                    "mmd" => socklab::diagram::mermaid(&transcript, title),
                    _ => socklab::diagram::html(&transcript, title),
                };
                let saved = std::fs::read_to_string(at(extension)).unwrap();
                (extension, saved, read)
            })
            .collect(),
    )
}

/// Each picture `diagram save` drew equals the one read from the session's
/// transcript, line by line.
fn assert_same_pictures(pictures: &[(&str, String, String)]) {
    for (extension, saved, read) in pictures {
        for (k, (s, r)) in saved.lines().zip(read.lines()).enumerate() {
            assert_eq!(s, r, ".{extension}, line {}", k + 1);
        }
        assert_eq!(saved, read, ".{extension}");
    }
}

#[test]
fn diagram_save_draws_a_lab_session_as_its_transcript_is_drawn() {
    let script = "srv = socket tcp @b\nbind srv b:80\nlisten srv\ncli = socket tcp @a\n\
        link hold\nnonblock cli on\nconnect cli b:80\ndeliver\ndeliver all\nlink pass\n\
        await cli ESTABLISHED\nconn = accept srv\nsetsockopt cli TCP_NODELAY on\n\
        link hold a->b\nsend cli one\nsend cli two\ndrop all\nlink pass\n\
        drop next b->a\ndup next a->b\nsend cli three\nrecv conn\n\
        u = socket udp @b\nbind u b:9\nt = socket udp @a\nsendto t b:9 \"hi there\"\n\
        sendto t b:10 x\nclose cli\nawait cli FIN_WAIT2\nclose conn\n";
    let Some(pictures) = drawn_both_ways(script, &["--lab"]) else {
        return;
    };
    assert_same_pictures(&pictures);
    // The session drew what the comparison is about: fates on the link, a
    // datagram, its ICMP answer, a listener's queued connection, a gap.
    let mermaid = &pictures[2].1;
    for shown in [
        "e0->>e1: SYN seq=0 (#35;1 delivered)",
        "e0-xe2: PSH,ACK seq=1 ack=1 len=3 #quot;one#quot; (#35;4 dropped)",
        "len=5 #quot;three#quot; [link copy] (duplicated)",
        // conn's first window to cli is news: shown.
        "-xe0: ACK seq=1 ack=1 win=",
        "UDP len=8 #quot;hi there#quot;",
        "ICMP port unreachable",
        "Note over e1: SYN_RECV",
        "Note over e0: FIN_WAIT2",
        " after the call",
    ] {
        assert!(mermaid.contains(shown), "{shown}\n{mermaid}");
    }
    // Each held segment is drawn when sent (dotted: held on the link) and
    // again when delivered or dropped: no time without an arrow.
    for held in [
        "e0-->>e1: SYN seq=0 win=",
        "e1-->>e0: SYN,ACK seq=0 ack=1 win=",
        "e0-->>e2: PSH,ACK seq=1 ack=1 len=3 #quot;one#quot; (held #35;4)",
        "e0-->>e2: PSH,ACK seq=4 ack=1 len=3 #quot;two#quot; (held #35;5)",
    ] {
        assert!(mermaid.contains(held), "{held}\n{mermaid}");
    }
    for k in 1..=5 {
        let held = format!("(held #35;{k})");
        assert_eq!(mermaid.matches(&held).count(), 1, "{held}\n{mermaid}");
    }
}

#[test]
fn diagram_save_draws_a_loopback_session_as_its_transcript_is_drawn() {
    let (steps, _) = run_json("wire on\n", &[]);
    if steps[0]["ok"] != true {
        eprintln!("skipped: no CAP_NET_RAW here");
        return;
    }
    let script = format!(
        "{CONNECTED}send cli hello\nrecv conn\nshutdown cli write\nawait cli FIN_WAIT2\n\
         u = socket udp\nbind u 127.0.0.1:0\nsendto u u \"a;b\"\nv = socket udp\n\
         sendto v 127.0.0.1:9 x\nclose conn\n"
    );
    let pictures = drawn_both_ways(&script, &["--wire"]).unwrap();
    assert_same_pictures(&pictures);
    let mermaid = &pictures[2].1;
    for shown in ["UDP len=3 #quot;a#59;b#quot;", "FIN_WAIT2", "TIME_WAIT"] {
        assert!(mermaid.contains(shown), "{shown}\n{mermaid}");
    }
}

/// Lessons 51's and 35's zero windows: every `win=0` the transcript
/// recorded (not a reset's) is on its arrow's label in the terminal ladder
/// and in the SVG, there in the zero window's own colour.
#[test]
fn a_zero_window_is_on_its_arrow_in_every_picture_of_a_lesson() {
    for (lesson, ack, expected) in [
        ("51-lab-zero-window", "ack=10137", 2),
        ("35-wire-flow-control", "ack=2048", 1),
    ] {
        let path = format!(
            "{}/transcripts/{lesson}.socklab",
            env!("CARGO_MANIFEST_DIR")
        );
        let recorded = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .filter(|l| l.contains(" → ") && l.contains(" win=0 ") && !l.contains("RST"))
            .count();
        assert_eq!(recorded, expected, "{lesson}");
        let (code, ladder, errors) = diagram(&[&path, "--format", "txt", "--width", "100"]);
        assert_eq!(code, 0, "{errors}");
        let arrows: Vec<&str> = ladder.lines().filter(|l| l.contains(ack)).collect();
        assert_eq!(
            arrows.iter().filter(|l| l.contains(" win=0")).count(),
            recorded,
            "{lesson}:\n{ladder}"
        );
        let (code, svg, errors) = diagram(&[&path, "--format", "svg"]);
        assert_eq!(code, 0, "{errors}");
        let zero: Vec<String> = svg_texts(&svg)
            .into_iter()
            .filter(|t| t.starts_with("label zero-window|"))
            .collect();
        // Each arrow's label, its tag on the line below where it is long.
        let labels = zero.join(" ");
        assert_eq!(
            labels.matches(" win=0").count(),
            recorded,
            "{lesson}:\n{svg}"
        );
        assert_eq!(
            labels.matches("[zero win]").count(),
            recorded,
            "{lesson}: {zero:?}"
        );
    }
}

/// A line that never reached the kernel is not drawn as a call — read
/// from a transcript, and saved live by `diagram save`.
#[test]
fn a_usage_error_is_not_drawn_as_a_call() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("oops.socklab");
    std::fs::write(
        &path,
        "> connect cli srv\nconnect(cli, 127.0.0.1:5) = 0\n  cli → srv  [SYN]  seq=0 win=[N]\n\
         > send cli \"unterminated\nerror: column 10: unterminated quote — close it with '\"'\n\
         > close cli\nclose(cli) = 0\n  cli → srv  [FIN,ACK]  seq=1 ack=1 win=[N]\n",
    )
    .unwrap();
    let (code, text, errors) = diagram(&[path.to_str().unwrap()]);
    assert_eq!(code, 0, "{errors}");
    assert!(text.contains("Note over e0: connect cli srv"), "{text}");
    assert!(text.contains("Note over e0: close cli"), "{text}");
    assert!(!text.contains("unterminated"), "{text}");

    let (steps, _) = run_json("wire on\n", &[]);
    if steps[0]["ok"] != true {
        eprintln!("skipped: no CAP_NET_RAW here");
        return;
    }
    let svg = dir.path().join("s.svg");
    let script = format!(
        "wire on\n{CONNECTED}send cli \"unterminated\nsend cli hello\ndiagram save {}\n",
        svg.display()
    );
    let (steps, _) = run_json(&script, &[]);
    assert!(steps.iter().any(|s| {
        s["error"]
            .as_str()
            .is_some_and(|e| e.contains("unterminated"))
    }));
    let calls: Vec<String> = svg_texts(&std::fs::read_to_string(&svg).unwrap())
        .into_iter()
        .filter_map(|t| t.strip_prefix("call|").map(str::to_string))
        .collect();
    assert!(calls.iter().any(|c| c == "send cli hello"), "{calls:?}");
    assert!(
        !calls.iter().any(|c| c.contains("unterminated")),
        "{calls:?}"
    );
}

/// Lesson 45's retransmission is drawn apart from a first sending in every
/// picture — its own colour and a legend line in SVG, `⟲` (`R` in ASCII)
/// at its arrow's tail in the terminal ladder, `[retx]` on its label — and
/// lesson 46's duplicate ACK shows its tag with its count.
#[test]
fn a_retransmission_is_drawn_apart_and_a_dup_ack_shows_its_tag() {
    let lesson = |name: &str| format!("{}/transcripts/{name}.socklab", env!("CARGO_MANIFEST_DIR"));
    let path = lesson("45-lab-lost-data");
    let recorded = std::fs::read_to_string(&path)
        .unwrap()
        .matches("  [retransmission]")
        .count();
    assert_eq!(recorded, 1);
    let (code, svg, errors) = diagram(&[&path, "--format", "svg"]);
    assert_eq!(code, 0, "{errors}");
    let retx: Vec<&str> = svg
        .lines()
        .filter(|l| l.starts_with("<line class=\"segment retx\""))
        .collect();
    assert_eq!(retx.len(), recorded, "{svg}");
    assert!(retx[0].contains("url(#head-retx)"), "{}", retx[0]);
    assert!(
        svg.contains("line.retx { stroke: #7b2fa8;"),
        "its own colour"
    );
    let texts = svg_texts(&svg);
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("label|PSH,ACK seq=1 ack=1 len=5 \"hello\" [retx]")),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.starts_with("legend|retransmission")),
        "{texts:?}"
    );
    // The first sending, lost, is no retransmission.
    assert_eq!(svg.matches("class=\"segment lost\"").count(), 1, "{svg}");
    for (ascii, mark) in [(false, "│⟲─PSH,ACK"), (true, "|R-PSH,ACK")] {
        let mut args = vec![path.as_str(), "--format", "txt", "--width", "100"];
        if ascii {
            args.push("--ascii");
        }
        let (code, ladder, errors) = diagram(&args);
        assert_eq!(code, 0, "{errors}");
        let marked: Vec<&str> = ladder.lines().filter(|l| l.contains(mark)).collect();
        assert_eq!(marked.len(), recorded, "{ladder}");
        assert!(marked[0].contains("[retx]"), "{ladder}");
    }
    let path = lesson("46-lab-duplicate");
    for format in ["svg", "txt", "mermaid"] {
        let (code, text, errors) = diagram(&[&path, "--format", format, "--width", "120"]);
        assert_eq!(code, 0, "{errors}");
        assert!(text.contains("[dup ACK 1] [D-SACK]"), "{format}: {text}");
        assert!(text.contains("[link copy]"), "{format}: {text}");
    }
}

/// In the terminal ladder a state name is never cut: at 80 columns lesson
/// 42's conn, the last column, enters CLOSE_WAIT, written CLOSE_WT (the
/// short name docs/wire.md gives) where the whole name has no room.
#[test]
fn a_state_name_is_shortened_by_its_table_never_cut() {
    let path = format!(
        "{}/transcripts/42-lab-close.socklab",
        env!("CARGO_MANIFEST_DIR")
    );
    let (code, ladder, errors) = diagram(&[&path, "--format", "txt", "--width", "80"]);
    assert_eq!(code, 0, "{errors}");
    assert!(
        ladder.lines().any(|l| l.ends_with("│ CLOSE_WT")),
        "{ladder}"
    );
    assert!(
        !ladder.contains("_W…") && !ladder.contains("ESTABL…"),
        "{ladder}"
    );
    let (_, wide, _) = diagram(&[&path, "--format", "txt", "--width", "120"]);
    assert!(wide.contains(" CLOSE_WAIT"), "{wide}");
}
