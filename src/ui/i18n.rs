//! Every user-visible string, in English and Bahasa Indonesia.

pub use crate::report::methods::Lang;

macro_rules! keys {
    ($($k:ident => $en:expr, $id:expr;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Key { $($k),* }
        pub const ALL_KEYS: &[Key] = &[$(Key::$k),*];
        pub fn t(lang: Lang, key: Key) -> &'static str {
            match key { $(Key::$k => if lang == Lang::En { $en } else { $id }),* }
        }
    };
}

keys! {
    Tagline => "PLS-SEM with moderation, in your browser. Your data never leave this computer.",
        "PLS-SEM dengan moderasi, di peramban Anda. Data Anda tidak pernah meninggalkan komputer ini.";
    Language => "Bahasa Indonesia", "English";
    Example => "Try the example", "Coba contoh";
    Data => "1. Data", "1. Data";
    ChooseFile => "Choose a CSV or XLSX file, or drop it here", "Pilih berkas CSV atau XLSX, atau letakkan di sini";
    Rows => "rows", "baris";
    Columns => "columns", "kolom";
    Column => "Column", "Kolom";
    Missing => "missing", "hilang";
    Mean => "mean", "rata-rata";
    Sd => "SD", "SB";
    FirstRows => "First rows", "Baris pertama";
    CannotRead => "This file cannot be read", "Berkas ini tidak dapat dibaca";
    Row => "row", "baris";
    Line => "line", "baris model";
    Construct => "construct", "konstruk";
    Model => "2. Model", "2. Model";
    ModelHelp => "One line each: Construct =~ indicator + indicator (Mode A), <~ for Mode B; Y ~ X + M + X:M for paths and interactions.",
        "Satu baris masing-masing: Konstruk =~ indikator + indikator (Mode A), <~ untuk Mode B; Y ~ X + M + X:M untuk jalur dan interaksi.";
    ModelProblem => "Model problem", "Masalah model";
    Measurement => "Measurement", "Pengukuran";
    ModeA => "Mode A (reflective, =~)", "Mode A (reflektif, =~)";
    ModeB => "Mode B (formative, <~)", "Mode B (formatif, <~)";
    AddPath => "Add path", "Tambah jalur";
    AddInteraction => "Add interaction", "Tambah interaksi";
    RemovePath => "Remove path", "Hapus jalur";
    MoveItem => "Move indicator", "Pindahkan indikator";
    Canvas => "Model canvas", "Kanvas model";
    InteractionTerm => "interaction term", "suku interaksi";
    CanvasHelp => "Drag a construct to move it. With “Draw paths”, drag from one construct to another (or click one, then the other) to add a path. Click a path to remove it or to add a moderator. Drag a column or an indicator onto a construct to make it one of its indicators. Keyboard: Tab to a construct, arrow keys move it, Enter starts and ends a path; Delete removes the path in focus.",
        "Seret konstruk untuk memindahkannya. Dengan “Gambar jalur”, seret dari satu konstruk ke konstruk lain (atau klik satu, lalu yang lain) untuk menambah jalur. Klik jalur untuk menghapusnya atau menambah moderator. Seret kolom atau indikator ke konstruk untuk menjadikannya indikator konstruk itu. Papan ketik: Tab ke konstruk, tombol panah memindahkannya, Enter memulai dan mengakhiri jalur; Delete menghapus jalur yang terfokus.";
    ToolMove => "Move", "Pindahkan";
    ToolConnect => "Draw paths", "Gambar jalur";
    AutoLayout => "Automatic layout", "Tata letak otomatis";
    UnusedColumns => "Columns not in the model (drag onto a construct)", "Kolom di luar model (seret ke konstruk)";
    PathFrom => "New path from", "Jalur baru dari";
    PathFromHint => "choose the construct it goes to (Esc cancels)", "pilih konstruk tujuannya (Esc membatalkan)";
    SelectedPath => "Selected path", "Jalur terpilih";
    AddModerator => "Add moderator", "Tambah moderator";
    ToConstruct => "to", "ke";
    HocName => "Higher-order construct", "Konstruk tingkat tinggi";
    HocDimensions => "its dimensions", "dimensinya";
    AddHoc => "Add higher-order construct", "Tambah konstruk tingkat tinggi";
    From => "from", "dari";
    To => "to", "ke";
    Iv => "independent", "independen";
    Moderator => "moderator", "moderator";
    Dv => "dependent", "dependen";
    Settings => "3. Settings", "3. Pengaturan";
    Preset => "Preset", "Preset";
    Scheme => "Weighting scheme", "Skema pembobotan";
    ModerationMethod => "Moderation method", "Metode moderasi";
    Resamples => "Bootstrap resamples", "Sampel ulang bootstrap";
    Seed => "Seed", "Seed";
    Ci => "Confidence interval", "Interval kepercayaan";
    Blindfold => "Blindfolding distance D (0 = off)", "Jarak blindfolding D (0 = mati)";
    MissingHandling => "Missing values", "Nilai hilang";
    MeanReplacement => "mean replacement", "penggantian rata-rata";
    Casewise => "casewise deletion", "penghapusan kasus";
    Pairwise => "pairwise deletion", "penghapusan berpasangan";
    PredictFolds => "PLSpredict folds (0 = off)", "Lipatan PLSpredict (0 = mati)";
    PredictRepetitions => "PLSpredict repetitions", "Ulangan PLSpredict";
    PredictApproach => "PLSpredict approach", "Pendekatan PLSpredict";
    ApproachEarliest => "earliest antecedents (SmartPLS 4)", "anteseden paling awal (SmartPLS 4)";
    ApproachDirect => "direct antecedents (seminr)", "anteseden langsung (seminr)";
    Cvpat => "CVPAT (with PLSpredict)", "CVPAT (dengan PLSpredict)";
    Predicting => "PLSpredict: training fold", "PLSpredict: lipatan pelatihan";
    MissingCode => "Missing code", "Kode nilai hilang";
    Run => "Run", "Jalankan";
    Cancel => "Cancel", "Batal";
    Workers => "workers", "pekerja latar";
    Reading => "Reading the file…", "Membaca berkas…";
    Estimating => "Estimating…", "Mengestimasi…";
    Bootstrapping => "Bootstrapping:", "Bootstrap:";
    Of => "of", "dari";
    ResamplesWord => "resamples", "sampel ulang";
    Left => "left", "tersisa";
    Combining => "Combining the resamples…", "Menggabungkan sampel ulang…";
    Cancelling => "Cancelling…", "Membatalkan…";
    Done => "Done.", "Selesai.";
    Cancelled => "Bootstrap cancelled; the results below have no bootstrap inference.",
        "Bootstrap dibatalkan; hasil di bawah tanpa inferensi bootstrap.";
    Failed => "The analysis failed", "Analisis gagal";
    Results => "4. Results", "4. Hasil";
    Contents => "Sections of the results", "Bagian hasil";
    FlaggedCriteria => "flagged criteria", "kriteria ditandai";
    PointOnly => "Point estimates; bootstrap still running.", "Estimasi titik; bootstrap masih berjalan.";
    Copy => "Copy", "Salin";
    Copied => "Copied", "Tersalin";
    Csv => "CSV", "CSV";
    DownloadXlsx => "Download all tables (Excel)", "Unduh semua tabel (Excel)";
    DownloadJson => "Download JSON", "Unduh JSON";
    Warnings => "Warnings", "Peringatan";
    Good => "✓", "✓";
    Bad => "✗", "✗";
    GoodTitle => "meets the usual threshold", "memenuhi ambang batas umum";
    BadTitle => "misses the usual threshold", "tidak memenuhi ambang batas umum";
    Diagram => "Path diagram", "Diagram jalur";
    Slopes => "Simple slopes", "Kemiringan sederhana";
    Floodlight => "Floodlight (Johnson–Neyman)", "Analisis floodlight (Johnson–Neyman)";
    IpmaMap => "Importance-performance map", "Peta kepentingan-kinerja";
    PowerTitle => "5. Plan sample size", "5. Rencanakan ukuran sampel";
    PowerHelp => "How many respondents give enough power to detect each path, interaction and indirect effect of this model as estimated? Data are simulated from the model, analysed and bootstrapped with the settings above at each sample size.",
        "Berapa responden yang memberi daya uji cukup untuk mendeteksi setiap jalur, interaksi dan efek tidak langsung model ini sebagaimana diestimasi? Data disimulasikan dari model, dianalisis dan di-bootstrap dengan pengaturan di atas pada setiap ukuran sampel.";
    PowerSizes => "Sample sizes", "Ukuran sampel";
    PowerReplications => "Replications per sample size", "Replikasi per ukuran sampel";
    PowerResamples => "Bootstrap resamples per replication", "Sampel ulang bootstrap per replikasi";
    PowerTarget => "Target power", "Daya uji sasaran";
    PowerLikert => "Round to the data's Likert scale", "Bulatkan ke skala Likert data";
    PowerRun => "Plan sample size", "Rencanakan ukuran sampel";
    PowerRunning => "Simulating: replication", "Simulasi: replikasi";
    PowerCurves => "Power curves", "Kurva daya uji";
    StudyTitle => "Groups and importance-performance map", "Grup dan peta kepentingan-kinerja";
    GroupsBy => "Compare groups by (multigroup analysis)", "Bandingkan grup menurut (analisis multigrup)";
    NoGroups => "no groups", "tanpa grup";
    GroupSplit => "Split below (numeric column; empty: one group per value)", "Pisah di bawah (kolom numerik; kosong: satu grup per nilai)";
    Permutations => "Permutations (0 = no permutation test, no MICOM)", "Permutasi (0 = tanpa uji permutasi, tanpa MICOM)";
    Micom => "MICOM (measurement invariance) before comparing", "MICOM (invariansi pengukuran) sebelum membandingkan";
    MgaMeasures => "Also compare weights, loadings and R²", "Bandingkan juga bobot, muatan dan R²";
    IpmaTarget => "Importance-performance map for", "Peta kepentingan-kinerja untuk";
    NoIpma => "none", "tidak ada";
    IpmaScale => "IPMA scale min,max (empty: the data's range)", "Skala IPMA min,maks (kosong: rentang data)";
    Comparing => "Comparing groups: step", "Membandingkan grup: langkah";
    MediationSetting => "Mediation and conditional process (indirect effects, moderated mediation, floodlight)",
        "Mediasi dan proses bersyarat (efek tidak langsung, mediasi termoderasi, floodlight)";
    Observations => "observations", "observasi";
    Print => "Print / Save as PDF", "Cetak / Simpan sebagai PDF";
    LoadJson => "Load results (JSON)", "Muat hasil (JSON)";
    DownloadSvg => "SVG", "SVG";
    DownloadPng => "PNG", "PNG";
    DownloadFigure => "Download the figure as", "Unduh gambar sebagai";
    Methods => "Methods", "Metode";
    Citation => "Software", "Perangkat lunak";
    ReportTitle => "PLS-SEM report", "Laporan PLS-SEM";
    Offline => "Once this page has loaded it also works offline: the app is cached in this browser, and your data are never uploaded.",
        "Setelah halaman ini dimuat, aplikasi juga berjalan tanpa internet: aplikasi disimpan di peramban ini, dan data Anda tidak pernah diunggah.";
    ModelLabel => "Model syntax", "Sintaks model";
    Histogram => "Histogram", "Histogram";
    Close => "Close", "Tutup";
    // the data preview
    SuspectTitle => "Possible missing-value codes", "Kemungkinan kode nilai hilang";
    TreatMissing => "Treat as missing and read again", "Anggap sebagai nilai hilang dan baca ulang";
    KeepValues => "No, these are answers", "Bukan, ini jawaban";
    OddRangeTitle => "range unlike the other items of its scale", "rentang tidak seperti item lain pada skalanya";
    OddRanges => "Columns whose range is implausible beside the other items of their scale:",
        "Kolom dengan rentang yang tidak wajar dibandingkan item lain pada skalanya:";
    Sheet => "Sheet", "Lembar";
    PreviewLabel => "Data preview", "Pratinjau data";
    TextColumn => "text", "teks";
    TextColumnTitle => "This column holds text: it is kept out of the analysis, and can be the grouping column of a multigroup analysis",
        "Kolom ini berisi teks: tidak ikut dianalisis, dan dapat menjadi kolom pengelompokan analisis multigrup";
    TextColumnsNote => "Columns with text (kept aside; a model cannot use them as indicators):",
        "Kolom berisi teks (disisihkan; model tidak dapat memakainya sebagai indikator):";
    Values => "values", "nilai";
    ConfirmExample => "Replace your model with the example's? Your text stays one click away (\"Restore the previous model\").",
        "Ganti model Anda dengan model contoh? Teks Anda tetap dapat dikembalikan dengan satu klik (\"Kembalikan model sebelumnya\").";
    RestoreModel => "Restore the previous model", "Kembalikan model sebelumnya";
    ModelReplaced => "The columns of this file proposed a new model.", "Kolom berkas ini mengusulkan model baru.";
    // settings
    SignificanceRule => "Significance rule", "Aturan signifikansi";
    RulePValue => "p < α (p-value)", "p < α (nilai p)";
    RuleInterval => "CI excludes 0", "IK tidak memuat 0";
    Tails => "Test", "Uji";
    TwoTailed => "two-tailed", "dua arah";
    OneTailed => "one-tailed", "satu arah";
    MissingCodePlaceholder => "none — e.g. -99, 999", "tidak ada — mis. -99, 999";
    MissingCodeHelp => "Several codes: separate them with spaces or commas.", "Beberapa kode: pisahkan dengan spasi atau koma.";
    SchemePath => "path", "jalur (path)";
    SchemeFactorial => "factorial", "faktorial";
    SchemeCentroid => "centroid", "sentroid";
    ModTwoStage => "two-stage", "dua tahap";
    ModProduct => "product indicator", "indikator produk";
    ModOrthogonal => "orthogonalizing", "ortogonalisasi";
    CiPercentile => "percentile", "persentil";
    CiBca => "BCa", "BCa";
    PresetCustom => "custom", "kustom";
    Advanced => "Advanced settings", "Pengaturan lanjutan";
    Alpha => "Significance level α", "Taraf signifikansi α";
    PValueMethod => "p-value", "Nilai p";
    PStudent => "Student t (B − 1 df)", "t Student (df B − 1)";
    PNormal => "normal", "normal";
    PEmpirical => "empirical", "empiris";
    Consistent => "Consistent PLS (PLSc)", "PLS konsisten (PLSc)";
    Tolerance => "Stop criterion", "Kriteria berhenti";
    MaxIterations => "Maximum iterations", "Iterasi maksimum";
    Scaling => "Interaction term", "Suku interaksi";
    Standardized => "standardized", "terstandardisasi";
    Rescaled => "rescaled (seminr)", "diskalakan ulang (seminr)";
    DropNonconverged => "Leave out resamples that did not converge", "Buang sampel ulang yang tidak konvergen";
    BootMissing => "Missing values in resamples", "Nilai hilang pada sampel ulang";
    BootMissingOnce => "replaced once, then resampled", "diganti sekali, lalu diambil ulang";
    BootMissingPer => "replaced in each resample", "diganti pada tiap sampel ulang";
    WarmStart => "Start resamples and PLSpredict folds from the full-sample weights", "Mulai sampel ulang dan lipatan PLSpredict dari bobot sampel penuh";
    HtmtAbsolute => "HTMT from absolute correlations", "HTMT dari korelasi absolut";
    F2Main => "f² also for an interaction's main effects", "f² juga untuk efek utama interaksi";
    BootTolerance => "Stop criterion in resamples", "Kriteria berhenti pada sampel ulang";
    BootIterations => "Maximum iterations in resamples", "Iterasi maksimum pada sampel ulang";
    Stage1Tolerance => "Stop criterion, first stage", "Kriteria berhenti, tahap pertama";
    Stage1Iterations => "Maximum iterations, first stage", "Iterasi maksimum, tahap pertama";
    AsEstimate => "empty = as the estimate", "kosong = sama dengan estimasi";
    SignChange => "Sign-reversed resamples", "Sampel ulang bertanda terbalik";
    SignNone => "keep (no correction)", "biarkan (tanpa koreksi)";
    SignIndividual => "individual sign changes", "perubahan tanda individual";
    SignConstruct => "construct-level sign changes", "perubahan tanda tingkat konstruk";
    // run and results
    CancelledNothing => "Cancelled.", "Dibatalkan.";
    PointCancelled => "Point estimates only: the bootstrap was cancelled.", "Hanya estimasi titik: bootstrap dibatalkan.";
    Stale => "Out of date: the data, the model or the settings changed after these results were computed. Run again to update them.",
        "Kedaluwarsa: data, model, atau pengaturan berubah setelah hasil ini dihitung. Jalankan lagi untuk memperbaruinya.";
    OutOfDate => "out of date", "kedaluwarsa";
    CopyTable => "Copy the table", "Salin tabel";
    CsvTable => "Download the table as CSV", "Unduh tabel sebagai CSV";
    HistogramOf => "Bootstrap histogram of", "Histogram bootstrap untuk";
    CloseHistogram => "Close the histogram", "Tutup histogram";
    Exclude => "Exclude", "Keluarkan";
    Expected => "Bootstrap time", "Waktu bootstrap";
    About => "about", "sekitar";
    Seconds => "s", "detik";
    Minutes => "min", "menit";
    ExcludeItem => "Exclude the indicator and run again:", "Keluarkan indikator dan jalankan lagi:";
    Excluded => "Excluded indicators", "Indikator yang dikeluarkan";
    RestoreItem => "Restore the indicator and run again:", "Kembalikan indikator dan jalankan lagi:";
    DownloadWord => "Download", "Unduh";
    AsWord => "as", "sebagai";
}

/// A number with `digits` decimals in `lang` ("0.31" / "0,31").
pub fn fixed(x: f64, digits: usize, lang: Lang) -> String {
    let s = format!("{x:.digits$}");
    if lang == Lang::Id {
        s.replace('.', ",")
    } else {
        s
    }
}

/// A plain number in `lang` (preview cells, ranges).
pub fn plain(x: f64, lang: Lang) -> String {
    let s = format!("{x}");
    if lang == Lang::Id {
        s.replace('.', ",")
    } else {
        s
    }
}

/// "−99 appears 5 times in 4 columns (CRM1, CRM2, SC2, BP2): treat as missing?"
pub fn suspect_question(lang: Lang, code: &str, count: usize, columns: &[String]) -> String {
    const SHOWN: usize = 6;
    let mut names: Vec<&str> = columns.iter().take(SHOWN).map(String::as_str).collect();
    if columns.len() > SHOWN {
        names.push("…");
    }
    let (k, list) = (columns.len(), names.join(", "));
    match lang {
        Lang::En => {
            let cols = if k == 1 { "column" } else { "columns" };
            format!("{code} appears {count} times in {k} {cols} ({list}): treat as missing?")
        }
        Lang::Id => format!("{code} muncul {count} kali di {k} kolom ({list}): anggap sebagai nilai hilang?"),
    }
}

/// "CRM2: from −99 to 5; the other items of its scale run from 1 to 5."
pub fn odd_range_text(lang: Lang, column: &str, (min, max): (f64, f64), (lo, hi): (f64, f64)) -> String {
    let n = |x| plain(x, lang);
    match lang {
        Lang::En => format!("{column}: from {} to {}; the other items of its scale run from {} to {}.", n(min), n(max), n(lo), n(hi)),
        Lang::Id => format!("{column}: dari {} sampai {}; item lain pada skalanya dari {} sampai {}.", n(min), n(max), n(lo), n(hi)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_from_tag() {
        assert_eq!(Lang::from_tag("id-ID"), Lang::Id);
        assert_eq!(Lang::from_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }

    #[test]
    fn questions_and_numbers_in_both_languages() {
        let cols: Vec<String> = ["CRM1", "CRM2", "SC2", "BP2"].iter().map(|s| s.to_string()).collect();
        assert_eq!(suspect_question(Lang::En, "-99", 5, &cols), "-99 appears 5 times in 4 columns (CRM1, CRM2, SC2, BP2): treat as missing?");
        assert_eq!(suspect_question(Lang::Id, "-99", 5, &cols), "-99 muncul 5 kali di 4 kolom (CRM1, CRM2, SC2, BP2): anggap sebagai nilai hilang?");
        assert!(suspect_question(Lang::En, "9", 2, &cols[..1]).contains("in 1 column ("));
        let many: Vec<String> = (1..=8).map(|i| format!("Q{i}")).collect();
        assert!(suspect_question(Lang::En, "9", 8, &many).contains("Q6, …)"));
        assert_eq!(fixed(0.314, 2, Lang::Id), "0,31");
        assert_eq!(plain(2.5, Lang::Id), "2,5");
        assert_eq!(odd_range_text(Lang::Id, "CRM2", (-99.0, 5.0), (1.0, 5.0)), "CRM2: dari -99 sampai 5; item lain pada skalanya dari 1 sampai 5.");
    }

    #[test]
    fn every_string_exists_in_both_languages() {
        for &k in ALL_KEYS {
            assert!(!t(Lang::En, k).trim().is_empty() && !t(Lang::Id, k).trim().is_empty(), "{k:?}");
        }
    }
}
