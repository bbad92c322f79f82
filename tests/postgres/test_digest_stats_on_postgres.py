"""The digest's and /stats's SQL on both backends (SQLite always; PostgreSQL when a server is available)."""

from __future__ import annotations

import datetime as dt

from parley.database import Database
from parley.database.repositories.flows import FlowsRepository
from parley.database.repositories.queue import QueueRepository
from parley.database.repositories.queue_watch import QueueWatchRepository
from parley.database.repositories.stats import StatsRepository
from parley.domain.moderation import APPROVE
from parley.domain.queue_watch import WatchState

GUILD = 1_477_953_611_370_594_304  # a real-sized snowflake: BIGINT on PostgreSQL


async def enqueue(db: Database, subject: int, kind: str, at: str) -> int:
    async with db.write() as tx:
        entry = await QueueRepository.enqueue(tx, GUILD, kind, subject, at)
    return entry.id


async def test_settings_state_listing_and_reminders(any_db: Database):
    repo = QueueWatchRepository(any_db)
    assert (await repo.settings(GUILD)).mode == "each"
    settings = await repo.update_settings(GUILD, mode="digest", digest_hour=9, alert_role_id=GUILD + 1)
    assert (settings.mode, settings.digest_hour, settings.alert_role_id) == ("digest", 9, GUILD + 1)
    await repo.save_state(WatchState(GUILD, channel_id=5, message_id=GUILD, posted_at="2026-01-01T10:00:00Z"))
    assert (await repo.state(GUILD)).message_id == GUILD
    await repo.save_state(WatchState(GUILD, alert_raised=True, shown="1,2"))
    state = await repo.state(GUILD)
    assert state.alert_raised and state.shown == "1,2" and state.message_id is None

    story = await enqueue(any_db, 1, "story", "2026-01-01T09:00:00Z")  # waits for its batch: not visible
    tip = await enqueue(any_db, 2, "tip", "2026-01-01T09:30:00Z")
    assert [e.id for e in await repo.visible(GUILD, limit=10)] == [tip]
    await repo.mark_listed(story, "2026-01-01T11:00:00Z")
    assert [e.id for e in await repo.visible(GUILD, limit=10)] == [story, tip]
    assert await repo.count_visible(GUILD) == 2
    assert await repo.listed_since(GUILD, "2026-01-01T10:00:00Z") == 1
    assert await repo.listed_since(GUILD, None) == 1
    assert await repo.watched_guilds() == [GUILD]

    claimed = await repo.claim_reminders(GUILD, "2026-01-01T09:45:00Z", "2026-01-01T15:45:00Z")
    assert [e.id for e in claimed] == [story, tip]
    assert await repo.claim_reminders(GUILD, "2026-01-01T09:45:00Z", "2026-01-01T15:46:00Z") == []  # claimed
    again = await repo.claim_reminders(GUILD, "2026-01-01T16:00:00Z", "2026-01-01T22:00:00Z")  # next interval
    assert [e.id for e in again] == [story, tip]


async def test_walkthroughs_are_counted_once_and_totals_group_by_month(any_db: Database):
    now = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    await FlowsRepository(any_db).create(
        "0123456789abcdef", guild_id=GUILD, member_key="k" * 32, kind="situation", language="en", state={},
        free_text=None, now=now,
    )  # fmt: skip
    stats = StatsRepository(any_db)
    assert await stats.count_walkthrough("0123456789abcdef", GUILD, "2026-01", "non_payer")
    assert not await stats.count_walkthrough("0123456789abcdef", GUILD, "2026-01", "non_payer")
    assert await stats.client_types(GUILD, "2025-08") == [("2026-01", "non_payer", 1)]
    async with any_db.write() as tx:
        await tx.execute(
            "INSERT INTO vote_tallies (guild_id, kind, item_id, value, n) VALUES (?, 'advice', 'a.b', 'worked', 6)",
            (GUILD,),
        )
    assert await stats.worked(GUILD) == [("a.b", 6)]
    entry = await enqueue(any_db, 3, "tip", "2026-01-02T08:00:00Z")
    await QueueRepository(any_db).decide(GUILD, entry, APPROVE, "m" * 32, "2026-01-02T10:00:00Z")
    assert await stats.decisions_since(GUILD, "2026-01-01T00:00:00Z") == [
        ("2026-01-02T08:00:00Z", "2026-01-02T10:00:00Z")
    ]
    assert await stats.totals(GUILD, "2025-08-01") == {}
