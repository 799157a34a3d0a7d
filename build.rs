//! Builds the lesson library into the binary: `$OUT_DIR/lessons.rs` holds
//! every transcripts/*.socklab as (name, text), sorted by name.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // Read when the script runs, not built into it: a build script built
    // in another checkout (a target directory copied or shared) would
    // otherwise read that checkout's lessons.
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default();
    let dir = Path::new(&manifest).join("transcripts");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".socklab"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::from(
        "/// Every built-in lesson: (name, text).\npub static LESSONS: &[(&str, &str)] = &[\n",
    );
    for name in &names {
        let stem = name.trim_end_matches(".socklab");
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(
            out,
            "    ({stem:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("lessons.rs");
    if let Err(error) = std::fs::write(&target, out) {
        panic!("cannot write {}: {error}", target.display()); // infallible: a build script reports by panicking
    }
}
