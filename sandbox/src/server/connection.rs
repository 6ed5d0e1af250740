//! One connection: the TLS handshake within its timeout, HTTP/1.1 or HTTP/2
//! with hyper's header timeout and keep-alive pings, and closed once idle.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpStream;
use tokio_rustls::TlsAcceptor;
use tower::ServiceExt;

use super::idle::Activity;
use super::slots::Slot;
use super::{Peer, ServerLimits, Stats};
use crate::faults::DropConnection;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// How often HTTP/2 pings a peer, and how long it has to answer: a peer gone
/// mid-request is noticed.
const KEEP_ALIVE_INTERVAL: Duration = Duration::from_secs(20);
const KEEP_ALIVE_TIMEOUT: Duration = Duration::from_secs(20);

/// What every connection shares.
pub(super) struct Shared {
    acceptor: TlsAcceptor,
    router: Router,
    stats: Arc<Stats>,
    limits: ServerLimits,
    http: auto::Builder<TokioExecutor>,
}

impl Shared {
    pub(super) fn new(
        acceptor: TlsAcceptor,
        router: Router,
        stats: Arc<Stats>,
        limits: ServerLimits,
    ) -> Self {
        let mut http = auto::Builder::new(TokioExecutor::new());
        http.http1()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_read_timeout);
        http.http2()
            .timer(TokioTimer::new())
            .keep_alive_interval(KEEP_ALIVE_INTERVAL)
            .keep_alive_timeout(KEEP_ALIVE_TIMEOUT);
        Self {
            acceptor,
            router,
            stats,
            limits,
            http,
        }
    }
}

/// Serves one accepted connection until it ends, is idle too long, or fails
/// its handshake in time. `slot` is given back last (parameters drop after
/// the body's locals), once the socket is closed.
pub(super) async fn serve(tcp: TcpStream, peer: SocketAddr, slot: Slot, shared: Arc<Shared>) {
    let _slot = slot;
    let limits = &shared.limits;
    let handshake = tokio::time::timeout(limits.tls_handshake_timeout, shared.acceptor.accept(tcp));
    let Ok(Ok(tls)) = handshake.await else {
        return;
    };
    shared.stats.count_handshake();
    let activity = Activity::new();
    let service = service(&shared, peer, activity.clone());
    let connection = shared
        .http
        .serve_connection(TokioIo::new(tls), TowerToHyperService::new(service));
    tokio::pin!(connection);
    tokio::select! {
        _ = connection.as_mut() => return,
        () = activity.idle_for(limits.header_read_timeout, limits.idle_timeout) => {}
    }
    // Idle: HTTP/1.1 closes now, HTTP/2 sends GOAWAY; a peer that does not
    // finish within the header timeout is dropped.
    connection.as_mut().graceful_shutdown();
    let _ = tokio::time::timeout(limits.header_read_timeout, connection).await;
}

/// The router with the peer's address in every request, the counts, the
/// connection's activity, and [`DropConnection`] honoured.
fn service(
    shared: &Shared,
    peer: SocketAddr,
    activity: Activity,
) -> impl tower::Service<
    hyper::Request<hyper::body::Incoming>,
    Response = axum::response::Response,
    Error = BoxError,
    Future = impl Future<Output = Result<axum::response::Response, BoxError>> + Send,
> + Clone
+ Send
+ 'static {
    let stats = Arc::clone(&shared.stats);
    let is_admin = Arc::new(AtomicBool::new(false));
    let routed = shared
        .router
        .clone()
        .map_request(move |mut request: hyper::Request<hyper::body::Incoming>| {
            stats.count_request(&is_admin, request.uri().path());
            request.extensions_mut().insert(Peer(peer));
            request
        })
        .map_result(drop_marked_responses);
    tower::service_fn(move |request| {
        let busy = activity.begin();
        let call = routed.clone().oneshot(request);
        async move {
            let response = call.await;
            drop(busy);
            response
        }
    })
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
