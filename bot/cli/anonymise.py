"""`python -m parley anonymise [--json] [--lang xx]`: anonymise the story read on standard input."""

from __future__ import annotations

import argparse
import json
import logging
import sys

log = logging.getLogger(__name__)

LANG_CHOICES = ("en", "ar", "fi", "ru")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the anonymise verb."""
    p = sub.add_parser("anonymise", help="replace names, companies, places, contacts and ids in text from stdin")
    p.add_argument(
        "--json", action="store_true", help='print {"text", "spans": [{"start", "end", "type"}], "suspects": [...]}'
    )
    p.add_argument("--lang", choices=LANG_CHOICES, default=None, help="language of the text (detected if omitted)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read stdin, print the redacted text (or JSON with spans as offsets into the input)."""
    from parley.domain.anonymiser import Anonymiser

    text = sys.stdin.read()
    result = Anonymiser.load().anonymise(text, args.lang)
    if args.json:
        payload = {
            "text": result.text,
            "spans": [{"start": s.start, "end": s.end, "type": s.type} for s in result.spans],
            # Words left in place that may still identify someone (offsets into the input, like spans).
            "suspects": [{"start": s.start, "end": s.end, "type": s.type} for s in result.suspects],
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(result.text)
        if not result.text.endswith("\n"):
            sys.stdout.write("\n")
    return 0
