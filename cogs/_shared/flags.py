"""The review step as members and moderators see it: the flagged words, and a select that takes any of them out.

Flags are read from the anonymised text (review.flags), so what a card shows is always what is still in the text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import discord

from parley.domain.anonymiser import SPAN_TYPES, Anonymiser, Span
from parley.domain.anonymiser.review import Flag, by_confidence, flags, take_out, take_out_phrases
from parley.domain.errors import N_, InvalidInput
from parley.domain.safe_text import user_text
from parley.i18n import Translations
from parley.i18n.bidi import isolate

if TYPE_CHECKING:
    from parley.services import Services

# Discord shows at most 25 options in a select.
MAX_OPTIONS = 25
KIND_LABELS = {
    "person": N_("may be a name"),
    "org": N_("may be a company"),
    "place": N_("may be a place"),
    "handle": N_("may be a username"),
    "number": N_("may be an account or document number"),
}


def flags_of(anon: Anonymiser, text: str, lang: str, title: str | None = None) -> tuple[Flag, ...]:
    """The flags of a text and its title, each word group once, likeliest first. All of them: the list and the
    select show MAX_OPTIONS and say how many more there are."""
    return by_confidence((*(flags(anon, title, lang) if title else ()), *flags(anon, text, lang)))


def flag_list(t: Translations, found: Sequence[Flag]) -> str | None:
    """ "**Devorah** ×2, **SLC** and 3 more": the likeliest flagged words, inert and isolated, and how many more
    there are (None when there are none)."""
    if not found:
        return None
    shown = ", ".join(
        f"**{isolate(user_text(f.words))}**" + (f" ×{t.number(f.count)}" if f.count > 1 else "")
        for f in found[:MAX_OPTIONS]
    )
    more = len(found) - MAX_OPTIONS
    if more <= 0:
        return shown
    return shown + " " + t.ngettext("and {count} more", "and {count} more", more)


def more_note(t: Translations, found: Sequence[Flag]) -> str:
    """Under a select cut at MAX_OPTIONS: how many flagged words it could not hold and where they go ('' if none)."""
    more = len(found) - MAX_OPTIONS
    if more <= 0:
        return ""
    return t.ngettext(
        "The list holds the {shown} likeliest; {count} more show up once you have dealt with these.",
        "The list holds the {shown} likeliest; {count} more show up once you have dealt with these.",
        more,
        shown=t.number(MAX_OPTIONS),
    )


def flags_note(services: Services, t: Translations, text: str, lang: str, title: str | None = None) -> str:
    """What moderators read under a pending submission: the words still flagged, or nothing ('')."""
    found = flags_of(services.component(Anonymiser.load), text, lang, title)
    if not found:
        return ""
    return f"🔎 **{t.gettext('Still flagged')}:** {flag_list(t, found)}\n-# " + t.gettext(
        "Redact offers these words first; leave them if they identify no one."
    )


def flag_select(t: Translations, found: Sequence[Flag], *, custom_id: str | None = None) -> discord.ui.Select:
    """A multi-value select of the flags: each option removes its word everywhere when picked."""
    select: discord.ui.Select = discord.ui.Select(
        placeholder=t.gettext("Remove any of these words…")[:150],
        min_values=1,
        max_values=min(len(found), MAX_OPTIONS),
        options=[
            discord.SelectOption(label=f.words[:100], value=f.value[:100], description=_describe(t, f))
            for f in found[:MAX_OPTIONS]
        ],
    )
    if custom_id:
        select.custom_id = custom_id
    return select


def _describe(t: Translations, flag: Flag) -> str:
    """ "may be a name" or "may be a name · ×3": the kind, and how often the word occurs when more than once."""
    kind = t.gettext(KIND_LABELS[flag.type])
    return (kind if flag.count < 2 else f"{kind} · ×{t.number(flag.count)}")[:100]


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


class NothingToRedact(InvalidInput):
    """None of the phrases is in the text."""

    message = N_("None of those phrases are in the text. Copy them exactly as they appear, one per line.")


class RedactFields:
    """The two fields of a Redact form: the flagged words to pick (offered first) and phrases to paste.

    `apply` takes the picked words out as placeholders of their kind (numbered after those already there) and the
    pasted phrases out as the redaction mark, in the text and the title alike.
    """

    def __init__(self, t: Translations, found: Sequence[Flag]) -> None:
        self.select: discord.ui.Select | None = None
        self.flag_count = len(found)
        if found:
            self.select = flag_select(t, found)
            self.select.min_values = 0
            self.select.required = False
        self.phrases = discord.ui.TextInput(
            style=discord.TextStyle.paragraph,
            placeholder=t.gettext("One phrase per line, exactly as it appears")[:100],
            max_length=1000,
            required=found == (),
        )
        self.t = t

    def labels(self) -> list[discord.ui.Label]:
        out = []
        if self.select is not None:
            more = self.flag_count - MAX_OPTIONS
            description = (
                self.t.ngettext(
                    "The {shown} likeliest; paste any of the {count} others below.",
                    "The {shown} likeliest; paste any of the {count} others below.",
                    more,
                    shown=self.t.number(MAX_OPTIONS),
                )
                if more > 0
                else self.t.gettext("Each word you pick is replaced everywhere.")
            )
            out.append(
                discord.ui.Label(
                    text=self.t.gettext("Still flagged")[:45], description=description[:100], component=self.select
                )
            )
        out.append(
            discord.ui.Label(
                text=self.t.gettext("What to remove")[:45],
                description=self.t.gettext("Each phrase is replaced in the text and the title.")[:100],
                component=self.phrases,
            )
        )
        return out

    def apply(self, text: str, title: str | None, lang: str, mark: str) -> tuple[str, str | None, int]:
        """The text and title with the picks and phrases taken out, and how many passages went."""
        picks = picked(self.select.values) if self.select is not None else []
        lines = (self.phrases.value or "").splitlines()
        if not picks and not any(len(line.strip()) >= 2 for line in lines):
            raise InvalidInput(N_("Pick a flagged word or paste a phrase to remove."))
        count = 0
        if picks:
            # The title is taken out together with the text, so one word gets one placeholder in both.
            joined, count = take_out(f"{title}\n{text}" if title else text, picks, lang)
            title, text = joined.split("\n", 1) if title else (None, joined)
        text, n = take_out_phrases(text, lines, mark)
        count += n
        if title:
            title, n = take_out_phrases(title, lines, mark)
            count += n
        if count == 0:
            raise NothingToRedact()
        return text, title, count
