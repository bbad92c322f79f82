"""What /situation and /redflags share: a flow stored per member, loaded per click, advanced by conditional write.

Each command is a `FlowPart` (walkthrough.py, checklist.py) the cog delegates to. A click loads the flow from the
database and checks owner, expiry and version here; the part asks the domain for the next state and `save`
stores it only if nobody moved first, then redraws the part's card.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import discord

from parley.cogs._shared import voting
from parley.cogs._shared.cog import loaded_cog
from parley.cogs._shared.reach import in_server
from parley.cogs._shared.respond import acknowledge, update
from parley.cogs.situation.cards import Extras, Painter, notice_card
from parley.database.repositories.flows import FlowsRepository
from parley.domain import walkthrough as wt
from parley.domain.errors import Expired, NotYours
from parley.i18n import Translations

if TYPE_CHECKING:
    from parley.cogs.situation.cog import Situation
    from parley.domain import redflags as rf

log = logging.getLogger(__name__)

# How often a new /situation or /redflags may purge expired flows (see FlowPart.purge_expired).
PURGE_EVERY = dt.timedelta(minutes=5)


class FlowPart:
    """One of the two flows: its kind, its expiry and ownership errors, how it draws its card."""

    #: the flow kind stored in the database and named in component ids ("situation", "redflags")
    kind: ClassVar[str]
    expired: ClassVar[type[Expired]]
    not_yours: ClassVar[type[NotYours]]

    def __init__(self, cog: Situation) -> None:
        self.cog = cog
        self.services = cog.services

    # -- what each part defines --------------------------------------------------------------------------------

    async def card(
        self, interaction: discord.Interaction, t: Translations, flow: wt.Flow, *, notice: str | None = None
    ) -> discord.ui.LayoutView:
        """The card for a flow's current state."""
        raise TypeError(f"{type(self).__name__} must define card()")

    async def words(self, interaction: discord.Interaction, t: Translations, flow: wt.Flow, words: str | None) -> None:
        """Take the member's own words into the flow (from the words modal)."""
        raise TypeError(f"{type(self).__name__} must define words()")

    # -- shared plumbing ---------------------------------------------------------------------------------------

    @property
    def flows(self) -> FlowsRepository:
        """The flows repository."""
        return FlowsRepository(self.services.db)

    def now(self) -> dt.datetime:
        """The services' clock (a fake one in tests)."""
        return self.services.clock.now()

    def painter(self, t: Translations) -> Painter:
        """Card rendering in one language."""
        return Painter(t, self.services.renderer, self.services.knowledge)

    async def translations(self, interaction: discord.Interaction) -> Translations:
        """The member's reply language."""
        return await self.cog.translations(interaction)

    def owner_key(self, interaction: discord.Interaction) -> str:
        """Whose flow this is: the member's key in a server, the person's own key in a DM or private channel."""
        return self.cog.owner_key(interaction)

    async def create(
        self,
        interaction: discord.Interaction,
        t: Translations,
        state: wt.FlowState | rf.ChecklistState,
        free_text: str | None,
    ) -> wt.Flow:
        """Store a new flow for the member (after dropping expired ones)."""
        await self.purge_expired()
        return await self.flows.create(
            wt.new_flow_id(),
            guild_id=interaction.guild_id,
            member_key=self.owner_key(interaction),
            kind=self.kind,
            language=t.lang,
            state=state.to_json(),
            free_text=free_text,
            now=self.now(),
        )

    async def purge_expired(self) -> None:
        """Drop flows nobody touched within the lifetime, and the member text in them (at most every few minutes).

        It is a write transaction: run on every /situation it was a quarter of the command's database work and a
        turn of the write lock even with nothing to purge. Expired flows are refused on load anyway, so a purge a
        few minutes late changes only how long an expired flow's text stays on disk past its lifetime.
        """
        now = self.now()
        last = getattr(self, "_last_purge", None)
        if last is not None and dt.timedelta(0) <= now - last < PURGE_EVERY:
            return
        self._last_purge = now
        ttl = self.services.config.privacy.flow_ttl_hours
        purged = await self.flows.purge_untouched_since(now - dt.timedelta(hours=ttl))
        if purged:
            log.info("purged %d expired flow(s)", purged)

    async def load(
        self, interaction: discord.Interaction, flow_id: str, version: int | None, t: Translations
    ) -> wt.Flow | None:
        """Load a flow for its owner on the version clicked; answer expired and stale clicks here (returns None)."""
        flow = await self.flows.get(flow_id)
        if flow is not None and flow.kind != self.kind:
            flow = None
        try:
            return wt.check_access(
                flow,
                member_key=self.owner_key(interaction),
                version=version,
                now=self.now(),
                ttl_hours=self.services.config.privacy.flow_ttl_hours,
                expired=self.expired,
                not_yours=self.not_yours,
                command=t.command(self.kind),
            )
        except Expired as error:
            if flow is not None:
                await acknowledge(interaction)
                await self.flows.delete(flow.flow_id)
            await update(interaction, view=notice_card("⌛ " + error.translate(t)))
        except wt.StaleClick:
            assert flow is not None
            await update(interaction, view=await self.card(interaction, t, flow))
        return None

    async def save(
        self,
        interaction: discord.Interaction,
        t: Translations,
        flow: wt.Flow,
        state: wt.FlowState | rf.ChecklistState,
        *,
        free_text: str | None,
        notice: str | None = None,
    ) -> None:
        """Store the next state if nobody moved first, then redraw (the loser of a double click sees the winner's)."""
        await acknowledge(interaction)
        saved = await self.flows.advance(
            flow.flow_id, expected_version=flow.version, state=state.to_json(), free_text=free_text, now=self.now()
        )
        current = saved or await self.flows.get(flow.flow_id)
        if current is None:
            return
        await update(interaction, view=await self.card(interaction, t, current, notice=notice if saved else None))

    async def extras(self, interaction: discord.Interaction, advice_ids: Sequence[str] = ()) -> Extras:
        """What the other capabilities lend the cards: vote buttons with this server's counts, drafts, stories."""
        vote_buttons: Callable[[str, Translations], list[discord.ui.Item[Any]]] | None = None
        here = in_server(interaction)  # votes and stories belong to a server's community, not a DM
        if advice_ids and here and interaction.guild_id is not None:
            tallies, mine = await voting.load_votes(
                self.services, interaction.guild_id, self.cog.member_key(interaction), "advice", advice_ids
            )

            def buttons_for(item_id: str, t: Translations) -> list[discord.ui.Item[Any]]:
                return list(
                    voting.vote_buttons(t, "advice", item_id, tallies.get(item_id), mine.get(item_id), outcome=False)
                )

            vote_buttons = buttons_for

        # Drafts, stories and cases lend their buttons only when the host loaded them.
        from parley.cogs.cases.cog import Cases
        from parley.cogs.cases.views import follow_up_button
        from parley.cogs.drafts.cog import Drafts
        from parley.cogs.drafts.views import draft_button
        from parley.cogs.rights.cog import Rights
        from parley.cogs.stories.cog import Stories

        client = interaction.client
        rights = loaded_cog(client, Rights)
        rights_select = None
        if rights is not None:
            rights_select = functools.partial(rights.select, remembered=await rights.remembered(interaction))
        return Extras(
            vote_buttons=vote_buttons,
            draft_button=draft_button if loaded_cog(client, Drafts) else None,
            stories=here and loaded_cog(client, Stories) is not None,
            rights=rights_select,
            follow_up=(lambda archetype, t: follow_up_button(archetype, t)) if loaded_cog(client, Cases) else None,
        )
