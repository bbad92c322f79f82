"""The server_advice table on a real database: all-or-nothing imports within the limit, replace by id, removal
with the votes, the vote target, and one server never seeing another's items."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from types import MappingProxyType

import pytest

from parley.database import Database
from parley.database.repositories.content import ContentRepository, TooManyItems
from parley.knowledge.server_items import ServerItem

GUILD, OTHER = 10, 20
NOW = "2026-12-07T12:00:00"


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "parley.db", busy_timeout_ms=2000)
    await database.migrate()
    try:
        yield database
    finally:
        await database.close()


def item(slug: str, text: str = "Ask for a deposit.", archetypes: tuple[str, ...] = ("non_payer",)) -> ServerItem:
    return ServerItem(slug=slug, archetypes=archetypes, text=MappingProxyType({"en": text}), source="Us")


async def test_import_replaces_by_id_keeps_order_and_stays_in_its_server(db):
    repo = ContentRepository(db)
    first = await repo.import_items(GUILD, [item("a"), item("b", archetypes=("creep", "abusive"))], NOW)
    assert (first.added, first.replaced) == (2, 0)
    again = await repo.import_items(GUILD, [item("b", "Changed."), item("c")], NOW)
    assert (again.added, again.replaced) == (1, 1)
    stored = await repo.items(GUILD)
    assert [(i.slug, i.text["en"]) for i in stored] == [
        ("a", "Ask for a deposit."),
        ("b", "Changed."),
        ("c", "Ask for a deposit."),
    ]
    assert [i.slug for i in await repo.items(GUILD, archetype="creep")] == []  # b now serves non_payer only
    assert await repo.items(OTHER) == []


async def test_past_the_limit_nothing_is_stored(db):
    repo = ContentRepository(db)
    await repo.import_items(GUILD, [item(f"i{n}") for n in range(3)], NOW, limit=4)
    with pytest.raises(TooManyItems) as caught:
        await repo.import_items(GUILD, [item("i0", "Changed."), item("x"), item("y")], NOW, limit=4)
    assert caught.value.params == {"count": 5, "limit": 4}
    stored = await repo.items(GUILD)
    assert [i.slug for i in stored] == ["i0", "i1", "i2"] and stored[0].text["en"] == "Ask for a deposit."


async def test_removal_takes_the_votes_and_the_vote_target_along(db):
    repo = ContentRepository(db)
    await repo.import_items(GUILD, [item("a")], NOW)
    assert (await repo.vote_target(db, GUILD, "server.a")).item_id == "server.a"
    assert await repo.vote_target(db, OTHER, "server.a") is None
    assert await repo.vote_target(db, GUILD, "non_payer.start_friendly") is None
    async with db.write() as tx:
        await tx.execute(
            "INSERT INTO votes (guild_id, kind, item_id, axis, voter_key, value, voted_at) "
            "VALUES (?, 'advice', 'server.a', 'helpful', ?, 'up', ?)",
            (GUILD, "k" * 32, NOW),
        )
    assert await repo.remove(GUILD, "a") is True
    assert await db.fetchval("SELECT COUNT(*) FROM votes WHERE item_id = 'server.a'") == 0
    assert await repo.remove(GUILD, "a") is False
    assert await repo.vote_target(db, GUILD, "server.a") is None
