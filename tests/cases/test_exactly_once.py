"""Each reminder is delivered exactly once: a process that dies between sending and marking, and two processes on
one database delivering at the same moment, never make a member get the same reminder twice."""

from __future__ import annotations

import asyncio
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from parley.cogs._shared.runtime import services_for
from parley.database.repositories.cases import CasesRepository, NewCase, Prefs
from parley.domain.cases import WorkingHours, plan_steps
from parley.replay import ReplaySession
from tests.conftest import STANDARD_GUILD, STANDARD_MEMBERS

LADDER = [("friendly", "payment_reminder"), ("firm", "payment_reminder"), ("final_notice", "payment_reminder")]


async def open_due_case(s: ReplaySession, member: str, *, dm: bool = True) -> int:
    """A non-payer case of `member` whose first reminder is due now; reminders any hour, by DM when `dm`."""
    services = services_for(s.bot)
    guild_id = s.fake.world.guild.id
    user_id = s.fake.member(member).user.id
    key = services.identity.member_key(guild_id, user_id)
    now = services.clock.now()
    repo = CasesRepository(services.db)
    channel = s.fake.world.dm_channel(user_id).id if dm else None
    await repo.save_prefs(guild_id, key, Prefs(WorkingHours("UTC", 0, 24), channel), now)
    case = NewCase(guild_id, key, "non_payer", "en", "en", Decimal("900"), "EUR", now.date() - dt.timedelta(days=2))
    return await repo.open(case, plan_steps(LADDER), 0, now, now)


def quiet(*clients: Any) -> None:
    """Stop the once-a-minute loops: the test drives delivery itself, at moments it chooses."""
    for client in clients:
        client.get_cog("Cases").reminders.cancel()


def reminders_to(s: ReplaySession, member: str) -> list[Any]:
    return [m for m in s.messages_for(member, f"dm:{member}") if not m.ephemeral]


async def test_a_crash_between_send_and_mark_never_sends_twice(parley, clock, monkeypatch):
    s: ReplaySession = parley
    quiet(s.bot)
    case_id = await open_due_case(s, "bob")
    cog = s.bot.get_cog("Cases")
    real_mark = CasesRepository.mark_sent

    async def crash(*args: Any, **kwargs: Any) -> bool:
        raise RuntimeError("the process died here")

    monkeypatch.setattr(CasesRepository, "mark_sent", crash)
    with pytest.raises(RuntimeError):
        await cog.deliver_due(clock.now())
    assert len(reminders_to(s, "bob")) == 1  # sent...
    repo = CasesRepository(services_for(s.bot).db)
    assert await repo.reminder_states(case_id) == [(0, "claimed", None)]  # ...but never marked
    monkeypatch.setattr(CasesRepository, "mark_sent", real_mark)

    await s.restart()
    quiet(s.bot)
    await s.advance(60)  # the claim is still held: nobody touches it
    assert await repo_states(s, case_id) == [(0, "claimed", None)]
    await s.advance(120)  # the dead process's claim ran out: the new one finds the delivery and only marks it
    assert len(reminders_to(s, "bob")) == 1
    assert await repo_states(s, case_id) == [(0, "sent", "dm"), (1, "pending", None)]
    await s.advance(13 * 86400)  # the next step (day 14) comes once, too
    assert len(reminders_to(s, "bob")) == 2


async def repo_states(s: ReplaySession, case_id: int) -> list[tuple[int, str, str | None]]:
    return await CasesRepository(services_for(s.bot).db).reminder_states(case_id)


async def test_a_failed_send_is_retried_and_delivered_once(parley, clock, monkeypatch):
    s: ReplaySession = parley
    quiet(s.bot)
    case_id = await open_due_case(s, "ivan")
    s.fake.world.closed_dms.add(s.fake.member("ivan").user.id)  # Discord refuses: 50007
    await s.advance(60)
    assert reminders_to(s, "ivan") == []
    # DMs refused: the member gets it as a notice on their next command instead, once.
    assert await repo_states(s, case_id) == [(0, "pending", None)]
    step = await s.command("ivan", "case list")
    notices = [m for m in step.visible if m.text.startswith("🔔")]
    assert len(notices) == 1 and notices[0].ephemeral
    step = await s.command("ivan", "case list")
    assert not [m for m in step.visible if m.text.startswith("🔔")]
    assert (await repo_states(s, case_id))[0] == (0, "sent", "notice")


@pytest.fixture
async def two_processes(parley_factory) -> Any:
    async with ReplaySession(
        parley_factory, guild=STANDARD_GUILD, members=STANDARD_MEMBERS, extra_bots={"second": parley_factory}
    ) as session:
        quiet(session.client("bot"), session.client("second"))
        yield session
        assert session.violations == []


async def test_two_processes_on_one_database_deliver_each_reminder_once(two_processes, clock):
    s: ReplaySession = two_processes
    first, second = s.client("bot").get_cog("Cases"), s.client("second").get_cog("Cases")
    assert services_for(s.client("bot")).db is not services_for(s.client("second")).db
    members = ["alice", "bob", "ivan", "layla", "mia"]
    for member in members:
        for _ in range(3):
            await open_due_case(s, member)
    clock.advance(minutes=1)
    now = clock.now()
    sent = await asyncio.gather(first.deliver_due(now), second.deliver_due(now), first.deliver_due(now))
    assert sum(sent) == 15
    for member in members:
        assert len(reminders_to(s, member)) == 3, member
    # Both again, later: nothing new is due, nothing is sent again.
    clock.advance(hours=1)
    again = await asyncio.gather(first.deliver_due(clock.now()), second.deliver_due(clock.now()))
    assert sum(again) == 0


async def test_two_processes_claim_disjoint_reminders(two_processes, clock):
    s: ReplaySession = two_processes
    for _ in range(20):
        await open_due_case(s, "bob")
    one = CasesRepository(services_for(s.client("bot")).db)
    two = CasesRepository(services_for(s.client("second")).db)
    now = clock.now()
    a, b = await asyncio.gather(one.claim_due(now, limit=15), two.claim_due(now, limit=15))
    ids_a, ids_b = {r.id for r in a}, {r.id for r in b}
    assert not ids_a & ids_b and len(ids_a | ids_b) == 20
    # A claim held by a live process is not taken over; one that ran out is, with a new token.
    assert await one.claim_due(now + dt.timedelta(seconds=60)) == []
    taken = await two.claim_due(now + dt.timedelta(seconds=121))
    assert {r.id for r in taken} == ids_a | ids_b and all(r.attempts == 1 for r in taken)
    stale = a[0]
    assert not await one.mark_sent(stale.id, stale.token, "dm", now, None)  # the old token no longer marks
