"""The guide knowledge base: TOML data files, and the code that reads them in three small modules.

model.py holds the vocabularies, limits, cited sources and the loaded objects; load.py reads the TOML files and
builds the KnowledgeBase; validate.py lists every problem in the raw data. Everything is importable from here.

Pure Python (tomllib only, no discord import). Loaded once at start-up; load_knowledge() validates everything and
raises KnowledgeError listing *every* problem found, so a bad edit is reported in one go.

Layout (under bot/knowledge/):
    general.toml                 strategies for every situation + the /redflags checklist
    archetypes/<id>.toml         one file per archetype; the file name must equal its id (see ARCHETYPE_IDS)
    rights.toml                  know-your-rights cards per jurisdiction (rights.py: loader and validator)

A server's own advice items (admins' files, stored per server) are read and checked by server_items.py with the same
rules; they are never mixed into this read-only base.

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

from parley.knowledge.load import DEFAULT_PATH, build, default_knowledge, load_knowledge, read_raw
from parley.knowledge.model import (
    ALL_ARCHETYPES,
    ARCHETYPE_IDS,
    DRAFT_KINDS,
    GUIDES,
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
    AdviceItem,
    Archetype,
    ArchetypeRedFlag,
    KnowledgeBase,
    KnowledgeError,
    LadderStep,
    RedFlag,
    Text,
    pick,
)
from parley.knowledge.validate import validate

__all__ = [
    "ALL_ARCHETYPES",
    "ARCHETYPE_IDS",
    "DEFAULT_PATH",
    "DRAFT_KINDS",
    "GUIDES",
    "KEEP_VALUES",
    "LANGS",
    "MAX_ITEMS",
    "MAX_ITEM_CHARS",
    "MAX_LABEL_CHARS",
    "MAX_NAME_CHARS",
    "MAX_SIGNAL_CHARS",
    "MAX_SUMMARY_CHARS",
    "MAX_WEIGHT",
    "MIN_ITEMS",
    "MIN_WEIGHT",
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
    "Text",
    "build",
    "default_knowledge",
    "load_knowledge",
    "pick",
    "read_raw",
    "validate",
]
