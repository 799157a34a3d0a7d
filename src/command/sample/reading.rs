//! One TCP_INFO reading and the fields `sample` can show of it: each
//! field's name, table heading, unit and value, and a reading as a table
//! row, a JSON object and a CSV row. Not the schedule (`sample`'s own
//! module) nor the plot (`plot`).

use serde_json::{Value, json};

use crate::names::TcpState;

/// What a field is measured in: one panel of the plot per unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    State,
    Segments,
    Milliseconds,
    Bytes,
    Count,
    Rate,
}

impl Unit {
    /// The y axis of the plot's panel for this unit.
    pub fn axis(self) -> &'static str {
        match self {
            Unit::State => "TCP state",
            Unit::Segments => "segments",
            Unit::Milliseconds => "time (ms)",
            Unit::Bytes => "bytes",
            Unit::Count => "count",
            Unit::Rate => "rate (Mbit/s)",
        }
    }
}

/// A field `sample` reads: its name on the line, its table heading, its
/// unit, and whether a line naming no field shows it.
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub heading: &'static str,
    pub unit: Unit,
    pub default: bool,
}

const fn field(name: &'static str, heading: &'static str, unit: Unit, default: bool) -> Field {
    Field {
        name,
        heading,
        unit,
        default,
    }
}

/// Every field, in the table's order.
pub const FIELDS: [Field; 11] = [
    field("state", "state", Unit::State, true),
    field("cwnd", "cwnd", Unit::Segments, true),
    field("ssthresh", "ssthresh", Unit::Segments, true),
    field("rtt", "rtt(ms)", Unit::Milliseconds, true),
    field("rttvar", "rttvar", Unit::Milliseconds, true),
    field("rto", "rto(ms)", Unit::Milliseconds, true),
    field("inflight", "inflight", Unit::Bytes, true),
    field("retrans", "retrans", Unit::Count, true),
    field("rate", "Mbit/s", Unit::Rate, true),
    field("unacked", "unacked", Unit::Segments, false),
    field("pacing", "pacing", Unit::Rate, false),
];

/// One reading.
#[derive(Clone, Debug)]
pub struct Reading {
    pub t: f64,
    pub state: TcpState,
    pub cwnd: u32,
    /// None while it is "infinite" (slow start with no limit yet).
    pub ssthresh: Option<u32>,
    pub rtt_ms: f64,
    pub rttvar_ms: f64,
    pub rto_ms: f64,
    pub inflight: u64,
    pub retrans: u32,
    pub rate_mbps: f64,
    pub unacked: u32,
    pub pacing_mbps: f64,
}

/// Bytes a second as Mbit/s.
fn mbps(bytes_per_second: u64) -> f64 {
    bytes_per_second as f64 * 8.0 / 1e6
}

impl Reading {
    pub fn of(t: f64, info: &libc::tcp_info) -> Reading {
        // tcp_packets_in_flight: sent, less those SACKed or marked lost,
        // plus those retransmitted.
        let segments =
            (i64::from(info.tcpi_unacked) - i64::from(info.tcpi_sacked) - i64::from(info.tcpi_lost)
                + i64::from(info.tcpi_retrans))
            .max(0) as u64;
        Reading {
            t,
            state: TcpState(info.tcpi_state),
            cwnd: info.tcpi_snd_cwnd,
            ssthresh: (info.tcpi_snd_ssthresh < 0x7fff_ffff).then_some(info.tcpi_snd_ssthresh),
            rtt_ms: f64::from(info.tcpi_rtt) / 1e3,
            rttvar_ms: f64::from(info.tcpi_rttvar) / 1e3,
            rto_ms: f64::from(info.tcpi_rto) / 1e3,
            inflight: segments * u64::from(info.tcpi_snd_mss),
            retrans: info.tcpi_total_retrans,
            rate_mbps: mbps(info.tcpi_delivery_rate),
            unacked: info.tcpi_unacked,
            // All ones: no pacing rate set.
            pacing_mbps: match info.tcpi_pacing_rate {
                u64::MAX => 0.0,
                rate => mbps(rate),
            },
        }
    }

    /// A field's value on the plot's scale (the state as its number);
    /// None where it has none (ssthresh while unlimited).
    pub fn value(&self, field: usize) -> Option<f64> {
        Some(match FIELDS[field].name {
            "state" => f64::from(self.state.0),
            "cwnd" => f64::from(self.cwnd),
            "ssthresh" => return self.ssthresh.map(f64::from),
            "rtt" => self.rtt_ms,
            "rttvar" => self.rttvar_ms,
            "rto" => self.rto_ms,
            "inflight" => self.inflight as f64,
            "retrans" => f64::from(self.retrans),
            "unacked" => f64::from(self.unacked),
            "pacing" => self.pacing_mbps,
            _ => self.rate_mbps,
        })
    }

    pub fn cell(&self, field: usize) -> String {
        match FIELDS[field].name {
            "state" => self.state.name().to_string(),
            "cwnd" => self.cwnd.to_string(),
            "ssthresh" => self.ssthresh.map_or("-".into(), |s| s.to_string()),
            "rtt" => format!("{:.1}", self.rtt_ms),
            "rttvar" => format!("{:.1}", self.rttvar_ms),
            "rto" => format!("{:.0}", self.rto_ms),
            "inflight" => self.inflight.to_string(),
            "retrans" => self.retrans.to_string(),
            "unacked" => self.unacked.to_string(),
            "pacing" => format!("{:.2}", self.pacing_mbps),
            _ => format!("{:.2}", self.rate_mbps),
        }
    }

    pub fn json(&self) -> Value {
        json!({
            "t": self.t,
            "state": self.state.name(),
            "cwnd": self.cwnd,
            "ssthresh": self.ssthresh,
            "rtt_ms": self.rtt_ms,
            "rttvar_ms": self.rttvar_ms,
            "rto_ms": self.rto_ms,
            "inflight_bytes": self.inflight,
            "retrans": self.retrans,
            "delivery_mbps": self.rate_mbps,
            "unacked": self.unacked,
            "pacing_mbps": self.pacing_mbps,
        })
    }
}

/// A row: the time, then each field's cell — the state left-aligned in
/// the width of the longest state's name, the figures right-aligned.
pub fn table_row(time: String, cells: impl Iterator<Item = (usize, String)>) -> String {
    let mut line = format!("{time:>8}");
    for (field, cell) in cells {
        if FIELDS[field].unit == Unit::State {
            line.push_str(&format!("  {cell:<11}"));
        } else {
            line.push_str(&format!("  {cell:>8}"));
        }
    }
    line.trim_end().to_string()
}

/// Every reading, every field, as CSV.
pub fn csv(readings: &[Reading]) -> String {
    let mut text = String::from(
        "t,state,cwnd,ssthresh,rtt_ms,rttvar_ms,rto_ms,inflight_bytes,retrans,delivery_mbps,unacked,pacing_mbps\n",
    );
    for r in readings {
        text.push_str(&format!(
            "{:.6},{},{},{},{:.3},{:.3},{:.3},{},{},{:.3},{},{:.3}\n",
            r.t,
            r.state.name(),
            r.cwnd,
            r.ssthresh.map_or(String::new(), |s| s.to_string()),
            r.rtt_ms,
            r.rttvar_ms,
            r.rto_ms,
            r.inflight,
            r.retrans,
            r.rate_mbps,
            r.unacked,
            r.pacing_mbps
        ));
    }
    text
}
