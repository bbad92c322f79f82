"""`python -m parley bench --quick --json`: one JSON object, every section measured beside its baseline."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

from parley.bench import GOALS, SECTIONS, goals
from parley.bench.stats import percentile, ratio

ROOT = Path(__file__).resolve().parents[2]
# The figures the benchmark issue names, per section (each must be a number in every run).
FIGURES = {
    "triage": ("per_message_ms_p50", "per_message_ms_p99", "noop_ms_p50", "ratio_p50"),
    "anonymise": ("per_story_ms_p50", "per_story_ms_p99", "load_s", "load_rss_mb", "ratio_p50"),
    "votes": ("concurrent_voters", "votes_per_s", "raw_sqlite_commits_per_s", "ratio"),
    "interactions": ("p50_ms", "p99_ms", "bare_p50_ms", "bare_p99_ms", "ratio"),
    "scale": ("advice_top_p99_ms", "advice_top_empty_p99_ms", "advice_top_ratio", "rss_mb"),
    "startup": ("ready_s", "bare_ready_s", "ratio"),
}


def test_quick_bench_prints_every_figure_with_its_baseline(tmp_path):
    env = {**os.environ, "PARLEY_BENCH_CACHE": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-m", "parley", "bench", "--quick", "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    report = json.loads(out.stdout)
    assert report["quick"] is True
    assert {"nproc", "cpu", "ram_gb"} <= set(report["machine"])
    for section, names in FIGURES.items():
        figures = report[section]
        assert "error" not in figures, figures
        for name in names:
            value = figures[name]
            assert isinstance(value, int | float) and math.isfinite(value) and value >= 0, (section, name, value)
    assert report["votes"]["concurrent_voters"] == 200 and report["votes"]["exact_tallies"] is True
    assert report["interactions"]["concurrent"] == 200 and report["interactions"]["errors"] == 0
    assert report["scale"]["problems"] == []
    # /story browse is measured once the stories capability is loaded; until then it says so.
    assert isinstance(report["scale"]["story_browse_search_p99_ms"], float) or report["scale"]["pending"]
    assert set(report["goals"]) == {f"{s}.{f} {op} {t:g}" for s, f, op, t in GOALS}
    assert report["seconds"] < 60


def test_only_runs_the_sections_asked_for():
    out = subprocess.run(
        [sys.executable, "-m", "parley", "bench", "--quick", "--only", "triage"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert "per_message_ms_p99" in out.stdout and "votes_per_s" not in out.stdout


def test_percentiles_interpolate():
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([10], 99) == 10
    assert percentile(list(range(101)), 99) == 99
    assert math.isnan(percentile([], 50))


def test_ratio_needs_a_baseline():
    assert ratio(3.0, 1.5) == 2.0
    assert ratio(1.0, 0.0) is None
    assert ratio(math.nan, 1.0) is None


def test_goals_are_met_missed_or_not_measured():
    report = {"votes": {"ratio": 0.7}, "interactions": {"ratio": 4.0}, "scale": {"error": "boom"}}
    assert goals(report) == {"votes.ratio >= 0.5": True, "interactions.ratio <= 3": False, "scale.rss_mb <= 120": None}
    assert set(SECTIONS) >= {s for s, _, _, _ in GOALS}
