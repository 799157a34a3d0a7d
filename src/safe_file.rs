//! Files socklab writes at the user's word (`wire save`, `record`, the
//! shell's history): never through a symbolic link, never into a FIFO or a
//! device (which would hang or write somewhere else), and over an existing
//! file only when told to.
//!
//! Owns: opening such a file. What is written is the caller's.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// What to do when the file exists already.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// Refuse (`wire save` without `--force`).
    Refuse,
    /// Empty it and write anew (`record`).
    Replace,
    /// Write after what is there (the history).
    Append,
}

/// Opens `path` for writing with mode 0600 when created (0644 for
/// `Replace`, as an editor would). `Refuse` and `Append` take only a
/// regular file; `Replace` also a device or a FIFO that has a reader
/// (`record /dev/stdout`). Errors are io errors whose text says what was
/// refused.
pub fn create(path: &Path, existing: Existing) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options
        .write(true)
        .create(true)
        .mode(if existing == Existing::Replace {
            0o644
        } else {
            0o600
        })
        // O_NONBLOCK: opening a FIFO with no reader fails at once (ENXIO)
        // instead of hanging; it means nothing for a regular file.
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC);
    match existing {
        Existing::Refuse => {
            options.create_new(true);
        }
        Existing::Append => {
            options.append(true);
        }
        Existing::Replace => {}
    }
    let file = options.open(path).map_err(|e| explain(path, e))?;
    let regular = file.metadata()?.is_file();
    match existing {
        Existing::Replace if regular => file.set_len(0)?,
        // `record /dev/stdout`, or a FIFO someone reads: written as a
        // stream, with blocking writes.
        Existing::Replace => {
            use nix::fcntl::{FcntlArg, OFlag, fcntl};
            fcntl(&file, FcntlArg::F_SETFL(OFlag::O_WRONLY)).map_err(io::Error::from)?;
        }
        _ if !regular => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a regular file (a FIFO, a device or a directory): socklab writes only to plain files",
            ));
        }
        _ => {}
    }
    Ok(file)
}

fn explain(path: &Path, error: io::Error) -> io::Error {
    let is_link = path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink());
    match error.raw_os_error() {
        Some(libc::ELOOP | libc::EEXIST) if is_link => io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is a symbolic link, which socklab does not follow: name the file itself",
        ),
        Some(libc::EEXIST) => io::Error::new(
            io::ErrorKind::AlreadyExists,
            "the file exists already: add --force to replace it, or pick another name",
        ),
        Some(libc::ENXIO) => io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is a FIFO with no reader: socklab writes only to plain files",
        ),
        _ => error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_fifos_and_existing_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        std::fs::write(&target, "keep").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        for existing in [Existing::Refuse, Existing::Replace, Existing::Append] {
            let error = create(&link, existing).unwrap_err();
            assert!(error.to_string().contains("symbolic link"), "{error}");
        }
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");

        let error = create(&target, Existing::Refuse).unwrap_err();
        assert!(error.to_string().contains("--force"), "{error}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");

        let fifo = dir.path().join("fifo");
        nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).unwrap();
        // No reader: refused at once, not a hang.
        let error = create(&fifo, Existing::Replace).unwrap_err();
        assert!(error.to_string().contains("FIFO"), "{error}");

        let error = create(Path::new("/dev/null"), Existing::Append).unwrap_err();
        assert!(error.to_string().contains("regular file"), "{error}");

        create(&target, Existing::Replace).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "");
    }
}
