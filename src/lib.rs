//! socklab: drive the real sockets API by hand, one call at a time, and
//! watch what the kernel does.
//!
//! # Layout
//!
//! Data flows one way: a line of text → [`parse`] (tokens, a typed cursor)
//! → [`command`] (a typed `Command`, one file per verb, and the command
//! table) → [`command::run`] (one real system call in the [`session`], then the TCP
//! states read back) → a [`step::Step`] → [`render`] (text or JSON).
//! [`runner`] drives that for a line or a script; [`repl`] and [`helper`]
//! are the interactive shell, with [`courier`] showing background results
//! above the prompt; [`script`] is script mode. [`sys`] is the one
//! module with `unsafe`; [`interrupt`] bounds blocking calls. [`jobs`] runs
//! `CMD &` and `watch` on worker threads, whose steps the runner shows;
//! [`spawn`] starts a person's own program in socklab's network, whose
//! output and end the session shows between steps.
//! [`transcript`] replays, records and plays `.socklab` files. [`wire`]
//! captures the segments each step puts on the loopback wire; [`clock`]
//! says when each segment and state change happened (with the step's call,
//! or between steps); [`diagram`] draws them as ladders, exported or live.
//!
//! # Layers
//!
//! Modules import downward only. The list goes from the bottom up: a
//! module may use its own layer and the ones listed before it, never one
//! listed after, and no two modules import each other. `tests/layers.rs` holds the same table and fails on an import
//! against it or a cycle, naming the file and line. Types several layers
//! need live low: `handle::Handle` below the session and the jobs,
//! `lab::dir::Dir` below the lab's path and relay, `encoding::display`
//! (how bytes are shown) below the wire and the renderers, and the
//! `.socklab` format (`transcript_format`) below the runner and the
//! diagrams. The lab's pieces are layers of their own.
//!
//! 1. the system calls, with all the unsafe: `sys`
//! 2. foundations: `error`, `safe_text`, `safe_file`, `names`, `suggest`,
//!    `budget`, `duration`, `kind`, `interrupt`, `terminate`, `clock`,
//!    `state_watch`, `sandbox`, `i18n`
//! 3. text typed and shown: `encoding`, `address`, `parse`
//! 4. the lab's parts: `lab::dir`, `lab::netns`, `lab::taps`, `lab::setup`,
//!    `lab::sysctl`, `lab::diag`
//! 5. the lab's link: `lab::path`, `lab::kernel_path`, `lab::held`
//! 6. the lab's relay: `lab::relay`
//! 7. the lab: `lab`
//! 8. what happened: `wire`, `step`, `kernel_table`, `transcript_format`
//! 9. pictures and renderers: `diagram`, `render`, `export`
//! 10. the session: `handle`, `jobs`, `spawn`, `session`
//! 11. the verbs: `command`
//! 12. running lines: `runner`
//! 13. files and the shell: `transcript`, `script`, `courier`, `helper`,
//!     `history`, `repl`, `translate`

#![deny(unsafe_code)]

pub mod address;
pub mod budget;
pub mod clock;
pub mod command;
pub mod courier;
pub mod diagram;
pub mod duration;
pub mod encoding;
pub mod error;
pub mod export;
pub mod handle;
pub mod helper;
pub mod history;
pub mod i18n;
pub mod interrupt;
pub mod jobs;
pub mod kernel_table;
pub mod kind;
pub mod lab;
pub mod names;
pub mod parse;
pub mod render;
pub mod repl;
pub mod runner;
pub mod safe_file;
pub mod safe_text;
pub mod sandbox;
pub mod script;
pub mod session;
pub mod spawn;
pub mod state_watch;
pub mod step;
pub mod suggest;
#[allow(unsafe_code)]
pub mod sys;
pub mod terminate;
pub mod transcript;
pub mod transcript_format;
pub mod translate;
pub mod wire;
