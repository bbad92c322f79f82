-- revises: 0001
-- date: 2026-11-25
-- why: community voting (helpful / not helpful, and "I tried it: it worked / it didn't" on advice), members' tips,
--      and the moderation queue + audit log that tips share with stories (issue 6).

-- One row per member, item and axis: the primary key is what makes a double click or 200 members pressing at
-- once count exactly once each. Tallies are derived from these rows (COUNT in the voting transaction), so they
-- cannot drift. voter_key is the keyed HMAC of (guild, user), never a Discord id (the length check refuses one).
-- kind is open-ended ('advice', 'tip', 'story', ...): later capabilities add kinds without a table rebuild.
CREATE TABLE votes (
    guild_id   INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 16),
    item_id    TEXT NOT NULL CHECK (length(item_id) BETWEEN 1 AND 80),
    axis       TEXT NOT NULL CHECK (axis IN ('helpful', 'outcome')),
    voter_key  TEXT NOT NULL CHECK (length(voter_key) >= 32),
    value      TEXT NOT NULL CHECK (
                   (axis = 'helpful' AND value IN ('up', 'down'))
                   OR (axis = 'outcome' AND value IN ('worked', 'failed'))
               ),
    voted_at   TEXT NOT NULL,
    PRIMARY KEY (guild_id, kind, item_id, axis, voter_key)
);

-- "My votes" for /privacy export and forget.
CREATE INDEX votes_by_voter ON votes (guild_id, voter_key);

-- Tips members suggest. Only approved tips are shown (and votable); author_key lets the author be rate-limited,
-- refused a self-vote and forgotten, without anyone learning who wrote the tip.
CREATE TABLE tips (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    author_key  TEXT NOT NULL CHECK (length(author_key) >= 32),
    archetype   TEXT NOT NULL CHECK (length(archetype) BETWEEN 1 AND 32),
    lang        TEXT NOT NULL CHECK (lang IN ('en', 'ar', 'fi', 'ru')),
    text        TEXT NOT NULL CHECK (length(trim(text)) >= 1 AND length(text) <= 4000),
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
    created_at  TEXT NOT NULL,
    decided_at  TEXT NULL
);

-- The daily limit counts a member's tips since midnight UTC.
CREATE INDEX tips_by_author ON tips (guild_id, author_key, created_at);
-- /advice browse and top read the approved tips of a guild per archetype and language.
CREATE INDEX tips_published ON tips (guild_id, archetype, lang) WHERE status = 'approved';

-- The moderation queue, shared by every kind of submission (tips here; stories add their own kind).
-- A decision is a conditional change of status from 'pending', so two moderators (or a double click) produce
-- exactly one decision. decided_by is the moderator's keyed hash. No author is ever stored here.
CREATE TABLE mod_queue (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 16),
    subject_id  INTEGER NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'approved', 'rejected', 'expired', 'withdrawn')),
    channel_id  INTEGER NULL,
    message_id  INTEGER NULL,
    created_at  TEXT NOT NULL,
    decided_at  TEXT NULL,
    decided_by  TEXT NULL CHECK (decided_by IS NULL OR length(decided_by) >= 32),
    decision    TEXT NULL,
    reason      TEXT NULL,
    note        TEXT NULL CHECK (note IS NULL OR length(note) <= 500)
);

CREATE INDEX mod_queue_pending ON mod_queue (guild_id, created_at) WHERE status = 'pending';
CREATE INDEX mod_queue_subject ON mod_queue (guild_id, kind, subject_id);

-- Every moderation action: who (the moderator's keyed hash), what, when, on which item. Deliberately no author
-- and no copy of the submitted text, and no foreign key: the audit outlives the items it mentions.
CREATE TABLE mod_audit (
    id             INTEGER PRIMARY KEY,
    guild_id       INTEGER NOT NULL,
    at             TEXT NOT NULL,
    moderator_key  TEXT NOT NULL CHECK (length(moderator_key) >= 32),
    action         TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 32),
    kind           TEXT NOT NULL,
    subject_id     INTEGER NOT NULL,
    queue_id       INTEGER NULL,
    reason         TEXT NULL,
    note           TEXT NULL CHECK (note IS NULL OR length(note) <= 500)
);

CREATE INDEX mod_audit_by_guild ON mod_audit (guild_id, at);
