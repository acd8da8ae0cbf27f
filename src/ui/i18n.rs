//! Every user-visible string, in English and Bahasa Indonesia.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Id,
}

impl Lang {
    /// Pick a language from a BCP 47 tag such as `navigator.language`.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if primary == "id" || primary == "in" {
            Lang::Id
        } else {
            Lang::En
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Title,
    Draws,
    Workers,
    Run,
    Cancel,
    Idle,
    Running,
    Cancelling,
    Done,
    Cancelled,
    Failed,
    Result,
    Language,
}

pub fn t(lang: Lang, key: Key) -> &'static str {
    use Key::*;
    match (lang, key) {
        (Lang::En, Title) => "plsweb: worker plumbing check",
        (Lang::Id, Title) => "plsweb: uji jalur worker",
        (Lang::En, Draws) => "Draws",
        (Lang::Id, Draws) => "Jumlah tarikan",
        (Lang::En, Workers) => "workers",
        (Lang::Id, Workers) => "worker",
        (Lang::En, Run) => "Run",
        (Lang::Id, Run) => "Jalankan",
        (Lang::En, Cancel) => "Cancel",
        (Lang::Id, Cancel) => "Batal",
        (Lang::En, Idle) => "Ready.",
        (Lang::Id, Idle) => "Siap.",
        (Lang::En, Running) => "Running…",
        (Lang::Id, Running) => "Sedang berjalan…",
        (Lang::En, Cancelling) => "Cancelling…",
        (Lang::Id, Cancelling) => "Membatalkan…",
        (Lang::En, Done) => "Done.",
        (Lang::Id, Done) => "Selesai.",
        (Lang::En, Cancelled) => "Cancelled.",
        (Lang::Id, Cancelled) => "Dibatalkan.",
        (Lang::En, Failed) => "Failed:",
        (Lang::Id, Failed) => "Gagal:",
        (Lang::En, Result) => "Result",
        (Lang::Id, Result) => "Hasil",
        (Lang::En, Language) => "Bahasa Indonesia",
        (Lang::Id, Language) => "English",
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
}
