-- revises: 0012
-- date: 2026-12-07
-- why: stories in a forum channel (issue 23, part 1) and authors who learn the moderators' decision (part 3):
--      the forum tags Parley created (one per type of client, and "Resolved"), whether replies to a story's post
--      are open, the author's Resolved mark and short update, and the author's own choice to be told by DM.
--      (0014 in the session plan: numbered next on main when it was rebased; renumber at merge if needed.)

-- The tags /setup created (or found) on a forum, by what they stand for: an archetype id or 'resolved'. A tag an
-- admin deletes in Discord is simply not applied any more (publishing checks the forum's tags as they are).
CREATE TABLE forum_tags (
    guild_id    INTEGER NOT NULL,
    channel_id  INTEGER NOT NULL,
    stands_for     TEXT NOT NULL CHECK (length(stands_for) BETWEEN 1 AND 32),
    tag_id      INTEGER NOT NULL,
    PRIMARY KEY (guild_id, channel_id, stands_for)
);

-- How a server publishes stories in a forum: replies open (members discuss under each post) or closed (the post
-- is locked; only the story and the author's update are in it). Text channels ignore it.
CREATE TABLE story_forum_settings (
    guild_id      INTEGER PRIMARY KEY,
    replies_open  INTEGER NOT NULL DEFAULT 1 CHECK (replies_open IN (0, 1))
);

-- The author marked the story Resolved (a day, like every date of a story) and may have added a short update:
-- anonymised text the author confirmed, never the raw text. update_status follows the update through the
-- moderators' queue: pending -> posted (approved and posted), or rejected. A story has at most one update.
ALTER TABLE stories ADD COLUMN resolved_on TEXT NULL CHECK (resolved_on IS NULL OR length(resolved_on) = 10);
ALTER TABLE stories ADD COLUMN update_text TEXT NULL CHECK (update_text IS NULL OR length(update_text) <= 1000);
ALTER TABLE stories ADD COLUMN update_status TEXT NULL CHECK (
    update_status IS NULL OR update_status IN ('pending', 'posted', 'rejected')
);
ALTER TABLE stories ADD COLUMN update_message_id INTEGER NULL;

-- Whether a member wants a DM when moderators decide on what they sent, asked once at sharing (default: no).
-- The Discord user id is needed to send a DM, and the database must not name authors: it is stored sealed
-- (XOR with a pad derived from PARLEY_SECRET and the member key, parley.domain.identity), only when the member
-- said yes, and erased with the member's data. Shared by every capability that tells a member something later.
CREATE TABLE member_contacts (
    guild_id     INTEGER NOT NULL,
    member_key   TEXT NOT NULL CHECK (length(member_key) >= 32),
    allow_dms    INTEGER NOT NULL CHECK (allow_dms IN (0, 1)),
    sealed_user  INTEGER NULL,
    answered_on  TEXT NOT NULL CHECK (length(answered_on) = 10),
    PRIMARY KEY (guild_id, member_key),
    CHECK (allow_dms = 0 OR sealed_user IS NOT NULL)
);
