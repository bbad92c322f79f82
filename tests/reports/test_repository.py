"""Reports, corrections and lockdowns on a real database (SQLite here; tests/postgres runs them on PostgreSQL)."""

from __future__ import annotations

import pytest

from parley.database import Database
from parley.database.repositories.queue import QueueRepository
from parley.database.repositories.reports import CorrectionsRepository, LockdownRepository, ReportsRepository
from parley.database.repositories.stories import StoriesRepository
from parley.domain import moderation
from parley.domain.errors import NotFound
from parley.domain.reports import DISMISS, TAKE_DOWN, AlreadyReported, TooManyReports
from tests.stories.test_repository import AUTHOR, MOD, NOW, G, decide, publish, share

READER = "r" * 32
SINCE = "2026-03-01T09:00:00Z"


async def published(db: Database, text: str = "The client never paid the invoice.") -> int:
    repo = StoriesRepository(db)
    story, entry = await share(repo, text)
    await decide(db, entry.id, moderation.APPROVE)
    await publish(repo, story.id)
    return story.id


async def file(db: Database, story_id: int, reporter: str = READER, per_hour: int = 5):
    return await ReportsRepository(db).file(
        G, "story", story_id, reporter, "false", None, NOW, since=SINCE, per_hour=per_hour
    )


async def test_one_report_per_member_per_item_and_a_limit_per_hour(db):
    first = await published(db)
    report, entry = await file(db, first)
    assert entry.kind == "report" and entry.subject_id == report.id
    with pytest.raises(AlreadyReported):
        await file(db, first)
    second = await published(db, "Another client vanished with the files.")
    with pytest.raises(TooManyReports):
        await file(db, second, per_hour=1)
    assert await ReportsRepository(db).count_for(G, "story", first) == 1
    row = await db.fetchone("SELECT * FROM reports")
    assert row["reporter_key"] == READER and "author" not in row.keys()  # noqa: SIM118 - a Row, not a dict


async def test_take_down_erases_the_story_and_dismiss_leaves_it(db):
    kept, gone = await published(db), await published(db, "Second story about a client.")
    repo, queue = ReportsRepository(db), QueueRepository(db)
    _, keep_entry = await file(db, kept)
    _, down_entry = await file(db, gone)

    async def effect(tx, decision):
        await ReportsRepository.apply_decision(tx, decision, None)

    await queue.decide(G, keep_entry.id, DISMISS, MOD, NOW, effect=effect)
    await queue.decide(G, down_entry.id, TAKE_DOWN, MOD, NOW, effect=effect)
    assert (await repo.reported(G, "story", kept)).text is not None
    assert (await repo.reported(G, "story", gone)).text is None
    assert await db.fetchval("SELECT COUNT(*) FROM stories WHERE id = ?", (gone,)) == 0
    audit = await queue.audit(G)
    assert [a.action for a in audit[:2]] == ["take_down", "dismiss"]


async def test_a_correction_waits_on_the_row_and_replaces_the_text_once_approved(db):
    story_id = await published(db)
    corrections = CorrectionsRepository(db)
    entry = await corrections.request(G, story_id, AUTHOR, None, "The client paid in the end.", NOW)
    with pytest.raises(NotFound):  # only the author can ask
        await corrections.request(G, story_id, READER, None, "Not mine.", NOW)
    assert (await StoriesRepository(db).get(G, story_id)).text == "The client never paid the invoice."

    async def effect(tx, decision):
        await CorrectionsRepository.apply_decision(tx, decision)

    await QueueRepository(db).decide(G, entry.id, moderation.APPROVE, MOD, NOW, effect=effect)
    story = await StoriesRepository(db).get(G, story_id)
    assert story.text == "The client paid in the end." and await corrections.get(G, story_id) is None
    found = await StoriesRepository(db).search(G, archetype=None, query="paid", limit=5, offset=0)
    assert found.total == 1  # the search index follows the corrected text


async def test_lockdown_switches_once_each_way_and_is_audited(db):
    repo = LockdownRepository(db)
    assert not await repo.is_on(G)
    assert await repo.switch(G, True, MOD, NOW)
    assert not await repo.switch(G, True, MOD, NOW)
    assert await repo.is_on(G) and await repo.since(G) == NOW
    assert await repo.switch(G, False, MOD, NOW)
    assert not await repo.switch(G, False, MOD, NOW)
    audit = await QueueRepository(db).audit(G)
    assert [(a.action, a.kind, a.subject_id) for a in audit] == [
        ("lockdown_off", "server", G),
        ("lockdown_on", "server", G),
    ]
