"""`/case`: private cases Parley follows up with the member, and the loop that delivers their reminders.

Thin on purpose: the rules (ladder days, working hours, tone from days overdue) are in bot/domain/cases.py and
the rows in bot/database/repositories/cases.py. Delivery is claim -> send -> mark under the `cases:remind` job
lease, with a delivery key in the reminder's button ids so a restart between send and mark never sends twice.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import discord
from babel import Locale
from babel.dates import format_date, format_time
from discord import app_commands
from discord.app_commands import locale_str
from discord.ext import commands, tasks

from parley.application import Member
from parley.application.voting import Voting
from parley.cogs._shared.cog import ParleyCog, loaded_cog
from parley.cogs._shared.respond import NO_PINGS, acknowledge, respond, update
from parley.cogs.cases import views
from parley.cogs.cases.modals import CaseModal, PrefsModal
from parley.database.repositories.cases import (
    OUTSIDE_SERVERS,
    Case,
    CasesRepository,
    ClaimedReminder,
    NewCase,
    Prefs,
)
from parley.database.repositories.drafts import DraftsRepository
from parley.database.repositories.votes import VotesRepository
from parley.domain import cases as rules
from parley.domain.drafts import DRAFT_SPECS, DraftInputError, parse_amount, parse_currency, parse_date, parse_int
from parley.domain.drafts.formatting import long_date, money
from parley.domain.errors import N_, NotFound, NotYours, ParleyError
from parley.domain.safe_text import user_text
from parley.i18n import Translations
from parley.i18n.bidi import isolate
from parley.knowledge.model import pick

if TYPE_CHECKING:
    from parley.services import Services

log = logging.getLogger(__name__)

REMIND_EVERY_MINUTES = 1
LIST_LIMIT = 5
#: After a reminder, the next step never comes sooner than this, whatever the ladder's days say.
MIN_GAP = dt.timedelta(days=1)
HISTORY_LOOKBACK = 25  # messages of the DM channel searched for an unmarked delivery
UNLOAD_WAIT_SECONDS = 4


class NoCurrency(ParleyError):
    """An amount without its currency."""

    message = N_("Please add the currency of the amount, like EUR, USD or RUB.")


class BadRevisions(ParleyError):
    """Revisions used isn't a whole number."""

    message = N_("**Revisions used so far** needs a whole number, like 3.")


@dataclass(frozen=True)
class CaseForm:
    """What the case form was opened with: whose case, what kind of client, what the card or draft already said."""

    guild_id: int
    member_key: str
    archetype: str
    money: bool
    client_lang: str
    advice_ids: tuple[str, ...] = ()
    amount: str | None = None
    currency: str | None = None
    due_date: str | None = None


def custom_ids(message: discord.Message) -> list[str]:
    """Every custom id on a message's components, in order (rows, containers and sections opened)."""
    found: list[str] = []
    stack: list[Any] = list(message.components)
    while stack:
        component = stack.pop(0)
        custom_id = getattr(component, "custom_id", None)
        if isinstance(custom_id, str):
            found.append(custom_id)
        stack.extend(getattr(component, "children", None) or [])
        inner = getattr(component, "component", None) or getattr(component, "accessory", None)
        if inner is not None:
            stack.append(inner)
    return found


def advice_on(message: discord.Message | None) -> tuple[str, ...]:
    """The advice items a result card shows, read from its vote buttons' ids (the card is the record)."""
    from parley.cogs._shared.voting import VoteButton

    if message is None:
        return ()
    template = VoteButton.__discord_ui_compiled_template__  # type: ignore[attr-defined]
    found: list[str] = []
    for custom_id in custom_ids(message):
        match = template.fullmatch(custom_id)
        if match is not None and match["kind"] == "advice" and match["item_id"] not in found:
            found.append(match["item_id"])
    return tuple(found)


class Cases(ParleyCog):
    """Private cases with scheduled follow-ups."""

    dynamic_items = views.DYNAMIC_ITEMS

    case = app_commands.Group(
        name=locale_str("case"),
        description=locale_str("Cases Parley follows up with you until they are resolved"),
    )

    def __init__(self, bot: commands.Bot, services: Services) -> None:
        super().__init__(bot, services)
        self._running = asyncio.Lock()
        # Members who get reminders as notices, and when their next one is due: read from the database by every
        # round of the loop (and kept up to date by this process's own changes), so that a command costs no
        # database round trip for the great majority of members, who have no notice waiting.
        self._notices: dict[tuple[int, str], dt.datetime] = {}

    async def cog_load(self) -> None:
        await super().cog_load()
        # Before any interaction arrives: which members have notices waiting (the loop keeps it current).
        self._notices = await self.repo.notice_due_times()
        self.reminders.start()

    async def cog_unload(self) -> None:
        try:
            async with asyncio.timeout(UNLOAD_WAIT_SECONDS), self._running:
                self.reminders.cancel()
        except TimeoutError:
            self.reminders.cancel()
        await super().cog_unload()

    @property
    def repo(self) -> CasesRepository:
        """The cases repository."""
        return CasesRepository(self.services.db)

    def now(self) -> dt.datetime:
        """The current time from the injected clock."""
        return self.services.clock.now()

    def _member(self, interaction: discord.Interaction) -> tuple[int, str]:
        """Whose cases these are: the member's in a server; outside servers (a DM, a private channel) the person's
        own, under their per-person key and the guild id `OUTSIDE_SERVERS`."""
        return interaction.guild_id or OUTSIDE_SERVERS, self.owner_key(interaction)

    def _owner_of(self, guild_id: int, user_id: int) -> str:
        """The key a case of this guild id has when this user owns it (per person outside servers)."""
        identity = self.services.identity
        return identity.user_key(user_id) if guild_id == OUTSIDE_SERVERS else identity.member_key(guild_id, user_id)

    async def owned(self, interaction: discord.Interaction, case_id: int) -> tuple[Case, Translations]:
        """A case for its owner, wherever they press (a server channel or their DMs); the member's language."""
        case = await self.repo.get(case_id)
        if case is None:
            raise NotFound()
        if self._owner_of(case.guild_id, interaction.user.id) != case.member_key:
            raise NotYours()
        lang = await self.services.language_for(case.guild_id, case.member_key, str(interaction.locale))
        return case, self.services.t(lang)

    async def hours_of(self, guild_id: int, member_key: str) -> tuple[rules.WorkingHours, Prefs | None]:
        """The member's working hours (defaults until they answer), and their stored preferences if any."""
        prefs = await self.repo.prefs(guild_id, member_key)
        return (prefs.hours if prefs else rules.WorkingHours()), prefs

    # ---------------------------------------------------------------------------------------------- opening

    def money_case(self, archetype: str) -> bool:
        """Whether a case of this kind is about money owed (its ladder drafts payment reminders)."""
        found = self.services.knowledge.archetypes.get(archetype)
        if found is None:
            return False
        return "payment_reminder" in found.drafts or any(s.draft == "payment_reminder" for s in found.ladder)

    def follow_up_button(self, archetype: str, t: Translations, draft_id: str | None = None) -> views.FollowUpButton:
        """The "Follow this up for me" button other capabilities put on their cards (asked of this cog by name)."""
        return views.follow_up_button(archetype, t, draft_id)

    async def start_case(self, interaction: discord.Interaction, archetype: str, draft_id: str | None) -> None:
        """Open the case form, prefilled from the draft it was pressed on (its amount, currency, due date)."""
        guild_id, key = self._member(interaction)
        kb = self.services.knowledge
        if archetype not in kb.archetypes:
            raise NotFound()
        t = await self.translations(interaction)
        money_case = self.money_case(archetype)
        form = CaseForm(guild_id, key, archetype, money_case, t.lang, advice_on(interaction.message))
        if draft_id is not None:
            draft = await DraftsRepository(self.services.db).get(draft_id)
            if draft is not None and draft.member_key == key:
                form = CaseForm(
                    guild_id,
                    key,
                    archetype,
                    money_case,
                    draft.language,
                    form.advice_ids,
                    draft.values.get("amount"),
                    draft.values.get("currency"),
                    draft.values.get("due_date"),
                )
        await interaction.response.send_modal(CaseModal(self, t, form))

    async def open_case(
        self,
        interaction: discord.Interaction,
        form: CaseForm,
        *,
        amount: str,
        currency: str,
        due: str,
        revisions: str,
        late_fee: bool,
        client_lang: str,
    ) -> None:
        """Validate the facts (kindly), store the case with its ladder and first reminder, show the case card."""
        t = await self.translations(interaction)
        today = self.now().date()
        try:
            facts = self._parse_facts(t, amount, currency, due, revisions, today)
        except (DraftInputError, ParleyError) as error:
            # Nothing typed is lost: the card's button reopens the form with every answer as it was.
            typed = dataclasses.replace(
                form, amount=amount or None, currency=currency or None, due_date=due or None, client_lang=client_lang
            )
            retry = views.RetryCard(
                interaction.user.id,
                "⚠️ " + self._input_error(t, error),
                t.gettext("Edit details"),
                lambda again: again.response.send_modal(CaseModal(self, t, typed, revisions=revisions)),
            )
            await respond(interaction, view=retry, ephemeral=True)
            return
        await acknowledge(interaction)
        kb = self.services.knowledge
        ladder = [(step.id, step.draft) for step in kb.archetypes[form.archetype].ladder]
        steps = rules.plan_steps(ladder)
        hours, prefs = await self.hours_of(form.guild_id, form.member_key)
        anchor = facts["due"] or today
        start = rules.starting_step(len(steps), anchor, today)
        now = self.now()
        first = rules.step_due_at(anchor, steps[start].day, hours, now) if steps else now
        case_id = await self.repo.open(
            NewCase(
                guild_id=form.guild_id,
                member_key=form.member_key,
                archetype=form.archetype,
                client_lang=client_lang,
                member_lang=t.lang,
                amount=facts["amount"],
                currency=facts["currency"],
                due_date=facts["due"],
                revisions_used=facts["revisions"],
                late_fee=late_fee,
                advice_ids=form.advice_ids,
            ),
            steps,
            start,
            first,
            now,
        )
        log.info("guild %s: a member opened a case (%s)", form.guild_id, form.archetype)
        self.expect_notice(form.guild_id, form.member_key, first)
        case = await self.repo.get(case_id)
        assert case is not None  # just stored
        notice = "📌 " + t.gettext("Parley will follow this up with you. Here is your case.")
        rows = views.case_rows(case.id, case.status, t)
        texts = [notice, self.case_text(t, case, hours)]
        if prefs is None:
            texts.append(
                "⏰ "
                + t.gettext(
                    "Tell Parley your time zone and working hours once, and whether it may remind you by DM. "
                    "Until then reminders come between 9:00 and 17:00 UTC, the next time you use Parley."
                )
            )
            rows.append([views.PrefsButton("hours", t)])
        await respond(interaction, view=views.CaseCard(*texts, rows=rows), ephemeral=True)

    def _parse_facts(
        self, t: Translations, amount: str, currency: str, due: str, revisions: str, today: dt.date
    ) -> dict[str, Any]:
        parsed_amount: Decimal | None = None
        code: str | None = None
        if amount:
            try:
                parsed_amount = parse_amount(amount, t.lang)
            except DraftInputError as error:
                raise error.with_field("amount") from None
            if parsed_amount <= 0:
                raise DraftInputError("amount", "invalid_amount")
            if not currency:
                raise NoCurrency()
        if currency:
            code = parse_currency(currency)
        due_date = None
        if due:
            try:
                due_date = parse_date(due, t.lang, today)
            except DraftInputError as error:
                raise error.with_field("due_date") from None
        used = None
        if revisions:
            try:
                used = parse_int(revisions)
            except DraftInputError:
                raise BadRevisions() from None
            if not 0 <= used <= 999:
                raise BadRevisions()
        return {"amount": parsed_amount, "currency": code, "due": due_date, "revisions": used}

    def _input_error(self, t: Translations, error: Exception) -> str:
        from parley.cogs.drafts.labels import input_error

        if isinstance(error, DraftInputError):
            return input_error(t, error, "payment_reminder", t.lang)
        assert isinstance(error, ParleyError)
        return error.translate(t)

    # ------------------------------------------------------------------------------------------------ cards

    def step_name(self, t: Translations, case: Case, position: int) -> str:
        """A ladder step's short name in the member's language ("Firmer reminder")."""
        kb = self.services.knowledge
        step = case.step(position)
        ladder = {s.id: s for s in kb.archetypes[case.archetype].ladder} if case.archetype in kb.archetypes else {}
        if step is None or step.step_id not in ladder:
            return str(position + 1)
        text = ladder[step.step_id].t(t.lang)
        head = text.split(":", 1)[0] if ":" in text[:80] else text.split(".", 1)[0]
        return head if len(head) <= 80 else head[:79].rstrip() + "…"

    def when(self, t: Translations, moment: dt.datetime, hours: rules.WorkingHours) -> str:
        """A moment on the member's clock, in their language, without seconds ("January 3, 2026, 9:00 AM")."""
        local = moment.astimezone(hours.zone)
        joined = str(Locale.parse(t.babel_locale).datetime_formats["medium"])  # "{1}, {0}": date, then time
        date_text = format_date(local, format="long", locale=t.babel_locale)
        return joined.replace("{1}", date_text).replace(
            "{0}", format_time(local, format="short", locale=t.babel_locale)
        )

    def day(self, t: Translations, moment: dt.datetime | dt.date, hours: rules.WorkingHours) -> str:
        """A day on the member's clock, spelled out."""
        value = moment.astimezone(hours.zone).date() if isinstance(moment, dt.datetime) else moment
        return long_date(value, t.lang)

    def case_text(self, t: Translations, case: Case, hours: rules.WorkingHours, *, upcoming: bool = True) -> str:
        """The case: its kind, the facts, the ladder with what was reminded and drafted when, and what is next."""
        kb = self.services.knowledge
        name = pick(kb.archetypes[case.archetype].name, t.lang) if case.archetype in kb.archetypes else case.archetype
        lines = ["### 📌 " + t.gettext("Case #{number}: {kind}", number=case.id, kind=name)]
        facts: list[str] = []
        if case.amount is not None and case.currency:
            shown = money(case.amount, case.currency, t.lang)
            if self.money_case(case.archetype):
                facts.append(t.gettext("Amount: {amount}", amount=shown))
            else:
                facts.append(t.gettext("Agreed total: {amount}", amount=shown))
        if case.due_date is not None:
            overdue = rules.days_overdue(case.due_date, self.now().date())
            due = self.day(t, case.due_date, hours)
            if overdue:
                facts.append(
                    t.ngettext(
                        "Due {date} ({count} day overdue)", "Due {date} ({count} days overdue)", overdue, date=due
                    )
                )
            else:
                facts.append(t.gettext("Due {date}", date=due))
        if case.late_fee:
            facts.append(t.gettext("late fee in the contract"))
        if case.revisions_used is not None:
            facts.append(t.ngettext("{count} revision used", "{count} revisions used", case.revisions_used))
        if facts:
            lines.append(" · ".join(facts))
        for step in case.steps:
            label = self.step_name(t, case, step.position)
            if step.sent_at:
                mark = "✅"
                state = t.gettext("drafted {date}", date=self.day(t, step.sent_at, hours))
            elif step.reminded_at:
                mark = "🔔"
                state = t.gettext("reminded {date}", date=self.day(t, step.reminded_at, hours))
            else:
                mark = "▫️"
                state = t.gettext("day {day}", day=step.day)
            lines.append(f"{mark} {step.position + 1}. {label} · {state}")
        if case.status == "paused":
            lines.append("⏸️ " + t.gettext("Paused: the client replied. No reminders until you resume."))
        elif case.status == "closed":
            lines.append("✅ " + t.gettext("Closed."))
        elif upcoming and case.next_due_at is not None and case.next_position is not None:
            lines.append(
                "⏭️ "
                + t.gettext(
                    "Next reminder: {when} ({step})",
                    when=self.when(t, case.next_due_at, hours),
                    step=self.step_name(t, case, case.next_position),
                )
            )
        return "\n".join(lines)

    def reminder_card(
        self, t: Translations, case: Case, position: int, hours: rules.WorkingHours, reminder_id: int | None
    ) -> views.CaseCard:
        """A reminder: "Day 14: time for the next step", the case, and Snooze / Client replied / Got paid / Draft."""
        step = case.step(position)
        day = step.day if step else 0
        headline = "🔔 " + t.gettext(
            "Day {day}: time for the next step, “{step}”. A draft is ready when you are.",
            day=day,
            step=self.step_name(t, case, position),
        )
        return views.CaseCard(
            headline,
            self.case_text(t, case, hours, upcoming=False),
            rows=views.case_rows(case.id, case.status, t, reminder_id=reminder_id),
        )

    # ---------------------------------------------------------------------------------------------- /case

    @case.command(name=locale_str("list"), description=locale_str("Your open cases and their next steps"))
    async def list_cases(self, interaction: discord.Interaction) -> None:
        """Show the member's open and paused cases, each with its next step and buttons."""
        guild_id, key = self._member(interaction)
        t = await self.translations(interaction)
        if guild_id == OUTSIDE_SERVERS:
            # In a DM the person sees all their cases: their DM ones and those they opened in the bot's servers.
            user_id = interaction.user.id
            owners = [(guild_id, key)] + [(g.id, self._owner_of(g.id, user_id)) for g in self.bot.guilds]
            cases = await self.repo.for_owners(owners, open_only=True)
        else:
            cases = await self.repo.for_member(guild_id, key, open_only=True)
        hours, prefs = await self.hours_of(guild_id, key)
        if not cases:
            text = "📭 " + t.gettext(
                "You have no open cases. Press “Follow this up for me” on a walkthrough result or a draft to open one."
            )
            await respond(interaction, view=views.CaseCard(text, rows=[[views.PrefsButton("hours", t)]]))
            return
        card = discord.ui.Container(accent_colour=views.ACCENT)
        for n, case in enumerate(cases[:LIST_LIMIT]):
            if n:
                card.add_item(discord.ui.Separator())
            card.add_item(discord.ui.TextDisplay(self.case_text(t, case, hours)))
            if case.guild_id != guild_id and (server := self.bot.get_guild(case.guild_id)) is not None:
                where_opened = t.gettext("Opened in the server {server}", server=isolate(user_text(server.name)))
                card.add_item(discord.ui.TextDisplay("-# " + where_opened))
            for row in views.case_rows(case.id, case.status, t, snooze=False):
                card.add_item(discord.ui.ActionRow(*row))
        more = len(cases) - LIST_LIMIT
        if more > 0:
            card.add_item(
                discord.ui.TextDisplay(
                    "-# " + t.ngettext("…and {count} more open case.", "…and {count} more open cases.", more)
                )
            )
        where = t.gettext("by DM") if prefs and prefs.dm_channel_id else t.gettext("when you next use Parley")
        card.add_item(
            discord.ui.TextDisplay(
                "-# ⏰ "
                + t.gettext(
                    "Reminders come {where}, {start}:00–{end}:00 ({zone}).",
                    where=where,
                    start=hours.start,
                    end=hours.end,
                    zone=hours.time_zone,
                )
            )
        )
        card.add_item(discord.ui.ActionRow(views.PrefsButton("hours", t)))
        view = discord.ui.LayoutView(timeout=None)
        view.add_item(card)
        await respond(interaction, view=view)

    @case.command(name=locale_str("hours"), description=locale_str("When and where Parley reminds you"))
    async def hours(self, interaction: discord.Interaction) -> None:
        """Ask for the time zone, working hours and DM consent."""
        await self.ask_prefs(interaction)

    async def ask_prefs(self, interaction: discord.Interaction) -> None:
        """Open the preferences form, prefilled with what the member said before."""
        guild_id, key = self._member(interaction)
        t = await self.translations(interaction)
        hours, prefs = await self.hours_of(guild_id, key)
        modal = PrefsModal(
            self,
            t,
            zone=hours.time_zone,
            hours=f"{hours.start}-{hours.end}",
            dms=bool(prefs and prefs.dm_channel_id),
        )
        await interaction.response.send_modal(modal)

    async def save_prefs(self, interaction: discord.Interaction, zone: str, hours_text: str, dms: bool) -> None:
        """Store the answers; with DMs allowed, the DM channel to remind in (never the member's id)."""
        guild_id, key = self._member(interaction)
        t = await self.translations(interaction)
        try:
            name = rules.parse_time_zone(zone)
            start, end = rules.parse_hours(hours_text)
        except rules.CaseInputError as error:
            await respond(
                interaction,
                view=views.CaseCard("⚠️ " + error.translate(t), rows=[[views.PrefsButton("hours", t)]]),
                ephemeral=True,
            )
            return
        await acknowledge(interaction)
        channel_id = None
        if dms:
            channel = await interaction.user.create_dm()
            channel_id = channel.id
        hours = rules.WorkingHours(name, start, end)
        await self.repo.save_prefs(guild_id, key, Prefs(hours, channel_id), self.now())
        where = t.gettext("by DM") if channel_id else t.gettext("when you next use Parley")
        text = "✅ " + t.gettext(
            "Saved. Reminders come {where}, {start}:00–{end}:00 ({zone}).",
            where=where,
            start=start,
            end=end,
            zone=name,
        )
        await respond(interaction, view=views.CaseCard(text), ephemeral=True)

    # --------------------------------------------------------------------------------------------- buttons

    async def act(self, interaction: discord.Interaction, case_id: int, action: str) -> None:
        """Client replied (pause), resolved (close and ask about the advice), resume, or draft the next step."""
        case, t = await self.owned(interaction, case_id)
        if action == "draft":
            await self.draft_next(interaction, case, t)
            return
        await acknowledge(interaction)
        now = self.now()
        hours, _ = await self.hours_of(case.guild_id, case.member_key)
        if action == "replied":
            await self.repo.pause(case.id, now)
            notice = "⏸️ " + t.gettext("Good news. Reminders are paused until you resume them.")
        elif action == "resume":
            position = self._upcoming(case)
            step = case.step(position)
            due = rules.step_due_at(case.anchor, step.day if step else 0, hours, now + MIN_GAP)
            await self.repo.reschedule(case.id, position, due, now)
            notice = "▶️ " + t.gettext("Reminders are back on.")
        else:
            await self.repo.close(case.id, now)
            fresh = await self.repo.get(case.id)
            assert fresh is not None
            text = "✅ " + t.gettext("Case closed. Well done for seeing it through.")
            rows: list[list[discord.ui.Item[Any]]] = []
            if fresh.advice_ids and fresh.outcome is None:
                text += "\n" + t.gettext("Did the advice you followed work? Your answer helps other members.")
                rows = [[views.OutcomeButton(v, case.id, t) for v in views.OUTCOMES]]
            await update(
                interaction,
                view=views.CaseCard(text, self.case_text(t, fresh, hours), rows=rows, accent=views.CLOSED_ACCENT),
            )
            return
        fresh = await self.repo.get(case.id)
        assert fresh is not None
        await update(
            interaction,
            view=views.CaseCard(
                notice, self.case_text(t, fresh, hours), rows=views.case_rows(fresh.id, fresh.status, t)
            ),
        )

    def _upcoming(self, case: Case) -> int:
        """The step a resumed case reminds next: the current one unless it was already reminded or drafted."""
        position = case.current_position
        step = case.step(position)
        if step is not None and (step.reminded_at or step.sent_at) and case.step(position + 1) is not None:
            return position + 1
        return position

    async def snooze(self, interaction: discord.Interaction, case_id: int, days: int) -> None:
        """Bring the reminder back in 1, 3 or 7 days, within the member's working hours."""
        case, t = await self.owned(interaction, case_id)
        if days not in rules.SNOOZE_DAYS:
            raise NotFound()
        await acknowledge(interaction)
        now = self.now()
        hours, _ = await self.hours_of(case.guild_id, case.member_key)
        until = rules.snooze_until(now, days, hours)
        await self.repo.reschedule(case.id, case.focus, until, now)
        fresh = await self.repo.get(case.id)
        assert fresh is not None
        notice = "😴 " + t.gettext("Snoozed. Parley will remind you again on {when}.", when=self.when(t, until, hours))
        await update(
            interaction,
            view=views.CaseCard(
                notice, self.case_text(t, fresh, hours), rows=views.case_rows(fresh.id, fresh.status, t)
            ),
        )

    async def draft_next(self, interaction: discord.Interaction, case: Case, t: Translations) -> None:
        """Open the draft form for the current step, prefilled from the case, in the client's language, with the
        tone the days overdue call for. The step counts as drafted (its date is quoted by later drafts)."""
        from parley.cogs.drafts.cog import Drafts
        from parley.cogs.drafts.values import neutral_amount

        drafts = loaded_cog(self.bot, Drafts)
        if drafts is None:
            raise NotFound()
        kb = self.services.knowledge
        position = case.focus
        step = case.step(position)
        kind = (step.draft_kind if step else None) or next(iter(kb.archetypes[case.archetype].drafts), None)
        if kind is None or kind not in DRAFT_SPECS:
            raise NotFound()
        fields = {f.id for f in DRAFT_SPECS[kind].fields}
        values: dict[str, str] = {"@case": f"{case.id}:{position}"}
        if case.amount is not None and "amount" in fields:
            values["amount"] = neutral_amount(case.amount, case.client_lang)
        if case.currency and "currency" in fields:
            values["currency"] = case.currency
        if case.due_date is not None and "due_date" in fields:
            values["due_date"] = case.due_date.isoformat()
        if case.revisions_used is not None and "revisions_included" in fields:
            values["revisions_included"] = str(case.revisions_used)
        tone = rules.tone_for(rules.days_overdue(case.due_date, self.now().date()))
        await drafts.open_for_case(
            interaction,
            guild_id=case.guild_id or None,  # a draft made outside servers has no guild (DraftsRepository)
            member_key=case.member_key,
            kind=kind,
            language=case.client_lang,
            tone=tone,
            values=values,
        )
        await self.repo.step_sent(case.id, position, self.now())

    async def record_outcome(self, interaction: discord.Interaction, case_id: int, value: str) -> None:
        """Did it work: one outcome vote on each advice item the case followed (never undoing an earlier one)."""
        case, t = await self.owned(interaction, case_id)
        await acknowledge(interaction)
        hours, _ = await self.hours_of(case.guild_id, case.member_key)
        if value == "skip":
            text = "✅ " + t.gettext("Case closed.")
        else:
            if await self.repo.set_outcome(case.id, value, self.now()):
                await self._vote_outcome(interaction, case, value)
            text = "🙏 " + t.gettext("Thank you. Your answer now counts in the advice rankings.")
        fresh = await self.repo.get(case.id) or case
        await update(
            interaction, view=views.CaseCard(text, self.case_text(t, fresh, hours), accent=views.CLOSED_ACCENT)
        )

    async def _vote_outcome(self, interaction: discord.Interaction, case: Case, value: str) -> None:
        if case.guild_id == OUTSIDE_SERVERS:
            return  # advice votes belong to a server's community (a DM card has no vote buttons to record)
        member = Member(
            case.guild_id, interaction.user.id, case.member_key, getattr(interaction.user, "joined_at", None)
        )
        voting = Voting(self.services)
        mine = await VotesRepository(self.services.db).mine(case.guild_id, case.member_key, "advice", case.advice_ids)
        for item_id in case.advice_ids:
            if mine.get(item_id) is not None and mine[item_id].outcome == value:
                continue  # pressing it again would undo it
            try:
                await voting.cast(member, "advice", item_id, value)
            except ParleyError:
                log.info("guild %s: an outcome vote was not counted (advice gone or member too new)", case.guild_id)

    # ------------------------------------------------------------------------------------------ reminders

    @tasks.loop(minutes=REMIND_EVERY_MINUTES)
    async def reminders(self) -> None:
        """Every minute: deliver the reminders that came due."""
        if self.reminders.current_loop == 0:
            return  # not at start-up: a (re)starting process delivers a minute later, calmly
        try:
            async with self._running:
                self._notices = await self.repo.notice_due_times()
                await self.deliver_due(self.now())
        except Exception:  # the loop must survive a bad run; the next one retries
            log.exception("delivering case reminders failed; it runs again in a minute")

    @reminders.before_loop
    async def _wait_until_ready(self) -> None:
        await self.bot.wait_until_ready()

    @commands.Cog.listener()
    async def on_parley_clock_advanced(self) -> None:
        """A fake clock jumped (the offline Discord's `advance`): deliver what came due."""
        async with self._running:
            await self.deliver_due(self.now())
            self._notices = await self.repo.notice_due_times()

    async def deliver_due(self, now: dt.datetime) -> int:
        """Claim due reminders of members who allowed DMs and deliver each once; return how many went out.

        One process at a time runs this (the job lease); each reminder is also claimed with a token, so even a
        process whose lease ran out cannot deliver a reminder another one claimed.
        """
        async with self.services.db.exclusive_job("cases:remind", lease_s=60) as job:
            if not job.acquired:
                return 0
            sent = 0
            for claimed in await self.repo.claim_due(now):
                if job.lost:
                    break
                sent += await self.deliver(claimed, now)
            return sent

    async def deliver(self, claimed: ClaimedReminder, now: dt.datetime) -> int:
        """Send one claimed reminder by DM (unless an earlier attempt did), then mark it; 1 when it went out."""
        case = await self.repo.get(claimed.case_id)
        if case is None or claimed.dm_channel_id is None:
            return 0
        hours, _ = await self.hours_of(case.guild_id, case.member_key)
        slot = hours.next_slot(now)
        if slot > now:  # outside the member's hours (their hours changed since it was scheduled): later
            await self.repo.postpone(claimed.id, claimed.token, slot)
            return 0
        channel = self.bot.get_partial_messageable(claimed.dm_channel_id, type=discord.ChannelType.private)
        following = self._following(case, claimed.position, hours, now)
        if claimed.attempts and await self._already_delivered(channel, case.id, claimed.id):
            # A process sent it and stopped before marking it: mark it now, never send it twice.
            await self.repo.mark_sent(claimed.id, claimed.token, "dm", now, following)
            log.info("guild %s: a case reminder was already delivered; marked without resending", case.guild_id)
            return 0
        lang = await self.services.language_for(case.guild_id, case.member_key, case.member_lang)
        t = self.services.t(lang)
        card = self.reminder_card(t, case, claimed.position, hours, claimed.id)
        try:
            await channel.send(view=card, allowed_mentions=NO_PINGS)
        except discord.Forbidden:
            # The member closed their DMs: remind them in Parley instead, from now on.
            await self.repo.save_prefs(case.guild_id, case.member_key, Prefs(hours, None), now)
            await self.repo.release(claimed.id, claimed.token)
            self.expect_notice(case.guild_id, case.member_key, now)
            log.info("guild %s: a member's DMs are closed; reminders switch to notices", case.guild_id)
            return 0
        except discord.HTTPException as error:
            await self.repo.release(claimed.id, claimed.token)
            log.warning("guild %s: a case reminder could not be sent (HTTP %s); retrying", case.guild_id, error.status)
            return 0
        await self.repo.mark_sent(claimed.id, claimed.token, "dm", now, following)
        return 1

    def expect_notice(self, guild_id: int, member_key: str, due: dt.datetime) -> None:
        """Remember that a member may have a notice due at `due` (the loop's next read corrects it)."""
        known = self._notices.get((guild_id, member_key))
        self._notices[(guild_id, member_key)] = due if known is None else min(known, due)

    def _following(
        self, case: Case, position: int, hours: rules.WorkingHours, now: dt.datetime
    ) -> tuple[int, dt.datetime] | None:
        """The next step's reminder after this one: its ladder day, at least a day later, in working hours."""
        step = case.step(position + 1)
        if step is None:
            return None
        return position + 1, rules.step_due_at(case.anchor, step.day, hours, now + MIN_GAP)

    @staticmethod
    async def _already_delivered(channel: discord.PartialMessageable, case_id: int, reminder_id: int) -> bool:
        """Whether the DM channel already holds this reminder (its delivery key in a button id)."""
        key = views.delivery_key(case_id, reminder_id)
        async for message in channel.history(limit=HISTORY_LOOKBACK):
            if any(custom_id.endswith(key) for custom_id in custom_ids(message)):
                return True
        return False

    @commands.Cog.listener()
    async def on_app_command_completion(self, interaction: discord.Interaction, command: Any) -> None:
        """A member without DMs gets their due reminders as a private notice after their next Parley command."""
        if interaction.response.type is discord.InteractionResponseType.modal:
            return
        guild_id, key = self._member(interaction)
        now = self.now()
        due = self._notices.get((guild_id, key))
        if due is None or due > now:
            return  # nothing due for this member: no database work at all
        taken = await self.repo.take_notices(guild_id, key, now)
        self._notices.pop((guild_id, key), None)
        if not taken:
            return
        t = await self.translations(interaction)
        hours, _ = await self.hours_of(guild_id, key)
        for reminder_id, case_id, position in taken:
            case = await self.repo.get(case_id)
            if case is None:
                continue
            following = self._following(case, position, hours, now)
            await self.repo.mark_sent(reminder_id, None, "notice", now, following)
            if following is not None:
                self.expect_notice(guild_id, key, following[1])
            fresh = await self.repo.get(case_id) or case
            try:
                await interaction.followup.send(
                    view=self.reminder_card(t, fresh, position, hours, None), ephemeral=True, allowed_mentions=NO_PINGS
                )
            except discord.HTTPException:
                log.warning("guild %s: a case notice could not be shown", guild_id)
