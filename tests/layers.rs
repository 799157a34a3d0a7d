//! The shape of the crate: its modules import one way only, down the
//! layers declared in `LAYERS` (and described in src/lib.rs's `//!`).
//!
//! The test reads every file of the library under src/ (not main.rs and the
//! binary's own modules: the binary sits on top of everything), finds the
//! crate modules each names — `use crate::…` (groups too), `crate::x::…`
//! paths anywhere in the code, `super::…` resolved against the file's own
//! module, and a `mod.rs`'s own children — and fails, naming the file and
//! line, on
//!
//! - an import from a module to one in a higher layer;
//! - a cycle among modules (within one layer, where imports may go either
//!   way);
//! - a module in no layer, or a layer naming a module that is gone.
//!
//! A top-level module is one unit, except those in `SPLIT`, whose
//! submodules are units of their own (the lab's pieces have an order
//! among themselves). Comments, strings and character literals are not
//! read. An exception is listed in `EXCEPTIONS` with its reason; the list
//! should only shrink, and an exception no import needs any more fails.
//! The model is rust-analyzer's `tidy` tests.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, lowest first. A module may import its own layer and the
/// ones before it, never one after.
const LAYERS: &[(&str, &[&str])] = &[
    ("the system calls, with all the unsafe", &["sys"]),
    (
        "foundations",
        &[
            "error",
            "safe_text",
            "safe_file",
            "names",
            "suggest",
            "budget",
            "duration",
            "kind",
            "interrupt",
            "terminate",
            "clock",
            "state_watch",
            "sandbox",
            "i18n",
        ],
    ),
    ("text typed and shown", &["encoding", "address", "parse"]),
    (
        "the lab's parts",
        &[
            "lab::dir",
            "lab::netns",
            "lab::taps",
            "lab::setup",
            "lab::sysctl",
            "lab::diag",
        ],
    ),
    (
        "the lab's link",
        &["lab::path", "lab::kernel_path", "lab::held"],
    ),
    ("the lab's relay", &["lab::relay"]),
    ("the lab", &["lab"]),
    (
        "what happened",
        &["wire", "step", "kernel_table", "transcript_format"],
    ),
    ("pictures and renderers", &["diagram", "render", "export"]),
    ("the session", &["handle", "jobs", "spawn", "session"]),
    ("the verbs", &["command"]),
    ("running lines", &["runner"]),
    (
        "files and the shell",
        &[
            "transcript",
            "script",
            "courier",
            "helper",
            "history",
            "repl",
            "translate",
        ],
    ),
];

/// Modules whose submodules are units of their own.
const SPLIT: &[&str] = &["lab"];

/// Imports allowed against the rules: (from, to, why). Keep it short.
const EXCEPTIONS: &[(&str, &str, &str)] = &[];

#[test]
fn the_crate_imports_down_the_layers_only() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    read_tree(&src, &src, &mut files);
    let problems = check(&files, LAYERS, EXCEPTIONS);
    assert!(
        problems.is_empty(),
        "the crate's layers are broken:\n{}",
        problems.join("\n")
    );
}

/// src/lib.rs's `# Layers` section lists the layers as the table does, so
/// the doc a newcomer reads is the rule the test holds.
#[test]
fn lib_rs_describes_the_layers_as_declared() {
    let lib = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/lib.rs")).unwrap();
    // A numbered line, and the indented lines that continue it.
    let mut documented: Vec<String> = Vec::new();
    for line in lib.lines().filter_map(|l| l.strip_prefix("//! ")) {
        if line.starts_with(|c: char| c.is_ascii_digit()) {
            documented.push(line.to_string());
        } else if let (Some(last), Some(more)) = (documented.last_mut(), line.strip_prefix("   ")) {
            last.push(' ');
            last.push_str(more.trim_start());
        }
    }
    let expected: Vec<String> = LAYERS
        .iter()
        .enumerate()
        .map(|(i, (name, modules))| {
            let modules: Vec<String> = modules.iter().map(|m| format!("`{m}`")).collect();
            format!("{}. {name}: {}", i + 1, modules.join(", "))
        })
        .collect();
    assert_eq!(
        documented,
        expected,
        "src/lib.rs's numbered layer lines differ from tests/layers.rs's LAYERS; they should read:\n{}",
        expected
            .iter()
            .map(|l| format!("//! {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn a_planted_cycle_fails() {
    let files = [
        file("lib.rs", "pub mod a;\npub mod b;\n"),
        file("a.rs", "use crate::b::Thing;\n"),
        file("b.rs", "fn f() {\n    crate::a::g();\n}\n"),
    ];
    let problems = check(&files, &[("one", &["a", "b"])], &[]);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let cycle = &problems[0];
    assert!(cycle.contains("cycle"), "{cycle}");
    assert!(cycle.contains("src/a.rs:1: a imports b"), "{cycle}");
    assert!(cycle.contains("src/b.rs:2: b imports a"), "{cycle}");
}

#[test]
fn a_planted_upward_import_fails_and_an_exception_allows_it() {
    let files = [
        file("lib.rs", "pub mod low;\npub mod high;\n"),
        file("low.rs", "use crate::{high::Up, low};\n"),
        file("high.rs", "pub struct Up;\n"),
    ];
    let layers: &[(&str, &[&str])] = &[("bottom", &["low"]), ("top", &["high"])];
    let problems = check(&files, layers, &[]);
    assert_eq!(
        problems,
        ["src/low.rs:1: low (layer 1, bottom) imports high (layer 2, top), a higher layer"]
    );
    assert!(check(&files, layers, &[("low", "high", "planted")]).is_empty());
    // An exception nothing needs fails: the list only shrinks.
    let stale = check(&files, layers, &[("high", "gone", "stale")]);
    assert_eq!(stale.len(), 2, "{stale:#?}");
    assert!(stale[1].contains("no import needs it"), "{stale:#?}");
}

#[test]
fn a_module_in_no_layer_fails() {
    let files = [
        file("lib.rs", "pub mod a;\npub mod new;\n"),
        file("a.rs", ""),
        file("new.rs", ""),
    ];
    let problems = check(&files, &[("one", &["a", "gone"])], &[]);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems.iter().any(|p| p.contains("`new` is in no layer")));
    assert!(problems.iter().any(|p| p.contains("`gone`")));
}

#[test]
fn comments_strings_and_characters_are_not_imports() {
    let text = "// crate::b\n/* crate::b /* nested */ crate::b */\nconst S: &str = \"crate::b \\\" crate::b\";\nconst R: &str = r#\"crate::b \"# ;\nconst C: char = '\"';\nfn f<'a>(x: &'a str) { crate::c::g(x, '\\''); }\n";
    let found = imports_of("a.rs", text, &modules(&["a", "b", "c"]), &BTreeSet::new());
    let found: Vec<(String, usize)> = found.into_iter().map(|i| (i.to, i.line)).collect();
    assert_eq!(found, [("c".to_string(), 6)]);
}

#[test]
fn groups_super_and_children_resolve_to_units() {
    let known = modules(&["lab", "session", "step"]);
    let split: BTreeSet<String> = ["lab::dir", "lab::path", "lab::relay"]
        .map(String::from)
        .into();
    let units = |path: &str, text: &str| -> Vec<String> {
        imports_of(path, text, &known, &split)
            .into_iter()
            .map(|i| format!("{}->{}", i.from, i.to))
            .collect()
    };
    assert_eq!(
        units("lab/path.rs", "use super::dir::Dir;\nuse super::Host;\n"),
        ["lab::path->lab::dir", "lab::path->lab"]
    );
    assert_eq!(
        units(
            "lab/mod.rs",
            "pub mod relay;\npub use relay::{Fate, Relay};\n"
        ),
        ["lab->lab::relay"]
    );
    assert_eq!(
        units(
            "session/states.rs",
            "use crate::{lab::{self, relay::Dir}, step::{Step, StateChange}};\n"
        ),
        ["session->lab", "session->lab::relay", "session->step"]
    );
    // `super` in an inline module is the file's own module.
    assert_eq!(
        units("lab/relay.rs", "mod tests {\n    use super::*;\n}\n"),
        Vec::<String>::new()
    );
}

// ---- the checker -------------------------------------------------------

/// One import: the unit that names another, where.
#[derive(Debug)]
struct Import {
    from: String,
    to: String,
    file: String,
    line: usize,
}

fn file(path: &str, text: &str) -> (String, String) {
    (path.to_string(), text.to_string())
}

fn modules(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|n| n.to_string()).collect()
}

/// Every .rs file under `dir`, as (path relative to src/, text).
fn read_tree(src: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            read_tree(src, &path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path
                .strip_prefix(src)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            files.push((relative, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

/// What is wrong with the imports of `files` (paths relative to src/, one
/// of them lib.rs) against `layers` and `exceptions`; empty when nothing.
fn check(
    files: &[(String, String)],
    layers: &[(&str, &[&str])],
    exceptions: &[(&str, &str, &str)],
) -> Vec<String> {
    let lib = files
        .iter()
        .find(|(path, _)| path == "lib.rs")
        .map(|(_, text)| text.as_str())
        .unwrap_or_default();
    let top = declared_modules(lib);
    let library: Vec<&(String, String)> = files
        .iter()
        .filter(|(path, _)| top.contains(&module_path(path)[0]))
        .collect();
    let split: BTreeSet<String> = library
        .iter()
        .map(|(path, _)| module_path(path))
        .filter(|m| m.len() >= 2 && SPLIT.contains(&m[0].as_str()))
        .map(|m| format!("{}::{}", m[0], m[1]))
        .collect();
    let mut imports = Vec::new();
    for (path, text) in &library {
        imports.extend(imports_of(path, text, &top, &split));
    }
    let units: BTreeSet<String> = library
        .iter()
        .map(|(path, _)| unit(&module_path(path), &split))
        .collect();

    let mut problems = Vec::new();
    let layer_of: BTreeMap<&str, usize> = layers
        .iter()
        .enumerate()
        .flat_map(|(i, (_, modules))| modules.iter().map(move |m| (*m, i)))
        .collect();
    for unit in &units {
        if !layer_of.contains_key(unit.as_str()) {
            problems.push(format!(
                "`{unit}` is in no layer: add it to LAYERS in tests/layers.rs and to src/lib.rs's layers"
            ));
        }
    }
    for name in layer_of.keys() {
        if !units.contains(*name) {
            problems.push(format!(
                "LAYERS names `{name}`, which is no module of the library"
            ));
        }
    }
    let excepted = |i: &Import| {
        exceptions
            .iter()
            .any(|(f, t, _)| i.from == *f && i.to == *t)
    };
    for import in imports.iter().filter(|i| !excepted(i)) {
        let (Some(&from), Some(&to)) = (
            layer_of.get(import.from.as_str()),
            layer_of.get(import.to.as_str()),
        ) else {
            continue;
        };
        if to > from {
            problems.push(format!(
                "src/{}:{}: {} (layer {}, {}) imports {} (layer {}, {}), a higher layer",
                import.file,
                import.line,
                import.from,
                from + 1,
                layers[from].0,
                import.to,
                to + 1,
                layers[to].0
            ));
        }
    }
    let kept: Vec<&Import> = imports.iter().filter(|i| !excepted(i)).collect();
    for cycle in cycles(&kept) {
        let mut lines = vec![format!("a cycle among {}:", cycle.join(", "))];
        for import in kept
            .iter()
            .filter(|i| cycle.contains(&i.from) && cycle.contains(&i.to))
        {
            lines.push(format!(
                "  src/{}:{}: {} imports {}",
                import.file, import.line, import.from, import.to
            ));
        }
        problems.push(lines.join("\n"));
    }
    for (from, to, why) in exceptions {
        if !imports.iter().any(|i| i.from == *from && i.to == *to) {
            problems.push(format!(
                "the exception {from} -> {to} ({why}) is listed, but no import needs it: remove it"
            ));
        }
    }
    problems
}

/// The cycles among the units (strongly connected components of more
/// than one), each sorted; Tarjan's algorithm.
fn cycles(imports: &[&Import]) -> Vec<Vec<String>> {
    let mut graph: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for import in imports {
        graph.entry(&import.from).or_default().insert(&import.to);
        graph.entry(&import.to).or_default();
    }
    struct Walk<'a> {
        graph: &'a BTreeMap<&'a str, BTreeSet<&'a str>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        found: Vec<Vec<String>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, node: &'a str) {
            let at = self.index.len();
            self.index.insert(node, at);
            self.low.insert(node, at);
            self.stack.push(node);
            for &next in &self.graph[node] {
                if !self.index.contains_key(next) {
                    self.visit(next);
                    let low = self.low[node].min(self.low[next]);
                    self.low.insert(node, low);
                } else if self.stack.contains(&next) {
                    let low = self.low[node].min(self.index[next]);
                    self.low.insert(node, low);
                }
            }
            if self.low[node] == self.index[node] {
                let mut component = Vec::new();
                while let Some(member) = self.stack.pop() {
                    component.push(member.to_string());
                    if member == node {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.found.push(component);
                }
            }
        }
    }
    let mut walk = Walk {
        graph: &graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for &node in graph.keys() {
        if !walk.index.contains_key(node) {
            walk.visit(node);
        }
    }
    walk.found
}

/// The modules a file declares: `mod x;` and `pub mod x;` (any visibility).
fn declared_modules(text: &str) -> BTreeSet<String> {
    let tokens = tokens(&code_only(text));
    let mut found = BTreeSet::new();
    for window in tokens.windows(3) {
        if let [(Tok::Ident(m), _), (Tok::Ident(name), _), (Tok::Semi, _)] = window
            && m == "mod"
        {
            found.insert(name.clone());
        }
    }
    found
}

/// `lab/path.rs` → [lab, path]; `lab/mod.rs` → [lab]; `step.rs` → [step].
fn module_path(path: &str) -> Vec<String> {
    let path = path.strip_suffix(".rs").unwrap_or(path);
    let mut parts: Vec<String> = path.split('/').map(String::from).collect();
    if parts.last().is_some_and(|p| p == "mod") && parts.len() > 1 {
        parts.pop();
    }
    parts
}

/// The unit a module path belongs to.
fn unit(path: &[String], split: &BTreeSet<String>) -> String {
    if let [first, second, ..] = path {
        let sub = format!("{first}::{second}");
        if split.contains(&sub) {
            return sub;
        }
    }
    path.first().cloned().unwrap_or_default()
}

/// The imports of one file: each crate module it names, by unit, first
/// place only per target and line.
fn imports_of(
    path: &str,
    text: &str,
    top: &BTreeSet<String>,
    split: &BTreeSet<String>,
) -> Vec<Import> {
    let own = module_path(path);
    let from = unit(&own, split);
    let tokens = tokens(&code_only(text));
    let children = declared_modules(text);
    let mut scope: Vec<(String, usize)> = Vec::new(); // inline `mod x {`, at depth
    let mut depth = 0;
    let mut found: Vec<Import> = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, (tok, line)) in tokens.iter().enumerate() {
        let before = i.checked_sub(1).map(|b| &tokens[b].0);
        let after_path_start = before.is_none_or(|b| *b != Tok::Sep);
        let next_is_sep = tokens.get(i + 1).is_some_and(|(t, _)| *t == Tok::Sep);
        let current = || -> Vec<String> {
            let mut current = own.clone();
            current.extend(scope.iter().map(|(m, _)| m.clone()));
            current
        };
        let paths = match tok {
            Tok::Open => {
                depth += 1;
                if let Some(name) = inline_mod(&tokens, i) {
                    scope.push((name, depth));
                }
                continue;
            }
            Tok::Close => {
                if scope.last().is_some_and(|(_, d)| *d == depth) {
                    scope.pop();
                }
                depth -= 1;
                continue;
            }
            Tok::Ident(word) if after_path_start && next_is_sep && word == "crate" => {
                tree(&tokens, i + 2, Vec::new())
            }
            Tok::Ident(word) if after_path_start && next_is_sep && word == "super" => {
                let mut base = current();
                let mut at = i;
                while matches!(&tokens.get(at), Some((Tok::Ident(w), _)) if w == "super")
                    && tokens.get(at + 1).is_some_and(|(t, _)| *t == Tok::Sep)
                {
                    base.pop();
                    at += 2;
                }
                tree(&tokens, at, base)
            }
            Tok::Ident(word)
                if after_path_start
                    && next_is_sep
                    && scope.is_empty()
                    && children.contains(word)
                    && before.is_none_or(|b| *b != Tok::Other('.')) =>
            {
                let mut base = own.clone();
                base.push(word.clone());
                tree(&tokens, i + 2, base)
            }
            _ => continue,
        };
        for target in paths {
            if target.first().is_none_or(|t| !top.contains(t)) {
                continue;
            }
            let to = unit(&target, split);
            if to != from && seen.insert((to.clone(), *line)) {
                found.push(Import {
                    from: from.clone(),
                    to,
                    file: path.to_string(),
                    line: *line,
                });
            }
        }
    }
    found
}

/// `mod NAME {` ending at token `open`: the inline module's name.
fn inline_mod(tokens: &[(Tok, usize)], open: usize) -> Option<String> {
    match (
        tokens.get(open.wrapping_sub(2)),
        tokens.get(open.wrapping_sub(1)),
    ) {
        (Some((Tok::Ident(m), _)), Some((Tok::Ident(name), _))) if m == "mod" => Some(name.clone()),
        _ => None,
    }
}

/// The paths a use tree (or an expression path) starting at `at` names,
/// each as its segments after `prefix`, as far as they go.
fn tree(tokens: &[(Tok, usize)], at: usize, prefix: Vec<String>) -> Vec<Vec<String>> {
    match tokens.get(at).map(|(t, _)| t) {
        Some(Tok::Open) => {
            let mut paths = Vec::new();
            let mut item = at + 1;
            let mut depth = 0;
            paths.extend(tree(tokens, item, prefix.clone()));
            while let Some((tok, _)) = tokens.get(item) {
                match tok {
                    Tok::Open => depth += 1,
                    Tok::Close if depth == 0 => break,
                    Tok::Close => depth -= 1,
                    Tok::Comma if depth == 0 => {
                        paths.extend(tree(tokens, item + 1, prefix.clone()))
                    }
                    _ => {}
                }
                item += 1;
            }
            paths
        }
        Some(Tok::Ident(word)) if word == "self" => vec![prefix],
        Some(Tok::Ident(word)) => {
            let mut path = prefix;
            path.push(word.clone());
            match tokens.get(at + 1) {
                Some((Tok::Sep, _)) => tree(tokens, at + 2, path),
                _ => vec![path],
            }
        }
        _ if prefix.is_empty() => Vec::new(),
        _ => vec![prefix],
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    /// `::`
    Sep,
    Open,
    Close,
    Comma,
    Semi,
    Other(char),
}

/// The tokens that matter for paths, each with its line (1-based).
fn tokens(code: &str) -> Vec<(Tok, usize)> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let tok = match c {
            '\n' => {
                line += 1;
                i += 1;
                continue;
            }
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            c if c.is_alphanumeric() || c == '_' => {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                out.push((Tok::Ident(chars[start..i].iter().collect()), line));
                continue;
            }
            ':' if chars.get(i + 1) == Some(&':') => {
                i += 1;
                Tok::Sep
            }
            '{' => Tok::Open,
            '}' => Tok::Close,
            ',' => Tok::Comma,
            ';' => Tok::Semi,
            c => Tok::Other(c),
        };
        out.push((tok, line));
        i += 1;
    }
    out
}

/// `text` with comments, strings and character literals blanked (their
/// newlines kept, so lines still count).
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    let mut i = 0;
    let word_before = |i: usize| i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
        } else if (c == 'r' || (c == 'b' && next == Some('r'))) && !word_before(i) && {
            let mut at = i + if c == 'b' { 2 } else { 1 };
            while chars.get(at) == Some(&'#') {
                at += 1;
            }
            chars.get(at) == Some(&'"')
        } {
            // A raw string: r"…", r#"…"#, br#"…"#.
            i += if c == 'b' { 2 } else { 1 };
            let mut hashes = 0;
            while chars[i] == '#' {
                hashes += 1;
                i += 1;
            }
            i += 1;
            while i < chars.len() {
                if chars[i] == '"' && (1..=hashes).all(|h| chars.get(i + h) == Some(&'#')) {
                    i += 1 + hashes;
                    break;
                }
                blank(&mut out, chars[i]);
                i += 1;
            }
            out.push(' ');
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if let Some(&c) = chars.get(i) {
                    blank(&mut out, c);
                }
                i += 1;
            }
            i += 1;
            out.push(' ');
        } else if c == '\'' && next == Some('\\') {
            // An escaped character: '\n', '\'', '\x7f', '\u{2192}'.
            i += 3;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push(' ');
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            i += 3;
            out.push(' ');
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}
