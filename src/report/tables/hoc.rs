//! The first stage of higher-order constructs estimated in two stages: its
//! paths and R², from which the dimensions' scores (the HOCs' indicators)
//! come. No table without a two-stage HOC.

use crate::engine::result::AnalysisResult;
use crate::engine::settings::HocMethod;
use crate::report::cells::{cols, tr, Cell, Table};
use crate::report::Lang;

pub fn build(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    let h = r.hoc.as_ref()?;
    let first = h.first_stage.as_ref()?;
    let rows = first
        .path_coefficients
        .iter()
        .map(|p| vec![Cell::text(format!("{} → {}", p.from, p.to)), Cell::num(p.estimate, lang), Cell::num(first.r_squared.get(&p.to).and_then(|x| x.r2), lang)])
        .collect();
    let (columns, keys) = cols(lang, &[("Path", "Jalur"), ("Coefficient", "Koefisien"), ("R² of the target", "R² target")]);
    let dims: Vec<String> = h.constructs.iter().map(|c| format!("{} ({})", c.name, c.dimensions.join(", "))).collect();
    let method = match (h.method, lang) {
        (HocMethod::TwoStageEmbedded, Lang::En) => "embedded two-stage approach: the repeated-indicators model",
        (HocMethod::TwoStageDisjoint, Lang::En) => "disjoint two-stage approach: the dimensions in the higher-order construct's place",
        (HocMethod::TwoStageEmbedded, Lang::Id) => "pendekatan dua tahap tertanam: model indikator berulang",
        (HocMethod::TwoStageDisjoint, Lang::Id) => "pendekatan dua tahap terpisah: dimensi menggantikan konstruk orde tinggi",
        (HocMethod::Repeated, _) => return None,
    };
    Some(Table {
        id: "hoc_first_stage".into(),
        title: tr(lang, "Higher-order constructs: first stage", "Konstruk orde tinggi: tahap pertama"),
        note: match lang {
            Lang::En => format!(
                "First stage of the {method}. Its dimension scores are the indicators of {} in the second stage, whose estimates the other tables report.",
                dims.join("; ")
            ),
            Lang::Id => format!(
                "Tahap pertama {method}. Skor dimensinya menjadi indikator {} pada tahap kedua, yang hasilnya dilaporkan tabel-tabel lain.",
                dims.join("; ")
            ),
        },
        columns,
        keys,
        rows,
    })
}
