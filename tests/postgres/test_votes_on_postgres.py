"""tests/votes/test_repositories.py, unchanged, on PostgreSQL: exact tallies, one decision, daily limits."""

from __future__ import annotations

import pytest

from parley.database import Database
from tests.votes.test_repositories import *  # noqa: F403 - every test of that module, collected again here


@pytest.fixture
def db(postgres_db: Database) -> Database:
    """The module's database, on PostgreSQL."""
    return postgres_db
