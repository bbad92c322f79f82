"""The database layer: the only package with SQL in it.

Everything else receives one `Database` (built once by bot/services.py) and talks to it through repositories
in `bot/database/repositories/<feature>.py`. The backend behind `Database` is SQLite by default (one WAL writer
connection + one read-only connection) or PostgreSQL (an asyncpg pool; see "PostgreSQL" below), behind the same
interface (bot/database/backend.py), so repositories must stay portable:

- placeholders are `?` and positional (the PostgreSQL backend rewrites them to `$1, $2, ...`);
- upserts use `INSERT ... ON CONFLICT (...) DO UPDATE SET col = excluded.col`, new ids come from
  `INSERT ... RETURNING id` (both work in SQLite >= 3.35 and PostgreSQL); no `INSERT OR REPLACE`,
  no `last_insert_rowid()`;
- times are stored as ISO-8601 UTC text ("2026-01-31T12:00:00Z"), booleans as 0/1, Discord ids as integers;
- rows support `row["column"]` and `row[0]`; repositories return domain dataclasses, never rows;
- catch `parley.database.errors` types (ConstraintError, DatabaseBusy), never sqlite3's.

Reads go straight to `db.fetchone / fetchall / fetchval` and see committed data. Every write happens in
`async with db.write() as tx:` (one transaction: committed when the block ends, rolled back if it raises;
writes are serialised, so keep the block short and never await Discord inside it). Reads that must see the
transaction's own writes use `tx.fetch*`. Do not nest `db.write()` in one task: pass the `tx` down.

A repository looks like this::

    from dataclasses import dataclass

    from parley.database import Database


    @dataclass(frozen=True, slots=True)
    class Presence:
        guild_id: int
        left_at: str | None


    class PresenceRepository:
        \"\"\"Tracks which guilds the bot is in, for the purge-after-grace rule.\"\"\"

        def __init__(self, db: Database) -> None:
            self.db = db

        async def joined(self, guild_id: int) -> None:
            \"\"\"Record that the bot is in a guild (again).\"\"\"
            async with self.db.write() as tx:
                await tx.execute(
                    "INSERT INTO guild_presence (guild_id, left_at) VALUES (?, NULL) "
                    "ON CONFLICT (guild_id) DO UPDATE SET left_at = NULL",
                    (guild_id,),
                )

        async def left_before(self, cutoff: str) -> list[Presence]:
            \"\"\"Guilds the bot left before `cutoff`: their data is due for deletion.\"\"\"
            rows = await self.db.fetchall(
                "SELECT guild_id, left_at FROM guild_presence WHERE left_at IS NOT NULL AND left_at < ? "
                "ORDER BY guild_id",
                (cutoff,),
            )
            return [Presence(row["guild_id"], row["left_at"]) for row in rows]

Schema changes are migrations: add `migrations/NNNN_description.sql` (see bot/database/migrations.py for the
rules) and apply them with `python -m parley migrate`; a repository test opens a real database in `tmp_path`,
runs `await db.migrate()`, and exercises the repository.

PostgreSQL (`database.url = "postgresql://..."`, bot/database/postgres.py)
----------------------------------------------------------------------------
The same repositories and the same migration files run on PostgreSQL; bot/database/dialect.py translates each
statement (cached): `?` -> `$n` with a cast from the value's Python type, INTEGER -> BIGINT, `INTEGER PRIMARY
KEY` -> an identity column, `INSERT OR IGNORE` -> `ON CONFLICT DO NOTHING`, IFNULL, two-argument MAX/MIN, LIKE
(case-insensitive, as in SQLite), `datetime('now')`/`strftime(fmt, 'now')`, `PRAGMA table_info`. What it cannot
translate it refuses, naming the construct, so write repositories in that subset:

- no SQLite-only functions (`date(col, '+1 day')`, json_*, group_concat, instr, typeof, last_insert_rowid):
  compute times and formats in Python; compare ISO-8601 text; pass a Python int where the column is INTEGER and
  a str where it is TEXT (PostgreSQL does not convert between them);
- booleans are 0/1 integers in SQL (`enabled = 1`, never `= TRUE`); `SUM`/`AVG` come back as int or float;
- full-text search: `match = db.text_match("stories", "s", ("title", "text"), query)` gives a condition and its
  value (FTS5 on SQLite, tsvector on PostgreSQL); the FTS5 table `<table>_fts` (content='<table>',
  content_rowid='id') is the SQLite side, a GIN index on the same expression the PostgreSQL side;
- a read-then-write rule is exact on both engines because default writes are serialised on both; a hot path may
  start its transaction with `await tx.lock("votes", guild_id, kind, item_id)` to be serialised only against
  transactions taking the same key (every transaction that could break the rule must take it);
- scheduled work that must run once across processes: `async with db.exclusive_job(name, lease_s=...) as job:`
  (bot/database/jobs.py).

Migrations stay one numbered file each. When a file uses what has no translation (CREATE VIRTUAL TABLE, CREATE
TRIGGER), add `migrations/postgresql/NNNN_same_name.sql`: PostgreSQL runs that file instead (whole, in the
migration's transaction, so `$$` function bodies work); `schema_migrations` records the original file's checksum
(as on SQLite) plus this version's checksum, and refuses either being edited afterwards.
tests/postgres/test_schema_parity.py checks both schemas have the same tables, columns, types, keys and indexes.
Tests: take the `any_db` fixture from parley.database.testing to run on both engines.
"""

from parley.database.backend import BackupResult, Row, Tx
from parley.database.core import Database
from parley.database.errors import (
    ConstraintError,
    DatabaseBusy,
    DatabaseError,
    DatabaseOpenError,
    DatabaseUnavailable,
    MigrationError,
)
from parley.database.migrations import Migration, MigrationStatus

__all__ = [
    "BackupResult",
    "ConstraintError",
    "Database",
    "DatabaseBusy",
    "DatabaseError",
    "DatabaseOpenError",
    "DatabaseUnavailable",
    "Migration",
    "MigrationError",
    "MigrationStatus",
    "Row",
    "Tx",
]
