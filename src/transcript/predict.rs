//! Predict, then run: `play`'s questions. What a student's answer says (in
//! any form socklab understands: `0`, `-1 ECONNREFUSED`, `111`, the Python
//! exception, `blocks`, a TCP state, `?`), how it is marked against what
//! the call just did on the live kernel — field by field, never against a
//! stored answer — and the report a teacher gathers (`--report FILE.csv`
//! or `.json`).
//!
//! Owns: reading answers, marking them, the score and the report's rows.
//! Asking and running is `play`'s.

use std::io::{self, Write};
use std::path::Path;
use std::time::Duration;

use nix::errno::Errno;

use crate::command::python_table::EXCEPTIONS;
use crate::names::{TcpState, errno_from_name, errno_name};
use crate::step::Brief;
use crate::transcript_format::Question;

/// What a student said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// `?`: gave up; the answer is shown, and counted wrong.
    GaveUp,
    /// Just Enter: no prediction (not counted) — a teacher moving on.
    Skipped,
    /// About a call's result.
    Result(Said),
    /// About a handle's state.
    State(TcpState),
}

/// A prediction of a call's result, as far as it goes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Said {
    /// `-1`, or a value (`0`, `5`); a bare number may also be an errno's
    /// (`111`): it is right as either.
    pub number: Option<i64>,
    /// The errnos the answer names (an errno, or a Python exception's).
    pub errnos: Vec<Errno>,
    /// Those names as typed (`BlockingIOError`, `econnrefused`).
    pub named: Vec<String>,
    /// `blocks`.
    pub blocks: bool,
    /// `ok`, `succeeds`, `fd`: it returns a value ≥ 0, whichever.
    pub succeeds: bool,
}

/// Why an answer could not be read; the question is asked again.
#[derive(Debug, PartialEq, Eq)]
pub enum Unreadable {
    NotAResult(String),
    StateForResult(String),
    NotAState(String),
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let message = match self {
            Unreadable::NotAResult(word) => {
                crate::t!("predict-not-a-result", word = word.as_str())
            }
            Unreadable::StateForResult(word) => {
                crate::t!("predict-state-for-result", word = word.as_str())
            }
            Unreadable::NotAState(word) => crate::t!(
                "predict-not-a-state",
                word = word.as_str(),
                states = TcpState::all_names().join(" ")
            ),
        };
        f.write_str(&message)
    }
}

impl std::error::Error for Unreadable {}

/// The words a student may type for `blocks`, in English, Russian and
/// Chinese.
const BLOCKS: &[&str] = &[
    "blocks",
    "block",
    "blocking",
    "blocked",
    "hangs",
    "waits",
    "блокируется",
    "блокирует",
    "блокировка",
    "заблокируется",
    "зависнет",
    "ждёт",
    "ждет",
    "阻塞",
    "会阻塞",
    "阻塞住",
    "卡住",
    "等待",
];

/// The words for `ok`: it returns a value ≥ 0.
const SUCCEEDS: &[&str] = &[
    "ok",
    "succeeds",
    "success",
    "fd",
    "works",
    "yes",
    "ок",
    "успех",
    "успешно",
    "да",
    "成功",
    "可以",
];

/// Words around an answer: `returns 0`, `raises ConnectionRefusedError`,
/// `вернёт 0`, `返回 0`.
const AROUND: &[&str] = &[
    "errno",
    "returns",
    "return",
    "it",
    "raises",
    "вернёт",
    "вернет",
    "возвращает",
    "返回",
    "会返回",
];

/// `?` as a Chinese keyboard types it too.
fn gives_up(text: &str) -> bool {
    matches!(text, "?" | "？")
}

/// Reads an answer to `question`.
pub fn read(question: &Question, text: &str) -> Result<Answer, Unreadable> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Answer::Skipped);
    }
    if gives_up(text) {
        return Ok(Answer::GaveUp);
    }
    match question {
        Question::State(_) => read_state(text).map(Answer::State),
        Question::Result => read_result(text).map(Answer::Result),
    }
}

fn read_state(text: &str) -> Result<TcpState, Unreadable> {
    let word = text.trim_matches(|c: char| c == '"' || c == '\'' || c == '.');
    let word = match word.to_ascii_uppercase().as_str() {
        "CLOSED" => "CLOSE".to_string(),
        "SYN_RECEIVED" => "SYN_RECV".to_string(),
        "FIN_WAIT_1" => "FIN_WAIT1".to_string(),
        "FIN_WAIT_2" => "FIN_WAIT2".to_string(),
        other => other.replace('-', "_"),
    };
    TcpState::from_name(&word).ok_or_else(|| Unreadable::NotAState(text.to_string()))
}

fn read_result(text: &str) -> Result<Said, Unreadable> {
    let mut said = Said::default();
    let words = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '=' || c == '(' || c == ')')
        .filter(|w| !w.is_empty());
    for word in words {
        let bare = word.trim_matches(|c: char| c == '"' || c == '\'' || c == '.' || c == ':');
        let lower = bare.to_lowercase();
        if BLOCKS.contains(&lower.as_str()) {
            said.blocks = true;
        } else if SUCCEEDS.contains(&lower.as_str()) {
            said.succeeds = true;
        } else if let Ok(number) = bare.parse::<i64>() {
            said.number = Some(number);
        } else if let Some(errno) = errno_from_name(bare) {
            said.errnos.push(errno);
            said.named.push(errno_name(errno));
        } else if let Some(exception) = python_exception(bare) {
            said.errnos.extend(exception);
            said.named.push(bare.to_string());
        } else if AROUND.contains(&lower.as_str()) {
            // Words around an answer.
        } else if TcpState::from_name(&bare.to_ascii_uppercase()).is_some() {
            return Err(Unreadable::StateForResult(bare.to_string()));
        } else {
            return Err(Unreadable::NotAResult(bare.to_string()));
        }
    }
    said.errnos.sort_by_key(|e| *e as i32);
    said.errnos.dedup();
    Ok(said)
}

/// A Python exception's errnos (`ConnectionRefusedError`,
/// `socket.timeout`, any case), from the table `help` uses.
fn python_exception(word: &str) -> Option<Vec<Errno>> {
    let word = word.strip_prefix("socket.").unwrap_or(word);
    let exception = EXCEPTIONS.iter().find(|e| {
        let name = e.name.strip_prefix("socket.").unwrap_or(e.name);
        name.eq_ignore_ascii_case(word)
    })?;
    let errnos: Vec<Errno> = exception
        .errnos
        .iter()
        .filter_map(|name| errno_from_name(name))
        .collect();
    (!errnos.is_empty()).then_some(errnos)
}

/// What actually happened, for a question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actual {
    Result(Brief),
    /// The handle's state after the step (None: the kernel has no
    /// connection for it any more).
    State(Option<TcpState>),
}

impl Actual {
    /// What happened, in the language text is shown in (the report
    /// takes it in English).
    pub fn shown(&self) -> String {
        match self {
            Actual::Result(brief) => shown_result(*brief),
            Actual::State(Some(state)) => state.name().to_string(),
            Actual::State(None) => crate::t!("predict-actual-gone"),
        }
    }
}

fn shown_result(brief: Brief) -> String {
    match brief {
        Brief::Returned(value) => crate::t!("predict-actual-returned", value = value.to_string()),
        Brief::Failed(errno) => {
            let errno_shown = errno_name(errno);
            let python = EXCEPTIONS
                .iter()
                .find(|e| e.errnos.len() <= 2 && e.errnos.contains(&errno_shown.as_str()));
            match python {
                Some(exception) => crate::t!(
                    "predict-actual-failed-python",
                    errno = errno_shown,
                    exception = exception.name
                ),
                None => crate::t!("predict-actual-failed", errno = errno_shown),
            }
        }
        Brief::Blocked => crate::t!("predict-actual-blocked"),
        Brief::Other => crate::t!("predict-actual-other"),
    }
}

/// One field of an answer, marked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// `return value`, `errno`, `blocks`, `state`.
    pub field: &'static str,
    pub said: String,
    pub right: bool,
}

impl Mark {
    /// `✓ errno: ECONNREFUSED (right)`, in the language text is shown in.
    pub fn shown(&self) -> String {
        let field = match self.field {
            "return value" => crate::t!("predict-field-return-value"),
            "errno" => crate::t!("predict-field-errno"),
            "blocks" => crate::t!("predict-field-blocks"),
            "succeeds" => crate::t!("predict-field-succeeds"),
            "result" => crate::t!("predict-field-result"),
            "state" => crate::t!("predict-field-state"),
            _ => crate::t!("predict-field-answer"),
        };
        // The words socklab wrote for an answer; names and numbers as typed.
        let said = match self.said.as_str() {
            "blocks" => crate::t!("predict-word-blocks"),
            "ok" => crate::t!("predict-word-ok"),
            said => said.to_string(),
        };
        match self.right {
            true => crate::t!("predict-mark-right", field = field, said = said),
            false => crate::t!("predict-mark-wrong", field = field, said = said),
        }
    }
}

/// Marks `answer` against what happened, field by field. Empty for a
/// skipped question; one wrong field for `?`.
pub fn mark(answer: &Answer, actual: Actual) -> Vec<Mark> {
    match (answer, actual) {
        (Answer::Skipped, _) => Vec::new(),
        (Answer::GaveUp, _) => vec![Mark {
            field: "answer",
            said: "?".into(),
            right: false,
        }],
        (Answer::State(said), Actual::State(was)) => vec![Mark {
            field: "state",
            said: said.name().into(),
            right: was == Some(*said),
        }],
        (Answer::Result(said), Actual::Result(was)) => mark_result(said, was),
        // An answer read for the other kind of question cannot happen
        // (`read` reads by the question); marked wrong if it did.
        (Answer::State(said), _) => vec![Mark {
            field: "state",
            said: said.name().into(),
            right: false,
        }],
        (Answer::Result(_), _) => vec![Mark {
            field: "result",
            said: "?".into(),
            right: false,
        }],
    }
}

fn mark_result(said: &Said, was: Brief) -> Vec<Mark> {
    let mut marks = Vec::new();
    if said.blocks {
        marks.push(Mark {
            field: "blocks",
            said: "blocks".into(),
            right: was == Brief::Blocked,
        });
    }
    if said.succeeds {
        marks.push(Mark {
            field: "succeeds",
            said: "ok".into(),
            right: matches!(was, Brief::Returned(value) if value >= 0),
        });
    }
    match (said.number, said.errnos.is_empty()) {
        // `111` or `5`: right as the value returned or as the errno.
        (Some(number), true) if number != -1 => marks.push(Mark {
            field: "result",
            said: number.to_string(),
            right: match was {
                Brief::Returned(value) => value == number,
                Brief::Failed(errno) => errno as i64 == number,
                _ => false,
            },
        }),
        (Some(number), _) => marks.push(Mark {
            field: "return value",
            said: number.to_string(),
            right: match was {
                Brief::Returned(value) => value == number,
                Brief::Failed(_) => number == -1,
                _ => false,
            },
        }),
        (None, false) => marks.push(Mark {
            field: "return value",
            said: "-1".into(),
            right: matches!(was, Brief::Failed(_)),
        }),
        (None, true) => {}
    }
    if !said.errnos.is_empty() {
        marks.push(Mark {
            field: "errno",
            said: said.named.join(" "),
            right: matches!(was, Brief::Failed(errno) if said.errnos.contains(&errno)),
        });
    }
    marks
}

/// Whether every field is right (None: not counted).
pub fn verdict(marks: &[Mark]) -> Option<bool> {
    (!marks.is_empty()).then(|| marks.iter().all(|m| m.right))
}

/// The question in words, to ask it.
pub fn ask(question: &Question) -> String {
    match question {
        Question::Result => crate::t!("predict-ask-result"),
        Question::State(handle) => crate::t!("predict-ask-state", handle = handle.as_str()),
    }
}

/// How to answer, said before the first question.
pub fn how() -> String {
    crate::t!("predict-how")
}

/// The score that ends a lesson: right of counted, and how many were not
/// answered.
pub fn score_line(right: usize, counted: usize, skipped: usize) -> String {
    match skipped {
        0 => crate::t!("predict-score", right = right, counted = counted),
        _ => crate::t!(
            "predict-score-skipped",
            right = right,
            counted = counted,
            skipped = skipped
        ),
    }
}

/// The question in a report's column: `result`, `state conn`.
pub fn kind(question: &Question) -> String {
    match question {
        Question::Result => "result".into(),
        Question::State(handle) => format!("state {handle}"),
    }
}

/// One question of a run, for the report.
#[derive(Clone, Debug)]
pub struct Row {
    /// The step's number in the lesson (1-based) and its line in the file.
    pub step: usize,
    pub line: usize,
    pub command: String,
    pub question: String,
    pub answer: String,
    pub actual: String,
    /// None: skipped (no answer given).
    pub right: Option<bool>,
    pub seconds: f64,
}

/// A run's questions and who answered them.
#[derive(Clone, Debug)]
pub struct Run {
    pub lesson: String,
    pub user: String,
    /// Seconds since the Unix epoch when the run began.
    pub started: u64,
    pub rows: Vec<Row>,
}

impl Run {
    pub fn new(lesson: &str) -> Run {
        let uid = nix::unistd::getuid();
        let user = std::env::var("USER")
            .or_else(|_| std::env::var("LOGNAME"))
            .ok()
            .filter(|name| !name.is_empty())
            .or_else(|| Some(nix::unistd::User::from_uid(uid).ok()??.name))
            .unwrap_or_else(|| uid.to_string());
        let started = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or(Duration::ZERO)
            .as_secs();
        Run {
            lesson: lesson.to_string(),
            user,
            started,
            rows: Vec::new(),
        }
    }

    /// (right, counted): skipped questions are not counted.
    pub fn score(&self) -> (usize, usize) {
        let counted = self.rows.iter().filter(|r| r.right.is_some()).count();
        let right = self.rows.iter().filter(|r| r.right == Some(true)).count();
        (right, counted)
    }
}

/// Where a report goes and in which form, chosen by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportForm {
    /// A row per question, after a header when the file is new.
    Csv,
    /// One JSON object per run, on one line (JSON Lines): a class's
    /// files concatenate.
    Json,
}

impl ReportForm {
    pub fn of(path: &Path) -> Option<ReportForm> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "csv" => Some(ReportForm::Csv),
            "json" | "jsonl" => Some(ReportForm::Json),
            _ => None,
        }
    }
}

const CSV_HEADER: &str =
    "lesson,user,started,step,line,command,question,answer,actual,right,seconds";

/// Appends the run to a report: CSV rows (a header first when `fresh`),
/// or one JSON line.
pub fn write_report(
    out: &mut dyn Write,
    form: ReportForm,
    run: &Run,
    fresh: bool,
) -> io::Result<()> {
    match form {
        ReportForm::Csv => {
            if fresh {
                writeln!(out, "{CSV_HEADER}")?;
            }
            for row in &run.rows {
                let right = match row.right {
                    Some(true) => "right",
                    Some(false) => "wrong",
                    None => "skipped",
                };
                let fields = [
                    csv(&run.lesson),
                    csv(&run.user),
                    run.started.to_string(),
                    row.step.to_string(),
                    row.line.to_string(),
                    csv(&row.command),
                    csv(&row.question),
                    csv(&row.answer),
                    csv(&row.actual),
                    right.to_string(),
                    format!("{:.1}", row.seconds),
                ];
                writeln!(out, "{}", fields.join(","))?;
            }
        }
        ReportForm::Json => {
            let (right, counted) = run.score();
            let questions: Vec<serde_json::Value> = run
                .rows
                .iter()
                .map(|row| {
                    serde_json::json!({
                        "step": row.step,
                        "line": row.line,
                        "command": row.command,
                        "question": row.question,
                        "answer": row.answer,
                        "actual": row.actual,
                        "right": row.right,
                        "seconds": (row.seconds * 10.0).round() / 10.0,
                    })
                })
                .collect();
            let value = serde_json::json!({
                "lesson": run.lesson,
                "user": run.user,
                "started": run.started,
                "score": {"right": right, "asked": counted},
                "questions": questions,
            });
            writeln!(out, "{value}")?;
        }
    }
    out.flush()
}

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line
/// break, its quotes doubled. A field a spreadsheet would run as a formula
/// (`=`, `+`, `-`, `@` first) gets a leading `'`, as OWASP advises: the
/// commands come from lessons, which come from strangers.
fn csv(field: &str) -> String {
    let field = match field.chars().next() {
        Some('=' | '+' | '@' | '\t' | '\r') => format!("'{field}"),
        Some('-') if field.parse::<f64>().is_err() => {
            format!("'{field}")
        }
        _ => field.to_string(),
    };
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(text: &str) -> Said {
        match read(&Question::Result, text).unwrap() {
            Answer::Result(said) => said,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn answers_are_read_in_every_form() {
        assert_eq!(result("0").number, Some(0));
        let refused = result("-1 ECONNREFUSED");
        assert_eq!(refused.number, Some(-1));
        assert_eq!(refused.errnos, vec![Errno::ECONNREFUSED]);
        assert_eq!(result("econnrefused").errnos, vec![Errno::ECONNREFUSED]);
        assert_eq!(
            result("ConnectionRefusedError").errnos,
            vec![Errno::ECONNREFUSED]
        );
        assert_eq!(result("socket.timeout").errnos, vec![Errno::ETIMEDOUT]);
        assert!(result("blocks").blocks);
        assert!(result("ok").succeeds);
        assert_eq!(result("EWOULDBLOCK").errnos, vec![Errno::EAGAIN]);
        assert_eq!(read(&Question::Result, " ? "), Ok(Answer::GaveUp));
        assert_eq!(read(&Question::Result, ""), Ok(Answer::Skipped));
        assert_eq!(
            read(&Question::State("c".into()), "close_wait"),
            Ok(Answer::State(TcpState(8)))
        );
        assert_eq!(
            read(&Question::State("c".into()), "closed"),
            Ok(Answer::State(TcpState::CLOSE))
        );
        assert!(matches!(
            read(&Question::Result, "CLOSE_WAIT"),
            Err(Unreadable::StateForResult(_))
        ));
        assert!(matches!(
            read(&Question::Result, "maybe"),
            Err(Unreadable::NotAResult(_))
        ));
        assert!(matches!(
            read(&Question::State("c".into()), "open"),
            Err(Unreadable::NotAState(_))
        ));
    }

    #[test]
    fn answer_words_are_read_in_russian_and_chinese() {
        for word in ["блокируется", "Блокируется", "阻塞", "会阻塞"] {
            assert!(result(word).blocks, "{word}");
        }
        for word in ["успех", "ок", "成功"] {
            assert!(result(word).succeeds, "{word}");
        }
        assert_eq!(result("вернёт 0").number, Some(0));
        assert_eq!(
            result("返回 -1 ECONNREFUSED").errnos,
            vec![Errno::ECONNREFUSED]
        );
        assert_eq!(read(&Question::Result, "？"), Ok(Answer::GaveUp));
        assert!(matches!(
            read(&Question::Result, "может быть"),
            Err(Unreadable::NotAResult(_))
        ));
    }

    #[test]
    fn marks_are_field_by_field() {
        let refused = Actual::Result(Brief::Failed(Errno::ECONNREFUSED));
        let marks = |text: &str, actual| mark(&read(&Question::Result, text).unwrap(), actual);
        assert_eq!(verdict(&marks("-1 ECONNREFUSED", refused)), Some(true));
        assert_eq!(verdict(&marks("111", refused)), Some(true));
        assert_eq!(
            verdict(&marks("ConnectionRefusedError", refused)),
            Some(true)
        );
        // -1 right, the errno wrong.
        let m = marks("-1 ECONNRESET", refused);
        assert_eq!(
            m.iter().map(|m| (m.field, m.right)).collect::<Vec<_>>(),
            vec![("return value", true), ("errno", false)]
        );
        assert_eq!(verdict(&marks("0", refused)), Some(false));
        let zero = Actual::Result(Brief::Returned(0));
        assert_eq!(verdict(&marks("0", zero)), Some(true));
        assert_eq!(verdict(&marks("ECONNREFUSED", zero)), Some(false));
        assert_eq!(verdict(&marks("blocks", zero)), Some(false));
        assert_eq!(verdict(&marks("ok", zero)), Some(true));
        assert_eq!(verdict(&marks("ok", refused)), Some(false));
        assert_eq!(
            verdict(&marks("blocks", Actual::Result(Brief::Blocked))),
            Some(true)
        );
        assert_eq!(verdict(&marks("?", zero)), Some(false));
        assert_eq!(verdict(&marks("", zero)), None);
        let state = Actual::State(Some(TcpState(8)));
        let asked = Question::State("conn".into());
        assert_eq!(
            verdict(&mark(&read(&asked, "CLOSE_WAIT").unwrap(), state)),
            Some(true)
        );
        assert_eq!(
            verdict(&mark(&read(&asked, "FIN_WAIT2").unwrap(), state)),
            Some(false)
        );
    }

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(csv("send cli \"a,b\""), "\"send cli \"\"a,b\"\"\"");
        assert_eq!(csv("=cmd()"), "'=cmd()");
        assert_eq!(csv("-1 ECONNREFUSED"), "'-1 ECONNREFUSED");
        assert_eq!(csv("-5"), "-5");
        assert_eq!(csv("plain"), "plain");
    }
}
