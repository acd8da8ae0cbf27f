use super::*;

const REF: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reference");

fn opts() -> ReadOptions {
    ReadOptions::default()
}

fn csv(text: &str) -> Result<(Dataset, ReadInfo)> {
    read_csv(text.as_bytes(), &opts())
}

/// The error reading reports, or else the one a model using the first
/// text column gets (its first cell that is not a number, located).
fn err(r: Result<(Dataset, ReadInfo)>) -> Error {
    match r {
        Ok((ds, info)) => match info.text_columns.first() {
            Some(t) => t.error.clone(),
            None => panic!("expected an error or a text column, got {ds:?}"),
        },
        Err(e) => e,
    }
}

fn same(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x.is_nan() && y.is_nan()) || x == y)
}

// ---------------------------------------------------------------- Dataset

/// A column with text is set aside with its cells and where its first
/// text is; the numbers around it read as before, and so does a column of
/// numbers with a missing marker. Mistyped numbers stay errors.
#[test]
fn text_columns_are_kept_aside() {
    let (ds, info) = csv("firm,x,gender,y\nPT Maju,1,F,2\nCV Jaya,2,,3\n7,3,M,NA\n").unwrap();
    assert_eq!(ds.names, ["x", "y"]);
    assert!(same(&ds.columns[1], &[2.0, 3.0, f64::NAN]));
    assert_eq!((info.columns, info.rows), (2, 3));
    let names: Vec<&str> = info.text_columns.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["firm", "gender"]);
    let (firm, gender) = (&info.text_columns[0], &info.text_columns[1]);
    assert_eq!((firm.position, gender.position), (0, 2));
    // a number in a text column is kept as its text
    assert_eq!(firm.cells, [Some("PT Maju".to_string()), Some("CV Jaya".into()), Some("7".into())]);
    assert_eq!(gender.cells, [Some("F".to_string()), None, Some("M".into())]);
    assert_eq!(gender.distinct(5), ["F", "M"]);
    assert_eq!((gender.error.location.row, gender.error.location.column.as_deref()), (Some(2), Some("gender")));
    assert_eq!(info.text_in(["x", "gender"].into_iter()).map(|e| e.code()), Some("csv.not_a_number"));
    assert!(info.text_in(["x", "y"].into_iter()).is_none());
    // a thousands separator is a number to fix, not text
    assert_eq!(csv("a,b\n1,x\n2,\"1,234.5\"\n").unwrap_err().code(), "csv.thousands_separator");
}

#[test]
fn dataset_accessors_and_select() {
    let (ds, info) = csv("a,b,c\n1,2,3\n4,5,6\n").unwrap();
    assert_eq!((ds.n_rows(), ds.n_cols()), (2, 3));
    assert_eq!((info.rows, info.columns, info.delimiter, info.format.as_str()), (2, 3, b',', "csv"));
    assert_eq!(ds.column("b"), Some(&[2.0, 5.0][..]));
    assert_eq!(ds.index_of("c"), Some(2));
    assert_eq!(ds.column("B"), None);
    let s = ds.select(&["c", "a"]).unwrap();
    assert_eq!(s.names, vec!["c", "a"]);
    assert_eq!(s.columns, vec![vec![3.0, 6.0], vec![1.0, 4.0]]);
    let e = ds.select(&["a", "zz"]).unwrap_err();
    assert_eq!(e.code(), "data.unknown_column");
    assert_eq!(e.location.column.as_deref(), Some("zz"));
    assert!(e.message().contains("available: a, b, c"), "{}", e.message());
}

#[test]
fn column_letters_like_a_spreadsheet() {
    assert_eq!(column_letters(0), "A");
    assert_eq!(column_letters(25), "Z");
    assert_eq!(column_letters(26), "AA");
    assert_eq!(column_letters(27), "AB");
    assert_eq!(column_letters(701), "ZZ");
    assert_eq!(column_letters(702), "AAA");
}

// ---------------------------------------------------------------- reference data

#[test]
fn corp_rep_with_missing_code() {
    let bytes = std::fs::read(format!("{REF}/corp_rep_simple/data.csv")).unwrap();
    let o = ReadOptions { missing_codes: vec!["-99".into()], ..opts() };
    let (ds, info) = read_bytes(&bytes, &o).unwrap();
    assert_eq!((info.rows, info.columns, info.delimiter, info.decimal_comma), (344, 50, b',', false));
    let cols = ["comp_1", "comp_2", "comp_3", "like_1", "like_2", "like_3", "cusa", "cusl_1", "cusl_2", "cusl_3"];
    let (clean, rep) = handle_missing(&ds, &cols, MissingPolicy::MeanReplacement).unwrap();
    assert_eq!(rep.cells_missing, 11);
    assert_eq!(rep.rows_with_missing, 8);
    assert_eq!((rep.n_before, rep.n_after), (344, 344));
    assert_eq!(rep.columns.len(), 10);
    let per: Vec<usize> = rep.columns.iter().map(|c| c.missing).collect();
    assert_eq!(per, vec![0, 0, 0, 0, 0, 0, 1, 3, 4, 3]);
    let cusa = &rep.columns[6];
    assert!((cusa.replaced_with.unwrap() - 5.440233236151603).abs() < 1e-12);
    assert_eq!(rep.columns[0].replaced_with, None);
    assert!(clean.columns.iter().flatten().all(|v| v.is_finite()));
    assert_eq!(clean.names, cols);

    let (cw, rep) = handle_missing(&ds, &cols, MissingPolicy::CasewiseDeletion).unwrap();
    assert_eq!((rep.n_before, rep.n_after, cw.n_rows()), (344, 336, 336));
    assert_eq!(rep.deleted_rows.len(), 8);
    assert!(rep.columns.iter().all(|c| c.replaced_with.is_none()));
    // Without the code, -99 is a number.
    let (raw, _) = read_bytes(&bytes, &opts()).unwrap();
    assert_eq!(raw.column("cusa").unwrap().iter().filter(|&&v| v == -99.0).count(), 1);
}

#[test]
fn ecsi_250_by_24() {
    let bytes = std::fs::read(format!("{REF}/ecsi_basic/data.csv")).unwrap();
    let (ds, info) = read_bytes(&bytes, &opts()).unwrap();
    assert_eq!((ds.n_rows(), ds.n_cols()), (250, 24));
    assert_eq!(info.format, "csv");
    assert_eq!(ds.names[0], "CUEX1");
    assert_eq!(ds.columns[0][0], 7.0);
    let s = summarize(&ds);
    assert_eq!(s.len(), 24);
    assert!(s.iter().all(|c| c.n == 250 && c.missing == 0 && c.min >= 1.0 && c.max <= 10.0));
}

// ---------------------------------------------------------------- CSV dialects

#[test]
fn semicolon_with_decimal_comma() {
    let (ds, info) = csv("x;y\n3,5;1\n-0,25;2,0\n").unwrap();
    assert_eq!((info.delimiter, info.decimal_comma), (b';', true));
    assert_eq!(ds.columns, vec![vec![3.5, -0.25], vec![1.0, 2.0]]);
    // Plain semicolon file without commas: no decimal comma.
    let (_, info) = csv("x;y\n3;1\n").unwrap();
    assert_eq!((info.delimiter, info.decimal_comma), (b';', false));
    // A decimal point in a decimal-comma file is refused, not misread.
    assert_eq!(err(csv("x;y\n3,5;1\n1.234;2\n")).code(), "csv.thousands_separator");
    assert_eq!(err(csv("x;y\n3,5;1\n1.5;2\n")).code(), "csv.not_a_number");
}

#[test]
fn tab_separated_and_explicit_options() {
    let (ds, info) = csv("x\ty\tz\n1\t2\t3\n4,5\t5\t6\n").unwrap();
    assert_eq!((info.delimiter, info.decimal_comma), (b'\t', true));
    assert_eq!(ds.columns[0], vec![1.0, 4.5]);
    // Explicit delimiter and decimal mark are obeyed.
    let o = ReadOptions { delimiter: Some(b';'), decimal_comma: Some(false), ..opts() };
    let e = err(read_csv(b"x;y\n3,5;1\n", &o));
    assert_eq!(e.code(), "csv.not_a_number");
    let o = ReadOptions { decimal_comma: Some(true), ..opts() };
    let (ds, info) = read_csv(b"x;y\n3;1\n", &o).unwrap();
    assert_eq!((info.delimiter, info.decimal_comma, ds.columns[0][0]), (b';', true, 3.0));
}

#[test]
fn unusable_delimiter_is_refused() {
    let o = ReadOptions { delimiter: Some(b'"'), ..opts() };
    assert_eq!(err(read_csv(b"a,b\n1,2\n", &o)).code(), "csv.bad_delimiter");
}

#[test]
fn decimal_comma_with_comma_delimiter_is_refused() {
    let o = ReadOptions { delimiter: Some(b','), decimal_comma: Some(true), ..opts() };
    let e = err(read_csv(b"x,y\n1,2\n", &o));
    assert_eq!(e.code(), "csv.decimal_comma_with_comma");
    assert!(e.message().contains("';'"));
    // Detected comma delimiter + explicit decimal comma: also refused.
    let o = ReadOptions { decimal_comma: Some(true), ..opts() };
    assert_eq!(err(read_csv(b"a,b,c\n1,2,3\n", &o)).code(), "csv.decimal_comma_with_comma");
}

#[test]
fn detection_respects_quotes() {
    let (ds, info) = csv("\"a;1\",\"b\"\n1,2\n3,4\n").unwrap();
    assert_eq!(info.delimiter, b',');
    assert_eq!(ds.names, vec!["a;1", "b"]);
    let (ds, info) = csv("\"x,1\";\"y,2\"\n\"1,5\";2\n").unwrap();
    assert_eq!((info.delimiter, info.decimal_comma), (b';', true));
    assert_eq!(ds.names, vec!["x,1", "y,2"]);
    assert_eq!(ds.columns[0], vec![1.5]);
}

#[test]
fn single_column_file() {
    let (ds, _) = csv("x\n1\n2\n").unwrap();
    assert_eq!(ds.names, vec!["x"]);
    assert_eq!(ds.columns[0], vec![1.0, 2.0]);
}

#[test]
fn bom_crlf_quotes_trim_blank_lines() {
    let text = "\u{feff}\"  a \", b\r\n\r\n 1 , \" 2 \"\r\n   \r\n3,4\r\n\r\n\r\n";
    let (ds, info) = csv(text).unwrap();
    assert_eq!(ds.names, vec!["a", "b"]);
    assert_eq!(ds.columns, vec![vec![1.0, 3.0], vec![2.0, 4.0]]);
    assert_eq!(info.rows, 2);
    // Rows keep their spreadsheet numbers across blank lines.
    let e = err(csv("a,b\n\n1,2\n\n3,x\n"));
    assert_eq!(e.location.row, Some(5));
    let e = err(csv("\u{feff}a,b\r\n\r\n1,2\r\n  \r\n3,x\r\n"));
    assert_eq!(e.location.row, Some(5));
    let e = err(csv("a,b\n\"multi\nline\",2\n3,x\n"));
    assert_eq!((e.code(), e.location.row), ("csv.not_a_number", Some(2)));
    let e = err(csv("a,b\n1,\"multi\nline\"\n3,x\n"));
    assert_eq!(e.location.row, Some(2));
}

#[test]
fn missing_markers() {
    let (ds, _) = csv("a,b\n,NA\nN/A,n/a\nNaN,nan\n.,na\n1,2\n").unwrap();
    assert_eq!(ds.column("a").unwrap().iter().filter(|v| v.is_nan()).count(), 4);
    assert_eq!(ds.column("b").unwrap().iter().filter(|v| v.is_nan()).count(), 4);
    // '-' is not a missing marker.
    assert_eq!(err(csv("a\n-\n")).code(), "csv.not_a_number");
    // Extra codes, textual and numeric.
    let o = ReadOptions { missing_codes: vec![" -99 ".into(), "missing".into(), "999".into()], ..opts() };
    let (ds, _) = read_csv(b"a,b\n-99.0,missing\n-99,999.00\n5,6\n", &o).unwrap();
    assert!(same(&ds.columns[0], &[f64::NAN, f64::NAN, 5.0]));
    assert!(same(&ds.columns[1], &[f64::NAN, f64::NAN, 6.0]));
    // Numeric codes also match decimal-comma cells.
    let (ds, _) = read_csv(b"a;b\n-99,0;1,5\n", &o).unwrap();
    assert!(same(&ds.columns[0], &[f64::NAN]));
}

#[test]
fn bad_cells_say_where_and_what() {
    let mut text = String::from("ID,CRM3\n");
    for i in 0..15 {
        text.push_str(&format!("{i},1\n"));
    }
    text.push_str("15,abc\n");
    let e = err(csv(&text));
    assert_eq!(e.code(), "csv.not_a_number");
    assert_eq!((e.location.row, e.location.column.as_deref()), (Some(17), Some("CRM3")));
    assert_eq!(e.to_string(), "row 17, column CRM3: 'abc' is not a number; fix the cell or add it as a missing-value code");
    for bad in ["—", "3..5", "1 2", "12%"] {
        assert_eq!(err(csv(&format!("a,b\n1,{bad}\n"))).code(), "csv.not_a_number", "{bad}");
    }
    for inf in ["Inf", "-Inf", "Infinity", "inf"] {
        let e = err(csv(&format!("a,b\n1,{inf}\n")));
        assert_eq!(e.code(), "csv.not_finite", "{inf}");
        assert_eq!(e.location.row, Some(2));
    }
    let e = err(csv("a,b\n1,\"1,234.5\"\n"));
    assert_eq!(e.code(), "csv.thousands_separator");
    assert!(e.message().contains("1,234.5"));
    assert_eq!(e.location.column.as_deref(), Some("b"));
    let e = err(csv("a,b\n1,\"3,5\"\n"));
    assert_eq!(e.code(), "csv.not_a_number");
    assert!(e.message().contains("decimal comma"));
}

#[test]
fn ragged_rows() {
    let e = err(csv("a,b,c\n1,2,3\n1,2\n"));
    assert_eq!(e.code(), "csv.ragged");
    assert_eq!(e.location.row, Some(3));
    assert!(e.message().contains("expected 3 fields") && e.message().contains("found 2"), "{}", e.message());
    let e = err(csv("a,b,c\n1,2,3\n1,2,3,4\n"));
    assert_eq!((e.code(), e.location.row), ("csv.ragged", Some(3)));
    let e = err(read_csv(b"a;b\n1;2;3\n", &opts()));
    assert!(e.message().contains("';'"), "{}", e.message());
    // Trailing delimiters (empty extra fields) lose no data and are accepted.
    let (ds, _) = csv("a,b\n1,2,\n3,4\n").unwrap();
    assert_eq!(ds.columns, vec![vec![1.0, 3.0], vec![2.0, 4.0]]);
    let (ds, _) = csv("a,b,\n1,2,\n3,4\n").unwrap();
    assert_eq!(ds.names, vec!["a", "b"]);
}

#[test]
fn header_problems() {
    let e = err(csv("a,b,a\n1,2,3\n"));
    assert_eq!(e.code(), "csv.duplicate_column");
    assert_eq!((e.location.row, e.location.column.as_deref()), (Some(1), Some("a")));
    assert!(e.message().contains("columns A and C"), "{}", e.message());
    // Names are compared after trimming.
    assert_eq!(err(csv("a, a\n1,2\n")).code(), "csv.duplicate_column");
    let e = err(csv("a,,c\n1,2,3\n"));
    assert_eq!(e.code(), "csv.empty_column_name");
    assert_eq!(e.location.column.as_deref(), Some("B"));
    assert!(e.message().contains("column B") && e.message().contains("row 2"), "{}", e.message());
    // An unnamed column without any data is dropped.
    let (ds, info) = csv("a,,c\n1,,3\n4, ,6\n").unwrap();
    assert_eq!((ds.names.clone(), info.columns), (vec!["a".to_string(), "c".to_string()], 2));
}

#[test]
fn empty_and_header_only() {
    for t in ["", "   \n\n", "\u{feff}", "\r\n"] {
        assert_eq!(err(csv(t)).code(), "csv.empty", "{t:?}");
    }
    assert_eq!(err(read_csv(b"\xEF\xBB\xBF", &opts())).code(), "csv.empty");
    let e = err(csv("a,b,c\n"));
    assert_eq!(e.code(), "csv.no_rows");
    assert_eq!(err(csv("a,b,c\n\n,,\n")).code(), "csv.no_rows");
}

#[test]
fn utf16_is_decoded() {
    let text = "Qualität,b\r\n1,2\r\n3,4\r\n";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let (ds, _) = read_bytes(&le, &opts()).unwrap();
    assert_eq!(ds.names, vec!["Qualität", "b"]);
    assert_eq!(ds.columns, vec![vec![1.0, 3.0], vec![2.0, 4.0]]);
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(|u| u.to_be_bytes()));
    assert_eq!(read_bytes(&be, &opts()).unwrap().0, ds);
    // Without a BOM too.
    let bare: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    assert_eq!(read_bytes(&bare, &opts()).unwrap().0, ds);
}

#[test]
fn latin1_and_windows1252_load() {
    let mut bytes = b"Qualit\xE4t;Pr\xE4ferenz \x80\n1,5;2\n".to_vec();
    let (ds, info) = read_csv(&bytes, &opts()).unwrap();
    assert_eq!(ds.names, vec!["Qualität", "Präferenz €"]);
    assert_eq!((info.delimiter, info.decimal_comma), (b';', true));
    bytes.extend_from_slice(b"x\xFF;1\n");
    let e = err(read_csv(&bytes, &opts()));
    assert_eq!(e.code(), "csv.not_a_number");
    assert!(e.message().contains("xÿ"));
    assert_eq!(super::csv::decode_for_test(b"caf\xE9").unwrap(), "café");
}

#[test]
fn binary_is_refused() {
    let mut bytes = b"\x7FELF\x02\x01\x01\0\0\0\0\0".to_vec();
    bytes.extend((0..500u32).map(|i| (i * 7 % 251) as u8));
    let e = err(read_bytes(&bytes, &opts()));
    assert_eq!(e.code(), "csv.binary");
    assert!(e.message().contains("this does not look like a text CSV file"));
    let e = err(read_bytes(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", &opts()));
    assert_eq!(e.code(), "xlsx.old_format");
}

#[test]
fn too_large_is_refused_up_front() {
    let big = vec![b'1'; MAX_BYTES + 1];
    let e = err(read_bytes(&big, &opts()));
    assert_eq!(e.code(), "data.too_large");
    assert!(e.message().contains("200.0 MB") && e.message().contains("200 MB"), "{}", e.message());
}

#[test]
fn many_columns() {
    let n = 6000;
    let header: Vec<String> = (0..n).map(|j| format!("v{j}")).collect();
    let row: Vec<String> = (0..n).map(|j| (j % 7).to_string()).collect();
    let mut text = header.join(";");
    for _ in 0..20 {
        text.push('\n');
        text.push_str(&row.join(";"));
    }
    let (ds, info) = csv(&text).unwrap();
    assert_eq!((ds.n_cols(), ds.n_rows(), info.delimiter), (n, 20, b';'));
    assert_eq!(ds.column("v5999").unwrap()[0], (5999 % 7) as f64);
    let names: Vec<&str> = header.iter().rev().map(|s| s.as_str()).collect();
    let sel = ds.select(&names).unwrap();
    assert_eq!(sel.names[0], "v5999");
}

// ---------------------------------------------------------------- missing values

fn small() -> Dataset {
    Dataset {
        names: vec!["a".into(), "b".into(), "c".into()],
        columns: vec![
            vec![1.0, f64::NAN, 3.0, 5.0],
            vec![2.0, 4.0, f64::NAN, f64::NAN],
            vec![f64::NAN, f64::NAN, f64::NAN, f64::NAN],
        ],
    }
}

#[test]
fn mean_replacement() {
    let (ds, rep) = handle_missing(&small(), &["b", "a"], MissingPolicy::MeanReplacement).unwrap();
    assert_eq!(ds.names, vec!["b", "a"]);
    assert_eq!(ds.columns, vec![vec![2.0, 4.0, 3.0, 3.0], vec![1.0, 3.0, 3.0, 5.0]]);
    assert_eq!((rep.n_before, rep.n_after, rep.rows_with_missing, rep.cells_missing), (4, 4, 3, 3));
    assert_eq!(
        rep.columns,
        vec![
            ColumnMissing { column: "b".into(), missing: 2, replaced_with: Some(3.0) },
            ColumnMissing { column: "a".into(), missing: 1, replaced_with: Some(3.0) },
        ]
    );
    assert!(rep.deleted_rows.is_empty());
    assert_eq!(MissingPolicy::default(), MissingPolicy::MeanReplacement);
    assert_eq!(serde_json::to_string(&rep.policy).unwrap(), "\"mean_replacement\"");
}

#[test]
fn casewise_deletion() {
    let (ds, rep) = handle_missing(&small(), &["a", "b"], MissingPolicy::CasewiseDeletion).unwrap();
    assert_eq!(ds.columns, vec![vec![1.0], vec![2.0]]);
    assert_eq!(rep.deleted_rows, vec![2, 3, 4]);
    assert_eq!((rep.n_before, rep.n_after), (4, 1));
    assert_eq!(serde_json::to_string(&rep.policy).unwrap(), "\"casewise_deletion\"");
    // Only the given columns count.
    let (ds, rep) = handle_missing(&small(), &["a"], MissingPolicy::CasewiseDeletion).unwrap();
    assert_eq!((ds.n_rows(), rep.deleted_rows.clone()), (3, vec![2]));
}

#[test]
fn missing_errors() {
    let e = handle_missing(&small(), &["a", "c"], MissingPolicy::MeanReplacement).unwrap_err();
    assert_eq!((e.code(), e.location.column.as_deref()), ("data.all_missing", Some("c")));
    assert!(e.message().contains("'c'"));
    let ds = Dataset { names: vec!["a".into(), "b".into()], columns: vec![vec![1.0, f64::NAN], vec![f64::NAN, 2.0]] };
    let e = handle_missing(&ds, &["a", "b"], MissingPolicy::CasewiseDeletion).unwrap_err();
    assert_eq!(e.code(), "data.no_rows_left");
    let e = handle_missing(&ds, &["a", "x"], MissingPolicy::CasewiseDeletion).unwrap_err();
    assert_eq!(e.code(), "data.unknown_column");
    assert_eq!(handle_missing(&ds, &[], MissingPolicy::CasewiseDeletion).unwrap_err().code(), "data.no_columns");
}

#[test]
fn summaries() {
    let s = summarize(&small());
    assert_eq!(s[0].name, "a");
    assert_eq!((s[0].n, s[0].missing, s[0].mean, s[0].sd, s[0].min, s[0].max), (3, 1, 3.0, 2.0, 1.0, 5.0));
    assert_eq!((s[2].n, s[2].missing), (0, 4));
    assert!(s[2].mean.is_nan() && s[2].sd.is_nan() && s[2].min.is_nan());
    let one = Dataset { names: vec!["x".into()], columns: vec![vec![4.0]] };
    let s = summarize(&one);
    assert!(s[0].sd.is_nan());
    assert_eq!((s[0].mean, s[0].min, s[0].max), (4.0, 4.0, 4.0));
}

// ---------------------------------------------------------------- XLSX

/// A cell of a hand-built worksheet.
enum C<'a> {
    S(&'a str),
    N(f64),
    B(bool),
    E,
}

fn sheet_xml(first_row: usize, rows: &[Vec<C>]) -> String {
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (i, row) in rows.iter().enumerate() {
        let r = first_row + i;
        x.push_str(&format!(r#"<row r="{r}">"#));
        for (j, c) in row.iter().enumerate() {
            let at = format!("{}{r}", column_letters(j));
            match c {
                C::S(s) => x.push_str(&format!(r#"<c r="{at}" t="inlineStr"><is><t>{s}</t></is></c>"#)),
                C::N(v) => x.push_str(&format!(r#"<c r="{at}"><v>{v}</v></c>"#)),
                C::B(b) => x.push_str(&format!(r#"<c r="{at}" t="b"><v>{}</v></c>"#, u8::from(*b))),
                C::E => {}
            }
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData></worksheet>");
    x
}

/// A minimal .xlsx: stored (uncompressed) zip with the parts calamine needs.
fn xlsx(sheets: &[(&str, String)]) -> Vec<u8> {
    let mut files: Vec<(String, String)> = Vec::new();
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    );
    let mut wb = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (i, (name, xml)) in sheets.iter().enumerate() {
        let k = i + 1;
        types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{k}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        wb.push_str(&format!(r#"<sheet name="{name}" sheetId="{k}" r:id="rId{k}"/>"#));
        rels.push_str(&format!(r#"<Relationship Id="rId{k}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{k}.xml"/>"#));
        files.push((format!("xl/worksheets/sheet{k}.xml"), xml.clone()));
    }
    types.push_str("</Types>");
    wb.push_str("</sheets></workbook>");
    rels.push_str("</Relationships>");
    files.push(("[Content_Types].xml".into(), types));
    files.push((
        "_rels/.rels".into(),
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into(),
    ));
    files.push(("xl/workbook.xml".into(), wb));
    files.push(("xl/_rels/workbook.xml.rels".into(), rels));
    stored_zip(&files)
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn stored_zip(files: &[(String, String)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, body) in files {
        let (name, body) = (name.as_bytes(), body.as_bytes());
        let crc = crc32(body);
        let offset = out.len() as u32;
        let common = |v: &mut Vec<u8>| {
            v.extend_from_slice(&20u16.to_le_bytes()); // version needed
            v.extend_from_slice(&0u16.to_le_bytes()); // flags
            v.extend_from_slice(&0u16.to_le_bytes()); // stored
            v.extend_from_slice(&0u16.to_le_bytes()); // time
            v.extend_from_slice(&0x21u16.to_le_bytes()); // date 1980-01-01
            v.extend_from_slice(&crc.to_le_bytes());
            v.extend_from_slice(&(body.len() as u32).to_le_bytes());
            v.extend_from_slice(&(body.len() as u32).to_le_bytes());
            v.extend_from_slice(&(name.len() as u16).to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes()); // extra
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend_from_slice(name);
        out.extend_from_slice(body);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // version made by
        common(&mut central);
        central.extend_from_slice(&[0; 6]); // comment len, disk, internal attrs
        central.extend_from_slice(&0u32.to_le_bytes()); // external attrs
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name);
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fn fixture() -> Vec<u8> {
    use C::*;
    let data = sheet_xml(
        3,
        &[
            vec![S("x1"), S(" x2 "), S("Qualität")],
            vec![N(1.0), S("2.5"), N(-99.0)],
            vec![E, S("NA"), N(3.25)],
            vec![E, E, E],
            vec![N(4.0), S(" "), N(7.0)],
        ],
    );
    let other = sheet_xml(1, &[vec![S("a")], vec![N(1.0)]]);
    xlsx(&[("Data", data), ("Other", other)])
}

#[test]
fn xlsx_reads_first_sheet() {
    let bytes = fixture();
    let o = ReadOptions { missing_codes: vec!["-99".into()], ..opts() };
    let (ds, info) = read_bytes(&bytes, &o).unwrap();
    assert_eq!((info.format.as_str(), info.rows, info.columns), ("xlsx", 3, 3));
    assert_eq!(ds.names, vec!["x1", "x2", "Qualität"]);
    assert!(same(&ds.columns[0], &[1.0, f64::NAN, 4.0]));
    assert!(same(&ds.columns[1], &[2.5, f64::NAN, f64::NAN]));
    assert!(same(&ds.columns[2], &[f64::NAN, 3.25, 7.0]));
    let (ds, _) = read_xlsx(&bytes, &ReadOptions { sheet: Some("Other".into()), ..opts() }).unwrap();
    assert_eq!((ds.names.clone(), ds.columns.clone()), (vec!["a".to_string()], vec![vec![1.0]]));
}

#[test]
fn xlsx_errors() {
    use C::*;
    let e = err(read_xlsx(&fixture(), &ReadOptions { sheet: Some("Nope".into()), ..opts() }));
    assert_eq!(e.code(), "xlsx.no_sheet");
    assert!(e.message().contains("'Data', 'Other'"), "{}", e.message());

    let one = |rows: &[Vec<C>]| read_bytes(&xlsx(&[("S", sheet_xml(1, rows))]), &opts());
    let e = err(one(&[vec![S("a"), S("b")], vec![N(1.0), B(true)]]));
    assert_eq!((e.code(), e.location.row, e.location.column.as_deref()), ("csv.not_a_number", Some(2), Some("b")));
    let e = err(one(&[vec![S("a"), S("b")], vec![N(1.0), S("abc")]]));
    assert_eq!(e.to_string(), "row 2, column b: 'abc' is not a number; fix the cell or add it as a missing-value code");
    let e = err(one(&[vec![S("a"), E, S("c")], vec![N(1.0), N(2.0), N(3.0)]]));
    assert_eq!((e.code(), e.location.column.as_deref()), ("csv.empty_column_name", Some("B")));
    let e = err(one(&[vec![S("a"), S("a")], vec![N(1.0), N(2.0)]]));
    assert_eq!(e.code(), "csv.duplicate_column");
    assert_eq!(err(one(&[vec![S("a"), S("b")]])).code(), "csv.no_rows");
    assert_eq!(err(one(&[])).code(), "csv.empty");
    assert_eq!(err(read_xlsx(b"PK\x03\x04garbage", &opts())).code(), "xlsx.invalid");
}

// ---------------------------------------------------------------- robustness

#[test]
fn never_panics_on_random_bytes() {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as u32
    };
    let alphabet = b"0123456789,;\t\n\r\"., -eENAaInf\xFF\xFE\xE4\0";
    let prefixes: [&[u8]; 5] = [b"", b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF", b"PK\x03\x04"];
    let codes = ReadOptions { missing_codes: vec!["-9".into(), "x".into()], ..opts() };
    for i in 0..3000 {
        let len = (next() % 200) as usize;
        let mut bytes = prefixes[(next() % 5) as usize].to_vec();
        for _ in 0..len {
            let r = next();
            bytes.push(if r % 4 == 0 { (r >> 8) as u8 } else { alphabet[(r >> 8) as usize % alphabet.len()] });
        }
        let o = if i % 2 == 0 { opts() } else { codes.clone() };
        let _ = read_bytes(&bytes, &o);
        let _ = read_csv(&bytes, &o);
        let _ = read_xlsx(&bytes, &o);
    }
    // Damaged workbooks.
    let good = fixture();
    for _ in 0..300 {
        let mut bytes = good.clone();
        for _ in 0..1 + next() % 4 {
            let at = next() as usize % bytes.len();
            bytes[at] = next() as u8;
        }
        let cut = if next() % 3 == 0 { next() as usize % bytes.len() } else { bytes.len() };
        let _ = read_bytes(&bytes[..cut], &opts());
    }
}

#[test]
fn lone_cr_line_endings_count_rows() {
    // Old Mac exports end lines with \r alone; rows must still be counted.
    let e = err(csv("a,b\r1,2\r3,4\r5,x\r"));
    assert_eq!((e.code(), e.location.row), ("csv.not_a_number", Some(4)));
    let e = err(csv("a,b\r\n1,2\r\n\r\n5,x\r\n"));
    assert_eq!(e.location.row, Some(4));
    let (ds, _) = csv("a,b\r1,2\r3,4\r").unwrap();
    assert_eq!(ds.columns, vec![vec![1.0, 3.0], vec![2.0, 4.0]]);
}

#[test]
fn ragged_rows_of_decimal_commas_say_so() {
    let e = err(csv("a,b,c\n4,5,3,5,2,5\n"));
    assert_eq!((e.code(), e.location.row), ("csv.ragged", Some(2)));
    assert!(e.message().contains("decimal commas (like 3,5)"), "{}", e.message());
    // An extra text field is not a decimal comma.
    let e = err(csv("a,b,c,d\n1,2,3,4,5\n"));
    assert!(!e.message().contains("decimal comma"), "{}", e.message());
    let e = err(csv("a,b,c\n1,2,3,x\n"));
    assert!(!e.message().contains("decimal comma"), "{}", e.message());
    let e = err(read_csv(b"a;b\n1;2;3\n", &opts()));
    assert!(!e.message().contains("decimal comma"), "{}", e.message());
}

#[test]
fn documents_with_a_text_head_are_refused() {
    // A PDF or RTF whose first kilobyte holds no NUL byte.
    let mut pdf = b"%PDF-1.4\n".to_vec();
    pdf.extend(std::iter::repeat_n(b"1 0 obj << /Type /Font >> endobj\n".as_slice(), 60).flatten());
    assert_eq!(err(read_bytes(&pdf, &opts())).code(), "csv.binary");
    assert_eq!(err(read_bytes(b"{\\rtf1\\ansi a,b\\par 1,2}", &opts())).code(), "csv.binary");
}

/// A record without any value between data rows is skipped and its file
/// row reported (later cases are numbered without it); blank records at
/// the end, an empty line and a blank line before the header are not
/// reported.
#[test]
fn blank_records_between_data_rows_are_reported() {
    let (ds, info) = csv("\n,,\na,b,c\n1,2,3\n,,\n\n4,5,6\n , ,\n7,8,9\n,,\n,,\n").unwrap();
    assert_eq!(ds.n_rows(), 3);
    assert_eq!(ds.columns[0], vec![1.0, 4.0, 7.0]);
    assert_eq!(info.blank_rows, vec![5, 8]);
    let (_, info) = csv("a,b\n1,2\n3,4\n,\n").unwrap();
    assert!(info.blank_rows.is_empty());
}
