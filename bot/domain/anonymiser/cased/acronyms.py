"""Organisations a story names by their long form with the acronym in brackets: "Suomen Kääntäjäliitto (SKTL)",
"Ассоциацию иллюстраторов Поволжья (АИП)". The long form and every later use of the acronym ("SKTL:stä", "в АИП") are
one organisation; each alone is a suspect at best (the words are everyday ones, the acronym no list knows).

The long form is found the way Schwartz and Hearst (2003) match an abbreviation to its definition: the acronym's
letters, read from the end, appear in order in the words before the bracket, the first letter at a word's start.
"""

from __future__ import annotations

import re

from ..model import Mention
from ..textutil import Token, norm_key, overlaps

# Above the finders' own guesses (P_NAME 50, P_QUOTED 55): a definition settles what the words are.
P_DEFINED = 60
_DEFINED_RE = re.compile(r"\s\(([A-ZÄÖА-ЯЁ]{2,6})\)")
_LONG_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def long_form_start(words: list[re.Match[str]], acronym: str) -> int | None:
    """ "Suomen Tekstiilitaiteilijoiden liitolta" for STTL: the start of the shortest run of words, ending at the
    bracket, that holds the acronym's letters in order with the first one opening a word (None when none does)."""
    letters = acronym.lower()
    for first in range(len(words) - 1, -1, -1):
        run = " ".join(m.group().lower() for m in words[first:])
        if not run.startswith(letters[0]):
            continue
        pos = len(run)
        for ch in reversed(letters[1:]):
            pos = run.rfind(ch, 1, pos)
            if pos < 1:
                break
        else:
            return words[first].start()
    return None


def acronym_with_long_form(text: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "Kysyin Suomen Tekstiilitaiteilijoiden liitolta (STTL) … STTL:stä ei vastattu": the words the acronym
    abbreviates and each use of the acronym are one organisation (one placeholder)."""
    out: list[Mention] = []
    for m in _DEFINED_RE.finditer(text):
        acronym = m.group(1)
        sentence_start = max(text.rfind(p, 0, m.start()) for p in ".!?\n:;") + 1
        window = list(_LONG_WORD_RE.finditer(text, sentence_start, m.start()))
        window = window[-min(len(acronym) + 5, 2 * len(acronym)) :]
        start = long_form_start(window, acronym)
        if start is None or not any(w.group()[:1].isupper() for w in window if w.start() >= start):
            continue  # "the ones we use (API)": no capitalised word, no name
        if text[start:].split(None, 1)[0].lower() == acronym.lower():
            continue
        key = norm_key(acronym)
        out.append(Mention(start, m.start(), "org", key, P_DEFINED))
        for t in tokens:
            # "STTL:stä": the case ending after the colon stays, as after "Oy:lle" ("[yritys]:stä" reads right).
            if t.text == acronym and not overlaps(t.start, t.end, [(x.start, x.end) for x in out]):
                out.append(Mention(t.start, t.end, "org", key, P_DEFINED))
    return out


def acronyms_are_orgs(text: str, found: list[Mention], names: frozenset[str]) -> list[Mention]:
    """ "The NWFCAB never replied", "TKSLRY:hyn": a single word of 2-6 capitals taken as a person is an
    organisation's acronym (its placeholder says company), unless a name list has it ("ANNA" shouted)."""
    out = []
    for m in found:
        word = text[m.start : m.end]
        acronym = 2 <= len(word) <= 6 and word.isalpha() and word.isupper() and norm_key(word) not in names
        out.append(Mention(m.start, m.end, "org", m.key, m.priority) if m.type == "person" and acronym else m)
    return out
