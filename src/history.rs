//! The shell's history file, `$XDG_STATE_HOME/socklab/history` (else
//! `~/.local/state/socklab/history`): one line per entry, each appended as
//! it is typed — so a SIGHUP, a SIGTERM or a crash loses nothing, and two
//! shells at once both keep their lines (as zsh's INC_APPEND_HISTORY).
//!
//! The file may have been put there by someone else, so it is read as
//! untrusted data: never through a symbolic link, only a regular file, only
//! its last [`MAX_READ`] bytes, and a line that is not valid (not UTF-8,
//! too long, a control character) is skipped, not the end of reading.
//!
//! Owns: reading and appending that file. The in-memory history and its
//! editing are rustyline's.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use crate::safe_file::{self, Existing};

/// The most of the file that is read: its newest entries.
pub const MAX_READ: u64 = 1 << 20;

/// The most entries kept in memory (rustyline's history size).
pub const MAX_ENTRIES: usize = 10_000;

/// The longest entry kept (a line socklab would read at all).
const MAX_ENTRY: usize = crate::parse::MAX_LINE;

pub struct HistoryFile {
    path: PathBuf,
    /// Opened at the first append; None until then or after it failed.
    file: Option<File>,
    failed: bool,
}

impl HistoryFile {
    /// The history file for this user, if a place for it is known.
    pub fn for_user() -> Option<HistoryFile> {
        let base = std::env::var_os("XDG_STATE_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")))?;
        Some(HistoryFile::at(base.join("socklab").join("history")))
    }

    pub fn at(path: PathBuf) -> HistoryFile {
        HistoryFile {
            path,
            file: None,
            failed: false,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The newest entries, oldest first; a file that is missing gives
    /// none, one that cannot be read safely gives none and says why.
    pub fn load(&self) -> Result<Vec<String>, HistoryError> {
        let file = match OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
            .open(&self.path)
        {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(self.problem(Access::Read, &e)),
        };
        let bytes = read_tail(file).map_err(|e| self.problem(Access::Read, &e))?;
        Ok(entries(&bytes))
    }

    /// Appends one line; the first failure is returned (to be reported
    /// once), later ones are silent.
    pub fn append(&mut self, line: &str) -> Result<(), HistoryError> {
        if self.failed || line.trim().is_empty() || line.contains('\n') {
            return Ok(());
        }
        let result = self.open().and_then(|file| {
            let mut entry = String::with_capacity(line.len() + 1);
            entry.push_str(line);
            entry.push('\n');
            file.write_all(entry.as_bytes())
        });
        result.map_err(|e| {
            self.failed = true;
            self.file = None;
            self.problem(Access::Write, &e)
        })
    }

    fn open(&mut self) -> io::Result<&mut File> {
        if self.file.is_none() {
            if let Some(dir) = self.path.parent() {
                std::fs::DirBuilder::new()
                    .recursive(true)
                    .mode(0o700)
                    .create(dir)?;
            }
            self.file = Some(safe_file::create(&self.path, Existing::Append)?);
        }
        self.file
            .as_mut()
            .ok_or_else(|| io::Error::other("no history file"))
    }

    fn problem(&self, what: Access, error: &io::Error) -> HistoryError {
        HistoryError {
            what,
            path: crate::safe_text::escape(&self.path.display().to_string()).into_owned(),
            reason: crate::error::io_reason(error),
        }
    }
}

/// The history file could not be read or written: the session goes on,
/// its lines kept in memory.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct HistoryError {
    pub what: Access,
    /// The file, as it can be shown.
    pub path: String,
    /// Why, for a person.
    pub reason: String,
}

/// What the history file was being used for when it failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

impl std::fmt::Display for HistoryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (path, reason) = (&self.path, &self.reason);
        let text = match self.what {
            Access::Read => crate::t!("session-error-history-read", path = path, reason = reason),
            Access::Write => {
                crate::t!("session-error-history-write", path = path, reason = reason)
            }
        };
        f.write_str(&text)
    }
}

/// The last MAX_READ bytes of a regular file.
fn read_tail(mut file: File) -> io::Result<Vec<u8>> {
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    let start = metadata.len().saturating_sub(MAX_READ);
    file.seek(SeekFrom::Start(start))?;
    let mut bytes = Vec::new();
    file.take(MAX_READ).read_to_end(&mut bytes)?;
    if start > 0 {
        // The first line was cut by the seek: it starts after the first newline.
        let cut = bytes
            .iter()
            .position(|b| *b == b'\n')
            .map_or(bytes.len(), |i| i + 1);
        bytes.drain(..cut);
    }
    Ok(bytes)
}

/// The valid entries among the file's lines, the newest MAX_ENTRIES.
fn entries(bytes: &[u8]) -> Vec<String> {
    let mut kept: Vec<String> = bytes
        .split(|b| *b == b'\n')
        .filter_map(|line| std::str::from_utf8(line).ok())
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .filter(|line| {
            !line.trim().is_empty()
                && *line != "#V2"
                && line.len() <= MAX_ENTRY
                && !line.chars().any(|c| c.is_control() && c != '\t')
        })
        .map(str::to_string)
        .collect();
    let extra = kept.len().saturating_sub(MAX_ENTRIES);
    kept.drain(..extra);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_line_is_skipped_not_the_rest() {
        let bytes = b"#V2\nsocket udp\n\xff\xfe bad\nls\n\x1b[2J\n\n  \nsend \"hi\"\n";
        assert_eq!(entries(bytes), ["socket udp", "ls", "send \"hi\""]);
    }

    #[test]
    fn only_the_tail_of_a_large_file_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history");
        let line = "socket udp\n";
        let count = (MAX_READ as usize / line.len()) * 3;
        std::fs::write(&path, line.repeat(count) + "the newest\n").unwrap();
        let loaded = HistoryFile::at(path).load().unwrap();
        assert_eq!(loaded.len(), MAX_ENTRIES);
        assert_eq!(loaded.last().unwrap(), "the newest");
    }

    #[test]
    fn links_and_devices_are_not_read_or_written() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        std::fs::write(&target, "secret\n").unwrap();
        let link = dir.path().join("history");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let mut history = HistoryFile::at(link.clone());
        let shown = link.display().to_string();
        let read = history.load().unwrap_err();
        assert_eq!(
            read.to_string(),
            format!(
                "could not read the history {shown}: {} (this session's lines are kept in \
                 memory only)",
                nix::errno::Errno::ELOOP.desc()
            )
        );
        let written = history.append("ls").unwrap_err();
        assert!(
            written
                .to_string()
                .starts_with(&format!("could not write the history {shown}: ")),
            "{written}"
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "secret\n");
        // /dev/zero would never end: it is not a regular file.
        assert!(HistoryFile::at("/dev/zero".into()).load().is_err());
    }

    #[test]
    fn two_writers_keep_both_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/socklab/history");
        let mut first = HistoryFile::at(path.clone());
        let mut second = HistoryFile::at(path.clone());
        first.append("socket udp").unwrap();
        second.append("socket tcp").unwrap();
        first.append("ls").unwrap();
        assert_eq!(
            HistoryFile::at(path).load().unwrap(),
            ["socket udp", "socket tcp", "ls"]
        );
    }
}
