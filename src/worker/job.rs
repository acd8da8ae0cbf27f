//! The placeholder job: a sum of independent "draws".
//!
//! Stands in for the bootstrap. Draw `i` depends on `i` alone (never on which
//! worker computes it or when), and the partial results are integers, so the
//! total is exactly the same for any number of workers and any chunking.

/// Work per draw, chosen so a few thousand draws take about a second.
pub const INNER: u32 = 20_000;

/// SplitMix64 step (Steele, Lea & Flood 2014): a tiny, seedable generator.
#[inline]
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// One draw: the sum of `INNER` 24-bit pseudo-random numbers seeded by `i`.
/// At most `INNER * 2^24 < 2^39`, so sums of up to 2^14 draws stay exact in f64.
pub fn draw(i: u64) -> u64 {
    let mut s = i;
    let mut acc = 0u64;
    for _ in 0..INNER {
        acc += splitmix64(&mut s) >> 40;
    }
    acc
}

/// Sum of draws `start..end`.
pub fn chunk(start: u64, end: u64) -> u64 {
    (start..end).map(draw).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunking_does_not_change_the_total() {
        let whole = chunk(0, 300);
        let parts: u64 = [(0, 7), (7, 150), (150, 151), (151, 300)]
            .iter()
            .map(|&(a, b)| chunk(a, b))
            .sum();
        assert_eq!(whole, parts);
    }

    #[test]
    fn draws_differ() {
        assert_ne!(draw(0), draw(1));
    }

    /// The e2e test reads the same number off the page for the default job
    /// (tests/e2e/app.test.mjs, `EXPECTED`): wasm must agree with native.
    #[test]
    fn known_total_of_the_default_job() {
        assert_eq!(
            chunk(0, crate::ui::state::DEFAULT_DRAWS),
            671_109_909_658_420
        );
    }
}
