"""Anonymiser: time per story over the dev set, and its start-up cost measured in a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from parley.bench.data import anon_texts
from parley.bench.stats import ms, percentile, ratio, rss_mb, time_calls

NOOP_TEXT = "ok"


def run(*, quick: bool) -> dict[str, Any]:
    """Anonymise every dev story `repeat` times; the load is timed in a child for a clean memory delta."""
    from parley.domain.anonymiser import Anonymiser

    texts = anon_texts()
    anonymiser = Anonymiser.load()
    repeat = 3 if quick else 20
    anonymiser.anonymise(texts.texts[0][1], texts.texts[0][0])
    per_story = time_calls(lambda item: anonymiser.anonymise(item[1], item[0]), texts.texts, repeat=repeat)
    noop = time_calls(lambda item: anonymiser.anonymise(NOOP_TEXT, "en"), texts.texts, repeat=repeat)
    p50, p99, noop_p50 = percentile(per_story, 50), percentile(per_story, 99), percentile(noop, 50)
    return {
        "stories": len(per_story),
        "source": texts.source,
        "per_story_ms_p50": ms(p50),
        "per_story_ms_p99": ms(p99),
        "noop_ms_p50": ms(noop_p50),
        "ratio_p50": ratio(p50, noop_p50),
        **load_cost(),
    }


def load_cost() -> dict[str, Any]:
    """`Anonymiser.load()` in a fresh interpreter: seconds and the resident memory it adds."""
    out = subprocess.run(
        [sys.executable, "-m", "parley.bench.anonymise"], capture_output=True, text=True, timeout=120, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _child() -> None:
    import importlib
    import time

    # What a process pays to be able to anonymise: importing the package (its modules may read data at import)
    # and Anonymiser.load(); the interpreter and this module are already there before the first reading.
    before = rss_mb()
    started = time.perf_counter()
    module = importlib.import_module("parley.domain.anonymiser")
    imported = time.perf_counter()
    module.Anonymiser.load()
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "load_s": round(done - started, 3),
                "load_rss_mb": round(rss_mb() - before, 1),
                "import_s": round(imported - started, 3),
            }
        )
    )


if __name__ == "__main__":
    _child()
