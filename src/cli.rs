//! The command-line front end over the same pipeline as the web app.

use crate::data::{read_bytes, MissingPolicy, ReadOptions};
use crate::engine::predict::{Approach, LmPredictors};
use crate::engine::settings::{json_name, CiMethod, HocMethod, InteractionScaling, Moderation, PValue, Preset, Q2Kind, Scheme, Significance, Tails};
use crate::engine::{Settings, Stage};
use crate::error::{Error, FileError, SettingsError};
use crate::lang::Lang;
use crate::model::{propose, RawModel};
use crate::pipeline;
use crate::report;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(name = "plsweb", version, about = "PLS-SEM with moderation: the plsweb engine on the command line")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Estimate a model, evaluate it and bootstrap it.
    Analyze(AnalyzeArgs),
    /// Plan the sample size: Monte-Carlo power of every path, interaction
    /// and specific indirect effect over a grid of sample sizes, from a
    /// population built on the estimated model, and Kock & Hadaya's
    /// minimum sample sizes.
    Power(PowerArgs),
    /// Propose constructs from the column names (CRM1..CRM7 → CRM).
    Propose {
        /// CSV or XLSX file.
        data: PathBuf,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
pub enum FormatArg {
    Text,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct AnalyzeArgs {
    /// CSV (, ; or tab; decimal commas) or XLSX file.
    pub data: PathBuf,
    /// Model: a file with lavaan-style syntax or JSON, or the syntax itself.
    #[arg(long, short)]
    pub model: String,
    /// Settings preset; the options below override single settings.
    #[arg(long, value_enum, default_value = "smartpls")]
    pub preset: Preset,
    #[arg(long, value_enum)]
    pub scheme: Option<Scheme>,
    #[arg(long, value_enum)]
    pub moderation: Option<Moderation>,
    /// Scale of the interaction construct (rescaled = seminr).
    #[arg(long, value_enum)]
    pub interaction_scaling: Option<InteractionScaling>,
    /// Consistent PLS (PLSc) for all Mode A constructs.
    #[arg(long)]
    pub consistent: bool,
    /// Higher-order constructs: two-stage embedded (default), two-stage
    /// disjoint (seminr) or repeated indicators.
    #[arg(long, value_enum)]
    pub hoc: Option<HocMethod>,
    /// Bootstrap resamples (0 = none).
    #[arg(long)]
    pub bootstrap: Option<usize>,
    #[arg(long)]
    pub seed: Option<u64>,
    /// Replay resamples from a file: one resample per line, 1-based row numbers.
    #[arg(long)]
    pub replay: Option<PathBuf>,
    #[arg(long, value_enum)]
    pub ci: Option<CiMethod>,
    #[arg(long = "p-value", value_enum)]
    pub p_value: Option<PValue>,
    /// Significance level.
    #[arg(long)]
    pub alpha: Option<f64>,
    /// What the verdict column calls significant.
    #[arg(long, value_enum)]
    pub significance: Option<Significance>,
    /// One- or two-tailed tests (one: p halved, (1 − 2·alpha) interval).
    #[arg(long, value_enum)]
    pub tails: Option<Tails>,
    /// Mediation and conditional process: specific indirect effects with the
    /// type of mediation, conditional indirect effects and the index of
    /// moderated mediation, floodlight with Johnson–Neyman points.
    #[arg(long)]
    pub mediation: bool,
    /// A moderator level in SD units for the conditional indirect effects,
    /// besides −1, 0 and +1 (repeatable; implies --mediation).
    #[arg(long = "moderator-level", allow_hyphen_values = true)]
    pub moderator_level: Vec<f64>,
    /// Blindfolding omission distance for Q² (0 = skip).
    #[arg(long)]
    pub blindfold: Option<usize>,
    #[arg(long, value_enum)]
    pub missing: Option<MissingPolicy>,
    /// A value that marks a missing cell, e.g. -99 (repeatable).
    #[arg(long = "missing-code", allow_hyphen_values = true)]
    pub missing_code: Vec<String>,
    /// Stop criterion: sum of absolute weight changes.
    #[arg(long)]
    pub tolerance: Option<f64>,
    #[arg(long)]
    pub max_iterations: Option<usize>,
    /// Threads for the bootstrap (0 = all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// XLSX sheet (default: the first).
    #[arg(long)]
    pub sheet: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: FormatArg,
    /// Write the output here instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Show bootstrap progress on standard error.
    #[arg(long)]
    pub progress: bool,
    /// Language of the text tables, warnings and errors (JSON is the same
    /// in both).
    #[arg(long, value_enum, default_value = "en")]
    pub lang: Lang,
    /// PLSpredict with K folds (0 = off, the default).
    #[arg(long = "predict")]
    pub predict: Option<usize>,
    /// PLSpredict repetitions (default 10).
    #[arg(long = "predict-repetitions")]
    pub predict_repetitions: Option<usize>,
    /// PLSpredict row orders from a file: one repetition per line, 1-based
    /// row numbers (as the shuffle orders seminr records).
    #[arg(long = "predict-order")]
    pub predict_order: Option<PathBuf>,
    /// How PLSpredict predicts endogenous constructs (smartpls preset:
    /// earliest, seminr: direct).
    #[arg(long = "predict-approach", value_enum)]
    pub predict_approach: Option<Approach>,
    /// Predictors of PLSpredict's LM benchmark: the exogenous constructs'
    /// indicators, or as the approach (seminr).
    #[arg(long = "predict-lm", value_enum)]
    pub predict_lm: Option<LmPredictors>,
    /// CVPAT against the indicator-average and LM benchmarks (with --predict).
    #[arg(long)]
    pub cvpat: bool,
    /// Blindfolding's Q²: cross-validated redundancy (default) or communality.
    #[arg(long = "q2", value_enum)]
    pub q2: Option<Q2Kind>,
    /// Sign-reversed bootstrap resamples: keep (none), align each statistic
    /// with the full sample (individual), or negate the reversed constructs
    /// and re-estimate their paths (construct).
    #[arg(long = "sign-change", value_enum)]
    pub sign_change: Option<crate::engine::settings::SignChange>,
    /// Multigroup analysis: groups by the values of a column (numeric or
    /// text), or a split such as 'CUEX1<8'.
    #[arg(long)]
    pub groups: Option<String>,
    /// Permutations of the group comparison and MICOM (0 = none; default
    /// 1000).
    #[arg(long)]
    pub permutations: Option<usize>,
    /// Replay permutations from a file: one per line, a permutation of the
    /// two groups' pooled rows (1-based, the first group's rows first).
    #[arg(long)]
    pub replay_permutations: Option<PathBuf>,
    /// Measurement invariance of composites (MICOM) before the comparison.
    #[arg(long)]
    pub micom: bool,
    /// Also compare the outer weights, loadings and R² between the groups.
    #[arg(long)]
    pub mga_measures: bool,
    /// Importance-performance map for this target construct.
    #[arg(long)]
    pub ipma: Option<String>,
    /// The indicators' scale for the map, MIN,MAX (default: each
    /// indicator's observed minimum and maximum).
    #[arg(long)]
    pub ipma_scale: Option<String>,
}

/// `power`: the data, model and estimation and test options of `analyze`
/// (the options of its other analyses are ignored), and the simulation's.
#[derive(clap::Args, Debug)]
pub struct PowerArgs {
    #[command(flatten)]
    pub analysis: AnalyzeArgs,
    /// Sample sizes to simulate, comma-separated (spaces allowed).
    #[arg(long = "n", value_delimiter = ',', value_parser = sample_size, default_values_t = [40, 60, 80, 100, 150, 200])]
    pub n: Vec<usize>,
    /// Replications per sample size.
    #[arg(long, default_value_t = 500)]
    pub replications: usize,
    /// Bootstrap resamples per replication.
    #[arg(long, default_value_t = 500)]
    pub resamples: usize,
    /// Generate the indicators on the data's Likert categories.
    #[arg(long)]
    pub likert: bool,
    /// The power the sample size is planned for.
    #[arg(long = "target-power", default_value_t = 0.8)]
    pub target_power: f64,
    /// A population path instead of the estimate's, FROM -> TO = value
    /// (standardized; repeatable), e.g. 'CRM*SC -> BP = -0.39'.
    #[arg(long = "path", allow_hyphen_values = true)]
    pub path: Vec<String>,
    /// Write the power curves as an SVG plot to this file.
    #[arg(long)]
    pub plot: Option<PathBuf>,
}

fn read_file(p: &std::path::Path) -> Result<Vec<u8>, Error> {
    std::fs::read(p).map_err(|e| FileError::Io { path: p.display().to_string(), reason: e.to_string() }.into())
}

/// The model text (syntax or JSON) of a file, or the argument itself.
pub fn model_text(arg: &str) -> Result<String, Error> {
    let path = std::path::Path::new(arg);
    Ok(if path.is_file() { String::from_utf8_lossy(&read_file(path)?).into_owned() } else { arg.to_string() })
}

/// The model of a file (syntax or JSON) or of inline syntax.
pub fn load_model(arg: &str) -> Result<RawModel, Error> {
    crate::model::from_text(&model_text(arg)?)
}

/// The preset, with the options given on the command line.
pub fn settings_from(a: &AnalyzeArgs) -> Settings {
    let mut s = Settings::preset(a.preset);
    macro_rules! set {
        ($($field:ident => $setting:ident),*) => { $(if let Some(x) = a.$field { s.$setting = x; })* };
    }
    set!(scheme => scheme, moderation => moderation, interaction_scaling => interaction_scaling, bootstrap => bootstrap,
         seed => seed, ci => ci, p_value => p_value, alpha => alpha, significance => significance, tails => tails,
         blindfold => blindfold_distance, missing => missing, tolerance => tolerance, max_iterations => max_iterations,
         threads => threads);
    if a.consistent {
        s.consistent = true;
    }
    predict_settings_from(a, &mut s);
    if let Some(x) = a.sign_change {
        s.sign_change = x;
    }
    if let Some(h) = a.hoc {
        s.hoc = Some(h);
    }
    if a.mediation || !a.moderator_level.is_empty() {
        s.mediation = true;
        s.moderator_levels = a.moderator_level.clone();
    }
    s
}

/// PLSpredict's and blindfolding's options: one seed for every shuffle.
fn predict_settings_from(a: &AnalyzeArgs, s: &mut Settings) {
    if let Some(k) = a.predict {
        s.predict.folds = k;
    }
    if let Some(r) = a.predict_repetitions {
        s.predict.repetitions = r;
    }
    if let Some(x) = a.predict_approach {
        s.predict.approach = x;
    }
    if let Some(x) = a.predict_lm {
        s.predict.lm = x;
    }
    if let Some(seed) = a.seed {
        s.predict.seed = seed;
    }
    if let Some(q) = a.q2 {
        s.q2 = q;
    }
    s.cvpat |= a.cvpat;
}

/// A sample size of `--n`, spaces around it allowed ("40, 60").
fn sample_size(s: &str) -> Result<usize, String> {
    s.trim().parse().map_err(|_| format!("'{}' is not a whole number of cases", s.trim()))
}

/// Options that would be silently ignored: PLSpredict's without
/// `--predict`, `--q2` without blindfolding, an order file whose number of
/// orders contradicts `--predict-repetitions`.
fn check_combinations(a: &AnalyzeArgs, s: &Settings, orders: Option<&[Vec<usize>]>) -> Result<(), Error> {
    let unused = |option: &str, needs: &str| Err(Error::from(SettingsError::OptionUnused { option: option.into(), needs: needs.into() }));
    if s.predict.folds == 0 {
        let given = [
            ("--predict-repetitions", a.predict_repetitions.is_some()),
            ("--predict-order", a.predict_order.is_some()),
            ("--predict-approach", a.predict_approach.is_some()),
            ("--predict-lm", a.predict_lm.is_some()),
        ];
        if let Some((option, _)) = given.iter().find(|(_, g)| *g) {
            return unused(option, "--predict K (K ≥ 2 folds)");
        }
    }
    if a.q2.is_some() && s.blindfold_distance == 0 {
        return unused("--q2", "blindfolding (--blindfold D, D ≥ 2)");
    }
    if a.groups.is_none() {
        let given = [
            ("--permutations", a.permutations.is_some()),
            ("--micom", a.micom),
            ("--mga-measures", a.mga_measures),
            ("--replay-permutations", a.replay_permutations.is_some()),
        ];
        if let Some((option, _)) = given.iter().find(|(_, g)| *g) {
            return unused(option, "--groups");
        }
    }
    if a.ipma_scale.is_some() && a.ipma.is_none() {
        return unused("--ipma-scale", "--ipma TARGET");
    }
    if let Some(&level) = a.moderator_level.iter().find(|l| !l.is_finite()) {
        return Err(SettingsError::ModeratorLevel { level: level.to_string() }.into());
    }
    if let (Some(o), Some(r)) = (orders, a.predict_repetitions) {
        if o.len() != r {
            return Err(SettingsError::PredictOrderRepetitions { lines: o.len(), repetitions: r }.into());
        }
    }
    Ok(())
}

fn read_replay(p: &std::path::Path) -> Result<Vec<Vec<usize>>, Error> {
    let bytes = read_file(p)?;
    let text = String::from_utf8_lossy(&bytes);
    let mut out = Vec::new();
    for (ln, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let row: Result<Vec<usize>, _> = line
            .split([',', ' ', '\t'])
            .filter(|s| !s.is_empty())
            .map(|v| match v.trim().parse::<usize>() {
                Ok(r) if r >= 1 => Ok(r - 1),
                _ => Err(Error::from(FileError::ReplayBadIndex { text: v.to_string() }).at_line(ln + 1)),
            })
            .collect();
        out.push(row?);
    }
    Ok(out)
}

/// `analyze`: the full sample's analysis, bootstrap and PLSpredict, and
/// with `--groups` or `--ipma` the multigroup analysis (`groups`,
/// `group_results`) and the importance-performance map (`ipma`).
pub fn analyze_cmd(a: &AnalyzeArgs) -> Result<String, Error> {
    use crate::multigroup::{add_study, MgaOptions, Study};
    let mut settings = settings_from(a);
    let replay = a.replay.as_deref().map(read_replay).transpose()?;
    if let Some(r) = &replay {
        // the replayed resamples are the bootstrap: at least 2, as seeded
        if r.len() < 2 {
            return Err(SettingsError::Bootstrap.into());
        }
        settings.bootstrap = r.len();
    }
    let opts = ReadOptions { missing_codes: a.missing_code.clone(), sheet: a.sheet.clone(), ..ReadOptions::default() };
    let (bytes, text) = (read_file(&a.data)?, model_text(&a.model)?);
    let analysis = pipeline::prepare_bytes(&bytes, &opts, &text, &settings, &|_: Stage| {})?;
    if let Some(r) = &replay {
        let n = analysis.x().nrows();
        if let Some((line, &row)) = r.iter().enumerate().find_map(|(l, rows)| rows.iter().find(|&&i| i >= n).map(|i| (l, i))) {
            return Err(Error::from(FileError::ReplayOutOfRange { row: row + 1, n }).at_line(line + 1));
        }
    }
    let orders = a.predict_order.as_deref().map(read_replay).transpose()?;
    check_combinations(a, &settings, orders.as_deref())?;
    let progress = progress_printer(a.progress);
    let mut result = pipeline::bootstrap(&analysis, replay.as_deref(), &progress)?;
    pipeline::add_predict(&analysis, &mut result, orders.as_deref(), pipeline::threads(&settings), &progress)?;
    let permutations = a.permutations.unwrap_or(crate::multigroup::DEFAULT_PERMUTATIONS);
    let study = Study { groups: a.groups.clone(), permutations, micom: a.micom, measures: a.mga_measures, ipma: a.ipma.clone(), ipma_scale: a.ipma_scale.clone() };
    if !study.is_empty() {
        let recorded = MgaOptions { permutation_replay: a.replay_permutations.as_deref().map(read_replay).transpose()?, ..MgaOptions::default() };
        add_study(&analysis, &mut result, (&bytes, &opts, &text), &study, recorded, &progress)?;
    }
    Ok(match a.format {
        FormatArg::Json => serde_json::to_string_pretty(&result).expect("serializable") + "\n",
        FormatArg::Text => text_report(&result, a.lang),
    })
}

/// Progress on standard error, when asked for: the bootstrap, PLSpredict's
/// folds, a multigroup analysis's steps, a power analysis's replications.
fn progress_printer(show: bool) -> impl Fn(Stage) -> bool + Sync {
    move |stage| {
        let (what, done, total) = match stage {
            Stage::Bootstrapping { done, total } => ("bootstrap".to_string(), done, total),
            Stage::Predicting { done, total } => ("PLSpredict".to_string(), done, total),
            Stage::Comparing { step, steps, done, total } => (format!("groups, step {} of {steps}", step + 1), done, total),
            Stage::Power { done, total } => ("power replications".to_string(), done, total),
            _ => return true,
        };
        if show && (done % 100 == 0 || done == total) {
            eprint!("\r{what} {done}/{total}");
            if done == total {
                eprintln!();
            }
        }
        true
    }
}


/// `power`: the power analysis of the data's model.
pub fn power_cmd(p: &PowerArgs) -> Result<String, Error> {
    let a = &p.analysis;
    let settings = settings_from(a);
    let opts = ReadOptions { missing_codes: a.missing_code.clone(), sheet: a.sheet.clone(), ..ReadOptions::default() };
    let req = crate::power::PowerRequest {
        grid: p.n.clone(),
        replications: p.replications,
        resamples: p.resamples,
        likert: p.likert,
        target_power: p.target_power,
        paths: p.path.clone(),
    };
    let r = crate::power::plan_bytes(&read_file(&a.data)?, &opts, &model_text(&a.model)?, &settings, &req, &progress_printer(a.progress))?;
    if let Some(path) = &p.plot {
        std::fs::write(path, report::svg::power_plot(&r, a.lang)).map_err(|e| Error::from(FileError::Io { path: path.display().to_string(), reason: e.to_string() }))?;
    }
    Ok(match a.format {
        FormatArg::Json => serde_json::to_string_pretty(&r).expect("serializable") + "\n",
        FormatArg::Text => power_text(&r, a.lang),
    })
}

/// The text output of `power`: what was simulated, both tables, the
/// sentences for the paper.
pub fn power_text(r: &crate::engine::result_power::PowerResult, lang: Lang) -> String {
    let p = &r.power;
    let mut out = match lang {
        Lang::En => format!("plsweb {} — power analysis: population from n = {}, R = {} replications per sample size, B = {} resamples, seed {}\n\n", r.version, r.n_data, p.replications, p.resamples, p.seed),
        Lang::Id => format!("plsweb {} — analisis daya: populasi dari n = {}, R = {} replikasi per ukuran sampel, B = {} sampel ulang, seed {}\n\n", r.version, r.n_data, p.replications, p.resamples, p.seed),
    };
    for t in report::power::tables(r, lang) {
        out.push_str(&report::to_text(&t));
        out.push('\n');
    }
    for s in report::power::sentences(r, lang) {
        out.push_str(&s);
        out.push('\n');
    }
    out
}

/// The text output: settings, then every table, then warnings.
pub fn text_report(r: &crate::engine::result::AnalysisResult, lang: Lang) -> String {
    let s = &r.settings;
    let mut out = format!(
        "plsweb {} — n = {}, {} iterations{}\nsettings: preset {}, scheme {}, moderation {} ({} interaction), stop Σ|Δw| < {:e}, max {} iterations, missing {}\n",
        r.version,
        r.n,
        r.iterations,
        if r.converged { "" } else { " (NOT CONVERGED)" },
        json_name(&s.preset),
        json_name(&s.scheme),
        json_name(&s.moderation),
        json_name(&s.interaction_scaling),
        s.tolerance,
        s.max_iterations,
        json_name(&s.missing)
    );
    if let Some(m) = r.missing.as_ref().filter(|m| m.cells_missing > 0) {
        out.push_str(&format!("missing values: {} cells in {} rows", m.cells_missing, m.rows_with_missing));
        let removed = m.n_before.saturating_sub(m.n_after);
        if removed > 0 {
            out.push_str(&format!("; {removed} of {} rows removed (casewise)", m.n_before));
        }
        let per_column: Vec<String> = m.columns.iter().filter(|c| c.missing > 0).map(|c| format!("{} {}", c.column, c.missing)).collect();
        out.push_str(&format!(" — {}\n", per_column.join(", ")));
    }
    if let Some(g) = r.groups.as_ref().filter(|g| g.rows_without_group > 0) {
        out.push_str(&format!("groups: {} rows have no value of {} and are in no group\n", g.rows_without_group, g.column));
    }
    if let Some(b) = &r.bootstrap {
        out.push_str(&format!(
            "bootstrap: {} resamples ({} failed), seed {}, {} CI, p from {}\n",
            b.resamples, b.failed, b.seed, json_name(&b.ci), json_name(&b.p_value)
        ));
    }
    out.push('\n');
    for t in report::tables(r, lang) {
        out.push_str(&report::to_text(&t));
        out.push('\n');
    }
    if !r.warnings.is_empty() {
        out.push_str(if lang == Lang::Id { "Peringatan\n" } else { "Warnings\n" });
        for w in &r.warnings {
            out.push_str(&format!("  - {}\n", crate::messages::warning_text(w, lang)));
        }
    }
    out
}

/// Run the program; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    let lang = match &cli.command {
        Command::Analyze(a) => a.lang,
        Command::Power(p) => p.analysis.lang,
        Command::Propose { .. } => Lang::En,
    };
    let out = match &cli.command {
        Command::Analyze(a) => analyze_cmd(a).map(|s| (s, a.output.clone())),
        Command::Power(p) => power_cmd(p).map(|s| (s, p.analysis.output.clone())),
        Command::Propose { data } => read_file(data)
            .and_then(|b| read_bytes(&b, &ReadOptions::default()))
            .and_then(|(ds, _)| {
                let proposal = propose(&ds.names);
                if proposal.constructs.is_empty() {
                    return Err(crate::error::DataError::NothingToPropose.into());
                }
                Ok((proposal.to_syntax().trim_end().to_string() + "\n", None))
            }),
    };
    match out {
        Ok((text, None)) => {
            let mut so = std::io::stdout().lock();
            let _ = so.write_all(text.as_bytes());
            0
        }
        Ok((text, Some(path))) => match std::fs::write(&path, text) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("plsweb: cannot write {}: {e}", path.display());
                1
            }
        },
        Err(e) => {
            match lang {
                Lang::En => eprintln!("plsweb: error: {e}"),
                Lang::Id => eprintln!("plsweb: galat: {}", crate::messages::error_text(&e, lang)),
            }
            1
        }
    }
}
