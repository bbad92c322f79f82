"""Reading the TOML files and building the KnowledgeBase from data that validated."""

from __future__ import annotations

import functools
import logging
import tomllib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from parley.knowledge.model import (
    ALL_ARCHETYPES,
    ARCHETYPE_IDS,
    LANGS,
    RED_FLAG_IDS,
    AdviceItem,
    Archetype,
    ArchetypeRedFlag,
    KnowledgeBase,
    KnowledgeError,
    LadderStep,
    RedFlag,
    Text,
)
from parley.knowledge.validate import validate
from parley.resources import package_dir

log = logging.getLogger("parley.knowledge")

DEFAULT_PATH = package_dir("parley.knowledge")


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
