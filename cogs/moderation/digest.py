"""The moderators' digest, the threshold mention and the repeated reminders (issue 23, part 3).

In digest mode a new entry gets no card of its own (`queue.deliver` lists it); one digest message in the queue
channel lists what waits, with a select that opens an item's card (the usual buttons) privately. At the server's
hour, or once k new items were listed, the digest is replaced (the old message deleted, a new one posted, so
Discord notifies); in between it is edited in place when what it lists changes. Each guild's step runs under a
job lease and stores what it did, so of two processes one acts, and a restart neither repeats nor forgets.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import discord

from parley.cogs._shared.items import PersistentItem
from parley.cogs._shared.permissions import missing_bot_permissions, require
from parley.cogs._shared.queue import card_for, kind_name, post_card, shared_translations
from parley.cogs._shared.respond import NO_PINGS, respond
from parley.cogs._shared.runtime import services_for
from parley.cogs.stories.publishing import exclusive
from parley.database.repositories.queue import QueueRepository
from parley.database.repositories.queue_watch import QueueWatchRepository
from parley.database.repositories.settings import SettingsRepository
from parley.domain.errors import NotFound
from parley.domain.moderation import QueueEntry
from parley.domain.queue_watch import (
    DigestReason,
    WatchSettings,
    WatchState,
    alert_due,
    digest_due,
    local_day,
    shown_signature,
)
from parley.domain.settings import Role
from parley.domain.stories import stamp
from parley.i18n import Translations

if TYPE_CHECKING:
    from parley.services import Services

log = logging.getLogger(__name__)

#: Items a digest lists (and its select offers: Discord allows 25 options).
DIGEST_LIMIT = 25
DIGEST_ACCENT = discord.Colour(0xFEE75C)
QUIET_ACCENT = discord.Colour(0x57F287)


@dataclass(frozen=True, slots=True)
class WatchRun:
    """What one round did: digests posted (new messages), digests edited, threshold mentions sent."""

    posted: int = 0
    edited: int = 0
    mentions: int = 0

    def __add__(self, other: WatchRun) -> WatchRun:
        return WatchRun(self.posted + other.posted, self.edited + other.edited, self.mentions + other.mentions)


class DigestOpenSelect(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Select],
    custom_id="parley:digest:open",
):
    """Pick an item in the digest to see its card, with its buttons, privately (moderators only).

    The option values are queue entry ids, looked up in the interaction's own server.
    """

    def __init__(self, options: list[discord.SelectOption] | None = None, t: Translations | None = None) -> None:
        super().__init__(
            discord.ui.Select(
                custom_id=self.bind(),
                placeholder=(t.gettext("Open an item to decide on it") if t else "open")[:150],
                options=options or [discord.SelectOption(label="-", value="0")],
                min_values=1,
                max_values=1,
            )
        )

    async def handle(self, interaction: discord.Interaction) -> None:
        """Show the chosen entry's card (decided ones show their decision) as an ephemeral message."""
        services = services_for(interaction.client)  # type: ignore[arg-type]
        await require(services, interaction, Role.MODERATOR)
        value = self.item.values[0] if self.item.values else ""
        guild_id = interaction.guild_id
        if not value.isdigit() or guild_id is None:
            raise NotFound()
        entry = await QueueRepository(services.db).get(guild_id, int(value))
        if entry is None:
            raise NotFound()
        t = await shared_translations(services, guild_id)
        await respond(interaction, view=await card_for(services, entry, t), ephemeral=True)


class DigestCard(discord.ui.LayoutView):
    """The digest: what waits, oldest first, and the select that opens an item."""

    def __init__(self, text: str, options: list[discord.SelectOption], t: Translations) -> None:
        super().__init__(timeout=None)
        parts: list[discord.ui.Item[Any]] = [discord.ui.TextDisplay(text)]
        if options:
            parts.append(discord.ui.ActionRow(DigestOpenSelect(options, t)))
        self.add_item(discord.ui.Container(*parts, accent_colour=DIGEST_ACCENT if options else QUIET_ACCENT))


def digest_card(services: Services, t: Translations, entries: list[QueueEntry], total: int, day: str) -> DigestCard:
    """Render the digest in the server's language (days only, like every queue view)."""
    rows = [{"id": e.subject_id, "kind": kind_name(services, t, e.kind), "day": e.created_at[:10]} for e in entries]
    text = services.renderer.render("cards/queue_digest.md.j2", t, entries=rows, total=total, day=day)
    options = [
        discord.SelectOption(
            label=t.gettext("{kind} #{number}, since {day}", kind=row["kind"], number=row["id"], day=row["day"])[:100],
            value=str(entry.id),
        )
        for row, entry in zip(rows, entries, strict=True)
    ]
    return DigestCard(text, options, t)


async def watch(services: Services, client: discord.Client, now: dt.datetime) -> WatchRun:
    """One round for every guild this process serves: digest, threshold mention."""
    repo = QueueWatchRepository(services.db)
    done = WatchRun()
    for guild_id in await repo.watched_guilds():
        guild = client.get_guild(guild_id)
        if guild is None:
            continue  # another shard's guild
        async with exclusive(services, f"queue:watch:{guild_id}") as may_run:
            if may_run:
                done += await watch_guild(services, guild, now)
    return done


async def watch_guild(services: Services, guild: discord.Guild, now: dt.datetime) -> WatchRun:
    """Mention the role if the queue reached its threshold; post, replace or update the digest."""
    repo = QueueWatchRepository(services.db)
    settings = await repo.settings(guild.id)
    before = state = await repo.state(guild.id)
    if not settings.digest and settings.alert_role_id is None and state.message_id is None:
        return WatchRun()
    channel_id = (await SettingsRepository(services.db).get(guild.id)).queue_channel_id
    channel = guild.get_channel(channel_id) if channel_id else None
    if not isinstance(channel, discord.TextChannel) or missing_bot_permissions(channel, embed=False):
        return WatchRun()
    if not settings.digest and state.message_id is not None:
        state = await _back_to_cards(services, channel, state)
    total = await repo.count_visible(guild.id)
    t = await shared_translations(services, guild.id)
    mentions = 0
    mention, raised = alert_due(settings, state, total)
    if mention and await _mention(services, t, channel, settings, total):
        mentions = 1
    elif mention:
        raised = False  # not sent: try again next round
    state = dataclasses.replace(state, alert_raised=raised)
    posted = edited = 0
    if settings.digest:
        state, posted, edited = await _digest(services, t, channel, settings, state, now, total)
    if state != before:
        await repo.save_state(state)
    return WatchRun(posted, edited, mentions)


async def _mention(
    services: Services, t: Translations, channel: discord.TextChannel, settings: WatchSettings, total: int
) -> bool:
    role = channel.guild.get_role(settings.alert_role_id or 0)
    if role is None:
        return False
    text = services.renderer.render(
        "cards/queue_alert.md.j2", t, role=role.mention, count=total, threshold=settings.alert_threshold
    )
    try:
        # Exactly that role may be pinged: nobody else, whatever the text contains.
        await channel.send(text, allowed_mentions=discord.AllowedMentions(everyone=False, users=False, roles=[role]))
    except discord.HTTPException:
        log.warning("guild %s: could not post the queue threshold mention", channel.guild.id)
        return False
    return True


async def _digest(
    services: Services,
    t: Translations,
    channel: discord.TextChannel,
    settings: WatchSettings,
    state: WatchState,
    now: dt.datetime,
    total: int,
) -> tuple[WatchState, int, int]:
    repo = QueueWatchRepository(services.db)
    reason = digest_due(settings, state, now, await repo.listed_since(channel.guild.id, state.posted_at))
    if reason is DigestReason.HOUR:
        state = dataclasses.replace(state, digest_day=local_day(now, settings))
    entries = await repo.visible(channel.guild.id, limit=DIGEST_LIMIT)
    shown = shown_signature([e.id for e in entries])
    card = digest_card(services, t, entries, total, local_day(now, settings))
    if reason is not None and entries:
        old = _old_message(channel, state)
        try:
            message = await channel.send(view=card, allowed_mentions=NO_PINGS)
        except discord.HTTPException:
            log.warning("guild %s: could not post the queue digest", channel.guild.id)
            return state, 0, 0
        if old is not None:
            try:
                await old.delete()  # replaced, not stacked
            except discord.HTTPException:
                log.info("guild %s: the previous digest was already gone", channel.guild.id)
        state = dataclasses.replace(
            state, channel_id=channel.id, message_id=message.id, posted_at=stamp(now), shown=shown
        )
        return state, 1, 0
    old = _old_message(channel, state)
    if old is None or shown == state.shown:
        return state, 0, 0
    try:
        await old.edit(view=card, allowed_mentions=NO_PINGS)  # decided items leave it, listed ones join it
    except discord.NotFound:
        return dataclasses.replace(state, message_id=None, shown=""), 0, 0
    except discord.HTTPException:
        log.warning("guild %s: could not update the queue digest", channel.guild.id)
        return state, 0, 0
    return dataclasses.replace(state, shown=shown), 0, 1


async def _back_to_cards(services: Services, channel: discord.TextChannel, state: WatchState) -> WatchState:
    """The server switched back to a card per item: what the digest listed gets its card, the digest goes."""
    for entry in await QueueWatchRepository(services.db).visible(channel.guild.id, limit=DIGEST_LIMIT * 4):
        if entry.message_id is None:
            await post_card(services, channel.guild, entry)
    old = _old_message(channel, state)
    if old is not None:
        try:
            await old.delete()
        except discord.HTTPException:
            log.info("guild %s: the last digest was already gone", channel.guild.id)
    return dataclasses.replace(state, channel_id=None, message_id=None, shown="")


def _old_message(channel: discord.TextChannel, state: WatchState) -> discord.PartialMessage | None:
    if not state.message_id or state.channel_id != channel.id:
        return None
    return channel.get_partial_message(state.message_id)


DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (DigestOpenSelect,)
