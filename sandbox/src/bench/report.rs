//! The benchmark's report: rates and latency percentiles.

use std::time::Duration;

use super::{BenchOptions, Tally};

/// CPU time used so far by this whole process (server and in-process
/// clients together), from `/proc/self/stat`; `None` where that is absent.
pub(super) fn process_cpu() -> Option<Duration> {
    /// Linux's clock ticks per second for `/proc` times on every common platform.
    const TICKS_PER_SECOND: u64 = 100;
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start at `state`.
    let after_name = stat.rsplit_once(')')?.1;
    let mut fields = after_name.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis(
        (user + system) * 1000 / TICKS_PER_SECOND,
    ))
}

pub(super) fn micros(elapsed: Duration) -> u32 {
    u32::try_from(elapsed.as_micros()).unwrap_or(u32::MAX)
}

/// The `q` quantile of sorted samples, in milliseconds.
fn quantile_ms(sorted: &[u32], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let last = sorted.len() - 1;
    // Truncation intended: the sample at or below the quantile's rank.
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let index = ((last as f64) * q).round() as usize;
    f64::from(sorted.get(index.min(last)).copied().unwrap_or(0)) / 1000.0
}

pub(super) fn report(
    options: &BenchOptions,
    tallies: Vec<Tally>,
    elapsed: Duration,
    cpu: Option<Duration>,
    ledger_ok: bool,
    journal: i64,
) {
    let mut transfer_us = Vec::new();
    let mut journey_us = Vec::new();
    let (mut transfers, mut errors, mut first_error) = (0u64, 0u64, None);
    for tally in tallies {
        transfers += tally.transfers;
        errors += tally.errors;
        transfer_us.extend(tally.transfer_us);
        journey_us.extend(tally.journey_us);
        if first_error.is_none() {
            first_error = tally.first_error;
        }
    }
    transfer_us.sort_unstable();
    journey_us.sort_unstable();
    let seconds = elapsed.as_secs_f64();
    #[allow(clippy::cast_precision_loss)]
    let rate = transfers as f64 / seconds;
    println!(
        "bench: {} clients, {seconds:.1} s, {transfers} transfers, {rate:.0} transfers/s",
        options.clients
    );
    println!(
        "  card_transfer_create latency: p50 {:.1} ms  p95 {:.1} ms  p99 {:.1} ms",
        quantile_ms(&transfer_us, 0.50),
        quantile_ms(&transfer_us, 0.95),
        quantile_ms(&transfer_us, 0.99),
    );
    println!(
        "  whole journey (PIN request + SMS read + transfer): p50 {:.1} ms  p95 {:.1} ms  p99 {:.1} ms",
        quantile_ms(&journey_us, 0.50),
        quantile_ms(&journey_us, 0.95),
        quantile_ms(&journey_us, 0.99),
    );
    if let Some(cpu) = cpu.filter(|_| transfers > 0) {
        #[allow(clippy::cast_precision_loss)]
        let per_journey = cpu.as_secs_f64() * 1000.0 / transfers as f64;
        println!(
            "  CPU: {:.1} s in all, {per_journey:.2} ms per journey (server and in-process clients)",
            cpu.as_secs_f64()
        );
    }
    println!("  errors: {errors}");
    if let Some(error) = first_error {
        println!("  first error: {error}");
    }
    println!(
        "  ledger check: {} ({journal} journal entries)",
        if ledger_ok { "ok" } else { "FAILED" }
    );
}
