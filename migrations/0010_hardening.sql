-- revises: 0009
-- date: 2026-12-07
-- why: moderation without dead ends (issue 18): a block can be listed and lifted. Each block gets a number of its
--      own (never reused: a stale "Unblock" button must not lift a later block that happened to get the same
--      number), the story number it was pressed on (moderators list blocks by story, never by member) and the
--      reason the moderator picked. SQLite cannot add a primary key to a table, so the table is rebuilt.

CREATE TABLE story_author_blocks_next (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id    INTEGER NOT NULL,
    author_key  TEXT NOT NULL CHECK (length(author_key) >= 32),
    story_id    INTEGER NULL,
    reason      TEXT NULL CHECK (reason IS NULL OR length(reason) <= 32),
    blocked_on  TEXT NOT NULL CHECK (length(blocked_on) = 10)
);

-- Existing blocks keep their day; their story is the latest one of that author a moderator blocked from the queue
-- (unknown when that story was purged since: the block is then listed without a story number).
INSERT INTO story_author_blocks_next (guild_id, author_key, story_id, blocked_on)
SELECT b.guild_id, b.author_key,
       (SELECT max(s.id) FROM stories s JOIN mod_queue q ON q.id = s.queue_id
        WHERE s.guild_id = b.guild_id AND s.author_key = b.author_key AND q.decision = 'block_author'),
       b.blocked_on
FROM story_author_blocks b
ORDER BY b.blocked_on, b.guild_id;

DROP TABLE story_author_blocks;

ALTER TABLE story_author_blocks_next RENAME TO story_author_blocks;

-- One block per author and guild (the sharing check and "Block author" look it up by keyed hash).
CREATE UNIQUE INDEX story_author_blocks_by_author ON story_author_blocks (guild_id, author_key);
-- /mod blocks lists a guild's blocks, newest first.
CREATE INDEX story_author_blocks_by_guild ON story_author_blocks (guild_id, id);
