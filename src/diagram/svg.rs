//! The ladder as a self-contained SVG that scales (a viewBox, no pixel
//! width: a slide, a page, a window): every text escaped for XML and
//! placed where it overlaps no other text and no mark (see `Layout`).
//! The HTML handout around it is `html`.

use super::measure::{Font, columns, wrap_words};
use super::{Arrow, Event, Windows, ends, events, fit, short_state, state_name};
use crate::i18n::Lang;
use crate::transcript_format::Transcript;

/// Text made safe for XML character data and attributes.
pub(super) fn xml_text(text: &str) -> String {
    escaped(text, true)
}

/// Text made safe for XML character data, quotes left as they are (the
/// picture's own words: `lost on the lab's link`).
pub(super) fn xml_chars(text: &str) -> String {
    escaped(text, false)
}

fn escaped(text: &str, quotes: bool) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quotes => out.push_str("&quot;"),
            '\'' if quotes => out.push_str("&apos;"),
            c if crate::safe_text::is_unsafe_in_text(c) => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The document's language, as an attribute of its root (` lang="ru"`):
/// none in English, whose pictures are as they always were.
pub(super) fn lang_attribute() -> String {
    match crate::i18n::current() {
        Lang::En => String::new(),
        lang => format!(" lang=\"{}\"", lang.tag()),
    }
}

/// The font families a picture asks for: monospace for the calls and
/// labels, sans-serif for titles — and in Chinese, after them, fonts that
/// have its characters (Linux's, Windows', macOS'), so a slide shows them
/// wherever it is opened.
pub(super) struct Fonts {
    pub mono: &'static str,
    pub sans: &'static str,
}

pub(super) fn fonts() -> Fonts {
    match crate::i18n::current() {
        Lang::Zh => Fonts {
            mono: "monospace, \"Noto Sans Mono CJK SC\", \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Microsoft YaHei\", \"PingFang SC\", sans-serif",
            sans: "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Microsoft YaHei\", \"PingFang SC\", sans-serif",
        },
        Lang::En | Lang::Ru => Fonts {
            mono: "monospace",
            sans: "sans-serif",
        },
    }
}

/// The picture's geometry (px of its viewBox), sized so that labels stay
/// readable when a slide of 1280×720 shows it whole. Every event has a band
/// of its own, one under the other, each tall enough for its texts and
/// marks: nothing in one band reaches into the next.
const MARGIN: usize = 12;
const COLUMN: usize = 280;
/// The calls' margin: as wide as the longest call, within these bounds.
const CALLS_LEAST: usize = 160;
const CALLS_MOST: usize = 300;
/// The height of a line of a label (14 px text).
const LABEL_LINE: usize = 20;
/// Half the size of a lost segment's cross.
const CROSS: usize = 5;

const TITLE: Font = Font::sans_bold(20);
const END: Font = Font::mono(18);
const CALL: Font = Font::mono(15);
const LABEL: Font = Font::mono(14);
const STATE: Font = Font::mono(14);
const GAP: Font = Font::mono(13);

/// Whether the picture writes its own title: a slide does, a handout's
/// page has it above.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Titled {
    Yes,
    /// No title, and each call numbered as the handout's notes are.
    Numbered,
}

/// The transcript as a self-contained SVG (see `svg_of`).
pub fn svg(transcript: &Transcript, title: &str) -> String {
    svg_of(&events(transcript), title)
}

/// The events as a self-contained SVG (no fonts, scripts or links from
/// elsewhere): the calls down the left margin, a line per end, an arrow
/// per segment with its flags and numbers and its roles' tags, the states
/// each end enters in a box beside its line, a lost segment in red ending
/// in a cross, a held one dashed to the link's bar, a retransmission in
/// purple, a zero window's label in bold red, and a legend for the marks
/// it used.
pub fn svg_of(events: &[Event], title: &str) -> String {
    draw(events, title, Titled::Yes)
}

pub(super) fn draw(events: &[Event], title: &str, titled: Titled) -> String {
    let mut layout = Layout::new(ends(events), events);
    let mut windows = Windows::default();
    let mut body = String::new();
    let title_lines = match titled {
        Titled::Yes => wrap_words(title, TITLE.room(layout.inner()), 2),
        Titled::Numbered => Vec::new(),
    };
    let mut y = layout.head_height(title_lines.len());
    let mut step = 0;
    for event in events {
        let (drawn, height) = match event {
            Event::Narration(_) => continue,
            Event::Gap(gap) => layout.gap(y, &gap.label()),
            Event::Call { text, .. } => {
                step += 1;
                let number = (titled == Titled::Numbered).then_some(step);
                layout.call(y, text, number)
            }
            Event::Segment { .. } => {
                let Some(arrow) = event.arrow(&layout.ends, &mut windows) else {
                    continue;
                };
                if arrow.from == arrow.to {
                    continue;
                }
                layout.arrow(y, arrow)
            }
            Event::State { end, state } => match layout.state(y, end, state) {
                Some(drawn) => drawn,
                None => continue,
            },
        };
        body.push_str(&drawn);
        y += height;
    }
    let (legend, legend_height) = layout.legend(y + 10);
    let height = y + 10 + legend_height + MARGIN;
    let head = layout.head(height, title, &title_lines, titled);
    format!("{head}{body}{legend}</svg>\n")
}

/// The marks a picture uses beyond the usual ones, whose style and legend
/// it then carries.
#[derive(Clone, Copy, Default)]
struct Marks {
    lost: bool,
    held: bool,
    retransmission: bool,
    zero_window: bool,
}

impl Marks {
    fn style(self) -> String {
        let mut style = String::new();
        if self.held {
            style.push_str(
                "line.held { stroke: #b07d00; stroke-width: 2; stroke-dasharray: 6 4; }\n\
                 line.hold { stroke: #b07d00; stroke-width: 5; }\n",
            );
        }
        if self.retransmission {
            style.push_str("line.retx { stroke: #7b2fa8; stroke-width: 3; }\n");
        }
        if self.zero_window {
            style.push_str("text.zero-window { fill: #c00; font-weight: bold; }\n");
        }
        style
    }
}

/// The picture's columns: the calls' margin, then a column per end; and
/// which marks it has drawn so far.
struct Layout {
    ends: Vec<String>,
    calls: usize,
    width: usize,
    marks: Marks,
}

impl Layout {
    fn new(ends: Vec<String>, events: &[Event]) -> Layout {
        let longest = events
            .iter()
            .filter_map(|e| match e {
                Event::Call { text, .. } => Some(CALL.width(columns(text) + 4)),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        let calls = (longest + MARGIN).clamp(CALLS_LEAST, CALLS_MOST);
        let width = calls + COLUMN * ends.len().max(1) + MARGIN;
        Layout {
            ends,
            calls,
            width,
            marks: Marks::default(),
        }
    }

    /// The width inside the margins.
    fn inner(&self) -> usize {
        self.width - 2 * MARGIN
    }

    /// Where end `k`'s line is.
    fn x(&self, k: usize) -> usize {
        self.calls + COLUMN * k + COLUMN / 2
    }

    /// Where the ends' names go: under the title's lines.
    fn names_y(&self, title_lines: usize) -> usize {
        MARGIN + title_lines * 28 + 8 + END.size
    }

    /// The height above the first event.
    fn head_height(&self, title_lines: usize) -> usize {
        self.names_y(title_lines) + 16
    }

    /// The text's x for a line `chars` long centred on `x`, moved to stay
    /// inside the picture.
    fn centred(&self, x: usize, width: usize) -> usize {
        let half = width.div_ceil(2);
        x.clamp(
            MARGIN + half,
            (self.width - MARGIN - half).max(MARGIN + half),
        )
    }

    /// A dashed band across the lines: time passed here.
    fn gap(&self, y: usize, label: &str) -> (String, usize) {
        let text = fit(label, GAP.room(self.inner()), false);
        let drawn = format!(
            "<text class=\"gap\" x=\"{MARGIN}\" y=\"{}\">{}</text>\n\
             <line class=\"gap\" x1=\"{MARGIN}\" y1=\"{}\" x2=\"{}\" y2=\"{2}\"/>\n",
            y + 15,
            xml_text(&text),
            y + 22,
            self.width - MARGIN,
        );
        (drawn, 28)
    }

    /// A call in the left margin (running on over the lines if long: the
    /// band is its own), numbered if `number`.
    fn call(&self, y: usize, text: &str, number: Option<usize>) -> (String, usize) {
        let text = match number {
            Some(k) => format!("{k}. {text}"),
            None => text.to_string(),
        };
        let text = fit(&text, CALL.room(self.inner()), false);
        let drawn = format!(
            "<text class=\"call\" x=\"{MARGIN}\" y=\"{}\">{}</text>\n",
            y + 18,
            xml_text(&text)
        );
        (drawn, 26)
    }

    /// One arrow, its label over it in one line or two (see `label_lines`),
    /// the arrow under the label: a lost one drawn two thirds of the way
    /// and ending in a cross, a held one dashed to the link's bar half way,
    /// a retransmission in its own colour.
    fn arrow(&mut self, y: usize, arrow: Arrow) -> (String, usize) {
        let (x1, x2) = (self.x(arrow.from), self.x(arrow.to));
        let lines = self.label_lines(&arrow, x1.abs_diff(x2));
        let class = match arrow.zero_window {
            true => "label zero-window",
            false => "label",
        };
        let mut out = String::new();
        for (i, line) in lines.iter().enumerate() {
            let x = self.centred((x1 + x2) / 2, LABEL.width(columns(line)));
            out.push_str(&format!(
                "<text class=\"{class}\" x=\"{x}\" y=\"{}\">{}</text>\n",
                y + 14 + LABEL_LINE * i,
                xml_text(line)
            ));
        }
        let at = y + 14 + LABEL_LINE * (lines.len() - 1) + 13;
        out.push_str(&self.line(at, &arrow, (x1, x2)));
        (out, at + 8 - y)
    }

    /// The arrow's line at height `y`, and the marks it ends in.
    fn line(&mut self, y: usize, arrow: &Arrow, (x1, x2): (usize, usize)) -> String {
        let retx = match arrow.retransmission {
            true => " retx",
            false => "",
        };
        self.marks.retransmission |= arrow.retransmission;
        if arrow.held && !arrow.lost {
            // Held on the link, half way: it crosses when delivered.
            self.marks.held = true;
            let mid = (x1 + x2) / 2;
            format!(
                "<line class=\"held{retx}\" x1=\"{x1}\" y1=\"{y}\" x2=\"{mid}\" y2=\"{y}\"/>\n\
                 <line class=\"hold\" x1=\"{mid}\" y1=\"{}\" x2=\"{mid}\" y2=\"{}\"/>\n",
                y - 6,
                y + 6
            )
        } else if arrow.lost {
            self.marks.lost = true;
            let end = (x1 as f64 + (x2 as f64 - x1 as f64) * 0.66) as usize;
            format!(
                "<line class=\"segment lost{retx}\" x1=\"{x1}\" y1=\"{y}\" x2=\"{end}\" y2=\"{y}\"/>\n{}",
                cross(end, y)
            )
        } else {
            let head = match arrow.retransmission {
                true => "head-retx",
                false => "head",
            };
            format!(
                "<line class=\"segment{retx}\" x1=\"{x1}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\" marker-end=\"url(#{head})\"/>\n"
            )
        }
    }

    /// The label's lines: one over its arrow where it fits between the
    /// arrow's ends; else without a clipped preview of its data
    /// (`"xxxx"...`: `len=1448` stays); else its tags and fate on a second
    /// line. A line wider than the picture gives up the data's bytes, and
    /// only then is cut, with one ellipsis.
    fn label_lines(&mut self, arrow: &Arrow, span: usize) -> Vec<String> {
        self.marks.zero_window |= arrow.zero_window;
        let fits = |text: &str| LABEL.width(columns(text)) + 16 <= span;
        let label = match arrow.label.ends_with("\"...") && !fits(&arrow.text()) {
            true => without_bytes(&arrow.label),
            false => arrow.label.clone(),
        };
        let one = match arrow.notes.is_empty() {
            true => label.clone(),
            false => format!("{label} {}", arrow.notes),
        };
        let lines = match arrow.notes.is_empty() || fits(&one) {
            true => vec![one],
            false => vec![label, arrow.notes.clone()],
        };
        let room = LABEL.room(self.inner());
        lines
            .into_iter()
            .map(|line| match columns(&line) <= room {
                true => line,
                false => fit(&without_bytes(&line), room, false),
            })
            .collect()
    }

    /// An end's new state in a box beside its line (its short name where
    /// the whole one would leave the picture, never cut); None for an end
    /// with no line.
    fn state(&self, y: usize, end: &str, state: &str) -> Option<(String, usize)> {
        let k = self.ends.iter().position(|e| e == end)?;
        let x = self.x(k) + 6;
        let room = STATE.room((self.width - MARGIN).saturating_sub(x + 16));
        let text =
            state_name(state, room).unwrap_or_else(|| fit(short_state(state), room.max(1), false));
        let w = 16 + STATE.width(columns(&text));
        let drawn = format!(
            "<rect class=\"state\" x=\"{x}\" y=\"{}\" width=\"{w}\" height=\"22\" rx=\"4\"/>\n\
             <text class=\"state\" x=\"{}\" y=\"{}\">{}</text>\n",
            y + 3,
            x + 8,
            y + 19,
            xml_text(&text)
        );
        Some((drawn, 28))
    }

    /// The legend of the marks beyond a plain arrow that the picture used,
    /// a line each, from height `y`; and its height.
    fn legend(&self, y: usize) -> (String, usize) {
        let marks = self.marks;
        let entries = [
            (
                marks.retransmission,
                "sample retx",
                crate::t!("diagram-legend-retransmission"),
            ),
            (marks.lost, "sample lost", crate::t!("diagram-legend-lost")),
            (marks.held, "sample held", crate::t!("diagram-legend-held")),
        ];
        let mut out = String::new();
        let mut at = y;
        for (_, sample, words) in entries.iter().filter(|(used, ..)| *used) {
            out.push_str(&format!(
                "<line class=\"{sample}\" x1=\"{MARGIN}\" y1=\"{}\" x2=\"{}\" y2=\"{0}\"/>\n\
                 <text class=\"legend\" x=\"{}\" y=\"{}\">{}</text>\n",
                at + 11,
                MARGIN + 40,
                MARGIN + 50,
                at + 16,
                xml_text(words)
            ));
            at += 22;
        }
        if marks.zero_window {
            out.push_str(&format!(
                "<text class=\"legend zero-window\" x=\"{MARGIN}\" y=\"{}\">{}</text>\n",
                at + 16,
                xml_text(&crate::t!("diagram-legend-zero-window"))
            ));
            at += 22;
        }
        (out, at - y)
    }

    /// The picture's opening: its viewBox, title and style, and each end's
    /// name over its line, the line down to `height`.
    fn head(&self, height: usize, title: &str, lines: &[String], titled: Titled) -> String {
        let width = self.width;
        let label = LABEL.size;
        let lang = lang_attribute();
        let Fonts { mono, sans } = fonts();
        let mut head = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\"{lang} viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\">\n\
             {}<style>\n\
             text {{ font-family: {mono}; font-size: 15px; fill: #222; }}\n\
             text.title {{ font-family: {sans}; font-size: {}px; font-weight: bold; }}\n\
             text.end {{ font-size: {}px; font-weight: bold; text-anchor: middle; }}\n\
             text.call {{ fill: #444; paint-order: stroke; stroke: white; stroke-width: 4px; }}\n\
             text.label {{ font-size: {label}px; text-anchor: middle; paint-order: stroke; stroke: white; stroke-width: 4px; }}\n\
             path.cross {{ stroke: #c00; stroke-width: 3; fill: none; }}\n\
             line.life {{ stroke: #999; stroke-width: 2; }}\n\
             line.segment, line.sample {{ stroke: #1f5fa8; stroke-width: 2; }}\n\
             line.lost {{ stroke: #c00; stroke-dasharray: 6 4; }}\n\
             rect.state {{ fill: #fff3cd; stroke: #d4a000; }}\n\
             line.gap {{ stroke: #bbb; stroke-width: 1; stroke-dasharray: 2 6; }}\n\
             text.gap {{ font-size: {}px; font-style: italic; fill: #777; }}\n\
             text.state {{ font-size: {}px; fill: #5a4500; }}\n\
             text.legend {{ font-size: 13px; fill: #444; }}\n\
             {}</style>\n\
             <defs><marker id=\"head\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#1f5fa8\"/></marker>{}</defs>\n\
             <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
            match titled {
                Titled::Yes => format!("<title>{}</title>\n", xml_text(title)),
                Titled::Numbered => String::new(),
            },
            TITLE.size,
            END.size,
            GAP.size,
            STATE.size,
            self.marks.style(),
            match self.marks.retransmission {
                true =>
                    "<marker id=\"head-retx\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#7b2fa8\"/></marker>",
                false => "",
            },
        );
        for (i, line) in lines.iter().enumerate() {
            head.push_str(&format!(
                "<text class=\"title\" x=\"{MARGIN}\" y=\"{}\">{}</text>\n",
                MARGIN + 20 + 28 * i,
                xml_text(line)
            ));
        }
        let names_y = self.names_y(lines.len());
        for (k, end) in self.ends.iter().enumerate() {
            let name = fit(end, END.room(COLUMN - 16), false);
            head.push_str(&format!(
                "<text class=\"end\" x=\"{}\" y=\"{names_y}\">{}</text>\n\
                 <line class=\"life\" x1=\"{0}\" y1=\"{}\" x2=\"{0}\" y2=\"{}\"/>\n",
                self.x(k),
                xml_text(&name),
                names_y + 8,
                height - MARGIN
            ));
        }
        head
    }
}

/// A lost segment's cross, centred on the end of its line.
fn cross(x: usize, y: usize) -> String {
    let (a, b) = (x - CROSS, x + CROSS);
    let (top, bottom) = (y - CROSS, y + CROSS);
    format!("<path class=\"cross\" d=\"M{a},{top} L{b},{bottom} M{a},{bottom} L{b},{top}\"/>\n")
}

/// A label without its data's bytes: `len=1448 "xxxx"...` → `len=1448`,
/// what follows them kept.
fn without_bytes(line: &str) -> String {
    let Some(at) = line.find(" len=") else {
        return line.to_string();
    };
    let rest = &line[at + 1..];
    let length = rest.split(' ').next().unwrap_or(rest);
    let data = &rest[length.len()..];
    let Some(quoted) = data.strip_prefix(" \"") else {
        return line.to_string();
    };
    // The closing quote: the first not escaped by a backslash.
    let mut escaped = false;
    let close = quoted.char_indices().find(|&(_, c)| {
        let end = c == '"' && !escaped;
        escaped = c == '\\' && !escaped;
        end
    });
    let after = match close {
        Some((k, _)) => quoted[k + 1..].trim_start_matches("..."),
        None => "",
    };
    format!("{}{length}{after}", &line[..=at])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_gives_up_its_bytes_and_keeps_what_follows() {
        for (line, short) in [
            (
                "ACK seq=1 len=1448 \"xx (y) [z]\"... [win full] (held #5)",
                "ACK seq=1 len=1448 [win full] (held #5)",
            ),
            ("UDP len=3 \"a\\\"b\"", "UDP len=3"),
            ("SYN seq=0", "SYN seq=0"),
            ("UDP frag 2/3 len=1480", "UDP frag 2/3 len=1480"),
        ] {
            assert_eq!(without_bytes(line), short);
        }
    }
}
