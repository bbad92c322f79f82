"""Wilson bounds, community scores and rank_advice (with a small fake knowledge base)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from parley.domain.ranking import community_score, rank_advice, wilson_lower_bound
from parley.domain.triage import Answers, ArchetypeScore, TriageResult

# Worked by hand: (p + z²/2n - z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n), z = 1.96
#   (1, 0): p=1, n=1: (1 + 1.9208 - 1.96·sqrt(0.9604)) / 4.8416 = (2.9208 - 1.9208) / 4.8416 = 0.2065
#   (3, 1): p=.75, n=4: (0.75 + 0.4802 - 1.96·sqrt(0.046875 + 0.060025)) / 1.9604 = 0.5894 / 1.9604 = 0.3006
#   (9, 1): p=.9, n=10: (0.9 + 0.19208 - 1.96·sqrt(0.009 + 0.009604)) / 1.38416 = 0.8247 / 1.38416 = 0.5958
HAND = {(0, 0): 0.0, (1, 0): 0.2065, (3, 1): 0.3006, (9, 1): 0.5958, (5, 0): 0.5655, (10, 2): 0.5520}


@pytest.mark.parametrize(("votes", "bound"), HAND.items())
def test_wilson_lower_bound_hand_values(votes, bound):
    assert wilson_lower_bound(*votes) == pytest.approx(bound, abs=5e-4)


def test_wilson_rejects_negative_counts():
    with pytest.raises(ValueError):
        wilson_lower_bound(-1, 2)


def test_wilson_grows_with_evidence_at_the_same_share():
    assert wilson_lower_bound(2, 0) < wilson_lower_bound(20, 0) < wilson_lower_bound(200, 0)


def test_unvoted_sits_between_liked_and_disliked():
    liked, unvoted, disliked = community_score(12, 1), community_score(0, 0), community_score(1, 12)
    assert disliked < unvoted < liked
    assert unvoted == pytest.approx(0.5)
    assert disliked >= 0.0 and liked <= 1.0


def test_one_early_vote_moves_the_score_only_a_little():
    assert 0.5 < community_score(1, 0) < 0.65
    assert 0.35 < community_score(0, 1) < 0.5


def test_outcome_votes_weigh_more_than_helpful_votes():
    assert community_score(0, 0, worked=4) > community_score(4, 0)
    assert community_score(0, 0, failed=4) < community_score(0, 4)


# --- rank_advice ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    id: str
    source: str
    stages: tuple[str, ...] = ()
    keep: str | None = None
    text: tuple = ()


class FakeKB:
    def __init__(self, items: dict[str, list[Item]]) -> None:
        self._items = items

    def items_for(self, archetype_id: str) -> tuple[Item, ...]:
        return tuple(self._items[archetype_id])


def result(*scores: tuple[str, float]) -> TriageResult:
    return TriageResult("en", tuple(ArchetypeScore(a, s, ()) for a, s in scores))


def test_items_follow_archetype_scores():
    kb = FakeKB({"non_payer": [Item("np.a", "G0 §1")], "abusive": [Item("ab.a", "G3 §3")]})
    ranked = rank_advice(kb, result(("abusive", 0.9), ("non_payer", 0.4)), None)
    assert [r.item.id for r in ranked] == ["ab.a", "np.a"]
    assert ranked[0].relevance == pytest.approx(0.9)
    assert ranked[0].community == pytest.approx(0.5)


def test_general_item_takes_the_best_archetype_score_and_appears_once():
    shared = Item("general.records", "G3 §5")
    kb = FakeKB({"non_payer": [shared], "no_contract": [shared]})
    ranked = rank_advice(kb, result(("no_contract", 0.3), ("non_payer", 0.8)), None)
    assert len(ranked) == 1
    assert ranked[0].archetype_id == "non_payer"
    assert ranked[0].relevance == pytest.approx(0.8)


def test_at_most_two_items_per_source_section_and_three_per_archetype():
    kb = FakeKB(
        {
            "non_payer": [Item(f"np.{i}", "G0 §1" if i < 3 else f"G3 §{i}") for i in range(6)],
            "abusive": [Item("ab.a", "G3 §3")],
        }
    )
    ranked = rank_advice(kb, result(("non_payer", 0.95), ("abusive", 0.2)), None, limit=5)
    sections = [r.item.source for r in ranked]
    assert sections.count("G0 §1") == 2
    assert sum(r.archetype_id == "non_payer" for r in ranked) == 3
    assert "ab.a" in [r.item.id for r in ranked]


def test_community_score_reorders_equally_relevant_items():
    kb = FakeKB({"non_payer": [Item("np.a", "G0 §1"), Item("np.b", "G0 §2")]})
    scores = {"np.a": 0.2, "np.b": 0.9}
    ranked = rank_advice(kb, result(("non_payer", 0.9)), None, score_of=scores.__getitem__)
    assert [r.item.id for r in ranked] == ["np.b", "np.a"]
    assert ranked[0].score == pytest.approx(0.9 * (0.5 + 0.9))


def test_stage_match_ranks_higher():
    kb = FakeKB(
        {"non_payer": [Item("np.before", "G0 §1", stages=("before",)), Item("np.after", "G0 §2", stages=("after",))]}
    )
    after = rank_advice(kb, result(("non_payer", 0.9)), Answers(stage="after"))
    before = rank_advice(kb, result(("non_payer", 0.9)), Answers(stage="before"))
    assert after[0].item.id == "np.after"
    assert before[0].item.id == "np.before"


def test_keep_no_promotes_letting_go_and_keep_yes_demotes_it():
    items = [Item("x.fix", "G3 §4", keep="yes"), Item("x.leave", "G3 §6", keep="no")]
    kb = FakeKB({"abusive": items})
    leave = rank_advice(kb, result(("abusive", 0.9)), Answers(keep="no"))
    stay = rank_advice(kb, result(("abusive", 0.9)), Answers(keep="yes"))
    assert leave[0].item.id == "x.leave"
    assert stay[0].item.id == "x.fix"


def test_ties_are_deterministic():
    kb = FakeKB({"creep": [Item("c.b", "G0 §5"), Item("c.a", "G3 §6")]})
    first = rank_advice(kb, result(("creep", 0.7)), None)
    again = rank_advice(kb, result(("creep", 0.7)), None)
    assert [r.item.id for r in first] == [r.item.id for r in again] == ["c.b", "c.a"]  # knowledge-base order


def test_weak_archetypes_and_unknown_ids_bring_no_advice():
    kb = FakeKB({"creep": [Item("c.a", "G0 §5")]})
    assert rank_advice(kb, result(("creep", 0.01)), None) == ()
    assert rank_advice(kb, result(("not_an_archetype", 0.9)), None) == ()


def test_limit_is_respected():
    kb = FakeKB({a: [Item(f"{a}.{i}", f"{a} §{i}") for i in range(3)] for a in ("creep", "abusive", "bad_fit")})
    ranked = rank_advice(kb, result(("creep", 0.9), ("abusive", 0.8), ("bad_fit", 0.7)), None, limit=4)
    assert len(ranked) == 4
