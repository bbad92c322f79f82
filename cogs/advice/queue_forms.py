"""Moderators' forms on a tip's queue card: Edit & approve and Redact.

The edited text goes through the anonymiser again, so a name a moderator types becomes a placeholder too (a new
entity, numbered after those already there). Both write only while the tip is pending, then decide through the
shared queue (moderator role, exactly one decision, audit) and redraw the card in place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from parley.cogs._shared.flags import RedactFields, flags_of
from parley.cogs._shared.permissions import require
from parley.cogs._shared.queue import decide_and_show
from parley.cogs._shared.views import ParleyModal
from parley.database.repositories.tips import TipsRepository
from parley.domain.anonymiser import Anonymiser
from parley.domain.anonymiser.labels import redaction_mark
from parley.domain.errors import N_, InvalidInput
from parley.domain.moderation import AlreadyDecided
from parley.domain.settings import Role
from parley.domain.tips import EDIT_TIP, REDACT_TIP, TEXT_INPUT_MAX, Tip, TipTooLong, clean_text
from parley.i18n import Translations

if TYPE_CHECKING:
    from parley.services import Services


class EditTipModal(ParleyModal):
    """The tip's text to correct; approving on submit."""

    def __init__(self, services: Services, t: Translations, entry_id: int, tip: Tip) -> None:
        super().__init__(title=t.gettext("Edit & approve")[:45], timeout=1800)
        self.services = services
        self.entry_id = entry_id
        self.tip = tip
        self.text = discord.ui.TextInput(
            style=discord.TextStyle.paragraph,
            default=tip.text,
            max_length=min(max(services.config.limits.tip_max_chars, len(tip.text)), TEXT_INPUT_MAX),
            required=True,
        )
        self.add_item(
            discord.ui.Label(
                text=t.gettext("Tip")[:45],
                description=t.gettext("Your edits are anonymised again before approval.")[:100],
                component=self.text,
            )
        )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Anonymise the edit (added names are new entities), store it, then approve."""
        await require(self.services, interaction, Role.MODERATOR)
        text = clean_text(self.text.value or "")
        if not text:
            raise InvalidInput(N_("The tip is empty. Write what helped you, in a sentence or two."))
        text = self.services.component(Anonymiser.load).anonymise(text, self.tip.lang).text
        if len(text) > TEXT_INPUT_MAX:
            raise TipTooLong(length=len(text), max=TEXT_INPUT_MAX)
        if not await TipsRepository(self.services.db).edit_pending(self.tip.guild_id, self.tip.id, text):
            raise AlreadyDecided()
        await decide_and_show(self.services, interaction, self.entry_id, EDIT_TIP)


class RedactTipModal(ParleyModal):
    """The words still flagged (offered first) and phrases to paste; the tip stays pending with the new text."""

    def __init__(self, services: Services, t: Translations, entry_id: int, tip: Tip) -> None:
        super().__init__(title=t.gettext("Redact")[:45], timeout=1800)
        self.services = services
        self.entry_id = entry_id
        self.tip = tip
        self.fields = RedactFields(t, flags_of(services.component(Anonymiser.load), tip.text, tip.lang))
        for label in self.fields.labels():
            self.add_item(label)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Take the picks and phrases out and redraw the card, still pending."""
        await require(self.services, interaction, Role.MODERATOR)
        tip = await TipsRepository(self.services.db).get(self.tip.guild_id, self.tip.id) or self.tip
        text, _, _ = self.fields.apply(tip.text, None, tip.lang, redaction_mark(tip.lang))
        if not await TipsRepository(self.services.db).edit_pending(tip.guild_id, tip.id, text):
            raise AlreadyDecided()
        await decide_and_show(self.services, interaction, self.entry_id, REDACT_TIP)
