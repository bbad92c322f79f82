"""The one-screen intake: the walkthrough's questions on one form, mapped onto the walkthrough's own state.

The form asks what is happening (two checkbox groups: a group holds ten options at most and there are fourteen
situations), where the member is with the client (a radio group), what they have in place (a checkbox group) and,
optionally, their own words. Its answers become a `FlowState` here, the one place that mapping lives, so the
result card, Back, Start over and the votes work exactly as after the step-by-step walkthrough.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from parley.domain.triage import SITUATIONS
from parley.domain.walkthrough import (
    MAX_SITUATIONS,
    NO_SAFEGUARD,
    RESULT,
    SAFEGUARDS,
    STAGES,
    FlowState,
    Inference,
)

# The situations in two groups of seven: first what goes wrong with the work and the money, then how the client
# treats the member. Together they are every situation, once.
SITUATION_GROUPS: Mapping[str, tuple[str, ...]] = {
    "work": (
        "not_paying",
        "more_than_agreed",
        "endless_revisions",
        "wont_sign",
        "changes_mind",
        "used_work_unpaid",
        "slow_no_deposit",
    ),
    "treatment": (
        "all_hours",
        "rude",
        "tells_how",
        "checks_everything",
        "testing_me",
        "upset_not_told",
        "personal_remarks",
    ),
}


@dataclass(frozen=True)
class IntakeAnswers:
    """What the member ticked on the form (ids from fixed lists; the words are theirs and stay out of logs)."""

    situations: tuple[str, ...] = ()
    stage: str | None = None
    safeguards: tuple[str, ...] = ()
    words: str | None = None

    @classmethod
    def read(
        cls,
        situations: Iterable[str],
        stage: str | None,
        safeguards: Iterable[str],
        words: str | None,
    ) -> IntakeAnswers:
        """Keep only known ids (a modified client can send anything), in order, once each."""
        return cls(
            situations=tuple(s for s in dict.fromkeys(situations) if s in SITUATIONS),
            stage=stage if stage in STAGES else None,
            safeguards=tuple(s for s in dict.fromkeys(safeguards) if s in (*SAFEGUARDS, NO_SAFEGUARD)),
            words=words.strip() if words and words.strip() else None,
        )


@dataclass(frozen=True)
class IntakeOutcome:
    """The walkthrough state the form leads to, and why it stopped short of the result (None: it didn't)."""

    state: FlowState
    short: str | None = None  # "too_many": more than three situations; "nothing": no situation and no words


def to_state(answers: IntakeAnswers, words: Inference | None = None) -> IntakeOutcome:
    """Map the form onto the walkthrough: answered questions are answered, the result shows when it can.

    `words` is what the member's own words already answer (read by the caller with the triage). Too many situations
    or nothing to go on leave the member on the step-by-step card at "What is happening?", with every other
    answer kept, so nothing they gave is lost and the step-by-step card is the way on.
    """
    state = FlowState()
    too_many = len(answers.situations) > MAX_SITUATIONS
    if answers.situations and not too_many:
        state = replace(state, situations=answers.situations)
    if answers.stage is not None:
        state = replace(state, stage=answers.stage)
    if answers.safeguards:
        chosen = tuple(s for s in answers.safeguards if s != NO_SAFEGUARD)
        state = replace(state, safeguards=chosen or (NO_SAFEGUARD,))
    if words is not None:
        state = state.with_words(words)
        state = replace(state, step="situations", history=())  # with_words skips ahead; the form decides here
    if too_many:
        return IntakeOutcome(replace(state, situations=()), short="too_many")
    if not state.can_show_result:
        return IntakeOutcome(state, short="nothing")
    # The result, with Back leading to the one question the form doesn't ask (keep the client or not).
    return IntakeOutcome(replace(state, step=RESULT, history=("keep",)))
