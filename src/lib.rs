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
//! `CMD &` and `watch` on worker threads, whose steps the runner shows.
//! [`transcript`] replays, records and plays `.socklab` files. [`wire`]
//! captures the segments each step puts on the loopback wire; [`clock`]
//! says when each segment and state change happened (with the step's call,
//! or between steps); [`diagram`] draws them as ladders, exported or live.

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
pub mod handle;
pub mod helper;
pub mod history;
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
pub mod state_watch;
pub mod step;
pub mod suggest;
#[allow(unsafe_code)]
pub mod sys;
pub mod terminate;
pub mod transcript;
pub mod transcript_format;
pub mod wire;
