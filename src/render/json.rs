//! A step as one JSON object: the `--json` contract (docs/json.md).
//!
//! Keys always present: input, verb, handle, ok, ret, errno, error,
//! new_handles, addr, data_hex, text, value, states. Also: call, job and
//! background (the background job the step is about: "started" by the
//! line, its "result", or "stopped" by the line), addr_kind, text_as
//! (another encoding that reads received data the session's cannot),
//! changes, fields (per-command extras), output (help/ls prose), wire (the
//! segments the step caused, with `wire on`).

use serde_json::{Map, Value, json};

use super::hex;
use crate::names::{self, TcpState};
use crate::step::{Outcome, Step};

/// `states`: every open TCP handle's state after the step. Its words
/// (`output`, `notes`, `why`, `error`) are English in every language:
/// they are part of what a program reads.
pub fn to_json(input: &str, step: &Step, states: &[(&str, TcpState)]) -> Value {
    crate::i18n::in_english(|| object(input, step, states))
}

fn object(input: &str, step: &Step, states: &[(&str, TcpState)]) -> Value {
    let mut object = Map::new();
    object.insert("input".into(), input.into());
    object.insert("verb".into(), step.verb.into());
    object.insert("handle".into(), json!(step.handle));
    object.insert("ok".into(), step.ok().into());
    object.insert("call".into(), json!(step.call));
    object.insert("job".into(), json!(step.job.map(|(id, _)| id)));
    object.insert(
        "background".into(),
        json!(step.job.map(|(_, role)| role.name())),
    );
    let (ret, errno, error) = match &step.outcome {
        Outcome::Returned(value) => (json!(value), Value::Null, Value::Null),
        Outcome::Failed(errno) => (json!(-1), json!(names::errno_name(*errno)), Value::Null),
        Outcome::TimedOut(after) => (
            json!(-1),
            json!("EINTR"),
            json!(format!(
                "timeout: {} still blocked after {after:?}; socklab interrupted it",
                step.call.as_deref().unwrap_or(step.verb)
            )),
        ),
        Outcome::OutOfTime(limit) => (
            json!(-1),
            json!("EINTR"),
            json!(format!(
                "out of time: the lesson may run {}; socklab stopped {} there",
                crate::lab::path::show_duration(*limit),
                step.call.as_deref().unwrap_or(step.verb)
            )),
        ),
        Outcome::Usage(usage) => (Value::Null, Value::Null, json!(usage.to_string())),
        Outcome::NotReached(message) => (Value::Null, Value::Null, json!(message.word())),
        Outcome::Done => (Value::Null, Value::Null, Value::Null),
    };
    object.insert("ret".into(), ret);
    object.insert("errno".into(), errno);
    object.insert("error".into(), error);
    object.insert("new_handles".into(), json!(step.new_handles));
    object.insert("addr".into(), json!(step.addr.as_ref().map(|(_, a)| a)));
    object.insert(
        "addr_kind".into(),
        json!(step.addr.as_ref().map(|(k, _)| k)),
    );
    object.insert("data_hex".into(), json!(step.data.as_deref().map(hex)));
    // The data as text in the session's encoding; null where it is not.
    let text = step
        .data
        .as_deref()
        .and_then(|data| crate::encoding::decode_exact(data, step.encoding));
    object.insert("text".into(), json!(text));
    // Another encoding that reads the data (render::words::OtherReading).
    if let Some(reading) = step
        .data
        .as_deref()
        .and_then(|data| crate::encoding::guess::other_reading(data, step.encoding))
    {
        object.insert(
            "text_as".into(),
            json!({
                "encoding": crate::encoding::name(reading.encoding),
                "text": reading.text,
                "hint": super::words::OtherReading(&reading).to_string(),
            }),
        );
    }
    if let Some(why) = step.why {
        object.insert("why".into(), json!(why.to_string()));
    }
    if !step.notes.is_empty() {
        object.insert(
            "notes".into(),
            step.notes.iter().map(|n| n.to_string()).collect(),
        );
    }
    object.insert(
        "value".into(),
        step.value.as_deref().cloned().unwrap_or(Value::Null),
    );
    let states: Map<String, Value> = states
        .iter()
        .map(|(name, state)| (name.to_string(), state.name().into()))
        .collect();
    object.insert("states".into(), states.into());
    let changes: Vec<Value> = step
        .changes
        .iter()
        .map(|c| {
            json!({
                "handle": c.handle,
                "from": c.from.map(|s| s.name()),
                "to": c.to.map(|s| s.name()),
                "no_fd": c.closed,
                "t": c.when.map(|w| w.seconds()),
                "between": c.when.is_some_and(|w| w.between),
            })
        })
        .collect();
    object.insert("changes".into(), changes.into());
    let fields: Map<String, Value> = step.fields.iter().cloned().collect();
    object.insert("fields".into(), fields.into());
    if !step.lines.is_empty() {
        object.insert(
            "output".into(),
            step.lines.iter().map(|l| l.to_string()).collect(),
        );
    }
    if let Some(wire) = &step.wire {
        let segments: Vec<Value> = wire.iter().map(|s| s.json()).collect();
        object.insert("wire".into(), segments.into());
        if let Some((_, summary)) = step.wire_summary.as_deref() {
            object.insert("wire_summary".into(), summary.clone());
        }
    }
    Value::Object(object)
}
