"""Russian proper nouns in every case form, from pymorphy3's OpenCorpora dictionary (loaded on first use).

The dictionary tags first names (Name), surnames (Surn), patronymics (Patr), places (Geox) and organisations (Orgn)
in all their forms (Кириллу, Сидорова, Мытищах), which no suffix table matches. Loading costs ~85 ms and ~30 MB RSS,
so it happens on the first Russian story, not at start-up.
"""

from __future__ import annotations

import functools
import logging
import threading
from typing import Any

_LOCK = threading.Lock()
_KINDS = (("Name", "person"), ("Surn", "person"), ("Patr", "person"), ("Geox", "place"), ("Orgn", "org"))


@functools.cache
def _analyser() -> Any:
    with _LOCK:
        import pymorphy3

        # pymorphy3 logs the dictionary path at INFO on every load; nothing a host needs to see.
        logging.getLogger("pymorphy3").setLevel(logging.WARNING)
        return pymorphy3.MorphAnalyzer(lang="ru")


@functools.lru_cache(maxsize=20000)
def ru_proper_kind(word: str) -> str:
    """ "Кириллу" -> "person", "Мытищах" -> "place", "Яндексе" -> "org", "дом" -> ""; only the likeliest readings."""
    parses = _analyser().parse(word)
    if not parses:
        return ""
    best = parses[0].score
    for p in parses:
        if p.score < best * 0.5 or not p.is_known:
            break  # a guess from the ending ("лендинг" as a name) is not evidence
        for tag, kind in _KINDS:
            if tag in p.tag:
                return kind
    return ""


@functools.lru_cache(maxsize=20000)
def ru_is_known(word: str) -> bool:
    """A word the dictionary knows (any form), as opposed to a guess from its ending."""
    return bool(_analyser().word_is_known(word))


@functools.lru_cache(maxsize=20000)
def ru_adjective_noun(adjective: str, noun: str) -> bool:
    """ "Белый кит", "Зелёная лампа", "Серой совы": an adjective and a noun that agree in case, number and gender,
    the way a Russian name of two words is built (only the first capitalised)."""
    morph = _analyser()
    adjs = [p.tag for p in morph.parse(adjective) if p.is_known and "ADJF" in p.tag]
    nouns = [p.tag for p in morph.parse(noun) if p.is_known and "NOUN" in p.tag]
    for a in adjs:
        for n in nouns:
            if a.case == n.case and a.number == n.number and (a.number == "plur" or a.gender == n.gender):
                return True
    return False


@functools.lru_cache(maxsize=20000)
def ru_lemma(word: str) -> str:
    """ "кедрового" -> "кедровый", "пекарней" -> "пекарня": the dictionary's likeliest base form (lower case)."""
    parses = _analyser().parse(word.lower())
    return parses[0].normal_form if parses else word.lower()


@functools.lru_cache(maxsize=20000)
def ru_lemmas(word: str) -> frozenset[str]:
    """ "пекарней" -> {"пекарня", "пекарный"}: every base form the dictionary knows for the word."""
    return frozenset(p.normal_form for p in _analyser().parse(word.lower()) if p.is_known)


@functools.lru_cache(maxsize=20000)
def ru_nominative_pair(adjective: str, noun: str) -> bool:
    """ "хлебный дом", "белая лилия": an adjective and a noun agreeing in the nominative, the way a name stands in
    apposition after a kind of business ("с пекарней хлебный дом"); "сеть детских магазинов" is a genitive."""
    morph = _analyser()
    adjs = [p.tag for p in morph.parse(adjective) if p.is_known and "ADJF" in p.tag and p.tag.case == "nomn"]
    nouns = [p.tag for p in morph.parse(noun) if p.is_known and "NOUN" in p.tag and p.tag.case == "nomn"]
    return any(a.number == n.number and (a.number == "plur" or a.gender == n.gender) for a in adjs for n in nouns)


@functools.lru_cache(maxsize=20000)
def ru_only_proper(word: str) -> str:
    """ "глафира" -> "person", "задонска" -> "place", "роза" -> "" (a flower a third of the time): the kind of a word
    the dictionary knows only (95 % of its readings) as a name, surname, patronymic or place."""
    parses = _analyser().parse(word)
    if not parses or not parses[0].is_known:
        return ""
    kinds = [next((kind for tag, kind in _KINDS if tag in p.tag), "") for p in parses]
    common = sum(p.score for p, kind in zip(parses, kinds, strict=True) if not kind)
    return kinds[0] if kinds[0] in ("person", "place") and common <= 0.05 else ""
