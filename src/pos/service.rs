use rusqlite::Connection;

use super::model::*;
use crate::app::App;
use crate::auth::Access;
use crate::cards::{self, Card, CardStatus};
use crate::credit;
use crate::customers;
use crate::error::{Error, Result};
use crate::memberships::{self, Standing};
use crate::types::NameParts;

fn refusal_for(card: Option<&Card>, customer_active: bool) -> Option<String> {
    if let Some(card) = card {
        let why = match card.status {
            CardStatus::Blocked => Some("This card is blocked."),
            CardStatus::Lost => Some("This card was reported lost."),
            CardStatus::Replaced => Some("This card was replaced by another card."),
            CardStatus::Active if !card.is_active => Some("This card is not valid at this time."),
            CardStatus::Active => None,
        };
        if let Some(why) = why {
            return Some(why.to_string());
        }
    }
    (!customer_active).then(|| "This customer account is not active.".to_string())
}

fn lookup_in(
    c: &Connection,
    app: &App,
    access: &Access,
    customer_id: i64,
    card: Option<Card>,
) -> Result<PosLookup> {
    let record = customers::repo::find_by_row_id(c, access.organizer_id(), customer_id)?
        .ok_or(Error::NotFound { entity: "Customer" })?;
    let customer = record.customer;
    let now = app.now();
    let memberships = memberships::statuses_in(c, access.organizer_id(), customer_id, now, Some(false))?
        .into_iter()
        .filter(|(s, _)| s.standing == Standing::Valid)
        .map(|(s, t)| PosMembership {
            id: s.membership.id,
            type_name: ["en", "de"]
                .iter()
                .find_map(|l| t.name.get(*l))
                .or_else(|| t.name.values().next())
                .cloned()
                .unwrap_or_default(),
            date_start: s.membership.date_start,
            date_end: s.membership.date_end,
            uses_left: s.uses_left,
            attendee_name: s
                .membership
                .attendee_name_parts
                .clone()
                .map(|parts| NameParts::from_stored(parts).display(access.organizer.name_scheme))
                .filter(|name| !name.is_empty()),
        })
        .collect();
    let minor = credit::balance_minor(c, customer_id)?;
    let refusal = refusal_for(card.as_ref(), customer.is_active);
    Ok(PosLookup {
        credit: credit::balance_of(access, &customer.identifier, minor),
        discount_rate: rust_decimal::Decimal::new(record.discount_rate, 2).to_string(),
        customer: PosCustomer {
            id: customer.identifier,
            name: customer.name,
            email: customer.email,
            phone: customer.phone,
            is_active: customer.is_active,
        },
        card,
        memberships,
        can_use: refusal.is_none(),
        refusal,
    })
}

/// What a till needs after scanning `serial` (in any format the reader writes it). Errors:
/// `forbidden` (needs customers or reusable media read), `not_found` (no such card).
pub fn by_card(app: &App, access: &Access, serial: &str) -> Result<PosLookup> {
    let (card, customer_id) = cards::find_by_serial(app, access, serial)?;
    app.db().read(|c| lookup_in(c, app, access, customer_id, Some(card)))
}

/// The same for a customer picked by id. Errors: `forbidden`, `not_found`.
pub fn by_customer(app: &App, access: &Access, identifier: &str) -> Result<PosLookup> {
    access.require_any(cards::READ)?;
    app.db().read(|c| {
        let customer_id = customers::row_id(c, access.organizer_id(), identifier)?;
        lookup_in(c, app, access, customer_id, None)
    })
}
