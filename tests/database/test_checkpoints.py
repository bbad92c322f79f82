"""WAL checkpoints off the writer: committed rows reach the database file while the bot runs, and none is lost."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from pathlib import Path

from parley.database import Database
from parley.database.repositories.votes import VotesRepository
from parley.database.sqlite import CHECKPOINT_EVERY
from parley.domain.votes import VoteTarget

GUILD = 77


async def _settled(db: Database) -> None:
    """Let a background checkpoint that is running finish (it runs on its own thread; it never raises)."""
    running = db.backend._checkpoint  # type: ignore[attr-defined]
    if running is not None:
        await running


def _rows_in_file_alone(db_path: Path, tmp_path: Path, sql: str) -> list[tuple[object, ...]]:
    """What the main database file holds without its WAL (a copy of the file alone, opened read-only)."""
    copy = tmp_path / "file-alone.db"
    shutil.copyfile(db_path, copy)
    conn = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


async def test_committed_writes_reach_the_database_file_while_it_stays_open(tmp_path):
    path = tmp_path / "parley.db"
    async with await Database.open(path) as db:
        async with db.write() as tx:
            await tx.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        # Nothing was checkpointed yet: the table lives in the WAL only.
        assert _rows_in_file_alone(path, tmp_path, "SELECT name FROM sqlite_master WHERE name = 'items'") == []

        async def insert(n: int) -> int:
            async def fn(tx):  # type: ignore[no-untyped-def]
                return await tx.execute("INSERT INTO items (id, name) VALUES (?, ?)", (n, f"item {n}"))

            return await db.run_write(fn)  # type: ignore[no-any-return]

        for n in range(1, CHECKPOINT_EVERY + 1):  # one commit each (awaited one after the other)
            assert await insert(n) == 1
        await _settled(db)
        # A checkpoint ran beside the writer and copied every commit so far into the file itself.
        # (The table's own commit counts too; the last insert may have committed before the copy began.)
        in_file = [row[0] for row in _rows_in_file_alone(path, tmp_path, "SELECT id FROM items ORDER BY id")]
        assert in_file in (list(range(1, CHECKPOINT_EVERY)), list(range(1, CHECKPOINT_EVERY + 1)))
        # Writes go on, through the writer and the readers, as before.
        assert await insert(99) == 1
        assert await db.fetchval("SELECT count(*) FROM items") == CHECKPOINT_EVERY + 1
    # The close checkpoints the rest (and waits for a background checkpoint first).
    assert not (tmp_path / "parley.db-wal").exists() or (tmp_path / "parley.db-wal").stat().st_size == 0
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT count(*) FROM items").fetchone()[0] == CHECKPOINT_EVERY + 1
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


async def test_concurrent_votes_stay_exact_with_checkpoints_beside_them(tmp_path):
    path = tmp_path / "parley.db"
    voters = [f"{n:040d}" for n in range(120)]
    items = [f"guide.item_{n}" for n in range(7)]

    async def resolve(reader, guild_id, item_id):  # type: ignore[no-untyped-def]
        return VoteTarget("advice", item_id)

    async with await Database.open(path) as db:
        await db.migrate()
        repo = VotesRepository(db)

        async def member(n: int) -> None:
            for r in range(5):
                item = items[(n + r) % len(items)]
                await repo.cast(GUILD, voters[n], "advice", item, "up" if n % 4 else "down", "t", resolve=resolve)

        await asyncio.gather(*(member(n) for n in range(len(voters))))
        await _settled(db)
        assert db.backend.checkpoints >= 1  # type: ignore[attr-defined]
        tallies = await repo.tallies(GUILD, "advice", items)
        assert sum(t.votes for t in tallies.values()) == len(voters) * 5
        assert sum(t.down for t in tallies.values()) == 5 * len([n for n in range(len(voters)) if n % 4 == 0])
        # A member's erasure still takes their votes (and the counts) along.
        assert await repo.forget_member(GUILD, voters[0]) == 5
        assert sum(t.votes for t in (await repo.tallies(GUILD, "advice", items)).values()) == len(voters) * 5 - 5
    conn = sqlite3.connect(path)
    try:
        stored = conn.execute("SELECT count(*) FROM votes WHERE guild_id = ?", (GUILD,)).fetchone()[0]
        counted = conn.execute("SELECT sum(n) FROM vote_tallies WHERE guild_id = ?", (GUILD,)).fetchone()[0]
        assert stored == counted == len(voters) * 5 - 5
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
