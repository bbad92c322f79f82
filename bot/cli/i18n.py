"""`python -m parley i18n check|update`: keep the catalogs complete."""

from __future__ import annotations

import argparse

from parley.i18n import catalogs


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `i18n` verb."""
    p = sub.add_parser("i18n", help="check or update the translation catalogs")
    p.add_argument("action", choices=("check", "update"))
    p.add_argument("--into", default="parley", help="catalog file (without .po) that receives new msgids")
    p.add_argument("--from", dest="sources", nargs="*", default=[], help="only msgids found under these paths")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Report catalog problems, or append missing msgids for translators."""
    if args.action == "update":
        added = catalogs.update(args.into, tuple(args.sources))
        print(", ".join(f"{lang}: +{n}" for lang, n in added.items()))
        return 0
    problems = catalogs.check()
    for problem in problems:
        print(problem)
    print(f"{len(problems)} catalog problem(s)" if problems else "catalogs complete in every language")
    return 1 if problems else 0
