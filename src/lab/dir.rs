//! A direction across the lab's link: a→b or b→a.
//!
//! Owns: `Dir`, its name and its index. Everything on the link is kept per
//! direction (the path's impairments, the kernel's path, the held frames,
//! the relay), so `Dir` sits below all of them.

/// A direction across the link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dir {
    AtoB,
    BtoA,
}

impl Dir {
    pub fn name(self) -> &'static str {
        match self {
            Dir::AtoB => "a->b",
            Dir::BtoA => "b->a",
        }
    }

    pub fn index(self) -> usize {
        match self {
            Dir::AtoB => 0,
            Dir::BtoA => 1,
        }
    }
}
