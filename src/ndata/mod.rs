//! NData, the Portos dialect's query syntax for lists: filters (`DiscountRate=gt:10;lt:50`),
//! `$sort`, `$skip`, `$take` and `$count`. This module parses the text into typed conditions
//! against a fixed list of filters and sort keys; what reaches SQL is chosen from fixed
//! fragments, and every value is bound as a parameter.
//!
//! Grammar: a filter's value is operations separated by `;` (repeating the filter adds more, all
//! must hold); an operation is segments separated by `:`, the first being an operator the filter
//! knows (any case) — otherwise the whole operation is a value to equal. A segment may be
//! double-quoted to hold `:`, `;` or `"` (`\"` and `\\` escape inside quotes). Unary operators
//! join extra segments back with `:`, so `lt:2025-01-01T00:00:00Z` needs no quotes.

use std::fmt;

#[cfg(test)]
mod tests;

/// The operators a filter may accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Neq,
    Gt,
    Gte,
    Lt,
    Lte,
    In,
    Nin,
    Null,
    NotNull,
    Contains,
    StartsWith,
}

impl Op {
    fn parse(name: &str) -> Option<Op> {
        Some(match name.to_ascii_lowercase().as_str() {
            "eq" => Op::Eq,
            "neq" | "ne" => Op::Neq,
            "gt" => Op::Gt,
            "gte" | "ge" => Op::Gte,
            "lt" => Op::Lt,
            "lte" | "le" => Op::Lte,
            "in" => Op::In,
            "nin" => Op::Nin,
            "null" => Op::Null,
            "notnull" => Op::NotNull,
            "contains" => Op::Contains,
            "startswith" => Op::StartsWith,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Op::Eq => "eq",
            Op::Neq => "neq",
            Op::Gt => "gt",
            Op::Gte => "gte",
            Op::Lt => "lt",
            Op::Lte => "lte",
            Op::In => "in",
            Op::Nin => "nin",
            Op::Null => "null",
            Op::NotNull => "notnull",
            Op::Contains => "contains",
            Op::StartsWith => "startswith",
        }
    }

    /// How many arguments: exactly one, one or more, or none.
    fn arity(self) -> Arity {
        match self {
            Op::In | Op::Nin => Arity::Many,
            Op::Null | Op::NotNull => Arity::None,
            _ => Arity::One,
        }
    }
}

enum Arity {
    None,
    One,
    Many,
}

/// What kind of value a filter compares, which decides its operators and how arguments parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text; `nullable` allows `null`/`notnull`.
    Text {
        nullable: bool,
    },
    /// A decimal with at most two places, compared in hundredths.
    Decimal,
    Bool,
    /// An RFC 3339 time (or a date, meaning its midnight UTC); `nullable` as for text.
    Time {
        nullable: bool,
    },
}

impl Kind {
    fn allows(self, op: Op) -> bool {
        match (self, op) {
            (_, Op::Eq | Op::Neq | Op::In | Op::Nin) => true,
            (Kind::Text { nullable } | Kind::Time { nullable }, Op::Null | Op::NotNull) => nullable,
            (Kind::Text { .. }, Op::Contains | Op::StartsWith) => true,
            (Kind::Text { .. } | Kind::Decimal | Kind::Time { .. }, Op::Gt | Op::Gte | Op::Lt | Op::Lte) => {
                true
            }
            _ => false,
        }
    }
}

/// A typed argument.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    /// Hundredths.
    Hundredths(i64),
    Bool(bool),
    /// Stored form (RFC 3339 UTC with microseconds), comparable as text.
    Time(String),
}

/// One condition: the operator and its arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub op: Op,
    pub args: Vec<Value>,
}

/// A 400 naming the parameter, as the Portos dialect reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    pub member: String,
    pub message: String,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.member, self.message)
    }
}

fn error(member: &str, message: impl Into<String>) -> QueryError {
    QueryError { member: member.to_string(), message: message.into() }
}

/// Splits on `sep` outside double quotes, keeping quotes and escapes for [`unquote`].
fn split_unquoted(text: &str, sep: char) -> Result<Vec<&str>, &'static str> {
    let mut parts = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    for (i, c) in text.char_indices() {
        if escaped {
            escaped = false;
        } else if quoted && c == '\\' {
            escaped = true;
        } else if c == '"' {
            quoted = !quoted;
        } else if c == sep && !quoted {
            parts.push(&text[start..i]);
            start = i + c.len_utf8();
        }
    }
    if quoted {
        return Err("A quoted value is not closed.");
    }
    parts.push(&text[start..]);
    Ok(parts)
}

/// A segment's text: a quoted segment loses its quotes and escapes; others are taken as they are.
fn unquote(segment: &str) -> Result<String, &'static str> {
    let Some(inner) =
        segment.strip_prefix('"').and_then(|s| s.strip_suffix('"')).filter(|_| segment.len() >= 2)
    else {
        if segment.contains('"') {
            return Err("Quote a whole value, or none of it.");
        }
        return Ok(segment.to_string());
    };
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(e @ ('"' | '\\')) => out.push(e),
                _ => return Err("Inside quotes, only \\\" and \\\\ are escapes."),
            },
            '"' => return Err("Quote a whole value, or none of it."),
            c => out.push(c),
        }
    }
    Ok(out)
}

fn parse_value(member: &str, kind: Kind, raw: &str) -> Result<Value, QueryError> {
    match kind {
        Kind::Text { .. } => Ok(Value::Text(raw.to_string())),
        Kind::Bool => match raw.to_ascii_lowercase().as_str() {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(error(member, format!("'{raw}' is not a boolean (true or false)."))),
        },
        Kind::Decimal => parse_hundredths(raw).map(Value::Hundredths).ok_or_else(|| {
            error(member, format!("'{raw}' is not a number with at most two decimal places."))
        }),
        Kind::Time { .. } => parse_time(raw).map(Value::Time).ok_or_else(|| {
            error(member, format!("'{raw}' is not a date and time (RFC 3339, e.g. 2025-01-01T00:00:00Z)."))
        }),
    }
}

/// `12`, `-3.5`, `0.25` in hundredths; more than two places or anything else is `None`.
pub fn parse_hundredths(raw: &str) -> Option<i64> {
    let decimal = crate::types::parse_amount(raw).ok()?;
    let scaled = decimal.normalize();
    if scaled.scale() > 2 {
        return None;
    }
    i64::try_from((scaled * rust_decimal::Decimal::from(100)).trunc()).ok()
}

fn parse_time(raw: &str) -> Option<String> {
    if let Some(at) = crate::types::time::parse(raw) {
        return Some(crate::types::time::store(at));
    }
    let date = chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok()?;
    Some(crate::types::time::store(date.and_hms_opt(0, 0, 0)?.and_utc()))
}

/// Parses every occurrence of one filter (they all must hold). Errors name the filter.
pub fn parse_filter(member: &str, kind: Kind, occurrences: &[&str]) -> Result<Vec<Condition>, QueryError> {
    let mut conditions = Vec::new();
    for occurrence in occurrences {
        let operations = split_unquoted(occurrence, ';').map_err(|m| error(member, m))?;
        for operation in operations {
            if operation.is_empty() {
                return Err(error(member, "An operation is empty (check for a stray ';')."));
            }
            let segments = split_unquoted(operation, ':').map_err(|m| error(member, m))?;
            let (op, raw_args): (Op, Vec<&str>) = match Op::parse(segments[0]) {
                Some(op) => (op, segments[1..].to_vec()),
                // No operator: the whole operation is a value to equal (a time keeps its colons).
                None => (Op::Eq, vec![operation]),
            };
            if !kind.allows(op) {
                return Err(error(
                    member,
                    format!("The operator '{}' does not apply to {member}.", op.name()),
                ));
            }
            let args: Vec<String> = match op.arity() {
                Arity::None if raw_args.is_empty() => Vec::new(),
                Arity::None => return Err(error(member, format!("'{}' takes no value.", op.name()))),
                Arity::One if raw_args.is_empty() => {
                    return Err(error(member, format!("'{}' needs a value.", op.name())));
                }
                Arity::One if raw_args.len() == 1 => {
                    vec![unquote(raw_args[0]).map_err(|m| error(member, m))?]
                }
                // Unquoted extra colons belong to the value (times).
                Arity::One => {
                    if raw_args.iter().any(|a| a.starts_with('"')) {
                        return Err(error(member, format!("'{}' takes one value.", op.name())));
                    }
                    vec![raw_args.join(":")]
                }
                Arity::Many if raw_args.is_empty() => {
                    return Err(error(member, format!("'{}' needs at least one value.", op.name())));
                }
                Arity::Many => raw_args
                    .iter()
                    .map(|a| unquote(a).map_err(|m| error(member, m)))
                    .collect::<Result<_, _>>()?,
            };
            let args = args.iter().map(|a| parse_value(member, kind, a)).collect::<Result<_, _>>()?;
            conditions.push(Condition { op, args });
        }
    }
    Ok(conditions)
}

/// A sort key and direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortKey<K> {
    pub key: K,
    pub descending: bool,
}

/// `$sort`: keys separated by `,`, each `name`, `-name` or `name:asc|desc` (any case); a key
/// repeated counts once (its first place). `keys` maps a property name to the caller's key.
pub fn parse_sort<K: Copy + PartialEq>(
    raw: &str,
    keys: impl Fn(&str) -> Option<K>,
) -> Result<Vec<SortKey<K>>, QueryError> {
    let mut out: Vec<SortKey<K>> = Vec::new();
    for part in raw.split(',').map(str::trim) {
        if part.is_empty() {
            return Err(error("$sort", "A sort key is empty."));
        }
        let (name, descending) = match part.split_once(':') {
            Some((name, dir)) => match dir.to_ascii_lowercase().as_str() {
                "asc" => (name, false),
                "desc" => (name, true),
                _ => return Err(error("$sort", format!("'{dir}' is not a direction (asc or desc)."))),
            },
            None => match part.strip_prefix('-') {
                Some(name) => (name, true),
                None => (part, false),
            },
        };
        let key = keys(&name.to_ascii_lowercase())
            .ok_or_else(|| error("$sort", format!("'{name}' is not a sort key.")))?;
        if !out.iter().any(|k| k.key == key) {
            out.push(SortKey { key, descending });
        }
    }
    Ok(out)
}

/// `$skip`/`$take`: a non-negative whole number.
pub fn parse_count(member: &str, raw: &str) -> Result<i64, QueryError> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n >= 0)
        .ok_or_else(|| error(member, format!("'{raw}' is not a whole number of 0 or more.")))
}

/// `$count` and plain boolean filters: `true` or `false`, any case.
pub fn parse_bool(member: &str, raw: &str) -> Result<bool, QueryError> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(error(member, format!("'{raw}' is not a boolean (true or false)."))),
    }
}
