"""`python -m parley bench --quick --json`: one JSON object, every section measured beside its baseline."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

from parley.bench import GOALS, SECTIONS, figure, goals
from parley.bench.stats import percentile, ratio

ROOT = Path(__file__).resolve().parents[2]
# The figures the benchmark issues name, per section, by their stable dotted names (each a number in every run).
FIGURES = {
    "triage": ("per_message_ms_p50", "per_message_ms_p99", "noop_ms_p50", "ratio_p50"),
    "anonymise": ("per_story_ms_p50", "per_story_ms_p99", "load_s", "load_rss_mb", "ratio_p50"),
    "votes": ("concurrent_voters", "votes_per_s", "a2_per_s", "a4_per_s", "vs_a2", "vs_a4"),
    "interactions": (
        "ack_p99_ms",
        "unloaded_vs_minimal",
        "cpu_ms.vote",
        "cpu_ms.situation",
        "round_trips_max",
        "burst_p99_ms",
        "bare_burst_p99_ms",
    ),
    "scale": (
        "votes_vs_a2_at_max",
        "growth.advice_top",
        "growth.story_browse",
        "growth.story_search",
        "growth.story_mine",
        "rss_mb",
        "max.votes_per_s",
        "small.advice_top_p99_ms",
    ),
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
        timeout=900,  # a loaded CI machine; how long it takes is the bench's own figure, not asserted here
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    report = json.loads(out.stdout)
    assert report["quick"] is True
    assert {"nproc", "cpu", "ram_gb"} <= set(report["machine"])
    for section, names in FIGURES.items():
        assert "error" not in report[section], report[section]
        for name in names:
            value = figure(report, section, name)
            assert isinstance(value, int | float) and math.isfinite(value) and value >= 0, (section, name, value)
    assert report["votes"]["concurrent_voters"] == 200 and report["votes"]["exact_tallies"] is True
    assert report["interactions"]["concurrent"] == 200 and report["interactions"]["errors"] == 0
    assert report["interactions"]["round_trips_max"] >= 1  # the counter sees the database at all
    assert report["scale"]["exact_tallies"] is True
    assert report["scale"]["max"]["problems"] == [] and report["scale"]["small"]["problems"] == []
    assert set(report["goals"]) == {f"{s}.{f} {op} {t:g}" for s, f, op, t in GOALS}


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
    report = {
        "votes": {"vs_a2": 2.5},
        "interactions": {"cpu_ms": {"vote": 2.5, "situation": 1.0}, "round_trips_max": 3},
        "scale": {"error": "boom"},
    }
    found = goals(report)
    assert found["votes.vs_a2 >= 2"] is True
    assert found["interactions.cpu_ms.vote <= 2"] is False
    assert found["interactions.cpu_ms.situation <= 3"] is True
    assert found["interactions.round_trips_max <= 5"] is True
    assert found["scale.growth.advice_top <= 1.5"] is None
    assert found["interactions.ack_p99_ms <= 1000"] is None
    assert set(SECTIONS) >= {s for s, _, _, _ in GOALS}


def test_figures_are_read_by_their_dotted_names():
    report = {"scale": {"growth": {"advice_top": 1.1}}, "votes": {"vs_a2": 2.0}}
    assert figure(report, "scale", "growth.advice_top") == 1.1
    assert figure(report, "votes", "vs_a2") == 2.0
    assert figure(report, "scale", "growth.story_mine") is None
    assert figure(report, "interactions", "cpu_ms.vote") is None
