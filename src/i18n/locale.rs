//! Which language and charset the environment asks for, read from the
//! POSIX variables alone (no locale files are needed): the language from
//! LC_ALL, LC_MESSAGES, LANG, the first one set and not empty; the
//! charset from LC_ALL, LC_CTYPE, LANG likewise. A locale is
//! `language[_territory][.codeset][@modifier]`: `zh_CN.UTF-8`,
//! `zh_CN.GBK`, `zh_SG` and `zh_CN.GB18030` are Simplified Chinese,
//! `ru_RU.KOI8-R` and `ru_UA` Russian, `C`, `POSIX` and everything else
//! English. As GNU gettext does, `LANGUAGE` (a list, `ru:en`) is read
//! before them when the messages locale is set and is not C or POSIX: its
//! first language socklab speaks wins.

use super::{Charset, Lang};

/// What the environment chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chosen {
    pub lang: Lang,
    pub charset: Charset,
}

/// The language and charset for these variables' values (`None`: not
/// set).
pub fn negotiate(
    lc_all: Option<&str>,
    lc_messages: Option<&str>,
    lc_ctype: Option<&str>,
    lang: Option<&str>,
) -> Chosen {
    negotiate_with_list(None, lc_all, lc_messages, lc_ctype, lang)
}

/// [`negotiate`], with GNU's `LANGUAGE` list first.
pub fn negotiate_with_list(
    language: Option<&str>,
    lc_all: Option<&str>,
    lc_messages: Option<&str>,
    lc_ctype: Option<&str>,
    lang: Option<&str>,
) -> Chosen {
    let messages = first_set([lc_all, lc_messages, lang]);
    let ctype = first_set([lc_all, lc_ctype, lang]);
    let plain = messages.is_none_or(|m| {
        let name = m.split(['.', '@']).next().unwrap_or("");
        name == "C" || name == "POSIX"
    });
    let listed = match plain {
        true => None,
        false => language
            .unwrap_or("")
            .split(':')
            .filter(|entry| !entry.is_empty())
            .find_map(language_of),
    };
    Chosen {
        lang: listed
            .or_else(|| messages.and_then(language_of))
            .unwrap_or(Lang::En),
        charset: ctype.map_or(Charset::Utf8, charset_of),
    }
}

/// The first variable set and not empty.
fn first_set(vars: [Option<&str>; 3]) -> Option<&str> {
    vars.into_iter().flatten().find(|v| !v.is_empty())
}

/// The same, read from this process's environment.
pub fn negotiate_from_env() -> Chosen {
    let var = |name| std::env::var(name).ok();
    let (language, all, messages, ctype, lang) = (
        var("LANGUAGE"),
        var("LC_ALL"),
        var("LC_MESSAGES"),
        var("LC_CTYPE"),
        var("LANG"),
    );
    negotiate_with_list(
        language.as_deref(),
        all.as_deref(),
        messages.as_deref(),
        ctype.as_deref(),
        lang.as_deref(),
    )
}

/// `zh_CN.GBK@x` → zh; the language part of a locale name.
fn language_of(locale: &str) -> Option<Lang> {
    let name = locale.split(['.', '@']).next().unwrap_or("");
    if name.contains('-') {
        // Not a POSIX locale (`en-US` is a tag, and `--lang` takes those).
        return None;
    }
    match name.split('_').next().unwrap_or("") {
        "C" | "POSIX" => Some(Lang::En),
        "zh" => {
            // `zh_TW`, `zh_Hant_TW`, `zh_HK.Big5`: Taiwan, Hong Kong and
            // Macau write the traditional forms, which socklab does not
            // have: English, not the wrong script.
            let traditional = name
                .split('_')
                .skip(1)
                .any(|part| matches!(part, "TW" | "HK" | "MO" | "Hant"))
                || locale.contains("@Hant")
                || locale.to_ascii_lowercase().contains("big5");
            (!traditional).then_some(Lang::Zh)
        }
        other => Lang::parse(other),
    }
}

/// The codeset part of a locale name; UTF-8 unless it names one socklab
/// writes (GB2312, GBK and GB18030 as GBK's superset; KOI8-R; CP1251).
fn charset_of(locale: &str) -> Charset {
    let Some(codeset) = locale.split('@').next().and_then(|l| l.split_once('.')) else {
        // `zh_CN` with no codeset: glibc's own zh_CN is GB2312.
        return match locale.split('@').next() {
            Some("zh_CN" | "zh_SG") => Charset::Gbk,
            _ => Charset::Utf8,
        };
    };
    Charset::from_codeset(codeset.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang_of(lang: &str) -> Lang {
        negotiate(None, None, None, Some(lang)).lang
    }

    #[test]
    fn locales_come_to_the_languages_the_issue_names() {
        for (locale, want) in [
            ("zh_CN.UTF-8", Lang::Zh),
            ("zh_CN.GBK", Lang::Zh),
            ("zh_CN.gb18030", Lang::Zh),
            ("zh_SG", Lang::Zh),
            ("zh_TW.UTF-8", Lang::En),
            ("zh_HK.Big5", Lang::En),
            ("ru_RU.KOI8-R", Lang::Ru),
            ("ru_RU.UTF-8", Lang::Ru),
            ("ru_UA", Lang::Ru),
            ("en_US.UTF-8", Lang::En),
            ("de_DE.UTF-8", Lang::En),
            ("C", Lang::En),
            ("C.UTF-8", Lang::En),
            ("POSIX", Lang::En),
            ("", Lang::En),
            ("garbage\u{1b}[31m", Lang::En),
            ("zh_Hant_TW.UTF-8", Lang::En),
            ("zh_Hans_CN.UTF-8", Lang::Zh),
            ("zh_MO", Lang::En),
        ] {
            assert_eq!(lang_of(locale), want, "{locale:?}");
        }
    }

    #[test]
    fn lc_all_then_lc_messages_then_lang_an_empty_one_skipped() {
        let chosen = negotiate(Some("ru_RU.UTF-8"), Some("zh_CN.UTF-8"), None, Some("C"));
        assert_eq!(chosen.lang, Lang::Ru);
        let chosen = negotiate(Some(""), Some("zh_CN.UTF-8"), None, Some("ru_RU"));
        assert_eq!(chosen.lang, Lang::Zh);
        let chosen = negotiate(None, None, None, Some("ru_RU.UTF-8"));
        assert_eq!(chosen.lang, Lang::Ru);
        assert_eq!(negotiate(None, None, None, None).lang, Lang::En);
    }

    #[test]
    fn language_lists_come_first_unless_the_locale_is_c() {
        let chosen = |list, lang| negotiate_with_list(Some(list), None, None, None, lang).lang;
        assert_eq!(chosen("ru:en", Some("en_US.UTF-8")), Lang::Ru);
        assert_eq!(chosen("de:zh_CN:ru", Some("en_US.UTF-8")), Lang::Zh);
        assert_eq!(chosen("de:fr", Some("ru_RU.UTF-8")), Lang::Ru);
        assert_eq!(chosen("ru", Some("C")), Lang::En);
        assert_eq!(chosen("ru", None), Lang::En);
    }

    #[test]
    fn the_charset_comes_from_lc_ctype_not_lc_messages() {
        for (locale, want) in [
            ("zh_CN.GBK", Charset::Gbk),
            ("zh_CN.gbk", Charset::Gbk),
            ("zh_CN.GB2312", Charset::Gbk),
            ("zh_CN.GB18030", Charset::Gbk),
            ("zh_CN", Charset::Gbk),
            ("zh_CN.UTF-8", Charset::Utf8),
            ("ru_RU.KOI8-R", Charset::Koi8R),
            ("ru_RU.koi8r", Charset::Koi8R),
            ("ru_RU.CP1251", Charset::Cp1251),
            ("ru_RU", Charset::Utf8),
            ("en_US.ISO-8859-1", Charset::Utf8),
        ] {
            assert_eq!(
                negotiate(None, None, None, Some(locale)).charset,
                want,
                "{locale}"
            );
        }
        let chosen = negotiate(None, Some("zh_CN.GBK"), Some("ru_RU.KOI8-R"), None);
        assert_eq!((chosen.lang, chosen.charset), (Lang::Zh, Charset::Koi8R));
    }
}
