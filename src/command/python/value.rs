//! What a Python expression stands for, as far as a line of socklab needs
//! it: bytes, text, text to be encoded, a number, an address, a socket
//! constant — or a variable whose value only the running program knows.
//! And how each is written in a socklab line.

use super::Scope;
use super::expr::Expr;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Bytes(Vec<u8>),
    Text(String),
    Int(i64),
    Float(f64),
    /// `TEXT.encode(ENCODING)`; the text may be a variable's.
    Encoded(Box<Value>, String),
    /// `socket.AF_INET`, `True`, `None`: written by name.
    Constant(String),
    Tuple(Vec<Value>),
    List(Vec<Value>),
    /// A socket the line names (a socklab handle).
    Handle(String),
    /// A Python variable (or expression) whose value is not known here:
    /// its source text.
    Variable(String),
    /// A name bound to what a receive returned (`data = conn.recv(1024)`):
    /// socklab keeps those bytes as `$data`.
    Data(String),
    /// Bytes joined with `+` where one piece is received data
    /// (`b"got: " + data`): socklab's DATA pieces joined with ` + `.
    Joined(Vec<Value>),
}

/// Python's names that are constants, not variables.
fn is_constant(name: &str) -> bool {
    const PREFIXES: [&str; 10] = [
        "AF_", "SOCK_", "SOL_", "SO_", "IPPROTO_", "TCP_", "MSG_", "SHUT_", "IP_", "IPV6_",
    ];
    matches!(name, "True" | "False" | "None" | "INADDR_ANY")
        || PREFIXES.iter().any(|p| name.starts_with(p))
}

pub fn eval(expr: &Expr, scope: &dyn Scope) -> Value {
    match expr {
        Expr::Bytes(b) => Value::Bytes(b.clone()),
        Expr::Text(t) => Value::Text(t.clone()),
        Expr::Int(n) => Value::Int(*n),
        Expr::Float(f) => Value::Float(*f),
        Expr::Tuple(items) => Value::Tuple(items.iter().map(|e| eval(e, scope)).collect()),
        Expr::List(items) => Value::List(items.iter().map(|e| eval(e, scope)).collect()),
        Expr::Name(_) | Expr::Attr(..) => name(expr, scope),
        Expr::Index(object, index) => subscript(eval(object, scope), index, scope)
            .unwrap_or_else(|| Value::Variable(show(expr))),
        Expr::Call(callee, args, keywords) => {
            call(callee, args, keywords, scope).unwrap_or_else(|| Value::Variable(show(expr)))
        }
        Expr::Binary(left, op, right) => binary(eval(left, scope), op, eval(right, scope))
            .unwrap_or_else(|| Value::Variable(show(expr))),
        Expr::Not(inner) => match truth(&eval(inner, scope)) {
            Some(b) => Value::Constant(if b { "False" } else { "True" }.into()),
            None => Value::Variable(show(expr)),
        },
        Expr::Slice(..) => Value::Variable(show(expr)),
    }
}

fn name(expr: &Expr, scope: &dyn Scope) -> Value {
    let Some(path) = expr.path() else {
        return Value::Variable(show(expr));
    };
    if let Some(value) = scope.value(&path) {
        return value;
    }
    if scope.is_handle(&path) {
        return Value::Handle(path);
    }
    if scope.is_data(&path) {
        return Value::Data(path);
    }
    let last = path.rsplit('.').next().unwrap_or(&path);
    let module = path.strip_suffix(last).unwrap_or("");
    if matches!(module, "" | "socket.") && is_constant(last) {
        return Value::Constant(last.to_string());
    }
    Value::Variable(path)
}

fn subscript(object: Value, index: &Expr, scope: &dyn Scope) -> Option<Value> {
    let Value::List(items) = object else {
        return None;
    };
    let at = |e: &Option<Box<Expr>>, default: usize| match e.as_deref().map(|e| eval(e, scope)) {
        None => Some(default),
        Some(Value::Int(n)) if n >= 0 => Some((n as usize).min(items.len())),
        _ => None,
    };
    match index {
        Expr::Slice(start, end) => {
            let (start, end) = (at(start, 0)?, at(end, items.len())?);
            Some(Value::List(items.get(start..end.max(start))?.to_vec()))
        }
        other => match eval(other, scope) {
            Value::Int(n) if n >= 0 => items.get(n as usize).cloned(),
            _ => None,
        },
    }
}

fn call(
    callee: &Expr,
    args: &[Expr],
    keywords: &[(String, Expr)],
    scope: &dyn Scope,
) -> Option<Value> {
    let arg = |n: usize| args.get(n).map(|a| eval(a, scope));
    if let Expr::Attr(object, method) = callee {
        match method.as_str() {
            "encode" => {
                let encoding = match arg(0).or_else(|| keyword(keywords, "encoding", scope)) {
                    None => "utf-8".to_string(),
                    Some(Value::Text(e)) => e,
                    Some(_) => return None,
                };
                return Some(Value::Encoded(Box::new(eval(object, scope)), encoding));
            }
            "strip" | "rstrip" | "lstrip" => {
                let Value::Text(text) = eval(object, scope) else {
                    return None;
                };
                let chars: Vec<char> = match arg(0) {
                    None => " \t\r\n".chars().collect(),
                    Some(Value::Text(c)) => c.chars().collect(),
                    Some(_) => return None,
                };
                let text = match method.as_str() {
                    "strip" => text.trim_matches(&chars[..]),
                    "rstrip" => text.trim_end_matches(&chars[..]),
                    _ => text.trim_start_matches(&chars[..]),
                };
                return Some(Value::Text(text.to_string()));
            }
            _ => {}
        }
    }
    match callee.path()?.as_str() {
        "int" => match arg(0)? {
            Value::Text(t) => t.trim().parse().ok().map(Value::Int),
            Value::Int(n) => Some(Value::Int(n)),
            _ => None,
        },
        "len" => match arg(0)? {
            Value::List(items) | Value::Tuple(items) => Some(Value::Int(items.len() as i64)),
            Value::Text(t) => Some(Value::Int(t.chars().count() as i64)),
            Value::Bytes(b) => Some(Value::Int(b.len() as i64)),
            _ => None,
        },
        "bytes.fromhex" => match arg(0)? {
            Value::Text(t) => {
                let digits: String = t.split_whitespace().collect();
                let bytes = (0..digits.len())
                    .step_by(2)
                    .map(|i| u8::from_str_radix(digits.get(i..i + 2)?, 16).ok())
                    .collect::<Option<Vec<u8>>>()?;
                Some(Value::Bytes(bytes))
            }
            _ => None,
        },
        // The default the program falls back on: the environment is the
        // running program's.
        "os.environ.get" | "os.getenv" => arg(1),
        _ => None,
    }
}

fn keyword(keywords: &[(String, Expr)], name: &str, scope: &dyn Scope) -> Option<Value> {
    keywords
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, e)| eval(e, scope))
}

fn binary(left: Value, op: &str, right: Value) -> Option<Value> {
    use Value::*;
    let known = |v: &Value| {
        !matches!(v, Variable(_) | Handle(_) | Data(_) | Joined(_))
            && !matches!(v, Encoded(t, _) if matches!(**t, Variable(_)))
    };
    match op {
        "+" => match (left, right) {
            (Bytes(a), Bytes(b)) => Some(Bytes([a, b].concat())),
            // Received bytes joined with bytes: socklab's `"…" + $data`.
            (a, b) if [&a, &b].iter().any(|v| matches!(v, Data(_) | Joined(_))) => {
                let mut pieces = Vec::new();
                for piece in [a, b] {
                    match piece {
                        Joined(more) => pieces.extend(more),
                        other => pieces.push(other),
                    }
                }
                Some(Joined(pieces))
            }
            (Text(a), Text(b)) => Some(Text(a + &b)),
            (Encoded(a, e), Encoded(b, f)) if e == f => match (*a, *b) {
                (Text(a), Text(b)) => Some(Encoded(Box::new(Text(a + &b)), e)),
                _ => None,
            },
            _ => None,
        },
        "==" | "!=" if known(&left) && known(&right) => {
            let equal = left == right;
            Some(Constant(
                if equal == (op == "==") {
                    "True"
                } else {
                    "False"
                }
                .into(),
            ))
        }
        "and" | "or" => {
            let (a, b) = (truth(&left)?, truth(&right)?);
            let result = if op == "and" { a && b } else { a || b };
            Some(Constant(if result { "True" } else { "False" }.into()))
        }
        _ => None,
    }
}

/// Whether a value is true in Python, when it is known.
pub fn truth(value: &Value) -> Option<bool> {
    match value {
        Value::Constant(c) => match c.as_str() {
            "True" => Some(true),
            "False" | "None" => Some(false),
            _ => None,
        },
        Value::Int(n) => Some(*n != 0),
        Value::Text(t) => Some(!t.is_empty()),
        Value::Bytes(b) => Some(!b.is_empty()),
        Value::List(items) | Value::Tuple(items) => Some(!items.is_empty()),
        _ => None,
    }
}

/// An expression written back as Python, for a note.
pub fn show(expr: &Expr) -> String {
    let list = |items: &[Expr]| items.iter().map(show).collect::<Vec<_>>().join(", ");
    match expr {
        Expr::Bytes(b) => format!("b\"{}\"", quoted_bytes(b)),
        Expr::Text(t) => format!("'{t}'"),
        Expr::Int(n) => n.to_string(),
        Expr::Float(f) => f.to_string(),
        Expr::Name(n) => n.clone(),
        Expr::Tuple(items) => format!("({})", list(items)),
        Expr::List(items) => format!("[{}]", list(items)),
        Expr::Call(callee, args, _) => format!("{}({})", show(callee), list(args)),
        Expr::Attr(object, attr) => format!("{}.{attr}", show(object)),
        Expr::Index(object, index) => format!("{}[{}]", show(object), show(index)),
        Expr::Slice(start, end) => format!(
            "{}:{}",
            start.as_deref().map(show).unwrap_or_default(),
            end.as_deref().map(show).unwrap_or_default()
        ),
        Expr::Binary(left, op, right) => format!("{} {op} {}", show(left), show(right)),
        Expr::Not(inner) => format!("not {}", show(inner)),
    }
}

/// Bytes as the inside of socklab's quotes: printable ASCII as itself,
/// `\n` `\r` `\t` `\\` `\"`, every other byte `\xNN` — so the line sends
/// these bytes in any session encoding.
pub fn quoted_bytes(bytes: &[u8]) -> String {
    let mut out = String::new();
    for &b in bytes {
        match b {
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\\""),
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out
}

/// Text as the inside of socklab's quotes: characters as themselves (the
/// session's encoding encodes them), control characters escaped.
pub fn quoted_text(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}
