//! Hostile lessons and scripts, each against one bound of docs/robustness.md's
//! threat model: what a stranger's file tries, and where socklab stops it.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::*;

fn text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `socklab ARGS` in `dir`, with TMPDIR inside it and no input.
fn socklab_in(dir: &Path, args: &[&str]) -> Command {
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
