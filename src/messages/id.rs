//! Bahasa Indonesia for every error, resample failure and warning.

use super::{and_list, quoted};
use crate::error::*;

pub(super) const PLACE: [&str; 4] = ["baris model", "baris data", "kolom", "konstruk"];

pub(super) fn error(k: &ErrorKind) -> String {
    match k {
        ErrorKind::File(e) => file(e),
        ErrorKind::Data(e) => data(e),
        ErrorKind::Model(e) => model(e),
        ErrorKind::Estimation(p) => estimation(p),
        ErrorKind::Settings(e) => settings(e),
        ErrorKind::Worker(e) => worker(e),
        ErrorKind::Cancelled => "analisis dibatalkan".into(),
        ErrorKind::Groups(e) => groups(e),
    }
}

fn groups(e: &GroupError) -> String {
    match e {
        GroupError::BadSpec { text } => {
            format!("'{text}' bukan pengelompokan: berikan sebuah kolom (kelompok menurut nilainya) atau pemisahan seperti CUEX1<8")
        }
        GroupError::SplitOfText { column } => format!(
            "kolom '{column}' berisi teks sehingga tidak dapat dipisah pada sebuah nilai; kelompokkan menurut nilainya (--groups {column})"
        ),
        GroupError::TooFewGroups { column, found } => {
            format!("kolom '{column}' membentuk {found} kelompok; analisis multigrup memerlukan paling sedikit dua")
        }
        GroupError::TooManyGroups { column, found, limit, median } => match median {
            Some(m) => format!("kolom '{column}' memiliki {found} nilai berbeda, lebih dari {limit} kelompok; pisahkan pada sebuah nilai, misalnya pada mediannya: {column}<{m}"),
            None => format!("kolom '{column}' memiliki {found} nilai berbeda, lebih dari {limit} kelompok; kelompokkan menurut kolom dengan lebih sedikit nilai"),
        },
        GroupError::GroupTooSmall { column, label, n, minimum } => format!(
            "kelompok '{label}' dari kolom '{column}' memiliki {n} baris; model memerlukan paling sedikit {minimum} per kelompok (sepuluh kali jumlah panah terbanyak ke satu konstruk); gabungkan kelompok atau pisahkan pada nilai lain"
        ),
        GroupError::BadPermutation { line, rows } => {
            format!("baris {line} berkas permutasi bukan permutasi dari baris 1 sampai {rows}")
        }
        GroupError::ReplayNeedsTwoGroups { column, found } => format!(
            "permutasi yang direkam adalah untuk baris dua kelompok, tetapi kolom '{column}' membentuk {found} kelompok; pisahkan pada sebuah nilai (misalnya {column}<4) atau jalankan permutasi dengan seed"
        ),
        GroupError::IpmaTarget { name, constructs } => {
            format!("'{name}' bukan konstruk dalam model; peta kepentingan-kinerja memerlukan target di antara: {}", constructs.join(", "))
        }
        GroupError::IpmaNoPredecessors { name } => {
            format!("konstruk '{name}' tidak memiliki pendahulu sehingga tidak memiliki peta kepentingan-kinerja; pilih konstruk dependen")
        }
        GroupError::IpmaScale { text } => format!("'{text}' bukan skala: berikan nilai minimum dan maksimum, misalnya 1,5"),
        GroupError::HigherOrderTwoStage { ipma } => format!(
            "{} belum dapat dijalankan dengan konstruk orde tinggi yang diestimasi dalam dua tahap (indikatornya adalah skor tahap pertama, bukan kolom data); estimasi dengan indikator berulang (--hoc repeated)",
            if *ipma { "peta kepentingan-kinerja (IPMA)" } else { "analisis multigrup" }
        ),
    }
}

fn delimiter(d: u8) -> String {
    match d {
        b'\t' => "tab".to_string(),
        b',' => "koma (',')".to_string(),
        b';' => "titik koma (';')".to_string(),
        d => format!("'{}'", d as char),
    }
}

fn file(e: &FileError) -> String {
    use FileError::*;
    match e {
        Empty => "file ini kosong; pilih file yang berisi baris judul (nama kolom) dan baris data".into(),
        EmptySheet { sheet } => format!("lembar '{sheet}' kosong; pilih lembar yang berisi data"),
        BadDelimiter { delimiter } => format!("{delimiter:?} tidak dapat dipakai sebagai pemisah kolom; gunakan ',', ';' atau tab"),
        DecimalCommaWithComma => "koma desimal tidak dapat dibaca bila ',' juga menjadi pemisah kolom (3,5 bisa berarti satu sel atau dua); \
             simpan file dengan ';' atau tab sebagai pemisah, atau dengan titik desimal"
            .into(),
        DuplicateColumn { name, first, second } => format!("nama kolom '{name}' dipakai dua kali (kolom {first} dan {second}); ganti nama salah satunya"),
        Ragged { expected, found, delimiter: d, decimal_commas } => {
            let d = delimiter(*d);
            let hint = if *decimal_commas {
                "; bila angka ditulis dengan koma desimal (seperti 3,5), simpan file dengan ';' atau tab sebagai pemisah"
            } else {
                ""
            };
            format!(
                "baris ini seharusnya berisi {expected} sel (seperti baris judul) tetapi berisi {found}; \
                 periksa apakah ada {d} yang hilang atau berlebih, atau sel berisi {d} yang seharusnya diberi tanda kutip{hint}"
            )
        }
        NoRows => "file ini hanya berisi baris judul tanpa baris data; setiap responden harus menjadi satu baris di bawah baris judul".into(),
        NoRowsInSheet { sheet } => format!(
            "lembar '{sheet}' hanya berisi baris judul tanpa baris data; setiap responden harus menjadi satu baris di bawah baris judul"
        ),
        EmptyColumnName { letter, number, first_row } => format!(
            "kolom {letter} (kolom ke-{number}) tidak bernama di baris judul tetapi berisi data (pertama kali di baris {first_row}); beri kolom ini nama"
        ),
        EmptyColumnNameInSheet { letter, first_row } => format!(
            "kolom {letter} tidak bernama di baris judul (sel digabung atau kosong?) tetapi berisi data (pertama kali di baris {first_row}); beri kolom ini nama, satu nama per kolom dalam satu baris judul"
        ),
        Binary => "file ini bukan file teks CSV (berisi data biner); ekspor data sebagai CSV (dipisahkan koma, titik koma, atau tab) atau sebagai workbook .xlsx".into(),
        NotANumber { text } => format!("'{text}' bukan angka; perbaiki sel ini atau tambahkan sebagai kode nilai hilang (missing value)"),
        DecimalPointInCommaFile { text, fixed } => format!(
            "'{text}' memakai titik desimal, padahal file ini memakai koma desimal; tulis sebagai {fixed} (atau baca file dengan koma desimal dimatikan)"
        ),
        DecimalCommaInCommaFile { text } => format!(
            "'{text}' bukan angka: sel ini memakai koma desimal, yang tidak dapat dibedakan dari pemisah kolom ','; simpan file dengan ';' sebagai pemisah, atau dengan titik desimal"
        ),
        Boolean { value } => format!("{} adalah nilai benar/salah, bukan angka; kodekan sebagai 1/0", if *value { "TRUE" } else { "FALSE" }),
        DateTime { text } => format!("'{text}' adalah tanggal atau waktu, bukan angka; format kolom ini sebagai angka"),
        SpreadsheetError { error } => format!("sel ini berisi galat spreadsheet {error}; perbaiki rumusnya atau kosongkan sel"),
        ThousandsDot { text } => {
            format!("'{text}' tampaknya memakai '.' sebagai pemisah ribuan; hapus pemisah tersebut (tulis 1234,5, bukan 1.234,5)")
        }
        ThousandsComma { text } => {
            format!("'{text}' tampaknya memakai ',' sebagai pemisah ribuan; hapus pemisah tersebut (tulis 1234.5, bukan 1,234.5)")
        }
        AmbiguousComma { text } => format!(
            "'{text}' ambigu: ',' bisa berarti pemisah ribuan atau koma desimal; hapus pemisah ribuan, atau simpan file dengan ';' sebagai pemisah kolom bila ',' adalah tanda desimal"
        ),
        NotFinite { text } => format!("'{text}' bukan bilangan terhingga; ganti dengan angka, atau kosongkan sel bila nilainya hilang"),
        XlsxInvalid { reason } => {
            format!("file ini tidak dapat dibaca sebagai workbook .xlsx ({reason}); simpan ulang dari program spreadsheet sebagai .xlsx atau CSV")
        }
        SheetInvalid { sheet, reason } => format!("lembar '{sheet}' tidak dapat dibaca ({reason}); simpan ulang workbook sebagai .xlsx atau CSV"),
        CellBeyondLimit { sheet } => format!(
            "lembar '{sheet}' memiliki sel di luar XFD1048576, sel terakhir yang mungkin dalam sebuah lembar; simpan ulang workbook sebagai .xlsx atau CSV"
        ),
        NoSuchSheet { sheet, available } => {
            format!("workbook ini tidak memiliki lembar bernama '{sheet}'; lembar yang ada: {}", quoted(available, "(tidak ada)"))
        }
        NoSheets => "workbook ini tidak memiliki lembar kerja; simpan data ke sebuah lembar".into(),
        OldExcel => "ini workbook Excel 97-2003 (.xls) format lama, yang tidak dapat dibaca; simpan sebagai .xlsx atau CSV".into(),
        TooLarge { bytes, limit } => format!(
            "ukuran file {} MB, melebihi batas {} MB; simpan hanya kolom dan baris yang dibutuhkan model",
            format!("{:.1}", *bytes as f64 / (1024.0 * 1024.0)).replace('.', ","),
            limit / (1024 * 1024)
        ),
        SheetTooLarge { sheet, max_cells } => {
            format!("lembar '{sheet}' berisi lebih dari {max_cells} sel; simpan hanya kolom dan baris yang dibutuhkan model")
        }
        Io { path, reason } => format!("tidak dapat membaca {path}: {reason}"),
        Unreadable { name, reason } => format!("{name} tidak dapat dibaca: {reason}"),
        ResultNotUtf8 => "berkas hasil bukan teks UTF-8".into(),
        ResultInvalid { reason } => format!("ini bukan berkas hasil plsweb: {reason}"),
        ExampleUnavailable { reason } => format!("contoh tidak dapat dimuat: {reason}"),
        ReplayBadIndex { text } => format!("'{text}' bukan nomor baris (dimulai dari 1)"),
        ReplayOutOfRange { row, n } => format!("nomor baris {row} melebihi {n} kasus data (1..{n})"),
    }
}

fn data(e: &DataError) -> String {
    match e {
        DataError::UnknownColumn { name, available } => format!(
            "tidak ada kolom bernama '{name}' dalam data (huruf besar dan kecil dibedakan); kolom yang ada: {}",
            available.join(", ")
        ),
        DataError::NoColumns => "tidak ada kolom data yang diberikan untuk diperiksa nilai hilangnya; periksa model".into(),
        DataError::AllMissing { column, cells } => {
            format!("kolom '{column}' sama sekali tidak berisi nilai (semua {cells} sel hilang); keluarkan dari model atau perbaiki data")
        }
        DataError::NoRowsLeft { rows } => format!(
            "setiap baris dari {rows} baris memiliki setidaknya satu nilai hilang pada kolom model, sehingga penghapusan kasus (casewise) tidak menyisakan data; gunakan penggantian dengan rata-rata atau perbaiki data"
        ),
        DataError::TooFewRows { rows } => format!(
            "hanya ada {rows} baris lengkap: PLS-SEM memerlukan paling sedikit 3 (sebaiknya jauh lebih banyak); tambahkan responden; bila baris terhapus karena nilai hilang, gunakan penggantian dengan rata-rata"
        ),
        DataError::NothingToPropose => "tidak ada konstruk yang dapat diusulkan: konstruk diusulkan dari nama kolom dengan akar yang sama dan diakhiri angka (CRM1, CRM2, …); tuliskan modelnya sendiri".into(),
    }
}

/// "; mungkin maksud Anda A, B atau C?", or empty.
fn did_you_mean(s: &[String]) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!("; mungkin maksud Anda {}?", and_list(s, "atau"))
    }
}

fn unexpected(token: &str, operator: bool, col: usize, near: &Near, wanted: Wanted) -> String {
    let what = if operator { format!("operator '{token}' tak terduga di kolom {col}") } else { format!("'{token}' tak terduga di kolom {col}") };
    let near_text = match near {
        Near::Nothing => String::new(),
        Near::After(s) => format!(" setelah '{s}'"),
        Near::Before(s) => format!(" sebelum '{s}'"),
    };
    let rest = match (wanted, near) {
        (Wanted::Name, _) => "; seharusnya sebuah nama",
        (Wanted::ConstructName, _) => "; seharusnya nama konstruk",
        (Wanted::Nothing, Near::After(_)) => "; gabungkan nama dengan '+'",
        (Wanted::Nothing, _) => "; periksa penulisan pernyataan ini",
    };
    format!("{what}{near_text}{rest}")
}

fn bad_range(range: &str, col: usize, why: &BadRange) -> String {
    let why = match why {
        BadRange::MissingEnd => "tulis kedua ujungnya, misalnya CRM1..CRM7".to_string(),
        BadRange::NoNumber => "kedua ujung harus diakhiri angka, misalnya CRM1..CRM7".to_string(),
        BadRange::DifferentStems { first, second } => format!("kedua ujung harus berawalan sama ('{first}' dan '{second}')"),
        BadRange::TooLarge => "angkanya terlalu besar; periksa penulisan rentang".to_string(),
        BadRange::Reversed { fixed } => format!("urutannya terbalik; tulis {fixed}"),
        BadRange::TooMany { limit } => format!("lebih dari {limit} indikator; periksa penulisan rentang"),
    };
    format!("rentang '{range}' di kolom {col}: {why}")
}

fn model(e: &ModelError) -> String {
    use ModelError::*;
    match e {
        UnterminatedQuote { col, quote } => format!("nama berkutip yang dimulai di kolom {col} tidak ditutup; tutup dengan {quote}"),
        EmptyQuote { col } => format!("nama berkutip kosong di kolom {col}; tulis nama di antara tanda kutip"),
        Unexpected { token, operator, col, near, wanted } => unexpected(token, *operator, *col, near, *wanted),
        EndOfLine { col } => format!("baris berakhir di kolom {col}; seharusnya sebuah nama"),
        MissingNameAfterSeparator { written, col } => {
            let sep = written.chars().last().unwrap_or('*');
            format!("'{written}' di kolom {col} tidak memiliki nama setelah '{sep}'; tambahkan nama konstruk")
        }
        MissingNameAfterPlus { col } => format!("seharusnya ada nama setelah '+' di kolom {col}; hapus '+' di akhir atau tambahkan nama"),
        NoOperator { name, col } => {
            format!("seharusnya ada operator setelah '{name}' (kolom {col}); gunakan =~ (Mode A), <~ (Mode B) atau ~ (jalur)")
        }
        SeveralNames { op, col } => format!("ada beberapa nama sebelum '{op}' (kolom {col}); tulis satu pernyataan per konstruk"),
        OneNameLeft { op, first, second, col } => {
            format!("seharusnya ada '{op}' di antara '{first}' dan '{second}' (kolom {col}); hanya satu nama yang boleh berada di kiri '{op}'")
        }
        StarInName { name, col } => {
            format!("nama konstruk '{name}' di kolom {col} mengandung '*', yang khusus untuk interaksi; ganti nama konstruk")
        }
        EmptyRhs { op, col } => format!("tidak ada apa pun setelah '{op}' di kolom {col}; tuliskan nama-nama yang digabung dengan '+'"),
        MissingPlus { before, after, col } => format!("seharusnya ada '+' di antara '{before}' dan '{after}' (kolom {col}); tambahkan '+'"),
        BadRange { range, col, why } => bad_range(range, *col, why),
        DefinedParameter { col } => {
            format!("parameter turunan (':=' di kolom {col}) tidak didukung; efek tidak langsung dilaporkan secara otomatis")
        }
        NumberTerm { term, col } => format!(
            "'{term}' di kolom {col} adalah angka; intersep (`~ 1`) dan nilai tetap tidak didukung; hapus angka tersebut"
        ),
        FixedCoefficient { term, col } => format!("'{term}' di kolom {col}: koefisien tetap (angka*X) tidak didukung; tulis nama konstruk saja"),
        ThreeWay { term, col } => format!("'{term}' di kolom {col}: hanya interaksi dua arah (A*B) yang didukung"),
        ColonInMeasurement { term, col, from, to } => {
            format!("'{term}' di kolom {col}: ':' berarti interaksi; untuk rentang indikator tulis {from}..{to}")
        }
        FixedLoading { term, col } => {
            format!("'{term}' di kolom {col}: loading tetap dan label (x*NAMA) tidak didukung; tulis nama indikator saja")
        }
        ParameterLabel { term, col, label } => {
            format!("'{term}' di kolom {col}: '{label}' bukan konstruk; label parameter (label*X) tidak didukung")
        }
        UnknownOperator { op, col } => {
            format!("operator '{op}' di kolom {col} tidak dikenal; gunakan =~ (Mode A), <~ (Mode B) atau ~ (jalur)")
        }
        EmptyLhs { op, col } => format!("tidak ada apa pun sebelum '{op}' di kolom {col}; tuliskan nama konstruk"),
        InteractionLeftOf { op, col } => {
            format!("interaksi tidak boleh berada di kiri '{op}' (kolom {col}); interaksi hanya menjadi prediktor: tulis `Y ~ A*B`")
        }
        InteractionAsDependent { name } => {
            format!("interaksi '{name}' tidak boleh menjadi variabel dependen; interaksi hanya menjadi prediktor (tulis `Y ~ {name}`)")
        }
        DefinedTwiceAtLine { name, first_line } => format!(
            "konstruk '{name}' didefinisikan dua kali (pertama di baris {first_line}); cantumkan semua indikatornya dalam satu pernyataan"
        ),
        DefinedTwice { name, first_line, first_number } => {
            let at = match first_line {
                Some(l) => format!("baris {l}"),
                None => format!("konstruk ke-{first_number}"),
            };
            format!("konstruk '{name}' didefinisikan dua kali (pertama di {at}); nama konstruk harus unik")
        }
        Unnamed { number } => format!("konstruk ke-{number} tidak bernama; beri nama konstruk"),
        StarInConstructName { name } => format!("nama konstruk '{name}' mengandung '*', yang khusus untuk interaksi; ganti nama konstruk"),
        UnknownConstruct { role, name, suggestions } => {
            let role = match role {
                Role::PathSource => "sumber jalur",
                Role::PathTarget => "target jalur",
            };
            let rest = if suggestions.is_empty() { "; definisikan dulu dengan =~ atau <~".to_string() } else { did_you_mean(suggestions) };
            format!("{role} '{name}' bukan konstruk dalam model{rest}")
        }
        ThreeWayInteraction { written } => format!("'{written}': hanya interaksi dua arah (A*B) yang didukung"),
        InteractionUndefined { written, part, suggestions } => {
            let what = if part.is_empty() { "(kosong)".to_string() } else { format!("'{part}'") };
            let rest = if suggestions.is_empty() {
                "; definisikan konstruk tersebut dengan =~ atau <~".to_string()
            } else {
                did_you_mean(suggestions)
            };
            format!("interaksi '{written}': {what} bukan konstruk dalam model{rest}")
        }
        Empty => "model belum memiliki konstruk; definisikan satu, misalnya `CRM =~ CRM1 + CRM2 + CRM3`".into(),
        NoIndicators { name } => {
            format!("konstruk '{name}' tidak memiliki indikator; cantumkan kolomnya, misalnya `{name} =~ {name}1 + {name}2`")
        }
        UnknownColumn { indicator, construct, suggestions, available, more } => {
            if suggestions.is_empty() && available.is_empty() {
                format!("indikator '{indicator}' dari konstruk '{construct}' bukan kolom dalam data (data tidak memiliki kolom numerik: lembar pertama berisi catatan? pilih lembar data dengan --sheet atau pada menu lembar)")
            } else if suggestions.is_empty() {
                format!(
                    "indikator '{indicator}' dari konstruk '{construct}' bukan kolom dalam data (kolom yang ada: {}{}); perbaiki nama di model",
                    available.join(", "),
                    if *more { ", …" } else { "" }
                )
            } else {
                format!("indikator '{indicator}' dari konstruk '{construct}' bukan kolom dalam data{}", did_you_mean(suggestions))
            }
        }
        ListedTwice { indicator, construct } => format!("indikator '{indicator}' tercantum dua kali dalam konstruk '{construct}'; hapus salah satunya"),
        IndicatorReused { indicator, first, second } => {
            format!("indikator '{indicator}' dipakai oleh '{first}' dan juga '{second}'; setiap kolom hanya boleh mengukur satu konstruk")
        }
        ModeBSingleItem { name } => {
            format!("konstruk '{name}': konstruk Mode B memerlukan paling sedikit dua indikator; gunakan =~ untuk satu item")
        }
        DuplicateInteraction { written, same_as } => match same_as {
            Some(f) => format!("interaksi '{written}' dideklarasikan dua kali (hasil kali yang sama dengan {f}); hapus salah satunya"),
            None => format!("interaksi '{written}' dideklarasikan dua kali; hapus salah satunya"),
        },
        SelfLoop { name } => format!("jalur {name} → {name}: sebuah konstruk tidak dapat memprediksi dirinya sendiri; hapus jalur ini"),
        DuplicatePath { from, to } => format!("jalur {from} → {to} ditulis dua kali; hapus salah satunya"),
        NoPaths => "model belum memiliki jalur struktural; tambahkan paling sedikit satu, misalnya `Y ~ X`".into(),
        InteractionUnused { name, dv } => format!("interaksi {name} tidak memiliki konstruk dependen; tambahkan `{dv} ~ {name}`"),
        Cycle { nodes } => format!(
            "model struktural memiliki siklus: {}; model jalur PLS harus rekursif, hapus salah satu jalur ini",
            nodes.join(" → ")
        ),
        Isolated { name } => {
            format!("konstruk '{name}' tidak terhubung ke jalur mana pun; tambahkan jalur (misalnya `Y ~ {name}`) atau hapus konstruk ini")
        }
        Json { reason } => format!("JSON model tidak valid: {reason}; periksa tanda kurung, koma, dan tanda kutip"),
        Hoc(p) => hoc_problem(p),
    }
}

fn estimation(p: &EstimationProblem) -> String {
    use EstimationProblem::*;
    match p {
        ConstantIndicator { item } => format!("indikator {item} bernilai sama untuk semua responden (varians nol); keluarkan dari model"),
        OrthogonalSingular { construct } => format!(
            "indikator-indikator {construct} kolinear, sehingga interaksi ortogonal tidak dapat dibentuk; hapus indikator yang berlebihan atau pilih pendekatan dua tahap"
        ),
        ModeBSingular { construct } => format!(
            "indikator-indikator konstruk Mode B {construct} (hampir) kolinear sempurna, sehingga bobot regresinya tidak dapat dihitung; hapus indikator yang berlebihan atau gunakan Mode A (=~)"
        ),
        CollinearPredictors { construct } => format!("prediktor-prediktor {construct} kolinear sempurna; hapus salah satu jalurnya"),
        ZeroVariance { construct } => format!("skor {construct} memiliki varians nol; periksa indikatornya (nilai konstan atau saling meniadakan)"),
    }
}

pub(super) fn resample(f: &ResampleFailure) -> String {
    use EstimationProblem::*;
    match f {
        ResampleFailure::Estimation(p) => match p {
            ConstantIndicator { item } => format!("indikator {item} konstan dalam sampel ulang"),
            OrthogonalSingular { construct } => format!("ortogonalisasi {construct} singular"),
            ModeBSingular { construct } => format!("blok Mode B {construct} singular"),
            CollinearPredictors { construct } => format!("prediktor {construct} kolinear"),
            ZeroVariance { construct } => format!("{construct} bervarians nol"),
        },
        ResampleFailure::NotConverged => "algoritme PLS tidak konvergen".into(),
        ResampleFailure::AllMissing => "sebuah indikator hilang di semua baris sampel ulang".into(),
        ResampleFailure::TooFewRows => "terlalu sedikit baris lengkap dalam sampel ulang".into(),
        ResampleFailure::Infinite => "sebuah statistik bernilai tak hingga".into(),
        ResampleFailure::ReplayOutOfRange => "nomor baris sampel ulang di luar jangkauan".into(),
    }
}

fn settings(e: &SettingsError) -> String {
    match e {
        SettingsError::Tolerance => "kriteria berhenti harus berupa bilangan positif",
        SettingsError::MaxIterations => "jumlah iterasi maksimum paling sedikit 1",
        SettingsError::Alpha => "taraf signifikansi harus berada di antara 0 dan 1 (satu sisi: di bawah 0,5, karena intervalnya 1 − 2α)",
        SettingsError::Bootstrap => "bootstrap memerlukan paling sedikit 2 sampel ulang (atau 0 untuk tanpa bootstrap)",
        SettingsError::Blindfold => "jarak penghilangan (omission distance) paling sedikit 2 (atau 0 untuk melewati Q²)",
        SettingsError::PredictFolds { folds, n } => return format!("PLSpredict memerlukan paling sedikit 2 lipatan dan paling banyak satu per kasus ({folds} lipatan, n = {n}; 0 untuk melewatinya)"),
        SettingsError::PredictOrder { line, n } => return format!("urutan baris {line} dalam berkas urutan PLSpredict bukan urutan dari {n} kasus (setiap nomor baris 1..{n} tepat sekali)"),
        SettingsError::PredictRepetitions => "PLSpredict memerlukan paling sedikit 1 pengulangan (berkas urutan: paling sedikit satu urutan baris)",
        SettingsError::PredictOrderRepetitions { lines, repetitions } => return format!("berkas urutan PLSpredict berisi {lines} urutan baris tetapi diminta {repetitions} pengulangan; setiap urutan adalah satu pengulangan (hilangkan --predict-repetitions)"),
        SettingsError::OptionUnused { option, needs } => return format!("{option} tidak berpengaruh tanpa {needs}"),
        SettingsError::ModeratorLevel { level } => return format!("tingkat moderator harus berupa bilangan hingga dalam satuan simpangan baku, misalnya -2 atau 1,5 (diberikan {level})"),
        SettingsError::PredictConsistent => "PLSpredict memprediksi dari komposit dan tidak dapat dijalankan dengan PLS konsisten (PLSc)",
        SettingsError::PredictHigherOrder => "PLSpredict belum dapat dijalankan dengan konstruk orde tinggi: pada dua tahap kasus holdout memerlukan skor tahap pertama, dan dengan indikator berulang item suatu dimensi juga item konstruk orde tingginya, sehingga jawaban kasus holdout sendiri akan memprediksinya; matikan PLSpredict",
        SettingsError::CvpatWithoutPredict => "CVPAT membandingkan galat out-of-sample PLSpredict: aktifkan PLSpredict (lipatan ≥ 2)",
        SettingsError::PowerSampleSize { n, minimum } => return format!("ukuran sampel {n} terlalu kecil untuk analisis daya; berikan ukuran sampel paling sedikit {minimum}"),
        SettingsError::PowerReplications => "analisis daya memerlukan paling sedikit 1 replikasi per ukuran sampel",
        SettingsError::PowerResamples => "analisis daya memerlukan paling sedikit 2 sampel ulang bootstrap per replikasi",
        SettingsError::PowerTarget => "target daya harus berada di antara 0 dan 1, misalnya 0,8",
        SettingsError::PowerHigherOrder => "analisis daya belum dapat membangkitkan data untuk konstruk orde tinggi; rencanakan dengan konstruk orde pertama model",
        SettingsError::PowerExogenous => "korelasi konstruk eksogen tidak definit positif, sehingga tidak ada populasi yang dapat dibangun darinya",
        SettingsError::PowerUnexplained { construct, r2 } => return format!("jalur-jalur menuju {construct} menjelaskan seluruh variansnya (R² = {}); berikan koefisien jalur yang lebih kecil", format!("{r2:.3}").replace('.', ",")),
        SettingsError::PowerPath { text } => return format!("'{text}' bukan jalur model dengan nilainya; tuliskan sebagai DARI -> KE = nilai, misalnya CRM*SC -> BP = -0,39"),
    }
    .into()
}

fn worker(e: &WorkerError) -> String {
    match e {
        WorkerError::Lost => "pekerja latar belakang berhenti merespons (mungkin kehabisan memori); pekerja telah dimulai ulang, jadi Anda dapat menjalankan analisis lagi".into(),
        WorkerError::Crashed { message } => format!(
            "pekerja latar belakang mengalami crash ({message}); pekerja telah dimulai ulang dan data, model, serta pengaturan Anda tetap ada, jadi Anda dapat menjalankan analisis lagi"
        ),
        WorkerError::NotPrepared => {
            "pekerja ini belum menyiapkan analisis untuk tugas ini (mungkin telah dimulai ulang); jalankan analisis lagi".into()
        }
    }
}

fn tally(reasons: &[(ResampleFailure, usize)]) -> String {
    reasons.iter().map(|(r, c)| format!("{c}× {}", resample(r))).collect::<Vec<_>>().join("; ")
}

fn none_or(items: Vec<String>) -> String {
    if items.is_empty() {
        "tidak ada".into()
    } else {
        items.join(", ")
    }
}

/// A number in Indonesian notation (decimal comma).
fn num(x: f64) -> String {
    format!("{x:e}").replace('.', ",")
}

pub(super) fn warning(w: &WarningKind) -> String {
    use WarningKind::*;
    match w {
        NotConverged { max_iterations, tolerance } => format!(
            "algoritme PLS tidak konvergen dalam {max_iterations} iterasi (kriteria berhenti {}); hasil tidak dapat dipercaya — naikkan batas iterasi",
            num(*tolerance)
        ),
        SmallSample { n, needed, predictors } => format!(
            "n = {n} di bawah aturan 10 kali ({needed} untuk konstruk dengan {predictors} prediktor); hasil bootstrap mungkin tidak stabil"
        ),
        NegativeLoading { items } => format!(
            "loading negatif: {}; item yang dikode terbalik harus dikode ulang (misalnya 8 − x pada skala 1–7) sebelum analisis",
            items.iter().map(|(i, c)| format!("{i} ({c})")).collect::<Vec<_>>().join(", ")
        ),
        PlscInadmissible { correlations, r2 } => format!(
            "solusi PLS konsisten tidak dapat diterima: korelasi terkoreksi melewati ±1 untuk {}; R² di luar [0, 1] untuk {}; reliabilitas (ρ_A) terlalu rendah untuk koreksi — laporkan PLS tanpa PLSc atau perbaiki pengukuran",
            none_or(correlations.iter().map(|(a, b)| format!("{a} dan {b}")).collect()),
            none_or(r2.clone())
        ),
        LoadingAboveOne { items } => format!("solusi tidak dapat diterima: |loading| > 1 untuk {}", items.join(", ")),
        JackknifeFailed { failed, n, reasons } => format!(
            "{failed} dari {n} estimasi leave-one-out untuk interval BCa gagal dan tidak dipakai ({}); interval dihitung dari sisanya",
            tally(reasons)
        ),
        BootstrapNotConverged { count, total, max_iterations } => format!(
            "{count} dari {total} sampel ulang bootstrap mencapai batas iterasi ({max_iterations}) sebelum konvergen; sampel tersebut tetap dipakai dalam statistik"
        ),
        BootstrapFailed { failed, total, reasons } => {
            format!("{failed} dari {total} sampel ulang bootstrap gagal dan tidak dipakai dalam statistik bootstrap ({})", tally(reasons))
        }
        NotPositiveDefinite => {
            "solusi tidak dapat diterima: matriks korelasi konstruk tidak definit positif (konstruk merupakan kombinasi linear satu sama lain); hapus konstruk yang berlebihan atau perbaiki pengukuran".into()
        }
        MissingMainEffect { interaction, missing, dv } => format!(
            "interaksi {interaction} memprediksi {dv}, tetapi {missing} tidak memiliki jalur ke {dv}: tanpa efek utamanya koefisien interaksi bukan efek moderasi; tambahkan {dv} ~ {missing}"
        ),
        PredictFolds { failed, not_converged, total } => format!(
            "PLSpredict: {failed} dari {total} lipatan pelatihan tidak dapat diestimasi (kasus holdout-nya tidak mendapat prediksi dari ulangan itu) dan {not_converged} mencapai batas iterasi (tetap dipakai)"
        ),
        PredictLmUnavailable { missing, indicators } => format!(
            "PLSpredict: tolok ukur LM tidak dapat diestimasi untuk {missing} dari {indicators} indikator (lipatan pelatihannya memiliki lebih sedikit kasus daripada prediktor, atau prediktornya kolinear); putusan daya prediksi hanya membandingkan indikator lainnya{}",
            if missing == indicators { " sehingga tidak dinilai" } else { "" }
        ),
        SuspectCodes { codes } => {
            let list: Vec<String> = codes.iter().map(|(v, n, cols)| format!("{v} ({n} sel di {})", cols.join(", "))).collect();
            format!(
                "{} tampak seperti kode nilai hilang tetapi dianalisis sebagai jawaban; bila menandai jawaban yang hilang, nyatakan sebagai kode nilai hilang (pertanyaan di bawah pratinjau data, atau --missing-code) lalu jalankan lagi",
                list.join("; ")
            )
        }
        IpmaScaleExceeded { items, min, max } => format!(
            "IPMA: {} memiliki nilai di luar skala {}–{} yang diberikan, sehingga nilai yang diskalakan ulang keluar dari 0–100 dan kinerjanya pun dapat demikian; berikan skala kuesioner",
            items.join(", "),
            min.to_string().replace(".", ","),
            max.to_string().replace(".", ",")
        ),
        PredictMapeUndefined { items } => format!(
            "PLSpredict: tidak ada MAPE untuk {}: galat persentase dibagi dengan nilai aktual, dan sebagian bernilai 0 (skala mulai dari 0?); bandingkan RMSE dan MAE",
            items.join(", ")
        ),
        RhoAAboveOne { constructs } => format!(
            "ρ_A melebihi 1 untuk {}: itu bukan reliabilitas (terjadi pada sampel kecil atau bila bobot jauh dari loading); laporkan ρ_C dan α, serta periksa ukuran sampel dan indikatornya",
            constructs.iter().map(|(c, v)| format!("{c} ({})", format!("{v:.3}").replace('.', ","))).collect::<Vec<_>>().join(", ")
        ),
        BlankRows { rows } => format!(
            "{} baris berkas tanpa nilai apa pun ({}) dilewati; kasus sesudahnya dinomori tanpa baris tersebut (seperti dalam berkas urutan bootstrap dan PLSpredict)",
            rows.len(),
            listed_rows(rows, "baris", "baris")
        ),
        PredictEndogenousInteraction { interaction, endogenous, targets } => format!(
            "PLSpredict (anteseden paling awal): suku interaksi {interaction} dibentuk dari {}, yang endogen; suku ini tidak memiliki anteseden, sehingga suku suatu kasus holdout diskor dari indikator {} miliknya sendiri, dan prediksi out-of-sample {} (PLS maupun tolok ukur LM) memakai jawaban teramati tersebut: Q²predict-nya melebihkan apa yang diprediksi konstruk eksogen. Anteseden langsung memang memakai skor anteseden teramati",
            endogenous.join(", "), endogenous.join(", "), targets.join(", ")
        ),
        BlindfoldMissing { failed, formative } => {
            let mut parts = Vec::new();
            if !failed.is_empty() {
                parts.push(format!("model salah satu putaran blindfolding tidak dapat diestimasi untuk {} (misalnya sebuah indikator konstan pada kasus yang tersisa dalam suatu putaran)", failed.join(", ")));
            }
            if !formative.is_empty() {
                parts.push(format!("{} diukur dengan Mode B, yang indikatornya tidak diprediksi oleh blindfolding", formative.join(", ")));
            }
            format!("tidak ada Q² (blindfolding): {}", parts.join("; "))
        }
        BlindfoldDistance { n, distance } => format!(
            "blindfolding: n = {n} merupakan kelipatan jarak omisi {distance}; SmartPLS mensyaratkan n / D bukan bilangan bulat — pilih jarak lain{}",
            super::en::other_distance(*n, *distance).map(|d| format!(", misalnya {d}")).unwrap_or_default()
        ),
        BlindfoldDistanceBeyondN { n, distance } => format!(
            "blindfolding: jarak omisi {distance} melebihi n = {n}, sehingga setiap putaran menghilangkan paling banyak satu kasus per indikator — mendekati leave-one-out, bukan blindfolding seperti yang dijalankan SmartPLS (D antara 5 dan 12{})",
            super::en::other_distance(*n, 7).map(|d| format!(", misalnya {d}")).unwrap_or_default()
        ),
        SignReversed { construct, count, total, share, corrected, whole_construct } => {
            let what = match (corrected, whole_construct) {
                (false, _) => "interval jalur-jalurnya (dan interaksi yang dibentuk darinya) menjadi lebih lebar karenanya; pengaturan “Sampel ulang bertanda terbalik: perubahan tanda tingkat konstruk” (sign_change = construct) mengoreksi sampel ulang tersebut",
                (true, false) => "setiap statistik bootstrap diberi tanda estimasi sampel penuhnya (perubahan tanda individual)",
                (true, true) => "sampel ulang tersebut dikoreksi: bobot dan muatan konstruk dibalik tandanya dan jalurnya diestimasi ulang (perubahan tanda tingkat konstruk)",
            };
            format!("{construct} terbalik tandanya pada {} sampel ulang bootstrap ({count} dari {total}); {what}", super::en::share_percent(*share, ','))
        }
        IterationLimitPattern { oscillating, drifting, dropped } => {
            let fate = if *dropped {
                "sampel tersebut dikeluarkan (drop_nonconverged)"
            } else {
                "sampel tersebut tetap dipakai; pengaturan drop_nonconverged (\"Buang sampel ulang yang tidak konvergen\") mengeluarkannya"
            };
            format!(
                "dari {} sampel ulang bootstrap yang mencapai batas iterasi, {oscillating} berayun di antara dua keadaan (khas konstruk yang tandanya berbalik) dan {drifting} masih bergeser; {fate}",
                oscillating + drifting
            )
        }
        // A result file written before warnings carried their facts.
        HocRepeatedModeB { hoc, antecedents } => format!(
            "{hoc} adalah konstruk orde tinggi Mode B yang diestimasi dengan indikator berulang dan memiliki anteseden ({}): dimensinya menjelaskan hampir seluruh variansnya, sehingga jalur dari anteseden bias mendekati nol; gunakan pendekatan dua tahap (--hoc two-stage-embedded atau two-stage-disjoint)",
            antecedents.join(", ")
        ),
        Text { code, message } => format!("peringatan {code} (dalam bahasa Inggris): {message}"),
    }
}

/// Konstruk orde tinggi yang tidak dapat diestimasi seperti yang ditulis.
fn hoc_problem(p: &crate::error::HocProblem) -> String {
    use crate::error::HocProblem::*;
    match p {
        OneDimension { hoc, dimension } => format!(
            "konstruk orde tinggi '{hoc}' hanya memiliki satu dimensi ({dimension}); konstruk orde tinggi memerlukan paling sedikit dua dimensi, atau gunakan {dimension} sendiri"
        ),
        Mixed { hoc, item, dimension } => format!(
            "konstruk '{hoc}' diukur oleh konstruk {dimension} dan oleh kolom {item}; konstruk orde tinggi hanya diukur oleh konstruk, jadi masukkan {item} ke salah satu dimensinya"
        ),
        DimensionReused { dimension, first, second } => format!(
            "konstruk '{dimension}' menjadi dimensi dari '{first}' dan juga '{second}'; setiap konstruk hanya dapat menjadi dimensi dari satu konstruk orde tinggi"
        ),
        Nested { hoc, dimension } => format!(
            "'{dimension}' sendiri adalah konstruk orde tinggi dan tidak dapat menjadi dimensi '{hoc}'; konstruk orde ketiga tidak didukung"
        ),
        Cycle { nodes } => format!(
            "konstruk orde tinggi saling mengukur: {}; hapus salah satu dimensi ini",
            nodes.join(" → ")
        ),
        DimensionInStructure { dimension, hoc, written } => format!(
            "'{dimension}' adalah dimensi dari konstruk orde tinggi '{hoc}' dan tidak boleh muncul di {written}; gunakan {hoc} dalam model struktural"
        ),
    }
}

/// "row 9" / "rows 9, 12, 15" (the first ten, then "…").
fn listed_rows(rows: &[usize], one: &str, many: &str) -> String {
    let mut list: Vec<String> = rows.iter().take(10).map(|r| r.to_string()).collect();
    if rows.len() > 10 {
        list.push("…".into());
    }
    format!("{} {}", if rows.len() == 1 { one } else { many }, list.join(", "))
}
