//! Windows' socket errors (WinSock's `WSAE…`, numbered from 10000) and
//! their POSIX twins, for `help 10054`, `help WSAECONNRESET` and `help
//! WinError 10054`: the GBK tutorials come from Windows, where Python
//! says `ConnectionResetError: [WinError 10054]`; on Linux the same
//! failure is `[Errno 104]`, ECONNRESET.
//!
//! Owns: the table and the spellings it answers to; the words are the
//! message files' (`winsock-help`, `winsock-note-NAME`). The twin's own help
//! is the errno's (`help`).

/// A WinSock error and the errno Linux reports for the same failure.
pub struct WsaError {
    pub number: u32,
    pub name: &'static str,
    /// The POSIX errno's name (socklab's: `names::errno_from_name`).
    pub twin: &'static str,
    /// Whether Linux differs from what the twin's name suggests: then a
    /// note says how (the message `winsock-note-NAME`).
    pub noted: bool,
}

const fn wsa(number: u32, name: &'static str, twin: &'static str) -> WsaError {
    WsaError {
        number,
        name,
        twin,
        noted: false,
    }
}

/// WinSock's errors that have a POSIX twin (winsock2.h numbers them
/// WSABASEERR + the BSD errno: 10000 + 54 is ECONNRESET's BSD number).
pub const WSA_ERRORS: &[WsaError] = &[
    wsa(10004, "WSAEINTR", "EINTR"),
    wsa(10009, "WSAEBADF", "EBADF"),
    wsa(10013, "WSAEACCES", "EACCES"),
    wsa(10014, "WSAEFAULT", "EFAULT"),
    wsa(10022, "WSAEINVAL", "EINVAL"),
    wsa(10024, "WSAEMFILE", "EMFILE"),
    WsaError {
        noted: true,
        ..wsa(10035, "WSAEWOULDBLOCK", "EWOULDBLOCK")
    },
    wsa(10036, "WSAEINPROGRESS", "EINPROGRESS"),
    wsa(10037, "WSAEALREADY", "EALREADY"),
    wsa(10038, "WSAENOTSOCK", "ENOTSOCK"),
    wsa(10039, "WSAEDESTADDRREQ", "EDESTADDRREQ"),
    wsa(10040, "WSAEMSGSIZE", "EMSGSIZE"),
    wsa(10041, "WSAEPROTOTYPE", "EPROTOTYPE"),
    wsa(10042, "WSAENOPROTOOPT", "ENOPROTOOPT"),
    wsa(10043, "WSAEPROTONOSUPPORT", "EPROTONOSUPPORT"),
    wsa(10044, "WSAESOCKTNOSUPPORT", "ESOCKTNOSUPPORT"),
    wsa(10045, "WSAEOPNOTSUPP", "EOPNOTSUPP"),
    wsa(10046, "WSAEPFNOSUPPORT", "EPFNOSUPPORT"),
    wsa(10047, "WSAEAFNOSUPPORT", "EAFNOSUPPORT"),
    wsa(10048, "WSAEADDRINUSE", "EADDRINUSE"),
    wsa(10049, "WSAEADDRNOTAVAIL", "EADDRNOTAVAIL"),
    wsa(10050, "WSAENETDOWN", "ENETDOWN"),
    wsa(10051, "WSAENETUNREACH", "ENETUNREACH"),
    wsa(10052, "WSAENETRESET", "ENETRESET"),
    wsa(10053, "WSAECONNABORTED", "ECONNABORTED"),
    wsa(10054, "WSAECONNRESET", "ECONNRESET"),
    wsa(10055, "WSAENOBUFS", "ENOBUFS"),
    wsa(10056, "WSAEISCONN", "EISCONN"),
    wsa(10057, "WSAENOTCONN", "ENOTCONN"),
    WsaError {
        noted: true,
        ..wsa(10058, "WSAESHUTDOWN", "ESHUTDOWN")
    },
    wsa(10060, "WSAETIMEDOUT", "ETIMEDOUT"),
    wsa(10061, "WSAECONNREFUSED", "ECONNREFUSED"),
    wsa(10064, "WSAEHOSTDOWN", "EHOSTDOWN"),
    wsa(10065, "WSAEHOSTUNREACH", "EHOSTUNREACH"),
];

/// The WinSock error `topic` names: `10054`, `WSAECONNRESET` (any case),
/// `WinError 10054`, `[WinError 10054]` or `WinError10054`.
pub fn named(topic: &str) -> Option<&'static WsaError> {
    let topic = topic.trim().trim_start_matches('[').trim_end_matches(']');
    let number = match topic.get(..8) {
        Some(head) if head.eq_ignore_ascii_case("winerror") => topic[8..].trim(),
        _ => topic,
    };
    if let Ok(number) = number.parse::<u32>() {
        return WSA_ERRORS.iter().find(|e| e.number == number);
    }
    WSA_ERRORS
        .iter()
        .find(|e| e.name.eq_ignore_ascii_case(topic))
}

/// Every WinSock name, for "did you mean".
pub fn names() -> impl Iterator<Item = &'static str> {
    WSA_ERRORS.iter().map(|e| e.name)
}

/// The first lines of `help 10054`: what it is and its twin on Linux (the
/// twin's own help follows them).
pub fn help_lines(error: &WsaError, twin: nix::errno::Errno) -> Vec<String> {
    let mut lines = vec![crate::t!(
        "winsock-help",
        name = error.name,
        number = error.number,
        twin = error.twin,
        errno = (twin as i32),
        shown = crate::names::errno_name(twin)
    )];
    lines.extend(error.note());
    lines.push(String::new());
    lines
}

impl WsaError {
    /// Where Linux differs from what the twin's name suggests.
    pub fn note(&self) -> Option<String> {
        let id = self.note_id()?;
        Some(crate::i18n::lookup(&id).unwrap_or(id))
    }

    fn note_id(&self) -> Option<String> {
        self.noted.then(|| format!("winsock-note-{}", self.name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_finds_the_error_and_every_twin_is_an_errno() {
        for spelling in [
            "10054",
            "WSAECONNRESET",
            "wsaeconnreset",
            "WinError 10054",
            "[WinError 10054]",
            "winerror10054",
        ] {
            assert_eq!(
                named(spelling).map(|e| e.twin),
                Some("ECONNRESET"),
                "{spelling}"
            );
        }
        assert!(named("10059").is_none());
        assert!(named("104").is_none());
        for error in WSA_ERRORS {
            assert!(
                crate::names::errno_from_name(error.twin).is_some(),
                "{}",
                error.twin
            );
            // winsock2.h: WSABASEERR (10000) + the BSD errno.
            assert!(error.name.starts_with("WSAE") && error.number > 10000);
        }
    }

    #[test]
    fn every_note_is_in_english_russian_and_chinese_and_nothing_else() {
        let notes = WSA_ERRORS.iter().filter_map(WsaError::note_id);
        let ids = std::iter::once("winsock-help".to_string())
            .chain(notes)
            .collect();
        crate::command::topics::tests::assert_section_has_exactly("winsock-", &ids);
    }
}
