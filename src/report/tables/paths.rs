//! Bootstrapped path coefficients with f² and the verdict of each path.

use crate::engine::result::{AnalysisResult, Inference};
use crate::engine::settings::{CiMethod, Settings, Significance};
use crate::report::cells::{cols, num_in, tr, Cell, Flag, Table};
use crate::report::thresholds::{levels, F2};
use crate::report::{methods, Lang};

/// Marks a verdict where the p-value and the confidence interval disagree.
pub const DISAGREE_MARK: &str = "⚠";

pub fn build(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    let rows = r
        .path_coefficients
        .iter()
        .map(|p| {
            let mut verdict = match p.significant {
                Some(true) => tr(lang, "significant", "signifikan"),
                Some(false) => tr(lang, "not significant", "tidak signifikan"),
                None => "—".into(),
            };
            if p.p_ci_disagree == Some(true) {
                verdict.push(' ');
                verdict.push_str(DISAGREE_MARK);
            }
            vec![
                Cell::text(format!("{} → {}", p.from, p.to)),
                Cell::num(p.estimate, lang),
                Cell::num(p.mean, lang),
                Cell::num(p.se, lang),
                Cell::num(p.t, lang),
                Cell::p(p.p, lang),
                Cell::ci(&Inference { ci_lower: p.ci_lower, ci_upper: p.ci_upper, ..Default::default() }, lang),
                Cell::num(p.f2, lang),
                Cell { text: verdict, value: None, flag: p.significant.map(|s| if s { Flag::Good } else { Flag::Bad }), interval: None },
            ]
        })
        .collect();
    let (columns, keys) = cols(
        lang,
        &[("Path", "Jalur"), ("O", "O"), ("M", "M"), ("STDEV", "SB"), ("t", "t"), ("p", "p"), ("CI", "IK"), ("f²", "f²"), ("Verdict", "Keputusan")],
    );
    let disagree = r.path_coefficients.iter().any(|p| p.p_ci_disagree == Some(true));
    Some(Table {
        id: "paths".into(),
        title: tr(lang, "Path coefficients (bootstrap)", "Koefisien jalur (bootstrap)"),
        note: note(&r.settings, disagree, lang) + &reversal_note(r, lang),
        columns,
        keys,
        rows,
    })
}

/// The columns, the verdict rule with its tails, f² levels, and (when a
/// row is marked) why p and the interval can disagree.
fn note(s: &Settings, disagree: bool, lang: Lang) -> String {
    let en = lang == Lang::En;
    let pct = crate::report::localize(methods::ci_percent(s), lang);
    let tails = methods::tails_word(s.tails, lang);
    let rule = verdict_rule(s, lang);
    let mut note = if en {
        let f2 = levels(F2, ["small", "medium", "large"], lang);
        format!("Original sample (O), bootstrap mean (M), standard deviation (STDEV), t = O/STDEV, {tails} p, {pct}% confidence interval (CI); significant: {rule}. f²: {f2}.")
    } else {
        let f2 = levels(F2, ["kecil", "sedang", "besar"], lang);
        format!("Sampel asli (O), rata-rata bootstrap (M), simpangan baku (SB), t = O/SB, p {tails}, interval kepercayaan (IK) {pct}%; signifikan: {rule}. f²: {f2}.")
    };
    if disagree {
        let bca = s.ci != CiMethod::Bca;
        note += &match (en, bca) {
            (true, true) => format!(" {DISAGREE_MARK} p and the confidence interval disagree: the bootstrap distribution is skewed (see its histogram); consider BCa intervals."),
            (true, false) => format!(" {DISAGREE_MARK} p and the confidence interval disagree: the bootstrap distribution is skewed (see its histogram)."),
            (false, true) => format!(" {DISAGREE_MARK} p dan interval kepercayaan tidak sejalan: distribusi bootstrap menceng (lihat histogramnya); pertimbangkan interval BCa."),
            (false, false) => format!(" {DISAGREE_MARK} p dan interval kepercayaan tidak sejalan: distribusi bootstrap menceng (lihat histogramnya)."),
        };
    }
    note
}

/// What the verdict calls significant: "p < 0.05, two-tailed" or "the 95%
/// CI excludes zero (two-tailed, α = 0.05)".
pub(crate) fn verdict_rule(s: &Settings, lang: Lang) -> String {
    let pct = crate::report::localize(methods::ci_percent(s), lang);
    let tails = methods::tails_word(s.tails, lang);
    let alpha = num_in(s.alpha, lang);
    match (s.significance, lang) {
        (Significance::PValue, _) => format!("p < {alpha}, {tails}"),
        (Significance::Interval, Lang::En) => format!("the {pct}% CI excludes zero ({tails}, α = {alpha})"),
        (Significance::Interval, Lang::Id) => format!("IK {pct}% tidak memuat nol ({tails}, α = {alpha})"),
    }
}

/// For each row where p and the interval disagree and a construct of the
/// path was sign-reversed in some resamples: the share, as the likely cause
/// (a mirrored cluster of resamples widens the interval). Empty otherwise.
fn reversal_note(r: &AnalysisResult, lang: Lang) -> String {
    let Some(rev) = r.bootstrap.as_ref().and_then(|b| b.sign_reversals.as_ref()) else {
        return String::new();
    };
    let corrected = !rev.correction.is_none();
    let mut out = String::new();
    for p in r.path_coefficients.iter().filter(|p| p.p_ci_disagree == Some(true)) {
        let Some((construct, share)) = rev.path_share(&p.from, &p.to) else { continue };
        let pct = match lang {
            Lang::En => format!("{:.1} %", share * 100.0),
            Lang::Id => format!("{:.1} %", share * 100.0).replace('.', ","),
        };
        out += &match (lang, corrected) {
            (Lang::En, false) => format!(" {DISAGREE_MARK} {} → {}: {construct} was sign-reversed in {pct} of the resamples, which widens the interval (see the warnings; the setting sign_change corrects it).", p.from, p.to),
            (Lang::En, true) => format!(" {DISAGREE_MARK} {} → {}: {construct} was sign-reversed in {pct} of the resamples (corrected).", p.from, p.to),
            (Lang::Id, false) => format!(" {DISAGREE_MARK} {} → {}: {construct} terbalik tandanya pada {pct} sampel ulang, sehingga intervalnya melebar (lihat peringatan; pengaturan sign_change mengoreksinya).", p.from, p.to),
            (Lang::Id, true) => format!(" {DISAGREE_MARK} {} → {}: {construct} terbalik tandanya pada {pct} sampel ulang (sudah dikoreksi).", p.from, p.to),
        };
    }
    out
}
