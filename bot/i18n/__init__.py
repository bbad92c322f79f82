"""Translations: gettext catalogs per language, named placeholders, plurals, and the reply-language rule.

Catalogs are the `.po` files under `locales/<lang>/LC_MESSAGES/`; every file in a language's folder belongs to
one logical catalog (a capability may keep its strings in a file of its own). They are compiled in memory at
start-up, so the `.po` files stay the single source of truth. Msgids are the English text; placeholders are
named (`{count}`) and filled after translation, so translators can move them.
"""

from __future__ import annotations

import gettext
import io
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.lists import format_list
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from parley.i18n.bidi import is_rtl, isolate, ltr
from parley.resources import package_dir

log = logging.getLogger(__name__)

LANGUAGES: tuple[str, ...] = ("en", "ar", "fi", "ru")
SOURCE_LANGUAGE = "en"
LANGUAGE_NAMES: Mapping[str, str] = {"en": "English", "ar": "العربية", "fi": "suomi", "ru": "русский"}
LOCALES_DIR = package_dir("parley.i18n") / "locales"
# Discord localises command names only for clients in these languages (it has no Arabic locale).
COMMAND_NAME_LANGUAGES = frozenset({"fi", "ru"})
_BABEL_LOCALE = {"en": "en", "ar": "ar", "fi": "fi_FI", "ru": "ru_RU"}


def resolve_language(
    stored: str | None, guild: str | None, discord_locale: str | None, fallback: str = SOURCE_LANGUAGE
) -> str:
    """Pick a reply language: the member's choice, the server's, the member's Discord language, then the fallback.

    Discord has no Arabic client locale, so Arabic can only come from a stored choice (member or server).
    """
    for choice in (stored, guild):
        if choice in LANGUAGES:
            return choice
    if discord_locale:
        code = discord_locale.lower()
        if code in ("fi", "ru"):
            return code
        if code.startswith("en"):
            return "en"
    return fallback if fallback in LANGUAGES else SOURCE_LANGUAGE


class _Params(dict):
    """Format mapping that leaves unknown placeholders visible instead of raising mid-reply."""

    def __missing__(self, key: str) -> str:
        log.warning("missing placeholder %r in a translated message", key)
        return "{" + key + "}"


@dataclass(frozen=True)
class Translations:
    """One language's messages; pass it explicitly to whatever renders a reply."""

    lang: str
    _catalog: gettext.NullTranslations = field(repr=False)

    @property
    def rtl(self) -> bool:
        """Tell whether this language is written right to left."""
        return is_rtl(self.lang)

    @property
    def babel_locale(self) -> str:
        """Return the Babel locale used for numbers and dates."""
        return _BABEL_LOCALE[self.lang]

    def gettext(self, message: str, /, **params: Any) -> str:
        """Translate a message and fill its named placeholders."""
        return self._fill(self._catalog.gettext(message), params)

    def ngettext(self, singular: str, plural: str, n: int, /, **params: Any) -> str:
        """Translate a message whose form depends on a count (Arabic has six forms, Russian three)."""
        params.setdefault("count", self.number(n))
        return self._fill(self._catalog.ngettext(singular, plural, n), params)

    _ = gettext

    def command(self, path: str) -> str:
        """Spell a slash command as this language's Discord client shows it (`/asetukset` in Finnish)."""
        words = path.split()
        if self.lang in COMMAND_NAME_LANGUAGES:
            words = [self._catalog.gettext(word) for word in words]
        text = "/" + " ".join(words)
        return ltr(text) if self.rtl else text

    def join(self, items: list[str]) -> str:
        """Join items as a list reads in this language ("a, b ja c", "أ وب")."""
        return _format_list(tuple(items), self.babel_locale) if items else ""

    def number(self, value: float) -> str:
        """Format a number the way this language writes it."""
        return _format_decimal(value, self.babel_locale)

    def _fill(self, template: str, params: Mapping[str, Any]) -> str:
        if not params:
            return template
        values = {k: isolate(v) if self.rtl else v for k, v in params.items()}
        return template.format_map(_Params(values))


# Babel formats a number in ~20-60 us and a card shows several (vote counts on every button): the same few numbers
# and lists come back all the time, so their text is kept (pure functions of value and locale).
@lru_cache(maxsize=4096, typed=True)  # typed: 1 and 1.0 are formatted on their own
def _format_decimal(value: float, locale: str) -> str:
    return format_decimal(value, locale=locale)


@lru_cache(maxsize=1024)
def _format_list(items: tuple[str, ...], locale: str) -> str:
    return format_list(list(items), locale=locale)


class I18n:
    """All languages' catalogs, loaded once."""

    def __init__(self, catalogs: Mapping[str, Catalog]) -> None:
        self.catalogs = dict(catalogs)
        self._translations = {lang: Translations(lang, _compile(cat)) for lang, cat in self.catalogs.items()}
        for lang in LANGUAGES:
            self._translations.setdefault(lang, Translations(lang, gettext.NullTranslations()))

    @classmethod
    def load(cls, locales_dir: Path = LOCALES_DIR) -> I18n:
        """Read every language's `.po` files into one catalog per language."""
        return cls({lang: read_language(locales_dir, lang) for lang in LANGUAGES})

    def get(self, lang: str) -> Translations:
        """Return a language's translations (English for anything unknown)."""
        return self._translations.get(lang) or self._translations[SOURCE_LANGUAGE]


def read_language(locales_dir: Path, lang: str) -> Catalog:
    """Merge all `.po` files of one language into a single catalog."""
    merged: Catalog | None = None
    for path in sorted((locales_dir / lang / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as fh:
            cat = read_po(fh, locale=lang)
        if merged is None:
            merged = cat
            continue
        for message in cat:
            if not message.id:
                continue
            current = merged.get(message.id)
            # A msgid may sit in two capability files; a filled, non-fuzzy translation wins over an empty one.
            if current is None or (not _filled(current) and _filled(message)):
                merged[message.id] = message
    return merged or Catalog(locale=lang)


def _filled(message: object) -> bool:
    string = getattr(message, "string", "")
    forms = string if isinstance(string, (list, tuple)) else (string,)
    return all(forms) and not getattr(message, "fuzzy", False)


def _compile(catalog: Catalog) -> gettext.GNUTranslations:
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)
