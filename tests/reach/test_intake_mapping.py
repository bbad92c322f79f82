"""The one-screen form's answers mapped onto the walkthrough (domain only, no Discord)."""

from __future__ import annotations

from parley.domain import walkthrough as wt
from parley.domain.intake import SITUATION_GROUPS, IntakeAnswers, to_state
from parley.domain.triage import SITUATIONS


def test_the_two_groups_hold_every_situation_once_and_fit_a_checkbox_group() -> None:
    grouped = [s for group in SITUATION_GROUPS.values() for s in group]
    assert sorted(grouped) == sorted(SITUATIONS)
    assert len(grouped) == len(set(grouped))
    assert all(len(group) <= 10 for group in SITUATION_GROUPS.values())  # Discord's limit per checkbox group


def test_answers_land_on_the_result_with_back_to_the_question_the_form_skips() -> None:
    answers = IntakeAnswers.read(["not_paying", "rude"], "after", ["contract", "deposit"], None)
    outcome = to_state(answers)
    assert outcome.short is None
    state = outcome.state
    assert state.step == wt.RESULT
    assert state.situations == ("not_paying", "rude") and state.stage == "after"
    assert state.safeguards == ("contract", "deposit") and state.keep is None
    back = state.back()
    assert back.step == "keep"  # the one question the form doesn't ask
    assert back.back().step == "safeguards"


def test_none_of_these_is_an_answer_and_wins_only_alone() -> None:
    assert to_state(IntakeAnswers.read(["rude"], None, ["none"], None)).state.safeguards == (wt.NO_SAFEGUARD,)
    assert to_state(IntakeAnswers.read(["rude"], None, ["none", "platform"], None)).state.safeguards == ("platform",)
    assert to_state(IntakeAnswers.read(["rude"], None, [], None)).state.safeguards is None  # not answered


def test_unknown_ids_from_a_modified_client_are_dropped() -> None:
    answers = IntakeAnswers.read(["not_paying", "drop table", "not_paying"], "tomorrow", ["bribe", "deposit"], "  ")
    assert answers == IntakeAnswers(situations=("not_paying",), stage=None, safeguards=("deposit",), words=None)


def test_too_many_situations_keep_every_other_answer_on_the_first_question() -> None:
    answers = IntakeAnswers.read(["not_paying", "rude", "all_hours", "tells_how"], "during", ["platform"], None)
    outcome = to_state(answers)
    assert outcome.short == "too_many"
    assert outcome.state.step == "situations" and outcome.state.situations == ()
    assert outcome.state.stage == "during" and outcome.state.safeguards == ("platform",)


def test_words_alone_are_enough_and_fill_what_they_answer() -> None:
    words = wt.Inference(situations=("not_paying",), stage="after")
    outcome = to_state(IntakeAnswers.read([], None, [], "He never paid after I delivered."), words)
    assert outcome.short is None and outcome.state.has_text
    assert outcome.state.situations == ("not_paying",) and outcome.state.stage == "after"


def test_ticked_answers_win_over_what_the_words_suggest() -> None:
    words = wt.Inference(situations=("rude",), stage="before")
    state = to_state(IntakeAnswers.read(["all_hours"], "during", [], "..."), words).state
    assert state.situations == ("all_hours",) and state.stage == "during"


def test_nothing_to_go_on_asks_step_by_step() -> None:
    outcome = to_state(IntakeAnswers.read([], "before", [], None))
    assert outcome.short == "nothing" and outcome.state.step == "situations" and outcome.state.stage == "before"
