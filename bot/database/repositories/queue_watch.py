"""The queue's digest, threshold mention and reminders: a server's choices, what was done last, what waits."""

from __future__ import annotations

from typing import Any

from parley.database import Database, Row
from parley.database.repositories.queue import QueueRepository
from parley.domain.moderation import QueueEntry
from parley.domain.queue_watch import WatchSettings, WatchState

_SETTINGS = (
    "mode",
    "digest_hour",
    "digest_at_count",
    "time_zone",
    "alert_role_id",
    "alert_threshold",
    "remind_after_hours",
)
_STATE = ("channel_id", "message_id", "posted_at", "digest_day", "shown", "alert_raised")
# Pending entries moderators can already see: a card of their own, or listed in the digest. A story waiting for
# its batch is neither (its timing would point at its author); a tip whose card could not be posted still counts.
_VISIBLE = (
    "guild_id = ? AND status = 'pending' AND (kind <> 'story' OR message_id IS NOT NULL OR listed_at IS NOT NULL)"
)

# Claim (or re-claim, once the interval passed) a reminder for each entry waiting since before the cutoff.
_CLAIM_REMINDERS = (
    "INSERT INTO queue_reminders (queue_id, reminded_at) "  # noqa: S608 - constant condition
    f"SELECT id, ? FROM mod_queue WHERE {_VISIBLE} AND created_at < ? "
    "ON CONFLICT (queue_id) DO UPDATE SET reminded_at = excluded.reminded_at "
    "WHERE queue_reminders.reminded_at < ? RETURNING queue_id"
)


def _settings(guild_id: int, row: Row | None) -> WatchSettings:
    if row is None:
        return WatchSettings(guild_id=guild_id)
    return WatchSettings(guild_id=guild_id, **{c: row[c] for c in _SETTINGS})


class QueueWatchRepository:
    """Reads and writes `queue_watch_settings`, `queue_watch_state`, and the queue's digest listing."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def settings(self, guild_id: int) -> WatchSettings:
        """A server's queue choices (defaults when it never chose)."""
        row = await self.db.fetchone(
            f"SELECT {', '.join(_SETTINGS)} FROM queue_watch_settings WHERE guild_id = ?",  # noqa: S608 - constant
            (guild_id,),
        )
        return _settings(guild_id, row)

    async def update_settings(self, guild_id: int, **changes: Any) -> WatchSettings:
        """Change some of a server's queue choices and return them all."""
        unknown = set(changes) - set(_SETTINGS)
        if unknown:
            raise ValueError(f"unknown queue settings: {sorted(unknown)}")
        if changes:
            cols = list(changes)
            assignments = ", ".join(f"{c} = excluded.{c}" for c in cols)
            async with self.db.write() as tx:
                await tx.execute(
                    f"INSERT INTO queue_watch_settings (guild_id, {', '.join(cols)}) "  # noqa: S608 - whitelisted
                    f"VALUES (?, {', '.join('?' for _ in cols)}) ON CONFLICT (guild_id) DO UPDATE SET {assignments}",
                    (guild_id, *changes.values()),
                )
        return await self.settings(guild_id)

    async def waiting_guilds(self, before: str) -> list[int]:
        """Guilds with entries pending since before `before` (the only ones a reminder can be due in)."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT guild_id FROM mod_queue WHERE status = 'pending' AND created_at < ? ORDER BY guild_id",
            (before,),
        )
        return [int(row["guild_id"]) for row in rows]

    async def watched_guilds(self) -> list[int]:
        """Guilds that chose something for their queue, or have entries waiting."""
        rows = await self.db.fetchall(
            "SELECT guild_id FROM queue_watch_settings UNION "
            "SELECT DISTINCT guild_id FROM mod_queue WHERE status = 'pending' ORDER BY guild_id"
        )
        return [int(row["guild_id"]) for row in rows]

    async def state(self, guild_id: int) -> WatchState:
        """What was done last in a server (nothing yet: the defaults)."""
        row = await self.db.fetchone(
            f"SELECT {', '.join(_STATE)} FROM queue_watch_state WHERE guild_id = ?",  # noqa: S608 - constant
            (guild_id,),
        )
        if row is None:
            return WatchState(guild_id=guild_id)
        values = {c: row[c] for c in _STATE}
        values["alert_raised"] = bool(values["alert_raised"])
        return WatchState(guild_id=guild_id, **values)

    async def save_state(self, state: WatchState) -> None:
        """Store what was just done."""
        values = [getattr(state, c) for c in _STATE]
        values[-1] = int(state.alert_raised)
        assignments = ", ".join(f"{c} = excluded.{c}" for c in _STATE)
        async with self.db.write() as tx:
            await tx.execute(
                f"INSERT INTO queue_watch_state (guild_id, {', '.join(_STATE)}) VALUES (?, ?, ?, ?, ?, ?, ?) "  # noqa: S608
                f"ON CONFLICT (guild_id) DO UPDATE SET {assignments}",
                (state.guild_id, *values),
            )

    async def mark_listed(self, entry_id: int, now: str) -> None:
        """The entry reached the moderators through the digest (instead of a card of its own)."""
        async with self.db.write() as tx:
            await tx.execute("UPDATE mod_queue SET listed_at = ? WHERE id = ? AND listed_at IS NULL", (now, entry_id))

    async def visible(self, guild_id: int, *, limit: int) -> list[QueueEntry]:
        """Pending entries moderators can see, oldest first."""
        rows = await self.db.fetchall(
            f"SELECT id FROM mod_queue WHERE {_VISIBLE} ORDER BY created_at, id LIMIT ?",  # noqa: S608 - constant
            (guild_id, limit),
        )
        queue = QueueRepository(self.db)
        entries = [await queue.get(guild_id, int(row["id"])) for row in rows]
        return [e for e in entries if e is not None]

    async def count_visible(self, guild_id: int) -> int:
        """How many pending entries moderators can see."""
        return int(await self.db.fetchval(f"SELECT count(*) FROM mod_queue WHERE {_VISIBLE}", (guild_id,)) or 0)  # noqa: S608

    async def listed_since(self, guild_id: int, since: str | None) -> int:
        """Pending entries listed for the digest after `since` (all of them when None)."""
        return int(
            await self.db.fetchval(
                "SELECT count(*) FROM mod_queue WHERE guild_id = ? AND status = 'pending' AND listed_at IS NOT NULL "
                "AND (? IS NULL OR listed_at > ?)",
                (guild_id, since, since),
            )
            or 0
        )

    async def claim_reminders(self, guild_id: int, cutoff: str, now: str) -> list[QueueEntry]:
        """Visible entries waiting since before `cutoff` that were not reminded about since `cutoff`; each claimed.

        With cutoff = now - interval, an entry is reminded about at most once per interval, in one process.
        """
        async with self.db.write() as tx:
            rows = await tx.fetchall(_CLAIM_REMINDERS, (now, guild_id, cutoff, cutoff))
            entries = await QueueRepository.entries_in(tx, guild_id, [int(row["queue_id"]) for row in rows])
        return sorted(entries, key=lambda e: (e.created_at, e.id))

    async def waiting_ages(self, guild_id: int) -> list[str]:
        """When each visible pending entry arrived (for queue health: how long items wait)."""
        rows = await self.db.fetchall(f"SELECT created_at FROM mod_queue WHERE {_VISIBLE}", (guild_id,))  # noqa: S608
        return [row["created_at"] for row in rows]
