from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from parley.replay import ReplaySession
from tests.replay.testbot import make_factory

GUILD: dict[str, Any] = {
    "locale": "fi",
    "channels": ["help", "stories", "mod-queue"],
    "roles": ["Moderators"],
}
MEMBERS: list[Any] = [
    {"name": "alice", "locale": "fi"},
    {"name": "mia", "roles": ["Moderators"]},
    {"name": "owner", "admin": True},
]


@pytest.fixture
def factory() -> Any:
    return make_factory()


@pytest.fixture
async def session(factory: Any) -> AsyncIterator[ReplaySession]:
    async with ReplaySession(factory, guild=GUILD, members=MEMBERS) as s:
        yield s


@pytest.fixture
async def lenient(factory: Any) -> AsyncIterator[ReplaySession]:
    """A session that records failures instead of raising them."""
    async with ReplaySession(factory, guild=GUILD, members=MEMBERS, strict=False) as s:
        yield s
