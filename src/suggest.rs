//! "Did you mean …?": the nearest known word to a mistyped one.

use std::borrow::Cow;

/// The candidate closest to `word`, if it is close enough to be a typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(&lower, &c.to_ascii_lowercase()),
                c,
            )
        })
        .filter(|(distance, c)| *distance <= 2 && *distance < c.len().max(2))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

/// `text`, cut to at most `max` characters with `…` when longer.
pub fn clip(text: &str, max: usize) -> Cow<'_, str> {
    if text.len() <= max {
        // No more bytes than `max`, so no more characters.
        return Cow::Borrowed(text);
    }
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((end, _)) => Cow::Owned(format!("{}…", &text[..end])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_only_near_words() {
        let verbs = ["listen", "accept", "close", "connect", "ls"];
        let cases = [
            ("lsiten", Some("listen")),
            ("acept", Some("accept")),
            ("CLOSE", Some("close")),
            ("conect", Some("connect")),
            ("l", Some("ls")),
            ("xyzzy", None),
            ("", None),
        ];
        for (word, want) in cases {
            assert_eq!(nearest(word, verbs), want, "{word}");
        }
    }

    #[test]
    fn clips_long_text() {
        assert_eq!(clip("short", 10), "short");
        assert_eq!(clip("abcdef", 3), "abc…");
    }
}
