"""The real Parley bot on the offline Discord, with a temp database and a clock the tests move."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from parley.app import create_bot
from parley.config import config_from_dict
from parley.replay import FakeClock, ReplaySession
from parley.services import Services, build_services

SECRET = "situation-tests-" + "s" * 32


class Parley:
    """Builds fresh services (same database file, same clock) for each bot start, as a real restart would."""

    def __init__(self, db_path: Path, clock: FakeClock) -> None:
        self.config = config_from_dict(
            {"database": {"path": str(db_path)}, "stories": {"queue_batch_min_hours": 0, "queue_batch_max_hours": 0}},
            env={"PARLEY_SECRET": SECRET},
        )
        self.clock = clock
        self.built: list[Services] = []

    async def __call__(self) -> Any:
        services = await build_services(self.config, clock=self.clock)
        self.built.append(services)
        return await create_bot(self.config, services=services)

    async def close(self) -> None:
        for services in self.built:
            await services.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def open_session(tmp_path: Path, clock: FakeClock) -> Any:
    """`async with open_session(guild_locale, members) as s:` the real bot in a fake guild."""
    factories: list[Parley] = []

    def opener(members: Sequence[Any], *, locale: str = "en-US") -> ReplaySession:
        factory = Parley(tmp_path / "parley.db", clock)
        factories.append(factory)
        guild = {"locale": locale, "channels": ["help", "stories", "mod-queue"], "roles": ["Moderators"]}
        return _Session(factory, guild=guild, members=list(members), clock=clock)

    return opener


class _Session(ReplaySession):
    def __init__(self, factory: Parley, **kwargs: Any) -> None:
        super().__init__(factory, **kwargs)
        self._parley = factory

    async def close(self) -> None:
        try:
            await super().close()
        finally:
            await self._parley.close()


@pytest.fixture
async def session(open_session: Any) -> AsyncIterator[ReplaySession]:
    members = [
        {"name": "alice", "locale": "en-US"},
        {"name": "bob", "locale": "en-US"},
        {"name": "owner", "admin": True},
    ]
    async with open_session(members) as s:
        yield s
