//! The words a person reads, in their language: English, Russian or
//! Simplified Chinese. Every message lives in `i18n/LANG/socklab.ftl`
//! (Project Fluent), read through i18n-embed; [`t!`](crate::t) looks one
//! up in the language now chosen, and i18n-embed-fl checks each id and its
//! arguments against the English file when socklab is compiled.
//!
//! What is a name stays a name in every language and is never in a
//! message's text: system calls, errno names, TCP states, flags, option
//! names, handle names and socklab's own commands are passed in as
//! arguments or written around the message.
//!
//! This module owns which language is chosen (`--lang`, the `lang`
//! command, else the locale: [`negotiate`]), the terminal's charset
//! ([`charset`]: a GBK or KOI8-R terminal gets its output in that charset)
//! and nothing else; it knows nothing of sockets or commands. A transcript
//! is always compared in English ([`in_english`]), so `socklab test`
//! gives the same results in every language.

mod charset;
mod locale;

pub use charset::{Charset, Transcode};
pub use locale::{Chosen, negotiate, negotiate_from_env, negotiate_with_list};

use std::cell::Cell;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU8, Ordering};

use i18n_embed::LanguageLoader;
use i18n_embed::fluent::{FluentLanguageLoader, fluent_language_loader};
use rust_embed::RustEmbed;

/// The `.ftl` files, built into the binary.
#[derive(RustEmbed)]
#[folder = "i18n"]
struct Localizations;

/// A language socklab speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    En,
    Ru,
    /// Simplified Chinese (zh-Hans).
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Ru, Lang::Zh];

    /// The short name `--lang` takes and a lesson's `#ru`/`#zh` lines use.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Zh => "zh",
        }
    }

    /// The BCP 47 tag of its messages (`i18n/TAG/`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Zh => "zh-Hans",
        }
    }

    /// The language's own name for itself.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ru => "русский",
            Lang::Zh => "简体中文",
        }
    }

    /// `en`, `ru`, `zh`, and the tags people write for them
    /// (`zh-Hans`, `zh-CN`, `ru-RU`, `en-US` …), any case.
    pub fn parse(text: &str) -> Option<Lang> {
        let lower = text.trim().to_ascii_lowercase().replace('_', "-");
        let primary = lower.split('-').next().unwrap_or("");
        match primary {
            "en" => Some(Lang::En),
            "ru" => Some(Lang::Ru),
            // Traditional Chinese is not here yet; zh-Hant and zh-TW are
            // refused rather than shown the simplified forms.
            "zh" if !(lower.contains("hant")
                || lower.ends_with("-tw")
                || lower.ends_with("-hk")
                || lower.ends_with("-mo")) =>
            {
                Some(Lang::Zh)
            }
            _ => None,
        }
    }

    fn index(self) -> u8 {
        self as u8
    }

    fn from_index(index: u8) -> Lang {
        match index {
            1 => Lang::Ru,
            2 => Lang::Zh,
            _ => Lang::En,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// The charset text is written to the terminal in (a `Charset` as u8).
static CHARSET: AtomicU8 = AtomicU8::new(0);

/// Writes the terminal's text in `charset` from now on (UTF-8 unless the
/// locale says GBK, KOI8-R or CP1251; JSON stays UTF-8).
pub fn set_charset(charset: Charset) {
    CHARSET.store(charset as u8, Ordering::Relaxed);
}

/// The charset text is written to the terminal in.
pub fn charset() -> Charset {
    match CHARSET.load(Ordering::Relaxed) {
        1 => Charset::Gbk,
        2 => Charset::Koi8R,
        3 => Charset::Cp1251,
        _ => Charset::Utf8,
    }
}

/// `out` (standard output or error) writing the terminal's charset.
pub fn terminal<W: std::io::Write>(out: W) -> Transcode<W> {
    Transcode::new(out, charset())
}

/// Writes a line a person reads to standard error, in the terminal's
/// charset.
pub fn say(line: &str) {
    use std::io::Write;
    let mut err = terminal(std::io::stderr().lock());
    let _ = writeln!(err, "{line}");
}

/// The language chosen for this process.
static CHOSEN: AtomicU8 = AtomicU8::new(0);

thread_local! {
    /// A language this thread renders in for a while, whatever is chosen
    /// (English while a transcript is compared).
    static OVERRIDE: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Chooses the language of everything shown from now on.
pub fn choose(lang: Lang) {
    CHOSEN.store(lang.index(), Ordering::Relaxed);
}

/// The language text is shown in now, on this thread.
pub fn current() -> Lang {
    OVERRIDE
        .with(Cell::get)
        .unwrap_or_else(|| Lang::from_index(CHOSEN.load(Ordering::Relaxed)))
}

/// Runs `work` with this thread's text in `lang`.
pub fn in_lang<T>(lang: Lang, work: impl FnOnce() -> T) -> T {
    let before = OVERRIDE.with(|o| o.replace(Some(lang)));
    let result = work();
    OVERRIDE.with(|o| o.set(before));
    result
}

/// Runs `work` with this thread's text in English: what transcripts are
/// written and compared in.
pub fn in_english<T>(work: impl FnOnce() -> T) -> T {
    in_lang(Lang::En, work)
}

fn load(lang: Lang) -> FluentLanguageLoader {
    let loader = fluent_language_loader!();
    let tag = lang
        .tag()
        .parse()
        .expect("infallible: the tags above are valid");
    // A message missing in ru or zh falls back to English (the loader's
    // fallback); tests/i18n.rs fails the build's tests if one is missing.
    if let Err(error) = loader.load_languages(&Localizations, &[tag]) {
        eprintln!("socklab: the {lang} messages could not be read: {error}");
    }
    // No invisible bidi isolation marks around arguments: a terminal
    // shows them as boxes or spaces, and no language here is
    // right-to-left.
    loader.set_use_isolating(false);
    loader
}

static LOADERS: [LazyLock<FluentLanguageLoader>; 3] = [
    LazyLock::new(|| load(Lang::En)),
    LazyLock::new(|| load(Lang::Ru)),
    LazyLock::new(|| load(Lang::Zh)),
];

/// The messages of the language text is shown in now.
pub fn loader() -> &'static FluentLanguageLoader {
    &LOADERS[current().index() as usize]
}

/// The messages of `lang`.
pub fn loader_for(lang: Lang) -> &'static FluentLanguageLoader {
    &LOADERS[lang.index() as usize]
}

/// A message found by an id made at run time (`cmd-listen-summary`), in
/// the language text is shown in, English where that language lacks it;
/// `None` if no file has it. Ids written in the code use [`t!`](crate::t)
/// instead, which is checked when socklab is compiled; a test checks that
/// every id a table makes exists in all three files.
pub fn lookup(id: &str) -> Option<String> {
    lookup_with(id, &[])
}

/// [`lookup`] with arguments: `lookup_with("id", &[("count", 3.into())])`.
pub fn lookup_with(id: &str, args: &[(&str, fluent_bundle::FluentValue<'_>)]) -> Option<String> {
    let loader = [loader(), loader_for(Lang::En)]
        .into_iter()
        .find(|l| l.has(id))?;
    let map: std::collections::HashMap<&str, fluent_bundle::FluentValue<'_>> = args
        .iter()
        .map(|(name, value)| (*name, value.clone()))
        .collect();
    Some(match map.is_empty() {
        true => loader.get(id),
        false => loader.get_args_concrete(id, map),
    })
}

/// Every message id of `lang`'s file, with the names of the arguments
/// its English message takes (the test that the languages agree).
pub fn ftl_source(lang: Lang) -> Option<String> {
    let file = Localizations::get(&format!("{}/socklab.ftl", lang.tag()))?;
    String::from_utf8(file.data.into_owned()).ok()
}

/// A message in the language now chosen: `t!("id")` or
/// `t!("id", name = value, …)`. The id and the argument names are
/// checked against i18n/en/socklab.ftl at compile time.
#[macro_export]
macro_rules! t {
    ($($arg:tt)*) => {
        i18n_embed_fl::fl!($crate::i18n::loader(), $($arg)*)
    };
}
