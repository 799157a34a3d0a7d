//! Which segments' windows a picture shows: a zero window always (the
//! receiver can take nothing more — that is the lesson), and otherwise a
//! window that differs from the last one seen the same way (from the same
//! end to the same end), the first one that way included. A window not
//! known (a transcript's `win=[N]`) is not shown, and the next known one
//! that way is news again. A reset has no window to show (its 0 means
//! nothing: Wireshark's zero-window analysis leaves RST out too).
//!
//! Owns: that rule, for the diagrams and the live ladder alike. Does not
//! own how a shown window looks.

use std::collections::HashMap;

use crate::wire::{Proto, Segment};

/// The last window seen each way, as a picture goes down its segments.
#[derive(Debug, Default)]
pub struct Windows {
    last: HashMap<(String, String), Option<u32>>,
}

impl Windows {
    /// The window to show on the next segment from `from` to `to`, which
    /// advertised `window` (None: not known); None when it is not news.
    pub fn shown(&mut self, from: &str, to: &str, window: Option<u32>) -> Option<u32> {
        let before = self.last.insert((from.to_string(), to.to_string()), window);
        match (window, before) {
            (Some(0), _) => Some(0),
            (Some(now), Some(Some(then))) if now == then => None,
            (now, _) => now,
        }
    }
}

/// The window a segment advertised: a TCP segment's own, but not a
/// reset's, nor an ICMP error's (which quotes a segment).
pub fn advertised(segment: &Segment) -> Option<u32> {
    let tcp = segment.proto == Proto::Tcp && segment.icmp.is_none();
    (tcp && !segment.flags.contains(&"RST")).then_some(u32::from(segment.win))
}

/// `label` with the window after its numbers, before the data's length:
/// `ACK seq=1 ack=10137 win=0`, `PSH,ACK seq=1 ack=1 win=512 len=5 "hello"`.
pub(crate) fn with_window(label: &str, window: Option<u32>) -> String {
    let Some(window) = window else {
        return label.to_string();
    };
    match label.find(" len=") {
        Some(at) => format!("{} win={window}{}", &label[..at], &label[at..]),
        None => format!("{label} win={window}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_is_shown_first_when_it_changes_and_whenever_it_is_zero() {
        let mut windows = Windows::default();
        let seen: Vec<Option<u32>> = [
            ("a", "b", Some(100)),
            ("b", "a", Some(100)),
            ("a", "b", Some(100)),
            ("a", "b", Some(50)),
            ("a", "b", Some(0)),
            ("a", "b", Some(0)),
            ("a", "b", None),
            ("a", "b", Some(50)),
            ("b", "a", Some(100)),
        ]
        .into_iter()
        .map(|(from, to, window)| windows.shown(from, to, window))
        .collect();
        assert_eq!(
            seen,
            [
                Some(100),
                Some(100),
                None,
                Some(50),
                Some(0),
                Some(0),
                None,
                Some(50),
                None
            ]
        );
    }

    #[test]
    fn the_window_goes_after_the_numbers() {
        assert_eq!(
            with_window("ACK seq=1 ack=2", Some(0)),
            "ACK seq=1 ack=2 win=0"
        );
        assert_eq!(
            with_window("PSH,ACK seq=1 ack=1 len=5 \"a len=\"", Some(9)),
            "PSH,ACK seq=1 ack=1 win=9 len=5 \"a len=\""
        );
        assert_eq!(with_window("SYN seq=0", None), "SYN seq=0");
    }
}
