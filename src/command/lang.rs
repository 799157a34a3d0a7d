//! `lang [en|ru|zh]`: the language socklab explains in, changed for the
//! rest of the session (names, commands and JSON stay as they are).

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::i18n::{self, Lang};
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::{Line, Step};

/// The words `lang` takes.
const LANGUAGES: &[&str] = &["en", "ru", "zh"];

pub const SPEC: Spec = Spec {
    name: "lang",
    usage: "lang [en|ru|zh]",
    syscall: "",
    errnos: &[],
    args: &[Arg::Words(LANGUAGES)],
    creates: 0,
    group: Group::Session,
    background: false,
    parse: |c| boxed(SetLang::parse(c)),
};

#[derive(Debug, Clone)]
pub struct SetLang(Option<Lang>);

impl SetLang {
    pub fn parse(cursor: &mut Cursor) -> Result<SetLang, UsageError> {
        let chosen = match cursor.peek() {
            Some(_) => {
                let token = cursor.word("LANG")?;
                let lang = Lang::parse(token.text).ok_or_else(|| {
                    cursor.error_at(
                        token,
                        crate::worded!(
                            "error-not-a-language",
                            word = crate::safe_text::escape(token.text).to_string()
                        ),
                    )
                })?;
                Some(lang)
            }
            None => None,
        };
        cursor.finish()?;
        Ok(SetLang(chosen))
    }

    pub fn execute(self) -> Step {
        let mut step = Step::new(SPEC.name, None);
        if let Some(lang) = self.0 {
            i18n::choose(lang);
        }
        step.lines.push(Line::Language {
            lang: i18n::current(),
            chosen: self.0.is_some(),
        });
        step
    }
}

impl Action for SetLang {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        // The language is the process's: a lesson (test, play, record)
        // that changed it would change the report around it, and the
        // next lessons'.
        if self.0.is_some() && session.is_confined() {
            return Err(UsageError::new(crate::worded!("error-lang-in-lesson")));
        }
        Ok(self.execute())
    }
}
