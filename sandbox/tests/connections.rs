//! The server's connection limits (`ServerLimits`): TLS-handshake, header
//! and idle timeouts, the connection cap and the per-address cap, each shown
//! on a real sandbox over TLS on loopback with the limit lowered.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod raw_client;

use std::time::Duration;

use hamrah_sandbox::server::ServerLimits;
use hamrah_sandbox::{Sandbox, SandboxOptions};
use raw_client::{BOUND, GOAWAY, HEADERS, read_until_closed};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

/// A demo sandbox with `limits` (and no request rate limit).
async fn start(limits: ServerLimits) -> (Sandbox, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut options = SandboxOptions::demo(dir.path());
    options.rules.request.rate_limit_per_minute = 0;
    options.limits = limits;
    (Sandbox::start(options).await.unwrap(), dir)
}

/// The defaults with every timeout at one second.
fn short_timeouts() -> ServerLimits {
    ServerLimits {
        tls_handshake_timeout: Duration::from_secs(1),
        header_read_timeout: Duration::from_secs(1),
        idle_timeout: Duration::from_secs(1),
        ..ServerLimits::default()
    }
}

/// A client trusting only the sandbox's certificate.
fn https_client(sandbox: &Sandbox) -> reqwest::Client {
    let cert = reqwest::Certificate::from_pem(sandbox.cert_pem.as_bytes()).unwrap();
    reqwest::Client::builder()
        .use_rustls_tls()
        .tls_built_in_root_certs(false)
        .add_root_certificate(cert)
        .timeout(BOUND)
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_connection_that_never_starts_tls_is_closed() {
    let (sandbox, _dir) = start(short_timeouts()).await;
    let mut tcp = TcpStream::connect(sandbox.addr).await.unwrap();
    let sent = read_until_closed(&mut tcp).await;
    assert!(sent.is_empty(), "{sent:?}");
    let stats = sandbox.state().stats.snapshot();
    assert_eq!((stats.connections_accepted, stats.tls_handshakes), (1, 0));
    sandbox.stop().await;
}

#[tokio::test]
async fn headers_that_never_end_are_cut_off() {
    let (sandbox, _dir) = start(short_timeouts()).await;
    let mut tls = raw_client::tls(sandbox.addr, &sandbox.cert_pem, b"http/1.1").await;
    tls.write_all(raw_client::PARTIAL_HEADERS).await.unwrap();
    tls.flush().await.unwrap();
    read_until_closed(&mut tls).await;
    let stats = sandbox.state().stats.snapshot();
    assert_eq!((stats.tls_handshakes, stats.requests_served), (1, 0));
    sandbox.stop().await;
}

#[tokio::test]
async fn a_kept_alive_http1_connection_is_closed_when_idle() {
    let (sandbox, _dir) = start(short_timeouts()).await;
    let mut tls = raw_client::tls(sandbox.addr, &sandbox.cert_pem, b"http/1.1").await;
    tls.write_all(b"GET /v1/config HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .await
        .unwrap();
    tls.flush().await.unwrap();
    let received = read_until_closed(&mut tls).await;
    assert!(received.starts_with(b"HTTP/1.1 200"), "{received:?}");
    sandbox.stop().await;
}

#[tokio::test]
async fn an_http2_connection_that_sends_no_request_is_closed() {
    let (sandbox, _dir) = start(ServerLimits {
        idle_timeout: Duration::from_secs(3600),
        ..short_timeouts()
    })
    .await;
    let mut tls = raw_client::tls(sandbox.addr, &sandbox.cert_pem, b"h2").await;
    tls.write_all(&raw_client::h2_preface()).await.unwrap();
    let frames = raw_client::h2_frames_until_closed(&mut tls).await;
    assert!(frames.iter().any(|f| f.kind == GOAWAY), "{frames:?}");
    sandbox.stop().await;
}

#[tokio::test]
async fn an_idle_http2_connection_is_closed_after_its_request() {
    let (sandbox, _dir) = start(ServerLimits {
        header_read_timeout: Duration::from_secs(3600),
        ..short_timeouts()
    })
    .await;
    let mut tls = raw_client::tls(sandbox.addr, &sandbox.cert_pem, b"h2").await;
    let mut request = raw_client::h2_preface();
    request.extend(raw_client::h2_get("/v1/config"));
    tls.write_all(&request).await.unwrap();
    let frames = raw_client::h2_frames_until_closed(&mut tls).await;
    assert!(
        frames.iter().any(|f| f.kind == HEADERS && f.stream == 1),
        "no answer: {frames:?}"
    );
    assert!(frames.iter().any(|f| f.kind == GOAWAY), "{frames:?}");
    assert_eq!(sandbox.state().stats.snapshot().requests_served, 1);
    sandbox.stop().await;
}

#[tokio::test]
async fn at_the_connection_cap_a_client_waits_for_a_free_slot() {
    let (sandbox, _dir) = start(ServerLimits {
        tls_handshake_timeout: Duration::from_secs(3),
        max_connections: 1,
        ..ServerLimits::default()
    })
    .await;
    // The one slot, taken by a connection that never starts TLS.
    let idle = TcpStream::connect(sandbox.addr).await.unwrap();
    let reply = https_client(&sandbox)
        .get(format!("{}/v1/config", sandbox.url))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 200);
    // It was served only once the idle connection had been closed: its end
    // of stream is already there (a non-blocking read, straight to the kernel).
    let mut idle = idle.into_std().unwrap();
    idle.set_nonblocking(true).unwrap();
    let closed = std::io::Read::read(&mut idle, &mut [0u8; 1]);
    assert!(
        matches!(&closed, Ok(0)),
        "served while the cap's slot was still taken: {closed:?}"
    );
    sandbox.stop().await;
}

#[tokio::test]
async fn connections_over_the_per_address_cap_are_closed_at_once() {
    let (sandbox, _dir) = start(ServerLimits {
        max_connections_per_address: 2,
        ..ServerLimits::default()
    })
    .await;
    let _first = TcpStream::connect(sandbox.addr).await.unwrap();
    let _second = TcpStream::connect(sandbox.addr).await.unwrap();
    let mut third = TcpStream::connect(sandbox.addr).await.unwrap();
    // Accepted, then closed at once: the first two are still open (their
    // handshake timeout is 10 s).
    let sent = read_until_closed(&mut third).await;
    assert!(sent.is_empty(), "{sent:?}");
    assert_eq!(sandbox.state().stats.snapshot().connections_accepted, 3);
    sandbox.stop().await;
}
