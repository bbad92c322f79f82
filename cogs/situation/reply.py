"""The message menu "Draft a reply with Parley": a client's message in, the fitting draft out (ephemeral).

Discord hands the message's text to the command in the interaction's resolved data. Parley reads it with the
triage engine and answers privately: what the message reads like and why, the drafts that fit, and a select to
pick another kind of client when the message alone isn't enough. The text is used for this answer only: it is
never stored, logged or put in a component id, so picking another kind afterwards needs nothing from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord

from parley.cogs._shared.cog import cog_of, loaded_cog
from parley.cogs._shared.items import PersistentItem
from parley.cogs._shared.respond import respond, update
from parley.cogs.situation.cards import Card, Painter
from parley.domain import walkthrough as wt
from parley.domain.triage import TriageResult, classify
from parley.i18n import Translations
from parley.knowledge import pick

if TYPE_CHECKING:
    from parley.cogs.situation.cog import Situation

# Read at most this much of a message: enough for triage, and a pasted novel costs no more than a paragraph.
MAX_READ = 4000
MAX_DRAFT_BUTTONS = 3


def _situation(interaction: discord.Interaction) -> Situation:
    from parley.cogs.situation.cog import Situation

    return cog_of(interaction, Situation)


class ReplyPick(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Select],
    custom_id="parley:situation:replypick",
):
    """ "Not this? Pick the kind of client": redraws the reply card for the member's pick (no message text needed)."""

    def __init__(self, *, options: list[discord.SelectOption] | None = None, placeholder: str | None = None) -> None:
        super().__init__(
            discord.ui.Select(
                custom_id=self.bind(),
                options=options or [discord.SelectOption(label="pick", value="pick")],
                placeholder=placeholder,
            )
        )

    @classmethod
    def keep(cls, item: discord.ui.Item[Any]) -> dict[str, Any]:
        return {
            "options": list(getattr(item, "options", None) or ()),
            "placeholder": getattr(item, "placeholder", None),
        }

    async def handle(self, interaction: discord.Interaction) -> None:
        await _situation(interaction).reply.on_pick(interaction, list(self.item.values))


class Reply:
    """Reads a message for the member and offers the fitting draft."""

    def __init__(self, cog: Situation) -> None:
        self.cog = cog
        self.services = cog.services

    async def on_message(self, interaction: discord.Interaction, message: discord.Message) -> None:
        """The menu was used on `message`: answer privately with what it reads like and the drafts that fit."""
        t = await self.cog.translations(interaction)
        text = (message.content or "").strip()[:MAX_READ]
        if not text:
            await respond(
                interaction,
                "ℹ️ "
                + t.gettext(
                    "That message has no text I can read. Paste the client's words into a message (or use {command} "
                    "and describe them), then try again.",
                    command=t.command("situation"),
                ),
            )
            return
        result = classify(text=text)
        await respond(interaction, view=self.card(interaction, t, result=result), ephemeral=True)

    async def on_pick(self, interaction: discord.Interaction, values: list[str]) -> None:
        """The member picked the kind of client by hand: the same card, for their pick."""
        t = await self.cog.translations(interaction)
        chosen = values[0] if values and values[0] in self.services.knowledge.archetypes else None
        await update(interaction, view=self.card(interaction, t, chosen=chosen))

    def card(
        self,
        interaction: discord.Interaction,
        t: Translations,
        *,
        result: TriageResult | None = None,
        chosen: str | None = None,
    ) -> Card:
        """What the message reads like (or the member's pick), why, the drafts that fit, and "not this?"."""
        kb = self.services.knowledge
        painter = Painter(t, self.services.renderer, kb)
        lang = t.lang
        lines = ["### 💬 " + t.gettext("Draft a reply")]
        archetype_id: str | None = chosen
        if chosen is None and result is not None:
            sure = result.confident and result.top.score >= wt.UNSURE_BELOW
            archetype_id = result.top.id if sure else None
        if archetype_id is None:
            lines.append(
                t.gettext(
                    "I can't tell from this message alone what kind of situation it is. Pick the kind of client "
                    "below and I'll suggest the drafts that fit."
                )
            )
        else:
            archetype = kb.archetypes[archetype_id]
            lines.append(
                t.gettext("This reads like: **{name}**", name=pick(archetype.name, lang))
                + "\n"
                + pick(archetype.summary, lang)
            )
            if chosen is None and result is not None:
                quotes = painter.quotes([r.value for r in wt.reasons_of(result.top) if r.kind == "words"])
                if quotes:
                    lines.append("-# " + t.gettext("Why: the message says {quotes}", quotes=t.join(quotes)))
        children: list[discord.ui.Item[Any]] = [discord.ui.TextDisplay("\n".join(lines))]
        if archetype_id is not None:
            children.extend(self.draft_offer(interaction, t, painter, archetype_id))
        children.append(discord.ui.ActionRow(self.pick_select(t, lang, archetype_id)))
        children.append(
            discord.ui.TextDisplay("-# 🔒 " + t.gettext("Parley read that message only to answer you: it isn't kept."))
        )
        return Card(*children)

    def draft_offer(
        self, interaction: discord.Interaction, t: Translations, painter: Painter, archetype_id: str
    ) -> list[discord.ui.Item[Any]]:
        """Buttons for the drafts that fit (when drafts are loaded), else the command that writes them."""
        from parley.cogs.drafts.cog import Drafts
        from parley.cogs.drafts.views import draft_button

        main = self.services.knowledge.archetypes[archetype_id]
        kinds = wt.draft_kinds(main, wt.next_steps(main, None), (), None)[:MAX_DRAFT_BUTTONS]
        if not kinds:
            return []
        if loaded_cog(interaction.client, Drafts) is None:
            names = t.join([painter.label_of_draft(k) for k in kinds])
            return [
                discord.ui.TextDisplay(
                    t.gettext(
                        "Drafts that fit: {drafts}. Write one with {command}.", drafts=names, command=t.command("draft")
                    )
                )
            ]
        buttons = [draft_button(kind, painter.label_of_draft(kind)[:80]) for kind in kinds]
        return [discord.ui.ActionRow(*buttons)]

    def pick_select(self, t: Translations, lang: str, current: str | None) -> ReplyPick:
        """The kinds of client, to pick another (or the first) by hand."""
        options = [
            discord.SelectOption(label=pick(a.name, lang)[:100], value=a.id, default=a.id == current)
            for a in self.services.knowledge.archetypes.values()
        ]
        placeholder = (
            t.gettext("Not this? Pick the kind of client") if current else t.gettext("Pick the kind of client")
        )
        return ReplyPick(options=options, placeholder=placeholder[:150])
