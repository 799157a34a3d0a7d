# socklab 的简体中文信息。名称（系统调用、errno、TCP 状态、标志、选项、
# 句柄名、命令）保持原样，不翻译。


## ---- section language: the language itself (--lang, the lang command) ----

lang-now = 现在用简体中文显示信息（名称、命令和 JSON 保持不变）。
lang-current = 语言：{ $name }（{ $code }）——用 lang en、lang ru 或 lang zh 切换
lang-name-en = 英语
lang-name-ru = 俄语
lang-name-zh = 简体中文

## ---- end of section language ----


## ---- section cli: the command line: clap's help and words, the man page ----

cli-about = 亲手驱动真实的套接字 API：一次一个调用，看看内核到底做了什么。
cli-json = 每执行一行输出一个 JSON 对象，而不是文本
cli-timeout = 为每个阻塞调用设上限（例如 10、1.5s、200ms；0 表示不设限）。默认：脚本（run）中 10s，交互 shell 中不设限；课程（test、play、record）中为 5s，除非文件的 `#! timeout:` 另有规定，且最多 60s
cli-bail = 在脚本中，遇到第一个用法错误或超时就停止
cli-sandbox = 在自己的用户和网络命名空间中运行：私有的回环网络，并在其中拥有 CAP_NET_RAW 以使用线路视图
cli-lab = 在网络实验室中运行：主机 a（192.0.2.1）和 b（192.0.2.2）各自处于独立的网络命名空间，由一条 socklab 转发的链路相连（link hold、deliver、drop …；见 docs/lab.md）。与 record 一起用时：课程在实验室中运行（写入 `#! lab`，与在实验室会话中 record 相同）；test 和 play 从课程本身读取 `#! lab`
cli-wire = 启动时打开线路视图：每一步在回环上发出的报文段（需要 CAP_NET_RAW）。`--wire=ladder` 在每一步下面画成梯形图，`--wire=summary` 每个方向一行；课程自己的 `wire on` 保留这里选定的样式
cli-encoding = 发送键入文本、显示收到字节所用的文本编码：utf-8（默认）、gbk、gb18030、big5、shift_jis、euc-kr、windows-1251、koi8-r、latin1 …（课程的 `#! encoding:` 优先）
cli-max_memory = socklab 为本会话保留的内存上限——采样、实验室链路上扣留或延迟的帧、尚未显示的后台任务结果（例如 512M、2G）。默认：脚本和 shell 中 1G；课程（test、play）得到 256M，可以给得更少，不能更多
cli-max_jobs = 同时运行的后台任务和监视器的最大数量。默认：脚本和 shell 中 1024；课程得到 256，可以给得更少，不能更多
cli-lang = socklab 讲解所用的语言：en、ru 或 zh（简体中文）。默认取自 LC_ALL、LC_MESSAGES、LANG；名称、命令和 JSON 在各语言中都相同
cli-color = 颜色：auto（在终端上，且未设置 NO_COLOR 时）、always、never
cli-run-about = 在一个会话中运行由 socklab 命令行组成的脚本（FILE，或用 - 表示标准输入）
cli-run-file = 脚本：由 socklab 命令行组成的文件，或用 - 表示标准输入
cli-test-about = 在真实的内核上重放记录文件并比较输出（默认：transcripts/）。每份记录都作为一节课运行：独立的网络、不写文件、有上限——每节课最多占用 256 MiB，同时最多 256 个后台任务，总共最多运行 300 秒；用 -j N 同时运行 N 节课时，总用量最多是它的 N 倍
cli-test-paths = 记录文件、存放记录的目录，或按名称、编号指定的内置课程，与 play 的写法相同（41、half-close；同名文件优先）（默认：transcripts/，加 --lessons 时为 socklab 内置的课程）
cli-test-lessons = 运行 socklab 内置的课程库（可在任何目录下运行）
cli-test-bless = 就地改写未通过的命令的预期输出
cli-test-jobs = 同时运行多少个文件（默认：CPU 数量的两倍，至少 4 个）
cli-test-host_net = 在本机的网络中运行，而不是每节课各用一个私有网络（用于你自己针对真实服务器的测试集）
cli-test-max_time = 每节课最多运行多长时间（例如 60s；上限和默认值都是 300s）：届时仍在运行的步骤就地停止
cli-test-pace = 每一步之前暂停这么久（例如 5s），就像老师停下来讲解一样：内核的定时器在此期间照常运行
cli-record-about = 从标准输入运行命令，并把命令及其输出写成一份记录
cli-record-file = 要写入的记录（已存在则替换；绝不经由符号链接写入）
cli-play-about = 现场逐步播放一份记录：讲解、命令、回车、真实输出。它作为一节课运行：独立的网络、不写文件、有上限
cli-play-file = 课程：一个 .socklab 文件，或内置课程的名称或编号（half-close、03；socklab lessons 会列出它们）。同名文件优先
cli-play-auto = 经过这么长时间（例如 1.5s）后自动继续，而不是等待回车
cli-play-host_net = 在本机的网络中运行，而不是私有网络
cli-play-max_time = 课程所有步骤合计最多运行多长时间，暂停不计（例如 60s；上限和默认值都是 300s）：届时仍在运行的步骤就地停止
cli-play-predict = 先预测，再运行：每个发出调用的步骤之前，先问它会返回什么（课程自带的问题，即 `?>` 行，无论如何都会问）；答案与调用的实际结果对照评分，课程结束时给出得分。不能与 --auto 同用
cli-play-report = 把本次的问题加到给老师的报告中：FILE.csv（每个问题一行：步骤、答案、实际结果、对错、用时秒数）或 FILE.json（每次运行一个 JSON 对象，每行一个）。以追加方式写入，全班的记录汇集在同一个文件里
cli-translate-about = 把 Python 程序中的套接字调用翻译成 socklab 脚本：每个调用一行，每行标注它在程序中的行号；无法翻译的内容（循环、条件判断、input()、只有运行中的程序才知道的变量）输出到标准错误，并作为注释留在脚本中
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
cli-diagram-graph = 改为画时间-序号图（SVG）：针对承载数据最多的那个方向，按报文段的先后顺序画出序号，以及 ACK 线、重传和丢失，依据记录中的报文段行
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

# why 行：socklab 分辨出的原因（command::why）。

why-peer-crashed = 主机 { $host } 崩溃过（host { $host } crash），重启后没有任何 TCP 状态：它不认识这个连接，所以对这个套接字发来的报文段回了 RST
why-not-established = 连接还没有建立（SYN_SENT：三次握手尚未完成），而非阻塞的 send 不会等它——先 await H ESTABLISHED（或 poll H out），再 send
why-syn-retries = SYN 没有得到回应：内核一次又一次地重发，最后放弃了——等多久由 net.ipv4.tcp_syn_retries（或套接字上的 TCP_SYNCNT）决定
why-syn-user-timeout = 直到 TCP_USER_TIMEOUT（设在这个套接字上）或 tcp_syn_retries 先到期，SYN 都没有得到应答：内核放弃了这个连接
why-user-timeout = 这个套接字设置了 TCP_USER_TIMEOUT：它发出的内容（数据或保活探测）超过这个时间仍未被确认，于是内核放弃了这个连接
why-keepalive = SO_KEEPALIVE：连接空闲了，TCP_KEEPCNT 个保活探测（安静 TCP_KEEPIDLE 之后开始，间隔 TCP_KEEPINTVL）都没有应答——对端已经不在了
why-window-probes = 对端的窗口关闭了（0），询问窗口是否重新打开的探测连续 net.ipv4.tcp_retries2 次没有应答——对端已经不在了
why-data-retries = 发出的数据始终没有被确认：内核一次次超时重传，间隔越来越长，直到 net.ipv4.tcp_retries2（默认 15：约 15 分钟）用完，放弃了这个连接
why-listener-data = 这是一个监听套接字：它接受连接（accept），自己不传数据——每个连接的数据都走 accept 为它返回的那个套接字
why-listener-connect = 这是一个监听套接字：它接受连接，自己不能发起连接——客户端要用另一个套接字（socket，然后 connect）
why-rcvtimeo-ran-out = SO_RCVTIMEO 到期了：套接字是阻塞的，但它的等待在这段时间后被截断，而这段时间里什么也没来——这个超时就是以 EAGAIN 结束的（套接字并不是非阻塞的）
why-sndtimeo-ran-out = SO_SNDTIMEO 到期了：套接字是阻塞的，但它等待发送缓冲区腾出空间（对端没有在读）的时间在这段时间后被截断——这个超时就是以 EAGAIN 结束的（套接字并不是非阻塞的）
why-connect-sndtimeo = connect 等待三次握手时 SO_SNDTIMEO 到期了：套接字是阻塞的，但 connect 的等待在这段时间后被截断，而握手仍在继续——await H ESTABLISHED（或 poll H out），然后 getsockopt H SO_ERROR
why-port-listener = 有一个套接字在监听这个端口（见下）：SO_REUSEADDR 从不允许 bind 与监听套接字共用端口——关闭它，或者绑定别的端口
why-port-reuse-not-both = 这个套接字设置了 SO_REUSEADDR，但在 Linux 上，bind 只有在对方也设置了 SO_REUSEADDR 时，才能与一个连接（包括 TIME_WAIT 中的）或已绑定的套接字共用端口——被接受的连接继承其监听套接字的设置，所以服务器要在 bind 之前在监听套接字上设置它；现在请等下面的连接消失，或者绑定别的端口
why-port-set-it-here = 占用这个端口的套接字（见下）设置了 SO_REUSEADDR，也没有在监听，但这个套接字没有设置：在 bind 之前 setsockopt H SO_REUSEADDR 1，就能共用这个端口
why-port-set-it-both = 另一个套接字占用着这个端口（见下），而这个套接字没有 SO_REUSEADDR：在 bind 之前设置它（setsockopt H SO_REUSEADDR 1）——在 Linux 上，只有占用端口的套接字也设置了它，这样才够（被接受的连接继承其监听套接字的设置）
why-port-udp = 另一个 UDP 套接字已绑定到这个端口（在这个地址或通配地址上）：只有每个 UDP 套接字都在 bind 之前设置了 SO_REUSEADDR（或 SO_REUSEPORT），它们才能共用端口——关闭它，或者绑定别的端口

# 何时选用某个原因（help ERRNO 会列出）。

why-when-send-on-listener = 在监听套接字上 send
why-when-recv-on-listener = 在监听套接字上 recv
why-when-connect-on-listener = 在监听套接字上 connect
why-when-rcvtimeo = SO_RCVTIMEO 到期
why-when-sndtimeo = SO_SNDTIMEO 到期
why-when-listener-holds-it = 监听套接字占着端口
why-when-reuse-here-only = 只有这边有 SO_REUSEADDR
why-when-reuse-there-only = 只有那边有 SO_REUSEADDR
why-when-no-reuse-here = 这边没有 SO_REUSEADDR
why-when-udp = UDP
why-when-peer-host-crashed = 对端的实验室主机崩溃了
why-when-send-in-syn-sent = 在 SYN_SENT 中 send
why-when-syn-retries = SYN 重传
why-when-syn-user-timeout = SYN，用户超时
why-when-data-retries = 数据重传
why-when-keepalive = 保活
why-when-user-timeout = 用户超时
why-when-window-probes = 窗口探测

# 一步在调用周围显示的内容（render::text、render::ladder）。

render-why = 原因:
render-note = 注:
render-error = 错误:
render-data = 数据:
render-state = 状态
render-no-fd = { $handle }（无 fd）
render-gone = 已消失
render-new-handle = 新句柄
render-new-handles = 新句柄
render-addr-bound = 已绑定
render-addr-local = 本端地址
render-addr-peer = 对端地址
render-addr-from = 来自
render-addr-listening-on = 监听于
render-more-bytes = …（还有 { $count } 字节）
render-timed-out = 超时：过了 { $after } 仍然阻塞，所以 socklab 中断了它
render-out-of-time = 时间到了：这一课最多运行 { $limit }，这段时间在这一步用完了，所以 socklab 停止了它
render-not-reached = { $verb } 失败:
render-between-steps = 两步之间:
render-between-steps-before-call = 两步之间，在这次调用之前:
render-and = { $first } 和 { $last }

# errno 名称后的含义：`= -1 ECONNREFUSED (连接被拒绝)`。

errno-EACCES = 权限不够
errno-EADDRINUSE = 地址已在使用
errno-EADDRNOTAVAIL = 无法分配请求的地址
errno-EAFNOSUPPORT = 协议不支持该地址族
errno-EAGAIN = 资源暂时不可用，请重试
errno-EALREADY = 操作已在进行中
errno-EBADF = 错误的文件描述符
errno-ECONNABORTED = 软件导致连接中止
errno-ECONNREFUSED = 连接被拒绝
errno-ECONNRESET = 连接被对端重置
errno-EDESTADDRREQ = 需要目标地址
errno-EEXIST = 文件已存在
errno-EFAULT = 错误的地址
errno-EHOSTDOWN = 主机已关闭
errno-EHOSTUNREACH = 没有到主机的路由
errno-EINPROGRESS = 操作正在进行中
errno-EINTR = 系统调用被中断
errno-EINVAL = 无效的参数
errno-EISCONN = 传输端点已经连接
errno-ELOOP = 符号链接层数过多
errno-EMFILE = 打开的文件过多
errno-EMSGSIZE = 消息过长
errno-ENAMETOOLONG = 文件名过长
errno-ENETDOWN = 网络已关闭
errno-ENETRESET = 网络因重置而断开连接
errno-ENETUNREACH = 网络不可达
errno-ENFILE = 文件表溢出
errno-ENOBUFS = 没有可用的缓冲区空间
errno-ENODEV = 没有那个设备
errno-ENOENT = 没有那个文件或目录
errno-ENOMEM = 内存不足
errno-ENOPROTOOPT = 协议不可用
errno-ENOSPC = 设备上没有空间
errno-ENOSYS = 功能未实现
errno-ENOTCONN = 传输端点尚未连接
errno-ENOTDIR = 不是目录
errno-ENOTSOCK = 对非套接字进行套接字操作
errno-ENXIO = 没有那个设备或地址
errno-EOPNOTSUPP = 传输端点不支持该操作
errno-EOVERFLOW = 值对于该数据类型过大
errno-EPERM = 不允许的操作
errno-EPFNOSUPPORT = 不支持的协议族
errno-EPIPE = 管道已断开
errno-EPROTO = 协议错误
errno-EPROTONOSUPPORT = 不支持的协议
errno-EPROTOTYPE = 套接字的协议类型错误
errno-EROFS = 只读文件系统
errno-ESHUTDOWN = 传输端点已关闭，无法发送
errno-ESOCKTNOSUPPORT = 不支持的套接字类型
errno-ETIMEDOUT = 连接超时

# 一步的输出行（step::Line、render::words）。

line-current = 当前句柄: { $handle }
line-job-started = [{ $id }] { $what }——在后台运行（jobs 会列出它，wait { $id } 会等它结束）
line-watch-started = [{ $id }] 正在监视 { $handle }：在单独的线程里循环执行 { $call }（unwatch { $handle } 停止）
line-watch-stopped = [{ $id }] 已停止监视 { $handle }（它的 recv 被中断：EINTR）
line-job-stopped-by-close = 已停止任务 [{ $id }]，它正在使用 { $handle }
line-job = [{ $id }] { $what }——{ $doing }
line-job-received = [{ $id }] { $what }——{ $doing }，目前已收到 { $bytes } 字节
line-job-finished = 已结束
line-job-blocked = 阻塞在调用中
line-job-running = 运行中
line-no-jobs = 没有后台任务
line-nothing-to-wait = 没有可等待的后台调用
line-program-started = { $name } 已启动：{ $what }（pid { $pid }；它的输出以 { $name }│ 标出，kill { $name } 可停止它）
line-program-exited = { $name } 已退出，退出码 { $code }
line-program-killed = { $name } 被 { $signal } 杀死
line-program-signalled = 已向 { $name }（它的进程组）发送 { $signal }
line-program = { $name }: { $what }——运行中，pid { $pid }
line-lesson-ended = 课程 { $lesson } 已结束
line-lesson-failed = 课程 { $lesson } 已结束；其中有些步骤失败了
line-lesson-interrupted = 课程 { $lesson } 已停止（Ctrl-C）
line-lesson-refused = 课程 { $lesson } 无法播放（原因见上）
line-lesson-not-started = 课程 { $lesson } 无法播放：{ $why }
line-lesson-back = { $ended }——回到了本会话：句柄都和原来一样（课程有自己的套接字、进程和网络）
line-reached = { $handle } 已是 { $what }
line-reached-state = { $handle } 已处于 { $state }
line-reached-state-lives-on = { $handle } 已处于 { $state }；它的连接以 { $connection } 继续存在（由内核持有，无 fd）
line-reached-connection-socket = { $handle } 的连接处于 { $state }（由内核持有，无 fd）；套接字本身处于 { $socket }
line-reached-connection = { $handle } 的连接处于 { $state }（由内核持有，无 fd）
line-link-crossed = 一个报文段到达了链路
line-segment-sent = 一个报文段上了线路
line-link-holding = link: { $dirs } 的每个报文段都被扣住，直到你投递或丢弃它
line-link-passing = link: { $dirs } 的报文段随到随过
line-link-props = link { $dir }: { $props }
line-link-cleared = link { $dirs }: 没有属性（none）
line-link-seeded = link: 每一次随机选择（丢失、重复、损坏、乱序、抖动）现在都由种子 { $seed } 决定
line-link-modes = link: a->b { $ab }，b->a { $ba }（a 是 { $a }，b 是 { $b }）
line-link-direction = { $dir }: { $props }——通过 { $passed } 个（{ $bytes } 字节）
line-link-lost = 丢失 { $count } 个
line-link-queue-drops = 因队列满丢弃 { $count } 个
line-link-hand-drops = 手动丢弃 { $count } 个
line-link-duplicated = 重复 { $count } 个
line-link-corrupted = 损坏 { $count } 个
line-link-reordered = 乱序 { $count } 个
line-link-budget-drops = 因内存预算用满丢弃 { $count } 个
line-link-queue = 队列 { $depth }/{ $queue }
line-link-seed = 种子 { $seed }
line-unrecorded = 未显示：中继的环形缓冲区满的时候，内核放行了 { $passed } 帧、丢弃了 { $dropped } 帧（socklab 有一阵没能分到 CPU）
line-unlogged = 未显示：会话的内存预算（{ $budget }）用满期间的 { $frames } 帧
line-nothing-held = 没有扣住任何报文段
line-no-handles = 没有句柄——用这条命令创建一个：socket tcp
line-settle-timeouts = 有 { $count } 步为等待自己引起的结果等到了上限（2 秒）：机器让内核拿不到实验室的帧，所以它们的输出可能晚一步
line-next-either-way = 任一方向
line-next-drop = 下一个 { $which } 的报文段将被丢弃
line-next-dup = 下一个 { $which } 的报文段将被投递两次
line-next-corrupt = 下一个 { $which } 的报文段将被损坏（翻转一位，校验和不变）
line-delivered = 已投递
line-delivered-numbers = 已投递 { $numbers }
line-dropped = 已丢弃
line-dropped-numbers = 已丢弃 { $numbers }
line-job-done = [{ $id }] 完成
line-watch-stopped-full = [{ $id }] 已停止监视 { $handle }：{ $full }，而结果还没显示——后面的数据会留在套接字里等着（结果显示之后再 watch { $handle }）
line-data-kept = 已保存为 ${ $name }（{ $bytes } 字节；在 send 的数据里写 ${ $name } 就会发送它们）
line-data-names = 数据名: { $names }
line-data-name = ${ $name }（{ $bytes } 字节）
line-data-not-kept = 未保存 ${ $name }：{ $why }
line-recvall-eof = 收到 { $wanted } 字节中的 { $received } 字节后遇到 EOF：对端在整条消息到达之前就关闭了（即教程里的 "socket connection broken"）
line-ioctl-value = 值: { $bytes } 字节
line-option-value = 值: { $value }
line-encoding = 编码: { $encoding }
line-encoding-chosen = 编码: { $encoding }（输入的文本用它发送，收到的字节用它显示）
line-default-host = 新套接字在主机 { $host }（{ $address }）上创建
line-rows-not-shown = … 有 { $skipped } 行未显示（表格只显示前 { $head } 行和后 { $tail } 行；save FILE.csv 会保存全部）
line-sampling-interrupted = 采样 { $count } 次后被中断
line-host-delayed-ack = 主机 { $host } 像普通主机一样延迟 ACK：ACK 会等一会儿（最多 40 毫秒甚至更久），好和数据一起发出；每隔一个满长度的报文段立即确认一次
line-host-quickack = 主机 { $host } 对每个报文段立即确认（它的路由设了 quickack），除非另有指定，实验室的主机都是这样
line-host-down = 主机 { $host } 已断开：网线被拔了——它发出的东西无处可去，也没有东西能到达它；它的内核并不知道
line-host-up = 主机 { $host } 已恢复：网线插回去了
line-host-crashed = 主机 { $host } 崩溃后重启，没有套接字，也没有 TCP 状态：丢失了 { $lost }（以及它的内核持有的 { $forgotten } 个连接），线路上一个字也没有；之后发给它的迟到报文段会引来 RST
line-host-crashed-nothing = 主机 { $host } 崩溃后重启，没有套接字，也没有 TCP 状态：没有丢失套接字（它的内核持有的 { $forgotten } 个连接也没了），线路上一个字也没有；之后发给它的迟到报文段会引来 RST
line-eof-peer = EOF：对端关闭了它的发送方向（或关闭了套接字）
line-eof-shut-read = EOF：本端已关闭读取
line-eof-datagram-shut-read = EOF：接收已关闭（shutdown read）
line-drained = { $received } 字节，{ $calls } 次调用（最大一次 { $largest }），{ $seconds } 秒
line-drained-eof = { $received } 字节，{ $calls } 次调用（最大一次 { $largest }），然后 EOF，{ $seconds } 秒
line-drained-rate = { $received } 字节，{ $calls } 次调用（最大一次 { $largest }），{ $seconds } 秒，{ $rate } Mbit/s
line-drained-eof-rate = { $received } 字节，{ $calls } 次调用（最大一次 { $largest }），然后 EOF，{ $seconds } 秒，{ $rate } Mbit/s
line-wire-on = 线路视图已打开：每一步都显示它引起的报文段
line-wire-ladder = 线路视图为梯形图：每一步都在连接两端之间画出它的报文段，时间在左边（wire on：恢复每个报文段一行）
line-wire-summary = 线路视图为摘要：每一步按方向显示多少报文段和字节、序号范围、多少次重传（wire on：恢复显示每个报文段；wire save：保存每一帧）
line-wire-pinned = 线路视图已打开，按命令行的 --wire={ $look } 设置
line-wire-off = 线路视图已关闭
line-wire-was-not-on = 线路视图本来就没有打开
line-saved-frames = 已将 { $count } 帧保存到 { $path }
line-saved-frames-let-go = （丢掉了 { $dropped } 个较早的帧：抓包只保留最后 { $mib } MiB）
line-saved-session = 已将会话保存为 { $segments } 个报文段的梯形图：{ $path }
line-saved-program = 已将会话的 { $lines } 行保存为 { $language } 程序：{ $path }（运行：{ $run }）
line-saved-program-cut = （会话比 export 能保留的长：程序只有前 { $kept } 行）
line-saved-steps-let-go = （丢掉了最早的 { $dropped } 步：图只保留最后 { $kept } 步）
line-saved-graph = 已将 { $from } → { $to } 的时间-序号图保存到 { $path }：{ $data } 个数据报文段，{ $again } 个重发，{ $lost } 个在链路上丢失
line-saved-samples = 已将 { $count } 次采样保存到 { $path }
line-saved-samples-plot = 已将 { $count } 次采样保存到 { $path }（{ $fields } 的曲线图）
line-recording-started = 正在录制到 { $path }（record off 停止）
line-recorded = 已录制 { $path }
line-held-sent = （发送了 { $count } 次：{ $times }）
line-held-delivered = （已投递；又重发了 { $count } 次：{ $times }）

# 一步的注释（step::Note、render::words）。

note-inflated-rtt = 报文段被手动扣住时，TCP 测得的往返时间是 { $rtt }：它的 RTO 现在是 { $rto }（链路本身的往返时间：{ $link }），所以丢失的报文段要这么晚才会被超时重传
note-privileged-bind = 之所以允许，是因为 socklab 带着 CAP_NET_BIND_SERVICE 运行（以 root 身份，或是它所在命名空间的 root）；普通用户绑定 net.ipv4.ip_unprivileged_port_start = { $start } 以下的端口会得到 EACCES
note-readable-when-closed = { $handle } 既没有监听也没有连接：poll 立即为它报告 POLLHUP，这会唤醒读者——可是并没有东西可读（recv 给出 ENOTCONN）。“可读”对监听套接字来说是有连接可以 accept，对已连接的套接字来说是有数据或 EOF
note-competing-watcher = 监视器 [{ $job }] 也在读 { $handle }：两者争抢数据，一方拿走的，另一方永远看不到（unwatch { $handle } 后就只在这里读）
note-sampling-stopped = 采样 { $count } 次后停止：{ $full }——请降低采样频率，或缩短采样时间
note-private-network = 本会话运行在一个私有网络里（--sandbox）：那里只有 socklab 自己的套接字，所以无法访问外面的程序——要和它们通信，请不带 --sandbox 运行 socklab
note-timeout-ran-out = { $handle } 上的 { $option } 是 { $timeout }（内核按时钟节拍计算，向上取整）：调用就等了这么久
note-use-accepted-none = { $listener } 在监听，但还没有从它接受任何连接：先 conn = accept { $listener }，再在 conn 上 send 和 recv
note-use-accepted-one = { $listener } 在监听；数据要走接受得到的套接字：{ $accepted }
note-use-accepted-many = { $listener } 在监听；数据要走接受得到的套接字：{ $accepted }
note-port-picked = 之前的 bind 失败了（{ $asked } 上的 { $errno }），所以套接字没有端口，内核自己挑了一个：{ $got }——连接端口 { $port } 的客户端到不了这里（它们会得到 ECONNREFUSED，或者连到在那里监听的别的程序）；关闭这个套接字，等端口空出来后绑定一个新的，再 listen
note-more-port-holders = 该端口上还有 { $count } 个套接字（ss -tuan 会全部列出）
note-holder = { $handle } 占用着这个端口：{ $holding }
note-holder-closed = { $handle } 的连接占用着这个端口（已关闭，由内核保留）：{ $holding }
note-holder-outside = 本会话之外的一个套接字占用着这个端口：{ $holding }
note-holding-listening = 监听于 { $local }
note-holding-bound = 绑定到 { $local }，没有监听
note-holding-connection = { $local } ↔ { $peer }，处于 { $state }
note-holding-connection-alone = { $local }，处于 { $state }
note-holding-udp-connected = 绑定到 { $local }，连接到 { $peer }
note-holding-udp = 绑定到 { $local }
note-holding-for = { $holding }，还要 { $seconds } 秒
note-holding-reuse = { $holding }，设置了 SO_REUSEADDR
note-holding-no-reuse = { $holding }，没有设置 SO_REUSEADDR
note-holding-reuse-lacked = { $holding }，而它的套接字没有 SO_REUSEADDR（这个有：在 Linux 上两者都必须有）
note-reset-unread = 有 { $bytes } 字节收到后从未被读取：关闭时发送 RST 而不是 FIN（数据被丢弃，对端的下一次调用会得到 ECONNRESET）
note-reset-linger-zero = SO_LINGER 已打开且超时为 0：关闭时发送 RST 而不是 FIN（异常关闭：这边没有 TIME_WAIT，那边得到 ECONNRESET）
note-lab-peer-down = 主机 { $host } 已断开（网线被拔了）：什么都没到达它，也什么都没回来
note-lab-own-down = 主机 { $host }（这个套接字自己的主机）已断开（网线被拔了）：它发出的东西都没离开它
note-lab-link-holding = 链路正在扣住报文段（link hold）：它们在那里等着被投递，而内核先放弃了
note-unrecorded-handles = { $names } 是在录制之前创建的：回放开始时没有{ $count ->
   *[other] 它们
}——课程是从会话开始时录制的
note-unrecorded-host = 现在套接字在主机 { $host } 上创建，回放时则在主机 a 上，直到遇到 `host { $host }`：再输入一次这条命令，把它录进去
note-unrecorded-link-holds = 现在链路扣住报文段，回放时要到 `link hold …` 之后才会：再输入一次这条命令，把它录进去

# 收到的数据能用另一种编码读出时的提示。

hint-other-reading = 按 { $reading } 读：“{ $text }”——encoding { $encoding }

## ---- end of section words ----


## ---- section help: help pages: commands, errnos, states, options, Python names, topics ----


# `help VERB`、`help ERRNO`、`help python`、`help options` 和命令列表的
# 框架文字 (src/command/help.rs)。
help-usage = 用法：{ $usage }
help-call = 调用：{ $call }
help-background = 在行末加上 &，命令就在工作线程中运行，提示符立刻返回；调用结束时会显示它的结果，并标上 [JOB]（见 jobs、wait）。
help-errnos-you-may-meet = 可能遇到的错误：
help-in-python = 在 Python 中：socket.{ $method }() — { $note }
help-state-in-capitals = 大写的 { $state } 是 TCP 状态：help { $state }
help-python-heading = Python 的套接字方法在 socklab 中对应什么（异常见 docs/python.md）：
help-python-no-line = （无：help NAME 会说明原因）
help-python-translate = 整个程序：socklab translate PROG.py [ARGS] 把其中的套接字调用写成 socklab 脚本。
help-options-heading = 选项（C 名称、简称、层级、作用）：
help-read-only = （只读）
help-errno-heading = { $errno }（{ $meaning }）：errno { $number }
help-errno-not-met = socklab 的命令通常不会遇到它。
help-errno-where = 在哪里会遇到：
help-errno-why-variants = why: 行会根据套接字本身（它的选项、TCP_INFO）和实验室的情况，说明是哪一种：
help-group-heading = { $title }：
help-overview-handles = H 是句柄名（默认：当前句柄）。阻塞调用后面加 & 就在后台运行：accept srv &。
help-overview-more = 更多说明：`help VERB`、`help ERRNO`（或 Windows 的 `help 10054`）、`help TIME_WAIT`（TCP 状态）、`help SO_REUSEADDR`（选项）、`help options`、`help keepalive`。
help-overview-lessons = 课程：`lessons` 列出全部课程（三次握手、回显服务器、半关闭、UDP 聊天、GBK、实验室……）；`play 01` 就在这里播放一课，每按一次 Enter 走一步，在它自己的网络里进行——结束后回到当前会话。
help-no-such-topic = 没有关于 '{ $topic }' 的帮助（可以试试命令名、errno（ECONNREFUSED、111）、Windows 错误（10061、WSAECONNREFUSED）、TCP 状态（TIME_WAIT）、选项（SO_REUSEADDR）、Python 名称（setblocking、ConnectionRefusedError）、keepalive、python 或 options）
help-no-such-topic-near = 没有关于 '{ $topic }' 的帮助——你是不是想找 '{ $near }'？（可以试试命令名、errno（ECONNREFUSED、111）、Windows 错误（10061、WSAECONNREFUSED）、TCP 状态（TIME_WAIT）、选项（SO_REUSEADDR）、Python 名称（setblocking、ConnectionRefusedError）、keepalive、python 或 options）

# 命令表 (src/command/*.rs)：每条命令做什么、还需要知道什么，
# 以及调用后每个 errno 的含义。

# 命令列表的分组
cmd-group-socket = 套接字与连接
cmd-group-data = 发送与接收
cmd-group-options = 选项与模式
cmd-group-inspect = 查看
cmd-group-background = 后台（工作线程）
cmd-group-lab = 网络实验室（socklab --lab）：两台主机和它们之间的链路
cmd-group-session = 会话（没有自己的系统调用）

# socket
cmd-socket-summary = 创建一个套接字；它成为一个新句柄（默认类型：tcp，与 Python 的 socket.socket() 相同）。
cmd-socket-notes = tcp 和 udp 是 AF_INET；tcp6 和 udp6 是 AF_INET6；unix、unix-dgram 和 unix-seqpacket 是 AF_UNIX。新句柄名为 NAME，或 s1、s2、……，并成为当前句柄。也可以用 Python 的常量：`socket AF_INET SOCK_DGRAM`（也可写 socket.AF_INET）。
cmd-socket-errno-EMFILE = 本进程打开的文件太多
cmd-socket-errno-EAFNOSUPPORT = 内核不支持这个地址族（IPv6 被禁用了？）

# socketpair
cmd-socketpair-summary = 创建两个已经彼此连接的 AF_UNIX 套接字。
cmd-socketpair-notes = 每一端是一个句柄；一端发送的，另一端就能收到。只有 AF_UNIX 支持 socketpair。
cmd-socketpair-errno-EOPNOTSUPP = socketpair 不支持这种类型

# bind
cmd-bind-summary = 给套接字一个本地地址；端口 0 让内核来选，结果会显示它选的端口。
cmd-bind-notes = ADDR 可以是 IP:PORT、[IPv6]:PORT、:PORT（任意地址）、HOST:PORT、/path 或 @name（AF_UNIX），或另一个句柄的名字（即它的地址：`bind b a` 会遇到 EADDRINUSE）。只有一个参数时，句柄名就是地址。Python 的两段式写法也可以：`bind 127.0.0.1 8888`，以及表示任意地址的 `bind "" 8899`（即教程中的 `bind(("", 8899))`）。
cmd-bind-errno-EADDRINUSE = 另一个套接字占用了这个地址：一个监听套接字，或者——除非双方都设置了 SO_REUSEADDR——一个已绑定的套接字或一个连接（包括 TIME_WAIT 中的）；AF_UNIX：该路径上已有文件（close 不会删除它），或已有同一 @name 的套接字
cmd-bind-errno-EACCES = 1024 以下的端口需要特权（root 或 CAP_NET_BIND_SERVICE）
cmd-bind-errno-EADDRNOTAVAIL = 本机没有任何接口拥有这个 IP 地址
cmd-bind-errno-EINVAL = 套接字已经绑定过了（或地址族不对）

# listen
cmd-listen-summary = 让 TCP 或 AF_UNIX 流套接字开始监听、接受连接（默认 backlog 为 128）。
cmd-listen-notes = backlog 限制的是已完成三次握手、但还没被 accept 取走的连接队列；Linux 实际容纳 BACKLOG+1 个。未绑定的套接字会先被绑定到一个空闲端口。
cmd-listen-errno-EADDRINUSE = 已有另一个套接字在这个端口上监听
cmd-listen-errno-EOPNOTSUPP = 这种类型的套接字不能监听（UDP、数据报）
cmd-listen-errno-EINVAL = 套接字已经连接

# accept
cmd-accept-summary = 从监听套接字的队列中取出下一个已完成三次握手的连接；它成为一个新句柄，并带有对端的地址。
cmd-accept-notes = 队列为空时会阻塞（Ctrl-C 可以打断；脚本中由 --timeout 限定时间）。即使监听套接字是非阻塞的，新句柄也是阻塞的——Linux 就是这样。
cmd-accept-errno-EAGAIN = 监听套接字是非阻塞的，而没有等待中的连接
cmd-accept-errno-EINVAL = 套接字没有在监听——先调用 listen
cmd-accept-errno-EINTR = 等待被信号打断：Ctrl-C、socklab 的超时，或 socklab 停止了这个任务
cmd-accept-errno-ECONNABORTED = 队列中的一个连接在被 accept 之前就被重置了

# connect
cmd-connect-summary = 连接到 ADDR：对 TCP 是三次握手；对 UDP 则是确定默认的对端。
cmd-connect-notes = ADDR 可以是句柄名：取它的本地地址（0.0.0.0 变为 127.0.0.1；在实验室中是它所在主机的地址，192.0.2.1 或 .2）。只有一个参数时，句柄名就是地址：`connect srv` 把当前句柄连接到 srv。非阻塞的 TCP connect 返回 EINPROGRESS；用 poll 等待 POLLOUT，再读取 SO_ERROR。
cmd-connect-errno-ECONNREFUSED = 那里没有人监听：对端用 RST 回应了 SYN（UDP：收到 ICMP 端口不可达）
cmd-connect-errno-EINPROGRESS = 非阻塞：三次握手已经开始；用 poll 等待 POLLOUT，然后 getsockopt SO_ERROR
cmd-connect-errno-EALREADY = 一个非阻塞的 connect 仍在进行中
cmd-connect-errno-EISCONN = 套接字已经连接
cmd-connect-errno-ETIMEDOUT = SYN 没有得到回应：内核一次又一次地重发，最后放弃了——等多久由 net.ipv4.tcp_syn_retries（或套接字上的 TCP_SYNCNT）决定
cmd-connect-errno-ENOENT = AF_UNIX：该路径上没有套接字文件
cmd-connect-errno-EINTR = 等待被信号打断；三次握手在后台继续进行

# shutdown
cmd-shutdown-summary = 关闭连接的一个方向：`write` 发送 FIN（半关闭），读取照常进行。
cmd-shutdown-notes = `shutdown write` 之后，对端读完之前到达的数据后会读到 EOF（recv = 0），并且仍可以继续发送：这一端仍能接收。此后在这一端 send 会以 EPIPE 失败。`shutdown read` 在 Linux 上不会往线路上发送任何东西，对端也不会得知：队列为空时 recv 返回 0，但之后到达的数据仍会被接收、排队，并由 recv 返回（第 20 课）。
cmd-shutdown-errno-ENOTCONN = 套接字没有连接
cmd-shutdown-errno-EINVAL = 不是有效的方向

# close
cmd-close-summary = 关闭套接字；句柄从表中移除。TCP 连接会发送 FIN（或 RST）。
cmd-close-notes = fd 没有了之后，内核可能仍保留着连接：在 FIN_WAIT1/2 中等对端的 FIN，然后在 TIME_WAIT 中停留 60 s；socklab 把它显示为 `H (no fd)` 直到结束——即使名字 H 已被新句柄使用，也仍用原来的名字——并在每次状态变化发生时显示出来（它查看内核的套接字表：sock_diag，否则 /proc/net/tcp）。若还有未读的已接收数据，或设置了 SO_LINGER 0，close 会发送 RST 而不是 FIN。正在使用该句柄的后台任务或监视器会先被停止（它的调用返回 EINTR）：在 Linux 上，单靠 close(2) 不会唤醒阻塞在这个 fd 上的线程。
cmd-close-errno-EBADF = 这个 fd 没有打开

# send
cmd-send-summary = 发送一次 DATA；返回值表示内核收下了多少字节，可能比给出的少。
cmd-send-notes = DATA 可以是一个词、带 C 转义的 "带引号文本"（\n \r \t \0 \\ \" \xNN），或十六进制的 x"48 69"；"ab"*1000 表示重复。与句柄同名的数据要加引号。$NAME 是某次接收以 NAME 保存下来的字节（`data = recv conn 1024`，然后 `send conn $data` 原样发回）；多段用 ` + ` 连接：`send conn "got: " + $data`。加了引号的 "$data" 只是文字本身。
cmd-send-errno-EPIPE = 这一端不能发送：它从未连接（Linux 在这里给 TCP 套接字的是 EPIPE，而不是 ENOTCONN）、它做过 `shutdown write`，或者对端重置了连接（socklab 忽略 SIGPIPE，所以你看到的是 EPIPE）
cmd-send-errno-ECONNRESET = 对端用 RST 回应：它在还有未读数据时关闭了，或设置了 SO_LINGER 0，或它已不认识这个连接（它的主机重启过）
cmd-send-errno-ETIMEDOUT = 内核放弃了这个连接：发出的数据一直得不到确认（net.ipv4.tcp_retries2）、保活探测没有回应，或 TCP_USER_TIMEOUT 到期——help ETIMEDOUT 说明如何区分
cmd-send-errno-EAGAIN = 非阻塞（或 MSG_DONTWAIT），而发送缓冲区已满：对端没有在读
cmd-send-errno-ENOTCONN = 一个未连接的 AF_UNIX 流套接字（TCP 套接字在这里得到的是 EPIPE）
cmd-send-errno-EDESTADDRREQ = 数据报套接字没有对端：请用 sendto
cmd-send-errno-ECONNREFUSED = 已连接的 UDP：之前的一个数据报引来了 ICMP 端口不可达（那里没有人监听）
cmd-send-errno-EMSGSIZE = 数据报超过了套接字允许的大小

# sendall
cmd-sendall-summary = 反复调用 send，直到 DATA 全部发出，就像 Python 的 sendall；会显示用了几次调用。
cmd-sendall-notes = 每次 send 内核可能只收下一部分（对端的窗口或本套接字的缓冲区满了）；循环会把剩下的发出去。在非阻塞套接字上，遇到第一个 EAGAIN 就停止。DATA 的写法与 send 相同：`sendall conn $data` 把 `data = recv conn 1024` 保存的内容原样发回。
cmd-sendall-errno-EPIPE = 这一端不能发送：它从未连接（Linux 在这里给 TCP 套接字的是 EPIPE，而不是 ENOTCONN）、它做过 `shutdown write`，或者对端重置了连接（socklab 忽略 SIGPIPE，所以你看到的是 EPIPE）
cmd-sendall-errno-ECONNRESET = 对端用 RST 回应：它在还有未读数据时关闭了，或设置了 SO_LINGER 0，或它已不认识这个连接（它的主机重启过）
cmd-sendall-errno-ETIMEDOUT = 内核放弃了这个连接：发出的数据一直得不到确认（net.ipv4.tcp_retries2）、保活探测没有回应，或 TCP_USER_TIMEOUT 到期——help ETIMEDOUT 说明如何区分
cmd-sendall-errno-EAGAIN = 非阻塞（或 MSG_DONTWAIT），而发送缓冲区已满：对端没有在读
cmd-sendall-errno-ENOTCONN = 一个未连接的 AF_UNIX 流套接字（TCP 套接字在这里得到的是 EPIPE）
cmd-sendall-errno-EDESTADDRREQ = 数据报套接字没有对端：请用 sendto
cmd-sendall-errno-ECONNREFUSED = 已连接的 UDP：之前的一个数据报引来了 ICMP 端口不可达（那里没有人监听）
cmd-sendall-errno-EMSGSIZE = 数据报超过了套接字允许的大小

# sendto
cmd-sendto-summary = 向 ADDR 发送一个数据报（UDP、unix-dgram）；不需要连接。
cmd-sendto-notes = ADDR 可以是句柄名：`sendto u2 u1 hi` 从 u2 发往 u1 的地址（未指定的 0.0.0.0 变为 127.0.0.1；在实验室中是 u1 所在主机的地址）。与 bind 和 connect 一样，也接受 Python 的两段式地址：`sendto u 127.0.0.1 8888 hi`。
cmd-sendto-errno-ECONNREFUSED = 之前的一个数据报引来了 ICMP 端口不可达（已连接的 UDP）
cmd-sendto-errno-EMSGSIZE = 数据报超过了套接字允许的大小
cmd-sendto-errno-EISCONN = 给已连接的 AF_UNIX 流套接字指定了地址（已连接的 TCP 套接字会忽略它）
cmd-sendto-errno-EAGAIN = 非阻塞，且没有空间：发送缓冲区或 unix 数据报接收方的队列已满
cmd-sendto-errno-EACCES = 没有 SO_BROADCAST 却向广播地址发送

# recv
cmd-recv-summary = 接收一次，最多 N 字节（默认 1024）：返回 0 到 N 之间的任意字节数。0 表示对端关闭了它的发送方向（EOF）。
cmd-recv-notes = TCP 没有消息边界：一次 recv 可能只返回一次 send 的一部分，也可能把几次 send 的数据一起返回。`peek` 把数据留在队列里；`waitall` 等待全部 N 字节（除非遇到 EOF 或信号）；对数据报用 `trunc` 会返回它的真实长度。N 最大 16 MiB。`data = recv H N` 把返回的字节保存为 `$data`，之后的 DATA 可以原样发回（`sendall H $data`）。
cmd-recv-errno-EAGAIN = 暂时没有可读的数据：套接字是非阻塞的（或 MSG_DONTWAIT），或 SO_RCVTIMEO 到期
cmd-recv-errno-ECONNRESET = 对端重置了连接（RST）：它在还有未读数据时关闭了，或设置了 SO_LINGER 0，或它已不认识这个连接（它的主机重启过）
cmd-recv-errno-ENOTCONN = 一个未连接的 TCP 套接字
cmd-recv-errno-ETIMEDOUT = 内核放弃了这个连接：发出的数据一直得不到确认（net.ipv4.tcp_retries2）、保活探测没有回应，或 TCP_USER_TIMEOUT 到期——help ETIMEDOUT 说明如何区分
cmd-recv-errno-EINTR = 等待被信号打断：Ctrl-C、socklab 的超时，或 socklab 停止了这个任务

# recvfrom
cmd-recvfrom-summary = 接收一个数据报（最多 N 字节，默认 1024）以及它的来源地址。
cmd-recvfrom-notes = 比 N 长的数据报会被截成 N 字节，其余部分丢失；用 `trunc` 时返回值是它的真实长度。边界会被保留：一次 recvfrom，一个数据报。`data = recvfrom H N` 把数据报的字节保存为 `$data`（`sendto H ADDR $data` 把它发回去）。
cmd-recvfrom-errno-EAGAIN = 非阻塞（或 MSG_DONTWAIT），而没有等待中的数据报
cmd-recvfrom-errno-ECONNREFUSED = 已连接的 UDP：之前的一个数据报引来了 ICMP 端口不可达
cmd-recvfrom-errno-EINTR = 等待被信号打断：Ctrl-C、socklab 的超时，或 socklab 停止了这个任务

# recvall
cmd-recvall-summary = 反复调用 recv，直到正好收到 N 字节，或对端关闭：即教程中读取已知长度消息的循环；会显示用了几次调用、每次返回了什么。
cmd-recvall-notes = 一次 recv 返回 1 到所请求字节数之间的任意数量，所以知道消息长度的读取方要循环读取。在收满 N 字节之前遇到 EOF（recv 返回 0）就是教程里的 "socket connection broken"：recvall 停止，并说明收到了多少字节。在非阻塞套接字上，遇到第一个 EAGAIN 就停止。N 最大 16 MiB。`data = recvall H N` 把字节保存为 `$data`，与 recv 相同。
cmd-recvall-errno-EAGAIN = 非阻塞，而目前能收到的字节已经全部收到
cmd-recvall-errno-ECONNRESET = 在 N 字节全部到达之前，对端重置了连接（RST）
cmd-recvall-errno-ENOTCONN = 一个未连接的 TCP 套接字

# drain
cmd-drain-summary = 反复调用 recv 直到 EOF（对端关闭或关闭了写方向）：报告用多少次调用收到了多少字节、花了多长时间，而不显示字节本身——这是接收大批量传输的方式。
cmd-drain-notes = 每次调用最多请求 256 KiB。在非阻塞套接字上，遇到第一个 EAGAIN 就停止；出错（ECONNRESET、超时）也会结束，并说明出错前收到了多少。
cmd-drain-errno-EAGAIN = 非阻塞，而目前能收到的字节已经全部收到
cmd-drain-errno-ECONNRESET = 对端在关闭之前重置了连接（RST）
cmd-drain-errno-ENOTCONN = 一个未连接的 TCP 套接字

# setsockopt
cmd-setsockopt-summary = 设置套接字选项：布尔值用 on/off/1/0，大小用数字，时间用时长（TCP_USER_TIMEOUT 3s、TCP_KEEPIDLE 5s、SO_RCVTIMEO 1.5s）或以内核单位表示的纯数字。
cmd-setsockopt-notes = 选项：表中的那些（help options；help SO_REUSEADDR 说明某个选项的作用以及哪一课演示它），可用 C 名称或简称（reuseaddr、rcvbuf、……）。时长会换算成内核的单位，调用中会显示（TCP_USER_TIMEOUT 3s：3000）；不是该单位整数倍的时长会被拒绝（TCP_KEEPIDLE 1.5s）。用 getsockopt 读回：Linux 会把 SO_RCVBUF 和 SO_SNDBUF 加倍。也可以像 Python 和 C 那样写出层级（setsockopt SOL_SOCKET SO_REUSEADDR 1）；它会与选项的层级核对。
cmd-setsockopt-errno-ENOPROTOOPT = 这个选项不适用于这种套接字（比如在 UDP 上设置 TCP 选项）
cmd-setsockopt-errno-EINVAL = 值超出了这个选项的范围

# getsockopt
cmd-getsockopt-summary = 读取内核报告的套接字选项值（在 Linux 上 SO_RCVBUF 4096 读回来是 8192）。
cmd-getsockopt-notes = 也包括只读的 SO_ERROR（读取会清除它）、SO_TYPE 和 SO_ACCEPTCONN。
cmd-getsockopt-errno-EOPNOTSUPP = 这个选项不适用于这种套接字（UDP 上的 TCP 选项，IPv4 上的 IPv6 选项）

# nonblock
cmd-nonblock-summary = 让套接字上的调用不再等待，而是返回 EAGAIN（connect 则返回 EINPROGRESS）。
cmd-nonblock-notes = socklab 用一次 F_SETFL 调用把文件状态标志设为恰好 O_NONBLOCK 或 0（套接字没有其他值得保留的状态标志）。
cmd-nonblock-errno-EBADF = 这个 fd 没有打开

# getsockname
cmd-getsockname-summary = 套接字的本地地址：bind、connect 或 accept 之后正在使用的地址和端口。
cmd-getsockname-notes = 未绑定的套接字显示 0.0.0.0:0；connect 之后是内核挑选的临时端口。
cmd-getsockname-errno-EBADF = 这个 fd 没有打开

# getpeername
cmd-getpeername-summary = 已连接的对端的地址。
cmd-getpeername-notes = 连接完全关闭后就会失败。
cmd-getpeername-errno-ENOTCONN = 套接字没有连接（或已不再连接）

# poll
cmd-poll-summary = 哪些句柄已就绪：POLLIN（有数据或 EOF 可读）、POLLOUT（有空间可发送）、POLLRDHUP（对端关闭了写方向）、POLLHUP、POLLERR。
cmd-poll-notes = 对每个句柄（默认：当前句柄）询问 POLLIN|POLLPRI|POLLOUT|POLLRDHUP。TIMEOUT_MS 默认为 0（只看一眼，不等待）；-1 表示一直等到有事件就绪。
cmd-poll-errno-EINTR = 等待被信号打断：Ctrl-C、socklab 的超时，或 socklab 停止了这个任务

# ioctl
cmd-ioctl-summary = FIONREAD：已接收、等待读取的字节数。SIOCOUTQ：已发送、但对端尚未确认的字节数。
cmd-ioctl-notes = 两者结合起来，可以看出一次停滞的传输中字节卡在哪里：在本端的发送队列里，还是在对端的接收队列里。
cmd-ioctl-errno-EINVAL = 套接字在监听，或这个请求不适用

# tcpinfo
cmd-tcpinfo-summary = 内核眼中的连接：状态、往返时间、拥塞窗口、未确认的报文段、重传。
cmd-tcpinfo-notes = 时间以微秒为单位。unacked 是已发送但尚未被确认的报文段数。
cmd-tcpinfo-errno-EOPNOTSUPP = 不是 TCP 套接字

# sample
cmd-sample-summary = 在 D 时长内每隔 D 读取一次 TCP_INFO（默认每 100ms 一次，持续 2s），并显示一张表：时间、状态、cwnd、ssthresh、rtt、rttvar、rto、在途字节数、重传次数、交付速率——即 TCP 的定时器和拥塞控制在起作用的样子。save 把采样写成 CSV，或画出所选字段随时间变化的 SVG 图——每种单位一个面板，每个面板上都标出重传——标题是该连接及其拥塞控制算法（TCP_CONGESTION）。
cmd-sample-notes = FIELD 选择表中的列：state cwnd ssthresh rtt rttvar rto inflight retrans rate（默认全部；time 总是有），按需还有 unacked pacing。cwnd、ssthresh 和 unacked 以报文段为单位（慢启动还没有上限时 ssthresh 显示为 -），时间以 ms 为单位，inflight 以字节为单位（在途报文段数 × MSS），rate 是内核估计的交付速率，pacing 是它的发送节奏速率，单位都是 Mbit/s。在后台运行它（sample cli every 50ms for 3s &），同时在前台进行传输。every 的范围是 1ms 到 10s，总时长最多 10 分钟。课程中不能保存文件；没有 --force 时 save 不会覆盖已有的文件。

# await
cmd-await-summary = 等待句柄到达某个 TCP 状态（例如对端的延迟 ACK 之后的 FIN_WAIT2），或变为可读/可写；超过 TIMEOUT（默认 2s）则失败。
cmd-await-notes = 有些状态变化是由内核定时器而不是调用引起的：FIN_WAIT1 → FIN_WAIT2 要等对端的延迟 ACK（Linux 上约 40 ms）。`await cli FIN_WAIT2` 让这样的时刻确定下来，而不必去猜该 sleep 多久。TIMEOUT 写作 500ms 或 2s。状态指的是连接的状态：当连接在没有 fd 的情况下继续存在时（`close` 之后，或两端都关闭写方向后，处于 CLOSE 的套接字背后的 TIME_WAIT），await 会匹配内核中的连接并说明这一点：`cli's connection is TIME_WAIT (held by the kernel, no fd); the socket is CLOSE`。打开线路视图时，`await wire` 等待会话中套接字的下一个报文段——也就是定时器发出的东西：延迟 ACK、重传、保活探测、窗口探测——并把它显示在该步骤下面。在实验室中，`await link` 等待下一个报文段到达链路。

# ls
cmd-ls-summary = 列出句柄：名称、fd、类型、本地地址、对端、TCP 状态、收发队列中的字节数、标志；然后是接收时保存下来的数据名（$data）。
cmd-ls-notes = RECV-Q 是 FIONREAD（等待读取的字节），SEND-Q 是 SIOCOUTQ（尚未被确认的字节）。标志：nonblock、shut-rd、shut-wr。`*` 标出当前句柄。用 spawn 启动的程序，其 TCP 和 UDP 套接字也会列出，名为 PROGRAM.FD（srv.3），只读：它们属于那个程序，而不属于 socklab。

# wire
cmd-wire-summary = 在每一步下面显示它在回环线路上发出的 TCP 报文段和 UDP 数据报（on），或者在大批量传输时每个方向一行（summary：报文段数、字节数、序号范围、重传）；停止显示（off）；把显示过的内容写成 pcap 文件供 Wireshark 或 tshark 使用（save FILE）；或者画出一个连接的时间-序号图（graph：序号随时间的变化、ACK 线和窗口线、SACK 块、重传和丢失）。
cmd-wire-notes = 两端以句柄命名；序号从各自的 SYN 开始计数，与 tcpdump 和 Wireshark 的显示一致。在两步之间到达的报文段（延迟 ACK、对端的 FIN）标为 `(+43 ms, between steps)`：socklab 等待输入时它们一到就显示，否则随下一步显示；在调用开始很久之后才到的标为 `(+100 ms)`。包套接字需要 CAP_NET_RAW：以 root 运行，或用 socklab --sandbox。`socklab --wire` 一开始就打开它。`wire save` 从不跟随符号链接，没有 --force 时从不替换文件；课程（socklab test、play）根本不能保存。在实验室中，它按到达顺序把到达链路的每一帧（最后 4 MiB）各写一次；经过内核的帧只保留前 192 字节，并记录其完整长度。`wire graph` 根据这些帧画出 H 的连接（默认为当前句柄的）的一个方向：传输数据最多的方向，或 H 的发送方向（send）或接收方向（recv）；见 docs/wire.md。
cmd-wire-errno-EPERM = 没有 CAP_NET_RAW：以 root 运行，或在 socklab --sandbox 中运行

# watch
cmd-watch-summary = 在一个单独的线程里持续在 H 上接收——循环 recv N（默认 1024）——每有结果就立即显示：数据、EOF、ECONNRESET 之类的错误，以及状态变化。
cmd-watch-notes = 这就是教程中聊天程序的接收线程：`watch conn` 运行时，输入 `send conn ...`，对端的消息一到就会显示出来。在流套接字上，监视器遇到 EOF（recv = 0）或错误就停止；在数据报套接字上，它调用 recvfrom 并显示每个发送方（空数据报也显示），当套接字的读方向被关闭时停止。`unwatch H` 让它停止；`close H` 和 quit 也一样。
cmd-watch-errno-ECONNRESET = 对端重置了连接（RST）：监视器停止
cmd-watch-errno-EAGAIN = H 是非阻塞的：监视器停止（用 nonblock H off 把它改回阻塞）

# unwatch
cmd-unwatch-summary = 停止监视 H：它的接收线程中的 recv 被打断（EINTR），线程结束。
cmd-unwatch-notes = 还没收到的数据留在套接字里，等下一次 recv。

# jobs
cmd-jobs-summary = 列出后台任务（`CMD &`）和监视器：各自在运行什么，是否阻塞在调用中；然后是用 spawn 启动的程序。
cmd-jobs-notes = “阻塞”表示线程在系统调用内部休眠，等待内核（从 /proc/self/task 读取）。已完成的任务会一直列出，直到它的结果被显示。

# wait
cmd-wait-summary = 阻塞直到后台任务 JOB 结束（监视器：直到它停止）并显示其结果，或直到用 spawn 以 NAME 启动的程序结束并显示其输出；两者都不给时，等到所有后台调用都结束。
cmd-wait-notes = Ctrl-C 打断的是等待，而不是任务本身。脚本中由 --timeout 限定时间。任务产生的结果，在脚本和记录文件中于下一个步骤边界显示，在交互 shell 中则立即显示在提示符上方；脚本用 wait 来指定结果显示在哪里。

# spawn
cmd-spawn-summary = 在 socklab 的网络中——沙箱里，或实验室的主机 HOST 上——启动一个程序（你自己的服务器或客户端），并在两步之间显示它的输出，前面标上 NAME│。
cmd-spawn-notes = 它以你的权限运行（绝不会更高：set-uid 不会带来额外权限），有自己的进程组，stdin 来自 /dev/null，stdout 和 stderr 交给 socklab（Python 不带缓冲：PYTHONUNBUFFERED=1）。NAME 默认为程序名（python3 则为 py）。它结束时会显示出来（py exited 0）；jobs 列出它，wait NAME 等待它，kill NAME 停止它，socklab 结束时它也会被杀掉。课程中不能用：课程只是数据。

# kill
cmd-kill-summary = 向用 spawn 以 NAME 启动的程序及其进程组发送信号 SIGNAL（未指定时为 SIGTERM）。
cmd-kill-notes = 它结束时会显示出来（py killed by SIGTERM）；程序可以捕获 SIGTERM，但永远不能捕获 SIGKILL。

# link
cmd-link-summary = 显示实验室的链路（它的模式、属性、每个方向的计数，以及每个被扣留的报文段及其编号）；让它扣留每个报文段，直到你投递或丢弃它（hold），或者让它们通过（pass，默认）；或者给它真实路径的特性：带抖动的延迟、丢包、重复、损坏、乱序、带队列的速率。
cmd-link-notes = 不指定方向就是两个方向。被扣留的报文段按到达顺序编号为 #1、#2、……；`deliver` 和 `drop` 对它们操作。属性：`delay 50ms jitter 5ms`、`loss 2%`、`dup 1%`、`corrupt 1%`、`reorder 5%`（被压在下一个报文段之后）、`rate 10mbit`（bit、kbit、mbit、gbit）加上 `queue 64` 个包（队列满时丢弃队尾；默认 1000），`clear`（恢复为无）。`link seed N` 让每个随机选择都由 N 决定，这样带丢包的运行每次丢的都是同样的报文段。手动控制和属性可以组合：被扣留的报文段等你处理，然后直接通过。

# deliver
cmd-deliver-summary = 投递被扣留的报文段：按顺序的前 N 个（默认 1）、全部，或单独的 #K（不按顺序：手动制造乱序）；SELECTOR 按报文段的类型挑选：a->b、b->a、SYN、FIN、RST、SYN,ACK、ACK（纯 ACK）、data、udp、tcp。
cmd-deliver-notes = 被投递的报文段在另一台主机上引起的结果（它的应答、状态变化）显示在这一步下面。被扣留期间发送方重传的报文段只算一个条目（`link` 会说明重传了几次、在什么时候）：`deliver` 交付它最新的副本，`deliver #K copies` 按发送顺序交付所有副本，就像一个只是延迟了它们的网络那样。已投递报文段的副本也在它的编号下等待；只有 `deliver #K` 会交付它们。

# drop
cmd-drop-summary = 丢弃被扣留的报文段（前 N 个、全部、#K，或由 SELECTOR 挑选的：a->b、b->a、SYN、FIN、RST、SYN,ACK、ACK、data、udp、tcp），或者下一个进入链路的报文段（在该方向上，或任一方向）。
cmd-drop-notes = 被扣留的条目连同它的所有副本一起丢弃。被丢弃的 TCP 报文段会在 RTO 之后由发送方内核重传，成为一个新条目；被丢弃的 UDP 数据报就直接消失了。`drop all` 也会丢弃已投递报文段的副本。

# dup
cmd-dup-summary = 把下一个进入链路的报文段投递两次。
cmd-dup-notes = TCP 丢弃重复的副本（这些序号已经见过）；UDP 则两个都交付。

# corrupt
cmd-corrupt-summary = 翻转下一个进入链路的报文段中的一个比特，校验和保持不变：接收方内核会丢弃它。
cmd-corrupt-notes = 发送方得不到回应，在 RTO 之后重传：数据完好地到达。

# host
cmd-host-summary = 从现在起在实验室的主机 a 或 b 上创建套接字（socket … @HOST 只对一个套接字指定）；或者拔掉它的网线（down）、重新插上（up），或让它崩溃：所有套接字和全部 TCP 状态都丢失，线路上却没有任何报文，随后它立即以空白状态恢复；或者让它像普通主机那样延迟发送 ACK（delayed-ack on；除非另行设置，实验室的主机总是立即发送 ACK）。
cmd-host-notes = 主机 a 的地址是 192.0.2.1 和 2001:db8::1，主机 b 的是 192.0.2.2 和 2001:db8::2；在地址中可以用 a 和 b 代替它们：bind srv b:80，connect cli b:80。

# sysctl
cmd-sysctl-summary = 读取或设置实验室中某台主机的 TCP 或 IP 参数（net.ipv4.tcp_syn_retries、tcp_retries2、tcp_fin_timeout、tcp_keepalive_time、tcp_sack、tcp_timestamps、tcp_congestion_control ……）。
cmd-sysctl-notes = 只能设置下面列出的单台主机的参数，且各自在其范围内：其他任何名字都会被拒绝，因为它可能作用于整台机器。多个数字用逗号分隔：net.ipv4.tcp_rmem=4096,131072,6291456。设置之后会显示该主机上的值。

# use
cmd-use-summary = 把 H 设为当前句柄：不带句柄的命令都作用于它。
cmd-use-notes = 最近创建、accept 得到或在命令中提到的句柄也会成为当前句柄；提示符会显示它。

# encoding
cmd-encoding-summary = 使用对端的文本编码：输入的文本按它发送，收到的字节也按它显示（utf-8、gbk、gb18030、big5、shift_jis、euc-kr、windows-1251、koi8-r、latin1 ……）；不带 NAME 时，说明当前使用的是哪一种。
cmd-encoding-notes = 中文教程发送的是 data.encode('gbk')：`encoding gbk` 让 `send 你好` 发出同样的字节，并把收到的内容按文本显示。x"…" 和 \xNN 始终是原始字节。不是该编码文本的数据按字节显示，0x80 及以上的每个字节都写成 \xNN（与 Python 打印 bytes 的方式相同），下面还有一行指出能读懂它的另一种编码（as GBK: “你好” — encoding gbk）。`socklab run --encoding gbk FILE` 读取以 GBK 保存的脚本。`socklab --encoding NAME` 以及记录文件中的 `#! encoding: NAME` 从一开始就设定编码。

# help
cmd-help-summary = 列出命令；`help VERB` 查看某条命令（它的调用、可能遇到的 errno）；`help ECONNREFUSED` 查看某个 errno（`help 10061`、`help WSAECONNREFUSED`：Windows 的错误会指向对应的 POSIX 错误）；`help TIME_WAIT` 查看 TCP 状态；`help SO_REUSEADDR` 查看套接字选项（`help options` 列出全部）；`help keepalive`。

# lessons
cmd-lessons-summary = 按分组列出内置课程，每课附有标题和所需条件；`play NAME` 播放其中一课。
cmd-lessons-notes = 与 `socklab lessons` 的列表相同。

# play
cmd-play-summary = 在这里播放一课（`play 01`、`play half-close`，或一个记录文件）：它的讲解和命令，每按一次 Enter 走一步；然后回到当前会话。
cmd-play-notes = 它的运行方式与 `socklab play` 相同：在自己的进程和私有网络中，所以当前会话的句柄、地址和端口不受影响，课程也永远不会碰到它们。按键：Enter 下一步，a 自动继续，q 退出，Ctrl-C 停止。`lessons` 列出所有课程。仅限交互 shell：脚本中请改用 `socklab play NAME`。

# source
cmd-source-summary = 在当前会话中运行文件 FILE 中的各行，就像手动输入一样。
cmd-source-notes = 每行在其输出之前回显为 `> LINE`。文件可以再 source 另一个文件，最多嵌套 16 层。

# record
cmd-record-summary = 把会话余下的部分作为记录写入 FILE（`record off` 停止）；`socklab test FILE` 可以重放它。
cmd-record-notes = 每行及其输出在运行时追加写入，临时端口和 fd 命名为 [PORT1]、[FD1]、……，内核测得的数值（tcpinfo 的 rtt_us、rto_us、snd_cwnd ……）写作 [..]；不包含颜色。文件开头是重放所需的指令：实验室中的 #! lab、会话的编码和超时。

# diagram
cmd-diagram-summary = 把到目前为止的会话保存为梯形图：每个报文段一条箭头，两端的状态，左侧是调用（svg 适合幻灯片，html 是可打印的网页，txt 用于终端，mmd 是用于 GitHub 的 mermaid）。
cmd-diagram-notes = 画出线路视图自打开以来显示的内容（wire on、wire ladder，或实验室）；带时间的间隔表示后来才到的东西（定时器、延迟 ACK）。`socklab diagram FILE.socklab` 用同样的方式画出一个记录文件。没有 --force 时从不替换文件；课程（socklab test、play）根本不能保存。

# export
cmd-export-summary = 把到目前为止的会话写成你自己的程序：Python（只用标准库）或 C（POSIX），每行一个调用，原来的命令行作为注释，每个结果都与 socklab 显示的结果核对。
cmd-export-notes = errno 变成 Python 为它抛出的异常（ECONNREFUSED：except ConnectionRefusedError）；后台调用和 watch 变成线程；await 变成 poll，或在限定时间内查看 TCP 状态；实验室的步骤和 socklab 自己的视图（ls、jobs、wire ……）保留为带标记的注释。如果某个结果不同，程序以 1 退出。`socklab export LESSON|FILE --to python|c` 对记录文件做同样的事。没有 --force 时从不替换文件；课程（socklab test、play）不能写文件。

# clear
cmd-clear-summary = 清屏（在交互 shell 中、在终端上；其他情况下什么也不做）。
cmd-clear-notes = 输入时按 Ctrl-L 效果相同。

# quit
cmd-quit-summary = 关闭所有句柄并退出（Ctrl-D 效果相同）。
cmd-quit-notes = 关闭会在每个打开的连接上发送 FIN（或 RST），就像进程退出时一样。

# exit
cmd-exit-summary = 与 quit 相同。
cmd-lang-summary = 从现在起用英语、俄语或简体中文讲解；不带语言时，说明当前使用的是哪一种。
cmd-lang-notes = 名称在任何语言中都保持原样：系统调用、errno、TCP 状态、标志、选项、句柄以及你输入的命令。JSON 输出和录制的记录文件始终是英文。`socklab --lang ru` 或俄语、中文的 locale（LANG=ru_RU.UTF-8、zh_CN.GBK ……）从一开始就选定语言。

## ---- end of section help ----


## ---- section topics: help topics, Python names, Windows error numbers, errno meanings ----

# TCP 状态（`help TIME_WAIT`）：topic-state-状态名。状态名、系统调用、errno、
# 选项名和 socklab 的命令一律保持原样。
topic-heading-state = { $state } — TCP 状态
topic-heading-state-aliases = { $state } — TCP 状态（也写作 { $aliases }）
topic-state-LISTEN = 监听套接字（调用 listen 之后）：它自己没有连接。内核替它应答 SYN，把完成了三次握手的连接放进队列，等 accept 来取；队列的长度由 backlog 限制（listen H N，上限是 net.core.somaxconn）。
topic-state-SYN_SENT = connect 已经发出 SYN，正在等 SYN+ACK。阻塞的 connect 在这里睡眠；非阻塞的 connect 返回 EINPROGRESS，套接字停在 SYN_SENT，直到应答到来，或者 SYN 的重传次数（net.ipv4.tcp_syn_retries）用完：ETIMEDOUT。在此期间，非阻塞的 send 以 EAGAIN 失败。
topic-state-SYN_RECV = 半连接：SYN 已到，SYN+ACK 已发，最后的 ACK 还没到。监听套接字把它当作一个小小的请求保存（内核里叫 NEW_SYN_RECV），而不是一个带 fd 的套接字：socklab 把它显示在监听套接字下面（srv (half-open from …)）。在 ACK 到来之前，SYN+ACK 会被重传（net.ipv4.tcp_synack_retries）。同时打开时，两个发起连接的套接字都会经过这个状态。
topic-state-ESTABLISHED = 三次握手已经完成，数据双向流动。connect 返回时连接已处于这个状态；accept 交出的连接也早已处于这个状态（内核在调用 accept 之前就完成了握手）。
topic-state-FIN_WAIT1 = 本端已经关闭（close，或 shutdown write）并发出了 FIN，正在等对这个 FIN 的 ACK。通常一闪而过，因为对端会立即确认——除非 ACK 被延迟，或者被链路扣留。
topic-state-FIN_WAIT2 = 本端的 FIN 已被确认；它在等对端的 FIN，在此期间仍然可以接收数据（半关闭）。如果对端一直不关闭，已关闭套接字的 FIN_WAIT2 会在 net.ipv4.tcp_fin_timeout（60 秒）之后结束。
topic-state-CLOSE_WAIT = 对端发来了 FIN（recv 返回 0：EOF）；本端还没有关闭，仍然可以发送。连接会一直停在这里，直到程序调用 close（或 shutdown write）：忘记关闭的程序会堆积起大量 CLOSE_WAIT 套接字。
topic-state-CLOSING = 双方同时关闭：两端都发出了 FIN，而且各自在收到自己 FIN 的 ACK 之前，先收到了对方的 FIN。双方各自等待那个 ACK，然后进入 TIME_WAIT。
topic-state-LAST_ACK = 后关闭的一方发出了自己的 FIN，正在等最后一个 ACK；收到之后连接就不存在了（TIME_WAIT 在另一方）。
topic-state-TIME_WAIT = 先关闭的一方在收到对端的 FIN 之后进入这个状态：内核把连接保留 60 秒（Linux 中固定不变），以便在 ACK 丢失时再次确认那个 FIN，并且不让迟到的报文段被当成新连接的报文段。它的套接字已经关闭，或处于 CLOSE：socklab 把这个连接显示为 H (no fd)。没有 SO_REUSEADDR 时，对它的端口 bind 会失败（EADDRINUSE）。
topic-state-CLOSE = 没有连接（RFC 793 和教程写作 CLOSED，Linux 写作 CLOSE）：新建的套接字；连接被重置或超时的套接字；或者连接已脱离它、由内核继续保留的套接字（shutdown 之后又收到对端的 FIN，连接进入 TIME_WAIT）。

# `help keepalive`。
topic-heading-keepalive = keepalive — TCP 保活（SO_KEEPALIVE 及其三个参数）
topic-keepalive = 空闲的连接什么也不发送，所以对端消失了（崩溃、网线被拔）可能永远不会被发现。打开 SO_KEEPALIVE 之后，内核在静默 TCP_KEEPIDLE 之后发出保活探测，之后每隔 TCP_KEEPINTVL 发一次；连续 TCP_KEEPCNT 次探测没有应答，内核就放弃这个连接：CLOSE，下一个调用以 ETIMEDOUT 失败。如果对端已经重启，它会回一个 RST（ECONNRESET）。

# 套接字选项（`help SO_REUSEADDR`）：topic-option-选项名；没有课程演示的选项，
# 给出一行可以试的命令（topic-try-选项名：socklab 的命令，在任何语言里都一样输入）。
topic-heading-option = { $option } — 套接字选项（{ $level }；简称 { $short }；{ $kind }）
topic-kind-read-only = 只读
topic-kind-bool = on 或 off
topic-kind-int = 整数
topic-kind-seconds = 秒数，或 5s 这样的时长
topic-kind-millis = 毫秒数，或 3s 这样的时长
topic-kind-timeout = 1.5s 这样的时长
topic-kind-linger = off，或秒数
topic-option-SO_REUSEADDR = 让 bind 可以占用仍被 TIME_WAIT 连接占着的端口（但绝不能占用有人正在监听的端口）。Linux 要求两个套接字都设置它：旧连接的套接字（从设置了它的监听套接字继承而来）和新的套接字。所以服务器在每次 bind 之前都设置它，这样就能立即重启。
topic-option-SO_REUSEPORT = 多个套接字可以绑定同一个地址和端口，只要每一个都设置了它（并且属于同一个用户）；内核把进来的连接或数据报分给它们。
topic-try-SO_REUSEPORT = setsockopt a SO_REUSEPORT on, bind a 127.0.0.1:9000；对 b 也做同样的操作
topic-option-SO_KEEPALIVE = 探测空闲的连接，以发现已经不在的对端：空闲 TCP_KEEPIDLE 之后开始，每隔 TCP_KEEPINTVL 一次，最多 TCP_KEEPCNT 次探测，然后 ETIMEDOUT。详见 help keepalive。
topic-option-SO_BROADCAST = 允许 UDP 套接字向广播地址发送；没有它，这样的 sendto 会以 EACCES 失败。
topic-try-SO_BROADCAST = u = socket udp, sendto u 255.255.255.255:9 hi (EACCES), setsockopt u SO_BROADCAST on
topic-option-SO_RCVBUF = 接收缓冲区：它限制本端通告的窗口，所以接收方不读数据，发送方的窗口就会关上。Linux 会把设置的值翻倍（多出的部分留给内核自己的管理开销），并且有一个下限；要在 listen 或 connect 之前设置。
topic-option-SO_SNDBUF = 发送缓冲区：在对端不读的时候，send 能收下多少数据才会阻塞（非阻塞时以 EAGAIN 失败）。Linux 把设置的值翻倍。
topic-option-SO_RCVTIMEO = 阻塞的 recv（或 accept）等了这么久就放弃，返回 EAGAIN，而不是永远等下去；0 或 off：永远等。时长的写法：300ms、1.5s。
topic-option-SO_SNDTIMEO = 阻塞的 send 等了这么久就放弃（返回已经收下的字节数，或以 EAGAIN 失败），阻塞的 connect 也一样（EINPROGRESS：握手继续进行）；0 或 off：永远等。时长的写法：200ms、1.5s。
topic-try-SO_SNDTIMEO = setsockopt cli SO_SNDTIMEO 200ms，然后向一个不读数据的对端 sendall cli "x"*10000000
topic-option-SO_LINGER = 决定 close 如何处理还没发出的数据。off（默认）：close 立即返回，剩下的数据由内核发送。on 加 N 秒：close 最多等 N 秒。SO_LINGER 0：close 用 RST 丢掉连接，没有 TIME_WAIT，对端会遇到 ECONNRESET。
topic-option-SO_ERROR = 只读：套接字上待处理的错误，读一次就清除。非阻塞 connect 的结局（0、ECONNREFUSED、ETIMEDOUT）就从这里读，在 poll 报告 POLLOUT 之后读。
topic-option-SO_TYPE = 只读：SOCK_STREAM、SOCK_DGRAM 或 SOCK_SEQPACKET，也就是调用 socket(2) 时要求的类型。
topic-try-SO_TYPE = getsockopt H SO_TYPE
topic-option-SO_ACCEPTCONN = 只读：套接字在监听时为 1，否则为 0。
topic-try-SO_ACCEPTCONN = 在 listen srv 之前和之后各执行一次 getsockopt srv SO_ACCEPTCONN
topic-option-TCP_NODELAY = 关闭 Nagle 算法：即使之前的数据还没被确认，小的 send 也立即发出，而不是等着和更多数据合在一起发——这种等待再加上对端的延迟 ACK，可能要耗费 40 毫秒甚至更多。
topic-option-TCP_CORK = 先扣住不满的报文段，直到关闭这个选项（或最多 200 毫秒），让零碎的写入凑成满的报文段再发出；关闭它会把正在等待的数据立即发出。
topic-try-TCP_CORK = setsockopt cli TCP_CORK on, send cli a, send cli b, setsockopt cli TCP_CORK off（先执行 wire on）
topic-option-TCP_MAXSEG = 这个套接字发送的最大报文段（它的 MSS）；在 connect 之前设置的话，SYN 通告的也是这个值。
topic-try-TCP_MAXSEG = 在 connect 之前 setsockopt cli TCP_MAXSEG 500，并先执行 wire on
topic-option-TCP_KEEPIDLE = 连接要空闲多久才发出第一个保活探测（需要打开 SO_KEEPALIVE）。内核以秒计：5，或 5s、2min。默认：net.ipv4.tcp_keepalive_time，7200 秒。
topic-option-TCP_KEEPINTVL = 两次保活探测之间的间隔，以秒计：1，或 1s。默认：net.ipv4.tcp_keepalive_intvl，75 秒。
topic-option-TCP_KEEPCNT = 最多允许多少次保活探测得不到应答，超过之后连接以 ETIMEDOUT 被放弃。默认：net.ipv4.tcp_keepalive_probes，9。
topic-option-TCP_USER_TIMEOUT = 已发送的数据（或保活探测，或 SYN）最多可以多久得不到确认，超过之后内核以 ETIMEDOUT 放弃连接——远远早于 net.ipv4.tcp_retries2 放弃的时间。单位毫秒：800，或 3s；0：由超时重传的次数决定。
topic-option-TCP_SYNCNT = connect 在以 ETIMEDOUT 失败之前重传 SYN 的次数，只对这个套接字有效（覆盖 net.ipv4.tcp_syn_retries）。
topic-try-TCP_SYNCNT = 在实验室里：link hold, setsockopt cli TCP_SYNCNT 1, connect cli b:80
topic-option-TCP_WINDOW_CLAMP = 这个套接字通告的最大接收窗口，以字节计，不管它的缓冲区允许多大。
topic-try-TCP_WINDOW_CLAMP = setsockopt conn TCP_WINDOW_CLAMP 1000，然后在 wire on 的情况下向它发送数据
topic-option-TCP_QUICKACK = 立即确认，而不是延迟 ACK。内核会自己把它再关掉，所以程序在每次接收之后都要重新设置。
topic-option-IP_RECVERR = ICMP 错误（端口或主机不可达等）一到就报告给套接字——未连接的 UDP 套接字也一样——而不只是作为之后某个调用的 errno。
topic-try-IP_RECVERR = u = socket udp, setsockopt u IP_RECVERR on, sendto u 127.0.0.1:9 hi, recvfrom u
topic-option-IP_TTL = 发出的 IPv4 数据包的生存时间（TTL）：每经过一个路由器减一，减到 0 时数据包被丢弃（ICMP time exceeded）。
topic-try-IP_TTL = setsockopt H IP_TTL 1, getsockopt H IP_TTL
topic-option-IP_TOS = 发出的 IPv4 数据包的服务类型（TOS）字节：六位 DSCP（路由器可能会遵守的优先级）和两位 ECN，在 TCP 套接字上 ECN 由内核自己掌管。
topic-try-IP_TOS = setsockopt H IP_TOS 16, getsockopt H IP_TOS
topic-option-IPV6_V6ONLY = AF_INET6 套接字只接受 IPv6。关闭时（Linux 的默认值，net.ipv6.bindv6only=0），在 [::] 上监听的套接字也接受 IPv4 的对端，显示为 ::ffff:a.b.c.d。

# 主题的最后一行：演示它的课程，或者可以试的命令。
topic-footer-lessons = 课程：{ $lessons }（socklab play { $number }）
topic-footer-try = 还没有课程演示它；可以试试：{ $line }

# Python 的套接字方法（`help setblocking`、`help python`）：python-method-名字。
# {""} 表示这个方法没有要补充的。
python-help-in-socklab = Python 的 socket.{ $name }() 在 socklab 里是：{ $line }
python-help-no-verb = Python 的 socket.{ $name }()：socklab 没有对应的命令。
python-method-socket = socket.socket(family, type)；`socket tcp` 也一样（tcp、udp、tcp6、udp6、unix、unix-dgram 是简写的类型）。
python-method-bind = 地址元组写成 HOST:PORT；bind(("", 8899)) 就是 bind s "" 8899 或 bind s :8899。
python-method-listen = backlog 可以省略（省略时为 128；内核把它限制在 net.core.somaxconn 以内）。
python-method-accept = Python 返回 (conn, addr)；socklab 给新句柄起名字，并显示对端的地址。
python-method-connect = connect s srv 连接到另一个句柄的地址。
python-method-connect_ex = socklab 从不抛出异常：失败的 connect 显示它的 errno，就像 connect_ex 返回的那样。
python-method-send = 返回内核收下了多少字节，可能比给出的少。
python-method-sendall = 反复调用 send，直到全部发完，并说明一共调用了几次。
python-method-sendto = 在 socklab 里，地址写在数据前面。
python-method-recv = 返回 0 到 N 个字节；0（Python 里的 b''）表示对端关闭了它的发送方向。`data =` 保存收到的字节，`$data` 把它们发回去：s.sendall(data) 就是 `sendall s $data`。
python-method-recvfrom = 用 from: 显示发送方的地址。
python-method-recv_into = socklab 有自己的缓冲区；字节是一样的。
python-method-shutdown = SHUT_RD、SHUT_WR、SHUT_RDWR 就是 read、write、both。
python-method-close = fd 关闭之后，内核可能还保留着连接（FIN_WAIT、TIME_WAIT）：socklab 会显示出来。
python-method-setsockopt = 层级可以省略：每个选项都知道自己属于哪一层。
python-method-getsockopt = 显示内核报告的值（Linux 会把缓冲区大小翻倍）。
python-method-setblocking = setblocking(False) 就是 nonblock s on；setblocking(True) 就是 nonblock s off。
python-method-settimeout = Python 的超时是它自己的 poll() 循环，超时就抛出 TimeoutError；内核自己的超时是 SO_RCVTIMEO（recv、accept）和 SO_SNDTIMEO（send、connect），被它们结束的调用得到 EAGAIN（connect 得到 EINPROGRESS）。settimeout(0) 就是 nonblock s on；settimeout(None) 把两者都设为 0，并且 nonblock s off。在脚本里，每个阻塞调用还受 --timeout 的限制。
python-method-gettimeout = {""}
python-method-getsockname = {""}
python-method-getpeername = {""}
python-method-fileno = ls 列出每个句柄和它的 fd。
python-method-makefile = makefile() 把套接字包装成 Python 带缓冲的文件对象——这是库的一层，不是系统调用；用 recv 读（要读确切的字节数就用 recvall），用 sendall 发。
python-method-sendfile = sendfile(2) 从文件发送，而课程不涉及文件；sendall 发送的是同样的字节。
python-method-detach = 这只是 Python 这一侧对 fd 的管理；内核不需要做任何事。
python-method-dup = 同一个套接字的第二个 fd；socklab 里每个套接字只有一个句柄。
python-method-socketpair = {""}
python-method-select = select.select / select.poll：poll 显示哪些句柄可读、哪些可写。
python-method-recvall = 这不是 Python 的方法：它是教程里那个恰好读取 N 个字节的循环。

# Python 的异常和背后的 errno（`help ConnectionRefusedError`）：
# python-exception-名字（socket.timeout 是 python-exception-socket-timeout），
# 接在名字后面的一句话。
python-help-exception = Python 的 { $name }：{ $note }。
python-help-no-errno = 它没有 errno：socklab 里不会出现这样的步骤。
python-help-errnos = socklab 显示的是 errno：{ $errnos }（help ERRNO 说明每一个会在哪里遇到）。
python-exception-ConnectionRefusedError = 那里没有人在监听（TCP 的 RST，或 UDP 的 ICMP 端口不可达）
python-exception-ConnectionResetError = 对端重置了连接（RST）
python-exception-ConnectionAbortedError = 连接在 accept 取走之前就中止了
python-exception-BrokenPipeError = 在已经不能再发送的连接上发送（原因在对端，或在本端）
python-exception-ConnectionError = 上面四个异常的基类
python-exception-BlockingIOError = 本来需要等待的非阻塞调用
python-exception-InterruptedError = 信号打断了调用（Python 会重试，socklab 会显示出来）
python-exception-TimeoutError = 内核放弃了（connect、保活、超时重传）；settimeout 的时限到了也会抛出它，这时没有 errno
python-exception-socket-timeout = TimeoutError 的旧名字（从 Python 3.10 起是它的别名）
python-exception-PermissionError = 1024 以下的端口、没有 SO_BROADCAST 的广播、原始套接字
python-exception-FileNotFoundError = 不存在的 unix 套接字路径
python-exception-FileExistsError = {""}
python-exception-OSError = 没有专门子类的 errno 以 OSError 抛出，并设置 .errno
python-exception-socket-gaierror = 无法解析的主机名（getaddrinfo）；不是 errno

# Windows 的套接字错误（`help 10054`、`help WSAECONNRESET`）；
# winsock-note-名字：Linux 不同的地方。
winsock-help = { $name }（{ $number }）是 Windows 对 { $twin } 的叫法：Windows 上的 Python 报 [WinError { $number }] 的地方，Linux 上报 [Errno { $errno }]，socklab 显示 { $shown }——是同一个错误。
winsock-note-WSAEWOULDBLOCK = 注意：在 Linux 上 EWOULDBLOCK 和 EAGAIN 是同一个 errno，socklab 把它叫作 EAGAIN。
winsock-note-WSAESHUTDOWN = 注意：在 Linux 上，`shutdown write` 之后的 send 得到的是 EPIPE，而不是 ESHUTDOWN。

## ---- end of section topics ----


## ---- section shell: the shell, play, predict and the lessons' list ----


# predict：play 的提问、判分和得分

predict-not-a-result = “{ $word }”在这里不是答案：请回答一个数（0、5、-1）、errno（ECONNREFUSED、111）、Python 异常（ConnectionRefusedError）或 blocks（阻塞）——输入 ? 可查看答案
predict-state-for-result = “{ $word }”是一个 TCP 状态；这道题问的是调用返回什么
predict-not-a-state = “{ $word }”不是 TCP 状态（{ $states }）——输入 ? 可查看答案
predict-actual-gone = 连接已不存在（内核中没有这个连接）
predict-actual-returned = 返回 { $value }
predict-actual-failed = -1 { $errno }
predict-actual-failed-python = -1 { $errno }，即 Python 的 { $exception }
predict-actual-blocked = 调用阻塞了（直到本课的超时）
predict-actual-other = 这一步没有调用结果
predict-field-return-value = 返回值
predict-field-errno = errno
predict-field-blocks = 是否阻塞
predict-field-succeeds = 调用成功
predict-field-result = 结果
predict-field-state = 状态
predict-field-answer = 答案
predict-word-blocks = 阻塞
predict-word-ok = 成功
predict-mark-right = ✓ { $field }：{ $said }（正确）
predict-mark-wrong = ✗ { $field }：{ $said }（错误）
predict-it-was = 实际是：{ $actual }
predict-gave-up = ? 答案是：{ $actual }
predict-not-answered = （未作答）实际是：{ $actual }
predict-ask-result = 预测：它会返回什么？
predict-ask-state = 预测：这一步之后 { $handle } 会处于哪个状态？
predict-how = 提问：在调用运行之前说出你的预期——一个结果（0、5、ok、-1 ECONNREFUSED、111、ConnectionRefusedError、blocks 或 阻塞）或一个 TCP 状态（CLOSE_WAIT）；输入 ? 查看答案，直接按 Enter 跳过，q 退出。
predict-score = 得分：{ $counted } 个预测中答对 { $right } 个
predict-score-skipped = 得分：{ $counted } 个预测中答对 { $right } 个（{ $skipped } 个未作答）

# play：播放课程

play-refused-need = 本课{ $why }
play-host-net = 注意：--host-net：本课在本机的网络中运行，可以连到真实的服务
play-note = 注意：{ $note }
play-keys = Enter：下一步 · a：自动继续 · q：退出
play-stopped = 已停止（q），停在第 { $step } 步之前
play-interrupted = 已中断（Ctrl-C）：播放到此为止
play-out-of-time = 时间到：本课的步骤已运行 { $time }，这是一节课的上限——播放到此为止

# lessons：socklab lessons、shell 里的课程和 play

lessons-group = { $group }：
lessons-needs = [需要 { $needs }]
lessons-asks = [提问 { $count } 次]
lessons-footer = socklab play NAME（或编号）播放一节课——[提问 N 次]：先请你预测 N 个结果；play --predict 在每次调用前都提问；socklab test --lessons 运行全部课程。
lessons-footer-shell = play NAME（或编号）在这里播放一节课，课程在它自己的网络中运行；之后本会话继续。
lessons-footer-script = socklab play NAME（或编号）播放一节课；socklab test --lessons 运行全部课程。
lessons-play-needs-terminal = play 要有人在终端前一步步播放课程：请在 shell 中输入它，或运行 socklab play NAME（socklab play --auto 2s NAME 会自动往下走）
lessons-no-such = 没有名为“{ $wanted }”的文件，也没有这样的内置课程（socklab lessons 列出全部课程）
lessons-no-such-near = 没有名为“{ $wanted }”的文件，也没有这样的内置课程——你是想要 { $near } 吗？（socklab lessons 列出全部课程）
lessons-several = “{ $wanted }”对应多节课：{ $names }——请给出完整名称

# group：课程分组（课程文件中的 `#! group:` 用英文）

group-tcp-connections = TCP 连接
group-udp = UDP
group-other-families-and-ports = 其他地址族与端口
group-the-tutorials-programs = 教程里的程序
group-the-wire-view-needs-cap-net-raw-or-sandbox = 线路视图（需要 CAP_NET_RAW 或 --sandbox）
group-the-network-lab = 网络实验室
group-the-network-lab-a-real-path = 网络实验室：真实的路径
group-reference = 参考
group-other-lessons = 其他课程

# shell：shell 的欢迎语

shell-banner = socklab { $version }——用 help、help VERB、? 或 Tab 来探索；Ctrl-D 退出。第一次接触套接字？`lessons` 列出课程，`play 01` 播放第一课。
shell-banner-private = 私有网络（--sandbox）：连不到 socklab 之外的程序。
shell-banner-lab = 实验室：主机 a 是 { $a4 }（{ $a6 }），主机 b 是 { $b4 }（{ $b6 }），由一条 socklab 转发的链路相连。提示符显示链路如何处理报文段（pass、hold）以及当前句柄；其余的由 `link` 说明（docs/lab.md）。

# runner：执行器对会话中各行的说明

runner-no-job = 没有正在运行的任务 [{ $id }]——jobs 会列出它们（已结束的任务之前已经显示过）
runner-still-running = { $reason }；仍在运行：{ $jobs }
runner-out-of-time = 时间用完：本课最多只能运行 { $time }
runner-timeout = { $after } 后超时
runner-interrupted = 已中断（Ctrl-C）
runner-poll-failed = poll 失败：{ $reason }
runner-no-program = 没有名为“{ $name }”的程序在运行（spawn 可以启动一个）——wait 接受任务编号（jobs 会列出它们：wait 1）或用 spawn 启动的程序名
runner-no-program-running = 没有名为“{ $name }”的程序在运行（正在运行的：{ $running }）——wait 接受任务编号（jobs 会列出它们：wait 1）或用 spawn 启动的程序名
runner-script-interrupted = 已中断（Ctrl-C）：脚本到此停止
runner-not-utf8 = 终端发来的字节不是 UTF-8，所以那一行没有运行就被丢弃了——socklab 读取 UTF-8 文本（请把终端设为 UTF-8）；原始字节可以写成 x"ff fe" 或 "\xff"
runner-reading-input = 错误：读取输入失败：{ $error }
runner-source-confined = 课程不能读取文件：source 在 socklab test 和 play 中被拒绝——要运行它，请把这个文件当作你自己的脚本：socklab run FILE
runner-source-nested = source 嵌套超过 { $depth } 层
runner-cannot-open = 无法打开“{ $file }”：{ $reason }
runner-source-not-regular = “{ $file }”不是普通文件（而是设备、FIFO 或目录）：source 读取的是由 socklab 命令行组成的文件
runner-sourced-already = “{ $file }”正在被 source：一个 source 自己的文件永远不会结束
runner-source-recorded = “{ $file }”正被本会话录制：source 它会运行它所写入的内容，又写入它所运行的内容，永无止境——请先 record off，或 source 另一个文件
runner-export-confined = 课程不能写文件：export 在 socklab test 和 play 中被拒绝——要导出一节课，请运行：socklab export LESSON --to python -o FILE.py
runner-export-json = export 读取的是以文本显示的会话：请不带 --json 运行 socklab 再导出
runner-export-nothing = 还没有可导出的内容：请先进行一些调用
runner-cannot-write = 无法写入“{ $file }”：{ $reason }
runner-diagram-confined = 课程不能写文件：diagram save 在 socklab test 和 play 中被拒绝——要画出一节课，请运行：socklab diagram LESSON -o FILE.svg
runner-diagram-nothing = 还没有可画的内容：没有显示过任何报文段——请打开线路视图（wire on、wire ladder 或 socklab --lab），进行一些调用，然后 diagram save FILE.svg
runner-diagram-extension = “{ $file }”：用文件扩展名说明要哪种图：.svg（幻灯片）、.html（可打印的网页）、.txt（终端）、.mmd（mermaid）
runner-lessons-not-here = 课程中不能列出或播放课程——在 shell 里用 `lessons` 和 `play NAME`；在命令行用 socklab lessons 和 socklab play NAME
runner-not-recording = 没有在录制——这样开始：record FILE
runner-already-recording = 已经在录制到 { $current }——请先 record off，再 record { $path }
runner-record-confined = 课程不能写文件：record 在 socklab test 和 play 中被拒绝——要录制，请把这个文件当作你自己的脚本运行：socklab run FILE
runner-record-being-read = “{ $file }”正被本会话读取（run 或 source）：录制到它会覆盖还没运行的内容——请录制到另一个文件
runner-cannot-record = 无法录制到“{ $file }”：{ $reason }
runner-recording-stopped = 录制到 { $path } 已停止：{ $reason }——会话继续，但不再录制

# test：socklab test 的报告（比较的仍是英文文本）

test-cannot-start = 无法开始会话：{ $error }
test-interrupted-before = 在第 { $line } 行之前已中断（Ctrl-C）
test-too-long = 第 { $line } 行：本课已运行超过 { $seconds } 秒，这是一节课的上限：已停止
test-cannot-rewrite = { $name }：无法改写：{ $error }
test-needs-lab-unprivileged = 需要实验室，而去掉全部权能（capabilities）之后无法搭建实验室（'#! as: unprivileged' 和 '#! lab' 不能同时使用）
test-needs-lab = 需要实验室（网络命名空间：root 或用户命名空间）
test-needs = 需要 { $need }
test-built-in = { $name }（内置）
test-interrupted = 已中断（Ctrl-C）：{ $count } 个文件没有运行
test-summary = 通过 { $passed } 个，失败 { $failed } 个，跳过 { $skipped } 个
test-note = { $name }：注意：{ $note }
test-skipped = { $name }：已跳过（{ $why }）
test-blessed = { $name }：改写了 { $count } 条命令的输出
test-host-net = 注意：--host-net：这些课程在本机的网络中运行，可以连到真实的服务
test-bless-lessons = --bless 改写的是文件；内置课程不是文件
test-lessons-and-files = --lessons 运行内置的课程库：要么指定文件，要么用 --lessons，不能两者都用
test-bless-lesson = --bless 改写的是文件；{ $name } 是内置课程，不是文件
test-no-files-hint = { $error }（socklab test --lessons 运行 socklab 内置的课程）
test-no-files = 没有找到 .socklab 文件

# 命令行的子命令：play、record、diagram、translate、export，以及各个选项

play-command-list = { $file } 是一串命令，不是课程（课程有 '> ' 行及其输出）：先用 socklab record LESSON.socklab < { $file } 做成课程，再 socklab play LESSON.socklab
play-report-cannot-write = 无法写入报告 { $file }：{ $reason }
play-report-form = --report { $file }：报告文件是 FILE.csv 或 FILE.json（格式由扩展名决定）
record-cannot-write = 无法写入 { $file }：{ $reason }
record-input-failed = 读取命令失败：{ $error }
record-cannot-start = 无法开始会话：{ $error }
record-failed = 录制到 { $file } 失败：{ $reason }
record-recorded = 已录制到 { $file }
shell-graph-no-data = { $file } 中没有可以画图的 TCP 数据报文段（只显示 `wire summary` 行或什么都不显示的课程没有这种报文段）
shell-steps-none = { $file } 有 { $count } 条命令：--steps { $from }… 一条也画不到
shell-cannot-write = 无法写入 { $file }：{ $reason }
shell-cannot-write-exists = 无法写入 { $file }：{ $reason }（--force 会替换它）
shell-wrote = 已写入 { $file }
shell-cannot-read = 无法读取 { $file }：{ $reason }
shell-program-too-large = { $file } 超过 { $limit } 字节：socklab translate 只读取不超过这个大小的程序
shell-program-not-text = { $file } 既不是 UTF-8 文本，也不是其 `# coding:` 行所指编码的文本（Python 3 按 UTF-8 读取程序，除非第一行或第二行写着 `# -*- coding: gbk -*-`）
shell-lab-cannot-run = { $reason }；实验室无法在这里运行
shell-flag-help = help 不运行会话
shell-flag-json = { $name } 是给人看课程的；`socklab run --json FILE` 为每一步给出一个 JSON 对象
shell-flag-bail = 只有脚本会在第一行失败时停止：socklab run --bail
shell-flag-wire-test = 课程的预期输出取决于线路视图，所以课程自己打开它（wire on）
shell-flag-lab = 课程只有在自己用 `#! lab` 行声明时才在实验室中运行（实验室的课程都有这一行；在实验室中 record 会写上它）
shell-flag-no-effect = 它在那里不起作用
shell-flag-not-here = --{ $flag } 不适用于 `socklab { $name }`：{ $why }

play-env-own-directory = 无法给课程一个自己的目录：{ $reason }
play-env-make-scratch = 无法创建课程的临时目录：{ $error }
play-env-enter-scratch = 无法进入课程的临时目录：{ $error }
play-env-read-capabilities = 无法读取权能（capabilities）：{ $error }
play-env-drop-capabilities = 无法为 '#! as: unprivileged' 去掉权能（capabilities）：{ $error }

test-more-lines = ……还有 { $count } 行

## ---- end of section shell ----


## ---- section errors: usage errors and the tool's own errors ----


# 每条用法错误的框架：出错的位置，以及命令的用法。
error-at-column = 第 { $column } 列：{ $message }
error-missing = 缺少 { $what }——用法：{ $usage }
error-with-usage = { $message }——用法：{ $usage }
error-with-hint-usage = { $message }{ $hint }——用法：{ $usage }

# 关于句柄的提示，放在括号里跟在消息后面。
error-hint-no-handle-near = （没有名为 “{ $word }” 的句柄——你是不是想写 “{ $near }”？）
error-hint-handles = （现有句柄：{ $names }）
error-hint-handles-many = （现有句柄：{ $names }，… 共 { $count } 个——用 ls 可以列出全部）
error-hint-read-as-argument = （“{ $word }” 被当成了参数，而不是句柄）
error-hint-read-as-argument-hint = （“{ $word }” 被当成了参数，而不是句柄{ $hint }）

# 游标：句柄与参数。
error-no-current-handle = 没有当前句柄——先创建一个套接字（socket tcp），或者写明句柄名
error-not-a-handle = “{ $word }” 不是句柄
error-program-socket = { $name } 是程序 { $program }（spawn）的套接字：socklab 可以显示它（ls），但不能操作它——请在你这一端的连接上操作
error-path-not-hex = { $what } 是一个名字，不是十六进制数据：直接写，或者放在引号里
error-path-not-text = { $what } 是文本：不能为空，也不能含有非 UTF-8 的字节
error-not-one-of = “{ $word }” 不是有效的{ $what }（可选：{ $choices }）
error-not-one-of-near = “{ $word }” 不是有效的{ $what }——你是不是想写 “{ $near }”？（可选：{ $choices }）
error-joined-data-too-long = 拼接后的数据超过了 16 MiB 的上限
error-data-near = 你是不是想写 “${ $near }”？
error-data-none-yet = 现在还没有——接收时可以把字节存到一个名字下：data = recv conn 1024
error-data-names = 数据名：{ $names }
error-data-names-many = 数据名：{ $names }，… 共 { $count } 个——用 ls 可以列出全部
error-no-data-named = 没有名为 “{ $name }” 的数据（{ $known }）；要发送文本 “{ $text }” 本身，请给它加上引号——用法：{ $usage }
error-int-too-big = { $what } { $n } 超过了 { $max }
error-int-not-whole = { $what } 必须是整数，而不是 “{ $word }”
error-int-is-data = { $what } 必须是数字，而不是数据
error-bad-address = 地址有误：{ $reason }
error-address-quoted = 地址直接写，不要加引号
error-quote-text = 带空格的文本只有放在引号里才算一个参数：{ $line }
error-not-a-flag = “{ $word }” 在这里不是标志；可用的标志：{ $flags }
error-unexpected = 多余的参数 “{ $word }”

# 参数的种类（“缺少 …”、“不是有效的 …”）；ADDR、FILE 这类占位符保持原样。
error-what-direction = 方向
error-what-request = 请求
error-what-diagram-action = 图的操作
error-what-host-action = 主机操作
error-what-delayed-ack-setting = delayed-ack 设置
error-what-wire-setting = wire 设置
error-what-send-or-recv = send 或 recv
error-what-socket-kind = 套接字类型
error-what-language = 语言
error-what-setting = 设置
error-what-link-mode = 链路模式
error-what-seed = 种子
error-what-port = 端口
error-what-queue-length = 队列长度

# 地址（src/address.rs）。
error-address-forms = IP:PORT、[IPv6]:PORT、:PORT、HOST:PORT、/unix/path、@abstract 或句柄名
error-address-no-abstract-name = “@” 后面需要一个名字：@mysock
error-address-abstract-too-long = 抽象名字最多 { $max } 字节，这个有 { $len } 字节
error-address-path-too-long = unix 套接字路径最多 { $max } 字节，这个有 { $len } 字节
error-address-not-an-address = “{ $text }” 不是地址——应为 { $forms }
error-address-ipv6-without-brackets = “{ $text }”：IPv6 地址要写在方括号里，例如 [::1]:8080
error-address-not-a-host-name = “{ $text }” 不是主机名——应为 { $forms }
error-address-no-closing-bracket = “{ $text }”：IPv6 地址后面缺少 “]”
error-address-not-ipv6 = “{ $text }” 不是 IPv6 地址
error-address-no-port-after-bracket = “{ $text }”：“]” 后面缺少 “:PORT”——例如 [::1]:8080
error-address-ipv4-parts = “{ $host }” 不是 IPv4 地址：它有 { $parts } 段，而地址有 4 段（例如 127.0.0.1）
error-address-ipv4-part-too-big = “{ $host }” 不是 IPv4 地址：{ $part } 大于 255
error-address-ipv4-empty-part = “{ $host }” 不是 IPv4 地址：有一段是空的
error-address-not-ipv4 = “{ $host }” 不是 IPv4 地址
error-address-no-port = “:” 后面缺少端口——例如 127.0.0.1:8080（写 0 则由内核选择）
error-address-port-out-of-range = 端口 { $port } 超出范围：端口是 0 到 65535
error-address-port-not-a-number = 端口 “{ $text }” 不是 0 到 65535 之间的数字

# 编码（src/encoding.rs）。
error-encoding-unknown = “{ $name }” 不是 socklab 能用来发送的编码——可选：{ $names }
error-encoding-unwritable = “{ $character }” 无法用 { $encoding } 编码——用 `encoding utf-8` 切换编码，或者把字节写成 x"…"

# 输入行本身（src/parse）：长度、引号、转义和字节。
error-line-too-long = 这一行有 { $len } 字节，上限是 { $max }——长数据请写成 "..."*COUNT
error-line-longer-than = 这一行超过了 { $max } 字节——长数据请写成 "..."*COUNT
error-nul-byte = 行里有 NUL 字节——要发送它，请在引号里写 \0
error-ampersand-alone = “&” 让命令在后台运行；请把它放在命令后面：accept srv &
error-nothing-after-equals = “=” 后面什么都没有——请写一个创建句柄的命令：srv = socket tcp
error-bad-handle-name = “{ $name }” 不是合法的句柄名——以字母开头，后面是字母、数字、“_” 或 “-”（最多 32 个）
error-repeat-needs-count = 数据后的 “*” 需要一个次数："ab"*1000
error-repeat-too-long = { $len } × { $count } 字节超过了 16 MiB 的上限
error-space-after-quote = 右引号后面应该有一个空格
error-unterminated-quote = 引号没有闭合——请用 { $quote } 闭合
error-hex-escape = “\x” 后面需要两位十六进制数字：\x41
error-unknown-escape = 未知的转义 “{ $escape }”——可用 \n \r \t \0 \\ \" \' 或 \xNN
error-unterminated-hex = 十六进制数据没有闭合——请用 " 闭合：x"48 65"
error-not-hex-digit = “{ $char }” 不是十六进制数字——x"..." 接受成对的数字，例如 48 65 6c
error-odd-hex-digits = 十六进制数据的位数是奇数——每个字节两位：x"0a 0b"
error-not-utf8 = 字节 0x{ $byte } 不是有效的 UTF-8——请在引号里把字节写成 \xNN
error-not-encoding = 第 { $column } 列的字节 0x{ $byte } 既不是 UTF-8，也不是 { $encoding }（会话的编码）——请把文件保存为其中一种，或者在引号里把字节写成 \xNN
error-not-encoding-line = 第 { $line } 行：第 { $column } 列的字节 0x{ $byte } 既不是 UTF-8，也不是 { $encoding }（会话的编码）——请把文件保存为其中一种，或者在引号里把字节写成 \xNN

# 行首的命令和它前面的名字（src/command/mod.rs）。
error-unknown-command-near = 未知命令 “{ $word }”——你是不是想写 “{ $near }”？
error-unknown-command = 未知命令 “{ $word }”——输入 help 查看命令列表
error-not-in-background = “{ $verb }” 不会阻塞，所以不能在后台运行——只有 { $verbs } 可以加 “&”
error-names-no-data = “{ $verb }” 不创建句柄，也不返回可以命名的数据——socket、socketpair 和 accept 给它们创建的句柄命名（srv = socket tcp）；recv、recvfrom 和 recvall 给它们收到的字节命名（data = recv conn 1024）
error-data-one-name = “{ $verb }” 只把字节存在一个名字下；其余的由这一步显示：{ $name } = { $verb } …
error-data-name-background = 数据名保存的是前台接收返回的内容——去掉 “&” 再运行，才能保存 ${ $name }
error-too-many-names = “{ $verb }” 创建 { $creates } 个句柄，却给了 { $count } 个名字
error-socketpair-one-name = socketpair 创建两个句柄：请给两个都命名，例如 a, b = socketpair
error-name-reserved = 后台任务 [{ $job }] 将创建 “{ $name }”——请换一个名字
error-handle-exists = 句柄 “{ $name }” 已经存在——先关闭它，或者换一个名字
error-name-is-command = “{ $name }” 是命令名；请换一个句柄名
error-named-twice = “{ $name }” 被命名了两次
error-not-from-cache = { $verb } 不能从解析缓存中运行

# 各个命令自己的错误（src/command/*.rs）。
error-not-a-host = “{ $name }” 不是实验室中的主机——主机是 a 和 b
error-spawn-missing-command = 缺少 CMD——要启动的程序：spawn py = python3 server.py——用法：{ $usage }
error-socket-kind-not-here = { $kind } 不在可选范围内：{ $choices }
error-socket-type-unsupported = socklab 创建 SOCK_STREAM 和 SOCK_DGRAM 套接字（AF_UNIX 还有 SOCK_SEQPACKET），不支持 “{ $word }”
error-socket-family-unsupported = socklab 创建 AF_INET、AF_INET6 和 AF_UNIX 套接字，不支持 “{ $word }”
error-not-a-language = socklab 不支持 “{ $word }” 这种语言——可选 en、ru 或 zh
error-not-a-signal = “{ $word }” 不是 kill 能发送的信号——可选：{ $signals }
error-not-a-job = “{ $word }” 不是任务编号，也不是程序名——用 jobs 可以列出它们：wait 1
error-not-a-state = “{ $word }” 不是 TCP 状态，也不是 readable/writable；状态有：{ $states }
error-await-timeout = TIMEOUT 必须是时长，例如 500ms 或 2s，而不是 “{ $word }”
error-await-closed = { $handle } 已关闭：对它只能等待 TCP 状态
error-await-wire-off = await wire 需要线路视图：先执行 `wire on`（它需要 CAP_NET_RAW，或 --sandbox）
error-no-handle-named = 没有名为 “{ $handle }” 的句柄
error-close-shared = { $handle } 仍被一个后台任务共用；什么都没有关闭
error-nothing-to-background = “{ $verb }” 不会阻塞，所以没有什么可以放到后台——只有 { $verbs } 可以加 “&”
error-watch-zero = 监视器每次调用的 N 至少为 1 字节（默认 1024）
error-already-watched = { $name } 已经由任务 [{ $job }] 监视
error-watch-listening = { $name } 正在监听：没有数据可接收——accept { $name } & 会在后台接受一个连接
error-not-watched = 没有谁在监视 { $name }——先执行：watch { $name }
error-option-level = { $option } 是 { $level } 层级的选项，而不是 { $given }
error-unknown-option-near = 未知选项 “{ $word }”——你是不是想写 “{ $near }”？
error-unknown-option = 未知选项 “{ $word }”——`help setsockopt` 会列出全部选项

# 实验网络的链路、选项、sample 和 wire（src/command/link.rs、option_value.rs、sample/、wire.rs）。
error-what-delay = 延迟
error-what-jitter = 抖动
error-what-loss = 丢包率
error-what-duplication = 重复率
error-what-corruption = 损坏率
error-what-reordering = 乱序率
error-link-not-a-direction = “{ $word }” 不是方向——请写 a->b 或 b->a
error-link-delay-no-unit = “{ $word }” 没有单位：请写 { $word }ms 或 { $word }s（{ $what }的范围是 0ms 到 60s）
error-link-not-a-delay = “{ $word }” 不是 0ms 到 60s 之间的{ $what }——请写成 50ms、1.5s 或 0 这样的形式
error-link-percent-no-unit = “{ $word }” 没有单位：请写 { $word }%（{ $what }的范围是 0% 到 100%）
error-link-not-a-percent = “{ $word }” 不是 0% 到 100% 之间的{ $what }——请写成 2%、0.5% 或 100% 这样的形式
error-link-not-a-queue-length = “{ $word }” 不是队列长度——请写 1 到 100000 之间的包数，例如 64
error-link-not-a-rate = “{ $word }” 不是 1kbit 到 10gbit 之间的速率——请写成 10mbit、500kbit 或 1.5gbit 这样的形式（每秒比特数；off：不限速）
error-link-copies-twice = “copies” 写一次就够了
error-link-copies-drop = drop 会丢掉一个条目的所有副本：“copies” 只用于 deliver
error-link-not-a-held-number = “{ $word }” 不是像 #3 这样的扣留编号
error-link-not-a-pick = “{ $word }” 不是数量（1、2、…）、all、像 #3 这样的扣留编号、报文段的种类（a->b、b->a、SYN、FIN、RST、ACK、SYN,ACK、data、udp、tcp），也不是 copies
error-link-next-only = { $verb } 作用于下一个报文段：{ $verb } next [a->b|b->a]
error-link-nothing-held = 链路上没有扣留任何东西——`link hold` 会扣留接下来到达的报文段
error-link-held-copies = #{ $number }（已投递报文段的副本）
error-link-not-held = 没有扣留 #{ $number } 号报文段——当前扣留的有：{ $held }
error-link-only-copies = 扣留的只有已投递报文段的副本（{ $held }）：`{ $verb } #K` 作用于它们
error-link-none-chosen = 扣留的报文段中没有你要的——当前扣留的有：{ $held }（`link` 会列出它们）
error-option-takes = { $option } 接受{ $what }，而不是 “{ $word }”
error-option-takes-seconds = 整秒数（5）或时长（5s、2min）
error-option-takes-millis = 毫秒数（800）或时长（800ms、3s）
error-option-takes-linger = off、整秒数（2；为 0 时 close 会发送 RST）或时长（2s）
error-option-takes-timeout = 时长，例如 1.5s 或 200ms（不带单位的数字是秒；0 或 off：不设超时）
error-option-takes-int = 整数
error-option-too-long = { $word } 对 { $option } 来说太长了：内核最多能存 { $max } { $unit ->
        [seconds] 秒
        [milliseconds] 毫秒
       *[microseconds] 微秒
    }
error-option-read-only = { $option } 是只读的——请用 getsockopt
error-sample-too-many = every { $every } for { $duration } 超过了 { $max } 个采样——请降低采样频率
error-sample-not-a-time = “{ $word }” 不是 “{ $what }” 可用的时间（{ $from } 到 { $to }）——请写成 50ms、3s 或 2m 这样的形式
error-sample-file-kind = “{ $name }” 既不是 .csv 也不是 .svg 文件——sample 把采样存为 CSV，把图存为 SVG
error-sample-not-a-field = “{ $word }” 不是 sample 认识的字段——字段有：{ $fields }；其后可写 every D、for D、save FILE
error-sample-confined = 课程不能写文件：sample … save 在 socklab test 和 play 中被拒绝——要保存，请把文件当作你自己的脚本运行：socklab run FILE
error-sample-not-tcp = { $handle } 不是 TCP 套接字：sample 读取的 TCP_INFO 只属于 TCP
error-cannot-write = 无法写入 “{ $name }”：{ $reason }
error-wire-confined = 课程不能写文件：wire { $verb } 在 socklab test 和 play 中被拒绝——要保存抓到的报文，请把文件当作你自己的脚本运行：socklab run FILE
error-wire-off = 线路视图是关闭的：什么都没有抓到——先执行 wire on
error-graph-no-connection = { $handle } 没有可画的连接——wire graph 画的是已连接的 TCP 套接字的连接
error-graph-no-segment = 线路记录中没有 { $handle } 这个连接的报文段（{ $from } → { $to }）：wire graph 画的是线路视图（wire on）或实验室看到的内容

# 选项以整单位计数的时长。
error-option-not-whole-one = { $option } 以整{ $unit ->
        [seconds] 秒
        [milliseconds] 毫秒
       *[microseconds] 微秒
    }计数：{ $word } 不是整数个——要写 { $above } 吗？
error-option-not-whole = { $option } 以整{ $unit ->
        [seconds] 秒
        [milliseconds] 毫秒
       *[microseconds] 微秒
    }计数：{ $word } 不是整数个——要写 { $below } 还是 { $above }？

# `record FILE or off`：两个名字之间的词。
error-what-FILE-or-off = FILE 或 off
error-lang-in-lesson = 课程不能切换语言——请用 --lang ru、--lang zh 或 --lang en 来运行它
error-cannot-open-script = 无法打开脚本“{ $path }”：{ $reason }

## ---- end of section errors ----


## ---- section lab-errors: the lab's, the wire's, spawn's and the session's own errors ----

# 实验室的命名空间（src/lab/netns.rs）。$reason：errno 的说明。
lab-error-too-many-namespaces = 无法为实验室创建网络命名空间：网络命名空间的数量已达上限（user.max_net_namespaces）
lab-error-namespace-refused = 无法为实验室创建网络命名空间（{ $reason }）：请以 root 运行，或在允许非特权用户命名空间的系统上运行
lab-error-loopback = 无法启用实验室的 lo：{ $reason }
lab-error-hold-namespace = 无法保持实验室的命名空间：{ $reason }
lab-error-thread = 无法启动线程：{ $reason }
lab-error-thread-failed = 负责命名空间的线程出错了
lab-error-enter-namespace = 无法进入实验室的命名空间：{ $reason }

# netlink 与网络接口（src/lab/setup.rs）。
lab-error-netlink = netlink：{ $reason }
lab-error-no-interface = 没有接口 { $name }：{ $reason }

# 主机的抓包点（src/lab/taps.rs）。
lab-error-tap-socket = 实验室无法打开包套接字：{ $reason }
lab-error-tap-filter = 实验室无法给包套接字设置过滤器：{ $reason }
lab-error-tap-bind = 无法绑定实验室的抓包点（tap）：{ $reason }

# 转发器（src/lab/relay/mod.rs）。$name：va 或 vb。
lab-error-relay-socket = 实验室的转发器无法打开包套接字：{ $reason }
lab-error-relay-bind = 无法把转发器绑定到 { $name }：{ $reason }
lab-error-relay-eventfd = eventfd：{ $reason }
lab-error-relay-ring = 转发器的环形缓冲区：{ $reason }
lab-error-relay-thread = 无法启动转发器：{ $reason }
# 链路为什么没有快速路径（link 的 JSON，no_kernel_path）。
lab-error-fast-path-not-asked = 没有要求使用

# 链路的快速路径（src/lab/kernel_path.rs）。
lab-error-bpf-map = BPF 映射：{ $reason }
lab-error-bpf-ring = BPF 环形缓冲区：{ $reason }
lab-error-bpf-program = 链路的程序：{ $reason }
lab-error-bpf-attach = 挂载链路的程序失败：{ $reason }
lab-error-bpf-programs = 链路的程序

# 搭建实验室（src/lab/mod.rs）。$side：va 或 vb。
lab-error-quiet = 无法让实验室的 { $side } 保持安静：{ $reason }
lab-error-early-retrans = 无法设置实验室的 tcp_early_retrans：{ $reason }

# sysctl HOST NAME[=VALUE]（src/lab/sysctl.rs）。$name：设置项的名字。
lab-error-sysctl-read-only = { $name } 是只读的：它由内核给出，告诉你内核提供了什么
lab-error-sysctl-not-listed = { $name } 不是实验室主机可以拥有的设置项——sysctl 只读取和设置它列出的、每台主机各自独立的 TCP 和 IP 设置项（help sysctl），因为其他设置项可能作用于整台机器
lab-error-sysctl-not-listed-near = { $name } 不是实验室主机可以拥有的设置项（你是不是想用 { $near }？）——sysctl 只读取和设置它列出的、每台主机各自独立的 TCP 和 IP 设置项（help sysctl），因为其他设置项可能作用于整台机器
lab-error-sysctl-not-whole = { $name } 取 { $low } 到 { $high } 之间的整数，而不是 '{ $value }'
lab-error-sysctl-out-of-range = { $n } 超出了 { $name } 的范围：{ $low } 到 { $high }
lab-error-sysctl-not-numbers = { $name } 取 { $count } 个整数，例如 { $name }={ $example }，而不是 '{ $value }'
lab-error-sysctl-not-in-order = { $name } 的几个数要从小到大排列，例如 { $example }，而不是 '{ $value }'
lab-error-sysctl-no-such-congestion = '{ $value }' 不是这个内核拥有的拥塞控制算法——它有：{ $known }（net.ipv4.tcp_available_congestion_control）
lab-error-sysctl-not-per-host = 这个内核没有每台主机各自的 { $name }（主机的 /proc/sys 里没有它），所以实验室无法只为一台主机设置它
lab-error-sysctl-not-allowed = 实验室的主机不能选择 { $value }：网络命名空间只能使用 net.ipv4.tcp_allowed_congestion_control 中的算法（{ $allowed }），这个列表由机器的管理员设定
lab-error-sysctl-kernel-refused = 内核拒绝了 { $name } = { $value }：它不接受这个值（EINVAL）
lab-error-sysctl-cannot-set = 无法设置 { $name }：{ $reason }
lab-error-sysctl-cannot-read = 无法读取 { $name }：{ $reason }

# 线路视图的抓包（src/wire/mod.rs）。
wire-error-no-cap-net-raw = 线路视图需要 CAP_NET_RAW 才能打开包套接字（AF_PACKET）：请以 root 运行 socklab，或者赋予它这项权能（sudo setcap cap_net_raw+ep $(which socklab)），或者运行 socklab --sandbox
wire-error-socket = 无法打开包套接字：{ $reason }
wire-error-no-loopback = 没有回环接口 'lo'：{ $reason }

# 启动的程序（src/spawn/mod.rs）。$names：正在运行的程序名，以 ", " 分隔。
spawn-error-name-taken = 名为 '{ $name }' 的程序已经在运行了——给这个程序另起一个名字：spawn NAME = CMD …
spawn-error-no-such = 没有名为 '{ $name }' 的程序在运行（用 spawn 启动程序）
spawn-error-no-such-running = 没有名为 '{ $name }' 的程序在运行（正在运行的有：{ $names }）
# wait 的错误中接在“没有名为 'x' 的程序在运行”之后的部分（前面的空格由代码写出）。
spawn-error-hint-none = （用 spawn 启动程序）
spawn-error-hint-running = （正在运行的有：{ $names }）
spawn-error-pipe = 无法为它的输出创建管道：{ $reason }
spawn-error-start = 无法启动 '{ $program }'：{ $reason }
spawn-error-signal = 无法向 '{ $name }' 发送信号：{ $reason }

# socklab 自己的命名空间（src/sandbox.rs）：用于 --sandbox，或用于课程的私有网络。
session-error-sandbox-no-userns = --sandbox 需要用户命名空间和网络命名空间（{ $reason }）：这个系统不允许非特权用户命名空间（参见 sysctl user.max_user_namespaces，Ubuntu 上还有 kernel.apparmor_restrict_unprivileged_userns）
session-error-lessons-no-userns = 课程的私有网络需要用户命名空间和网络命名空间（{ $reason }）：这个系统不允许非特权用户命名空间（参见 sysctl user.max_user_namespaces，Ubuntu 上还有 kernel.apparmor_restrict_unprivileged_userns）
session-error-sandbox-map = --sandbox：无法写入 { $path }：{ $reason }
session-error-lessons-map = 课程的私有网络：无法写入 { $path }：{ $reason }
session-error-sandbox-loopback = --sandbox：无法启用 lo：{ $reason }
session-error-lesson-network = 无法为课程创建私有网络（{ $reason }）：请以 root 运行 socklab，或在允许非特权用户命名空间的系统上运行——或者加上 --host-net，让课程在本机网络中运行
session-error-lesson-loopback = 无法启用课程的 lo：{ $reason }
# $reason：上面的某条信息。
session-error-for-lessons = { $reason }；要让课程在本机网络中运行，请加上 --host-net

# shell 的历史文件（src/history.rs）。
session-error-history-read = 无法读取历史文件 { $path }：{ $reason }（本次会话的输入行只保存在内存中）
session-error-history-write = 无法写入历史文件 { $path }：{ $reason }（本次会话的输入行只保存在内存中）

# 会话（src/session/）。$full：内存预算为什么拒绝（它已用满）。
session-error-receive-buffer = 接收 { $len } 字节还需要再加 { $more } 的缓冲区，而 { $full }——请每次少接收一些
# $what：要占用内存的东西（“保存 $name”、recvall 的缓冲区 …）。
session-error-memory = { $what } 需要 { $bytes } 内存，而 { $full }（已用 { $used }）——请少要一些，或者等先前的工作结束
session-error-keeping-data = 保存 ${ $name }
session-error-no-programs-in-lessons = 课程不能启动程序（它是数据，不是程序）：spawn 只能在交互 shell 和 socklab run 中使用
session-error-no-lab = 网络实验室没有运行：请启动 socklab --lab（或带 #! lab 的记录文件）
session-error-no-lab-for-host = @HOST 指的是网络实验室中的主机，而实验室没有运行：请启动 socklab --lab
session-error-no-handle = 没有名为 '{ $name }' 的句柄
session-error-not-yet = '{ $name }' 还不存在：后台任务 [{ $job }] 会创建它（wait { $job }）
session-error-bad-unix-address = 无效的 unix 地址：{ $reason }
session-error-handle-address = 无法读取 { $name } 的地址：{ $reason }
session-error-lab-no-name-service = 实验室里没有域名服务，所以不会查找 '{ $host }'：它的主机是 a 和 b（b:80 就是 192.0.2.2:80），句柄的名字就是它在所在主机上的地址（connect cli srv），localhost 是主机自己的回环地址
session-error-lesson-no-name-service = 课程不查找主机名（'{ $host }'）：请用 127.0.0.1、[::1] 或 localhost——或者用 socklab run 把这个文件当作你自己的脚本运行
session-error-lesson-unix-path = 课程中 unix 套接字的路径相对于课程自己的临时目录：请写 ./name.sock，而不是 '{ $path }'（课程中不允许绝对路径和 ..；@name 是抽象套接字；socklab run 会把文件当作你自己的脚本运行）
session-error-cannot-resolve = 无法解析 '{ $host }'：{ $reason }
session-error-no-address = '{ $host }' 没有地址

## ---- end of section lab-errors ----


## ---- section diagram: the words of pictures (diagram, ladder, graph, html) ----

# 时间间隔：之后的事发生前过去的时间（$time：`42 ms`、`1.02 s`）。
diagram-gap-later = 稍后
diagram-gap-later-between = 稍后，在两步之间
diagram-gap-between = { $time } 后，在两步之间
diagram-gap-after-call = 调用后 { $time }

# 图例：普通箭头之外的标记。
diagram-legend-retransmission = 重传（再次发送）
diagram-legend-lost = 在途中丢失或被丢弃
diagram-legend-held = 扣留在实验室的链路上
diagram-legend-zero-window = win=0：接收方已无法再接收任何数据

diagram-no-segments = （没有报文段）

diagram-title-step = { $name }，第 { $step } 步
diagram-title-steps = { $name }，第 { $from }–{ $to } 步
diagram-title-steps-on = { $name }，从第 { $from } 步起
diagram-title-narrated = { $name } — { $first }

# 时间序列图：一个方向上的数据。
diagram-graph-title-order = { $from } → { $to }：序号随报文段顺序的变化 — { $title }
diagram-graph-title-time = { $from } → { $to }：序号随时间的变化（{ $near } → { $far }）
diagram-graph-counts = 共 { $data } 个数据报文段，其中 { $again } 个重传，{ $lost } 个在链路上丢失
diagram-graph-axis-time = 时间（秒）
diagram-graph-axis-order = 报文段的先后顺序（记录中没有时间）
diagram-graph-axis-sequence = 序号（字节，相对值）
diagram-graph-legend-data = 数据报文段
diagram-graph-legend-retransmission = 再次发送（重传）
diagram-graph-legend-lost = 在实验室的链路上丢失
diagram-graph-legend-ack = ACK（累积确认）
diagram-graph-legend-window = 接收窗口（ACK + win）
diagram-graph-legend-sack = SACK 块

diagram-session-title = socklab 会话

## ---- end of section diagram ----


## ---- section export: what export and translate write for a person (comments, notes, what could not be translated) ----


# 导出程序的开头（Python 和 C）：它从哪里来，怎样工作。
export-exported-by = { $source } — 由 socklab 导出
export-python-about =
    每一步对应 socklab 的一行（以注释的形式写在这一步上方）；程序把
    每个结果与 socklab 记录的结果对照，只要有一个不同，就以 1 退出。
    内核选定的端口记作 PORT[1]、PORT[2] …
export-python-lab =
    这个会话是在 socklab 的网络实验室中运行的（两台主机，以及一条由
    socklab 控制的链路）；本程序只有一台主机，所以实验室的步骤都写成
    了注释，并标明“仅限 socklab 实验室”。
export-c-about =
    每一步对应 socklab 的一行（以注释的形式写在这一步上方）；程序把
    每个结果与 socklab 记录的结果对照，只要有一个不同，就以 1 退出。
    内核选定的端口记作 PORT[1]、PORT[2] ...
    构建：cc -Wall -Wextra -Werror -o program program.c
    （如果 C 库比 glibc 2.34 旧，请加上 -pthread）
export-timeout-seconds = 单位为秒：本会话中阻塞调用和 await 的时限
export-timeout = 本会话中阻塞调用和 await 的时限
export-c-ports = [PORT1] .. 本会话用到的最大编号
export-c-jobs = 任务 [1] .. 本会话启动的最大任务编号
export-c-sockets = 本会话的套接字。
export-c-buf = recv 收到的数据放在这里
export-c-out = 要发送的长数据
export-c-sigpipe = 与 socklab 一样：得到 EPIPE，而不是进程被杀死
# 程序各步的注释。
export-sent-before = 下一行一直等到发出的报文段比这些多
export-job-never-shown = 未导出：任务 [{ $job }] 的调用（它在会话中一直没有结束，所以 socklab 从未显示它）
export-c-job-not-exported = 未导出到 C：任务 [{ $job }]（它的调用在会话中一直没有结束，或者不是这里的任务能做的调用）
export-c-job-stop = 与 socklab 一样：发送信号，得到 EINTR
export-c-job-function = 任务 [{ $job }]：{ $call }
export-not-watched = （当时并没有在 watch { $handle }）
export-wait = （wait：每个任务的结果在下面它结束的地方取得）
export-await-acked = socklab 显示的是报文段本身；程序等待的是它带来的结果：这些字节得到确认
export-await-nothing-open = 未导出：程序没有打开的套接字来发送所等待的报文段
export-python-await-segment = socklab 显示的是报文段本身；程序看到的是它的套接字已发送报文段的计数在增长
export-c-await-segment = socklab 显示的是报文段本身；程序看到的是它的各个套接字已发送报文段的计数在增长
export-python-encoding = 从这里开始，文本使用 { $encoding } 编码：.encode("{ $encoding }") 和 .decode("{ $encoding }")
export-c-encoding = 从这里开始，文本使用 { $encoding } 编码：下面的字节都是这种编码
export-python-job-stopped = socklab 中这个任务以 EINTR 结束：它被信号中断；这里是上面的 shutdown 让它结束的
export-python-stopped = 已停止，与 socklab 中一样
export-keep-ends = 以便之后找到它的连接
export-python-what-fitted = 缓冲区装得下的部分
# 保留为注释的行，以及原因。
export-why-lab = 仅限 socklab 实验室：这是网络实验室的步骤；只在一台主机上运行的程序没有与之对应的操作
export-why-socklab-only = 仅限 socklab：这是 socklab 自己的显示，程序在这里不做任何调用
export-why-refused = socklab 拒绝了这一行（没有发出任何调用）：{ $message }
export-why-no-counterpart = 未导出：本程序中没有如实对应的写法（这是 socklab 自己的测量或循环）
export-error-empty = 这份记录里没有命令：没有可导出的内容
# 交互界面中 `export python|c FILE` 导出的程序来自哪里。
export-this-session = 本次会话
# Markdown 页面（docs/export.md）。
export-page-title = { $source } 的三种形式
export-page-about = `socklab export LESSON|FILE --to python|c` 把一份记录写成学生自己的程序；在交互 shell 里，`export python FILE` 和 `export c FILE` 写出到目前为止的会话。每个程序发出同样的调用，socklab 的每一行对应一个调用（这一行就是调用上方的注释），把每个结果与记录的结果对照，只要有一个不同就以 1 退出。网络实验室的步骤（hold、deliver、drop、host、link …）和 socklab 自己的显示（ls、jobs、wire …）保留为带标记的注释。后台任务（`&`、`watch`）写成线程。
export-page-transcript = 记录
# socklab translate：脚本中的注释，以及没有翻译的内容。
translate-header = { $name }，由 socklab translate 翻译：程序中的套接字调用，每行一个，每行都标注了程序中的行号。
translate-note = 注：{ $note }  # { $place }
translate-left-out = 未翻译：{ $text }  # { $place } — { $why }
translate-untranslated = 未翻译（{ $count } 行；每一行都作为注释留在脚本中）：
translate-why-script-full = 脚本已达到 { $bytes } 字节：其余部分略去
translate-why-too-deep = 代码块嵌套超过 { $depth } 层：略去
translate-why-while = 循环：循环体在下面只写一次；要多跑几轮，就把那几行重复写
translate-why-except = 异常处理：socklab 会直接显示 errno
translate-why-def = 函数：socklab 每行执行一个调用，所以函数里的调用没有写出
translate-why-unknown-block = socklab 没有对应写法的 Python 语句
translate-why-condition = 只有运行中的程序才能判断的条件：其中的行略去
translate-why-loop = 遍历只有运行中的程序才知道的内容的循环：其中的行略去
translate-why-unrolled = 循环总共已展开 { $count } 次：其余部分略去
translate-why-variable = 只有运行中的程序才知道其值的变量
translate-why-print = print：socklab 会自己显示每个调用的结果
translate-why-input = input()：socklab 不替程序读取输入；请把文本直接写进这一行
translate-why-not-a-call = 不是 socklab 认识的套接字调用

# 辅助函数的注释（runtime.py、runtime.c）。
export-helper-differ = 报告一个与 socklab 记录不一致的结果。
export-helper-check-errno = 调用失败了：errno 是否与 socklab 看到的一样？
export-helper-check-port = {"["}PORTn]：第一次是内核选定的端口；之后必须是同一个。
export-helper-recvall = 反复 recv，直到正好收到 n 个字节，或者对端关闭（即 socklab 的 recvall）。
export-helper-ioctl-int = 读取一个 int 的 ioctl：FIONREAD（可读的字节数），TIOCOUTQ（尚未被确认的字节数）。
export-helper-poll-events-py = 对 POLLIN|POLLPRI|POLLOUT|POLLRDHUP 调用 poll(2)：按名字给出每个套接字的事件。
export-helper-await-ready = 等待（最多 TIMEOUT），直到套接字可读或可写。
export-helper-proc-net-state-py = 连接 local-peer 在 /proc/net/tcp[6] 中的状态（None：不在表中）。
export-helper-tcp-state-py = 套接字的 TCP 状态（TCP_INFO）；close 之后则是内核仍保留着的那个连接的状态。
export-helper-await-state-py = 反复查看 TCP 状态，直到它变成 `want`（最多 TIMEOUT）：状态变化时没有任何事件通知。
export-helper-segments-sent = 这些 TCP 套接字已发送的报文段数（TCP_INFO 的 tcpi_segs_out）。
export-helper-await-segment-py = 等待（最多 TIMEOUT），直到这些套接字发送的报文段多于 `before`（在启动内核定时器的那一步之后立即计数）。
export-helper-await-acked-py = 等待（最多 TIMEOUT），直到 `acked` 个数据字节得到确认：socklab 看到的那个确认已经到达。（TCP_INFO 的 tcpi_bytes_acked 把 SYN 也算作一个字节。）
export-helper-job-py = 在独立线程上进行的调用（即 socklab 的 `CMD &`）；result() 等待它结束。
export-helper-job-result-py = 调用的返回值（它的异常在这里抛出）。
export-helper-job-stop-py = socklab 用信号（EINTR）停止任务中的调用。Python 会重试被信号中断的调用（PEP 475），所以这里改为对套接字执行 shutdown：调用以由此产生的错误结束。
export-helper-watch-py = 在线程上循环调用 recv(1024)（即 socklab 的 `watch`）；result() 取出下一个结果。
export-helper-watch-stop-py = socklab 会中断循环中的 recv（EINTR）；这里循环还会用 poll 查看一个停止用的管道。
export-helper-jobs-py = 后台调用和 watch 循环，按 socklab 的任务编号
export-helper-ports = 内核选定的端口（[PORT1] ...），即本次运行实际得到的端口
export-helper-where = 正在执行的步骤：它在 socklab 中的行号
export-helper-ends-py = 套接字的（local, peer）地址，保存下来以便在 close 之后找到它的连接
export-helper-shared-c = 下面的辅助函数是所有导出程序共用的；某个程序不一定全部用到。
export-helper-check-ok-c = socklab 看到成功的调用：recorded >= 0 是它的返回值，-2 表示任意值（一个新的 fd）。
export-helper-check-fails-c = socklab 看到以 errno `recorded` 失败的调用。
export-helper-inet-address-c = IPv4 或 IPv6 地址和端口，格式与 bind、connect 和 sendto 接受的一样。
export-helper-unix-address-c = Unix 套接字的地址：一个路径，或者（抽象地址）以 NUL 开头的名字。
export-helper-sendall-c = 反复 send，直到全部发出，或者某次调用失败（即 socklab 的 sendall）。
export-helper-poll-events-c = 对 POLLIN|POLLPRI|POLLOUT|POLLRDHUP 调用 poll(2)；每个 fd 的事件按名字写入 names[i]。
export-helper-ends-c = 套接字的地址，保存下来以便在 close 之后找到它的连接。
export-helper-proc-net-state-c = 连接在 /proc/net/tcp[6] 中的状态；不在表中则为 CLOSE。
export-helper-tcp-info-state-c = struct tcp_info 以 tcpi_state 开头
export-helper-await-state-c = 反复查看 TCP 状态，直到它变成 `want`（最多 TIMEOUT_MS）：状态变化时没有任何事件通知。
export-helper-segs-out-offset-c = Linux 的 struct tcp_info：tcpi_segs_out 是偏移 136 处的 u32（这个字段比 C 库自带的结构体定义更新）。
export-helper-await-segment-c = 等待（最多 TIMEOUT_MS），直到这些套接字发送的报文段多于 `before`（在启动内核定时器的那一步之后立即计数）。
export-helper-bytes-acked-c = 已确认的数据字节数：Linux 的 tcpi_bytes_acked（struct tcp_info 中偏移 120 处的 u64），减去它算作一个字节的 SYN。
export-helper-await-acked-c = 等待（最多 TIMEOUT_MS），直到 `acked` 个字节得到确认：socklab 看到的那个确认已经到达。
export-helper-job-c = 在独立线程上进行的调用（即 socklab 的 `CMD &`），或在线程上循环调用 recv（`watch`）：结果在这里等待，每个结果在 `ready` 中对应一个字节。
export-helper-watch-fd-c = watch：它读取的套接字
export-helper-watch-stop-pipe-c = watch：往这里写一个字节就结束循环
export-helper-jobs-c = 按 socklab 的任务编号
export-helper-job-start-c = 在独立线程上启动 `call`。
export-helper-watch-start-c = 在独立线程上启动循环调用 recv(fd, 1024)。
export-helper-job-result-c = 任务的下一个结果（最多等待 TIMEOUT_MS）：返回值，设置好的 errno，收到的数据在 buf 中，地址在 *addr 中。
export-helper-job-stop-c = socklab 用信号停止阻塞在调用中的任务：调用返回 EINTR。
export-helper-sa-restart-c = 不设 SA_RESTART：调用返回 EINTR
export-helper-unwatch-c = socklab 的 unwatch：循环结束。

## ---- end of section export ----


## ---- section tables: socket options' and lab settings' notes, await's and the budget's words ----

## 套接字选项：各自的含义（help options、docs/commands.md）。
opt-SO_REUSEADDR = 即使该端口上的旧连接还处于 TIME_WAIT，也能 bind
opt-SO_REUSEPORT = 允许多个套接字 bind 同一个地址和端口（每个都必须设置它）
opt-SO_KEEPALIVE = 对空闲的 TCP 连接发送保活探测（空闲 TCP_KEEPIDLE 秒之后）
opt-SO_BROADCAST = 允许向广播地址发送 UDP
opt-SO_RCVBUF = 接收缓冲区大小；Linux 会把设置的值翻倍（给它自己的管理数据留空间），所以设 4096 读回来是 8192，而且有下限
opt-SO_SNDBUF = 发送缓冲区大小；Linux 会把设置的值翻倍，同 SO_RCVBUF
opt-SO_RCVTIMEO = 阻塞的接收（或 accept）等这么久就放弃，返回 EAGAIN；0 或 off：一直等
opt-SO_SNDTIMEO = 阻塞的发送（或 connect）等这么久就放弃；0 或 off：一直等
opt-SO_LINGER = `off`，或 close 为未发出的数据等多久，单位秒（2 或 2s）；SO_LINGER 0 让 close 立即发送 RST
opt-SO_ERROR = 待处理的错误，读取后即清除：由它得知非阻塞 connect 的结果
opt-SO_TYPE = SOCK_STREAM、SOCK_DGRAM 或 SOCK_SEQPACKET
opt-SO_ACCEPTCONN = 套接字在监听时为 1
opt-TCP_NODELAY = 小报文段立即发送，不再等待（关闭 Nagle 算法）
opt-TCP_CORK = 扣住不满的报文段，直到拔掉“塞子”（或 200 毫秒）
opt-TCP_MAXSEG = 最大报文段长度
opt-TCP_KEEPIDLE = 发出第一个保活探测前的空闲时间，单位秒：5，或 5s、2min
opt-TCP_KEEPINTVL = 两次保活探测之间的间隔，单位秒：1，或 1s
opt-TCP_KEEPCNT = 多少个保活探测得不到回应就放弃连接（ETIMEDOUT）
opt-TCP_USER_TIMEOUT = 已发送的数据（或保活探测）最多可以多久得不到确认，超过就放弃连接（ETIMEDOUT），单位毫秒：800，或 3s；0：由内核的重传次数决定
opt-TCP_SYNCNT = connect 放弃之前重传 SYN 的次数（ETIMEDOUT）；覆盖 net.ipv4.tcp_syn_retries
opt-TCP_WINDOW_CLAMP = 这个套接字通告的最大接收窗口，单位字节
opt-TCP_QUICKACK = 立即确认，不推迟 ACK（内核之后会自己再把它关掉）
opt-IP_RECVERR = ICMP 错误（不可达等）一到就报告给套接字，而不只是体现在之后某次调用的 errno 上
opt-IP_TTL = 发出的 IPv4 数据包的生存时间（TTL）
opt-IP_TOS = IPv4 的服务类型（TOS）字节
opt-IPV6_V6ONLY = AF_INET6 套接字只用 IPv6，不接受 IPv4 映射地址的对端

## 实验室的设置：各自决定什么（help sysctl、docs/commands.md）。
sysctl-net-ipv4-tcp_syn_retries = connect 放弃之前发送 SYN 的次数（ETIMEDOUT）
sysctl-net-ipv4-tcp_synack_retries = 监听套接字为一个半开连接发送 SYN+ACK 的次数
sysctl-net-ipv4-tcp_syn_linear_timeouts = 前几次 SYN 重传间隔 1 秒，之后才退避
sysctl-net-ipv4-tcp_max_syn_backlog = 监听套接字保留的半开连接数
sysctl-net-ipv4-tcp_syncookies = SYN 队列满时用 cookie 应答（1），总是（2），从不（0）
sysctl-net-ipv4-tcp_abort_on_overflow = accept 队列满时重置新连接，而不是忽略它们的 ACK
sysctl-net-core-somaxconn = listen 的 backlog 最大可以是多少
sysctl-net-ipv4-tcp_retries1 = 重传多少次后 TCP 重新查询路由
sysctl-net-ipv4-tcp_retries2 = 数据重传多少次后放弃连接（ETIMEDOUT）
sysctl-net-ipv4-tcp_orphan_retries = 已没有任何套接字持有的连接的重传次数
sysctl-net-ipv4-tcp_rto_min_us = 最小重传超时，微秒
sysctl-net-ipv4-tcp_rto_max_ms = 最大重传超时，毫秒
sysctl-net-ipv4-tcp_early_retrans = 尾部丢包探测（3：开启；实验室主机起始为 0）
sysctl-net-ipv4-tcp_recovery = 用 RACK 检测丢包（位 1）
sysctl-net-ipv4-tcp_frto = 识别虚假的重传超时（F-RTO）
sysctl-net-ipv4-tcp_reordering = 多少个重复 ACK 表示丢包（快速重传）
sysctl-net-ipv4-tcp_max_reordering = TCP 最多容忍多大的乱序
sysctl-net-ipv4-tcp_thin_linear_timeouts = 对稀疏流不做 RTO 退避
sysctl-net-ipv4-tcp_sack = 选择性确认
sysctl-net-ipv4-tcp_dsack = 重复 SACK
sysctl-net-ipv4-tcp_timestamps = 时间戳（1：带随机偏移，2：不带）
sysctl-net-ipv4-tcp_window_scaling = 窗口缩放
sysctl-net-ipv4-tcp_ecn = 显式拥塞通知
sysctl-net-ipv4-tcp_ecn_fallback = 路径破坏 ECN 时退回不用 ECN
sysctl-net-ipv4-tcp_mtu_probing = 路径 MTU 探测
sysctl-net-ipv4-tcp_base_mss = MTU 探测起始的 MSS
sysctl-net-ipv4-tcp_keepalive_time = 发出第一个保活探测前空闲的秒数
sysctl-net-ipv4-tcp_keepalive_intvl = 两次保活探测之间的秒数
sysctl-net-ipv4-tcp_keepalive_probes = 多少个探测得不到回应就断开连接
sysctl-net-ipv4-tcp_fin_timeout = 孤儿连接在 FIN_WAIT2 等待的秒数
sysctl-net-ipv4-tcp_tw_reuse = 把 TIME_WAIT 的连接重用于新的外发连接
sysctl-net-ipv4-tcp_rfc1337 = TIME_WAIT 中收到 RST 不会提前结束它
sysctl-net-ipv4-tcp_rmem = 接收缓冲区：min,default,max，单位字节
sysctl-net-ipv4-tcp_wmem = 发送缓冲区：min,default,max，单位字节
sysctl-net-ipv4-tcp_moderate_rcvbuf = 按传输的需要增大接收缓冲区
sysctl-net-ipv4-tcp_adv_win_scale = 缓冲区中有多少拿来通告窗口
sysctl-net-ipv4-tcp_notsent_lowat = 未发送的字节超过多少时套接字不可写
sysctl-net-ipv4-tcp_slow_start_after_idle = 空闲一段时间后重新从慢启动开始
sysctl-net-ipv4-tcp_autocorking = 前面的写还在队列里等待时，扣住小的写
sysctl-net-ipv4-tcp_comp_sack_nr = 多少个 SACK 压缩成一个
sysctl-net-ipv4-tcp_congestion_control = 新连接的拥塞控制算法（reno、cubic …）
sysctl-net-ipv4-ip_default_ttl = 主机发出的数据包的 TTL
sysctl-net-ipv4-ip_local_port_range = 临时端口：low,high
sysctl-net-ipv4-ip_unprivileged_port_start = 普通用户可以 bind 的第一个端口
sysctl-net-ipv4-ip_no_pmtu_disc = 路径 MTU 发现关闭（1）或开启（0）
sysctl-net-ipv4-ipfrag_time = 分片的数据报等待缺失分片的秒数
sysctl-net-ipv6-ip6frag_time = IPv6 的同一设置
sysctl-net-ipv4-icmp_ratelimit = 向同一主机发送 ICMP 错误的间隔，毫秒
sysctl-net-ipv4-icmp_echo_ignore_all = 不回应 ping

## `help sysctl` 的第一行和最后一行。$names：只读的设置，以逗号分隔。
sysctl-help-heading = 实验室主机可以有的设置（NAME、取值、决定什么）：
sysctl-help-read-only = 只读：{ $names }

## `await` 的失败。$handle：句柄；$what：TCP 状态或 readable/writable（名字）；
## $timeout：等了多久（2s、500ms）；$now：实际是什么（await-now-… 之一、
## TCP 状态，或为什么没能查看）。
await-not-reached = { $handle } 在 { $timeout } 内没有变为 { $what }（现在是 { $now }）
await-now-with-connection = { $socket }；它的连接是 { $connection }，由内核持有，没有 fd
await-now-held = { $connection }，由内核持有，没有 fd
await-now-gone = 内核中已没有它
await-not-ready = 未就绪
await-poll-failed = poll 失败：{ $errno }
await-link-not-reached = { $timeout } 内没有报文段到达链路
await-wire-not-reached = { $timeout } 内没有报文段发到线路上

## 内存预算。budget-full 被其他消息作为 $full 引用；$limit 是大小（256 MiB）。
## budget-bytes：小于 1 KiB 的大小。
budget-full = 会话的内存预算（{ $limit }）已用满
budget-bytes = { $count } 字节

## ---- end of section tables ----


## ---- section python: what socklab says to a line written in Python ----


# 调用之外的 Python：整句，以及这一行是什么（$what）。
py-not-a-call = 这是 Python，而 socklab 每行只执行一个调用——{ $what }。请直接输入套接字调用本身，每行一个：`help` 列出这些调用，`help python` 显示 Python 的方法在 socklab 中怎么写，`socklab translate PROG.py` 可以把程序中的调用转换成脚本
py-what-print = socklab 会自己显示每个调用的结果，所以不需要 print
py-what-input = socklab 不会替程序读取输入：请把文本直接写进这一行
py-what-variable = socklab 没有变量：请把值写进每一行用到它的地方
py-what-import = import 语句在 socklab 中没有对应的写法
py-what-loop = 循环在 socklab 中没有对应的写法
py-what-conditional = 条件语句在 socklab 中没有对应的写法
py-what-function = 函数定义在 socklab 中没有对应的写法
py-what-class = 类定义在 socklab 中没有对应的写法
py-what-exceptions = 异常处理在 socklab 中没有对应的写法
py-what-with = with 块在 socklab 中没有对应的写法
py-what-return = return 语句在 socklab 中没有对应的写法
py-what-break = 循环中的 break 在 socklab 中没有对应的写法
py-what-continue = 循环中的 continue 在 socklab 中没有对应的写法
py-what-pass = pass 语句在 socklab 中没有对应的写法
py-what-declaration = 声明在 socklab 中没有对应的写法
py-what-raise = raise 语句在 socklab 中没有对应的写法
py-what-assertion = assert 断言在 socklab 中没有对应的写法
py-what-del = del 语句在 socklab 中没有对应的写法
# 套接字调用：socklab 的各行（$lines，用 py-lines-then 连接），其后每条说明放在括号里（py-aside）。
py-lines = 这是 Python 的调用写法——socklab 的写法是命令加参数：{ $lines }
py-lines-then = {"，然后 "}
py-aside = {"（"}{ $text }{"）"}
py-no-verb = 这是 Python 的 socket.{ $method }()，socklab 没有对应的命令：{ $note }
# 在 socklab 命令上使用 Python 的结果解包；$line 是 socklab 的那一行。
py-unpack-accept = Python 的 accept 返回 (conn, addr)；socklab 的 accept 只创建一个句柄，并在这一步的输出中显示对端地址：{ $line }
py-unpack-recv = socklab 的 { $verb } 把读到的字节保存在一个名字下，其余内容（收到了多少）显示在这一步的输出中：{ $line }
py-unpack-recvfrom = socklab 的 { $verb } 把读到的字节保存在一个名字下，其余内容（发送方地址，from:）显示在这一步的输出中：{ $line }
py-unpack-address = socklab 会在这一步的输出中显示 { $verb } 的返回值（地址），不需要给它起名字：{ $line }
py-unpack-value = socklab 会在这一步的输出中显示 { $verb } 的返回值（选项的值），不需要给它起名字：{ $line }
py-unpack-sent = socklab 会在这一步的输出中显示 { $verb } 的返回值（内核接收了多少字节），不需要给它起名字：{ $line }

# 这一行需要、但只有运行中的程序才知道的值；$what 是 py-arg-… 中的一个名称，$placeholder 是 socklab 行中占位的内容。
py-missing-variable-data = { $name } 是 Python 变量，而 socklab 要求把{ $what }直接写在这一行里：请在这一行的 { $placeholder } 处填入它的值；如果 { $name } 是接收调用返回的数据，就给它起名保存（{ $name } = recv conn 1024），再发送 ${ $name }
py-missing-variable = { $name } 是 Python 变量，而 socklab 要求把{ $what }直接写在这一行里：请在这一行的 { $placeholder } 处填入它的值
py-missing-expression = { $expression } 要由运行中的程序计算，而 socklab 要求把{ $what }直接写在这一行里：请在这一行的 { $placeholder } 处填入它的值
py-missing-other = socklab 无法把它写成{ $what }：请在这一行的 { $placeholder } 处填入
py-unknown-encoding = '{ $encoding }' 不是 socklab 认识的编码（help encoding 会列出可用的编码）：数据仍使用本次会话的编码
py-note-str = Python 3 在这里不接受 str，会报 TypeError——它发送的是 bytes：b'…' 或 '….encode()'；socklab 则按本次会话的编码 { $encoding } 发送这段文本
py-arg-constant = 套接字常量
py-arg-backlog = 监听队列长度（backlog）
py-arg-size = 大小
py-arg-level = 层级（level）
py-arg-option = 选项
py-arg-value = 值
py-arg-seconds = 秒数
py-arg-socket = 套接字
py-arg-text = 文本
py-arg-data = 数据
py-arg-address = 地址
py-arg-port = 端口
py-arg-host = 主机
py-arg-flags = 标志（flags）

## ---- end of section python ----
