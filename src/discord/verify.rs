//! The check Discord requires of an interactions endpoint: the Ed25519 signature in
//! `X-Signature-Ed25519` (hex) over the `X-Signature-Timestamp` value followed by the raw
//! body, made with the application's private key and checked with its public key.

use ed25519_dalek::{Signature, VerifyingKey};

/// The application's public key, ready to check requests.
#[derive(Clone, Debug)]
pub struct PublicKey(VerifyingKey);

/// Why a request's signature was refused (all answered with HTTP 401).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("signature headers missing")]
    Missing,
    #[error("signature is not 64 bytes of hex")]
    BadHex,
    #[error("timestamp is not a number")]
    BadTimestamp,
    #[error("signature does not match")]
    Mismatch,
}

impl PublicKey {
    /// Reads the key as the Developer Portal shows it: 64 hex digits.
    pub fn from_hex(hex_key: &str) -> anyhow::Result<PublicKey> {
        let bytes =
            hex::decode(hex_key.trim()).map_err(|_| anyhow::anyhow!("DISCORD_PUBLIC_KEY must be 64 hex digits"))?;
        let arr: [u8; 32] =
            bytes.try_into().map_err(|_| anyhow::anyhow!("DISCORD_PUBLIC_KEY must be 32 bytes (64 hex digits)"))?;
        let key =
            VerifyingKey::from_bytes(&arr).map_err(|_| anyhow::anyhow!("DISCORD_PUBLIC_KEY is not a valid key"))?;
        Ok(PublicKey(key))
    }

    pub fn from_bytes(bytes: &[u8; 32]) -> anyhow::Result<PublicKey> {
        Ok(PublicKey(VerifyingKey::from_bytes(bytes).map_err(|_| anyhow::anyhow!("not a valid Ed25519 key"))?))
    }

    /// Checks one request. `signature` and `timestamp` are the header values as sent.
    pub fn verify(&self, signature: Option<&str>, timestamp: Option<&str>, body: &[u8]) -> Result<(), SignatureError> {
        let (Some(sig), Some(ts)) = (signature, timestamp) else {
            return Err(SignatureError::Missing);
        };
        if ts.is_empty() || ts.len() > 20 || !ts.bytes().all(|b| b.is_ascii_digit()) {
            return Err(SignatureError::BadTimestamp);
        }
        let raw = hex::decode(sig.trim()).map_err(|_| SignatureError::BadHex)?;
        let raw: [u8; 64] = raw.try_into().map_err(|_| SignatureError::BadHex)?;
        let signature = Signature::from_bytes(&raw);
        let mut message = Vec::with_capacity(ts.len() + body.len());
        message.extend_from_slice(ts.as_bytes());
        message.extend_from_slice(body);
        self.0.verify_strict(&message, &signature).map_err(|_| SignatureError::Mismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::{Signer, SigningKey};

    #[test]
    fn accepts_only_the_right_signature() {
        let sk = SigningKey::from_bytes(&[7u8; 32]);
        let pk = PublicKey::from_hex(&hex::encode(sk.verifying_key().to_bytes())).unwrap();
        let body = br#"{"type":1}"#;
        let sig = hex::encode(sk.sign(&[b"1700000000".as_slice(), body].concat()).to_bytes());
        assert_eq!(pk.verify(Some(&sig), Some("1700000000"), body), Ok(()));
        assert_eq!(pk.verify(Some(&sig), Some("1700000001"), body), Err(SignatureError::Mismatch));
        assert_eq!(pk.verify(Some(&sig), Some("1700000000"), b"{}"), Err(SignatureError::Mismatch));
        assert_eq!(pk.verify(None, Some("1"), body), Err(SignatureError::Missing));
        assert_eq!(pk.verify(Some(&sig), None, body), Err(SignatureError::Missing));
        assert_eq!(pk.verify(Some("zz"), Some("1"), body), Err(SignatureError::BadHex));
        assert_eq!(pk.verify(Some(&sig[..10]), Some("1"), body), Err(SignatureError::BadHex));
        assert_eq!(pk.verify(Some(&sig), Some("soon"), body), Err(SignatureError::BadTimestamp));
        let other = SigningKey::from_bytes(&[9u8; 32]);
        let forged = hex::encode(other.sign(&[b"1700000000".as_slice(), body].concat()).to_bytes());
        assert_eq!(pk.verify(Some(&forged), Some("1700000000"), body), Err(SignatureError::Mismatch));
        assert!(PublicKey::from_hex("abcd").is_err());
        assert!(PublicKey::from_hex("not hex").is_err());
    }
}
