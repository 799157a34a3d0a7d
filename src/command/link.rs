//! The lab's link by hand: `link [hold|pass [DIR]]`, `deliver [N|all|#K]`,
//! `drop [N|all|#K]`, and `drop|dup|corrupt next [DIR]` (see `crate::lab`).

use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::lab::{Dir, Next};
use crate::parse::{Cursor, Token};
use crate::session::Session;
use crate::step::Step;

pub const LINK: Spec = Spec {
    name: "link",
    usage: "link [hold|pass [a->b|b->a]]",
    syscall: "",
    summary: "Show the lab's link (its mode, every held segment numbered), or make it hold every segment that enters it until you deliver or drop it (hold), or let them through as they come (pass, the default).",
    notes: "Without a direction, both. Held segments are numbered #1, #2, … in the order they \
            came; `deliver` and `drop` act on them.",
    errnos: &[],
    args: &[Arg::LinkMode],
    creates: 0,
    group: Group::Lab,
    background: false,
};

pub const DELIVER: Spec = Spec {
    name: "deliver",
    usage: "deliver [N|all|#K]",
    syscall: "",
    summary: "Deliver held segments: the first N in order (default 1), all of them, or #K alone (out of order: reordering by hand).",
    notes: "What a delivered segment causes on the other host (its answer, a state change) \
            shows under this step.",
    errnos: &[],
    args: &[Arg::Held],
    creates: 0,
    group: Group::Lab,
    background: false,
};

pub const DROP: Spec = Spec {
    name: "drop",
    usage: "drop [N|all|#K] | drop next [a->b|b->a]",
    syscall: "",
    summary: "Throw held segments away (the first N, all, or #K), or the next segment to enter the link (in that direction, or either).",
    notes: "A dropped TCP segment is retransmitted by its sender's kernel after the RTO; a \
            dropped UDP datagram is simply gone.",
    errnos: &[],
    args: &[Arg::Held],
    creates: 0,
    group: Group::Lab,
    background: false,
};

pub const DUP: Spec = Spec {
    name: "dup",
    usage: "dup next [a->b|b->a]",
    syscall: "",
    summary: "Deliver the next segment to enter the link twice.",
    notes: "TCP discards the copy (its sequence numbers were seen); UDP delivers both.",
    errnos: &[],
    args: &[Arg::Held],
    creates: 0,
    group: Group::Lab,
    background: false,
};

pub const CORRUPT: Spec = Spec {
    name: "corrupt",
    usage: "corrupt next [a->b|b->a]",
    syscall: "",
    summary: "Flip one bit of the next segment to enter the link, its checksum left as it was: the receiving kernel discards it.",
    notes: "The sender sees no answer and retransmits after the RTO: the data arrives intact.",
    errnos: &[],
    args: &[Arg::Held],
    creates: 0,
    group: Group::Lab,
    background: false,
};

/// `a->b` or `b->a`.
fn direction(cursor: &Cursor, token: &Token<'_>) -> Result<Dir, UsageError> {
    match token.text {
        "a->b" => Ok(Dir::AtoB),
        "b->a" => Ok(Dir::BtoA),
        other => Err(cursor.error_at(
            token,
            format!("'{other}' is not a direction — write a->b or b->a"),
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

#[derive(Debug)]
pub enum Link {
    Show,
    Set { hold: bool, dir: Option<Dir> },
}

impl Link {
    pub fn parse(cursor: &mut Cursor) -> Result<Link, UsageError> {
        let link = match cursor.peek() {
            None => Link::Show,
            Some(_) => {
                let hold = cursor.keyword("link mode", &["hold", "pass"])? == 0;
                Link::Set {
                    hold,
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
        if let Link::Set { hold, dir } = self {
            let dirs: Vec<Dir> = dir.map_or(vec![Dir::AtoB, Dir::BtoA], |d| vec![d]);
            lab.relay.set_hold(&dirs, hold);
            let which = dirs
                .iter()
                .map(|d| d.name())
                .collect::<Vec<_>>()
                .join(" and ");
            step.lines.push(if hold {
                format!("link: holding every segment {which} until you deliver or drop it")
            } else {
                format!("link: passing segments {which} as they come")
            });
            return Ok(step);
        }
        let hold = lab.relay.holding();
        let mode = |h: bool| if h { "hold" } else { "pass" };
        step.lines.push(format!(
            "link: a->b {}, b->a {}",
            mode(hold[0]),
            mode(hold[1])
        ));
        step.lines.extend(session.held_lines());
        Ok(step)
    }
}

/// Which held segments: the first N, all, or #K.
#[derive(Clone, Copy, Debug)]
pub enum Pick {
    First(usize),
    All,
    Number(u32),
}

fn parse_pick(cursor: &mut Cursor) -> Result<Pick, UsageError> {
    if cursor.peek().is_none() {
        return Ok(Pick::First(1));
    }
    let token = cursor.word("N, all or #K")?;
    if token.text == "all" {
        return Ok(Pick::All);
    }
    if let Some(number) = token.text.strip_prefix('#') {
        return number.parse().map(Pick::Number).map_err(|_| {
            cursor.error_at(
                token,
                format!("'{}' is not a held number like #3", token.text),
            )
        });
    }
    match token.text.parse::<usize>() {
        Ok(n) if n > 0 => Ok(Pick::First(n)),
        _ => Err(cursor.error_at(
            token,
            format!(
                "'{}' is not a count (1, 2, …), all, or a held number like #3",
                token.text
            ),
        )),
    }
}

#[derive(Debug)]
pub enum Release {
    Held { pick: Pick, deliver: bool },
    Next { action: Next, dir: Option<Dir> },
}

impl Release {
    pub fn parse(verb: &str, cursor: &mut Cursor) -> Result<Release, UsageError> {
        let next = cursor.peek().is_some_and(|t| t.text == "next");
        let release = if next || verb != "deliver" && verb != "drop" {
            if !next {
                return Err(match cursor.peek() {
                    Some(token) => cursor.error_at(
                        token,
                        format!("{verb} acts on the next segment: {verb} next [a->b|b->a]"),
                    ),
                    None => UsageError::new(format!(
                        "{verb} acts on the next segment: {verb} next [a->b|b->a]"
                    )),
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
            Release::Held {
                pick: parse_pick(cursor)?,
                deliver: verb == "deliver",
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
                let which = dir.map_or("either way".to_string(), |d| d.name().to_string());
                let what = match action {
                    Next::Drop => "dropped",
                    Next::Dup => "delivered twice",
                    Next::Corrupt => "corrupted (one bit flipped, its checksum as it was)",
                };
                step.lines
                    .push(format!("the next segment {which} will be {what}"));
            }
            Release::Held { pick, deliver } => {
                let held: Vec<u32> = lab.relay.held().iter().map(|(n, _, _)| *n).collect();
                if held.is_empty() {
                    return Err(UsageError::new(
                        "nothing is held on the link — `link hold` holds what comes next",
                    ));
                }
                if let Pick::Number(k) = pick
                    && !held.contains(&k)
                {
                    let shown: Vec<String> = held.iter().map(|n| format!("#{n}")).collect();
                    return Err(UsageError::new(format!(
                        "no segment #{k} is held — held now: {}",
                        shown.join(", ")
                    )));
                }
                let numbers = lab.relay.release(
                    |queue| match pick {
                        Pick::First(n) => queue.iter().take(n).map(|h| h.number).collect(),
                        Pick::All => queue.iter().map(|h| h.number).collect(),
                        Pick::Number(k) => vec![k],
                    },
                    deliver,
                );
                let shown: Vec<String> = numbers.iter().map(|n| format!("#{n}")).collect();
                let done = if deliver { "delivered" } else { "dropped" };
                step.lines.push(format!("{done} {}", shown.join(", ")));
            }
        }
        Ok(step)
    }
}
