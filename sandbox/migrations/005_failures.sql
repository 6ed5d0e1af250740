-- Failed checks the bank throttles on, with their times: identity mismatches
-- at activation (per national ID and per client address) and wrong card
-- credentials (CVV2, expiry) of card payments (per card and per customer).
CREATE TABLE failures (
    kind        TEXT NOT NULL,                       -- activation_identity | activation_address | card_credentials | card_customer
    subject     TEXT NOT NULL,                       -- the national ID, address, card id or customer id counted
    customer_id TEXT,                                -- who failed, when known (admin_user_unlock clears theirs)
    at          INTEGER NOT NULL
);
CREATE INDEX failures_subject ON failures(kind, subject, at);
CREATE INDEX failures_customer ON failures(customer_id);
