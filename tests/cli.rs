//! The command-line program: JSON for every reference case, plain-word
//! errors with a non-zero exit, never a panic.

mod common;
use serde_json::Value;
use std::process::Command;

fn plsweb() -> Command {
    Command::new(env!("CARGO_BIN_EXE_plsweb"))
}

const CASES: [&str; 7] = [
    "ecsi_basic",
    "corp_rep_simple",
    "corp_rep_extended",
    "synthetic_crm_sc_bp",
    "mobi_moderation_two_stage",
    "mobi_moderation_product_indicator",
    "mobi_moderation_orthogonal",
];

#[test]
fn json_for_every_reference_case() {
    for case in CASES {
        let dir = common::reference_dir().join(case);
        let out = plsweb()
            .args(["analyze", dir.join("data.csv").to_str().unwrap(), "--model", dir.join("model.json").to_str().unwrap()])
            .args(["--missing-code", "-99", "--bootstrap", "200", "--seed", "7", "--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{case}: {}", String::from_utf8_lossy(&out.stderr));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        for key in [
            "settings", "n", "iterations", "converged", "outer_weights", "outer_loadings", "path_coefficients", "r_squared",
            "reliability", "htmt", "fornell_larcker", "cross_loadings", "vif", "q2", "gof", "srmr", "simple_slopes", "bootstrap",
        ] {
            assert!(v.get(key).is_some(), "{case}: key {key} missing");
        }
        assert_eq!(v["bootstrap"]["resamples"], 200);
        assert_eq!(v["bootstrap"]["seed"], 7);
        assert_eq!(v["settings"]["seed"], 7);
        assert!(v["version"].is_string());
        let row = &v["path_coefficients"][0];
        for key in ["from", "to", "estimate", "mean", "se", "t", "p", "ci_lower", "ci_upper", "f2"] {
            assert!(row.get(key).is_some(), "{case}: path field {key} missing");
        }
        assert!(row["se"].as_f64().unwrap() > 0.0);
        let first = v["r_squared"].as_object().unwrap().values().next().unwrap();
        assert!(first["r2"].as_f64().unwrap() > 0.0 && first["r2_adj"].is_number());
    }
}

#[test]
fn no_bootstrap_gives_null_inference() {
    let dir = common::reference_dir().join("ecsi_basic");
    let out = plsweb()
        .args(["analyze", dir.join("data.csv").to_str().unwrap(), "--model", dir.join("model.json").to_str().unwrap()])
        .args(["--bootstrap", "0", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["bootstrap"].is_null());
    assert!(v["path_coefficients"][0]["se"].is_null());
    assert!(v["path_coefficients"][0]["estimate"].is_number());
}

#[test]
fn same_seed_same_json_whatever_the_threads() {
    let dir = common::reference_dir().join("synthetic_crm_sc_bp");
    let run = |threads: &str| {
        let out = plsweb()
            .args(["analyze", dir.join("data.csv").to_str().unwrap(), "--model", dir.join("model.json").to_str().unwrap()])
            .args(["--bootstrap", "300", "--seed", "11", "--threads", threads, "--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let mut v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["settings"]["threads"] = Value::Null;
        v
    };
    assert_eq!(run("1"), run("2"));
}

#[test]
fn errors_are_plain_words_and_exit_non_zero() {
    let tmp = std::env::temp_dir().join(format!("plsweb-cli-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let bad = tmp.join("bad.csv");
    std::fs::write(&bad, "a,b\n1,2\n3\n").unwrap();
    let good = tmp.join("good.csv");
    std::fs::write(&good, "a1,a2,b1,b2\n1,2,3,4\n2,3,1,2\n3,1,2,5\n4,4,4,1\n").unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["analyze", bad.to_str().unwrap(), "--model", "A =~ a + b"], "row 3"),
        (vec!["analyze", "/definitely/not/here.csv", "--model", "A =~ a"], "cannot read"),
        (vec!["analyze", good.to_str().unwrap(), "--model", "A =~ a1 + a2\nB =~ b1 + b9\nB ~ A"], "b9"),
        (vec!["analyze", good.to_str().unwrap(), "--model", "A =- a1 + a2"], "line 1"),
        (vec!["analyze", good.to_str().unwrap(), "--model", "A =~ a1 + a2\nB =~ b1 + b2\nB ~ A\nA ~ B"], "cycle"),
    ];
    for (args, needle) in cases {
        let out = plsweb().args(&args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: expected '{needle}' in: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn text_tables_warnings_and_errors_in_indonesian() {
    let dir = common::reference_dir().join("synthetic_crm_sc_bp");
    let (data, model) = (dir.join("data.csv"), dir.join("model.json"));
    let run = |extra: &[&str]| {
        plsweb().args(["analyze", data.to_str().unwrap(), "--model", model.to_str().unwrap(), "--bootstrap", "50"]).args(extra).output().unwrap()
    };
    let id = run(&["--lang", "id"]);
    assert!(id.status.success(), "{}", String::from_utf8_lossy(&id.stderr));
    let text = String::from_utf8(id.stdout).unwrap();
    assert!(text.contains("Muatan luar, bobot dan VIF indikator"), "{text}");
    assert!(text.contains("0,513"), "decimal comma: {text}");
    let en = String::from_utf8(run(&[]).stdout).unwrap();
    assert!(en.contains("0.513") && !en.contains("Muatan"));
    // an error in Indonesian, with its place
    let bad = plsweb().args(["analyze", data.to_str().unwrap(), "--model", "CRM =~ CRM1 + XX9", "--lang", "id"]).output().unwrap();
    assert!(!bad.status.success());
    let err = String::from_utf8(bad.stderr).unwrap();
    assert!(err.starts_with("plsweb: galat: Baris model 1") && err.contains("XX9") && err.contains("bukan kolom"), "{err}");
}

/// Options that would be ignored or give meaningless numbers are refused
/// in words: a one-tailed α of 0.5 or more (its interval would be the
/// 1 − 2α ≤ 0 one), replayed row numbers beyond n, a single replayed
/// resample, a non-finite moderator level, multigroup and IPMA options
/// without their analysis.
#[test]
fn meaningless_requests_are_refused() {
    let dir = common::reference_dir().join("synthetic_crm_sc_bp");
    let (data, model) = (dir.join("data.csv"), dir.join("model.json"));
    let n = std::fs::read_to_string(&data).unwrap().lines().filter(|l| !l.trim().is_empty()).count() - 1;
    let tmp = std::env::temp_dir().join(format!("plsweb-cli-refuse-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let rows = |shift: usize| (1..=n).map(|i| (i + shift).to_string()).collect::<Vec<_>>().join(" ");
    let (beyond, one) = (tmp.join("beyond.txt"), tmp.join("one.txt"));
    std::fs::write(&beyond, format!("{}\n{}\n", rows(0), rows(1))).unwrap();
    std::fs::write(&one, format!("{}\n", rows(0))).unwrap();
    let run = |args: &[&str]| plsweb().arg("analyze").arg(&data).arg("--model").arg(&model).args(["--bootstrap", "20", "--blindfold", "0"]).args(args).output().unwrap();
    let cases: [(&[&str], String); 8] = [
        (&["--permutations", "50"], "--permutations has no effect without --groups".into()),
        (&["--alpha", "0.5", "--tails", "one"], "below 0.5".into()),
        (&["--replay", beyond.to_str().unwrap()], format!("row number {} is beyond the data's {n} cases", n + 1)),
        (&["--replay", one.to_str().unwrap()], "at least 2 resamples".into()),
        (&["--moderator-level", "nan"], "finite number of standard deviations".into()),
        (&["--micom"], "--micom has no effect without --groups".into()),
        (&["--mga-measures"], "--mga-measures has no effect without --groups".into()),
        (&["--ipma-scale", "1,5"], "--ipma-scale has no effect without --ipma".into()),
    ];
    for (args, needle) in cases {
        let out = run(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(&needle), "{args:?}: expected '{needle}' in: {err}");
    }
    // the same requests made sound run
    let two = tmp.join("two.txt");
    std::fs::write(&two, format!("{}\n{}\n", rows(0), (1..=n).rev().map(|i| i.to_string()).collect::<Vec<_>>().join(" "))).unwrap();
    for args in [&["--alpha", "0.4", "--tails", "one"][..], &["--alpha", "0.6"], &["--replay", two.to_str().unwrap(), "--format", "json"]] {
        let out = run(args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        if args.contains(&"json") {
            let v: Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(v["settings"]["bootstrap"], 2, "the replayed resamples are the bootstrap");
        }
    }
    std::fs::remove_dir_all(&tmp).ok();
}

/// The text output's header names the settings as the JSON does and says
/// how many cells were missing, in which columns, and how many rows
/// casewise deletion removed.
#[test]
fn text_header_reports_settings_and_missing_values() {
    let dir = common::reference_dir().join("synthetic_crm_sc_bp");
    let text = std::fs::read_to_string(dir.join("data.csv")).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    // blank the first cell of data rows 1 and 3
    for i in [1, 3] {
        let rest = lines[i].split_once(',').unwrap().1.to_string();
        lines[i] = format!(",{rest}");
    }
    let first = lines[0].split(',').next().unwrap().to_string();
    let file = std::env::temp_dir().join(format!("plsweb-cli-missing-{}.csv", std::process::id()));
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let out = plsweb().arg("analyze").arg(&file).arg("--model").arg(dir.join("model.json")).args(["--bootstrap", "0", "--missing", "casewise"]).output().unwrap();
    std::fs::remove_file(&file).ok();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let head: String = String::from_utf8_lossy(&out.stdout).lines().take(4).collect::<Vec<_>>().join("\n");
    assert!(head.contains("preset smartpls") && head.contains("moderation two_stage") && head.contains("missing casewise_deletion"), "{head}");
    let n = lines.len() - 1;
    assert!(head.contains(&format!("missing values: 2 cells in 2 rows; 2 of {n} rows removed (casewise) — {first} 2")), "{head}");
}

/// An IPMA scale narrower than the data warns (rescaled values leave
/// 0–100); one that holds every value does not.
#[test]
fn ipma_scale_narrower_than_the_data_warns() {
    let dir = common::reference_dir().join("synthetic_crm_sc_bp");
    let codes = |scale: &str| -> Vec<String> {
        let out = plsweb().arg("analyze").arg(dir.join("data.csv")).arg("--model").arg(dir.join("model.json")).args(["--bootstrap", "0", "--blindfold", "0", "--ipma", "BP", "--ipma-scale", scale, "--format", "json"]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["warnings"].as_array().unwrap().iter().map(|w| w["code"].as_str().unwrap().to_string()).collect()
    };
    assert!(codes("2,4").contains(&"ipma.scale_exceeded".to_string()));
    assert!(!codes("1,7").contains(&"ipma.scale_exceeded".to_string()));
}

/// `propose` with nothing to propose says so and exits 1 (it printed
/// nothing and exited 0).
#[test]
fn propose_with_nothing_to_propose_is_an_error() {
    let file = std::env::temp_dir().join(format!("plsweb-cli-propose-{}.csv", std::process::id()));
    std::fs::write(&file, "age,income,score\n1,2,3\n4,5,6\n").unwrap();
    let out = plsweb().arg("propose").arg(&file).output().unwrap();
    std::fs::remove_file(&file).ok();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no constructs could be proposed"));
}

/// A value that looks like a missing-value code (−99 among answers 1–5),
/// analysed as an answer because no code was declared, is named in a
/// warning; declared as a code, it is missing and nothing is said.
#[test]
fn undeclared_missing_codes_are_named() {
    let dir = common::reference_dir().join("synthetic_crm_sc_bp");
    let text = std::fs::read_to_string(dir.join("data.csv")).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    for i in [2, 5, 9] {
        let rest = lines[i].split_once(',').unwrap().1.to_string();
        lines[i] = format!("-99,{rest}");
    }
    let file = std::env::temp_dir().join(format!("plsweb-cli-codes-{}.csv", std::process::id()));
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let warnings = |extra: &[&str]| -> Vec<Value> {
        let out = plsweb().arg("analyze").arg(&file).arg("--model").arg(dir.join("model.json")).args(["--bootstrap", "0", "--blindfold", "0", "--format", "json"]).args(extra).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["warnings"].as_array().unwrap().clone()
    };
    let w = warnings(&[]);
    let code = w.iter().find(|w| w["code"] == "data.suspect_codes").unwrap_or_else(|| panic!("{w:?}"));
    assert!(code["message"].as_str().unwrap().contains("-99 (3 cells in CRM1)"), "{code}");
    assert!(warnings(&["--missing-code", "-99"]).iter().all(|w| w["code"] != "data.suspect_codes"));
    std::fs::remove_file(&file).ok();
}

/// ρ_A above 1 (here 1.91 for B and 1.02 for A on 8 cases) is named in a
/// warning, not left to read as a reliability; the interaction's 1 is not.
#[test]
fn rho_a_above_one_warns() {
    let csv = "A1,A2,A3,B1,B2,B3,C1,C2,C3,D1,D2,D3\n7,5,6,3,3,3,5,5,5,5,4,2\n5,5,5,4,3,5,3,4,4,4,4,5\n1,1,1,1,3,1,2,5,4,3,3,2\n1,3,2,5,5,3,1,1,1,2,3,4\n\
4,3,5,3,2,3,4,3,4,4,2,4\n4,3,4,3,3,3,5,6,5,3,3,2\n5,5,5,7,7,7,5,4,5,5,5,4\n5,5,5,6,5,5,5,5,6,5,5,3\n";
    let file = std::env::temp_dir().join(format!("plsweb-cli-rho-{}.csv", std::process::id()));
    std::fs::write(&file, csv).unwrap();
    let model = "A =~ A1 + A2 + A3\nB =~ B1 + B2 + B3\nC =~ C1 + C2 + C3\nD =~ D1 + D2 + D3\nC ~ A + B + A:B\nD ~ C";
    let out = plsweb().arg("analyze").arg(&file).args(["--model", model, "--bootstrap", "0", "--blindfold", "0", "--format", "json"]).output().unwrap();
    std::fs::remove_file(&file).ok();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let above: Vec<&str> = v["reliability"].as_object().unwrap().iter().filter(|(k, r)| !k.contains('*') && r["rho_a"].as_f64().unwrap() > 1.0).map(|(k, _)| k.as_str()).collect();
    assert!(!above.is_empty(), "{}", v["reliability"]);
    let w = v["warnings"].as_array().unwrap().iter().find(|w| w["code"] == "estimate.rho_a_above_one").unwrap_or_else(|| panic!("{}", v["warnings"]));
    let text = w["message"].as_str().unwrap();
    for c in &above {
        assert!(text.contains(&format!("{c} (")), "{c}: {text}");
    }
    assert!(!text.contains("A*B"), "{text}");
}
