//! The sandbox binary under a lowered file-descriptor limit, held by idle
//! and slow connections beyond it: other clients are still served, and the
//! failed accepts are logged once per episode, not once per attempt.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod raw_client;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};

use raw_client::BOUND;
use tokio::io::AsyncWriteExt;

/// The child's file-descriptor limit: the sandbox starts with about 30 open.
const FILE_LIMIT: usize = 64;
/// Connections that complete TLS and then send headers that never end.
const SLOW: usize = 20;
/// Connections that never start TLS: with the slow ones, well over the limit.
const IDLE: usize = 150;

/// The sandbox binary, killed when dropped.
struct Server {
    child: Child,
    url: String,
    addr: std::net::SocketAddr,
    /// Log lines about accepting (failures and recoveries).
    accept_lines: Arc<AtomicUsize>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `hamrah-sandbox serve` under `ulimit -n FILE_LIMIT` with one-second
/// timeouts, and reads its URL from what it prints.
fn serve(dir: &std::path::Path) -> Server {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -n {FILE_LIMIT} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_hamrah-sandbox"))
        .args(["serve", "--addr", "127.0.0.1:0", "--seed", "demo"])
        .arg("--data-dir")
        .arg(dir)
        .args(["--tls-handshake-timeout", "1", "--header-read-timeout", "1"])
        .args(["--idle-timeout", "2", "--max-connections-per-address", "0"])
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let accept_lines = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&accept_lines);
    let (urls, url) = mpsc::channel();
    // Drains the log for the whole run (a full pipe would stall the server).
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { return };
            if let Some(url) = line.strip_prefix("Hamrah sandbox bank listening on ") {
                let _ = urls.send(url.to_owned());
            } else if line.contains("accept") {
                counter.fetch_add(1, Ordering::Relaxed);
            }
        }
    });
    let url = url.recv_timeout(BOUND).expect("the sandbox did not start");
    let addr = url.trim_start_matches("https://").parse().unwrap();
    Server {
        child,
        url,
        addr,
        accept_lines,
    }
}

#[tokio::test]
async fn idle_and_slow_connections_beyond_the_file_limit_do_not_stop_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let server = serve(dir.path());
    let cert_pem = std::fs::read_to_string(dir.path().join("tls/cert.pem")).unwrap();

    let mut held = Vec::new();
    for _ in 0..SLOW {
        let mut tls = raw_client::tls(server.addr, &cert_pem, b"http/1.1").await;
        tls.write_all(raw_client::PARTIAL_HEADERS).await.unwrap();
        tls.flush().await.unwrap();
        held.push(tls);
    }
    let mut idle = Vec::new();
    for _ in 0..IDLE {
        idle.push(tokio::net::TcpStream::connect(server.addr).await.unwrap());
    }

    // A customer's request behind all of them, pinned to the bank's certificate.
    let cert = reqwest::Certificate::from_pem(cert_pem.as_bytes()).unwrap();
    let client = reqwest::Client::builder()
        .use_rustls_tls()
        .tls_built_in_root_certs(false)
        .add_root_certificate(cert)
        .timeout(BOUND)
        .build()
        .unwrap();
    let reply = client
        .get(format!("{}/v1/config", server.url))
        .send()
        .await
        .expect("a client was not served while connections held the file table");
    assert_eq!(reply.status(), 200);

    // The file table did fill up (else this test shows nothing), and each
    // episode of failed accepts gave a line at its start and one at its end;
    // an episode ends only when a connection closed, so there are at most
    // two lines per connection opened.
    let lines = server.accept_lines.load(Ordering::Relaxed);
    eprintln!(
        "{lines} accept log lines for {} connections",
        SLOW + IDLE + 1
    );
    assert!(lines >= 1, "the file limit was never reached");
    let opened = SLOW + IDLE + 1;
    assert!(lines <= 2 * opened, "{lines} accept log lines");
    drop(held);
    drop(idle);
}
