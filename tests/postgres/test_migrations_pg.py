"""The migration discipline on both engines, and PostgreSQL versions of migrations (migrations/postgresql/)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from parley.database import Database, MigrationError
from parley.database.migrations import discover
from tests.postgres.helpers import write_migration


@pytest.fixture
def mig_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "migs"
    directory.mkdir()
    write_migration(directory, "0001_first.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY, guild_id INTEGER NOT NULL);")
    write_migration(directory, "0002_second.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY, note TEXT NULL);")
    return directory


async def test_repository_migrations_apply_to_a_fresh_database(any_empty_db: Database):
    applied = await any_empty_db.migrate()
    assert [m.version for m in applied] == list(range(1, len(discover()) + 1))
    status = await any_empty_db.migration_status()
    assert status.pending == () and status.current_version == len(discover())
    assert [r.checksum for r in status.applied] == [m.checksum for m in discover()]


async def test_fresh_apply_rerun_and_a_new_migration_on_top(any_empty_db: Database, mig_dir: Path):
    assert [m.name for m in await any_empty_db.migrate(mig_dir)] == ["0001_first.sql", "0002_second.sql"]
    assert await any_empty_db.migrate(mig_dir) == []
    write_migration(mig_dir, "0003_third.sql", "ALTER TABLE b ADD COLUMN day TEXT NULL;")
    assert [m.name for m in await any_empty_db.migrate(mig_dir)] == ["0003_third.sql"]
    async with any_empty_db.write() as tx:
        await tx.execute("INSERT INTO b (note, day) VALUES (?, ?)", ("x", "2026-01-01"))
    assert (await any_empty_db.migration_status(mig_dir)).current_version == 3


async def test_an_edited_migration_is_refused(any_empty_db: Database, mig_dir: Path):
    await any_empty_db.migrate(mig_dir)
    path = mig_dir / "0002_second.sql"
    path.write_text(path.read_text() + "\n-- edited\n")
    with pytest.raises(MigrationError, match="checksum mismatch"):
        await any_empty_db.migrate(mig_dir)
    with pytest.raises(MigrationError, match="checksum mismatch"):
        await any_empty_db.migration_status(mig_dir)


async def test_a_failing_migration_rolls_back_entirely(any_empty_db: Database, mig_dir: Path):
    write_migration(
        mig_dir, "0003_broken.sql", "CREATE TABLE c (id INTEGER PRIMARY KEY);\nINSERT INTO nowhere VALUES (1);"
    )
    with pytest.raises(MigrationError, match=r"0003_broken.sql failed \(statement at line 6\)"):
        await any_empty_db.migrate(mig_dir)
    status = await any_empty_db.migration_status(mig_dir)
    assert status.current_version == 2 and [m.name for m in status.pending] == ["0003_broken.sql"]
    # Table c was rolled back with the rest: creating it again works.
    async with any_empty_db.write() as tx:
        await tx.execute("CREATE TABLE c (id INTEGER PRIMARY KEY)")


# ------------------------------------------------------------------------------------------- PostgreSQL only


@pytest.fixture
def pg_db(any_empty_db: Database) -> Database:
    if any_empty_db.dialect != "postgresql":
        pytest.skip("PostgreSQL-specific behaviour")
    return any_empty_db


async def test_untranslatable_migration_needs_a_postgresql_version(pg_db: Database, mig_dir: Path):
    write_migration(mig_dir, "0003_search.sql", "CREATE VIRTUAL TABLE b_fts USING fts5(note);")
    with pytest.raises(MigrationError, match=r"0003_search\.sql.*line 5.*migrations/postgresql/"):
        await pg_db.migrate(mig_dir)
    assert (await pg_db.migration_status(mig_dir)).current_version == 2

    (mig_dir / "postgresql").mkdir()
    override = mig_dir / "postgresql" / "0003_search.sql"
    override.write_text(
        "CREATE INDEX b_search ON b USING GIN (to_tsvector('simple', coalesce(note, '')));\n"
        "CREATE FUNCTION b_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$;\n"
    )
    assert [m.name for m in await pg_db.migrate(mig_dir)] == ["0003_search.sql"]
    assert await pg_db.fetchval("SELECT count(*) FROM pg_indexes WHERE indexname = 'b_search'") == 1
    # The canonical file's checksum is recorded as on SQLite; the PostgreSQL version's beside it.
    row = await pg_db.fetchone("SELECT checksum, dialect_checksum FROM schema_migrations WHERE version = 3")
    assert row["checksum"] == discover(mig_dir)[2].checksum and len(row["dialect_checksum"]) == 64

    override.write_text(override.read_text() + "-- edited\n")
    with pytest.raises(MigrationError, match="PostgreSQL version was edited"):
        await pg_db.migrate(mig_dir)
    override.unlink()
    with pytest.raises(MigrationError, match="PostgreSQL version was removed"):
        await pg_db.migration_status(mig_dir)


async def test_postgresql_version_rules(pg_db: Database, mig_dir: Path):
    (mig_dir / "postgresql").mkdir()
    stray = mig_dir / "postgresql" / "0009_nothing.sql"
    stray.write_text("SELECT 1;")
    with pytest.raises(MigrationError, match="no counterpart"):
        await pg_db.migrate(mig_dir)
    stray.unlink()
    (mig_dir / "postgresql" / "0002_second.sql").write_text("BEGIN;\nCREATE TABLE b (id BIGINT);\nCOMMIT;\n")
    with pytest.raises(MigrationError, match="controls its transaction"):
        await pg_db.migrate(mig_dir)


async def test_two_processes_migrating_at_once_apply_each_migration_once(pg_db: Database, any_db_url: str):
    other = await Database.connect(any_db_url)
    try:
        first, second = await asyncio.gather(pg_db.migrate(), other.migrate())
        assert sorted(m.version for m in first + second) == [m.version for m in discover()]
        assert await pg_db.fetchval("SELECT count(*) FROM schema_migrations") == len(discover())
    finally:
        await other.close()
