"""The know-your-rights select (on the non-payer and no-contract results) and the card it answers with.

The card is sourced and dated data from the knowledge base (rights.toml); the select is a persistent component, so
it keeps working on a result card drawn before a restart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import discord
from babel.dates import format_date

from parley.cogs._shared.cards import TextCard
from parley.cogs._shared.cog import ParleyCog, cog_of
from parley.cogs._shared.items import PersistentItem, one_of
from parley.cogs._shared.respond import respond
from parley.database.repositories.settings import SettingsRepository
from parley.domain.errors import N_, InvalidInput
from parley.i18n import Translations
from parley.i18n.bidi import ltr
from parley.knowledge.rights import Rights as RightsData
from parley.knowledge.rights import RightsCard, default_rights

ACCENT = discord.Colour(0x2E86C1)
PLACEHOLDER = N_("Know your rights: where do you work?")


class RightsSelect(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Select],
    custom_id="parley:rights:{action}",
    action=one_of(("show",)),
):
    """Pick a jurisdiction; the answer is a private card with what its law gives."""

    action: str

    def __init__(
        self, action: str = "show", *, options: Sequence[discord.SelectOption] = (), placeholder: str = ""
    ) -> None:
        super().__init__(
            discord.ui.Select(
                custom_id=self.bind(action=action),
                placeholder=placeholder or None,
                options=list(options) or [discord.SelectOption(label=action, value=action)],
            )
        )

    async def handle(self, interaction: discord.Interaction) -> None:
        await cog_of(interaction, Rights).show(interaction, list(self.item.values))


class Rights(ParleyCog):
    """Know your rights: sourced, dated cards on freelance payment laws; never legal advice."""

    dynamic_items = (RightsSelect,)

    @property
    def data(self) -> RightsData:
        """The cards (loaded and validated once per process)."""
        return default_rights()

    def select(
        self, t: Translations, archetypes: Sequence[str], *, remembered: str | None = None
    ) -> discord.ui.Item[Any] | None:
        """The jurisdiction picker for a result about these client types (None when no card applies).

        The place the member picked last comes first, pinned 📌 (not preselected: picking a preselected option
        again would send nothing)."""
        cards = sorted(self.data.for_archetypes(list(archetypes)), key=lambda card: card.id != remembered)
        if not cards:
            return None
        options = [
            discord.SelectOption(
                label=card.t("name", t.lang)[:100],
                value=card.id,
                description=card.t("law", t.lang)[:100],
                emoji="📌" if card.id == remembered else "⚖️",
            )
            for card in cards
        ]
        return RightsSelect(options=options, placeholder=t.gettext(PLACEHOLDER)[:150])

    async def remembered(self, interaction: discord.Interaction) -> str | None:
        """The place this member picked last in this server, if any."""
        key = self.member_key(interaction)
        if key is None or interaction.guild_id is None:
            return None
        return await SettingsRepository(self.services.db).member_rights_place(interaction.guild_id, key)

    def render(self, t: Translations, card: RightsCard) -> str:
        """The card's text: the law, what it gives, where to read it, when it was checked, not legal advice."""
        lang = t.lang
        lines = [f"## ⚖️ {card.t('name', lang)}", f"**{card.t('law', lang)}**"]
        if card.in_force is not None:
            lines.append(t.gettext("In force since {date}.", date=self._date(t, card.in_force)))
        lines.append("")
        gives = t.gettext("What it gives you")
        lines.append(f"**{gives}**")
        lines += [f"- {point}" for point in card.points(lang)]
        lines.append("")
        url = f"<{card.source_url}>"
        lines.append("🔗 " + t.gettext("Read the official text: {url}", url=ltr(url) if t.rtl else url))
        lines.append(
            "-# " + t.gettext("Checked on {date}.", date=self._date(t, card.checked)) + " " + card.t("disclaimer", lang)
        )
        return "\n".join(lines)

    @staticmethod
    def _date(t: Translations, day: dt.date) -> str:
        return format_date(day, format="long", locale=t.babel_locale)

    async def show(self, interaction: discord.Interaction, values: Sequence[str]) -> None:
        """Answer a pick with the card, privately (the result card stays as it was)."""
        t = await self.translations(interaction)
        try:
            card = self.data.card(values[0])
        except (KeyError, IndexError):
            raise InvalidInput() from None
        await respond(interaction, view=TextCard(self.render(t, card), accent=ACCENT), ephemeral=True)
        key = self.member_key(interaction)
        if key is not None and interaction.guild_id is not None:  # remembered after answering: a write can wait
            await SettingsRepository(self.services.db).set_member_rights_place(interaction.guild_id, key, card.id)
