"""Stories in a forum: the tags Parley keeps on a forum, whether replies are open, and authors' Resolved updates.

Only anonymised text the author confirmed reaches `resolve`; the author is a keyed hash, dates are days.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from parley.database import Database, Tx
from parley.database.repositories.queue import QueueRepository
from parley.domain.errors import NotFound
from parley.domain.moderation import Decision, QueueEntry

UPDATE_KIND = "story_update"  # the queue kind of an author's update


@dataclass(frozen=True, slots=True)
class Resolution:
    """A story its author marked Resolved: when (a day), and the update if they wrote one."""

    story_id: int
    resolved_on: str
    update_text: str | None
    update_status: str | None  # pending, posted, rejected
    update_message_id: int | None = None


class ForumRepository:
    """Reads and writes `forum_tags`, `story_forum_settings` and the stories' Resolved columns."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # ------------------------------------------------------------------------------------------- the forum

    async def tags(self, guild_id: int, channel_id: int) -> dict[str, int]:
        """Parley's tags on a forum, by key (an archetype id or 'resolved')."""
        rows = await self.db.fetchall(
            "SELECT stands_for, tag_id FROM forum_tags WHERE guild_id = ? AND channel_id = ?", (guild_id, channel_id)
        )
        return {row["stands_for"]: int(row["tag_id"]) for row in rows}

    async def store_tags(self, guild_id: int, channel_id: int, tags: Mapping[str, int]) -> None:
        """Replace the forum's tags with these (a tag that is gone from the forum is gone from here too)."""
        async with self.db.write() as tx:
            await tx.execute("DELETE FROM forum_tags WHERE guild_id = ? AND channel_id = ?", (guild_id, channel_id))
            await tx.executemany(
                "INSERT INTO forum_tags (guild_id, channel_id, stands_for, tag_id) VALUES (?, ?, ?, ?)",
                [(guild_id, channel_id, key, tag_id) for key, tag_id in sorted(tags.items())],
            )

    async def replies_open(self, guild_id: int) -> bool:
        """Whether members may reply under a story's post (the default)."""
        value = await self.db.fetchval("SELECT replies_open FROM story_forum_settings WHERE guild_id = ?", (guild_id,))
        return value is None or bool(value)

    async def set_replies_open(self, guild_id: int, replies_open: bool) -> None:
        """Open or close replies under posts published from now on."""
        async with self.db.write() as tx:
            await tx.execute(
                "INSERT INTO story_forum_settings (guild_id, replies_open) VALUES (?, ?) "
                "ON CONFLICT (guild_id) DO UPDATE SET replies_open = excluded.replies_open",
                (guild_id, 1 if replies_open else 0),
            )

    # ------------------------------------------------------------------------------------- Resolved updates

    async def resolutions(self, guild_id: int, story_ids: Iterable[int]) -> dict[int, Resolution]:
        """The Resolved marks of these stories (those without one are absent)."""
        ids = sorted(set(story_ids))
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        rows = await self.db.fetchall(
            "SELECT id, resolved_on, update_text, update_status, update_message_id FROM stories "  # noqa: S608 - placeholders only
            f"WHERE guild_id = ? AND resolved_on IS NOT NULL AND id IN ({marks})",
            (guild_id, *ids),
        )
        return {
            int(row["id"]): Resolution(
                int(row["id"]), row["resolved_on"], row["update_text"], row["update_status"], row["update_message_id"]
            )
            for row in rows
        }

    async def resolve(
        self, guild_id: int, story_id: int, author_key: str, day: str, now: str, update: str | None
    ) -> QueueEntry | None:
        """Mark the author's published story Resolved, with the update (anonymised, confirmed) queued for the
        moderators; returns the update's queue entry (None without an update). NotFound if it isn't theirs, not
        published, or already resolved (one mark, one update per story)."""
        async with self.db.write() as tx:
            changed = await tx.execute(
                "UPDATE stories SET resolved_on = ?, update_text = ?, update_status = ? "
                "WHERE guild_id = ? AND id = ? AND author_key = ? AND status = 'published' AND resolved_on IS NULL",
                (day, update, "pending" if update else None, guild_id, story_id, author_key),
            )
            if changed != 1:
                raise NotFound()
            if not update:
                return None
            return await QueueRepository.enqueue(tx, guild_id, UPDATE_KIND, story_id, now)

    @staticmethod
    async def apply_update_decision(tx: Tx, decision: Decision) -> None:
        """A moderator's decision on an update, in the decision's transaction: approved updates wait to be posted
        (still 'pending' until `mark_update_posted`); anything else takes the update's text away."""
        entry = decision.entry
        if decision.action.to is not None and decision.action.name != "approve":
            await tx.execute(
                "UPDATE stories SET update_status = 'rejected', update_text = NULL "
                "WHERE guild_id = ? AND id = ? AND update_status = 'pending'",
                (entry.guild_id, entry.subject_id),
            )

    async def withdraw_update(self, guild_id: int, story_id: int, now: str) -> QueueEntry | None:
        """Take a removed story's waiting update off the queue; return its entry to redraw (None: none waited)."""
        queue = QueueRepository(self.db)
        entry = await queue.for_subject(guild_id, UPDATE_KIND, story_id)
        if entry is None or entry.status.decided:
            return None
        async with self.db.write() as tx:
            await QueueRepository.withdraw_subject(tx, guild_id, UPDATE_KIND, story_id, now)
        return await queue.get(guild_id, entry.id)

    async def mark_update_posted(self, story_id: int, message_id: int | None) -> None:
        """The update is in the post (a message in the forum thread, or the edited card of a text channel)."""
        async with self.db.write() as tx:
            await tx.execute(
                "UPDATE stories SET update_status = 'posted', update_message_id = ? WHERE id = ?",
                (message_id, story_id),
            )
