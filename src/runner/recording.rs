//! `record FILE|off` in a session: each line and its output appended, as
//! they run, to a transcript that `socklab test` replays — after the
//! directives that make the replay's session this one (`#! lab` …).

use std::io::Write;
use std::path::Path;

use super::Runner;
use crate::error::UsageError;
use crate::lab::Host;
use crate::safe_file::Existing;
use crate::step::{Line, Note, Outcome, RecordingLine, Step, Unrecorded};

/// A transcript being written by `record FILE`, one entry at a time.
pub(super) struct Recording {
    path: String,
    /// The file's (device, inode): `source` refuses it.
    pub(super) identity: (u64, u64),
    file: std::fs::File,
    namer: crate::transcript_format::normalize::Namer,
    /// The directives the replay needs (`#! lab` …), written with the
    /// first entry.
    header: String,
}

impl<W: Write> Runner<W> {
    /// `record FILE` starts a transcript (truncating FILE); `record off` ends it.
    pub(super) fn record(&mut self, path: Option<String>) -> Step {
        let mut step = Step::new("record", None);
        match path {
            None => match self.recording.take() {
                Some(mut recording) => {
                    // A recording with no entry still says what it is.
                    let _ = recording.file.write_all(recording.header.as_bytes());
                    step.lines
                        .push(Line::Recording(RecordingLine::Recorded(recording.path)))
                }
                None => {
                    let error = UsageError::new(crate::worded!("runner-not-recording"));
                    step.outcome = Outcome::Usage(error)
                }
            },
            Some(path) if self.recording.is_some() => {
                let current = self.recording.as_ref().map_or("", |r| r.path.as_str());
                step.outcome = Outcome::Usage(UsageError::new(crate::worded!(
                    "runner-already-recording",
                    current = current,
                    path = path.as_str()
                )));
            }
            Some(_) if self.session.is_confined() => {
                step.outcome =
                    Outcome::Usage(UsageError::new(crate::worded!("runner-record-confined")));
            }
            Some(path)
                if std::fs::metadata(&path).is_ok_and(|m| {
                    use std::os::unix::fs::MetadataExt;
                    self.is_being_read((m.dev(), m.ino()))
                }) =>
            {
                step.outcome = Outcome::Usage(UsageError::new(crate::worded!(
                    "runner-record-being-read",
                    file = crate::safe_text::escape(&path).into_owned()
                )));
            }
            Some(path) => match crate::safe_file::create(Path::new(&path), Existing::Replace) {
                Ok(file) => {
                    step.lines
                        .push(Line::Recording(RecordingLine::Started(path.clone())));
                    step.notes
                        .extend(self.unrecorded().into_iter().map(Note::Unrecorded));
                    self.recording = Some(Recording {
                        path,
                        identity: super::file_identity(&file),
                        file,
                        namer: crate::transcript_format::normalize::Namer::recording(),
                        header: self.directives(),
                    });
                }
                Err(e) => {
                    step.outcome = Outcome::Usage(UsageError::new(crate::worded!(
                        "runner-cannot-record",
                        file = crate::safe_text::escape(&path).into_owned(),
                        reason = crate::error::io_reason(&e)
                    )));
                }
            },
        }
        step
    }

    /// The directives a transcript of this session needs: `#! lab` in the
    /// lab, the session's encoding and timeout.
    fn directives(&self) -> String {
        let directives = crate::transcript_format::directives(
            self.session.lab().is_some(),
            self.session.encoding(),
            self.session.timeout(),
        );
        directives.iter().map(|d| format!("{d}\n")).collect()
    }

    /// What the session had before the recording began, which its replay
    /// will not: the handles made before, the host sockets are made in,
    /// a link that holds.
    fn unrecorded(&self) -> Vec<Unrecorded> {
        let mut notes = Vec::new();
        let names: Vec<String> = self.session.handles().map(|h| h.name.clone()).collect();
        if !names.is_empty() {
            notes.push(Unrecorded::Handles(names));
        }
        if let Some(host) = self.session.default_host().filter(|h| *h != Host::A) {
            notes.push(Unrecorded::Host(host));
        }
        if self
            .session
            .lab()
            .is_some_and(|lab| lab.relay.holding().contains(&true))
        {
            notes.push(Unrecorded::LinkHolds);
        }
        notes
    }

    /// Appends the line (None: the output continues the last line's) and
    /// its uncoloured, named output to the recording; a write error ends the
    /// recording and says so, and the session goes on.
    pub(super) fn append_to_recording(&mut self, input: Option<&str>) {
        let Some(recording) = &mut self.recording else {
            return;
        };
        let text = String::from_utf8_lossy(super::in_english(&self.rendered, &self.english));
        let plain = crate::render::wrap::strip_escapes(&text);
        let raw: Vec<String> = plain.lines().map(str::to_string).collect();
        let mut entry = std::mem::take(&mut recording.header);
        if let Some(input) = input {
            recording.namer.note_command(input);
            entry.push_str(&format!("> {input}\n"));
        }
        for line in recording.namer.normalize(&raw) {
            entry.push_str(&line);
            entry.push('\n');
        }
        if let Err(e) = recording.file.write_all(entry.as_bytes()) {
            // Shown as a failed step of its own (a script's exit status says
            // so), after the step that could not be recorded.
            let path = recording.path.clone();
            self.recording = None;
            let error = UsageError::new(crate::worded!(
                "runner-recording-stopped",
                path = path.as_str(),
                reason = crate::error::io_reason(&e)
            ));
            self.show("record", &Step::usage("record", error));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use crate::render::wrap::{Fit, display_width};
    use crate::runner::{Format, Runner};
    use crate::session::Session;

    /// What is shown is fitted to the terminal; what is recorded is the
    /// step as rendered, whole, so that `socklab test` compares it.
    #[test]
    fn a_recording_gets_lines_whole_while_the_terminal_gets_them_fitted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fitted.socklab");
        let session = Session::new(Some(Duration::from_secs(5))).unwrap();
        let mut runner = Runner::new(session, Vec::new(), Format::Text, false, false);
        runner.set_fit(Fit::Columns(40));
        runner.run_line(&format!("record {}", path.display()));
        runner.run_line("help connect");
        runner.run_line("record off");
        let shown = String::from_utf8(std::mem::take(runner.out())).unwrap();
        let recorded = std::fs::read_to_string(&path).unwrap();
        let widest = |text: &str| text.lines().map(display_width).max().unwrap_or(0);
        assert!(widest(&shown) <= 40, "{shown}");
        assert!(widest(&recorded) > 40, "{recorded}");
        let words = |text: &str| {
            text.split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        let help: Vec<String> = words(recorded.split("> help connect").nth(1).unwrap())
            .into_iter()
            .take_while(|w| w != ">")
            .collect();
        assert!(
            words(&shown)
                .windows(help.len())
                .any(|w| w == help.as_slice()),
            "every word of the help shown whole:\n{shown}"
        );
    }
}
