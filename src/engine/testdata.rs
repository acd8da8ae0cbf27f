//! Generated studies for the engine's unit tests.

use super::estimate::Design;
use super::settings::Moderation;
use crate::model::{parse_syntax, validate};
use nalgebra::DMatrix;
use rand::{RngExt, SeedableRng};

/// `k` constructs of `items` items each in a chain, plus A0:A1 → A2.
pub fn study(n: usize, k: usize, items: usize, moderation: Moderation) -> (DMatrix<f64>, Design) {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
    let mut normal = || {
        let u: f64 = rng.random::<f64>().max(1e-12);
        let v: f64 = rng.random();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    };
    let mut names = Vec::new();
    let mut text = String::new();
    for c in 0..k {
        let block: Vec<String> = (0..items).map(|i| format!("A{c}_{i}")).collect();
        text += &format!("A{c} =~ {}\n", block.join(" + "));
        names.extend(block);
        if c > 0 {
            text += &format!("A{c} ~ A{}\n", c - 1);
        }
    }
    text += "A2 ~ A0:A1\n";
    let mut x = DMatrix::zeros(n, k * items);
    for row in 0..n {
        let mut eta = 0.0;
        for c in 0..k {
            eta = 0.6 * eta + 0.8 * normal();
            for i in 0..items {
                x[(row, c * items + i)] = (0.7 * eta + 0.7 * normal()).round();
            }
        }
    }
    let model = validate(&parse_syntax(&text).unwrap(), &names).unwrap();
    (x, Design::new(&model, moderation))
}

