-- Hamrah's local store on the phone. Every column that says something about
-- the customer's money or counterparties is sealed (AES-256-GCM, bound to its
-- row); columns searched by value hold keyed blind indexes instead.

-- Money-moving requests, written BEFORE they leave: exactly once.
CREATE TABLE operations (
    idempotency_key TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,          -- card_transfer | sheba_transfer | bill_payment | card_block
    state           TEXT NOT NULL,          -- pending | succeeded | failed
    request         BLOB NOT NULL,          -- sealed JSON
    outcome         BLOB,                   -- sealed JSON (receipt or error)
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX operations_state ON operations(state);

-- Cards and SHEBAs the customer paid to, with holder names.
CREATE TABLE destinations (
    id           TEXT PRIMARY KEY,          -- blind index of kind + value, hex
    kind         TEXT NOT NULL,             -- card | sheba
    value        BLOB NOT NULL,             -- sealed
    holder       BLOB NOT NULL,             -- sealed
    last_used_at INTEGER NOT NULL
);

-- Statement entries cached from the bank, searchable offline.
CREATE TABLE statement_entries (
    entry_id          TEXT PRIMARY KEY,
    account_id        TEXT NOT NULL,
    posted_at         INTEGER NOT NULL,
    entry             BLOB NOT NULL,        -- sealed JSON of the bank's StatementEntry
    counterparty_index BLOB,                -- blind index
    amount_index      BLOB NOT NULL         -- blind index
);
CREATE INDEX statement_page ON statement_entries(account_id, posted_at DESC, entry_id DESC);
CREATE INDEX statement_counterparty ON statement_entries(account_id, counterparty_index, posted_at DESC, entry_id DESC);
CREATE INDEX statement_amount ON statement_entries(account_id, amount_index, posted_at DESC, entry_id DESC);

-- Saved flow states, so a UI survives a process restart.
CREATE TABLE flows (
    flow_id    TEXT PRIMARY KEY,
    state      BLOB NOT NULL,               -- sealed JSON
    updated_at INTEGER NOT NULL
);
