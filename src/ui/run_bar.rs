//! Run, Cancel, the bootstrap's progress and the status line.

use yew::prelude::*;

use super::i18n::{t, Key, Lang};
use super::runtime::Timing;
use super::state::{Action, Phase};
use super::web::now_ms;
use crate::error::Error;

/// The status line for a phase. The time left is the time per resample so
/// far times the resamples left.
pub fn status(l: Lang, phase: &Phase, (done, total): (u64, u64), has_result: bool, timing: &Timing, now: f64) -> String {
    let secs = timing.elapsed_ms.map(|ms| format!(" ({:.1} s)", ms / 1000.0)).unwrap_or_default();
    // Indonesian decimals are commas
    let secs = if l == Lang::Id { secs.replace('.', ",") } else { secs };
    match phase {
        Phase::Idle => String::new(),
        Phase::Loading => t(l, Key::Reading).into(),
        Phase::Preparing => t(l, Key::Estimating).into(),
        Phase::Bootstrapping => {
            let left = match timing.boot_started_ms {
                Some(t0) if done > 0 => {
                    let per = (now - t0) / done as f64;
                    format!(", ~{:.0} s {}", per * total.saturating_sub(done) as f64 / 1000.0, t(l, Key::Left))
                }
                _ => String::new(),
            };
            format!("{} {done} {} {total} {}{left}", t(l, Key::Bootstrapping), t(l, Key::Of), t(l, Key::ResamplesWord))
        }
        Phase::Cancelling => t(l, Key::Cancelling).into(),
        Phase::Finishing => t(l, Key::Combining).into(),
        Phase::Done => format!("{}{secs}", t(l, Key::Done)),
        // with no point result yet there are no results "below"
        Phase::Cancelled if has_result => t(l, Key::Cancelled).into(),
        Phase::Cancelled => t(l, Key::CancelledNothing).into(),
        Phase::Failed => t(l, Key::Failed).into(),
    }
}

#[derive(Properties, PartialEq)]
pub struct RunProps {
    pub lang: Lang,
    pub phase: Phase,
    pub can_run: bool,
    pub can_cancel: bool,
    pub done: u64,
    pub total: u64,
    pub complete: bool,
    pub has_result: bool,
    pub timing: Timing,
    pub workers: usize,
    pub run_error: Option<Error>,
    pub on: Callback<Action>,
    /// PLSpredict's training folds done and to do, while it runs.
    #[prop_or_default]
    pub predicting: Option<(u64, u64)>,
    /// The multigroup analysis's step, steps, done and total, while it runs.
    #[prop_or_default]
    pub comparing: Option<(u64, u64, u64, u64)>,
    /// The next bootstrap's estimated seconds, shown before a long run.
    #[prop_or_default]
    pub expected_seconds: Option<f64>,
}

/// "about 6 min" / "sekitar 6 menit", for runs of at least 10 s.
pub fn duration_words(l: Lang, secs: f64) -> Option<String> {
    if !(secs >= 10.0) {
        return None;
    }
    let (n, unit) = if secs < 90.0 { ((secs / 5.0).round() * 5.0, Key::Seconds) } else { ((secs / 60.0).round(), Key::Minutes) };
    Some(format!("{} {n} {}", t(l, Key::About), t(l, unit)))
}

#[function_component]
pub fn RunBar(p: &RunProps) -> Html {
    let l = p.lang;
    let workers = p.workers;
    let value = if p.complete && p.total == 0 { 1 } else { p.done };
    html! {
        <section class="run no-print">
            <div class="row">
                <button id="run" type="button" onclick={p.on.reform(move |_: MouseEvent| Action::Run { workers })} disabled={!p.can_run}>{ t(l, Key::Run) }</button>
                <button id="cancel" type="button" class="secondary" onclick={p.on.reform(|_: MouseEvent| Action::Cancel)} disabled={!p.can_cancel}>{ t(l, Key::Cancel) }</button>
                <span id="workers" class="muted">{ format!("{} {}", p.workers, t(l, Key::Workers)) }</span>
                if let (true, Some(words)) = (p.can_run, p.expected_seconds.and_then(|s| duration_words(l, s))) {
                    <span id="expected" class="muted">{ format!("{}: {words}", t(l, Key::Expected)) }</span>
                }
            </div>
            if let Some((step, steps, done, total)) = p.comparing.filter(|_| p.predicting.is_none()) {
                <progress id="progress" data-stage="comparing" max={total.max(1).to_string()} value={done.to_string()}></progress>
                <p id="status" role="status">{ format!("{} {} {} {} — {done} {} {total}", t(l, Key::Comparing), step + 1, t(l, Key::Of), steps.max(1), t(l, Key::Of)) }</p>
            } else if let Some((done, total)) = p.predicting {
                <progress id="progress" data-stage="predicting" max={total.max(1).to_string()} value={done.to_string()}></progress>
                <p id="status" role="status">{ format!("{} {done} {} {total}", t(l, Key::Predicting), t(l, Key::Of)) }</p>
            } else {
                <progress id="progress" max={p.total.max(1).to_string()} value={value.to_string()}></progress>
                <p id="status" role="status">{ status(l, &p.phase, (p.done, p.total), p.has_result, &p.timing, now_ms()) }</p>
            }
            if let Some(e) = &p.run_error {
                <div id="run-error" class="error" role="alert"><strong>{ t(l, Key::Failed) }</strong>{ ": " }{ crate::messages::error_text(e, l) }</div>
            }
        </section>
    }
}
