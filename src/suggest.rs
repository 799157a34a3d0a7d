//! "Did you mean …?": the nearest known word to a mistyped one.

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
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max).collect();
    out.push('…');
    out
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
