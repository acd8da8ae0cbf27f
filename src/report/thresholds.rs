//! The rules of thumb the report judges results by, each written once.
//! A table's flag and its note both read the constant here, so changing a
//! number changes the ✓/✗ marks and the sentence that explains them
//! together. Numbers in notes are printed by [`number`] in the table's
//! language.

use super::{localize, Lang};
use crate::engine::predict::PredictivePower;

/// Which side of the cut-off passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// x ≥ value
    AtLeast,
    /// x < value
    Below,
    /// x > value
    Above,
}

/// A cut-off with the side that passes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cutoff {
    pub value: f64,
    pub rule: Rule,
}

impl Cutoff {
    pub const fn at_least(value: f64) -> Self {
        Cutoff { value, rule: Rule::AtLeast }
    }
    pub const fn below(value: f64) -> Self {
        Cutoff { value, rule: Rule::Below }
    }
    pub const fn above(value: f64) -> Self {
        Cutoff { value, rule: Rule::Above }
    }

    /// Does `x` meet the rule?
    pub fn holds(&self, x: f64) -> bool {
        match self.rule {
            Rule::AtLeast => x >= self.value,
            Rule::Below => x < self.value,
            Rule::Above => x > self.value,
        }
    }

    /// The rule as a note writes it: "≥ 0.708", "< 5", "> 0" (decimal comma
    /// in Indonesian).
    pub fn text(&self, lang: Lang) -> String {
        let sign = match self.rule {
            Rule::AtLeast => "≥",
            Rule::Below => "<",
            Rule::Above => ">",
        };
        format!("{sign} {}", number(self.value, lang))
    }
}

/// Indicator loadings ≥ 0.708: the construct explains at least half of the
/// indicator's variance (0.708² ≈ 0.50). Hair, Risher, Sarstedt & Ringle
/// (2019), "When to use and how to report the results of PLS-SEM",
/// European Business Review 31(1).
pub const LOADING: Cutoff = Cutoff::at_least(0.708);

/// Indicators loading below 0.40 are removed whatever the construct's
/// reliability; between 0.40 and [`LOADING`] an indicator is removed only
/// if that lifts AVE or ρ_C of its construct to its threshold (Hair, Hult,
/// Ringle & Sarstedt 2022, A Primer on PLS-SEM, 3rd ed., ch. 4).
pub const LOADING_KEEP: Cutoff = Cutoff::at_least(0.40);

/// Cronbach's α, ρ_A and composite reliability ρ_C ≥ 0.70 (Hair et al.
/// 2019, after Nunnally & Bernstein 1994).
pub const RELIABILITY: Cutoff = Cutoff::at_least(0.70);

/// Average variance extracted ≥ 0.50 for convergent validity: Fornell &
/// Larcker (1981), Journal of Marketing Research 18(1).
pub const AVE: Cutoff = Cutoff::at_least(0.50);

/// HTMT < 0.85, the conservative cut-off, flags discriminant validity:
/// Henseler, Ringle & Sarstedt (2015), Journal of the Academy of Marketing
/// Science 43(1).
pub const HTMT: Cutoff = Cutoff::below(0.85);

/// HTMT < 0.90, the liberal cut-off for conceptually similar constructs
/// (Henseler, Ringle & Sarstedt 2015); named in the note, not flagged.
pub const HTMT_LIBERAL: Cutoff = Cutoff::below(0.90);

/// VIF < 5: no critical collinearity, for indicators and for the
/// predictors of a construct. Hair, Hult, Ringle & Sarstedt (2022), A Primer
/// on Partial Least Squares Structural Equation Modeling, 3rd ed.
pub const VIF: Cutoff = Cutoff::below(5.0);

/// VIF < 3, the ideal (Hair et al. 2019; Hair et al. 2022); named in the
/// inner VIF note, not flagged.
pub const VIF_IDEAL: Cutoff = Cutoff::below(3.0);

/// SRMR < 0.08 for good fit: Hu & Bentler (1999), Structural Equation
/// Modeling 6(1); for PLS path models Henseler et al. (2014).
pub const SRMR: Cutoff = Cutoff::below(0.08);

/// Q² > 0: the model has predictive relevance for the construct (Stone
/// 1974; Geisser 1974; Hair et al. 2019).
pub const Q2: Cutoff = Cutoff::above(0.0);

/// f² of 0.02, 0.15 and 0.35: small, medium and large effects. Cohen
/// (1988), Statistical Power Analysis for the Behavioral Sciences, 2nd ed.
pub const F2: [f64; 3] = [0.02, 0.15, 0.35];

/// R² of 0.25, 0.50 and 0.75: weak, moderate and substantial. Hair, Ringle
/// & Sarstedt (2011), "PLS-SEM: Indeed a silver bullet", Journal of
/// Marketing Theory and Practice 19(2); Henseler, Ringle & Sinkovics (2009).
pub const R2: [f64; 3] = [0.25, 0.50, 0.75];

/// GoF of 0.10, 0.25 and 0.36: small, medium and large. Wetzels,
/// Odekerken-Schröder & van Oppen (2009), MIS Quarterly 33(1).
pub const GOF: [f64; 3] = [0.10, 0.25, 0.36];

/// Significance stars of the path diagram, from the strictest level: the
/// conventional *** p < .001, ** p < .01, * p < .05.
pub const STARS: [(f64, &str); 3] = [(0.001, "***"), (0.01, "**"), (0.05, "*")];

/// PLSpredict's verdict (Shmueli et al. 2019, "Predictive model assessment
/// in PLS-SEM: guidelines for using PLSpredict", European Journal of
/// Marketing 53(11)): PLS predicts with a lower RMSE than the LM benchmark
/// for all endogenous indicators → high, for the majority (at least
/// [`PREDICT_MAJORITY`] of them) → medium, for a minority → low, for none →
/// lacking predictive power. `better` of `total` indicators; none compared
/// (the LM could not be fitted) → not assessed.
pub fn predictive_power(better: usize, total: usize) -> PredictivePower {
    if total == 0 {
        PredictivePower::NotAssessed
    } else if better == total {
        PredictivePower::High
    } else if better > 0 && better as f64 >= PREDICT_MAJORITY * total as f64 {
        PredictivePower::Medium
    } else if better > 0 {
        PredictivePower::Low
    } else {
        PredictivePower::Lacking
    }
}

/// The share of indicators that counts as "the majority" in
/// [`predictive_power`] (half or more, as the guidelines' "majority or the
/// same number" reads).
pub const PREDICT_MAJORITY: f64 = 0.5;

/// A rule-of-thumb number as papers print it, in `lang`: integers bare
/// ("5", "0"), other numbers with at least two decimals ("0.70", "0.708";
/// Indonesian "0,70").
pub fn number(x: f64, lang: Lang) -> String {
    let s = format!("{x}");
    let decimals = s.split_once('.').map_or(0, |(_, d)| d.len());
    let s = if x.fract() != 0.0 && decimals < 2 { format!("{x:.2}") } else { s };
    localize(s, lang)
}

/// Three levels with their words, as notes write them: "0.02 small, 0.15
/// medium, 0.35 large".
pub fn levels(values: [f64; 3], words: [&str; 3], lang: Lang) -> String {
    values.iter().zip(words).map(|(v, w)| format!("{} {w}", number(*v, lang))).collect::<Vec<_>>().join(", ")
}

/// A significance level as a legend writes it: APA style in English
/// (".05", ".001": no leading zero), "0,05" in Indonesian.
pub fn p_level(x: f64, lang: Lang) -> String {
    let s = super::num_in(x, lang);
    match lang {
        Lang::En => s.strip_prefix('0').map(str::to_string).unwrap_or(s),
        Lang::Id => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_notes_print_them() {
        assert_eq!(number(0.7, Lang::En), "0.70");
        assert_eq!(number(0.708, Lang::Id), "0,708");
        assert_eq!(number(0.5, Lang::Id), "0,50");
        assert_eq!(number(5.0, Lang::En), "5");
        assert_eq!(number(0.0, Lang::En), "0");
        assert_eq!(LOADING.text(Lang::Id), "≥ 0,708");
        assert_eq!(VIF.text(Lang::En), "< 5");
        assert_eq!(Q2.text(Lang::En), "> 0");
        assert_eq!(levels(F2, ["small", "medium", "large"], Lang::En), "0.02 small, 0.15 medium, 0.35 large");
        assert_eq!(p_level(0.001, Lang::En), ".001");
        assert_eq!(p_level(0.05, Lang::Id), "0,05");
    }

    #[test]
    fn predictive_power_counts_indicators_where_pls_beats_the_lm() {
        let v = |b| predictive_power(b, 4);
        assert_eq!([v(4), v(3), v(2), v(1), v(0)], [
            PredictivePower::High,
            PredictivePower::Medium,
            PredictivePower::Medium,
            PredictivePower::Low,
            PredictivePower::Lacking
        ]);
        assert_eq!(predictive_power(1, 3), PredictivePower::Low);
        assert_eq!(predictive_power(0, 0), PredictivePower::NotAssessed);
    }

    #[test]
    fn each_rule_passes_on_its_side() {
        assert!(LOADING.holds(0.708) && !LOADING.holds(0.7079));
        assert!(HTMT.holds(0.849) && !HTMT.holds(0.85));
        assert!(Q2.holds(1e-9) && !Q2.holds(0.0));
    }
}
