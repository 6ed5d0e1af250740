-- Device identity: enrolled signing keys, seen signature nonces, quick-login challenges.

-- When the device's current key was enrolled (NULL when none).
ALTER TABLE devices ADD COLUMN enrolled_at INTEGER;
-- Whether the client said its key lives in secure hardware (Keystore / Secure Enclave).
ALTER TABLE devices ADD COLUMN hardware_backed INTEGER;

-- Nonces of signed requests, remembered `signature.nonce_ttl_seconds` per device.
CREATE TABLE signature_nonces (
    device_id TEXT NOT NULL,
    nonce     TEXT NOT NULL,                         -- as sent (base64url)
    seen_at   INTEGER NOT NULL,
    PRIMARY KEY (device_id, nonce)
) WITHOUT ROWID;
CREATE INDEX signature_nonces_seen ON signature_nonces(device_id, seen_at);

-- Quick-login challenges: single use, `signature.challenge_ttl_seconds`.
CREATE TABLE quick_challenges (
    id          TEXT PRIMARY KEY,                    -- qch_...
    customer_id TEXT NOT NULL REFERENCES customers(id),
    device_id   TEXT NOT NULL,
    challenge   TEXT NOT NULL,                       -- 32 random bytes, base64url (not secret)
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
);
