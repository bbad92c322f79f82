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


@pytest.mark.parametrize(
    ("text", "k", "count", "verdict"),
    [
        ("موقع إخباري في عمان", 1, 0, "end"),  # an online kind described by an adjective
        ("مطعمها بحري وبعدها", 1, 0, "more"),  # the same shape after a restaurant is its name
        ("مطعمه وبعد التسليم", 1, 0, "end"),  # a new clause where the name would stand
        ("متجر بسعر رمزي", 1, 0, "end"),
    ],
)
def test_org_word_after_kind_is_no_name(anon: Anonymiser, text: str, k: int, count: int, verdict: str) -> None:
    toks = tokenize(text, ARABIC_WORD_RE)
    assert anon._arabic._org_word(text, toks, k, count) == verdict


@pytest.mark.parametrize(
    ("given", "word", "after_cue", "family"),
    [
        ("لينا", "قباني", False, True),  # a word of the vocabulary, but after a listed given name
        ("وليد", "حوراني", False, True),
        ("لينا", "طلبت", False, False),  # a verb
        ("لينا", "من", False, False),
        ("سارة", "صاحبة", False, False),  # a role word
        ("سارة", "بالأمس", False, False),
        ("نجمة", "قباني", False, False),  # not a listed given name, and no cue before it
    ],
)
def test_family_after_given(anon: Anonymiser, given: str, word: str, after_cue: bool, family: bool) -> None:
    assert anon._arabic._family_after_given(given, word, after_cue) is family


def test_compound_and_prefixed_names(anon: Anonymiser) -> None:
    from parley.domain.anonymiser.arabic import is_compound_tail, is_tatweel_prefixed

    assert is_compound_tail("الدين") and not is_compound_tail("الشركة")
    assert is_tatweel_prefixed("لـجمال", 2) and not is_tatweel_prefixed("لجمال", 1)
    cases = {
        "قال المستقل حسام الدين ساسي إن": "حسام الدين ساسي",  # occupation cue, compound given name, family name
        "بعد ما سلمت الموقع لـجمال، صار يقول": "جمال",  # a name that is also a word, set apart by لـ
        "طلب مني كريم ترجمة الموقع": "كريم",  # the subject after a verb and its object pronoun
        "العميلة لينا قباني من بيروت": "لينا قباني",
    }
    for text, name in cases.items():
        assert name not in anon.anonymise(text, "ar").text, text


def test_quoted_name_after_ismuha(anon: Anonymiser) -> None:
    text = "تعاملت مع مؤسسة صغيرة اسمها «درب النجاح»، والمسؤول أخذ التصاميم"
    toks = tokenize(text, ARABIC_WORD_RE)
    found = anon._arabic._quoted_after_name_cue(text, toks, [False] * len(toks))
    assert [(text[m.start : m.end], m.type) for m in found] == [("درب النجاح", "org")]
    text = "المصممة نور الهدى ساسي من تونس تقول"
    assert "ساسي" not in anon.anonymise(text, "ar").text  # the family name after a name found by its cue
