"""The migrations runner on real SQLite files: ordering, idempotence, forward-only, atomicity."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from parley.database import ConstraintError, Database, MigrationError
from parley.database.migrations import default_migrations_dir, discover, split_statements

from .helpers import write_migration


@pytest.fixture
def mig_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "migrations"
    directory.mkdir()
    write_migration(directory, "0001_first.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);")
    write_migration(
        directory, "0002_second.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY);\nINSERT INTO a (n) VALUES (7);"
    )
    return directory


@pytest.fixture
async def empty_db(tmp_path: Path):
    database = await Database.open(tmp_path / "m.db")
    try:
        yield database
    finally:
        await database.close()


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


async def test_repository_migrations_are_contiguous_and_apply_to_a_fresh_db(tmp_path):
    migrations = discover()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert migrations[0].name == "0001_core.sql"
    async with await Database.open(tmp_path / "fresh.db") as db:
        applied = await db.migrate()
        assert [m.name for m in applied] == [m.name for m in migrations]
        assert await db.fetchval("PRAGMA user_version") == len(migrations)
    assert {"guild_settings", "member_settings", "guild_presence", "schema_migrations"} <= tables(tmp_path / "fresh.db")


async def test_core_schema_keeps_raw_user_ids_out_of_member_settings(db):
    async with db.write() as tx:
        await tx.execute(
            "INSERT INTO member_settings (guild_id, member_key, language) VALUES (?, ?, ?)", (1, "f" * 32, "fi")
        )
    with pytest.raises(ConstraintError):
        async with db.write() as tx:
            await tx.execute(
                "INSERT INTO member_settings (guild_id, member_key) VALUES (?, ?)", (1, "123456789012345678")
            )
    assert await db.fetchval("SELECT count(*) FROM member_settings") == 1


async def test_fresh_apply_records_each_migration_and_sets_user_version(empty_db, mig_dir):
    applied = await empty_db.migrate(mig_dir)
    assert [m.name for m in applied] == ["0001_first.sql", "0002_second.sql"]
    rows = await empty_db.fetchall("SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version")
    assert [(r["version"], r["name"]) for r in rows] == [(1, "0001_first.sql"), (2, "0002_second.sql")]
    assert [r["checksum"] for r in rows] == [m.checksum for m in applied]
    assert all(len(r["checksum"]) == 64 and r["applied_at"].endswith("Z") for r in rows)
    assert await empty_db.fetchval("PRAGMA user_version") == 2
    assert await empty_db.fetchval("SELECT n FROM a") == 7


async def test_rerun_applies_nothing(empty_db, mig_dir):
    await empty_db.migrate(mig_dir)
    assert await empty_db.migrate(mig_dir) == []
    assert await empty_db.fetchval("SELECT count(*) FROM a") == 1  # 0002's INSERT ran once
    status = await empty_db.migration_status(mig_dir)
    assert status.current_version == 2 and status.pending == ()


async def test_new_migration_is_applied_on_top(empty_db, mig_dir):
    await empty_db.migrate(mig_dir)
    write_migration(mig_dir, "0003_third.sql", "ALTER TABLE a ADD COLUMN note TEXT;")
    assert [m.version for m in (await empty_db.migration_status(mig_dir)).pending] == [3]
    assert [m.name for m in await empty_db.migrate(mig_dir)] == ["0003_third.sql"]
    assert await empty_db.fetchval("PRAGMA user_version") == 3


async def test_edited_migration_is_refused(empty_db, mig_dir):
    await empty_db.migrate(mig_dir)
    path = mig_dir / "0001_first.sql"
    path.write_text(path.read_text() + "\nCREATE INDEX a_n ON a (n);\n")
    with pytest.raises(MigrationError) as info:
        await empty_db.migrate(mig_dir)
    assert str(info.value) == (
        "migration 0001_first.sql was edited after it was applied (checksum mismatch); "
        "migrations are forward-only: add a new one"
    )


async def test_line_ending_conversion_is_not_an_edit(empty_db, mig_dir):
    await empty_db.migrate(mig_dir)
    path = mig_dir / "0002_second.sql"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert await empty_db.migrate(mig_dir) == []


async def test_applied_migration_without_file_is_refused(empty_db, mig_dir):
    await empty_db.migrate(mig_dir)
    (mig_dir / "0002_second.sql").unlink()
    with pytest.raises(MigrationError, match=r"0002_second\.sql applied but there is no such file"):
        await empty_db.migrate(mig_dir)


def test_gap_in_numbering_is_refused(mig_dir):
    write_migration(mig_dir, "0004_fourth.sql", "SELECT 1;", revises="0003")
    with pytest.raises(MigrationError) as info:
        discover(mig_dir)
    assert str(info.value) == (
        "gap in migration numbering: 0002_second.sql is followed by 0004_fourth.sql (missing 0003)"
    )


def test_duplicate_number_is_refused(mig_dir):
    write_migration(mig_dir, "0002_other.sql", "SELECT 1;")
    with pytest.raises(MigrationError) as info:
        discover(mig_dir)
    assert str(info.value) == ("duplicate migration number 0002: 0002_other.sql, 0002_second.sql; renumber all but one")


def test_misnamed_file_missing_header_and_wrong_revises_are_refused(mig_dir, tmp_path):
    (mig_dir / "3_third.sql").write_text("SELECT 1;")
    with pytest.raises(MigrationError, match=r"'3_third\.sql' is misnamed"):
        discover(mig_dir)
    (mig_dir / "3_third.sql").unlink()

    (mig_dir / "0003_third.sql").write_text("-- why: no date\nSELECT 1;\n")
    with pytest.raises(
        MigrationError, match=r"0003_third\.sql lacks its header comment line\(s\) '-- revises: \.\.\.'"
    ):
        discover(mig_dir)

    write_migration(mig_dir, "0003_third.sql", "SELECT 1;", revises="0001")
    with pytest.raises(MigrationError, match=r"says '-- revises: 0001' but should say '-- revises: 0002'"):
        discover(mig_dir)

    empty = tmp_path / "none"
    empty.mkdir()
    write_migration(empty, "0002_first.sql", "SELECT 1;")
    with pytest.raises(MigrationError, match="must start at 0001"):
        discover(empty)


def test_transaction_control_inside_a_migration_is_refused(mig_dir):
    write_migration(mig_dir, "0003_third.sql", "CREATE TABLE c (id INTEGER);\nCOMMIT;\nCREATE TABLE d (id INTEGER);")
    with pytest.raises(MigrationError, match=r"0003_third\.sql, line 6: 'COMMIT' is not allowed"):
        discover(mig_dir)
    write_migration(mig_dir, "0003_third.sql", "PRAGMA user_version = 9;")
    with pytest.raises(MigrationError, match="is not allowed"):
        discover(mig_dir)


async def test_failing_migration_rolls_back_entirely_and_is_not_recorded(empty_db, mig_dir):
    await empty_db.migrate(mig_dir)
    write_migration(
        mig_dir,
        "0003_broken.sql",
        "CREATE TABLE c (id INTEGER PRIMARY KEY);\n"
        "INSERT INTO a (n) VALUES (8);\n"
        "INSERT INTO missing_table VALUES (1);",
    )
    with pytest.raises(MigrationError) as info:
        await empty_db.migrate(mig_dir)
    message = str(info.value)
    assert message.startswith("migration 0003_broken.sql failed (statement at line 7): no such table: missing_table")
    assert "rolled back, nothing from it was applied" in message
    assert await empty_db.fetchval("SELECT count(*) FROM sqlite_master WHERE name = 'c'") == 0
    assert await empty_db.fetchval("SELECT count(*) FROM a") == 1
    assert await empty_db.fetchval("SELECT max(version) FROM schema_migrations") == 2
    assert await empty_db.fetchval("PRAGMA user_version") == 2
    # Never applied, so fixing the file is allowed and it then applies.
    write_migration(mig_dir, "0003_broken.sql", "CREATE TABLE c (id INTEGER PRIMARY KEY);")
    assert [m.name for m in await empty_db.migrate(mig_dir)] == ["0003_broken.sql"]


async def test_failure_in_the_first_migration_leaves_an_empty_database(empty_db, tmp_path):
    directory = tmp_path / "bad"
    directory.mkdir()
    write_migration(directory, "0001_bad.sql", "CREATE TABLE a (id INTEGER);\nCREATE TABLE a (id INTEGER);")
    with pytest.raises(MigrationError, match="table a already exists"):
        await empty_db.migrate(directory)
    assert await empty_db.fetchval("SELECT count(*) FROM sqlite_master WHERE type = 'table'") == 0
    assert await empty_db.fetchval("PRAGMA user_version") == 0


async def test_migration_leaving_foreign_key_violations_is_rolled_back(empty_db, mig_dir):
    await empty_db.migrate(mig_dir)
    write_migration(
        mig_dir,
        "0003_fk.sql",
        "PRAGMA defer_foreign_keys = ON;\n"
        "CREATE TABLE child (id INTEGER PRIMARY KEY, a_id INTEGER NOT NULL REFERENCES a (id));\n"
        "INSERT INTO child (a_id) VALUES (999);",
    )
    with pytest.raises(MigrationError):
        await empty_db.migrate(mig_dir)
    assert await empty_db.fetchval("SELECT count(*) FROM sqlite_master WHERE name = 'child'") == 0
    assert await empty_db.fetchval("PRAGMA user_version") == 2


async def test_triggers_with_begin_end_bodies_apply(empty_db, mig_dir):
    write_migration(
        mig_dir,
        "0003_trigger.sql",
        "CREATE TABLE log (n INTEGER);\n"
        "CREATE TRIGGER a_log AFTER INSERT ON a BEGIN\n    INSERT INTO log (n) VALUES (new.n);\nEND;\n"
        "-- a trailing comment; with a semicolon\n",
    )
    await empty_db.migrate(mig_dir)
    async with empty_db.write() as tx:
        await tx.execute("INSERT INTO a (n) VALUES (42)")
    assert await empty_db.fetchval("SELECT n FROM log") == 42


async def test_database_changed_outside_the_runner_is_refused(tmp_path, mig_dir):
    path = tmp_path / "foreign.db"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 5")
    async with await Database.open(path) as db:
        with pytest.raises(MigrationError, match="user_version = 5"):
            await db.migrate(mig_dir)


def test_split_statements_keeps_strings_and_lines():
    statements = split_statements("-- c\nINSERT INTO t VALUES ('a;b');\n\n/* x */ SELECT 2;")
    assert [(s.line, s.sql) for s in statements] == [(2, "INSERT INTO t VALUES ('a;b');"), (4, "SELECT 2;")]
    with pytest.raises(MigrationError, match="line 1 is not terminated"):
        split_statements("SELECT 1")


def test_default_directory_is_the_repository_migrations_folder():
    assert default_migrations_dir() == Path(__file__).resolve().parents[2] / "migrations"
