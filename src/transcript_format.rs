//! The `.socklab` transcript format (docs/transcripts.md):
//!
//! ```text
//! # narration, shown by `play`, ignored by the comparison
//! #ru the same narration in Russian
//! #zh the same narration in Simplified Chinese
//! #! timeout: 2s
//! #! needs: ipv6
//! #! as: unprivileged
//! #! encoding: gbk
//! #! predict
//! > srv = socket tcp
//! socket(AF_INET, SOCK_STREAM, 0) = [FD1]
//!   new handle: srv
//! #? state srv
//! ?> connect cli srv
//! ```
//!
//! (`?>` is a question: `play` asks for a prediction before it runs the
//! line; `#? state H` before it asks for H's state after it instead of the
//! call's result.)
//!
//! Owns parsing a file into entries and writing it back (for `--bless`),
//! the directives a recording writes, and how output is normalized and
//! matched (`normalize`). Below everything that reads or writes a
//! transcript: the runner's recording and sketch, the diagrams, and
//! `transcript`'s replay, record and play.

pub mod normalize;

use std::time::Duration;

use crate::i18n::Lang;

/// A transcript's blocking calls are bounded by this unless it says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// What a transcript needs from the machine; unmet needs skip it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    Root,
    NonRoot,
    CapNetRaw,
    Ipv6,
}

impl Need {
    fn parse(word: &str) -> Option<Need> {
        match word {
            "root" => Some(Need::Root),
            "nonroot" => Some(Need::NonRoot),
            "cap_net_raw" => Some(Need::CapNetRaw),
            "ipv6" => Some(Need::Ipv6),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Need::Root => "root",
            Need::NonRoot => "nonroot",
            Need::CapNetRaw => "cap_net_raw",
            Need::Ipv6 => "ipv6",
        }
    }
}

/// What a question step asks the student to predict (`?>`, `#? state H`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Question {
    /// What the call returns: a value, an errno, or that it blocks.
    Result,
    /// The TCP state this handle is in after the step.
    State(String),
}

/// Narration: lines a person reads, in English (`# `) and in the other
/// languages (`#ru `, `#zh `), each without its mark.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Narration {
    pub en: Vec<String>,
    pub ru: Vec<String>,
    pub zh: Vec<String>,
}

impl Narration {
    /// The lines in `lang`; English where the lesson has none in it.
    pub fn get(&self, lang: Lang) -> &[String] {
        let lines = self.written_in(lang);
        match lines.is_empty() {
            true => &self.en,
            false => lines,
        }
    }

    /// The lines written in `lang` (none if the lesson has none in it).
    pub fn written_in(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::En => &self.en,
            Lang::Ru => &self.ru,
            Lang::Zh => &self.zh,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.en.is_empty() && self.ru.is_empty() && self.zh.is_empty()
    }

    /// Where one language has narration and another has none.
    pub fn missing(&self) -> Vec<Lang> {
        match self.is_empty() {
            true => Vec::new(),
            false => Lang::ALL
                .into_iter()
                .filter(|&lang| self.written_in(lang).is_empty())
                .collect(),
        }
    }

    fn push(&mut self, lang: Lang, line: String) {
        match lang {
            Lang::En => self.en.push(line),
            Lang::Ru => self.ru.push(line),
            Lang::Zh => self.zh.push(line),
        }
    }
}

/// A narration line: `# text` (English), `#ru text`, `#zh text`, or the
/// mark alone (an empty line of narration).
fn narration_line(line: &str) -> Option<(Lang, String)> {
    let (lang, rest) = if let Some(rest) = line.strip_prefix("#ru") {
        (Lang::Ru, rest)
    } else if let Some(rest) = line.strip_prefix("#zh") {
        (Lang::Zh, rest)
    } else {
        (Lang::En, line.strip_prefix('#')?)
    };
    match rest.strip_prefix(' ') {
        Some(text) => Some((lang, text.trim_start().to_string())),
        None if rest.is_empty() => Some((lang, String::new())),
        None => None,
    }
}

/// One command and what it is expected to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Narration just before the command.
    pub narration: Narration,
    pub command: String,
    /// A question step (`?> CMD`, or `#? state H` before it): `play` asks
    /// for a prediction first. `test` runs it as any step.
    pub question: Option<Question>,
    /// 1-based line of the `> ` line in the file.
    pub line: usize,
    pub expected: Vec<String>,
    /// The file's line indices (0-based, end exclusive) holding `expected`.
    expected_span: (usize, usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transcript {
    pub lines: Vec<String>,
    pub timeout: Option<Duration>,
    pub needs: Vec<Need>,
    /// `#! as: unprivileged`: the lesson runs with no capabilities.
    pub unprivileged: bool,
    /// `#! lab`: the lesson runs in a network lab of its own.
    pub lab: bool,
    /// `#! encoding: gbk`: the session's text encoding from the start.
    pub encoding: Option<&'static crate::encoding::Encoding>,
    /// `#! predict`: every step that makes a call is a question of its
    /// result (as `play --predict` makes it).
    pub predict: bool,
    /// What socklab changed in what the file asked (a timeout cut short),
    /// shown before the lesson runs.
    pub notes: Vec<String>,
    pub entries: Vec<Entry>,
    /// Narration after the last command.
    pub epilogue: Narration,
}

/// What is wrong with a transcript, and on which line.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {problem}")]
pub struct FormatError {
    pub line: usize,
    pub problem: Problem,
}

/// What is wrong with a line of a transcript.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("output after narration — narration goes before a command")]
    OutputAfterNarration,
    #[error("output before any command — a command line starts with '> '")]
    OutputBeforeCommand,
    #[error("a directive is '#! key: value', not '#! {0}'")]
    NotADirective(String),
    #[error("timeout '{0}' is not a duration like 2s")]
    BadTimeout(String),
    #[error(transparent)]
    Encoding(#[from] crate::encoding::EncodingError),
    #[error("'#! as: {0}' is not known — the only one is '#! as: unprivileged'")]
    UnknownAs(String),
    #[error("unknown need '{0}' — root, nonroot, cap_net_raw or ipv6")]
    UnknownNeed(String),
    #[error("unknown directive '{0}' — timeout, needs, encoding, as, group, lab or predict")]
    UnknownDirective(String),
    #[error("'#? {0}' is not a question — '#? state HANDLE' or '#? result'")]
    NotAQuestion(String),
    #[error("a question ('#? …') goes just before its command")]
    QuestionWithoutCommand,
}

/// Parses a transcript; an error names the line.
pub fn parse(text: &str) -> Result<Transcript, FormatError> {
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut transcript = Transcript {
        lines: lines.clone(),
        timeout: None,
        needs: Vec::new(),
        unprivileged: false,
        lab: false,
        encoding: None,
        predict: false,
        notes: Vec::new(),
        entries: Vec::new(),
        epilogue: Narration::default(),
    };
    let mut narration = Narration::default();
    // A `#? …` line waiting for its command.
    let mut asked: Option<(usize, Question)> = None;
    for (index, line) in lines.iter().enumerate() {
        let number = index + 1;
        let at = |problem| FormatError {
            line: number,
            problem,
        };
        let command = line
            .strip_prefix("> ")
            .map(|c| (c, false))
            .or_else(|| line.strip_prefix("?> ").map(|c| (c, true)));
        if let Some(question) = line.strip_prefix("#?") {
            if asked.is_some() {
                return Err(at(Problem::QuestionWithoutCommand));
            }
            asked = Some((number, parse_question(question.trim()).map_err(at)?));
        } else if let Some(directive) = line.strip_prefix("#!") {
            parse_directive(directive.trim(), &mut transcript).map_err(at)?;
        } else if let Some((lang, text)) = narration_line(line) {
            narration.push(lang, text);
        } else if let Some((command, marked)) = command {
            let question = match asked.take() {
                Some((_, question)) => Some(question),
                None => marked.then_some(Question::Result),
            };
            transcript.entries.push(Entry {
                narration: std::mem::take(&mut narration),
                command: command.to_string(),
                question,
                line: number,
                expected: Vec::new(),
                expected_span: (index + 1, index + 1),
            });
        } else if let Some((asked_at, _)) = asked.as_ref().filter(|_| !line.trim().is_empty()) {
            return Err(FormatError {
                line: *asked_at,
                problem: Problem::QuestionWithoutCommand,
            });
        } else if let Some(entry) = transcript.entries.last_mut() {
            if !narration.is_empty() {
                return Err(at(Problem::OutputAfterNarration));
            }
            entry.expected.push(line.clone());
            entry.expected_span.1 = index + 1;
        } else if !line.trim().is_empty() {
            return Err(at(Problem::OutputBeforeCommand));
        }
    }
    for entry in &mut transcript.entries {
        while entry.expected.last().is_some_and(|l| l.trim().is_empty()) {
            entry.expected.pop();
        }
    }
    if let Some((asked_at, _)) = asked {
        return Err(FormatError {
            line: asked_at,
            problem: Problem::QuestionWithoutCommand,
        });
    }
    transcript.epilogue = narration;
    Ok(transcript)
}

/// `#? state H` or `#? result`.
fn parse_question(text: &str) -> Result<Question, Problem> {
    let mut words = text.split_whitespace();
    match (words.next(), words.next(), words.next()) {
        (Some("result"), None, _) => Ok(Question::Result),
        (Some("state"), Some(handle), None) => Ok(Question::State(handle.to_string())),
        _ => Err(Problem::NotAQuestion(text.to_string())),
    }
}

/// Whether a file that is not a transcript is a plain list of socklab
/// commands (no `> ` lines): what `socklab record` makes a lesson of.
pub fn is_a_command_list(text: &str) -> bool {
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    let mut any = false;
    lines.all(|l| {
        any = true;
        !l.starts_with("> ") && !l.starts_with("?> ")
    }) && any
}

fn parse_directive(text: &str, transcript: &mut Transcript) -> Result<(), Problem> {
    if text == "lab" {
        transcript.lab = true;
        return Ok(());
    }
    if text == "predict" {
        transcript.predict = true;
        return Ok(());
    }
    let (key, value) = text
        .split_once(':')
        .ok_or_else(|| Problem::NotADirective(text.to_string()))?;
    match key.trim() {
        "timeout" => {
            let value = value.trim();
            let asked = crate::duration::parse(value)
                .filter(|d| !d.is_zero())
                .ok_or_else(|| Problem::BadTimeout(value.to_string()))?;
            let limit = crate::budget::CONFINED_MAX_WAIT;
            if asked > limit {
                transcript.notes.push(format!(
                    "'#! timeout: {value}' was cut to {}s: a lesson's call waits at most that long",
                    limit.as_secs()
                ));
            }
            transcript.timeout = Some(asked.min(limit));
        }
        // The library's grouping (`socklab lessons`); nothing to run.
        "group" if !value.trim().is_empty() => {}
        "encoding" => {
            transcript.encoding = Some(crate::encoding::by_name(value.trim())?);
        }
        "as" => match value.trim() {
            "unprivileged" => transcript.unprivileged = true,
            other => {
                return Err(Problem::UnknownAs(other.to_string()));
            }
        },
        "needs" => {
            for word in value.split([',', ' ']).filter(|w| !w.is_empty()) {
                let need =
                    Need::parse(word).ok_or_else(|| Problem::UnknownNeed(word.to_string()))?;
                transcript.needs.push(need);
            }
        }
        other => {
            return Err(Problem::UnknownDirective(other.to_string()));
        }
    }
    Ok(())
}

impl Transcript {
    /// The file with some entries' expected output replaced (for `--bless`).
    pub fn rewritten(&self, replacements: &[(usize, Vec<String>)]) -> String {
        let mut out = Vec::new();
        let mut cursor = 0;
        for entry in &self.entries {
            let Some((_, new)) = replacements.iter().find(|(line, _)| *line == entry.line) else {
                continue;
            };
            let (start, end) = entry.expected_span;
            let kept_blank = self.lines[start..end]
                .iter()
                .rev()
                .take_while(|l| l.trim().is_empty())
                .count();
            out.extend_from_slice(&self.lines[cursor..start]);
            out.extend(new.iter().cloned());
            out.extend(std::iter::repeat_n(String::new(), kept_blank));
            cursor = end;
        }
        out.extend_from_slice(&self.lines[cursor..]);
        let mut text = out.join("\n");
        text.push('\n');
        text
    }
}

/// The directives a transcript of a session needs to replay as it ran:
/// `#! lab`, `#! encoding:` (other than UTF-8) and `#! timeout:` (other
/// than a lesson's default).
pub fn directives(
    lab: bool,
    encoding: &'static crate::encoding::Encoding,
    timeout: Option<Duration>,
) -> Vec<String> {
    let mut directives = Vec::new();
    if lab {
        directives.push("#! lab".to_string());
    }
    if encoding != crate::encoding::UTF_8 {
        directives.push(format!("#! encoding: {}", crate::encoding::name(encoding)));
    }
    if let Some(timeout) = timeout.filter(|t| *t != DEFAULT_TIMEOUT) {
        directives.push(format!(
            "#! timeout: {}",
            crate::lab::path::show_duration(timeout)
        ));
    }
    directives
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narration_carries_its_translations() {
        let text = "# Title\n#ru Заголовок\n#zh 标题\n#\n#ru\n> ls\nNAME\n# End.\n#zh 完。\n";
        let parsed = parse(text).unwrap();
        let first = &parsed.entries[0].narration;
        assert_eq!(first.en, ["Title", ""]);
        assert_eq!(first.ru, ["Заголовок", ""]);
        assert_eq!(first.get(Lang::Zh), ["标题"]);
        assert!(first.missing().is_empty());
        assert_eq!(parsed.entries[0].expected, ["NAME"]);
        assert_eq!(parsed.epilogue.get(Lang::Ru), ["End."]);
        assert_eq!(parsed.epilogue.missing(), [Lang::Ru]);
        // `#rust` is not Russian narration: it is output, out of place.
        assert!(parse("> ls\n#rust\n").unwrap().entries[0].expected == ["#rust"]);
    }

    const SAMPLE: &str = "# Title\n#! timeout: 2s\n#! needs: ipv6\n\n# Make one.\n> s = socket tcp\nsocket(AF_INET, SOCK_STREAM, 0) = [FD1]\n  new handle: s\n\n> ls\nNAME\n# The end.\n";

    #[test]
    fn parses_entries_narration_and_directives() {
        let t = parse(SAMPLE).unwrap();
        assert_eq!(t.timeout, Some(Duration::from_secs(2)));
        assert_eq!(t.needs, vec![Need::Ipv6]);
        assert_eq!(t.entries.len(), 2);
        assert_eq!(t.entries[0].narration.en, vec!["Title", "Make one."]);
        assert_eq!(t.entries[0].command, "s = socket tcp");
        assert_eq!(t.entries[0].line, 6);
        assert_eq!(
            t.entries[0].expected,
            vec!["socket(AF_INET, SOCK_STREAM, 0) = [FD1]", "  new handle: s"]
        );
        assert_eq!(t.entries[1].expected, vec!["NAME"]);
        assert_eq!(t.epilogue.en, vec!["The end."]);
    }

    #[test]
    fn questions_mark_their_command() {
        let text = "#! predict\n?> a = socket tcp\nsocket(AF_INET, SOCK_STREAM, 0) = [FD1]\n\
                    #? state a\n> close a\n> ls\n";
        let t = parse(text).unwrap();
        assert!(t.predict);
        let asked: Vec<_> = t.entries.iter().map(|e| e.question.clone()).collect();
        assert_eq!(
            asked,
            vec![
                Some(Question::Result),
                Some(Question::State("a".into())),
                None
            ]
        );
        assert_eq!(t.entries[0].command, "a = socket tcp");
        assert_eq!(t.entries[0].expected.len(), 1);
        assert_eq!(t.rewritten(&[]), text);
    }

    #[test]
    fn rewrites_only_what_it_is_told() {
        let t = parse(SAMPLE).unwrap();
        let text = t.rewritten(&[(10, vec!["NAME  FD".into()])]);
        assert_eq!(text, SAMPLE.replace("> ls\nNAME\n", "> ls\nNAME  FD\n"));
        assert_eq!(t.rewritten(&[]), SAMPLE);
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            ("#! timeout: soon\n", "line 1: timeout 'soon'"),
            ("#! needs: luck\n", "line 1: unknown need 'luck'"),
            ("#! colour: red\n", "line 1: unknown directive"),
            ("stray output\n", "line 1: output before any command"),
            ("> ls\n# note\nNAME\n", "line 3: output after narration"),
            ("#? colour\n> ls\n", "line 1: '#? colour' is not a question"),
            ("#? state a\n#? result\n> ls\n", "line 2: a question"),
            ("#? state a\nNAME\n", "line 1: a question"),
            ("> ls\n#? result\n", "line 2: a question"),
        ];
        for (text, want) in cases {
            let err = parse(text).unwrap_err();
            assert!(err.to_string().starts_with(want), "{text:?}: {err}");
        }
    }
}
