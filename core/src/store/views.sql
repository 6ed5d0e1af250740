-- Read models cached from the bank (the cheque books, the cheques received),
-- so their screens can be read offline. Each view is sealed JSON, bound to its name.
CREATE TABLE cached_views (
    name     TEXT PRIMARY KEY,
    body     BLOB NOT NULL,                 -- sealed JSON
    saved_at INTEGER NOT NULL               -- bank clock, Unix seconds
);
