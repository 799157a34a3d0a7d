//! `setsockopt` and `getsockopt`: one option each, by C name or short name.
//!
//! The options are described in `table` (the one place); `access` reads
//! and writes each with socket2's (or nix's) wrapper for it, which makes
//! exactly one getsockopt(2)/setsockopt(2) call.

mod access;
mod table;
use access::{get, set};
pub use table::{OPTIONS, OptKind, OptSpec, find_option};

use std::time::Duration;

use super::action::{Action, boxed};
use super::option_value::{self, SetValue};
use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::{Line, Step};

const SET_ERRNOS: &[&str] = &["ENOPROTOOPT", "EINVAL"];

/// getsockopt of an option of another protocol fails otherwise than setsockopt.
const GET_ERRNOS: &[&str] = &["EOPNOTSUPP"];

pub const SETSOCKOPT: Spec = Spec {
    name: "setsockopt",
    usage: "setsockopt [H] [LEVEL] OPTION VALUE",
    syscall: "setsockopt(2)",
    errnos: SET_ERRNOS,
    args: &[Arg::Handle, Arg::SockOpt, Arg::OptValue],
    creates: 0,
    group: Group::Options,
    background: false,
    parse: |c| boxed(Setsockopt::parse(c)),
};

pub const GETSOCKOPT: Spec = Spec {
    name: "getsockopt",
    usage: "getsockopt [H] [LEVEL] OPTION",
    syscall: "getsockopt(2)",
    errnos: GET_ERRNOS,
    args: &[Arg::Handle, Arg::SockOpt],
    creates: 0,
    group: Group::Options,
    background: false,
    parse: |c| boxed(Getsockopt::parse(c)),
};

fn parse_option(cursor: &mut Cursor) -> Result<&'static OptSpec, UsageError> {
    // The level, as Python and C write it (setsockopt SOL_SOCKET
    // SO_REUSEADDR 1), is taken and checked: the option knows its own.
    let level = cursor
        .peek()
        .and_then(|t| level_name(t.text).map(|name| (t, name)));
    if level.is_some() {
        cursor.word("LEVEL")?;
    }
    let token = cursor.word("OPTION")?;
    if let (Some((level_token, level)), Some(option)) = (level, find_option(token.text))
        && !same_level(level, option.level)
    {
        return Err(cursor.error_at(
            level_token,
            crate::worded!(
                "error-option-level",
                option = option.name,
                level = option.level,
                given = level
            ),
        ));
    }
    find_option(token.text).ok_or_else(|| {
        let names = OPTIONS.iter().flat_map(|o| [o.name, o.short]);
        let hint = match crate::suggest::nearest(token.text, names) {
            Some(near) => {
                crate::worded!("error-unknown-option-near", word = token.text, near = near)
            }
            None => crate::worded!("error-unknown-option", word = token.text),
        };
        cursor.error_at(token, hint)
    })
}

/// A level's canonical name, for `SOL_SOCKET`, `socket.SOL_SOCKET`,
/// `IPPROTO_TCP`, `SOL_TCP` …
fn level_name(word: &str) -> Option<&'static str> {
    let word = word.trim_end_matches(',');
    let word = word
        .strip_prefix("socket.")
        .unwrap_or(word)
        .to_ascii_uppercase();
    match word.as_str() {
        "SOL_SOCKET" => Some("SOL_SOCKET"),
        "IPPROTO_TCP" | "SOL_TCP" => Some("IPPROTO_TCP"),
        "IPPROTO_IP" | "SOL_IP" => Some("IPPROTO_IP"),
        "IPPROTO_IPV6" | "SOL_IPV6" => Some("IPPROTO_IPV6"),
        _ => None,
    }
}

fn same_level(given: &str, option_level: &str) -> bool {
    given == option_level
        || (given == "IPPROTO_TCP" && option_level == "SOL_TCP")
        || (given == "IPPROTO_IP" && option_level == "SOL_IP")
        || (given == "IPPROTO_IPV6" && option_level == "SOL_IPV6")
}

/// `1.5s`, `200ms`, `2` (seconds), `0`/`off` (none).
pub fn parse_duration(text: &str) -> Option<Duration> {
    crate::duration::parse(text)
}

#[derive(Debug, Clone)]
pub struct Setsockopt {
    handle: String,
    option: &'static OptSpec,
    value: SetValue,
}

impl Setsockopt {
    pub fn parse(cursor: &mut Cursor) -> Result<Setsockopt, UsageError> {
        let handle = cursor.handle()?;
        let option = parse_option(cursor)?;
        let token = cursor.word("VALUE")?;
        let value = option_value::parse(cursor, option, token)?;
        cursor.finish()?;
        Ok(Setsockopt {
            handle,
            option,
            value,
        })
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(SETSOCKOPT.name, Some(self.handle.clone()));
        let handle = session.lookup(&self.handle)?;
        let call = format!(
            "setsockopt({}, {}, {}, {})",
            self.handle,
            self.option.level,
            self.option.name,
            option_value::show(self.option, self.value)
        );
        let result = set(&handle.socket, self.option, self.value).map(|_| 0);
        session.record_call(&mut step, call, result, false);
        session.set_current(&self.handle);
        Ok(step)
    }
}

#[derive(Debug, Clone)]
pub struct Getsockopt {
    handle: String,
    option: &'static OptSpec,
}

impl Getsockopt {
    pub fn parse(cursor: &mut Cursor) -> Result<Getsockopt, UsageError> {
        let handle = cursor.handle()?;
        let option = parse_option(cursor)?;
        cursor.finish()?;
        Ok(Getsockopt { handle, option })
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(GETSOCKOPT.name, Some(self.handle.clone()));
        let handle = session.lookup(&self.handle)?;
        let call = format!(
            "getsockopt({}, {}, {})",
            self.handle, self.option.level, self.option.name
        );
        match get(&handle.socket, self.option) {
            Ok((value, shown)) => {
                session.record_call(&mut step, call, Ok(0), false);
                step.value = Some(Box::new(value));
                step.lines.push(Line::OptionValue(shown));
            }
            Err(error) => session.record_call(&mut step, call, Err(error), false),
        }
        session.set_current(&self.handle);
        Ok(step)
    }
}

impl Action for Setsockopt {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }
}

impl Action for Getsockopt {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        let cases = [
            ("1.5s", Some(1500)),
            ("200ms", Some(200)),
            ("2", Some(2000)),
            ("0", Some(0)),
            ("off", Some(0)),
            ("-1s", None),
            ("fast", None),
            ("1e99", None),
        ];
        for (text, ms) in cases {
            assert_eq!(
                parse_duration(text).map(|d| d.as_millis() as u64),
                ms,
                "{text}"
            );
        }
    }

    #[test]
    fn options_by_either_name() {
        assert_eq!(find_option("SO_REUSEADDR").unwrap().short, "reuseaddr");
        assert_eq!(find_option("reuseaddr").unwrap().name, "SO_REUSEADDR");
        assert_eq!(find_option("Rcvbuf").unwrap().name, "SO_RCVBUF");
        assert!(find_option("SO_NOTHING").is_none());
        for option in OPTIONS {
            assert!(
                option.name.contains('_') && !option.short.is_empty(),
                "{}",
                option.name
            );
        }
    }
}
