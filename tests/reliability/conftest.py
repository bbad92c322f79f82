"""Fixtures for the reliability tests: the real Parley bot on the offline Discord, with bursts of interactions.

Tests marked `slow` (200 crash kills: about 70 s) are skipped unless asked for: `PARLEY_SLOW=1 python -m pytest`
or `python -m pytest -m slow tests/reliability`.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from parley.app import create_bot
from parley.bench.harness import BurstSession
from parley.config import Config, config_from_dict
from parley.domain.clock import FakeClock

SECRET = "reliability-tests-secret-" + "r" * 32
CHANNELS = ["help", "stories", "mod-queue"]


def crowd(n: int) -> list[dict[str, Any]]:
    """`n` members m000... (English clients), a moderator and an admin owner."""
    return [
        *({"name": f"m{i:03d}", "locale": "en-US"} for i in range(n)),
        {"name": "mia", "locale": "en-US", "roles": ["Moderators"]},
        {"name": "owner", "locale": "en-US", "admin": True, "owner": True},
    ]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep the default run short: slow reliability tests run only on request."""
    if os.environ.get("PARLEY_SLOW") == "1" or "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="slow: set PARLEY_SLOW=1 or pass -m slow")
    here = Path(__file__).parent
    for item in items:
        if "slow" in item.keywords and here in Path(item.fspath).parents:
            item.add_marker(skip)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "parley.db"


@pytest.fixture
def config(db_path: Path) -> Config:
    return config_from_dict(
        {"database": {"path": str(db_path)}, "stories": {"queue_batch_min_hours": 0, "queue_batch_max_hours": 0}},
        env={"PARLEY_SECRET": SECRET},
    )


@pytest.fixture
def open_parley(config: Config) -> Callable[..., BurstSession]:
    """`async with open_parley(members, **session_kwargs) as s:` Parley (its own services, closed on exit)."""
    clock = FakeClock()

    async def factory() -> Any:
        return await create_bot(config, clock=clock)

    def opener(members: list[dict[str, Any]], **kwargs: Any) -> BurstSession:
        guild = {"locale": "en-US", "channels": CHANNELS, "roles": ["Moderators"], **kwargs.pop("guild", {})}
        kwargs.setdefault("strict", False)
        return BurstSession(factory, guild=guild, members=members, **kwargs)

    return opener


async def set_up_server(s: BurstSession) -> None:
    """The owner points Parley at #stories and #mod-queue with the Moderators role."""
    step = await s.command(
        "owner", "setup", stories_channel="#stories", queue_channel="#mod-queue", moderator_role="@Moderators"
    )
    assert step.ok, step.error


async def hold_write_lock(db: Path, seconds: float) -> sqlite3.Connection:
    """Another connection takes the write lock (BEGIN EXCLUSIVE) and lets go after `seconds`: a stalled database.

    It never blocks the event loop: a blocking wait here could wait on a bot write that needs the loop to finish.
    """
    conn = sqlite3.connect(db, isolation_level=None, timeout=0)
    while True:
        try:
            conn.execute("BEGIN EXCLUSIVE")
            break
        except sqlite3.OperationalError:
            await asyncio.sleep(0.01)

    def release() -> None:
        conn.execute("ROLLBACK")
        conn.close()

    asyncio.get_running_loop().call_later(seconds, release)
    return conn
