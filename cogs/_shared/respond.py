"""One way to answer an interaction: respond if we still can, else follow up, else edit the original."""

from __future__ import annotations

import logging
from typing import Any

import discord

log = logging.getLogger(__name__)

NO_PINGS = discord.AllowedMentions.none()


async def respond(
    interaction: discord.Interaction,
    content: str | None = None,
    *,
    view: discord.ui.View | discord.ui.LayoutView | None = None,
    ephemeral: bool = True,
    file: discord.File | None = None,
) -> None:
    """Send a reply through whichever channel the interaction still allows; never pings anyone."""
    kwargs: dict[str, Any] = {"allowed_mentions": NO_PINGS}
    if content is not None:
        kwargs["content"] = content
    if view is not None:
        kwargs["view"] = view
    if file is not None:
        kwargs["file"] = file
    if not interaction.response.is_done():
        await interaction.response.send_message(ephemeral=ephemeral, **kwargs)
        return
    try:
        await interaction.followup.send(ephemeral=ephemeral, **kwargs)
    except discord.NotFound:
        # The followup webhook is gone (token expired): fall back to editing the original response.
        kwargs.pop("file", None)
        await interaction.edit_original_response(**kwargs)


async def update(
    interaction: discord.Interaction, *, view: discord.ui.View | discord.ui.LayoutView, content: str | None = None
) -> None:
    """Replace the message a component sits on (the member's own card), acknowledging the click."""
    kwargs: dict[str, Any] = {"view": view, "allowed_mentions": NO_PINGS}
    if content is not None:
        kwargs["content"] = content
    if not interaction.response.is_done():
        await interaction.response.edit_message(**kwargs)
    else:
        await interaction.edit_original_response(**kwargs)
