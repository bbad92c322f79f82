"""Guild settings and members' language choices."""

from __future__ import annotations

from typing import Any

from parley.database import Database, Tx
from parley.database.memo import forget, memoised, recall, remember
from parley.domain.settings import GuildSettings

_COLUMNS = GuildSettings.field_names()
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM guild_settings WHERE guild_id = ?"  # noqa: S608 - fixed columns
_BOOLS = {"walkthrough_enabled", "stories_enabled", "tips_enabled"}
# A server's settings and one member's language in one read (a vote click needs both; each read is a round trip).
# `(SELECT 1)` gives the one row the LEFT JOIN hangs the settings on, so a server without settings still answers.
_FOR_MEMBER = (
    f"SELECT {', '.join('gs.' + c for c in _COLUMNS[1:])}, "  # noqa: S608 - fixed columns
    "(SELECT language FROM member_settings WHERE guild_id = ? AND member_key = ?) AS member_language, "
    "gs.guild_id AS found FROM (SELECT 1) AS one LEFT JOIN guild_settings gs ON gs.guild_id = ?"
)


class SettingsRepository:
    """Reads and writes `guild_settings` and `member_settings`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, guild_id: int) -> GuildSettings:
        """Return a server's settings (all defaults when it never ran /setup); read once per interaction."""
        return await memoised(("guild_settings", id(self.db), guild_id), lambda: self._read(guild_id))

    async def for_member(self, guild_id: int, member_key: str) -> tuple[GuildSettings, str | None]:
        """A server's settings and a member's stored language there, in one read; both are memoised for the
        interaction as `get` and `member_language` would (so their later calls read nothing)."""
        settings_key = ("guild_settings", id(self.db), guild_id)
        language_key = ("member_language", id(self.db), guild_id, member_key)
        known = recall(settings_key, language_key)
        if known is not None:
            return known[0], known[1]
        row = await self.db.fetchone(_FOR_MEMBER, (guild_id, member_key, guild_id))
        settings = _settings(guild_id, row if row is not None and row["found"] is not None else None)
        language: str | None = row["member_language"] if row is not None else None
        remember(settings_key, settings)
        remember(language_key, language)
        return settings, language

    @staticmethod
    async def for_member_in(tx: Tx, guild_id: int, member_key: str) -> tuple[GuildSettings, str | None]:
        """`for_member` read inside a write transaction (no hand-off of its own): a write that depends on the
        settings or the language reads them where it runs. The caller memoises the result with `remember_member`
        (the transaction may run on the database's thread, outside the interaction's memo)."""
        row = await tx.fetchone(_FOR_MEMBER, (guild_id, member_key, guild_id))
        settings = _settings(guild_id, row if row is not None and row["found"] is not None else None)
        return settings, row["member_language"] if row is not None else None

    def remember_member(self, guild_id: int, member_key: str, settings: GuildSettings, language: str | None) -> None:
        """Memoise for this interaction what `for_member_in` read, as `for_member` would have."""
        remember(("guild_settings", id(self.db), guild_id), settings)
        remember(("member_language", id(self.db), guild_id, member_key), language)

    async def _read(self, guild_id: int) -> GuildSettings:
        return _settings(guild_id, await self.db.fetchone(_SELECT, (guild_id,)))

    async def update(self, guild_id: int, now: str, **changes: Any) -> GuildSettings:
        """Change some settings of a server and return them all."""
        unknown = set(changes) - set(_COLUMNS)
        if unknown:
            raise ValueError(f"unknown settings: {sorted(unknown)}")
        if changes:
            cols = list(changes)
            values = [int(v) if isinstance(v, bool) else v for v in changes.values()]
            assignments = ", ".join(f"{c} = excluded.{c}" for c in cols)
            async with self.db.write() as tx:
                await tx.execute(
                    f"INSERT INTO guild_settings (guild_id, {', '.join(cols)}, updated_at) "  # noqa: S608 - columns whitelisted
                    f"VALUES (?, {', '.join('?' for _ in cols)}, ?) "
                    f"ON CONFLICT (guild_id) DO UPDATE SET {assignments}, updated_at = excluded.updated_at",
                    (guild_id, *values, now),
                )
            forget()  # this interaction reads the new settings from now on
        return await self.get(guild_id)

    async def guild_language(self, guild_id: int) -> str | None:
        """Return the server's language if an admin set one (from the settings: one read for both)."""
        return (await self.get(guild_id)).language

    async def member_language(self, guild_id: int, member_key: str) -> str | None:
        """Return a member's stored language choice in a server; read once per interaction."""
        return await memoised(
            ("member_language", id(self.db), guild_id, member_key),
            lambda: self.db.fetchval(
                "SELECT language FROM member_settings WHERE guild_id = ? AND member_key = ?", (guild_id, member_key)
            ),
        )

    async def person_language(self, person_key: str) -> str | None:
        """Return a person's language choice outside any server (a DM with Parley, a private channel)."""
        return await memoised(
            ("person_language", id(self.db), person_key),
            lambda: self.db.fetchval("SELECT language FROM person_settings WHERE person_key = ?", (person_key,)),
        )

    async def set_person_language(self, person_key: str, language: str | None) -> None:
        """Store (or clear, with None: follow Discord) a person's language outside any server."""
        async with self.db.write() as tx:
            await tx.execute(
                "INSERT INTO person_settings (person_key, language) VALUES (?, ?) "
                "ON CONFLICT (person_key) DO UPDATE SET language = excluded.language",
                (person_key, language),
            )
        forget()

    async def forget_person(self, person_key: str) -> bool:
        """Erase a person's language choice outside any server; return whether there was one."""
        async with self.db.write() as tx:
            gone = await tx.execute("DELETE FROM person_settings WHERE person_key = ?", (person_key,))
        forget()
        return gone > 0

    async def set_member_language(self, guild_id: int, member_key: str, language: str | None) -> None:
        """Store (or clear, with None: follow Discord) a member's language."""
        async with self.db.write() as tx:
            await tx.execute(
                "INSERT INTO member_settings (guild_id, member_key, language) VALUES (?, ?, ?) "
                "ON CONFLICT (guild_id, member_key) DO UPDATE SET language = excluded.language",
                (guild_id, member_key, language),
            )
        forget()  # this interaction answers in the new language from now on

    async def member_rights_place(self, guild_id: int, member_key: str) -> str | None:
        """The place a member last picked on a know-your-rights card (None: never picked)."""
        return await self.db.fetchval(
            "SELECT rights_place FROM member_settings WHERE guild_id = ? AND member_key = ?", (guild_id, member_key)
        )

    async def set_member_rights_place(self, guild_id: int, member_key: str, place: str) -> None:
        """Remember the place a member picked (their language choice, if any, stays as it is)."""
        async with self.db.write() as tx:
            await tx.execute(
                "INSERT INTO member_settings (guild_id, member_key, rights_place) VALUES (?, ?, ?) "
                "ON CONFLICT (guild_id, member_key) DO UPDATE SET rights_place = excluded.rights_place",
                (guild_id, member_key, place),
            )


def _settings(guild_id: int, row: Any) -> GuildSettings:
    """The settings in a row with the settings columns (None: the server never ran /setup, all defaults)."""
    if row is None:
        return GuildSettings(guild_id=guild_id)
    return GuildSettings(guild_id, *(bool(row[c]) if c in _BOOLS else row[c] for c in _COLUMNS[1:]))
