//! Predictive power out of sample: PLSpredict's indicator table (PLS
//! against the LM and indicator-average benchmarks), its construct table,
//! the guidelines' verdict, and CVPAT. Present only when PLSpredict ran.

use crate::engine::predict::{Approach, Benchmark, PredictivePower};
use crate::engine::result::{AnalysisResult, PredictInfo};
use crate::report::cells::{cols, tr, Cell, Flag, Table};
use crate::report::thresholds::{number, PREDICT_MAJORITY, Q2};
use crate::report::Lang;

/// How the run was made, for the notes: "10 folds × 10 repetitions,
/// earliest antecedents".
fn run_words(p: &PredictInfo, lang: Lang) -> String {
    let approach = match (p.approach, lang) {
        (Approach::Earliest, Lang::En) => "earliest antecedents",
        (Approach::Direct, Lang::En) => "direct antecedents",
        (Approach::Earliest, Lang::Id) => "anteseden paling awal",
        (Approach::Direct, Lang::Id) => "anteseden langsung",
    };
    match lang {
        Lang::En => format!("{} folds × {} repetitions, {approach}", p.folds, p.repetitions),
        Lang::Id => format!("{} lipatan × {} ulangan, {approach}", p.folds, p.repetitions),
    }
}

/// The verdict's words.
pub fn power_words(v: PredictivePower, lang: Lang) -> &'static str {
    match (v, lang) {
        (PredictivePower::High, Lang::En) => "high predictive power",
        (PredictivePower::Medium, Lang::En) => "medium predictive power",
        (PredictivePower::Low, Lang::En) => "low predictive power",
        (PredictivePower::Lacking, Lang::En) => "no predictive power",
        (PredictivePower::High, Lang::Id) => "daya prediksi tinggi",
        (PredictivePower::Medium, Lang::Id) => "daya prediksi sedang",
        (PredictivePower::Low, Lang::Id) => "daya prediksi rendah",
        (PredictivePower::Lacking, Lang::Id) => "tidak ada daya prediksi",
        (PredictivePower::NotAssessed, Lang::En) => "not assessed: the LM benchmark could not be fitted",
        (PredictivePower::NotAssessed, Lang::Id) => "tidak dinilai: tolok ukur LM tidak dapat diestimasi",
    }
}

/// A PLS error flagged good where it is below the LM benchmark's.
fn against_lm(pls: Option<f64>, lm: Option<f64>, lang: Lang) -> Cell {
    let mut c = Cell::num(pls, lang);
    c.flag = match (pls, lm) {
        (Some(a), Some(b)) => Some(if a < b { Flag::Good } else { Flag::Bad }),
        _ => None,
    };
    c
}

pub fn indicators(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    let p = r.predict.as_ref()?;
    let rows = p
        .indicators
        .iter()
        .map(|(item, f)| {
            vec![
                Cell::text(item.clone()),
                Cell::judged(f.q2_predict, lang, Q2),
                against_lm(f.rmse, f.lm_rmse, lang),
                Cell::num(f.lm_rmse, lang),
                against_lm(f.mae, f.lm_mae, lang),
                Cell::num(f.lm_mae, lang),
                Cell::num(f.ia_rmse, lang),
            ]
        })
        .collect();
    let (columns, keys) = cols(
        lang,
        &[
            ("Indicator", "Indikator"),
            ("Q²predict", "Q²predict"),
            ("PLS RMSE", "RMSE PLS"),
            ("LM RMSE", "RMSE LM"),
            ("PLS MAE", "MAE PLS"),
            ("LM MAE", "MAE LM"),
            ("IA RMSE", "RMSE IA"),
        ],
    );
    let (q2, run) = (Q2.text(lang), run_words(p, lang));
    Some(Table {
        id: "predict_indicators".into(),
        title: tr(lang, "PLSpredict: out-of-sample prediction of the indicators", "PLSpredict: prediksi indikator di luar sampel"),
        note: match lang {
            Lang::En => format!(
                "k-fold cross-validation ({run}; Shmueli et al. 2019). Q²predict {q2}: PLS predicts better than the training mean. A PLS error is marked when it is below the linear model's (LM: the indicators of the exogenous constructs, or as the approach); IA = indicator average."
            ),
            Lang::Id => format!(
                "Validasi silang k-lipatan ({run}; Shmueli dkk. 2019). Q²predict {q2}: PLS memprediksi lebih baik daripada rata-rata data latih. Galat PLS ditandai bila lebih kecil daripada galat model linear (LM: indikator konstruk eksogen, atau sesuai pendekatan); IA = rata-rata indikator."
            ),
        },
        columns,
        keys,
        rows,
    })
}

pub fn constructs(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    let p = r.predict.as_ref()?;
    let rows = p
        .constructs
        .iter()
        .map(|(c, f)| {
            let ins = p.in_sample.constructs.get(c);
            vec![
                Cell::text(c.clone()),
                Cell::judged(f.q2_predict, lang, Q2),
                Cell::num(f.rmse, lang),
                Cell::num(f.mae, lang),
                Cell::num(ins.and_then(|i| i.rmse), lang),
            ]
        })
        .collect();
    let (columns, keys) = cols(
        lang,
        &[("Construct", "Konstruk"), ("Q²predict", "Q²predict"), ("RMSE", "RMSE"), ("MAE", "MAE"), ("In-sample RMSE", "RMSE dalam sampel")],
    );
    Some(Table {
        id: "predict_constructs".into(),
        title: tr(lang, "PLSpredict: out-of-sample prediction of the construct scores", "PLSpredict: prediksi skor konstruk di luar sampel"),
        note: match lang {
            Lang::En => format!("Predicted scores against the full sample's scores ({}); Q²predict {} indicates predictive relevance.", run_words(p, lang), Q2.text(lang)),
            Lang::Id => format!("Skor prediksi dibandingkan dengan skor sampel penuh ({}); Q²predict {} menunjukkan relevansi prediktif.", run_words(p, lang), Q2.text(lang)),
        },
        columns,
        keys,
        rows,
    })
}

pub fn verdict(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    let p = r.predict.as_ref()?;
    let of = |k: usize| match lang {
        Lang::En => format!("{k} of {}", p.indicators_compared),
        Lang::Id => format!("{k} dari {}", p.indicators_compared),
    };
    let (columns, keys) = cols(lang, &[("Criterion", "Kriteria"), ("Result", "Hasil")]);
    let share = number(PREDICT_MAJORITY * 100.0, lang);
    Some(Table {
        id: "predict_verdict".into(),
        title: tr(lang, "PLSpredict: predictive power", "PLSpredict: daya prediksi"),
        note: match lang {
            Lang::En => format!(
                "First Q²predict > 0 (PLS predicts better than the training mean), then the PLS RMSE below the LM benchmark's: for all indicators: high; for the majority ({share} % or more): medium; for a minority: low; for none: no predictive power (Shmueli et al. 2019). An indicator with Q²predict ≤ 0 does not count, whatever the LM's RMSE."
            ),
            Lang::Id => format!(
                "Pertama Q²predict > 0 (PLS memprediksi lebih baik daripada rata-rata data latih), lalu RMSE PLS lebih kecil daripada RMSE LM: untuk semua indikator: tinggi; untuk sebagian besar ({share} % atau lebih): sedang; untuk sebagian kecil: rendah; untuk tidak satu pun: tidak ada daya prediksi (Shmueli dkk. 2019). Indikator dengan Q²predict ≤ 0 tidak dihitung, berapa pun RMSE LM-nya."
            ),
        },
        columns,
        keys,
        rows: vec![
            vec![Cell::text(tr(lang, "Indicators with Q²predict > 0", "Indikator dengan Q²predict > 0")), Cell::text(of(p.positive_q2_predict))],
            vec![Cell::text(tr(lang, "Indicators with a lower PLS than LM RMSE", "Indikator dengan RMSE PLS lebih kecil daripada LM")), Cell::text(of(p.lower_rmse_than_lm))],
            vec![Cell::text(tr(lang, "Both (what the verdict counts)", "Keduanya (yang dihitung putusan)")), Cell::text(of(p.counted_for_verdict))],
            vec![Cell::text(tr(lang, "Predictive power", "Daya prediksi")), Cell::text(power_words(p.verdict, lang))],
        ],
    })
}

pub fn cvpat(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    let rows = r.cvpat.as_ref()?;
    let overall = tr(lang, "Overall", "Keseluruhan");
    let rows = rows
        .iter()
        .map(|c| {
            let bench = match (c.benchmark, lang) {
                (Benchmark::IndicatorAverage, Lang::En) => "indicator average (IA)",
                (Benchmark::LinearModel, Lang::En) => "linear model (LM)",
                (Benchmark::IndicatorAverage, Lang::Id) => "rata-rata indikator (IA)",
                (Benchmark::LinearModel, Lang::Id) => "model linear (LM)",
            };
            vec![
                Cell::text(c.construct.clone().unwrap_or_else(|| overall.clone())),
                Cell::text(bench),
                Cell::num(c.pls_loss, lang),
                Cell::num(c.benchmark_loss, lang),
                Cell::num(c.loss_difference, lang),
                Cell::num(c.t, lang),
                Cell::p(c.p, lang),
            ]
        })
        .collect();
    let (columns, keys) = cols(
        lang,
        &[
            ("Construct", "Konstruk"),
            ("Benchmark", "Pembanding"),
            ("PLS loss", "Kerugian PLS"),
            ("Benchmark loss", "Kerugian pembanding"),
            ("Difference", "Selisih"),
            ("t", "t"),
            ("p", "p"),
        ],
    );
    Some(Table {
        id: "cvpat".into(),
        title: tr(lang, "CVPAT: cross-validated predictive ability test", "CVPAT: uji kemampuan prediktif tervalidasi silang"),
        note: match lang {
            Lang::En => "Average squared out-of-sample error of PLS minus the benchmark's; a negative difference with a small p (paired t-test) means PLS predicts better (Liengaard et al. 2021; Sharma et al. 2023).".into(),
            Lang::Id => "Rata-rata kuadrat galat di luar sampel PLS dikurangi milik pembanding; selisih negatif dengan p kecil (uji t berpasangan) berarti PLS memprediksi lebih baik (Liengaard dkk. 2021; Sharma dkk. 2023).".into(),
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

    #[test]
    fn tables_in_both_languages_only_when_predict_ran() {
        let mut s = Settings { bootstrap: 0, ..Settings::smartpls() };
        assert!(indicators(&crate::report::example_result(s.clone()), Lang::En).is_none());
        s.predict.folds = 4;
        s.predict.repetitions = 1;
        s.cvpat = true;
        let r = crate::report::example_result(s);
        let builds: [fn(&AnalysisResult, Lang) -> Option<Table>; 4] = [indicators, constructs, verdict, cvpat];
        for f in builds {
            let (en, id) = (f(&r, Lang::En).unwrap(), f(&r, Lang::Id).unwrap());
            assert_ne!(en.title, id.title, "{}", en.id);
            assert_ne!(en.note, id.note, "{}", en.id);
            assert_eq!((en.keys.clone(), en.rows.len()), (id.keys.clone(), id.rows.len()), "{}", en.id);
        }
        // the example's one endogenous construct BP has five indicators
        assert_eq!(indicators(&r, Lang::En).unwrap().rows.len(), 5);
        let p = r.predict.as_ref().unwrap();
        let v = verdict(&r, Lang::Id).unwrap();
        assert_eq!(v.rows[0][1].text, format!("{} dari 5", p.positive_q2_predict));
        assert_eq!(v.rows[1][1].text, format!("{} dari 5", p.lower_rmse_than_lm));
        assert_eq!(v.rows[2][1].text, format!("{} dari 5", p.counted_for_verdict));
        assert_eq!(v.rows[3][1].text, power_words(p.verdict, Lang::Id));
        // the verdict counts the indicators with both Q²predict > 0 and a lower RMSE
        let both = p.indicators.iter().filter(|(_, f)| f.q2_predict.unwrap() > 0.0 && f.rmse.unwrap() < f.lm_rmse.unwrap()).count();
        assert_eq!(p.counted_for_verdict, both);
        assert_eq!(p.verdict, crate::report::thresholds::predictive_power(both, 5));
        // a PLS RMSE is marked against the LM's
        let t = indicators(&r, Lang::En).unwrap();
        for (row, (_, f)) in t.rows.iter().zip(p.indicators.iter()) {
            assert_eq!(row[2].flag == Some(Flag::Good), f.rmse.unwrap() < f.lm_rmse.unwrap());
        }
    }
}
