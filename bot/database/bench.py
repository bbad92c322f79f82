"""Vote throughput on a backend: how many vote transactions per second it commits (for `bench` and the README).

Two workloads, each with N concurrent writers (asyncio tasks; on PostgreSQL optionally spread over several
Database objects, i.e. bot processes):
- `upsert`: one `INSERT ... ON CONFLICT DO UPDATE` per transaction (the vote row alone);
- `cast`: VotesRepository.cast, the real thing: read the member's vote, upsert or delete, count the tally.
Votes go to a fresh guild id per run, spread over 20 items; every run checks the final row count is exact.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from parley.database.core import Database

__all__ = ["VoteBench", "measure_votes"]

_ITEMS = 20


@dataclass(frozen=True, slots=True)
class VoteBench:
    """One measurement."""

    dialect: str
    workload: str
    writers: int
    processes: int
    votes: int
    seconds: float
    keyed: bool

    @property
    def per_second(self) -> float:
        """Committed vote transactions per second."""
        return self.votes / self.seconds if self.seconds else 0.0


async def measure_votes(
    dbs: list[Database], *, workload: str = "cast", writers: int = 50, votes: int = 2000, keyed: bool = False
) -> VoteBench:
    """Cast `votes` distinct votes with `writers` concurrent tasks spread over `dbs`; check the count is exact."""
    from parley.database.repositories.votes import VotesRepository
    from parley.domain.votes import VoteTarget

    guild = time.time_ns() // 1000

    async def target(reader: object, guild_id: int, item_id: str) -> VoteTarget:
        return VoteTarget("advice", item_id)

    async def upsert(db: Database, n: int) -> None:
        async with db.write() as tx:
            if keyed:
                await tx.lock("votes", guild, n % _ITEMS)  # type: ignore[attr-defined]
            await tx.execute(
                "INSERT INTO votes (guild_id, kind, item_id, axis, voter_key, value, voted_at) "
                "VALUES (?, 'advice', ?, 'helpful', ?, 'up', '2026-01-01T00:00:00Z') "
                "ON CONFLICT (guild_id, kind, item_id, axis, voter_key) "
                "DO UPDATE SET value = excluded.value, voted_at = excluded.voted_at",
                (guild, f"item.{n % _ITEMS}", f"{n:032d}"),
            )

    async def cast(db: Database, n: int) -> None:
        await VotesRepository(db).cast(
            guild, f"{n:032d}", "advice", f"item.{n % _ITEMS}", "up", "2026-01-01T00:00:00Z", resolve=target
        )

    work = upsert if workload == "upsert" else cast
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(votes):
        queue.put_nowait(n)

    async def writer(db: Database) -> None:
        while not queue.empty():
            await work(db, queue.get_nowait())

    started = time.perf_counter()
    await asyncio.gather(*(writer(dbs[i % len(dbs)]) for i in range(writers)))
    seconds = time.perf_counter() - started
    stored = await dbs[0].fetchval("SELECT count(*) FROM votes WHERE guild_id = ?", (guild,))
    if stored != votes:
        raise AssertionError(f"{stored} votes stored for {votes} cast")
    return VoteBench(dbs[0].dialect, workload, writers, len(dbs), votes, seconds, keyed)
