//! The two languages of every user-visible string: one type for the
//! messages, the report, the command line and the page.

/// The two languages of every user-visible string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Bahasa Indonesia (decimal commas in the tables).
    Id,
}

impl Lang {
    /// Pick a language from a BCP 47 tag such as `navigator.language`.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        if primary == "id" || primary == "in" {
            Lang::Id
        } else {
            Lang::En
        }
    }

    /// The HTML `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Id => "id",
        }
    }
}

