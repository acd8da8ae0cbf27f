//! View-models of a result: tables with formatted cells, shared by the
//! command line (aligned text, CSV) and the web app. Never computes
//! statistics: every number comes from [`AnalysisResult`].
//!
//! Every title, note, column header and verdict exists in English and
//! Bahasa Indonesia ([`Lang`]). Displayed numbers follow the language
//! (`0.401` / `0,401`); [`to_csv`] always writes machine-readable values
//! (full precision, dot decimals), [`to_tsv`] the displayed text.
//!
//! Each table is built by its own file under [`mod@tables`] (listed in reading
//! order by [`fn@tables`]); cells and number formatting are shared from
//! `cells.rs`; the rules of thumb that flag cells and that notes quote are
//! written once, in [`thresholds`].

mod cells;
pub mod histogram;
pub mod methods;
pub mod power;
pub mod svg;
pub mod tables;
pub mod thresholds;
pub mod workbook;

pub(crate) use cells::localize;
pub use cells::{fmt3, fmt3_in, fmt_p, fmt_p_in, num_in, Cell, Flag, Table};
pub use methods::Lang;
pub use tables::paths::DISAGREE_MARK;

use crate::engine::result::AnalysisResult;
use tables::*;

/// How one file of [`tables`] makes its tables.
enum Build {
    /// One table, or none when the result has nothing for it.
    One(fn(&AnalysisResult, Lang) -> Option<Table>),
    /// One table per item (simple slopes: per interaction).
    Each(fn(&AnalysisResult, Lang) -> Vec<Table>),
}

/// The parts of a report, in the order a paper reports them; the page's
/// table of contents lists them with the number of flagged criteria.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    Measurement,
    Structural,
    Predictive,
    Moderation,
    Mediation,
    Fit,
    Groups,
    Importance,
    HigherOrder,
}

impl Section {
    /// Stable identifier (the page's anchor `#section-…`).
    pub fn id(self) -> &'static str {
        match self {
            Section::Measurement => "measurement",
            Section::Structural => "structural",
            Section::Predictive => "predictive",
            Section::Moderation => "moderation",
            Section::Mediation => "mediation",
            Section::Fit => "fit",
            Section::Groups => "groups",
            Section::Importance => "importance",
            Section::HigherOrder => "higher-order",
        }
    }

    pub fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Section::Measurement, Lang::En) => "Measurement model",
            (Section::Measurement, Lang::Id) => "Model pengukuran",
            (Section::Structural, Lang::En) => "Structural model",
            (Section::Structural, Lang::Id) => "Model struktural",
            (Section::Predictive, Lang::En) => "Predictive power",
            (Section::Predictive, Lang::Id) => "Daya prediksi",
            (Section::Moderation, Lang::En) => "Moderation",
            (Section::Moderation, Lang::Id) => "Moderasi",
            (Section::Mediation, Lang::En) => "Mediation",
            (Section::Mediation, Lang::Id) => "Mediasi",
            (Section::Fit, Lang::En) => "Model fit",
            (Section::Fit, Lang::Id) => "Kecocokan model",
            (Section::Groups, Lang::En) => "Multigroup analysis",
            (Section::Groups, Lang::Id) => "Analisis multigrup",
            (Section::Importance, Lang::En) => "Importance-performance map",
            (Section::Importance, Lang::Id) => "Peta kepentingan-kinerja",
            (Section::HigherOrder, Lang::En) => "Higher-order constructs",
            (Section::HigherOrder, Lang::Id) => "Konstruk tingkat tinggi",
        }
    }
}

/// The results tables in reading order, each with its section. A new table
/// is a new file under `tables/` and a line here.
const READING_ORDER: &[(Section, Build)] = &[
    (Section::Measurement, Build::One(outer_model::build)),
    (Section::Measurement, Build::One(reliability::build)),
    (Section::Measurement, Build::One(fornell_larcker::build)),
    (Section::Measurement, Build::One(htmt::build)),
    (Section::Measurement, Build::One(bootstrap_ci::htmt)),
    (Section::Measurement, Build::One(cross_loadings::build)),
    (Section::Structural, Build::One(paths::build)),
    (Section::Structural, Build::One(r_squared::build)),
    (Section::Structural, Build::One(bootstrap_ci::r_squared)),
    (Section::Structural, Build::One(inner_vif::build)),
    (Section::Mediation, Build::One(indirect_effects::build)),
    (Section::Mediation, Build::One(specific_indirect::build)),
    (Section::Mediation, Build::One(conditional_indirect::build)),
    (Section::Fit, Build::One(fit::build)),
    (Section::Moderation, Build::Each(simple_slopes::build)),
    (Section::Moderation, Build::One(floodlight::build)),
    (Section::HigherOrder, Build::One(hoc::build)),
    (Section::Predictive, Build::One(blindfolding::build)),
    (Section::Predictive, Build::One(predict::indicators)),
    (Section::Predictive, Build::One(predict::constructs)),
    (Section::Predictive, Build::One(predict::verdict)),
    (Section::Predictive, Build::One(predict::cvpat)),
    (Section::Importance, Build::One(ipma::build)),
    (Section::Groups, Build::One(micom::build)),
    (Section::Groups, Build::One(groups::build)),
    (Section::Groups, Build::One(groups::measures)),
];

/// Every table a paper needs, in reading order, in `lang`.
pub fn tables(r: &AnalysisResult, lang: Lang) -> Vec<Table> {
    sectioned(r, lang).into_iter().map(|(_, t)| t).collect()
}

/// [`tables`] with the section of each.
pub fn sectioned(r: &AnalysisResult, lang: Lang) -> Vec<(Section, Table)> {
    let mut out = Vec::new();
    for (section, b) in READING_ORDER {
        let made = match b {
            Build::One(f) => f(r, lang).into_iter().collect(),
            Build::Each(f) => f(r, lang),
        };
        out.extend(made.into_iter().map(|t| (*section, t)));
    }
    out
}

/// The sections present, in the order they first appear, each with the
/// number of its cells that fail their rule of thumb.
pub fn contents(tables: &[(Section, Table)]) -> Vec<(Section, usize)> {
    let mut out: Vec<(Section, usize)> = Vec::new();
    for (section, t) in tables {
        let flagged = t.rows.iter().flatten().filter(|c| c.flag == Some(Flag::Bad)).count();
        match out.iter_mut().find(|(s, _)| s == section) {
            Some((_, n)) => *n += flagged,
            None => out.push((*section, flagged)),
        }
    }
    out
}

/// Aligned plain-text rendering.
pub fn to_text(t: &Table) -> String {
    let ncol = t.columns.len();
    let mut width = vec![0usize; ncol];
    let all = std::iter::once(t.columns.clone()).chain(t.rows.iter().map(|r| r.iter().map(|c| c.text.clone()).collect()));
    let all: Vec<Vec<String>> = all.collect();
    for row in &all {
        for (j, c) in row.iter().enumerate().take(ncol) {
            width[j] = width[j].max(c.chars().count());
        }
    }
    let mut out = format!("{}\n", t.title);
    for (n, row) in all.iter().enumerate() {
        let line: Vec<String> = row
            .iter()
            .enumerate()
            .take(ncol)
            .map(|(j, c)| {
                let pad = width[j] - c.chars().count();
                if j == 0 {
                    format!("{c}{}", " ".repeat(pad))
                } else {
                    format!("{}{c}", " ".repeat(pad))
                }
            })
            .collect();
        out.push_str("  ");
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
        if n == 0 {
            out.push_str("  ");
            out.push_str(&width.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("  "));
            out.push('\n');
        }
    }
    out.push_str(&format!("  {}\n", t.note));
    out
}

/// CSV as programs read it: comma, full precision, dot decimals, intervals
/// as two numeric columns; headers and words as displayed (`lang` is the
/// table's language).
pub fn to_csv(t: &Table, lang: Lang) -> String {
    to_csv_styled(t, lang, ',', false)
}

/// CSV for a spreadsheet in the table's language `lang`: in Indonesian (as
/// Indonesian Excel reads it) `;` between fields and decimal commas;
/// otherwise [`to_csv`].
pub fn to_csv_local(t: &Table, lang: Lang) -> String {
    match lang {
        Lang::En => to_csv(t, lang),
        Lang::Id => to_csv_styled(t, lang, ';', true),
    }
}

fn to_csv_styled(t: &Table, lang: Lang, sep: char, decimal_comma: bool) -> String {
    let esc = |s: &str| {
        if s.contains([sep, '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let (headers, rows) = cells::export_grid(t, lang);
    let line = |cells: Vec<String>| cells.join(&sep.to_string()) + "\n";
    let mut out = line(headers.iter().map(|h| esc(h)).collect());
    for row in rows {
        out.push_str(&line(
            row.iter()
                .map(|c| match c {
                    cells::Export::Number(v) if decimal_comma => format!("{v}").replace('.', ","),
                    cells::Export::Number(v) => format!("{v}"),
                    cells::Export::Text(s) => esc(s),
                    cells::Export::Empty => String::new(),
                })
                .collect(),
        ));
    }
    out
}

/// Tab-separated with the displayed text (pastes into spreadsheets and Word).
pub fn to_tsv(t: &Table) -> String {
    let mut out = t.columns.join("\t");
    out.push('\n');
    for row in &t.rows {
        out.push_str(&row.iter().map(|c| c.text.replace('\t', " ")).collect::<Vec<_>>().join("\t"));
        out.push('\n');
    }
    out
}

/// The bundled example (crm_sc_bp) analysed with `settings` on one thread,
/// for the report's tests.
#[cfg(test)]
pub(crate) fn example_result(settings: crate::engine::Settings) -> AnalysisResult {
    use crate::data::{read_bytes, ReadOptions};
    use crate::model::{parse_syntax, validate};
    let (ds, _) = read_bytes(include_bytes!("../../www/examples/crm_sc_bp.csv"), &ReadOptions::default()).unwrap();
    let model = validate(&parse_syntax(crate::ui::state::EXAMPLE_MODEL).unwrap(), &ds.names).unwrap();
    crate::pipeline::analyze(&ds, &model, &crate::engine::Settings { threads: 1, ..settings }, &|_| true).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::engine::Settings;

    fn example() -> AnalysisResult {
        example_result(Settings { bootstrap: 100, seed: 3, ..Settings::smartpls() })
    }

    /// Symbols and names that read the same in both languages.
    const SAME_IN_BOTH: &[&str] = &["", "—", "SSO", "SSE", "Q² (= 1 − SSE/SSO)", "O", "M", "t", "p", "f²", "R²", "Q²", "VIF", "HTMT", "AVE", "ρ_A", "ρ_C", "SRMR", "GoF", "CI"];

    fn is_number(s: &str) -> bool {
        let s = s.trim_start_matches(['<', ' ', '-', '−']);
        !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    }

    #[test]
    fn indonesian_tables_translate_every_word() {
        let r = example();
        let names: Vec<String> = r
            .constructs
            .iter()
            .flat_map(|c| std::iter::once(c.name.clone()).chain(c.indicators.iter().cloned()))
            .collect();
        // a name, a path "A → B" or a pair "A – B" of names
        let is_name = |s: &str| names.iter().any(|n| n == s) || s.split(" → ").flat_map(|p| p.split(" – ")).all(|part| names.iter().any(|n| n == part));
        let en = tables(&r, Lang::En);
        let id = tables(&r, Lang::Id);
        assert_eq!(en.len(), id.len());
        let mut checked = 0;
        for (a, b) in en.iter().zip(&id) {
            assert_eq!(a.id, b.id, "ids are stable");
            assert_eq!(a.keys, b.keys, "column keys are stable");
            assert_eq!(a.keys.len(), a.columns.len());
            assert_ne!(a.title, b.title, "{}: title", a.id);
            assert_ne!(a.note, b.note, "{}: note", a.id);
            let mut pairs: Vec<(&str, &str)> = a.columns.iter().map(String::as_str).zip(b.columns.iter().map(String::as_str)).collect();
            for (ra, rb) in a.rows.iter().zip(&b.rows) {
                pairs.extend(ra.iter().map(|c| c.text.as_str()).zip(rb.iter().map(|c| c.text.as_str())));
            }
            for (x, y) in pairs {
                if SAME_IN_BOTH.contains(&x) || is_number(x) || is_name(x) {
                    continue;
                }
                checked += 1;
                assert_ne!(x, y, "{}: {x:?} is not translated", a.id);
            }
        }
        assert!(checked > 20, "only {checked} strings compared");
        let paths = id.iter().find(|t| t.id == "paths").unwrap();
        assert_eq!(paths.columns[0], "Jalur");
        assert!(paths.rows.iter().any(|r| r.last().unwrap().text.contains("signifikan")));
        let slopes = id.iter().find(|t| t.id.starts_with("simple_slopes_")).unwrap();
        assert!(slopes.rows[0][0].text.contains(" pada "), "{}", slopes.rows[0][0].text);
    }

    #[test]
    fn indonesian_numbers_use_a_comma_and_csv_keeps_dots() {
        let r = example();
        let en = tables(&r, Lang::En);
        let id = tables(&r, Lang::Id);
        for (a, b) in en.iter().zip(&id) {
            for (ra, rb) in a.rows.iter().zip(&b.rows) {
                for (ca, cb) in ra.iter().zip(rb) {
                    assert_eq!(ca.value, cb.value, "{}: same value behind the cell", a.id);
                    if ca.value.is_some() && ca.text != "—" {
                        assert!(cb.text.contains(',') && !cb.text.contains('.'), "{}: {:?}", a.id, cb.text);
                        assert!(ca.text.contains('.') && !ca.text.contains(','), "{}: {:?}", a.id, ca.text);
                    }
                }
            }
            // CSV: the same numbers, dots only, in both languages; the
            // Indonesian spreadsheet CSV has them with decimal commas and `;`.
            let (csv_en, csv_id) = (to_csv(a, Lang::En), to_csv(b, Lang::Id));
            let body = |s: &str| s.lines().skip(1).map(str::to_string).collect::<Vec<_>>();
            let (be, bi) = (body(&csv_en), body(&csv_id));
            assert_eq!(be.len(), a.rows.len());
            let nums = |l: &str, sep: char| l.split(sep).filter_map(|c| c.replace(',', ".").parse::<f64>().ok()).collect::<Vec<_>>();
            for (le, li) in be.iter().zip(&bi) {
                assert_eq!(nums(le, ','), nums(li, ','), "{}", a.id);
            }
            let local = to_csv_local(b, Lang::Id);
            for (le, ll) in be.iter().zip(body(&local).iter()) {
                assert_eq!(nums(le, ','), nums(ll, ';'), "{}: {ll}", a.id);
                assert!(!ll.split(';').any(|c| c.contains('.') && c.parse::<f64>().is_ok()), "{}: {ll}", a.id);
            }
            assert_eq!(to_csv_local(a, Lang::En), csv_en);
            // TSV: displayed text.
            assert!(to_tsv(b).lines().next().unwrap().split('\t').eq(b.columns.iter().map(String::as_str)));
        }
        let paths = id.iter().find(|t| t.id == "paths").unwrap();
        let ci = &paths.rows[0][6];
        assert!(ci.text.starts_with('[') && ci.text.contains("; "), "{}", ci.text);
        let (lo, hi) = ci.interval.unwrap();
        let csv = to_csv(paths, Lang::Id);
        let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
        assert_eq!(&header[6..8], [format!("{} bawah", paths.columns[6]), format!("{} atas", paths.columns[6])]);
        let row: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
        assert_eq!((row[6].parse::<f64>().unwrap(), row[7].parse::<f64>().unwrap()), (lo, hi), "CI as two numbers");
        assert!(to_tsv(paths).contains(&ci.text));
    }

    fn paths(r: &AnalysisResult, lang: Lang) -> Table {
        tables(r, lang).into_iter().find(|t| t.id == "paths").unwrap()
    }

    /// The note names the verdict rule and the tails actually used, and the
    /// interval level follows the tails.
    #[test]
    fn path_note_states_the_rule_and_the_tails() {
        use crate::engine::settings::{Significance, Tails};
        let cases = [
            (Significance::PValue, Tails::Two, "two-tailed p, 95% confidence interval (CI); significant: p < 0.05, two-tailed.", "p dua arah, interval kepercayaan (IK) 95%; signifikan: p < 0,05, dua arah."),
            (Significance::PValue, Tails::One, "one-tailed p, 90% confidence interval (CI); significant: p < 0.05, one-tailed.", "p satu arah, interval kepercayaan (IK) 90%; signifikan: p < 0,05, satu arah."),
            (Significance::Interval, Tails::Two, "significant: the 95% CI excludes zero (two-tailed, α = 0.05).", "signifikan: IK 95% tidak memuat nol (dua arah, α = 0,05)."),
            (Significance::Interval, Tails::One, "one-tailed p, 90% confidence interval (CI); significant: the 90% CI excludes zero (one-tailed, α = 0.05).", "signifikan: IK 90% tidak memuat nol (satu arah, α = 0,05)."),
        ];
        for (significance, tails, en, id) in cases {
            let r = example_result(Settings { bootstrap: 60, seed: 3, significance, tails, ..Settings::smartpls() });
            let (a, b) = (paths(&r, Lang::En), paths(&r, Lang::Id));
            assert!(a.note.contains(en), "{significance:?} {tails:?}: {}", a.note);
            assert!(b.note.contains(id), "{significance:?} {tails:?}: {}", b.note);
            // the verdict column follows the engine's verdict, row by row
            for (row, p) in a.rows.iter().zip(&r.path_coefficients) {
                let verdict = &row.last().unwrap().text;
                assert_eq!(verdict.starts_with("significant"), p.significant == Some(true), "{verdict}");
            }
        }
    }

    /// A row where p and the interval disagree is marked, and the note says
    /// why; rows that agree are not marked.
    #[test]
    fn rows_where_p_and_the_interval_disagree_are_marked() {
        let mut r = example();
        assert!(r.path_coefficients.iter().all(|p| p.p_ci_disagree.is_some()), "the engine judges every row");
        let plain = paths(&r, Lang::En);
        if r.path_coefficients.iter().all(|p| p.p_ci_disagree == Some(false)) {
            assert!(!plain.note.contains(DISAGREE_MARK), "{}", plain.note);
        }
        for p in &mut r.path_coefficients {
            p.p_ci_disagree = Some(false);
        }
        r.path_coefficients[1].p_ci_disagree = Some(true);
        for lang in [Lang::En, Lang::Id] {
            let t = paths(&r, lang);
            for (k, row) in t.rows.iter().enumerate() {
                let verdict = row.last().unwrap();
                assert_eq!(verdict.text.ends_with(&format!(" {DISAGREE_MARK}")), k == 1, "{lang:?} row {k}: {}", verdict.text);
                assert_eq!(verdict.flag.is_some(), r.path_coefficients[k].significant.is_some());
            }
            let why = if lang == Lang::En {
                "⚠ p and the confidence interval disagree: the bootstrap distribution is skewed (see its histogram); consider BCa intervals."
            } else {
                "⚠ p dan interval kepercayaan tidak sejalan: distribusi bootstrap menceng (lihat histogramnya); pertimbangkan interval BCa."
            };
            assert!(t.note.ends_with(why), "{}", t.note);
        }
        // with BCa intervals already, the note does not suggest them
        r.settings.ci = crate::engine::settings::CiMethod::Bca;
        let t = paths(&r, Lang::En);
        assert!(t.note.ends_with("skewed (see its histogram).") && !t.note.contains("consider BCa"), "{}", t.note);
        for p in &mut r.path_coefficients {
            p.p_ci_disagree = Some(false);
        }
        assert!(!paths(&r, Lang::En).note.contains(DISAGREE_MARK));
    }

    /// Each judged column's flags follow its rule of thumb, and the table's
    /// note prints the same rule: both read `thresholds`.
    #[test]
    fn flags_and_notes_read_the_same_rules() {
        use thresholds::*;
        let r = example();
        let judged: &[(&str, &str, Cutoff)] = &[
            ("outer_model", "Loading", LOADING),
            ("outer_model", "VIF", VIF),
            ("reliability", "Cronbach's α", RELIABILITY),
            ("reliability", "ρ_A", RELIABILITY),
            ("reliability", "ρ_C", RELIABILITY),
            ("reliability", "AVE", AVE),
            ("inner_vif", "VIF", VIF),
            ("r_squared", "Q²", Q2),
            ("fit", "Value", SRMR),
        ];
        for lang in [Lang::En, Lang::Id] {
            let ts = tables(&r, lang);
            let get = |id: &str| ts.iter().find(|t| t.id == id).unwrap();
            let mut flagged = 0;
            for (id, key, rule) in judged {
                let t = get(id);
                assert!(t.note.contains(&rule.text(lang)), "{id}: {:?} not in {:?}", rule.text(lang), t.note);
                let col = t.keys.iter().position(|k| k == key).unwrap();
                for row in &t.rows {
                    // the fit table judges its SRMR row only
                    if *id == "fit" && row[0].text != "SRMR" {
                        continue;
                    }
                    let c = &row[col];
                    assert_eq!(c.flag, c.value.map(|v| if rule.holds(v) { Flag::Good } else { Flag::Bad }), "{id} {key}: {c:?}");
                    flagged += usize::from(c.flag.is_some());
                }
            }
            assert!(flagged > 40, "only {flagged} flagged cells");
            // HTMT: below the diagonal, by the conservative cut-off; the note names both
            let h = get("htmt");
            assert!(h.note.contains(&HTMT.text(lang)) && h.note.contains(&HTMT_LIBERAL.text(lang)), "{}", h.note);
            for (i, row) in h.rows.iter().enumerate() {
                for c in &row[1..=i] {
                    assert_eq!(c.flag, c.value.map(|v| if HTMT.holds(v) { Flag::Good } else { Flag::Bad }));
                }
            }
            assert!(get("inner_vif").note.contains(&VIF_IDEAL.text(lang)));
            let words = if lang == Lang::En { ["small", "medium", "large"] } else { ["kecil", "sedang", "besar"] };
            assert!(get("paths").note.contains(&levels(F2, words, lang)));
            assert!(get("fit").note.contains(&levels(GOF, words, lang)));
        }
    }

    #[test]
    fn numbers_in_each_language() {
        assert_eq!(fmt3_in(Some(0.4012), Lang::Id), "0,401");
        assert_eq!(fmt3_in(Some(-1.5), Lang::Id), "-1,500");
        assert_eq!(fmt3_in(None, Lang::Id), "—");
        assert_eq!(fmt_p_in(Some(0.0301), Lang::Id), "0,030");
        assert_eq!(fmt_p_in(Some(0.0004), Lang::Id), "< 0,001");
        assert_eq!(fmt_p_in(Some(1.0), Lang::Id), "1,000");
        assert_eq!(fmt_p_in(Some(0.0301), Lang::En), ".030");
        assert_eq!(num_in(0.05, Lang::Id), "0,05");
    }

    #[test]
    fn p_values_in_apa_style() {
        assert_eq!(fmt_p(Some(0.0301)), ".030");
        assert_eq!(fmt_p(Some(0.0004)), "< .001");
        assert_eq!(fmt_p(Some(0.998)), ".998");
        assert_eq!(fmt_p(Some(1.0)), "1.000");
        assert_eq!(fmt_p(None), "—");
    }
}
