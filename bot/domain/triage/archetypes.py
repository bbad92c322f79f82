"""The 14 canonical archetype ids (GUIDES_IDS.md), in the guides' order."""

from __future__ import annotations

from parley.knowledge import ARCHETYPE_IDS  # one canonical list, shared with the knowledge base

__all__ = ["ARCHETYPE_IDS", "ARCHETYPE_ORDER"]


ARCHETYPE_ORDER: dict[str, int] = {a: i for i, a in enumerate(ARCHETYPE_IDS)}
