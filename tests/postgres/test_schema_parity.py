"""Both engines end up with the same schema: same tables, columns, types, NOT NULLs, primary keys and indexes.

This is what keeps a PostgreSQL version of a migration (migrations/postgresql/) in step with its SQLite file.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from parley.database import Database
from parley.database.postgres import override_dir
from parley.database.testing import drop_schema, with_schema

# SQLite declared type -> what the translation makes of it in PostgreSQL.
_TYPES = {"INTEGER": "bigint", "TEXT": "text", "REAL": "double precision", "BLOB": "bytea"}
_BOOKKEEPING = {"schema_migrations"}


async def sqlite_schema(db: Database) -> tuple[dict[str, list[tuple]], set[str]]:
    rows = await db.fetchall("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    virtual = [r["name"] for r in rows if r["sql"].upper().startswith("CREATE VIRTUAL TABLE")]
    tables: dict[str, list[tuple]] = {}
    for row in rows:
        name = row["name"]
        if name in _BOOKKEEPING or name in virtual or any(name.startswith(v + "_") for v in virtual):
            continue  # FTS5 tables and their shadow tables have PostgreSQL equivalents of another shape
        columns = await db.fetchall(f"PRAGMA table_info({name})")
        tables[name] = sorted(
            (c["name"], _TYPES[c["type"].upper()], bool(c["notnull"] or c["pk"]), bool(c["pk"])) for c in columns
        )
    indexes = await db.fetchall("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
    return tables, {r["name"] for r in indexes}


async def postgres_schema(db: Database) -> tuple[dict[str, list[tuple]], set[str]]:
    columns = await db.fetchall(
        "SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, "
        "EXISTS (SELECT 1 FROM information_schema.key_column_usage k "
        "        JOIN information_schema.table_constraints t ON t.constraint_name = k.constraint_name "
        "        AND t.table_schema = k.table_schema "
        "        WHERE t.constraint_type = 'PRIMARY KEY' AND k.table_schema = c.table_schema "
        "        AND k.table_name = c.table_name AND k.column_name = c.column_name) AS pk "
        "FROM information_schema.columns c WHERE c.table_schema = current_schema()"
    )
    tables: dict[str, list[tuple]] = {}
    for c in columns:
        if c["table_name"] in _BOOKKEEPING:
            continue
        tables.setdefault(c["table_name"], []).append(
            (c["column_name"], c["data_type"], c["is_nullable"] == "NO", bool(c["pk"]))
        )
    indexes = await db.fetchall(
        "SELECT i.relname AS name FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
        "JOIN pg_namespace n ON n.oid = i.relnamespace WHERE n.nspname = current_schema() AND NOT x.indisprimary"
    )
    return {t: sorted(c) for t, c in tables.items()}, {r["name"] for r in indexes}


async def test_postgresql_schema_matches_sqlite(tmp_path: Path, postgres_url: str):
    url = with_schema(postgres_url, f"t_{secrets.token_hex(6)}")
    lite = await Database.connect(str(tmp_path / "parley.db"))
    pg = await Database.connect(url)
    try:
        await lite.migrate()
        await pg.migrate()
        lite_tables, lite_indexes = await sqlite_schema(lite)
        pg_tables, pg_indexes = await postgres_schema(pg)
    finally:
        await lite.close()
        await pg.close()
        await drop_schema(url)
    assert sorted(pg_tables) == sorted(lite_tables)
    for table, columns in lite_tables.items():
        assert pg_tables[table] == columns, table
    assert lite_indexes <= pg_indexes
    # Indexes only PostgreSQL has must come from a PostgreSQL version of a migration (e.g. full-text search).
    declared = {
        m.group(1)
        for path in override_dir().glob("*.sql")
        for m in re.finditer(r"CREATE\s+(?:UNIQUE\s+)?INDEX\s+(\w+)", path.read_text(), re.I)
    }
    assert pg_indexes - lite_indexes <= declared
