"""Know your rights: every card is sourced (an official https URL), dated, disclaimed and in all four languages."""

from __future__ import annotations

import copy
import datetime as dt
import tomllib

import pytest

from parley.knowledge import LANGS
from parley.knowledge.rights import RIGHTS_FILE, default_rights, validate_rights
from parley.resources import package_dir

RAW = tomllib.loads((package_dir("parley.knowledge") / RIGHTS_FILE).read_text(encoding="utf-8"))
OFFICIAL = ("nyc.gov", "nysenate.gov", "ilga.gov", "leginfo.legislature.ca.gov", "finlex.fi")


def test_the_shipped_cards_validate_and_cover_the_five_jurisdictions():
    assert validate_rights(RAW) == []
    cards = default_rights().cards
    assert [c.id for c in cards] == ["nyc", "nys", "illinois", "california", "finland"]
    for card in cards:
        assert card.source_url.startswith("https://") and any(host in card.source_url for host in OFFICIAL)
        assert card.checked <= dt.date(2026, 12, 31)
        assert {"non_payer", "no_contract"} <= set(card.archetypes)
        for lang in LANGS:
            assert card.t("name", lang) and card.t("law", lang) and card.t("disclaimer", lang)
            assert len(card.points(lang)) == len(card.points("en"))
    by_id = {c.id: c for c in cards}
    assert by_id["nys"].in_force == dt.date(2024, 8, 28)
    assert by_id["illinois"].in_force == dt.date(2024, 7, 1)
    assert by_id["california"].in_force == dt.date(2025, 1, 1)


@pytest.mark.parametrize("lang", LANGS)
def test_every_disclaimer_says_not_legal_advice(lang):
    words = {
        "en": "not legal advice",
        "ar": "ليست استشارة قانونية",
        "fi": "ei oikeudellista neuvontaa",
        "ru": "не юридическая консультация",
    }[lang]
    for card in default_rights().cards:
        assert words in card.t("disclaimer", lang), card.id


def broken(change):
    data = copy.deepcopy(RAW)
    change(data["card"][0])
    return validate_rights(data)


def test_a_card_without_source_date_disclaimer_or_a_language_is_refused():
    assert any("missing field 'source_url'" in p for p in broken(lambda c: c.pop("source_url")))
    assert any("https URL" in p for p in broken(lambda c: c.update(source_url="http://example.org x")))
    assert any("missing field 'checked'" in p for p in broken(lambda c: c.pop("checked")))
    assert any("not a date" in p for p in broken(lambda c: c.update(checked="yesterday")))
    assert any("missing field 'disclaimer'" in p for p in broken(lambda c: c.pop("disclaimer")))
    assert any("missing language 'fi'" in p for p in broken(lambda c: c["law"].pop("fi")))
    assert any("gives.ru" in p for p in broken(lambda c: c["gives"].pop("ru")))
    assert any("different number of points" in p for p in broken(lambda c: c["gives"]["ar"].pop()))
    assert any("FSI/PDI" in p for p in broken(lambda c: c["name"].update(ar="مدينة NYC")))
