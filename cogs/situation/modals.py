"""The "in your own words" modal shared by /situation and /redflags."""

from __future__ import annotations

import discord

from parley.cogs._shared.cog import cog_of
from parley.cogs._shared.views import ParleyModal
from parley.i18n import Translations

MAX_WORDS = 1500  # enough for a story's gist; the triage reads the first lines anyway


class WordsModal(ParleyModal):
    """A paragraph in the member's own words; what they type is kept only while their flow lives."""

    def __init__(self, t: Translations, kind: str, flow_id: str, version: int, *, current: str | None = None) -> None:
        if kind == "situation":
            title, label = t.gettext("In your own words"), t.gettext("Describe it in your own words")
        else:
            title, label = t.gettext("About this client"), t.gettext("Describe the client in your own words")
        super().__init__(title=title[:45], custom_id=f"parley:{kind}:words:{flow_id}:{version}", timeout=900)
        self.kind, self.flow_id, self.version = kind, flow_id, version
        self.words = discord.ui.TextInput(
            style=discord.TextStyle.paragraph,
            placeholder=t.gettext("For example: what they said or did, and what worries you")[:100],
            default=current,
            min_length=3,
            max_length=MAX_WORDS,
            required=True,
        )
        self.add_item(
            discord.ui.Label(
                text=label[:45],
                description=t.gettext("Only you see this. It's deleted once this walkthrough expires.")[:100],
                component=self.words,
            )
        )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        from parley.cogs.situation.cog import Situation

        cog = cog_of(interaction, Situation)
        await cog.on_words(interaction, self.kind, self.flow_id, self.version, self.words.value)
