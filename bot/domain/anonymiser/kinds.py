"""Which kind of name a run of capitalised words is (person, company or place), one rule per function.

The rules are tried in order by `classify`; each takes the run and returns its split into typed parts, or None
when it says nothing. The order matters (a legal form beats a first name), so a new rule goes where its example
would otherwise be decided wrongly, with a test of that example.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from .textutil import Token, norm_key

if TYPE_CHECKING:
    from .cased import CasedFinder

Parts = list[tuple[list[Token], str]]

_PLACE_PREP = {"en": {"in", "near"}, "fi": set(), "ru": {"в", "во", "из", "под"}}
_ORG_PREP = {"en": {"at", "from", "with", "for", "by", "via", "joined"}, "fi": set(), "ru": {"у", "от"}}
_FI_LOCATIVE = ("ssa", "ssä", "sta", "stä")


@dataclass(frozen=True)
class Run:
    """A run of capitalised tokens to type, with the word before it and whether a title or role cued a person."""

    finder: CasedFinder
    text: str
    toks: list[Token]
    prev: str
    person_cue: bool

    @functools.cached_property
    def words(self) -> list[str]:
        return [t.text for t in self.toks]

    @functools.cached_property
    def lem(self) -> list[str]:
        return [self.finder.lemma(w) for w in self.words]

    @functools.cached_property
    def last_lemmas(self) -> set[str]:
        return self.finder.lemmas(self.words[-1])

    def cue(self, name: str) -> frozenset[str]:
        return self.finder.lex.cue(name)


def cued_person(r: Run) -> Parts | None:
    """ "Mr Quill", "asiakas Mervi Laaksonen": a title or role word before the run makes it a person."""
    return [(r.toks, "person")] if r.person_cue else None


def legal_form_or_suffix(r: Run) -> Parts | None:
    """ "Acme Oy", "Pell & Varga", "Veera Salmela Kuvamaisema Oy": a company, with who runs it split off."""
    f = r.finder
    legal = any(f._in(w, r.cue("legal_forms")) for w in r.words)
    suffix = len(r.toks) > 1 and bool(r.last_lemmas & r.cue("org_suffixes"))
    gaps = [r.text[a.end : b.start] for a, b in pairwise(r.toks)]
    if not (legal or suffix or any("&" in g or "+" in g for g in gaps)):
        return None
    if len(r.toks) >= 3 and f.is_first_name(r.words[0]):
        # "Niinalle Kielipaja Oy", "Veera Salmela Kuvamaisema Oy": who, then which company.
        two = len(r.toks) >= 4 and (f.is_personish(r.words[1]) or r.lem[1] not in r.cue("org_suffixes"))
        k = 2 if two else 1
        return [(r.toks[:k], "person"), (r.toks[k:], "org")]
    return [(r.toks, "org")]


def street_or_venue(r: Run) -> Parts | None:
    """ "Pearl Street", "Grafton St", "Hämeenkatu": a street or venue word makes the run a place."""
    venue = len(r.toks) > 1 and bool(r.last_lemmas & r.cue("venue_suffixes"))
    street = _street_word(r.lem[-1], r) if len(r.toks) > 1 else _street_word(r.lem[0], r)
    return [(r.toks, "place")] if venue or street else None


def russian_town_after_v(r: Run) -> Parts | None:
    """ "в Касимове": a surname-shaped word after "в" is a town (Иваново, Пушкино)."""
    f = r.finder
    if f.lang == "ru" and len(r.toks) == 1 and r.prev in ("в", "во") and not f.is_first_name(r.words[0]):
        return [(r.toks, "place")]
    return None


def person_then_place(r: Run) -> Parts | None:
    """ "Harriet Quill Leeds": a personal name followed by a listed town is two things."""
    f = r.finder
    if len(r.toks) > 1 and f.is_place(r.words[-1]) and f.is_personish(r.words[0]):
        return [(r.toks[:-1], "person"), (r.toks[-1:], "place")]
    return None


def listed_place(r: Run) -> Parts | None:
    """ "New York", "Leeds": a place the lists know (one word: not also a first name)."""
    f = r.finder
    joined = norm_key(" ".join(r.words))
    one = len(r.toks) == 1 and f.is_place(r.words[0]) and not f.is_first_name(r.words[0])
    return [(r.toks, "place")] if joined in f.lex.places or one else None


def town_in_company(r: Run) -> Parts | None:
    """ "Ankara Looms", "Helsinki Design": a town name opening a longer name is part of a company's name."""
    f = r.finder
    if len(r.toks) > 1 and f.is_place(r.words[0]) and not f.is_first_name(r.words[0]):
        return [(r.toks, "org")]
    return None


def personal_name(r: Run) -> Parts | None:
    """ "Tobias Wrenfield", "Сидорова": a listed first name first, or any word shaped like a name or surname."""
    f = r.finder
    if f.is_first_name(r.words[0]) or any(f.is_personish(w) for w in r.words):
        return [(r.toks, "person")]
    return None


def word_before(r: Run) -> Parts | None:
    """ "agency Quillmark" -> company, "client Larkspur" -> person, "in Tacoma" -> place, "at Halvard Capital"."""
    f = r.finder
    if r.prev in r.cue("org_kinds"):
        return [(r.toks, "org")]
    if r.prev in r.cue("person_before"):
        return [(r.toks, "person")]
    if r.prev in _PLACE_PREP.get(f.lang, set()) or r.prev in r.cue("place_before"):
        return [(r.toks, "place")]
    if f.lang == "fi" and len(r.toks) == 1 and norm_key(r.words[0]).endswith(_FI_LOCATIVE):
        return [(r.toks, "place")]  # "Kuopiossa": a locative case of an unknown word is somewhere
    if r.prev in _ORG_PREP.get(f.lang, set()) and (len(r.toks) > 1 or f.lang == "ru"):
        return [(r.toks, "org")]
    return None


def acronym_run(r: Run) -> Parts | None:
    """ "NWT Logistics": a longer run opening with an acronym is a company."""
    first = r.toks[0]
    if len(r.toks) > 1 and (first.all_caps or first.text[1:2].isupper()):
        return [(r.toks, "org")]
    return None


RULES: tuple[Callable[[Run], Parts | None], ...] = (
    cued_person,
    legal_form_or_suffix,
    street_or_venue,
    russian_town_after_v,
    person_then_place,
    listed_place,
    town_in_company,
    personal_name,
    word_before,
    acronym_run,
)


def classify(r: Run) -> Parts:
    """The first rule that decides; an unknown capitalised run nobody explains is most often a person."""
    for rule in RULES:
        parts = rule(r)
        if parts is not None:
            return parts
    return [(r.toks, "person")]


def _street_word(lemma: str, r: Run) -> bool:
    return any(lemma.endswith(s) and len(lemma) > len(s) + 2 for s in r.cue("street_suffixes"))
