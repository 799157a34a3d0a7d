//! The name a program gets when `spawn` is not given one: from the
//! program's file name, made a valid handle name, and unique.

/// `python3` → `py`, `/usr/bin/nc.openbsd` → `nc`, `./server-2` →
/// `server`; a second `py` is `py2`. `taken` says whether a name is in use.
pub fn default_name(program: &[u8], taken: impl Fn(&str) -> bool) -> String {
    let base = program.rsplit(|&b| b == b'/').next().unwrap_or(program);
    let mut stem: String = base
        .iter()
        .map(|&b| b as char)
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    while stem.ends_with(|c: char| c.is_ascii_digit()) {
        stem.pop();
    }
    if stem.starts_with("python") {
        stem = "py".into();
    }
    if !stem.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        stem = format!("p{stem}");
    }
    stem.truncate(24);
    if !taken(&stem) {
        return stem;
    }
    // infallible: the names taken are finitely many (the session's), and
    // the numbers run to u32::MAX.
    (2u32..)
        .map(|n| format!("{stem}{n}"))
        .find(|name| !taken(name))
        .expect("some number is free")
}

#[cfg(test)]
mod tests {
    use super::default_name;

    #[test]
    fn names_come_from_the_program() {
        let none = |_: &str| false;
        for (program, name) in [
            ("python3", "py"),
            ("/usr/bin/python3.12", "py"),
            ("/usr/bin/nc.openbsd", "nc"),
            ("./server-2", "server"),
            ("./2fast", "p2fast"),
            ("", "p"),
            ("ü", "p"),
        ] {
            assert_eq!(default_name(program.as_bytes(), none), name, "{program}");
        }
    }

    #[test]
    fn a_taken_name_gets_a_number() {
        let taken = |n: &str| n == "py" || n == "py2";
        assert_eq!(default_name(b"python3", taken), "py3");
    }
}
