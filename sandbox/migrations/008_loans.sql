-- Loans (تسهیلات) and their instalments. Each loan has its own ledger account
-- (accounts.kind = 'loan', owned by the holder): its balance is minus what the
-- holder still owes in instalments, credited by every instalment paid.
CREATE TABLE loans (
    id            TEXT PRIMARY KEY,                  -- lon_...
    loan_number   TEXT NOT NULL UNIQUE,              -- 10 to 20 digits
    customer_id   TEXT NOT NULL REFERENCES customers(id),
    account_id    TEXT NOT NULL REFERENCES accounts(id),
    loan_type     TEXT NOT NULL,                     -- qard_al_hasan | consumer | mortgage | murabaha
    title_fa      TEXT NOT NULL,
    title_en      TEXT NOT NULL,
    principal     INTEGER NOT NULL,
    rate_bp       INTEGER NOT NULL,                  -- annual profit rate, basis points
    term_months   INTEGER NOT NULL,
    disbursed_on  TEXT NOT NULL,                     -- Gregorian ISO date, Tehran
    settled_at    INTEGER
);
CREATE INDEX loans_customer ON loans(customer_id);

CREATE TABLE loan_instalments (
    loan_id       TEXT NOT NULL REFERENCES loans(id),
    number        INTEGER NOT NULL,                  -- 1..term
    due_date      TEXT NOT NULL,                     -- Gregorian ISO date, Tehran
    amount        INTEGER NOT NULL,                  -- principal part + profit part
    profit        INTEGER NOT NULL,                  -- the profit part (forgiven on early settlement if not yet due)
    paid_at       INTEGER,
    penalty_paid  INTEGER NOT NULL DEFAULT 0,
    payment_id    TEXT,                              -- lpy_... that paid it
    reminded_at   INTEGER,                           -- the SMS reminder before its due date
    overdue_noticed_at INTEGER,                      -- the SMS notice once it was overdue
    PRIMARY KEY (loan_id, number)
);
CREATE INDEX loan_instalments_unpaid ON loan_instalments(paid_at, due_date);
