"""Search keys: the stemmed forms under which a word is indexed and searched, so inflections find each other.

A story is indexed with the keys of its words and a query word matches when one of its keys is a prefix of a key
in the story (or the word itself a prefix of a word there). Both sides use the same stemmers as triage
(triage/stemmers.py) and the same per-script normalisation, so "soittaa" finds "soitteli", "заплатить" finds
"заплатил", "فاتورتي" finds "الفاتورة" and "reply" finds "replied". The language of a Latin-script word is not
known (a Finnish member may search English stories), so Latin words get both their English and Finnish keys.
"""

from __future__ import annotations

import re
from functools import lru_cache

from parley.domain.triage.stemmers import arabic_forms, stem_en, stem_fi, stem_ru
from parley.domain.triage.text import ARABIC, CYRILLIC, LATIN, normalise_word, script_of

# Words as the FTS5 unicode61 tokenizer and PostgreSQL's 'simple' parser see them: runs of letters and digits.
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_WORDS = 16
PREFIX_FROM = 3  # keys this long also match longer keys; shorter ones must match exactly
_FI_VOWELS = "aeiouyäö"


def _fi_key(word: str) -> str:
    """A Finnish key: the case/possessive stem without its final vowels and a frequentative -el- (soittaa ->
    soitt, soitteli -> soitt, maksoi -> maks), kept at four letters or more."""
    key = stem_fi(word)
    while len(key) > 4 and key[-1] in _FI_VOWELS:
        key = key[:-1]
    if len(key) >= 6 and key.endswith("el"):
        key = key[:-2]
    return key


@lru_cache(maxsize=65536)
def word_keys(word: str) -> tuple[str, ...]:
    """The normalised word and its stems, distinct, the word first (a digit-only word is its own key)."""
    script = script_of(word)
    norm = normalise_word(word, script).lower()
    if script == ARABIC:
        keys = (norm, *arabic_forms(norm)[0])
    elif script == CYRILLIC:
        keys = (norm, stem_ru(norm))
    elif script == LATIN:
        keys = (norm, stem_en(norm), _fi_key(norm))
    else:
        keys = (norm,)
    return tuple(dict.fromkeys(k for k in keys if k))


def index_terms(*texts: str | None) -> str:
    """The space-separated keys of every word of `texts` (each key once): what a story is indexed under."""
    keys: dict[str, None] = {}
    for text in texts:
        for word in _WORD.findall(text or ""):
            keys.update(dict.fromkeys(word_keys(word)))
    return " ".join(keys)


def query_groups(query: str) -> list[tuple[tuple[str, bool], ...]]:
    """Per query word (at most MAX_QUERY_WORDS), the alternatives that can match it as (key, is_prefix).

    A story matches a word when it holds any alternative; it must match every word. An alternative already
    covered by a shorter prefix alternative is dropped ("days" needs only "day"*).
    """
    groups = []
    for word in _WORD.findall(query)[:MAX_QUERY_WORDS]:
        keys = [(k, len(k) >= PREFIX_FROM) for k in (word.lower(), *word_keys(word))]
        kept = [
            (k, prefix)
            for k, prefix in dict.fromkeys(keys)
            if not any(p and other != k and k.startswith(other) for other, p in keys)
        ]
        groups.append(tuple(dict.fromkeys(kept)))
    return groups
