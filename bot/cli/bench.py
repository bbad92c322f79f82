"""`python -m parley bench [--quick] [--json] [--only SECTION ...] [--scale 10m]`: the benchmark suite (bot/bench/)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import Any


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `bench` verb."""
    from parley.bench import SECTIONS

    p = sub.add_parser(
        "bench",
        help="measure triage, anonymiser, votes, interactions, scale and start-up, each beside its baseline",
        description="Every figure is measured in this run with its baseline; compare ratios, not absolute numbers.",
    )
    p.add_argument("--quick", action="store_true", help="a reduced run (under a minute) for CI")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--only", nargs="+", choices=SECTIONS, metavar="SECTION", help=f"run only these: {SECTIONS}")
    p.add_argument(
        "--scale",
        choices=("1m", "10m"),
        default="1m",
        help="the scale section's biggest database: 1 M votes (default) or 10 M (built once, ~3 GB, minutes)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the suite; exit 1 if a section could not run (a missed goal is reported, not an error)."""
    from parley.bench import errors, run_suite

    # Per-interaction INFO lines would be timed too; warnings and errors still show.
    logging.getLogger().setLevel(logging.WARNING)
    report = run_suite(quick=args.quick, only=args.only, scale=args.scale)
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_report(report))
    return 1 if errors(report) else 0


def format_report(report: dict[str, Any]) -> str:
    """A plain-text rendering: one block per section, one figure per line."""
    m = report["machine"]
    lines = [f"Parley bench{' (quick)' if report['quick'] else ''}: {m['nproc']} CPU {m['cpu']}, {m['ram_gb']} GB RAM"]
    for name, figures in report.items():
        if name in ("quick", "machine", "seconds", "goals") or not isinstance(figures, dict):
            continue
        lines.append(f"\n{name}")
        lines.extend(f"  {key:<34} {value}" for key, value in figures.items() if key != "trace")
    lines.append("\ngoals")
    lines.extend(
        f"  {goal:<34} {'met' if ok else 'MISSED' if ok is False else 'not measured'}"
        for goal, ok in report["goals"].items()
    )
    lines.append(f"\n{report['seconds']} s in all\n")
    return "\n".join(lines)
