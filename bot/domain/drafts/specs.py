"""What each message draft is: its tones, the fields a member fills (at most 5, a modal's limit) and its source."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

FieldKind = Literal["text", "paragraph", "amount", "currency", "date", "int"]

DRAFT_LANGS: tuple[str, ...] = ("en", "ar", "fi", "ru")
MAX_FIELDS = 5  # a Discord modal holds at most five inputs
MESSAGE_LIMIT = 1900  # fits a code block in one message; longer drafts go out as a .txt attachment


@dataclass(frozen=True)
class DraftField:
    """One input of a draft: id, whether it must be filled, its length cap and how it is parsed."""

    id: str
    required: bool
    max_len: int
    kind: FieldKind
    min_value: int | None = None  # only for "int"
    max_value: int | None = None  # only for "int"
    default: str | None = None  # used when an optional field is left empty


@dataclass(frozen=True)
class DraftKind:
    """One kind of draft: its tones (empty if it has none), its fields and the guide sections it follows."""

    id: str
    tones: tuple[str, ...]
    default_tone: str | None
    fields: tuple[DraftField, ...]
    source: str
    archetypes: tuple[str, ...] = ()

    def tones_for(self, *, platform: bool = True) -> tuple[str, ...]:
        """The tones that apply: without a platform there is no one to open a platform dispute with."""
        return self.tones if platform else tuple(tone for tone in self.tones if tone not in PLATFORM_TONES)

    @property
    def required_fields(self) -> tuple[DraftField, ...]:
        """The fields a member must fill."""
        return tuple(f for f in self.fields if f.required)

    def field(self, field_id: str) -> DraftField:
        """Look a field up by id."""
        for candidate in self.fields:
            if candidate.id == field_id:
                return candidate
        raise KeyError(field_id)


def _text(field_id: str, max_len: int, *, required: bool = False) -> DraftField:
    return DraftField(field_id, required, max_len, "text")


def _paragraph(field_id: str, max_len: int, *, required: bool = False) -> DraftField:
    return DraftField(field_id, required, max_len, "paragraph")


def _int(field_id: str, low: int, high: int, *, required: bool = False, default: str | None = None) -> DraftField:
    return DraftField(field_id, required, 6, "int", min_value=low, max_value=high, default=default)


CLIENT_NAME = _text("client_name", 80, required=True)
PROJECT = _text("project", 120)
AMOUNT = DraftField("amount", True, 30, "amount")
CURRENCY = DraftField("currency", True, 3, "currency")
EXTRA_PRICE_OPTIONAL = DraftField("extra_price", False, 30, "amount")
EXTRA_PRICE = DraftField("extra_price", True, 30, "amount")
CURRENCY_OPTIONAL = DraftField("currency", False, 3, "currency")  # required as soon as a price is given

TONES_LADDER = ("friendly", "firm", "final", "platform_dispute")
# Tones that only make sense when the work goes through a platform (there is a support team to open a dispute with).
PLATFORM_TONES = frozenset({"platform_dispute"})
TONES_TWO = ("friendly", "firm")

_KINDS: tuple[DraftKind, ...] = (
    DraftKind(
        "payment_reminder",
        TONES_LADDER,
        "friendly",
        (
            CLIENT_NAME,
            _text("invoice_number", 40),
            AMOUNT,
            CURRENCY,
            DraftField("due_date", True, 30, "date"),
        ),
        "G0 §non-payer; G4 §bad-payer; G3 §5",
        ("non_payer", "string_along", "bad_fit"),
    ),
    DraftKind(
        "deposit_condition",
        TONES_TWO,
        "firm",
        (CLIENT_NAME, PROJECT, _int("unpaid_items", 1, 999), _int("deposit_percent", 1, 100, default="50")),
        "G0 §stringing-along",
        ("string_along", "non_payer", "bad_fit"),
    ),
    DraftKind(
        "deposit_terms",
        (),
        None,
        (CLIENT_NAME, PROJECT, _int("deposit_percent", 1, 100, default="50")),
        "G2 §ideal-client",
        ("bad_fit", "non_payer", "string_along"),
    ),
    DraftKind(
        "revision_note",
        (),
        None,
        (CLIENT_NAME, PROJECT, _paragraph("changes", 800, required=True), _paragraph("kept", 600)),
        "G0 §know-it-all",
        ("know_it_all", "never_satisfied", "micromanager"),
    ),
    DraftKind(
        "revision_limit",
        TONES_TWO,
        "friendly",
        (
            CLIENT_NAME,
            PROJECT,
            _int("revisions_included", 1, 999, required=True),
            EXTRA_PRICE_OPTIONAL,
            CURRENCY_OPTIONAL,
        ),
        "G1 §3; G4 §insatiable; G0 §perfectionism",
        ("never_satisfied", "blindsided", "scope_creep"),
    ),
    DraftKind(
        "change_order",
        (),
        None,
        (CLIENT_NAME, _paragraph("new_scope", 600, required=True), EXTRA_PRICE, CURRENCY, _int("extra_days", 1, 365)),
        "G4 §miser; G3 §5",
        ("scope_creep", "indecisive", "blindsided"),
    ),
    DraftKind(
        "working_hours",
        TONES_TWO,
        "friendly",
        (
            CLIENT_NAME,
            _text("working_hours", 100, required=True),
            _int("response_hours", 1, 168),
            _text("channel", 80),
        ),
        "G3 §2; G4 §all-night",
        ("after_hours", "micromanager"),
    ),
    DraftKind(
        "call_summary",
        (),
        None,
        (
            CLIENT_NAME,
            DraftField("call_date", False, 30, "date"),
            _paragraph("agreed", 1000, required=True),
            _paragraph("next_steps", 500),
        ),
        "G3 §2; G3 §5",
        ("indecisive", "micromanager", "no_contract", "sceptic"),
    ),
    DraftKind(
        "contract_request",
        TONES_TWO,
        "friendly",
        (CLIENT_NAME, PROJECT, DraftField("start_date", False, 30, "date")),
        "G4 §anti-contract; G3 §5",
        ("no_contract", "scope_creep", "indecisive"),
    ),
    DraftKind(
        "deflection",
        TONES_TWO,
        "friendly",
        (CLIENT_NAME, PROJECT, _text("next_topic", 120)),
        "G0 §creep; G3 §3",
        ("creep", "abusive"),
    ),
    DraftKind(
        "end_engagement",
        TONES_TWO,
        "friendly",
        (CLIENT_NAME, PROJECT, DraftField("last_day", False, 30, "date"), _paragraph("handover", 600)),
        "G3 §6; G2 §part-ways; G4 §conclusion",
        ("abusive", "bad_fit", "non_payer", "creep", "never_satisfied"),
    ),
)

DRAFT_SPECS: Mapping[str, DraftKind] = MappingProxyType({kind.id: kind for kind in _KINDS})
DRAFT_KINDS: tuple[str, ...] = tuple(DRAFT_SPECS)


def kinds_for_archetype(archetype: str) -> tuple[str, ...]:
    """Draft kinds that fit an archetype id (GUIDES_IDS.md), most fitting first."""
    ranked = [
        (kind.archetypes.index(archetype), order, kind.id)
        for order, kind in enumerate(_KINDS)
        if archetype in kind.archetypes
    ]
    return tuple(kind_id for _, _, kind_id in sorted(ranked))
