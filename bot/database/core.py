"""`Database`: the one object repositories receive; it delegates to a backend (SQLite or PostgreSQL)."""

from __future__ import annotations

import logging
import os
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from parley.database.backend import Backend, BackupResult, Params, Row, Tx
from parley.database.errors import DatabaseError
from parley.database.sqlite import SQLiteBackend

if TYPE_CHECKING:
    from collections.abc import Awaitable, Sequence

    from parley.config import DatabaseConfig
    from parley.database.dialect import TextMatch
    from parley.database.group import WriteFn
    from parley.database.jobs import ExclusiveJob
    from parley.database.migrations import Migration, MigrationStatus

__all__ = ["Database"]

log = logging.getLogger(__name__)


class Database:
    """Backend-neutral access to the data: `write()` transactions, `fetch*` reads, migrations and backups."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    @classmethod
    async def open(
        cls, path: str | os.PathLike[str], *, busy_timeout_ms: int = 5000, must_exist: bool = False
    ) -> Database:
        """Open the SQLite database file at `path` (created unless must_exist); raise DatabaseOpenError if not."""
        return cls(await SQLiteBackend.open(path, busy_timeout_ms=busy_timeout_ms, must_exist=must_exist))

    @classmethod
    async def from_config(cls, config: DatabaseConfig, *, must_exist: bool = False) -> Database:
        """Open the database a [database] config section describes: PostgreSQL when `url` is set, else SQLite."""
        if config.url is not None:
            return await cls.connect(config.url, busy_timeout_ms=config.busy_timeout_ms)
        return await cls.open(config.path, busy_timeout_ms=config.busy_timeout_ms, must_exist=must_exist)

    @classmethod
    async def connect(cls, target: str, *, busy_timeout_ms: int = 5000, must_exist: bool = False) -> Database:
        """Open `postgresql://...`, `sqlite:PATH` or a plain SQLite file path (the CLI's --from/--to form)."""
        if target.startswith(("postgresql://", "postgres://")):
            from parley.database.postgres import PostgresBackend  # asyncpg is only needed here

            return cls(await PostgresBackend.open(target, busy_timeout_ms=busy_timeout_ms))
        path = target.removeprefix("sqlite://").removeprefix("sqlite:")
        return await cls.open(path, busy_timeout_ms=busy_timeout_ms, must_exist=must_exist)

    def exclusive_job(
        self, name: str, *, lease_s: float, every_s: float | None = None, once: bool = False
    ) -> ExclusiveJob:
        """`async with db.exclusive_job("publish:<guild>", lease_s=60) as job:` runs in one process at a time.

        `job.acquired` says whether this process got it; see bot/database/jobs.py for `every_s` and `once`.
        """
        from parley.database.jobs import ExclusiveJob

        return ExclusiveJob(self, name, lease_s=lease_s, every_s=every_s, once=once)

    def text_match(self, table: str, alias: str, columns: Sequence[str], query: str) -> TextMatch | None:
        """A full-text WHERE condition (FTS5 on SQLite, tsvector on PostgreSQL); see dialect.text_match."""
        from parley.database.dialect import text_match

        return text_match(self.dialect, table=table, alias=alias, columns=columns, query=query)

    @property
    def dialect(self) -> str:
        """The backend's SQL dialect: "sqlite" or "postgresql"."""
        return self.backend.dialect

    @property
    def location(self) -> str:
        """Where the data lives, for messages."""
        return self.backend.location

    def write(self) -> AbstractAsyncContextManager[Tx]:
        """`async with db.write() as tx:` one transaction; commits on success, rolls back on an exception."""
        return self.backend.write()

    def run_write(self, fn: WriteFn) -> Awaitable[Any]:
        """Run `async def fn(tx)` in a write transaction shared with concurrent callers; await its result.

        Group commit: concurrent callers share one transaction and every one is answered after the one COMMIT
        (a failing `fn` is undone alone and raises to its caller; it may be run twice, see group.py). `fn` may
        only await its tx: on SQLite it runs on the database's own thread. See bot/database/group.py.
        """
        return self.backend.run_write(fn)

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        """Read the first row of a query, or None."""
        return await self.backend.fetchone(sql, params)

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        """Read every row of a query."""
        return await self.backend.fetchall(sql, params)

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        """Read the first column of the first row of a query, or None."""
        return await self.backend.fetchval(sql, params)

    async def migrate(self, directory: Path | None = None) -> list[Migration]:
        """Apply pending migrations (from the repo's migrations/ unless `directory`); return those applied."""
        return await self.backend.migrate(directory)

    async def migration_status(self, directory: Path | None = None) -> MigrationStatus:
        """Report applied and pending migrations without changing anything."""
        return await self.backend.migration_status(directory)

    async def backup(self, path: str | os.PathLike[str], *, overwrite: bool = False) -> BackupResult:
        """Copy the live database to `path` and check the copy's integrity."""
        return await self.backend.backup(Path(path), overwrite=overwrite)

    async def erase_residue(self, *tables: str) -> None:
        """After erasing rows of `tables`: leave no copy of them in index segments, the WAL or dead tuples.

        The erasure itself is committed by then, so a failure here is logged, not raised: the member's request
        succeeded, and the next erasure (or closing the database) cleans up again.
        """
        try:
            await self.backend.erase_residue(tables)
        except DatabaseError as exc:
            log.warning("could not clean up after an erasure (%s); the next erasure or shutdown retries", exc)

    async def close(self) -> None:
        """Close the database; safe to call twice."""
        await self.backend.close()

    async def __aenter__(self) -> Database:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"<Database {self.dialect} at {self.location!r}>"
