"""Fixtures for the PostgreSQL tests: the both-backends fixtures from parley.database.testing."""

from __future__ import annotations

from parley.database.testing import (  # noqa: F401 - fixtures
    any_db,
    any_db_url,
    any_empty_db,
    postgres_db,
    postgres_db_url,
    postgres_url,
)
