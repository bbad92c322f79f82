"""The review step as members and moderators see it: the flagged words, and a select that takes any of them out.

Flags are read from the anonymised text (review.flags), so what a card shows is always what is still in the text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import discord

from parley.domain.anonymiser import SPAN_TYPES, Anonymiser, Span
from parley.domain.anonymiser.review import Flag, flags
from parley.domain.errors import N_
from parley.domain.safe_text import user_text
from parley.i18n import Translations
from parley.i18n.bidi import isolate

# Discord shows at most 25 options in a select.
MAX_OPTIONS = 25
KIND_LABELS = {
    "person": N_("may be a name"),
    "org": N_("may be a company"),
    "place": N_("may be a place"),
    "handle": N_("may be a username"),
}


def flags_of(anon: Anonymiser, text: str, lang: str, title: str | None = None) -> tuple[Flag, ...]:
    """The flags of a text and its title, each word group once (title first, as it is read first)."""
    seen: set[str] = set()
    out = []
    for f in (*(flags(anon, title, lang) if title else ()), *flags(anon, text, lang)):
        if f.value.casefold() not in seen:
            seen.add(f.value.casefold())
            out.append(f)
    return tuple(out[:MAX_OPTIONS])


def flag_list(found: Sequence[Flag]) -> str | None:
    """ "**Devorah**, **SLC**": the flagged words, inert and isolated (None when there are none)."""
    if not found:
        return None
    return ", ".join(f"**{isolate(user_text(f.words))}**" for f in found)


def flag_select(t: Translations, found: Sequence[Flag], *, custom_id: str | None = None) -> discord.ui.Select:
    """A multi-value select of the flags: each option removes its word everywhere when picked."""
    kwargs = {"custom_id": custom_id} if custom_id else {}
    return discord.ui.Select(
        placeholder=t.gettext("Remove any of these words…")[:150],
        min_values=1,
        max_values=min(len(found), MAX_OPTIONS),
        options=[
            discord.SelectOption(label=f.words[:100], value=f.value[:100], description=t.gettext(KIND_LABELS[f.type]))
            for f in found[:MAX_OPTIONS]
        ],
        **kwargs,
    )


def picked(values: Sequence[str]) -> list[Flag]:
    """The flags a select's values stand for (values no flag has are ignored)."""
    return [f for f in (Flag.parse(v) for v in values) if f is not None]


def removed_counts(spans: Iterable[Span]) -> tuple[tuple[str, int], ...]:
    """How many details of each type the anonymiser removed, in the anonymiser's order of types."""
    counts = Counter(s.type for s in spans)
    return tuple((typ, counts[typ]) for typ in SPAN_TYPES if counts[typ])


def removed_line(t: Translations, removed: Sequence[tuple[str, int]]) -> str | None:
    """ "2 names and 1 email": what the anonymiser removed, counted per type (None when nothing)."""
    parts = [_removed_part(t, kind, n) for kind, n in removed if n > 0]
    return t.join(parts) if parts else None


def _removed_part(t: Translations, kind: str, n: int) -> str:
    # One ngettext call per type, with literal msgids, so the catalogs get every plural form (Arabic: six).
    if kind == "person":
        return t.ngettext("{count} name", "{count} names", n)
    if kind == "org":
        return t.ngettext("{count} company", "{count} companies", n)
    if kind == "place":
        return t.ngettext("{count} place", "{count} places", n)
    if kind == "email":
        return t.ngettext("{count} email address", "{count} email addresses", n)
    if kind == "phone":
        return t.ngettext("{count} phone number", "{count} phone numbers", n)
    if kind == "url":
        return t.ngettext("{count} link", "{count} links", n)
    if kind == "handle":
        return t.ngettext("{count} username", "{count} usernames", n)
    if kind == "number":
        return t.ngettext("{count} account or document number", "{count} account or document numbers", n)
    return t.ngettext("{count} other detail", "{count} other details", n)
