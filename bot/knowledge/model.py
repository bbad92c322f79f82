"""The knowledge base's model: its fixed vocabularies, limits, cited sources and the loaded objects.

Pure Python; see the package docstring for the data files' layout.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

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
    "rush",
    "off_platform",
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
