"""Scale: /story browse (search) and /advice top on a big community's database, and the bot's memory there.

The database (50 000 published stories, 1 000 000 votes; a tenth of that with --quick) is built once with
Parley's own migrations and bulk inserts, and cached in the temp directory under a name that carries the
migrations' checksums (a new migration builds a new one). The commands run in a child process, the bot on the
offline Discord, so `rss_mb` is the bot's own memory, not the bench's. The same commands on an empty database
are the baseline.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from parley.bench.data import SEARCH_WORDS, synthetic_story
from parley.bench.sql import statement
from parley.bench.stats import peak_rss_mb, percentile, ratio, rss_mb

FULL = {"stories": 50_000, "votes": 1_000_000}
QUICK = {"stories": 5_000, "votes": 100_000}
MEMBERS = 20_000
TIPS = 500
CHUNK = 50_000
RSS_GOAL_MB = 120


def cache_dir() -> Path:
    """Where built databases are kept between runs ($PARLEY_BENCH_CACHE, else <tmp>/parley-bench)."""
    return Path(os.environ.get("PARLEY_BENCH_CACHE", Path(tempfile.gettempdir()) / "parley-bench"))


def guild_id() -> int:
    """The offline Discord's guild id: the first snowflake of a fresh fake clock (deterministic)."""
    from parley.replay.clock import FakeClock

    return FakeClock().snowflake()


def run(*, quick: bool) -> dict[str, Any]:
    """Build (or reuse) the database, then time the commands and read the memory in a child process."""
    size = QUICK if quick else FULL
    started = time.perf_counter()
    path, built = ensure_database(size["stories"], size["votes"])
    build_s = time.perf_counter() - started
    samples = 10 if quick else 40
    out = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "parley.bench.scale", str(path), str(samples)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if out.returncode != 0:
        return {"error": (out.stderr or out.stdout).strip().splitlines()[-1:] or ["child failed"]}
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    return {
        "stories": size["stories"],
        "votes": size["votes"],
        "db_mb": round(path.stat().st_size / 2**20, 1),
        "built_s" if built else "reused_s": round(build_s, 1),
        **figures,
        "rss_goal_mb": RSS_GOAL_MB,
    }


# ------------------------------------------------------------------------------------------------------ building


def _schema_digest() -> str:
    from parley.database.migrations import discover

    return hashlib.sha256("".join(m.checksum for m in discover()).encode()).hexdigest()[:12]


def ensure_database(stories: int, votes: int) -> tuple[Path, bool]:
    """Return the cached database for this size and schema, building it first if needed (and whether it was)."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    digest = _schema_digest()
    path = folder / f"scale-{stories}-{votes}-{digest}.db"
    if path.exists():
        return path, False
    for stale in folder.glob("scale-*.db"):
        if not stale.name.endswith(f"-{digest}.db"):
            stale.unlink()  # built for an older schema: never read again
    partial = path.with_name(path.name + ".partial")
    for leftover in folder.glob(partial.name + "*"):
        leftover.unlink()
    asyncio.run(_migrate(partial))
    build(partial, stories=stories, votes=votes, guild=guild_id())
    asyncio.run(_migrate(partial))  # Parley's own close runs PRAGMA optimize, as on a long-running bot
    os.replace(partial, path)
    return path, True


async def _migrate(path: Path) -> None:
    from parley.database import Database

    async with await Database.open(path) as db:
        await db.migrate()


def build(path: Path, *, stories: int, votes: int, guild: int, seed: int = 7) -> None:
    """Bulk-load published stories, approved tips and votes into a migrated database (one transaction)."""
    from parley.knowledge import ARCHETYPE_IDS, load_knowledge

    rng = random.Random(seed)
    advice = [item.id for item in load_knowledge().all_items()]
    members = [hashlib.sha256(f"member:{n}".encode()).hexdigest()[:32] for n in range(MEMBERS)]
    langs = ("en",) * 7 + ("fi", "ru", "ar")
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = OFF")  # a throwaway build: no journal, no fsync
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN")
        conn.executemany(
            statement("scale_story"),
            (
                (
                    n,
                    guild,
                    members[n % MEMBERS],
                    ARCHETYPE_IDS[n % len(ARCHETYPE_IDS)],
                    langs[n % len(langs)],
                    synthetic_story(rng, rng.randint(40, 110)),
                    "2026-01-01",
                    "2026-01-02",
                    "2026-01-03",
                    111,
                    10**17 + n,
                )
                for n in range(1, stories + 1)
            ),
        )
        conn.execute(statement("scale_fts_rebuild"))
        conn.executemany(
            statement("scale_tip"),
            (
                (
                    n,
                    guild,
                    members[(n * 7) % MEMBERS],
                    ARCHETYPE_IDS[n % len(ARCHETYPE_IDS)],
                    "en",
                    synthetic_story(rng, 30),
                    "2026-01-01T10:00:00Z",
                    "2026-01-02T10:00:00Z",
                )
                for n in range(1, TIPS + 1)
            ),
        )
        for chunk in _chunks(_votes(rng, guild, votes, advice, stories, members)):
            conn.executemany(statement("scale_vote"), chunk)
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()


def _votes(rng: random.Random, guild: int, total: int, advice: list[str], stories: int, members: list[str]) -> Any:
    """30 % on advice, 10 % on tips, 60 % on stories; every (item, axis, member) at most once."""
    at = "2026-01-05T10:00:00Z"
    counts = {"advice": total * 3 // 10, "tip": total // 10}
    counts["story"] = total - counts["advice"] - counts["tip"]
    for kind, ids in (("advice", advice), ("tip", [str(n) for n in range(1, TIPS + 1)])):
        for i in range(counts[kind]):
            # Item varies fastest, then the axis, then the member: unique while i < items x 2 x members.
            outcome = (i // len(ids)) % 2 == 1
            voter = members[(i // (2 * len(ids))) % len(members)]
            value = (
                ("worked" if rng.random() < 0.6 else "failed") if outcome else ("up" if rng.random() < 0.7 else "down")
            )
            yield (guild, kind, ids[i % len(ids)], "outcome" if outcome else "helpful", voter, value, at)
    for i in range(counts["story"]):
        voter = members[(i // stories) % len(members)]
        yield (guild, "story", str(1 + i % stories), "helpful", voter, "up" if rng.random() < 0.8 else "down", at)


def _chunks(rows: Any) -> Any:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# --------------------------------------------------------------------------------------------------- the child


async def _measure(db_path: Path, samples: int) -> dict[str, Any]:
    from parley.bench.harness import BurstSession
    from parley.bench.interactions import GUILD, members, parley_factory

    async with BurstSession(
        parley_factory(db_path), guild=GUILD, members=members(3), validate=False, strict=False, step_timeout=120
    ) as s:
        if s.fake.guild.id != guild_id():
            raise RuntimeError("the offline Discord's guild id changed; the scale database is for another id")
        has_story = s.fake.app().command(s.fake.guild.id, "story") is not None
        top, browse, problems = [], [], []
        for n in range(samples + 1):
            member = f"m{n % 3:03d}"
            burst = await s.burst([s.command_action(member, "advice top")], label="top")
            problems += burst.problems
            if n:  # the first of each is the warm-up
                top += burst.latencies_ms
            if has_story:
                word = SEARCH_WORDS[n % len(SEARCH_WORDS)]
                burst = await s.burst([s.command_action(member, "story browse", search=word)], label="browse")
                problems += burst.problems
                if n:
                    browse += burst.latencies_ms
    return {
        "advice_top_p99_ms": round(percentile(top, 99), 1),
        "story_browse_search_p99_ms": round(percentile(browse, 99), 1) if has_story else None,
        "pending": None if has_story else "/story browse is not loaded yet",
        "problems": problems[:3],
    }


def _child(db_path: Path, samples: int) -> None:
    logging.getLogger().setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="parley-bench-empty-") as tmp:
        empty = asyncio.run(_measure(Path(tmp) / "empty.db", samples))
    rss_empty = rss_mb()
    big = asyncio.run(_measure(db_path, samples))
    out = {
        "advice_top_p99_ms": big["advice_top_p99_ms"],
        "advice_top_empty_p99_ms": empty["advice_top_p99_ms"],
        "advice_top_ratio": ratio(big["advice_top_p99_ms"], empty["advice_top_p99_ms"]),
        "story_browse_search_p99_ms": big["story_browse_search_p99_ms"],
        "story_browse_search_empty_p99_ms": empty["story_browse_search_p99_ms"],
        "story_browse_ratio": ratio(
            big["story_browse_search_p99_ms"] or 0.0, empty["story_browse_search_p99_ms"] or 0.0
        ),
        "rss_mb": round(rss_mb(), 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "rss_empty_db_mb": round(rss_empty, 1),
        "pending": big["pending"],
        "problems": big["problems"] + empty["problems"],
    }
    print(json.dumps(out))


if __name__ == "__main__":
    _child(Path(sys.argv[1]), int(sys.argv[2]))
