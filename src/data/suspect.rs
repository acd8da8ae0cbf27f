//! Likely missing-value codes, found before any analysis.
//!
//! Survey files often mark a missing answer with a number (−99, −9, 99,
//! 999, −1 on a 1–5 scale). Read as an answer, such a code silently wrecks a
//! column's mean and SD and every statistic after them. Nothing here changes
//! the data: the page shows what it found and asks before a code is treated
//! as missing.
//!
//! A value is a suspect code in a column when it
//! - looks like a code: an integer that is negative, or made of nines or
//!   eights (9, 99, 999, 8, 88) possibly ending in 7 or 8 (97, 98, 998);
//! - lies outside the range of the column's other values, by more than a
//!   quarter of that range and more than 1 (so −1 and 9 on a 1–5 scale, 9 on
//!   a 1–7 scale). Code-like values next to the others (the 8 and 9 of a 1–9
//!   scale, the −1, −2, −3 of a −3…3 scale) join the range first;
//! - recurs: at least [`MIN_CELLS`] cells over the whole file.
//!
//! A column's range is implausible when it reaches beyond the usual range of
//! the other items of its scale (the columns grouped with it, such as
//! CRM1…CRM7) by more than that usual range itself.

use super::Dataset;
use serde::{Deserialize, Serialize};

/// A suspect must occur in this many cells (over all columns).
pub const MIN_CELLS: usize = 2;

/// Other observed values a column needs before anything in it is called
/// out of range.
const MIN_BODY: usize = 5;

/// How far beyond the others' range (as a share of it) a code must lie.
const GAP_SHARE: f64 = 0.25;

/// A value that looks like a missing-value code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuspectCode {
    pub value: f64,
    /// Cells holding it, over every column listed.
    pub count: usize,
    /// The columns where it lies outside the other values, in file order.
    pub columns: Vec<String>,
}

/// A column whose values reach far beyond those of its scale's other items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OddRange {
    pub column: String,
    pub min: f64,
    pub max: f64,
    /// The other items' usual range (medians of their minima and maxima).
    pub usual_min: f64,
    pub usual_max: f64,
}

/// Everything the preview asks about.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Suspects {
    /// Most frequent first.
    pub codes: Vec<SuspectCode>,
    pub ranges: Vec<OddRange>,
}

impl Suspects {
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty() && self.ranges.is_empty()
    }
}

/// Suspect codes and odd ranges of `ds`; `groups` are the column indices of
/// each scale (items sharing a name stem), used for the ranges only.
pub fn suspects(ds: &Dataset, groups: &[Vec<usize>]) -> Suspects {
    Suspects { codes: suspect_codes(ds), ranges: odd_ranges(ds, groups) }
}

/// An integer such as −99, −1, 9, 99, 999, 8, 88, 97, 98, 998.
pub fn looks_like_code(v: f64) -> bool {
    if !v.is_finite() || v.fract() != 0.0 || v.abs() >= 1e12 {
        return false;
    }
    if v < 0.0 {
        return true;
    }
    let digits = format!("{}", v as i64);
    let (head, last) = digits.split_at(digits.len() - 1);
    let nines = head.bytes().all(|b| b == b'9');
    let eights = head.bytes().all(|b| b == b'8');
    match last {
        "9" => nines,
        "8" => nines || eights,
        "7" => !head.is_empty() && nines,
        _ => false,
    }
}

/// The distinct values of one column that look like codes and lie outside
/// its other values.
fn column_codes(col: &[f64]) -> Vec<f64> {
    let body: Vec<f64> = col.iter().copied().filter(|v| !v.is_nan() && !looks_like_code(*v)).collect();
    if body.len() < MIN_BODY {
        return Vec::new();
    }
    let mut lo = body.iter().copied().fold(f64::INFINITY, f64::min);
    let mut hi = body.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut codes: Vec<f64> = col.iter().copied().filter(|v| looks_like_code(*v)).collect();
    codes.sort_by(f64::total_cmp);
    codes.dedup();
    let far = |gap: f64, lo: f64, hi: f64| gap > (GAP_SHARE * (hi - lo)).max(1.0);
    let mut out = Vec::new();
    // above the others, nearest first: a near one widens the range, and
    // everything beyond a far one is far too
    let (lo0, hi0) = (lo, hi);
    for &v in codes.iter().filter(|&&v| v > hi0) {
        if !out.is_empty() || far(v - hi, lo, hi) {
            out.push(v);
        } else {
            hi = v;
        }
    }
    let mut below: Vec<f64> = Vec::new();
    for &v in codes.iter().rev().filter(|&&v| v < lo0) {
        if !below.is_empty() || far(lo - v, lo, hi) {
            below.push(v);
        } else {
            lo = v;
        }
    }
    out.extend(below);
    out.sort_by(f64::total_cmp);
    out
}

/// Values that look like missing-value codes (see the module docs).
pub fn suspect_codes(ds: &Dataset) -> Vec<SuspectCode> {
    suspect_codes_among(ds, |_| true)
}

/// [`suspect_codes`] in the columns whose names `keep` accepts.
pub fn suspect_codes_among(ds: &Dataset, keep: impl Fn(&str) -> bool) -> Vec<SuspectCode> {
    let mut found: Vec<SuspectCode> = Vec::new();
    for (name, col) in ds.names.iter().zip(&ds.columns).filter(|(n, _)| keep(n)) {
        for v in column_codes(col) {
            let cells = col.iter().filter(|&&x| x == v).count();
            match found.iter_mut().find(|s| s.value == v) {
                Some(s) => {
                    s.count += cells;
                    s.columns.push(name.clone());
                }
                None => found.push(SuspectCode { value: v, count: cells, columns: vec![name.clone()] }),
            }
        }
    }
    found.retain(|s| s.count >= MIN_CELLS);
    found.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.total_cmp(&b.value)));
    found
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

/// Observed minimum and maximum; `None` for a column with no value.
fn range(col: &[f64]) -> Option<(f64, f64)> {
    let obs = col.iter().copied().filter(|v| !v.is_nan());
    let (lo, hi) = obs.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    (lo <= hi).then_some((lo, hi))
}

/// Columns whose range reaches beyond the usual range of the other columns
/// of their group by more than that range (at least 1). Groups of fewer than
/// three columns say nothing.
pub fn odd_ranges(ds: &Dataset, groups: &[Vec<usize>]) -> Vec<OddRange> {
    let mut out = Vec::new();
    for group in groups {
        let ranges: Vec<(usize, (f64, f64))> = group.iter().filter_map(|&j| ds.columns.get(j).and_then(|c| range(c)).map(|r| (j, r))).collect();
        if ranges.len() < 3 {
            continue;
        }
        for &(j, (min, max)) in &ranges {
            let others = ranges.iter().filter(|(k, _)| *k != j);
            let usual_min = median(others.clone().map(|(_, r)| r.0).collect());
            let usual_max = median(others.map(|(_, r)| r.1).collect());
            let width = (usual_max - usual_min).max(1.0);
            if min < usual_min - width || max > usual_max + width {
                out.push(OddRange { column: ds.names[j].clone(), min, max, usual_min, usual_max });
            }
        }
    }
    out.sort_by_key(|o| ds.index_of(&o.column));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ds(cols: &[(&str, &[f64])]) -> Dataset {
        Dataset { names: cols.iter().map(|(n, _)| n.to_string()).collect(), columns: cols.iter().map(|(_, c)| c.to_vec()).collect() }
    }

    const NA: f64 = f64::NAN;

    #[test]
    fn code_shapes() {
        for v in [-99.0, -9.0, -1.0, -999.0, 9.0, 99.0, 999.0, 8.0, 88.0, 98.0, 998.0, 97.0, 997.0] {
            assert!(looks_like_code(v), "{v}");
        }
        for v in [0.0, 1.0, 5.0, 7.0, 10.0, 90.0, 100.0, 89.0, 979.0, 2.5, -0.5, f64::NAN] {
            assert!(!looks_like_code(v), "{v}");
        }
    }

    /// The case: −99 in five cells of four Likert columns.
    #[test]
    fn minus_99_in_several_likert_columns() {
        let d = ds(&[
            ("CRM1", &[1.0, 2.0, 3.0, 4.0, 5.0, -99.0, 3.0]),
            ("CRM2", &[-99.0, 2.0, 3.0, 4.0, 5.0, -99.0, 3.0]),
            ("SC1", &[1.0, 2.0, -99.0, 4.0, 5.0, 2.0, 3.0]),
            ("SC2", &[1.0, 2.0, 3.0, 4.0, 5.0, 1.0, 3.0]),
            ("BP1", &[1.0, 2.0, 3.0, 4.0, 5.0, 1.0, -99.0]),
        ]);
        let codes = suspect_codes(&d);
        assert_eq!(codes, vec![SuspectCode { value: -99.0, count: 5, columns: vec!["CRM1".into(), "CRM2".into(), "SC1".into(), "BP1".into()] }]);
    }

    #[test]
    fn minus_one_and_nines_on_a_five_point_scale() {
        let d = ds(&[
            ("a", &[1.0, 2.0, 3.0, 4.0, 5.0, -1.0, 9.0, 2.0]),
            ("b", &[1.0, 2.0, 3.0, 4.0, 5.0, -1.0, 9.0, 999.0]),
        ]);
        let codes = suspect_codes(&d);
        let values: Vec<(f64, usize, usize)> = codes.iter().map(|c| (c.value, c.count, c.columns.len())).collect();
        // 999 occurs once: not a recurring code
        assert_eq!(values, vec![(-1.0, 2, 2), (9.0, 2, 2)]);
    }

    #[test]
    fn a_single_occurrence_is_not_a_code() {
        let d = ds(&[("a", &[1.0, 2.0, 3.0, 4.0, 5.0, -99.0]), ("b", &[1.0, 2.0, 3.0, 4.0, 5.0, 3.0])]);
        assert!(suspect_codes(&d).is_empty());
    }

    /// Values inside or next to the column's range are answers: the 9 of a
    /// 1–10 scale, the 8 and 9 of a 1–9 scale, −1 on a −3…3 scale, ages.
    #[test]
    fn answers_inside_the_range_are_not_codes() {
        let d = ds(&[
            ("ten", &[1.0, 2.0, 10.0, 9.0, 9.0, 5.0, 6.0]),
            ("nine", &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 8.0, 9.0, 9.0]),
            ("centred", &[-3.0, -2.0, -1.0, -1.0, 0.0, 1.0, 2.0, 3.0, 0.0, 1.0, 2.0, -3.0]),
            ("age", &[18.0, 25.0, 31.0, 44.0, 52.0, 67.0, 70.0, 71.0, 71.0]),
            ("zero_one", &[0.0, 1.0, 1.0, 0.0, 1.0, 0.0]),
        ]);
        assert_eq!(suspect_codes(&d), vec![]);
    }

    /// A code far beyond the others is found even when another code is in
    /// the same column on the other side.
    #[test]
    fn codes_on_both_sides_and_missing_cells() {
        let d = ds(&[("q", &[1.0, 2.0, NA, 3.0, 4.0, 5.0, 999.0, -9.0, 999.0, -9.0])]);
        let codes = suspect_codes(&d);
        let values: Vec<f64> = codes.iter().map(|c| c.value).collect();
        assert_eq!(values, vec![-9.0, 999.0]);
        assert!(codes.iter().all(|c| c.count == 2));
    }

    #[test]
    fn a_nine_on_a_seven_point_scale_is_a_code_but_not_with_an_eight_between() {
        let seven = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 9.0, 9.0];
        assert_eq!(suspect_codes(&ds(&[("s", &seven)])).len(), 1);
        let with_eight = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 9.0];
        assert!(suspect_codes(&ds(&[("s", &with_eight)])).is_empty());
    }

    #[test]
    fn too_few_other_values_say_nothing() {
        let d = ds(&[("a", &[1.0, 2.0, -99.0, -99.0, NA, NA])]);
        assert!(suspect_codes(&d).is_empty());
    }

    #[test]
    fn a_column_far_wider_than_its_scale_is_flagged() {
        let d = ds(&[
            ("CRM1", &[1.0, 2.0, 3.0, 5.0]),
            ("CRM2", &[-99.0, 2.0, 3.0, 5.0]),
            ("CRM3", &[1.0, 2.0, 4.0, 5.0]),
            ("CRM4", &[1.0, 3.0, 4.0, 5.0]),
            ("CRM5", &[1.0, 2.0, 4.0, 7.0]),
            ("age", &[20.0, 30.0, 40.0, 50.0]),
        ]);
        let groups = vec![vec![0, 1, 2, 3, 4], vec![5]];
        let odd = odd_ranges(&d, &groups);
        assert_eq!(odd, vec![OddRange { column: "CRM2".into(), min: -99.0, max: 5.0, usual_min: 1.0, usual_max: 5.0 }]);
        // once −99 is missing, nothing is odd
        let mut fixed = d.clone();
        fixed.columns[1][0] = NA;
        assert!(odd_ranges(&fixed, &groups).is_empty());
        // a group of two compares nothing
        assert!(odd_ranges(&d, &[vec![0, 1]]).is_empty());
    }
}
