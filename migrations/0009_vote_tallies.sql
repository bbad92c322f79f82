-- revises: 0008
-- date: 2026-12-07
-- why: a tally was a COUNT over the item's votes in every voting transaction and every ranked list, so a vote
--      and /advice top slowed down as votes accumulated (50 votes/s and 1.4 s at 10 M votes, issue 21). The counts
--      now live in vote_tallies, kept by triggers in the same transaction as the vote, so they cannot drift; a
--      vote and a ranked list cost the same at any size.

-- One row per item and button value that has at least one vote; the triggers delete a row when it reaches 0.
CREATE TABLE vote_tallies (
    guild_id  INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    item_id   TEXT NOT NULL,
    value     TEXT NOT NULL,
    n         INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (guild_id, kind, item_id, value)
) WITHOUT ROWID;

INSERT INTO vote_tallies (guild_id, kind, item_id, value, n)
SELECT guild_id, kind, item_id, value, COUNT(*) FROM votes GROUP BY guild_id, kind, item_id, value;

CREATE TRIGGER votes_tally_insert AFTER INSERT ON votes
BEGIN
    INSERT INTO vote_tallies (guild_id, kind, item_id, value, n)
    VALUES (new.guild_id, new.kind, new.item_id, new.value, 1)
    ON CONFLICT (guild_id, kind, item_id, value) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER votes_tally_delete AFTER DELETE ON votes
BEGIN
    UPDATE vote_tallies SET n = n - 1
    WHERE guild_id = old.guild_id AND kind = old.kind AND item_id = old.item_id AND value = old.value;
    DELETE FROM vote_tallies
    WHERE guild_id = old.guild_id AND kind = old.kind AND item_id = old.item_id AND value = old.value AND n = 0;
END;

CREATE TRIGGER votes_tally_update AFTER UPDATE OF guild_id, kind, item_id, value ON votes
BEGIN
    UPDATE vote_tallies SET n = n - 1
    WHERE guild_id = old.guild_id AND kind = old.kind AND item_id = old.item_id AND value = old.value;
    DELETE FROM vote_tallies
    WHERE guild_id = old.guild_id AND kind = old.kind AND item_id = old.item_id AND value = old.value AND n = 0;
    INSERT INTO vote_tallies (guild_id, kind, item_id, value, n)
    VALUES (new.guild_id, new.kind, new.item_id, new.value, 1)
    ON CONFLICT (guild_id, kind, item_id, value) DO UPDATE SET n = n + 1;
END;

-- Tallies no longer group the votes table, so the index that served them only slows every vote down.
DROP INDEX votes_tally;
