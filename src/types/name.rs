use std::collections::BTreeMap;

/// pretix's person name schemes: which parts a name has and how they make the display name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameScheme {
    GivenFamily,
    TitleGivenFamily,
    GivenMiddleFamily,
    TitleGivenMiddleFamily,
    FamilyGiven,
    FamilyNospaceGiven,
    FamilyCommaGiven,
    Full,
    CallingFull,
    FullTranscription,
    SalutationGivenFamily,
    SalutationTitleGivenFamily,
    SalutationTitleGivenFamilyDegree,
}

impl NameScheme {
    pub const ALL: [NameScheme; 13] = [
        NameScheme::GivenFamily,
        NameScheme::TitleGivenFamily,
        NameScheme::GivenMiddleFamily,
        NameScheme::TitleGivenMiddleFamily,
        NameScheme::FamilyGiven,
        NameScheme::FamilyNospaceGiven,
        NameScheme::FamilyCommaGiven,
        NameScheme::Full,
        NameScheme::CallingFull,
        NameScheme::FullTranscription,
        NameScheme::SalutationGivenFamily,
        NameScheme::SalutationTitleGivenFamily,
        NameScheme::SalutationTitleGivenFamilyDegree,
    ];

    pub fn parse(raw: &str) -> Result<NameScheme, String> {
        Self::ALL
            .into_iter()
            .find(|s| s.id() == raw)
            .ok_or_else(|| format!("\"{raw}\" is not a valid name scheme."))
    }

    pub fn id(self) -> &'static str {
        match self {
            NameScheme::GivenFamily => "given_family",
            NameScheme::TitleGivenFamily => "title_given_family",
            NameScheme::GivenMiddleFamily => "given_middle_family",
            NameScheme::TitleGivenMiddleFamily => "title_given_middle_family",
            NameScheme::FamilyGiven => "family_given",
            NameScheme::FamilyNospaceGiven => "family_nospace_given",
            NameScheme::FamilyCommaGiven => "family_comma_given",
            NameScheme::Full => "full",
            NameScheme::CallingFull => "calling_full",
            NameScheme::FullTranscription => "full_transcription",
            NameScheme::SalutationGivenFamily => "salutation_given_family",
            NameScheme::SalutationTitleGivenFamily => "salutation_title_given_family",
            NameScheme::SalutationTitleGivenFamilyDegree => "salutation_title_given_family_degree",
        }
    }

    /// The parts of a name in this scheme, in the order a form asks for them.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            NameScheme::GivenFamily | NameScheme::FamilyNospaceGiven | NameScheme::FamilyCommaGiven => {
                &["given_name", "family_name"]
            }
            NameScheme::TitleGivenFamily => &["title", "given_name", "family_name"],
            NameScheme::GivenMiddleFamily => &["given_name", "middle_name", "family_name"],
            NameScheme::TitleGivenMiddleFamily => &["title", "given_name", "middle_name", "family_name"],
            NameScheme::FamilyGiven => &["family_name", "given_name"],
            NameScheme::Full => &["full_name"],
            NameScheme::CallingFull => &["calling_name", "full_name"],
            NameScheme::FullTranscription => &["full_name", "latin_transcription"],
            NameScheme::SalutationGivenFamily => &["salutation", "given_name", "family_name"],
            NameScheme::SalutationTitleGivenFamily => &["salutation", "title", "given_name", "family_name"],
            NameScheme::SalutationTitleGivenFamilyDegree => {
                &["salutation", "title", "given_name", "family_name", "degree"]
            }
        }
    }

    /// The display name of `parts` in this scheme, trimmed.
    fn render(self, parts: &BTreeMap<String, String>) -> String {
        let part = |key: &str| parts.get(key).map(|v| v.trim()).unwrap_or("");
        let join = |keys: &[&str]| {
            keys.iter().map(|k| part(k)).filter(|v| !v.is_empty()).collect::<Vec<_>>().join(" ")
        };
        match self {
            NameScheme::GivenFamily => join(&["given_name", "family_name"]),
            NameScheme::TitleGivenFamily | NameScheme::SalutationTitleGivenFamily => {
                join(&["title", "given_name", "family_name"])
            }
            NameScheme::GivenMiddleFamily => join(&["given_name", "middle_name", "family_name"]),
            NameScheme::TitleGivenMiddleFamily => {
                join(&["title", "given_name", "middle_name", "family_name"])
            }
            NameScheme::FamilyGiven => join(&["family_name", "given_name"]),
            NameScheme::FamilyNospaceGiven => format!("{}{}", part("family_name"), part("given_name")),
            NameScheme::FamilyCommaGiven => {
                let (family, given) = (part("family_name"), part("given_name"));
                if family.is_empty() || given.is_empty() {
                    format!("{family}{given}")
                } else {
                    format!("{family}, {given}")
                }
            }
            NameScheme::Full | NameScheme::CallingFull | NameScheme::FullTranscription => {
                part("full_name").to_string()
            }
            NameScheme::SalutationGivenFamily => join(&["given_name", "family_name"]),
            NameScheme::SalutationTitleGivenFamilyDegree => {
                let name = join(&["title", "given_name", "family_name"]);
                match part("degree") {
                    "" => name,
                    degree => format!("{name}, {degree}"),
                }
            }
        }
        .trim()
        .to_string()
    }
}

/// A person's name split into parts (`name_parts`), with the `_scheme` it was entered in.
/// Empty means "no name". Never holds an unknown scheme.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameParts(BTreeMap<String, String>);

impl NameParts {
    /// Accepts parts as a client sent them: empty clears the name; otherwise a missing `_scheme`
    /// is filled in with `default_scheme` and an unknown one is refused (pretix would store it and
    /// then fail to render the name).
    pub fn parse(
        mut parts: BTreeMap<String, String>,
        default_scheme: NameScheme,
    ) -> Result<NameParts, String> {
        if parts.is_empty() {
            return Ok(NameParts::default());
        }
        match parts.get("_scheme") {
            Some(scheme) => {
                NameScheme::parse(scheme)?;
            }
            None => {
                parts.insert("_scheme".into(), default_scheme.id().into());
            }
        }
        Ok(NameParts(parts))
    }

    /// Parts read back from the store, trusted as written.
    pub fn from_stored(parts: BTreeMap<String, String>) -> NameParts {
        NameParts(parts)
    }

    pub fn as_map(&self) -> &BTreeMap<String, String> {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The display name: `_legacy` verbatim, else the parts rendered in their scheme (or
    /// `fallback`'s when they carry none); `""` for no name.
    pub fn display(&self, fallback: NameScheme) -> String {
        if self.0.is_empty() {
            return String::new();
        }
        if let Some(legacy) = self.0.get("_legacy") {
            return legacy.trim().to_string();
        }
        let scheme = self.0.get("_scheme").and_then(|s| NameScheme::parse(s).ok()).unwrap_or(fallback);
        scheme.render(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn render(scheme: &str, pairs: &[(&str, &str)]) -> String {
        let mut p = parts(pairs);
        p.insert("_scheme".into(), scheme.into());
        NameParts::from_stored(p).display(NameScheme::Full)
    }

    #[test]
    fn every_scheme_renders_its_display_name() {
        let all = [
            ("title", "Dr"),
            ("given_name", "Ada"),
            ("middle_name", "B."),
            ("family_name", "Lovelace"),
            ("full_name", "Ada Lovelace"),
            ("calling_name", "Addy"),
            ("latin_transcription", "Ada L."),
            ("salutation", "Ms"),
            ("degree", "PhD"),
        ];
        let expected = [
            ("given_family", "Ada Lovelace"),
            ("title_given_family", "Dr Ada Lovelace"),
            ("given_middle_family", "Ada B. Lovelace"),
            ("title_given_middle_family", "Dr Ada B. Lovelace"),
            ("family_given", "Lovelace Ada"),
            ("family_nospace_given", "LovelaceAda"),
            ("family_comma_given", "Lovelace, Ada"),
            ("full", "Ada Lovelace"),
            ("calling_full", "Ada Lovelace"),
            ("full_transcription", "Ada Lovelace"),
            ("salutation_given_family", "Ada Lovelace"),
            ("salutation_title_given_family", "Dr Ada Lovelace"),
            ("salutation_title_given_family_degree", "Dr Ada Lovelace, PhD"),
        ];
        assert_eq!(expected.len(), NameScheme::ALL.len(), "every scheme is covered");
        for (scheme, name) in expected {
            assert_eq!(render(scheme, &all), name, "scheme {scheme}");
        }
    }

    #[test]
    fn missing_parts_leave_no_stray_separators() {
        assert_eq!(render("family_comma_given", &[("family_name", "Lovelace")]), "Lovelace");
        assert_eq!(render("title_given_family", &[("family_name", "Lovelace")]), "Lovelace");
        assert_eq!(render("salutation_title_given_family_degree", &[("given_name", "Ada")]), "Ada");
    }

    #[test]
    fn legacy_names_are_shown_verbatim() {
        assert_eq!(NameParts::from_stored(parts(&[("_legacy", "Foo ")])).display(NameScheme::Full), "Foo");
    }

    #[test]
    fn parts_without_a_scheme_get_the_default_one() {
        let p = NameParts::parse(parts(&[("given_name", "Ada")]), NameScheme::GivenFamily).unwrap();
        assert_eq!(p.as_map()["_scheme"], "given_family");
        assert_eq!(p.display(NameScheme::Full), "Ada");
    }

    #[test]
    fn an_unknown_scheme_is_refused() {
        assert!(NameParts::parse(parts(&[("_scheme", "nope")]), NameScheme::Full).is_err());
    }

    #[test]
    fn empty_parts_mean_no_name() {
        let p = NameParts::parse(BTreeMap::new(), NameScheme::Full).unwrap();
        assert!(p.is_empty());
        assert_eq!(p.display(NameScheme::Full), "");
    }
}
