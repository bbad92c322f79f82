"""A server's own advice items: read from an admin's TOML or Markdown file, checked, and written back out.

Pure Python (no discord import). The guides' items stay read-only and cited; a server adds its own beside them.
Every problem names the line (when the file has one) and the field, with a message id translated by the cog, so
an admin fixes the whole file in one go. Nothing is stored unless the whole file is valid.

TOML (the export format, so an export re-imports as it is)::

    [[advice]]
    id = "ask_deposit"                    # lower-case slug, unique in the server
    archetypes = ["non_payer"]            # client type ids, or ["*"] for all
    source = "Our members' payment survey, 2025"   # required: where the advice comes from
    text.en = "Ask for 30 % up front."    # one text per language, at least one of en, ar, fi, ru
    text.fi = "Pyydä 30 % etukäteen."

Markdown::

    ## ask_deposit
    archetypes: non_payer
    source: Our members' payment survey, 2025

    ### en
    Ask for 30 % up front.
"""

from __future__ import annotations

import dataclasses
import json
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from parley.domain.errors import N_
from parley.knowledge.model import ALL_ARCHETYPES, ARCHETYPE_IDS, LANGS, MAX_ITEM_CHARS

PREFIX = "server"  # vote ids are "server.<slug>": no archetype or "general" item can ever have that id
MAX_FILE_BYTES = 64 * 1024
MAX_SERVER_ITEMS = 50
MAX_SLUG_CHARS = 40  # what the vote buttons' ids allow after "server."
MAX_SOURCE_CHARS = 200
MAX_PROBLEMS_SHOWN = 15

_SLUG = re.compile(r"[a-z][a-z0-9_]*")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# A run of Latin letters or digits (with the punctuation that sits inside one: "30 %", "e-mail", "v2.1").
_LATIN_RUN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 .,:/%+_@-]*[A-Za-z0-9%])?")
_TOML_LINE = re.compile(r"at line (\d+)")
_ITEM_HEADER = re.compile(r"^\s*\[\[\s*advice\s*\]\]")
_TOML_KEY = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*[A-Za-z0-9_]+)?)\s*=")
_MD_ITEM = re.compile(r"^##(?!#)\s*(.*?)\s*$")
_MD_LANG = re.compile(r"^###\s*(.*?)\s*$")
_MD_FIELD = re.compile(r"^([A-Za-z_]+)\s*:\s*(.*?)\s*$")


@dataclass(frozen=True)
class ServerItem:
    """One of the server's own advice items."""

    slug: str
    archetypes: tuple[str, ...]
    text: Mapping[str, str]
    source: str
    added_at: str | None = None  # when it was first imported (stored items only): newer wins a ranking tie

    @property
    def item_id(self) -> str:
        """The id votes and buttons use: `server.<slug>`."""
        return f"{PREFIX}.{self.slug}"

    def readable_in(self, lang: str) -> str | None:
        """The text a reader of `lang` sees: their language, else English, else None (not shown to them)."""
        return self.text.get(lang) or self.text.get("en")

    def serves(self, archetype: str) -> bool:
        """Tell whether the item is advice for this client type."""
        return archetype in self.archetypes


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an imported file: where (line, item, field) and what (a msgid with its parameters)."""

    message: str
    line: int | None = None
    item: str | None = None
    field: str | None = None
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)


class ContentError(Exception):
    """The file can't be imported; `problems` lists every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the imported file")


def item_slug(item_id: str) -> str | None:
    """The slug of a `server.<slug>` id (None for the guides' ids)."""
    prefix, _, slug = item_id.partition(".")
    return slug if prefix == PREFIX and slug else None


def isolate_latin(text: str) -> str:
    """Wrap Latin letters and digits in Arabic text in FSI/PDI isolates, as the guides' Arabic does (idempotent)."""
    bare = _BIDI_CONTROLS.sub("", text)
    return _LATIN_RUN.sub(lambda m: f"\u2068{m.group(0)}\u2069", bare)


# ------------------------------------------------------------------------------------------------------ reading


def parse(data: bytes, filename: str) -> list[ServerItem]:
    """Read a TOML or Markdown file (by its name) into items; raise ContentError listing every problem."""
    if len(data) > MAX_FILE_BYTES:
        raise ContentError(
            [
                Problem(
                    N_("The file is {size} KB; the limit is {limit} KB."),
                    params={"size": -(-len(data) // 1024), "limit": MAX_FILE_BYTES // 1024},
                )
            ]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError([Problem(N_("The file isn't UTF-8 text."))]) from None
    name = filename.lower()
    if name.endswith(".toml"):
        raw = _read_toml(text)
    elif name.endswith((".md", ".markdown")):
        raw = _read_markdown(text)
    else:
        raise ContentError([Problem(N_("Please upload a .toml or .md file."))])
    return check(raw)


@dataclass
class _Raw:
    """An item as read from the file, before checking; `line` is where it starts."""

    line: int | None
    fields: dict[str, Any]
    field_lines: dict[str, int] = dataclasses.field(default_factory=dict)
    problems: list[Problem] = dataclasses.field(default_factory=list)


def _read_toml(text: str) -> list[_Raw]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        line = int(found.group(1)) if found else None
        raise ContentError([Problem(N_("This isn't valid TOML."), line=line)]) from None
    problems = [
        Problem(N_("Unknown field “{name}”."), field=key, params={"name": key}) for key in data if key != "advice"
    ]
    advice = data.get("advice")
    if not isinstance(advice, list) or not advice:
        problems.append(Problem(N_("The file has no [[advice]] items.")))
        raise ContentError(problems)
    if problems:
        raise ContentError(problems)
    lines = text.splitlines()
    starts = [n for n, line in enumerate(lines, start=1) if _ITEM_HEADER.match(line)]
    raws: list[_Raw] = []
    for n, item in enumerate(advice):
        line = starts[n] if n < len(starts) else None
        if not isinstance(item, dict):
            raws.append(_Raw(line, {}, problems=[Problem(N_("Each item must be an [[advice]] table."), line=line)]))
            continue
        raw = _Raw(line, dict(item))
        if line is not None:  # where each field is written, so a problem names its own line
            end = starts[n + 1] if n + 1 < len(starts) else len(lines) + 1
            for number in range(line + 1, end):
                key = _TOML_KEY.match(lines[number - 1])
                if key:
                    raw.field_lines.setdefault(key.group(1).replace(" ", ""), number)
        raws.append(raw)
    return raws


def _read_markdown(text: str) -> list[_Raw]:
    raws: list[_Raw] = []
    problems: list[Problem] = []
    current: _Raw | None = None
    lang: str | None = None
    body: list[str] = []

    def close_text() -> None:
        if current is not None and lang is not None:
            texts = current.fields.setdefault("text", {})
            if lang in texts:
                current.problems.append(
                    Problem(
                        N_("The language “{lang}” appears twice."),
                        line=current.field_lines.get(f"text.{lang}"),
                        field=f"text.{lang}",
                        params={"lang": lang},
                    )
                )
            texts[lang] = "\n".join(body).strip()

    for number, line in enumerate(text.splitlines(), start=1):
        item_head, lang_head = _MD_ITEM.match(line), _MD_LANG.match(line)
        if item_head:
            close_text()
            current, lang, body = _Raw(number, {"id": item_head.group(1)}), None, []
            raws.append(current)
        elif lang_head:
            close_text()
            if current is None:
                problems.append(Problem(N_("A language heading comes before any “## id” item heading."), line=number))
                continue
            lang, body = lang_head.group(1).strip().lower(), []
            current.field_lines[f"text.{lang}"] = number
        elif lang is not None:
            body.append(line)
        elif not line.strip() or (current is None and line.startswith("# ")):
            continue  # blank lines, and the file's own title above the first item
        elif current is None:
            problems.append(Problem(N_("Text outside an item: start each item with “## id”."), line=number))
        else:
            pair = _MD_FIELD.match(line)
            if pair is None:
                current.problems.append(
                    Problem(N_("Expected “field: value” or a “### language” heading here."), line=number)
                )
                continue
            key, value = pair.group(1).lower(), pair.group(2)
            if key in current.fields:
                current.problems.append(
                    Problem(N_("The field “{name}” appears twice."), line=number, field=key, params={"name": key})
                )
            current.field_lines[key] = number
            current.fields[key] = [a.strip() for a in value.split(",") if a.strip()] if key == "archetypes" else value
    close_text()
    if problems:
        raise ContentError(problems)
    if not raws:
        raise ContentError([Problem(N_("The file has no items: start each one with “## id”."))])
    return raws


# ----------------------------------------------------------------------------------------------------- checking


def check(raws: Sequence[_Raw]) -> list[ServerItem]:
    """Check every item with the knowledge base's rules; return the items or raise ContentError with every problem."""
    problems: list[Problem] = []
    items: list[ServerItem] = []
    seen: dict[str, int | None] = {}
    for n, raw in enumerate(raws, start=1):
        problems.extend(raw.problems)
        item = _check_item(raw, n, problems, seen)
        if item is not None:
            items.append(item)
    if len(raws) > MAX_SERVER_ITEMS:
        problems.append(
            Problem(
                N_("The file has {count} items; a server can keep {limit}."),
                params={"count": len(raws), "limit": MAX_SERVER_ITEMS},
            )
        )
    if problems:
        raise ContentError(sorted(problems, key=lambda p: p.line or 0))  # in the file's order
    return items


def _check_item(raw: _Raw, n: int, problems: list[Problem], seen: dict[str, int | None]) -> ServerItem | None:
    fields = raw.fields
    slug = fields.get("id")
    label = slug if isinstance(slug, str) and slug else f"#{n}"
    before = len(problems)

    def add(message: str, where: str | None = None, **params: Any) -> None:
        line = raw.field_lines.get(where, raw.line) if where else raw.line
        problems.append(Problem(message, line=line, item=label, field=where, params=params))

    for key in sorted(set(fields) - {"id", "archetypes", "source", "text"}):
        add(N_("Unknown field “{name}”."), key, name=key)
    if not isinstance(slug, str) or not slug:
        add(N_("The item has no id."), "id")
    elif len(slug) > MAX_SLUG_CHARS or not _SLUG.fullmatch(slug):
        add(
            N_("The id must be lower-case letters, digits and _ (starting with a letter), at most {limit} characters."),
            "id",
            limit=MAX_SLUG_CHARS,
        )
    elif slug in seen:
        add(N_("The id “{id}” is used twice in this file."), "id", id=slug)
    else:
        seen[slug] = raw.line

    archetypes = fields.get("archetypes")
    if archetypes is None:
        add(N_("The item has no archetypes (client types)."), "archetypes")
    elif not isinstance(archetypes, list) or not archetypes or not all(isinstance(a, str) for a in archetypes):
        add(N_('archetypes must be a list of client type ids, or ["*"] for all.'), "archetypes")
    else:
        for value in archetypes:
            if value != ALL_ARCHETYPES and value not in ARCHETYPE_IDS:
                add(N_("Unknown client type “{value}”."), "archetypes", value=value)

    source = fields.get("source")
    if not isinstance(source, str) or not source.strip():
        add(N_("The item has no source: say where the advice comes from."), "source")
    elif len(source.strip()) > MAX_SOURCE_CHARS:
        add(
            N_("The source is {length} characters; the limit is {limit}."),
            "source",
            length=len(source.strip()),
            limit=MAX_SOURCE_CHARS,
        )

    texts = fields.get("text")
    cleaned: dict[str, str] = {}
    if not isinstance(texts, dict) or not texts:
        add(N_("The item has no text: give at least one of en, ar, fi, ru."), "text")
    else:
        for lang, value in texts.items():
            where = f"text.{lang}"
            if lang not in LANGS:
                add(N_("Unknown language “{lang}”: use en, ar, fi or ru."), where, lang=lang)
                continue
            if not isinstance(value, str) or not value.strip():
                add(N_("The text is empty."), where)
                continue
            value = value.strip()
            if lang == "ar":
                value = isolate_latin(value)
            if len(value) > MAX_ITEM_CHARS:
                add(
                    N_("The text is {length} characters; the limit is {limit}."),
                    where,
                    length=len(value),
                    limit=MAX_ITEM_CHARS,
                )
            if lang == "ar" and not _ARABIC_SCRIPT.search(value):
                add(N_("The Arabic text has no Arabic letters."), where)
            if lang == "ru" and not _CYRILLIC.search(value):
                add(N_("The Russian text has no Cyrillic letters."), where)
            cleaned[lang] = value
    if len(problems) > before:
        return None
    served = ARCHETYPE_IDS if archetypes == [ALL_ARCHETYPES] else tuple(dict.fromkeys(archetypes))  # type: ignore[arg-type]
    ordered = {lang: cleaned[lang] for lang in LANGS if lang in cleaned}
    return ServerItem(slug=slug, archetypes=served, text=MappingProxyType(ordered), source=source.strip())  # type: ignore[arg-type,union-attr]


# ------------------------------------------------------------------------------------------------------ writing


def _toml_string(value: str) -> str:
    # JSON's string escapes are valid TOML basic-string escapes (\", \\, \n, \uXXXX).
    return json.dumps(value, ensure_ascii=False)


def to_toml(items: Sequence[ServerItem]) -> str:
    """The items as a TOML file that `parse` reads back to the same items."""
    lines = [
        "# This server's own advice items, exported by Parley.",
        "# Edit and upload again with /content import: items with the same id are replaced.",
    ]
    for item in items:
        archetypes = [ALL_ARCHETYPES] if set(item.archetypes) == set(ARCHETYPE_IDS) else list(item.archetypes)
        lines += [
            "",
            "[[advice]]",
            f"id = {_toml_string(item.slug)}",
            f"archetypes = [{', '.join(_toml_string(a) for a in archetypes)}]",
            f"source = {_toml_string(item.source)}",
        ]
        lines += [f"text.{lang} = {_toml_string(text)}" for lang, text in item.text.items()]
    return "\n".join(lines) + "\n"
