"""Recall rules added for real text, each alone and through the anonymiser."""

from __future__ import annotations

import pytest

from parley.domain.anonymiser import Anonymiser
from parley.domain.anonymiser.arabic.pairs import is_abd_compound, is_family_nisba, is_given_before_nisba
from parley.domain.anonymiser.cased import chat_register, heading_lines
from parley.domain.anonymiser.textutil import tokenize


def test_abd_compound_needs_a_divine_name() -> None:
    assert is_abd_compound("عبد", "الإله")
    assert is_abd_compound("لعبد", "الرحيم")
    assert not is_abd_compound("عبد", "الشركة")


def test_family_nisba_is_no_everyday_adjective() -> None:
    assert is_family_nisba("الشاذلي", frozenset())
    assert not is_family_nisba("الثاني", frozenset())
    assert not is_family_nisba("الحربي", frozenset({"الحربي"}))


def test_given_name_before_nisba() -> None:
    assert is_given_before_nisba("ياسمينة", listed=False, ordinary=False, stop=False)
    assert not is_given_before_nisba("الموقع", listed=False, ordinary=False, stop=False)
    assert not is_given_before_nisba("كانت", listed=False, ordinary=True, stop=False)


def test_heading_lines_are_title_case_lines_of_their_own() -> None:
    text = "How I Lost Three Weeks To A Startup\nThe founder, Priyanka, messaged me."
    assert heading_lines(text) == [(0, 35)]
    assert heading_lines("Then Priyanka Valdes Paid Me.\nok") == []


def test_chat_register_is_mostly_lower_case_sentence_starts() -> None:
    assert chat_register(tokenize("ok so this happened. guy called me. he never paid."))
    assert not chat_register(tokenize("So this happened. He called me. He never paid."))


@pytest.mark.parametrize(
    ("lang", "text", "gone"),
    [
        ("en", "How I Lost Three Weeks To A Startup\nThe founder messaged me on LinkedIn.", []),
        ("en", "tbh the worst was declan. he never paid and blocked me.", ["declan"]),
        ("en", "His insta is ruairi.smiles and he posts my photos.", ["ruairi.smiles"]),
        ("en", "I updated my profile photo and my rates.", []),
        ("en", "Project number 88213 was never paid.", ["88213"]),
        ("ar", "تجربتي مع عبد الإله الرشيدي كانت سيئة.", ["عبد الإله الرشيدي"]),
        ("ar", "والمسؤولة عني كانت ياسمينة الشاذلي وقالت لا.", ["ياسمينة الشاذلي"]),
        ("ar", "أنا من الأردن وهي في الإمارات.", ["الأردن", "الإمارات"]),
        ("ar", "كتبت لرئيس التحرير وليد القضاة مرتين.", ["وليد القضاة"]),
    ],
)
def test_removed_on_real_phrasing(anon: Anonymiser, lang: str, text: str, gone: list[str]) -> None:
    res = anon.anonymise(text, lang)
    assert [text[s.start : s.end] for s in res.spans] == gone, res.text
