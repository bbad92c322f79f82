"""Database errors, the same for every backend so repositories and cogs never catch sqlite3 or asyncpg types."""

from __future__ import annotations

from parley.domain import errors as domain_errors

__all__ = [
    "ConstraintError",
    "DatabaseBusy",
    "DatabaseError",
    "DatabaseOpenError",
    "DatabaseUnavailable",
    "MigrationError",
]


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


class DatabaseUnavailable(DatabaseError, domain_errors.SaveFailed):
    """A write failed on the server's side: the disk is full, an I/O error, a read-only or unreachable database.

    The transaction rolled back, so nothing was stored; callers keep the member's preview or form for a retry,
    and the error chain tells the member plainly what happened (domain_errors.SaveFailed). str() is the detail.
    """

    def __init__(self, detail: str, reason: str = domain_errors.SaveFailed.REASON_DISK_ERROR) -> None:
        domain_errors.SaveFailed.__init__(self, reason)
        self.detail = detail

    def __str__(self) -> str:
        return self.detail


class ConstraintError(DatabaseError):
    """A UNIQUE, CHECK, NOT NULL or FOREIGN KEY constraint refused the statement."""


class DatabaseOpenError(DatabaseError):
    """The database could not be opened (missing directory, permissions, not a database file)."""


class MigrationError(DatabaseError):
    """The migrations on disk and in the database disagree, or a migration failed (and was rolled back)."""
