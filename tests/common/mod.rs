//! Running the real socklab binary in script mode, for the tests.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// A listener `srv`, a client `cli` connected to it, the accepted `conn`.
pub const CONNECTED: &str = "
srv = socket tcp
bind srv 127.0.0.1:0
listen srv 10
cli = socket tcp
connect cli srv
conn = accept srv
";

pub mod names;

pub fn socklab() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_socklab"));
    // English, whatever the locale the tests run in.
    command.env("LC_ALL", "C.UTF-8");
    // No wrapping into the pipe, whatever COLUMNS the test runs with.
    command.env("NO_COLOR", "1").env_remove("COLUMNS");
    command
}

/// Runs `script` with `--json` plus `args`; returns one object per line and the output.
pub fn run_json(script: &str, args: &[&str]) -> (Vec<Value>, Output) {
    let output = run_with_stdin(script.as_bytes(), &[&["--json"], args].concat());
    let steps = output
        .stdout
        .split(|b| *b == b'\n')
        .filter(|line| !line.is_empty())
        .map(|line| {
            serde_json::from_slice(line)
                .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(line)))
        })
        .collect();
    (steps, output)
}

/// Runs a lab script (`--lab --json`); None (and says so) where this
/// system cannot make the lab's namespaces.
pub fn run_lab(script: &str) -> Option<Vec<Value>> {
    let (steps, output) = run_json(script, &["--lab"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("user namespaces") || stderr.contains("cannot make a network namespace") {
        eprintln!("skipped: the lab cannot run here: {stderr}");
        return None;
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
    Some(steps)
}

/// Runs socklab in script mode on stdin bytes.
pub fn run_with_stdin(stdin: &[u8], args: &[&str]) -> Output {
    output_with_stdin(
        socklab()
            .args(["run", "-"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
        stdin,
    )
}

/// Runs `command` with `stdin` written to it and closed; its stdout and
/// stderr go where the command says (piped ones are in the output).
pub fn output_with_stdin(command: &mut Command, stdin: &[u8]) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .spawn()
        .expect("the program starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("stdin written");
    child.wait_with_output().expect("the program ends")
}

/// The step whose input is exactly `input` (the first, or the `nth` if repeated).
pub fn step<'a>(steps: &'a [Value], input: &str) -> &'a Value {
    nth_step(steps, input, 0)
}

pub fn nth_step<'a>(steps: &'a [Value], input: &str, nth: usize) -> &'a Value {
    steps
        .iter()
        .filter(|s| s["input"] == input)
        .nth(nth)
        .unwrap_or_else(|| panic!("no step #{nth} for {input:?} in:\n{}", dump(steps)))
}

pub fn dump(steps: &[Value]) -> String {
    steps
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Asserts a step succeeded and returned `ret`.
pub fn assert_ret(step: &Value, ret: i64) {
    assert_eq!(step["ok"], true, "step failed: {step}");
    assert_eq!(step["ret"], ret, "wrong return value: {step}");
}

/// Asserts a step failed with `errno`.
pub fn assert_errno(step: &Value, errno: &str) {
    assert_eq!(step["ok"], false, "step should fail: {step}");
    assert_eq!(step["errno"], errno, "wrong errno: {step}");
}

pub fn data(step: &Value) -> Vec<u8> {
    let hex = step["data_hex"]
        .as_str()
        .unwrap_or_else(|| panic!("no data: {step}"));
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
        .collect()
}

/// The change of `handle` in a step, as (from, to).
pub fn change(step: &Value, handle: &str) -> (Value, Value) {
    let found = step["changes"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["handle"] == handle))
        .unwrap_or_else(|| panic!("no state change of {handle} in {step}"));
    (found["from"].clone(), found["to"].clone())
}

/// Whether lessons can run here as `socklab test` and `play` run them, each
/// in a network of its own: root, or unprivileged user namespaces allowed.
/// Where not (socklab says so and asks for --host-net), the tests of
/// lessons skip, and say why.
pub fn lessons_run_here() -> bool {
    static HERE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let here = *HERE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("socklab-probe-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let lesson = dir.join("probe.socklab");
        let _ = std::fs::write(&lesson, "> s = socket udp\n...\n");
        let output = socklab().arg("test").arg(&lesson).output();
        let _ = std::fs::remove_dir_all(&dir);
        !output.is_ok_and(|o| String::from_utf8_lossy(&o.stderr).contains("--host-net"))
    });
    if !here {
        eprintln!(
            "skipped: lessons cannot have networks of their own here (no root, no user namespaces)"
        );
    }
    here
}

/// A copy of socklab and the lessons it needs where `nobody` can reach them
/// (the checkout may be under a directory only its owner can enter).
pub static STAGE: std::sync::LazyLock<tempfile::TempDir> = std::sync::LazyLock::new(|| {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let open = |path: &std::path::Path, mode| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    open(dir.path(), 0o755);
    std::fs::create_dir(dir.path().join("transcripts")).unwrap();
    open(&dir.path().join("transcripts"), 0o755);
    let library = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("transcripts");
    for entry in std::fs::read_dir(library).unwrap() {
        let from = entry.unwrap().path();
        let to = dir
            .path()
            .join("transcripts")
            .join(from.file_name().unwrap());
        std::fs::copy(&from, &to).unwrap();
        open(&to, 0o644);
    }
    let socklab = dir.path().join("socklab");
    std::fs::copy(env!("CARGO_BIN_EXE_socklab"), &socklab).unwrap();
    open(&socklab, 0o755);
    dir
});

/// The staged socklab with `args`, as `nobody` when this process is root.
pub fn nobody(args: &[&str]) -> Command {
    let socklab = STAGE.path().join("socklab");
    let mut command = if nix::unistd::geteuid().is_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&socklab);
        c
    } else {
        Command::new(&socklab)
    };
    command
        .args(args)
        .env("NO_COLOR", "1")
        .env("LC_ALL", "C.UTF-8")
        .current_dir(STAGE.path());
    command
}

/// `socklab ARGS` with TMPDIR (where lessons make their scratch
/// directories) inside `dir`, so the test sees what was left behind.
pub fn socklab_in(dir: &std::path::Path, args: &[&str]) -> Command {
    let scratch = dir.join("tmp");
    std::fs::create_dir_all(&scratch).unwrap();
    let mut command = socklab();
    command
        .args(args)
        .env("TMPDIR", &scratch)
        .current_dir(dir)
        .stdin(Stdio::null());
    command
}

/// What a run wrote to standard output.
pub fn text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}
