//! Text in another encoding than the session's: bytes that are not text
//! in it are shown all-escaped (as Python prints bytes), a line names the
//! encoding that reads them, and a script saved in GBK runs with
//! `--encoding gbk`. The bytes come from Python's own encoders; the
//! sockets are real, on loopback.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::*;
use serde_json::Value;

/// `text.encode(encoding)`, by Python itself.
fn encoded(text: &str, encoding: &str) -> Vec<u8> {
    let output = Command::new("python3")
        .args([
            "-c",
            "import sys; sys.stdout.buffer.write(sys.argv[1].encode(sys.argv[2]))",
            text,
            encoding,
        ])
        .output()
        .expect("python3 runs");
    assert!(output.status.success());
    output.stdout
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A UDP socket sends `bytes` to itself and receives them, in a session
/// whose encoding is `session`: the text output and the recv's JSON.
fn received(bytes: &[u8], session: &str) -> (String, Value) {
    let script = format!(
        "encoding {session}\nu = socket udp\nbind u 127.0.0.1:0\nsendto u u x\"{}\"\nrecv u\n",
        hex(bytes)
    );
    let output = run_with_stdin(script.as_bytes(), &[]);
    assert!(output.status.success(), "{}", text(&output));
    let (steps, _) = run_json(&script, &[]);
    (text(&output), step(&steps, "recv u").clone())
}

/// The line under the data of the recv step in a text output.
fn data_line(output: &str) -> &str {
    output
        .lines()
        .find(|l| l.starts_with("  data: "))
        .unwrap_or_else(|| panic!("no data line in {output}"))
}

#[test]
fn gbk_in_a_utf8_session_is_all_bytes_and_a_line_says_gbk_reads_it() {
    let gbk = encoded("你好，世界！", "gbk");
    let (output, json) = received(&gbk, "utf-8");
    // C3 A3 and E7 A3 A1 within it are UTF-8's ã and 磡: never shown.
    assert_eq!(
        data_line(&output),
        "  data: \"\\xc4\\xe3\\xba\\xc3\\xa3\\xac\\xca\\xc0\\xbd\\xe7\\xa3\\xa1\"",
        "{output}"
    );
    assert!(!output.contains('ã') && !output.contains('磡'), "{output}");
    assert!(
        output.contains("\n  as GBK: “你好，世界！” — encoding gbk\n"),
        "{output}"
    );
    assert_eq!(json["text"], Value::Null);
    assert_eq!(json["text_as"]["encoding"], "gbk");
    assert_eq!(json["text_as"]["text"], "你好，世界！");
    assert_eq!(
        json["text_as"]["hint"],
        "as GBK: “你好，世界！” — encoding gbk"
    );
    // ASCII among the bytes stays itself, as in Python's b'ok \xc4\xe3'.
    let mut mixed = b"ok ".to_vec();
    mixed.extend(encoded("你好", "gbk"));
    let (output, _) = received(&mixed, "utf-8");
    assert_eq!(
        data_line(&output),
        "  data: \"ok \\xc4\\xe3\\xba\\xc3\"",
        "{output}"
    );
    // Under `encoding gbk` the same bytes are the text, and no line.
    let (output, json) = received(&gbk, "gbk");
    assert_eq!(data_line(&output), "  data: \"你好，世界！\"", "{output}");
    assert!(!output.contains("as "), "{output}");
    assert_eq!(json["text"], "你好，世界！");
    assert!(json.get("text_as").is_none(), "{json}");
}

#[test]
fn cyrillic_bytes_are_named_windows_1251_or_koi8_r() {
    for (python, shown) in [("cp1251", "windows-1251"), ("koi8-r", "KOI8-R")] {
        let bytes = encoded("Привет, мир!", python);
        let (output, json) = received(&bytes, "utf-8");
        let command = shown.to_ascii_lowercase();
        assert!(
            output.contains(&format!(
                "\n  as {shown}: “Привет, мир!” — encoding {command}\n"
            )),
            "{python}: {output}"
        );
        assert!(data_line(&output).contains(", \\x"), "{output}");
        assert_eq!(json["text_as"]["encoding"], command.as_str());
    }
}

#[test]
fn utf8_arriving_in_a_gbk_session_is_named_too() {
    // UTF-8's 你好 is valid GBK (浣犲ソ): the mix-up the line points out.
    let (output, json) = received("你好".as_bytes(), "gbk");
    assert!(
        output.contains("\n  as UTF-8: “你好” — encoding utf-8\n"),
        "{output}"
    );
    assert_eq!(json["text_as"]["encoding"], "utf-8");
}

#[test]
fn binary_data_gets_no_hint() {
    for bytes in [
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
        (0..=255).collect::<Vec<u8>>(),
        vec![0, 1, 2, 0xff, 0xfe, 0x80],
    ] {
        let (output, json) = received(&bytes, "utf-8");
        assert!(!output.contains("  as "), "{output}");
        assert!(json.get("text_as").is_none(), "{json}");
        // Still every byte from 0x80 up escaped, and a hex dump.
        assert!(output.contains("    0000  "), "{output}");
    }
}

/// A script saved in GBK, run with `--encoding gbk` against the tutorials'
/// turn-taking chat server in GBK: the server reads 你好, and socklab
/// shows its answer as text.
#[test]
fn a_gbk_script_file_runs_with_encoding_gbk() {
    let mut server = Command::new("python3")
        .env("PEER_ENCODING", "gbk")
        .env("PYTHONIOENCODING", "utf-8")
        .arg(format!(
            "{}/tests/peers/turn_chat.py",
            env!("CARGO_MANIFEST_DIR")
        ))
        .arg("server")
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let mut server_out = BufReader::new(server.stdout.take().unwrap());
    let mut line = String::new();
    let mut next_line = || {
        line.clear();
        server_out.read_line(&mut line).unwrap();
        line.trim_end().to_string()
    };
    let port = next_line();
    let script = format!(
        "# 和服务器聊天\nc = socket tcp\nconnect c 127.0.0.1:{port}\nsend c \"你好\"\nrecv c\nsend c end\nrecv c\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("chat.socklab");
    std::fs::write(&file, encoded(&script, "gbk")).unwrap();
    let output = socklab()
        .args(["--json", "--encoding", "gbk", "run"])
        .arg(&file)
        .output()
        .unwrap();
    let steps: Vec<Value> = output
        .stdout
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert!(output.status.success(), "{}", dump(&steps));
    assert_eq!(next_line(), "你好", "the server read GBK's 你好");
    let reply = nth_step(&steps, "recv c", 0);
    assert_eq!(data(reply), encoded("got: 你好", "gbk"));
    assert_eq!(reply["text"], "got: 你好");
    assert_eq!(next_line(), "end");
    assert!(server.wait().unwrap().success());
}

/// A line valid neither as UTF-8 nor in the encoding: an error naming the
/// line and the column, and the script goes on.
#[test]
fn a_line_in_neither_encoding_is_an_error_with_its_line_number() {
    let mut script = encoded("encoding\n# 注释\n", "gbk");
    script.extend_from_slice(b"send x \"\xff\xfe\"\nencoding\n");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.socklab");
    std::fs::write(&file, script).unwrap();
    let output = socklab()
        .args(["--encoding", "gbk", "run"])
        .arg(&file)
        .output()
        .unwrap();
    let shown = text(&output);
    assert_eq!(output.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains(
            "error: line 3: byte 0xff at column 9 is neither UTF-8 nor gbk (the session's encoding)"
        ),
        "{shown}"
    );
    // The GBK comment was read (no error for line 2), and line 4 ran.
    assert_eq!(shown.matches("error:").count(), 1, "{shown}");
    assert_eq!(shown.matches("encoding: gbk").count(), 2, "{shown}");
}
