"""The privacy cards: a plain text card, and the owned confirm step of /privacy forget."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from parley.cogs._shared.respond import NO_PINGS
from parley.cogs._shared.views import OwnedLayoutView
from parley.domain.errors import AlreadyDone
from parley.domain.privacy import ForgetChoice
from parley.i18n import Translations

ACCENT = discord.Colour(0x5865F2)
WARN = discord.Colour(0xED4245)
DONE = discord.Colour(0x57F287)
CONFIRM_SECONDS = 300

# What the confirm buttons call: (interaction, choice or None for Cancel).
OnChoice = Callable[[discord.Interaction, ForgetChoice | None], Awaitable[None]]


class PrivacyCard(discord.ui.LayoutView):
    """A Components V2 card with one block of text."""

    def __init__(self, text: str, *, accent: discord.Colour = ACCENT) -> None:
        super().__init__(timeout=None)
        self.add_item(discord.ui.Container(discord.ui.TextDisplay(text), accent_colour=accent))


class ForgetConfirm(OwnedLayoutView):
    """What /privacy forget would erase, and the member's choice: erase, erase but leave posts up unlinked, cancel.

    Only its owner can press it, once; it is not persistent on purpose: a destructive step confirmed long after it
    was shown (or after a restart) is one the member may no longer mean, so it times out and says so.
    """

    def __init__(self, owner_id: int, t: Translations, text: str, *, offer_unlink: bool, on_choice: OnChoice) -> None:
        super().__init__(owner_id, timeout=CONFIRM_SECONDS)
        self.t = t
        self.on_choice = on_choice
        self.used = False
        self.interaction: discord.Interaction | None = None
        erase = discord.ui.Button(
            label=t.gettext("Erase everything") if offer_unlink else t.gettext("Erase"),
            emoji="🗑️",
            style=discord.ButtonStyle.danger,
        )
        erase.callback = self._pressed(ForgetChoice.ERASE)  # type: ignore[method-assign]
        buttons: list[discord.ui.Button[Any]] = [erase]
        if offer_unlink:
            unlink = discord.ui.Button(
                label=t.gettext("Erase, but leave my posts up unlinked"), emoji="🔗", style=discord.ButtonStyle.primary
            )
            unlink.callback = self._pressed(ForgetChoice.UNLINK)  # type: ignore[method-assign]
            buttons.append(unlink)
        cancel = discord.ui.Button(label=t.gettext("Cancel"), style=discord.ButtonStyle.secondary)
        cancel.callback = self._pressed(None)  # type: ignore[method-assign]
        buttons.append(cancel)
        self.add_item(
            discord.ui.Container(discord.ui.TextDisplay(text), discord.ui.ActionRow(*buttons), accent_colour=WARN)
        )

    def _pressed(self, choice: ForgetChoice | None) -> Callable[[discord.Interaction], Awaitable[None]]:
        async def callback(interaction: discord.Interaction) -> None:
            # One decision per card: a double click must not run the erase twice (the second would report zeros).
            if self.used:
                raise AlreadyDone()
            self.used = True
            try:
                await self.on_choice(interaction, choice)
            except Exception:
                self.used = False  # the erase was refused (a story being posted this minute): pressing again may work
                raise

        return callback

    async def on_timeout(self) -> None:
        """Say on the card that it expired (the ephemeral message can only be edited through its interaction)."""
        if self.used or self.interaction is None:
            return
        text = "⌛ " + self.t.gettext("This confirmation expired. Nothing was erased.")
        # The token may be gone (15 minutes): the buttons then simply stop answering.
        with contextlib.suppress(discord.HTTPException):
            await self.interaction.edit_original_response(view=PrivacyCard(text), allowed_mentions=NO_PINGS)
