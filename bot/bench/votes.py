"""Votes: 200 members voting at once through Parley's voting service, beside plain sqlite3 upserts + commits.

Both run on fresh files in the same temporary directory (same file system), in WAL with synchronous=NORMAL (what
Parley's backend sets), in this process, one after the other.
"""

from __future__ import annotations

import asyncio
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
    """Time `voters` concurrent members pressing vote buttons, then the raw baseline on the same file system;
    alternately, `repeats` times, reporting the medians (a shared machine is noisy)."""
    presses, repeats = (5, 1) if quick else (10, 3)
    service_rates, raw_rates, exact = [], [], True
    with tempfile.TemporaryDirectory(prefix="parley-bench-votes-") as tmp:
        for n in range(repeats):
            service = asyncio.run(_service(Path(tmp) / f"service{n}.db", voters, presses))
            raw = asyncio.run(_raw(Path(tmp) / f"raw{n}.db", voters * presses))
            service_rates.append(service["votes"] / service["seconds"])
            raw_rates.append(raw["commits"] / raw["seconds"])
            exact = exact and service["exact"]
    votes_per_s, raw_per_s = statistics.median(service_rates), statistics.median(raw_rates)
    return {
        "concurrent_voters": voters,
        "votes": voters * presses,
        "repeats": repeats,
        "votes_per_s": round(votes_per_s, 1),
        "raw_sqlite_commits_per_s": round(raw_per_s, 1),
        "ratio": ratio(votes_per_s, raw_per_s),
        "goal_ratio_min": 0.5,
        "exact_tallies": exact,
        "synchronous": "NORMAL",
    }


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

        async def member(n: int) -> None:
            for r in range(rounds):
                item = items[(n + r) % len(items)]
                await repo.cast(GUILD, keys[n], "advice", item, "up" if (n + r) % 3 else "down", NOW, resolve=resolve)

        started = time.perf_counter()
        await asyncio.gather(*(member(n) for n in range(voters)))
        seconds = time.perf_counter() - started
        # Every press was a first vote on its (item, member): the rows must be exactly the presses.
        stored = await db.fetchval(statement("count_votes"), (GUILD, "advice"))
    finally:
        await db.close()
    return {"votes": voters * rounds, "seconds": seconds, "exact": stored == voters * rounds}


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
