"""Carry a member's typed values from one draft language to another without changing what they mean.

The domain reads "1,200" as twelve hundred in English and as 1.2 in Finnish, so when the member switches the
draft's language, amounts and dates are rewritten in a form every language reads the same way ("1200",
"2026-12-01"). Everything else stays exactly as typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from parley.domain.drafts import DRAFT_SPECS, DraftInputError, parse_amount, parse_date

_COMMA_DECIMAL = frozenset({"fi", "ru"})


def neutral_amount(value: Decimal, lang: str) -> str:
    """An amount without grouping, read identically by `parse_amount` in `lang` ("1200", "1200.5" / "1200,5")."""
    if value == value.to_integral_value():
        return str(int(value))
    text = format(value.normalize(), "f")
    return text.replace(".", ",") if lang in _COMMA_DECIMAL else text


def carry_values(kind: str, values: Mapping[str, str], from_lang: str, to_lang: str) -> dict[str, str]:
    """The values as the member would type them for `to_lang`; a field that doesn't parse is left as typed."""
    if from_lang == to_lang:
        return dict(values)
    spec = DRAFT_SPECS[kind]
    carried = dict(values)
    for field in spec.fields:
        text = values.get(field.id)
        if not text:
            continue
        try:
            if field.kind == "amount":
                carried[field.id] = neutral_amount(parse_amount(text, from_lang), to_lang)
            elif field.kind == "date":
                carried[field.id] = parse_date(text, from_lang).isoformat()
        except DraftInputError:
            continue  # the member will be asked to fix it when the draft renders
    return carried
