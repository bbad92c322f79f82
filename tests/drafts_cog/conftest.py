"""Fixtures for the drafts capability: the real Parley bot in the offline Discord, on a temp database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from parley.app import create_bot
from parley.config import Config, config_from_dict
from parley.domain.clock import FakeClock
from parley.replay import ReplaySession
from parley.services import Services, build_services

SECRET = "drafts-cog-tests-" + "s" * 32
MEMBERS: list[dict[str, Any]] = [
    {"name": "emma", "locale": "en-US"},
    {"name": "layla", "locale": "en-GB"},  # reads Parley in Arabic once she picks it with /language
    {"name": "aino", "locale": "fi"},
    {"name": "oleg", "locale": "ru"},
    {"name": "bob", "locale": "en-US"},
]


@pytest.fixture
def config(tmp_path: Path) -> Config:
    """Defaults, a database in tmp_path, and PARLEY_SECRET set the way an admin would set it."""
    return config_from_dict(
        {
            "database": {"path": str(tmp_path / "parley.db")},
            "stories": {"queue_batch_min_hours": 0, "queue_batch_max_hours": 0},
        },
        env={"PARLEY_SECRET": SECRET},
    )


@pytest.fixture
def clock() -> FakeClock:
    """The bot's clock, shared by every process the session starts (restarts included)."""
    return FakeClock()


@pytest.fixture
async def session(config: Config, clock: FakeClock) -> AsyncIterator[ReplaySession]:
    """Parley (parley.app.create_bot) in a fake guild; each restart builds fresh services on the same database file."""
    built: list[Services] = []

    async def factory() -> Any:
        services = await build_services(config, clock=clock)
        built.append(services)
        return await create_bot(config, services=services)

    try:
        async with ReplaySession(factory, guild={"channels": ["help"]}, members=MEMBERS) as replay:
            yield replay
            assert replay.violations == []
    finally:
        for services in built:
            await services.close()
