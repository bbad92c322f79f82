"""Places named by their administrative unit or by several words: "محافظة المفرق", "بالمملكة المتحدة".

Real posts say where someone is the way the news does: the unit, then its name ("بمحافظة الدقهلية", "ولاية صحم",
"مدينة صويلح"), and countries of two words CLDR knows ("الولايات المتحدة", "كوريا الجنوبية") behind a prefix.
The single-word gazetteer lookup misses both: the name after the unit is in no list, and a two-word country is
never one token.
"""

from __future__ import annotations

from functools import cached_property

from ..model import Mention
from ..textutil import Token
from .base import ArabicBase
from .words import norm_ar

# Units whose next word is their proper name ("محافظة المفرق"; منطقة, حي, قرية and شارع are street words, places.py).
ADMIN_UNITS = frozenset(
    norm_ar(w)
    for w in (
        *("محافظة", "ولاية", "إمارة", "امارة", "مدينة", "بلدة"),
        *("مقاطعة", "مديرية", "بلدية", "قضاء", "لواء", "إقليم"),
    )
)
# A second word that completes the name: "منطقة المشيرفة الشمالية", "مدينة السادس من أكتوبر" is left to review.
DIRECTIONS = frozenset(
    norm_ar(w)
    for w in (
        *("الشمالية", "الجنوبية", "الشرقية", "الغربية", "الوسطى", "الجديدة", "القديمة", "الكبرى", "الصغرى"),
        *("الشمالي", "الجنوبي", "الشرقي", "الغربي", "الجديد", "القديم", "العليا", "السفلى"),
    )
)
# CLDR entries that name no territory.
_NOT_TERRITORIES = frozenset(norm_ar(w) for w in ("الأمم المتحدة", "الاتحاد الأوروبي", "منطقة اليورو", "العالم"))
# A state's form before a country CLDR names by one word: "جمهورية التشيك", "مملكة البحرين", "دولة الكويت".
_STATE_FORMS = frozenset(norm_ar(w) for w in ("جمهورية", "مملكة", "دولة", "سلطنة", "إمارة", "امارة"))


class RegionRules(ArabicBase):
    """Region rules, each a method with its example as the docstring."""

    @cached_property
    def multi_countries(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """First word -> every country of several words starting with it (built once per finder)."""
        return multi_country_index(self.lex.countries)

    def _regions(self, text: str, toks: list[Token], used: list[bool]) -> list[Mention]:
        """Multi-word countries first (they hold words an admin unit would take), then units and their names."""
        out = []
        for i in range(len(toks)):
            if used[i]:
                continue
            found = self._multi_word_country(text, toks, i, used) or self._after_admin_unit(text, toks, i, used)
            if found is None:
                continue
            first, last, prefix = found
            out.append(self._span(toks, first, last, prefix, "place"))
            for k in range(first, last + 1):
                used[k] = True
        return out

    def _multi_word_country(
        self, text: str, toks: list[Token], i: int, used: list[bool]
    ) -> tuple[int, int, int] | None:
        """ "الولايات المتحدة", "بالمملكة المتحدة", "وكوريا الجنوبية", "لجمهورية التشيك": a country CLDR names by
        several words (with or without ال on the first, behind و/ب/ل/ف/ك), or a state's form before a country."""
        for p, core in self._prefix_readings(toks[i].text):
            bare = core.removeprefix("ال")
            for first in {core, bare, "ال" + bare}:
                for parts in self.multi_countries.get(first, ()):
                    k = i + len(parts) - 1
                    if k < len(toks) and self._joined(text, toks, i, k, used, parts):
                        return i, k, p
            nxt = self._adjacent_next(text, toks, i)
            state = bare in _STATE_FORMS and i + 1 < len(toks) and not used[i + 1] and nxt in self.lex.countries
            if state and text[toks[i].end : toks[i + 1].start] == " ":
                return i, i + 1, p
        return None

    def _after_admin_unit(self, text: str, toks: list[Token], i: int, used: list[bool]) -> tuple[int, int, int] | None:
        """ "بمحافظة المفرق", "ولاية صحم", "مدينة صويلح": after a unit, a definite word that is not a frequent word, or
        a word no vocabulary knows, is the unit's name (not "مدينة كبيرة", "مدينة ثانية", "محافظة الأمن")."""
        hit = next(((p, c) for p, c in self._prefix_readings(toks[i].text) if c in ADMIN_UNITS), None)
        if hit is None or i + 1 >= len(toks) or used[i + 1] or text[toks[i].end : toks[i + 1].start] != " ":
            return None
        n = norm_ar(toks[i + 1].text)
        if not self._unit_name(n):
            return None
        last = i + 1
        # "منطقة المشيرفة الشمالية", "قرية دير الغصون": a direction, or a definite word after an indefinite one
        n2 = self._adjacent_next(text, toks, last)
        if last + 1 < len(toks) and not used[last + 1] and text[toks[last].end : toks[last + 1].start] == " ":
            construct = not n.startswith("ال") and n2.startswith("ال") and self._unit_name(n2)
            if n2 in DIRECTIONS or construct:
                last += 1
        return i, last, hit[0]

    def _unit_name(self, n: str) -> bool:
        """ "المفرق", "صحم": a word that can name a town after a unit (a listed town is the gazetteer's: "مدينة تبوك"
        removes تبوك alone, as a place after في does)."""
        bare = n.removeprefix("ال")
        if n in self.lex.places or bare in self.lex.places or n in self.lex.countries:
            return False
        if len(bare) < 2 or n in self.stop or n in self.core_stop or n in self.lex.frequent:
            return False
        if n.startswith("ال"):
            return bare not in self.lex.frequent  # an ال-word is a noun: الغويرية is no verb with the ending يه
        return n not in self.lex.vocab and self._unknown_ok(n, strict=True, verb_ok=True)

    def _prefix_readings(self, word: str) -> list[tuple[int, str]]:
        """Readings of word behind و/ف and ب/ل/ك, the article kept: "وبالمملكة" -> (2, المملكه) among others."""
        out = list(self.analyses(word))
        for p in (1, 2):
            if len(word) > p + 3 and all(c in "وفبلك" for c in word[:p]):
                out.append((p, norm_ar(word[p:])))
        return out

    def _joined(self, text: str, toks: list[Token], i: int, k: int, used: list[bool], parts: tuple[str, ...]) -> bool:
        """The tokens after toks[i] spell the rest of parts, one space apart, none taken yet."""
        for x in range(1, len(parts)):
            t = toks[i + x]
            if used[i + x] or text[toks[i + x - 1].end : t.start] != " " or norm_ar(t.text) != parts[x]:
                return False
        return True


def multi_country_index(countries: frozenset[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """First word -> the word tuples of every country of several words (longest first), territories only."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for name in countries:
        parts = tuple(name.split())
        if len(parts) > 1 and name not in _NOT_TERRITORIES and "(" not in name:
            out.setdefault(parts[0], []).append(parts)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}
