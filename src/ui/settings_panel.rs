//! The settings panel: the usual choices in a grid, every other setting the result
//! records under "Advanced settings". Each control sends a typed
//! [`SettingChange`] as it is edited (`input` events), so whatever is on
//! screen when Run is pressed is what runs.

use std::cell::Cell;
use std::rc::Rc;
use std::str::FromStr;

use serde::Serialize;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::i18n::{t, Key, Lang};
use super::state::{Action, SettingChange as C};
use super::web::{after_ms, cancel_timer};
use crate::data::MissingPolicy;
use crate::engine::settings::{BootstrapMissing, CiMethod, InteractionScaling, Moderation, PValue, Preset, Scheme, Significance, Tails};
use crate::engine::Settings;
use crate::multigroup::{GroupSpec, Study};

/// The missing codes are applied (the file read again) this long after the
/// last keystroke, or when the field is left, or when Run is pressed.
const CODE_COMMIT_MS: i32 = 700;

/// A setting's value as its JSON name ("two_stage").
fn json_name<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

/// `1e-7` rather than `0.0000001`.
fn show_number(x: f64) -> String {
    if x != 0.0 && x.abs() < 1e-3 {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// A number as typed, with a decimal point or comma.
fn parse_number<T: FromStr>(text: &str) -> Option<T> {
    text.trim().replace(',', ".").parse().ok()
}

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// A select of typed options; the option values are the settings' JSON names.
fn choice<T: Copy + PartialEq + Serialize + 'static>(l: Lang, id: &str, label: Key, current: T, options: Vec<(T, &'static str)>, wrap: fn(T) -> C, on: &Callback<Action>) -> Html {
    let values: Vec<(T, String)> = options.iter().map(|(v, _)| (*v, json_name(v))).collect();
    let cb = on.reform(move |e: Event| {
        let picked = e.target_unchecked_into::<HtmlSelectElement>().value();
        let v = values.iter().find(|(_, name)| *name == picked).map(|(v, _)| *v).unwrap_or(current);
        Action::SetSetting(wrap(v))
    });
    html! {
        <label>{ t(l, label) }
            <select id={format!("set-{id}")} onchange={cb}>
                { for options.into_iter().map(|(v, text)| html! { <option value={json_name(&v)} selected={v == current}>{ text }</option> }) }
            </select>
        </label>
    }
}

/// A number field; what does not parse (a field being cleared) is not sent.
fn number<T: FromStr + 'static>(l: Lang, id: &str, label: Key, value: String, wrap: fn(T) -> C, on: &Callback<Action>) -> Html {
    let on = on.clone();
    let cb = Callback::from(move |e: InputEvent| {
        if let Some(v) = parse_number::<T>(&input_value(&e)) {
            on.emit(Action::SetSetting(wrap(v)))
        }
    });
    html! { <label>{ t(l, label) }<input id={format!("set-{id}")} type="text" inputmode="decimal" value={value} oninput={cb} /></label> }
}

/// A number field that may be left empty (`None`).
fn optional<T: FromStr + 'static>(l: Lang, id: &str, label: Key, value: Option<String>, wrap: fn(Option<T>) -> C, on: &Callback<Action>) -> Html {
    let on = on.clone();
    let cb = Callback::from(move |e: InputEvent| {
        let text = input_value(&e);
        let v = if text.trim().is_empty() { Some(None) } else { parse_number::<T>(&text).map(Some) };
        if let Some(v) = v {
            on.emit(Action::SetSetting(wrap(v)))
        }
    });
    html! {
        <label>{ t(l, label) }
            <input id={format!("set-{id}")} type="text" inputmode="decimal" value={value.unwrap_or_default()} placeholder={t(l, Key::AsEstimate)} oninput={cb} />
        </label>
    }
}

fn toggle(l: Lang, id: &str, label: Key, value: bool, wrap: fn(bool) -> C, on: &Callback<Action>) -> Html {
    let cb = on.reform(move |e: Event| Action::SetSetting(wrap(e.target_unchecked_into::<HtmlInputElement>().checked())));
    html! { <label class="check"><input id={format!("set-{id}")} type="checkbox" checked={value} onchange={cb} />{ t(l, label) }</label> }
}

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub lang: Lang,
    pub settings: Settings,
    pub missing_code: String,
    pub on: Callback<Action>,
    /// The multigroup analysis and IPMA asked for.
    #[prop_or_default]
    pub study: Study,
    /// Columns that can group the rows (text columns, numeric columns the
    /// model does not use).
    #[prop_or_default]
    pub group_columns: Vec<String>,
    /// Constructs with predecessors (IPMA targets).
    #[prop_or_default]
    pub targets: Vec<String>,
}

#[function_component]
pub fn SettingsPanel(p: &SettingsProps) -> Html {
    let (l, st, on) = (p.lang, &p.settings, &p.on);
    let scheme = vec![(Scheme::Path, t(l, Key::SchemePath)), (Scheme::Factorial, t(l, Key::SchemeFactorial)), (Scheme::Centroid, t(l, Key::SchemeCentroid))];
    let moderation = vec![(Moderation::TwoStage, t(l, Key::ModTwoStage)), (Moderation::ProductIndicator, t(l, Key::ModProduct)), (Moderation::Orthogonal, t(l, Key::ModOrthogonal))];
    let missing = vec![
        (MissingPolicy::MeanReplacement, t(l, Key::MeanReplacement)),
        (MissingPolicy::CasewiseDeletion, t(l, Key::Casewise)),
        (MissingPolicy::PairwiseDeletion, t(l, Key::Pairwise)),
    ];
    html! {
        <section class="settings no-print" id="settings">
            <h2>{ t(l, Key::Settings) }</h2>
            <div class="grid">
                { choice(l, "preset", Key::Preset, st.preset, vec![(Preset::Smartpls, "SmartPLS"), (Preset::Seminr, "seminr"), (Preset::Custom, t(l, Key::PresetCustom))], C::Preset, on) }
                { choice(l, "scheme", Key::Scheme, st.scheme, scheme, C::Scheme, on) }
                { choice(l, "moderation", Key::ModerationMethod, st.moderation, moderation, C::Moderation, on) }
                { number(l, "bootstrap", Key::Resamples, st.bootstrap.to_string(), C::Bootstrap, on) }
                { number(l, "seed", Key::Seed, st.seed.to_string(), C::Seed, on) }
                { choice(l, "ci", Key::Ci, st.ci, vec![(CiMethod::Percentile, t(l, Key::CiPercentile)), (CiMethod::Bca, t(l, Key::CiBca))], C::Ci, on) }
                { choice(l, "significance", Key::SignificanceRule, st.significance, vec![(Significance::PValue, t(l, Key::RulePValue)), (Significance::Interval, t(l, Key::RuleInterval))], C::Significance, on) }
                { choice(l, "tails", Key::Tails, st.tails, vec![(Tails::Two, t(l, Key::TwoTailed)), (Tails::One, t(l, Key::OneTailed))], C::Tails, on) }
                { number(l, "blindfold", Key::Blindfold, st.blindfold_distance.to_string(), C::Blindfold, on) }
                { choice(l, "missing", Key::MissingHandling, st.missing, missing, C::Missing, on) }
                <MissingCodeField lang={l} value={p.missing_code.clone()} on={on.clone()} />
                { predict_controls(l, st, on) }
                { toggle(l, "mediation", Key::MediationSetting, st.mediation, C::Mediation, on) }
            </div>
            <StudyPanel lang={l} study={p.study.clone()} columns={p.group_columns.clone()} targets={p.targets.clone()} on={on.clone()} />
            <details id="advanced">
                <summary>{ t(l, Key::Advanced) }</summary>
                <Advanced lang={l} settings={st.clone()} on={on.clone()} />
            </details>
        </section>
    }
}

/// PLSpredict: folds (0 = off), repetitions, approach, CVPAT.
fn predict_controls(l: Lang, st: &Settings, on: &Callback<Action>) -> Html {
    use crate::engine::predict::Approach;
    let approach = vec![(Approach::Earliest, t(l, Key::ApproachEarliest)), (Approach::Direct, t(l, Key::ApproachDirect))];
    html! {
        <>
            { number(l, "predict_folds", Key::PredictFolds, st.predict.folds.to_string(), C::PredictFolds, on) }
            { number(l, "predict_repetitions", Key::PredictRepetitions, st.predict.repetitions.to_string(), C::PredictRepetitions, on) }
            { choice(l, "predict_approach", Key::PredictApproach, st.predict.approach, approach, C::PredictApproach, on) }
            { toggle(l, "cvpat", Key::Cvpat, st.cvpat, C::Cvpat, on) }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct AdvancedProps {
    lang: Lang,
    settings: Settings,
    on: Callback<Action>,
}

/// Every other setting the result JSON records (all but `threads`, which
/// only the command line uses).
#[function_component]
fn Advanced(p: &AdvancedProps) -> Html {
    let (l, st, on) = (p.lang, &p.settings, &p.on);
    let p_value = vec![(PValue::StudentT, t(l, Key::PStudent)), (PValue::Normal, t(l, Key::PNormal)), (PValue::Empirical, t(l, Key::PEmpirical))];
    let scaling = vec![(InteractionScaling::Standardized, t(l, Key::Standardized)), (InteractionScaling::Rescaled, t(l, Key::Rescaled))];
    let boot_missing = vec![(BootstrapMissing::Once, t(l, Key::BootMissingOnce)), (BootstrapMissing::PerResample, t(l, Key::BootMissingPer))];
    html! {
        <div class="grid">
            { number(l, "alpha", Key::Alpha, show_number(st.alpha), C::Alpha, on) }
            { choice(l, "p_value", Key::PValueMethod, st.p_value, p_value, C::PValue, on) }
            { choice(l, "interaction_scaling", Key::Scaling, st.interaction_scaling, scaling, C::InteractionScaling, on) }
            { number(l, "tolerance", Key::Tolerance, show_number(st.tolerance), C::Tolerance, on) }
            { number(l, "max_iterations", Key::MaxIterations, st.max_iterations.to_string(), C::MaxIterations, on) }
            { choice(l, "bootstrap_missing", Key::BootMissing, st.bootstrap_missing, boot_missing, C::BootstrapMissing, on) }
            { optional(l, "bootstrap_tolerance", Key::BootTolerance, st.bootstrap_tolerance.map(show_number), C::BootstrapTolerance, on) }
            { optional(l, "bootstrap_max_iterations", Key::BootIterations, st.bootstrap_max_iterations.map(|n| n.to_string()), C::BootstrapMaxIterations, on) }
            { optional(l, "stage1_tolerance", Key::Stage1Tolerance, st.stage1_tolerance.map(show_number), C::Stage1Tolerance, on) }
            { optional(l, "stage1_max_iterations", Key::Stage1Iterations, st.stage1_max_iterations.map(|n| n.to_string()), C::Stage1MaxIterations, on) }
            { toggle(l, "consistent", Key::Consistent, st.consistent, C::Consistent, on) }
            { toggle(l, "drop_nonconverged", Key::DropNonconverged, st.drop_nonconverged, C::DropNonconverged, on) }
            { toggle(l, "warm_start", Key::WarmStart, st.warm_start, C::WarmStart, on) }
            { toggle(l, "htmt_absolute", Key::HtmtAbsolute, st.htmt_absolute, C::HtmtAbsolute, on) }
            { toggle(l, "f2_main_effects", Key::F2Main, st.f2_main_effects, C::F2MainEffects, on) }
            { sign_change(l, st, on) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct CodeProps {
    lang: Lang,
    value: String,
    on: Callback<Action>,
}

/// The missing codes: every keystroke is kept; the file is read again with
/// them shortly after typing stops, when the field is left, or at Run.
#[function_component]
fn MissingCodeField(p: &CodeProps) -> Html {
    let l = p.lang;
    let timer: Rc<Cell<Option<i32>>> = (*use_memo((), |_| Rc::new(Cell::new(None)))).clone();
    let on_input = {
        let (on, timer) = (p.on.clone(), timer.clone());
        Callback::from(move |e: InputEvent| {
            on.emit(Action::SetMissingCode(input_value(&e)));
            if let Some(id) = timer.take() {
                cancel_timer(id);
            }
            let on = on.clone();
            timer.set(after_ms(CODE_COMMIT_MS, move || on.emit(Action::CommitMissingCode)));
        })
    };
    let on_change = {
        let (on, timer) = (p.on.clone(), timer);
        Callback::from(move |_: Event| {
            if let Some(id) = timer.take() {
                cancel_timer(id);
            }
            on.emit(Action::CommitMissingCode)
        })
    };
    html! {
        <label>{ t(l, Key::MissingCode) }
            <input id="set-missing_code" type="text" class="codes" placeholder={t(l, Key::MissingCodePlaceholder)} value={p.value.clone()}
                aria-describedby="missing-code-help" oninput={on_input} onchange={on_change} />
            <span id="missing-code-help" class="hint">{ t(l, Key::MissingCodeHelp) }</span>
        </label>
    }
}

/// Sign-reversed resamples: no correction (the default), individual or
/// construct-level sign changes.
fn sign_change(l: Lang, st: &Settings, on: &Callback<Action>) -> Html {
    use crate::engine::settings::SignChange;
    let options = vec![(SignChange::None, t(l, Key::SignNone)), (SignChange::Individual, t(l, Key::SignIndividual)), (SignChange::Construct, t(l, Key::SignConstruct))];
    choice(l, "sign_change", Key::SignChange, st.sign_change, options, C::SignChange, on)
}

#[derive(Properties, PartialEq)]
struct StudyProps {
    lang: Lang,
    study: Study,
    columns: Vec<String>,
    targets: Vec<String>,
    on: Callback<Action>,
}

/// A select whose first option (value "") means none.
fn pick(id: &str, label: &str, none: &str, options: &[String], current: Option<&str>, cb: Callback<Event>) -> Html {
    html! {
        <label>{ label }
            <select id={id.to_string()} onchange={cb}>
                <option value="" selected={current.is_none()}>{ none }</option>
                { for options.iter().map(|o| html! { <option value={o.clone()} selected={current == Some(o.as_str())}>{ o }</option> }) }
            </select>
        </label>
    }
}

/// The multigroup analysis (grouping column, split, permutations, MICOM)
/// and the importance-performance map (target, scale).
#[function_component]
fn StudyPanel(p: &StudyProps) -> Html {
    let l = p.lang;
    let spec = p.study.groups.as_deref().and_then(|g| GroupSpec::parse(g).ok());
    let (column, split) = match &spec {
        Some(GroupSpec::Values { column }) => (Some(column.clone()), String::new()),
        Some(GroupSpec::Split { column, at }) => (Some(column.clone()), format!("{at}")),
        None => (None, String::new()),
    };
    // every control sends the whole study with its own part changed
    let change = |edit: fn(&mut Study, String)| {
        let (on, study) = (p.on.clone(), p.study.clone());
        move |value: String| {
            let mut s = study.clone();
            edit(&mut s, value);
            on.emit(Action::SetStudy(s))
        }
    };
    let select_value = |e: Event| e.target_unchecked_into::<HtmlSelectElement>().value();
    let on_column = {
        let (f, split) = (change(|s, v| s.groups = (!v.is_empty()).then_some(v)), split.clone());
        Callback::from(move |e: Event| {
            let c = select_value(e);
            f(if c.is_empty() || split.trim().is_empty() { c } else { format!("{c}<{split}") })
        })
    };
    let on_split = {
        let (f, column) = (change(|s, v| s.groups = Some(v)), column.clone());
        Callback::from(move |e: InputEvent| {
            let v = input_value(&e);
            if let Some(c) = &column {
                if v.trim().is_empty() {
                    f(c.clone())
                } else if parse_number::<f64>(&v).is_some() {
                    f(format!("{c}<{}", v.trim().replace(',', ".")))
                }
            }
        })
    };
    let on_permutations = {
        let f = change(|s, v| s.permutations = parse_number(&v).unwrap_or(s.permutations));
        Callback::from(move |e: InputEvent| f(input_value(&e)))
    };
    let on_micom = {
        let f = change(|s, v| s.micom = v == "true");
        Callback::from(move |e: Event| f(e.target_unchecked_into::<HtmlInputElement>().checked().to_string()))
    };
    let on_measures = {
        let f = change(|s, v| s.measures = v == "true");
        Callback::from(move |e: Event| f(e.target_unchecked_into::<HtmlInputElement>().checked().to_string()))
    };
    let on_target = {
        let f = change(|s, v| s.ipma = (!v.is_empty()).then_some(v));
        Callback::from(move |e: Event| f(select_value(e)))
    };
    let on_scale = {
        let f = change(|s, v| s.ipma_scale = (!v.trim().is_empty()).then(|| v.trim().to_string()));
        Callback::from(move |e: InputEvent| f(input_value(&e)))
    };
    html! {
        <fieldset id="study" class="grid">
            <legend>{ t(l, Key::StudyTitle) }</legend>
            { pick("set-groups", t(l, Key::GroupsBy), t(l, Key::NoGroups), &p.columns, column.as_deref(), on_column) }
            <label>{ t(l, Key::GroupSplit) }<input id="set-group_split" type="text" inputmode="decimal" value={split} disabled={column.is_none()} oninput={on_split} /></label>
            <label>{ t(l, Key::Permutations) }<input id="set-permutations" type="text" inputmode="numeric" value={p.study.permutations.to_string()} oninput={on_permutations} /></label>
            <label class="check"><input id="set-micom" type="checkbox" checked={p.study.micom} onchange={on_micom} />{ t(l, Key::Micom) }</label>
            <label class="check"><input id="set-mga_measures" type="checkbox" checked={p.study.measures} onchange={on_measures} />{ t(l, Key::MgaMeasures) }</label>
            { pick("set-ipma", t(l, Key::IpmaTarget), t(l, Key::NoIpma), &p.targets, p.study.ipma.as_deref(), on_target) }
            <label>{ t(l, Key::IpmaScale) }<input id="set-ipma_scale" type="text" placeholder="1,5" value={p.study.ipma_scale.clone().unwrap_or_default()} oninput={on_scale} /></label>
        </fieldset>
    }
}
