-- PostgreSQL version of migrations/0009_vote_tallies.sql (same table, key and counts; see that file for why).
-- SQLite's trigger bodies have no translation: here one PL/pgSQL function keeps vote_tallies, fired by one row
-- trigger for inserts, deletes and updates of the counted columns, in the voting transaction.
-- Keep it in step with 0009_vote_tallies.sql: tests/postgres/test_schema_parity.py compares the two schemas.

CREATE TABLE vote_tallies (
    guild_id  BIGINT NOT NULL,
    kind      TEXT NOT NULL,
    item_id   TEXT NOT NULL,
    value     TEXT NOT NULL,
    n         BIGINT NOT NULL CHECK (n >= 0),
    PRIMARY KEY (guild_id, kind, item_id, value)
);

INSERT INTO vote_tallies (guild_id, kind, item_id, value, n)
SELECT guild_id, kind, item_id, value, COUNT(*) FROM votes GROUP BY guild_id, kind, item_id, value;

-- (The body's BEGIN and END share lines with other words: the runner refuses lines that are only BEGIN/END;.)
CREATE FUNCTION parley_vote_tally() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE vote_tallies SET n = n - 1
        WHERE guild_id = OLD.guild_id AND kind = OLD.kind AND item_id = OLD.item_id AND value = OLD.value;
        DELETE FROM vote_tallies
        WHERE guild_id = OLD.guild_id AND kind = OLD.kind AND item_id = OLD.item_id AND value = OLD.value
          AND n = 0;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO vote_tallies (guild_id, kind, item_id, value, n)
        VALUES (NEW.guild_id, NEW.kind, NEW.item_id, NEW.value, 1)
        ON CONFLICT (guild_id, kind, item_id, value) DO UPDATE SET n = vote_tallies.n + 1;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER votes_tally AFTER INSERT OR DELETE OR UPDATE OF guild_id, kind, item_id, value ON votes
FOR EACH ROW EXECUTE FUNCTION parley_vote_tally();

DROP INDEX votes_tally;
