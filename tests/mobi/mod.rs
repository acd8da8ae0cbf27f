//! The seminr 2.5 fixtures (`seminr-2.5/` beside the checkout, see
//! [`crate::common::external`]): the ECSI
//! mobile-phone data, the fixture models written as model text, and access
//! to the fixtures' `{rows, cols, values}` matrices.
#![allow(dead_code)]

use crate::common::{external, item_name, tol, Checker};
use plsweb::data::{read_csv, Dataset, ReadOptions};
use plsweb::engine::settings::InteractionScaling;
use plsweb::engine::Settings;
use plsweb::model::{parse_syntax, validate, ValidModel};
use serde_json::Value;
use std::path::PathBuf;

/// Whether the fixtures are there; when not, `test` says that it skipped.
pub fn present(test: &str) -> bool {
    external("seminr-2.5", test).is_some()
}

pub fn dir() -> PathBuf {
    external("seminr-2.5", "seminr-2.5 fixtures").expect("checked with present() first")
}

/// seminr's `mobi` data: the same 250 × 24 values as the fixtures'
/// `mobi.csv`, kept in the repository as `ecsi_basic/data.csv`.
pub fn mobi() -> Dataset {
    let path = crate::common::reference_dir().join("ecsi_basic/data.csv");
    let (ds, _) = read_csv(&std::fs::read(path).unwrap(), &ReadOptions::default()).unwrap();
    assert_eq!(ds.n_rows(), 250);
    ds
}

pub fn expected(name: &str) -> Value {
    serde_json::from_slice(&std::fs::read(dir().join("expected").join(format!("{name}.json"))).unwrap()).unwrap()
}

/// Recorded R resamples (1-based rows in the file) as 0-based rows.
pub fn boot_indices(file: &str) -> Vec<Vec<usize>> {
    let v: Value = serde_json::from_slice(&std::fs::read(dir().join("expected").join(file)).unwrap()).unwrap();
    v["indices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_array().unwrap().iter().map(|i| i.as_u64().unwrap() as usize - 1).collect())
        .collect()
}

/// The `seminr` preset at seminr's own stop rule (Σ|Δw| < 1e-7, at most
/// 300 iterations) with rescaled interactions, as the fixtures were made;
/// no bootstrap and no blindfolding unless the caller asks.
pub fn seminr_settings() -> Settings {
    let mut s = Settings::seminr();
    s.tolerance = 1e-7;
    s.max_iterations = 300;
    s.bootstrap = 0;
    s.blindfold_distance = 0;
    s.interaction_scaling = InteractionScaling::Rescaled;
    s
}

pub fn model(text: &str, ds: &Dataset) -> ValidModel {
    let raw = parse_syntax(text).unwrap();
    validate(&raw, &ds.names).unwrap()
}

const MEASUREMENT_M1: &str = "
Image =~ IMAG1 + IMAG2 + IMAG3 + IMAG4 + IMAG5
Expectation =~ CUEX1 + CUEX2 + CUEX3
Satisfaction =~ CUSA1 + CUSA2 + CUSA3
";

/// M1: Value is Mode B (regression weights).
pub fn m1_text() -> String {
    format!("{MEASUREMENT_M1}Value <~ PERV1 + PERV2\nSatisfaction ~ Image + Expectation + Value\n")
}

/// M3: M1's structure with every construct Mode A (PLSc is switched on in
/// the settings).
pub fn m3_text() -> String {
    format!("{MEASUREMENT_M1}Value =~ PERV1 + PERV2\nSatisfaction ~ Image + Expectation + Value\n")
}

/// M4: M3's measurement plus Image × Expectation → Satisfaction.
pub fn m4_text() -> String {
    format!("{MEASUREMENT_M1}Value =~ PERV1 + PERV2\nSatisfaction ~ Image + Expectation + Value + Image:Expectation\n")
}

/// M2: the full ECSI model.
pub const M2_TEXT: &str = "
Image =~ IMAG1 + IMAG2 + IMAG3 + IMAG4 + IMAG5
Expectation =~ CUEX1 + CUEX2 + CUEX3
Quality =~ PERQ1 + PERQ2 + PERQ3 + PERQ4 + PERQ5 + PERQ6 + PERQ7
Value =~ PERV1 + PERV2
Satisfaction =~ CUSA1 + CUSA2 + CUSA3
Complaints =~ CUSCO
Loyalty =~ CUSL1 + CUSL2 + CUSL3
Expectation ~ Image
Quality ~ Expectation
Value ~ Expectation + Quality
Satisfaction ~ Image + Expectation + Quality + Value
Complaints ~ Satisfaction
Loyalty ~ Image + Satisfaction + Complaints
";

/// A fixture matrix. A single column is stored with `cols` a string and
/// `values` a flat list; `null` (R's NA) reads as `None`.
pub struct Mat {
    pub rows: Vec<String>,
    pub cols: Vec<String>,
    values: Vec<Vec<Option<f64>>>,
}

impl Mat {
    pub fn new(v: &Value) -> Mat {
        let strs = |x: &Value| -> Vec<String> {
            match x {
                Value::String(s) => vec![s.clone()],
                Value::Array(a) => a.iter().map(|s| s.as_str().unwrap().to_string()).collect(),
                other => panic!("not a name list: {other}"),
            }
        };
        let rows = strs(&v["rows"]);
        let cols = strs(&v["cols"]);
        let vals = v["values"].as_array().unwrap();
        let values: Vec<Vec<Option<f64>>> = if v["cols"].is_string() {
            vals.iter().map(|x| vec![x.as_f64()]).collect()
        } else if v["rows"].is_string() {
            vec![vals.iter().map(|x| x.as_f64()).collect()]
        } else {
            vals.iter().map(|r| r.as_array().unwrap().iter().map(|x| x.as_f64()).collect()).collect()
        };
        assert_eq!(values.len(), rows.len());
        assert!(values.iter().all(|r| r.len() == cols.len()));
        Mat { rows, cols, values }
    }
    pub fn get(&self, r: &str, c: &str) -> Option<f64> {
        let i = self.rows.iter().position(|x| x == r)?;
        let j = self.cols.iter().position(|x| x == c)?;
        self.values[i][j]
    }
    /// Every (row, col, value) that is not NA.
    pub fn cells(&self) -> Vec<(String, String, f64)> {
        let mut out = Vec::new();
        for (i, r) in self.rows.iter().enumerate() {
            for (j, c) in self.cols.iter().enumerate() {
                if let Some(v) = self.values[i][j] {
                    out.push((r.clone(), c.clone(), v));
                }
            }
        }
        out
    }
}

/// A from → to matrix (seminr's path and effect tables): every non-zero
/// cell must be one of our rows; our rows missing from the table must be 0.
pub fn check_effects(ck: &mut Checker, what: &str, m: &Mat, ours: &Value, field: &str) {
    for (from, to, e) in m.cells() {
        let hit = ours.as_array().unwrap().iter().find(|r| r["from"] == from.as_str() && r["to"] == to.as_str());
        match hit {
            Some(r) => ck.num(what, &format!("{from} -> {to}"), &Value::from(e), &r[field], tol::POINT),
            None => assert_eq!(e, 0.0, "{what} {from} -> {to}: expected {e}, we have no such effect"),
        }
    }
}

/// Loadings / weights: item rows × construct columns, 0 outside the block.
pub fn check_outer(ck: &mut Checker, what: &str, m: &Mat, ours: &Value) {
    for (item, c, e) in m.cells() {
        let o = &ours[&c][item_name(&item)];
        if o.is_null() {
            assert_eq!(e, 0.0, "{what} {item}/{c}: expected {e}, item not in our block");
            continue;
        }
        ck.num(what, &format!("{c}/{item}"), &Value::from(e), o, tol::POINT);
    }
}

/// Cross loadings, indicator VIFs and antecedent VIFs of a seminr
/// evaluation fixture against our result JSON.
pub fn check_cross_loadings_and_vifs(ck: &mut Checker, exp: &Value, got: &Value) {
    for (i, c, e) in Mat::new(&exp["crossLoadings"]).cells() {
        ck.num("cross_loadings", &format!("{i}/{c}"), &Value::from(e), &got["cross_loadings"][item_name(&i)][&c], tol::POINT);
    }
    for (c, items) in exp["itemVifs"].as_object().unwrap() {
        for (i, e) in items.as_object().unwrap() {
            ck.num("item_vif", &format!("{c}/{i}"), e, &got["vif"]["outer"][c][item_name(i)], tol::POINT);
        }
    }
    for (c, preds) in exp["antecedentVifs"].as_object().unwrap() {
        for (p, e) in preds.as_object().unwrap() {
            ck.num("antecedent_vif", &format!("{c}/{p}"), e, &got["vif"]["inner"][c][p], tol::POINT);
        }
    }
}
