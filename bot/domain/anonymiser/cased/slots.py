"""Suspects in a name slot (English, Finnish, Russian): words the finders leave because nothing about the word itself
says "name", while the words around it do.

A person noun ("the landlord", "брат его", "asiakas") opens a slot for a name: in an apposition between commas, or
right after it. A word in the slot that is a listed name (even one that is also a word: hunter, bishop) or that no
dictionary knows is flagged for the author; a word the story already removed or flagged as a name is flagged again
wherever it recurs. Each rule is one predicate with its example as the docstring.
"""

from __future__ import annotations

import re
from itertools import pairwise

from ..lexicon import Lexicon
from ..model import Suspect
from ..morph import fi_candidates
from ..russian import ru_is_known, ru_proper_kind
from ..textutil import Token, norm_key, overlaps

# Possessives between a person noun and the name: "брат его стёпка", "his cousin", "hänen poikansa".
_POSSESSIVES = {"его", "её", "ее", "их", "мой", "моя", "наш", "наша", "his", "her", "their", "my", "our", "hänen"}
_POSSESSIVE_RE = re.compile(r"['’]s$")


def _slot_word(lex: Lexicon, word: str, any_listed: bool = False) -> bool:
    """A word that may be a name in a name slot: listed (any vocabulary aside, but not the commonest words of the
    language) or known to no dictionary ("ozanne", "стёпка"); never a function word or a frequent verb."""
    w = norm_key(_POSSESSIVE_RE.sub("", word))
    if len(w) < 3 or w in lex.common or w in lex.calendar or w in lex.platforms:
        return False
    if lex.lang == "ru":
        return ru_proper_kind(w) == "person" or (not ru_is_known(w) and w.isalpha())
    forms = fi_candidates(w) | {w} if lex.lang == "fi" else {w}
    listed = _any_in(forms, lex.first_names, lex.surnames)
    if listed:
        return w not in lex.common and (any_listed or not (w in lex.frequent and w not in lex.ambiguous))
    known = _any_in(forms, lex.vocab, lex.frequent, lex.common)
    return not known and w.isalpha()


def _person_nouns(lex: Lexicon) -> frozenset[str]:
    """ "landlord", "жена", "asiakas": the person nouns of the cue files (built once a lexicon)."""
    key = (lex.lang, id(lex))
    if key not in _NOUNS:
        words = lex.cue("person_before") | lex.cue("lowercase_person_before")
        _NOUNS[key] = frozenset(words - {"by", "for", "with", "named"})
    return _NOUNS[key]


_NOUNS: dict[tuple[str, int], frozenset[str]] = {}


def _any_in(forms: set[str], *sets: frozenset[str]) -> bool:
    """Whether one of the forms is in one of the sets (without building their union for every word)."""
    return any(f in s for f in forms for s in sets)


def apposition_name(lex: Lexicon, text: str, tokens: list[Token]) -> list[Suspect]:
    """ "the landlord, ozanne, keeps the deposit", "the print shop guy, bishop, strikes again": one word between
    commas right after a person noun is that person's name (lower case or not)."""
    nouns = _person_nouns(lex)
    out = []
    for i in range(len(tokens) - 1):
        p, w = tokens[i], tokens[i + 1]
        if norm_key(p.text) not in nouns or text[p.end : w.start] != ", ":
            continue
        if text[w.end : w.end + 1] not in (",", ")") or not _slot_word(lex, w.text):
            continue
        out.append(Suspect(w.start, w.end, "person", 0.7))
    return out


def after_person_noun(lex: Lexicon, text: str, tokens: list[Token]) -> list[Suspect]:
    """ "so this guy hunter messaged me", "ещё и жена его оксанка пишет": a lower-case word right after a person noun
    (a possessive may stand between) is the name, when it is a listed name or a word no dictionary knows."""
    nouns = _person_nouns(lex)
    out = []
    for i, p in enumerate(tokens[:-1]):
        if p.cap or norm_key(p.text) not in nouns:
            continue
        j = i + 1
        if norm_key(tokens[j].text) in _POSSESSIVES and j + 1 < len(tokens):
            j += 1
        w = tokens[j]
        if w.cap or text[tokens[j - 1].end : w.start] != " " or not _slot_word(lex, w.text):
            continue
        out.append(Suspect(w.start, w.end, "person", 0.5))
    return out


def name_again(lex: Lexicon, text: str, tokens: list[Token], named: list[tuple[int, int, str]]) -> list[Suspect]:
    """ "jordan from the crypto startup … jordan's telegram", "the guy, bishop, … Bishop is his surname", "sille
    veikalle … veikka on mahdoton": a single word the story already removed or flagged as a name is that name
    wherever it recurs, in any case (in Finnish in any case form: the two share a base form)."""
    words: dict[str, tuple[str, bool]] = {}
    spots = [(s, e) for s, e, _ in named]
    for s, e, typ in named:
        chunk = text[s:e]
        word = norm_key(_POSSESSIVE_RE.sub("", chunk))
        if " " not in chunk.strip() and len(word) >= 3 and not _everyday(lex, word):
            # "Armas Räsänen … armas ihminen": a capitalised name that is also a word recurs in lower case as the word.
            any_case = chunk[:1].islower() or not _in_vocabulary(lex, word)
            for form in _forms(lex, word):
                words.setdefault(form, (typ, any_case))
    if not words:
        return []
    heads = {w[:3] for w in words}
    out = []
    for t in tokens:
        if norm_key(t.text)[:3] not in heads or overlaps(t.start, t.end, spots):
            continue
        hits = [words[f] for f in _forms(lex, norm_key(_POSSESSIVE_RE.sub("", t.text))) if f in words]
        if hits and (hits[0][1] or t.cap) and not _everyday(lex, norm_key(t.text)):
            out.append(Suspect(t.start, t.end, hits[0][0], 0.7))
    return out


def _forms(lex: Lexicon, word: str) -> set[str]:
    """The word, and in Finnish its possible base forms of four letters or more ("veikalle" -> veikka)."""
    if lex.lang != "fi":
        return {word}
    return {word} | {c for c in fi_candidates(word) if len(c) >= 4}


def coordinated_with_name(
    lex: Lexicon, text: str, tokens: list[Token], persons: list[tuple[int, int]]
) -> list[Suspect]:
    """ "his name is actually brent not brian", "kysy jannelta tai pekalta": a lower-case word joined by
    not/or/and to a removed name, when it is a listed name or a word no dictionary knows, is another name."""
    ends = {e for _, e in persons}
    starts = {s for s, _ in persons}
    joins = _JOINS.get(lex.lang, set())
    out = []
    for a, j, b in zip(tokens, tokens[1:], tokens[2:], strict=False):
        if norm_key(j.text) not in joins or text[a.end : j.start] != " " or text[j.end : b.start] != " ":
            continue
        if a.end in ends and not b.cap and not overlaps(b.start, b.end, persons) and _slot_word(lex, b.text, True):
            out.append(Suspect(b.start, b.end, "person", 0.7))
        if b.start in starts and not a.cap and not overlaps(a.start, a.end, persons) and _slot_word(lex, a.text, True):
            out.append(Suspect(a.start, a.end, "person", 0.7))
    return out


_JOINS = {
    "en": {"not", "or", "and", "nor", "vs"},
    "fi": {"tai", "ja", "eikä", "vai"},
    "ru": {"или", "и", "не", "а"},
}


def _in_vocabulary(lex: Lexicon, word: str) -> bool:
    forms = fi_candidates(word) | {word} if lex.lang == "fi" else {word}
    return _any_in(forms, lex.vocab, lex.frequent, lex.ambiguous) or (lex.lang == "ru" and ru_is_known(word))


def _everyday(lex: Lexicon, word: str) -> bool:
    """ "cheque", "kirjanpitäjä", "претензию": a word of the language (in any form) that no list has as a name or a
    place; a flag on it was a guess, and repeating a guess doubles the noise."""
    if word in lex.common or word in _person_nouns(lex):
        return True
    if lex.lang == "ru":
        return ru_is_known(word) and not ru_proper_kind(word)
    forms = fi_candidates(word) | {word} if lex.lang == "fi" else {word}
    return _any_in(forms, lex.vocab) and not _any_in(forms, lex.first_names, lex.surnames, lex.places)


def first_name_before_removed(
    lex: Lexicon, text: str, tokens: list[Token], persons: list[tuple[int, int]]
) -> list[Suspect]:
    """ "Lionel Bishop, owns Inkwell & Press" with only "Bishop" removed: a capitalised word right before a removed
    person, which is no frequent word, is most likely the first name."""
    starts = {s for s, _ in persons}
    out = []
    for a, b in pairwise(tokens):
        if b.start in starts and a.cap and text[a.end : b.start] == " " and len(a.text) >= 3:
            w = norm_key(a.text)
            # "Yhteyshenkilö Veera Lampinen", "Маркетолог Айгуль": a role before the name is no part of it.
            role = w in _person_nouns(lex) or (lex.lang != "en" and _everyday(lex, w))
            if not role and w not in lex.frequent and w not in lex.common and not overlaps(a.start, a.end, persons):
                out.append(Suspect(a.start, a.end, "person", 0.7))
    return out
