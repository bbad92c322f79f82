"""The benchmark suite behind `python -m parley bench`: one module per section, each with its baseline beside it.

Every section returns a dict of figures measured in this run; a baseline (a no-op call, plain sqlite3, a bot that
only answers, an empty database) is measured in the same run on the same machine, so ratios can be compared
across machines while absolute numbers cannot. Goals are reported, never enforced here (machines are noisy).
"""

from __future__ import annotations

import importlib
import time
import traceback
from collections.abc import Iterable
from typing import Any

from parley.bench.stats import machine

SECTIONS = ("triage", "anonymise", "votes", "interactions", "scale", "startup")

# (section, figure, comparison, goal): read from the results by dotted name, reported as met / not met / unknown.
GOALS = (
    ("votes", "vs_a2", ">=", 2.0),
    ("scale", "votes_vs_a2_at_max", ">=", 0.7),
    ("scale", "growth.advice_top", "<=", 1.5),
    ("scale", "growth.story_browse", "<=", 1.5),
    ("scale", "growth.story_search", "<=", 1.5),
    ("scale", "growth.story_mine", "<=", 1.5),
    ("interactions", "ack_p99_ms", "<=", 1000.0),
    ("interactions", "unloaded_vs_minimal", "<=", 2.0),
    ("interactions", "cpu_ms.vote", "<=", 2.0),
    ("interactions", "cpu_ms.situation", "<=", 3.0),
    ("interactions", "round_trips_max", "<=", 5),
    ("scale", "rss_mb", "<=", 150.0),
)


def run_suite(*, quick: bool, only: Iterable[str] | None = None, scale: str = "1m") -> dict[str, Any]:
    """Run the chosen sections (all by default) and return one JSON-ready report.

    `scale` is the biggest database the scale section builds: "1m" votes (default) or "10m".
    """
    chosen = [name for name in SECTIONS if only is None or name in set(only)]
    report: dict[str, Any] = {"quick": quick, "machine": machine()}
    started = time.perf_counter()
    for name in chosen:
        section_started = time.perf_counter()
        try:
            module = importlib.import_module(f"parley.bench.{name}")
            figures = module.run(quick=quick, scale=scale) if name == "scale" else module.run(quick=quick)
        except Exception as exc:  # one broken section must not hide the others' figures
            figures = {"error": f"{type(exc).__name__}: {exc}", "trace": traceback.format_exc(limit=3)}
        figures["section_s"] = round(time.perf_counter() - section_started, 2)
        report[name] = figures
    report["seconds"] = round(time.perf_counter() - started, 2)
    report["goals"] = goals(report)
    return report


def figure(report: dict[str, Any], section: str, dotted: str) -> Any:
    """A figure by its stable name: figure(report, "scale", "growth.advice_top") (None when absent)."""
    value: Any = report.get(section, {})
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def goals(report: dict[str, Any]) -> dict[str, bool | None]:
    """Each goal, keyed "section.figure op target": True (met), False (missed), None (not measured in this run)."""
    out: dict[str, bool | None] = {}
    for section, name, op, target in GOALS:
        value = figure(report, section, name)
        key = f"{section}.{name} {op} {target:g}"
        if not isinstance(value, int | float) or isinstance(value, bool):
            out[key] = None
        else:
            out[key] = value >= target if op == ">=" else value <= target
    return out


def errors(report: dict[str, Any]) -> list[str]:
    """Sections that failed to run."""
    return [name for name in SECTIONS if isinstance(report.get(name), dict) and "error" in report[name]]
