"""The PostgreSQL backend: asyncpg with a connection pool, behind the same Backend protocol as SQLite.

Every statement is written in the portable dialect and translated by bot/database/dialect.py (cached).

Writes: each `write()` block is one READ COMMITTED transaction on its own pooled connection. By default it
is also serialised against every other default write, in every process: its first statement first takes one
transaction-scoped advisory lock shared by all of them. That keeps SQLite's contract ("writes are serialised")
that the repositories were written against, so read-then-write rules (a tally counted in the voting
transaction, "at most N tips a day") stay exact without any change. Within one process, default writes also
queue in arrival order before they take a pooled connection, as on SQLite.

A hot path can declare a narrower scope instead: `await tx.lock("votes", guild_id, kind, item_id)` as the
transaction's FIRST call takes only that key's lock, so writes with different keys run side by side and writes
with the same key queue (a no-op on SQLite, whose writes are serialised anyway). It is only correct when every
transaction that must not interleave with it takes the same key. Conditional updates (`... WHERE status =
'pending'`) and `ON CONFLICT` stay exact either way: PostgreSQL re-checks the condition after waiting for a
concurrent writer's row lock. Lock waits longer than database.busy_timeout_ms raise DatabaseBusy, like SQLite's
busy timeout.

URL: `postgresql://user@host:5432/dbname[?schema=name&pool_min=1&pool_max=10&sslmode=...]`. The password
comes from PGPASSWORD (or ~/.pgpass), never from the config file. `schema` puts Parley's tables in their own
schema (created if missing), so one database can host several bots or a throwaway test schema.
"""

from __future__ import annotations

import asyncio
import contextvars
import datetime as dt
import decimal
import hashlib
import logging
import os
import re
import shutil
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from parley.database.backend import BackupResult, Params, Row
from parley.database.dialect import DialectError, bind, translate
from parley.database.errors import (
    ConstraintError,
    DatabaseBusy,
    DatabaseError,
    DatabaseOpenError,
    DatabaseUnavailable,
    MigrationError,
)
from parley.database.group import GroupCommit, Outcome, WriteFn
from parley.database.migrations import (
    AppliedMigration,
    Migration,
    MigrationStatus,
    default_migrations_dir,
    discover,
    pending_migrations,
)
from parley.domain.errors import SaveFailed

try:  # asyncpg is an optional dependency (`pip install -e ".[postgres]"`); SQLite users never import it.
    import asyncpg
except ImportError:  # pragma: no cover - exercised only where asyncpg is missing
    asyncpg = None

__all__ = ["PostgresBackend", "PostgresUrl", "advisory_key", "override_dir", "translation_problems"]

log = logging.getLogger(__name__)

_TX_CONTROL = ("BEGIN", "COMMIT", "END", "ROLLBACK", "START", "SAVEPOINT", "RELEASE")
_PARLEY_PARAMS = ("schema", "pool_min", "pool_max")
# Connection parameters both asyncpg and libpq understand in a URL; asyncpg sends any other one as a server setting.
_LIBPQ_PARAMS = {
    "host", "port", "user", "dbname", "passfile", "sslmode", "sslcert", "sslkey", "sslrootcert", "sslcrl",
    "connect_timeout", "target_session_attrs", "service", "krbsrvname", "gsslib",
}  # fmt: skip
_SCHEMA_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
# Session-level advisory lock held while one process applies migrations (any 64-bit constant of our own).
_MIGRATION_LOCK = 0x5041524C45594D47  # "PARLEYMG"
# Transaction-level advisory lock every default write takes: cluster-wide, SQLite-like write serialisation.
_WRITE_LOCK = 0x5041524C45595752  # "PARLEYWR"
_STATUS_COUNT = re.compile(r"(\d+)\s*$")
# An override file must not end the transaction the runner wraps it in.
_OVERRIDE_TX = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|END|START\s+TRANSACTION)\s*(TRANSACTION|WORK)?\s*;", re.I | re.M)

_writing: contextvars.ContextVar[PostgresBackend | None] = contextvars.ContextVar(
    "parley_postgres_writing", default=None
)

_SCHEMA_MIGRATIONS = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version           INTEGER PRIMARY KEY,
    name              TEXT NOT NULL,
    checksum          TEXT NOT NULL,
    applied_at        TEXT NOT NULL,
    dialect_checksum  TEXT NULL
)
"""


def override_dir(directory: Path | None = None) -> Path:
    """Where PostgreSQL versions of migrations live: migrations/postgresql/ (same file names)."""
    return (directory or default_migrations_dir()) / "postgresql"


def translation_problems(directory: Path | None = None) -> list[str]:
    """Offline: every migration statement PostgreSQL could not run (untranslatable, no PostgreSQL version)."""
    migrations = discover(directory)
    overrides = _discover_overrides(directory, migrations)
    problems = []
    for migration in migrations:
        if migration.version in overrides:
            continue
        for statement in migration.statements:
            try:
                translate(statement.sql)
            except DialectError as exc:
                problems.append(f"{migration.name}, line {statement.line}: {exc}")
    return problems


def advisory_key(*parts: object) -> int:
    """A stable signed 64-bit key for pg_advisory_*lock from any parts (the same in every process)."""
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


# ------------------------------------------------------------------------------------------------------ url


@dataclass(frozen=True, slots=True)
class PostgresUrl:
    """A database.url split into what asyncpg/libpq understand and Parley's own options."""

    dsn: str  # for asyncpg and pg_dump: the URL without Parley's options
    schema: str | None
    pool_min: int
    pool_max: int

    @classmethod
    def parse(cls, url: str) -> PostgresUrl:
        """Parse a postgresql:// URL; raise DatabaseOpenError on a bad Parley option."""
        parts = urlsplit(url)
        if parts.scheme not in ("postgresql", "postgres"):
            raise DatabaseOpenError(f"not a PostgreSQL URL: expected postgresql://..., got {parts.scheme}://")
        query = parse_qsl(parts.query, keep_blank_values=True)
        ours = {k: v for k, v in query if k in _PARLEY_PARAMS}
        rest = [(k, v) for k, v in query if k not in _PARLEY_PARAMS]
        schema = ours.get("schema") or None
        if schema is not None and not _SCHEMA_NAME.fullmatch(schema):
            raise DatabaseOpenError(f"schema {schema!r} in the database URL: use lowercase letters, digits and _")
        try:
            pool_min = int(ours.get("pool_min", 1))
            pool_max = int(ours.get("pool_max", 10))
        except ValueError:
            raise DatabaseOpenError("pool_min and pool_max in the database URL must be integers") from None
        if not 0 <= pool_min <= pool_max or pool_max < 1:
            raise DatabaseOpenError("the database URL needs 0 <= pool_min <= pool_max and pool_max >= 1")
        dsn = urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(rest), ""))
        return cls(dsn=dsn, schema=schema, pool_min=pool_min, pool_max=pool_max)

    @property
    def tool_dsn(self) -> str:
        """The URL for libpq tools (pg_dump): without server settings asyncpg accepts in it but libpq refuses."""
        parts = urlsplit(self.dsn)
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k in _LIBPQ_PARAMS]
        return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))

    @property
    def display(self) -> str:
        """The URL without any password, for messages and logs."""
        parts = urlsplit(self.dsn)
        netloc = parts.netloc.rsplit("@", 1)
        host = netloc[-1]
        user = netloc[0].split(":", 1)[0] + "@" if len(netloc) == 2 else ""
        query = f"?schema={self.schema}" if self.schema else ""
        return f"{parts.scheme}://{user}{host}{parts.path}{query}"


# --------------------------------------------------------------------------------------------------- errors

_BUSY_STATES = {
    "40001",  # serialization_failure
    "40P01",  # deadlock_detected
    "55P03",  # lock_not_available (lock_timeout)
    "57014",  # query_canceled (statement_timeout)
    "53300",  # too_many_connections
    "57P03",  # cannot_connect_now (server starting up)
}
_CONSTRAINT_KIND = {"23505": "UNIQUE", "23503": "FOREIGN KEY", "23502": "NOT NULL", "23514": "CHECK"}


@contextmanager
def _driver_errors(what: str = "") -> Iterator[None]:
    """Turn asyncpg exceptions into the backend-neutral ones from parley.database.errors."""
    try:
        yield
    except DatabaseError:
        raise
    except TimeoutError as exc:  # the pool had no free connection in time
        raise DatabaseBusy(f"no database connection became free in time{what}") from exc
    except Exception as exc:
        if asyncpg is None:
            raise
        if isinstance(exc, asyncpg.IntegrityConstraintViolationError):
            state = getattr(exc, "sqlstate", "")
            kind = _CONSTRAINT_KIND.get(state, "integrity")
            raise ConstraintError(f"{kind} constraint failed: {exc}") from exc
        if isinstance(exc, asyncpg.PostgresError) and getattr(exc, "sqlstate", "") in _BUSY_STATES:
            raise DatabaseBusy(f"database busy{what}: {exc}") from exc
        reason = _unavailable_reason(exc, lost=isinstance(exc, OSError | asyncpg.InterfaceError))
        if reason is not None:
            raise DatabaseUnavailable(f"{exc}{what}", reason) from exc
        if isinstance(exc, asyncpg.PostgresError | asyncpg.InterfaceError | OSError):
            raise DatabaseError(f"{exc}{what}") from exc
        raise


def _unavailable_reason(exc: BaseException, *, lost: bool) -> str | None:
    """The SaveFailed reason for a failure on the server's side (the member's input is fine), else None.

    `lost`: the connection itself failed (an OSError or asyncpg's InterfaceError)."""
    state = str(getattr(exc, "sqlstate", "") or "")
    if state == "53100":  # disk_full
        return SaveFailed.REASON_DISK_FULL
    if state == "25006":  # read_only_sql_transaction (a standby, or default_transaction_read_only)
        return SaveFailed.REASON_READ_ONLY
    if state.startswith(("58", "53")):  # system error (I/O) / insufficient resources
        return SaveFailed.REASON_DISK_ERROR
    if state.startswith(("08", "57P")) or lost:
        return SaveFailed.REASON_UNREACHABLE  # connection lost, server shutting down or refusing connections
    return None


def _rowcount(status: str) -> int:
    """asyncpg's command status ("UPDATE 3", "INSERT 0 1") -> rows changed; 0 for DDL."""
    match = _STATUS_COUNT.search(status or "")
    return int(match.group(1)) if match else 0


def _check_statement(sql: str) -> None:
    words = sql.lstrip().split(None, 1)
    if words and words[0].rstrip(";").upper() in _TX_CONTROL:
        raise RuntimeError("db.write() commits and rolls back by itself; do not run BEGIN/COMMIT/ROLLBACK")


def _decode_numeric(text: str) -> int | float:
    # SUM() of integers is numeric in PostgreSQL; SQLite gives an int. Keep repositories dialect-blind.
    value = decimal.Decimal(text)
    return int(value) if value == value.to_integral_value() else float(value)


async def _init_connection(conn: Any) -> None:
    await conn.set_type_codec("numeric", encoder=str, decoder=_decode_numeric, schema="pg_catalog", format="text")


# ------------------------------------------------------------------------------------------------------- tx


class _PostgresTx:
    """The Tx handed out by PostgresBackend.write(); valid only inside its `async with` block."""

    __slots__ = ("_conn", "_locked", "_on_keyed", "_open", "memo", "statements")

    def __init__(self, conn: Any, on_keyed: Callable[[], None]) -> None:
        self._conn = conn
        self._open = True
        self._locked = False
        self._on_keyed = on_keyed
        self.memo: dict[Any, Any] = {}  # what the writes of one group remember between them (see sqlite._ThreadTx)
        self.statements = 0  # how many statements ran (a group tells a write that ran none from one that did)

    async def _check(self, sql: str) -> None:
        if not self._open:
            raise RuntimeError("this transaction has ended; use the tx only inside its `async with db.write()` block")
        _check_statement(sql)
        self.statements += 1
        if not self._locked:
            # No narrower scope was declared: serialise with every other default write (see the module doc).
            self._locked = True
            with _driver_errors(" (waiting for other writes)"):
                await self._conn.execute("SELECT pg_advisory_xact_lock($1::bigint)", _WRITE_LOCK)

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; return the number of rows it changed."""
        await self._check(sql)
        query, values = bind(sql, params)
        with _driver_errors():
            return _rowcount(await self._conn.execute(query, *values))

    async def executemany(self, sql: str, rows: Iterable[Params]) -> int:
        """Run one statement per parameter row; return the total number of rows changed."""
        await self._check(sql)
        total = 0
        with _driver_errors():
            for params in rows:
                query, values = bind(sql, params)
                total += _rowcount(await self._conn.execute(query, *values))
        return total

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        """Return the first row of a query (seeing this transaction's writes), or None."""
        await self._check(sql)
        query, values = bind(sql, params)
        with _driver_errors():
            return await self._conn.fetchrow(query, *values)

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        """Return every row of a query (seeing this transaction's writes)."""
        await self._check(sql)
        query, values = bind(sql, params)
        with _driver_errors():
            return list(await self._conn.fetch(query, *values))

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        """Return the first column of the first row, or None."""
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    async def lock(self, *key: object) -> None:
        """Hold `key` until this transaction ends (waiting for any other holder); as the first call, it replaces
        the default all-writes lock, so only transactions with the same key are serialised with this one."""
        if not self._open:
            raise RuntimeError("this transaction has ended")
        if not self._locked:
            self._locked = True
            self._on_keyed()  # no longer a default write: let this process's other writes start
        with _driver_errors(" (waiting for a lock)"):
            await self._conn.execute("SELECT pg_advisory_xact_lock($1::bigint)", advisory_key(*key))

    async def copy_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> int:
        """Bulk-load rows with COPY (migrate-data); return how many."""
        await self._check("COPY")
        with _driver_errors(f" (copying into {table})"):
            await self._conn.copy_records_to_table(table, records=rows, columns=list(columns))
        return len(rows)


# -------------------------------------------------------------------------------------------------- backend


class _Redo(Exception):
    """A grouped write failed after running a statement: roll the group back and run it with savepoints."""


# The most writes one group commit holds (as on SQLite; see bot/database/sqlite.py).
GROUP_CAP = 64


class PostgresBackend:
    """PostgreSQL through an asyncpg pool: READ COMMITTED write transactions, pooled reads, the same migrations."""

    dialect = "postgresql"

    def __init__(self, pool: Any, url: PostgresUrl, *, acquire_timeout_s: float) -> None:
        self._pool = pool
        self.url = url
        self._acquire_timeout = acquire_timeout_s
        self._closed = False
        self._local_writes = asyncio.Lock()
        self.group = GroupCommit(self._run_group, GROUP_CAP)

    @property
    def location(self) -> str:
        """The database URL without any password."""
        return self.url.display

    # ------------------------------------------------------------------------------------------------ opening

    @classmethod
    async def open(cls, url: str, *, busy_timeout_ms: int = 5000) -> PostgresBackend:
        """Connect a pool to the database at `url` (creating `?schema=` if missing); raise DatabaseOpenError."""
        if asyncpg is None:
            raise DatabaseOpenError(
                "database.url is a PostgreSQL URL but asyncpg is not installed: pip install -e '.[postgres]'"
            )
        parsed = PostgresUrl.parse(url)
        settings = {"application_name": "parley", "TimeZone": "UTC", "lock_timeout": str(max(1, int(busy_timeout_ms)))}
        if parsed.schema:
            settings["search_path"] = parsed.schema
        try:
            if parsed.schema:
                await _ensure_schema(parsed)
            pool = await asyncpg.create_pool(
                parsed.dsn,
                min_size=parsed.pool_min,
                max_size=parsed.pool_max,
                server_settings=settings,
                init=_init_connection,
                timeout=10,
            )
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            raise DatabaseOpenError(f"cannot open database at '{parsed.display}': {exc}") from exc
        log.info("opened PostgreSQL database at %s", parsed.display)
        return cls(pool, parsed, acquire_timeout_s=max(busy_timeout_ms / 1000, 1.0))

    async def close(self) -> None:
        """Wait for running work (up to 10 s), then close every connection; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        try:
            await asyncio.wait_for(self._pool.close(), timeout=10)
        except TimeoutError:
            log.warning("PostgreSQL connections still busy after 10 s; terminating them")
            self._pool.terminate()

    def _check_open(self) -> None:
        if self._closed:
            raise DatabaseError("the database is closed")

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[Any]:
        self._check_open()
        with _driver_errors(" (waiting for a connection)"):
            conn = await self._pool.acquire(timeout=self._acquire_timeout)
        try:
            yield conn
        finally:
            await self._pool.release(conn)

    # ------------------------------------------------------------------------------------------------- writes

    @asynccontextmanager
    async def write(self) -> AsyncIterator[_PostgresTx]:
        """`async with backend.write() as tx:`; commits at the end of the block, rolls back on an exception."""
        if _writing.get() is self:
            # Same rule as SQLite: a nested write would be a second, independent transaction here.
            raise RuntimeError("db.write() is already open in this task; pass its tx down instead of nesting")
        # Default writes are serialised cluster-wide anyway; queueing them here first keeps this process's writes
        # in arrival order (as on SQLite) and leaves pool connections free for reads while they wait.
        await self._local_writes.acquire()
        held = True

        def release_local() -> None:
            nonlocal held
            if held:
                held = False
                self._local_writes.release()

        try:
            async with self._connection() as conn:
                token = _writing.set(self)
                try:
                    transaction = conn.transaction(isolation="read_committed")
                    with _driver_errors(" (starting a write)"):
                        await transaction.start()
                    tx = _PostgresTx(conn, release_local)
                    try:
                        yield tx
                        tx._open = False
                        with _driver_errors(" (at commit)"):
                            await transaction.commit()
                    except BaseException:
                        tx._open = False
                        # The connection may be broken (that can be why we are here); the pool discards it then.
                        with suppress(Exception):
                            await transaction.rollback()
                        raise
                finally:
                    _writing.reset(token)
        finally:
            release_local()

    def run_write(self, fn: WriteFn) -> Awaitable[Any]:
        """Run `async def fn(tx)` in a write transaction shared with concurrent callers (group commit).

        Same contract as on SQLite: the group runs plainly in one transaction, every caller answered after its
        COMMIT; if a write fails after running a statement, the group is run again with a savepoint per write.
        """
        if _writing.get() is self:
            raise RuntimeError("db.write() is already open in this task; pass its tx down instead of nesting")
        self._check_open()
        return self.group.submit(fn)

    async def _run_group(self, fns: Sequence[WriteFn]) -> list[Outcome[Any]]:
        try:
            return await self._run_plainly(fns)
        except _Redo:
            # A write failed after running a statement: PostgreSQL cannot undo it alone without a savepoint (a
            # failed statement even aborts the whole transaction), so the group was rolled back; run it again
            # with a savepoint per write (the writes only use their tx, so they give the same answers).
            return await self._run_in_savepoints(fns)

    async def _run_plainly(self, fns: Sequence[WriteFn]) -> list[Outcome[Any]]:
        outcomes: list[Outcome[Any]] = []
        async with self.write() as tx:
            await tx.fetchval("SELECT 1")  # the default write lock, before any write runs
            n, count = 0, len(fns)
            while n < count:
                fn = fns[n]
                batch = getattr(fn, "batch", None)
                if batch is not None:  # a run of writes that go as a set (the votes' presses, see group.py)
                    end = n + 1
                    while end < count and getattr(fns[end], "batch", None) is batch:
                        end += 1
                    try:
                        outcomes += await batch(tx, fns[n:end])
                    except Exception as exc:
                        raise _Redo from exc  # each write again alone, in its savepoint
                    n = end
                    continue
                n += 1
                ran = tx.statements
                try:
                    outcomes.append(Outcome(await fn(tx)))
                except Exception as exc:
                    if tx.statements != ran:
                        raise _Redo from exc  # rolls the group back (write() does)
                    outcomes.append(Outcome(error=exc))  # refused before touching the database
        return outcomes

    async def _run_in_savepoints(self, fns: Sequence[WriteFn]) -> list[Outcome[Any]]:
        outcomes: list[Outcome[Any]] = []
        async with self.write() as tx:
            # Take the default write lock before the first savepoint, so that no rolled-back savepoint owns it.
            await tx.fetchval("SELECT 1")
            for fn in fns:
                try:
                    async with tx._conn.transaction():  # nested: a SAVEPOINT, rolled back alone on an exception
                        outcomes.append(Outcome(value=await fn(tx)))
                except Exception as exc:
                    tx.memo.clear()
                    outcomes.append(Outcome(error=exc))
        return outcomes

    # ------------------------------------------------------------------------------------------------ erasure

    async def erase_residue(self, tables: Sequence[str]) -> None:
        """VACUUM the tables rows were erased from: a deleted row stays in its page as a dead tuple (readable
        in the data files and base backups) until VACUUM reclaims it; the GIN search index is cleaned with it."""
        async with self._connection() as conn:
            for table in tables:
                if not re.fullmatch(r"[a-z_]+", table):
                    raise ValueError(f"not a table name: {table!r}")
                with _driver_errors(" (erasing residue)"):
                    # VACUUM cannot run inside a transaction; outside write() this connection is in autocommit.
                    await conn.execute(f"VACUUM {table}")

    # -------------------------------------------------------------------------------------------------- reads

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        """Read the first row of a query, or None."""
        query, values = bind(sql, params)
        async with self._connection() as conn:
            with _driver_errors():
                return await conn.fetchrow(query, *values)

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        """Read every row of a query."""
        query, values = bind(sql, params)
        async with self._connection() as conn:
            with _driver_errors():
                return list(await conn.fetch(query, *values))

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        """Read the first column of the first row, or None."""
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    # --------------------------------------------------------------------------------------------- migrations

    async def migration_status(self, directory: Path | None = None) -> MigrationStatus:
        """Applied and pending migrations; raises MigrationError if the history and the files disagree."""
        migrations = discover(directory)
        overrides = _discover_overrides(directory, migrations)
        async with self._connection() as conn:
            applied = await self._applied(conn)
        pending = pending_migrations(migrations, applied)
        _check_overrides(applied, overrides)
        return MigrationStatus(applied=tuple(applied), pending=tuple(pending))

    async def migrate(self, directory: Path | None = None) -> list[Migration]:
        """Apply pending migrations in order, each in its own transaction; return those applied.

        Several processes may start at once: a session advisory lock lets one apply while the others wait,
        then find nothing left to do.
        """
        migrations = discover(directory)
        overrides = _discover_overrides(directory, migrations)
        done: list[Migration] = []
        async with self._connection() as conn:
            with _driver_errors(" (waiting for another process's migrations)"):
                await conn.execute("SET lock_timeout = 0")  # waiting for another migrator is expected
                await conn.execute("SELECT pg_advisory_lock($1::bigint)", _MIGRATION_LOCK)
            try:
                applied = await self._applied(conn)
                pending = pending_migrations(migrations, applied)
                _check_overrides(applied, overrides)
                for migration in pending:
                    if await self._apply(conn, migration, overrides.get(migration.version)):
                        done.append(migration)
                        log.info("applied migration %s", migration.name)
            finally:
                with suppress(Exception):
                    await conn.execute("SELECT pg_advisory_unlock($1::bigint)", _MIGRATION_LOCK)
                    await conn.execute("RESET lock_timeout")
        return done

    async def _applied(self, conn: Any) -> list[AppliedMigration]:
        with _driver_errors():
            exists = await conn.fetchval("SELECT to_regclass('schema_migrations') IS NOT NULL")
            if not exists:
                return []
            rows = await conn.fetch(
                "SELECT version, name, checksum, applied_at, dialect_checksum FROM schema_migrations ORDER BY version"
            )
        return [_AppliedPg(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    async def _apply(self, conn: Any, migration: Migration, override: _Override | None) -> bool:
        """Apply one migration atomically; False if another process applied it first."""
        line: int | None = None
        try:
            async with conn.transaction():
                await conn.execute(_SCHEMA_MIGRATIONS)
                if await conn.fetchval("SELECT 1 FROM schema_migrations WHERE version = $1", migration.version):
                    return False
                if override is not None:
                    # The whole file at once (simple protocol): it may hold $$-quoted function bodies.
                    await conn.execute(override.text)
                else:
                    for statement in migration.statements:
                        line = statement.line
                        await conn.execute("".join(translate(statement.sql).pieces))
                    line = None
                await conn.execute(
                    "INSERT INTO schema_migrations (version, name, checksum, applied_at, dialect_checksum) "
                    "VALUES ($1, $2, $3, $4, $5)",
                    migration.version,
                    migration.name,
                    migration.checksum,
                    _utc_now(),
                    override.checksum if override else None,
                )
        except DialectError as exc:
            raise MigrationError(
                f"migration {migration.name} (statement at line {line}) cannot run on PostgreSQL: {exc}"
            ) from exc
        except Exception as exc:
            if asyncpg is None or not isinstance(exc, asyncpg.PostgresError):
                raise
            where = f" (statement at line {line})" if line is not None else ""
            source = f" (PostgreSQL version {override.path})" if override else ""
            raise MigrationError(
                f"migration {migration.name}{source} failed{where}: {exc}; rolled back, nothing from it was applied"
            ) from exc
        return True

    # ------------------------------------------------------------------------------------------------- backup

    async def backup(self, path: Path, *, overwrite: bool = False) -> BackupResult:
        """Dump the database with pg_dump (custom format) and check the dump with pg_restore --list."""
        self._check_open()
        path = Path(path)
        if path.exists() and not overwrite:
            raise DatabaseError(f"'{path}' already exists; choose another path or overwrite it explicitly")
        if not path.parent.is_dir():
            raise DatabaseError(f"cannot write backup to '{path}': directory does not exist")
        pg_dump, pg_restore = shutil.which("pg_dump"), shutil.which("pg_restore")
        if pg_dump is None or pg_restore is None:
            raise DatabaseError(
                "backing up PostgreSQL needs pg_dump and pg_restore on PATH (Debian: apt-get install "
                "postgresql-client); or run `pg_dump --format=custom` yourself"
            )
        partial = path.with_name(path.name + ".partial")
        partial.unlink(missing_ok=True)
        started = time.perf_counter()
        schema = ["--schema", self.url.schema] if self.url.schema else []
        await _run_tool(pg_dump, "--format=custom", "--no-owner", f"--file={partial}", *schema, self.url.tool_dsn)
        try:
            listing = await _run_tool(pg_restore, "--list", str(partial))
        except DatabaseError as exc:
            partial.unlink(missing_ok=True)
            return BackupResult(path=path, size_bytes=0, integrity=(str(exc),), seconds=time.perf_counter() - started)
        os.replace(partial, path)
        entries = sum(1 for line in listing.splitlines() if line and not line.startswith(";"))
        log.info("pg_dump wrote %s (%d archive entries)", path, entries)
        return BackupResult(
            path=path, size_bytes=path.stat().st_size, integrity=("ok",), seconds=time.perf_counter() - started
        )


# ---------------------------------------------------------------------------------------------------- helpers


@dataclass(frozen=True, slots=True)
class _AppliedPg(AppliedMigration):
    """A schema_migrations row of a PostgreSQL database: also the checksum of the PostgreSQL version used."""

    dialect_checksum: str | None = None


@dataclass(frozen=True, slots=True)
class _Override:
    path: Path
    text: str
    checksum: str


def _discover_overrides(directory: Path | None, migrations: Sequence[Migration]) -> dict[int, _Override]:
    folder = override_dir(directory)
    if not folder.is_dir():
        return {}
    by_name = {m.name: m for m in migrations}
    found: dict[int, _Override] = {}
    for path in sorted(folder.glob("*.sql")):
        migration = by_name.get(path.name)
        if migration is None:
            raise MigrationError(
                f"PostgreSQL migration {path} has no counterpart in {folder.parent}: "
                "a PostgreSQL version must carry the exact file name of the migration it replaces"
            )
        text = path.read_bytes().decode("utf-8").replace("\r\n", "\n")
        if _OVERRIDE_TX.search(text):
            raise MigrationError(
                f"PostgreSQL migration {path.name} controls its transaction; the runner wraps each migration in one"
            )
        found[migration.version] = _Override(path, text, hashlib.sha256(text.encode()).hexdigest())
    return found


def _check_overrides(applied: Sequence[AppliedMigration], overrides: dict[int, _Override]) -> None:
    for record in applied:
        recorded = getattr(record, "dialect_checksum", None)
        override = overrides.get(record.version)
        current = override.checksum if override else None
        if recorded != current:
            what = (
                "its PostgreSQL version was added after it was applied"
                if recorded is None
                else "its PostgreSQL version was removed after it was applied"
                if current is None
                else "its PostgreSQL version was edited after it was applied (checksum mismatch)"
            )
            raise MigrationError(f"migration {record.name}: {what}; migrations are forward-only: add a new one")


async def _ensure_schema(url: PostgresUrl) -> None:
    conn = await asyncpg.connect(url.dsn, timeout=10)
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_namespace WHERE nspname = $1", url.schema)
        if not exists:
            # Two processes may race here; the loser's "already exists" is fine.
            with suppress(asyncpg.DuplicateSchemaError, asyncpg.UniqueViolationError):
                await conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{url.schema}"')
    finally:
        await conn.close()


async def _run_tool(*args: str) -> str:
    proc = await asyncio.create_subprocess_exec(
        *args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, stdin=asyncio.subprocess.DEVNULL
    )
    out, err = await proc.communicate()
    if proc.returncode != 0:
        tool = Path(args[0]).name
        raise DatabaseError(f"{tool} failed (exit {proc.returncode}): {err.decode(errors='replace').strip()[:500]}")
    return out.decode(errors="replace")


def _utc_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
