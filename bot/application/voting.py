"""Voting on an item (advice, a tip, a story): who may vote, and the vote itself, in one transaction.

How to find the items of each kind is asked of per-kind resolvers registered on the bot's Services
(`VoteTargets`): advice and tips are built in, stories register theirs when they load.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from parley.application import Member
from parley.database.repositories.content import ContentRepository
from parley.database.repositories.settings import SettingsRepository
from parley.database.repositories.tips import TipsRepository
from parley.database.repositories.votes import Reader, VotesRepository
from parley.domain.errors import NotFound
from parley.domain.tips import stamp
from parley.domain.votes import VoteResult, VoteTarget, check_membership
from parley.knowledge.server_items import item_slug

if TYPE_CHECKING:
    from parley.domain.settings import GuildSettings
    from parley.services import Services

TargetResolver = Callable[["Services", Reader, int, str], Awaitable[VoteTarget | None]]


async def _advice_target(services: Services, reader: Reader, guild_id: int, item_id: str) -> VoteTarget | None:
    if item_slug(item_id) is not None:  # the server's own item ("server.<slug>"), if the server still has it
        return await ContentRepository.vote_target(reader, guild_id, item_id)
    try:
        services.knowledge.item(item_id)
    except KeyError:
        return None
    return VoteTarget("advice", item_id)


async def _tip_target(services: Services, reader: Reader, guild_id: int, item_id: str) -> VoteTarget | None:
    return await TipsRepository.vote_target(reader, guild_id, item_id)


class VoteTargets:
    """How one bot finds the items of each kind people vote on; advice and tips are built in."""

    def __init__(self) -> None:
        self._resolvers: dict[str, TargetResolver] = {"advice": _advice_target, "tip": _tip_target}

    def register(self, kind: str, resolver: TargetResolver) -> None:
        """Tell the vote buttons how to find items of a kind (`story`), inside the voting transaction."""
        if kind not in ("advice", "tip", "story"):
            raise ValueError(f"the vote button template has no kind {kind!r}")
        self._resolvers[kind] = resolver

    def get(self, kind: str) -> TargetResolver | None:
        """The resolver of a kind, or None when the capability that owns it is not loaded."""
        return self._resolvers.get(kind)


class Voting:
    """Votes for one bot's services."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def resolver(self, kind: str) -> TargetResolver:
        """The kind's resolver (NotFound when the capability that owns the kind isn't loaded)."""
        resolver = self.services.component(VoteTargets).get(kind)
        if resolver is None:
            raise NotFound()
        return resolver

    async def cast(self, member: Member, kind: str, item_id: str, value: str) -> VoteResult:
        """Cast, change or undo the member's vote in one transaction, the database's one hand-off for a press.

        Inside it, before anything is written: the server's settings and the member's language (one read,
        memoised for the interaction: the answer needs the language next), then the membership age (TooNewToVote)
        and the item as it is now (NotFound). A refusal there changes nothing.
        """
        resolver = self.resolver(kind)
        settings_repo = SettingsRepository(self.services.db)
        seen: list[tuple[GuildSettings, str | None]] = []

        async def resolve(reader: Reader, guild_id: int, item: str) -> VoteTarget | None:
            settings, language = await settings_repo.for_member_in(reader, guild_id, member.key)  # type: ignore[arg-type]
            seen.append((settings, language))
            min_days = settings.limits(self.services.config).min_membership_days
            check_membership(member.joined_at, self.services.clock.now(), min_days)
            return await resolver(self.services, reader, guild_id, item)

        now = stamp(self.services.clock.now())
        try:
            return await VotesRepository(self.services.db).cast(
                member.guild_id, member.key, kind, item_id, value, now, resolve=resolve
            )
        finally:
            if seen:  # read on the database's thread: memoised here, in the interaction's own context
                settings_repo.remember_member(member.guild_id, member.key, *seen[-1])
