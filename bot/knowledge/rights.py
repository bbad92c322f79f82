"""Know your rights: the freelance payment laws of a few places, one card each (data in rights.toml).

Each card says what the law gives, where to read it (an official URL), when it came into force, the day the text was
last checked, and that it is general information, not legal advice. Every text exists in all four languages.
Pure Python: loaded and validated once, like the rest of the knowledge base.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from parley.knowledge.model import ARCHETYPE_IDS, LANGS, KnowledgeError, Text, pick
from parley.knowledge.validate import _Checker
from parley.resources import package_dir

RIGHTS_FILE = "rights.toml"
MAX_NAME_CHARS = 60
MAX_LAW_CHARS = 160
MAX_POINT_CHARS = 300
MAX_POINTS = 6
_URL = re.compile(r"https://[^\s\"'<>]+")


@dataclass(frozen=True)
class RightsCard:
    """One jurisdiction's card."""

    id: str
    name: Text
    law: Text
    gives: Mapping[str, tuple[str, ...]]
    disclaimer: Text
    source_url: str
    checked: dt.date
    in_force: dt.date | None
    archetypes: tuple[str, ...]

    def points(self, lang: str) -> tuple[str, ...]:
        """What the law gives, in `lang` (English fallback)."""
        return self.gives.get(lang) or self.gives["en"]

    def t(self, field: str, lang: str) -> str:
        """A text field (name, law, disclaimer) in `lang`."""
        return pick(getattr(self, field), lang)


@dataclass(frozen=True)
class Rights:
    """The cards, in the file's order."""

    cards: tuple[RightsCard, ...]

    def card(self, card_id: str) -> RightsCard:
        """The card with this id (KeyError if unknown)."""
        for card in self.cards:
            if card.id == card_id:
                return card
        raise KeyError(card_id)

    def for_archetypes(self, archetypes: tuple[str, ...] | list[str]) -> tuple[RightsCard, ...]:
        """The cards that matter for any of these client types."""
        return tuple(c for c in self.cards if set(c.archetypes) & set(archetypes))


def _date(checker: _Checker, where: str, value: Any, *, required: bool) -> None:
    if value is None:
        if required:
            checker.add(where, "missing date")
        return
    if not isinstance(value, str):
        checker.add(where, "must be a date written as YYYY-MM-DD")
        return
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        checker.add(where, f"{value!r} is not a date written as YYYY-MM-DD")


def validate_rights(data: Mapping[str, Any]) -> list[str]:
    """Every problem in rights.toml: fields, official https URL, dates, disclaimer, all four languages."""
    checker = _Checker()
    cards = data.get("card")
    if not isinstance(cards, list) or not cards:
        return ["rights.toml: no [[card]] entries"]
    seen: set[str] = set()
    allowed = {"id", "archetypes", "in_force", "checked", "source_url", "name", "law", "gives", "disclaimer"}
    required = allowed - {"in_force"}
    for n, card in enumerate(cards):
        where = f"rights.toml card[{n}]"
        if not checker.keys(where, card, allowed, required):
            continue
        checker.slug_id(where, card.get("id"), seen)
        checker.choices(f"{where} archetypes", card.get("archetypes"), ARCHETYPE_IDS, "archetype id")
        url = card.get("source_url")
        if url is not None and (not isinstance(url, str) or not _URL.fullmatch(url)):
            checker.add(where, f"source_url {url!r} must be one https URL")
        _date(checker, f"{where} checked", card.get("checked"), required=True)
        _date(checker, f"{where} in_force", card.get("in_force"), required=False)
        checker.text(f"{where} name", card.get("name"), MAX_NAME_CHARS)
        checker.text(f"{where} law", card.get("law"), MAX_LAW_CHARS)
        checker.text(f"{where} disclaimer", card.get("disclaimer"), MAX_POINT_CHARS)
        gives = card.get("gives")
        if isinstance(gives, dict):
            counts = set()
            for lang in LANGS:
                points = gives.get(lang)
                if not isinstance(points, list) or not 1 <= len(points) <= MAX_POINTS:
                    checker.add(f"{where} gives.{lang}", f"must be a list of 1-{MAX_POINTS} points")
                    continue
                counts.add(len(points))
                for i, point in enumerate(points):
                    checker.string(f"{where} gives.{lang}[{i}]", point, MAX_POINT_CHARS, lang)
            for lang in sorted(gives.keys() - set(LANGS)):
                checker.add(f"{where} gives", f"unknown language '{lang}'")
            if len(counts) > 1:
                checker.add(f"{where} gives", "languages list a different number of points")
        elif gives is not None:
            checker.add(f"{where} gives", "must be a table of languages")
    return checker.problems


def _text(value: Mapping[str, str]) -> Text:
    return MappingProxyType({lang: value[lang] for lang in LANGS})


def load_rights(path: Path | None = None) -> Rights:
    """Read and validate rights.toml (default: the shipped one); raise KnowledgeError listing every problem."""
    file = Path(path) if path is not None else package_dir("parley.knowledge") / RIGHTS_FILE
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise KnowledgeError([f"{file.name}: cannot read: {exc}"]) from None
    problems = validate_rights(data)
    if problems:
        raise KnowledgeError(problems)
    cards = tuple(
        RightsCard(
            id=card["id"],
            name=_text(card["name"]),
            law=_text(card["law"]),
            gives=MappingProxyType({lang: tuple(card["gives"][lang]) for lang in LANGS}),
            disclaimer=_text(card["disclaimer"]),
            source_url=card["source_url"],
            checked=dt.date.fromisoformat(card["checked"]),
            in_force=dt.date.fromisoformat(card["in_force"]) if card.get("in_force") else None,
            archetypes=tuple(card["archetypes"]),
        )
        for card in data["card"]
    )
    return Rights(cards)


@functools.cache
def default_rights() -> Rights:
    """The shipped cards, loaded once per process."""
    return load_rights()
