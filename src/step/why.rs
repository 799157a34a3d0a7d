//! Why a failed call failed, and what to do — the `why:` line under it —
//! as a value: the command table's note for the call's errno, or a cause
//! socklab told apart from the socket and the lab (`command::why` chooses
//! it). `render::words` words it, in the language chosen.

use nix::errno::Errno;

use crate::lab::Host;

/// The `why:` line of a failed call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// The command table's note for `verb` and `errno`: its English words,
    /// worded in another language by the table's message for them
    /// (`cmd-VERB-errno-ERRNO`).
    Table {
        verb: &'static str,
        errno: Errno,
        english: &'static str,
    },
    /// A cause told apart from what socklab knows of the socket.
    Chosen(Cause),
}

/// A cause of a failure that socklab tells apart (`help ERRNO` lists
/// them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    /// ECONNRESET: the peer's lab host crashed, and knows no such
    /// connection.
    PeerCrashed(Host),
    /// EAGAIN: a nonblocking send before the handshake finished.
    NotEstablished,
    /// ETIMEDOUT: the SYN was never answered.
    SynRetries,
    /// ETIMEDOUT: the SYN went unanswered until TCP_USER_TIMEOUT ran out.
    SynUserTimeout,
    /// ETIMEDOUT: TCP_USER_TIMEOUT ran out.
    UserTimeout,
    /// ETIMEDOUT: keepalive probes went unanswered.
    Keepalive,
    /// ETIMEDOUT: window probes went unanswered.
    WindowProbes,
    /// ETIMEDOUT: sent data was never acknowledged.
    DataRetries,
    /// A data call on a listening socket.
    ListenerData,
    /// connect on a listening socket.
    ListenerConnect,
    /// EAGAIN: SO_RCVTIMEO ran out on a blocking socket.
    RcvtimeoRanOut,
    /// EAGAIN: SO_SNDTIMEO ran out on a blocking socket.
    SndtimeoRanOut,
    /// EINPROGRESS: SO_SNDTIMEO ran out while connect waited.
    ConnectSndtimeo,
    /// EADDRINUSE: a socket listens on the port.
    PortListener,
    /// EADDRINUSE: this socket has SO_REUSEADDR, what holds the port not.
    PortReuseNotBoth,
    /// EADDRINUSE: what holds the port has SO_REUSEADDR, this socket not.
    PortSetItHere,
    /// EADDRINUSE: this socket lacks SO_REUSEADDR, what holds it may too.
    PortSetItBoth,
    /// EADDRINUSE: another UDP socket is bound to the port.
    PortUdp,
}
