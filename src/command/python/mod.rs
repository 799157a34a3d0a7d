//! Python met where a socklab line was expected: the tutorials'
//! `s.listen(10)`, `conn, addr = s.accept()`, `s.send(b"hello\n")`,
//! `s.recv(1024).decode('gbk')`, `while True:` — each answered with the
//! socklab lines that do exactly what the Python does (the same bytes), or
//! with one line saying why there are none. The shell's error shows the
//! answer; `socklab translate` writes it into a script. Nothing here runs
//! anything.
//!
//! Owns: reading one Python statement (`expr`: the parser and literals;
//! `value`: what an expression stands for; `call`: a socket call's lines).
//! The table of Python's methods and exceptions is `python_table`.

mod call;
pub mod expr;
pub mod value;

use crate::error::Text;
use crate::i18n::{self, Lang};
use crate::parse::HandleNames;
use expr::Expr;
pub use value::Value;

/// What a statement can see: the handles (sockets), the values of the
/// program's names where they are known, the session's encoding.
pub trait Scope {
    fn is_handle(&self, name: &str) -> bool;
    /// The value of a name (`PORT`, `sys.argv`), if known.
    fn value(&self, name: &str) -> Option<Value>;
    /// The session's encoding, as socklab names it (`utf-8`, `gbk`).
    fn encoding(&self) -> String;
    /// A name bound to what a receive returned (socklab's `$name`).
    fn is_data(&self, _name: &str) -> bool {
        false
    }
}

/// The socklab lines for a statement.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Answer {
    pub lines: Vec<String>,
    /// What only the running program knows (a variable's value), each
    /// with what to type instead; the lines hold a placeholder there.
    pub missing: Vec<String>,
    /// Where Python itself would behave otherwise (a str where bytes are
    /// wanted): said, the lines still run.
    pub notes: Vec<String>,
    /// The handles the lines name (`conn = accept s` → conn).
    pub creates: Vec<String>,
    /// The data names the lines keep (`data = recv conn 1024` → data).
    pub keeps: Vec<String>,
}

/// A Python statement, answered.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// Socket calls: the socklab lines that do the same.
    Lines(Answer),
    /// A method socklab has no verb for, and why.
    NoVerb(&'static super::python_table::PyMethod),
    /// Python around the calls (`import`, `while`, `print`, a variable):
    /// what it is and the one line that says where the calls are.
    NotACall(&'static str, String),
}

/// Python's statement keywords, and what each is.
const KEYWORDS: &[(&str, &str)] = &[
    ("import", "an import"),
    ("from", "an import"),
    ("while", "a loop"),
    ("for", "a loop"),
    ("if", "a conditional"),
    ("elif", "a conditional"),
    ("else", "a conditional"),
    ("def", "a function"),
    ("class", "a class"),
    ("try", "exception handling"),
    ("except", "exception handling"),
    ("finally", "exception handling"),
    ("with", "a with block"),
    ("return", "a return"),
    ("break", "a loop's break"),
    ("continue", "a loop's continue"),
    ("pass", "a pass"),
    ("global", "a declaration"),
    ("raise", "a raise"),
    ("assert", "an assertion"),
    ("del", "a del"),
];

/// What `socklab translate` and the shell say of Python that is no call.
fn not_a_call(kind: &'static str) -> Reply {
    Reply::NotACall(kind, crate::t!("py-not-a-call", what = what_it_is(kind)))
}

/// What a line of Python that is no call is, and why socklab has no form
/// for it, as a clause of `py-not-a-call`.
fn what_it_is(kind: &str) -> String {
    match kind {
        "print" => crate::t!("py-what-print"),
        "input" => crate::t!("py-what-input"),
        "a variable" => crate::t!("py-what-variable"),
        "an import" => crate::t!("py-what-import"),
        "a loop" => crate::t!("py-what-loop"),
        "a conditional" => crate::t!("py-what-conditional"),
        "a function" => crate::t!("py-what-function"),
        "a class" => crate::t!("py-what-class"),
        "exception handling" => crate::t!("py-what-exceptions"),
        "a with block" => crate::t!("py-what-with"),
        "a return" => crate::t!("py-what-return"),
        "a loop's break" => crate::t!("py-what-break"),
        "a loop's continue" => crate::t!("py-what-continue"),
        "a pass" => crate::t!("py-what-pass"),
        "a declaration" => crate::t!("py-what-declaration"),
        "a raise" => crate::t!("py-what-raise"),
        "an assertion" => crate::t!("py-what-assertion"),
        _ => crate::t!("py-what-del"),
    }
}

/// Answers one Python statement (a line of a program, without its
/// indentation), or None if it is not Python this reads.
pub fn statement(line: &str, scope: &dyn Scope) -> Option<Reply> {
    let line = line.trim().trim_end_matches(';').trim_end();
    let first: String = line
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if let Some(rest) = line.strip_prefix("with ")
        && let Some((expr, name)) = rest.trim_end_matches(':').rsplit_once(" as ")
        && let Some(Reply::Lines(answer)) = statement(&format!("{} = {expr}", name.trim()), scope)
    {
        return Some(Reply::Lines(answer));
    }
    if let Some((_, kind)) = KEYWORDS.iter().find(|(k, _)| *k == first) {
        let after = line[first.len()..].chars().next();
        if after.is_none_or(|c| c == ' ' || c == ':' || c == '(') {
            return Some(not_a_call(kind));
        }
    }
    let (targets, rest) = expr::split_assignment(line);
    let expr = expr::parse(rest)?;
    if contains_call(&expr, "input") {
        return Some(not_a_call("input"));
    }
    if let Expr::Call(callee, args, _) = &expr
        && callee.path().as_deref() == Some("print")
    {
        return Some(
            args.iter()
                .find_map(|arg| socket_call(&[], arg, scope))
                .unwrap_or_else(|| not_a_call("print")),
        );
    }
    match socket_call(&targets, &expr, scope) {
        Some(reply) => Some(reply),
        None if !targets.is_empty() => Some(not_a_call("a variable")),
        None => None,
    }
}

fn contains_call(expr: &Expr, name: &str) -> bool {
    match expr {
        Expr::Call(callee, args, _) => {
            callee.path().as_deref() == Some(name)
                || contains_call(callee, name)
                || args.iter().any(|a| contains_call(a, name))
        }
        Expr::Attr(object, _) | Expr::Index(object, _) | Expr::Not(object) => {
            contains_call(object, name)
        }
        Expr::Binary(a, _, b) => contains_call(a, name) || contains_call(b, name),
        _ => false,
    }
}

/// The socket call in an expression: `s.recv(1024).decode('gbk')`,
/// `s.getsockname()[1]`, `socket.socket(...)`, `listen(10)`.
fn socket_call(targets: &[String], expr: &Expr, scope: &dyn Scope) -> Option<Reply> {
    let mut expr = expr;
    let mut decode = None;
    if let Expr::Index(inner, _) = expr {
        expr = inner;
    }
    if let Expr::Call(callee, args, _) = expr
        && let Expr::Attr(inner, method) = callee.as_ref()
        && method == "decode"
        && matches!(inner.as_ref(), Expr::Call(..))
    {
        decode = Some(
            args.first()
                .map(|a| value::eval(a, scope))
                .unwrap_or(Value::Text("utf-8".into())),
        );
        expr = inner;
    }
    let Expr::Call(callee, args, _) = expr else {
        return None;
    };
    let (object, method) = match callee.as_ref() {
        Expr::Attr(object, method) => (Some(object.as_ref()), method.as_str()),
        Expr::Name(name) => (None, name.as_str()),
        _ => return None,
    };
    let handle = match object.map(|o| value::eval(o, scope)) {
        Some(Value::Handle(h)) => Some(h),
        // `socket.socket`, `select.select`, `self.sock.send`, an object
        // not known as a socket: the current handle.
        _ => None,
    };
    let args: Vec<Value> = args.iter().map(|a| value::eval(a, scope)).collect();
    call::method(
        targets,
        handle.as_deref(),
        method,
        &args,
        decode.as_ref(),
        scope,
    )
}

/// The shell's scope: the session's handles, no variables.
struct Shell<'a>(&'a dyn HandleNames);

impl Scope for Shell<'_> {
    fn is_handle(&self, name: &str) -> bool {
        self.0.is_handle(name)
    }
    fn value(&self, _name: &str) -> Option<Value> {
        None
    }
    fn encoding(&self) -> String {
        crate::encoding::name(self.0.encoding())
    }
    fn is_data(&self, name: &str) -> bool {
        self.0.data(name).is_some()
    }
}

/// The shell's answer to a line of Python, in the current language.
pub fn shell_answer(line: &str, handles: &dyn HandleNames) -> Option<String> {
    statement(line, &Shell(handles)).map(|reply| word(&reply))
}

/// The shell's answer to a line of Python, as the error's message: worded
/// when shown (English in JSON and transcripts), each language from the
/// statement read in that language, since its notes are worded as it is read.
pub fn shell_message(line: &str, handles: &dyn HandleNames) -> Option<Text> {
    let scope = Shell(handles);
    statement(line, &scope)?;
    let worded: Vec<(Lang, String)> = Lang::ALL
        .into_iter()
        .map(|lang| {
            let text = i18n::in_lang(lang, || statement(line, &scope).map(|r| word(&r)));
            (lang, text.unwrap_or_default())
        })
        .collect();
    Some(Text::new(move || {
        let now = i18n::current();
        let (_, text) = worded
            .iter()
            .find(|(lang, _)| *lang == now)
            .unwrap_or(&worded[0]);
        text.clone()
    }))
}

/// A statement's answer as one message, in the current language.
fn word(reply: &Reply) -> String {
    match reply {
        Reply::Lines(answer) => {
            let then = crate::t!("py-lines-then");
            let mut message = crate::t!("py-lines", lines = answer.lines.join(&then));
            for aside in answer.missing.iter().chain(&answer.notes) {
                message.push_str(&crate::t!("py-aside", text = aside.as_str()));
            }
            message
        }
        Reply::NoVerb(method) => {
            crate::t!("py-no-verb", method = method.name, note = method.note())
        }
        Reply::NotACall(_, message) => message.clone(),
    }
}

/// `conn, addr = accept s`, `data = recv s 1024`: Python's unpacking of
/// a result, on a socklab verb. The answer names what the step shows.
pub fn unpacking(verb: &'static str, names: usize, line: &str) -> Option<Text> {
    let rest = line.split_once('=')?.1.trim();
    let first = line.split(',').next()?.trim();
    let kept = format!("{first} = {rest}");
    Some(match verb {
        "accept" if names == 2 => crate::worded!("py-unpack-accept", line = kept),
        "recvfrom" if names > 1 => crate::worded!("py-unpack-recvfrom", verb = verb, line = kept),
        "recv" | "recvall" if names > 1 => {
            crate::worded!("py-unpack-recv", verb = verb, line = kept)
        }
        "getsockname" | "getpeername" => {
            crate::worded!("py-unpack-address", verb = verb, line = rest)
        }
        "getsockopt" => crate::worded!("py-unpack-value", verb = verb, line = rest),
        "send" | "sendall" | "sendto" => {
            crate::worded!("py-unpack-sent", verb = verb, line = rest)
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod worded {
    use super::*;

    struct Handles;
    impl HandleNames for Handles {
        fn is_handle(&self, name: &str) -> bool {
            name == "s"
        }
        fn current(&self) -> Option<&str> {
            Some("s")
        }
        fn handle_names(&self) -> Vec<String> {
            vec!["s".into()]
        }
    }

    #[test]
    fn the_shell_message_is_worded_in_the_language_it_is_shown_in() {
        let line = "s.send(msg)";
        let english = i18n::in_english(|| shell_answer(line, &Handles)).unwrap();
        let message = i18n::in_lang(Lang::Ru, || shell_message(line, &Handles)).unwrap();
        assert_eq!(i18n::in_english(|| message.to_string()), english);
        let russian = i18n::in_lang(Lang::Ru, || message.to_string());
        assert!(russian.contains("переменная Python"), "{russian}");
        assert!(russian.contains("send s \"DATA\""), "{russian}");
        let chinese = i18n::in_lang(Lang::Zh, || message.to_string());
        assert!(chinese.contains("Python 变量"), "{chinese}");
    }
}
