"""Reports and corrections in the moderators' queue.

A report's card shows the reason, the anonymised details, how many members reported the item, the item's text and
a link to its post: never who reported, never who wrote it. Take down erases a story (its post is deleted, nothing
of its text kept) or withdraws a tip; Edit replaces the text (anonymised again) and redraws the post; Dismiss leaves
the item as it is. A correction's card shows the new text the author asked for; approving it replaces the post's.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from typing import TYPE_CHECKING

import discord

from parley.cogs._shared import voting
from parley.cogs._shared.cards import jump_url
from parley.cogs._shared.queue import (
    DECISION_LINES,
    SOMEONE,
    QueueCard,
    QueueKind,
    decide_and_show,
    refresh_card,
    register_queue_kind,
    shared_translations,
)
from parley.cogs._shared.respond import NO_PINGS
from parley.cogs._shared.views import ParleyModal
from parley.cogs.stories.cards import title_text
from parley.database import Tx
from parley.database.repositories.reports import CorrectionsRepository, ReportsRepository
from parley.database.repositories.stories import StoriesRepository
from parley.domain.anonymiser import Anonymiser
from parley.domain.errors import N_, InvalidInput, NotFound
from parley.domain.moderation import APPROVE, Action, Decision, QueueEntry
from parley.domain.reports import (
    CORRECTION_KIND,
    EDIT_ITEM,
    REPORT_ACTIONS,
    REPORT_KIND,
    REPORT_REASONS,
    TAKE_DOWN,
)
from parley.domain.safe_text import user_text
from parley.domain.stories import KIND as STORY_KIND
from parley.domain.stories import STORED_MAX_CHARS, TITLE_MAX_CHARS, clean_title
from parley.i18n import Translations

if TYPE_CHECKING:
    from parley.services import Services

log = logging.getLogger(__name__)

REPORT_DECISIONS = {
    TAKE_DOWN.name: N_("Taken down by {moderator} on {date}."),
    EDIT_ITEM.name: N_("Edited by {moderator} on {date}."),
    "dismiss": N_("Dismissed by {moderator} on {date}: the item stays as it was."),
}
ITEM_NAMES = {"story": N_("Story"), "tip": N_("Tip")}
# A moderator's edit of a reported item, from the form to the decision's transaction (same task, one decision).
_EDIT: ContextVar[tuple[str, str | None] | None] = ContextVar("parley_report_edit", default=None)


def anonymise(services: Services, text: str, lang: str | None) -> str:
    """Text written for others to read goes through the anonymiser (a report's details, a moderator's edit)."""
    return services.component(Anonymiser.load).anonymise(text, lang).text


async def redraw_post(services: Services, client: discord.Client, guild_id: int, story_id: int) -> None:
    """Redraw a published story's post from the database (its text changed); failures are logged only."""
    from parley.cogs.stories.views import post_view  # the post shows this capability's Report button

    repo = StoriesRepository(services.db)
    story = await repo.get(guild_id, story_id)
    if story is None or not story.channel_id or not story.message_id:
        return
    channel = client.get_channel(story.channel_id)
    if not isinstance(channel, discord.TextChannel | discord.Thread):  # a thread: the story's forum post
        return
    t = await shared_translations(services, guild_id)
    tallies, _ = await voting.load_votes(services, guild_id, None, STORY_KIND, [str(story_id)])
    metoo = (await repo.metoo_counts([story_id])).get(story_id, 0)
    view = post_view(services, story, t, day=story.published_on or "", tally=tallies[str(story_id)], metoo=metoo)
    try:
        await channel.get_partial_message(story.message_id).edit(view=view, allowed_mentions=NO_PINGS)
    except discord.HTTPException:
        log.warning("could not redraw the post of story %s", story_id)


async def delete_post(client: discord.Client, channel_id: int | None, message_id: int | None) -> None:
    """Delete a taken-down story's post (failures are logged: the story itself is already erased)."""
    if not channel_id or not message_id:
        return
    channel = client.get_channel(channel_id)
    if not isinstance(channel, discord.TextChannel | discord.Thread):  # a thread: the story's forum post
        return
    try:
        await channel.get_partial_message(message_id).delete()
    except discord.HTTPException:
        log.warning("could not delete a taken-down post in channel %s", channel_id)


class ReportQueueKind(QueueKind):
    """Members' reports of published stories and tips."""

    name = REPORT_KIND
    label = N_("Report")
    actions = REPORT_ACTIONS
    rejectable = False  # Dismiss is the "no"; there is no reason to pick

    async def body(self, services: Services, entry: QueueEntry, t: Translations) -> str:
        """Reason, anonymised details, how many reported it, the item and its link; never a reporter or author."""
        repo = ReportsRepository(services.db)
        report = await repo.get(entry.guild_id, entry.subject_id)
        if report is None:  # its reporter used /privacy forget
            return (
                "### 🚩 "
                + t.gettext("Report #{number}", number=entry.subject_id)
                + "\n"
                + t.gettext("This report was withdrawn.")
            )
        item = await repo.reported(entry.guild_id, report.kind, report.item_id)
        return services.renderer.render(
            "cards/queue_report.md.j2",
            t,
            report_id=report.id,
            item=f"{t.gettext(ITEM_NAMES[report.kind])} #{report.item_id}",
            reason=t.gettext(REPORT_REASONS.get(report.reason, report.reason)),
            details=report.details,
            count=await repo.count_for(entry.guild_id, report.kind, report.item_id),
            day=report.created_at[:10],
            link=jump_url(entry.guild_id, item.channel_id, item.message_id),
            title=title_text(item.title) if item.title else None,
            text=item.text if not entry.status.decided else None,
            gone=item.text is None,
        )

    async def card(
        self,
        services: Services,
        entry: QueueEntry,
        t: Translations,
        *,
        moderator: str | None = None,
        notice: str | None = None,
    ) -> discord.ui.LayoutView:
        """The shared card, with decision lines that say what happened to the item."""
        body = await self.body(services, entry, t)
        if notice:
            body = f"{body}\n\n{notice}"
        decision = None
        if entry.status.decided:
            line = REPORT_DECISIONS.get(entry.decision or "") or DECISION_LINES[entry.status]
            who = user_text(moderator) if moderator else t.gettext(SOMEONE)
            decision = "**" + t.gettext(line, moderator=who, date=(entry.decided_at or "")[:10]) + "**"
        return QueueCard(t, entry, self, body, decision)

    async def effect(self, tx: Tx, decision: Decision) -> None:
        """Take the item down, or put the moderator's edit in, inside the decision's transaction."""
        await ReportsRepository.apply_decision(tx, decision, _EDIT.get())

    async def run_action(
        self, services: Services, interaction: discord.Interaction, entry: QueueEntry, action: Action
    ) -> None:
        """Dismiss at once; Take down deletes the post after the decision; Edit opens the item's text first."""
        repo = ReportsRepository(services.db)
        report = await repo.get(entry.guild_id, entry.subject_id)
        if report is None:
            raise NotFound()
        item = await repo.reported(entry.guild_id, report.kind, report.item_id)
        if action.name == EDIT_ITEM.name:
            if item.text is None:
                raise NotFound()
            key = services.identity.member_key(entry.guild_id, interaction.user.id)
            t = services.t(await services.language_for(entry.guild_id, key, str(interaction.locale)))
            await interaction.response.send_modal(EditReportedModal(services, t, entry.id, report.kind, item))
            return
        await decide_and_show(services, interaction, entry.id, action)
        if action.name == TAKE_DOWN.name:
            await delete_post(interaction.client, item.channel_id, item.message_id)
            await repo.erase_residue()
            # Other members' reports of the item were decided with it: their cards say so now.
            for sibling in await repo.entries_for_item(entry.guild_id, report.kind, report.item_id):
                if sibling.id != entry.id and sibling.decision == TAKE_DOWN.name:
                    await refresh_card(services, interaction.client, sibling, moderator=interaction.user.display_name)

    async def after(self, services: Services, interaction: discord.Interaction, decision: Decision) -> None:
        """An edited story's post shows the new text."""
        if decision.action.name != EDIT_ITEM.name:
            return
        report = await ReportsRepository(services.db).get(decision.entry.guild_id, decision.entry.subject_id)
        if report is not None and report.kind == STORY_KIND:
            await redraw_post(services, interaction.client, report.guild_id, report.item_id)


class EditReportedModal(ParleyModal):
    """The reported item's text (and a story's title) to correct; the edit is anonymised again."""

    def __init__(self, services: Services, t: Translations, entry_id: int, kind: str, item: object) -> None:
        super().__init__(title=t.gettext("Edit it")[:45], timeout=1800)
        self.services = services
        self.entry_id = entry_id
        self.kind = kind
        self.lang: str | None = getattr(item, "lang", None)
        text: str = getattr(item, "text", "") or ""
        self.text = discord.ui.TextInput(
            style=discord.TextStyle.paragraph,
            default=text[:4000],
            max_length=min(max(STORED_MAX_CHARS, len(text)), 4000),
            required=True,
        )
        self.add_item(
            discord.ui.Label(
                text=t.gettext("Text")[:45],
                description=t.gettext("Your edits are anonymised again before they are published.")[:100],
                component=self.text,
            )
        )
        self.item_title: discord.ui.TextInput[ParleyModal] | None = None
        if kind == STORY_KIND:
            self.item_title = discord.ui.TextInput(
                style=discord.TextStyle.short,
                default=getattr(item, "title", None) or None,
                max_length=TITLE_MAX_CHARS,
                required=False,
            )
            self.add_item(discord.ui.Label(text=t.gettext("Title (optional)")[:45], component=self.item_title))

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Anonymise the edit, then decide the report with it (the item's text changes in that transaction)."""
        raw = (self.text.value or "").strip()
        if not raw:
            raise InvalidInput()
        text = anonymise(self.services, raw, self.lang)
        if len(text) > STORED_MAX_CHARS:
            raise InvalidInput()
        title = clean_title(self.item_title.value) if self.item_title is not None else None
        if title:
            title = clean_title(anonymise(self.services, title, self.lang))
        token = _EDIT.set((text, title))
        try:
            await decide_and_show(self.services, interaction, self.entry_id, EDIT_ITEM)
        finally:
            _EDIT.reset(token)


class CorrectionQueueKind(QueueKind):
    """Corrections authors ask for on their published stories: approve puts the new text in the post."""

    name = CORRECTION_KIND
    label = N_("Correction")
    actions = (APPROVE.name,)

    async def body(self, services: Services, entry: QueueEntry, t: Translations) -> str:
        """The story's number and link, and the new (anonymised) text its author asks for; never the author."""
        story = await StoriesRepository(services.db).get(entry.guild_id, entry.subject_id)
        correction = await CorrectionsRepository(services.db).get(entry.guild_id, entry.subject_id)
        return services.renderer.render(
            "cards/queue_correction.md.j2",
            t,
            story_id=entry.subject_id,
            day=entry.created_at[:10],
            link=jump_url(entry.guild_id, story.channel_id, story.message_id) if story else None,
            title=title_text(correction.title) if correction and correction.title else None,
            text=correction.text if correction and not entry.status.decided else None,
            gone=story is None,
        )

    async def effect(self, tx: Tx, decision: Decision) -> None:
        """Approved: the new text replaces the story's; otherwise it is dropped."""
        await CorrectionsRepository.apply_decision(tx, decision)

    async def after(self, services: Services, interaction: discord.Interaction, decision: Decision) -> None:
        """The post shows the corrected text."""
        if decision.action.name == APPROVE.name:
            await redraw_post(services, interaction.client, decision.entry.guild_id, decision.entry.subject_id)


def register(services: Services) -> None:
    """Make reports and corrections known to this bot's queue buttons."""
    register_queue_kind(services, ReportQueueKind())
    register_queue_kind(services, CorrectionQueueKind())
