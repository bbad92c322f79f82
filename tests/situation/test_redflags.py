"""/redflags risk levels: checked flags' weights, flags raised by the member's words, drafts that fit."""

from __future__ import annotations

import pytest

from parley.domain import redflags as rf
from parley.domain.errors import InvalidInput
from parley.domain.triage import ArchetypeScore, TriageResult
from parley.knowledge import default_knowledge

FLAGS = default_knowledge().red_flags
WEIGHT = {flag.id: flag.weight for flag in FLAGS}


def test_levels_follow_the_total_weight():
    assert [rf.level_for(n) for n in range(7)] == ["low", "low", "medium", "medium", "medium", "high", "high"]


def test_no_flags_is_low_with_no_reasons():
    risk = rf.assess(FLAGS, [])
    assert risk == rf.RiskAssessment("low", 0, (), ())


def test_one_light_flag_stays_low():
    light = next(flag.id for flag in FLAGS if flag.weight == 1)
    risk = rf.assess(FLAGS, [light])
    assert risk.level == "low" and [h.id for h in risk.hits] == [light]


def test_refusing_a_contract_plus_no_deposit_is_high_and_offers_both_drafts():
    risk = rf.assess(FLAGS, ["no_upfront", "no_contract"])
    assert risk.total == WEIGHT["no_upfront"] + WEIGHT["no_contract"]
    assert risk.level == rf.level_for(risk.total) == "high"
    assert risk.hits[0].id == "no_contract"  # heaviest first
    assert set(risk.drafts) >= {"deposit_terms", "contract_request"}
    assert "deposit_condition" not in risk.drafts  # a prospect has no unpaid work yet
    assert all(h.checked and not h.words for h in risk.hits)


def test_words_raise_flags_with_the_words_that_pointed_there():
    triage = TriageResult(
        "en",
        (
            ArchetypeScore("no_contract", 0.9, ("won't sign", "answer:wont_sign")),
            ArchetypeScore("after_hours", 0.8, ("at 3 am",)),
            ArchetypeScore("creep", 0.3, ("dinner",)),  # not confident: no flag
        ),
    )
    risk = rf.assess(FLAGS, [], triage)
    by_id = {h.id: h for h in risk.hits}
    assert set(by_id) == {"no_contract", "any_hour"}
    assert by_id["no_contract"].words == ("won't sign",) and not by_id["no_contract"].checked
    assert risk.total == WEIGHT["no_contract"] + WEIGHT["any_hour"]


def test_a_checked_flag_also_in_the_words_counts_once():
    triage = TriageResult("en", (ArchetypeScore("no_contract", 0.9, ("no contract",)),))
    risk = rf.assess(FLAGS, ["no_contract"], triage)
    assert [(h.id, h.checked, h.words) for h in risk.hits] == [("no_contract", True, ("no contract",))]
    assert risk.total == WEIGHT["no_contract"]


def test_unknown_flags_are_refused():
    with pytest.raises(InvalidInput):
        rf.assess(FLAGS, ["no_such_flag"])


def test_checklist_state_moves_and_round_trips():
    valid = [flag.id for flag in FLAGS]
    state = rf.ChecklistState()
    assert state.step == rf.CHECKLIST
    ticked = state.tick(["no_contract", "any_hour", "no_contract"], valid)
    assert ticked.step == rf.RESULT and ticked.checked == ("no_contract", "any_hour")
    assert rf.ChecklistState.from_json(ticked.to_json(), valid) == ticked
    assert state.none_apply().answered and state.none_apply().checked == ()
    assert state.with_words().has_text and state.with_words().step == rf.RESULT
    with pytest.raises(InvalidInput):
        state.tick(["bogus"], valid)
    assert rf.ChecklistState.from_json({"checked": ["bogus", "any_hour"]}, valid).checked == ("any_hour",)
