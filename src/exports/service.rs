use std::collections::BTreeMap;

use chrono::{DateTime, Local, Utc};
use rusqlite::Connection;

use super::model::*;
use crate::app::App;
use crate::auth::{Access, Permission};
use crate::error::{Error, FieldErrors, Result};
use crate::types::{I18nText, time};

type Writer = csv::Writer<Vec<u8>>;

/// A time range; either end open.
type Range = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// Makes the export `request` asks for. Errors: `forbidden` (customers and memberships need
/// customer reading, the ledger kinds credit reading, waiting lists `event.orders:read` in the
/// event), `validation` on `from`, `to`, `event`.
pub fn export(app: &App, access: &Access, request: &ExportRequest) -> Result<CsvExport> {
    match request.kind {
        ExportKind::Customers | ExportKind::Memberships => access.require(Permission::CUSTOMERS_READ)?,
        ExportKind::Ledger | ExportKind::LedgerSummary => {
            access.require_any(&[Permission::CUSTOMERS_READ, Permission::GIFTCARDS_READ])?
        }
        ExportKind::WaitingList => {}
    }
    let (from, to) = range(request)?;
    // A byte order mark, so that spreadsheet programs read the file as UTF-8.
    let mut out = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    let rows = app.db().read(|c| match request.kind {
        ExportKind::Customers => customers(c, access, &mut out),
        ExportKind::Memberships => memberships(c, access, &mut out),
        ExportKind::Ledger => ledger(c, access, (from, to), &mut out),
        ExportKind::LedgerSummary => ledger_summary(c, access, (from, to), &mut out),
        ExportKind::WaitingList => waiting_list(c, access, request.event.as_deref(), &mut out),
    })?;
    let content = out.into_inner().map_err(|e| Error::Internal(e.to_string()))?;
    let day = app.now().with_timezone(&Local).format("%Y-%m-%d");
    let filename = format!("{}-{}-{day}.csv", access.organizer.slug, request.kind.as_str().replace('_', "-"));
    Ok(CsvExport { filename, rows, content })
}

/// Writes the export into `folder` (the window: the user's Downloads folder); an existing file is
/// never overwritten (a number is added).
pub fn save(
    app: &App,
    access: &Access,
    request: &ExportRequest,
    folder: &std::path::Path,
) -> Result<SavedExport> {
    let made = export(app, access, request)?;
    std::fs::create_dir_all(folder)
        .map_err(|e| Error::Internal(format!("cannot create {}: {e}", folder.display())))?;
    let stem = made.filename.trim_end_matches(".csv");
    let path = crate::files::first_free(folder, stem, "csv")
        .ok_or_else(|| Error::Internal("too many exports of this name".into()))?;
    std::fs::write(&path, &made.content)
        .map_err(|e| Error::Internal(format!("cannot write {}: {e}", path.display())))?;
    let filename = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(made.filename);
    Ok(SavedExport { path: Some(path.display().to_string()), rows: made.rows, filename })
}

fn range(request: &ExportRequest) -> Result<Range> {
    let mut errors = FieldErrors::new();
    let mut at = |field: &str, raw: &Option<String>| {
        raw.as_deref().map(str::trim).filter(|r| !r.is_empty()).and_then(|raw| {
            let parsed = time::parse(raw);
            if parsed.is_none() {
                errors.add(field, "Enter a date and time in RFC 3339, e.g. 2026-11-01T00:00:00Z.");
            }
            parsed
        })
    };
    let from = at("from", &request.from);
    let to = at("to", &request.to);
    if let (Some(f), Some(t)) = (from, to)
        && t <= f
    {
        errors.add("to", "The end must be after the start.");
    }
    errors.into_result()?;
    Ok((from, to))
}

fn put(out: &mut Writer, fields: &[&str]) -> Result<()> {
    out.write_record(fields).map_err(|e| Error::Internal(e.to_string()))
}

fn localized(raw: &str) -> String {
    I18nText::localized_stored(raw, "en")
}

fn shown(stored: &str) -> String {
    time::parse(stored).map(time::format).unwrap_or_else(|| stored.to_string())
}

fn customers(c: &Connection, access: &Access, out: &mut Writer) -> Result<u32> {
    let currency = &access.organizer.currency;
    let scheme = access.organizer.name_scheme;
    let mut header = vec!["identifier", "external_identifier", "email", "name"];
    header.extend(scheme.fields().iter().copied());
    header.extend([
        "phone",
        "locale",
        "is_active",
        "is_verified",
        "notes",
        "date_joined",
        "credit_balance",
        "cards",
    ]);
    put(out, &header)?;
    let mut stmt = c.prepare(
        "SELECT c.identifier, c.external_identifier, c.email, c.name, c.name_parts, c.phone, c.locale, \
                c.is_active, c.is_verified, c.notes, c.date_joined_at, \
                (SELECT balance_after FROM credit_entries e WHERE e.customer_id = c.id ORDER BY e.id DESC LIMIT 1), \
                (SELECT group_concat(serial_number, ' ') FROM cards k WHERE k.customer_id = c.id AND k.status = 'Active') \
         FROM customers c WHERE c.organizer_id = ?1 ORDER BY c.id",
    )?;
    let mut rows = stmt.query([access.organizer_id()])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let text =
            |i: usize| -> rusqlite::Result<String> { Ok(r.get::<_, Option<String>>(i)?.unwrap_or_default()) };
        let parts: BTreeMap<String, String> = serde_json::from_str(&text(4)?).unwrap_or_default();
        let mut line = vec![text(0)?, text(1)?, text(2)?, text(3)?];
        line.extend(scheme.fields().iter().map(|p| parts.get(*p).cloned().unwrap_or_default()));
        line.extend([
            text(5)?,
            text(6)?,
            r.get::<_, bool>(7)?.to_string(),
            r.get::<_, bool>(8)?.to_string(),
            text(9)?,
            shown(&text(10)?),
            currency.format(r.get::<_, Option<i64>>(11)?.unwrap_or(0)),
            text(12)?,
        ]);
        out.write_record(&line).map_err(|e| Error::Internal(e.to_string()))?;
        n += 1;
    }
    Ok(n)
}

fn memberships(c: &Connection, access: &Access, out: &mut Writer) -> Result<u32> {
    put(
        out,
        &[
            "id",
            "customer",
            "customer_email",
            "membership_type",
            "date_start",
            "date_end",
            "testmode",
            "attendee_name",
        ],
    )?;
    let mut stmt = c.prepare(
        "SELECT m.id, c.identifier, c.email, t.name, m.date_start_at, m.date_end_at, m.is_testmode, m.attendee_name_parts \
         FROM memberships m JOIN customers c ON c.id = m.customer_id JOIN membership_types t ON t.id = m.membership_type_id \
         WHERE m.organizer_id = ?1 ORDER BY m.id",
    )?;
    let mut rows = stmt.query([access.organizer_id()])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let parts: BTreeMap<String, String> =
            r.get::<_, Option<String>>(7)?.and_then(|p| serde_json::from_str(&p).ok()).unwrap_or_default();
        let attendee = crate::types::NameParts::from_stored(parts).display(access.organizer.name_scheme);
        out.write_record([
            r.get::<_, i64>(0)?.to_string(),
            r.get(1)?,
            r.get::<_, Option<String>>(2)?.unwrap_or_default(),
            localized(&r.get::<_, String>(3)?),
            shown(&r.get::<_, String>(4)?),
            shown(&r.get::<_, String>(5)?),
            r.get::<_, bool>(6)?.to_string(),
            attendee,
        ])
        .map_err(|e| Error::Internal(e.to_string()))?;
        n += 1;
    }
    Ok(n)
}

/// One credit entry as the ledger exports read it.
struct Entry {
    id: i64,
    at: DateTime<Utc>,
    customer: String,
    customer_name: String,
    kind: String,
    amount: i64,
    balance_after: i64,
    terminal: String,
    reference: String,
    note: String,
}

fn entries(
    c: &Connection,
    access: &Access,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    mut each: impl FnMut(Entry) -> Result<()>,
) -> Result<()> {
    let mut stmt = c.prepare(
        "SELECT e.id, e.created_at, c.identifier, c.name, e.kind, e.amount, e.balance_after, \
                CASE WHEN d.id IS NOT NULL THEN 'Device: ' || d.name \
                     WHEN us.id IS NOT NULL THEN 'Desk: ' || us.email \
                     WHEN k.id IS NOT NULL THEN 'API: ' || k.name ELSE '' END, \
                e.reference, e.note \
         FROM credit_entries e JOIN customers c ON c.id = e.customer_id \
         LEFT JOIN devices d ON d.id = e.device_id LEFT JOIN users us ON us.id = e.user_id \
         LEFT JOIN team_api_tokens k ON k.id = e.api_token_id \
         WHERE e.organizer_id = ?1 AND e.created_at >= ?2 AND e.created_at < ?3 ORDER BY e.created_at, e.id",
    )?;
    let from = from.map(time::store).unwrap_or_default();
    let to = to.map(time::store).unwrap_or_else(|| "9999".into());
    let mut rows = stmt.query(rusqlite::params![access.organizer_id(), from, to])?;
    while let Some(r) = rows.next()? {
        let at = time::parse(&r.get::<_, String>(1)?).unwrap_or_default();
        each(Entry {
            id: r.get(0)?,
            at,
            customer: r.get(2)?,
            customer_name: r.get(3)?,
            kind: r.get(4)?,
            amount: r.get(5)?,
            balance_after: r.get(6)?,
            terminal: r.get(7)?,
            reference: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
            note: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
        })?;
    }
    Ok(())
}

fn ledger(c: &Connection, access: &Access, (from, to): Range, out: &mut Writer) -> Result<u32> {
    let currency = &access.organizer.currency;
    put(
        out,
        &[
            "entry",
            "date",
            "time",
            "created_at_utc",
            "customer",
            "customer_name",
            "type",
            "amount",
            "balance_after",
            "currency",
            "terminal",
            "reference",
            "note",
        ],
    )?;
    let mut n = 0;
    entries(c, access, from, to, |e| {
        let local = e.at.with_timezone(&Local);
        out.write_record([
            e.id.to_string(),
            local.format("%Y-%m-%d").to_string(),
            local.format("%H:%M:%S").to_string(),
            time::format(e.at),
            e.customer,
            e.customer_name,
            e.kind,
            currency.format(e.amount),
            currency.format(e.balance_after),
            currency.code().to_string(),
            e.terminal,
            e.reference,
            e.note,
        ])
        .map_err(|err| Error::Internal(err.to_string()))?;
        n += 1;
        Ok(())
    })?;
    Ok(n)
}

fn ledger_summary(c: &Connection, access: &Access, (from, to): Range, out: &mut Writer) -> Result<u32> {
    let currency = &access.organizer.currency;
    let mut sums: BTreeMap<(String, String, String), (u32, i64)> = BTreeMap::new();
    entries(c, access, from, to, |e| {
        let day = e.at.with_timezone(&Local).format("%Y-%m-%d").to_string();
        let slot = sums.entry((day, e.terminal, e.kind)).or_default();
        slot.0 += 1;
        slot.1 += e.amount;
        Ok(())
    })?;
    put(out, &["date", "terminal", "type", "entries", "sum", "currency"])?;
    for ((day, terminal, kind), (count, sum)) in &sums {
        out.write_record([day, terminal, kind, &count.to_string(), &currency.format(*sum), currency.code()])
            .map_err(|e| Error::Internal(e.to_string()))?;
    }
    Ok(sums.len() as u32)
}

fn waiting_list(c: &Connection, access: &Access, event: Option<&str>, out: &mut Writer) -> Result<u32> {
    if let Some(slug) = event {
        access.require_event(slug, Permission::EVENT_ORDERS_READ)?;
        let known: bool = c.query_row(
            "SELECT EXISTS (SELECT 1 FROM events WHERE organizer_id = ?1 AND slug = ?2)",
            rusqlite::params![access.organizer_id(), slug],
            |r| r.get(0),
        )?;
        if !known {
            return Err(Error::validation("event", "No such event."));
        }
    }
    put(
        out,
        &[
            "event",
            "event_name",
            "subevent",
            "position",
            "created",
            "name",
            "email",
            "phone",
            "product",
            "variation",
            "locale",
            "priority",
            "voucher",
        ],
    )?;
    let mut stmt = c.prepare(
        "SELECT e.slug, e.name, s.name, w.created_at, w.name_parts, w.email, w.phone, i.name, v.value, w.locale, \
                w.priority, vo.code, w.voucher_id IS NULL \
         FROM waiting_list_entries w JOIN events e ON e.id = w.event_id JOIN items i ON i.id = w.item_id \
         LEFT JOIN item_variations v ON v.id = w.variation_id LEFT JOIN subevents s ON s.id = w.subevent_id \
         LEFT JOIN vouchers vo ON vo.id = w.voucher_id \
         WHERE e.organizer_id = ?1 AND (?2 IS NULL OR e.slug = ?2) \
         ORDER BY e.slug, w.subevent_id, w.priority DESC, w.created_at, w.id",
    )?;
    let mut rows = stmt.query(rusqlite::params![access.organizer_id(), event])?;
    let (mut n, mut position, mut list) = (0, 0u32, (String::new(), String::new()));
    while let Some(r) = rows.next()? {
        let slug: String = r.get(0)?;
        if !access.has_event(&slug, Permission::EVENT_ORDERS_READ) {
            continue;
        }
        let subevent = r.get::<_, Option<String>>(2)?.map(|s| localized(&s)).unwrap_or_default();
        if list != (slug.clone(), subevent.clone()) {
            list = (slug.clone(), subevent.clone());
            position = 0;
        }
        // Still waiting: numbered in the order vouchers go out; those with a voucher are not.
        let waiting: bool = r.get(12)?;
        if waiting {
            position += 1;
        }
        let parts: BTreeMap<String, String> =
            serde_json::from_str(&r.get::<_, String>(4)?).unwrap_or_default();
        out.write_record([
            slug,
            localized(&r.get::<_, String>(1)?),
            subevent,
            if waiting { position.to_string() } else { String::new() },
            shown(&r.get::<_, String>(3)?),
            crate::types::NameParts::from_stored(parts).display(access.organizer.name_scheme),
            r.get(5)?,
            r.get::<_, Option<String>>(6)?.unwrap_or_default(),
            localized(&r.get::<_, String>(7)?),
            r.get::<_, Option<String>>(8)?.map(|v| localized(&v)).unwrap_or_default(),
            r.get(9)?,
            r.get::<_, i64>(10)?.to_string(),
            r.get::<_, Option<String>>(11)?.unwrap_or_default(),
        ])
        .map_err(|e| Error::Internal(e.to_string()))?;
        n += 1;
    }
    Ok(n)
}
