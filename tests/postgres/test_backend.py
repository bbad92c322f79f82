"""The Backend contract on both engines: transactions, neutral errors, rows, concurrency, locks, backup."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from parley.config import DatabaseConfig
from parley.database import ConstraintError, Database, DatabaseBusy, DatabaseError, DatabaseOpenError


async def make_table(db: Database) -> None:
    async with db.write() as tx:
        await tx.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, n INTEGER)")


async def test_write_commits_and_reads_see_it(any_db: Database):
    await make_table(any_db)
    async with any_db.write() as tx:
        assert await tx.execute("INSERT INTO items (name, n) VALUES (?, ?)", ("a", 1)) == 1
        assert await tx.executemany("INSERT INTO items (name, n) VALUES (?, ?)", [("b", 2), ("c", None)]) == 2
        assert await tx.fetchval("SELECT count(*) FROM items") == 3
        new_id = await tx.fetchval("INSERT INTO items (name, n) VALUES (?, ?) RETURNING id", ("d", 2**62))
        assert await tx.execute("UPDATE items SET n = n + 1 WHERE n IS NOT NULL AND n < ?", (10,)) == 2
    assert new_id == 4
    rows = await any_db.fetchall("SELECT id, name, n FROM items ORDER BY id")
    assert [dict(r) for r in rows] == [
        {"id": 1, "name": "a", "n": 2},
        {"id": 2, "name": "b", "n": 3},
        {"id": 3, "name": "c", "n": None},
        {"id": 4, "name": "d", "n": 2**62},  # Discord snowflakes need 64 bits
    ]
    row = await any_db.fetchone("SELECT name, n FROM items WHERE id = ?", (2,))
    assert (row["name"], row[1], list(row.keys())) == ("b", 3, ["name", "n"])
    assert await any_db.fetchone("SELECT name FROM items WHERE id = ?", (99,)) is None
    assert await any_db.fetchval("SELECT name FROM items WHERE id = ?", (99,)) is None
    # Aggregates come back as plain numbers on both engines (PostgreSQL's SUM is numeric).
    assert await any_db.fetchval("SELECT SUM(n) FROM items WHERE id < ?", (3,)) == 5
    assert isinstance(await any_db.fetchval("SELECT SUM(n) FROM items WHERE id < ?", (3,)), int)
    # The portable "optional filter" idiom works although PostgreSQL cannot type a bare `? IS NULL`.
    for name, expected in ((None, 4), ("a", 1)):
        assert await any_db.fetchval("SELECT count(*) FROM items WHERE (? IS NULL OR name = ?)", (name, name)) == (
            expected
        )


async def test_write_rolls_back_on_exception(any_db: Database):
    await make_table(any_db)

    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        async with any_db.write() as tx:
            await tx.execute("INSERT INTO items (name) VALUES ('kept?')")
            raise Boom
    assert await any_db.fetchval("SELECT count(*) FROM items") == 0
    async with any_db.write() as tx:
        await tx.execute("INSERT INTO items (name) VALUES ('after')")
    assert await any_db.fetchval("SELECT name FROM items") == "after"


async def test_constraint_errors_are_backend_neutral(any_db: Database):
    await make_table(any_db)
    with pytest.raises(ConstraintError, match="UNIQUE"):
        async with any_db.write() as tx:
            await tx.execute("INSERT INTO items (name) VALUES ('x')")
            await tx.execute("INSERT INTO items (name) VALUES ('x')")
    with pytest.raises(ConstraintError, match="NOT NULL"):
        async with any_db.write() as tx:
            await tx.execute("INSERT INTO items (name) VALUES (?)", (None,))
    async with any_db.write() as tx:
        await tx.execute("CREATE TABLE child (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES items (id))")
    with pytest.raises(ConstraintError, match="FOREIGN KEY"):
        async with any_db.write() as tx:
            await tx.execute("INSERT INTO child (item_id) VALUES (42)")
    assert await any_db.fetchval("SELECT count(*) FROM items") == 0


async def test_nested_write_stale_tx_and_transaction_control_are_refused(any_db: Database):
    await make_table(any_db)
    async with any_db.write() as tx:
        with pytest.raises(RuntimeError, match="already open"):
            async with any_db.write():
                pass
        with pytest.raises(RuntimeError, match="commits and rolls back by itself"):
            await tx.execute("COMMIT")
        stale = tx
    with pytest.raises(RuntimeError, match="has ended"):
        await stale.execute("INSERT INTO items (name) VALUES ('late')")


async def test_fifty_concurrent_read_modify_writes_are_exact(any_db: Database):
    """Counter += 1 by read-then-write: exact only if default writes are serialised (SQLite's contract)."""
    async with any_db.write() as tx:
        await tx.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
        await tx.execute("INSERT INTO counter (id, n) VALUES (1, 0)")

    async def bump() -> int:
        async with any_db.write() as tx:
            n = await tx.fetchval("SELECT n FROM counter WHERE id = 1")
            await asyncio.sleep(0)  # give a concurrent writer every chance to interleave
            await tx.execute("UPDATE counter SET n = ? WHERE id = 1", (n + 1,))
            return n + 1

    seen = await asyncio.gather(*(bump() for _ in range(50)))
    assert sorted(seen) == list(range(1, 51))
    assert await any_db.fetchval("SELECT n FROM counter WHERE id = 1") == 50


async def test_close_is_idempotent_and_final(any_db_url: str):
    db = await Database.connect(any_db_url)
    await db.close()
    await db.close()
    with pytest.raises(DatabaseError, match="closed"):
        await db.fetchval("SELECT 1")
    with pytest.raises(DatabaseError, match="closed"):
        async with db.write():
            pass


# ---------------------------------------------------------------------------------------- PostgreSQL only


@pytest.fixture
def pg_url(any_db_url: str) -> str:
    if not any_db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL-specific behaviour")
    return any_db_url


async def test_from_config_opens_postgresql_when_url_is_set(pg_url: str):
    async with await Database.from_config(DatabaseConfig(url=pg_url)) as db:
        assert db.dialect == "postgresql"
        assert "schema=t_" in db.location and "@" in db.location
        assert await db.fetchval("SELECT current_schema()") == pg_url.rsplit("schema=", 1)[1]


async def test_unreachable_server_is_a_clean_open_error():
    pytest.importorskip("asyncpg")
    with pytest.raises(DatabaseOpenError, match=r"cannot open database at 'postgresql://parley@127\.0\.0\.1:1/x'"):
        await Database.connect("postgresql://parley@127.0.0.1:1/x")


async def test_keyed_locks_serialise_only_the_same_key_across_processes(pg_url: str):
    """Two Database objects (two bot processes): same key waits, other keys and default writes do not."""
    one, two = await Database.connect(pg_url), await Database.connect(pg_url)
    try:
        async with one.write() as tx:
            await tx.execute("CREATE TABLE tally (k TEXT PRIMARY KEY, n INTEGER NOT NULL)")
            await tx.executemany("INSERT INTO tally (k, n) VALUES (?, 0)", [("a",), ("b",)])
        order: list[str] = []
        holding = asyncio.Event()

        async def holder() -> None:
            async with one.write() as tx:
                await tx.lock("tally", "a")
                holding.set()
                await asyncio.sleep(0.3)
                order.append("first released")

        async def same_key() -> None:
            await holding.wait()
            async with two.write() as tx:
                await tx.lock("tally", "a")
                order.append("same key got it")

        async def other_key() -> None:
            await holding.wait()
            async with two.write() as tx:
                await tx.lock("tally", "b")
                await tx.execute("UPDATE tally SET n = n + 1 WHERE k = 'b'")
                order.append("other key got it")

        await asyncio.gather(holder(), same_key(), other_key())
        assert order == ["other key got it", "first released", "same key got it"]
    finally:
        await one.close()
        await two.close()


async def test_lock_wait_beyond_busy_timeout_is_database_busy(pg_url: str):
    one = await Database.connect(pg_url)
    two = await Database.connect(pg_url, busy_timeout_ms=200)
    try:
        release = asyncio.Event()
        held = asyncio.Event()

        async def hold() -> None:
            async with one.write() as tx:
                await tx.lock("slow")
                held.set()
                await release.wait()

        task = asyncio.create_task(hold())
        await held.wait()
        with pytest.raises(DatabaseBusy):
            async with two.write() as tx:
                await tx.lock("slow")
        release.set()
        await task
        async with two.write() as tx:  # the connection is healthy again
            await tx.lock("slow")
    finally:
        await one.close()
        await two.close()


async def test_backup_uses_pg_dump_and_checks_the_archive(any_db: Database, tmp_path):
    if any_db.dialect != "postgresql":
        pytest.skip("the SQLite backup has its own tests in tests/database")
    import shutil

    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    async with any_db.write() as tx:
        await tx.execute("INSERT INTO guild_presence (guild_id, left_at) VALUES (?, NULL)", (7,))
    result = await any_db.backup(tmp_path / "parley.dump")
    assert result.ok and result.size_bytes > 0 and result.path.exists()
    assert not (tmp_path / "parley.dump.partial").exists()
    with pytest.raises(DatabaseError, match="already exists"):
        await any_db.backup(tmp_path / "parley.dump")


def test_database_urls_keep_parley_options_apart_and_never_show_a_password():
    from parley.database.postgres import PostgresUrl, advisory_key

    url = PostgresUrl.parse("postgresql://bot:pw@db.example:5432/parley?schema=guilds_eu&pool_max=20&sslmode=require")
    assert (url.schema, url.pool_min, url.pool_max) == ("guilds_eu", 1, 20)
    assert url.dsn == "postgresql://bot:pw@db.example:5432/parley?sslmode=require"
    assert url.display == "postgresql://bot@db.example:5432/parley?schema=guilds_eu"
    tuned = PostgresUrl.parse("postgresql://bot@/parley?host=/run/pg&synchronous_commit=off&schema=s")
    assert tuned.dsn.endswith("?host=%2Frun%2Fpg&synchronous_commit=off")  # asyncpg: a server setting
    assert tuned.tool_dsn.endswith("?host=%2Frun%2Fpg")  # pg_dump would refuse it
    for bad in ("postgresql://h/d?schema=Robert');--", "postgresql://h/d?pool_max=0", "mysql://h/d"):
        with pytest.raises(DatabaseOpenError):
            PostgresUrl.parse(bad)
    # Advisory lock keys are the same in every process (no per-process hash seed) and differ per key.
    assert advisory_key("votes", 1, "a") == advisory_key("votes", 1, "a") != advisory_key("votes", 1, "b")
    assert advisory_key("x") == 5395104992458594383  # pinned: a change would split old and new processes


async def test_erase_residue_runs_outside_any_transaction_and_leaves_no_wal(any_db: Database):
    await make_table(any_db)
    async with any_db.write() as tx:
        await tx.execute("INSERT INTO items (name, n) VALUES (?, ?)", ("quokkavelvet", 1))
    async with any_db.write() as tx:
        await tx.execute("DELETE FROM items WHERE name = ?", ("quokkavelvet",))
    # PostgreSQL: VACUUM (refused inside a transaction block); SQLite: a TRUNCATE checkpoint.
    await any_db.erase_residue("items")
    if any_db.dialect == "sqlite":
        assert wal_bytes(Path(any_db.location + "-wal")) == 0
    async with any_db.write() as tx:  # and the database is as usable as before
        await tx.execute("INSERT INTO items (name, n) VALUES (?, ?)", ("after", 2))
    assert await any_db.fetchval("SELECT COUNT(*) FROM items") == 1


def wal_bytes(wal: Path) -> int:
    return wal.stat().st_size if wal.exists() else 0
