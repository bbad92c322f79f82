"""The linear scorer: per archetype, bias + sum(feature value x weight), squashed to [0, 1].

Weights start as the lexicon's hand-set priors and are refined by `train.py` on the examples in data/train_*.txt
(logistic regression, one-vs-rest, L2-pulled toward the priors); the result is data/weights.json.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from parley.domain.triage.archetypes import ARCHETYPE_IDS
from parley.domain.triage.features import MONEY_CONCEPT, NIGHT_CONCEPT, Match
from parley.domain.triage.lexicon import DATA_DIR, LEXICON_PATH, Lexicon

log = logging.getLogger(__name__)

WEIGHTS_PATH = DATA_DIR / "weights.json"
DEFAULT_BIAS = -3.0


def training_files() -> list[Path]:
    """The example files the weights are trained on."""
    return sorted(DATA_DIR.glob("train_*.txt"))


def source_digest() -> str:
    """Hash of the lexicon and training examples, stored with the weights to detect stale training."""
    h = hashlib.sha256()
    for path in [LEXICON_PATH, *training_files()]:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def feature_values(matches: Iterable[Match]) -> dict[str, float]:
    """Sum each feature's factors and compress repeats: one cue counts 1, two 1.58, three 2."""
    sums: dict[str, float] = {}
    for m in matches:
        sums[m.feature] = sums.get(m.feature, 0.0) + m.factor
    return {f: math.log2(1.0 + v) for f, v in sums.items()}


@dataclass(frozen=True)
class LinearModel:
    """Bias and feature weights per archetype."""

    bias: dict[str, float]
    weights: dict[str, dict[str, float]]

    def logits(self, values: dict[str, float]) -> dict[str, float]:
        """Return the raw score of every archetype for a feature-value map."""
        out = dict(self.bias)
        for feature, x in values.items():
            for arch, w in self.weights.get(feature, {}).items():
                out[arch] += w * x
        return out

    def weight(self, feature: str, arch: str) -> float:
        """Weight of one feature for one archetype (0 when absent)."""
        return self.weights.get(feature, {}).get(arch, 0.0)


def prior_model(lexicon: Lexicon) -> LinearModel:
    """The hand-set model: lexicon priors and a common bias."""
    weights = {f: dict(w) for f, w in lexicon.prior.items()}
    weights.setdefault(NIGHT_CONCEPT, {"after_hours": 2.0})
    weights.setdefault(MONEY_CONCEPT, {"non_payer": 0.3, "scope_creep": 0.3})
    bias = {a: float(lexicon.bias_prior.get(a, DEFAULT_BIAS)) for a in ARCHETYPE_IDS}
    return LinearModel(bias, weights)


def load_model(lexicon: Lexicon, path: Path = WEIGHTS_PATH) -> LinearModel:
    """Load trained weights, falling back to the priors for anything the file lacks (or for everything)."""
    base = prior_model(lexicon)
    if not path.exists():
        log.warning("no trained weights at %s: using the lexicon priors", path)
        return base
    data = json.loads(path.read_text(encoding="utf-8"))
    weights = dict(base.weights)
    weights.update({f: {a: float(w) for a, w in ws.items()} for f, ws in data["weights"].items()})
    bias = {a: float(data["bias"].get(a, base.bias[a])) for a in ARCHETYPE_IDS}
    return LinearModel(bias, weights)


def sigmoid(z: float) -> float:
    """Logistic function, safe for large magnitudes."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)
