-- revises: 0002
-- date: 2026-11-24
-- why: /situation and /redflags are multi-step ephemeral flows whose buttons must keep working after a restart,
--      so each flow's state lives here, keyed by a random flow id carried in the components' custom ids; and
--      members' "Not what's happening?" picks are kept, anonymously, to improve triage.

-- One row per walkthrough (kind 'situation') or red-flag check (kind 'redflags') a member started.
-- version grows by one on every accepted step: a click built for an older version is stale (double click).
-- state is the flow's answers as JSON (ids only, no member text). free_text is the member's own words: personal
-- data, kept only while the flow lives; the row (and the text) is purged once updated_at is older than
-- privacy.flow_ttl_hours, and /privacy forget erases it (guild_id + member_key).
CREATE TABLE flows (
    flow_id     TEXT PRIMARY KEY CHECK (length(flow_id) BETWEEN 8 AND 40),
    guild_id    INTEGER NULL,
    member_key  TEXT NOT NULL CHECK (length(member_key) >= 32),
    kind        TEXT NOT NULL CHECK (kind IN ('situation', 'redflags')),
    language    TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0),
    state       TEXT NOT NULL DEFAULT '{}',
    free_text   TEXT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE INDEX flows_member ON flows (guild_id, member_key);
CREATE INDEX flows_updated_at ON flows (updated_at);

-- A member said the recognised archetype was wrong and picked another. Deliberately anonymous: no member key,
-- no flow id, no free text; only the answer ids (space-separated tokens) and the day.
CREATE TABLE triage_corrections (
    correction_id  INTEGER PRIMARY KEY,
    guild_id       INTEGER NULL,
    predicted      TEXT NOT NULL,
    chosen         TEXT NOT NULL,
    answers        TEXT NOT NULL DEFAULT '',
    day            TEXT NOT NULL CHECK (length(day) = 10)
);

CREATE INDEX triage_corrections_guild_day ON triage_corrections (guild_id, day);
