"""A group's presses run as a set on SQLite (one multi-row INSERT for the first votes): the same answers as one
press after the other, refusals and surprises kept to their own press, and the INSERT's read by primary key."""

from __future__ import annotations

import asyncio
import random

import pytest

from parley.database.repositories import votes as votes_module
from parley.database.repositories.votes import VotesRepository
from parley.domain.errors import NotFound
from parley.domain.votes import Change, MemberVote, SelfVote, Tally, VoteTarget, apply, press

GUILD = 42
NOW = "2026-03-01T12:00:00Z"
ADVICE = ["non_payer.start_friendly", "creep.keep_it_written", "ghost.follow_up"]
STORY = "17"
AUTHOR = "a".rjust(32, "k")


def key(n: int | str) -> str:
    return f"{n}".rjust(32, "k")


async def resolve(reader, guild_id: int, item_id: str) -> VoteTarget | None:
    if item_id == STORY:
        return VoteTarget("story", item_id, author_key=AUTHOR)
    return VoteTarget("advice", item_id) if item_id in ADVICE else None


@pytest.fixture
def batches(monkeypatch):
    """How many presses each call of the set path got (it must be the path the presses take)."""
    sizes: list[int] = []
    run = votes_module._Press.batch

    async def counted(tx, presses):
        sizes.append(len(presses))
        return await run(tx, presses)

    monkeypatch.setattr(votes_module._Press, "batch", staticmethod(counted))
    return sizes


def model_press(state: dict, tallies: dict, member: str, kind: str, item: str, value: str):
    """One press applied to a plain model: the member's votes on the item after it, and the transition."""
    axis = "helpful" if value in ("up", "down") else "outcome"
    mine = state.setdefault((member, kind, item), {"helpful": None, "outcome": None})
    transition = press(mine[axis], value)
    mine[axis] = transition.after
    tallies[(kind, item)] = apply(tallies.get((kind, item), Tally()), transition)
    return transition, MemberVote(mine["helpful"], mine["outcome"])


async def test_random_waves_match_one_press_after_the_other(db, batches):
    """Waves of concurrent presses (double clicks, changes, undos, both axes, two kinds): every press reports the
    transition and member votes that pressing in submission order gives, and the stored tallies are exact."""
    repo = VotesRepository(db)
    rng = random.Random(2112)
    state: dict = {}
    tallies: dict = {}
    for _ in range(6):
        wave = []
        for _ in range(150):
            member = key(rng.randrange(25))
            if rng.random() < 0.2:
                wave.append((member, "story", STORY, rng.choice(["up", "down"])))
            else:
                wave.append((member, "advice", rng.choice(ADVICE), rng.choice(["up", "down", "worked", "failed"])))
        expected = [model_press(state, tallies, *press_) for press_ in wave]
        results = await asyncio.gather(
            *(repo.cast(GUILD, m, kind, item, value, NOW, resolve=resolve) for m, kind, item, value in wave)
        )
        for (transition, mine), result in zip(expected, results, strict=True):
            assert (result.transition, result.mine) == (transition, mine)
        # Each press's tally is its item's count at some point of the wave: the last one reported per item is
        # not necessarily the final, but the stored tallies are.
        for (kind, item), tally in tallies.items():
            assert (await repo.tallies(GUILD, kind, [item]))[item] == tally
    assert max(batches) > 50  # the presses really ran as sets


async def test_tallies_each_press_reports_rise_one_by_one(db, batches):
    """150 first votes in one group: each reports a distinct count, 1 to 150, as if they ran one at a time."""
    repo = VotesRepository(db)
    results = await asyncio.gather(
        *(repo.cast(GUILD, key(n), "advice", ADVICE[0], "up", NOW, resolve=resolve) for n in range(150))
    )
    assert sorted(r.tally.up for r in results) == list(range(1, 151))
    assert all(r.transition.change is Change.CAST and r.mine == MemberVote("up") for r in results)


async def test_refusals_in_a_set_write_nothing_and_spare_the_others(db, batches):
    repo = VotesRepository(db)
    presses = [
        repo.cast(GUILD, key(1), "advice", "gone.item", "up", NOW, resolve=resolve),
        repo.cast(GUILD, AUTHOR, "story", STORY, "up", NOW, resolve=resolve),  # the author on their own story
        repo.cast(GUILD, key(2), "story", STORY, "up", NOW, resolve=resolve),
        repo.cast(GUILD, key(3), "advice", ADVICE[1], "worked", NOW, resolve=resolve),
    ]
    gone, own, story, advice = await asyncio.gather(*presses, return_exceptions=True)
    assert isinstance(gone, NotFound) and isinstance(own, SelfVote)
    assert story.tally == Tally(up=1) and advice.tally == Tally(worked=1)
    assert await db.fetchval("SELECT COUNT(*) FROM votes") == 2


async def test_a_surprise_in_one_press_runs_the_group_again_press_by_press(db, batches):
    """A resolver failing with an unexpected error: that press alone gets it, the others are kept, exact."""
    repo = VotesRepository(db)

    async def broken(reader, guild_id, item_id):
        raise RuntimeError("a bug in one resolver")

    presses = [repo.cast(GUILD, key(n), "advice", ADVICE[0], "up", NOW, resolve=resolve) for n in range(40)]
    presses.insert(20, repo.cast(GUILD, key(99), "advice", ADVICE[0], "up", NOW, resolve=broken))
    results = await asyncio.gather(*presses, return_exceptions=True)
    assert isinstance(results[20], RuntimeError)
    assert sum(1 for r in results if not isinstance(r, Exception)) == 40
    assert (await repo.tallies(GUILD, "advice", [ADVICE[0]]))[ADVICE[0]] == Tally(up=40)


async def test_the_set_insert_reads_the_other_axis_by_primary_key(db):
    """Without the CASTs SQLite searched the other-axis vote by guild alone: every vote of the guild, per vote."""
    plan = await db.fetchall(
        "EXPLAIN QUERY PLAN " + votes_module._insert_many(2), [GUILD, "advice", "x", "helpful", key(1), "up", NOW] * 2
    )
    details = " ".join(row[3] for row in plan)
    assert "guild_id=? AND kind=? AND item_id=? AND axis=? AND voter_key=?" in details
