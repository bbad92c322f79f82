"""`/stats`: client types per month, what worked, stories and tips shared and published; queue health for moderators.

The chart is drawn once per server, language, reader kind (member or moderator) and UTC day, then served from
memory: the numbers behind it change slowly and drawing costs tens of milliseconds.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from collections import OrderedDict
from collections.abc import Mapping
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.app_commands import locale_str

from parley.cogs._shared.cog import ParleyCog
from parley.cogs._shared.permissions import role_for
from parley.cogs._shared.respond import acknowledge, respond
from parley.database.repositories.content import ContentRepository
from parley.database.repositories.queue_watch import QueueWatchRepository
from parley.database.repositories.stats import StatsRepository
from parley.domain import stats as domain
from parley.domain.settings import Role
from parley.domain.stories import parse_stamp, stamp
from parley.i18n import Translations
from parley.knowledge.model import pick
from parley.knowledge.server_items import ServerItem, item_slug

if TYPE_CHECKING:
    from parley.cogs.stats.chart import ChartText

ACCENT = discord.Colour(0x5865F2)
CACHE_SIZE = 64
FILENAME = "parley-stats.png"
ADVICE_LABEL_CHARS = 90


class ChartCache:
    """Drawn charts by (guild, language, moderator view, day), the least recently used forgotten first."""

    def __init__(self) -> None:
        self._charts: OrderedDict[tuple[int, str, bool, str], bytes] = OrderedDict()

    def get(self, key: tuple[int, str, bool, str]) -> bytes | None:
        """A chart drawn earlier today, if any."""
        if key in self._charts:
            self._charts.move_to_end(key)
        return self._charts.get(key)

    def put(self, key: tuple[int, str, bool, str], png: bytes) -> None:
        """Keep a chart for the rest of its day."""
        self._charts[key] = png
        while len(self._charts) > CACHE_SIZE:
            self._charts.popitem(last=False)


class StatsCard(discord.ui.LayoutView):
    """The summary text, then the chart."""

    def __init__(self, text: str, file: discord.File, alt: str) -> None:
        super().__init__(timeout=None)
        gallery = discord.ui.MediaGallery(discord.MediaGalleryItem(file, description=alt[:1024]))
        self.add_item(discord.ui.Container(discord.ui.TextDisplay(text), gallery, accent_colour=ACCENT))


class Stats(ParleyCog):
    """What the community learned, as a picture."""

    template_samples = {
        "cards/stats.md.j2": [
            {"k": 5, "months": 6, "empty": False, "health": None},
            {"k": 5, "months": 6, "empty": True, "health": ["Waiting now: 3 items", "Median wait: 5 hours"]},
        ]
    }

    @app_commands.command(name=locale_str("stats"), description=locale_str("What this community learned, as a chart"))
    @app_commands.guild_only()
    async def stats_command(self, interaction: discord.Interaction) -> None:
        """Send the chart privately (moderators' version with queue health)."""
        guild_id = interaction.guild_id
        if guild_id is None:
            raise app_commands.NoPrivateMessage()
        await acknowledge(interaction)  # reading and drawing take longer than Discord's first 3 seconds allow
        t = await self.translations(interaction)
        moderator = await role_for(self.services, interaction) >= Role.MODERATOR
        now = self.services.clock.now()
        stats = await self.gather(guild_id, now, moderator=moderator)
        own = {}
        if any(item_slug(cell.label) for cell in stats.worked):  # the server's own advice (/content)
            own = {item.item_id: item for item in await ContentRepository(self.services.db).items(guild_id)}
        words = self.chart_text(t, stats, own)
        cache = self.services.component(ChartCache)
        key = (guild_id, t.lang, moderator, now.date().isoformat())
        png = cache.get(key)
        if png is None:
            from parley.cogs.stats.chart import render  # Pillow is loaded on the first /stats, not at start-up

            png = await asyncio.to_thread(render, stats, words, rtl=t.rtl)
            cache.put(key, png)
        text = self.services.renderer.render(
            "cards/stats.md.j2",
            t,
            k=stats.k,
            months=len(stats.months),
            empty=stats.empty,
            health=list(words.health_lines) or None,
        )
        file = discord.File(io.BytesIO(png), filename=FILENAME)
        await respond(interaction, view=StatsCard(text, file, words.subtitle), file=file, ephemeral=True)

    async def gather(self, guild_id: int, now: dt.datetime, *, moderator: bool) -> domain.CommunityStats:
        """Read the aggregates and make them safe to show."""
        repo = StatsRepository(self.services.db)
        months = domain.months_until(now)
        first_day = f"{months[0]}-01"
        health = None
        if moderator:
            waiting = await QueueWatchRepository(self.services.db).waiting_ages(guild_id)
            since = stamp(now - dt.timedelta(days=30))
            took = [
                (parse_stamp(decided) - parse_stamp(arrived)).total_seconds() / 3600
                for arrived, decided in await repo.decisions_since(guild_id, since)
            ]
            health = domain.queue_health([parse_stamp(w) for w in waiting], took, now)
        return domain.build(
            months,
            await repo.client_types(guild_id, months[0]),
            await repo.worked(guild_id),
            await repo.totals(guild_id, first_day),
            health=health,
        )

    def chart_text(
        self, t: Translations, stats: domain.CommunityStats, own: Mapping[str, ServerItem] | None = None
    ) -> ChartText:
        """Every word of the chart in the reader's language."""
        from babel.dates import format_skeleton

        from parley.cogs.stats.chart import ChartText

        kb = self.services.knowledge
        type_names = {a: pick(kb.archetypes[a].name, t.lang) for a in stats.types if a in kb.archetypes}
        type_names[domain.OTHER] = t.gettext("Other client types")
        advice_names = {}
        for cell in stats.worked:
            server_item = (own or {}).get(cell.label)
            if server_item is not None:
                advice_names[cell.label] = _short(server_item.readable_in(t.lang) or cell.label)
                continue
            try:
                advice_names[cell.label] = _short(kb.item(cell.label).t(t.lang))
            except KeyError:
                advice_names[cell.label] = cell.label
        months = {
            m: format_skeleton("yMMM", dt.date(int(m[:4]), int(m[5:]), 1), locale=t.babel_locale) for m in stats.months
        }
        health_lines: list[str] = []
        if stats.health is not None:
            health_lines = _health_lines(t, stats.health)
        return ChartText(
            title=t.gettext("What this community learned"),
            subtitle=t.ngettext(
                "The last {count} month. Only counts of {k} or more are shown, so nobody can be singled out.",
                "The last {count} months. Only counts of {k} or more are shown, so nobody can be singled out.",
                len(stats.months),
                k=stats.k,
            ),
            types_title=t.gettext("Client types members asked about, per month"),
            worked_title=t.gettext("Advice members marked “it worked”"),
            totals_title=t.gettext("Stories and tips, per month"),
            health_title=t.gettext("Queue health (moderators only)") if stats.health else None,
            months=months,
            type_names=type_names,
            advice_names=advice_names,
            total_names={
                "stories_shared": t.gettext("Stories shared"),
                "stories_published": t.gettext("Stories published"),
                "tips_shared": t.gettext("Tips suggested"),
                "tips_published": t.gettext("Tips approved"),
            },
            fewer=t.gettext("No bar: fewer than {k} that month.", k=stats.k),
            nothing=t.gettext("Not enough yet to show (at least {k} per cell).", k=stats.k),
            suppressed_note=t.ngettext(
                "{count} small cell (fewer than {k}) is left out.",
                "{count} small cells (fewer than {k}) are left out.",
                stats.suppressed,
                k=stats.k,
            )
            if stats.suppressed
            else None,
            health_lines=health_lines,
        )


def _short(text: str) -> str:
    """An advice item's first sentence, for a chart label."""
    first = text.split(". ")[0].strip()
    return first if len(first) <= ADVICE_LABEL_CHARS else first[: ADVICE_LABEL_CHARS - 1].rstrip() + "…"


def _hours(t: Translations, hours: float) -> str:
    if hours < 48:
        n = round(hours)
        return t.ngettext("{count} hour", "{count} hours", n)
    n = round(hours / 24)
    return t.ngettext("{count} day", "{count} days", n)


def _health_lines(t: Translations, health: domain.QueueHealth) -> list[str]:
    lines = [t.ngettext("Waiting now: {count} item", "Waiting now: {count} items", health.waiting)]
    if health.median_wait_h is not None and health.longest_wait_h is not None:
        lines.append(
            t.gettext(
                "Median wait so far: {median}; longest: {longest}",
                median=_hours(t, health.median_wait_h),
                longest=_hours(t, health.longest_wait_h),
            )
        )
    if health.median_decision_h is not None:
        lines.append(
            t.gettext("Median time to a decision (last 30 days): {time}", time=_hours(t, health.median_decision_h))
        )
    return lines
