//! The command-line front end over the same pipeline as the web app.

use crate::data::{read_bytes, MissingPolicy, ReadOptions};
use crate::engine::bootstrap::Resamples;
use crate::engine::settings::{CiMethod, InteractionScaling, Moderation, PValue, Scheme, Significance, Tails};
use crate::engine::{prepare_owned, Settings, Stage};
use crate::error::{Error, FileError, ModelError};
use crate::model::{parse_syntax, propose, validate, RawModel};
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
    /// Propose constructs from the column names (CRM1..CRM7 → CRM).
    Propose {
        /// CSV or XLSX file.
        data: PathBuf,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum PresetArg {
    Smartpls,
    Seminr,
}
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum SchemeArg {
    Path,
    Factorial,
    Centroid,
}
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum ModerationArg {
    TwoStage,
    ProductIndicator,
    Orthogonal,
}
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum ScalingArg {
    Standardized,
    Rescaled,
}
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum MissingArg {
    Mean,
    Casewise,
}
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum CiArg {
    Percentile,
    Bca,
}
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum PArg {
    T,
    Normal,
    Empirical,
}
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum SignificanceArg {
    /// p < alpha (SmartPLS).
    PValue,
    /// The confidence interval excludes zero.
    Interval,
}
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum TailsArg {
    Two,
    One,
}
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
pub enum LangArg {
    /// English.
    En,
    /// Bahasa Indonesia (decimal commas in the tables).
    Id,
}

impl From<LangArg> for report::Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::En => report::Lang::En,
            LangArg::Id => report::Lang::Id,
        }
    }
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
    pub preset: PresetArg,
    #[arg(long, value_enum)]
    pub scheme: Option<SchemeArg>,
    #[arg(long, value_enum)]
    pub moderation: Option<ModerationArg>,
    /// Scale of the interaction construct (rescaled = seminr).
    #[arg(long, value_enum)]
    pub interaction_scaling: Option<ScalingArg>,
    /// Consistent PLS (PLSc) for all Mode A constructs.
    #[arg(long)]
    pub consistent: bool,
    /// Bootstrap resamples (0 = none).
    #[arg(long)]
    pub bootstrap: Option<usize>,
    #[arg(long)]
    pub seed: Option<u64>,
    /// Replay resamples from a file: one resample per line, 1-based row numbers.
    #[arg(long)]
    pub replay: Option<PathBuf>,
    #[arg(long, value_enum)]
    pub ci: Option<CiArg>,
    #[arg(long = "p-value", value_enum)]
    pub p_value: Option<PArg>,
    /// Significance level.
    #[arg(long)]
    pub alpha: Option<f64>,
    /// What the verdict column calls significant.
    #[arg(long, value_enum)]
    pub significance: Option<SignificanceArg>,
    /// One- or two-tailed tests (one: p halved, (1 − 2·alpha) interval).
    #[arg(long, value_enum)]
    pub tails: Option<TailsArg>,
    /// Blindfolding omission distance for Q² (0 = skip).
    #[arg(long)]
    pub blindfold: Option<usize>,
    #[arg(long, value_enum)]
    pub missing: Option<MissingArg>,
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
    pub lang: LangArg,
}

fn read_file(p: &std::path::Path) -> Result<Vec<u8>, Error> {
    std::fs::read(p).map_err(|e| FileError::Io { path: p.display().to_string(), reason: e.to_string() }.into())
}

/// Model from a file (syntax or JSON) or inline syntax.
pub fn load_model(arg: &str) -> Result<RawModel, Error> {
    let path = std::path::Path::new(arg);
    let text = if path.is_file() { String::from_utf8_lossy(&read_file(path)?).into_owned() } else { arg.to_string() };
    if text.trim_start().starts_with('{') {
        serde_json::from_str(&text).map_err(|e| ModelError::Json { reason: e.to_string() }.into())
    } else {
        parse_syntax(&text)
    }
}

pub fn settings_from(a: &AnalyzeArgs) -> Settings {
    let mut s = match a.preset {
        PresetArg::Smartpls => Settings::smartpls(),
        PresetArg::Seminr => Settings::seminr(),
    };
    if let Some(x) = a.scheme {
        s.scheme = match x {
            SchemeArg::Path => Scheme::Path,
            SchemeArg::Factorial => Scheme::Factorial,
            SchemeArg::Centroid => Scheme::Centroid,
        };
    }
    if let Some(x) = a.moderation {
        s.moderation = match x {
            ModerationArg::TwoStage => Moderation::TwoStage,
            ModerationArg::ProductIndicator => Moderation::ProductIndicator,
            ModerationArg::Orthogonal => Moderation::Orthogonal,
        };
    }
    if let Some(x) = a.interaction_scaling {
        s.interaction_scaling = match x {
            ScalingArg::Standardized => InteractionScaling::Standardized,
            ScalingArg::Rescaled => InteractionScaling::Rescaled,
        };
    }
    if a.consistent {
        s.consistent = true;
    }
    if let Some(x) = a.bootstrap {
        s.bootstrap = x;
    }
    if let Some(x) = a.seed {
        s.seed = x;
    }
    if let Some(x) = a.ci {
        s.ci = match x {
            CiArg::Percentile => CiMethod::Percentile,
            CiArg::Bca => CiMethod::Bca,
        };
    }
    if let Some(x) = a.p_value {
        s.p_value = match x {
            PArg::T => PValue::StudentT,
            PArg::Normal => PValue::Normal,
            PArg::Empirical => PValue::Empirical,
        };
    }
    if let Some(x) = a.alpha {
        s.alpha = x;
    }
    if let Some(x) = a.significance {
        s.significance = match x {
            SignificanceArg::PValue => Significance::PValue,
            SignificanceArg::Interval => Significance::Interval,
        };
    }
    if let Some(x) = a.tails {
        s.tails = match x {
            TailsArg::Two => Tails::Two,
            TailsArg::One => Tails::One,
        };
    }
    if let Some(x) = a.blindfold {
        s.blindfold_distance = x;
    }
    if let Some(x) = a.missing {
        s.missing = match x {
            MissingArg::Mean => MissingPolicy::MeanReplacement,
            MissingArg::Casewise => MissingPolicy::CasewiseDeletion,
        };
    }
    if let Some(x) = a.tolerance {
        s.tolerance = x;
    }
    if let Some(x) = a.max_iterations {
        s.max_iterations = x;
    }
    if let Some(x) = a.threads {
        s.threads = x;
    }
    s
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

pub fn analyze_cmd(a: &AnalyzeArgs) -> Result<String, Error> {
    let settings = settings_from(a);
    let opts = ReadOptions { missing_codes: a.missing_code.clone(), sheet: a.sheet.clone(), ..ReadOptions::default() };
    let (ds, _) = read_bytes(&read_file(&a.data)?, &opts)?;
    let raw = load_model(&a.model)?;
    let model = validate(&raw, &ds.names)?;
    let analysis = prepare_owned(ds, &model, &settings, &|_: Stage| {})?;
    let threads = if settings.threads == 0 { std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) } else { settings.threads };
    let show = a.progress;
    let progress = |done: usize, total: usize| {
        if show && (done % 100 == 0 || done == total) {
            eprint!("\rbootstrap {done}/{total}");
            if done == total {
                eprintln!();
            }
        }
        true
    };
    let result = if let Some(p) = &a.replay {
        let idx = read_replay(p)?;
        let total = idx.len();
        let d = analysis
            .draws(Resamples::Replay { indices: &idx, start: 0 }, threads, &|d| progress(d, total))
            .ok_or_else(Error::cancelled)?;
        analysis.finish(&[d])
    } else if settings.bootstrap > 0 {
        let total = settings.bootstrap;
        let d = analysis
            .draws(Resamples::Seeded { seed: settings.seed, range: 0..total }, threads, &|d| progress(d, total))
            .ok_or_else(Error::cancelled)?;
        analysis.finish(&[d])
    } else {
        analysis.point.clone()
    };
    Ok(match a.format {
        FormatArg::Json => serde_json::to_string_pretty(&result).expect("serializable") + "\n",
        FormatArg::Text => text_report(&result, a.lang.into()),
    })
}

/// The text output: settings, then every table, then warnings.
pub fn text_report(r: &crate::engine::result::AnalysisResult, lang: report::Lang) -> String {
    let s = &r.settings;
    let mut out = format!(
        "plsweb {} — n = {}, {} iterations{}\nsettings: preset {:?}, scheme {:?}, moderation {:?} ({:?} interaction), stop Σ|Δw| < {:e}, max {} iterations, missing {:?}\n",
        r.version,
        r.n,
        r.iterations,
        if r.converged { "" } else { " (NOT CONVERGED)" },
        s.preset,
        s.scheme,
        s.moderation,
        s.interaction_scaling,
        s.tolerance,
        s.max_iterations,
        s.missing
    );
    if let Some(b) = &r.bootstrap {
        out.push_str(&format!(
            "bootstrap: {} resamples ({} failed), seed {}, {} CI, p from {}\n",
            b.resamples, b.failed, b.seed, b.ci, b.p_value
        ));
    }
    out.push('\n');
    for t in report::tables(r, lang) {
        out.push_str(&report::to_text(&t));
        out.push('\n');
    }
    if !r.warnings.is_empty() {
        out.push_str(if lang == report::Lang::Id { "Peringatan\n" } else { "Warnings\n" });
        for w in &r.warnings {
            out.push_str(&format!("  - {}\n", crate::messages::warning_text(w, lang)));
        }
    }
    out
}

/// Run the program; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    let lang = match &cli.command {
        Command::Analyze(a) => a.lang.into(),
        Command::Propose { .. } => report::Lang::En,
    };
    let out = match &cli.command {
        Command::Analyze(a) => analyze_cmd(a).map(|s| (s, a.output.clone())),
        Command::Propose { data } => read_file(data)
            .and_then(|b| read_bytes(&b, &ReadOptions::default()))
            .map(|(ds, _)| (propose(&ds.names).to_syntax().trim_end().to_string() + "\n", None)),
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
                report::Lang::En => eprintln!("plsweb: error: {e}"),
                report::Lang::Id => eprintln!("plsweb: galat: {}", crate::messages::error_text(&e, lang)),
            }
            1
        }
    }
}
