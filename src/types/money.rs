//! Money: `rust_decimal` in the domain and on the wire, integer minor units in the file, never a
//! float. A currency knows its minor unit (EUR cents, JPY none, KWD fils).

use std::fmt;

use rust_decimal::Decimal;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

/// An ISO 4217 currency code with its number of decimal places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Currency {
    code: String,
    exponent: u32,
}

impl Default for Currency {
    fn default() -> Self {
        Currency { code: "EUR".into(), exponent: 2 }
    }
}

/// Currencies whose minor unit is not a hundredth.
const EXPONENTS: &[(&str, u32)] = &[
    ("BHD", 3),
    ("BIF", 0),
    ("CLP", 0),
    ("DJF", 0),
    ("GNF", 0),
    ("IQD", 3),
    ("ISK", 0),
    ("JOD", 3),
    ("JPY", 0),
    ("KMF", 0),
    ("KRW", 0),
    ("KWD", 3),
    ("LYD", 3),
    ("OMR", 3),
    ("PYG", 0),
    ("RWF", 0),
    ("TND", 3),
    ("UGX", 0),
    ("VND", 0),
    ("VUV", 0),
    ("XAF", 0),
    ("XOF", 0),
    ("XPF", 0),
];

impl Currency {
    /// Three ASCII letters, upper-cased. Errors: a message for the field.
    pub fn parse(raw: &str) -> Result<Currency, String> {
        let code = raw.trim().to_ascii_uppercase();
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err("Enter a three-letter ISO 4217 currency code.".into());
        }
        let exponent = EXPONENTS.iter().find(|(c, _)| *c == code).map_or(2, |(_, e)| *e);
        Ok(Currency { code, exponent })
    }

    pub fn code(&self) -> &str {
        &self.code
    }

    pub fn exponent(&self) -> u32 {
        self.exponent
    }

    /// An amount in minor units. Errors: more decimal places than the currency has, or too large.
    pub fn to_minor(&self, amount: Decimal) -> Result<i64, String> {
        let normalized = amount.normalize();
        if normalized.scale() > self.exponent {
            return Err(match self.exponent {
                0 => format!("{} amounts have no decimal places.", self.code),
                n => format!("Ensure that there are no more than {n} decimal places."),
            });
        }
        let scaled = normalized * Decimal::from(10i64.pow(self.exponent));
        i64::try_from(scaled.trunc())
            .ok()
            .filter(|m| m.unsigned_abs() <= MAX_MINOR)
            .ok_or_else(|| "This amount is too large.".into())
    }

    pub fn from_minor(&self, minor: i64) -> Decimal {
        Decimal::new(minor, self.exponent)
    }

    /// The amount with exactly the currency's decimal places (`12.50`), as text.
    pub fn format(&self, minor: i64) -> String {
        let mut d = self.from_minor(minor);
        d.rescale(self.exponent);
        d.to_string()
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code)
    }
}

/// Amounts stay far inside `i64` and inside the integers a JSON number keeps exact (2^53).
pub const MAX_MINOR: u64 = 1_000_000_000_000_000;

/// A decimal amount that goes over JSON as an exact number literal (`12.50`, never via a float)
/// and is read from a number or a string without rounding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount(pub Decimal);

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let raw = RawValue::from_string(self.0.to_string()).map_err(serde::ser::Error::custom)?;
        raw.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        let text = raw.get().trim();
        let text = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(text);
        parse_amount(text).map(Amount).map_err(D::Error::custom)
    }
}

/// A decimal amount from text: digits with an optional sign and a dot (`12.5`, `-3`, `1e2` no).
/// A price as pretix declares its price fields (`DecimalField(max_digits=13, decimal_places=2)`),
/// in hundredths. Errors: pretix's message.
pub fn price_minor(value: Decimal) -> Result<i64, String> {
    if value.normalize().scale() > 2 {
        return Err("Ensure that there are no more than 2 decimal places.".into());
    }
    let too_many = || "Ensure that there are no more than 13 digits in total.".to_string();
    if value.abs() >= Decimal::new(100_000_000_000, 0) {
        return Err(too_many());
    }
    i64::try_from((value * Decimal::ONE_HUNDRED).trunc()).map_err(|_| too_many())
}

/// A price stored or rendered as a decimal string (`"12.50"`), in hundredths.
pub fn price_minor_of_text(text: &str) -> Option<i64> {
    text.parse::<Decimal>().ok().and_then(|d| price_minor(d).ok())
}

pub fn parse_amount(text: &str) -> Result<Decimal, String> {
    let valid = !text.is_empty()
        && text.trim_start_matches('-').chars().all(|c| c.is_ascii_digit() || c == '.')
        && text.matches('.').count() <= 1;
    if !valid {
        return Err("A valid number is required.".into());
    }
    text.parse::<Decimal>().map_err(|_| "A valid number is required.".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minor_units_follow_the_currency() {
        let eur = Currency::parse("eur").unwrap();
        assert_eq!(eur.to_minor("12.5".parse().unwrap()), Ok(1250));
        assert_eq!(eur.to_minor("12.500".parse().unwrap()), Ok(1250), "trailing zeros are fine");
        assert!(eur.to_minor("0.001".parse().unwrap()).is_err());
        assert_eq!(eur.format(1250), "12.50");
        assert_eq!(eur.format(-5), "-0.05");
        let jpy = Currency::parse("JPY").unwrap();
        assert_eq!(jpy.to_minor("500".parse().unwrap()), Ok(500));
        assert!(jpy.to_minor("0.5".parse().unwrap()).is_err());
        assert_eq!(Currency::parse("KWD").unwrap().format(1), "0.001");
        assert!(Currency::parse("EURO").is_err());
    }

    #[test]
    fn amounts_cross_json_exactly() {
        let a: Amount = serde_json::from_str("0.10").unwrap();
        assert_eq!(a.0.to_string(), "0.10");
        let a: Amount = serde_json::from_str("\"19.99\"").unwrap();
        assert_eq!(serde_json::to_string(&a).unwrap(), "19.99");
        assert!(serde_json::from_str::<Amount>("1e3").is_err());
        assert!(serde_json::from_str::<Amount>("\"abc\"").is_err());
        assert!(serde_json::from_str::<Amount>("true").is_err());
        let big: Amount = serde_json::from_str("12345678901234.56").unwrap();
        assert_eq!(serde_json::to_string(&big).unwrap(), "12345678901234.56");
    }
}
