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
    MissingCode => "Missing code", "Kode nilai hilang";
    Run => "Run", "Jalankan";
    Cancel => "Cancel", "Batal";
    Workers => "workers", "worker";
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
    fn every_string_exists_in_both_languages() {
        for &k in ALL_KEYS {
            assert!(!t(Lang::En, k).trim().is_empty() && !t(Lang::Id, k).trim().is_empty(), "{k:?}");
        }
    }
}
