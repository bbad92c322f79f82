"""Advice cards (a ranked list with vote buttons, persistent page buttons) and the tip kind of the moderation queue."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord

from parley.cogs._shared.cog import cog_of
from parley.cogs._shared.flags import flags_note
from parley.cogs._shared.items import SLUG, Field, PersistentItem, one_of
from parley.cogs._shared.queue import QueueKind, decide_and_show
from parley.cogs._shared.respond import update
from parley.database import Tx
from parley.database.repositories.tips import TipsRepository
from parley.domain.errors import N_, NotFound
from parley.domain.moderation import Action, Decision, QueueEntry, QueueStatus
from parley.domain.tips import EDIT_TIP, REDACT_TIP, TIP_ACTIONS
from parley.i18n import LANGUAGE_NAMES, Translations
from parley.knowledge import pick

if TYPE_CHECKING:
    from parley.services import Services

ACCENT = discord.Colour(0xF1C40F)
SCOPES = ("browse", "top")
ALL = "all"


class AdviceListCard(discord.ui.LayoutView):
    """A page of ranked advice: a header, then each item's text with its vote row, then page buttons."""

    def __init__(
        self,
        header: str,
        items: list[tuple[str, discord.ui.ActionRow]],
        nav: list[discord.ui.Item[Any]] | None = None,
        footer: str | None = None,
    ) -> None:
        super().__init__(timeout=None)
        parts: list[discord.ui.Item[Any]] = [discord.ui.TextDisplay(header)]
        for text, row in items:
            parts += [discord.ui.TextDisplay(text), row]
        if footer:
            parts.append(discord.ui.TextDisplay(footer))
        if nav:
            parts.append(discord.ui.ActionRow(*nav))
        self.add_item(discord.ui.Container(*parts, accent_colour=ACCENT))


class PageButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button],
    custom_id="parley:advice:page:{scope}:{archetype}:{page}",
    scope=one_of(SCOPES),
    # "all" (no archetype) is a slug no archetype has
    archetype=Field(SLUG.pattern, lambda s: None if s == ALL else s, lambda a: a or ALL, ("never_satisfied", None)),
    page=Field(r"[0-9]{1,3}", int, examples=(0, 999, 1)),
):
    """Go to another page of a list; the list is rebuilt from the id, so it works on any card after restarts."""

    scope: str
    archetype: str | None
    page: int

    def __init__(
        self,
        scope: str,
        archetype: str | None,
        page: int,
        *,
        label: str = "",
        emoji: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(
            discord.ui.Button(
                custom_id=self.bind(scope=scope, archetype=archetype, page=page),
                label=label or None,
                emoji=emoji,
                style=discord.ButtonStyle.secondary,
                disabled=disabled,
            )
        )

    async def handle(self, interaction: discord.Interaction) -> None:
        """Show the requested page in place."""
        from parley.cogs.advice.cog import Advice

        cog = cog_of(interaction, Advice)
        t = await cog.translations(interaction)
        card = await cog.list_card(interaction, t, self.scope, self.archetype, self.page)
        await update(interaction, view=card)


def page_buttons(
    t: Translations, scope: str, archetype: str | None, page: int, pages: int
) -> list[discord.ui.Item[Any]]:
    """Previous / next (the ids differ even when disabled, as Discord requires unique ids)."""
    if pages <= 1:
        return []
    return [
        PageButton(scope, archetype, max(page - 1, 0), label=t.gettext("Previous"), emoji="◀️", disabled=page == 0),
        PageButton(
            scope, archetype, min(page + 1, pages - 1), label=t.gettext("Next"), emoji="▶️", disabled=page >= pages - 1
        ),
    ]


class TipQueueKind(QueueKind):
    """Members' tips in the moderation queue: approved tips join the advice lists, votable."""

    name = "tip"
    label = N_("Tip")
    actions = TIP_ACTIONS

    async def body(self, services: Services, entry: QueueEntry, t: Translations) -> str:
        """The tip as moderators review it: type of client, language, date, what is still flagged and the text
        (never its author). Once decided otherwise than approved, the text is taken off the queue channel."""
        tip = await TipsRepository(services.db).get(entry.guild_id, entry.subject_id)
        archetype = services.knowledge.archetypes.get(tip.archetype) if tip else None
        pending = not entry.status.decided
        return services.renderer.render(
            "cards/queue_tip.md.j2",
            t,
            tip=tip,
            archetype=pick(archetype.name, t.lang) if archetype else (tip.archetype if tip else ""),
            language=LANGUAGE_NAMES.get(tip.lang, tip.lang) if tip else "",
            date=(tip.created_at if tip else entry.created_at)[:10],
            taken_off=entry.status.decided and entry.status is not QueueStatus.APPROVED,
            flags=flags_note(services, t, tip.text, tip.lang) if tip and pending else "",
        )

    async def run_action(
        self, services: Services, interaction: discord.Interaction, entry: QueueEntry, action: Action
    ) -> None:
        """Approve at once; Edit & approve and Redact open their form first."""
        from parley.cogs.advice import queue_forms

        if action.name not in (EDIT_TIP.name, REDACT_TIP.name):
            await decide_and_show(services, interaction, entry.id, action)
            return
        tip = await TipsRepository(services.db).get(entry.guild_id, entry.subject_id)
        if tip is None:
            raise NotFound()
        key = services.identity.member_key(entry.guild_id, interaction.user.id)
        t = services.t(await services.language_for(entry.guild_id, key, str(interaction.locale)))
        form = queue_forms.EditTipModal if action.name == EDIT_TIP.name else queue_forms.RedactTipModal
        await interaction.response.send_modal(form(services, t, entry.id, tip))

    async def effect(self, tx: Tx, decision: Decision) -> None:
        """Approve, reject or withdraw the tip in the decision's transaction."""
        await TipsRepository.apply_decision(tx, decision)


DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (PageButton,)
