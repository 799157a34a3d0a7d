//! Fuzzes the parser's front door: any bytes, as a line the shell or a
//! script reads, must decode and parse to a command, nothing (a blank line
//! or comment), or a usage error — never a panic. See docs/robustness.md.

#![no_main]

use libfuzzer_sys::fuzz_target;
use socklab::command;
use socklab::parse;

// The names the property test parses against (tests/common/names.rs).
#[path = "../../tests/common/names.rs"]
mod names;
use names::Names;

fuzz_target!(|bytes: &[u8]| {
    let overflow = bytes.len() > parse::MAX_LINE;
    if let Ok(line) = parse::decode_line(bytes, overflow) {
        if let Err((_, error)) = command::parse(line, &Names) {
            assert!(!error.message.is_empty());
        }
    }
});
