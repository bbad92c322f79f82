"""The story form: type of client (a select in a Label), the story, an optional title.

The same form edits a preview (prefilled with the ANONYMISED text, so the member can remove more by hand) and a
story the moderators sent back. What the member typed is handed straight to the cog; it is never kept here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import discord

from parley.application.sharing import TEXT_INPUT_MAX, StoryForm
from parley.cogs._shared.views import ParleyModal
from parley.domain.stories import TITLE_MAX_CHARS
from parley.i18n import Translations

if TYPE_CHECKING:
    from parley.cogs.stories.sharing import Sharing


@dataclass(frozen=True, slots=True)
class FormContext:
    """Why the form is open: a new story, editing a preview (its token), or resubmitting a story (its id)."""

    token: str | None = None
    story_id: int | None = None
    #: the author asks for a correction of their published story `story_id` (it goes to the moderators as one)
    correction: bool = False


class StoryModal(ParleyModal):
    """Type of client, the story (paragraph) and an optional title, each inside a Label."""

    def __init__(
        self,
        flow: Sharing,
        t: Translations,
        archetypes: list[tuple[str, str]],
        *,
        max_chars: int,
        context: FormContext = FormContext(),
        archetype: str | None = None,
        title: str | None = None,
        text: str | None = None,
    ) -> None:
        if context.correction:
            heading = t.gettext("Correct your story")
        elif context == FormContext():
            heading = t.gettext("Share a story")
        else:
            heading = t.gettext("Edit your story")
        super().__init__(title=heading[:45], timeout=1800)
        self.flow = flow
        self.t = t
        self.context = context
        self.archetype = discord.ui.Select(
            placeholder=t.gettext("Choose the type of client")[:150],
            options=[
                discord.SelectOption(label=name[:100], value=arch_id, default=arch_id == archetype)
                for arch_id, name in archetypes[:25]
            ],
            min_values=1,
            max_values=1,
            required=True,
        )
        self.story = discord.ui.TextInput(
            style=discord.TextStyle.paragraph,
            placeholder=t.gettext("What happened? Names, companies and contacts are removed before anyone sees it.")[
                :100
            ],
            # Discord refuses a prefill longer than the field can hold.
            default=(text or "")[:TEXT_INPUT_MAX] or None,
            # An anonymised text can be a little longer than what was typed: let it in so it can be shortened.
            max_length=min(max(max_chars, len(text or "")), TEXT_INPUT_MAX),
            required=True,
        )
        self.story_title = discord.ui.TextInput(
            style=discord.TextStyle.short,
            placeholder=t.gettext("A few words, no names")[:100],
            default=title or None,
            max_length=TITLE_MAX_CHARS,
            required=False,
        )
        self.add_item(discord.ui.Label(text=t.gettext("Type of client")[:45], component=self.archetype))
        self.add_item(
            discord.ui.Label(
                text=t.gettext("Your story")[:45],
                description=t.ngettext(
                    "At most {count} character. You'll see the anonymised version before anything is sent.",
                    "At most {count} characters. You'll see the anonymised version before anything is sent.",
                    max_chars,
                )[:100],
                component=self.story,
            )
        )
        self.add_item(discord.ui.Label(text=t.gettext("Title (optional)")[:45], component=self.story_title))

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Hand the form to the cog, which anonymises it and shows the private preview."""
        form = StoryForm(
            archetype=self.archetype.values[0] if self.archetype.values else None,
            title=self.story_title.value or None,
            text=self.story.value or "",
        )
        await self.flow.form_submitted(interaction, self.t, form, self.context)
