"""Members' tips: submitted into the moderation queue within the daily limit, approved into the advice lists."""

from __future__ import annotations

from parley.database import Database, Row, Tx
from parley.database.repositories.queue import QueueRepository
from parley.database.repositories.votes import Reader, VotesRepository
from parley.domain.moderation import Decision, QueueEntry, QueueStatus
from parley.domain.tips import Tip, TipStatus, check_allowance
from parley.domain.votes import VoteTarget

KIND = "tip"
_COLUMNS = "id, guild_id, author_key, archetype, lang, text, status, created_at, decided_at"
# What a queue decision makes of a tip.
_STATUS_FOR = {
    QueueStatus.APPROVED: TipStatus.APPROVED,
    QueueStatus.REJECTED: TipStatus.REJECTED,
    QueueStatus.WITHDRAWN: TipStatus.WITHDRAWN,
    QueueStatus.EXPIRED: TipStatus.REJECTED,
}


def _tip(row: Row) -> Tip:
    return Tip(
        id=row["id"],
        guild_id=row["guild_id"],
        author_key=row["author_key"],
        archetype=row["archetype"],
        lang=row["lang"],
        text=row["text"],
        status=TipStatus(row["status"]),
        created_at=row["created_at"],
        decided_at=row["decided_at"],
    )


class TipsRepository:
    """Stores tips, counts a member's tips of the day, lists approved ones, applies moderators' decisions."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def submitted_since(self, guild_id: int, author_key: str, since: str) -> int:
        """How many tips a member submitted since a time (the start of the UTC day for the daily limit)."""
        return await self.db.fetchval(
            "SELECT COUNT(*) FROM tips WHERE guild_id = ? AND author_key = ? AND created_at >= ?",
            (guild_id, author_key, since),
        )

    async def submit(
        self,
        guild_id: int,
        author_key: str,
        archetype: str,
        lang: str,
        text: str,
        now: str,
        *,
        since: str,
        per_day: int,
    ) -> tuple[Tip, QueueEntry]:
        """Store a validated tip and queue it for moderators, if the member is within the daily limit.

        The count and the insert share one transaction, so two quick submissions cannot both slip past the limit.
        """
        async with self.db.write() as tx:
            today = await tx.fetchval(
                "SELECT COUNT(*) FROM tips WHERE guild_id = ? AND author_key = ? AND created_at >= ?",
                (guild_id, author_key, since),
            )
            check_allowance(today, per_day)
            row = await tx.fetchone(
                "INSERT INTO tips (guild_id, author_key, archetype, lang, text, status, created_at) "  # noqa: S608
                f"VALUES (?, ?, ?, ?, ?, 'pending', ?) RETURNING {_COLUMNS}",
                (guild_id, author_key, archetype, lang, text, now),
            )
            assert row is not None
            tip = _tip(row)
            entry = await QueueRepository.enqueue(tx, guild_id, KIND, tip.id, now)
        return tip, entry

    async def get(self, guild_id: int, tip_id: int) -> Tip | None:
        """Return a tip of a guild, whatever its status."""
        row = await self.db.fetchone(
            f"SELECT {_COLUMNS} FROM tips WHERE guild_id = ? AND id = ?",  # noqa: S608 - constant columns
            (guild_id, tip_id),
        )
        return _tip(row) if row else None

    async def published(
        self, guild_id: int, *, archetype: str | None = None, lang: str | None = None, limit: int = 500
    ) -> list[Tip]:
        """Approved tips of a guild, optionally for one archetype and/or language, newest first."""
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM tips "  # noqa: S608 - constant columns
            "WHERE guild_id = ? AND status = 'approved' AND (? IS NULL OR archetype = ?) AND (? IS NULL OR lang = ?) "
            "ORDER BY decided_at DESC, id DESC LIMIT ?",
            (guild_id, archetype, archetype, lang, lang, limit),
        )
        return [_tip(row) for row in rows]

    @staticmethod
    async def vote_target(reader: Reader, guild_id: int, item_id: str) -> VoteTarget | None:
        """The tip as a votable item, if it is published (pending, rejected, withdrawn or deleted: None)."""
        if not item_id.isdigit():
            return None
        row = await reader.fetchone(
            "SELECT author_key FROM tips WHERE guild_id = ? AND id = ? AND status = 'approved'",
            (guild_id, int(item_id)),
        )
        return VoteTarget(KIND, item_id, row["author_key"]) if row else None

    @staticmethod
    async def apply_decision(tx: Tx, decision: Decision) -> None:
        """A queue decision's effect on its tip (runs inside the decision's transaction)."""
        status = _STATUS_FOR.get(decision.entry.status)
        if status is None:
            return
        await tx.execute(
            "UPDATE tips SET status = ?, decided_at = ? WHERE guild_id = ? AND id = ?",
            (status.value, decision.entry.decided_at, decision.entry.guild_id, decision.entry.subject_id),
        )

    async def edit_pending(self, guild_id: int, tip_id: int, text: str) -> bool:
        """Replace a pending tip's text (a moderator's redaction or edit); False when it is no longer pending."""
        async with self.db.write() as tx:
            changed = await tx.execute(
                "UPDATE tips SET text = ? WHERE guild_id = ? AND id = ? AND status = 'pending'",
                (text, guild_id, tip_id),
            )
        return changed == 1

    async def withdraw(self, guild_id: int, tip_id: int, now: str) -> bool:
        """Take a tip back (by its author or a moderator): hidden, votes erased, its queue entry withdrawn."""
        async with self.db.write() as tx:
            changed = await tx.execute(
                "UPDATE tips SET status = 'withdrawn', decided_at = ? "
                "WHERE guild_id = ? AND id = ? AND status IN ('pending', 'approved')",
                (now, guild_id, tip_id),
            )
            await VotesRepository.delete_item(tx, guild_id, KIND, str(tip_id))
            await QueueRepository.withdraw_subject(tx, guild_id, KIND, tip_id, now)
        return changed == 1

    async def delete(self, guild_id: int, tip_id: int) -> bool:
        """Erase a tip with its votes and queue entries (the audit keeps no author, so it stays)."""
        async with self.db.write() as tx:
            return await self._delete(tx, guild_id, tip_id)

    async def forget_member(self, guild_id: int, author_key: str) -> int:
        """Erase every tip a member wrote in a guild (for /privacy forget); return how many."""
        async with self.db.write() as tx:
            rows = await tx.fetchall(
                "SELECT id FROM tips WHERE guild_id = ? AND author_key = ?", (guild_id, author_key)
            )
            for row in rows:
                await self._delete(tx, guild_id, row["id"])
        return len(rows)

    async def export_member(self, guild_id: int, author_key: str) -> list[dict[str, object]]:
        """A member's tips in a guild, for /privacy export."""
        rows = await self.db.fetchall(
            "SELECT id, archetype, lang, text, status, created_at, decided_at FROM tips "
            "WHERE guild_id = ? AND author_key = ? ORDER BY id",
            (guild_id, author_key),
        )
        columns = ("id", "archetype", "lang", "text", "status", "created_at", "decided_at")
        return [{k: row[k] for k in columns} for row in rows]

    @staticmethod
    async def _delete(tx: Tx, guild_id: int, tip_id: int) -> bool:
        await VotesRepository.delete_item(tx, guild_id, KIND, str(tip_id))
        await QueueRepository.delete_subject(tx, guild_id, KIND, tip_id)
        return await tx.execute("DELETE FROM tips WHERE guild_id = ? AND id = ?", (guild_id, tip_id)) == 1
