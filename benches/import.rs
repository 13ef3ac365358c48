//! Benchmark: importing 1,000,000 customers from CSV (every 10th with a card, every 20th with an
//! opening credit balance) into a fresh database file, as the desk's import wizard does it:
//! read and preview the file, check every row (a dry run of the real writes), import all rows in
//! one transaction. Target: the import in under a minute.
//!
//! Run: `cargo bench --bench import` (`-- 100000` for fewer rows). Prints the time of each step,
//! rows per second and the resident memory at the end.

use std::fmt::Write as _;
use std::time::Instant;

mod common;

use tessera::auth::{self, Principal};
use tessera::imports::{self, ImportKind, ImportState};

fn main() {
    let rows: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(1_000_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let (app, _) = common::setup(&dir.path().join("bench.sqlite3"));
    let access = auth::authorize(&app, &Principal::System, "bench").expect("access");

    let mut csv = String::with_capacity(rows * 64);
    csv.push_str("email;name;phone;card;credit\n");
    for i in 0..rows {
        let card = if i % 10 == 0 { format!("CARD{i:08}") } else { String::new() };
        let credit = if i % 20 == 0 { "12,50" } else { "" };
        let _ = writeln!(csv, "guest{i}@bench.example;Guest Number {i};;{card};{credit}");
    }
    println!("import benchmark: {rows} customers, {:.1} MB of CSV", csv.len() as f64 / 1e6);

    let started = Instant::now();
    let preview = imports::preview(&app, &access, ImportKind::Customers, &csv).expect("preview");
    let read = started.elapsed();
    drop(csv);
    let mapping = preview.suggested.clone();
    assert_eq!(mapping.iter().flatten().count(), 5, "every column mapped: {mapping:?}");

    let started = Instant::now();
    let report = imports::validate(&app, &access, &preview.id, &mapping).expect("validate");
    let checked = started.elapsed();
    assert_eq!(report.problems_total, 0, "{:?}", report.problems.first());

    let started = Instant::now();
    let done = imports::commit_and_wait(&app, &access, &preview.id, &mapping).expect("commit");
    let imported = started.elapsed();
    assert_eq!(done.state, ImportState::Done, "{:?}", done.report);
    assert_eq!(done.created as usize, rows);

    let rate = |d: std::time::Duration| rows as f64 / d.as_secs_f64();
    println!("read and preview  {:>8.2} s", read.as_secs_f64());
    println!(
        "check every row   {:>8.2} s  ({:.0} rows/s, nothing written)",
        checked.as_secs_f64(),
        rate(checked)
    );
    println!(
        "import            {:>8.2} s  ({:.0} rows/s, one transaction)",
        imported.as_secs_f64(),
        rate(imported)
    );
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        for line in status.lines().filter(|l| l.starts_with("VmHWM") || l.starts_with("VmRSS")) {
            println!("{line}");
        }
    }
}
