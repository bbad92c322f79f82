"""`python -m parley run --shard-ids 0,1 --shard-count 4`: one process runs some of the bot's shards."""

from __future__ import annotations

import discord
import pytest
from discord.ext import commands

from parley.app import ParleyBot, ShardedParleyBot, check_shards, create_bot
from parley.cli import build_parser
from parley.cli import run as run_verb
from parley.config import config_from_dict

SECRET = "sharding-tests-secret-" + "s" * 32


async def test_shard_ids_make_an_auto_sharded_bot_running_only_those_shards(tmp_path):
    config = config_from_dict(
        {
            "database": {"path": str(tmp_path / "p.db")},
            "stories": {"queue_batch_min_hours": 0, "queue_batch_max_hours": 0},
        },
        env={"PARLEY_SECRET": SECRET},
    )
    bot = await create_bot(config, shard_ids=[0, 1], shard_count=4)
    # Never started, so nothing to close (AutoShardedClient.close() needs a started client).
    assert isinstance(bot, ShardedParleyBot) and isinstance(bot, commands.AutoShardedBot)
    assert (bot.shard_ids, bot.shard_count) == ([0, 1], 4)
    plain = await create_bot(config)
    try:
        assert isinstance(plain, ParleyBot) and not isinstance(plain, commands.AutoShardedBot)
    finally:
        await plain.close()


async def test_the_bot_classes_are_importable_and_built_directly(tmp_path):
    """A host or a launcher can build Parley's bot classes itself (they used to exist only inside create_bot)."""
    config = config_from_dict({"database": {"path": str(tmp_path / "p.db")}}, env={"PARLEY_SECRET": SECRET})
    bot = ParleyBot(config)
    try:
        assert bot.parley_config is config and bot.parley_services is None
        assert bot.intents.value == discord.Intents(guilds=True).value
        assert bot.allowed_mentions is not None and not bot.allowed_mentions.everyone
    finally:
        await bot.close()


@pytest.mark.parametrize(
    ("ids", "count", "message"),
    [([0, 1], None, "needs --shard-count"), ([0, 4], 4, "from 0 to 3"), ([1, 1], 4, "distinct"), ([], 2, "distinct")],
)
def test_impossible_shard_layouts_are_refused(ids, count, message):
    with pytest.raises(ValueError, match=message):
        check_shards(ids, count)


def test_run_parses_shards_and_refuses_bad_layouts_and_a_shared_database_without_secret(tmp_path, monkeypatch, capsys):
    args = build_parser().parse_args(["run", "--shard-ids", "0,1", "--shard-count", "4"])
    assert (args.shard_ids, args.shard_count) == ([0, 1], 4)
    with pytest.raises(SystemExit):
        build_parser().parse_args(["run", "--shard-ids", "zero"])

    monkeypatch.setenv("DISCORD_TOKEN", "not-a-real-token")
    monkeypatch.delenv("PARLEY_SECRET", raising=False)
    monkeypatch.setenv("PARLEY_DB_PATH", str(tmp_path / "p.db"))
    bad = build_parser().parse_args(["run", "--shard-ids", "5", "--shard-count", "4"])
    assert run_verb.run(bad) == 2
    assert "from 0 to 3" in capsys.readouterr().err

    config = tmp_path / "parley.toml"
    config.write_text('[database]\nurl = "postgresql://parley@127.0.0.1:1/parley"\n')
    shared = build_parser().parse_args(["run", "--config", str(config)])
    assert run_verb.run(shared) == 2
    assert "PARLEY_SECRET" in capsys.readouterr().err
