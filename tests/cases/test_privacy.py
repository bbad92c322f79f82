"""Cases and privacy: /privacy export lists them (no key, no channel id), forget erases them with their reminders
and preferences, and the retention run deletes closed cases after 30 days and idle open ones after 90."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from parley.cogs._shared.runtime import services_for
from parley.database.repositories.cases import CasesRepository
from parley.domain.cases import CLOSED_CASE_DAYS, IDLE_CASE_DAYS
from parley.replay import ReplaySession
from tests.cases.test_exactly_once import open_due_case, quiet


def attached(step: Any) -> dict[str, Any]:
    files = [f for request in step.requests for f in request.files]
    assert len(files) == 1
    return json.loads(files[0].data.decode("utf-8"))


async def counts(s: ReplaySession) -> tuple[int, ...]:
    db = services_for(s.bot).db
    return tuple(
        [await db.fetchval(f"SELECT COUNT(*) FROM {table}") for table in ("cases", "case_steps", "case_reminders")]
    )


async def test_export_lists_cases_and_forget_erases_them(parley):
    s: ReplaySession = parley
    quiet(s.bot)
    await open_due_case(s, "bob")
    await open_due_case(s, "ivan")
    step = await s.command("bob", "privacy export")
    assert "1 followed-up case" in step.message.text
    data = attached(step)
    case, prefs = data["cases"]
    assert case["client_kind"] == "non_payer" and case["amount"] == "900" and case["currency"] == "EUR"
    assert [x["step"] for x in case["steps"]] == ["friendly", "firm", "final_notice"]
    assert prefs == {"reminder_preferences": {"time_zone": "UTC", "working_hours": "0-24", "direct_messages": True}}
    text = json.dumps(data)
    dm_channel = s.fake.world.dm_channel(s.fake.member("bob").user.id).id
    assert str(dm_channel) not in text and "member_key" not in text
    assert data["kept_for"]["closed_cases_days_after_closing"] == CLOSED_CASE_DAYS

    confirm = (await s.command("bob", "privacy forget")).message
    assert "1 followed-up case, with its reminders" in confirm.text
    done = (await s.click("bob", "Erase")).visible
    assert any("1 followed-up case" in v.text for v in done)
    assert await counts(s) == (1, 3, 1)  # ivan's case is untouched
    db = services_for(s.bot).db
    assert await db.fetchval("SELECT COUNT(*) FROM case_prefs") == 1


async def test_the_statement_names_the_case_retention(parley):
    about = (await parley.command("alice", "privacy about")).message.text
    assert "Suljetut tapaukset: poistetaan 30 päivää sulkemisen jälkeen." in about
    assert "Avoimet tapaukset: poistetaan 90 päivää viimeisen käytön jälkeen" in about


async def test_retention_deletes_closed_cases_after_30_days_and_idle_ones_after_90(parley, clock):
    s: ReplaySession = parley
    quiet(s.bot)
    closed = await open_due_case(s, "bob")
    idle = await open_due_case(s, "ivan")
    repo = CasesRepository(services_for(s.bot).db)
    await repo.close(closed, clock.now())
    await repo.pause(idle, clock.now())
    privacy = s.bot.get_cog("Privacy")
    clock.advance(days=CLOSED_CASE_DAYS - 1)
    assert (await privacy.run_retention(clock.now())).cases == 0
    clock.advance(days=2)
    assert (await privacy.run_retention(clock.now())).cases == 1
    assert await repo.get(closed) is None and await repo.get(idle) is not None
    clock.advance(days=IDLE_CASE_DAYS - CLOSED_CASE_DAYS - 2)
    assert (await privacy.run_retention(clock.now())).cases == 0
    # Any use keeps an open case: a snooze (a reschedule) today restarts its 90 days.
    await repo.reschedule(idle, 0, clock.now() + dt.timedelta(days=1), clock.now())
    clock.advance(days=5)
    assert (await privacy.run_retention(clock.now())).cases == 0
    clock.advance(days=IDLE_CASE_DAYS)
    assert (await privacy.run_retention(clock.now())).cases == 1
    assert await counts(s) == (0, 0, 0)
