//! Multigroup analysis: R seminr 2.5's `estimate_pls_mga` on the ECSI
//! model (M9_mga_ecsi, groups CUEX1 < 8 and ≥ 8) replayed from its recorded
//! resamples (`mga_indices.json`), and properties of the permutation test,
//! PLS-MGA and MICOM on groups from one population.

mod common;
mod mobi;

use common::{tol, Checker};
use mobi::{expected, mobi, model, M2_TEXT};
use plsweb::data::Dataset;
use plsweb::engine::result_groups::{GroupResult, Groups, Invariance};
use plsweb::engine::settings::PValue;
use plsweb::engine::Settings;
use plsweb::multigroup::{grouping, run_groups, GroupSpec, Grouping, MgaOptions};
use plsweb::pipeline::prepare;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

fn seminr_settings(b: usize) -> Settings {
    let mut s = Settings::seminr();
    s.tolerance = 1e-7;
    s.max_iterations = 300;
    s.bootstrap = b;
    s.blindfold_distance = 0;
    s.p_value = PValue::Empirical;
    s.threads = 2;
    s
}

fn row<'a>(v: &'a Value, name: &str) -> &'a [Value] {
    v[name][0].as_array().unwrap_or_else(|| panic!("no {name}"))
}

fn mga_indices(group: &str) -> Vec<Vec<usize>> {
    let path = mobi::dir().join("expected").join("mga_indices.json");
    let v: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    v[group].as_array().unwrap().iter().map(|r| r.as_array().unwrap().iter().map(|i| i.as_u64().unwrap() as usize - 1).collect()).collect()
}

#[test]
fn m9_mga_ecsi_replayed() {
    if !mobi::present("m9_mga_ecsi_replayed") {
        return;
    }
    let exp = expected("M9_mga_ecsi");
    let ds = mobi();
    let m = model(M2_TEXT, &ds);
    let s = seminr_settings(100);
    let g = grouping(&ds, None, &GroupSpec::parse("CUEX1<8").unwrap()).unwrap();
    // seminr's condition: TRUE (group 1) where CUEX1 < 8
    let condition: Vec<usize> = exp["settings"]["condition"][0].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
    let ones: Vec<usize> = (0..condition.len()).filter(|&i| condition[i] == 1).collect();
    assert_eq!(g.rows[0], ones);
    assert_eq!(g.rows[0].len(), exp["settings"]["group1N"].as_u64().unwrap() as usize);
    assert_eq!(g.rows[1].len(), exp["settings"]["group2N"].as_u64().unwrap() as usize);
    let opts = MgaOptions { bootstrap_replay: Some(vec![mga_indices("group1"), mga_indices("group2")]), ..MgaOptions::default() };
    let (groups, results) = run_groups(&ds, &g, &m, &s, &opts, &|_| true).unwrap();
    let full = prepare(&ds, &m, &s, &|_| {}).unwrap().point;
    let (src, tgt) = (row(&exp, "source"), row(&exp, "target"));
    let mut ck = Checker::new();
    for i in 0..src.len() {
        let (from, to) = (src[i].as_str().unwrap(), tgt[i].as_str().unwrap());
        let key = format!("{from} -> {to}");
        let p = groups.paths.iter().find(|p| p.from == from && p.to == to).unwrap_or_else(|| panic!("no row {key}"));
        let fp = full.path_coefficients.iter().find(|p| p.from == from && p.to == to).unwrap();
        ck.num("estimate", &key, &row(&exp, "estimate")[i], &Value::from(fp.estimate), tol::POINT);
        ck.num("group1Beta", &key, &row(&exp, "group1Beta")[i], &Value::from(p.estimates[0]), tol::POINT);
        ck.num("group2Beta", &key, &row(&exp, "group2Beta")[i], &Value::from(p.estimates[1]), tol::POINT);
        ck.num("diff", &key, &row(&exp, "diff")[i], &Value::from(p.diff), tol::POINT);
        ck.num("group1BetaMean", &key, &row(&exp, "group1BetaMean")[i], &Value::from(p.means[0]), tol::REPLAY);
        ck.num("group2BetaMean", &key, &row(&exp, "group2BetaMean")[i], &Value::from(p.means[1]), tol::REPLAY);
        // a share of the 100 × 100 pairs: the same resamples give the same
        // count, so the p agrees to the last bits of the division
        let e = row(&exp, "plsMgaP")[i].as_f64().unwrap();
        let got = p.p_pls_mga.unwrap();
        assert!((got - e).abs() < 1e-12, "{key}: PLS-MGA p {got} vs seminr {e}");
    }
    ck.finish("M9_mga_ecsi");
    assert_eq!(results.len(), 2);
    assert_eq!(results[0].result.bootstrap.as_ref().unwrap().succeeded, 100);
    assert_eq!(results[1].result.bootstrap.as_ref().unwrap().succeeded, 100);
}

/// The ECSI data with a group column: `labels[i]` for row i.
fn with_groups(ds: &Dataset, labels: &[f64]) -> Dataset {
    let mut d = ds.clone();
    d.names.push("G".into());
    d.columns.push(labels.to_vec());
    d
}

fn run(ds: &Dataset, perms: usize, micom: bool, s: &Settings) -> (Grouping, Groups, Vec<GroupResult>) {
    let m = model(M2_TEXT, ds);
    let g = grouping(ds, None, &GroupSpec::parse("G").unwrap()).unwrap();
    let (groups, results) = run_groups(ds, &g, &m, s, &MgaOptions { permutations: perms, micom, ..MgaOptions::default() }, &|_| true).unwrap();
    (g, groups, results)
}

/// Two copies of the same data as two groups: the groups' bootstrap
/// distributions differ only by their resamples, so PLS-MGA's p, a share
/// of pairs of centred coefficients, is near 0.5 for every path.
#[test]
fn identical_groups_pls_mga_near_half() {
    let ds = mobi();
    let twice = Dataset { names: ds.names.clone(), columns: ds.columns.iter().map(|c| c.iter().chain(c).copied().collect()).collect() };
    let labels: Vec<f64> = (0..500).map(|i| if i < 250 { 1.0 } else { 2.0 }).collect();
    let mut s = Settings::smartpls();
    s.bootstrap = 400;
    s.blindfold_distance = 0;
    s.threads = 2;
    let (_, groups, results) = run(&with_groups(&twice, &labels), 0, false, &s);
    assert_ne!(results[0].result.settings.seed, results[1].result.settings.seed, "groups share a seed");
    for p in &groups.paths {
        assert_eq!(p.diff, Some(0.0), "{} -> {}", p.from, p.to);
        let pm = p.p_pls_mga.unwrap();
        // SD of such a share ≈ √((2B + 1) / (12 B²)) ≈ 0.02 for B = 400
        assert!((pm - 0.5).abs() < 0.12, "{} -> {}: PLS-MGA p {pm}", p.from, p.to);
        assert!(p.p_welch.unwrap() > 0.999 && p.p_parametric.unwrap() > 0.999);
    }
}

/// Random halves of one sample: no real difference, so the permutation
/// p-values are spread over (0, 1] (not all tiny), MICOM finds
/// compositional invariance, and the observed split is one of the
/// permutations (p ≥ 1 / (P + 1)).
#[test]
fn random_halves_permutation_spread_and_invariance() {
    let ds = mobi();
    let mut s = Settings::smartpls();
    s.bootstrap = 50;
    s.blindfold_distance = 0;
    s.threads = 2;
    let mut all_p = Vec::new();
    let mut compositional = 0;
    let mut constructs = 0;
    for seed in 0..4u64 {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let labels: Vec<f64> = (0..250).map(|_| if rng.random_bool(0.5) { 1.0 } else { 2.0 }).collect();
        let (_, groups, _) = run(&with_groups(&ds, &labels), 200, true, &s);
        let perm = groups.permutations.as_ref().unwrap();
        assert_eq!((perm.permutations, perm.failed), (200, 0));
        for p in &groups.paths {
            let pp = p.p_permutation.unwrap();
            assert!(pp >= 1.0 / 201.0 && pp <= 1.0);
            all_p.push(pp);
        }
        let micom = groups.micom.as_ref().unwrap();
        for c in &micom.pairs[0].constructs {
            constructs += 1;
            compositional += c.compositional_invariance as usize;
            assert_eq!(c.invariance == Invariance::None, !c.compositional_invariance);
        }
    }
    let n = all_p.len() as f64;
    let tiny = all_p.iter().filter(|&&p| p < 0.05).count() as f64;
    let mean = all_p.iter().sum::<f64>() / n;
    let above_half = all_p.iter().filter(|&&p| p > 0.5).count();
    assert!(tiny / n < 0.25, "{tiny} of {n} permutation p below 0.05: {all_p:?}");
    assert!((0.3..0.7).contains(&mean), "mean permutation p {mean}: {all_p:?}");
    assert!(above_half > 0, "no permutation p above 0.5: {all_p:?}");
    // at α = 5 % about one construct in twenty fails by chance
    assert!(compositional as f64 >= 0.8 * constructs as f64, "{compositional} of {constructs} compositionally invariant");
}

/// The mobi data grouped into halves (rows 1–125, 126–250), group 2's
/// Satisfaction items replaced by noise.
fn noisy_satisfaction() -> Dataset {
    let mut d = mobi();
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    for name in ["CUSA1", "CUSA2", "CUSA3"] {
        let j = d.names.iter().position(|n| n == name).unwrap();
        for i in 125..250 {
            d.columns[j][i] = rng.random_range(1..=10) as f64;
        }
    }
    let labels: Vec<f64> = (0..250).map(|i| if i < 125 { 1.0 } else { 2.0 }).collect();
    with_groups(&d, &labels)
}

/// A real difference is found: group 2's Satisfaction items are replaced
/// by noise, so Satisfaction's paths differ between the groups.
#[test]
fn permutation_finds_a_real_difference() {
    let d = noisy_satisfaction();
    let mut s = Settings::smartpls();
    s.bootstrap = 200;
    s.blindfold_distance = 0;
    s.threads = 2;
    let (_, groups, _) = run(&d, 200, false, &s);
    let p = groups.paths.iter().find(|p| p.from == "Satisfaction" && p.to == "Loyalty").unwrap();
    assert!(p.p_permutation.unwrap() < 0.01, "{p:?}");
    assert!(p.p_pls_mga_two_sided.unwrap() < 0.01, "{p:?}");
    assert!(p.p_welch.unwrap() < 0.01 && p.p_parametric.unwrap() < 0.01, "{p:?}");
}

/// Replaying the permutations a seeded run drew gives the same p-values.
#[test]
fn permutations_replay_exactly() {
    use plsweb::engine::mga::{permutation, permutation_seed};
    let ds = mobi();
    let labels: Vec<f64> = (0..250).map(|i| (i % 2) as f64).collect();
    let mut s = Settings::smartpls();
    s.bootstrap = 20;
    s.blindfold_distance = 0;
    s.threads = 2;
    let d = with_groups(&ds, &labels);
    let (g, seeded, _) = run(&d, 30, true, &s);
    let n = g.rows[0].len() + g.rows[1].len();
    let replay: Vec<Vec<usize>> = (0..30).map(|k| permutation(permutation_seed(s.seed), k, n)).collect();
    let m = model(M2_TEXT, &d);
    let opts = MgaOptions { permutations: 0, micom: true, permutation_replay: Some(replay), ..MgaOptions::default() };
    let (replayed, _) = run_groups(&d, &g, &m, &s, &opts, &|_| true).unwrap();
    for (a, b) in seeded.paths.iter().zip(&replayed.paths) {
        assert_eq!(a.p_permutation, b.p_permutation);
    }
    assert_eq!(seeded.micom, replayed.micom);
    // and a line that is not a permutation is refused
    let bad = MgaOptions { permutation_replay: Some(vec![vec![0; n]]), ..MgaOptions::default() };
    assert_eq!(run_groups(&d, &g, &m, &s, &bad, &|_| true).unwrap_err().code(), "groups.bad_permutation");
    // recorded permutations are of two groups: three groups are told so
    // before anything is estimated
    let three: Vec<f64> = (0..250).map(|i| (i % 3) as f64).collect();
    let d3 = with_groups(&ds, &three);
    let g3 = grouping(&d3, None, &GroupSpec::parse("G").unwrap()).unwrap();
    let e = run_groups(&d3, &g3, &m, &s, &opts, &|_| true).unwrap_err();
    assert_eq!(e.code(), "groups.replay_needs_two_groups");
    assert!(e.to_string().contains("forms 3 groups"), "{e}");
}

/// openpls-engine 1.13.0's observed MICOM step-3 statistics for the ECSI
/// case by CUEX1 < 8 (tests/reference/ecsi_basic/openpls_micom, with its
/// conventions).
#[test]
fn micom_step3_as_openpls() {
    let case = common::load_case("ecsi_basic");
    let dir = common::reference_dir().join("ecsi_basic/openpls_micom");
    let exp: Value = serde_json::from_slice(&std::fs::read(dir.join("expected.json")).unwrap()).unwrap();
    let mut s = Settings::smartpls();
    s.bootstrap = 0;
    s.blindfold_distance = 0;
    s.tolerance = 1e-10;
    let g = grouping(&case.data, None, &GroupSpec::parse("CUEX1<8").unwrap()).unwrap();
    let opts = MgaOptions { permutations: 10, micom: true, ..MgaOptions::default() };
    let (groups, _) = run_groups(&case.data, &g, &case.model, &s, &opts, &|_| true).unwrap();
    let n = case.data.n_rows() as f64;
    let ours = &groups.micom.as_ref().unwrap().pairs[0].constructs;
    for e in exp["constructs"].as_array().unwrap() {
        let name = e["name"].as_str().unwrap();
        let c = ours.iter().find(|c| c.name == name).unwrap();
        let md = c.mean_diff.unwrap() * (n / (n - 1.0)).sqrt();
        // openpls's group fits stop at 1e-6
        assert!((md - e["mean_diff"].as_f64().unwrap()).abs() < 1e-6, "{name}: mean difference {md} vs {}", e["mean_diff"]);
        let lv = c.log_var_diff.unwrap();
        assert!((lv - e["log_var_ratio"].as_f64().unwrap()).abs() < 1e-6, "{name}: log variance ratio {lv} vs {}", e["log_var_ratio"]);
        assert!((c.c.unwrap() - e["c"].as_f64().unwrap()).abs() < 0.01, "{name}: c");
    }
}

/// Weights, loadings and R² compared as an option: the group values are
/// those of each group's own result, the path rows do not change, and
/// noise planted in group 2's Satisfaction items is found in their
/// loadings and in Satisfaction's weights.
#[test]
fn weights_loadings_and_r2_differences() {
    use plsweb::engine::result_groups::Measure;
    let d = noisy_satisfaction();
    let mut s = Settings::smartpls();
    s.bootstrap = 200;
    s.blindfold_distance = 0;
    s.threads = 2;
    let m = model(M2_TEXT, &d);
    let g = grouping(&d, None, &GroupSpec::parse("G").unwrap()).unwrap();
    let with = |measures: bool| run_groups(&d, &g, &m, &s, &MgaOptions { permutations: 200, measures, ..MgaOptions::default() }, &|_| true).unwrap();
    let (plain, _) = with(false);
    let (full, results) = with(true);
    assert!(plain.measures.is_empty());
    assert_eq!(plain.paths, full.paths);
    let items: usize = m.constructs().iter().map(|c| c.indicators.len()).sum();
    let endogenous = results[0].result.r_squared.iter().count();
    assert_eq!(full.measures.len(), 2 * items + endogenous);
    for row in &full.measures {
        let value = |k: usize| match row.statistic.unwrap() {
            Measure::Loading => results[k].result.outer_loadings.get(&row.from).and_then(|l| l.get(&row.to)).copied().flatten(),
            Measure::Weight => results[k].result.outer_weights.get(&row.from).and_then(|l| l.get(&row.to)).copied().flatten(),
            Measure::RSquared => results[k].result.r_squared.get(&row.from).and_then(|r| r.r2),
        };
        for k in 0..2 {
            let (a, b) = (row.estimates[k].unwrap(), value(k).unwrap());
            assert!((a - b).abs() < 1e-12, "{row:?}: {a} vs {b}");
        }
        let p = row.p_permutation.unwrap();
        assert!(p > 0.0 && p <= 1.0, "{row:?}");
    }
    // three unrelated noise items: the composite follows the one it weights
    // most, the other two lose their loadings
    let loading = |item: &str| full.measures.iter().find(|r| r.statistic == Some(Measure::Loading) && r.to == item).unwrap();
    let lost: Vec<&str> = ["CUSA1", "CUSA2", "CUSA3"]
        .into_iter()
        .filter(|i| {
            let r = loading(i);
            r.diff.unwrap() > 0.2 && r.p_permutation.unwrap() < 0.01
        })
        .collect();
    assert_eq!(lost.len(), 2, "{:?}", ["CUSA1", "CUSA2", "CUSA3"].map(loading));
    // the bootstrap tests see the largest loss too (the noise group's
    // bootstrap spread is wide, so they are weaker than the permutations)
    let largest = lost.iter().map(|i| loading(i)).max_by(|a, b| a.diff.unwrap().total_cmp(&b.diff.unwrap())).unwrap();
    assert!(largest.p_pls_mga_two_sided.unwrap() < 0.01 && largest.p_welch.unwrap() < 0.01, "{largest:?}");
    // an untouched block: no loading of Image differs at 1 %
    for r in full.measures.iter().filter(|r| r.statistic == Some(Measure::Loading) && r.from == "Image") {
        assert!(r.p_permutation.unwrap() > 0.01, "{r:?}");
    }
}
