"""Placeholder labels per language: the one table to edit when wording changes."""

from __future__ import annotations

# (label for the first entity of the type, label pattern for the n-th entity, n >= 2).
# For persons the first entity is the main person of the story (the client).
LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "person": ("client", "person {n}"),
        "org": ("company", "company {n}"),
        "place": ("place", "place {n}"),
        "email": ("email", "email {n}"),
        "phone": ("phone", "phone {n}"),
        "url": ("link", "link {n}"),
        "handle": ("handle", "handle {n}"),
        "number": ("number", "number {n}"),
    },
    "ar": {
        "person": ("العميل", "شخص {n}"),
        "org": ("الشركة", "شركة {n}"),
        "place": ("المكان", "مكان {n}"),
        "email": ("البريد", "بريد {n}"),
        "phone": ("الهاتف", "هاتف {n}"),
        "url": ("الرابط", "رابط {n}"),
        "handle": ("الحساب", "حساب {n}"),
        "number": ("الرقم", "رقم {n}"),
    },
    "fi": {
        "person": ("asiakas", "henkilö {n}"),
        "org": ("yritys", "yritys {n}"),
        "place": ("paikka", "paikka {n}"),
        "email": ("sähköposti", "sähköposti {n}"),
        "phone": ("puhelin", "puhelin {n}"),
        "url": ("linkki", "linkki {n}"),
        "handle": ("käyttäjänimi", "käyttäjänimi {n}"),
        "number": ("numero", "numero {n}"),
    },
    "ru": {
        "person": ("заказчик", "человек {n}"),
        "org": ("компания", "компания {n}"),
        "place": ("место", "место {n}"),
        "email": ("почта", "почта {n}"),
        "phone": ("телефон", "телефон {n}"),
        "url": ("ссылка", "ссылка {n}"),
        "handle": ("ник", "ник {n}"),
        "number": ("номер", "номер {n}"),
    },
}


def placeholder(lang: str, span_type: str, index: int) -> str:
    """Bracketed label for the index-th (1-based) entity of span_type in lang."""
    first, nth = LABELS.get(lang, LABELS["en"])[span_type]
    return f"[{first}]" if index == 1 else "[" + nth.format(n=index) + "]"


# What a moderator's Redact puts in place of a pasted phrase (the phrase may be anything, so no kind is known).
REDACTED = {"en": "[removed]", "fi": "[poistettu]", "ru": "[удалено]", "ar": "[محذوف]"}


def redaction_mark(lang: str) -> str:
    """The placeholder Redact puts in for a pasted phrase, in the text's language."""
    return REDACTED.get(lang, REDACTED["en"])
