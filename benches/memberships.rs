//! Micro benchmark: the membership-validity check (`memberships::check`) for a customer with 20
//! memberships, each with a few recorded uses, on a database file of 10,000 customers.
//!
//! Run: `cargo bench --bench memberships`. Prints p50/p99 over 20,000 checks.

use std::time::{Duration, Instant};

use chrono::TimeDelta;
use tessera::App;
use tessera::auth::{self, Principal};
use tessera::customers::{self, CustomerPatch, NewCustomer};
use tessera::memberships::{self, MembershipChange, MembershipTypeChange, UseMembership};
use tessera::setup::{self, SetupInput};
use tessera::types::I18nText;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = App::open(&dir.path().join("bench.sqlite3")).expect("open");
    setup::complete(
        &app,
        SetupInput {
            organizer_name: "Bench".into(),
            organizer_slug: "bench".into(),
            email: "bench@example.org".into(),
            password: "benchmark".into(),
        },
    )
    .expect("setup");
    let access = auth::authorize(&app, &Principal::System, "bench").expect("access");
    let now = app.now();
    // Other customers, so that the lookups run against a realistic table.
    app.db()
        .write(|tx| {
            for i in 0..10_000 {
                let fields = CustomerPatch {
                    email: Some(Some(format!("c{i}@bench.example"))),
                    ..CustomerPatch::default()
                };
                customers::create_in_tx(
                    tx,
                    now,
                    &access,
                    NewCustomer { fields, ..NewCustomer::default() },
                    None,
                )?;
            }
            Ok(())
        })
        .expect("seed customers");
    let customer = customers::create(&app, &access, NewCustomer::default()).expect("customer");
    let mut membership_ids = Vec::new();
    for t in 0..4 {
        let name = I18nText::parse(&serde_json::json!(format!("Type {t}"))).expect("name");
        let change = MembershipTypeChange {
            name: Some(name),
            max_usages: Some(Some(50)),
            allow_parallel_usage: Some(true),
            ..MembershipTypeChange::default()
        };
        let membership_type = memberships::create_type(&app, &access, change).expect("type");
        for m in 0..5 {
            let start = now - TimeDelta::days(200) + TimeDelta::days(60 * m);
            let change = MembershipChange {
                customer: Some(customer.identifier.clone()),
                membership_type: Some(membership_type.id),
                date_start: Some(start),
                date_end: Some(start + TimeDelta::days(180)),
                ..MembershipChange::default()
            };
            membership_ids.push(memberships::create(&app, &access, change).expect("membership"));
        }
    }
    for m in &membership_ids {
        for u in 0..3 {
            let at = m.date_start + TimeDelta::days(u + 1);
            let _ = memberships::record_use(
                &app,
                &access,
                m.id,
                UseMembership { at: Some(at), ..Default::default() },
            );
        }
    }
    let mut latencies = Vec::with_capacity(20_000);
    for _ in 0..20_000 {
        let started = Instant::now();
        let status =
            memberships::check(&app, &access, &customer.identifier, now, Some(false)).expect("check");
        latencies.push(started.elapsed());
        assert_eq!(status.len(), 20);
    }
    latencies.sort();
    let p = |q: f64| latencies[((latencies.len() - 1) as f64 * q) as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "membership validity check, 20 memberships: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms ({} checks)",
        ms(p(0.50)),
        ms(p(0.99)),
        ms(*latencies.last().expect("latencies")),
        latencies.len()
    );
}
