//! Standalone SVG figures of a result: the path diagram and the simple-slope
//! plot. Every number shown comes from the
//! [`AnalysisResult`](crate::engine::result::AnalysisResult); the slope lines
//! are drawn as y = intercept + slope·x from the stored values.
//!
//! Each figure is geometry first ([`layout`] for the path diagram,
//! `slopes::slope_layout` for the slope plot: positions and sizes, no SVG),
//! then drawing: SVG text written from that geometry.
//!
//! Output is a complete SVG document without scripts or external resources.
//! Every user-provided string (construct and indicator names come from the
//! CSV header) is escaped with [`esc`].
//!
//! Titles, legends and axis labels are in the figure's [`Lang`]; numbers
//! use the decimal comma in Indonesian.

mod diagram;
pub mod ipma;
mod floodlight;
pub mod layout;
pub mod power;
mod slopes;

pub use diagram::{offsets, path_data, path_diagram, path_diagram_moved, Moves};
pub use floodlight::floodlight_plot;
pub use power::{power_layout, power_plot};
pub use slopes::slope_plot;

use super::Lang;
use crate::engine::result::Num;
use std::fmt::Write;

/// Escape text for XML content and attribute values (SVG, the results
/// workbook); control characters, which XML 1.0 does not allow, are dropped.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            '\t' | '\n' | '\r' => o.push(c),
            c if (c as u32) < 0x20 => {}
            _ => o.push(c),
        }
    }
    o
}

const FONT: &str = "sans-serif";
/// Rough width of a character at font size 12 (layout only).
const CHAR_W: f64 = 7.0;

fn text_w(s: &str, size: f64) -> f64 {
    s.chars().count() as f64 * CHAR_W * size / 12.0
}

/// A coordinate as the figures write it: one decimal, none when whole.
pub fn f(x: f64) -> String {
    // Compact coordinates.
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

fn num3(v: Num, lang: Lang) -> String {
    super::fmt3_in(v, lang)
}

pub(super) fn header(out: &mut String, w: f64, h: f64, title: &str) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{FONT}\" font-size=\"12\">\n<title>{t}</title>\n<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\n",
        w = f(w),
        h = f(h),
        t = esc(title)
    );
}

/// "Nice" tick positions covering [lo, hi].
pub(super) fn ticks(lo: f64, hi: f64, target: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return vec![lo];
    }
    let raw = (hi - lo) / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let start = (lo / step).ceil();
    let mut v = Vec::new();
    let mut i = start;
    while i * step <= hi + step * 1e-9 {
        let t = i * step;
        v.push(if t.abs() < step * 1e-9 { 0.0 } else { t });
        i += 1.0;
    }
    v
}

/// A plot's grid lines, tick marks and tick labels: `xt` and `yt` are
/// (value, pixel) pairs, `steps` their tick spacing (for the labels'
/// decimals).
pub(super) fn grid(o: &mut String, p: &layout::Rect, xt: &[(f64, f64)], yt: &[(f64, f64)], (xstep, ystep): (f64, f64), lang: Lang) {
    let (ax0, ax1, ay0, ay1) = (p.x, p.x + p.w, p.y + p.h, p.y);
    for &(t, y) in yt {
        let _ = writeln!(
            o,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#e5e5e5\"/><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333333\"/><text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
            f(ax0), f(y), f(ax1), f(y),
            f(ax0 - 5.0), f(y), f(ax0), f(y),
            f(ax0 - 8.0), f(y + 4.0), tick_label(t, ystep, lang)
        );
    }
    for &(t, x) in xt {
        let _ = writeln!(
            o,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#e5e5e5\"/><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333333\"/><text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
            f(x), f(ay0), f(x), f(ay1),
            f(x), f(ay0), f(x), f(ay0 + 5.0),
            f(x), f(ay0 + 18.0), tick_label(t, xstep, lang)
        );
    }
}

/// A plot's frame and its axis titles: `x_title` centred under the plot
/// near the figure's bottom (`height`), `y_title` turned along the left
/// edge. The titles are markup (names in them already escaped).
pub(super) fn frame(o: &mut String, p: &layout::Rect, height: f64, x_title: &str, y_title: &str) {
    let (ax0, ax1, ay0, ay1) = (p.x, p.x + p.w, p.y + p.h, p.y);
    let _ = writeln!(o, "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#333333\"/>", f(ax0), f(ay1), f(ax1 - ax0), f(ay0 - ay1));
    let _ = writeln!(o, "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\">{x_title}</text>", f((ax0 + ax1) / 2.0), f(height - 14.0));
    let _ = writeln!(
        o,
        "<text x=\"0\" y=\"0\" font-size=\"12\" text-anchor=\"middle\" transform=\"translate(18,{}) rotate(-90)\">{y_title}</text>",
        f((ay0 + ay1) / 2.0)
    );
}

pub(super) fn tick_label(t: f64, step: f64, lang: Lang) -> String {
    let dec = if step >= 1.0 {
        0
    } else {
        (-step.log10().floor()) as usize
            + usize::from(step * 10f64.powi(-step.log10().floor() as i32) % 1.0 > 1e-6)
    };
    let s = super::localize(format!("{t:.dec$}"), lang);
    s.replace('-', "−")
}

/// Every reference case (tests/reference/*/model.json) analysed without
/// bootstrap or blindfolding, by case name, for the figures' tests.
#[cfg(test)]
pub(crate) fn reference_results() -> Vec<(String, crate::engine::result::AnalysisResult)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference");
    let mut cases: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("model.json").exists())
        .map(|e| e.file_name().into_string().unwrap())
        .collect();
    cases.sort();
    cases
        .into_iter()
        .map(|case| {
            let dir = root.join(&case);
            let opts = crate::data::ReadOptions { missing_codes: vec!["-99".into()], ..Default::default() };
            let (ds, _) = crate::data::read_csv(&std::fs::read(dir.join("data.csv")).unwrap(), &opts).unwrap();
            let raw: crate::model::RawModel = serde_json::from_slice(&std::fs::read(dir.join("model.json")).unwrap()).unwrap();
            let model = crate::model::validate(&raw, &ds.names).unwrap();
            let settings = crate::engine::Settings { bootstrap: 0, blindfold_distance: 0, threads: 1, ..crate::engine::Settings::smartpls() };
            let r = crate::pipeline::analyze(&ds, &model, &settings, &|_| true).unwrap();
            (case, r)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::result::AnalysisResult;
    use crate::engine::settings::Settings;
    use crate::model::{parse_syntax, validate, RawModel};

    fn reference(dir: &str) -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/reference")
            .join(dir)
    }

    fn run(dir: &str, raw: &RawModel, bootstrap: usize) -> AnalysisResult {
        let bytes = std::fs::read(reference(dir).join("data.csv")).unwrap();
        let (ds, _) = crate::data::read_csv(&bytes, &Default::default()).unwrap();
        let model = validate(raw, &ds.names).unwrap();
        let settings = Settings {
            bootstrap,
            blindfold_distance: 0,
            ..Settings::smartpls()
        };
        crate::pipeline::analyze(&ds, &model, &settings, &|_| true).unwrap()
    }

    const CRM: &str = "CRM =~ CRM1 + CRM2 + CRM3 + CRM4 + CRM5 + CRM6 + CRM7\nSC =~ SC1 + SC2 + SC3 + SC4 + SC5 + SC6\nBP =~ BP1 + BP2 + BP3 + BP4 + BP5\nBP ~ CRM + SC + CRM:SC";

    fn crm() -> AnalysisResult {
        run("synthetic_crm_sc_bp", &parse_syntax(CRM).unwrap(), 200)
    }

    fn ecsi() -> AnalysisResult {
        let raw: RawModel = serde_json::from_slice(
            &std::fs::read(reference("ecsi_basic").join("model.json")).unwrap(),
        )
        .unwrap();
        run("ecsi_basic", &raw, 0)
    }

    fn count(s: &str, pat: &str) -> usize {
        s.matches(pat).count()
    }

    fn well_formed(svg: &str) {
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.trim_end().ends_with("</svg>"));
        assert_eq!(count(svg, "<svg"), 1);
        assert_eq!(count(svg, "</svg>"), 1);
        assert!(svg.contains("viewBox=\"0 0 "));
        assert!(svg.contains("<title>"));
        assert!(!svg.contains("<script"));
        assert!(!svg.contains("href"));
        assert!(!svg.contains("style="));
        // Every element closes: opening tags = closing tags + self-closed.
        let opens = svg.matches('<').count() - svg.matches("</").count();
        let closes = svg.matches("</").count() + svg.matches("/>").count();
        assert_eq!(opens, closes, "unbalanced tags");
    }

    fn write_out(name: &str, svg: &str) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/svg");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), svg).unwrap();
    }

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(esc("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
    }

    #[test]
    fn crm_path_diagram_and_slope_plot() {
        let r = crm();
        let svg = path_diagram(&r, Lang::En);
        well_formed(&svg);
        assert_eq!(
            count(&svg, "<ellipse class=\"construct\""),
            r.constructs.len()
        );
        assert_eq!(
            r.constructs.len(),
            4,
            "CRM, SC, BP and the interaction term"
        );
        assert_eq!(
            count(&svg, "<path class=\"structural-path\""),
            r.path_coefficients.len()
        );
        assert_eq!(
            count(&svg, "stroke-dasharray=\"6,4\"/>"),
            1,
            "one dashed ellipse"
        );
        assert_eq!(count(&svg, "<rect class=\"indicator\""), 7 + 6 + 5);
        assert!(svg.contains("R² = "));
        assert!(svg.contains('*'), "bootstrap stars");
        write_out("path_diagram.svg", &svg);

        assert_eq!(r.simple_slopes.len(), 1);
        let s = &r.simple_slopes[0];
        let plot = slope_plot(s, Lang::En);
        well_formed(&plot);
        assert_eq!(count(&plot, "class=\"slope-line\""), 3);
        assert!(plot.contains(&format!(
            "Simple slopes: {} → {} moderated by {}",
            s.iv, s.dv, s.moderator
        )));
        assert!(plot.contains(&format!("{} at −1 SD", s.moderator)));
        assert!(plot.contains(&format!("{} at +1 SD", s.moderator)));
        assert!(plot.contains(&format!("{} at mean", s.moderator)));
        write_out("slope_plot.svg", &plot);
    }

    /// The example has no mediator (the interaction term's path into BP
    /// does not make CRM or SC one); with SC ~ CRM, SC mediates.
    #[test]
    fn mediators_are_marked() {
        let svg = path_diagram(&crm(), Lang::En);
        assert_eq!(count(&svg, "data-role=\"mediator\""), 0);
        assert!(!svg.contains("mediator"));
        let r = run("synthetic_crm_sc_bp", &parse_syntax(&format!("{CRM}\nSC ~ CRM")).unwrap(), 0);
        let svg = path_diagram(&r, Lang::Id);
        well_formed(&svg);
        assert_eq!(count(&svg, "data-role=\"mediator\""), 1);
        assert!(svg.contains("garis tepi jingga: mediator"));
    }

    #[test]
    fn indonesian_figures() {
        let r = crm();
        let svg = path_diagram(&r, Lang::Id);
        well_formed(&svg);
        assert!(svg.contains("Model jalur PLS") && svg.contains("Jalur: koefisien"));
        assert!(svg.contains("R² = 0,"), "decimal comma in R²");
        assert!(!svg.contains("PLS path model") && !svg.contains("Paths:") && !svg.contains("R² = 0."));
        let plot = slope_plot(&r.simple_slopes[0], Lang::Id);
        well_formed(&plot);
        let m = &r.simple_slopes[0].moderator;
        for part in ["Kemiringan sederhana:", "dimoderasi oleh", "satuan SB", "prediksi, terstandardisasi", "kemiringan = "] {
            assert!(plot.contains(part), "{part}");
        }
        assert!(plot.contains(&format!("{m} pada −1 SB")) && plot.contains(&format!("{m} pada rata-rata")));
        for english in ["moderated by", "SD units", "predicted", "slope =", " at "] {
            assert!(!plot.contains(english), "{english}");
        }
        write_out("path_diagram_id.svg", &svg);
        write_out("slope_plot_id.svg", &plot);
    }

    #[test]
    fn mode_b_constructs_show_weights() {
        let mut r = crm();
        r.constructs[0].mode = crate::model::Mode::B;
        let name = r.constructs[0].name.clone();
        let item = r.constructs[0].indicators[0].clone();
        let w = r
            .outer_weights
            .get(&name)
            .unwrap()
            .get(&item)
            .copied()
            .flatten();
        let l = r
            .outer_loadings
            .get(&name)
            .unwrap()
            .get(&item)
            .copied()
            .flatten();
        assert_ne!(crate::report::fmt3(w), crate::report::fmt3(l));
        let svg = path_diagram(&r, Lang::En);
        assert!(svg.contains(&format!(">{}</text>", crate::report::fmt3(w))));
        assert!(!svg.contains(&format!(">{}</text>", crate::report::fmt3(l))));
        assert!(svg.contains("Mode B (weights)"));
    }

    /// The document draws what the layout placed: every ellipse, indicator
    /// box and path at the layout's coordinates.
    #[test]
    fn the_diagram_draws_its_layout() {
        let r = crm();
        for lang in [Lang::En, Lang::Id] {
            let spec = diagram::spec(&r, lang);
            let l = layout::layout(&spec);
            let svg = path_diagram(&r, lang);
            assert!(svg.contains(&format!("width=\"{}\" height=\"{}\"", f(l.width), f(l.height))));
            for c in &l.constructs {
                let e = c.ellipse;
                assert!(svg.contains(&format!("cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\"", f(e.cx), f(e.cy), f(e.rx), f(e.ry))), "{e:?}");
            }
            for b in &l.indicators {
                assert!(svg.contains(&format!("<rect class=\"indicator\" x=\"{}\" y=\"{}\" width=\"{}\"", f(b.rect.x), f(b.rect.y), f(b.rect.w))));
            }
            for p in &l.paths {
                let (a, b) = p.shape.ends();
                assert!(svg.contains(&format!("d=\"M{},{} L{},{}\"", f(a.x), f(a.y), f(b.x), f(b.y))), "{p:?}");
            }
            assert_eq!(count(&svg, "<rect class=\"indicator\""), l.indicators.len());
        }
    }

    #[test]
    fn ecsi_path_diagram() {
        let r = ecsi();
        let svg = path_diagram(&r, Lang::En);
        well_formed(&svg);
        assert_eq!(count(&svg, "<ellipse class=\"construct\""), 7);
        assert_eq!(
            count(&svg, "<path class=\"structural-path\""),
            r.path_coefficients.len()
        );
        assert!(!svg.contains("***"), "no stars without bootstrap");
        // expectation, quality, value, satisfaction and complaints lie on
        // indirect routes; image is exogenous and loyalty a sink
        assert_eq!(count(&svg, "data-role=\"mediator\""), 5);
        assert!(svg.contains("orange outline: mediator"));
        write_out("ecsi_path_diagram.svg", &svg);
    }

    #[test]
    fn user_names_appear_only_escaped() {
        let evil = "<img src=x onerror=alert(1)>";
        let mut r = crm();
        let old_c = r.constructs[0].name.clone();
        let old_i = r.constructs[0].indicators[0].clone();
        let ren = |s: &mut String| {
            if *s == old_c {
                *s = evil.to_string();
            } else if *s == old_i {
                *s = format!("{evil}'\"&");
            }
        };
        for c in &mut r.constructs {
            ren(&mut c.name);
            c.indicators.iter_mut().for_each(&ren);
        }
        for m in [&mut r.outer_loadings, &mut r.outer_weights] {
            for (k, v) in &mut m.0 {
                ren(k);
                for (i, _) in &mut v.0 {
                    ren(i);
                }
            }
        }
        for p in &mut r.path_coefficients {
            ren(&mut p.from);
            ren(&mut p.to);
        }
        let svg = path_diagram(&r, Lang::En);
        well_formed(&svg);
        assert!(!svg.contains("<img"));
        assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;&#39;&quot;&amp;"));

        let mut s = r.simple_slopes[0].clone();
        s.iv = evil.into();
        s.moderator = format!("{evil}\"'");
        s.dv = evil.into();
        let plot = slope_plot(&s, Lang::En);
        well_formed(&plot);
        assert!(!plot.contains("<img"));
        assert!(plot.contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39; at −1 SD"));
    }
}
