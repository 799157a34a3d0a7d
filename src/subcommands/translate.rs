//! `socklab translate PROG.py [ARGS]... [-o OUT]`: a Python program's
//! socket calls as a socklab script (`socklab::translate`), written to
//! standard output or OUT; what was not translated is listed on standard
//! error, with its line numbers.

use std::io::{Read, Write};
use std::path::Path;

use super::{Exit, write_stdout};

pub(super) fn run(
    program: &Path,
    args: &[String],
    output: Option<&Path>,
    force: bool,
) -> Result<usize, Exit> {
    let shown = socklab::safe_text::escape(&program.display().to_string()).into_owned();
    let cannot = |e: std::io::Error| {
        let reason = socklab::error::io_reason(&e);
        Exit::Error(socklab::t!(
            "shell-cannot-read",
            file = shown.as_str(),
            reason = reason
        ))
    };
    let limit = socklab::translate::MAX_PROGRAM;
    let mut bytes = Vec::new();
    std::fs::File::open(program)
        .and_then(|f| std::io::Read::take(f, limit + 1).read_to_end(&mut bytes))
        .map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(Exit::Error(socklab::t!(
            "shell-program-too-large",
            file = shown.as_str(),
            limit = limit.to_string()
        )));
    }
    let source = decode(bytes)
        .map_err(|_| Exit::Error(socklab::t!("shell-program-not-text", file = shown.as_str())))?;
    let translation = socklab::translate::translate(&source, &program.display().to_string(), args);
    match output {
        None => write_stdout(translation.script.as_bytes())?,
        Some(out) => write_file(out, &translation.script, force)?,
    }
    let mut err = socklab::i18n::terminal(std::io::stderr().lock());
    if !translation.untranslated.is_empty() {
        let count = translation.untranslated.len();
        let _ = writeln!(err, "{}", socklab::translate::untranslated_heading(count));
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
        .map_err(|e| Exit::Error(super::diagram::cannot_write(&out_shown, &e)))?;
    socklab::i18n::say(&socklab::t!("shell-wrote", file = out_shown));
    Ok(())
}

/// The program's text: UTF-8, or the encoding its first or second line
/// declares (`# -*- coding: gbk -*-`), as Python reads it (PEP 263).
fn decode(bytes: Vec<u8>) -> Result<String, ()> {
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Ok(text),
        Err(error) => error.into_bytes(),
    };
    let declared = bytes
        .split(|&b| b == b'\n')
        .take(2)
        .filter(|line| line.trim_ascii_start().starts_with(b"#"))
        .find_map(|line| {
            let line = String::from_utf8_lossy(line);
            let at = line.find("coding")?;
            let rest = line[at + "coding".len()..].strip_prefix([':', '='])?;
            let name: String = rest
                .trim_start()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || "-_.".contains(*c))
                .collect();
            socklab::encoding::by_name(&name).ok()
        })
        .ok_or(())?;
    declared
        .decode_without_bom_handling_and_without_replacement(&bytes)
        .map(|text| text.into_owned())
        .ok_or(())
}
