//! The foreman of a multigroup analysis and of the importance-performance
//! map: group the rows → analyse and bootstrap each group (seeds derived
//! per group) → compare every pair of groups path by path (PLS-MGA,
//! permutation, parametric and Welch–Satterthwaite tests) → MICOM from the
//! same permutations. The statistics are [`crate::engine::mga`]'s and
//! [`crate::engine::ipma`]'s; the rows are named here, in model order.

use crate::data::{read_bytes, unknown_column, Dataset, ReadOptions};
use crate::engine::estimate::Design;
use crate::engine::ipma::ipma;
use crate::engine::mga::{self, is_permutation, p_below, permutation_p, quantile, Permutations, Pooled, SplitStats};
use crate::engine::result::{num, path_key, AnalysisResult, Num};
use crate::engine::result_groups::*;
use crate::engine::{explain, Settings, Stage};
use crate::error::{Error, GroupError, Result};
use crate::model::{Mode, ValidModel};
use crate::pipeline::{self, Analysis};
use nalgebra::DMatrix;
use serde::{Deserialize, Serialize};

/// Most groups formed from the distinct values of a column.
pub const MAX_GROUPS: usize = 10;

/// How rows are grouped: by the distinct values of a column, or split at
/// a value (`COLUMN<value`: below the value, and the rest).
#[derive(Debug, Clone, PartialEq)]
pub enum GroupSpec {
    Values { column: String },
    Split { column: String, at: f64 },
}

impl GroupSpec {
    /// `COLUMN` or `COLUMN<value` (spaces allowed around `<`).
    pub fn parse(text: &str) -> Result<GroupSpec> {
        let bad = || Error::from(GroupError::BadSpec { text: text.to_string() });
        match text.split_once('<') {
            None if !text.trim().is_empty() => Ok(GroupSpec::Values { column: text.trim().to_string() }),
            None => Err(bad()),
            Some((c, v)) => {
                let at: f64 = v.trim().parse().map_err(|_| bad())?;
                if c.trim().is_empty() || !at.is_finite() {
                    return Err(bad());
                }
                Ok(GroupSpec::Split { column: c.trim().to_string(), at })
            }
        }
    }
    pub fn column(&self) -> &str {
        match self {
            GroupSpec::Values { column } | GroupSpec::Split { column, .. } => column,
        }
    }
}

/// The groups: labels and their data rows (0-based), in group order.
#[derive(Debug, Clone, PartialEq)]
pub struct Grouping {
    pub name: String,
    pub labels: Vec<String>,
    pub rows: Vec<Vec<usize>>,
    pub without_group: usize,
}

/// A number as a group label: `8`, `7.5`.
fn number_label(v: f64) -> String {
    format!("{v}")
}

/// Group the rows of `ds` by `spec`; `cells` are the grouping column's
/// texts (from [`crate::data::ReadInfo::group_cells`]) when it holds text
/// and so is not among the numeric columns.
pub fn grouping(ds: &Dataset, cells: Option<&[Option<String>]>, spec: &GroupSpec) -> Result<Grouping> {
    let column = spec.column();
    let numeric = ds.column(column);
    let n = ds.n_rows();
    let (labels, of_row): (Vec<String>, Vec<Option<usize>>) = match (spec, numeric, cells) {
        (GroupSpec::Split { at, .. }, Some(v), _) => {
            let labels = vec![format!("{column} < {}", number_label(*at)), format!("{column} ≥ {}", number_label(*at))];
            (labels, v.iter().map(|x| (!x.is_nan()).then_some(if *x < *at { 0 } else { 1 })).collect())
        }
        (GroupSpec::Split { .. }, None, Some(_)) => return Err(GroupError::SplitOfText { column: column.to_string() }.into()),
        (GroupSpec::Values { .. }, Some(v), _) => {
            let mut distinct: Vec<f64> = v.iter().copied().filter(|x| !x.is_nan()).collect();
            distinct.sort_by(f64::total_cmp);
            distinct.dedup();
            let of = v.iter().map(|x| distinct.iter().position(|d| d == x)).collect();
            (distinct.into_iter().map(number_label).collect(), of)
        }
        (GroupSpec::Values { .. }, None, Some(c)) => {
            let mut distinct: Vec<&str> = c.iter().flatten().map(|s| s.as_str()).collect();
            distinct.sort();
            distinct.dedup();
            let of = c.iter().map(|x| x.as_deref().and_then(|s| distinct.iter().position(|d| *d == s))).collect();
            (distinct.into_iter().map(String::from).collect(), of)
        }
        (_, None, None) => return Err(unknown_column(ds, column)),
    };
    if labels.len() > MAX_GROUPS {
        let median = numeric.map(|v| crate::engine::linalg::quantile_select(&mut v.iter().copied().filter(|x| !x.is_nan()).collect::<Vec<_>>(), 0.5));
        return Err(GroupError::TooManyGroups { column: column.to_string(), found: labels.len(), limit: MAX_GROUPS, median }.into());
    }
    let mut rows = vec![Vec::new(); labels.len()];
    let mut without_group = 0;
    for (i, g) in of_row.iter().enumerate().take(n) {
        match g {
            Some(g) => rows[*g].push(i),
            None => without_group += 1,
        }
    }
    // a split with every row on one side
    let (labels, rows): (Vec<String>, Vec<Vec<usize>>) = labels.into_iter().zip(rows).filter(|(_, r)| !r.is_empty()).unzip();
    if labels.len() < 2 {
        return Err(GroupError::TooFewGroups { column: column.to_string(), found: labels.len() }.into());
    }
    let name = match spec {
        GroupSpec::Values { column } => column.clone(),
        GroupSpec::Split { column, at } => format!("{column} < {}", number_label(*at)),
    };
    Ok(Grouping { name, labels, rows, without_group })
}

/// The fewest rows a group may have: ten times the most arrows into a
/// construct (structural paths, or the indicators of a Mode B block), the
/// 10-times rule (Hair et al. 2017) that the single-group analysis warns of.
pub fn minimum_n(design: &Design) -> usize {
    let arrows = (0..design.n_nodes())
        .map(|j| {
            let formative = if design.blocks.modes[j] == Mode::B { design.blocks.ranges[j].len() } else { 0 };
            design.structure.preds[j].len().max(formative)
        })
        .max()
        .unwrap_or(0);
    10 * arrows.max(1)
}

/// The rows of a dataset.
fn subset(ds: &Dataset, rows: &[usize]) -> Dataset {
    Dataset { names: ds.names.clone(), columns: ds.columns.iter().map(|c| rows.iter().map(|&i| c[i]).collect()).collect() }
}

/// What to run besides the groups' own analyses.
#[derive(Debug, Clone, Default)]
pub struct MgaOptions {
    /// Permutations per pair of groups (0 = no permutation test, no MICOM).
    pub permutations: usize,
    pub micom: bool,
    /// Also compare the weights, loadings and R².
    pub measures: bool,
    /// Each group's recorded resamples (0-based rows of the group).
    pub bootstrap_replay: Option<Vec<Vec<Vec<usize>>>>,
    /// Recorded permutations of the two groups' pooled rows (group 1's rows
    /// first, 0-based); the first n₁ of each form group 1.
    pub permutation_replay: Option<Vec<Vec<usize>>>,
}

/// One group, analysed.
struct Analysed {
    analysis: Analysis,
    result: AnalysisResult,
    /// Its bootstrap's draws (kept to compare weights, loadings and R²).
    draws: Option<crate::engine::bootstrap::Draws>,
}

/// The multigroup analysis of `ds`: every group's result and the
/// comparisons.
pub fn run_groups(
    ds: &Dataset,
    grouping: &Grouping,
    model: &ValidModel,
    settings: &Settings,
    opts: &MgaOptions,
    progress: &(dyn Fn(Stage) -> bool + Sync),
) -> Result<(Groups, Vec<GroupResult>)> {
    let design = Design::new(model, settings.moderation);
    let minimum = minimum_n(&design);
    for (label, rows) in grouping.labels.iter().zip(&grouping.rows) {
        if rows.len() < minimum {
            return Err(GroupError::GroupTooSmall { column: grouping.name.clone(), label: label.clone(), n: rows.len(), minimum }.into());
        }
    }
    let k = grouping.labels.len();
    if opts.permutation_replay.is_some() && k != 2 {
        return Err(GroupError::ReplayNeedsTwoGroups { column: grouping.name.clone(), found: k }.into());
    }
    let permuting = opts.permutations > 0 || opts.permutation_replay.is_some();
    let steps = k + if permuting { k * (k - 1) / 2 } else { 0 };
    // every step's progress as a step of the whole comparison
    let step_progress = |step: usize| {
        move |st: Stage| match st {
            Stage::Bootstrapping { done, total } => progress(Stage::Comparing { step, steps, done, total }),
            other => progress(other),
        }
    };
    let mut analysed = Vec::with_capacity(k);
    let mut infos = Vec::with_capacity(k);
    for g in 0..k {
        let mut s = settings.clone();
        s.seed = mga::group_seed(settings.seed, g);
        let a = pipeline::prepare(&subset(ds, &grouping.rows[g]), model, &s, &|st| {
            progress(st);
        })?;
        let replay = opts.bootstrap_replay.as_ref().and_then(|r| r.get(g)).map(|v| v.as_slice());
        let (result, draws) = pipeline::bootstrap_keeping(&a, replay, &step_progress(g))?;
        let draws = draws.filter(|_| opts.measures);
        infos.push(GroupInfo { label: grouping.labels[g].clone(), n: grouping.rows[g].len(), seed: s.seed });
        analysed.push(Analysed { analysis: a, result, draws });
    }
    let mut paths = Vec::new();
    let mut measures = Vec::new();
    let mut micom_pairs = Vec::new();
    let mut perm_info = None;
    let perm_seed = mga::permutation_seed(settings.seed);
    let mut step = k;
    for a in 0..k {
        for b in a + 1..k {
            let pair = [grouping.labels[a].clone(), grouping.labels[b].clone()];
            let (ga, gb) = (&analysed[a], &analysed[b]);
            let perms = if permuting {
                let (observed, permuted, failed) = permute(ga, gb, settings, opts, perm_seed, &step_progress(step))?;
                step += 1;
                perm_info = Some(PermutationInfo {
                    permutations: opts.permutation_replay.as_ref().map_or(opts.permutations, |p| p.len()),
                    seed: perm_seed,
                    replayed: opts.permutation_replay.is_some(),
                    failed: perm_info.as_ref().map_or(0, |p: &PermutationInfo| p.failed) + failed,
                });
                Some((observed, permuted))
            } else {
                None
            };
            paths.extend(compare_paths(&design, &pair, ga, gb, perms.as_ref()));
            if opts.measures {
                measures.extend(compare_measures(&design, &pair, ga, gb, perms.as_ref()));
            }
            if opts.micom {
                if let Some((observed, permuted)) = &perms {
                    micom_pairs.push(micom_pair(&design, &pair, observed, permuted));
                }
            }
        }
    }
    let micom = (opts.micom && !micom_pairs.is_empty()).then(|| Micom {
        step1: MicomStep1 { same_indicators: true, same_data_treatment: true, same_algorithm_settings: true },
        pairs: micom_pairs,
    });
    let groups = Groups { column: grouping.name.clone(), groups: infos, rows_without_group: grouping.without_group, paths, measures, permutations: perm_info, micom };
    let results = analysed.into_iter().zip(&grouping.labels).map(|(g, l)| GroupResult { label: l.clone(), result: g.result }).collect();
    Ok((groups, results))
}

type Permuted = (SplitStats, Vec<SplitStats>, usize);

/// The observed split and the permutations of two groups' pooled rows.
fn permute(ga: &Analysed, gb: &Analysed, settings: &Settings, opts: &MgaOptions, seed: u64, progress: &(dyn Fn(Stage) -> bool + Sync)) -> Result<Permuted> {
    let (xa, xb) = (ga.analysis.x(), gb.analysis.x());
    let (na, nb, p) = (xa.nrows(), xb.nrows(), xa.ncols());
    let x = DMatrix::from_fn(na + nb, p, |i, j| if i < na { xa[(i, j)] } else { xb[(i - na, j)] });
    let design = &ga.analysis.design;
    let mut pooled = Pooled::new(&x, na, design, settings).map_err(|e| explain(design, &e))?;
    pooled.measures = opts.measures.then(|| ga.analysis.catalog.clone());
    let observed = pooled.observed().map_err(|e| explain(design, &e))?;
    let which = match &opts.permutation_replay {
        Some(r) => {
            if let Some(line) = r.iter().position(|o| !is_permutation(o, na + nb)) {
                return Err(GroupError::BadPermutation { line: line + 1, rows: na + nb }.into());
            }
            Permutations::Replay(r)
        }
        None => Permutations::Seeded { seed, count: opts.permutations },
    };
    let total = match &which {
        Permutations::Replay(r) => r.len(),
        Permutations::Seeded { count, .. } => *count,
    };
    let all = pooled
        .permute(which, pipeline::threads(settings), &|done| progress(Stage::Bootstrapping { done, total }))
        .ok_or_else(Error::cancelled)?;
    let failed = all.iter().filter(|r| r.is_err()).count();
    Ok((observed, all.into_iter().filter_map(|r| r.ok()).collect(), failed))
}

fn pair_of(a: f64, b: f64) -> [Num; 2] {
    [num(a), num(b)]
}

/// What one comparison of a statistic between two groups starts from.
struct Compared<'a> {
    from: String,
    to: String,
    statistic: Option<Measure>,
    /// Each group's estimate, bootstrap mean and standard error.
    estimates: [f64; 2],
    means: [f64; 2],
    se: [f64; 2],
    /// Each group's bootstrap distribution.
    draws: [&'a [f64]; 2],
    /// The permutation p-value (NaN without permutations).
    p_permutation: f64,
}

/// A comparison's row: the difference and its four tests.
fn compared_row(c: Compared, pair: &[String; 2], n: [usize; 2]) -> GroupPathRow {
    let ([ea, eb], [sa, sb]) = (c.estimates, c.se);
    let p = mga::pls_mga_p(c.draws[0], c.draws[1]);
    GroupPathRow {
        from: c.from,
        to: c.to,
        statistic: c.statistic,
        pair: pair.clone(),
        estimates: pair_of(ea, eb),
        means: pair_of(c.means[0], c.means[1]),
        se: pair_of(sa, sb),
        diff: num(ea - eb),
        p_pls_mga: num(p),
        p_pls_mga_two_sided: num(2.0 * p.min(1.0 - p)),
        p_permutation: num(c.p_permutation),
        p_parametric: num(mga::p_parametric(ea, eb, sa, sb, n[0], n[1])),
        p_welch: num(mga::p_welch(ea, eb, sa, sb, n[0], n[1])),
    }
}

/// The permutation p of statistic `get` of a split.
fn perm_p(perms: Option<&(SplitStats, Vec<SplitStats>)>, get: impl Fn(&SplitStats) -> f64) -> f64 {
    perms.map_or(f64::NAN, |(obs, list)| {
        let d: Vec<f64> = list.iter().map(&get).collect();
        permutation_p(get(obs), &d)
    })
}

/// One row per path of the model for a pair of groups.
fn compare_paths(design: &Design, pair: &[String; 2], ga: &Analysed, gb: &Analysed, perms: Option<&(SplitStats, Vec<SplitStats>)>) -> Vec<GroupPathRow> {
    let row = |r: &AnalysisResult, from: &str, to: &str| r.path_coefficients.iter().find(|p| p.from == from && p.to == to).cloned();
    let dist = |r: &AnalysisResult, key: &str| r.bootstrap.as_ref().and_then(|b| b.path_distributions.get(key).cloned()).unwrap_or_default();
    let n = [ga.result.n, gb.result.n];
    design
        .structure
        .paths
        .iter()
        .enumerate()
        .map(|(i, &(f, t))| {
            let (from, to) = (design.node_name(f).to_string(), design.node_name(t).to_string());
            let (ra, rb) = (row(&ga.result, &from, &to), row(&gb.result, &from, &to));
            let v = |r: &Option<crate::engine::result::PathRow>, get: fn(&crate::engine::result::PathRow) -> Num| r.as_ref().and_then(get).unwrap_or(f64::NAN);
            let key = path_key(&from, &to);
            let (da, db) = (dist(&ga.result, &key), dist(&gb.result, &key));
            let c = Compared {
                estimates: [v(&ra, |r| r.estimate), v(&rb, |r| r.estimate)],
                means: [v(&ra, |r| r.mean), v(&rb, |r| r.mean)],
                se: [v(&ra, |r| r.se), v(&rb, |r| r.se)],
                draws: [&da, &db],
                p_permutation: perm_p(perms, |s| s.diff[i]),
                from,
                to,
                statistic: None,
            };
            compared_row(c, pair, n)
        })
        .collect()
}

/// What catalogued statistic `i` (among the weights, loadings and R²) is:
/// its kind, construct and indicator ("R²" for R²); `None` for an
/// interaction term's.
fn measure_of(design: &Design, cat: &crate::engine::bootstrap::Catalog, i: usize) -> Option<(Measure, String, String)> {
    let o = cat.offsets();
    let item = |b: usize| {
        let j = (0..design.n_nodes()).find(|&j| design.blocks.ranges[j].contains(&b))?;
        (!design.is_interaction(j)).then(|| (design.node_name(j).to_string(), design.items[b].clone()))
    };
    if i < o.loadings {
        item(i - o.weights).map(|(c, x)| (Measure::Weight, c, x))
    } else if i < o.r2 {
        item(i - o.loadings).map(|(c, x)| (Measure::Loading, c, x))
    } else {
        Some((Measure::RSquared, design.node_name(cat.endogenous[i - o.r2]).to_string(), "R²".to_string()))
    }
}

/// Column `i` of a group's bootstrap draws (the resamples that succeeded).
fn draws_of(g: &Analysed, i: usize) -> Vec<f64> {
    g.draws.iter().flat_map(|d| &d.values).filter_map(|v| v.as_ref().ok()).map(|v| v[i]).collect()
}

/// Mean and standard deviation (n − 1) of a bootstrap distribution.
fn mean_sd(v: &[f64]) -> (f64, f64) {
    let n = v.len() as f64;
    let m = v.iter().sum::<f64>() / n;
    (m, (v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0)).sqrt())
}

/// One row per weight, loading and R² for a pair of groups.
fn compare_measures(design: &Design, pair: &[String; 2], ga: &Analysed, gb: &Analysed, perms: Option<&(SplitStats, Vec<SplitStats>)>) -> Vec<GroupPathRow> {
    let cat = &ga.analysis.catalog;
    let range = mga::measure_range(cat);
    let n = [ga.result.n, gb.result.n];
    range
        .clone()
        .filter_map(|i| {
            let (kind, construct, indicator) = measure_of(design, cat, i)?;
            let (da, db) = (draws_of(ga, i), draws_of(gb, i));
            let ((ma, sa), (mb, sb)) = (mean_sd(&da), mean_sd(&db));
            let c = Compared {
                from: construct,
                to: indicator,
                statistic: Some(kind),
                estimates: [ga.analysis.original[i], gb.analysis.original[i]],
                means: [ma, mb],
                se: [sa, sb],
                draws: [&da, &db],
                p_permutation: perm_p(perms, |s| s.measures.get(i - range.start).copied().unwrap_or(f64::NAN)),
            };
            Some(compared_row(c, pair, n))
        })
        .collect()
}

/// MICOM steps 2 and 3 for a pair of groups.
fn micom_pair(design: &Design, pair: &[String; 2], observed: &SplitStats, permuted: &[SplitStats]) -> MicomPair {
    let constructs: Vec<MicomConstruct> = (0..design.n_constructs())
        .map(|j| {
            let cs: Vec<f64> = permuted.iter().map(|s| s.c[j]).collect();
            let means: Vec<f64> = permuted.iter().map(|s| s.mean_diff[j]).collect();
            let vars: Vec<f64> = permuted.iter().map(|s| s.log_var_diff[j]).collect();
            let c = observed.c[j];
            let q5 = quantile(&cs, 0.05);
            // a single-item block has c = 1 in every split
            let compositional = c >= q5 || (c - 1.0).abs() < 1e-12;
            let ci = |v: &[f64]| [quantile(v, 0.025), quantile(v, 0.975)];
            let inside = |d: f64, ci: [f64; 2]| d >= ci[0] && d <= ci[1];
            let (md, vd) = (observed.mean_diff[j], observed.log_var_diff[j]);
            let (mci, vci) = (ci(&means), ci(&vars));
            let (equal_means, equal_variances) = (inside(md, mci), inside(vd, vci));
            let invariance = if !compositional {
                Invariance::None
            } else if equal_means && equal_variances {
                Invariance::Full
            } else {
                Invariance::Partial
            };
            MicomConstruct {
                name: design.node_name(j).to_string(),
                c: num(c),
                c_quantile_5: num(q5),
                p_c: num(p_below(c, &cs)),
                compositional_invariance: compositional,
                mean_diff: num(md),
                mean_ci: pair_of(mci[0], mci[1]),
                p_mean: num(permutation_p(md, &means)),
                equal_means,
                log_var_diff: num(vd),
                log_var_ci: pair_of(vci[0], vci[1]),
                p_log_var: num(permutation_p(vd, &vars)),
                equal_variances,
                invariance,
            }
        })
        .collect();
    let verdict = if constructs.iter().all(|c| c.invariance == Invariance::Full) {
        Invariance::Full
    } else if constructs.iter().all(|c| c.invariance != Invariance::None) {
        Invariance::Partial
    } else {
        Invariance::None
    };
    MicomPair { pair: pair.clone(), constructs, verdict }
}

/// The analyses of a study besides the full sample's: a multigroup
/// comparison and an importance-performance map, as the page and the
/// command line ask for them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Study {
    /// The grouping: `COLUMN` or `COLUMN<value` ([`GroupSpec`]); `None`: no
    /// multigroup analysis.
    pub groups: Option<String>,
    /// Permutations per pair of groups (0 = no permutation test, no MICOM).
    pub permutations: usize,
    pub micom: bool,
    /// Also compare the weights, loadings and R² between the groups.
    pub measures: bool,
    /// The IPMA's target construct; `None`: no IPMA.
    pub ipma: Option<String>,
    /// The IPMA's scale, `MIN,MAX` (`None`: the data's own range).
    pub ipma_scale: Option<String>,
}

/// Permutations when none are asked for (Chin & Dibbern 2010 use 1000).
pub const DEFAULT_PERMUTATIONS: usize = 1000;

impl Default for Study {
    fn default() -> Self {
        Study { groups: None, permutations: DEFAULT_PERMUTATIONS, micom: false, measures: false, ipma: None, ipma_scale: None }
    }
}

impl Study {
    pub fn is_empty(&self) -> bool {
        self.groups.is_none() && self.ipma.is_none()
    }
}

/// Add the study's IPMA and multigroup analysis to the full sample's
/// result. The groups are read from `bytes` again with the grouping column
/// (which may hold text); `replay` holds recorded permutations or
/// resamples (the command line's).
pub fn add_study(
    a: &Analysis,
    result: &mut AnalysisResult,
    source: (&[u8], &ReadOptions, &str),
    study: &Study,
    replay: MgaOptions,
    progress: &(dyn Fn(Stage) -> bool + Sync),
) -> Result<()> {
    if let Some(target) = &study.ipma {
        let scale = study.ipma_scale.as_deref().map(parse_scale).transpose()?;
        result.ipma = Some(ipma_of(a, target, scale)?);
        if let Some((lo, hi)) = scale {
            // values outside the scale rescale outside 0–100
            let x = a.x();
            let outside: Vec<String> = (0..x.ncols()).filter(|&b| x.column(b).iter().any(|&v| v < lo || v > hi)).map(|b| a.design.observed[b].clone()).collect();
            if !outside.is_empty() {
                result.warnings.push(crate::error::Warning::new(crate::error::WarningKind::IpmaScaleExceeded { items: outside, min: lo, max: hi }));
            }
        }
    }
    let Some(spec) = &study.groups else { return Ok(()) };
    if a.design.hoc.is_some() {
        return Err(GroupError::HigherOrderTwoStage { ipma: false }.into());
    }
    let spec = GroupSpec::parse(spec)?;
    let (bytes, options, model_text) = source;
    let opts = ReadOptions { group_column: Some(spec.column().to_string()), ..options.clone() };
    let (ds, info) = read_bytes(bytes, &opts)?;
    let model = pipeline::model_for(model_text, &ds, &info)?;
    let g = grouping(&ds, info.group_cells.as_deref(), &spec)?;
    let mga = MgaOptions { permutations: study.permutations, micom: study.micom, measures: study.measures, ..replay };
    let (groups, results) = run_groups(&ds, &g, &model, &a.settings, &mga, progress)?;
    result.groups = Some(groups);
    result.group_results = Some(results);
    Ok(())
}

/// Parse `--ipma-scale` text: `MIN,MAX`.
pub fn parse_scale(text: &str) -> Result<(f64, f64)> {
    let bad = || Error::from(GroupError::IpmaScale { text: text.to_string() });
    let (a, b) = text.split_once([',', ';']).ok_or_else(bad)?;
    let (lo, hi): (f64, f64) = (a.trim().parse().map_err(|_| bad())?, b.trim().parse().map_err(|_| bad())?);
    if !(lo.is_finite() && hi.is_finite() && lo < hi) {
        return Err(bad());
    }
    Ok((lo, hi))
}

/// The importance-performance map of a prepared analysis for `target`.
pub fn ipma_of(a: &Analysis, target: &str, scale: Option<(f64, f64)>) -> Result<Ipma> {
    let d = &a.design;
    if d.hoc.is_some() {
        return Err(GroupError::HigherOrderTwoStage { ipma: true }.into());
    }
    let names: Vec<String> = (0..d.n_constructs()).map(|j| d.node_name(j).to_string()).collect();
    let t = names.iter().position(|n| n == target).ok_or_else(|| Error::from(GroupError::IpmaTarget { name: target.to_string(), constructs: names.clone() }))?;
    let m = ipma(a.x(), d, &a.full, t, scale);
    if m.constructs.is_empty() {
        return Err(GroupError::IpmaNoPredecessors { name: target.to_string() }.into());
    }
    let negative_weights = m.indicators.iter().filter(|i| i.2 < 0.0).map(|i| d.items[i.0].clone()).collect();
    Ok(Ipma {
        target: target.to_string(),
        target_performance: num(m.target_performance),
        scale: scale.map(|(a, b)| [a, b]),
        constructs: m.constructs.iter().map(|&(j, imp, perf)| IpmaPoint { name: names[j].clone(), importance: num(imp), performance: num(perf) }).collect(),
        indicators: m
            .indicators
            .iter()
            .map(|&(b, j, w, imp, perf)| IpmaIndicator { name: d.items[b].clone(), construct: names[j].clone(), weight: num(w), importance: num(imp), performance: num(perf) })
            .collect(),
        negative_weights,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{read_csv, ReadOptions};

    const CSV: &str = "a,gender,b\n1,male,2\n2,female,3\n3,,4\n4,female,5\n5,NA,6\n";

    #[test]
    fn a_text_column_groups_the_rows() {
        // without a grouping column the text column is set aside
        let (ds, info) = read_csv(CSV.as_bytes(), &ReadOptions::default()).unwrap();
        assert_eq!((ds.names.as_slice(), info.text_columns[0].name.as_str()), (&["a".to_string(), "b".to_string()][..], "gender"));
        let opts = ReadOptions { group_column: Some("gender".into()), ..ReadOptions::default() };
        let (ds, info) = read_csv(CSV.as_bytes(), &opts).unwrap();
        assert_eq!(ds.names, ["a", "b"]);
        let cells = info.group_cells.unwrap();
        assert_eq!(cells, [Some("male".into()), Some("female".into()), None, Some("female".into()), None]);
        let g = grouping(&ds, Some(&cells), &GroupSpec::parse("gender").unwrap()).unwrap();
        assert_eq!(g.labels, ["female", "male"]);
        assert_eq!(g.rows, [vec![1, 3], vec![0]]);
        assert_eq!(g.without_group, 2);
        let e = grouping(&ds, Some(&cells), &GroupSpec::parse("gender<2").unwrap()).unwrap_err();
        assert_eq!(e.code(), "groups.split_of_text");
        // a numeric grouping column stays among the numeric columns
        let opts = ReadOptions { group_column: Some("a".into()), ..ReadOptions::default() };
        let (ds, info) = read_csv("a,b\n1,2\n2,3\n1,4\n".as_bytes(), &opts).unwrap();
        assert_eq!(ds.names, ["a", "b"]);
        assert_eq!(info.group_cells.unwrap().len(), 3);
        let g = grouping(&ds, None, &GroupSpec::parse("a").unwrap()).unwrap();
        assert_eq!((g.labels.clone(), g.rows.clone()), (vec!["1".to_string(), "2".to_string()], vec![vec![0, 2], vec![1]]));
    }

    #[test]
    fn specs_splits_and_their_errors() {
        assert_eq!(GroupSpec::parse("CUEX1 < 8").unwrap(), GroupSpec::Split { column: "CUEX1".into(), at: 8.0 });
        assert_eq!(GroupSpec::parse(" G ").unwrap(), GroupSpec::Values { column: "G".into() });
        for bad in ["", "<8", "X<", "X<abc"] {
            assert_eq!(GroupSpec::parse(bad).unwrap_err().code(), "groups.bad_spec", "{bad:?}");
        }
        let ds = Dataset { names: vec!["x".into(), "c".into()], columns: vec![(0..30).map(|i| i as f64).collect(), vec![1.0; 30]] };
        let g = grouping(&ds, None, &GroupSpec::parse("x<10").unwrap()).unwrap();
        assert_eq!(g.labels, ["x < 10", "x ≥ 10"]);
        assert_eq!((g.rows[0].len(), g.rows[1].len()), (10, 20));
        assert_eq!(grouping(&ds, None, &GroupSpec::parse("c").unwrap()).unwrap_err().code(), "groups.too_few");
        assert_eq!(grouping(&ds, None, &GroupSpec::parse("x<100").unwrap()).unwrap_err().code(), "groups.too_few");
        assert_eq!(grouping(&ds, None, &GroupSpec::parse("x").unwrap()).unwrap_err().code(), "groups.too_many");
        assert_eq!(grouping(&ds, None, &GroupSpec::parse("nope").unwrap()).unwrap_err().code(), "data.unknown_column");
    }

    #[test]
    fn a_group_below_the_minimum_is_refused() {
        use crate::model::{parse_syntax, validate};
        let n = 60;
        let col = |k: usize| (0..n).map(|i| ((i * (k + 3)) % 7) as f64 + (i % 3) as f64).collect::<Vec<f64>>();
        let names = ["a1", "a2", "b1", "b2", "g"];
        let mut columns: Vec<Vec<f64>> = (0..4).map(col).collect();
        columns.push((0..n).map(|i| if i < 8 { 1.0 } else { 2.0 }).collect());
        let ds = Dataset { names: names.iter().map(|s| s.to_string()).collect(), columns };
        let m = validate(&parse_syntax("A =~ a1 + a2\nB =~ b1 + b2\nB ~ A").unwrap(), &ds.names).unwrap();
        let g = grouping(&ds, None, &GroupSpec::parse("g").unwrap()).unwrap();
        let s = Settings { bootstrap: 0, blindfold_distance: 0, ..Settings::smartpls() };
        let e = run_groups(&ds, &g, &m, &s, &MgaOptions::default(), &|_| true).unwrap_err();
        assert_eq!(e.code(), "groups.too_small");
        assert!(e.to_string().contains("'1'") && e.to_string().contains("8 rows"), "{e}");
        assert!(crate::messages::error_text(&e, crate::lang::Lang::Id).contains("8 baris"));
    }

    /// The methods paragraph and the workbook carry the multigroup analysis,
    /// MICOM and the map in both languages.
    #[test]
    fn methods_sentences_and_workbook_sheets() {
        use crate::lang::Lang;
        use crate::report::{methods::methods_paragraph, tables, workbook::workbook};
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/ecsi_basic");
        let (ds, _) = read_csv(&std::fs::read(dir.join("data.csv")).unwrap(), &ReadOptions::default()).unwrap();
        let raw: crate::model::RawModel = serde_json::from_slice(&std::fs::read(dir.join("model.json")).unwrap()).unwrap();
        let m = crate::model::validate(&raw, &ds.names).unwrap();
        let s = Settings { bootstrap: 50, blindfold_distance: 0, threads: 1, ..Settings::smartpls() };
        let a = pipeline::prepare(&ds, &m, &s, &|_| {}).unwrap();
        let mut r = pipeline::bootstrap(&a, None, &|_| true).unwrap();
        r.ipma = Some(ipma_of(&a, "Loyalty", None).unwrap());
        let g = grouping(&ds, None, &GroupSpec::parse("CUEX1<8").unwrap()).unwrap();
        let (groups, results) = run_groups(&ds, &g, &m, &s, &MgaOptions { permutations: 20, micom: true, ..MgaOptions::default() }, &|_| true).unwrap();
        r.groups = Some(groups);
        r.group_results = Some(results);
        let en = methods_paragraph(&r, Lang::En);
        assert!(en.contains("A multigroup analysis compared CUEX1 < 8 (n = 108) and CUEX1 ≥ 8 (n = 142)"), "{en}");
        assert!(en.contains("20 permutations") && en.contains("MICOM") && en.contains("importance-performance map analysis"), "{en}");
        let id = methods_paragraph(&r, Lang::Id);
        assert!(id.contains("Analisis multigrup membandingkan") && id.contains("MICOM") && id.contains("peta kepentingan-kinerja"), "{id}");
        for lang in [Lang::En, Lang::Id] {
            let t = tables(&r, lang);
            let ids: Vec<&str> = t.iter().map(|t| t.id.as_str()).collect();
            assert!(ids.ends_with(&["ipma", "micom", "group_differences"]), "{ids:?}");
            let bytes = workbook(&r, lang, &t);
            let wb: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
            use calamine::Reader;
            assert_eq!(wb.sheet_names().len(), t.len() + 1);
        }
    }
}
