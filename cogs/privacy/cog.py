"""`/privacy about`, `/privacy export` and `/privacy forget`; the retention run; servers the bot leaves and rejoins.

Thin on purpose: the rules are in bot/domain/privacy.py, the rows in bot/database/repositories/privacy.py. This
module reads the interaction, calls one of those, renders a template, and deletes the bot's own messages that
show something a member erased.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.app_commands import locale_str
from discord.ext import commands, tasks

from parley.cogs._shared.cog import ParleyCog
from parley.cogs._shared.respond import respond, update
from parley.cogs.privacy import cleanup
from parley.cogs.privacy.samples import TEMPLATE_SAMPLES
from parley.cogs.privacy.views import DONE, ForgetConfirm, PrivacyCard
from parley.database.repositories.privacy import PrivacyRepository
from parley.domain.cases import CLOSED_CASE_DAYS, IDLE_CASE_DAYS
from parley.domain.privacy import (
    ForgetChoice,
    MemberData,
    RetentionReport,
    RetentionRules,
    build_export,
    export_filename,
    left_while_away,
    retention_cutoffs,
)
from parley.i18n import Translations

if TYPE_CHECKING:
    from parley.services import Services

log = logging.getLogger(__name__)

RETENTION_EVERY_MINUTES = 15
# How long unloading (a shutdown) waits for a retention run in progress to finish its transaction.
UNLOAD_WAIT_SECONDS = 4


class Privacy(ParleyCog):
    """A member's own data (statement, copy, erasure) and the rules that delete data nobody asked to keep."""

    template_samples = TEMPLATE_SAMPLES

    privacy = app_commands.Group(
        name=locale_str("privacy"),
        description=locale_str("Your data in Parley: what is kept, a copy of it, erasing it"),
    )

    def __init__(self, bot: commands.Bot, services: Services) -> None:
        super().__init__(bot, services)
        # Held while the loop runs retention: shutting down waits for it instead of cancelling the task mid-write
        # (a cancel that lands while aiosqlite's thread runs BEGIN would leave the transaction open on the file).
        self._running = asyncio.Lock()

    async def cog_load(self) -> None:
        await super().cog_load()
        self.retention.start()
        if self.bot.is_ready():  # loaded into a host bot that is already connected: no on_ready will come
            await self.reconcile_presence()

    async def cog_unload(self) -> None:
        try:
            async with asyncio.timeout(UNLOAD_WAIT_SECONDS), self._running:
                self.retention.cancel()  # between runs now: the loop is asleep, or waiting for the lock
        except TimeoutError:
            log.warning("a retention run did not finish within %s s; stopping it anyway", UNLOAD_WAIT_SECONDS)
            self.retention.cancel()
        await super().cog_unload()

    @property
    def repo(self) -> PrivacyRepository:
        """The privacy repository."""
        return PrivacyRepository(self.services.db)

    @property
    def rules(self) -> RetentionRules:
        """The retention periods in force."""
        return RetentionRules.from_config(self.services.config.privacy)

    def _member(self, interaction: discord.Interaction) -> tuple[int | None, str]:
        """Whose data: the member's in this server, or outside any server (guild None) the person's own, which is
        what they left in DMs with Parley and private channels."""
        return interaction.guild_id, self.owner_key(interaction)

    async def _data(self, guild_id: int | None, key: str) -> MemberData:
        return await (self.repo.export_person(key) if guild_id is None else self.repo.export_member(guild_id, key))

    async def _outside(self, interaction: discord.Interaction) -> MemberData | None:
        """In a server: what the same person left outside servers (forget erases it too, so both show it)."""
        if interaction.guild_id is None:
            return None
        return await self.repo.export_person(self.services.identity.user_key(interaction.user.id))

    # ------------------------------------------------------------------------------------------------ about

    @privacy.command(
        name=locale_str("about"), description=locale_str("What Parley stores about you, in what form, for how long")
    )
    async def about(self, interaction: discord.Interaction) -> None:
        """Show the data statement."""
        t = await self.translations(interaction)
        await respond(interaction, view=PrivacyCard(self.statement(t)), ephemeral=True)

    def statement(self, t: Translations) -> str:
        """The data statement in a language, with the retention periods this bot runs with."""
        rules = self.rules
        return self.services.renderer.render(
            "cards/privacy_about.md.j2",
            t,
            flow_ttl_hours=rules.flow_ttl_hours,
            purge_rejected_days=rules.purge_rejected_days,
            guild_grace_days=rules.guild_grace_days,
            closed_case_days=CLOSED_CASE_DAYS,
            idle_case_days=IDLE_CASE_DAYS,
            batch_max_hours=self.services.config.stories.queue_batch_max_hours,
            export_command=t.command("privacy export"),
            forget_command=t.command("privacy forget"),
        )

    # ----------------------------------------------------------------------------------------------- export

    @privacy.command(
        name=locale_str("export"), description=locale_str("Get a file with everything Parley keeps about you")
    )
    async def export(self, interaction: discord.Interaction) -> None:
        """Reply privately with a JSON file of the member's data in this server and a one-paragraph summary."""
        guild_id, key = self._member(interaction)
        t = await self.translations(interaction)
        now = self.services.clock.now()
        data, outside = await self._data(guild_id, key), await self._outside(interaction)
        document = build_export(data, guild_id=guild_id, now=now, rules=self.rules, outside=outside)
        payload = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False).encode()
        summary = self.services.renderer.render(
            "cards/privacy_export.md.j2",
            t,
            data=data,
            outside=outside,
            outside_servers=guild_id is None,
            flow_ttl_hours=self.rules.flow_ttl_hours,
        )
        file = discord.File(io.BytesIO(payload), filename=export_filename(now), description=t.gettext("Your data"))
        await respond(interaction, summary, file=file, ephemeral=True)

    # ----------------------------------------------------------------------------------------------- forget

    @privacy.command(name=locale_str("forget"), description=locale_str("Erase what Parley keeps about you"))
    async def forget(self, interaction: discord.Interaction) -> None:
        """Show what would be erased and ask: erase, erase but leave published posts up unlinked, or cancel."""
        guild_id, key = self._member(interaction)
        t = await self.translations(interaction)
        data, outside = await self._data(guild_id, key), await self._outside(interaction)
        text = self.confirm_text(t, data, outside, outside_servers=guild_id is None)
        if data.empty and (outside is None or outside.empty):
            await respond(interaction, view=PrivacyCard(text), ephemeral=True)
            return
        view = ForgetConfirm(
            interaction.user.id, t, text, offer_unlink=data.has_published, on_choice=self.forget_chosen
        )
        await respond(interaction, view=view, ephemeral=True)
        view.interaction = interaction

    def confirm_text(
        self, t: Translations, data: MemberData, outside: MemberData | None = None, *, outside_servers: bool = False
    ) -> str:
        """The confirm step: what would be erased; the choice about published items when there are any."""
        return self.services.renderer.render(
            "cards/privacy_forget_confirm.md.j2",
            t,
            data=data,
            outside=outside,
            outside_servers=outside_servers,
            export_command=t.command("privacy export"),
        )

    async def forget_chosen(self, interaction: discord.Interaction, choice: ForgetChoice | None) -> None:
        """Carry out the member's choice and say precisely what was erased, left up unlinked, and kept."""
        guild_id, key = self._member(interaction)
        t = await self.translations(interaction)  # now: the stored language choice is about to be erased
        if choice is None:
            await update(interaction, view=PrivacyCard("↩️ " + t.gettext("Cancelled. Nothing was erased.")))
            return
        await interaction.response.defer()
        if guild_id is None:
            report, deleted = await self.repo.forget_person(key), 0
            log.info("a person erased what they left outside servers")
        else:
            report = await self.repo.forget_member(
                guild_id,
                key,
                choice,
                self.services.clock.now(),
                person_key=self.services.identity.user_key(interaction.user.id),  # and what they left in DMs
            )
            deleted = await cleanup.delete_posts_now(self.services, self.bot, guild_id, report.posts)
            log.info("guild %s: a member erased their data (%s)", guild_id, choice.value)
        text = self.services.renderer.render(
            "cards/privacy_forget_done.md.j2",
            t,
            outside_servers=guild_id is None,
            report=report,
            kept=[t.gettext(reason) for reason in report.kept],
            pending=report.posts_deleted - deleted,
        )
        await update(interaction, view=PrivacyCard(text, accent=DONE))

    # ------------------------------------------------------------------------------------------- retention

    @tasks.loop(minutes=RETENTION_EVERY_MINUTES)
    async def retention(self) -> None:
        """Every quarter of an hour: delete what outlived its retention period."""
        try:
            async with self._running:
                await self.run_retention(self.services.clock.now())
        except Exception:  # the loop must survive a bad run; the next one retries everything
            log.exception("the privacy retention run failed; it runs again in %s minutes", RETENTION_EVERY_MINUTES)

    @retention.before_loop
    async def _wait_until_ready(self) -> None:
        await self.bot.wait_until_ready()

    async def run_retention(self, now: dt.datetime) -> RetentionReport:
        """Purge expired flows, drafts, stories and tips; purge servers left past the grace; retry post deletions."""
        cutoffs = retention_cutoffs(now, self.rules)
        purged = await self.repo.purge_expired(cutoffs, now)
        gone: list[int] = []
        back: list[int] = []
        for guild_id in await self.repo.left_before(cutoffs.left_before):
            if self.bot.get_guild(guild_id) is not None:
                # The bot is there after all (a join it missed): the record was wrong, the data stays.
                back += await self.repo.mark_present([guild_id])
                continue
            rows = await self.repo.purge_guild(guild_id)
            gone.append(guild_id)
            log.info(
                "guild %s: Parley left it over %s days ago; deleted its %s rows",
                guild_id,
                self.rules.guild_grace_days,
                rows,
            )
        deleted = await cleanup.delete_messages(self.services, self.bot, await self.repo.queued_deletions())
        return RetentionReport(
            flows=purged.flows,
            drafts=purged.drafts,
            stories=purged.stories,
            tips=purged.tips,
            cases=purged.cases,
            guilds_purged=tuple(gone),
            guilds_back=tuple(back),
            posts_deleted=deleted,
        )

    # ------------------------------------------------------------------------------------ leaving a server

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        """The bot was removed: the server's data is kept for the grace period, then purged."""
        await self.repo.mark_left(guild.id, self.services.clock.now())
        log.info(
            "guild %s removed Parley; its data is deleted in %s days unless it comes back",
            guild.id,
            self.rules.guild_grace_days,
        )

    @commands.Cog.listener()
    async def on_guild_join(self, guild: discord.Guild) -> None:
        """The bot was added (or added back within the grace: everything is as it was)."""
        await self.guild_here(guild.id)

    @commands.Cog.listener()
    async def on_guild_available(self, guild: discord.Guild) -> None:
        """A guild arrived at start-up (it may have re-added the bot while it was offline)."""
        await self.guild_here(guild.id)

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        """Catch up with joins and removals that happened while the bot was offline."""
        await self.reconcile_presence()

    async def guild_here(self, guild_id: int) -> None:
        """Record that the bot is in a guild; clear its 'left' mark if it had one."""
        if await self.repo.mark_present([guild_id]):
            log.info("guild %s added Parley back within the grace period: its data was kept", guild_id)

    async def reconcile_presence(self) -> None:
        """Mark the guilds this process sees as present, and its own guilds it no longer sees as left."""
        connected = [guild.id for guild in self.bot.guilds]
        await self.repo.mark_present(connected)
        owned, count = self._owned_shards()
        for guild_id in left_while_away(await self.repo.present_guilds(), connected, owned, count):
            log.warning("guild %s: Parley is no longer in it (removed while offline); grace period starts", guild_id)
            await self.repo.mark_left(guild_id, self.services.clock.now())

    def _owned_shards(self) -> tuple[list[int] | None, int]:
        """The shard ids this process serves (None: all of them) and the total shard count."""
        count = self.bot.shard_count or 1
        if count <= 1:
            return None, 1
        ids = getattr(self.bot, "shard_ids", None)
        if ids is None and not isinstance(self.bot, discord.AutoShardedClient):
            ids = [self.bot.shard_id] if self.bot.shard_id is not None else None
        return (list(ids) if ids is not None else None), count
