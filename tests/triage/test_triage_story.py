"""Weighing the story, not the keywords: who does what to whom (issue 16)."""

from __future__ import annotations

import pytest

from parley.domain.triage import classify
from parley.domain.triage.features import extract
from parley.domain.triage.lexicon import load_lexicon

LEXICON = load_lexicon()


@pytest.mark.parametrize(
    "text",
    [
        "Sorry for my language but this f***ing guy still hasn't paid me a cent for the logo. Two months now.",
        "Простите за мой французский, но этот чувак уже два месяца не платит за сайт.",
        "Sori kielenkäyttö, mut se saatanan asiakas ei oo maksanu laskua kahteen kuukauteen.",
        "اعذروني على الألفاظ بس العميل الزفت ده ما دفعش الفاتورة من شهرين",
    ],
)
def test_the_members_own_anger_is_not_the_clients_abuse(text):
    result = classify(text)
    assert result.top.id == "non_payer"
    assert result.score_of("abusive") < 0.5


def test_time_words_count_only_when_the_clients_contact_is_the_complaint():
    date_only = [m for m in extract(LEXICON, "We kicked off on a Saturday evening.") if m.feature == "weekend_holiday"]
    contact = [m for m in extract(LEXICON, "He calls me on Saturday evenings.") if m.feature == "weekend_holiday"]
    assert date_only and date_only[0].scene and date_only[0].factor < 0.5
    assert contact and not contact[0].scene and contact[0].factor == 1.0
    assert classify("He messages me at 11pm and on Sundays and gets annoyed if I don't answer.").top.id == "after_hours"
    story = "We started on a Saturday evening; since then the brief has changed four times and now he wants an app too."
    result = classify(story)
    assert not result.confident  # the date alone is never presented as an after-hours finding
    assert result.score_of("after_hours") < 0.5


@pytest.mark.parametrize(
    "text",
    [
        "Цена за логотип была 300 евро.",
        "We agreed on 300 euros for the logo.",
        "Hinta oli 300 euroa logosta.",
        "السعر كان ٣٠٠ دولار للوجو",
    ],
)
def test_a_price_mentioned_is_no_finding(text):
    result = classify(text)
    assert not result.confident
    assert result.score_of("non_payer") < 0.5
    assert len(result.archetypes) == 14
