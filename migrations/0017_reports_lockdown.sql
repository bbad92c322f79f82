-- revises: 0016
-- date: 2026-12-07
-- why: reports, corrections and lockdown (issue 23, part 2). Members report a published story or tip (a reason
--      from a list and optional anonymised details) into the moderators' queue; an author asks for a correction of
--      their published story (the anonymised new text waits on the story's own row until a moderator decides);
--      moderators pause sharing, tips and publishing in a server at once. (0015 in the session plan; renumbered
--      at merge to the next free number.)

-- One row per report. reporter_key is the reporter's keyed hash (never shown to anyone, never to the author): it
-- makes "one report per member per item" a unique index and the hourly limit a count. details is already
-- anonymised when it is written. No foreign key: a report outlives the item it names (taken down, deleted).
CREATE TABLE reports (
    id            INTEGER PRIMARY KEY,
    guild_id      INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('story', 'tip')),
    item_id       INTEGER NOT NULL,
    reporter_key  TEXT NOT NULL CHECK (length(reporter_key) >= 32),
    reason        TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 32),
    details       TEXT NULL CHECK (details IS NULL OR length(details) <= 1000),
    created_at    TEXT NOT NULL
);

CREATE UNIQUE INDEX reports_once_per_member ON reports (guild_id, kind, item_id, reporter_key);
-- The hourly limit counts a member's recent reports.
CREATE INDEX reports_by_reporter ON reports (guild_id, reporter_key, created_at);

-- A correction the author asked for: anonymised text (and title) waiting for a moderator, on the story's own row,
-- so deleting, forgetting or purging the story takes it along. NULL when none waits.
ALTER TABLE stories ADD COLUMN correction_text TEXT NULL
    CHECK (correction_text IS NULL OR length(trim(correction_text)) >= 1);
ALTER TABLE stories ADD COLUMN correction_title TEXT NULL;

-- Servers in lockdown: sharing stories, suggesting tips and publishing pause while a row is here. Who switched it
-- on or off is in mod_audit (as every moderation action is), not here.
CREATE TABLE guild_lockdowns (
    guild_id  INTEGER PRIMARY KEY,
    since     TEXT NOT NULL
);
