"""The contract every database backend fulfils (SQLite now, PostgreSQL later); repositories see only this."""

from __future__ import annotations

from collections.abc import Awaitable, Iterable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from parley.database.migrations import Migration, MigrationStatus

__all__ = ["Backend", "BackupResult", "Params", "Row", "Tx"]

# Positional parameters for `?` placeholders (a PostgreSQL backend rewrites them to $1, $2, ...).
Params = Sequence[Any]


class Row(Protocol):
    """A result row: row["column"] or row[0]; dict(row) gives a plain dict (sqlite3.Row, asyncpg.Record)."""

    def __getitem__(self, key: int | str, /) -> Any: ...

    def keys(self) -> list[str]: ...


class Tx(Protocol):
    """An open write transaction; it commits when its `async with` block ends and rolls back on an exception."""

    # What the writes sharing this transaction (one group commit) remember between them, e.g. an item's tally;
    # emptied whenever one of them is undone, so it only ever holds what the transaction itself says.
    memo: dict[Any, Any]

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; return the number of rows it changed."""
        ...

    async def executemany(self, sql: str, rows: Iterable[Params]) -> int:
        """Run one statement once per parameter row; return the total number of rows changed."""
        ...

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        """Run a query (it sees this transaction's writes); return the first row or None."""
        ...

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        """Run a query (it sees this transaction's writes); return every row."""
        ...

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        """Run a query; return the first column of the first row, or None when there is no row."""
        ...


@dataclass(frozen=True, slots=True)
class BackupResult:
    """What `backup` wrote and what the integrity check of the copy said."""

    path: Path
    size_bytes: int
    integrity: tuple[str, ...]
    seconds: float

    @property
    def ok(self) -> bool:
        """True when the copy passed the integrity check."""
        return self.integrity == ("ok",)


class Backend(Protocol):
    """One database engine. Writes are serialised; reads run beside them and see committed data."""

    dialect: str

    @property
    def location(self) -> str:
        """Where the data lives, for messages (a file path; never a password)."""
        ...

    def write(self) -> AbstractAsyncContextManager[Tx]:
        """Open a write transaction: `async with backend.write() as tx:`."""
        ...

    def run_write(self, fn: Any) -> Awaitable[Any]:
        """Run `async def fn(tx)` in a write transaction shared with concurrent callers (group commit)."""
        ...

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        """Read the first row of a query, or None."""
        ...

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        """Read every row of a query."""
        ...

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        """Read the first column of the first row of a query, or None."""
        ...

    async def migrate(self, directory: Path | None = None) -> list[Migration]:
        """Apply pending migrations in order, each in its own transaction; return those applied."""
        ...

    async def migration_status(self, directory: Path | None = None) -> MigrationStatus:
        """Report applied and pending migrations without changing anything."""
        ...

    async def backup(self, path: Path, *, overwrite: bool = False) -> BackupResult:
        """Copy the live database to `path` and check the copy's integrity."""
        ...

    async def erase_residue(self, tables: Sequence[str]) -> None:
        """Make rows deleted from `tables` unrecoverable from the files: search-index segments, the WAL, dead
        tuples. Called after a story or member is erased (rare), never on an ordinary write."""
        ...

    async def close(self) -> None:
        """Finish in-flight work and close every connection; safe to call twice."""
        ...
