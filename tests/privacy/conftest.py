"""Helpers for the privacy tests: seed two members' data through the real bot, and look for a member everywhere."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest

from parley.cogs._shared.runtime import services_for
from parley.database import Database
from parley.database.testing import any_db, any_db_url, any_empty_db, postgres_db_url, postgres_url  # noqa: F401 - fixtures
from parley.replay import ReplaySession, StepResult

BOB_STORY = "A client asked for endless free revisions on the logo and then vanished without paying anything."
BOB_PENDING_STORY = "The client phoned me at midnight every single day about tiny changes to the layout."
LAYLA_STORY = "The client said the contract was optional and later refused to pay the second milestone."
BOB_TIP = "Send a short written summary after every call so nobody can rewrite the agreement later."
BOB_PENDING_TIP = "Keep a deposit of one third before you open the design files for a new client."
LAYLA_TIP = "Set office hours in the first email and repeat them politely whenever a late message arrives."
BOB_WORDS = "The client keeps delaying my invoice and says the bank is slow every month."
LAYLA_WORDS = "My client wants a full rebrand but will only pay for a single poster."
APPROVE_FIRST = "Approve"


@dataclass
class Seeded:
    """Who is who, and what each member left, for assertions."""

    keys: dict[str, str] = field(default_factory=dict)
    user_ids: dict[str, int] = field(default_factory=dict)
    advice_item: str = ""


def services(s: ReplaySession) -> Any:
    """The running bot's services."""
    return services_for(s.bot)


def member_key(s: ReplaySession, name: str) -> str:
    """A member's keyed hash in the replay guild, as Parley computes it."""
    return services(s).identity.member_key(s.fake.guild.id, s.fake.member(name).user.id)


def attached_json(step: StepResult) -> dict[str, Any]:
    """The JSON file the bot attached to its reply in this step (parsed from the captured multipart request)."""
    files = [f for request in step.requests for f in request.files]
    assert len(files) == 1, [f.filename for f in files]
    assert files[0].filename.endswith(".json")
    return json.loads(files[0].data.decode("utf-8"))


async def share_story(s: ReplaySession, member: str, text: str) -> None:
    """A member shares a story and confirms the anonymised preview (it waits in the queue)."""
    await s.command(member, "story share")
    await s.submit(member, {"Type of client": "non_payer", "Your story": text})
    await s.click(member, "Confirm")


async def suggest_tip(s: ReplaySession, member: str, text: str) -> None:
    """A member suggests a tip and confirms the anonymised preview (it waits in the queue)."""
    await s.command(member, "advice suggest")
    await s.submit(member, {"Type of client": "non_payer", "Your tip": text, "Language of the tip": "en"})
    await s.click(member, "Confirm and send")


async def publish_due(s: ReplaySession) -> None:
    """Move past the publishing slot and let the moderation cog post the approved stories."""
    await s.advance(7 * 3600)
    await s.bot.get_cog("Moderation").run_due_work(services(s).clock.now())


async def seed_two_members(s: ReplaySession) -> Seeded:
    """bob and layla each leave votes, a tip, a walkthrough, a draft and a published story; bob has more.

    bob: a language choice, a pending tip and a pending story too, a "me too" on layla's story; layla votes on
    bob's published tip and story. mia moderates (her key lands in the queue and the audit).
    """
    await s.command(
        "owner", "setup", stories_channel="#stories", queue_channel="#mod-queue", moderator_role="@Moderators"
    )
    await s.command("bob", "language")
    await s.select("bob", ["en"], placeholder="Choose a language")
    # Votes: both on the first advice item (its tally is 2), bob also on the outcome axis.
    for member in ("bob", "layla"):
        await s.command(member, "advice browse", type="non_payer")
        await s.click(member, "Helpful")
    await s.click("bob", "It worked")
    # Tips: each an approved one; bob also a pending one.
    for member, text in (("bob", BOB_TIP), ("layla", LAYLA_TIP)):
        await suggest_tip(s, member, text)
        await s.click("mia", APPROVE_FIRST, in_="#mod-queue")
    await suggest_tip(s, "bob", BOB_PENDING_TIP)
    # Stories: each a published one; bob also a pending one.
    for member, text in (("bob", BOB_STORY), ("layla", LAYLA_STORY)):
        await share_story(s, member, text)
        await s.click("mia", APPROVE_FIRST, in_="#mod-queue")
    await publish_due(s)
    await share_story(s, "bob", BOB_PENDING_STORY)
    # Walkthroughs and drafts.
    for member, words in (("bob", BOB_WORDS), ("layla", LAYLA_WORDS)):
        await s.command(member, "situation", describe=words)
        await s.command(member, "draft", kind="payment_reminder")
        await s.submit(
            member,
            {"Client's name": "Daniel", "Amount": "1,200", "Currency": "EUR", "Due date": "Dec 1, 2026"},
        )
    # Reactions to each other's published work.
    posts = s.messages_in("#stories")  # publishing shuffles a slot's stories: find each post by its text
    layla_post = next(p for p in posts if LAYLA_STORY[:40] in p.text)
    step = await s.click("bob", custom_id=layla_post.button("happened to me too").custom_id, in_="#stories")
    assert "Counted" in step.visible[-1].text, step.describe()
    bob_post = next(p for p in posts if BOB_STORY[:40] in p.text)
    step = await s.click("layla", custom_id=bob_post.button("👍").custom_id, in_="#stories")
    assert step.error is None
    await vote_on_tip(s, "layla", BOB_TIP)
    seeded = Seeded()
    for name in ("bob", "layla", "mia", "owner", "alice", "ivan"):
        seeded.keys[name] = member_key(s, name)
        seeded.user_ids[name] = s.fake.member(name).user.id
    return seeded


async def vote_on_tip(s: ReplaySession, member: str, tip_text: str) -> None:
    """A member finds a tip in /advice browse (paging on) and presses its Helpful button."""
    tip_id = await services(s).db.fetchval("SELECT id FROM tips WHERE text = ?", (tip_text,))
    wanted = f"parley:vote:tip:{tip_id}:up"
    card = (await s.command(member, "advice browse", type="non_payer")).message
    for _page in range(8):
        if any(b.custom_id == wanted for b in card.buttons):
            await s.click(member, custom_id=wanted)
            return
        card = (await s.click(member, "Next")).message
    raise AssertionError(f"tip {tip_id} is not listed")


async def rows_mentioning(db: Database, *needles: str | int) -> dict[str, int]:
    """Every table (from sqlite_master) and how many of its rows hold one of the needles in any column."""
    found: dict[str, int] = {}
    tables = await db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    for row in tables:
        table = row["name"]
        columns = [c["name"] for c in await db.fetchall(f"PRAGMA table_info({table})")]
        if not columns:
            continue
        conditions = " OR ".join(f"CAST({c} AS TEXT) LIKE ?" for c in columns for _ in needles)
        params = [f"%{n}%" for _c in columns for n in needles]
        count = await db.fetchval(f"SELECT COUNT(*) FROM {table} WHERE {conditions}", params)
        if count:
            found[table] = int(count)
    return found


@pytest.fixture
def session(parley: ReplaySession) -> ReplaySession:
    """The standard replay session (alice fi, bob en, ivan ru, layla en, mia moderator, owner admin)."""
    return parley
