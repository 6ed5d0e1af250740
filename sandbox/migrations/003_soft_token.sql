-- Soft tokens ("ramz-saz"), at most one per card: the seed the bank keeps to
-- verify the codes the customer's phone makes offline. The seed is never
-- logged and never leaves the bank again after the activation reply.
CREATE TABLE soft_tokens (
    card_id      TEXT PRIMARY KEY REFERENCES cards(id),
    token_id     TEXT NOT NULL UNIQUE,               -- tok_...
    customer_id  TEXT NOT NULL REFERENCES customers(id),
    device_id    TEXT NOT NULL,                      -- the device holding the seed
    seed         BLOB NOT NULL,                      -- 32 bytes, sealed (src/vault.rs)
    state        TEXT NOT NULL DEFAULT 'active',     -- active | locked
    failures     INTEGER NOT NULL DEFAULT 0,         -- wrong codes in a row
    activated_at INTEGER NOT NULL
);
CREATE INDEX soft_tokens_device ON soft_tokens(customer_id, device_id);

-- Codes accepted, each once: a TOTP code by its time step, an OCRA code by
-- its time step and question (amount and payee).
CREATE TABLE soft_token_codes (
    token_id TEXT NOT NULL,
    kind     TEXT NOT NULL,                          -- totp | ocra
    step     INTEGER NOT NULL,
    question TEXT NOT NULL,                          -- OCRA question; '' for TOTP
    used_at  INTEGER NOT NULL,
    PRIMARY KEY (token_id, kind, step, question)
);
