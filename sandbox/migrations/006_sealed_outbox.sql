-- SMS codes at rest: a message carrying a code (login, activation, dynamic
-- PIN) keeps its text with the code masked in `text`, `otp` NULL, and the
-- whole text and code sealed in `sealed` under the column key (src/sms.rs),
-- which the admin API opens for QA. (`cards.cvv2` holds since this version
-- a keyed hash of the CVV2, never the CVV2: src/vault/cvv2.rs.)
ALTER TABLE sms_outbox ADD COLUMN sealed BLOB;
