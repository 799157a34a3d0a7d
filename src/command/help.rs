//! `help [VERB|ERRNO|options]`, and docs/commands.md: all generated from the
//! command table and the option table, so they say what the parser accepts.

use std::fmt::Write as _;

use super::action::{Action, boxed};
use super::sockopt::OPTIONS;
use super::{Arg, COMMANDS, Group, Spec, python_table, topics, winsock};
use crate::error::UsageError;
use crate::names;
use crate::parse::Cursor;
use crate::step::Step;

pub const SPEC: Spec = Spec {
    name: "help",
    usage: "help [VERB|ERRNO|STATE|OPTION|PYTHON-NAME|keepalive|python|options]",
    syscall: "",
    errnos: &[],
    args: &[Arg::HelpTopic],
    creates: 0,
    group: Group::Session,
    background: false,
    parse: |c| boxed(Help::parse(c)),
};

#[derive(Debug, Clone)]
pub struct Help {
    topic: Option<String>,
}

impl Help {
    pub fn parse(cursor: &mut Cursor) -> Result<Help, UsageError> {
        let mut topic = match cursor.peek() {
            Some(_) => Some(cursor.word("TOPIC")?.text.to_string()),
            None => None,
        };
        // Python on Windows says `[WinError 10054]`: two words, one topic.
        if let Some(first) = &topic
            && first
                .trim_start_matches('[')
                .eq_ignore_ascii_case("winerror")
            && cursor.peek().is_some()
        {
            topic = Some(format!("{first} {}", cursor.word("NUMBER")?.text));
        }
        cursor.finish()?;
        if let Some(topic) = &topic
            && lines_for(topic).is_none()
        {
            let near = crate::suggest::nearest(
                topic,
                COMMANDS
                    .iter()
                    .map(|s| s.name)
                    .chain(topics::names())
                    .chain(winsock::names()),
            );
            let message = match near {
                Some(near) => crate::t!("help-no-such-topic-near", topic = topic, near = near),
                None => crate::t!("help-no-such-topic", topic = topic),
            };
            return Err(UsageError::new(message));
        }
        Ok(Help { topic })
    }

    pub fn execute(self) -> Step {
        let mut step = Step::new(SPEC.name, None);
        // Fitted to the terminal as it is shown (`render::wrap`).
        step.lines = match &self.topic {
            None => overview(),
            Some(topic) => lines_for(topic).unwrap_or_default(),
        }
        .into_iter()
        .map(crate::step::Line::Text)
        .collect();
        step
    }
}

/// Help text for a topic, or None when there is no such topic.
pub fn lines_for(topic: &str) -> Option<Vec<String>> {
    let lower = topic.to_ascii_lowercase();
    // `help LISTEN` is the state, `help listen` the verb.
    if topics::is_state_in_capitals(topic) {
        return topics::lines_for(topic, false);
    }
    if let Some(spec) = super::spec(&lower) {
        let mut lines = verb_help(spec);
        if let Some(method) = python_table::method(&lower) {
            lines.push(crate::t!(
                "help-in-python",
                method = method.name,
                note = method.note()
            ));
        }
        if let Some(state) = topics::state_named_like(&lower) {
            lines.push(crate::t!("help-state-in-capitals", state = state));
        }
        return Some(lines);
    }
    if lower == "options" {
        return Some(options_help());
    }
    if lower == "python" {
        return Some(python_help());
    }
    if let Some(errno) = names::errno_from_name(topic) {
        return Some(errno_help(errno));
    }
    // `help 10054`, `help WSAECONNRESET`: Windows' name, and its twin.
    if let Some(error) = winsock::named(topic)
        && let Some(twin) = names::errno_from_name(error.twin)
    {
        let mut lines = winsock::help_lines(error, twin);
        lines.extend(errno_help(twin));
        return Some(lines);
    }
    // `help 111`: an errno by its number.
    if let Ok(number) = topic.parse::<i32>()
        && let errno = nix::errno::Errno::from_raw(number)
        && errno != nix::errno::Errno::UnknownErrno
    {
        return Some(errno_help(errno));
    }
    if let Some(lines) = topics::lines_for(topic, false) {
        return Some(lines);
    }
    if let Some(exception) = python_table::exception(topic) {
        let mut lines = python_table::exception_help(exception);
        for errno in exception
            .errnos
            .iter()
            .filter_map(|e| names::errno_from_name(e))
        {
            lines.push(String::new());
            lines.extend(errno_help(errno));
        }
        return Some(lines);
    }
    if let Some(method) = python_table::method(topic) {
        return Some(python_table::method_help(method));
    }
    // An option's short name (`help reuseaddr`), after Python's names.
    topics::lines_for(topic, true)
}

/// `help python`: Python's socket methods and their socklab lines.
fn python_help() -> Vec<String> {
    let mut lines = vec![crate::t!("help-python-heading")];
    for method in python_table::METHODS {
        let socklab = match method.socklab.is_empty() {
            true => crate::t!("help-python-no-line"),
            false => method.socklab.to_string(),
        };
        lines.push(format!("  {:<12} {socklab}", method.name));
    }
    lines.push(crate::t!("help-python-translate"));
    lines
}

/// The command list, grouped: each usage and its whole summary.
pub fn overview() -> Vec<String> {
    let mut lines = Vec::new();
    for group in Group::ALL {
        lines.push(crate::t!("help-group-heading", title = group.title()));
        for spec in COMMANDS.iter().filter(|s| s.group == group) {
            lines.push(format!("  {}", spec.usage));
            lines.push(format!("      {}", spec.summary()));
        }
    }
    lines.push(String::new());
    lines.push(crate::t!("help-overview-handles"));
    lines.push(crate::t!("help-overview-more"));
    lines.push(crate::t!("help-overview-lessons"));
    lines
}

/// Help lines wrapped to the terminal's width (`COLUMNS` when standard
/// output is not a terminal; as they are when neither is known): for
/// `socklab help`, which no session shows.
pub fn fit_to_terminal(lines: Vec<String>) -> Vec<String> {
    match crate::render::wrap::Fit::for_stdout().width() {
        Some(width) => wrap(&lines, width),
        None => lines,
    }
}

/// Wraps each line at word boundaries — never inside a word — to `width`
/// columns (`render::wrap`: a continuation line starts under a label, at a
/// table's column, or two in).
pub fn wrap(lines: &[String], width: usize) -> Vec<String> {
    crate::render::wrap::wrap_lines(lines, width)
}

fn verb_help(spec: &Spec) -> Vec<String> {
    let mut lines = vec![crate::t!("help-usage", usage = spec.usage)];
    if !spec.syscall.is_empty() {
        lines.push(crate::t!("help-call", call = spec.syscall));
    }
    lines.push(spec.summary());
    lines.extend(spec.notes());
    if spec.background {
        lines.push(crate::t!("help-background"));
    }
    if !spec.errnos.is_empty() {
        lines.push(crate::t!("help-errnos-you-may-meet"));
        for name in spec.errnos {
            lines.push(format!("  {name:<13} {}", spec.errno_note(name)));
        }
    }
    if spec.name == "setsockopt" || spec.name == "getsockopt" {
        lines.extend(options_help());
    }
    if spec.name == "sysctl" {
        lines.extend(crate::lab::sysctl::help_lines());
    }
    lines
}

fn options_help() -> Vec<String> {
    let mut lines = vec![crate::t!("help-options-heading")];
    for o in OPTIONS {
        let ro = read_only_mark(o.writable);
        lines.push(format!(
            "  {:<14} {:<11} {:<12} {}{ro}",
            o.name, o.short, o.level, o.note
        ));
    }
    lines
}

/// ` (read-only)` after an option's meaning, or nothing.
fn read_only_mark(writable: bool) -> String {
    match writable {
        true => String::new(),
        false => format!(" {}", crate::t!("help-read-only")),
    }
}

fn errno_help(errno: nix::errno::Errno) -> Vec<String> {
    let name = names::errno_name(errno);
    let number = errno as i32;
    let mut lines = vec![crate::t!(
        "help-errno-heading",
        errno = name.as_str(),
        meaning = errno.desc(),
        number = number
    )];
    let uses: Vec<String> = COMMANDS
        .iter()
        .filter(|spec| spec.errnos.contains(&name.as_str()))
        .map(|spec| format!("  {:<12} {}", spec.name, spec.errno_note(&name)))
        .collect();
    if uses.is_empty() {
        lines.push(crate::t!("help-errno-not-met"));
    } else {
        lines.push(crate::t!("help-errno-where"));
        lines.extend(uses);
    }
    let variants: Vec<String> = super::why::VARIANTS
        .iter()
        .filter(|v| v.errno == name)
        .map(|v| format!("  {:<18} {}", v.when, v.why))
        .collect();
    if !variants.is_empty() {
        lines.push(crate::t!("help-errno-why-variants"));
        lines.extend(variants);
    }
    lines
}

/// docs/commands.md, generated in English whatever the language; a test
/// keeps the file equal to this.
pub fn markdown() -> String {
    crate::i18n::in_english(markdown_in_english)
}

fn markdown_in_english() -> String {
    let mut out = String::from(
        "# socklab commands\n\n\
         Generated by `socklab help --markdown` from the command table; do not edit by hand.\n\n\
         A line is `[NAMES =] VERB [H] ARGS... [&]`. `H` is a handle name; without it a command \
         acts on the current handle. `#` starts a comment. A blocking call (accept, connect, send, \
         sendall, sendto, recv, recvfrom, poll) followed by `&` runs on a worker thread: see \
         [In the background](#in-the-background-worker-threads).\n",
    );
    for group in Group::ALL {
        let _ = write!(out, "\n## {}\n", group.title());
        for spec in COMMANDS.iter().filter(|s| s.group == group) {
            let _ = write!(out, "\n### `{}`\n\n", spec.usage);
            if !spec.syscall.is_empty() {
                let _ = writeln!(out, "Call: {}\n", spec.syscall);
            }
            let _ = writeln!(out, "{}", spec.summary());
            if let Some(notes) = spec.notes() {
                let _ = writeln!(out, "\n{notes}");
            }
            if spec.background {
                let _ = writeln!(out, "\n{}", crate::t!("help-background"));
            }
            if !spec.errnos.is_empty() {
                out.push_str("\n| errno | what it means here |\n|---|---|\n");
                for name in spec.errnos {
                    let _ = writeln!(out, "| {name} | {} |", spec.errno_note(name));
                }
            }
        }
    }
    out.push_str(&sysctl_markdown());
    out.push_str(
        "\n## Socket options\n\n| option | short name | level | meaning |\n|---|---|---|---|\n",
    );
    for o in OPTIONS {
        let ro = read_only_mark(o.writable);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {}{ro} |",
            o.name, o.short, o.level, o.note
        );
    }
    out
}

/// The settings `sysctl` may set, as a table for docs/commands.md.
fn sysctl_markdown() -> String {
    use crate::lab::sysctl::{READ_ONLY, SETTINGS, Values};
    let mut out = String::from(
        "\n## Lab host settings (`sysctl`)\n\nOnly these per-host settings can be set, each \
         within its range; every other name is refused (it may act on the whole machine).\n\n\
         | setting | values | what it decides |\n|---|---|---|\n",
    );
    for setting in SETTINGS {
        let values = match setting.values {
            Values::Number(low, high) => format!("{low} to {high}"),
            Values::Pair(low, high) => format!("LOW,HIGH ({low} to {high})"),
            Values::Triple(low, high) => format!("MIN,DEFAULT,MAX ({low} to {high})"),
            Values::Congestion => "one of tcp_available_congestion_control".to_string(),
        };
        let _ = writeln!(out, "| {} | {values} | {} |", setting.name, setting.note);
    }
    let _ = writeln!(out, "\nRead only: {}.", READ_ONLY.join(", "));
    out
}

impl Action for Help {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        _session: &mut crate::session::Session,
    ) -> Result<Step, UsageError> {
        Ok(self.execute())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_topic_kind_has_help() {
        assert!(lines_for("connect").unwrap()[0].starts_with("usage: connect"));
        assert!(
            lines_for("ECONNREFUSED")
                .unwrap()
                .iter()
                .any(|l| l.contains("connect"))
        );
        assert!(lines_for("econnrefused").is_some());
        assert!(
            lines_for("options")
                .unwrap()
                .iter()
                .any(|l| l.contains("SO_LINGER"))
        );
        assert!(lines_for("nonsense").is_none());
    }

    #[test]
    fn every_errno_named_in_the_table_is_real() {
        for spec in COMMANDS {
            for name in spec.errnos {
                assert!(
                    names::errno_from_name(name).is_some(),
                    "{}: {name}",
                    spec.name
                );
            }
        }
    }
    #[test]
    fn help_fits_80_columns_and_never_breaks_a_word() {
        let mut all = overview();
        all.extend(options_help());
        for spec in COMMANDS {
            all.extend(verb_help(spec));
        }
        let words: Vec<String> = all
            .iter()
            .flat_map(|l| l.split_whitespace())
            .map(String::from)
            .collect();
        let wrapped = wrap(&all, 80);
        let rewords: Vec<String> = wrapped
            .iter()
            .flat_map(|l| l.split_whitespace())
            .map(String::from)
            .collect();
        assert_eq!(words, rewords, "every word whole, in order");
        for line in &wrapped {
            let longest_word = line
                .split_whitespace()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0);
            assert!(
                line.chars().count() <= 80 || longest_word > 70,
                "too wide: {line:?}"
            );
        }
        // The summary that used to be cut at its first period is whole.
        let text = wrapped.join(" ");
        assert!(
            text.contains("TIME_WAIT"),
            "options help keeps TIME_WAIT whole"
        );
        let await_summary = COMMANDS
            .iter()
            .find(|s| s.name == "await")
            .unwrap()
            .summary();
        let squeezed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            squeezed.contains(&await_summary),
            "the await summary is whole"
        );
    }
}
