"""Triage: which difficult-client archetypes a member's situation matches, and why. Pure, offline, fast."""

from parley.domain.triage.answers import SITUATIONS, Answers
from parley.domain.triage.archetypes import ARCHETYPE_IDS
from parley.domain.triage.engine import ArchetypeScore, TriageEngine, TriageResult, classify, get_engine
from parley.domain.triage.errors import TriageInputError
from parley.domain.triage.langid import detect_language

__all__ = [
    "ARCHETYPE_IDS",
    "SITUATIONS",
    "Answers",
    "ArchetypeScore",
    "TriageEngine",
    "TriageInputError",
    "TriageResult",
    "classify",
    "detect_language",
    "get_engine",
]
