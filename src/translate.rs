//! `socklab translate PROG.py`: a Python program's straight-line socket
//! calls as a socklab script. Each call is answered as the shell answers
//! it (`command::python`), with what the program itself makes known —
//! its constants (`PORT = 8888`), its arguments (`sys.argv`, given on
//! the command line), the sockets it names — and each line is tagged
//! with the program's line (`# PROG.py:12`). A `for` over a list known
//! here is unrolled, an `if` whose condition is known takes its branch,
//! a `while` loop's body is written once. What cannot be written (an
//! unknown condition, a function, `input()`, a variable only the running
//! program knows) stays in the script as a comment and is listed.
//!
//! Owns: walking the program's blocks. Nothing here runs anything.

use std::collections::{HashMap, HashSet};

use crate::command::python::{self, Reply, Scope, Value, expr, value};

/// A program, translated.
#[derive(Debug, Default)]
pub struct Translation {
    /// The socklab script.
    pub script: String,
    /// What was left out: the program's line number, its text, why.
    pub untranslated: Vec<(usize, String, String)>,
}

/// One line of the program: its number, its indentation, its text.
struct Line<'a> {
    number: usize,
    indent: usize,
    text: &'a str,
}

/// How deep blocks may nest, and how long the script may grow (a `for`
/// inside a `for` multiplies): a program is untrusted input.
const MAX_NESTING: usize = 32;
pub const MAX_SCRIPT: usize = 1 << 20;
/// The largest program `socklab translate` reads (the tutorials' are a
/// few hundred bytes).
pub const MAX_PROGRAM: u64 = 1 << 20;
/// The most times unrolled loop bodies run in all: nested literal loops
/// whose bodies write nothing would otherwise never reach `MAX_SCRIPT`.
const MAX_UNROLLED: usize = 100_000;

struct Program {
    file: String,
    depth: usize,
    full: bool,
    /// Loop bodies unrolled so far (see `MAX_UNROLLED`).
    unrolled: usize,
    handles: HashSet<String>,
    /// Names bound to what a receive returned: socklab's `$name`.
    data: HashSet<String>,
    values: HashMap<String, Value>,
    encoding: String,
    out: Translation,
}

impl Scope for Program {
    fn is_handle(&self, name: &str) -> bool {
        self.handles.contains(name)
    }
    fn value(&self, name: &str) -> Option<Value> {
        self.values.get(name).cloned()
    }
    fn encoding(&self) -> String {
        self.encoding.clone()
    }
    fn is_data(&self, name: &str) -> bool {
        self.data.contains(name)
    }
}

/// Translates `source` (the program `file`, run with `args` as its
/// `sys.argv[1:]`).
pub fn translate(source: &str, file: &str, args: &[String]) -> Translation {
    let name = std::path::Path::new(file)
        .file_name()
        .map_or(file.to_string(), |n| n.to_string_lossy().into_owned());
    let argv = std::iter::once(file.to_string())
        .chain(args.iter().cloned())
        .map(Value::Text)
        .collect();
    let mut program = Program {
        file: name.clone(),
        depth: 0,
        full: false,
        unrolled: 0,
        handles: HashSet::new(),
        data: HashSet::new(),
        values: HashMap::from([("sys.argv".to_string(), Value::List(argv))]),
        encoding: "utf-8".into(),
        out: Translation::default(),
    };
    program.out.script = format!(
        "# {}\n",
        crate::t!("translate-header", name = name.as_str())
    );
    let lines: Vec<Line> = source
        .lines()
        .enumerate()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(i, text)| Line {
            number: i + 1,
            indent: text.len() - text.trim_start().len(),
            text: text.trim(),
        })
        .collect();
    program.block(&lines);
    program.out
}

impl Program {
    fn block(&mut self, lines: &[Line]) {
        self.depth += 1;
        self.block_within_bounds(lines);
        self.depth -= 1;
    }

    fn block_within_bounds(&mut self, lines: &[Line]) {
        let mut at = 0;
        while at < lines.len() {
            let line = &lines[at];
            if self.full {
                return;
            }
            if self.out.script.len() > MAX_SCRIPT {
                self.full = true;
                let why = crate::t!("translate-why-script-full", bytes = MAX_SCRIPT);
                return self.leave(line, &why);
            }
            if self.depth > MAX_NESTING {
                let why = crate::t!("translate-why-too-deep", depth = MAX_NESTING);
                return self.leave_block(line, &lines[at + 1..], &why);
            }
            let end = at
                + 1
                + lines[at + 1..]
                    .iter()
                    .take_while(|l| l.indent > line.indent)
                    .count();
            let body = &lines[at + 1..end];
            at = end;
            // Python's `# -*- coding: gbk -*-` is about the program's file,
            // not the script (which is UTF-8).
            if line.text.starts_with('#') && line.number <= 2 && line.text.contains("coding") {
                continue;
            }
            if line.text.starts_with('#') {
                // The program's comment is its author's text: control
                // characters are shown escaped, never sent to a terminal.
                self.out
                    .script
                    .push_str(&crate::safe_text::escape(line.text));
                self.out.script.push('\n');
                continue;
            }
            if !line.text.ends_with(':') {
                self.simple(line);
                continue;
            }
            // A compound statement: `if` takes its `elif`/`else` along.
            let mut branches = vec![(line, body)];
            while let Some(next) = lines.get(at)
                && next.indent == line.indent
                && (next.text.starts_with("elif ")
                    || next.text.starts_with("else")
                    || next.text.starts_with("except")
                    || next.text.starts_with("finally"))
            {
                let end = at
                    + 1
                    + lines[at + 1..]
                        .iter()
                        .take_while(|l| l.indent > next.indent)
                        .count();
                branches.push((next, &lines[at + 1..end]));
                at = end;
            }
            self.compound(&branches);
        }
    }

    fn compound(&mut self, branches: &[(&Line, &[Line])]) {
        let (head, body) = branches[0];
        let keyword = head.text.split([' ', ':', '(']).next().unwrap_or("");
        let inner = head.text[keyword.len()..].trim_end_matches(':').trim();
        match keyword {
            "if" => self.conditional(branches),
            "for" => self.for_loop(head, inner, body),
            "while" => {
                self.leave(head, &crate::t!("translate-why-while"));
                self.block(body);
            }
            "with" => {
                self.simple(head);
                self.block(body);
            }
            "try" => {
                self.block(body);
                for (line, body) in &branches[1..] {
                    if line.text.starts_with("finally") {
                        self.block(body);
                    } else {
                        self.leave_block(line, body, &crate::t!("translate-why-except"));
                    }
                }
            }
            "def" => self.leave_block(head, body, &crate::t!("translate-why-def")),
            _ => self.leave_block(head, body, &crate::t!("translate-why-unknown-block")),
        }
    }

    fn conditional(&mut self, branches: &[(&Line, &[Line])]) {
        for (line, body) in branches {
            let condition = line
                .text
                .trim_end_matches(':')
                .trim_start_matches("elif")
                .trim_start_matches("if")
                .trim();
            let truth = if line.text.starts_with("else") {
                Some(true)
            } else {
                expr::parse(condition).and_then(|e| value::truth(&value::eval(&e, self)))
            };
            match truth {
                Some(true) => return self.block(body),
                Some(false) => continue,
                None => {
                    return self.leave_block(line, body, &crate::t!("translate-why-condition"));
                }
            }
        }
    }

    fn for_loop(&mut self, head: &Line, inner: &str, body: &[Line]) {
        let items = inner.split_once(" in ").and_then(|(name, list)| {
            match value::eval(&expr::parse(list)?, self) {
                Value::List(items) | Value::Tuple(items) => Some((name.trim().to_string(), items)),
                _ => None,
            }
        });
        let Some((name, items)) = items else {
            return self.leave_block(head, body, &crate::t!("translate-why-loop"));
        };
        for item in items {
            if self.full {
                return;
            }
            self.unrolled += 1;
            if self.unrolled > MAX_UNROLLED {
                self.full = true;
                let why = crate::t!("translate-why-unrolled", count = MAX_UNROLLED);
                return self.leave_block(head, body, &why);
            }
            self.values.insert(name.clone(), item);
            self.block(body);
        }
    }

    fn simple(&mut self, line: &Line) {
        let (targets, rest) = expr::split_assignment(line.text);
        let reply = python::statement(line.text, self);
        // A name assigned anew no longer holds what a receive returned
        // (unless this very line is a receive that keeps it again).
        for target in &targets {
            self.data.remove(target);
        }
        if let Some(Reply::Lines(answer)) = &reply {
            self.data.extend(answer.keeps.iter().cloned());
        }
        match reply {
            Some(Reply::Lines(answer)) if answer.missing.is_empty() => {
                for note in &answer.notes {
                    let place = format!("{}:{}", self.file, line.number);
                    let note = crate::t!("translate-note", note = note.as_str(), place = place);
                    self.out.script.push_str(&format!("# {note}\n"));
                }
                for socklab in &answer.lines {
                    if let Some(encoding) = socklab.strip_prefix("encoding ") {
                        self.encoding = encoding.to_string();
                    }
                    self.out
                        .script
                        .push_str(&format!("{socklab}  # {}:{}\n", self.file, line.number));
                }
                self.handles.extend(answer.creates.iter().cloned());
                for target in &targets {
                    self.values.remove(target);
                }
            }
            Some(Reply::Lines(answer)) => {
                let why = answer.missing.join("; ");
                for socklab in &answer.lines {
                    self.out
                        .script
                        .push_str(&format!("# {socklab}  # {}:{}\n", self.file, line.number));
                }
                self.leave(line, &why);
            }
            Some(Reply::NoVerb(method)) => self.leave(line, &method.note()),
            Some(Reply::NotACall("an import", _)) => {}
            Some(Reply::NotACall("a variable", _)) => {
                let value = expr::parse(rest).map(|e| value::eval(&e, self));
                match (targets.as_slice(), value) {
                    ([target], Some(value)) if !matches!(value, Value::Variable(_)) => {
                        self.values.insert(target.clone(), value);
                    }
                    _ => self.leave(line, &crate::t!("translate-why-variable")),
                }
            }
            Some(Reply::NotACall(kind, _)) => {
                let why = match kind {
                    "print" => crate::t!("translate-why-print"),
                    "input" => crate::t!("translate-why-input"),
                    _ => kind.to_string(),
                };
                self.leave(line, &why);
            }
            None => self.leave(line, &crate::t!("translate-why-not-a-call")),
        }
    }

    fn leave_block(&mut self, head: &Line, body: &[Line], why: &str) {
        self.leave(head, why);
        for line in body {
            self.out.script.push_str(&format!(
                "#   {}  # {}:{}\n",
                crate::safe_text::escape(line.text),
                self.file,
                line.number
            ));
        }
    }

    fn leave(&mut self, line: &Line, why: &str) {
        let left_out = crate::t!(
            "translate-left-out",
            text = crate::safe_text::escape(line.text).into_owned(),
            place = format!("{}:{}", self.file, line.number),
            why = why
        );
        self.out.script.push_str(&format!("# {left_out}\n"));
        self.out
            .untranslated
            .push((line.number, line.text.to_string(), why.to_string()));
    }
}

/// The heading of the list of what was not translated (standard error):
/// `not translated (3 lines; each is a comment in the script):`.
pub fn untranslated_heading(count: usize) -> String {
    crate::t!("translate-untranslated", count = count)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A program's strings are data: a host or an encoding name with a
    /// line break in it never becomes a line of the script (a `spawn`),
    /// and its comments' control characters are escaped.
    #[test]
    fn a_programs_strings_never_become_script_lines() {
        let program = "import socket\ns = socket.socket()\n\
            s.connect((\"x\\nspawn t = touch /tmp/x\\n#\", 80))\n\
            s.send('a'.encode('x\\nspawn u = touch /tmp/y\\n#'))\n\
            # a comment \x1b[31m\n";
        let out = translate(program, "inj.py", &[]);
        assert!(
            !out.script.lines().any(|l| l.starts_with("spawn")),
            "{}",
            out.script
        );
        assert!(!out.script.contains('\x1b'), "{}", out.script);
        assert!(out.script.contains("connect s HOST:80"), "{}", out.script);
    }

    /// Nested literal loops whose bodies write nothing stop at
    /// `MAX_UNROLLED` runs instead of running for ever.
    #[test]
    fn nested_loops_are_unrolled_within_a_bound() {
        let list = format!(
            "[{}]",
            (0..100)
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(",")
        );
        let mut program = String::from("import socket\n");
        for depth in 0..6 {
            program.push_str(&format!("{}for v{depth} in {list}:\n", "  ".repeat(depth)));
        }
        program.push_str(&format!("{}x = 1\n", "  ".repeat(6)));
        let began = std::time::Instant::now();
        let out = translate(&program, "loops.py", &[]);
        assert!(began.elapsed() < std::time::Duration::from_secs(10));
        assert!(out.script.contains("unrolled"), "{}", out.script);
    }

    #[test]
    fn a_client_with_its_arguments() {
        let program = "import socket\nimport sys\nHOST = '127.0.0.1'\n\
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n\
            s.connect((HOST, int(sys.argv[1])))\n\
            for m in sys.argv[2:]:\n    s.sendall(m.encode('gbk'))\n    print(s.recv(1024).decode('gbk'))\n\
            if len(sys.argv) > 9:\n    s.send(b'x')\n\
            while True:\n    data = s.recv(1024)\n    if not data:\n        break\n\
            s.send(data)\ns.close()\n";
        let args = ["8888".to_string(), "你好".to_string(), "hi".to_string()];
        let out = translate(program, "client.py", &args);
        let nested: String = (0..1_000)
            .map(|i| format!("{}if True:\n", " ".repeat(i)))
            .collect();
        assert!(translate(&nested, "deep.py", &[]).untranslated.len() == 1);
        let many = "for a in [1,2,3,4,5,6,7,8,9,10]:\n".to_string()
            + &(1..8)
                .map(|i| format!("{}for a{i} in [1,2,3,4,5,6,7,8,9,10]:\n", " ".repeat(i)))
                .collect::<String>()
            + "        s.send(b'xxxxxxxxxxxxxxxxxxxxxxxx')\n";
        let big = translate(&many, "big.py", &[]);
        assert!(big.script.len() < MAX_SCRIPT + 4096, "{}", big.script.len());
        let lines: Vec<&str> = out
            .script
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split("  #").next().unwrap())
            .collect();
        assert_eq!(
            lines,
            [
                "s = socket AF_INET SOCK_STREAM",
                "connect s 127.0.0.1:8888",
                "encoding gbk",
                "sendall s \"你好\"",
                "recv s 1024",
                "sendall s \"hi\"",
                "recv s 1024",
                "data = recv s 1024",
                "send s $data",
                "close s",
            ]
        );
        assert!(
            out.script
                .contains("connect s 127.0.0.1:8888  # client.py:5")
        );
        let left: Vec<usize> = out.untranslated.iter().map(|u| u.0).collect();
        assert_eq!(left, [9, 11, 13], "{:?}", out.untranslated);
    }
}
