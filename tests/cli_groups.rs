//! The command line's multigroup analysis and importance-performance map:
//! a text grouping column, the JSON keys, the tables in both languages,
//! and the errors.

mod common;
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn plsweb() -> Command {
    Command::new(env!("CARGO_BIN_EXE_plsweb"))
}

/// The ECSI data with a text column `segment` ("old" / "young" by row
/// parity), and the model file.
fn files(tag: &str) -> (PathBuf, PathBuf, PathBuf) {
    let dir = common::reference_dir().join("ecsi_basic");
    let tmp = std::env::temp_dir().join(format!("plsweb-cli-groups-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let text = std::fs::read_to_string(dir.join("data.csv")).unwrap();
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        let seg = if i == 0 { "segment" } else if i % 2 == 0 { "old" } else { "young" };
        out.push_str(&format!("{line},{seg}\n"));
    }
    let data = tmp.join("data.csv");
    std::fs::write(&data, out).unwrap();
    (data, dir.join("model.json"), tmp)
}

#[test]
fn groups_by_a_text_column_with_micom_and_ipma() {
    let (data, model, tmp) = files("ok");
    let run = |extra: &[&str]| {
        plsweb()
            .args(["analyze", data.to_str().unwrap(), "--model", model.to_str().unwrap(), "--bootstrap", "100", "--blindfold", "0", "--threads", "2"])
            .args(extra)
            .output()
            .unwrap()
    };
    // without --groups the text column is set aside: the analysis is the
    // one of the file without it
    let out = run(&["--format", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let original = common::reference_dir().join("ecsi_basic/data.csv");
    let plain = plsweb()
        .args(["analyze", original.to_str().unwrap(), "--model", model.to_str().unwrap(), "--bootstrap", "100", "--blindfold", "0", "--threads", "2", "--format", "json"])
        .output()
        .unwrap();
    let paths = |o: &[u8]| serde_json::from_slice::<Value>(o).unwrap()["path_coefficients"].clone();
    assert_eq!(paths(&out.stdout), paths(&plain.stdout));
    let out = run(&["--groups", "segment", "--micom", "--permutations", "50", "--ipma", "Loyalty", "--ipma-scale", "1,10", "--format", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let g = &v["groups"];
    assert_eq!(g["column"], "segment");
    assert_eq!(g["groups"][0]["label"], "old");
    assert_eq!(g["groups"][0]["n"], 125);
    assert_eq!(g["groups"][1]["label"], "young");
    assert_eq!(g["paths"].as_array().unwrap().len(), v["path_coefficients"].as_array().unwrap().len());
    for key in ["from", "to", "pair", "estimates", "diff", "p_pls_mga", "p_permutation", "p_parametric", "p_welch"] {
        assert!(g["paths"][0].get(key).is_some(), "path field {key}");
    }
    assert_eq!(g["permutations"]["permutations"], 50);
    assert!(["full", "partial", "none"].contains(&g["micom"]["pairs"][0]["verdict"].as_str().unwrap()));
    let results = v["group_results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[1]["label"], "young");
    assert_eq!(results[1]["result"]["n"], 125);
    assert_eq!(results[0]["result"]["bootstrap"]["resamples"], 100);
    assert_eq!(v["ipma"]["target"], "Loyalty");
    assert_eq!(v["ipma"]["constructs"].as_array().unwrap().len(), 6);
    // the tables in both languages
    let en = String::from_utf8(run(&["--groups", "segment", "--micom", "--permutations", "20", "--ipma", "Loyalty"]).stdout).unwrap();
    for title in ["Multigroup analysis: path differences", "Measurement invariance of composites (MICOM)", "Importance-performance map of Loyalty"] {
        assert!(en.contains(title), "{title}");
    }
    let id = String::from_utf8(run(&["--groups", "segment", "--micom", "--permutations", "20", "--ipma", "Loyalty", "--lang", "id"]).stdout).unwrap();
    for title in ["Analisis multigrup: selisih jalur", "Invariansi pengukuran komposit (MICOM)", "Peta kepentingan-kinerja Loyalty"] {
        assert!(id.contains(title), "{title}");
    }
    std::fs::remove_dir_all(tmp).ok();
}

#[test]
fn group_errors_in_plain_words() {
    let (data, model, tmp) = files("err");
    let run = |extra: &[&str]| {
        plsweb().args(["analyze", data.to_str().unwrap(), "--model", model.to_str().unwrap(), "--bootstrap", "0"]).args(extra).output().unwrap()
    };
    let original = common::reference_dir().join("ecsi_basic/data.csv");
    let run_original = |extra: &[&str]| {
        plsweb().args(["analyze", original.to_str().unwrap(), "--model", model.to_str().unwrap(), "--bootstrap", "0"]).args(extra).output().unwrap()
    };
    // a text column other than the grouping column does not stand in the
    // way (the groups' sizes do), but a model that uses it as an indicator
    // is told where its text is
    let out = run(&["--groups", "CUEX1<5"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("group 'CUEX1 < 5'"), "{}", String::from_utf8_lossy(&out.stderr));
    let with_text = tmp.join("model.txt");
    std::fs::write(&with_text, "Image =~ IMAG1 + IMAG2 + segment\nLoyalty =~ CUSL1 + CUSL2\nLoyalty ~ Image\n").unwrap();
    let out = plsweb().args(["analyze", data.to_str().unwrap(), "--model", with_text.to_str().unwrap(), "--bootstrap", "0"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("row 2, column segment: 'young' is not a number"), "{}", String::from_utf8_lossy(&out.stderr));
    // 9 respondents below CUEX1 = 5: fewer than the model's 40 (4 arrows into Satisfaction)
    let out = run_original(&["--groups", "CUEX1<5"]);
    assert_eq!(out.status.code(), Some(1));
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains("group 'CUEX1 < 5'") && e.contains("9 rows") && e.contains("at least 40"), "{e}");
    let out = run_original(&["--groups", "CUEX1<5", "--lang", "id"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("9 baris"));
    let out = run(&["--groups", "segment<3"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds text"));
    let out = run_original(&["--groups", "CUEX1"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("group '1'"), "{}", String::from_utf8_lossy(&out.stderr));
    let perms = tmp.join("perms.txt");
    std::fs::write(&perms, "1 2 3\n").unwrap();
    let out = run(&["--groups", "segment", "--replay-permutations", perms.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a permutation of the rows 1 to 250"));
    let out = run_original(&["--ipma", "Image"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no predecessors"));
    std::fs::remove_dir_all(tmp).ok();
}
