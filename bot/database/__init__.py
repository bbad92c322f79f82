"""The database layer: the only package with SQL in it.

Everything else receives one `Database` (built once by bot/services.py) and talks to it through repositories
in `bot/database/repositories/<feature>.py`. The backend behind `Database` is SQLite today (one WAL writer
connection + one read-only connection); a PostgreSQL backend can be added later behind the same interface
(bot/database/backend.py), so repositories must stay portable:

- placeholders are `?` and positional (the PostgreSQL backend will rewrite them to `$1, $2, ...`);
- upserts use `INSERT ... ON CONFLICT (...) DO UPDATE SET col = excluded.col`, new ids come from
  `INSERT ... RETURNING id` (both work in SQLite >= 3.35 and PostgreSQL); no `INSERT OR REPLACE`,
  no `last_insert_rowid()`;
- times are stored as ISO-8601 UTC text ("2026-01-31T12:00:00Z"), booleans as 0/1, Discord ids as integers;
- rows support `row["column"]` and `row[0]`; repositories return domain dataclasses, never rows;
- catch `bot.database.errors` types (ConstraintError, DatabaseBusy), never sqlite3's.

Reads go straight to `db.fetchone / fetchall / fetchval` and see committed data. Every write happens in
`async with db.write() as tx:` (one transaction: committed when the block ends, rolled back if it raises;
writes are serialised, so keep the block short and never await Discord inside it). Reads that must see the
transaction's own writes use `tx.fetch*`. Do not nest `db.write()` in one task: pass the `tx` down.

A repository looks like this::

    from dataclasses import dataclass

    from bot.database import Database


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
rules) and apply them with `python -m bot migrate`; a repository test opens a real database in `tmp_path`,
runs `await db.migrate()`, and exercises the repository.
"""

from bot.database.backend import BackupResult, Row, Tx
from bot.database.core import Database
from bot.database.errors import ConstraintError, DatabaseBusy, DatabaseError, DatabaseOpenError, MigrationError
from bot.database.migrations import Migration, MigrationStatus

__all__ = [
    "BackupResult",
    "ConstraintError",
    "Database",
    "DatabaseBusy",
    "DatabaseError",
    "DatabaseOpenError",
    "Migration",
    "MigrationError",
    "MigrationStatus",
    "Row",
    "Tx",
]
