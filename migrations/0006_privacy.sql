-- revises: 0005
-- date: 2026-11-25
-- why: /privacy forget and the retention work delete the bot's own posts (published stories) from Discord; a
--      deletion that cannot be done right away (Discord down, bot restarting) is remembered here and retried,
--      so an erased story cannot linger in a channel.

-- One row per bot message still to delete. Deliberately no author and no member key: only where the message is.
-- A row is removed once Discord confirms the deletion (or answers that the message or channel is gone).
CREATE TABLE privacy_message_deletions (
    channel_id  INTEGER NOT NULL,
    message_id  INTEGER NOT NULL,
    guild_id    INTEGER NOT NULL,
    queued_at   TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    PRIMARY KEY (channel_id, message_id)
);

CREATE INDEX privacy_message_deletions_guild ON privacy_message_deletions (guild_id);
