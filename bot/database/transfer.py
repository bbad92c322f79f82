"""Copy a community's data from a SQLite database into a PostgreSQL one (`python -m parley migrate-data`).

The target gets the same migrations first, so both have the same tables; then every table is copied in
foreign-key order inside ONE target transaction (all or nothing), identity sequences are moved past the copied
ids, and the row counts of both sides are compared. The source is only read.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter
from typing import Any

from parley.database.core import Database
from parley.database.errors import DatabaseError

__all__ = ["TableCopy", "TransferError", "TransferReport", "copy_database"]

log = logging.getLogger(__name__)

# Bookkeeping the target's own migration run writes; never copied.
# vote_tallies is derived: the target's trigger counts the votes as they are copied in, so copying it would
# count them twice.
_SKIP = {"schema_migrations", "vote_tallies"}


class TransferError(DatabaseError):
    """The copy was refused or did not verify; the target transaction was rolled back."""


@dataclass(frozen=True, slots=True)
class TableCopy:
    """One table's copy: rows read from the source, rows counted in the target afterwards."""

    table: str
    source_rows: int
    target_rows: int


@dataclass(frozen=True, slots=True)
class TransferReport:
    """What migrate-data did."""

    schema_version: int
    tables: tuple[TableCopy, ...]
    seconds: float

    @property
    def ok(self) -> bool:
        """True when every table has as many rows in the target as in the source."""
        return all(t.source_rows == t.target_rows for t in self.tables)

    @property
    def rows(self) -> int:
        """Rows copied in all."""
        return sum(t.source_rows for t in self.tables)


@dataclass(frozen=True, slots=True)
class _Table:
    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]  # primary key columns, for keyset paging
    parents: frozenset[str]


async def copy_database(
    source: Database,
    target: Database,
    *,
    batch: int = 5000,
    progress: Callable[[str, int], None] | None = None,
) -> TransferReport:
    """Copy every table of `source` (SQLite, fully migrated) into `target` (PostgreSQL, empty)."""
    if source.dialect != "sqlite" or target.dialect != "postgresql":
        raise TransferError("migrate-data copies from a SQLite database into a PostgreSQL database")
    started = time.perf_counter()
    status = await source.migration_status()
    if status.pending:
        names = ", ".join(m.name for m in status.pending)
        raise TransferError(
            f"the source database lacks migrations {names}: run `python -m parley migrate` on it first, "
            "so both sides have the same schema"
        )
    await target.migrate()
    if (await target.migration_status()).current_version != status.current_version:
        raise TransferError("source and target are at different schema versions after migrating the target")
    tables = _in_dependency_order(await _sqlite_tables(source))
    target_columns = await _postgres_columns(target)
    for table in tables:
        if table.name not in target_columns:
            raise TransferError(f"table {table.name} exists in the source but not in the target")
        if await target.fetchval(f'SELECT EXISTS (SELECT 1 FROM "{table.name}")'):  # noqa: S608 - our table names
            raise TransferError(
                f"the target is not empty (table {table.name} has rows); migrate-data fills an empty one"
            )

    counts: dict[str, int] = {}
    async with target.write() as tx:
        for table in tables:
            columns = [c for c in table.columns if c in target_columns[table.name]]
            counts[table.name] = await _copy_table(source, tx, table, columns, batch, progress)
        await _reset_identities(tx)
    copies = []
    for table in tables:
        after = await target.fetchval(f'SELECT count(*) FROM "{table.name}"')  # noqa: S608 - our table names
        copies.append(TableCopy(table.name, counts[table.name], int(after)))
    report = TransferReport(status.current_version, tuple(copies), time.perf_counter() - started)
    log.info("copied %d rows in %d tables in %.1f s", report.rows, len(copies), report.seconds)
    return report


async def _copy_table(
    source: Database,
    tx: Any,
    table: _Table,
    columns: Sequence[str],
    batch: int,
    progress: Callable[[str, int], None] | None,
) -> int:
    cols = ", ".join(f'"{c}"' for c in columns)
    key = table.key or ("rowid",)
    order = ", ".join(f'"{k}"' if k != "rowid" else k for k in key)
    select_key = ", ".join(f'"{k}"' if k != "rowid" else "rowid AS __rowid" for k in key)
    copied = 0
    last: tuple[Any, ...] | None = None
    while True:
        # Keyset paging on the primary key: each batch is an index range scan, whatever the table's size.
        where = f"WHERE ({order}) > ({', '.join('?' for _ in key)}) " if last is not None else ""
        rows = await source.fetchall(
            f'SELECT {cols}, {select_key} FROM "{table.name}" {where}ORDER BY {order} LIMIT ?',  # noqa: S608
            (*(last or ()), batch),
        )
        if not rows:
            break
        records = [tuple(row[i] for i in range(len(columns))) for row in rows]
        if hasattr(tx, "copy_rows"):
            await tx.copy_rows(table.name, columns, records)
        else:  # pragma: no cover - a target backend without COPY
            marks = ", ".join("?" for _ in columns)
            await tx.executemany(f'INSERT INTO "{table.name}" ({cols}) VALUES ({marks})', records)  # noqa: S608
        copied += len(records)
        last = tuple(rows[-1][len(columns) + i] for i in range(len(key)))
        if progress is not None:
            progress(table.name, copied)
        if len(rows) < batch:
            break
    return copied


async def _sqlite_tables(db: Database) -> list[_Table]:
    rows = await db.fetchall("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
    virtual = {r["name"] for r in rows if (r["sql"] or "").upper().startswith("CREATE VIRTUAL TABLE")}
    tables = []
    for row in rows:
        name = row["name"]
        # FTS5 tables and their shadow tables: the target indexes the text its own way (migrations/postgresql/).
        if name.startswith("sqlite_") or name in _SKIP or name in virtual:
            continue
        if any(name.startswith(f"{v}_") for v in virtual):
            continue
        info = await db.fetchall(f'PRAGMA table_info("{name}")')
        fks = await db.fetchall(f'PRAGMA foreign_key_list("{name}")')
        key = tuple(r["name"] for r in sorted((r for r in info if r["pk"]), key=lambda r: r["pk"]))
        tables.append(
            _Table(
                name=name,
                columns=tuple(r["name"] for r in info),
                key=key,
                parents=frozenset(str(f["table"]) for f in fks if str(f["table"]) != name),
            )
        )
    return tables


async def _postgres_columns(db: Database) -> dict[str, set[str]]:
    rows = await db.fetchall(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()"
    )
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(row["table_name"], set()).add(row["column_name"])
    return found


def _in_dependency_order(tables: list[_Table]) -> list[_Table]:
    by_name = {t.name: t for t in tables}
    graph = {t.name: {p for p in t.parents if p in by_name} for t in tables}
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise TransferError(f"foreign keys form a cycle between tables {exc.args[1]}; cannot order the copy") from exc
    return [by_name[name] for name in order]


async def _reset_identities(tx: Any) -> None:
    """Move every identity sequence past the ids copied in, so the next INSERT gets a fresh id."""
    rows = await tx.fetchall(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND is_identity = 'YES'"
    )
    for row in rows:
        table, column = row["table_name"], row["column_name"]
        await tx.fetchval(
            f'SELECT setval(pg_get_serial_sequence(?, ?), COALESCE(MAX("{column}"), 0) + 1, false) '  # noqa: S608
            f'FROM "{table}"',
            (table, column),
        )
