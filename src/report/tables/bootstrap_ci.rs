//! Bootstrap inference of the HTMT ratios and of R² (Franke & Sarstedt
//! 2019: discriminant validity holds when the HTMT's interval stays below
//! the cut-off), shown when the result has a bootstrap.

use crate::engine::result::{AnalysisResult, Inference};
use crate::report::cells::{cols, tr, Cell, Flag, Table};
use crate::report::thresholds::HTMT_LIBERAL;
use crate::report::{localize, methods, Lang};

/// Estimate, bootstrap mean, SD and interval of one statistic.
fn inference_cells(i: &Inference, lang: Lang) -> Vec<Cell> {
    vec![Cell::num(i.estimate, lang), Cell::num(i.mean, lang), Cell::num(i.se, lang), Cell::ci(i, lang)]
}

fn pct(r: &AnalysisResult, lang: Lang) -> String {
    localize(methods::ci_percent(&r.settings), lang)
}

/// HTMT of every pair of constructs with its bootstrap interval; a pair
/// passes when the interval's upper end is below the liberal cut-off.
pub fn htmt(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    let b = r.bootstrap.as_ref().filter(|b| b.resamples > 0)?;
    let mut rows = Vec::new();
    for (a, row) in b.htmt.iter() {
        for (c, i) in row.iter() {
            let below = i.ci_upper.map(|u| HTMT_LIBERAL.holds(u));
            let verdict = match (below, lang) {
                (Some(true), Lang::En) => "yes ✓",
                (Some(true), Lang::Id) => "ya ✓",
                (Some(false), Lang::En) => "no ✗",
                (Some(false), Lang::Id) => "tidak ✗",
                (None, _) => "—",
            };
            let mut cells = vec![Cell::text(format!("{a} – {c}"))];
            cells.extend(inference_cells(i, lang));
            cells.push(Cell { text: verdict.into(), value: None, flag: below.map(|ok| if ok { Flag::Good } else { Flag::Bad }), interval: None });
            rows.push(cells);
        }
    }
    if rows.is_empty() {
        return None;
    }
    // the column's key is the English name, the same in both languages
    let plain = format!("{:.2}", HTMT_LIBERAL.value);
    let cut = localize(plain.clone(), lang);
    let (columns, keys) = cols(
        lang,
        &[("Pair", "Pasangan"), ("HTMT", "HTMT"), ("Mean", "Rata-rata"), ("STDEV", "SB"), ("CI", "IK"), (&format!("CI below {plain}"), &format!("IK di bawah {cut}"))],
    );
    let p = pct(r, lang);
    Some(Table {
        id: "htmt_ci".into(),
        title: tr(lang, "HTMT: bootstrap confidence intervals", "HTMT: interval kepercayaan bootstrap"),
        note: match lang {
            Lang::En => format!("{p}% bootstrap confidence intervals; discriminant validity is supported when the interval's upper end is below {cut} (Franke & Sarstedt 2019)."),
            Lang::Id => format!("Interval kepercayaan bootstrap {p}%; validitas diskriminan didukung bila batas atas interval di bawah {cut} (Franke & Sarstedt 2019)."),
        },
        columns,
        keys,
        rows,
    })
}

/// R² of every dependent construct with its bootstrap interval.
pub fn r_squared(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    let b = r.bootstrap.as_ref().filter(|b| b.resamples > 0)?;
    let rows: Vec<Vec<Cell>> = b
        .r_squared
        .iter()
        .map(|(c, i)| {
            let mut cells = vec![Cell::text(c.clone())];
            cells.extend(inference_cells(i, lang));
            cells
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let (columns, keys) = cols(lang, &[("Construct", "Konstruk"), ("R²", "R²"), ("Mean", "Rata-rata"), ("STDEV", "SB"), ("CI", "IK")]);
    let p = pct(r, lang);
    Some(Table {
        id: "r_squared_ci".into(),
        title: tr(lang, "R²: bootstrap confidence intervals", "R²: interval kepercayaan bootstrap"),
        note: match lang {
            Lang::En => format!("Original R², bootstrap mean and standard deviation, {p}% bootstrap confidence interval."),
            Lang::Id => format!("R² asli, rata-rata dan simpangan baku bootstrap, interval kepercayaan bootstrap {p}%."),
        },
        columns,
        keys,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Settings;

    /// One row per construct pair (and per dependent construct), the
    /// numbers those of the bootstrap, the verdict the interval's upper end
    /// against 0.90; nothing without a bootstrap.
    #[test]
    fn htmt_and_r2_intervals_follow_the_bootstrap() {
        let r = crate::report::example_result(Settings { bootstrap: 200, seed: 3, ..Settings::smartpls() });
        let b = r.bootstrap.as_ref().unwrap();
        let t = htmt(&r, Lang::En).unwrap();
        // every pair of the constructs the HTMT table shows
        let k = r.fornell_larcker.iter().count();
        assert_eq!(t.rows.len(), k * (k - 1) / 2);
        for row in &t.rows {
            let (a, c) = row[0].text.split_once(" – ").unwrap();
            let i = b.htmt.get(a).and_then(|m| m.get(c)).unwrap();
            assert_eq!(row[1].value, i.estimate);
            assert_eq!(row[4].interval, Some((i.ci_lower.unwrap(), i.ci_upper.unwrap())));
            assert!(i.ci_lower.unwrap() <= i.ci_upper.unwrap());
            assert_eq!(row[5].flag == Some(Flag::Good), i.ci_upper.unwrap() < 0.90, "{row:?}");
        }
        let t = r_squared(&r, Lang::Id).unwrap();
        assert_eq!(t.rows.len(), 1);
        assert_eq!((t.rows[0][0].text.as_str(), t.rows[0][1].value), ("BP", b.r_squared.get("BP").unwrap().estimate));
        assert!(t.note.contains("95%"), "{}", t.note);
        let point = crate::report::example_result(Settings { bootstrap: 0, ..Settings::smartpls() });
        assert!(htmt(&point, Lang::En).is_none() && r_squared(&point, Lang::En).is_none());
    }
}
