"""Everything a member or a client reads, per language: catalogs, knowledge base, sources, rendered drafts."""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

from babel.messages.pofile import read_po

from parley.domain.drafts import DRAFT_SPECS, DraftRenderer
from parley.resources import package_dir

LANGS = ("en", "ar", "fi", "ru")
LOCALES = package_dir("parley.i18n") / "locales"
KNOWLEDGE = package_dir("parley.knowledge")


def _strings(value: object, lang: str) -> list[str]:
    """Every string for `lang` in a knowledge-base table, however deep."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == lang and isinstance(inner, str):
                found.append(inner)
            elif key == lang and isinstance(inner, list):
                found.extend(s for s in inner if isinstance(s, str))
            else:
                found.extend(_strings(inner, lang))
    elif isinstance(value, list):
        for inner in value:
            found.extend(_strings(inner, lang))
    return found


@functools.cache
def catalog(lang: str) -> tuple[tuple[str, str], ...]:
    """(msgid, translation) for every catalog entry, each plural form separately."""
    rows: list[tuple[str, str]] = []
    for path in sorted((LOCALES / lang / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle):
                if not message.id:
                    continue
                msgid = message.id if isinstance(message.id, str) else message.id[0]
                strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
                rows.extend((msgid, s) for s in strings if s and (lang == "en" or s != msgid))
    return tuple(rows)


@functools.cache
def knowledge(lang: str) -> tuple[str, ...]:
    """Every knowledge-base text in `lang` (names, summaries, signals, ladders, advice, red flags)."""
    files = [*sorted((KNOWLEDGE / "archetypes").glob("*.toml")), KNOWLEDGE / "general.toml"]
    texts: list[str] = []
    for path in files:
        texts.extend(_strings(tomllib.loads(Path(path).read_text(encoding="utf-8")), lang))
    return tuple(texts)


@functools.cache
def sections(lang: str) -> tuple[str, ...]:
    """The guide section names in `lang` (not the guide titles: those are the authors' own words)."""
    raw = tomllib.loads((KNOWLEDGE / "sources.toml").read_text(encoding="utf-8"))
    return (*tuple(names[lang] for names in raw["sections"].values()), raw["parley"][lang])


@functools.cache
def drafts(lang: str) -> tuple[str, ...]:
    """Every draft kind and tone in `lang`, rendered with the realistic sample values."""
    renderer = DraftRenderer()
    texts = []
    for kind, spec in DRAFT_SPECS.items():
        for tone in spec.tones or (None,):
            texts.append(renderer.render(kind, lang, tone, renderer.sample_values(kind, lang)).text)
    return tuple(texts)


def member_facing(lang: str) -> tuple[str, ...]:
    """What Parley says to the member: catalogs, knowledge base and section names."""
    return tuple(s for _, s in catalog(lang)) + knowledge(lang) + sections(lang)


def everything(lang: str) -> tuple[str, ...]:
    """Member-facing text plus the drafts written for clients."""
    return member_facing(lang) + drafts(lang)
