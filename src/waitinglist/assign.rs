//! Automatic assignment: when an event's `waiting_list_auto` is on, places that become free
//! (a quota raised, fewer sold, a voucher expired or deleted) are offered to the next entries, in
//! priority then creation order, without anyone clicking. Each offer is its own transaction
//! under the single writer, so it sees every voucher already sent and never over-assigns.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::{repo, service};
use crate::app::App;
use crate::auth::{self, Principal};
use crate::error::{Error, Result};
use crate::events::{self, availability, settings::WaitingListSettings};

/// How often the assigner looks for free places.
const TICK: Duration = Duration::from_secs(2);

fn presale_running(event: &events::Event, now: DateTime<Utc>) -> bool {
    event.presale_start.is_none_or(|s| s <= now) && event.presale_end.is_none_or(|e| e >= now)
}

/// Offers free places to waiting entries of every event with automatic assignment. Returns how
/// many vouchers were sent. Errors: storage only; an entry that cannot be served is skipped.
pub fn assign_due(app: &App) -> Result<usize> {
    let events_waiting = app.db().read(repo::events_with_waiting)?;
    let mut sent = 0;
    // The system's access per organizer, looked up once per round.
    let mut accesses: std::collections::HashMap<i64, crate::auth::Access> = std::collections::HashMap::new();
    for event_id in events_waiting {
        let Some((organizer_id, event)) = app.db().read(|c| events::repo::find_event_by_id(c, event_id))?
        else {
            continue;
        };
        let access = match accesses.get(&organizer_id) {
            Some(access) => access.clone(),
            None => {
                let organizer: String = app.db().read(|c| {
                    Ok(c.query_row("SELECT slug FROM organizers WHERE id = ?1", [organizer_id], |r| {
                        r.get(0)
                    })?)
                })?;
                let access = auth::authorize(app, &Principal::System, &organizer)?;
                accesses.insert(organizer_id, access.clone());
                access
            }
        };
        let now = app.now();
        let settings = app
            .db()
            .read(|c| Ok(WaitingListSettings::from(&events::event_settings_in(c, &access, &event)?)))?;
        if !settings.auto
            || !presale_running(&event, now)
            || settings.auto_disable.is_some_and(|at| at <= now)
        {
            continue;
        }
        let waiting = app.db().read(|c| repo::waiting(c, event.id))?;
        // Products found sold out in this round; a cheap read keeps the writer free for them.
        let mut sold_out = std::collections::HashSet::new();
        for entry in waiting {
            let key = (entry.item, entry.variation, entry.subevent);
            if sold_out.contains(&key) {
                continue;
            }
            let free = app.db().read(|c| {
                let with_variations =
                    events::repo::find_item(c, event.id, entry.item)?.is_some_and(|i| i.has_variations);
                let variation = if with_variations { entry.variation } else { None };
                availability::of_product(c, entry.item, variation, entry.subevent, now, false)
            })?;
            if free.number.is_none_or(|n| n < 1) {
                sold_out.insert(key);
                continue;
            }
            if let Some(sub) = entry.subevent {
                let active = app
                    .db()
                    .read(|c| events::repo::find_subevent(c, event.id, sub))?
                    .is_some_and(|s| s.active && presale_running_sub(&s, now));
                if !active {
                    continue;
                }
            }
            let outcome = app.db().write(|tx| {
                // Re-read inside the transaction: the entry may have changed or been served.
                let Some(current) = repo::find(tx, event.id, entry.id)? else { return Ok(false) };
                match service::send_voucher_in_tx(tx, &access, &event, &current, app.now()) {
                    Ok(_) => Ok(true),
                    Err(Error::Declined(_)) | Err(Error::Validation(_)) => Ok(false),
                    Err(other) => Err(other),
                }
            })?;
            if outcome {
                sent += 1;
            }
        }
    }
    Ok(sent)
}

fn presale_running_sub(s: &events::SubEvent, now: DateTime<Utc>) -> bool {
    s.presale_start.is_none_or(|p| p <= now) && s.presale_end.is_none_or(|e| e >= now)
}

/// Runs the assigner for as long as the process lives.
pub async fn run_assigner(app: App) {
    loop {
        let result = app.blocking(assign_due).await;
        match result {
            Ok(n) if n > 0 => tracing::info!(vouchers = n, "waiting-list vouchers sent"),
            Ok(_) => {}
            Err(err) => tracing::error!(error = %err, "the waiting-list assigner failed"),
        }
        tokio::time::sleep(TICK).await;
    }
}
