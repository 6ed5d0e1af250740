-- A card's static second (internet) PIN, kept as a keyed hash like its CVV2
-- (`vault::cvv2`, label `pin2`): the database alone gives up no PIN. NULL for
-- other banks' cards, whose issuer keeps theirs.
ALTER TABLE cards ADD COLUMN second_pin TEXT;
