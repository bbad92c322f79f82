"""`python -m parley try`: Parley in this terminal, on an offline Discord server, with no token.

The verb is `try` (a Python keyword, hence the module name). Everything it needs is imported when it runs, so
`python -m parley run` never loads the terminal libraries.
"""

from __future__ import annotations

import argparse
import asyncio


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `try` verb."""
    p = sub.add_parser(
        "try",
        help="try Parley in this terminal: an offline Discord server, no token needed",
        description=(
            "An interactive session with the real bot on a throwaway Discord server that lives in this process "
            "(#help, #stories, #mod-queue, a Moderators role, Parley already set up). Type slash commands as in "
            "Discord; numbers press buttons and pick menu options; `switch moderator` changes who you are."
        ),
    )
    p.add_argument("--lang", choices=["en", "ar", "fi", "ru"], help="your language (default: from $LANG, else en)")
    p.add_argument(
        "--as",
        dest="persona",
        choices=["member", "moderator", "admin"],
        default="member",
        help="who you are at the start (default: member)",
    )
    p.add_argument("--db", help="keep the database in this file (default: a temporary one, gone on exit)")
    p.add_argument("--config", help="Parley config file (default: $PARLEY_CONFIG, else built-in defaults)")
    p.add_argument(
        "--no-bidi",
        action="store_true",
        help="leave right-to-left text in logical order (for terminals that reorder it themselves, e.g. Konsole)",
    )
    p.add_argument("--ids", action="store_true", help="show custom ids and option values (for bot authors)")
    p.add_argument("--width", type=int, help="screen width in columns (default: the terminal's, at most 100)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the session until Ctrl-D."""
    from parley.terminal.app import run_try

    return asyncio.run(run_try(args))
