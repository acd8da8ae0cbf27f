//! Every output of the report layer, written to files: for each result file
//! (the JSON `plsweb analyze --format json` writes, which the app also loads)
//! and each language, the text tables, every table as CSV and TSV, the
//! results workbook, the methods paragraph and citation, the path diagram,
//! every simple-slope plot and the bootstrap histogram of every path.
//!
//! scripts/same-output.sh runs it at a base revision and at the working tree
//! on the same result files and diffs the two folders, so a change to the
//! report layer that should not change its outputs can be checked byte for
//! byte.
//!
//! cargo run --example report_dump -- RESULTS_DIR OUT_DIR

use plsweb::engine::result::AnalysisResult;
use plsweb::report::{self, histogram, methods, svg, Lang};
use std::path::Path;

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    std::fs::write(dir.join(name), bytes).unwrap_or_else(|e| panic!("{}: {e}", dir.join(name).display()));
}

fn dump(r: &AnalysisResult, out: &Path) {
    std::fs::create_dir_all(out).unwrap();
    for (lang, tag) in [(Lang::En, "en"), (Lang::Id, "id")] {
        let tables = report::tables(r, lang);
        let text: String = tables.iter().map(report::to_text).collect();
        write(out, &format!("tables.{tag}.txt"), text);
        for t in &tables {
            write(out, &format!("{}.{tag}.csv", t.id), report::to_csv(t, lang));
            write(out, &format!("{}.{tag}.local.csv", t.id), report::to_csv_local(t, lang));
            write(out, &format!("{}.{tag}.tsv", t.id), report::to_tsv(t));
        }
        write(out, &format!("workbook.{tag}.xlsx"), report::workbook::workbook(r, lang, &tables));
        let words = format!("{}\n{}\n", methods::methods_paragraph(r, lang), methods::citation(r, lang));
        write(out, &format!("methods.{tag}.txt"), words);
        write(out, &format!("path_diagram.{tag}.svg"), svg::path_diagram(r, lang));
        for (k, s) in r.simple_slopes.iter().enumerate() {
            write(out, &format!("slopes_{k}.{tag}.svg"), svg::slope_plot(s, lang));
        }
        for (k, p) in r.path_coefficients.iter().enumerate() {
            if let Some(doc) = histogram::bootstrap_histogram(r, &histogram::path_key(&p.from, &p.to), lang) {
                write(out, &format!("histogram_{k}.{tag}.svg"), doc);
            }
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: report_dump RESULTS_DIR OUT_DIR");
        std::process::exit(2);
    };
    let mut files: Vec<_> = std::fs::read_dir(input).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect();
    files.sort();
    let mut n = 0;
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        // a run that failed leaves an empty file: nothing to render
        if bytes.is_empty() {
            continue;
        }
        let r: AnalysisResult = serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        dump(&r, &Path::new(output).join(f.file_stem().unwrap()));
        n += 1;
    }
    eprintln!("report_dump: {n} results rendered into {output}");
}
