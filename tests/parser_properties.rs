//! The parser against hostile input: any line — random bytes, unicode,
//! control characters, up to 10 KiB — goes through the same front door as
//! the shell and scripts (`parse::decode_line`, then `command::parse`) and
//! comes out as a command, a blank line, or a usage error that says where.
//! Never a panic. 12,500 cases in all, from five generators (one makes
//! lines of Python, which the shell answers with socklab lines).

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use socklab::command::{self, COMMANDS};
use socklab::parse::{self, MAX_LINE};

mod common;
use common::names::Names;

/// Runs one line through the front door and checks what came out.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let line = match parse::decode_line(bytes, false) {
        Ok(line) => line,
        Err((shown, error)) => {
            prop_assert!(!error.message.is_empty());
            let column = error.column.unwrap_or(1);
            prop_assert!(column >= 1 && column <= shown.chars().count() + 1);
            return Ok(());
        }
    };
    match command::parse(line, &Names) {
        Ok(None) => {
            // Only a blank line or a comment is nothing.
            let before_comment = line.split('#').next().unwrap_or("");
            prop_assert!(
                before_comment.trim().is_empty(),
                "{line:?} parsed to nothing"
            );
        }
        Ok(Some(parsed)) => {
            prop_assert!(COMMANDS.iter().any(|spec| spec.name == parsed.verb));
        }
        Err((verb, error)) => {
            prop_assert!(!error.message.is_empty(), "{line:?}: empty message");
            if let Some(verb) = verb {
                prop_assert!(COMMANDS.iter().any(|spec| spec.name == verb));
            }
            if let Some(column) = error.column {
                // A column points into the line, or just past its end.
                let length = line.chars().count();
                prop_assert!(
                    column >= 1 && column <= length + 1,
                    "{line:?}: column {column} of a {length}-character line: {error}"
                );
            }
        }
    }
    Ok(())
}

/// 2,500 cases per generator: 10,000 in all.
fn run(strategy: impl Strategy<Value = Vec<u8>>) {
    let mut runner = TestRunner::new(Config {
        cases: 2_500,
        failure_persistence: None,
        ..Config::default()
    });
    if let Err(failure) = runner.run(&strategy, |bytes| check(&bytes)) {
        panic!("{failure}");
    }
}

/// Mostly short lines, some up to 10 KiB.
fn length() -> impl Strategy<Value = usize> {
    prop_oneof![9 => 0..80usize, 1 => 0..10 * 1024usize]
}

#[test]
fn random_bytes() {
    run(length().prop_flat_map(|n| proptest::collection::vec(any::<u8>(), n)));
}

#[test]
fn random_unicode_with_control_characters() {
    run(length().prop_flat_map(|n| {
        proptest::collection::vec(any::<char>(), n / 4)
            .prop_map(|chars| chars.into_iter().collect::<String>().into_bytes())
    }));
}

/// The words socklab's commands take, and ones that are nearly right.
const WORDS: &[&str] = &[
    "srv",
    "cli",
    "conn",
    "s9",
    "old",
    "nope",
    "=",
    ",",
    "&",
    "#",
    "%1",
    "0",
    "-1",
    "1",
    "10",
    "65536",
    "99999999999999999999",
    "1.5s",
    "200ms",
    "0x40",
    "127.0.0.1:0",
    "127.0.0.1:99999",
    "[::1]:80",
    "::1",
    "[::1",
    "localhost:80",
    "0.0.0.0:65535",
    "/tmp/x.sock",
    "@abstract",
    "\"hi\"",
    "\"a\\x\"",
    "\"\\xzz\"",
    "x\"41\"",
    "x\"4\"",
    "x\"zz\"",
    "\"ab\"*3",
    "\"ab\"*99999999",
    "\"ab\"*",
    "\"unterminated",
    "\"\\0\"",
    "\"é\"",
    "SO_REUSEADDR",
    "reuseaddr",
    "TCP_NODELAY",
    "SO_LINGER",
    "SO_RCVTIMEO",
    "1,0",
    "on",
    "off",
    "MSG_PEEK",
    "peek",
    "MSG_DONTWAIT|MSG_PEEK",
    "waitall",
    "FIN_WAIT2",
    "readable",
    "writable",
    "tcp",
    "udp6",
    "unix-dgram",
    "read",
    "write",
    "both",
    "rdwr",
    "FIONREAD",
    "é",
    "\u{202e}",
    "\t",
    "\u{0}",
    "\u{7f}",
    "a=b",
    "x,y =",
    "&&",
    "\"&\"",
];

#[test]
fn commands_with_arguments_from_the_vocabulary() {
    let verbs: Vec<&'static str> = COMMANDS.iter().map(|spec| spec.name).collect();
    let word = proptest::sample::select(WORDS);
    let separator = proptest::sample::select(&[" ", " ", " ", "", "\t", "  "][..]);
    run((
        proptest::sample::select(verbs),
        proptest::collection::vec((word, separator), 0..8),
        any::<bool>(),
    )
        .prop_map(|(verb, args, upper)| {
            let mut line = if upper {
                verb.to_uppercase()
            } else {
                verb.to_string()
            };
            for (word, separator) in args {
                line.push(' ');
                line.push_str(word);
                line.push_str(separator);
            }
            line.into_bytes()
        }));
}

#[test]
fn long_lines_of_words_up_to_10_kib() {
    let word = proptest::sample::select(WORDS);
    run(proptest::collection::vec(word, 0..2_000).prop_map(|words| {
        let mut line = words.join(" ");
        line.truncate(
            (0..=line.len().min(10 * 1024))
                .rev()
                .find(|&at| line.is_char_boundary(at))
                .unwrap_or(0),
        );
        line.into_bytes()
    }));
}

/// A line longer than the limit is one usage error (the reader says so).
#[test]
fn a_line_over_the_limit_is_a_usage_error() {
    let long = vec![b'a'; MAX_LINE + 10];
    let (shown, error) = parse::decode_line(&long, true).unwrap_err();
    assert!(error.message.contains("longer than"), "{error}");
    assert_eq!(shown.len(), long.len());
}

/// Python's pieces in any order: calls, literals with escapes, brackets,
/// operators, keywords (what `command::python` reads).
const PYTHON: &[&str] = &[
    "s",
    ".",
    "send",
    "recv",
    "(",
    ")",
    "[",
    "]",
    ",",
    "=",
    "==",
    ":",
    "'",
    "\"",
    "b'",
    "b\"",
    "\\",
    "\\x",
    "\\n",
    "c4",
    "1024",
    "2.5",
    "-1",
    "not",
    "and",
    "or",
    "+",
    "encode",
    "decode",
    "'gbk'",
    "socket",
    "AF_INET",
    "print",
    "input",
    "while",
    "import",
    "with",
    " as ",
    "None",
    "sys.argv",
    "settimeout",
    "sendto",
    "('127.0.0.1', 8888)",
    " ",
    "你好",
    "_",
];

#[test]
fn lines_of_python_pieces() {
    let piece = proptest::sample::select(PYTHON);
    run(proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat().into_bytes()));
}
