"""Character-level helpers: digit folding, Arabic normalisation, tokenising with offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Arabic-Indic and Extended Arabic-Indic digits fold to ASCII one-for-one, so offsets are preserved.
DIGIT_FOLD = str.maketrans(
    {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}}
)

_AR_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")
_AR_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه"})

WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
ARABIC_WORD_RE = re.compile(r"[\u0621-\u063a\u0640-\u0652\u0670\u0671-\u06d3\u06fa-\u06fc]+")

SENTENCE_END = ".!?…:;\n|"  # "| Styling: …": a bar opens a new field of a credit line
OPENERS = "«\"“„'‘([{—–-*•>"
# Abbreviations after which a full stop does not end a sentence.
_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "rd",
    "ave",
    "no",
    "nr",
    "nro",
    "inc",
    "ltd",
    "co",
    "corp",
    "jr",
    "sr",
    "vs",
    "etc",
    "eg",
    "ie",
    "ul",
    "д",
    "кв",
    "г",
    "ул",
    "пр",
    "пер",
    "просп",
    "корп",
    "стр",
    "тов",
    "им",
    "т",
    "е",
    "toht",
    "dos",
    "ins",
    "puh",
    "p",
    "esim",
    "n",
    "ns",
    "ks",
    "mm",
    "yms",
    "tms",
    "ym",
    "inv",
    "ref",
    "tel",
    "د",
    "م",
    "أ",
}


def fold_digits(text: str) -> str:
    """Same-length copy of text with Arabic-Indic digits turned into ASCII digits."""
    return text.translate(DIGIT_FOLD)


def norm_ar(word: str) -> str:
    """Arabic matching form: no diacritics or tatweel, one alef, ta marbuta as ha."""
    return _AR_DIACRITICS.sub("", word).translate(_AR_ALEF)


def norm_key(word: str) -> str:
    """Case- and ё-insensitive matching form for Latin and Cyrillic words."""
    return word.casefold().replace("ё", "е").replace("’", "'")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    sent_start: bool

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def all_caps(self) -> bool:
        return len(self.text) > 1 and self.text.isupper()


def is_sentence_start(text: str, pos: int) -> bool:
    """True when the word at pos starts a sentence, a quote, a line or follows a colon."""
    i = pos - 1
    while i >= 0 and (text[i] in " \t\u00a0\u2068\u2069" or text[i] in OPENERS):
        i -= 1
    if i < 0:
        return True
    if text[i] == "\n" or "\n" in text[i:pos]:
        return True
    ch = text[i]
    if ch not in SENTENCE_END:
        return False
    if ch == ".":
        j = i
        while j > 0 and text[j - 1].isalpha():
            j -= 1
        word = text[j:i].casefold()
        # "Mr." or an initial "J." do not close a sentence.
        if word in _ABBREV or (len(word) == 1 and text[j:i].isupper()):
            return False
    return True


def tokenize(text: str, pattern: re.Pattern[str] = WORD_RE) -> list[Token]:
    """Word tokens with offsets and a sentence-start flag."""
    return [Token(m.start(), m.end(), m.group(), is_sentence_start(text, m.start())) for m in pattern.finditer(text)]


def overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    """True when [start, end) overlaps any range in taken."""
    return any(start < e and s < end for s, e in taken)


def common_prefix(a: str, b: str) -> int:
    """How many leading characters two words share (Korhonen, Korhoselle: 5)."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n
