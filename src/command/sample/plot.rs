//! `sample … save FILE.svg`: the readings as an SVG plot of the fields the
//! line asked for — one panel per unit (the TCP state, segments, ms, bytes,
//! counts, Mbit/s), stacked and sharing the time axis, each retransmission
//! marked on every panel, each panel's legend to the right of its data,
//! and a title naming the handle, its host in the lab, the connection and
//! its congestion control. Drawn with plotters' SVG backend: no external
//! fonts or scripts. Not the readings themselves (`reading`).

use std::io;
use std::net::SocketAddr;
use std::ops::Range;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::reading::{FIELDS, Reading, Unit};
use crate::names::TcpState;

/// What the title says: the handle, its host (in the lab), its ends and
/// its congestion control (TCP_CONGESTION).
pub struct Title {
    pub handle: String,
    pub host: Option<&'static str>,
    pub local: Option<SocketAddr>,
    pub peer: Option<SocketAddr>,
    pub congestion: Option<String>,
}

impl Title {
    pub fn text(&self) -> String {
        let host = self
            .host
            .map(|h| format!(" on host {h}"))
            .unwrap_or_default();
        let ends = match (self.local, self.peer) {
            (Some(local), Some(peer)) => format!("{local} → {peer}"),
            (Some(local), None) => format!("{local}, not connected"),
            _ => "not connected".to_string(),
        };
        let congestion = self.congestion.as_deref().unwrap_or("unknown");
        format!(
            "{}{host}: {ends} · congestion control {congestion}",
            self.handle
        )
    }
}

const WIDTH: u32 = 960;
const TITLE_HEIGHT: u32 = 50;
/// A panel's height among several, and alone.
const PANEL_HEIGHT: u32 = 220;
const ONE_PANEL_HEIGHT: u32 = 360;
/// Below the last panel: the time axis's name.
const TIME_AXIS_HEIGHT: u32 = 30;
const LEGEND_WIDTH: u32 = 190;
const RETRANSMISSION: RGBColor = RGBColor(214, 39, 40);

/// A colour per field (in `FIELDS`' order), none of them the
/// retransmissions' red.
const COLOURS: [RGBColor; 11] = [
    RGBColor(127, 127, 127),
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(23, 190, 207),
    RGBColor(227, 119, 194),
    RGBColor(57, 59, 121),
    RGBColor(188, 189, 34),
    RGBColor(0, 100, 100),
];

/// One panel: a unit and the fields asked in it, in the line's order.
struct Panel {
    unit: Unit,
    fields: Vec<usize>,
}

/// The fields asked, a panel per unit, in the order each unit is first asked.
fn panels(fields: &[usize]) -> Vec<Panel> {
    let mut panels: Vec<Panel> = Vec::new();
    for &field in fields {
        let unit = FIELDS[field].unit;
        match panels.iter_mut().find(|p| p.unit == unit) {
            Some(panel) => panel.fields.push(field),
            None => panels.push(Panel {
                unit,
                fields: vec![field],
            }),
        }
    }
    panels
}

/// The SVG of `readings`' `fields`.
pub fn plot(readings: &[Reading], fields: &[usize], title: &Title) -> io::Result<String> {
    let panels = panels(fields);
    let panel_height = match panels.len() {
        1 => ONE_PANEL_HEIGHT,
        _ => PANEL_HEIGHT,
    };
    let height = TITLE_HEIGHT + panel_height * panels.len() as u32 + TIME_AXIS_HEIGHT;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(io::Error::other)?;
        let body = root
            .titled(&title.text(), ("sans-serif", 20))
            .map_err(io::Error::other)?;
        let end = readings.last().map_or(1.0, |r| r.t).max(0.001);
        let retransmissions = retransmission_times(readings);
        let breaks: Vec<u32> = (1..=panels.len() as u32)
            .map(|k| k * panel_height)
            .collect();
        let areas = body.split_by_breakpoints::<u32, u32, _, _>([], breaks);
        for (panel, area) in panels.iter().zip(&areas) {
            let (data, legend) = area.split_horizontally(WIDTH - LEGEND_WIDTH);
            draw_panel(&data, panel, readings, end, &retransmissions)?;
            draw_legend(&legend, panel, readings, !retransmissions.is_empty())?;
        }
        if let Some(below) = areas.get(panels.len()) {
            let (axis, _) = below.split_horizontally(WIDTH - LEGEND_WIDTH);
            axis.draw_text(
                "time (s)",
                &centred(16),
                ((WIDTH - LEGEND_WIDTH) as i32 / 2, 10),
            )
            .map_err(io::Error::other)?;
        }
        root.present().map_err(io::Error::other)?;
    }
    // Scales to its container (a slide, a page) as the diagrams do: the
    // viewBox keeps its shape, no fixed pixel size.
    let fixed = format!("<svg width=\"{WIDTH}\" height=\"{height}\" ");
    Ok(svg.replacen(&fixed, "<svg width=\"100%\" ", 1))
}

fn centred(size: u32) -> TextStyle<'static> {
    TextStyle::from(("sans-serif", size).into_font()).pos(Pos::new(HPos::Center, VPos::Center))
}

/// When the count of retransmissions grew.
fn retransmission_times(readings: &[Reading]) -> Vec<f64> {
    readings
        .windows(2)
        .filter(|w| w[1].retrans > w[0].retrans)
        .map(|w| w[1].t)
        .collect()
}

/// The states the readings were in, in the order first seen: the state
/// panel's rows, bottom up.
fn states_seen(readings: &[Reading]) -> Vec<TcpState> {
    let mut seen = Vec::new();
    for reading in readings {
        if !seen.contains(&reading.state) {
            seen.push(reading.state);
        }
    }
    seen
}

/// A field's value in a reading as the panel draws it: a state as its row.
fn value(reading: &Reading, field: usize, states: &[TcpState]) -> Option<f64> {
    match FIELDS[field].unit {
        Unit::State => states
            .iter()
            .position(|&s| s == reading.state)
            .map(|row| row as f64),
        _ => reading.value(field),
    }
}

/// The y range a panel shows: from 0 to above the largest value; a
/// state panel, a row per state seen.
fn y_range(panel: &Panel, readings: &[Reading], states: &[TcpState]) -> Range<f64> {
    if panel.unit == Unit::State {
        return -0.5..(states.len() as f64 - 0.5);
    }
    let top = readings
        .iter()
        .flat_map(|r| panel.fields.iter().filter_map(|&f| r.value(f)))
        .fold(0.0, f64::max);
    let floor = if panel.unit == Unit::Segments {
        10.0
    } else {
        1.0
    };
    0.0..top.max(floor) * 1.1
}

/// A y axis label: a state's name, or a number short enough to read.
fn y_label(unit: Unit, y: f64, states: &[TcpState]) -> String {
    if unit == Unit::State {
        return match y.fract() == 0.0 && y >= 0.0 {
            true => states
                .get(y as usize)
                .map_or(String::new(), |s| s.name().to_string()),
            false => String::new(),
        };
    }
    match y.abs() {
        a if a >= 1e6 => format!("{:.1}M", y / 1e6),
        a if a >= 1e4 => format!("{:.0}k", y / 1e3),
        a if a >= 10.0 || y.fract() == 0.0 => format!("{y:.0}"),
        _ => format!("{y:.1}"),
    }
}

fn draw_panel(
    area: &DrawingArea<SVGBackend, Shift>,
    panel: &Panel,
    readings: &[Reading],
    end: f64,
    retransmissions: &[f64],
) -> io::Result<()> {
    let states = states_seen(readings);
    let range = y_range(panel, readings, &states);
    let top = range.end;
    let mut chart = ChartBuilder::on(area)
        .margin_top(10)
        .margin_right(10)
        .x_label_area_size(30)
        .y_label_area_size(100)
        .build_cartesian_2d(0.0..end, range)
        .map_err(io::Error::other)?;
    let unit = panel.unit;
    let label = |y: &f64| y_label(unit, *y, &states);
    let mut mesh = chart.configure_mesh();
    mesh.y_desc(unit.axis())
        .y_label_formatter(&label)
        .label_style(("sans-serif", 14));
    if unit == Unit::State {
        // A label and a line per state, no lines between.
        mesh.y_labels(states.len()).y_max_light_lines(0);
    }
    mesh.draw().map_err(io::Error::other)?;
    for &field in &panel.fields {
        let points: Vec<(f64, f64)> = readings
            .iter()
            .filter_map(|r| value(r, field, &states).map(|v| (r.t, v)))
            .collect();
        if points.is_empty() {
            continue;
        }
        chart
            .draw_series(LineSeries::new(points, COLOURS[field].stroke_width(2)))
            .map_err(io::Error::other)?;
    }
    // Each retransmission on the panel's first line where it has a value
    // then, else near the panel's top.
    let marks = retransmissions.iter().map(|&t| {
        let on = readings
            .iter()
            .find(|r| r.t == t)
            .and_then(|r| panel.fields.iter().find_map(|&f| value(r, f, &states)));
        Cross::new(
            (t, on.unwrap_or(top * 0.95)),
            6,
            RETRANSMISSION.stroke_width(2),
        )
    });
    chart.draw_series(marks).map_err(io::Error::other)?;
    Ok(())
}

/// The panel's legend, beside its data: a line of each field's colour and
/// its name, then the retransmissions' cross where there were any.
fn draw_legend(
    area: &DrawingArea<SVGBackend, Shift>,
    panel: &Panel,
    readings: &[Reading],
    retransmitted: bool,
) -> io::Result<()> {
    let style =
        TextStyle::from(("sans-serif", 15).into_font()).pos(Pos::new(HPos::Left, VPos::Center));
    let row = |k: usize| 24 + 24 * k as i32;
    for (k, &field) in panel.fields.iter().enumerate() {
        let y = row(k);
        area.draw(&PathElement::new(
            vec![(10, y), (36, y)],
            COLOURS[field].stroke_width(3),
        ))
        .map_err(io::Error::other)?;
        let name = FIELDS[field].name;
        let unset = readings.iter().all(|r| r.value(field).is_none());
        let label = match unset {
            true => format!("{name} (no limit yet)"),
            false => name.to_string(),
        };
        area.draw_text(&label, &style, (44, y))
            .map_err(io::Error::other)?;
    }
    if retransmitted {
        let y = row(panel.fields.len());
        area.draw(&Cross::new((23, y), 6, RETRANSMISSION.stroke_width(2)))
            .map_err(io::Error::other)?;
        area.draw_text("retransmission", &style, (44, y))
            .map_err(io::Error::other)?;
    }
    Ok(())
}
