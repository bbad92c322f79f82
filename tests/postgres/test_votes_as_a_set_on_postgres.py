"""tests/votes/test_cast_as_a_set.py on PostgreSQL: the same presses as a set, the same answers as one by one.

The plan test reads SQLite's EXPLAIN QUERY PLAN, so it stays on SQLite."""

from __future__ import annotations

import pytest

from parley.database import Database
from tests.votes.test_cast_as_a_set import (  # noqa: F401 - the tests and the fixture they use, collected here
    batches,
    test_a_surprise_in_one_press_runs_the_group_again_press_by_press,
    test_random_waves_match_one_press_after_the_other,
    test_refusals_in_a_set_write_nothing_and_spare_the_others,
    test_tallies_each_press_reports_rise_one_by_one,
)


@pytest.fixture
def db(postgres_db: Database) -> Database:
    """The module's database, on PostgreSQL."""
    return postgres_db
