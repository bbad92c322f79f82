"""ArabicFinder's person start rules and company-name rules, each tested alone on its docstring example."""

from __future__ import annotations

import pytest

from parley.domain.anonymiser import Anonymiser
from parley.domain.anonymiser.textutil import ARABIC_WORD_RE, tokenize


def _run(anon: Anonymiser, rule: str, text: str, at: int):
    finder = anon._arabic
    toks = tokenize(text, ARABIC_WORD_RE)
    found = getattr(finder, rule)(text, toks, at, [False] * len(toks))
    return None if found is None else " ".join(t.text for t in toks[found[0] : found[1] + 1])


@pytest.mark.parametrize(
    ("rule", "text", "at", "name"),
    [
        ("_after_title_or_cue", "كلمني الدكتور نبيل حداد أمس", 1, "نبيل حداد"),
        ("_kunya", "اتصلت بي أم فيصل أمس", 2, "أم فيصل"),
        ("_after_kin", "ردت أختها ريم بعدها", 2, "ريم"),
        ("_listed_first_name", "تواصلت مع خالد مباشرة", 2, "خالد"),
        ("_unknown_before_role", "هتان صاحب متجر في المدينة", 0, "هتان"),
    ],
)
def test_person_rule_alone(anon: Anonymiser, rule: str, text: str, at: int, name: str) -> None:
    assert _run(anon, rule, text, at) == name


@pytest.mark.parametrize(
    ("rule", "text", "at"),
    [
        ("_after_title_or_cue", "كلمني الدكتور بعدها", 1),
        ("_kunya", "أم ماذا", 0),
        ("_listed_first_name", "تواصلت مع الشركة مباشرة", 2),
    ],
)
def test_person_rule_does_not_fire(anon: Anonymiser, rule: str, text: str, at: int) -> None:
    assert _run(anon, rule, text, at) is None


@pytest.mark.parametrize(
    ("text", "k", "count", "verdict"),
    [
        ("شركة مدار للتسويق", 2, 1, "last"),
        ("شركة جديدة", 1, 0, "end"),
        ("مطعم زيتون وزعتر", 2, 1, "last"),
        ("شركة مدار", 1, 0, "more"),
    ],
)
def test_org_word_verdicts(anon: Anonymiser, text: str, k: int, count: int, verdict: str) -> None:
    toks = tokenize(text, ARABIC_WORD_RE)
    assert anon._arabic._org_word(text, toks, k, count) == verdict
