//! `help TIME_WAIT`, `help SO_REUSEADDR`, `help keepalive`: what a TCP
//! state or a socket option is, in a few lines, and the lessons that show
//! it.
//!
//! A state is found under the kernel's name (as socklab shows it) or the
//! tutorials' spellings (`SYN_SEND`, `SYN_RCVD`, `CLOSED`, `FIN_WAIT_1`,
//! `TIME-WAIT`, in any case); an option under its C name or short name.
//! Every option of the option table has a topic (a test keeps it so), and
//! every lesson a topic names shows what it names (another test reads the
//! lessons).
//!
//! Owns: the topics' text. The command and option tables are
//! `command`'s and `sockopt`'s; `help` renders.

use super::sockopt::{OPTIONS, OptKind, OptSpec, find_option};

/// A TCP state's topic.
pub struct StateTopic {
    /// As the kernel names it (and socklab shows it).
    pub state: &'static str,
    /// Other spellings (tutorials', RFC 793's, ss's).
    pub aliases: &'static [&'static str],
    pub text: &'static str,
    /// Lessons (file names without `.socklab`) where it is seen.
    pub lessons: &'static [&'static str],
}

/// A socket option's topic (its name, level and kind are the option
/// table's).
pub struct OptionTopic {
    pub option: &'static str,
    pub text: &'static str,
    pub lessons: &'static [&'static str],
    /// A line to try where no lesson shows it.
    pub try_it: &'static str,
}

pub const STATES: &[StateTopic] = &[
    StateTopic {
        state: "LISTEN",
        aliases: &["LISTENING"],
        text: "A listening socket (after listen): it has no connection of its own. The kernel \
               answers SYNs for it and queues the finished handshakes until accept takes them; \
               the backlog (listen H N, capped by net.core.somaxconn) bounds that queue.",
        lessons: &["01-handshake", "07-listen-backlog"],
    },
    StateTopic {
        state: "SYN_SENT",
        aliases: &["SYN_SEND"],
        text: "connect sent a SYN and waits for the SYN+ACK. A blocking connect sleeps here; a \
               nonblocking one returns EINPROGRESS and the socket stays SYN_SENT until the \
               answer comes, or the SYN retries (net.ipv4.tcp_syn_retries) run out: ETIMEDOUT. \
               A nonblocking send meanwhile fails with EAGAIN.",
        lessons: &["41-lab-handshake", "44-lab-lost-syn"],
    },
    StateTopic {
        state: "SYN_RECV",
        aliases: &["SYN_RCVD", "SYN_RECEIVED", "NEW_SYN_RECV"],
        text: "Half-open. The SYN came and the SYN+ACK went, the last ACK has not come. A \
               listener keeps it as a small request (NEW_SYN_RECV in the kernel), not a socket \
               with an fd: socklab shows it under the listener (srv (half-open from …)). The \
               SYN+ACK is sent again (net.ipv4.tcp_synack_retries) until the ACK comes. In a \
               simultaneous open both connecting sockets pass through it.",
        lessons: &["41-lab-handshake", "43-lab-simultaneous"],
    },
    StateTopic {
        state: "ESTABLISHED",
        aliases: &["ESTAB"],
        text: "The handshake is done and data flows both ways. connect returns in it; accept \
               hands out connections already in it (the kernel finished the handshake before \
               accept was called).",
        lessons: &["01-handshake", "41-lab-handshake"],
    },
    StateTopic {
        state: "FIN_WAIT1",
        aliases: &[],
        text: "This side closed (close, or shutdown write) and sent its FIN; it waits for the \
               FIN's ACK. Usually gone at once, as the peer ACKs at once — unless the ACK is \
               delayed or the link holds it.",
        lessons: &["42-lab-close", "43-lab-simultaneous"],
    },
    StateTopic {
        state: "FIN_WAIT2",
        aliases: &[],
        text: "This side's FIN is ACKed; it waits for the peer's FIN and may still receive \
               data meanwhile (a half-close). A closed socket's FIN_WAIT2 ends after \
               net.ipv4.tcp_fin_timeout (60 s) if the peer never closes.",
        lessons: &["03-half-close", "04-four-way-close", "42-lab-close"],
    },
    StateTopic {
        state: "CLOSE_WAIT",
        aliases: &[],
        text: "The peer sent its FIN (recv returns 0: EOF); this side has not closed yet and \
               can still send. It stays here until the program calls close (or shutdown \
               write): a program that forgets piles up CLOSE_WAIT sockets.",
        lessons: &["03-half-close", "04-four-way-close"],
    },
    StateTopic {
        state: "CLOSING",
        aliases: &[],
        text: "A simultaneous close: both sides sent FIN, and each got the other's FIN before \
               the ACK of its own. Each waits for that ACK, then goes to TIME_WAIT.",
        lessons: &["43-lab-simultaneous"],
    },
    StateTopic {
        state: "LAST_ACK",
        aliases: &[],
        text: "The side that closed second sent its FIN and waits for the last ACK; then the \
               connection is gone (TIME_WAIT is the other side's).",
        lessons: &["42-lab-close"],
    },
    StateTopic {
        state: "TIME_WAIT",
        aliases: &[],
        text: "The side that closed first, after the peer's FIN: the kernel keeps the \
               connection 60 s (fixed in Linux) to ACK that FIN again if its ACK was lost, and \
               so that late segments cannot be taken for a new connection's. Its socket is \
               closed, or CLOSE: socklab shows the connection as H (no fd). Its port refuses \
               bind (EADDRINUSE) without SO_REUSEADDR.",
        lessons: &["04-four-way-close", "06-address-in-use", "42-lab-close"],
    },
    StateTopic {
        state: "CLOSE",
        aliases: &["CLOSED"],
        text: "No connection (RFC 793 and the tutorials say CLOSED; Linux says CLOSE): a new \
               socket, one whose connection was reset or timed out, or one whose connection \
               lives on without it (TIME_WAIT after a shutdown and the peer's FIN).",
        lessons: &["17-linger-rst", "50-lab-crash"],
    },
];

pub const KEEPALIVE: &str = "An idle connection sends nothing, so a peer that vanished (a \
     crash, a pulled cable) goes unnoticed for ever. With SO_KEEPALIVE on, the kernel probes \
     after TCP_KEEPIDLE of quiet, then every TCP_KEEPINTVL; after TCP_KEEPCNT unanswered \
     probes it gives the connection up: CLOSE, and the next call fails with ETIMEDOUT. A \
     peer that restarted answers with RST instead (ECONNRESET).";

pub const KEEPALIVE_TRY: &str = "setsockopt H SO_KEEPALIVE on, setsockopt H TCP_KEEPIDLE 5s, \
     TCP_KEEPINTVL 1s, TCP_KEEPCNT 3";

pub const KEEPALIVE_LESSONS: &[&str] = &["49-lab-keepalive"];

pub const OPTION_TOPICS: &[OptionTopic] = &[
    OptionTopic {
        option: "SO_REUSEADDR",
        text: "Lets bind take a port still held by connections in TIME_WAIT (never one \
               something listens on). Linux asks it of both sockets, the old connection's \
               (inherited from a listener that set it) and the new one: a server sets it \
               before every bind, and can then restart at once.",
        lessons: &["06-address-in-use"],
        try_it: "",
    },
    OptionTopic {
        option: "SO_REUSEPORT",
        text: "Several sockets may bind the same address and port, if every one of them set \
               it (as the same user); the kernel spreads incoming connections or datagrams \
               among them.",
        lessons: &[],
        try_it: "setsockopt a SO_REUSEPORT on, bind a 127.0.0.1:9000; the same for b",
    },
    OptionTopic {
        option: "SO_KEEPALIVE",
        text: "Probe a connection that has been idle, to find a peer that is gone: after \
               TCP_KEEPIDLE, every TCP_KEEPINTVL, up to TCP_KEEPCNT probes, then ETIMEDOUT. \
               help keepalive says more.",
        lessons: &["49-lab-keepalive"],
        try_it: "",
    },
    OptionTopic {
        option: "SO_BROADCAST",
        text: "Allows a UDP socket to send to a broadcast address; without it such a sendto \
               fails with EACCES.",
        lessons: &[],
        try_it: "u = socket udp, sendto u 255.255.255.255:9 hi (EACCES), setsockopt u \
                 SO_BROADCAST on",
    },
    OptionTopic {
        option: "SO_RCVBUF",
        text: "The receive buffer: it bounds the window this side announces, so a reader that \
               does not read shuts the sender's window. Linux doubles the value set (room for \
               its bookkeeping) and applies a minimum; set it before listen or connect.",
        lessons: &["09-flow-control", "22-buffer-sizes", "51-lab-zero-window"],
        try_it: "",
    },
    OptionTopic {
        option: "SO_SNDBUF",
        text: "The send buffer: how much send can take before it blocks (or, nonblocking, \
               fails with EAGAIN) while the peer does not read. Linux doubles the value set.",
        lessons: &["09-flow-control", "22-buffer-sizes"],
        try_it: "",
    },
    OptionTopic {
        option: "SO_RCVTIMEO",
        text: "A blocking recv (or accept) gives up after this long with EAGAIN instead of \
               waiting for ever; 0 or off: for ever. A duration: 300ms, 1.5s.",
        lessons: &["30-background-accept"],
        try_it: "",
    },
    OptionTopic {
        option: "SO_SNDTIMEO",
        text: "A blocking send gives up after this long (it returns what it took, or fails \
               with EAGAIN), and so does a blocking connect (EINPROGRESS: the handshake goes \
               on); 0 or off: wait for ever. A duration: 200ms, 1.5s.",
        lessons: &[],
        try_it: "setsockopt cli SO_SNDTIMEO 200ms, then sendall cli \"x\"*10000000 to a \
                 peer that does not read",
    },
    OptionTopic {
        option: "SO_LINGER",
        text: "What close does with data not yet sent. Off (the default): close returns at \
               once and the kernel sends the rest. On with N seconds: close waits up to N s. \
               SO_LINGER 0: close drops the connection with RST, no TIME_WAIT, and the peer \
               meets ECONNRESET.",
        lessons: &["17-linger-rst", "34-wire-resets"],
        try_it: "",
    },
    OptionTopic {
        option: "SO_ERROR",
        text: "Read-only: the socket's pending error, cleared by reading it. How a nonblocking \
               connect ended (0, ECONNREFUSED, ETIMEDOUT), read once poll says POLLOUT.",
        lessons: &["32-nonblocking-connect", "12-udp-connected-refused"],
        try_it: "",
    },
    OptionTopic {
        option: "SO_TYPE",
        text: "Read-only: SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET, as socket(2) was asked.",
        lessons: &[],
        try_it: "getsockopt H SO_TYPE",
    },
    OptionTopic {
        option: "SO_ACCEPTCONN",
        text: "Read-only: 1 while the socket is listening, else 0.",
        lessons: &[],
        try_it: "getsockopt srv SO_ACCEPTCONN, before and after listen srv",
    },
    OptionTopic {
        option: "TCP_NODELAY",
        text: "Turns Nagle's algorithm off: a small send leaves at once even while earlier \
               data is unacknowledged, instead of waiting to be joined with more — a wait \
               that, with the peer's delayed ACK, can cost 40 ms and more.",
        lessons: &["57-lab-path-nagle", "61-lab-path-delayed-ack"],
        try_it: "",
    },
    OptionTopic {
        option: "TCP_CORK",
        text: "Holds partial segments back until it is turned off (or for 200 ms), so that \
               small writes leave as full segments; turning it off sends what waits.",
        lessons: &[],
        try_it: "setsockopt cli TCP_CORK on, send cli a, send cli b, setsockopt cli TCP_CORK \
                 off (with wire on)",
    },
    OptionTopic {
        option: "TCP_MAXSEG",
        text: "The largest segment this socket sends (its MSS); set before connect, it is \
               also what the SYN announces.",
        lessons: &[],
        try_it: "setsockopt cli TCP_MAXSEG 500 before connect, with wire on",
    },
    OptionTopic {
        option: "TCP_KEEPIDLE",
        text: "How long a connection must be idle before the first keepalive probe (with \
               SO_KEEPALIVE on). The kernel counts seconds: 5, or 5s, 2min. Default: \
               net.ipv4.tcp_keepalive_time, 7200 s.",
        lessons: &["49-lab-keepalive"],
        try_it: "",
    },
    OptionTopic {
        option: "TCP_KEEPINTVL",
        text: "The time between keepalive probes, in seconds: 1, or 1s. Default: \
               net.ipv4.tcp_keepalive_intvl, 75 s.",
        lessons: &["49-lab-keepalive"],
        try_it: "",
    },
    OptionTopic {
        option: "TCP_KEEPCNT",
        text: "How many keepalive probes may go unanswered before the connection is given up \
               with ETIMEDOUT. Default: net.ipv4.tcp_keepalive_probes, 9.",
        lessons: &["49-lab-keepalive"],
        try_it: "",
    },
    OptionTopic {
        option: "TCP_USER_TIMEOUT",
        text: "How long sent data (or a keepalive probe, or a SYN) may go unacknowledged \
               before the kernel gives the connection up with ETIMEDOUT — long before \
               net.ipv4.tcp_retries2 would. In ms: 800, or 3s; 0: the retries decide.",
        lessons: &["60-lab-path-user-timeout"],
        try_it: "",
    },
    OptionTopic {
        option: "TCP_SYNCNT",
        text: "How many times connect sends its SYN again before it fails with ETIMEDOUT, for \
               this socket (it overrides net.ipv4.tcp_syn_retries).",
        lessons: &[],
        try_it: "in the lab: link hold, setsockopt cli TCP_SYNCNT 1, connect cli b:80",
    },
    OptionTopic {
        option: "TCP_WINDOW_CLAMP",
        text: "The largest receive window this socket announces, in bytes, whatever its \
               buffer would allow.",
        lessons: &[],
        try_it: "setsockopt conn TCP_WINDOW_CLAMP 1000, then send to it with wire on",
    },
    OptionTopic {
        option: "TCP_QUICKACK",
        text: "ACK at once instead of delaying the ACK. The kernel turns it off again by \
               itself, so a program sets it again after each receive.",
        lessons: &["61-lab-path-delayed-ack"],
        try_it: "",
    },
    OptionTopic {
        option: "IP_RECVERR",
        text: "ICMP errors (port or host unreachable, …) are reported to the socket as they \
               come — to an unconnected UDP socket too — not only as a later call's errno.",
        lessons: &[],
        try_it: "u = socket udp, setsockopt u IP_RECVERR on, sendto u 127.0.0.1:9 hi, recvfrom u",
    },
    OptionTopic {
        option: "IP_TTL",
        text: "The IPv4 time-to-live of outgoing packets: each router takes one off, and at \
               0 the packet is dropped (ICMP time exceeded).",
        lessons: &[],
        try_it: "setsockopt H IP_TTL 1, getsockopt H IP_TTL",
    },
    OptionTopic {
        option: "IP_TOS",
        text: "The IPv4 type-of-service byte of outgoing packets: six bits of DSCP (a \
               priority that routers may honour) and two of ECN, which on a TCP socket the \
               kernel keeps for itself.",
        lessons: &[],
        try_it: "setsockopt H IP_TOS 16, getsockopt H IP_TOS",
    },
    OptionTopic {
        option: "IPV6_V6ONLY",
        text: "An AF_INET6 socket takes IPv6 only. Off (Linux's default, \
               net.ipv6.bindv6only=0), a listener on [::] takes IPv4 peers too, seen as \
               ::ffff:a.b.c.d.",
        lessons: &["24-ipv6"],
        try_it: "",
    },
];

/// `TIME-WAIT`, `fin_wait_1` → `TIMEWAIT`, `FINWAIT1`.
fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A state's topic, by any of its spellings, in any case.
pub fn state(text: &str) -> Option<&'static StateTopic> {
    let folded = fold(text);
    STATES.iter().find(|topic| {
        fold(topic.state) == folded || topic.aliases.iter().any(|alias| fold(alias) == folded)
    })
}

/// An option's topic, by its C name (`by_short`: or its short name).
pub fn option(text: &str, by_short: bool) -> Option<(&'static OptSpec, &'static OptionTopic)> {
    let spec = find_option(text)?;
    if !by_short && !spec.name.eq_ignore_ascii_case(text) {
        return None;
    }
    let topic = OPTION_TOPICS.iter().find(|t| t.option == spec.name)?;
    Some((spec, topic))
}

/// Every topic name, for completion.
pub fn names() -> impl Iterator<Item = &'static str> {
    STATES
        .iter()
        .map(|t| t.state)
        .chain(OPTIONS.iter().map(|o| o.name))
        .chain(["keepalive"])
}

/// The help lines of a topic: by state, `keepalive`, or option C name;
/// with `by_short`, by an option's short name too.
pub fn lines_for(text: &str, by_short: bool) -> Option<Vec<String>> {
    if text.eq_ignore_ascii_case("keepalive") {
        return Some(render(
            "keepalive — TCP keepalive (SO_KEEPALIVE and its three settings)",
            KEEPALIVE,
            KEEPALIVE_LESSONS,
            KEEPALIVE_TRY,
        ));
    }
    if let Some(topic) = state(text) {
        let mut heading = format!("{} — a TCP state", topic.state);
        if !topic.aliases.is_empty() {
            heading.push_str(&format!(" (also written {})", topic.aliases.join(", ")));
        }
        return Some(render(&heading, topic.text, topic.lessons, ""));
    }
    let (spec, topic) = option(text, by_short)?;
    let heading = format!(
        "{} — a socket option ({}; short name {}; {})",
        spec.name,
        spec.level,
        spec.short,
        value_kind(spec)
    );
    Some(render(&heading, topic.text, topic.lessons, topic.try_it))
}

/// What an option's value is, as setsockopt takes it.
fn value_kind(spec: &OptSpec) -> &'static str {
    if !spec.writable {
        return "read-only";
    }
    match spec.kind {
        OptKind::Bool => "on or off",
        OptKind::Int => "a number",
        OptKind::Seconds => "seconds, or a duration like 5s",
        OptKind::Millis => "milliseconds, or a duration like 3s",
        OptKind::Timeout => "a duration like 1.5s",
        OptKind::Linger => "off, or seconds",
        OptKind::Errno | OptKind::SockType => "read-only",
    }
}

/// Where a topic's footer begins: the lessons, or what to try.
const LESSONS: &str = "  lessons: ";
const TRY: &str = "  no lesson shows it yet; try: ";

fn render(heading: &str, text: &str, lessons: &[&str], try_it: &str) -> Vec<String> {
    let footer = match lessons.first() {
        Some(first) => {
            let number = first.split('-').next().unwrap_or(first);
            format!("{LESSONS}{} (socklab play {number})", lessons.join(", "))
        }
        None => format!("{TRY}{try_it}"),
    };
    super::help::wrap(&[heading.to_string(), format!("  {text}"), footer], 80)
}

/// Whether a lowercase word is a verb whose name is also a state (`listen`,
/// `close`): its help says where the state's is.
pub fn state_named_like(verb: &str) -> Option<&'static str> {
    state(verb).map(|topic| topic.state)
}

/// Whether `text`, written all in capitals, names a state: `help LISTEN`
/// and `help CLOSE` are the states, `help listen` and `help close` the
/// verbs.
pub fn is_state_in_capitals(text: &str) -> bool {
    !text.chars().any(|c| c.is_ascii_lowercase()) && state(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::TcpState;

    #[test]
    fn states_by_every_spelling() {
        for (typed, state_name) in [
            ("TIME_WAIT", "TIME_WAIT"),
            ("time-wait", "TIME_WAIT"),
            ("TIME-WAIT", "TIME_WAIT"),
            ("SYN_SEND", "SYN_SENT"),
            ("syn_sent", "SYN_SENT"),
            ("SYN_RCVD", "SYN_RECV"),
            ("SYN-RECEIVED", "SYN_RECV"),
            ("NEW_SYN_RECV", "SYN_RECV"),
            ("CLOSED", "CLOSE"),
            ("closed", "CLOSE"),
            ("FIN_WAIT_1", "FIN_WAIT1"),
            ("FIN-WAIT-2", "FIN_WAIT2"),
            ("close_wait", "CLOSE_WAIT"),
            ("ESTAB", "ESTABLISHED"),
        ] {
            assert_eq!(state(typed).map(|t| t.state), Some(state_name), "{typed}");
        }
        assert!(state("FIN_WAIT").is_none());
        for name in TcpState::all_names() {
            assert!(state(name).is_some(), "no topic for the state {name}");
        }
    }

    #[test]
    fn every_option_has_a_topic_that_says_its_kind() {
        for spec in OPTIONS {
            let lines =
                lines_for(spec.name, false).unwrap_or_else(|| panic!("no topic for {}", spec.name));
            assert!(lines[0].starts_with(spec.name), "{lines:?}");
            assert!(lines[0].contains(spec.short), "{lines:?}");
            // `help keepalive` is the whole story, SO_KEEPALIVE's part in it.
            let by_short = lines_for(spec.short, true).unwrap();
            match spec.short {
                "keepalive" => assert!(by_short[0].contains(spec.name), "{by_short:?}"),
                _ => assert_eq!(by_short[0], lines[0]),
            }
        }
        assert_eq!(OPTION_TOPICS.len(), OPTIONS.len(), "a topic for no option");
    }

    /// Each topic is a heading, 1–5 lines of text at 80 columns (2–5 but
    /// for the read-only options' one-liners), and the lessons that show
    /// it, or what to try.
    #[test]
    fn every_topic_is_short_and_points_somewhere() {
        let mut all: Vec<Vec<String>> = STATES
            .iter()
            .map(|t| lines_for(t.state, false).unwrap())
            .collect();
        all.extend(OPTIONS.iter().map(|o| lines_for(o.name, false).unwrap()));
        all.push(lines_for("keepalive", false).unwrap());
        for lines in all {
            assert!(lines.iter().all(|l| l.chars().count() <= 80), "{lines:?}");
            let footer = lines
                .iter()
                .position(|l| l.starts_with(LESSONS) || l.starts_with(TRY))
                .unwrap_or_else(|| panic!("no lessons and nothing to try: {lines:?}"));
            let body = footer - 1;
            let least = if lines[0].contains("read-only") { 1 } else { 2 };
            assert!((least..=5).contains(&body), "{body} lines: {lines:?}");
            let named = lines[footer]
                .strip_prefix(LESSONS)
                .or_else(|| lines[footer].strip_prefix(TRY))
                .unwrap_or_default();
            assert!(named.len() > 5, "{lines:?}");
        }
    }

    /// A lesson's lines, or a failure naming it.
    fn lesson(name: &str) -> Vec<String> {
        let path = format!("{}/transcripts/{name}.socklab", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("a topic names lesson {name}, but {path}: {e}"))
            .lines()
            .map(String::from)
            .collect()
    }

    /// `word` in `line` as a whole word (`CLOSE` is not in `CLOSE_WAIT`).
    fn has_word(line: &str, word: &str) -> bool {
        let pattern = format!(
            r"(?i)(^|[^A-Za-z0-9_]){}($|[^A-Za-z0-9_])",
            regex::escape(word)
        );
        regex::Regex::new(&pattern).unwrap().is_match(line)
    }

    /// Every lesson a topic names is there and shows it: the state in
    /// what the kernel said (not only in the narration), the option set or
    /// read by a step.
    #[test]
    fn every_lesson_a_topic_names_shows_it() {
        let mut failures = Vec::new();
        for topic in STATES {
            for name in topic.lessons {
                let shown = lesson(name).iter().any(|line| {
                    !line.starts_with('#')
                        && !line.starts_with('>')
                        && !line.starts_with("?>")
                        && has_word(line, topic.state)
                });
                if !shown {
                    failures.push(format!("{name} never shows {}", topic.state));
                }
            }
        }
        let option_steps = |name: &str, spec: &OptSpec| {
            lesson(name).iter().any(|line| {
                (line.starts_with("> setsockopt") || line.starts_with("> getsockopt"))
                    && (has_word(line, spec.name) || has_word(line, spec.short))
            })
        };
        for topic in OPTION_TOPICS {
            let spec = find_option(topic.option).unwrap();
            for name in topic.lessons {
                if !option_steps(name, spec) {
                    failures.push(format!("{name} never sets or reads {}", topic.option));
                }
            }
        }
        let keepalive = find_option("SO_KEEPALIVE").unwrap();
        for name in KEEPALIVE_LESSONS {
            if !option_steps(name, keepalive) {
                failures.push(format!("{name} never sets SO_KEEPALIVE"));
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn a_word_is_found_whole() {
        assert!(has_word("  state cli: ESTABLISHED → CLOSE", "CLOSE"));
        assert!(!has_word("  state conn: ESTABLISHED → CLOSE_WAIT", "CLOSE"));
        assert!(has_word("> setsockopt c2 linger 0", "linger"));
        assert!(!has_word("> setsockopt c2 lingering 0", "linger"));
    }
}
