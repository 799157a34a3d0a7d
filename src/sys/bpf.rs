//! bpf(2), for the lab's kernel path: the few commands it uses (make a map,
//! set a value, load a tc program, attach it at an interface's ingress with
//! a tcx link) and a reader of a BPF ring buffer mapped into socklab.
//!
//! Owns: the attribute unions' layouts (linux/bpf.h) and the ring buffer's
//! memory protocol. The program itself, and when to use it, are the lab's.

use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

use nix::errno::Errno;

const MAP_CREATE: libc::c_int = 0;
const MAP_LOOKUP_ELEM: libc::c_int = 1;
const MAP_UPDATE_ELEM: libc::c_int = 2;
const PROG_LOAD: libc::c_int = 5;
const LINK_CREATE: libc::c_int = 28;
const MAP_TYPE_ARRAY: u32 = 2;
const MAP_TYPE_RINGBUF: u32 = 27;
const PROG_TYPE_SCHED_CLS: u32 = 3;
/// `BPF_TCX_INGRESS` (Linux 6.6+).
const TCX_INGRESS: u32 = 46;

/// A `union bpf_attr`, as bytes (every field socklab leaves is zero).
struct Attr([u8; 128]);

impl Attr {
    fn new() -> Attr {
        Attr([0; 128])
    }

    fn u32(&mut self, at: usize, value: u32) -> &mut Attr {
        self.0[at..at + 4].copy_from_slice(&value.to_ne_bytes());
        self
    }

    fn u64(&mut self, at: usize, value: u64) -> &mut Attr {
        self.0[at..at + 8].copy_from_slice(&value.to_ne_bytes());
        self
    }

    fn bytes(&mut self, at: usize, value: &[u8]) -> &mut Attr {
        self.0[at..at + value.len()].copy_from_slice(value);
        self
    }

    fn call(&mut self, command: libc::c_int) -> Result<libc::c_long, Errno> {
        // SAFETY: bpf(2) reads (and for some commands writes) at most
        // `size` bytes of the attribute union, which `self.0` holds whole;
        // the pointers set in it point at buffers the caller keeps alive
        // for the call.
        let rc = unsafe {
            libc::syscall(
                libc::SYS_bpf,
                command,
                self.0.as_mut_ptr(),
                self.0.len() as libc::c_uint,
            )
        };
        Errno::result(rc)
    }

    fn fd(&mut self, command: libc::c_int) -> Result<OwnedFd, Errno> {
        let rc = self.call(command)?;
        let fd = RawFd::try_from(rc).map_err(|_| Errno::EBADF)?;
        // SAFETY: the kernel just returned this new fd, owned by no one else.
        Ok(unsafe { OwnedFd::from_raw_fd(fd) })
    }
}

/// An array map of `entries` u32 values, all 0.
pub fn array_map(entries: u32) -> Result<OwnedFd, Errno> {
    Attr::new()
        .u32(0, MAP_TYPE_ARRAY)
        .u32(4, 4)
        .u32(8, 4)
        .u32(12, entries)
        .fd(MAP_CREATE)
}

/// Entry `key` of an array map of u32.
pub fn get(map: BorrowedFd<'_>, key: u32) -> Result<u32, Errno> {
    let mut value = 0u32;
    Attr::new()
        .u32(0, map.as_raw_fd() as u32)
        .u64(8, &key as *const u32 as u64)
        .u64(16, &mut value as *mut u32 as u64)
        .call(MAP_LOOKUP_ELEM)?;
    Ok(value)
}

/// Sets entry `key` of an array map of u32 to `value`.
pub fn set(map: BorrowedFd<'_>, key: u32, value: u32) -> Result<(), Errno> {
    Attr::new()
        .u32(0, map.as_raw_fd() as u32)
        .u64(8, &key as *const u32 as u64)
        .u64(16, &value as *const u32 as u64)
        .call(MAP_UPDATE_ELEM)
        .map(|_| ())
}

/// Loads a tc program (`instructions`, 8 bytes each) under the GPL, named
/// `name` (at most 15 bytes); the verifier's log says why if it is refused.
pub fn load_tc_program(instructions: &[[u8; 8]], name: &str) -> Result<OwnedFd, Refused> {
    let license = b"GPL\0";
    let mut log = vec![0u8; 64 * 1024];
    let mut name_bytes = [0u8; 16];
    let take = name.len().min(15);
    name_bytes[..take].copy_from_slice(&name.as_bytes()[..take]);
    let loaded = Attr::new()
        .u32(0, PROG_TYPE_SCHED_CLS)
        .u32(4, instructions.len() as u32)
        .u64(8, instructions.as_ptr() as u64)
        .u64(16, license.as_ptr() as u64)
        .u32(24, 1)
        .u32(28, log.len() as u32)
        .u64(32, log.as_mut_ptr() as u64)
        .bytes(48, &name_bytes)
        .fd(PROG_LOAD);
    loaded.map_err(|errno| {
        let end = log.iter().position(|&b| b == 0).unwrap_or(log.len());
        let log = String::from_utf8_lossy(&log[..end]);
        // The verifier's last lines say what it refused.
        let tail: Vec<&str> = log.lines().rev().take(4).collect();
        Refused {
            errno,
            log: tail.join(" / "),
        }
    })
}

/// A program the kernel would not load: the errno, and the verifier's last
/// lines (` / ` between them).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}: {log}", .errno.desc())]
pub struct Refused {
    pub errno: Errno,
    pub log: String,
}

/// Attaches `program` at the ingress of interface `ifindex` (tcx); it
/// stays attached while the returned link is open.
pub fn attach_ingress(program: BorrowedFd<'_>, ifindex: u32) -> Result<OwnedFd, Errno> {
    Attr::new()
        .u32(0, program.as_raw_fd() as u32)
        .u32(4, ifindex)
        .u32(8, TCX_INGRESS)
        .fd(LINK_CREATE)
}

/// `BPF_RINGBUF_BUSY_BIT`, `BPF_RINGBUF_DISCARD_BIT`, `BPF_RINGBUF_HDR_SZ`.
const BUSY: u32 = 1 << 31;
const DISCARD: u32 = 1 << 30;
const RECORD_HEADER: usize = 8;

/// A BPF ring buffer (`BPF_MAP_TYPE_RINGBUF`) that socklab reads: the map,
/// its consumer page (read-write) and its producer page and data (read
/// only; the data mapped twice over, so a record that wraps is contiguous).
pub struct Ring {
    map: OwnedFd,
    consumer: *mut libc::c_void,
    producer: *mut libc::c_void,
    size: usize,
    page: usize,
}

// SAFETY: the mappings are owned by the Ring alone (moving it moves them
// to another thread whole) and are only read through atomics or after
// the producer published them.
unsafe impl Send for Ring {}

impl Ring {
    /// A ring of `size` bytes (a power of two, a multiple of the page).
    pub fn new(size: usize) -> Result<Ring, Errno> {
        let map = Attr::new()
            .u32(0, MAP_TYPE_RINGBUF)
            .u32(12, u32::try_from(size).map_err(|_| Errno::EINVAL)?)
            .fd(MAP_CREATE)?;
        // SAFETY: sysconf only reads its argument.
        let page = usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) })
            .map_err(|_| Errno::EINVAL)?;
        // SAFETY: a new shared mapping of the map's consumer page, which
        // the kernel lets user space write; checked for failure below.
        let consumer = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                page,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_SHARED,
                map.as_raw_fd(),
                0,
            )
        };
        if consumer == libc::MAP_FAILED {
            return Err(Errno::last());
        }
        // SAFETY: as above: the producer page and the data twice, read only.
        let producer = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                page + 2 * size,
                libc::PROT_READ,
                libc::MAP_SHARED,
                map.as_raw_fd(),
                page as libc::off_t,
            )
        };
        if producer == libc::MAP_FAILED {
            let errno = Errno::last();
            // SAFETY: unmapping exactly the mapping made above.
            unsafe { libc::munmap(consumer, page) };
            return Err(errno);
        }
        Ok(Ring {
            map,
            consumer,
            producer,
            size,
            page,
        })
    }

    /// The map, for a program to refer to; readable (poll) while records wait.
    pub fn fd(&self) -> BorrowedFd<'_> {
        use std::os::fd::AsFd;
        self.map.as_fd()
    }

    fn consumer_position(&self) -> &AtomicU64 {
        // SAFETY: the consumer page starts with the consumer position, an
        // aligned u64 the kernel reads; it lives as long as the mapping.
        unsafe { &*(self.consumer as *const AtomicU64) }
    }

    fn producer_position(&self) -> &AtomicU64 {
        // SAFETY: as above, for the producer page's position.
        unsafe { &*(self.producer as *const AtomicU64) }
    }

    /// Whether records wait to be read.
    pub fn pending(&self) -> bool {
        self.consumer_position().load(Ordering::Relaxed)
            < self.producer_position().load(Ordering::Acquire)
    }

    /// Hands each committed record, in order, to `each`, until the ring is
    /// empty or a record is still being written; returns how many.
    pub fn read(&mut self, mut each: impl FnMut(&[u8])) -> usize {
        let mut count = 0;
        let mut at = self.consumer_position().load(Ordering::Relaxed);
        loop {
            let end = self.producer_position().load(Ordering::Acquire);
            if at >= end {
                break;
            }
            let offset = (at as usize) & (self.size - 1);
            // SAFETY: `offset` is within the data's first copy, and a record
            // header is 8 aligned bytes there; the kernel writes its length
            // word atomically (the busy bit cleared last, with release).
            let header =
                unsafe { (self.producer as *const u8).add(self.page + offset) as *const AtomicU32 };
            // SAFETY: as above.
            let length = unsafe { &*header }.load(Ordering::Acquire);
            if length & BUSY != 0 {
                break;
            }
            let size = (length & !(BUSY | DISCARD)) as usize;
            if length & DISCARD == 0 && size <= self.size {
                // SAFETY: a committed record's `size` bytes follow its header;
                // the data is mapped twice, so they are contiguous even
                // where the record wraps around the end.
                let data = unsafe {
                    std::slice::from_raw_parts(
                        (self.producer as *const u8).add(self.page + offset + RECORD_HEADER),
                        size,
                    )
                };
                each(data);
                count += 1;
            }
            at += (size + RECORD_HEADER).next_multiple_of(8) as u64;
            self.consumer_position().store(at, Ordering::Release);
        }
        count
    }
}

impl Drop for Ring {
    fn drop(&mut self) {
        // SAFETY: unmapping exactly the two mappings `new` made; nothing
        // refers to them once the Ring is gone.
        unsafe {
            libc::munmap(self.consumer, self.page);
            libc::munmap(self.producer, self.page + 2 * self.size);
        }
    }
}
