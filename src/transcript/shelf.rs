//! The shell's lessons (`runner::Shelf`): the library's listing, and a
//! lesson played by `socklab play` as a process of its own — which gives
//! it what `socklab play` gives every lesson (a user namespace where one
//! is needed, made while that process is one thread; a private network;
//! the terminal's keys) and leaves the shell's session, its sockets and
//! its network as they were.

use std::process::Command;

use super::library;
use crate::error::UsageError;
use crate::runner::Shelf;
use crate::step::LessonEnd;

/// The built-in lessons; `play` only where a person is at a terminal.
pub struct Library {
    /// The shell: a person presses Enter for each step.
    pub can_play: bool,
}

impl Shelf for Library {
    fn listing(&self) -> Vec<String> {
        let mut lines = library::listing();
        // Its last line names the command line's `socklab play`.
        lines.pop();
        lines.push(match self.can_play {
            true => crate::t!("lessons-footer-shell"),
            false => crate::t!("lessons-footer-script"),
        });
        lines
    }

    fn find(&self, name: &str) -> Result<String, UsageError> {
        if !self.can_play {
            return Err(UsageError::new(crate::worded!(
                "lessons-play-needs-terminal"
            )));
        }
        // A file wins over a built-in lesson of the same name, as in
        // `socklab play`.
        if std::path::Path::new(name).is_file() {
            return Ok(name.to_string());
        }
        library::find(name)
            .map(|lesson| lesson.name.to_string())
            .map_err(|error| UsageError::new(error.to_string()))
    }

    fn play(&mut self, lesson: &str) -> LessonEnd {
        let exe = match std::env::current_exe() {
            Ok(exe) => exe,
            Err(error) => return LessonEnd::NotStarted(crate::error::io_reason(&error)),
        };
        let mut command = Command::new(exe);
        // In the language the session speaks now (`--lang`, `lang`), which
        // the environment may not say.
        command.args([
            "--lang",
            crate::i18n::current().code(),
            "play",
            "--",
            lesson,
        ]);
        // The lesson holds no copy of this session's sockets.
        crate::sys::spawn_without_inherited_fds(&mut command);
        match command.status() {
            Ok(status) => match status.code() {
                Some(0) => LessonEnd::Ran { failed: false },
                Some(1) => LessonEnd::Ran { failed: true },
                // 130, or ended by SIGINT itself.
                Some(130) | None => LessonEnd::Interrupted,
                Some(_) => LessonEnd::Refused,
            },
            Err(error) => LessonEnd::NotStarted(crate::error::io_reason(&error)),
        }
    }
}
