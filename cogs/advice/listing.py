"""Ranked advice lists for /advice browse and /advice top: the guides' items and approved tips, best first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from parley.database.repositories.content import ContentRepository
from parley.database.repositories.tips import TipsRepository
from parley.database.repositories.votes import VotesRepository
from parley.domain.ranking import NEUTRAL
from parley.domain.tips import Tip
from parley.domain.votes import Candidate, MemberVote, Ranked, Tally, for_language, rank
from parley.knowledge.server_items import ServerItem, item_slug

if TYPE_CHECKING:
    from parley.services import Services

# One card: Discord allows 40 components and 4000 characters of text per message. An item takes a text display
# and a row of four buttons (6 components), so 5 items + header + page buttons stay at 35.
PER_PAGE = 5
TEXT_BUDGET = 3300  # leaves room for the header within 4000 characters
TIP_PREVIEW_CHARS = 900
TOP_LIMIT = 10


@dataclass(frozen=True, slots=True)
class Entry:
    """One ranked item as the list shows it."""

    ranked: Ranked
    text: str
    source: str | None  # the guide section, or the server's own source; None for a member tip
    archetype: str | None
    truncated: bool = False
    own: bool = False  # one of the server's own items (its source is the admin's words, not a guide section)

    @property
    def kind(self) -> str:
        """advice or tip (the vote kind)."""
        return self.ranked.candidate.kind

    @property
    def item_id(self) -> str:
        """The id the vote buttons carry."""
        return self.ranked.candidate.item_id

    @property
    def tally(self) -> Tally:
        """The item's counts."""
        return self.ranked.tally


async def ranked_entries(
    services: Services, guild_id: int, lang: str, archetype: str | None, *, rated_only: bool = False
) -> list[Entry]:
    """The items a reader of `lang` can read for one archetype (or all), ranked by the community's votes."""
    kb = services.knowledge
    items = kb.items_for(archetype) if archetype else kb.all_items()
    tips = await TipsRepository(services.db).published(guild_id, archetype=archetype, lang=lang)
    # The server's own items a reader of `lang` can read; like tips, the newest wins a tie with the guides.
    own = [i for i in await ContentRepository(services.db).items(guild_id, archetype=archetype) if i.readable_in(lang)]
    candidates = (
        [Candidate("advice", item.id, item.archetype or archetype, order=n) for n, item in enumerate(items)]
        + [
            Candidate(
                "advice", item.item_id, archetype or item.archetypes[0], added_at=item.added_at, order=len(items) + n
            )
            for n, item in enumerate(own)
        ]
        + [tip.candidate() for tip in tips]
    )
    candidates = for_language(candidates, lang)
    votes = VotesRepository(services.db)
    tallies: dict[tuple[str, str], Tally] = {}
    for kind in ("advice", "tip"):
        ids = [c.item_id for c in candidates if c.kind == kind]
        for item_id, tally in (await votes.tallies(guild_id, kind, ids)).items():
            tallies[(kind, item_id)] = tally
    ranked = rank(candidates, tallies)
    if rated_only:
        # A favourite is rated above neutral: unvoted, split and disliked items stay out.
        ranked = [r for r in ranked if r.score > NEUTRAL][:TOP_LIMIT]
    by_tip = {str(tip.id): tip for tip in tips}
    by_slug = {item.slug: item for item in own}
    return [_entry(services, r, lang, by_tip, by_slug) for r in ranked]


def _entry(services: Services, ranked: Ranked, lang: str, tips: dict[str, Tip], own: dict[str, ServerItem]) -> Entry:
    candidate = ranked.candidate
    slug = item_slug(candidate.item_id) if candidate.kind == "advice" else None
    if slug is not None:
        item = own[slug]
        return Entry(ranked, item.readable_in(lang) or "", item.source, candidate.archetype, own=True)
    if candidate.kind == "tip":
        text = tips[candidate.item_id].text
        short = text if len(text) <= TIP_PREVIEW_CHARS else text[: TIP_PREVIEW_CHARS - 1].rstrip() + "…"
        return Entry(ranked, short, None, candidate.archetype, truncated=short != text)
    item = services.knowledge.item(candidate.item_id)
    return Entry(ranked, item.t(lang), item.source, candidate.archetype)


def paginate(sizes: Sequence[int], *, per_page: int = PER_PAGE, budget: int = TEXT_BUDGET) -> list[range]:
    """Split items into pages of at most `per_page` items and about `budget` characters (never an empty page)."""
    pages: list[range] = []
    start = used = 0
    for index, size in enumerate(sizes):
        if index > start and (index - start >= per_page or used + size > budget):
            pages.append(range(start, index))
            start, used = index, 0
        used += size
    if start < len(sizes) or not pages:
        pages.append(range(start, len(sizes)))
    return pages


async def member_votes(
    services: Services, guild_id: int, member_key: str | None, entries: Sequence[Entry]
) -> dict[tuple[str, str], MemberVote]:
    """The member's own votes on the shown entries, to highlight their buttons."""
    if member_key is None:
        return {}
    repo = VotesRepository(services.db)
    mine: dict[tuple[str, str], MemberVote] = {}
    for kind in ("advice", "tip"):
        ids = [e.item_id for e in entries if e.kind == kind]
        if ids:
            for item_id, vote in (await repo.mine(guild_id, member_key, kind, ids)).items():
                mine[(kind, item_id)] = vote
    return mine
