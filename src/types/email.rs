use std::fmt;

/// An email address as Django's `EmailValidator` accepts it, stored lower-cased (pretix keeps
/// customers' addresses in lower case and compares them case-insensitively).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

const MAX_LEN: usize = 190;

impl Email {
    pub fn parse(raw: &str) -> Result<Email, String> {
        let value = raw.trim();
        if value.is_empty() {
            return Err("This field may not be blank.".into());
        }
        if value.chars().count() > MAX_LEN {
            return Err(format!("Ensure this field has no more than {MAX_LEN} characters."));
        }
        let invalid = || "Enter a valid email address.".to_string();
        let (user, domain) = value.rsplit_once('@').ok_or_else(invalid)?;
        if !valid_user(user) || !valid_domain(domain) {
            return Err(invalid());
        }
        Ok(Email(value.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// RFC 5322 dot-atom: atoms of the allowed characters separated by single dots.
fn valid_user(user: &str) -> bool {
    const SPECIALS: &str = "!#$%&'*+/=?^_`{}|~-";
    !user.is_empty()
        && user.split('.').all(|atom| {
            !atom.is_empty() && atom.chars().all(|c| c.is_ascii_alphanumeric() || SPECIALS.contains(c))
        })
}

/// Labels of letters, digits and inner hyphens; a top-level label of at least two characters
/// that does not end in a hyphen; `localhost` on its own is allowed, as Django allows it.
fn valid_domain(domain: &str) -> bool {
    if domain.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let Some((tld, rest)) = labels.split_last() else { return false };
    if rest.is_empty() {
        return false;
    }
    let label_ok = |l: &str| {
        (1..=63).contains(&l.len())
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    rest.iter().all(|l| label_ok(l))
        && (2..=63).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !tld.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_stored_in_lower_case() {
        assert_eq!(Email::parse(" Foo@Example.ORG ").unwrap().as_str(), "foo@example.org");
    }

    #[test]
    fn ordinary_addresses_are_accepted() {
        for ok in ["a@b.de", "first.last+tag@sub.example.co.uk", "x_y-z@localhost", "o'neil@ex-ample.com"] {
            assert!(Email::parse(ok).is_ok(), "{ok} should be valid");
        }
    }

    #[test]
    fn malformed_addresses_are_rejected_with_djangos_message() {
        for bad in
            ["plain", "a@b", "a@.de", "a..b@c.de", ".a@c.de", "a@b.c", "a b@c.de", "a@-b.de", "a@b.de-"]
        {
            assert_eq!(Email::parse(bad), Err("Enter a valid email address.".into()), "{bad}");
        }
    }

    #[test]
    fn a_blank_address_is_blank_not_invalid() {
        assert_eq!(Email::parse(""), Err("This field may not be blank.".into()));
    }

    #[test]
    fn addresses_longer_than_190_characters_are_rejected() {
        let long = format!("{}@example.org", "a".repeat(180));
        assert_eq!(Email::parse(&long), Err("Ensure this field has no more than 190 characters.".into()));
    }
}
