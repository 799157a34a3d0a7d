import errno
import fcntl
import select
import socket
import struct
import sys
import termios
import threading
import time

jobs = {}  # background calls and watch loops, by socklab's job number
PORT = {}  # the ports the kernel chose ([PORT1] ...), as this run got them
differences = 0
where = 0  # the step being run: its socklab line's number


def step(line):
    global where
    where = line


def differ(what, got, recorded):
    """Report one result that is not the one socklab recorded."""
    global differences
    differences += 1
    print(f"step {where}: {what}: got {got!r}, socklab recorded {recorded!r}")


def check(what, got, recorded):
    if got != recorded:
        differ(what, got, recorded)


def check_errno(error, recorded):
    """The call failed: with the errno socklab saw?"""
    check("errno", errno.errorcode.get(error.errno, error.errno), recorded)


def check_port(n, port):
    """[PORTn]: the first time, the port the kernel chose; then the same one."""
    if n in PORT:
        check(f"[PORT{n}]", port, PORT[n])
    else:
        PORT[n] = port


#@ recvall
def recvall(sock, n):
    """recv until exactly n bytes came, or the peer closed (socklab's recvall)."""
    data = b""
    while len(data) < n:
        piece = sock.recv(n - len(data))
        if not piece:
            break
        data += piece
    return data


#@ ioctl_int
def ioctl_int(sock, request):
    """An ioctl that reads an int: FIONREAD (bytes to read), TIOCOUTQ (not yet acknowledged)."""
    return struct.unpack("i", fcntl.ioctl(sock.fileno(), request, b"\0" * 4))[0]


#@ poll_events
POLL_NAMES = [(select.POLLIN, "POLLIN"), (select.POLLPRI, "POLLPRI"),
              (select.POLLOUT, "POLLOUT"), (select.POLLRDHUP, "POLLRDHUP"),
              (select.POLLERR, "POLLERR"), (select.POLLHUP, "POLLHUP"),
              (select.POLLNVAL, "POLLNVAL")]


def poll_events(socks, timeout_ms):
    """poll(2) for POLLIN|POLLPRI|POLLOUT|POLLRDHUP: each socket's events, by name."""
    poller = select.poll()
    for sock in socks:
        poller.register(sock, select.POLLIN | select.POLLPRI | select.POLLOUT | select.POLLRDHUP)
    ready = dict(poller.poll(timeout_ms))
    return [[name for bit, name in POLL_NAMES if ready.get(sock.fileno(), 0) & bit]
            for sock in socks]


#@ await_ready
def await_ready(sock, event):
    """Wait (at most TIMEOUT) until the socket is readable or writable."""
    poller = select.poll()
    poller.register(sock, event)
    if not poller.poll(int(TIMEOUT * 1000)):
        differ("await", "not ready", "ready")


#@ await_state keep_ends
TCP_STATES = ["?", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
              "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING"]
ends = {}  # a socket's (local, peer) addresses, kept to find its connection after close


def keep_ends(sock):
    try:
        ends[sock] = (sock.getsockname(), sock.getpeername())
    except OSError:
        pass


def proc_net_state(local, peer):
    """The state of the connection local-peer in /proc/net/tcp[6] (None: not there)."""
    def hex_addr(addr, v6):
        packed = socket.inet_pton(socket.AF_INET6 if v6 else socket.AF_INET, addr[0])
        words = [packed[i:i + 4][::-1].hex().upper() for i in range(0, len(packed), 4)]
        return "".join(words) + ":%04X" % addr[1]
    for table, v6 in (("/proc/net/tcp", False), ("/proc/net/tcp6", True)):
        if (":" in local[0]) != v6:
            continue
        want = (hex_addr(local, v6), hex_addr(peer, v6))
        with open(table) as rows:
            for row in list(rows)[1:]:
                fields = row.split()
                if (fields[1], fields[2]) == want:
                    return TCP_STATES[int(fields[3], 16)]
    return None


def tcp_state(sock):
    """The socket's TCP state (TCP_INFO); after close, its connection's, as the kernel keeps it."""
    if sock.fileno() >= 0:
        info = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 8)
        state = TCP_STATES[info[0]]
        if state != "CLOSE" or sock not in ends:
            return state
    if sock in ends:
        return proc_net_state(*ends[sock]) or "CLOSE"
    return "CLOSE"


def await_state(sock, want):
    """Look at the TCP state until it is `want` (at most TIMEOUT): no event says when it moves."""
    deadline = time.monotonic() + TIMEOUT
    state = tcp_state(sock)
    while state != want and time.monotonic() < deadline:
        time.sleep(0.001)
        state = tcp_state(sock)
    check("TCP state", state, want)


#@ await_segment
def segments_sent(socks):
    """How many segments these TCP sockets have sent (TCP_INFO's tcpi_segs_out)."""
    total = 0
    for sock in socks:
        if sock.fileno() >= 0 and sock.type == socket.SOCK_STREAM and sock.family != socket.AF_UNIX:
            info = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 144)
            total += struct.unpack_from("I", info, 136)[0]
    return total


def await_segment(socks, before):
    """Wait (at most TIMEOUT) until the sockets have sent more segments than
    `before` (counted just after the step that started the kernel's timer)."""
    deadline = time.monotonic() + TIMEOUT
    while segments_sent(socks) <= before and time.monotonic() < deadline:
        time.sleep(0.001)
    if segments_sent(socks) <= before:
        differ("await wire", "no segment sent", "a segment")


#@ await_acked
def await_acked(sock, acked):
    """Wait (at most TIMEOUT) until `acked` bytes of data are acknowledged:
    the acknowledgment socklab saw has arrived. (TCP_INFO's tcpi_bytes_acked
    counts the SYN as one more.)"""
    def bytes_acked():
        info = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 128)
        return struct.unpack_from("Q", info, 120)[0] - 1
    deadline = time.monotonic() + TIMEOUT
    while bytes_acked() < acked and time.monotonic() < deadline:
        time.sleep(0.001)
    if bytes_acked() < acked:
        differ("bytes acknowledged", bytes_acked(), acked)


#@ Job(
class Job:
    """A call on a thread of its own (socklab's `CMD &`); result() waits for it."""

    def __init__(self, call):
        self.results = []
        self.done = threading.Event()
        self.thread = threading.Thread(target=self.run, args=(call,), daemon=True)
        self.thread.start()

    def run(self, call):
        try:
            self.results.append((call(), None))
        except OSError as error:
            self.results.append((None, error))
        self.done.set()

    def result(self):
        """The call's return value (its exception is raised here)."""
        if not self.done.wait(TIMEOUT):
            differ("background call", "still running", "ended")
            raise TimeoutError(errno.ETIMEDOUT, "the background call did not end")
        value, error = self.results.pop(0)
        if error is not None:
            raise error
        return value

    def stop(self, sock):
        """socklab stops a job's call with a signal (EINTR). Python retries a call a
        signal interrupts (PEP 475), so here the socket is shut down instead: the
        call ends with the error that gives."""
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.done.wait(TIMEOUT)


#@ Watch(
class Watch:
    """recv(1024) in a loop on a thread (socklab's `watch`); result() takes the next one."""

    def __init__(self, sock):
        self.sock = sock
        self.results = []
        self.ready = threading.Condition()
        self.stop_r, self.stop_w = socket.socketpair()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        poller = select.poll()
        poller.register(self.sock, select.POLLIN)
        poller.register(self.stop_r, select.POLLIN)
        while True:
            ready = dict(poller.poll())
            if ready.get(self.stop_r.fileno()):
                return
            try:
                data, error = self.sock.recv(1024), None
            except OSError as e:
                data, error = None, e
            with self.ready:
                self.results.append((data, error))
                self.ready.notify()
            if error is not None or not data:
                return

    def result(self):
        with self.ready:
            if not self.ready.wait_for(lambda: self.results, TIMEOUT):
                differ("watch", "nothing received", "a recv's result")
                return b""
            data, error = self.results.pop(0)
        if error is not None:
            raise error
        return data

    def stop(self):
        """socklab interrupts the loop's recv (EINTR); here the loop also polls a stop pipe."""
        self.stop_w.send(b"x")
        self.thread.join(TIMEOUT)


#@ 
def report():
    if differences:
        print(f"{differences} result(s) differ from socklab's")
        sys.exit(1)
    print("every result as socklab recorded it")
