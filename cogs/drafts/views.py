"""The draft card and its persistent components: another tone, another language, Edit details, and a start button.

Every component is a DynamicItem whose custom id carries the draft's random id (`parley:draft:<action>:<id>`), so
the buttons keep working after a restart; the draft itself (values, language, tone) is loaded from the database.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

import discord

from parley.cogs._shared.cog import cog_of
from parley.cogs._shared.items import HANDLE, PersistentItem, one_of
from parley.cogs._shared.respond import NO_PINGS
from parley.cogs.drafts.labels import TONE_EMOJI, TONE_ORDER, language_label, tone_name
from parley.domain.drafts import DRAFT_KINDS, DRAFT_LANGS
from parley.i18n import LANGUAGE_NAMES, Translations

if TYPE_CHECKING:
    from parley.cogs.drafts.cog import Drafts

ACCENT = discord.Colour(0xFEE75C)
ERROR_ACCENT = discord.Colour(0xED4245)
# A run of backticks would close the code block the draft sits in; a zero-width space keeps each one literal.
_BACKTICK_RUN = re.compile("`(?=`)")
OFF_PLATFORM = "np"  # a start button's scope: the member said the work isn't through a platform


def fenced(text: str) -> str:
    """The draft as a code block the member can copy; backtick runs inside can't close it early."""
    return f"```\n{_BACKTICK_RUN.sub('`' + chr(0x200B), text)}\n```"


def attachment(text: str, kind: str, lang: str) -> discord.File:
    """The draft as a UTF-8 .txt file, for drafts longer than a message allows."""
    return discord.File(io.BytesIO(text.encode("utf-8")), filename=f"draft-{kind.replace('_', '-')}-{lang}.txt")


def _drafts_cog(interaction: discord.Interaction) -> Drafts:
    from parley.cogs.drafts.cog import Drafts

    return cog_of(interaction, Drafts)


class DraftCard(discord.ui.LayoutView):
    """The draft the member copies, where it comes from, and the buttons to change it."""

    def __init__(
        self,
        t: Translations,
        *,
        draft_id: str,
        header: str,
        body: str | None,
        file: discord.File | None,
        footer: str,
        tones: tuple[str, ...],
        tone: str | None,
        lang: str,
        note: str | None = None,
        follow_up: discord.ui.Item[Any] | None = None,
    ) -> None:
        super().__init__(timeout=None)
        container = discord.ui.Container(accent_colour=ACCENT)
        container.add_item(discord.ui.TextDisplay(header))
        if note:
            container.add_item(discord.ui.TextDisplay(note))
        if file is not None:
            container.add_item(discord.ui.File(file))
        else:
            container.add_item(discord.ui.TextDisplay(fenced(body or "")))
        container.add_item(discord.ui.TextDisplay(footer))
        container.add_item(discord.ui.Separator())
        if tones:
            container.add_item(discord.ui.ActionRow(*(ToneButton(draft_id, x, t, current=x == tone) for x in tones)))
        container.add_item(discord.ui.ActionRow(LanguagePick(draft_id, t, lang)))
        actions: list[discord.ui.Item[Any]] = [EditButton(draft_id, t)]
        if len(set(tones) & set(COMPARED_TONES)) > 1:
            actions.append(CompareButton(draft_id, t))
        if follow_up is not None:
            actions.append(follow_up)
        container.add_item(discord.ui.ActionRow(*actions))
        self.add_item(container)


#: The tones shown side by side: the ladder's three steps (a platform dispute is a different act, not a tone).
COMPARED_TONES = ("friendly", "firm", "final")
COMPARE_TEXT_LIMIT = 3600  # of Components V2's 4000 characters, leaving room for the header and tone names


class ToneComparison(discord.ui.LayoutView):
    """The draft in each tone, side by side (one section per tone, its "use this tone" button beside it)."""

    def __init__(
        self, t: Translations, *, draft_id: str, header: str, texts: dict[str, str], current: str | None
    ) -> None:
        super().__init__(timeout=None)
        container = discord.ui.Container(accent_colour=ACCENT)
        container.add_item(discord.ui.TextDisplay(header))
        budget = max(COMPARE_TEXT_LIMIT // max(len(texts), 1) - 40, 200)
        for tone, text in texts.items():
            shown = text if len(text) <= budget else text[: budget - 1].rstrip() + "…"
            container.add_item(discord.ui.Separator())
            container.add_item(
                discord.ui.Section(
                    discord.ui.TextDisplay(f"**{TONE_EMOJI[tone]} {tone_name(t, tone)}**\n{fenced(shown)}"),
                    accessory=ToneButton(draft_id, tone, t, current=tone == current),
                )
            )
        self.add_item(container)


class CompareButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button],
    custom_id="parley:draft:compare:{draft_id}",
    draft_id=HANDLE,
):
    """Show the friendly, firm and final versions side by side before choosing one to copy."""

    draft_id: str

    def __init__(self, draft_id: str, t: Translations | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                custom_id=self.bind(draft_id=draft_id),
                label=t.gettext("Compare tones") if t else "Compare tones",
                emoji="🔀",
                style=discord.ButtonStyle.secondary,
            )
        )

    async def handle(self, interaction: discord.Interaction) -> None:
        await _drafts_cog(interaction).compare_tones(interaction, self.draft_id)


class InputErrorCard(discord.ui.LayoutView):
    """What was wrong with the details, and Edit details to reopen the form with everything the member typed."""

    def __init__(self, t: Translations, *, draft_id: str, text: str) -> None:
        super().__init__(timeout=None)
        self.add_item(
            discord.ui.Container(
                discord.ui.TextDisplay(text),
                discord.ui.ActionRow(EditButton(draft_id, t, primary=True)),
                accent_colour=ERROR_ACCENT,
            )
        )


async def replace_card(
    interaction: discord.Interaction, view: discord.ui.LayoutView, file: discord.File | None
) -> None:
    """Put a new card on the message the member acted on; attachments follow the card (none for a code block)."""
    kwargs: dict[str, Any] = {"view": view, "attachments": [file] if file else [], "allowed_mentions": NO_PINGS}
    if interaction.response.is_done():
        await interaction.edit_original_response(**kwargs)
    else:
        await interaction.response.edit_message(**kwargs)


class ToneButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button],
    custom_id="parley:draft:tone:{draft_id}:{tone}",
    draft_id=HANDLE,
    tone=one_of(TONE_ORDER),
):
    """Redraft in another tone; the current tone shows as selected."""

    draft_id: str
    tone: str

    def __init__(self, draft_id: str, tone: str, t: Translations | None = None, *, current: bool = False) -> None:
        super().__init__(
            discord.ui.Button(
                custom_id=self.bind(draft_id=draft_id, tone=tone),
                label=tone_name(t, tone) if t else tone,
                emoji=TONE_EMOJI[tone],
                style=discord.ButtonStyle.primary if current else discord.ButtonStyle.secondary,
                disabled=current,
            )
        )

    async def handle(self, interaction: discord.Interaction) -> None:
        await _drafts_cog(interaction).change_tone(interaction, self.draft_id, self.tone)


class LanguagePick(
    PersistentItem, discord.ui.DynamicItem[discord.ui.Select], custom_id="parley:draft:lang:{draft_id}", draft_id=HANDLE
):
    """Redraft in another language (the client's), whatever language the member reads Parley in."""

    draft_id: str

    def __init__(self, draft_id: str, t: Translations | None = None, current: str | None = None) -> None:
        options = [
            discord.SelectOption(
                label=LANGUAGE_NAMES[code],
                value=code,
                description=language_label(t, code) if t and t.lang != code else None,
                default=code == current,
            )
            for code in DRAFT_LANGS
        ]
        super().__init__(
            discord.ui.Select(
                custom_id=self.bind(draft_id=draft_id),
                placeholder=t.gettext("Write it in another language") if t else None,
                options=options,
                min_values=1,
                max_values=1,
            )
        )

    async def handle(self, interaction: discord.Interaction) -> None:
        await _drafts_cog(interaction).change_language(interaction, self.draft_id, self.item.values[0])


class EditButton(
    PersistentItem, discord.ui.DynamicItem[discord.ui.Button], custom_id="parley:draft:edit:{draft_id}", draft_id=HANDLE
):
    """Reopen the form prefilled with everything the member typed."""

    draft_id: str

    def __init__(self, draft_id: str, t: Translations | None = None, *, primary: bool = False) -> None:
        super().__init__(
            discord.ui.Button(
                custom_id=self.bind(draft_id=draft_id),
                label=t.gettext("Edit details") if t else "Edit details",
                emoji="✏️",
                style=discord.ButtonStyle.primary if primary else discord.ButtonStyle.secondary,
            )
        )

    async def handle(self, interaction: discord.Interaction) -> None:
        await _drafts_cog(interaction).edit_details(interaction, self.draft_id)


class StartButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button],
    custom_id="parley:draft:start:{kind}[:{scope}]",
    kind=one_of(DRAFT_KINDS),
    scope=one_of((OFF_PLATFORM,)),
):
    """Open the form for one kind of draft; anyone may press it, and each member gets their own draft.

    The optional scope says the member already told Parley the work isn't through a platform.
    """

    kind: str
    scope: str | None

    def __init__(
        self, kind: str, label: str | None = None, *, emoji: str | None = "✉️", scope: str | None = None
    ) -> None:
        super().__init__(
            discord.ui.Button(
                custom_id=self.bind(kind=kind, scope=scope),
                label=label or kind,
                emoji=emoji,
                style=discord.ButtonStyle.primary,
            )
        )

    async def handle(self, interaction: discord.Interaction) -> None:
        await _drafts_cog(interaction).open_draft(interaction, self.kind, platform=self.scope != OFF_PLATFORM)


def draft_button(kind: str, label: str, *, platform: bool = True) -> StartButton:
    """A persistent button that opens the /draft form for `kind` (other capabilities put it on their cards).

    The label should already be in the reader's language; the press must be the interaction's first response,
    because it answers with a modal. `platform=False` when the member said the work isn't through a platform: the
    draft then offers no platform dispute.
    """
    if kind not in DRAFT_KINDS:
        raise ValueError(f"unknown draft kind {kind!r}")
    return StartButton(kind, label, scope=None if platform else OFF_PLATFORM)


DYNAMIC_ITEMS = (ToneButton, LanguagePick, EditButton, StartButton, CompareButton)
