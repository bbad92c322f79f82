"""The persistent components of cases: Follow this up, the reminder's buttons and Snooze, the outcome question.

Custom ids carry the case's number only (`parley:case:<action>:<case_id>`); the case itself is loaded from the
database and its owner checked by keyed hash, so the buttons keep working after a restart and in a DM.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import discord

from parley.cogs._shared.cog import cog_of
from parley.cogs._shared.items import HANDLE, SLUG, SNOWFLAKE, ButtonLook, PersistentItem, looked_button, one_of
from parley.cogs._shared.views import OwnedLayoutView
from parley.domain.cases import SNOOZE_DAYS
from parley.domain.errors import N_
from parley.i18n import Translations

if TYPE_CHECKING:
    from parley.cogs.cases.cog import Cases

ACCENT = discord.Colour(0x3BA55C)
ERROR = discord.Colour(0xED4245)
CLOSED_ACCENT = discord.Colour(0x99AAB5)
CASE_ACTIONS = ("replied", "resolved", "draft", "resume")
OUTCOMES = ("worked", "failed", "skip")


def _cases_cog(interaction: discord.Interaction) -> Cases:
    from parley.cogs.cases.cog import Cases

    return cog_of(interaction, Cases)


class FollowUpButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button],
    custom_id="parley:case:open:{archetype}[:{draft_id}]",
    archetype=SLUG,
    draft_id=HANDLE,
):
    """ "Follow this up for me": opens the case form (from a result card, or from a draft whose facts it carries)."""

    archetype: str
    draft_id: str | None

    def __init__(self, archetype: str, draft_id: str | None = None, t: Translations | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                custom_id=self.bind(archetype=archetype, draft_id=draft_id),
                label=t.gettext("Follow this up for me") if t else "Follow this up for me",
                emoji="📌",
                style=discord.ButtonStyle.success,
            )
        )

    async def handle(self, interaction: discord.Interaction) -> None:
        await _cases_cog(interaction).start_case(interaction, self.archetype, self.draft_id)


def follow_up_button(archetype: str, t: Translations, draft_id: str | None = None) -> FollowUpButton:
    """The button other capabilities put on their cards (the label is already in the reader's language)."""
    return FollowUpButton(archetype, draft_id, t)


class CaseButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button],
    custom_id="parley:case:{action}:{case_id}[:r{reminder_id}]",
    action=one_of(CASE_ACTIONS),
    case_id=SNOWFLAKE,
    reminder_id=SNOWFLAKE,
):
    """Client replied (pause), Got paid / Resolved (close), Draft the next step, Resume.

    On a delivered reminder the buttons also carry the reminder's number: that is the delivery key a process
    looks for in the DM channel before sending a reminder whose earlier delivery may have gone out unmarked.
    """

    action: str
    case_id: int
    reminder_id: int | None

    def __init__(
        self, action: str, case_id: int, reminder_id: int | None = None, t: Translations | None = None
    ) -> None:
        super().__init__(
            looked_button(_BUTTONS[action], self.bind(action=action, case_id=case_id, reminder_id=reminder_id), t)
        )

    async def handle(self, interaction: discord.Interaction) -> None:
        await _cases_cog(interaction).act(interaction, self.case_id, self.action)


_BUTTONS: dict[str, ButtonLook] = {
    "draft": ("✉️", N_("Draft the next step"), discord.ButtonStyle.primary),
    "replied": ("⏸️", N_("Client replied"), discord.ButtonStyle.secondary),
    "resolved": ("✅", N_("Got paid / Resolved"), discord.ButtonStyle.success),
    "resume": ("▶️", N_("Resume reminders"), discord.ButtonStyle.secondary),
}


class SnoozeSelect(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Select],
    custom_id="parley:case:snooze:{case_id}",
    case_id=SNOWFLAKE,
):
    """Snooze the reminder: 1 day, 3 days or a week (inside the member's working hours)."""

    case_id: int

    def __init__(self, case_id: int, t: Translations | None = None) -> None:
        options = [
            discord.SelectOption(
                label=(t.ngettext("{count} day", "{count} days", days) if t else f"{days} days"), value=str(days)
            )
            for days in SNOOZE_DAYS
        ]
        super().__init__(
            discord.ui.Select(
                custom_id=self.bind(case_id=case_id),
                placeholder=t.gettext("Snooze…") if t else "Snooze…",
                options=options,
                min_values=1,
                max_values=1,
            )
        )

    async def handle(self, interaction: discord.Interaction) -> None:
        # A card from an older version (or a forged click) may send a value that is no number of days: the cog
        # answers "not found" for anything outside SNOOZE_DAYS, so such a value becomes 0.
        value = self.item.values[0] if self.item.values else ""
        await _cases_cog(interaction).snooze(interaction, self.case_id, int(value) if value.isdecimal() else 0)


class OutcomeButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button],
    custom_id="parley:case:outcome:{value}:{case_id}",
    value=one_of(OUTCOMES),
    case_id=SNOWFLAKE,
):
    """After closing: did the advice work? (feeds the advice's outcome votes; skipping is fine)."""

    value: str
    case_id: int

    def __init__(self, value: str, case_id: int, t: Translations | None = None) -> None:
        super().__init__(looked_button(_OUTCOME_BUTTONS[value], self.bind(value=value, case_id=case_id), t))

    async def handle(self, interaction: discord.Interaction) -> None:
        await _cases_cog(interaction).record_outcome(interaction, self.case_id, self.value)


_OUTCOME_BUTTONS: dict[str, ButtonLook] = {
    "worked": ("👍", N_("It worked"), discord.ButtonStyle.success),
    "failed": ("👎", N_("It didn't work"), discord.ButtonStyle.secondary),
    "skip": ("↪️", N_("Skip"), discord.ButtonStyle.secondary),
}


class PrefsButton(
    PersistentItem, discord.ui.DynamicItem[discord.ui.Button], custom_id="parley:case:prefs:{scope}", scope=SLUG
):
    """Set (or change) when and where reminders arrive."""

    scope: str

    def __init__(self, scope: str = "hours", t: Translations | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                custom_id=self.bind(scope=scope),
                label=t.gettext("Reminder hours and DMs") if t else "Reminder hours and DMs",
                emoji="⏰",
                style=discord.ButtonStyle.secondary,
            )
        )

    async def handle(self, interaction: discord.Interaction) -> None:
        await _cases_cog(interaction).ask_prefs(interaction)


class CaseCard(discord.ui.LayoutView):
    """A case (or a reminder of one) as Components V2: text blocks, then rows of buttons."""

    def __init__(
        self,
        *texts: str,
        rows: list[list[discord.ui.Item[Any]]] | None = None,
        accent: discord.Colour = ACCENT,
    ) -> None:
        super().__init__(timeout=None)
        container = discord.ui.Container(accent_colour=accent)
        for n, text in enumerate(t for t in texts if t):
            if n:
                container.add_item(discord.ui.Separator())
            container.add_item(discord.ui.TextDisplay(text))
        for row in rows or []:
            if row:
                container.add_item(discord.ui.ActionRow(*row))
        self.add_item(container)


class RetryCard(OwnedLayoutView):
    """What to fix in the case form, and a button that reopens it with everything the member typed."""

    def __init__(
        self,
        owner_id: int,
        text: str,
        label: str,
        reopen: Callable[[discord.Interaction], Awaitable[Any]],
    ) -> None:
        super().__init__(owner_id, timeout=900)
        button: discord.ui.Button[Any] = discord.ui.Button(label=label, emoji="✏️", style=discord.ButtonStyle.primary)

        async def pressed(interaction: discord.Interaction) -> None:
            await reopen(interaction)

        button.callback = pressed  # type: ignore[method-assign]
        self.add_item(
            discord.ui.Container(discord.ui.TextDisplay(text), discord.ui.ActionRow(button), accent_colour=ERROR)
        )


def case_rows(
    case_id: int, status: str, t: Translations, *, reminder_id: int | None = None, snooze: bool = True
) -> list[list[discord.ui.Item[Any]]]:
    """The controls of an open or paused case (a reminder's carry its delivery key)."""
    if status == "closed":
        return []
    if status == "paused":
        return [[CaseButton("resume", case_id, None, t), CaseButton("resolved", case_id, None, t)]]
    rows: list[list[discord.ui.Item[Any]]] = [
        [
            CaseButton("draft", case_id, reminder_id, t),
            CaseButton("replied", case_id, reminder_id, t),
            CaseButton("resolved", case_id, reminder_id, t),
        ]
    ]
    if snooze:
        rows.append([SnoozeSelect(case_id, t)])
    return rows


def delivery_key(case_id: int, reminder_id: int) -> str:
    """The suffix of a delivered reminder's button ids that identifies that one delivery."""
    return f":{case_id}:r{reminder_id}"


DYNAMIC_ITEMS = (FollowUpButton, CaseButton, SnoozeSelect, OutcomeButton, PrefsButton)
