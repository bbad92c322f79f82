"""Members' choice to be told things by DM (asked once, default no) and, with a yes, their sealed user id.

Shared by every capability that tells a member something later (a moderators' decision on their story, ...).
"""

from __future__ import annotations

from dataclasses import dataclass

from parley.database import Database


@dataclass(frozen=True, slots=True)
class Contact:
    """A member's answer: whether DMs are welcome, and the sealed user id that makes one possible."""

    allow_dms: bool
    sealed_user: int | None


class ContactsRepository:
    """Reads and writes `member_contacts`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, guild_id: int, member_key: str) -> Contact | None:
        """The member's answer, or None when they were never asked (or did not answer)."""
        row = await self.db.fetchone(
            "SELECT allow_dms, sealed_user FROM member_contacts WHERE guild_id = ? AND member_key = ?",
            (guild_id, member_key),
        )
        if row is None:
            return None
        return Contact(bool(row["allow_dms"]), row["sealed_user"])

    async def answer(self, guild_id: int, member_key: str, sealed_user: int | None, day: str) -> None:
        """Store a yes (with the sealed user id) or a no (None: nothing that could reach the member is kept)."""
        async with self.db.write() as tx:
            await tx.execute(
                "INSERT INTO member_contacts (guild_id, member_key, allow_dms, sealed_user, answered_on) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (guild_id, member_key) DO UPDATE SET "
                "allow_dms = excluded.allow_dms, sealed_user = excluded.sealed_user, "
                "answered_on = excluded.answered_on",
                (guild_id, member_key, 1 if sealed_user is not None else 0, sealed_user, day),
            )
