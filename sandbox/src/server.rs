//! The HTTPS accept loop: TLS on every connection, HTTP/1.1 or HTTP/2 by ALPN,
//! the peer address handed to handlers, and connection and request counts.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::Router;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use hyper_util::service::TowerToHyperService;
use serde::Serialize;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;
use tokio_rustls::TlsAcceptor;
use tower::ServiceExt;

use crate::faults::DropConnection;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The client's address, in every request's extensions.
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub SocketAddr);

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
}

/// Serves `router` over TLS on `listener` until `shutdown` turns true.
pub async fn serve(
    listener: TcpListener,
    acceptor: TlsAcceptor,
    router: Router,
    stats: Arc<Stats>,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut connections = JoinSet::new();
    loop {
        let (tcp, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(error) => {
                    tracing::warn!(%error, "accept failed");
                    continue;
                }
            },
            _ = shutdown.changed() => break,
        };
        let _ = tcp.set_nodelay(true);
        stats.connections_accepted.fetch_add(1, Ordering::Relaxed);
        let acceptor = acceptor.clone();
        let router = router.clone();
        let stats = Arc::clone(&stats);
        connections.spawn(async move {
            let Ok(tls) = acceptor.accept(tcp).await else {
                return;
            };
            stats.tls_handshakes.fetch_add(1, Ordering::Relaxed);
            let is_admin = Arc::new(AtomicBool::new(false));
            let service = router
                .map_request(move |mut request: hyper::Request<hyper::body::Incoming>| {
                    count_request(&stats, &is_admin, &request);
                    request.extensions_mut().insert(Peer(peer));
                    request
                })
                .map_result(drop_marked_responses);
            let _ = auto::Builder::new(TokioExecutor::new())
                .serve_connection(TokioIo::new(tls), TowerToHyperService::new(service))
                .await;
        });
        // Reap finished connections so the set stays small.
        while connections.try_join_next().is_some() {}
    }
    connections.abort_all();
}

/// Turns a response marked [`DropConnection`] into an error, so hyper closes
/// the connection without answering.
fn drop_marked_responses(
    result: Result<axum::response::Response, std::convert::Infallible>,
) -> Result<axum::response::Response, BoxError> {
    let response = match result {
        Ok(response) => response,
        Err(never) => match never {},
    };
    if response.extensions().get::<DropConnection>().is_some() {
        return Err(Box::new(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "fault: response dropped after commit",
        )));
    }
    Ok(response)
}

fn count_request<B>(stats: &Stats, is_admin: &AtomicBool, request: &hyper::Request<B>) {
    if request.uri().path().starts_with("/admin") {
        stats.admin_requests.fetch_add(1, Ordering::Relaxed);
        if !is_admin.swap(true, Ordering::Relaxed) {
            stats.admin_connections.fetch_add(1, Ordering::Relaxed);
        }
    } else {
        stats.requests_served.fetch_add(1, Ordering::Relaxed);
    }
}
