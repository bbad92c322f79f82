"""The command line. Each module here is one verb: `register(subparsers)` adds it, `run(args)` executes it.

Verbs with a dash map to modules with an underscore (`eval-anon` -> `eval_anon.py`).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import pkgutil
import sys

from parley.config import ConfigError


def build_parser() -> argparse.ArgumentParser:
    """Build the parser with every verb found in this package."""
    parser = argparse.ArgumentParser(prog="python -m parley", description="Parley: a Discord plugin for freelancers.")
    sub = parser.add_subparsers(dest="verb", metavar="VERB")
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module.name.startswith("_"):
            continue
        importlib.import_module(f"{__name__}.{module.name}").register(sub)
    return parser


def default_verb() -> str:
    """With no verb: `run` when DISCORD_TOKEN is set or no one is at a terminal, else `try` (no token yet)."""
    if os.environ.get("DISCORD_TOKEN", "").strip() or not sys.stdin.isatty():
        return "run"
    return "try"


def main(argv: list[str]) -> int:
    """Parse arguments and run a verb; `run` when none is given."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    parser = build_parser()
    args = parser.parse_args(argv or [default_verb()])
    try:
        return int(args.func(args) or 0)
    except ConfigError as error:
        print(f"configuration error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
