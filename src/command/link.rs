//! The lab's link by hand: `link [hold|pass [DIR]]`, `deliver [N|all]
//! [SELECTOR] [copies]`, `deliver #K [copies]`, `drop [N|all] [SELECTOR]`,
//! `drop #K`, and `drop|dup|corrupt next [DIR]`; and as a path:
//! `link delay|loss|dup|corrupt|reorder|rate|queue … [DIR]`, `link seed N`,
//! `link clear [DIR]` (see `crate::lab::path`).

use std::time::Duration;

use serde_json::json;

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::error::{Text, UsageError};
use crate::lab::held::{HeldFrame, Selector};
use crate::lab::path::{self, Props};
use crate::lab::{Dir, Next};
use crate::parse::{Cursor, Token, noun};
use crate::session::Session;
use crate::step::Line;
use crate::step::Step;

pub const LINK: Spec = Spec {
    name: "link",
    usage: "link [hold|pass|delay D [jitter D]|loss P|dup P|corrupt P|reorder P|rate R [queue N]|queue N|clear [a->b|b->a]] | link seed N",
    syscall: "",
    errnos: &[],
    args: &[Arg::Words(&MODES)],
    creates: 0,
    group: Group::Lab,
    background: false,
    parse: |c| boxed(Link::parse(c)),
};

pub const DELIVER: Spec = Spec {
    name: "deliver",
    usage: "deliver [N|all] [SELECTOR] [copies] | deliver #K [copies]",
    syscall: "",
    errnos: &[],
    args: &[Arg::Words(PICKS)],
    creates: 0,
    group: Group::Lab,
    background: false,
    parse: |c| boxed(ReleaseLine::parse("deliver", c)),
};

pub const DROP: Spec = Spec {
    name: "drop",
    usage: "drop [N|all] [SELECTOR] | drop #K | drop next [a->b|b->a]",
    syscall: "",
    errnos: &[],
    args: &[Arg::Words(PICKS)],
    creates: 0,
    group: Group::Lab,
    background: false,
    parse: |c| boxed(ReleaseLine::parse("drop", c)),
};

pub const DUP: Spec = Spec {
    name: "dup",
    usage: "dup next [a->b|b->a]",
    syscall: "",
    errnos: &[],
    args: &[Arg::Words(PICKS)],
    creates: 0,
    group: Group::Lab,
    background: false,
    parse: |c| boxed(ReleaseLine::parse("dup", c)),
};

pub const CORRUPT: Spec = Spec {
    name: "corrupt",
    usage: "corrupt next [a->b|b->a]",
    syscall: "",
    errnos: &[],
    args: &[Arg::Words(PICKS)],
    creates: 0,
    group: Group::Lab,
    background: false,
    parse: |c| boxed(ReleaseLine::parse("corrupt", c)),
};

/// `a->b` or `b->a`.
fn direction(cursor: &Cursor, token: &Token<'_>) -> Result<Dir, UsageError> {
    match token.text {
        "a->b" => Ok(Dir::AtoB),
        "b->a" => Ok(Dir::BtoA),
        other => Err(cursor.error_at(
            token,
            crate::worded!("error-link-not-a-direction", word = other),
        )),
    }
}

fn optional_direction(cursor: &mut Cursor) -> Result<Option<Dir>, UsageError> {
    match cursor.peek() {
        Some(_) => {
            let token = cursor.word("DIRECTION")?;
            direction(cursor, token).map(Some)
        }
        None => Ok(None),
    }
}

#[derive(Debug, Clone)]
pub enum Link {
    Show,
    Set { hold: bool, dir: Option<Dir> },
    Property { change: Change, dir: Option<Dir> },
    Seed(u64),
    Clear(Option<Dir>),
}

/// One property of the path, as typed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Change {
    Delay(Duration, Option<Duration>),
    Loss(f64),
    Dup(f64),
    Corrupt(f64),
    Reorder(f64),
    Rate(Option<u64>),
    Queue(usize),
    RateQueue(Option<u64>, usize),
}

impl Change {
    fn apply(self, props: &mut Props) {
        match self {
            Change::Delay(delay, jitter) => {
                props.delay = delay;
                props.jitter = jitter.unwrap_or(Duration::ZERO);
            }
            Change::Loss(p) => props.loss = p,
            Change::Dup(p) => props.dup = p,
            Change::Corrupt(p) => props.corrupt = p,
            Change::Reorder(p) => props.reorder = p,
            Change::Rate(rate) => props.rate = rate,
            Change::Queue(n) => props.queue = n,
            Change::RateQueue(rate, n) => {
                props.rate = rate;
                props.queue = n;
            }
        }
    }
}

/// The words a held entry is picked by, for completion (a count and #K
/// too; `parse_pick` reads them).
const PICKS: &[&str] = &[
    "all", "next", "a->b", "b->a", "SYN", "FIN", "RST", "ACK", "data", "copies",
];

const MODES: [&str; 11] = [
    "hold", "pass", "delay", "loss", "dup", "corrupt", "reorder", "rate", "queue", "seed", "clear",
];

/// The longest delay or jitter the link takes.
const MAX_DELAY: Duration = Duration::from_secs(60);

fn delay_value(cursor: &mut Cursor, what: &str) -> Result<Duration, UsageError> {
    let token = cursor.word(what)?;
    match crate::duration::with_unit(token.text) {
        Ok(d) if d <= MAX_DELAY => Ok(d),
        _ if token.text.parse::<f64>().is_ok() => Err(cursor.error_at(
            token,
            crate::worded!(
                "error-link-delay-no-unit",
                word = token.text,
                what = noun(what)
            ),
        )),
        _ => Err(cursor.error_at(
            token,
            crate::worded!(
                "error-link-not-a-delay",
                word = crate::safe_text::escape(token.text).to_string(),
                what = noun(what)
            ),
        )),
    }
}

fn percent_value(cursor: &mut Cursor, what: &str) -> Result<f64, UsageError> {
    let token = cursor.word(what)?;
    let number = token.text.strip_suffix('%');
    match number.unwrap_or(token.text).parse::<f64>() {
        // A bare number could be read as a fraction or a percentage.
        Ok(p) if number.is_none() && p != 0.0 => Err(cursor.error_at(
            token,
            crate::worded!(
                "error-link-percent-no-unit",
                word = token.text,
                what = noun(what)
            ),
        )),
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p / 100.0),
        _ => Err(cursor.error_at(
            token,
            crate::worded!(
                "error-link-not-a-percent",
                word = token.text,
                what = noun(what)
            ),
        )),
    }
}

fn queue_value(cursor: &mut Cursor) -> Result<usize, UsageError> {
    let token = cursor.word("queue length")?;
    match token.text.parse::<usize>() {
        Ok(n) if (1..=100_000).contains(&n) => Ok(n),
        _ => Err(cursor.error_at(
            token,
            crate::worded!("error-link-not-a-queue-length", word = token.text),
        )),
    }
}

/// The slowest and fastest rate the link takes (bits per second).
const RATES: (u64, u64) = (1_000, 10_000_000_000);

fn rate_value(cursor: &mut Cursor) -> Result<Option<u64>, UsageError> {
    let token = cursor.word("rate")?;
    if token.text == "off" || token.text == "0" {
        return Ok(None);
    }
    let text = token.text.to_ascii_lowercase();
    let parsed = [("gbit", 1e9), ("mbit", 1e6), ("kbit", 1e3), ("bit", 1.0)]
        .iter()
        .find_map(|(unit, scale)| {
            let number: f64 = text.strip_suffix(unit)?.parse().ok()?;
            Some(number * scale)
        });
    match parsed {
        Some(bits) if bits >= RATES.0 as f64 && bits <= RATES.1 as f64 => Ok(Some(bits as u64)),
        _ => Err(cursor.error_at(
            token,
            crate::worded!("error-link-not-a-rate", word = token.text),
        )),
    }
}

impl Link {
    pub fn parse(cursor: &mut Cursor) -> Result<Link, UsageError> {
        let link = match cursor.peek() {
            None => Link::Show,
            Some(_) => {
                let mode = cursor.keyword("link mode", &MODES)?;
                let change = match MODES[mode] {
                    "hold" | "pass" => {
                        let dir = optional_direction(cursor)?;
                        cursor.finish()?;
                        return Ok(Link::Set {
                            hold: mode == 0,
                            dir,
                        });
                    }
                    "seed" => {
                        let seed = cursor.int("seed", u64::MAX)?;
                        cursor.finish()?;
                        return Ok(Link::Seed(seed));
                    }
                    "clear" => {
                        let dir = optional_direction(cursor)?;
                        cursor.finish()?;
                        return Ok(Link::Clear(dir));
                    }
                    "delay" => {
                        let delay = delay_value(cursor, "delay")?;
                        let jitter = match cursor.peek() {
                            Some(t) if t.text == "jitter" => {
                                cursor.word("jitter")?;
                                Some(delay_value(cursor, "jitter")?)
                            }
                            _ => None,
                        };
                        Change::Delay(delay, jitter)
                    }
                    "loss" => Change::Loss(percent_value(cursor, "loss")?),
                    "dup" => Change::Dup(percent_value(cursor, "duplication")?),
                    "corrupt" => Change::Corrupt(percent_value(cursor, "corruption")?),
                    "reorder" => Change::Reorder(percent_value(cursor, "reordering")?),
                    "rate" => {
                        let rate = rate_value(cursor)?;
                        if cursor.peek().is_some_and(|t| t.text == "queue") {
                            cursor.word("queue")?;
                            let queue = queue_value(cursor)?;
                            let dir = optional_direction(cursor)?;
                            cursor.finish()?;
                            return Ok(Link::Property {
                                change: Change::RateQueue(rate, queue),
                                dir,
                            });
                        }
                        Change::Rate(rate)
                    }
                    _ => Change::Queue(queue_value(cursor)?),
                };
                Link::Property {
                    change,
                    dir: optional_direction(cursor)?,
                }
            }
        };
        cursor.finish()?;
        Ok(link)
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(LINK.name, None);
        let lab = session.require_lab()?;
        let both = |dir: Option<Dir>| dir.map_or(vec![Dir::AtoB, Dir::BtoA], |d| vec![d]);
        match self {
            Link::Set { hold, dir } => {
                let dirs = both(dir);
                lab.relay.set_hold(&dirs, hold);
                step.lines.push(Line::LinkHolding { hold, dirs });
                Ok(step)
            }
            Link::Property { change, dir } => {
                let dirs = both(dir);
                lab.relay.set_props(&dirs, |props| change.apply(props));
                let (props, _, _, _) = lab.relay.path();
                for dir in dirs {
                    step.lines.push(Line::LinkProps {
                        dir,
                        props: props[dir.index()].clone(),
                    });
                }
                Ok(step)
            }
            Link::Clear(dir) => {
                let dirs = both(dir);
                lab.relay
                    .set_props(&dirs, |props| *props = Props::default());
                step.lines.push(Line::LinkCleared { dirs });
                Ok(step)
            }
            Link::Seed(seed) => {
                lab.relay.set_seed(seed);
                step.lines.push(Line::LinkSeeded(seed));
                Ok(step)
            }
            Link::Show => show(session, step),
        }
    }
}

/// `link` alone: each direction's mode, properties and counts, what is
/// not shown and why, what is held, and what holding did to the timers.
fn show(session: &mut Session, mut step: Step) -> Result<Step, UsageError> {
    let lab = session.require_lab()?;
    let hold = lab.relay.holding();
    let mode = |h: bool| if h { "hold" } else { "pass" };
    // The hosts' addresses too: the shell's prompt has no room for them.
    step.lines.push(Line::LinkModes { hold });
    let (props, counters, depth, seed) = lab.relay.path();
    let mut json_dirs = serde_json::Map::new();
    for dir in [Dir::AtoB, Dir::BtoA] {
        let (p, c, q) = (
            &props[dir.index()],
            &counters[dir.index()],
            depth[dir.index()],
        );
        // A direction with no properties and nothing through it yet
        // (a lesson holding its first SYN) says nothing.
        if !p.is_clear() || c != &Default::default() || q > 0 {
            step.lines.push(Line::LinkDirection {
                dir,
                props: p.clone(),
                counters: c.clone(),
                depth: q,
            });
        }
        json_dirs.insert(
            dir.name().to_string(),
            json!({
                "mode": mode(hold[dir.index()]),
                "delay_ms": p.delay.as_secs_f64() * 1e3,
                "jitter_ms": p.jitter.as_secs_f64() * 1e3,
                "loss": p.loss,
                "dup": p.dup,
                "corrupt": p.corrupt,
                "reorder": p.reorder,
                "rate_bps": p.rate,
                "queue_limit": p.queue,
                "passed": c.passed,
                "bytes": c.bytes,
                "lost": c.lost,
                "queue_drops": c.queue_drops,
                "hand_drops": c.hand_drops,
                "duplicated": c.duplicated,
                "corrupted": c.corrupted,
                "reordered": c.reordered,
                "budget_drops": c.budget_drops,
                "queue_depth": q,
            }),
        );
    }
    if seed != path::DEFAULT_SEED {
        step.lines.push(Line::LinkSeed(seed));
    }
    json_dirs.insert("seed".into(), seed.into());
    // Whether frames cross in the kernel now (a plain wire, as root),
    // or why the lab has no such path: the text is the same either way.
    let (fast, why) = match lab.relay.fast_path() {
        Ok(fast) => (fast, None),
        // A JSON field: in English, whatever language socklab speaks.
        Err(why) => (false, Some(crate::i18n::in_english(|| why.to_string()))),
    };
    json_dirs.insert("in_kernel".into(), fast.into());
    // Frames the relay never saw (its ring was full for a moment):
    // said, so that nothing is silently missing from the wire view.
    let (passed, dropped) = lab.relay.unrecorded().unwrap_or((0, 0));
    if passed + dropped > 0 {
        step.lines.push(Line::Unrecorded { passed, dropped });
    }
    let unlogged = lab.relay.unlogged();
    if unlogged > 0 {
        step.lines.push(Line::Unlogged {
            frames: unlogged,
            budget: session.budget().memory(),
        });
    }
    json_dirs.insert("unlogged".into(), unlogged.into());
    // The settling's safety net (docs/lab.md, "How a step knows it is
    // done"): said whenever it was ever reached.
    let gave_up = lab.relay.settle_timeouts();
    if gave_up > 0 {
        step.lines.push(Line::SettleTimeouts(gave_up));
    }
    json_dirs.insert("settle_timeouts".into(), gave_up.into());
    json_dirs.insert("unrecorded_passed".into(), passed.into());
    json_dirs.insert("unrecorded_dropped".into(), dropped.into());
    json_dirs.insert("no_kernel_path".into(), why.into());
    step.field("link", serde_json::Value::Object(json_dirs));
    step.lines.extend(session.held_lines());
    step.notes.extend(session.inflated_rtt_notes());
    Ok(step)
}

/// Which held entries: the first N (of those not delivered yet), all of
/// them, each as the selector says; or #K.
#[derive(Clone, Debug)]
pub enum Pick {
    First(usize, Selector),
    All(Selector),
    Number(u32),
}

/// `[N|all] [SELECTOR…] [copies]` or `#K [copies]`: which entries, and
/// whether each hands over every copy.
fn parse_pick(verb: &str, cursor: &mut Cursor) -> Result<(Pick, bool), UsageError> {
    let mut count = None;
    let mut all = false;
    let mut number = None;
    let mut selector = Selector::default();
    let mut copies = false;
    while cursor.peek().is_some() {
        let token =
            cursor.word("N, all, #K, what a segment is (SYN, FIN, data, a->b …) or copies")?;
        let text: &str = token.text;
        let first = count.is_none() && !all && number.is_none() && selector.is_empty();
        if text == "copies" && verb == "deliver" && !copies {
            copies = true;
        } else if text == "copies" {
            return Err(cursor.error_at(
                token,
                match verb {
                    "deliver" => crate::worded!("error-link-copies-twice"),
                    _ => crate::worded!("error-link-copies-drop"),
                },
            ));
        } else if first && text == "all" {
            all = true;
        } else if let Some(k) = text.strip_prefix('#').filter(|_| first) {
            number = Some(k.parse::<u32>().map_err(|_| {
                cursor.error_at(
                    token,
                    crate::worded!("error-link-not-a-held-number", word = text),
                )
            })?);
        } else if let Ok(n) = text
            .parse::<usize>()
            .map_err(|_| ())
            .and_then(|n| match first {
                true if n > 0 => Ok(n),
                _ => Err(()),
            })
        {
            count = Some(n);
        } else if number.is_none() && !copies && selector.add(text) {
        } else {
            return Err(
                cursor.error_at(token, crate::worded!("error-link-not-a-pick", word = text))
            );
        }
    }
    let pick = match (number, all) {
        (Some(k), _) => Pick::Number(k),
        (None, true) => Pick::All(selector),
        (None, false) => Pick::First(count.unwrap_or(1), selector),
    };
    Ok((pick, copies))
}

/// `deliver`, `drop`, `dup` or `corrupt`, and what it acts on.
#[derive(Debug, Clone)]
pub struct ReleaseLine {
    verb: &'static str,
    release: Release,
}

impl ReleaseLine {
    fn parse(verb: &'static str, cursor: &mut Cursor) -> Result<ReleaseLine, UsageError> {
        let release = Release::parse(verb, cursor)?;
        Ok(ReleaseLine { verb, release })
    }
}

impl Action for ReleaseLine {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.release.execute(self.verb, session)
    }
}

#[derive(Debug, Clone)]
pub enum Release {
    Held {
        pick: Pick,
        deliver: bool,
        copies: bool,
    },
    Next {
        action: Next,
        dir: Option<Dir>,
    },
}

impl Release {
    pub fn parse(verb: &str, cursor: &mut Cursor) -> Result<Release, UsageError> {
        let next = cursor.peek().is_some_and(|t| t.text == "next");
        let release = if next || verb != "deliver" && verb != "drop" {
            if !next {
                return Err(match cursor.peek() {
                    Some(token) => {
                        cursor.error_at(token, crate::worded!("error-link-next-only", verb = verb))
                    }
                    None => UsageError::new(crate::worded!("error-link-next-only", verb = verb)),
                });
            }
            cursor.word("next")?;
            let action = match verb {
                "drop" => Next::Drop,
                "dup" => Next::Dup,
                _ => Next::Corrupt,
            };
            Release::Next {
                action,
                dir: optional_direction(cursor)?,
            }
        } else {
            let (pick, copies) = parse_pick(verb, cursor)?;
            Release::Held {
                pick,
                deliver: verb == "deliver",
                copies,
            }
        };
        cursor.finish()?;
        Ok(release)
    }

    pub fn execute(self, verb: &'static str, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(verb, None);
        let lab = session.require_lab()?;
        match self {
            Release::Next { action, dir } => {
                lab.relay.arm(dir, action);
                step.lines.push(Line::NextArmed { dir, action });
            }
            Release::Held {
                pick,
                deliver,
                copies,
            } => {
                let held = lab.relay.held_numbers();
                if held.is_empty() {
                    return Err(UsageError::new(crate::worded!("error-link-nothing-held")));
                }
                let listed = || {
                    let shown: Vec<Text> = held
                        .iter()
                        .map(|&(n, delivered)| match delivered {
                            true => crate::worded!("error-link-held-copies", number = n),
                            false => Text::from(format!("#{n}")),
                        })
                        .collect();
                    Text::new(move || {
                        let words: Vec<String> = shown.iter().map(Text::word).collect();
                        words.join(", ")
                    })
                };
                if let Pick::Number(k) = pick
                    && !held.iter().any(|(n, _)| *n == k)
                {
                    return Err(UsageError::new(crate::worded!(
                        "error-link-not-held",
                        number = k,
                        held = listed()
                    )));
                }
                // `deliver N|all` hands over what was not delivered yet;
                // `drop all` throws everything away, copies of delivered
                // ones too.
                let everything = !deliver && matches!(pick, Pick::All(ref s) if s.is_empty());
                let chosen = |queue: &std::collections::VecDeque<HeldFrame>| -> Vec<u32> {
                    let mut candidates = queue.iter().filter(|h| match &pick {
                        Pick::Number(k) => h.number == *k,
                        Pick::First(_, selector) | Pick::All(selector) => {
                            (everything || !h.delivered) && selector.matches(h)
                        }
                    });
                    match &pick {
                        Pick::First(n, _) => {
                            candidates.by_ref().take(*n).map(|h| h.number).collect()
                        }
                        _ => candidates.map(|h| h.number).collect(),
                    }
                };
                let numbers = lab.relay.release(chosen, deliver, copies);
                if numbers.is_empty() && held.iter().all(|(_, delivered)| *delivered) {
                    return Err(UsageError::new(crate::worded!(
                        "error-link-only-copies",
                        held = listed(),
                        verb = verb
                    )));
                }
                if numbers.is_empty() {
                    return Err(UsageError::new(crate::worded!(
                        "error-link-none-chosen",
                        held = listed()
                    )));
                }
                // A dropped segment comes again after its sender's RTO:
                // say so when holding made that RTO long.
                if !deliver {
                    step.notes.extend(session.inflated_rtt_notes());
                }
                step.lines.push(Line::Released {
                    delivered: deliver,
                    numbers,
                });
            }
        }
        Ok(step)
    }
}

impl Action for Link {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }
}
