"""Votes: 200 members voting at once through Parley's voting service, beside the anchors A2 and A4.

A2 is a whole vote (the member's votes on the item, the insert, the tally: VotesRepository.cast's statements) in
plain sqlite3, one
commit per vote; A4 is the same with 200 votes per commit. All run on fresh files in the same temporary directory
(same file system), in WAL with synchronous=NORMAL (what Parley's backend sets), in this process, one after the
other, after a gc.collect().
"""

from __future__ import annotations

import asyncio
import gc
import hashlib
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from parley.bench.sql import statement
from parley.bench.stats import ratio

GUILD = 424242
SECRET = b"bench-secret-for-member-keys-0123456789"
NOW = "2026-01-01T12:00:00Z"


def run(*, quick: bool, voters: int = 200) -> dict[str, Any]:
    """Time `voters` concurrent members pressing vote buttons, then the anchors on the same file system;
    alternately, `repeats` times, reporting the medians (a shared machine is noisy).

    A2 is the whole vote transaction in plain sqlite3 on one thread, a commit per vote: the floor of any design
    that commits each vote alone. A4 is the same statements, 200 votes per commit: the ceiling of group commit.
    A1, a single-row upsert per commit, skips the reads a vote needs; it is kept for reference only.
    """
    # 4 000 votes a run, five runs: one run of 2 000 took 50-70 ms, short enough for one noisy moment to move the
    # median by a third on a shared machine.
    presses, repeats = (5, 1) if quick else (20, 5)
    service_rates, a1_rates, a2_rates, a4_rates, exact, groups = [], [], [], [], True, []
    with tempfile.TemporaryDirectory(prefix="parley-bench-votes-") as tmp:
        for n in range(repeats):
            gc.collect()
            service = asyncio.run(_service(Path(tmp) / f"service{n}.db", voters, presses))
            gc.collect()
            a2 = anchor(Path(tmp) / f"a2-{n}.db", voters * presses, per_commit=1)
            a4 = anchor(Path(tmp) / f"a4-{n}.db", voters * presses, per_commit=200)
            raw = asyncio.run(_raw(Path(tmp) / f"raw{n}.db", voters * presses))
            service_rates.append(service["votes"] / service["seconds"])
            a2_rates.append(a2)
            a4_rates.append(a4)
            a1_rates.append(raw["commits"] / raw["seconds"])
            groups.append(service["groups"])
            exact = exact and service["exact"]
    votes_per_s = statistics.median(service_rates)
    a2_per_s, a4_per_s = statistics.median(a2_rates), statistics.median(a4_rates)
    return {
        "concurrent_voters": voters,
        "votes": voters * presses,
        "repeats": repeats,
        "votes_per_s": round(votes_per_s, 1),
        "a2_per_s": round(a2_per_s, 1),
        "a4_per_s": round(a4_per_s, 1),
        "vs_a2": ratio(votes_per_s, a2_per_s),
        "goal_vs_a2_min": 2.0,
        "vs_a4": ratio(votes_per_s, a4_per_s),
        "commits_per_run": int(statistics.median(groups)),
        "a1_upsert_commits_per_s": round(statistics.median(a1_rates), 1),
        "exact_tallies": exact,
        "synchronous": "NORMAL",
    }


def anchor(
    path: Path, votes: int, *, per_commit: int, guild: int = GUILD, fresh: bool = True, items: list[str] | None = None
) -> float:
    """Votes per second for the vote's own statements in plain sqlite3, one thread, `per_commit` votes per commit.

    On a fresh file migrated by Parley's migrations (so the tally triggers fire too), or on `path` as it is
    (fresh=False: the scale section's big database, voting on `items`, which carry its votes, as Parley's votes
    there do; the rows are deleted again afterwards).
    """
    if fresh:
        asyncio.run(_close(_migrated(path)))
    conn = sqlite3.connect(path, isolation_level=None)
    # Hashed like real voter keys (HMACs): each vote lands on its own page of the voter index, as Parley's do.
    run = time.time_ns()
    keys = [hashlib.sha256(f"a{per_commit}-{run}-{n}".encode()).hexdigest()[:40] for n in range(votes)]
    items = items or [f"anchor.item_{n}" for n in range(20)]
    try:
        conn.execute("PRAGMA synchronous = NORMAL")
        current, insert = statement("vote_current"), statement("vote_insert")
        tally = statement("vote_tally")
        started = time.perf_counter()
        for start in range(0, votes, per_commit):
            conn.execute("BEGIN IMMEDIATE")
            for n in range(start, min(start + per_commit, votes)):
                item = items[n % len(items)]
                conn.execute(current, (guild, "advice", item, keys[n])).fetchall()
                conn.execute(insert, (guild, "advice", item, "helpful", keys[n], "up", NOW))
                conn.execute(tally, (guild, "advice", item)).fetchall()
            conn.execute("COMMIT")
        seconds = time.perf_counter() - started
        if not fresh:
            conn.executemany(statement("vote_delete"), ((guild, items[n % len(items)], keys[n]) for n in range(votes)))
    finally:
        conn.close()
    return votes / seconds


async def _close(db: Any) -> None:
    await (await db).close()


async def _migrated(path: Path) -> Any:
    from parley.database import Database

    db = await Database.open(path)
    await db.migrate()
    return db


async def _service(path: Path, voters: int, rounds: int) -> dict[str, Any]:
    from parley.database.repositories.votes import VotesRepository
    from parley.domain.identity import Identity
    from parley.domain.votes import VoteTarget
    from parley.knowledge import load_knowledge

    knowledge = load_knowledge()
    items = [item.id for item in knowledge.all_items()][:20]
    identity = Identity(SECRET)
    keys = [identity.member_key(GUILD, 10_000 + n) for n in range(voters)]

    async def resolve(reader: Any, guild_id: int, item_id: str) -> VoteTarget | None:
        # What the vote buttons' advice resolver does: the item must exist in the knowledge base.
        try:
            knowledge.item(item_id)
        except KeyError:
            return None
        return VoteTarget("advice", item_id)

    db = await _migrated(path)
    try:
        repo = VotesRepository(db)
        groups_before = db.backend.group.groups

        async def member(n: int) -> None:
            for r in range(rounds):
                item = items[(n + r) % len(items)]
                await repo.cast(GUILD, keys[n], "advice", item, "up" if (n + r) % 3 else "down", NOW, resolve=resolve)

        started = time.perf_counter()
        await asyncio.gather(*(member(n) for n in range(voters)))
        seconds = time.perf_counter() - started
        # Every press was a first vote on its (item, member): the rows must be exactly the presses.
        groups = db.backend.group.groups - groups_before
        # Every press was a first vote on its (item, member): the rows, and the tallies kept by the triggers,
        # must be exactly the presses.
        stored = await db.fetchval(statement("count_votes"), (GUILD, "advice"))
        tallied = await db.fetchval(statement("sum_tallies"), (GUILD, "advice"))
    finally:
        await db.close()
    exact = stored == tallied == voters * rounds
    return {"votes": voters * rounds, "seconds": seconds, "exact": exact, "groups": groups}


async def _raw(path: Path, commits: int) -> dict[str, Any]:
    db = await _migrated(path)  # the same schema as Parley's, built by Parley's migrations
    await db.close()
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA synchronous = NORMAL")
        upsert = statement("raw_vote_upsert")
        started = time.perf_counter()
        for n in range(commits):
            conn.execute(upsert, (GUILD, "advice", f"item.n{n % 50}", "helpful", f"{n:032d}", "up", NOW))
            conn.commit()
        seconds = time.perf_counter() - started
    finally:
        conn.close()
    return {"commits": commits, "seconds": seconds}
