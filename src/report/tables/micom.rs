//! MICOM (Henseler, Ringle & Sarstedt 2016): compositional invariance
//! (step 2) and equal means and variances (step 3) per construct, with the
//! verdict.

use crate::engine::result::AnalysisResult;
use crate::engine::result_groups::Invariance;
use crate::report::cells::{cols, tr, Cell, Flag, Table};
use crate::report::{fmt3_in, Lang};

fn word(i: Invariance, lang: Lang) -> String {
    match (i, lang) {
        (Invariance::Full, Lang::En) => "full".into(),
        (Invariance::Partial, Lang::En) => "partial".into(),
        (Invariance::None, Lang::En) => "none".into(),
        (Invariance::Full, Lang::Id) => "penuh".into(),
        (Invariance::Partial, Lang::Id) => "parsial".into(),
        (Invariance::None, Lang::Id) => "tidak ada".into(),
    }
}

fn yes(b: bool, lang: Lang) -> Cell {
    let mut c = Cell::text(match (b, lang) {
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
        (true, Lang::Id) => "ya",
        (false, Lang::Id) => "tidak",
    });
    c.flag = Some(if b { Flag::Good } else { Flag::Bad });
    c
}

pub fn build(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    let m = r.groups.as_ref()?.micom.as_ref()?;
    let mut rows = Vec::new();
    for pair in &m.pairs {
        for c in &pair.constructs {
            let ci = |v: [Option<f64>; 2]| Cell::text(format!("[{}; {}]", fmt3_in(v[0], lang), fmt3_in(v[1], lang)));
            rows.push(vec![
                Cell::text(c.name.clone()),
                Cell::text(format!("{} − {}", pair.pair[0], pair.pair[1])),
                Cell::num(c.c, lang),
                Cell::num(c.c_quantile_5, lang),
                yes(c.compositional_invariance, lang),
                Cell::num(c.mean_diff, lang),
                ci(c.mean_ci),
                yes(c.equal_means, lang),
                Cell::num(c.log_var_diff, lang),
                ci(c.log_var_ci),
                yes(c.equal_variances, lang),
                Cell::text(word(c.invariance, lang)),
            ]);
        }
    }
    let (columns, keys) = cols(
        lang,
        &[
            ("Construct", "Konstruk"),
            ("Groups", "Kelompok"),
            ("c", "c"),
            ("5 % quantile", "Kuantil 5 %"),
            ("Compositional invariance", "Invariansi komposisional"),
            ("Mean difference", "Selisih rata-rata"),
            ("95 % interval", "Interval 95 %"),
            ("Equal means", "Rata-rata sama"),
            ("Log variance ratio", "Log rasio varians"),
            ("95 % interval (variance)", "Interval 95 % (varians)"),
            ("Equal variances", "Varians sama"),
            ("Invariance", "Invariansi"),
        ],
    );
    let verdicts: Vec<String> = m.pairs.iter().map(|p| format!("{} − {}: {}", p.pair[0], p.pair[1], word(p.verdict, lang))).collect();
    Some(Table {
        id: "micom".into(),
        title: tr(lang, "Measurement invariance of composites (MICOM)", "Invariansi pengukuran komposit (MICOM)"),
        note: match lang {
            Lang::En => format!(
                "Step 1 (configural invariance): the same indicators, data treatment and algorithm settings in every group. Step 2: c at least its permutation 5 % quantile. Step 3: the differences inside their permutation 95 % intervals. Verdict {}.",
                verdicts.join("; ")
            ),
            Lang::Id => format!(
                "Langkah 1 (invariansi konfigural): indikator, perlakuan data dan pengaturan algoritme yang sama di setiap kelompok. Langkah 2: c paling sedikit kuantil 5 % permutasinya. Langkah 3: selisih berada di dalam interval 95 % permutasinya. Kesimpulan {}.",
                verdicts.join("; ")
            ),
        },
        columns,
        keys,
        rows,
    })
}
