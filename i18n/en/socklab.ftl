# socklab's messages in English: the file every other language follows
# (i18n-embed-fl checks each `t!` against it at compile time).
#
# What is a name stays a name: system calls, errno names, TCP states,
# flags, option names, handle names and commands are arguments or words
# written as they are, never translated.


## ---- section language: the language itself (--lang, the lang command) ----

lang-now = Messages are in English now (names, commands and JSON stay as they are).
lang-current = language: { $name } ({ $code }) — lang en, lang ru or lang zh changes it

## ---- end of section language ----


## ---- section cli: the command line: clap's help and words, the man page ----

cli-about = Drive the real sockets API by hand, one call at a time, and watch what the kernel does.
cli-json = One JSON object per executed line instead of text
cli-timeout = Bound each blocking call (e.g. 10, 1.5s, 200ms; 0: no bound). Default: 10s in scripts (run), none in the shell; in lessons (test, play, record) 5s unless the file's `#! timeout:` says otherwise, and at most 60s
cli-bail = In scripts, stop at the first usage error or timeout
cli-sandbox = Run in a user + network namespace of its own: a private loopback, and CAP_NET_RAW there for the wire view
cli-lab = Run in the network lab: hosts a (192.0.2.1) and b (192.0.2.2), each a network namespace of its own, joined by a link that socklab relays (link hold, deliver, drop …; docs/lab.md). With record: the lesson runs in a lab (it writes `#! lab`, as record in a lab session does); test and play take `#! lab` from the lesson itself
cli-wire = Start with the wire view on: the segments each step puts on loopback (needs CAP_NET_RAW). `--wire=ladder` draws them as a ladder under each step, `--wire=summary` a line per direction; a lesson's own `wire on` keeps the look chosen here
cli-encoding = The text encoding typed text is sent in and received bytes are shown in: utf-8 (default), gbk, gb18030, big5, shift_jis, euc-kr, windows-1251, koi8-r, latin1 … (a lesson's `#! encoding:` wins)
cli-max_memory = The most memory socklab keeps for the session — samples, frames held or delayed on the lab's link, results of background jobs not yet shown (e.g. 512M, 2G). Default: 1G in scripts and the shell; a lesson (test, play) gets 256M, and may be given less, never more
cli-max_jobs = The most background jobs and watchers at once. Default: 1024 in scripts and the shell; a lesson gets 256, and may be given fewer, never more
cli-lang = The language socklab explains in: en, ru or zh (Simplified Chinese). Default: from LC_ALL, LC_MESSAGES, LANG; names, commands and JSON stay the same in every language
cli-color = Colour: auto (on a terminal, unless NO_COLOR is set), always, never
cli-run-about = Run a script of socklab lines (FILE, or - for stdin) in one session
cli-run-file = The script: a file of socklab lines, or - for standard input
cli-test-about = Replay transcripts against the live kernel and compare (default: transcripts/). Each runs as a lesson: a network of its own, no files, bounded — each lesson keeps at most 256 MiB, runs at most 256 background jobs at once and 300 s in all; with -j N lessons at once, the run uses at most N times that
cli-test-paths = Transcript files, directories of them, or built-in lessons by name or number as play takes them (41, half-close; a file wins) (default: transcripts/, or with --lessons the lessons built into socklab)
cli-test-lessons = Run the lesson library built into socklab (from any directory)
cli-test-bless = Rewrite the expected output of failing commands in place
cli-test-jobs = How many files to run at once (default: twice the number of CPUs, at least 4)
cli-test-host_net = Run in the host's network instead of a private one per lesson (for your own suites against a real server)
cli-test-max_time = The most time each lesson may run (e.g. 60s; at most and by default 300s): a step still running then is stopped where it is
cli-test-pace = Pause this long before each step (e.g. 5s), as a teacher who stops to explain would: the kernel's timers run meanwhile
cli-record-about = Run commands from stdin and write them, with their output, as a transcript
cli-record-file = The transcript to write (replaced if it exists; never through a symbolic link)
cli-play-about = Step through a transcript live: narration, command, Enter, real output. It runs as a lesson: a network of its own, no files, bounded
cli-play-file = The lesson: a .socklab file, or a built-in lesson's name or number (half-close, 03; socklab lessons lists them). A file wins over a name
cli-play-auto = Move on by itself after this long (e.g. 1.5s) instead of waiting for Enter
cli-play-host_net = Run in the host's network instead of a private one
cli-play-max_time = The most time the lesson's steps may run in all, pauses not counted (e.g. 60s; at most and by default 300s): a step still running then is stopped where it is
cli-play-predict = Predict, then run: before each step that makes a call, ask what it will return (a lesson's own questions, `?>` lines, are asked anyway); the answer is marked against what the call then does, and a score ends the lesson. Not with --auto
cli-play-report = Add this run's questions to a report for the teacher: FILE.csv (a row per question: the step, the answer, the actual result, right or wrong, seconds taken) or FILE.json (a JSON object per run, one per line). Appended to, so a class's runs gather in one file
cli-translate-about = Turn a Python program's socket calls into a socklab script: one line per call, each tagged with the program's line; what cannot be translated (loops, conditionals, input(), variables only the running program knows) is listed on standard error and kept in the script as a comment
cli-translate-program = The Python program
cli-translate-args = The program's own arguments, as it reads them from sys.argv
cli-translate-output = Write the script here (refused if it exists, unless --force) instead of standard output
cli-translate-force = Replace OUT if it exists
cli-diagram-about = Draw a transcript as a ladder (sequence) diagram: an arrow per segment, each end's states, the calls — from the output recorded in the file
cli-diagram-file = The transcript: a .socklab file, or a built-in lesson's name or number
cli-diagram-output = Write the picture here (refused if it exists, unless --force) instead of standard output
cli-diagram-format = The format: mermaid (a sequenceDiagram, which GitHub renders), txt (a ladder for a terminal), svg (a self-contained picture) or html (the picture beside the lesson's narration, for a handout). Default: from OUT's extension (.txt, .svg, .html; else mermaid)
cli-diagram-width = The ladder's width in columns (txt; at least 40)
cli-diagram-ascii = Draw the ladder with ASCII only (txt)
cli-diagram-force = Replace OUT if it exists
cli-diagram-steps = Draw only these commands of the transcript, counted from 1: `6-7` (the handshake of a lesson, say, for a slide of its own), `10-` (from the 10th on), `14`
cli-diagram-graph = Draw the time-sequence graph instead (an SVG): sequence over the segments' order for the way that carried the most data, the ACK line, retransmissions and losses, from the transcript's segment lines
cli-export-about = Write a transcript as a program of your own (Python or C) that makes the same calls and checks each result against the recorded one
cli-export-file = The transcript: a .socklab file, or a built-in lesson's name or number
cli-export-to = The language: python (standard library only), c (POSIX), or markdown (the transcript and both programs on one page, as docs/export.md)
cli-export-output = Write the program here (refused if it exists, unless --force) instead of standard output
cli-export-force = Replace OUT if it exists
cli-lessons-about = List the lessons built into socklab, by group, with what each needs
cli-completions-about = Print a completion script for a shell (bash, zsh, fish, elvish, powershell)
cli-completions-shell = The shell: bash, zsh, fish, elvish or powershell
cli-manpage-about = Print socklab's man page (roff), the command language's verbs included
cli-help-about = Show help for a command, an errno (ECONNREFUSED) or `options`
cli-help-topic = A command (bind), an errno (ECONNREFUSED or 111), a Python name (setblocking, ConnectionRefusedError), python, or options
cli-help-markdown = Print the whole command reference as Markdown (docs/commands.md; with the topic python, docs/python.md)
cli-usage = Usage
cli-options = Options
cli-arguments = Arguments
cli-commands = Commands
cli-print-help = Print help
cli-print-version = Print version
cli-man-name = NAME
cli-man-synopsis = SYNOPSIS
cli-man-description = DESCRIPTION
cli-man-options = OPTIONS
cli-man-subcommands = SUBCOMMANDS
cli-man-version = VERSION
cli-man-commands = THE COMMAND LANGUAGE
cli-default = [default: { $value }]
cli-possible = [possible values: { $values }]

## ---- end of section cli ----


## ---- section words: a step's lines, notes and why lines (src/render/words.rs and what it uses) ----


## ---- end of section words ----


## ---- section help: help pages: commands, errnos, states, options, Python names, topics ----


## ---- end of section help ----


## ---- section topics: help topics, Python names, Windows error numbers, errno meanings ----


## ---- end of section topics ----


## ---- section shell: the shell, play, predict and the lessons' list ----


## ---- end of section shell ----


## ---- section errors: usage errors and the tool's own errors ----


## ---- end of section errors ----


## ---- section lab-errors: the lab's, the wire's, spawn's and the session's own errors ----


## ---- end of section lab-errors ----


## ---- section diagram: the words of pictures (diagram, ladder, graph, html) ----


## ---- end of section diagram ----


## ---- section export: what export and translate write for a person (comments, notes, what could not be translated) ----


## ---- end of section export ----
