"""Render a message draft from its template, in the client's language, from the values a member typed."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2

from parley.domain.cases import CaseFacts, change_order_impact
from parley.domain.drafts import formatting
from parley.domain.drafts.errors import OUT_OF_RANGE, REQUIRED, TOO_LONG, DraftInputError
from parley.domain.drafts.layout import HARD_BREAK, compose
from parley.domain.drafts.parsing import parse_amount, parse_currency, parse_date, parse_int
from parley.domain.drafts.samples import sample_values as _sample_values
from parley.domain.drafts.sanitize import neutralise, normalise_text, one_line, split_items
from parley.domain.drafts.specs import DRAFT_LANGS, DRAFT_SPECS, MESSAGE_LIMIT, DraftField, DraftKind
from parley.resources import package_dir

log = logging.getLogger(__name__)

TEMPLATES_DIR = package_dir("parley.templates")
FSI, PDI = "\u2068", "\u2069"
# "12 × 50", "12.5 h x 48", "8 ч * 40", "10 tuntia × 45": a change order priced as hours × rate.
_HOURS_RATE = re.compile(
    r"^\s*(?P<hours>\d[\d\s.,٫٬]*?)\s*(?:h|hrs?|hours?|t|tuntia?|ч|час(?:а|ов)?|ساعات|ساعة)?\.?\s*[x×*]\s*(?P<rate>.+?)\s*$",
    re.IGNORECASE,
)
_INVOICE_PREFIX = re.compile(r"^(?:#|№|n[o°º]\.?|nro\.?|nr\.?|rakm|رقم)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Draft:
    """A rendered draft: plain text the member copies, and the guide sections it follows (shown beside it)."""

    kind: str
    lang: str
    tone: str | None
    text: str
    source: str

    @property
    def fits_message(self) -> bool:
        """True when the text fits one message's code block; otherwise send it as a .txt attachment."""
        return len(self.text) <= MESSAGE_LIMIT


class DraftRenderer:
    """Renders `templates/drafts/<lang>/<kind>.txt.j2`; the Jinja environment is built on first use and caches."""

    def __init__(self, templates_dir: Path | None = None) -> None:
        self.templates_dir = templates_dir or TEMPLATES_DIR
        self._env: jinja2.Environment | None = None

    @property
    def env(self) -> jinja2.Environment:
        """The Jinja environment (plain text: no autoescape; undefined names fail loudly)."""
        if self._env is None:
            self._env = jinja2.Environment(
                loader=jinja2.FileSystemLoader(self.templates_dir),
                undefined=jinja2.StrictUndefined,
                autoescape=False,  # noqa: S701 - plain text for an e-mail, not HTML; member text is sanitised
                trim_blocks=True,
                lstrip_blocks=True,
                keep_trailing_newline=False,
                auto_reload=False,
            )
        return self._env

    def render(
        self,
        kind: str,
        lang: str,
        tone: str | None,
        values: Mapping[str, str | None],
        today: date | None = None,
        facts: CaseFacts | None = None,
    ) -> Draft:
        """Render one draft; DraftInputError for a field the member must fix, ValueError for a caller bug.

        `today` places dates typed without a year ("1 ноября"); it defaults to the current UTC date. `facts` (a
        draft written from a case) lets the template quote earlier steps, count days overdue and add a late fee.
        """
        spec = _spec(kind)
        if lang not in DRAFT_LANGS:
            raise ValueError(f"unknown draft language {lang!r}")
        resolved_tone = _tone(spec, tone)
        unknown = set(values) - {f.id for f in spec.fields}
        if unknown:
            raise ValueError(f"unknown fields for {kind}: {sorted(unknown)}")
        facts = facts or CaseFacts()
        context = prepare_values(spec, lang, values, today, agreed=facts.agreed)
        currency = str(values.get("currency") or "").strip().upper() or None
        template = self.env.get_template(f"drafts/{lang}/{kind}.txt.j2")
        rendered = template.render(
            tone=resolved_tone,
            lang=lang,
            br=HARD_BREAK,
            plural=formatting.make_plural(lang),
            percent=lambda value: formatting.percent(value, lang),
            number=lambda value: formatting.number(value, lang),
            earlier=[formatting.long_date(day, lang, currency) for day in facts.earlier],
            overdue_days=facts.overdue_days,
            late_fee=facts.late_fee,
            **context,
        )
        text = compose(rendered)
        log.debug("rendered draft %s/%s/%s: %s characters", kind, lang, resolved_tone, len(text))
        return Draft(kind, lang, resolved_tone, text, spec.source)

    def sample_values(self, kind: str, lang: str) -> dict[str, str]:
        """Realistic values for every field of `kind`, written as a member in `lang` would type them."""
        _spec(kind)
        return _sample_values(kind, lang)


def _spec(kind: str) -> DraftKind:
    try:
        return DRAFT_SPECS[kind]
    except KeyError:
        raise ValueError(f"unknown draft kind {kind!r}") from None


def _tone(spec: DraftKind, tone: str | None) -> str | None:
    if tone is None:
        return spec.default_tone
    if tone not in spec.tones:
        raise ValueError(f"{spec.id} has no tone {tone!r} (tones: {spec.tones})")
    return tone


def _isolate(text: str, lang: str) -> str:
    """In Arabic, wrap a value in FSI/PDI when it could reorder the sentence around it.

    That is any value with Latin letters ("INV-2026-041", a Latin name), and a value of digits without any
    Arabic letter ("9:00–17:00", which an Arabic paragraph would otherwise show as "17:00–9:00"). Arabic text
    with numbers in it is left alone: it already reads right to left.
    """
    if lang != "ar" or not text:
        return text
    classes = {unicodedata.bidirectional(c) for c in text}
    if "L" in classes or ("EN" in classes and not classes & {"AL", "R"}):
        return f"{FSI}{text}{PDI}"
    return text


def prepare_values(
    spec: DraftKind,
    lang: str,
    values: Mapping[str, str | None],
    today: date | None = None,
    *,
    agreed: Decimal | None = None,
) -> dict[str, Any]:
    """Validate and format every field of `spec` for its template; absent optional fields become ""/[]/None.

    A change order's price may be typed as hours × rate: the template then shows both and their product, and the
    project's new total when the agreed total is known (`agreed`, from a case).
    """
    context: dict[str, Any] = {"extra_hours": None, "extra_rate": None, "new_total": None}
    amounts: dict[str, Decimal] = {}
    hours_rate: tuple[Decimal, Decimal] | None = None
    dates: dict[str, date] = {}
    for field in spec.fields:
        text = normalise_text(str(values.get(field.id) or ""))
        if not text and field.default is not None:
            text = field.default
        if len(text) > field.max_len:
            raise DraftInputError(field.id, TOO_LONG, field.max_len)
        if field.id == "invoice_number":
            text = _INVOICE_PREFIX.sub("", text).strip()
        if not text:
            if field.required:
                raise DraftInputError(field.id, REQUIRED)
            context[field.id] = _empty(field)
            continue
        try:
            split = _hours_times_rate(text, lang) if spec.id == "change_order" and field.id == "extra_price" else None
            if split is not None:
                hours_rate = split
                parsed = change_order_impact(*split).extra
            else:
                parsed = _parse(field, text, lang, today)
        except DraftInputError as error:
            raise error.with_field(field.id) from None
        if parsed in ("", []):  # only bullets or punctuation were typed
            if field.required:
                raise DraftInputError(field.id, REQUIRED)
            parsed = _empty(field)
        if isinstance(parsed, Decimal):
            amounts[field.id] = parsed
        if isinstance(parsed, date):
            dates[field.id] = parsed
        context[field.id] = parsed
    currency = context.get("currency")
    for field_id, amount in amounts.items():
        if not currency:
            raise DraftInputError("currency", REQUIRED)
        context[field_id] = formatting.money(amount, currency, lang)
    if hours_rate is not None and currency:
        context["extra_hours"] = formatting.number(hours_rate[0], lang)
        context["extra_rate"] = formatting.money(hours_rate[1], currency, lang)
    if spec.id == "change_order" and agreed is not None and currency and "extra_price" in amounts:
        context["new_total"] = formatting.money(agreed + amounts["extra_price"], currency, lang)
    for field_id, day in dates.items():  # after the currency: it tells an Arabic client's month names
        context[field_id] = formatting.long_date(day, lang, currency or None)
    return context


def _hours_times_rate(text: str, lang: str) -> tuple[Decimal, Decimal] | None:
    """(hours, rate) when a price is typed as hours × rate; None for a plain amount."""
    match = _HOURS_RATE.match(text)
    if match is None:
        return None
    hours = parse_amount(match["hours"].strip(), lang)
    rate = parse_amount(match["rate"], lang)
    if hours <= 0 or rate <= 0:
        raise DraftInputError("extra_price", OUT_OF_RANGE)
    return hours, rate


def _empty(field: DraftField) -> Any:
    if field.kind == "paragraph":
        return []
    if field.kind == "int":
        return None
    return ""


def _parse(field: DraftField, text: str, lang: str, today: date | None) -> Any:
    match field.kind:
        case "text":
            return _isolate(neutralise(one_line(text)), lang)
        case "paragraph":
            return [_isolate(neutralise(item), lang) for item in split_items(text)]
        case "int":
            count = parse_int(text)
            low = field.min_value if field.min_value is not None else 0
            high = field.max_value if field.max_value is not None else 10**6
            if not low <= count <= high:
                raise DraftInputError(field.id, OUT_OF_RANGE, high)
            return count
        case "amount":
            amount = parse_amount(text, lang)
            if amount <= 0:
                raise DraftInputError(field.id, OUT_OF_RANGE)
            return amount
        case "currency":
            return parse_currency(text)
        case "date":
            return parse_date(text, lang, today)
    raise ValueError(f"unknown field kind {field.kind!r}")  # pragma: no cover - Literal keeps this unreachable
