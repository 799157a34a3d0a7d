//! Values that change from run to run, named instead of wildcarded: each
//! distinct ephemeral port becomes `[PORT1]`, `[PORT2]`, … and each fd
//! `[FD1]`, … in order of first appearance, so a transcript still checks
//! that accept's peer port is the client's local port. And the matcher:
//! `[..]` matches the rest of a line (or any run within it), a line `...`
//! any number of lines; runs of spaces count as one.
//!
//! A recording (`Namer::recording`) also writes `[..]` for the numbers the
//! kernel measures — tcpinfo's round trip, RTO, cwnd …, `sample`'s rows,
//! `drain`'s calls, time and rate — so that a fresh recording passes its
//! replay; a replay compares them as the file says (a lesson may keep
//! `snd_cwnd: 1` literal).

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::{Captures, Regex};

static PORT: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(\b\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:.]+\]):(\d{1,5})\b"));
/// A port written in a command: `:8888`, or Python's two words
/// `127.0.0.1 8888` / `"" 8888`, or `, 8888)` in Python's call syntax.
static LITERAL_PORT: LazyLock<Regex> =
    LazyLock::new(|| pattern(r#"(?::|[\d.]\d |" |'\s*,\s*|" \s*,\s*)(\d{1,5})\b"#));
static FD_CALL: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^((?:\[\d+\] )?(?:socket|accept)\(.*\) = )(\d+)$"));
static FD_PAIR: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^(socketpair\(.*, \[)(\d+), (\d+)(\]\) = 0)$"));
static LS_HEADER: LazyLock<Regex> = LazyLock::new(|| pattern(r"^NAME +FD "));
static LS_ROW: LazyLock<Regex> = LazyLock::new(|| pattern(r"^([ *]\S+\s+)(\d+)(\s)"));
/// A wire-view segment's numbers that depend on the machine's settings
/// (MTU, buffer sizes, window scaling), not on what the lesson shows.
static WIRE_TUNING: LazyLock<Regex> = LazyLock::new(|| pattern(r"\b(win=|mss |wscale )[1-9]\d*"));

/// A line's time mark (see `clock`): `  (+44 ms, between steps)`, `  (+1.25 s)`.
static TIME_MARK: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"\s+\(\+(?:\d+ ms|\d+\.\d\d s|\[\.\.\])(?:, between steps)?\)$"));

/// A tcpinfo field the kernel measures or derives from measurements
/// (round trip, its variance, the RTO, the delayed-ACK timeout, the
/// congestion window and threshold, the receive space autotuning grows).
static TCPINFO_MEASURED: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"^(\s+(?:rto_us|ato_us|rtt_us|rttvar_us|snd_cwnd|snd_ssthresh|rcv_space): )\d+$")
});

/// EADDRINUSE's note on a time-wait socket: how long its timer has left.
static TIMEWAIT_LEFT: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^(\s+note: .* holds the port.*: .* in TIME_WAIT for )\d+( s more)"));

/// `drain`'s summary: how many calls, the largest, how long, how fast.
static DRAIN_SUMMARY: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^(\s*\d+ bytes in )\d+( calls \(the largest )\d+(\)(?:, then EOF)?, )\d+\.\d+ s(?:, \d+\.\d+ Mbit/s)?$",
    )
});

/// `sample`'s table: its heading, and a number in one of its rows.
static SAMPLE_HEADING: LazyLock<Regex> = LazyLock::new(|| pattern(r"^\s+t\(s\)(?:\s|$)"));
static SAMPLE_ROW: LazyLock<Regex> = LazyLock::new(|| pattern(r"^\s+\d+\.\d{3}(?:\s|$)"));
static NUMBER: LazyLock<Regex> = LazyLock::new(|| pattern(r"\b\d+(?:\.\d+)?\b"));

/// The time column of a `wire ladder` row: `  +46 ms   …│`.
/// A copy of a held segment (its sender sent it again while it waited):
/// how many come depends on how long the steps took, so such lines are
/// not compared; nor how often `link` says an entry was sent, nor the note
/// of a round trip that holding inflated (how long the holding took).
static COPY_LINE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"held #\d+ again \(sent \d+×\)(?:\s+\(\+[^)]*\))?$|   \(delivered; sent again \d+×: [^)]*\)$|note: (?:\S+: )?TCP measured a .* while segments were held by hand",
    )
});
static SENT_TIMES: LazyLock<Regex> = LazyLock::new(|| pattern(r"   \(sent \d+×: [^)]*\)$"));
static LADDER_TIME: LazyLock<Regex> = LazyLock::new(|| pattern(r"^  \+\d+(?:\.\d+)? m?s(\s)"));

/// Compiles one of the fixed patterns above; the unit tests below run every one.
fn pattern(source: &str) -> Regex {
    Regex::new(source).expect("valid regex") // infallible: fixed patterns, each exercised by the tests
}

/// In a wire-view segment line (`a → b  [FLAGS] …`), the window, MSS and
/// window scale become `[N]`: they follow the machine's settings. A zero
/// window stays `win=0`: that is the lesson.
fn wire_tuning(line: &str) -> String {
    if !line.contains(" → ") || !(line.contains(" seq=") || line.contains(" UDP")) {
        return line.to_string();
    }
    WIRE_TUNING.replace_all(line, "${1}[N]").into_owned()
}

/// Names ports and fds across one transcript run.
#[derive(Debug, Default)]
pub struct Namer {
    ports: Vec<u16>,
    fds: Vec<u64>,
    literal_ports: HashSet<u16>,
    /// A recording's: measured numbers become `[..]` (see `measured`).
    recording: bool,
}

impl Namer {
    /// Ports written in the transcript's own commands stay literal.
    pub fn new<'a>(commands: impl IntoIterator<Item = &'a str>) -> Namer {
        let mut namer = Namer::default();
        for command in commands {
            namer.note_command(command);
        }
        namer
    }

    /// Notes the ports a command writes: they stay literal in the output.
    pub fn note_command(&mut self, command: &str) {
        for c in LITERAL_PORT.captures_iter(command) {
            if let Ok(port) = c[1].parse::<u16>() {
                self.literal_ports.insert(port);
            }
        }
    }

    /// A recording's namer: ports and fds named, and the numbers the
    /// kernel measures written as `[..]`.
    pub fn recording() -> Namer {
        Namer {
            recording: true,
            ..Namer::default()
        }
    }

    fn port(&mut self, port: u16) -> String {
        let index = match self.ports.iter().position(|p| *p == port) {
            Some(i) => i,
            None => {
                self.ports.push(port);
                self.ports.len() - 1
            }
        };
        format!("[PORT{}]", index + 1)
    }

    /// A newly created fd: always a new name, even when the number is one
    /// the kernel handed out before (fds are reused, and transcripts run in
    /// parallel in one process share the fd table).
    fn new_fd(&mut self, fd: u64) -> String {
        self.fds.push(fd);
        format!("[FD{}]", self.fds.len())
    }

    /// An fd shown again (in `ls`): the name of its latest creation.
    fn known_fd(&mut self, fd: u64) -> String {
        match self.fds.iter().rposition(|f| *f == fd) {
            Some(i) => format!("[FD{}]", i + 1),
            None => self.new_fd(fd),
        }
    }

    /// One step's output with ports and fds named.
    pub fn normalize(&mut self, lines: &[String]) -> Vec<String> {
        let in_ls = lines.first().is_some_and(|l| LS_HEADER.is_match(l));
        let mut in_sample = false;
        lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let line = self.name_fds(line, in_ls && i > 0);
                let line = self.name_ports(&line);
                let line = LADDER_TIME.replace(&line, "  +[..]$1");
                let line = time_mark(&wire_tuning(&line));
                if !self.recording {
                    return line;
                }
                in_sample =
                    SAMPLE_HEADING.is_match(&line) || (in_sample && SAMPLE_ROW.is_match(&line));
                measured(&line, in_sample)
            })
            .collect()
    }

    fn name_fds(&mut self, line: &str, ls_row: bool) -> String {
        let number = |text: &str| text.parse::<u64>().unwrap_or_default();
        if let Some(c) = FD_CALL.captures(line) {
            return format!("{}{}", &c[1], self.new_fd(number(&c[2])));
        }
        if let Some(c) = FD_PAIR.captures(line) {
            let (a, b) = (self.new_fd(number(&c[2])), self.new_fd(number(&c[3])));
            return format!("{}{a}, {b}{}", &c[1], &c[4]);
        }
        if ls_row && let Some(c) = LS_ROW.captures(line) {
            let named = self.known_fd(number(&c[2]));
            return format!("{}{named}{}{}", &c[1], &c[3], &line[c[0].len()..]);
        }
        line.to_string()
    }

    fn name_ports(&mut self, line: &str) -> String {
        PORT.replace_all(line, |c: &Captures| {
            let port: u16 = c[2].parse().unwrap_or_default();
            if port < 1024 || self.literal_ports.contains(&port) {
                c[0].to_string()
            } else {
                format!("{}:{}", &c[1], self.port(port))
            }
        })
        .into_owned()
    }
}

/// A recorded line with the kernel's measurements as `[..]`: tcpinfo's
/// measured fields, a `sample` row's numbers, `drain`'s calls, time and rate.
fn measured(line: &str, sample_row: bool) -> String {
    if sample_row && SAMPLE_ROW.is_match(line) {
        return NUMBER.replace_all(line, "[..]").into_owned();
    }
    if let Some(c) = TCPINFO_MEASURED.captures(line) {
        return format!("{}[..]", &c[1]);
    }
    if TIMEWAIT_LEFT.is_match(line) {
        return TIMEWAIT_LEFT.replace(line, "${1}[..]${2}").into_owned();
    }
    DRAIN_SUMMARY
        .replace(line, "${1}[..]${2}[..]${3}[..]")
        .into_owned()
}

/// A time mark's figure becomes `[..]`: when a segment came varies from
/// run to run (that it came between steps is kept in the text).
fn time_mark(line: &str) -> String {
    match TIME_MARK.find(line) {
        Some(mark) => {
            let between = mark.as_str().contains("between steps");
            let shown = if between {
                "(+[..], between steps)"
            } else {
                "(+[..])"
            };
            format!("{}  {shown}", &line[..mark.start()])
        }
        None => line.to_string(),
    }
}

/// Runs of spaces after the indentation count as one (table columns shift
/// when a value is named). A time mark is left out: whether a segment came
/// with a call or a moment later depends on the machine's load, so
/// transcripts do not compare it.
fn squeeze(line: &str) -> String {
    let line = match TIME_MARK.find(line) {
        Some(mark) => &line[..mark.start()],
        None => line,
    };
    let body = line.trim_start();
    let indent = &line[..line.len() - body.len()];
    let mut out = String::from(indent);
    let mut last_space = false;
    for c in body.trim_end().chars() {
        if c == ' ' && last_space {
            continue;
        }
        last_space = c == ' ';
        out.push(c);
    }
    out
}

/// Does one actual line match one expected line (with `[..]`)?
pub fn line_matches(expected: &str, actual: &str) -> bool {
    let expected = squeeze(expected);
    let actual = squeeze(actual);
    let parts: Vec<&str> = expected.split("[..]").collect();
    if parts.len() == 1 {
        return expected == actual;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !actual.starts_with(first)
        || actual.len() < first.len() + last.len()
        || !actual.ends_with(last)
    {
        return false;
    }
    let mut rest = &actual[first.len()..actual.len() - last.len()];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle) {
            Some(at) => rest = &rest[at + middle.len()..],
            None => return false,
        }
    }
    true
}

/// The lines a comparison looks at: without copies of held segments, and
/// `link`'s entries without how often they were sent (see `COPY_LINE`).
pub fn pace_free(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .filter(|line| !COPY_LINE.is_match(line))
        .map(|line| SENT_TIMES.replace(line, "").into_owned())
        .collect()
}

/// Do the actual lines match the expected ones (with `...` lines)?
pub fn matches(expected: &[String], actual: &[String]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first.trim() == "..." => {
            (0..=actual.len()).any(|skip| matches(rest, &actual[skip..]))
        }
        Some((first, rest)) => match actual.split_first() {
            Some((line, more)) => line_matches(first, line) && matches(rest, more),
            None => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn what_depends_on_the_pace_is_not_compared_and_the_rest_is() {
        let step = lines(
            "delivered #3\n  a → b  [FIN,ACK]  seq=1 ack=2   held #3 again (sent 2×)  (+[..])\n  \
             a → b  [FIN,ACK]  seq=1 ack=2   #3 delivered\n#1 a->b  x → y  [SYN] seq=0   (sent 3×: \
             +1.0 s, +2.0 s)\n#2 b->a  y → x  [FIN] seq=1   (delivered; sent again 1×: +0.2 s)\n  \
             note: cli: TCP measured a 1.2s round trip while segments were held by hand: its RTO \
             is now 1.4s\n  note: something else",
        );
        assert_eq!(
            pace_free(&step),
            lines(
                "delivered #3\n  a → b  [FIN,ACK]  seq=1 ack=2   #3 delivered\n#1 a->b  x → y  [SYN] \
                 seq=0\n  note: something else"
            )
        );
    }

    #[test]
    fn time_marks_are_kept_as_words_and_not_compared() {
        let mut namer = Namer::new([]);
        let step = lines(
            "  state cli: FIN_WAIT1 → FIN_WAIT2  (+43 ms, between steps)\n  b → a  UDP  (+1.25 s)",
        );
        assert_eq!(
            namer.normalize(&step),
            lines(
                "  state cli: FIN_WAIT1 → FIN_WAIT2  (+[..], between steps)\n  b → a  UDP  (+[..])"
            )
        );
        assert!(line_matches(
            "  state cli: FIN_WAIT1 → FIN_WAIT2",
            "  state cli: FIN_WAIT1 → FIN_WAIT2  (+43 ms, between steps)"
        ));
        assert!(line_matches(
            "  state cli: FIN_WAIT1 → FIN_WAIT2  (+[..], between steps)",
            "  state cli: FIN_WAIT1 → FIN_WAIT2"
        ));
        assert!(!line_matches(
            "  state cli: FIN_WAIT1 → FIN_WAIT2",
            "  state cli: FIN_WAIT1 → CLOSING  (+43 ms, between steps)"
        ));
        // A ladder row's time column.
        let row = lines("  +46 ms                │◀ACK seq=1 ack=9 <TS>──│");
        let named = namer.normalize(&row);
        assert_eq!(
            named,
            lines("  +[..]                │◀ACK seq=1 ack=9 <TS>──│")
        );
        assert!(line_matches(
            &named[0],
            "  +0 ms                 │◀ACK seq=1 ack=9 <TS>──│"
        ));
    }

    #[test]
    fn a_recording_writes_the_kernels_measurements_as_wildcards() {
        let step = lines(
            "getsockopt(cli, IPPROTO_TCP, TCP_INFO) = 0\n  state: ESTABLISHED\n  retransmits: 1\n  \
             rto_us: 408000\n  ato_us: 40000\n  snd_mss: 1448\n  unacked: 1\n  rtt_us: 62\n  \
             rttvar_us: 31\n  snd_cwnd: 1\n  snd_ssthresh: 2147483647\n  rcv_space: 14480\n  \
             total_retrans: 1",
        );
        let want = lines(
            "getsockopt(cli, IPPROTO_TCP, TCP_INFO) = 0\n  state: ESTABLISHED\n  retransmits: 1\n  \
             rto_us: [..]\n  ato_us: [..]\n  snd_mss: 1448\n  unacked: 1\n  rtt_us: [..]\n  \
             rttvar_us: [..]\n  snd_cwnd: [..]\n  snd_ssthresh: [..]\n  rcv_space: [..]\n  \
             total_retrans: 1",
        );
        assert_eq!(Namer::recording().normalize(&step), want);
        // A replay compares what the file says: literal where it is literal.
        assert_eq!(Namer::new([]).normalize(&step), step);
        assert!(matches(&want, &step));

        let held = lines(
            "  note: conn's connection holds the port (closed, the kernel keeps it): \
             127.0.0.1:8990 ↔ 127.0.0.1:40000 in TIME_WAIT for 58 s more, with SO_REUSEADDR",
        );
        assert_eq!(
            Namer::recording().normalize(&held),
            lines(
                "  note: conn's connection holds the port (closed, the kernel keeps it): \
                 127.0.0.1:[PORT1] ↔ 127.0.0.1:[PORT2] in TIME_WAIT for [..] s more, with SO_REUSEADDR"
            )
        );
        let drain = lines(
            "[1] recv(conn, 262144, 0) until EOF = 2000000\n  2000000 bytes in 37 calls (the largest 65483), then EOF, 0.234 s, 68.38 Mbit/s",
        );
        assert_eq!(
            Namer::recording().normalize(&drain)[1],
            "  2000000 bytes in [..] calls (the largest [..]), then EOF, [..]"
        );
        let sample = lines(
            "[2] getsockopt(cli, IPPROTO_TCP, TCP_INFO) every 40ms for 120ms = 3\n      t(s)  state        cwnd   rtt(ms)\n     0.000  ESTABLISHED    10       0.1\n     0.040  ESTABLISHED    20     100.4\n  note: 3 samples",
        );
        assert_eq!(
            Namer::recording().normalize(&sample),
            lines(
                "[2] getsockopt(cli, IPPROTO_TCP, TCP_INFO) every 40ms for 120ms = 3\n      t(s)  state        cwnd   rtt(ms)\n     [..]  ESTABLISHED    [..]       [..]\n     [..]  ESTABLISHED    [..]     [..]\n  note: 3 samples"
            )
        );
    }

    #[test]
    fn a_background_jobs_fd_is_named_too() {
        let mut namer = Namer::new(["accept srv &"]);
        assert_eq!(
            namer.normalize(&lines("[1] accept(srv) = 7")),
            lines("[1] accept(srv) = [FD1]")
        );
    }

    #[test]
    fn names_ports_and_fds_by_first_appearance() {
        let mut namer = Namer::new(["bind 127.0.0.1:8888", "connect cli srv"]);
        let step = lines("accept(srv) = 5\n  peer: 127.0.0.1:41234\n  bound: 127.0.0.1:8888");
        assert_eq!(
            namer.normalize(&step),
            lines("accept(srv) = [FD1]\n  peer: 127.0.0.1:[PORT1]\n  bound: 127.0.0.1:8888")
        );
        let again =
            lines("connect(cli, [::1]:41234) = 0\nsocketpair(AF_UNIX, SOCK_STREAM, 0, [6, 5]) = 0");
        assert_eq!(
            namer.normalize(&again),
            lines(
                "connect(cli, [::1]:[PORT1]) = 0\nsocketpair(AF_UNIX, SOCK_STREAM, 0, [[FD2], [FD3]]) = 0"
            )
        );
        let ls = lines("NAME   FD  KIND\n*srv   5   tcp\n cli   12  tcp");
        // fd 5 was created twice: ls names its latest creation; 12 is new.
        assert_eq!(
            namer.normalize(&ls),
            lines("NAME   FD  KIND\n*srv   [FD3]   tcp\n cli   [FD4]  tcp")
        );
        // Return values of other calls and low ports are left alone.
        let other = lines("send(cli, \"hi\", 2, 0) = 2\n  peer: 127.0.0.1:80");
        assert_eq!(namer.normalize(&other), other);
    }

    #[test]
    fn wire_segments_lose_the_machine_s_tuning() {
        let mut namer = Namer::default();
        let step = lines(
            "  cli → srv  [SYN]      seq=0 win=65495 <mss 65495,sackOK,TS,wscale 7>\n  cli → srv  [ACK]      seq=1 ack=1 win=0 <TS>\n  win=3 is not a segment",
        );
        assert_eq!(
            namer.normalize(&step),
            lines(
                "  cli → srv  [SYN]      seq=0 win=[N] <mss [N],sackOK,TS,wscale [N]>\n  cli → srv  [ACK]      seq=1 ack=1 win=0 <TS>\n  win=3 is not a segment"
            )
        );
    }

    #[test]
    fn wildcards_and_spacing() {
        let cases = [
            ("abc", "abc", true),
            ("abc", "abd", false),
            ("error: [..]", "error: anything at all", true),
            ("a[..]c[..]e", "abcde", true),
            ("a[..]c[..]e", "abde", false),
            ("NAME  FD", "NAME FD", true),
            ("  x", "x", false),
        ];
        for (expected, actual, want) in cases {
            assert_eq!(
                line_matches(expected, actual),
                want,
                "{expected:?} vs {actual:?}"
            );
        }
        assert!(matches(&lines("a\n...\nd"), &lines("a\nb\nc\nd")));
        assert!(matches(&lines("a\n...\nd"), &lines("a\nd")));
        assert!(!matches(&lines("a\n...\nd"), &lines("a\nb")));
        assert!(!matches(&lines("a"), &lines("a\nb")));
    }
}
