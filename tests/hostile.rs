//! Hostile lessons and scripts, each against one bound of docs/robustness.md's
//! threat model: what a stranger's file tries, and where socklab stops it.

mod common;

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::*;

/// `record F` then `source F` would read what it writes for ever (it
/// filled a disk at 6 MB/s): refused, in a script and in `socklab record`,
/// and so is recording into the script being run.
#[test]
fn a_recording_cannot_be_sourced_nor_a_script_recorded_into() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("loop.txt");
    std::fs::write(
        &script,
        "record out.socklab\nsocket udp\nsource out.socklab\nrecord off\nrecord loop.txt\n",
    )
    .unwrap();
    let run = socklab_in(dir.path(), &["run", "loop.txt"])
        .output()
        .unwrap();
    let shown = text(&run);
    assert!(
        shown.contains("'out.socklab' is being recorded by this session"),
        "{shown}"
    );
    assert!(
        shown.contains("'loop.txt' is being read by this session"),
        "{shown}"
    );
    assert_eq!(
        std::fs::read_to_string(&script).unwrap().lines().count(),
        5,
        "the script was not written over"
    );
    let recorded = std::fs::read_to_string(dir.path().join("out.socklab")).unwrap();
    assert!(
        recorded.len() < 2000,
        "the recording stayed small: {recorded}"
    );

    let record = output_with_stdin(
        socklab_in(dir.path(), &["record", "again.socklab"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
        b"source again.socklab\n",
    );
    assert!(
        text(&record).contains("'again.socklab' is being recorded by this session"),
        "{}",
        text(&record)
    );
}

/// A lab host's settings are the host's: a setting that exists in every
/// namespace but acts on the whole machine is refused before anything is
/// written, as is a congestion control the kernel would have to load.
#[test]
fn a_lesson_cannot_touch_a_machine_wide_setting() {
    let switch = Path::new("/proc/sys/net/netfilter/nf_hooks_lwtunnel");
    let before = std::fs::read_to_string(switch).ok();
    let Some(steps) = run_lab(
        "sysctl a net.netfilter.nf_hooks_lwtunnel\n\
         sysctl a net.netfilter.nf_hooks_lwtunnel=0\n\
         sysctl b net.core.rmem_max=1\n\
         sysctl a net.ipv4.tcp_congestion_control=nosuch\n\
         sysctl a net.ipv4.tcp_syn_retries=200\n\
         sysctl a net.ipv4.tcp_syn_retries=2\n",
    ) else {
        return;
    };
    let errors: Vec<&str> = steps.iter().filter_map(|s| s["error"].as_str()).collect();
    assert_eq!(errors.len(), 5, "{steps:?}");
    for refused in &errors[..3] {
        assert!(refused.contains("help sysctl"), "{refused}");
    }
    assert!(
        errors[3].contains("not a congestion control this kernel has"),
        "{}",
        errors[3]
    );
    assert!(errors[4].contains("from 1 to 127"), "{}", errors[4]);
    assert_eq!(
        steps[5]["value"], "2",
        "a listed setting is set: {:?}",
        steps[5]
    );
    assert_eq!(
        std::fs::read_to_string(switch).ok(),
        before,
        "the machine's switch is as it was"
    );
}

/// `socklab ARGS` (as `nobody` too) under a python3 parent that waits for
/// it and reports its peak resident memory: (output, peak KiB).
fn peak_rss(as_nobody: bool, args: &[&str], dir: &Path) -> (Output, u64) {
    const MEASURE: &str = "import resource, subprocess, sys\n\
        code = subprocess.run(sys.argv[1:]).returncode\n\
        sys.stderr.write('peak_kib=%d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n\
        sys.exit(code)\n";
    let mut command = match as_nobody && nix::unistd::geteuid().is_root() {
        true => {
            // The system's python3: nobody cannot enter root's home.
            let mut c = Command::new("setpriv");
            c.args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                "/usr/bin/python3",
            ]);
            c
        }
        false => Command::new("python3"),
    };
    command
        .args(["-c", MEASURE])
        .arg(STAGE.path().join("socklab"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("TMPDIR", dir)
        .current_dir(dir)
        .stdin(Stdio::null());
    let output = command.output().expect("python3 runs");
    let errors = String::from_utf8_lossy(&output.stderr);
    let peak = errors
        .lines()
        .find_map(|l| l.strip_prefix("peak_kib="))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no peak measured: {errors}"));
    (output, peak)
}

/// A directory `nobody` may write, with `lessons` in it (name, text).
fn lessons_dir(lessons: &[(&str, String)]) -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    for (name, text) in lessons {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    dir
}

/// A lab lesson: link hold, a UDP pair, then `sends` datagrams of 64 KB
/// (45 frames each), after `setup` (a link property, say).
fn held_flood(setup: &str, sends: usize) -> String {
    let mut lesson = format!(
        "#! lab\n> link hold\n> {setup}\n> u = socket udp @a\n> v = socket udp @b\n> bind v b:9\n"
    );
    for _ in 0..sends {
        lesson.push_str("> sendto u b:9 \"x\"*65507\n");
    }
    lesson.push_str("> link\n");
    lesson
}

/// Frames kept on the lab's link — held by hand, or delayed by the path —
/// count against the session's memory budget: past it, each frame is
/// dropped and counted, and the process grows by about the budget and no
/// more (the same flood kept every frame before: 3 KB each). As root and
/// as nobody.
#[test]
fn frames_kept_on_the_link_stop_at_the_memory_budget() {
    if !lessons_run_here() {
        return;
    }
    const BUDGET_MIB: u64 = 16;
    for as_nobody in [false, true] {
        for setup in ["link hold", "link delay 60s"] {
            let dir = lessons_dir(&[
                ("base.socklab", held_flood(setup, 1)),
                ("flood.socklab", held_flood(setup, 1000)),
            ]);
            let args = |lesson| ["--max-memory", "16M", "test", lesson];
            let (_, base) = peak_rss(as_nobody, &args("base.socklab"), dir.path());
            let (output, flood) = peak_rss(as_nobody, &args("flood.socklab"), dir.path());
            let report = text(&output);
            if report.contains("0 failed, 1 skipped") {
                eprintln!("skipped: {report}");
                return;
            }
            assert!(
                report.contains("dropped: the memory budget was full"),
                "{setup}, nobody {as_nobody}: {}",
                &report[report.len().saturating_sub(2000)..]
            );
            eprintln!("{setup}, nobody {as_nobody}: base {base} KiB, flood {flood} KiB");
            // The budget, and the fixed bounds outside it (docs/robustness.md).
            let grown = flood.saturating_sub(base) / 1024;
            assert!(
                grown < BUDGET_MIB + 24,
                "{setup}, nobody {as_nobody}: grew {grown} MiB with a {BUDGET_MIB} MiB budget"
            );
        }
    }
}

/// 600 background receives: the first 256 start (a lesson's job budget),
/// the rest are refused saying so, and the process holds no more threads
/// than that (with its own few).
#[test]
fn background_jobs_stop_at_the_job_budget() {
    if !lessons_run_here() {
        return;
    }
    let mut lesson = String::from("> u = socket udp\n> bind u 127.0.0.1:0\n");
    for _ in 0..600 {
        lesson.push_str("> recv u &\n");
    }
    lesson.push_str("> jobs\n");
    for as_nobody in [false, true] {
        let dir = lessons_dir(&[("jobs.socklab", lesson.clone())]);
        let (output, peak) = peak_rss(as_nobody, &["test", "jobs.socklab"], dir.path());
        let report = text(&output);
        let refused = report
            .matches("the session runs 256 background jobs and watchers already")
            .count();
        let blocked = report.matches("— blocked in its call").count();
        assert_eq!(
            (refused, blocked),
            (600 - 256, 256),
            "nobody {as_nobody}: {}",
            &report[report.len().saturating_sub(1500)..]
        );
        // 256 threads of 256 KiB stacks, barely touched.
        assert!(peak < 64 * 1024, "nobody {as_nobody}: {peak} KiB");
    }
}

/// Samples: a lesson's table keeps its first and last 500 rows of each,
/// however many it takes; where every reading is kept (JSON), the memory
/// budget stops the sampling and says so.
#[test]
fn samples_stop_at_their_bounds() {
    let script = "srv = socket tcp\nbind srv 127.0.0.1:0\nlisten srv\ncli = socket tcp\n\
                  connect cli srv\n"
        .to_string()
        + &"sample cli every 1ms for 60s &\n".repeat(8)
        + "wait\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("samples.txt");
    std::fs::write(&path, &script).unwrap();
    let started = std::time::Instant::now();
    let (output, peak) = peak_rss(
        false,
        &[
            "--max-memory",
            "8M",
            "--json",
            "run",
            path.to_str().unwrap(),
        ],
        dir.path(),
    );
    let steps: Vec<serde_json::Value> = text(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let stopped: Vec<&serde_json::Value> = steps
        .iter()
        .filter(|s| s["verb"] == "sample" && s["background"] == "result")
        .collect();
    assert_eq!(stopped.len(), 8, "{steps:?}");
    for step in &stopped {
        let notes = step["notes"].to_string();
        assert!(
            notes.contains("the session's memory budget (8 MiB) is full"),
            "{notes}"
        );
    }
    let kept: usize = stopped
        .iter()
        .map(|s| s["fields"]["samples"].as_array().map_or(0, Vec::len))
        .sum();
    assert!(kept > 1000 && kept < 16_000, "{kept} samples in 8 MiB");
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    assert!(peak < 96 * 1024, "{peak} KiB");
    // The lesson that reached 5 GB: 25 samples every 1 ms, and a wait.
    if !lessons_run_here() {
        return;
    }
    let lesson = "#! timeout: 60s\n> srv = socket tcp\n> bind srv 127.0.0.1:0\n> listen srv\n\
                  > cli = socket tcp\n> connect cli srv\n"
        .to_string()
        + &"> sample cli every 1ms for 100s &\n".repeat(25)
        + "> wait\n";
    for as_nobody in [false, true] {
        let dir = lessons_dir(&[("samples.socklab", lesson.clone())]);
        let args = ["test", "--max-time", "10s", "samples.socklab"];
        let (output, peak) = peak_rss(as_nobody, &args, dir.path());
        let report = text(&output);
        // (The report shows the first 1,000 lines of the wait's output.)
        assert!(report.contains("rows not shown"), "nobody {as_nobody}");
        assert!(report.contains("more lines"), "nobody {as_nobody}");
        assert!(peak < 64 * 1024, "nobody {as_nobody}: {peak} KiB");
    }
}

/// A lesson's sample shows its first and last 500 rows and how many went
/// between; the file's time bound ends it where it is.
#[test]
fn a_lessons_long_sample_ends_at_its_time_and_shows_its_ends() {
    if !lessons_run_here() {
        return;
    }
    let lesson = "#! timeout: 60s\n> srv = socket tcp\n> bind srv 127.0.0.1:0\n> listen srv\n\
                  > cli = socket tcp\n> connect cli srv\n> sample cli every 6ms for 600s\n\
                  > s = socket udp\n"
        .to_string();
    let dir = lessons_dir(&[("sample.socklab", lesson)]);
    let started = std::time::Instant::now();
    let output = socklab_in(dir.path(), &["test", "--max-time", "3s", "sample.socklab"])
        .output()
        .unwrap();
    let took = started.elapsed();
    let report = text(&output);
    assert!(
        took < std::time::Duration::from_secs(8),
        "ran {took:?}: {report}"
    );
    assert!(
        report.contains("line 8: the lesson has run longer than 3 s"),
        "{report}"
    );
    // In a script the step says so itself, and its table keeps its ends.
    let script = "#! timeout: 60s\nsrv = socket tcp\nbind srv 127.0.0.1:0\nlisten srv\n\
                  cli = socket tcp\nconnect cli srv\nsample cli every 1ms for 2s\n";
    let output = run_with_stdin(script.as_bytes(), &[]);
    let shown = text(&output);
    assert!(
        shown.contains("rows not shown (the table shows the first 500 and the last 500"),
        "{}",
        &shown[..shown.len().min(3000)]
    );
}

/// A bulk receive over a 1 kbit/s link makes progress within every call's
/// timeout, so only the lesson's own time can end it: it does, in the
/// call, and the process is gone soon after.
#[test]
fn a_slow_drain_ends_at_the_lessons_time() {
    if !lessons_run_here() {
        return;
    }
    let lesson = "#! lab\n#! timeout: 60s\n> srv = socket tcp @b\n> bind srv b:80\n> listen srv\n\
                  > cli = socket tcp @a\n> connect cli b:80\n> conn = accept srv\n\
                  > link rate 1kbit\n> sendall cli \"x\"*16000000 &\n> drain conn\n> s = socket udp\n";
    let dir = lessons_dir(&[("drain.socklab", lesson.to_string())]);
    let started = std::time::Instant::now();
    let output = socklab_in(dir.path(), &["test", "--max-time", "4s", "drain.socklab"])
        .output()
        .unwrap();
    let took = started.elapsed();
    let report = text(&output);
    if report.contains("0 failed, 1 skipped") {
        return;
    }
    assert!(
        took < std::time::Duration::from_secs(10),
        "ran {took:?}: {report}"
    );
    assert!(
        report.contains("line 12: the lesson has run longer than 4 s"),
        "{report}"
    );
}

/// `play` counts its steps' time, not the pauses: eight receives that
/// would each block a minute stop at the lesson's time, the step that ran
/// out says so, and so does play.
#[test]
fn play_stops_at_the_lessons_time() {
    if !lessons_run_here() {
        return;
    }
    let lesson = "#! timeout: 60s\n> s = socket udp\n> bind s 127.0.0.1:0\n".to_string()
        + &"> recv s\n".repeat(8);
    let dir = lessons_dir(&[("block.socklab", lesson)]);
    let started = std::time::Instant::now();
    let output = socklab_in(
        dir.path(),
        &[
            "play",
            "--auto",
            "0.01s",
            "--max-time",
            "3s",
            "block.socklab",
        ],
    )
    .output()
    .unwrap();
    let took = started.elapsed();
    let shown = text(&output);
    assert!(
        took < std::time::Duration::from_secs(8),
        "ran {took:?}: {shown}"
    );
    assert!(
        shown.contains("out of time: the lesson may run 3s, and that time ran out in this step"),
        "{shown}"
    );
    assert!(
        shown.contains(
            "out of time: the lesson's steps have run 3s, the most a lesson may — play stops here"
        ),
        "{shown}"
    );
    assert_eq!(output.status.code(), Some(1), "{shown}");
}

/// Ctrl-C while a script waits for its next line stops it there, exit 130
/// (as `test` and `play`), before anything else runs.
#[test]
fn ctrl_c_between_a_scripts_lines_stops_it_with_130() {
    use std::io::{BufRead, BufReader, Write};
    let mut child = socklab()
        .args(["run", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(b"s = socket udp\n").unwrap();
    input.flush().unwrap();
    let mut shown = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    // Shown before socklab waits for the next line.
    while !line.contains("new handle: s") {
        line.clear();
        assert_ne!(shown.read_line(&mut line).unwrap(), 0, "ended early");
    }
    let started = std::time::Instant::now();
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGINT,
    )
    .unwrap();
    // A line that would block for seconds, were it run.
    let _ = input.write_all(b"recv s\n");
    drop(input);
    let mut rest = String::new();
    let _ = std::io::Read::read_to_string(&mut shown, &mut rest);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{rest}");
    assert!(
        rest.contains("interrupted (Ctrl-C): the script stops here"),
        "{rest}"
    );
    assert!(!rest.contains("recv(s"), "{rest}");
    assert!(started.elapsed() < std::time::Duration::from_secs(3));
}

/// A lesson's scratch directory is gone after SIGTERM or SIGHUP (a closed
/// terminal) of `play`; after SIGKILL the next run sweeps it.
#[test]
fn nothing_is_left_behind_by_a_signal() {
    use nix::sys::signal::Signal;
    use std::io::{BufRead, BufReader};
    if !lessons_run_here() {
        return;
    }
    let lesson = "#! timeout: 30s\n> s = socket unix-dgram\n> bind s leftover.sock\n> recv s\n";
    let scratch_dirs = |dir: &Path| -> Vec<String> {
        std::fs::read_dir(dir.join("tmp"))
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.starts_with("socklab-lesson-"))
            .collect()
    };
    for signal in [Signal::SIGTERM, Signal::SIGHUP, Signal::SIGKILL] {
        let dir = lessons_dir(&[("block.socklab", lesson.to_string())]);
        let mut child = socklab_in(dir.path(), &["play", "--auto", "0s", "block.socklab"])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut shown = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        // The blocking receive is shown just before it is made.
        while !line.contains("[3/3]") {
            line.clear();
            assert_ne!(shown.read_line(&mut line).unwrap(), 0, "ended early");
        }
        assert_eq!(scratch_dirs(dir.path()).len(), 1, "{signal:?}: made");
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(child.id() as i32), signal).unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(signal as i32));
        if signal == Signal::SIGKILL {
            assert_eq!(scratch_dirs(dir.path()).len(), 1, "a kill leaves it");
            let next = socklab_in(dir.path(), &["test", "block.socklab", "--max-time", "1s"])
                .output()
                .unwrap();
            assert!(!text(&next).is_empty());
        }
        assert_eq!(scratch_dirs(dir.path()), Vec::<String>::new(), "{signal:?}");
    }
}

/// The lab's namespaces go when socklab does, even with data in flight
/// (the kernel would retransmit it for minutes, keeping them alive). Seen
/// through the namespace count: in a user namespace that allows only the
/// four the lab makes (its hosts, its wire, and the parent it makes them
/// in), a second lab starts within a second of the first
/// one's quit.
#[test]
fn the_labs_namespaces_go_at_quit() {
    if !nix::unistd::geteuid().is_root() {
        eprintln!("skipped: run as root (the test sets a user namespace's limit)");
        return;
    }
    let dir = lessons_dir(&[
        (
            "inflight.txt",
            "srv = socket tcp @b\nbind srv b:80\nlisten srv\ncli = socket tcp @a\n\
             connect cli b:80\nconn = accept srv\nlink hold a->b\nsend cli \"x\"*10000\nquit\n"
                .to_string(),
        ),
        ("again.txt", "link\n".to_string()),
    ]);
    // Tries the second lab until it starts or a second has passed. The
    // kernel frees a namespace on a work queue, with no event a process
    // can wait on, so this is a bounded poll: a try that fails makes
    // namespaces of its own, freed the same way, so the tries are spaced
    // (50 ms) to let those go.
    let script = "echo 4 > /proc/sys/user/max_net_namespaces || exit 3\n\
        \"$0\" --lab run inflight.txt > first.out 2>&1 || exit 4\n\
        for try in $(seq 20); do\n\
          \"$0\" --lab run again.txt > again.out 2>&1 && exit 0\n\
          sleep 0.05\n\
        done\n\
        exit 5\n";
    let status = Command::new("unshare")
        .args(["--user", "--map-root-user", "--", "sh", "-c", script])
        .arg(STAGE.path().join("socklab"))
        .current_dir(dir.path())
        .status()
        .unwrap();
    let read = |name| std::fs::read_to_string(dir.path().join(name)).unwrap_or_default();
    assert_eq!(
        status.code(),
        Some(0),
        "first: {}\nagain: {}",
        read("first.out"),
        read("again.out")
    );
    assert!(
        read("first.out").contains("send(cli"),
        "{}",
        read("first.out")
    );
}

/// A fragmented datagram in the lab's JSON: a segment per fragment, each
/// with its piece and its fate.
#[test]
fn fragments_are_frames_with_their_fate() {
    let Some(steps) = run_lab(
        "link hold\nu = socket udp @a\nv = socket udp @b\nbind v b:9000\n\
         sendto u b:9000 \"x\"*3000\ndeliver #2\n",
    ) else {
        return;
    };
    let held: Vec<(u64, u64, bool, u64, String)> = steps[4]["wire"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let f = &s["fragment"];
            (
                f["index"].as_u64().unwrap(),
                f["offset"].as_u64().unwrap(),
                f["more"].as_bool().unwrap(),
                s["len"].as_u64().unwrap(),
                format!("{} {} {}", s["from"], s["to"], s["fate"]),
            )
        })
        .collect();
    let held_u_v = || r#""u" "v" "held""#.to_string();
    assert_eq!(
        held,
        [
            (1, 0, true, 1480, held_u_v()),
            (2, 1480, true, 1480, held_u_v()),
            (3, 2960, false, 48, held_u_v()),
        ],
        "{:?}",
        steps[4]
    );
    let delivered = &steps[5]["wire"][0];
    assert_eq!(delivered["fragment"]["index"], 2, "{delivered}");
    assert_eq!(delivered["fate"], "delivered");
}

/// Units say themselves: `link delay 5` and `link loss 0.5` are refused
/// for want of one (seconds or ms? a fraction or a percent?); `10m` is ten
/// minutes.
#[test]
fn units_read_as_written() {
    let Some(steps) = run_lab(
        "link delay 5\nlink loss 0.5\nlink delay 5ms\nlink loss 0.5%\nu = socket udp\n\
         sample u for 10m\n",
    ) else {
        return;
    };
    let error = |i: usize| steps[i]["error"].as_str().unwrap_or("").to_string();
    assert!(
        error(0).contains("'5' has no unit: write 5ms or 5s"),
        "{}",
        error(0)
    );
    assert!(
        error(1).contains("'0.5' has no unit: write 0.5%"),
        "{}",
        error(1)
    );
    assert!(
        steps[2]["ok"] == true && steps[3]["ok"] == true,
        "{steps:?}"
    );
    // Parsed (10 minutes is within its range); refused only for the socket.
    assert!(error(5).contains("not a TCP socket"), "{}", error(5));
}

/// `record "my lesson.socklab"` writes `my lesson.socklab`.
#[test]
fn a_quoted_file_name_loses_its_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let output = output_with_stdin(
        socklab()
            .args(["run", "-"])
            .current_dir(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
        b"record \"my lesson.socklab\"\nu = socket udp\nrecord off\n",
    );
    assert!(
        dir.path().join("my lesson.socklab").exists(),
        "{}",
        text(&output)
    );
}

/// A lesson may not both drop every capability and build the lab; it is
/// skipped saying exactly that (as root: as anyone else, it has none to drop).
#[test]
fn an_unprivileged_lab_lesson_says_why_it_is_skipped() {
    if !nix::unistd::geteuid().is_root() || !lessons_run_here() {
        return;
    }
    let dir = lessons_dir(&[(
        "both.socklab",
        "#! lab\n#! as: unprivileged\n> link\n".to_string(),
    )]);
    let output = socklab_in(dir.path(), &["test", "both.socklab"])
        .output()
        .unwrap();
    assert!(
        text(&output).contains("'#! as: unprivileged' and '#! lab' do not go together"),
        "{}",
        text(&output)
    );
}
