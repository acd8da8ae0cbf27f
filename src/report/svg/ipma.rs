//! The importance-performance map: performance (0–100) against importance
//! (unstandardized total effect), one labelled point per construct, with
//! quadrant lines at the mean importance and the mean performance.
//! [`ipma_layout`] is the geometry, [`ipma_map`] writes it as SVG.

use super::layout::{Point, Rect};
use super::{esc, f, header, text_w, tick_label, ticks};
use crate::engine::result_groups::Ipma;
use crate::report::Lang;
use std::fmt::Write;

pub const WIDTH: f64 = 620.0;
pub const HEIGHT: f64 = 440.0;
/// Room around the plot area: left, right, top, bottom.
const PAD: (f64, f64, f64, f64) = (70.0, 40.0, 50.0, 55.0);

/// A point as placed, with its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub name: String,
    pub at: Point,
    pub label: Point,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IpmaLayout {
    pub plot: Rect,
    pub xt: Vec<(f64, f64)>,
    pub yt: Vec<(f64, f64)>,
    pub xstep: f64,
    pub ystep: f64,
    /// x of the vertical quadrant line (mean importance), y of the
    /// horizontal one (mean performance).
    pub mean_x: f64,
    pub mean_y: f64,
    pub points: Vec<Placed>,
}

/// The geometry of the map of the constructs' points.
pub fn ipma_layout(m: &Ipma) -> IpmaLayout {
    let pts: Vec<(String, f64, f64)> =
        m.constructs.iter().filter_map(|c| Some((c.name.clone(), c.importance?, c.performance?))).filter(|(_, i, p)| i.is_finite() && p.is_finite()).collect();
    let plot = Rect { x: PAD.0, y: PAD.2, w: WIDTH - PAD.0 - PAD.1, h: HEIGHT - PAD.2 - PAD.3 };
    let (mut x0, mut x1) = pts.iter().fold((0.0f64, f64::NEG_INFINITY), |(a, b), p| (a.min(p.1), b.max(p.1)));
    if !x1.is_finite() || x1 <= x0 {
        x1 = x0 + 1.0;
    }
    let pad = (x1 - x0) * 0.1;
    x1 += pad;
    if x0 < 0.0 {
        x0 -= pad;
    }
    let (y0, y1) = (0.0, 100.0);
    let sx = |x: f64| plot.x + (x - x0) / (x1 - x0) * plot.w;
    let sy = |y: f64| plot.y + plot.h - (y - y0) / (y1 - y0) * plot.h;
    let xs = ticks(x0, x1, 5);
    let xstep = if xs.len() > 1 { xs[1] - xs[0] } else { 1.0 };
    let ys = ticks(y0, y1, 5);
    let ystep = if ys.len() > 1 { ys[1] - ys[0] } else { 1.0 };
    let n = pts.len().max(1) as f64;
    let mean_i = pts.iter().map(|p| p.1).sum::<f64>() / n;
    let mean_p = pts.iter().map(|p| p.2).sum::<f64>() / n;
    let points = pts
        .iter()
        .map(|(name, i, p)| {
            let at = Point { x: sx(*i), y: sy(*p) };
            // label right of the point, or left of it near the right edge
            let w = text_w(name, 11.0);
            let lx = if at.x + 8.0 + w > plot.x + plot.w { at.x - 8.0 - w } else { at.x + 8.0 };
            Placed { name: name.clone(), at, label: Point { x: lx, y: at.y + 4.0 } }
        })
        .collect();
    IpmaLayout {
        plot,
        xt: xs.iter().map(|&t| (t, sx(t))).collect(),
        yt: ys.iter().map(|&t| (t, sy(t))).collect(),
        xstep,
        ystep,
        mean_x: sx(mean_i),
        mean_y: sy(mean_p),
        points,
    }
}

/// The map as a standalone SVG document.
pub fn ipma_map(m: &Ipma, lang: Lang) -> String {
    let l = ipma_layout(m);
    let title = match lang {
        Lang::En => format!("Importance-performance map: {}", m.target),
        Lang::Id => format!("Peta kepentingan-kinerja: {}", m.target),
    };
    let (xl, yl) = match lang {
        Lang::En => ("Importance (unstandardized total effect)", "Performance (0–100)"),
        Lang::Id => ("Kepentingan (efek total tak terstandar)", "Kinerja (0–100)"),
    };
    let mut o = String::new();
    header(&mut o, WIDTH, HEIGHT, &title);
    let p = l.plot;
    let _ = writeln!(o, "<text x=\"{}\" y=\"28\" font-size=\"15\" font-weight=\"bold\">{}</text>", f(p.x), esc(&title));
    let _ = writeln!(o, "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#333\"/>", f(p.x), f(p.y), f(p.w), f(p.h));
    for &(t, x) in &l.xt {
        let _ = writeln!(o, "<line x1=\"{x}\" y1=\"{y}\" x2=\"{x}\" y2=\"{y2}\" stroke=\"#333\"/><text x=\"{x}\" y=\"{ty}\" text-anchor=\"middle\">{}</text>", tick_label(t, l.xstep, lang), x = f(x), y = f(p.y + p.h), y2 = f(p.y + p.h + 5.0), ty = f(p.y + p.h + 18.0));
    }
    for &(t, y) in &l.yt {
        let _ = writeln!(o, "<line x1=\"{x}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\" stroke=\"#333\"/><text x=\"{tx}\" y=\"{ty}\" text-anchor=\"end\">{}</text>", tick_label(t, l.ystep, lang), x = f(p.x - 5.0), x2 = f(p.x), y = f(y), tx = f(p.x - 8.0), ty = f(y + 4.0));
    }
    let _ = writeln!(o, "<line class=\"quadrant\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"#888\" stroke-dasharray=\"5 4\"/>", f(p.y), f(p.y + p.h), x = f(l.mean_x));
    let _ = writeln!(o, "<line class=\"quadrant\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#888\" stroke-dasharray=\"5 4\"/>", f(p.x), f(p.x + p.w), y = f(l.mean_y));
    for pt in &l.points {
        let _ = writeln!(o, "<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"#1f5fa8\"/><text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>", f(pt.at.x), f(pt.at.y), f(pt.label.x), f(pt.label.y), esc(&pt.name));
    }
    let _ = writeln!(o, "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>", f(p.x + p.w / 2.0), f(HEIGHT - 12.0), esc(xl));
    let _ = writeln!(o, "<text x=\"18\" y=\"{y}\" text-anchor=\"middle\" transform=\"rotate(-90 18 {y})\">{}</text>", esc(yl), y = f(p.y + p.h / 2.0));
    o.push_str("</svg>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::result_groups::IpmaPoint;

    fn map() -> Ipma {
        let pt = |n: &str, i: f64, p: f64| IpmaPoint { name: n.into(), importance: Some(i), performance: Some(p) };
        Ipma {
            target: "Loyalty".into(),
            target_performance: Some(70.0),
            scale: Some([1.0, 10.0]),
            constructs: vec![pt("Image", 0.4, 75.0), pt("Value", 0.1, 60.0), pt("Satisfaction", 0.5, 70.0)],
            indicators: vec![],
            negative_weights: vec![],
        }
    }

    #[test]
    fn points_and_quadrants_where_the_numbers_say() {
        let l = ipma_layout(&map());
        let p = l.plot;
        assert_eq!(l.points.len(), 3);
        for pt in &l.points {
            assert!(pt.at.x >= p.x && pt.at.x <= p.x + p.w && pt.at.y >= p.y && pt.at.y <= p.y + p.h, "{pt:?}");
        }
        // more important → further right; better performing → higher
        let (img, val, sat) = (&l.points[0], &l.points[1], &l.points[2]);
        assert!(val.at.x < img.at.x && img.at.x < sat.at.x);
        assert!(img.at.y < sat.at.y && sat.at.y < val.at.y);
        // performance runs 0..100 over the plot's height
        let y = |v: f64| p.y + p.h - v / 100.0 * p.h;
        assert!((img.at.y - y(75.0)).abs() < 1e-9);
        // quadrant lines at the means: importance 1/3, performance 68.33
        let x_of = |v: f64| {
            let (t0, x0) = l.xt[0];
            let (t1, x1) = l.xt[1];
            x0 + (v - t0) / (t1 - t0) * (x1 - x0)
        };
        assert!((l.mean_x - x_of(1.0 / 3.0)).abs() < 1e-9);
        assert!((l.mean_y - y(205.0 / 3.0)).abs() < 1e-9);
        // a label stays inside the figure
        for pt in &l.points {
            assert!(pt.label.x >= 0.0 && pt.label.x + text_w(&pt.name, 11.0) <= WIDTH);
        }
        let svg = ipma_map(&map(), Lang::Id);
        assert!(svg.starts_with("<svg") && svg.contains("Kinerja") && svg.matches("class=\"quadrant\"").count() == 2);
    }
}
