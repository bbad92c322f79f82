"""The SQLite backend: one long-lived writer connection (WAL) plus one read-only connection.

aiosqlite runs each connection on its own thread, so one writer serialises writes anyway; the asyncio.Lock
keeps a whole transaction (BEGIN IMMEDIATE ... COMMIT) together, so two tasks never interleave statements.
In WAL mode the reader sees the last committed state while a write is in progress.
"""

from __future__ import annotations

import asyncio
import contextvars
import datetime as dt
import logging
import os
import sqlite3
import time
from collections.abc import AsyncIterator, Awaitable, Iterable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager, suppress
from pathlib import Path
from typing import Any

import aiosqlite

from parley.database.backend import BackupResult, Params, Row
from parley.database.errors import (
    ConstraintError,
    DatabaseBusy,
    DatabaseError,
    DatabaseOpenError,
    DatabaseUnavailable,
    MigrationError,
)
from parley.database.group import GroupCommit, Outcome, WriteFn, drive
from parley.database.migrations import AppliedMigration, Migration, MigrationStatus, discover, pending_migrations
from parley.domain.errors import SaveFailed

__all__ = ["SQLiteBackend"]

log = logging.getLogger(__name__)

# SQLITE_BUSY and SQLITE_LOCKED (primary codes; extended codes keep them in the low byte).
_BUSY_CODES = {5, 6}
# Failures on the server's side, not the statement's (primary codes): the member's input is fine, keep it.
_UNAVAILABLE = {
    13: SaveFailed.REASON_DISK_FULL,  # SQLITE_FULL: disk (or max_page_count) full
    10: SaveFailed.REASON_DISK_ERROR,  # SQLITE_IOERR
    8: SaveFailed.REASON_READ_ONLY,  # SQLITE_READONLY
    14: SaveFailed.REASON_UNREACHABLE,  # SQLITE_CANTOPEN (the file or its directory went away)
}
_TX_CONTROL = ("BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE")
# At most this many writes share one transaction: 200, the bench's burst, so 200 members pressing at once share
# one COMMIT, one hand-off and one tally read per item. Against 64, six alternating runs: 22 015 against 17 793
# votes/s (1.57 against 1.27 x A2); the vote click's ack p99 in the 200-burst 125-165 -> 162-190 ms.
GROUP_CAP = 200
WRITER_CACHE_KIB = 32 * 1024
# Checkpoints (copying the WAL back into the database file, with two fsyncs) run on a connection of their own, in
# its own thread, after every CHECKPOINT_EVERY commits: on the writer they were half of a vote's time at 10 M votes
# (each vote dirties random pages of a big file). The writer still checkpoints by itself once the WAL holds
# WRITER_CHECKPOINT_PAGES (32 MiB), a backstop that also lets the WAL start over while votes never pause.
CHECKPOINT_EVERY = 4
WRITER_CHECKPOINT_PAGES = 8192
CHECKPOINTER_CACHE_KIB = 512

# Set while the current task is inside write(); a nested write() would wait on its own lock forever.
_writing: contextvars.ContextVar[SQLiteBackend | None] = contextvars.ContextVar("parley_sqlite_writing", default=None)

_SCHEMA_MIGRATIONS = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    applied_at TEXT NOT NULL
)
"""


@contextmanager
def _driver_errors(what: str = "") -> Iterator[None]:
    """Turn sqlite3 exceptions into the backend-neutral ones from parley.database.errors."""
    try:
        yield
    except sqlite3.IntegrityError as exc:
        raise ConstraintError(str(exc)) from exc
    except sqlite3.Error as exc:
        code = getattr(exc, "sqlite_errorcode", None)
        if (code is not None and code & 0xFF in _BUSY_CODES) or "database is locked" in str(exc):
            raise DatabaseBusy(f"database is locked{what}: another connection held it past the busy timeout") from exc
        reason = _UNAVAILABLE.get(code & 0xFF) if code is not None else None
        if reason is not None:
            raise DatabaseUnavailable(f"{exc}{what}", reason) from exc
        raise DatabaseError(str(exc)) from exc


class _SQLiteTx:
    """The Tx handed out by SQLiteBackend.write(); valid only inside its `async with` block."""

    __slots__ = ("_conn", "_open", "memo")

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn
        self._open = True
        self.memo: dict[Any, Any] = {}

    def _check(self, sql: str) -> None:
        if not self._open:
            raise RuntimeError("this transaction has ended; use the tx only inside its `async with db.write()` block")
        words = sql.lstrip().split(None, 1)
        if words and words[0].rstrip(";").upper() in _TX_CONTROL:
            raise RuntimeError("db.write() commits and rolls back by itself; do not run BEGIN/COMMIT/ROLLBACK")

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; return the number of rows it changed."""
        self._check(sql)
        with _driver_errors():
            return await self._conn._execute(_run, self._conn._conn, sql, params)  # type: ignore[no-any-return]

    async def executemany(self, sql: str, rows: Iterable[Params]) -> int:
        """Run one statement per parameter row; return the total number of rows changed."""
        self._check(sql)
        with _driver_errors():
            async with self._conn.executemany(sql, rows) as cursor:
                return max(cursor.rowcount, 0)

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        """Return the first row of a query (seeing this transaction's writes), or None."""
        self._check(sql)
        with _driver_errors():
            return await self._conn._execute(_first, self._conn._conn, sql, params)  # type: ignore[no-any-return]

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        """Return every row of a query (seeing this transaction's writes)."""
        self._check(sql)
        with _driver_errors():
            return await self._conn._execute(_every, self._conn._conn, sql, params)  # type: ignore[no-any-return]

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        """Return the first column of the first row, or None."""
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]


# One statement as one function on the connection's thread: one hand-off instead of aiosqlite's two or three
# (execute, fetch, close), which were most of a read's latency (issue 21).
def _run(conn: sqlite3.Connection, sql: str, params: Params) -> int:
    cursor = conn.execute(sql, params)
    try:
        return max(cursor.rowcount, 0)
    finally:
        cursor.close()


def _first(conn: sqlite3.Connection, sql: str, params: Params) -> Row | None:
    cursor = conn.execute(sql, params)
    try:
        return cursor.fetchone()  # type: ignore[no-any-return]
    finally:
        cursor.close()


def _every(conn: sqlite3.Connection, sql: str, params: Params) -> list[Row]:
    cursor = conn.execute(sql, params)
    try:
        return cursor.fetchall()
    finally:
        cursor.close()


class _ThreadTx:
    """The Tx the writes of one group get on the writer's own thread: the same methods, run synchronously.

    Its coroutines never suspend, so `group.drive` runs a whole `async def fn(tx)` in one step on that thread.
    sqlite3 errors are translated once per write by `_run_group_in_thread`, not per statement: a vote is a few
    statements, and Python around them, not SQLite, was most of its cost. `memo` is what the group's writes
    remember between them (the votes keep each item's tally there); it is emptied when a write is undone.
    """

    __slots__ = ("_conn", "_open", "memo")

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._open = True
        self.memo: dict[Any, Any] = {}

    def _cursor(self, sql: str, params: Params) -> sqlite3.Cursor:
        if not self._open:
            raise RuntimeError("this transaction has ended; use the tx only inside its write function")
        if sql not in _ALLOWED:
            words = sql.lstrip().split(None, 1)
            if words and words[0].rstrip(";").upper() in _TX_CONTROL:
                raise RuntimeError("a grouped write commits and rolls back by itself; do not run BEGIN/COMMIT")
            if len(_ALLOWED) < 1024:  # the repositories' statements are constants; remember them once checked
                _ALLOWED.add(sql)
        return self._conn.execute(sql, params)

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; return the number of rows it changed."""
        cursor = self._cursor(sql, params)
        count = cursor.rowcount
        cursor.close()
        return max(count, 0)

    async def executemany(self, sql: str, rows: Iterable[Params]) -> int:
        """Run one statement per parameter row; return the total number of rows changed."""
        return sum([await self.execute(sql, row) for row in rows])

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        """Return the first row of a query (seeing this transaction's writes), or None."""
        cursor = self._cursor(sql, params)
        row = cursor.fetchone()
        cursor.close()  # an unfinished statement would block a savepoint's RELEASE or the COMMIT
        return row  # type: ignore[no-any-return]

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        """Return every row of a query (seeing this transaction's writes)."""
        return self._cursor(sql, params).fetchall()

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        """Return the first column of the first row, or None."""
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]


_ALLOWED: set[str] = set()


def _translated(exc: sqlite3.Error, what: str = "") -> Exception:
    """The backend-neutral error for a sqlite3 one (what _driver_errors raises)."""
    try:
        with _driver_errors(what):
            raise exc
    except Exception as translated:
        return translated


def _run_group_in_thread(conn: sqlite3.Connection, fns: list[WriteFn]) -> list[Outcome[Any]]:
    """BEGIN IMMEDIATE; every write; COMMIT. Runs on the writer's thread, in one hand-off.

    The writes run one after the other without savepoints (a savepoint costs as much as a vote's read). A write
    that refuses before changing anything (NotFound, SelfVote: the common failures) just reports its error. One
    that fails after changing rows, or on an SQLite error, would leave part of itself behind: then the whole group
    is rolled back and run again with a savepoint per write, so that one is undone alone (the writes only read
    and write through their tx, so running them again gives the same answers).
    """
    with _driver_errors(" (waiting to start a write)"):
        conn.execute("BEGIN IMMEDIATE")
    try:
        outcomes = _run_plainly(conn, fns)
        if outcomes is None:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            with _driver_errors(" (waiting to start a write)"):
                conn.execute("BEGIN IMMEDIATE")
            outcomes = _run_in_savepoints(conn, fns)
        with _driver_errors(" (at commit)"):
            conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
    return outcomes


def _run_plainly(conn: sqlite3.Connection, fns: list[WriteFn]) -> list[Outcome[Any]] | None:
    """Each write in turn in the open transaction; None when one failed after changing something.

    A run of writes that share a `batch` function (the votes' presses) is handed to it at once (see group.py).
    """
    tx = _ThreadTx(conn)
    outcomes: list[Outcome[Any]] = []
    append = outcomes.append
    try:
        n, count = 0, len(fns)
        while n < count:
            fn = fns[n]
            batch = getattr(fn, "batch", None)
            if batch is not None:
                end = n + 1
                while end < count and getattr(fns[end], "batch", None) is batch:
                    end += 1
                try:
                    outcomes += drive(batch(tx, fns[n:end]))
                except Exception:
                    return None
                n = end
                continue
            n += 1
            changes = conn.total_changes
            try:
                append(Outcome(drive(fn(tx))))
            except sqlite3.Error:
                return None
            except Exception as exc:  # the write's own refusal: harmless if it changed nothing yet
                if conn.total_changes != changes:
                    return None
                tx.memo.clear()
                append(Outcome(error=exc))
    finally:
        tx._open = False
    return outcomes


def _run_in_savepoints(conn: sqlite3.Connection, fns: list[WriteFn]) -> list[Outcome[Any]]:
    """Each write in its own savepoint: a failing one is rolled back alone."""
    tx = _ThreadTx(conn)
    outcomes: list[Outcome[Any]] = []
    execute = conn.execute
    try:
        for fn in fns:
            execute("SAVEPOINT parley_write")
            try:
                outcome: Outcome[Any] = Outcome(drive(fn(tx)))
            except sqlite3.Error as exc:  # a constraint, a full disk: this write alone is undone
                execute("ROLLBACK TO parley_write")
                tx.memo.clear()
                outcome = Outcome(error=_translated(exc))
            except Exception as exc:  # the write's own refusal (NotFound, SelfVote, ...): undone alone too
                execute("ROLLBACK TO parley_write")
                tx.memo.clear()
                outcome = Outcome(error=exc)
            execute("RELEASE parley_write")
            outcomes.append(outcome)
    finally:
        tx._open = False
    return outcomes


class SQLiteBackend:
    """SQLite through aiosqlite: WAL, foreign keys on, writes serialised in BEGIN IMMEDIATE transactions."""

    dialect = "sqlite"

    def __init__(
        self,
        path: Path,
        writer: aiosqlite.Connection,
        reader: aiosqlite.Connection,
        checkpointer: aiosqlite.Connection | None = None,
    ) -> None:
        self.path = path
        self._writer = writer
        self._reader = reader
        self._checkpointer = checkpointer  # None: the writer checkpoints by itself (SQLite's default)
        self._commits = 0  # commits since the last background checkpoint started
        self._checkpoint: asyncio.Future[None] | None = None
        self.checkpoints = 0  # background checkpoints run (the tests read it)
        self._write_lock = asyncio.Lock()
        self._lock_wanted = 0  # tasks waiting for the lock outside group commit (write(), migrations, close)
        self._chained = 0  # groups handed to the writer's thread and not finished: they hold the lock together
        self._closed = False
        # Two groups in flight: the writer's thread starts the next as soon as one commits, instead of waiting for
        # the event loop to wake up, answer and hand it over (each group is still answered after its own COMMIT).
        self.group = GroupCommit(self._run_group, GROUP_CAP, depth=2)

    @property
    def location(self) -> str:
        """The database file path, as configured."""
        return str(self.path)

    # ------------------------------------------------------------------------------------------------ opening

    @classmethod
    async def open(
        cls, path: str | os.PathLike[str], *, busy_timeout_ms: int = 5000, must_exist: bool = False
    ) -> SQLiteBackend:
        """Open (creating it unless must_exist) the database file at `path`; raise DatabaseOpenError if impossible."""
        path = Path(path)
        _check_path(path, must_exist=must_exist)
        writer = reader = checkpointer = None
        try:
            writer = await _connect(path, busy_timeout_ms)
            mode = await _scalar(writer, "PRAGMA journal_mode = WAL")
            if str(mode).lower() != "wal":
                log.warning("SQLite refused WAL mode for %s (journal_mode=%s); reads will wait for writes", path, mode)
            await _exec(writer, "PRAGMA synchronous = NORMAL")  # safe with WAL: only the last commits can be lost
            # Votes land on random pages of the votes indexes; with SQLite's default 2 MB cache a big community's
            # writes re-read their interior pages from the OS on every vote (measured: +10-40 % votes/s at
            # 10 M votes). 32 MiB at most, filled only as pages are used.
            await _exec(writer, f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
            reader = await _connect(path, busy_timeout_ms)
            await _exec(reader, "PRAGMA query_only = ON")
            if str(mode).lower() == "wal":
                await _exec(writer, f"PRAGMA wal_autocheckpoint = {WRITER_CHECKPOINT_PAGES}")
                # A checkpoint reads the WAL and writes the database file directly: it needs little page cache.
                checkpointer = await _connect(path, busy_timeout_ms)
                await _exec(checkpointer, "PRAGMA synchronous = NORMAL")
                await _exec(checkpointer, f"PRAGMA cache_size = -{CHECKPOINTER_CACHE_KIB}")
        except (sqlite3.Error, OSError) as exc:
            for conn in (checkpointer, reader, writer):
                if conn is not None:
                    with suppress(Exception):
                        await conn.close()
            detail = "not an SQLite database" if "not a database" in str(exc) else str(exc)
            raise DatabaseOpenError(f"cannot open database at '{path}': {detail}") from exc
        log.info("opened SQLite database at %s", path)
        return cls(path, writer, reader, checkpointer)

    async def close(self) -> None:
        """Wait for the running write, then close both connections; safe to call twice."""
        if self._closed:
            return
        async with self._exclusive():
            self._closed = True
            if self._checkpoint is not None:
                await self._checkpoint  # never raises (see _checkpoint_in_background)
            if self._checkpointer is not None:
                await self._checkpointer.close()
            with suppress(sqlite3.Error):
                # Cheap, and recommended by SQLite before closing a long-lived connection.
                await _exec(self._writer, "PRAGMA optimize")
            with suppress(sqlite3.Error):
                # Leave no WAL behind with old page versions in it (erased text among them).
                await _exec(self._writer, "PRAGMA wal_checkpoint(TRUNCATE)")
            await self._reader.close()
            await self._writer.close()

    # ------------------------------------------------------------------------------------------------- writes

    @asynccontextmanager
    async def write(self) -> AsyncIterator[_SQLiteTx]:
        """`async with backend.write() as tx:`; commits at the end of the block, rolls back on an exception."""
        if _writing.get() is self:
            raise RuntimeError("db.write() is already open in this task; pass its tx down instead of nesting")
        async with self._exclusive():
            self._check_open()
            token = _writing.set(self)
            try:
                # aiosqlite's thread runs BEGIN even if this task is cancelled while waiting for it; a cancelled
                # wait must therefore let it finish and undo it, or the file stays locked for everyone else.
                begin = asyncio.ensure_future(_exec(self._writer, "BEGIN IMMEDIATE"))
                try:
                    with _driver_errors(" (waiting to start a write)"):
                        await asyncio.shield(begin)
                except asyncio.CancelledError:
                    with suppress(Exception):
                        await begin
                    await self._rollback()
                    raise
                tx = _SQLiteTx(self._writer)
                try:
                    yield tx
                    tx._open = False
                    with _driver_errors(" (at commit)"):
                        await _exec(self._writer, "COMMIT")
                    self._committed()
                except BaseException:
                    tx._open = False
                    await self._rollback()
                    raise
            finally:
                _writing.reset(token)

    def run_write(self, fn: WriteFn) -> Awaitable[Any]:
        """Run `async def fn(tx)` in a write transaction shared with concurrent callers (group commit).

        `fn` runs on the writer's thread and may only await its tx. What this returns is awaited; it gives what
        `fn` returned after the COMMIT (or raises what `fn` raised, with its changes undone). A plain function
        handing back the group's future: a vote's path is short. See bot/database/group.py.
        """
        if _writing.get() is self:
            raise RuntimeError("db.write() is already open in this task; pass its tx down instead of nesting")
        self._check_open()
        return self.group.submit(fn)

    @asynccontextmanager
    async def _exclusive(self) -> AsyncIterator[None]:
        """Hold the write lock (counted while waiting for it, so that group commit lets it through)."""
        self._lock_wanted += 1
        try:
            await self._write_lock.acquire()
        finally:
            self._lock_wanted -= 1
        try:
            yield
        finally:
            self._write_lock.release()

    async def _run_group(self, fns: list[WriteFn]) -> list[Outcome[Any]]:
        # A group joins the ones already on the writer's thread (aiosqlite's queue runs them in order, each its own
        # transaction) unless another write waits for the lock: then it queues behind that write, so votes arriving
        # without pause can't keep db.write() out. The first group of a chain takes the lock, the last frees it.
        if self._chained == 0 or self._lock_wanted:
            await self._write_lock.acquire()  # once it is ours, no chain is left (a chain holds it while it runs)
        self._chained += 1
        try:
            self._check_open()
            # One hand-off to the writer's thread for the whole group (aiosqlite's own queue, so the statements
            # stay on the thread that owns the connection). A cancelled wait still lets the thread finish.
            job = asyncio.ensure_future(self._writer._execute(_run_group_in_thread, self._writer._conn, fns))
            outcomes: list[Outcome[Any]] = await asyncio.shield(job)
            self._committed()
            return outcomes
        finally:
            self._chained -= 1
            if self._chained == 0:
                self._write_lock.release()

    def _committed(self) -> None:
        """Count a commit; every CHECKPOINT_EVERY of them, checkpoint on the checkpointer's thread (one at a time)."""
        self._commits += 1
        if self._commits >= CHECKPOINT_EVERY and self._checkpoint is None and self._checkpointer is not None:
            self._commits = 0
            self._checkpoint = asyncio.ensure_future(self._checkpoint_in_background(self._checkpointer))

    async def _checkpoint_in_background(self, conn: aiosqlite.Connection) -> None:
        # PASSIVE: copy what is committed without waiting for (or blocking) the writer or the readers. It runs
        # beside the next group; SQLite releases the GIL while it copies and syncs.
        try:
            await _exec(conn, "PRAGMA wal_checkpoint(PASSIVE)")
            self.checkpoints += 1
        except (sqlite3.Error, ValueError) as exc:  # busy, or closed under it: the writer's backstop still runs
            log.debug("background WAL checkpoint skipped: %s", exc)
        finally:
            self._checkpoint = None

    async def _rollback(self) -> None:
        # The transaction may already be gone (a failed COMMIT can end it); that is fine.
        if self._writer.in_transaction:
            with suppress(sqlite3.Error):
                await _exec(self._writer, "ROLLBACK")

    def _check_open(self) -> None:
        if self._closed:
            raise DatabaseError("the database is closed")

    # ------------------------------------------------------------------------------------------------ erasure

    async def erase_residue(self, tables: Sequence[str]) -> None:
        """Leave no trace of rows deleted from `tables` in parley.db, its -wal or -shm.

        secure_delete zeroes freed rows and pages, but two copies survive it. An FTS5 index (`<table>_fts`) only
        records a deletion as a new segment; the old segment with the words stays in `<table>_fts_data` until its
        segments are merged, so 'optimize' merges them (rewriting just this one index; erasures are rare). And the
        WAL keeps every page version written since the last checkpoint, including the ones that held the text;
        a TRUNCATE checkpoint copies the current pages into the main file and cuts the WAL to zero bytes.
        """
        async with self._exclusive():
            self._check_open()
            with _driver_errors(" (erasing residue)"):
                for table in tables:
                    fts = f"{table}_fts"
                    if await _scalar(
                        self._writer, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (fts,)
                    ):
                        # The name comes from sqlite_master, not from a member.
                        await _exec(self._writer, f"INSERT INTO {fts} ({fts}) VALUES ('optimize')")  # noqa: S608
                # A background checkpoint may have copied the erased text into the file already, and would make
                # this one report busy (one checkpointer at a time): let it finish. None starts meanwhile (they
                # follow commits, and this holds the write lock).
                if self._checkpoint is not None:
                    await self._checkpoint
                busy = await _scalar(self._writer, "PRAGMA wal_checkpoint(TRUNCATE)")
            if busy:
                # A reader held an old snapshot; the next erasure (or the close) checkpoints again.
                log.warning("WAL checkpoint after an erasure was blocked by a reader; retrying at the next one")

    # -------------------------------------------------------------------------------------------------- reads

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        """Read the first row of a query, or None (one hand-off to the reader's thread)."""
        self._check_open()
        with _driver_errors():
            return await self._reader._execute(_first, self._reader._conn, sql, params)  # type: ignore[no-any-return]

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        """Read every row of a query (one hand-off to the reader's thread)."""
        self._check_open()
        with _driver_errors():
            return await self._reader._execute(_every, self._reader._conn, sql, params)  # type: ignore[no-any-return]

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        """Read the first column of the first row, or None."""
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    # --------------------------------------------------------------------------------------------- migrations

    async def migration_status(self, directory: Path | None = None) -> MigrationStatus:
        """Applied and pending migrations; raises MigrationError if the history and the files disagree."""
        migrations = discover(directory)
        async with self._exclusive():
            self._check_open()
            applied = await self._applied()
        return MigrationStatus(applied=tuple(applied), pending=tuple(pending_migrations(migrations, applied)))

    async def migrate(self, directory: Path | None = None) -> list[Migration]:
        """Apply pending migrations in order, each in its own transaction; return those applied."""
        migrations = discover(directory)
        done: list[Migration] = []
        async with self._exclusive():
            self._check_open()
            pending = pending_migrations(migrations, await self._applied())
            for migration in pending:
                if await self._apply(migration):
                    done.append(migration)
                    log.info("applied migration %s", migration.name)
        return done

    async def _applied(self) -> list[AppliedMigration]:
        with _driver_errors():
            has_table = await _scalar(
                self._writer, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
            )
            user_version = await _scalar(self._writer, "PRAGMA user_version")
            rows = (
                await self._writer.execute_fetchall(
                    "SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version"
                )
                if has_table
                else []
            )
        applied = [AppliedMigration(r[0], r[1], r[2], r[3]) for r in rows]
        recorded = applied[-1].version if applied else 0
        if user_version != recorded:
            raise MigrationError(
                f"database at '{self.path}' has PRAGMA user_version = {user_version} but its schema_migrations "
                f"table records version {recorded}: it was changed outside the migration runner "
                "(or is not a Parley database)"
            )
        return applied

    async def _apply(self, migration: Migration) -> bool:
        """Apply one migration atomically; False if another process applied it first."""
        conn = self._writer
        with _driver_errors(f" (before migration {migration.name})"):
            await _exec(conn, "BEGIN IMMEDIATE")
        current: Any = None
        try:
            await _exec(conn, _SCHEMA_MIGRATIONS)
            if await _scalar(conn, "SELECT 1 FROM schema_migrations WHERE version = ?", (migration.version,)):
                await _exec(conn, "ROLLBACK")
                return False
            for current in migration.statements:
                await _exec(conn, current.sql)
            current = None
            violations = await conn.execute_fetchall("PRAGMA foreign_key_check")
            if violations:
                tables = sorted({str(v[0]) for v in violations})
                raise MigrationError(
                    f"migration {migration.name} leaves foreign key violations in {', '.join(tables)}; "
                    "rolled back, nothing from it was applied"
                )
            await _exec(
                conn,
                "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                (migration.version, migration.name, migration.checksum, _utc_now()),
            )
            # PRAGMA takes no parameters; the version is an int we parsed from the file name.
            await _exec(conn, f"PRAGMA user_version = {int(migration.version)}")
            await _exec(conn, "COMMIT")
        except MigrationError:
            await self._rollback()
            raise
        except sqlite3.Error as exc:
            await self._rollback()
            where = f" (statement at line {current.line})" if current is not None else ""
            raise MigrationError(
                f"migration {migration.name} failed{where}: {exc}; rolled back, nothing from it was applied"
            ) from exc
        except BaseException:
            await self._rollback()
            raise
        return True

    # ------------------------------------------------------------------------------------------------- backup

    async def backup(self, path: Path, *, overwrite: bool = False) -> BackupResult:
        """Copy the live database to `path` with SQLite's online backup API, then run integrity_check on the copy."""
        self._check_open()
        path = Path(path)
        if path.exists() and not overwrite:
            raise DatabaseError(f"'{path}' already exists; choose another path or overwrite it explicitly")
        if not path.parent.is_dir():
            raise DatabaseError(f"cannot write backup to '{path}': directory does not exist")
        if path.resolve() == self.path.resolve():
            raise DatabaseError("the backup path is the database itself")
        partial = path.with_name(path.name + ".partial")
        partial.unlink(missing_ok=True)
        started = time.perf_counter()
        # The copy runs on the reader's thread, so the target must be usable from another thread.
        target = sqlite3.connect(partial, check_same_thread=False)
        try:
            with _driver_errors(" (during backup)"):
                # One step (pages=0): a consistent snapshot under one read lock; WAL writers keep going meanwhile.
                await self._reader.backup(target, pages=0)
            integrity = await asyncio.to_thread(_finish_backup, target)
        except BaseException:
            target.close()
            partial.unlink(missing_ok=True)
            raise
        os.replace(partial, path)
        return BackupResult(
            path=path,
            size_bytes=path.stat().st_size,
            integrity=integrity,
            seconds=time.perf_counter() - started,
        )


# ---------------------------------------------------------------------------------------------------- helpers


async def _connect(path: Path, busy_timeout_ms: int) -> aiosqlite.Connection:
    # isolation_level=None: sqlite3 must not start transactions behind our back; write() issues BEGIN IMMEDIATE.
    conn = await aiosqlite.connect(path, timeout=busy_timeout_ms / 1000, isolation_level=None)
    try:
        conn.row_factory = aiosqlite.Row
        await _exec(conn, f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        await _exec(conn, "PRAGMA foreign_keys = ON")
        # Deleted rows (withdrawn stories, forgotten members) are overwritten, not left in free pages.
        await _exec(conn, "PRAGMA secure_delete = ON")
        # Reading the schema surfaces "file is not a database" here rather than at the first query.
        await _exec(conn, "SELECT count(*) FROM sqlite_master")
    except BaseException:
        await conn.close()
        raise
    return conn


async def _exec(conn: aiosqlite.Connection, sql: str, params: Params = ()) -> None:
    # Closing the cursor finalises the statement (_run does, on the connection's thread); an unfinished one (a
    # PRAGMA returning a row) would keep a read transaction open and block BEGIN/COMMIT or a journal mode change.
    await conn._execute(_run, conn._conn, sql, params)


async def _scalar(conn: aiosqlite.Connection, sql: str, params: Params = ()) -> Any:
    async with conn.execute(sql, params) as cursor:
        row = await cursor.fetchone()
    return None if row is None else row[0]


def _check_path(path: Path, *, must_exist: bool) -> None:
    """Explain the common reasons a database file cannot be opened before SQLite says 'unable to open'."""
    text = str(path)

    def fail(reason: str) -> DatabaseOpenError:
        return DatabaseOpenError(f"cannot open database at '{text}': {reason}")

    if not text or text == ":memory:" or text.startswith("file:"):
        raise fail("give a file path (in-memory and URI databases are not supported)")
    parent = path.parent
    if path.is_dir():
        raise fail("it is a directory")
    if not parent.exists():
        raise fail("directory does not exist")
    if not parent.is_dir():
        raise fail(f"'{parent}' is not a directory")
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            raise fail("permission denied (the file must be readable and writable)")
    elif must_exist:
        raise fail("no such file")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise fail("directory is not writable (SQLite creates the database and its -wal/-shm files there)")


def _finish_backup(target: sqlite3.Connection) -> tuple[str, ...]:
    """Make the copy one self-contained file (no -wal/-shm), check it, close it."""
    try:
        target.execute("PRAGMA journal_mode = DELETE")
        return tuple(str(row[0]) for row in target.execute("PRAGMA integrity_check"))
    finally:
        target.close()


def _utc_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
