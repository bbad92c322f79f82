-- revises: 0014
-- date: 2026-12-07
-- why: Parley in DMs and private channels (issue 22): /draft works where the member is, so a draft written outside
--      a server has no guild. Its owner is then the person's own keyed hash (a different HMAC message from a
--      member's, so the two never collide). SQLite cannot drop NOT NULL from a column, so the table is rebuilt.

CREATE TABLE drafts_next (
    draft_id      TEXT PRIMARY KEY CHECK (length(draft_id) BETWEEN 8 AND 40),
    guild_id      INTEGER NULL,
    member_key    TEXT NOT NULL CHECK (length(member_key) >= 32),
    kind          TEXT NOT NULL,
    language      TEXT NOT NULL,
    tone          TEXT NULL,
    field_values  TEXT NOT NULL DEFAULT '{}',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

INSERT INTO drafts_next (draft_id, guild_id, member_key, kind, language, tone, field_values, created_at, updated_at)
SELECT draft_id, guild_id, member_key, kind, language, tone, field_values, created_at, updated_at
FROM drafts;

DROP TABLE drafts;

ALTER TABLE drafts_next RENAME TO drafts;

CREATE INDEX drafts_member ON drafts (guild_id, member_key);
CREATE INDEX drafts_updated_at ON drafts (updated_at);

-- A person's own language outside any server (/language in a DM with Parley): Discord has no Arabic client
-- locale, so without this an Arabic speaker could not get Arabic in DMs. person_key is the person's keyed hash
-- (not a member key: there is no server), so the database alone cannot name them.
CREATE TABLE person_settings (
    person_key  TEXT PRIMARY KEY CHECK (length(person_key) >= 32),
    language    TEXT NULL
);
