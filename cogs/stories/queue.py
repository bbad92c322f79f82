"""Stories in the moderation queue: the "story" queue kind, its card, and its actions.

The shared queue (cogs/_shared/queue.py) routes every `parley:queue:<action>:<entry>` button to the entry's kind;
this kind renders its own card (seven actions need two rows of buttons) and runs Approve, Edit & approve, Feature,
Redact, Reject (reason + a note the author sees), Request edit and Block author. Every action re-checks the
moderator role, refuses a moderator's own story (keyed-hash comparison; nothing revealed), is decided exactly
once by the queue's conditional status change and audited in the same transaction. The card then shows the
decision and who made it; a slower moderator is told who was faster.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord

from parley.cogs._shared.flags import flags_note
from parley.cogs._shared.permissions import require
from parley.cogs._shared.queue import (
    ACCENTS,
    QueueActionButton,
    QueueKind,
    moderator_names,
    pressed_on_card,
    refresh_card,
    register_queue_kind,
    shared_translations,
)
from parley.cogs._shared.respond import NO_PINGS, acknowledge, respond
from parley.cogs.stories.cards import MESSAGE_TEXT_LIMIT, archetype_name, language_in, story_body
from parley.cogs.stories.notices import notify_decision
from parley.database import Tx
from parley.database.repositories.queue import QueueRepository
from parley.database.repositories.settings import SettingsRepository
from parley.database.repositories.stories import StoriesRepository
from parley.domain.errors import N_, NotFound
from parley.domain.moderation import REJECT_REASONS, Action, AlreadyDecided, Decision, QueueEntry, QueueStatus
from parley.domain.safe_text import user_text
from parley.domain.settings import Role
from parley.domain.stories import (
    CARD_ACTIONS,
    KIND,
    QUEUE_ACTIONS,
    SYSTEM_KEY,
    AlreadyDecidedBy,
    OwnStory,
    Story,
    StoryStatus,
    day_of,
    next_slot,
    stamp,
)
from parley.i18n import Translations

if TYPE_CHECKING:
    from parley.services import Services

log = logging.getLogger(__name__)

# How a decided card reads: (emoji, line with {moderator} and {date}).
DECISION_LINES: dict[str, tuple[str, str]] = {
    "approve": ("✅", N_("Approved by {moderator} on {date}.")),
    "edit_approve": ("✏️", N_("Edited and approved by {moderator} on {date}.")),
    "feature": ("⭐", N_("Approved and featured by {moderator} on {date}.")),
    "reject": ("✖️", N_("Rejected by {moderator} on {date}.")),
    "reject_story": ("✖️", N_("Rejected by {moderator} on {date}.")),
    "request_edit": ("↩️", N_("Sent back to its author for edits by {moderator} on {date}.")),
    "block_author": ("⛔", N_("Author blocked by {moderator} on {date}; the story will not be published.")),
    "expire": ("⌛", N_("Expired on {date} without a decision.")),
    "withdraw": ("↩️", N_("Withdrawn by its author on {date}.")),
}
# What a slower moderator is told the decision was.
DECISION_WORDS: dict[str, str] = {
    "approve": N_("approved"),
    "edit_approve": N_("edited and approved"),
    "feature": N_("approved and featured"),
    "reject": N_("rejected"),
    "reject_story": N_("rejected"),
    "request_edit": N_("sent back to its author"),
    "block_author": N_("author blocked"),
    "expire": N_("expired"),
    "withdraw": N_("withdrawn by its author"),
}
ANOTHER = N_("another moderator")


# ------------------------------------------------------------------------------------------------- the card


class StoryQueueCard(discord.ui.LayoutView):
    """A story as moderators see it: header, text, then the controls (pending) or the decision."""

    def __init__(
        self,
        entry: QueueEntry,
        t: Translations,
        texts: list[str],
        *,
        controls: bool,
    ) -> None:
        super().__init__(timeout=None)
        parts: list[discord.ui.Item[Any]] = []
        for n, text in enumerate(x for x in texts if x):
            if n:
                parts.append(discord.ui.Separator())
            parts.append(discord.ui.TextDisplay(text))
        if controls:
            for row in CARD_ACTIONS:
                parts.append(discord.ui.ActionRow(*(QueueActionButton(name, entry.id, t) for name in row)))
        self.add_item(discord.ui.Container(*parts, accent_colour=ACCENTS[entry.status]))


def _header(services: Services, entry: QueueEntry, story: Story, t: Translations) -> str:
    return services.renderer.render(
        "cards/story_queue.md.j2",
        t,
        story_id=story.id,
        archetype_name=archetype_name(services, story.archetype, t),
        day=entry.created_at[:10],  # the day only: a finer time could point at the author
        language=language_in(t, story.lang),
        # Plain: the template sets the title in bold, and bold placeholders inside it would leave stray asterisks.
        title=user_text(story.title) if story.title else None,
    )


def _decision(
    services: Services, entry: QueueEntry, story: Story | None, t: Translations, moderator: str | None
) -> str:
    name = entry.decision or entry.status.value
    emoji, line = DECISION_LINES.get(name, ("⏹️", N_("Decided by {moderator} on {date}.")))
    reason = REJECT_REASONS.get(entry.reason or "")
    follow = None
    if story is not None and story.status in (StoryStatus.APPROVED, StoryStatus.PUBLISHING):
        follow = t.gettext("It will be posted in the stories channel in the next publishing slot, without any name.")
    elif story is not None and story.status is StoryStatus.PUBLISHED:
        follow = t.gettext("Published on {day}.", day=story.published_on or "")
    return services.renderer.render(
        "cards/story_decision.md.j2",
        t,
        emoji=emoji,
        line=t.gettext(
            line,
            moderator=user_text(moderator) if moderator else t.gettext(ANOTHER),
            date=(entry.decided_at or "")[:10],
        ),
        reason=t.gettext(reason) if reason else None,
        note=entry.note if name in ("reject", "reject_story", "request_edit") else None,
        follow=follow,
    )


async def story_card(
    services: Services,
    entry: QueueEntry,
    story: Story | None,
    t: Translations,
    *,
    moderator: str | None = None,
    notice: str | None = None,
) -> StoryQueueCard:
    """Render a story entry's card. The text stays on the card only while pending or approved (it will be public);
    after a rejection, an expiry or the author's withdrawal it is taken off the queue channel too."""
    if story is None:
        gone = t.gettext("Story #{id}: withdrawn or deleted by its author.", id=entry.subject_id)
        return StoryQueueCard(entry, t, [f"### 📖 {gone}"], controls=False)
    header = _header(services, entry, story, t)
    if moderator is None and entry.decided_by:
        moderator = (
            "Parley"
            if entry.decided_by == SYSTEM_KEY
            else moderator_names(services).name(entry.guild_id, entry.decided_by)
        )
    decided = entry.status.decided
    decision = _decision(services, entry, story, t, moderator) if decided else None
    show_text = not decided or entry.status is QueueStatus.APPROVED
    texts = [header]
    if show_text:
        budget = MESSAGE_TEXT_LIMIT - len(header) - len(decision or "") - len(notice or "") - 40
        body, _ = story_body(story.text, budget)
        texts.append(body)
    else:
        texts.append("-# " + t.gettext("The text was taken off this channel after the decision."))
    if not decided:
        texts.append(flags_note(services, t, story.text, story.lang, story.title))
    if notice:
        texts.append(notice)
    if decision:
        texts.append(decision)
    return StoryQueueCard(entry, t, texts, controls=not decided)


# ---------------------------------------------------------------------------------------------- decisions


async def moderator_translations(services: Services, interaction: discord.Interaction) -> Translations:
    """The acting moderator's own language (for modals and refusals)."""
    key = services.identity.member_key(interaction.guild_id, interaction.user.id) if interaction.guild_id else None
    return services.t(await services.language_for(interaction.guild_id, key, str(interaction.locale)))


async def already_decided(services: Services, interaction: discord.Interaction, entry_id: int) -> Exception:
    """The error for a slower moderator: who decided first and what (never anything about the author)."""
    t = await moderator_translations(services, interaction)
    entry = await QueueRepository(services.db).get(interaction.guild_id or 0, entry_id)
    if entry is None or not entry.status.decided:
        return AlreadyDecided()
    if entry.decided_by == SYSTEM_KEY:
        who = "Parley"
    else:
        name = moderator_names(services).name(entry.guild_id, entry.decided_by)
        who = user_text(name) if name else t.gettext(ANOTHER)
    word = DECISION_WORDS.get(entry.decision or "", DECISION_WORDS.get(entry.status.value, ""))
    return AlreadyDecidedBy(moderator=who, decision=t.gettext(word) if word else entry.status.value)


async def load_for_action(
    services: Services, interaction: discord.Interaction, entry_id: int
) -> tuple[QueueEntry, Story, str]:
    """The entry, its story and the moderator's key, after the checks every story action shares."""
    guild_id = interaction.guild_id
    if guild_id is None:
        raise NotFound()
    await require(services, interaction, Role.MODERATOR)
    entry = await QueueRepository(services.db).get(guild_id, entry_id)
    if entry is None or entry.kind != KIND:
        raise NotFound()
    moderator_key = services.identity.member_key(guild_id, interaction.user.id)
    story = await StoriesRepository(services.db).get(guild_id, entry.subject_id)
    if story is not None and story.is_by(moderator_key):
        raise OwnStory()
    if entry.status.decided:
        raise await already_decided(services, interaction, entry_id)
    if story is None:
        raise NotFound()
    return entry, story, moderator_key


async def decide_story(
    services: Services,
    interaction: discord.Interaction,
    entry_id: int,
    action: Action,
    *,
    reason: str | None = None,
    note: str | None = None,
    text: str | None = None,
    title: str | None = None,
    set_title: bool = False,
    notice: str | None = None,
) -> Decision:
    """Decide once, audit it, update the story in the same transaction, then show the card with who decided."""
    entry, story, moderator_key = await load_for_action(services, interaction, entry_id)
    guild_id = entry.guild_id
    settings = await SettingsRepository(services.db).get(guild_id)
    now = services.clock.now()
    publish_after = stamp(next_slot(now, settings.limits(services.config).publish_every_hours))

    async def effect(tx: Tx, decision: Decision) -> None:
        await StoriesRepository.apply_decision(
            tx,
            decision,
            day=day_of(now),
            text=text,
            title=title,
            set_title=set_title,
            publish_after=publish_after,
        )

    name = interaction.user.display_name
    # Remembered before deciding: if a colleague is faster, they can already be told who this was (and the other way).
    moderator_names(services).remember(guild_id, moderator_key, name)
    await acknowledge(interaction)  # the decision writes: answer Discord before a slow disk can make us late
    try:
        decision = await QueueRepository(services.db).decide(
            guild_id, entry_id, action, moderator_key, stamp(now), reason=reason, note=note, effect=effect
        )
    except AlreadyDecided:
        raise await already_decided(services, interaction, entry_id) from None
    t = await shared_translations(services, guild_id)
    after = await StoriesRepository(services.db).get(guild_id, story.id)
    card = await story_card(services, decision.entry, after, t, moderator=name, notice=notice)
    if pressed_on_card(interaction, decision.entry):
        if interaction.response.is_done():
            await interaction.edit_original_response(view=card, allowed_mentions=NO_PINGS)
        else:
            await interaction.response.edit_message(view=card, allowed_mentions=NO_PINGS)
    else:
        await refresh_card(services, interaction.client, decision.entry, moderator=name)
        mine = await moderator_translations(services, interaction)
        await respond(interaction, "✅ " + mine.gettext("Done."), ephemeral=True)
    if after is not None:
        try:
            await notify_decision(services, interaction.client, after, decision)
        except Exception:  # the decision stands; telling the author must never become the moderator's error
            log.exception("guild %s: telling the author of story %s failed", guild_id, story.id)
    return decision


class StoryQueueKind(QueueKind):
    """Anonymised stories in the moderation queue."""

    name = KIND
    label = N_("Story")
    actions = QUEUE_ACTIONS
    rejectable = False  # stories reject through their own modal: a reason and a note the author reads

    async def card(
        self,
        services: Services,
        entry: QueueEntry,
        t: Translations,
        *,
        moderator: str | None = None,
        notice: str | None = None,
    ) -> StoryQueueCard:
        """The story's own card, from the database as it is now."""
        story = await StoriesRepository(services.db).get(entry.guild_id, entry.subject_id)
        return await story_card(services, entry, story, t, moderator=moderator, notice=notice)

    async def effect(self, tx: Tx, decision: Decision) -> None:
        """Automatic decisions (expiry) on the story, in the decision's transaction."""
        await StoriesRepository.apply_decision(tx, decision, day=decision.audit.at[:10])

    async def run_action(
        self, services: Services, interaction: discord.Interaction, entry: QueueEntry, action: Action
    ) -> None:
        """Decide at once, or first open the modal the action needs."""
        from parley.cogs.stories import queue_forms as modals

        _, story, _ = await load_for_action(services, interaction, entry.id)
        t = await moderator_translations(services, interaction)
        if action.name in ("approve", "feature"):
            await decide_story(services, interaction, entry.id, action)
        elif action.name == "block_author":  # never one click: a form says what it does and asks why
            await interaction.response.send_modal(modals.BlockAuthorModal(services, t, entry.id, story))
        elif action.name == "edit_approve":
            await interaction.response.send_modal(modals.EditApproveModal(services, t, entry.id, story))
        elif action.name == "redact":
            await interaction.response.send_modal(modals.RedactModal(services, t, entry.id, story))
        elif action.name == "reject_story":
            await interaction.response.send_modal(modals.RejectStoryModal(services, t, entry.id))
        elif action.name == "request_edit":
            await interaction.response.send_modal(modals.RequestEditModal(services, t, entry.id))
        else:
            raise NotFound()


STORY_KIND = StoryQueueKind()


def register(services: Services) -> None:
    """Make stories known to the shared queue buttons (idempotent; stories and moderation call it when they load)."""
    register_queue_kind(services, STORY_KIND)
