//! `Action`: a verb's parsed arguments, ready to run — what every verb's
//! type implements, so that running, backgrounding and the driver's verbs
//! need no list of verbs.
//!
//! Owns: the trait, `Driver` (the verbs the runner carries out itself)
//! and `ParseFn` (how a `Spec` names its parser).

use std::fmt;

use crate::error::UsageError;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::Step;

/// A verb's parser, as its `Spec` holds it.
pub type ParseFn = for<'a, 'b> fn(&'a mut Cursor<'b>) -> Result<Box<dyn Action>, UsageError>;

/// A parsed command. `run` makes its one system call (or none).
pub trait Action: fmt::Debug + Send + dyn_clone::DynClone {
    /// Runs it in `session`; `names` are the handle names given before
    /// `=` (for a verb that creates handles).
    fn run(self: Box<Self>, names: Vec<String>, session: &mut Session) -> Result<Step, UsageError>;

    /// Whether `run_in_place` runs it (the commonest steps, send and recv,
    /// run from the parse cache without a copy of the command).
    fn runs_in_place(&self) -> bool {
        false
    }

    /// Runs it as it lies, filling `step` (new, with this verb) — for a
    /// command `runs_in_place` says yes to; None for any other.
    fn run_in_place(
        &self,
        _session: &mut Session,
        _step: &mut Step,
    ) -> Option<Result<(), UsageError>> {
        None
    }

    /// The handles a worker thread shares when it runs with `&` (its spec
    /// says it can block).
    fn handles(&self) -> Vec<String> {
        Vec::new()
    }

    /// Bytes of data it carries and keeps while it runs (what a background
    /// send sends).
    fn data_len(&self) -> usize {
        0
    }

    /// It returns received bytes (in its step's data) that `NAME =`
    /// before it keeps under that name, for `$NAME` in later lines.
    fn keeps_data(&self) -> bool {
        false
    }

    /// What the driver does instead of `run`, for the verbs that act on
    /// the driver rather than the session (`source`, `record`, `wait` …).
    fn driver(&self) -> Option<Driver> {
        None
    }

    /// Output so far is flushed before it runs: it can wait long.
    fn waits(&self) -> bool {
        false
    }
}

dyn_clone::clone_trait_object!(Action);

/// A verb the driver (the runner) carries out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Driver {
    /// Run a file's lines in this session.
    Source(String),
    /// Start (Some) or stop (None) recording a transcript.
    Record(Option<String>),
    /// Save the session so far as a ladder diagram.
    Diagram { path: String, force: bool },
    /// Write the session so far as a program.
    Export {
        language: crate::export::Language,
        path: String,
        force: bool,
    },
    /// Wait for one job, or every background call.
    Wait(Option<u32>),
    /// Wait for a program `spawn` started to end.
    WaitProgram(String),
    /// Close every handle and end the session.
    Quit,
    /// List the built-in lessons (`lessons`).
    Lessons,
    /// Play a lesson (a built-in one's name or number, or a file) in a
    /// process and a network of its own, then go on (`play`).
    Play(String),
}

/// A verb's typed parse, as `ParseFn` returns it.
pub fn boxed<A: Action + 'static>(
    parsed: Result<A, UsageError>,
) -> Result<Box<dyn Action>, UsageError> {
    parsed.map(|action| Box::new(action) as Box<dyn Action>)
}
