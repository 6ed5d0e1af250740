//! The sandbox's TLS identity: a self-signed certificate made on first start
//! (rcgen) and kept in the data directory, and its SPKI SHA-256 pin.

use std::path::Path;
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rcgen::PublicKeyData;
use rustls::ServerConfig;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use sha2::{Digest, Sha256};

/// The certificate, its key, and the pin clients check.
pub struct TlsIdentity {
    /// The certificate in PEM, for clients that trust it directly (tests, `curl --cacert`).
    pub cert_pem: String,
    /// `sha256/<base64 of SHA-256 of the SubjectPublicKeyInfo>`, as in HPKP and OkHttp.
    pub spki_pin: String,
    /// The rustls configuration serving this identity over HTTP/2 and HTTP/1.1.
    pub server_config: Arc<ServerConfig>,
}

/// Why the TLS identity could not be made or read.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    /// Reading or writing the files failed.
    #[error("tls files: {0}")]
    Io(#[from] std::io::Error),
    /// Making the certificate failed.
    #[error("certificate: {0}")]
    Rcgen(#[from] rcgen::Error),
    /// rustls refused the certificate or key.
    #[error("rustls: {0}")]
    Rustls(#[from] rustls::Error),
    /// A PEM file is damaged.
    #[error("pem: {0}")]
    Pem(#[from] rustls::pki_types::pem::Error),
}

/// Writes a private key readable by its owner only (mode 0600).
fn write_owner_only(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(bytes)
}

/// Loads the identity from `dir`, making it on first start.
pub fn load_or_create(dir: &Path) -> Result<TlsIdentity, TlsError> {
    let cert_path = dir.join("cert.pem");
    let key_path = dir.join("key.pem");
    if !cert_path.exists() || !key_path.exists() {
        std::fs::create_dir_all(dir)?;
        let names = ["localhost", "127.0.0.1", "::1"].map(String::from).to_vec();
        let certified = rcgen::generate_simple_self_signed(names)?;
        write_owner_only(&key_path, certified.signing_key.serialize_pem().as_bytes())?;
        std::fs::write(&cert_path, certified.cert.pem())?;
    }
    let cert_pem = std::fs::read_to_string(&cert_path)?;
    let key_pem = std::fs::read_to_string(&key_path)?;
    let key_pair = rcgen::KeyPair::from_pem(&key_pem)?;
    let spki_pin = format!(
        "sha256/{}",
        STANDARD.encode(Sha256::digest(key_pair.subject_public_key_info()))
    );
    let cert = CertificateDer::from_pem_slice(cert_pem.as_bytes())?;
    let key = PrivateKeyDer::from_pem_slice(key_pem.as_bytes())?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_no_client_auth()
        .with_single_cert(vec![cert], key)?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(TlsIdentity {
        cert_pem,
        spki_pin,
        server_config: Arc::new(config),
    })
}
