"""Suspects in English, Finnish and Russian that the finders leave for the author to judge (see ../suspects.py).

Removal has to be sure; these shapes are names often, but not often enough to remove them: a lower-case phrase in
Russian quotes, a lower-case name after a Russian kind of business, a lower-case word after the spoken Finnish
"se"/"toi" that no vocabulary knows. Each rule is one predicate with its example as the docstring.
"""

from __future__ import annotations

import re
from itertools import pairwise

from ..lexicon import Lexicon
from ..model import Suspect
from ..morph import fi_candidates
from ..russian import ru_adjective_noun, ru_lemmas
from ..textutil import Token, norm_key, overlaps, tokenize

# Where a Russian company's name stands: after a preposition of dealing with it or a kind of business.
_RU_BEFORE_NAME = {"для", "в", "во", "из", "у", "от", "с", "со", "на", "про"}
# Spoken Finnish puts a demonstrative before a person's name: "se jarkko", "toi sirkku-annikki".
_FI_SPOKEN_DEMONSTRATIVES = {"se", "toi", "tää", "sen", "sille", "siltä"}
_LOWER_QUOTE_RE = re.compile(r"«([а-яё][а-яё-]*(?: [а-яё-]+)?)»")


def with_cased_suspects(lex: Lexicon, text: str, removed: list[tuple[int, int]], found: list[Suspect]) -> list[Suspect]:
    """found plus the suspects of the rules below outside the removed spans; a word-level suspect inside one of
    ours ("лилия" in "белая лилия") gives way to it, since ours covers the whole name."""
    if lex.lang not in ("ru", "fi"):
        return found
    tokens = tokenize(text)
    ours = ru_quoted_lowercase_once(lex, text) + ru_kind_then_lowercase_name(lex, text, tokens)
    ours += fi_after_spoken_demonstrative(lex, text, tokens)
    ours = [s for s in ours if not overlaps(s.start, s.end, removed)]
    spans = [(s.start, s.end) for s in ours]
    return [s for s in found if not overlaps(s.start, s.end, spans)] + ours


def ru_quoted_lowercase_once(lex: Lexicon, text: str) -> list[Suspect]:
    """ "верстала для «кедрового двора»": one or two lower-case words in quotes after "для", "в", "у" or a kind of
    business are often a company's name (or scare quotes: the author decides)."""
    if lex.lang != "ru":
        return []
    out = []
    for m in _LOWER_QUOTE_RE.finditer(text):
        before = re.findall(r"[а-яё]+", text[max(0, m.start() - 20) : m.start()].lower())
        prev = before[-1] if before else ""
        if prev in _RU_BEFORE_NAME or ru_lemmas(prev) & lex.cue("org_kinds"):
            out.append(Suspect(m.start(1), m.end(1), "org"))
    return out


def ru_kind_then_lowercase_name(lex: Lexicon, text: str, tokens: list[Token]) -> list[Suspect]:
    """ "не связывайтесь с пекарней хлебный дом": a kind of business followed by a lower-case adjective and noun that
    agree with each other (and not with the kind word) is the business's name typed without quotes or capitals."""
    if lex.lang != "ru":
        return []
    kinds = lex.cue("org_kinds")
    out = []
    for k, a, b in zip(tokens, tokens[1:], tokens[2:], strict=False):
        if a.cap or b.cap or text[k.end : a.start] != " " or text[a.end : b.start] != " ":
            continue
        if ru_lemmas(k.text) & kinds and ru_adjective_noun(a.text, b.text) and not ru_adjective_noun(a.text, k.text):
            out.append(Suspect(a.start, b.end, "org"))
    return out


def fi_after_spoken_demonstrative(lex: Lexicon, text: str, tokens: list[Token]) -> list[Suspect]:
    """ "no se sirkku-annikki sit soitti": after the spoken "se"/"toi", a lower-case word whose parts no vocabulary
    knows in any case form is most likely someone's name."""
    if lex.lang != "fi":
        return []
    known = lex.vocab | lex.common
    out = []
    for a, b in pairwise(tokens):
        if norm_key(a.text) not in _FI_SPOKEN_DEMONSTRATIVES or b.cap or text[a.end : b.start] != " ":
            continue
        parts = [p for p in b.text.split("-") if p]
        if len(b.text) >= 4 and all(len(p) >= 3 and not (fi_candidates(p) | {p}) & known for p in parts):
            out.append(Suspect(b.start, b.end, "person"))
    return out
