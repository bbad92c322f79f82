"""The bidi algorithm against Unicode's conformance data, and the display rules a terminal needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.terminal.bidi import display, has_rtl, line_levels, paragraph_level, resolve_levels, visual_order

SAMPLE = Path(__file__).parent / "data" / "BidiCharacterTest-sample.txt"
FULL = Path("/usr/share/unicode/BidiCharacterTest.txt")  # Debian's unicode-data, when installed


def _cases(path: Path) -> list[tuple[str, int | None, int, list[int | None], list[int]]]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cps, direction, level, levels, order = line.split(";")
        text = "".join(chr(int(c, 16)) for c in cps.split())
        base = None if direction == "2" else int(direction)
        expected = [None if x == "x" else int(x) for x in levels.split()]
        cases.append((text, base, int(level), expected, [int(x) for x in order.split()]))
    return cases


def _failures(path: Path) -> list[str]:
    failed = []
    for text, base, level, levels, order in _cases(path):
        result = resolve_levels(text, base)
        got = line_levels(text, result)
        if result.paragraph_level != level or got != levels or visual_order(got) != order:
            failed.append(" ".join(f"{ord(c):04X}" for c in text))
    return failed


def test_conformance_sample_passes_entirely():
    assert len(_cases(SAMPLE)) > 300
    assert _failures(SAMPLE) == []


@pytest.mark.skipif(not FULL.exists(), reason="the full BidiCharacterTest.txt comes with Debian's unicode-data")
def test_full_conformance_file_passes():
    assert _failures(FULL) == []


def test_arabic_line_is_reversed_for_a_left_to_right_terminal():
    assert display("مرحبا") == "ابحرم"
    assert paragraph_level("مرحبا Parley") == 1 and paragraph_level("Parley مرحبا") == 0


def test_latin_and_numbers_keep_their_order_inside_arabic():
    assert display("ادفع 450 EUR الآن") == "نآلا EUR 450 عفدا"


def test_isolates_are_honoured_then_dropped_from_the_screen():
    line = "الفاتورة \u2068INV-2291\u2069 متأخرة"
    assert display(line) == "ةرخأتم INV-2291 ةروتافلا"
    assert "\u2068" not in display(line) and "\u2069" not in display(line)


def test_brackets_are_mirrored_in_right_to_left_runs():
    # logical "(" ends up on the left of the reversed word: it must be drawn as ")" ... "(" reads correctly
    assert display("مرحبا (عالم)") == "(ملاع) ابحرم"
    assert display("see (عالم) now") == "see (ملاع) now"


def test_combining_marks_stay_after_their_base_letter():
    shown = display("كتبتُ")
    assert shown == "ت\u064fبتك"  # the damma follows the ت it belongs to, so the terminal attaches it there


def test_left_to_right_text_is_untouched():
    assert not has_rtl("Hei Anna, lasku 450 €")
    assert display("Привет, (мир) 12") == "Привет, (мир) 12"
