"""One entity, one placeholder, distinct by kind and number, in every language (entities.assign_placeholders)."""

from __future__ import annotations

import pytest

from parley.domain.anonymiser import Anonymiser
from parley.domain.anonymiser.entities import assign_placeholders
from parley.domain.anonymiser.model import Mention


def _labels(anon: Anonymiser, text: str, lang: str, *words: str) -> list[str]:
    """The placeholder each word got (the span that covers it)."""
    spans = anon.find(text, lang)
    out = []
    for w in words:
        start = text.index(w)
        out.append(next(s.placeholder for s in spans if s.start <= start < s.end))
    return out


@pytest.mark.parametrize(
    ("lang", "text", "first", "second", "again"),
    [
        (
            "en",
            "I worked for Dana Whitcombe first; later Dana Ferrell joined. Whitcombe never paid.",
            "Dana Whitcombe",
            "Dana Ferrell",
            "Whitcombe never",
        ),
        (
            "fi",
            "Asiakkaana oli Oskari Vähämaa, myöhemmin mukaan tuli Oskari Lehtiranta. Vähämaa ei vastaa.",
            "Oskari Vähämaa",
            "Oskari Lehtiranta",
            "Vähämaa ei",
        ),
        (
            "ru",
            "Ефросинья Пяткина и её муж Ефим Пяткин должны мне. Ефросинья Пяткина не отвечает.",
            "Ефросинья Пяткина",
            "Ефим Пяткин",
            "Ефросинья Пяткина не",
        ),
    ],
)
def test_two_people_sharing_a_first_name_or_a_surname_get_two_placeholders(
    anon: Anonymiser, lang: str, text: str, first: str, second: str, again: str
):
    a, b, c = _labels(anon, text, lang, first, second, again)
    assert a != b
    assert c == a


def test_a_lone_surname_joins_the_full_name_it_belongs_to():
    ms = [
        Mention(0, 14, "person", "dana whitcombe", 10),
        Mention(20, 32, "person", "dana ferrell", 10),
        Mention(40, 49, "person", "whitcombe", 10),
        Mention(55, 61, "person", "ferrell", 10),
    ]
    labels = [s.placeholder for s in assign_placeholders(ms, "en", lambda _w: False)]
    assert labels == ["[client]", "[person 2]", "[client]", "[person 2]"]


def test_a_longer_form_of_the_same_name_is_the_same_person():
    """ "Kirill Andreevich Sidorov" then "Kirill Sidorov": the patronymic adds a word, it does not make a new person."""
    ms = [Mention(0, 25, "person", "kirill andreevich sidorov", 10), Mention(30, 44, "person", "kirill sidorov", 10)]
    labels = {s.placeholder for s in assign_placeholders(ms, "ru", lambda _w: False)}
    assert labels == {"[заказчик]"}


@pytest.mark.parametrize(
    ("lang", "text", "person", "company"),
    [
        ("en", "Marisol Quenby and her shop Quenby Ceramics never paid.", "Marisol Quenby", "Quenby Ceramics"),
        (
            "ru",
            "Директор Мирон Ставрогин и его ООО «Ставрогин Групп» не заплатили.",
            "Мирон Ставрогин",
            "Ставрогин Групп",
        ),
    ],
)
def test_a_person_and_their_company_get_different_kinds_of_placeholder(
    anon: Anonymiser, lang: str, text: str, person: str, company: str
):
    p, c = _labels(anon, text, lang, person, company)
    assert p != c
