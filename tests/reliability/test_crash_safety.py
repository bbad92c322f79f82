"""Crash safety: a process writing votes, tips, stories and reminders is killed with SIGKILL at random moments.

After every kill the database must pass `PRAGMA integrity_check`, hold its foreign keys, and contain every write
the process had acknowledged (printed after its commit: what a member would have been told). 20 kills in the
default suite, 200 in the slow one.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from parley.database import Database
from parley.domain.votes import VALUES, press
from tests.reliability.crash_writer import GUILD, voter_key

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Model:
    """What the parent knows was acknowledged, and the writes in flight when the child died."""

    votes: dict[tuple[str, str, str], str | None] = field(default_factory=dict)  # (item, axis, voter) -> value
    tips: dict[int, str] = field(default_factory=dict)  # tip id -> the token in its text
    untipped: dict[int, str] = field(default_factory=dict)  # deleted tip id -> the token it had
    stories: dict[int, int] = field(default_factory=dict)  # story id -> queue id
    reminders: dict[int, tuple[str, int]] = field(default_factory=dict)  # queue id -> (kind, subject)
    pending: dict[int, dict] = field(default_factory=dict)  # task -> its last unacknowledged intent
    acks: int = 0

    def untip(self, tip_id: int, token: str) -> None:
        """A deleted tip takes its queue entry and that entry's reminder along; both ids may be handed out again
        (another task's new tip may already hold the id, hence the token)."""
        if self.tips.get(tip_id) == token:
            del self.tips[tip_id]
        self.untipped[tip_id] = token
        for entry_id in [e for e, subject in self.reminders.items() if subject == ("tip", tip_id)]:
            del self.reminders[entry_id]

    def feed(self, line: dict) -> None:
        """Apply one protocol line from the child."""
        if line.get("t") == "I":
            self.pending[line["task"]] = line
            return
        if line.get("t") != "A":
            return
        self.acks += 1
        self.pending.pop(line["task"], None)
        op = line["op"]
        if op == "vote":
            self.votes[(line["item"], line["axis"], voter_key(line["task"], line["voter"]))] = line["after"]
        elif op == "tip":
            # Ids of deleted rows come back (INTEGER PRIMARY KEY without AUTOINCREMENT reuses the highest).
            self.tips[line["id"]] = line["token"]
            self.reminders.pop(line["queue"], None)  # a fresh queue entry (perhaps a reused id) has no reminder yet
        elif op == "untip":
            self.untip(line["id"], line["token"])
        elif op == "story":
            self.stories[line["id"]] = line["queue"]
            self.reminders.pop(line["queue"], None)
        elif op == "remind":
            self.reminders.update({entry_id: (kind, subject) for entry_id, kind, subject in line["entries"]})


def run_and_kill(db: Path, seed: int, rng: random.Random) -> list[dict]:
    """Start the writer, SIGKILL it at a random moment (sometimes while it is still opening), return its lines."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.crash_writer", str(db), str(seed)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    ready = threading.Event()

    def pump() -> None:
        assert child.stdout is not None
        for raw in child.stdout:
            lines.append(raw)
            if '"ready"' in raw:
                ready.set()

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    if rng.random() < 0.2:
        time.sleep(rng.uniform(0.0, 0.3))  # anywhere, start-up and WAL recovery included
    else:
        assert ready.wait(10), child.stderr.read() if child.poll() is not None else "writer never got ready"
        time.sleep(rng.uniform(0.0, 0.25))
    if child.poll() is not None:
        raise AssertionError(f"the writer died by itself: {child.stderr.read()[-2000:]}")
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    reader.join(10)
    child.stderr.close()
    # A line cut by the kill was never acknowledged: only whole lines count.
    return [json.loads(raw) for raw in lines if raw.endswith("\n")]


def check(db: Path, model: Model) -> None:
    """Integrity, foreign keys, and every acknowledged write present; then adopt what in-flight writes left."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        stored = {
            (r[0], r[1], r[2]): r[3]
            for r in conn.execute("SELECT item_id, axis, voter_key, value FROM votes WHERE guild_id = ?", (GUILD,))
        }
        in_flight = {}
        for intent in model.pending.values():
            if intent["op"] == "vote":
                axis = VALUES[intent["value"]].value
                key = (intent["item"], axis, voter_key(intent["task"], intent["voter"]))
                in_flight[key] = press(model.votes.get(key), intent["value"]).after
        for key in set(model.votes) | set(in_flight):
            allowed = {model.votes.get(key)}
            if key in in_flight:
                allowed.add(in_flight[key])
            assert stored.get(key) in allowed, (key, stored.get(key), allowed)
        tips = {r[0]: r[1] for r in conn.execute("SELECT id, text FROM tips WHERE guild_id = ?", (GUILD,))}
        queued_tips = {r[0] for r in conn.execute("SELECT subject_id FROM mod_queue WHERE kind = 'tip'")}
        untip_in_flight = {i["id"]: i["token"] for i in model.pending.values() if i["op"] == "untip"}
        for tip_id, token in model.tips.items():
            if tip_id not in untip_in_flight:
                assert token in tips.get(tip_id, ""), f"acknowledged tip {tip_id} is missing"
                assert tip_id in queued_tips, f"acknowledged tip {tip_id} lost its queue entry"
        for tip_id, token in model.untipped.items():
            assert token not in tips.get(tip_id, ""), f"tip {tip_id}, whose deletion was acknowledged, is back"
        story_queue = dict(conn.execute("SELECT id, queue_id FROM stories WHERE guild_id = ?", (GUILD,)).fetchall())
        queue = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, kind, subject_id FROM mod_queue")}
        for story_id, queue_id in model.stories.items():
            assert story_queue.get(story_id) == queue_id, f"acknowledged story {story_id} is missing or unlinked"
            assert queue_id in queue
        reminded = {r[0] for r in conn.execute("SELECT queue_id FROM queue_reminders")}
        for entry_id, subject in model.reminders.items():
            # Only while the entry still exists: deleting a tip takes its reminder along, and a tip whose deletion was
            # in flight may be gone with its entry id already handed to a new tip.
            if queue.get(entry_id) == subject and not (subject[0] == "tip" and subject[1] in untip_in_flight):
                assert entry_id in reminded, f"the acknowledged reminder of queue entry {entry_id} is missing"
        # In-flight writes either happened or not; from now on the database is the truth for them.
        for key in in_flight:
            model.votes[key] = stored.get(key)
        for tip_id, token in untip_in_flight.items():
            if token not in tips.get(tip_id, ""):
                model.untip(tip_id, token)
        model.pending.clear()
    finally:
        conn.close()


async def _migrated(db: Path) -> None:
    async with await Database.open(db) as database:
        await database.migrate()


async def _still_usable(db: Path) -> None:
    """Parley itself opens the crashed database (no migration pending) and writes to it."""
    async with await Database.open(db) as database:
        assert await database.migrate() == []
        async with database.write() as tx:
            await tx.execute("DELETE FROM votes WHERE guild_id = ? AND item_id = ?", (GUILD, "nothing.here"))


def kill_many(tmp_path: Path, kills: int, seed: int) -> Model:
    db = tmp_path / "parley.db"
    asyncio.run(_migrated(db))
    rng = random.Random(seed)
    model = Model()
    for n in range(kills):
        for line in run_and_kill(db, seed * 1000 + n, rng):
            model.feed(line)
        check(db, model)
    asyncio.run(_still_usable(db))
    return model


def test_twenty_kills_lose_nothing_acknowledged(tmp_path):
    model = kill_many(tmp_path, kills=20, seed=11)
    # The kills must have landed while writes were happening, or the test proves nothing.
    assert model.acks > 50 and model.votes and model.tips and model.stories


@pytest.mark.slow
def test_two_hundred_kills_lose_nothing_acknowledged(tmp_path):
    model = kill_many(tmp_path, kills=200, seed=23)
    assert model.acks > 500 and model.reminders and model.untipped
