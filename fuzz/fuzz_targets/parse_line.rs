//! Fuzzes the parser's front door: any bytes, as a line the shell or a
//! script reads, must decode and parse to a command, nothing (a blank line
//! or comment), or a usage error — never a panic. See docs/robustness.md.

#![no_main]

use libfuzzer_sys::fuzz_target;
use socklab::command;
use socklab::parse::{self, HandleNames};

struct Names;

impl HandleNames for Names {
    fn is_handle(&self, name: &str) -> bool {
        ["srv", "cli", "conn", "s9"].contains(&name)
    }
    fn current(&self) -> Option<&str> {
        Some("cli")
    }
    fn handle_names(&self) -> Vec<String> {
        vec!["srv".into(), "cli".into(), "conn".into()]
    }
    fn is_kernel_held(&self, name: &str) -> bool {
        name == "old"
    }
    fn reserved_by(&self, name: &str) -> Option<u32> {
        (name == "s9").then_some(1)
    }
}

fuzz_target!(|bytes: &[u8]| {
    let overflow = bytes.len() > parse::MAX_LINE;
    if let Ok(line) = parse::decode_line(bytes, overflow) {
        if let Err((_, error)) = command::parse(line, &Names) {
            assert!(!error.message.is_empty());
        }
    }
});
