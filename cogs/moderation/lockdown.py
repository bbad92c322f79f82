"""`/mod lockdown on|off`: pause sharing stories, suggesting tips and publishing in a server at once, and lift it.

The pause is one row (guild_lockdowns) read where each of those happens (StorySharing.settings, Advice.allow_tip
and confirm_tip, publishing.publish_guild), so nothing can slip between the switch and the checks. Members who
are in the middle of a form lose nothing: a story's preview stays in memory for Confirm later, a tip comes back
as text. Lifting it resumes publishing at once (the approved stories that waited go out in the next round).
Switching is audited like any moderation action: who (keyed hash), when, on or off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from parley.cogs._shared.permissions import require
from parley.cogs._shared.respond import acknowledge, respond
from parley.database.repositories.reports import LockdownRepository
from parley.domain.errors import NotAllowed
from parley.domain.settings import Role
from parley.domain.stories import stamp

if TYPE_CHECKING:
    from parley.cogs.moderation.cog import Moderation


async def switch(cog: Moderation, interaction: discord.Interaction, on: bool) -> None:
    """Switch lockdown on or off (moderators only), audit it, and say what it means now."""
    await require(cog.services, interaction, Role.MODERATOR)
    guild_id, key = interaction.guild_id, cog.member_key(interaction)
    if guild_id is None or key is None:
        raise NotAllowed()
    t = await cog.translations(interaction)
    await acknowledge(interaction)  # a write: answer Discord before a slow disk can make us late
    now = cog.services.clock.now()
    changed = await LockdownRepository(cog.services.db).switch(guild_id, on, key, stamp(now))
    if on:
        text = "🔒 " + (
            t.gettext(
                "Lockdown is on. Sharing stories, suggesting tips and publishing are paused in this server; members "
                "who try are told kindly and lose nothing. Lift it with {command}.",
                command=t.command("mod lockdown"),
            )
            if changed
            else t.gettext("Lockdown was already on; nothing changed.")
        )
    else:
        text = "🔓 " + (
            t.gettext(
                "Lockdown lifted. Sharing, tips and publishing resume; approved stories go out in the next round."
            )
            if changed
            else t.gettext("There was no lockdown to lift; nothing changed.")
        )
    await respond(interaction, text, ephemeral=True)
    if on and changed:
        return
    if changed:
        # Lifting resumes publishing now rather than at the next scheduled minute.
        await cog.run_due_work(now)
