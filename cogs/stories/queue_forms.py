"""Moderators' forms on a story card: Edit & approve, Redact, Reject (reason + note), Request edit, Block author.

Each form decides through `decide_story` on submit, so the checks (moderator role, not their own story, exactly
one decision) run again at that moment: a colleague may have decided while the form was open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from parley.cogs._shared.flags import RedactFields, flags_of
from parley.cogs._shared.views import ParleyModal
from parley.cogs.stories.queue import decide_story, load_for_action
from parley.domain import moderation
from parley.domain.anonymiser import Anonymiser
from parley.domain.moderation import NOTE_MAX_CHARS, REJECT_REASONS
from parley.domain.safe_text import user_text
from parley.domain.stories import (
    BLOCK_AUTHOR,
    BLOCK_REASONS,
    EDIT_APPROVE,
    REDACT,
    REQUEST_EDIT,
    STORED_MAX_CHARS,
    TITLE_MAX_CHARS,
    Story,
    StoryTooLong,
    clean_title,
    redaction_mark,
    validate_story,
)
from parley.i18n import Translations

if TYPE_CHECKING:
    from parley.services import Services


def anonymise_again(services: Services, text: str, lang: str) -> str:
    """A moderator's edit goes through the anonymiser too: nobody re-adds a name by accident."""
    return services.component(Anonymiser.load).anonymise(text, lang).text


class EditApproveModal(ParleyModal):
    """The story's text and title to correct; approving on submit."""

    def __init__(self, services: Services, t: Translations, entry_id: int, story: Story) -> None:
        super().__init__(title=t.gettext("Edit & approve")[:45], timeout=1800)
        self.services = services
        self.entry_id = entry_id
        self.lang = story.lang
        self.text = discord.ui.TextInput(
            style=discord.TextStyle.paragraph,
            default=story.text,
            max_length=min(max(STORED_MAX_CHARS, len(story.text)), 4000),
            required=True,
        )
        self.story_title = discord.ui.TextInput(
            style=discord.TextStyle.short, default=story.title or None, max_length=TITLE_MAX_CHARS, required=False
        )
        self.add_item(
            discord.ui.Label(
                text=t.gettext("Story")[:45],
                description=t.gettext("Your edits are anonymised again before approval.")[:100],
                component=self.text,
            )
        )
        self.add_item(discord.ui.Label(text=t.gettext("Title (optional)")[:45], component=self.story_title))

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Anonymise the edit, then approve with it."""
        text = anonymise_again(self.services, validate_story(self.text.value or "", STORED_MAX_CHARS), self.lang)
        if len(text) > STORED_MAX_CHARS:
            raise StoryTooLong()
        title = clean_title(self.story_title.value)
        if title:
            title = clean_title(anonymise_again(self.services, title, self.lang))
        await decide_story(
            self.services, interaction, self.entry_id, EDIT_APPROVE, text=text, title=title, set_title=True
        )


class RedactModal(ParleyModal):
    """The words still flagged (offered first) and phrases to paste; each becomes a placeholder. Stays pending."""

    def __init__(self, services: Services, t: Translations, entry_id: int, story: Story) -> None:
        super().__init__(title=t.gettext("Redact")[:45], timeout=1800)
        self.services = services
        self.t = t
        self.entry_id = entry_id
        anon = services.component(Anonymiser.load)
        self.fields = RedactFields(t, flags_of(anon, story.text, story.lang, story.title))
        for label in self.fields.labels():
            self.add_item(label)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Replace the picks and phrases and keep the story in the queue, its card showing the new text."""
        _, story, _ = await load_for_action(self.services, interaction, self.entry_id)
        text, title, count = self.fields.apply(story.text, story.title, story.lang, redaction_mark(story.lang))
        if len(text) > STORED_MAX_CHARS:
            raise StoryTooLong()  # placeholders are longer than very short phrases
        notice = "🖍️ " + self.t.ngettext(
            "{count} passage removed by {moderator}.",
            "{count} passages removed by {moderator}.",
            count,
            moderator=user_text(interaction.user.display_name),
        )
        await decide_story(
            self.services, interaction, self.entry_id, REDACT, text=text, title=title, set_title=True, notice=notice
        )


class RejectStoryModal(ParleyModal):
    """A reason from the list and an optional note; both are shown to the author in /story mine."""

    def __init__(self, services: Services, t: Translations, entry_id: int) -> None:
        super().__init__(title=t.gettext("Reject")[:45], timeout=1800)
        self.services = services
        self.entry_id = entry_id
        self.reason = discord.ui.Select(
            placeholder=t.gettext("Pick a reason")[:150],
            options=[
                discord.SelectOption(label=t.gettext(label)[:100], value=code) for code, label in REJECT_REASONS.items()
            ],
            min_values=1,
            max_values=1,
            required=True,
        )
        self.note = discord.ui.TextInput(style=discord.TextStyle.paragraph, max_length=NOTE_MAX_CHARS, required=False)
        self.add_item(discord.ui.Label(text=t.gettext("Reason")[:45], component=self.reason))
        self.add_item(
            discord.ui.Label(
                text=t.gettext("Note to the author (optional)")[:45],
                description=t.gettext(
                    "The author reads it in {command}. No names, please.", command=t.command("story mine")
                )[:100],
                component=self.note,
            )
        )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Reject with the reason and note."""
        reason = self.reason.values[0] if self.reason.values else None
        await decide_story(
            self.services, interaction, self.entry_id, moderation.REJECT, reason=reason, note=self.note.value
        )


class RequestEditModal(ParleyModal):
    """What the author should change; the story goes back to them (visible in /story mine)."""

    def __init__(self, services: Services, t: Translations, entry_id: int) -> None:
        super().__init__(title=t.gettext("Request edit")[:45], timeout=1800)
        self.services = services
        self.entry_id = entry_id
        self.note = discord.ui.TextInput(style=discord.TextStyle.paragraph, max_length=NOTE_MAX_CHARS, required=True)
        self.add_item(
            discord.ui.Label(
                text=t.gettext("What should the author change?")[:45],
                description=t.gettext(
                    "The author reads it in {command}, edits and resubmits.", command=t.command("story mine")
                )[:100],
                component=self.note,
            )
        )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Send the story back with the note."""
        await decide_story(self.services, interaction, self.entry_id, REQUEST_EDIT, note=self.note.value)


class BlockAuthorModal(ParleyModal):
    """The confirm step of Block author: what it does, how to undo it, and a reason (and an optional note)."""

    def __init__(self, services: Services, t: Translations, entry_id: int, story: Story) -> None:
        super().__init__(title=t.gettext("Block author")[:45], timeout=1800)
        self.services = services
        self.entry_id = entry_id
        self.add_item(
            discord.ui.TextDisplay(
                t.gettext(
                    "The author of story #{number} won't be able to share stories here until a moderator lifts the "
                    "block in {command}. Nobody, you included, learns who they are.",
                    number=story.id,
                    command=t.command("mod blocks"),
                )
            )
        )
        self.reason = discord.ui.Select(
            placeholder=t.gettext("Pick a reason")[:150],
            options=[
                discord.SelectOption(label=t.gettext(REJECT_REASONS[code])[:100], value=code) for code in BLOCK_REASONS
            ],
            min_values=1,
            max_values=1,
            required=True,
        )
        self.note = discord.ui.TextInput(style=discord.TextStyle.paragraph, max_length=NOTE_MAX_CHARS, required=False)
        self.add_item(discord.ui.Label(text=t.gettext("Reason")[:45], component=self.reason))
        self.add_item(
            discord.ui.Label(
                text=t.gettext("Note for the moderators (optional)")[:45],
                description=t.gettext("Kept in the audit log; the author doesn't see it. No names, please.")[:100],
                component=self.note,
            )
        )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Block, with the reason (submitting the form is the confirmation)."""
        reason = self.reason.values[0] if self.reason.values else None
        await decide_story(self.services, interaction, self.entry_id, BLOCK_AUTHOR, reason=reason, note=self.note.value)
