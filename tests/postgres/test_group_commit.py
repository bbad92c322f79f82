"""Group commit (db.run_write) and the vote tallies kept by triggers, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

import asyncio
import random

import pytest

from parley.database import Database
from parley.database.group import drive
from parley.database.repositories.votes import VotesRepository
from parley.domain.errors import NotFound
from parley.domain.votes import MemberVote, Tally, VoteTarget

GUILD = 7
NOW = "2026-03-01T12:00:00Z"
ITEMS = ("non_payer.start_friendly", "creep.keep_it_written", "general.keep_records")


def key(n: int) -> str:
    return f"{n}".rjust(32, "g")


async def advice(reader, guild_id: int, item_id: str) -> VoteTarget | None:
    return VoteTarget("advice", item_id) if item_id in ITEMS else None


async def make_table(db: Database) -> None:
    async with db.write() as tx:
        await tx.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL UNIQUE)")


async def test_concurrent_writes_share_transactions_and_each_sees_its_own(any_db: Database) -> None:
    await make_table(any_db)

    def writer(n: int):
        async def fn(tx):
            await tx.execute("INSERT INTO notes (id, body) VALUES (?, ?)", (n, f"note {n}"))
            return await tx.fetchval("SELECT body FROM notes WHERE id = ?", (n,))

        return fn

    before = any_db.backend.group.groups
    bodies = await asyncio.gather(*(any_db.run_write(writer(n)) for n in range(1, 101)))
    assert bodies == [f"note {n}" for n in range(1, 101)]
    assert await any_db.fetchval("SELECT COUNT(*) FROM notes") == 100
    assert any_db.backend.group.groups - before < 100  # shared COMMITs
    assert await any_db.fetchval("SELECT COUNT(*) FROM notes") == 100  # answered after the COMMIT: visible


async def test_a_failing_write_is_undone_alone_and_raises_to_its_caller(any_db: Database) -> None:
    await make_table(any_db)

    def insert(n: int, body: str):
        async def fn(tx):
            await tx.execute("INSERT INTO notes (id, body) VALUES (?, ?)", (n, body))
            if body == "boom":
                raise ValueError("this caller's own error")
            return n

        return fn

    results = await asyncio.gather(
        any_db.run_write(insert(1, "one")),
        any_db.run_write(insert(2, "boom")),  # inserted, then raises: its row must go
        any_db.run_write(insert(3, "one")),  # UNIQUE violation: only this one fails
        any_db.run_write(insert(4, "four")),
        return_exceptions=True,
    )
    assert results[0] == 1 and results[3] == 4
    assert isinstance(results[1], ValueError)
    assert "UNIQUE" in str(results[2]).upper() or "unique" in str(results[2])
    rows = await any_db.fetchall("SELECT id FROM notes ORDER BY id")
    assert [r["id"] for r in rows] == [1, 4]


async def test_run_write_inside_write_is_refused(any_db: Database) -> None:
    async def fn(tx):
        return 1

    async with any_db.write() as tx:
        await tx.fetchval("SELECT 1")
        with pytest.raises(RuntimeError, match="already open"):
            await any_db.run_write(fn)


async def test_grouped_writes_may_not_control_the_transaction(any_db: Database) -> None:
    async def fn(tx):
        await tx.execute("COMMIT")

    with pytest.raises(RuntimeError):
        await any_db.run_write(fn)


def test_drive_refuses_a_coroutine_that_waits_on_something_else() -> None:
    async def sleeps():
        await asyncio.sleep(0)

    with pytest.raises(RuntimeError, match="awaited something other"):
        drive(sleeps())

    async def returns():
        return 5

    assert drive(returns()) == 5


async def test_tally_table_matches_the_votes_after_random_presses(any_db: Database) -> None:
    """Casts, undos and changes from many members at once: vote_tallies always equals a COUNT of the votes."""
    repo = VotesRepository(any_db)
    rng = random.Random(21)
    presses = [
        (key(rng.randrange(40)), rng.choice(ITEMS), rng.choice(("up", "down", "worked", "failed"))) for _ in range(400)
    ]
    await asyncio.gather(*(repo.cast(GUILD, v, "advice", i, val, NOW, resolve=advice) for v, i, val in presses))
    counted = await any_db.fetchall(
        "SELECT item_id, value, COUNT(*) AS n FROM votes WHERE guild_id = ? GROUP BY item_id, value ORDER BY 1, 2",
        (GUILD,),
    )
    kept = await any_db.fetchall(
        "SELECT item_id, value, n FROM vote_tallies WHERE guild_id = ? ORDER BY 1, 2", (GUILD,)
    )
    assert [tuple(r) for r in counted] == [tuple(r) for r in kept]
    assert await any_db.fetchval("SELECT COUNT(*) FROM vote_tallies WHERE n <= 0") == 0
    # Forgetting a member takes their votes out of the tallies in the same transaction.
    voter = presses[0][0]
    mine = await repo.export_member(GUILD, voter)
    before = await repo.all_tallies(GUILD, "advice")
    await repo.forget_member(GUILD, voter)
    after = await repo.all_tallies(GUILD, "advice")
    assert sum(t.votes for t in before.values()) - sum(t.votes for t in after.values()) == len(mine)


async def test_a_vote_on_a_missing_item_changes_nothing(any_db: Database) -> None:
    repo = VotesRepository(any_db)
    with pytest.raises(NotFound):
        await repo.cast(GUILD, key(1), "advice", "gone.item", "up", NOW, resolve=advice)
    result = await repo.cast(GUILD, key(1), "advice", ITEMS[0], "up", NOW, resolve=advice)
    assert result.tally == Tally(up=1)
    assert await any_db.fetchval("SELECT COUNT(*) FROM vote_tallies") == 1


async def test_each_voter_is_answered_after_the_commit_that_holds_their_vote(any_db: Database) -> None:
    """The moment a press returns, its vote is committed: another connection (the reader, or a pooled one on
    PostgreSQL, which sees only committed rows) already reads it, for every one of many concurrent voters."""
    repo = VotesRepository(any_db)

    async def vote_and_look(n: int) -> str | None:
        await repo.cast(GUILD, key(n), "advice", ITEMS[n % 3], "up" if n % 2 else "down", NOW, resolve=advice)
        return await any_db.fetchval(
            "SELECT value FROM votes WHERE guild_id = ? AND item_id = ? AND voter_key = ?",
            (GUILD, ITEMS[n % 3], key(n)),
        )

    seen = await asyncio.gather(*(vote_and_look(n) for n in range(150)))
    assert seen == ["up" if n % 2 else "down" for n in range(150)]


async def test_refused_votes_in_a_group_leave_the_others_and_their_counts_exact(any_db: Database) -> None:
    repo = VotesRepository(any_db)
    # Members who said "it worked" before: their first helpful vote reports that outcome vote too.
    for n in range(0, 60, 10):
        await repo.cast(GUILD, key(n), "advice", ITEMS[0], "worked", NOW, resolve=advice)

    async def press(n: int):
        item = "gone.item" if n % 7 == 0 else ITEMS[0]
        return await repo.cast(GUILD, key(n), "advice", item, "up", NOW, resolve=advice)

    results = await asyncio.gather(*(press(n) for n in range(60)), return_exceptions=True)
    refused = [n for n, r in enumerate(results) if isinstance(r, NotFound)]
    assert refused == [n for n in range(60) if n % 7 == 0]
    counted = [r for r in results if not isinstance(r, BaseException)]
    assert len(counted) == 60 - len(refused)
    # Each press reports the counts right after it: the up counts rise one by one, the outcome votes stay.
    assert sorted(r.tally.up for r in counted) == list(range(1, len(counted) + 1))
    assert {r.tally.worked for r in counted} == {6}
    for n, r in enumerate(results):
        if not isinstance(r, BaseException):
            assert r.mine == MemberVote("up", "worked" if n % 10 == 0 else None)
    assert (await repo.tallies(GUILD, "advice", [ITEMS[0]]))[ITEMS[0]] == Tally(up=len(counted), worked=6)


async def test_a_write_waiting_for_the_lock_gets_through_a_stream_of_votes(any_db: Database) -> None:
    """Votes that keep coming (each voter pressing again as soon as answered) never keep db.write() out."""
    await make_table(any_db)
    repo = VotesRepository(any_db)
    rounds_done: list[int] = []
    written_at: list[int] = []
    flowing = asyncio.Event()

    async def voter(n: int) -> None:
        for r in range(20):
            await repo.cast(GUILD, key(n), "advice", ITEMS[n % 3], "up", NOW, resolve=advice)
            if n == 0:
                rounds_done.append(r)
                if r == 2:
                    flowing.set()

    async def writer() -> None:
        await flowing.wait()
        async with any_db.write() as tx:
            await tx.execute("INSERT INTO notes (id, body) VALUES (?, ?)", (1, "through"))
        written_at.append(len(rounds_done))

    await asyncio.gather(writer(), *(voter(n) for n in range(300)))  # more than two full groups
    assert written_at and written_at[0] < 20  # it went in while the votes were still coming
    assert await any_db.fetchval("SELECT body FROM notes WHERE id = 1") == "through"
    # 20 presses each, alternately cast and undone: nothing is left.
    assert await any_db.fetchval("SELECT COUNT(*) FROM votes WHERE guild_id = ?", (GUILD,)) == 0
