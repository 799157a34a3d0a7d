//! A socket option's value as typed, checked against the option's kind
//! (`sockopt::OptKind`), and as the call line shows it.
//!
//! Time-valued options take units: `TCP_USER_TIMEOUT 3s`, `TCP_KEEPIDLE
//! 5s`, `SO_LINGER 2s`, `SO_RCVTIMEO 1.5s`. A bare number keeps its old
//! meaning, the kernel's own unit (`TCP_USER_TIMEOUT 800` is 800 ms,
//! `TCP_KEEPIDLE 5` is 5 s; the socket timeouts' bare numbers are seconds).
//! A duration that is not a whole number of the kernel's unit is refused,
//! naming the unit: the kernel would otherwise get a value nobody typed.
//!
//! Owns: reading and showing values. The option table and the calls are
//! `sockopt`'s.

use std::time::Duration;

use super::sockopt::{OptKind, OptSpec};
use crate::error::{Text, UsageError};
use crate::parse::{Cursor, Token};

/// A value to set, already checked against the option's kind and in the
/// kernel's unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SetValue {
    Bool(bool),
    Int(u32),
    Time(Option<Duration>),
}

/// A unit the kernel counts an option's time in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeUnit {
    Seconds,
    Millis,
    Micros,
}

impl TimeUnit {
    fn nanos(self) -> u128 {
        match self {
            TimeUnit::Seconds => 1_000_000_000,
            TimeUnit::Millis => 1_000_000,
            TimeUnit::Micros => 1_000,
        }
    }

    /// As a duration's suffix: `s`, `ms`, `us`.
    pub fn suffix(self) -> &'static str {
        match self {
            TimeUnit::Seconds => "s",
            TimeUnit::Millis => "ms",
            TimeUnit::Micros => "us",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            TimeUnit::Seconds => "seconds",
            TimeUnit::Millis => "milliseconds",
            TimeUnit::Micros => "microseconds",
        }
    }
}

/// How a time-valued kind is read: the unit of a bare number, the unit
/// the kernel counts in, and what to say it takes.
struct TimeKind {
    bare: TimeUnit,
    kernel: TimeUnit,
    /// What the option takes, worded when shown.
    takes: fn() -> String,
}

fn time_kind(kind: OptKind) -> Option<TimeKind> {
    match kind {
        OptKind::Seconds => Some(TimeKind {
            bare: TimeUnit::Seconds,
            kernel: TimeUnit::Seconds,
            takes: || crate::t!("error-option-takes-seconds"),
        }),
        OptKind::Millis => Some(TimeKind {
            bare: TimeUnit::Millis,
            kernel: TimeUnit::Millis,
            takes: || crate::t!("error-option-takes-millis"),
        }),
        OptKind::Linger => Some(TimeKind {
            bare: TimeUnit::Seconds,
            kernel: TimeUnit::Seconds,
            takes: || crate::t!("error-option-takes-linger"),
        }),
        OptKind::Timeout => Some(TimeKind {
            bare: TimeUnit::Seconds,
            kernel: TimeUnit::Micros,
            takes: || crate::t!("error-option-takes-timeout"),
        }),
        _ => None,
    }
}

/// Why a duration was refused for an option.
#[derive(Debug, PartialEq, Eq)]
pub enum TimeError {
    /// Not a number or a duration at all.
    NotADuration,
    /// Not a whole number of the kernel's unit: the counts just below and
    /// above it.
    NotWhole { below: u128, above: u128 },
    /// More than the kernel's int holds.
    TooLarge,
}

/// `text` as a count of `kernel` units; a bare number counts `bare` units.
pub fn kernel_count(text: &str, bare: TimeUnit, kernel: TimeUnit) -> Result<u64, TimeError> {
    let has_unit = text.chars().any(|c| !(c.is_ascii_digit() || c == '.'));
    let duration = if text == "off" || has_unit {
        crate::duration::parse(text)
    } else {
        crate::duration::parse(&format!("{text}{}", bare.suffix()))
    }
    .ok_or(TimeError::NotADuration)?;
    let nanos = duration.as_nanos();
    let unit = kernel.nanos();
    let count = nanos / unit;
    if nanos % unit != 0 {
        return Err(TimeError::NotWhole {
            below: count,
            above: count + 1,
        });
    }
    u64::try_from(count)
        .ok()
        .filter(|n| *n <= i32::MAX as u64)
        .ok_or(TimeError::TooLarge)
}

/// The value `token` gives `option`, or the usage error that says what
/// it takes.
pub fn parse(cursor: &Cursor, option: &OptSpec, token: &Token<'_>) -> Result<SetValue, UsageError> {
    let text = token.text.to_ascii_lowercase();
    let bad = |what: Text| {
        cursor.error_at(
            token,
            crate::worded!(
                "error-option-takes",
                option = option.name,
                what = what,
                word = token.text
            ),
        )
    };
    if let Some(time) = time_kind(option.kind) {
        if option.kind == OptKind::Linger && text == "off" {
            return Ok(SetValue::Time(None));
        }
        let count = kernel_count(&text, time.bare, time.kernel).map_err(|error| match error {
            TimeError::NotADuration => bad(Text::new(time.takes)),
            TimeError::NotWhole { below, above } => cursor.error_at(
                token,
                not_whole(option.name, token.text, time.kernel, below, above),
            ),
            TimeError::TooLarge => cursor.error_at(
                token,
                crate::worded!(
                    "error-option-too-long",
                    word = token.text,
                    option = option.name,
                    max = i32::MAX,
                    unit = time.kernel.name()
                ),
            ),
        })?;
        return Ok(match option.kind {
            OptKind::Linger => SetValue::Time(Some(Duration::from_secs(count))),
            OptKind::Timeout => SetValue::Time((count > 0).then(|| Duration::from_micros(count))),
            _ => SetValue::Int(count as u32),
        });
    }
    match option.kind {
        OptKind::Bool => match text.as_str() {
            "on" | "1" | "true" | "yes" => Ok(SetValue::Bool(true)),
            "off" | "0" | "false" | "no" => Ok(SetValue::Bool(false)),
            _ => Err(bad(Text::from("on/off/1/0"))),
        },
        OptKind::Int => text
            .parse::<u32>()
            .ok()
            .filter(|n| *n <= i32::MAX as u32)
            .map(SetValue::Int)
            .ok_or_else(|| bad(crate::worded!("error-option-takes-int"))),
        _ => Err(cursor.error_at(
            token,
            crate::worded!("error-option-read-only", option = option.name),
        )),
    }
}

/// "TCP_KEEPIDLE counts whole seconds: 1.5s is not a whole number of
/// them — 1s or 2s?"
fn not_whole(option: &str, typed: &str, unit: TimeUnit, below: u128, above: u128) -> Text {
    let suffix = unit.suffix();
    let (unit, above) = (unit.name(), format!("{above}{suffix}"));
    match below {
        0 => crate::worded!(
            "error-option-not-whole-one",
            option = option,
            unit = unit,
            word = typed,
            above = above
        ),
        _ => crate::worded!(
            "error-option-not-whole",
            option = option,
            unit = unit,
            word = typed,
            below = format!("{below}{suffix}"),
            above = above
        ),
    }
}

/// The value as the call passes it, in the kernel's unit:
/// `3000` (TCP_USER_TIMEOUT, ms), `{l_onoff=1, l_linger=2}`,
/// `{tv_sec=1, tv_usec=500000}`.
pub fn show(option: &OptSpec, value: SetValue) -> String {
    match (option.kind, value) {
        (_, SetValue::Bool(on)) => u8::from(on).to_string(),
        (_, SetValue::Int(n)) => n.to_string(),
        (OptKind::Linger, SetValue::Time(None)) => "{l_onoff=0, l_linger=0}".into(),
        (OptKind::Linger, SetValue::Time(Some(d))) => {
            format!("{{l_onoff=1, l_linger={}}}", d.as_secs())
        }
        (_, SetValue::Time(t)) => {
            let t = t.unwrap_or_default();
            format!("{{tv_sec={}, tv_usec={}}}", t.as_secs(), t.subsec_micros())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TimeUnit::*;

    #[test]
    fn durations_become_the_kernels_unit() {
        let cases: &[(&str, TimeUnit, TimeUnit, Result<u64, TimeError>)] = &[
            // Bare numbers keep the kernel's unit.
            ("800", Millis, Millis, Ok(800)),
            ("5", Seconds, Seconds, Ok(5)),
            ("0", Millis, Millis, Ok(0)),
            ("off", Millis, Millis, Ok(0)),
            // A unit is converted, exactly.
            ("3s", Millis, Millis, Ok(3000)),
            ("0.3s", Millis, Millis, Ok(300)),
            ("1.5s", Seconds, Micros, Ok(1_500_000)),
            ("200ms", Seconds, Micros, Ok(200_000)),
            ("2min", Seconds, Seconds, Ok(120)),
            ("5s", Seconds, Seconds, Ok(5)),
            ("1.5", Seconds, Micros, Ok(1_500_000)),
            // Not a whole number of the kernel's unit.
            (
                "1.5s",
                Seconds,
                Seconds,
                Err(TimeError::NotWhole { below: 1, above: 2 }),
            ),
            (
                "500ms",
                Seconds,
                Seconds,
                Err(TimeError::NotWhole { below: 0, above: 1 }),
            ),
            (
                "1.5",
                Seconds,
                Seconds,
                Err(TimeError::NotWhole { below: 1, above: 2 }),
            ),
            (
                "100us",
                Millis,
                Millis,
                Err(TimeError::NotWhole { below: 0, above: 1 }),
            ),
            ("soon", Seconds, Seconds, Err(TimeError::NotADuration)),
            ("-1s", Seconds, Seconds, Err(TimeError::NotADuration)),
            ("5h", Seconds, Seconds, Err(TimeError::NotADuration)),
            ("3000000s", Millis, Millis, Err(TimeError::TooLarge)),
        ];
        for (text, bare, kernel, want) in cases {
            assert_eq!(&kernel_count(text, *bare, *kernel), want, "{text}");
        }
    }

    #[test]
    fn a_fraction_of_the_unit_is_refused_naming_it() {
        let said =
            crate::i18n::in_english(|| not_whole("TCP_KEEPIDLE", "1.5s", Seconds, 1, 2).word());
        assert_eq!(
            said,
            "TCP_KEEPIDLE counts whole seconds: 1.5s is not a whole number of them — 1s or 2s?"
        );
        let one = crate::i18n::in_english(|| not_whole("SO_LINGER", "500ms", Seconds, 0, 1).word());
        assert!(one.ends_with("— 1s?"), "{one}");
    }
}
