-- revises: 0013
-- date: 2026-12-07
-- note: 0016 in the session plan; 0014 is the next free number on main when it landed.
-- why: moderators who aren't buried and a picture of what the community learned (issue 23, parts 3 and 4).
--      A server can ask for one digest of the queue (at an hour of its own time zone and/or when k items wait)
--      instead of a card per item, a role mention when the queue passes a threshold, and reminders repeated
--      every N hours for items still waiting. /stats draws monthly aggregates: which client types the walkthrough
--      recognised is counted per month here (never per member: a flow is counted once, then forgotten with it).

-- A server's choices for its queue. mode 'each' = a card per item (as before), 'digest' = one digest message.
-- NULL hours/counts mean "not used"; remind_after_hours NULL falls back to [stories] reminder_after_hours.
CREATE TABLE queue_watch_settings (
    guild_id            INTEGER PRIMARY KEY,
    mode                TEXT NOT NULL DEFAULT 'each' CHECK (mode IN ('each', 'digest')),
    digest_hour         INTEGER NULL CHECK (digest_hour IS NULL OR digest_hour BETWEEN 0 AND 23),
    digest_at_count     INTEGER NULL CHECK (digest_at_count IS NULL OR digest_at_count BETWEEN 1 AND 25),
    time_zone           TEXT NULL CHECK (time_zone IS NULL OR length(time_zone) BETWEEN 1 AND 64),
    alert_role_id       INTEGER NULL,
    alert_threshold     INTEGER NULL CHECK (alert_threshold IS NULL OR alert_threshold BETWEEN 1 AND 1000),
    remind_after_hours  INTEGER NULL CHECK (remind_after_hours IS NULL OR remind_after_hours BETWEEN 1 AND 720)
);

-- Where the current digest is (edited in place, replaced at each scheduled digest), the local day of the last
-- scheduled one, when the last one was posted (items listed after it count towards k), a signature of the items
-- it shows (edit only when they change), and whether the threshold mention was made for the current crossing.
CREATE TABLE queue_watch_state (
    guild_id        INTEGER PRIMARY KEY,
    channel_id      INTEGER NULL,
    message_id      INTEGER NULL,
    posted_at       TEXT NULL,
    digest_day      TEXT NULL CHECK (digest_day IS NULL OR length(digest_day) = 10),
    shown           TEXT NOT NULL DEFAULT '',
    alert_raised    INTEGER NOT NULL DEFAULT 0 CHECK (alert_raised IN (0, 1))
);

-- In digest mode an entry reaches the moderators by being listed in the digest instead of by a card of its own.
ALTER TABLE mod_queue ADD COLUMN listed_at TEXT NULL;

-- Monthly counts for /stats: metric 'client_type' (item = archetype id) counted once per walkthrough result.
-- Only counts: no member, no text, no day finer than the month.
CREATE TABLE community_monthly (
    guild_id  INTEGER NOT NULL,
    month     TEXT NOT NULL CHECK (length(month) = 7),
    metric    TEXT NOT NULL CHECK (length(metric) BETWEEN 1 AND 32),
    item      TEXT NOT NULL CHECK (length(item) BETWEEN 1 AND 80),
    n         INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (guild_id, month, metric, item)
);

-- A walkthrough is counted once, when its result is first shown (its card can be drawn again later).
ALTER TABLE flows ADD COLUMN counted INTEGER NOT NULL DEFAULT 0 CHECK (counted IN (0, 1));
