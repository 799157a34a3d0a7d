//! Lines already parsed, so a script's repeated lines (the send and recv of
//! a loop, a million-step run) are not parsed again.
//!
//! A line's parse depends on the line and on what the session answered
//! about names while it was parsed: whether a word is a handle, a closed
//! handle the kernel holds, a name a job will create; the encoding of
//! quoted text. The cache records those questions with their answers and
//! reuses a parse only while the session gives the same answers to the
//! same questions — so it never has to be told what changed (a session
//! that promises an epoch which moves whenever an answer may have, as
//! `Session` does, spares it asking again while the epoch stands still;
//! a debug build asks anyway, and checks). A parse that
//! asked for the current handle or the list of all names (a line without
//! a handle, an error's hint) is not kept. Only parses that succeeded are.
//!
//! Owns: the recorded parses. Knows nothing of what a command does.

use std::cell::{Cell, RefCell};

use super::{Parsed, parse};
use crate::encoding::Encoding;
use crate::error::UsageError;
use crate::parse::HandleNames;

/// How many different lines are kept (a loop's body, a few lines long).
const KEPT: usize = 16;
/// Lines longer than this are parsed every time (data, not a loop's step).
const LONGEST: usize = 256;

/// A question asked of the session while a line was parsed, and its answer.
#[derive(Clone, PartialEq, Eq)]
enum Asked {
    IsHandle(String, bool),
    KernelHeld(String, bool),
    Reserved(String, Option<u32>),
    Encoding(&'static Encoding),
}

impl Asked {
    /// Whether the session still answers the same.
    fn holds(&self, handles: &dyn HandleNames) -> bool {
        match self {
            Asked::IsHandle(name, answer) => handles.is_handle(name) == *answer,
            Asked::KernelHeld(name, answer) => handles.is_kernel_held(name) == *answer,
            Asked::Reserved(name, answer) => handles.reserved_by(name) == *answer,
            Asked::Encoding(answer) => std::ptr::eq(handles.encoding(), *answer),
        }
    }
}

struct Entry {
    line: String,
    /// Whether the line is printable ASCII only (as a script's lines
    /// mostly are): shown as it is, with nothing to escape.
    plain: bool,
    asked: Vec<Asked>,
    /// The session's names epoch when `asked` was last found to hold.
    verified: Cell<Option<u64>>,
    parsed: Parsed,
}

impl Entry {
    /// Whether the session still answers the parse's questions the same:
    /// known without asking while its names epoch has not moved.
    fn holds(&self, handles: &dyn HandleNames) -> bool {
        let epoch = handles.names_epoch();
        if epoch.is_some() && self.verified.get() == epoch {
            debug_assert!(
                self.asked.iter().all(|asked| asked.holds(handles)),
                "the names epoch stood still while an answer changed: {}",
                self.line
            );
            return true;
        }
        let holds = self.asked.iter().all(|asked| asked.holds(handles));
        if holds {
            self.verified.set(epoch);
        }
        holds
    }
}

/// A kept line, as `lookup_bytes` finds it.
pub struct Kept<'a> {
    /// The line (the same bytes as asked for, known to be UTF-8).
    pub line: &'a str,
    /// Printable ASCII only (see `safe_text::plain_ascii`).
    pub plain: bool,
    pub parsed: &'a Parsed,
}

/// The recently parsed lines, most recent last.
#[derive(Default)]
pub struct ParseCache {
    entries: Vec<Entry>,
}

impl ParseCache {
    /// `command::parse`, reusing an earlier parse of the same line while
    /// the session answers its questions the same.
    pub fn parse(
        &mut self,
        line: &str,
        handles: &dyn HandleNames,
    ) -> Result<Option<Parsed>, (Option<&'static str>, UsageError)> {
        if line.len() > LONGEST {
            return parse(line, handles);
        }
        if let Some(parsed) = self.lookup(line, handles) {
            return Ok(Some(parsed.clone()));
        }
        let recorder = Recorder {
            handles,
            asked: RefCell::new(Vec::new()),
            unkeepable: Cell::new(false),
        };
        let epoch = handles.names_epoch();
        let parsed = parse(line, &recorder)?;
        if let Some(parsed) = &parsed
            && !recorder.unkeepable.get()
        {
            self.entries.retain(|e| e.line != line);
            if self.entries.len() == KEPT {
                self.entries.remove(0);
            }
            self.entries.push(Entry {
                line: line.to_string(),
                plain: crate::safe_text::plain_ascii(line.as_bytes()),
                asked: recorder.asked.into_inner(),
                verified: Cell::new(epoch),
                parsed: parsed.clone(),
            });
        }
        Ok(parsed)
    }
}

impl ParseCache {
    /// The parse of `line` kept from before, if the session still answers
    /// its questions the same.
    pub fn lookup(&self, line: &str, handles: &dyn HandleNames) -> Option<&Parsed> {
        self.lookup_bytes(line.as_bytes(), handles)
            .map(|kept| kept.parsed)
    }

    /// `lookup` for a line as read: its text (the kept line is the same
    /// bytes, so they are UTF-8 without checking them again), whether it
    /// is plain, and its parse.
    pub fn lookup_bytes(&self, line: &[u8], handles: &dyn HandleNames) -> Option<Kept<'_>> {
        self.entries
            .iter()
            .rev()
            .find(|e| e.line.as_bytes() == line)
            .filter(|entry| entry.holds(handles))
            .map(|entry| Kept {
                line: entry.line.as_str(),
                plain: entry.plain,
                parsed: &entry.parsed,
            })
    }
}

/// The session's answers, passed through and written down.
struct Recorder<'a> {
    handles: &'a dyn HandleNames,
    asked: RefCell<Vec<Asked>>,
    /// The parse asked something whose answer changes at every step.
    unkeepable: Cell<bool>,
}

impl Recorder<'_> {
    fn note(&self, asked: Asked) {
        let mut list = self.asked.borrow_mut();
        if !list.contains(&asked) {
            list.push(asked);
        }
    }
}

impl HandleNames for Recorder<'_> {
    fn is_handle(&self, name: &str) -> bool {
        let answer = self.handles.is_handle(name);
        self.note(Asked::IsHandle(name.to_string(), answer));
        answer
    }

    fn current(&self) -> Option<&str> {
        self.unkeepable.set(true);
        self.handles.current()
    }

    fn handle_names(&self) -> Vec<String> {
        self.unkeepable.set(true);
        self.handles.handle_names()
    }

    fn is_kernel_held(&self, name: &str) -> bool {
        let answer = self.handles.is_kernel_held(name);
        self.note(Asked::KernelHeld(name.to_string(), answer));
        answer
    }

    fn program_of_socket(&self, name: &str) -> Option<String> {
        // Programs start and end between steps: not kept.
        self.unkeepable.set(true);
        self.handles.program_of_socket(name)
    }

    fn reserved_by(&self, name: &str) -> Option<u32> {
        let answer = self.handles.reserved_by(name);
        self.note(Asked::Reserved(name.to_string(), answer));
        answer
    }

    fn encoding(&self) -> &'static Encoding {
        let answer = self.handles.encoding();
        self.note(Asked::Encoding(answer));
        answer
    }

    /// A line sending `$data` is parsed anew each time: the name's bytes
    /// change with every receive that keeps them.
    fn data(&self, name: &str) -> Option<&[u8]> {
        self.unkeepable.set(true);
        self.handles.data(name)
    }

    fn data_names(&self) -> Vec<String> {
        self.unkeepable.set(true);
        self.handles.data_names()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Names {
        names: Vec<String>,
        current: Option<String>,
        encoding: &'static Encoding,
        epoch: Option<u64>,
    }

    impl HandleNames for Names {
        fn is_handle(&self, name: &str) -> bool {
            self.names.iter().any(|n| n == name)
        }
        fn current(&self) -> Option<&str> {
            self.current.as_deref()
        }
        fn handle_names(&self) -> Vec<String> {
            self.names.clone()
        }
        fn encoding(&self) -> &'static Encoding {
            self.encoding
        }
        fn names_epoch(&self) -> Option<u64> {
            self.epoch
        }
    }

    fn names(list: &[&str], current: Option<&str>) -> Names {
        Names {
            names: list.iter().map(|n| n.to_string()).collect(),
            current: current.map(str::to_string),
            encoding: crate::encoding::UTF_8,
            epoch: None,
        }
    }

    /// Debug text of a parse: what a fresh parse and the cache must agree on.
    fn shown(result: Result<Option<Parsed>, (Option<&'static str>, UsageError)>) -> String {
        match result {
            Ok(parsed) => format!("{parsed:?}"),
            Err((verb, error)) => format!("{verb:?} {error}"),
        }
    }

    /// Whatever the session's names do between two parses of the same line,
    /// the cache answers as a fresh parse would.
    #[test]
    fn a_kept_parse_is_used_only_while_the_names_answer_the_same() {
        let mut cache = ParseCache::default();
        let sessions = [
            names(&["cli", "srv"], Some("srv")),
            names(&["srv"], Some("srv")),
            names(&["cli", "srv"], Some("cli")),
            names(&["cli"], None),
            names(&[], None),
            Names {
                encoding: crate::encoding::by_name("gbk").unwrap(),
                ..names(&["cli", "srv"], Some("srv"))
            },
        ];
        let lines = [
            "send cli \"你好\"",
            "send \"x\"",
            "recv cli 10",
            "recv 10",
            "connect srv",
            "connect cli srv",
            "close cli",
            "c = socket tcp",
            "send nobody x",
        ];
        for round in 0..3 {
            for session in &sessions {
                for line in lines {
                    let fresh = shown(parse(line, session));
                    let cached = shown(cache.parse(line, session));
                    assert_eq!(cached, fresh, "round {round}, line {line:?}");
                }
            }
        }
    }

    #[test]
    fn a_line_that_needs_the_current_handle_is_not_kept() {
        let mut cache = ParseCache::default();
        let first = names(&["a", "b"], Some("a"));
        cache.parse("recv 10", &first).unwrap();
        assert!(cache.entries.is_empty());
        cache.parse("recv b 10", &first).unwrap();
        assert_eq!(cache.entries.len(), 1);
        let Ok(Some(Parsed { verb: "recv", .. })) = cache.parse("recv b 10", &first) else {
            panic!("the kept parse of a recv");
        };
    }

    /// With a session that keeps an epoch, a kept parse is used while the
    /// epoch stands still, and checked again once it moves: gone when the
    /// names answer otherwise, kept (and not checked again) when they do not.
    #[test]
    fn a_moved_epoch_checks_the_answers_again() {
        let mut cache = ParseCache::default();
        let with = |list: &[&str], epoch| Names {
            epoch: Some(epoch),
            ..names(list, None)
        };
        let line = "send cli \"x\"";
        cache.parse(line, &with(&["cli"], 1)).unwrap();
        assert!(cache.lookup(line, &with(&["cli"], 1)).is_some());
        assert!(cache.lookup(line, &with(&["cli", "srv"], 2)).is_some());
        assert_eq!(cache.entries[0].verified.get(), Some(2));
        assert!(cache.lookup(line, &with(&["srv"], 3)).is_none());
        assert_eq!(cache.entries[0].verified.get(), Some(2));
        assert!(cache.lookup(line, &with(&[], 4)).is_none());
        assert!(cache.lookup(line, &with(&["cli"], 5)).is_some());
    }

    /// A session whose epoch stood still while a name went away breaks
    /// the promise the cache relies on: a debug build says so (every test
    /// run checks the session's epoch on each kept line this way).
    #[cfg(debug_assertions)]
    #[test]
    #[should_panic(expected = "the names epoch stood still while an answer changed")]
    fn a_debug_build_catches_an_epoch_that_stood_still() {
        let mut cache = ParseCache::default();
        let line = "send cli \"x\"";
        let before = Names {
            epoch: Some(7),
            ..names(&["cli"], None)
        };
        cache.parse(line, &before).unwrap();
        let after = Names {
            epoch: Some(7),
            ..names(&["srv"], None)
        };
        let _ = cache.lookup(line, &after);
    }
}
