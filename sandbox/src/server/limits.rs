//! How long and how many connections the server keeps: its availability
//! limits, so that idle, slow or too many connections cannot stop it.

use std::time::Duration;

/// The server's connection limits (server configuration, not a bank rule:
/// not served by `GET /v1/config`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerLimits {
    /// From the TCP accept to the end of the TLS handshake.
    pub tls_handshake_timeout: Duration,
    /// To send a request's headers. HTTP/1.1 (hyper) counts it from when the
    /// server waits for a request, so it also closes a kept-alive connection
    /// idle that long; for both protocols it bounds the time from the
    /// handshake to the first request.
    pub header_read_timeout: Duration,
    /// A connection with no request in flight this long is closed (HTTP/2
    /// with a GOAWAY).
    pub idle_timeout: Duration,
    /// Open connections at most; further clients wait in the listen backlog
    /// until one closes.
    pub max_connections: usize,
    /// Open connections from one IP address at most; further ones are closed
    /// at once (0: no per-address limit).
    pub max_connections_per_address: usize,
}

impl Default for ServerLimits {
    fn default() -> Self {
        Self {
            tls_handshake_timeout: Duration::from_secs(10),
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            max_connections: 512,
            max_connections_per_address: 128,
        }
    }
}
