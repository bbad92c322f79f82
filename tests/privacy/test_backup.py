"""`python -m parley backup PATH` while the bot keeps writing: the copy passes integrity_check, holds no member-key
secret, and a bot started on it serves members their data (their keyed hashes still match)."""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
from pathlib import Path

from parley.app import create_bot
from parley.cli import backup as backup_cli
from parley.config import load_config
from parley.database.repositories.settings import SettingsRepository
from parley.domain.clock import FakeClock
from parley.replay import ReplaySession
from parley.services import build_services
from tests.conftest import STANDARD_GUILD, STANDARD_MEMBERS, TEST_SECRET
from tests.privacy.conftest import BOB_TIP, attached_json, services, suggest_tip


def run_backup_cli(path: Path) -> int:
    """What `python -m parley backup PATH` does, in this process (the config comes from the environment)."""
    parser = argparse.ArgumentParser()
    backup_cli.register(parser.add_subparsers())
    args = parser.parse_args(["backup", str(path)])
    return args.func(args)


async def test_a_backup_under_concurrent_writes_restores_and_boots(
    parley_factory, parley_config, tmp_path, monkeypatch
):
    live = Path(parley_config.database.path)
    async with ReplaySession(parley_factory, guild=STANDARD_GUILD, members=STANDARD_MEMBERS) as s:
        await s.command("owner", "setup", queue_channel="#mod-queue", moderator_role="@Moderators")
        await s.command("bob", "advice browse", type="non_payer")
        await s.click("bob", "Helpful")
        await suggest_tip(s, "bob", BOB_TIP)
        guild_id = s.fake.guild.id
        settings = SettingsRepository(services(s).db)
        written = 0
        stop = asyncio.Event()

        async def keep_writing() -> None:
            # The running bot's own connection keeps committing while the backup copies the file.
            nonlocal written
            while not stop.is_set():
                await settings.set_member_language(guild_id, f"{written:040x}", "fi")
                written += 1
                await asyncio.sleep(0)

        writer = asyncio.create_task(keep_writing())
        await asyncio.sleep(0.05)
        monkeypatch.setenv("PARLEY_DB_PATH", str(live))
        monkeypatch.setenv("PARLEY_SECRET", TEST_SECRET)
        monkeypatch.delenv("PARLEY_CONFIG", raising=False)
        copy = tmp_path / "restore" / "parley.db"
        copy.parent.mkdir()
        before = written
        code = await asyncio.to_thread(run_backup_cli, copy)
        during = written - before
        stop.set()
        await writer
        assert s.violations == []
    assert code == 0
    assert during > 0, "no write happened while the backup ran"

    # One self-contained, sound file, without the secret the member keys are made with.
    assert not await asyncio.to_thread(Path(f"{copy}-wal").exists)
    with sqlite3.connect(copy) as check:
        assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert check.execute("PRAGMA user_version").fetchone()[0] >= 6
        copied = check.execute("SELECT COUNT(*) FROM member_settings").fetchone()[0]
    assert 0 < copied <= written
    assert TEST_SECRET.encode() not in copy.read_bytes()

    # A bot on the copy (same secret from the environment, as a restore would run) boots and serves bob his data.
    restored = load_config(None, env={"PARLEY_DB_PATH": str(copy), "PARLEY_SECRET": TEST_SECRET})

    async def restored_bot():
        return await create_bot(restored, clock=FakeClock())

    async with ReplaySession(restored_bot, guild=STANDARD_GUILD, members=STANDARD_MEMBERS) as s:
        assert s.fake.guild.id == guild_id  # the offline Discord gives the same ids, so the keys match
        data = attached_json(await s.command("bob", "privacy export"))
        assert [v["value"] for v in data["votes"]] == ["up"]
        assert [tip["text"] for tip in data["tips"]] == [BOB_TIP]
        step = await s.command("bob", "advice browse", type="non_payer")
        assert step.message.buttons[0].text == "👍 Helpful · 1"
        assert s.violations == []


async def test_the_key_file_never_goes_into_a_backup(tmp_path):
    # Without PARLEY_SECRET the key lives in a file beside the database; a backup copies the database only.
    config = load_config(None, env={"PARLEY_DB_PATH": str(tmp_path / "parley.db")})
    services = await build_services(config)
    try:
        key_file = tmp_path / "parley.db.key"
        key = key_file.read_bytes().strip()
        member = services.identity.member_key(1, 2)
        await SettingsRepository(services.db).set_member_language(1, member, "ru")
        target = tmp_path / "elsewhere"
        target.mkdir()
        result = await services.db.backup(target / "parley.db")
    finally:
        await services.close()
    assert result.ok
    data = (target / "parley.db").read_bytes()
    assert len(key) >= 32 and key not in data
    assert member.encode() in data  # the keyed hash is stored (it is what finds the data), never the key
    assert sorted(p.name for p in target.iterdir()) == ["parley.db"]
