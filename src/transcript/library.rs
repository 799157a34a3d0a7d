//! The lesson library built into the binary (transcripts/, by build.rs):
//! found by name (`half-close`), number (`03`) or whole name, listed by
//! group with each lesson's title and needs.
//!
//! Owns: the built-in lessons and finding them. A file path always wins
//! over a built-in name (the caller checks the file first).

use super::format;

include!(concat!(env!("OUT_DIR"), "/lessons.rs"));

/// A built-in lesson.
#[derive(Clone, Copy, Debug)]
pub struct Lesson {
    /// `03-half-close`.
    pub name: &'static str,
    pub text: &'static str,
}

impl Lesson {
    /// The first narration line, in the language text is shown in:
    /// `Half-close: shutting down one direction …` (`#ru …`, `#zh …`
    /// for the others; English where the lesson has none).
    pub fn title(&self) -> &'static str {
        let lang = crate::i18n::current();
        let mark = match lang {
            crate::i18n::Lang::En => "# ",
            crate::i18n::Lang::Ru => "#ru ",
            crate::i18n::Lang::Zh => "#zh ",
        };
        let first = |mark: &str| self.text.lines().find_map(|l| l.strip_prefix(mark));
        first(mark).or_else(|| first("# ")).unwrap_or("")
    }

    /// `#! group:`, or "Other lessons": in English, as the file writes it
    /// ([`group_shown`] gives it in the language text is shown in).
    pub fn group(&self) -> &'static str {
        self.text
            .lines()
            .find_map(|l| l.strip_prefix("#! group:"))
            .map_or("Other lessons", str::trim)
    }

    /// What it needs to run: root, cap_net_raw, ipv6, the lab …
    pub fn needs(&self) -> Vec<&'static str> {
        let Ok(parsed) = format::parse(self.text) else {
            return Vec::new();
        };
        let mut needs: Vec<&'static str> = parsed.needs.iter().map(|n| n.name()).collect();
        if parsed.lab {
            needs.push("lab");
        }
        needs
    }

    /// How many questions it asks before their steps (`?>`, `#? …`).
    pub fn questions(&self) -> usize {
        format::parse(self.text).map_or(0, |parsed| {
            parsed
                .entries
                .iter()
                .filter(|e| e.question.is_some())
                .count()
        })
    }
}

/// Every built-in lesson, by name.
pub fn all() -> Vec<Lesson> {
    LESSONS
        .iter()
        .map(|&(name, text)| Lesson { name, text })
        .collect()
}

/// The groups, in the library's order (the order of their first lessons).
pub fn groups() -> Vec<&'static str> {
    let mut groups: Vec<&'static str> = Vec::new();
    for lesson in all() {
        if !groups.contains(&lesson.group()) {
            groups.push(lesson.group());
        }
    }
    groups
}

/// The id of a group's name in the message files: `TCP connections` →
/// `group-tcp-connections`.
fn group_id(group: &str) -> String {
    let mut id = String::from("group");
    for word in group
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        id.push('-');
        id.push_str(&word.to_ascii_lowercase());
    }
    id
}

/// A group's name in the language text is shown in; as the file writes
/// it where no message names it.
pub fn group_shown(group: &str) -> String {
    crate::i18n::lookup(&group_id(group)).unwrap_or_else(|| group.to_string())
}

/// A name that picks out no one built-in lesson.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FindError {
    /// None: perhaps `near` was meant.
    NoSuch {
        wanted: String,
        near: Option<&'static str>,
    },
    /// Several: the whole name tells them apart.
    Several {
        wanted: String,
        names: Vec<&'static str>,
    },
}

impl std::fmt::Display for FindError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let message = match self {
            FindError::NoSuch { wanted, near } => {
                let wanted = crate::safe_text::escape(wanted).into_owned();
                match near {
                    Some(near) => crate::t!(
                        "lessons-no-such-near",
                        wanted = wanted,
                        near = near.to_string()
                    ),
                    None => crate::t!("lessons-no-such", wanted = wanted),
                }
            }
            FindError::Several { wanted, names } => crate::t!(
                "lessons-several",
                wanted = crate::safe_text::escape(wanted).into_owned(),
                names = names.join(", ")
            ),
        };
        f.write_str(&message)
    }
}

impl std::error::Error for FindError {}

/// The lesson `wanted` names: its whole name, its number (`3`, `03`), or
/// the name after the number (`half-close`). An error lists the near ones.
pub fn find(wanted: &str) -> Result<Lesson, FindError> {
    let lessons = all();
    let number = |l: &Lesson| l.name.split('-').next().unwrap_or("");
    let rest = |l: &Lesson| l.name.split_once('-').map_or(l.name, |(_, r)| r);
    let matching: Vec<Lesson> = lessons
        .iter()
        .copied()
        .filter(|l| {
            l.name == wanted
                || rest(l) == wanted
                || (wanted.bytes().all(|b| b.is_ascii_digit())
                    && number(l).parse::<u32>().ok() == wanted.parse::<u32>().ok())
        })
        .collect();
    match matching.as_slice() {
        [one] => Ok(*one),
        [] => {
            // Near a whole name, or near the name after the number.
            let near =
                crate::suggest::nearest(wanted, lessons.iter().map(|l| l.name)).or_else(|| {
                    let near_rest = crate::suggest::nearest(wanted, lessons.iter().map(rest))?;
                    lessons
                        .iter()
                        .find(|l| rest(l) == near_rest)
                        .map(|l| l.name)
                });
            Err(FindError::NoSuch {
                wanted: wanted.to_string(),
                near,
            })
        }
        many => Err(FindError::Several {
            wanted: wanted.to_string(),
            names: many.iter().map(|l| l.name).collect(),
        }),
    }
}

/// `socklab lessons`: by group, each lesson's name, title and needs.
pub fn listing() -> Vec<String> {
    let lessons = all();
    let mut lines = Vec::new();
    for group in groups() {
        lines.push(crate::t!("lessons-group", group = group_shown(group)));
        for lesson in lessons.iter().filter(|l| l.group() == group) {
            let needs = lesson.needs();
            let needs = if needs.is_empty() {
                String::new()
            } else {
                format!("  {}", crate::t!("lessons-needs", needs = needs.join(", ")))
            };
            let asks = match lesson.questions() {
                0 => String::new(),
                count => format!("  {}", crate::t!("lessons-asks", count = count)),
            };
            lines.push(format!(
                "  {:<28} {}{needs}{asks}",
                lesson.name,
                lesson.title()
            ));
        }
    }
    lines.push(String::new());
    lines.push(crate::t!("lessons-footer"));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lessons_are_found_by_name_number_and_rest() {
        assert_eq!(find("03-half-close").unwrap().name, "03-half-close");
        assert_eq!(find("half-close").unwrap().name, "03-half-close");
        assert_eq!(find("03").unwrap().name, "03-half-close");
        assert_eq!(find("3").unwrap().name, "03-half-close");
        assert!(
            find("25")
                .unwrap_err()
                .to_string()
                .contains("names several lessons")
        );
        assert!(
            find("half-clos")
                .unwrap_err()
                .to_string()
                .contains("did you mean 03-half-close")
        );
        assert!(all().len() > 40);
        assert!(
            all().iter().all(|l| !l.title().is_empty()),
            "every lesson has a title"
        );
    }

    /// Every group a lesson names has its name in en, ru and zh (in the
    /// file itself: the loader would fall back to English).
    #[test]
    fn every_group_is_named_in_every_language() {
        for lang in crate::i18n::Lang::ALL {
            let source = crate::i18n::ftl_source(lang).expect("the file is built in");
            for group in groups().into_iter().chain(["Other lessons"]) {
                let id = group_id(group);
                let named = source.lines().any(|l| l.starts_with(&format!("{id} =")));
                assert!(named, "{lang}: no {id} ({group})");
            }
        }
    }
}
