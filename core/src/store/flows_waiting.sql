-- The operation a saved flow waits for (its idempotency key), so pruning
-- never drops a journey whose outcome is still unknown.
ALTER TABLE flows ADD COLUMN waiting_on TEXT;
