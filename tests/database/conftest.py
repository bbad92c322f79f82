"""Fixtures for database tests: real SQLite files in tmp_path, no mocks."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from parley.database import Database


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    """A fresh database with every repository migration applied."""
    database = await Database.open(tmp_path / "parley.db", busy_timeout_ms=2000)
    await database.migrate()
    try:
        yield database
    finally:
        await database.close()
