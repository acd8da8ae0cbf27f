//! The floodlight plot (Spiller et al. 2013): the conditional effect of an
//! interaction's independent construct on its dependent (standardized)
//! against the moderator (SD units, its observed range), with the bootstrap
//! percentile band, the zero line, the stretches where the band excludes
//! zero shaded, and the Johnson–Neyman points marked. Same style as the
//! slope plot. [`floodlight_layout`] is the geometry, [`floodlight_plot`]
//! writes it as SVG.

use super::layout::{Point, Rect};
use super::{esc, f, frame, grid, header, ticks};
use crate::engine::result::Floodlight;
use crate::report::tables::floodlight::significant_regions;
use crate::report::Lang;
use std::fmt::Write;

/// View box size.
pub const WIDTH: f64 = 620.0;
pub const HEIGHT: f64 = 420.0;
/// Room around the plot area: left, right (the legend), top, bottom.
const PAD: (f64, f64, f64, f64) = (70.0, 170.0, 50.0, 55.0);

/// Where everything in the floodlight plot goes.
#[derive(Debug, Clone, PartialEq)]
pub struct FloodlightLayout {
    pub plot: Rect,
    pub xt: Vec<(f64, f64)>,
    pub yt: Vec<(f64, f64)>,
    pub xstep: f64,
    pub ystep: f64,
    /// The effect line through every grid point with an effect.
    pub effect: Vec<Point>,
    /// The band's upper and lower bounds, left to right (empty without
    /// bootstrap).
    pub upper: Vec<Point>,
    pub lower: Vec<Point>,
    /// y of the zero line (always inside the plot).
    pub zero: f64,
    /// Shaded stretches where the effect is significant: (x from, x to).
    pub regions: Vec<(f64, f64)>,
    /// Johnson–Neyman points: x, and the moderator value.
    pub jn: Vec<(f64, f64)>,
    /// Left end of the legend's rows.
    pub legend: Point,
}

pub fn floodlight_layout(fl: &Floodlight) -> FloodlightLayout {
    let (pl, pr, pt, pb) = PAD;
    let pts: Vec<_> = fl.points.iter().filter(|p| p.at.is_finite()).collect();
    let (mut x0, mut x1) = match (pts.first(), pts.last()) {
        (Some(a), Some(b)) if b.at > a.at => (a.at, b.at),
        _ => (-2.0, 2.0),
    };
    if !(x1 > x0) {
        (x0, x1) = (-2.0, 2.0);
    }
    // y range: effects and bounds, and zero
    let mut ylo: f64 = 0.0;
    let mut yhi: f64 = 0.0;
    for p in &pts {
        for v in [p.effect, p.ci_lower, p.ci_upper].into_iter().flatten().filter(|v| v.is_finite()) {
            ylo = ylo.min(v);
            yhi = yhi.max(v);
        }
    }
    if yhi - ylo < 0.2 {
        let m = (yhi + ylo) / 2.0;
        ylo = ylo.min(m - 0.1);
        yhi = yhi.max(m + 0.1);
    }
    let pad = (yhi - ylo) * 0.08;
    let yt = ticks(ylo - pad, yhi + pad, 6);
    let ystep = if yt.len() > 1 { yt[1] - yt[0] } else { 1.0 };
    let y0 = (ylo - pad).min(yt[0]).min((ylo / ystep).floor() * ystep);
    let y1 = (yhi + pad).max(*yt.last().unwrap()).max((yhi / ystep).ceil() * ystep);
    let yt = ticks(y0, y1, 6);
    let xt = ticks(x0, x1, 6);
    let xstep = if xt.len() > 1 { xt[1] - xt[0] } else { 1.0 };

    let (ax0, ax1, ay0, ay1) = (pl, WIDTH - pr, HEIGHT - pb, pt);
    let px = |x: f64| ax0 + (x - x0) / (x1 - x0) * (ax1 - ax0);
    let py = |y: f64| ay0 + (y - y0) / (y1 - y0) * (ay1 - ay0);
    let inside = |x: f64| x >= x0 && x <= x1;
    let effect = pts.iter().filter(|p| inside(p.at)).filter_map(|p| p.effect.filter(|v| v.is_finite()).map(|e| Point { x: px(p.at), y: py(e) })).collect();
    let band: Vec<(f64, f64, f64)> = pts
        .iter()
        .filter(|p| inside(p.at))
        .filter_map(|p| match (p.ci_lower, p.ci_upper) {
            (Some(lo), Some(hi)) if lo.is_finite() && hi.is_finite() => Some((p.at, lo, hi)),
            _ => None,
        })
        .collect();
    let upper = band.iter().map(|&(x, _, hi)| Point { x: px(x), y: py(hi) }).collect();
    let lower = band.iter().map(|&(x, lo, _)| Point { x: px(x), y: py(lo) }).collect();
    let clamp = |x: f64| x.clamp(x0, x1);
    let regions = significant_regions(fl).unwrap_or_default().into_iter().map(|(a, b)| (px(clamp(a)), px(clamp(b)))).filter(|(a, b)| b > a).collect();
    let jn = fl.jn_points.iter().filter(|j| inside(j.at)).map(|j| (px(j.at), j.at)).collect();
    FloodlightLayout {
        plot: Rect { x: ax0, y: ay1, w: ax1 - ax0, h: ay0 - ay1 },
        xt: xt.iter().map(|&t| (t, px(t))).collect(),
        yt: yt.iter().map(|&t| (t, py(t))).collect(),
        xstep,
        ystep,
        effect,
        upper,
        lower,
        zero: py(0.0),
        regions,
        jn,
        legend: Point { x: ax1 + 16.0, y: ay1 + 14.0 },
    }
}

fn points(ps: &[Point]) -> String {
    ps.iter().map(|p| format!("{},{}", f(p.x), f(p.y))).collect::<Vec<_>>().join(" ")
}

/// The floodlight plot as a standalone SVG document.
pub fn floodlight_plot(fl: &Floodlight, lang: Lang) -> String {
    let en = lang == Lang::En;
    let l = floodlight_layout(fl);
    let title = if en {
        format!("Floodlight: effect of {} on {} across {}", fl.iv, fl.dv, fl.moderator)
    } else {
        format!("Floodlight: efek {} terhadap {} di sepanjang {}", fl.iv, fl.dv, fl.moderator)
    };
    let mut o = String::new();
    header(&mut o, WIDTH, HEIGHT, &title);
    let _ = writeln!(o, "<text x=\"{}\" y=\"24\" font-size=\"15\" font-weight=\"bold\" text-anchor=\"middle\">{}</text>", f(WIDTH / 2.0), esc(&title));
    let p = &l.plot;
    let (ax0, ax1, ay0, ay1) = (p.x, p.x + p.w, p.y + p.h, p.y);
    for &(a, b) in &l.regions {
        let _ = writeln!(o, "<rect class=\"significant-region\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#fff2cc\"/>", f(a), f(ay1), f(b - a), f(ay0 - ay1));
    }
    grid(&mut o, p, &l.xt, &l.yt, (l.xstep, l.ystep), lang);
    if !l.upper.is_empty() {
        let mut ring = l.upper.clone();
        ring.extend(l.lower.iter().rev().copied());
        let _ = writeln!(o, "<polygon class=\"ci-band\" points=\"{}\" fill=\"#9dc3e6\" fill-opacity=\"0.45\" stroke=\"none\"/>", points(&ring));
    }
    let _ = writeln!(o, "<line class=\"zero-line\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333333\" stroke-dasharray=\"4,3\"/>", f(ax0), f(l.zero), f(ax1), f(l.zero));
    if l.effect.len() >= 2 {
        let _ = writeln!(o, "<polyline class=\"effect-line\" points=\"{}\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"2.5\"/>", points(&l.effect));
    }
    for &(x, at) in &l.jn {
        let v = crate::report::localize(format!("{at:.3}"), lang).replace('-', "−");
        let _ = writeln!(
            o,
            "<line class=\"jn-point\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#c00000\" stroke-width=\"1.5\" stroke-dasharray=\"6,3\"><title>Johnson–Neyman: {} = {v}</title></line><circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"#c00000\"/><text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#c00000\" text-anchor=\"middle\">{v}</text>",
            f(x), f(ay0), f(x), f(ay1),
            esc(&fl.moderator),
            f(x), f(l.zero),
            f(x), f(ay1 - 4.0)
        );
    }
    let x_title = format!("{} ({})", esc(&fl.moderator), if en { "SD units" } else { "satuan SB" });
    let y_title = format!("{} {} {} ({})", if en { "effect of" } else { "efek" }, esc(&fl.iv), if en { "on" } else { "terhadap" }, esc(&fl.dv));
    frame(&mut o, p, HEIGHT, &x_title, &y_title);
    // legend
    let Point { x: lx, y: ly } = l.legend;
    let (eff, band, sig, jn) = if en {
        ("conditional effect", "bootstrap interval", "significant", "Johnson–Neyman point")
    } else {
        ("efek bersyarat", "interval bootstrap", "signifikan", "titik Johnson–Neyman")
    };
    let _ = writeln!(o, "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#1f4e79\" stroke-width=\"2.5\"/><text x=\"{}\" y=\"{}\" font-size=\"12\">{eff}</text>", f(lx), f(ly), f(lx + 30.0), f(ly), f(lx + 36.0), f(ly + 4.0));
    let _ = writeln!(o, "<rect x=\"{}\" y=\"{}\" width=\"30\" height=\"12\" fill=\"#9dc3e6\" fill-opacity=\"0.45\"/><text x=\"{}\" y=\"{}\" font-size=\"12\">{band}</text>", f(lx), f(ly + 24.0), f(lx + 36.0), f(ly + 34.0));
    let _ = writeln!(o, "<rect x=\"{}\" y=\"{}\" width=\"30\" height=\"12\" fill=\"#fff2cc\" stroke=\"#cccccc\"/><text x=\"{}\" y=\"{}\" font-size=\"12\">{sig}</text>", f(lx), f(ly + 54.0), f(lx + 36.0), f(ly + 64.0));
    let _ = writeln!(o, "<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"#c00000\"/><text x=\"{}\" y=\"{}\" font-size=\"11\">{jn}</text>", f(lx + 15.0), f(ly + 90.0), f(lx + 36.0), f(ly + 94.0));
    o.push_str("</svg>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::result::{FloodlightPoint, JnPoint};

    /// Effect 0.1 + 0.3·w over [−2.5, 2], band ± 0.2: significant below
    /// w = −1 (upper < 0) and above w = 1/3 (lower > 0).
    fn case(with_band: bool) -> Floodlight {
        let grid: Vec<f64> = (0..=45).map(|i| -2.5 + i as f64 * 0.1).collect();
        let points = grid
            .iter()
            .map(|&w| {
                let e = 0.1 + 0.3 * w;
                FloodlightPoint { at: w, effect: Some(e), ci_lower: with_band.then_some(e - 0.2), ci_upper: with_band.then_some(e + 0.2) }
            })
            .collect();
        let jn_points = if with_band { vec![JnPoint { at: -1.0, significant_above: false }, JnPoint { at: 1.0 / 3.0, significant_above: true }] } else { vec![] };
        Floodlight { interaction: "X*W".into(), iv: "X".into(), moderator: "W".into(), dv: "Y".into(), points, jn_points }
    }

    #[test]
    fn geometry_band_zero_line_regions_and_jn_points() {
        let fl = case(true);
        let l = floodlight_layout(&fl);
        let p = l.plot;
        let eps = 1e-9;
        assert!(p.x >= 0.0 && p.y >= 0.0 && p.x + p.w <= WIDTH && p.y + p.h <= HEIGHT);
        let on = |q: &Point| q.x >= p.x - eps && q.x <= p.x + p.w + eps && q.y >= p.y - eps && q.y <= p.y + p.h + eps;
        assert_eq!(l.effect.len(), 46);
        assert!(l.effect.iter().chain(&l.upper).chain(&l.lower).all(on));
        assert!((l.effect[0].x - p.x).abs() < eps && (l.effect[45].x - (p.x + p.w)).abs() < eps, "the line spans the range");
        assert!(l.effect.windows(2).all(|w| w[0].x < w[1].x));
        // the band encloses the line (y grows downwards)
        for ((u, e), d) in l.upper.iter().zip(&l.effect).zip(&l.lower) {
            assert!(u.y < e.y && e.y < d.y && u.x == e.x && e.x == d.x);
        }
        // the zero line is at y = 0 on the axis: interpolate the ticks
        assert!(l.zero > p.y && l.zero < p.y + p.h);
        let (t0, t1) = (l.yt[0], l.yt[1]);
        let zero_from_ticks = t0.1 + (0.0 - t0.0) / (t1.0 - t0.0) * (t1.1 - t0.1);
        assert!((l.zero - zero_from_ticks).abs() < 1e-9);
        // the effect crosses zero at w = −1/3, where the line meets the zero line
        let px = |w: f64| p.x + (w + 2.5) / 4.5 * p.w;
        let cross = l.effect.windows(2).find(|s| (s[0].y - l.zero) * (s[1].y - l.zero) <= 0.0).unwrap();
        assert!(cross[0].x <= px(-1.0 / 3.0) + eps && px(-1.0 / 3.0) <= cross[1].x + eps);
        // shaded: [−2.5, −1] and [1/3, 2], bounded by the JN points
        assert_eq!(l.regions.len(), 2);
        assert!((l.regions[0].0 - p.x).abs() < eps && (l.regions[0].1 - px(-1.0)).abs() < 1e-9);
        assert!((l.regions[1].0 - px(1.0 / 3.0)).abs() < 1e-9 && (l.regions[1].1 - (p.x + p.w)).abs() < eps);
        assert_eq!(l.jn.iter().map(|j| j.1).collect::<Vec<_>>(), vec![-1.0, 1.0 / 3.0]);
        assert!((l.jn[0].0 - px(-1.0)).abs() < 1e-9);
        // legend in the view box
        assert!(l.legend.x > p.x + p.w && l.legend.x + 36.0 < WIDTH && l.legend.y + 94.0 < HEIGHT);
        for (ticks, lo, hi) in [(&l.xt, p.x, p.x + p.w), (&l.yt, p.y, p.y + p.h)] {
            assert!(ticks.len() >= 2 && ticks.iter().all(|&(_, at)| at >= lo - eps && at <= hi + eps));
        }
    }

    #[test]
    fn the_document_draws_its_layout() {
        for lang in [Lang::En, Lang::Id] {
            let fl = case(true);
            let svg = floodlight_plot(&fl, lang);
            assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.trim_end().ends_with("</svg>"));
            assert_eq!(svg.matches("class=\"significant-region\"").count(), 2);
            assert_eq!(svg.matches("class=\"jn-point\"").count(), 2);
            assert_eq!(svg.matches("class=\"ci-band\"").count(), 1);
            assert_eq!(svg.matches("class=\"effect-line\"").count(), 1);
            assert_eq!(svg.matches("class=\"zero-line\"").count(), 1);
            let l = floodlight_layout(&fl);
            assert!(svg.contains(&format!("y1=\"{}\"", f(l.zero))));
            let opens = svg.matches('<').count() - svg.matches("</").count();
            assert_eq!(opens, svg.matches("</").count() + svg.matches("/>").count(), "balanced tags");
            if lang == Lang::Id {
                assert!(svg.contains("satuan SB") && svg.contains("titik Johnson–Neyman") && svg.contains("−1,000"));
                assert!(!svg.contains("SD units"));
            } else {
                assert!(svg.contains("Floodlight: effect of X on Y across W") && svg.contains("−1.000"));
            }
        }
        // without bootstrap: the line and the zero line, no band, nothing shaded
        let svg = floodlight_plot(&case(false), Lang::En);
        assert!(!svg.contains("class=\"ci-band\"") && !svg.contains("class=\"significant-region\"") && !svg.contains("class=\"jn-point\""));
        assert!(svg.contains("class=\"effect-line\""));
        // user names escaped
        let mut evil = case(true);
        evil.moderator = "<b>W".into();
        let svg = floodlight_plot(&evil, Lang::En);
        assert!(!svg.contains("<b>") && svg.contains("&lt;b&gt;W"));
    }
}
