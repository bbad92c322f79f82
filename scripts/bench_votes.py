"""Vote throughput on SQLite and, when PARLEY_TEST_POSTGRES_URL is set, PostgreSQL; prints one JSON line per run.

python scripts/bench_votes.py                                   # SQLite only
PARLEY_PG_DURABLE=1 scripts/with-postgres.sh python scripts/bench_votes.py   # both, durable PostgreSQL
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from parley.database import Database
from parley.database.bench import measure_votes
from parley.database.testing import drop_schema, with_schema

VOTES = int(os.environ.get("BENCH_VOTES", "3000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))  # the median of this many runs: a shared machine is noisy
# "off" gives PostgreSQL SQLite's WAL + synchronous=NORMAL guarantee: an OS crash may lose the last commits.
PG_SYNC = os.environ.get("BENCH_PG_SYNC", "on")


async def median(dbs, **kw):
    runs = sorted([await measure_votes(dbs, votes=VOTES, **kw) for _ in range(REPEAT)], key=lambda r: r.per_second)
    return runs[len(runs) // 2]


def show(result, **extra) -> None:
    print(
        json.dumps(
            {
                "dialect": result.dialect,
                "workload": result.workload,
                "writers": result.writers,
                "processes": result.processes,
                "keyed": result.keyed,
                "votes": result.votes,
                "votes_per_s": round(result.per_second),
                **extra,
            }
        ),
        flush=True,
    )


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = await Database.connect(str(Path(tmp) / "bench.db"))
        await db.migrate()
        for workload in ("upsert", "cast"):
            for writers in (1, 50):
                show(await median([db], workload=workload, writers=writers), synchronous="NORMAL (WAL)")
        await db.close()
    base = os.environ.get("PARLEY_TEST_POSTGRES_URL")
    if not base:
        return
    url = with_schema(base, f"bench_{secrets.token_hex(4)}") + f"&synchronous_commit={PG_SYNC}"
    dbs = [await Database.connect(url) for _ in range(2)]
    try:
        await dbs[0].migrate()
        sync = {"synchronous_commit": PG_SYNC}
        for workload in ("upsert", "cast"):
            for writers in (1, 50):
                show(await median(dbs[:1], workload=workload, writers=writers), **sync)
            show(await median(dbs, workload=workload, writers=50), **sync)
        show(await median(dbs[:1], workload="upsert", writers=50, keyed=True), **sync)
        show(await median(dbs, workload="upsert", writers=50, keyed=True), **sync)
    finally:
        for db in dbs:
            await db.close()
        await drop_schema(url)


if __name__ == "__main__":
    asyncio.run(main())
