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

    /// `#! group:`, or "Other lessons".
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

/// A name that picks out no one built-in lesson.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FindError {
    /// None: perhaps `near` was meant.
    #[error(
        "no file and no built-in lesson named '{}'{} (socklab lessons lists them)",
        crate::safe_text::escape(.wanted),
        .near.map_or(String::new(), |n| format!(" — did you mean {n}?"))
    )]
    NoSuch {
        wanted: String,
        near: Option<&'static str>,
    },
    /// Several: the whole name tells them apart.
    #[error(
        "'{}' names several lessons: {} — give the whole name",
        crate::safe_text::escape(.wanted),
        .names.join(", ")
    )]
    Several {
        wanted: String,
        names: Vec<&'static str>,
    },
}

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
        lines.push(format!("{group}:"));
        for lesson in lessons.iter().filter(|l| l.group() == group) {
            let needs = lesson.needs();
            let needs = if needs.is_empty() {
                String::new()
            } else {
                format!("  [needs {}]", needs.join(", "))
            };
            let asks = match lesson.questions() {
                0 => String::new(),
                n => format!("  [asks {n}]"),
            };
            lines.push(format!(
                "  {:<28} {}{needs}{asks}",
                lesson.name,
                lesson.title()
            ));
        }
    }
    lines.push(String::new());
    lines.push(
        "socklab play NAME (or its number) plays one — [asks N]: it asks you to predict N \
         results first; play --predict asks before every call; socklab test --lessons runs them all."
            .into(),
    );
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
}
