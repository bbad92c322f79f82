"""Tokenising and per-script character normalisation, keeping offsets into the original text."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

# Arabic combining marks (tashkeel, Quranic marks, superscript alef) are not \w, so they are listed explicitly to keep
# a diacritised word in one token.
_AR_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
_WORD = rf"[\w{_AR_MARKS}]+(?:['’\-][\w{_AR_MARKS}]+)*"
# Sentence ends close a clause and a sentence; commas, colons, brackets and spaced dashes only a clause.
_SENTENCE = r"[.!?…\n؟]+"
_CLAUSE = r"[;:,،؛()\[\]{}]+|\s[-–—]\s"  # quotes are not breaks: 'she "pays my bills"' is one clause
TOKEN_RE = re.compile(rf"(?P<w>{_WORD})|(?P<s>{_SENTENCE})|(?P<c>{_CLAUSE})")

_AR_MARKS_RE = re.compile(f"[{_AR_MARKS}\u0640]")
_AR_TABLE = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
        "ک": "ك",
        "ی": "ي",
        "٠": "0",
        "١": "1",
        "٢": "2",
        "٣": "3",
        "٤": "4",
        "٥": "5",
        "٦": "6",
        "٧": "7",
        "٨": "8",
        "٩": "9",
    }
)
_LATIN_TABLE = str.maketrans({"’": "'", "‘": "'", "`": "'"})

LATIN, CYRILLIC, ARABIC, OTHER = "lat", "cyr", "ar", "other"


def script_of(word: str) -> str:
    """Return the script of a word from its first letter (lat, cyr, ar or other)."""
    for ch in word:
        o = ord(ch)
        if ch.isdigit():
            continue
        if 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0xFB50 <= o <= 0xFEFF:
            return ARABIC
        if 0x0400 <= o <= 0x04FF:
            return CYRILLIC
        if ch.isalpha() and o < 0x0250:
            return LATIN
    return OTHER


def normalise_arabic(word: str) -> str:
    """Unify alef forms, taa marbuta, alef maqsura and hamza seats; drop tashkeel and tatweel."""
    return _AR_MARKS_RE.sub("", word).translate(_AR_TABLE)


def normalise_cyrillic(word: str) -> str:
    """Lowercase and fold ё into е."""
    return word.lower().replace("ё", "е")


def normalise_latin(word: str) -> str:
    """Lowercase and unify apostrophes."""
    return word.lower().translate(_LATIN_TABLE)


def normalise_word(word: str, script: str | None = None) -> str:
    """Normalise one word by its script."""
    script = script or script_of(word)
    if script == ARABIC:
        return normalise_arabic(word)
    if script == CYRILLIC:
        return normalise_cyrillic(word)
    return normalise_latin(word)


class Token(NamedTuple):
    """One word of the input: where it is, its script, its normalised form, which clause/sentence it is in, and which
    stretch between quotation marks (a phrase never runs from outside a quotation into it: work 'amateur hour').

    A named tuple: a message makes ~30 of them per classification, and a frozen dataclass takes 3x longer to build.
    """

    start: int
    end: int
    norm: str
    script: str
    clause: int
    sentence: int
    segment: int = 0


# Quotation marks standing between words (an apostrophe inside a word, as in don't, is part of the word).
_QUOTE_CHARS = frozenset("\"'“”«»„‘’")


def tokenise(text: str) -> list[Token]:
    """Split text into normalised word tokens, numbering clauses at punctuation and line breaks."""
    return list(_tokenise(text))


# One classification reads the same text three times (language, cues, n-grams): the last few texts' tokens are kept.
@lru_cache(maxsize=4)
def _tokenise(text: str) -> tuple[Token, ...]:
    tokens: list[Token] = []
    clause = sentence = segment = 0
    last_end = 0
    for m in TOKEN_RE.finditer(text):
        if not _QUOTE_CHARS.isdisjoint(text[last_end : m.start()]):
            segment += 1
        last_end = m.end()
        word = m.group("w")
        if word is None:
            clause += 1
            if m.group("s") is not None:
                sentence += 1
            continue
        script = script_of(word)
        tokens.append(Token(m.start(), m.end(), normalise_word(word, script), script, clause, sentence, segment))
    return tuple(tokens)
