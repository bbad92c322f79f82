"""Cases outside servers, end to end through the offline Discord in four languages: in a DM through a user install,
a result card's "Follow this up for me" opens a case that belongs to the person (their own key, no server);
/case hours and /case list work there (the list shows their server cases too), the reminder arrives in the DM
within their working hours, Got paid closes it; nobody else can act on it, and forgetting the person erases it."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from parley.cogs._shared.runtime import services_for
from parley.cogs.cases.cog import Cases
from parley.database.repositories.cases import OUTSIDE_SERVERS, CasesRepository
from parley.domain.errors import NotYours
from parley.replay import ReplaySession

from .test_replay import EMPTY, LANGS, result_card, t_of


async def dm_result_card(s: ReplaySession, member: str) -> None:
    await s.command(member, "situation", in_="dm", install="user", step_by_step=True)
    await s.select(member, ["not_paying"], index=0)
    await s.click(member, "📬")
    await s.select(member, ["none"], index=0)
    await s.click(member, "🤔")


async def open_from_card(s: ReplaySession, member: str, t, lang: str, amount: str, due: str) -> None:
    await s.click(member, "📌")
    await s.submit(
        member,
        {
            t.gettext("Amount owed"): amount,
            t.gettext("Currency"): "EUR",
            t.gettext("Due date"): due,
            t.gettext("The language your client reads"): [lang],
        },
    )


def reminders_in_dm(s: ReplaySession, member: str):
    return [m for m in s.messages_for(member, f"dm:{member}") if not m.ephemeral and m.text.startswith("🔔")]


@pytest.mark.parametrize("lang", sorted(LANGS))
async def test_a_case_in_a_dm_from_result_card_to_got_paid(parley, clock, lang):
    member, amount, due, _ = LANGS[lang]
    s: ReplaySession = parley
    t = t_of(s, lang)
    services = services_for(s.bot)
    user_id = s.fake.member(member).user.id
    person_key = services.identity.user_key(user_id)
    if lang == "ar":  # Arabic by choice, in the server and (the person's own) in the DM
        await s.command(member, "language")
        await s.select(member, ["ar"], placeholder="language")
        await s.command(member, "language", in_="dm")
        await s.select(member, ["ar"], index=0)

    # A case opened in the server first, then one in the DM through the user install.
    await result_card(s, member)
    await open_from_card(s, member, t, lang, amount, due)
    await dm_result_card(s, member)
    card = s.last_message(member)
    assert card.channel == f"dm:{member}"
    assert any(t.gettext("Follow this up for me") in b.text for b in card.buttons)
    await open_from_card(s, member, t, lang, "300", due)
    case_card = s.last_message(member)
    assert case_card.channel == f"dm:{member}" and case_card.ephemeral and case_card.allowed_mentions == EMPTY
    assert t.gettext("Case #{number}: {kind}", number=2, kind="").strip() in case_card.text
    cases = CasesRepository(services.db)
    (dm_case,) = await cases.for_member(OUTSIDE_SERVERS, person_key)
    assert dm_case.id == 2 and str(dm_case.amount) == "300" and dm_case.member_lang == lang
    assert dm_case.advice_ids == ()  # a DM card has no vote buttons: nothing to record an outcome on

    # /case hours in the DM: the person's own preferences (New York, 9-17, by DM).
    asked = await s.command(member, "case hours", in_="dm")
    assert asked.modal is not None
    await s.submit(
        member,
        {
            t.gettext("Your time zone"): "america/new_york",
            t.gettext("Your working hours"): "9-17",
            t.gettext("Reminders by DM?"): ["yes"],
        },
    )
    assert "America/New_York" in s.last_message(member).text
    prefs = await cases.prefs(OUTSIDE_SERVERS, person_key)
    assert prefs is not None and prefs.dm_channel_id is not None
    guild_id = s.fake.world.guild.id
    assert await cases.prefs(guild_id, services.identity.member_key(guild_id, user_id)) is None

    # /case list in the DM: the DM case and the server case, the server named (isolated).
    listed = await s.command(member, "case list", in_="dm")
    shown = next(m for m in listed.visible if m.text.startswith("### 📌"))
    assert shown.ephemeral and shown.allowed_mentions == EMPTY
    for number in (1, 2):
        assert t.gettext("Case #{number}: {kind}", number=number, kind="").strip() in shown.text
    server = t.gettext("Opened in the server {server}", server="\u2068" + s.fake.world.guild.name + "\u2069")
    assert shown.text.count(server) == 1
    # ...and in the server only the server case.
    in_server = await s.command(member, "case list")
    here = next(m for m in in_server.visible if m.text.startswith("### 📌"))
    assert t.gettext("Case #{number}: {kind}", number=2, kind="").strip() not in here.text

    # 12:00 UTC is 7:00 in New York: the DM case's reminder waits for 9:00 (14:00 UTC) and arrives in the DM.
    await s.advance(3600)
    assert reminders_in_dm(s, member) == []
    await s.advance(3600)
    (reminder,) = reminders_in_dm(s, member)
    assert reminder.allowed_mentions == EMPTY and reminder.pings == ()
    assert clock.now().hour == 14
    assert t.gettext("Case #{number}: {kind}", number=2, kind="").strip() in reminder.text

    # Nobody else can act on it: the case is keyed by the person, not by whoever presses.
    cog = s.bot.get_cog(Cases.__cog_name__)
    other = s.fake.member("alice" if member != "alice" else "bob").user.id
    with pytest.raises(NotYours):
        await cog.owned(SimpleNamespace(user=SimpleNamespace(id=other), locale="en-US"), dm_case.id)
    owned, _ = await cog.owned(SimpleNamespace(user=SimpleNamespace(id=user_id), locale="en-US"), dm_case.id)
    assert owned.id == dm_case.id

    # Got paid, in the DM (the reminder card becomes the closed case); nothing more arrives afterwards.
    delivered = len([m for m in s.messages_for(member, f"dm:{member}") if not m.ephemeral])
    closed = await s.click(member, "✅", in_=f"dm:{member}")
    assert t.gettext("Case closed. Well done for seeing it through.") in closed.message.text
    (dm_case,) = await cases.for_member(OUTSIDE_SERVERS, person_key)
    assert dm_case.status == "closed" and dm_case.closed_at is not None
    await s.advance(30 * 86400)
    assert len([m for m in s.messages_for(member, f"dm:{member}") if not m.ephemeral]) == delivered
    assert s.violations == []


async def test_forgetting_the_person_erases_their_dm_cases_and_retention_purges_them(parley, clock):
    s: ReplaySession = parley
    services = services_for(s.bot)
    person_key = services.identity.user_key(s.fake.member("bob").user.id)
    cases = CasesRepository(services.db)
    await dm_result_card(s, "bob")
    await open_from_card(s, "bob", t_of(s, "en"), "en", "300", "Dec 20, 2025")
    await s.command("bob", "case hours", in_="dm")
    await s.submit("bob", {"Your time zone": "UTC", "Your working hours": "9-17", "Reminders by DM?": ["no"]})
    assert len(await cases.for_member(OUTSIDE_SERVERS, person_key)) == 1
    # Retention: an open case untouched for long goes like any other case.
    now = clock.now()
    assert await cases.purge(now - dt.timedelta(days=1), now - dt.timedelta(days=1)) == 0
    assert await cases.purge(now + dt.timedelta(days=1), now + dt.timedelta(days=1)) == 1
    # Forgetting in a server erases what the person left in DMs too: a new DM case and their DM preferences.
    await dm_result_card(s, "bob")
    await open_from_card(s, "bob", t_of(s, "en"), "en", "300", "Dec 20, 2025")
    assert len(await cases.for_member(OUTSIDE_SERVERS, person_key)) == 1
    await s.command("bob", "situation", step_by_step=True)  # something in the server too
    await s.command("bob", "privacy forget")
    await s.click("bob", "Erase")
    assert await cases.for_member(OUTSIDE_SERVERS, person_key) == []
    assert await cases.prefs(OUTSIDE_SERVERS, person_key) is None


async def test_follow_up_on_a_draft_made_in_a_dm_prefills_the_persons_case(parley):
    s: ReplaySession = parley
    services = services_for(s.bot)
    person_key = services.identity.user_key(s.fake.member("bob").user.id)
    step = await s.command("bob", "draft", in_="dm", install="user", kind="payment_reminder")
    typed = {"client_name": "Acme", "amount": "1200", "currency": "EUR", "due_date": "2025-12-01"}
    await s.submit("bob", {f.label: typed[f.custom_id] for f in step.modal.fields if f.custom_id in typed})
    form = (await s.click("bob", "📌", in_="dm:bob")).modal
    assert form is not None
    prefilled = {f.label: f.value for f in form.fields if f.kind == "text_input"}
    assert prefilled["Amount owed"] == "1200" and prefilled["Currency"] == "EUR"
    await s.submit("bob", {"The language your client reads": ["en"]})
    (case,) = await CasesRepository(services.db).for_member(OUTSIDE_SERVERS, person_key)
    assert case.archetype == "non_payer" and case.due_date == dt.date(2025, 12, 1)
    assert "📌" in s.last_message("bob", "dm:bob").text
    # The case's next step is drafted in the DM too: a draft of the person's own (no server), prefilled.
    await s.command("bob", "case list", in_="dm")
    drafted = await s.click("bob", "✉️", in_="dm:bob")
    assert drafted.modal is not None
    assert {f.custom_id: f.value for f in drafted.modal.fields}["currency"] == "EUR"
    draft = (await s.submit("bob", {"Client's name": "Acme"})).message
    assert draft.ephemeral and "Acme" in draft.text
    assert s.violations == []
