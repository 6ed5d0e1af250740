-- The SMS gateway (inbound): one AES-256-GCM key per device, agreed with
-- `sms_key_agree`, and its counters. A real bank keeps `key` in its HSM.

CREATE TABLE sms_keys (
    customer_id TEXT NOT NULL REFERENCES customers(id),
    key_id      INTEGER NOT NULL,                    -- 1..65535, per customer, never reused
    device_id   TEXT NOT NULL,
    key         BLOB NOT NULL,                       -- 32 bytes, sealed (src/vault.rs)
    up_highest  INTEGER NOT NULL DEFAULT -1,         -- highest uplink counter accepted (-1: none)
    up_seen     INTEGER NOT NULL DEFAULT 0,          -- bit i: counter up_highest - i accepted (64-bit window)
    down_next   INTEGER NOT NULL DEFAULT 0,          -- next downlink counter
    created_at  INTEGER NOT NULL,
    retired_at  INTEGER,                             -- a newer key of the device replaced it
    PRIMARY KEY (customer_id, key_id)
);
CREATE INDEX sms_keys_device ON sms_keys(customer_id, device_id);
