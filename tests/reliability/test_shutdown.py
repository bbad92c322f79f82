"""Shutdown: on SIGTERM the bot finishes in-flight work, closes the database, and exits within 10 s.

`python -m parley run` needs Discord, so the process test runs Parley on the offline Discord in a child
(serve_child.py) that serves the bot through the product's runner; the in-process tests drive `bot.close()`, the
shutdown path every runner ends in.
"""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from parley.cogs._shared.runtime import services_for
from tests.reliability.conftest import crowd, hold_write_lock

ROOT = Path(__file__).resolve().parents[2]
LIMIT_S = 10.0


def clean(db: Path) -> bool:
    """The database was closed properly: no WAL left behind, and it checks out."""
    if db.with_name(db.name + "-wal").exists():
        return False
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


async def test_close_with_a_write_in_flight_closes_the_database_in_time(open_parley, db_path):
    async with open_parley(crowd(2)) as s:
        services = services_for(s.bot)
        stall = await hold_write_lock(db_path, 2.0)
        burst = asyncio.create_task(s.burst([s.command_action("m000", "situation", describe="the client never paid")]))
        await asyncio.sleep(0.1)  # the handler is now waiting for the write lock
        started = time.perf_counter()
        await s.bot.close()
        assert time.perf_counter() - started <= LIMIT_S
        assert services.db.backend._closed
        await burst
        while True:  # the other connection lets go at 2 s; then Parley's was the last one open
            try:
                stall.total_changes  # noqa: B018 - raises once closed
            except sqlite3.ProgrammingError:
                break
            await asyncio.sleep(0.05)
    assert clean(db_path)


async def test_close_lets_in_flight_interactions_finish(open_parley, db_path):
    async with open_parley(crowd(20)) as s:
        await asyncio.sleep(0.5)  # the periodic jobs' first runs (at ready) are over: the bot is idle
        await hold_write_lock(db_path, 1.0)
        actions = [s.command_action(f"m{i:03d}", "situation", describe="the client never paid") for i in range(20)]
        burst = asyncio.create_task(s.burst(actions))
        await asyncio.sleep(0.1)  # twenty members' /situation are waiting on the database
        await s.bot.close()
        done = await burst
        cut = [o for o in done.outcomes if o.record.response_type is None]
        assert not cut, f"{len(cut)} of 20 members' /situation were cut off by the shutdown"


def test_sigterm_finishes_in_flight_work_and_exits_cleanly(tmp_path):
    db = tmp_path / "parley.db"
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.serve_child", str(db)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip() == "INFLIGHT":
            break
    else:
        raise AssertionError(child.stderr.read()[-2000:])
    started = time.perf_counter()
    child.send_signal(signal.SIGTERM)
    try:
        out, err = child.communicate(timeout=LIMIT_S + 5)
    finally:
        child.kill()
    elapsed = time.perf_counter() - started
    assert child.returncode == 0, f"exit {child.returncode}: {err[-1500:]}"
    assert elapsed <= LIMIT_S
    assert "ANSWERED=1" in out and "CLOSED" in out
    assert clean(db)
