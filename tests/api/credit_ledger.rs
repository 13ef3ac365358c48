//! A property test of the ledger: any sequence of top-ups, charges, refunds, reversals and
//! adjustments, accepted or refused, leaves balance = sum(ledger) ≥ −limit, and no entry undone
//! by more than it moved.

use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::json;
use tessera::auth::{self, Principal};
use tessera::credit::{self, AdjustmentInput, CreditInput, CreditSettingsInput, UndoInput};
use tessera::types::Amount;

use crate::helpers::*;

#[derive(Debug, Clone)]
enum Op {
    TopUp(i64),
    Charge(i64),
    Refund(usize, Option<i64>),
    Reverse(usize, Option<i64>),
    Adjust(i64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (1i64..5_000).prop_map(Op::TopUp),
        (1i64..8_000).prop_map(Op::Charge),
        (any::<usize>(), proptest::option::of(1i64..6_000)).prop_map(|(i, a)| Op::Refund(i, a)),
        (any::<usize>(), proptest::option::of(1i64..6_000)).prop_map(|(i, a)| Op::Reverse(i, a)),
        (-4_000i64..4_000).prop_filter("not zero", |a| *a != 0).prop_map(Op::Adjust),
    ]
}

fn amount(minor: i64) -> Amount {
    Amount(Decimal::new(minor, 2))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_sequence_keeps_balance_equal_to_the_ledger_and_within_the_limit(
        limit in prop_oneof![Just(0i64), 1i64..3_000],
        ops in proptest::collection::vec(op(), 1..40),
    ) {
        let app = TestApp::new();
        let access = auth::authorize(&app.app, &Principal::System, ORG).unwrap();
        credit::save_settings(&app.app, &access, CreditSettingsInput { currency: "EUR".into(), limit: amount(limit) }).unwrap();
        let access = auth::authorize(&app.app, &Principal::System, ORG).unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let id = runtime.block_on(app.create_customer(json!({"email": "prop@example.org"})))["identifier"]
            .as_str().unwrap().to_string();
        let conn = rusqlite::Connection::open(&app.db_path).unwrap();
        let mut entries: Vec<i64> = Vec::new();
        for op in ops {
            let booked = match op {
                Op::TopUp(a) => credit::top_up(&app.app, &access, &id, CreditInput { amount: amount(a), reference: None, note: None }),
                Op::Charge(a) => credit::charge(&app.app, &access, &id, CreditInput { amount: amount(a), reference: None, note: None }),
                Op::Refund(i, a) | Op::Reverse(i, a) if !entries.is_empty() => {
                    let input = UndoInput { entry_id: entries[i % entries.len()], amount: a.map(amount), reference: None, note: None };
                    if matches!(op, Op::Refund(..)) {
                        credit::refund(&app.app, &access, &id, input)
                    } else {
                        credit::reverse(&app.app, &access, &id, input)
                    }
                }
                Op::Refund(..) | Op::Reverse(..) => continue,
                Op::Adjust(a) => credit::adjust(&app.app, &access, &id, AdjustmentInput { amount: amount(a), note: "count".into() }),
            };
            if let Ok(booking) = booked {
                entries.push(booking.entry.id);
            }
            let (sum, last, count): (i64, Option<i64>, i64) = conn
                .query_row(
                    "SELECT coalesce(sum(amount), 0), (SELECT balance_after FROM credit_entries ORDER BY id DESC LIMIT 1), count(*) FROM credit_entries",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .unwrap();
            prop_assert_eq!(count as usize, entries.len(), "a refused operation books nothing");
            prop_assert_eq!(last.unwrap_or(0), sum, "the balance is the sum of the ledger");
            prop_assert!(sum >= -limit, "balance {} below the limit {}", sum, limit);
            let shown = credit::balance(&app.app, &access, &id).unwrap();
            prop_assert_eq!(shown.amount, format!("{}", Decimal::new(sum, 2)));
            let over_undone: i64 = conn
                .query_row(
                    "SELECT count(*) FROM credit_entries e WHERE abs(e.amount) < \
                     (SELECT coalesce(sum(abs(u.amount)), 0) FROM credit_entries u WHERE u.undoes_entry_id = e.id)",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            prop_assert_eq!(over_undone, 0, "no entry is undone by more than it moved");
        }
    }
}
