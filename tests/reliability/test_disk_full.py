"""A full disk (or another failure on the server's side) at a write: nothing the member typed is lost, and they are
told plainly what happened, in their language, instead of the generic incident apology.

The full disk is SQLite's own SQLITE_FULL: the backend test fills a real database to its max_page_count; the
scenarios make the backend's write statements fail with the very error such a database raises.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest.mock import patch

import pytest

from parley.database import Database, DatabaseUnavailable
from parley.database import sqlite as backend
from parley.domain.errors import SaveFailed
from tests.stories.conftest import FORMS, services, set_up, share, speak_arabic

INCIDENT = "incident"
STORY = "The client approved every draft and then disputed the whole invoice with their bank."


def disk_full_error() -> sqlite3.OperationalError:
    """The exception SQLite raises when a write needs a page the disk (here: max_page_count) cannot give."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE TABLE t (b BLOB)")
        conn.execute("PRAGMA max_page_count = 3")
        conn.execute("INSERT INTO t VALUES (zeroblob(100000))")
    except sqlite3.OperationalError as error:
        assert error.sqlite_errorcode == sqlite3.SQLITE_FULL
        return error
    finally:
        conn.close()
    raise AssertionError("SQLite did not run out of pages")


def _writes(sql: str) -> bool:
    return sql.lstrip().split(None, 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}


@contextmanager
def full_disk() -> Iterator[None]:
    """Every INSERT, UPDATE and DELETE the bot runs fails with that error, on both of the SQLite backend's write
    paths (a statement at a time, and grouped writes on the writer's thread); reads still work."""

    def failing(original: Any) -> Any:
        def run(conn: Any, sql: str, params: Any = ()) -> Any:
            if _writes(sql):
                raise disk_full_error()
            return original(conn, sql, params)

        return run

    grouped = backend._ThreadTx._cursor

    def cursor(self: Any, sql: str, params: Any) -> Any:
        if _writes(sql):
            raise disk_full_error()
        return grouped(self, sql, params)

    with (
        patch.object(backend, "_run", failing(backend._run)),
        patch.object(backend, "_first", failing(backend._first)),
        patch.object(backend, "_every", failing(backend._every)),
        patch.object(backend._ThreadTx, "_cursor", cursor),
    ):
        yield


async def test_a_real_full_database_is_reported_as_a_full_disk_and_stays_usable(tmp_path):
    async with await Database.open(tmp_path / "full.db") as db:
        async with db.write() as tx:
            await tx.execute("CREATE TABLE t (b BLOB)")
        pages = await db.fetchval("PRAGMA page_count")
        await db.backend._writer.execute(f"PRAGMA max_page_count = {int(pages) + 2}")
        with pytest.raises(DatabaseUnavailable) as info:
            async with db.write() as tx:
                await tx.execute("INSERT INTO t VALUES (zeroblob(200000))")
        assert info.value.reason == SaveFailed.REASON_DISK_FULL
        assert await db.fetchval("SELECT COUNT(*) FROM t") == 0  # rolled back
        async with db.write() as tx:  # a small write still fits: the connection is fine
            await tx.execute("INSERT INTO t VALUES (x'00')")
        assert await db.fetchval("SELECT COUNT(*) FROM t") == 1


async def test_a_full_disk_at_confirm_keeps_the_preview_and_says_so(parley):
    s = parley
    await set_up(s)
    preview = (await share(s, "bob", STORY)).message
    with full_disk():
        step = await s.click("bob", "Confirm and send")
    [told] = [v for v in step.visible if v.ephemeral and v.event != "edited"] or [step.message]
    assert told.text == (
        "⚠️ Parley couldn't save right now (the server's disk is full); nothing is lost, press Confirm and send "
        "again in a moment."
    )
    assert INCIDENT not in told.text
    assert await services(s).db.fetchval("SELECT COUNT(*) FROM stories") == 0
    assert s.messages_in("#mod-queue") == []
    # The disk has room again: the same preview's Confirm works (it did not "expire").
    step = await s.click("bob", "Confirm and send")
    assert step.message.message_id == preview.message_id
    assert "expired" not in step.message.text
    assert await services(s).db.fetchval("SELECT COUNT(*) FROM stories") == 1
    assert len(s.messages_in("#mod-queue")) == 1


async def test_the_full_disk_message_is_in_the_members_language(parley):
    s = parley
    await set_up(s)
    await speak_arabic(s, "layla")
    await share(s, "layla", "العميل وافق على كل المسودات ثم رفض دفع الفاتورة كاملة عبر البنك.", lang="ar")
    with full_disk():
        step = await s.click("layla", FORMS["ar"].confirm)
    texts = [v.text for v in step.visible if v.ephemeral]
    assert any("القرص على الخادم ممتلئ" in text and FORMS["ar"].confirm in text for text in texts), texts


async def test_a_full_disk_at_a_vote_gets_the_clear_message(parley):
    s = parley
    await s.command("layla", "advice browse", type="non_payer")
    with full_disk():
        step = await s.click("layla", "Helpful")
    texts = [v.text for v in step.visible if v.ephemeral]
    assert any(
        "Parley couldn't save right now (the server's disk is full). Nothing is lost" in text for text in texts
    ), texts
    assert not any(INCIDENT in text for text in texts)


async def test_a_full_disk_at_a_tip_gives_the_text_back(parley):
    s = parley
    await set_up(s)
    tip = "Ask for a deposit before you start and write down every change the client asks for."
    await s.command("bob", "advice suggest")
    await s.submit("bob", {"Type of client": "non_payer", "Your tip": tip, "Language of the tip": "en"})
    with full_disk():
        step = await s.click("bob", "Confirm and send")
    assert "the server's disk is full" in step.message.text and tip in step.message.text
    assert INCIDENT not in step.message.text
