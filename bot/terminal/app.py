"""`python -m parley try`: put the sandbox, the REPL and the terminal together."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from parley.config import Config, load_config
from parley.terminal.io import LineIO, PromptIO, TerminalIO
from parley.terminal.repl import Repl, Style, banner
from parley.terminal.sandbox import HELP, Sandbox, SandboxError

log = logging.getLogger(__name__)

LANGUAGES = ("en", "ar", "fi", "ru")
MAX_WIDTH = 100
MIN_WIDTH = 40
# ECMA-48 BDSM (Bi-Directional Support Mode), as in the terminal bidi recommendation VTE follows: "explicit" mode
# tells a terminal that reorders on its own (VTE, gnome-terminal) that this program already did. Others ignore it.
EXPLICIT_BIDI, IMPLICIT_BIDI = "\x1b[8l", "\x1b[8h"


def language_from_env(env: dict[str, str] | os._Environ[str] = os.environ) -> str:
    """The Parley language matching $LC_ALL / $LC_MESSAGES / $LANG (fi_FI.UTF-8 -> fi), else English."""
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(key, "")
        code = value.split("_")[0].split(".")[0].casefold()
        if code in LANGUAGES:
            return code
        if value:
            break
    return "en"


def _width(requested: int | None) -> int:
    if requested:
        return max(requested, MIN_WIDTH)
    return max(min(shutil.get_terminal_size((80, 24)).columns, MAX_WIDTH), MIN_WIDTH)


@contextlib.contextmanager
def _log_to(path: Path) -> Iterator[None]:
    """Keep the bot's logs off the screen while the session runs: they go to a file error messages point at."""
    root = logging.getLogger()
    saved, level = list(root.handlers), root.level
    for handler in saved:
        root.removeHandler(handler)
    handler = logging.FileHandler(path, mode="w", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield
    finally:
        root.removeHandler(handler)
        handler.close()
        for old in saved:
            root.addHandler(old)
        root.setLevel(level)


def _settings(args: argparse.Namespace, tmp: Path) -> tuple[Config, Path | None]:
    """The config with the session's database (--db, else a temporary one) and Discord's spec when it is there."""
    env = dict(os.environ)
    env["PARLEY_DB_PATH"] = str(Path(args.db).expanduser() if args.db else tmp / "parley.db")
    config = load_config(args.config, env=env)
    spec = config.replay.resolved_spec_path()
    return config, spec if spec.exists() else None


async def run_try(args: argparse.Namespace) -> int:
    """Start the sandbox, run the REPL until Ctrl-D; 0 on a normal exit."""
    lang = args.lang or language_from_env()
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    # One log per machine, overwritten by each session: it outlives the session for whoever reads an error.
    log_path = Path(tempfile.gettempdir()) / "parley-try.log"
    with tempfile.TemporaryDirectory(prefix="parley-try-") as tmp, _log_to(log_path):
        config, spec = _settings(args, Path(tmp))
        sandbox = Sandbox(config, lang=lang, spec_path=spec)
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
        style = Style(
            width=_width(args.width), color=color, reorder=not args.no_bidi, show_ids=bool(getattr(args, "ids", False))
        )
        repl = Repl(sandbox, LineIO(), style=style, persona=args.persona, log_path=log_path)
        repl.io = _terminal_io(repl, interactive)
        explicit = style.reorder and sys.stdout.isatty()
        if explicit:
            sys.stdout.write(EXPLICIT_BIDI)
        try:
            try:
                notes = await sandbox.start()
            except SandboxError as exc:
                for details in exc.details:
                    log.error("startup failed:\n%s", details)
                sys.stderr.write(f"Parley could not start: {exc}\n")
                return 1
            repl.say(banner(sandbox, args.persona, notes, spec_checked=sandbox.spec_path is not None))
            if sandbox.has_command("parley"):
                await repl.after(await sandbox.session.command(repl.member, "parley", in_="#" + HELP))
            return await repl.run()
        finally:
            await sandbox.close()
            if explicit:
                sys.stdout.write(IMPLICIT_BIDI)
                sys.stdout.flush()


def _terminal_io(repl: Repl, interactive: bool) -> TerminalIO:
    if interactive:
        with contextlib.suppress(ImportError):
            return PromptIO(repl.suggest)
    # Piped input is not typed by anyone: echo it, so the output reads like the session it was.
    return LineIO(echo=not sys.stdin.isatty())
