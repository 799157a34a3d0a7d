//! `sample`'s words: the handle, the FIELDs, `every D`, `for D` and
//! `save FILE [--force]`, read into a [`Sample`], with errors that say
//! what would be right. Not what it does (`sample`'s own module).

use std::path::PathBuf;
use std::time::Duration;

use super::reading::FIELDS;
use super::{MAX_SAMPLES, Sample};
use crate::error::UsageError;
use crate::parse::{Cursor, Token};

impl Sample {
    pub fn parse(cursor: &mut Cursor) -> Result<Sample, UsageError> {
        let handle = cursor.handle()?;
        let mut fields = Vec::new();
        let (mut every, mut duration) = (Duration::from_millis(100), Duration::from_secs(2));
        let mut save = None;
        while let Some(token) = cursor.peek() {
            match token.text {
                "every" => {
                    cursor.word("every")?;
                    every = duration_word(
                        cursor,
                        "every",
                        (Duration::from_millis(1), Duration::from_secs(10)),
                    )?;
                }
                "for" => {
                    cursor.word("for")?;
                    duration =
                        duration_word(cursor, "for", (Duration::ZERO, Duration::from_secs(600)))?;
                }
                "save" => {
                    cursor.word("save")?;
                    save = Some(save_words(cursor)?);
                }
                _ => {
                    let at = field_word(cursor, token)?;
                    if !fields.contains(&at) {
                        fields.push(at);
                    }
                }
            }
        }
        if duration.as_nanos() / every.as_nanos() > u128::from(MAX_SAMPLES) {
            return Err(UsageError::new(crate::worded!(
                "error-sample-too-many",
                every = crate::lab::path::show_duration(every),
                duration = crate::lab::path::show_duration(duration),
                max = MAX_SAMPLES
            )));
        }
        if fields.is_empty() {
            fields = (0..FIELDS.len()).filter(|&f| FIELDS[f].default).collect();
        }
        Ok(Sample {
            handle,
            fields,
            every,
            duration,
            save,
        })
    }
}

fn duration_word(
    cursor: &mut Cursor,
    what: &str,
    range: (Duration, Duration),
) -> Result<Duration, UsageError> {
    let token = cursor.word(what)?;
    match super::super::sockopt::parse_duration(token.text) {
        Some(d) if d >= range.0 && d <= range.1 => Ok(d),
        _ => Err(cursor.error_at(
            token,
            crate::worded!(
                "error-sample-not-a-time",
                word = crate::safe_text::escape(token.text).to_string(),
                what = what,
                from = crate::lab::path::show_duration(range.0),
                to = crate::lab::path::show_duration(range.1)
            ),
        )),
    }
}

/// `save FILE.csv|FILE.svg [--force]`, after `save`.
fn save_words(cursor: &mut Cursor) -> Result<(PathBuf, bool), UsageError> {
    let column = cursor.peek().map(|t| t.column);
    let name = cursor.path("FILE")?;
    let path = PathBuf::from(&name);
    let kind = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if kind != "csv" && kind != "svg" {
        return Err(UsageError::at(
            column.unwrap_or(1),
            crate::worded!(
                "error-sample-file-kind",
                name = crate::safe_text::escape(&name).to_string()
            ),
        ));
    }
    let force = cursor.peek().is_some_and(|t| t.text == "--force");
    if force {
        cursor.word("--force")?;
    }
    Ok((path, force))
}

/// A FIELD: its place in `FIELDS`, or an error listing them.
fn field_word(cursor: &mut Cursor, token: &Token) -> Result<usize, UsageError> {
    match FIELDS.iter().position(|f| f.name == token.text) {
        Some(at) => {
            cursor.word("FIELD")?;
            Ok(at)
        }
        None => {
            let known: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
            Err(cursor.error_at(
                token,
                crate::worded!(
                    "error-sample-not-a-field",
                    word = crate::safe_text::escape(token.text).to_string(),
                    fields = known.join(" ")
                ),
            ))
        }
    }
}
