//! The interactive shell: the rustyline loop only (rustyline's
//! examples/example.rs). Each line goes to the `Runner`; Ctrl-C at the
//! prompt clears the line, Ctrl-D (or quit) closes every socket and leaves.

use std::cell::RefCell;
use std::io;
use std::path::PathBuf;
use std::rc::Rc;

use rustyline::Editor;
use rustyline::config::{CompletionType, Config};
use rustyline::error::ReadlineError;
use rustyline::history::{DefaultHistory, History};

use crate::helper::SocklabHelper;
use crate::parse::HandleNames;
use crate::runner::{Flow, Format, Runner};
use crate::session::Session;

/// Runs the shell until quit or Ctrl-D; returns the number of failed lines.
pub fn run(session: Session, format: Format) -> rustyline::Result<usize> {
    let config = Config::builder()
        .completion_type(CompletionType::List)
        .auto_add_history(true)
        .max_history_size(10_000)?
        .build();
    let handles = Rc::new(RefCell::new(Vec::new()));
    let mut editor: Editor<SocklabHelper, DefaultHistory> = Editor::with_config(config)?;
    editor.set_helper(Some(SocklabHelper::new(Rc::clone(&handles))));
    let history = history_path();
    if let Some(path) = &history {
        let _ = editor.load_history(path);
    }
    let mut runner = Runner::new(session, io::stdout(), format, false, false);
    loop {
        let prompt = prompt(&runner.session);
        match editor.readline(&prompt) {
            Ok(text) => {
                let flow = run_pasted(&mut runner, &text);
                *handles.borrow_mut() = runner.session.handle_names();
                if flow == Flow::Stop {
                    break;
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => {
                runner.run_line("quit");
                break;
            }
            Err(error) => return Err(error),
        }
    }
    if let Some(path) = &history {
        save_history(editor.history_mut(), path);
    }
    Ok(runner.failures)
}

/// Runs what readline returned. A paste of several lines comes back as one
/// string (bracketed paste): each line runs on its own, echoed as `> LINE`
/// like a script, so every output says which line it belongs to.
fn run_pasted(runner: &mut Runner<io::Stdout>, text: &str) -> Flow {
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= 1 {
        return runner.run_line(text);
    }
    runner.set_echo(true);
    let mut flow = Flow::Continue;
    for line in lines {
        flow = runner.run_line(line);
        if flow == Flow::Stop {
            break;
        }
    }
    runner.set_echo(false);
    flow
}

/// `socklab [conn ESTABLISHED]> `, or the kind for a socket with no TCP state.
pub fn prompt(session: &Session) -> String {
    let Some(name) = session.current_name() else {
        return "socklab> ".into();
    };
    let what = match session.get(name) {
        Some(handle) => handle.state.map_or(handle.kind.name(), |s| s.name()),
        None => "?",
    };
    format!("socklab [{name} {what}]> ")
}

/// `$XDG_STATE_HOME/socklab/history`, else `~/.local/state/socklab/history`.
fn history_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_STATE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")))?;
    Some(base.join("socklab").join("history"))
}

/// Saves the history with mode 0600; a failure is reported, never fatal.
fn save_history(history: &mut DefaultHistory, path: &std::path::Path) {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    let saved = path
        .parent()
        .map_or(Ok(()), |dir| {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
        })
        .and_then(|_| history.save(path).map_err(io::Error::other))
        .and_then(|_| std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)));
    if let Err(error) = saved {
        eprintln!(
            "socklab: could not save history to {}: {error}",
            path.display()
        );
    }
}
