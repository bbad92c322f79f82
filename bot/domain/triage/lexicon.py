"""The multilingual cue lexicon: concepts written as word patterns in en/fi/ru/ar, compiled into fast indexes.

Pattern syntax (data/lexicon.toml): `word` matches the word and its inflections (same light stem), `=word` the word
exactly, `stem*` any word starting with the stem, `*stem*` (Finnish) also the stem inside a compound (loppulasku);
several space-separated patterns form a phrase (at most one other word may sit between two parts).
Typos: English pattern words of 6+ letters tolerate one edit (symmetric deletion index, verified, first letter fixed),
in English text only.
"""

from __future__ import annotations

import logging
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from parley.domain.triage.stemmers import (
    arabic_forms,
    arabic_unsuffixed_forms,
    fi_written_forms,
    stem_en,
    stem_fi,
    stem_ru,
    strip_en_clitic,
)
from parley.domain.triage.text import ARABIC, CYRILLIC, LATIN, normalise_word
from parley.resources import package_dir

log = logging.getLogger(__name__)

DATA_DIR = package_dir("parley.domain.triage") / "data"
LEXICON_PATH = DATA_DIR / "lexicon.toml"
LANGS = ("en", "fi", "ru", "ar")
LANG_SCRIPT = {"en": LATIN, "fi": LATIN, "ru": CYRILLIC, "ar": ARABIC}
FUNCTION_GROUPS = ("negator", "contrast", "conj", "only")
NEG_SUFFIX = "!neg"
FUZZY_MIN = 6  # shorter cue words are too close to other words for a typo guess to be safe
STEMMED = ("en", "fi", "ru")
MIN_STEM = {"en": 3, "fi": 4, "ru": 4, "ar": 99}
COMPOUND_MIN = 5  # Finnish compound parts shorter than this hide inside unrelated words
COMPOUND_OFFSET = 3  # the first compound part has at least 3 letters
_CACHE_MAX = 200_000


def _deletions(s: str) -> set[str]:
    return {s[:i] + s[i + 1 :] for i in range(len(s))}


def _within_one_edit(a: str, b: str) -> bool:
    """True when a and b differ by at most one insertion, deletion, substitution or adjacent swap."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    if la > lb:
        return a[i + 1 :] == b[i:]
    return a[i:] == b[i + 1 :]


def _stem(lang: str, norm: str) -> str:
    if lang == "en":
        return stem_en(norm)
    if lang == "fi":
        return stem_fi(norm)
    if lang == "ru":
        return stem_ru(norm)
    return norm


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """What one normalised token matched: cue elements, function-word roles, fused negation (مادفعش, maksamatta)."""

    elements: frozenset[int]
    negator: bool
    contrast: bool
    conj: bool
    only: bool
    self_negated: bool


@dataclass(frozen=True, slots=True)
class Phrase:
    """A concept pattern as a sequence of element ids."""

    concept: str
    elements: tuple[int, ...]


class _ScriptIndex:
    """Exact, prefix, compound and fuzzy lookups for the patterns of one script."""

    def __init__(self) -> None:
        self.exact: dict[str, set[int]] = defaultdict(set)
        self.exact_strict: dict[str, set[int]] = defaultdict(set)  # Arabic "=word": clitics off, suffixes kept
        self.stems: dict[str, dict[str, set[int]]] = {lang: defaultdict(set) for lang in STEMMED}
        self.prefix: dict[str, set[int]] = defaultdict(set)
        self.compound: dict[str, set[int]] = defaultdict(set)
        self.fuzzy_exact: dict[str, set[tuple[int, str]]] = defaultdict(set)
        self.fuzzy_prefix: dict[str, set[tuple[int, str]]] = defaultdict(set)
        self.function: dict[str, set[str]] = defaultdict(set)
        self.min_prefix = 99
        self.max_prefix = 0

    def add(self, lang: str, pattern: str, eid: int, fuzzy: bool) -> None:
        exact_only = pattern.startswith("=")
        in_compounds = pattern.startswith("*")
        is_prefix = pattern.endswith("*")
        core = normalise_word(pattern.strip("=*"), LANG_SCRIPT[lang])
        if not core:
            raise ValueError(f"empty pattern {pattern!r}")
        if in_compounds and (lang != "fi" or len(core) < COMPOUND_MIN):
            raise ValueError(f"compound patterns are Finnish stems of {COMPOUND_MIN}+ letters: {pattern!r}")
        if in_compounds:
            # "*lasku*": the stem also heads or ends a compound (loppulasku, laskutus). Only marked stems do this:
            # a case ending inside a longer word is too easily read as a word of its own (sivu-iltaan).
            self.compound[core].add(eid)
        if is_prefix:
            self.prefix[core].add(eid)
            self.min_prefix = min(self.min_prefix, len(core))
            self.max_prefix = max(self.max_prefix, len(core))
        else:
            (self.exact_strict if exact_only and lang == "ar" else self.exact)[core].add(eid)
            if not exact_only:
                stem = _stem(lang, core)
                # Stems are compared only with the same language's stem of a token (an English stem must not meet
                # a Finnish one: joking -> jok, joka -> jok), and short stems collide too often to be trusted.
                if len(stem) >= MIN_STEM[lang] and lang in STEMMED:
                    self.stems[lang][stem].add(eid)
        # Typos: English patterns only. In Finnish and Russian a one-letter difference is usually another word form
        # or another word (varasi "booked" / varasti "stole"), and inflection is already handled by stems.
        if fuzzy and not exact_only and lang == "en" and len(core) >= FUZZY_MIN:
            target = self.fuzzy_prefix if is_prefix else self.fuzzy_exact
            target[core].add((eid, core))
            for d in _deletions(core):
                target[d].add((eid, core))


class Lexicon:
    """Compiled cue lexicon; `token_info` is cached per (script, normalised token)."""

    def __init__(self, raw: dict) -> None:
        self._indexes = {s: _ScriptIndex() for s in (LATIN, CYRILLIC, ARABIC)}
        self._element_ids: dict[tuple[str, str], int] = {}
        self.phrases_by_first: dict[int, list[Phrase]] = defaultdict(list)
        self.concepts: list[str] = []
        self.absorbing: set[str] = set()  # concepts that only swallow their words (no feature of their own)
        self.prior: dict[str, dict[str, float]] = {}
        self.bias_prior: dict[str, float] = dict(raw.get("bias", {}))
        self._cache: dict[tuple[str, str, bool], TokenInfo] = {}
        for group, by_lang in raw.get("function", {}).items():
            if group not in FUNCTION_GROUPS:
                raise ValueError(f"unknown function-word group {group!r}")
            for lang, words in by_lang.items():
                index = self._indexes[LANG_SCRIPT[lang]]
                for word in words:
                    index.function[normalise_word(word, LANG_SCRIPT[lang])].add(group)
        for name, spec in raw.get("concept", {}).items():
            self._add_concept(name, spec)
        log.debug("lexicon: %s concepts, %s elements", len(self.concepts), len(self._element_ids))

    def _element(self, lang: str, pattern: str, fuzzy: bool) -> int:
        key = (lang, pattern)
        eid = self._element_ids.get(key)
        if eid is None:
            eid = len(self._element_ids)
            self._element_ids[key] = eid
            self._indexes[LANG_SCRIPT[lang]].add(lang, pattern, eid, fuzzy)
        return eid

    def _add_concept(self, name: str, spec: dict) -> None:
        if spec.get("absorb"):
            self.absorbing.add(name)
        weights = {a: float(w) for a, w in spec.get("w", {}).items()}
        neg = spec.get("neg")
        neg_weights = (
            {a: float(w) for a, w in neg.items()} if neg is not None else {a: -0.4 * w for a, w in weights.items()}
        )
        self.concepts.append(name)
        self.prior[name] = weights
        self.prior[name + NEG_SUFFIX] = neg_weights
        for lang in LANGS:
            for pattern in spec.get(lang, ()):
                parts = pattern.split()
                # Typo tolerance applies to long words only (FUZZY_MIN), so the short function words of a phrase
                # stay exact while its content words forgive a typo (changng his mind).
                eids = tuple(self._element(lang, p, fuzzy=True) for p in parts)
                self.phrases_by_first[eids[0]].append(Phrase(name, eids))

    def token_info(self, script: str, norm: str, typos: bool = True) -> TokenInfo:
        """Return the cue elements and function roles of one normalised token (typos: allow one-edit matches)."""
        key = (script, norm, typos)
        info = self._cache.get(key)
        if info is None:
            info = self._compute(script, norm, typos)
            if len(self._cache) >= _CACHE_MAX:
                self._cache.clear()
            self._cache[key] = info
        return info

    def _compute(self, script: str, norm: str, typos: bool = True) -> TokenInfo:
        index = self._indexes.get(script)
        if index is None:
            return TokenInfo(frozenset(), False, False, False, False, False)
        self_negated = False
        stem_forms: tuple[tuple[str, str], ...] = ()
        if script == ARABIC:
            forms, shallow, self_negated = arabic_forms(norm)
            exact_forms: tuple[str, ...] = forms
            prefix_forms: tuple[str, ...] = forms
            function_forms: tuple[str, ...] = shallow if not self_negated else ()
        elif script == CYRILLIC:
            exact_forms = (norm,)
            stem_forms = (("ru", stem_ru(norm)),)
            prefix_forms = (norm,)
            function_forms = (norm,)
        else:
            bare = strip_en_clitic(norm)
            written = fi_written_forms(norm)
            exact_forms = tuple(dict.fromkeys((norm, bare, *written)))
            stem_forms = (("en", stem_en(norm)), ("fi", stem_fi(norm)), *(("fi", stem_fi(w)) for w in written))
            prefix_forms = exact_forms
            function_forms = (norm,)
            # Finnish abessive "without doing": maksamatta, vastaamatta.
            if len(norm) > 7 and norm.endswith(("matta", "mättä")):
                self_negated = True
        found: set[int] = set()
        if script == ARABIC and index.exact_strict:
            for f in arabic_unsuffixed_forms(norm):
                hit = index.exact_strict.get(f)
                if hit:
                    found |= hit
        for f in exact_forms:
            hit = index.exact.get(f)
            if hit:
                found |= hit
        for lang, stem in stem_forms:
            hit = index.stems[lang].get(stem)
            if hit:
                found |= hit
        for f in prefix_forms:
            for k in range(index.min_prefix, min(len(f), index.max_prefix) + 1):
                hit = index.prefix.get(f[:k])
                if hit:
                    found |= hit
        if script == LATIN and len(norm) >= COMPOUND_OFFSET + COMPOUND_MIN:
            for i in range(COMPOUND_OFFSET, len(norm) - COMPOUND_MIN + 1):
                tail = norm[i:]
                for k in range(COMPOUND_MIN, len(tail) + 1):
                    hit = index.compound.get(tail[:k])
                    if hit:
                        found |= hit
        if typos and not found and len(norm) >= FUZZY_MIN - 1 and script != ARABIC:
            found |= self._fuzzy(index, norm)
        roles: set[str] = set()
        for f in function_forms:
            roles |= index.function.get(f, set())
        if script == LATIN and (norm.endswith("n't") or (norm.endswith("nt") and norm in _EN_NT)):
            roles.add("negator")
        return TokenInfo(
            frozenset(found),
            "negator" in roles,
            "contrast" in roles,
            "conj" in roles,
            "only" in roles,
            self_negated,
        )

    def _fuzzy(self, index: _ScriptIndex, norm: str) -> set[int]:
        """One-edit matches (insert, delete, substitute, swap) against long patterns; the first letter must agree."""
        found: set[int] = set()

        def probe(s: str, table: dict[str, set[tuple[int, str]]]) -> None:
            for cand in (s, *_deletions(s)):
                for eid, key in table.get(cand, ()):
                    if eid not in found and key[0] == s[0] and _within_one_edit(s, key):
                        found.add(eid)

        if index.fuzzy_exact:
            probe(norm, index.fuzzy_exact)
        if index.fuzzy_prefix:
            for k in range(FUZZY_MIN - 1, min(len(norm), index.max_prefix + 1) + 1):
                probe(norm[:k], index.fuzzy_prefix)
        return found

    @property
    def element_count(self) -> int:
        """Number of distinct word patterns."""
        return len(self._element_ids)


_EN_NT = frozenset(
    {"dont", "doesnt", "didnt", "wont", "cant", "isnt", "wasnt", "arent", "werent", "havent", "hasnt", "hadnt",
     "wouldnt", "couldnt", "shouldnt", "aint", "neednt"}
)  # fmt: skip


def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Read and compile the lexicon TOML file."""
    with path.open("rb") as fh:
        return Lexicon(tomllib.load(fh))
