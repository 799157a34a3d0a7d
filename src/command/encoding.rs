//! `encoding [NAME]`: the text encoding of the session — how typed text
//! becomes bytes and how received bytes are shown (see `crate::encoding`).

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::encoding;
use crate::error::{Text, UsageError};
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::{Line, Step};

pub const SPEC: Spec = Spec {
    name: "encoding",
    usage: "encoding [NAME]",
    syscall: "",
    errnos: &[],
    args: &[Arg::Encoding],
    creates: 0,
    group: Group::Session,
    background: false,
    parse: |c| boxed(SetEncoding::parse(c)),
};

#[derive(Debug, Clone)]
pub struct SetEncoding(Option<&'static encoding::Encoding>);

impl SetEncoding {
    pub fn parse(cursor: &mut Cursor) -> Result<SetEncoding, UsageError> {
        let chosen = match cursor.peek() {
            Some(_) => {
                let token = cursor.word("NAME")?;
                let found = encoding::by_name(token.text)
                    .map_err(|error| cursor.error_at(token, Text::display(error)))?;
                Some(found)
            }
            None => None,
        };
        cursor.finish()?;
        Ok(SetEncoding(chosen))
    }

    pub fn execute(self, session: &mut Session) -> Step {
        let mut step = Step::new(SPEC.name, None);
        if let Some(chosen) = self.0 {
            session.set_encoding(chosen);
        }
        step.lines.push(Line::Encoding {
            encoding: session.encoding(),
            chosen: self.0.is_some(),
        });
        step
    }
}

impl Action for SetEncoding {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        Ok(self.execute(session))
    }
}
