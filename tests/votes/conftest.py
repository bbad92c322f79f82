"""Fixtures for the voting tests: a real SQLite database in tmp_path with every migration applied."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from parley.database import Database


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    """A fresh, fully migrated database."""
    database = await Database.open(tmp_path / "parley.db", busy_timeout_ms=5000)
    await database.migrate()
    try:
        yield database
    finally:
        await database.close()


# ----------------------------------------------------------------------------------- the offline Discord

SECRET = "votes-tests-secret-" + "v" * 32
GUILD_CHANNELS = ["help", "stories", "mod-queue"]


class ParleyFactory:
    """Builds fresh services (same database file, same clock) for each bot start, as a real restart would."""

    def __init__(self, db_path: Path, clock: Any) -> None:
        from parley.config import config_from_dict

        self.config = config_from_dict(
            {"database": {"path": str(db_path)}, "stories": {"queue_batch_min_hours": 0, "queue_batch_max_hours": 0}},
            env={"PARLEY_SECRET": SECRET},
        )
        self.clock = clock
        self.built: list[Any] = []

    async def __call__(self) -> Any:
        from parley.app import create_bot
        from parley.services import build_services

        services = await build_services(self.config, clock=self.clock)
        self.built.append(services)
        return await create_bot(self.config, services=services)

    @property
    def services(self) -> Any:
        """The services of the running bot."""
        return self.built[-1]

    async def close(self) -> None:
        for services in self.built:
            await services.close()


@pytest.fixture
def open_session(tmp_path: Path) -> Any:
    """`async with open_session(members, locale=...) as s:` the real Parley bot in a fake guild (s.parley: factory)."""
    from parley.replay import FakeClock, ReplaySession

    class Session(ReplaySession):
        def __init__(self, factory: ParleyFactory, **kwargs: Any) -> None:
            super().__init__(factory, **kwargs)
            self.parley = factory

        async def close(self) -> None:
            try:
                await super().close()
            finally:
                await self.parley.close()

    def opener(members: list[Any], *, locale: str = "en-US") -> Any:
        clock = FakeClock()
        factory = ParleyFactory(tmp_path / "parley.db", clock)
        guild = {"locale": locale, "channels": GUILD_CHANNELS, "roles": ["Moderators"]}
        return Session(factory, guild=guild, members=members, clock=clock)

    return opener
