//! `jobs`: list the background jobs and watchers.

use super::action::{Action, boxed};
use super::{Group, Spec};
use crate::error::UsageError;
use crate::jobs::Work;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::{JobDoing, JobRow, Line, Step};

pub const JOBS: Spec = Spec {
    name: "jobs",
    usage: "jobs",
    syscall: "",
    errnos: &[],
    args: &[],
    creates: 0,
    group: Group::Background,
    background: false,
    parse: |c| boxed(Jobs::parse(c)),
};

#[derive(Debug, Clone)]
pub struct Jobs;

impl Jobs {
    pub fn parse(cursor: &mut Cursor) -> Result<Jobs, UsageError> {
        cursor.finish()?;
        Ok(Jobs)
    }
}

impl Action for Jobs {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        session.jobs.reap_shown();
        Ok(list(session))
    }
}

/// `jobs`: one line per background job.
pub fn list(session: &Session) -> Step {
    let mut step = Step::new(JOBS.name, None);
    let jobs = session.jobs.list();
    let programs = session.program_rows();
    if jobs.is_empty() && programs.is_empty() {
        step.lines.push(Line::NoJobs);
    }
    for job in jobs {
        let (what, received) = match &job.work {
            Work::Call(line) => (line.clone(), None),
            Work::Watch(handle) => (format!("watch {handle}"), Some(job.received)),
        };
        let doing = if job.finished {
            JobDoing::Finished
        } else if job.blocked {
            JobDoing::Blocked
        } else {
            JobDoing::Running
        };
        step.lines.push(Line::Job(JobRow {
            id: job.id,
            what,
            doing,
            received,
        }));
    }
    step.lines.extend(programs);
    step
}
