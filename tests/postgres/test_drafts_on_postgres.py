"""tests/drafts_cog/test_repository.py, unchanged, on PostgreSQL."""

from __future__ import annotations

import pytest

from parley.database import Database
from parley.database.repositories.drafts import DraftsRepository
from tests.drafts_cog.test_repository import *  # noqa: F403 - every test of that module, collected again here


@pytest.fixture
def repo(postgres_db: Database) -> DraftsRepository:
    """The module's repository, on PostgreSQL."""
    return DraftsRepository(postgres_db)
