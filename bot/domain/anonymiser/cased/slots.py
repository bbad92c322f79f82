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


def _slot_word(lex: Lexicon, word: str) -> bool:
    """A word that may be a name in a name slot: listed (any vocabulary aside, but not the commonest words of the
    language) or known to no dictionary ("ozanne", "стёпка"); never a function word or a frequent verb."""
    w = norm_key(_POSSESSIVE_RE.sub("", word))
    if len(w) < 3 or w in lex.common or w in lex.calendar or w in lex.platforms:
        return False
    if lex.lang == "ru":
        return ru_proper_kind(w) == "person" or (not ru_is_known(w) and w.isalpha())
    forms = fi_candidates(w) | {w} if lex.lang == "fi" else {w}
    listed = bool(forms & (lex.first_names | lex.surnames))
    if listed:
        return w not in lex.common and not (w in lex.frequent and w not in lex.ambiguous)
    known = forms & (lex.vocab | lex.frequent | lex.common)
    return not known and w.isalpha()


def _person_nouns(lex: Lexicon) -> frozenset[str]:
    return frozenset(lex.cue("person_before") | lex.cue("lowercase_person_before")) - {"by", "for", "with", "named"}


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
    """ "jordan from the crypto startup … jordan's telegram", "the guy, bishop, … Bishop is his surname": a single
    word the story already removed or flagged as a name is that name wherever it recurs, in any case."""
    words: dict[str, tuple[str, bool]] = {}
    spots = [(s, e) for s, e, _ in named]
    for s, e, typ in named:
        chunk = text[s:e]
        word = norm_key(_POSSESSIVE_RE.sub("", chunk))
        if " " not in chunk.strip() and len(word) >= 3 and not _everyday(lex, word):
            # "Armas Räsänen … armas ihminen": a capitalised name that is also a word recurs in lower case as the word.
            any_case = chunk[:1].islower() or not _in_vocabulary(lex, word)
            words.setdefault(word, (typ, any_case))
    out = []
    for t in tokens:
        typ, any_case = words.get(norm_key(_POSSESSIVE_RE.sub("", t.text)), ("", False))
        if typ and (any_case or t.cap) and not overlaps(t.start, t.end, spots):
            out.append(Suspect(t.start, t.end, typ, 0.7))
    return out


def _in_vocabulary(lex: Lexicon, word: str) -> bool:
    forms = fi_candidates(word) | {word} if lex.lang == "fi" else {word}
    return bool(forms & (lex.vocab | lex.frequent | lex.ambiguous)) or (lex.lang == "ru" and ru_is_known(word))


def _everyday(lex: Lexicon, word: str) -> bool:
    """ "cheque", "kirjanpitäjä", "претензию": a word of the language (in any form) that no list has as a name or a
    place; a flag on it was a guess, and repeating a guess doubles the noise."""
    names = lex.first_names | lex.surnames | lex.places
    if word in lex.common or word in _person_nouns(lex):
        return True
    if lex.lang == "ru":
        return ru_is_known(word) and not ru_proper_kind(word)
    forms = fi_candidates(word) | {word} if lex.lang == "fi" else {word}
    return bool(forms & lex.vocab) and not forms & names


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
            if w not in lex.frequent and w not in lex.common and not overlaps(a.start, a.end, persons):
                out.append(Suspect(a.start, a.end, "person", 0.7))
    return out
