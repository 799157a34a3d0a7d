# socklab's messages in English: the file every other language follows
# (i18n-embed-fl checks each `t!` against it at compile time).
#
# What is a name stays a name: system calls, errno names, TCP states,
# flags, option names, handle names and commands are arguments or words
# written as they are, never translated.


## ---- section language: the language itself (--lang, the lang command) ----

lang-now = Messages are in English now (names, commands and JSON stay as they are).
lang-current = language: { $name } ({ $code }) — lang en, lang ru or lang zh changes it
lang-name-en = English
lang-name-ru = Russian
lang-name-zh = Simplified Chinese

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

# The why line: a cause socklab told apart (command::why).

why-peer-crashed = host { $host } crashed (host { $host } crash) and came back with no TCP state: it knows no such connection, so it answered what this socket sent with RST
why-not-established = the connection is not established yet (SYN_SENT: the handshake has not finished), and a nonblocking send does not wait for it — await H ESTABLISHED (or poll H out), then send
why-syn-retries = no answer to the SYN: the kernel sent it again and again and gave up — net.ipv4.tcp_syn_retries (or TCP_SYNCNT on the socket) decides how long
why-syn-user-timeout = no answer to the SYN before TCP_USER_TIMEOUT (set on this socket) ran out, or tcp_syn_retries, whichever came first: the kernel gave the connection up
why-user-timeout = TCP_USER_TIMEOUT is set on this socket: what it sent (data, or a keepalive probe) stayed unacknowledged longer than that, so the kernel gave the connection up
why-keepalive = SO_KEEPALIVE: the connection was idle, and TCP_KEEPCNT keepalive probes (TCP_KEEPINTVL apart, after TCP_KEEPIDLE of quiet) went unanswered — the peer is gone
why-window-probes = the peer's window was shut (0), and the probes asking whether it had opened went unanswered net.ipv4.tcp_retries2 times — the peer is gone
why-data-retries = sent data was never acknowledged: the kernel retransmitted it, each time later, until net.ipv4.tcp_retries2 (15 by default: about 15 minutes) ran out, and gave the connection up
why-listener-data = this socket is listening: it takes connections (accept), it carries no data itself — each connection's data goes over the socket accept returns for it
why-listener-connect = this socket is listening: it takes connections, it cannot make one — a client is a socket of its own (socket, then connect)
why-rcvtimeo-ran-out = SO_RCVTIMEO ran out: the socket is blocking, but its wait is cut short after that long, and nothing came in time — EAGAIN is how that timeout ends (the socket is not nonblocking)
why-sndtimeo-ran-out = SO_SNDTIMEO ran out: the socket is blocking, but its wait for room in the send buffer (the peer is not reading) is cut short after that long — EAGAIN is how that timeout ends (the socket is not nonblocking)
why-connect-sndtimeo = SO_SNDTIMEO ran out while connect waited for the handshake: the socket is blocking, but connect's wait is cut short after that long, and the handshake goes on — await H ESTABLISHED (or poll H out), then getsockopt H SO_ERROR
why-port-listener = a socket listens on this port (below): SO_REUSEADDR never lets a bind share a port with a listener — close it, or bind another port
why-port-reuse-not-both = SO_REUSEADDR is set on this socket, but on Linux a bind shares a port with a connection (TIME_WAIT too) or a bound socket only if that socket had SO_REUSEADDR as well — an accepted connection has its listener's, so a server sets it on its listener before bind; now wait for the connection below to go, or bind another port
why-port-set-it-here = what holds this port (below) has SO_REUSEADDR and is not listening, but this socket has not: setsockopt H SO_REUSEADDR 1 before bind, and it will share the port
why-port-set-it-both = another socket holds this port (below), and this socket has no SO_REUSEADDR: set it before bind (setsockopt H SO_REUSEADDR 1) — on Linux that is enough only if the socket holding the port had it too (an accepted connection has its listener's)
why-port-udp = another UDP socket is bound to this port, on this address or a wildcard: UDP sockets share a port only when every one of them set SO_REUSEADDR (or SO_REUSEPORT) before bind — close it, or bind another port

# When a cause is chosen (help ERRNO lists them).

why-when-send-on-listener = send on a listener
why-when-recv-on-listener = recv on a listener
why-when-connect-on-listener = connect on a listener
why-when-rcvtimeo = SO_RCVTIMEO
why-when-sndtimeo = SO_SNDTIMEO
why-when-listener-holds-it = listener holds it
why-when-reuse-here-only = reuse here only
why-when-reuse-there-only = reuse there only
why-when-no-reuse-here = no reuse here
why-when-udp = UDP
why-when-peer-host-crashed = the peer's lab host crashed
why-when-send-in-syn-sent = send in SYN_SENT
why-when-syn-retries = SYN retries
why-when-syn-user-timeout = SYN, user timeout
why-when-data-retries = data retries
why-when-keepalive = keepalive
why-when-user-timeout = user timeout
why-when-window-probes = window probes

# What a step shows around its call (render::text, render::ladder).

render-why = why:
render-note = note:
render-error = error:
render-data = data:
render-state = state
render-no-fd = { $handle } (no fd)
render-gone = gone
render-new-handle = new handle
render-new-handles = new handles
render-addr-bound = bound
render-addr-local = local
render-addr-peer = peer
render-addr-from = from
render-addr-listening-on = listening on
render-more-bytes = … ({ $count } more bytes)
render-timed-out = timeout: still blocked after { $after }, so socklab interrupted it
render-out-of-time = out of time: the lesson may run { $limit }, and that time ran out in this step, so socklab stopped it
render-not-reached = { $verb } failed:
render-between-steps = between steps:
render-between-steps-before-call = between steps, before this call:
render-and = { $first } and { $last }

# Errno meanings, after an errno's name: `= -1 ECONNREFUSED (Connection refused)`.

errno-EACCES = Permission denied
errno-EADDRINUSE = Address already in use
errno-EADDRNOTAVAIL = Cannot assign requested address
errno-EAFNOSUPPORT = Address family not supported by protocol
errno-EAGAIN = Try again
errno-EALREADY = Operation already in progress
errno-EBADF = Bad file number
errno-ECONNABORTED = Software caused connection abort
errno-ECONNREFUSED = Connection refused
errno-ECONNRESET = Connection reset by peer
errno-EDESTADDRREQ = Destination address required
errno-EEXIST = File exists
errno-EFAULT = Bad address
errno-EHOSTDOWN = Host is down
errno-EHOSTUNREACH = No route to host
errno-EINPROGRESS = Operation now in progress
errno-EINTR = Interrupted system call
errno-EINVAL = Invalid argument
errno-EISCONN = Transport endpoint is already connected
errno-ELOOP = Too many symbolic links encountered
errno-EMFILE = Too many open files
errno-EMSGSIZE = Message too long
errno-ENAMETOOLONG = File name too long
errno-ENETDOWN = Network is down
errno-ENETRESET = Network dropped connection because of reset
errno-ENETUNREACH = Network is unreachable
errno-ENFILE = File table overflow
errno-ENOBUFS = No buffer space available
errno-ENODEV = No such device
errno-ENOENT = No such file or directory
errno-ENOMEM = Out of memory
errno-ENOPROTOOPT = Protocol not available
errno-ENOSPC = No space left on device
errno-ENOSYS = Function not implemented
errno-ENOTCONN = Transport endpoint is not connected
errno-ENOTDIR = Not a directory
errno-ENOTSOCK = Socket operation on non-socket
errno-ENXIO = No such device or address
errno-EOPNOTSUPP = Operation not supported on transport endpoint
errno-EOVERFLOW = Value too large for defined data type
errno-EPERM = Operation not permitted
errno-EPFNOSUPPORT = Protocol family not supported
errno-EPIPE = Broken pipe
errno-EPROTO = Protocol error
errno-EPROTONOSUPPORT = Protocol not supported
errno-EPROTOTYPE = Protocol wrong type for socket
errno-EROFS = Read-only file system
errno-ESHUTDOWN = Cannot send after transport endpoint shutdown
errno-ESOCKTNOSUPPORT = Socket type not supported
errno-ETIMEDOUT = Connection timed out

# A step's lines (step::Line, render::words).

line-current = current handle: { $handle }
line-job-started = [{ $id }] { $what } — running in the background (jobs lists it, wait { $id } waits for it)
line-watch-started = [{ $id }] watching { $handle }: { $call } in a loop on its own thread (unwatch { $handle } stops it)
line-watch-stopped = [{ $id }] stopped watching { $handle } (its recv was interrupted: EINTR)
line-job-stopped-by-close = stopped job [{ $id }], which was using { $handle }
line-job = [{ $id }] { $what } — { $doing }
line-job-received = [{ $id }] { $what } — { $doing }, { $bytes } received so far
line-job-finished = finished
line-job-blocked = blocked in its call
line-job-running = running
line-no-jobs = no background jobs
line-nothing-to-wait = no background calls to wait for
line-program-started = { $name } started: { $what } (pid { $pid }; its output is marked { $name }│, kill { $name } stops it)
line-program-exited = { $name } exited { $code }
line-program-killed = { $name } killed by { $signal }
line-program-signalled = sent { $signal } to { $name } (its process group)
line-program = { $name }: { $what } — running, pid { $pid }
line-lesson-ended = lesson { $lesson } ended
line-lesson-failed = lesson { $lesson } ended; some of its steps failed
line-lesson-interrupted = lesson { $lesson } stopped (Ctrl-C)
line-lesson-refused = lesson { $lesson } could not be played (why is above)
line-lesson-not-started = lesson { $lesson } could not be played: { $why }
line-lesson-back = { $ended } — back in this session: its handles are as they were (the lesson had sockets, a process and a network of its own)
line-reached = { $handle } is { $what }
line-reached-state = { $handle } is { $state }
line-reached-state-lives-on = { $handle } is { $state }; its connection lives on as { $connection } (held by the kernel, no fd)
line-reached-connection-socket = { $handle }'s connection is { $state } (held by the kernel, no fd); the socket is { $socket }
line-reached-connection = { $handle }'s connection is { $state } (held by the kernel, no fd)
line-link-crossed = a segment reached the link
line-segment-sent = a segment went on the wire
line-link-holding = link: holding every segment { $dirs } until you deliver or drop it
line-link-passing = link: passing segments { $dirs } as they come
line-link-props = link { $dir }: { $props }
line-link-cleared = link { $dirs }: no properties (none)
line-link-seeded = link: every random choice (loss, duplication, corruption, reordering, jitter) now comes from seed { $seed }
line-link-modes = link: a->b { $ab }, b->a { $ba } (a is { $a }, b is { $b })
line-link-direction = { $dir }: { $props } — { $passed } passed ({ $bytes } bytes)
line-link-lost = { $count } lost
line-link-queue-drops = { $count } dropped by the full queue
line-link-hand-drops = { $count } dropped by hand
line-link-duplicated = { $count } duplicated
line-link-corrupted = { $count } corrupted
line-link-reordered = { $count } reordered
line-link-budget-drops = { $count } dropped: the memory budget was full
line-link-queue = queue { $depth } of { $queue }
line-link-seed = seed { $seed }
line-unrecorded = not shown: { $passed } frames the kernel passed and { $dropped } it dropped while the relay's ring was full (socklab was kept from a core for a while)
line-unlogged = not shown: { $frames } frames, while the session's memory budget ({ $budget }) was full
line-nothing-held = nothing is held
line-no-handles = no handles — create one with: socket tcp
line-settle-timeouts = { $count } step(s) waited their longest (2 s) for what they caused: the machine kept the kernel from the lab's frames, so their output may be a step late
line-next-either-way = either way
line-next-drop = the next segment { $which } will be dropped
line-next-dup = the next segment { $which } will be delivered twice
line-next-corrupt = the next segment { $which } will be corrupted (one bit flipped, its checksum as it was)
line-delivered = delivered
line-delivered-numbers = delivered { $numbers }
line-dropped = dropped
line-dropped-numbers = dropped { $numbers }
line-job-done = [{ $id }] done
line-watch-stopped-full = [{ $id }] stopped watching { $handle }: { $full } with results not yet shown — what is still to come waits in the socket (watch { $handle } again once they are shown)
line-data-kept = kept as ${ $name } ({ $bytes } { $bytes ->
    [one] byte
   *[other] bytes
}; ${ $name } in a send's data sends them)
line-data-names = data names: { $names }
line-data-name = ${ $name } ({ $bytes } bytes)
line-data-not-kept = ${ $name } not kept: { $why }
line-recvall-eof = EOF after { $received } of { $wanted } bytes: the peer closed before the whole message came (the tutorials' "socket connection broken")
line-ioctl-value = value: { $bytes } bytes
line-option-value = value: { $value }
line-encoding = encoding: { $encoding }
line-encoding-chosen = encoding: { $encoding } (typed text is sent in it; received bytes are shown in it)
line-default-host = new sockets are made in host { $host } ({ $address })
line-rows-not-shown = … { $skipped } rows not shown (the table shows the first { $head } and the last { $tail }; save FILE.csv keeps every one)
line-sampling-interrupted = interrupted after { $count } samples
line-host-delayed-ack = host { $host } delays its ACKs, as an ordinary host does: an ACK waits (up to 40 ms and more) for data to ride with, and every other full-sized segment is ACKed at once
line-host-quickack = host { $host } ACKs every segment at once (its routes have quickack), as the lab's hosts do unless told
line-host-down = host { $host } is down: its cable is pulled — what it sends goes nowhere and nothing reaches it; its kernel is not told
line-host-up = host { $host } is up: its cable is back
line-host-crashed = host { $host } crashed and is back with no sockets and no TCP state: lost { $lost } (and { $forgotten } connection(s) its kernel held), without a word on the wire; late segments to it will draw RST
line-host-crashed-nothing = host { $host } crashed and is back with no sockets and no TCP state: lost no sockets (and { $forgotten } connection(s) its kernel held), without a word on the wire; late segments to it will draw RST
line-eof-peer = EOF: the peer has shut down its sending side (or closed)
line-eof-shut-read = EOF: this side has shut down reading
line-eof-datagram-shut-read = EOF: receiving is shut down (shutdown read)
line-drained = { $received } bytes in { $calls } calls (the largest { $largest }), { $seconds } s
line-drained-eof = { $received } bytes in { $calls } calls (the largest { $largest }), then EOF, { $seconds } s
line-drained-rate = { $received } bytes in { $calls } calls (the largest { $largest }), { $seconds } s, { $rate } Mbit/s
line-drained-eof-rate = { $received } bytes in { $calls } calls (the largest { $largest }), then EOF, { $seconds } s, { $rate } Mbit/s
line-wire-on = wire view on: each step shows the segments it caused
line-wire-ladder = wire view as a ladder: each step draws its segments between the ends of their connection, the time at the left (wire on: a line per segment again)
line-wire-summary = wire view in summary: each step shows, per direction, how many segments and bytes, which sequence range, how many retransmitted (wire on: every segment again; wire save: every frame)
line-wire-pinned = wire view on, as --wire={ $look } asked on the command line
line-wire-off = wire view off
line-wire-was-not-on = the wire view was not on
line-saved-frames = saved { $count } frames to { $path }
line-saved-frames-let-go = ({ $dropped } older frames were let go: the capture keeps the last { $mib } MiB)
line-saved-session = saved the session as a ladder of { $segments } segments to { $path }
line-saved-program = saved the session's { $lines } lines as a { $language } program to { $path } (run it: { $run })
line-saved-program-cut = (the session is longer than export keeps: the program has its first { $kept } lines)
line-saved-steps-let-go = (the { $dropped } oldest steps were let go: the picture keeps the last { $kept })
line-saved-graph = saved the time-sequence graph of { $from } → { $to } to { $path }: { $data } data segments, { $again } sent again, { $lost } lost on the link
line-saved-samples = saved { $count } samples to { $path }
line-saved-samples-plot = saved { $count } samples to { $path } (a plot of { $fields })
line-recording-started = recording to { $path } (record off to stop)
line-recorded = recorded { $path }
line-held-sent = (sent { $count }×: { $times })
line-held-delivered = (delivered; sent again { $count }×: { $times })

# A step's notes (step::Note, render::words).

note-inflated-rtt = TCP measured a { $rtt } round trip while segments were held by hand: its RTO is now { $rto } (the link's own round trip: { $link }), so a lost segment is sent again only that late
note-privileged-bind = allowed because socklab runs with CAP_NET_BIND_SERVICE (as root, or root of its namespace); an ordinary user gets EACCES below net.ipv4.ip_unprivileged_port_start = { $start }
note-readable-when-closed = { $handle } is neither listening nor connected: poll reports POLLHUP for it at once, which wakes a reader — yet there is nothing to read (recv gives ENOTCONN). Readable means a connection to accept on a listener, and data or EOF on a connected socket
note-competing-watcher = watcher [{ $job }] is reading { $handle } too: the two compete for the data, and what one takes the other never sees (unwatch { $handle } to read it here alone)
note-sampling-stopped = stopped after { $count } samples: { $full } — sample less often, or for less time
note-private-network = this session runs in a private network (--sandbox): only socklab's own sockets are there, so programs outside it cannot be reached — run socklab without --sandbox to talk to them
note-timeout-ran-out = { $option } on { $handle } is { $timeout } (the kernel counts it in clock ticks, rounding up): the call waited that long
note-use-accepted-none = { $listener } is listening, and no connection was accepted from it yet: conn = accept { $listener } first, then send and recv on conn
note-use-accepted-one = { $listener } is listening; data goes over the accepted socket: { $accepted }
note-use-accepted-many = { $listener } is listening; data goes over the accepted sockets: { $accepted }
note-port-picked = bind failed earlier ({ $errno } on { $asked }), so the socket had no port and the kernel picked one: { $got } — clients aiming at port { $port } do not reach it (they get ECONNREFUSED, or whatever else listens there); close this socket, and once the port is free bind a new one, then listen
note-more-port-holders = and { $count } more socket(s) on that port (ss -tuan lists them all)
note-holder = { $handle } holds the port: { $holding }
note-holder-closed = { $handle }'s connection holds the port (closed, the kernel keeps it): { $holding }
note-holder-outside = a socket outside this session holds the port: { $holding }
note-holding-listening = listening on { $local }
note-holding-bound = bound to { $local }, not listening
note-holding-connection = { $local } ↔ { $peer } in { $state }
note-holding-connection-alone = { $local } in { $state }
note-holding-udp-connected = bound to { $local }, connected to { $peer }
note-holding-udp = bound to { $local }
note-holding-for = { $holding } for { $seconds } s more
note-holding-reuse = { $holding }, with SO_REUSEADDR
note-holding-no-reuse = { $holding }, without SO_REUSEADDR
note-holding-reuse-lacked = { $holding }, and its socket had no SO_REUSEADDR (this one has it: on Linux both must)
note-reset-unread = { $bytes } received bytes were never read: closing sends RST instead of FIN (the data is thrown away, and the peer's next call gets ECONNRESET)
note-reset-linger-zero = SO_LINGER is on with timeout 0: closing sends RST instead of FIN (an abortive close: no TIME_WAIT here, ECONNRESET there)
note-lab-peer-down = host { $host } is down (its cable is pulled): nothing reached it, and nothing came back
note-lab-own-down = host { $host } — this socket's own — is down (its cable is pulled): nothing it sent left it
note-lab-link-holding = the link is holding segments (link hold): they wait there until delivered, and the kernel gave up first
note-unrecorded-handles = { $names } made before the recording: its replay starts without { $count ->
    [one] it
   *[other] them
} — a lesson is recorded from a session's start
note-unrecorded-host = sockets are made in host { $host } now, in a replay in host a until `host { $host }`: type it again to record it
note-unrecorded-link-holds = the link holds segments now, in a replay only after `link hold …`: type it again to record it

# A hint under received data that another encoding reads.

hint-other-reading = as { $reading }: “{ $text }” — encoding { $encoding }

## ---- end of section words ----


## ---- section help: help pages: commands, errnos, states, options, Python names, topics ----


# The frame of `help VERB`, `help ERRNO`, `help python`, `help options`
# and the command list (src/command/help.rs).
help-usage = usage: { $usage }
help-call = call:  { $call }
help-background = Ending the line with & runs it on a worker thread and gives the prompt back at once; its result is shown, tagged [JOB], when the call ends (see jobs, wait).
help-errnos-you-may-meet = errors you may meet:
help-in-python = In Python: socket.{ $method }() — { $note }
help-state-in-capitals = { $state }, in capitals, is the TCP state: help { $state }
help-python-heading = Python's socket methods in socklab (docs/python.md has the exceptions too):
help-python-no-line = (none: help NAME says why)
help-python-translate = A whole program: socklab translate PROG.py [ARGS] writes its socket calls as a socklab script.
help-options-heading = options (C name, short name, level, meaning):
help-read-only = (read-only)
help-errno-heading = { $errno } ({ $meaning }): errno { $number }
help-errno-not-met = socklab's commands do not commonly meet it.
help-errno-where = where you meet it:
help-errno-why-variants = the why: line says which, from the socket (its options, TCP_INFO) and the lab:
help-group-heading = { $title }:
help-overview-handles = H is a handle name (default: the current handle). A blocking call followed by & runs in the background: accept srv &.
help-overview-more = `help VERB`, `help ERRNO` (or Windows' `help 10054`), `help TIME_WAIT` (a TCP state), `help SO_REUSEADDR` (an option), `help options`, `help keepalive` say more.
help-overview-lessons = Lessons: `lessons` lists them (the handshake, echo servers, half-close, UDP chats, GBK, the lab …); `play 01` plays one here, Enter for each step, in a network of its own — then this session resumes.
help-no-such-topic = no help for '{ $topic }' (try a command name, an errno (ECONNREFUSED, 111), a Windows error (10061, WSAECONNREFUSED), a TCP state (TIME_WAIT), an option (SO_REUSEADDR), a Python name (setblocking, ConnectionRefusedError), keepalive, python or options)
help-no-such-topic-near = no help for '{ $topic }' — did you mean '{ $near }'? (try a command name, an errno (ECONNREFUSED, 111), a Windows error (10061, WSAECONNREFUSED), a TCP state (TIME_WAIT), an option (SO_REUSEADDR), a Python name (setblocking, ConnectionRefusedError), keepalive, python or options)

# The command table (src/command/*.rs): each verb's summary, notes and
# what each errno means after its call. Ids: cmd-VERB-summary,
# cmd-VERB-notes, cmd-VERB-errno-ERRNO; the groups: cmd-group-GROUP.

# The groups of the command list
cmd-group-socket = Sockets and connections
cmd-group-data = Sending and receiving
cmd-group-options = Options and modes
cmd-group-inspect = Inspecting
cmd-group-background = In the background (worker threads)
cmd-group-lab = The network lab (socklab --lab): two hosts and the link between
cmd-group-session = The session (no system call of their own)

# socket
cmd-socket-summary = Create a socket; it becomes a new handle (default kind: tcp, as Python's socket.socket()).
cmd-socket-notes = tcp and udp are AF_INET; tcp6 and udp6 AF_INET6; unix, unix-dgram and unix-seqpacket AF_UNIX. The new handle is named NAME, or s1, s2, … and becomes the current handle. Python's constants work too: `socket AF_INET SOCK_DGRAM` (also socket.AF_INET).
cmd-socket-errno-EMFILE = this process has too many open files
cmd-socket-errno-EAFNOSUPPORT = the kernel has no such address family (IPv6 disabled?)

# socketpair
cmd-socketpair-summary = Create two AF_UNIX sockets already connected to each other.
cmd-socketpair-notes = Each end is a handle; what one sends the other receives. Only AF_UNIX supports socketpair.
cmd-socketpair-errno-EOPNOTSUPP = the kind is not one socketpair supports

# bind
cmd-bind-summary = Give the socket a local address; port 0 lets the kernel choose, and the result shows the port it chose.
cmd-bind-notes = ADDR is IP:PORT, [IPv6]:PORT, :PORT (any address), HOST:PORT, /path or @name (AF_UNIX), or another handle's name (its address: `bind b a` meets EADDRINUSE). With one argument, a handle name is the address. Python's two parts work too: `bind 127.0.0.1 8888`, and `bind "" 8899` for any address (the tutorials' `bind(("", 8899))`).
cmd-bind-errno-EADDRINUSE = another socket has this address: a listener, or — unless both set SO_REUSEADDR — a bound socket or a connection (TIME_WAIT too); AF_UNIX: a file at that path (close does not remove it) or a socket with that @name
cmd-bind-errno-EACCES = ports below 1024 need privilege (root or CAP_NET_BIND_SERVICE)
cmd-bind-errno-EADDRNOTAVAIL = no interface on this machine has that IP address
cmd-bind-errno-EINVAL = the socket is already bound (or the address is of the wrong family)

# listen
cmd-listen-summary = Make a TCP or AF_UNIX stream socket accept connections (default backlog 128).
cmd-listen-notes = The backlog bounds the queue of connections that finished the handshake but were not yet accepted; Linux holds BACKLOG+1. An unbound socket is bound to a free port first.
cmd-listen-errno-EADDRINUSE = another socket already listens on this port
cmd-listen-errno-EOPNOTSUPP = the socket is of a type that cannot listen (UDP, datagram)
cmd-listen-errno-EINVAL = the socket is connected

# accept
cmd-accept-summary = Take the next finished connection from a listener's queue; it becomes a new handle, with the peer's address.
cmd-accept-notes = Blocks while the queue is empty (Ctrl-C interrupts it; in scripts --timeout bounds it). The new handle is blocking even when the listener is nonblocking, as on Linux.
cmd-accept-errno-EAGAIN = the listener is nonblocking and no connection is waiting
cmd-accept-errno-EINVAL = the socket is not listening — call listen first
cmd-accept-errno-EINTR = a signal interrupted the wait: Ctrl-C, socklab's timeout, or socklab stopping the job
cmd-accept-errno-ECONNABORTED = a connection in the queue was reset before it was accepted

# connect
cmd-connect-summary = Connect to ADDR: for TCP the three-way handshake; for UDP, fix the default peer.
cmd-connect-notes = ADDR may be a handle's name: its local address (0.0.0.0 becomes 127.0.0.1; in the lab, its host's address, 192.0.2.1 or .2). With one argument, a handle name is the address: `connect srv` connects the current handle to srv. A nonblocking TCP connect returns EINPROGRESS; poll for POLLOUT, then read SO_ERROR.
cmd-connect-errno-ECONNREFUSED = nothing listens there: the peer answered the SYN with RST (UDP: an ICMP port unreachable)
cmd-connect-errno-EINPROGRESS = nonblocking: the handshake has started; poll for POLLOUT, then getsockopt SO_ERROR
cmd-connect-errno-EALREADY = a nonblocking connect is still in progress
cmd-connect-errno-EISCONN = the socket is already connected
cmd-connect-errno-ETIMEDOUT = no answer to the SYN: the kernel sent it again and again and gave up — net.ipv4.tcp_syn_retries (or TCP_SYNCNT on the socket) decides how long
cmd-connect-errno-ENOENT = AF_UNIX: no socket file at that path
cmd-connect-errno-EINTR = a signal interrupted the wait; the handshake goes on in the background

# shutdown
cmd-shutdown-summary = Close one direction of a connection: `write` sends FIN (half-close) while reading goes on.
cmd-shutdown-notes = After `shutdown write` the peer reads EOF (recv = 0) once it has read what came before, and may keep sending: this side can still receive. A send here then fails with EPIPE. `shutdown read` sends nothing on the wire on Linux, and the peer is not told: recv returns 0 while nothing is queued, yet data that arrives afterwards is still accepted, queued and returned by recv (lesson 20).
cmd-shutdown-errno-ENOTCONN = the socket is not connected
cmd-shutdown-errno-EINVAL = not a valid direction

# close
cmd-close-summary = Close the socket; the handle leaves the table. A TCP connection sends FIN (or RST).
cmd-close-notes = The kernel may keep the connection after the fd is gone: FIN_WAIT1/2 until the peer's FIN, then TIME_WAIT for 60 s; socklab shows it as `H (no fd)` to its end, under the name H had even once a new handle takes it, each move as it happens (it looks in the kernel's socket table: sock_diag, else /proc/net/tcp). Unread received data, or SO_LINGER 0, makes close send RST instead of FIN. A background job or watcher using the handle is stopped first (its call returns EINTR): on Linux close(2) alone would not wake a thread blocked on the fd.
cmd-close-errno-EBADF = the fd was not open

# send
cmd-send-summary = Send DATA once; the return value says how many bytes the kernel took, which may be fewer.
cmd-send-notes = DATA is a word, "quoted text" with C escapes (\n \r \t \0 \\ \" \xNN), or x"48 69" hex; "ab"*1000 repeats it. Quote data that is also a handle name. $NAME is the bytes a receive kept under NAME (`data = recv conn 1024`, then `send conn $data` sends them back exactly); pieces join with ` + `: `send conn "got: " + $data`. A quoted "$data" is the text itself.
cmd-send-errno-EPIPE = this side cannot send: it never connected (Linux gives a TCP socket EPIPE here, not ENOTCONN), it did `shutdown write`, or the peer reset the connection (socklab ignores SIGPIPE, so you see EPIPE)
cmd-send-errno-ECONNRESET = the peer answered with RST: it closed with unread data, or SO_LINGER 0, or it no longer knows the connection (its host restarted)
cmd-send-errno-ETIMEDOUT = the kernel gave the connection up: sent data went unacknowledged (net.ipv4.tcp_retries2), keepalive probes went unanswered, or TCP_USER_TIMEOUT ran out — help ETIMEDOUT tells them apart
cmd-send-errno-EAGAIN = nonblocking (or MSG_DONTWAIT) and the send buffer is full: the peer is not reading
cmd-send-errno-ENOTCONN = an AF_UNIX stream socket that is not connected (a TCP socket gets EPIPE instead)
cmd-send-errno-EDESTADDRREQ = a datagram socket with no peer: use sendto
cmd-send-errno-ECONNREFUSED = connected UDP: an earlier datagram drew an ICMP port unreachable (nothing listens there)
cmd-send-errno-EMSGSIZE = a datagram larger than the socket allows

# sendall
cmd-sendall-summary = Call send until all of DATA is sent, as Python's sendall does; shows how many calls it took.
cmd-sendall-notes = Each send may take only part (the peer's window or this socket's buffer is full); the loop sends the rest. On a nonblocking socket it stops at the first EAGAIN. DATA is as for send: `sendall conn $data` echoes what `data = recv conn 1024` kept.
cmd-sendall-errno-EPIPE = this side cannot send: it never connected (Linux gives a TCP socket EPIPE here, not ENOTCONN), it did `shutdown write`, or the peer reset the connection (socklab ignores SIGPIPE, so you see EPIPE)
cmd-sendall-errno-ECONNRESET = the peer answered with RST: it closed with unread data, or SO_LINGER 0, or it no longer knows the connection (its host restarted)
cmd-sendall-errno-ETIMEDOUT = the kernel gave the connection up: sent data went unacknowledged (net.ipv4.tcp_retries2), keepalive probes went unanswered, or TCP_USER_TIMEOUT ran out — help ETIMEDOUT tells them apart
cmd-sendall-errno-EAGAIN = nonblocking (or MSG_DONTWAIT) and the send buffer is full: the peer is not reading
cmd-sendall-errno-ENOTCONN = an AF_UNIX stream socket that is not connected (a TCP socket gets EPIPE instead)
cmd-sendall-errno-EDESTADDRREQ = a datagram socket with no peer: use sendto
cmd-sendall-errno-ECONNREFUSED = connected UDP: an earlier datagram drew an ICMP port unreachable (nothing listens there)
cmd-sendall-errno-EMSGSIZE = a datagram larger than the socket allows

# sendto
cmd-sendto-summary = Send one datagram to ADDR (UDP, unix-dgram); no connection needed.
cmd-sendto-notes = ADDR may be a handle's name: `sendto u2 u1 hi` sends from u2 to u1's address (an unspecified 0.0.0.0 becomes 127.0.0.1; in the lab, u1's host's address). As for bind and connect, Python's two-part address is taken too: `sendto u 127.0.0.1 8888 hi`.
cmd-sendto-errno-ECONNREFUSED = an earlier datagram drew an ICMP port unreachable (connected UDP)
cmd-sendto-errno-EMSGSIZE = the datagram is larger than the socket allows
cmd-sendto-errno-EISCONN = a connected AF_UNIX stream socket was given an address (a connected TCP socket ignores it)
cmd-sendto-errno-EAGAIN = nonblocking, and no room: the send buffer, or a unix datagram receiver's queue, is full
cmd-sendto-errno-EACCES = sending to a broadcast address without SO_BROADCAST

# recv
cmd-recv-summary = Receive at most N bytes (default 1024) once: anywhere from 0 to N. 0 means the peer shut down its sending side (EOF).
cmd-recv-notes = TCP has no message boundaries: one recv may return part of a send, or several sends together. `peek` leaves the data queued; `waitall` waits for all N (unless EOF or a signal); `trunc` on a datagram returns its real length. N is at most 16 MiB. `data = recv H N` keeps the bytes it returned as `$data`, which a later DATA sends back exactly (`sendall H $data`).
cmd-recv-errno-EAGAIN = nothing to read yet: the socket is nonblocking (or MSG_DONTWAIT), or SO_RCVTIMEO ran out
cmd-recv-errno-ECONNRESET = the peer reset the connection (RST): it closed with unread data, or SO_LINGER 0, or it no longer knows the connection (its host restarted)
cmd-recv-errno-ENOTCONN = a TCP socket that is not connected
cmd-recv-errno-ETIMEDOUT = the kernel gave the connection up: sent data went unacknowledged (net.ipv4.tcp_retries2), keepalive probes went unanswered, or TCP_USER_TIMEOUT ran out — help ETIMEDOUT tells them apart
cmd-recv-errno-EINTR = a signal interrupted the wait: Ctrl-C, socklab's timeout, or socklab stopping the job

# recvfrom
cmd-recvfrom-summary = Receive one datagram (at most N bytes, default 1024) and the address it came from.
cmd-recvfrom-notes = A datagram longer than N is cut to N and the rest is lost; with `trunc` the return value is its real length. Boundaries are kept: one recvfrom, one datagram. `data = recvfrom H N` keeps the datagram's bytes as `$data` (`sendto H ADDR $data` sends them back).
cmd-recvfrom-errno-EAGAIN = nonblocking (or MSG_DONTWAIT) and no datagram waiting
cmd-recvfrom-errno-ECONNREFUSED = connected UDP: an earlier datagram drew an ICMP port unreachable
cmd-recvfrom-errno-EINTR = a signal interrupted the wait: Ctrl-C, socklab's timeout, or socklab stopping the job

# recvall
cmd-recvall-summary = Call recv until exactly N bytes have come, or the peer closed: the tutorials' loop that reads a message of known length; shows how many calls it took and what each returned.
cmd-recvall-notes = One recv returns anywhere from 1 to the bytes asked for, so a reader that knows the message length loops. EOF (recv returning 0) before N bytes is the tutorials' "socket connection broken": recvall stops and says how many bytes came. On a nonblocking socket it stops at the first EAGAIN. N is at most 16 MiB. `data = recvall H N` keeps the bytes as `$data`, as for recv.
cmd-recvall-errno-EAGAIN = nonblocking, and the bytes so far are all there are for now
cmd-recvall-errno-ECONNRESET = the peer reset the connection (RST) before all N bytes came
cmd-recvall-errno-ENOTCONN = a TCP socket that is not connected

# drain
cmd-drain-summary = Call recv until EOF (the peer closed or shut down writing): says how many bytes came in how many calls and how long it took, not the bytes — the way to receive a bulk transfer.
cmd-drain-notes = Each call asks for up to 256 KiB. On a nonblocking socket it stops at the first EAGAIN; an error (ECONNRESET, a timeout) ends it and says how much came before.
cmd-drain-errno-EAGAIN = nonblocking, and the bytes so far are all there are for now
cmd-drain-errno-ECONNRESET = the peer reset the connection (RST) before it closed
cmd-drain-errno-ENOTCONN = a TCP socket that is not connected

# setsockopt
cmd-setsockopt-summary = Set a socket option: booleans take on/off/1/0, sizes a number, times a duration (TCP_USER_TIMEOUT 3s, TCP_KEEPIDLE 5s, SO_RCVTIMEO 1.5s) or a bare number in the kernel's unit.
cmd-setsockopt-notes = Options: those of the table (help options; help SO_REUSEADDR says what one does and which lesson shows it), by C name or short name (reuseaddr, rcvbuf, …). A duration is turned into the kernel's unit, which the call shows (TCP_USER_TIMEOUT 3s: 3000); one that is not a whole number of it is refused (TCP_KEEPIDLE 1.5s). Read back with getsockopt: Linux doubles SO_RCVBUF and SO_SNDBUF. The level may be written, as in Python and C (setsockopt SOL_SOCKET SO_REUSEADDR 1); it is checked against the option's.
cmd-setsockopt-errno-ENOPROTOOPT = this option does not apply to this kind of socket (a TCP option on UDP, say)
cmd-setsockopt-errno-EINVAL = the value is out of range for this option

# getsockopt
cmd-getsockopt-summary = Read a socket option as the kernel reports it (SO_RCVBUF 4096 reads back as 8192 on Linux).
cmd-getsockopt-notes = Also the read-only SO_ERROR (reading it clears it), SO_TYPE and SO_ACCEPTCONN.
cmd-getsockopt-errno-EOPNOTSUPP = this option does not apply to this kind of socket (a TCP option on UDP, an IPv6 option on IPv4)

# nonblock
cmd-nonblock-summary = Make calls on the socket return EAGAIN (or EINPROGRESS for connect) instead of waiting.
cmd-nonblock-notes = socklab sets the file status flags to exactly O_NONBLOCK or 0 in one F_SETFL call (a socket has no other status flags worth keeping).
cmd-nonblock-errno-EBADF = the fd is not open

# getsockname
cmd-getsockname-summary = The socket's local address: after bind, connect or accept, the address and port in use.
cmd-getsockname-notes = An unbound socket shows 0.0.0.0:0; after connect, the ephemeral port the kernel picked.
cmd-getsockname-errno-EBADF = the fd is not open

# getpeername
cmd-getpeername-summary = The address of the connected peer.
cmd-getpeername-notes = Fails once the connection is fully closed.
cmd-getpeername-errno-ENOTCONN = the socket is not connected (or no longer)

# poll
cmd-poll-summary = Which handles are ready: POLLIN (data or EOF to read), POLLOUT (room to send), POLLRDHUP (peer shut down writing), POLLHUP, POLLERR.
cmd-poll-notes = Asks for POLLIN|POLLPRI|POLLOUT|POLLRDHUP on each handle (default: the current one). TIMEOUT_MS defaults to 0 (look, don't wait); -1 waits until something is ready.
cmd-poll-errno-EINTR = a signal interrupted the wait: Ctrl-C, socklab's timeout, or socklab stopping the job

# ioctl
cmd-ioctl-summary = FIONREAD: bytes received and waiting to be read. SIOCOUTQ: bytes sent but not yet acknowledged by the peer.
cmd-ioctl-notes = Together they show where the bytes of a stalled transfer are: in this side's send queue, or in the peer's receive queue.
cmd-ioctl-errno-EINVAL = the socket is listening, or the request does not apply

# tcpinfo
cmd-tcpinfo-summary = The connection as the kernel sees it: state, round-trip time, congestion window, unacknowledged segments, retransmits.
cmd-tcpinfo-notes = Times are in microseconds. unacked counts segments sent but not acknowledged.
cmd-tcpinfo-errno-EOPNOTSUPP = not a TCP socket

# sample
cmd-sample-summary = Read TCP_INFO every D for D (default every 100ms for 2s) and show a table: time, state, cwnd, ssthresh, rtt, rttvar, rto, bytes in flight, retransmissions, delivery rate — TCP's timers and congestion control as they act. save writes the samples as CSV, or an SVG plot of the fields asked over time — a panel per unit, retransmissions marked on each — titled with the connection and its congestion control (TCP_CONGESTION).
cmd-sample-notes = FIELDs choose the table's columns: state cwnd ssthresh rtt rttvar rto inflight retrans rate (all by default; time always), and on request unacked pacing. cwnd, ssthresh and unacked are in segments (ssthresh - while slow start has no limit), times in ms, inflight in bytes (segments in flight × MSS), rate the kernel's delivery rate and pacing its pacing rate in Mbit/s. Run it in the background (sample cli every 50ms for 3s &) while the transfer runs in the foreground. every is 1ms to 10s, for up to 10 minutes. A lesson may not save files; save refuses an existing file unless --force.

# await
cmd-await-summary = Wait until the handle reaches a TCP state (e.g. FIN_WAIT2 after the peer's delayed ACK) or becomes readable/writable; fails after TIMEOUT (default 2s).
cmd-await-notes = Some moves are made by kernel timers, not by calls: FIN_WAIT1 → FIN_WAIT2 waits for the peer's delayed ACK (about 40 ms on Linux). `await cli FIN_WAIT2` makes such a moment certain without guessing a sleep. TIMEOUT is like 500ms or 2s. The state is the connection's: where it lives on without an fd (after `close`, or TIME_WAIT behind a socket in CLOSE once both ends shut down), await matches the kernel's connection and says so: `cli's connection is TIME_WAIT (held by the kernel, no fd); the socket is CLOSE`. With the wire view on, `await wire` waits for the next segment of the session's sockets — what a timer sends: a delayed ACK, a retransmission, a keepalive probe, a window probe — and shows it under the step. In the lab, `await link` waits for the next segment to reach the link.

# ls
cmd-ls-summary = List the handles: name, fd, kind, local address, peer, TCP state, bytes queued in and out, flags; then the data names ($data) receives kept.
cmd-ls-notes = RECV-Q is FIONREAD (bytes waiting to be read), SEND-Q is SIOCOUTQ (bytes not yet acknowledged). Flags: nonblock, shut-rd, shut-wr. `*` marks the current handle. A program spawn started has its TCP and UDP sockets listed too, named PROGRAM.FD (srv.3), read-only: they are its, not socklab's.

# wire
cmd-wire-summary = Show, under each step, the TCP segments and UDP datagrams it put on the loopback wire (on) or a line per direction for bulk traffic (summary: segments, bytes, sequence range, retransmissions), stop (off), write what was shown as a pcap file for Wireshark or tshark (save FILE), or draw a connection's time-sequence graph (graph: sequence over time, the ACK and window lines, SACK blocks, retransmissions and losses).
cmd-wire-notes = Ends are named by handle; sequence numbers count from each side's SYN, as tcpdump and Wireshark show them. Segments that arrive between steps (a delayed ACK, the peer's FIN) are marked `(+43 ms, between steps)`: shown as they happen while socklab waits for a line, else with the next step; what came well after a call began is marked `(+100 ms)`. A packet socket needs CAP_NET_RAW: run as root, or socklab --sandbox. `socklab --wire` starts with it on. `wire save` never follows a symbolic link and never replaces a file unless given --force; a lesson (socklab test, play) may not save at all. In the lab it writes every frame that reached the link (the last 4 MiB), once each, as it arrived; a frame the kernel passed is kept by its first 192 bytes, with its whole length recorded. `wire graph` draws, from those frames, H's connection (the current handle's by default) one way: the way that carried the most data, or H's sending (send) or receiving (recv) side; see docs/wire.md.
cmd-wire-errno-EPERM = no CAP_NET_RAW: run as root, or in socklab --sandbox

# watch
cmd-watch-summary = Keep receiving on H on a thread of its own — recv N (default 1024) in a loop — and show each result as it comes: data, EOF, errors such as ECONNRESET, and state changes.
cmd-watch-notes = The receiving thread of the tutorials' chat programs: while `watch conn` runs, type `send conn ...` and the peer's messages appear as they arrive. On a stream the watcher stops at EOF (recv = 0) or an error; on a datagram socket it calls recvfrom and shows each sender (an empty datagram too), and stops when the socket is shut for reading. `unwatch H` stops it; so do `close H` and quit.
cmd-watch-errno-ECONNRESET = the peer reset the connection (RST): the watcher stops
cmd-watch-errno-EAGAIN = H is nonblocking: the watcher stops (make it blocking with nonblock H off)

# unwatch
cmd-unwatch-summary = Stop watching H: its receiving thread's recv is interrupted (EINTR) and the thread ends.
cmd-unwatch-notes = Data not yet received stays in the socket for the next recv.

# jobs
cmd-jobs-summary = List the background jobs (`CMD &`) and watchers: what each runs, and whether it is blocked in its call; then the programs spawn started.
cmd-jobs-notes = Blocked means the thread is asleep inside the system call, waiting for the kernel (read from /proc/self/task). A finished job is listed until its result has been shown.

# wait
cmd-wait-summary = Block until background job JOB ends (a watcher: until it stops), showing its result, or until the program spawn started as NAME ends, showing its output; without either, until every background call has ended.
cmd-wait-notes = Ctrl-C interrupts the wait, not the job. In scripts --timeout bounds it. Results a job produces are shown at the next step boundary in scripts and transcripts, and at once above the prompt in the shell; wait is how a script says where.

# spawn
cmd-spawn-summary = Start a program (your own server or client) in socklab's network — the sandbox's, or lab host HOST's — and show what it writes, marked NAME│, between steps.
cmd-spawn-notes = It runs with your rights (never more: no set-uid gain), in a process group of its own, stdin from /dev/null, stdout and stderr to socklab (Python unbuffered: PYTHONUNBUFFERED=1). NAME defaults to the program's (py for python3). Its end is shown (py exited 0); jobs lists it, wait NAME waits for it, kill NAME stops it, and it is killed when socklab ends. Not in lessons: a lesson is data.

# kill
cmd-kill-summary = Send SIGNAL (SIGTERM unless named) to the program spawn started as NAME, and to its process group.
cmd-kill-notes = Its end is shown when it comes (py killed by SIGTERM); a program may catch SIGTERM, never SIGKILL.

# link
cmd-link-summary = Show the lab's link (its mode, its properties, counters per direction, every held segment numbered); make it hold every segment until you deliver or drop it (hold) or let them through (pass, the default); or give it a real path's properties: delay with jitter, loss, duplication, corruption, reordering, a rate with a queue.
cmd-link-notes = Without a direction, both. Held segments are numbered #1, #2, … in the order they came; `deliver` and `drop` act on them. Properties: `delay 50ms jitter 5ms`, `loss 2%`, `dup 1%`, `corrupt 1%`, `reorder 5%` (held back behind the next segment), `rate 10mbit` (bit, kbit, mbit, gbit) with `queue 64` packets (the tail is dropped when full; 1000 by default), `clear` (none again). `link seed N` makes every random choice from N, so a run with loss loses the same segments every time. Hand control and properties combine: a held segment waits for you, then goes straight across.

# deliver
cmd-deliver-summary = Deliver held segments: the first N in order (default 1), all of them, or #K alone (out of order: reordering by hand); a SELECTOR picks by what a segment is: a->b, b->a, SYN, FIN, RST, SYN,ACK, ACK (a pure ACK), data, udp, tcp.
cmd-deliver-notes = What a delivered segment causes on the other host (its answer, a state change) shows under this step. A segment its sender sent again while it was held is one entry (`link` says how often and when): `deliver` hands over its newest copy, `deliver #K copies` every copy in the order they were sent, as a network that only delayed them would. Copies of a segment already delivered wait under its number too; only `deliver #K` hands them over.

# drop
cmd-drop-summary = Throw held segments away (the first N, all, #K, or those a SELECTOR picks: a->b, b->a, SYN, FIN, RST, SYN,ACK, ACK, data, udp, tcp), or the next segment to enter the link (in that direction, or either).
cmd-drop-notes = A held entry goes with every copy of it. A dropped TCP segment is retransmitted by its sender's kernel after the RTO, as a new entry; a dropped UDP datagram is simply gone. `drop all` throws away copies of delivered segments too.

# dup
cmd-dup-summary = Deliver the next segment to enter the link twice.
cmd-dup-notes = TCP discards the copy (its sequence numbers were seen); UDP delivers both.

# corrupt
cmd-corrupt-summary = Flip one bit of the next segment to enter the link, its checksum left as it was: the receiving kernel discards it.
cmd-corrupt-notes = The sender sees no answer and retransmits after the RTO: the data arrives intact.

# host
cmd-host-summary = Make sockets in host a or b of the lab from now on (socket … @HOST says it for one socket); or pull its cable (down), plug it back (up), or crash it: every socket and all TCP state lost without a word on the wire, and back at once with none; or have it delay its ACKs as ordinary hosts do (delayed-ack on; the lab's hosts ACK at once unless told).
cmd-host-notes = Host a has 192.0.2.1 and 2001:db8::1, host b 192.0.2.2 and 2001:db8::2; in addresses, a and b stand for them: bind srv b:80, connect cli b:80.

# sysctl
cmd-sysctl-summary = Read, or set, a TCP or IP setting of one host of the lab (net.ipv4.tcp_syn_retries, tcp_retries2, tcp_fin_timeout, tcp_keepalive_time, tcp_sack, tcp_timestamps, tcp_congestion_control …).
cmd-sysctl-notes = Only the per-host settings listed below, each within its range: every other name is refused, since it may act on the whole machine. Several numbers are written with commas: net.ipv4.tcp_rmem=4096,131072,6291456. The host's value is shown after setting it.

# use
cmd-use-summary = Make H the current handle: commands without a handle act on it.
cmd-use-notes = The current handle is also the last one created, accepted or named in a command; the prompt shows it.

# encoding
cmd-encoding-summary = Speak the peer's text encoding: typed text is sent in it and received bytes are shown in it (utf-8, gbk, gb18030, big5, shift_jis, euc-kr, windows-1251, koi8-r, latin1 …); without NAME, say which is in use.
cmd-encoding-notes = The Chinese tutorials send data.encode('gbk'): `encoding gbk` makes `send 你好` send the same bytes, and shows what they receive as text. x"…" and \xNN are always raw bytes. Data that is not text in the encoding is shown as bytes, every byte from 0x80 up as \xNN (as Python prints bytes), and a line under it names another encoding that reads it (as GBK: “你好” — encoding gbk). `socklab run --encoding gbk FILE` reads a script saved in GBK. `socklab --encoding NAME` and `#! encoding: NAME` in a transcript set it from the start.

# help
cmd-help-summary = List the commands; `help VERB` for one (its call, the errnos you may meet); `help ECONNREFUSED` for an errno (`help 10061`, `help WSAECONNREFUSED`: Windows' errors lead to their POSIX twins); `help TIME_WAIT` for a TCP state; `help SO_REUSEADDR` for a socket option (`help options` lists them); `help keepalive`.

# lessons
cmd-lessons-summary = List the built-in lessons, by group, each with its title and what it needs; `play NAME` plays one.
cmd-lessons-notes = The same list as `socklab lessons`.

# play
cmd-play-summary = Play a lesson here (`play 01`, `play half-close`, or a transcript file): its narration and commands, Enter for each step; then this session resumes.
cmd-play-notes = It runs as `socklab play` does: in a process and a private network of its own, so this session's handles, addresses and ports are untouched and the lesson's never meet them. Keys: Enter next, a go on by itself, q quit, Ctrl-C stop. `lessons` lists the lessons. In the shell only: a script runs `socklab play NAME` instead.

# source
cmd-source-summary = Run the lines of FILE in this session, as if typed.
cmd-source-notes = Lines are echoed as `> LINE` before their output. A file may source another, up to 16 deep.

# record
cmd-record-summary = Record the rest of the session as a transcript in FILE (`record off` stops); `socklab test FILE` replays it.
cmd-record-notes = Each line and its output are appended as they run, with ephemeral ports and fds named [PORT1], [FD1], … and the numbers the kernel measures (tcpinfo's rtt_us, rto_us, snd_cwnd …) written [..]; colour is left out. The file begins with the directives the replay needs: #! lab in the lab, the session's encoding and timeout.

# diagram
cmd-diagram-summary = Save the session so far as a ladder diagram: an arrow per segment, each end's states, the calls down the left (svg for slides, html a page to print, txt for a terminal, mmd mermaid for GitHub).
cmd-diagram-notes = Draws what the wire view showed since it was turned on (wire on, wire ladder, or the lab); a gap with the time marks what came later (a timer, a delayed ACK). `socklab diagram FILE.socklab` draws a transcript the same way. Never replaces a file unless given --force; a lesson (socklab test, play) may not save at all.

# export
cmd-export-summary = Write the session so far as your own program: Python (standard library only) or C (POSIX), one call per line with the line as a comment, each result checked against the one socklab showed.
cmd-export-notes = An errno becomes the exception Python raises for it (ECONNREFUSED: except ConnectionRefusedError); background calls and watch are threads; await becomes poll, or a bounded look at the TCP state; the lab's steps and socklab's own views (ls, jobs, wire …) stay as marked comments. The program exits 1 if a result differs. `socklab export LESSON|FILE --to python|c` does the same for a transcript. Never replaces a file unless given --force; a lesson (socklab test, play) may not write one.

# clear
cmd-clear-summary = Clear the screen (in the shell, at a terminal; elsewhere it does nothing).
cmd-clear-notes = Ctrl-L does the same while typing.

# quit
cmd-quit-summary = Close every handle and leave (Ctrl-D does the same).
cmd-quit-notes = Closing sends FIN (or RST) on each open connection, as a process exit would.

# exit
cmd-exit-summary = The same as quit.
cmd-lang-summary = Explain in English, Russian or Simplified Chinese from now on; without a language, say which is in use.
cmd-lang-notes = Names stay names in every language: system calls, errnos, TCP states, flags, options, handles and the commands you type. JSON output and recorded transcripts stay in English. `socklab --lang ru` or a Russian or Chinese locale (LANG=ru_RU.UTF-8, zh_CN.GBK …) chooses it from the start.

## ---- end of section help ----


## ---- section topics: help topics, Python names, Windows error numbers, errno meanings ----

# What a TCP state is (`help TIME_WAIT`): topic-state-STATE, one per
# state of src/command/topics.rs; the state's name stays a name.
topic-heading-state = { $state } — a TCP state
topic-heading-state-aliases = { $state } — a TCP state (also written { $aliases })
topic-state-LISTEN = A listening socket (after listen): it has no connection of its own. The kernel answers SYNs for it and queues the finished handshakes until accept takes them; the backlog (listen H N, capped by net.core.somaxconn) bounds that queue.
topic-state-SYN_SENT = connect sent a SYN and waits for the SYN+ACK. A blocking connect sleeps here; a nonblocking one returns EINPROGRESS and the socket stays SYN_SENT until the answer comes, or the SYN retries (net.ipv4.tcp_syn_retries) run out: ETIMEDOUT. A nonblocking send meanwhile fails with EAGAIN.
topic-state-SYN_RECV = Half-open. The SYN came and the SYN+ACK went, the last ACK has not come. A listener keeps it as a small request (NEW_SYN_RECV in the kernel), not a socket with an fd: socklab shows it under the listener (srv (half-open from …)). The SYN+ACK is sent again (net.ipv4.tcp_synack_retries) until the ACK comes. In a simultaneous open both connecting sockets pass through it.
topic-state-ESTABLISHED = The handshake is done and data flows both ways. connect returns in it; accept hands out connections already in it (the kernel finished the handshake before accept was called).
topic-state-FIN_WAIT1 = This side closed (close, or shutdown write) and sent its FIN; it waits for the FIN's ACK. Usually gone at once, as the peer ACKs at once — unless the ACK is delayed or the link holds it.
topic-state-FIN_WAIT2 = This side's FIN is ACKed; it waits for the peer's FIN and may still receive data meanwhile (a half-close). A closed socket's FIN_WAIT2 ends after net.ipv4.tcp_fin_timeout (60 s) if the peer never closes.
topic-state-CLOSE_WAIT = The peer sent its FIN (recv returns 0: EOF); this side has not closed yet and can still send. It stays here until the program calls close (or shutdown write): a program that forgets piles up CLOSE_WAIT sockets.
topic-state-CLOSING = A simultaneous close: both sides sent FIN, and each got the other's FIN before the ACK of its own. Each waits for that ACK, then goes to TIME_WAIT.
topic-state-LAST_ACK = The side that closed second sent its FIN and waits for the last ACK; then the connection is gone (TIME_WAIT is the other side's).
topic-state-TIME_WAIT = The side that closed first, after the peer's FIN: the kernel keeps the connection 60 s (fixed in Linux) to ACK that FIN again if its ACK was lost, and so that late segments cannot be taken for a new connection's. Its socket is closed, or CLOSE: socklab shows the connection as H (no fd). Its port refuses bind (EADDRINUSE) without SO_REUSEADDR.
topic-state-CLOSE = No connection (RFC 793 and the tutorials say CLOSED; Linux says CLOSE): a new socket, one whose connection was reset or timed out, or one whose connection lives on without it (TIME_WAIT after a shutdown and the peer's FIN).

# `help keepalive`.
topic-heading-keepalive = keepalive — TCP keepalive (SO_KEEPALIVE and its three settings)
topic-keepalive = An idle connection sends nothing, so a peer that vanished (a crash, a pulled cable) goes unnoticed for ever. With SO_KEEPALIVE on, the kernel probes after TCP_KEEPIDLE of quiet, then every TCP_KEEPINTVL; after TCP_KEEPCNT unanswered probes it gives the connection up: CLOSE, and the next call fails with ETIMEDOUT. A peer that restarted answers with RST instead (ECONNRESET).

# What a socket option does (`help SO_REUSEADDR`): topic-option-OPTION,
# and for an option no lesson shows, a line to try (topic-try-OPTION:
# socklab's commands, typed the same in every language).
topic-heading-option = { $option } — a socket option ({ $level }; short name { $short }; { $kind })
topic-kind-read-only = read-only
topic-kind-bool = on or off
topic-kind-int = a number
topic-kind-seconds = seconds, or a duration like 5s
topic-kind-millis = milliseconds, or a duration like 3s
topic-kind-timeout = a duration like 1.5s
topic-kind-linger = off, or seconds
topic-option-SO_REUSEADDR = Lets bind take a port still held by connections in TIME_WAIT (never one something listens on). Linux asks it of both sockets, the old connection's (inherited from a listener that set it) and the new one: a server sets it before every bind, and can then restart at once.
topic-option-SO_REUSEPORT = Several sockets may bind the same address and port, if every one of them set it (as the same user); the kernel spreads incoming connections or datagrams among them.
topic-try-SO_REUSEPORT = setsockopt a SO_REUSEPORT on, bind a 127.0.0.1:9000; the same for b
topic-option-SO_KEEPALIVE = Probe a connection that has been idle, to find a peer that is gone: after TCP_KEEPIDLE, every TCP_KEEPINTVL, up to TCP_KEEPCNT probes, then ETIMEDOUT. help keepalive says more.
topic-option-SO_BROADCAST = Allows a UDP socket to send to a broadcast address; without it such a sendto fails with EACCES.
topic-try-SO_BROADCAST = u = socket udp, sendto u 255.255.255.255:9 hi (EACCES), setsockopt u SO_BROADCAST on
topic-option-SO_RCVBUF = The receive buffer: it bounds the window this side announces, so a reader that does not read shuts the sender's window. Linux doubles the value set (room for its bookkeeping) and applies a minimum; set it before listen or connect.
topic-option-SO_SNDBUF = The send buffer: how much send can take before it blocks (or, nonblocking, fails with EAGAIN) while the peer does not read. Linux doubles the value set.
topic-option-SO_RCVTIMEO = A blocking recv (or accept) gives up after this long with EAGAIN instead of waiting for ever; 0 or off: for ever. A duration: 300ms, 1.5s.
topic-option-SO_SNDTIMEO = A blocking send gives up after this long (it returns what it took, or fails with EAGAIN), and so does a blocking connect (EINPROGRESS: the handshake goes on); 0 or off: wait for ever. A duration: 200ms, 1.5s.
topic-try-SO_SNDTIMEO = setsockopt cli SO_SNDTIMEO 200ms, then sendall cli "x"*10000000 to a peer that does not read
topic-option-SO_LINGER = What close does with data not yet sent. Off (the default): close returns at once and the kernel sends the rest. On with N seconds: close waits up to N s. SO_LINGER 0: close drops the connection with RST, no TIME_WAIT, and the peer meets ECONNRESET.
topic-option-SO_ERROR = Read-only: the socket's pending error, cleared by reading it. How a nonblocking connect ended (0, ECONNREFUSED, ETIMEDOUT), read once poll says POLLOUT.
topic-option-SO_TYPE = Read-only: SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET, as socket(2) was asked.
topic-try-SO_TYPE = getsockopt H SO_TYPE
topic-option-SO_ACCEPTCONN = Read-only: 1 while the socket is listening, else 0.
topic-try-SO_ACCEPTCONN = getsockopt srv SO_ACCEPTCONN, before and after listen srv
topic-option-TCP_NODELAY = Turns Nagle's algorithm off: a small send leaves at once even while earlier data is unacknowledged, instead of waiting to be joined with more — a wait that, with the peer's delayed ACK, can cost 40 ms and more.
topic-option-TCP_CORK = Holds partial segments back until it is turned off (or for 200 ms), so that small writes leave as full segments; turning it off sends what waits.
topic-try-TCP_CORK = setsockopt cli TCP_CORK on, send cli a, send cli b, setsockopt cli TCP_CORK off (with wire on)
topic-option-TCP_MAXSEG = The largest segment this socket sends (its MSS); set before connect, it is also what the SYN announces.
topic-try-TCP_MAXSEG = setsockopt cli TCP_MAXSEG 500 before connect, with wire on
topic-option-TCP_KEEPIDLE = How long a connection must be idle before the first keepalive probe (with SO_KEEPALIVE on). The kernel counts seconds: 5, or 5s, 2min. Default: net.ipv4.tcp_keepalive_time, 7200 s.
topic-option-TCP_KEEPINTVL = The time between keepalive probes, in seconds: 1, or 1s. Default: net.ipv4.tcp_keepalive_intvl, 75 s.
topic-option-TCP_KEEPCNT = How many keepalive probes may go unanswered before the connection is given up with ETIMEDOUT. Default: net.ipv4.tcp_keepalive_probes, 9.
topic-option-TCP_USER_TIMEOUT = How long sent data (or a keepalive probe, or a SYN) may go unacknowledged before the kernel gives the connection up with ETIMEDOUT — long before net.ipv4.tcp_retries2 would. In ms: 800, or 3s; 0: the retries decide.
topic-option-TCP_SYNCNT = How many times connect sends its SYN again before it fails with ETIMEDOUT, for this socket (it overrides net.ipv4.tcp_syn_retries).
topic-try-TCP_SYNCNT = in the lab: link hold, setsockopt cli TCP_SYNCNT 1, connect cli b:80
topic-option-TCP_WINDOW_CLAMP = The largest receive window this socket announces, in bytes, whatever its buffer would allow.
topic-try-TCP_WINDOW_CLAMP = setsockopt conn TCP_WINDOW_CLAMP 1000, then send to it with wire on
topic-option-TCP_QUICKACK = ACK at once instead of delaying the ACK. The kernel turns it off again by itself, so a program sets it again after each receive.
topic-option-IP_RECVERR = ICMP errors (port or host unreachable, …) are reported to the socket as they come — to an unconnected UDP socket too — not only as a later call's errno.
topic-try-IP_RECVERR = u = socket udp, setsockopt u IP_RECVERR on, sendto u 127.0.0.1:9 hi, recvfrom u
topic-option-IP_TTL = The IPv4 time-to-live of outgoing packets: each router takes one off, and at 0 the packet is dropped (ICMP time exceeded).
topic-try-IP_TTL = setsockopt H IP_TTL 1, getsockopt H IP_TTL
topic-option-IP_TOS = The IPv4 type-of-service byte of outgoing packets: six bits of DSCP (a priority that routers may honour) and two of ECN, which on a TCP socket the kernel keeps for itself.
topic-try-IP_TOS = setsockopt H IP_TOS 16, getsockopt H IP_TOS
topic-option-IPV6_V6ONLY = An AF_INET6 socket takes IPv6 only. Off (Linux's default, net.ipv6.bindv6only=0), a listener on [::] takes IPv4 peers too, seen as ::ffff:a.b.c.d.

# A topic's last line: the lessons that show it, or what to try.
topic-footer-lessons = lessons: { $lessons } (socklab play { $number })
topic-footer-try = no lesson shows it yet; try: { $line }

# Python's socket methods (`help setblocking`, `help python`,
# docs/python.md): python-method-NAME says what socklab does instead.
# {""} is a method with nothing to add.
python-help-in-socklab = Python's socket.{ $name }() in socklab: { $line }
python-help-no-verb = Python's socket.{ $name }(): socklab has no verb for it.
python-method-socket = socket.socket(family, type); `socket tcp` is the same (tcp, udp, tcp6, udp6, unix, unix-dgram are the short kinds).
python-method-bind = The address tuple is written HOST:PORT; bind(("", 8899)) is bind s "" 8899 or bind s :8899.
python-method-listen = The backlog is optional (128 if left out; the kernel caps it at net.core.somaxconn).
python-method-accept = Python returns (conn, addr); socklab names the new handle and shows the peer's address.
python-method-connect = connect s srv connects to another handle's address.
python-method-connect_ex = socklab never raises: a failed connect shows its errno, as connect_ex returns it.
python-method-send = Returns how many bytes the kernel took, which may be fewer than given.
python-method-sendall = Calls send until everything is sent, and says how many calls it made.
python-method-sendto = The address comes before the data in socklab.
python-method-recv = Returns 0 to N bytes; 0 (b'' in Python) means the peer shut down its sending side. `data =` keeps the bytes, and `$data` sends them back: s.sendall(data) is `sendall s $data`.
python-method-recvfrom = Shows the sender's address as from:.
python-method-recv_into = socklab has its own buffer; the bytes are the same.
python-method-shutdown = SHUT_RD, SHUT_WR, SHUT_RDWR are read, write, both.
python-method-close = The kernel may keep the connection after the fd is gone (FIN_WAIT, TIME_WAIT): socklab shows it.
python-method-setsockopt = The level may be left out: each option knows its own.
python-method-getsockopt = Shows the value the kernel reports (Linux doubles buffer sizes).
python-method-setblocking = setblocking(False) is nonblock s on; setblocking(True) is nonblock s off.
python-method-settimeout = Python's timeout is its own poll() loop, which raises TimeoutError; the kernel's own timeouts are SO_RCVTIMEO (recv, accept) and SO_SNDTIMEO (send, connect), and a call they end gives EAGAIN (connect: EINPROGRESS). settimeout(0) is nonblock s on; settimeout(None) sets both to 0 and nonblock s off. In scripts every blocking call is bounded by --timeout too.
python-method-gettimeout = {""}
python-method-getsockname = {""}
python-method-getpeername = {""}
python-method-fileno = ls lists every handle with its fd.
python-method-makefile = makefile() wraps the socket in Python's buffered file object — a library layer, not a system call; read with recv (or recvall for an exact count) and send with sendall.
python-method-sendfile = sendfile(2) sends from a file, and lessons touch no files; sendall sends the same bytes.
python-method-detach = Python-side bookkeeping of the fd; there is nothing for the kernel to do.
python-method-dup = A second fd for the same socket; socklab has one handle per socket.
python-method-socketpair = {""}
python-method-select = select.select / select.poll: poll shows which handles are readable or writable.
python-method-recvall = Not a Python method: the tutorials' loop that reads exactly N bytes.

# Python's exceptions and the errnos behind them (`help
# ConnectionRefusedError`): python-exception-NAME (socket.timeout is
# python-exception-socket-timeout), a phrase shown after the name.
python-help-exception = Python's { $name }: { $note }.
python-help-no-errno = It has no errno: socklab shows no such step.
python-help-errnos = socklab shows the errno instead: { $errnos } (help ERRNO says where you meet each).
python-exception-ConnectionRefusedError = nothing listens there (a TCP RST, or for UDP an ICMP port unreachable)
python-exception-ConnectionResetError = the peer reset the connection (RST)
python-exception-ConnectionAbortedError = the connection was aborted before accept took it
python-exception-BrokenPipeError = sending where the peer (or this side) can no longer be sent to
python-exception-ConnectionError = the base of the four above
python-exception-BlockingIOError = a nonblocking call that would have waited
python-exception-InterruptedError = a signal interrupted the call (Python retries it; socklab shows it)
python-exception-TimeoutError = the kernel gave up (connect, keepalive, retransmissions); also raised by settimeout's deadline, with no errno
python-exception-socket-timeout = the old name of TimeoutError (an alias since Python 3.10)
python-exception-PermissionError = a port below 1024, a broadcast without SO_BROADCAST, a raw socket
python-exception-FileNotFoundError = a unix socket path that does not exist
python-exception-FileExistsError = {""}
python-exception-OSError = errnos with no subclass of their own come as OSError with .errno set
python-exception-socket-gaierror = a host name that could not be resolved (getaddrinfo); not an errno

# Windows' socket errors (`help 10054`, `help WSAECONNRESET`); a note
# where Linux differs: winsock-note-NAME.
winsock-help = { $name } ({ $number }) is Windows' name for { $twin }: where Python on Windows says [WinError { $number }], on Linux it says [Errno { $errno }], and socklab shows { $shown } — the same failure.
winsock-note-WSAEWOULDBLOCK = Note: on Linux EWOULDBLOCK and EAGAIN are one errno, and socklab names it EAGAIN.
winsock-note-WSAESHUTDOWN = Note: a send after `shutdown write` gets EPIPE on Linux, not ESHUTDOWN.

## ---- end of section topics ----


## ---- section shell: the shell, play, predict and the lessons' list ----


# predict: play's questions, the marks and the score

predict-not-a-result = '{ $word }' is not an answer here: a number (0, 5, -1), an errno (ECONNREFUSED, 111), a Python exception (ConnectionRefusedError), blocks — or ? to see it
predict-state-for-result = '{ $word }' is a TCP state; this question asks what the call returns
predict-not-a-state = '{ $word }' is not a TCP state ({ $states }) — or ? to see it
predict-actual-gone = gone (the kernel holds no connection)
predict-actual-returned = returned { $value }
predict-actual-failed = -1 { $errno }
predict-actual-failed-python = -1 { $errno }, Python's { $exception }
predict-actual-blocked = it blocked (until the lesson's timeout)
predict-actual-other = no call's result
predict-field-return-value = return value
predict-field-errno = errno
predict-field-blocks = blocks
predict-field-succeeds = succeeds
predict-field-result = result
predict-field-state = state
predict-field-answer = answer
predict-word-blocks = blocks
predict-word-ok = ok
predict-mark-right = ✓ { $field }: { $said } (right)
predict-mark-wrong = ✗ { $field }: { $said } (wrong)
predict-it-was = it was: { $actual }
predict-gave-up = ? it was: { $actual }
predict-not-answered = (not answered) it was: { $actual }
predict-ask-result = predict: what will it return?
predict-ask-state = predict: which state will { $handle } be in after it?
predict-how = Questions: say what you expect before the call runs — a result (0, 5, ok, -1 ECONNREFUSED, 111, ConnectionRefusedError, blocks) or a TCP state (CLOSE_WAIT); ? shows it, Enter skips, q quits.
predict-score = score: { $right } of { $counted } predictions right
predict-score-skipped = score: { $right } of { $counted } predictions right ({ $skipped } not answered)

# play: the lesson player

play-refused-need = this lesson { $why }
play-host-net = note: --host-net: this lesson runs in the host's network, where it can reach real services
play-note = note: { $note }
play-keys = Enter: next · a: go on by itself · q: quit
play-stopped = stopped (q) before step { $step }
play-interrupted = interrupted (Ctrl-C): play stops here
play-out-of-time = out of time: the lesson's steps have run { $time }, the most a lesson may — play stops here

# lessons: socklab lessons, the shell's lessons and play

lessons-group = { $group }:
lessons-needs = [needs { $needs }]
lessons-asks = [asks { $count }]
lessons-footer = socklab play NAME (or its number) plays one — [asks N]: it asks you to predict N results first; play --predict asks before every call; socklab test --lessons runs them all.
lessons-footer-shell = play NAME (or its number) plays one here, in a network of its own; then this session resumes.
lessons-footer-script = socklab play NAME (or its number) plays one; socklab test --lessons runs them all.
lessons-play-needs-terminal = play steps through a lesson with a person at a terminal: type it in the shell, or run socklab play NAME (socklab play --auto 2s NAME goes on by itself)
lessons-no-such = no file and no built-in lesson named '{ $wanted }' (socklab lessons lists them)
lessons-no-such-near = no file and no built-in lesson named '{ $wanted }' — did you mean { $near }? (socklab lessons lists them)
lessons-several = '{ $wanted }' names several lessons: { $names } — give the whole name

# group: the lessons' groups (`#! group:` in a lesson, English there)

group-tcp-connections = TCP connections
group-udp = UDP
group-other-families-and-ports = Other families and ports
group-the-tutorials-programs = The tutorials' programs
group-the-wire-view-needs-cap-net-raw-or-sandbox = The wire view (needs CAP_NET_RAW, or --sandbox)
group-the-network-lab = The network lab
group-the-network-lab-a-real-path = The network lab: a real path
group-reference = Reference
group-other-lessons = Other lessons

# shell: the shell's banner

shell-banner = socklab { $version } — help, help VERB, ? or Tab to explore; Ctrl-D leaves. New to sockets? `lessons` lists the lessons, `play 01` plays the first.
shell-banner-private = {" "}Private network (--sandbox): programs outside socklab cannot be reached.
shell-banner-lab = The lab: host a is { $a4 } ({ $a6 }), host b is { $b4 } ({ $b6 }), joined by a link socklab relays. The prompt says how the link treats segments (pass, hold) and the current handle; `link` says the rest (docs/lab.md).

# runner: what the runner says about a session's lines

runner-no-job = no job [{ $id }] is running — jobs lists them (a finished one was shown already)
runner-still-running = { $reason }; still running: { $jobs }
runner-out-of-time = out of time: the lesson may run { $time }
runner-timeout = timeout after { $after }
runner-interrupted = interrupted (Ctrl-C)
runner-poll-failed = poll failed: { $reason }
runner-no-program = no program named '{ $name }' is running (spawn starts one) — wait takes a job's number (jobs lists them: wait 1) or a spawned program's name
runner-no-program-running = no program named '{ $name }' is running (running: { $running }) — wait takes a job's number (jobs lists them: wait 1) or a spawned program's name
runner-script-interrupted = interrupted (Ctrl-C): the script stops here
runner-not-utf8 = the terminal sent bytes that are not UTF-8, so that line was dropped unrun — socklab reads UTF-8 text (set the terminal to UTF-8); write raw bytes as x"ff fe" or "\xff"
runner-reading-input = error: reading input: { $error }
runner-source-confined = a lesson may not read files: source is refused in socklab test and play — to run it, make the file your own script: socklab run FILE
runner-source-nested = source is nested more than { $depth } deep
runner-cannot-open = cannot open '{ $file }': { $reason }
runner-source-not-regular = '{ $file }' is not a regular file (a device, a FIFO or a directory): source reads files of socklab lines
runner-sourced-already = '{ $file }' is being sourced already: a file that sources itself would never end
runner-source-recorded = '{ $file }' is being recorded by this session: sourcing it would run what it writes, and write what it runs, for ever — record off first, or source another file
runner-export-confined = a lesson may not write files: export is refused in socklab test and play — to export a lesson, run: socklab export LESSON --to python -o FILE.py
runner-export-json = export reads the session as it was shown in text: run socklab without --json to export
runner-export-nothing = nothing to export yet: make some calls first
runner-cannot-write = cannot write '{ $file }': { $reason }
runner-diagram-confined = a lesson may not write files: diagram save is refused in socklab test and play — to draw a lesson, run: socklab diagram LESSON -o FILE.svg
runner-diagram-nothing = nothing to draw yet: no segment was shown — turn the wire view on (wire on, wire ladder, or socklab --lab), make some calls, then diagram save FILE.svg
runner-diagram-extension = '{ $file }': say which picture by the file's extension: .svg (slides), .html (a page to print), .txt (a terminal), .mmd (mermaid)
runner-lessons-not-here = a lesson cannot list or play lessons — in the shell, `lessons` and `play NAME` do; from the command line, socklab lessons and socklab play NAME
runner-not-recording = not recording — start with: record FILE
runner-already-recording = already recording to { $current } — record off first, then record { $path }
runner-record-confined = a lesson may not write files: record is refused in socklab test and play — to record, run the file as your own script: socklab run FILE
runner-record-being-read = '{ $file }' is being read by this session (run or sourced): recording into it would write over what is still to run — record into another file
runner-cannot-record = cannot record to '{ $file }': { $reason }
runner-recording-stopped = recording to { $path } stopped: { $reason } — the session goes on, unrecorded

# test: socklab test's report (what is compared stays English)

test-cannot-start = cannot start a session: { $error }
test-interrupted-before = interrupted (Ctrl-C) before line { $line }
test-too-long = line { $line }: the lesson has run longer than { $seconds } s, the most a lesson may: stopped
test-cannot-rewrite = { $name }: cannot rewrite: { $error }
test-needs-lab-unprivileged = needs the lab, which cannot be built with every capability dropped ('#! as: unprivileged' and '#! lab' do not go together)
test-needs-lab = needs the lab (network namespaces: root, or user namespaces)
test-needs = needs { $need }
test-built-in = { $name } (built in)
test-interrupted = interrupted (Ctrl-C): { $count } file(s) not run
test-summary = { $passed } passed, { $failed } failed, { $skipped } skipped
test-note = { $name }: note: { $note }
test-skipped = { $name }: skipped ({ $why })
test-blessed = { $name }: blessed { $count } command(s)
test-host-net = note: --host-net: the lessons run in the host's network, where they can reach real services
test-bless-lessons = --bless rewrites files; the built-in lessons are not files
test-lessons-and-files = --lessons runs the built-in library: name files, or --lessons, not both
test-bless-lesson = --bless rewrites files; { $name } is a built-in lesson, not a file
test-no-files-hint = { $error } (socklab test --lessons runs the lessons built into socklab)
test-no-files = no .socklab files found

# the command line's subcommands: play, record, diagram, translate, export, and the flags

play-command-list = { $file } is a list of commands, not a lesson (a lesson has '> ' lines and their output): make one with socklab record LESSON.socklab < { $file }, then socklab play LESSON.socklab
play-report-cannot-write = cannot write the report { $file }: { $reason }
play-report-form = --report { $file }: a report is FILE.csv or FILE.json (the form comes from the extension)
record-cannot-write = cannot write { $file }: { $reason }
record-input-failed = reading the commands failed: { $error }
record-cannot-start = cannot start the session: { $error }
record-failed = recording to { $file } failed: { $reason }
record-recorded = recorded { $file }
shell-graph-no-data = { $file } shows no TCP data segment to graph (a lesson that shows only `wire summary` lines, or none, has none)
shell-steps-none = { $file } has { $count } commands: --steps { $from }… draws none of them
shell-cannot-write = cannot write { $file }: { $reason }
shell-cannot-write-exists = cannot write { $file }: { $reason } (--force replaces it)
shell-wrote = wrote { $file }
shell-cannot-read = cannot read { $file }: { $reason }
shell-program-too-large = { $file } is larger than { $limit } bytes: socklab translate reads programs up to that size
shell-program-not-text = { $file } is not UTF-8 text, nor text in the encoding its `# coding:` line names (Python 3 reads a program as UTF-8 unless its first or second line says `# -*- coding: gbk -*-`)
shell-lab-cannot-run = { $reason }; the lab cannot run here
shell-flag-help = help runs no session
shell-flag-json = { $name } shows a person its lessons; `socklab run --json FILE` gives one JSON object per step
shell-flag-bail = only a script stops at its first failing line: socklab run --bail
shell-flag-wire-test = a lesson's expected output depends on the wire view, so a lesson turns it on itself (wire on)
shell-flag-lab = a lesson runs in a lab when it says so itself, with a `#! lab` line (the lab's lessons have one; record in a lab writes it)
shell-flag-no-effect = it has no effect there
shell-flag-not-here = --{ $flag } does not apply to `socklab { $name }`: { $why }

play-env-own-directory = cannot give the lesson a directory of its own: { $reason }
play-env-make-scratch = cannot make the lesson's scratch directory: { $error }
play-env-enter-scratch = cannot enter the lesson's scratch directory: { $error }
play-env-read-capabilities = cannot read the capabilities: { $error }
play-env-drop-capabilities = cannot drop the capabilities for '#! as: unprivileged': { $error }

test-more-lines = … and { $count } more lines

## ---- end of section shell ----


## ---- section errors: usage errors and the tool's own errors ----


# The frame of every usage error: where it is, and what the command takes.
error-at-column = column { $column }: { $message }
error-missing = missing { $what } — usage: { $usage }
error-with-usage = { $message } — usage: { $usage }
error-with-hint-usage = { $message } { $hint } — usage: { $usage }

# Hints about handles, in parentheses after a message.
error-hint-no-handle-near = (no handle is named '{ $word }' — did you mean '{ $near }'?)
error-hint-handles = (handles: { $names })
error-hint-handles-many = (handles: { $names }, … { $count } in all — ls lists them)
error-hint-read-as-argument = ('{ $word }' was read as an argument, not a handle)
error-hint-read-as-argument-hint = ('{ $word }' was read as an argument, not a handle { $hint })

# The cursor: handles and arguments.
error-no-current-handle = no current handle — create one first (socket tcp), or name one
error-not-a-handle = '{ $word }' is not a handle
error-program-socket = { $name } is a socket of program { $program } (spawn): socklab can show it (ls) but not act on it — act on your end of the connection
error-path-not-hex = a { $what } is a name, not hex data: write it bare, or in quotes
error-path-not-text = a { $what } is text: no empty name, no bytes that are not UTF-8
error-not-one-of = '{ $word }' is not a { $what } (one of: { $choices })
error-not-one-of-near = '{ $word }' is not a { $what } — did you mean '{ $near }'? (one of: { $choices })
error-joined-data-too-long = the joined data is more than the 16 MiB limit
error-data-near = did you mean '${ $near }'?
error-data-none-yet = there is none yet — a receive keeps its bytes under a name: data = recv conn 1024
error-data-names = data names: { $names }
error-data-names-many = data names: { $names }, … { $count } in all — ls lists them
error-no-data-named = no data is named '{ $name }' ({ $known }); to send the text '{ $text }' itself, quote it — usage: { $usage }
error-int-too-big = { $what } { $n } is more than { $max }
error-int-not-whole = { $what } must be a whole number, not '{ $word }'
error-int-is-data = { $what } must be a number, not data
error-bad-address = bad address: { $reason }
error-address-quoted = an address is written bare, not quoted
error-quote-text = text with spaces is one argument only when quoted: { $line }
error-not-a-flag = '{ $word }' is not a flag here; flags: { $flags }
error-unexpected = unexpected '{ $word }'

# What an argument is (`missing …`, `'x' is not a …`); placeholders such
# as ADDR and FILE stay as they are.
error-what-direction = direction
error-what-request = request
error-what-diagram-action = diagram action
error-what-host-action = host action
error-what-delayed-ack-setting = delayed-ack setting
error-what-wire-setting = wire setting
error-what-send-or-recv = send or recv
error-what-socket-kind = socket kind
error-what-language = language
error-what-setting = setting
error-what-link-mode = link mode
error-what-seed = seed
error-what-port = port
error-what-queue-length = queue length

# Addresses (src/address.rs).
error-address-forms = IP:PORT, [IPv6]:PORT, :PORT, HOST:PORT, /unix/path, @abstract or a handle name
error-address-no-abstract-name = '@' needs a name after it: @mysock
error-address-abstract-too-long = an abstract name holds at most { $max } bytes; this one has { $len }
error-address-path-too-long = a unix socket path holds at most { $max } bytes; this one has { $len }
error-address-not-an-address = '{ $text }' is not an address — expected { $forms }
error-address-ipv6-without-brackets = '{ $text }': write an IPv6 address in brackets, like [::1]:8080
error-address-not-a-host-name = '{ $text }' is not a host name — expected { $forms }
error-address-no-closing-bracket = '{ $text }': missing ']' after the IPv6 address
error-address-not-ipv6 = '{ $text }' is not an IPv6 address
error-address-no-port-after-bracket = '{ $text }': missing ':PORT' after ']' — like [::1]:8080
error-address-ipv4-parts = '{ $host }' is not an IPv4 address: it has { $parts } parts, an address has 4 (like 127.0.0.1)
error-address-ipv4-part-too-big = '{ $host }' is not an IPv4 address: { $part } is more than 255
error-address-ipv4-empty-part = '{ $host }' is not an IPv4 address: empty part
error-address-not-ipv4 = '{ $host }' is not an IPv4 address
error-address-no-port = missing port after ':' — like 127.0.0.1:8080 (0 lets the kernel choose)
error-address-port-out-of-range = port { $port } is out of range: ports are 0 to 65535
error-address-port-not-a-number = port '{ $text }' is not a number from 0 to 65535

# Encodings (src/encoding.rs).
error-encoding-unknown = '{ $name }' is not an encoding socklab can send in — one of: { $names }
error-encoding-unwritable = '{ $character }' cannot be written in { $encoding } — switch with `encoding utf-8`, or write the bytes as x"…"

# The line itself (src/parse): its length, quotes, escapes and bytes.
error-line-too-long = the line is { $len } bytes long; the limit is { $max } — write long data as "..."*COUNT
error-line-longer-than = the line is longer than { $max } bytes — write long data as "..."*COUNT
error-nul-byte = NUL byte in the line — write \0 inside quotes to send one
error-ampersand-alone = '&' runs a command in the background; put it after one: accept srv &
error-nothing-after-equals = nothing after '=' — name a command that creates handles: srv = socket tcp
error-bad-handle-name = '{ $name }' is not a valid handle name — use a letter, then letters, digits, '_' or '-' (at most 32)
error-repeat-needs-count = '*' after data needs a count: "ab"*1000
error-repeat-too-long = { $len } × { $count } bytes is more than the 16 MiB limit
error-space-after-quote = expected a space after the closing quote
error-unterminated-quote = unterminated quote — close it with '{ $quote }'
error-hex-escape = '\x' needs two hex digits: \x41
error-unknown-escape = unknown escape '{ $escape }' — use \n \r \t \0 \\ \" \' or \xNN
error-unterminated-hex = unterminated hex data — close it with '"': x"48 65"
error-not-hex-digit = '{ $char }' is not a hex digit — x"..." takes pairs like 48 65 6c
error-odd-hex-digits = hex data has an odd number of digits — each byte is two: x"0a 0b"
error-not-utf8 = byte 0x{ $byte } is not valid UTF-8 — write bytes as \xNN inside quotes
error-not-encoding = byte 0x{ $byte } at column { $column } is neither UTF-8 nor { $encoding } (the session's encoding) — save the file in one of them, or write bytes as \xNN inside quotes
error-not-encoding-line = line { $line }: byte 0x{ $byte } at column { $column } is neither UTF-8 nor { $encoding } (the session's encoding) — save the file in one of them, or write bytes as \xNN inside quotes

# A line's verb and the names before it (src/command/mod.rs).
error-unknown-command-near = unknown command '{ $word }' — did you mean '{ $near }'?
error-unknown-command = unknown command '{ $word }' — type 'help' for the list
error-not-in-background = '{ $verb }' does not block, so it cannot run in the background — only { $verbs } take '&'
error-names-no-data = '{ $verb }' creates no handle and returns no data to name — socket, socketpair and accept name the handles they create (srv = socket tcp); recv, recvfrom and recvall name the bytes they return (data = recv conn 1024)
error-data-one-name = '{ $verb }' keeps its bytes under one name; the step shows the rest: { $name } = { $verb } …
error-data-name-background = a data name keeps what a receive in the foreground returned — run it without '&' to keep ${ $name }
error-too-many-names = '{ $verb }' creates { $creates ->
        [one] one handle
       *[other] two handles
    }, but { $count } names were given
error-socketpair-one-name = socketpair creates two handles: name both, like a, b = socketpair
error-name-reserved = background job [{ $job }] will create '{ $name }' — pick another name
error-handle-exists = handle '{ $name }' already exists — close it first, or pick another name
error-name-is-command = '{ $name }' is a command name; pick another handle name
error-named-twice = '{ $name }' is named twice
error-not-from-cache = { $verb } does not run from the parse cache

# The verbs' own errors (src/command/*.rs).
error-not-a-host = '{ $name }' is not a host of the lab — the hosts are a and b
error-spawn-missing-command = missing CMD — the program to start: spawn py = python3 server.py — usage: { $usage }
error-socket-kind-not-here = { $kind } is not one of these: { $choices }
error-socket-type-unsupported = socklab makes SOCK_STREAM and SOCK_DGRAM sockets (and SOCK_SEQPACKET for AF_UNIX), not '{ $word }'
error-socket-family-unsupported = socklab makes AF_INET, AF_INET6 and AF_UNIX sockets, not '{ $word }'
error-not-a-language = '{ $word }' is not a language socklab speaks — en, ru or zh
error-not-a-signal = '{ $word }' is not a signal kill sends — one of { $signals }
error-not-a-job = '{ $word }' is not a job number or a program's name — jobs lists them: wait 1
error-not-a-state = '{ $word }' is not a TCP state or readable/writable; states: { $states }
error-await-timeout = TIMEOUT must be a duration like 500ms or 2s, not '{ $word }'
error-await-closed = { $handle } is closed: only a TCP state can be awaited for it
error-await-wire-off = await wire needs the wire view: `wire on` first (it needs CAP_NET_RAW, or --sandbox)
error-no-handle-named = no handle named '{ $handle }'
error-close-shared = { $handle } is still shared with a background job; nothing was closed
error-nothing-to-background = '{ $verb }' does not block, so there is nothing to run in the background — only { $verbs } take '&'
error-watch-zero = a watcher needs N of at least 1 byte per call (default 1024)
error-already-watched = { $name } is already watched by job [{ $job }]
error-watch-listening = { $name } is listening: there is nothing to receive — accept { $name } & takes a connection in the background
error-not-watched = nothing is watching { $name } — start with: watch { $name }
error-option-level = { $option } is an option of level { $level }, not { $given }
error-unknown-option-near = unknown option '{ $word }' — did you mean '{ $near }'?
error-unknown-option = unknown option '{ $word }' — `help setsockopt` lists them

# The lab's link, options, sample and wire (src/command/link.rs, option_value.rs, sample/, wire.rs).
error-what-delay = delay
error-what-jitter = jitter
error-what-loss = loss
error-what-duplication = duplication
error-what-corruption = corruption
error-what-reordering = reordering
error-link-not-a-direction = '{ $word }' is not a direction — write a->b or b->a
error-link-delay-no-unit = '{ $word }' has no unit: write { $word }ms or { $word }s (a { $what } from 0ms to 60s)
error-link-not-a-delay = '{ $word }' is not a { $what } from 0ms to 60s — write it like 50ms, 1.5s or 0
error-link-percent-no-unit = '{ $word }' has no unit: write { $word }% (a { $what } from 0% to 100%)
error-link-not-a-percent = '{ $word }' is not a { $what } from 0% to 100% — write it like 2%, 0.5% or 100%
error-link-not-a-queue-length = '{ $word }' is not a queue length — write a number of packets from 1 to 100000, like 64
error-link-not-a-rate = '{ $word }' is not a rate from 1kbit to 10gbit — write it like 10mbit, 500kbit or 1.5gbit (bits per second; off: no rate)
error-link-copies-twice = 'copies' once is enough
error-link-copies-drop = drop throws every copy of an entry away: 'copies' is for deliver
error-link-not-a-held-number = '{ $word }' is not a held number like #3
error-link-not-a-pick = '{ $word }' is not a count (1, 2, …), all, a held number like #3, what a segment is (a->b, b->a, SYN, FIN, RST, ACK, SYN,ACK, data, udp, tcp), or copies
error-link-next-only = { $verb } acts on the next segment: { $verb } next [a->b|b->a]
error-link-nothing-held = nothing is held on the link — `link hold` holds what comes next
error-link-held-copies = #{ $number } (copies of a delivered one)
error-link-not-held = no segment #{ $number } is held — held now: { $held }
error-link-only-copies = only copies of segments already delivered are held ({ $held }): `{ $verb } #K` acts on them
error-link-none-chosen = no held segment is what you asked for — held now: { $held } (`link` lists them)
error-option-takes = { $option } takes { $what }, not '{ $word }'
error-option-takes-seconds = whole seconds (5) or a duration (5s, 2min)
error-option-takes-millis = milliseconds (800) or a duration (800ms, 3s)
error-option-takes-linger = off, whole seconds (2; 0: close sends RST) or a duration (2s)
error-option-takes-timeout = a duration like 1.5s or 200ms (a bare number is seconds; 0 or off: none)
error-option-takes-int = a whole number
error-option-too-long = { $word } is too long for { $option }: the kernel holds at most { $max } { $unit ->
        [seconds] seconds
        [milliseconds] milliseconds
       *[microseconds] microseconds
    }
error-option-read-only = { $option } is read-only — use getsockopt
error-sample-too-many = every { $every } for { $duration } is more than { $max } samples — sample less often
error-sample-not-a-time = '{ $word }' is not a time for '{ $what }' from { $from } to { $to } — write it like 50ms, 3s or 2m
error-sample-file-kind = '{ $name }' is neither a .csv nor an .svg file — sample saves the samples as CSV or a plot as SVG
error-sample-not-a-field = '{ $word }' is not a field sample knows — fields: { $fields }; then every D, for D, save FILE
error-sample-confined = a lesson may not write files: sample … save is refused in socklab test and play — run the file as your own script to save it: socklab run FILE
error-sample-not-tcp = { $handle } is not a TCP socket: TCP_INFO, which sample reads, is TCP's
error-cannot-write = cannot write '{ $name }': { $reason }
error-wire-confined = a lesson may not write files: wire { $verb } is refused in socklab test and play — to save the capture, run the file as your own script: socklab run FILE
error-wire-off = the wire view is off: nothing was captured — wire on first
error-graph-no-connection = { $handle } has no connection to draw — wire graph draws a connected TCP socket's
error-graph-no-segment = the wire log has no segment of { $handle }'s connection ({ $from } → { $to }): wire graph draws what the wire view (wire on) or the lab saw

# A duration an option counts in whole units of its own.
error-option-not-whole-one = { $option } counts whole { $unit ->
        [seconds] seconds
        [milliseconds] milliseconds
       *[microseconds] microseconds
    }: { $word } is not a whole number of them — { $above }?
error-option-not-whole = { $option } counts whole { $unit ->
        [seconds] seconds
        [milliseconds] milliseconds
       *[microseconds] microseconds
    }: { $word } is not a whole number of them — { $below } or { $above }?

# `record FILE or off`: the words between the names.
error-what-FILE-or-off = FILE or off
error-lang-in-lesson = a lesson does not change the language — play it with --lang ru, --lang zh or --lang en
error-cannot-open-script = cannot open script '{ $path }': { $reason }

## ---- end of section errors ----


## ---- section lab-errors: the lab's, the wire's, spawn's and the session's own errors ----

# The lab's namespaces (src/lab/netns.rs). $reason: the errno's text.
lab-error-too-many-namespaces = cannot make a network namespace for the lab: the limit on network namespaces is reached (user.max_net_namespaces)
lab-error-namespace-refused = cannot make a network namespace for the lab ({ $reason }): run as root, or where unprivileged user namespaces are allowed
lab-error-loopback = cannot bring up the lab's lo: { $reason }
lab-error-hold-namespace = cannot hold the lab's namespace: { $reason }
lab-error-thread = cannot start a thread: { $reason }
lab-error-thread-failed = the namespace thread failed
lab-error-enter-namespace = cannot enter a lab namespace: { $reason }

# Netlink and interfaces (src/lab/setup.rs).
lab-error-netlink = netlink: { $reason }
lab-error-no-interface = no interface { $name }: { $reason }

# The hosts' taps (src/lab/taps.rs).
lab-error-tap-socket = the lab cannot open a packet socket: { $reason }
lab-error-tap-filter = the lab cannot filter a packet socket: { $reason }
lab-error-tap-bind = cannot bind the lab's tap: { $reason }

# The relay (src/lab/relay/mod.rs). $name: va or vb.
lab-error-relay-socket = the lab's relay cannot open a packet socket: { $reason }
lab-error-relay-bind = cannot bind the relay to { $name }: { $reason }
lab-error-relay-eventfd = eventfd: { $reason }
lab-error-relay-ring = the relay's ring: { $reason }
lab-error-relay-thread = cannot start the relay: { $reason }
# Why the link has no fast path (link's JSON, no_kernel_path).
lab-error-fast-path-not-asked = not asked for

# The link's fast path (src/lab/kernel_path.rs).
lab-error-bpf-map = a BPF map: { $reason }
lab-error-bpf-ring = a BPF ring: { $reason }
lab-error-bpf-program = the link's program: { $reason }
lab-error-bpf-attach = attaching the link's program: { $reason }
lab-error-bpf-programs = the link's programs

# Building the lab (src/lab/mod.rs). $side: va or vb.
lab-error-quiet = cannot quiet the lab's { $side }: { $reason }
lab-error-early-retrans = cannot set the lab's tcp_early_retrans: { $reason }

# sysctl HOST NAME[=VALUE] (src/lab/sysctl.rs). $name: the setting's name.
lab-error-sysctl-read-only = { $name } is read only: the kernel says what it offers
lab-error-sysctl-not-listed = { $name } is not a setting a lab host may have — sysctl reads and sets only the per-host TCP and IP settings it lists (help sysctl), since others may act on the whole machine
lab-error-sysctl-not-listed-near = { $name } is not a setting a lab host may have (did you mean { $near }?) — sysctl reads and sets only the per-host TCP and IP settings it lists (help sysctl), since others may act on the whole machine
lab-error-sysctl-not-whole = { $name } takes a whole number from { $low } to { $high }, not '{ $value }'
lab-error-sysctl-out-of-range = { $n } is out of range for { $name }: from { $low } to { $high }
lab-error-sysctl-not-numbers = { $name } takes { $count } whole numbers, like { $name }={ $example } — not '{ $value }'
lab-error-sysctl-not-in-order = { $name }'s numbers go from the smallest to the largest, like { $example } — not '{ $value }'
lab-error-sysctl-no-such-congestion = '{ $value }' is not a congestion control this kernel has — it has: { $known } (net.ipv4.tcp_available_congestion_control)
lab-error-sysctl-not-per-host = this kernel has no per-host { $name } (it is not in the host's /proc/sys), so the lab cannot set it for one host
lab-error-sysctl-not-allowed = { $value } is not one a host of the lab may choose: a network namespace may use only net.ipv4.tcp_allowed_congestion_control ({ $allowed }), which the machine's administrator sets
lab-error-sysctl-kernel-refused = the kernel refused { $name } = { $value }: not a value it takes (EINVAL)
lab-error-sysctl-cannot-set = cannot set { $name }: { $reason }
lab-error-sysctl-cannot-read = cannot read { $name }: { $reason }

# The wire view's capture (src/wire/mod.rs).
wire-error-no-cap-net-raw = the wire view needs CAP_NET_RAW to open a packet socket (AF_PACKET): run socklab as root, or give it the capability (sudo setcap cap_net_raw+ep $(which socklab)), or run socklab --sandbox
wire-error-socket = cannot open a packet socket: { $reason }
wire-error-no-loopback = no loopback interface 'lo': { $reason }

# Spawned programs (src/spawn/mod.rs). $names: the running programs' names, ", " between.
spawn-error-name-taken = a program named '{ $name }' is running already — name this one: spawn NAME = CMD …
spawn-error-no-such = no program named '{ $name }' is running (spawn starts one)
spawn-error-no-such-running = no program named '{ $name }' is running (running: { $names })
# What follows "no program named 'x' is running" in wait's error (one space before it is written by the code).
spawn-error-hint-none = (spawn starts one)
spawn-error-hint-running = (running: { $names })
spawn-error-pipe = cannot make the pipe for its output: { $reason }
spawn-error-start = cannot start '{ $program }': { $reason }
spawn-error-signal = cannot signal '{ $name }': { $reason }

# A namespace of socklab's own (src/sandbox.rs): for --sandbox, or for lessons' private networks.
session-error-sandbox-no-userns = --sandbox needs a user and network namespace ({ $reason }): this system does not allow unprivileged user namespaces (see sysctl user.max_user_namespaces, and kernel.apparmor_restrict_unprivileged_userns on Ubuntu)
session-error-lessons-no-userns = a lesson's private network needs a user and network namespace ({ $reason }): this system does not allow unprivileged user namespaces (see sysctl user.max_user_namespaces, and kernel.apparmor_restrict_unprivileged_userns on Ubuntu)
session-error-sandbox-map = --sandbox: cannot write { $path }: { $reason }
session-error-lessons-map = a lesson's private network: cannot write { $path }: { $reason }
session-error-sandbox-loopback = --sandbox: cannot bring up lo: { $reason }
session-error-lesson-network = cannot make a private network for the lesson ({ $reason }): run socklab as root, or where unprivileged user namespaces are allowed — or add --host-net to run it in the host's network
session-error-lesson-loopback = cannot bring up the lesson's lo: { $reason }
# $reason: one of the messages above.
session-error-for-lessons = { $reason }; to run lessons in the host's network instead, add --host-net

# The shell's history file (src/history.rs).
session-error-history-read = could not read the history { $path }: { $reason } (this session's lines are kept in memory only)
session-error-history-write = could not write the history { $path }: { $reason } (this session's lines are kept in memory only)

# The session (src/session/). $full: why the memory budget said no (it is full).
session-error-receive-buffer = a receive of { $len } bytes needs { $more } more buffer, and { $full } — receive less at a time
# $what: what would keep the memory ("keeping $name", "recvall's buffer" …).
session-error-memory = { $what } needs { $bytes } of memory, and { $full } ({ $used } in use) — ask for less, or let earlier work end first
session-error-keeping-data = keeping ${ $name }
session-error-no-programs-in-lessons = a lesson may not start programs (it is data, not a program): spawn works in the shell and in socklab run
session-error-no-lab = the network lab is not running: start socklab --lab (or a transcript with #! lab)
session-error-no-lab-for-host = @HOST names a host of the network lab, which is not running: start socklab --lab
session-error-no-handle = no handle named '{ $name }'
session-error-not-yet = '{ $name }' does not exist yet: background job [{ $job }] will create it (wait { $job })
session-error-bad-unix-address = bad unix address: { $reason }
session-error-handle-address = cannot read { $name }'s address: { $reason }
session-error-lab-no-name-service = the lab has no name service, so '{ $host }' is not looked up: its hosts are a and b (b:80 is 192.0.2.2:80), a handle's name is its address on its host (connect cli srv), and localhost is a host's own loopback
session-error-lesson-no-name-service = a lesson does not look up host names ('{ $host }'): use 127.0.0.1, [::1] or localhost — or run the file as your own script with socklab run
session-error-lesson-unix-path = a lesson's unix socket paths are relative to its own scratch directory: write ./name.sock, not '{ $path }' (absolute paths and .. are refused in lessons; @name is an abstract socket; socklab run runs the file as your own script)
session-error-cannot-resolve = cannot resolve '{ $host }': { $reason }
session-error-no-address = '{ $host }' has no address

## ---- end of section lab-errors ----


## ---- section diagram: the words of pictures (diagram, ladder, graph, html) ----

# A gap: time passed before what follows ($time: `42 ms`, `1.02 s`).
diagram-gap-later = later
diagram-gap-later-between = later, between steps
diagram-gap-between = { $time } later, between steps
diagram-gap-after-call = { $time } after the call

# The ladder's legend: the marks beyond a plain arrow.
diagram-legend-retransmission = retransmission (sent again)
diagram-legend-lost = lost or dropped on the way
diagram-legend-held = held on the lab's link
diagram-legend-zero-window = win=0: the receiver can take nothing more

# A mermaid picture of a transcript with no segment: its one participant.
diagram-no-segments = (no segments)

# The title: the lesson's name, the steps drawn, its first narration line.
diagram-title-step = { $name }, step { $step }
diagram-title-steps = { $name }, steps { $from }–{ $to }
diagram-title-steps-on = { $name }, steps { $from }–
diagram-title-narrated = { $name } — { $first }

# The time-sequence graph: one way's data ($from → $to).
diagram-graph-title-order = { $from } → { $to }: sequence over order — { $title }
diagram-graph-title-time = { $from } → { $to }: sequence over time ({ $near } → { $far })
diagram-graph-counts = { $data } data segments, { $again } sent again, { $lost } lost on the link
diagram-graph-axis-time = time (s)
diagram-graph-axis-order = segment, in order (a transcript keeps no clock)
diagram-graph-axis-sequence = sequence number (bytes, relative)
diagram-graph-legend-data = data segment
diagram-graph-legend-retransmission = sent again (retransmission)
diagram-graph-legend-lost = lost on the lab's link
diagram-graph-legend-ack = ACK (cumulative)
diagram-graph-legend-window = receive window (ACK + win)
diagram-graph-legend-sack = SACK block

# A live session's picture (diagram save FILE).
diagram-session-title = socklab session

## ---- end of section diagram ----


## ---- section export: what export and translate write for a person (comments, notes, what could not be translated) ----


# An exported program's head (Python and C): where it came from, how it works.
export-exported-by = { $source } — exported by socklab
export-python-about =
    Each step is one socklab line (shown above it as a comment); the
    program checks every result against the one socklab recorded, and
    exits 1 if any differs. Ports the kernel chose are PORT[1], PORT[2] …
export-python-lab =
    The session ran in socklab's network lab (two hosts and a link
    socklab controls); this program has one host: the lab's steps are
    comments marked 'socklab lab only'.
export-c-about =
    Each step is one socklab line (shown above it as a comment); the program
    checks every result against the one socklab recorded, and exits 1 if any
    differs. Ports the kernel chose are PORT[1], PORT[2] ...
    Build: cc -Wall -Wextra -Werror -o program program.c
    (add -pthread with a C library older than glibc 2.34)
export-timeout-seconds = seconds: the session's bound on a blocking call and an await
export-timeout = the session's bound on a blocking call and an await
export-c-ports = [PORT1] .. the highest this session named
export-c-jobs = job [1] .. the highest this session started
export-c-sockets = The session's sockets.
export-c-buf = what recv gives
export-c-out = long data to send
export-c-sigpipe = as socklab: EPIPE, not death
# The comments on a program's steps.
export-sent-before = the next line waits beyond these
export-job-never-shown = not exported: job [{ $job }]'s call (it never ended in the session, so socklab never showed it)
export-c-job-not-exported = not exported to C: job [{ $job }] (its call never ended in the session, or is not one a job makes here)
export-c-job-stop = as socklab: a signal, EINTR
export-c-job-function = job [{ $job }]: { $call }
export-not-watched = ({ $handle } was not being watched)
export-wait = (wait: each job's result is taken below, when it ended)
export-await-acked = socklab shows the segment; the program waits for what it says: the bytes it acknowledges
export-await-nothing-open = not exported: no socket of the program's is open to send the segment awaited
export-python-await-segment = socklab shows the segment; the program sees its socket's count of segments sent grow
export-c-await-segment = socklab shows the segment; the program sees its sockets' count of segments sent grow
export-python-encoding = from here on, text is { $encoding }: .encode("{ $encoding }") and .decode("{ $encoding }")
export-c-encoding = from here on, text is { $encoding }: the bytes below are that encoding's
export-python-job-stopped = socklab's job ended EINTR: stopped by a signal; here the shutdown above ended it
export-python-stopped = stopped, as socklab's was
export-keep-ends = to find its connection after
export-python-what-fitted = what fitted in the buffer
# Lines kept as comments, and why.
export-why-lab = socklab lab only: the network lab's step; a program on one host has no counterpart
export-why-socklab-only = socklab only: socklab's own view, no call of the program's
export-why-refused = socklab refused this line (no call was made): { $message }
export-why-no-counterpart = not exported: no faithful counterpart in this program (socklab's own measurement or loop)
export-error-empty = the transcript has no commands: nothing to export
# Where the shell's `export python|c FILE` program came from (src/runner/export_log.rs).
export-this-session = this session
# The Markdown page (docs/export.md).
export-page-title = { $source } in three forms
export-page-about = `socklab export LESSON|FILE --to python|c` writes a transcript as a program of the student's own; in the shell, `export python FILE` and `export c FILE` write the session so far. Each program makes the same calls, one per socklab line (the line is the comment above it), checks every result against the recorded one and exits 1 if any differs. The network lab's steps (hold, deliver, drop, host, link …) and socklab's own views (ls, jobs, wire …) are kept as marked comments. Background jobs (`&`, `watch`) are threads.
export-page-transcript = The transcript
# socklab translate: the script's comments and what was left out.
translate-header = { $name }, translated by socklab translate: its socket calls, one per line, each tagged with the program's line.
translate-note = note: { $note }  # { $place }
translate-left-out = not translated: { $text }  # { $place } — { $why }
translate-untranslated =
    not translated ({ $count ->
        [one] { $count } line
       *[other] { $count } lines
    }; each is a comment in the script):
translate-why-script-full = the script reached { $bytes } bytes: the rest is left out
translate-why-too-deep = blocks nested deeper than { $depth }: left out
translate-why-while = a loop: its body is written once below; repeat those lines for more rounds
translate-why-except = exception handling: socklab shows the errno instead
translate-why-def = a function: socklab runs one call per line, so its calls are not written
translate-why-unknown-block = Python that socklab has no form for
translate-why-condition = a condition only the running program can decide: its lines are left out
translate-why-loop = a loop over what only the running program knows: its lines are left out
translate-why-unrolled = loops unrolled { $count } times in all: the rest is left out
translate-why-variable = a variable only the running program knows
translate-why-print = print: socklab shows each call's result itself
translate-why-input = input(): socklab reads no input for a program; write the text into the line
translate-why-not-a-call = not a socket call socklab knows

# The helpers' comments (runtime.py, runtime.c): src/export/runtime_words.rs.
export-helper-differ = Report one result that is not the one socklab recorded.
export-helper-check-errno = The call failed: with the errno socklab saw?
export-helper-check-port = {"["}PORTn]: the first time, the port the kernel chose; then the same one.
export-helper-recvall = recv until exactly n bytes came, or the peer closed (socklab's recvall).
export-helper-ioctl-int = An ioctl that reads an int: FIONREAD (bytes to read), TIOCOUTQ (not yet acknowledged).
export-helper-poll-events-py = poll(2) for POLLIN|POLLPRI|POLLOUT|POLLRDHUP: each socket's events, by name.
export-helper-await-ready = Wait (at most TIMEOUT) until the socket is readable or writable.
export-helper-proc-net-state-py = The state of the connection local-peer in /proc/net/tcp[6] (None: not there).
export-helper-tcp-state-py = The socket's TCP state (TCP_INFO); after close, its connection's, as the kernel keeps it.
export-helper-await-state-py = Look at the TCP state until it is `want` (at most TIMEOUT): no event says when it moves.
export-helper-segments-sent = How many segments these TCP sockets have sent (TCP_INFO's tcpi_segs_out).
export-helper-await-segment-py = Wait (at most TIMEOUT) until the sockets have sent more segments than `before` (counted just after the step that started the kernel's timer).
export-helper-await-acked-py = Wait (at most TIMEOUT) until `acked` bytes of data are acknowledged: the acknowledgment socklab saw has arrived. (TCP_INFO's tcpi_bytes_acked counts the SYN as one more.)
export-helper-job-py = A call on a thread of its own (socklab's `CMD &`); result() waits for it.
export-helper-job-result-py = The call's return value (its exception is raised here).
export-helper-job-stop-py = socklab stops a job's call with a signal (EINTR). Python retries a call a signal interrupts (PEP 475), so here the socket is shut down instead: the call ends with the error that gives.
export-helper-watch-py = recv(1024) in a loop on a thread (socklab's `watch`); result() takes the next one.
export-helper-watch-stop-py = socklab interrupts the loop's recv (EINTR); here the loop also polls a stop pipe.
export-helper-jobs-py = background calls and watch loops, by socklab's job number
export-helper-ports = the ports the kernel chose ([PORT1] ...), as this run got them
export-helper-where = the step being run: its socklab line's number
export-helper-ends-py = a socket's (local, peer) addresses, kept to find its connection after close
export-helper-shared-c = The helpers below are shared by every exported program; one may not use them all.
export-helper-check-ok-c = A call that socklab saw succeed: recorded >= 0 is its return value, -2 any (a new fd).
export-helper-check-fails-c = A call that socklab saw fail with errno `recorded`.
export-helper-inet-address-c = An IPv4 or IPv6 address and port, as bind, connect and sendto take it.
export-helper-unix-address-c = A Unix socket's address: a path, or (abstract) a name with a leading NUL.
export-helper-sendall-c = send until all of it went, or a call failed (socklab's sendall).
export-helper-poll-events-c = poll(2) for POLLIN|POLLPRI|POLLOUT|POLLRDHUP; each fd's events, by name, into names[i].
export-helper-ends-c = A socket's addresses, kept to find its connection after close.
export-helper-proc-net-state-c = The state of a connection in /proc/net/tcp[6], or CLOSE if it is not there.
export-helper-tcp-info-state-c = struct tcp_info starts with tcpi_state
export-helper-await-state-c = Look at the TCP state until it is `want` (at most TIMEOUT_MS): no event says when it moves.
export-helper-segs-out-offset-c = Linux's struct tcp_info: tcpi_segs_out is the u32 at offset 136 (newer than the C library's copy of the struct).
export-helper-await-segment-c = Wait (at most TIMEOUT_MS) until the sockets have sent more segments than `before` (counted just after the step that started the kernel's timer).
export-helper-bytes-acked-c = Bytes of data acknowledged: Linux's tcpi_bytes_acked (the u64 at offset 120 of struct tcp_info), less the SYN it counts as one.
export-helper-await-acked-c = Wait (at most TIMEOUT_MS) until `acked` bytes are acknowledged: the acknowledgment socklab saw has arrived.
export-helper-job-c = A call on a thread of its own (socklab's `CMD &`), or recv in a loop on one (`watch`): its results wait here, one byte in `ready` for each.
export-helper-watch-fd-c = watch: the socket it reads
export-helper-watch-stop-pipe-c = watch: a byte here ends the loop
export-helper-jobs-c = by socklab's job number
export-helper-job-start-c = Starts `call` on a thread of its own.
export-helper-watch-start-c = Starts recv(fd, 1024) in a loop on a thread of its own.
export-helper-job-result-c = The job's next result (at most TIMEOUT_MS away): its return value, errno set, what it received in buf, its address in *addr.
export-helper-job-stop-c = socklab stops a job blocked in its call with a signal: the call returns EINTR.
export-helper-sa-restart-c = no SA_RESTART: the call returns EINTR
export-helper-unwatch-c = socklab's unwatch: the loop ends.

## ---- end of section export ----


## ---- section tables: socket options' and lab settings' notes, await's and the budget's words ----

## Socket options: each one's meaning (help options, docs/commands.md).
opt-SO_REUSEADDR = bind even while an old connection on the port is in TIME_WAIT
opt-SO_REUSEPORT = let several sockets bind the same address and port (all must set it)
opt-SO_KEEPALIVE = probe an idle TCP connection (after TCP_KEEPIDLE seconds)
opt-SO_BROADCAST = allow sending UDP to a broadcast address
opt-SO_RCVBUF = receive buffer size; Linux doubles the value set (room for its bookkeeping), so 4096 reads back as 8192, and applies a minimum
opt-SO_SNDBUF = send buffer size; Linux doubles the value set, as for SO_RCVBUF
opt-SO_RCVTIMEO = a blocking receive (or accept) gives up with EAGAIN after this long; 0 or off: wait forever
opt-SO_SNDTIMEO = a blocking send (or connect) gives up after this long; 0 or off: wait forever
opt-SO_LINGER = `off`, or how long close waits for unsent data, in seconds (2, or 2s); SO_LINGER 0 makes close send RST at once
opt-SO_ERROR = the pending error, cleared by reading it: how a nonblocking connect ended
opt-SO_TYPE = SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET
opt-SO_ACCEPTCONN = 1 when the socket is listening
opt-TCP_NODELAY = send small segments at once instead of waiting (turns off Nagle's algorithm)
opt-TCP_CORK = hold partial segments until uncorked (or 200 ms)
opt-TCP_MAXSEG = the maximum segment size
opt-TCP_KEEPIDLE = idleness before the first keepalive probe, in seconds: 5, or 5s, 2min
opt-TCP_KEEPINTVL = time between keepalive probes, in seconds: 1, or 1s
opt-TCP_KEEPCNT = unanswered keepalive probes before the connection is given up (ETIMEDOUT)
opt-TCP_USER_TIMEOUT = how long sent data (or a keepalive probe) may stay unacknowledged before the connection is given up (ETIMEDOUT), in ms: 800, or 3s; 0: the kernel's retries decide
opt-TCP_SYNCNT = SYN retransmissions before connect gives up (ETIMEDOUT); overrides net.ipv4.tcp_syn_retries
opt-TCP_WINDOW_CLAMP = the largest receive window this socket announces, in bytes
opt-TCP_QUICKACK = acknowledge at once instead of delaying the ACK (the kernel turns it off again by itself)
opt-IP_RECVERR = report ICMP errors (unreachable, …) to the socket as they come, not only a later call's errno
opt-IP_TTL = the IPv4 time-to-live of outgoing packets
opt-IP_TOS = the IPv4 type-of-service byte
opt-IPV6_V6ONLY = an AF_INET6 socket takes IPv6 only, no IPv4-mapped peers

## The lab's settings: what each decides (help sysctl, docs/commands.md).
sysctl-net-ipv4-tcp_syn_retries = SYNs sent before connect gives up (ETIMEDOUT)
sysctl-net-ipv4-tcp_synack_retries = SYN+ACKs a listener sends for a half-open connection
sysctl-net-ipv4-tcp_syn_linear_timeouts = first SYN retries 1 s apart before backing off
sysctl-net-ipv4-tcp_max_syn_backlog = half-open connections a listener keeps
sysctl-net-ipv4-tcp_syncookies = answer a full SYN queue with cookies (1), always (2), never (0)
sysctl-net-ipv4-tcp_abort_on_overflow = a full accept queue resets new connections instead of ignoring their ACK
sysctl-net-core-somaxconn = the most listen's backlog may be
sysctl-net-ipv4-tcp_retries1 = retransmissions before TCP asks the route again
sysctl-net-ipv4-tcp_retries2 = retransmissions of data before the connection is given up (ETIMEDOUT)
sysctl-net-ipv4-tcp_orphan_retries = retransmissions for a connection no socket holds any more
sysctl-net-ipv4-tcp_rto_min_us = the smallest retransmission timeout, µs
sysctl-net-ipv4-tcp_rto_max_ms = the largest retransmission timeout, ms
sysctl-net-ipv4-tcp_early_retrans = tail loss probes (3: on; the lab's hosts start at 0)
sysctl-net-ipv4-tcp_recovery = loss detection by RACK (bit 1)
sysctl-net-ipv4-tcp_frto = spot spurious retransmission timeouts (F-RTO)
sysctl-net-ipv4-tcp_reordering = duplicate ACKs that mean a loss (fast retransmit)
sysctl-net-ipv4-tcp_max_reordering = the most reordering TCP will allow for
sysctl-net-ipv4-tcp_thin_linear_timeouts = no RTO backoff for thin streams
sysctl-net-ipv4-tcp_sack = selective acknowledgements
sysctl-net-ipv4-tcp_dsack = duplicate SACKs
sysctl-net-ipv4-tcp_timestamps = timestamps (1: with random offsets, 2: without)
sysctl-net-ipv4-tcp_window_scaling = window scaling
sysctl-net-ipv4-tcp_ecn = explicit congestion notification
sysctl-net-ipv4-tcp_ecn_fallback = fall back from ECN when the path mangles it
sysctl-net-ipv4-tcp_mtu_probing = path MTU probing
sysctl-net-ipv4-tcp_base_mss = the MSS MTU probing starts from
sysctl-net-ipv4-tcp_keepalive_time = idle seconds before the first keepalive probe
sysctl-net-ipv4-tcp_keepalive_intvl = seconds between keepalive probes
sysctl-net-ipv4-tcp_keepalive_probes = unanswered probes before the connection is dropped
sysctl-net-ipv4-tcp_fin_timeout = seconds an orphaned connection waits in FIN_WAIT2
sysctl-net-ipv4-tcp_tw_reuse = reuse TIME_WAIT connections for new outgoing ones
sysctl-net-ipv4-tcp_rfc1337 = a RST in TIME_WAIT does not end it early
sysctl-net-ipv4-tcp_rmem = receive buffer: min,default,max bytes
sysctl-net-ipv4-tcp_wmem = send buffer: min,default,max bytes
sysctl-net-ipv4-tcp_moderate_rcvbuf = grow the receive buffer as the transfer needs
sysctl-net-ipv4-tcp_adv_win_scale = how much of the buffer the window offers
sysctl-net-ipv4-tcp_notsent_lowat = unsent bytes above which the socket is not writable
sysctl-net-ipv4-tcp_slow_start_after_idle = start again from slow start after an idle spell
sysctl-net-ipv4-tcp_autocorking = hold small writes while earlier ones wait in the queue
sysctl-net-ipv4-tcp_comp_sack_nr = SACKs compressed into one
sysctl-net-ipv4-tcp_congestion_control = the congestion control of new connections (reno, cubic …)
sysctl-net-ipv4-ip_default_ttl = the TTL of the host's packets
sysctl-net-ipv4-ip_local_port_range = the ephemeral ports: low,high
sysctl-net-ipv4-ip_unprivileged_port_start = the first port an ordinary user may bind
sysctl-net-ipv4-ip_no_pmtu_disc = path MTU discovery off (1) or on (0)
sysctl-net-ipv4-ipfrag_time = seconds a fragmented datagram waits for its missing pieces
sysctl-net-ipv6-ip6frag_time = the same for IPv6
sysctl-net-ipv4-icmp_ratelimit = ms between ICMP errors to one host
sysctl-net-ipv4-icmp_echo_ignore_all = do not answer ping

## `help sysctl`'s first and last lines. $names: the settings one may
## only read, comma-separated.
sysctl-help-heading = settings a lab host may have (NAME, values, what it decides):
sysctl-help-read-only = read only: { $names }

## `await`'s failures. $handle: a handle; $what: a TCP state or
## readable/writable (names); $timeout: how long it waited (2s, 500ms);
## $now: what it is instead (one of the await-now-… messages, a TCP
## state, or why it could not look).
await-not-reached = { $handle } did not become { $what } within { $timeout } (it is { $now })
await-now-with-connection = { $socket }; its connection is { $connection }, held by the kernel with no fd
await-now-held = { $connection }, held by the kernel with no fd
await-now-gone = gone from the kernel
await-not-ready = not ready
await-poll-failed = poll failed: { $errno }
await-link-not-reached = no segment reached the link within { $timeout }
await-wire-not-reached = no segment went on the wire within { $timeout }

## The memory budget. budget-full is what other messages include as
## { $full }; $limit is a size (256 MiB). budget-bytes: a size under 1 KiB.
budget-full = the session's memory budget ({ $limit }) is full
budget-bytes = { $count } bytes

## ---- end of section tables ----


## ---- section python: what socklab says to a line written in Python ----


# Python around the calls: the sentence, and what the line is ($what).
py-not-a-call = that is Python, and socklab runs one call per line — { $what }. Type the socket calls themselves, one per line: `help` lists them, `help python` shows Python's methods in socklab, and `socklab translate PROG.py` turns a program's calls into a script
py-what-print = socklab shows every call's result itself, so there is nothing to print
py-what-input = socklab reads no input for a program: write the text into the line itself
py-what-variable = socklab has no variables: write the value into each line that uses it
py-what-import = an import has no socklab form
py-what-loop = a loop has no socklab form
py-what-conditional = a conditional has no socklab form
py-what-function = a function has no socklab form
py-what-class = a class has no socklab form
py-what-exceptions = exception handling has no socklab form
py-what-with = a with block has no socklab form
py-what-return = a return has no socklab form
py-what-break = a loop's break has no socklab form
py-what-continue = a loop's continue has no socklab form
py-what-pass = a pass has no socklab form
py-what-declaration = a declaration has no socklab form
py-what-raise = a raise has no socklab form
py-what-assertion = an assertion has no socklab form
py-what-del = a del has no socklab form
# Socket calls: the socklab lines ($lines, joined by py-lines-then), each
# note after them in brackets (py-aside).
py-lines = that is Python's call syntax — socklab writes the verb and its arguments: { $lines }
py-lines-then = {", then "}
py-aside = {" ("}{ $text }{")"}
py-no-verb = that is Python's socket.{ $method }(), and socklab has no verb for it: { $note }
# Python's unpacking of a result on a socklab verb; $line is the socklab line.
py-unpack-accept = Python's accept returns (conn, addr); socklab's makes one handle and shows the peer's address in its step: { $line }
py-unpack-recv = socklab's { $verb } keeps the bytes it read under one name and shows the rest (how many came) in its step: { $line }
py-unpack-recvfrom = socklab's { $verb } keeps the bytes it read under one name and shows the rest (the sender's address, from:) in its step: { $line }
py-unpack-address = socklab shows what { $verb } returns — the address — in its step; there is nothing to name: { $line }
py-unpack-value = socklab shows what { $verb } returns — the value — in its step; there is nothing to name: { $line }
py-unpack-sent = socklab shows what { $verb } returns — how many bytes the kernel took — in its step; there is nothing to name: { $line }

# What a line needs and only the running program knows; $what is one of
# the py-arg-… names, $placeholder what the socklab line holds there.
py-missing-variable-data = { $name } is a Python variable — socklab takes { $what } written in the line: type its value where the line has { $placeholder }, or, if { $name } is what a receive returned, keep it by name ({ $name } = recv conn 1024) and send ${ $name }
py-missing-variable = { $name } is a Python variable — socklab takes { $what } written in the line: type its value where the line has { $placeholder }
py-missing-expression = { $expression } is worked out by the running program — socklab takes { $what } written in the line: type its value where the line has { $placeholder }
py-missing-other = socklab cannot write that as { $what }: type it where the line has { $placeholder }
py-unknown-encoding = '{ $encoding }' is not an encoding socklab knows (help encoding lists them): the data is left in the session's encoding
py-note-str = Python 3 refuses a str here with TypeError — it sends bytes: b'…' or '….encode()'; socklab sends the text in the session's encoding, { $encoding }
py-arg-constant = a socket constant
py-arg-backlog = the backlog
py-arg-size = the size
py-arg-level = a level
py-arg-option = an option
py-arg-value = the value
py-arg-seconds = the seconds
py-arg-socket = a socket
py-arg-text = the text
py-arg-data = the data
py-arg-address = the address
py-arg-port = the port
py-arg-host = the host
py-arg-flags = flags

## ---- end of section python ----
