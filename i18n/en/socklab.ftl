# socklab's messages in English: the file every other language follows
# (i18n-embed-fl checks each `t!` against it at compile time).
#
# What is a name stays a name: system calls, errno names, TCP states,
# flags, option names, handle names and commands are arguments or words
# written as they are, never translated.


## ---- section language: the language itself (--lang, the lang command) ----

lang-now = Messages are in English now.

## ---- end of section language ----


## ---- section cli: the command line: clap's help and words, the man page ----


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

