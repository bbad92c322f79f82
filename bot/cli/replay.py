"""`python -m parley replay [--json] [--config PATH] SCENARIO.json`: drive the bot through a scripted session."""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import os
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `replay` verb."""
    p = sub.add_parser(
        "replay",
        help="run a scenario against an in-process fake Discord and print the transcript",
        description="Exit code 0 when every step ran without error and no request violated Discord's API spec.",
    )
    p.add_argument("scenario", help="scenario JSON file")
    p.add_argument("--json", action="store_true", help="print the transcript as JSON")
    p.add_argument("--config", help="Parley config file (default: $PARLEY_CONFIG, else built-in defaults)")
    p.add_argument("--db", help="database path (default: a fresh temporary SQLite database)")
    p.add_argument("--spec", help="Discord OpenAPI spec (default: [replay] spec_path, $PARLEY_DISCORD_SPEC, shared)")
    p.add_argument("--factory", help="module:callable building another bot (async, no arguments) instead of Parley")
    p.add_argument("--step-timeout", type=float, help="seconds a step may take (default 10)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the scenario; print the transcript; 0 = all steps fine and no spec violation."""
    from parley.replay import ScenarioError, run_scenario

    with tempfile.TemporaryDirectory(prefix="parley-replay-") as tmp:
        env = dict(os.environ)
        # A scenario starts from an empty database unless told otherwise; restarts reuse the same file.
        env["PARLEY_DB_PATH"] = args.db or str(Path(tmp) / "parley.db")
        try:
            factory, spec_path = _factory_and_spec(args, env)
            transcript = run_scenario(args.scenario, factory, spec_path=spec_path, step_timeout=args.step_timeout)
        except ScenarioError as exc:
            print(f"replay: {exc}", file=sys.stderr)
            return EXIT_USAGE
    if args.json:
        json.dump(transcript, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_transcript(transcript))
    return EXIT_OK if transcript["ok"] else EXIT_FAILED


def _factory_and_spec(args: argparse.Namespace, env: Mapping[str, str]) -> tuple[Callable[[], Any], str | None]:
    spec_path = args.spec
    if args.factory:
        return _import_factory(args.factory), spec_path
    from parley.app import create_bot
    from parley.config import load_config

    config = load_config(args.config, env=env)
    if spec_path is None and config.replay.spec_path:
        spec_path = str(config.replay.resolved_spec_path())

    from parley.domain.clock import FakeClock

    # One fake clock for the whole scenario, shared across restarts, so {"advance": s} steps can age flows.
    clock = FakeClock()

    async def factory() -> Any:
        return await create_bot(config, clock=clock)

    return factory, spec_path


def _import_factory(target: str) -> Callable[[], Any]:
    module_name, _, attr = target.partition(":")
    if not attr:
        raise SystemExit(f"--factory wants module:callable, got {target!r}")
    obj = getattr(importlib.import_module(module_name), attr)

    async def factory() -> Any:
        result = obj()
        return await result if inspect.isawaitable(result) else result

    return factory


def format_transcript(transcript: dict[str, Any]) -> str:
    """A human-readable transcript (what each member saw, step by step)."""
    lines = [f"scenario: {transcript.get('scenario') or '-'}"]
    if transcript["startup"]["error"]:
        lines.append(f"startup error: {transcript['startup']['error']}")
    for step in transcript["steps"]:
        lines.append(f"[{step['step']}] {step['action']}")
        for seen in step["visible"]:
            who = f" (only {seen['to']})" if seen["ephemeral"] else ""
            if "modal" in seen:
                modal = seen["modal"]
                fields = ", ".join(f["label"] for f in modal["fields"])
                lines.append(f"    modal{who}: {modal['title']} [{fields}]")
                continue
            lines.append(f"    {seen['event']} in {seen['channel']}{who}:")
            for text in (seen["content"] or "").splitlines():
                lines.append(f"      | {text}")
            for embed in seen["embeds"]:
                lines.append(f"      [embed] {embed.get('title', '')} {embed.get('description', '')}".rstrip())
            for comp in seen["components"]:
                if comp["type"] == "button":
                    lines.append(f"      [button] {comp['label']}")
                else:
                    lines.append(
                        f"      [select] {comp.get('placeholder') or ''}: {' | '.join(comp.get('options', []))}"
                    )
        if step["error"]:
            lines.append(f"    ERROR: {step['error']}")
        for v in step.get("spec_violations", []):
            lines.append(f"    SPEC VIOLATION: {v['method']} {v['path']} {v['pointer']}: {v['message']}")
    lines.append("ok" if transcript["ok"] else f"FAILED ({len(transcript['spec_violations'])} spec violation(s))")
    return "\n".join(lines) + "\n"
