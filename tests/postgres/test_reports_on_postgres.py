"""tests/reports/test_repository.py on PostgreSQL: the same migration (0017) and repositories, the other engine."""

from __future__ import annotations

import pytest

from parley.database import Database
from tests.reports.test_repository import *  # noqa: F403 - every test of that module, collected again here


@pytest.fixture
def db(postgres_db: Database) -> Database:
    """The module's database, on PostgreSQL."""
    return postgres_db
