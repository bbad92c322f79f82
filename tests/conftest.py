"""Shared fixtures: a Parley config on a temp database, a fake clock, and the offline Discord around the bot."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from parley.config import Config, load_config
from parley.database import Database
from parley.domain.clock import FakeClock

# In CI, property tests draw the same examples every run, so a landing never depends on luck; locally they explore
# freshly each time (and hypothesis keeps any failure it finds in .hypothesis/ to replay).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

TEST_SECRET = "test-secret-for-member-keys-0123456789abcdef"
STANDARD_GUILD: dict[str, Any] = {
    "name": "Freelancers",
    "locale": "en-US",
    "channels": ["help", "stories", "mod-queue"],
    "roles": ["Moderators"],
}
STANDARD_MEMBERS: list[dict[str, Any]] = [
    {"name": "alice", "locale": "fi"},
    {"name": "bob", "locale": "en-US"},
    {"name": "ivan", "locale": "ru"},
    {"name": "layla", "locale": "en-US"},
    {"name": "mia", "locale": "en-US", "roles": ["Moderators"]},
    {"name": "owner", "locale": "en-US", "admin": True, "owner": True},
]


@pytest.fixture
def parley_config(tmp_path: Path) -> Config:
    """Defaults, a temp database, and a fixed member-key secret (as PARLEY_SECRET would give)."""
    config = load_config(None, env={"PARLEY_DB_PATH": str(tmp_path / "parley.db"), "PARLEY_SECRET": TEST_SECRET})
    # Queue cards at once, so a test's moderator can act on a story right after it is shared; the batches
    # (the default) have their own tests (tests/stories/test_queue_batches.py).
    return dataclasses.replace(
        config, stories=dataclasses.replace(config.stories, queue_batch_min_hours=0, queue_batch_max_hours=0)
    )


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    """A fresh database with every migration applied (repository tests; a folder may override it)."""
    database = await Database.open(tmp_path / "parley.db")
    await database.migrate()
    try:
        yield database
    finally:
        await database.close()


@pytest.fixture
def clock() -> FakeClock:
    """The domain's fake clock, shared by every bot process of a test."""
    return FakeClock()


@pytest.fixture
def parley_factory(parley_config: Config, clock: FakeClock) -> Callable[[], Awaitable[Any]]:
    """Build a fresh Parley process on the same database and clock (what `restart` calls)."""
    from parley.app import create_bot

    async def factory() -> Any:
        return await create_bot(parley_config, clock=clock)

    return factory


@pytest.fixture
async def parley(parley_factory: Callable[[], Awaitable[Any]]) -> AsyncIterator[Any]:
    """A replay session on the standard server: #help, #stories, #mod-queue, a Moderators role, six members."""
    from parley.replay import ReplaySession

    async with ReplaySession(parley_factory, guild=STANDARD_GUILD, members=STANDARD_MEMBERS) as session:
        yield session
        assert session.violations == [], session.violations
