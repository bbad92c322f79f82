-- revises: none
-- date: 2026-11-24
-- why: core tables every capability relies on: per-guild settings, members' own settings, and the bot's
--      presence in guilds (for the purge-after-grace rule). Features add their own tables in 0002+.

-- One row per guild that ran /setup. NULL means "not set": the config default applies.
CREATE TABLE guild_settings (
    guild_id             INTEGER PRIMARY KEY,
    language             TEXT NULL,
    stories_channel_id   INTEGER NULL,
    queue_channel_id     INTEGER NULL,
    moderator_role_id    INTEGER NULL,
    stories_per_day      INTEGER NULL CHECK (stories_per_day IS NULL OR stories_per_day >= 0),
    tips_per_day         INTEGER NULL CHECK (tips_per_day IS NULL OR tips_per_day >= 0),
    min_membership_days  INTEGER NULL CHECK (min_membership_days IS NULL OR min_membership_days >= 0),
    publish_every_hours  INTEGER NULL CHECK (publish_every_hours IS NULL OR publish_every_hours >= 1),
    walkthrough_enabled  INTEGER NOT NULL DEFAULT 1 CHECK (walkthrough_enabled IN (0, 1)),
    stories_enabled      INTEGER NOT NULL DEFAULT 1 CHECK (stories_enabled IN (0, 1)),
    tips_enabled         INTEGER NOT NULL DEFAULT 1 CHECK (tips_enabled IN (0, 1)),
    updated_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- A member's own choices in a guild. member_key is the keyed HMAC of (guild, user), never a raw user id:
-- the length check refuses a Discord id (17-20 digits) written here by mistake.
CREATE TABLE member_settings (
    guild_id    INTEGER NOT NULL,
    member_key  TEXT NOT NULL CHECK (length(member_key) >= 32),
    language    TEXT NULL,
    PRIMARY KEY (guild_id, member_key)
);

-- Guilds the bot is in (left_at NULL) or left (left_at set); data of a guild left longer ago than
-- privacy.guild_grace_days is purged.
CREATE TABLE guild_presence (
    guild_id  INTEGER PRIMARY KEY,
    left_at   TEXT NULL
);

CREATE INDEX guild_presence_left_at ON guild_presence (left_at) WHERE left_at IS NOT NULL;
