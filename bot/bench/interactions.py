"""Interactions as a member feels them, through the offline Discord.

- 200 members at once run /situation, then 200 vote clicks: how soon each is acknowledged (Discord's deadline is
  on the acknowledgement), and the bot's own event-loop CPU per interaction (the harness's share subtracted).
  A burst's p99 is a throughput figure (200 x CPU per interaction on one loop), reported but not a goal.
- Then one interaction at a time: latency from INTERACTION_CREATE to the bot's last request, and the database
  round trips each one takes, beside the minimal bot that stores something (defer, one aiosqlite write, edit;
  bot/bench/bare.py), measured the same way in the same run after a gc.collect(), the two bots taking turns
  interaction by interaction (so a noisy second on a shared machine falls on both sides of the ratio).

Spec validation is off in both sessions: it is the harness's cost (jsonschema on every request), not the bot's;
the test suite validates every request the bot makes.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from parley.bench.bare import minimal_factory
from parley.bench.harness import Burst, BurstSession
from parley.bench.stats import percentile, ratio

GUILD = {"name": "Bench", "locale": "en-US", "channels": ["help", "stories", "mod-queue"], "roles": ["Moderators"]}
VALIDATE = False
SECRET = "bench-secret-for-member-keys-0123456789abcdef"  # noqa: S105 - a throwaway key for a temp database


def members(n: int) -> list[dict[str, Any]]:
    """`n` members m000, m001, ... and an admin owner."""
    return [{"name": f"m{i:03d}", "locale": "en-US"} for i in range(n)] + [
        {"name": "owner", "admin": True, "owner": True}
    ]


def parley_factory(db_path: Path) -> Callable[[], Awaitable[Any]]:
    """Build Parley on `db_path` with a fixed member-key secret and a fake domain clock."""
    from parley.app import create_bot
    from parley.config import config_from_dict
    from parley.domain.clock import FakeClock

    config = config_from_dict(
        {"database": {"path": str(db_path)}, "stories": {"queue_batch_min_hours": 0, "queue_batch_max_hours": 0}},
        env={"PARLEY_SECRET": SECRET},
    )
    clock = FakeClock()

    async def factory() -> Any:
        return await create_bot(config, clock=clock)

    return factory


def run(*, quick: bool, concurrent: int = 200) -> dict[str, Any]:
    """The 200-bursts (ack p99, the bot's CPU per interaction), then one interaction at a time (latency, database
    round trips) beside the minimal storing bot; the bare bot's bursts as before, for reference."""
    from parley.bench.data import triage_texts
    from parley.bench.harness import count_round_trips

    count_round_trips()
    texts = [text for _, text in triage_texts().texts]
    sequential = 15 if quick else 40
    quiet = logging.getLogger()
    level = quiet.level
    quiet.setLevel(logging.WARNING)  # one INFO line per interaction would time the terminal, not the bot
    try:
        with tempfile.TemporaryDirectory(prefix="parley-bench-interactions-") as tmp:
            parley, minimal = asyncio.run(_both(Path(tmp), concurrent, texts, sequential))
        gc.collect()
        bare = asyncio.run(_bare(concurrent))
    finally:
        quiet.setLevel(level)
    all_parley = parley["situation"].latencies_ms + parley["vote"].latencies_ms
    all_bare = bare["situation"].latencies_ms + bare["vote"].latencies_ms
    p99, bare_p99 = percentile(all_parley, 99), percentile(all_bare, 99)
    # Unloaded latency as the bot feels it: fed to last request, the offline Discord's own CPU in between taken out
    # (building the click, storing and copying the bot's messages: Discord's side, whose cost grows with the size of
    # the message and would be charged to Parley's larger cards). The raw figures are kept beside them.
    unloaded = parley["seq_situation"].net_latencies_ms + parley["seq_vote"].net_latencies_ms
    unloaded_minimal = minimal["seq_situation"].net_latencies_ms + minimal["seq_vote"].net_latencies_ms
    raw = parley["seq_situation"].latencies_ms + parley["seq_vote"].latencies_ms
    raw_minimal = minimal["seq_situation"].latencies_ms + minimal["seq_vote"].latencies_ms
    trips = {
        "situation": _max_trips(parley["seq_situation"]),
        "vote": _max_trips(parley["seq_vote"]),
    }
    problems = [p for burst in parley.values() for p in burst.problems] + minimal["seq_vote"].problems
    return {
        "concurrent": concurrent,
        "interactions": len(all_parley),
        "ack_p99_ms": round(percentile(parley["situation"].acks_ms + parley["vote"].acks_ms, 99), 1),
        "goal_ack_p99_ms_max": 1000,
        "vote_ack_p99_ms": round(percentile(parley["vote"].acks_ms, 99), 1),
        "cpu_ms": {
            "situation": round(parley["situation"].bot_cpu_ms, 2),
            "vote": round(parley["vote"].bot_cpu_ms, 2),
            "minimal_situation": round(minimal["situation"].bot_cpu_ms, 2),
            "minimal_vote": round(minimal["vote"].bot_cpu_ms, 2),
        },
        "goal_cpu_ms_max": {"situation": 3.0, "vote": 2.0},
        "unloaded_p50_ms": round(percentile(unloaded, 50), 2),
        "unloaded_p99_ms": round(percentile(unloaded, 99), 2),
        "unloaded_minimal_p50_ms": round(percentile(unloaded_minimal, 50), 2),
        "unloaded_minimal_p99_ms": round(percentile(unloaded_minimal, 99), 2),
        "unloaded_vs_minimal": ratio(percentile(unloaded, 50), percentile(unloaded_minimal, 50)),
        "unloaded_situation_p50_ms": round(percentile(parley["seq_situation"].net_latencies_ms, 50), 2),
        "unloaded_vote_p50_ms": round(percentile(parley["seq_vote"].net_latencies_ms, 50), 2),
        # The bot's own event-loop CPU per unloaded interaction (harness subtracted): unlike latency, hardly moved by
        # other processes on a shared machine; latency minus this is waiting (database threads, the scheduler).
        "unloaded_cpu_ms": {name: round(parley[f"seq_{name}"].bot_cpu_ms, 2) for name in ("situation", "vote")}
        | {f"minimal_{name}": round(minimal[f"seq_{name}"].bot_cpu_ms, 2) for name in ("situation", "vote")},
        "unloaded_raw_p50_ms": round(percentile(raw, 50), 2),
        "unloaded_raw_minimal_p50_ms": round(percentile(raw_minimal, 50), 2),
        "unloaded_raw_vs_minimal": ratio(percentile(raw, 50), percentile(raw_minimal, 50)),
        "round_trips": trips,
        "round_trips_max": max(trips.values()),
        "goal_round_trips_max": 5,
        "burst_p50_ms": round(percentile(all_parley, 50), 1),
        "burst_p99_ms": round(p99, 1),
        "situation_p99_ms": round(parley["situation"].p(99), 1),
        "vote_p99_ms": round(parley["vote"].p(99), 1),
        "cold_situation_ms": round(parley["cold"].p(50), 1),
        "bare_burst_p99_ms": round(bare_p99, 1),
        "burst_vs_bare": ratio(p99, bare_p99),
        "errors": len(problems),
        "first_error": problems[0][:300] if problems else None,
        "spec_validation": VALIDATE,
        "sequential": sequential,
    }


def _max_trips(burst: Burst) -> int:
    """The most database round trips one interaction of a one-at-a-time series took (its first excluded)."""
    per = burst.trips_each or [burst.round_trips]
    return max(per[1:] or per)


async def _both(tmp: Path, n: int, texts: list[str], sequential: int) -> tuple[dict[str, Burst], dict[str, Burst]]:
    """Each bot's bursts on its own, then the one-at-a-time series interleaved: a Parley interaction, then the
    minimal bot's, and so on. On a shared machine the load changes from second to second; side by side, both
    latencies of a pair are measured under the same load, so their ratio does not depend on which bot ran during
    a noisy second."""
    names = [f"m{i:03d}" for i in range(n)]
    p = BurstSession(
        parley_factory(tmp / "parley.db"),
        guild=GUILD,
        members=members(n),
        validate=VALIDATE,
        strict=False,
        step_timeout=120,
    )
    m = BurstSession(
        minimal_factory(str(tmp / "minimal.db")), guild=GUILD, members=members(n), validate=VALIDATE, strict=False
    )
    async with p:
        parley = await _parley(p, names, texts)
        gc.collect()  # a baseline measured inside the bursts' garbage would be charged their collections
        async with m:
            minimal = await _minimal(m, names)
            gc.collect()
            pairs = [
                (
                    p.command_action(names[i], "situation", describe=texts[i % len(texts)][:200]),
                    m.command_action(names[i], "situation", describe="x"),
                )
                for i in range(sequential)
            ]
            parley["seq_situation"], minimal["seq_situation"] = await _side_by_side(p, m, pairs)
            clicks = [(p.click_action(name, "Helpful"), m.click_action(name, "Helpful")) for name in names[:sequential]]
            parley["seq_vote"], minimal["seq_vote"] = await _side_by_side(p, m, clicks)
    return parley, minimal


async def _side_by_side(p: BurstSession, m: BurstSession, pairs: list[tuple[Any, Any]]) -> tuple[Burst, Burst]:
    """One interaction on each bot in turn, each after the previous one finished; each bot's series."""
    ours: list[Burst] = []
    theirs: list[Burst] = []
    for mine, minimal in pairs:
        ours.append(await p.series([mine]))
        theirs.append(await m.series([minimal]))
    return _joined(ours), _joined(theirs)


def _joined(bursts: list[Burst]) -> Burst:
    """Series of one interaction each, as one series."""
    return Burst(
        tuple(o for b in bursts for o in b.outcomes),
        next((b.step_error for b in bursts if b.step_error), None),
        sum(b.seconds for b in bursts),
        loop_cpu_s=sum(b.loop_cpu_s for b in bursts),
        harness_cpu_s=sum(b.harness_cpu_s for b in bursts),
        round_trips=sum(b.round_trips for b in bursts),
        trips_each=tuple(t for b in bursts for t in b.trips_each),
    )


async def _parley(s: BurstSession, names: list[str], texts: list[str]) -> dict[str, Burst]:
    """Parley's 200-bursts: /situation, then a vote click each (after an untimed /advice browse each)."""
    # Warm up as a running bot is: the triage engine and templates load on first use (that cost is `cold_ms`).
    cold = await s.burst([s.command_action("owner", "situation", describe=texts[0][:200])], label="cold")
    await s.burst([s.command_action("owner", "advice browse", type="non_payer")], label="warm")
    await s.burst([s.click_action("owner", "Helpful")], label="warm")
    gc.collect()
    situation = await s.burst(
        [s.command_action(m, "situation", describe=texts[i % len(texts)][:200]) for i, m in enumerate(names)],
        label="situation",
    )
    # Each member needs a card with vote buttons: their own /advice browse (not timed).
    await s.burst([s.command_action(m, "advice browse", type="non_payer") for m in names], label="browse")
    gc.collect()
    vote = await s.burst([s.click_action(m, "Helpful") for m in names], label="vote")
    return {"situation": situation, "vote": vote, "cold": cold}


async def _minimal(s: BurstSession, names: list[str]) -> dict[str, Burst]:
    """The minimal storing bot (bot/bench/bare.py, MinimalBot): a burst each, for its CPU."""
    await s.burst([s.command_action("owner", "situation", describe="x")], label="warm")
    await s.burst([s.click_action("owner", "Helpful")], label="warm")
    gc.collect()
    situation = await s.burst([s.command_action(m, "situation", describe="x") for m in names], label="situation")
    gc.collect()
    vote = await s.burst([s.click_action(m, "Helpful") for m in names], label="vote")
    return {"situation": situation, "vote": vote}


async def _bare(n: int) -> dict[str, Burst]:
    from parley.bench.bare import create_bare_bot

    names = [f"m{i:03d}" for i in range(n)]
    s = BurstSession(
        create_bare_bot, guild=GUILD, members=members(n), validate=VALIDATE, strict=False, step_timeout=120
    )
    async with s:
        return await _minimal(s, names)  # the bare bot is fed exactly as the minimal storing bot
