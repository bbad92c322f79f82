"""Stories: confirmed (anonymised) stories, their moderation effects, publishing claims, search, blocks, "me too".

Only anonymised text the author confirmed ever reaches these methods; authors are keyed hashes; dates are days.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from parley.database import Database, Row, Tx
from parley.database.dialect import text_match
from parley.database.repositories.queue import QueueRepository
from parley.database.repositories.votes import Reader, VotesRepository
from parley.domain.errors import N_, AlreadyDone, NotFound
from parley.domain.moderation import AuditEntry, Decision, QueueEntry
from parley.domain.reports import CORRECTION_KIND
from parley.domain.search_terms import index_terms
from parley.domain.stories import (
    BLOCK_KIND,
    KIND,
    UNBLOCK_AUTHOR,
    Block,
    SharingUnavailable,
    Story,
    StoryLimitReached,
    StoryStatus,
    status_after,
)
from parley.domain.votes import SelfVote, VoteTarget

_COLUMNS = (
    "id, guild_id, author_key, archetype, lang, title, text, status, featured, shared_on, decided_on, reason, "
    "note, queue_id, publish_after, published_on, channel_id, message_id"
)
_S_COLUMNS = ", ".join(f"s.{c.strip()}" for c in _COLUMNS.split(","))
# What search looks in: the words of the title and text, and their stems (domain/search_terms.py), which
# mark_published stores so that inflected forms find each other.
_SEARCHED = ("title", "text", "search_terms")
# Decisions whose note the author reads in /story mine (a rejection's optional note, what to edit).
_NOTE_FOR_AUTHOR = frozenset({"reject", "reject_story", "request_edit"})


class BeingPublished(AlreadyDone):
    """The author tried to remove a story at the very moment a process is posting it."""

    message = N_("This story is being posted right now. Please try again in a minute.")


def _block(row: Row) -> Block:
    story_id = row["story_id"]
    return Block(
        id=int(row["id"]),
        story_id=int(story_id) if story_id is not None else None,
        reason=row["reason"],
        blocked_on=row["blocked_on"],
    )


def _story(row: Row) -> Story:
    return Story(
        id=row["id"],
        guild_id=row["guild_id"],
        author_key=row["author_key"],
        archetype=row["archetype"],
        lang=row["lang"],
        title=row["title"],
        text=row["text"],
        status=StoryStatus(row["status"]),
        shared_on=row["shared_on"],
        featured=bool(row["featured"]),
        decided_on=row["decided_on"],
        reason=row["reason"],
        note=row["note"],
        queue_id=row["queue_id"],
        publish_after=row["publish_after"],
        published_on=row["published_on"],
        channel_id=row["channel_id"],
        message_id=row["message_id"],
    )


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of /story browse: the stories, how many match (counted up to COUNT_CAP past the page's start) and
    whether more follow."""

    stories: tuple[Story, ...]
    total: int
    more: bool = False  # another page follows this one
    capped: bool = False  # more than `total` (= COUNT_CAP) stories match; they were not all counted


# A page reads at most this many matches past its start, and the total is exact only up to there ("more than 50"
# beyond). Counting every match grew with them (70-150 ms at 50 000 stories); counting up to 500 in a second query
# evaluated the FTS5 match twice, and a prefix match merges every matching term's whole list each time (~4 ms at
# 50 000 stories), which made a search 2x slower there than in a 1 000-story community (issue 21).
COUNT_CAP = 50


class StoriesRepository:
    """Stores confirmed stories and everything that happens to them afterwards."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # ------------------------------------------------------------------------------------------- sharing

    async def shared_on_day(self, guild_id: int, author_key: str, day: str) -> int:
        """How many stories an author shared on a day (the daily allowance)."""
        value = await self.db.fetchval(
            "SELECT shared FROM story_shares WHERE guild_id = ? AND author_key = ? AND day = ?",
            (guild_id, author_key, day),
        )
        return int(value or 0)

    async def is_blocked(self, guild_id: int, author_key: str) -> bool:
        """Tell whether moderators blocked this author (by keyed hash) from sharing."""
        return bool(
            await self.db.fetchval(
                "SELECT 1 FROM story_author_blocks WHERE guild_id = ? AND author_key = ?", (guild_id, author_key)
            )
        )

    async def submit(
        self,
        guild_id: int,
        author_key: str,
        *,
        archetype: str,
        lang: str,
        title: str | None,
        text: str,
        day: str,
        now: str,
        per_day: int,
    ) -> tuple[Story, QueueEntry]:
        """Store a confirmed story and queue it, if the author is not blocked and within today's allowance.

        The checks, the story, the allowance and the queue entry share one transaction, so two quick confirms
        cannot both slip past the limit.
        """
        async with self.db.write() as tx:
            if await tx.fetchval(
                "SELECT 1 FROM story_author_blocks WHERE guild_id = ? AND author_key = ?", (guild_id, author_key)
            ):
                raise SharingUnavailable()
            shared = await tx.fetchval(
                "SELECT shared FROM story_shares WHERE guild_id = ? AND author_key = ? AND day = ?",
                (guild_id, author_key, day),
            )
            if int(shared or 0) >= per_day:
                raise StoryLimitReached()
            await tx.execute(
                "INSERT INTO story_shares (guild_id, author_key, day, shared) VALUES (?, ?, ?, 1) "
                "ON CONFLICT (guild_id, author_key, day) DO UPDATE SET shared = story_shares.shared + 1",
                (guild_id, author_key, day),
            )
            row = await tx.fetchone(
                "INSERT INTO stories (guild_id, author_key, archetype, lang, title, text, status, shared_on) "
                "VALUES (?, ?, ?, ?, ?, ?, 'pending', ?) RETURNING id",
                (guild_id, author_key, archetype, lang, title, text, day),
            )
            assert row is not None
            story_id = int(row["id"])
            entry = await QueueRepository.enqueue(tx, guild_id, KIND, story_id, now)
            story = await self._link_queue(tx, story_id, entry.id)
        return story, entry

    async def resubmit(
        self,
        guild_id: int,
        story_id: int,
        author_key: str,
        *,
        archetype: str,
        lang: str,
        title: str | None,
        text: str,
        now: str,
    ) -> tuple[Story, QueueEntry]:
        """Put a story the moderators sent back or rejected into the queue again, with the author's edited
        (anonymised) text. Not counted against the daily allowance: each resubmission follows a moderator's
        decision, so it can't flood the queue."""
        async with self.db.write() as tx:
            if await tx.fetchval(
                "SELECT 1 FROM story_author_blocks WHERE guild_id = ? AND author_key = ?", (guild_id, author_key)
            ):
                raise SharingUnavailable()
            changed = await tx.execute(
                "UPDATE stories SET archetype = ?, lang = ?, title = ?, text = ?, status = 'pending', "
                "reason = NULL, note = NULL, decided_on = NULL "
                "WHERE guild_id = ? AND id = ? AND author_key = ? AND status IN ('changes_requested', 'rejected')",
                (archetype, lang, title, text, guild_id, story_id, author_key),
            )
            if changed != 1:
                raise NotFound()
            entry = await QueueRepository.enqueue(tx, guild_id, KIND, story_id, now)
            story = await self._link_queue(tx, story_id, entry.id)
        return story, entry

    @staticmethod
    async def _link_queue(tx: Tx, story_id: int, queue_id: int) -> Story:
        row = await tx.fetchone(
            f"UPDATE stories SET queue_id = ? WHERE id = ? RETURNING {_COLUMNS}",  # noqa: S608 - constant columns
            (queue_id, story_id),
        )
        assert row is not None
        return _story(row)

    # --------------------------------------------------------------------------------------------- reads

    async def get(self, guild_id: int, story_id: int) -> Story | None:
        """One story of a guild, whatever its status."""
        row = await self.db.fetchone(
            f"SELECT {_COLUMNS} FROM stories WHERE guild_id = ? AND id = ?",  # noqa: S608 - constant columns
            (guild_id, story_id),
        )
        return _story(row) if row else None

    async def mine(self, guild_id: int, author_key: str, *, limit: int = 25) -> list[Story]:
        """An author's stories (found through their keyed hash), newest first."""
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM stories WHERE guild_id = ? AND author_key = ? "  # noqa: S608
            "ORDER BY id DESC LIMIT ?",
            (guild_id, author_key, limit),
        )
        return [_story(row) for row in rows]

    async def count_mine(self, guild_id: int, author_key: str) -> int:
        """How many stories an author has."""
        return int(
            await self.db.fetchval(
                "SELECT COUNT(*) FROM stories WHERE guild_id = ? AND author_key = ?", (guild_id, author_key)
            )
        )

    async def search(
        self, guild_id: int, *, archetype: str | None, query: str | None, limit: int, offset: int
    ) -> SearchPage:
        """Published stories, newest first, optionally of one type and containing every word of `query`."""
        where = "s.guild_id = ? AND s.status = 'published' AND (? IS NULL OR s.archetype = ?)"
        params: list[object] = [guild_id, archetype, archetype]
        match = (
            text_match(self.db.dialect, table="stories", alias="s", columns=_SEARCHED, query=query) if query else None
        )
        source, order = "stories s", "s.id DESC"
        if match is not None and self.db.dialect == "sqlite":
            # Driven from the FTS5 index in rowid (= id) order, LIMIT stops early; the generic condition
            # `s.id IN (SELECT rowid ...)` first collected every match (33 ms a page at 50 000 stories, issue 21).
            source, order = "stories_fts JOIN stories s ON s.id = stories_fts.rowid", "stories_fts.rowid DESC"
            where += " AND stories_fts MATCH ?"
            params.append(match.value)
        elif match is not None:
            where += f" AND {match.condition}"
            params.append(match.value)
        # One statement reads the page and up to COUNT_CAP matches after its start: the match is evaluated once,
        # the rows past the page tell whether another page follows and how many there are, up to the cap.
        rows = await self.db.fetchall(
            f"SELECT {_S_COLUMNS} FROM {source} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",  # noqa: S608
            [*params, max(limit, COUNT_CAP) + 1, offset],
        )
        if not rows and offset:
            # Past the end (stories went away since the last page): the count from the start says where it is.
            total = await self.db.fetchval(
                f"SELECT COUNT(*) FROM (SELECT 1 FROM {source} WHERE {where} LIMIT ?) AS matches",  # noqa: S608
                [*params, COUNT_CAP + 1],
            )
            counted = int(total or 0)
            return SearchPage((), min(counted, COUNT_CAP), capped=counted > COUNT_CAP)
        capped = len(rows) > max(limit, COUNT_CAP)
        return SearchPage(
            tuple(_story(row) for row in rows[:limit]),
            COUNT_CAP if capped else offset + len(rows),
            more=len(rows) > limit,
            capped=capped,
        )

    @staticmethod
    async def vote_target(reader: Reader, guild_id: int, item_id: str) -> VoteTarget | None:
        """A published story as a votable item (any other status: None); carries the author for the self-vote check."""
        if not item_id.isdigit():
            return None
        row = await reader.fetchone(
            "SELECT author_key FROM stories WHERE guild_id = ? AND id = ? AND status = 'published'",
            (guild_id, int(item_id)),
        )
        return VoteTarget(KIND, item_id, row["author_key"]) if row else None

    # ---------------------------------------------------------------------------------------- moderation

    @staticmethod
    async def apply_decision(
        tx: Tx,
        decision: Decision,
        *,
        day: str,
        text: str | None = None,
        title: str | None = None,
        set_title: bool = False,
        publish_after: str | None = None,
    ) -> None:
        """A queue decision's effect on its story, inside the decision's transaction.

        Approving actions set the slot the story waits for; Edit & approve and Redact change the text (only ever
        to other anonymised text); Request edit and Reject keep a note for the author; Block author blocks the
        story's author by keyed hash, without the moderator or anyone else learning who it is.
        """
        entry = decision.entry
        name = decision.action.name
        params: tuple[object, ...]
        if name == "redact":
            changed = await tx.execute(
                "UPDATE stories SET text = ?, title = CASE WHEN ? = 1 THEN ? ELSE title END "
                "WHERE guild_id = ? AND id = ? AND status = 'pending'",
                (text, 1 if set_title else 0, title, entry.guild_id, entry.subject_id),
            )
        else:
            status = status_after(name)
            if status is None:
                return
            params = (
                status.value,
                day,
                entry.reason if status is StoryStatus.REJECTED else None,
                entry.note if name in _NOTE_FOR_AUTHOR else None,
                1 if name == "feature" else 0,
                publish_after if status is StoryStatus.APPROVED else None,
                text,
                text,
                1 if set_title else 0,
                title,
                entry.guild_id,
                entry.subject_id,
            )
            changed = await tx.execute(
                "UPDATE stories SET status = ?, decided_on = ?, reason = ?, note = ?, featured = ?, "
                "publish_after = ?, text = CASE WHEN ? IS NULL THEN text ELSE ? END, "
                "title = CASE WHEN ? = 1 THEN ? ELSE title END "
                "WHERE guild_id = ? AND id = ? AND status = 'pending'",
                params,
            )
        if changed != 1:
            # The story is gone or no longer pending: the whole decision rolls back with this.
            raise NotFound()
        if name == "block_author":
            await tx.execute(
                "INSERT INTO story_author_blocks (guild_id, author_key, story_id, reason, blocked_on) "
                "SELECT guild_id, author_key, id, ?, ? FROM stories WHERE guild_id = ? AND id = ? "
                "ON CONFLICT (guild_id, author_key) DO NOTHING",
                (entry.reason, day, entry.guild_id, entry.subject_id),
            )

    # -------------------------------------------------------------------------------------------- blocks

    async def blocks(self, guild_id: int, *, limit: int = 25) -> list[Block]:
        """A guild's blocks, newest first: number, story, reason, day; never who."""
        rows = await self.db.fetchall(
            "SELECT id, story_id, reason, blocked_on FROM story_author_blocks WHERE guild_id = ? "
            "ORDER BY id DESC LIMIT ?",
            (guild_id, limit),
        )
        return [_block(row) for row in rows]

    async def count_blocks(self, guild_id: int) -> int:
        """How many blocks a guild has."""
        return int(await self.db.fetchval("SELECT COUNT(*) FROM story_author_blocks WHERE guild_id = ?", (guild_id,)))

    async def unblock(self, guild_id: int, block_id: int, moderator_key: str, at: str) -> Block:
        """Lift a block and audit it in the same transaction; NotFound when it is gone (lifted already)."""
        async with self.db.write() as tx:
            row = await tx.fetchone(
                "DELETE FROM story_author_blocks WHERE guild_id = ? AND id = ? "
                "RETURNING id, story_id, reason, blocked_on",
                (guild_id, block_id),
            )
            if row is None:
                raise NotFound()
            block = _block(row)
            await QueueRepository.record(
                tx,
                AuditEntry(
                    guild_id=guild_id,
                    at=at,
                    moderator_key=moderator_key,
                    action=UNBLOCK_AUTHOR.name,
                    kind=BLOCK_KIND,
                    subject_id=block.id,
                    reason=block.reason,
                ),
            )
        return block

    async def by_queue_entry(self, guild_id: int, queue_id: int) -> Story | None:
        """The story a queue entry is about."""
        row = await self.db.fetchone(
            f"SELECT {_COLUMNS} FROM stories WHERE guild_id = ? AND queue_id = ?",  # noqa: S608 - constant columns
            (guild_id, queue_id),
        )
        return _story(row) if row else None

    # ----------------------------------------------------------------------------------- author removals

    async def remove(self, guild_id: int, story_id: int, author_key: str, now: str) -> Story:
        """The author withdraws (pending) or deletes (any other state) their story: the row, its votes and "me
        too"s go, its pending queue entry is marked withdrawn. Returns the story as it was (for its posts)."""
        async with self.db.write() as tx:
            row = await tx.fetchone(
                f"SELECT {_COLUMNS} FROM stories WHERE guild_id = ? AND id = ? AND author_key = ?",  # noqa: S608
                (guild_id, story_id, author_key),
            )
            if row is None:
                raise NotFound()
            story = _story(row)
            if not story.status.removable:
                raise BeingPublished()
            await QueueRepository.withdraw_subject(tx, guild_id, KIND, story_id, now)
            await QueueRepository.withdraw_subject(tx, guild_id, CORRECTION_KIND, story_id, now)
            await VotesRepository.delete_item(tx, guild_id, KIND, str(story_id))
            await tx.execute("DELETE FROM stories WHERE guild_id = ? AND id = ?", (guild_id, story_id))
        await self.db.erase_residue("stories", "votes")
        return story

    # ---------------------------------------------------------------------------------------- publishing

    async def due_guilds(self, now: str) -> list[int]:
        """Guilds with approved stories whose publishing slot has come."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT guild_id FROM stories WHERE status = 'approved' AND publish_after <= ? ORDER BY guild_id",
            (now,),
        )
        return [int(row["guild_id"]) for row in rows]

    async def due(self, guild_id: int, now: str, *, limit: int = 50) -> list[Story]:
        """A guild's approved stories whose slot has come."""
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM stories WHERE guild_id = ? AND status = 'approved' "  # noqa: S608
            "AND publish_after <= ? ORDER BY id LIMIT ?",
            (guild_id, now, limit),
        )
        return [_story(row) for row in rows]

    async def claim(self, story_id: int, now: str) -> bool:
        """Claim an approved story for posting; exactly one of several processes gets True."""
        async with self.db.write() as tx:
            changed = await tx.execute(
                "UPDATE stories SET status = 'publishing', claimed_at = ? WHERE id = ? AND status = 'approved'",
                (now, story_id),
            )
        return changed == 1

    async def unclaim(self, story_id: int) -> None:
        """Give a claimed story back (posting failed): the next run tries again."""
        async with self.db.write() as tx:
            await tx.execute(
                "UPDATE stories SET status = 'approved', claimed_at = NULL WHERE id = ? AND status = 'publishing'",
                (story_id,),
            )

    async def mark_published(self, story_id: int, day: str, channel_id: int, message_id: int) -> None:
        """Record the post; the story enters the search index, under its words and their stems, in the same
        transaction (a trigger)."""
        async with self.db.write() as tx:
            row = await tx.fetchone("SELECT title, text FROM stories WHERE id = ?", (story_id,))
            if row is None:
                return
            await tx.execute(
                "UPDATE stories SET status = 'published', published_on = ?, channel_id = ?, message_id = ?, "
                "claimed_at = NULL, publish_after = NULL, search_terms = ? WHERE id = ? AND status = 'publishing'",
                (day, channel_id, message_id, index_terms(row["title"], row["text"]), story_id),
            )

    async def index_missing_terms(self, *, limit: int = 200) -> int:
        """Store the stems of published stories that have none (published before stems were indexed); the index
        follows in the same transaction (a trigger). Returns how many were done: call again until 0."""
        async with self.db.write() as tx:
            rows = await tx.fetchall(
                "SELECT id, title, text FROM stories WHERE status = 'published' AND search_terms IS NULL "
                "ORDER BY id LIMIT ?",
                (limit,),
            )
            for row in rows:
                await tx.execute(
                    "UPDATE stories SET search_terms = ? WHERE id = ? AND status = 'published'",
                    (index_terms(row["title"], row["text"]), row["id"]),
                )
        return len(rows)

    async def release_stale_claims(self, before: str) -> int:
        """Claims older than `before` belong to a process that died mid-post: make those stories due again."""
        async with self.db.write() as tx:
            return await tx.execute(
                "UPDATE stories SET status = 'approved', claimed_at = NULL "
                "WHERE status = 'publishing' AND claimed_at < ?",
                (before,),
            )

    # ---------------------------------------------------------------------------------- "me too" counts

    async def toggle_metoo(self, guild_id: int, story_id: int, member_key: str) -> tuple[bool, int]:
        """Add or take back a member's "this happened to me too"; return (is it on now, the count)."""
        async with self.db.write() as tx:
            author = await tx.fetchval(
                "SELECT author_key FROM stories WHERE guild_id = ? AND id = ? AND status = 'published'",
                (guild_id, story_id),
            )
            if author is None:
                raise NotFound()
            if author == member_key:
                raise SelfVote()
            removed = await tx.execute(
                "DELETE FROM story_metoo WHERE story_id = ? AND member_key = ?", (story_id, member_key)
            )
            if not removed:
                await tx.execute("INSERT INTO story_metoo (story_id, member_key) VALUES (?, ?)", (story_id, member_key))
            count = await tx.fetchval("SELECT COUNT(*) FROM story_metoo WHERE story_id = ?", (story_id,))
        return not removed, int(count)

    async def metoo_counts(self, story_ids: Iterable[int]) -> dict[int, int]:
        """The "me too" count of each story (zero when none)."""
        ids = list(dict.fromkeys(story_ids))
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        rows = await self.db.fetchall(
            f"SELECT story_id, COUNT(*) AS n FROM story_metoo WHERE story_id IN ({marks}) GROUP BY story_id",  # noqa: S608
            ids,
        )
        found = {int(row["story_id"]): int(row["n"]) for row in rows}
        return {i: found.get(i, 0) for i in ids}

    # ---------------------------------------------------------------------------------- the periodic work

    async def pending_before(self, cutoff: str, *, limit: int = 200) -> list[QueueEntry]:
        """Queue entries (every kind) still pending that were created before `cutoff`, oldest first."""
        queue = QueueRepository(self.db)
        rows = await self.db.fetchall(
            "SELECT id, guild_id FROM mod_queue WHERE status = 'pending' AND created_at < ? ORDER BY created_at, id "
            "LIMIT ?",
            (cutoff, limit),
        )
        entries = [await queue.get(int(row["guild_id"]), int(row["id"])) for row in rows]
        return [e for e in entries if e is not None]

    async def expire_changes_requested(self, before_day: str, day: str) -> int:
        """Stories sent back for edits that their authors left alone for too long expire."""
        async with self.db.write() as tx:
            return await tx.execute(
                "UPDATE stories SET status = 'expired', decided_on = ? "
                "WHERE status = 'changes_requested' AND decided_on < ?",
                (day, before_day),
            )

    async def purge(self, decided_before: str, today: str) -> int:
        """Delete rejected and expired stories decided before a day, and allowance rows of past days."""
        async with self.db.write() as tx:
            gone = await tx.execute(
                "DELETE FROM stories WHERE status IN ('rejected', 'expired') AND decided_on < ?", (decided_before,)
            )
            await tx.execute("DELETE FROM story_shares WHERE day < ?", (today,))
        if gone:
            await self.db.erase_residue("stories")
        return gone

    # ------------------------------------------------------------------------------------------ privacy

    async def export_member(self, guild_id: int, member_key: str) -> list[dict[str, object]]:
        """A member's stories (the anonymised text they confirmed) for /privacy export."""
        return [
            {
                "id": s.id,
                "type": s.archetype,
                "title": s.title,
                "text": s.text,
                "status": s.status.value,
                "shared_on": s.shared_on,
                "published_on": s.published_on,
            }
            for s in await self.mine(guild_id, member_key, limit=10_000)
        ]

    async def forget_member(self, guild_id: int, member_key: str, now: str) -> list[Story]:
        """Erase a member's stories and their "me too"s; return the stories (to delete posts).

        Blocks stay: they are a moderation record about a keyed hash, not the member's own data. So does today's
        allowance row (a keyed hash, a day and a count, no content): forgetting must not reset the daily limit.
        """
        async with self.db.write() as tx:
            rows = await tx.fetchall(
                f"SELECT {_COLUMNS} FROM stories WHERE guild_id = ? AND author_key = ?",  # noqa: S608
                (guild_id, member_key),
            )
            stories = [_story(row) for row in rows]
            for story in stories:
                await QueueRepository.withdraw_subject(tx, guild_id, KIND, story.id, now)
                await VotesRepository.delete_item(tx, guild_id, KIND, str(story.id))
            await tx.execute("DELETE FROM stories WHERE guild_id = ? AND author_key = ?", (guild_id, member_key))
            await tx.execute(
                "DELETE FROM story_metoo WHERE member_key = ? AND story_id IN "
                "(SELECT id FROM stories WHERE guild_id = ?)",
                (member_key, guild_id),
            )
        await self.db.erase_residue("stories", "story_metoo", "votes")
        return stories
