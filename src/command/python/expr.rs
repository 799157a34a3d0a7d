//! Python expressions as the tutorials write them around a socket call:
//! literals (`b"hello\n"`, `'你好'`, `8888`), names (`socket.AF_INET`,
//! `sys.argv`), tuples and lists, calls, attributes, subscripts, `+`,
//! `==`, `not`, `and`, `or`. Parsed into an `Expr`, never run: string
//! literals are decoded the way Python decodes them (escapes, `b''`, raw
//! strings), so the bytes socklab sends are the bytes Python would.
//!
//! Owns: the parser and the literal decoding. What a call means is
//! `python::call`; values of names are the caller's `Scope`.

/// A Python expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// `b'…'`: the bytes it stands for.
    Bytes(Vec<u8>),
    /// `'…'`: the text it stands for.
    Text(String),
    Int(i64),
    Float(f64),
    /// `True`, `False`, `None` and every other bare name.
    Name(String),
    Tuple(Vec<Expr>),
    List(Vec<Expr>),
    /// `f(args)`; keyword arguments are kept by name.
    Call(Box<Expr>, Vec<Expr>, Vec<(String, Expr)>),
    Attr(Box<Expr>, String),
    /// `x[i]`, or `x[i:]` (`Slice`).
    Index(Box<Expr>, Box<Expr>),
    Slice(Option<Box<Expr>>, Option<Box<Expr>>),
    /// `a + b`, `a == b`, `a != b`, `a and b`, `a or b`.
    Binary(Box<Expr>, &'static str, Box<Expr>),
    Not(Box<Expr>),
}

impl Expr {
    /// `socket.AF_INET` → "socket.AF_INET"; a name path, if it is one.
    pub fn path(&self) -> Option<String> {
        match self {
            Expr::Name(name) => Some(name.clone()),
            Expr::Attr(object, attr) => Some(format!("{}.{attr}", object.path()?)),
            _ => None,
        }
    }
}

/// Parses a whole expression; None if it is not one this parser reads.
pub fn parse(text: &str) -> Option<Expr> {
    let mut parser = Parser {
        chars: text.chars().collect(),
        at: 0,
        depth: 0,
        refused: false,
    };
    let expr = parser.expr()?;
    parser.skip_space();
    (!parser.refused && parser.at == parser.chars.len()).then_some(expr)
}

/// Splits `a, b = rest` into its targets and the rest, where the `=` is an
/// assignment (not `==`, and not inside brackets or quotes).
pub fn split_assignment(line: &str) -> (Vec<String>, &str) {
    let (mut depth, mut quote) = (0i32, None);
    let bytes = line.as_bytes();
    for (at, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'\'' | b'"') => quote = Some(b),
            (None, b'(' | b'[' | b'{') => depth += 1,
            (None, b')' | b']' | b'}') => depth -= 1,
            (None, b'=') if depth == 0 => {
                let before = at.checked_sub(1).map(|i| bytes[i]);
                if bytes.get(at + 1) == Some(&b'=')
                    || matches!(before, Some(b'=' | b'!' | b'<' | b'>'))
                {
                    return (Vec::new(), line);
                }
                let targets: Vec<String> = line[..at]
                    .split(',')
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .collect();
                let names_ok = targets.iter().all(|t| {
                    t.chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
                });
                if targets.is_empty() || !names_ok {
                    return (Vec::new(), line);
                }
                return (targets, line[at + 1..].trim());
            }
            _ => {}
        }
    }
    (Vec::new(), line)
}

/// A call's positional and keyword arguments.
type Arguments = (Vec<Expr>, Vec<(String, Expr)>);

/// How deep expressions may nest (`((((x))))`, `not not x`): a line
/// is untrusted, and each level is a frame of the parser's stack.
const MAX_DEPTH: usize = 64;

struct Parser {
    chars: Vec<char>,
    at: usize,
    depth: usize,
    /// A chain longer than `MAX_DEPTH` was met: the whole is refused.
    refused: bool,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }

    fn eat(&mut self, text: &str) -> bool {
        self.skip_space();
        let wanted: Vec<char> = text.chars().collect();
        if self
            .chars
            .get(self.at..)
            .is_some_and(|rest| rest.starts_with(&wanted))
        {
            self.at += wanted.len();
            return true;
        }
        false
    }

    /// A keyword operator (`and`, `not`): the word, then no name character.
    fn eat_word(&mut self, word: &str) -> bool {
        let start = self.at;
        if self.eat(word) && !self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            return true;
        }
        self.at = start;
        false
    }

    /// One more link of a chain (`a + b + …`, `f()()…`, `a.b.c…`), each
    /// a level of the expression: false past `MAX_DEPTH` (the chain is
    /// refused, and nothing deep is built to drop).
    fn link(&mut self, chain: &mut usize) -> bool {
        *chain += 1;
        if *chain > MAX_DEPTH {
            self.refused = true;
            return false;
        }
        true
    }

    fn expr(&mut self) -> Option<Expr> {
        self.depth += 1;
        let expr = if self.depth > MAX_DEPTH {
            None
        } else {
            self.or()
        };
        self.depth -= 1;
        expr
    }

    fn or(&mut self) -> Option<Expr> {
        let mut left = self.and()?;
        let mut chain = 0;
        while self.eat_word("or") && self.link(&mut chain) {
            left = Expr::Binary(Box::new(left), "or", Box::new(self.and()?));
        }
        Some(left)
    }

    fn and(&mut self) -> Option<Expr> {
        let mut left = self.not()?;
        let mut chain = 0;
        while self.eat_word("and") && self.link(&mut chain) {
            left = Expr::Binary(Box::new(left), "and", Box::new(self.not()?));
        }
        Some(left)
    }

    fn not(&mut self) -> Option<Expr> {
        if self.eat_word("not") {
            self.depth += 1;
            let inner = if self.depth > MAX_DEPTH {
                None
            } else {
                self.not()
            };
            self.depth -= 1;
            return Some(Expr::Not(Box::new(inner?)));
        }
        let left = self.sum()?;
        for op in ["==", "!="] {
            if self.eat(op) {
                return Some(Expr::Binary(Box::new(left), op, Box::new(self.sum()?)));
            }
        }
        Some(left)
    }

    fn sum(&mut self) -> Option<Expr> {
        let mut left = self.postfix()?;
        let mut chain = 0;
        while self.eat("+") && self.link(&mut chain) {
            left = Expr::Binary(Box::new(left), "+", Box::new(self.postfix()?));
        }
        Some(left)
    }

    fn postfix(&mut self) -> Option<Expr> {
        let mut expr = self.primary()?;
        let mut chain = 0;
        loop {
            if !self.link(&mut chain) {
                return None;
            }
            if self.eat("(") {
                let (args, keywords) = self.arguments()?;
                expr = Expr::Call(Box::new(expr), args, keywords);
            } else if self.eat("[") {
                let index = self.index()?;
                expr = Expr::Index(Box::new(expr), Box::new(index));
            } else if self.eat(".") {
                expr = Expr::Attr(Box::new(expr), self.name()?);
            } else {
                return Some(expr);
            }
        }
    }

    fn index(&mut self) -> Option<Expr> {
        let start = if self.eat(":") {
            return self.slice_end(None);
        } else {
            self.expr()?
        };
        if self.eat(":") {
            return self.slice_end(Some(Box::new(start)));
        }
        self.eat("]").then_some(start)
    }

    fn slice_end(&mut self, start: Option<Box<Expr>>) -> Option<Expr> {
        if self.eat("]") {
            return Some(Expr::Slice(start, None));
        }
        let end = self.expr()?;
        self.eat("]")
            .then(|| Expr::Slice(start, Some(Box::new(end))))
    }

    /// After `(`: positional and keyword arguments up to `)`.
    fn arguments(&mut self) -> Option<Arguments> {
        let (mut args, mut keywords) = (Vec::new(), Vec::new());
        loop {
            if self.eat(")") {
                return Some((args, keywords));
            }
            let start = self.at;
            self.skip_space();
            match self.name() {
                Some(name) if self.eat("=") && !self.eat("=") => {
                    keywords.push((name, self.expr()?))
                }
                _ => {
                    self.at = start;
                    args.push(self.expr()?);
                }
            }
            if !self.eat(",") {
                return self.eat(")").then_some((args, keywords));
            }
        }
    }

    /// Items up to `close`; `(x)` alone is x, `(x,)` a tuple.
    fn items(&mut self, close: &str) -> Option<(Vec<Expr>, bool)> {
        let mut items = Vec::new();
        let mut comma = false;
        loop {
            if self.eat(close) {
                return Some((items, comma));
            }
            items.push(self.expr()?);
            if self.eat(",") {
                comma = true;
            } else {
                return self.eat(close).then_some((items, comma));
            }
        }
    }

    fn primary(&mut self) -> Option<Expr> {
        self.skip_space();
        let c = self.peek()?;
        if c == '(' {
            self.at += 1;
            let (mut items, comma) = self.items(")")?;
            return Some(match (items.len(), comma) {
                (1, false) => items.pop()?,
                _ => Expr::Tuple(items),
            });
        }
        if c == '[' {
            self.at += 1;
            return Some(Expr::List(self.items("]")?.0));
        }
        if c.is_ascii_digit()
            || (c == '-'
                && self
                    .chars
                    .get(self.at + 1)
                    .is_some_and(|d| d.is_ascii_digit()))
        {
            return self.number();
        }
        if let Some(literal) = self.string()? {
            return Some(literal);
        }
        self.name().map(Expr::Name)
    }

    fn number(&mut self) -> Option<Expr> {
        let start = self.at;
        self.at += 1;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
        {
            self.at += 1;
        }
        let text: String = self.chars[start..self.at]
            .iter()
            .filter(|&&c| c != '_')
            .collect();
        if let Some(hex) = text.strip_prefix("0x") {
            return i64::from_str_radix(hex, 16).ok().map(Expr::Int);
        }
        match text.parse::<i64>() {
            Ok(n) => Some(Expr::Int(n)),
            Err(_) => text.parse::<f64>().ok().map(Expr::Float),
        }
    }

    fn name(&mut self) -> Option<String> {
        self.skip_space();
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            self.at += 1;
        }
        let name: String = self.chars[start..self.at].iter().collect();
        (!name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit())).then_some(name)
    }

    /// A string literal with its prefix (`b`, `r`, `rb`, `u`), if one
    /// starts here: `Some(None)` for none, `None` for a broken one.
    fn string(&mut self) -> Option<Option<Expr>> {
        let start = self.at;
        let mut prefix = String::new();
        while let Some(c) = self.peek().filter(|c| "bBrRuU".contains(*c)) {
            prefix.push(c.to_ascii_lowercase());
            self.at += 1;
        }
        let Some(quote) = self.peek().filter(|c| *c == '\'' || *c == '"') else {
            self.at = start;
            return Some(None);
        };
        if prefix.len() > 2 {
            self.at = start;
            return Some(None);
        }
        self.at += 1;
        let body_start = self.at;
        loop {
            match self.peek()? {
                '\\' => self.at += 2,
                c if c == quote => break,
                _ => self.at += 1,
            }
        }
        let body: String = self.chars[body_start..self.at].iter().collect();
        self.at += 1;
        let raw = prefix.contains('r');
        Some(Some(if prefix.contains('b') {
            Expr::Bytes(bytes_literal(&body, raw)?)
        } else {
            Expr::Text(text_literal(&body, raw)?)
        }))
    }
}

/// The bytes of a `b'…'` literal's body: ASCII only, Python's escapes.
pub fn bytes_literal(body: &str, raw: bool) -> Option<Vec<u8>> {
    if !body.is_ascii() {
        return None;
    }
    if raw {
        return Some(body.as_bytes().to_vec());
    }
    let mut out = Vec::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c as u8);
            continue;
        }
        match escape(&mut chars, false)? {
            Escaped::Value(v) => out.push(u8::try_from(v).ok()?),
            Escaped::Kept(c) => out.extend([b'\\', c as u8]),
            Escaped::Nothing => {}
        }
    }
    Some(out)
}

/// The text of a `'…'` literal's body, Python's escapes decoded.
pub fn text_literal(body: &str, raw: bool) -> Option<String> {
    if raw {
        return Some(body.to_string());
    }
    let mut out = String::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match escape(&mut chars, true)? {
            Escaped::Value(v) => out.push(char::from_u32(v)?),
            Escaped::Kept(c) => out.extend(['\\', c]),
            Escaped::Nothing => {}
        }
    }
    Some(out)
}

enum Escaped {
    Value(u32),
    /// An unknown escape: Python keeps the backslash.
    Kept(char),
    /// A backslash before a newline.
    Nothing,
}

fn escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, text: bool) -> Option<Escaped> {
    let c = chars.next()?;
    let hex = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>, n: usize| {
        let digits: String = (0..n).filter_map(|_| chars.next()).collect();
        (digits.len() == n)
            .then(|| u32::from_str_radix(&digits, 16).ok())
            .flatten()
    };
    Some(Escaped::Value(match c {
        'n' => 10,
        'r' => 13,
        't' => 9,
        'a' => 7,
        'b' => 8,
        'f' => 12,
        'v' => 11,
        '\\' | '\'' | '"' => c as u32,
        '\n' => return Some(Escaped::Nothing),
        'x' => hex(chars, 2)?,
        'u' if text => hex(chars, 4)?,
        'U' if text => hex(chars, 8)?,
        '0'..='7' => {
            let mut value = c.to_digit(8)?;
            for _ in 0..2 {
                match chars.peek().and_then(|d| d.to_digit(8)) {
                    Some(d) => {
                        value = value * 8 + d;
                        chars.next();
                    }
                    None => break,
                }
            }
            value
        }
        other => return Some(Escaped::Kept(other)),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_decode_as_python_decodes_them() {
        let cases: &[(&str, Expr)] = &[
            (r#"b"hello\n""#, Expr::Bytes(b"hello\n".to_vec())),
            (r"b'\xc4\xe3'", Expr::Bytes(vec![0xc4, 0xe3])),
            ("b''", Expr::Bytes(Vec::new())),
            (r"b'\0\101\q'", Expr::Bytes(b"\0A\\q".to_vec())),
            (r"rb'\n'", Expr::Bytes(b"\\n".to_vec())),
            (r"'caf\u00e9'", Expr::Text("café".into())),
            ("'你好'", Expr::Text("你好".into())),
            (r#""it's""#, Expr::Text("it's".into())),
            ("8888", Expr::Int(8888)),
            ("2.5", Expr::Float(2.5)),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text).as_ref(), Some(want), "{text}");
        }
        assert_eq!(parse("b'你'"), None, "bytes literals are ASCII");
        assert_eq!(parse("'open"), None);
        assert_eq!(parse(&"(".repeat(100_000)), None, "nesting is bounded");
        assert_eq!(parse(&"not ".repeat(100_000)), None);
        assert_eq!(parse(&format!("x{}", "(".repeat(100_000))), None);
        assert_eq!(parse("'\\"), None);
        assert_eq!(parse(&format!("x{}", "()".repeat(100_000))), None);
        assert_eq!(parse(&format!("x{}", "+x".repeat(100_000))), None);
        assert_eq!(parse(&format!("x{}", " or x".repeat(100_000))), None);
    }

    #[test]
    fn calls_and_assignments() {
        let call = parse("s.recv(1024).decode('gbk')").unwrap();
        let Expr::Call(callee, args, _) = call else {
            panic!("{call:?}")
        };
        assert_eq!(args, vec![Expr::Text("gbk".into())]);
        assert!(matches!(*callee, Expr::Attr(_, ref m) if m == "decode"));
        assert_eq!(
            split_assignment("conn, addr = s.accept()"),
            (vec!["conn".to_string(), "addr".to_string()], "s.accept()")
        );
        assert_eq!(split_assignment("if a == b:").0, Vec::<String>::new());
        assert_eq!(
            parse("sys.argv[2:]"),
            Some(Expr::Index(
                Box::new(parse("sys.argv").unwrap()),
                Box::new(Expr::Slice(Some(Box::new(Expr::Int(2))), None))
            ))
        );
    }
}
