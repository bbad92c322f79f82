"""A child process for the crash-safety test: writes through Parley's repositories until it is killed.

`python -m tests.reliability.crash_writer DB SEED` runs TASKS concurrent writers on one Database, as a bot's
interactions would. Each write prints one line *before* it starts (I = intent) and one *after* its transaction
committed (A = acknowledged: what a member would have been told). Tasks own disjoint voters, so each vote key has
at most one write in flight. The parent kills this process with SIGKILL at a random moment and checks that every
acknowledged write is in the database.

Lines (JSON): {"t": "I"|"A", "task": n, "op": "vote"|"tip"|"story"|"remind"|"untip", ...}; "ready" once open.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
from pathlib import Path

from parley.database import Database
from parley.database.repositories.queue_watch import QueueWatchRepository
from parley.database.repositories.stories import StoriesRepository
from parley.database.repositories.tips import TipsRepository
from parley.database.repositories.votes import VotesRepository
from parley.domain.votes import VoteTarget

GUILD = 5150
TASKS = 4
VOTERS_PER_TASK = 12
ITEMS = ("non_payer.a", "non_payer.b", "scope_creeper.c", "ghost.d", "bad_fit.e")
VALUES = ("up", "down", "worked", "failed")
NOW = "2026-01-01T12:00:00Z"
DAY = "2026-01-01"
TEXT = "The client kept asking for one more small change after the final invoice had gone out. "


def voter_key(task: int, n: int) -> str:
    """The keyed hash of a task's n-th voter (any 32 characters will do for the database)."""
    return f"{task:02d}{n:02d}".ljust(32, "v")


def author_key(task: int) -> str:
    """One author per task."""
    return f"{task:02d}".ljust(32, "a")


def say(**line: object) -> None:
    """One protocol line, flushed at once (what is not printed was never acknowledged)."""
    sys.stdout.write(json.dumps(line) + "\n")
    sys.stdout.flush()


async def any_advice(reader: object, guild_id: int, item_id: str) -> VoteTarget | None:
    """Every item is a votable advice item here: the test is about durability, not the knowledge base."""
    return VoteTarget("advice", item_id)


async def writer(db: Database, task: int, rng: random.Random, seed: int) -> None:
    """Write forever: votes mostly, tips and stories, reminder claims (FK rows), deleting own tips (cascades)."""
    votes, tips, stories = VotesRepository(db), TipsRepository(db), StoriesRepository(db)
    watch = QueueWatchRepository(db)
    mine: list[tuple[int, str]] = []  # own tips: (id, token)
    serial = 0
    while True:
        serial += 1
        # Ids of deleted rows can be handed out again: a token in the text tells one tip from another.
        token = f"[{seed}-{task}-{serial}]"
        roll = rng.random()
        if roll < 0.5:
            item, voter, value = rng.choice(ITEMS), rng.randrange(VOTERS_PER_TASK), rng.choice(VALUES)
            say(t="I", task=task, op="vote", item=item, voter=voter, value=value)
            result = await votes.cast(GUILD, voter_key(task, voter), "advice", item, value, NOW, resolve=any_advice)
            say(
                t="A",
                task=task,
                op="vote",
                item=item,
                voter=voter,
                axis=result.transition.axis.value,
                after=result.transition.after,
            )
        elif roll < 0.65:
            say(t="I", task=task, op="tip", token=token)
            tip, entry = await tips.submit(
                GUILD, author_key(task), "non_payer", "en", TEXT + token, NOW, since=DAY, per_day=10**9
            )
            mine.append((tip.id, token))
            say(t="A", task=task, op="tip", id=tip.id, queue=entry.id, token=token)
        elif roll < 0.8:
            say(t="I", task=task, op="story")
            story, entry = await stories.submit(
                GUILD,
                author_key(task),
                archetype="non_payer",
                lang="en",
                title=None,
                text=TEXT * 3,
                day=DAY,
                now=NOW,
                per_day=10**9,
            )
            say(t="A", task=task, op="story", id=story.id, queue=entry.id)
        elif roll < 0.9:
            say(t="I", task=task, op="remind")
            # What the moderation cog's reminder loop runs (tips are visible at once; stories here have no card).
            claimed = await watch.claim_reminders(GUILD, "2099-01-01T00:00:00Z", NOW)
            say(t="A", task=task, op="remind", entries=[[e.id, e.kind, e.subject_id] for e in claimed])
        elif mine:
            tip_id, tip_token = mine.pop(rng.randrange(len(mine)))
            say(t="I", task=task, op="untip", id=tip_id, token=tip_token)
            await tips.delete(GUILD, tip_id)
            say(t="A", task=task, op="untip", id=tip_id, token=tip_token)


async def main(path: Path, seed: int) -> None:
    """Open the database (recovering from the previous kill) and write until killed."""
    db = await Database.open(path)
    say(t="ready")
    rngs = [random.Random(seed * 100 + task) for task in range(TASKS)]
    try:
        await asyncio.gather(*(writer(db, task, rngs[task], seed) for task in range(TASKS)))
    finally:
        await db.close()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), int(sys.argv[2])))
