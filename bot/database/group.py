"""Group commit: concurrent small writes share one transaction; every caller is answered after its COMMIT.

A vote is a few statements; committing it alone costs more than running it, and on SQLite every statement is a
hand-off to the connection's thread. `GroupCommit.submit(fn)` queues `fn` (an `async def fn(tx)`); one flusher
takes everything queued (at most `cap` at a time) and has the backend run it as one write transaction, then
answers every caller of that group, so durability is exactly that of `db.write()`. The next group is handed over
before the last one's callers are answered (`depth` groups may be in flight: SQLite runs them one after another
on its thread, each its own transaction).

The writes of a group run one after the other without savepoints (a savepoint per write cost as much as a vote's
own read). A write that raises before changing anything (a refusal: NotFound, SelfVote) just gets its error. If
one fails after changing rows, the group is rolled back and run again with a savepoint per write, so the failing
one is undone alone and raises to its own caller: a grouped `fn` may therefore run twice, and must only read and
write through its tx (no other side effects). If the COMMIT fails, every caller of that group gets the error and
nothing of the group is kept.

The backends supply `run_group(fns) -> outcomes`: SQLite runs the whole group as one function on the writer's
thread (one hand-off per group, see SQLiteBackend), PostgreSQL as one transaction on one pooled connection.

A write may also offer a `batch` attribute, `async def batch(tx, writes) -> outcomes`, the same function for every
write of its kind: the backends hand a run of such writes in a group to it at once (the votes' presses: one
multi-row INSERT instead of a statement each). It answers each write as running them one after the other would;
if it raises, the group is run again with a savepoint per write, each write alone.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

__all__ = ["GroupCommit", "Outcome", "WriteFn", "drive"]

T = TypeVar("T")

# An `async def fn(tx) -> T` run inside a shared transaction. It must only await the tx it is given.
WriteFn = Callable[[Any], Coroutine[Any, Any, Any]]


@dataclass(slots=True)
class Outcome(Generic[T]):
    """What one queued write produced: its value, or the exception it raised."""

    value: T | None = None
    error: BaseException | None = None


def drive(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine that never suspends (its awaits all complete at once) to its end, synchronously.

    This is how the SQLite backend runs an `async def fn(tx)` on the database thread: the tx it hands in does
    its work synchronously, so the coroutine finishes in one step and the same code serves both backends.
    """
    try:
        coro.send(None)
    except StopIteration as stop:
        return stop.value  # type: ignore[no-any-return]
    coro.close()
    raise RuntimeError("a grouped write awaited something other than its transaction; it cannot run in a group")


class GroupCommit:
    """A queue of writes and the one flusher that commits them in groups of at most `cap`."""

    def __init__(
        self, run_group: Callable[[Sequence[WriteFn]], Awaitable[list[Outcome[Any]]]], cap: int, *, depth: int = 1
    ) -> None:
        if cap < 1 or depth < 1:
            raise ValueError("a group holds at least one write, and at least one group runs at a time")
        self._run_group = run_group
        self.cap = cap
        self.depth = depth  # groups handed to the backend at once (it runs them one after the other, in order)
        self._queue: list[tuple[WriteFn, asyncio.Future[Any]]] = []
        self._flusher: asyncio.Task[None] | None = None
        self.groups = 0  # how many transactions ran (the tests and the bench read it)

    def submit(self, fn: WriteFn) -> asyncio.Future[Any]:
        """Queue `fn`; the future gets what it returned (or what it raised) after its group's COMMIT."""
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._queue.append((fn, future))
        if self._flusher is None:
            self._flusher = asyncio.create_task(self._flush(), name="parley-group-commit")
        return future

    async def _flush(self) -> None:
        running: deque[tuple[list[tuple[WriteFn, asyncio.Future[Any]]], asyncio.Future[list[Outcome[Any]]]]]
        running = deque()
        try:
            # Yield once so that writers woken in the same loop turn join this group instead of the next.
            await asyncio.sleep(0)
            self._fill(running)
            while running:
                batch, job = running[0]
                try:
                    outcomes = await job
                except asyncio.CancelledError:
                    for _, fut in batch:
                        fut.cancel()
                    raise
                except BaseException as exc:  # BEGIN or COMMIT failed: nothing of the group was kept
                    running.popleft()
                    for _, fut in batch:
                        if not fut.done():
                            fut.set_exception(exc)
                    self._fill(running)
                    continue
                running.popleft()
                # The next group goes to the backend before this one's callers are answered: the database works
                # on it while the event loop wakes them (each wake-up queues its caller's next write).
                self._fill(running)
                for (_, fut), outcome in zip(batch, outcomes, strict=True):
                    if fut.done():
                        continue
                    if outcome.error is not None:
                        fut.set_exception(outcome.error)
                    else:
                        fut.set_result(outcome.value)
        except asyncio.CancelledError:  # the loop is shutting down: nobody queued will be written
            for batch, job in running:
                job.cancel()
                for _, fut in batch:
                    fut.cancel()
            for _, fut in self._queue:
                fut.cancel()
            self._queue.clear()
            raise
        finally:
            self._flusher = None

    def _fill(self, running: deque[Any]) -> None:
        """Hand the oldest queued writes to the backend, `cap` per group, until `depth` groups are in flight."""
        while self._queue and len(running) < self.depth:
            batch = [(fn, fut) for fn, fut in self._queue[: self.cap] if not fut.cancelled()]
            del self._queue[: self.cap]
            if batch:
                self.groups += 1
                running.append((batch, asyncio.ensure_future(self._run_group([fn for fn, _ in batch]))))
