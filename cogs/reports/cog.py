"""Reporting a published story or tip: checks before the form, the form, and the moderators' card.

Checks run before the form opens (so nobody types a report that can't be taken) and again when it is stored (in
the same transaction as the report, so two quick forms can't get round them): the item is published, it isn't the
member's own, they haven't reported it before, and they are under the hourly limit.
"""

from __future__ import annotations

import secrets

import discord

from parley.cogs._shared.cog import ParleyCog
from parley.cogs._shared.queue import deliver, require_queue_channel
from parley.cogs._shared.respond import acknowledge, respond
from parley.cogs.reports import queue, views
from parley.cogs.reports.samples import TEMPLATE_SAMPLES
from parley.database.repositories.reports import ReportsRepository
from parley.database.repositories.stories import StoriesRepository
from parley.database.repositories.tips import TipsRepository
from parley.domain.errors import N_, CommandName, NotAllowed, NotFound
from parley.domain.reports import (
    REPORTS_PER_HOUR,
    AlreadyReported,
    CannotReportOwn,
    check_allowance,
    check_reason,
    clean_details,
    window_start,
)
from parley.domain.stories import KIND as STORY_KIND
from parley.domain.stories import StoryStatus, stamp
from parley.domain.tips import TipStatus
from parley.i18n import Translations

OWN_TIP = N_("This tip is yours, so there is nothing to report.")


class Reports(ParleyCog):
    """The Report button on published stories and tips, and the report and correction cards in the queue."""

    dynamic_items = views.DYNAMIC_ITEMS
    template_samples = TEMPLATE_SAMPLES

    async def cog_load(self) -> None:
        await super().cog_load()
        queue.register(self.services)

    @property
    def repo(self) -> ReportsRepository:
        """The reports repository."""
        return ReportsRepository(self.services.db)

    async def check(self, interaction: discord.Interaction, t: Translations, kind: str, item_id: int) -> str:
        """Refuse kindly when this member can't report this item now; return their keyed hash."""
        guild_id, key = interaction.guild_id, self.member_key(interaction)
        if guild_id is None or key is None:
            raise NotAllowed()
        await require_queue_channel(self.services, guild_id, t)
        if kind == STORY_KIND:
            story = await StoriesRepository(self.services.db).get(guild_id, item_id)
            if story is None or story.status is not StoryStatus.PUBLISHED:
                raise NotFound()
            if story.is_by(key):
                raise CannotReportOwn(command=CommandName("story mine"))
        else:
            tip = await TipsRepository(self.services.db).get(guild_id, item_id)
            if tip is None or tip.status is not TipStatus.APPROVED:
                raise NotFound()
            if secrets.compare_digest(tip.author_key, key):
                raise NotAllowed(OWN_TIP)
        if await self.repo.has_reported(guild_id, kind, item_id, key):
            raise AlreadyReported()
        check_allowance(await self.repo.recent(guild_id, key, window_start(self.services.clock.now())))
        return key

    async def open_form(self, interaction: discord.Interaction, kind: str, item_id: int) -> None:
        """The Report button: the form, once the member may report this item."""
        t = await self.translations(interaction)
        await self.check(interaction, t, kind, item_id)
        await interaction.response.send_modal(views.ReportModal(self, t, kind, item_id))

    async def submit(
        self,
        interaction: discord.Interaction,
        t: Translations,
        kind: str,
        item_id: int,
        reason: str | None,
        details: str | None,
    ) -> None:
        """Store the report (details anonymised first), post its card, and thank the member privately."""
        guild = interaction.guild
        reason = check_reason(reason)
        cleaned = clean_details(details)
        del details
        if cleaned is not None:
            cleaned = queue.anonymise(self.services, cleaned, None)[:1000]
        key = await self.check(interaction, t, kind, item_id)
        if guild is None:
            raise NotAllowed()
        await acknowledge(interaction)  # a write: answer Discord before a slow disk can make us late
        now = self.services.clock.now()
        _report, entry = await self.repo.file(
            guild.id,
            kind,
            item_id,
            key,
            reason,
            cleaned,
            stamp(now),
            since=window_start(now),
            per_hour=REPORTS_PER_HOUR,
        )
        await deliver(self.services, guild, entry)  # its own card, or a line in the digest
        text = "🚩 " + t.gettext(
            "Thank you. The moderators will look at it; nobody will learn that you reported it, the author least "
            "of all."
        )
        await respond(interaction, text, ephemeral=True)
