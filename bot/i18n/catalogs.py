"""Catalog maintenance: extract msgids from the code and templates, add missing entries, check completeness.

`python -m parley i18n extract|update|check` wraps these; `python -m parley check` and the test suite run the check,
so a missing, empty, fuzzy or placeholder-mismatched translation fails CI instead of reaching a member in English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po

from parley.i18n import LANGUAGES, LOCALES_DIR, SOURCE_LANGUAGE, read_language
from parley.resources import package_dir

# The repository's folder names (used in catalog locations) and the packages they install as.
SOURCES = {"bot": "parley", "cogs": "parley.cogs", "templates": "parley.templates"}
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "NP_": (1, 2), "locale_str": None}
METHOD_MAP = [("**/replay/**", "ignore"), ("**.py", "python"), ("**.j2", "jinja2.ext:babel_extract")]
_PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z_][a-z0-9_]*)\}(?!\})")
# Arabic needs the standard six-form gettext rule (zero, one, two, few 3-10, many 11-99, other 100-102).
PLURAL_FORMS = {
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
}


@dataclass(frozen=True)
class Extracted:
    """A msgid found in the sources, with where it was found."""

    id: str | tuple[str, str]
    locations: tuple[tuple[str, int], ...]


def source_dirs(root: Path | None = None) -> dict[str, Path]:
    """bot/, cogs/ and templates/: under `root` if given, else wherever the packages are installed."""
    return {folder: (root / folder if root else package_dir(package)) for folder, package in SOURCES.items()}


def extract(root: Path | None = None) -> dict[str | tuple[str, str], Extracted]:
    """Collect every translatable string from bot/, cogs/ and templates/."""
    found: dict[str | tuple[str, str], list[tuple[str, int]]] = {}
    dirs = source_dirs(root)
    nested = set(dirs.values())  # in a wheel, cogs/ and templates/ sit inside the parley package: read them once
    for folder, base in dirs.items():
        if not base.exists():
            continue

        def wanted(dirpath: str, base: Path = base) -> bool:
            path = Path(dirpath)
            return _wanted_dir(dirpath) and (path == base or path not in nested)

        for filename, lineno, message, _comments, _context in extract_from_dir(
            base,
            METHOD_MAP,
            keywords=KEYWORDS,
            comment_tags=("Translators:",),
            strip_comment_tags=True,
            directory_filter=wanted,
        ):
            if isinstance(message, tuple):
                message = tuple(m for m in message if m)
                message = message[0] if len(message) == 1 else message[:2]
            if not message:
                continue
            found.setdefault(message, []).append((f"{folder}/{filename}", lineno))
    return {k: Extracted(k, tuple(v)) for k, v in found.items()}


def _wanted_dir(dirpath: str) -> bool:
    # Babel skips `_`-prefixed folders by default; Parley keeps shared cog code in `cogs/_shared`.
    name = Path(dirpath).name
    return not name.startswith(".") and name != "__pycache__"


def placeholders(text: str) -> set[str]:
    """Return the named placeholders of a message."""
    return set(_PLACEHOLDER.findall(text))


def check(root: Path | None = None, locales_dir: Path = LOCALES_DIR) -> list[str]:
    """List every problem with the catalogs: missing, empty, fuzzy or placeholder-mismatched translations."""
    problems: list[str] = []
    wanted = extract(root)
    for lang in LANGUAGES:
        catalog = read_language(locales_dir, lang)
        for key in wanted:
            msgid = key if isinstance(key, str) else key[0]
            message = catalog.get(msgid)
            if message is None:
                problems.append(f"{lang}: missing translation for {msgid!r}")
                continue
            problems.extend(f"{lang}: {p} in {msgid!r}" for p in _message_problems(message, key, catalog))
    return problems


def _message_problems(message: Message, key: str | tuple[str, str], catalog: Catalog) -> Iterator[str]:
    if message.fuzzy:
        yield "fuzzy translation"
    forms = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    if isinstance(key, tuple) != isinstance(message.string, (list, tuple)):
        yield "singular/plural mismatch"
        return
    if isinstance(key, tuple) and len(forms) != catalog.num_plurals:
        yield f"{len(forms)} plural forms where the language has {catalog.num_plurals}"
    expected = placeholders(key if isinstance(key, str) else key[1])
    for form in forms:
        if not form:
            yield "empty translation"
        elif placeholders(form) - expected - {"count"}:
            yield f"unknown placeholder(s) {sorted(placeholders(form) - expected)}"
        elif isinstance(key, str) and placeholders(form) != expected:
            yield f"placeholders {sorted(placeholders(form))} differ from {sorted(expected)}"


def update(
    into: str = "parley", sources: tuple[str, ...] = (), root: Path | None = None, locales_dir: Path = LOCALES_DIR
) -> dict[str, int]:
    """Append msgids missing from each language to `<lang>/LC_MESSAGES/<into>.po` (English filled in).

    `sources` limits it to msgids found under those path prefixes (e.g. `cogs/advice`), so each capability's
    strings land in its own file.
    """
    added: dict[str, int] = {}
    wanted = {
        key: found
        for key, found in extract(root).items()
        if not sources or any(loc.startswith(sources) for loc, _line in found.locations)
    }
    for lang in LANGUAGES:
        existing = read_language(locales_dir, lang)
        path = locales_dir / lang / "LC_MESSAGES" / f"{into}.po"
        target = _read_or_new(path, lang)
        count = 0
        for key, found in wanted.items():
            msgid = key if isinstance(key, str) else key[0]
            if msgid in existing or msgid in target:
                continue
            target.add(key, _source_text(key, lang, target.num_plurals), locations=found.locations[:3])
            count += 1
        if count:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as fh:
                write_po(fh, target, width=120, sort_output=False)
        added[lang] = count
    return added


def _read_or_new(path: Path, lang: str) -> Catalog:
    from babel.messages.pofile import read_po

    if path.exists():
        with path.open("rb") as fh:
            return read_po(fh, locale=lang)
    catalog = Catalog(locale=lang, project="Parley", charset="utf-8")
    if lang in PLURAL_FORMS:
        catalog.mime_headers = [*catalog.mime_headers, ("Plural-Forms", PLURAL_FORMS[lang])]
    return catalog


def _source_text(key: str | tuple[str, str], lang: str, nplurals: int) -> str | tuple[str, ...]:
    if lang != SOURCE_LANGUAGE:
        return "" if isinstance(key, str) else ("",) * nplurals
    return key
