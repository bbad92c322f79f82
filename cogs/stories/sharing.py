"""Sharing: the form, the anonymiser, the private preview (Confirm / Edit / Cancel) and the confirmed story.

The raw text a member typed exists only inside `form_submitted`, between the modal and the anonymiser; what the
preview holds (in memory, for a few minutes) and what `confirm` stores is the anonymised text.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import discord

from parley.cogs._shared.flags import flag_list, flags_of, picked, removed_line
from parley.cogs._shared.queue import post_card
from parley.cogs._shared.respond import acknowledge, respond, update
from parley.cogs.stories import views
from parley.cogs.stories.cards import MESSAGE_TEXT_LIMIT, archetype_name, story_body, title_text
from parley.cogs.stories.modals import TEXT_INPUT_MAX, FormContext, ShareForm, StoryModal
from parley.cogs.stories.parts import Part
from parley.database import DatabaseBusy
from parley.database.repositories.settings import SettingsRepository
from parley.domain.anonymiser import Anonymiser
from parley.domain.anonymiser.anonymiser import PLACEHOLDER_RE
from parley.domain.anonymiser.review import take_out
from parley.domain.errors import N_, AlreadyDone, InvalidInput, NotAllowed, NotConfigured, NotFound, NotYours
from parley.domain.settings import GuildSettings
from parley.domain.stories import (
    PREVIEW_TTL,
    Preview,
    PreviewGone,
    Removal,
    StoriesClosed,
    StoryStatus,
    StoryTooLong,
    TtlStore,
    check_can_share,
    check_membership_days,
    clean_title,
    day_of,
    edited_preview,
    new_preview,
    stamp,
    story_limit,
    validate_story,
)
from parley.i18n import LANGUAGES, Translations
from parley.knowledge import ARCHETYPE_IDS, pick

if TYPE_CHECKING:
    from parley.cogs.stories.cog import Stories

ALREADY_SENT = N_("This story was already sent to the moderators.")


class Sharing(Part):
    """From the form to the moderators' queue."""

    def __init__(self, cog: Stories) -> None:
        super().__init__(cog)
        # Memory only, per process: a restart forgets unconfirmed previews, by design.
        self.previews: TtlStore[Preview] = self.services.component(
            lambda: TtlStore(PREVIEW_TTL), key="stories:previews"
        )
        self.sent: TtlStore[bool] = self.services.component(lambda: TtlStore(PREVIEW_TTL), key="stories:sent")

    def anonymiser(self) -> Anonymiser:
        """The anonymiser, built once per process on first use."""
        return self.services.component(Anonymiser.load)

    async def allow_share(self, interaction: discord.Interaction, t: Translations) -> GuildSettings:
        """Refuse kindly, before the member types anything, when a story could not be accepted now."""
        guild_id = interaction.guild_id
        key = self.member_key(interaction)
        if guild_id is None or key is None:
            raise NotAllowed()
        settings = await SettingsRepository(self.services.db).get(guild_id)
        if not settings.stories_enabled:
            raise StoriesClosed()
        if settings.missing_for_stories():
            raise NotConfigured(command=t.command("setup"))
        limits = settings.limits(self.services.config)
        now = self.services.clock.now()
        check_membership_days(getattr(interaction.user, "joined_at", None), now, limits.min_membership_days)
        check_can_share(
            enabled=True,
            per_day=limits.stories_per_day,
            shared_today=await self.repo.shared_on_day(guild_id, key, day_of(now)),
            blocked=await self.repo.is_blocked(guild_id, key),
        )
        return settings

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
        self, interaction: discord.Interaction, t: Translations, form: ShareForm, context: FormContext
    ) -> None:
        """Anonymise what the member typed (the raw text goes no further than this call) and show the preview."""
        guild_id = interaction.guild_id
        key = self.member_key(interaction)
        if guild_id is None or key is None:
            raise NotAllowed()
        now = self.services.clock.now()
        previous = self._owned(interaction, context.token, t) if context.token else None
        if context.story_id is not None:
            story = await self.repo.get(guild_id, context.story_id)
            if story is None or not story.is_by(key) or story.status is not StoryStatus.CHANGES_REQUESTED:
                raise NotFound()
        archetype = form.archetype or ""
        if archetype not in self.services.knowledge.archetypes:
            raise InvalidInput(N_("Please choose the type of client."))
        fresh = previous is None and context.story_id is None
        limit = story_limit(self.services.config.limits.story_max_chars) if fresh else TEXT_INPUT_MAX
        text = validate_story(form.text, limit)
        anon = self.anonymiser()
        title = clean_title(form.title)
        # Title and text in one pass, so one entity gets one placeholder in both (a title has no line breaks).
        result = anon.anonymise(f"{title}\n\n{text}" if title else text, None)
        lang = result.lang if result.lang in LANGUAGES else (previous.lang if previous else t.lang)
        removals = [Removal(s.type, s.placeholder) for s in result.spans]
        anonymised = result.text
        if title:
            title, anonymised = anonymised.split("\n\n", 1)
            title = clean_title(title)
        del text, form, result  # the raw text is not needed past this point
        if previous is not None:
            preview = edited_preview(
                previous, archetype=archetype, title=title, text=anonymised, removals=removals, now=now
            )
            self.previews.pop(previous.token, now)
        else:
            preview = new_preview(
                guild_id=guild_id,
                user_id=interaction.user.id,
                author_key=key,
                archetype=archetype,
                lang=lang,
                title=title,
                text=anonymised,
                removals=removals,
                now=now,
                story_id=context.story_id,
            )
        self.previews.put(preview.token, preview, now)
        card = self.preview_card(t, preview)
        if previous is not None and interaction.message is not None:
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
        found = flags_of(self.anonymiser(), preview.text, preview.lang, preview.title)
        if not found:
            return views.TextCard(top, body, rows=[buttons])
        note = f"🔎 **{t.gettext('Could still identify someone')}:** {flag_list(found)}\n-# " + t.gettext(
            "Pick any of them below to replace it with a placeholder; keep the ones that are fine."
        )
        return views.TextCard(top, body, note, rows=[[views.PreviewFlagSelect(preview.token, t, found)], buttons])

    async def take_out_flags(self, interaction: discord.Interaction, token: str, values: list[str]) -> None:
        """Replace the words the author picked with placeholders of their kind, and show the preview again."""
        t = await self.translations(interaction)
        preview = self._owned(interaction, token, t)
        now = self.services.clock.now()
        joined = f"{preview.title}\n\n{preview.text}" if preview.title else preview.text
        joined, _ = take_out(joined, picked(values), preview.lang)
        title, text = joined.split("\n\n", 1) if preview.title else (None, joined)
        added = {m.group() for m in PLACEHOLDER_RE.finditer(joined)} - preview.placeholders
        updated = replace(preview, title=title, text=text, placeholders=preview.placeholders | added)
        self.previews.put(token, updated, now)
        await update(interaction, view=self.preview_card(t, updated))

    def _owned(self, interaction: discord.Interaction, token: str | None, t: Translations) -> Preview:
        now = self.services.clock.now()
        preview = self.previews.get(token or "", now)
        if preview is None:
            if token and self.sent.get(token, now):
                raise AlreadyDone(ALREADY_SENT)
            raise PreviewGone(command=t.command("story share"))
        if preview.user_id != interaction.user.id or preview.guild_id != interaction.guild_id:
            raise NotYours()
        return preview

    async def preview_action(self, interaction: discord.Interaction, action: str, token: str) -> None:
        """Confirm, Edit or Cancel a preview."""
        t = await self.translations(interaction)
        preview = self._owned(interaction, token, t)
        if action == "edit":
            modal = self.story_modal(
                t,
                FormContext(token=token, story_id=preview.story_id),
                archetype=preview.archetype,
                title=preview.title,
                text=preview.text,
            )
            await interaction.response.send_modal(modal)
        elif action == "cancel":
            self.previews.pop(token, self.services.clock.now())
            text = "🗑️ " + t.gettext("Cancelled. Nothing was saved: the story is gone.")
            await update(interaction, view=views.TextCard(text))
        else:
            await self.confirm(interaction, t, preview)

    async def confirm(self, interaction: discord.Interaction, t: Translations, preview: Preview) -> None:
        """Store the confirmed, anonymised story, queue it for the moderators, post its card."""
        if preview.too_long_by:
            raise StoryTooLong()
        guild = interaction.guild
        if guild is None:
            raise NotAllowed()
        settings = await SettingsRepository(self.services.db).get(guild.id)
        if not settings.stories_enabled:
            raise StoriesClosed()
        if settings.missing_for_stories():
            raise NotConfigured(command=t.command("setup"))
        limits = settings.limits(self.services.config)
        now = self.services.clock.now()
        # Taken out first, so a double click cannot send the story twice.
        if self.previews.pop(preview.token, now) is None:
            raise AlreadyDone(ALREADY_SENT)
        await acknowledge(interaction)  # storing is a write: answer Discord before a slow disk can make us late
        try:
            if preview.story_id is not None:
                _story, entry = await self.repo.resubmit(
                    guild.id,
                    preview.story_id,
                    preview.author_key,
                    archetype=preview.archetype,
                    lang=preview.lang,
                    title=preview.title,
                    text=preview.text,
                    now=stamp(now),
                )
                left = None
            else:
                _story, entry = await self.repo.submit(
                    guild.id,
                    preview.author_key,
                    archetype=preview.archetype,
                    lang=preview.lang,
                    title=preview.title,
                    text=preview.text,
                    day=day_of(now),
                    now=stamp(now),
                    per_day=limits.stories_per_day,
                )
                shared = await self.repo.shared_on_day(guild.id, preview.author_key, day_of(now))
                left = max(0, limits.stories_per_day - shared)
        except DatabaseBusy:
            self.previews.put(preview.token, preview, now)  # nothing was stored: let the member press again
            raise
        self.sent.put(preview.token, True, now)
        text = self.services.renderer.render(
            "cards/story_sent.md.j2", t, mine_command=t.command("story mine"), left=left
        )
        await update(interaction, view=views.TextCard(text, accent=views.DONE))
        await post_card(self.services, guild, entry)
