"""The tip form (a Components V2 modal) and the retry card that gives a member their text back after a problem."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import discord

from parley.cogs._shared.views import OwnedLayoutView, ParleyModal
from parley.domain.tips import TEXT_INPUT_MAX
from parley.i18n import LANGUAGE_NAMES, LANGUAGES, Translations

if TYPE_CHECKING:
    from parley.cogs.advice.cog import Advice

ACCENT = discord.Colour(0xF1C40F)


@dataclass(frozen=True, slots=True)
class TipDraft:
    """What the member typed and chose, kept in memory only, so a problem never costs them their text."""

    text: str = ""
    archetype: str | None = None
    lang: str | None = None


class SuggestTipModal(ParleyModal):
    """Type of client (select), the tip (paragraph) and its language (select), each inside a Label."""

    def __init__(
        self,
        cog: Advice,
        t: Translations,
        archetypes: list[tuple[str, str]],
        *,
        max_chars: int,
        draft: TipDraft | None = None,
    ) -> None:
        super().__init__(title=t.gettext("Suggest a tip")[:45], timeout=1800)
        draft = draft or TipDraft(lang=t.lang)
        self.cog = cog
        self.t = t
        self.archetype = discord.ui.Select(
            placeholder=t.gettext("Choose the type of client")[:150],
            options=[
                discord.SelectOption(label=name[:100], value=arch_id, default=arch_id == draft.archetype)
                for arch_id, name in archetypes[:25]
            ],
            min_values=1,
            max_values=1,
            required=True,
        )
        self.tip = discord.ui.TextInput(
            style=discord.TextStyle.paragraph,
            placeholder=t.gettext("What did you do, and how did it go?")[:100],
            default=draft.text or None,
            # A draft from an earlier attempt may be over the limit: let it in so it can be shortened here.
            max_length=min(max(max_chars, len(draft.text)), TEXT_INPUT_MAX),
            required=True,
        )
        self.lang = discord.ui.Select(
            options=[
                discord.SelectOption(label=LANGUAGE_NAMES[code], value=code, default=code == (draft.lang or t.lang))
                for code in LANGUAGES
            ],
            min_values=1,
            max_values=1,
            required=True,
        )
        self.add_item(discord.ui.Label(text=t.gettext("Type of client")[:45], component=self.archetype))
        self.add_item(
            discord.ui.Label(
                text=t.gettext("Your tip")[:45],
                description=t.ngettext(
                    "Something that worked for you, in at most {count} character.",
                    "Something that worked for you, in at most {count} characters.",
                    max_chars,
                )[:100],
                component=self.tip,
            )
        )
        self.add_item(discord.ui.Label(text=t.gettext("Language of the tip")[:45], component=self.lang))

    def draft(self) -> TipDraft:
        """What the member submitted, as typed."""
        return TipDraft(
            text=self.tip.value or "",
            archetype=self.archetype.values[0] if self.archetype.values else None,
            lang=self.lang.values[0] if self.lang.values else None,
        )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Hand the form to the cog, which validates, stores and queues it."""
        await self.cog.submit_tip(interaction, self.t, self.draft())


class EditTipButton(discord.ui.Button["TipRetryCard"]):
    """Reopen the form with the member's text and choices filled in."""

    def __init__(self, label: str) -> None:
        super().__init__(label=label, emoji="✏️", style=discord.ButtonStyle.primary)

    async def callback(self, interaction: discord.Interaction) -> None:
        """Open the prefilled modal."""
        card = self.view
        assert card is not None
        await interaction.response.send_modal(await card.cog.tip_modal(interaction, card.t, card.draft))


class TipRetryCard(OwnedLayoutView):
    """What went wrong, the member's own text to copy, and (when it can help) a button to edit and resend."""

    def __init__(
        self, cog: Advice, t: Translations, owner_id: int, text: str, draft: TipDraft, *, can_edit: bool
    ) -> None:
        super().__init__(owner_id, timeout=1800)
        self.cog = cog
        self.t = t
        self.draft = draft
        parts: list[discord.ui.Item[Any]] = [discord.ui.TextDisplay(text)]
        if can_edit:
            parts.append(discord.ui.ActionRow(EditTipButton(t.gettext("Edit my tip"))))
        self.add_item(discord.ui.Container(*parts, accent_colour=ACCENT))
