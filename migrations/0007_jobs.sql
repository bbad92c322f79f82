-- revises: 0006
-- date: 2026-11-25
-- why: several bot processes (shards) may share one PostgreSQL database; scheduled work (publishing slots,
--      retention purges, reminders) must run in one process at a time and once per period. One leased row per
--      job name decides who runs (bot/database/jobs.py).

-- lease_until_ms: the holder's lease ends then (epoch milliseconds); NULL when nobody holds the job.
-- token: a random value the holder proves itself with when it renews or releases (a process whose lease
-- expired cannot release another's). last_success_ms: the start of the last successful run, for "due every N".
-- No member data here: names are like 'stories:publish:<guild id>'.
CREATE TABLE job_leases (
    name             TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 200),
    holder           TEXT NULL,
    token            TEXT NULL,
    lease_until_ms   INTEGER NULL,
    last_started_ms  INTEGER NULL,
    last_success_ms  INTEGER NULL,
    runs             INTEGER NOT NULL DEFAULT 0 CHECK (runs >= 0)
);
