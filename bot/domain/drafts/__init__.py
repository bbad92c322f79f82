"""Message drafts: ready-to-send messages a freelancer sends to a difficult client, in the client's language."""

from parley.domain.drafts.check import check_drafts, hygiene_problems
from parley.domain.drafts.errors import ERROR_CODES, DraftInputError
from parley.domain.drafts.parsing import parse_amount, parse_currency, parse_date, parse_int
from parley.domain.drafts.renderer import Draft, DraftRenderer
from parley.domain.drafts.sanitize import sanitize_field
from parley.domain.drafts.specs import (
    DRAFT_KINDS,
    DRAFT_LANGS,
    DRAFT_SPECS,
    MESSAGE_LIMIT,
    DraftField,
    DraftKind,
    kinds_for_archetype,
)

__all__ = [
    "DRAFT_KINDS",
    "DRAFT_LANGS",
    "DRAFT_SPECS",
    "ERROR_CODES",
    "MESSAGE_LIMIT",
    "Draft",
    "DraftField",
    "DraftInputError",
    "DraftKind",
    "DraftRenderer",
    "check_drafts",
    "hygiene_problems",
    "kinds_for_archetype",
    "parse_amount",
    "parse_currency",
    "parse_date",
    "parse_int",
    "sanitize_field",
]
