"""Scheduled work that runs in one process at a time, and at most once per period, across every process.

Several bot processes (shards) may share one PostgreSQL database; each runs the same schedulers (publishing
slots, retention purges, moderator reminders). A leased row per job name in `job_leases` (migration 0007)
decides who runs:

```python
async with db.exclusive_job(f"stories:publish:{guild_id}", lease_s=120, every_s=6 * 3600) as job:
    if not job.acquired:
        return                      # another process holds it, or it already ran in this period
    ...                             # the work; the lease is renewed in the background while it runs
```

- Taking the lease is one conditional upsert (`ON CONFLICT ... DO UPDATE ... WHERE` the lease expired and the
  job is due), which is atomic on both backends: of N processes, exactly one gets it.
- `every_s`: the job is due again only `every_s` seconds after the *start* of its last successful run (so a
  6-hour rhythm does not drift). `once=True`: it never runs again after one success (a one-off job).
- A run that raises releases the lease without counting as a success, so the next process retries it.
- A process that dies holding the lease blocks the job only until the lease expires (`lease_s`); a background
  task renews the lease every lease_s/3 while the body runs. `job.lost` turns True if renewal failed (another
  process took over after an expiry): long bodies should check it between steps.
- The success mark is written after the body. When the body's effect must be exactly-once even across a
  crash, write the effect and `await job.mark_done(tx)` in the same transaction. Effects outside the
  database (posting to Discord) cannot be atomic: claim the item in the database first (a conditional update
  such as `UPDATE stories SET status = 'publishing' WHERE id = ? AND status = 'approved'`), then post.

Times are the processes' clocks in epoch milliseconds (keep them NTP-synchronised; leases are seconds long).
On SQLite the same table and SQL apply (and still exclude other processes using the same file).
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING

from parley.database.errors import DatabaseError

if TYPE_CHECKING:
    from parley.database.backend import Tx
    from parley.database.core import Database

__all__ = ["ExclusiveJob", "JobState", "job_state"]

log = logging.getLogger(__name__)

_NEVER = 2**62  # "last success before this" always holds: a job without every_s/once is always due


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


def _holder() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}"


class ExclusiveJob:
    """An async context manager that takes a job's lease (or not) on entry and releases it on exit."""

    def __init__(
        self,
        db: Database,
        name: str,
        *,
        lease_s: float,
        every_s: float | None = None,
        once: bool = False,
        clock: Callable[[], int] = _now_ms,
    ) -> None:
        if not name or len(name) > 200:
            raise ValueError("a job name is 1 to 200 characters")
        if lease_s <= 0:
            raise ValueError("lease_s must be positive")
        if every_s is not None and (every_s <= 0 or once):
            raise ValueError("every_s must be positive, and cannot be combined with once")
        self.db = db
        self.name = name
        self.lease_ms = int(lease_s * 1000)
        self.every_ms = None if every_s is None else int(every_s * 1000)
        self.once = once
        self._clock = clock
        self.token = secrets.token_hex(16)
        self.acquired = False
        self.lost = False
        self.started_ms = 0
        self._done_marked = False
        self._renewer: asyncio.Task[None] | None = None

    # ------------------------------------------------------------------------------------------------ protocol

    async def __aenter__(self) -> ExclusiveJob:
        self.started_ms = now = self._clock()
        if self.once:
            due_before = -1  # any recorded success blocks it
        elif self.every_ms is not None:
            due_before = now - self.every_ms
        else:
            due_before = _NEVER
        async with self.db.write() as tx:
            row = await tx.fetchone(
                "INSERT INTO job_leases (name, holder, token, lease_until_ms, last_started_ms, runs) "
                "VALUES (?, ?, ?, ?, ?, 0) "
                "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, token = excluded.token, "
                "lease_until_ms = excluded.lease_until_ms, last_started_ms = excluded.last_started_ms "
                "WHERE (job_leases.lease_until_ms IS NULL OR job_leases.lease_until_ms <= ?) "
                "AND (job_leases.last_success_ms IS NULL OR job_leases.last_success_ms <= ?) "
                "RETURNING token",
                (self.name, _holder(), self.token, now + self.lease_ms, now, now, due_before),
            )
        self.acquired = row is not None and row["token"] == self.token
        if self.acquired:
            self._renewer = asyncio.create_task(self._renew_forever(), name=f"lease:{self.name}")
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if not self.acquired:
            return
        if self._renewer is not None:
            self._renewer.cancel()
            with suppress(asyncio.CancelledError):
                await self._renewer
        success = exc_type is None and not self._done_marked
        # Shielded: a cancelled task must still give the lease back, or the job stalls until it expires.
        await asyncio.shield(self._release(success=success))

    # ------------------------------------------------------------------------------------------------- helpers

    async def mark_done(self, tx: Tx) -> bool:
        """Record this run's success inside the caller's transaction (with the work's own writes)."""
        changed = await tx.execute(
            "UPDATE job_leases SET last_success_ms = ?, runs = runs + 1 WHERE name = ? AND token = ?",
            (self.started_ms, self.name, self.token),
        )
        self._done_marked = changed == 1
        if not self._done_marked:
            self.lost = True
        return self._done_marked

    async def renew(self) -> bool:
        """Extend the lease by lease_s from now; False (and `lost`) when another process has taken it."""
        async with self.db.write() as tx:
            changed = await tx.execute(
                "UPDATE job_leases SET lease_until_ms = ? WHERE name = ? AND token = ?",
                (self._clock() + self.lease_ms, self.name, self.token),
            )
        if changed != 1:
            self.lost = True
        return changed == 1

    async def _renew_forever(self) -> None:
        interval = self.lease_ms / 3000
        while not self.lost:
            await asyncio.sleep(interval)
            try:
                if not await self.renew():
                    log.warning("job %s lost its lease to another process", self.name)
            except DatabaseError:
                # A transient failure; the next attempt may succeed before the lease runs out.
                log.warning("could not renew the lease of job %s", self.name, exc_info=True)

    async def _release(self, *, success: bool) -> None:
        counted = ", last_success_ms = ?, runs = runs + 1" if success else ""
        try:
            async with self.db.write() as tx:
                await tx.execute(
                    f"UPDATE job_leases SET holder = NULL, token = NULL, lease_until_ms = NULL{counted} "  # noqa: S608 - constant text
                    "WHERE name = ? AND token = ?",
                    ((self.started_ms,) if success else ()) + (self.name, self.token),
                )
        except DatabaseError:
            log.warning("could not release the lease of job %s; it frees itself when it expires", self.name)


@dataclass(frozen=True, slots=True)
class JobState:
    """A job's row: who holds it and until when, the start of its last successful run, how many runs."""

    name: str
    holder: str | None
    lease_until_ms: int | None
    last_success_ms: int | None
    runs: int


async def job_state(db: Database, name: str) -> JobState | None:
    """Read a job's lease row (for status commands and tests), or None if it never ran."""
    row = await db.fetchone(
        "SELECT name, holder, lease_until_ms, last_success_ms, runs FROM job_leases WHERE name = ?", (name,)
    )
    if row is None:
        return None
    return JobState(row["name"], row["holder"], row["lease_until_ms"], row["last_success_ms"], row["runs"])
