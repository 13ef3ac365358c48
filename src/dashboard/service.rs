use chrono::{DateTime, TimeDelta, Utc};
use rusqlite::Connection;

use super::model::*;
use crate::app::App;
use crate::auth::{self, Access, Permission, Principal};
use crate::error::{Error, Result};
use crate::types::I18nText;
use crate::types::time;

/// Terminals seen within this long count as present.
const SEEN_WITHIN: TimeDelta = TimeDelta::minutes(10);

/// The start screen for `access`'s organizer, for the day that began at `since` (the desk's local
/// midnight). Needs customers or gift card reading (credit is most of it); the last backup only
/// for administrators. Errors: `forbidden`, `validation` on `since`.
pub fn dashboard(app: &App, principal: &Principal, access: &Access, since: &str) -> Result<Dashboard> {
    access.require_any(&[Permission::CUSTOMERS_READ, Permission::GIFTCARDS_READ])?;
    let start =
        time::parse(since).ok_or_else(|| Error::validation("since", "Enter a date and time in RFC 3339."))?;
    let now = app.now();
    if start > now + TimeDelta::days(1) || start < now - TimeDelta::days(366) {
        return Err(Error::validation("since", "Choose a start within the last year."));
    }
    let currency = &access.organizer.currency;
    let organizer = access.organizer.id;
    let mut dashboard = app.db().read(|c| {
        let language = language(c, access)?;
        let day = credit_today(c, organizer, start)?;
        let sum = |(count, minor): (u32, i64)| AmountSum { count, total: currency.format(minor) };
        let hours = (0..24)
            .map(|h| HourTotals {
                start: time::format(start + TimeDelta::hours(h as i64)),
                topups: currency.format(day.hourly_topups[h]),
                charges: currency.format(day.hourly_charges[h]),
            })
            .collect();
        Ok(Dashboard {
            currency: currency.code().to_string(),
            since: time::format(start),
            topups: sum(day.topups),
            charges: sum(day.charges),
            refunds: sum(day.refunds),
            hours,
            memberships: active_memberships(c, organizer, now, &language)?,
            waiting_lists: waiting_lists(c, organizer, &language)?
                .into_iter()
                .filter(|w| access.sees_event(&w.event))
                .collect(),
            terminals: terminals(c, organizer, now)?,
            outbox: outbox(c, organizer, start)?,
            last_backup: None,
        })
    })?;
    if auth::require_admin(app, principal).is_ok() {
        dashboard.last_backup = crate::backups::last_backup(app)?;
    }
    Ok(dashboard)
}

/// The user's window language, for names kept in several languages (English for others).
fn language(c: &Connection, access: &Access) -> Result<String> {
    let Some(user_id) = access.actor.user_id else { return Ok("en".into()) };
    Ok(auth::repo::find_active_user(c, user_id)?.map_or_else(|| "en".into(), |u| u.locale))
}

/// The day's credit: per kind how many entries and their sum (positive), and per hour the
/// top-ups and charges.
#[derive(Default)]
struct Day {
    topups: (u32, i64),
    charges: (u32, i64),
    refunds: (u32, i64),
    hourly_topups: [i64; 24],
    hourly_charges: [i64; 24],
}

fn credit_today(c: &Connection, organizer: i64, start: DateTime<Utc>) -> Result<Day> {
    let end = start + TimeDelta::hours(24);
    let mut stmt = c.prepare_cached(
        "SELECT kind, amount, created_at FROM credit_entries \
         WHERE organizer_id = ?1 AND created_at >= ?2 AND created_at < ?3 \
         AND kind IN ('TopUp', 'Charge', 'Refund')",
    )?;
    let mut rows = stmt.query(rusqlite::params![organizer, time::store(start), time::store(end)])?;
    let mut day = Day::default();
    while let Some(r) = rows.next()? {
        let (kind, amount, at): (String, i64, String) = (r.get(0)?, r.get::<_, i64>(1)?.abs(), r.get(2)?);
        let hour = time::parse(&at).map(|at| (at - start).num_hours()).unwrap_or(0).clamp(0, 23) as usize;
        let (total, hourly) = match kind.as_str() {
            "TopUp" => (&mut day.topups, Some(&mut day.hourly_topups)),
            "Charge" => (&mut day.charges, Some(&mut day.hourly_charges)),
            _ => (&mut day.refunds, None),
        };
        total.0 += 1;
        total.1 += amount;
        if let Some(hourly) = hourly {
            hourly[hour] += amount;
        }
    }
    Ok(day)
}

fn active_memberships(
    c: &Connection,
    organizer: i64,
    now: DateTime<Utc>,
    language: &str,
) -> Result<Vec<ActiveMemberships>> {
    let now = time::store(now);
    let mut stmt = c.prepare_cached(
        "SELECT t.id, t.name, count(m.id) FROM membership_types t \
         JOIN memberships m ON m.membership_type_id = t.id \
         WHERE t.organizer_id = ?1 AND m.is_testmode = 0 AND m.date_start_at <= ?2 AND m.date_end_at >= ?2 \
         GROUP BY t.id ORDER BY count(m.id) DESC, t.id",
    )?;
    let rows = stmt.query_map(rusqlite::params![organizer, now], |r| {
        Ok(ActiveMemberships {
            membership_type: r.get::<_, i64>(0)? as u32,
            name: I18nText::localized_stored(&r.get::<_, String>(1)?, language),
            active: r.get::<_, i64>(2)? as u32,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn waiting_lists(c: &Connection, organizer: i64, language: &str) -> Result<Vec<WaitingListLength>> {
    let mut stmt = c.prepare_cached(
        "SELECT e.slug, e.name, w.subevent_id, s.name, \
                sum(w.voucher_id IS NULL), sum(w.voucher_id IS NOT NULL) \
         FROM waiting_list_entries w JOIN events e ON e.id = w.event_id \
         LEFT JOIN subevents s ON s.id = w.subevent_id \
         WHERE e.organizer_id = ?1 \
         GROUP BY w.event_id, w.subevent_id \
         HAVING sum(w.voucher_id IS NULL) > 0 \
         ORDER BY sum(w.voucher_id IS NULL) DESC, e.slug, w.subevent_id",
    )?;
    let rows = stmt.query_map([organizer], |r| {
        Ok(WaitingListLength {
            event: r.get(0)?,
            event_name: I18nText::localized_stored(&r.get::<_, String>(1)?, language),
            subevent: r.get::<_, Option<i64>>(2)?.map(|s| s as u32),
            subevent_name: r.get::<_, Option<String>>(3)?.map(|n| I18nText::localized_stored(&n, language)),
            waiting: r.get::<_, i64>(4)? as u32,
            with_voucher: r.get::<_, i64>(5)? as u32,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn terminals(c: &Connection, organizer: i64, now: DateTime<Utc>) -> Result<Vec<TerminalSeen>> {
    let mut stmt = c.prepare_cached(
        "SELECT device_id, name, last_seen_at FROM devices \
         WHERE organizer_id = ?1 AND last_seen_at >= ?2 AND is_revoked = 0 \
         ORDER BY last_seen_at DESC",
    )?;
    let rows = stmt.query_map(rusqlite::params![organizer, time::store(now - SEEN_WITHIN)], |r| {
        Ok(TerminalSeen {
            device: r.get::<_, i64>(0)? as u32,
            name: r.get(1)?,
            last_seen: time::parse(&r.get::<_, String>(2)?).map(time::format).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn outbox(c: &Connection, organizer: i64, start: DateTime<Utc>) -> Result<OutboxState> {
    Ok(c.prepare_cached(
        "SELECT coalesce(sum(state = 'queued'), 0), coalesce(sum(state = 'failed'), 0), \
                coalesce(sum(state = 'sent' AND sent_at >= ?2), 0), \
                min(CASE WHEN state = 'queued' THEN created_at END) \
         FROM outbox_mails WHERE organizer_id = ?1",
    )?
    .query_row(rusqlite::params![organizer, time::store(start)], |r| {
        Ok(OutboxState {
            queued: r.get::<_, i64>(0)? as u32,
            failed: r.get::<_, i64>(1)? as u32,
            sent_since: r.get::<_, i64>(2)? as u32,
            oldest_queued: r.get::<_, Option<String>>(3)?.and_then(|t| time::parse(&t)).map(time::format),
        })
    })?)
}
