"""A server's own advice items (`server_advice`): imported in one transaction, listed, removed with their votes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType

from parley.database import Database, Row
from parley.database.repositories.votes import Reader
from parley.domain.errors import N_, InvalidInput
from parley.domain.votes import VoteTarget
from parley.knowledge.model import LANGS
from parley.knowledge.server_items import MAX_SERVER_ITEMS, ServerItem, item_slug

_COLUMNS = "slug, archetypes, source, text_en, text_ar, text_fi, text_ru, added_at"
VOTE_KIND = "advice"  # the server's items are voted like the guides' advice: helpful and "it worked"


class TooManyItems(InvalidInput):
    """The import would take the server past its item limit; nothing was stored."""

    message = N_("This server would have {count} items of its own; the limit is {limit}. Nothing was imported.")


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did."""

    added: int
    replaced: int


def _item(row: Row) -> ServerItem:
    texts = {lang: row[f"text_{lang}"] for lang in LANGS if row[f"text_{lang}"]}
    return ServerItem(
        slug=row["slug"],
        archetypes=tuple(row["archetypes"].split()),
        text=MappingProxyType(texts),
        source=row["source"],
        added_at=row["added_at"],
    )


class ContentRepository:
    """Reads and writes a server's own advice items."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def items(self, guild_id: int, *, archetype: str | None = None) -> list[ServerItem]:
        """The server's items in the order they were imported (optionally only those for one client type)."""
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM server_advice WHERE guild_id = ? ORDER BY position, slug",  # noqa: S608
            (guild_id,),
        )
        items = [_item(row) for row in rows]
        return [i for i in items if i.serves(archetype)] if archetype else items

    async def import_items(
        self, guild_id: int, items: Sequence[ServerItem], now: str, *, limit: int = MAX_SERVER_ITEMS
    ) -> ImportResult:
        """Add the items, replacing those with the same id, all or nothing (TooManyItems past the limit)."""
        async with self.db.write() as tx:
            existing = {
                row["slug"]
                for row in await tx.fetchall("SELECT slug FROM server_advice WHERE guild_id = ?", (guild_id,))
            }
            incoming = {item.slug for item in items}
            total = len(existing | incoming)
            if total > limit:
                raise TooManyItems(count=total, limit=limit)  # the transaction rolls back: nothing is stored
            start = await tx.fetchval(
                "SELECT coalesce(max(position), 0) FROM server_advice WHERE guild_id = ?", (guild_id,)
            )
            for n, item in enumerate(items, start=int(start) + 1):
                await tx.execute(
                    "INSERT INTO server_advice (guild_id, slug, archetypes, source, text_en, text_ar, text_fi, "
                    "text_ru, position, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (guild_id, slug) DO UPDATE SET archetypes = excluded.archetypes, "
                    "source = excluded.source, text_en = excluded.text_en, text_ar = excluded.text_ar, "
                    "text_fi = excluded.text_fi, text_ru = excluded.text_ru",
                    (
                        guild_id,
                        item.slug,
                        " ".join(item.archetypes),
                        item.source,
                        *(item.text.get(lang) for lang in LANGS),
                        n,
                        now,
                    ),
                )
        return ImportResult(added=len(incoming - existing), replaced=len(incoming & existing))

    async def remove(self, guild_id: int, slug: str) -> bool:
        """Delete one item and the votes on it; False when the server has no such item."""
        async with self.db.write() as tx:
            gone = await tx.execute("DELETE FROM server_advice WHERE guild_id = ? AND slug = ?", (guild_id, slug))
            if gone:
                await tx.execute(
                    "DELETE FROM votes WHERE guild_id = ? AND kind = ? AND item_id = ?",
                    (guild_id, VOTE_KIND, f"server.{slug}"),
                )
        return bool(gone)

    @staticmethod
    async def vote_target(reader: Reader, guild_id: int, item_id: str) -> VoteTarget | None:
        """The item as a votable advice item, if the server still has it."""
        slug = item_slug(item_id)
        if slug is None:
            return None
        found = await reader.fetchval("SELECT 1 FROM server_advice WHERE guild_id = ? AND slug = ?", (guild_id, slug))
        return VoteTarget(VOTE_KIND, item_id) if found else None

    async def published_stories(self, guild_id: int) -> list[dict[str, object]]:
        """The server's published stories as they were posted: anonymised title and text, type, language, day.

        Never the author's keyed hash, never a text that was not published."""
        rows = await self.db.fetchall(
            "SELECT id, archetype, lang, title, text, published_on FROM stories "
            "WHERE guild_id = ? AND status = 'published' ORDER BY published_on, id",
            (guild_id,),
        )
        return [
            {
                "id": row["id"],
                "type": row["archetype"],
                "language": row["lang"],
                "title": row["title"],
                "text": row["text"],
                "published_on": row["published_on"],
            }
            for row in rows
        ]
