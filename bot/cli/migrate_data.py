"""`python -m parley migrate-data --from sqlite:PATH --to postgresql://...`: move a community to PostgreSQL."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from parley.database import Database, DatabaseError
from parley.database.transfer import TransferReport, copy_database


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `migrate-data` verb."""
    p = sub.add_parser(
        "migrate-data",
        help="copy every table from a SQLite database into an empty PostgreSQL database, then verify row counts",
        description=(
            "Stop the bot first (the copy is a snapshot). The target gets the same migrations, then every table is "
            "copied in foreign-key order in one transaction (all or nothing) and the row counts are compared. "
            "The password comes from PGPASSWORD, never from the URL."
        ),
    )
    p.add_argument("--from", dest="source", required=True, metavar="sqlite:PATH", help="the SQLite database to read")
    p.add_argument(
        "--to", dest="target", required=True, metavar="postgresql://...", help="the empty PostgreSQL database to fill"
    )
    p.add_argument("--batch", type=int, default=5000, help="rows per batch (default: 5000)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Copy the data; 0 when every table's row count matches, 1 on refusal or mismatch, 2 on bad arguments."""
    if not args.source.startswith("sqlite:") and not args.source.endswith((".db", ".sqlite", ".sqlite3")):
        print("error: --from must be sqlite:PATH (a SQLite database file)", file=sys.stderr)
        return 2
    if not args.target.startswith(("postgresql://", "postgres://")):
        print("error: --to must be a postgresql:// URL", file=sys.stderr)
        return 2
    if args.batch < 1:
        print("error: --batch must be at least 1", file=sys.stderr)
        return 2
    path = Path(args.source.removeprefix("sqlite://").removeprefix("sqlite:"))
    if not path.is_file():
        print(f"error: no SQLite database at '{path}'", file=sys.stderr)
        return 1
    try:
        report = asyncio.run(_copy(str(path), args.target, args.batch))
    except DatabaseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0 if report.ok else 1


async def _copy(source_path: str, target_url: str, batch: int) -> TransferReport:
    source = await Database.connect(source_path, must_exist=True)
    try:
        target = await Database.connect(target_url)
        try:
            print(f"from {source.location}\nto   {target.location}")
            report = await copy_database(source, target, batch=batch)
        finally:
            await target.close()
    finally:
        await source.close()
    width = max((len(t.table) for t in report.tables), default=5)
    for table in report.tables:
        mark = "ok" if table.source_rows == table.target_rows else "MISMATCH"
        print(f"  {table.table:<{width}}  {table.source_rows:>9} -> {table.target_rows:>9}  {mark}")
    verdict = "verified" if report.ok else "ROW COUNTS DIFFER"
    print(
        f"{report.rows} rows in {len(report.tables)} tables at schema version {report.schema_version}, "
        f"{report.seconds:.1f} s: {verdict}"
    )
    if report.ok:
        print("next: set database.url in the config (and PARLEY_SECRET, the same on every process), then start the bot")
    return report
