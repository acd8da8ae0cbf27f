//! The simple-slope plot: predicted dependent (standardized) against the
//! independent construct (SD units) at moderator levels −1 SD (dashed),
//! mean (solid) and +1 SD (dotted). [`slope_layout`] is the geometry (axes,
//! ticks, line ends, legend rows), [`slope_plot`] writes it as SVG.

use super::layout::{Point, Rect};
use super::{esc, f, frame, grid, header, ticks};
use crate::engine::result::SimpleSlopes;
use crate::report::Lang;
use std::fmt::Write;

/// View box size.
pub const WIDTH: f64 = 620.0;
pub const HEIGHT: f64 = 420.0;
/// Room around the plot area: left, right (the legend), top, bottom.
const PAD: (f64, f64, f64, f64) = (70.0, 170.0, 50.0, 55.0);

/// One line as placed.
#[derive(Debug, Clone, PartialEq)]
pub struct LinePlace {
    /// Moderator level in SD units.
    pub level: f64,
    pub slope: f64,
    pub from: Point,
    pub to: Point,
    /// Left end of the legend's sample line.
    pub legend: Point,
}

/// Where everything in the slope plot goes.
#[derive(Debug, Clone, PartialEq)]
pub struct SlopeLayout {
    /// The plot area (axes box).
    pub plot: Rect,
    /// x and y ticks: value and position.
    pub xt: Vec<(f64, f64)>,
    pub yt: Vec<(f64, f64)>,
    pub xstep: f64,
    pub ystep: f64,
    pub lines: Vec<LinePlace>,
}

/// The y range of the lines over [x0, x1], widened to at least 0.2.
fn y_range(lines: &[(f64, f64, f64)], x0: f64, x1: f64) -> (f64, f64) {
    let mut ylo = f64::INFINITY;
    let mut yhi = f64::NEG_INFINITY;
    for &(_, b, a) in lines {
        for x in [x0, x1] {
            ylo = ylo.min(a + b * x);
            yhi = yhi.max(a + b * x);
        }
    }
    if !ylo.is_finite() {
        ylo = -1.0;
        yhi = 1.0;
    }
    if yhi - ylo < 0.2 {
        let m = (yhi + ylo) / 2.0;
        ylo = m - 0.1;
        yhi = m + 0.1;
    }
    (ylo, yhi)
}

/// Axes over the plot's x range (−2..2 SD if it is empty) and the lines'
/// y range padded by 8 % and extended to whole ticks; one line per moderator
/// level with a finite slope and intercept.
pub fn slope_layout(s: &SimpleSlopes) -> SlopeLayout {
    let (pl, pr, pt, pb) = PAD;
    let (x0, x1) = if s.x_max > s.x_min { (s.x_min, s.x_max) } else { (-2.0, 2.0) };
    let lines: Vec<(f64, f64, f64)> = s
        .lines
        .iter()
        .filter_map(|l| Some((l.moderator_level, l.slope?, l.intercept?)))
        .filter(|(_, b, a)| b.is_finite() && a.is_finite())
        .collect();
    let (ylo, yhi) = y_range(&lines, x0, x1);
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
    let lx = ax1 + 16.0;
    let lines = lines
        .iter()
        .enumerate()
        .map(|(i, &(level, b, a))| LinePlace {
            level,
            slope: b,
            from: Point { x: px(x0), y: py(a + b * x0) },
            to: Point { x: px(x1), y: py(a + b * x1) },
            legend: Point { x: lx, y: ay1 + 14.0 + i as f64 * 40.0 },
        })
        .collect();
    SlopeLayout {
        plot: Rect { x: ax0, y: ay1, w: ax1 - ax0, h: ay0 - ay1 },
        xt: xt.iter().map(|&t| (t, px(t))).collect(),
        yt: yt.iter().map(|&t| (t, py(t))).collect(),
        xstep,
        ystep,
        lines,
    }
}

/// "mean", "−1 SD", "+1 SD" ("rata-rata", "−1 SB", …).
fn level_text(level: f64, lang: Lang) -> String {
    let en = lang == Lang::En;
    if level == 0.0 {
        if en { "mean" } else { "rata-rata" }.into()
    } else {
        let s = if level.fract() == 0.0 { format!("{}", level.abs() as i64) } else { crate::report::num_in(level.abs(), lang) };
        format!("{}{s} {}", if level < 0.0 { "−" } else { "+" }, if en { "SD" } else { "SB" })
    }
}

/// Simple-slope plot: predicted dependent (standardized) against the
/// independent construct (SD units) at moderator levels −1 SD (dashed),
/// mean (solid) and +1 SD (dotted).
pub fn slope_plot(s: &SimpleSlopes, lang: Lang) -> String {
    let l = slope_layout(s);
    let title = if lang == Lang::En {
        format!("Simple slopes: {} → {} moderated by {}", s.iv, s.dv, s.moderator)
    } else {
        format!("Kemiringan sederhana: {} → {} dimoderasi oleh {}", s.iv, s.dv, s.moderator)
    };
    let mut o = String::new();
    header(&mut o, WIDTH, HEIGHT, &title);
    let _ = writeln!(o, "<text x=\"{}\" y=\"24\" font-size=\"15\" font-weight=\"bold\" text-anchor=\"middle\">{}</text>", f(WIDTH / 2.0), esc(&title));
    draw_axes(&mut o, s, &l, lang);
    for line in &l.lines {
        draw_line(&mut o, s, line, lang);
    }
    o.push_str("</svg>\n");
    o
}

/// Grid, ticks, the frame and the axis titles.
fn draw_axes(o: &mut String, s: &SimpleSlopes, l: &SlopeLayout, lang: Lang) {
    let en = lang == Lang::En;
    let p = &l.plot;
    grid(o, p, &l.xt, &l.yt, (l.xstep, l.ystep), lang);
    let x_title = format!("{} ({})", esc(&s.iv), if en { "SD units" } else { "satuan SB" });
    let y_title = format!("{} ({})", esc(&s.dv), if en { "predicted, standardized" } else { "prediksi, terstandardisasi" });
    frame(o, p, HEIGHT, &x_title, &y_title);
}

/// One line (dashed below the mean, dotted above) and its legend row.
fn draw_line(o: &mut String, s: &SimpleSlopes, line: &LinePlace, lang: Lang) {
    let en = lang == Lang::En;
    let d = if line.level < 0.0 {
        " stroke-dasharray=\"9,5\""
    } else if line.level > 0.0 {
        " stroke-dasharray=\"2,4\" stroke-linecap=\"round\""
    } else {
        ""
    };
    let slope_text = crate::report::localize(format!("{:.3}", line.slope), lang).replace('-', "−");
    let (at, slope) = if en { ("at", "slope") } else { ("pada", "kemiringan") };
    let level = level_text(line.level, lang);
    let _ = writeln!(
        o,
        "<line class=\"slope-line\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#1f4e79\" stroke-width=\"2.5\"{d}><title>{} {at} {level}: {slope} {slope_text}</title></line>",
        f(line.from.x),
        f(line.from.y),
        f(line.to.x),
        f(line.to.y),
        esc(&s.moderator)
    );
    let Point { x: lx, y: ly } = line.legend;
    let _ = writeln!(
        o,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#1f4e79\" stroke-width=\"2.5\"{d}/><text x=\"{}\" y=\"{}\" font-size=\"12\">{} {at} {level}</text><text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#555555\">{slope} = {slope_text}</text>",
        f(lx),
        f(ly),
        f(lx + 36.0),
        f(ly),
        f(lx + 44.0),
        f(ly + 4.0),
        esc(&s.moderator),
        f(lx + 44.0),
        f(ly + 18.0)
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::result::{Inference, SlopeLine};

    fn slopes(lines: &[(f64, Option<f64>, Option<f64>)], x: (f64, f64)) -> SimpleSlopes {
        SimpleSlopes {
            interaction: "X*M".into(),
            iv: "X".into(),
            moderator: "M".into(),
            dv: "Y".into(),
            beta_iv: None,
            beta_moderator: None,
            beta_interaction: None,
            lines: lines.iter().map(|&(moderator_level, slope, intercept)| SlopeLine { moderator_level, slope, intercept, inference: Inference::default() }).collect(),
            x_min: x.0,
            x_max: x.1,
        }
    }

    /// The plot area and legend lie in the view box, every line runs from
    /// the left edge of the plot area to its right edge without leaving it,
    /// and the ticks lie on the axes in increasing order.
    fn check(what: &str, s: &SimpleSlopes) -> SlopeLayout {
        let l = slope_layout(s);
        let p = l.plot;
        let eps = 1e-9;
        assert!(p.x >= 0.0 && p.y >= 0.0 && p.x + p.w <= WIDTH && p.y + p.h <= HEIGHT, "{what}: {p:?}");
        let on_plot = |q: Point| q.x >= p.x - eps && q.x <= p.x + p.w + eps && q.y >= p.y - eps && q.y <= p.y + p.h + eps;
        for line in &l.lines {
            assert!(on_plot(line.from) && on_plot(line.to), "{what}: {line:?} leaves {p:?}");
            assert!((line.from.x - p.x).abs() < eps && (line.to.x - (p.x + p.w)).abs() < eps, "{what}: {line:?}");
            // the legend's sample line (36 px) and its rows stay in the view box
            assert!(line.legend.x > p.x + p.w && line.legend.x + 36.0 <= WIDTH && line.legend.y + 18.0 <= HEIGHT, "{what}: {line:?}");
        }
        for (ticks, lo, hi) in [(&l.xt, p.x, p.x + p.w), (&l.yt, p.y, p.y + p.h)] {
            assert!(ticks.len() >= 2, "{what}: {ticks:?}");
            assert!(ticks.iter().all(|&(_, at)| at >= lo - eps && at <= hi + eps), "{what}: {ticks:?} outside [{lo}, {hi}]");
            assert!(ticks.windows(2).all(|w| w[0].0 < w[1].0), "{what}: {ticks:?}");
        }
        l
    }

    #[test]
    fn reference_slope_plots_are_sound() {
        let mut n = 0;
        for (case, r) in super::super::reference_results() {
            for s in &r.simple_slopes {
                let l = check(&case, s);
                assert_eq!(l.lines.len(), 3, "{case}");
                n += 1;
            }
        }
        assert!(n >= 4, "only {n} slope plots");
    }

    #[test]
    fn awkward_slopes() {
        // steep and crossing
        check("steep", &slopes(&[(-1.0, Some(-4.0), Some(0.3)), (0.0, Some(0.2), Some(0.0)), (1.0, Some(5.0), Some(-0.3))], (-3.0, 2.5)));
        // all flat and equal: the y range is widened to 0.2
        let l = check("flat", &slopes(&[(-1.0, Some(0.0), Some(0.5)), (0.0, Some(0.0), Some(0.5)), (1.0, Some(0.0), Some(0.5))], (-2.0, 2.0)));
        assert!(l.lines.iter().all(|line| line.from.y == line.to.y));
        // an empty x range falls back to −2..2 SD; a line without a slope is left out
        let l = check("missing", &slopes(&[(-1.0, None, Some(0.1)), (0.0, Some(0.4), Some(0.0)), (1.0, Some(f64::NAN), Some(0.1))], (1.0, 1.0)));
        assert_eq!(l.lines.len(), 1);
        assert_eq!((l.xt.first().unwrap().0, l.xt.last().unwrap().0), (-2.0, 2.0));
        // five moderator levels still fit the legend
        let five: Vec<_> = [-2.0, -1.0, 0.0, 1.0, 2.0].iter().map(|&m| (m, Some(0.3 + 0.1 * m), Some(0.2 * m))).collect();
        assert_eq!(check("five", &slopes(&five, (-2.0, 2.0))).lines.len(), 5);
    }
}
