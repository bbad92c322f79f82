-- revises: 0015
-- date: 2026-12-07
-- why: issue 22 (parts 1 and 4): a member can ask Parley to follow a client problem up with them. A case keeps the
--      facts the member typed (kind of client, amount, due date, revisions used), the escalation ladder's steps with
--      when each was drafted, and the reminders to deliver, claimed and marked so that each goes out exactly once.

-- One row per case. member_key is the same keyed hash as everywhere else; there is no client name and no free text:
-- only the archetype id, numbers, a currency code, dates and the language the client reads. advice_ids (JSON) are
-- the advice items the member was shown, so closing the case can record whether they worked (outcome votes).
CREATE TABLE cases (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id        INTEGER NOT NULL,
    member_key      TEXT NOT NULL CHECK (length(member_key) >= 32),
    archetype       TEXT NOT NULL CHECK (length(archetype) BETWEEN 1 AND 32),
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paused', 'closed')),
    amount          TEXT NULL CHECK (amount IS NULL OR length(amount) <= 20),
    currency        TEXT NULL CHECK (currency IS NULL OR length(currency) = 3),
    due_date        TEXT NULL CHECK (due_date IS NULL OR length(due_date) = 10),
    revisions_used  INTEGER NULL CHECK (revisions_used IS NULL OR revisions_used BETWEEN 0 AND 999),
    late_fee        INTEGER NOT NULL DEFAULT 0 CHECK (late_fee IN (0, 1)),
    client_lang     TEXT NOT NULL CHECK (length(client_lang) = 2),
    member_lang     TEXT NOT NULL CHECK (length(member_lang) = 2),  -- the member's language, for DMs (no guild there)
    advice_ids      TEXT NOT NULL DEFAULT '[]',
    outcome         TEXT NULL CHECK (outcome IS NULL OR outcome IN ('worked', 'failed')),
    opened_at       TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    closed_at       TEXT NULL
);

CREATE INDEX cases_member ON cases (guild_id, member_key, status);
CREATE INDEX cases_updated_at ON cases (status, updated_at);

-- The case's escalation ladder (from the knowledge base), one row per step in order: when it is due, when Parley
-- reminded the member of it, and when the member drafted it ("which were sent and when").
CREATE TABLE case_steps (
    case_id      INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL CHECK (position BETWEEN 0 AND 20),
    step_id      TEXT NOT NULL CHECK (length(step_id) BETWEEN 1 AND 40),
    draft_kind   TEXT NULL,
    day          INTEGER NOT NULL CHECK (day BETWEEN 0 AND 3650),
    reminded_at  TEXT NULL,
    sent_at      TEXT NULL,
    PRIMARY KEY (case_id, position)
);

-- Reminders to deliver. Delivery is claim -> send -> mark: a process claims a due row (state 'claimed' with a lease
-- until claimed_until and a fresh token), sends, then marks it 'sent' (only with its token). A process that died
-- after sending and before marking leaves a claimed row whose lease runs out; the next claimant first looks in
-- the member's DM channel for a message carrying this reminder's delivery key (in its buttons' custom ids) and
-- only sends when there is none, so a restart never delivers twice.
CREATE TABLE case_reminders (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id        INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    due_at         TEXT NOT NULL,
    state          TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'claimed', 'sent', 'cancelled')),
    claim_token    TEXT NULL,
    claimed_until  TEXT NULL,
    attempts       INTEGER NOT NULL DEFAULT 0,
    via            TEXT NULL CHECK (via IS NULL OR via IN ('dm', 'notice')),
    sent_at        TEXT NULL
);

CREATE INDEX case_reminders_due ON case_reminders (state, due_at);
CREATE INDEX case_reminders_case ON case_reminders (case_id);

-- A member's reminder preferences, asked once: IANA time zone, working hours (local, start inclusive, end
-- exclusive), and the DM channel Parley may remind them in (only when they allowed DMs). A DM channel id names no
-- one to someone holding the database alone: only the bot's own token can read who is on the other side.
CREATE TABLE case_prefs (
    guild_id       INTEGER NOT NULL,
    member_key     TEXT NOT NULL CHECK (length(member_key) >= 32),
    time_zone      TEXT NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
    work_start     INTEGER NOT NULL CHECK (work_start BETWEEN 0 AND 23),
    work_end       INTEGER NOT NULL CHECK (work_end BETWEEN 1 AND 24),
    dm_channel_id  INTEGER NULL,
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (guild_id, member_key)
);
