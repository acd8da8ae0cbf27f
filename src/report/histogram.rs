//! Bootstrap histogram of one structural path: the distribution of the
//! coefficient over every successful resample
//! (`bootstrap.path_distributions`), with the original estimate and the
//! confidence interval from the path table marked. A standalone SVG
//! document like those of [`super::svg`]; names are escaped.

use super::svg::{esc, f, header, tick_label, ticks};
use super::{fmt3_in, Lang};
use crate::engine::result::AnalysisResult;
use std::fmt::Write;

/// Number of bars.
pub const BINS: usize = 30;

/// The key of a path in `path_distributions`: "from -> to".
pub fn path_key(from: &str, to: &str) -> String {
    format!("{from} -> {to}")
}

/// View box size.
const W: f64 = 640.0;
const H: f64 = 400.0;
/// Room around the plot area: left, right, top (title and legend), bottom.
const PAD: (f64, f64, f64, f64) = (64.0, 24.0, 78.0, 56.0);

/// The geometry of one histogram: bins over the value range, the plot area
/// and the ticks of both axes.
struct Frame {
    lo: f64,
    hi: f64,
    /// Width of a bin in value units.
    width: f64,
    counts: [usize; BINS],
    /// Plot area: left, right, bottom, top.
    ax0: f64,
    ax1: f64,
    ay0: f64,
    ay1: f64,
    xt: Vec<f64>,
    xstep: f64,
    yt: Vec<f64>,
    ystep: f64,
    ytop: f64,
}

impl Frame {
    /// Bins over every resample, the estimate and the interval (widened to
    /// 0.1 when they all coincide); the count axis reaches 5 % above the
    /// tallest bar.
    fn new(values: &[f64], marks: impl Iterator<Item = f64>) -> Frame {
        let mut lo = values.iter().copied().fold(f64::INFINITY, f64::min);
        let mut hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        for x in marks {
            lo = lo.min(x);
            hi = hi.max(x);
        }
        if hi - lo < 1e-9 {
            lo -= 0.05;
            hi += 0.05;
        }
        let width = (hi - lo) / BINS as f64;
        let mut counts = [0usize; BINS];
        for &v in values {
            let k = (((v - lo) / width) as usize).min(BINS - 1);
            counts[k] += 1;
        }
        let max_count = counts.iter().copied().max().unwrap_or(1).max(1);
        let (pl, pr, pt, pb) = PAD;
        let xt = ticks(lo, hi, 6);
        let xstep = if xt.len() > 1 { xt[1] - xt[0] } else { (hi - lo).max(1e-9) };
        let yt = ticks(0.0, max_count as f64 * 1.05, 5);
        let ystep = if yt.len() > 1 { yt[1] - yt[0] } else { 1.0 };
        let ytop = (max_count as f64 * 1.05).max(*yt.last().unwrap_or(&1.0));
        Frame { lo, hi, width, counts, ax0: pl, ax1: W - pr, ay0: H - pb, ay1: pt, xt, xstep, yt, ystep, ytop }
    }

    fn px(&self, x: f64) -> f64 {
        self.ax0 + (x - self.lo) / (self.hi - self.lo) * (self.ax1 - self.ax0)
    }

    fn py(&self, y: f64) -> f64 {
        self.ay0 - y / self.ytop * (self.ay0 - self.ay1)
    }
}

/// Histogram of the bootstrap distribution of the path `path_key`
/// ("from -> to") in `lang`: [`BINS`] bars over the range of the resamples,
/// the original estimate (solid line) and the CI bounds (dashed lines, shaded
/// band between them). `None` without a bootstrap, for an unknown path or
/// when no resample produced a finite value.
pub fn bootstrap_histogram(r: &AnalysisResult, path_key: &str, lang: Lang) -> Option<String> {
    let en = lang == Lang::En;
    let boot = r.bootstrap.as_ref()?;
    let values: Vec<f64> = boot.path_distributions.get(path_key)?.iter().copied().filter(|v| v.is_finite()).collect();
    if values.is_empty() {
        return None;
    }
    let row = r.path_coefficients.iter().find(|p| self::path_key(&p.from, &p.to) == path_key);
    let label = match row {
        Some(p) => format!("{} → {}", p.from, p.to),
        None => path_key.replace(" -> ", " → "),
    };
    let estimate = row.and_then(|p| p.estimate).filter(|v| v.is_finite());
    let ci = row.and_then(|p| Some((p.ci_lower?, p.ci_upper?))).filter(|(a, b)| a.is_finite() && b.is_finite());
    let fr = Frame::new(&values, estimate.into_iter().chain(ci.into_iter().flat_map(|(a, b)| [a, b])));

    let title = if en {
        format!("Bootstrap distribution of {label} ({} resamples)", values.len())
    } else {
        format!("Distribusi bootstrap {label} ({} sampel ulang)", values.len())
    };
    let mut o = String::new();
    header(&mut o, W, H, &title);
    let _ = writeln!(o, "<text x=\"{}\" y=\"24\" font-size=\"15\" font-weight=\"bold\" text-anchor=\"middle\">{}</text>", f(W / 2.0), esc(&title));
    // CI band behind the bars.
    if let Some((a, b)) = ci {
        let _ = writeln!(
            o,
            "<rect class=\"ci-band\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#fff3cd\"/>",
            f(fr.px(a)),
            f(fr.ay1),
            f((fr.px(b) - fr.px(a)).max(0.5)),
            f(fr.ay0 - fr.ay1)
        );
    }
    draw_bars_and_axes(&mut o, &fr, &label, lang);
    // the interval's level follows the tails, as the path table's does
    let pct = super::localize(super::methods::ci_percent(&r.settings), lang);
    draw_marks(&mut o, &fr, estimate, ci, &pct, lang);
    if let (Some(rev), Some(p)) = (&boot.sign_reversals, row) {
        let at = rev.path_resamples(&p.from, &p.to);
        if !at.is_empty() {
            let all = boot.path_distributions.get(path_key).map(|v| v.as_slice()).unwrap_or(&[]);
            draw_reversed(&mut o, &fr, all, &at, lang);
        }
    }
    o.push_str("</svg>\n");
    Some(o)
}

/// The resamples in which a construct of the path came out sign-reversed
/// (`bootstrap.sign_reversals`): their share of each bar, drawn over it
/// with a dotted outline (not colour alone), and a legend line with their
/// number.
fn draw_reversed(o: &mut String, fr: &Frame, all: &[f64], at: &[usize], lang: Lang) {
    let mut counts = [0usize; BINS];
    let mut n = 0;
    for &i in at {
        if let Some(&v) = all.get(i).filter(|v| v.is_finite()) {
            counts[(((v - fr.lo) / fr.width) as usize).min(BINS - 1)] += 1;
            n += 1;
        }
    }
    let bw = (fr.ax1 - fr.ax0) / BINS as f64;
    for (k, &c) in counts.iter().enumerate().filter(|(_, c)| **c > 0) {
        let _ = writeln!(
            o,
            "<rect class=\"bar-reversed\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#e6a1a1\" stroke=\"#7a0000\" stroke-width=\"1\" stroke-dasharray=\"2,2\"><title>{c}</title></rect>",
            f(fr.ax0 + k as f64 * bw),
            f(fr.py(c as f64)),
            f(bw),
            f(fr.ay0 - fr.py(c as f64))
        );
    }
    let text = match lang {
        Lang::En => format!("sign-reversed resamples: {n}"),
        Lang::Id => format!("sampel ulang bertanda terbalik: {n}"),
    };
    let x = W / 2.0 + 60.0;
    let _ = writeln!(
        o,
        "<rect x=\"{}\" y=\"40\" width=\"22\" height=\"10\" fill=\"#e6a1a1\" stroke=\"#7a0000\" stroke-dasharray=\"2,2\"/><text class=\"reversed-legend\" x=\"{}\" y=\"49\" font-size=\"11\">{}</text>",
        f(x),
        f(x + 28.0),
        esc(&text)
    );
}

/// The count grid, the bars (each with its range and count as a tooltip),
/// the value ticks, both axes and their titles.
fn draw_bars_and_axes(o: &mut String, fr: &Frame, label: &str, lang: Lang) {
    let en = lang == Lang::En;
    let (ax0, ax1, ay0, ay1) = (fr.ax0, fr.ax1, fr.ay0, fr.ay1);
    for &t in &fr.yt {
        let y = fr.py(t);
        let _ = writeln!(
            o,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#e5e5e5\"/><text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
            f(ax0),
            f(y),
            f(ax1),
            f(y),
            f(ax0 - 6.0),
            f(y + 4.0),
            tick_label(t, fr.ystep, lang)
        );
    }
    let bw = (ax1 - ax0) / BINS as f64;
    for (k, &c) in fr.counts.iter().enumerate() {
        let (a, b) = (fr.lo + k as f64 * fr.width, fr.lo + (k + 1) as f64 * fr.width);
        let _ = writeln!(
            o,
            "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#8fb3d9\" stroke=\"#1f4e79\" stroke-width=\"0.5\"><title>[{}; {}): {c}</title></rect>",
            f(ax0 + k as f64 * bw),
            f(fr.py(c as f64)),
            f(bw),
            f(ay0 - fr.py(c as f64)),
            fmt3_in(Some(a), lang).replace('-', "−"),
            fmt3_in(Some(b), lang).replace('-', "−")
        );
    }
    for &t in &fr.xt {
        let x = fr.px(t);
        let _ = writeln!(
            o,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333333\"/><text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
            f(x),
            f(ay0),
            f(x),
            f(ay0 + 5.0),
            f(x),
            f(ay0 + 18.0),
            tick_label(t, fr.xstep, lang)
        );
    }
    let _ = writeln!(o, "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333333\"/>", f(ax0), f(ay0), f(ax1), f(ay0));
    let _ = writeln!(o, "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333333\"/>", f(ax0), f(ay0), f(ax0), f(ay1));
    let _ = writeln!(
        o,
        "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\">{}</text>",
        f((ax0 + ax1) / 2.0),
        f(H - 14.0),
        esc(&if en { format!("Path coefficient {label}") } else { format!("Koefisien jalur {label}") })
    );
    let _ = writeln!(
        o,
        "<text x=\"0\" y=\"0\" font-size=\"12\" text-anchor=\"middle\" transform=\"translate(18,{}) rotate(-90)\">{}</text>",
        f((ay0 + ay1) / 2.0),
        if en { "Frequency" } else { "Frekuensi" }
    );
}

/// Marks: solid for the estimate, dashed for the interval (not colour
/// alone), and a legend naming both with their values.
fn draw_marks(o: &mut String, fr: &Frame, estimate: Option<f64>, ci: Option<(f64, f64)>, pct: &str, lang: Lang) {
    let en = lang == Lang::En;
    let (ax0, ay0, ay1) = (fr.ax0, fr.ay0, fr.ay1);
    let mut legend: Vec<(String, &str, &str)> = Vec::new();
    if let Some((a, b)) = ci {
        for (class, x) in [("ci-lower", a), ("ci-upper", b)] {
            let _ = writeln!(
                o,
                "<line class=\"ci-bound {class}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#b35900\" stroke-width=\"2\" stroke-dasharray=\"6,4\"/>",
                f(fr.px(x)),
                f(ay0),
                f(fr.px(x)),
                f(ay1)
            );
        }
        let text = if en {
            format!("{pct}% CI [{}, {}]", fmt3_in(Some(a), lang), fmt3_in(Some(b), lang))
        } else {
            format!("IK {pct}% [{}; {}]", fmt3_in(Some(a), lang), fmt3_in(Some(b), lang))
        };
        legend.push((text, "#b35900", " stroke-dasharray=\"6,4\""));
    }
    if let Some(e) = estimate {
        let _ = writeln!(
            o,
            "<line class=\"estimate\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#c00000\" stroke-width=\"2.5\"/>",
            f(fr.px(e)),
            f(ay0),
            f(fr.px(e)),
            f(ay1)
        );
        let text = if en { format!("original estimate O = {}", fmt3_in(Some(e), lang)) } else { format!("estimasi asli O = {}", fmt3_in(Some(e), lang)) };
        legend.insert(0, (text, "#c00000", ""));
    }
    for (i, (text, colour, dash)) in legend.iter().enumerate() {
        let y = 46.0 + i as f64 * 16.0;
        let _ = writeln!(
            o,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{colour}\" stroke-width=\"2.5\"{dash}/><text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>",
            f(ax0),
            f(y),
            f(ax0 + 28.0),
            f(y),
            f(ax0 + 34.0),
            f(y + 4.0),
            esc(&text.replace('-', "−"))
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Settings;
    use crate::report::example_result;

    fn example(bootstrap: usize) -> AnalysisResult {
        example_result(Settings { bootstrap, seed: 5, ..Settings::smartpls() })
    }

    fn well_formed(svg: &str) {
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.trim_end().ends_with("</svg>"));
        assert!(!svg.contains("<script") && !svg.contains("href") && !svg.contains("style="));
        let opens = svg.matches('<').count() - svg.matches("</").count();
        let closes = svg.matches("</").count() + svg.matches("/>").count();
        assert_eq!(opens, closes, "unbalanced tags");
    }

    #[test]
    fn every_path_has_a_histogram_with_marks() {
        let r = example(150);
        for p in &r.path_coefficients {
            let key = path_key(&p.from, &p.to);
            let svg = bootstrap_histogram(&r, &key, Lang::En).unwrap();
            well_formed(&svg);
            assert_eq!(svg.matches("class=\"bar\"").count(), BINS);
            assert_eq!(svg.matches("class=\"estimate\"").count(), 1);
            assert_eq!(svg.matches("class=\"ci-bound ci-lower\"").count(), 1);
            assert_eq!(svg.matches("class=\"ci-bound ci-upper\"").count(), 1);
            assert!(svg.contains(&format!("{} → {}", p.from, p.to)));
            assert!(svg.contains("Frequency") && svg.contains("95% CI [") && svg.contains("original estimate O = "));
            // Every resample is counted once.
            let n: usize = svg
                .split("class=\"bar\"")
                .skip(1)
                .map(|s| s.split("</title>").next().unwrap().rsplit(": ").next().unwrap().parse::<usize>().unwrap())
                .sum();
            assert_eq!(n, r.bootstrap.as_ref().unwrap().path_distributions.get(&key).unwrap().len());
            let id = bootstrap_histogram(&r, &key, Lang::Id).unwrap();
            assert!(id.contains("Frekuensi") && id.contains("IK 95% [") && id.contains("estimasi asli O = "));
            assert!(id.contains(&fmt3_in(p.estimate, Lang::Id).replace('-', "−")));
            assert!(!id.contains("Frequency"));
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/svg");
        std::fs::create_dir_all(&dir).unwrap();
        let p = &r.path_coefficients[0];
        std::fs::write(dir.join("histogram.svg"), bootstrap_histogram(&r, &path_key(&p.from, &p.to), Lang::En).unwrap()).unwrap();
        assert!(bootstrap_histogram(&r, "nope -> nothing", Lang::En).is_none());
    }

    /// One-tailed tests read the (1 − 2α) interval: the legend says 90 %.
    #[test]
    fn interval_level_follows_the_tails() {
        let r = example_result(Settings { bootstrap: 60, seed: 5, tails: crate::engine::settings::Tails::One, ..Settings::smartpls() });
        let p = &r.path_coefficients[0];
        let key = path_key(&p.from, &p.to);
        let en = bootstrap_histogram(&r, &key, Lang::En).unwrap();
        assert!(en.contains("90% CI [") && !en.contains("95%"), "{en}");
        let ci = format!("[{}, {}]", fmt3_in(p.ci_lower, Lang::En), fmt3_in(p.ci_upper, Lang::En)).replace('-', "−");
        assert!(en.contains(&ci), "the marked interval is the path table's: {ci}");
        let id = bootstrap_histogram(&r, &key, Lang::Id).unwrap();
        assert!(id.contains("IK 90% [") && !id.contains("95%"));
    }

    #[test]
    fn no_histogram_without_bootstrap() {
        let r = example(0);
        let p = &r.path_coefficients[0];
        assert!(bootstrap_histogram(&r, &path_key(&p.from, &p.to), Lang::En).is_none());
    }

    #[test]
    fn names_are_escaped() {
        let mut r = example(50);
        let evil = "<img src=x onerror=alert(1)>&'\"";
        let old = path_key(&r.path_coefficients[0].from, &r.path_coefficients[0].to);
        r.path_coefficients[0].from = evil.into();
        let key = path_key(evil, &r.path_coefficients[0].to);
        let b = r.bootstrap.as_mut().unwrap();
        for (k, _) in &mut b.path_distributions.0 {
            if *k == old {
                *k = key.clone();
            }
        }
        let svg = bootstrap_histogram(&r, &key, Lang::Id).unwrap();
        well_formed(&svg);
        assert!(!svg.contains("<img"));
        assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;&amp;&#39;&quot;"));
    }
}
