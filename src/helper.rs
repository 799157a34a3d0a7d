//! The rustyline helper: completion, hints and highlighting, all derived
//! from the command table (`command::COMMANDS`) and the live handle names.

use std::borrow::Cow;
use std::sync::{Arc, Mutex};

use colored::Colorize;
use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Helper};

use crate::command::sockopt_names;
use crate::command::{Arg, COMMANDS, Spec, spec};
use crate::names::{self, TcpState};
use crate::session::Kind;

/// The live handle names and, as `$name`, the data names
/// (`Session::completion_names`), refreshed by the shell after every step
/// (and by its courier when a background accept adds one).
pub type HandleList = Arc<Mutex<Vec<String>>>;

/// Completes and hints from the command table and the live handle names.
pub struct SocklabHelper {
    pub handles: HandleList,
    files: FilenameCompleter,
}

impl SocklabHelper {
    pub fn new(handles: HandleList) -> SocklabHelper {
        SocklabHelper {
            handles,
            files: FilenameCompleter::new(),
        }
    }

    /// The handle names.
    fn names(&self) -> Vec<String> {
        self.all_names(false)
    }

    /// The handle names, or the data names (`$data`).
    fn all_names(&self, data: bool) -> Vec<String> {
        self.handles
            .lock()
            .map(|h| {
                h.iter()
                    .filter(|name| name.starts_with('$') == data)
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    }

    fn is_handle(&self, word: &str) -> bool {
        self.names().iter().any(|h| h == word)
    }

    /// Which argument kinds may stand at argument `index` (0 = first after the verb).
    fn kinds_at(&self, spec: &Spec, typed: &[&str], index: usize) -> Vec<Arg> {
        let mut kinds = Vec::new();
        let optional_handle = spec.args.first() == Some(&Arg::Handle);
        let skipped = optional_handle && typed.first().is_some_and(|w| !self.is_handle(w));
        let shift = usize::from(skipped);
        if let Some(kind) = spec.args.get(index + shift) {
            kinds.push(*kind);
        }
        if index == 0
            && optional_handle
            && let Some(kind) = spec.args.get(1)
        {
            kinds.push(*kind);
        }
        if let Some(last) = spec.args.last()
            && matches!(last, Arg::SendFlags | Arg::RecvFlags | Arg::Handles)
            && index + shift >= spec.args.len()
        {
            kinds.push(*last);
        }
        kinds
    }

    fn candidates(&self, kind: Arg) -> Vec<String> {
        let strings = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
        match kind {
            Arg::Handle | Arg::Handles => self.names(),
            Arg::Addr => {
                let mut list = self.names();
                list.extend([
                    "127.0.0.1:".into(),
                    "[::1]:".into(),
                    "localhost:".into(),
                    "@".into(),
                ]);
                list
            }
            Arg::SocketKind => Kind::ALL.iter().map(|k| k.name().to_string()).collect(),
            Arg::PairKind => strings(&["unix", "unix-dgram", "unix-seqpacket"]),
            Arg::SockOpt => sockopt_names(),
            Arg::OptValue => strings(&["on", "off"]),
            Arg::Words(words) => strings(words),
            Arg::Encoding => strings(crate::encoding::OFFERED),
            Arg::LabHost => crate::lab::Host::ALL
                .iter()
                .map(|host| host.name().to_string())
                .collect(),
            Arg::SendFlags => names::SEND_FLAGS
                .iter()
                .map(|f| f.short.to_string())
                .collect(),
            Arg::RecvFlags => names::RECV_FLAGS
                .iter()
                .map(|f| f.short.to_string())
                .collect(),
            Arg::HelpTopic => {
                let mut list: Vec<String> = COMMANDS.iter().map(|s| s.name.to_string()).collect();
                list.push("options".into());
                list.push("python".into());
                list.extend(crate::command::help_topic_names().map(String::from));
                list.extend(names::all_errno_names());
                list
            }
            Arg::StateOrEvent => {
                let mut list = strings(TcpState::all_names());
                list.extend(["readable".into(), "writable".into(), "wire".into()]);
                list
            }
            Arg::Lesson => crate::transcript::library::all()
                .iter()
                .map(|lesson| lesson.name.to_string())
                .collect(),
            Arg::Data => self.all_names(true),
            Arg::Number | Arg::File | Arg::Job => Vec::new(),
        }
    }
}

/// The words of `line` before `pos`, and where the word being typed starts.
fn words_before(line: &str, pos: usize) -> (Vec<&str>, usize) {
    let head = &line[..pos];
    let start = head.rfind([' ', '\t']).map_or(0, |i| i + 1);
    let body = head
        .split_once('=')
        .filter(|(names, _)| !names.contains('"'))
        .map_or(head, |(_, rest)| rest);
    let words: Vec<&str> = body[..body.len() - (head.len() - start).min(body.len())]
        .split_whitespace()
        .collect();
    (words, start)
}

impl Completer for SocklabHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let (words, start) = words_before(line, pos);
        let typed = &line[start..pos];
        let options: Vec<String> = match words.split_first() {
            None => COMMANDS.iter().map(|s| s.name.to_string()).collect(),
            Some((verb, args)) => match spec(&verb.to_ascii_lowercase()) {
                Some(spec) if spec.args.contains(&Arg::File) => {
                    return self.files.complete(line, pos, ctx);
                }
                Some(spec) => self
                    .kinds_at(spec, args, args.len())
                    .into_iter()
                    .flat_map(|kind| self.candidates(kind))
                    .collect(),
                None => Vec::new(),
            },
        };
        let lower = typed.to_ascii_lowercase();
        let mut pairs: Vec<Pair> = options
            .into_iter()
            .filter(|c| c.to_ascii_lowercase().starts_with(&lower))
            .map(|c| Pair {
                display: c.clone(),
                replacement: if c.ends_with(':') || c == "@" {
                    c
                } else {
                    format!("{c} ")
                },
            })
            .collect();
        pairs.dedup_by(|a, b| a.display == b.display);
        Ok((start, pairs))
    }
}

impl Hinter for SocklabHelper {
    type Hint = String;

    /// A dimmed usage hint: the verb's remaining arguments as you type.
    fn hint(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> Option<String> {
        if pos < line.len() || line.trim().is_empty() {
            return None;
        }
        let (words, start) = words_before(line, pos);
        let typed = &line[start..pos];
        let Some((verb, args)) = words.split_first() else {
            let matches: Vec<&&Spec> = COMMANDS
                .iter()
                .filter(|s| s.name.starts_with(typed))
                .collect();
            return match matches.as_slice() {
                [only] => Some(format!(
                    "{}{}",
                    &only.name[typed.len()..],
                    usage_args(only).map_or(String::new(), |a| format!(" {a}"))
                )),
                _ => None,
            };
        };
        if !typed.is_empty() {
            return None;
        }
        let spec = spec(&verb.to_ascii_lowercase())?;
        let usage: Vec<&str> = usage_args(spec)?.split_whitespace().collect();
        let skipped =
            usage.first() == Some(&"[H]") && args.first().is_some_and(|w| !self.is_handle(w));
        let from = args.len() + usize::from(skipped);
        let rest = usage.get(from..).filter(|r| !r.is_empty())?;
        Some(rest.join(" "))
    }
}

/// The part of a usage line after the verb: `[H] ADDR`.
fn usage_args(spec: &Spec) -> Option<&'static str> {
    let usage = spec.usage;
    let at = usage.find(spec.name)? + spec.name.len();
    let rest = usage[at..].trim();
    (!rest.is_empty()).then_some(rest)
}

impl Highlighter for SocklabHelper {
    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(
        &'s self,
        prompt: &'p str,
        _default: bool,
    ) -> Cow<'b, str> {
        Cow::Owned(prompt.cyan().bold().to_string())
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        Cow::Owned(hint.dimmed().to_string())
    }
}

impl Validator for SocklabHelper {}

impl Helper for SocklabHelper {}

#[cfg(test)]
mod tests {
    use super::*;

    fn helper(handles: &[&str]) -> SocklabHelper {
        SocklabHelper::new(Arc::new(Mutex::new(
            handles.iter().map(|s| s.to_string()).collect(),
        )))
    }

    fn complete(h: &SocklabHelper, line: &str) -> Vec<String> {
        let history = rustyline::history::DefaultHistory::new();
        let ctx = Context::new(&history);
        h.complete(line, line.len(), &ctx)
            .unwrap()
            .1
            .into_iter()
            .map(|p| p.display)
            .collect()
    }

    #[test]
    fn completes_from_the_table_and_the_handles() {
        let h = helper(&["srv", "cli"]);
        let cases: &[(&str, &[&str])] = &[
            ("lis", &["listen"]),
            (
                "socket u",
                &["udp", "udp6", "unix", "unix-dgram", "unix-seqpacket"],
            ),
            ("shutdown cli w", &["write"]),
            ("shutdown w", &["write"]),
            ("close s", &["srv"]),
            ("setsockopt srv SO_RE", &["SO_REUSEADDR", "SO_REUSEPORT"]),
            ("help ECONNRE", &["ECONNREFUSED", "ECONNRESET"]),
            ("recv cli 10 pe", &["peek"]),
            ("conn = acc", &["accept"]),
            ("await cli FIN_W", &["FIN_WAIT1", "FIN_WAIT2"]),
        ];
        for (line, want) in cases {
            assert_eq!(complete(&h, line), *want, "{line}");
        }
    }

    /// Data names (`$data`) are offered where DATA stands, never as handles.
    #[test]
    fn completes_data_names_where_data_stands() {
        let h = helper(&["srv", "cli", "$data", "$line"]);
        assert_eq!(complete(&h, "sendall cli $"), ["$data", "$line"]);
        assert_eq!(complete(&h, "send $d"), ["$data"]);
        assert_eq!(complete(&h, "sendto cli 127.0.0.1:9 $l"), ["$line"]);
        assert_eq!(complete(&h, "close "), ["srv", "cli"]);
        assert!(complete(&h, "recv cli $").is_empty());
    }

    #[test]
    fn hints_the_remaining_usage() {
        let h = helper(&["srv"]);
        let history = rustyline::history::DefaultHistory::new();
        let ctx = Context::new(&history);
        let cases: &[(&str, Option<&str>)] = &[
            ("bind ", Some("[H] ADDR")),
            ("bind srv ", Some("ADDR")),
            ("lis", Some("ten [H] [BACKLOG]")),
            ("bind srv 127.0.0.1:0 ", None),
            ("", None),
        ];
        for (line, want) in cases {
            assert_eq!(h.hint(line, line.len(), &ctx).as_deref(), *want, "{line:?}");
        }
    }
}
