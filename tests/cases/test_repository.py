"""The cases repository on both backends (SQLite always; PostgreSQL when PARLEY_TEST_POSTGRES_URL is set): a case
with its ladder, claim -> mark with tokens, a lost claim taken over, notices taken once, snooze, pause, close,
outcome once, export, forget and retention."""

from __future__ import annotations

import asyncio
import datetime as dt
from decimal import Decimal

from parley.database.repositories.cases import CasesRepository, NewCase, Prefs
from parley.domain.cases import WorkingHours, plan_steps

G = 7001
BOB, ANN = "b" * 32, "a" * 32
NOW = dt.datetime(2026, 2, 1, 12, tzinfo=dt.UTC)
LADDER = [("friendly", "payment_reminder"), ("firm", "payment_reminder"), ("final_notice", None)]


async def open_case(repo: CasesRepository, key: str, due: dt.datetime = NOW) -> int:
    case = NewCase(G, key, "non_payer", "fi", "en", Decimal("1200.50"), "EUR", dt.date(2026, 1, 20), None, True)
    return await repo.open(case, plan_steps(LADDER), 0, due, NOW)


async def test_a_case_round_trips_with_its_ladder(any_db):
    repo = CasesRepository(any_db)
    case_id = await open_case(repo, BOB)
    case = await repo.get(case_id)
    assert case is not None and case.amount == Decimal("1200.50") and case.currency == "EUR"
    assert case.late_fee and case.client_lang == "fi" and case.member_lang == "en" and case.status == "open"
    assert [(s.step_id, s.day) for s in case.steps] == [("friendly", 1), ("firm", 14), ("final_notice", 21)]
    assert case.next_due_at == NOW and case.next_position == 0 and case.anchor == dt.date(2026, 1, 20)
    assert [c.id for c in await repo.for_member(G, BOB)] == [case_id] and await repo.for_member(G, ANN) == []


async def test_claim_send_mark_exactly_once_and_a_lost_claim_is_taken_over(any_db):
    repo = CasesRepository(any_db)
    await repo.save_prefs(G, BOB, Prefs(WorkingHours("Europe/Helsinki", 9, 17), 555), NOW)
    case_id = await open_case(repo, BOB)
    await open_case(repo, ANN)  # no DM channel: never claimed, it waits for a notice
    first, second = await asyncio.gather(repo.claim_due(NOW), repo.claim_due(NOW))
    claimed = first + second
    assert len(claimed) == 1 and claimed[0].dm_channel_id == 555 and claimed[0].attempts == 0
    assert await repo.claim_due(NOW + dt.timedelta(seconds=30)) == []
    (again,) = await repo.claim_due(NOW + dt.timedelta(minutes=5))  # the holder died: taken over
    assert again.attempts == 1 and again.token != claimed[0].token
    assert not await repo.mark_sent(claimed[0].id, claimed[0].token, "dm", NOW, None)
    nxt = NOW + dt.timedelta(days=13)
    assert await repo.mark_sent(again.id, again.token, "dm", NOW, (1, nxt))
    case = await repo.get(case_id)
    assert case is not None and case.steps[0].reminded_at == NOW and (case.next_position, case.next_due_at) == (1, nxt)
    assert await repo.reminder_states(case_id) == [(0, "sent", "dm"), (1, "pending", None)]


async def test_notices_are_taken_once(any_db):
    repo = CasesRepository(any_db)
    case_id = await open_case(repo, ANN)
    one, two = await asyncio.gather(repo.take_notices(G, ANN, NOW), repo.take_notices(G, ANN, NOW))
    assert len(one + two) == 1 and (one + two)[0][1:] == (case_id, 0)
    assert await repo.take_notices(G, ANN, NOW) == []


async def test_snooze_pause_close_and_the_outcome_once(any_db):
    repo = CasesRepository(any_db)
    case_id = await open_case(repo, BOB)
    later = NOW + dt.timedelta(days=3)
    assert await repo.reschedule(case_id, 0, later, NOW)
    assert await repo.reminder_states(case_id) == [(0, "cancelled", None), (0, "pending", None)]
    assert await repo.pause(case_id, NOW)
    paused = await repo.get(case_id)
    assert paused is not None and paused.status == "paused" and paused.next_due_at is None
    assert not await repo.set_outcome(case_id, "worked", NOW)  # not closed yet
    assert await repo.close(case_id, NOW) and not await repo.close(case_id, NOW)
    assert not await repo.reschedule(case_id, 1, later, NOW)  # a closed case stays closed
    assert await repo.set_outcome(case_id, "worked", NOW) and not await repo.set_outcome(case_id, "failed", NOW)


async def test_export_forget_and_retention(any_db):
    repo = CasesRepository(any_db)
    await repo.save_prefs(G, BOB, Prefs(WorkingHours("Asia/Dubai", 8, 16), 555), NOW)
    bob_case = await open_case(repo, BOB)
    await repo.step_sent(bob_case, 0, NOW)
    ann_case = await open_case(repo, ANN)
    exported = await repo.export_member(G, BOB)
    assert exported[0]["steps"][0] == {"step": "friendly", "reminded_at": None, "drafted_at": "2026-02-01T12:00:00Z"}
    assert exported[1] == {
        "reminder_preferences": {"time_zone": "Asia/Dubai", "working_hours": "8-16", "direct_messages": True}
    }
    assert await repo.forget_member(G, BOB) == 1
    assert await repo.get(bob_case) is None and await repo.prefs(G, BOB) is None
    assert await repo.get(ann_case) is not None
    await repo.close(ann_case, NOW)
    assert await repo.purge(NOW - dt.timedelta(days=1), NOW - dt.timedelta(days=90)) == 0
    assert await repo.purge(NOW + dt.timedelta(seconds=1), NOW - dt.timedelta(days=90)) == 1
    assert await any_db.fetchval("SELECT COUNT(*) FROM case_steps") == 0
    assert await any_db.fetchval("SELECT COUNT(*) FROM case_reminders") == 0
