"""`python -m parley check`: an offline self-test a bot admin (or CI) can run without a token."""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path

from parley.config import Config, load_config

Step = Callable[[], Awaitable[str]]


class CheckFailedError(Exception):
    """A check found problems; the message lists them."""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `check` verb."""
    p = sub.add_parser("check", help="offline self-test: config, migrations, cogs, commands, catalogs, templates")
    p.add_argument("--config")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run every check, print one line each, exit non-zero if any failed."""
    config = load_config(args.config)
    print(f"config: ok ({config.source or 'defaults'})")
    return asyncio.run(_run_all(config))


def _fail_on(problems: list[str]) -> None:
    if problems:
        shown = "\n    ".join(problems[:40])
        more = f"\n    ... and {len(problems) - 40} more" if len(problems) > 40 else ""
        raise CheckFailedError(f"{len(problems)} problem(s):\n    {shown}{more}")


async def _run_all(config: Config) -> int:
    with tempfile.TemporaryDirectory(prefix="parley-check-") as tmp:
        db_path = str(Path(tmp) / "check.db")
        # Always a throwaway SQLite file: `check` must never migrate a live database, PostgreSQL included.
        config = replace(config, database=replace(config.database, path=db_path, url=None))
        steps = _steps(config)
        failed = 0
        for name, step in steps:
            try:
                print(f"{name}: ok ({await step()})")
            except CheckFailedError as error:
                failed += 1
                print(f"{name}: FAILED: {error}")
            except Exception as error:  # a crash in one check must not hide the others
                failed += 1
                print(f"{name}: FAILED: {type(error).__name__}: {error}")
        print("all checks passed" if not failed else f"{failed} check(s) failed")
        return 1 if failed else 0


def _steps(config: Config) -> list[tuple[str, Step]]:
    state: dict[str, object] = {}

    async def migrations() -> str:
        from parley.database import Database

        db = await Database.from_config(config.database)
        try:
            applied = await db.migrate()
            again = await db.migrate()
        finally:
            await db.close()
        if again:
            raise CheckFailedError(f"migrations re-applied on a second run: {again}")
        return f"{len(applied)} applied to a fresh database, rerun applies none"

    async def knowledge() -> str:
        from parley.knowledge import load_knowledge
        from parley.knowledge.rights import load_rights

        kb = load_knowledge()
        rights = load_rights()  # the know-your-rights cards: sourced, dated, disclaimed, four languages
        return (
            f"{len(kb.archetypes)} archetypes, {len(list(kb.all_items()))} advice items, "
            f"{len(rights.cards)} rights cards, 4 languages"
        )

    async def catalogs() -> str:
        from parley.i18n import LANGUAGES
        from parley.i18n.catalogs import check, extract

        _fail_on(check())
        return f"{len(extract())} messages complete in {', '.join(LANGUAGES)}"

    async def cogs() -> str:
        from parley.app import create_bot

        bot = await create_bot(config)
        await bot.__aenter__()
        await bot.setup_hook()
        state["bot"] = bot
        return f"{len(bot.cogs)} cogs loaded: {', '.join(sorted(bot.cogs))}"

    def started_bot() -> object:
        if "bot" not in state:
            raise CheckFailedError("skipped: the cogs did not load")
        return state["bot"]

    async def command_tree() -> str:
        from parley.checks.command_tree import check_tree

        problems, count = await check_tree(started_bot().tree)  # type: ignore[attr-defined]
        _fail_on(problems)
        return f"{count} commands within Discord's limits in en, fi, ru"

    async def templates() -> str:
        from parley.checks.templates import check_templates
        from parley.cogs._shared.cog import ParleyCog
        from parley.cogs._shared.runtime import services_for

        bot = started_bot()
        services = services_for(bot)  # type: ignore[arg-type]
        samples: dict[str, list] = {}
        for cog in bot.cogs.values():  # type: ignore[attr-defined]
            if isinstance(cog, ParleyCog):
                for name, cases in cog.template_samples.items():
                    samples.setdefault(name, []).extend(cases)
        problems, renders = check_templates(services.renderer, services.i18n, samples)
        await bot.close()  # type: ignore[attr-defined]
        _fail_on(problems)
        return f"{renders} card renders within Discord's limits"

    async def drafts() -> str:
        from parley.domain.drafts import check_drafts

        problems, renders = check_drafts()
        _fail_on(list(problems))
        return f"{renders} renders: every kind x language x tone, full and required-only values"

    return [
        ("migrations", migrations),
        ("knowledge", knowledge),
        ("catalogs", catalogs),
        ("cogs", cogs),
        ("commands", command_tree),
        ("templates", templates),
        ("drafts", drafts),
    ]
