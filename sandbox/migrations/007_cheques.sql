-- Sayad cheques: cheque books of customers' accounts with their leaves
-- (each leaf has its Sayad ID and printed series/serial), the cheques
-- registered in Sayad (on this bank's leaves, and other banks' cheques
-- offered to this bank's customers), and issuers' returned cheques not yet
-- cleared, from which the Central Bank's colour code is computed.

CREATE TABLE cheque_books (
    id          TEXT PRIMARY KEY,                    -- chb_...
    customer_id TEXT NOT NULL REFERENCES customers(id),
    account_id  TEXT NOT NULL REFERENCES accounts(id),
    series      TEXT NOT NULL,                       -- the series printed on every leaf
    issued_at   INTEGER NOT NULL
);
CREATE INDEX cheque_books_customer ON cheque_books(customer_id);

CREATE TABLE cheque_leaves (
    sayad_id TEXT PRIMARY KEY,                       -- 16 digits
    book_id  TEXT NOT NULL REFERENCES cheque_books(id),
    serial   TEXT NOT NULL UNIQUE,                   -- series/serial as printed
    state    TEXT NOT NULL DEFAULT 'unused'          -- unused | issued | cancelled
);
CREATE INDEX cheque_leaves_book ON cheque_leaves(book_id, serial);

CREATE TABLE cheques (
    sayad_id           TEXT PRIMARY KEY,
    serial             TEXT NOT NULL,
    issuer_national_id TEXT NOT NULL,
    issuer_name_fa     TEXT NOT NULL,
    issuer_bank_id     TEXT NOT NULL,
    account_id         TEXT REFERENCES accounts(id), -- the issuer's account here; NULL for another bank's cheque
    amount             INTEGER NOT NULL,
    due_date           TEXT NOT NULL,                -- Gregorian YYYY-MM-DD, Tehran
    description        TEXT,
    status             TEXT NOT NULL,                -- pending_acceptance | accepted | refused | paid | bounced
    holders            TEXT NOT NULL,                -- national IDs holding it (at registration: the payees), comma-separated
    pending            TEXT NOT NULL DEFAULT '',     -- national IDs still to confirm it
    offered            TEXT NOT NULL DEFAULT '',     -- a transfer's new holder, until confirmed
    registered_at      INTEGER NOT NULL,
    presented_at       INTEGER
);
CREATE INDEX cheques_due ON cheques(status, due_date);

CREATE TABLE returned_cheques (
    sayad_id    TEXT PRIMARY KEY,
    national_id TEXT NOT NULL,                       -- the issuer
    amount      INTEGER NOT NULL,
    returned_at INTEGER NOT NULL,
    cleared_at  INTEGER                              -- NULL until the issuer clears it (رفع سوء اثر)
);
CREATE INDEX returned_cheques_issuer ON returned_cheques(national_id);
