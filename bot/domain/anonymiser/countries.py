"""Countries named as where someone is or works: "a client from Portugal", «заказчик из Казахстана», "Virosta".

A country narrows down who someone is as much as a town does, so after a word that says where (from, in, в, из;
a Finnish local case) it is removed as a place. Names come from Babel's CLDR territory names (countries_cldr_*.txt)
plus the usual short forms; nationalities ("a Dutch agency") stay, they describe rather than locate.
Arabic countries are found by ArabicFinder with the same lists.
"""

from __future__ import annotations

import re

from .lexicon import _read_lines
from .model import Mention
from .morph import fi_candidates, ru_candidates
from .textutil import WORD_RE, norm_key

P_COUNTRY = 48
_SHORT = {"en": ["US", "USA", "UK", "UAE", "KSA"], "fi": ["USA", "UK", "Arabiemiirikunnat"], "ru": ["США", "ОАЭ"]}
_EN_BEFORE = r"(?:in|from|to|across|outside|throughout|based\s+in|moved\s+to|out\s+of)"
_RU_BEFORE = {"в", "во", "из", "изо", "по", "на"}
# Local cases and the genitive, where a Finnish country name says where: Virossa, Virosta, Viroon, Viron.
_FI_CASES = ("ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "seen", "hin", "iin", "een", "n")


class CountryFinder:
    """Territory names after a 'where' word, per language (en, fi, ru)."""

    def __init__(self) -> None:
        self.names: dict[str, frozenset[str]] = {}
        self._prefixes: dict[str, frozenset[str]] = {}
        self._en_re: re.Pattern[str] | None = None

    def _names(self, lang: str) -> frozenset[str]:
        if lang not in self.names:
            entries = _read_lines(f"countries_cldr_{lang}.txt") + _SHORT.get(lang, [])
            self.names[lang] = frozenset(norm_key(w) for w in entries)
            # Inflection keeps the first letters (Virosta, Казахстана): a cheap filter before morphology.
            self._prefixes[lang] = frozenset(n[:3] for n in self.names[lang])
        return self.names[lang]

    def find(self, text: str, lang: str, places: frozenset[str] = frozenset()) -> list[Mention]:
        if lang == "en":
            return self._english(text)
        if lang not in ("fi", "ru"):
            return []
        out = _fi_place_adjectives(text, places) if lang == "fi" else []
        names = self._names(lang)
        prefixes = self._prefixes[lang]
        prev = ""
        for m in WORD_RE.finditer(text):
            w = m.group()
            if w[:1].isupper() and len(w) >= 2 and norm_key(w)[:3] in prefixes:
                cands = {norm_key(w)} | (fi_candidates(w) if lang == "fi" else ru_candidates(w))
                hit = sorted(cands & names)
                if hit and (is_ru_where(prev) if lang == "ru" else is_fi_where_case(w, hit[0])):
                    out.append(Mention(m.start(), m.end(), "place", hit[0], P_COUNTRY))
            prev = norm_key(w)
        return out

    def _english(self, text: str) -> list[Mention]:
        if self._en_re is None:
            names = sorted(_read_lines("countries_cldr_en.txt") + _SHORT["en"], key=len, reverse=True)
            alt = "|".join(re.escape(n) for n in names)
            self._en_re = re.compile(rf"\b{_EN_BEFORE}\s+(?:the\s+)?({alt})(?![\w-])", re.IGNORECASE)
        out = []
        for m in self._en_re.finditer(text):
            name = m.group(1)
            if is_en_country_written(name):
                out.append(Mention(m.start(1), m.end(1), "place", norm_key(name), P_COUNTRY))
        return out


def is_en_country_written(name: str) -> bool:
    """ "moved to Portugal", "a client in the US": written as a name (capitalised), not "to chad" or "in turkey"."""
    return name[:1].isupper() and not (name.isupper() and len(name) > 4)


def is_ru_where(prev: str) -> bool:
    """«из Казахстана», «в Грузии»: after a preposition of place a country says where someone is."""
    return prev in _RU_BEFORE


def is_fi_where_case(word: str, lemma: str) -> bool:
    """ "Virosta", "Ruotsiin", "Saksan": an inflected country name says where (the nominative is often a topic)."""
    w = norm_key(word)
    return w != lemma and w.endswith(_FI_CASES)


_FI_ADJ_RE = re.compile(r"(?i)\b([a-zåäö]{3,}?)(?:lai|läi)(?:nen|s[a-zåäö]*)\b")


def fi_place_of_adjective(word: str, places: frozenset[str]) -> str:
    """ "espoolaiselle" -> espoo, "lahtelainen" -> lahti, "rovaniemeläisen" -> rovaniemi: the town a Finnish
    place adjective comes from, or '' (the adjective tells where someone is as much as the town does)."""
    m = _FI_ADJ_RE.fullmatch(word)
    if not m:
        return ""
    stem = m.group(1).lower()
    return next((c for c in (stem, stem[:-1] + "i") if c in places), "")


def _fi_place_adjectives(text: str, places: frozenset[str]) -> list[Mention]:
    out = []
    for m in _FI_ADJ_RE.finditer(text):
        town = fi_place_of_adjective(m.group(), places)
        if town:
            out.append(Mention(m.start(), m.end(), "place", town, P_COUNTRY))
    return out
