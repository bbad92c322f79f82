"""The SQLite backend behind `Database`, on real files: transactions, pragmas, locking, concurrency, backup."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from parley.config import DatabaseConfig
from parley.database import ConstraintError, Database, DatabaseBusy, DatabaseError, DatabaseOpenError
from parley.domain import errors as domain_errors


async def make_table(db: Database) -> None:
    async with db.write() as tx:
        await tx.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)")


async def test_write_commits_on_success(db):
    await make_table(db)
    async with db.write() as tx:
        assert await tx.execute("INSERT INTO items (name) VALUES (?)", ("a",)) == 1
        assert await tx.executemany("INSERT INTO items (name) VALUES (?)", [("b",), ("c",)]) == 2
        # Reads inside the transaction see its own writes.
        assert await tx.fetchval("SELECT count(*) FROM items") == 3
        new_id = await tx.fetchval("INSERT INTO items (name) VALUES (?) RETURNING id", ("d",))
    assert new_id == 4
    rows = await db.fetchall("SELECT id, name FROM items ORDER BY id")
    assert [dict(r) for r in rows] == [
        {"id": 1, "name": "a"},
        {"id": 2, "name": "b"},
        {"id": 3, "name": "c"},
        {"id": 4, "name": "d"},
    ]
    assert (await db.fetchone("SELECT name FROM items WHERE id = ?", (2,)))["name"] == "b"
    assert await db.fetchone("SELECT name FROM items WHERE id = ?", (99,)) is None


async def test_write_rolls_back_on_exception(db):
    await make_table(db)

    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        async with db.write() as tx:
            await tx.execute("INSERT INTO items (name) VALUES ('kept?')")
            raise Boom
    assert await db.fetchval("SELECT count(*) FROM items") == 0
    # The connection is usable again afterwards.
    async with db.write() as tx:
        await tx.execute("INSERT INTO items (name) VALUES ('after')")
    assert await db.fetchval("SELECT name FROM items") == "after"


async def test_constraint_violation_is_backend_neutral_and_rolls_back(db):
    await make_table(db)
    with pytest.raises(ConstraintError, match="UNIQUE"):
        async with db.write() as tx:
            await tx.execute("INSERT INTO items (name) VALUES ('x')")
            await tx.execute("INSERT INTO items (name) VALUES ('x')")
    assert await db.fetchval("SELECT count(*) FROM items") == 0


async def test_foreign_keys_are_enforced(db):
    async with db.write() as tx:
        assert await tx.fetchval("PRAGMA foreign_keys") == 1
        await tx.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
        await tx.execute(
            "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id))"
        )
    assert await db.fetchval("PRAGMA foreign_keys") == 1
    with pytest.raises(ConstraintError, match="FOREIGN KEY"):
        async with db.write() as tx:
            await tx.execute("INSERT INTO child (parent_id) VALUES (42)")


async def test_wal_mode_and_pragmas(db, tmp_path):
    assert await db.fetchval("PRAGMA journal_mode") == "wal"
    async with db.write() as tx:
        assert await tx.fetchval("PRAGMA synchronous") == 1  # NORMAL
        assert await tx.fetchval("PRAGMA busy_timeout") == 2000
    assert (tmp_path / "parley.db-wal").exists()
    assert db.dialect == "sqlite" and db.location == str(tmp_path / "parley.db")


async def test_reads_are_read_only(db):
    with pytest.raises(DatabaseError, match="readonly"):
        await db.fetchall("CREATE TABLE sneaky (id INTEGER)")


async def test_busy_database_raises_database_busy(tmp_path):
    path = tmp_path / "busy.db"
    async with await Database.open(path, busy_timeout_ms=50) as db:
        await make_table(db)
        other = sqlite3.connect(path, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # another process holding the write lock
            with pytest.raises(DatabaseBusy, match="database is locked") as info:
                async with db.write() as tx:
                    await tx.execute("INSERT INTO items (name) VALUES ('blocked')")
            # The cogs' error chain answers it kindly as the domain's DatabaseBusy.
            assert isinstance(info.value, domain_errors.DatabaseBusy)
            assert info.value.msgid == domain_errors.DatabaseBusy.message
            # WAL: reads still work while someone else writes.
            assert await db.fetchval("SELECT count(*) FROM items") == 0
            other.execute("ROLLBACK")
        finally:
            other.close()
        async with db.write() as tx:
            await tx.execute("INSERT INTO items (name) VALUES ('later')")
        assert await db.fetchval("SELECT count(*) FROM items") == 1


async def test_fifty_concurrent_writers_all_land(db):
    async with db.write() as tx:
        await tx.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL)")
        await tx.execute("INSERT INTO counter (id, n) VALUES (1, 0)")
        await tx.execute("CREATE TABLE hits (writer INTEGER PRIMARY KEY)")

    async def writer(i: int) -> None:
        async with db.write() as tx:
            # Read-modify-write in Python: only correct if transactions never interleave.
            n = await tx.fetchval("SELECT n FROM counter WHERE id = 1")
            await asyncio.sleep(0)
            await tx.execute("UPDATE counter SET n = ? WHERE id = 1", (n + 1,))
            await tx.execute("INSERT INTO hits (writer) VALUES (?)", (i,))

    await asyncio.gather(*(writer(i) for i in range(50)))
    assert await db.fetchval("SELECT n FROM counter") == 50
    assert [r[0] for r in await db.fetchall("SELECT writer FROM hits ORDER BY writer")] == list(range(50))


async def test_nested_write_and_stale_tx_are_refused(db):
    await make_table(db)
    async with db.write() as tx:
        with pytest.raises(RuntimeError, match="already open in this task"):
            async with db.write():
                pass
        with pytest.raises(RuntimeError, match="do not run BEGIN/COMMIT/ROLLBACK"):
            await tx.execute("COMMIT")
        await tx.execute("INSERT INTO items (name) VALUES ('inside')")
    with pytest.raises(RuntimeError, match="this transaction has ended"):
        await tx.execute("INSERT INTO items (name) VALUES ('outside')")
    assert await db.fetchval("SELECT count(*) FROM items") == 1


async def test_unopenable_paths_get_a_clear_error(tmp_path):
    with pytest.raises(DatabaseOpenError) as info:
        await Database.open("/nonexistent/x.db")
    assert str(info.value) == "cannot open database at '/nonexistent/x.db': directory does not exist"
    with pytest.raises(DatabaseOpenError, match="it is a directory"):
        await Database.open(tmp_path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database, just some text long enough to have a header" * 20)
    with pytest.raises(DatabaseOpenError, match="not an SQLite database"):
        await Database.open(junk)
    with pytest.raises(DatabaseOpenError, match="no such file"):
        await Database.open(tmp_path / "absent.db", must_exist=True)
    assert not (tmp_path / "absent.db").exists()
    with pytest.raises(DatabaseOpenError, match="in-memory"):
        await Database.open(":memory:")


async def test_from_config_opens_postgres_or_sqlite(tmp_path):
    # A PostgreSQL url selects the PostgreSQL backend (nothing listens on port 1, so opening fails clearly).
    with pytest.raises(DatabaseOpenError, match="cannot open database"):
        await Database.from_config(DatabaseConfig(url="postgresql://parley@127.0.0.1:1/parley"))
    async with await Database.from_config(DatabaseConfig(path=str(tmp_path / "c.db"), busy_timeout_ms=123)) as db:
        assert await db.fetchval("PRAGMA busy_timeout") == 123


async def test_close_is_idempotent_and_final(tmp_path):
    db = await Database.open(tmp_path / "c.db")
    await db.close()
    await db.close()
    with pytest.raises(DatabaseError, match="closed"):
        await db.fetchval("SELECT 1")
    with pytest.raises(DatabaseError, match="closed"):
        async with db.write():
            pass


async def test_backup_of_a_live_database_passes_integrity_check(db, tmp_path):
    async with db.write() as tx:
        await tx.execute("CREATE TABLE pairs (id INTEGER PRIMARY KEY, half INTEGER NOT NULL)")
    stop = asyncio.Event()
    warmed_up = asyncio.Event()

    async def keep_writing() -> int:
        # Each transaction adds two rows: a consistent snapshot always holds an even count.
        done = 0
        while not stop.is_set():
            async with db.write() as tx:
                await tx.executemany("INSERT INTO pairs (half) VALUES (?)", [(0,), (1,)])
            done += 1
            if done == 100:
                warmed_up.set()
            await asyncio.sleep(0)
        return done

    task = asyncio.create_task(keep_writing())
    try:
        await asyncio.wait_for(warmed_up.wait(), timeout=10)
        result = await db.backup(tmp_path / "copy.db")
        at_backup = await db.fetchval("SELECT count(*) FROM pairs")
    finally:
        stop.set()
        await task
    assert result.ok and result.integrity == ("ok",)
    assert result.size_bytes == (tmp_path / "copy.db").stat().st_size > 0
    assert not (tmp_path / "copy.db-wal").exists() and not (tmp_path / "copy.db.partial").exists()
    with sqlite3.connect(tmp_path / "copy.db") as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        copied = copy.execute("SELECT count(*) FROM pairs").fetchone()[0]
        assert 200 <= copied <= at_backup and copied % 2 == 0
        assert copy.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] >= 1

    with pytest.raises(DatabaseError, match="already exists"):
        await db.backup(tmp_path / "copy.db")
    assert (await db.backup(tmp_path / "copy.db", overwrite=True)).ok
    with pytest.raises(DatabaseError, match="directory does not exist"):
        await db.backup(tmp_path / "missing" / "copy.db")


async def test_rows_work_by_name_and_index(db: Database, tmp_path: Path):
    row = await db.fetchone("SELECT 1 AS one, 'two' AS two")
    assert row is not None
    assert (row["one"], row[1], list(row.keys())) == (1, "two", ["one", "two"])


async def test_cancelled_writer_rolls_back_and_releases_the_lock(db):
    await make_table(db)
    inside = asyncio.Event()

    async def stuck_writer() -> None:
        async with db.write() as tx:
            await tx.execute("INSERT INTO items (name) VALUES ('half-done')")
            inside.set()
            await asyncio.Event().wait()  # never finishes on its own

    task = asyncio.create_task(stuck_writer())
    await inside.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    async with asyncio.timeout(5):
        async with db.write() as tx:
            await tx.execute("INSERT INTO items (name) VALUES ('next')")
    assert [r["name"] for r in await db.fetchall("SELECT name FROM items")] == ["next"]


async def test_cancelled_wait_for_a_write_leaves_no_transaction_open(tmp_path):
    path = tmp_path / "cancel.db"
    async with await Database.open(path, busy_timeout_ms=2000) as db:
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock

        async def write() -> None:
            async with db.write() as tx:
                await tx.execute("CREATE TABLE t (x INTEGER)")

        task = asyncio.create_task(write())
        await asyncio.sleep(0.2)  # now waiting inside BEGIN IMMEDIATE, on the busy timeout
        task.cancel()
        holder.execute("ROLLBACK")  # the other process lets go: the pending BEGIN now succeeds in the thread
        with pytest.raises(asyncio.CancelledError):
            await task
        # the cancelled BEGIN was undone: another connection can write at once
        other = sqlite3.connect(path, isolation_level=None, timeout=0.2)
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        other.close()
        holder.close()
        async with db.write() as tx:
            await tx.execute("CREATE TABLE u (x INTEGER)")
