-- revises: 0003
-- date: 2026-11-24
-- why: /draft keeps each member's draft (kind, draft language, tone and the details they typed) so the
--      draft's buttons (another tone, another language, Edit details) keep working after a restart.

-- One row per draft a member opened. draft_id is a random hex token carried in the buttons' custom ids.
-- field_values is the member's own text (a JSON object: field id -> what they typed), kept so "Edit details"
-- can reopen the form prefilled. It is personal data: /privacy export lists it and /privacy forget erases it
-- (by guild_id + member_key), and a row unused for privacy.flow_ttl_hours (updated_at) is deleted.
CREATE TABLE drafts (
    draft_id      TEXT PRIMARY KEY CHECK (length(draft_id) BETWEEN 8 AND 40),
    guild_id      INTEGER NOT NULL,
    member_key    TEXT NOT NULL CHECK (length(member_key) >= 32),
    kind          TEXT NOT NULL,
    language      TEXT NOT NULL,
    tone          TEXT NULL,
    field_values  TEXT NOT NULL DEFAULT '{}',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE INDEX drafts_member ON drafts (guild_id, member_key);
CREATE INDEX drafts_updated_at ON drafts (updated_at);
