"""Credit lines under a photo or an article: "Photo: Ilse Varhaug / Nordlys Tidende", "kuvaus Antti X / Yle",
"Фото: Милена Загорулько / Приволжские вести", "REUTERS/David Ryder". The photographer is a person the finders
already take; the agency or paper after (or before) the slash is an organisation, even one so well known that no
rule would remove it alone ("Yle", "Reuters"): beside the photographer's name it says who took the picture, for
whom. The label itself ("Photo", "Kuva") is no name.
"""

from __future__ import annotations

import re

from ..model import Mention
from ..textutil import norm_key

P_CREDIT = 58
_LABELS = (
    "photo|photos|image|picture|credit|credits|source|text|words|kuva|kuvat|kuvaus|kuvaaja|teksti|lähde"
    "|фото|фотография|текст|источник|автор"
)
_NAME = r"[^\W\d_][\w'’.-]*(?: [^\W\d_][\w'’.-]*){0,3}"
# Label, the name, a slash, the organisation (capitalised words up to the end of the line or a punctuation mark).
_CREDIT_RE = re.compile(
    rf"(?<!\w)(?P<label>{_LABELS})(?::\s*|\s+)(?P<name>{_NAME})\s*/\s*(?P<org>[A-ZÄÖА-ЯЁ][\w'’-]*(?: [\w'’-]+){{0,3}}?)"
    r"(?=\s*(?:$|[\n.,;)\"”»]|/))",
    re.IGNORECASE | re.MULTILINE,
)
# "REUTERS/David Ryder", "Lehtikuva/Markku Ulander": the agency in capitals or one word, glued to the slash.
_AGENCY_FIRST_RE = re.compile(
    r"(?<![\w/])(?P<org>[A-ZÄÖА-ЯЁ][\w-]{2,})/(?P<name>[A-ZÄÖА-ЯЁ][\w'’-]+ [A-ZÄÖА-ЯЁ][\w'’-]+)"
)


def credit_line_orgs(text: str) -> list[Mention]:
    """ "Photo: Ilse Varhaug / Nordlys Tidende" -> "Nordlys Tidende"; "REUTERS/David Ryder" -> "REUTERS"."""
    out = []
    agency_first = {m.start() for m in _AGENCY_FIRST_RE.finditer(text)}
    for m in _CREDIT_RE.finditer(text):
        if m.group("org")[:1].isupper() and m.start("name") not in agency_first:
            out.append(Mention(m.start("org"), m.end("org"), "org", norm_key(m.group("org")), P_CREDIT))
    for m in _AGENCY_FIRST_RE.finditer(text):
        out.append(Mention(m.start("org"), m.end("org"), "org", norm_key(m.group("org")), P_CREDIT))
    return out


def credit_labels(text: str) -> list[tuple[int, int]]:
    """Where the labels of credit lines stand ("Photo" in "Photo: Ilse Varhaug / ..."), which no rule may remove."""
    return [(m.start("label"), m.end("label")) for m in _CREDIT_RE.finditer(text)]
