//! `socklab diagram FILE [-o OUT] [--graph]`: a transcript's ladder, drawn
//! from the output recorded in the file — as mermaid, text for a terminal,
//! SVG, or HTML beside the lesson's narration — or its time-sequence graph.

use std::io::Write;
use std::path::Path;

use socklab::transcript::{self, format, library};

use super::{Exit, write_stdout};
use crate::DiagramFormat;

/// What `socklab diagram` draws.
pub(super) enum Look {
    Mermaid,
    Ladder {
        width: usize,
        ascii: bool,
    },
    Svg,
    Html,
    /// The time-sequence graph (an SVG).
    Graph,
}

impl Look {
    /// `--format`, or else the one OUT's extension names (.txt, .svg,
    /// .html; else mermaid).
    pub(super) fn chosen(
        format: Option<DiagramFormat>,
        output: Option<&Path>,
        width: usize,
        ascii: bool,
    ) -> Look {
        use DiagramFormat as F;
        let format = format.unwrap_or_else(|| {
            match output.and_then(|o| o.extension()).and_then(|e| e.to_str()) {
                Some("txt") => F::Txt,
                Some("svg") => F::Svg,
                Some("html" | "htm") => F::Html,
                _ => F::Mermaid,
            }
        });
        match format {
            F::Mermaid => Look::Mermaid,
            F::Txt => Look::Ladder { width, ascii },
            F::Svg => Look::Svg,
            F::Html => Look::Html,
        }
    }
}

/// Draws `file` (a transcript, or a built-in lesson) as `look`, to `output`
/// or standard output.
pub(super) fn run(
    file: &str,
    output: Option<&Path>,
    look: Look,
    force: bool,
    steps: Option<(usize, usize)>,
) -> Result<usize, Exit> {
    let (text, name) = read(file)?;
    let shown = socklab::safe_text::escape(file).into_owned();
    let mut parsed = format::parse(&text).map_err(|e| Exit::Error(format!("{shown}: {e}")))?;
    if let Some(steps) = steps {
        keep_steps(&mut parsed, steps, &shown)?;
    }
    let title = title(&parsed, name, steps);
    let picture = match look {
        Look::Ladder { width, ascii } => socklab::diagram::ladder(&parsed, width, ascii),
        Look::Mermaid => socklab::diagram::mermaid(&parsed, &title),
        Look::Svg => socklab::diagram::svg(&parsed, &title),
        Look::Html => socklab::diagram::html(&parsed, &title),
        Look::Graph => graph(&parsed, &title, &shown)?,
    };
    match output {
        None => write_stdout(picture.as_bytes())?,
        Some(out) => write_file(out, &picture, force)?,
    }
    Ok(0)
}

/// The time-sequence graph of the way that carried the most data.
fn graph(parsed: &format::Transcript, title: &str, shown: &str) -> Result<String, Exit> {
    use socklab::diagram::time_sequence::{self, Clock, Direction, Graph};
    let segments = time_sequence::of_transcript(parsed);
    let way = Direction::busiest(&segments)
        .filter(|way| segments.iter().any(|s| s.from == way.from && s.len > 0))
        .ok_or_else(|| Exit::Error(socklab::t!("shell-graph-no-data", file = shown)))?;
    let title = socklab::t!(
        "diagram-graph-title-order",
        from = way.from.as_str(),
        to = way.to.as_str(),
        title = title
    );
    let drawn = Graph::of(&segments, &way, Clock::Order, title);
    Ok(time_sequence::svg(&drawn))
}

/// The transcript's text and its name: a file (which wins) and its stem,
/// or a built-in lesson.
pub(super) fn read(file: &str) -> Result<(String, String), Exit> {
    let path = Path::new(file);
    if path.exists() {
        let stem = path
            .file_stem()
            .map_or(file.to_string(), |s| s.to_string_lossy().into_owned());
        Ok((transcript::read_lesson(path)?, stem))
    } else {
        let lesson = library::find(file)?;
        Ok((lesson.text.to_string(), lesson.name.to_string()))
    }
}

/// `--steps FROM-TO`: only those commands (counted from 1) stay.
fn keep_steps(
    parsed: &mut format::Transcript,
    (from, to): (usize, usize),
    shown: &str,
) -> Result<(), Exit> {
    let count = parsed.entries.len();
    if from > count {
        return Err(Exit::Error(socklab::t!(
            "shell-steps-none",
            file = shown,
            count = count,
            from = from
        )));
    }
    parsed.entries = std::mem::take(&mut parsed.entries)
        .into_iter()
        .skip(from - 1)
        .take(to.saturating_sub(from - 1))
        .collect();
    Ok(())
}

/// The lesson's name (and which steps) and the first line of narration
/// drawn, in the language text is shown in.
fn title(parsed: &format::Transcript, name: String, steps: Option<(usize, usize)>) -> String {
    let name = match steps {
        Some((from, usize::MAX)) => socklab::t!("diagram-title-steps-on", name = name, from = from),
        Some((from, to)) if from == to => {
            socklab::t!("diagram-title-step", name = name, step = from)
        }
        Some((from, to)) => {
            socklab::t!("diagram-title-steps", name = name, from = from, to = to)
        }
        None => name,
    };
    match parsed
        .entries
        .first()
        .and_then(|e| e.narration.get(socklab::i18n::current()).first())
    {
        Some(first) => socklab::t!(
            "diagram-title-narrated",
            name = name,
            first = first.as_str()
        ),
        None => name,
    }
}

/// `-o OUT`: the picture written to a new file (or over one, with `--force`).
pub(super) fn write_file(out: &Path, picture: &str, force: bool) -> Result<(), Exit> {
    let existing = if force {
        socklab::safe_file::Existing::Replace
    } else {
        socklab::safe_file::Existing::Refuse
    };
    let out_shown = socklab::safe_text::escape(&out.display().to_string()).into_owned();
    socklab::safe_file::create(out, existing)
        .and_then(|mut f| f.write_all(picture.as_bytes()))
        .map_err(|e| Exit::Error(cannot_write(&out_shown, &e)))?;
    socklab::i18n::say(&socklab::t!("shell-wrote", file = out_shown));
    Ok(())
}

/// `cannot write FILE: why`, and that `--force` replaces a file that
/// exists.
pub(super) fn cannot_write(shown: &str, error: &std::io::Error) -> String {
    let reason = socklab::error::io_reason(error);
    match error.kind() == std::io::ErrorKind::AlreadyExists {
        true => socklab::t!("shell-cannot-write-exists", file = shown, reason = reason),
        false => socklab::t!("shell-cannot-write", file = shown, reason = reason),
    }
}
