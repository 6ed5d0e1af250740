//! A client below HTTP, for the connection-limit tests: bare TCP, TLS with a
//! chosen ALPN, partial requests and a few HTTP/2 frames written by hand.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

/// The longest a test waits for the server to do what it must (a liveness
/// bound, far above every configured limit; not a measurement).
pub const BOUND: Duration = Duration::from_secs(60);

/// A TLS connection to the sandbox, trusting only its certificate, offering `alpn`.
pub async fn tls(addr: SocketAddr, cert_pem: &str, alpn: &[u8]) -> TlsStream<TcpStream> {
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from_pem_slice(cert_pem.as_bytes()).unwrap())
        .unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![alpn.to_vec()];
    let tcp = TcpStream::connect(addr).await.unwrap();
    let name = ServerName::IpAddress(addr.ip().into());
    TlsConnector::from(Arc::new(config))
        .connect(name, tcp)
        .await
        .unwrap()
}

/// Reads until the server closes the connection (end of stream or an
/// error such as a reset) and returns what it sent; panics if it keeps the
/// connection open past [`BOUND`].
pub async fn read_until_closed(stream: &mut (impl AsyncRead + Unpin)) -> Vec<u8> {
    let mut received = Vec::new();
    let read = async {
        let mut buf = [0u8; 4096];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => received.extend_from_slice(&buf[..n]),
            }
        }
    };
    tokio::time::timeout(BOUND, read)
        .await
        .expect("the server kept the connection open");
    received
}

/// The start of an HTTP/1.1 request whose headers never end.
pub const PARTIAL_HEADERS: &[u8] = b"GET /v1/config HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: app";

/// An HTTP/2 frame as read: type, flags, stream id, payload.
#[derive(Debug, Clone)]
pub struct Frame {
    pub kind: u8,
    pub flags: u8,
    pub stream: u32,
    pub payload: Vec<u8>,
}

/// HTTP/2 frame types the tests look at.
pub const HEADERS: u8 = 0x1;
pub const SETTINGS: u8 = 0x4;
pub const PING: u8 = 0x6;
pub const GOAWAY: u8 = 0x7;

fn frame(kind: u8, flags: u8, stream: u32, payload: &[u8]) -> Vec<u8> {
    let length = u32::try_from(payload.len()).unwrap().to_be_bytes();
    let mut out = length[1..].to_vec();
    out.extend([kind, flags]);
    out.extend(stream.to_be_bytes());
    out.extend_from_slice(payload);
    out
}

/// The client preface and an empty SETTINGS frame.
pub fn h2_preface() -> Vec<u8> {
    let mut out = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec();
    out.extend(frame(SETTINGS, 0, 0, &[]));
    out
}

/// A HEADERS frame (END_STREAM, END_HEADERS) for `GET path` on stream 1,
/// HPACK-encoded by hand: static-table `:method GET` and `:scheme https`,
/// literal `:path` and `:authority` without indexing.
pub fn h2_get(path: &str) -> Vec<u8> {
    let mut block = vec![0x82, 0x87];
    for (index, value) in [(0x04u8, path), (0x01, "127.0.0.1")] {
        block.push(index);
        block.push(u8::try_from(value.len()).unwrap());
        block.extend_from_slice(value.as_bytes());
    }
    frame(HEADERS, 0x1 | 0x4, 1, &block)
}

/// Reads HTTP/2 frames until the server closes the connection, answering
/// its SETTINGS and PINGs as a live client does (so a missed keep-alive
/// ping closes nothing); panics past [`BOUND`].
pub async fn h2_frames_until_closed(
    stream: &mut (impl AsyncRead + AsyncWrite + Unpin),
) -> Vec<Frame> {
    let mut frames = Vec::new();
    let read = async {
        loop {
            let mut head = [0u8; 9];
            if stream.read_exact(&mut head).await.is_err() {
                return;
            }
            let length = u32::from_be_bytes([0, head[0], head[1], head[2]]) as usize;
            let mut payload = vec![0u8; length];
            if stream.read_exact(&mut payload).await.is_err() {
                return;
            }
            let stream_id = u32::from_be_bytes([head[5], head[6], head[7], head[8]]) & 0x7fff_ffff;
            let answer = match (head[3], head[4] & 0x1) {
                (PING, 0) => Some(frame(PING, 0x1, 0, &payload)),
                (SETTINGS, 0) => Some(frame(SETTINGS, 0x1, 0, &[])),
                _ => None,
            };
            if let Some(answer) = answer
                && stream.write_all(&answer).await.is_err()
            {
                return;
            }
            frames.push(Frame {
                kind: head[3],
                flags: head[4],
                stream: stream_id,
                payload,
            });
        }
    };
    tokio::time::timeout(BOUND, read)
        .await
        .expect("the server kept the HTTP/2 connection open");
    frames
}
