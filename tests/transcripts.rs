//! Every transcripts/*.socklab as its own named test case: a failure names
//! the transcript, the line and the command, with a diff.
//!
//! And every by-hand lab lesson (one that holds, delivers, drops or
//! impairs segments by hand, or takes a host down) played again at a
//! teacher's pace (`socklab test --pace`): the kernel's timers fire
//! between the steps, and the lesson must give the same results. Three at
//! 5 s a step and the rest at 1 s run by default; all at 5 s with
//! `-- --ignored`.

use std::path::PathBuf;
use std::time::Duration;

use libtest_mimic::{Arguments, Failed, Trial};
use socklab::sandbox::Network;
use socklab::transcript::{self, check};

/// The by-hand lessons played at 5 s a step by default (the rest at 1 s).
const PACED_SLOW: [&str; 3] = ["41-lab-handshake", "42-lab-close", "44-lab-lost-syn"];

fn main() {
    let mut args = Arguments::from_args();
    // Paced lessons mostly wait: more of them at once than there are CPUs.
    args.test_threads.get_or_insert(8);
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
        .flat_map(|path| {
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let skip = skipped(&path);
            let mut trials = vec![];
            if by_hand(&path) {
                let slow = PACED_SLOW.contains(&name.as_str());
                for (pace, by_default) in [(1, !slow), (5, slow)] {
                    let path = path.clone();
                    let pace = Duration::from_secs(pace);
                    trials.push(
                        Trial::test(format!("paced-{}s/{name}", pace.as_secs()), move || {
                            run(&path, network, pace)
                        })
                        .with_ignored_flag(skip || !by_default),
                    );
                }
            }
            trials.push(
                Trial::test(name, move || run(&path, network, Duration::ZERO))
                    .with_ignored_flag(skip),
            );
            trials
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

fn run(path: &std::path::Path, network: Network, pace: Duration) -> Result<(), Failed> {
    let name = transcript::display(path);
    match check::run_file(path, false, network, None, None, Default::default(), pace) {
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

/// A lab lesson that works the link or the hosts by hand: what it shows
/// could depend on when its steps come.
fn by_hand(path: &std::path::Path) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    let Ok(parsed) = transcript::format::parse(&text) else {
        return false;
    };
    parsed.lab
        && parsed.entries.iter().any(|entry| {
            let words: Vec<&str> = entry.command.split_whitespace().collect();
            matches!(
                words.as_slice(),
                ["link", "hold", ..]
                    | ["deliver", ..]
                    | ["drop", ..]
                    | ["dup", "next", ..]
                    | ["corrupt", "next", ..]
                    | ["host", _, "crash"]
            )
        })
}
