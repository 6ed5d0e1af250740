-- What the SMS channel's indexes name, as the bank's lists gave them when data
-- was on: with data off, the SMS screens show them. Labels are sealed.
CREATE TABLE sms_directory (
    kind     TEXT NOT NULL CHECK (kind IN ('account', 'card')),
    position INTEGER NOT NULL CHECK (position BETWEEN 0 AND 255), -- the index an SMS frame carries
    label    BLOB NOT NULL,                                       -- sealed: the account's title, the card's bank and masked PAN
    PRIMARY KEY (kind, position)
);
