//! The scale section's live measurements (issue 17): socklab driven line by
//! line through pipes, as a person at the prompt would, timing what each
//! line costs while thousands of handles and jobs are open.
//!
//! - **job start**: the time from writing `accept jl &` to reading its
//!   "running in the background" line, for the first jobs and for the last
//!   of `jobs` (median of each end's `ends` starts).
//! - **memory**: VmHWM (peak RSS) after `handles` idle handles and `jobs`
//!   pending jobs were made.
//! - **long run**: `long` send/recv steps written without pause, the time
//!   between chunk markers (`send cli "endK"` / `recv conn`) and VmRSS at
//!   each, so the first and the last chunk can be compared.

use std::io::{BufRead, BufReader, Lines, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

/// How big the scale section's table is.
#[derive(Clone, Copy)]
pub struct Sizes {
    pub handles: usize,
    pub jobs: usize,
    /// Starts timed at each end of the job sequence.
    pub ends: usize,
    pub long: usize,
    pub chunk: usize,
}

impl Sizes {
    pub const FULL: Sizes = Sizes {
        handles: 5000,
        jobs: 1000,
        ends: 50,
        long: 1_000_000,
        chunk: 100_000,
    };
    pub const QUICK: Sizes = Sizes {
        handles: 500,
        jobs: 100,
        ends: 20,
        long: 40_000,
        chunk: 10_000,
    };
}

/// `socklab run -` with its stdin and stdout in our hands.
struct Driver {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Lines<BufReader<ChildStdout>>,
}

impl Driver {
    fn start(socklab: &str) -> Result<Driver, String> {
        let mut child = Command::new(socklab)
            .args(["run", "--timeout", "0", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot run {socklab}: {e}"))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        Ok(Driver {
            stdin: child.stdin.take(),
            lines: BufReader::new(stdout).lines(),
            child,
        })
    }

    /// Reads output until a line containing `marker`.
    fn until(&mut self, marker: &str) -> Result<(), String> {
        for line in self.lines.by_ref() {
            let line = line.map_err(|e| format!("reading socklab's output: {e}"))?;
            if line.contains("error:") {
                return Err(format!("socklab said: {line}"));
            }
            if line.contains(marker) {
                return Ok(());
            }
        }
        Err(format!("socklab ended before printing '{marker}'"))
    }

    /// Writes one line and waits for `marker`; how long that took.
    fn step(&mut self, line: &str, marker: &str) -> Result<Duration, String> {
        let stdin = self.stdin.as_mut().ok_or("stdin closed")?;
        let started = Instant::now();
        writeln!(stdin, "{line}")
            .and_then(|()| stdin.flush())
            .map_err(|e| format!("writing to socklab: {e}"))?;
        self.until(marker)?;
        Ok(started.elapsed())
    }

    /// Writes `text` from another thread (it may be more than a pipe
    /// holds) while `markers` are read here, in order; the time at which
    /// each came, and VmRSS then (KiB).
    fn batch(&mut self, text: String, markers: &[String]) -> Result<Vec<(Instant, u64)>, String> {
        let mut stdin = self.stdin.take().ok_or("stdin closed")?;
        let writer = std::thread::spawn(move || {
            let written = stdin
                .write_all(text.as_bytes())
                .and_then(|()| stdin.flush());
            (stdin, written)
        });
        let mut seen = Vec::new();
        for marker in markers {
            self.until(marker)?;
            seen.push((Instant::now(), self.status_kib("VmRSS")?));
        }
        let (stdin, written) = writer.join().map_err(|_| "the writer thread panicked")?;
        written.map_err(|e| format!("writing to socklab: {e}"))?;
        self.stdin = Some(stdin);
        Ok(seen)
    }

    /// A figure from /proc/PID/status, in KiB.
    fn status_kib(&self, field: &str) -> Result<u64, String> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .map_err(|e| format!("socklab's status: {e}"))?;
        status
            .lines()
            .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
            .and_then(|v| v.trim().trim_end_matches(" kB").parse().ok())
            .ok_or(format!("no {field} in socklab's status"))
    }

    fn finish(mut self) -> Result<(), String> {
        drop(self.stdin.take());
        for line in self.lines.by_ref() {
            line.map_err(|e| e.to_string())?;
        }
        self.child.wait().map_err(|e| e.to_string())?;
        Ok(())
    }
}

const SETUP: &str = "srv = socket tcp\nbind srv 127.0.0.1:0\nlisten srv 10\ncli = socket tcp\nconnect cli srv\nconn = accept srv\n";

/// What the live part measured.
pub struct Live {
    /// Median start of the first and of the last jobs (µs).
    pub first_start: f64,
    pub last_start: f64,
    /// Peak RSS with the handles and jobs made (MiB).
    pub rss_mib: f64,
    /// µs/step of the first and last chunk, and VmRSS (MiB) after each.
    pub first_chunk: (f64, f64),
    pub last_chunk: (f64, f64),
    pub chunks: usize,
}

pub fn live(socklab: &str, sizes: Sizes) -> Result<Live, String> {
    // Jobs: each start timed, then the memory of it all.
    let mut driver = Driver::start(socklab)?;
    let idle = "socket tcp\n".repeat(sizes.handles);
    driver.batch(
        format!("{idle}jl = socket tcp\nbind jl 127.0.0.1:0\nlisten jl\n"),
        &["listening on".to_string()],
    )?;
    let mut starts = Vec::with_capacity(sizes.jobs);
    for _ in 0..sizes.jobs {
        let took = driver.step("accept jl &", "running in the background")?;
        starts.push(took.as_secs_f64() * 1e6);
    }
    let rss_kib = driver.status_kib("VmHWM")?;
    driver.finish()?;
    let ends = sizes.ends.min(sizes.jobs / 2).max(1);
    let first_start = super::median_of(starts[..ends].to_vec());
    let last_start = super::median_of(starts[starts.len() - ends..].to_vec());

    // The long run: chunks of send/recv steps, a marker after each.
    let mut driver = Driver::start(socklab)?;
    let chunks = (sizes.long / sizes.chunk).max(2);
    let pairs = sizes.chunk / 2;
    let mut text = format!("{SETUP}send cli \"end0\"\nrecv conn 1024\n");
    let body = "send cli \"x\"\nrecv conn 1024\n".repeat(pairs - 1);
    for k in 1..=chunks {
        text.push_str(&body);
        text.push_str(&format!("send cli \"end{k}\"\nrecv conn 1024\n"));
    }
    let markers: Vec<String> = (0..=chunks).map(|k| format!("data: \"end{k}\"")).collect();
    let seen = driver.batch(text, &markers)?;
    driver.finish()?;
    let chunk = |k: usize| {
        let took = seen[k].0 - seen[k - 1].0;
        (
            took.as_secs_f64() * 1e6 / sizes.chunk as f64,
            seen[k].1 as f64 / 1024.0,
        )
    };
    Ok(Live {
        first_start,
        last_start,
        rss_mib: rss_kib as f64 / 1024.0,
        first_chunk: chunk(1),
        last_chunk: chunk(chunks),
        chunks,
    })
}
