"""Migration files: discovery, validation and planning (backend-neutral; backends apply the plan).

Rules (STYLE.md, habit 8):
- files are `migrations/NNNN_description.sql`, numbered from 0001 with no gap and no duplicate;
- each starts with a header comment: `-- revises: NNNN` (the previous number; `none` for 0001),
  `-- date: YYYY-MM-DD` and `-- why: ...`;
- forward-only: a file is never edited once applied (its sha256 is recorded and checked);
- the runner wraps each file in its own transaction, so files contain no BEGIN/COMMIT/ROLLBACK, and it sets
  `PRAGMA user_version` itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from parley.database.errors import MigrationError
from parley.resources import package_dir

__all__ = [
    "AppliedMigration",
    "Migration",
    "MigrationStatus",
    "Statement",
    "default_migrations_dir",
    "discover",
    "pending_migrations",
    "split_statements",
]

_NAME = re.compile(r"^(?P<version>\d{4})_(?P<slug>[a-z0-9]+(?:_[a-z0-9]+)*)\.sql$")
_HEADER = re.compile(r"^--\s*(?P<key>[a-z_]+)\s*:\s*(?P<value>.*?)\s*$")
_LEADING_NOISE = re.compile(r"(?:\s+|--[^\n]*(?:\n|$)|/\*.*?\*/)*", re.DOTALL)
# Statements the runner owns: transaction control, and pragmas that are no-ops or wrong inside a transaction.
_FORBIDDEN = re.compile(
    r"^(?:BEGIN|COMMIT|END|ROLLBACK|VACUUM|PRAGMA\s+(?:\w+\.)?(?:user_version|foreign_keys|journal_mode))\b",
    re.IGNORECASE,
)


def default_migrations_dir() -> Path:
    """The repository's migrations/ folder."""
    return package_dir("parley.migrations")


@dataclass(frozen=True, slots=True)
class Statement:
    """One SQL statement of a migration and the line it starts on (for error messages)."""

    line: int
    sql: str


@dataclass(frozen=True, slots=True)
class Migration:
    """A migration file, parsed and validated."""

    version: int
    name: str  # the file name, e.g. "0001_core.sql"
    path: Path
    checksum: str  # sha256 of the text with normalised line endings
    revises: int  # previous version; 0 for the first migration
    date: dt.date
    why: str
    statements: tuple[Statement, ...]


@dataclass(frozen=True, slots=True)
class AppliedMigration:
    """A row of schema_migrations."""

    version: int
    name: str
    checksum: str
    applied_at: str


@dataclass(frozen=True, slots=True)
class MigrationStatus:
    """Applied and pending migrations of one database."""

    applied: tuple[AppliedMigration, ...]
    pending: tuple[Migration, ...]

    @property
    def current_version(self) -> int:
        """The schema version the database is at (0 when nothing is applied)."""
        return self.applied[-1].version if self.applied else 0


def discover(directory: Path | None = None) -> list[Migration]:
    """Read and validate every migration file in `directory`, in order; raise MigrationError on any problem."""
    directory = directory or default_migrations_dir()
    if not directory.is_dir():
        raise MigrationError(f"migrations directory not found: '{directory}'")
    by_version: dict[int, list[Path]] = {}
    for path in sorted(directory.glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise MigrationError(
                f"migration file '{path.name}' is misnamed: use NNNN_description.sql "
                "(4 digits, then lowercase words joined by '_')"
            )
        by_version.setdefault(int(match["version"]), []).append(path)
    for version, paths in by_version.items():
        if len(paths) > 1:
            names = ", ".join(p.name for p in paths)
            raise MigrationError(f"duplicate migration number {version:04d}: {names}; renumber all but one")
    versions = sorted(by_version)
    if versions and versions[0] != 1:
        raise MigrationError(f"migrations must start at 0001, the first is {by_version[versions[0]][0].name}")
    for before, after in itertools.pairwise(versions):
        if after != before + 1:
            missing = ", ".join(f"{v:04d}" for v in range(before + 1, after))
            raise MigrationError(
                f"gap in migration numbering: {by_version[before][0].name} is followed by "
                f"{by_version[after][0].name} (missing {missing})"
            )
    return [_parse(by_version[v][0], v) for v in versions]


def pending_migrations(migrations: Sequence[Migration], applied: Sequence[AppliedMigration]) -> list[Migration]:
    """Check the applied history against the files and return the migrations still to apply, in order."""
    files = {m.version: m for m in migrations}
    for record in applied:
        migration = files.get(record.version)
        if migration is None:
            raise MigrationError(
                f"the database has migration {record.name} applied but there is no such file; "
                "this code is older than the database"
            )
        if migration.name != record.name:
            raise MigrationError(
                f"migration {record.version:04d} was applied as {record.name} but the file is now "
                f"{migration.name}; applied migrations must not be renamed"
            )
        if migration.checksum != record.checksum:
            raise MigrationError(
                f"migration {migration.name} was edited after it was applied (checksum mismatch); "
                "migrations are forward-only: add a new one"
            )
    done = {r.version for r in applied}
    return [m for m in migrations if m.version not in done]


def split_statements(sql: str, *, source: str = "<sql>") -> tuple[Statement, ...]:
    """Split an SQL script into single statements (trigger bodies stay whole); comments-only tails are dropped."""
    statements: list[Statement] = []
    start = 0
    for semicolon in (i for i, ch in enumerate(sql) if ch == ";"):
        chunk = sql[start : semicolon + 1]
        # complete_statement knows about strings, comments and CREATE TRIGGER ... END; blocks.
        if sqlite3.complete_statement(chunk):
            body_start = _LEADING_NOISE.match(sql, start).end()
            body = sql[body_start : semicolon + 1].strip()
            if body != ";":
                statements.append(Statement(line=sql.count("\n", 0, body_start) + 1, sql=body))
            start = semicolon + 1
    tail = sql[start:]
    if _LEADING_NOISE.fullmatch(tail) is None:
        line = sql.count("\n", 0, start + _LEADING_NOISE.match(tail).end()) + 1
        raise MigrationError(f"{source}: the statement at line {line} is not terminated by ';'")
    return tuple(statements)


def _parse(path: Path, version: int) -> Migration:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise MigrationError(f"migration {path.name} is not UTF-8 text") from None
    # Normalise line endings so a checkout with CRLF conversion does not look like an edit.
    text = text.replace("\r\n", "\n")
    checksum = hashlib.sha256(text.encode("utf-8")).hexdigest()
    header = _parse_header(text, path.name)
    revises = _parse_revises(header, path.name, version)
    try:
        date = dt.date.fromisoformat(header["date"])
    except ValueError:
        raise MigrationError(f"migration {path.name}: '-- date:' must be YYYY-MM-DD, got '{header['date']}'") from None
    statements = split_statements(text, source=path.name)
    if not statements:
        raise MigrationError(f"migration {path.name} contains no SQL statement")
    for statement in statements:
        if _FORBIDDEN.match(statement.sql):
            first = statement.sql.split(None, 2)[:2]
            raise MigrationError(
                f"migration {path.name}, line {statement.line}: '{' '.join(first).rstrip(';')}' is not allowed; "
                "the runner wraps each migration in its own transaction and sets user_version itself"
            )
    return Migration(
        version=version,
        name=path.name,
        path=path,
        checksum=checksum,
        revises=revises,
        date=date,
        why=header["why"],
        statements=statements,
    )


def _parse_header(text: str, name: str) -> dict[str, str]:
    """Read the comment block at the top of the file (it ends at the first blank or non-comment line)."""
    header: dict[str, str] = {}
    key = None
    for line in text.lstrip("\n").splitlines():
        stripped = line.strip()
        if not stripped.startswith("--"):
            break
        match = _HEADER.match(stripped)
        if match and match["key"] in ("revises", "date", "why"):
            key = match["key"]
            header.setdefault(key, match["value"])
        elif key == "why":
            # An indented continuation of the reason.
            header["why"] = f"{header['why']} {stripped.lstrip('-').strip()}".strip()
    missing = [k for k in ("revises", "date", "why") if not header.get(k)]
    if missing:
        wanted = ", ".join(f"'-- {k}: ...'" for k in missing)
        raise MigrationError(f"migration {name} lacks its header comment line(s) {wanted} at the top of the file")
    return header


def _parse_revises(header: dict[str, str], name: str, version: int) -> int:
    value = header["revises"].lower()
    revises = 0 if value in ("none", "0000") else int(value) if re.fullmatch(r"\d{4}", value) else -1
    if revises != version - 1:
        expected = "none" if version == 1 else f"{version - 1:04d}"
        raise MigrationError(
            f"migration {name}: header says '-- revises: {header['revises']}' but should say "
            f"'-- revises: {expected}' (the migration before it)"
        )
    return revises
