"""One way to answer an interaction: respond if we still can, else follow up, else edit the original."""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord.http import handle_message_parameters
from discord.utils import MISSING
from discord.webhook.async_ import async_context

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
    if _thinking(interaction):
        # The first answer after a "thinking" defer replaces the loading message (which is already ephemeral).
        interaction.extras[_ANSWERED] = True
        if "file" in kwargs:
            kwargs["attachments"] = [kwargs.pop("file")]
        await edit_original(interaction, **kwargs)
        return
    try:
        await interaction.followup.send(ephemeral=ephemeral, **kwargs)
    except discord.NotFound:
        # The followup webhook is gone (token expired): fall back to editing the original response.
        kwargs.pop("file", None)
        await edit_original(interaction, **kwargs)


_ANSWERED = "parley_thinking_answered"


def _thinking(interaction: discord.Interaction) -> bool:
    """Whether the interaction shows a "thinking" message that no answer has replaced yet."""
    return (
        interaction.response.type is discord.InteractionResponseType.deferred_channel_message
        and not interaction.extras.get(_ANSWERED)
    )


async def acknowledge(interaction: discord.Interaction, *, thinking: bool = True) -> None:
    """Acknowledge now, before slow or database work, so Discord's 3-second deadline can't pass.

    A component or modal submit becomes a deferred update (the card is later edited in place); an application
    command becomes an ephemeral "thinking" reply that the first `respond()` replaces. No-op once answered.
    """
    if interaction.response.is_done():
        return
    if interaction.type is discord.InteractionType.application_command or (
        interaction.type is discord.InteractionType.modal_submit and interaction.message is None
    ):
        # A command, or a form opened by a command: there is no card to update, so a private "thinking" reply.
        await interaction.response.defer(ephemeral=True, thinking=thinking)
    else:
        try:
            await interaction.response.defer()
        except discord.NotFound:
            # The card was dismissed or deleted in the meantime: answer with a new private message instead.
            await interaction.response.defer(ephemeral=True, thinking=True)


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
        interaction.extras[_ANSWERED] = True
        await edit_original(interaction, **kwargs)


async def edit_original(
    interaction: discord.Interaction,
    *,
    content: str | None = MISSING,
    view: discord.ui.View | discord.ui.LayoutView | None = MISSING,
    attachments: list[discord.File] = MISSING,
    allowed_mentions: discord.AllowedMentions | None = None,
) -> None:
    """`interaction.edit_original_response` without turning Discord's answer into a Message nobody reads.

    discord.py parses the edited message it gets back (every component of a card, again) to return an
    InteractionMessage; Parley never uses it, and on a vote click that parse was a tenth of the bot's CPU. The same
    request and the same view bookkeeping as discord.py 2.7's method (pinned in pyproject.toml); what Discord
    refuses still raises the same HTTPException.
    """
    state = interaction._state
    with handle_message_parameters(
        content=content,
        attachments=attachments,
        view=view,
        allowed_mentions=allowed_mentions,
        previous_allowed_mentions=state.allowed_mentions,
    ) as params:
        http = state.http
        data = await async_context.get().edit_original_interaction_response(
            interaction.application_id,
            interaction.token,
            session=interaction._session,
            proxy=http.proxy,
            proxy_auth=http.proxy_auth,
            payload=params.payload,
            multipart=params.multipart,
            files=params.files,
        )
    if view and not view.is_finished() and view.is_dispatchable():
        state.store_view(view, int(data["id"]))
