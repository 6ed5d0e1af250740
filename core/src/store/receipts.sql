-- The customer's payments of every kind (the bank's receipts from
-- transfer_list), sealed one by one, for the history offline.
CREATE TABLE receipts (
    receipt_id TEXT PRIMARY KEY,            -- the bank's id (trf_, bpy_, top_, lnp_)
    at         INTEGER NOT NULL,            -- when it was made, Unix seconds
    body       BLOB NOT NULL                -- sealed JSON of the bank's receipt
);
CREATE INDEX receipts_page ON receipts(at DESC, receipt_id DESC);
