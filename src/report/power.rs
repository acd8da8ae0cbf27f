//! "Plan sample size": the power table (power per effect and sample size,
//! the n at the target power), the Kock–Hadaya minimum sample sizes and a
//! sentence for the paper, in English and Bahasa Indonesia. Every number
//! comes from the [`PowerResult`].

use crate::engine::result_power::{PowerCurve, PowerResult, TargetN};
use crate::report::cells::{cols, fmt3_in, localize, num_in, tr, Cell, Table};
use crate::report::{methods, Lang};

/// "80" for 0.8 (a share in percent, without needless decimals).
fn pct(share: f64) -> String {
    methods::percent(1.0 - share)
}

/// α as a paper writes it: ".05" in English (APA), "0,05" in Indonesian.
fn alpha_text(alpha: f64, lang: Lang) -> String {
    let s = num_in(alpha, lang);
    match lang {
        Lang::En => s.strip_prefix('0').map(str::to_string).unwrap_or(s),
        Lang::Id => s,
    }
}

/// A coefficient with two decimals and a true minus sign.
/// A coefficient as the tables print it (three decimals), without
/// trailing zeros beyond two (a typed −0.39 stays "−0.39").
fn coef(v: f64, lang: Lang) -> String {
    let mut s = format!("{v:.3}");
    if s.ends_with('0') {
        s.pop();
    }
    localize(s, lang).replace('-', "−")
}

fn effect_name(c: &PowerCurve) -> String {
    c.path.join(" → ")
}

/// "≈ 180", "≤ 40", "> 300".
fn target_cell(t: &TargetN) -> Cell {
    match *t {
        TargetN::AtOrBelow { n } => Cell { text: format!("≤ {n}"), value: Some(n as f64), flag: None, interval: None },
        TargetN::Interpolated { n } => Cell { text: format!("≈ {}", n.ceil()), value: Some(n.ceil()), flag: None, interval: None },
        TargetN::AboveGrid { largest } => Cell { text: format!("> {largest}"), value: None, flag: None, interval: None },
    }
}

/// Both tables, in reading order.
pub fn tables(r: &PowerResult, lang: Lang) -> Vec<Table> {
    vec![power_table(r, lang), kock_hadaya_table(r, lang)]
}

fn power_table(r: &PowerResult, lang: Lang) -> Table {
    let p = &r.power;
    let target = pct(p.target_power);
    let (mut columns, mut keys) = cols(lang, &[("Effect", "Pengaruh"), ("β", "β")]);
    for n in &p.grid {
        columns.push(format!("n = {n}"));
        keys.push(format!("n = {n}"));
    }
    columns.push(tr(lang, &format!("n for {target}%"), &format!("n untuk {target}%")));
    keys.push(format!("n for {target}%"));
    let rows = p
        .effects
        .iter()
        .map(|c| {
            let mut row = vec![Cell::text(effect_name(c)), Cell::num(Some(c.population), lang)];
            for pt in &c.points {
                let text = format!("{} ({})", fmt3_in(Some(pt.power), lang), fmt3_in(Some(pt.mc_se), lang));
                row.push(Cell { text, value: Some(pt.power), flag: None, interval: None });
            }
            row.push(target_cell(&c.n_at_target));
            row
        })
        .collect();
    Table {
        id: "power".into(),
        title: tr(lang, "Plan sample size: Monte-Carlo power", "Rencana ukuran sampel: daya Monte-Carlo"),
        note: power_note(r, lang),
        columns,
        keys,
        rows,
    }
}

fn failures_text(r: &PowerResult, lang: Lang) -> String {
    let failed: Vec<String> = r.power.failures.iter().filter(|f| f.failed > 0).map(|f| format!("n = {}: {}", f.n, f.failed)).collect();
    if failed.is_empty() {
        tr(lang, "none", "tidak ada")
    } else {
        failed.join(", ")
    }
}

fn power_note(r: &PowerResult, lang: Lang) -> String {
    let p = &r.power;
    let (rule, failed, target) = (crate::report::tables::paths::verdict_rule(&r.settings, lang), failures_text(r, lang), pct(p.target_power));
    let source = match (p.population.user_paths.is_empty(), lang) {
        (true, Lang::En) => "the estimate's standardized paths".to_string(),
        (true, Lang::Id) => "koefisien jalur terstandar hasil estimasi".to_string(),
        (false, Lang::En) => format!("the estimate's standardized paths, with {}", p.population.user_paths.join("; ")),
        (false, Lang::Id) => format!("koefisien jalur terstandar hasil estimasi, dengan {}", p.population.user_paths.join("; ")),
    };
    let approx = match (p.population.exact_moments, lang) {
        (true, _) => String::new(),
        (false, Lang::En) => " The population's moments are normal-theory approximations (a construct of an interaction lies downstream of another interaction term).".into(),
        (false, Lang::Id) => " Momen populasi merupakan hampiran teori normal (konstruk suatu interaksi berada di hilir suku interaksi lain).".into(),
    };
    let likert = match (p.likert, lang) {
        (true, Lang::En) => " Indicators on the data's Likert categories.",
        (true, Lang::Id) => " Indikator pada kategori Likert data.",
        (false, _) => "",
    };
    match lang {
        Lang::En => format!(
            "Power = share of the R = {} replications per sample size whose estimate is significant ({rule}; B = {} bootstrap resamples each, seed {}), Monte-Carlo SE in parentheses; the n for {target}% power is interpolated between the sample sizes. Population: composite model with {source}. Failed replications, counted as not significant: {failed}.{likert}{approx}",
            p.replications, p.resamples, p.seed
        ),
        Lang::Id => format!(
            "Daya = proporsi dari R = {} replikasi per ukuran sampel yang estimasinya signifikan ({rule}; masing-masing B = {} sampel ulang bootstrap, seed {}), galat baku Monte-Carlo dalam kurung; n untuk daya {target}% diinterpolasi di antara ukuran sampel. Populasi: model komposit dengan {source}. Replikasi gagal, dihitung tidak signifikan: {failed}.{likert}{approx}",
            p.replications, p.resamples, p.seed
        ),
    }
}

fn kock_hadaya_table(r: &PowerResult, lang: Lang) -> Table {
    let k = &r.power.kock_hadaya;
    let rows = k
        .paths
        .iter()
        .map(|m| {
            let n = m.n_min.map(|n| n as f64);
            vec![Cell::text(format!("{} → {}", m.from, m.to)), Cell::num(Some(m.beta), lang), Cell { text: n.map_or("—".into(), |n| format!("{n}")), value: n, flag: None, interval: None }]
        })
        .collect();
    let (columns, keys) = cols(lang, &[("Path", "Jalur"), ("β", "β"), ("n_min", "n_min")]);
    let (za, zp) = (fmt3_in(Some(k.z_alpha), lang), fmt3_in(Some(k.z_power), lang));
    let (tails, alpha, power) = (methods::tails_word(k.tails, lang), num_in(k.alpha, lang), pct(k.power));
    let z_name = if k.tails == crate::engine::settings::Tails::Two { "z(1−α/2)" } else { "z(1−α)" };
    let minimum = k.minimum.as_ref().map_or(String::new(), |m| {
        let n = m.n_min.map_or("—".into(), |n| n.to_string());
        match lang {
            Lang::En => format!(" The model's minimum (weakest path {} → {}, β = {}): n = {n}.", m.from, m.to, coef(m.beta, lang)),
            Lang::Id => format!(" Minimum model (jalur terlemah {} → {}, β = {}): n = {n}.", m.from, m.to, coef(m.beta, lang)),
        }
    });
    Table {
        id: "kock_hadaya".into(),
        title: tr(lang, "Minimum sample size (inverse square-root method)", "Ukuran sampel minimum (metode akar kuadrat terbalik)"),
        note: match lang {
            Lang::En => format!("Kock & Hadaya (2018): n_min > (({z_name} + z_power)/|β|)² with {z_name} = {za} (α = {alpha}, {tails}) and z_power = {zp} ({power}% power).{minimum}"),
            Lang::Id => format!("Kock & Hadaya (2018): n_min > (({z_name} + z_daya)/|β|)² dengan {z_name} = {za} (α = {alpha}, {tails}) dan z_daya = {zp} (daya {power}%).{minimum}"),
        },
        columns,
        keys,
        rows,
    }
}

/// The curves a paper's sentence reports: every interaction term, else
/// the weakest path.
fn focal(r: &PowerResult) -> Vec<&PowerCurve> {
    use crate::engine::result_power::EffectKind;
    let effects = &r.power.effects;
    let inter: Vec<&PowerCurve> = effects.iter().filter(|c| c.kind == EffectKind::Interaction).collect();
    if !inter.is_empty() {
        return inter;
    }
    effects.iter().filter(|c| c.kind == EffectKind::Path).min_by(|a, b| a.population.abs().total_cmp(&b.population.abs())).into_iter().collect()
}

/// One sentence per focal effect (see [`focal`]) for the paper's method
/// section.
pub fn sentences(r: &PowerResult, lang: Lang) -> Vec<String> {
    let p = &r.power;
    let s = &r.settings;
    let (alpha, tails, target) = (alpha_text(s.alpha, lang), methods::tails_word(s.tails, lang), pct(p.target_power));
    focal(r)
        .into_iter()
        .map(|c| {
            let what = match (c.kind == crate::engine::result_power::EffectKind::Interaction, lang) {
                (true, Lang::En) => format!("the interaction term {} (β = {})", effect_name(c), coef(c.population, lang)),
                (false, Lang::En) => format!("the path {} (β = {})", effect_name(c), coef(c.population, lang)),
                (true, Lang::Id) => format!("suku interaksi {} (β = {})", effect_name(c), coef(c.population, lang)),
                (false, Lang::Id) => format!("jalur {} (β = {})", effect_name(c), coef(c.population, lang)),
            };
            let finding = finding(c, &target, &what, lang);
            match lang {
                Lang::En => format!("A Monte-Carlo power analysis (R = {} replications per sample size, B = {} bootstrap resamples, α = {alpha} {tails}) indicates that {finding}.", p.replications, p.resamples),
                Lang::Id => format!("Analisis daya Monte-Carlo (R = {} replikasi per ukuran sampel, B = {} sampel ulang bootstrap, α = {alpha} {tails}) menunjukkan bahwa {finding}.", p.replications, p.resamples),
            }
        })
        .collect()
}

fn finding(c: &PowerCurve, target: &str, what: &str, lang: Lang) -> String {
    let last = c.points.last().map_or(0.0, |p| p.power);
    match (c.n_at_target, lang) {
        (TargetN::Interpolated { n }, Lang::En) => format!("n ≈ {} respondents give {target}% power to detect {what}", n.ceil()),
        (TargetN::Interpolated { n }, Lang::Id) => format!("n ≈ {} responden memberikan daya {target}% untuk mendeteksi {what}", n.ceil()),
        (TargetN::AtOrBelow { n }, Lang::En) => format!("n = {n} respondents already give at least {target}% power to detect {what}"),
        (TargetN::AtOrBelow { n }, Lang::Id) => format!("n = {n} responden sudah memberikan daya paling sedikit {target}% untuk mendeteksi {what}"),
        (TargetN::AboveGrid { largest }, Lang::En) => format!("more than {largest} respondents are needed for {target}% power to detect {what} (power at n = {largest}: {})", fmt3_in(Some(last), lang)),
        (TargetN::AboveGrid { largest }, Lang::Id) => format!("diperlukan lebih dari {largest} responden untuk daya {target}% dalam mendeteksi {what} (daya pada n = {largest}: {})", fmt3_in(Some(last), lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Settings;

    fn example() -> PowerResult {
        use crate::data::{read_bytes, ReadOptions};
        use crate::model::{parse_syntax, validate};
        let (ds, _) = read_bytes(include_bytes!("../../www/examples/crm_sc_bp.csv"), &ReadOptions::default()).unwrap();
        let model = validate(&parse_syntax(crate::ui::state::EXAMPLE_MODEL).unwrap(), &ds.names).unwrap();
        let req = crate::power::PowerRequest { grid: vec![40, 300], replications: 20, resamples: 30, paths: vec!["CRM*SC -> BP = -0.39".into()], ..Default::default() };
        crate::power::plan(&ds, &model, &Settings { threads: 1, ..Settings::smartpls() }, &req, &|_| true).unwrap()
    }

    /// Every word in both languages, numbers with the language's decimal
    /// sign, one row per effect and one column per sample size.
    #[test]
    fn both_tables_and_the_sentence_in_both_languages() {
        let r = example();
        let (en, id) = (tables(&r, Lang::En), tables(&r, Lang::Id));
        for (a, b) in en.iter().zip(&id) {
            assert_eq!((&a.id, &a.keys), (&b.id, &b.keys));
            assert_ne!(a.title, b.title);
            assert_ne!(a.note, b.note);
            assert_eq!(a.rows.len(), 3);
            assert!(b.rows[0][1].text.contains(',') && a.rows[0][1].text.contains('.'), "{:?}", b.rows[0][1]);
        }
        assert_eq!(en[0].columns.len(), 2 + 2 + 1);
        assert_eq!(en[0].columns[2..4], ["n = 40", "n = 300"]);
        let inter = r.power.effects.iter().position(|c| c.path == ["CRM*SC", "BP"]).unwrap();
        let reached = &en[0].rows[inter][4].text;
        assert!(["≤ 40", "> 300"].contains(&reached.as_str()) || reached.starts_with("≈ "), "{reached}");
        let s_en = sentences(&r, Lang::En);
        let s_id = sentences(&r, Lang::Id);
        assert_eq!((s_en.len(), s_id.len()), (1, 1));
        assert!(s_en[0].starts_with("A Monte-Carlo power analysis (R = 20 replications per sample size, B = 30 bootstrap resamples, α = .05 two-tailed) indicates that"), "{}", s_en[0]);
        assert!(s_en[0].contains("the interaction term CRM*SC → BP (β = −0.39)"), "{}", s_en[0]);
        assert!(s_id[0].contains("α = 0,05 dua arah") && s_id[0].contains("(β = −0,39)"), "{}", s_id[0]);
        assert!(en[1].note.contains("z(1−α/2) = 1.960") && id[1].note.contains("z(1−α/2) = 1,960"), "{}", en[1].note);
    }

    /// Every curve's points lie in the plot area, at its grid's x and its
    /// power's height, and the legend stays in the view box.
    #[test]
    fn the_power_plot_places_every_point() {
        use crate::report::svg::{power_layout, power_plot};
        let r = example();
        let l = power_layout(&r);
        let p = l.plot;
        assert_eq!(l.curves.len(), r.power.effects.len());
        for ((label, pts, legend), c) in l.curves.iter().zip(&r.power.effects) {
            assert_eq!(pts.len(), r.power.grid.len());
            for (q, pt) in pts.iter().zip(&c.points) {
                assert!(q.x >= p.x - 1e-9 && q.x <= p.x + p.w + 1e-9 && q.y >= p.y - 1e-9 && q.y <= p.y + p.h + 1e-9, "{label}: {q:?}");
                assert!((q.y - (p.y + p.h * (1.0 - pt.power))).abs() < 1e-9);
            }
            assert!(legend.x > p.x + p.w && legend.y + 10.0 < crate::report::svg::power::HEIGHT);
        }
        assert!((pts_x(&l, 0) - p.x).abs() < 1e-9 && (pts_x(&l, 1) - (p.x + p.w)).abs() < 1e-9);
        let svg = power_plot(&r, Lang::Id);
        assert!(svg.starts_with("<svg") && svg.contains("CRM*SC → BP") && svg.contains("daya"));
    }

    fn pts_x(l: &crate::report::svg::power::PowerLayout, k: usize) -> f64 {
        l.curves[0].1[k].x
    }
}
