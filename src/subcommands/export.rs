//! `socklab export LESSON|FILE --to python|c [-o OUT]`: a transcript as a
//! program of the student's own, which makes the same calls and checks
//! each result against the recorded one (`socklab::export`).

use std::path::Path;

use socklab::export::{self, Language};

use super::{Exit, write_stdout};
use crate::ExportLanguage;

/// Writes `file` (a transcript, or a built-in lesson) as a program in
/// `to`, to `output` or standard output.
pub(super) fn run(
    file: &str,
    to: ExportLanguage,
    output: Option<&Path>,
    force: bool,
) -> Result<usize, Exit> {
    let (text, name) = super::diagram::read(file)?;
    let shown = socklab::safe_text::escape(file).into_owned();
    let program =
        export::from_transcript(&text, &name).map_err(|e| Exit::Error(format!("{shown}: {e}")))?;
    let source = match to {
        ExportLanguage::Python => export::write(&program, Language::Python),
        ExportLanguage::C => export::write(&program, Language::C),
        ExportLanguage::Markdown => export::page(&program, Some(&text)),
    };
    match output {
        None => write_stdout(source.as_bytes())?,
        Some(out) => super::diagram::write_file(out, &source, force)?,
    }
    Ok(0)
}
