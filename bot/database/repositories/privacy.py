"""Privacy across tables: a member's export and erasure, retention purges, servers the bot left, post deletions.

Each capability's repository knows its own tables and already offers `export_member` / `for_member`,
`forget_member`, `forget_guild` and `purge_*`; this module calls those, and writes SQL only where a rule spans
tables or no method exists yet. The erasure of stories and tips is one transaction written here, because three
things must hold together: nothing is erased while one of the member's stories is being posted (the post would
stay up with no row to find it by), the published ones the member leaves up are unlinked instead, and every bot
message showing an erased item is queued for deletion in that same transaction (so a crash right after the
commit still gets the posts deleted by the next retention run).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from parley.database import Database, Tx
from parley.database.repositories.cases import OUTSIDE_SERVERS, CasesRepository
from parley.database.repositories.contacts import ContactsRepository
from parley.database.repositories.drafts import DraftsRepository, StoredDraft
from parley.database.repositories.flows import FlowsRepository
from parley.database.repositories.forum import UPDATE_KIND
from parley.database.repositories.queue import QueueRepository
from parley.database.repositories.settings import SettingsRepository
from parley.database.repositories.stories import StoriesRepository
from parley.database.repositories.tips import TipsRepository
from parley.database.repositories.votes import VotesRepository
from parley.domain.privacy import (
    ForgetChoice,
    ForgetReport,
    MemberData,
    RetentionCutoffs,
    StoryBeingPosted,
    draft_entry,
    flow_entry,
    keeps_published,
    kept_reasons,
    retired_moderator_key,
    stamp,
    unlinked_author_key,
)
from parley.domain.walkthrough import Flow

log = logging.getLogger(__name__)

STORY = "story"  # the queue and vote kind of stories (parley.domain.stories.KIND)
TIP = "tip"  # the queue and vote kind of tips (parley.database.repositories.tips.KIND)

# Tables holding a guild's data that no other repository's forget_guild covers, children before parents.
# story_metoo and queue_reminders go with their parent rows (ON DELETE CASCADE); guild_presence goes last, so an
# interrupted purge is found again and finished by the next run.
_GUILD_TABLES = (
    "votes",
    "vote_tallies",  # emptied by the votes' triggers already; listed so a purge never depends on them
    "tips",
    "mod_queue",
    "mod_audit",
    "stories",
    "story_author_blocks",
    "story_shares",
    "member_settings",
    "server_advice",
    "guild_settings",
    "privacy_message_deletions",
    "forum_tags",
    "story_forum_settings",
    "member_contacts",
    "queue_watch_settings",
    "queue_watch_state",
    "community_monthly",
    "reports",
    "guild_lockdowns",
)

# Tables a member's erasure deletes text or rows from; their residue (index segments, WAL, dead tuples) goes too.
_ERASED_WITH_A_MEMBER = (
    "stories",
    "tips",
    "votes",
    "story_metoo",
    "member_settings",
    "member_contacts",
    "person_settings",
    "flows",
    "drafts",
    "cases",
    "case_steps",
    "case_reminders",
    "case_prefs",
)


@dataclass(frozen=True, slots=True)
class QueuedDeletion:
    """A bot message still to delete from Discord (a post or a queue card of something erased)."""

    guild_id: int
    channel_id: int
    message_id: int
    attempts: int


@dataclass(frozen=True, slots=True)
class PurgedRows:
    """Rows one retention run deleted."""

    flows: int = 0
    drafts: int = 0
    stories: int = 0
    tips: int = 0
    cases: int = 0


def _flow_entries(flows: Iterable[Flow]) -> tuple[dict[str, Any], ...]:
    return tuple(
        flow_entry(
            kind=f.kind,
            language=f.language,
            state=f.state,
            free_text=f.free_text,
            created_at=f.created_at,
            updated_at=f.updated_at,
        )
        for f in flows
    )


def _draft_entries(drafts: Iterable[StoredDraft]) -> tuple[dict[str, Any], ...]:
    return tuple(
        draft_entry(
            kind=d.kind,
            language=d.language,
            tone=d.tone,
            values=d.values,
            platform=d.platform,
            created_at=d.created_at,
            updated_at=d.updated_at,
        )
        for d in drafts
    )


async def _take_cards(
    tx: Tx, guild_id: int, kinds: Iterable[str], subject_id: int, posts: list[tuple[int, int]]
) -> None:
    """Remove a subject's queue entries and add their cards in the queue channel to `posts` (to delete)."""
    for kind in kinds:
        cards = await tx.fetchall(
            "SELECT channel_id, message_id FROM mod_queue WHERE guild_id = ? AND kind = ? AND subject_id = ? "
            "AND channel_id IS NOT NULL AND message_id IS NOT NULL",
            (guild_id, kind, subject_id),
        )
        posts.extend((int(c["channel_id"]), int(c["message_id"])) for c in cards)
        await QueueRepository.delete_subject(tx, guild_id, kind, subject_id)


class PrivacyRepository:
    """A member's data across tables, retention, servers the bot left, and the post-deletion queue."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # ------------------------------------------------------------------------------------------------ export

    async def export_member(self, guild_id: int, member_key: str) -> MemberData:
        """Everything stored for a member in a guild, found through their keyed hash; no key of anyone inside."""
        flows = await FlowsRepository(self.db).for_member(guild_id, member_key)
        drafts = await DraftsRepository(self.db).for_member(guild_id, member_key)
        metoo = await self.db.fetchall(
            "SELECT m.story_id FROM story_metoo m JOIN stories s ON s.id = m.story_id "
            "WHERE s.guild_id = ? AND m.member_key = ? ORDER BY m.story_id",
            (guild_id, member_key),
        )
        # The member's own moderation actions, when they moderate: what, on which item, which day. Never the key.
        moderation = await self.db.fetchall(
            "SELECT at, action, kind, subject_id FROM mod_audit WHERE guild_id = ? AND moderator_key = ? ORDER BY id",
            (guild_id, member_key),
        )
        shares = await self.db.fetchall(
            "SELECT day, shared FROM story_shares WHERE guild_id = ? AND author_key = ? ORDER BY day",
            (guild_id, member_key),
        )
        stories = StoriesRepository(self.db)
        contact = await ContactsRepository(self.db).get(guild_id, member_key)
        reports = await self.db.fetchall(
            "SELECT kind, item_id, reason, details, created_at FROM reports "
            "WHERE guild_id = ? AND reporter_key = ? ORDER BY id",
            (guild_id, member_key),
        )
        return MemberData(
            reports=tuple(
                {k: row[k] for k in ("kind", "item_id", "reason", "details", "created_at")} for row in reports
            ),
            language=await SettingsRepository(self.db).member_language(guild_id, member_key),
            rights_place=await SettingsRepository(self.db).member_rights_place(guild_id, member_key),
            votes=tuple(await VotesRepository(self.db).export_member(guild_id, member_key)),
            flows=_flow_entries(flows),
            drafts=_draft_entries(drafts),
            tips=tuple(await TipsRepository(self.db).export_member(guild_id, member_key)),
            stories=tuple(await stories.export_member(guild_id, member_key)),
            metoo=tuple(int(row["story_id"]) for row in metoo),
            shares=tuple({"day": row["day"], "stories": int(row["shared"])} for row in shares),
            moderation=tuple(
                {"day": row["at"][:10], "action": row["action"], "kind": row["kind"], "item": row["subject_id"]}
                for row in moderation
            ),
            sharing_blocked=await stories.is_blocked(guild_id, member_key),
            decision_dms=contact.allow_dms
            if (contact := await ContactsRepository(self.db).get(guild_id, member_key))
            else None,
            cases=tuple(await CasesRepository(self.db).export_member(guild_id, member_key)),
        )

    async def export_person(self, person_key: str) -> MemberData:
        """What a person left outside any server (DMs with Parley, private channels), through their own key:
        walkthroughs, drafts, cases and their language there. Nothing else is kept outside servers."""
        return MemberData(
            language=await SettingsRepository(self.db).person_language(person_key),
            flows=_flow_entries(await FlowsRepository(self.db).for_person(person_key)),
            drafts=_draft_entries(await DraftsRepository(self.db).for_person(person_key)),
            cases=tuple(await CasesRepository(self.db).export_member(OUTSIDE_SERVERS, person_key)),
        )

    # ------------------------------------------------------------------------------------------------ forget

    async def forget_member(
        self,
        guild_id: int,
        member_key: str,
        choice: ForgetChoice,
        now: dt.datetime,
        *,
        person_key: str | None = None,
    ) -> ForgetReport:
        """Erase (or, for published items under ForgetChoice.UNLINK, unlink) everything a member left in a guild.

        With `person_key`, what the same person left outside any server goes too (walkthroughs, drafts and cases from
        DMs and private channels, their language there): nothing of it belongs to another server.

        Raises StoryBeingPosted, erasing nothing, while one of their stories is being posted.
        """
        at = stamp(now)
        async with self.db.write() as tx:
            if await tx.fetchval(
                "SELECT 1 FROM stories WHERE guild_id = ? AND author_key = ? AND status = 'publishing'",
                (guild_id, member_key),
            ):
                raise StoryBeingPosted()
            posts: list[tuple[int, int]] = []
            stories_erased, stories_unlinked = await self._forget_items(
                tx, "stories", STORY, "published", guild_id, member_key, choice, posts
            )
            tips_erased, tips_unlinked = await self._forget_items(
                tx, "tips", TIP, "approved", guild_id, member_key, choice, posts
            )
            metoo = await tx.execute(
                "DELETE FROM story_metoo WHERE member_key = ? "
                "AND story_id IN (SELECT id FROM stories WHERE guild_id = ?)",
                (member_key, guild_id),
            )
            # Today's allowance row (keyed hash, day, count; no content) survives forget, or forgetting and sharing
            # again would get round the daily limit; past days count for nothing, so they go now.
            await tx.execute(
                "DELETE FROM story_shares WHERE guild_id = ? AND author_key = ? AND day < ?",
                (guild_id, member_key, now.astimezone(dt.UTC).date().isoformat()),
            )
            language = await tx.execute(
                "DELETE FROM member_settings WHERE guild_id = ? AND member_key = ?", (guild_id, member_key)
            )
            # The DM choice (and the sealed user id that comes with a yes) goes with the member.
            await tx.execute(
                "DELETE FROM member_contacts WHERE guild_id = ? AND member_key = ?", (guild_id, member_key)
            )
            # Reports go with their reporter (their queue cards then say the report was withdrawn).
            await tx.execute("DELETE FROM reports WHERE guild_id = ? AND reporter_key = ?", (guild_id, member_key))
            # A moderator's log entries stay (the server's record) under one fresh random tag.
            retired = retired_moderator_key()
            retagged = await tx.execute(
                "UPDATE mod_audit SET moderator_key = ? WHERE guild_id = ? AND moderator_key = ?",
                (retired, guild_id, member_key),
            )
            await tx.execute(
                "UPDATE mod_queue SET decided_by = ? WHERE guild_id = ? AND decided_by = ?",
                (retired, guild_id, member_key),
            )
            await self._queue_deletions(tx, guild_id, posts, at)
            allowance = bool(
                await tx.fetchval(
                    "SELECT 1 FROM story_shares WHERE guild_id = ? AND author_key = ?", (guild_id, member_key)
                )
            )
            blocked = bool(
                await tx.fetchval(
                    "SELECT 1 FROM story_author_blocks WHERE guild_id = ? AND author_key = ?", (guild_id, member_key)
                )
            )
        # Single-table erasures their repositories own; each is idempotent, so a retry after a failure completes.
        votes = await VotesRepository(self.db).forget_member(guild_id, member_key)
        flows = await FlowsRepository(self.db).forget_member(guild_id, member_key)
        drafts = await DraftsRepository(self.db).forget_member(guild_id, member_key)
        cases = await CasesRepository(self.db).forget_member(guild_id, member_key)
        if person_key is not None:
            flows += await FlowsRepository(self.db).forget_person(person_key)
            drafts += await DraftsRepository(self.db).forget_person(person_key)
            cases += await CasesRepository(self.db).forget_person(person_key)
            language += int(await SettingsRepository(self.db).forget_person(person_key))
        await self.db.erase_residue(*_ERASED_WITH_A_MEMBER)
        unlinked = stories_unlinked + tips_unlinked
        return ForgetReport(
            choice=choice,
            votes=votes,
            flows=flows,
            drafts=drafts,
            cases=cases,
            language=language > 0,
            tips_erased=tips_erased,
            tips_unlinked=tips_unlinked,
            stories_erased=stories_erased,
            stories_unlinked=stories_unlinked,
            posts=tuple(dict.fromkeys(posts)),
            metoo=metoo,
            moderation_retagged=retagged,
            blocked=blocked,
            kept=kept_reasons(unlinked=unlinked, moderation_retagged=retagged, blocked=blocked, allowance=allowance),
        )

    async def forget_person(self, person_key: str) -> ForgetReport:
        """Erase what a person left outside any server (/privacy forget in a DM); their servers are untouched."""
        flows = await FlowsRepository(self.db).forget_person(person_key)
        drafts = await DraftsRepository(self.db).forget_person(person_key)
        cases = await CasesRepository(self.db).forget_person(person_key)
        language = await SettingsRepository(self.db).forget_person(person_key)
        await self.db.erase_residue("flows", "drafts", "cases", "case_steps", "case_reminders", "person_settings")
        return ForgetReport(
            choice=ForgetChoice.ERASE,
            flows=flows,
            drafts=drafts,
            cases=cases,
            language=language,
            kept=(),  # outside servers there is no log, no block and nobody else's vote to keep
        )

    @staticmethod
    async def _forget_items(
        tx: Tx,
        table: str,
        kind: str,
        published: str,
        guild_id: int,
        member_key: str,
        choice: ForgetChoice,
        posts: list[tuple[int, int]],
    ) -> tuple[int, int]:
        """Erase or unlink a member's stories or tips; add the messages showing erased ones to `posts`."""
        has_post = table == "stories"  # tips are shown in ephemeral lists only; stories have a channel post
        # A story's Resolved update goes through the queue under a kind of its own.
        kinds = (kind, UPDATE_KIND) if has_post else (kind,)
        columns = "id, status, channel_id, message_id, update_status" if has_post else "id, status"
        rows = await tx.fetchall(
            f"SELECT {columns} FROM {table} WHERE guild_id = ? AND author_key = ? ORDER BY id",  # noqa: S608 - fixed names
            (guild_id, member_key),
        )
        erased = unlinked = 0
        for row in rows:
            item_id = int(row["id"])
            if keeps_published(choice, row["status"], published_status=published):
                # A value of its own per item: two unlinked stories can't even be told to share an author.
                await tx.execute(
                    f"UPDATE {table} SET author_key = ? WHERE id = ?",  # noqa: S608 - fixed names
                    (unlinked_author_key(), item_id),
                )
                if has_post and row["update_status"] == "pending":
                    # The story stays (unlinked), but an update no moderator has approved is the member's, not yet
                    # the server's: it goes, with its card.
                    await tx.execute(
                        "UPDATE stories SET update_text = NULL, update_status = NULL WHERE id = ?", (item_id,)
                    )
                    await _take_cards(tx, guild_id, (UPDATE_KIND,), item_id, posts)
                unlinked += 1
                continue
            if has_post and row["channel_id"] and row["message_id"]:
                posts.append((int(row["channel_id"]), int(row["message_id"])))
            await _take_cards(tx, guild_id, kinds, item_id, posts)
            await VotesRepository.delete_item(tx, guild_id, kind, str(item_id))
            # Story rows take their "me too"s (ON DELETE CASCADE) and their search-index entry (trigger) along.
            await tx.execute(f"DELETE FROM {table} WHERE guild_id = ? AND id = ?", (guild_id, item_id))  # noqa: S608
            erased += 1
        return erased, unlinked

    @staticmethod
    async def _queue_deletions(tx: Tx, guild_id: int, posts: Iterable[tuple[int, int]], at: str) -> None:
        rows = [(channel_id, message_id, guild_id, at) for channel_id, message_id in dict.fromkeys(posts)]
        if not rows:
            return
        await tx.executemany(
            "INSERT INTO privacy_message_deletions (channel_id, message_id, guild_id, queued_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (channel_id, message_id) DO NOTHING",
            rows,
        )

    # ----------------------------------------------------------------------------------------- post deletions

    async def queued_deletions(self, guild_id: int | None = None, *, limit: int = 500) -> list[QueuedDeletion]:
        """Bot messages still to delete, oldest first (one guild's when given)."""
        rows = await self.db.fetchall(
            "SELECT guild_id, channel_id, message_id, attempts FROM privacy_message_deletions "
            "WHERE (? IS NULL OR guild_id = ?) ORDER BY queued_at, channel_id, message_id LIMIT ?",
            (guild_id, guild_id, limit),
        )
        return [
            QueuedDeletion(int(r["guild_id"]), int(r["channel_id"]), int(r["message_id"]), int(r["attempts"]))
            for r in rows
        ]

    async def deletion_done(self, channel_id: int, message_id: int) -> None:
        """Discord deleted the message (or it was already gone)."""
        async with self.db.write() as tx:
            await tx.execute(
                "DELETE FROM privacy_message_deletions WHERE channel_id = ? AND message_id = ?",
                (channel_id, message_id),
            )

    async def deletion_failed(self, channel_id: int, message_id: int) -> int:
        """Count a failed attempt (it is retried on the next run); return the attempts so far."""
        async with self.db.write() as tx:
            value = await tx.fetchval(
                "UPDATE privacy_message_deletions SET attempts = attempts + 1 "
                "WHERE channel_id = ? AND message_id = ? RETURNING attempts",
                (channel_id, message_id),
            )
        return int(value or 0)

    # ---------------------------------------------------------------------------------------------- retention

    async def purge_expired(self, cutoffs: RetentionCutoffs, now: dt.datetime) -> PurgedRows:
        """Delete what outlived its retention: unused flows and drafts, rejected/expired stories, dead tips."""
        flows = await FlowsRepository(self.db).purge_untouched_since(cutoffs.unused_before)
        drafts = await DraftsRepository(self.db).purge_unused_since(cutoffs.unused_before)
        today = now.astimezone(dt.UTC).date().isoformat()
        stories = await StoriesRepository(self.db).purge(cutoffs.decided_before_day, today)
        tips = await self._purge_tips(cutoffs.decided_before, stamp(now))
        if tips:  # stories did their own (StoriesRepository.purge)
            await self.db.erase_residue("tips", "votes", "mod_queue")
        cases = await CasesRepository(self.db).purge(cutoffs.cases_closed_before, cutoffs.cases_idle_before)
        if cases:
            await self.db.erase_residue("cases", "case_steps", "case_reminders")
        return PurgedRows(flows=flows, drafts=drafts, stories=stories, tips=tips, cases=cases)

    async def _purge_tips(self, decided_before: str, at: str) -> int:
        """Rejected and withdrawn tips (text and author hash) go after the retention period, cards included."""
        async with self.db.write() as tx:
            rows = await tx.fetchall(
                "SELECT guild_id, id FROM tips WHERE status IN ('rejected', 'withdrawn') AND decided_at < ? "
                "ORDER BY id LIMIT 500",
                (decided_before,),
            )
            for row in rows:
                guild_id, tip_id = int(row["guild_id"]), int(row["id"])
                cards = await tx.fetchall(
                    "SELECT channel_id, message_id FROM mod_queue WHERE guild_id = ? AND kind = ? AND subject_id = ? "
                    "AND channel_id IS NOT NULL AND message_id IS NOT NULL",
                    (guild_id, TIP, tip_id),
                )
                await self._queue_deletions(
                    tx, guild_id, [(int(c["channel_id"]), int(c["message_id"])) for c in cards], at
                )
                await VotesRepository.delete_item(tx, guild_id, TIP, str(tip_id))
                await QueueRepository.delete_subject(tx, guild_id, TIP, tip_id)
                await tx.execute("DELETE FROM tips WHERE guild_id = ? AND id = ?", (guild_id, tip_id))
        return len(rows)

    # ------------------------------------------------------------------------------------------ guild presence

    async def mark_present(self, guild_ids: Iterable[int]) -> list[int]:
        """Record that the bot is in these guilds; return those that had been marked left (they came back)."""
        ids = sorted(set(guild_ids))
        if not ids:
            return []
        back: list[int] = []
        async with self.db.write() as tx:
            for guild_id in ids:
                left = await tx.fetchval("SELECT left_at FROM guild_presence WHERE guild_id = ?", (guild_id,))
                if left is not None:
                    back.append(guild_id)
                await tx.execute(
                    "INSERT INTO guild_presence (guild_id, left_at) VALUES (?, NULL) "
                    "ON CONFLICT (guild_id) DO UPDATE SET left_at = NULL",
                    (guild_id,),
                )
        return back

    async def mark_left(self, guild_id: int, now: dt.datetime) -> None:
        """Record that the bot was removed from a guild (the first time counts: the grace does not restart)."""
        async with self.db.write() as tx:
            await tx.execute(
                "INSERT INTO guild_presence (guild_id, left_at) VALUES (?, ?) "
                "ON CONFLICT (guild_id) DO UPDATE SET left_at = excluded.left_at WHERE guild_presence.left_at IS NULL",
                (guild_id, stamp(now)),
            )

    async def left_at(self, guild_id: int) -> str | None:
        """When the bot left a guild (None while it is there, or when nothing was ever recorded)."""
        return await self.db.fetchval("SELECT left_at FROM guild_presence WHERE guild_id = ?", (guild_id,))

    async def present_guilds(self) -> list[int]:
        """Guilds recorded as having the bot."""
        rows = await self.db.fetchall("SELECT guild_id FROM guild_presence WHERE left_at IS NULL ORDER BY guild_id")
        return [int(row["guild_id"]) for row in rows]

    async def left_before(self, cutoff: str) -> list[int]:
        """Guilds the bot left before `cutoff`: their grace is over."""
        rows = await self.db.fetchall(
            "SELECT guild_id FROM guild_presence WHERE left_at IS NOT NULL AND left_at < ? ORDER BY guild_id",
            (cutoff,),
        )
        return [int(row["guild_id"]) for row in rows]

    async def purge_guild(self, guild_id: int) -> int:
        """Delete every row of a guild the bot left past the grace period; return how many rows went."""
        total = await FlowsRepository(self.db).forget_guild(guild_id)
        total += await DraftsRepository(self.db).forget_guild(guild_id)
        total += await CasesRepository(self.db).forget_guild(guild_id)
        async with self.db.write() as tx:
            for table in _GUILD_TABLES:
                total += await tx.execute(f"DELETE FROM {table} WHERE guild_id = ?", (guild_id,))  # noqa: S608
            await tx.execute("DELETE FROM guild_presence WHERE guild_id = ?", (guild_id,))
        await self.db.erase_residue(
            *_GUILD_TABLES, "flows", "drafts", "cases", "case_steps", "case_reminders", "case_prefs"
        )
        return total
