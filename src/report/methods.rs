//! The methods paragraph of a report, generated from the settings and the
//! result, in English and Bahasa Indonesia, plus a citation line.

use crate::data::MissingPolicy;
use crate::engine::result::{AnalysisResult, BootstrapInfo, HocInfo};
use crate::engine::settings::{CiMethod, HocMethod, InteractionScaling, Moderation, PValue, Scheme, Settings, SignChange, Significance, Tails};

pub use crate::lang::Lang;

/// `1e-7` rather than `0.0000001`.
fn sci(x: f64) -> String {
    if x == 0.0 || (1e-3..1e4).contains(&x.abs()) {
        return format!("{x}");
    }
    let s = format!("{x:e}");
    s.replace("e-", "e−")
}

/// "A, B and C" / "A, B dan C".
fn list(items: &[String], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

pub(crate) fn percent(alpha: f64) -> String {
    let c = (1.0 - alpha) * 100.0;
    if (c - c.round()).abs() < 1e-9 {
        format!("{}", c.round())
    } else {
        format!("{c:.1}")
    }
}

/// The level of the bootstrap intervals in percent: 1 − α for two-tailed
/// tests, 1 − 2α for one-tailed ones (whose bound on the estimate's side is
/// the one-sided bound at α), as the bootstrap reads them (see [`Tails`]).
pub(crate) fn ci_percent(s: &Settings) -> String {
    match s.tails {
        Tails::Two => percent(s.alpha),
        Tails::One => percent(2.0 * s.alpha),
    }
}

/// "two-tailed" / "dua arah".
pub(crate) fn tails_word(tails: Tails, lang: Lang) -> &'static str {
    match (tails, lang) {
        (Tails::Two, Lang::En) => "two-tailed",
        (Tails::One, Lang::En) => "one-tailed",
        (Tails::Two, Lang::Id) => "dua arah",
        (Tails::One, Lang::Id) => "satu arah",
    }
}

/// A paragraph for the method section of a paper: algorithm, stop rule and
/// convergence, sample size, missing values, interaction terms, bootstrap
/// (resamples, seed, interval, p-values), Q², in `lang`.
pub fn methods_paragraph(r: &AnalysisResult, lang: Lang) -> String {
    let s = &r.settings;
    let en = lang == Lang::En;
    let mut out: Vec<String> = Vec::new();

    let scheme = match (s.scheme, en) {
        (Scheme::Path, true) => "path",
        (Scheme::Factorial, true) => "factorial",
        (Scheme::Centroid, true) => "centroid",
        (Scheme::Path, false) => "jalur (path)",
        (Scheme::Factorial, false) => "faktorial",
        (Scheme::Centroid, false) => "sentroid",
    };
    let conv = match (r.converged, en) {
        (true, true) => format!("the algorithm converged after {} iterations", r.iterations),
        (false, true) => format!("the algorithm did not converge within {} iterations", r.iterations),
        (true, false) => format!("algoritme konvergen setelah {} iterasi", r.iterations),
        (false, false) => format!("algoritme tidak konvergen dalam {} iterasi", r.iterations),
    };
    let what = match (s.consistent, en) {
        (false, true) => "PLS-SEM",
        (true, true) => "Consistent PLS-SEM (PLSc; Dijkstra & Henseler, 2015)",
        (false, false) => "PLS-SEM",
        (true, false) => "PLS-SEM konsisten (PLSc; Dijkstra & Henseler, 2015)",
    };
    let (cells, rows_deleted) = r.missing.as_ref().map(|m| (m.cells_missing, m.n_before.saturating_sub(m.n_after))).unwrap_or((0, 0));
    let missing = match (s.missing, en) {
        (MissingPolicy::MeanReplacement, true) => format!("missing values were replaced by the indicator mean ({cells} cells)"),
        (MissingPolicy::CasewiseDeletion, true) => format!("cases with missing values were deleted casewise ({rows_deleted} cases)"),
        (MissingPolicy::MeanReplacement, false) => format!("nilai yang hilang diganti dengan rata-rata indikator ({cells} sel)"),
        (MissingPolicy::CasewiseDeletion, false) => format!("kasus dengan nilai hilang dihapus (casewise; {rows_deleted} kasus)"),
        (MissingPolicy::PairwiseDeletion, true) => format!(
            "missing values were handled by pairwise deletion ({cells} cells): indicator correlations from the pairwise-complete observations, scores from each case's available items"
        ),
        (MissingPolicy::PairwiseDeletion, false) => format!(
            "nilai yang hilang ditangani dengan penghapusan berpasangan (pairwise; {cells} sel): korelasi indikator dari observasi lengkap per pasangan, skor dari item yang tersedia pada setiap kasus"
        ),
    };
    out.push(if en {
        format!(
            "{what} was estimated with the {scheme} weighting scheme (stop criterion {}, at most {} iterations; {conv}) on n = {} cases; {missing}.",
            sci(s.tolerance),
            s.max_iterations,
            r.n
        )
    } else {
        format!(
            "{what} diestimasi dengan skema pembobotan {scheme} (kriteria berhenti {}, paling banyak {} iterasi; {conv}) pada n = {} kasus; {missing}.",
            super::localize(sci(s.tolerance), lang),
            s.max_iterations,
            r.n
        )
    });

    let interactions: Vec<String> = r.constructs.iter().filter(|c| c.interaction).map(|c| c.name.clone()).collect();
    if !interactions.is_empty() {
        let names = list(&interactions, if en { "and" } else { "dan" });
        let plural = interactions.len() > 1;
        let method = match (s.moderation, en) {
            (Moderation::TwoStage, true) => "the two-stage approach",
            (Moderation::ProductIndicator, true) => "the product-indicator approach",
            (Moderation::Orthogonal, true) => "the orthogonalizing approach",
            (Moderation::TwoStage, false) => "pendekatan dua tahap (two-stage)",
            (Moderation::ProductIndicator, false) => "pendekatan indikator produk",
            (Moderation::Orthogonal, false) => "pendekatan ortogonalisasi",
        };
        let scaling = match (s.interaction_scaling, en) {
            (InteractionScaling::Standardized, true) => "standardized".to_string(),
            (InteractionScaling::Rescaled, true) => "rescaled by the loading-weighted SD of its product indicators (Henseler & Chin, 2010), so its path is not a standardized coefficient".to_string(),
            (InteractionScaling::Standardized, false) => "distandardisasi".to_string(),
            (InteractionScaling::Rescaled, false) => "diskalakan ulang dengan SD indikator produk yang dibobot muatan (Henseler & Chin, 2010), sehingga jalurnya bukan koefisien terstandardisasi".to_string(),
        };
        out.push(if en {
            format!("The interaction term{} {names} {} built with {method} and {scaling}.", if plural { "s" } else { "" }, if plural { "were" } else { "was" })
        } else {
            format!("Suku interaksi {names} dibentuk dengan {method} dan {scaling}.")
        });
    }

    if let Some(h) = &r.hoc {
        out.push(hoc_sentence(h, lang));
    }

    out.push(match &r.bootstrap {
        Some(b) => bootstrap_sentence(s, b, lang),
        None if en => "No bootstrap was run, so no standard errors, p-values or confidence intervals are reported.".into(),
        None => "Bootstrap tidak dijalankan, sehingga galat baku, nilai p dan interval kepercayaan tidak dilaporkan.".into(),
    });
    if let Some(b) = &r.bootstrap {
        out.extend(sign_change_sentence(s, b, lang));
    }

    let htmt = if s.htmt_absolute { "" } else if en { " (signed correlations)" } else { " (korelasi bertanda)" };
    out.push(if en {
        format!(
            "Reliability was assessed with Cronbach's α, ρ_A and ρ_C, convergent validity with the AVE, discriminant validity with the Fornell-Larcker criterion and the HTMT{htmt}; model fit with the SRMR."
        )
    } else {
        format!(
            "Reliabilitas dinilai dengan α Cronbach, ρ_A dan ρ_C, validitas konvergen dengan AVE, validitas diskriminan dengan kriteria Fornell-Larcker dan HTMT{htmt}; kecocokan model dengan SRMR."
        )
    });
    out.extend(mediation_sentences(r, lang));
    if s.blindfold_distance > 0 {
        out.push(if en {
            format!("Q² was obtained by blindfolding with omission distance {}.", s.blindfold_distance)
        } else {
            format!("Q² diperoleh dengan blindfolding dengan jarak omisi {}.", s.blindfold_distance)
        });
    }
    out.extend(predict_sentence(r, lang));
    out.extend(groups_sentences(r, lang));
    out.join(" ")
}

/// PLSpredict and CVPAT, when they ran: folds, repetitions, seed or given
/// orders, approach, benchmarks.
fn predict_sentence(r: &AnalysisResult, lang: Lang) -> Option<String> {
    use crate::engine::predict::{Approach, LmPredictors};
    let p = r.predict.as_ref()?;
    let en = lang == Lang::En;
    let approach = match (p.approach, en) {
        (Approach::Earliest, true) => "the earliest-antecedents approach",
        (Approach::Direct, true) => "the direct-antecedents approach",
        (Approach::Earliest, false) => "pendekatan anteseden paling awal",
        (Approach::Direct, false) => "pendekatan anteseden langsung",
    };
    let lm = match (p.lm, en) {
        (LmPredictors::Exogenous, true) => "the indicators of the exogenous constructs",
        (LmPredictors::AsApproach, true) => "the indicators of the constructs the approach predicts from",
        (LmPredictors::Exogenous, false) => "indikator konstruk eksogen",
        (LmPredictors::AsApproach, false) => "indikator konstruk yang menjadi dasar prediksi pendekatan tersebut",
    };
    let orders = match (p.seed, en) {
        (Some(seed), true) => format!("folds drawn with seed {seed}"),
        (None, true) => "folds from given row orders".to_string(),
        (Some(seed), false) => format!("lipatan diacak dengan seed {seed}"),
        (None, false) => "lipatan dari urutan baris yang diberikan".to_string(),
    };
    let mut s = if en {
        format!(
            "Out-of-sample predictive power was assessed with PLSpredict (Shmueli et al., 2019): {}-fold cross-validation repeated {} times ({orders}), {approach}, against a linear model on {lm} and the indicator average.",
            p.folds, p.repetitions
        )
    } else {
        format!(
            "Daya prediksi di luar sampel dinilai dengan PLSpredict (Shmueli dkk., 2019): validasi silang {} lipatan yang diulang {} kali ({orders}), {approach}, dibandingkan dengan model linear atas {lm} dan rata-rata indikator.",
            p.folds, p.repetitions
        )
    };
    if r.cvpat.is_some() {
        s.push_str(if en {
            " CVPAT (Liengaard et al., 2021) tested PLS's average out-of-sample loss against both benchmarks."
        } else {
            " CVPAT (Liengaard dkk., 2021) menguji rata-rata kerugian di luar sampel PLS terhadap kedua pembanding."
        });
    }
    Some(s)
}

/// The multigroup analysis, MICOM and the importance-performance map, when
/// the result has them.
fn groups_sentences(r: &AnalysisResult, lang: Lang) -> Vec<String> {
    let en = lang == Lang::En;
    let mut out = Vec::new();
    if let Some(m) = &r.ipma {
        out.push(if en {
            format!(
                "An importance-performance map analysis (Ringle & Sarstedt, 2016) of {} used the unstandardized total effects as importance and the mean scores rescaled to 0–100 with unstandardized weights as performance.",
                m.target
            )
        } else {
            format!(
                "Analisis peta kepentingan-kinerja (Ringle & Sarstedt, 2016) untuk {} memakai efek total tak terstandar sebagai kepentingan dan skor rata-rata yang diskalakan ke 0–100 dengan bobot tak terstandar sebagai kinerja.",
                m.target
            )
        });
    }
    if let Some(g) = &r.groups {
        let sizes: Vec<String> = g.groups.iter().map(|x| format!("{} (n = {})", x.label, x.n)).collect();
        let sizes = list(&sizes, if en { "and" } else { "dan" });
        let perms = g.permutations.as_ref().map_or(0, |p| p.permutations);
        out.push(if en {
            format!(
                "A multigroup analysis compared {sizes} (grouped by {}), each estimated and bootstrapped with the same settings and a seed derived from the analysis seed; path differences were tested with Henseler's PLS-MGA (Henseler et al., 2009), the parametric and Welch–Satterthwaite tests (Sarstedt et al., 2011){}.",
                g.column,
                if perms > 0 { format!(" and a permutation test with {perms} permutations (Chin & Dibbern, 2010)") } else { String::new() }
            )
        } else {
            format!(
                "Analisis multigrup membandingkan {sizes} (dikelompokkan menurut {}), masing-masing diestimasi dan di-bootstrap dengan pengaturan yang sama dan seed yang diturunkan dari seed analisis; selisih jalur diuji dengan PLS-MGA Henseler (Henseler dkk., 2009), uji parametrik dan Welch–Satterthwaite (Sarstedt dkk., 2011){}.",
                g.column,
                if perms > 0 { format!(" serta uji permutasi dengan {perms} permutasi (Chin & Dibbern, 2010)") } else { String::new() }
            )
        });
        if g.micom.is_some() {
            out.push(if en {
                "Measurement invariance was assessed beforehand with MICOM (Henseler, Ringle & Sarstedt, 2016): configural invariance, compositional invariance and the equality of composite means and variances.".to_string()
            } else {
                "Invariansi pengukuran dinilai lebih dahulu dengan MICOM (Henseler, Ringle & Sarstedt, 2016): invariansi konfigural, invariansi komposisional, dan kesamaan rata-rata serta varians komposit.".to_string()
            });
        }
    }
    out
}

/// The higher-order constructs: each with its dimensions, and the method.
fn hoc_sentence(h: &HocInfo, lang: Lang) -> String {
    let en = lang == Lang::En;
    let each: Vec<String> = h
        .constructs
        .iter()
        .map(|c| {
            let dims = list(&c.dimensions, if en { "and" } else { "dan" });
            match (c.mode, en) {
                (crate::model::Mode::A, true) => format!("{} (reflective, Mode A, with the dimensions {dims})", c.name),
                (crate::model::Mode::B, true) => format!("{} (formative, Mode B, with the dimensions {dims})", c.name),
                (crate::model::Mode::A, false) => format!("{} (reflektif, Mode A, dengan dimensi {dims})", c.name),
                (crate::model::Mode::B, false) => format!("{} (formatif, Mode B, dengan dimensi {dims})", c.name),
            }
        })
        .collect();
    let names = list(&each, if en { "and" } else { "dan" });
    let plural = h.constructs.len() > 1;
    let method = match (h.method, en) {
        (HocMethod::TwoStageEmbedded, true) => "the embedded two-stage approach (Sarstedt et al., 2019): the dimensions' scores from a first-stage repeated-indicators model served as the indicators of the higher-order construct in the second stage",
        (HocMethod::TwoStageDisjoint, true) => "the disjoint two-stage approach (Sarstedt et al., 2019): the dimensions' scores from a first-stage model with the dimensions in place of the higher-order construct served as its indicators in the second stage",
        (HocMethod::Repeated, true) => "the repeated indicators approach (Becker, Klein & Wetzels, 2012): the higher-order construct was measured by all indicators of its dimensions",
        (HocMethod::TwoStageEmbedded, false) => "pendekatan dua tahap tertanam (embedded two-stage; Sarstedt et al., 2019): skor dimensi dari model tahap pertama dengan indikator berulang menjadi indikator konstruk orde tinggi pada tahap kedua",
        (HocMethod::TwoStageDisjoint, false) => "pendekatan dua tahap terpisah (disjoint two-stage; Sarstedt et al., 2019): skor dimensi dari model tahap pertama yang menempatkan dimensi di posisi konstruk orde tinggi menjadi indikatornya pada tahap kedua",
        (HocMethod::Repeated, false) => "pendekatan indikator berulang (repeated indicators; Becker, Klein & Wetzels, 2012): konstruk orde tinggi diukur oleh seluruh indikator dimensinya",
    };
    if en {
        format!("The higher-order construct{} {names} {} estimated with {method}.", if plural { "s" } else { "" }, if plural { "were" } else { "was" })
    } else {
        format!("Konstruk orde tinggi {names} diestimasi dengan {method}.")
    }
}

/// The bootstrap: resamples, seed, interval, p-values, resamples left
/// out or kept, and the verdict rule.
fn bootstrap_sentence(s: &Settings, b: &BootstrapInfo, lang: Lang) -> String {
    let en = lang == Lang::En;
    let ci = match (s.ci, en) {
        (CiMethod::Percentile, true) => "percentile",
        (CiMethod::Bca, true) => "bias-corrected and accelerated (BCa)",
        (CiMethod::Percentile, false) => "persentil",
        (CiMethod::Bca, false) => "bias-corrected and accelerated (BCa)",
    };
    let df = b.succeeded.saturating_sub(1);
    let tails = tails_word(s.tails, lang);
    let one = s.tails == Tails::One;
    let p = match (s.p_value, en) {
        (PValue::StudentT, true) => format!("{tails} p-values from Student's t with {df} degrees of freedom"),
        (PValue::Normal, true) => format!("{tails} p-values from the standard normal distribution"),
        (PValue::Empirical, true) if one => format!("{tails} empirical p-values (share of resamples beyond zero)"),
        (PValue::Empirical, true) => format!("{tails} empirical p-values (share of resamples beyond zero, doubled)"),
        (PValue::StudentT, false) => format!("nilai p {tails} dari distribusi t Student dengan {df} derajat bebas"),
        (PValue::Normal, false) => format!("nilai p {tails} dari distribusi normal baku"),
        (PValue::Empirical, false) if one => format!("nilai p empiris {tails} (proporsi sampel ulang di seberang nol)"),
        (PValue::Empirical, false) => format!("nilai p empiris {tails} (proporsi sampel ulang di seberang nol, dikali dua)"),
    };
    let pct = super::localize(ci_percent(s), lang);
    let mut sentence = if en {
        format!("Significance was assessed by bootstrapping with {} subsamples (seed {}; {ci} {pct}% confidence intervals; {p})", b.resamples, b.seed)
    } else {
        format!("Signifikansi diuji dengan bootstrapping sebanyak {} subsampel (seed {}; interval kepercayaan {pct}% {ci}; {p})", b.resamples, b.seed)
    };
    if b.failed > 0 {
        sentence += &if en {
            format!("; {} subsamples could not be estimated and were left out", b.failed)
        } else {
            format!("; {} subsampel tidak dapat diestimasi dan dikeluarkan", b.failed)
        };
    }
    if b.not_converged > 0 {
        sentence += &match (s.drop_nonconverged, en) {
            (false, true) => format!("; {} subsamples reached the iteration limit and were kept", b.not_converged),
            (true, true) => format!("; {} subsamples reached the iteration limit and were left out", b.not_converged),
            (false, false) => format!("; {} subsampel mencapai batas iterasi dan tetap digunakan", b.not_converged),
            (true, false) => format!("; {} subsampel mencapai batas iterasi dan dikeluarkan", b.not_converged),
        };
    }
    sentence += &verdict_sentence(s, lang);
    sentence
}

/// The sign correction of the bootstrap, when one was asked for: what was
/// done, the criterion, and how many resamples it concerned per construct.
fn sign_change_sentence(s: &Settings, b: &BootstrapInfo, lang: Lang) -> Option<String> {
    let en = lang == Lang::En;
    let how = match (s.sign_change, en) {
        (SignChange::None, _) => return None,
        (SignChange::Individual, true) => "each bootstrap estimate was given the sign of its full-sample estimate (individual sign changes)",
        (SignChange::Construct, true) => "the weights and loadings of a construct that came out sign-reversed in a subsample were negated and its paths re-estimated, interaction terms following their constructs (construct-level sign changes; Tenenhaus et al., 2005)",
        (SignChange::Individual, false) => "setiap estimasi bootstrap diberi tanda estimasi sampel penuhnya (perubahan tanda individual)",
        (SignChange::Construct, false) => "bobot dan muatan konstruk yang terbalik tandanya pada suatu subsampel dibalik dan jalurnya diestimasi ulang, suku interaksi mengikuti konstruknya (perubahan tanda tingkat konstruk; Tenenhaus dkk., 2005)",
    };
    let shares: Vec<String> = b
        .sign_reversals
        .iter()
        .flat_map(|r| r.constructs.iter())
        .filter(|(_, c)| c.count > 0)
        .map(|(name, c)| {
            let pct = format!("{:.1} %", c.share * 100.0);
            if en { format!("{name} in {pct}") } else { format!("{name} pada {}", pct.replace('.', ",")) }
        })
        .collect();
    let found = match (shares.is_empty(), en) {
        (true, true) => "no construct was reversed in any subsample".to_string(),
        (true, false) => "tidak ada konstruk yang terbalik pada subsampel mana pun".to_string(),
        (false, true) => format!("constructs were reversed {}", list(&shares, "and")),
        (false, false) => format!("konstruk terbalik: {}", list(&shares, "dan")),
    };
    Some(if en {
        format!("A construct counts as sign-reversed in a subsample when the products of its subsample and full-sample loadings sum to less than zero; {how}; {found}.")
    } else {
        format!("Sebuah konstruk dianggap terbalik tandanya pada suatu subsampel bila jumlah hasil kali muatan subsampel dan muatan sampel penuhnya kurang dari nol; {how}; {found}.")
    })
}

/// The verdict rule of the path table, with its tails: ". Paths with
/// p < 0.05 (two-tailed) are reported as significant."
fn verdict_sentence(s: &Settings, lang: Lang) -> String {
    let en = lang == Lang::En;
    let pct = super::localize(ci_percent(s), lang);
    let tails = tails_word(s.tails, lang);
    let alpha = super::num_in(s.alpha, lang);
    let rule = match (s.significance, en) {
        (Significance::PValue, true) => format!(". Paths with p < {alpha} ({tails}) are reported as significant"),
        (Significance::PValue, false) => format!(". Jalur dengan p < {alpha} ({tails}) dilaporkan signifikan"),
        (Significance::Interval, true) => format!(". Paths whose {pct}% confidence interval excludes zero are reported as significant ({tails}, α = {alpha})"),
        (Significance::Interval, false) => format!(". Jalur yang interval kepercayaan {pct}%-nya tidak memuat nol dilaporkan signifikan ({tails}, α = {alpha})"),
    };
    let why = match (s.tails, en) {
        (Tails::Two, _) => String::new(),
        (Tails::One, true) => format!(". A one-tailed test takes the direction of the estimate as its hypothesis: its p is half the two-tailed p, and the bound of the {pct}% interval nearer zero is the one-sided bound at α"),
        (Tails::One, false) => format!(". Uji satu arah mengambil arah estimasi sebagai hipotesisnya: nilai p-nya setengah dari p dua arah, dan batas interval {pct}% yang lebih dekat ke nol adalah batas satu sisi pada α"),
    };
    rule + &why + "."
}

/// The mediation and conditional process statistics, when the result has
/// them: routes, conditional indirect effects, floodlight.
fn mediation_sentences(r: &AnalysisResult, lang: Lang) -> Vec<String> {
    let en = lang == Lang::En;
    let mut out = Vec::new();
    let boot = r.bootstrap.is_some();
    let n = r.specific_indirect_effects.len();
    if n > 0 {
        out.push(match (en, boot) {
            (true, true) => format!("Specific indirect effects were computed for every route through one or more mediators ({n} routes) as the product of the route's path coefficients and tested with the same bootstrap subsamples as the paths; the type of mediation follows Zhao, Lynch and Chen (2010), with the variance accounted for (VAF) where it is a share of the total effect."),
            (true, false) => format!("Specific indirect effects were computed for every route through one or more mediators ({n} routes) as the product of the route's path coefficients."),
            (false, true) => format!("Efek tidak langsung spesifik dihitung untuk setiap rute melalui satu atau lebih mediator ({n} rute) sebagai hasil kali koefisien jalur sepanjang rute dan diuji dengan subsampel bootstrap yang sama dengan jalur; jenis mediasi mengikuti Zhao, Lynch dan Chen (2010), dengan variance accounted for (VAF) bila merupakan bagian dari efek total."),
            (false, false) => format!("Efek tidak langsung spesifik dihitung untuk setiap rute melalui satu atau lebih mediator ({n} rute) sebagai hasil kali koefisien jalur sepanjang rute."),
        });
    }
    if let Some(c) = r.conditional_indirect_effects.first() {
        let levels: Vec<String> = c.levels.iter().map(|l| super::num_in(l.at, lang).replace('-', "−")).collect();
        let levels = list(&levels, if en { "and" } else { "dan" });
        out.push(if en {
            format!("Conditional indirect effects were evaluated at moderator levels of {levels} SD, with the index of moderated mediation (Hayes, 2015) where the moderator moderates one path of the route.")
        } else {
            format!("Efek tidak langsung bersyarat dievaluasi pada tingkat moderator {levels} SB, dengan indeks mediasi termoderasi (Hayes, 2015) bila moderator memoderasi satu jalur dalam rute.")
        });
    }
    if !r.floodlight.is_empty() {
        out.push(match (en, boot) {
            (true, true) => "The conditional effect of each interaction's independent construct was examined across the moderator's observed range (floodlight; Spiller et al., 2013), with Johnson–Neyman points where the bootstrap percentile interval starts or stops excluding zero.".into(),
            (true, false) => "The conditional effect of each interaction's independent construct was examined across the moderator's observed range (floodlight; Spiller et al., 2013).".into(),
            (false, true) => "Efek bersyarat konstruk independen setiap interaksi diperiksa di sepanjang rentang moderator yang teramati (floodlight; Spiller dkk., 2013), dengan titik Johnson–Neyman tempat interval persentil bootstrap mulai atau berhenti tidak memuat nol.".into(),
            (false, false) => "Efek bersyarat konstruk independen setiap interaksi diperiksa di sepanjang rentang moderator yang teramati (floodlight; Spiller dkk., 2013).".into(),
        });
    }
    out
}

/// "Computed with plsweb version X (…)": how to cite the program.
pub fn citation(r: &AnalysisResult, lang: Lang) -> String {
    let program = if r.program.is_empty() { "plsweb" } else { &r.program };
    let seed = r.bootstrap.as_ref().map(|b| b.seed).unwrap_or(r.settings.seed);
    match lang {
        Lang::En => format!("{program} version {}, computed in the browser (settings and seed {seed} are stored in the result file).", r.version),
        Lang::Id => format!("{program} versi {}, dihitung di peramban (pengaturan dan seed {seed} tersimpan dalam berkas hasil).", r.version),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Settings;
    use crate::report::example_result as example;

    #[test]
    fn english_paragraph_names_every_setting() {
        let r = example(Settings { bootstrap: 200, seed: 9, ..Settings::smartpls() });
        let p = methods_paragraph(&r, Lang::En);
        for part in [
            "PLS-SEM was estimated with the path weighting scheme (stop criterion 1e−7, at most 3000 iterations; the algorithm converged after",
            &format!("on n = {} cases", r.n),
            "missing values were replaced by the indicator mean (",
            "The interaction term CRM*SC was built with the two-stage approach and standardized.",
            "bootstrapping with 200 subsamples (seed 9; percentile 95% confidence intervals; two-tailed p-values from Student's t with 199 degrees of freedom)",
            "Q² was obtained by blindfolding with omission distance 7.",
        ] {
            assert!(p.contains(part), "missing {part:?} in\n{p}");
        }
        assert!(citation(&r, Lang::En).starts_with(&format!("plsweb version {}, computed in the browser", r.version)));
    }

    #[test]
    fn indonesian_paragraph_and_other_settings() {
        let mut s = Settings::seminr();
        s.bootstrap = 0;
        s.blindfold_distance = 0;
        s.missing = MissingPolicy::CasewiseDeletion;
        let r = example(s);
        let p = methods_paragraph(&r, Lang::Id);
        for part in [
            "PLS-SEM diestimasi dengan skema pembobotan jalur (path) (kriteria berhenti 1e−7, paling banyak 300 iterasi; algoritme konvergen setelah",
            "dihapus (casewise; 0 kasus)",
            "Suku interaksi CRM*SC dibentuk dengan pendekatan indikator produk dan diskalakan ulang",
            "Bootstrap tidak dijalankan",
        ] {
            assert!(p.contains(part), "missing {part:?} in\n{p}");
        }
        assert!(!p.contains("blindfolding"), "{p}");
        assert!(!p.contains(" the "), "English word in the Indonesian paragraph: {p}");
        assert!(citation(&r, Lang::Id).contains("dihitung di peramban"));
        let en = methods_paragraph(&r, Lang::En);
        assert!(en.contains("product-indicator approach and rescaled"), "{en}");
        assert!(en.contains("No bootstrap was run"), "{en}");
    }

    /// The paragraph states the verdict rule of the path table, its tails
    /// and the interval level that goes with them.
    #[test]
    fn verdict_rule_tails_and_interval_level() {
        let two = example(Settings { bootstrap: 80, seed: 4, ..Settings::smartpls() });
        let p = methods_paragraph(&two, Lang::En);
        assert!(p.contains("percentile 95% confidence intervals; two-tailed p-values from Student's t"), "{p}");
        assert!(p.contains("Paths with p < 0.05 (two-tailed) are reported as significant."), "{p}");
        assert!(!p.contains("interval excludes zero"), "{p}");
        let id = methods_paragraph(&two, Lang::Id);
        assert!(id.contains("interval kepercayaan 95% persentil; nilai p dua arah"), "{id}");
        assert!(id.contains("Jalur dengan p < 0,05 (dua arah) dilaporkan signifikan."), "{id}");

        let s = Settings { bootstrap: 80, seed: 4, tails: Tails::One, significance: Significance::Interval, p_value: PValue::Empirical, ..Settings::smartpls() };
        let one = example(s);
        let p = methods_paragraph(&one, Lang::En);
        for part in [
            "percentile 90% confidence intervals; one-tailed empirical p-values (share of resamples beyond zero))",
            "Paths whose 90% confidence interval excludes zero are reported as significant (one-tailed, α = 0.05). A one-tailed test takes the direction of the estimate as its hypothesis: its p is half the two-tailed p",
        ] {
            assert!(p.contains(part), "missing {part:?} in\n{p}");
        }
        assert!(!p.contains("95%") && !p.contains("doubled"), "{p}");
        let id = methods_paragraph(&one, Lang::Id);
        for part in ["interval kepercayaan 90% persentil; nilai p empiris satu arah", "Jalur yang interval kepercayaan 90%-nya tidak memuat nol dilaporkan signifikan (satu arah, α = 0,05). Uji satu arah"] {
            assert!(id.contains(part), "missing {part:?} in\n{id}");
        }
        assert!(!id.contains(" the "), "{id}");
    }

    #[test]
    fn small_helpers() {
        assert_eq!(sci(1e-7), "1e−7");
        assert_eq!(sci(0.05), "0.05");
        assert_eq!(percent(0.05), "95");
        assert_eq!(percent(0.1), "90");
        assert_eq!(ci_percent(&Settings { alpha: 0.05, tails: Tails::One, ..Settings::smartpls() }), "90");
        assert_eq!(ci_percent(&Settings { alpha: 0.01, tails: Tails::Two, ..Settings::smartpls() }), "99");
        assert_eq!(list(&["a".into(), "b".into(), "c".into()], "and"), "a, b and c");
        assert_eq!(Lang::from_tag("id-ID"), Lang::Id);
    }
}
