"""Privacy at rest: what a member typed before confirming never reaches the disk or the logs.

The database file, its WAL (and shared-memory file) and every log line (captured at DEBUG, discord.py's own
included) are scanned byte for byte.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from parley.cogs.stories import privacy_log
from tests.stories.conftest import author_traces, payload_text, run_due, services, set_up, share, share_and_confirm

CANARY = "quokkavelvet"  # a made-up word the anonymiser has no reason to remove
NAME = "Jonathan Whitaker"


def at_rest(parley_config, caplog) -> dict[str, bytes]:
    """The database's files and the captured log, as bytes."""
    db = Path(parley_config.database.path)
    files = {
        p.name: p.read_bytes()
        for p in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"))
        if p.exists()
    }
    log_text = "\n".join(
        record.getMessage() + (f"\n{record.exc_text}" if record.exc_text else "") for record in caplog.records
    )
    files["log"] = log_text.encode()
    return files


def assert_absent(word: str, blobs: dict[str, bytes]) -> None:
    for name, blob in blobs.items():
        for encoding in ("utf-8", "utf-16-le"):
            assert word.encode(encoding) not in blob, f"{word!r} found in {name} ({encoding})"


async def test_a_cancelled_story_leaves_nothing_on_disk_or_in_the_logs(parley, parley_config, caplog):
    caplog.set_level(logging.DEBUG)
    s = parley
    await set_up(s)
    preview = (
        await share(s, "bob", f"The client kept calling the project {CANARY} and refused to pay for it.")
    ).message
    assert CANARY in preview.text  # it went all the way to the preview: the anonymiser did not remove it
    assert (Path(parley_config.database.path).with_name("parley.db-wal")).exists()  # WAL mode: scanned below
    await s.click("bob", "Cancel")
    assert_absent(CANARY, at_rest(parley_config, caplog))
    # ... and after the process ends (WAL checkpointed into the main file), still nothing.
    await s.restart()
    assert_absent(CANARY, at_rest(parley_config, caplog))
    assert any(record.name.startswith("discord") for record in caplog.records)  # discord.py did log, at DEBUG


async def test_a_removed_name_is_nowhere_at_rest_even_after_publishing(parley, parley_config, caplog):
    caplog.set_level(logging.DEBUG)
    s = parley
    await set_up(s)
    preview = (await share(s, "bob", f"My client {NAME} refused to pay for the logo, twice.")).message
    assert "Whitaker" not in preview.text
    held = list(s.bot.get_cog("Stories").previews.values())
    assert len(held) == 1 and "Whitaker" not in held[0].text  # memory holds the anonymised text only
    await s.click("bob", "Confirm and send")
    await s.click("mia", "Approve", in_="#mod-queue")
    await run_due(s, hours=6)
    assert len(s.messages_in("#stories")) == 1
    blobs = at_rest(parley_config, caplog)
    for word in (NAME, "Whitaker", "Jonathan"):
        assert_absent(word, blobs)
        assert word not in payload_text(s)  # and no request to Discord ever carried it (custom ids included)
    for trace in author_traces(s, "bob"):
        assert trace not in payload_text(s)
    await services(s).db.close()  # checkpoint: the main file now holds everything the WAL had
    assert_absent(NAME, at_rest(parley_config, caplog))


async def test_the_author_key_is_a_keyed_hash_not_an_id(parley):
    s = parley
    await set_up(s)
    await share_and_confirm(s, "bob", "The client paid in exposure and compliments only.")
    row = await services(s).db.fetchone("SELECT * FROM stories")
    bob_id = str(s.fake.member("bob").user.id)
    assert bob_id not in str(tuple(row))
    assert row["author_key"] == services(s).identity.member_key(s.fake.guild.id, int(bob_id))
    assert "secret" not in str(tuple(row)).lower()


@pytest.mark.parametrize(
    ("logger", "msg", "args", "kept"),  # kept: the harmless part of the line that must survive
    [
        (
            "discord.http",
            "%s %s with %s has returned %s",
            ("POST", "/x", '{"content": "quokkavelvet"}', 200),
            "POST /x with",
        ),
        ("discord.http", "%s %s has received %s", ("POST", "/x", {"content": "quokkavelvet"}), "POST /x has received"),
        (
            "discord.gateway",
            "For Shard ID %s: WebSocket Event: %s",
            (None, {"op": 0, "t": "INTERACTION_CREATE", "d": {"data": {"value": "quokkavelvet"}}}),
            "t=INTERACTION_CREATE",
        ),
    ],
)
def test_discord_debug_lines_lose_their_payloads(logger, msg, args, kept):
    privacy_log.install()
    record = logging.getLogger(logger).makeRecord(logger, logging.DEBUG, __file__, 1, msg, args, None)
    for flt in logging.getLogger(logger).filters:
        flt.filter(record)
    text = record.getMessage()
    assert CANARY not in text and "withheld" in text
    assert kept in text
