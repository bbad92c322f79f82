"""The typing rules of kinds.py, each alone on its docstring example."""

from __future__ import annotations

import pytest

from parley.domain.anonymiser import Anonymiser, kinds
from parley.domain.anonymiser.kinds import Run
from parley.domain.anonymiser.textutil import tokenize


def _run(anon: Anonymiser, lang: str, text: str, prev: str = "", cue: bool = False) -> Run:
    finder = anon._cased[lang]
    return Run(finder, text, tokenize(text), prev, cue)


def _typed(parts) -> list[tuple[str, str]]:
    return [(" ".join(t.text for t in ts), typ) for ts, typ in parts] if parts is not None else None


@pytest.mark.parametrize(
    ("rule", "lang", "text", "prev", "expected"),
    [
        (
            "legal_form_or_suffix",
            "fi",
            "Veera Salmela Kuvamaisema Oy",
            "",
            [("Veera Salmela", "person"), ("Kuvamaisema Oy", "org")],
        ),
        ("legal_form_or_suffix", "en", "Tobias Wrenfield", "", None),
        ("street_or_venue", "en", "Pearl Street", "", [("Pearl Street", "place")]),
        ("russian_town_after_v", "ru", "Касимове", "в", [("Касимове", "place")]),
        ("listed_place", "en", "Leeds", "", [("Leeds", "place")]),
        ("town_in_company", "en", "Helsinki Design", "", [("Helsinki Design", "org")]),
        ("word_before", "en", "Quillmark", "agency", [("Quillmark", "org")]),
        ("word_before", "fi", "Kuopiossa", "", [("Kuopiossa", "place")]),
        ("word_before", "en", "Tacoma", "in", [("Tacoma", "place")]),
        ("acronym_run", "en", "NWT Logistics", "", [("NWT Logistics", "org")]),
    ],
)
def test_rule_alone(anon: Anonymiser, rule: str, lang: str, text: str, prev: str, expected) -> None:
    assert _typed(getattr(kinds, rule)(_run(anon, lang, text, prev))) == expected


def test_cue_decides_first_and_unknown_is_a_person(anon: Anonymiser) -> None:
    assert _typed(kinds.classify(_run(anon, "en", "Pearl Street", cue=True))) == [("Pearl Street", "person")]
    assert _typed(kinds.classify(_run(anon, "en", "Zorvex"))) == [("Zorvex", "person")]
