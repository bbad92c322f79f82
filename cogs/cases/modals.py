"""The two forms of cases: the case's facts, and the member's reminder preferences (asked once)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from parley.cogs._shared.views import ParleyModal
from parley.domain.drafts import DRAFT_LANGS
from parley.i18n import LANGUAGE_NAMES, Translations

if TYPE_CHECKING:
    from parley.cogs.cases.cog import CaseForm, Cases

TITLE_LIMIT = 45


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _text(value: discord.ui.TextInput | None) -> str:
    return value.value.strip() if value is not None and value.value else ""


def _choice(select: discord.ui.Select | None) -> str | None:
    return select.values[0] if select is not None and select.values else None


class CaseModal(ParleyModal):
    """The facts of a case: amount, currency, due date and late fee (money cases) or revisions used, and the
    language the client reads. No client name: Parley stores facts, not people."""

    def __init__(self, cog: Cases, t: Translations, form: CaseForm, *, revisions: str | None = None) -> None:
        super().__init__(title=_clip(t.gettext("Follow this up for me"), TITLE_LIMIT), timeout=3600)
        self.cog = cog
        self.form = form
        self.amount: discord.ui.TextInput | None = None
        self.currency: discord.ui.TextInput | None = None
        self.revisions: discord.ui.TextInput | None = None
        self.late_fee: discord.ui.Select | None = None
        if form.money:
            self.amount = discord.ui.TextInput(
                required=False, max_length=30, default=form.amount or None, placeholder="1,200.50"
            )
            self.add_item(
                discord.ui.Label(
                    text=t.gettext("Amount owed"), description=t.gettext("Leave empty if none."), component=self.amount
                )
            )
            self.currency = discord.ui.TextInput(
                required=False, max_length=3, min_length=3, default=form.currency or None, placeholder="EUR"
            )
            self.add_item(discord.ui.Label(text=t.gettext("Currency"), component=self.currency))
        else:
            self.revisions = discord.ui.TextInput(
                required=False, max_length=4, placeholder="3", default=revisions or None
            )
            self.add_item(discord.ui.Label(text=t.gettext("Revisions used so far"), component=self.revisions))
            # The agreed total lets a change order drafted from the case show the project's new total.
            self.amount = discord.ui.TextInput(
                required=False, max_length=30, placeholder="3,000", default=form.amount or None
            )
            self.add_item(
                discord.ui.Label(
                    text=t.gettext("Agreed project total"),
                    description=t.gettext("Optional. A change order then shows the new total."),
                    component=self.amount,
                )
            )
            self.currency = discord.ui.TextInput(
                required=False, max_length=3, min_length=3, placeholder="EUR", default=form.currency or None
            )
            self.add_item(discord.ui.Label(text=t.gettext("Currency"), component=self.currency))
        self.due = discord.ui.TextInput(required=False, max_length=30, default=form.due_date or None)
        self.add_item(
            discord.ui.Label(
                text=t.gettext("Due date"),
                description=t.gettext("When the payment or delivery was due. Reminders count from it."),
                component=self.due,
            )
        )
        if form.money:
            self.late_fee = discord.ui.Select(
                options=[
                    discord.SelectOption(label=t.gettext("Yes, my contract has a late fee"), value="yes"),
                    discord.SelectOption(label=t.gettext("No late fee"), value="no", default=True),
                ],
                required=False,
            )
            self.add_item(discord.ui.Label(text=t.gettext("Late fee"), component=self.late_fee))
        self.client_lang = discord.ui.Select(
            options=[
                discord.SelectOption(label=LANGUAGE_NAMES[code], value=code, default=code == form.client_lang)
                for code in DRAFT_LANGS
            ],
            required=True,
        )
        self.add_item(discord.ui.Label(text=t.gettext("The language your client reads"), component=self.client_lang))

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await self.cog.open_case(
            interaction,
            self.form,
            amount=_text(self.amount),
            currency=_text(self.currency),
            due=_text(self.due),
            revisions=_text(self.revisions),
            late_fee=_choice(self.late_fee) == "yes",
            client_lang=_choice(self.client_lang) or self.form.client_lang,
        )


class PrefsModal(ParleyModal):
    """When and where reminders arrive: time zone, working hours, and whether Parley may send a DM."""

    def __init__(self, cog: Cases, t: Translations, *, zone: str, hours: str, dms: bool) -> None:
        super().__init__(title=_clip(t.gettext("Reminder hours and DMs"), TITLE_LIMIT), timeout=3600)
        self.cog = cog
        self.zone = discord.ui.TextInput(required=True, max_length=64, default=zone, placeholder="Europe/Helsinki")
        self.add_item(
            discord.ui.Label(
                text=t.gettext("Your time zone"),
                description=t.gettext("A city time zone, like Europe/Helsinki or Asia/Dubai."),
                component=self.zone,
            )
        )
        self.hours = discord.ui.TextInput(required=True, max_length=20, default=hours, placeholder="9-17")
        self.add_item(
            discord.ui.Label(
                text=t.gettext("Your working hours"),
                description=t.gettext("Reminders arrive only within these hours, like 9-17."),
                component=self.hours,
            )
        )
        self.dms = discord.ui.Select(
            options=[
                discord.SelectOption(label=t.gettext("Yes, send me a direct message"), value="yes", default=dms),
                discord.SelectOption(
                    label=t.gettext("No, show them when I next use Parley"), value="no", default=not dms
                ),
            ],
            required=True,
        )
        self.add_item(discord.ui.Label(text=t.gettext("Reminders by DM?"), component=self.dms))

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await self.cog.save_prefs(interaction, _text(self.zone), _text(self.hours), _choice(self.dms) == "yes")
