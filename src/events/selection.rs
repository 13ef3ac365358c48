//! `GET /api/v1/device/eventselection`: which event (or date of a series) a paired terminal
//! should work on now, by pretix's rules — a running one wins, else the last started or the next
//! upcoming, switching at the midpoint between them. Tessera has no check-in lists or gates, so
//! `checkinlist` is always `null`.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::repo;
use crate::app::App;
use crate::auth::{self, Principal};
use crate::error::Result;
use crate::types::I18nText;

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct SelectedEvent {
    pub slug: String,
    pub name: String,
}

/// The suggestion: `{event: {slug, name}, subevent, checkinlist}`.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Selection {
    pub event: SelectedEvent,
    pub subevent: Option<i64>,
    pub checkinlist: Option<i64>,
}

/// What the terminal works on now (`current_event`, `current_subevent`).
#[derive(Debug, Clone, Default)]
pub struct CurrentSelection {
    pub event: Option<String>,
    pub subevent: Option<i64>,
}

/// The outcome: keep the current selection (304), nothing to work on (404), or a suggestion.
#[derive(Debug, Clone, PartialEq)]
pub enum Suggestion {
    Unchanged,
    NoCandidate,
    Switch(Selection),
}

struct Candidate {
    slug: String,
    name: String,
    subevent: Option<i64>,
    first: DateTime<Utc>,
    last: DateTime<Utc>,
}

/// Suggests the (sub)event for a paired device. Errors: `forbidden` (not a device of an
/// organizer).
pub fn device_selection(app: &App, principal: &Principal, current: &CurrentSelection) -> Result<Suggestion> {
    let access = auth::home_access(app, principal)?;
    let now = app.now();
    let candidates = app.db().read(|c| {
        let mut out = Vec::new();
        for e in repo::list_events(c, access.organizer_id(), true, false)? {
            if !e.live || !access.sees_event(&e.slug) {
                continue;
            }
            let name = I18nText::from_stored(e.name.clone()).localized("en").to_string();
            if e.has_subevents {
                for s in repo::list_subevents(c, e.id)?.into_iter().filter(|s| s.active) {
                    out.push(Candidate {
                        slug: e.slug.clone(),
                        name: name.clone(),
                        subevent: Some(s.id),
                        first: s.date_admission.unwrap_or(s.date_from),
                        last: s.date_to.unwrap_or(s.date_from),
                    });
                }
            } else {
                out.push(Candidate {
                    first: e.date_admission.unwrap_or(e.date_from),
                    last: e.date_to.unwrap_or(e.date_from),
                    slug: e.slug,
                    name,
                    subevent: None,
                });
            }
        }
        Ok(out)
    })?;
    Ok(choose(candidates, current, now))
}

fn choose(candidates: Vec<Candidate>, current: &CurrentSelection, now: DateTime<Utc>) -> Suggestion {
    if candidates.is_empty() {
        return Suggestion::NoCandidate;
    }
    let is_current =
        |c: &Candidate| current.event.as_deref() == Some(c.slug.as_str()) && current.subevent == c.subevent;
    let running: Vec<&Candidate> = candidates.iter().filter(|c| c.first <= now && now <= c.last).collect();
    let chosen = if running.iter().any(|c| is_current(c)) {
        return Suggestion::Unchanged;
    } else if let Some(c) = running.iter().max_by_key(|c| c.first) {
        *c
    } else {
        let last_started = candidates.iter().filter(|c| c.last < now).max_by_key(|c| c.last);
        let next = candidates.iter().filter(|c| c.first > now).min_by_key(|c| c.first);
        match (last_started, next) {
            (Some(prev), Some(next)) => {
                let midpoint = prev.last + (next.first - prev.last) / 2;
                if now < midpoint { prev } else { next }
            }
            (Some(only), None) | (None, Some(only)) => only,
            (None, None) => return Suggestion::NoCandidate,
        }
    };
    if is_current(chosen) {
        return Suggestion::Unchanged;
    }
    Suggestion::Switch(Selection {
        event: SelectedEvent { slug: chosen.slug.clone(), name: chosen.name.clone() },
        subevent: chosen.subevent,
        checkinlist: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2030, 1, 1, h, 0, 0).unwrap()
    }

    fn cand(slug: &str, first: u32, last: u32) -> Candidate {
        Candidate { slug: slug.into(), name: slug.into(), subevent: None, first: at(first), last: at(last) }
    }

    fn slug(s: Suggestion) -> String {
        match s {
            Suggestion::Switch(sel) => sel.event.slug,
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn a_running_event_wins_and_a_running_current_one_stays() {
        let current = CurrentSelection { event: Some("a".into()), subevent: None };
        assert_eq!(slug(choose(vec![cand("a", 1, 3), cand("b", 9, 10)], &current, at(2))), "Unchanged");
        assert_eq!(
            slug(choose(vec![cand("a", 1, 3), cand("b", 9, 10)], &CurrentSelection::default(), at(2))),
            "a"
        );
    }

    #[test]
    fn between_events_the_choice_switches_at_the_midpoint() {
        let events = || vec![cand("early", 1, 2), cand("late", 10, 11)];
        assert_eq!(slug(choose(events(), &CurrentSelection::default(), at(5))), "early");
        assert_eq!(slug(choose(events(), &CurrentSelection::default(), at(7))), "late");
        assert_eq!(choose(vec![], &CurrentSelection::default(), at(7)), Suggestion::NoCandidate);
    }
}
