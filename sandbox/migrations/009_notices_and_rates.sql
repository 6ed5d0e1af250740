-- The inbox: every notice the bank sent a customer by SMS (never a code), and
-- the customer's read mark (a notice is read when its id is at most the mark).
-- AUTOINCREMENT: ids only grow, also across a reset, so a phone's sync cursor
-- never meets an id again.
CREATE TABLE notices (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    sms_id      INTEGER NOT NULL,                -- the SMS of sms_outbox it repeats
    kind        TEXT NOT NULL,                   -- the contract's NoticeKind
    text        TEXT NOT NULL,
    amount      INTEGER,                         -- rials, when it reports an amount
    created_at  INTEGER NOT NULL
);
CREATE INDEX notices_customer ON notices(customer_id, id);

CREATE TABLE notice_reads (
    customer_id TEXT PRIMARY KEY REFERENCES customers(id),
    read_up_to  INTEGER NOT NULL
);

-- The bank's exchange-rate quote, in rials (reference data: a reset keeps it).
CREATE TABLE exchange_rates (
    currency  TEXT PRIMARY KEY,                  -- ISO 4217
    position  INTEGER NOT NULL,                  -- the order the bank lists them in
    name_fa   TEXT NOT NULL,
    buy       INTEGER NOT NULL CHECK (buy > 0),
    sell      INTEGER NOT NULL CHECK (sell > 0),
    quoted_at INTEGER NOT NULL
);
INSERT INTO exchange_rates (currency, position, name_fa, buy, sell, quoted_at) VALUES
    ('USD', 1, 'دلار آمریکا', 681000, 701500, CAST(strftime('%s', 'now') AS INTEGER)),
    ('EUR', 2, 'یورو', 742300, 764500, CAST(strftime('%s', 'now') AS INTEGER)),
    ('GBP', 3, 'پوند انگلیس', 861200, 887000, CAST(strftime('%s', 'now') AS INTEGER)),
    ('AED', 4, 'درهم امارات', 185400, 191000, CAST(strftime('%s', 'now') AS INTEGER)),
    ('TRY', 5, 'لیر ترکیه', 17850, 18400, CAST(strftime('%s', 'now') AS INTEGER)),
    ('CNY', 6, 'یوان چین', 93900, 96700, CAST(strftime('%s', 'now') AS INTEGER)),
    ('CHF', 7, 'فرانک سوئیس', 771000, 794100, CAST(strftime('%s', 'now') AS INTEGER)),
    ('CAD', 8, 'دلار کانادا', 490600, 505300, CAST(strftime('%s', 'now') AS INTEGER));
