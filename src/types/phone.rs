use std::fmt;

use phonenumber::Mode;

/// A phone number in international format, kept in E.164 (`+493012345678`), valid by
/// libphonenumber's metadata as pretix's phonenumber field checks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    pub fn parse(raw: &str) -> Result<Phone, String> {
        let invalid = || "The phone number entered is not valid.".to_string();
        let value = raw.trim();
        if !value.starts_with('+') {
            return Err(invalid());
        }
        let number = phonenumber::parse(None, value).map_err(|_| invalid())?;
        if !phonenumber::is_valid(&number) {
            return Err(invalid());
        }
        Ok(Phone(number.format().mode(Mode::E164).to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn international_numbers_are_normalised_to_e164() {
        assert_eq!(Phone::parse("+49 30 1234567-8").unwrap().as_str(), "+493012345678");
        assert_eq!(Phone::parse("+44 20 7946 0958").unwrap().as_str(), "+442079460958");
    }

    #[test]
    fn numbers_without_a_country_code_or_impossible_ones_are_rejected() {
        for bad in ["030 1234567", "+49 1", "+999 123456", "hello"] {
            assert_eq!(Phone::parse(bad), Err("The phone number entered is not valid.".into()), "{bad}");
        }
    }
}
