"""Scale: votes and reads on a big community's database against the same on a small one.

Two databases are built once with Parley's own migrations and bulk inserts and cached in the temp directory under
names that carry the migrations' checksums (a new migration builds new ones): a small community (1 000 stories,
10 000 votes) and a big one (50 000 stories and 1 000 000 votes; 10 000 000 with `--scale 10m`; a tenth with
--quick). On each, in a child process (the bot on the offline Discord, so `rss_mb` is the bot's own memory with
every capability loaded): `/advice top`, `/story browse` with and without a search, `/story mine` (p99), then 200
members voting at once through VotesRepository.cast (their rows are deleted again afterwards). `growth` is each
command's p99 on the big database over the small one (the goal: cost flat in size); votes at the biggest size are
compared with A2 measured in this run on a fresh file (bot/bench/votes.py), and, for reference, with A2 run on the
big database itself, on the same 20 items (`votes_vs_a2_on_max_db`).
"""

from __future__ import annotations

import asyncio
import gc
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

SMALL = {"stories": 1_000, "votes": 10_000}
SIZES = {
    "1m": {"stories": 50_000, "votes": 1_000_000},
    "10m": {"stories": 50_000, "votes": 10_000_000},
    "quick": {"stories": 5_000, "votes": 100_000},
}
MEMBERS = 20_000
TIPS = 500
CHUNK = 50_000
RSS_GOAL_MB = 150
GROWTH_GOAL_MAX = 1.5
VOTES_VS_A2_GOAL_MIN = 0.7
MINE_STORIES = 8  # stories each bench member wrote: a full /story mine page (the card keeps what fits)
COMMANDS = ("advice_top", "story_browse", "story_search", "story_mine")


def cache_dir() -> Path:
    """Where built databases are kept between runs ($PARLEY_BENCH_CACHE, else <tmp>/parley-bench)."""
    return Path(os.environ.get("PARLEY_BENCH_CACHE", Path(tempfile.gettempdir()) / "parley-bench"))


def guild_id() -> int:
    """The offline Discord's guild id: the first snowflake of a fresh fake clock (deterministic)."""
    from parley.replay.clock import FakeClock

    return FakeClock().snowflake()


def run(*, quick: bool, scale: str = "1m") -> dict[str, Any]:
    """Build (or reuse) both databases, time commands and votes on each in a child process, compare."""
    from parley.bench.votes import anchor

    big = SIZES["quick" if quick else scale]
    # 40 a run, three runs a database: 120 samples, so the p99 is not simply the slowest one (with 45 it was, and
    # one scheduler hiccup on a shared machine moved a growth ratio from 1.2 to 2.0).
    samples = 10 if quick else 40
    started = time.perf_counter()
    small_path, _ = ensure_database(SMALL["stories"], SMALL["votes"])
    big_path, built = ensure_database(big["stories"], big["votes"])
    build_s = time.perf_counter() - started
    for path in (small_path, big_path):
        _read_through(path)
    # The two databases alternate (small, big, small, big, ...), so a noisy minute on a shared machine falls on
    # both rather than on one side of a ratio.
    runs: dict[str, list[dict[str, Any]]] = {"small": [], "max": []}
    for _ in range(1 if quick else 3):
        for name, path in (("small", small_path), ("max", big_path)):
            figures = _child_run(path, samples)
            if "error" in figures:
                return {"error": figures["error"]}
            runs[name].append(figures)
    small_figures, big_figures = _merged(runs["small"]), _merged(runs["max"])
    gc.collect()
    with tempfile.TemporaryDirectory(prefix="parley-bench-scale-a2-") as tmp:
        a2 = anchor(Path(tmp) / "a2.db", 2000, per_commit=1)
    # For reference beside the named figure: A2 on the big database itself (its rows are removed again), i.e. what
    # any commit-per-vote design pays at that size, random pages and checkpoints included.
    a2_here = anchor(big_path, 2000, per_commit=1, guild=guild_id(), fresh=False, items=_voted_items())
    growth = {name: ratio(big_figures[f"{name}_p99_ms"], small_figures[f"{name}_p99_ms"]) for name in COMMANDS}
    return {
        "stories": big["stories"],
        "votes": big["votes"],
        "db_mb": round(big_path.stat().st_size / 2**20, 1),
        "built_s" if built else "reused_s": round(build_s, 1),
        "small": {"stories": SMALL["stories"], "votes": SMALL["votes"], **small_figures},
        "max": big_figures,
        "growth": growth,
        "goal_growth_max": GROWTH_GOAL_MAX,
        "a2_per_s": round(a2, 1),
        "votes_vs_a2_at_max": ratio(big_figures["votes_per_s"], a2),
        "a2_at_max_per_s": round(a2_here, 1),
        "votes_vs_a2_on_max_db": ratio(big_figures["votes_per_s"], a2_here),
        "goal_votes_vs_a2_at_max_min": VOTES_VS_A2_GOAL_MIN,
        "exact_tallies": small_figures["exact_tallies"] and big_figures["exact_tallies"],
        "rss_mb": big_figures["rss_mb"],
        "rss_goal_mb": RSS_GOAL_MB,
    }


def _read_through(path: Path) -> None:
    """Read the whole file once, so the OS holds it in its page cache, as it does for a bot that has been running.

    A database built or reused by an earlier run may have been evicted meanwhile; then every vote's random page of
    the 2.5 GB file is a disk read and the figure measures the disk (2 900-5 500 votes/s at 10 M on this machine,
    against 15 000-17 000 with the file cached). SQLite's own cache is the child's memory and starts empty either
    way; the OS cache is outside the bot's RSS.
    """
    with path.open("rb") as file:
        while file.read(1 << 20):
            pass


def _merged(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One database's figures over its child runs: p99 over every sample, the median votes/s, the largest RSS."""
    rates = sorted(run["votes_per_s"] for run in runs)
    return {
        **{
            f"{name}_p99_ms": round(percentile([ms for run in runs for ms in run["latencies_ms"][name]], 99), 1)
            for name in COMMANDS
        },
        **{
            f"{name}_p50_ms": round(percentile([ms for run in runs for ms in run["latencies_ms"][name]], 50), 1)
            for name in COMMANDS
        },
        "samples": sum(len(run["latencies_ms"]["advice_top"]) for run in runs),
        "rss_mb": max(run["rss_mb"] for run in runs),
        "peak_rss_mb": max(run["peak_rss_mb"] for run in runs),
        "votes_per_s": rates[len(rates) // 2],
        "exact_tallies": all(run["exact_tallies"] for run in runs),
        "problems": [p for run in runs for p in run["problems"]][:3],
    }


def _child_run(path: Path, samples: int) -> dict[str, Any]:
    out = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "parley.bench.scale", str(path), str(samples)],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    if out.returncode != 0:
        return {"error": (out.stderr or out.stdout).strip().splitlines()[-1:] or ["child failed"]}
    figures: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


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
    from parley.domain.search_terms import index_terms
    from parley.knowledge import ARCHETYPE_IDS, load_knowledge

    rng = random.Random(seed)
    advice = [item.id for item in load_knowledge().all_items()]
    members = [_member(n) for n in range(MEMBERS)]
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
                    text,
                    "2026-01-01",
                    "2026-01-02",
                    "2026-01-03",
                    111,
                    10**17 + n,
                    index_terms(text),
                )
                for n, text in ((n, synthetic_story(rng, rng.randint(40, 110))) for n in range(1, stories + 1))
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


def _member(n: int) -> str:
    """The built database's n-th member key (a stand-in for the keyed hash)."""
    return hashlib.sha256(f"member:{n}".encode()).hexdigest()[:32]


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
    from parley.cogs._shared.runtime import services_for

    timings: dict[str, list[float]] = {name: [] for name in COMMANDS}
    problems: list[str] = []
    async with BurstSession(
        parley_factory(db_path), guild=GUILD, members=members(3), validate=False, strict=False, step_timeout=600
    ) as s:
        if s.fake.guild.id != guild_id():
            raise RuntimeError("the offline Discord's guild id changed; the scale database is for another id")
        services = services_for(s.bot)
        await _give_stories(services, s, guild_id())
        # A running bot has searched before: every word once, untimed, so the first search of a word does not
        # time the OS reading that part of a cold file.
        for word in SEARCH_WORDS:
            problems += (await s.burst([s.command_action("m000", "story browse", search=word)], label="warm")).problems
        for n in range(samples + 1):
            member = f"m{n % 3:03d}"
            word = SEARCH_WORDS[n % len(SEARCH_WORDS)]
            for name, action in (
                ("advice_top", s.command_action(member, "advice top")),
                ("story_browse", s.command_action(member, "story browse")),
                ("story_search", s.command_action(member, "story browse", search=word)),
                ("story_mine", s.command_action(member, "story mine")),
            ):
                burst = await s.burst([action], label=name)
                problems += burst.problems
                if n:  # the first of each is the warm-up
                    timings[name] += burst.latencies_ms
        rss, peak = rss_mb(), peak_rss_mb()
    votes = await _votes_here(db_path)
    return {
        "latencies_ms": {name: [round(v, 2) for v in values] for name, values in timings.items()},
        "rss_mb": round(rss, 1),
        "peak_rss_mb": round(peak, 1),
        **votes,
        "problems": problems[:3],
    }


async def _give_stories(services: Any, s: Any, guild: int) -> None:
    """Make the bench members authors of MINE_STORIES stories each (the same rows every run: idempotent)."""
    for k in range(3):
        key = services.identity.member_key(guild, s.fake.member(f"m{k:03d}").user.id)
        first, last = 1 + k * MINE_STORIES, (k + 1) * MINE_STORIES
        async with services.db.write() as tx:
            # Stories an earlier run gave this member beyond the range go back to their built author.
            for row in await tx.fetchall(
                statement("mine_elsewhere"),
                (guild, key, first, last),
            ):
                await tx.execute(statement("mine_restore"), (_member(row[0] % MEMBERS), row[0]))
            await tx.execute(statement("mine_give"), (key, guild, first, last))


async def _votes_here(db_path: Path, voters: int = 200, presses: int = 10) -> dict[str, Any]:
    """200 members voting at once on 20 advice items that already carry the database's votes; rows removed after.

    A first round by other members is not timed: a running bot has the hot pages of its database in memory, a
    child process that just opened the file has not.
    """
    from parley.database import Database
    from parley.database.repositories.votes import VotesRepository
    from parley.domain.votes import VoteTarget

    guild = guild_id()
    items = _voted_items()
    run = time.time_ns()
    keys = [hashlib.sha256(f"scale-voter:{run}:{n}".encode()).hexdigest()[:40] for n in range(voters)]
    warm = [hashlib.sha256(f"scale-warm:{run}:{n}".encode()).hexdigest()[:40] for n in range(voters)]

    async def resolve(reader: Any, guild_id: int, item_id: str) -> VoteTarget | None:
        return VoteTarget("advice", item_id)

    async with await Database.open(db_path) as db:
        repo = VotesRepository(db)

        async def member(who: list[str], n: int, rounds: int) -> None:
            for r in range(rounds):
                item = items[(n + r) % len(items)]
                await repo.cast(guild, who[n], "advice", item, "up" if (n + r) % 3 else "down", "t", resolve=resolve)

        await asyncio.gather(*(member(warm, n, 1) for n in range(voters)))
        before = sum(t.votes for t in (await repo.tallies(guild, "advice", items)).values())
        gc.collect()
        started = time.perf_counter()
        await asyncio.gather(*(member(keys, n, presses) for n in range(voters)))
        seconds = time.perf_counter() - started
        after = sum(t.votes for t in (await repo.tallies(guild, "advice", items)).values())
        async with db.write() as tx:
            await tx.executemany(
                statement("vote_delete"),  # by primary key: a member's forget would scan every vote
                [(guild, items[(n + r) % len(items)], keys[n]) for n in range(voters) for r in range(presses)],
            )
        restored = sum(t.votes for t in (await repo.tallies(guild, "advice", items)).values())
        async with db.write() as tx:
            await tx.executemany(
                statement("vote_delete"),  # by primary key: a member's forget would scan every vote
                [(guild, items[n % len(items)], warm[n]) for n in range(voters)],
            )
    return {
        "votes_per_s": round(voters * presses / seconds, 1),
        "exact_tallies": after - before == voters * presses and restored == before,
    }


def _voted_items() -> list[str]:
    """The 20 advice items the scale section votes on: they carry the big database's votes."""
    from parley.knowledge import load_knowledge

    return [item.id for item in load_knowledge().all_items()][:20]


def _child(db_path: Path, samples: int) -> None:
    logging.getLogger().setLevel(logging.WARNING)
    print(json.dumps(asyncio.run(_measure(db_path, samples))))


if __name__ == "__main__":
    _child(Path(sys.argv[1]), int(sys.argv[2]))
