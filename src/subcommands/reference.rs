//! The subcommands that print text about socklab and run no session:
//! `help`, `lessons`, `completions`, `manpage`.

use socklab::command::help;
use socklab::transcript::library;

use super::{Exit, write_stdout, write_terminal};

/// `socklab help [TOPIC] [--markdown]`: a command, an errno, or the overview.
pub(super) fn help(topic: Option<&str>, markdown: bool) -> Result<usize, Exit> {
    let text = if markdown && topic == Some("python") {
        socklab::command::python_table::markdown()
    } else if markdown {
        help::markdown()
    } else {
        let lines = help::fit_to_terminal(match topic {
            None => help::overview(),
            Some(topic) => help::lines_for(topic)
                .ok_or_else(|| format!("no help for '{}'", socklab::safe_text::escape(topic)))?,
        });
        let text: String = lines.iter().map(|line| format!("{line}\n")).collect();
        write_terminal(&text)?;
        return Ok(0);
    };
    // Markdown is a file's text: UTF-8 whatever the terminal.
    write_stdout(text.as_bytes())?;
    Ok(0)
}

/// `socklab lessons`: the built-in lessons, by group, with what each needs.
pub(super) fn lessons() -> Result<usize, Exit> {
    let text: String = library::listing()
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    write_terminal(&text)?;
    Ok(0)
}

/// `socklab completions SHELL`: clap's completion script for the shell.
pub(super) fn completions(shell: clap_complete::Shell) -> Result<usize, Exit> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut crate::cli_text::command(), "socklab", &mut out);
    write_stdout(&out)?;
    Ok(0)
}

/// `socklab manpage`: the page, as roff.
pub(super) fn manpage() -> Result<usize, Exit> {
    write_stdout(&page())?;
    Ok(0)
}

/// `socklab manpage`: clap's page for the flags, then the command
/// language's verbs from the command table.
fn page() -> Vec<u8> {
    let mut out = Vec::new();
    let _ = clap_mangen::Man::new(crate::cli_text::command()).render(&mut out);
    let mut out = crate::cli_text::man_headings(&String::from_utf8_lossy(&out)).into_bytes();
    out.extend_from_slice(b".SH \"THE COMMAND LANGUAGE\"\n");
    out.extend_from_slice(
        b"Each line typed at the prompt, or in a script or lesson, is one verb and its arguments; \
          most make one system call. H is a handle name (default: the current handle).\n",
    );
    for spec in socklab::command::COMMANDS {
        let usage = roff_text(spec.usage);
        let summary = roff_text(&spec.summary());
        out.extend_from_slice(format!(".TP\n\\fB{usage}\\fR\n{summary}\n").as_bytes());
    }
    out.extend_from_slice(
        b".SH \"SEE ALSO\"\nsocklab help VERB; docs/guide.md, docs/commands.md, docs/lab.md in the source.\n",
    );
    out
}

/// Text for roff: backslashes doubled, a leading dot or quote made safe.
fn roff_text(text: &str) -> String {
    let text = text.replace('\\', "\\e").replace('-', "\\-");
    match text.chars().next() {
        Some('.') | Some('\'') => format!("\\&{text}"),
        _ => text,
    }
}
