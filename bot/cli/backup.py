"""`python -m parley backup PATH`: copy the live database with SQLite's online backup API and verify the copy."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from parley.config import Config, load_config
from parley.database import Database, DatabaseError


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `backup` verb."""
    p = sub.add_parser("backup", help="copy the database (safe while the bot runs) and check the copy")
    p.add_argument("path", type=Path, help="file to write the copy to")
    p.add_argument("--force", action="store_true", help="overwrite PATH if it exists")
    p.add_argument("--config", help="TOML config file (default: $PARLEY_CONFIG)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Back up the database; 0 when the copy passed PRAGMA integrity_check, 1 otherwise."""
    config = load_config(args.config)
    if args.path.exists() and not args.force:
        print(f"error: '{args.path}' already exists; use --force to overwrite it", file=sys.stderr)
        return 1
    try:
        return asyncio.run(_backup(config, args.path, overwrite=args.force))
    except DatabaseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


async def _backup(config: Config, path: Path, *, overwrite: bool) -> int:
    async with await Database.from_config(config.database, must_exist=True) as db:
        result = await db.backup(path, overwrite=overwrite)
        print(
            f"backed up {db.location} to {result.path} ({result.size_bytes / 1024:.1f} KiB in {result.seconds:.2f} s)"
        )
    shown = result.integrity[:20]
    print("integrity_check: " + "; ".join(shown) + (" ..." if len(result.integrity) > len(shown) else ""))
    if not result.ok:
        print("the copy is damaged: the source database may be corrupt; keep the original safe", file=sys.stderr)
        return 1
    return 0
