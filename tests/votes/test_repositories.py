"""Votes, tips and the moderation queue on a real SQLite database: exact under concurrency, one decision each."""

from __future__ import annotations

import asyncio

import pytest

from parley.database.repositories.queue import QueueRepository
from parley.database.repositories.tips import TipsRepository
from parley.database.repositories.votes import VotesRepository
from parley.domain.errors import NotFound
from parley.domain.moderation import APPROVE, REJECT, AlreadyDecided, QueueStatus
from parley.domain.tips import TipLimitReached, TipStatus
from parley.domain.votes import Change, MemberVote, SelfVote, Tally, VoteTarget

GUILD = 42
OTHER_GUILD = 43
NOW = "2026-03-01T12:00:00Z"
TODAY = "2026-03-01T00:00:00Z"
KNOWN_ADVICE = {"non_payer.start_friendly", "creep.keep_it_written"}


def key(n: int | str) -> str:
    return f"{n}".rjust(32, "k")


async def advice(reader, guild_id: int, item_id: str) -> VoteTarget | None:
    return VoteTarget("advice", item_id) if item_id in KNOWN_ADVICE else None


async def submit_tip(tips: TipsRepository, author: str, text: str = "Ask for a deposit first.", **kw):
    return await tips.submit(
        GUILD,
        author,
        kw.get("archetype", "non_payer"),
        kw.get("lang", "en"),
        text,
        NOW,
        since=TODAY,
        per_day=kw.get("per_day", 5),
    )


async def published_tip(db, author: str = key("author")) -> int:
    tips = TipsRepository(db)
    tip, entry = await submit_tip(tips, author)
    await QueueRepository(db).decide(GUILD, entry.id, APPROVE, key("mod"), NOW, effect=TipsRepository.apply_decision)
    return tip.id


# ------------------------------------------------------------------------------------------------------ votes


async def test_two_hundred_concurrent_voters_give_exact_tallies(db):
    repo = VotesRepository(db)
    item = "non_payer.start_friendly"
    values = ["up"] * 130 + ["down"] * 50 + ["worked"] * 20
    results = await asyncio.gather(
        *(repo.cast(GUILD, key(n), "advice", item, value, NOW, resolve=advice) for n, value in enumerate(values))
    )
    assert all(r.transition.change is Change.CAST for r in results)
    assert (await repo.tallies(GUILD, "advice", [item]))[item] == Tally(up=130, down=50, worked=20)
    # Each press saw a consistent tally from its own transaction: the counts it reports rise one by one.
    assert sorted(r.tally.votes for r in results) == list(range(1, 201))
    assert await db.fetchval("SELECT COUNT(*) FROM votes") == 200
    # They shared transactions (group commit): far fewer COMMITs than presses.
    assert db.backend.group.groups < len(values)


async def test_two_hundred_voters_pressing_twice_at_once_leave_no_votes(db):
    """Every member double-clicks: press, then the same button again = undo. Exactly nothing remains."""
    repo = VotesRepository(db)
    item = "creep.keep_it_written"
    presses = [repo.cast(GUILD, key(n), "advice", item, "up", NOW, resolve=advice) for n in range(200) for _ in (0, 1)]
    results = await asyncio.gather(*presses)
    assert sorted(r.transition.change for r in results).count(Change.CAST) == 200
    assert (await repo.tallies(GUILD, "advice", [item]))[item] == Tally()
    # A third press casts again: the state after n presses depends only on n.
    triple = await asyncio.gather(
        *(repo.cast(GUILD, key(1), "advice", item, "up", NOW, resolve=advice) for _ in range(3))
    )
    assert triple[-1].tally == Tally(up=1) and triple[-1].mine == MemberVote(helpful="up")


async def test_undo_and_change_on_each_axis(db):
    repo = VotesRepository(db)
    item = "non_payer.start_friendly"

    async def press(value: str):
        return await repo.cast(GUILD, key("me"), "advice", item, value, NOW, resolve=advice)

    first = await press("up")
    assert (first.transition.change, first.mine, first.tally) == (Change.CAST, MemberVote("up"), Tally(up=1))
    changed = await press("down")
    assert (changed.transition.change, changed.tally) == (Change.CHANGE, Tally(down=1))
    outcome = await press("worked")
    assert outcome.mine == MemberVote("down", "worked") and outcome.tally == Tally(down=1, worked=1)
    undone = await press("down")
    assert (undone.transition.change, undone.mine, undone.tally) == (
        Change.UNDO,
        MemberVote(None, "worked"),
        Tally(worked=1),
    )
    mine = await repo.mine(GUILD, key("me"), "advice", [item, "creep.keep_it_written"])
    assert mine == {item: MemberVote(None, "worked"), "creep.keep_it_written": MemberVote()}


async def test_votes_are_scoped_per_guild_and_kind(db):
    repo = VotesRepository(db)
    item = "non_payer.start_friendly"
    await repo.cast(GUILD, key(1), "advice", item, "up", NOW, resolve=advice)
    await repo.cast(OTHER_GUILD, key(1), "advice", item, "down", NOW, resolve=advice)
    assert (await repo.tallies(GUILD, "advice", [item]))[item] == Tally(up=1)
    assert (await repo.tallies(OTHER_GUILD, "advice", [item]))[item] == Tally(down=1)
    scores = await repo.scores(GUILD, [item, "creep.keep_it_written"])
    # One helpful vote: 0.5 + W(1, 0) / 2 = 0.5 + 0.2065 / 2; no votes: neutral 0.5.
    assert scores[item] == pytest.approx(0.6033, abs=5e-4) and scores["creep.keep_it_written"] == 0.5


async def test_vote_on_unknown_or_deleted_items_is_not_found_and_changes_nothing(db):
    repo = VotesRepository(db)
    with pytest.raises(NotFound):
        await repo.cast(GUILD, key(1), "advice", "non_payer.gone", "up", NOW, resolve=advice)
    tip_id = await published_tip(db)
    await repo.cast(GUILD, key(1), "tip", str(tip_id), "up", NOW, resolve=TipsRepository.vote_target)
    assert await TipsRepository(db).delete(GUILD, tip_id)
    with pytest.raises(NotFound):
        await repo.cast(GUILD, key(2), "tip", str(tip_id), "up", NOW, resolve=TipsRepository.vote_target)
    assert await db.fetchval("SELECT COUNT(*) FROM votes") == 0
    # Withdrawn, pending, another guild's, or a tip id that never existed: all "no longer available".
    other = await published_tip(db)
    assert await TipsRepository(db).withdraw(GUILD, other, NOW)
    pending, _ = await submit_tip(TipsRepository(db), key("x"))
    for guild, item in ((GUILD, other), (GUILD, pending.id), (OTHER_GUILD, other), (GUILD, 999)):
        with pytest.raises(NotFound):
            await repo.cast(guild, key(3), "tip", str(item), "up", NOW, resolve=TipsRepository.vote_target)


async def test_self_vote_on_own_tip_is_refused_and_not_stored(db):
    author = key("author")
    tip_id = await published_tip(db, author)
    repo = VotesRepository(db)
    with pytest.raises(SelfVote):
        await repo.cast(GUILD, author, "tip", str(tip_id), "up", NOW, resolve=TipsRepository.vote_target)
    assert await db.fetchval("SELECT COUNT(*) FROM votes") == 0
    result = await repo.cast(
        GUILD, key("reader"), "tip", str(tip_id), "worked", NOW, resolve=TipsRepository.vote_target
    )
    assert result.tally == Tally(worked=1)


async def test_forget_member_erases_their_votes_and_the_tallies_follow(db):
    repo = VotesRepository(db)
    for n in range(3):
        await repo.cast(GUILD, key(n), "advice", "non_payer.start_friendly", "up", NOW, resolve=advice)
    await repo.cast(GUILD, key(0), "advice", "creep.keep_it_written", "failed", NOW, resolve=advice)
    exported = await repo.export_member(GUILD, key(0))
    assert {(v["item_id"], v["value"]) for v in exported} == {
        ("non_payer.start_friendly", "up"),
        ("creep.keep_it_written", "failed"),
    }
    assert await repo.forget_member(GUILD, key(0)) == 2
    assert await repo.all_tallies(GUILD, "advice") == {"non_payer.start_friendly": Tally(up=2)}


async def test_forget_member_erases_more_votes_than_one_write_holds_and_leaves_others(db):
    # Forget reads the member's votes on the reader and deletes them in writes of a few hundred (no voter index,
    # migration 0019): 450 stories voted on by one member and one by another, across two guilds.
    repo = VotesRepository(db)

    async def story(reader, guild_id: int, item_id: str) -> VoteTarget | None:
        return VoteTarget("story", item_id)

    for n in range(450):
        result = await repo.cast(GUILD, key("gone"), "story", str(n), "up", NOW, resolve=story)
        assert result.mine == MemberVote("up", None) and result.tally == Tally(up=1)
    # A second press on a one-axis item undoes the vote (the insert found it there).
    undone = await repo.cast(GUILD, key("gone"), "story", "0", "up", NOW, resolve=story)
    assert undone.mine == MemberVote(None, None) and undone.tally == Tally()
    await repo.cast(GUILD, key("gone"), "story", "0", "up", NOW, resolve=story)
    await repo.cast(GUILD, key("stays"), "story", "7", "down", NOW, resolve=story)
    await repo.cast(OTHER_GUILD, key("gone"), "story", "7", "up", NOW, resolve=story)
    assert await repo.forget_member(GUILD, key("gone")) == 450
    assert await repo.export_member(GUILD, key("gone")) == []
    assert await repo.all_tallies(GUILD, "story") == {"7": Tally(down=1)}
    assert await repo.all_tallies(OTHER_GUILD, "story") == {"7": Tally(up=1)}
    assert await repo.forget_member(GUILD, key("gone")) == 0


# ------------------------------------------------------------------------------------------ tips and the queue


async def test_tip_goes_through_moderation_to_published(db):
    tips, queue = TipsRepository(db), QueueRepository(db)
    tip, entry = await submit_tip(tips, key("author"), "Put the deposit in the contract.", lang="fi")
    assert tip.status is TipStatus.PENDING and entry.status is QueueStatus.PENDING
    assert (entry.kind, entry.subject_id) == ("tip", tip.id)
    assert [e.id for e in await queue.pending(GUILD)] == [entry.id]
    assert await tips.published(GUILD) == []
    await queue.set_message(entry.id, 555, 777)

    decision = await queue.decide(
        GUILD, entry.id, APPROVE, key("mod"), "2026-03-01T13:00:00Z", effect=TipsRepository.apply_decision
    )
    assert decision.entry.status is QueueStatus.APPROVED and decision.entry.message_id == 777
    published = await tips.published(GUILD, archetype="non_payer", lang="fi")
    assert [(t.id, t.status, t.decided_at) for t in published] == [(tip.id, TipStatus.APPROVED, "2026-03-01T13:00:00Z")]
    assert await tips.published(GUILD, lang="en") == []
    assert await queue.pending(GUILD) == []
    [audit] = await queue.audit(GUILD)
    assert (audit.action, audit.moderator_key, audit.subject_id, audit.queue_id) == (
        "approve",
        key("mod"),
        tip.id,
        entry.id,
    )
    # The audit table has no column that could name the author or hold the text.
    columns = {row["name"] for row in await db.fetchall("PRAGMA table_info(mod_audit)")}
    assert not {"author_key", "author", "text"} & columns


async def test_two_moderators_approving_at_once_make_exactly_one_decision(db):
    tips, queue = TipsRepository(db), QueueRepository(db)
    _, entry = await submit_tip(tips, key("author"))
    outcomes = await asyncio.gather(
        queue.decide(GUILD, entry.id, APPROVE, key("mia"), NOW, effect=TipsRepository.apply_decision),
        queue.decide(GUILD, entry.id, APPROVE, key("mia"), NOW, effect=TipsRepository.apply_decision),
        queue.decide(GUILD, entry.id, REJECT, key("max"), NOW, reason="unclear", effect=TipsRepository.apply_decision),
        return_exceptions=True,
    )
    winners = [o for o in outcomes if not isinstance(o, BaseException)]
    losers = [o for o in outcomes if isinstance(o, BaseException)]
    assert len(winners) == 1 and len(losers) == 2
    assert all(isinstance(o, AlreadyDecided) for o in losers)
    assert len(await queue.audit(GUILD)) == 1
    tip = await tips.get(GUILD, entry.subject_id)
    assert tip is not None and tip.status.value == winners[0].entry.status.value


async def test_rejected_tip_stays_hidden_and_unvotable(db):
    tips, queue = TipsRepository(db), QueueRepository(db)
    tip, entry = await submit_tip(tips, key("author"))
    await queue.decide(
        GUILD, entry.id, REJECT, key("mod"), NOW, reason="other", note="Too vague", effect=TipsRepository.apply_decision
    )
    assert (await tips.get(GUILD, tip.id)).status is TipStatus.REJECTED
    assert await tips.published(GUILD) == []
    with pytest.raises(NotFound):
        await VotesRepository(db).cast(GUILD, key(1), "tip", str(tip.id), "up", NOW, resolve=TipsRepository.vote_target)
    [audit] = await queue.audit(GUILD)
    assert (audit.reason, audit.note) == ("other", "Too vague")


async def test_daily_limit_holds_under_concurrent_submissions(db):
    tips = TipsRepository(db)
    outcomes = await asyncio.gather(
        *(submit_tip(tips, key("eager"), f"Tip number {n}", per_day=3) for n in range(8)), return_exceptions=True
    )
    assert sum(not isinstance(o, BaseException) for o in outcomes) == 3
    assert all(isinstance(o, TipLimitReached) for o in outcomes if isinstance(o, BaseException))
    assert await tips.submitted_since(GUILD, key("eager"), TODAY) == 3
    # Another member and another day are unaffected.
    await submit_tip(tips, key("other"), per_day=3)
    await tips.submit(
        GUILD, key("eager"), "creep", "en", "Next day", "2026-03-02T08:00:00Z", since="2026-03-02T00:00:00Z", per_day=3
    )


async def test_forgetting_a_tip_author_removes_tips_votes_and_queue_entries_but_keeps_the_audit(db):
    author = key("author")
    tip_id = await published_tip(db, author)
    await VotesRepository(db).cast(GUILD, key(1), "tip", str(tip_id), "up", NOW, resolve=TipsRepository.vote_target)
    assert await TipsRepository(db).forget_member(GUILD, author) == 1
    assert await db.fetchval("SELECT COUNT(*) FROM tips") == 0
    assert await db.fetchval("SELECT COUNT(*) FROM votes") == 0
    assert await db.fetchval("SELECT COUNT(*) FROM mod_queue") == 0
    assert len(await QueueRepository(db).audit(GUILD)) == 1
