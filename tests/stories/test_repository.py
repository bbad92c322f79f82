"""The stories repository on a real SQLite database: allowance, blocks, decisions, search, exactly-once claims."""

from __future__ import annotations

import asyncio
import re

import pytest

from parley.database import Database
from parley.database.dialect import fts5_query
from parley.database.repositories.queue import QueueRepository
from parley.database.repositories.stories import BeingPublished, StoriesRepository
from parley.database.repositories.votes import VotesRepository
from parley.domain import moderation
from parley.domain import stories as st
from parley.domain.errors import InvalidInput, NotFound
from parley.domain.votes import SelfVote

G = 1
AUTHOR = "a" * 32
OTHER = "b" * 32
MOD = "m" * 32
NOW = "2026-03-01T10:00:00Z"
DAY = "2026-03-01"


async def share(repo: StoriesRepository, text: str, *, author: str = AUTHOR, per_day: int = 5, **extra: object):
    fields = {"archetype": "non_payer", "lang": "en", "title": None, "day": DAY, "now": NOW, "per_day": per_day}
    fields.update(extra)
    return await repo.submit(G, author, text=text, **fields)  # type: ignore[arg-type]


async def decide(
    db: Database, entry_id: int, act: moderation.Action, *, text: str | None = None, **kwargs: object
) -> moderation.Decision:
    async def effect(tx, decision):
        await StoriesRepository.apply_decision(tx, decision, day=DAY, text=text, publish_after="2026-03-01T12:00:00Z")

    return await QueueRepository(db).decide(G, entry_id, act, MOD, NOW, effect=effect, **kwargs)  # type: ignore[arg-type]


async def publish(repo: StoriesRepository, story_id: int, message_id: int = 99) -> None:
    assert await repo.claim(story_id, NOW)
    await repo.mark_published(story_id, DAY, 7, message_id)


async def test_submit_queues_the_story_and_counts_the_allowance(db):
    repo = StoriesRepository(db)
    story, entry = await share(repo, "A client never paid.", per_day=2)
    assert story.status is st.StoryStatus.PENDING and story.queue_id == entry.id
    assert entry.kind == "story" and entry.subject_id == story.id
    assert story.shared_on == DAY and await repo.shared_on_day(G, AUTHOR, DAY) == 1
    await share(repo, "Another one.", per_day=2)
    with pytest.raises(st.StoryLimitReached):
        await share(repo, "A third.", per_day=2)
    assert await repo.count_mine(G, AUTHOR) == 2  # the refused one left nothing behind
    # withdrawing does not hand the allowance back
    await repo.remove(G, story.id, AUTHOR, NOW)
    with pytest.raises(st.StoryLimitReached):
        await share(repo, "A third.", per_day=2)
    assert (await QueueRepository(db).get(G, entry.id)).status is moderation.QueueStatus.WITHDRAWN


async def test_rows_hold_days_and_keyed_hashes_only(db):
    repo = StoriesRepository(db)
    await share(repo, "Text.")
    row = await db.fetchone("SELECT * FROM stories")
    assert row["author_key"] == AUTHOR and row["shared_on"] == DAY
    assert all(not str(row[c]).startswith("2026-03-01T") for c in row.keys())  # noqa: SIM118 - sqlite Row


async def test_block_author_blocks_by_hash_and_rejects(db):
    repo = StoriesRepository(db)
    story, entry = await share(repo, "Text.")
    with pytest.raises(InvalidInput):  # a block always says why
        await decide(db, entry.id, st.BLOCK_AUTHOR)
    decision = await decide(db, entry.id, st.BLOCK_AUTHOR, reason="harmful")
    assert decision.entry.status is moderation.QueueStatus.REJECTED and decision.audit.action == "block_author"
    [block] = await repo.blocks(G)
    assert (block.story_id, block.reason) == (story.id, "harmful")
    assert await repo.is_blocked(G, AUTHOR) and not await repo.is_blocked(G, OTHER)
    assert (await repo.get(G, story.id)).status is st.StoryStatus.REJECTED
    with pytest.raises(st.SharingUnavailable):
        await share(repo, "Again.")
    audit = await db.fetchall("SELECT * FROM mod_audit")
    assert [r["action"] for r in audit] == ["block_author"]
    assert all(AUTHOR not in str(tuple(r)) for r in audit)  # the audit never names the author
    # Lifting it is audited under the block's number; a second lift finds nothing (a stale button).
    await repo.unblock(G, block.id, MOD, "2026-01-02T00:00:00Z")
    assert not await repo.is_blocked(G, AUTHOR)
    with pytest.raises(NotFound):
        await repo.unblock(G, block.id, MOD, "2026-01-02T00:00:00Z")
    audit = await db.fetchall("SELECT action, kind, subject_id FROM mod_audit ORDER BY id")
    assert [tuple(r) for r in audit] == [("block_author", "story", story.id), ("unblock_author", "block", block.id)]
    # Block numbers are never reused: the next block gets a new one even though the first is gone.
    _, entry2 = await share(repo, "Again, after the block was lifted.")
    await decide(db, entry2.id, st.BLOCK_AUTHOR, reason="other", note="spam links")
    [again] = await repo.blocks(G)
    assert again.id == block.id + 1


async def test_decisions_reach_the_story(db):
    repo = StoriesRepository(db)
    s1, e1 = await share(repo, "One [client].")
    s2, e2 = await share(repo, "Two.")
    s3, e3 = await share(repo, "Three.")
    await decide(db, e1.id, st.EDIT_APPROVE, text="One [client], edited.")
    await decide(db, e2.id, moderation.REJECT, reason="unclear", note="Which client type?")
    await decide(db, e3.id, st.REQUEST_EDIT, note="Take out the city, please.")
    one, two, three = [await repo.get(G, s.id) for s in (s1, s2, s3)]
    assert one.status is st.StoryStatus.APPROVED and one.text == "One [client], edited."
    assert one.publish_after == "2026-03-01T12:00:00Z"
    assert (two.status, two.reason, two.note) == (st.StoryStatus.REJECTED, "unclear", "Which client type?")
    assert (three.status, three.note) == (st.StoryStatus.CHANGES_REQUESTED, "Take out the city, please.")
    # the author edits and resubmits: a fresh queue entry, the note cleared
    again, entry = await repo.resubmit(
        G, s3.id, AUTHOR, archetype="creep", lang="en", title="T", text="Three, no city.", now=NOW
    )
    assert again.status is st.StoryStatus.PENDING and again.queue_id == entry.id != e3.id and again.note is None
    with pytest.raises(NotFound):  # only its author, only when it was sent back
        await repo.resubmit(G, s3.id, OTHER, archetype="creep", lang="en", title=None, text="x", now=NOW)


async def test_double_decision_is_exactly_one(db):
    repo = StoriesRepository(db)
    _, entry = await share(repo, "Text.")
    results = await asyncio.gather(
        decide(db, entry.id, moderation.APPROVE),
        decide(db, entry.id, st.FEATURE),
        return_exceptions=True,
    )
    assert sum(isinstance(r, moderation.Decision) for r in results) == 1
    assert sum(isinstance(r, moderation.AlreadyDecided) for r in results) == 1
    assert len(await db.fetchall("SELECT * FROM mod_audit")) == 1


async def test_redact_keeps_it_pending(db):
    repo = StoriesRepository(db)
    story, entry = await share(repo, "Met Anna at Berg.")
    decision = await decide(db, entry.id, st.REDACT, text="Met [removed] at [removed].")
    assert decision.entry.status is moderation.QueueStatus.PENDING
    after = await repo.get(G, story.id)
    assert after.status is st.StoryStatus.PENDING and after.text == "Met [removed] at [removed]."


async def test_search_covers_published_stories_only(db):
    repo = StoriesRepository(db)
    published, e1 = await share(repo, "The client never paid the invoice.", title="Unpaid invoice")
    await share(repo, "The invoice was pending forever.")  # never published: never found
    creep, e3 = await share(repo, "Он звонил ночью и не платил.", archetype="creep", lang="ru")
    fin, e4 = await share(repo, "Asiakas ei maksanut laskuaan.", lang="fi")
    for story, entry in ((published, e1), (creep, e3), (fin, e4)):
        await decide(db, entry.id, moderation.APPROVE)
        await publish(repo, story.id)

    async def ids(query: str | None, archetype: str | None = None) -> list[int]:
        page = await repo.search(G, archetype=archetype, query=query, limit=10, offset=0)
        return [s.id for s in page.stories]

    assert await ids("invoice") == [published.id]
    assert await ids("UNPAID") == [published.id]  # the title counts, case does not
    assert await ids("платил") == [creep.id]
    assert await ids("maksa") == [fin.id]  # a word's start finds its inflected forms
    assert await ids(None) == [fin.id, creep.id, published.id]
    assert await ids(None, "creep") == [creep.id]
    assert await ids("invoice", "creep") == []
    page = await repo.search(G, archetype=None, query=None, limit=1, offset=1)
    assert (page.total, page.more, page.capped) == (3, True, False)
    last = await repo.search(G, archetype=None, query=None, limit=1, offset=2)
    assert (last.total, last.more, [s.id for s in last.stories]) == (3, False, [published.id])


async def test_search_counts_matches_only_up_to_the_cap(db, monkeypatch):
    """Counting every match grew with the matches; past the cap the card pages on with "more" instead."""
    import parley.database.repositories.stories as stories_module

    monkeypatch.setattr(stories_module, "COUNT_CAP", 3)  # 5 match: counted up to 4, shown as "more than 3"
    repo = StoriesRepository(db)
    for n in range(5):
        story, entry = await share(repo, f"The invoice number {n} was never paid.", per_day=10)
        await decide(db, entry.id, moderation.APPROVE)
        await publish(repo, story.id, message_id=100 + n)
    first = await repo.search(G, archetype=None, query="invoice", limit=2, offset=0)
    assert (first.total, first.capped, first.more, len(first.stories)) == (3, True, True, 2)
    tail = await repo.search(G, archetype=None, query="invoice", limit=2, offset=4)
    assert (len(tail.stories), tail.more) == (1, False)


@pytest.mark.parametrize(
    "hostile",
    ['"', 'invoice" OR "x', "NEAR(invoice paid)", "invoice*", "title:invoice", "-invoice", "^invoice", "AND", "()"],
)
async def test_search_input_never_reaches_fts_as_syntax(db, hostile):
    repo = StoriesRepository(db)
    story, entry = await share(repo, "The client never paid the invoice.")
    await decide(db, entry.id, moderation.APPROVE)
    await publish(repo, story.id)
    page = await repo.search(G, archetype=None, query=hostile, limit=5, offset=0)  # must not raise
    assert page.total in (0, 1)
    query = fts5_query(hostile)
    # Outside the quoted keys only the grouping this code writes is left: parentheses, OR, AND and prefix stars.
    bare = re.sub(r'"[^"]*"', "", query or "")
    assert set(bare.replace("AND", "").replace("OR", "")) <= set("()* ")


async def test_the_index_follows_deletions_and_stays_consistent(db):
    repo = StoriesRepository(db)
    story, entry = await share(repo, "The client never paid the invoice.")
    await decide(db, entry.id, moderation.APPROVE)
    await publish(repo, story.id)
    await VotesRepository(db).cast(G, OTHER, "story", str(story.id), "up", NOW, resolve=_resolver)
    removed = await repo.remove(G, story.id, AUTHOR, NOW)
    assert removed.message_id == 99  # the caller deletes the post with this
    assert (await repo.search(G, archetype=None, query="invoice", limit=5, offset=0)).total == 0
    assert await db.fetchval("SELECT COUNT(*) FROM votes") == 0
    if db.dialect == "sqlite":  # FTS5's own consistency check (PostgreSQL's GIN index has no such shadow table)
        async with db.write() as tx:
            await tx.execute("INSERT INTO stories_fts (stories_fts, rank) VALUES ('integrity-check', 1)")


async def _resolver(reader, guild_id, item_id):
    return await StoriesRepository.vote_target(reader, guild_id, item_id)


async def test_votes_only_on_published_stories_and_never_ones_own(db):
    repo = StoriesRepository(db)
    story, entry = await share(repo, "Text.")
    votes = VotesRepository(db)
    with pytest.raises(NotFound):
        await votes.cast(G, OTHER, "story", str(story.id), "up", NOW, resolve=_resolver)
    await decide(db, entry.id, moderation.APPROVE)
    await publish(repo, story.id)
    result = await votes.cast(G, OTHER, "story", str(story.id), "up", NOW, resolve=_resolver)
    assert result.tally.up == 1
    with pytest.raises(SelfVote):
        await votes.cast(G, AUTHOR, "story", str(story.id), "up", NOW, resolve=_resolver)


async def test_metoo_toggles_and_refuses_the_author(db):
    repo = StoriesRepository(db)
    story, entry = await share(repo, "Text.")
    with pytest.raises(NotFound):
        await repo.toggle_metoo(G, story.id, OTHER)
    await decide(db, entry.id, moderation.APPROVE)
    await publish(repo, story.id)
    assert await repo.toggle_metoo(G, story.id, OTHER) == (True, 1)
    assert await repo.toggle_metoo(G, story.id, "c" * 32) == (True, 2)
    assert await repo.toggle_metoo(G, story.id, OTHER) == (False, 1)
    with pytest.raises(SelfVote):
        await repo.toggle_metoo(G, story.id, AUTHOR)
    assert await repo.metoo_counts([story.id, 12345]) == {story.id: 1, 12345: 0}


async def test_publishing_claim_is_exactly_once_across_processes(tmp_path):
    path = tmp_path / "shared.db"
    first = await Database.open(path)
    await first.migrate()
    second = await Database.open(path)
    try:
        repo = StoriesRepository(first)
        ids = []
        for n in range(10):
            story, entry = await share(repo, f"Story {n}.", per_day=10)
            await decide(first, entry.id, moderation.APPROVE)
            ids.append(story.id)
        other = StoriesRepository(second)
        due = [s.id for s in await repo.due(G, "2026-03-01T12:00:00Z")]
        assert sorted(due) == ids
        assert await repo.due(G, "2026-03-01T11:59:59Z") == []  # not before its slot
        claims = await asyncio.gather(*(r.claim(i, NOW) for i in ids for r in (repo, other)))
        assert sum(claims) == len(ids)  # each story claimed by exactly one of the two processes
        assert await repo.claim(ids[0], NOW) is False
        # a claimed story cannot be removed mid-post; a failed post gives it back
        with pytest.raises(BeingPublished):
            await repo.remove(G, ids[0], AUTHOR, NOW)
        await repo.unclaim(ids[0])
        assert await other.claim(ids[0], NOW)
        # a process that died holding claims: they become due again after the lease
        assert await repo.release_stale_claims("2026-03-01T10:00:01Z") == len(ids)
        assert len(await repo.due(G, "2026-03-01T12:00:00Z")) == len(ids)
    finally:
        await second.close()
        await first.close()


async def test_pending_before_lists_only_entries_older_than_the_cutoff(db):
    repo = StoriesRepository(db)
    _, old = await share(repo, "Old.")
    await repo.submit(
        G, AUTHOR, archetype="creep", lang="en", title=None, text="New.", day=DAY, now="2026-03-03T10:00:00Z", per_day=5
    )
    assert [e.id for e in await repo.pending_before("2026-03-03T09:00:00Z")] == [old.id]


async def test_purge_and_expiry_of_stories_left_alone(db):
    repo = StoriesRepository(db)
    _s1, e1 = await share(repo, "Rejected.")
    s2, e2 = await share(repo, "Sent back.")
    s3, e3 = await share(repo, "Published.")
    await decide(db, e1.id, moderation.REJECT, reason="unclear")
    await decide(db, e2.id, st.REQUEST_EDIT, note="Shorter, please.")
    await decide(db, e3.id, moderation.APPROVE)
    await publish(repo, s3.id)
    assert await repo.expire_changes_requested("2026-03-01", "2026-03-08") == 0
    assert await repo.expire_changes_requested("2026-03-02", "2026-03-08") == 1
    assert (await repo.get(G, s2.id)).status is st.StoryStatus.EXPIRED
    assert await repo.purge("2026-03-01", "2026-03-09") == 0
    assert await repo.purge("2026-03-09", "2026-03-09") == 2  # rejected + expired; published stays
    assert [s.id for s in await repo.mine(G, AUTHOR)] == [s3.id]
    assert await db.fetchval("SELECT COUNT(*) FROM story_shares") == 0  # past days' allowance rows went too


async def test_forget_member_erases_their_stories(db):
    repo = StoriesRepository(db)
    story, entry = await share(repo, "Mine.")
    await share(repo, "Theirs.", author=OTHER)
    gone = await repo.forget_member(G, AUTHOR, NOW)
    assert [s.id for s in gone] == [story.id]
    assert await repo.count_mine(G, AUTHOR) == 0 and await repo.count_mine(G, OTHER) == 1
    assert (await QueueRepository(db).get(G, entry.id)).status is moderation.QueueStatus.WITHDRAWN
    exported = await repo.export_member(G, OTHER)
    assert [e["text"] for e in exported] == ["Theirs."]


async def test_stories_published_before_stems_get_them_and_become_findable_by_inflection(db):
    repo = StoriesRepository(db)
    story, entry = await share(repo, "The client never replied to the invoice.")
    await decide(db, entry.id, moderation.APPROVE)
    await publish(repo, story.id)
    assert (await repo.search(G, archetype=None, query="replies", limit=5, offset=0)).total == 1
    # as a story published before migration 0011 is: no stems, indexed with an empty stems column
    async with db.write() as tx:
        await tx.execute("UPDATE stories SET search_terms = NULL WHERE id = ?", (story.id,))
    assert (await repo.search(G, archetype=None, query="replies", limit=5, offset=0)).total == 0
    assert (await repo.search(G, archetype=None, query="repli", limit=5, offset=0)).total == 1  # words still work
    assert await repo.index_missing_terms() == 1
    assert await repo.index_missing_terms() == 0
    assert (await repo.search(G, archetype=None, query="replies", limit=5, offset=0)).total == 1
    if db.dialect == "sqlite":  # FTS5's own consistency check (PostgreSQL's GIN index has no such shadow table)
        async with db.write() as tx:
            await tx.execute("INSERT INTO stories_fts (stories_fts, rank) VALUES ('integrity-check', 1)")
