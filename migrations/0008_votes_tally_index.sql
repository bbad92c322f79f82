-- revises: 0007
-- date: 2026-11-24
-- why: tallies group votes by (item, value); without a covering index every tally read the table row of each vote,
--      so /advice top took 0.5-0.95 s on a community with a million votes (the bench's scale section); with it, 80 ms.

CREATE INDEX votes_tally ON votes (guild_id, kind, item_id, value);
