"""Cases tests: the repository runs on both backends (SQLite always; PostgreSQL when a test server is set)."""

from parley.database.testing import any_db, any_db_url, any_empty_db, postgres_db_url, postgres_url  # noqa: F401 - fixtures
