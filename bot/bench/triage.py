"""Triage: time per message over the dev set, beside the fixed cost of the same call on a cue-less word."""

from __future__ import annotations

import time
from typing import Any

from parley.bench.data import triage_texts
from parley.bench.stats import ms, percentile, ratio, time_calls

# A word no lexicon cues on: the call still detects the language, extracts (nothing) and scores 14 archetypes,
# so it is the floor every message pays.
NOOP_TEXT = "ok"


def run(*, quick: bool) -> dict[str, Any]:
    """Classify every dev message `repeat` times; report p50/p99 per message and the no-op floor."""
    from parley.domain.triage import classify, get_engine

    texts = triage_texts()
    started = time.perf_counter()
    get_engine()  # the lexicon and weights load once per process; not part of a message's cost
    load_s = time.perf_counter() - started
    inputs = [text for _, text in texts.texts]
    repeat = 3 if quick else 20
    classify(text=inputs[0])  # warm caches the way a running bot has them
    per_message = time_calls(lambda text: classify(text=text), inputs, repeat=repeat)
    noop = time_calls(lambda text: classify(text=text), [NOOP_TEXT] * len(inputs), repeat=repeat)
    p50, p99, noop_p50 = percentile(per_message, 50), percentile(per_message, 99), percentile(noop, 50)
    return {
        "messages": len(per_message),
        "source": texts.source,
        "per_message_ms_p50": ms(p50),
        "per_message_ms_p99": ms(p99),
        "noop_ms_p50": ms(noop_p50),
        "ratio_p50": ratio(p50, noop_p50),
        "load_s": round(load_s, 3),
    }
