//! The power-curve plot of a power analysis: power (0 to 1) against the
//! sample size, one line with markers per effect, the target power as a
//! dashed line. [`power_layout`] is the geometry, [`power_plot`] the SVG.

use super::layout::{Point, Rect};
use super::{esc, f, frame, grid, header, ticks};
use crate::engine::result_power::PowerResult;
use crate::report::Lang;
use std::fmt::Write;

pub const WIDTH: f64 = 680.0;
pub const HEIGHT: f64 = 420.0;
/// Room around the plot area: left, right (the legend), top, bottom.
const PAD: (f64, f64, f64, f64) = (60.0, 200.0, 50.0, 55.0);
/// Line styles of successive effects.
const DASHES: [&str; 4] = ["", "9,5", "2,4", "12,4,2,4"];

/// Where everything in the plot goes.
#[derive(Debug, Clone, PartialEq)]
pub struct PowerLayout {
    pub plot: Rect,
    pub xt: Vec<(f64, f64)>,
    pub yt: Vec<(f64, f64)>,
    pub xstep: f64,
    /// Per effect: its label, its points, its legend row.
    pub curves: Vec<(String, Vec<Point>, Point)>,
    /// The target power's height.
    pub target_y: f64,
}

pub fn power_layout(r: &PowerResult) -> PowerLayout {
    let (pl, pr, pt, pb) = PAD;
    let grid_n = &r.power.grid;
    let (n0, n1) = match (grid_n.first(), grid_n.last()) {
        (Some(&a), Some(&b)) if b > a => (a as f64, b as f64),
        (Some(&a), _) => (a as f64 - 1.0, a as f64 + 1.0),
        _ => (0.0, 1.0),
    };
    let (ax0, ax1, ay0, ay1) = (pl, WIDTH - pr, HEIGHT - pb, pt);
    let px = |n: f64| ax0 + (n - n0) / (n1 - n0) * (ax1 - ax0);
    let py = |p: f64| ay0 + p * (ay1 - ay0);
    let xt = ticks(n0, n1, 6);
    let xstep = if xt.len() > 1 { xt[1] - xt[0] } else { 1.0 };
    let yt: Vec<f64> = (0..=5).map(|k| k as f64 / 5.0).collect();
    let curves = r
        .power
        .effects
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let pts = c.points.iter().map(|p| Point { x: px(p.n as f64), y: py(p.power) }).collect();
            (c.path.join(" → "), pts, Point { x: ax1 + 16.0, y: ay1 + 14.0 + i as f64 * 22.0 })
        })
        .collect();
    PowerLayout {
        plot: Rect { x: ax0, y: ay1, w: ax1 - ax0, h: ay0 - ay1 },
        xt: xt.iter().map(|&t| (t, px(t))).collect(),
        yt: yt.iter().map(|&t| (t, py(t))).collect(),
        xstep,
        curves,
        target_y: py(r.power.target_power),
    }
}

/// The power curves as a standalone SVG document.
pub fn power_plot(r: &PowerResult, lang: Lang) -> String {
    let l = power_layout(r);
    let en = lang == Lang::En;
    let title = if en { "Plan sample size: power by sample size" } else { "Rencana ukuran sampel: daya menurut ukuran sampel" };
    let mut o = String::new();
    header(&mut o, WIDTH, HEIGHT, title);
    let _ = writeln!(o, "<text x=\"{}\" y=\"24\" font-size=\"15\" font-weight=\"bold\" text-anchor=\"middle\">{}</text>", f(WIDTH / 2.0), esc(title));
    let p = &l.plot;
    grid(&mut o, p, &l.xt, &l.yt, (l.xstep, 0.2), lang);
    frame(&mut o, p, HEIGHT, if en { "sample size n" } else { "ukuran sampel n" }, if en { "power" } else { "daya" });
    let target = crate::report::num_in(r.power.target_power, lang);
    let _ = writeln!(o, "<line x1=\"{}\" y1=\"{ty}\" x2=\"{}\" y2=\"{ty}\" stroke=\"#b03a2e\" stroke-dasharray=\"6,4\"><title>{} {target}</title></line>", f(p.x), f(p.x + p.w), if en { "target power" } else { "target daya" }, ty = f(l.target_y));
    for (i, (label, pts, legend)) in l.curves.iter().enumerate() {
        draw_curve(&mut o, label, pts, *legend, DASHES[i % DASHES.len()]);
    }
    o.push_str("</svg>\n");
    o
}

fn draw_curve(o: &mut String, label: &str, pts: &[Point], legend: Point, dash: &str) {
    let d = if dash.is_empty() { String::new() } else { format!(" stroke-dasharray=\"{dash}\"") };
    let line: Vec<String> = pts.iter().map(|q| format!("{},{}", f(q.x), f(q.y))).collect();
    let _ = writeln!(o, "<polyline class=\"power-curve\" points=\"{}\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"2\"{d}><title>{}</title></polyline>", line.join(" "), esc(label));
    for q in pts {
        let _ = writeln!(o, "<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"#1f4e79\"/>", f(q.x), f(q.y));
    }
    let _ = writeln!(
        o,
        "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#1f4e79\" stroke-width=\"2\"{d}/><text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
        f(legend.x),
        f(legend.x + 30.0),
        f(legend.x + 36.0),
        f(legend.y + 4.0),
        esc(label),
        y = f(legend.y)
    );
}
