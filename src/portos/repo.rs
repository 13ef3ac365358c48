use rusqlite::Connection;
use rusqlite::types::Value as Sql;

use super::query::{CustomerQuery, Filter, SortBy};
use crate::cards::normalize_serial;
use crate::error::Result;
use crate::ndata::{Condition, Op, Value};

/// A customer row with the Portos columns.
pub(crate) struct Row {
    pub id: i64,
    pub identifier: String,
    pub external_id: Option<String>,
    pub is_active: bool,
    pub activation_at: Option<String>,
    pub expiration_at: Option<String>,
    pub name_parts: String,
    pub name: String,
    pub gender: Option<String>,
    pub birth_date: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub is_company: bool,
    pub company: Option<String>,
    pub address: Option<String>,
    pub delivery_address: Option<String>,
    pub notes: Option<String>,
    pub credit_rate: i64,
    pub discount_rate: i64,
    pub meta: String,
    pub version: i64,
}

const COLUMNS: &str = "c.id, c.identifier, c.external_identifier, c.is_active, c.activation_at, c.expiration_at, \
    c.name_parts, c.name, c.gender, c.birth_date, c.email, c.phone, c.is_company, c.company, c.address, \
    c.delivery_address, c.notes, c.credit_rate, c.discount_rate, c.meta, c.version";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        id: r.get(0)?,
        identifier: r.get(1)?,
        external_id: r.get(2)?,
        is_active: r.get(3)?,
        activation_at: r.get(4)?,
        expiration_at: r.get(5)?,
        name_parts: r.get(6)?,
        name: r.get(7)?,
        gender: r.get(8)?,
        birth_date: r.get(9)?,
        email: r.get(10)?,
        phone: r.get(11)?,
        is_company: r.get(12)?,
        company: r.get(13)?,
        address: r.get(14)?,
        delivery_address: r.get(15)?,
        notes: r.get(16)?,
        credit_rate: r.get(17)?,
        discount_rate: r.get(18)?,
        meta: r.get(19)?,
        version: r.get(20)?,
    })
}

fn bind(value: &Value, serial: bool) -> Sql {
    match value {
        Value::Text(t) if serial => Sql::Text(normalize_serial(t)),
        Value::Text(t) | Value::Time(t) => Sql::Text(t.clone()),
        Value::Hundredths(n) => Sql::Integer(*n),
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
    }
}

fn like_pattern(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// One condition on a fixed column expression; arguments are bound, never written into the SQL.
fn condition(col: &str, c: &Condition, serial: bool, params: &mut Vec<Sql>) -> String {
    let placeholders = |params: &mut Vec<Sql>| {
        c.args.iter().map(|a| params.push(bind(a, serial))).map(|_| "?").collect::<Vec<_>>().join(", ")
    };
    match c.op {
        Op::Null => format!("{col} IS NULL"),
        Op::NotNull => format!("{col} IS NOT NULL"),
        Op::In => format!("{col} IN ({})", placeholders(params)),
        Op::Nin => format!("({col} IS NULL OR {col} NOT IN ({}))", placeholders(params)),
        Op::Contains | Op::StartsWith => {
            let text = match bind(&c.args[0], serial) {
                Sql::Text(t) => t,
                _ => String::new(),
            };
            let pattern = if c.op == Op::Contains {
                format!("%{}%", like_pattern(&text))
            } else {
                format!("{}%", like_pattern(&text))
            };
            params.push(Sql::Text(pattern));
            format!("{col} LIKE ? ESCAPE '\\'")
        }
        op => {
            params.push(bind(&c.args[0], serial));
            match op {
                Op::Neq => format!("({col} IS NULL OR {col} <> ?)"),
                Op::Gt => format!("{col} > ?"),
                Op::Gte => format!("{col} >= ?"),
                Op::Lt => format!("{col} < ?"),
                Op::Lte => format!("{col} <= ?"),
                _ => format!("{col} = ?"),
            }
        }
    }
}

fn column(filter: Filter) -> &'static str {
    match filter {
        Filter::CardSerialNumber => "k.serial_number",
        Filter::ExternalId => "c.external_identifier",
        Filter::CreditRate => "c.credit_rate",
        Filter::DiscountRate => "c.discount_rate",
        Filter::IsActive => "c.is_active",
        Filter::ExpirationTime => "c.expiration_at",
    }
}

fn sort_column(key: SortBy) -> &'static str {
    match key {
        SortBy::Id => "c.identifier",
        SortBy::ExternalId => "c.external_identifier",
        // As `firstName`/`lastName` are shown: the given and family name where the scheme has
        // them, otherwise the full name split at its last space.
        SortBy::FirstName => {
            "CASE WHEN json_extract(c.name_parts, '$.given_name') IS NOT NULL \
               OR json_extract(c.name_parts, '$.family_name') IS NOT NULL \
             THEN json_extract(c.name_parts, '$.given_name') \
             ELSE trim(substr(c.name, 1, length(rtrim(c.name, replace(c.name, ' ', ''))))) END"
        }
        SortBy::LastName => {
            "CASE WHEN json_extract(c.name_parts, '$.given_name') IS NOT NULL \
               OR json_extract(c.name_parts, '$.family_name') IS NOT NULL \
             THEN json_extract(c.name_parts, '$.family_name') \
             ELSE substr(c.name, length(rtrim(c.name, replace(c.name, ' ', ''))) + 1) END"
        }
        SortBy::FullName => "c.name",
        SortBy::Email => "c.email",
        SortBy::Phone => "c.phone",
        SortBy::IsActive => "c.is_active",
        SortBy::ActivationTime => "c.activation_at",
        SortBy::ExpirationTime => "c.expiration_at",
        SortBy::BirthDate => "c.birth_date",
        SortBy::CreditRate => "c.credit_rate",
        SortBy::DiscountRate => "c.discount_rate",
        SortBy::Version => "c.version",
    }
}

/// The WHERE clause of a query, from fixed fragments, and its bound values.
fn filter_sql(organizer_id: i64, query: &CustomerQuery, now: &str) -> (String, Vec<Sql>) {
    // With an indexed search, the matches drive the query: the organizer is then checked per
    // match (`+` keeps SQLite from scanning the organizer's whole index instead).
    let indexed_search = query.search.as_ref().is_some_and(|s| s.chars().count() >= 3);
    let organizer = if indexed_search { "+c.organizer_id = ?" } else { "c.organizer_id = ?" };
    let mut clauses = vec![organizer.to_string()];
    let mut params = vec![Sql::Integer(organizer_id)];
    for (filter, conditions) in &query.filters {
        if *filter == Filter::CardSerialNumber {
            // Null: no card at all; otherwise one card must meet every other condition.
            let mut inner = Vec::new();
            for c in conditions {
                match c.op {
                    Op::Null => {
                        clauses.push("NOT EXISTS (SELECT 1 FROM cards k WHERE k.customer_id = c.id)".into())
                    }
                    Op::NotNull => {
                        clauses.push("EXISTS (SELECT 1 FROM cards k WHERE k.customer_id = c.id)".into())
                    }
                    _ => inner.push(c),
                }
            }
            if !inner.is_empty() {
                let mut sql = "EXISTS (SELECT 1 FROM cards k WHERE k.customer_id = c.id".to_string();
                for c in inner {
                    sql.push_str(" AND ");
                    sql.push_str(&condition(column(*filter), c, true, &mut params));
                }
                sql.push(')');
                clauses.push(sql);
            }
        } else {
            for c in conditions {
                clauses.push(condition(column(*filter), c, false, &mut params));
            }
        }
    }
    if let Some(expired) = query.is_expired {
        params.push(Sql::Text(now.to_string()));
        clauses.push(if expired {
            "(c.expiration_at IS NOT NULL AND c.expiration_at <= ?)".into()
        } else {
            "(c.expiration_at IS NULL OR c.expiration_at > ?)".into()
        });
    }
    if let Some(search) = &query.search {
        if search.chars().count() >= 3 {
            // The trigram index matches any substring of three or more characters, in any case.
            params.push(Sql::Text(format!("\"{}\"", search.replace('"', "\"\""))));
            clauses
                .push("c.id IN (SELECT rowid FROM customers_search WHERE customers_search MATCH ?)".into());
        } else {
            let pattern = format!("%{}%", like_pattern(search));
            let fields = [
                "c.name",
                "json_extract(c.company, '$.name')",
                "json_extract(c.company, '$.vatId')",
                "json_extract(c.company, '$.taxId')",
                "c.notes",
            ];
            let any = fields
                .iter()
                .map(|f| {
                    params.push(Sql::Text(pattern.clone()));
                    format!("{f} LIKE ? ESCAPE '\\'")
                })
                .collect::<Vec<_>>()
                .join(" OR ");
            clauses.push(format!("({any})"));
        }
    }
    (clauses.join(" AND "), params)
}

/// One page of matching customers and how many match in all.
pub(crate) fn list(
    conn: &Connection,
    organizer_id: i64,
    query: &CustomerQuery,
    now: &str,
) -> Result<(Vec<Row>, i64)> {
    let (filter, params) = filter_sql(organizer_id, query, now);
    let total: i64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM customers c WHERE {filter}"))?
        .query_row(rusqlite::params_from_iter(params.iter()), |r| r.get(0))?;
    if query.count_only {
        return Ok((Vec::new(), total));
    }
    let mut order: Vec<String> = query
        .sort
        .iter()
        .map(|k| format!("{} {}", sort_column(k.key), if k.descending { "DESC" } else { "ASC" }))
        .collect();
    order.push("c.id ASC".into());
    let sql = format!(
        "SELECT {COLUMNS} FROM customers c WHERE {filter} ORDER BY {} LIMIT ? OFFSET ?",
        order.join(", ")
    );
    let mut params = params;
    params.push(Sql::Integer(query.take));
    params.push(Sql::Integer(query.skip));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(params.iter()), from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok((rows, total))
}

pub(crate) fn find(conn: &Connection, organizer_id: i64, identifier: &str) -> Result<Option<Row>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM customers c WHERE c.organizer_id = ?1 AND c.identifier = ?2"
        ))?
        .query_row(rusqlite::params![organizer_id, identifier], from_row)
        .optional()?)
}

/// The Portos-only columns of a customer.
pub(crate) struct Extra<'a> {
    pub activation_at: Option<String>,
    pub expiration_at: Option<String>,
    pub gender: Option<&'a str>,
    pub birth_date: Option<String>,
    pub is_company: bool,
    pub company: Option<String>,
    pub address: Option<String>,
    pub delivery_address: Option<String>,
    pub credit_rate: i64,
    pub discount_rate: i64,
    pub meta: String,
}

pub(crate) fn save_extra(
    conn: &Connection,
    organizer_id: i64,
    identifier: &str,
    e: &Extra<'_>,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE customers SET activation_at = ?3, expiration_at = ?4, gender = ?5, birth_date = ?6, \
         is_company = ?7, company = ?8, address = ?9, delivery_address = ?10, credit_rate = ?11, \
         discount_rate = ?12, meta = ?13 WHERE organizer_id = ?1 AND identifier = ?2",
    )?
    .execute(rusqlite::params![
        organizer_id,
        identifier,
        e.activation_at,
        e.expiration_at,
        e.gender,
        e.birth_date,
        e.is_company,
        e.company,
        e.address,
        e.delivery_address,
        e.credit_rate,
        e.discount_rate,
        e.meta
    ])?;
    Ok(())
}
