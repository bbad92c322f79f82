"""Contention: 50 concurrent writers in three processes' worth of connections, plus online backups.

No DatabaseBusy may reach a member (busy_timeout and the backend's serialisation absorb the waiting), every write
lands, every backup verifies, and the WAL is checkpointed and stays bounded.
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from pathlib import Path

from parley.database import Database
from parley.database.repositories.votes import VotesRepository
from parley.domain.errors import DatabaseBusy
from parley.domain.votes import VoteTarget
from tests.reliability.conftest import crowd

ROOT = Path(__file__).resolve().parents[2]
GUILD = 777
PRESSES = 20
# SQLite checkpoints at 1000 pages by default; a bounded WAL stays within a few times that.
WAL_BOUND = 16 * 2**20


async def any_advice(reader: object, guild_id: int, item_id: str) -> VoteTarget | None:
    return VoteTarget("advice", item_id)


def wal_size(db: Path) -> int:
    wal = db.with_name(db.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


async def test_fifty_writers_three_connections_and_backups(tmp_path):
    path = tmp_path / "parley.db"
    bots = [await Database.open(path) for _ in range(3)]  # three bot processes (shards) on one file
    await bots[0].migrate()
    wal_peak = 0

    async def writer(n: int) -> None:
        repo = VotesRepository(bots[n % 3])
        for press in range(PRESSES):
            # Distinct (item, member) per press: every one is a new row, so the count below is exact.
            await repo.cast(
                GUILD,
                f"{n:04d}".ljust(32, "k"),
                "advice",
                f"item.i{press}",
                "up",
                "2026-01-01T00:00:00Z",
                resolve=any_advice,
            )

    async def backups() -> list[bool]:
        results = []
        for k in range(3):
            results.append((await bots[k].backup(tmp_path / f"copy{k}.db")).ok)
        return results

    async def watch_wal() -> None:
        nonlocal wal_peak
        while True:
            wal_peak = max(wal_peak, wal_size(path))
            await asyncio.sleep(0.005)

    # An admin also runs `python -m parley backup` from another process meanwhile.
    cli = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "backup",
        str(tmp_path / "cli-copy.db"),
        cwd=ROOT,
        env={**__import__("os").environ, "PARLEY_DB_PATH": str(path), "PARLEY_SECRET": "x" * 40},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    watcher = asyncio.create_task(watch_wal())
    try:
        outcome = await asyncio.gather(*(writer(n) for n in range(50)), backups(), return_exceptions=True)
        _, err = await cli.communicate()
    finally:
        watcher.cancel()
    busy = [o for o in outcome if isinstance(o, DatabaseBusy)]
    failures = [o for o in outcome if isinstance(o, BaseException)]
    assert not busy, f"{len(busy)} writers saw 'database is locked'"
    assert not failures, failures
    assert outcome[-1] == [True, True, True]
    assert cli.returncode == 0, err.decode()[-500:]
    assert await bots[1].fetchval("SELECT COUNT(*) FROM votes WHERE guild_id = ?", (GUILD,)) == 50 * PRESSES
    for k in range(3):
        copy = sqlite3.connect(tmp_path / f"copy{k}.db")
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        copy.close()
    # Checkpointed: with the writers done, a passive checkpoint copies every WAL frame back (busy = 0).
    busy_flag, log_frames, done = await _checkpoint(path)
    assert busy_flag == 0 and log_frames == done
    assert wal_peak <= WAL_BOUND, f"the WAL grew to {wal_peak / 2**20:.1f} MiB"
    for db in bots:
        await db.close()
    assert wal_size(path) == 0, "the last connection to close should fold the WAL into the database"


async def _checkpoint(path: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    finally:
        conn.close()
    return int(row[0]), int(row[1]), int(row[2])


async def test_fifty_members_voting_during_foreign_writes_and_backup_never_see_busy(open_parley, db_path, tmp_path):
    async with open_parley(crowd(50), validate=False) as s:
        names = [f"m{i:03d}" for i in range(50)]
        browse = await s.burst([s.command_action(m, "advice browse", type="non_payer") for m in names])
        assert not browse.problems, browse.problems[:3]
        other = await Database.open(db_path)  # another process hammering the same file
        stop = asyncio.Event()

        async def foreign_writes() -> int:
            repo, n = VotesRepository(other), 0
            while not stop.is_set():
                await repo.cast(
                    1, f"{n:05d}".ljust(32, "o"), "advice", "item.x", "up", "2026-01-01T00:00:00Z", resolve=any_advice
                )
                n += 1
                await asyncio.sleep(0)
            return n

        task = asyncio.create_task(foreign_writes())
        backup = asyncio.create_task(other.backup(tmp_path / "during.db"))
        try:
            votes = await s.burst([s.click_action(m, "Helpful") for m in names])
        finally:
            stop.set()
            written = await task
            assert (await backup).ok
            await other.close()
        assert written > 0
        assert not votes.problems, votes.problems[:3]
        cards = [s.last_message(name) for name in names]
        assert not [c.text for c in cards if "Parley is busy" in c.text]
        # Every card was updated in place with the member's vote counted (50 members pressed the same item).
        assert all(
            any(b.text.startswith("👍 Helpful · ") and b.text != "👍 Helpful · 0" for b in c.buttons) for c in cards
        )
