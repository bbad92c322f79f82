"""Structured walkthrough answers and the evidence they give for each archetype.

The walkthrough asks: what is happening (several situations), at which stage, which safeguards are in place and
whether the member wants to keep the client. Each answer becomes logit points for archetypes plus a stable token
("answer:not_paying", "stage:before", ...) that the UI localises when it explains a result.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from parley.domain.triage.errors import TriageInputError

SITUATIONS: tuple[str, ...] = (
    "not_paying",
    "more_than_agreed",
    "endless_revisions",
    "all_hours",
    "rude",
    "wont_sign",
    "changes_mind",
    "tells_how",
    "checks_everything",
    "testing_me",
    "upset_not_told",
    "personal_remarks",
    "slow_no_deposit",
    "used_work_unpaid",
)
STAGES: tuple[str, ...] = ("before", "during", "after")
SAFEGUARDS: tuple[str, ...] = ("contract", "platform", "deposit", "none")
KEEP_CHOICES: tuple[str, ...] = ("yes", "unsure", "no")

Stage = Literal["before", "during", "after"]
Keep = Literal["yes", "unsure", "no"]


@dataclass(frozen=True)
class Answers:
    """What the member chose in the walkthrough; every field is optional.

    `safeguards` holds "contract", "platform", "deposit" (or "none" to say explicitly that there are none). An empty
    set with no stage means the question was not asked, so the engine draws no conclusion from it.
    """

    situations: tuple[str, ...] = ()
    stage: Stage | None = None
    safeguards: frozenset[str] = field(default_factory=frozenset)
    keep: Keep | None = None

    def __post_init__(self) -> None:
        # Accept lists/sets from callers (forms, JSON) but keep the frozen types.
        object.__setattr__(self, "situations", tuple(self.situations))
        object.__setattr__(self, "safeguards", frozenset(self.safeguards))
        bad = [s for s in self.situations if s not in SITUATIONS]
        if bad:
            raise TriageInputError("unknown_situation", None, value=bad[0])
        if self.stage is not None and self.stage not in STAGES:
            raise TriageInputError("unknown_stage", None, value=self.stage)
        bad = [s for s in self.safeguards if s not in SAFEGUARDS]
        if bad:
            raise TriageInputError("unknown_safeguard", None, value=bad[0])
        if self.keep is not None and self.keep not in KEEP_CHOICES:
            raise TriageInputError("unknown_keep", None, value=self.keep)

    @property
    def empty(self) -> bool:
        """True when nothing was answered."""
        return not (self.situations or self.stage or self.safeguards or self.keep)


# Situation -> (archetype, logit points). First entry is the archetype the situation names; the others are what
# an experienced freelancer would also suspect (GUIDES.md signals).
PRIMARY = 5.0
SECONDARY = 2.5
SITUATION_ARCHETYPES: dict[str, tuple[tuple[str, float], ...]] = {
    "not_paying": (("non_payer", PRIMARY),),
    "more_than_agreed": (("scope_creep", PRIMARY),),
    "endless_revisions": (("never_satisfied", PRIMARY), ("scope_creep", SECONDARY)),
    "all_hours": (("after_hours", PRIMARY),),
    "rude": (("abusive", PRIMARY),),
    "wont_sign": (("no_contract", PRIMARY),),
    "changes_mind": (("indecisive", PRIMARY),),
    "tells_how": (("know_it_all", PRIMARY),),
    "checks_everything": (("micromanager", PRIMARY),),
    "testing_me": (("sceptic", PRIMARY),),
    "upset_not_told": (("blindsided", PRIMARY),),
    "personal_remarks": (("creep", PRIMARY),),
    "slow_no_deposit": (("bad_fit", PRIMARY), ("non_payer", SECONDARY)),
    "used_work_unpaid": (("string_along", PRIMARY), ("non_payer", SECONDARY)),
}

# Stage shifts: before work starts the problem is qualifying the client; after delivery it is getting paid.
STAGE_SHIFTS: dict[str, dict[str, float]] = {
    "before": {"bad_fit": 1.2, "sceptic": 0.6, "no_contract": 0.6, "non_payer": -1.0, "string_along": -0.6},
    "during": {"scope_creep": 0.3, "micromanager": 0.3, "indecisive": 0.3, "never_satisfied": 0.3, "after_hours": 0.2},
    "after": {"non_payer": 0.8, "string_along": 0.6, "blindsided": 0.3, "bad_fit": -0.5, "sceptic": -0.5},
}

# Problems a written contract would have settled (G3 §5, G4 "anti-contract"): without one, no_contract is a
# defensible second reading.
CONTRACT_SENSITIVE = frozenset(
    {"more_than_agreed", "endless_revisions", "changes_mind", "not_paying", "used_work_unpaid", "wont_sign"}
)
NO_CONTRACT_SECONDARY = 2.0


def answer_logits(answers: Answers | None) -> dict[str, list[tuple[float, str]]]:
    """Return, per archetype, the (logit points, why-token) pairs the answers contribute."""
    out: dict[str, list[tuple[float, str]]] = defaultdict(list)
    if answers is None:
        return out
    for situation in dict.fromkeys(answers.situations):
        for arch, points in SITUATION_ARCHETYPES[situation]:
            out[arch].append((points, f"answer:{situation}"))
    if answers.stage is not None:
        for arch, points in STAGE_SHIFTS[answers.stage].items():
            out[arch].append((points, f"stage:{answers.stage}"))
        if answers.stage == "before" and "slow_no_deposit" in answers.situations:
            out["bad_fit"].append((1.5, "stage:before"))
    safeguards_asked = bool(answers.safeguards) or answers.stage is not None
    if "contract" in answers.safeguards:
        out["no_contract"].append((-2.0, "safeguard:contract"))
    elif safeguards_asked and CONTRACT_SENSITIVE.intersection(answers.situations):
        out["no_contract"].append((NO_CONTRACT_SECONDARY, "no_safeguard:contract"))
    if "deposit" in answers.safeguards:
        out["bad_fit"].append((-0.6, "safeguard:deposit"))
        out["non_payer"].append((-0.3, "safeguard:deposit"))
    if answers.keep == "no":
        out["bad_fit"].append((0.8, "keep:no"))
    elif answers.keep == "yes":
        out["bad_fit"].append((-0.4, "keep:yes"))
    return out
