"""Members' message drafts: what /draft needs to re-render a draft after a restart, and nothing more."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from parley.database import Database, Row

_COLUMNS = "draft_id, guild_id, member_key, kind, language, tone, field_values, created_at, updated_at"
_STAMP = "%Y-%m-%dT%H:%M:%SZ"
# A modal field holds at most 4000 characters; anything longer is not something a member typed.
MAX_VALUE_CHARS = 4000


def utc_text(moment: dt.datetime) -> str:
    """An aware datetime as the ISO-8601 UTC text the database stores ("2026-01-31T12:00:00Z")."""
    return moment.astimezone(dt.UTC).strftime(_STAMP)


def _parse_stamp(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, _STAMP).replace(tzinfo=dt.UTC)


# Kept beside the typed values (no field id starts with "@"), so the flag needs no schema change.
_NO_PLATFORM = "@no_platform"


@dataclass(frozen=True, slots=True)
class StoredDraft:
    """One member's draft: kind, draft language (the client's), tone and the values they typed."""

    draft_id: str
    guild_id: int | None  # None: written in a DM or a private channel (member_key is then the person's own key)
    member_key: str
    kind: str
    language: str
    tone: str | None
    values: Mapping[str, str] = field(default_factory=dict)
    platform: bool = True  # False once the member said the work isn't through a platform (no platform tones)
    created_at: dt.datetime | None = None  # set by the database on save
    updated_at: dt.datetime | None = None

    def expired(self, now: dt.datetime, ttl_hours: int) -> bool:
        """True once the draft went unused for `ttl_hours` (abandoned drafts are purged)."""
        return self.updated_at is not None and now - self.updated_at >= dt.timedelta(hours=ttl_hours)


class DraftsRepository:
    """Reads and writes `drafts`; keyed by a random id, owned by a member key, purged after the flow TTL."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def save(self, draft: StoredDraft, now: dt.datetime) -> StoredDraft:
        """Insert or update a draft (only its owner's row is ever updated); return it as stored."""
        values = {k: str(v)[:MAX_VALUE_CHARS] for k, v in draft.values.items() if v and k != _NO_PLATFORM}
        if not draft.platform:
            values[_NO_PLATFORM] = "1"
        stamp = utc_text(now)
        async with self.db.write() as tx:
            await tx.execute(
                f"INSERT INTO drafts ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "  # noqa: S608 - constant columns
                "ON CONFLICT (draft_id) DO UPDATE SET language = excluded.language, tone = excluded.tone, "
                "field_values = excluded.field_values, updated_at = excluded.updated_at "
                # The key alone names the owner: a member key is per server, a DM key per person (guild_id NULL).
                "WHERE drafts.member_key = excluded.member_key",
                (
                    draft.draft_id,
                    draft.guild_id,
                    draft.member_key,
                    draft.kind,
                    draft.language,
                    draft.tone,
                    json.dumps(values, ensure_ascii=False, sort_keys=True),
                    stamp,
                    stamp,
                ),
            )
            row = await tx.fetchone(f"SELECT {_COLUMNS} FROM drafts WHERE draft_id = ?", (draft.draft_id,))  # noqa: S608 - constant columns
        assert row is not None  # just written in this transaction
        return _from_row(row)

    async def get(self, draft_id: str) -> StoredDraft | None:
        """Return a draft by id, or None when it never existed or was purged."""
        row = await self.db.fetchone(f"SELECT {_COLUMNS} FROM drafts WHERE draft_id = ?", (draft_id,))  # noqa: S608 - constant columns
        return None if row is None else _from_row(row)

    async def delete(self, draft_id: str) -> bool:
        """Delete one draft; return whether it existed."""
        async with self.db.write() as tx:
            return await tx.execute("DELETE FROM drafts WHERE draft_id = ?", (draft_id,)) > 0

    async def purge_unused_since(self, cutoff: dt.datetime) -> int:
        """Delete drafts last used before `cutoff` (the privacy TTL); return how many went."""
        async with self.db.write() as tx:
            return await tx.execute("DELETE FROM drafts WHERE updated_at < ?", (utc_text(cutoff),))

    async def for_member(self, guild_id: int, member_key: str) -> list[StoredDraft]:
        """Every draft a member has in a guild, oldest first (for /privacy export)."""
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM drafts WHERE guild_id = ? AND member_key = ? "  # noqa: S608 - constant columns
            "ORDER BY created_at, draft_id",
            (guild_id, member_key),
        )
        return [_from_row(row) for row in rows]

    async def for_person(self, person_key: str) -> list[StoredDraft]:
        """Every draft a person wrote outside any server (DMs, private channels), oldest first."""
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM drafts WHERE guild_id IS NULL AND member_key = ? "  # noqa: S608 - constant columns
            "ORDER BY created_at, draft_id",
            (person_key,),
        )
        return [_from_row(row) for row in rows]

    async def forget_member(self, guild_id: int, member_key: str) -> int:
        """Erase every draft of a member in a guild (for /privacy forget); return how many."""
        async with self.db.write() as tx:
            return await tx.execute("DELETE FROM drafts WHERE guild_id = ? AND member_key = ?", (guild_id, member_key))

    async def forget_person(self, person_key: str) -> int:
        """Erase a person's drafts written outside any server (DMs, private channels); return how many."""
        async with self.db.write() as tx:
            return await tx.execute("DELETE FROM drafts WHERE guild_id IS NULL AND member_key = ?", (person_key,))

    async def forget_guild(self, guild_id: int) -> int:
        """Erase every draft of a guild (the bot left it past the grace period); return how many."""
        async with self.db.write() as tx:
            return await tx.execute("DELETE FROM drafts WHERE guild_id = ?", (guild_id,))


def _from_row(row: Row) -> StoredDraft:
    try:
        loaded = json.loads(row["field_values"] or "{}")
    except ValueError:
        loaded = {}
    values = {str(k): str(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}
    platform = values.pop(_NO_PLATFORM, None) is None
    return StoredDraft(
        draft_id=row["draft_id"],
        guild_id=row["guild_id"],
        member_key=row["member_key"],
        kind=row["kind"],
        language=row["language"],
        tone=row["tone"],
        values=MappingProxyType(values),
        platform=platform,
        created_at=_parse_stamp(row["created_at"]),
        updated_at=_parse_stamp(row["updated_at"]),
    )
