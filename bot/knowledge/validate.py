"""Validation of raw knowledge data: every problem found, in one list, so a bad edit is reported in one go."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from parley.knowledge.model import (
    ALL_ARCHETYPES,
    ARCHETYPE_IDS,
    DRAFT_KINDS,
    KEEP_VALUES,
    LANGS,
    MAX_ITEM_CHARS,
    MAX_ITEMS,
    MAX_LABEL_CHARS,
    MAX_NAME_CHARS,
    MAX_SIGNAL_CHARS,
    MAX_SUMMARY_CHARS,
    MAX_WEIGHT,
    MIN_ITEMS,
    MIN_WEIGHT,
    RED_FLAG_IDS,
    SOURCES,
    STAGES,
    TAGS,
)

_SLUG = re.compile(r"[a-z][a-z0-9_]*")
# Latin letters or digits in Arabic text must sit inside FSI ... PDI isolates, or they break RTL layout.
_ISOLATED_RUN = re.compile("\u2068[^\u2069]*\u2069")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
_ASCII_PUNCT_IN_ARABIC = re.compile(r"[,;?]")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


class _Checker:
    """Collects problems while walking the raw data; one instance per validate() call."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.seen_ids: dict[str, str] = {}

    def add(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def keys(self, where: str, table: Any, allowed: set[str], required: set[str]) -> bool:
        if not isinstance(table, dict):
            self.add(where, "must be a table")
            return False
        for key in sorted(required - table.keys()):
            self.add(where, f"missing field '{key}'")
        for key in sorted(table.keys() - allowed):
            self.add(where, f"unknown field '{key}'")
        return True

    def text(self, where: str, value: Any, limit: int) -> None:
        if value is None:
            return  # the missing field itself was reported by keys()
        if not isinstance(value, dict):
            self.add(where, "must be a table of languages")
            return
        for lang in LANGS:
            if lang not in value:
                self.add(where, f"missing language '{lang}'")
            else:
                self.string(f"{where}.{lang}", value[lang], limit, lang)
        for lang in sorted(value.keys() - set(LANGS)):
            self.add(where, f"unknown language '{lang}'")

    def string(self, where: str, value: Any, limit: int, lang: str) -> None:
        if not isinstance(value, str) or not value.strip():
            self.add(where, "empty text")
            return
        if len(value) > limit:
            self.add(where, f"text too long ({len(value)} > {limit} chars)")
        if lang == "ar":
            if not _ARABIC_SCRIPT.search(value):
                self.add(where, "Arabic text has no Arabic script")
            if _LATIN_OR_DIGIT.search(_ISOLATED_RUN.sub("", value)):
                self.add(where, "Latin letters or digits in Arabic text must be wrapped in FSI/PDI isolates")
            if _ASCII_PUNCT_IN_ARABIC.search(_ISOLATED_RUN.sub("", value)):
                self.add(where, "Arabic text must use Arabic punctuation (، ؛ ؟), not ASCII , ; ?")
        elif lang == "ru" and not _CYRILLIC.search(value):
            self.add(where, "Russian text has no Cyrillic script")

    def source(self, where: str, value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, str) or value not in SOURCES:
            self.add(where, f"unknown source {value!r}")

    def choices(self, where: str, values: Any, valid: tuple[str, ...], what: str) -> None:
        if values is None:
            return
        if not isinstance(values, list):
            self.add(where, "must be a list")
            return
        for value in values:
            if value not in valid:
                self.add(where, f"unknown {what} {value!r}")
        if len(set(map(str, values))) != len(values):
            self.add(where, f"duplicate {what}")

    def choice(self, where: str, value: Any, valid: tuple[str, ...], what: str) -> None:
        if value is not None and value not in valid:
            self.add(where, f"unknown {what} {value!r}")

    def unique(self, where: str, item_id: Any) -> None:
        if not isinstance(item_id, str):
            return
        if item_id in self.seen_ids:
            self.add(where, f"duplicate id {item_id!r} (also in {self.seen_ids[item_id]})")
        else:
            self.seen_ids[item_id] = where

    def advice_item(self, where: str, item: Any, prefix: str, general: bool) -> None:
        allowed = {"id", "text", "source", "stages", "keep", "tags", "draft"}
        required = {"id", "text", "source"}
        if general:
            allowed.add("archetypes")
            required.add("archetypes")
        item_id = item.get("id") if isinstance(item, dict) else None
        if isinstance(item_id, str):
            where = f"{where} ({item_id})"  # name the item in every problem, including missing fields
        if not self.keys(where, item, allowed, required):
            return
        if isinstance(item_id, str):
            if not item_id.startswith(prefix) or not _SLUG.fullmatch(item_id[len(prefix) :]):
                self.add(where, f"id must look like '{prefix}<slug>'")
        elif item_id is not None:
            self.add(where, "id must be a string")
        self.unique(where, item_id)
        self.text(f"{where} text", item.get("text"), MAX_ITEM_CHARS)
        self.source(where, item.get("source"))
        self.choices(f"{where} stages", item.get("stages"), STAGES, "stage")
        self.choice(where, item.get("keep"), KEEP_VALUES, "keep value")
        self.choices(f"{where} tags", item.get("tags"), TAGS, "tag")
        self.choice(where, item.get("draft"), DRAFT_KINDS, "draft kind")
        if general:
            served = item.get("archetypes")
            if served != [ALL_ARCHETYPES]:
                self.choices(f"{where} archetypes", served, ARCHETYPE_IDS, "archetype id")
                if isinstance(served, list) and not served:
                    self.add(where, "archetypes is empty")

    def archetype(self, stem: str, data: Any) -> None:
        where = f"archetypes/{stem}.toml"
        allowed = {"id", "name", "summary", "recognise", "drafts", "ladder", "advice", "red_flags"}
        required = {"id", "name", "summary", "recognise", "drafts", "advice"}
        if not self.keys(where, data, allowed, required):
            return
        arch_id = data.get("id")
        if arch_id is not None and arch_id not in ARCHETYPE_IDS:
            self.add(where, f"unknown archetype id {arch_id!r}")
        elif arch_id is not None and arch_id != stem:
            self.add(where, f"id {arch_id!r} does not match the file name")
        self.text(f"{where} name", data.get("name"), MAX_NAME_CHARS)
        self.text(f"{where} summary", data.get("summary"), MAX_SUMMARY_CHARS)
        self.recognise(f"{where} recognise", data.get("recognise"))
        self.choices(f"{where} drafts", data.get("drafts"), DRAFT_KINDS, "draft kind")
        self.ladder(where, data.get("ladder", []))
        advice = data.get("advice")
        if isinstance(advice, list):
            if not MIN_ITEMS <= len(advice) <= MAX_ITEMS:
                self.add(where, f"has {len(advice)} advice items; expected {MIN_ITEMS}-{MAX_ITEMS}")
            for n, item in enumerate(advice):
                self.advice_item(f"{where} advice[{n}]", item, f"{stem}.", general=False)
        elif advice is not None:
            self.add(where, "advice must be an array of tables")
        flags = data.get("red_flags", [])
        seen: set[str] = set()
        for n, flag in enumerate(flags if isinstance(flags, list) else []):
            flag_where = f"{where} red_flags[{n}]"
            if self.keys(flag_where, flag, {"id", "text", "source"}, {"id", "text", "source"}):
                self.slug_id(flag_where, flag.get("id"), seen)
                self.text(f"{flag_where} text", flag.get("text"), MAX_ITEM_CHARS)
                self.source(flag_where, flag.get("source"))

    def slug_id(self, where: str, value: Any, seen: set[str]) -> None:
        if not isinstance(value, str) or not _SLUG.fullmatch(value):
            self.add(where, f"id {value!r} must be a lower-case slug")
        elif value in seen:
            self.add(where, f"duplicate id {value!r}")
        else:
            seen.add(value)

    def recognise(self, where: str, value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, dict):
            self.add(where, "must be a table of languages")
            return
        counts = set()
        for lang in LANGS:
            signals = value.get(lang)
            if signals is None:
                self.add(where, f"missing language '{lang}'")
            elif not isinstance(signals, list) or not signals:
                self.add(f"{where}.{lang}", "must be a non-empty list")
            else:
                counts.add(len(signals))
                for n, signal in enumerate(signals):
                    self.string(f"{where}.{lang}[{n}]", signal, MAX_SIGNAL_CHARS, lang)
        if len(counts) > 1:
            self.add(where, "languages list a different number of signals")

    def ladder(self, where: str, steps: Any) -> None:
        if not isinstance(steps, list):
            self.add(where, "ladder must be an array of tables")
            return
        seen: set[str] = set()
        for n, step in enumerate(steps):
            step_where = f"{where} ladder[{n}]"
            allowed = {"id", "stage", "draft", "source", "text"}
            if self.keys(step_where, step, allowed, {"id", "source", "text"}):
                self.slug_id(step_where, step.get("id"), seen)
                self.choice(step_where, step.get("stage"), STAGES, "stage")
                self.choice(step_where, step.get("draft"), DRAFT_KINDS, "draft kind")
                self.source(step_where, step.get("source"))
                self.text(f"{step_where} text", step.get("text"), MAX_ITEM_CHARS)

    def general(self, data: Any) -> None:
        where = "general.toml"
        if not self.keys(where, data, {"advice", "red_flags"}, {"advice", "red_flags"}):
            return
        for n, item in enumerate(data.get("advice") or []):
            self.advice_item(f"{where} advice[{n}]", item, "general.", general=True)
        flags = data.get("red_flags") or []
        ids = [flag.get("id") for flag in flags if isinstance(flag, dict)]
        if sorted(map(str, ids)) != sorted(RED_FLAG_IDS):
            missing = sorted(set(RED_FLAG_IDS) - set(ids))
            extra = sorted(str(i) for i in set(ids) - set(RED_FLAG_IDS))
            self.add(where, f"red flags must be exactly {RED_FLAG_IDS}; missing {missing}, unknown {extra}")
        seen: set[str] = set()
        for n, flag in enumerate(flags):
            flag_where = f"{where} red_flags[{n}]"
            allowed = {"id", "label", "weight", "advice", "source", "drafts"}
            if not self.keys(flag_where, flag, allowed, allowed):
                continue
            self.slug_id(flag_where, flag.get("id"), seen)
            weight = flag.get("weight")
            if weight is not None and (type(weight) is not int or not MIN_WEIGHT <= weight <= MAX_WEIGHT):
                self.add(flag_where, f"weight must be an integer {MIN_WEIGHT}-{MAX_WEIGHT}")
            self.text(f"{flag_where} label", flag.get("label"), MAX_LABEL_CHARS)
            self.text(f"{flag_where} advice", flag.get("advice"), MAX_ITEM_CHARS)
            self.source(flag_where, flag.get("source"))
            self.choices(f"{flag_where} drafts", flag.get("drafts"), DRAFT_KINDS, "draft kind")


def validate(raw: Mapping[str, Any]) -> list[str]:
    """Return every problem in raw knowledge data ({"general": ..., "archetypes": {file stem: ...}})."""
    checker = _Checker()
    archetypes = raw.get("archetypes") or {}
    for stem in sorted(archetypes):
        checker.archetype(stem, archetypes[stem])
    present = {data.get("id") for data in archetypes.values() if isinstance(data, dict)}
    for arch_id in ARCHETYPE_IDS:
        if arch_id not in present:
            checker.add("archetypes", f"missing archetype {arch_id!r}")
    checker.general(raw.get("general"))
    return checker.problems
