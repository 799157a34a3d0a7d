//! `encoding [NAME]`: the text encoding of the session — how typed text
//! becomes bytes and how received bytes are shown (see `crate::encoding`).

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::encoding;
use crate::error::UsageError;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::{Line, Step};

pub const SPEC: Spec = Spec {
    name: "encoding",
    usage: "encoding [NAME]",
    syscall: "",
    summary: "Speak the peer's text encoding: typed text is sent in it and received bytes are shown in it (utf-8, gbk, gb18030, big5, shift_jis, euc-kr, windows-1251, koi8-r, latin1 …); without NAME, say which is in use.",
    notes: "The Chinese tutorials send data.encode('gbk'): `encoding gbk` makes `send 你好` send the same \
            bytes, and shows what they receive as text. x\"…\" and \\xNN are always raw bytes. \
            Data that is not text in the encoding is shown as bytes, every byte from 0x80 up as \\xNN (as Python prints bytes), and a line under it names another encoding that reads it (as GBK: “你好” — encoding gbk). \
            `socklab run --encoding gbk FILE` reads a script saved in GBK. \
            `socklab --encoding NAME` and `#! encoding: NAME` in a transcript set it from the start.",
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
                    .map_err(|error| cursor.error_at(token, error.to_string()))?;
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
