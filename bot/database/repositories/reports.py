"""Reports of published items, authors' corrections, and server lockdowns (issue 23, part 2)."""

from __future__ import annotations

from dataclasses import dataclass

from parley.database import Database, Row, Tx
from parley.database.repositories.queue import QueueRepository
from parley.database.repositories.tips import KIND as TIP_KIND
from parley.database.repositories.votes import VotesRepository
from parley.domain.errors import NotFound
from parley.domain.moderation import AuditEntry, Decision, QueueEntry, QueueStatus
from parley.domain.reports import (
    CORRECTION_KIND,
    EDIT_ITEM,
    LOCKDOWN_OFF,
    LOCKDOWN_ON,
    REPORT_KIND,
    SERVER_KIND,
    TAKE_DOWN,
    AlreadyReported,
    Report,
    check_allowance,
)
from parley.domain.search_terms import index_terms
from parley.domain.stories import KIND as STORY_KIND

_REPORT_COLUMNS = "id, guild_id, kind, item_id, reason, details, created_at"


def _report(row: Row) -> Report:
    return Report(
        id=row["id"],
        guild_id=row["guild_id"],
        kind=row["kind"],
        item_id=row["item_id"],
        reason=row["reason"],
        details=row["details"],
        created_at=row["created_at"],
    )


@dataclass(frozen=True, slots=True)
class Reported:
    """What a report is about, as moderators review it: the item's text (None when it is gone) and its post."""

    kind: str
    item_id: int
    text: str | None
    title: str | None = None
    lang: str | None = None
    channel_id: int | None = None
    message_id: int | None = None


class ReportsRepository:
    """Members' reports: one per member per item, a few per hour, each an entry in the moderators' queue."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def file(
        self,
        guild_id: int,
        kind: str,
        item_id: int,
        reporter_key: str,
        reason: str,
        details: str | None,
        now: str,
        *,
        since: str,
        per_hour: int,
    ) -> tuple[Report, QueueEntry]:
        """Store a report and queue it, in one transaction, within the limits (AlreadyReported, TooManyReports)."""
        async with self.db.write() as tx:
            if await self.has_reported(guild_id, kind, item_id, reporter_key, reader=tx):
                raise AlreadyReported()
            check_allowance(await self.recent(guild_id, reporter_key, since, reader=tx), per_hour)
            row = await tx.fetchone(
                "INSERT INTO reports (guild_id, kind, item_id, reporter_key, reason, details, created_at) "  # noqa: S608 - constant columns
                f"VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING {_REPORT_COLUMNS}",
                (guild_id, kind, item_id, reporter_key, reason, details, now),
            )
            assert row is not None
            report = _report(row)
            entry = await QueueRepository.enqueue(tx, guild_id, REPORT_KIND, report.id, now)
        return report, entry

    async def has_reported(
        self, guild_id: int, kind: str, item_id: int, reporter_key: str, *, reader: Tx | None = None
    ) -> bool:
        """Tell whether a member already reported an item (one report per member per item)."""
        found = await (reader or self.db).fetchval(
            "SELECT 1 FROM reports WHERE guild_id = ? AND kind = ? AND item_id = ? AND reporter_key = ?",
            (guild_id, kind, item_id, reporter_key),
        )
        return bool(found)

    async def recent(self, guild_id: int, reporter_key: str, since: str, *, reader: Tx | None = None) -> int:
        """How many reports a member sent since `since` (for the hourly limit)."""
        count = await (reader or self.db).fetchval(
            "SELECT COUNT(*) FROM reports WHERE guild_id = ? AND reporter_key = ? AND created_at > ?",
            (guild_id, reporter_key, since),
        )
        return int(count or 0)

    async def get(self, guild_id: int, report_id: int) -> Report | None:
        """One report (without its reporter)."""
        row = await self.db.fetchone(
            f"SELECT {_REPORT_COLUMNS} FROM reports WHERE guild_id = ? AND id = ?",  # noqa: S608 - constant columns
            (guild_id, report_id),
        )
        return _report(row) if row else None

    async def count_for(self, guild_id: int, kind: str, item_id: int) -> int:
        """How many members reported an item (moderators see it on the card)."""
        return int(
            await self.db.fetchval(
                "SELECT COUNT(*) FROM reports WHERE guild_id = ? AND kind = ? AND item_id = ?",
                (guild_id, kind, item_id),
            )
            or 0
        )

    async def reported(self, guild_id: int, kind: str, item_id: int) -> Reported:
        """The reported item as it is now: published story or approved tip (text None when it is gone)."""
        if kind == STORY_KIND:
            row = await self.db.fetchone(
                "SELECT title, text, lang, channel_id, message_id FROM stories "
                "WHERE guild_id = ? AND id = ? AND status = 'published'",
                (guild_id, item_id),
            )
            if row is None:
                return Reported(kind, item_id, None)
            return Reported(kind, item_id, row["text"], row["title"], row["lang"], row["channel_id"], row["message_id"])
        row = await self.db.fetchone(
            "SELECT text, lang FROM tips WHERE guild_id = ? AND id = ? AND status = 'approved'", (guild_id, item_id)
        )
        return Reported(kind, item_id, row["text"] if row else None, None, row["lang"] if row else None)

    @classmethod
    async def apply_decision(cls, tx: Tx, decision: Decision, edit: tuple[str, str | None] | None) -> None:
        """A report's decision on the item it names (Dismiss leaves it be); `edit` is Edit's (text, title)."""
        entry = decision.entry
        row = await tx.fetchone(
            "SELECT kind, item_id FROM reports WHERE guild_id = ? AND id = ?", (entry.guild_id, entry.subject_id)
        )
        if row is None:
            return  # its reporter used /privacy forget: the decision stands, there is nothing to act on
        if decision.action.name == TAKE_DOWN.name:
            await cls.take_down(tx, entry.guild_id, row["kind"], row["item_id"], decision.audit.at)
            await cls._close_siblings(tx, decision, row["kind"], row["item_id"])
        elif decision.action.name == EDIT_ITEM.name:
            if edit is None:
                raise NotFound()
            await cls.edit_item(tx, entry.guild_id, row["kind"], row["item_id"], *edit)

    @staticmethod
    async def _close_siblings(tx: Tx, decision: Decision, kind: str, item_id: int) -> None:
        """Other members' pending reports of a taken-down item are decided with it (each audited), so no
        moderator is left with cards about an item that is gone."""
        entry, audit = decision.entry, decision.audit
        rows = await tx.fetchall(
            "SELECT q.id, q.subject_id FROM mod_queue q JOIN reports r ON r.id = q.subject_id "
            "WHERE q.guild_id = ? AND q.kind = ? AND q.status = 'pending' AND q.id <> ? "
            "AND r.guild_id = ? AND r.kind = ? AND r.item_id = ?",
            (entry.guild_id, REPORT_KIND, entry.id, entry.guild_id, kind, item_id),
        )
        for row in rows:
            await tx.execute(
                "UPDATE mod_queue SET status = ?, decided_at = ?, decided_by = ?, decision = ? "
                "WHERE id = ? AND status = 'pending'",
                (entry.status.value, entry.decided_at, entry.decided_by, entry.decision, row["id"]),
            )
            await QueueRepository.record(
                tx,
                AuditEntry(
                    guild_id=entry.guild_id,
                    at=audit.at,
                    moderator_key=audit.moderator_key,
                    action=audit.action,
                    kind=REPORT_KIND,
                    subject_id=row["subject_id"],
                    queue_id=row["id"],
                ),
            )

    async def entries_for_item(self, guild_id: int, kind: str, item_id: int) -> list[QueueEntry]:
        """The queue entries of every report of one item (to redraw their cards after a takedown)."""
        rows = await self.db.fetchall(
            "SELECT q.id FROM mod_queue q JOIN reports r ON r.id = q.subject_id "
            "WHERE q.guild_id = ? AND q.kind = ? AND r.guild_id = ? AND r.kind = ? AND r.item_id = ? ORDER BY q.id",
            (guild_id, REPORT_KIND, guild_id, kind, item_id),
        )
        queue = QueueRepository(self.db)
        entries = [await queue.get(guild_id, int(row["id"])) for row in rows]
        return [e for e in entries if e is not None]

    @staticmethod
    async def take_down(tx: Tx, guild_id: int, kind: str, item_id: int, now: str) -> None:
        """Remove a reported item inside the decision's transaction: a story is erased (its text, votes and "me
        too"s), a tip withdrawn (hidden, votes erased). Already gone: nothing to do, the report is still decided."""
        if kind == STORY_KIND:
            await QueueRepository.withdraw_subject(tx, guild_id, STORY_KIND, item_id, now)
            await QueueRepository.withdraw_subject(tx, guild_id, CORRECTION_KIND, item_id, now)
            await VotesRepository.delete_item(tx, guild_id, STORY_KIND, str(item_id))
            # A story being posted right now (status 'publishing') stays: the report can be decided again after.
            changed = await tx.execute(
                "DELETE FROM stories WHERE guild_id = ? AND id = ? AND status = 'published'", (guild_id, item_id)
            )
            if changed == 0 and await tx.fetchval(
                "SELECT 1 FROM stories WHERE guild_id = ? AND id = ?", (guild_id, item_id)
            ):
                raise NotFound()
            return
        await tx.execute(
            "UPDATE tips SET status = 'withdrawn', decided_at = ? "
            "WHERE guild_id = ? AND id = ? AND status = 'approved'",
            (now, guild_id, item_id),
        )
        await VotesRepository.delete_item(tx, guild_id, TIP_KIND, str(item_id))

    @staticmethod
    async def edit_item(tx: Tx, guild_id: int, kind: str, item_id: int, text: str, title: str | None) -> None:
        """Replace a published item's text (a moderator's anonymised edit) inside the decision's transaction."""
        if kind == STORY_KIND:
            changed = await tx.execute(
                "UPDATE stories SET text = ?, title = ?, search_terms = ? "
                "WHERE guild_id = ? AND id = ? AND status = 'published'",
                (text, title, index_terms(title, text), guild_id, item_id),
            )
        else:
            changed = await tx.execute(
                "UPDATE tips SET text = ? WHERE guild_id = ? AND id = ? AND status = 'approved'",
                (text, guild_id, item_id),
            )
        if changed != 1:
            raise NotFound()  # taken down or deleted meanwhile: the decision rolls back

    async def erase_residue(self) -> None:
        """Erase deleted text from free pages and the full-text index's shadow tables (after a takedown)."""
        await self.db.erase_residue("stories", "votes")


@dataclass(frozen=True, slots=True)
class Correction:
    """The anonymised new title and text an author asked for, waiting for a moderator."""

    story_id: int
    title: str | None
    text: str


class CorrectionsRepository:
    """Corrections of published stories, asked for by their authors, applied once a moderator approves."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def request(
        self, guild_id: int, story_id: int, author_key: str, title: str | None, text: str, now: str
    ) -> QueueEntry:
        """Keep the correction on the story's row and queue it (an earlier one still waiting is replaced)."""
        async with self.db.write() as tx:
            changed = await tx.execute(
                "UPDATE stories SET correction_text = ?, correction_title = ? "
                "WHERE guild_id = ? AND id = ? AND author_key = ? AND status = 'published'",
                (text, title, guild_id, story_id, author_key),
            )
            if changed != 1:
                raise NotFound()
            await QueueRepository.withdraw_subject(tx, guild_id, CORRECTION_KIND, story_id, now)
            return await QueueRepository.enqueue(tx, guild_id, CORRECTION_KIND, story_id, now)

    async def get(self, guild_id: int, story_id: int) -> Correction | None:
        """The correction waiting for a story, if any."""
        row = await self.db.fetchone(
            "SELECT correction_title, correction_text FROM stories "
            "WHERE guild_id = ? AND id = ? AND correction_text IS NOT NULL",
            (guild_id, story_id),
        )
        return Correction(story_id, row["correction_title"], row["correction_text"]) if row else None

    @staticmethod
    async def apply_decision(tx: Tx, decision: Decision) -> None:
        """Approved: the correction becomes the story's text (and search terms). Otherwise it is dropped."""
        entry = decision.entry
        if entry.status is QueueStatus.APPROVED:
            row = await tx.fetchone(
                "SELECT correction_title, correction_text FROM stories "
                "WHERE guild_id = ? AND id = ? AND status = 'published' AND correction_text IS NOT NULL",
                (entry.guild_id, entry.subject_id),
            )
            if row is None:
                raise NotFound()  # the story was deleted meanwhile: nothing to correct, the decision rolls back
            title, text = row["correction_title"], row["correction_text"]
            await tx.execute(
                "UPDATE stories SET title = ?, text = ?, search_terms = ?, correction_title = NULL, "
                "correction_text = NULL WHERE guild_id = ? AND id = ?",
                (title, text, index_terms(title, text), entry.guild_id, entry.subject_id),
            )
            return
        await tx.execute(
            "UPDATE stories SET correction_title = NULL, correction_text = NULL WHERE guild_id = ? AND id = ?",
            (entry.guild_id, entry.subject_id),
        )


class LockdownRepository:
    """Which servers are in lockdown; switching is audited in the same transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def since(self, guild_id: int) -> str | None:
        """When the server's lockdown began (None: not in lockdown)."""
        value = await self.db.fetchval("SELECT since FROM guild_lockdowns WHERE guild_id = ?", (guild_id,))
        return str(value) if value is not None else None

    async def is_on(self, guild_id: int) -> bool:
        """Tell whether sharing, tips and publishing are paused in a server."""
        return await self.since(guild_id) is not None

    async def switch(self, guild_id: int, on: bool, moderator_key: str, now: str) -> bool:
        """Switch lockdown on or off and audit it; False (and nothing audited) when it already was that way."""
        async with self.db.write() as tx:
            if on:
                changed = await tx.execute(
                    "INSERT INTO guild_lockdowns (guild_id, since) VALUES (?, ?) ON CONFLICT (guild_id) DO NOTHING",
                    (guild_id, now),
                )
            else:
                changed = await tx.execute("DELETE FROM guild_lockdowns WHERE guild_id = ?", (guild_id,))
            if changed != 1:
                return False
            action = LOCKDOWN_ON if on else LOCKDOWN_OFF
            await QueueRepository.record(
                tx,
                AuditEntry(
                    guild_id=guild_id,
                    at=now,
                    moderator_key=moderator_key,
                    action=action.name,
                    kind=SERVER_KIND,
                    subject_id=guild_id,
                ),
            )
        return True
