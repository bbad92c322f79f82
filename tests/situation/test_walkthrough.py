"""The walkthrough's state machine: steps, Back, Start over, skipping by the member's words, expiry, double clicks."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.domain import walkthrough as wt
from parley.domain.errors import InvalidInput
from parley.domain.triage import ArchetypeScore, TriageResult

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _flow(**changes):
    base = dict(
        flow_id="0123456789abcdef",
        guild_id=1,
        member_key="k" * 32,
        kind="situation",
        language="en",
        version=3,
        state={},
        free_text=None,
        created_at=NOW,
        updated_at=NOW,
    )
    base.update(changes)
    return wt.Flow(**base)


def test_the_four_questions_in_order_then_the_result():
    state = wt.start()
    assert state.step == "situations" and state.progress() == wt.Progress(1, 4)
    state = state.answer("situations", ["not_paying", "used_work_unpaid"])
    assert state.step == "stage" and state.progress() == wt.Progress(2, 4)
    state = state.answer("stage", "after")
    assert state.step == "safeguards" and state.progress() == wt.Progress(3, 4)
    state = state.answer("safeguards", ["none"])
    assert state.safeguards == ("none",)
    state = state.answer("keep", "unsure")
    assert state.step == wt.RESULT and state.progress() is None
    answers = state.answers()
    assert answers.situations == ("not_paying", "used_work_unpaid") and answers.stage == "after"
    assert answers.safeguards == frozenset({"none"}) and answers.keep == "unsure"


def test_back_returns_to_the_previous_question_and_keeps_answers():
    state = wt.start().answer("situations", ["rude"]).answer("stage", "during")
    back = state.back()
    assert back.step == "stage" and back.stage == "during"
    assert back.back().step == "situations" and back.back().situations == ("rude",)
    assert not back.back().can_go_back
    assert back.back().back() == back.back()  # nowhere further back


def test_back_from_the_result_and_start_over():
    state = wt.start().answer("situations", ["rude"]).show_result()
    assert state.step == wt.RESULT
    assert state.back().step == "stage"
    assert wt.start() == wt.FlowState()


def test_safeguards_none_beside_others_means_the_others():
    state = wt.start().answer("situations", ["rude"]).answer("stage", "during")
    assert state.answer("safeguards", ["none", "contract"]).safeguards == ("contract",)


@pytest.mark.parametrize(
    ("step", "value"),
    [
        ("situations", []),
        ("situations", ["not_paying", "rude", "all_hours", "wont_sign"]),
        ("situations", ["nonsense"]),
    ],
)
def test_bad_answers_are_refused(step, value):
    with pytest.raises(InvalidInput):
        wt.start().answer(step, value)


def test_an_answer_for_another_step_is_a_stale_click():
    with pytest.raises(wt.StaleClick):
        wt.start().answer("stage", "after")


def test_result_needs_a_situation_or_words():
    with pytest.raises(InvalidInput):
        wt.start().show_result()
    assert wt.start(wt.Inference()).can_show_result  # words were given, even if they answered nothing


def test_words_that_answer_questions_skip_them_and_back_reopens_them():
    state = wt.start(wt.Inference(situations=("not_paying",), stage="after"))
    assert state.step == "safeguards"
    assert state.situations == ("not_paying",) and state.stage == "after"
    assert state.progress() == wt.Progress(1, 2)
    back = state.back()
    assert back.step == "stage" and "stage" not in back.inferred
    assert back.progress() == wt.Progress(1, 3)  # situations are still answered by the words
    # answering it again moves on to the next question, still skipping none that are left
    assert back.answer("stage", "during").step == "safeguards"


def test_words_never_overwrite_an_explicit_answer():
    state = wt.start().answer("situations", ["rude"])
    later = state.with_words(wt.Inference(situations=("not_paying",), stage="before"))
    assert later.situations == ("rude",)
    assert later.stage == "before" and later.step == "safeguards"


def test_infer_reads_confident_archetypes_and_time_phrases():
    result = TriageResult(
        "en",
        (
            ArchetypeScore("non_payer", 0.93, ("invoice", "next week")),
            ArchetypeScore("string_along", 0.7, ()),  # confident but no words: an answer-only signal
            ArchetypeScore("creep", 0.2, ("dinner",)),
        ),
    )
    inference = wt.infer("I delivered the logo and the invoice is late", result)
    assert inference.situations == ("not_paying",)
    assert inference.stage == "after"


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("Should I accept this job? They want a logo", "before"),
        ("Olemme kesken projektin ja asiakas soittaa", "during"),
        ("Работа сдана месяц назад", "after"),
        ("هذا عميل محتمل ولا أعرف", "before"),
        ("he wants more", None),
        ("before I start, and after delivery too", None),  # two stages named: ask instead
    ],
)
def test_infer_stage(text, stage):
    assert wt.infer_stage(text) == stage


def test_state_survives_json_and_drops_unknown_values():
    state = wt.start(wt.Inference(situations=("rude",))).answer("stage", "after")
    assert wt.FlowState.from_json(state.to_json()) == state
    odd = wt.FlowState.from_json({"step": "??", "situations": ["rude", "evil"], "stage": "later", "chosen": "x"})
    assert odd == wt.FlowState(situations=("rude",))


def test_tokens_carry_answers_but_no_text():
    state = wt.start(wt.Inference()).answer("situations", ["rude"]).answer("stage", "after")
    assert state.tokens() == ("answer:rude", "stage:after", "text")


def test_access_owner_version_and_expiry():
    flow = _flow()
    assert wt.check_access(flow, member_key="k" * 32, version=3, now=NOW, ttl_hours=24) is flow
    with pytest.raises(wt.StaleClick):  # the second click of a double click was built for version 3 too
        wt.check_access(_flow(version=4), member_key="k" * 32, version=3, now=NOW, ttl_hours=24)
    with pytest.raises(wt.FlowNotYours):
        wt.check_access(flow, member_key="x" * 32, version=3, now=NOW, ttl_hours=24, command="/situation")
    later = NOW + dt.timedelta(hours=24)
    with pytest.raises(wt.FlowExpired) as expired:
        wt.check_access(flow, member_key="k" * 32, version=3, now=later, ttl_hours=24, command="/situation")
    assert expired.value.params == {"command": "/situation"}
    with pytest.raises(wt.FlowExpired):
        wt.check_access(None, member_key="k" * 32, version=3, now=NOW, ttl_hours=24)
    assert not wt.is_expired(NOW, NOW + dt.timedelta(hours=23, minutes=59), 24)


def test_recognise_shows_a_close_runner_up_and_honours_a_hand_pick():
    result = TriageResult(
        "en",
        (
            ArchetypeScore("non_payer", 0.9, ("answer:not_paying", "next week")),
            ArchetypeScore("no_contract", 0.7, ("no_safeguard:contract",)),
            ArchetypeScore("creep", 0.1, ()),
        ),
    )
    shown = wt.recognise(result)
    assert [r.archetype for r in shown] == ["non_payer", "no_contract"]
    assert shown[0].reasons == (wt.Reason("answer", "not_paying"), wt.Reason("words", "next week"))
    picked = wt.recognise(result, chosen="creep")
    assert [r.archetype for r in picked] == ["creep"] and picked[0].chosen
    assert wt.prefer(result, "creep").archetypes[0] == ArchetypeScore("creep", 1.0, ())


def test_flow_ids_are_random_lowercase_hex():
    ids = {wt.new_flow_id() for _ in range(50)}
    assert len(ids) == 50 and all(wt.FLOW_ID.fullmatch(i) for i in ids)


def _plan(state, text=None, score_of=None):
    from parley.domain.triage import classify
    from parley.knowledge import default_knowledge

    answers = state.answers()
    result = classify(text=text, answers=None if answers.empty else answers)
    return wt.plan_result(default_knowledge(), result, state, score_of)


def test_plan_for_a_late_payer_after_delivery():
    state = wt.start().answer("situations", ["not_paying"]).answer("stage", "after").show_result()
    plan = _plan(state)
    assert plan.recognised[0].archetype == "non_payer" and plan.predicted == "non_payer"
    assert 3 <= len(plan.advice) <= 5 and all(item.source for item in plan.advice)
    assert plan.next_steps and all(step.stage in (None, "after") for step in plan.next_steps)
    assert plan.drafts[0] == "payment_reminder"  # the next rung's draft comes first
    assert plan.drafts[-1] == "end_engagement"  # they didn't say they want out


def test_plan_puts_ending_first_for_someone_who_wants_out():
    state = wt.start().answer("situations", ["not_paying"]).answer("stage", "after")
    state = state.answer("safeguards", ["none"]).answer("keep", "no")
    assert _plan(state).drafts[0] == "end_engagement"


def test_community_votes_reorder_the_advice():
    state = wt.start().answer("situations", ["rude"]).answer("stage", "during").show_result()
    first, second = (item.id for item in _plan(state).advice[:2])
    votes = {first: 0.1, second: 0.95}  # the community found the second far more useful than the first
    reordered = [item.id for item in _plan(state, score_of=lambda item_id: votes.get(item_id, 0.5)).advice]
    assert reordered[0] == second
    assert first not in reordered[:1]


def test_advice_past_the_third_must_be_relevant():
    state = wt.start().answer("situations", ["rude"]).answer("stage", "during").show_result()
    plan = _plan(state)
    assert 3 <= len(plan.advice) <= 5
    assert all(item.archetype in (None, "abusive") for item in plan.advice)  # nothing about unpaid invoices


def test_a_hand_pick_wins_and_nothing_recognised_is_said_plainly():
    state = wt.start().answer("situations", ["not_paying"]).show_result().choose("creep")
    plan = _plan(state)
    assert plan.recognised[0].archetype == "creep" and plan.recognised[0].chosen
    assert plan.predicted == "non_payer"
    vague = _plan(wt.start(wt.Inference()).show_result(), text="hello there, how are you")
    assert vague.unsure and vague.advice == () and vague.drafts == ()
