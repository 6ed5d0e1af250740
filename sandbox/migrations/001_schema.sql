-- The sandbox bank's schema. Times are Unix seconds on the sandbox clock;
-- money is integer rials; every id is an opaque text id.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE customers (
    id                  TEXT PRIMARY KEY,            -- cus_...
    national_id         TEXT NOT NULL UNIQUE,
    mobile              TEXT NOT NULL,               -- 09xxxxxxxxx
    birth_date          TEXT NOT NULL,               -- Jalali YYYY/MM/DD
    name_fa             TEXT NOT NULL,
    name_en             TEXT NOT NULL,
    username            TEXT UNIQUE,                 -- NULL until activation
    password_hash       TEXT,                        -- argon2 PHC string
    password_changed_at INTEGER,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    failed_logins       INTEGER NOT NULL DEFAULT 0,
    locked_until        INTEGER,
    idle_timeout        INTEGER,                     -- chosen with session_update; NULL: the bank's default
    last_login_at       INTEGER,                     -- the latest successful login
    created_at          INTEGER NOT NULL
);

CREATE TABLE password_history (
    customer_id   TEXT NOT NULL REFERENCES customers(id),
    password_hash TEXT NOT NULL,
    changed_at    INTEGER NOT NULL
);

-- Every ledger account: customers' deposit accounts (customer_id set) and the
-- bank's internal accounts (fee income, Shetab settlement, PAYA/SATNA clearing,
-- billers, external world). `balance` is kept in the same transaction as the
-- postings and must always equal their sum.
CREATE TABLE accounts (
    id          TEXT PRIMARY KEY,                    -- acc_... or internal:...
    customer_id TEXT REFERENCES customers(id),
    kind        TEXT NOT NULL,                       -- deposit | internal
    product     TEXT,                                -- current | savings (deposit only)
    state       TEXT NOT NULL DEFAULT 'active',      -- active | blocked | closed
    title_fa    TEXT NOT NULL,
    title_en    TEXT NOT NULL,
    number      TEXT,                                -- account number (deposit only)
    sheba       TEXT UNIQUE,                         -- deposit only
    balance     INTEGER NOT NULL DEFAULT 0,
    opened_at   INTEGER NOT NULL
);
CREATE INDEX accounts_customer ON accounts(customer_id);

-- Cards: this bank's (account_id set) and other banks' Shetab cards the
-- sandbox knows holders of (account_id NULL; credited through Shetab settlement).
CREATE TABLE cards (
    id              TEXT PRIMARY KEY,                -- crd_...
    pan             TEXT NOT NULL UNIQUE,
    bank_id         TEXT NOT NULL,
    account_id      TEXT REFERENCES accounts(id),
    customer_id     TEXT REFERENCES customers(id),
    holder_name_fa  TEXT NOT NULL,
    holder_name_en  TEXT NOT NULL,
    expiry          TEXT NOT NULL,                   -- YYMM, Jalali
    cvv2            TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'active',  -- active | blocked
    blocked_at      INTEGER,
    block_reason    TEXT,                            -- lost | stolen | damaged | suspected_fraud | other
    block_reference TEXT,                            -- reference number of the block
    creditable      INTEGER NOT NULL DEFAULT 1,      -- admin_destination_set
    created_at      INTEGER NOT NULL
);
CREATE INDEX cards_customer ON cards(customer_id);

-- Other banks' SHEBA numbers whose holders the sandbox knows.
CREATE TABLE external_shebas (
    sheba          TEXT PRIMARY KEY,
    bank_id        TEXT NOT NULL,
    holder_name_fa TEXT NOT NULL,
    holder_name_en TEXT NOT NULL,
    creditable     INTEGER NOT NULL DEFAULT 1
);

-- Double-entry ledger: a journal entry is a set of postings summing to zero.
CREATE TABLE journal (
    id         TEXT PRIMARY KEY,                     -- jrn_...
    kind       TEXT NOT NULL,                        -- card_transfer | reversal | fee | paya | satna | return | bill | seed
    transfer_id TEXT,
    created_at INTEGER NOT NULL
);
CREATE TABLE postings (
    id         INTEGER PRIMARY KEY,
    journal_id TEXT NOT NULL REFERENCES journal(id),
    account_id TEXT NOT NULL REFERENCES accounts(id),
    amount     INTEGER NOT NULL,                     -- signed rials: + credit, - debit
    balance_after INTEGER NOT NULL,
    description_fa TEXT NOT NULL,
    counterparty TEXT,                               -- masked PAN / SHEBA / biller shown on statements
    created_at INTEGER NOT NULL
);
CREATE INDEX postings_account ON postings(account_id, id);
CREATE INDEX postings_journal ON postings(journal_id);

-- Every money movement the customer asked for, with its receipt.
CREATE TABLE transfers (
    id               TEXT PRIMARY KEY,               -- trf_...
    customer_id      TEXT NOT NULL REFERENCES customers(id),
    kind             TEXT NOT NULL,                  -- card | paya | satna | bill
    idempotency_key  TEXT NOT NULL,
    source           TEXT NOT NULL,                  -- card id or account id
    destination      TEXT NOT NULL,                  -- PAN, SHEBA or bill id/payment id
    amount           INTEGER NOT NULL,
    fee              INTEGER NOT NULL,
    status           TEXT NOT NULL,                  -- succeeded | reversed | accepted | settled | returned
    trace_number     TEXT NOT NULL,
    reference_number TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    effective_at     INTEGER,                        -- SATNA effective date / PAYA cycle
    settled_at       INTEGER,
    return_fee       INTEGER NOT NULL DEFAULT 0,     -- kept if a SHEBA transfer comes back (SATNA)
    receipt          TEXT NOT NULL                   -- the receipt JSON as returned
);
CREATE INDEX transfers_customer ON transfers(customer_id, created_at);
CREATE INDEX transfers_pending ON transfers(status, effective_at);

-- Card usage per Tehran day and Jalali month, for limits.
CREATE TABLE card_usage (
    card_id  TEXT NOT NULL REFERENCES cards(id),
    period   TEXT NOT NULL,                          -- 'd:1404/01/05' or 'm:1404/01'
    used     INTEGER NOT NULL,
    PRIMARY KEY (card_id, period)
);

CREATE TABLE bills (
    bill_id    TEXT NOT NULL,
    payment_id TEXT NOT NULL,
    biller_fa  TEXT NOT NULL,
    biller_en  TEXT NOT NULL,
    paid_at    INTEGER,
    transfer_id TEXT,
    PRIMARY KEY (bill_id, payment_id)
);

-- Idempotency: one recorded outcome per customer and key.
CREATE TABLE idempotency (
    customer_id TEXT NOT NULL,
    key         TEXT NOT NULL,
    operation   TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    http_status INTEGER NOT NULL,
    response    TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (customer_id, key)
);

CREATE TABLE sessions (
    token_hash       TEXT PRIMARY KEY,               -- SHA-256 hex of the bearer token
    customer_id      TEXT NOT NULL REFERENCES customers(id),
    device_id        TEXT NOT NULL,
    scope            TEXT NOT NULL,                  -- full | password_change
    created_at       INTEGER NOT NULL,
    last_activity_at INTEGER NOT NULL,
    idle_timeout     INTEGER NOT NULL,
    previous_login_at INTEGER,                       -- the customer's login before this one (shown as last_login_at)
    ended_at         INTEGER
);
CREATE INDEX sessions_customer ON sessions(customer_id);

CREATE TABLE devices (
    customer_id  TEXT NOT NULL REFERENCES customers(id),
    device_id    TEXT NOT NULL,
    name         TEXT,
    platform     TEXT,
    public_key   TEXT,                               -- base64url SEC1, once enrolled
    trusted_at   INTEGER NOT NULL,                   -- first SMS-confirmed login
    last_seen_at INTEGER NOT NULL,
    revoked_at   INTEGER,
    PRIMARY KEY (customer_id, device_id)
);

-- Pending customer journeys that need an SMS code.
CREATE TABLE challenges (
    id           TEXT PRIMARY KEY,                   -- act_... | lch_... | stk_...
    purpose      TEXT NOT NULL,                      -- activation | login | soft_token
    customer_id  TEXT NOT NULL REFERENCES customers(id),
    device_id    TEXT NOT NULL,
    subject      TEXT,                               -- card id for activation / soft token
    code_hash    TEXT NOT NULL,
    expires_at   INTEGER NOT NULL,
    attempts_left INTEGER NOT NULL,
    verified_at  INTEGER,
    completed_at INTEGER,
    device_name  TEXT,                               -- login: what the client called the device
    platform     TEXT,                               -- login: android | ios | desktop
    created_at   INTEGER NOT NULL
);

-- SMS dynamic PINs, one row per payment (idempotency key).
CREATE TABLE dynamic_pins (
    customer_id     TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    card_id         TEXT NOT NULL,
    amount          INTEGER NOT NULL,
    payee           TEXT NOT NULL,                   -- canonical payee: card:{pan} | bill:{id}:{pid}
    code_hash       TEXT NOT NULL,
    issued_at       INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    requests        INTEGER NOT NULL,
    attempts_left   INTEGER NOT NULL,
    used_at         INTEGER,
    failed_at       INTEGER,
    PRIMARY KEY (customer_id, idempotency_key)
);

-- Every SMS the bank sent, readable through the admin API.
CREATE TABLE sms_outbox (
    id         INTEGER PRIMARY KEY,
    mobile     TEXT NOT NULL,
    kind       TEXT NOT NULL,                        -- the contract's SmsKind
    encoding   TEXT NOT NULL DEFAULT 'text',         -- text | binary | gsm7
    text       TEXT NOT NULL,
    otp        TEXT,                                 -- the code, for QA
    idempotency_key TEXT,                            -- for a dynamic PIN, its payment
    created_at INTEGER NOT NULL
);
CREATE INDEX sms_outbox_mobile ON sms_outbox(mobile, id);

CREATE TABLE issuers (
    bank_id       TEXT PRIMARY KEY,
    otp_connected INTEGER NOT NULL
);

CREATE TABLE holidays (
    date        TEXT PRIMARY KEY,                    -- Gregorian YYYY-MM-DD
    date_jalali TEXT NOT NULL,
    title_fa    TEXT NOT NULL
);
