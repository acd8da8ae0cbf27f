//! Pairwise deletion (`--missing pairwise`): without missing cells it is
//! casewise deletion bit for bit; with them, each indicator correlation
//! comes from the rows where both indicators are observed (checked by hand
//! on single-item constructs, where the path is that correlation), scores
//! from each case's available items, and every bootstrap resample computes
//! its own pairwise correlations.

mod common;

use plsweb::data::{Dataset, MissingPolicy};
use plsweb::engine::bootstrap::Resamples;
use plsweb::engine::pairwise::pair_cor;
use plsweb::engine::Settings;
use plsweb::model::{parse_syntax, validate};
use plsweb::pipeline::{analyze, prepare};

#[test]
fn without_missing_cells_pairwise_is_casewise() {
    for case in ["synthetic_crm_sc_bp", "ecsi_basic"] {
        let c = common::load_case(case);
        let run = |missing| {
            let s = Settings { missing, bootstrap: 60, seed: 5, threads: 2, ..Settings::smartpls() };
            let mut v = serde_json::to_value(analyze(&c.data, &c.model, &s, &|_| true).unwrap()).unwrap();
            v["settings"]["missing"] = serde_json::Value::Null;
            v["missing"]["policy"] = serde_json::Value::Null;
            v
        };
        assert_eq!(run(MissingPolicy::PairwiseDeletion), run(MissingPolicy::CasewiseDeletion), "{case}");
    }
}

/// x and y with two holes: x missing in row 2, y in row 5.
fn small() -> Dataset {
    let nan = f64::NAN;
    let x = vec![3.0, 5.0, nan, 4.0, 6.0, 2.0, 7.0, 5.0, 3.0, 6.0, 4.0, 2.0];
    let y = vec![2.0, 6.0, 1.0, 3.0, 7.0, nan, 6.0, 4.0, 4.0, 5.0, 5.0, 1.0];
    Dataset { names: vec!["x".into(), "y".into()], columns: vec![x, y] }
}

fn pearson(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let sab: f64 = a.iter().zip(b).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let saa: f64 = a.iter().map(|x| (x - ma).powi(2)).sum();
    let sbb: f64 = b.iter().map(|y| (y - mb).powi(2)).sum();
    sab / (saa * sbb).sqrt()
}

#[test]
fn single_items_by_hand() {
    let ds = small();
    let model = validate(&parse_syntax("X =~ x\nY =~ y\nY ~ X\n").unwrap(), &ds.names).unwrap();
    let s = Settings { missing: MissingPolicy::PairwiseDeletion, bootstrap: 0, blindfold_distance: 0, ..Settings::smartpls() };
    let a = prepare(&ds, &model, &s, &|_| {}).unwrap();
    // the rows observed in both: all but 2 and 5
    let rows: Vec<usize> = (0..12).filter(|&i| i != 2 && i != 5).collect();
    let pick = |c: &[f64]| rows.iter().map(|&i| c[i]).collect::<Vec<f64>>();
    let r = pearson(&pick(&ds.columns[0]), &pick(&ds.columns[1]));
    let beta = a.point.path_coefficients[0].estimate.unwrap();
    assert!((beta - r).abs() < 1e-14, "path {beta} vs pairwise r {r}");
    let r2 = a.point.r_squared.get("Y").unwrap().r2.unwrap();
    assert!((r2 - r * r).abs() < 1e-14);
    // n is every case; the report says what was done
    assert_eq!(a.point.n, 12);
    let m = a.point.missing.as_ref().unwrap();
    assert_eq!((m.policy, m.cells_missing, m.n_after, m.deleted_rows.len()), (MissingPolicy::PairwiseDeletion, 2, 12, 0));
    assert!(m.columns.iter().all(|c| c.replaced_with.is_none()));
    let methods = plsweb::report::methods::methods_paragraph(&a.point, plsweb::lang::Lang::En);
    assert!(methods.contains("pairwise deletion (2 cells)"), "{methods}");
    // scores from the available items: x standardized over its 11 observed
    // cells; the case without x scores 0 (it adds nothing)
    let y = a.scores();
    let obs: Vec<f64> = ds.columns[0].iter().copied().filter(|v| !v.is_nan()).collect();
    let (m, sd) = {
        let m = obs.iter().sum::<f64>() / 11.0;
        (m, (obs.iter().map(|v| (v - m).powi(2)).sum::<f64>() / 10.0).sqrt())
    };
    assert!((y[(0, 0)] - (3.0 - m) / sd).abs() < 1e-14 && y[(2, 0)] == 0.0);

    // a bootstrap resample computes its own pairwise correlation: replay
    // one resample and compare with the correlation of its rows
    let idx: Vec<usize> = vec![0, 0, 1, 2, 3, 5, 6, 6, 8, 9, 10, 11];
    let draws = a.draws(Resamples::Replay { indices: std::slice::from_ref(&idx), start: 0 }, 1, &|_| true).unwrap();
    let v = draws.values[0].as_ref().unwrap();
    let col = |c: usize| idx.iter().map(|&i| ds.columns[c][i]).collect::<Vec<f64>>();
    let want = pair_cor(&col(0), &col(1));
    let got = v[a.catalog.offsets().paths];
    assert!((got - want).abs() < 1e-14, "resample path {got} vs its pairwise r {want}");
}
