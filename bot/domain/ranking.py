"""Ranking: Wilson lower bounds for community votes, and which advice to show for a triage result.

The community score shrinks toward 0.5 until votes accumulate: it is 0.5 + (lower bound of the helpful share -
lower bound of the unhelpful share) / 2, so an unvoted item sits at 0.5, between a well-liked item (-> 1) and a
disliked one (-> 0), and one early vote moves it only a little. Outcome votes ("it worked" / "it didn't") count 1.5x
a helpful / not-helpful vote: they report what happened, not a first impression.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from parley.domain.triage import Answers, TriageResult

if TYPE_CHECKING:
    from parley.knowledge import AdviceItem, KnowledgeBase

OUTCOME_WEIGHT = 1.5
NEUTRAL = 0.5  # community score of an item nobody voted on
MIN_ARCHETYPE_SCORE = 0.05  # archetypes below this bring no advice
STAGE_MATCH = 1.2  # the item is written for the member's stage
STAGE_MISMATCH = 0.85  # the item names stages, none of them the member's
KEEP_BOOST = {("no", "no"): 1.4, ("no", "yes"): 0.6, ("yes", "yes"): 1.15, ("yes", "no"): 0.8}
MAX_PER_SECTION = 2
MAX_PER_ARCHETYPE = 3


def _wilson(positive: float, negative: float, z: float) -> float:
    n = positive + negative
    if n <= 0:
        return 0.0
    p = positive / n
    z2 = z * z
    centre = p + z2 / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return max(0.0, (centre - margin) / (1 + z2 / n))


def wilson_lower_bound(positive: int, negative: int, z: float = 1.96) -> float:
    """Lower bound of the Wilson score interval for the share of positive votes (0.0 with no votes)."""
    if positive < 0 or negative < 0:
        raise ValueError("vote counts cannot be negative")
    return _wilson(positive, negative, z)


def community_score(up: int, down: int, worked: int = 0, failed: int = 0) -> float:
    """Vote-based score in [0, 1]: 0.5 unvoted, toward 1 when liked and toward 0 when disliked, as evidence grows."""
    if min(up, down, worked, failed) < 0:
        raise ValueError("vote counts cannot be negative")
    positive = up + OUTCOME_WEIGHT * worked
    negative = down + OUTCOME_WEIGHT * failed
    return NEUTRAL + (_wilson(positive, negative, 1.96) - _wilson(negative, positive, 1.96)) / 2


@dataclass(frozen=True)
class RankedAdvice:
    """An advice item chosen for a result: why it is relevant, what the community thinks, and the final score."""

    item: AdviceItem
    archetype_id: str
    relevance: float
    community: float
    score: float


def _adjust(relevance: float, item: Any, answers: Answers | None) -> float:
    """Stage and keep-the-client effects on one item's relevance."""
    if answers is None:
        return relevance
    stages = tuple(getattr(item, "stages", ()) or ())
    if answers.stage and stages:
        relevance *= STAGE_MATCH if answers.stage in stages else STAGE_MISMATCH
    keep = getattr(item, "keep", None)
    if answers.keep and keep:
        relevance *= KEEP_BOOST.get((keep, answers.keep), 1.0)
    return relevance


def rank_advice(
    kb: KnowledgeBase,
    result: TriageResult,
    answers: Answers | None,
    score_of: Callable[[str], float] | None = None,
    limit: int = 5,
) -> tuple[RankedAdvice, ...]:
    """Pick up to `limit` advice items: relevance (archetype score, stage, keep) x (0.5 + community score).

    An item serving several archetypes takes the best of their scores. Variety: at most 2 items citing the same
    guide section and at most 3 for one archetype. Ties go to the stronger archetype, then the knowledge base's order.
    """
    best: dict[
        str, tuple[float, int, int, str, Any]
    ] = {}  # item id -> (relevance, archetype rank, position, arch, item)
    for rank, arch in enumerate(result.archetypes):
        if arch.score < MIN_ARCHETYPE_SCORE:
            continue
        try:
            items = kb.items_for(arch.id)
        except KeyError:
            continue
        for position, item in enumerate(items):
            relevance = _adjust(arch.score, item, answers)
            current = best.get(item.id)
            if current is None or relevance > current[0]:
                best[item.id] = (relevance, rank, position, arch.id, item)
    scored = []
    for item_id, (relevance, rank, position, arch_id, item) in best.items():
        community = score_of(item_id) if score_of is not None else NEUTRAL
        final = relevance * (0.5 + community)
        scored.append((-final, rank, position, item_id, RankedAdvice(item, arch_id, relevance, community, final)))
    scored.sort(key=lambda row: row[:4])
    per_section: Counter[str] = Counter()
    per_archetype: Counter[str] = Counter()
    chosen: list[RankedAdvice] = []
    for *_, ranked in scored:
        section = str(ranked.item.source)
        if per_section[section] >= MAX_PER_SECTION or per_archetype[ranked.archetype_id] >= MAX_PER_ARCHETYPE:
            continue
        per_section[section] += 1
        per_archetype[ranked.archetype_id] += 1
        chosen.append(ranked)
        if len(chosen) >= limit:
            break
    return tuple(chosen)
