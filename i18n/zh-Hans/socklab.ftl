# socklab 的简体中文信息。名称（系统调用、errno、TCP 状态、标志、选项、
# 句柄名、命令）保持原样，不翻译。


## ---- section language: the language itself (--lang, the lang command) ----

lang-now = 现在用简体中文显示信息（名称、命令和 JSON 保持不变）。
lang-current = 语言：{ $name }（{ $code }）—— 用 lang en、lang ru 或 lang zh 切换

## ---- end of section language ----


## ---- section cli: the command line: clap's help and words, the man page ----

cli-about = 亲手一次一个地调用真实的套接字 API，看看内核到底做了什么。
cli-json = 每执行一行输出一个 JSON 对象，而不是文本
cli-timeout = 为每个阻塞调用设上限（例如 10、1.5s、200ms；0 表示不设限）。默认：脚本（run）中 10s，交互 shell 中不设限；课程（test、play、record）中为 5s，除非文件的 `#! timeout:` 另有规定，且最多 60s
cli-bail = 在脚本中，遇到第一个用法错误或超时就停止
cli-sandbox = 在自己的用户和网络命名空间中运行：私有的回环网络，并在其中拥有 CAP_NET_RAW 以使用线路视图
cli-lab = 在网络实验室中运行：主机 a（192.0.2.1）和 b（192.0.2.2），各自处于独立的网络命名空间，由 socklab 转发的链路相连（link hold、deliver、drop …；见 docs/lab.md）。与 record 一起用时：课程在实验室中运行（写入 `#! lab`，与在实验室会话中 record 相同）；test 和 play 从课程本身读取 `#! lab`
cli-wire = 启动时打开线路视图：每一步在回环上发出的报文段（需要 CAP_NET_RAW）。`--wire=ladder` 在每一步下面画成梯形图，`--wire=summary` 每个方向一行；课程自己的 `wire on` 保留这里选定的样式
cli-encoding = 发送键入文本、显示收到字节所用的文本编码：utf-8（默认）、gbk、gb18030、big5、shift_jis、euc-kr、windows-1251、koi8-r、latin1 …（课程的 `#! encoding:` 优先）
cli-max_memory = socklab 为本会话保留的最大内存——采样、实验室链路上扣留或延迟的帧、尚未显示的后台任务结果（例如 512M、2G）。默认：脚本和 shell 中 1G；课程（test、play）得到 256M，可以给得更少，不能更多
cli-max_jobs = 同时运行的后台任务和监视器的最大数量。默认：脚本和 shell 中 1024；课程得到 256，可以给得更少，不能更多
cli-lang = socklab 讲解所用的语言：en、ru 或 zh（简体中文）。默认取自 LC_ALL、LC_MESSAGES、LANG；名称、命令和 JSON 在各语言中都相同
cli-color = 颜色：auto（在终端上，且未设置 NO_COLOR 时）、always、never
cli-run-about = 在一个会话中运行由 socklab 命令行组成的脚本（FILE，或用 - 表示标准输入）
cli-run-file = 脚本：由 socklab 命令行组成的文件，或用 - 表示标准输入
cli-test-about = 在真实内核上重放记录并比较（默认：transcripts/）。每个都作为一节课运行：独立的网络、不写文件、有上限——每节课最多占用 256 MiB，同时最多 256 个后台任务，总共最多 300 秒；用 -j N 同时运行 N 节课时，总用量最多是它的 N 倍
cli-test-paths = 记录文件、存放记录的目录，或按名称、编号指定的内置课程，与 play 的写法相同（41、half-close；同名文件优先）（默认：transcripts/，加 --lessons 时为 socklab 内置的课程）
cli-test-lessons = 运行 socklab 内置的课程库（可在任何目录下运行）
cli-test-bless = 就地改写不一致命令的预期输出
cli-test-jobs = 同时运行多少个文件（默认：CPU 数量的两倍，至少 4 个）
cli-test-host_net = 在主机的网络中运行，而不是每节课各用一个私有网络（用于你自己针对真实服务器的测试集）
cli-test-max_time = 每节课最多运行多长时间（例如 60s；上限和默认值都是 300s）：届时仍在运行的步骤就地停止
cli-test-pace = 每一步之前暂停这么久（例如 5s），就像老师停下来讲解一样：内核的定时器在此期间照常运行
cli-record-about = 从标准输入运行命令，并把命令及其输出写成一份记录
cli-record-file = 要写入的记录（已存在则替换；绝不经由符号链接写入）
cli-play-about = 现场逐步播放一份记录：讲解、命令、回车、真实输出。它作为一节课运行：独立的网络、不写文件、有上限
cli-play-file = 课程：一个 .socklab 文件，或内置课程的名称或编号（half-close、03；socklab lessons 会列出它们）。同名文件优先
cli-play-auto = 经过这么长时间（例如 1.5s）后自动继续，而不是等待回车
cli-play-host_net = 在主机的网络中运行，而不是私有网络
cli-play-max_time = 课程所有步骤合计最多运行多长时间，暂停不计（例如 60s；上限和默认值都是 300s）：届时仍在运行的步骤就地停止
cli-play-predict = 先预测，再运行：每个发出调用的步骤之前，先问它会返回什么（课程自带的问题，即 `?>` 行，无论如何都会问）；答案与调用的实际结果对照评分，课程结束时给出得分。不能与 --auto 同用
cli-play-report = 把本次的问题加到给老师的报告中：FILE.csv（每个问题一行：步骤、答案、实际结果、对错、用时秒数）或 FILE.json（每次运行一个 JSON 对象，每行一个）。以追加方式写入，全班的记录汇集在同一个文件里
cli-translate-about = 把 Python 程序中的套接字调用翻译成 socklab 脚本：每个调用一行，每行标注程序中的行号；无法翻译的内容（循环、条件、input()、只有运行中的程序才知道的变量）列在标准错误上，并作为注释留在脚本中
cli-translate-program = Python 程序
cli-translate-args = 程序自己的参数，即它从 sys.argv 读取的内容
cli-translate-output = 把脚本写到这里（如已存在则拒绝，除非加 --force），而不是标准输出
cli-translate-force = 如果 OUT 已存在则替换
cli-diagram-about = 把一份记录画成梯形图（时序图）：每个报文段一条箭头、两端的状态、各个调用——依据文件中记录的输出
cli-diagram-file = 记录：一个 .socklab 文件，或内置课程的名称或编号
cli-diagram-output = 把图写到这里（如已存在则拒绝，除非加 --force），而不是标准输出
cli-diagram-format = 格式：mermaid（GitHub 能显示的 sequenceDiagram）、txt（适合终端的梯形图）、svg（独立的图片）或 html（图片旁附课程讲解，适合做讲义）。默认：按 OUT 的扩展名（.txt、.svg、.html；否则为 mermaid）
cli-diagram-width = 梯形图的宽度（列数；txt；至少 40）
cli-diagram-ascii = 只用 ASCII 字符画梯形图（txt）
cli-diagram-force = 如果 OUT 已存在则替换
cli-diagram-steps = 只画记录中的这些命令，从 1 开始计数：`6-7`（比如某节课的三次握手，单独做一张幻灯片）、`10-`（从第 10 条起）、`14`
cli-diagram-graph = 改为画时间–序号图（SVG）：按报文段顺序画出承载数据最多的方向的序号、ACK 线、重传和丢失，依据记录中的报文段行
cli-export-about = 把一份记录写成你自己的程序（Python 或 C），它发出同样的调用，并把每个结果与记录的结果对照
cli-export-file = 记录：一个 .socklab 文件，或内置课程的名称或编号
cli-export-to = 语言：python（只用标准库）、c（POSIX）或 markdown（记录和两个程序放在同一页上，如 docs/export.md）
cli-export-output = 把程序写到这里（如已存在则拒绝，除非加 --force），而不是标准输出
cli-export-force = 如果 OUT 已存在则替换
cli-lessons-about = 按分组列出 socklab 内置的课程，以及每节课需要的条件
cli-completions-about = 输出某个 shell 的补全脚本（bash、zsh、fish、elvish、powershell）
cli-completions-shell = shell：bash、zsh、fish、elvish 或 powershell
cli-manpage-about = 输出 socklab 的手册页（roff），包括命令语言的各个动词
cli-help-about = 显示某个命令、errno（ECONNREFUSED）或 `options` 的帮助
cli-help-topic = 一个命令（bind）、一个 errno（ECONNREFUSED 或 111）、一个 Python 名称（setblocking、ConnectionRefusedError）、python 或 options
cli-help-markdown = 以 Markdown 输出完整的命令参考（docs/commands.md；主题为 python 时为 docs/python.md）
cli-usage = 用法
cli-options = 选项
cli-arguments = 参数
cli-commands = 命令
cli-print-help = 显示帮助
cli-print-version = 显示版本
cli-man-name = 名称
cli-man-synopsis = 概要
cli-man-description = 描述
cli-man-options = 选项
cli-man-subcommands = 子命令
cli-man-version = 版本
cli-man-commands = 命令语言
cli-default = [默认：{ $value }]
cli-possible = [可选值：{ $values }]

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
