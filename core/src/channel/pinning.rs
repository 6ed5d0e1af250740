//! Certificate pinning: the bank's TLS key must hash to one of its known
//! SPKI SHA-256 pins. Ordinary trust (CAs) is never a fallback.

use std::fmt;
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use sha2::{Digest, Sha256};

crate::coded_error! {
    kind = Network;
    /// Why a pin was refused.
    pub enum PinError {
        /// Not `sha256/` followed by the base64 of 32 bytes.
        Format => (
            "tls.pin_format",
            "پین گواهی بانک نامعتبر است.",
            "The bank's certificate pin is not valid."
        ),
    }
}

/// The SHA-256 of a certificate's SubjectPublicKeyInfo, written `sha256/<base64>`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct SpkiPin([u8; 32]);

impl SpkiPin {
    /// The pin of a DER SubjectPublicKeyInfo.
    pub fn of_spki(spki_der: &[u8]) -> Self {
        Self(Sha256::digest(spki_der).into())
    }
}

impl std::str::FromStr for SpkiPin {
    type Err = PinError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let encoded = text
            .trim()
            .strip_prefix("sha256/")
            .ok_or(PinError::Format)?;
        let bytes = STANDARD.decode(encoded).map_err(|_| PinError::Format)?;
        bytes.try_into().map(Self).map_err(|_| PinError::Format)
    }
}

impl fmt::Display for SpkiPin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sha256/{}", STANDARD.encode(self.0))
    }
}

impl fmt::Debug for SpkiPin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SpkiPin({self})")
    }
}

/// A rustls verifier that accepts a server only when its end-entity key
/// matches a pin and the certificate names the host. Handshake signatures are
/// still checked with the provider's algorithms, so the server proves it holds
/// the pinned key.
pub(crate) struct PinnedVerifier {
    pins: Vec<SpkiPin>,
    provider: Arc<CryptoProvider>,
}

impl PinnedVerifier {
    pub(crate) fn new(pins: Vec<SpkiPin>, provider: Arc<CryptoProvider>) -> Self {
        Self { pins, provider }
    }
}

impl fmt::Debug for PinnedVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PinnedVerifier")
            .field("pins", &self.pins)
            .finish()
    }
}

impl ServerCertVerifier for PinnedVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let cert = webpki::EndEntityCert::try_from(end_entity).map_err(|_| {
            rustls::Error::InvalidCertificate(rustls::CertificateError::BadEncoding)
        })?;
        let pin = SpkiPin::of_spki(cert.subject_public_key_info().as_ref());
        if !self.pins.contains(&pin) {
            return Err(rustls::Error::InvalidCertificate(
                rustls::CertificateError::ApplicationVerificationFailure,
            ));
        }
        cert.verify_is_valid_for_subject_name(server_name)
            .map_err(|_| {
                rustls::Error::InvalidCertificate(rustls::CertificateError::NotValidForName)
            })?;
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_round_trip_and_refuse_garbage() {
        let pin = SpkiPin::of_spki(b"spki");
        assert_eq!(pin.to_string().parse::<SpkiPin>(), Ok(pin));
        assert_eq!("sha1/abc".parse::<SpkiPin>(), Err(PinError::Format));
        assert_eq!("sha256/AAAA".parse::<SpkiPin>(), Err(PinError::Format));
        assert_eq!("sha256/!!".parse::<SpkiPin>(), Err(PinError::Format));
    }
}
