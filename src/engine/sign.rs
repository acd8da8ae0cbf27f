//! Sign-reversed bootstrap resamples: detection and (optional) correction.
//!
//! A composite is identified only up to its sign: −w describes the same
//! construct as w. In small samples with moderately correlated items some
//! resamples converge to the negated solution of a construct — every weight
//! and loading of the construct negated, and with them the signs of its
//! paths and of every interaction built from it. The bootstrap distribution
//! of those statistics then gets a mirrored second cluster, which widens the
//! intervals (Tenenhaus, Esposito Vinzi, Chatelin & Lauro 2005, §3.3;
//! Rönkkö, McIntosh & Antonakis 2015 discuss the consequences).
//!
//! **Definition.** Construct j is *sign-reversed* in a resample when the
//! products of its resample loadings with its full-sample loadings sum to
//! less than zero: Σ_a λ̂_ja · λ̂*_ja < 0. This is the construct-level
//! criterion of Tenenhaus et al. (2005), written with item-by-item products
//! so that one item with a loading of the other sign cannot decide it; for a
//! single-item construct it is the sign of the item's loading (±1). An
//! interaction term of the two-stage approach is one generated indicator,
//! the product of the stage-1 scores of its constructs: it is reversed when
//! its own loading is negative or when exactly one of its two constructs'
//! stage-1 weight vectors points away from the full sample's (w₁·w₁* < 0;
//! the stage-2 sign of a construct need not be its stage-1 sign).
//! Product-indicator and orthogonalized interaction terms have
//! indicators of their own and follow the definition directly.
//!
//! **Correction** ([`SignChange`]): `individual` gives each bootstrap
//! statistic the sign of its full-sample estimate (cSEM's `individual`);
//! `construct` negates the weights and loadings (and so the scores) of every
//! reversed construct and re-estimates the paths. Ordinary least squares on
//! a negated regressor (or response) returns the negated coefficient, so the
//! re-estimated path from i to j is the resample's path times s_i·s_j
//! (s = −1 for a reversed construct), and so are total and indirect effects
//! (T = B + B² + …) and signed HTMT values; R² and absolute HTMT values do
//! not change. A simple slope at moderator level l, β_iv + β_int·l, becomes
//! s_dv·(s_iv·β_iv + s_int·β_int·l). Corrections work on the recorded
//! statistics after the resamples are drawn, so they are the same for any
//! number of threads or Web Workers.

use super::bootstrap::{Catalog, SLOPE_LEVELS};
use super::estimate::{Design, NodeKind};
use super::settings::{Moderation, SignChange};

/// Σ_a λ_a · λ*_a over one construct's loadings.
pub fn loading_agreement(full: &[f64], resample: &[f64]) -> f64 {
    full.iter().zip(resample).map(|(a, b)| a * b).sum()
}

/// The construct-level criterion: the resample's loadings point away from
/// the full sample's (`false` when the sum is not a number).
pub fn reversed(full: &[f64], resample: &[f64]) -> bool {
    loading_agreement(full, resample) < 0.0
}

/// Which nodes of one resample are reversed: `own` by their own loadings,
/// `effective` counting a two-stage interaction as reversed when its
/// loading is negative or exactly one of its constructs' stage-1 scores
/// turned.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeSigns {
    pub own: Vec<bool>,
    pub effective: Vec<bool>,
}

impl NodeSigns {
    pub fn any(&self) -> bool {
        self.own.iter().chain(&self.effective).any(|&r| r)
    }
}

/// Reversals of one resample's statistics `draw` (in [`Catalog`] order)
/// relative to the full sample's `original`.
pub fn node_signs(design: &Design, catalog: &Catalog, original: &[f64], draw: &[f64]) -> NodeSigns {
    let at = catalog.offsets().loadings;
    let own: Vec<bool> = design.blocks.ranges.iter().map(|r| reversed(&original[at + r.start..at + r.end], &draw[at + r.start..at + r.end])).collect();
    // the stage-1 score of a construct turned: its stage-1 weights point away
    let stage1 = |c: usize| catalog.stage1.iter().position(|&x| x == c).is_some_and(|a| draw[catalog.offsets().stage1 + a] < 0.0);
    let effective = (0..design.n_nodes())
        .map(|j| match design.kinds[j] {
            NodeKind::Interaction { iv, moderator } if design.moderation == Moderation::TwoStage => own[j] ^ stage1(iv) ^ stage1(moderator),
            _ => own[j],
        })
        .collect();
    NodeSigns { own, effective }
}

/// Apply the correction `mode` to one resample's statistics in place.
/// `htmt_absolute`: HTMT values have no sign to correct.
pub fn correct(design: &Design, catalog: &Catalog, original: &[f64], draw: &mut [f64], mode: SignChange, htmt_absolute: bool) {
    let off = catalog.offsets();
    // the sections that carry a sign (R² never does)
    let mut signed = vec![off.paths..off.r2, off.slopes..catalog.len()];
    let stage1 = off.stage1..catalog.len();
    if !htmt_absolute {
        signed.push(off.htmt..off.slopes);
    }
    match mode {
        SignChange::None => {}
        SignChange::Individual => {
            for range in signed {
                for i in range {
                    if original[i] * draw[i] < 0.0 {
                        draw[i] = -draw[i];
                    }
                }
            }
        }
        SignChange::Construct => {
            let signs = node_signs(design, catalog, original, draw);
            if !signs.any() {
                return;
            }
            let flip = |r: bool| if r { -1.0 } else { 1.0 };
            let s: Vec<f64> = signs.effective.iter().map(|&r| flip(r)).collect();
            let pairs = [(off.paths, &catalog.paths), (off.total, &catalog.total), (off.indirect, &catalog.indirect)];
            for (at, list) in pairs {
                for (a, &(f, t)) in list.iter().enumerate() {
                    draw[at + a] *= s[f] * s[t];
                }
            }
            for (j, r) in design.blocks.ranges.iter().enumerate() {
                if signs.own[j] {
                    for b in r.clone() {
                        draw[off.weights + b] = -draw[off.weights + b];
                        draw[off.loadings + b] = -draw[off.loadings + b];
                    }
                }
            }
            if !htmt_absolute {
                for (a, &(i, j)) in catalog.htmt_pairs.iter().enumerate() {
                    draw[off.htmt + a] *= s[i] * s[j];
                }
            }
            // the interaction's scores are built from corrected stage-1 scores
            for i in stage1 {
                draw[i] = draw[i].abs();
            }
            let levels = SLOPE_LEVELS.len();
            for (a, &(node, iv, m, dv)) in catalog.slopes.iter().enumerate() {
                let at = off.slopes + levels * a;
                let r: Vec<f64> = draw[at..at + levels].to_vec();
                // levels −1, 0, +1: β_iv = r(0), β_int = (r(+1) − r(−1)) / 2
                let (b_iv, b_int) = (r[1], (r[2] - r[0]) / 2.0);
                for (l, &level) in SLOPE_LEVELS.iter().enumerate() {
                    draw[at + l] = if s[node] == s[iv] * s[m] {
                        // the mirrored level, exactly
                        let mirrored = if s[m] < 0.0 { levels - 1 - l } else { l };
                        s[dv] * s[iv] * r[mirrored]
                    } else {
                        s[dv] * (s[iv] * b_iv + s[node] * b_int * level)
                    };
                }
            }
        }
    }
}

/// How often each node came out reversed over the successful resamples.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reversals {
    /// Successful resamples looked at.
    pub total: usize,
    /// Per node: positions (among the successful resamples, in resample
    /// order) of the resamples where it is reversed (effective sign).
    pub resamples: Vec<Vec<usize>>,
}

impl Reversals {
    pub fn count(&self, j: usize) -> usize {
        self.resamples[j].len()
    }
    /// Share of the successful resamples in which node j is reversed.
    pub fn share(&self, j: usize) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.count(j) as f64 / self.total as f64
        }
    }
    pub fn any(&self) -> bool {
        self.resamples.iter().any(|r| !r.is_empty())
    }
}

/// Count the reversed resamples of every node (before any correction).
pub fn detect(design: &Design, catalog: &Catalog, original: &[f64], draws: &[&Vec<f64>]) -> Reversals {
    let mut resamples = vec![Vec::new(); design.n_nodes()];
    for (i, d) in draws.iter().enumerate() {
        let s = node_signs(design, catalog, original, d);
        for (j, &r) in s.effective.iter().enumerate() {
            if r {
                resamples[j].push(i);
            }
        }
    }
    Reversals { total: draws.len(), resamples }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::estimate::{estimate, EstOptions, Purpose};
    use crate::engine::testdata::study;
    use crate::engine::Settings;

    #[test]
    fn the_criterion_is_the_sign_of_the_summed_loading_products() {
        assert!(!reversed(&[0.8, 0.7, 0.6], &[0.7, 0.8, 0.5]));
        assert!(reversed(&[0.8, 0.7, 0.6], &[-0.7, -0.8, -0.5]));
        // one item of the other sign does not decide it
        assert!(!reversed(&[0.8, 0.7, 0.6], &[-0.1, 0.8, 0.5]));
        // a single-item construct: the sign of its loading
        assert!(reversed(&[1.0], &[-1.0]) && !reversed(&[1.0], &[1.0]));
        // not a number: not counted
        assert!(!reversed(&[0.8], &[f64::NAN]));
    }

    /// Negating a construct's weights by hand (the negated solution, which
    /// fits the data equally well) is detected for that construct alone;
    /// the construct correction restores every statistic.
    #[test]
    fn a_negated_construct_is_detected_and_restored() {
        for moderation in [Moderation::TwoStage, Moderation::ProductIndicator] {
            let (x, design) = study(200, 4, 3, moderation);
            let settings = Settings { moderation, ..Settings::smartpls() };
            let est = estimate(&x, &design, &EstOptions::new(&settings, Purpose::Full)).unwrap();
            let catalog = Catalog::new(&design).with_reference(&est);
            let original = catalog.extract(&design, &est, true);
            let mut flipped = est.clone();
            // a two-stage interaction turns with the stage-1 scores of its constructs
            if let Some(w1) = flipped.interactions.stage1_weights.as_mut() {
                w1[1] = -w1[1].clone();
            }
            // construct 1 negated: weights, loadings (V columns), its correlations and paths
            let k = design.n_nodes();
            let mut s = vec![1.0; k];
            s[1] = -1.0;
            for j in 0..k {
                if let (Some((iv, m)), Moderation::TwoStage) = (design.interaction_of(j), moderation) {
                    s[j] = s[iv] * s[m];
                }
            }
            // in a product-indicator model the interaction's own indicators
            // do not change, so only construct 1 turns
            flipped.weights[1] = -flipped.weights[1].clone();
            for b in 0..flipped.inner.v.nrows() {
                flipped.inner.v[(b, 1)] = -flipped.inner.v[(b, 1)];
            }
            for i in 0..k {
                for j in 0..k {
                    flipped.inner.beta[(i, j)] *= s[i] * s[j];
                    flipped.inner.c[(i, j)] *= s[i] * s[j];
                }
            }
            let mut draw = catalog.extract(&design, &flipped, true);
            let signs = node_signs(&design, &catalog, &original, &draw);
            let expected: Vec<bool> = s.iter().map(|&v| v < 0.0).collect();
            assert_eq!(signs.effective, expected, "{moderation:?}");
            assert_eq!(signs.own, (0..k).map(|j| j == 1).collect::<Vec<_>>(), "{moderation:?}");
            assert_ne!(draw, original);
            correct(&design, &catalog, &original, &mut draw, SignChange::Construct, true);
            for (a, (d, o)) in draw.iter().zip(&original).enumerate() {
                assert!((d - o).abs() < 1e-12 || (d.is_nan() && o.is_nan()), "{moderation:?} statistic {a}: {d} vs {o}");
            }
            // nothing reversed: nothing changes
            let mut same = original.clone();
            correct(&design, &catalog, &original, &mut same, SignChange::Construct, true);
            assert!(same.iter().zip(&original).all(|(a, b)| a.to_bits() == b.to_bits()));
        }
    }

    #[test]
    fn individual_signs_follow_the_full_sample() {
        let (x, design) = study(100, 3, 3, Moderation::TwoStage);
        let est = estimate(&x, &design, &EstOptions::new(&Settings::smartpls(), Purpose::Full)).unwrap();
        let catalog = Catalog::new(&design);
        let original = catalog.extract(&design, &est, true);
        let mut draw: Vec<f64> = original.iter().map(|v| -v).collect();
        correct(&design, &catalog, &original, &mut draw, SignChange::Individual, true);
        let off = catalog.offsets();
        for (i, (d, o)) in draw.iter().zip(&original).enumerate() {
            if (off.r2..off.slopes).contains(&i) {
                // R² and absolute HTMT keep their (negated) values
                assert_eq!(*d, -o);
            } else if o.is_finite() {
                assert!(*d == *o, "statistic {i}: {d} vs {o}");
            }
        }
    }
}
