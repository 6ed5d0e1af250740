//! The HTTPS server: an accept loop that backs off instead of spinning and
//! caps its connections, and per connection TLS, HTTP/1.1 or HTTP/2 by
//! ALPN, the timeouts of [`ServerLimits`], the peer address handed to
//! handlers, and connection and request counts.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use tokio::net::{TcpListener, TcpSocket};
use tokio::sync::watch;
use tokio::task::JoinSet;
use tokio_rustls::TlsAcceptor;

mod connection;
mod episode;
mod idle;
mod limits;
mod slots;
mod stats;

use episode::{Backoff, Episode, Trouble};
pub use limits::ServerLimits;
use slots::Slots;
pub use stats::{Stats, StatsSnapshot};

/// Connections the kernel queues for the accept loop (clamped to
/// `net.core.somaxconn`): the clients waiting while every slot is taken or
/// accepting fails. tokio's `TcpListener::bind` gives 128.
const BACKLOG: u32 = 1024;

/// Binds the server's listener (address reuse on, as `TcpListener::bind`),
/// with a backlog of [`BACKLOG`].
pub fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = if addr.is_ipv4() {
        TcpSocket::new_v4()?
    } else {
        TcpSocket::new_v6()?
    };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(BACKLOG)
}

/// The client's address, in every request's extensions.
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub SocketAddr);

/// Serves `router` over TLS on `listener` within `limits` until `shutdown`
/// turns true.
pub async fn serve(
    listener: TcpListener,
    acceptor: TlsAcceptor,
    router: Router,
    stats: Arc<Stats>,
    limits: ServerLimits,
    mut shutdown: watch::Receiver<bool>,
) {
    let slots = Slots::new(limits.max_connections, limits.max_connections_per_address);
    let cap = limits.max_connections;
    let shared = Arc::new(connection::Shared::new(
        acceptor,
        router,
        Arc::clone(&stats),
        limits,
    ));
    let mut connections = JoinSet::new();
    let mut failing = Episode::new(Trouble::AcceptFailing);
    let mut full = Episode::new(Trouble::CapReached);
    let mut backoff = Backoff::default();
    loop {
        let permit = match slots.try_reserve() {
            Some(permit) => permit,
            None => {
                full.hit(&cap);
                tokio::select! {
                    permit = slots.reserve() => match permit {
                        Some(permit) => permit,
                        None => break,
                    },
                    _ = shutdown.changed() => break,
                }
            }
        };
        full.end();
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = shutdown.changed() => break,
        };
        let (tcp, peer) = match accepted {
            Ok(pair) => pair,
            // This one connection went away before it was accepted.
            Err(error) if is_per_connection(&error) => continue,
            // Out of file descriptors or memory: retrying at once would spin.
            Err(error) => {
                failing.hit(&error);
                tokio::select! {
                    () = tokio::time::sleep(backoff.next()) => continue,
                    _ = shutdown.changed() => break,
                }
            }
        };
        failing.end();
        backoff.reset();
        stats.count_connection();
        // Over its address's cap, the connection is closed here (dropped).
        let Some(slot) = slots.admit(permit, peer.ip()) else {
            continue;
        };
        let _ = tcp.set_nodelay(true);
        connections.spawn(connection::serve(tcp, peer, slot, Arc::clone(&shared)));
        // Reap finished connections so the set stays small.
        while connections.try_join_next().is_some() {}
    }
    connections.abort_all();
}

/// An accept error about one connection, not about the server.
fn is_per_connection(error: &std::io::Error) -> bool {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset, Interrupted};
    matches!(
        error.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset | Interrupted
    )
}
