//! The one module with `unsafe`: the few calls that neither socket2 nor nix
//! wraps, and the bare `send`/`recv`/`epoll_wait` of the per-step path.
//!
//! Owns: `getsockopt(TCP_INFO)`, the `FIONREAD`/`SIOCOUTQ` ioctls, and the
//! signal handlers that make a blocked call return `EINTR` (Ctrl-C and the
//! script-mode timeout), the lab's packet sockets and BPF (`bpf`), the
//! io_uring wake-up flag (`wake_flag`), what a spawned program is started
//! with (`child`). Everything else goes through
//! socket2 or nix.

pub mod bpf;
pub mod child;
mod wake_flag;
pub use wake_flag::WakeFlag;

use std::mem;
use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, IntoRawFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use nix::errno::Errno;
use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal, sigaction};

/// `getsockopt(fd, IPPROTO_TCP, TCP_INFO)`: the kernel's view of a TCP socket.
pub fn tcp_info(fd: BorrowedFd<'_>) -> Result<libc::tcp_info, Errno> {
    // SAFETY: tcp_info is a plain C struct of integers, for which all-zero is valid.
    let mut info: libc::tcp_info = unsafe { mem::zeroed() };
    let mut len = mem::size_of::<libc::tcp_info>() as libc::socklen_t;
    // SAFETY: `info` is a live, writable tcp_info and `len` holds its exact size;
    // the kernel writes at most `len` bytes and stores the length it wrote.
    let rc = unsafe {
        libc::getsockopt(
            fd.as_raw_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_INFO,
            (&mut info as *mut libc::tcp_info).cast(),
            &mut len,
        )
    };
    Errno::result(rc).map(|_| info)
}

/// The two queue-size ioctls socklab shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueueIoctl {
    /// `FIONREAD` (= `SIOCINQ`): bytes waiting to be read.
    Fionread,
    /// `SIOCOUTQ` (= `TIOCOUTQ`): bytes sent but not yet acknowledged (TCP),
    /// or still queued (UDP, unix).
    Siocoutq,
}

impl QueueIoctl {
    pub fn name(self) -> &'static str {
        match self {
            QueueIoctl::Fionread => "FIONREAD",
            QueueIoctl::Siocoutq => "SIOCOUTQ",
        }
    }

    fn request(self) -> libc::Ioctl {
        match self {
            QueueIoctl::Fionread => libc::FIONREAD,
            QueueIoctl::Siocoutq => libc::TIOCOUTQ,
        }
    }
}

/// `ioctl(fd, FIONREAD|SIOCOUTQ, &n)`.
pub fn queue_ioctl(fd: BorrowedFd<'_>, which: QueueIoctl) -> Result<i32, Errno> {
    let mut n: libc::c_int = 0;
    // SAFETY: both requests write exactly one c_int through the pointer, which
    // points at a live c_int on this stack frame.
    let rc = unsafe { libc::ioctl(fd.as_raw_fd(), which.request(), &mut n as *mut libc::c_int) };
    Errno::result(rc).map(|_| n)
}

/// Set by the SIGINT handler: the user pressed Ctrl-C (scripts stop on it).
pub static SIGINT_SEEN: AtomicBool = AtomicBool::new(false);

/// How many SIGINTs have arrived: a call that sees it move while it is in
/// flight was meant to be interrupted (see `interrupt`).
pub static SIGINT_COUNT: AtomicU64 = AtomicU64::new(0);

extern "C" fn on_sigint(_: libc::c_int) {
    SIGINT_SEEN.store(true, Ordering::SeqCst);
    SIGINT_COUNT.fetch_add(1, Ordering::SeqCst);
}

extern "C" fn on_sigalrm(_: libc::c_int) {
    // Nothing to do: the watchdog already recorded why it sent the signal.
    // The handler exists so that the signal interrupts a blocked call (EINTR)
    // instead of killing the process.
}

/// Installs the SIGINT and SIGALRM handlers *without* `SA_RESTART`, so that a
/// blocked socket call returns `EINTR` when either arrives, which socklab
/// shows as the call's result. SIGPIPE is ignored (Rust's runtime already
/// does so; socklab makes it explicit), so a send to a reset peer shows EPIPE.
pub fn install_signal_handlers() -> Result<(), Errno> {
    let int = SigAction::new(
        SigHandler::Handler(on_sigint),
        SaFlags::empty(),
        SigSet::empty(),
    );
    let alrm = SigAction::new(
        SigHandler::Handler(on_sigalrm),
        SaFlags::empty(),
        SigSet::empty(),
    );
    let ignore = SigAction::new(SigHandler::SigIgn, SaFlags::empty(), SigSet::empty());
    // SAFETY: both handlers only touch atomics, which is async-signal-safe, and
    // SIG_IGN for SIGPIPE has no handler at all.
    unsafe {
        sigaction(Signal::SIGINT, &int)?;
        sigaction(Signal::SIGALRM, &alrm)?;
        sigaction(Signal::SIGPIPE, &ignore)?;
    }
    Ok(())
}

/// Installs the SIGALRM handler (no `SA_RESTART`) once, for a process that
/// did not call `install_signal_handlers` (a test, a library user): the
/// watchdog and background jobs interrupt calls with SIGALRM, whose default
/// action would end the process.
pub fn ensure_alarm_handler() -> Result<(), Errno> {
    static INSTALLED: std::sync::OnceLock<Result<(), Errno>> = std::sync::OnceLock::new();
    *INSTALLED.get_or_init(|| {
        let alrm = SigAction::new(
            SigHandler::Handler(on_sigalrm),
            SaFlags::empty(),
            SigSet::empty(),
        );
        // SAFETY: the handler only touches atomics, which is async-signal-safe.
        unsafe { sigaction(Signal::SIGALRM, &alrm) }.map(|_| ())
    })
}

/// Views an initialised byte buffer as the `MaybeUninit` slice socket2's
/// receive calls take, so one zeroed buffer can be reused without copying.
pub fn as_uninit(buf: &mut [u8]) -> &mut [std::mem::MaybeUninit<u8>] {
    // SAFETY: MaybeUninit<u8> has the same size, alignment and validity as
    // u8 (every u8 is a valid MaybeUninit<u8>), and socket2 only lets the
    // kernel write bytes into the slice, never uninitialised memory, so the
    // buffer stays a valid [u8] once the borrow ends.
    unsafe { std::slice::from_raw_parts_mut(buf.as_mut_ptr().cast(), buf.len()) }
}

/// `poll(2)` on raw pollfds. nix's `PollFd` cannot carry POLLRDHUP (its
/// `revents()` drops every bit when one it does not know is set), so
/// socklab calls poll directly here.
pub fn poll(
    fds: &[BorrowedFd<'_>],
    events: libc::c_short,
    timeout_ms: i32,
) -> Result<(i32, Vec<libc::c_short>), Errno> {
    let mut pollfds: Vec<libc::pollfd> = fds
        .iter()
        .map(|fd| libc::pollfd {
            fd: fd.as_raw_fd(),
            events,
            revents: 0,
        })
        .collect();
    // SAFETY: `pollfds` is a live, writable array of exactly `len` pollfd
    // structs; every fd in it is borrowed, so stays open during the call.
    let rc = unsafe {
        libc::poll(
            pollfds.as_mut_ptr(),
            pollfds.len() as libc::nfds_t,
            timeout_ms,
        )
    };
    Errno::result(rc).map(|n| (n, pollfds.iter().map(|p| p.revents).collect()))
}

/// The lowest fd socklab's own descriptors (the state watch's epoll) move
/// to, so the sockets a person makes get the small numbers a C program's
/// would.
pub const OWN_FDS_FROM: RawFd = 100;

/// `fcntl(F_DUPFD_CLOEXEC, OWN_FDS_FROM)`: `fd` again, numbered from
/// OWN_FDS_FROM up; `fd` itself if that fails (a low fd limit).
pub fn move_out_of_the_way(fd: OwnedFd) -> OwnedFd {
    use nix::fcntl::{FcntlArg, fcntl};
    match fcntl(&fd, FcntlArg::F_DUPFD_CLOEXEC(OWN_FDS_FROM)) {
        // SAFETY: fcntl just returned this fd as a new descriptor that
        // nothing else owns; the OwnedFd becomes its only owner.
        Ok(raw) => unsafe { OwnedFd::from_raw_fd(raw) },
        Err(_) => fd,
    }
}

/// `move_out_of_the_way` for anything that owns one fd (netlink-sys's
/// `Socket`, say).
pub fn move_owner_out_of_the_way<T: IntoRawFd + FromRawFd>(owner: T) -> T {
    let raw = owner.into_raw_fd();
    // SAFETY: `into_raw_fd` gave up ownership of `raw`, an open fd; the
    // OwnedFd takes it over, and its replacement goes back into a T, which
    // becomes its only owner.
    unsafe {
        let moved = move_out_of_the_way(OwnedFd::from_raw_fd(raw));
        T::from_raw_fd(moved.into_raw_fd())
    }
}

/// Brings the loopback interface up (`SIOCSIFFLAGS` with IFF_UP): a new
/// network namespace starts with `lo` down.
pub fn bring_up_loopback() -> Result<(), Errno> {
    use nix::sys::socket::{AddressFamily, SockFlag, SockType, socket};
    let probe = socket(
        AddressFamily::Inet,
        SockType::Datagram,
        SockFlag::SOCK_CLOEXEC,
        None,
    )?;
    // SAFETY: ifreq is a plain C struct (a name and a union of integers and
    // addresses), for which all-zero is valid.
    let mut request: libc::ifreq = unsafe { mem::zeroed() };
    for (slot, byte) in request.ifr_name.iter_mut().zip(b"lo") {
        *slot = *byte as libc::c_char;
    }
    request.ifr_ifru.ifru_flags = (libc::IFF_UP | libc::IFF_LOOPBACK | libc::IFF_RUNNING) as i16;
    // SAFETY: `request` is a live ifreq with a NUL-terminated name (the rest
    // of the zeroed array) and its flags set; SIOCSIFFLAGS only reads it.
    let rc = unsafe { libc::ioctl(probe.as_raw_fd(), libc::SIOCSIFFLAGS, &request) };
    Errno::result(rc).map(|_| ())
}

/// Ends the process by `signal`'s default action (as if the signal had
/// never been caught): SIG_DFL, unblocked on this thread, raised at the
/// process. Other threads keep it blocked, so it is this thread that
/// takes it.
pub fn die_by(signal: Signal) -> ! {
    use nix::sys::signal::{SigmaskHow, pthread_sigmask};
    let default = SigAction::new(SigHandler::SigDfl, SaFlags::empty(), SigSet::empty());
    // SAFETY: SIG_DFL installs no handler.
    let _ = unsafe { sigaction(signal, &default) };
    let mut set = SigSet::empty();
    set.add(signal);
    let _ = pthread_sigmask(SigmaskHow::SIG_UNBLOCK, Some(&set), None);
    let _ = nix::sys::signal::raise(signal);
    std::process::exit(128 + signal as i32)
}

/// The width of the terminal on standard output, if it is one.
pub fn terminal_width() -> Option<usize> {
    // SAFETY: winsize is a plain C struct of integers, for which all-zero is valid.
    let mut size: libc::winsize = unsafe { mem::zeroed() };
    // SAFETY: TIOCGWINSZ writes one winsize through the pointer, which points
    // at a live winsize on this stack frame.
    let rc = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut size) };
    (rc == 0 && size.ws_col > 0).then_some(usize::from(size.ws_col))
}

/// `ethtool_value` commands socklab uses to turn a device's offloads off.
pub mod ethtool {
    pub const SET_TX_CSUM: u32 = 0x17;
    pub const SET_SG: u32 = 0x19;
    pub const SET_TSO: u32 = 0x1f;
    pub const SET_GSO: u32 = 0x24;
    pub const SET_GRO: u32 = 0x2c;
}

/// `ioctl(SIOCETHTOOL)` with an `ethtool_value` {cmd, data} on interface
/// `name`, in the calling thread's network namespace.
pub fn ethtool_set(name: &str, cmd: u32, data: u32) -> Result<(), Errno> {
    use nix::sys::socket::{AddressFamily, SockFlag, SockType, socket};
    #[repr(C)]
    struct EthtoolValue {
        cmd: u32,
        data: u32,
    }
    let probe = socket(
        AddressFamily::Inet,
        SockType::Datagram,
        SockFlag::SOCK_CLOEXEC,
        None,
    )?;
    let mut value = EthtoolValue { cmd, data };
    // SAFETY: ifreq is a plain C struct (a name and a union of integers and
    // pointers), for which all-zero is valid.
    let mut request: libc::ifreq = unsafe { mem::zeroed() };
    for (slot, byte) in request.ifr_name.iter_mut().zip(name.bytes().take(15)) {
        *slot = byte as libc::c_char;
    }
    request.ifr_ifru.ifru_data = (&mut value as *mut EthtoolValue).cast();
    // SAFETY: `request` names the interface (NUL-terminated by the zeroed
    // rest) and points at `value`, a live ethtool_value on this frame that
    // SIOCETHTOOL reads for a set command.
    let rc = unsafe { libc::ioctl(probe.as_raw_fd(), libc::SIOCETHTOOL, &mut request) };
    Errno::result(rc).map(|_| ())
}

/// Binds a packet socket to interface `index`: it then receives that
/// interface's frames of `protocol` only (ETH_P_ALL: all; 0: none — a
/// socket that only sends), and sends out of it.
pub fn bind_packet_socket(fd: BorrowedFd<'_>, index: u32, protocol: u16) -> Result<(), Errno> {
    let address = libc::sockaddr_ll {
        sll_family: libc::AF_PACKET as u16,
        sll_protocol: protocol.to_be(),
        sll_ifindex: index as i32,
        sll_hatype: 0,
        sll_pkttype: 0,
        sll_halen: 0,
        sll_addr: [0; 8],
    };
    // SAFETY: `address` is a live, fully initialised sockaddr_ll and the
    // length passed is exactly its size; bind only reads it.
    let rc = unsafe {
        libc::bind(
            fd.as_raw_fd(),
            (&address as *const libc::sockaddr_ll).cast(),
            mem::size_of::<libc::sockaddr_ll>() as libc::socklen_t,
        )
    };
    Errno::result(rc).map(|_| ())
}

/// `setsockopt(fd, level, name, &int)` for an int option no wrapper covers.
pub fn set_int_option(
    fd: BorrowedFd<'_>,
    level: libc::c_int,
    name: libc::c_int,
    value: libc::c_int,
) -> Result<(), Errno> {
    // SAFETY: the option value is one live c_int, and the length passed is its size.
    let rc = unsafe {
        libc::setsockopt(
            fd.as_raw_fd(),
            level,
            name,
            (&value as *const libc::c_int).cast(),
            mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    Errno::result(rc).map(|_| ())
}

/// Attaches a classic BPF filter (SO_ATTACH_FILTER) to a socket: what
/// `program` returns for a packet is how many of its bytes the socket
/// takes (0: none).
pub fn attach_filter(fd: BorrowedFd<'_>, program: &[libc::sock_filter]) -> Result<(), Errno> {
    let fprog = libc::sock_fprog {
        len: u16::try_from(program.len()).map_err(|_| Errno::EINVAL)?,
        filter: program.as_ptr() as *mut libc::sock_filter,
    };
    // SAFETY: `fprog` points at `program`, `len` instructions long, which
    // outlives the call; the kernel copies the program and keeps no pointer.
    let rc = unsafe {
        libc::setsockopt(
            fd.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_ATTACH_FILTER,
            (&fprog as *const libc::sock_fprog).cast(),
            mem::size_of::<libc::sock_fprog>() as libc::socklen_t,
        )
    };
    Errno::result(rc).map(|_| ())
}

/// A packet socket's PACKET_STATISTICS since the last call (the kernel
/// resets them as it reports): the frames that reached it, those it had
/// no room for among them.
pub fn packet_statistics(fd: BorrowedFd<'_>) -> Result<(u32, u32), Errno> {
    let mut stats = libc::tpacket_stats {
        tp_packets: 0,
        tp_drops: 0,
    };
    let mut len = mem::size_of::<libc::tpacket_stats>() as libc::socklen_t;
    // SAFETY: `stats` is a live tpacket_stats and `len` its size; the
    // kernel writes at most that many bytes and stores the length written.
    let rc = unsafe {
        libc::getsockopt(
            fd.as_raw_fd(),
            libc::SOL_PACKET,
            libc::PACKET_STATISTICS,
            (&mut stats as *mut libc::tpacket_stats).cast(),
            &mut len,
        )
    };
    Errno::result(rc).map(|_| (stats.tp_packets, stats.tp_drops))
}

/// `getsockopt(fd, level, name, &int)` for an int option no wrapper covers.
pub fn get_int_option(
    fd: BorrowedFd<'_>,
    level: libc::c_int,
    name: libc::c_int,
) -> Result<libc::c_int, Errno> {
    let mut value: libc::c_int = 0;
    let mut len = mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: `value` is a live c_int and `len` its size; the kernel writes
    // at most that many bytes and stores the length it wrote.
    let rc = unsafe {
        libc::getsockopt(
            fd.as_raw_fd(),
            level,
            name,
            (&mut value as *mut libc::c_int).cast(),
            &mut len,
        )
    };
    Errno::result(rc).map(|_| value)
}

/// Up to `buffers.len()` frames from a packet socket in one call
/// (recvmmsg, without waiting): each frame's length goes in `lengths`,
/// and whether it was one the interface sent (PACKET_OUTGOING) in
/// `outgoing`. Returns how many were read (0 when none is waiting).
pub fn receive_frames(
    fd: BorrowedFd<'_>,
    buffers: &mut [Vec<u8>],
    lengths: &mut [usize],
    outgoing: &mut [bool],
) -> usize {
    let count = buffers.len().min(lengths.len()).min(outgoing.len());
    // SAFETY: sockaddr_ll is a plain C struct of integers (all-zero valid).
    let mut names: Vec<libc::sockaddr_ll> = vec![unsafe { mem::zeroed() }; count];
    let mut iovecs: Vec<libc::iovec> = buffers
        .iter_mut()
        .take(count)
        .map(|b| libc::iovec {
            iov_base: b.as_mut_ptr().cast(),
            iov_len: b.len(),
        })
        .collect();
    // SAFETY: mmsghdr is a plain C struct (pointers and integers), for
    // which all-zero is valid; each is filled in below.
    let mut headers: Vec<libc::mmsghdr> = vec![unsafe { mem::zeroed() }; count];
    for (k, header) in headers.iter_mut().enumerate() {
        header.msg_hdr.msg_name = (&mut names[k] as *mut libc::sockaddr_ll).cast();
        header.msg_hdr.msg_namelen = mem::size_of::<libc::sockaddr_ll>() as libc::socklen_t;
        header.msg_hdr.msg_iov = &mut iovecs[k];
        header.msg_hdr.msg_iovlen = 1;
    }
    // SAFETY: `headers` holds `count` initialised mmsghdr, each pointing
    // at a live sockaddr_ll in `names` and one iovec in `iovecs`, which
    // points at a live buffer of the length it gives; all outlive the call.
    let rc = unsafe {
        libc::recvmmsg(
            fd.as_raw_fd(),
            headers.as_mut_ptr(),
            count as libc::c_uint,
            libc::MSG_DONTWAIT,
            std::ptr::null_mut(),
        )
    };
    let Ok(read) = usize::try_from(rc) else {
        return 0;
    };
    for k in 0..read {
        lengths[k] = (headers[k].msg_len as usize).min(buffers[k].len());
        outgoing[k] = names[k].sll_pkttype == libc::PACKET_OUTGOING;
    }
    read
}

/// Sends every frame out of a packet socket, as few calls as it takes
/// (sendmmsg); a frame the kernel refuses twice is skipped (once may be an
/// error left on the socket from before: a packet socket whose interface
/// went down and up again fails its next call with ENETDOWN, and that
/// call clears it). Returns how many the kernel took.
pub fn send_frames(fd: BorrowedFd<'_>, frames: &[Vec<u8>]) -> usize {
    let mut sent = 0;
    let mut refused = 0;
    let mut tried_again = false;
    while sent < frames.len() {
        let mut iovecs: Vec<libc::iovec> = frames[sent..]
            .iter()
            .map(|f| libc::iovec {
                iov_base: f.as_ptr() as *mut libc::c_void,
                iov_len: f.len(),
            })
            .collect();
        // SAFETY: as in receive_frames: all-zero mmsghdr is valid.
        let mut headers: Vec<libc::mmsghdr> = vec![unsafe { mem::zeroed() }; iovecs.len()];
        for (header, iovec) in headers.iter_mut().zip(iovecs.iter_mut()) {
            header.msg_hdr.msg_iov = iovec;
            header.msg_hdr.msg_iovlen = 1;
        }
        // SAFETY: `headers` holds initialised mmsghdr, each pointing at one
        // iovec in `iovecs` over a live frame the kernel only reads; both
        // outlive the call.
        let rc = unsafe {
            libc::sendmmsg(
                fd.as_raw_fd(),
                headers.as_mut_ptr(),
                headers.len() as libc::c_uint,
                0,
            )
        };
        match usize::try_from(rc) {
            Ok(0) | Err(_) => {
                if Errno::last() == Errno::EINTR || !std::mem::replace(&mut tried_again, true) {
                    continue;
                }
                // The first frame left is refused (too big, the device
                // down): skip it, as a single send would have failed.
                sent += 1;
                refused += 1;
                tried_again = false;
            }
            Ok(n) => {
                sent += n;
                tried_again = false;
            }
        }
    }
    sent - refused
}

/// `send(2)` as the bare system call. glibc's `send` is a thread
/// cancellation point, and in a process with threads (socklab has its
/// watchdog) it switches cancellation on and off around every call: that
/// costs ~5 % of a send/recv step, and socklab never cancels a thread. The
/// kernel sees the same call.
pub fn send(fd: BorrowedFd<'_>, data: &[u8], flags: libc::c_int) -> std::io::Result<usize> {
    // SAFETY: `data` is a live slice of `data.len()` readable bytes and `fd`
    // is borrowed, so stays open during the call; no address is passed
    // (null, 0), as send(2) is sendto(2) without one.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_sendto,
            fd.as_raw_fd(),
            data.as_ptr(),
            data.len(),
            flags,
            std::ptr::null::<libc::sockaddr>(),
            0 as libc::socklen_t,
        )
    };
    if rc < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(rc as usize)
}

/// `recv(2)` as the bare system call (see `send`).
pub fn recv(fd: BorrowedFd<'_>, buf: &mut [u8], flags: libc::c_int) -> std::io::Result<usize> {
    // SAFETY: `buf` is a live, writable slice of `buf.len()` bytes (the
    // kernel writes at most that many) and `fd` is borrowed, so stays open;
    // no address is asked for (null, null), as recv(2) is recvfrom(2)
    // without one.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_recvfrom,
            fd.as_raw_fd(),
            buf.as_mut_ptr(),
            buf.len(),
            flags,
            std::ptr::null_mut::<libc::sockaddr>(),
            std::ptr::null_mut::<libc::socklen_t>(),
        )
    };
    if rc < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(rc as usize)
}

/// The monotonic clock (`CLOCK_MONOTONIC`, or with `coarse` the kernel's
/// last tick, `CLOCK_MONOTONIC_COARSE`) as a span since boot: read through
/// the vDSO as nix's wrapper does, without its conversions (twice a step).
pub fn monotonic(coarse: bool) -> std::time::Duration {
    let clock = match coarse {
        true => libc::CLOCK_MONOTONIC_COARSE,
        false => libc::CLOCK_MONOTONIC,
    };
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a live, writable timespec; both clocks exist on
    // every Linux socklab runs on (on failure `now` stays zero).
    unsafe { libc::clock_gettime(clock, &mut now) };
    std::time::Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

/// `epoll_wait(fd, events, timeout_ms)` as the bare system call (see
/// `send`): the state watch's look after a step (timeout 0: it does not
/// block).
pub fn epoll_wait(
    fd: BorrowedFd<'_>,
    events: &mut [libc::epoll_event],
    timeout_ms: i32,
) -> Result<usize, Errno> {
    // SAFETY: `events` is a live, writable array of `events.len()`
    // epoll_event structs, of which the kernel fills at most that many; `fd`
    // is borrowed, so stays open; a null sigmask leaves the mask as it is.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_epoll_pwait,
            fd.as_raw_fd(),
            events.as_mut_ptr(),
            events.len().min(i32::MAX as usize) as libc::c_int,
            timeout_ms,
            std::ptr::null::<libc::sigset_t>(),
            0usize,
        )
    };
    Errno::result(rc).map(|n| n as usize)
}

/// Makes `command`'s process start with none of this process's
/// descriptors but its standard input, output and error (see
/// `mark_cloexec_from_3`). The shell's `play` runs `socklab play` so: the
/// lesson must not hold copies of the session's sockets.
pub fn spawn_without_inherited_fds(command: &mut std::process::Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: the hook runs in the child between fork and exec, where only
    // async-signal-safe calls are allowed: `mark_cloexec_from_3` makes raw
    // system calls only, allocates nothing and takes no lock.
    unsafe {
        command.pre_exec(|| {
            mark_cloexec_from_3();
            Ok(())
        });
    }
}

/// Marks every fd from 3 up close-on-exec, in a child between fork and
/// exec: close_range(2) with CLOSE_RANGE_CLOEXEC, or on a kernel before
/// 5.11 fcntl on each fd below RLIMIT_NOFILE (at most 2^20). Marked, not
/// closed: std's exec-error pipe among them must stay open until exec.
///
/// # Safety
///
/// Async-signal-safe (raw system calls on the stack, no allocation, no
/// lock): for a `pre_exec` hook.
pub(crate) unsafe fn mark_cloexec_from_3() {
    // SAFETY: close_range, getrlimit and fcntl take plain integers and a
    // zeroed rlimit (a C struct) on this stack; no memory is shared.
    unsafe {
        if libc::syscall(
            libc::SYS_close_range,
            3u32,
            u32::MAX,
            libc::CLOSE_RANGE_CLOEXEC,
        ) == 0
        {
            return;
        }
        let mut limit: libc::rlimit = std::mem::zeroed();
        let most = match libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) {
            0 => limit.rlim_cur.min(1 << 20) as libc::c_int,
            _ => 1024,
        };
        for fd in 3..most {
            let flags = libc::fcntl(fd, libc::F_GETFD);
            if flags >= 0 {
                libc::fcntl(fd, libc::F_SETFD, flags | libc::FD_CLOEXEC);
            }
        }
    }
}
