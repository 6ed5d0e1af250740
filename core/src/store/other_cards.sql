-- Other banks' Shetab cards the customer added (کارت‌های بانک‌های عضو شتاب):
-- only on the phone, sealed whole (number, expiry, label, holder's name); the
-- row id is a keyed blind index of the number, so adding it twice updates it.
-- Never a CVV2: it is typed for each payment.
CREATE TABLE other_cards (
    id       TEXT PRIMARY KEY,          -- blind index of the PAN, hex
    card     BLOB NOT NULL,             -- sealed JSON
    added_at INTEGER NOT NULL
);

-- What the bank last said about the customer's loans, for reading them
-- offline: the replies sealed as they came.
CREATE TABLE loan_cache (
    key        TEXT PRIMARY KEY,        -- 'loans' or 'schedule:{loan_id}'
    body       BLOB NOT NULL,           -- sealed JSON
    fetched_at INTEGER NOT NULL
);
