"""classify(): free text and/or walkthrough answers -> archetype scores with the words that pointed there."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from parley.domain.triage.answers import Answers, answer_logits
from parley.domain.triage.archetypes import ARCHETYPE_IDS, ARCHETYPE_ORDER
from parley.domain.triage.errors import TriageInputError
from parley.domain.triage.features import MONEY_SCENE_CONCEPTS, extract
from parley.domain.triage.langid import DEFAULT, SUPPORTED, detect_language
from parley.domain.triage.lexicon import Lexicon, load_lexicon
from parley.domain.triage.model import LinearModel, feature_values, load_model, sigmoid
from parley.domain.triage.ngrams import NgramModel, feature_set, load_ngram_model

log = logging.getLogger(__name__)

MAX_CHARS = 50_000  # longer input is cut: nobody types more into a help channel, and time stays bounded
WHY_MIN = 0.5  # logit points a word must add to an archetype to be listed as a reason
WHY_MAX = 6
# A cue explains only the archetypes its lexicon concept names as a signal (prior weight at least this much). Trained
# weights also pick up context correlations ("two months", "the files", an amount of money co-occur with unpaid
# invoices in the examples); those may move scores, but a word is never *credited* to an archetype it doesn't signal.
EXPLAINS_MIN_PRIOR = 0.7
# Stacking: a message's logit is LEXICON_SCALE x lexicon layer + NGRAM_WEIGHT x n-gram layer + STACK_BIAS, fitted by
# logistic regression on out-of-fold logits of the leave-one-writer-out folds (README, "How triage works"), so the
# scores stay calibrated probabilities; never fitted on a blind set.
LEXICON_SCALE = 0.779
NGRAM_WEIGHT = 2.781
STACK_BIAS = 2.522
# Text alone is a finding only when the best archetype scores at least this and some of the member's words signal it;
# otherwise the result says so (confident=False) and the walkthrough asks instead of presenting a guess. On the
# writers never seen (README), 80 % of messages come out confident, 91 % of those right at top-1 (70 % of the rest).
CONFIDENT_AT = 0.4
# Without any listed cue, the n-gram layer alone may still read the story (behaviour told in words no list has); it is
# a finding from this score up, unless the only listed words it could lean on are scene-setting ones (below).
NGRAM_CONFIDENT_AT = 0.7
# Cues that set the scene rather than tell the complaint: a price, an invoice sent, an agreement, a weekday, a message.
# They may explain a score, but on their own they are no finding ("we agreed on 300 euros" is not scope creep, "he
# wrote on Saturday" is not an after-hours client): confidence needs at least one cue outside this list. Time cues
# are scene-setting unless a contact cue is near them (features.py marks them).
CONTEXT_CONCEPTS = frozenset(
    {
        "price",
        "money_amount",
        "agreed",
        "quote_doc",
        "invoice",
        "delivered",
        "messages",
        "voice_calls",
        "new_client",
        "prospect",
    }
)


@dataclass(frozen=True)
class ArchetypeScore:
    """One archetype's score in [0, 1] and what pointed there (input words as typed, or answer tokens)."""

    id: str
    score: float
    why: tuple[str, ...]


@dataclass(frozen=True)
class TriageResult:
    """The language of the input and every archetype, best first."""

    lang: str
    archetypes: tuple[ArchetypeScore, ...]
    confident: bool = True

    @property
    def top(self) -> ArchetypeScore:
        """The best archetype."""
        return self.archetypes[0]

    def score_of(self, archetype_id: str) -> float:
        """Score of one archetype (0.0 if unknown)."""
        return next((a.score for a in self.archetypes if a.id == archetype_id), 0.0)


class TriageEngine:
    """Holds the compiled lexicon and weights; thread-safe for reading."""

    def __init__(self, lexicon: Lexicon, model: LinearModel, ngrams: NgramModel | None = None) -> None:
        self.lexicon = lexicon
        self.model = model
        self.ngrams = ngrams
        self.explains = explained_archetypes(lexicon)

    def classify(
        self, text: str | None = None, answers: Answers | None = None, lang: str | None = None
    ) -> TriageResult:
        """Score every archetype for a message and/or walkthrough answers."""
        has_text = bool(text and text.strip())
        has_answers = answers is not None and not answers.empty
        if not has_text and not has_answers:
            raise TriageInputError("empty")
        if lang is not None and lang not in SUPPORTED:
            raise TriageInputError("unsupported_language", None, value=lang)
        text = (text or "")[:MAX_CHARS] if has_text else ""
        if lang is None:
            lang = detect_language(text) if has_text else DEFAULT
        logits = dict(self.model.bias)
        reasons: dict[str, dict[str, float]] = {a: {} for a in ARCHETYPE_IDS}
        told: set[str] = set()  # archetypes some cue beyond scene-setting context points to
        if has_text:
            matches = extract(self.lexicon, text, typos=lang == "en")
            logits = self.model.logits(feature_values(matches))
            if self.ngrams is not None:
                ngram_logits = self.ngrams.logits(feature_set(text))
                logits = {
                    arch: LEXICON_SCALE * z + NGRAM_WEIGHT * ngram_logits[arch] + STACK_BIAS
                    for arch, z in logits.items()
                }
            for m in matches:
                surface = text[m.start : m.end]
                # A money word that only sets the scene (no non-payment cue anywhere) is never quoted as a reason.
                declared = (
                    frozenset()
                    if m.scene and m.feature in MONEY_SCENE_CONCEPTS
                    else self.explains.get(m.feature, frozenset())
                )
                for arch, w in self.model.weights.get(m.feature, {}).items():
                    contribution = w * m.factor
                    if contribution >= WHY_MIN and arch in declared:
                        seen = reasons[arch]
                        seen[surface] = max(seen.get(surface, 0.0), contribution)
                        if m.negated or (not m.scene and m.feature not in CONTEXT_CONCEPTS):
                            told.add(arch)
        for arch, items in answer_logits(answers).items():
            for points, token in items:
                logits[arch] += points
                if points > 0:
                    reasons[arch][token] = reasons[arch].get(token, 0.0) + points
        scored = []
        for arch in ARCHETYPE_IDS:
            why = _dedupe_why(reasons[arch])
            scored.append(ArchetypeScore(arch, round(sigmoid(logits[arch]), 4), why))
        scored.sort(key=lambda s: (-s.score, ARCHETYPE_ORDER[s.id]))
        top = scored[0]
        confident = (
            has_answers
            or (top.score >= CONFIDENT_AT and top.id in told)
            or (top.score >= NGRAM_CONFIDENT_AT and not top.why)
        )
        return TriageResult(lang, tuple(scored), confident)


def explained_archetypes(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    """Per feature (concept or concept!neg), the archetypes the lexicon declares it a signal of."""
    return {
        feature: frozenset(a for a, w in weights.items() if w >= EXPLAINS_MIN_PRIOR)
        for feature, weights in lexicon.prior.items()
    }


def _dedupe_why(weights: dict[str, float]) -> tuple[str, ...]:
    """Strongest reasons first; one entry per word regardless of case."""
    if not weights:
        return ()  # most of the 14 archetypes have no reason in a message
    out: list[str] = []
    seen: set[str] = set()
    for surface, _ in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0])):
        key = surface.casefold()
        if key not in seen:
            seen.add(key)
            out.append(surface)
        if len(out) >= WHY_MAX:
            break
    return tuple(out)


_engine: TriageEngine | None = None
_lock = threading.Lock()


def get_engine() -> TriageEngine:
    """The process-wide engine, built on first use (lexicon + weights load once)."""
    global _engine
    if _engine is None:
        with _lock:
            if _engine is None:
                lexicon = load_lexicon()
                _engine = TriageEngine(lexicon, load_model(lexicon), load_ngram_model())
    return _engine


def classify(text: str | None = None, answers: Answers | None = None, lang: str | None = None) -> TriageResult:
    """Classify a situation from free text (en/ar/fi/ru, mixed) and/or walkthrough answers; best archetype first.

    Raises TriageInputError (a ValueError) with code "empty" when there is neither text nor an answer.
    """
    return get_engine().classify(text, answers, lang)
