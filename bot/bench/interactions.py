"""Interactions: 200 members at once running /situation, then 200 vote clicks, through the offline Discord;
beside the same bursts against a bot whose handlers only answer (bot/bench/bare.py).

Spec validation is off in both sessions: it is the harness's cost (jsonschema on every request), not the bot's;
the test suite validates every request the bot makes.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

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

    config = config_from_dict({"database": {"path": str(db_path)}}, env={"PARLEY_SECRET": SECRET})
    clock = FakeClock()

    async def factory() -> Any:
        return await create_bot(config, clock=clock)

    return factory


def run(*, quick: bool, concurrent: int = 200) -> dict[str, Any]:
    """Run the Parley bursts and the bare bursts; report latency percentiles and the p99 ratio."""
    from parley.bench.data import triage_texts

    texts = [text for _, text in triage_texts().texts]
    quiet = logging.getLogger()
    level = quiet.level
    quiet.setLevel(logging.WARNING)  # one INFO line per interaction would time the terminal, not the bot
    try:
        with tempfile.TemporaryDirectory(prefix="parley-bench-interactions-") as tmp:
            parley = asyncio.run(_parley(Path(tmp) / "parley.db", concurrent, texts))
        bare = asyncio.run(_bare(concurrent))
    finally:
        quiet.setLevel(level)
    all_parley = parley["situation"].latencies_ms + parley["vote"].latencies_ms
    all_bare = bare["situation"].latencies_ms + bare["vote"].latencies_ms
    p99, bare_p99 = percentile(all_parley, 99), percentile(all_bare, 99)
    problems = parley["situation"].problems + parley["vote"].problems
    return {
        "concurrent": concurrent,
        "interactions": len(all_parley),
        "p50_ms": round(percentile(all_parley, 50), 1),
        "p99_ms": round(p99, 1),
        "situation_p50_ms": round(parley["situation"].p(50), 1),
        "situation_p99_ms": round(parley["situation"].p(99), 1),
        "vote_p50_ms": round(parley["vote"].p(50), 1),
        "vote_p99_ms": round(parley["vote"].p(99), 1),
        "cold_situation_ms": round(parley["cold"].p(50), 1),
        "ack_p99_ms": round(percentile(parley["situation"].acks_ms + parley["vote"].acks_ms, 99), 1),
        "bare_p50_ms": round(percentile(all_bare, 50), 1),
        "bare_p99_ms": round(bare_p99, 1),
        "ratio": ratio(p99, bare_p99),
        "goal_ratio_max": 3,
        "errors": len(problems),
        "first_error": problems[0][:300] if problems else None,
        "spec_validation": VALIDATE,
    }


async def _parley(db_path: Path, n: int, texts: list[str]) -> dict[str, Burst]:
    names = [f"m{i:03d}" for i in range(n)]
    async with BurstSession(
        parley_factory(db_path), guild=GUILD, members=members(n), validate=VALIDATE, strict=False, step_timeout=120
    ) as s:
        # Warm up as a running bot is: the triage engine and templates load on first use (that cost is `cold_ms`).
        cold = await s.burst([s.command_action("owner", "situation", describe=texts[0][:200])], label="cold")
        await s.burst([s.command_action("owner", "advice browse", type="non_payer")], label="warm")
        await s.burst([s.click_action("owner", "Helpful")], label="warm")
        situation = await s.burst(
            [s.command_action(m, "situation", describe=texts[i % len(texts)][:200]) for i, m in enumerate(names)],
            label="situation",
        )
        # Each member needs a card with vote buttons: their own /advice browse (not timed).
        await s.burst([s.command_action(m, "advice browse", type="non_payer") for m in names], label="browse")
        vote = await s.burst([s.click_action(m, "Helpful") for m in names], label="vote")
    return {"situation": situation, "vote": vote, "cold": cold}


async def _bare(n: int) -> dict[str, Burst]:
    from parley.bench.bare import create_bare_bot

    names = [f"m{i:03d}" for i in range(n)]
    async with BurstSession(
        create_bare_bot, guild=GUILD, members=members(n), validate=VALIDATE, strict=False, step_timeout=120
    ) as s:
        await s.burst([s.command_action("owner", "situation", describe="x")], label="warm")
        await s.burst([s.click_action("owner", "Helpful")], label="warm")
        situation = await s.burst([s.command_action(m, "situation", describe="x") for m in names], label="situation")
        vote = await s.burst([s.click_action(m, "Helpful") for m in names], label="vote")
    return {"situation": situation, "vote": vote}
