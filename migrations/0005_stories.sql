-- revises: 0004
-- date: 2026-11-25
-- why: anonymised horror stories (issue 9): the anonymised text its author confirmed (never the raw text), the
--      author as a keyed hash, publishing slots, full-text search over published stories, blocked authors,
--      "this happened to me too", one reminder per waiting queue entry, and the per-day sharing allowance.

-- What is deliberately NOT here: the raw text of a story (it exists only in memory while the share form is
-- handled), and the preview a member has not confirmed yet (kept in process memory for a few minutes, so a
-- cancelled story never touches the disk, not even the WAL). Times are days ("2026-01-31"), never finer, except
-- publish_after (a publishing-slot boundary, the same for every story of that slot) and claimed_at.
--
-- One row per confirmed story. author_key is HMAC(PARLEY_SECRET, guild + user): enough to find "my stories",
-- rate-limit and block, not enough to name anyone from the database alone. reason and note are what the
-- moderators tell the author (a rejection reason code, a note with "request edit"); /story mine shows them.
-- status: pending (in the queue) -> approved (waits for its slot) -> publishing (one process claimed it) ->
-- published; or rejected, changes_requested (back to the author), expired. Withdrawn and deleted stories are
-- deleted rows. queue_id is the story's current mod_queue entry (a resubmitted story gets a new one).
CREATE TABLE stories (
    id             INTEGER PRIMARY KEY,
    guild_id       INTEGER NOT NULL,
    author_key     TEXT NOT NULL CHECK (length(author_key) >= 32),
    archetype      TEXT NOT NULL CHECK (length(archetype) BETWEEN 1 AND 32),
    lang           TEXT NOT NULL CHECK (lang IN ('en', 'ar', 'fi', 'ru')),
    title          TEXT NULL CHECK (title IS NULL OR length(title) BETWEEN 1 AND 100),
    text           TEXT NOT NULL CHECK (length(trim(text)) >= 1 AND length(text) <= 4000),
    status         TEXT NOT NULL DEFAULT 'pending' CHECK (
                       status IN ('pending', 'changes_requested', 'approved', 'publishing', 'published',
                                  'rejected', 'expired')
                   ),
    featured       INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
    shared_on      TEXT NOT NULL CHECK (length(shared_on) = 10),
    decided_on     TEXT NULL CHECK (decided_on IS NULL OR length(decided_on) = 10),
    reason         TEXT NULL CHECK (reason IS NULL OR length(reason) <= 32),
    note           TEXT NULL CHECK (note IS NULL OR length(note) <= 500),
    queue_id       INTEGER NULL,
    publish_after  TEXT NULL,
    claimed_at     TEXT NULL,
    published_on   TEXT NULL CHECK (published_on IS NULL OR length(published_on) = 10),
    channel_id     INTEGER NULL,
    message_id     INTEGER NULL
);

-- "My stories" and the author's own-story checks.
CREATE INDEX stories_by_author ON stories (guild_id, author_key);
-- The publishing slot picks approved stories whose slot has come.
CREATE INDEX stories_due ON stories (publish_after) WHERE status = 'approved';
-- /story browse lists a guild's published stories, optionally of one type.
CREATE INDEX stories_published ON stories (guild_id, archetype, id) WHERE status = 'published';
CREATE UNIQUE INDEX stories_by_queue_entry ON stories (queue_id) WHERE queue_id IS NOT NULL;

-- Full-text search over PUBLISHED stories only: an external-content FTS5 index over stories (no second copy of
-- the text), kept in sync by the triggers below inside the very transaction that publishes, edits or deletes a
-- story. A story enters the index when it becomes 'published' and leaves it when it stops being published or is
-- deleted; the 'delete' command is given the old values, exactly as FTS5 requires.
CREATE VIRTUAL TABLE stories_fts USING fts5(
    title,
    text,
    content = 'stories',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER stories_fts_publish AFTER UPDATE OF status ON stories
WHEN new.status = 'published' AND old.status <> 'published'
BEGIN
    INSERT INTO stories_fts (rowid, title, text) VALUES (new.id, coalesce(new.title, ''), new.text);
END;

CREATE TRIGGER stories_fts_unpublish AFTER UPDATE OF status ON stories
WHEN old.status = 'published' AND new.status <> 'published'
BEGIN
    INSERT INTO stories_fts (stories_fts, rowid, title, text)
    VALUES ('delete', old.id, coalesce(old.title, ''), old.text);
END;

CREATE TRIGGER stories_fts_edit AFTER UPDATE OF title, text ON stories
WHEN old.status = 'published' AND new.status = 'published'
BEGIN
    INSERT INTO stories_fts (stories_fts, rowid, title, text)
    VALUES ('delete', old.id, coalesce(old.title, ''), old.text);
    INSERT INTO stories_fts (rowid, title, text) VALUES (new.id, coalesce(new.title, ''), new.text);
END;

CREATE TRIGGER stories_fts_delete AFTER DELETE ON stories
WHEN old.status = 'published'
BEGIN
    INSERT INTO stories_fts (stories_fts, rowid, title, text)
    VALUES ('delete', old.id, coalesce(old.title, ''), old.text);
END;

-- Authors moderators blocked from sharing, by keyed hash only: the moderator pressed "Block author" on a card
-- and never learned who it was. blocked_on is a day.
CREATE TABLE story_author_blocks (
    guild_id    INTEGER NOT NULL,
    author_key  TEXT NOT NULL CHECK (length(author_key) >= 32),
    blocked_on  TEXT NOT NULL CHECK (length(blocked_on) = 10),
    PRIMARY KEY (guild_id, author_key)
);

-- "This happened to me too": one row per member and story (pressing again takes it back). The count is derived.
CREATE TABLE story_metoo (
    story_id    INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    member_key  TEXT NOT NULL CHECK (length(member_key) >= 32),
    PRIMARY KEY (story_id, member_key)
);

-- A member's "me too"s, for /privacy export and forget.
CREATE INDEX story_metoo_by_member ON story_metoo (member_key);

-- Stories shared per author and day (the daily allowance). Kept apart from stories so withdrawing a story does not
-- hand the allowance back; rows of past days are deleted by the periodic work.
CREATE TABLE story_shares (
    guild_id    INTEGER NOT NULL,
    author_key  TEXT NOT NULL CHECK (length(author_key) >= 32),
    day         TEXT NOT NULL CHECK (length(day) = 10),
    shared      INTEGER NOT NULL DEFAULT 0 CHECK (shared >= 0),
    PRIMARY KEY (guild_id, author_key, day)
);

-- Queue entries moderators were reminded about (any kind: stories and tips share the queue); the primary key
-- makes the reminder happen once even when two processes run the periodic work.
CREATE TABLE queue_reminders (
    queue_id     INTEGER PRIMARY KEY REFERENCES mod_queue (id) ON DELETE CASCADE,
    reminded_at  TEXT NOT NULL
);
