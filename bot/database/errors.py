"""Database errors, the same for every backend so repositories and cogs never catch sqlite3 or asyncpg types."""

from __future__ import annotations

from parley.domain import errors as domain_errors

__all__ = ["ConstraintError", "DatabaseBusy", "DatabaseError", "DatabaseOpenError", "MigrationError"]


class DatabaseError(Exception):
    """Any database failure; the original driver exception is chained as __cause__."""


class DatabaseBusy(DatabaseError, domain_errors.DatabaseBusy):
    """Another connection held the write lock longer than the busy timeout; the member may retry.

    Both a DatabaseError (for the database layer) and the domain's DatabaseBusy (a ParleyError whose msgid the
    error chain translates); str() gives the technical detail for logs.
    """

    def __init__(self, detail: str) -> None:
        domain_errors.DatabaseBusy.__init__(self)
        self.detail = detail

    def __str__(self) -> str:
        return self.detail


class ConstraintError(DatabaseError):
    """A UNIQUE, CHECK, NOT NULL or FOREIGN KEY constraint refused the statement."""


class DatabaseOpenError(DatabaseError):
    """The database could not be opened (missing directory, permissions, not a database file)."""


class MigrationError(DatabaseError):
    """The migrations on disk and in the database disagree, or a migration failed (and was rolled back)."""
