"""Ranking: Wilson lower bounds for community votes, and which advice to show for a triage result.

Advice is ranked by fit first and community score second: an item's fit (relevance) is the archetype's score,
adjusted for the member's stage, whether they want to keep the client, the topics of the situations they picked,
and whether the item is written for a later moment ("once they cooperate, apologise for sharp words"). Items whose
fit is within FIT_TIER of each other form one tier; inside a tier the community score decides. So before anyone
has voted, the first item is the one that fits the answers best, and votes reorder only items that fit about as
well: a popular item never jumps over one that fits the situation clearly better.

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
# The situations picked in the walkthrough -> the advice tags that speak to them.
SITUATION_TAGS: dict[str, frozenset[str]] = {
    "not_paying": frozenset({"payment"}),
    "more_than_agreed": frozenset({"scope"}),
    "endless_revisions": frozenset({"revisions"}),
    "all_hours": frozenset({"hours"}),
    "rude": frozenset({"respect"}),
    "wont_sign": frozenset({"contract"}),
    "changes_mind": frozenset({"decisions"}),
    "tells_how": frozenset({"revisions"}),
    "checks_everything": frozenset({"communication"}),
    "testing_me": frozenset({"communication"}),
    "upset_not_told": frozenset({"communication"}),
    "personal_remarks": frozenset({"safety"}),
    "slow_no_deposit": frozenset({"screening", "payment"}),
    "used_work_unpaid": frozenset({"payment"}),
}
TOPIC_MATCH = 1.25  # the item's tags answer a situation the member picked
LATER = "later"  # tag of items written for a later moment (after the client has moved), never a first step
LATER_FIT = 0.6
FIT_TIER = 0.15  # items whose fit is within 15 % of each other are ordered by community score
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
    """Fit of one item: stage, keep-the-client, situation topics, and items meant for a later moment."""
    tags = frozenset(getattr(item, "tags", ()) or ())
    if LATER in tags:
        relevance *= LATER_FIT
    if answers is None:
        return relevance
    topics = frozenset().union(*(SITUATION_TAGS.get(s, frozenset()) for s in answers.situations))
    if topics & tags:
        relevance *= TOPIC_MATCH
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
    """Pick up to `limit` advice items, by fit first (archetype score, stage, keep, topics) and community second.

    `score` reports relevance x (0.5 + community score); the order is by fit tier (FIT_TIER), then community score,
    then fit. An item serving several archetypes takes the best of their scores. Variety: at most 2 items citing the
    same guide section and at most 3 for one archetype. Ties go to the stronger archetype, then the knowledge base's
    order.
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
    top = max((row[0] for row in best.values()), default=0.0)
    scored = []
    for item_id, (relevance, rank, position, arch_id, item) in best.items():
        community = score_of(item_id) if score_of is not None else NEUTRAL
        final = relevance * (0.5 + community)
        tier = math.floor((top - relevance) / (top * FIT_TIER)) if top > 0 else 0
        ranked = RankedAdvice(item, arch_id, relevance, community, final)
        scored.append((tier, -community, -relevance, rank, position, item_id, ranked))
    scored.sort(key=lambda row: row[:6])
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
