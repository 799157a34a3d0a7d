//! Durations as people type them: `50ms`, `1.5s`, `10m`, `200us`.
//!
//! A bare number is seconds where the kernel's own unit is seconds and the
//! place always took one (`#! timeout: 2`, `await … 3`); where a bare
//! number could be misread (`link delay 5`: 5 s or 5 ms?), `with_unit`
//! asks for the unit.
//!
//! Owns: reading durations. Showing them is `lab::path::show_duration`'s.

use std::time::Duration;

/// `off` (none: zero), or a number with an optional unit: `us` (or `µs`),
/// `ms`, `s`, `m` or `min`; bare, seconds. Read exactly, in decimal: `0.3s`
/// is 300 ms, not a nanosecond less (a kernel unit checked against it
/// must not see a fraction that was never typed).
pub fn parse(text: &str) -> Option<Duration> {
    if text == "off" {
        return Some(Duration::ZERO);
    }
    let (number, unit) = split(text);
    let unit_nanos: u128 = match unit {
        "" | "s" | "sec" => 1_000_000_000,
        "ms" => 1_000_000,
        "us" | "µs" => 1_000,
        "m" | "min" => 60_000_000_000,
        _ => return None,
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if (whole.is_empty() && fraction.is_empty()) || fraction.contains('.') || whole.len() > 9 {
        return None;
    }
    let whole: u128 = match whole {
        "" => 0,
        digits => digits.parse().ok()?,
    };
    // Digits past the nanosecond are dropped (at most 30 are read).
    let fraction = &fraction[..fraction.len().min(30)];
    let scale = 10u128.pow(fraction.len() as u32);
    let fraction: u128 = match fraction {
        "" => 0,
        digits => digits.parse().ok()?,
    };
    let nanos = whole * unit_nanos + fraction * unit_nanos / scale;
    let secs = u64::try_from(nanos / 1_000_000_000).ok()?;
    Some(Duration::new(secs, (nanos % 1_000_000_000) as u32))
}

/// As `parse`, but a number other than 0 must say its unit.
pub fn with_unit(text: &str) -> Result<Duration, Unitless> {
    let (number, unit) = split(text);
    if unit.is_empty() && number.parse::<f64>().is_ok_and(|n| n != 0.0) {
        return Err(Unitless);
    }
    parse(text).ok_or(Unitless)
}

/// A number with no unit where one is needed (or no duration at all).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unitless;

/// (the number, its unit).
fn split(text: &str) -> (&str, &str) {
    let at = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    text.split_at(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_written() {
        let ms = Duration::from_millis;
        for (text, want) in [
            ("50ms", Some(ms(50))),
            ("1.5s", Some(ms(1500))),
            ("2", Some(ms(2000))),
            ("10m", Some(ms(600_000))),
            ("1min", Some(ms(60_000))),
            ("250us", Some(Duration::from_micros(250))),
            ("off", Some(Duration::ZERO)),
            ("0", Some(Duration::ZERO)),
            ("5h", None),
            ("-1s", None),
            ("fast", None),
            ("0.3s", Some(ms(300))),
            ("0.1", Some(ms(100))),
            (".5s", Some(ms(500))),
            ("2.", Some(ms(2000))),
            ("1.5ms", Some(Duration::from_micros(1500))),
            ("1.2.3s", None),
            (".", None),
            ("s", None),
            ("999999999", Some(Duration::from_secs(999_999_999))),
            ("1000000000", None),
        ] {
            assert_eq!(parse(text), want, "{text}");
        }
        assert_eq!(with_unit("5"), Err(Unitless));
        assert_eq!(with_unit("0"), Ok(Duration::ZERO));
        assert_eq!(with_unit("5ms"), Ok(ms(5)));
        assert_eq!(with_unit("5x"), Err(Unitless));
    }
}
