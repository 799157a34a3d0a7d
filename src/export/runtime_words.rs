//! The words of the helpers every exported program carries (runtime.py,
//! runtime.c): each comment's English text, as the helpers are written,
//! with the message that says it in the chosen language. In English the
//! helpers are written as they are; in another language each comment's
//! text is that message. A test checks that every comment of the helpers
//! is here and that its message says the same in English.

/// A helper's comment: its English text as written, and its message.
type Comment = (&'static str, &'static str);

/// runtime.py's docstrings.
pub(super) const PYTHON_DOCSTRINGS: &[Comment] = &[
    (
        "Report one result that is not the one socklab recorded.",
        "export-helper-differ",
    ),
    (
        "The call failed: with the errno socklab saw?",
        "export-helper-check-errno",
    ),
    (
        "[PORTn]: the first time, the port the kernel chose; then the same one.",
        "export-helper-check-port",
    ),
    (
        "recv until exactly n bytes came, or the peer closed (socklab's recvall).",
        "export-helper-recvall",
    ),
    (
        "An ioctl that reads an int: FIONREAD (bytes to read), TIOCOUTQ (not yet acknowledged).",
        "export-helper-ioctl-int",
    ),
    (
        "poll(2) for POLLIN|POLLPRI|POLLOUT|POLLRDHUP: each socket's events, by name.",
        "export-helper-poll-events-py",
    ),
    (
        "Wait (at most TIMEOUT) until the socket is readable or writable.",
        "export-helper-await-ready",
    ),
    (
        "The state of the connection local-peer in /proc/net/tcp[6] (None: not there).",
        "export-helper-proc-net-state-py",
    ),
    (
        "The socket's TCP state (TCP_INFO); after close, its connection's, as the kernel keeps it.",
        "export-helper-tcp-state-py",
    ),
    (
        "Look at the TCP state until it is `want` (at most TIMEOUT): no event says when it moves.",
        "export-helper-await-state-py",
    ),
    (
        "How many segments these TCP sockets have sent (TCP_INFO's tcpi_segs_out).",
        "export-helper-segments-sent",
    ),
    (
        "Wait (at most TIMEOUT) until the sockets have sent more segments than\n    `before` (counted just after the step that started the kernel's timer).",
        "export-helper-await-segment-py",
    ),
    (
        "Wait (at most TIMEOUT) until `acked` bytes of data are acknowledged:\n    the acknowledgment socklab saw has arrived. (TCP_INFO's tcpi_bytes_acked\n    counts the SYN as one more.)",
        "export-helper-await-acked-py",
    ),
    (
        "A call on a thread of its own (socklab's `CMD &`); result() waits for it.",
        "export-helper-job-py",
    ),
    (
        "The call's return value (its exception is raised here).",
        "export-helper-job-result-py",
    ),
    (
        "socklab stops a job's call with a signal (EINTR). Python retries a call a\n        signal interrupts (PEP 475), so here the socket is shut down instead: the\n        call ends with the error that gives.",
        "export-helper-job-stop-py",
    ),
    (
        "recv(1024) in a loop on a thread (socklab's `watch`); result() takes the next one.",
        "export-helper-watch-py",
    ),
    (
        "socklab interrupts the loop's recv (EINTR); here the loop also polls a stop pipe.",
        "export-helper-watch-stop-py",
    ),
];

/// runtime.py's comments after code (`x = {}  # …`).
pub(super) const PYTHON_COMMENTS: &[Comment] = &[
    (
        "background calls and watch loops, by socklab's job number",
        "export-helper-jobs-py",
    ),
    (
        "the ports the kernel chose ([PORT1] ...), as this run got them",
        "export-helper-ports",
    ),
    (
        "the step being run: its socklab line's number",
        "export-helper-where",
    ),
    (
        "a socket's (local, peer) addresses, kept to find its connection after close",
        "export-helper-ends-py",
    ),
];

/// runtime.c's comments.
pub(super) const C_COMMENTS: &[Comment] = &[
    (
        "[PORTn]: the first time, the port the kernel chose; then the same one.",
        "export-helper-check-port",
    ),
    (
        "recv until exactly n bytes came, or the peer closed (socklab's recvall).",
        "export-helper-recvall",
    ),
    (
        "How many segments these TCP sockets have sent (TCP_INFO's tcpi_segs_out).",
        "export-helper-segments-sent",
    ),
    (
        "the ports the kernel chose ([PORT1] ...), as this run got them",
        "export-helper-ports",
    ),
    (
        "the step being run: its socklab line's number",
        "export-helper-where",
    ),
    (
        "The helpers below are shared by every exported program; one may not use them all.",
        "export-helper-shared-c",
    ),
    (
        "A call that socklab saw succeed: recorded >= 0 is its return value, -2 any (a new fd).",
        "export-helper-check-ok-c",
    ),
    (
        "A call that socklab saw fail with errno `recorded`.",
        "export-helper-check-fails-c",
    ),
    (
        "An IPv4 or IPv6 address and port, as bind, connect and sendto take it.",
        "export-helper-inet-address-c",
    ),
    (
        "A Unix socket's address: a path, or (abstract) a name with a leading NUL.",
        "export-helper-unix-address-c",
    ),
    (
        "send until all of it went, or a call failed (socklab's sendall).",
        "export-helper-sendall-c",
    ),
    (
        "poll(2) for POLLIN|POLLPRI|POLLOUT|POLLRDHUP; each fd's events, by name, into names[i].",
        "export-helper-poll-events-c",
    ),
    (
        "A socket's addresses, kept to find its connection after close.",
        "export-helper-ends-c",
    ),
    (
        "The state of a connection in /proc/net/tcp[6], or CLOSE if it is not there.",
        "export-helper-proc-net-state-c",
    ),
    (
        "struct tcp_info starts with tcpi_state",
        "export-helper-tcp-info-state-c",
    ),
    (
        "Look at the TCP state until it is `want` (at most TIMEOUT_MS): no event says when it moves.",
        "export-helper-await-state-c",
    ),
    (
        "Linux's struct tcp_info: tcpi_segs_out is the u32 at offset 136\n         * (newer than the C library's copy of the struct).",
        "export-helper-segs-out-offset-c",
    ),
    (
        "Wait (at most TIMEOUT_MS) until the sockets have sent more segments than\n * `before` (counted just after the step that started the kernel's timer).",
        "export-helper-await-segment-c",
    ),
    (
        "Bytes of data acknowledged: Linux's tcpi_bytes_acked (the u64 at offset\n * 120 of struct tcp_info), less the SYN it counts as one.",
        "export-helper-bytes-acked-c",
    ),
    (
        "Wait (at most TIMEOUT_MS) until `acked` bytes are acknowledged: the\n * acknowledgment socklab saw has arrived.",
        "export-helper-await-acked-c",
    ),
    (
        "A call on a thread of its own (socklab's `CMD &`), or recv in a loop on\n * one (`watch`): its results wait here, one byte in `ready` for each.",
        "export-helper-job-c",
    ),
    ("watch: the socket it reads", "export-helper-watch-fd-c"),
    (
        "watch: a byte here ends the loop",
        "export-helper-watch-stop-pipe-c",
    ),
    ("by socklab's job number", "export-helper-jobs-c"),
    (
        "Starts `call` on a thread of its own.",
        "export-helper-job-start-c",
    ),
    (
        "Starts recv(fd, 1024) in a loop on a thread of its own.",
        "export-helper-watch-start-c",
    ),
    (
        "The job's next result (at most TIMEOUT_MS away): its return value, errno\n * set, what it received in buf, its address in *addr.",
        "export-helper-job-result-c",
    ),
    (
        "socklab stops a job blocked in its call with a signal: the call returns EINTR.",
        "export-helper-job-stop-c",
    ),
    (
        "no SA_RESTART: the call returns EINTR",
        "export-helper-sa-restart-c",
    ),
    (
        "socklab's unwatch: the loop ends.",
        "export-helper-unwatch-c",
    ),
];

/// `helpers` with each of `comments` (`wrap`ped as it is written) in the
/// chosen language, made `safe` for where it stands; in English,
/// `helpers` as it is.
pub(super) fn localized(
    helpers: String,
    comments: &[Comment],
    wrap: impl Fn(&str) -> String,
    safe: impl Fn(&str) -> String,
) -> String {
    if crate::i18n::current() == crate::i18n::Lang::En {
        return helpers;
    }
    comments.iter().fold(helpers, |text, (english, id)| {
        let words = crate::i18n::lookup(id).unwrap_or_else(|| english.to_string());
        text.replace(&wrap(english), &wrap(&safe(&words)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, ftl_source, in_english, lookup};

    const PYTHON: &str = include_str!("python/runtime.py");
    const C: &str = include_str!("c/runtime.c");

    /// The texts between `open` and `close` in `text`.
    fn between<'a>(text: &'a str, open: &str, close: &str) -> Vec<&'a str> {
        let mut found = Vec::new();
        let mut rest = text;
        while let Some(at) = rest.find(open) {
            let after = &rest[at + open.len()..];
            let end = after.find(close).expect("every comment is closed");
            found.push(&after[..end]);
            rest = &after[end + close.len()..];
        }
        found
    }

    fn sorted(mut texts: Vec<&str>) -> Vec<&str> {
        texts.sort_unstable();
        texts
    }

    #[test]
    fn every_comment_of_the_helpers_has_its_message() {
        let english = |table: &[Comment]| sorted(table.iter().map(|(e, _)| *e).collect());
        assert_eq!(
            sorted(between(PYTHON, "\"\"\"", "\"\"\"")),
            english(PYTHON_DOCSTRINGS)
        );
        assert_eq!(
            sorted(between(PYTHON, "  # ", "\n")),
            english(PYTHON_COMMENTS)
        );
        assert_eq!(sorted(between(C, "/* ", " */")), english(C_COMMENTS));
    }

    /// A message says what its comment says in English (on one line), and
    /// Russian and Chinese have it in their own files.
    #[test]
    fn each_message_is_its_comment_in_every_language() {
        let files: Vec<String> = [Lang::Ru, Lang::Zh]
            .into_iter()
            .map(|lang| ftl_source(lang).unwrap())
            .collect();
        for (english, id) in PYTHON_DOCSTRINGS
            .iter()
            .chain(PYTHON_COMMENTS)
            .chain(C_COMMENTS)
        {
            let one_line: Vec<&str> = english
                .split('\n')
                .map(|l| l.trim_start().trim_start_matches("* "))
                .collect();
            assert_eq!(in_english(|| lookup(id)), Some(one_line.join(" ")), "{id}");
            for file in &files {
                assert!(file.contains(&format!("\n{id} =")), "{id}");
            }
        }
    }

    #[test]
    fn in_english_the_helpers_are_as_written() {
        let same = in_english(|| localized(C.to_string(), C_COMMENTS, |t| t.into(), |t| t.into()));
        assert_eq!(same, C);
    }
}
