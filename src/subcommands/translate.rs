//! `socklab translate PROG.py [ARGS]... [-o OUT]`: a Python program's
//! socket calls as a socklab script (`socklab::translate`), written to
//! standard output or OUT; what was not translated is listed on standard
//! error, with its line numbers.

use std::io::Write;
use std::path::Path;

use super::{Exit, write_stdout};

pub(super) fn run(
    program: &Path,
    args: &[String],
    output: Option<&Path>,
    force: bool,
) -> Result<usize, Exit> {
    let shown = socklab::safe_text::escape(&program.display().to_string()).into_owned();
    let bytes = std::fs::read(program).map_err(|e| {
        Exit::Error(format!(
            "cannot read {shown}: {}",
            socklab::error::io_reason(&e)
        ))
    })?;
    let source = String::from_utf8(bytes).map_err(|_| {
        Exit::Error(format!(
            "{shown} is not UTF-8 text (Python 3 reads its programs as UTF-8)"
        ))
    })?;
    let translation = socklab::translate::translate(&source, &program.display().to_string(), args);
    match output {
        None => write_stdout(translation.script.as_bytes())?,
        Some(out) => write_file(out, &translation.script, force)?,
    }
    let mut err = std::io::stderr().lock();
    if !translation.untranslated.is_empty() {
        let _ = writeln!(
            err,
            "not translated ({} {}; each is a comment in the script):",
            translation.untranslated.len(),
            if translation.untranslated.len() == 1 {
                "line"
            } else {
                "lines"
            }
        );
    }
    for (number, text, why) in &translation.untranslated {
        let text = socklab::safe_text::escape(text);
        let _ = writeln!(err, "  {shown}:{number}: {text} — {why}");
    }
    Ok(0)
}

fn write_file(out: &Path, script: &str, force: bool) -> Result<(), Exit> {
    let existing = if force {
        socklab::safe_file::Existing::Replace
    } else {
        socklab::safe_file::Existing::Refuse
    };
    let out_shown = socklab::safe_text::escape(&out.display().to_string()).into_owned();
    socklab::safe_file::create(out, existing)
        .and_then(|mut f| f.write_all(script.as_bytes()))
        .map_err(|e| {
            let hint = if e.kind() == std::io::ErrorKind::AlreadyExists {
                " (--force replaces it)"
            } else {
                ""
            };
            Exit::Error(format!(
                "cannot write {out_shown}: {}{hint}",
                socklab::error::io_reason(&e)
            ))
        })?;
    eprintln!("wrote {out_shown}");
    Ok(())
}
