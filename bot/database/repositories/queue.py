"""The moderation queue and its audit log, shared by every kind of submission (tips, stories, ...)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from parley.database import Database, Row, Tx
from parley.domain.errors import NotFound
from parley.domain.moderation import Action, AlreadyDecided, AuditEntry, Decision, QueueEntry, QueueStatus, decide

_ENTRY_COLUMNS = (
    "id, guild_id, kind, subject_id, status, created_at, channel_id, message_id, "
    "decided_at, decided_by, decision, reason, note"
)

# A kind's own change to its subject, applied in the decision's transaction (e.g. a tip becomes approved).
Effect = Callable[[Tx, Decision], Awaitable[None]]


def _entry(row: Row) -> QueueEntry:
    return QueueEntry(
        id=row["id"],
        guild_id=row["guild_id"],
        kind=row["kind"],
        subject_id=row["subject_id"],
        status=QueueStatus(row["status"]),
        created_at=row["created_at"],
        channel_id=row["channel_id"],
        message_id=row["message_id"],
        decided_at=row["decided_at"],
        decided_by=row["decided_by"],
        decision=row["decision"],
        reason=row["reason"],
        note=row["note"],
    )


def _audit(row: Row) -> AuditEntry:
    return AuditEntry(
        guild_id=row["guild_id"],
        at=row["at"],
        moderator_key=row["moderator_key"],
        action=row["action"],
        kind=row["kind"],
        subject_id=row["subject_id"],
        queue_id=row["queue_id"],
        reason=row["reason"],
        note=row["note"],
    )


class QueueRepository:
    """Queue entries (one per submission), their single decision, and the audit log."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @staticmethod
    async def enqueue(tx: Tx, guild_id: int, kind: str, subject_id: int, now: str) -> QueueEntry:
        """Add a submission to the queue inside the caller's transaction (the one that stored the submission)."""
        row = await tx.fetchone(
            "INSERT INTO mod_queue (guild_id, kind, subject_id, status, created_at) VALUES (?, ?, ?, 'pending', ?) "  # noqa: S608 - constant columns
            f"RETURNING {_ENTRY_COLUMNS}",
            (guild_id, kind, subject_id, now),
        )
        assert row is not None
        return _entry(row)

    async def set_message(self, entry_id: int, channel_id: int, message_id: int) -> None:
        """Remember where the entry's card was posted, so it can be updated in place later."""
        async with self.db.write() as tx:
            await tx.execute(
                "UPDATE mod_queue SET channel_id = ?, message_id = ? WHERE id = ?", (channel_id, message_id, entry_id)
            )

    async def get(self, guild_id: int, entry_id: int) -> QueueEntry | None:
        """Return one entry of a guild's queue."""
        row = await self.db.fetchone(
            f"SELECT {_ENTRY_COLUMNS} FROM mod_queue WHERE guild_id = ? AND id = ?",  # noqa: S608 - constant columns
            (guild_id, entry_id),
        )
        return _entry(row) if row else None

    @staticmethod
    async def entries_in(tx: Tx, guild_id: int, entry_ids: list[int]) -> list[QueueEntry]:
        """Entries of a guild's queue read inside the caller's transaction (ids of deleted entries are handed out
        again, so a read after the commit could find another submission under the same id)."""
        if not entry_ids:
            return []
        marks = ", ".join("?" * len(entry_ids))
        rows = await tx.fetchall(
            f"SELECT {_ENTRY_COLUMNS} FROM mod_queue WHERE guild_id = ? AND id IN ({marks})",  # noqa: S608 - constant columns
            (guild_id, *entry_ids),
        )
        return [_entry(row) for row in rows]

    async def for_subject(self, guild_id: int, kind: str, subject_id: int) -> QueueEntry | None:
        """Return the newest entry for a submission."""
        row = await self.db.fetchone(
            f"SELECT {_ENTRY_COLUMNS} FROM mod_queue "  # noqa: S608 - constant columns
            "WHERE guild_id = ? AND kind = ? AND subject_id = ? ORDER BY id DESC LIMIT 1",
            (guild_id, kind, subject_id),
        )
        return _entry(row) if row else None

    async def pending(self, guild_id: int, *, kind: str | None = None, limit: int = 25) -> list[QueueEntry]:
        """Entries still waiting for a moderator, oldest first."""
        rows = await self.db.fetchall(
            f"SELECT {_ENTRY_COLUMNS} FROM mod_queue "  # noqa: S608 - constant columns
            "WHERE guild_id = ? AND status = 'pending' AND (? IS NULL OR kind = ?) ORDER BY created_at, id LIMIT ?",
            (guild_id, kind, kind, limit),
        )
        return [_entry(row) for row in rows]

    async def unposted(self, guild_id: int, kind: str, *, limit: int = 100) -> list[QueueEntry]:
        """Pending entries of a kind whose card is not in the queue channel yet (waiting for their batch)."""
        rows = await self.db.fetchall(
            f"SELECT {_ENTRY_COLUMNS} FROM mod_queue "  # noqa: S608 - constant columns
            "WHERE guild_id = ? AND kind = ? AND status = 'pending' AND message_id IS NULL "
            "AND listed_at IS NULL ORDER BY id LIMIT ?",
            (guild_id, kind, limit),
        )
        return [_entry(row) for row in rows]

    async def unposted_guilds(self, kind: str) -> list[int]:
        """Guilds with pending entries of a kind whose card is not posted yet."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT guild_id FROM mod_queue WHERE kind = ? AND status = 'pending' AND message_id IS NULL "
            "AND listed_at IS NULL "
            "ORDER BY guild_id",
            (kind,),
        )
        return [int(row["guild_id"]) for row in rows]

    async def decide(
        self,
        guild_id: int,
        entry_id: int,
        action: Action,
        moderator_key: str,
        now: str,
        *,
        reason: str | None = None,
        note: str | None = None,
        effect: Effect | None = None,
    ) -> Decision:
        """Apply a moderator's action exactly once: status change, the kind's effect and the audit, one transaction.

        The status changes only where it still is what the action starts from, so of two moderators (or two
        clicks) exactly one wins; the other gets AlreadyDecided.
        """
        async with self.db.write() as tx:
            row = await tx.fetchone(
                f"SELECT {_ENTRY_COLUMNS} FROM mod_queue WHERE guild_id = ? AND id = ?",  # noqa: S608
                (guild_id, entry_id),
            )
            if row is None:
                raise NotFound()
            decision = decide(_entry(row), action, moderator_key, now, reason=reason, note=note)
            after = decision.entry
            changed = await tx.execute(
                "UPDATE mod_queue SET status = ?, decided_at = ?, decided_by = ?, decision = ?, reason = ?, note = ? "
                "WHERE id = ? AND guild_id = ? AND status = ?",
                (
                    after.status.value,
                    after.decided_at,
                    after.decided_by,
                    after.decision,
                    after.reason,
                    after.note,
                    entry_id,
                    guild_id,
                    decision.before.value,
                ),
            )
            if changed != 1:
                raise AlreadyDecided()
            if effect is not None:
                await effect(tx, decision)
            await self.record(tx, decision.audit)
        return decision

    @staticmethod
    async def record(tx: Tx, entry: AuditEntry) -> None:
        """Write one audit entry (inside the transaction of the action it records)."""
        await tx.execute(
            "INSERT INTO mod_audit (guild_id, at, moderator_key, action, kind, subject_id, queue_id, reason, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entry.guild_id,
                entry.at,
                entry.moderator_key,
                entry.action,
                entry.kind,
                entry.subject_id,
                entry.queue_id,
                entry.reason,
                entry.note,
            ),
        )

    async def audit(self, guild_id: int, *, limit: int = 50, before_id: int | None = None) -> list[AuditEntry]:
        """The newest audit entries of a guild, newest first."""
        rows = await self.db.fetchall(
            "SELECT guild_id, at, moderator_key, action, kind, subject_id, queue_id, reason, note FROM mod_audit "
            "WHERE guild_id = ? AND (? IS NULL OR id < ?) ORDER BY id DESC LIMIT ?",
            (guild_id, before_id, before_id, limit),
        )
        return [_audit(row) for row in rows]

    @staticmethod
    async def withdraw_subject(tx: Tx, guild_id: int, kind: str, subject_id: int, now: str) -> int:
        """Mark a subject's pending entries withdrawn (its author withdrew or deleted it); return how many."""
        return await tx.execute(
            "UPDATE mod_queue SET status = 'withdrawn', decided_at = ?, decision = 'withdraw' "
            "WHERE guild_id = ? AND kind = ? AND subject_id = ? AND status = 'pending'",
            (now, guild_id, kind, subject_id),
        )

    @staticmethod
    async def delete_subject(tx: Tx, guild_id: int, kind: str, subject_id: int) -> int:
        """Remove a subject's entries (the subject is erased); its audit entries stay, they hold no author."""
        return await tx.execute(
            "DELETE FROM mod_queue WHERE guild_id = ? AND kind = ? AND subject_id = ?", (guild_id, kind, subject_id)
        )

    async def stats(self, guild_id: int) -> dict[str, Any]:
        """Counts of entries per status (for /mod queue)."""
        rows = await self.db.fetchall(
            "SELECT status, COUNT(*) AS n FROM mod_queue WHERE guild_id = ? GROUP BY status", (guild_id,)
        )
        return {row["status"]: row["n"] for row in rows}
