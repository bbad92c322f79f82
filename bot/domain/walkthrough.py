"""The /situation walkthrough as a pure state machine: steps, Back, Start over, progress, skipping and expiry.

Four questions (what is happening, where you are, what you have, keep the client) lead to the result. The
member's own words (`describe` on the command, or the "in my own words" modal) may answer some questions already:
those are skipped, and Back reopens them. The flow's state is a small JSON-able value; the database keeps it,
keyed by a random flow id, with a version that grows on every accepted step so a double click can't advance twice.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from parley.domain.errors import N_, Expired, InvalidInput, NotYours
from parley.domain.ranking import rank_advice
from parley.domain.triage import SITUATIONS, Answers, ArchetypeScore, TriageResult
from parley.knowledge import AdviceItem, Archetype, KnowledgeBase, LadderStep

STEPS: tuple[str, ...] = ("situations", "stage", "safeguards", "keep")
RESULT = "result"
STAGES: tuple[str, ...] = ("before", "during", "after")
SAFEGUARDS: tuple[str, ...] = ("contract", "platform", "deposit")
NO_SAFEGUARD = "none"
KEEP_CHOICES: tuple[str, ...] = ("yes", "unsure", "no")
MAX_SITUATIONS = 3

# Each situation names one archetype first (triage's SITUATION_ARCHETYPES); the inverse lets a confident reading
# of the member's words stand in for the first question.
SITUATION_OF_ARCHETYPE: Mapping[str, str] = {
    "non_payer": "not_paying",
    "scope_creep": "more_than_agreed",
    "never_satisfied": "endless_revisions",
    "after_hours": "all_hours",
    "abusive": "rude",
    "no_contract": "wont_sign",
    "indecisive": "changes_mind",
    "know_it_all": "tells_how",
    "micromanager": "checks_everything",
    "sceptic": "testing_me",
    "blindsided": "upset_not_told",
    "creep": "personal_remarks",
    "bad_fit": "slow_no_deposit",
    "string_along": "used_work_unpaid",
}
# Text alone answers "what is happening" only when triage is this sure, and only with words to show for it.
TEXT_CONFIDENCE = 0.6
# A second archetype is shown beside the first when it is nearly as strong.
SECOND_MIN_SCORE = 0.5
SECOND_MAX_GAP = 0.3

FLOW_ID = re.compile(r"[0-9a-f]{16}")

# Unambiguous phrases that place the member in time (before accepting / during / after delivery). Conservative on
# purpose: the stage is only skipped when exactly one stage is named.
_STAGE_CUES: Mapping[str, tuple[str, ...]] = {
    "before": (
        r"\bbefore (?:i|we) (?:start|accept|begin|sign|agree)",
        r"\b(?:should|do) i (?:accept|take) (?:it|this|the (?:job|project|work|offer|client))",
        r"\bpotential client\b",
        r"\bprospective client\b",
        r"\bhaven'?t started\b",
        r"\bennen kuin (?:aloitan|aloitamme|hyväksyn|otan)",
        r"\bpitäisikö (?:minun )?ottaa\b",
        r"\bpotentiaalinen asiakas",
        r"\bдо начала работ",
        r"\bещё не начал|\bеще не начал",
        r"\bпотенциальн\w* заказчик",
        r"\bстоит ли (?:брать|соглашаться)",
        r"قبل (?:أن|ان) (?:أبدأ|ابدأ|أقبل|اقبل|أوافق)",
        r"قبل البدء",
        r"عميل محتمل",
        r"هل (?:أقبل|اقبل)",
    ),
    "during": (
        r"\bhalfway through\b",
        r"\bin the middle of the (?:project|work|job)\b",
        r"\bmid-project\b",
        r"\bstill working on\b",
        r"\bkesken projektin\b",
        r"\bprojektin aikana\b",
        r"\bpuolivälissä\b",
        r"\bв процессе работы\b",
        r"\bпосреди проекта\b",
        r"\bв середине проекта\b",
        r"أثناء العمل|اثناء العمل",
        r"في منتصف (?:المشروع|العمل)",
    ),
    "after": (
        r"\bafter (?:i |we )?deliver(?:ed|y|ing)?\b",
        r"\b(?:i|we) (?:delivered|handed over|submitted) (?:the|my|our|it)\b",
        r"\bproject is (?:done|finished|delivered)\b",
        r"\btoimituksen jälkeen\b",
        r"\btoimitin (?:työn|projektin|kaiken)\b",
        r"\btyö on (?:toimitettu|valmis)\b",
        r"\bпосле сдачи\b",
        r"\bработа сдана\b",
        r"\bсдал[аи]? (?:работу|проект)\b",
        r"بعد التسليم",
        r"(?:سلمت|سلّمت) (?:العمل|المشروع)",
    ),
}
_STAGE_RES = {stage: re.compile("|".join(cues), re.IGNORECASE) for stage, cues in _STAGE_CUES.items()}


class StaleClick(Exception):
    """A component built for an older version of the flow (a double click, an old message): nothing to do."""


class FlowExpired(Expired):
    """The walkthrough was left untouched past its lifetime."""

    message = N_("This walkthrough has expired — run {command} again.")


class FlowNotYours(NotYours):
    """Someone pressed a component of another member's walkthrough."""

    message = N_("This walkthrough belongs to someone else. Run {command} to start your own.")


def new_flow_id() -> str:
    """A random, lowercase flow id for custom ids (16 hex characters, 64 bits)."""
    return secrets.token_hex(8)


@dataclass(frozen=True)
class Flow:
    """A stored flow: who owns it, its version, its state (JSON) and the member's own words while it lives."""

    flow_id: str
    guild_id: int | None
    member_key: str
    kind: str
    language: str
    version: int
    state: Mapping[str, Any]
    free_text: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


def is_expired(updated_at: dt.datetime, now: dt.datetime, ttl_hours: int) -> bool:
    """True once a flow has been left untouched for `ttl_hours`."""
    return now - updated_at >= dt.timedelta(hours=ttl_hours)


def check_access(
    flow: Flow | None,
    *,
    member_key: str | None,
    version: int | None,
    now: dt.datetime,
    ttl_hours: int,
    expired: type[Expired] = FlowExpired,
    not_yours: type[NotYours] = FlowNotYours,
    command: str = "",
) -> Flow:
    """Let the owner through on the current version; raise Expired, NotYours or StaleClick otherwise.

    Expiry is checked first: an expired flow tells everyone to start their own, and says nothing about its owner.
    """
    if flow is None or is_expired(flow.updated_at, now, ttl_hours):
        raise expired(command=command)
    if member_key is None or member_key != flow.member_key:
        raise not_yours(command=command)
    if version is not None and version != flow.version:
        raise StaleClick(flow.flow_id)
    return flow


@dataclass(frozen=True)
class Inference:
    """What the member's own words already answer."""

    situations: tuple[str, ...] = ()
    stage: str | None = None


def infer_stage(text: str) -> str | None:
    """Return the stage the text names unambiguously (before/during/after), else None."""
    found = [stage for stage, regex in _STAGE_RES.items() if regex.search(text)]
    return found[0] if len(found) == 1 else None


def infer(text: str, result: TriageResult) -> Inference:
    """Read answers off a text and its triage: confident archetypes become situations, time phrases a stage.

    When the text gives too little to go on (result.confident is False), nothing is read off it, so the walkthrough
    asks "What is happening?" instead of presenting its best guess."""
    if not result.confident:
        return Inference(situations=(), stage=infer_stage(text))
    situations = tuple(SITUATION_OF_ARCHETYPE[a.id] for a in result.archetypes if a.score >= TEXT_CONFIDENCE and a.why)[
        :MAX_SITUATIONS
    ]
    return Inference(situations=situations, stage=infer_stage(text))


@dataclass(frozen=True)
class Progress:
    """ "Question 2 of 4": the current question's position among those the member is asked."""

    index: int
    total: int


@dataclass(frozen=True)
class FlowState:
    """Where a walkthrough is and what has been answered; immutable, every move returns a new state."""

    step: str = STEPS[0]
    situations: tuple[str, ...] = ()
    stage: str | None = None
    safeguards: tuple[str, ...] | None = None  # None: not answered; ("none",): nothing in place
    keep: str | None = None
    inferred: frozenset[str] = field(default_factory=frozenset)  # steps the member's words answered (skipped)
    history: tuple[str, ...] = ()  # steps visited before the current one, for Back
    has_text: bool = False
    chosen: str | None = None  # archetype the member picked by hand on the result card

    # -- reading ---------------------------------------------------------------------------------------------

    def answered(self, step: str) -> bool:
        """Tell whether a question has an answer."""
        values = {"situations": self.situations or None, "stage": self.stage, "safeguards": self.safeguards}
        return (self.keep if step == "keep" else values.get(step)) is not None

    @property
    def asked(self) -> tuple[str, ...]:
        """The questions the member is asked (those their words answered are skipped)."""
        return tuple(step for step in STEPS if step not in self.inferred)

    def progress(self) -> Progress | None:
        """The current question's position, or None on the result."""
        if self.step == RESULT:
            return None
        asked = self.asked if self.step in self.asked else (*self.asked, self.step)
        ordered = [s for s in STEPS if s in asked]
        return Progress(ordered.index(self.step) + 1, len(ordered))

    @property
    def can_show_result(self) -> bool:
        """Enough to say something useful: a situation, or the member's own words."""
        return bool(self.situations) or self.has_text

    def answers(self) -> Answers:
        """The answers as triage reads them."""
        safeguards = frozenset(self.safeguards or ())
        return Answers(situations=self.situations, stage=self.stage, safeguards=safeguards, keep=self.keep)  # type: ignore[arg-type]

    def tokens(self) -> tuple[str, ...]:
        """The answers as stable tokens (no member text): what an anonymous triage correction records."""
        out = [f"answer:{s}" for s in self.situations]
        if self.stage:
            out.append(f"stage:{self.stage}")
        out.extend(f"safeguard:{s}" for s in self.safeguards or ())
        if self.keep:
            out.append(f"keep:{self.keep}")
        if self.has_text:
            out.append("text")
        return tuple(out)

    # -- moves -----------------------------------------------------------------------------------------------

    def answer(self, step: str, value: Any) -> FlowState:
        """Record the answer to the current question and move to the next one not yet answered."""
        if step != self.step:
            raise StaleClick(step)
        if step == "situations":
            values = tuple(dict.fromkeys(value))
            if not values or len(values) > MAX_SITUATIONS or any(v not in SITUATIONS for v in values):
                raise InvalidInput()
            changed = replace(self, situations=values)
        elif step == "stage":
            if value not in STAGES:
                raise InvalidInput()
            changed = replace(self, stage=value)
        elif step == "safeguards":
            values = tuple(v for v in dict.fromkeys(value) if v != NO_SAFEGUARD)
            if any(v not in SAFEGUARDS for v in values):
                raise InvalidInput()
            changed = replace(self, safeguards=values or (NO_SAFEGUARD,))
        elif step == "keep":
            if value not in KEEP_CHOICES:
                raise InvalidInput()
            changed = replace(self, keep=value)
        else:
            raise StaleClick(step)
        # An explicit answer is the member's, no longer a reading of their words; a hand-picked archetype no
        # longer applies to the changed answers.
        changed = replace(changed, inferred=changed.inferred - {step}, chosen=None)
        return changed._forward()

    def _forward(self) -> FlowState:
        """Move past the current step to the next question that isn't answered by the member's words."""
        order = [*STEPS, RESULT]
        start = order.index(self.step) + 1 if self.step in STEPS else len(STEPS)
        for step in order[start:]:
            if step == RESULT or step not in self.inferred:
                return replace(self, step=step, history=(*self.history, self.step))
        return replace(self, step=RESULT, history=(*self.history, self.step))

    def skip_answered(self) -> FlowState:
        """At the start, or after the member's words were read, step past the questions those words answered."""
        state = self
        while state.step in state.inferred:
            state = state._forward()
        return state

    def back(self) -> FlowState:
        """Return to the previous question; a question the member's words answered reopens for them to check.

        From the result, Back returns to the question the member left from.
        """
        if self.step == RESULT:
            previous = self.history[-1] if self.history and self.history[-1] in STEPS else STEPS[-1]
            return replace(self, step=previous, history=self.history[:-1], inferred=self.inferred - {previous})
        index = STEPS.index(self.step)
        if index == 0:
            return self
        previous = STEPS[index - 1]
        return replace(self, step=previous, history=self.history[:-1], inferred=self.inferred - {previous})

    @property
    def can_go_back(self) -> bool:
        """Tell whether Back has somewhere to go."""
        return self.step == RESULT or STEPS.index(self.step) > 0

    def with_words(self, inference: Inference) -> FlowState:
        """Take in what the member's own words answer (never over an explicit answer), then skip those questions."""
        changes: dict[str, Any] = {"has_text": True}
        newly: set[str] = set()
        if inference.situations and not self.situations:
            changes["situations"] = inference.situations
            newly.add("situations")
        if inference.stage and self.stage is None:
            changes["stage"] = inference.stage
            newly.add("stage")
        state = replace(self, **changes, inferred=self.inferred | newly)
        return state.skip_answered()

    def show_result(self) -> FlowState:
        """Jump to the result with what is known so far."""
        if not self.can_show_result:
            raise InvalidInput(N_("Pick at least one situation, or describe it in your own words, first."))
        if self.step == RESULT:
            return self
        return replace(self, step=RESULT, history=(*self.history, self.step))

    def choose(self, archetype_id: str) -> FlowState:
        """The member says a different archetype fits: show the result for that one."""
        return replace(self, step=RESULT, chosen=archetype_id)

    # -- storage ---------------------------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict (ids only: no member text)."""
        return {
            "step": self.step,
            "situations": list(self.situations),
            "stage": self.stage,
            "safeguards": None if self.safeguards is None else list(self.safeguards),
            "keep": self.keep,
            "inferred": sorted(self.inferred),
            "history": list(self.history),
            "has_text": self.has_text,
            "chosen": self.chosen,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FlowState:
        """Rebuild a state stored by to_json (unknown values are dropped, so an old row never crashes a click)."""
        step = data.get("step")
        safeguards = data.get("safeguards")
        return cls(
            step=step if step in (*STEPS, RESULT) else STEPS[0],
            situations=tuple(s for s in data.get("situations", ()) if s in SITUATIONS)[:MAX_SITUATIONS],
            stage=data.get("stage") if data.get("stage") in STAGES else None,
            safeguards=None if safeguards is None else tuple(s for s in safeguards if s in (*SAFEGUARDS, NO_SAFEGUARD)),
            keep=data.get("keep") if data.get("keep") in KEEP_CHOICES else None,
            inferred=frozenset(s for s in data.get("inferred", ()) if s in STEPS),
            history=tuple(s for s in data.get("history", ()) if s in (*STEPS, RESULT)),
            has_text=bool(data.get("has_text")),
            chosen=data.get("chosen") if data.get("chosen") in SITUATION_OF_ARCHETYPE else None,
        )


def start(inference: Inference | None = None) -> FlowState:
    """A new walkthrough, with the command's `describe` already read when given."""
    state = FlowState()
    return state.with_words(inference) if inference is not None else state


# ---------------------------------------------------------------------------------------------------------------
# The result: which archetypes to show, and why


@dataclass(frozen=True)
class Reason:
    """One thing that pointed at an archetype: an answer the member chose, or words they wrote."""

    kind: str  # "answer" | "stage" | "safeguard" | "no_safeguard" | "keep" | "words" | "chosen"
    value: str


@dataclass(frozen=True)
class Recognised:
    """An archetype shown on the result card, with its reasons."""

    archetype: str
    score: float
    reasons: tuple[Reason, ...]
    chosen: bool = False


def reasons_of(score: ArchetypeScore) -> tuple[Reason, ...]:
    """Turn triage's why-tokens into reasons; anything that isn't a known token is the member's own words."""
    out: list[Reason] = []
    for token in score.why:
        kind, _, value = token.partition(":")
        if value and kind in ("answer", "stage", "safeguard", "no_safeguard", "keep"):
            out.append(Reason(kind, value))
        else:
            out.append(Reason("words", token))
    return tuple(out)


def recognise(result: TriageResult, chosen: str | None = None) -> tuple[Recognised, ...]:
    """The archetype(s) to show: the member's own pick, else the best and, when close behind, the runner-up."""
    if chosen is not None:
        score = next((a for a in result.archetypes if a.id == chosen), ArchetypeScore(chosen, 0.0, ()))
        return (Recognised(chosen, score.score, (Reason("chosen", chosen), *reasons_of(score)), chosen=True),)
    best = result.archetypes[0]
    shown = [Recognised(best.id, best.score, reasons_of(best))]
    if len(result.archetypes) > 1:
        second = result.archetypes[1]
        if second.score >= SECOND_MIN_SCORE and best.score - second.score <= SECOND_MAX_GAP:
            shown.append(Recognised(second.id, second.score, reasons_of(second)))
    return tuple(shown)


def prefer(result: TriageResult, archetype_id: str) -> TriageResult:
    """The same triage with one archetype put first at full strength (the member chose it by hand)."""
    chosen = next((a for a in result.archetypes if a.id == archetype_id), ArchetypeScore(archetype_id, 0.0, ()))
    rest = tuple(a for a in result.archetypes if a.id != archetype_id)
    return TriageResult(result.lang, (ArchetypeScore(chosen.id, 1.0, chosen.why), *rest))


def today(now: dt.datetime) -> str:
    """The day a correction is recorded under (no finer time is kept)."""
    return now.astimezone(dt.UTC).date().isoformat()


# ---------------------------------------------------------------------------------------------------------------
# The result plan: what the card shows, decided here so the cog only renders it

ADVICE_MIN, ADVICE_MAX = 3, 5
# Below this, naming an archetype would be a guess: the card says so and asks for more instead.
UNSURE_BELOW = 0.3
RELEVANCE_FLOOR = 0.25  # share of the best item's relevance that items beyond the third must reach


@dataclass(frozen=True)
class ResultPlan:
    """Everything the result card shows, as ids and knowledge-base objects (the cog localises and renders)."""

    recognised: tuple[Recognised, ...]
    predicted: str  # the archetype triage put first, before any hand pick (what a correction records)
    advice: tuple[AdviceItem, ...]
    next_steps: tuple[LadderStep, ...]  # the next rung of the escalation ladder for their stage, and the one after
    drafts: tuple[str, ...]  # draft kinds that fit, best first

    @property
    def unsure(self) -> bool:
        """Nothing was recognised with enough confidence to name it."""
        return not self.recognised


def next_steps(archetype: Archetype, stage: str | None) -> tuple[LadderStep, ...]:
    """The first two rungs of the archetype's ladder that fit the member's stage (none when nothing fits)."""
    fitting = [step for step in archetype.ladder if stage is None or step.stage in (None, stage)]
    return tuple(fitting[:2])


def draft_kinds(
    archetype: Archetype, steps: tuple[LadderStep, ...], advice: tuple[AdviceItem, ...], keep: str | None
) -> tuple[str, ...]:
    """Drafts that fit, best first: the next rung's, then the top advice's, then the archetype's own list.

    Ending the engagement comes first when the member would rather move on, and last otherwise.
    """
    ordered = [s.draft for s in steps if s.draft] + [a.draft for a in advice if a.draft] + list(archetype.drafts)
    kinds = [k for k in dict.fromkeys(ordered) if k in archetype.drafts or k in (s.draft for s in steps)]
    ending = "end_engagement"
    if ending in kinds:
        kinds.remove(ending)
        kinds = [ending, *kinds] if keep == "no" else [*kinds, ending]
    return tuple(kinds)


def plan_result(
    kb: KnowledgeBase,
    result: TriageResult,
    state: FlowState,
    score_of: Callable[[str], float] | None = None,
    limit: int = ADVICE_MAX,
) -> ResultPlan:
    """Decide the result card: archetype(s) with reasons, 3-5 advice items ranked by relevance x community score,
    the next ladder step for their stage and the drafts that fit."""
    predicted = result.archetypes[0].id
    if state.chosen is None and (not result.confident or result.archetypes[0].score < UNSURE_BELOW):
        return ResultPlan((), predicted, (), (), ())
    shown = recognise(result, state.chosen)
    ranked_on = prefer(result, state.chosen) if state.chosen else result
    answers = state.answers()
    ranked = rank_advice(kb, ranked_on, answers, score_of, max(ADVICE_MIN, min(limit, ADVICE_MAX)))
    # Past the first three, an item must be reasonably relevant: advice for an archetype triage barely considered
    # reads as noise to someone in trouble.
    floor = RELEVANCE_FLOOR * max((r.relevance for r in ranked), default=0.0)
    advice = tuple(r.item for n, r in enumerate(ranked) if n < ADVICE_MIN or r.relevance >= floor)
    main = kb.archetypes[shown[0].archetype]
    steps = next_steps(main, state.stage)
    return ResultPlan(shown, predicted, advice, steps, draft_kinds(main, steps, advice, state.keep))
