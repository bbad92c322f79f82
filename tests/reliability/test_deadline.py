"""The 3-second deadline: with the database stalled for 5 s, every interaction is still acknowledged in time.

Another connection holds the write lock (BEGIN EXCLUSIVE) for 5 s, as a slow disk, a migration or another process
would; the bot's busy_timeout is 5 s too. Twenty-two interactions of every capability arrive at once. Discord drops
an interaction that is not acknowledged (answered or deferred) within 3 s ("This interaction failed"); the offline
Discord accepts late answers, so the test times each acknowledgement itself. Then each must complete or fail
kindly: no handler error, no unanswered or forever-thinking interaction, no incident apology.

One stalled burst serves every assertion (module-scoped); the interactions that write before answering are known
not to defer yet: they are strict xfails until their cogs defer first (see the reliability report).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from parley.app import create_bot
from parley.bench.harness import BurstSession, Outcome
from parley.config import config_from_dict
from parley.domain.clock import FakeClock
from tests.reliability.conftest import CHANNELS, SECRET, crowd, hold_write_lock

STALL_S = 5.0
DEADLINE_S = 3.0
STORY = "The client loved the first draft, then stopped answering as soon as the invoice went out."
WRITES_FIRST = "the cog writes to the database before acknowledging: it must defer first"

# name -> how the member acts (built on the prepared server below)
ACTIONS: dict[str, Callable[[BurstSession], Any]] = {
    "/situation": lambda s: s.command_action("m010", "situation", describe="the client ghosted me after delivery"),
    "/redflags": lambda s: s.command_action("m011", "redflags"),
    "vote click": lambda s: s.click_action("m000", "Helpful"),
    "walkthrough click": lambda s: s.click_action("m001", "Show my result"),
    "queue approve": lambda s: s.click_action("mia", "Approve", in_="#mod-queue"),
    "/advice browse": lambda s: s.command_action("m012", "advice browse", type="non_payer"),
    "/advice top": lambda s: s.command_action("m013", "advice top"),
    "/advice suggest": lambda s: s.command_action("m014", "advice suggest"),
    "/parley": lambda s: s.command_action("m015", "parley"),
    "/language": lambda s: s.command_action("m016", "language"),
    "/setup": lambda s: s.command_action("owner", "setup"),
    "/story share": lambda s: s.command_action("m017", "story share"),
    "/story browse": lambda s: s.command_action("m018", "story browse", search="invoice"),
    "/story mine": lambda s: s.command_action("m019", "story mine"),
    "/draft": lambda s: s.command_action("m020", "draft", kind="payment_reminder"),
    "/mod queue": lambda s: s.command_action("mia", "mod queue"),
    "/privacy export": lambda s: s.command_action("m021", "privacy export"),
    "/setup change": lambda s: s.command_action("owner", "setup", tips_per_day=5),
    "language pick": lambda s: s.select_action("m022", ["en"], placeholder="Choose a language"),
    "draft form": lambda s: s.fill_modal_action("m023", "1200"),
    "story confirm": lambda s: s.click_action("m024", "Confirm"),
    "words form": lambda s: s.fill_modal_action("m025", "the client never pays my invoices"),
}
NOT_DEFERRING: set[str] = set()


async def _stalled_burst(db: Path) -> dict[str, tuple[Outcome, str]]:
    config = config_from_dict(
        {"database": {"path": str(db)}, "stories": {"queue_batch_min_hours": 0, "queue_batch_max_hours": 0}},
        env={"PARLEY_SECRET": SECRET},
    )
    clock = FakeClock()

    async def factory() -> Any:
        return await create_bot(config, clock=clock)

    guild = {"locale": "en-US", "channels": CHANNELS, "roles": ["Moderators"]}
    async with BurstSession(factory, guild=guild, members=crowd(30), strict=True, step_timeout=30) as s:
        await s.command(
            "owner", "setup", stories_channel="#stories", queue_channel="#mod-queue", moderator_role="@Moderators"
        )
        await s.command("m000", "advice browse", type="non_payer")
        await s.command("m001", "situation", describe="he never pays")
        await s.command("m005", "advice suggest")
        await s.submit(
            "m005",
            {
                "Type of client": "non_payer",
                "Language of the tip": "en",
                "Your tip": "Ask for half up front next time: it saves a lot of chasing.",
            },
        )
        await s.click("m005", "Confirm and send")
        await s.command("m022", "language")
        await s.command("m023", "draft", kind="payment_reminder")
        await s.command("m024", "story share")
        await s.submit("m024", {"Type of client": "non_payer", "Your story": STORY})
        await s.command("m025", "situation", step_by_step=True)
        await s.click("m025", "words")
        s.strict = False
        started = time.perf_counter()
        await hold_write_lock(db, STALL_S)
        burst = await s.burst([make(s) for make in ACTIONS.values()], label="stalled")
        assert burst.step_error is None, burst.step_error
        assert time.perf_counter() - started >= STALL_S * 0.9, "the stall did not hold"
        finals = []
        for outcome in burst.outcomes:
            message = s.fake.messages.get(outcome.record.original_message_id or 0)
            finals.append(s.fake.view(message, "current").text if message is not None else "")
    return {name: (outcome, final) for name, outcome, final in zip(ACTIONS, burst.outcomes, finals, strict=True)}


@pytest.fixture(scope="module")
def stalled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Outcome, str]]:
    return asyncio.run(_stalled_burst(tmp_path_factory.mktemp("stall") / "parley.db"))


def _case(name: str) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=WRITES_FIRST)] if name in NOT_DEFERRING else []
    return pytest.param(name, marks=marks, id=name)


@pytest.mark.parametrize("name", [_case(name) for name in ACTIONS])
def test_acknowledged_within_three_seconds(stalled, name):
    outcome, _ = stalled[name]
    assert outcome.ack_s is not None and outcome.ack_s <= DEADLINE_S, f"{name} acknowledged after {outcome.ack_s:.2f} s"


@pytest.mark.parametrize("name", list(ACTIONS))
def test_completes_or_fails_kindly(stalled, name):
    outcome, final = stalled[name]
    assert outcome.problems == ()
    assert "Something went wrong" not in final
