//! `cargo bench --bench steps -- --lab-steps` (issue 28): what a step
//! costs in the lab against the same step on loopback. Each figure is a
//! marginal cost — the run's time less that of its setup alone, over its
//! steps — and each ratio is taken within one run, the median reported.
//!
//! - a step that sends nothing (`getsockopt cli SO_RCVBUF`): lab ≤ 2×;
//! - a `send`/`recv` pair across a connection: lab ≤ 10× as root, ≤ 20× as
//!   nobody (the lab without the kernel's path, in a user namespace);
//! - 1,000 × `hN = socket tcp` in the lab, the whole run: ≤ 0.2 s;
//! - the pair with 3,000 idle handles open: ≤ 1.3× the empty lab's.
//!
//! Skipped where the lab cannot be made.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{Run, median_of, per_step, time_command, verdict};

/// The scripts, written once into a directory of their own.
struct Scripts {
    dir: PathBuf,
}

impl Scripts {
    fn write(dir: &Path, steps: usize) -> Result<Scripts, String> {
        let write = |name: &str, text: String| {
            std::fs::write(dir.join(name), text).map_err(|e| format!("{name}: {e}"))
        };
        let setup = |lab: bool| match lab {
            true => "srv = socket tcp @b\nbind srv b:80\nlisten srv\ncli = socket tcp @a\n\
                     connect cli b:80\nconn = accept srv\n"
                .to_string(),
            false => "srv = socket tcp\nbind srv 127.0.0.1:0\nlisten srv\ncli = socket tcp\n\
                      connect cli srv\nconn = accept srv\n"
                .to_string(),
        };
        let quiet = "getsockopt cli SO_RCVBUF\n".repeat(steps);
        let pairs = "send cli x\nrecv conn 1024\n".repeat(steps / 2);
        let idle: String = (0..IDLE).map(|k| format!("h{k} = socket tcp\n")).collect();
        for (lab, place) in [(false, "lo"), (true, "lab")] {
            write(&format!("setup-{place}"), setup(lab))?;
            write(&format!("quiet-{place}"), setup(lab) + &quiet)?;
            write(&format!("pairs-{place}"), setup(lab) + &pairs)?;
        }
        write("idle-setup-lab", idle.clone() + &setup(true))?;
        write("idle-pairs-lab", idle + &setup(true) + &pairs)?;
        let sockets: String = (0..SOCKETS)
            .map(|k| format!("h{k} = socket tcp\n"))
            .collect();
        write("sockets-lab", sockets)?;
        Ok(Scripts {
            dir: dir.to_path_buf(),
        })
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

/// Idle handles for the scale figure, and sockets for the whole-run figure.
const IDLE: usize = 3000;
const SOCKETS: usize = 1000;

/// `socklab [--lab] run SCRIPT`, as root, or as nobody (setpriv).
fn run_of(script: &Path, lab: bool, nobody: bool) -> Run {
    let mut args: Vec<String> = Vec::new();
    let program = match nobody {
        true => {
            args.extend(
                [
                    "--reuid=65534",
                    "--regid=65534",
                    "--clear-groups",
                    super::SOCKLAB,
                ]
                .map(String::from),
            );
            "setpriv"
        }
        false => super::SOCKLAB,
    };
    if lab {
        args.push("--lab".into());
    }
    args.extend(["run".into(), script.display().to_string()]);
    Run {
        program,
        args,
        stdin: None,
    }
}

/// The lab section; returns how many targets were missed.
pub fn figures(steps: usize, runs: usize, full: bool) -> Result<usize, String> {
    let dir = tempfile::tempdir().map_err(|e| format!("temporary directory: {e}"))?;
    // Readable by nobody too.
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755));
    }
    let scripts = Scripts::write(dir.path(), steps)?;
    let output = std::env::temp_dir().join(format!("socklab-bench-lab-{}", std::process::id()));
    let time = |name: &str, lab: bool, nobody: bool| {
        time_command(&run_of(&scripts.path(name), lab, nobody), &output)
    };
    if time("setup-lab", true, false).is_err() {
        println!("\nlab steps: skipped (the lab cannot be made here)");
        return Ok(0);
    }
    let root = nix::unistd::geteuid().is_root();
    let mut quiet = (Vec::new(), Vec::new());
    let mut pairs = (Vec::new(), Vec::new(), Vec::new());
    let mut idle = Vec::new();
    let mut sockets = Vec::new();
    let mut ratios = [Vec::new(), Vec::new(), Vec::new(), Vec::new()];
    for _ in 0..runs {
        let marginal = |name: &str, setup: &str, lab: bool, nobody: bool, n: usize| {
            let all = time(name, lab, nobody)?;
            let alone = time(setup, lab, nobody)?;
            Ok::<f64, String>(per_step(all, alone, n))
        };
        let quiet_lo = marginal("quiet-lo", "setup-lo", false, false, steps)?;
        let quiet_lab = marginal("quiet-lab", "setup-lab", true, false, steps)?;
        let pair_lo = 2.0 * marginal("pairs-lo", "setup-lo", false, false, steps)?;
        let pair_lab = 2.0 * marginal("pairs-lab", "setup-lab", true, false, steps)?;
        let pair_idle = 2.0 * marginal("idle-pairs-lab", "idle-setup-lab", true, false, steps)?;
        ratios[0].push(quiet_lab / quiet_lo);
        ratios[1].push(pair_lab / pair_lo);
        ratios[3].push(pair_idle / pair_lab);
        if root {
            let pair_nobody = 2.0 * marginal("pairs-lab", "setup-lab", true, true, steps)?;
            ratios[2].push(pair_nobody / pair_lo);
            pairs.2.push(pair_nobody);
        }
        quiet.0.push(quiet_lo);
        quiet.1.push(quiet_lab);
        pairs.0.push(pair_lo);
        pairs.1.push(pair_lab);
        idle.push(pair_idle);
        sockets.push(time("sockets-lab", true, false)?);
    }
    let _ = std::fs::remove_file(&output);
    println!();
    println!(
        "lab steps (µs, marginal): nothing sent: loopback {:.2}, lab {:.2}; a send/recv pair: \
         loopback {:.2}, lab {:.2}{}; the pair with {IDLE} idle handles {:.2}",
        median_of(quiet.0),
        median_of(quiet.1),
        median_of(pairs.0),
        median_of(pairs.1),
        match pairs.2.is_empty() {
            true => String::new(),
            false => format!(", lab as nobody {:.2}", median_of(pairs.2)),
        },
        median_of(idle)
    );
    let sockets = median(sockets);
    let judged = full && steps >= 2000;
    let mut missed = 0;
    let mut judge = |what: &str, value: f64, unit: &str, met: bool, target: &str| {
        if judged {
            missed += verdict(what, value, unit, |_| met, target);
        } else {
            println!("{what:<28} {value:>8.2}{unit:<4} target {target:<9} (small run: not judged)");
        }
    };
    let [quiet_ratio, pair_ratio, nobody_ratio, idle_ratio] = ratios.map(|r| match r.is_empty() {
        true => f64::NAN,
        false => median_of(r),
    });
    judge(
        "lab / loopback, nothing sent",
        quiet_ratio,
        "×",
        quiet_ratio <= 2.0,
        "≤ 2×",
    );
    judge(
        "lab / loopback, send+recv",
        pair_ratio,
        "×",
        pair_ratio <= 10.0,
        "≤ 10×",
    );
    if root {
        judge(
            "as nobody, send+recv",
            nobody_ratio,
            "×",
            nobody_ratio <= 20.0,
            "≤ 20×",
        );
    }
    judge(
        &format!("{IDLE} idle handles / none"),
        idle_ratio,
        "×",
        idle_ratio <= 1.3,
        "≤ 1.3×",
    );
    judge(
        &format!("{SOCKETS} sockets, whole run"),
        sockets.as_secs_f64(),
        " s",
        sockets <= Duration::from_millis(200),
        "≤ 0.2 s",
    );
    Ok(missed)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}
