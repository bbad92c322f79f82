"""Cheap language identification for en / ar / fi / ru by script and function words."""

from __future__ import annotations

import re

_FI_WORDS = frozenset(
    [
        "ja",
        "on",
        "ei",
        "että",
        "se",
        "hän",
        "mutta",
        "oli",
        "kun",
        "minä",
        "minulle",
        "minun",
        "asiakas",
        "joka",
        "mitä",
        "tämä",
        "vain",
        "myös",
        "sen",
        "niin",
        "jo",
        "nyt",
        "olen",
        "hänen",
        "hänelle",
        "ettei",
        "eikä",
        "koska",
        "vaikka",
        "kanssa",
        "jälkeen",
        "sitten",
        "kaikki",
    ]
)
_EN_WORDS = frozenset(
    [
        "the",
        "and",
        "to",
        "of",
        "a",
        "i",
        "was",
        "he",
        "she",
        "it",
        "is",
        "for",
        "my",
        "that",
        "with",
        "on",
        "in",
        "his",
        "her",
        "they",
        "this",
        "but",
        "had",
        "have",
        "not",
        "me",
        "at",
    ]
)
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str:
    """Best guess among en, ar, fi, ru (en when there is nothing to go on)."""
    arabic = sum(1 for c in text if "\u0600" <= c <= "\u06ff")
    cyrillic = sum(1 for c in text if "\u0400" <= c <= "\u04ff")
    latin = sum(1 for c in text if c.isascii() and c.isalpha()) + sum(1 for c in text if c in "äöåÄÖÅ")
    if arabic and arabic >= cyrillic and arabic * 2 >= latin:
        return "ar"
    if cyrillic and cyrillic * 2 >= latin:
        return "ru"
    words = [w.lower() for w in _WORD.findall(text)]
    fi = sum(w in _FI_WORDS for w in words) + 0.5 * sum(c in "äöÄÖ" for c in text)
    en = sum(w in _EN_WORDS for w in words)
    return "fi" if fi > en else "en"
