"""Street addresses in English, Finnish and Russian; the whole address is one place span."""

from __future__ import annotations

import re

from ..lexicon import Lexicon
from ..model import Mention
from ..textutil import norm_key
from .base import P_ADDRESS, money_or_unit, trim

_EN_STREET = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Drive|Dr|Boulevard|Blvd|Lane|Ln|Way|Court|Ct|Place|Pl|Terrace|Crescent|"
    r"Close|Parkway|Pkwy|Highway|Hwy|Square|Sq|Row|Mews|Quay|Circle|Cir|Gardens|Hill|Walk|Grove|Park)\b\.?"
)


EN_ADDRESS_RE = re.compile(
    r"\b\d{1,5}[A-Za-z]?,?\s+(?:[A-Z][\w'’\-]*\s+){0,3}"
    + _EN_STREET
    + r"(?:,?\s+(?:Suite|Ste|Apt|Apartment|Unit|Floor|Fl|Flat|Room|Building|Bldg)\.?\s*#?[\w\-]+)?"
    r"(?:,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?"
    r"(?:,?\s+(?:[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}|[A-Z]{2}(?:\s+\d{5}(?:-\d{4})?)?|\d{5}(?:-\d{4})?)\b)?"
)


UK_POSTCODE_RE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b")


# An Irish Eircode: a routing key ("V95", "D6W") and four letters and digits mixed ("XK27", "PX3C"), from the letters
# An Post uses (no B, G, I, J, L, M, O, Q, S, U, Z); "T14 GEN2"-like model names rarely fit all of it.
EIRCODE_RE = re.compile(
    r"\b(?:[AC-FHKNPRTV-Y]\d{2}|D6W) (?=[0-9AC-FHKNPRTV-Y]{0,3}\d)(?=[0-9AC-FHKNPRTV-Y]{0,3}[AC-FHKNPRTV-Y])"
    r"[0-9AC-FHKNPRTV-Y]{4}\b"
)


FI_ADDRESS_RE = re.compile(
    r"\b[A-ZÅÄÖ][a-zåäö\-]*(?:katu|tie|kuja|polku|väylä|ranta|tori|aukio|puistikko|kaari|rinne|mäki|kenttä|raitti|"
    r"bulevardi|esplanadi|penger|vägen|gatan|gränd)\s+\d+(?:\s*[A-Za-z]\b(?:\s*\d+)?)?(?:\s*(?:as\.?|asunto)\s*\d+)?"
    r"(?:,?\s*\d{5}(?:\s+[A-ZÅÄÖ][a-zåäö]+)?)?"
)


FI_POSTCODE_RE = re.compile(r"(?<![\d\-])\d{5}\s+[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]+")


# The street word starts a word: "покупатель кинул. Продавцу" holds "ул." and no street.
RU_ADDRESS_RE = re.compile(
    r"(?:(?<![\w])(?:г\.|город)\s*[А-ЯЁ][\w\-]+,?\s*)?"
    r"(?<![\w])(?:ул\.|улица|улице|улицу|пр\.|пр-т|просп\.|проспект|проспекте|пер\.|переулок|переулке|бул\.|бульвар|бульваре|"
    r"ш\.|шоссе|наб\.|набережная|набережной|пл\.|площадь|площади|мкр\.?|микрорайон|микрорайоне|проезд|проезде)"
    r"\s*(?:(?:[А-ЯЁ0-9][\w\-]*|им\.)\.?\s*){1,3}"
    r"(?:,?\s*(?:д\.|дом|кв\.|квартира|корп\.|корпус|стр\.|строение|оф\.|офис|эт\.|этаж|под\.|подъезд)\s*\d+[А-Яа-я]?)*"
)


RU_NAMED_STREET_RE = re.compile(
    r"[А-ЯЁ][а-яё]+(?:[ \-][А-ЯЁ][а-яё]+)?\s+(?:проспект|улиц|переул|бульвар|шоссе|площад|набережн|проезд)[а-яё]*"
    r"(?:,?\s*(?:д\.|дом)?\s*\d+[А-Яа-я]?(?:\s*,?\s*(?:кв\.|корп\.|стр\.|оф\.|офис)\s*\d+)*)?"
)


RU_HOUSE_RE = re.compile(r"(?:д\.|дом)\s*\d+[А-Яа-я]?(?:,?\s*(?:кв\.|квартира|корп\.|корпус|стр\.|оф\.|офис)\s*\d+)+")


# "привёз на Советскую, 14 в Кирове", "живу на Гагарина, 7": a street said without "улица", by its adjective or the
# genitive of a surname, then a comma and a house number, is an address (not "на Озоне, 15 заказов": the number
# must end the phrase or go on with a town or a flat).
RU_BARE_STREET_RE = re.compile(
    r"(?<![\w])(?:на|по|до|от|с)\s+([А-ЯЁ][а-яё]+(?:ую|ой|ая|ин|ина|ов|ова|ев|ева|ого|его|ской|ского|ская|скую)"
    r",\s*\d{1,3}[а-я]?(?:/\d{1,3})?(?:,?\s*(?:кв\.|квартира|корп\.|корпус|стр\.|оф\.|офис)\s*\d+)*)"
    r"(?=\s*(?:$|[.,;!?)\n]|в\s|во\s))"
)


def find_addresses(text: str, lex: Lexicon) -> list[Mention]:
    """Street addresses; the whole address is one place span."""
    rxs: tuple[re.Pattern[str], ...] = {
        "en": (EN_ADDRESS_RE, UK_POSTCODE_RE, EIRCODE_RE),
        "fi": (FI_ADDRESS_RE, FI_POSTCODE_RE),
        "ru": (RU_ADDRESS_RE, RU_NAMED_STREET_RE, RU_HOUSE_RE, RU_BARE_STREET_RE),
    }.get(lex.lang, ())
    out = []
    for rx in rxs:
        for m in rx.finditer(text):
            s, e = trim(text, m.start(1), m.end(1)) if rx is RU_BARE_STREET_RE else trim(text, m.start(), m.end())
            s, e = s + len(text[s:e]) - len(text[s:e].lstrip()), len(text[:e].rstrip())
            if rx is FI_POSTCODE_RE and money_or_unit(text, s, s + 5, lex):
                continue
            out.append(Mention(s, e, "place", norm_key(text[s:e]), P_ADDRESS))
    return out
