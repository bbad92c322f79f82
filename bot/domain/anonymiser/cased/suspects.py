"""Suspects in English, Finnish and Russian that the finders leave for the author to judge (see ../suspects.py).

Removal has to be sure; these shapes are names often, but not often enough to remove them: a lower-case name after
a Russian kind of business, a lower-case double name or a listed name's case form after the spoken Finnish "se"/"toi".
(A lower-case Russian quote said once is as often scare quotes, «тестовое задание», as a name: not flagged; said
twice it is removed, see orgs.ru_quoted_lowercase.) Each rule is one predicate with its example as the docstring.
"""

from __future__ import annotations

import functools
from itertools import pairwise

from ..lexicon import Lexicon
from ..model import Suspect
from ..morph import fi_candidates
from ..russian import ru_adjective_noun, ru_lemmas, ru_nominative_pair
from ..textutil import Token, norm_key, overlaps, tokenize
from .slots import (
    after_person_noun,
    apposition_name,
    coordinated_with_name,
    first_name_before_removed,
    name_again,
)

# Spoken Finnish puts a demonstrative before a person's name: "se jarkko", "toi sirkku-annikki".
_FI_SPOKEN_DEMONSTRATIVES = {"se", "toi", "tää", "sen", "sille", "siltä"}
_FI_OBLIQUE = {"sen", "sille", "siltä"}


def with_cased_suspects(
    lex: Lexicon,
    text: str,
    removed: list[tuple[int, int]],
    found: list[Suspect],
    removed_persons: tuple[tuple[int, int], ...] = (),
) -> list[Suspect]:
    """found plus the suspects of the rules below outside the removed spans; a word-level suspect inside one of
    ours ("лилия" in "белая лилия") gives way to it, since ours covers the whole name."""
    if lex.lang not in ("ru", "fi", "en"):
        return found
    tokens = tokenize(text)
    ours = ru_kind_then_lowercase_name(lex, text, tokens)
    ours += fi_after_spoken_demonstrative(lex, text, tokens) + fi_kind_apposition(lex, text, tokens)
    ours += fi_lowercase_town(lex, tokens) + fi_first_name_again(lex, text, tokens, removed)
    ours += apposition_name(lex, text, tokens) + after_person_noun(lex, text, tokens)
    ours = [s for s in ours if not overlaps(s.start, s.end, removed)]
    ours += first_name_before_removed(lex, text, tokens, list(removed_persons))
    ours += coordinated_with_name(lex, text, tokens, list(removed_persons))
    named = [(s.start, s.end, s.type) for s in [*found, *ours] if s.type in ("person", "place", "org")]
    named += [(s, e, "person") for s, e in removed_persons]
    ours += [s for s in name_again(lex, text, tokens, named) if not overlaps(s.start, s.end, removed)]
    spans = [(s.start, s.end) for s in ours]
    return [s for s in found if not overlaps(s.start, s.end, spans)] + ours


def ru_kind_then_lowercase_name(lex: Lexicon, text: str, tokens: list[Token]) -> list[Suspect]:
    """ "не связывайтесь с пекарней хлебный дом": a kind of business followed by a lower-case adjective and noun that
    agree with each other in the nominative (and not with the kind word) is the business's name typed without quotes
    or capitals ("сеть детских магазинов" is a genitive, a description)."""
    if lex.lang != "ru":
        return []
    kinds = lex.cue("org_kinds")
    out = []
    for k, a, b in zip(tokens, tokens[1:], tokens[2:], strict=False):
        if a.cap or b.cap or text[k.end : a.start] != " " or text[a.end : b.start] != " ":
            continue
        if ru_lemmas(k.text) & kinds and ru_nominative_pair(a.text, b.text) and not ru_adjective_noun(a.text, k.text):
            out.append(Suspect(a.start, b.end, "org"))
    return out


_FI_NOT_IN_NAME = {"vaan", "sitten", "myös", "vielä", "meni", "teki", "kävi", "olla", "ollut", "joka", "jossa", "siis"}
_FI_OUTER_CASES = ("lle", "lta", "ltä", "lla", "llä", "ssa", "ssä", "sta", "stä")


def fi_kind_apposition(lex: Lexicon, text: str, tokens: list[Token]) -> list[Suspect]:
    """ "tein sivut kahvila sininen hetkille": Finnish inflects a kind of business itself ("kahvilalle") unless a
    name follows it; a kind left in the nominative, then within two words a rare word with a case ending, is a name
    typed in lower case ("kahvila on kiva" has no case ending, "kahvila jossa" a frequent one)."""
    if lex.lang != "fi":
        return []
    kinds = lex.cue("org_kinds")
    out = []
    for i, k in enumerate(tokens[:-1]):
        if k.cap or norm_key(k.text) not in kinds or norm_key(k.text).endswith("n"):
            continue
        for j in (i + 1, i + 2):
            if j >= len(tokens) or tokens[j].cap or text[tokens[j - 1].end : tokens[j].start] != " ":
                break
            w = norm_key(tokens[j].text)
            if j == i + 1 and not w.endswith(_FI_OUTER_CASES) and (len(w) < 4 or w in _FI_NOT_IN_NAME):
                break  # "firma on konkurssissa", "kahvila meni kiinni": a verb, not a name's first word
            if w.endswith(_FI_OUTER_CASES):
                if w not in lex.frequent and w not in lex.common:
                    out.append(Suspect(k.start, tokens[j].end, "org"))
                break  # "kahvila jossa": a frequent word with a case ending ends the look
    return out


def fi_after_spoken_demonstrative(lex: Lexicon, text: str, tokens: list[Token]) -> list[Suspect]:
    """ "no se sirkku-annikki sit soitti", "sano sille veikalle": after the spoken "se"/"toi"/"sille", a lower-case
    double name whose halves no vocabulary knows, or a case form of a listed first name, is most likely someone
    (a verb follows "se" just as often, "se vakuutteli", so a lone unknown word is not enough)."""
    if lex.lang != "fi":
        return []

    def known(word: str) -> bool:
        return any(c in lex.vocab or c in lex.common for c in fi_candidates(word) | {word})

    out = []
    for a, b in pairwise(tokens):
        if norm_key(a.text) not in _FI_SPOKEN_DEMONSTRATIVES or b.cap or text[a.end : b.start] != " ":
            continue
        parts = b.text.split("-")
        double = len(parts) == 2 and all(len(p) >= 3 and not known(p) for p in parts)
        lw = norm_key(b.text)
        # The vocabulary holds the commonest names too ("se mikko siitä"): a listed name that is no word still counts.
        plain_name = lw in lex.first_names and lw not in lex.ambiguous
        listed = bool(fi_candidates(b.text) & lex.first_names) and (lw not in lex.vocab or plain_name)
        listed = listed and lw not in lex.common
        named = len(b.text) >= 4 and listed
        # After the case forms "sille"/"siltä"/"sen" a verb is rare: an unknown word is someone ("sille veikalle").
        oblique = norm_key(a.text) in _FI_OBLIQUE and len(b.text) >= 4 and not known(b.text)
        named = named or oblique
        if double or named:
            out.append(Suspect(b.start, b.end, "person"))
    return out


def fi_lowercase_town(lex: Lexicon, tokens: list[Token]) -> list[Suspect]:
    """ "siitä tampereen mainostoimistosta", "töitä porin golfille": a case form of a listed town typed in lower case
    (flagged, not removed: "salon", "kotkan" are words as well)."""
    if lex.lang != "fi":
        return []
    heads = _place_heads(lex.places)
    out = []
    for t in tokens:
        lw = norm_key(t.text)
        if t.cap or len(lw) < 4 or lw[:4] not in heads or lw in lex.places or lw in lex.common:
            continue
        forms = fi_candidates(lw) - {lw}
        if forms & lex.places and not forms & (lex.first_names | lex.common) and not forms & lex.vocab - lex.places:
            out.append(Suspect(t.start, t.end, "place"))
    return out


@functools.lru_cache(maxsize=4)
def _place_heads(places: frozenset[str]) -> frozenset[str]:
    """The first four letters of every listed place: a word that starts otherwise is no town's case form."""
    return frozenset(p[:4] for p in places)


def fi_first_name_again(lex: Lexicon, text: str, tokens: list[Token], removed: list[tuple[int, int]]) -> list[Suspect]:
    """ "Armas Hyvönen tilasi ... Armas on sinänsä armas ihminen": a sentence-initial first name that is also a word,
    when the story named someone in full with it, is likely that person; flagged, not removed ("Lumi on kaunista,
    mutta Lumi Ahonen ..." is snow first)."""
    if lex.lang != "fi":
        return []
    firsts = set()
    for s, e in removed:
        words = text[s:e].split()
        if len(words) >= 2 and words[0][:1].isupper():
            firsts.add(words[0])
    out = []
    for t in tokens:
        if t.text in firsts and t.sent_start and not overlaps(t.start, t.end, removed):
            out.append(Suspect(t.start, t.end, "person", 0.7))
    return out
