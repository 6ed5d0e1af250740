-- The SMS channel's counters, per SMS key: never go backwards. The key itself
-- lives only in the SecretStore, with the ceiling of reserved uplink counters.
CREATE TABLE sms_counters (
    key_id        INTEGER PRIMARY KEY,
    next_up       INTEGER NOT NULL CHECK (next_up >= 0),        -- the next uplink counter to use
    ceiling       INTEGER NOT NULL CHECK (ceiling >= next_up),  -- reserved ceiling last written to the SecretStore
    highest_down  INTEGER NOT NULL DEFAULT -1,                  -- the highest downlink counter accepted
    created_at    INTEGER NOT NULL
);
