"""What the member reads about drafts, as msgids: kind and tone names, form labels, input errors.

Kept apart from the views so the tables read as one glossary for translators; every string is an English msgid
translated at render time in the member's interface language (never the draft's language).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from parley.domain.drafts import DRAFT_SPECS, DraftInputError
from parley.domain.drafts import errors as codes
from parley.domain.drafts.names import DRAFT_KIND_NAMES
from parley.domain.errors import N_
from parley.i18n import Translations

KIND_NAMES: Mapping[str, str] = DRAFT_KIND_NAMES

TONE_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "friendly": N_("Friendly"),
        "firm": N_("Firm"),
        "final": N_("Final notice"),
        "platform_dispute": N_("Platform dispute"),
    }
)
TONE_EMOJI: Mapping[str, str] = MappingProxyType(
    {"friendly": "🙂", "firm": "✋", "final": "⚠️", "platform_dispute": "⚖️"}
)
# From gentlest to firmest: a tone asked for on a kind that lacks it falls back to the firmest one it has below.
TONE_ORDER: tuple[str, ...] = ("friendly", "firm", "final", "platform_dispute")

# Language names in the member's interface language (the select shows each language in its own name too).
LANGUAGE_LABELS: Mapping[str, str] = MappingProxyType(
    {"en": N_("English"), "ar": N_("Arabic"), "fi": N_("Finnish"), "ru": N_("Russian")}
)

FIELD_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "client_name": N_("Client's name"),
        "project": N_("Project"),
        "invoice_number": N_("Invoice number"),
        "amount": N_("Amount"),
        "currency": N_("Currency"),
        "due_date": N_("Due date"),
        "unpaid_items": N_("Unpaid deliveries"),
        "deposit_percent": N_("Deposit (%)"),
        "changes": N_("What you changed, and why"),
        "kept": N_("What you kept, and why"),
        "revisions_included": N_("Revision rounds included"),
        "extra_price": N_("Extra price"),
        "new_scope": N_("The additional work"),
        "extra_days": N_("Extra working days"),
        "working_hours": N_("Your working hours"),
        "response_hours": N_("Response time (hours)"),
        "channel": N_("Preferred channel"),
        "call_date": N_("Date of the call"),
        "agreed": N_("What you agreed"),
        "next_steps": N_("Next steps"),
        "start_date": N_("Planned start date"),
        "next_topic": N_("Work topic to return to"),
        "last_day": N_("Last working day"),
        "handover": N_("What you'll hand over"),
    }
)
# Labels that read differently in one kind.
KIND_FIELD_LABELS: Mapping[tuple[str, str], str] = MappingProxyType(
    {
        ("revision_limit", "extra_price"): N_("Price per extra round"),
        ("change_order", "extra_price"): N_("Price of the extra work"),
    }
)

# Descriptions under each label (at most 100 characters); {example} is shown the way the draft language writes it.
FIELD_HELP: Mapping[str, str] = MappingProxyType(
    {
        "client_name": N_("As you'd greet them: a first name or the company."),
        "project": N_("Optional. The project this message is about."),
        "invoice_number": N_("Optional. As printed on the invoice."),
        "amount": N_("The amount still owed, for example {example}."),
        "currency": N_("Three-letter code: EUR, USD, GBP, RUB, SAR…"),
        "due_date": N_("When payment was due, for example {example}."),
        "unpaid_items": N_("Optional. How many deliveries are still unpaid."),
        "deposit_percent": N_("Paid up front before each new task. Leave empty for 50."),
        "changes": N_("One change per line, each with its reason."),
        "kept": N_("Optional. One point per line, each with its reason."),
        "revisions_included": N_("As agreed in your quote or contract, for example 2."),
        "extra_price": N_("Optional. Leave empty to say you'll send a quote."),
        "new_scope": N_("One item per line: what the client newly asked for."),
        "extra_days": N_("Optional. How many working days the delivery moves."),
        "working_hours": N_("Days and hours, with your time zone."),
        "response_hours": N_("Optional. How soon you usually reply on working days."),
        "channel": N_("Optional. For example e-mail or the project board."),
        "call_date": N_("Optional, for example {example}."),
        "agreed": N_("One point per line."),
        "next_steps": N_("Optional. Who does what, one step per line."),
        "start_date": N_("Optional, for example {example}."),
        "next_topic": N_("Optional. The next work item you want to discuss."),
        "last_day": N_("Optional, for example {example}."),
        "handover": N_("Optional. Files, access and notes, one per line."),
    }
)
KIND_FIELD_HELP: Mapping[tuple[str, str], str] = MappingProxyType(
    {
        ("change_order", "extra_price"): N_("On top of the budget, like {example}, or hours × rate, like 12 × 50."),
        # Optional on the form, but a price needs one: say so before the member submits.
        ("revision_limit", "currency"): N_("Needed only if you give a price: EUR, USD, GBP, RUB, SAR…"),
    }
)

# Examples in the way each draft language writes amounts and dates (the parser reads these in that language).
AMOUNT_EXAMPLES: Mapping[str, str] = MappingProxyType(
    {"en": "1,200.50", "ar": "1200.50", "fi": "1 200,50", "ru": "1 200,50"}
)
DATE_EXAMPLES: Mapping[str, str] = MappingProxyType(
    {"en": "Dec 1, 2026", "ar": "1/12/2026", "fi": "1.12.2026", "ru": "01.12.2026"}
)
WORDY_DATE_EXAMPLES: Mapping[str, str] = MappingProxyType(
    {"en": "1 December 2026", "ar": "1 ديسمبر 2026", "fi": "1. joulukuuta 2026", "ru": "1 декабря 2026"}
)


def field_label(t: Translations, kind: str, field_id: str) -> str:
    """The field's name in the member's interface language."""
    msgid = KIND_FIELD_LABELS.get((kind, field_id)) or FIELD_LABELS.get(field_id)
    return t.gettext(msgid) if msgid else field_id


def field_help(t: Translations, kind: str, field_id: str, draft_lang: str) -> str:
    """The line under a field's label, with examples written the way the draft language writes them."""
    msgid = KIND_FIELD_HELP.get((kind, field_id)) or FIELD_HELP.get(field_id, "")
    if not msgid:
        return ""
    field = DRAFT_SPECS[kind].field(field_id)
    example = AMOUNT_EXAMPLES[draft_lang] if field.kind == "amount" else DATE_EXAMPLES[draft_lang]
    return t.gettext(msgid, example=example) if "{example}" in msgid else t.gettext(msgid)


def kind_name(t: Translations, kind: str) -> str:
    """A kind's name in the member's interface language."""
    return t.gettext(KIND_NAMES[kind])


def tone_name(t: Translations, tone: str) -> str:
    """A tone's name in the member's interface language."""
    return t.gettext(TONE_NAMES[tone])


def language_label(t: Translations, lang: str) -> str:
    """A draft language's name in the member's interface language."""
    return t.gettext(LANGUAGE_LABELS[lang])


def fitting_tone(kind: str, wanted: str | None, *, platform: bool = True) -> str | None:
    """The tone to draft in: the one asked for if it applies, else the firmest that applies below it, else default."""
    spec = DRAFT_SPECS[kind]
    tones = spec.tones_for(platform=platform)
    if not tones:
        return None
    if wanted in tones:
        return wanted
    if wanted in TONE_ORDER:
        rank = TONE_ORDER.index(wanted)
        below = [tone for tone in tones if TONE_ORDER.index(tone) <= rank]
        if below:
            return below[-1]
    return spec.default_tone


def input_error(t: Translations, error: DraftInputError, kind: str, draft_lang: str) -> str:
    """A kind, specific message for a field the member must fix, naming the field in their language."""
    label = field_label(t, kind, error.field)
    match error.code:
        case codes.REQUIRED if not _required_on_form(kind, error.field):
            return t.gettext(
                "**{field}** is needed once you give a price. Please fill it in, or leave the price empty.",
                field=label,
            )
        case codes.REQUIRED:
            return t.gettext("**{field}** is needed for this draft. Please fill it in.", field=label)
        case codes.TOO_LONG:
            return t.ngettext(
                "**{field}** is too long: please keep it to {count} character.",
                "**{field}** is too long: please keep it to {count} characters.",
                error.limit or 0,
                field=label,
            )
        case codes.INVALID_AMOUNT:
            return t.gettext(
                "**{field}** doesn't look like an amount. Write it like {example}.",
                field=label,
                example=AMOUNT_EXAMPLES[draft_lang],
            )
        case codes.INVALID_CURRENCY:
            return t.gettext("**{field}** needs a three-letter currency code, like EUR, USD or RUB.", field=label)
        case codes.INVALID_DATE:
            return t.gettext(
                "**{field}** doesn't look like a date. Write it like {example}.",
                field=label,
                example=DATE_EXAMPLES[draft_lang],
            )
        case codes.AMBIGUOUS_DATE:
            return t.gettext(
                "**{field}** could mean two different days. Write the month as a word, like {example}.",
                field=label,
                example=WORDY_DATE_EXAMPLES[draft_lang],
            )
        case codes.INVALID_NUMBER:
            return t.gettext("**{field}** should be a whole number, like 3.", field=label)
        case codes.OUT_OF_RANGE:
            return _out_of_range(t, error, kind, label)
    return t.gettext("**{field}** can't be used as it is. Please check it.", field=label)


def _required_on_form(kind: str, field_id: str) -> bool:
    try:
        return DRAFT_SPECS[kind].field(field_id).required
    except KeyError:
        return True


def tone_note(t: Translations, asked: str | None, used: str | None) -> str | None:
    """Why the draft isn't in the tone the member asked for (None when it is, or when they asked for none)."""
    if asked is None or asked == used or asked not in TONE_NAMES:
        return None
    if used is None:
        return t.gettext(
            "“{tone}” doesn't apply to this kind of message: it is written in one tone only.",
            tone=tone_name(t, asked),
        )
    return t.gettext(
        "“{tone}” doesn't apply to this kind of message, so it is written in the “{used}” tone.",
        tone=tone_name(t, asked),
        used=tone_name(t, used),
    )


def _out_of_range(t: Translations, error: DraftInputError, kind: str, label: str) -> str:
    try:
        field = DRAFT_SPECS[kind].field(error.field)
    except KeyError:
        field = None
    if field is not None and field.kind == "int":
        low = field.min_value if field.min_value is not None else 0
        high = field.max_value if field.max_value is not None else error.limit or low
        return t.gettext(
            "**{field}** should be between {low} and {high}.", field=label, low=t.number(low), high=t.number(high)
        )
    return t.gettext("**{field}** should be more than zero.", field=label)
