"""Gazetteers and cue lists shipped in data/, loaded once per language."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from importlib import resources
from importlib.abc import Traversable

from .textutil import norm_ar, norm_key

LANGS = ("en", "ar", "fi", "ru")
FREQUENT_RANK = 5000


@functools.cache
def _data_dir() -> Traversable:
    # resources.files() costs a fraction of a millisecond per call: resolve the folder once for all ~50 files.
    return resources.files("parley.domain.anonymiser") / "data"


def _read_lines(name: str) -> list[str]:
    path = _data_dir() / name
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything language-specific the detectors read; all sets hold normalised forms."""

    lang: str
    first_names: frozenset[str]
    ambiguous: frozenset[str]
    surnames: frozenset[str]
    places: frozenset[str]
    countries: frozenset[str]
    common: frozenset[str]
    platforms: frozenset[str]
    calendar: frozenset[str]
    cues: dict[str, frozenset[str]] = field(default_factory=dict)
    # Multi-word gazetteer entries, by first word: {"new": (("new", "york"), ...)} for places.
    multi_places: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)

    def norm(self, word: str) -> str:
        """Matching form of word for this language."""
        return norm_ar(word) if self.lang == "ar" else norm_key(word)

    @property
    def vocab(self) -> frozenset[str]:
        """Ordinary vocabulary (word forms): a word outside it in a name's position is a name no list knows."""
        return _vocab_sets(self.lang)[0]

    @property
    def frequent(self) -> frozenset[str]:
        """The FREQUENT_RANK most frequent words of the vocabulary: never a name, whatever comes before them."""
        return _vocab_sets(self.lang)[1]

    def cue(self, name: str) -> frozenset[str]:
        """One cue list by name (empty when the language has none)."""
        return self.cues.get(name, frozenset())


def _multi(entries: set[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for e in entries:
        parts = tuple(e.replace("-", " ").split())
        if len(parts) > 1:
            out.setdefault(parts[0], []).append(parts)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


@functools.cache
def _vocab_sets(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """(vocabulary, most frequent part) of one language, read on first use.

    The four lists hold ~95,000 words; reading them lazily keeps Anonymiser.load() fast and costs the first story
    of a language a few milliseconds once. functools.cache makes it safe to share between threads (at worst two
    threads read the same file once each).
    """
    path = _data_dir() / f"vocab_{lang}.txt"
    if not path.is_file():
        return frozenset(), frozenset()
    # The file is already normalised and ordered by frequency: no per-line work.
    words = [w for w in path.read_text(encoding="utf-8").split("\n") if w and w[0] != "#"]
    return frozenset(words), frozenset(words[:FREQUENT_RANK])


def load_lexicon(lang: str) -> Lexicon:
    """Read the data files of one language."""
    norm = norm_ar if lang == "ar" else norm_key

    def s(name: str) -> frozenset[str]:
        return frozenset(norm(w) for w in _read_lines(name))

    cues_path = _data_dir() / f"cues_{lang}.json"
    raw = json.loads(cues_path.read_text(encoding="utf-8"))
    cues = {k: frozenset(norm(w) for w in v) for k, v in raw.items() if isinstance(v, list)}
    # The hand list (towns people live in) plus CLDR's exemplar cities of the time zones (build_countries.py).
    places = set(s(f"places_{lang}.txt")) | s(f"cities_cldr_{lang}.txt")
    first_names, surnames = set(s(f"first_names_{lang}.txt")), set(s(f"surnames_{lang}.txt"))
    if lang in ("en", "fi"):
        # Stories in either language name people and towns from both; the lists are shared.
        other = "fi" if lang == "en" else "en"
        places |= s(f"places_{other}.txt")
        first_names |= s(f"first_names_{other}.txt")
        surnames |= s(f"surnames_{other}.txt")
    platforms = frozenset(norm_key(w) for w in _read_lines("platforms.txt")) | frozenset(
        norm_ar(w) for w in _read_lines("platforms.txt")
    )
    return Lexicon(
        lang=lang,
        # A name that is also a word is still a name once context says so.
        first_names=frozenset(first_names) | s(f"ambiguous_names_{lang}.txt"),
        ambiguous=s(f"ambiguous_names_{lang}.txt"),
        surnames=frozenset(surnames),
        places=frozenset(places),
        # The hand list (regions, short forms: الخليج, Штаты) plus every country and territory CLDR names.
        countries=s(f"countries_{lang}.txt") | s(f"countries_cldr_{lang}.txt"),
        common=s(f"common_{lang}.txt"),
        platforms=platforms,
        calendar=s(f"calendar_{lang}.txt"),
        cues=cues,
        multi_places=_multi(places),
    )
