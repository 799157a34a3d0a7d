//! socklab in three languages: the message files agree, and every lesson
//! is narrated in each.

use socklab::i18n::Lang;
use socklab::transcript::library;
use socklab::transcript_format::{Narration, parse};

/// Every narration block of every lesson in the library (and every
/// transcript in transcripts/, which is the same set) is written in en,
/// ru and zh: a block in one language and not another fails, naming the
/// lesson and the command it comes before.
#[test]
fn every_lesson_is_narrated_in_english_russian_and_chinese() {
    let mut missing = Vec::new();
    let lessons = library::all();
    assert!(
        lessons.len() >= 60,
        "the library has {} lessons",
        lessons.len()
    );
    for lesson in lessons {
        let parsed = parse(lesson.text).unwrap_or_else(|e| panic!("{}: {e}", lesson.name));
        let mut check = |narration: &Narration, place: String| {
            for lang in narration.missing() {
                missing.push(format!("{}: {place}: no {lang} narration", lesson.name));
            }
        };
        for entry in &parsed.entries {
            check(
                &entry.narration,
                format!("line {} ({})", entry.line, entry.command),
            );
        }
        check(&parsed.epilogue, "the end".to_string());
        for lang in Lang::ALL {
            if parsed.entries[0].narration.written_in(lang).is_empty() {
                missing.push(format!("{}: no {lang} title", lesson.name));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "{} blocks:\n{}",
        missing.len(),
        missing.join("\n")
    );
}
