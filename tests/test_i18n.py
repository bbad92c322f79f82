"""Catalogs, plural forms, placeholders, language resolution and RTL isolation."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from parley.i18n import LANGUAGES, I18n, read_language, resolve_language
from parley.i18n.bidi import FSI, PDI
from parley.i18n.catalogs import PLURAL_FORMS, check, placeholders


@pytest.mark.parametrize(
    ("stored", "guild", "client", "expected"),
    [
        ("ar", "ru", "fi", "ar"),  # the member's own choice wins
        (None, "ru", "en-US", "ru"),  # then the server's language
        (None, None, "fi", "fi"),  # then the member's Discord language
        (None, None, "ru", "ru"),
        (None, None, "en-GB", "en"),
        (None, None, "de", "en"),  # a client language we don't speak falls back to English
        (None, None, None, "en"),
        ("xx", None, "fi", "fi"),  # garbage in the database is ignored
    ],
)
def test_resolution_order(stored, guild, client, expected):
    assert resolve_language(stored, guild, client) == expected


def test_arabic_only_from_a_stored_choice():
    # Discord has no Arabic client locale: even an "ar" locale string from a client is not trusted.
    assert resolve_language(None, None, "ar") == "en"
    assert resolve_language("ar", None, None) == "ar"


def test_fallback_language_from_config_applies_last():
    assert resolve_language(None, None, "de", fallback="fi") == "fi"
    assert resolve_language(None, None, "ru", fallback="fi") == "ru"


def _write_catalog(tmp_path: Path, lang: str, entries: dict) -> None:
    cat = Catalog(locale=lang)
    if lang in PLURAL_FORMS:
        cat.mime_headers = [*cat.mime_headers, ("Plural-Forms", PLURAL_FORMS[lang])]
    for key, value in entries.items():
        cat.add(key, value)
    folder = tmp_path / lang / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "test.po").open("wb") as fh:
        write_po(fh, cat)


def test_arabic_six_plural_forms(tmp_path):
    forms = ("صفر {count}", "واحد {count}", "اثنان {count}", "قليل {count}", "كثير {count}", "مئة {count}")
    _write_catalog(tmp_path, "ar", {("{count} vote", "{count} votes"): forms})
    t = I18n({"ar": read_language(tmp_path, "ar")}).get("ar")
    picked = {n: t.ngettext("{count} vote", "{count} votes", n).split()[0] for n in (0, 1, 2, 3, 10, 11, 99, 100, 102)}
    assert picked == {
        0: "صفر",
        1: "واحد",
        2: "اثنان",
        3: "قليل",
        10: "قليل",
        11: "كثير",
        99: "كثير",
        100: "مئة",
        102: "مئة",
    }


def test_russian_plural_forms(tmp_path):
    _write_catalog(
        tmp_path, "ru", {("{count} vote", "{count} votes"): ("{count} голос", "{count} голоса", "{count} голосов")}
    )
    t = I18n({"ru": read_language(tmp_path, "ru")}).get("ru")
    rendered = [t.ngettext("{count} vote", "{count} votes", n) for n in (1, 2, 5, 11, 21, 22, 25, 111)]
    assert rendered == [
        "1 голос",
        "2 голоса",
        "5 голосов",
        "11 голосов",
        "21 голос",
        "22 голоса",
        "25 голосов",
        "111 голосов",
    ]


def test_named_placeholders_are_filled_after_translation(tmp_path):
    _write_catalog(tmp_path, "fi", {"Hello {name}, you have {n} tips": "{n} vinkkiä odottaa sinua, {name}"})
    t = I18n({"fi": read_language(tmp_path, "fi")}).get("fi")
    assert t.gettext("Hello {name}, you have {n} tips", name="Aino", n=3) == "3 vinkkiä odottaa sinua, Aino"


def test_member_text_in_placeholders_is_not_reformatted():
    t = I18n.load().get("en")
    # Braces inside a value must not be interpreted as more placeholders.
    assert "{incident}" not in t.gettext(
        "Something went wrong on our side. It has been logged as incident {incident}; please try again.",
        incident="{0.__class__}",
    ).replace("{0.__class__}", "")


def test_arabic_isolates_embedded_values():
    t = I18n.load().get("ar")
    text = t.gettext("This needs the {permissions} permission.", permissions="Manage Server")
    assert f"{FSI}Manage Server{PDI}" in text
    assert "صلاحية" in text


def test_numbers_follow_the_language():
    i18n = I18n.load()
    assert i18n.get("en").number(1234567) == "1,234,567"
    assert i18n.get("fi").number(1234567).replace("\xa0", " ") == "1 234 567"


def test_shipped_catalogs_are_complete():
    assert check() == []


def test_placeholder_parser():
    assert placeholders("{a} and {b_2} but not {{literal}}") == {"a", "b_2"}


def test_every_language_has_a_catalog():
    i18n = I18n.load()
    for lang in LANGUAGES:
        assert len(i18n.catalogs[lang]) > 10, lang
