-- The inbox: the notices the bank sent, synced over HTTPS, each sealed (they
-- carry amounts and masked card numbers); read flags in clear for the count.
CREATE TABLE notices (
    notice_id INTEGER PRIMARY KEY,           -- the bank's, growing
    read      INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
    body      BLOB NOT NULL                  -- sealed JSON of the bank's Notice
);
CREATE INDEX notices_unread ON notices(notice_id) WHERE read = 0;

-- A read mark set while the bank could not be reached, sent at the next sync.
CREATE TABLE notice_marks (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    pending INTEGER NOT NULL
);
