"""tests/stories/test_repository.py on PostgreSQL, plus its two SQLite-only tests in PostgreSQL form."""

from __future__ import annotations

import asyncio

import pytest

from parley.database import Database
from parley.database.repositories.stories import StoriesRepository
from parley.domain import moderation
from tests.stories.test_repository import *  # noqa: F403 - every test of that module, collected again here
from tests.stories.test_repository import AUTHOR, NOW, G, decide, publish, share


@pytest.fixture
def db(postgres_db: Database) -> Database:
    """The module's database, on PostgreSQL."""
    return postgres_db


async def test_the_index_follows_deletions_and_stays_consistent(db):
    """PostgreSQL form: no FTS5 table to check; the GIN index is used, and a removed story is no longer found."""
    repo = StoriesRepository(db)
    story, entry = await share(repo, "The client never paid the invoice.")
    await decide(db, entry.id, moderation.APPROVE)
    await publish(repo, story.id)
    assert (await repo.search(G, archetype=None, query="invoic", limit=5, offset=0)).total == 1
    plan: list = []

    class Undo(Exception):
        pass

    with pytest.raises(Undo):
        async with db.write() as tx:
            # A tiny table: take the planner's cheaper choices away (rolled back) to see it CAN use the GIN index.
            await tx.execute("DROP INDEX stories_published")
            await tx.execute("SET LOCAL enable_seqscan = off")
            plan = await tx.fetchall(
                "EXPLAIN SELECT id FROM stories s WHERE s.status = 'published' AND "
                "to_tsvector('simple', coalesce(s.title, '') || ' ' || coalesce(s.text, '')) "
                "@@ to_tsquery('simple', 'x')"
            )
            raise Undo
    assert any("stories_search" in row[0] for row in plan)
    await repo.remove(G, story.id, AUTHOR, NOW)
    assert (await repo.search(G, archetype=None, query="invoice", limit=5, offset=0)).total == 0


async def test_publishing_claim_is_exactly_once_across_processes(postgres_db: Database, postgres_db_url: str):
    """Two bot processes on one PostgreSQL database: every due story is claimed (then posted) by exactly one."""
    second = await Database.connect(postgres_db_url)
    try:
        repo, other = StoriesRepository(postgres_db), StoriesRepository(second)
        ids = []
        for n in range(10):
            story, entry = await share(repo, f"Story {n}.", per_day=10)
            await decide(postgres_db, entry.id, moderation.APPROVE)
            ids.append(story.id)
        assert sorted(s.id for s in await other.due(G, "2026-03-01T12:00:00Z")) == ids
        claims = await asyncio.gather(*(r.claim(i, NOW) for i in ids for r in (repo, other) for _ in range(3)))
        assert sum(claims) == len(ids)
        assert await other.claim(ids[0], NOW) is False
    finally:
        await second.close()
