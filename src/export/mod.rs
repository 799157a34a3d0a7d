//! A session as a program of the student's own: `socklab export` and the
//! shell's `export python|c FILE`. This module owns the program's
//! intermediate form, read from a transcript's entries (its `> ` lines and
//! the call lines socklab printed under them): which call each line made
//! with its arguments resolved (`connect cli srv` is `connect(cli,
//! 127.0.0.1:[PORT1])`), what it returned, the bytes it received, the
//! ports the kernel chose, the background jobs and when their results came.
//! [`python`] and [`c`] write that form as programs that make the same
//! calls and check each result against the recorded one.
//!
//! It knows nothing of the shell or the session: the shell's `export` verb
//! hands it the session's steps as transcript text, the same as a file.
//!
//! What a program says to a person — its head, the notes on its steps,
//! why a line is only a comment, the Markdown page's prose — comes in the
//! chosen language (the `export-` messages); its code, and what it prints
//! when it runs, are the same in every language.

pub mod c;
mod call;
mod names;
pub mod python;
mod runtime_words;

use crate::encoding::Encoding;
use crate::transcript_format::{self, Entry, FormatError, Transcript};

pub use call::{Addr, Call, Expected, Op, Port, Ret};

/// The language a program is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    Python,
    C,
    /// The transcript and both programs on one Markdown page (docs/export.md).
    Markdown,
}

impl Language {
    pub const NAMES: [&'static str; 3] = ["python", "c", "markdown"];

    pub fn by_name(name: &str) -> Option<Language> {
        match name {
            "python" | "py" => Some(Language::Python),
            "c" => Some(Language::C),
            "markdown" => Some(Language::Markdown),
            _ => None,
        }
    }
}

/// What went wrong reading a transcript into a program.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0}")]
    Format(#[from] FormatError),
    #[error("{}", crate::t!("export-error-empty"))]
    Empty,
}

/// A session as steps, in the order they ran.
#[derive(Clone, Debug)]
pub struct Program {
    /// Where it came from (a lesson's name, a file, "this session").
    pub source: String,
    /// The narration before the first command.
    pub title: Vec<String>,
    pub encoding: &'static Encoding,
    /// The bound on a blocking call and on an `await` (seconds).
    pub timeout_ms: u64,
    /// `#! lab`: the session ran in socklab's network lab.
    pub lab: bool,
    /// `#! as: unprivileged`.
    pub unprivileged: bool,
    pub steps: Vec<Step>,
}

/// One socklab line and what it did.
#[derive(Clone, Debug)]
pub struct Step {
    /// The transcript's line of the `> ` line (the program's step number).
    pub line: usize,
    pub command: String,
    /// Narration just before it.
    pub narration: Vec<String>,
    pub action: Action,
    /// Background jobs whose results socklab showed after this line, in order.
    pub after: Vec<JobEnd>,
}

/// What a line did.
#[derive(Clone, Debug)]
pub enum Action {
    /// One call (or a helper's loop: sendall, recvall) made now.
    Call(Call, Expected),
    /// `CMD &`: the call started on a thread of its own, job `job`.
    /// (`call` is its result's call line, shown when it ended; if it never
    /// did in the session, the call its command names, or `None`.)
    Start { job: u32, call: Option<Call> },
    /// `watch H`: recv in a loop on a thread, job `job`.
    Watch { job: u32, handle: String },
    /// `unwatch H`: the watch loop stopped.
    Unwatch { handle: String, job: Option<u32> },
    /// `wait [N]`: until the job(s) end.
    Wait,
    /// `await H STATE|readable|writable`.
    Await { handle: String, what: AwaitWhat },
    /// `await wire`: until a kernel timer sends a segment (a delayed ACK, a
    /// probe): the program waits until one of its TCP sockets has sent one
    /// more (TCP_INFO's segment count).
    ///
    /// When socklab showed the segment as an acknowledgment (`conn → cli
    /// [ACK] … ack=2048`), `acked` is (`cli`, 2048): the program waits
    /// until cli's TCP_INFO counts that many bytes acknowledged — the
    /// segment's effect, however early or late it came.
    AwaitSegment { acked: Option<(String, u64)> },
    /// `encoding NAME`: text from here on is in it.
    Encoding(&'static Encoding),
    /// `close H` while job `job` is blocked on H: socklab stops the job first.
    StopThenClose {
        jobs: Vec<u32>,
        call: Call,
        expected: Expected,
    },
    /// `quit`: the handles still open are closed.
    Quit { closed: Vec<String> },
    /// A line with no system call of the student's: kept as a comment.
    Comment(Why),
}

/// Why a line is a comment in the program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// The network lab's (hold, deliver, drop, host, link, `await link` …):
    /// a program on one host has no counterpart.
    Lab,
    /// socklab's own view or bookkeeping (ls, jobs, help, wire, record …):
    /// no system call of the program's.
    SocklabOnly,
    /// socklab refused the line before any call (the message it gave).
    Refused(String),
    /// A verb this exporter has no faithful counterpart for.
    NoCounterpart,
}

/// What an `await` waits for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AwaitWhat {
    State(String),
    Readable,
    Writable,
}

/// A background job's result, shown after a later line.
#[derive(Clone, Debug)]
pub struct JobEnd {
    pub job: u32,
    pub call: Call,
    pub expected: Expected,
    /// The handles its call created (`conn = accept srv &`).
    pub names: Vec<String>,
}

/// Reads a transcript's text into a program.
pub fn from_transcript(text: &str, source: &str) -> Result<Program, ExportError> {
    let transcript = transcript_format::parse(text)?;
    from_parsed(&transcript, source)
}

/// A parsed transcript as a program.
pub fn from_parsed(transcript: &Transcript, source: &str) -> Result<Program, ExportError> {
    let first = transcript.entries.first().ok_or(ExportError::Empty)?;
    let mut reader = call::Reader::new(transcript.encoding.unwrap_or(crate::encoding::UTF_8));
    let mut steps = Vec::new();
    for (index, entry) in transcript.entries.iter().enumerate() {
        let narration = if index == 0 {
            Vec::new()
        } else {
            entry.narration.get(crate::i18n::current()).to_vec()
        };
        steps.push(reader.step(entry, narration));
    }
    resolve_jobs(&mut steps);
    let mut program = Program {
        // A file's name is data: written in a comment or a heading of the
        // program, it keeps to printable ASCII-safe text on one line.
        source: crate::safe_text::escape(source)
            .replace("*/", "* /")
            .replace("-->", "- ->"),
        title: first.narration.get(crate::i18n::current()).to_vec(),
        encoding: transcript.encoding.unwrap_or(crate::encoding::UTF_8),
        timeout_ms: transcript
            .timeout
            .unwrap_or(transcript_format::DEFAULT_TIMEOUT)
            .as_millis()
            .try_into()
            .unwrap_or(u64::MAX),
        lab: transcript.lab,
        unprivileged: transcript.unprivileged,
        steps,
    };
    names::make_variables(&mut program);
    Ok(program)
}

/// A background call is known by its result's call line: give each
/// `Start` the call its job ended with.
fn resolve_jobs(steps: &mut [Step]) {
    let ends: Vec<JobEnd> = steps.iter().flat_map(|s| s.after.iter().cloned()).collect();
    for step in steps.iter_mut() {
        if let Action::Start { job, call } = &mut step.action
            && let Some(end) = ends.iter().find(|e| e.job == *job)
        {
            *call = Some(end.call.clone());
        }
    }
}

/// Writes the program in `language`.
pub fn write(program: &Program, language: Language) -> String {
    match language {
        Language::Python => python::write(program),
        Language::C => c::write(program),
        Language::Markdown => page(program, None),
    }
}

/// One session in three forms: its transcript (when given), the Python
/// program and the C program — docs/export.md is this for one lesson.
pub fn page(program: &Program, transcript: Option<&str>) -> String {
    let mut out = format!(
        "# {}\n\n<!-- generated: socklab export {} --to markdown -->\n\n{}\n\n",
        crate::t!("export-page-title", source = program.source.as_str()),
        program.source,
        crate::t!("export-page-about"),
    );
    if let Some(text) = transcript {
        // The transcript is a stranger's text: its control characters are
        // shown escaped, line by line, and the fence is longer than any
        // run of backticks in it, so it cannot end the block.
        let shown: Vec<String> = text
            .trim_end()
            .lines()
            .map(|line| crate::safe_text::escape(line).into_owned())
            .collect();
        let longest = shown
            .iter()
            .flat_map(|line| line.split(|c| c != '`'))
            .map(str::len)
            .max()
            .unwrap_or(0);
        let fence = "`".repeat(longest.max(2) + 1);
        let heading = crate::t!("export-page-transcript");
        out.push_str(&format!("## {heading}\n\n{fence}text\n"));
        out.push_str(&shown.join("\n"));
        out.push_str(&format!("\n{fence}\n\n"));
    }
    out.push_str("## Python\n\n```python\n");
    out.push_str(python::write(program).trim_end());
    out.push_str("\n```\n\n## C\n\n```c\n");
    out.push_str(c::write(program).trim_end());
    out.push_str("\n```\n");
    out
}

/// Why a line is only a comment in the program, in words (the comment's
/// text, without the language's comment marks).
fn why_comment(why: &Why) -> String {
    match why {
        Why::Lab => crate::t!("export-why-lab"),
        Why::SocklabOnly => crate::t!("export-why-socklab-only"),
        Why::Refused(message) => crate::t!("export-why-refused", message = message.as_str()),
        Why::NoCounterpart => crate::t!("export-why-no-counterpart"),
    }
}

/// Whether an entry's line is socklab's own (no call of the program's).
fn is_entry_refused(entry: &Entry) -> Option<String> {
    let first = entry.expected.first()?;
    first.strip_prefix("error: ").map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_calls_ports_and_jobs() {
        let text = "> srv = socket tcp\nsocket(AF_INET, SOCK_STREAM, 0) = [FD1]\n  new handle: srv\n\
> bind srv 127.0.0.1:0\nbind(srv, 127.0.0.1:0) = 0\n  bound: 127.0.0.1:[PORT1]\n\
> conn = accept srv &\n[1] conn = accept srv — running\n\
> connect cli srv\nconnect(cli, 127.0.0.1:[PORT1]) = -1 ECONNREFUSED (Connection refused)\n\
[1] accept(srv) = [FD3]\n  new handle: conn\n  peer: 127.0.0.1:[PORT2]\n\
> lsiten srv\nerror: column 1: unknown command\n";
        let program = from_transcript(text, "t").unwrap();
        assert_eq!(program.steps.len(), 5);
        let Action::Call(call, expected) = &program.steps[1].action else {
            panic!("{:?}", program.steps[1].action)
        };
        assert!(matches!(
            &call.op,
            Op::Bind(Addr::Inet {
                port: Port::Number(0),
                ..
            })
        ));
        assert_eq!(expected.ports, vec![(1, "bound".to_string())]);
        assert!(matches!(
            program.steps[2].action,
            Action::Start { job: 1, .. }
        ));
        let Action::Call(_, expected) = &program.steps[3].action else {
            panic!()
        };
        assert_eq!(expected.ret, Ret::Errno("ECONNREFUSED".into()));
        assert_eq!(program.steps[3].after.len(), 1);
        assert_eq!(program.steps[3].after[0].names, vec!["conn".to_string()]);
        assert!(matches!(
            &program.steps[4].action,
            Action::Comment(Why::Refused(_))
        ));
    }

    /// What a transcript says stays data: text where a name, an address
    /// or an errno stands is never written into a program as code.
    #[test]
    fn a_hostile_transcript_writes_no_code_of_its_own() {
        let text = "> s = socket tcp\nsocket(AF_INET); evil(\"x, SOCK_STREAM, 0) = [FD1]\n\
> s = socket tcp\nsocket(AF_INET, SOCK_STREAM, 0) = [FD1]\n  new handle: s\n\
> close s\nclose(s); evil(x) = 0\n\
> connect s 1.2.3.4:80\nconnect(s, 1.2.3.4\"); evil(\"x:80) = 0\n\
> recv s\nrecv(s, 10, 0) = -1 EAGAIN\"); evil(\"x (y)\n\
> getsockopt s SO_ERROR\ngetsockopt(s, SOL_SOCKET, SO_ERROR) = 0\n  value: E\"); evil(\" (x)\n\
> poll s\npoll([s], 1, 0) = 1\n  s: POLLIN\"); evil(\"\n\
> await s ESTABLISHED\ns\"); evil(\" is ESTABLISHED\n\
> setsockopt s SOL_SOCKET SO_X 1\nsetsockopt(s, SOL_SOCKET, SO_X); evil(, 1) = 0\n";
        let program = from_transcript(text, "t").unwrap();
        for language in [Language::Python, Language::C] {
            let source = write(&program, language);
            for line in source.lines().filter(|l| l.contains("evil")) {
                let line = line.trim_start();
                assert!(
                    line.starts_with('#') || (line.starts_with("/*") && line.ends_with("*/")),
                    "{language:?}: {line}"
                );
            }
        }
    }

    #[test]
    fn handles_become_variables_both_languages_take() {
        let text = "> my-sock = socket tcp\nsocket(AF_INET, SOCK_STREAM, 0) = [FD1]\n  new handle: my-sock\n\
> data = socket udp\nsocket(AF_INET, SOCK_DGRAM, 0) = [FD2]\n  new handle: data\n\
> data_sock = socket udp\nsocket(AF_INET, SOCK_DGRAM, 0) = [FD3]\n  new handle: data_sock\n\
> close data\nclose(data) = 0\n";
        let program = from_transcript(text, "t").unwrap();
        let names: Vec<String> = program
            .steps
            .iter()
            .filter_map(|s| match &s.action {
                Action::Call(call, expected) if call.handle.is_empty() => {
                    Some(expected.new_handles[0].clone())
                }
                Action::Call(call, _) => Some(call.handle.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(names, ["my_sock", "data_sock2", "data_sock", "data_sock2"]);
        assert!(
            program.steps[0].command.contains("my-sock"),
            "the line stays as typed"
        );
    }
}
