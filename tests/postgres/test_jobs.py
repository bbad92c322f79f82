"""Scheduled work runs exactly once across processes: two Database objects on one database play two bots."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from parley.database import Database
from parley.database.jobs import ExclusiveJob, job_state

HOUR_MS = 3_600_000


class Clock:
    """Epoch milliseconds that only move when told to."""

    def __init__(self) -> None:
        self.now = 1_800_000_000_000

    def __call__(self) -> int:
        return self.now


@pytest.fixture
async def two_processes(any_db_url: str) -> AsyncIterator[tuple[Database, Database]]:
    first = await Database.connect(any_db_url)
    second = await Database.connect(any_db_url)
    try:
        await first.migrate()
        yield first, second
    finally:
        await first.close()
        await second.close()


async def test_a_job_runs_in_exactly_one_of_two_processes(two_processes):
    ran: list[str] = []

    async def tick(db: Database, who: str) -> None:
        async with db.exclusive_job("stories:publish:42", lease_s=30, every_s=6 * 3600) as job:
            if job.acquired:
                await asyncio.sleep(0.05)  # long enough for the other process to try meanwhile
                ran.append(who)

    first, second = two_processes
    await asyncio.gather(*(tick(db, f"{name}{n}") for n in range(5) for name, db in (("a", first), ("b", second))))
    assert len(ran) == 1
    state = await job_state(first, "stories:publish:42")
    assert state is not None and state.runs == 1 and state.holder is None and state.lease_until_ms is None
    # Due again only after the period: a later tick in the same slot does nothing.
    async with second.exclusive_job("stories:publish:42", lease_s=30, every_s=6 * 3600) as job:
        assert not job.acquired
    # Another job name is independent.
    async with second.exclusive_job("stories:publish:43", lease_s=30, every_s=6 * 3600) as job:
        assert job.acquired


async def test_every_s_once_and_failure(two_processes):
    first, second = two_processes
    clock = Clock()

    def job(db: Database, name: str = "purge", **kw) -> ExclusiveJob:
        return ExclusiveJob(db, name, lease_s=60, clock=clock, **kw)

    async with job(first, every_s=3600) as run:
        assert run.acquired
    clock.now += HOUR_MS - 1
    async with job(second, every_s=3600) as run:
        assert not run.acquired
    clock.now += 1
    async with job(second, every_s=3600) as run:
        assert run.acquired  # the period counts from the start of the last success: no drift

    with pytest.raises(RuntimeError):
        async with job(first, "remind", once=True) as run:
            assert run.acquired
            raise RuntimeError("the body failed")
    state = await job_state(first, "remind")
    assert state is not None and state.runs == 0 and state.holder is None  # released, not counted
    async with job(second, "remind", once=True) as run:
        assert run.acquired  # retried at once by the other process
    clock.now += 10 * 365 * 24 * HOUR_MS
    async with job(first, "remind", once=True) as run:
        assert not run.acquired  # one success: never again


async def test_a_dead_holder_blocks_only_until_its_lease_expires(two_processes):
    first, second = two_processes
    clock = Clock()
    crashed = ExclusiveJob(first, "retention", lease_s=60, clock=clock)
    await crashed.__aenter__()  # ... and the process dies: no __aexit__, no renewal
    assert crashed.acquired
    assert crashed._renewer is not None
    crashed._renewer.cancel()

    async with ExclusiveJob(second, "retention", lease_s=60, clock=clock) as run:
        assert not run.acquired
    clock.now += 60_000
    async with ExclusiveJob(second, "retention", lease_s=60, clock=clock) as taker:
        assert taker.acquired
        # The old holder wakes up: it cannot renew or release what is no longer its lease.
        assert await crashed.renew() is False and crashed.lost
        await crashed._release(success=True)
        state = await job_state(first, "retention")
        assert state is not None and state.holder is not None and state.runs == 0
    state = await job_state(first, "retention")
    assert state is not None and state.runs == 1


async def test_success_can_be_recorded_atomically_with_the_work(two_processes):
    first, _ = two_processes
    async with first.write() as tx:
        await tx.execute("CREATE TABLE published (story_id INTEGER PRIMARY KEY)")
    async with first.exclusive_job("publish:7", lease_s=30, once=True) as job:
        assert job.acquired
        async with first.write() as tx:
            await tx.execute("INSERT INTO published (story_id) VALUES (?)", (7,))
            assert await job.mark_done(tx)
    state = await job_state(first, "publish:7")
    assert state is not None and state.runs == 1  # counted once, not again on exit


async def test_the_lease_is_renewed_while_a_long_body_runs(two_processes):
    first, second = two_processes
    attempts: list[bool] = []
    async with first.exclusive_job("slow", lease_s=0.3) as job:
        assert job.acquired
        for _ in range(3):
            await asyncio.sleep(0.2)  # 0.6 s in all: twice the lease
            async with second.exclusive_job("slow", lease_s=0.3) as other:
                attempts.append(other.acquired)
        assert not job.lost
    assert attempts == [False, False, False]


def test_job_arguments_are_checked():
    with pytest.raises(ValueError, match="name"):
        ExclusiveJob(None, "", lease_s=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="lease_s"):
        ExclusiveJob(None, "x", lease_s=0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="once"):
        ExclusiveJob(None, "x", lease_s=1, every_s=5, once=True)  # type: ignore[arg-type]
