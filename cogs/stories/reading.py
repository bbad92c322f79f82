"""Reading: /story browse (full-text search, pages), the post's "me too" button and its advice button."""

from __future__ import annotations

import math
import secrets
from typing import TYPE_CHECKING

import discord

from parley.cogs._shared import voting
from parley.cogs._shared.cards import jump_url
from parley.cogs._shared.cog import loaded_cog
from parley.cogs._shared.queue import shared_translations
from parley.cogs._shared.respond import NO_PINGS, respond, update
from parley.cogs.stories import views
from parley.cogs.stories.cards import archetype_name, excerpt, title_text
from parley.cogs.stories.parts import Part
from parley.database.repositories.forum import ForumRepository
from parley.database.repositories.settings import SettingsRepository
from parley.database.repositories.stories import SearchPage
from parley.domain.errors import Expired, InvalidInput, NotAllowed, NotFound
from parley.domain.stories import BROWSE_TTL, KIND, BrowseQuery, TtlStore
from parley.domain.votes import check_membership
from parley.i18n import Translations
from parley.knowledge import pick

if TYPE_CHECKING:
    from parley.cogs.stories.cog import Stories

BROWSE_PAGE = 5


class Reading(Part):
    """Published stories, for everyone."""

    def __init__(self, cog: Stories) -> None:
        super().__init__(cog)
        # The search words stay in memory (not in custom ids, which carry no free text): pages need them.
        self.browses: TtlStore[BrowseQuery] = self.services.component(
            lambda: TtlStore(BROWSE_TTL), key="stories:browse"
        )

    async def browse(self, interaction: discord.Interaction, archetype: str | None, search: str | None) -> None:
        """Run a search and show its first page."""
        t = await self.translations(interaction)
        guild_id = interaction.guild_id
        if guild_id is None:
            raise NotAllowed()
        if archetype is not None and archetype not in self.services.knowledge.archetypes:
            raise InvalidInput()
        token = secrets.token_hex(8)
        query = BrowseQuery(guild_id, archetype, (search or "").strip() or None)
        self.browses.put(token, query, self.services.clock.now())
        await respond(interaction, view=await self.browse_card(t, token, query, 0), ephemeral=True)

    async def browse_page(self, interaction: discord.Interaction, token: str, page: int) -> None:
        """Another page of a search (the query is in memory; after a restart, run it again)."""
        t = await self.translations(interaction)
        query = self.browses.get(token, self.services.clock.now())
        if query is None or query.guild_id != interaction.guild_id:
            raise Expired()
        await update(interaction, view=await self.browse_card(t, token, query, page))

    async def browse_card(self, t: Translations, token: str, query: BrowseQuery, page: int) -> views.ListCard:
        """One page of results."""
        found = await self._page(query, page)
        if not found.stories and page:  # past the end (stories went away meanwhile): the last page, if counted
            page = 0 if found.capped else max(0, math.ceil(found.total / BROWSE_PAGE) - 1)
            found = await self._page(query, page)
        pages = max(1, math.ceil(found.total / BROWSE_PAGE))
        if found.capped:  # too many matches to count: page on for as long as another page follows
            pages = page + 2 if found.more else page + 1
        render = self.services.renderer.render
        header = render(
            "cards/story_browse.md.j2",
            t,
            archetype_name=archetype_name(self.services, query.archetype, t) if query.archetype else None,
            search=query.search,
            total=found.total,
            capped=found.capped,
            page=page + 1,
            pages=pages,
        )
        items = [
            (
                render(
                    "cards/story_browse_item.md.j2",
                    t,
                    title=title_text(s.title),
                    archetype_name=archetype_name(self.services, s.archetype, t),
                    day=s.published_on or "",
                    link=jump_url(s.guild_id, s.channel_id, s.message_id),
                    excerpt=excerpt(s, 400),
                ),
                [],
            )
            for s in found.stories
        ]
        return views.ListCard(header, items, views.page_buttons(t, token, page, pages))

    async def _page(self, query: BrowseQuery, page: int) -> SearchPage:
        return await self.repo.search(
            query.guild_id, archetype=query.archetype, query=query.search, limit=BROWSE_PAGE, offset=page * BROWSE_PAGE
        )

    async def metoo(self, interaction: discord.Interaction, story_id: int) -> None:
        """Count the member in (or out) on "this happened to me too", refresh the post, tell them privately."""
        guild_id = interaction.guild_id
        key = self.member_key(interaction)
        if guild_id is None or key is None:
            raise NotAllowed()
        now = self.services.clock.now()
        settings = await SettingsRepository(self.services.db).get(guild_id)
        check_membership(
            getattr(interaction.user, "joined_at", None), now, settings.limits(self.services.config).min_membership_days
        )
        on, count = await self.repo.toggle_metoo(guild_id, story_id, key)
        story = await self.repo.get(guild_id, story_id)
        if story is None:
            raise NotFound()
        shared = await shared_translations(self.services, guild_id)
        tallies, _ = await voting.load_votes(self.services, guild_id, None, KIND, [str(story_id)])
        resolution = (await ForumRepository(self.services.db).resolutions(guild_id, [story_id])).get(story_id)
        view = views.post_view(
            self.services,
            story,
            shared,
            day=story.published_on or "",
            tally=tallies[str(story_id)],
            metoo=count,
            resolution=resolution,
        )
        await interaction.response.edit_message(view=view, allowed_mentions=NO_PINGS)
        t = await self.translations(interaction)
        line = t.gettext("Counted: this happened to you too.") if on else t.gettext("Taken back.")
        await interaction.followup.send("🤝 " + line, ephemeral=True, allowed_mentions=NO_PINGS)

    async def advice_for(self, interaction: discord.Interaction, archetype: str) -> None:
        """The guides' advice for a story's type of client, privately: /advice browse when it is loaded."""
        t = await self.translations(interaction)
        arch = self.services.knowledge.archetypes.get(archetype)
        if arch is None:
            raise NotFound()
        from parley.cogs.advice.cog import Advice

        advice = loaded_cog(self.bot, Advice)
        if advice is not None:
            card = await advice.list_card(interaction, t, "browse", archetype, 0)
            await respond(interaction, view=card, ephemeral=True)
            return
        items = [f"- {pick(item.text, t.lang)}" for item in self.services.knowledge.items_for(archetype)[:4]]
        text = "\n".join([f"## 📘 {pick(arch.name, t.lang)}", pick(arch.summary, t.lang), *items])
        await respond(interaction, view=views.TextCard(text), ephemeral=True)
