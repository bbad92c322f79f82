"""Two Parley processes on one PostgreSQL database, driven through the offline Discord.

Each process is a real bot client (its own services, its own connection pool) in the same fake guild, as two
shards of a deployment would be: members' clicks are split across them, and both run the periodic work.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

import pytest

from parley.app import create_bot
from parley.config import Config, config_from_dict
from parley.database.repositories.queue import QueueRepository
from parley.database.repositories.stories import StoriesRepository
from parley.domain import moderation
from parley.domain.clock import FakeClock
from parley.replay import ReplaySession
from parley.services import Services, build_services

SECRET = "two-process-tests-secret-" + "p" * 32
VOTERS = [f"m{n}" for n in range(8)]
MEMBERS: list[dict[str, Any]] = [
    *({"name": name, "locale": "en-US"} for name in VOTERS),
    {"name": "mia", "locale": "en-US", "roles": ["Moderators"]},
    {"name": "owner", "admin": True},
]
GUILD = {"locale": "en-US", "channels": ["help", "stories", "mod-queue"], "roles": ["Moderators"]}


class Processes:
    """Builds a fresh Parley process per start; all on the same database URL, secret and clock."""

    def __init__(self, config: Config, clock: FakeClock) -> None:
        self.config = config
        self.clock = clock
        self.services: list[Services] = []

    async def __call__(self) -> Any:
        services = await build_services(self.config, clock=self.clock)
        self.services.append(services)
        return await create_bot(self.config, services=services)

    async def close(self) -> None:
        for services in self.services:
            await services.close()


@pytest.fixture
async def session(postgres_db_url: str) -> AsyncIterator[tuple[ReplaySession, Processes]]:
    config = config_from_dict(
        {"database": {"url": postgres_db_url}, "stories": {"queue_batch_min_hours": 0, "queue_batch_max_hours": 0}},
        env={"PARLEY_SECRET": SECRET},
    )
    processes = Processes(config, FakeClock())
    s = ReplaySession(processes, extra_bots={"second": processes}, guild=GUILD, members=MEMBERS)
    try:
        async with s:
            yield s, processes
            assert s.violations == []
    finally:
        await processes.close()


def helpful(message: Any) -> str:
    return next(b.text for b in message.buttons if "Helpful" in b.text and "Not" not in b.text)


async def test_votes_split_across_two_processes_keep_one_exact_tally(session):
    s, processes = session
    assert len(processes.services) == 2 and processes.services[0].db is not processes.services[1].db
    for n, member in enumerate(VOTERS):
        bot = "bot" if n % 2 == 0 else "second"
        card = (await s.command(member, "advice browse", type="non_payer", bot_=bot)).message
        # Each process reads the tally the other one's clicks made.
        assert helpful(card) == f"👍 Helpful · {n}", (member, bot)
        pressed = await s.click(member, "Helpful")
        assert helpful(pressed.message) == f"👍 Helpful · {n + 1}"
    db = processes.services[0].db
    assert await db.fetchval("SELECT count(*) FROM votes WHERE axis = 'helpful' AND value = 'up'") == len(VOTERS)

    # Then everyone presses "It worked" at the same moment, each on the card of the process that served them.
    steps = await asyncio.gather(*(s.click(member, "It worked") for member in VOTERS))
    assert all(step.error is None for step in steps)
    assert await db.fetchval("SELECT count(*) FROM votes WHERE axis = 'outcome' AND value = 'worked'") == len(VOTERS)
    for bot in ("bot", "second"):
        card = (await s.command("mia", "advice browse", type="non_payer", bot_=bot)).message
        worked = next(b.text for b in card.buttons if "It worked" in b.text)
        assert (helpful(card), worked) == (f"👍 Helpful · {len(VOTERS)}", f"✅ It worked · {len(VOTERS)}")


async def test_each_story_is_published_exactly_once_by_two_processes(session):
    s, processes = session
    await s.command("owner", "setup", stories_channel="#stories", queue_channel="#mod-queue", bot_="bot")
    guild_id = s.fake.guild.id
    db = processes.services[0].db
    repo = StoriesRepository(db)
    now = "2026-03-01T10:00:00Z"
    for n in range(6):
        _, entry = await repo.submit(
            guild_id, f"{n}".rjust(32, "a"), archetype="non_payer", lang="en", title=None,
            text=f"Story number {n}: the client paid nothing.", day="2026-03-01", now=now, per_day=10,
        )  # fmt: skip

        async def effect(tx: Any, decision: Any) -> None:
            await StoriesRepository.apply_decision(tx, decision, day="2026-03-01", publish_after="2026-03-01T12:00:00Z")

        await QueueRepository(db).decide(guild_id, entry.id, moderation.APPROVE, "m" * 32, now, effect=effect)

    later = dt.datetime(2026, 3, 1, 12, 5, tzinfo=dt.UTC)
    cogs = [s.client(key).get_cog("Moderation") for key in ("bot", "second")]
    assert all(cog is not None for cog in cogs)
    # Both processes' minute loops fire at once, twice over.
    results = await asyncio.gather(*(cog.run_due_work(later) for cog in cogs for _ in range(2)))
    assert sum(r.published for r in results) == 6
    posts = s.messages_in("#stories")
    texts = [p.text for p in posts]
    for n in range(6):
        assert sum(f"Story number {n}:" in t for t in texts) == 1, (n, texts)
    assert await db.fetchval("SELECT count(*) FROM stories WHERE status = 'published'") == 6
    # The publishing slot of this guild ran in one process at a time (the job lease) and is free again.
    lease = await db.fetchone("SELECT holder, runs FROM job_leases WHERE name = ?", (f"stories:publish:{guild_id}",))
    assert lease is not None and lease["holder"] is None and lease["runs"] >= 1
