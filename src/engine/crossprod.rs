//! The cross-products Z'Z (lower triangle) and Z[:, cols]'Z of a
//! column-major matrix, register-blocked over lanes of two f64: in wasm
//! the simd128 register ([`Simd`]), elsewhere its plain emulation
//! ([`Emulated`]), which rounds exactly as the wasm instructions do (a
//! multiply, then an add: simd128 has no fused multiply-add), so the
//! blocking is tested natively and the wasm kernel bit for bit against it.
//!
//! Only the wasm build computes correlations with it (matrixmultiply has
//! no wasm SIMD kernel and falls back to scalar code there); native builds
//! keep matrixmultiply's dgemm.
//!
//! Blocking: the rows are taken [`ROW_BLOCK`] at a time, so the block's
//! slice of every column stays in cache while all tiles pass over it;
//! within a block, a tile of 4 × 2 columns keeps its 8 sums in registers
//! (8 accumulators, 4 + 1 operands and a product: 14 of the 16 vector
//! registers an x86-64 browser gives wasm) and reads 6 values per 8
//! multiply-adds. A tile's sums are added to the output once per block.

use std::ops::Range;

/// Two f64 lanes: what the kernel needs of a SIMD register.
pub trait Pair: Copy {
    fn zero() -> Self;
    /// `p[0]`, `p[1]`.
    ///
    /// # Safety
    /// `p` and `p + 1` must be readable.
    unsafe fn load(p: *const f64) -> Self;
    /// `self + a · b` per lane, rounded after the multiply and after the add.
    fn mul_add(self, a: Self, b: Self) -> Self;
    /// lane 0 + lane 1.
    fn sum(self) -> f64;
}

/// [`Pair`] in plain f64 arithmetic, rounding as the wasm instructions do.
#[derive(Clone, Copy)]
pub struct Emulated([f64; 2]);

impl Pair for Emulated {
    #[inline(always)]
    fn zero() -> Self {
        Emulated([0.0; 2])
    }
    #[inline(always)]
    unsafe fn load(p: *const f64) -> Self {
        // SAFETY: the caller guarantees p and p + 1 are readable
        unsafe { Emulated([*p, *p.add(1)]) }
    }
    #[inline(always)]
    fn mul_add(self, a: Self, b: Self) -> Self {
        let (s, a, b) = (self.0, a.0, b.0);
        Emulated([s[0] + a[0] * b[0], s[1] + a[1] * b[1]])
    }
    #[inline(always)]
    fn sum(self) -> f64 {
        self.0[0] + self.0[1]
    }
}

/// [`Pair`] as a wasm simd128 register.
#[cfg(target_arch = "wasm32")]
#[derive(Clone, Copy)]
pub struct Simd(core::arch::wasm32::v128);

#[cfg(target_arch = "wasm32")]
impl Pair for Simd {
    #[inline(always)]
    fn zero() -> Self {
        Simd(core::arch::wasm32::f64x2_splat(0.0))
    }
    #[inline(always)]
    unsafe fn load(p: *const f64) -> Self {
        // SAFETY: the caller guarantees 16 readable bytes at p; wasm loads
        // need no alignment
        unsafe { Simd(core::arch::wasm32::v128_load(p as *const core::arch::wasm32::v128)) }
    }
    #[inline(always)]
    fn mul_add(self, a: Self, b: Self) -> Self {
        use core::arch::wasm32::{f64x2_add, f64x2_mul};
        Simd(f64x2_add(self.0, f64x2_mul(a.0, b.0)))
    }
    #[inline(always)]
    fn sum(self) -> f64 {
        use core::arch::wasm32::f64x2_extract_lane;
        f64x2_extract_lane::<0>(self.0) + f64x2_extract_lane::<1>(self.0)
    }
}

/// The lanes the wasm build computes with.
#[cfg(target_arch = "wasm32")]
pub type Native = Simd;

/// Rows per pass over all tiles: 512 rows of 50 columns are 200 KB.
pub const ROW_BLOCK: usize = 512;

/// Tile: columns i0.. (NI of them) of za against j0.. (NJ) of zb, rows
/// k0..k1 (both m rows, column-major); the NI × NJ sums
/// Σ_k za[k, i] zb[k, j]. Each sum is taken in the same order wherever its
/// tile lies, so an entry does not depend on the other columns.
///
/// # Safety
/// Columns i0..i0+NI of za, j0..j0+NJ of zb and rows k0..k1 must lie
/// inside them.
#[inline(always)]
unsafe fn tile<L: Pair, const NI: usize, const NJ: usize>(za: *const f64, zb: *const f64, m: usize, i0: usize, j0: usize, k0: usize, k1: usize) -> [[f64; NJ]; NI] {
    let mut acc = [[L::zero(); NJ]; NI];
    let ci: [*const f64; NI] = std::array::from_fn(|x| unsafe { za.add((i0 + x) * m) });
    let cj: [*const f64; NJ] = std::array::from_fn(|y| unsafe { zb.add((j0 + y) * m) });
    let mut k = k0;
    while k + 2 <= k1 {
        // SAFETY: rows k, k + 1 < k1 ≤ m of columns inside z
        let a: [L; NI] = std::array::from_fn(|x| unsafe { L::load(ci[x].add(k)) });
        for y in 0..NJ {
            let b = unsafe { L::load(cj[y].add(k)) };
            for x in 0..NI {
                acc[x][y] = acc[x][y].mul_add(a[x], b);
            }
        }
        k += 2;
    }
    let mut out = [[0.0; NJ]; NI];
    for x in 0..NI {
        for y in 0..NJ {
            out[x][y] = acc[x][y].sum();
            if k < k1 {
                // an odd number of rows: the last one
                out[x][y] += unsafe { *ci[x].add(k) * *cj[y].add(k) };
            }
        }
    }
    out
}

/// Adds the tile at (i0, j0) over rows k0..k1 to `out` (column i − r0 of
/// the output is row i of the product: out[(i − r0) + j · ld]).
///
/// # Safety
/// As [`tile`].
#[inline(always)]
unsafe fn add_tile<L: Pair, const NI: usize, const NJ: usize>(z: *const f64, m: usize, (i0, j0): (usize, usize), (k0, k1): (usize, usize), out: &mut [f64], r0: usize, ld: usize) {
    let t = unsafe { tile::<L, NI, NJ>(z, z, m, i0, j0, k0, k1) };
    for (x, row) in t.iter().enumerate() {
        for (y, v) in row.iter().enumerate() {
            out[(i0 + x - r0) + (j0 + y) * ld] += v;
        }
    }
}

/// The sums Σ_k z[k, i] z[k, j] for i in `rows` and j in 0..p (only
/// j ≤ i when `lower`, and then some j > i near the diagonal as well),
/// added to `out`, |rows| × p column-major: out[(i − rows.start) + j · |rows|].
/// z is m × p, column-major. Entries not computed are left as they were.
pub fn cross_into<L: Pair>(z: &[f64], m: usize, p: usize, rows: Range<usize>, lower: bool, out: &mut [f64]) {
    assert!(z.len() >= m * p && rows.end <= p, "z is m × p and rows are columns of it");
    let ld = rows.len();
    assert_eq!(out.len(), ld * p, "out is |rows| × p");
    let zp = z.as_ptr();
    let mut k0 = 0;
    while k0 < m {
        let k1 = (k0 + ROW_BLOCK).min(m);
        let mut i0 = rows.start;
        while i0 < rows.end {
            let ni = (rows.end - i0).min(4);
            let jend = if lower { (i0 + ni).min(p) } else { p };
            let mut j0 = 0;
            while j0 < jend {
                let nj = (jend - j0).min(2);
                let at = (i0, j0);
                // SAFETY: columns i0..i0+ni ≤ rows.end ≤ p and j0..j0+nj ≤ p,
                // rows k0..k1 ≤ m: all inside z (checked above)
                unsafe {
                    match (ni, nj) {
                        (4, 2) => add_tile::<L, 4, 2>(zp, m, at, (k0, k1), out, rows.start, ld),
                        (4, _) => add_tile::<L, 4, 1>(zp, m, at, (k0, k1), out, rows.start, ld),
                        (3, 2) => add_tile::<L, 3, 2>(zp, m, at, (k0, k1), out, rows.start, ld),
                        (3, _) => add_tile::<L, 3, 1>(zp, m, at, (k0, k1), out, rows.start, ld),
                        (2, 2) => add_tile::<L, 2, 2>(zp, m, at, (k0, k1), out, rows.start, ld),
                        (2, _) => add_tile::<L, 2, 1>(zp, m, at, (k0, k1), out, rows.start, ld),
                        (_, 2) => add_tile::<L, 1, 2>(zp, m, at, (k0, k1), out, rows.start, ld),
                        _ => add_tile::<L, 1, 1>(zp, m, at, (k0, k1), out, rows.start, ld),
                    }
                }
                j0 += nj;
            }
            i0 += ni;
        }
        k0 = k1;
    }
}

/// out = A'B: out[i + j · na] = Σ_k a[k, i] b[k, j], for A m × na and
/// B m × nb, both column-major (out is na × nb, column-major). Entry (i, j)
/// depends on column i of A and column j of B alone, bit for bit: the
/// bootstrap's batches of resamples ([`super::moments`]) give a resample
/// the same sums whichever batch it falls in.
pub fn cross_ab_into<L: Pair>(a: &[f64], na: usize, b: &[f64], nb: usize, m: usize, out: &mut [f64]) {
    assert!(a.len() >= m * na && b.len() >= m * nb, "A is m × na and B is m × nb");
    assert_eq!(out.len(), na * nb, "out is na × nb");
    out.fill(0.0);
    let (ap, bp) = (a.as_ptr(), b.as_ptr());
    let mut k0 = 0;
    while k0 < m {
        let k1 = (k0 + ROW_BLOCK).min(m);
        let mut i0 = 0;
        // four columns of A stay in L1 while every column pair of B passes
        while i0 < na {
            let ni = (na - i0).min(4);
            let mut j0 = 0;
            while j0 < nb {
                let nj = (nb - j0).min(2);
                // SAFETY: columns i0..i0+ni ≤ na of A, j0..j0+nj ≤ nb of B,
                // rows k0..k1 ≤ m (checked above)
                unsafe {
                    match (ni, nj) {
                        (4, 2) => add_ab::<L, 4, 2>(ap, bp, m, (i0, j0), (k0, k1), out, na),
                        (4, _) => add_ab::<L, 4, 1>(ap, bp, m, (i0, j0), (k0, k1), out, na),
                        (3, 2) => add_ab::<L, 3, 2>(ap, bp, m, (i0, j0), (k0, k1), out, na),
                        (3, _) => add_ab::<L, 3, 1>(ap, bp, m, (i0, j0), (k0, k1), out, na),
                        (2, 2) => add_ab::<L, 2, 2>(ap, bp, m, (i0, j0), (k0, k1), out, na),
                        (2, _) => add_ab::<L, 2, 1>(ap, bp, m, (i0, j0), (k0, k1), out, na),
                        (_, 2) => add_ab::<L, 1, 2>(ap, bp, m, (i0, j0), (k0, k1), out, na),
                        _ => add_ab::<L, 1, 1>(ap, bp, m, (i0, j0), (k0, k1), out, na),
                    }
                }
                j0 += nj;
            }
            i0 += ni;
        }
        k0 = k1;
    }
}

/// Adds the tile of A's columns i0.. against B's j0.. to out (na rows).
///
/// # Safety
/// As [`tile`].
#[inline(always)]
unsafe fn add_ab<L: Pair, const NI: usize, const NJ: usize>(a: *const f64, b: *const f64, m: usize, (i0, j0): (usize, usize), (k0, k1): (usize, usize), out: &mut [f64], na: usize) {
    let t = unsafe { tile::<L, NI, NJ>(a, b, m, i0, j0, k0, k1) };
    for (x, row) in t.iter().enumerate() {
        for (y, v) in row.iter().enumerate() {
            out[(i0 + x) + (j0 + y) * na] += v;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(m: usize, p: usize) -> Vec<f64> {
        (0..m * p).map(|t| ((t * 37 % 101) as f64 - 50.0) / 7.0 + (t as f64 * 0.001).sin()).collect()
    }

    fn reference(z: &[f64], m: usize, i: usize, j: usize) -> f64 {
        (0..m).map(|k| z[i * m + k] * z[j * m + k]).sum()
    }

    #[test]
    fn lower_triangle_equals_plain_sums() {
        // odd and even row counts, a row count across blocks, widths that
        // leave every edge tile (p mod 4, p mod 2)
        for (m, p) in [(1, 1), (2, 3), (7, 5), (513, 6), (1031, 11), (1500, 50), (64, 9)] {
            let z = data(m, p);
            let mut out = vec![0.0; p * p];
            cross_into::<Emulated>(&z, m, p, 0..p, true, &mut out);
            for i in 0..p {
                for j in 0..=i {
                    let want = reference(&z, m, i, j);
                    let got = out[i + j * p];
                    assert!((got - want).abs() <= 1e-12 * want.abs().max(m as f64), "m {m} p {p} ({i}, {j}): {got} vs {want}");
                }
            }
        }
    }

    #[test]
    fn rows_of_the_product_equal_plain_sums() {
        for (m, p, rows) in [(9, 7, 2..5), (1031, 13, 0..13), (600, 10, 9..10), (5, 4, 1..4)] {
            let z = data(m, p);
            let k = rows.len();
            let mut out = vec![0.0; k * p];
            cross_into::<Emulated>(&z, m, p, rows.clone(), false, &mut out);
            for (a, i) in rows.clone().enumerate() {
                for j in 0..p {
                    let want = reference(&z, m, i, j);
                    let got = out[a + j * k];
                    assert!((got - want).abs() <= 1e-12 * want.abs().max(m as f64), "({i}, {j}): {got} vs {want}");
                }
            }
        }
    }

    #[test]
    fn lower_and_full_agree_bit_for_bit() {
        // the same tile computes an entry whichever way it is asked for
        let (m, p) = (777, 10);
        let z = data(m, p);
        let mut lower = vec![0.0; p * p];
        let mut full = vec![0.0; p * p];
        cross_into::<Emulated>(&z, m, p, 0..p, true, &mut lower);
        cross_into::<Emulated>(&z, m, p, 0..p, false, &mut full);
        for i in 0..p {
            for j in 0..=i {
                assert_eq!(lower[i + j * p].to_bits(), full[i + j * p].to_bits(), "({i}, {j})");
            }
        }
    }

    #[test]
    fn a_transpose_b_equals_plain_sums_whatever_the_other_columns() {
        for (m, na, nb) in [(1, 1, 1), (7, 5, 3), (513, 9, 4), (1031, 6, 7), (250, 13, 32)] {
            let a = data(m, na);
            let b: Vec<f64> = (0..m * nb).map(|t| (t * 13 % 5) as f64).collect();
            let mut out = vec![0.0; na * nb];
            cross_ab_into::<Emulated>(&a, na, &b, nb, m, &mut out);
            for i in 0..na {
                for j in 0..nb {
                    let want: f64 = (0..m).map(|k| a[i * m + k] * b[j * m + k]).sum();
                    let got = out[i + j * na];
                    assert!((got - want).abs() <= 1e-12 * want.abs().max(m as f64), "m {m} ({i}, {j}): {got} vs {want}");
                }
            }
            // column j of B alone, then columns 1.. of A alone: the same bits
            for j in 0..nb {
                let mut one = vec![0.0; na];
                cross_ab_into::<Emulated>(&a, na, &b[j * m..(j + 1) * m], 1, m, &mut one);
                for i in 0..na {
                    assert_eq!(one[i].to_bits(), out[i + j * na].to_bits(), "m {m} ({i}, {j}) alone");
                }
            }
            if na > 1 {
                let mut rest = vec![0.0; (na - 1) * nb];
                cross_ab_into::<Emulated>(&a[m..], na - 1, &b, nb, m, &mut rest);
                for i in 1..na {
                    for j in 0..nb {
                        assert_eq!(rest[(i - 1) + j * (na - 1)].to_bits(), out[i + j * na].to_bits(), "m {m} ({i}, {j}) shifted");
                    }
                }
            }
        }
    }
}
