"""Sharing a story: may the member share now, the anonymised preview, and the confirmed submission.

The raw text a member typed exists only inside `preview`, between the form and the anonymiser; what a preview
holds (in memory, for a few minutes) and what `confirm` stores is the anonymised text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from parley.application import Member
from parley.database import DatabaseError
from parley.database.repositories.reports import CorrectionsRepository, LockdownRepository
from parley.database.repositories.settings import SettingsRepository
from parley.database.repositories.stories import StoriesRepository
from parley.domain.anonymiser import Anonymiser
from parley.domain.errors import N_, AlreadyDone, CommandName, InvalidInput, NotConfigured, NotFound, NotYours
from parley.domain.moderation import QueueEntry
from parley.domain.reports import LockedDown
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
from parley.i18n import LANGUAGES

if TYPE_CHECKING:
    from parley.services import Services

ALREADY_SENT = N_("This story was already sent to the moderators.")
#: The longest text the form itself accepts (Discord's limit on a text input); edits may use all of it.
TEXT_INPUT_MAX = 4000


@dataclass(frozen=True)
class StoryForm:
    """What the member typed in the story form (raw: it goes no further than `StorySharing.preview`)."""

    archetype: str | None
    title: str | None
    text: str


@dataclass(frozen=True)
class Claimed:
    """A preview taken out of memory for confirming (so a double click can't send it twice)."""

    member: Member
    preview: Preview
    settings: GuildSettings


@dataclass(frozen=True)
class Submitted:
    """A story in the moderators' queue; `left`: how many more the member may share today (None on a resubmission)."""

    entry: QueueEntry
    left: int | None


class StorySharing:
    """From the form to the moderators' queue, for one bot's services."""

    def __init__(self, services: Services) -> None:
        self.services = services
        # Memory only, per process: a restart forgets unconfirmed previews, by design.
        self.previews: TtlStore[Preview] = services.component(lambda: TtlStore(PREVIEW_TTL), key="stories:previews")
        self.sent: TtlStore[bool] = services.component(lambda: TtlStore(PREVIEW_TTL), key="stories:sent")

    @property
    def repo(self) -> StoriesRepository:
        """The stories repository."""
        return StoriesRepository(self.services.db)

    def anonymiser(self) -> Anonymiser:
        """The anonymiser, built once per process on first use."""
        return self.services.component(Anonymiser.load)

    async def settings(self, guild_id: int, *, keeping: bool = False) -> GuildSettings:
        """The server's settings, if stories can be taken at all: switched on, channels set up, no lockdown.

        `keeping`: the member has a preview (at Confirm), so a lockdown's refusal says it is kept.
        """
        settings = await SettingsRepository(self.services.db).get(guild_id)
        if not settings.stories_enabled:
            raise StoriesClosed()
        if settings.missing_for_stories():
            raise NotConfigured(command=CommandName("setup"))
        if await LockdownRepository(self.services.db).is_on(guild_id):
            if keeping:
                raise LockedDown(LockedDown.keeping, minutes=int(PREVIEW_TTL.total_seconds() // 60))
            raise LockedDown()
        return settings

    async def can_share(self, member: Member) -> GuildSettings:
        """Refuse kindly, before the member types anything, when a story could not be accepted now."""
        settings = await self.settings(member.guild_id)
        limits = settings.limits(self.services.config)
        now = self.services.clock.now()
        check_membership_days(member.joined_at, now, limits.min_membership_days)
        check_can_share(
            enabled=True,
            per_day=limits.stories_per_day,
            shared_today=await self.repo.shared_on_day(member.guild_id, member.key, day_of(now)),
            blocked=await self.repo.is_blocked(member.guild_id, member.key),
        )
        return settings

    def owned(self, member: Member, token: str | None) -> Preview:
        """The member's preview under this token (gone, already sent, or someone else's: a kind refusal)."""
        now = self.services.clock.now()
        preview = self.previews.get(token or "", now)
        if preview is None:
            if token and self.sent.get(token, now):
                raise AlreadyDone(ALREADY_SENT)
            raise PreviewGone(command=CommandName("story share"))
        if preview.user_id != member.user_id or preview.guild_id != member.guild_id:
            raise NotYours()
        return preview

    async def preview(
        self,
        member: Member,
        form: StoryForm,
        *,
        token: str | None = None,
        story_id: int | None = None,
        reader_lang: str,
        correction: bool = False,
    ) -> Preview:
        """Anonymise the form into a preview kept in memory (replacing the one under `token` when editing).

        `story_id` resubmits a story a moderator sent back; `reader_lang` is the language assumed when the
        anonymiser can't tell the story's own.
        """
        now = self.services.clock.now()
        previous = self.owned(member, token) if token else None
        if story_id is not None:
            story = await self.repo.get(member.guild_id, story_id)
            if story is None or not story.is_by(member.key):
                raise NotFound()
            # A correction is of a published story; a resubmission of one the moderators sent back or rejected.
            if not (story.status is StoryStatus.PUBLISHED if correction else story.status.resubmittable):
                raise NotFound()
        archetype = form.archetype or ""
        if archetype not in self.services.knowledge.archetypes:
            raise InvalidInput(N_("Please choose the type of client."))
        fresh = previous is None and story_id is None
        limit = story_limit(self.services.config.limits.story_max_chars) if fresh else TEXT_INPUT_MAX
        text = validate_story(form.text, limit)
        anon = self.anonymiser()
        title = clean_title(form.title)
        # Title and text in one pass, so one entity gets one placeholder in both (a title has no line breaks).
        result = anon.anonymise(f"{title}\n\n{text}" if title else text, None)
        lang = result.lang if result.lang in LANGUAGES else (previous.lang if previous else reader_lang)
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
                guild_id=member.guild_id,
                user_id=member.user_id,
                author_key=member.key,
                archetype=archetype,
                lang=lang,
                title=title,
                text=anonymised,
                removals=removals,
                now=now,
                story_id=story_id,
            )
            preview = replace(preview, correction=correction and story_id is not None)
        self.previews.put(preview.token, preview, now)
        return preview

    def cancel(self, member: Member, token: str) -> None:
        """Forget a preview: nothing was saved, the story is gone."""
        self.owned(member, token)
        self.previews.pop(token, self.services.clock.now())

    async def claim(self, member: Member, token: str) -> Claimed:
        """Take a preview out for confirming, once every check passed (nothing is written yet)."""
        preview = self.owned(member, token)
        if preview.too_long_by:
            raise StoryTooLong()
        settings = await self.settings(member.guild_id, keeping=True)
        # Taken out first, so a double click cannot send the story twice.
        if self.previews.pop(preview.token, self.services.clock.now()) is None:
            raise AlreadyDone(ALREADY_SENT)
        return Claimed(member, preview, settings)

    async def confirm(self, claimed: Claimed) -> Submitted:
        """Store the claimed story and queue it for the moderators; when the write fails the preview comes back."""
        preview, guild_id = claimed.preview, claimed.member.guild_id
        limits = claimed.settings.limits(self.services.config)
        now = self.services.clock.now()
        try:
            if preview.correction and preview.story_id is not None:
                entry = await CorrectionsRepository(self.services.db).request(
                    guild_id, preview.story_id, preview.author_key, preview.title, preview.text, stamp(now)
                )
            elif preview.story_id is not None:
                _story, entry = await self.repo.resubmit(
                    guild_id,
                    preview.story_id,
                    preview.author_key,
                    archetype=preview.archetype,
                    lang=preview.lang,
                    title=preview.title,
                    text=preview.text,
                    now=stamp(now),
                )
            else:
                _story, entry = await self.repo.submit(
                    guild_id,
                    preview.author_key,
                    archetype=preview.archetype,
                    lang=preview.lang,
                    title=preview.title,
                    text=preview.text,
                    day=day_of(now),
                    now=stamp(now),
                    per_day=limits.stories_per_day,
                )
        except DatabaseError:
            # One transaction that rolled back (busy, a full disk, an I/O error...): nothing was stored, so the
            # preview comes back for another Confirm. Only the write is in here: once it committed, no second go.
            self.previews.put(preview.token, preview, now)
            raise
        left = None
        if preview.story_id is None and not preview.correction:
            shared = await self.repo.shared_on_day(guild_id, preview.author_key, day_of(now))
            left = max(0, limits.stories_per_day - shared)
        self.sent.put(preview.token, True, now)
        return Submitted(entry, left)
