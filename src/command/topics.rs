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
//! Owns: which topics there are and how one is laid out. Their text is
//! in the message files (`topic-state-STATE`, `topic-option-OPTION`, the
//! `topics` section), in every language; the command and option tables
//! are `command`'s and `sockopt`'s; `help` renders.

use super::sockopt::{OPTIONS, OptKind, OptSpec, find_option};

/// A TCP state's topic. Its text is the message `topic-state-STATE`.
pub struct StateTopic {
    /// As the kernel names it (and socklab shows it).
    pub state: &'static str,
    /// Other spellings (tutorials', RFC 793's, ss's).
    pub aliases: &'static [&'static str],
    /// Lessons (file names without `.socklab`) where it is seen.
    pub lessons: &'static [&'static str],
}

/// A socket option's topic (its name, level and kind are the option
/// table's). Its text is the message `topic-option-OPTION`; one that no
/// lesson shows has a line to try instead, `topic-try-OPTION`.
pub struct OptionTopic {
    pub option: &'static str,
    pub lessons: &'static [&'static str],
}

impl StateTopic {
    /// What the state is, in the language text is shown in.
    pub fn text(&self) -> String {
        message(&self.text_id())
    }

    fn text_id(&self) -> String {
        format!("topic-state-{}", self.state)
    }
}

impl OptionTopic {
    /// What the option does, in the language text is shown in.
    pub fn text(&self) -> String {
        message(&self.text_id())
    }

    /// A line to try, for an option no lesson shows.
    pub fn try_it(&self) -> Option<String> {
        self.try_id().map(|id| message(&id))
    }

    fn text_id(&self) -> String {
        format!("topic-option-{}", self.option)
    }

    fn try_id(&self) -> Option<String> {
        let id = || format!("topic-try-{}", self.option);
        self.lessons.is_empty().then(id)
    }
}

/// A message of a table's id; the id itself if no file has it (a test
/// keeps every id in all three).
fn message(id: &str) -> String {
    crate::i18n::lookup(id).unwrap_or_else(|| id.to_string())
}

pub const STATES: &[StateTopic] = &[
    StateTopic {
        state: "LISTEN",
        aliases: &["LISTENING"],
        lessons: &["01-handshake", "07-listen-backlog"],
    },
    StateTopic {
        state: "SYN_SENT",
        aliases: &["SYN_SEND"],
        lessons: &["41-lab-handshake", "44-lab-lost-syn"],
    },
    StateTopic {
        state: "SYN_RECV",
        aliases: &["SYN_RCVD", "SYN_RECEIVED", "NEW_SYN_RECV"],
        lessons: &["41-lab-handshake", "43-lab-simultaneous"],
    },
    StateTopic {
        state: "ESTABLISHED",
        aliases: &["ESTAB"],
        lessons: &["01-handshake", "41-lab-handshake"],
    },
    StateTopic {
        state: "FIN_WAIT1",
        aliases: &[],
        lessons: &["42-lab-close", "43-lab-simultaneous"],
    },
    StateTopic {
        state: "FIN_WAIT2",
        aliases: &[],
        lessons: &["03-half-close", "04-four-way-close", "42-lab-close"],
    },
    StateTopic {
        state: "CLOSE_WAIT",
        aliases: &[],
        lessons: &["03-half-close", "04-four-way-close"],
    },
    StateTopic {
        state: "CLOSING",
        aliases: &[],
        lessons: &["43-lab-simultaneous"],
    },
    StateTopic {
        state: "LAST_ACK",
        aliases: &[],
        lessons: &["42-lab-close"],
    },
    StateTopic {
        state: "TIME_WAIT",
        aliases: &[],
        lessons: &["04-four-way-close", "06-address-in-use", "42-lab-close"],
    },
    StateTopic {
        state: "CLOSE",
        aliases: &["CLOSED"],
        lessons: &["17-linger-rst", "50-lab-crash"],
    },
];

pub const KEEPALIVE_LESSONS: &[&str] = &["49-lab-keepalive"];

pub const OPTION_TOPICS: &[OptionTopic] = &[
    OptionTopic {
        option: "SO_REUSEADDR",
        lessons: &["06-address-in-use"],
    },
    OptionTopic {
        option: "SO_REUSEPORT",
        lessons: &[],
    },
    OptionTopic {
        option: "SO_KEEPALIVE",
        lessons: &["49-lab-keepalive"],
    },
    OptionTopic {
        option: "SO_BROADCAST",
        lessons: &[],
    },
    OptionTopic {
        option: "SO_RCVBUF",
        lessons: &["09-flow-control", "22-buffer-sizes", "51-lab-zero-window"],
    },
    OptionTopic {
        option: "SO_SNDBUF",
        lessons: &["09-flow-control", "22-buffer-sizes"],
    },
    OptionTopic {
        option: "SO_RCVTIMEO",
        lessons: &["30-background-accept"],
    },
    OptionTopic {
        option: "SO_SNDTIMEO",
        lessons: &[],
    },
    OptionTopic {
        option: "SO_LINGER",
        lessons: &["17-linger-rst", "34-wire-resets"],
    },
    OptionTopic {
        option: "SO_ERROR",
        lessons: &["32-nonblocking-connect", "12-udp-connected-refused"],
    },
    OptionTopic {
        option: "SO_TYPE",
        lessons: &[],
    },
    OptionTopic {
        option: "SO_ACCEPTCONN",
        lessons: &[],
    },
    OptionTopic {
        option: "TCP_NODELAY",
        lessons: &["57-lab-path-nagle", "61-lab-path-delayed-ack"],
    },
    OptionTopic {
        option: "TCP_CORK",
        lessons: &[],
    },
    OptionTopic {
        option: "TCP_MAXSEG",
        lessons: &[],
    },
    OptionTopic {
        option: "TCP_KEEPIDLE",
        lessons: &["49-lab-keepalive"],
    },
    OptionTopic {
        option: "TCP_KEEPINTVL",
        lessons: &["49-lab-keepalive"],
    },
    OptionTopic {
        option: "TCP_KEEPCNT",
        lessons: &["49-lab-keepalive"],
    },
    OptionTopic {
        option: "TCP_USER_TIMEOUT",
        lessons: &["60-lab-path-user-timeout"],
    },
    OptionTopic {
        option: "TCP_SYNCNT",
        lessons: &[],
    },
    OptionTopic {
        option: "TCP_WINDOW_CLAMP",
        lessons: &[],
    },
    OptionTopic {
        option: "TCP_QUICKACK",
        lessons: &["61-lab-path-delayed-ack"],
    },
    OptionTopic {
        option: "IP_RECVERR",
        lessons: &[],
    },
    OptionTopic {
        option: "IP_TTL",
        lessons: &[],
    },
    OptionTopic {
        option: "IP_TOS",
        lessons: &[],
    },
    OptionTopic {
        option: "IPV6_V6ONLY",
        lessons: &["24-ipv6"],
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
        let heading = crate::t!("topic-heading-keepalive");
        return Some(render(
            heading,
            message("topic-keepalive"),
            KEEPALIVE_LESSONS,
            None,
        ));
    }
    if let Some(topic) = state(text) {
        let heading = match topic.aliases {
            [] => crate::t!("topic-heading-state", state = topic.state),
            aliases => crate::t!(
                "topic-heading-state-aliases",
                state = topic.state,
                aliases = aliases.join(", ")
            ),
        };
        return Some(render(heading, topic.text(), topic.lessons, None));
    }
    let (spec, topic) = option(text, by_short)?;
    let heading = crate::t!(
        "topic-heading-option",
        option = spec.name,
        level = spec.level,
        short = spec.short,
        kind = value_kind(spec)
    );
    Some(render(heading, topic.text(), topic.lessons, topic.try_it()))
}

/// What an option's value is, as setsockopt takes it.
fn value_kind(spec: &OptSpec) -> String {
    if !spec.writable {
        return crate::t!("topic-kind-read-only");
    }
    match spec.kind {
        OptKind::Bool => crate::t!("topic-kind-bool"),
        OptKind::Int => crate::t!("topic-kind-int"),
        OptKind::Seconds => crate::t!("topic-kind-seconds"),
        OptKind::Millis => crate::t!("topic-kind-millis"),
        OptKind::Timeout => crate::t!("topic-kind-timeout"),
        OptKind::Linger => crate::t!("topic-kind-linger"),
        OptKind::Errno | OptKind::SockType => crate::t!("topic-kind-read-only"),
    }
}

/// A topic's lines: its heading, its text, and the lessons that show it
/// (or, where none does, what to try).
fn render(heading: String, text: String, lessons: &[&str], try_it: Option<String>) -> Vec<String> {
    let footer = match (lessons.first(), try_it) {
        (Some(first), _) => crate::t!(
            "topic-footer-lessons",
            lessons = lessons.join(", "),
            number = first.split('-').next().unwrap_or(first)
        ),
        (None, try_it) => crate::t!("topic-footer-try", line = try_it.unwrap_or_default()),
    };
    super::help::wrap(&[heading, format!("  {text}"), format!("  {footer}")], 80)
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
pub(super) mod tests {
    use super::*;
    use crate::names::TcpState;
    use std::collections::{BTreeMap, BTreeSet};

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
        crate::i18n::in_english(every_option_has_a_topic_that_says_its_kind_in_english);
    }

    fn every_option_has_a_topic_that_says_its_kind_in_english() {
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
        crate::i18n::in_english(every_topic_is_short_and_points_somewhere_in_english);
    }

    /// Where a topic's footer begins, in English: the lessons, or what to
    /// try.
    const LESSONS: &str = "  lessons: ";
    const TRY: &str = "  no lesson shows it yet; try: ";

    fn every_topic_is_short_and_points_somewhere_in_english() {
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

    /// In every language a topic opens with its name and ends with its
    /// lessons' names (or socklab's commands to try), as they are typed,
    /// and no message is missing (its id would show).
    #[test]
    fn every_topic_keeps_its_names_in_every_language() {
        for lang in crate::i18n::Lang::ALL {
            let topics = STATES
                .iter()
                .map(|t| (t.state, t.lessons))
                .chain(OPTION_TOPICS.iter().map(|t| (t.option, t.lessons)))
                .chain([("keepalive", KEEPALIVE_LESSONS)]);
            for (name, lessons) in topics {
                let lines = crate::i18n::in_lang(lang, || lines_for(name, false)).unwrap();
                let text = lines.join("\n");
                assert!(lines[0].starts_with(name), "{lang}: {lines:?}");
                assert!(!text.contains("topic-"), "{lang}: {lines:?}");
                let footer = lessons.iter().all(|l| text.contains(l));
                assert!(footer, "{lang}: {lines:?}");
            }
        }
    }

    /// Every id the tables make, and the fixed messages around them.
    fn message_ids() -> BTreeSet<String> {
        let fixed = [
            "topic-heading-state",
            "topic-heading-state-aliases",
            "topic-heading-keepalive",
            "topic-keepalive",
            "topic-heading-option",
            "topic-kind-read-only",
            "topic-kind-bool",
            "topic-kind-int",
            "topic-kind-seconds",
            "topic-kind-millis",
            "topic-kind-timeout",
            "topic-kind-linger",
            "topic-footer-lessons",
            "topic-footer-try",
        ];
        let states = STATES.iter().map(StateTopic::text_id);
        let options = OPTION_TOPICS
            .iter()
            .flat_map(|t| [Some(t.text_id()), t.try_id()].into_iter().flatten());
        fixed
            .map(String::from)
            .into_iter()
            .chain(states)
            .chain(options)
            .collect()
    }

    #[test]
    fn every_topic_is_in_english_russian_and_chinese_and_nothing_else() {
        assert_section_has_exactly("topic-", &message_ids());
    }

    /// The messages of `lang`'s `topics` section, by id, with the
    /// variables each uses; the section must parse as Fluent.
    pub(in crate::command) fn section_messages(
        lang: crate::i18n::Lang,
    ) -> BTreeMap<String, BTreeSet<String>> {
        let file = crate::i18n::ftl_source(lang).expect("every language has a file");
        let start = file
            .find("## ---- section topics")
            .expect("a topics section");
        let end = file[start..]
            .find("## ---- end of section topics ----")
            .expect("the topics section's end")
            + start;
        let section = &file[start..end];
        if let Err((_, errors)) = fluent_bundle::FluentResource::try_new(section.to_string()) {
            panic!("{lang}: the topics section does not parse: {errors:?}");
        }
        let id = regex::Regex::new(r"(?m)^([A-Za-z][A-Za-z0-9_-]*) *=(.*)$").unwrap();
        let variable = regex::Regex::new(r"\{ *\$([A-Za-z][A-Za-z0-9_-]*)").unwrap();
        id.captures_iter(section)
            .map(|c| {
                let variables = variable
                    .captures_iter(&c[2])
                    .map(|v| v[1].to_string())
                    .collect();
                (c[1].to_string(), variables)
            })
            .collect()
    }

    /// The `topics` section of en, ru and zh has a message for each of
    /// `ids` and no other beginning with `prefix`, and each takes the
    /// same variables as the English one.
    pub(in crate::command) fn assert_section_has_exactly(prefix: &str, ids: &BTreeSet<String>) {
        use crate::i18n::Lang;
        let english = section_messages(Lang::En);
        let mut problems = Vec::new();
        for lang in Lang::ALL {
            let messages = section_messages(lang);
            let found: BTreeSet<&String> = messages
                .keys()
                .filter(|id| id.starts_with(prefix))
                .collect();
            for id in ids.iter().filter(|id| !found.contains(id)) {
                problems.push(format!("{lang}: no message {id}"));
            }
            for id in found.iter().filter(|id| !ids.contains(**id)) {
                problems.push(format!("{lang}: {id} is made by no table"));
            }
            for (id, variables) in messages.iter().filter(|(id, _)| ids.contains(*id)) {
                if english.get(id).is_some_and(|en| en != variables) {
                    problems.push(format!(
                        "{lang}: {id} takes {variables:?}, English {:?}",
                        english[id]
                    ));
                }
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn a_word_is_found_whole() {
        assert!(has_word("  state cli: ESTABLISHED → CLOSE", "CLOSE"));
        assert!(!has_word("  state conn: ESTABLISHED → CLOSE_WAIT", "CLOSE"));
        assert!(has_word("> setsockopt c2 linger 0", "linger"));
        assert!(!has_word("> setsockopt c2 lingering 0", "linger"));
    }
}
