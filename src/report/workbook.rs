//! Every result table in one Excel workbook (.xlsx), a sheet per table,
//! after a first sheet "About" that says what produced them: the program
//! and its version, n, the model, every setting (the seed among them), the
//! missing values and the warnings, in the workbook's language.
//!
//! The workbook is written by hand as SpreadsheetML (the parts Excel and
//! LibreOffice need: content types, relationships, the workbook, one
//! worksheet per table with inline strings) inside a zip archive. Numbers
//! are written at full precision as numbers, so they can be computed with;
//! intervals and other text stay text.
//!
//! The archive's entries are stored, not compressed, and written here: a
//! results workbook is small, and the zip crate's writer would bring its
//! compressors into the page (+200 KB gzipped, over the page's budget).

use super::svg::esc;
use std::borrow::Borrow;
use super::cells::{export_grid, Export};
use super::{Cell, Lang, Table};
use crate::data::column_letters;
use crate::engine::result::AnalysisResult;

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// Sheet names: at most 31 characters, none of : \ / ? * [ ], unique
/// (case-insensitively, as Excel compares them).
fn sheet_names<T: Borrow<Table>>(tables: &[T]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for t in tables.iter().map(|t| t.borrow()) {
        let clean: String = t.title.chars().filter(|c| !matches!(c, ':' | '\\' | '/' | '?' | '*' | '[' | ']')).collect();
        let base: String = clean.trim().trim_matches('\'').chars().take(31).collect();
        let base = if base.trim().is_empty() { t.id.chars().take(31).collect() } else { base };
        let mut name = base.clone();
        let mut k = 2;
        while names.iter().any(|n| n.to_lowercase() == name.to_lowercase()) {
            let suffix = format!(" ({k})");
            name = base.chars().take(31 - suffix.chars().count()).collect::<String>() + &suffix;
            k += 1;
        }
        names.push(name);
    }
    names
}

fn sheet_xml(t: &Table, lang: Lang) -> String {
    let mut x = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"{MAIN}\"><sheetData>");
    let text = |r: usize, c: usize, s: &str| format!("<c r=\"{}{}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>", column_letters(c), r, esc(s));
    let (headers, rows) = export_grid(t, lang);
    x.push_str("<row r=\"1\">");
    for (c, h) in headers.iter().enumerate() {
        x.push_str(&text(1, c, h));
    }
    x.push_str("</row>");
    for (i, row) in rows.iter().enumerate() {
        let r = i + 2;
        x.push_str(&format!("<row r=\"{r}\">"));
        for (c, cell) in row.iter().enumerate() {
            match cell {
                Export::Number(v) if v.is_finite() => x.push_str(&format!("<c r=\"{}{}\"><v>{v:?}</v></c>", column_letters(c), r)),
                Export::Text(s) => x.push_str(&text(r, c, s)),
                Export::Number(_) | Export::Empty => {}
            }
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData></worksheet>");
    x
}

/// Every field of [`crate::engine::Settings`] by its JSON key, with a label
/// in English and Indonesian. A test checks that none is missing.
const SETTING_LABELS: &[(&str, &str, &str)] = &[
    ("preset", "Preset", "Preset"),
    ("scheme", "Inner weighting scheme", "Skema pembobotan inner"),
    ("tolerance", "Stop criterion (sum of absolute weight changes)", "Kriteria berhenti (jumlah perubahan bobot absolut)"),
    ("max_iterations", "Maximum iterations", "Iterasi maksimum"),
    ("moderation", "Moderation method (interaction term)", "Metode moderasi (suku interaksi)"),
    ("interaction_scaling", "Interaction term scaling", "Penskalaan suku interaksi"),
    ("consistent", "Consistent PLS (PLSc)", "PLS konsisten (PLSc)"),
    ("missing", "Missing values", "Nilai hilang"),
    ("bootstrap_missing", "Missing values in the bootstrap", "Nilai hilang dalam bootstrap"),
    ("bootstrap", "Bootstrap resamples", "Sampel ulang bootstrap"),
    ("seed", "Seed", "Seed"),
    ("bootstrap_tolerance", "Stop criterion in each resample", "Kriteria berhenti pada tiap sampel ulang"),
    ("bootstrap_max_iterations", "Maximum iterations in each resample", "Iterasi maksimum pada tiap sampel ulang"),
    ("stage1_tolerance", "Stop criterion of the first stage (two-stage)", "Kriteria berhenti tahap pertama (dua tahap)"),
    ("stage1_max_iterations", "Maximum iterations of the first stage", "Iterasi maksimum tahap pertama"),
    ("drop_nonconverged", "Leave out resamples that did not converge", "Buang sampel ulang yang tidak konvergen"),
    ("warm_start", "Start each resample and PLSpredict fold from the full-sample weights", "Mulai tiap sampel ulang dan lipatan PLSpredict dari bobot sampel penuh"),
    ("ci", "Confidence interval", "Interval kepercayaan"),
    ("alpha", "Significance level α", "Taraf signifikansi α"),
    ("p_value", "p-value method", "Metode nilai p"),
    ("significance", "Significance rule", "Aturan signifikansi"),
    ("tails", "Tails of the test", "Arah uji"),
    ("blindfold_distance", "Blindfolding omission distance D (0 = no Q²)", "Jarak penghilangan blindfolding D (0 = tanpa Q²)"),
    ("htmt_absolute", "HTMT with absolute correlations", "HTMT dengan korelasi absolut"),
    ("f2_main_effects", "f² also for the main effects of an interaction", "f² juga untuk efek utama interaksi"),
    ("threads", "Threads (command line; 0 = all cores)", "Thread (baris perintah; 0 = semua inti)"),
    ("mediation", "Mediation and conditional process statistics", "Statistik mediasi dan proses bersyarat"),
    ("moderator_levels", "Further moderator levels (SD)", "Tingkat moderator tambahan (SB)"),
];

/// The "About" sheet: what produced the tables.
pub fn about_table(r: &AnalysisResult, lang: Lang) -> Table {
    let en = lang == Lang::En;
    let w = |e: &'static str, i: &'static str| if en { e } else { i };
    let row = |label: &str, value: Cell, key: &str| vec![Cell::text(label), value, Cell::text(key)];
    let number = |v: f64| Cell { text: format!("{v}"), value: Some(v), flag: None, interval: None };
    let mut rows = vec![
        row(w("Program", "Program"), Cell::text(format!("{} {}", r.program, r.version)), "version"),
        row(w("Observations (n)", "Observasi (n)"), number(r.n as f64), "n"),
    ];
    for (k, line) in r.model_syntax.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        rows.push(row(if k == 0 { w("Model", "Model") } else { "" }, Cell::text(line), if k == 0 { "model_syntax" } else { "" }));
    }
    let settings = serde_json::to_value(&r.settings).unwrap_or_default();
    for &(key, label_en, label_id) in SETTING_LABELS {
        let value = match settings.get(key) {
            Some(serde_json::Value::Number(n)) => n.as_f64().map(number).unwrap_or_else(|| Cell::text(n.to_string())),
            Some(serde_json::Value::String(t)) => Cell::text(t.clone()),
            Some(serde_json::Value::Bool(b)) => Cell::text(if *b { w("yes", "ya") } else { w("no", "tidak") }),
            Some(serde_json::Value::Null) => Cell::text(w("as the estimate", "sama dengan estimasi")),
            Some(serde_json::Value::Array(a)) => Cell::text(a.iter().map(|v| crate::report::localize(v.to_string(), lang)).collect::<Vec<_>>().join("; ")),
            _ => continue,
        };
        rows.push(row(if en { label_en } else { label_id }, value, &format!("settings.{key}")));
    }
    if let Some(b) = &r.bootstrap {
        rows.push(row(w("Resamples used", "Sampel ulang yang dipakai"), number(b.succeeded as f64), "bootstrap.succeeded"));
        rows.push(row(w("Resamples failed", "Sampel ulang gagal"), number(b.failed as f64), "bootstrap.failed"));
    }
    if let Some(m) = &r.missing {
        rows.push(row(w("Missing cells", "Sel hilang"), number(m.cells_missing as f64), "missing.cells_missing"));
        rows.push(row(w("Rows with missing cells", "Baris dengan sel hilang"), number(m.rows_with_missing as f64), "missing.rows_with_missing"));
    }
    if r.warnings.is_empty() {
        rows.push(row(w("Warnings", "Peringatan"), Cell::text(w("none", "tidak ada")), "warnings"));
    }
    for (k, warning) in r.warnings.iter().enumerate() {
        rows.push(row(if k == 0 { w("Warnings", "Peringatan") } else { "" }, Cell::text(crate::messages::warning_text(warning, lang)), warning.code()));
    }
    Table {
        id: "about".into(),
        title: w("About", "Tentang").into(),
        note: String::new(),
        columns: vec![w("Item", "Butir").into(), w("Value", "Nilai").into(), w("Key in the result JSON", "Kunci dalam JSON hasil").into()],
        keys: vec!["Item".into(), "Value".into(), "Key".into()],
        rows,
    }
}

/// The "About" sheet, then the tables (or shared tables, as the page holds
/// them), as an .xlsx file.
pub fn workbook<T: Borrow<Table>>(r: &AnalysisResult, lang: Lang, tables: &[T]) -> Vec<u8> {
    let about = about_table(r, lang);
    let all: Vec<&Table> = std::iter::once(&about).chain(tables.iter().map(|t| t.borrow())).collect();
    tables_workbook(&all, lang)
}

/// The tables (in `lang`) as an .xlsx file, a sheet each.
pub fn tables_workbook<T: Borrow<Table>>(tables: &[T], lang: Lang) -> Vec<u8> {
    let names = sheet_names(tables);
    let mut types = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>",
    );
    let mut sheets = String::new();
    let mut rels = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"{PKG_REL}\">");
    for (i, name) in names.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(
            "<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        ));
        sheets.push_str(&format!("<sheet name=\"{}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>", esc(name)));
        rels.push_str(&format!("<Relationship Id=\"rId{n}\" Type=\"{REL}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"));
    }
    types.push_str("</Types>");
    rels.push_str("</Relationships>");
    let book = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"{MAIN}\" xmlns:r=\"{REL}\"><sheets>{sheets}</sheets></workbook>"
    );
    let root = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"{PKG_REL}\"><Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
    );
    let mut parts: Vec<(String, String)> = vec![
        ("[Content_Types].xml".into(), types),
        ("_rels/.rels".into(), root),
        ("xl/workbook.xml".into(), book),
        ("xl/_rels/workbook.xml.rels".into(), rels),
    ];
    for (i, t) in tables.iter().enumerate() {
        parts.push((format!("xl/worksheets/sheet{}.xml", i + 1), sheet_xml(t.borrow(), lang)));
    }
    stored_zip(&parts)
}

/// A zip archive of stored (uncompressed) entries with UTF-8 names: local
/// headers and data, then the central directory (PKWARE APPNOTE 4.3).
fn stored_zip(parts: &[(String, String)]) -> Vec<u8> {
    fn u16le(out: &mut Vec<u8>, v: usize) {
        out.extend_from_slice(&u16::try_from(v).expect("fits 16 bits").to_le_bytes());
    }
    fn u32le(out: &mut Vec<u8>, v: usize) {
        out.extend_from_slice(&u32::try_from(v).expect("fits 32 bits").to_le_bytes());
    }
    // version 2.0, UTF-8 names, stored, 1980-01-01 00:00
    let common = |out: &mut Vec<u8>, crc: u32, size: usize, name: &str| {
        u16le(out, 20);
        u16le(out, 0x0800);
        u16le(out, 0);
        u16le(out, 0);
        u16le(out, 0x21);
        out.extend_from_slice(&crc.to_le_bytes());
        u32le(out, size);
        u32le(out, size);
        u16le(out, name.len());
        u16le(out, 0);
    };
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, body) in parts {
        let crc = crc32fast::hash(body.as_bytes());
        let offset = out.len();
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut out, crc, body.len(), name);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(body.as_bytes());

        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        u16le(&mut central, 20); // made by
        common(&mut central, crc, body.len(), name);
        u16le(&mut central, 0); // comment
        u16le(&mut central, 0); // disk
        u16le(&mut central, 0); // internal attributes
        u32le(&mut central, 0); // external attributes
        u32le(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let (cd_offset, cd_size) = (out.len(), central.len());
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, parts.len());
    u16le(&mut out, parts.len());
    u32le(&mut out, cd_size);
    u32le(&mut out, cd_offset);
    u16le(&mut out, 0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Cell, Flag};
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

    fn cell(text: &str, value: Option<f64>) -> Cell {
        Cell { text: text.into(), value, flag: None, interval: None }
    }

    #[test]
    fn tables_come_back_from_the_workbook() {
        let tables = vec![
            Table {
                id: "paths".into(),
                title: "Path coefficients: bootstrap [95%]".into(),
                note: String::new(),
                columns: vec!["Path".into(), "O".into(), "CI".into()],
                keys: vec![],
                rows: vec![
                    vec![cell("CRM → BP", None), cell("0,401", Some(0.401_234_567_890_123_4)), Cell { interval: Some((0.25, 0.55)), ..cell("[0,25; 0,55]", None) }],
                    vec![cell("A & <B>", None), Cell { flag: Some(Flag::Bad), ..cell("—", Some(f64::NAN)) }, cell("", None)],
                ],
            },
            // same title: the sheet name must still be unique
            Table { id: "paths2".into(), title: "Path coefficients: bootstrap [95%]".into(), note: String::new(), columns: vec!["x".into()], keys: vec![], rows: vec![vec![cell("1", Some(1.0))]] },
        ];
        let bytes = tables_workbook(&tables, Lang::Id);
        let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let names = wb.sheet_names();
        assert_eq!(names, ["Path coefficients bootstrap 95%", "Path coefficients bootstrap (2)"]);
        let r = wb.worksheet_range(&names[0]).unwrap();
        assert_eq!(r.get_value((0, 0)), Some(&Data::String("Path".into())));
        assert_eq!(r.get_value((1, 0)), Some(&Data::String("CRM → BP".into())));
        // full precision, as a number
        assert_eq!(r.get_value((1, 1)), Some(&Data::Float(0.401_234_567_890_123_4)));
        // an interval as two numbers under two headers
        assert_eq!(r.get_value((0, 2)), Some(&Data::String("CI bawah".into())));
        assert_eq!(r.get_value((0, 3)), Some(&Data::String("CI atas".into())));
        assert_eq!((r.get_value((1, 2)), r.get_value((1, 3))), (Some(&Data::Float(0.25)), Some(&Data::Float(0.55))));
        assert!(matches!(r.get_value((2, 2)), None | Some(Data::Empty)));
        assert_eq!(r.get_value((2, 0)), Some(&Data::String("A & <B>".into())));
        assert!(matches!(r.get_value((2, 1)), None | Some(Data::Empty)));
        let r2 = wb.worksheet_range(&names[1]).unwrap();
        assert_eq!(r2.get_value((1, 0)), Some(&Data::Float(1.0)));
    }

    #[test]
    fn every_table_of_the_example_is_a_sheet_in_both_languages() {
        use crate::engine::Settings;
        use crate::report::{example_result, tables, Lang};
        let r = example_result(Settings { bootstrap: 50, seed: 3, ..Settings::smartpls() });
        for lang in [Lang::En, Lang::Id] {
            let ts = tables(&r, lang);
            let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(workbook(&r, lang, &ts))).unwrap();
            let names = wb.sheet_names();
            assert_eq!(names.len(), ts.len() + 1);
            assert_eq!(names[0], if lang == Lang::En { "About" } else { "Tentang" });
            // the path table's estimates are the result's, unrounded
            let i = ts.iter().position(|t| t.id == "paths").unwrap() + 1;
            let sheet = wb.worksheet_range(&names[i]).unwrap();
            let est: Vec<f64> = (1..=r.path_coefficients.len()).filter_map(|row| sheet.get_value((row as u32, 1)).and_then(|d| if let Data::Float(f) = d { Some(*f) } else { None })).collect();
            let want: Vec<f64> = r.path_coefficients.iter().map(|p| p.estimate.unwrap()).collect();
            assert_eq!(est, want, "{lang:?}");
        }
    }

    /// The About sheet: program and version, n, every line of the model,
    /// every setting with its value, the bootstrap and missing counts and
    /// the warnings, in the workbook's language.
    #[test]
    fn the_about_sheet_says_what_produced_the_tables() {
        use crate::engine::result::{Warning, WarningKind};
        use crate::engine::Settings;
        use crate::report::{example_result, tables};
        let mut r = example_result(Settings { bootstrap: 40, seed: 77, ..Settings::smartpls() });
        r.warnings.push(Warning::new(WarningKind::Text { code: "test.warning".into(), message: "a warning for the test".into() }));
        // every setting the JSON records has a label
        // (the optional ones are recorded only when set)
        let all = Settings { mediation: true, moderator_levels: vec![2.0], ..r.settings.clone() };
        let json = serde_json::to_value(&all).unwrap();
        let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
        for k in &keys {
            assert!(SETTING_LABELS.iter().any(|(key, _, _)| key == k), "no label for the setting {k}");
        }
        assert_eq!(SETTING_LABELS.len(), keys.len());
        for lang in [Lang::En, Lang::Id] {
            let ts = tables(&r, lang);
            let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(workbook(&r, lang, &ts))).unwrap();
            let first = wb.sheet_names()[0].clone();
            let sheet = wb.worksheet_range(&first).unwrap();
            let cell = |row: usize, col: usize| sheet.get_value((row as u32, col as u32)).cloned().unwrap_or(Data::Empty);
            let find = |key: &str| (1..sheet.height()).find(|&i| cell(i, 2) == Data::String(key.into())).unwrap_or_else(|| panic!("{key} missing"));
            assert_eq!(cell(find("version"), 1), Data::String(format!("plsweb {}", r.version)));
            assert_eq!(cell(find("n"), 1), Data::Float(r.n as f64));
            assert_eq!(cell(find("settings.seed"), 1), Data::Float(77.0));
            assert_eq!(cell(find("settings.bootstrap"), 1), Data::Float(40.0));
            assert_eq!(cell(find("settings.significance"), 1), Data::String("p_value".into()));
            assert_eq!(cell(find("settings.tails"), 1), Data::String("two".into()));
            let model_row = find("model_syntax");
            let model: Vec<String> = (model_row..model_row + r.model_syntax.lines().count()).map(|i| cell(i, 1).to_string()).collect();
            assert_eq!(model, r.model_syntax.lines().map(String::from).collect::<Vec<_>>());
            assert_eq!(cell(find("test.warning"), 1), Data::String(crate::messages::warning_text(r.warnings.last().unwrap(), lang)));
            for k in serde_json::to_value(&r.settings).unwrap().as_object().unwrap().keys() {
                find(&format!("settings.{k}"));
            }
            let labels: Vec<String> = (1..sheet.height()).map(|i| cell(i, 0).to_string()).collect();
            if lang == Lang::Id {
                assert!(labels.iter().any(|l| l == "Aturan signifikansi"), "{labels:?}");
                assert_eq!(cell(find("settings.consistent"), 1), Data::String("tidak".into()));
            } else {
                assert!(labels.iter().any(|l| l == "Significance rule"), "{labels:?}");
                assert_eq!(cell(find("settings.bootstrap_tolerance"), 1), Data::String("as the estimate".into()));
            }
        }
    }
}
