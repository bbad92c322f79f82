"""Start-up: seconds from launching a process to the bot being ready on the offline Discord.

Ready = logged in, setup_hook done (services built, migrations checked, every cog loaded), READY and GUILD_CREATE
handled. Timed from the parent, around the whole child process start, on an already migrated database (a restart)
and on a fresh one (first run: every migration applied). The baseline is the bare bot through the same harness.
"""

from __future__ import annotations

import asyncio
import logging
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from parley.bench.stats import ratio

READY = "READY"


def run(*, quick: bool) -> dict[str, Any]:
    """Launch the child for each case (median of a few runs) and report seconds to ready."""
    runs = 1 if quick else 3
    with tempfile.TemporaryDirectory(prefix="parley-bench-startup-") as tmp:
        db = Path(tmp) / "parley.db"
        first_run = _time_child("parley", db)  # applies every migration
        restart = statistics.median(_time_child("parley", db) for _ in range(runs))
        bare = statistics.median(_time_child("bare", db) for _ in range(runs))
        interpreter = statistics.median(_time_interpreter() for _ in range(runs))
    return {
        "ready_s": round(restart, 3),
        "first_run_s": round(first_run, 3),
        "bare_ready_s": round(bare, 3),
        "interpreter_s": round(interpreter, 3),
        "ratio": ratio(restart, bare),
    }


def _time_child(which: str, db: Path) -> float:
    started = time.perf_counter()
    with subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "parley.bench.startup", which, str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdout is not None
        for line in child.stdout:
            if line.strip() == READY:
                elapsed = time.perf_counter() - started
                break
        else:
            _, err = child.communicate(timeout=60)
            raise RuntimeError(f"the {which} bot never became ready: {err.strip().splitlines()[-1:]}")
        child.communicate(timeout=60)
    return elapsed


def _time_interpreter() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - started


async def _start(which: str, db: Path) -> None:
    from parley.replay import ReplaySession

    if which == "bare":
        from parley.bench.bare import create_bare_bot as factory
    else:
        from parley.bench.interactions import parley_factory

        factory = parley_factory(db)
    session = ReplaySession(factory, guild={"channels": ["help"]}, members=["alice"], validate=False)
    await session.start()
    print(READY, flush=True)
    await session.close()


if __name__ == "__main__":
    logging.getLogger().setLevel(logging.WARNING)
    asyncio.run(_start(sys.argv[1], Path(sys.argv[2])))
