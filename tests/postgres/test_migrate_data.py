"""`python -m parley migrate-data`: a populated SQLite community arrives whole in PostgreSQL, or not at all."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import shutil
from pathlib import Path

import pytest

from parley.cli import migrate_data
from parley.database import Database
from parley.database.migrations import default_migrations_dir
from parley.database.repositories.drafts import DraftsRepository, StoredDraft
from parley.database.repositories.flows import FlowsRepository
from parley.database.repositories.queue import QueueRepository
from parley.database.repositories.settings import SettingsRepository
from parley.database.repositories.tips import TipsRepository
from parley.database.repositories.votes import VotesRepository
from parley.domain.moderation import APPROVE
from parley.domain.votes import VoteTarget

GUILD = 923_456_789_012_345_678  # a real-sized snowflake
NOW = "2026-03-01T12:00:00Z"
T0 = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


def key(n: object) -> str:
    return f"{n}".rjust(32, "k")


async def advice(reader, guild_id: int, item_id: str) -> VoteTarget | None:
    return VoteTarget("advice", item_id)


async def populate(path: Path) -> dict[str, int]:
    async with await Database.connect(str(path)) as db:
        await db.migrate()
        await SettingsRepository(db).update(GUILD, NOW, language="ru", stories_channel_id=GUILD + 1)
        await SettingsRepository(db).set_member_language(GUILD, key("ar"), "ar")
        tips, queue = TipsRepository(db), QueueRepository(db)
        for n in range(12):
            _, entry = await tips.submit(GUILD, key(n), "non_payer", "en", f"Tip {n}", NOW, since=NOW, per_day=5)
            if n % 2:
                await queue.decide(GUILD, entry.id, APPROVE, key("mod"), NOW, effect=TipsRepository.apply_decision)
        votes = VotesRepository(db)
        for n in range(30):
            await votes.cast(GUILD, key(n), "advice", "non_payer.start_friendly", "up", NOW, resolve=advice)
        flows = FlowsRepository(db)
        await flows.create(
            "0123456789abcdef", guild_id=GUILD, member_key=key(1), kind="situation", language="fi",
            state={"step": "stage"}, free_text="ei maksa", now=T0,
        )  # fmt: skip
        await flows.record_correction(guild_id=GUILD, predicted="a", chosen="b", answers=["x"], day="2026-03-01")
        await DraftsRepository(db).save(
            StoredDraft("fedcba9876543210", GUILD, key(2), "payment_reminder", "en", None, {"amount": "90"}), T0
        )
        async with db.write() as tx:
            # A published story (in SQLite's FTS index) with a "me too": the FTS tables are not copied, the story is.
            story = await tx.fetchval(
                "INSERT INTO stories (guild_id, author_key, archetype, lang, text, status, shared_on) "
                "VALUES (?, ?, 'non_payer', 'en', 'He paid half and vanished.', 'approved', '2026-03-01') RETURNING id",
                (GUILD, key("author")),
            )
            await tx.execute("UPDATE stories SET status = 'published' WHERE id = ?", (story,))
            await tx.execute("INSERT INTO story_metoo (story_id, member_key) VALUES (?, ?)", (story, key(5)))
        tables = [
            r["name"]
            for r in await db.fetchall(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE 'stories_fts%' AND name != 'schema_migrations'"
            )
        ]
        return {t: await db.fetchval(f'SELECT count(*) FROM "{t}"') for t in tables}


async def dump(db: Database, table: str) -> list[tuple]:
    rows = await db.fetchall(f'SELECT * FROM "{table}"')
    return sorted((tuple(sorted(dict(r).items())) for r in rows), key=repr)


def run_cli(source: str, target: str) -> int:
    args = argparse.Namespace(source=source, target=target, batch=7)  # tiny batches: paging is exercised
    return migrate_data.run(args)


def test_a_community_moves_to_postgresql_whole_and_verified(tmp_path: Path, postgres_db_url: str, capsys):
    source = tmp_path / "parley.db"
    counts = asyncio.run(populate(source))
    assert counts["votes"] == 30 and counts["tips"] == 12 and counts["stories"] == 1

    assert run_cli(f"sqlite:{source}", postgres_db_url) == 0
    out = capsys.readouterr().out
    assert "verified" in out and "votes" in out and "MISMATCH" not in out

    async def compare() -> None:
        async with await Database.connect(str(source)) as lite, await Database.connect(postgres_db_url) as pg:
            for table in counts:
                assert await dump(pg, table) == await dump(lite, table), table
            # Identity sequences moved past the copied ids: new rows get fresh ids.
            tip, _ = await TipsRepository(pg).submit(
                GUILD, key("new"), "non_payer", "en", "x", NOW, since=NOW, per_day=5
            )
            assert tip.id == 13
            # The copied published story is searchable in PostgreSQL.
            match = pg.text_match("stories", "s", ("title", "text"), "vanished half")
            assert match is not None
            found = await pg.fetchall(
                f"SELECT s.id FROM stories s WHERE s.status = 'published' AND {match.condition}",
                (match.value,),
            )
            assert len(found) == 1

    asyncio.run(compare())

    # A second run refuses to pile onto the now non-empty target.
    assert run_cli(f"sqlite:{source}", postgres_db_url) == 1
    assert "not empty" in capsys.readouterr().err


def test_a_source_behind_the_code_and_bad_arguments_are_refused(tmp_path: Path, postgres_db_url: str, capsys):
    partial = tmp_path / "migs"
    partial.mkdir()
    for path in sorted(default_migrations_dir().glob("000[12]_*.sql")):
        shutil.copy(path, partial)

    async def old_source() -> None:
        async with await Database.connect(str(tmp_path / "old.db")) as db:
            await db.migrate(partial)

    asyncio.run(old_source())
    assert run_cli(f"sqlite:{tmp_path / 'old.db'}", postgres_db_url) == 1
    assert "run `python -m parley migrate` on it first" in capsys.readouterr().err
    assert run_cli(f"sqlite:{tmp_path / 'absent.db'}", postgres_db_url) == 1
    assert run_cli("postgresql://x/y", postgres_db_url) == 2
    assert run_cli(f"sqlite:{tmp_path / 'old.db'}", "mysql://x") == 2


def test_the_verb_is_registered():
    from parley.cli import build_parser

    args = build_parser().parse_args(["migrate-data", "--from", "sqlite:a.db", "--to", "postgresql://h/d"])
    assert (args.source, args.target, args.batch, args.func) == (
        "sqlite:a.db",
        "postgresql://h/d",
        5000,
        migrate_data.run,
    )
    with pytest.raises(SystemExit):
        build_parser().parse_args(["migrate-data", "--from", "sqlite:a.db"])
