//! The command line's words in the language chosen: every about and
//! every option's help from the `cli` section of i18n/*/socklab.ftl,
//! keyed by the command tree (`cli-about`, `cli-play-about`,
//! `cli-play-auto`), and clap's own words — the "Usage", "Options",
//! "Arguments" and "Commands" headings, `-h` and `-V` — in the same
//! language. The man page's section names follow.

use clap::{Arg, ArgAction, Command, CommandFactory};

use socklab::i18n::lookup;

/// socklab's command line, its help in the language chosen.
pub fn command() -> Command {
    localize(crate::Cli::command(), "cli-", true)
}

/// The help template: clap's, with the "Usage" heading in the language.
fn template() -> String {
    let usage = socklab::t!("cli-usage");
    format!(
        "{{before-help}}{{about-with-newline}}\n\u{1b}[1m\u{1b}[4m{usage}:\u{1b}[0m {{usage}}\n\n{{all-args}}{{after-help}}"
    )
}

fn localize(mut command: Command, prefix: &str, root: bool) -> Command {
    if let Some(about) = lookup(&format!("{prefix}about")) {
        command = command.about(about);
    }
    let options = socklab::t!("cli-options");
    let arguments = socklab::t!("cli-arguments");
    let ids: Vec<(String, bool, bool)> = command
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional(), a.is_global_set()))
        .collect();
    for (id, positional, global) in ids {
        // A global option is written once, under the root's prefix.
        if global && !root {
            continue;
        }
        let help = lookup(&format!("{prefix}{id}"));
        let heading = match positional {
            true => arguments.clone(),
            false => options.clone(),
        };
        command = command.mut_arg(id, |arg| {
            let suffix = values_words(&arg);
            let help = help.map(|help| format!("{help}{suffix}"));
            let arg = match arg.get_action().takes_values() {
                // Written by values_words, in the language.
                true => arg
                    .help_heading(heading)
                    .hide_default_value(true)
                    .hide_possible_values(true),
                false => arg.help_heading(heading),
            };
            match help {
                Some(help) => arg.help(help),
                None => arg,
            }
        });
    }
    command = command
        .help_template(template())
        .subcommand_help_heading(socklab::t!("cli-commands"))
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(socklab::t!("cli-print-help"))
                .help_heading(options.clone()),
        );
    if root {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(socklab::t!("cli-print-version"))
                .help_heading(options),
        );
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let prefix = format!("cli-{name}-");
        command = command.mut_subcommand(name, |sub| localize(sub, &prefix, false));
    }
    command
}

/// clap's ` [default: auto] [possible values: auto, always, never]`,
/// its words in the language chosen.
fn values_words(arg: &Arg) -> String {
    let mut words = String::new();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !arg.is_hide_default_value_set() && arg.get_action().takes_values() {
        words.push(' ');
        words.push_str(&socklab::t!("cli-default", value = defaults.join(", ")));
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() && !arg.is_hide_possible_values_set() && arg.get_action().takes_values() {
        words.push(' ');
        words.push_str(&socklab::t!("cli-possible", values = values.join(", ")));
    }
    words
}

/// Shows clap's help, version or error (in the terminal's charset, which
/// clap itself does not know) and says how socklab ends: 0 for help and
/// version (however far they could be written), 2 for a command line it
/// could not read.
pub fn exit(error: &clap::Error) -> std::process::ExitCode {
    use std::io::{IsTerminal, Write};
    let to_stdout = !error.use_stderr();
    let styled = match to_stdout {
        true => std::io::stdout().is_terminal(),
        false => std::io::stderr().is_terminal(),
    } && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let rendered = error.render();
    let text = match styled {
        true => rendered.ansi().to_string(),
        false => rendered.to_string(),
    };
    let written = match to_stdout {
        true => {
            let mut out = socklab::i18n::terminal(std::io::stdout().lock());
            out.write_all(text.as_bytes()).and_then(|_| out.flush())
        }
        false => {
            let mut out = socklab::i18n::terminal(std::io::stderr().lock());
            out.write_all(text.as_bytes()).and_then(|_| out.flush())
        }
    };
    // Help and version are written as far as they can be, as clap does:
    // a closed or full output does not make them fail.
    let _ = written;
    match to_stdout {
        true => std::process::ExitCode::SUCCESS,
        false => std::process::ExitCode::from(2),
    }
}

/// The man page's section names (clap_mangen writes them in English).
pub fn man_headings(page: &str) -> String {
    // clap_mangen names the subcommands' section after their help
    // heading; the page has always called it SUBCOMMANDS.
    let commands = socklab::t!("cli-commands");
    let subcommands = socklab::t!("cli-man-subcommands");
    let mut page = page
        .replace(
            &format!(".SH {commands}\n"),
            &format!(".SH {}\n", roff_heading(&subcommands)),
        )
        .replace(
            &format!("[\\fI{}\\fR]", commands.to_lowercase()),
            &format!("[\\fI{}\\fR]", subcommands.to_lowercase()),
        );
    for (english, id) in [
        ("NAME", "cli-man-name"),
        ("SYNOPSIS", "cli-man-synopsis"),
        ("DESCRIPTION", "cli-man-description"),
        ("OPTIONS", "cli-man-options"),
        ("VERSION", "cli-man-version"),
    ] {
        let Some(word) = lookup(id) else { continue };
        if word != english {
            page = page.replace(
                &format!(".SH {english}\n"),
                &format!(".SH {}\n", roff_heading(&word)),
            );
        }
    }
    page
}

/// A section heading for roff: quoted when it has a space.
fn roff_heading(word: &str) -> String {
    match word.contains(' ') {
        true => format!("\"{}\"", word.replace('"', "")),
        false => word.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every about and option of the command tree has its words in each
    /// language's file (the raw files: English fallback does not count).
    #[test]
    fn every_command_and_option_has_its_words_in_every_language() {
        fn ids(command: &Command, prefix: &str, root: bool, out: &mut Vec<String>) {
            out.push(format!("{prefix}about"));
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" || (arg.is_global_set() && !root) {
                    continue;
                }
                out.push(format!("{prefix}{id}"));
            }
            for sub in command.get_subcommands() {
                ids(sub, &format!("cli-{}-", sub.get_name()), false, out);
            }
        }
        let mut wanted = Vec::new();
        ids(&crate::Cli::command(), "cli-", true, &mut wanted);
        for lang in socklab::i18n::Lang::ALL {
            let source = socklab::i18n::ftl_source(lang).expect("the file is built in");
            let missing: Vec<&String> = wanted
                .iter()
                .filter(|id| !source.lines().any(|l| l.starts_with(&format!("{id} ="))))
                .collect();
            assert!(missing.is_empty(), "{lang}: no words for {missing:?}");
        }
    }
}
