"""The layer that generalises past word lists: hashed character n-grams and word pairs in a linear model.

A word list can't see that "he wants to see my screen every hour" is micromanaging, or that «хочет видеть экран
каждый час» is the same story; character n-grams (2-5 letters inside each word, with word edges marked) catch
inflections, typos, dialect spellings and words no cue lists, and word pairs catch short turns of phrase
("my screen", "cheaper guy"). Every distinct feature is hashed (crc32, stable across runs) into BUCKETS slots; a
message's features are binary and scaled by 1/sqrt(count), so long stories don't outvote short ones.

The weights (data/ngram_weights.bin) are trained by train.py on the same examples as the lexicon layer and stored as
int8 per archetype with one scale each: 14 x BUCKETS bytes, read into stdlib arrays (no numpy at run time). The
engine adds these logits, times NGRAM_WEIGHT, to the lexicon layer's; the "why" still comes from the lexicon only, so
an explanation always names words that signal the archetype.
"""

from __future__ import annotations

import json
import logging
import math
import zlib
from array import array
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from operator import itemgetter
from pathlib import Path

from parley.domain.triage.archetypes import ARCHETYPE_IDS
from parley.domain.triage.lexicon import DATA_DIR
from parley.domain.triage.text import tokenise

log = logging.getLogger(__name__)

BUCKETS = 1 << 18
NGRAM_MIN, NGRAM_MAX = 2, 5
MAX_WORDS = 600  # a longer message is read for its first 600 words: enough to tell the story, and time stays bounded
NGRAM_PATH = DATA_DIR / "ngram_weights.bin"
NGRAM_META_PATH = DATA_DIR / "ngram_weights.json"


WORD_CACHE = 20_000  # words whose n-gram ids are kept: members' vocabulary repeats, so most words are hits (~2 MB)


@lru_cache(maxsize=WORD_CACHE)
def _word_ids(word: str) -> frozenset[int]:
    """The hashed character n-grams of one word (edges marked) and the word itself."""
    padded = f"<{word}>"
    n = len(padded)
    crc = zlib.crc32
    ids = {
        crc(padded[start : start + size].encode()) & (BUCKETS - 1)
        for size in range(NGRAM_MIN, NGRAM_MAX + 1)
        for start in range(n - size + 1)
    }
    ids.add(crc(f"w {word}".encode()) & (BUCKETS - 1))
    return frozenset(ids)


def feature_ids(text: str) -> list[int]:
    """The distinct hashed features of a text: character n-grams of each word, whole words and word pairs."""
    return sorted(feature_set(text))


def feature_set(text: str) -> set[int]:
    """feature_ids unsorted (what scoring needs: a sum over distinct ids doesn't depend on their order)."""
    words = [t.norm for t in tokenise(text)[:MAX_WORDS]]
    seen: set[int] = set()
    for word in set(words):
        seen |= _word_ids(word)
    crc = zlib.crc32
    seen.update(crc(f"b {a} {b}".encode()) & (BUCKETS - 1) for a, b in pairwise(words))
    return seen


# A bucket's 14 int8 weights packed into one Python int, FIELD_BITS per archetype and each stored as weight + 128
# (never negative), so one C-level sum over a message's buckets adds all 14 columns at once: ~10x faster than 14
# gathers, and exact (integer sums, unpacked and offset back), so every score is bit for bit what the arrays give.
FIELD_BITS = 24
_FIELD_MASK = (1 << FIELD_BITS) - 1
MAX_PACKED_IDS = _FIELD_MASK // 255  # a field can't carry past this many features (~65 000; a message has ~400)
_UNSIGNED = bytes(r ^ 0x80 for r in range(256))  # the byte of an int8 w -> the byte of w + 128


def pack_buckets(weights: tuple[array, ...]) -> list[int]:
    """Per bucket, its weights across archetypes as one int (archetype k in bits FIELD_BITS*k..); equal buckets
    share one int object (over half are all zero), which keeps the list at ~6 MB."""
    width = FIELD_BITS // 8 * len(weights)
    buckets = len(weights[0]) if weights else 0
    raw = bytearray(buckets * width)
    for k, column in enumerate(weights):
        raw[FIELD_BITS // 8 * k :: width] = column.tobytes().translate(_UNSIGNED)
    view, from_bytes, shared = memoryview(raw), int.from_bytes, {}
    values = (from_bytes(view[i : i + width], "little") for i in range(0, len(raw), width))
    return [shared.setdefault(v, v) for v in values]


@dataclass(frozen=True)
class NgramModel:
    """Per archetype: int8 weights over the buckets, one scale, and a bias."""

    weights: tuple[array, ...]  # one array('b') of BUCKETS per archetype, in ARCHETYPE_IDS order
    scales: tuple[float, ...]
    bias: tuple[float, ...]
    packed: list[int] = field(init=False, repr=False, compare=False)  # the same weights, bucket by bucket

    def __post_init__(self) -> None:
        object.__setattr__(self, "packed", pack_buckets(self.weights))

    def logits(self, ids: Collection[int]) -> dict[str, float]:
        """Raw score of every archetype for a text's (distinct) feature ids."""
        if not ids:
            return dict(zip(ARCHETYPE_IDS, self.bias, strict=True))
        n = len(ids)
        if n > MAX_PACKED_IDS:
            return self._logits_by_column(list(ids))
        norm = 1.0 / math.sqrt(n)
        total = sum(itemgetter(*ids)(self.packed)) if n > 1 else self.packed[next(iter(ids))]
        offset = 128 * n
        out = {}
        for k, (arch, scale, b) in enumerate(zip(ARCHETYPE_IDS, self.scales, self.bias, strict=True)):
            column_sum = ((total >> (FIELD_BITS * k)) & _FIELD_MASK) - offset
            out[arch] = b + scale * norm * column_sum
        return out

    def _logits_by_column(self, ids: list[int]) -> dict[str, float]:
        """The same scores gathered archetype by archetype (for texts past MAX_PACKED_IDS features)."""
        norm = 1.0 / math.sqrt(len(ids))
        gather = itemgetter(*ids) if len(ids) > 1 else (lambda w: (w[ids[0]],))
        out = {}
        for arch, w, scale, b in zip(ARCHETYPE_IDS, self.weights, self.scales, self.bias, strict=True):
            out[arch] = b + scale * norm * sum(gather(w))
        return out


def quantise(column: list[float]) -> tuple[array, float]:
    """int8 weights and the scale that maps them back (max |w| -> 127)."""
    top = max((abs(v) for v in column), default=0.0) or 1.0
    scale = top / 127.0
    return array("b", (max(-127, min(127, round(v / scale))) for v in column)), scale


def save_ngram_model(model: NgramModel, digest: str, path: Path = NGRAM_PATH, meta: Path = NGRAM_META_PATH) -> None:
    """Write the int8 weights (archetype after archetype) and their scales, biases and source digest."""
    with path.open("wb") as f:
        for w in model.weights:
            w.tofile(f)
    info = {
        "source_sha256": digest,
        "buckets": BUCKETS,
        "archetypes": list(ARCHETYPE_IDS),
        "scales": list(model.scales),
        "bias": list(model.bias),
    }
    meta.write_text(json.dumps(info, indent=0) + "\n", encoding="utf-8")


def load_ngram_model(path: Path = NGRAM_PATH, meta: Path = NGRAM_META_PATH) -> NgramModel | None:
    """The stored n-gram layer, or None (lexicon only) when it is missing or was built for other archetypes."""
    if not path.exists() or not meta.exists():
        log.warning("no n-gram weights at %s: triage uses the lexicon layer only", path)
        return None
    info = json.loads(meta.read_text(encoding="utf-8"))
    if info.get("buckets") != BUCKETS or info.get("archetypes") != list(ARCHETYPE_IDS):
        log.warning("n-gram weights at %s don't match this build: triage uses the lexicon layer only", path)
        return None
    weights = []
    with path.open("rb") as f:
        for _ in ARCHETYPE_IDS:
            w = array("b")
            w.fromfile(f, BUCKETS)
            weights.append(w)
    return NgramModel(tuple(weights), tuple(info["scales"]), tuple(info["bias"]))
