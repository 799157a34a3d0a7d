//! The link's fast path: while the link is a plain wire (nothing held,
//! armed, delayed or lost), frames cross it inside the kernel, and the
//! relay only reads what crossed.
//!
//! A small tc program at the ingress of `va` and of `vb` (the wire's ends
//! of the hosts' cables) copies each frame, with the time and its way,
//! into a BPF ring buffer the relay reads, and then, by one word in a map:
//!
//! - **fast**: hands the frame straight to the other host's cable
//!   (`bpf_redirect_peer`: into the other host's `eth0`, as if the cable
//!   joined them) — the copy is the frame's first `SNAP` bytes, which the
//!   relay logs, a batch at a time (the kernel does not wake it for each);
//! - **slow**: drops it there — the copy is the whole frame, and the relay
//!   decides on it, as it decides on every frame without the fast path.
//!
//! Where the ring has no room, the frame goes its way (or, slow, is lost)
//! unrecorded, and the map counts it.
//!
//! So every frame is in one ordered stream and decided once, and a switch
//! of the word takes effect at the next frame: `link hold` holds the very
//! next one. Loading BPF needs root (CAP_BPF, CAP_NET_ADMIN): elsewhere
//! the lab has no fast path, and the relay reads the cables itself.
//!
//! Owns: the program, its maps and its attachments, and why they could
//! not be set up (`Error`). The relay owns when to switch.

use std::os::fd::{AsFd, OwnedFd};

use nix::errno::Errno;

use crate::sys::bpf::{self, Ring};

use super::dir::Dir;

/// How many bytes of a frame a record holds: a whole frame (MTU 1500 and
/// an Ethernet header; offloads are off, so no frame is longer).
pub const FRAME_MAX: usize = 1536;

/// How many bytes of a frame the kernel passed a record holds: every
/// header (Ethernet 14, IP up to 60, TCP up to 60) and at least 58 bytes
/// of payload — more than a segment line shows (32).
pub const SNAP: usize = 192;

/// A record: time (ns, CLOCK_MONOTONIC), the frame's length, its way,
/// whether the kernel passed it, then the frame.
pub const RECORD_HEADER: usize = 16;

/// The ring buffer's size: room for ~10,000 whole frames (~75,000 frames'
/// starts) while the relay waits for a core.
pub const RING_SIZE: usize = 16 << 20;

/// The mode map's words: whether frames cross in the kernel, and how many
/// the ring had no room for (passed unrecorded, or dropped unseen).
const MODE: u32 = 0;
const UNRECORDED_PASSED: u32 = 1;
const UNRECORDED_DROPPED: u32 = 2;

/// Why the fast path could not be set up (or switched).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    Map(Errno),
    Ring(Errno),
    /// The kernel refused the program (its verifier's words).
    Program(crate::sys::bpf::Refused),
    Attach(Errno),
    Programs,
    Switch(Errno),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Error::Map(errno) => crate::t!("lab-error-bpf-map", reason = errno.desc()),
            Error::Ring(errno) => crate::t!("lab-error-bpf-ring", reason = errno.desc()),
            Error::Program(refused) => {
                crate::t!("lab-error-bpf-program", reason = refused.to_string())
            }
            Error::Attach(errno) => crate::t!("lab-error-bpf-attach", reason = errno.desc()),
            Error::Programs => crate::t!("lab-error-bpf-programs"),
            // Only the kernel's reason: it says what it refused.
            Error::Switch(errno) => return f.write_str(errno.desc()),
        };
        f.write_str(&text)
    }
}

/// The kernel's fast path, attached at both ends of the wire.
#[derive(Debug)]
pub struct KernelPath {
    mode: OwnedFd,
    /// The tcx links: the programs stay attached while these are open.
    _links: [OwnedFd; 2],
}

/// One record of the ring: a frame that reached the wire.
pub struct Record<'a> {
    /// CLOCK_MONOTONIC, in ns.
    pub time: u64,
    pub dir: Dir,
    /// The kernel passed it (fast); else it is the relay's to decide.
    pub passed: bool,
    /// Its whole length.
    pub length: usize,
    /// The frame (all of it, unless it was longer than `FRAME_MAX`).
    pub frame: &'a [u8],
}

impl Record<'_> {
    pub fn parse(bytes: &[u8]) -> Option<Record<'_>> {
        let header = bytes.get(..RECORD_HEADER)?;
        let time = u64::from_ne_bytes(header[0..8].try_into().ok()?);
        let length = u32::from_ne_bytes(header[8..12].try_into().ok()?) as usize;
        let dir = match header[12] {
            0 => Dir::AtoB,
            _ => Dir::BtoA,
        };
        let passed = header[13] != 0;
        let kept = length.min(if passed { SNAP } else { FRAME_MAX });
        let frame = bytes.get(RECORD_HEADER..RECORD_HEADER + kept)?;
        Some(Record {
            time,
            dir,
            passed,
            length,
            frame,
        })
    }
}

impl KernelPath {
    /// Loads and attaches the programs at `va` and `vb` (interface indexes
    /// in the calling thread's namespace, the wire's); the relay reads the
    /// returned ring of `ring_size` bytes (a power of two, at least a
    /// page). Starts slow.
    pub fn set_up(va: u32, vb: u32, ring_size: usize) -> Result<(KernelPath, Ring), Error> {
        let mode = bpf::array_map(3).map_err(Error::Map)?;
        let ring = Ring::new(ring_size).map_err(Error::Ring)?;
        let mut links = Vec::new();
        for (at, to, dir) in [(va, vb, Dir::AtoB), (vb, va, Dir::BtoA)] {
            let code = program(dir, to, raw(&mode), raw(&ring.fd()));
            let program = bpf::load_tc_program(&code, "socklab_link").map_err(Error::Program)?;
            let link = bpf::attach_ingress(program.as_fd(), at).map_err(Error::Attach)?;
            links.push(link);
        }
        let links: [OwnedFd; 2] = links.try_into().map_err(|_| Error::Programs)?;
        Ok((
            KernelPath {
                mode,
                _links: links,
            },
            ring,
        ))
    }

    /// Frames cross in the kernel (true) or go to the relay (false), from
    /// the next frame on.
    pub fn set_fast(&self, fast: bool) -> Result<(), Error> {
        bpf::set(self.mode.as_fd(), MODE, u32::from(fast)).map_err(Error::Switch)
    }

    /// How many frames the ring had no room for, so the relay never saw
    /// them: (passed by the kernel, dropped).
    pub fn unrecorded(&self) -> (u32, u32) {
        let read = |key| bpf::get(self.mode.as_fd(), key).unwrap_or(0);
        (read(UNRECORDED_PASSED), read(UNRECORDED_DROPPED))
    }
}

fn raw(fd: &impl AsFd) -> i32 {
    use std::os::fd::AsRawFd;
    fd.as_fd().as_raw_fd()
}

/// A tiny assembler for eBPF (linux/bpf_common.h, linux/bpf.h), with
/// labels for forward jumps.
mod asm {
    pub const R0: u8 = 0;
    pub const R1: u8 = 1;
    pub const R2: u8 = 2;
    pub const R3: u8 = 3;
    pub const R4: u8 = 4;
    pub const R6: u8 = 6;
    pub const R7: u8 = 7;
    pub const R8: u8 = 8;
    pub const R9: u8 = 9;
    pub const R10: u8 = 10;

    // Opcodes.
    const MOV64_X: u8 = 0xbf;
    const MOV64_K: u8 = 0xb7;
    const ADD64_K: u8 = 0x07;
    const LDX_W: u8 = 0x61;
    const ST_W: u8 = 0x62;
    const ST_B: u8 = 0x72;
    const STX_W: u8 = 0x63;
    const STX_B: u8 = 0x73;
    const STX_DW: u8 = 0x7b;
    const LD_IMM64: u8 = 0x18;
    const JA: u8 = 0x05;
    const JEQ_K: u8 = 0x15;
    const JLE_K: u8 = 0xb5;
    const JLT_K: u8 = 0xa5;
    /// `lock *(u32 *)(dst + off) += src` (BPF_STX | BPF_ATOMIC | BPF_W, BPF_ADD).
    const ATOMIC_ADD_W: u8 = 0xc3;
    const CALL: u8 = 0x85;
    const EXIT: u8 = 0x95;
    /// `BPF_PSEUDO_MAP_FD`: the immediate is a map's fd.
    const PSEUDO_MAP_FD: u8 = 1;

    #[derive(Default)]
    pub struct Asm {
        pub code: Vec<[u8; 8]>,
        /// (instruction, label) of each jump to patch.
        jumps: Vec<(usize, &'static str)>,
        labels: Vec<(&'static str, usize)>,
    }

    fn insn(op: u8, dst: u8, src: u8, off: i16, imm: i32) -> [u8; 8] {
        let mut b = [0u8; 8];
        b[0] = op;
        b[1] = dst | (src << 4);
        b[2..4].copy_from_slice(&off.to_le_bytes());
        b[4..8].copy_from_slice(&imm.to_le_bytes());
        b
    }

    impl Asm {
        fn push(&mut self, i: [u8; 8]) -> &mut Asm {
            self.code.push(i);
            self
        }
        pub fn mov(&mut self, dst: u8, src: u8) -> &mut Asm {
            self.push(insn(MOV64_X, dst, src, 0, 0))
        }
        pub fn mov_imm(&mut self, dst: u8, imm: i32) -> &mut Asm {
            self.push(insn(MOV64_K, dst, 0, 0, imm))
        }
        pub fn add_imm(&mut self, dst: u8, imm: i32) -> &mut Asm {
            self.push(insn(ADD64_K, dst, 0, 0, imm))
        }
        pub fn load_u32(&mut self, dst: u8, src: u8, off: i16) -> &mut Asm {
            self.push(insn(LDX_W, dst, src, off, 0))
        }
        pub fn store_imm_u32(&mut self, dst: u8, off: i16, imm: i32) -> &mut Asm {
            self.push(insn(ST_W, dst, 0, off, imm))
        }
        pub fn store_imm_u8(&mut self, dst: u8, off: i16, imm: i32) -> &mut Asm {
            self.push(insn(ST_B, dst, 0, off, imm))
        }
        pub fn store_u8(&mut self, dst: u8, off: i16, src: u8) -> &mut Asm {
            self.push(insn(STX_B, dst, src, off, 0))
        }
        pub fn store_u32(&mut self, dst: u8, off: i16, src: u8) -> &mut Asm {
            self.push(insn(STX_W, dst, src, off, 0))
        }
        pub fn atomic_add_u32(&mut self, dst: u8, off: i16, src: u8) -> &mut Asm {
            self.push(insn(ATOMIC_ADD_W, dst, src, off, 0))
        }
        pub fn store_u64(&mut self, dst: u8, off: i16, src: u8) -> &mut Asm {
            self.push(insn(STX_DW, dst, src, off, 0))
        }
        pub fn map_fd(&mut self, dst: u8, fd: i32) -> &mut Asm {
            self.push(insn(LD_IMM64, dst, PSEUDO_MAP_FD, 0, fd));
            self.push([0; 8])
        }
        pub fn call(&mut self, helper: i32) -> &mut Asm {
            self.push(insn(CALL, 0, 0, 0, helper))
        }
        pub fn exit(&mut self) -> &mut Asm {
            self.push(insn(EXIT, 0, 0, 0, 0))
        }
        fn jump(&mut self, op: u8, dst: u8, imm: i32, label: &'static str) -> &mut Asm {
            self.jumps.push((self.code.len(), label));
            self.push(insn(op, dst, 0, 0, imm))
        }
        pub fn goto(&mut self, label: &'static str) -> &mut Asm {
            self.jump(JA, 0, 0, label)
        }
        pub fn if_eq(&mut self, dst: u8, imm: i32, label: &'static str) -> &mut Asm {
            self.jump(JEQ_K, dst, imm, label)
        }
        pub fn if_le(&mut self, dst: u8, imm: i32, label: &'static str) -> &mut Asm {
            self.jump(JLE_K, dst, imm, label)
        }
        pub fn if_lt(&mut self, dst: u8, imm: i32, label: &'static str) -> &mut Asm {
            self.jump(JLT_K, dst, imm, label)
        }
        pub fn label(&mut self, name: &'static str) -> &mut Asm {
            self.labels.push((name, self.code.len()));
            self
        }
        /// The code, every jump pointed at its label (a label never set
        /// is a mistake in the program: a jump to it goes nowhere else).
        pub fn finish(mut self) -> Vec<[u8; 8]> {
            for (at, label) in std::mem::take(&mut self.jumps) {
                let target = self.labels.iter().find(|(name, _)| *name == label);
                debug_assert!(target.is_some(), "no label {label}");
                let target = target.map_or(at + 1, |(_, k)| *k);
                let off = (target as i64 - at as i64 - 1) as i16;
                self.code[at][2..4].copy_from_slice(&off.to_le_bytes());
            }
            self.code
        }
    }
}

/// Helper functions (linux/bpf.h `__BPF_FUNC_MAPPER`).
const MAP_LOOKUP_ELEM: i32 = 1;
const KTIME_GET_NS: i32 = 5;
const SKB_LOAD_BYTES: i32 = 26;
const RINGBUF_RESERVE: i32 = 131;
const RINGBUF_SUBMIT: i32 = 132;
const RINGBUF_DISCARD: i32 = 133;
const REDIRECT_PEER: i32 = 155;
const TC_ACT_SHOT: i32 = 2;

/// The program at the ingress of the wire's end that frames going `dir`
/// arrive on; `to` is the other end (whose peer is the other host's eth0).
fn program(dir: Dir, to: u32, mode: i32, ring: i32) -> Vec<[u8; 8]> {
    use asm::*;
    let mut a = Asm::default();
    let record = (RECORD_HEADER + FRAME_MAX) as i32;
    // r6: the frame (skb); r7: fast?; r8: its length; r9: the record.
    a.mov(R6, R1)
        .store_imm_u32(R10, -4, 0)
        .mov(R2, R10)
        .add_imm(R2, -4)
        .map_fd(R1, mode)
        .call(MAP_LOOKUP_ELEM)
        .mov_imm(R7, 0)
        .if_eq(R0, 0, "looked")
        .load_u32(R7, R0, 0)
        // r7 becomes 0 or 1, so that each way below is checked apart.
        .if_eq(R7, 0, "looked")
        .mov_imm(R7, 1)
        .label("looked")
        .load_u32(R8, R6, 0) // __sk_buff.len, from the Ethernet header on
        .map_fd(R1, ring)
        .mov_imm(R2, record)
        .if_eq(R7, 0, "reserve")
        .mov_imm(R2, (RECORD_HEADER + SNAP) as i32)
        .label("reserve")
        .mov_imm(R3, 0)
        .call(RINGBUF_RESERVE)
        // The ring is full: the frame goes its way unrecorded (or, slow,
        // is lost), counted.
        .if_eq(R0, 0, "full")
        .mov(R9, R0)
        .call(KTIME_GET_NS)
        .store_u64(R9, 0, R0)
        .store_u32(R9, 8, R8)
        .store_imm_u8(R9, 12, dir.index() as i32)
        .store_u8(R9, 13, R7)
        .mov(R4, R8)
        .if_eq(R7, 0, "slow")
        .if_le(R4, SNAP as i32, "sized")
        .mov_imm(R4, SNAP as i32)
        .goto("sized")
        .label("slow")
        .if_le(R4, FRAME_MAX as i32, "sized")
        .mov_imm(R4, FRAME_MAX as i32)
        .label("sized")
        .if_lt(R4, 14, "discard")
        .mov(R1, R6)
        .mov_imm(R2, 0)
        .mov(R3, R9)
        .add_imm(R3, RECORD_HEADER as i32)
        .call(SKB_LOAD_BYTES)
        .mov(R1, R9)
        // Fast: the relay is not woken for it (`BPF_RB_NO_WAKEUP`); it
        // reads a batch at a time. Slow: it is, and waits for it.
        .mov_imm(R2, 0)
        .if_eq(R7, 0, "submit")
        .mov_imm(R2, 1)
        .label("submit")
        .call(RINGBUF_SUBMIT)
        .label("decide")
        .if_eq(R7, 0, "shot")
        .mov_imm(R1, to as i32)
        .mov_imm(R2, 0)
        .call(REDIRECT_PEER)
        .exit()
        .label("shot")
        .mov_imm(R0, TC_ACT_SHOT)
        .exit()
        .label("discard")
        .mov(R1, R9)
        .mov_imm(R2, 0)
        .call(RINGBUF_DISCARD)
        .goto("decide")
        .label("full")
        .store_imm_u32(R10, -8, UNRECORDED_DROPPED as i32)
        .if_eq(R7, 0, "count")
        .store_imm_u32(R10, -8, UNRECORDED_PASSED as i32)
        .label("count")
        .mov(R2, R10)
        .add_imm(R2, -8)
        .map_fd(R1, mode)
        .call(MAP_LOOKUP_ELEM)
        .if_eq(R0, 0, "decide")
        .mov_imm(R1, 1)
        .atomic_add_u32(R0, 0, R1)
        .goto("decide");
    a.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_jump_lands_inside_the_program_and_both_maps_are_named() {
        for dir in [Dir::AtoB, Dir::BtoA] {
            let code = program(dir, 7, 3, 4);
            // The last instruction reached falls through to nothing: a
            // jump back ends it, as the verifier requires.
            assert_eq!(code.last().unwrap()[0], 0x05, "ends with a goto");
            for (at, insn) in code.iter().enumerate() {
                let class = insn[0] & 0x07;
                let is_jump = class == 0x05 && insn[0] != 0x85 && insn[0] != 0x95;
                if is_jump {
                    let off = i16::from_le_bytes([insn[2], insn[3]]) as i64;
                    let target = at as i64 + 1 + off;
                    assert!(
                        (0..code.len() as i64).contains(&target),
                        "jump at {at} to {target}"
                    );
                    assert_ne!(
                        off, 0,
                        "jump at {at} to the next instruction: a lost label?"
                    );
                }
            }
            // Both map fds are loaded (two-slot ld_imm64, BPF_PSEUDO_MAP_FD).
            let maps: Vec<i32> = code
                .iter()
                .filter(|i| i[0] == 0x18 && i[1] >> 4 == 1)
                .map(|i| i32::from_le_bytes([i[4], i[5], i[6], i[7]]))
                .collect();
            // (The mode map again: where the ring was full, it counts.)
            assert_eq!(maps, [3, 4, 3]);
        }
    }

    #[test]
    fn a_record_says_its_way_its_fate_and_keeps_what_was_copied() {
        let mut bytes = vec![0u8; RECORD_HEADER];
        bytes[0..8].copy_from_slice(&5_000u64.to_ne_bytes());
        bytes[8..12].copy_from_slice(&1514u32.to_ne_bytes());
        bytes[12] = 1;
        bytes[13] = 1;
        bytes.extend((0..SNAP).map(|k| k as u8));
        let record = Record::parse(&bytes).unwrap();
        assert_eq!(
            (record.time, record.dir, record.passed, record.length),
            (5_000, Dir::BtoA, true, 1514)
        );
        assert_eq!(record.frame.len(), SNAP);
        // A frame the relay decides on is whole; a record shorter than it
        // says is refused.
        bytes[13] = 0;
        assert!(Record::parse(&bytes).is_none());
        bytes[8..12].copy_from_slice(&60u32.to_ne_bytes());
        let record = Record::parse(&bytes).unwrap();
        assert_eq!(
            (record.dir, record.passed, record.frame.len()),
            (Dir::BtoA, false, 60)
        );
        assert!(Record::parse(&bytes[..10]).is_none());
    }
}
