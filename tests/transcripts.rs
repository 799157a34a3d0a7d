//! Every transcripts/*.socklab as its own named test case: a failure names
//! the transcript, the line and the command, with a diff.

use std::path::PathBuf;

use libtest_mimic::{Arguments, Failed, Trial};
use socklab::sandbox::Network;
use socklab::transcript::{self, check};

fn main() {
    let args = Arguments::from_args();
    // Each lesson runs in a network of its own, as `socklab test` runs it;
    // an unprivileged user needs a user namespace for that (entered now,
    // while this process has one thread), else the host's network.
    let network = match socklab::sandbox::prepare_lessons(Network::Private) {
        Ok(()) => Network::Private,
        Err(message) => {
            eprintln!("note: {message}: the lessons run in the host's network");
            Network::Host
        }
    };
    colored::control::set_override(false);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("transcripts");
    let files = transcript::collect(&[dir]).expect("transcripts/ is readable");
    let trials = files
        .into_iter()
        .map(|path| {
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let skip = skipped(&path);
            Trial::test(name, move || run(&path, network)).with_ignored_flag(skip)
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

fn run(path: &std::path::Path, network: Network) -> Result<(), Failed> {
    let name = transcript::display(path);
    match check::run_file(path, false, network, None, None, Default::default()) {
        // The lab's settling never needs its safety net in the library.
        Ok((_, notes)) if notes.iter().any(|n| n.starts_with(check::SETTLE_NOTE)) => {
            Err(notes.join("\n").into())
        }
        Ok((check::Verdict::Passed, _)) | Ok((check::Verdict::Skipped(_), _)) => Ok(()),
        Ok((check::Verdict::Failed(mismatches), _)) => {
            let text: String = mismatches
                .iter()
                .map(|m| check::describe(&name, m, false))
                .collect();
            Err(text.into())
        }
        Err(error) => Err(error.into()),
    }
}

/// A transcript whose needs this machine does not meet is reported as ignored.
fn skipped(path: &std::path::Path) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    let Ok(parsed) = transcript::format::parse(&text) else {
        return false;
    };
    check::unmet_need(&parsed).is_some()
}
