//! Errors and warnings in words, in English or Bahasa Indonesia.
//!
//! An [`Error`] carries a stable code, an English message and a location.
//! [`error_text`] renders it for the user: where (model line, data row,
//! column, construct), what is wrong and what to do. For Bahasa Indonesia,
//! each code has templates that mirror the English messages made in
//! `src/data`, `src/model` and `src/engine`; the facts (names, numbers,
//! quoted cell text) are taken from the English message, so the two
//! languages always say the same thing. A message no template matches still
//! gets an Indonesian sentence for its code, with the location.

use crate::engine::result::Warning;
use crate::error::{Error, Location};

/// The interface language (shared with the UI's strings).
pub use crate::ui::i18n::Lang;

/// One way the English message of a code is written: `{0}`, `{1}`, … stand
/// for facts copied into the Indonesian template.
struct Template {
    code: &'static str,
    en: &'static str,
    id: &'static str,
}

const fn t(code: &'static str, en: &'static str, id: &'static str) -> Template {
    Template { code, en, id }
}

/// Every English message form, by code. The first template of a code also
/// serves as its general sentence when no form matches (its placeholders
/// are then dropped).
const TEMPLATES: &[Template] = &[
    // ------------------------------------------------------------ files
    t("csv.empty", "the file is empty; choose a file with a header row and data rows",
      "file ini kosong; pilih file yang berisi baris judul (nama kolom) dan baris data"),
    t("csv.empty", "the sheet '{0}' is empty; choose the sheet with the data",
      "lembar '{0}' kosong; pilih lembar yang berisi data"),
    t("csv.bad_delimiter", "{0} cannot be used as a delimiter; use ',', ';' or tab",
      "{0} tidak dapat dipakai sebagai pemisah kolom; gunakan ',', ';' atau tab"),
    t("csv.decimal_comma_with_comma",
      "decimal commas cannot be read when ',' is also the delimiter (3,5 could be one cell or two); save the file with ';' or tab as the delimiter, or with decimal points",
      "koma desimal tidak dapat dibaca bila ',' juga menjadi pemisah kolom (3,5 bisa berarti satu sel atau dua); simpan file dengan ';' atau tab sebagai pemisah, atau dengan titik desimal"),
    t("csv.duplicate_column", "the column name '{0}' is used twice (columns {1} and {2}); rename one of them",
      "nama kolom '{0}' dipakai dua kali (kolom {1} dan {2}); ganti nama salah satunya"),
    t("csv.ragged",
      "expected {0} fields (as in the header row) but found {1}; check this row for a missing or extra {2}, or a cell containing {3} that should be in quotes; if the numbers are written with decimal commas (like 3,5), save the file with ';' or tab as the delimiter",
      "baris ini seharusnya berisi {0} sel (seperti baris judul) tetapi berisi {1}; periksa apakah ada {2} yang hilang atau berlebih, atau sel berisi {3} yang seharusnya diberi tanda kutip; bila angka ditulis dengan koma desimal (seperti 3,5), simpan file dengan ';' atau tab sebagai pemisah"),
    t("csv.ragged",
      "expected {0} fields (as in the header row) but found {1}; check this row for a missing or extra {2}, or a cell containing {3} that should be in quotes",
      "baris ini seharusnya berisi {0} sel (seperti baris judul) tetapi berisi {1}; periksa apakah ada {2} yang hilang atau berlebih, atau sel berisi {3} yang seharusnya diberi tanda kutip"),
    t("csv.no_rows",
      "the file has a header row but no data rows; each respondent should be one row below the header",
      "file ini hanya berisi baris judul tanpa baris data; setiap responden harus menjadi satu baris di bawah baris judul"),
    t("csv.no_rows",
      "the sheet '{0}' has a header row but no data rows; each respondent should be one row below the header",
      "lembar '{0}' hanya berisi baris judul tanpa baris data; setiap responden harus menjadi satu baris di bawah baris judul"),
    t("csv.empty_column_name",
      "column {0} (column number {1}) has no name in the header row but holds data (first in row {2}); give it a name",
      "kolom {0} (kolom ke-{1}) tidak bernama di baris judul tetapi berisi data (pertama kali di baris {2}); beri kolom ini nama"),
    t("csv.empty_column_name",
      "column {0} has no name in the header row (merged or empty cell?) but holds data (first in row {1}); give it a name",
      "kolom {0} tidak bernama di baris judul (sel digabung atau kosong?) tetapi berisi data (pertama kali di baris {1}); beri kolom ini nama, satu nama per kolom dalam satu baris judul"),
    t("csv.binary",
      "this does not look like a text CSV file (it contains binary data); export the data as CSV (comma, semicolon or tab separated) or as an .xlsx workbook",
      "file ini bukan file teks CSV (berisi data biner); ekspor data sebagai CSV (dipisahkan koma, titik koma, atau tab) atau sebagai workbook .xlsx"),
    t("csv.not_a_number", "'{0}' is not a number; fix the cell or add it as a missing-value code",
      "'{0}' bukan angka; perbaiki sel ini atau tambahkan sebagai kode nilai hilang (missing value)"),
    t("csv.not_a_number",
      "'{0}' has a decimal point, but this file uses decimal commas; write it as {1} (or read the file with decimal commas switched off)",
      "'{0}' memakai titik desimal, padahal file ini memakai koma desimal; tulis sebagai {1} (atau baca file dengan koma desimal dimatikan)"),
    t("csv.not_a_number",
      "'{0}' is not a number: it has a decimal comma, which cannot be told apart from the delimiter ','; save the file with ';' as the delimiter, or with decimal points",
      "'{0}' bukan angka: sel ini memakai koma desimal, yang tidak dapat dibedakan dari pemisah kolom ','; simpan file dengan ';' sebagai pemisah, atau dengan titik desimal"),
    t("csv.not_a_number", "{0} is a true/false value, not a number; code it as 1/0",
      "{0} adalah nilai benar/salah, bukan angka; kodekan sebagai 1/0"),
    t("csv.not_a_number", "'{0}' is a date or time, not a number; format the column as a number",
      "'{0}' adalah tanggal atau waktu, bukan angka; format kolom ini sebagai angka"),
    t("csv.not_a_number", "the cell holds the spreadsheet error {0}; fix the formula or clear the cell",
      "sel ini berisi galat spreadsheet {0}; perbaiki rumusnya atau kosongkan sel"),
    t("csv.thousands_separator",
      "'{0}' seems to use '.' as a thousands separator; remove the separators (write 1234,5 instead of 1.234,5)",
      "'{0}' tampaknya memakai '.' sebagai pemisah ribuan; hapus pemisah tersebut (tulis 1234,5, bukan 1.234,5)"),
    t("csv.thousands_separator",
      "'{0}' seems to use ',' as a thousands separator; remove the separators (write 1234.5 instead of 1,234.5)",
      "'{0}' tampaknya memakai ',' sebagai pemisah ribuan; hapus pemisah tersebut (tulis 1234.5, bukan 1,234.5)"),
    t("csv.thousands_separator",
      "'{0}' is ambiguous: ',' may be a thousands separator or a decimal comma; remove thousands separators, or save the file with ';' as the delimiter if ',' is the decimal mark",
      "'{0}' ambigu: ',' bisa berarti pemisah ribuan atau koma desimal; hapus pemisah ribuan, atau simpan file dengan ';' sebagai pemisah kolom bila ',' adalah tanda desimal"),
    t("csv.not_finite",
      "'{0}' is not a finite number; replace it with a number, or leave the cell empty if the value is missing",
      "'{0}' bukan bilangan terhingga; ganti dengan angka, atau kosongkan sel bila nilainya hilang"),
    t("xlsx.invalid",
      "this file could not be read as an .xlsx workbook ({0}); save it again from the spreadsheet program as .xlsx or CSV",
      "file ini tidak dapat dibaca sebagai workbook .xlsx ({0}); simpan ulang dari program spreadsheet sebagai .xlsx atau CSV"),
    t("xlsx.invalid", "the sheet '{0}' could not be read ({1}); save the workbook again as .xlsx or CSV",
      "lembar '{0}' tidak dapat dibaca ({1}); simpan ulang workbook sebagai .xlsx atau CSV"),
    t("xlsx.no_sheet", "the workbook has no sheet named '{0}'; its sheets are: {1}",
      "workbook ini tidak memiliki lembar bernama '{0}'; lembar yang ada: {1}"),
    t("xlsx.no_sheet", "the workbook has no sheets", "workbook ini tidak memiliki lembar kerja; simpan data ke sebuah lembar"),
    t("xlsx.old_format",
      "this is an old Excel 97-2003 (.xls) workbook, which cannot be read; save it as .xlsx or CSV",
      "ini workbook Excel 97-2003 (.xls) format lama, yang tidak dapat dibaca; simpan sebagai .xlsx atau CSV"),
    t("data.too_large",
      "the file is {0} MB, more than the limit of {1} MB; keep only the columns and rows the model needs",
      "ukuran file {0} MB, melebihi batas {1} MB; simpan hanya kolom dan baris yang dibutuhkan model"),
    // ------------------------------------------------------------ data
    t("data.unknown_column",
      "there is no column named '{0}' in the data (column names are case-sensitive); available: {1}",
      "tidak ada kolom bernama '{0}' dalam data (huruf besar dan kecil dibedakan); kolom yang ada: {1}"),
    t("data.no_columns", "no data columns were given to check for missing values",
      "tidak ada kolom data yang diberikan untuk diperiksa nilai hilangnya; periksa model"),
    t("data.all_missing",
      "column '{0}' has no values at all (all {1} cells are missing); remove it from the model or fix the data",
      "kolom '{0}' sama sekali tidak berisi nilai (semua {1} sel hilang); keluarkan dari model atau perbaiki data"),
    t("data.no_rows_left",
      "every one of the {0} rows has at least one missing value in the model's columns, so casewise deletion leaves no data; use mean replacement or fix the data",
      "setiap baris dari {0} baris memiliki setidaknya satu nilai hilang pada kolom model, sehingga penghapusan kasus (casewise) tidak menyisakan data; gunakan penggantian dengan rata-rata atau perbaiki data"),
    t("data.too_few_rows", "only {0} complete rows: PLS-SEM needs at least 3 (better many more)",
      "hanya ada {0} baris lengkap: PLS-SEM memerlukan paling sedikit 3 (sebaiknya jauh lebih banyak); tambahkan responden"),
    // ------------------------------------------------------------ model text
    t("model.syntax", "unterminated quoted name starting at column {0}; close it with {1}",
      "nama berkutip yang dimulai di kolom {0} tidak ditutup; tutup dengan {1}"),
    t("model.syntax", "empty quoted name at column {0}",
      "nama berkutip kosong di kolom {0}; tulis nama di antara tanda kutip"),
    t("model.syntax", "unexpected operator '{0}' at column {1} after '{2}'; expected a name",
      "operator '{0}' tak terduga di kolom {1} setelah '{2}'; seharusnya sebuah nama"),
    t("model.syntax", "unexpected operator '{0}' at column {1}; expected a name",
      "operator '{0}' tak terduga di kolom {1}; seharusnya sebuah nama"),
    t("model.syntax", "unexpected operator '{0}' at column {1} before '{2}'; expected a construct name",
      "operator '{0}' tak terduga di kolom {1} sebelum '{2}'; seharusnya nama konstruk"),
    t("model.syntax", "unexpected operator '{0}' at column {1} before '{2}'",
      "operator '{0}' tak terduga di kolom {1} sebelum '{2}'; periksa penulisan pernyataan ini"),
    t("model.syntax", "unexpected operator '{0}' at column {1} after '{2}'",
      "operator '{0}' tak terduga di kolom {1} setelah '{2}'; gabungkan nama dengan '+'"),
    t("model.syntax", "unexpected operator '{0}' at column {1}",
      "operator '{0}' tak terduga di kolom {1}; periksa penulisan pernyataan ini"),
    t("model.syntax", "unexpected 'end of line' at column {0} after '{1}'; expected a name",
      "baris berakhir di kolom {0} setelah '{1}'; seharusnya sebuah nama"),
    t("model.syntax", "unexpected '{0}' at column {1} after '{2}'; expected a name",
      "'{0}' tak terduga di kolom {1} setelah '{2}'; seharusnya sebuah nama"),
    t("model.syntax", "unexpected '{0}' at column {1}; expected a name",
      "'{0}' tak terduga di kolom {1}; seharusnya sebuah nama"),
    t("model.syntax", "unexpected '{0}' at column {1} before '{2}'; expected a construct name",
      "'{0}' tak terduga di kolom {1} sebelum '{2}'; seharusnya nama konstruk"),
    t("model.syntax", "unexpected '{0}' at column {1} before '{2}'",
      "'{0}' tak terduga di kolom {1} sebelum '{2}'; periksa penulisan pernyataan ini"),
    t("model.syntax", "unexpected '{0}' at column {1} after '{2}'",
      "'{0}' tak terduga di kolom {1} setelah '{2}'; gabungkan nama dengan '+'"),
    t("model.syntax", "unexpected '{0}' at column {1}",
      "'{0}' tak terduga di kolom {1}; periksa penulisan pernyataan ini"),
    t("model.syntax", "'{0}' at column {1} is missing a name after '{2}'",
      "'{0}' di kolom {1} tidak memiliki nama setelah '{2}'; tambahkan nama konstruk"),
    t("model.syntax", "expected a name after '+' at column {0}",
      "seharusnya ada nama setelah '+' di kolom {0}; hapus '+' di akhir atau tambahkan nama"),
    t("model.syntax",
      "expected an operator after '{0}' (column {1}); use =~ (Mode A), <~ (Mode B) or ~ (paths)",
      "seharusnya ada operator setelah '{0}' (kolom {1}); gunakan =~ (Mode A), <~ (Mode B) atau ~ (jalur)"),
    t("model.syntax", "several names before '{0}' (column {1}); write one statement per construct",
      "ada beberapa nama sebelum '{0}' (kolom {1}); tulis satu pernyataan per konstruk"),
    t("model.syntax",
      "expected '{0}' between '{1}' and '{2}' (column {3}); only one name may stand left of '{4}'",
      "seharusnya ada '{0}' di antara '{1}' dan '{2}' (kolom {3}); hanya satu nama yang boleh berada di kiri '{4}'"),
    t("model.syntax",
      "construct name '{0}' at column {1} contains '*', which is reserved for interactions",
      "nama konstruk '{0}' di kolom {1} mengandung '*', yang khusus untuk interaksi; ganti nama konstruk"),
    t("model.empty_rhs", "nothing after '{0}' at column {1}; expected names joined by '+'",
      "tidak ada apa pun setelah '{0}' di kolom {1}; tuliskan nama-nama yang digabung dengan '+'"),
    t("model.missing_plus", "expected '+' between '{0}' and '{1}' (column {2})",
      "seharusnya ada '+' di antara '{0}' dan '{1}' (kolom {2}); tambahkan '+'"),
    t("model.bad_range", "range '{0}' at column {1}: write both ends, e.g. CRM1..CRM7",
      "rentang '{0}' di kolom {1}: tulis kedua ujungnya, misalnya CRM1..CRM7"),
    t("model.bad_range", "range '{0}' at column {1}: both ends must end in a number, e.g. CRM1..CRM7",
      "rentang '{0}' di kolom {1}: kedua ujung harus diakhiri angka, misalnya CRM1..CRM7"),
    t("model.bad_range", "range '{0}' at column {1}: both ends must have the same stem ('{2}' vs '{3}')",
      "rentang '{0}' di kolom {1}: kedua ujung harus berawalan sama ('{2}' dan '{3}')"),
    t("model.bad_range", "range '{0}' at column {1}: the numbers are too large",
      "rentang '{0}' di kolom {1}: angkanya terlalu besar; periksa penulisan rentang"),
    t("model.bad_range", "range '{0}' at column {1}: the range is reversed; write {2}",
      "rentang '{0}' di kolom {1}: urutannya terbalik; tulis {2}"),
    t("model.bad_range", "range '{0}' at column {1}: more than {2} indicators",
      "rentang '{0}' di kolom {1}: lebih dari {2} indikator; periksa penulisan rentang"),
    t("model.unsupported",
      "defined parameters (':=' at column {0}) are not supported; indirect effects are reported automatically",
      "parameter turunan (':=' di kolom {0}) tidak didukung; efek tidak langsung dilaporkan secara otomatis"),
    t("model.unsupported",
      "'{0}' at column {1} is a number; intercepts (`~ 1`) and fixed values are not supported",
      "'{0}' di kolom {1} adalah angka; intersep (`~ 1`) dan nilai tetap tidak didukung; hapus angka tersebut"),
    t("model.unsupported", "'{0}' at column {1}: fixed coefficients (number*X) are not supported",
      "'{0}' di kolom {1}: koefisien tetap (angka*X) tidak didukung; tulis nama konstruk saja"),
    t("model.unsupported", "'{0}' at column {1}: only two-way interactions (A*B) are supported",
      "'{0}' di kolom {1}: hanya interaksi dua arah (A*B) yang didukung"),
    t("model.unsupported",
      "'{0}' at column {1}: ':' means an interaction; for a range of indicators write {2}",
      "'{0}' di kolom {1}: ':' berarti interaksi; untuk rentang indikator tulis {2}"),
    t("model.unsupported",
      "'{0}' at column {1}: fixed loadings and labels (x*NAME) are not supported; list indicator names only",
      "'{0}' di kolom {1}: loading tetap dan label (x*NAMA) tidak didukung; tulis nama indikator saja"),
    t("model.unsupported",
      "'{0}' at column {1}: '{2}' is not a construct; parameter labels (label*X) are not supported",
      "'{0}' di kolom {1}: '{2}' bukan konstruk; label parameter (label*X) tidak didukung"),
    t("model.unknown_operator",
      "unknown operator '{0}' at column {1}; use =~ (Mode A), <~ (Mode B) or ~ (paths)",
      "operator '{0}' di kolom {1} tidak dikenal; gunakan =~ (Mode A), <~ (Mode B) atau ~ (jalur)"),
    t("model.empty_lhs", "nothing before '{0}' at column {1}; expected a construct name",
      "tidak ada apa pun sebelum '{0}' di kolom {1}; tuliskan nama konstruk"),
    t("model.interaction_as_target",
      "an interaction cannot stand left of '{0}' (column {1}); interactions only predict: write `Y ~ A*B`",
      "interaksi tidak boleh berada di kiri '{0}' (kolom {1}); interaksi hanya menjadi prediktor: tulis `Y ~ A*B`"),
    t("model.interaction_as_target",
      "the interaction '{0}' cannot be a dependent; interactions only predict (write `Y ~ {1}`)",
      "interaksi '{0}' tidak boleh menjadi variabel dependen; interaksi hanya menjadi prediktor (tulis `Y ~ {1}`)"),
    // ------------------------------------------------------------ model checks
    t("model.duplicate_construct",
      "construct '{0}' is defined twice (first at line {1}); list all its indicators in one statement",
      "konstruk '{0}' didefinisikan dua kali (pertama di baris {1}); cantumkan semua indikatornya dalam satu pernyataan"),
    t("model.duplicate_construct",
      "construct '{0}' is defined twice (first at {1}); construct names must be unique",
      "konstruk '{0}' didefinisikan dua kali (pertama di {1}); nama konstruk harus unik"),
    t("model.duplicate_construct", "construct number {0} has no name",
      "konstruk ke-{0} tidak bernama; beri nama konstruk"),
    t("model.duplicate_construct",
      "construct name '{0}' contains '*', which is reserved for interactions; rename the construct",
      "nama konstruk '{0}' mengandung '*', yang khusus untuk interaksi; ganti nama konstruk"),
    t("model.unknown_construct", "{0} '{1}' is not a construct of the model; did you mean {2}?",
      "{0} '{1}' bukan konstruk dalam model; mungkin maksud Anda {2}?"),
    t("model.unknown_construct", "{0} '{1}' is not a construct of the model",
      "{0} '{1}' bukan konstruk dalam model; definisikan dulu dengan =~ atau <~"),
    t("model.interaction_undefined", "'{0}': only two-way interactions (A*B) are supported",
      "'{0}': hanya interaksi dua arah (A*B) yang didukung"),
    t("model.interaction_undefined",
      "interaction '{0}': {1} is not a construct of the model; did you mean {2}?",
      "interaksi '{0}': {1} bukan konstruk dalam model; mungkin maksud Anda {2}?"),
    t("model.interaction_undefined", "interaction '{0}': {1} is not a construct of the model",
      "interaksi '{0}': {1} bukan konstruk dalam model; definisikan konstruk tersebut dengan =~ atau <~"),
    t("model.interaction_self",
      "interaction '{0}' multiplies '{1}' with itself; an interaction needs two different constructs",
      "interaksi '{0}' mengalikan '{1}' dengan dirinya sendiri; interaksi memerlukan dua konstruk yang berbeda"),
    t("model.empty", "the model has no constructs; define one, e.g. `CRM =~ CRM1 + CRM2 + CRM3`",
      "model belum memiliki konstruk; definisikan satu, misalnya `CRM =~ CRM1 + CRM2 + CRM3`"),
    t("model.no_indicators",
      "construct '{0}' has no indicators; list its columns, e.g. `{1}`",
      "konstruk '{0}' tidak memiliki indikator; cantumkan kolomnya, misalnya `{1}`"),
    t("model.unknown_column",
      "indicator '{0}' of construct '{1}' is not a column of the data; did you mean {2}?",
      "indikator '{0}' dari konstruk '{1}' bukan kolom dalam data; mungkin maksud Anda {2}?"),
    t("model.unknown_column",
      "indicator '{0}' of construct '{1}' is not a column of the data (the data has: {2})",
      "indikator '{0}' dari konstruk '{1}' bukan kolom dalam data (kolom yang ada: {2}); perbaiki nama di model"),
    t("model.indicator_reused", "indicator '{0}' is listed twice in construct '{1}'",
      "indikator '{0}' tercantum dua kali dalam konstruk '{1}'; hapus salah satunya"),
    t("model.indicator_reused",
      "indicator '{0}' is used by both '{1}' and '{2}'; each column can measure only one construct",
      "indikator '{0}' dipakai oleh '{1}' dan juga '{2}'; setiap kolom hanya boleh mengukur satu konstruk"),
    t("model.mode_b_single_item",
      "construct '{0}': a Mode B construct needs at least two indicators; use =~ for a single item",
      "konstruk '{0}': konstruk Mode B memerlukan paling sedikit dua indikator; gunakan =~ untuk satu item"),
    t("model.duplicate_interaction", "interaction '{0}' is declared twice (the same product as {1})",
      "interaksi '{0}' dideklarasikan dua kali (hasil kali yang sama dengan {1}); hapus salah satunya"),
    t("model.duplicate_interaction", "interaction '{0}' is declared twice",
      "interaksi '{0}' dideklarasikan dua kali; hapus salah satunya"),
    t("model.self_loop", "path {0} → {1}: a construct cannot predict itself",
      "jalur {0} → {1}: sebuah konstruk tidak dapat memprediksi dirinya sendiri; hapus jalur ini"),
    t("model.duplicate_path", "the path {0} → {1} is written twice",
      "jalur {0} → {1} ditulis dua kali; hapus salah satunya"),
    t("model.no_paths", "the model has no structural paths; add at least one, e.g. `Y ~ X`",
      "model belum memiliki jalur struktural; tambahkan paling sedikit satu, misalnya `Y ~ X`"),
    t("model.interaction_unused", "the interaction {0} has no dependent construct; add `{1}`",
      "interaksi {0} tidak memiliki konstruk dependen; tambahkan `{1}`"),
    t("model.cycle",
      "the structural model has a cycle: {0}; a PLS path model must be recursive, remove one of these paths",
      "model struktural memiliki siklus: {0}; model jalur PLS harus rekursif, hapus salah satu jalur ini"),
    t("model.isolated_construct",
      "construct '{0}' is not connected to any path; add a path (e.g. `{1}`) or remove it",
      "konstruk '{0}' tidak terhubung ke jalur mana pun; tambahkan jalur (misalnya `{1}`) atau hapus konstruk ini"),
    t("model.json", "the model JSON is not valid: {0}", "JSON model tidak valid: {0}; periksa tanda kurung, koma, dan tanda kutip"),
    // ------------------------------------------------------------ estimation
    t("estimate.constant_indicator",
      "indicator {0} has the same value for every respondent (zero variance); remove it from the model",
      "indikator {0} bernilai sama untuk semua responden (varians nol); keluarkan dari model"),
    t("estimate.orthogonal_singular",
      "the indicators of {0} are collinear, so the orthogonalized interaction cannot be built",
      "indikator-indikator {0} kolinear, sehingga interaksi ortogonal tidak dapat dibentuk; hapus indikator yang berlebihan atau pilih pendekatan dua tahap"),
    t("estimate.mode_b_singular",
      "the indicators of the Mode B construct {0} are (nearly) perfectly collinear, so its regression weights cannot be computed; drop a redundant indicator or use Mode A (=~)",
      "indikator-indikator konstruk Mode B {0} (hampir) kolinear sempurna, sehingga bobot regresinya tidak dapat dihitung; hapus indikator yang berlebihan atau gunakan Mode A (=~)"),
    t("estimate.collinear_predictors",
      "the predictors of {0} are perfectly collinear; remove one of its paths",
      "prediktor-prediktor {0} kolinear sempurna; hapus salah satu jalurnya"),
    t("estimate.zero_variance", "the scores of {0} have zero variance",
      "skor {0} memiliki varians nol; periksa indikatornya (nilai konstan atau saling meniadakan)"),
    // ------------------------------------------------------------ settings, program
    t("settings.tolerance", "the stop criterion must be a positive number",
      "kriteria berhenti harus berupa bilangan positif"),
    t("settings.max_iterations", "the maximum number of iterations must be at least 1",
      "jumlah iterasi maksimum paling sedikit 1"),
    t("settings.alpha", "the significance level must lie between 0 and 1",
      "taraf signifikansi harus berada di antara 0 dan 1"),
    t("settings.bootstrap", "a bootstrap needs at least 2 resamples (or 0 for none)",
      "bootstrap memerlukan paling sedikit 2 sampel ulang (atau 0 untuk tanpa bootstrap)"),
    t("settings.blindfold", "the omission distance must be at least 2 (or 0 to skip Q²)",
      "jarak penghilangan (omission distance) paling sedikit 2 (atau 0 untuk melewati Q²)"),
    t("cancelled", "the analysis was cancelled", "analisis dibatalkan"),
    t("io.read", "cannot read {0}: {1}", "tidak dapat membaca {0}: {1}"),
    t("replay.bad_index", "'{0}' is not a 1-based row number",
      "'{0}' bukan nomor baris (dimulai dari 1)"),
    // ------------------------------------------------------------ warnings
    t("estimate.not_converged",
      "the PLS algorithm did not converge within {0} iterations (stop criterion {1}); results are not trustworthy — raise the iteration limit",
      "algoritme PLS tidak konvergen dalam {0} iterasi (kriteria berhenti {1}); hasil tidak dapat dipercaya — naikkan batas iterasi"),
    t("data.small_sample",
      "n = {0} is below the 10-times rule ({1} for a construct with {2} predictors); bootstrap results may be unstable",
      "n = {0} di bawah aturan 10 kali ({1} untuk konstruk dengan {2} prediktor); hasil bootstrap mungkin tidak stabil"),
    t("estimate.loading_above_one", "inadmissible solution: |loading| > 1 for {0}",
      "solusi tidak dapat diterima: |loading| > 1 untuk {0}"),
    // Items loading negatively, usually reverse-coded ones, as "x3 (X), y2 (Y)".
    t("estimate.negative_loading",
      "negative loading: {0}; reverse-coded items must be recoded (e.g. 8 − x on a 1–7 scale) before the analysis",
      "loading negatif: {0}; item yang dikode terbalik harus dikode ulang (misalnya 8 − x pada skala 1–7) sebelum analisis"),
    // Leave-one-out fits of the BCa jackknife that failed.
    t("bootstrap.jackknife_failed",
      "{0} of {1} leave-one-out estimates for the BCa intervals failed and were left out ({2}); the intervals rest on the others",
      "{0} dari {1} estimasi leave-one-out untuk interval BCa gagal dan tidak dipakai ({2}); interval dihitung dari sisanya"),
    t("estimate.plsc_inadmissible",
      "inadmissible consistent PLS solution: corrected correlation beyond ±1 for {0}; R² outside [0, 1] for {1}; the reliabilities (ρ_A) are too low for the correction — report PLS without PLSc or revise the measurement",
      "solusi PLS konsisten tidak dapat diterima: korelasi terkoreksi melewati ±1 untuk {0}; R² di luar [0, 1] untuk {1}; reliabilitas (ρ_A) terlalu rendah untuk koreksi — laporkan PLS tanpa PLSc atau perbaiki pengukuran"),
    t("file.unreadable", "{0} could not be read: {1}", "{0} tidak dapat dibaca: {1}"),
    t("result.invalid", "this is not a plsweb result file: {0}", "ini bukan berkas hasil plsweb: {0}"),
    t("result.not_utf8", "the result file is not UTF-8 text", "berkas hasil bukan teks UTF-8"),
    t("example.unavailable", "the example could not be loaded: {0}", "contoh tidak dapat dimuat: {0}"),
    t("worker.lost",
      "a background worker stopped responding (it may have run out of memory); the workers were restarted, so you can run again",
      "pekerja latar belakang berhenti merespons (mungkin kehabisan memori); pekerja telah dimulai ulang, jadi Anda dapat menjalankan analisis lagi"),
    t("worker.crashed",
      "a background worker crashed ({0}); the workers were restarted and your data, model and settings are kept, so you can run again",
      "pekerja latar belakang mengalami crash ({0}); pekerja telah dimulai ulang dan data, model, serta pengaturan Anda tetap ada, jadi Anda dapat menjalankan analisis lagi"),
    t("worker.not_prepared",
      "this worker has no prepared analysis for the job (it may have been restarted); run the analysis again",
      "pekerja ini belum menyiapkan analisis untuk tugas ini (mungkin telah dimulai ulang); jalankan analisis lagi"),
    t("bootstrap.not_converged",
      "{0} of {1} bootstrap resamples reached the iteration limit ({2}) before converging; they are kept in the statistics",
      "{0} dari {1} sampel ulang bootstrap mencapai batas iterasi ({2}) sebelum konvergen; sampel tersebut tetap dipakai dalam statistik"),
    t("bootstrap.failed_resamples",
      "{0} of {1} bootstrap resamples failed and were left out of the bootstrap statistics ({2})",
      "{0} dari {1} sampel ulang bootstrap gagal dan tidak dipakai dalam statistik bootstrap ({2})"),
];

/// Phrases inside facts that are the program's own words (bootstrap failure
/// reasons, "path source", "line 3", "A or B"), translated word for word.
const PHRASES: &[(&str, &str)] = &[
    ("path source", "sumber jalur"),
    ("path target", "target jalur"),
    ("construct number ", "konstruk ke-"),
    ("line ", "baris "),
    (" is constant in the resample", " konstan dalam sampel ulang"),
    ("orthogonalizing ", "ortogonalisasi "),
    (" is singular", " singular"),
    ("Mode B block ", "blok Mode B "),
    ("predictors of ", "prediktor "),
    (" are collinear", " kolinear"),
    (" has zero variance", " bervarians nol"),
    ("the PLS algorithm did not converge", "algoritme PLS tidak konvergen"),
    ("an indicator is missing in every resampled row", "sebuah indikator hilang di semua baris sampel ulang"),
    ("too few complete rows in the resample", "terlalu sedikit baris lengkap dalam sampel ulang"),
    ("indicator ", "indikator "),
    (" or ", " atau "),
    ("(empty)", "(kosong)"),
];

/// Every code with a template, errors and warnings.
pub fn all_codes() -> &'static [&'static str] {
    static CODES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    CODES.get_or_init(|| {
        let mut v: Vec<&'static str> = Vec::new();
        for t in TEMPLATES {
            if !v.contains(&t.code) {
                v.push(t.code);
            }
        }
        v
    })
}

/// The error for the user: where, what, what to do.
pub fn error_text(e: &Error, lang: Lang) -> String {
    let body = match lang {
        Lang::En => {
            // A suggestion ("did you mean …?") already says what to do.
            let hint = en_hint(&e.code).filter(|h| !e.message.contains(h) && !e.message.contains("did you mean"));
            match hint {
                Some(h) => format!("{}; {h}", e.message),
                None => e.message.clone(),
            }
        }
        Lang::Id => translate(&e.code, &e.message),
    };
    let place = place(&e.location, lang);
    if place.is_empty() {
        capitalize(&body)
    } else {
        format!("{place}: {body}")
    }
}

/// A result warning in words.
pub fn warning_text(w: &Warning, lang: Lang) -> String {
    match lang {
        Lang::En => capitalize(&w.message),
        Lang::Id => capitalize(&translate(&w.code, &w.message)),
    }
}

/// What to do, for English messages that only say what is wrong.
fn en_hint(code: &str) -> Option<&'static str> {
    Some(match code {
        "data.too_few_rows" => "add respondents; if rows were dropped for missing values, use mean replacement",
        "estimate.orthogonal_singular" => "drop a redundant indicator or use the two-stage approach",
        "estimate.zero_variance" => "check its indicators (constant, or cancelling each other out)",
        "model.self_loop" | "model.duplicate_path" | "model.duplicate_interaction" => "remove it",
        "model.unknown_construct" => "define it with =~ or <~, or fix the spelling",
        "model.interaction_undefined" => "define both constructs with =~ or <~, or fix the spelling",
        "model.syntax" => "check the spelling of this statement",
        _ => return None,
    })
}

/// "Baris model 3, baris data 5, kolom x2, konstruk X", the words of the
/// English `Display` of an error in either language; facts already named in
/// the text are kept anyway (the UI may show only this line).
fn place(l: &Location, lang: Lang) -> String {
    let words = match lang {
        Lang::En => ["line", "row", "column", "construct"],
        Lang::Id => ["baris model", "baris data", "kolom", "konstruk"],
    };
    capitalize(&l.describe(words))
}

/// First letter upper case, except the sample size `n = 10`.
fn capitalize(s: &str) -> String {
    if s.starts_with("n = ") {
        return s.to_string();
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Indonesian for one English message of `code`.
fn translate(code: &str, en: &str) -> String {
    let mut general = None;
    for t in TEMPLATES.iter().filter(|t| t.code == code) {
        general.get_or_insert(t);
        if let Some(facts) = match_template(t.en, en) {
            return fill(code, t.id, &facts);
        }
    }
    match general {
        // A form no template knows: the code's sentence without its facts.
        Some(t) => strip_placeholders(t.id),
        None => format!("terjadi kesalahan ({code})"),
    }
}

fn fill(code: &str, id: &str, facts: &[String]) -> String {
    // Facts that are the program's own words, not the user's names or cells.
    let ours = matches!(
        code,
        "bootstrap.failed_resamples"
            | "model.unknown_construct"
            | "model.duplicate_construct"
            | "model.interaction_undefined"
            | "model.unknown_column"
    );
    let mut out = id.to_string();
    for (k, f) in facts.iter().enumerate() {
        let f = if ours { phrases(f) } else { f.clone() };
        out = out.replace(&format!("{{{k}}}"), &f);
    }
    out
}

fn phrases(fact: &str) -> String {
    let mut s = fact.to_string();
    for (en, id) in PHRASES {
        s = s.replace(en, id);
    }
    s
}

fn strip_placeholders(id: &str) -> String {
    let mut out = String::new();
    let mut rest = id;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        match rest[i..].find('}') {
            Some(j) => rest = &rest[i + j + 1..],
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    out.replace("''", "…").replace("()", "").replace("``", "…")
}

/// Match `text` against `pattern` with `{k}` placeholders (in order, each
/// matching one or more characters); the facts in placeholder order.
fn match_template(pattern: &str, text: &str) -> Option<Vec<String>> {
    let mut lits = Vec::new();
    let mut rest = pattern;
    while let Some(i) = rest.find('{') {
        let j = rest[i..].find('}')? + i;
        if rest[i + 1..j].parse::<usize>().is_err() {
            // Not a placeholder (`{` in the text itself).
            return (pattern == text).then(Vec::new);
        }
        lits.push(&rest[..i]);
        rest = &rest[j + 1..];
    }
    lits.push(rest);
    let mut facts = Vec::new();
    if matches(&lits, text, &mut facts) {
        Some(facts)
    } else {
        None
    }
}

/// `lits[0]` is matched at the start; each later literal follows one fact.
fn matches(lits: &[&str], text: &str, facts: &mut Vec<String>) -> bool {
    let Some(rest) = text.strip_prefix(lits[0]) else { return false };
    if lits.len() == 1 {
        return rest.is_empty();
    }
    let next = lits[1];
    if lits.len() == 2 && !next.is_empty() {
        // Last literal: anchored at the end.
        return match rest.strip_suffix(next) {
            Some(f) if !f.is_empty() => {
                facts.push(f.to_string());
                true
            }
            _ => false,
        };
    }
    if next.is_empty() {
        if lits.len() == 2 && !rest.is_empty() {
            facts.push(rest.to_string());
            return true;
        }
        return false;
    }
    // Try each place the next literal occurs, shortest fact first.
    let mut from = 1;
    while from <= rest.len() {
        let Some(k) = rest.get(from..).and_then(|r| r.find(next)) else { break };
        let at = from + k;
        let mut sub = facts.clone();
        sub.push(rest[..at].to_string());
        if matches(&lits[1..], &rest[at..], &mut sub) {
            *facts = sub;
            return true;
        }
        from = at + 1;
        while from < rest.len() && !rest.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_match_their_own_messages() {
        let f = match_template("the column name '{0}' is used twice (columns {1} and {2}); rename one of them",
            "the column name 'x2' is used twice (columns B and E); rename one of them").unwrap();
        assert_eq!(f, vec!["x2", "B", "E"]);
        assert_eq!(match_template("a {0} b {1}", "a  b c"), None);
        assert_eq!(match_template("x {0}", "x y z").unwrap(), vec!["y z"]);
        let e = Error::new("csv.not_a_number", "'—' is not a number; fix the cell or add it as a missing-value code")
            .at_row(12)
            .at_column("x3");
        assert_eq!(
            error_text(&e, Lang::Id),
            "Baris data 12, kolom x3: '—' bukan angka; perbaiki sel ini atau tambahkan sebagai kode nilai hilang (missing value)"
        );
        assert_eq!(error_text(&e, Lang::En), "Row 12, column x3: '—' is not a number; fix the cell or add it as a missing-value code");
    }

    #[test]
    fn unknown_form_still_indonesian() {
        let e = Error::new("csv.duplicate_column", "something new").at_row(1).at_column("a");
        let id = error_text(&e, Lang::Id);
        assert!(id.starts_with("Baris data 1, kolom a: nama kolom"), "{id}");
        assert!(!id.contains('{'));
        let e = Error::new("no.such_code", "boom");
        assert!(error_text(&e, Lang::Id).contains("no.such_code"));
    }

    #[test]
    fn warning_in_indonesian() {
        let w = Warning {
            code: "bootstrap.failed_resamples".into(),
            message: "3 of 100 bootstrap resamples failed and were left out of the bootstrap statistics (3× indicator x1 is constant in the resample)".into(),
        };
        assert_eq!(
            warning_text(&w, Lang::Id),
            "3 dari 100 sampel ulang bootstrap gagal dan tidak dipakai dalam statistik bootstrap (3× indikator x1 konstan dalam sampel ulang)"
        );
    }
}
