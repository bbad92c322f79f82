"""The author learns the moderators' decision: always in `/story mine`, and by DM if they said yes once.

Asked once, kindly, right after sharing (default: no DMs). A yes stores the member's user id sealed (see
`Identity.seal_user`), because a DM needs it and the database must not name authors; a no stores nothing that
could reach them. The DM carries the story's number, the decision and the reason: never the story's text. A DM
that Discord refuses (DMs closed, the member left) is not an error: the decision is in `/story mine` anyway.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord

from parley.cogs._shared.cards import TextCard
from parley.cogs._shared.respond import NO_PINGS, update
from parley.cogs.stories import views
from parley.cogs.stories.parts import Part
from parley.database.repositories.contacts import ContactsRepository
from parley.domain.errors import NotAllowed
from parley.domain.moderation import REJECT_REASONS, Decision
from parley.domain.safe_text import user_text
from parley.domain.stories import Story, StoryStatus, day_of, status_after
from parley.i18n import Translations

if TYPE_CHECKING:
    from parley.services import Services

log = logging.getLogger(__name__)


class Notices(Part):
    """The DM question, the answer, and the line in /story mine that lets the author change it."""

    @property
    def contacts(self) -> ContactsRepository:
        """Members' DM choices."""
        return ContactsRepository(self.services.db)

    async def ask_once(self, interaction: discord.Interaction, t: Translations) -> None:
        """After a first share: may Parley DM the author when the moderators decide? (Never asked again.)"""
        key = self.member_key(interaction)
        if interaction.guild_id is None or key is None:
            return
        if await self.contacts.get(interaction.guild_id, key) is not None:
            return
        text = "📬 " + t.gettext(
            "Would you like a DM when the moderators decide on your stories? It says only the decision, never the "
            "story. You can change your mind in {command}.",
            command=t.command("story mine"),
        )
        card = TextCard(text, rows=[[views.DmChoiceButton("yes", "ask", t), views.DmChoiceButton("no", "ask", t)]])
        await interaction.followup.send(view=card, ephemeral=True, allowed_mentions=NO_PINGS)

    async def answer(self, interaction: discord.Interaction, yes: bool, *, in_mine: bool = False) -> None:
        """Store the answer (with the sealed user id for a yes) and confirm it in place (in /story mine: the list,
        redrawn with the new choice)."""
        key = self.member_key(interaction)
        if interaction.guild_id is None or key is None:
            raise NotAllowed()
        sealed = self.services.identity.seal_user(key, interaction.user.id) if yes else None
        await self.contacts.answer(interaction.guild_id, key, sealed, day_of(self.services.clock.now()))
        t = await self.translations(interaction)
        if in_mine:
            notice = "✅ " + t.gettext("Settings saved.")
            await update(interaction, view=await self.cog.mine_list.mine_card(interaction, t, notice=notice))
        else:
            await update(interaction, view=TextCard(self.choice_line(t, yes)))

    def choice_line(self, t: Translations, yes: bool) -> str:
        """What the author's choice means, in one line."""
        if yes:
            return "📬 " + t.gettext("You'll get a DM when the moderators decide. Your stories' text is never in it.")
        return "🔕 " + t.gettext("No DMs. You'll find every decision in {command}.", command=t.command("story mine"))

    async def mine_row(self, interaction: discord.Interaction, t: Translations) -> tuple[str, list[Any]] | None:
        """The /story mine line about DMs, with the button that changes it (once the member answered the question:
        until then the question itself, asked after sharing, is where they decide)."""
        key = self.member_key(interaction)
        contact = await self.contacts.get(interaction.guild_id or 0, key) if key else None
        if contact is None:
            return None
        button = views.DmChoiceButton("no" if contact.allow_dms else "yes", "mine", t)
        return self.choice_line(t, contact.allow_dms), [button]


NOTIFIED = (StoryStatus.APPROVED, StoryStatus.REJECTED, StoryStatus.CHANGES_REQUESTED)


async def notify_decision(services: Services, client: discord.Client, story: Story, decision: Decision) -> bool:
    """DM the author the decision if they asked for it; return whether a DM went out (refusals are logged)."""
    status = status_after(decision.action.name)
    if status is None or status not in NOTIFIED:
        return False
    contact = await ContactsRepository(services.db).get(story.guild_id, story.author_key)
    if contact is None or not contact.allow_dms or contact.sealed_user is None:
        return False
    user_id = services.identity.unseal_user(story.author_key, contact.sealed_user)
    t = services.t(await services.language_for(story.guild_id, story.author_key, None))
    guild = client.get_guild(story.guild_id)
    text = decision_text(t, story, status, decision.entry.reason, guild.name if guild else "")
    try:
        user = client.get_user(user_id) or await client.fetch_user(user_id)
        await user.send(view=TextCard(text), allowed_mentions=NO_PINGS)
    except discord.HTTPException as error:
        # DMs closed (50007), the member left, or Discord is down: the decision is in /story mine regardless.
        log.info("guild %s: a decision DM was not delivered (%s)", story.guild_id, error.status)
        return False
    return True


def decision_text(t: Translations, story: Story, status: StoryStatus, reason: str | None, server: str) -> str:
    """The DM: the story's number, the server, the decision and its reason; never the story's text."""
    number = f"#{story.id}"  # Translations isolates every filled-in value in Arabic
    server = user_text(server)
    if status is StoryStatus.APPROVED:
        line = "✅ " + t.gettext(
            "Your story {number} in {server} was approved. It will be posted in the next publishing slot.",
            number=number,
            server=server,
        )
    elif status is StoryStatus.CHANGES_REQUESTED:
        line = "↩️ " + t.gettext(
            "The moderators of {server} sent your story {number} back for edits.", number=number, server=server
        )
    else:
        line = "✖️ " + t.gettext("Your story {number} in {server} was not published.", number=number, server=server)
        label = REJECT_REASONS.get(reason or "")
        if label:
            line += "\n" + t.gettext("Reason: {reason}", reason=t.gettext(label))
    footer = "-# " + t.gettext(
        "Details and what you can do next: {command} in the server. You asked for these messages; you can turn them "
        "off there.",
        command=t.command("story mine"),
    )
    return f"{line}\n{footer}"
