# socklab 的简体中文信息。名称（系统调用、errno、TCP 状态、标志、选项、
# 句柄名、命令）保持原样，不翻译。


## ---- section language: the language itself (--lang, the lang command) ----

lang-now = 现在使用简体中文显示信息。

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

