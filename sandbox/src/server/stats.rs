//! What the server has seen since it started: connections, TLS handshakes
//! and requests per operation (`GET /admin/stats`).

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use serde::Serialize;

/// What the server has seen since it started; `GET /admin/stats`.
#[derive(Debug, Default)]
pub struct Stats {
    connections_accepted: AtomicU64,
    admin_connections: AtomicU64,
    tls_handshakes: AtomicU64,
    requests_served: AtomicU64,
    admin_requests: AtomicU64,
    by_operation: Mutex<BTreeMap<&'static str, u64>>,
}

/// A snapshot of [`Stats`], as the contract's `Stats`.
#[derive(Debug, Serialize)]
pub struct StatsSnapshot {
    /// TCP connections accepted, admin ones included.
    pub connections_accepted: u64,
    /// Connections that carried an `/admin` request.
    pub admin_connections: u64,
    /// TLS handshakes completed.
    pub tls_handshakes: u64,
    /// Requests outside `/admin`.
    pub requests_served: u64,
    /// Requests to `/admin`.
    pub admin_requests: u64,
    /// Requests outside `/admin` per operationId.
    pub requests_by_operation: BTreeMap<&'static str, u64>,
}

impl Stats {
    /// The counts now.
    pub fn snapshot(&self) -> StatsSnapshot {
        StatsSnapshot {
            connections_accepted: self.connections_accepted.load(Ordering::Relaxed),
            admin_connections: self.admin_connections.load(Ordering::Relaxed),
            requests_served: self.requests_served.load(Ordering::Relaxed),
            admin_requests: self.admin_requests.load(Ordering::Relaxed),
            tls_handshakes: self.tls_handshakes.load(Ordering::Relaxed),
            requests_by_operation: self
                .by_operation
                .lock()
                .map(|m| m.clone())
                .unwrap_or_default(),
        }
    }

    /// Counts one request of an operation.
    pub fn count_operation(&self, operation: &'static str) {
        if let Ok(mut counts) = self.by_operation.lock() {
            *counts.entry(operation).or_default() += 1;
        }
    }

    /// Counts one accepted TCP connection.
    pub(super) fn count_connection(&self) {
        self.connections_accepted.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts one completed TLS handshake.
    pub(super) fn count_handshake(&self) {
        self.tls_handshakes.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a request to `path` on a connection (`is_admin` remembers
    /// whether the connection already carried an admin request).
    pub(super) fn count_request(&self, is_admin: &AtomicBool, path: &str) {
        if path.starts_with("/admin") {
            self.admin_requests.fetch_add(1, Ordering::Relaxed);
            if !is_admin.swap(true, Ordering::Relaxed) {
                self.admin_connections.fetch_add(1, Ordering::Relaxed);
            }
        } else {
            self.requests_served.fetch_add(1, Ordering::Relaxed);
        }
    }
}
