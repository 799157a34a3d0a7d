//! The settings `sysctl HOST NAME[=VALUE]` may read and set: an allow-list
//! of per-host TCP and IP settings, each with the values it takes.
//!
//! A lab host is a network namespace, and most `net.*` settings are its
//! own there — but not all: some exist in every namespace yet act on the
//! whole machine (`net.netfilter.nf_hooks_lwtunnel` turns on a machine-wide
//! switch that cannot be turned off), and a congestion control named but
//! not loaded makes a privileged kernel try to load a module. So a setting
//! is settable only when it is listed here, known to be per host; its value
//! is checked against the range listed before the kernel sees it, and a
//! congestion control must be one the kernel has already
//! (`net.ipv4.tcp_available_congestion_control`).
//!
//! Owns: the list, the checks, and why a setting was not read or set
//! (`Error`). Reading and writing the file inside the host is
//! `Lab::sysctl`'s.

use std::fmt;

use crate::safe_text::escape;

/// Why a setting was not read or set: a person's mistake (a name not
/// listed, a value it does not take), or the kernel's refusal.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    ReadOnly {
        name: String,
    },
    NotListed {
        name: String,
    },
    NotWhole {
        name: &'static str,
        low: i64,
        high: i64,
        value: String,
    },
    OutOfRange {
        name: &'static str,
        n: i64,
        low: i64,
        high: i64,
    },
    NotNumbers {
        name: &'static str,
        count: usize,
        example: &'static str,
        value: String,
    },
    NotInOrder {
        name: &'static str,
        example: &'static str,
        value: String,
    },
    NoSuchCongestion {
        value: String,
        known: Vec<String>,
    },
    NotPerHost {
        name: String,
    },
    /// A namespace other than the machine's first may choose only among
    /// the algorithms the machine allows it.
    NotAllowed {
        value: String,
        allowed: String,
    },
    KernelRefused {
        name: String,
        value: String,
    },
    CannotSet {
        name: String,
        error: std::io::Error,
    },
    CannotRead {
        name: String,
        error: std::io::Error,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The range's ends and the number as text: a number's digits as
        // they were, whatever its size.
        let text = match self {
            Error::ReadOnly { name } => crate::t!("lab-error-sysctl-read-only", name = name),
            Error::NotListed { name } => not_listed(name),
            Error::NotWhole {
                name,
                low,
                high,
                value,
            } => crate::t!(
                "lab-error-sysctl-not-whole",
                name = (*name),
                low = low.to_string(),
                high = high.to_string(),
                value = escape(value)
            ),
            Error::OutOfRange { name, n, low, high } => crate::t!(
                "lab-error-sysctl-out-of-range",
                n = n.to_string(),
                name = (*name),
                low = low.to_string(),
                high = high.to_string()
            ),
            Error::NotNumbers {
                name,
                count,
                example,
                value,
            } => crate::t!(
                "lab-error-sysctl-not-numbers",
                name = (*name),
                count = (*count),
                example = (*example),
                value = escape(value)
            ),
            Error::NotInOrder {
                name,
                example,
                value,
            } => crate::t!(
                "lab-error-sysctl-not-in-order",
                name = (*name),
                example = (*example),
                value = escape(value)
            ),
            Error::NoSuchCongestion { value, known } => crate::t!(
                "lab-error-sysctl-no-such-congestion",
                value = escape(value),
                known = known.join(" ")
            ),
            Error::NotPerHost { name } => crate::t!("lab-error-sysctl-not-per-host", name = name),
            Error::NotAllowed { value, allowed } => crate::t!(
                "lab-error-sysctl-not-allowed",
                value = escape(value),
                allowed = allowed
            ),
            Error::KernelRefused { name, value } => crate::t!(
                "lab-error-sysctl-kernel-refused",
                name = name,
                value = escape(value)
            ),
            Error::CannotSet { name, error } => crate::t!(
                "lab-error-sysctl-cannot-set",
                name = name,
                reason = crate::error::io_reason(error)
            ),
            Error::CannotRead { name, error } => crate::t!(
                "lab-error-sysctl-cannot-read",
                name = name,
                reason = crate::error::io_reason(error)
            ),
        };
        f.write_str(&text)
    }
}

/// What values a setting takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Values {
    /// One whole number in a range.
    Number(i64, i64),
    /// Two, low ≤ high, each in the range (`ip_local_port_range`).
    Pair(i64, i64),
    /// Three, min ≤ default ≤ max, each in the range (`tcp_rmem`).
    Triple(i64, i64),
    /// A congestion control's name the kernel has.
    Congestion,
}

/// One setting a host of the lab may have set.
#[derive(Clone, Copy, Debug)]
pub struct Setting {
    pub name: &'static str,
    pub values: Values,
    /// What it decides, in a few words, worded when shown.
    pub note: Decides,
}

/// What a setting decides, in the language text is shown in: the message
/// `sysctl-` and its name with `-` for `.`
/// (`sysctl-net-ipv4-tcp_syn_retries`).
#[derive(Clone, Copy, Debug)]
pub struct Decides(&'static str);

impl Decides {
    /// The id of its message.
    pub fn id(self) -> String {
        format!("sysctl-{}", self.0.replace('.', "-"))
    }
}

impl fmt::Display for Decides {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = crate::i18n::lookup(&self.id());
        f.write_str(text.as_deref().unwrap_or(self.0))
    }
}

const fn setting(name: &'static str, values: Values) -> Setting {
    Setting {
        name,
        values,
        note: Decides(name),
    }
}

const fn number(name: &'static str, low: i64, high: i64) -> Setting {
    setting(name, Values::Number(low, high))
}

const fn switch(name: &'static str) -> Setting {
    number(name, 0, 1)
}

/// The biggest socket buffer a host may be given (bytes): a lesson's
/// buffers are the machine's memory.
const MAX_BUFFER: i64 = 16 << 20;

/// Every setting `sysctl` may set, in the order `help sysctl` lists them.
pub const SETTINGS: &[Setting] = &[
    // Connection set-up and its timers.
    number("net.ipv4.tcp_syn_retries", 1, 127),
    number("net.ipv4.tcp_synack_retries", 0, 255),
    number("net.ipv4.tcp_syn_linear_timeouts", 0, 255),
    number("net.ipv4.tcp_max_syn_backlog", 1, 65535),
    number("net.ipv4.tcp_syncookies", 0, 2),
    switch("net.ipv4.tcp_abort_on_overflow"),
    number("net.core.somaxconn", 0, 65535),
    // Retransmission.
    number("net.ipv4.tcp_retries1", 0, 255),
    number("net.ipv4.tcp_retries2", 0, 255),
    number("net.ipv4.tcp_orphan_retries", 0, 255),
    number("net.ipv4.tcp_rto_min_us", 1000, 120_000_000),
    number("net.ipv4.tcp_rto_max_ms", 1000, 120_000),
    number("net.ipv4.tcp_early_retrans", 0, 4),
    number("net.ipv4.tcp_recovery", 0, 7),
    number("net.ipv4.tcp_frto", 0, 2),
    number("net.ipv4.tcp_reordering", 1, 1000),
    number("net.ipv4.tcp_max_reordering", 1, 1000),
    switch("net.ipv4.tcp_thin_linear_timeouts"),
    // Options on the SYN.
    switch("net.ipv4.tcp_sack"),
    switch("net.ipv4.tcp_dsack"),
    number("net.ipv4.tcp_timestamps", 0, 2),
    switch("net.ipv4.tcp_window_scaling"),
    number("net.ipv4.tcp_ecn", 0, 2),
    switch("net.ipv4.tcp_ecn_fallback"),
    number("net.ipv4.tcp_mtu_probing", 0, 2),
    number("net.ipv4.tcp_base_mss", 48, 65535),
    // Keepalive and closing.
    number("net.ipv4.tcp_keepalive_time", 1, 32767),
    number("net.ipv4.tcp_keepalive_intvl", 1, 32767),
    number("net.ipv4.tcp_keepalive_probes", 1, 127),
    number("net.ipv4.tcp_fin_timeout", 1, 600),
    number("net.ipv4.tcp_tw_reuse", 0, 2),
    switch("net.ipv4.tcp_rfc1337"),
    // Buffers, windows, congestion.
    setting("net.ipv4.tcp_rmem", Values::Triple(4096, MAX_BUFFER)),
    setting("net.ipv4.tcp_wmem", Values::Triple(4096, MAX_BUFFER)),
    switch("net.ipv4.tcp_moderate_rcvbuf"),
    number("net.ipv4.tcp_adv_win_scale", -31, 31),
    number("net.ipv4.tcp_notsent_lowat", 1, i32::MAX as i64),
    switch("net.ipv4.tcp_slow_start_after_idle"),
    switch("net.ipv4.tcp_autocorking"),
    number("net.ipv4.tcp_comp_sack_nr", 0, 255),
    setting("net.ipv4.tcp_congestion_control", Values::Congestion),
    // IP.
    number("net.ipv4.ip_default_ttl", 1, 255),
    setting("net.ipv4.ip_local_port_range", Values::Pair(1, 65535)),
    number("net.ipv4.ip_unprivileged_port_start", 0, 65535),
    number("net.ipv4.ip_no_pmtu_disc", 0, 3),
    number("net.ipv4.ipfrag_time", 1, 300),
    number("net.ipv6.ip6frag_time", 1, 300),
    number("net.ipv4.icmp_ratelimit", 0, 60000),
    switch("net.ipv4.icmp_echo_ignore_all"),
];

/// Settings a host may read but not set: what the kernel offers.
pub const READ_ONLY: &[&str] = &[
    "net.ipv4.tcp_available_congestion_control",
    "net.ipv4.tcp_allowed_congestion_control",
];

/// The listed setting of that name.
pub fn find(name: &str) -> Option<&'static Setting> {
    SETTINGS.iter().find(|s| s.name == name)
}

/// Whether `sysctl` may read it (a listed setting, or a read-only one).
pub fn readable(name: &str) -> bool {
    find(name).is_some() || READ_ONLY.contains(&name)
}

/// Why a name may not be set, with what may be.
pub fn not_listed(name: &str) -> String {
    let shown = crate::safe_text::escape(name);
    match crate::suggest::nearest(name, SETTINGS.iter().map(|s| s.name)) {
        Some(near) => crate::t!(
            "lab-error-sysctl-not-listed-near",
            name = shown,
            near = near
        ),
        None => crate::t!("lab-error-sysctl-not-listed", name = shown),
    }
}

/// The value as the kernel takes it (numbers separated by tabs), or why
/// it is not one this setting takes. `available` is the kernel's list of
/// congestion controls, asked for only when needed.
pub fn check(
    setting: &Setting,
    value: &str,
    available: impl FnOnce() -> String,
) -> Result<String, Error> {
    match setting.values {
        Values::Number(low, high) => {
            let n = whole(value).ok_or_else(|| Error::NotWhole {
                name: setting.name,
                low,
                high,
                value: value.to_string(),
            })?;
            in_range(setting.name, n, low, high)?;
            Ok(n.to_string())
        }
        Values::Pair(low, high) => numbers(setting.name, value, 2, low, high),
        Values::Triple(low, high) => numbers(setting.name, value, 3, low, high),
        Values::Congestion => {
            let available = available();
            let known: Vec<&str> = available.split_whitespace().collect();
            if known.contains(&value) {
                Ok(value.to_string())
            } else {
                Err(Error::NoSuchCongestion {
                    value: value.to_string(),
                    known: known.into_iter().map(String::from).collect(),
                })
            }
        }
    }
}

/// `count` whole numbers, each from `low` to `high`, smallest first,
/// separated by commas or spaces: as the kernel takes them (tabs between).
fn numbers(
    name: &'static str,
    value: &str,
    count: usize,
    low: i64,
    high: i64,
) -> Result<String, Error> {
    let example = match count {
        2 => "32768,60999",
        _ => "4096,131072,6291456",
    };
    let numbers: Option<Vec<i64>> = value
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|part| !part.is_empty())
        .map(whole)
        .collect();
    let numbers = numbers
        .filter(|n| n.len() == count)
        .ok_or_else(|| Error::NotNumbers {
            name,
            count,
            example,
            value: value.to_string(),
        })?;
    for &n in &numbers {
        in_range(name, n, low, high)?;
    }
    if numbers.windows(2).any(|w| w[0] > w[1]) {
        return Err(Error::NotInOrder {
            name,
            example,
            value: value.to_string(),
        });
    }
    Ok(numbers
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join("\t"))
}

fn whole(text: &str) -> Option<i64> {
    text.trim().parse::<i64>().ok()
}

fn in_range(name: &'static str, n: i64, low: i64, high: i64) -> Result<(), Error> {
    if (low..=high).contains(&n) {
        Ok(())
    } else {
        Err(Error::OutOfRange { name, n, low, high })
    }
}

/// `help sysctl`'s list: each setting, what it takes, what it decides.
pub fn help_lines() -> Vec<String> {
    let mut lines = vec![crate::t!("sysctl-help-heading")];
    for setting in SETTINGS {
        let values = match setting.values {
            Values::Number(0, 1) => "0|1".to_string(),
            Values::Number(low, high) => format!("{low}..{high}"),
            Values::Pair(..) => "LOW,HIGH".to_string(),
            Values::Triple(..) => "MIN,DEF,MAX".to_string(),
            Values::Congestion => "NAME".to_string(),
        };
        lines.push(format!(
            "  {:<36} {values:<12} {}",
            setting.name, setting.note
        ));
    }
    lines.push(crate::t!(
        "sysctl-help-read-only",
        names = READ_ONLY.join(", ")
    ));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The files themselves, not the loader: a loader falls back to
    /// English for a message its language lacks.
    #[test]
    fn every_setting_decides_in_english_russian_and_chinese() {
        use crate::i18n::{Lang, ftl_source};
        for lang in Lang::ALL {
            let source = ftl_source(lang).expect("the language's messages");
            for setting in SETTINGS {
                let id = setting.note.id();
                assert!(source.contains(&format!("\n{id} = ")), "{lang} lacks {id}");
            }
        }
    }

    fn cubic_reno() -> String {
        "reno cubic".into()
    }

    #[test]
    fn values_are_checked_before_the_kernel_sees_them() {
        let syn = find("net.ipv4.tcp_syn_retries").unwrap();
        let rmem = find("net.ipv4.tcp_rmem").unwrap();
        let ports = find("net.ipv4.ip_local_port_range").unwrap();
        let cc = find("net.ipv4.tcp_congestion_control").unwrap();
        // (setting, value, Ok(written) or Err(part of the message))
        let cases: [(&Setting, &str, Result<&str, &str>); 12] = [
            (syn, "1", Ok("1")),
            (syn, "0", Err("out of range")),
            (syn, "128", Err("out of range")),
            (syn, "x", Err("whole number")),
            (syn, "1.5", Err("whole number")),
            (rmem, "4096,131072,6291456", Ok("4096\t131072\t6291456")),
            (rmem, "4096 8192 8192", Ok("4096\t8192\t8192")),
            (rmem, "4096,131072", Err("3 whole numbers")),
            (rmem, "8192,4096,6291456", Err("smallest to the largest")),
            (rmem, "4096,131072,1000000000", Err("out of range")),
            (ports, "40000,40010", Ok("40000\t40010")),
            (cc, "bbr", Err("not a congestion control")),
        ];
        for (setting, value, want) in cases {
            let got = check(setting, value, cubic_reno);
            match (want, &got) {
                (Ok(written), Ok(got)) => assert_eq!(got, written, "{} = {value}", setting.name),
                (Err(part), Err(message)) => {
                    assert!(
                        message.to_string().contains(part),
                        "{} = {value}: {message}",
                        setting.name
                    )
                }
                _ => panic!("{} = {value}: {got:?}, wanted {want:?}", setting.name),
            }
        }
        assert_eq!(check(cc, "reno", cubic_reno).unwrap(), "reno");
    }

    #[test]
    fn machine_wide_settings_are_not_listed() {
        for name in [
            "net.netfilter.nf_hooks_lwtunnel",
            "net.core.bpf_jit_enable",
            "net.ipv4.tcp_mem",
            "net.core.rmem_max",
            "net.ipv4.tcp_allowed_congestion_control",
        ] {
            assert!(find(name).is_none(), "{name} must not be settable");
        }
        assert!(not_listed("net.netfilter.nf_hooks_lwtunnel").contains("help sysctl"));
        // Every name is well formed and listed once.
        for (i, setting) in SETTINGS.iter().enumerate() {
            assert!(setting.name.starts_with("net."), "{}", setting.name);
            assert!(
                SETTINGS[..i].iter().all(|s| s.name != setting.name),
                "{} twice",
                setting.name
            );
        }
    }
}
