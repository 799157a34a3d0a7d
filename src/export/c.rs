//! A program as C with POSIX calls: every return checked, an errno printed
//! by its name.

use super::Program;

/// The program as C source.
pub fn write(program: &Program) -> String {
    format!("/* {} */\n", program.source)
}
