"""The clock-time, amount, rounds and "every N minutes" patterns are skipped on a text only when they can't match it.

`features.patterns_for` leaves a pattern out when the text has no digit and none of the words every alternative of
the pattern needs (a cheap check that saves ~0.1 ms a message). Skipping must never change a match: these tests
run every pattern anyway and compare, on the training texts, the held-out sets and spellings that `re`'s case
folding treats specially.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from parley.domain.triage import features as feat

DATA = Path(feat.__file__).parent / "data"
HERE = Path(__file__).parent

TRICKY = [
    "he calls at 23:30 and 5am",
    "the 12th version",
    "round nine of edits, then ROUND TEN",
    "the Ninth Version",
    "ſeventh round",  # re takes ſ for s
    "FİFTH ROUND",  # İ lowers to two characters
    "nınth version",  # and ı for i
    "yhdeksäs kierros",
    "Versio kuusi",
    "девятая итерация",
    "ДЕВЯТАЯ ИТЕРАЦИЯ",
    "xпятый раз",
    "\u1c80 пятый раз",
    "المرة السابعة",
    "سابع مرة",
    "الجولة الحاديه عشر",
    "٢٠ تعديل",
    "every few hours",
    "EVERY TWENTY MINUTES",
    "parin tunnin välein",
    "каждые пять минут",
    "раз в полчаса",
    "كل ربع ساعة",
    "pays $300",
    "kello 23 soittaa",
    "nothing here at all",
]


def texts() -> list[str]:
    out = list(TRICKY)
    for path in sorted(DATA.glob("train*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "\t" in line and not line.startswith("#"):
                out.append(line.split("\t")[1])
    for path in sorted(HERE.glob("heldout*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line).get("text", ""))
    return out


def all_matches(text: str) -> list[tuple[str, int, int]]:
    return [(c, m.start(), m.end()) for regex, c, _ in feat._PATTERNS for m in regex.finditer(text)]


def kept_matches(text: str) -> list[tuple[str, int, int]]:
    return [(c, m.start(), m.end()) for regex, c in feat.patterns_for(text) for m in regex.finditer(text)]


def test_skipping_patterns_never_changes_a_match():
    checked = skipped = 0
    for raw in texts():
        text = raw.translate(feat._DIGITS)
        assert kept_matches(text) == all_matches(text), raw
        checked += 1
        skipped += len(feat.patterns_for(text)) < len(feat._PATTERNS)
    assert checked > 2000 and skipped > checked // 4  # the check does skip, on many texts


def test_every_case_variant_of_a_needed_word_is_still_matched():
    """Each word a pattern needs, written in every case `re` folds together, in a sentence the pattern matches:
    the pattern must still run."""
    sentences = {
        feat._ROUNDS_RE: [
            "round {w}",
            "{w} version",
            "versio {w}",
            "{w} kierros",
            "{w}ый раз",
            "{w} مرة",
            "مرة {w}",
        ],
        feat._EVERY_N_RE: ["{w} few minutes", "parin tunnin {w}", "{w} пять минут", "{w} ربع ساعة", "{w}"],
    }
    for regex, concept, words in feat._PATTERNS:
        for word in words:
            for variant in _case_variants(word):
                for sentence in sentences.get(regex, ["{w}"]):
                    text = sentence.format(w=variant)
                    if regex.search(text):
                        assert (regex, concept) in feat.patterns_for(text), text


def _case_variants(word: str) -> set[str]:
    """The word upper, title and lower case, and with each letter replaced by every character `re` matches it with
    under IGNORECASE (the special cases come from re's own table)."""
    variants = {word, word.upper(), word.title(), word.lower()}
    for i, letter in enumerate(word):
        for other in _folds_of(letter):
            variants.add(word[:i] + other + word[i + 1 :])
    return variants


def _folds_of(letter: str) -> set[str]:
    import re._casefix as casefix  # CPython's table of the letters re folds beyond lower()

    found = {letter.upper(), *(chr(c) for c in casefix._EXTRA_CASES.get(ord(letter.lower()), ()))}
    if letter.lower() == "i":
        found.add("\u0130")  # İ: lower() gives i + U+0307, re takes it for i
    return {c for c in found if re.fullmatch(re.escape(letter), c, re.IGNORECASE)}


def test_fold_exceptions_list_every_letter_re_folds_beyond_lower():
    import re._casefix as casefix

    letters = {ch for _, _, words in feat._PATTERNS for word in words for ch in word.lower() if ch.isalpha()}
    for letter in letters:
        for other in casefix._EXTRA_CASES.get(ord(letter), ()):
            assert chr(other).lower() in feat.FOLD_EXCEPTIONS, (letter, chr(other))
    # The one letter whose lowercase is two characters (Python's full case mapping) leaves U+0307 behind.
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if len(c.lower()) != 1] == ["\u0130"]
    assert "\u0307" in feat.FOLD_EXCEPTIONS
