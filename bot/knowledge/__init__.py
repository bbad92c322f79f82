"""The guide knowledge base: TOML data files plus this loader and validator.

Pure Python (tomllib only, no discord import). Loaded once at start-up; load_knowledge() validates everything and
raises KnowledgeError listing *every* problem found, so a bad edit is reported in one go.

Layout (under bot/knowledge/):
    general.toml                 strategies for every situation + the /redflags checklist
    archetypes/<id>.toml         one file per archetype; the file name must equal its id (see ARCHETYPE_IDS)

A "text" is a table with one non-empty string per language in LANGS: {en, ar, fi, ru}. In TOML either
``text.en = "..."`` dotted keys or a ``[name]`` sub-table. Arabic text carries no bare Latin letters or digits (wrap
them in U+2068 FSI ... U+2069 PDI) and uses Arabic punctuation (، ؛ ؟), never ASCII , ; ?.

Archetype file (archetypes/<id>.toml):
    id          str, one of ARCHETYPE_IDS
    drafts      [draft kind, ...] from DRAFT_KINDS: the message drafts that fit this archetype
    [name]      text, <= 60 chars per language
    [summary]   text, one paragraph, <= 600 chars
    [recognise] {lang: [signal, ...]}: short signals (<= 120 chars), same count in every language
    [[ladder]]  escalation steps in order (may be absent when the guides imply none):
                id (slug, unique in the file), stage? (before|during|after), draft? (draft kind), source, text
    [[advice]]  4-8 items: id "<archetype>.<slug>" (globally unique, stable: votes are keyed on it), source,
                stages? [before|during|after], keep? ("yes": keeps the client, "no": about letting go),
                tags? [from TAGS], draft? (draft kind), text (<= 300 chars)
    [[red_flags]] screening signals for a prospect: id (slug; a checklist id where it is the same flag),
                source, text (<= 300 chars)

general.toml:
    [[advice]]    same item shape as above, id "general.<slug>", plus archetypes = [ids it serves] or ["*"] (all)
    [[red_flags]] the /redflags checklist: exactly RED_FLAG_IDS, each with id, weight (1-3, how serious),
                  source, drafts [draft kinds], label (text, <= 80 chars), advice (text, <= 300 chars)

Every source is one entry of SOURCES: "<guide> §<section>", derived from the English digest GUIDES.md (guide ids G0-G4;
G0 and G4 sections are the client types they describe, G1 and G3 numbered sections, G2 the article's three parts).
"""

from __future__ import annotations

import functools
import logging
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from parley.resources import package_dir

log = logging.getLogger(__name__)

LANGS: tuple[str, ...] = ("en", "ar", "fi", "ru")

# Canonical order = GUIDES_IDS.md order; ids are shared with triage, stories' tags and `advise --json`.
ARCHETYPE_IDS: tuple[str, ...] = (
    "non_payer",
    "string_along",
    "know_it_all",
    "never_satisfied",
    "creep",
    "abusive",
    "after_hours",
    "no_contract",
    "indecisive",
    "scope_creep",
    "micromanager",
    "sceptic",
    "blindsided",
    "bad_fit",
)

DRAFT_KINDS: tuple[str, ...] = (
    "payment_reminder",
    "deposit_condition",
    "deposit_terms",
    "revision_note",
    "revision_limit",
    "change_order",
    "working_hours",
    "call_summary",
    "contract_request",
    "deflection",
    "end_engagement",
)

STAGES: tuple[str, ...] = ("before", "during", "after")
KEEP_VALUES: tuple[str, ...] = ("yes", "no")

# Topics match the /situation walkthrough's questions, plus a few cross-cutting ones.
TAGS: tuple[str, ...] = (
    "payment",
    "scope",
    "revisions",
    "hours",
    "respect",
    "contract",
    "decisions",
    "safety",
    "communication",
    "records",
    "screening",
    "wellbeing",
    "stories",
    "later",  # written for a later moment (e.g. once the client cooperates): ranking never puts it first
)

# The /redflags checklist, in display order.
RED_FLAG_IDS: tuple[str, ...] = (
    "unresponsive",
    "no_history",
    "too_good",
    "no_upfront",
    "no_contract",
    "lowest_price",
    "talks_down",
    "any_hour",
)

GUIDES: Mapping[str, str] = MappingProxyType(
    {
        "G0": "5 types of bad freelance clients (ar)",
        "G1": "5 ways to handle difficult and problematic clients (fi)",
        "G2": "Qualifying your clients (ar)",
        "G3": "10 strategies for difficult clients (ar)",
        "G4": "8 types of problem clients (ru)",
    }
)


def _sources() -> dict[str, str]:
    """Build the citable sections: one per client type (G0, G4), numbered section (G1, G3) or part (G2)."""
    sections: dict[str, str] = {
        "G0 §non-payer": "the non-payer",
        "G0 §stringing-along": "stringing along",
        "G0 §know-it-all": "the guy who thinks he's better than you",
        "G0 §perfectionism": "obsessive perfectionism",
        "G0 §creep": "the creep",
        "G1 §intro": "introduction: difficult = expectations not met",
        "G1 §1": "show clients you know what you're doing",
        "G1 §2": "don't get complacent",
        "G1 §3": "keep clients informed",
        "G1 §4": "offer quick solutions",
        "G1 §5": "be mega patient",
        "G1 §conclusion": "conclusion: stand your ground; share your horror stories",
        "G2 §ideal-client": "write your ideal-client list; it is fine to decline",
        "G2 §part-ways": "part ways with existing bad fits",
        "G2 §new-freelancers": "new freelancers: start the list now",
        "G3 §1": "set clear boundaries and expectations",
        "G3 §2": "effective communication (before, during, after)",
        "G3 §3": "stay professional at all times",
        "G3 §4": "seek solutions and compromise",
        "G3 §5": "keep thorough documentation and records",
        "G3 §6": "know when to let go",
        "G3 §7": "learn from past experiences",
        "G3 §8": "use support networks",
        "G3 §9": "feedback loops",
        "G3 §10": "positive mindset",
        "G3 §conclusion": "turning bad experiences into opportunities",
        "G4 §intro": "introduction: clients to run from",
        "G4 §abuser": "the abuser (rude client)",
        "G4 §bad-payer": "the bad payer",
        "G4 §know-it-all": "the know-it-all",
        "G4 §all-night": "the all-night client",
        "G4 §anti-contract": "the anti-contract client",
        "G4 §indecisive": "the indecisive client",
        "G4 §miser": "Pichirre, the miser",
        "G4 §insatiable": "the insatiable client",
        "G4 §conclusion": "conclusion: limits, terms both sides keep, respect",
        "Parley §own": "Parley's own addition, not from the guides",
    }
    return {key: f"{key.split()[0]}: {title}" for key, title in sections.items()}


# Valid values for every `source` field: "<guide id> §<section>" -> short English description.
SOURCES: Mapping[str, str] = MappingProxyType(_sources())

MIN_ITEMS, MAX_ITEMS = 4, 8
MAX_ITEM_CHARS = 300  # fits a Discord card field with room for the source line
MAX_SUMMARY_CHARS = 600
MAX_NAME_CHARS = 60
MAX_SIGNAL_CHARS = 120
MAX_LABEL_CHARS = 80
MIN_WEIGHT, MAX_WEIGHT = 1, 3
ALL_ARCHETYPES = "*"

DEFAULT_PATH = package_dir("parley.knowledge")

_SLUG = re.compile(r"[a-z][a-z0-9_]*")
# Latin letters or digits in Arabic text must sit inside FSI ... PDI isolates, or they break RTL layout.
_ISOLATED_RUN = re.compile("\u2068[^\u2069]*\u2069")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
_ASCII_PUNCT_IN_ARABIC = re.compile(r"[,;?]")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")

Text = Mapping[str, str]


class KnowledgeError(Exception):
    """The knowledge base failed validation; ``problems`` lists every problem found."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        listing = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the knowledge base:\n{listing}")


def pick(text: Text, lang: str) -> str:
    """Return ``text`` in ``lang``, falling back to English for an unknown language."""
    return text.get(lang) or text["en"]


@dataclass(frozen=True)
class AdviceItem:
    """One piece of advice; ``archetype`` is None for general items, which serve ``archetypes``."""

    id: str
    archetype: str | None
    archetypes: tuple[str, ...]
    text: Text
    source: str
    stages: tuple[str, ...] = ()
    keep: str | None = None
    tags: tuple[str, ...] = ()
    draft: str | None = None

    def t(self, lang: str) -> str:
        """Return the text in ``lang`` (English fallback)."""
        return pick(self.text, lang)


@dataclass(frozen=True)
class LadderStep:
    """One escalation step of an archetype's ladder, in order."""

    id: str
    archetype: str
    text: Text
    source: str
    stage: str | None = None
    draft: str | None = None

    def t(self, lang: str) -> str:
        """Return the text in ``lang`` (English fallback)."""
        return pick(self.text, lang)


@dataclass(frozen=True)
class ArchetypeRedFlag:
    """How this archetype can show itself in a prospect, before you accept the work."""

    id: str
    archetype: str
    text: Text
    source: str

    def t(self, lang: str) -> str:
        """Return the text in ``lang`` (English fallback)."""
        return pick(self.text, lang)


@dataclass(frozen=True)
class Archetype:
    """A difficult-client archetype: how to recognise it, what to do, which drafts fit."""

    id: str
    name: Text
    summary: Text
    recognise: Mapping[str, tuple[str, ...]]
    drafts: tuple[str, ...]
    ladder: tuple[LadderStep, ...]
    advice: tuple[AdviceItem, ...]
    red_flags: tuple[ArchetypeRedFlag, ...]


@dataclass(frozen=True)
class RedFlag:
    """One entry of the /redflags checklist; ``archetypes`` lists archetypes that cite the same flag id."""

    id: str
    label: Text
    weight: int
    advice: Text
    source: str
    drafts: tuple[str, ...]
    archetypes: tuple[str, ...] = ()


@dataclass(frozen=True)
class KnowledgeBase:
    """The loaded, validated knowledge base."""

    archetypes: Mapping[str, Archetype]
    general: tuple[AdviceItem, ...]
    red_flags: tuple[RedFlag, ...]
    _index: Mapping[str, AdviceItem] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {item.id: item for item in self.all_items()}
        object.__setattr__(self, "_index", MappingProxyType(index))

    def item(self, item_id: str) -> AdviceItem:
        """Return the advice item with this id (KeyError if unknown)."""
        return self._index[item_id]

    def items_for(self, archetype_id: str) -> tuple[AdviceItem, ...]:
        """Return the archetype's own items followed by the general items that serve it (KeyError if unknown)."""
        own = self.archetypes[archetype_id].advice
        return own + tuple(item for item in self.general if archetype_id in item.archetypes)

    def all_items(self) -> tuple[AdviceItem, ...]:
        """Return every advice item: archetypes in canonical order, then general items."""
        own = tuple(item for archetype in self.archetypes.values() for item in archetype.advice)
        return own + self.general

    def red_flag(self, flag_id: str) -> RedFlag:
        """Return the checklist red flag with this id (KeyError if unknown)."""
        for flag in self.red_flags:
            if flag.id == flag_id:
                return flag
        raise KeyError(flag_id)


# ---------------------------------------------------------------------------------------------------------------
# Reading and validation


def read_raw(path: Path | None = None) -> tuple[dict[str, Any], list[str]]:
    """Parse the TOML files under ``path``; return the raw data and any read/parse problems."""
    root = Path(path) if path is not None else DEFAULT_PATH
    problems: list[str] = []
    raw: dict[str, Any] = {"general": {}, "archetypes": {}}
    general_file = root / "general.toml"
    try:
        raw["general"] = tomllib.loads(general_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(f"general.toml: file missing under {root}")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        problems.append(f"general.toml: cannot parse: {exc}")
    for file in sorted((root / "archetypes").glob("*.toml")):
        try:
            raw["archetypes"][file.stem] = tomllib.loads(file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            problems.append(f"archetypes/{file.name}: cannot parse: {exc}")
    return raw, problems


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


# ---------------------------------------------------------------------------------------------------------------
# Building


def _text(value: Mapping[str, str]) -> Text:
    return MappingProxyType({lang: value[lang] for lang in LANGS})


def _advice(item: Mapping[str, Any], archetype: str | None) -> AdviceItem:
    served = item.get("archetypes", [archetype])
    return AdviceItem(
        id=item["id"],
        archetype=archetype,
        archetypes=ARCHETYPE_IDS if served == [ALL_ARCHETYPES] else tuple(served),
        text=_text(item["text"]),
        source=item["source"],
        stages=tuple(item.get("stages", ())),
        keep=item.get("keep"),
        tags=tuple(item.get("tags", ())),
        draft=item.get("draft"),
    )


def _archetype(data: Mapping[str, Any]) -> Archetype:
    arch_id = data["id"]
    return Archetype(
        id=arch_id,
        name=_text(data["name"]),
        summary=_text(data["summary"]),
        recognise=MappingProxyType({lang: tuple(data["recognise"][lang]) for lang in LANGS}),
        drafts=tuple(data["drafts"]),
        ladder=tuple(
            LadderStep(
                id=step["id"],
                archetype=arch_id,
                text=_text(step["text"]),
                source=step["source"],
                stage=step.get("stage"),
                draft=step.get("draft"),
            )
            for step in data.get("ladder", [])
        ),
        advice=tuple(_advice(item, arch_id) for item in data["advice"]),
        red_flags=tuple(
            ArchetypeRedFlag(id=flag["id"], archetype=arch_id, text=_text(flag["text"]), source=flag["source"])
            for flag in data.get("red_flags", [])
        ),
    )


def build(raw: Mapping[str, Any]) -> KnowledgeBase:
    """Build a KnowledgeBase from raw data that validate() accepted."""
    by_id = {data["id"]: data for data in raw["archetypes"].values()}
    archetypes = {arch_id: _archetype(by_id[arch_id]) for arch_id in ARCHETYPE_IDS}
    order = {flag_id: n for n, flag_id in enumerate(RED_FLAG_IDS)}
    flags = sorted(raw["general"]["red_flags"], key=lambda flag: order[flag["id"]])
    red_flags = tuple(
        RedFlag(
            id=flag["id"],
            label=_text(flag["label"]),
            weight=flag["weight"],
            advice=_text(flag["advice"]),
            source=flag["source"],
            drafts=tuple(flag["drafts"]),
            archetypes=tuple(a.id for a in archetypes.values() if any(f.id == flag["id"] for f in a.red_flags)),
        )
        for flag in flags
    )
    general = tuple(_advice(item, None) for item in raw["general"]["advice"])
    return KnowledgeBase(archetypes=MappingProxyType(archetypes), general=general, red_flags=red_flags)


def load_knowledge(path: Path | None = None) -> KnowledgeBase:
    """Read, validate and build the knowledge base under ``path`` (default: this package); raise KnowledgeError."""
    raw, problems = read_raw(path)
    problems += validate(raw)
    if problems:
        raise KnowledgeError(problems)
    kb = build(raw)
    log.debug("knowledge base loaded: %s archetypes, %s items", len(kb.archetypes), len(kb.all_items()))
    return kb


@functools.cache
def default_knowledge() -> KnowledgeBase:
    """Return the shipped knowledge base, loaded once per process."""
    return load_knowledge()


__all__ = [
    "ARCHETYPE_IDS",
    "DRAFT_KINDS",
    "GUIDES",
    "KEEP_VALUES",
    "LANGS",
    "RED_FLAG_IDS",
    "SOURCES",
    "STAGES",
    "TAGS",
    "AdviceItem",
    "Archetype",
    "ArchetypeRedFlag",
    "KnowledgeBase",
    "KnowledgeError",
    "LadderStep",
    "RedFlag",
    "build",
    "default_knowledge",
    "load_knowledge",
    "pick",
    "read_raw",
    "validate",
]
