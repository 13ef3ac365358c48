//! What each kind of file may hold, which header names suggest which field, and how one row
//! becomes the services' input.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Transaction};

use super::model::{ImportField, ImportKind};
use crate::auth::Access;
use crate::cards::{self, CardInput};
use crate::credit::{self, CreditInput};
use crate::customers::{self, CustomerPatch, NewCustomer};
use crate::error::{Error, Result};
use crate::memberships::{self, MembershipChange};
use crate::types::{Amount, NameScheme, parse_amount, time};

/// Customer fields besides the name parts: key, label, header names that suggest it.
const CUSTOMER_FIELDS: &[(&str, &str, &[&str])] = &[
    ("email", "Email", &["email", "emailaddress", "mail", "emailadresse"]),
    (
        "external_identifier",
        "External identifier",
        &["externalidentifier", "externalid", "customernumber", "customerno", "kundennummer", "kundennr"],
    ),
    ("phone", "Phone", &["phone", "phonenumber", "telephone", "tel", "mobile", "telefon", "handy"]),
    ("locale", "Language", &["locale", "language", "sprache"]),
    ("notes", "Notes", &["notes", "note", "comment", "comments", "notiz", "notizen", "bemerkung"]),
    (
        "card",
        "Card serial number",
        &["card", "cardserial", "cardnumber", "serial", "serialnumber", "karte", "kartennummer"],
    ),
    (
        "credit",
        "Opening credit balance",
        &["credit", "balance", "openingbalance", "guthaben", "startguthaben"],
    ),
];

/// Header names that suggest a name part.
const NAME_ALIASES: &[(&str, &str, &[&str])] = &[
    ("full_name", "Name", &["name", "fullname", "customername", "vollername"]),
    ("given_name", "Given name", &["givenname", "firstname", "forename", "vorname"]),
    ("family_name", "Family name", &["familyname", "lastname", "surname", "nachname", "name"]),
    ("middle_name", "Middle name", &["middlename", "zweitname"]),
    ("title", "Title", &["title", "titel"]),
    ("salutation", "Salutation", &["salutation", "anrede"]),
    ("calling_name", "Calling name", &["callingname", "rufname"]),
    ("latin_transcription", "Latin transcription", &["latintranscription", "transcription"]),
    ("degree", "Degree", &["degree", "abschluss"]),
];

const MEMBERSHIP_FIELDS: &[(&str, &str, bool, &[&str])] = &[
    (
        "customer",
        "Customer (identifier, external identifier or email)",
        true,
        &["customer", "customeridentifier", "identifier", "email", "kunde", "kundennummer"],
    ),
    (
        "membership_type",
        "Membership type (id or name)",
        true,
        &["membershiptype", "type", "membership", "mitgliedschaft", "typ"],
    ),
    (
        "date_start",
        "Valid from",
        true,
        &["datestart", "start", "startdate", "from", "validfrom", "gueltigab", "von", "beginn"],
    ),
    (
        "date_end",
        "Valid until",
        true,
        &["dateend", "end", "enddate", "to", "until", "validuntil", "gueltigbis", "bis", "ende"],
    ),
    ("attendee_name", "Attendee name", false, &["attendeename", "attendee", "name", "teilnehmer"]),
    ("testmode", "Test mode", false, &["testmode", "test"]),
];

/// The fields of `kind` in an organizer with `scheme`.
pub(super) fn fields(kind: ImportKind, scheme: NameScheme) -> Vec<ImportField> {
    let field = |key: &str, label: &str, required: bool| ImportField {
        key: key.into(),
        label: label.into(),
        required,
    };
    match kind {
        ImportKind::Customers => {
            let mut all = vec![field("email", "Email", false)];
            for part in scheme.fields() {
                let label =
                    NAME_ALIASES.iter().find(|(k, _, _)| k == part).map(|(_, l, _)| *l).unwrap_or(part);
                all.push(field(part, label, false));
            }
            all.extend(CUSTOMER_FIELDS.iter().skip(1).map(|(k, l, _)| field(k, l, false)));
            all
        }
        ImportKind::Memberships => MEMBERSHIP_FIELDS.iter().map(|(k, l, r, _)| field(k, l, *r)).collect(),
    }
}

/// A header reduced to letters and digits, lower-case, umlauts spelled out.
fn normalized(header: &str) -> String {
    header
        .to_lowercase()
        .replace('ä', "ae")
        .replace('ö', "oe")
        .replace('ü', "ue")
        .replace('ß', "ss")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// Per column, the field its header suggests (each field at most once, first column wins).
pub(super) fn suggest(kind: ImportKind, scheme: NameScheme, header: &[String]) -> Vec<Option<String>> {
    let offered: Vec<String> = fields(kind, scheme).into_iter().map(|f| f.key).collect();
    let aliases: Vec<(&str, &[&str])> = match kind {
        ImportKind::Customers => CUSTOMER_FIELDS
            .iter()
            .map(|(k, _, a)| (*k, *a))
            .chain(NAME_ALIASES.iter().map(|(k, _, a)| (*k, *a)))
            .collect(),
        ImportKind::Memberships => MEMBERSHIP_FIELDS.iter().map(|(k, _, _, a)| (*k, *a)).collect(),
    };
    let mut taken: Vec<String> = Vec::new();
    header
        .iter()
        .map(|h| {
            let h = normalized(h);
            let key = aliases
                .iter()
                .filter(|(k, _)| offered.iter().any(|o| o == k) && !taken.iter().any(|t| t == k))
                .find(|(k, a)| normalized(k) == h || a.contains(&h.as_str()))
                .map(|(k, _)| k.to_string());
            if let Some(k) = &key {
                taken.push(k.clone());
            }
            key
        })
        .collect()
}

/// Where each field's value is, after the mapping was checked.
pub(super) struct Columns {
    index: HashMap<String, usize>,
    header: Vec<String>,
}

impl Columns {
    /// Checks `mapping` against the file's columns and `kind`'s fields. Errors: `validation` on
    /// `mapping` (wrong length, unknown or repeated fields, required fields unmapped).
    pub(super) fn new(
        kind: ImportKind,
        scheme: NameScheme,
        header: &[String],
        mapping: &[Option<String>],
    ) -> Result<Columns> {
        let invalid = |m: String| Error::validation("mapping", m);
        if mapping.len() != header.len() {
            return Err(invalid(format!("Map each of the {} columns to a field or none.", header.len())));
        }
        let offered = fields(kind, scheme);
        let mut index = HashMap::new();
        for (column, key) in mapping.iter().enumerate() {
            let Some(key) = key.as_deref().map(str::trim).filter(|k| !k.is_empty()) else { continue };
            if !offered.iter().any(|f| f.key == key) {
                return Err(invalid(format!("\"{key}\" is no field of this import.")));
            }
            if index.insert(key.to_string(), column).is_some() {
                return Err(invalid(format!("\"{key}\" is mapped from more than one column.")));
            }
        }
        let missing: Vec<&str> = offered
            .iter()
            .filter(|f| f.required && !index.contains_key(&f.key))
            .map(|f| f.label.as_str())
            .collect();
        if !missing.is_empty() {
            return Err(invalid(format!("Choose a column for: {}.", missing.join(", "))));
        }
        if kind == ImportKind::Customers
            && !index.contains_key("email")
            && !scheme.fields().iter().any(|p| index.contains_key(*p))
        {
            return Err(invalid("Choose a column for the email address or the name.".into()));
        }
        Ok(Columns { index, header: header.to_vec() })
    }

    pub(super) fn has(&self, key: &str) -> bool {
        self.index.contains_key(key)
    }

    /// The trimmed value of `key` in `record`; `None` when unmapped or blank.
    fn get<'r>(&self, record: &'r csv::StringRecord, key: &str) -> Option<&'r str> {
        self.index.get(key).and_then(|i| record.get(*i)).map(str::trim).filter(|v| !v.is_empty())
    }

    /// The header of the column `key` is read from.
    pub(super) fn header_of(&self, key: &str) -> Option<String> {
        self.index.get(key).and_then(|i| self.header.get(*i)).cloned()
    }
}

/// What is wrong with a row: (the field, if it is one field's fault; the message).
pub(super) type Problems = Vec<(Option<String>, String)>;

/// A row either failed its checks, or the import cannot go on at all (storage, permissions).
pub(super) enum RowError {
    Problems(Problems),
    Fatal(Error),
}

impl From<Error> for RowError {
    fn from(err: Error) -> Self {
        RowError::Fatal(err)
    }
}

impl From<rusqlite::Error> for RowError {
    fn from(err: rusqlite::Error) -> Self {
        RowError::Fatal(Error::Storage(err))
    }
}

/// A service's validation error as problems, its fields renamed to the import's keys.
fn problems(err: Error, rename: impl Fn(&str) -> String) -> RowError {
    match err {
        Error::Validation(fields) => RowError::Problems(
            fields
                .iter()
                .flat_map(|(f, ms)| ms.iter().map(|m| (Some(rename(f)), m.clone())).collect::<Vec<_>>())
                .collect(),
        ),
        Error::Declined(message) => RowError::Problems(vec![(None, message.to_string())]),
        other => RowError::Fatal(other),
    }
}

/// Creates the customer in `record`, with its card and opening credit.
pub(super) fn customer_row(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    access: &Access,
    columns: &Columns,
    record: &csv::StringRecord,
) -> std::result::Result<(), RowError> {
    let scheme = access.organizer.name_scheme;
    let mut parts: BTreeMap<String, String> = scheme
        .fields()
        .iter()
        .filter_map(|p| columns.get(record, p).map(|v| (p.to_string(), v.to_string())))
        .collect();
    let email = columns.get(record, "email");
    if parts.is_empty() && email.is_none() {
        return Err(RowError::Problems(vec![(None, "A row needs an email address or a name.".into())]));
    }
    if !parts.is_empty() {
        parts.insert("_scheme".into(), scheme.id().into());
    }
    let first_part = scheme.fields().iter().find(|p| columns.has(p)).map(|p| p.to_string());
    let text = |key: &str| columns.has(key).then(|| columns.get(record, key).map(str::to_string));
    let patch = CustomerPatch {
        external_identifier: text("external_identifier"),
        email: text("email"),
        phone: text("phone"),
        name_parts: (!parts.is_empty()).then_some(parts),
        is_active: None,
        is_verified: None,
        locale: columns.get(record, "locale").map(str::to_string),
        notes: text("notes"),
    };
    let input = NewCustomer { fields: patch, password: None, send_email: false };
    let customer = customers::create_in_tx(tx, now, access, input, None).map_err(|e| {
        problems(e, |f| match f {
            "name_parts" => first_part.clone().unwrap_or_else(|| f.to_string()),
            other => other.to_string(),
        })
    })?;
    let mut found = Problems::new();
    if let Some(serial) = columns.get(record, "card") {
        let card = CardInput { serial_number: serial.to_string(), ..CardInput::default() };
        if let Err(e) = cards::issue_in_tx(tx, now, access, &customer.identifier, card) {
            match problems(e, |_| "card".to_string()) {
                RowError::Problems(p) => found.extend(p),
                fatal => return Err(fatal),
            }
        }
    }
    if let Some(raw) = columns.get(record, "credit") {
        match opening_balance(raw) {
            Err(message) => found.push((Some("credit".into()), message)),
            Ok(None) => {}
            Ok(Some(amount)) => {
                let input =
                    CreditInput { amount: Amount(amount), reference: Some("import".into()), note: None };
                if let Err(e) = credit::top_up_in_tx(tx, now, access, &customer.identifier, input) {
                    match problems(e, |_| "credit".to_string()) {
                        RowError::Problems(p) => found.extend(p),
                        fatal => return Err(fatal),
                    }
                }
            }
        }
    }
    if found.is_empty() { Ok(()) } else { Err(RowError::Problems(found)) }
}

/// An opening balance as people write it: `12.50`, `12,50`, `12`; zero means none.
fn opening_balance(raw: &str) -> std::result::Result<Option<rust_decimal::Decimal>, String> {
    let cleaned: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let cleaned = if cleaned.contains('.') { cleaned } else { cleaned.replace(',', ".") };
    let amount =
        parse_amount(&cleaned).map_err(|_| format!("\"{raw}\" is no amount; write it like 12.50."))?;
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err("An opening balance cannot be negative.".into());
    }
    Ok((!amount.is_zero()).then_some(amount))
}

/// The organizer's membership types by id and by each of their names (lower-case).
pub(super) struct TypeNames(HashMap<String, Vec<i64>>);

impl TypeNames {
    pub(super) fn load(conn: &rusqlite::Connection, organizer_id: i64) -> Result<TypeNames> {
        let mut names: HashMap<String, Vec<i64>> = HashMap::new();
        let mut stmt = conn.prepare("SELECT id, name FROM membership_types WHERE organizer_id = ?1")?;
        let rows = stmt.query_map([organizer_id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (id, raw) = row?;
            let texts: BTreeMap<String, String> = serde_json::from_str(&raw).unwrap_or_default();
            let mut own: Vec<String> = texts.values().map(|t| t.trim().to_lowercase()).collect();
            own.sort();
            own.dedup();
            for name in own {
                names.entry(name).or_default().push(id);
            }
            names.entry(id.to_string()).or_default().push(id);
        }
        Ok(TypeNames(names))
    }

    fn find(&self, raw: &str) -> std::result::Result<i64, String> {
        match self.0.get(&raw.trim().to_lowercase()).map(Vec::as_slice) {
            Some([id]) => Ok(*id),
            Some([_, _, ..]) => Err(format!("Several membership types are called \"{raw}\"; use the id.")),
            _ => Err(format!("No membership type is called \"{raw}\".")),
        }
    }
}

/// A date as `YYYY-MM-DD` (the start or the end of that day, UTC) or RFC 3339.
fn date(raw: &str, end_of_day: bool) -> std::result::Result<DateTime<Utc>, String> {
    if let Ok(day) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        let at = if end_of_day { day.and_hms_micro_opt(23, 59, 59, 0) } else { day.and_hms_opt(0, 0, 0) };
        return at.map(|t| t.and_utc()).ok_or_else(|| "Not a date.".to_string());
    }
    time::parse(raw).ok_or_else(|| "Enter a date as YYYY-MM-DD or a date and time in RFC 3339.".to_string())
}

fn flag(raw: &str) -> std::result::Result<bool, String> {
    match raw.to_lowercase().as_str() {
        "true" | "1" | "yes" | "y" | "ja" | "x" => Ok(true),
        "false" | "0" | "no" | "n" | "nein" => Ok(false),
        _ => Err("Write true or false.".into()),
    }
}

/// Creates the membership in `record` for an existing customer.
pub(super) fn membership_row(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    access: &Access,
    columns: &Columns,
    types: &TypeNames,
    record: &csv::StringRecord,
) -> std::result::Result<(), RowError> {
    let mut found = Problems::new();
    let required = |key: &str, found: &mut Problems| {
        let value = columns.get(record, key);
        if value.is_none() {
            found.push((Some(key.into()), "This field is required.".into()));
        }
        value
    };
    let customer = match required("customer", &mut found) {
        None => None,
        Some(raw) => {
            let identifier: Option<String> = tx
                .prepare_cached(
                    "SELECT identifier FROM customers WHERE organizer_id = ?1 \
                     AND (identifier = ?2 OR external_identifier = ?2 OR email = lower(?2)) \
                     ORDER BY identifier = ?2 DESC, id LIMIT 1",
                )?
                .query_row(rusqlite::params![access.organizer_id(), raw], |r| r.get(0))
                .optional()?;
            if identifier.is_none() {
                found.push((
                    Some("customer".into()),
                    format!("No customer has the identifier or email \"{raw}\"."),
                ));
            }
            identifier
        }
    };
    let parsed = |key: &str, found: &mut Problems, end: bool| {
        required(key, found)
            .and_then(|raw| date(raw, end).map_err(|m| found.push((Some(key.into()), m))).ok())
    };
    let date_start = parsed("date_start", &mut found, false);
    let date_end = parsed("date_end", &mut found, true);
    let membership_type = required("membership_type", &mut found)
        .and_then(|raw| types.find(raw).map_err(|m| found.push((Some("membership_type".into()), m))).ok());
    let testmode = columns
        .get(record, "testmode")
        .and_then(|raw| flag(raw).map_err(|m| found.push((Some("testmode".into()), m))).ok());
    if !found.is_empty() {
        return Err(RowError::Problems(found));
    }
    let attendee = columns
        .get(record, "attendee_name")
        .map(|name| BTreeMap::from([("_legacy".to_string(), name.to_string())]));
    let change = MembershipChange {
        customer,
        membership_type,
        testmode,
        date_start,
        date_end,
        attendee_name_parts: attendee.map(Some),
    };
    memberships::create_in_tx(tx, now, access, &change).map_err(|e| {
        problems(e, |f| match f {
            "attendee_name_parts" => "attendee_name".to_string(),
            other => other.to_string(),
        })
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_english_and_german_suggest_their_fields_once() {
        let header: Vec<String> =
            ["E-Mail", "Vorname", "Nachname", "Kartennummer", "Guthaben", "Email 2", "Whatever"]
                .map(String::from)
                .into();
        let suggested = suggest(ImportKind::Customers, NameScheme::GivenFamily, &header);
        let keys: Vec<Option<&str>> = suggested.iter().map(|s| s.as_deref()).collect();
        assert_eq!(
            keys,
            [
                Some("email"),
                Some("given_name"),
                Some("family_name"),
                Some("card"),
                Some("credit"),
                None,
                None
            ]
        );
    }

    #[test]
    fn opening_balances_are_read_as_people_write_them() {
        assert_eq!(opening_balance("12,50").unwrap(), Some(rust_decimal::Decimal::new(1250, 2)));
        assert_eq!(opening_balance("0").unwrap(), None);
        assert!(opening_balance("-5").is_err());
        assert!(opening_balance("12 Euro").is_err());
    }

    #[test]
    fn dates_are_whole_days_or_exact_times() {
        assert_eq!(time::format(date("2026-03-01", false).unwrap()), "2026-03-01T00:00:00Z");
        assert_eq!(time::format(date("2026-03-31", true).unwrap()), "2026-03-31T23:59:59Z");
        assert!(date("31.03.2026", false).is_err());
    }
}
