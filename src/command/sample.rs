//! `sample [H] [FIELD…] [every D] [for D] [save FILE]`: TCP_INFO read on a
//! schedule — how cwnd, ssthresh, the RTT and the RTO move while a
//! transfer runs — as a table, as JSON samples, and saved as CSV or as an
//! SVG plot of cwnd and ssthresh with the retransmissions marked.

use std::os::fd::AsFd;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::names::TcpState;
use crate::parse::Cursor;
use crate::safe_file::Existing;
use crate::session::Session;
use crate::step::{Line, Note, Saved, Step};
use crate::sys;

pub const SPEC: Spec = Spec {
    name: "sample",
    usage: "sample [H] [FIELD]... [every D] [for D] [save FILE.csv|FILE.svg [--force]]",
    syscall: "getsockopt(2) TCP_INFO, on a schedule",
    summary: "Read TCP_INFO every D for D (default every 100ms for 2s) and show a table: time, state, cwnd, ssthresh, rtt, rttvar, rto, bytes in flight, retransmissions, delivery rate — TCP's timers and congestion control as they act. save writes the samples as CSV, or an SVG plot of cwnd and ssthresh over time with retransmissions marked.",
    notes: "FIELDs choose the table's columns: state cwnd ssthresh rtt rttvar rto inflight \
            retrans rate (all by default; time always). cwnd and ssthresh are in segments \
            (ssthresh - while slow start has no limit), times in ms, inflight in bytes (segments \
            in flight × MSS), rate the kernel's delivery rate in Mbit/s. Run it in the \
            background (sample cli every 50ms for 3s &) while the transfer runs in the \
            foreground. every is 1ms to 10s, for up to 10 minutes. A lesson may not save \
            files; save refuses an existing file unless --force.",
    errnos: &[],
    args: &[Arg::Handle],
    creates: 0,
    group: Group::Inspect,
    background: true,
    parse: |c| boxed(Sample::parse(c)),
};

/// The table's columns: name, heading.
const FIELDS: [(&str, &str); 9] = [
    ("state", "state"),
    ("cwnd", "cwnd"),
    ("ssthresh", "ssthresh"),
    ("rtt", "rtt(ms)"),
    ("rttvar", "rttvar"),
    ("rto", "rto(ms)"),
    ("inflight", "inflight"),
    ("retrans", "retrans"),
    ("rate", "Mbit/s"),
];

/// The most samples one `sample` takes.
const MAX_SAMPLES: u64 = 100_000;

#[derive(Debug, Clone)]
pub struct Sample {
    handle: String,
    fields: Vec<usize>,
    every: Duration,
    duration: Duration,
    save: Option<(PathBuf, bool)>,
}

/// One reading.
#[derive(Clone, Debug)]
struct Reading {
    t: f64,
    state: TcpState,
    cwnd: u32,
    /// None while it is "infinite" (slow start with no limit yet).
    ssthresh: Option<u32>,
    rtt_ms: f64,
    rttvar_ms: f64,
    rto_ms: f64,
    inflight: u64,
    retrans: u32,
    rate_mbps: f64,
}

impl Reading {
    fn of(t: f64, info: &libc::tcp_info) -> Reading {
        // tcp_packets_in_flight: sent, less those SACKed or marked lost,
        // plus those retransmitted.
        let segments =
            (i64::from(info.tcpi_unacked) - i64::from(info.tcpi_sacked) - i64::from(info.tcpi_lost)
                + i64::from(info.tcpi_retrans))
            .max(0) as u64;
        Reading {
            t,
            state: TcpState(info.tcpi_state),
            cwnd: info.tcpi_snd_cwnd,
            ssthresh: (info.tcpi_snd_ssthresh < 0x7fff_ffff).then_some(info.tcpi_snd_ssthresh),
            rtt_ms: f64::from(info.tcpi_rtt) / 1e3,
            rttvar_ms: f64::from(info.tcpi_rttvar) / 1e3,
            rto_ms: f64::from(info.tcpi_rto) / 1e3,
            inflight: segments * u64::from(info.tcpi_snd_mss),
            retrans: info.tcpi_total_retrans,
            rate_mbps: info.tcpi_delivery_rate as f64 * 8.0 / 1e6,
        }
    }

    fn cell(&self, field: usize) -> String {
        match FIELDS[field].0 {
            "state" => self.state.name().to_string(),
            "cwnd" => self.cwnd.to_string(),
            "ssthresh" => self.ssthresh.map_or("-".into(), |s| s.to_string()),
            "rtt" => format!("{:.1}", self.rtt_ms),
            "rttvar" => format!("{:.1}", self.rttvar_ms),
            "rto" => format!("{:.0}", self.rto_ms),
            "inflight" => self.inflight.to_string(),
            "retrans" => self.retrans.to_string(),
            _ => format!("{:.2}", self.rate_mbps),
        }
    }

    fn json(&self) -> Value {
        json!({
            "t": self.t,
            "state": self.state.name(),
            "cwnd": self.cwnd,
            "ssthresh": self.ssthresh,
            "rtt_ms": self.rtt_ms,
            "rttvar_ms": self.rttvar_ms,
            "rto_ms": self.rto_ms,
            "inflight_bytes": self.inflight,
            "retrans": self.retrans,
            "delivery_mbps": self.rate_mbps,
        })
    }
}

fn duration_word(
    cursor: &mut Cursor,
    what: &str,
    range: (Duration, Duration),
) -> Result<Duration, UsageError> {
    let token = cursor.word(what)?;
    match super::sockopt::parse_duration(token.text) {
        Some(d) if d >= range.0 && d <= range.1 => Ok(d),
        _ => Err(cursor.error_at(
            token,
            format!(
                "'{}' is not a time for '{what}' from {} to {} — write it like 50ms, 3s or 2m",
                crate::safe_text::escape(token.text),
                crate::lab::path::show_duration(range.0),
                crate::lab::path::show_duration(range.1)
            ),
        )),
    }
}

impl Sample {
    /// The handles a background run of it shares.
    pub fn handles(&self) -> Vec<String> {
        vec![self.handle.clone()]
    }

    pub fn parse(cursor: &mut Cursor) -> Result<Sample, UsageError> {
        let handle = cursor.handle()?;
        let mut fields = Vec::new();
        let (mut every, mut duration) = (Duration::from_millis(100), Duration::from_secs(2));
        let mut save = None;
        while let Some(token) = cursor.peek() {
            match token.text {
                "every" => {
                    cursor.word("every")?;
                    every = duration_word(
                        cursor,
                        "every",
                        (Duration::from_millis(1), Duration::from_secs(10)),
                    )?;
                }
                "for" => {
                    cursor.word("for")?;
                    duration =
                        duration_word(cursor, "for", (Duration::ZERO, Duration::from_secs(600)))?;
                }
                "save" => {
                    cursor.word("save")?;
                    let column = cursor.peek().map(|t| t.column);
                    let name = cursor.path("FILE")?;
                    let path = PathBuf::from(&name);
                    let kind = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                    if kind != "csv" && kind != "svg" {
                        return Err(UsageError::at(
                            column.unwrap_or(1),
                            format!(
                                "'{}' is neither a .csv nor an .svg file — sample saves the samples as CSV or a plot as SVG",
                                crate::safe_text::escape(&name)
                            ),
                        ));
                    }
                    let force = cursor.peek().is_some_and(|t| t.text == "--force");
                    if force {
                        cursor.word("--force")?;
                    }
                    save = Some((path, force));
                }
                name => match FIELDS.iter().position(|(f, _)| *f == name) {
                    Some(at) => {
                        cursor.word("FIELD")?;
                        if !fields.contains(&at) {
                            fields.push(at);
                        }
                    }
                    None => {
                        let known: Vec<&str> = FIELDS.iter().map(|(f, _)| *f).collect();
                        return Err(cursor.error_at(
                            token,
                            format!(
                                "'{}' is not a field sample knows — fields: {}; then every D, for D, save FILE",
                                crate::safe_text::escape(name),
                                known.join(" ")
                            ),
                        ));
                    }
                },
            }
        }
        if duration.as_nanos() / every.as_nanos() > u128::from(MAX_SAMPLES) {
            return Err(UsageError::new(format!(
                "every {} for {} is more than {MAX_SAMPLES} samples — sample less often",
                crate::lab::path::show_duration(every),
                crate::lab::path::show_duration(duration)
            )));
        }
        if fields.is_empty() {
            fields = (0..FIELDS.len()).collect();
        }
        Ok(Sample {
            handle,
            fields,
            every,
            duration,
            save,
        })
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(SPEC.name, Some(self.handle.clone()));
        if self.save.is_some() && session.is_confined() {
            return Err(UsageError::new(
                "a lesson may not write files: sample … save is refused in socklab test and \
                 play — run the file as your own script to save it: socklab run FILE",
            ));
        }
        let handle = session.lookup(&self.handle)?;
        if !handle.kind.is_tcp() {
            return Err(UsageError::new(format!(
                "{} is not a TCP socket: TCP_INFO, which sample reads, is TCP's",
                self.handle
            )));
        }
        let call = format!(
            "getsockopt({}, IPPROTO_TCP, TCP_INFO) every {} for {}",
            self.handle,
            crate::lab::path::show_duration(self.every),
            crate::lab::path::show_duration(self.duration)
        );
        let started = Instant::now();
        // JSON and a saved file have every reading; the text table only
        // its first and last rows (a person reads no more).
        let mut kept = Kept::new(session.structured() || self.save.is_some());
        let mut result: Result<i64, nix::errno::Errno> = Ok(0);
        let mut interrupted = false;
        let mut tick = 0u32;
        // Each reading kept, its row and (for JSON) its object stay until
        // the step is shown: taken from the session's memory budget.
        let cost = reading_cost(session.structured());
        let mut held = session.budget().hold(0).ok();
        let mut full = None;
        loop {
            if kept.grows()
                && let Some(held) = &mut held
                && let Err(error) = held.grow(cost)
            {
                full = Some(error);
                break;
            }
            match sys::tcp_info(handle.socket.as_fd()) {
                Ok(info) => kept.push(Reading::of(started.elapsed().as_secs_f64(), &info)),
                Err(errno) => {
                    result = Err(errno);
                    break;
                }
            }
            tick += 1;
            let next = self.every * tick;
            if next > self.duration {
                break;
            }
            // The schedule is the feature here: a sleep until the next
            // reading, ended early by Ctrl-C or the script's timeout.
            let (slept, timed_out) =
                session.bounded_timer(&call, true, || sleep_until(started + next));
            if slept.is_err() || timed_out || session.out_of_time() {
                interrupted = true;
                break;
            }
        }
        let count = kept.count;
        step.called(call, result.map(|_| count as i64));
        if let Some(limit) = session.time_given() {
            step.outcome = crate::step::Outcome::OutOfTime(limit);
        }
        step.say(table_row(
            "t(s)".to_string(),
            self.fields.iter().map(|&f| (f, FIELDS[f].1.to_string())),
        ));
        let row = |reading: &Reading| {
            Line::Text(table_row(
                format!("{:.3}", reading.t),
                self.fields.iter().map(|&f| (f, reading.cell(f))),
            ))
        };
        let readings = kept.all();
        let (head, tail) = match count > SHOWN_HEAD + SHOWN_TAIL {
            true => (SHOWN_HEAD, SHOWN_TAIL),
            false => (readings.len(), 0),
        };
        step.lines.extend(readings[..head].iter().map(row));
        let skipped = count - head - tail;
        if skipped > 0 {
            step.lines.push(Line::RowsNotShown {
                skipped,
                head: SHOWN_HEAD,
                tail: SHOWN_TAIL,
            });
        }
        step.lines
            .extend(readings[readings.len() - tail..].iter().map(row));
        if interrupted {
            step.lines.push(Line::SamplingInterrupted(count));
        }
        if let Some(full) = full {
            step.notes.push(Note::SamplingStopped { count, full });
        }
        if session.structured() {
            step.field(
                "samples",
                Value::Array(readings.iter().map(Reading::json).collect()),
            );
        }
        step.held = held;
        if let Some((path, force)) = &self.save {
            let display = path.display().to_string();
            let shown = crate::safe_text::escape(&display);
            let existing = if *force {
                Existing::Replace
            } else {
                Existing::Refuse
            };
            let svg = path.extension().and_then(|e| e.to_str()) == Some("svg");
            let text = if svg {
                plot(&readings, &self.handle)
            } else {
                Ok(csv(&readings))
            };
            text.and_then(|text| {
                use std::io::Write;
                let mut file = crate::safe_file::create(path, existing)?;
                file.write_all(text.as_bytes())
            })
            .map_err(|e| {
                UsageError::new(format!(
                    "cannot write '{shown}': {}",
                    crate::error::io_reason(&e)
                ))
            })?;
            step.lines.push(Line::Saved(Saved::Samples {
                count: readings.len(),
                path: display,
                plot: svg,
            }));
        }
        session.set_current(&self.handle);
        Ok(step)
    }
}

/// Rows the text table shows from the start, and from the end.
const SHOWN_HEAD: usize = 500;
const SHOWN_TAIL: usize = 500;

/// The readings a `sample` keeps: every one, or the table's first and
/// last rows and a count of those between.
struct Kept {
    every: bool,
    first: Vec<Reading>,
    last: std::collections::VecDeque<Reading>,
    count: usize,
}

impl Kept {
    fn new(every: bool) -> Kept {
        Kept {
            every,
            first: Vec::new(),
            last: Default::default(),
            count: 0,
        }
    }

    /// Whether the next reading makes what is kept bigger.
    fn grows(&self) -> bool {
        self.every || self.first.len() < SHOWN_HEAD || self.last.len() < SHOWN_TAIL
    }

    fn push(&mut self, reading: Reading) {
        self.count += 1;
        if self.every || self.first.len() < SHOWN_HEAD {
            self.first.push(reading);
            return;
        }
        if self.last.len() == SHOWN_TAIL {
            self.last.pop_front();
        }
        self.last.push_back(reading);
    }

    /// Every reading kept, in order.
    fn all(&self) -> Vec<Reading> {
        self.first.iter().chain(&self.last).cloned().collect()
    }
}

/// What one reading keeps until its step is shown: the reading, its row
/// of text and, for JSON, its object (measured: about 700 bytes).
fn reading_cost(structured: bool) -> usize {
    std::mem::size_of::<Reading>() + 128 + if structured { 768 } else { 0 }
}

/// A row: the time, then each field's cell — the state left-aligned in
/// the width of the longest state's name, the figures right-aligned.
fn table_row(time: String, cells: impl Iterator<Item = (usize, String)>) -> String {
    let mut line = format!("{time:>8}");
    for (field, cell) in cells {
        if FIELDS[field].0 == "state" {
            line.push_str(&format!("  {cell:<11}"));
        } else {
            line.push_str(&format!("  {cell:>8}"));
        }
    }
    line.trim_end().to_string()
}

/// Sleeps until `deadline` on the monotonic clock; Err if a signal ended it.
fn sleep_until(deadline: Instant) -> Result<(), nix::errno::Errno> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Ok(());
    }
    let request = nix::sys::time::TimeSpec::from_duration(left);
    nix::time::clock_nanosleep(
        nix::time::ClockId::CLOCK_MONOTONIC,
        nix::time::ClockNanosleepFlags::empty(),
        &request,
    )
    .map(|_| ())
}

fn csv(readings: &[Reading]) -> String {
    let mut text = String::from(
        "t,state,cwnd,ssthresh,rtt_ms,rttvar_ms,rto_ms,inflight_bytes,retrans,delivery_mbps\n",
    );
    for r in readings {
        text.push_str(&format!(
            "{:.6},{},{},{},{:.3},{:.3},{:.3},{},{},{:.3}\n",
            r.t,
            r.state.name(),
            r.cwnd,
            r.ssthresh.map_or(String::new(), |s| s.to_string()),
            r.rtt_ms,
            r.rttvar_ms,
            r.rto_ms,
            r.inflight,
            r.retrans,
            r.rate_mbps
        ));
    }
    text
}

/// cwnd and ssthresh (segments) over time, each retransmission marked: an
/// SVG with no external fonts or scripts.
fn plot(readings: &[Reading], handle: &str) -> std::io::Result<String> {
    use plotters::prelude::*;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (960, 540)).into_drawing_area();
        root.fill(&WHITE).map_err(std::io::Error::other)?;
        let end = readings.last().map_or(1.0, |r| r.t).max(0.001);
        let top = readings
            .iter()
            .map(|r| r.cwnd.max(r.ssthresh.unwrap_or(0)))
            .max()
            .unwrap_or(10)
            .max(10) as f64
            * 1.1;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!("{handle}: congestion window and slow-start threshold"),
                ("sans-serif", 24),
            )
            .margin(20)
            .x_label_area_size(50)
            .y_label_area_size(70)
            .build_cartesian_2d(0.0..end, 0.0..top)
            .map_err(std::io::Error::other)?;
        chart
            .configure_mesh()
            .x_desc("time (s)")
            .y_desc("segments")
            .y_label_formatter(&|y| format!("{y:.0}"))
            .label_style(("sans-serif", 16))
            .draw()
            .map_err(std::io::Error::other)?;
        let blue = RGBColor(31, 119, 180);
        let orange = RGBColor(255, 127, 14);
        chart
            .draw_series(LineSeries::new(
                readings.iter().map(|r| (r.t, f64::from(r.cwnd))),
                blue.stroke_width(3),
            ))
            .map_err(std::io::Error::other)?
            .label("cwnd")
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], blue.stroke_width(3))
            });
        chart
            .draw_series(LineSeries::new(
                readings
                    .iter()
                    .filter_map(|r| r.ssthresh.map(|s| (r.t, f64::from(s)))),
                orange.stroke_width(2),
            ))
            .map_err(std::io::Error::other)?
            .label("ssthresh")
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], orange.stroke_width(2))
            });
        let losses: Vec<(f64, f64)> = readings
            .windows(2)
            .filter(|w| w[1].retrans > w[0].retrans)
            .map(|w| (w[1].t, f64::from(w[1].cwnd)))
            .collect();
        chart
            .draw_series(
                losses
                    .iter()
                    .map(|&(t, c)| Cross::new((t, c), 7, RED.stroke_width(3))),
            )
            .map_err(std::io::Error::other)?
            .label("retransmission")
            .legend(|(x, y)| Cross::new((x + 10, y), 6, RED.stroke_width(3)));
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .label_font(("sans-serif", 16))
            .draw()
            .map_err(std::io::Error::other)?;
        root.present().map_err(std::io::Error::other)?;
    }
    Ok(svg)
}

impl Action for Sample {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }

    fn handles(&self) -> Vec<String> {
        Sample::handles(self)
    }
}
