//! Transcripts: recorded sessions that are regression tests (`socklab test`),
//! lessons (`socklab play`) and socklab's own end-to-end suite.
//!
//! `format` (`crate::transcript_format`) reads and rewrites `.socklab`
//! files; `normalize` names ports and fds and matches output; `check` replays a file in a fresh session;
//! `record` writes one; `play` steps through one live.

pub mod check;
pub mod lesson_env;
pub mod library;
pub mod play;
pub mod predict;
pub mod record;
pub mod shelf;

/// The file format and the normalizer live below the runner, which
/// records and sketches in them; these are their old names.
pub use crate::transcript_format as format;
pub use crate::transcript_format::normalize;

use std::path::{Path, PathBuf};

/// A lesson file that could not be found or read, by its name as shown.
#[derive(Debug, thiserror::Error)]
#[error("{name}: {problem}")]
pub struct LessonFileError {
    pub name: String,
    pub problem: FileProblem,
}

/// What was wrong with a lesson file.
#[derive(Debug, thiserror::Error)]
pub enum FileProblem {
    #[error("{0}")]
    Io(std::io::Error),
    #[error("no such file or directory")]
    Missing,
    #[error("not a regular file — a lesson is a .socklab text file")]
    NotRegular,
    #[error("larger than {} KiB, the most a lesson may be", MAX_LESSON_BYTES / 1024)]
    TooLarge,
    #[error("not UTF-8 text (byte {0} is not valid) — save the lesson as UTF-8")]
    NotUtf8(usize),
}

impl LessonFileError {
    fn new(name: impl Into<String>, problem: FileProblem) -> LessonFileError {
        // A file's name is data: shown, it is escaped.
        let name: String = name.into();
        LessonFileError {
            name: crate::safe_text::escape(&name).into_owned(),
            problem,
        }
    }
}

/// The `.socklab` files named by `paths` (a directory means the files in it), sorted.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LessonFileError> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|e| {
                LessonFileError::new(path.display().to_string(), FileProblem::Io(e))
            })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "socklab"))
                .collect();
            found.sort();
            files.extend(found);
        } else if path.exists() {
            files.push(path.clone());
        } else {
            return Err(LessonFileError::new(
                path.display().to_string(),
                FileProblem::Missing,
            ));
        }
    }
    Ok(files)
}

/// A transcript's name for reports: its path as given.
pub fn display(path: &Path) -> String {
    path.display().to_string()
}

/// The most a lesson file may hold (the library's largest is a few KiB).
pub const MAX_LESSON_BYTES: u64 = 1 << 20;

/// A lesson file's text: a regular file of at most [`MAX_LESSON_BYTES`]
/// (not a device, a FIFO or /dev/zero), in UTF-8.
pub fn read_lesson(path: &Path) -> Result<String, LessonFileError> {
    use std::io::Read;
    let name = crate::safe_text::escape(&display(path)).into_owned();
    let failed = |problem| LessonFileError::new(name.clone(), problem);
    let file = std::fs::File::open(path).map_err(|e| failed(FileProblem::Io(e)))?;
    let metadata = file.metadata().map_err(|e| failed(FileProblem::Io(e)))?;
    if !metadata.is_file() {
        return Err(failed(FileProblem::NotRegular));
    }
    let mut bytes = Vec::new();
    file.take(MAX_LESSON_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| failed(FileProblem::Io(e)))?;
    if bytes.len() as u64 > MAX_LESSON_BYTES {
        return Err(failed(FileProblem::TooLarge));
    }
    String::from_utf8(bytes).map_err(|e| failed(FileProblem::NotUtf8(e.utf8_error().valid_up_to())))
}
