//! `socklab export`: every lesson that does not need the lab, exported as
//! Python and as C, runs in a private network (a user and network
//! namespace of its own, loopback up: `unshare` and `ip`) and reproduces
//! the transcript's results step by step — the program checks each one
//! against the recorded one and exits 1 on any difference. A planted
//! difference shows the check can fail.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SOCKLAB: &str = env!("CARGO_BIN_EXE_socklab");

/// The lessons that do not need the lab (`#! lab` ones are out).
fn lessons() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("transcripts"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "socklab"))
            .filter(|p| {
                !std::fs::read_to_string(p)
                    .unwrap()
                    .lines()
                    .any(|l| l.trim() == "#! lab")
            })
            .collect();
    files.sort();
    files
}

/// Runs `program` (with its arguments) in a network namespace of its own,
/// loopback up; `unprivileged`: with no capabilities (a lesson's `#! as:
/// unprivileged`). `None`: namespaces are refused here.
fn in_private_network(program: &[&str], unprivileged: bool) -> Option<Output> {
    let mut script = String::from("ip link set lo up || exit 97; exec ");
    if unprivileged {
        script.push_str("setpriv --inh-caps=-all --bounding-set=-all ");
    }
    // `timeout` bounds a program that hangs (each of its waits is bounded already).
    script.push_str("timeout 120 \"$@\"");
    let output = Command::new("unshare")
        .args([
            "--user",
            "--map-root-user",
            "--net",
            "sh",
            "-c",
            &script,
            "sh",
        ])
        .args(program)
        .output()
        .ok()?;
    match output.status.code() {
        Some(97) => None,
        Some(1)
            if output.stdout.is_empty()
                && String::from_utf8_lossy(&output.stderr).contains("unshare") =>
        {
            None
        }
        _ => Some(output),
    }
}

fn namespaces_work() -> bool {
    let ok = in_private_network(&["true"], false).is_some_and(|o| o.status.success());
    if !ok {
        eprintln!(
            "skipped: no private network here (unshare --user --net and ip from iproute2 are needed; \
             .ci/run installs them and runs as root)"
        );
    }
    ok
}

fn export(lesson: &Path, to: &str, out: &Path) {
    let status = Command::new(SOCKLAB)
        .env("LC_ALL", "C.UTF-8")
        .args([
            "export",
            lesson.to_str().unwrap(),
            "--to",
            to,
            "--force",
            "-o",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "export {}: {}",
        lesson.display(),
        String::from_utf8_lossy(&status.stderr)
    );
}

fn unprivileged(lesson: &Path) -> bool {
    std::fs::read_to_string(lesson)
        .unwrap()
        .lines()
        .any(|l| l.trim() == "#! as: unprivileged")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("socklab-export-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Exports each lesson to `to`, makes it runnable with `build`, runs it;
/// returns the lessons whose run reported differences, with its output.
fn run_all(to: &str, build: impl Fn(&Path) -> Result<Vec<String>, String>) -> Vec<String> {
    let dir = scratch(to);
    let mut failures = Vec::new();
    for lesson in lessons() {
        let stem = lesson.file_stem().unwrap().to_string_lossy().into_owned();
        let source = dir.join(format!(
            "{stem}.{}",
            if to == "python" { "py" } else { "c" }
        ));
        export(&lesson, to, &source);
        let command = match build(&source) {
            Ok(command) => command,
            Err(error) => {
                failures.push(format!("{stem}: does not build:\n{error}"));
                continue;
            }
        };
        let args: Vec<&str> = command.iter().map(String::as_str).collect();
        let output =
            in_private_network(&args, unprivileged(&lesson)).expect("namespaces worked before");
        let stdout = String::from_utf8_lossy(&output.stdout);
        if !output.status.success() {
            failures.push(format!(
                "{stem} ({}): {}{}",
                output.status,
                stdout,
                String::from_utf8_lossy(&output.stderr)
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    failures
}

fn python(source: &Path) -> Result<Vec<String>, String> {
    Ok(vec!["python3".into(), source.to_str().unwrap().into()])
}

#[test]
fn every_lesson_as_python_reproduces_its_transcript() {
    if !namespaces_work() {
        return;
    }
    let failures = run_all("python", python);
    assert!(
        failures.is_empty(),
        "{} lesson(s) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The same lesson with one recorded result changed: the program (Python,
/// and C where cc is) says which step differs, and exits 1.
#[test]
fn a_planted_difference_fails_the_program() {
    if !namespaces_work() {
        return;
    }
    let dir = scratch("planted");
    let original = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("transcripts/02-echo-server.socklab"),
    )
    .unwrap();
    let planted = original.replacen("  data: \"Hello tcp!\"", "  data: \"Hello udp!\"", 1);
    assert_ne!(planted, original);
    // The step is named by its command's line in the file.
    let lines: Vec<&str> = original.lines().collect();
    let data = lines
        .iter()
        .position(|l| *l == "  data: \"Hello tcp!\"")
        .unwrap();
    let step = 1
        + (0..data)
            .rev()
            .find(|&i| lines[i].starts_with("> ") || lines[i].starts_with("?> "))
            .unwrap();
    let lesson = dir.join("planted.socklab");
    std::fs::write(&lesson, planted).unwrap();
    let source = dir.join("planted.py");
    export(&lesson, "python", &source);
    let output = in_private_network(&["python3", source.to_str().unwrap()], false).unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "step {step}: data: got b'Hello tcp!', socklab recorded b'Hello udp!'"
        )),
        "{stdout}"
    );
    let source = dir.join("planted.c");
    export(&lesson, "c", &source);
    if let Ok(command) = c_program(&source) {
        let output = in_private_network(&[command[0].as_str()], false).unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(1), "{stdout}");
        assert!(stdout.contains(&format!("step {step}: data: ")), "{stdout}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn c_program(source: &Path) -> Result<Vec<String>, String> {
    let binary = source.with_extension("");
    let output = Command::new("cc")
        .args(["-Wall", "-Wextra", "-Werror", "-o"])
        .arg(&binary)
        .arg(source)
        .output()
        .map_err(|e| format!("cc: {e}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    Ok(vec![binary.to_str().unwrap().into()])
}

#[test]
fn every_lesson_as_c_builds_with_warnings_as_errors_and_reproduces_its_transcript() {
    if !namespaces_work() {
        return;
    }
    if Command::new("cc").arg("--version").output().is_err() {
        eprintln!("skipped: no C compiler here (.ci/run installs gcc)");
        return;
    }
    let failures = run_all("c", c_program);
    assert!(
        failures.is_empty(),
        "{} lesson(s) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// docs/export.md is what `socklab export 02 --to markdown` writes now.
#[test]
fn the_export_page_is_current() {
    let output = Command::new(SOCKLAB)
        .env("LC_ALL", "C.UTF-8")
        .args(["export", "02", "--to", "markdown"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let page =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/export.md"))
            .unwrap();
    assert!(
        String::from_utf8_lossy(&output.stdout) == page,
        "docs/export.md is stale: cargo run -- export 02 --to markdown > docs/export.md"
    );
}

/// A session's lines, run by socklab in a private network; `export python`
/// and `export c` at the end write the session so far, and each program,
/// run there too, reproduces what the session showed.
#[test]
fn the_shell_exports_the_session_so_far_and_the_programs_reproduce_it() {
    if !namespaces_work() {
        return;
    }
    let dir = scratch("shell");
    let (py, c) = (dir.join("session.py"), dir.join("session.c"));
    let script = format!(
        "srv = socket tcp\nbind srv 127.0.0.1:0\nlisten srv\ncli = socket tcp\nconnect cli srv\n\
         conn = accept srv\nsend cli \"h\\xe9llo\\n\"\nrecv conn\nconnect cli srv\nls\nclose cli\n\
         await cli FIN_WAIT2\nrecv conn\nexport python {}\nexport c {}\nexport c {}\n",
        py.display(),
        c.display(),
        c.display()
    );
    let script_file = dir.join("session.txt");
    std::fs::write(&script_file, script).unwrap();
    let output =
        in_private_network(&[SOCKLAB, "run", script_file.to_str().unwrap()], false).unwrap();
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(
        shown.contains(&format!(
            "saved the session's 13 lines as a Python program to {}",
            py.display()
        )),
        "{shown}"
    );
    assert!(
        shown.contains("saved the session's 14 lines as a C program"),
        "{shown}"
    );
    // The third refuses to replace the second's file.
    assert!(shown.contains("the file exists already"), "{shown}");
    let program = std::fs::read_to_string(&py).unwrap();
    assert!(
        program.contains(
            "# > connect cli srv\nstep(9)\ntry:\n    cli.connect((\"127.0.0.1\", PORT[1]))"
        ),
        "{program}"
    );
    assert!(
        program.contains("except OSError as error:\n    check_errno(error, \"EISCONN\")"),
        "{program}"
    );
    assert!(
        program.contains("# socklab only: socklab's own view"),
        "{program}"
    );
    assert!(
        program.contains("check(\"data\", data, b\"h\\xe9llo\\n\")"),
        "{program}"
    );
    let ran = in_private_network(&["python3", py.to_str().unwrap()], false).unwrap();
    assert!(
        ran.status.success(),
        "{}",
        String::from_utf8_lossy(&ran.stdout)
    );
    if let Ok(command) = c_program(&c) {
        let ran = in_private_network(&[command[0].as_str()], false).unwrap();
        assert!(
            ran.status.success(),
            "{}",
            String::from_utf8_lossy(&ran.stdout)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A lesson may not write files: export is refused there, saying how to
/// export a lesson instead.
#[test]
fn a_lesson_may_not_export() {
    let dir = scratch("confined");
    let lesson = dir.join("l.socklab");
    std::fs::write(&lesson, "> export python /tmp/never.py\n").unwrap();
    let output = Command::new(SOCKLAB)
        .env("LC_ALL", "C.UTF-8")
        .args(["test", "--bless", lesson.to_str().unwrap()])
        .output()
        .unwrap();
    let text = std::fs::read_to_string(&lesson).unwrap();
    assert!(
        text.contains(
            "error: a lesson may not write files: export is refused in socklab test and play"
        ),
        "{text}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!Path::new("/tmp/never.py").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Makes an exported program runnable: the command that runs it.
type Build = fn(&Path) -> Result<Vec<String>, String>;

/// A session that names a receive's bytes and sends them back (`data =
/// recvall conn 4`, `sendall conn "got: " + $data`) exports as programs
/// that reproduce it: the name is no handle, and the send carries the
/// bytes the call line shows (NUL, 0xff, GBK).
#[test]
fn a_session_echoing_data_by_name_exports_and_reproduces() {
    if !namespaces_work() {
        return;
    }
    let dir = scratch("data-names");
    let transcript = dir.join("echo.socklab");
    let session = "srv = socket tcp\nbind srv 127.0.0.1:0\nlisten srv\ncli = socket tcp\n\
                   connect cli srv\nconn = accept srv\nsend cli x\"00ffc4e3\"\n\
                   data = recvall conn 4\nsendall conn \"got: \" + $data\nrecvall cli 9\n\
                   close cli\nclose conn\nclose srv\n";
    let recorded = Command::new(SOCKLAB)
        .env("LC_ALL", "C.UTF-8")
        .arg("record")
        .arg(&transcript)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(session.as_bytes())?;
            child.wait()
        })
        .unwrap();
    assert!(recorded.success());
    let text = std::fs::read_to_string(&transcript).unwrap();
    assert!(text.contains("kept as $data (4 bytes"), "{text}");
    let mut builds: Vec<(&str, Build)> = vec![("python", python)];
    if Command::new("cc").arg("--version").output().is_ok() {
        builds.push(("c", c_program));
    }
    for (to, build) in builds {
        let source = dir.join(if to == "python" { "echo.py" } else { "echo.c" });
        export(&transcript, to, &source);
        let command = build(&source).unwrap_or_else(|e| panic!("{to}: {e}"));
        let args: Vec<&str> = command.iter().map(String::as_str).collect();
        let output = in_private_network(&args, false).expect("namespaces worked before");
        assert!(
            output.status.success(),
            "{to}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A transcript's file name and text are data in what export writes: a
/// name with a line break stays in the program's first comment (it used
/// to start a Python line of its own), the markdown page escapes control
/// characters and fences the transcript so a line of backticks cannot end
/// the block, and an abstract unix name that starts with a digit keeps
/// its NUL (`\x00`, not the octal `\01`).
#[test]
fn file_names_and_text_stay_data_in_what_export_writes() {
    let dir = tempfile::tempdir().unwrap();
    let named = dir
        .path()
        .join("x\nimport os; os.system('echo PWNED')\n#.socklab");
    let lesson = format!(
        "{}/transcripts/01-handshake.socklab",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::copy(&lesson, &named).unwrap();
    let run = |args: &[&std::ffi::OsStr]| -> String {
        let output = Command::new(env!("CARGO_BIN_EXE_socklab"))
            .env("LC_ALL", "C.UTF-8")
            .args(args)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    let python = run(&[
        "export".as_ref(),
        named.as_os_str(),
        "--to".as_ref(),
        "python".as_ref(),
    ]);
    assert!(
        python.lines().all(|l| !l.starts_with("import os")),
        "{python}"
    );
    let hostile = dir.path().join("e.socklab");
    std::fs::write(
        &hostile,
        "# t \u{1b}]0;PWN\u{7}\u{1b}[31mRED\n> s = socket unix\nsocket(AF_UNIX, SOCK_STREAM, 0) = [FD1]\n  new handle: s\n\
         > bind s @1abc\nbind(s, @1abc) = 0\n  bound: @1abc\n# ```\n",
    )
    .unwrap();
    let page = run(&[
        "export".as_ref(),
        hostile.as_os_str(),
        "--to".as_ref(),
        "markdown".as_ref(),
    ]);
    assert!(!page.contains('\u{1b}'), "{page}");
    assert!(page.contains("````text"), "{page}");
    let python = run(&[
        "export".as_ref(),
        hostile.as_os_str(),
        "--to".as_ref(),
        "python".as_ref(),
    ]);
    assert!(python.contains("s.bind(\"\\x001abc\")"), "{python}");
}
