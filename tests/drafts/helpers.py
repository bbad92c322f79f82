"""Shared helpers for the draft tests."""

from __future__ import annotations

import re

from parley.domain.drafts import DRAFT_SPECS, DraftRenderer
from parley.domain.drafts.check import hygiene_problems

__all__ = ["PING", "all_cases", "hygiene_problems", "required_only"]

PING = re.compile(r"@(everyone|here)|<[@#][!&]?\d+>", re.IGNORECASE)


def all_cases():
    """Every (kind, tone) pair, with None for kinds without tones."""
    return [(kind, tone) for kind, spec in DRAFT_SPECS.items() for tone in (spec.tones or (None,))]


def required_only(renderer: DraftRenderer, kind: str, lang: str) -> dict[str, str]:
    """Sample values for the required fields only."""
    sample = renderer.sample_values(kind, lang)
    return {field.id: sample[field.id] for field in DRAFT_SPECS[kind].required_fields}
