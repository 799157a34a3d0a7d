//! The socket options socklab knows: each one's C name, short name, level,
//! kind of value, whether it can be set, and what it is for. The one place
//! options are described: help, completion, `setsockopt` and `getsockopt`
//! read it. What each option is for is worded in i18n/*/socklab.ftl
//! (`opt-NAME`).

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptKind {
    Bool,
    Int,
    /// A whole number of seconds (or a duration that is one).
    Seconds,
    /// A whole number of milliseconds (or a duration that is one).
    Millis,
    /// A `struct timeval`: a duration (bare: seconds).
    Timeout,
    Linger,
    Errno,
    SockType,
}

#[derive(Debug, Clone)]
pub struct OptSpec {
    pub name: &'static str,
    pub short: &'static str,
    pub level: &'static str,
    pub kind: OptKind,
    pub writable: bool,
    /// What it is for, worded when shown (the message `opt-NAME`).
    pub note: Meaning,
}

/// What an option is for, in the language text is shown in: the message
/// `opt-` and the option's C name (`opt-SO_REUSEADDR`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Meaning(&'static str);

impl Meaning {
    /// The id of its message: `opt-SO_REUSEADDR`.
    pub fn id(self) -> String {
        format!("opt-{}", self.0)
    }
}

impl fmt::Display for Meaning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = crate::i18n::lookup(&self.id());
        f.write_str(text.as_deref().unwrap_or(self.0))
    }
}

const fn opt(
    name: &'static str,
    short: &'static str,
    level: &'static str,
    kind: OptKind,
) -> OptSpec {
    OptSpec {
        name,
        short,
        level,
        kind,
        writable: true,
        note: Meaning(name),
    }
}

const fn read_only(name: &'static str, short: &'static str, kind: OptKind) -> OptSpec {
    OptSpec {
        name,
        short,
        level: "SOL_SOCKET",
        kind,
        writable: false,
        note: Meaning(name),
    }
}

pub const OPTIONS: &[OptSpec] = &[
    opt("SO_REUSEADDR", "reuseaddr", "SOL_SOCKET", OptKind::Bool),
    opt("SO_REUSEPORT", "reuseport", "SOL_SOCKET", OptKind::Bool),
    opt("SO_KEEPALIVE", "keepalive", "SOL_SOCKET", OptKind::Bool),
    opt("SO_BROADCAST", "broadcast", "SOL_SOCKET", OptKind::Bool),
    opt("SO_RCVBUF", "rcvbuf", "SOL_SOCKET", OptKind::Int),
    opt("SO_SNDBUF", "sndbuf", "SOL_SOCKET", OptKind::Int),
    opt("SO_RCVTIMEO", "rcvtimeo", "SOL_SOCKET", OptKind::Timeout),
    opt("SO_SNDTIMEO", "sndtimeo", "SOL_SOCKET", OptKind::Timeout),
    opt("SO_LINGER", "linger", "SOL_SOCKET", OptKind::Linger),
    read_only("SO_ERROR", "error", OptKind::Errno),
    read_only("SO_TYPE", "type", OptKind::SockType),
    read_only("SO_ACCEPTCONN", "acceptconn", OptKind::Bool),
    opt("TCP_NODELAY", "nodelay", "IPPROTO_TCP", OptKind::Bool),
    opt("TCP_CORK", "cork", "IPPROTO_TCP", OptKind::Bool),
    opt("TCP_MAXSEG", "maxseg", "IPPROTO_TCP", OptKind::Int),
    opt("TCP_KEEPIDLE", "keepidle", "IPPROTO_TCP", OptKind::Seconds),
    opt(
        "TCP_KEEPINTVL",
        "keepintvl",
        "IPPROTO_TCP",
        OptKind::Seconds,
    ),
    opt("TCP_KEEPCNT", "keepcnt", "IPPROTO_TCP", OptKind::Int),
    opt(
        "TCP_USER_TIMEOUT",
        "usertimeout",
        "IPPROTO_TCP",
        OptKind::Millis,
    ),
    opt("TCP_SYNCNT", "syncnt", "IPPROTO_TCP", OptKind::Int),
    opt(
        "TCP_WINDOW_CLAMP",
        "windowclamp",
        "IPPROTO_TCP",
        OptKind::Int,
    ),
    opt("TCP_QUICKACK", "quickack", "IPPROTO_TCP", OptKind::Bool),
    opt("IP_RECVERR", "recverr", "IPPROTO_IP", OptKind::Bool),
    opt("IP_TTL", "ttl", "IPPROTO_IP", OptKind::Int),
    opt("IP_TOS", "tos", "IPPROTO_IP", OptKind::Int),
    opt("IPV6_V6ONLY", "v6only", "IPPROTO_IPV6", OptKind::Bool),
];

/// An option by C name or short name, in any case.
pub fn find_option(text: &str) -> Option<&'static OptSpec> {
    OPTIONS
        .iter()
        .find(|o| o.name.eq_ignore_ascii_case(text) || o.short.eq_ignore_ascii_case(text))
}

/// The unit a time-valued option's number counts, as shown after it.
pub fn unit_of(option: &OptSpec) -> &'static str {
    match option.kind {
        OptKind::Millis => "ms",
        _ => "s",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, ftl_source};

    /// The files themselves, not the loader: a loader falls back to
    /// English for a message its language lacks.
    #[test]
    fn every_option_has_its_meaning_in_english_russian_and_chinese() {
        for lang in Lang::ALL {
            let source = ftl_source(lang).expect("the language's messages");
            for option in OPTIONS {
                let id = option.note.id();
                assert!(source.contains(&format!("\n{id} = ")), "{lang} lacks {id}");
            }
        }
    }

    #[test]
    fn a_meaning_is_worded_in_the_language_shown() {
        let reuse = find_option("reuseaddr").expect("SO_REUSEADDR");
        let english = crate::i18n::in_english(|| reuse.note.to_string());
        let russian = crate::i18n::in_lang(Lang::Ru, || reuse.note.to_string());
        assert!(english.starts_with("bind even while"), "{english}");
        assert!(
            russian.contains("TIME_WAIT") && russian != english,
            "{russian}"
        );
    }
}
