"""`python -m parley migrate [--list]`: apply pending database migrations, or list applied and pending ones."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from parley.config import Config, load_config
from parley.database import Database, DatabaseError, MigrationStatus
from parley.database.migrations import discover


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `migrate` verb."""
    p = sub.add_parser("migrate", help="apply pending database migrations (or --list them)")
    p.add_argument("--config", help="TOML config file (default: $PARLEY_CONFIG)")
    p.add_argument("--list", action="store_true", help="list applied and pending migrations; change nothing")
    p.add_argument("--migrations-dir", type=Path, help="folder of NNNN_description.sql files (default: migrations/)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Apply (or list) migrations; 0 on success, 1 when the database or a migration is refused."""
    config = load_config(args.config)
    try:
        if args.list:
            exists = config.database.url is not None or Path(config.database.path).exists()
            return asyncio.run(_list(config, args.migrations_dir, exists=exists))
        return asyncio.run(_apply(config, args.migrations_dir))
    except DatabaseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


async def _apply(config: Config, directory: Path | None) -> int:
    async with await Database.from_config(config.database) as db:
        print(f"database: {db.location}")
        applied = await db.migrate(directory)
        for migration in applied:
            print(f"applied {migration.name}: {migration.why}")
        version = (await db.migration_status(directory)).current_version
    if applied:
        print(f"{len(applied)} migration(s) applied; the schema is at version {version}")
    else:
        print(f"nothing to apply; the schema is at version {version}")
    return 0


async def _list(config: Config, directory: Path | None, *, exists: bool) -> int:
    if exists:
        async with await Database.from_config(config.database, must_exist=True) as db:
            print(f"database: {db.location}")
            status = await db.migration_status(directory)
    else:
        # Listing must not create a database as a side effect.
        print(f"database: {config.database.path} (does not exist yet)")
        status = MigrationStatus(applied=(), pending=tuple(discover(directory)))
    for record in status.applied:
        print(f"  applied  {record.name}  {record.applied_at}")
    for migration in status.pending:
        print(f"  pending  {migration.name}  {migration.why}")
    print(f"schema version {status.current_version}; {len(status.pending)} pending")
    return 0
