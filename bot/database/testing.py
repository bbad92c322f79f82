"""Pytest fixtures that run a test on both backends: a SQLite file and a fresh PostgreSQL schema.

Opt in once in tests/conftest.py with `pytest_plugins = ["parley.database.testing"]`, or per folder by importing
the fixtures into that folder's conftest.py (as tests/postgres/conftest.py does)::

    from parley.database.testing import any_db, any_db_url, any_empty_db, postgres_db, postgres_db_url, postgres_url

then write `async def test_x(any_db): ...`: it runs twice, `[sqlite]` and `[postgresql]`, each on a freshly
migrated database. The PostgreSQL run needs PARLEY_TEST_POSTGRES_URL (scripts/with-postgres.sh starts a
throwaway server and sets it) and skips cleanly without it. Each PostgreSQL test gets its own schema in that
database (created on open, dropped afterwards), so tests never see each other's rows.

`postgres_db` is a migrated PostgreSQL database only: define `db = postgres_db`-style fixtures with it to run an
existing SQLite test module unchanged on PostgreSQL (tests/postgres/test_*_on_postgres.py do that).

`any_db_url` is the database's location (a SQLite path or a postgresql:// URL with `?schema=`): open a second
`Database.connect(any_db_url)` on it to play a second bot process.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest

from parley.database.core import Database

__all__ = [
    "POSTGRES_URL_ENV",
    "any_db",
    "any_db_url",
    "any_empty_db",
    "drop_schema",
    "postgres_db",
    "postgres_db_url",
    "postgres_url",
    "with_schema",
]

POSTGRES_URL_ENV = "PARLEY_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgresql")


def with_schema(url: str, schema: str) -> str:
    """The same database URL with `schema=` set (Parley's PostgreSQL backend creates it when missing)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "schema"]
    query.append(("schema", schema))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


async def drop_schema(url: str) -> None:
    """Drop the schema named in a test URL, with everything in it."""
    import asyncpg

    parts = urlsplit(url)
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    schema = params.pop("schema")
    dsn = urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(params), ""))
    conn = await asyncpg.connect(dsn, timeout=10)
    try:
        await conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The test server's URL from PARLEY_TEST_POSTGRES_URL; skips the test when unset (fails if asyncpg is missing)."""
    url = os.environ.get(POSTGRES_URL_ENV, "").strip()
    if not url:
        pytest.skip(f"PostgreSQL tests need {POSTGRES_URL_ENV} (scripts/with-postgres.sh sets it)")
    try:
        import asyncpg  # noqa: F401
    except ImportError:
        # A server was provided on purpose: silently skipping would hide that PostgreSQL was never tested.
        pytest.fail(f"{POSTGRES_URL_ENV} is set but asyncpg is not installed: pip install -e '.[postgres]'")
    return url


@pytest.fixture(params=BACKENDS)
def any_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where a fresh, empty test database lives: a SQLite file path, or a PostgreSQL URL with its own schema."""
    if request.param == "sqlite":
        yield str(tmp_path / "parley.db")
        return
    # A synchronous fixture (it serves sync CLI tests too); the schema is dropped in a loop of its own.
    yield request.getfixturevalue("postgres_db_url")


@pytest.fixture
def postgres_db_url(postgres_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL schema's URL (PostgreSQL only; skips without a server)."""
    url = with_schema(postgres_url, f"t_{secrets.token_hex(6)}")
    yield url
    import asyncio

    asyncio.run(drop_schema(url))


@pytest.fixture
async def postgres_db(postgres_db_url: str) -> AsyncIterator[Database]:
    """A fresh, fully migrated PostgreSQL database (PostgreSQL only): swap it in for an existing `db` fixture."""
    db = await Database.connect(postgres_db_url, busy_timeout_ms=5000)
    try:
        await db.migrate()
        yield db
    finally:
        await db.close()


@pytest.fixture
async def any_empty_db(any_db_url: str) -> AsyncIterator[Database]:
    """A fresh database with no migration applied, on each backend."""
    db = await Database.connect(any_db_url, busy_timeout_ms=5000)
    try:
        yield db
    finally:
        await db.close()


@pytest.fixture
async def any_db(any_empty_db: Database) -> AsyncIterator[Database]:
    """A fresh database with every repository migration applied, on each backend."""
    await any_empty_db.migrate()
    yield any_empty_db
