-- The bank's public information as it last came (exchange rates, branches,
-- deposit products): one sealed JSON body per document, with the ETag to
-- revalidate it and when it was last confirmed current.
CREATE TABLE documents (
    name       TEXT PRIMARY KEY,             -- exchange_rates | branches | deposit_products
    etag       TEXT,                         -- sent back in If-None-Match
    fetched_at INTEGER NOT NULL,             -- bank clock, Unix seconds: last 200 or 304
    body       BLOB NOT NULL                 -- sealed JSON, as the bank sent it
);
