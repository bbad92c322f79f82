"""The structured rules of the eighth pass (blind7 as development data), each alone: a bare "ends" before four digits,
a year-numbered invoice, КУСП, a phone that ends at a full stop, hyphenated @handles, "reachable on WhatsApp" and the
name a writer goes by everywhere."""

from __future__ import annotations

import pytest

from parley.domain.anonymiser.entities import resolve_overlaps
from parley.domain.anonymiser.lexicon import load_lexicon
from parley.domain.anonymiser.structured import base, handles, ids, numbers


def _found(text: str, lang: str) -> list[tuple[str, str]]:
    lex = load_lexicon(lang)
    found = resolve_overlaps(numbers.find_numbers_and_phones(text, lex) + handles.find_handles(text, lex))
    return sorted((text[m.start : m.end], m.type) for m in found)


@pytest.mark.parametrize(
    ("text", "tail"),
    [
        ("that is not my account, mine ends 2917", True),
        ("my account trial ends 14", False),
        ("the project ends 2917", False),
    ],
)
def test_bare_ends_takes_four_digits_after_a_card_word(text: str, tail: bool):
    assert ids.card_tail_cue(text, text.rindex(" ") + 1) is tail


@pytest.mark.parametrize(
    ("val", "date"),
    [("2024-77", False), ("2024-61", False), ("2023-08", True), ("2023-24", True), ("2023", True)],
)
def test_a_year_and_two_digits_is_a_date_only_as_a_month_or_a_span(val: str, date: bool):
    assert base.is_date(val) is date


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        ("Asiakas ei ole maksanut laskua 2024-61 vieläkään.", "fi", [("2024-61", "number")]),
        ("Laskutin kaudella 2023-24 enemmän.", "fi", []),
        ("Подала заявление, КУСП 7730 от марта.", "ru", [("7730", "number")]),
        ("reachable on WhatsApp +254 722 418 903. 14 revisions later", "en", [("+254 722 418 903", "phone")]),
        ("Thanks to @tamsyn-vale for the pull request", "en", [("@tamsyn-vale", "handle")]),
        ("Portfolio online and I'm wren.okafor on most places.", "en", [("wren.okafor", "handle")]),
        ("I'm tired everywhere.", "en", []),
    ],
)
def test_structured_pass8(text: str, lang: str, found: list[tuple[str, str]]):
    assert _found(text, lang) == found
