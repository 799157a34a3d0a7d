//! The interactive shell: the rustyline loop only (rustyline's
//! examples/example.rs). Each line goes to the `Runner`; Ctrl-C at the
//! prompt clears the line, Ctrl-D (or quit) closes every socket and leaves.
//! Background results are shown above the prompt by the `courier`.

use std::io;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use rustyline::config::{CompletionType, Config};
use rustyline::error::ReadlineError;
use rustyline::history::{DefaultHistory, History};
use rustyline::{Editor, ExternalPrinter};

use crate::courier::{self, Courier};
use crate::helper::SocklabHelper;
use crate::parse::HandleNames;
use crate::runner::{Flow, Format, Runner};
use crate::session::Session;

type Shared = Arc<Mutex<Runner<io::Stdout>>>;

fn lock(runner: &Shared) -> MutexGuard<'_, Runner<io::Stdout>> {
    runner.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs the shell until quit or Ctrl-D; returns the number of failed lines.
pub fn run(mut session: Session, format: Format) -> rustyline::Result<usize> {
    let config = Config::builder()
        .completion_type(CompletionType::List)
        .auto_add_history(true)
        .max_history_size(10_000)?
        .build();
    let handles = Arc::new(Mutex::new(Vec::new()));
    let mut editor: Editor<SocklabHelper, DefaultHistory> = Editor::with_config(config)?;
    editor.set_helper(Some(SocklabHelper::new(Arc::clone(&handles))));
    let history = history_path();
    if let Some(path) = &history {
        let _ = editor.load_history(path);
    }
    let inbox = session.jobs.inbox()?;
    let mut runner = Runner::new(session, io::stdout(), format, false, false);
    // Results are shown as they come, above the prompt.
    runner.set_settle(false);
    let runner = Arc::new(Mutex::new(runner));
    let print: courier::Print = match editor.create_external_printer() {
        Ok(mut printer) => Box::new(move |text| {
            let _ = printer.print(text);
        }),
        Err(_) => courier::stdout_print(),
    };
    let courier = Courier::start(Arc::clone(&runner), inbox, Arc::clone(&handles), print)?;
    let ended = read_lines(&mut editor, &runner, &handles);
    if let Some(path) = &history {
        save_history(editor.history_mut(), path);
    }
    drop(editor);
    courier.stop();
    ended?;
    let failures = lock(&runner).failures;
    Ok(failures)
}

/// The loop: read a line, run it, until quit or Ctrl-D.
fn read_lines(
    editor: &mut Editor<SocklabHelper, DefaultHistory>,
    runner: &Shared,
    handles: &crate::helper::HandleList,
) -> rustyline::Result<()> {
    loop {
        let prompt = prompt(&lock(runner).session);
        match editor.readline(&prompt) {
            Ok(text) => {
                let mut runner = lock(runner);
                let flow = run_pasted(&mut runner, &text);
                if let Ok(mut names) = handles.lock() {
                    *names = runner.session.handle_names();
                }
                if flow == Flow::Stop {
                    return Ok(());
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => {
                lock(runner).run_line("quit");
                return Ok(());
            }
            Err(error) => return Err(error),
        }
    }
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
