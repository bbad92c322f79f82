"""`/mod queue` and `/mod audit` for moderators, and the periodic work: publishing slots, expiry, reminders.

The periodic work is one method, `run_due_work(now)`, that a `discord.ext.tasks` loop calls every minute with the
injected clock's time; tests call it directly after moving a fake clock. Every step is safe to run twice or in
two processes at once: stories are claimed before posting, expiries are conditional decisions, reminders are
claimed rows.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import discord
from discord import app_commands
from discord.app_commands import locale_str
from discord.ext import commands, tasks

from parley.cogs._shared import queue, voting
from parley.cogs._shared.cards import TextCard, jump_url
from parley.cogs._shared.cog import ParleyCog
from parley.cogs._shared.items import SNOWFLAKE, PersistentItem
from parley.cogs._shared.permissions import channel_problems, require
from parley.cogs._shared.queue import (
    action_label,
    kind_name,
    moderator_names,
    queue_kind,
    refresh_card,
    shared_translations,
)
from parley.cogs._shared.respond import NO_PINGS, acknowledge, respond
from parley.cogs.moderation import digest, lockdown, watch_settings
from parley.cogs.moderation.samples import TEMPLATE_SAMPLES
from parley.cogs.stories import publishing, queue_batches
from parley.cogs.stories import queue as story_queue
from parley.cogs.stories.views import POST_ITEMS
from parley.database.repositories.queue import QueueRepository
from parley.database.repositories.queue_watch import QueueWatchRepository
from parley.database.repositories.settings import SettingsRepository
from parley.database.repositories.stories import StoriesRepository
from parley.domain.errors import NotAllowed, NotFound
from parley.domain.moderation import EXPIRE, REJECT_REASONS, AlreadyDecided, QueueEntry
from parley.domain.reports import SERVER_KIND
from parley.domain.safe_text import user_text
from parley.domain.settings import Role
from parley.domain.stories import (
    BLOCK_KIND,
    SYSTEM_KEY,
    day_of,
    expiry_cutoff,
    moderator_tag,
    purge_before,
    reminder_cutoff,
    stamp,
)
from parley.i18n import Translations

log = logging.getLogger(__name__)

QUEUE_LIST_LIMIT = 15
QUEUE_SCAN_LIMIT = 1000
# Blocks on one /mod blocks card (five rows of five Unblock buttons at most).
BLOCK_LIST_LIMIT = 20
STALE_CLAIM = dt.timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class DueWork:
    """What one run of the periodic work did."""

    published: int = 0
    expired: int = 0
    reminded: int = 0
    queued: int = 0  # story cards posted to the queue channel in a batch
    digests: int = 0  # digests posted (each replacing the previous one)
    mentions: int = 0  # threshold mentions of the moderators' role


def _link(entry: QueueEntry) -> str | None:
    return jump_url(entry.guild_id, entry.channel_id, entry.message_id)


class UnblockButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button],
    custom_id="parley:mod:unblock:{block_id}",
    block_id=SNOWFLAKE,
):
    """Lift one block from the /mod blocks card (moderators only; the press is audited)."""

    block_id: int

    def __init__(self, block_id: int, t: Translations | None = None) -> None:
        label = t.gettext("Unblock #{number}", number=block_id) if t else f"Unblock #{block_id}"
        super().__init__(
            discord.ui.Button(
                custom_id=self.bind(block_id=block_id),
                label=label[:80],
                emoji="🔓",
                style=discord.ButtonStyle.secondary,
            )
        )

    async def handle(self, interaction: discord.Interaction) -> None:
        """Route to the cog."""
        cog = interaction.client.get_cog("Moderation")  # type: ignore[attr-defined]
        if cog is None:
            raise NotFound()
        await cog.unblock(interaction, self.block_id)


class Moderation(ParleyCog):
    """The moderation queue for moderators, and the scheduler behind publishing."""

    dynamic_items = (*queue.DYNAMIC_ITEMS, *voting.DYNAMIC_ITEMS, *POST_ITEMS, *digest.DYNAMIC_ITEMS, UnblockButton)
    template_samples = TEMPLATE_SAMPLES

    mod = app_commands.Group(
        name=locale_str("mod"),
        description=locale_str("Moderators: the queue of stories and tips, blocks, and the audit log"),
        guild_only=True,
        extras={"role": Role.MODERATOR},  # /parley lists these to moderators only
    )

    async def cog_load(self) -> None:
        await super().cog_load()
        story_queue.register(self.services)
        self.due_work.start()

    async def cog_unload(self) -> None:
        self.due_work.cancel()
        await super().cog_unload()

    # --------------------------------------------------------------------------------------------- commands

    @mod.command(name=locale_str("queue"), description=locale_str("What waits for a decision, with links to the cards"))
    async def queue_command(self, interaction: discord.Interaction) -> None:
        """List pending entries, oldest first, each with a link to its card."""
        await require(self.services, interaction, Role.MODERATOR)
        guild_id = interaction.guild_id
        if guild_id is None:
            raise NotAllowed()
        t = await self.translations(interaction)
        # A story waiting for its batch is not listed yet: seeing it appear right after someone confirmed would
        # point at its author, exactly what batching the cards prevents. Days only, for the same reason.
        listed = await QueueWatchRepository(self.services.db).visible(guild_id, limit=QUEUE_SCAN_LIMIT)
        entries = listed[:QUEUE_LIST_LIMIT]
        text = self.services.renderer.render(
            "cards/mod_queue.md.j2",
            t,
            entries=[
                {
                    "id": e.subject_id,
                    "kind": kind_name(self.services, t, e.kind),
                    "day": e.created_at[:10],
                    "link": _link(e),
                }
                for e in entries
            ],
            total=len(listed),
        )
        text += await self.permission_warnings(interaction, t)
        await respond(interaction, view=TextCard(text), ephemeral=True)

    async def permission_warnings(self, interaction: discord.Interaction, t: Translations) -> str:
        """Lines naming what Parley lacks in the queue and stories channels (empty when nothing is missing)."""
        guild = interaction.guild
        if guild is None:
            return ""
        settings = await SettingsRepository(self.services.db).get(guild.id)
        problems = channel_problems(
            t,
            {
                "queue": guild.get_channel(settings.queue_channel_id or 0),  # type: ignore[dict-item]
                "stories": guild.get_channel(settings.stories_channel_id or 0),  # type: ignore[dict-item]
            },
        )
        return "".join(f"\n⚠️ {line}" for line in problems)

    @mod.command(name=locale_str("audit"), description=locale_str("The latest moderation actions, newest first"))
    @app_commands.describe(count=locale_str("How many actions to show (default 10)"))
    @app_commands.rename(count=locale_str("count"))
    async def audit(self, interaction: discord.Interaction, count: app_commands.Range[int, 1, 25] = 10) -> None:
        """Show the audit log: day, moderator, action, item, reason; never an author."""
        await require(self.services, interaction, Role.MODERATOR)
        guild_id = interaction.guild_id
        if guild_id is None:
            raise NotAllowed()
        t = await self.translations(interaction)
        me = self.member_key(interaction)
        names = moderator_names(self.services)
        rows = []
        for entry in await QueueRepository(self.services.db).audit(guild_id, limit=count):
            if entry.moderator_key == me:
                who = t.gettext("you")
            elif entry.moderator_key == SYSTEM_KEY:
                who = "Parley"
            else:
                name = names.name(guild_id, entry.moderator_key)
                who = user_text(name) if name else t.gettext("moderator {tag}", tag=moderator_tag(entry.moderator_key))
            reason = REJECT_REASONS.get(entry.reason or "")
            if entry.kind == BLOCK_KIND:
                item = t.gettext("Block #{number}", number=entry.subject_id)
            elif entry.kind == SERVER_KIND:
                item = t.gettext("the whole server")
            else:
                item = f"{kind_name(self.services, t, entry.kind)} #{entry.subject_id}"
            rows.append(
                {
                    "day": entry.at[:10],
                    "moderator": who,
                    "action": action_label(t, entry.action),
                    "item": item,
                    "reason": t.gettext(reason) if reason else None,
                }
            )
        text = self.services.renderer.render("cards/mod_audit.md.j2", t, rows=rows)
        await respond(interaction, view=TextCard(text), ephemeral=True)

    @mod.command(
        name=locale_str("lockdown"),
        description=locale_str("Pause sharing, tips and publishing in this server at once, or lift the pause"),
    )
    @app_commands.describe(state=locale_str("On pauses everything at once; off resumes it"))
    @app_commands.rename(state=locale_str("state"))
    @app_commands.choices(
        state=[
            app_commands.Choice(name=locale_str("on: pause sharing, tips and publishing"), value="on"),
            app_commands.Choice(name=locale_str("off: resume"), value="off"),
        ]
    )
    async def lockdown_command(self, interaction: discord.Interaction, state: app_commands.Choice[str]) -> None:
        """Switch the server's lockdown (moderators only; audited)."""
        await lockdown.switch(self, interaction, state.value == "on")

    @mod.command(
        name=locale_str("blocks"), description=locale_str("Authors blocked from sharing, by story number; unblock")
    )
    async def blocks_command(self, interaction: discord.Interaction) -> None:
        """List the guild's blocks (by story number, never by member), each with an Unblock button."""
        await require(self.services, interaction, Role.MODERATOR)
        t = await self.translations(interaction)
        await respond(interaction, view=await self.blocks_card(interaction, t, notice=None), ephemeral=True)

    async def blocks_card(self, interaction: discord.Interaction, t: Translations, *, notice: str | None) -> TextCard:
        """The /mod blocks card in the moderator's language."""
        guild_id = interaction.guild_id
        if guild_id is None:
            raise NotAllowed()
        repo = StoriesRepository(self.services.db)
        blocks = await repo.blocks(guild_id, limit=BLOCK_LIST_LIMIT)
        total = await repo.count_blocks(guild_id)
        rows = []
        for block in blocks:
            reason = REJECT_REASONS.get(block.reason or "")
            rows.append(
                {
                    "id": block.id,
                    "story": block.story_id,
                    "day": block.blocked_on,
                    "reason": t.gettext(reason) if reason else None,
                }
            )
        text = self.services.renderer.render(
            "cards/mod_blocks.md.j2", t, rows=rows, more=max(total - len(blocks), 0), notice=notice
        )
        buttons = [UnblockButton(block.id, t) for block in blocks]
        return TextCard(text, rows=[buttons[i : i + 5] for i in range(0, len(buttons), 5)])

    async def unblock(self, interaction: discord.Interaction, block_id: int) -> None:
        """Lift a block (audited), then show the list again."""
        await require(self.services, interaction, Role.MODERATOR)
        guild_id, key = interaction.guild_id, self.member_key(interaction)
        if guild_id is None or key is None:
            raise NotAllowed()
        t = await self.translations(interaction)
        await acknowledge(interaction)
        block = await StoriesRepository(self.services.db).unblock(
            guild_id, block_id, key, stamp(self.services.clock.now())
        )
        notice = "✅ " + t.gettext("Block #{number} lifted: that author can share stories again.", number=block.id)
        card = await self.blocks_card(interaction, t, notice=notice)
        await interaction.edit_original_response(view=card, allowed_mentions=NO_PINGS)

    @mod.command(
        name=locale_str("notify"),
        description=locale_str("How moderators hear about the queue: cards or a digest, a role mention, reminders"),
    )
    @app_commands.describe(
        mode=locale_str("A card for each item as it arrives, or one digest message"),
        digest_hour=locale_str("Hour of the day for the digest, in the server's time zone (24: no fixed hour)"),
        digest_at=locale_str("Also send the digest as soon as this many new items wait (0: off)"),
        time_zone=locale_str("The server's time zone for the digest hour, such as Europe/Helsinki"),
        mention_role=locale_str("The role to mention when the queue gets long"),
        mention_at=locale_str("Mention the role when this many items wait (0: off)"),
        remind_after_hours=locale_str("Remind moderators of an item every this many hours while it waits"),
    )
    @app_commands.choices(
        mode=[
            app_commands.Choice(name=locale_str("A card for each item"), value="each"),
            app_commands.Choice(name=locale_str("One digest message"), value="digest"),
        ]
    )
    async def notify_command(
        self,
        interaction: discord.Interaction,
        mode: app_commands.Choice[str] | None = None,
        digest_hour: app_commands.Range[int, 0, 24] | None = None,
        digest_at: app_commands.Range[int, 0, 25] | None = None,
        time_zone: app_commands.Range[str, 1, 64] | None = None,
        mention_role: discord.Role | None = None,
        mention_at: app_commands.Range[int, 0, 1000] | None = None,
        remind_after_hours: app_commands.Range[int, 1, 720] | None = None,
    ) -> None:
        """Show the queue's notification settings, applying any options given first."""
        await require(self.services, interaction, Role.MODERATOR)
        guild_id = interaction.guild_id
        if guild_id is None:
            raise NotAllowed()
        t = await self.translations(interaction)
        options = {
            "mode": mode.value if mode else None,
            "digest_hour": digest_hour,
            "digest_at": digest_at,
            "time_zone": time_zone,
            "mention_role": mention_role.id if mention_role else None,
            "mention_at": mention_at,
            "remind_after_hours": remind_after_hours,
        }
        await acknowledge(interaction)
        settings, changed = await watch_settings.apply(self.services, guild_id, options)
        notice = "✅ " + t.gettext("Settings saved.") if changed else None
        text = watch_settings.card_text(self.services, t, settings, notice=notice)
        await respond(interaction, view=TextCard(text), ephemeral=True)

    @notify_command.autocomplete("time_zone")
    async def _zones(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=name, value=name) for name in watch_settings.zone_choices(current)]

    # -------------------------------------------------------------------------------------- periodic work

    @tasks.loop(minutes=1)
    async def due_work(self) -> None:
        """Every minute: whatever has come due."""
        if self.due_work.current_loop == 0:
            return  # not at start-up: a (re)starting process does its first round a minute later, calmly
        try:
            await self.run_due_work(self.services.clock.now())
        except Exception:  # the loop must survive a bad minute; the next one retries
            log.exception("the periodic moderation work failed; it runs again in a minute")

    @due_work.before_loop
    async def _wait_until_ready(self) -> None:
        await self.bot.wait_until_ready()

    @commands.Cog.listener()
    async def on_parley_clock_advanced(self) -> None:
        """A fake clock jumped (the offline Discord's `advance`, the terminal's `wait 6h`): do what came due."""
        await self.run_due_work(self.services.clock.now())

    async def run_due_work(self, now: dt.datetime) -> DueWork:
        """Post due batches of queue cards, publish due stories, expire old queue entries, remind moderators once.

        Purging what is kept too long is the privacy capability's retention work, in one place.
        """
        stories = StoriesRepository(self.services.db)
        config = self.services.config
        await stories.release_stale_claims(stamp(now - STALE_CLAIM))
        queued = await queue_batches.post_due_batches(self.services, self.bot, now)
        watched = await digest.watch(self.services, self.bot, now)
        published = await publishing.publish_due(self.services, self.bot, now)
        expired = await self.expire(now)
        await stories.expire_changes_requested(purge_before(now, config.stories.pending_expiry_days), day_of(now))
        await stories.index_missing_terms()  # stories published before stems were indexed (0011); 0 once done
        reminded = await self.remind(now)
        return DueWork(
            published=published,
            expired=expired,
            reminded=reminded,
            queued=queued,
            digests=watched.posted,
            mentions=watched.mentions,
        )

    async def expire(self, now: dt.datetime) -> int:
        """Entries pending longer than the expiry become expired (each exactly once) and their cards say so."""
        cutoff = expiry_cutoff(now, self.services.config.stories.pending_expiry_days)
        repo = QueueRepository(self.services.db)
        done = 0
        for entry in await StoriesRepository(self.services.db).pending_before(cutoff):
            if self.bot.get_guild(entry.guild_id) is None:
                continue
            try:
                kind = queue_kind(self.services, entry.kind)
                decision = await repo.decide(
                    entry.guild_id, entry.id, EXPIRE, SYSTEM_KEY, stamp(now), effect=kind.effect
                )
            except (AlreadyDecided, NotFound):
                continue
            done += 1
            await self.show_decided(decision.entry)
        return done

    async def show_decided(self, entry: QueueEntry) -> None:
        """Update a posted card after an automatic decision."""
        await refresh_card(self.services, self.bot, entry, moderator="Parley")

    async def remind(self, now: dt.datetime) -> int:
        """Remind each guild's moderators of entries waiting longer than its reminder time, once per such interval.

        The claim is a conditional upsert per entry, so two processes never remind of the same entry twice.
        """
        config = self.services.config.stories
        watch = QueueWatchRepository(self.services.db)
        sent = 0
        # No server reminds sooner than after an hour: only servers with an item waiting that long are read.
        for guild_id in await watch.waiting_guilds(reminder_cutoff(now, 1)):
            if self.bot.get_guild(guild_id) is None:
                continue
            settings = await SettingsRepository(self.services.db).get(guild_id)
            channel = self.bot.get_channel(settings.queue_channel_id or 0)
            if not isinstance(channel, discord.TextChannel):
                continue
            hours = (await watch.settings(guild_id)).reminder_hours(config.reminder_after_hours)
            entries = await watch.claim_reminders(guild_id, reminder_cutoff(now, hours), stamp(now))
            if not entries:
                continue
            t = await shared_translations(self.services, guild_id)
            text = self.services.renderer.render(
                "cards/mod_reminder.md.j2",
                t,
                count=len(entries),
                hours=hours,
                expiry_days=config.pending_expiry_days,
                entries=[
                    {"id": e.subject_id, "kind": kind_name(self.services, t, e.kind), "link": _link(e)} for e in entries
                ],
            )
            try:
                await channel.send(view=TextCard(text), allowed_mentions=NO_PINGS)
            except discord.HTTPException:
                log.warning("guild %s: could not post the queue reminder", guild_id)
                continue
            sent += len(entries)
        return sent
