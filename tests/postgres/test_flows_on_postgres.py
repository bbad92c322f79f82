"""tests/situation/test_flows_repository.py, unchanged, on PostgreSQL."""

from __future__ import annotations

import pytest

from parley.database import Database
from parley.database.repositories.flows import FlowsRepository
from tests.situation.test_flows_repository import *  # noqa: F403 - every test of that module, collected again here


@pytest.fixture
def repo(postgres_db: Database) -> FlowsRepository:
    """The module's repository, on PostgreSQL."""
    return FlowsRepository(postgres_db)
