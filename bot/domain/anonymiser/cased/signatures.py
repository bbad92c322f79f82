"""Lines whose layout says what each field is: the signature under a testimonial ("— Orla B., Director, Saltmarsh
Pottery (Kinsale)", "” – T. Tuomela, Tuomelan tila, Ypäjä") and the head of a list item ("- Tilitoimisto
Haapala, Seinäjoki (kysy Merjaa)", "- Laskentatoimisto Kuusi Ky / Raimo Tiainen, 06 414 2210"). In running text
a capitalised word at a sentence start proves nothing; here the dash and the commas do: the first field of a
signature is the one who signs, a field of capitalised words no vocabulary knows is the business, a last single
word or a word in brackets is the town. A field of everyday words ("Founder", "Managing Director") is a role.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Mention
from ..textutil import norm_key

if TYPE_CHECKING:
    from .finder import CasedFinder

P_LAYOUT = 52
_CAP = r"[A-ZÄÖÅА-ЯЁ]"
# A dash opening a line or closing a quotation, then the fields up to the end of the line.
_SIGNATURE_RE = re.compile(r"(?m)(?:^|(?<=[”\"»])[ \t]*\.?)[ \t]*[—–][ \t]*(?P<rest>" + _CAP + r"[^\n]*)$")
# A bullet or a number opening a line, then the fields.
_LIST_ITEM_RE = re.compile(r"(?m)^[ \t]*(?:[-•*]|\d{1,2}[.)])[ \t]+(?P<rest>" + _CAP + r"[^\n]*)$")
_FIELD_RE = re.compile(r"[^,()/\n–—]+")
# Words that may join the capitalised words of one name ("Ferrers & Bligh", "Auto ja Rengas", "Ernst and Young").
_JOINERS = {"&", "and", "ja", "и", "of", "de", "van", "von"}
_WORD_RE = re.compile(r"[^\W\d_][\w'’.\-]*|&")


def signature_fields(f: CasedFinder, text: str) -> list[Mention]:
    """ "— Orla B., Director, Saltmarsh Pottery (Kinsale)": Orla B. (person), Saltmarsh Pottery (org), Kinsale
    (place); "— Desmond Fairweather, Fairweather & Quill Joinery": the person and the business."""
    out: list[Mention] = []
    for m in _SIGNATURE_RE.finditer(text):
        fields = _fields(text, m.start("rest"), m.end("rest"))
        if len(fields) < 2 or not _names_shape(f, text[fields[0][0] : fields[0][1]], person=True):
            continue
        out.append(_mention(text, fields[0], "person"))
        out += _later_fields(f, text, fields[1:])
    return out


def list_item_heads(f: CasedFinder, text: str) -> list[Mention]:
    """ "- Tilitoimisto Haapala, Seinäjoki (kysy Merjaa)": the business and its town; "1. Priya Nandakumar – ex-..."
    the person; "- Laskentatoimisto Kuusi Ky / Raimo Tiainen, 06 ...": the business and the person. The head must
    have a capitalised word no vocabulary knows ("- Invoice template, free" and "1. Ask for a deposit" stay)."""
    out: list[Mention] = []
    for m in _LIST_ITEM_RE.finditer(text):
        fields = _fields(text, m.start("rest"), m.end("rest"))
        if len(fields) < 2 or not _names_shape(f, text[fields[0][0] : fields[0][1]]):
            continue
        head = text[fields[0][0] : fields[0][1]]
        out.append(_mention(text, fields[0], "person" if _person_like(f, head) else "org"))
        out += _later_fields(f, text, fields[1:])
    return out


def _fields(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The fields of a line between commas, slashes, dashes and brackets, trimmed."""
    out = []
    for m in _FIELD_RE.finditer(text, start, end):
        s, e = m.start(), m.end()
        while s < e and text[s] in ' \t"”»«.':
            s += 1
        while e > s and text[e - 1] in ' \t"”»«':
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _names_shape(f: CasedFinder, field: str, person: bool = False) -> bool:
    """One to four words, the first capitalised (initials count, joiners may stand between), and a capitalised one no
    vocabulary or platform list knows."""
    words = _WORD_RE.findall(field)
    if not 1 <= len(words) <= 6 or len(field) > 60 or len(_WORD_RE.sub("", field).strip(" ")) > 0:
        return False
    names = [w for w in words if w.lower() not in _JOINERS]
    if not 1 <= len(names) <= 4 or not names[0][:1].isupper():
        return False
    # "Tuomelan tila", "Kahvila Mustikka": after a capital a business's words may be lower-case; a person's may not.
    if person and (len(names) < 2 or not all(w[:1].isupper() for w in names)):
        return False
    return any(w[:1].isupper() and _unknown(f, w) for w in names)


def _unknown(f: CasedFinder, word: str) -> bool:
    w = word.rstrip(".")
    if len(w) <= 1:
        return False  # an initial
    return not f.ordinary(w) and norm_key(w) not in f.lex.platforms | f.lex.common | f.lex.calendar


def _person_like(f: CasedFinder, field: str) -> bool:
    """ "Priya Nandakumar", "Kaisu Rämö": a listed first name, then one or two more capitalised words."""
    names = [w for w in _WORD_RE.findall(field) if w.lower() not in _JOINERS]
    return 2 <= len(names) <= 3 and f.is_first_name(names[0])


def _later_fields(f: CasedFinder, text: str, fields: list[tuple[int, int]]) -> list[Mention]:
    """After the first field: a role of everyday words is skipped; a last single word, or a word in brackets, that is
    a town or unknown is the place; a person after a slash; other unknown capitalised fields are the business."""
    out = []
    for i, (s, e) in enumerate(fields):
        field = text[s:e]
        if text[:s].rstrip().endswith("/") and _person_like(f, field):
            out.append(_mention(text, (s, e), "person"))
            continue
        if not _names_shape(f, field) and not (_single_cap(field) and f.is_place(field)):
            continue
        bracketed = text[:s].rstrip().endswith("(") or text[e:].lstrip().startswith(")")
        last = i == len(fields) - 1
        if _single_cap(field) and (f.is_place(field) or bracketed or last):
            out.append(_mention(text, (s, e), "place"))
        elif not _single_cap(field) or not bracketed:
            out.append(_mention(text, (s, e), "org"))
    return out


def _single_cap(field: str) -> bool:
    return re.fullmatch(_CAP + r"[\w'’\-]+", field) is not None


def _mention(text: str, span: tuple[int, int], typ: str) -> Mention:
    s, e = span
    return Mention(s, e, typ, norm_key(text[s:e]), P_LAYOUT)
