"""Sharing, as members see it: the form, the private preview (Confirm / Edit / Cancel) and the confirmation.

The rules (who may share, the anonymiser, limits, storing) are `parley.application.sharing.StorySharing`; this
part reads the interaction, calls it, and renders what it returns.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import discord

from parley.application import Member
from parley.application.sharing import StoryForm, StorySharing
from parley.cogs._shared.flags import flag_list, flags_of, more_note, picked, removed_line
from parley.cogs._shared.queue import deliver
from parley.cogs._shared.respond import acknowledge, respond, update
from parley.cogs.stories import queue_batches, views
from parley.cogs.stories.cards import MESSAGE_TEXT_LIMIT, archetype_name, story_body, title_text
from parley.cogs.stories.modals import FormContext, StoryModal
from parley.cogs.stories.parts import Part
from parley.database import DatabaseUnavailable
from parley.domain.anonymiser.anonymiser import PLACEHOLDER_RE
from parley.domain.anonymiser.review import take_out
from parley.domain.errors import NotAllowed, SaveFailed
from parley.domain.settings import GuildSettings
from parley.domain.stories import PREVIEW_TTL, Preview, TtlStore, story_limit
from parley.i18n import Translations
from parley.knowledge import ARCHETYPE_IDS, pick

if TYPE_CHECKING:
    from parley.cogs.stories.cog import Stories


class Sharing(Part):
    """From the form to the moderators' queue."""

    def __init__(self, cog: Stories) -> None:
        super().__init__(cog)
        self.rules = StorySharing(self.services)

    @property
    def previews(self) -> TtlStore[Preview]:
        """Unconfirmed previews (memory only)."""
        return self.rules.previews

    def member(self, interaction: discord.Interaction) -> Member:
        """The member acting, as the sharing rules need them (stories are shared in servers only)."""
        key = self.member_key(interaction)
        if interaction.guild_id is None or key is None:
            raise NotAllowed()
        return Member(interaction.guild_id, interaction.user.id, key, getattr(interaction.user, "joined_at", None))

    async def allow_share(self, interaction: discord.Interaction, t: Translations) -> GuildSettings:
        """Refuse kindly, before the member types anything, when a story could not be accepted now."""
        return await self.rules.can_share(self.member(interaction))

    def story_modal(
        self,
        t: Translations,
        context: FormContext = FormContext(),  # noqa: B008 - frozen dataclass
        *,
        archetype: str | None = None,
        title: str | None = None,
        text: str | None = None,
    ) -> StoryModal:
        """The story form in the member's language (prefilled when editing)."""
        kb = self.services.knowledge
        names = [(a, pick(kb.archetypes[a].name, t.lang)) for a in ARCHETYPE_IDS if a in kb.archetypes]
        return StoryModal(
            self,
            t,
            names,
            max_chars=story_limit(self.services.config.limits.story_max_chars),
            context=context,
            archetype=archetype,
            title=title,
            text=text,
        )

    async def form_submitted(
        self, interaction: discord.Interaction, t: Translations, form: StoryForm, context: FormContext
    ) -> None:
        """Anonymise what the member typed (the raw text goes no further than the rules) and show the preview."""
        preview = await self.rules.preview(
            self.member(interaction),
            form,
            token=context.token,
            story_id=context.story_id,
            reader_lang=t.lang,
            correction=context.correction,
        )
        del form
        card = self.preview_card(t, preview)
        if context.token is not None and interaction.message is not None:
            await update(interaction, view=card)
        else:
            await respond(interaction, view=card, ephemeral=True)

    def preview_card(self, t: Translations, preview: Preview) -> views.TextCard:
        """The private preview: what was removed (marked in bold), and Confirm / Edit / Cancel."""

        def header(clipped: bool) -> str:
            return self.services.renderer.render(
                "cards/story_preview.md.j2",
                t,
                archetype_name=archetype_name(self.services, preview.archetype, t),
                title=title_text(preview.title, preview.placeholders),
                removed=removed_line(t, preview.removed),
                too_long=preview.too_long_by,
                clipped=clipped,
                passes=preview.passes,
                minutes=int(PREVIEW_TTL.total_seconds() // 60),
            )

        top = header(False)
        body, clipped = story_body(preview.text, MESSAGE_TEXT_LIMIT - len(top) - 120, preview.placeholders)
        if clipped:
            top = header(True)
        buttons = views.preview_buttons(t, preview.token, can_confirm=preview.too_long_by == 0)
        found = flags_of(self.rules.anonymiser(), preview.text, preview.lang, preview.title)
        if not found:
            return views.TextCard(top, body, rows=[buttons])
        note = f"🔎 **{t.gettext('Could still identify someone')}:** {flag_list(t, found)}\n-# " + t.gettext(
            "Pick any of them below to replace it with a placeholder; keep the ones that are fine."
        )
        if more := more_note(t, found):
            note += f"\n-# {more}"
        return views.TextCard(top, body, note, rows=[[views.PreviewFlagSelect(preview.token, t, found)], buttons])

    async def take_out_flags(self, interaction: discord.Interaction, token: str, values: list[str]) -> None:
        """Replace the words the author picked with placeholders of their kind, and show the preview again."""
        t = await self.translations(interaction)
        preview = self.rules.owned(self.member(interaction), token)
        now = self.services.clock.now()
        joined = f"{preview.title}\n\n{preview.text}" if preview.title else preview.text
        joined, _ = take_out(joined, picked(values), preview.lang)
        title, text = joined.split("\n\n", 1) if preview.title else (None, joined)
        added = {m.group() for m in PLACEHOLDER_RE.finditer(joined)} - preview.placeholders
        updated = replace(preview, title=title, text=text, placeholders=preview.placeholders | added)
        self.previews.put(token, updated, now)
        await update(interaction, view=self.preview_card(t, updated))

    async def preview_action(self, interaction: discord.Interaction, action: str, token: str) -> None:
        """Confirm, Edit or Cancel a preview."""
        t = await self.translations(interaction)
        member = self.member(interaction)
        if action == "edit":
            preview = self.rules.owned(member, token)
            modal = self.story_modal(
                t,
                FormContext(token=token, story_id=preview.story_id, correction=preview.correction),
                archetype=preview.archetype,
                title=preview.title,
                text=preview.text,
            )
            await interaction.response.send_modal(modal)
        elif action == "cancel":
            self.rules.cancel(member, token)
            text = "🗑️ " + t.gettext("Cancelled. Nothing was saved: the story is gone.")
            await update(interaction, view=views.TextCard(text))
        else:
            await self.confirm(interaction, t, member, token)

    async def confirm(self, interaction: discord.Interaction, t: Translations, member: Member, token: str) -> None:
        """Store the confirmed, anonymised story, queue it for the moderators, post its card."""
        guild = interaction.guild
        if guild is None:
            raise NotAllowed()
        claimed = await self.rules.claim(member, token)
        await acknowledge(interaction)  # storing is a write: answer Discord before a slow disk can make us late
        try:
            submitted = await self.rules.confirm(claimed)
        except DatabaseUnavailable as error:
            # Nothing was stored and the preview is kept (StorySharing.confirm): say plainly what happened.
            _, confirm_label, _ = views.PREVIEW_LOOK["confirm"]
            raise SaveFailed(error.reason, retry=t.gettext(confirm_label)) from error
        if claimed.preview.correction:
            # A correction is about a story everyone can already read: its card goes to the moderators at once.
            text = (
                "### ✅ "
                + t.gettext("Thank you: your correction is with the moderators")
                + "\n"
                + t.gettext(
                    "The post keeps its current text until a moderator approves the correction. "
                    "Follow it in {command}.",
                    command=t.command("story mine"),
                )
            )
            await update(interaction, view=views.TextCard(text, accent=views.DONE))
            await deliver(self.services, guild, submitted.entry)
            return
        text = self.services.renderer.render(
            "cards/story_sent.md.j2", t, mine_command=t.command("story mine"), left=submitted.left
        )
        await update(interaction, view=views.TextCard(text, accent=views.DONE))
        await self.cog.notices.ask_once(interaction, t)
        if not queue_batches.batching(self.services.config.stories):
            await deliver(self.services, guild, submitted.entry)
        # Otherwise the card waits for its batch (queue_batches.py): its timing must not point at its author.
