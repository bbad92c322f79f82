"""The queue watch's repository on its own: reminder claims under concurrency."""

from __future__ import annotations

import asyncio

from parley.database.repositories.queue_watch import QueueWatchRepository
from parley.database.repositories.tips import TipsRepository

G = 7
SUBMITTED = "2026-03-01T10:00:00Z"
LATER = "2026-03-02T00:00:00Z"


async def test_concurrent_reminder_claims_hand_each_entry_out_once(db):
    """Two loops claiming at the same moment (a restart overlapping the old process) never remind twice."""
    tips = TipsRepository(db)
    entries = []
    for n in range(3):
        _, entry = await tips.submit(
            G, f"{n}".ljust(32, "a"), "non_payer", "en", "Half up front.", SUBMITTED, since="2026-03-01", per_day=5
        )
        entries.append(entry)
    first, second = await asyncio.gather(
        QueueWatchRepository(db).claim_reminders(G, LATER, LATER),
        QueueWatchRepository(db).claim_reminders(G, LATER, LATER),
    )
    assert sorted(e.id for e in first + second) == sorted(e.id for e in entries)
    # Within the same interval nothing is handed out again; other servers' entries are never touched.
    assert await QueueWatchRepository(db).claim_reminders(G, LATER, "2026-03-02T00:00:01Z") == []
    assert await QueueWatchRepository(db).claim_reminders(G + 1, "2026-03-09T00:00:00Z", "2026-03-09T00:00:00Z") == []
