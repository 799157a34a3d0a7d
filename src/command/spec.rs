//! What describes a verb: its `Spec` (name, usage, the system call, help
//! text, errnos, argument kinds, group, whether it blocks) and the kinds of
//! argument completion and hints know.
//!
//! Owns: the types. Each verb's own file holds its `Spec` value; the table
//! of them is `command::COMMANDS`. A Spec holds names only (the verb, its
//! usage, its call, the errnos' names); what they mean is in the message
//! files, found by ids made from the verb's name (`cmd-listen-summary`,
//! `cmd-listen-notes`, `cmd-listen-errno-EADDRINUSE`, `cmd-group-socket`)
//! and read through the accessors below, in the language now chosen.

use super::action::ParseFn;

/// What an argument position holds, for completion and hints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arg {
    Handle,
    Handles,
    SocketKind,
    PairKind,
    Addr,
    Data,
    Number,
    SockOpt,
    OptValue,
    SendFlags,
    RecvFlags,
    HelpTopic,
    File,
    StateOrEvent,
    Job,
    /// A text encoding's name.
    Encoding,
    /// a or b: a host of the lab.
    LabHost,
    /// A built-in lesson's name (or a transcript file).
    Lesson,
    /// One of these words, as the verb's own parser takes them (a
    /// shutdown direction, a link property, a held-entry selector…): the
    /// verb's file holds the list, and completion offers it.
    Words(&'static [&'static str]),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Socket,
    Data,
    Options,
    Inspect,
    Background,
    Lab,
    Session,
}

impl Group {
    /// Every group, in the order help lists them.
    pub const ALL: [Group; 7] = [
        Group::Socket,
        Group::Data,
        Group::Options,
        Group::Inspect,
        Group::Background,
        Group::Lab,
        Group::Session,
    ];

    /// The message id of its title.
    pub fn title_id(self) -> &'static str {
        match self {
            Group::Socket => "cmd-group-socket",
            Group::Data => "cmd-group-data",
            Group::Options => "cmd-group-options",
            Group::Inspect => "cmd-group-inspect",
            Group::Background => "cmd-group-background",
            Group::Lab => "cmd-group-lab",
            Group::Session => "cmd-group-session",
        }
    }

    /// Its title, in the language now chosen.
    pub fn title(self) -> String {
        message(self.title_id())
    }
}

/// One verb's description: the single source for help, completion, docs
/// and the parser.
#[derive(Debug, Clone)]
pub struct Spec {
    pub name: &'static str,
    pub usage: &'static str,
    /// The system call it makes, as `bind(2)`; empty for session commands.
    pub syscall: &'static str,
    /// The names of the errnos a user commonly meets with this call (what
    /// each means here: [`Spec::errno_note`]).
    pub errnos: &'static [&'static str],
    pub args: &'static [Arg],
    /// How many handles `NAMES =` may name (0: the verb creates none).
    pub creates: usize,
    pub group: Group,
    /// It can block, so it may run in the background: `accept srv &` (its
    /// `Action::handles` says which sockets the worker shares).
    pub background: bool,
    /// Reads the arguments after the verb into the command to run.
    pub parse: ParseFn,
}

impl Spec {
    /// The message id of its one-line summary.
    pub fn summary_id(&self) -> String {
        format!("cmd-{}-summary", self.name)
    }

    /// The message id of its notes (a verb may have none).
    pub fn notes_id(&self) -> String {
        format!("cmd-{}-notes", self.name)
    }

    /// The message id of what `errno` means after this call.
    pub fn errno_id(&self, errno: &str) -> String {
        format!("cmd-{}-errno-{errno}", self.name)
    }

    /// What it does, in a sentence, in the language now chosen.
    pub fn summary(&self) -> String {
        message(&self.summary_id())
    }

    /// More to know, in a sentence or three; None when there is nothing more.
    pub fn notes(&self) -> Option<String> {
        crate::i18n::lookup(&self.notes_id())
    }

    /// What `errno` (one of [`Spec::errnos`]) means after this call.
    pub fn errno_note(&self, errno: &str) -> String {
        message(&self.errno_id(errno))
    }
}

/// The message `id`; a test (`every_command_is_described_in_every_language`)
/// keeps every id the table makes in the files, so the id itself shows
/// only if one is missing.
fn message(id: &str) -> String {
    crate::i18n::lookup(id).unwrap_or_else(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::super::COMMANDS;
    use super::*;
    use crate::i18n::{Lang, ftl_source};

    /// The ids `lang`'s own file has (not its English fallback's).
    fn ids_in(lang: Lang) -> BTreeSet<String> {
        let text = ftl_source(lang).unwrap_or_else(|| panic!("no {lang} messages"));
        if let Err((_, errors)) = fluent_bundle::FluentResource::try_new(text.clone()) {
            panic!("{lang}: the file does not parse: {errors:?}");
        }
        text.lines()
            .filter_map(|line| line.split_once(" ="))
            .map(|(id, _)| id)
            .filter(|id| id.starts_with(char::is_alphabetic) && !id.contains(' '))
            .map(String::from)
            .collect()
    }

    /// Every id the command table makes; the notes where English has them.
    fn made_ids() -> BTreeSet<String> {
        let english = ids_in(Lang::En);
        let mut made: BTreeSet<String> = Group::ALL
            .iter()
            .map(|g| g.title_id().to_string())
            .collect();
        for spec in COMMANDS {
            made.insert(spec.summary_id());
            made.extend(Some(spec.notes_id()).filter(|id| english.contains(id)));
            made.extend(spec.errnos.iter().map(|errno| spec.errno_id(errno)));
        }
        made
    }

    #[test]
    fn every_command_is_described_in_every_language() {
        let made = made_ids();
        for lang in Lang::ALL {
            let ids = ids_in(lang);
            let missing: Vec<_> = made.difference(&ids).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
            let left: Vec<_> = ids
                .iter()
                .filter(|id| id.starts_with("cmd-") && !made.contains(*id))
                .collect();
            assert!(left.is_empty(), "{lang} has ids no command makes: {left:?}");
        }
        for lang in [Lang::Ru, Lang::Zh] {
            let untranslated: Vec<&str> = COMMANDS
                .iter()
                .filter(|s| crate::i18n::in_lang(lang, || s.summary()) == english(|| s.summary()))
                .map(|s| s.name)
                .collect();
            assert!(
                untranslated.is_empty(),
                "{lang} copies English: {untranslated:?}"
            );
        }
    }

    fn english(work: impl FnOnce() -> String) -> String {
        crate::i18n::in_english(work)
    }

    #[test]
    fn a_verb_reads_its_text_in_the_language_chosen() {
        let listen = COMMANDS.iter().find(|s| s.name == "listen").unwrap();
        let english = crate::i18n::in_english(|| listen.summary());
        assert!(english.starts_with("Make a TCP"), "{english}");
        for lang in [Lang::Ru, Lang::Zh] {
            let text = crate::i18n::in_lang(lang, || listen.errno_note("EADDRINUSE"));
            assert_ne!(
                text,
                crate::i18n::in_english(|| listen.errno_note("EADDRINUSE"))
            );
            assert!(!text.starts_with("cmd-"), "{lang}: {text}");
        }
        let help = COMMANDS.iter().find(|s| s.name == "help").unwrap();
        assert_eq!(help.notes(), None, "help has no notes");
    }
}
