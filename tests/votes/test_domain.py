"""Pure voting, tip and moderation rules: transitions, Wilson order, self-votes, membership age, queue decisions."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.domain import moderation, tips, votes
from parley.domain.errors import InvalidInput
from parley.domain.moderation import APPROVE, REJECT, AlreadyDecided, QueueEntry, QueueStatus
from parley.domain.ranking import wilson_lower_bound
from parley.domain.votes import Candidate, Change, MemberVote, Tally, VoteTarget

ALICE = "a" * 32
BOB = "b" * 32
NOW = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)


# ----------------------------------------------------------------------------------------------- transitions


@pytest.mark.parametrize(
    ("current", "pressed", "after", "change"),
    [
        (None, "up", "up", Change.CAST),
        ("up", "up", None, Change.UNDO),
        ("up", "down", "down", Change.CHANGE),
        ("down", "up", "up", Change.CHANGE),
        (None, "worked", "worked", Change.CAST),
        ("worked", "worked", None, Change.UNDO),
        ("failed", "worked", "worked", Change.CHANGE),
    ],
)
def test_press_casts_undoes_and_changes(current, pressed, after, change):
    transition = votes.press(current, pressed)
    assert transition.after == after
    assert transition.change is change
    assert transition.axis is votes.axis_of(pressed)


def test_press_refuses_a_current_vote_from_the_other_axis():
    with pytest.raises(ValueError):
        votes.press("up", "worked")
    with pytest.raises(ValueError):
        votes.press(None, "sideways")


def test_apply_moves_exactly_one_count():
    tally = Tally(up=3, down=1)
    assert votes.apply(tally, votes.press(None, "up")) == Tally(up=4, down=1)
    assert votes.apply(tally, votes.press("up", "up")) == Tally(up=2, down=1)
    assert votes.apply(tally, votes.press("up", "down")) == Tally(up=2, down=2)
    assert votes.apply(Tally(), votes.press(None, "failed")) == Tally(failed=1)


def test_member_vote_reports_its_buttons():
    mine = MemberVote(helpful="down", outcome="worked")
    assert mine.has("down") and mine.has("worked")
    assert not mine.has("up") and not mine.has("failed")


# ------------------------------------------------------------------------------------------------ item ids


@pytest.mark.parametrize(
    ("kind", "item_id", "ok"),
    [
        ("advice", "non_payer.start_friendly", True),
        ("advice", "general.keep_records", True),
        ("advice", "non_payer", False),
        ("advice", "Non_payer.x", False),
        ("advice", "a.b.c", False),
        ("tip", "12", True),
        ("tip", "012", False),
        ("tip", "non_payer.x", False),
        ("story", "9", True),
        ("story", "", False),
        ("poll", "1", False),
    ],
)
def test_item_ids_have_the_shape_of_their_kind(kind, item_id, ok):
    assert votes.valid_item_id(kind, item_id) is ok


# ------------------------------------------------------------------------------------------- who may vote


def test_self_vote_on_own_tip_or_story_is_refused_kindly():
    for kind in ("tip", "story"):
        with pytest.raises(votes.SelfVote) as info:
            votes.check_vote(VoteTarget(kind, "7", author_key=ALICE), ALICE, "up")
        assert "yours" in info.value.msgid
    assert votes.check_vote(VoteTarget("tip", "7", author_key=ALICE), BOB, "up") is votes.Axis.HELPFUL
    # The guides have no author: anyone may vote.
    assert votes.check_vote(VoteTarget("advice", "non_payer.x"), ALICE, "worked") is votes.Axis.OUTCOME


def test_outcome_votes_only_where_there_is_an_outcome():
    with pytest.raises(InvalidInput):
        votes.check_vote(VoteTarget("story", "3", author_key=BOB), ALICE, "worked")


def test_membership_age():
    votes.check_membership(NOW - dt.timedelta(days=8), NOW, 7)
    votes.check_membership(NOW - dt.timedelta(hours=1), NOW, 0)
    votes.check_membership(None, NOW, 30)  # unknown join date: let through rather than lock everyone out
    with pytest.raises(votes.TooNewToVote) as info:
        votes.check_membership(NOW - dt.timedelta(days=6, hours=23), NOW, 7)
    assert info.value.params == {"days": 7}


# ---------------------------------------------------------------------------------------------------- ranking

# Wilson lower bounds at 95 % worked out by hand: (p + z²/2n - z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n), z = 1.96.
HAND = {
    (0, 0): 0.0,
    (1, 0): 0.2065,
    (5, 0): 0.5655,
    (10, 2): 0.5520,
    (50, 10): 0.7197,
    (3, 3): 0.1876,
}


@pytest.mark.parametrize(("counts", "bound"), HAND.items())
def test_wilson_matches_hand_computed_bounds(counts, bound):
    assert wilson_lower_bound(*counts) == pytest.approx(bound, abs=5e-4)


# The community score is 0.5 + (W(helpful) - W(not helpful)) / 2, with "it worked" / "it didn't" counting 1.5
# votes each; by hand from the bounds above (and W(3, 0) = 1 / 2.2805 = 0.4385 for two "it worked").
COMMUNITY = {
    (0, 0, 0, 0): 0.5,
    (1, 0, 0, 0): 0.5 + 0.2065 / 2,
    (5, 0, 0, 0): 0.5 + 0.5655 / 2,
    (10, 2, 0, 0): 0.5 + (0.5520 - 0.0470) / 2,
    (50, 10, 0, 0): 0.5 + (0.7197 - 0.0931) / 2,
    (3, 3, 0, 0): 0.5,
    (0, 0, 2, 0): 0.5 + 0.4385 / 2,
    (0, 0, 0, 2): 0.5 - 0.4385 / 2,
}


@pytest.mark.parametrize(("counts", "score"), COMMUNITY.items())
def test_tally_score_is_the_community_score(counts, score):
    up, down, worked, failed = counts
    assert Tally(up, down, worked, failed).score == pytest.approx(score, abs=5e-4)


def test_rank_orders_by_wilson_then_recency_then_guide_order():
    candidates = [
        Candidate("advice", "x.few_perfect", "x", order=0),
        Candidate("advice", "x.many_good", "x", order=1),
        Candidate("advice", "x.one_vote", "x", order=2),
        Candidate("advice", "x.unvoted_a", "x", order=3),
        Candidate("advice", "x.unvoted_b", "x", order=4),
        Candidate("tip", "5", "x", lang="fi", added_at="2026-02-01T00:00:00Z"),
        Candidate("tip", "6", "x", lang="fi", added_at="2026-02-03T00:00:00Z"),
        Candidate("advice", "x.mixed", "x", order=5),
    ]
    tallies = {
        ("advice", "x.few_perfect"): Tally(up=5),
        ("advice", "x.many_good"): Tally(up=50, down=10),
        ("advice", "x.one_vote"): Tally(up=1),
        ("advice", "x.mixed"): Tally(up=10, down=2),
    }
    ranked = votes.rank(candidates, tallies)
    assert [r.candidate.item_id for r in ranked] == [
        "x.many_good",  # 0.5 + (0.7197 - 0.0931) / 2 = 0.8133
        "x.few_perfect",  # 0.5 + 0.5655 / 2 = 0.7827
        "x.mixed",  # 0.5 + (0.5520 - 0.0470) / 2 = 0.7525
        "x.one_vote",  # 0.5 + 0.2065 / 2 = 0.6033
        "6",  # ties at 0.5 (no votes): the newest tip first,
        "5",
        "x.unvoted_a",  # then the guides in their own order
        "x.unvoted_b",
    ]
    assert [r.score for r in ranked[:4]] == pytest.approx([0.8133, 0.7827, 0.7525, 0.6033], abs=5e-4)


def test_outcome_votes_weigh_in():
    plain = votes.rank(
        [Candidate("advice", "x.a", "x"), Candidate("advice", "x.b", "x", order=1)],
        {
            ("advice", "x.a"): Tally(up=3),
            ("advice", "x.b"): Tally(up=3, worked=4),
        },
    )
    assert [r.candidate.item_id for r in plain] == ["x.b", "x.a"]
    failed = votes.rank(
        [Candidate("advice", "x.a", "x"), Candidate("advice", "x.b", "x", order=1)],
        {
            ("advice", "x.a"): Tally(up=3),
            ("advice", "x.b"): Tally(up=3, failed=4),
        },
    )
    assert [r.candidate.item_id for r in failed] == ["x.a", "x.b"]


def test_ranking_per_language_keeps_the_guides_and_that_languages_tips():
    candidates = [
        Candidate("advice", "x.a", "x"),
        Candidate("tip", "1", "x", lang="fi"),
        Candidate("tip", "2", "x", lang="ru"),
    ]
    assert [c.item_id for c in votes.for_language(candidates, "fi")] == ["x.a", "1"]
    assert [c.item_id for c in votes.for_language(candidates, "en")] == ["x.a"]


# ------------------------------------------------------------------------------------------------------- tips


def test_tip_validation():
    ids = ("non_payer", "creep")
    assert tips.validate_tip("  Ask for 50 % up front.\u200b ", "non_payer", "en", archetypes=ids, max_chars=100) == (
        "Ask for 50 % up front."
    )
    with pytest.raises(tips.EmptyTip):
        tips.validate_tip(" \n\u200b\t ", "non_payer", "en", archetypes=ids, max_chars=100)
    with pytest.raises(tips.TipTooLong) as info:
        tips.validate_tip("x" * 101, "creep", "fi", archetypes=ids, max_chars=100)
    assert info.value.params == {"length": 101, "max": 100}
    with pytest.raises(tips.UnknownChoice):
        tips.validate_tip("fine", "dragon", "en", archetypes=ids, max_chars=100)
    with pytest.raises(tips.UnknownChoice):
        tips.validate_tip("fine", "creep", "de", archetypes=ids, max_chars=100)


def test_tip_allowance():
    tips.check_allowance(4, 5)
    with pytest.raises(tips.TipLimitReached):
        tips.check_allowance(5, 5)
    with pytest.raises(tips.TipsClosed):
        tips.check_allowance(0, 0)
    with pytest.raises(tips.TipsClosed):
        tips.check_allowance(0, 5, enabled=False)


def test_day_start_is_midnight_utc():
    later = dt.datetime(2026, 3, 1, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert tips.day_start(later) == "2026-03-02T00:00:00Z"
    assert tips.stamp(NOW) == "2026-03-01T12:00:00Z"


# ------------------------------------------------------------------------------------------------- moderation


def _entry(status=QueueStatus.PENDING) -> QueueEntry:
    return QueueEntry(id=1, guild_id=9, kind="tip", subject_id=4, status=status, created_at="2026-03-01T00:00:00Z")


def test_one_decision_per_entry():
    decision = moderation.decide(_entry(), APPROVE, ALICE, "2026-03-01T01:00:00Z")
    assert decision.entry.status is QueueStatus.APPROVED
    assert decision.entry.decided_by == ALICE and decision.entry.decision == "approve"
    with pytest.raises(AlreadyDecided):
        moderation.decide(decision.entry, APPROVE, BOB, "2026-03-01T01:00:01Z")
    with pytest.raises(AlreadyDecided):
        moderation.decide(decision.entry, REJECT, BOB, "2026-03-01T01:00:01Z", reason="unclear")


def test_reject_needs_a_listed_reason_and_other_needs_a_note():
    with pytest.raises(InvalidInput):
        moderation.decide(_entry(), REJECT, ALICE, "t")
    with pytest.raises(InvalidInput):
        moderation.decide(_entry(), REJECT, ALICE, "t", reason="because")
    with pytest.raises(InvalidInput):
        moderation.decide(_entry(), REJECT, ALICE, "t", reason="other", note="   ")
    decision = moderation.decide(_entry(), REJECT, ALICE, "t", reason="other", note=" too vague ")
    assert (decision.entry.reason, decision.entry.note) == ("other", "too vague")


def test_audit_entries_name_the_moderator_never_the_author():
    decision = moderation.decide(_entry(), REJECT, ALICE, "t", reason="duplicate")
    audit = decision.audit
    assert (audit.moderator_key, audit.action, audit.kind, audit.subject_id, audit.queue_id, audit.reason) == (
        ALICE,
        "reject",
        "tip",
        4,
        1,
        "duplicate",
    )
    assert not {"author", "author_key", "text"} & set(moderation.AuditEntry.__dataclass_fields__)


def test_capabilities_register_their_own_actions():
    # A name no capability uses: the registry is process-wide.
    feature = moderation.register_action(
        moderation.Action("test_pin", "Pin", None, allowed_from=frozenset({QueueStatus.APPROVED}))
    )
    assert moderation.action("test_pin") is feature
    approved = moderation.decide(_entry(), APPROVE, ALICE, "t1").entry
    featured = moderation.decide(approved, feature, BOB, "t2")
    # An action that keeps the status leaves the decision as it was, but is audited.
    assert featured.entry.status is QueueStatus.APPROVED and featured.entry.decided_by == ALICE
    assert featured.audit.moderator_key == BOB and featured.audit.action == "test_pin"
    with pytest.raises(ValueError):
        moderation.register_action(moderation.Action("approve", "x", QueueStatus.REJECTED))
    with pytest.raises(ValueError):
        moderation.register_action(moderation.Action("Bad Name", "x", None))
