//! The short tag a picture writes for a segment's role (`retx`, `dup ACK 2`,
//! `ZWP`), from the words its wire line says (`[retransmission]`, `[dup ACK
//! #2 of 1449]`, `[zero-window probe]`), and whether the segment is drawn
//! as a retransmission. One table, read alike from a transcript's tags and
//! from a live step's roles (their words), so both draw the same picture.
//!
//! Owns: that table (docs/wire.md shows it). Does not own the roles
//! (`wire::roles`) or how a tag looks in each picture.

/// The words a segment line says for a role (before any number of its
/// own), the tag a picture writes, and whether it sends bytes again.
const TAGS: &[(&str, &str, bool)] = &[
    ("retransmission", "retx", true),
    ("fast retransmission", "fast retx", true),
    ("spurious retransmission", "spurious retx", true),
    ("dup ACK", "dup ACK", false),
    ("out of order", "out of order", false),
    ("previous segment not seen", "prev not seen", false),
    ("ACK of unseen segment", "ACK unseen", false),
    ("zero window", "zero win", false),
    ("zero-window probe", "ZWP", false),
    ("zero-window probe ACK", "ZWP ACK", false),
    ("window full", "win full", false),
    ("window update", "win upd", false),
    ("keep-alive", "keep-alive", false),
    ("keep-alive ACK", "keep-alive ACK", false),
    ("D-SACK", "D-SACK", false),
    ("copy made by the link", "link copy", false),
    ("bad checksum: discarded", "bad cksum", false),
];

/// A role as a picture shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Tag {
    /// `retx`, `dup ACK 2`.
    pub short: String,
    /// It sends bytes again: the arrow is drawn as a retransmission.
    pub retransmission: bool,
}

/// The tag for a role's words; None for words the table does not know (a
/// role a picture leaves out, such as `delivered late`, which the fate
/// says, or text a stranger's file put in brackets).
pub(crate) fn tag(words: &str) -> Option<Tag> {
    // The number a role carries: `retransmission of #3`, `dup ACK #2 of
    // 1449` (the tag keeps the count), `D-SACK 1-6`.
    let digits = |text: &str| !text.is_empty() && text.chars().all(|c| c.is_ascii_digit());
    let (base, count) = if let Some(rest) = words.strip_prefix("dup ACK #") {
        let count = rest.split(' ').next().filter(|count| digits(count))?;
        ("dup ACK", Some(count))
    } else if let Some((base, held)) = words.split_once(" of #")
        && digits(held)
    {
        (base, None)
    } else if words.strip_prefix("D-SACK ").is_some() {
        ("D-SACK", None)
    } else {
        (words, None)
    };
    let (_, short, retransmission) = TAGS.iter().find(|(said, ..)| *said == base)?;
    let short = match count {
        Some(count) => format!("{short} {count}"),
        None => short.to_string(),
    };
    Some(Tag {
        short,
        retransmission: *retransmission,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::roles::Role;

    /// Every role's words, as `wire::roles` writes them, have their tag.
    #[test]
    fn each_roles_words_have_a_short_tag() {
        let cases = [
            (Role::Retransmission { of: None }, Some(("retx", true))),
            (Role::Retransmission { of: Some(3) }, Some(("retx", true))),
            (Role::FastRetransmission, Some(("fast retx", true))),
            (Role::SpuriousRetransmission, Some(("spurious retx", true))),
            (
                Role::DupAck {
                    count: 2,
                    ack: 1449,
                },
                Some(("dup ACK 2", false)),
            ),
            (Role::OutOfOrder, Some(("out of order", false))),
            (Role::PreviousSegmentNotSeen, Some(("prev not seen", false))),
            (Role::AckOfUnseenSegment, Some(("ACK unseen", false))),
            (Role::ZeroWindow, Some(("zero win", false))),
            (Role::ZeroWindowProbe, Some(("ZWP", false))),
            (Role::ZeroWindowProbeAck, Some(("ZWP ACK", false))),
            (Role::WindowFull, Some(("win full", false))),
            (Role::WindowUpdate, Some(("win upd", false))),
            (Role::KeepAlive, Some(("keep-alive", false))),
            (Role::KeepAliveAck, Some(("keep-alive ACK", false))),
            (Role::Dsack { left: 1, right: 6 }, Some(("D-SACK", false))),
            (Role::LinkCopy, Some(("link copy", false))),
            (Role::BadChecksum, Some(("bad cksum", false))),
            (Role::DeliveredLate, None),
        ];
        for (role, shown) in cases {
            let tag = tag(&role.text());
            assert_eq!(
                tag.as_ref().map(|t| (t.short.as_str(), t.retransmission)),
                shown,
                "{role:?}"
            );
        }
        for stranger in ["", "dup ACK #x", "retransmission of", "<script>"] {
            assert_eq!(tag(stranger), None, "{stranger}");
        }
    }
}
