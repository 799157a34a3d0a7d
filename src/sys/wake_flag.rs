//! A flag in shared memory that the kernel raises when a socket in the
//! state watch's epoll set wakes: the step's look at the set costs a load
//! instead of an `epoll_wait` system call when nothing woke (as after most
//! sends and receives).
//!
//! It is an io_uring with one request, a multishot poll of the epoll set,
//! set up with `DEFER_TASKRUN` and `TASKRUN_FLAG`. When the set becomes
//! ready the kernel queues the poll's completion as work for this thread
//! and sets `IORING_SQ_TASKRUN` in the ring's flags — in the waker's
//! context, before the wake-up returns (so a state move made by the step's
//! own call has raised it by the time the call returns). The work runs only
//! when this thread asks (`settle`), so it never interrupts a call the user
//! made: with `COOP_TASKRUN` or plain task work the kernel would flag a
//! pending signal on the thread, and a blocked `recv` with `SO_RCVTIMEO`
//! would return `EINTR`. Data arriving does not wake the set (it watches
//! no `EPOLLIN`), so the flag stays down through send/recv steps.
//!
//! Owns: the ring, its mappings, its one request. The caller (`state_watch`)
//! decides what a raised flag means.

use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicU32, Ordering};

use nix::errno::Errno;

const SETUP_TASKRUN_FLAG: u32 = 1 << 9;
const SETUP_SINGLE_ISSUER: u32 = 1 << 12;
const SETUP_DEFER_TASKRUN: u32 = 1 << 13;
const FEAT_SINGLE_MMAP: u32 = 1 << 0;
const OFF_SQ_RING: libc::off_t = 0;
const OFF_SQES: libc::off_t = 0x1000_0000;
const SQ_TASKRUN: u32 = 1 << 2;
const ENTER_GETEVENTS: u32 = 1 << 0;
const OP_POLL_ADD: u8 = 6;
const POLL_ADD_MULTI: u32 = 1 << 0;
const CQE_F_MORE: u32 = 1 << 1;

#[repr(C)]
#[derive(Default, Clone, Copy)]
struct SqOffsets {
    head: u32,
    tail: u32,
    ring_mask: u32,
    ring_entries: u32,
    flags: u32,
    dropped: u32,
    array: u32,
    resv1: u32,
    user_addr: u64,
}

#[repr(C)]
#[derive(Default, Clone, Copy)]
struct CqOffsets {
    head: u32,
    tail: u32,
    ring_mask: u32,
    ring_entries: u32,
    overflow: u32,
    cqes: u32,
    flags: u32,
    resv1: u32,
    user_addr: u64,
}

/// `struct io_uring_params`.
#[repr(C)]
#[derive(Default)]
struct Params {
    sq_entries: u32,
    cq_entries: u32,
    flags: u32,
    sq_thread_cpu: u32,
    sq_thread_idle: u32,
    features: u32,
    wq_fd: u32,
    resv: [u32; 3],
    sq_off: SqOffsets,
    cq_off: CqOffsets,
}

/// `struct io_uring_sqe` (64 bytes), with the fields a poll uses named.
#[repr(C)]
struct Sqe {
    opcode: u8,
    flags: u8,
    ioprio: u16,
    fd: i32,
    off: u64,
    addr: u64,
    len: u32,
    poll32_events: u32,
    user_data: u64,
    rest: [u64; 3],
}

/// `struct io_uring_cqe`.
#[repr(C)]
struct Cqe {
    user_data: u64,
    res: i32,
    flags: u32,
}

/// A shared mapping of the ring's fd, unmapped on drop.
struct Mapping {
    ptr: *mut u8,
    len: usize,
}

impl Mapping {
    fn new(fd: RawFd, len: usize, offset: libc::off_t) -> Result<Mapping, Errno> {
        // SAFETY: a fresh shared mapping of `len` bytes of the ring at the
        // offset the io_uring ABI names; nothing else is mapped or touched.
        let ptr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_SHARED | libc::MAP_POPULATE,
                fd,
                offset,
            )
        };
        if ptr == libc::MAP_FAILED {
            return Err(Errno::last());
        }
        Ok(Mapping {
            ptr: ptr.cast(),
            len,
        })
    }
}

// SAFETY: a Mapping is memory that only its owner touches (through
// `&mut` or `&` of the owner); moving the owner to another thread moves that
// access with it. (The ring then refuses that thread's `io_uring_enter`,
// and the watch falls back to asking the set every step.)
unsafe impl Send for Mapping {}

impl Drop for Mapping {
    fn drop(&mut self) {
        // SAFETY: `ptr`/`len` are exactly what mmap returned, mapped once,
        // and no reference into the mapping outlives its owner (`WakeFlag`).
        unsafe { libc::munmap(self.ptr.cast(), self.len) };
    }
}

/// The state watch's wake-up flag (see the module's doc).
pub struct WakeFlag {
    // Field order is drop order: the mappings go before the fd closes.
    ring: Mapping,
    sqes: Mapping,
    fd: OwnedFd,
    sq: SqOffsets,
    cq: CqOffsets,
    epoll: RawFd,
}

impl WakeFlag {
    /// A flag for `epoll` (which must outlive it); an error where the
    /// kernel has no io_uring, or not this kind (before 6.1), or forbids it
    /// (`kernel.io_uring_disabled`) — the caller then looks every step.
    pub fn new(epoll: BorrowedFd<'_>) -> Result<WakeFlag, Errno> {
        let mut params = Params {
            flags: SETUP_SINGLE_ISSUER | SETUP_DEFER_TASKRUN | SETUP_TASKRUN_FLAG,
            ..Params::default()
        };
        // SAFETY: `params` is a live, writable io_uring_params; the kernel
        // reads the flags and fills in the sizes and offsets.
        let rc = unsafe { libc::syscall(libc::SYS_io_uring_setup, 2u32, &mut params) };
        if rc < 0 {
            return Err(Errno::last());
        }
        // SAFETY: io_uring_setup returned a new fd that nothing else owns.
        let fd = unsafe { OwnedFd::from_raw_fd(rc as RawFd) };
        // The person's sockets keep the small numbers.
        let fd = super::move_out_of_the_way(fd);
        if params.features & FEAT_SINGLE_MMAP == 0 {
            return Err(Errno::ENOSYS);
        }
        let sq_len = params.sq_off.array as usize + params.sq_entries as usize * 4;
        let cq_len =
            params.cq_off.cqes as usize + params.cq_entries as usize * std::mem::size_of::<Cqe>();
        let ring = Mapping::new(fd.as_raw_fd(), sq_len.max(cq_len), OFF_SQ_RING)?;
        let sqes = Mapping::new(
            fd.as_raw_fd(),
            params.sq_entries as usize * std::mem::size_of::<Sqe>(),
            OFF_SQES,
        )?;
        let mut flag = WakeFlag {
            ring,
            sqes,
            fd,
            sq: params.sq_off,
            cq: params.cq_off,
            epoll: epoll.as_raw_fd(),
        };
        flag.arm()?;
        Ok(flag)
    }

    /// The ring's 32-bit word at `offset` (a head, tail, mask or flags).
    fn word(&self, offset: u32) -> &AtomicU32 {
        // SAFETY: every offset passed is one the kernel gave in the params,
        // inside the ring mapping, 4-byte aligned, and the kernel accesses
        // these words atomically too; the reference lives no longer than
        // `self`, which owns the mapping.
        unsafe { &*self.ring.ptr.add(offset as usize).cast::<AtomicU32>() }
    }

    /// Whether a socket in the set may have woken since the last `settle`.
    pub fn raised(&self) -> bool {
        self.word(self.sq.flags).load(Ordering::Acquire) & SQ_TASKRUN != 0
    }

    /// Runs the poll's queued work, which takes the flag down until the
    /// next wake-up; re-arms the poll if it ended. Call it before reading
    /// the set, so that a wake-up during the read raises the flag again.
    pub fn settle(&mut self) -> Result<(), Errno> {
        self.enter(0, ENTER_GETEVENTS)?;
        let head = self.word(self.cq.head).load(Ordering::Relaxed);
        let tail = self.word(self.cq.tail).load(Ordering::Acquire);
        let mask = self.word(self.cq.ring_mask).load(Ordering::Relaxed);
        let mut ended = false;
        for index in head..tail {
            let offset =
                self.cq.cqes as usize + (index & mask) as usize * std::mem::size_of::<Cqe>();
            // SAFETY: entries between head and tail are completions the
            // kernel has written (the Acquire load of tail orders the read),
            // inside the ring mapping at the offset it gave; read by value.
            let cqe = unsafe { self.ring.ptr.add(offset).cast::<Cqe>().read() };
            ended |= cqe.flags & CQE_F_MORE == 0;
        }
        self.word(self.cq.head).store(tail, Ordering::Release);
        if ended {
            self.arm()?;
        }
        Ok(())
    }

    /// Submits the multishot poll of the epoll set.
    fn arm(&mut self) -> Result<(), Errno> {
        let tail = self.word(self.sq.tail).load(Ordering::Relaxed);
        let mask = self.word(self.sq.ring_mask).load(Ordering::Relaxed);
        let index = tail & mask;
        let sqe = Sqe {
            opcode: OP_POLL_ADD,
            flags: 0,
            ioprio: 0,
            fd: self.epoll,
            off: 0,
            addr: 0,
            len: POLL_ADD_MULTI,
            poll32_events: libc::POLLIN as u32,
            user_data: 1,
            rest: [0; 3],
        };
        // SAFETY: `index` is within the ring's entries (masked), so the SQE
        // slot is inside the SQE mapping and the array slot inside the ring
        // mapping; this thread is the only submitter (SINGLE_ISSUER), and
        // the kernel reads the slots only after the Release store of tail.
        unsafe {
            self.sqes.ptr.cast::<Sqe>().add(index as usize).write(sqe);
            self.ring
                .ptr
                .add(self.sq.array as usize)
                .cast::<u32>()
                .add(index as usize)
                .write(index);
        }
        self.word(self.sq.tail)
            .store(tail.wrapping_add(1), Ordering::Release);
        match self.enter(1, 0)? {
            1 => Ok(()),
            _ => Err(Errno::EAGAIN),
        }
    }

    fn enter(&self, submit: u32, flags: u32) -> Result<i64, Errno> {
        // SAFETY: io_uring_enter on the ring this owns; no signal mask or
        // argument struct is passed (null, 0).
        let rc = unsafe {
            libc::syscall(
                libc::SYS_io_uring_enter,
                self.fd.as_raw_fd(),
                submit,
                0u32,
                flags,
                std::ptr::null::<libc::sigset_t>(),
                0usize,
            )
        };
        Errno::result(rc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::{Shutdown, TcpListener, TcpStream};

    use nix::sys::epoll::{Epoll, EpollCreateFlags, EpollEvent, EpollFlags, EpollTimeout};

    /// The flag stays down while data moves and goes up when the peer's
    /// FIN moves a watched socket; settling takes it down again.
    #[test]
    fn raised_by_a_state_move_not_by_data() {
        let epoll = Epoll::new(EpollCreateFlags::EPOLL_CLOEXEC).unwrap();
        let Ok(mut flag) = WakeFlag::new(epoll.0.as_fd()) else {
            eprintln!("skipped: this kernel gives no io_uring here");
            return;
        };
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let mut client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (mut server, _) = listener.accept().unwrap();
        let events = EpollFlags::EPOLLOUT
            | EpollFlags::EPOLLRDHUP
            | EpollFlags::EPOLLHUP
            | EpollFlags::EPOLLERR
            | EpollFlags::EPOLLET;
        epoll.add(&server, EpollEvent::new(events, 1)).unwrap();
        // Adding a writable socket wakes the set at once.
        assert!(flag.raised());
        flag.settle().unwrap();
        let mut drained = [EpollEvent::empty(); 4];
        epoll.wait(&mut drained, EpollTimeout::ZERO).unwrap();
        assert!(!flag.raised());
        let mut buf = [0u8; 8];
        for _ in 0..3 {
            client.write_all(b"x").unwrap();
            server.read_exact(&mut buf[..1]).unwrap();
            assert!(!flag.raised(), "data moved, no state did");
        }
        client.shutdown(Shutdown::Write).unwrap();
        assert!(flag.raised(), "the FIN moved server to CLOSE_WAIT");
        flag.settle().unwrap();
        assert!(!flag.raised());
        assert_eq!(epoll.wait(&mut drained, EpollTimeout::ZERO).unwrap(), 1);
        assert_eq!(drained[0].data(), 1);
    }

    use std::os::fd::AsFd;
}
