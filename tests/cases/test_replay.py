"""Cases end to end through the offline Discord, in four languages: open a case from a result card, advance the
clock, the reminder arrives by DM in the member's working hours, Snooze, Client replied, Resume, Draft the next step
(prefilled, the earlier step quoted), Got paid, did it work; /case list; forget removes the case."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.cogs._shared.runtime import services_for
from parley.database.repositories.cases import CasesRepository
from parley.database.repositories.votes import VotesRepository
from parley.replay import ReplaySession

EMPTY = {"parse": []}
# Per language: the member, the walkthrough answers that lead to the non-payer, the due date as they type it, the
# words the draft must contain (facts quoted, days overdue, late fee).
LANGS = {
    "en": (
        "bob",
        "1,200",
        "Dec 20, 2025",
        ["As I wrote on January 1, 2026", "17 days past its due date", "late-payment"],
    ),
    "fi": (
        "alice",
        "1 200",
        "20.12.2025",
        ["Kuten kirjoitin 1. tammikuuta 2026", "kulunut 17 päivää", "viivästysmaksu"],
    ),
    "ru": (
        "ivan",
        "1 200",
        "20.12.2025",
        ["в моём письме от 1 января 2026", "Просрочка составляет 17 дней", "неустойка"],
    ),
    "ar": ("layla", "1200", "2025-12-20", ["كما ذكرتُ في رسالتي بتاريخ 1 يناير 2026", "17 يومًا", "غرامة التأخير"]),
}


def t_of(session: ReplaySession, lang: str):
    return services_for(session.bot).t(lang)


async def result_card(session: ReplaySession, member: str) -> None:
    await session.command(member, "situation", step_by_step=True)
    await session.select(member, ["not_paying"], index=0)
    await session.click(member, "📬")
    await session.select(member, ["none"], index=0)
    await session.click(member, "🤔")


def dms(session: ReplaySession, member: str):
    """The reminders Parley sent the member by DM (their private replies in the DM left out)."""
    return [m for m in session.messages_for(member, f"dm:{member}") if not m.ephemeral]


@pytest.mark.parametrize("lang", sorted(LANGS))
async def test_a_case_from_result_card_to_got_paid(parley, clock, lang):
    member, amount, due, expected = LANGS[lang]
    s: ReplaySession = parley
    t = t_of(s, lang)
    if lang == "ar":
        await s.command(member, "language")
        await s.select(member, ["ar"], placeholder="language")
    # 2026-01-01 12:00 UTC: the invoice has been due since 20 December (12 days).
    await result_card(s, member)
    card = s.last_message(member)
    assert any("📌" in b.text and t.gettext("Follow this up for me") in b.text for b in card.buttons), card.text
    opened = await s.click(member, "📌")
    form = opened.modal
    assert form is not None and form.title == t.gettext("Follow this up for me")
    step = await s.submit(
        member,
        {
            t.gettext("Amount owed"): amount,
            t.gettext("Currency"): "EUR",
            t.gettext("Due date"): due,
            t.gettext("Late fee"): ["yes"],
            t.gettext("The language your client reads"): [lang],
        },
    )
    case_card = step.message
    assert case_card.ephemeral and case_card.allowed_mentions == EMPTY
    assert t.gettext("Case #{number}: {kind}", number=1, kind="").strip() in case_card.text
    cases = CasesRepository(services_for(s.bot).db)
    (case,) = await cases.for_member(*(await _key(s, member)))
    assert case.amount is not None and str(case.amount) == "1200" and case.currency == "EUR"
    assert case.due_date == dt.date(2025, 12, 20) and case.late_fee and case.client_lang == lang
    assert case.advice_ids, "the advice shown on the result card is remembered for the outcome votes"

    # Reminders by DM, 9-17 in New York (12:00 UTC is 7:00 there: not yet).
    await s.click(member, "⏰")
    await s.submit(
        member,
        {
            t.gettext("Your time zone"): "america/new_york",
            t.gettext("Your working hours"): "9-17",
            t.gettext("Reminders by DM?"): ["yes"],
        },
    )
    assert "America/New_York" in s.last_message(member).text
    await s.advance(3600)  # 13:00 UTC = 8:00 in New York
    assert dms(s, member) == []
    await s.advance(3600)  # 14:00 UTC = 9:00 in New York: the friendly reminder arrives
    (reminder,) = dms(s, member)
    assert reminder.allowed_mentions == EMPTY and reminder.pings == ()
    headline = t.gettext("Day {day}: time for the next step, “{step}”. A draft is ready when you are.", day=1, step="@")
    assert headline.split("@")[0].rstrip("\u2068") in reminder.text
    assert clock.now().hour == 14

    # Draft the friendly step now (it counts as drafted today, 1 January).
    drafted = await s.click(member, "✉️", in_=f"dm:{member}")
    assert drafted.modal is not None
    prefilled = {f.custom_id: f.value for f in drafted.modal.fields}
    assert prefilled["currency"] == "EUR" and prefilled["due_date"] == "2025-12-20"
    draft = (await s.submit(member, {t.gettext("Client's name"): "Dana"})).message
    assert "Dana" in draft.text

    # Snooze three days; then the client replies (pause) and nothing arrives while paused.
    snoozed = await s.select(member, ["3"], placeholder=t.gettext("Snooze…"), in_=f"dm:{member}")
    assert "😴" in snoozed.message.text and snoozed.message.event == "edited"
    paused = await s.click(member, "⏸️", in_=f"dm:{member}")
    assert "⏸️" in paused.message.text
    await s.advance(4 * 86400)  # 5 January
    assert len(dms(s, member)) == 1
    # Resume: the firm step (day 14 = 3 January) is due at once, at the next 9:00 in New York.
    await s.click(member, "▶️", in_=f"dm:{member}")
    await s.advance(86400)  # 6 January 14:00 UTC
    reminders = dms(s, member)
    assert len(reminders) == 2
    # Draft the next step: 17 days overdue on 6 January, so the firm tone; the friendly step of 1 January quoted.
    drafted = await s.click(member, "✉️", in_=f"dm:{member}")
    draft = (await s.submit(member, {t.gettext("Client's name"): "Dana"})).message
    assert draft.ephemeral and draft.allowed_mentions == EMPTY
    assert t.gettext("Firm") in draft.text  # 17 days overdue: the firm tone
    for words in expected:
        assert words in draft.text, (words, draft.text)

    # Got paid: closed, and the advice it followed gets an outcome vote.
    closed = await s.click(member, "✅", in_=f"dm:{member}")
    assert "👍" in " ".join(b.text for b in closed.message.buttons)
    await s.click(member, "👍", in_=f"dm:{member}")
    (case,) = await cases.for_member(*(await _key(s, member)))
    assert case.status == "closed" and case.outcome == "worked"
    tallies = await VotesRepository(services_for(s.bot).db).tallies(case.guild_id, "advice", case.advice_ids)
    assert all(tally.count("worked") == 1 for tally in tallies.values())
    # Nothing more arrives for a closed case.
    await s.advance(30 * 86400)
    assert len(dms(s, member)) == 2


async def _key(s: ReplaySession, member: str) -> tuple[int, str]:
    services = services_for(s.bot)
    guild_id = s.fake.world.guild.id
    user_id = s.fake.member(member).user.id
    return guild_id, services.identity.member_key(guild_id, user_id)


async def test_three_tones_side_by_side_then_pick_one(parley):
    s: ReplaySession = parley
    await s.command("alice", "draft", kind="payment_reminder")
    await s.submit(
        "alice",
        {"Asiakkaan nimi": "Pekka", "Summa": "1 200", "Valuutta": "EUR", "Eräpäivä": "1.12.2025"},
    )
    compared = (await s.click("alice", "🔀")).message
    assert compared.ephemeral and compared.flags & (1 << 15)
    sections = [c for c in compared.raw["components"][0]["components"] if c["type"] == 9]
    assert len(sections) == 3  # friendly, firm, final: a section each, its tone button beside it
    for name in ("Ystävällinen", "Jämäkkä", "Viimeinen muistutus"):
        assert f"**{name}" in compared.text or name in compared.text
    assert compared.text.count("```") == 6 and compared.text.count("Pekka") >= 3
    assert len(compared.text) <= 4000
    picked = (await s.click("alice", "Jämäkkä")).message
    assert picked.event == "edited" and "Jämäkkä" in picked.text and picked.text.count("```") == 2


async def test_a_mistake_in_the_case_form_is_explained_and_nothing_is_lost(parley):
    s: ReplaySession = parley
    await result_card(s, "ivan")
    await s.click("ivan", "📌")
    t = t_of(s, "ru")
    typed = {t.gettext("Amount owed"): "много", t.gettext("Currency"): "EUR", t.gettext("Due date"): "20.12.2025"}
    step = await s.submit("ivan", {**typed, t.gettext("The language your client reads"): ["ru"]})
    card = step.message
    assert card.ephemeral and card.text.startswith("⚠️") and "1 200,50" in card.text  # how to write it, in Russian
    reopened = (await s.click("ivan", "✏️")).modal
    assert reopened is not None
    assert {f.label: f.value for f in reopened.fields if f.kind == "text_input"} == typed
    fixed = await s.submit(
        "ivan", {t.gettext("Amount owed"): "1 200", t.gettext("The language your client reads"): ["ru"]}
    )
    assert "📌" in fixed.message.text
    (case,) = await CasesRepository(services_for(s.bot).db).for_member(*(await _key(s, "ivan")))
    assert case.amount == 1200 and case.due_date == dt.date(2025, 12, 20)


async def test_case_list_shows_open_cases_with_their_next_step(parley):
    s: ReplaySession = parley
    empty = (await s.command("bob", "case list")).message
    assert empty.text.startswith("📭") and empty.ephemeral
    await result_card(s, "bob")
    await s.click("bob", "📌")
    await s.submit(
        "bob",
        {"Amount owed": "300", "Currency": "USD", "Due date": "Dec 30, 2025", "The language your client reads": ["en"]},
    )
    first = await s.command("bob", "case list")
    listed = next(m for m in first.visible if m.text.startswith("### 📌"))
    assert "Case #1: " in listed.text and "Amount: $300.00" in listed.text and "Due December 30, 2025" in listed.text
    assert "Next reminder: January 1, 2026, 12:00\u202fPM" in listed.text  # default hours 9-17 UTC, until bob says
    assert [b.text for b in listed.buttons] == [
        "✉️ Draft the next step",
        "⏸️ Client replied",
        "✅ Got paid / Resolved",
        "⏰ Reminder hours and DMs",
    ]
    # Without DMs, the due reminder comes as a private notice after bob's command, once.
    notices = [m for m in first.visible if m.text.startswith("🔔")]
    assert len(notices) == 1 and notices[0].ephemeral and "Day 1" in notices[0].text
    again = await s.command("bob", "case list")
    assert not [m for m in again.visible if m.text.startswith("🔔")]
