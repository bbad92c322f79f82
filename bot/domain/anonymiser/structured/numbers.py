"""Phone numbers and account, invoice, order, tax and card numbers; dates, amounts and counts stay (the story)."""

from __future__ import annotations

import re

import phonenumbers

from ..lexicon import Lexicon
from ..model import Mention
from ..textutil import norm_key
from .base import P_CUED_NUMBER, P_IBAN, P_NUMBER, P_PHONE, is_date, money_or_unit, trim, words_before
from .ids import (
    AR_PROCLITIC_OR_EDGE,
    find_card_tails,
    find_fi_reference,
    find_shaped_ids,
    find_sixth_pass_shapes,
    listed_after,
    tax_cue_in_sentence,
)

# Words that only say "number": what kind of number it is comes from a word before them (invoice number, phone number).
_NEUTRAL_NUMBER_WORDS = {
    "number",
    "numero",
    "номер",
    "номера",
    "номеру",
    "номером",
    "رقم",
    "الرقم",
    "nro",
    "no",
    "nr",
    "no.",
    "numbers",
    "numerot",
    "numeroita",
    "numeroiden",
    "numerolla",
    "номерам",
    "номерами",
    "номерах",
    "номеров",
}


# A dot joins digit groups only between digits ("040.765.4321"); "+254 722 418 903. 14 revisions" ends at the dot.
PHONE_RE = re.compile(r"(?<![\w+/#№.,])(?:\+|00)?\s?\(?\d(?:[\d()\-–]|\.(?=\d)|[ \u00a0](?=[\d(+]))*\d\)?(?![\w/])")


IBAN_RE = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?:[ \-]?[A-Z0-9]{4}){2,7}(?:[ \-]?[A-Z0-9]{1,4})?(?![\w])")


CARD_RE = re.compile(r"(?<![\d+])(?:\d{4}[ \-]){3}\d{4}(?:[ \-]?\d{1,3})?(?![\d])")


# 8 to 34 digits: cards, Russian 20-digit accounts (р/с), IBAN-length numbers written without letters.
LONG_DIGITS_RE = re.compile(r"(?<![\d+\w])\d{8,34}(?![\d\w])")


ALNUM_ID_RE = re.compile(
    AR_PROCLITIC_OR_EDGE + r"(?=[A-Za-zА-Яа-яЁё0-9\-/]*\d{3})[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё]{0,5}[\-/]?\d[\dA-Za-z\-/]*\d"
    r"(?:[\-/][A-ZА-ЯЁ]{1,3})?(?![\w])"
)


# Codes every reader shares, not an id of anyone: a quarter ("Q4-2024"), a standard or a law ("ГОСТ-2017", "ISO 9001",
# "ФЗ-44").
SHARED_CODE_RE = re.compile(r"[QH][1-4][\-/](?:19|20)\d\d|(?:ГОСТ|ISO|DIN|IEC|RFC|ФЗ|СНиП|СанПиН|EN)[\-/]?\d[\d.\-]*")


CRYPTO_RE = re.compile(r"(?<![\w])(?:0x[a-fA-F0-9]{40}|(?:bc1|[13])[a-zA-HJ-NP-Z0-9]{25,39})(?![\w])")


# UK National Insurance number: "QQ 12 34 56 C".
NINO_RE = re.compile(r"(?<![\w])[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\w])")
FI_BUSINESS_ID_RE = re.compile(r"(?<![\d\-])\d{7}-\d(?![\d\-])")


CUED_ID_RE = re.compile(
    r"[A-Za-zА-Яа-яЁё]{0,6}[\-/]?\d[\d\-/.]*\d(?:[ \u00a0]\d{2,})*(?:[\-/][A-ZА-ЯЁ]{1,3}(?![\w]))?|\d{3,}"
)


MIXED_CODE_RE = re.compile(
    AR_PROCLITIC_OR_EDGE + r"[A-ZА-ЯЁ0-9](?:[A-ZА-ЯЁ0-9]|[\-/](?=[A-ZА-ЯЁ0-9])){3,23}(?![\w\-/])"
)


# "order id 7f3a9c21", "رقم العقد 2023/44/ب": a code in any case and script (letters, digits, - and /) after a cue.
CUED_TOKEN_RE = re.compile(r"(?<![\w#№\-/])\w(?:\w|[\-/](?=\w)){3,40}(?![\w\-/])")


# "PP-D-119283746", "ФЛ-А-0042": letter series joined by hyphens before the digits (no cue needed).
SERIES_ID_RE = re.compile(r"(?<![\w#№\-/])(?:[A-ZА-ЯЁ]{1,5}[\-/]){2,3}\d[\dA-ZА-ЯЁ\-/]*\d(?![\w\-/])")


_PHONE_REGIONS = {
    "en": ("US", "GB", "CA", "AU", "IE", "IN", "NG", "ZA"),
    "fi": ("FI", "SE", "EE"),
    "ru": ("RU", "UA", "BY", "KZ"),
    "ar": ("SA", "AE", "EG", "JO", "KW", "QA", "BH", "OM", "LB", "SY", "IQ", "MA", "DZ", "TN", "PS"),
}


def _cue_kind(before: list[str], num_cues: frozenset[str], phone_cues: frozenset[str]) -> str:
    """'number', 'phone' or '' from the nearest typed cue word; "number"/"رقم" alone says nothing.

    "order number is 112-33": a filler word may stand between; "tapausnumero", "asiakasnro": a compound ending in
    "number" is a number cue; "رقم الإيصال ٤٤٧١٢", "номер накладной 55": a noun right after "number" is what it
    numbers.
    """
    for i, w in enumerate(before):
        if w in ("#", "№"):
            return "number"
        if w in _NEUTRAL_NUMBER_WORDS or (w in _NUMBER_FILLERS and i == 0):
            continue
        kind = _typed_cue(w, num_cues, phone_cues)
        if kind:
            return kind
        if i + 1 < len(before) and before[i + 1] in _NEUTRAL_NUMBER_WORDS and _typed_cue(w, num_cues, phone_cues) == "":
            return "number" if i == 0 else ""
        return ""
    return ""


def _typed_cue(word: str, num_cues: frozenset[str], phone_cues: frozenset[str]) -> str:
    """ "invoice" -> number, "phone" -> phone, "tapausnumero" -> number, "والتذكره" -> number (after و/ب)."""
    for w in (word, word[1:] if word[:1] in "وب" and len(word) > 3 else word):
        if w in phone_cues:
            return "phone"
        if w in num_cues or w.endswith(_NUMBER_HEADS) or inflected_cue(w) or _plural_cue(w, num_cues):
            return "number"
        if compound_cue(w):
            return "number"
    return ""


# Stems of the cue words of two inflecting languages; any case or number of them is the same cue.
_CUE_STEMS = (
    "lasku",
    "tilaus",
    "tilauk",
    "sopimus",
    "sopimuk",
    "viite",
    "viitte",
    "kuitti",
    "kuiti",
    "счёт",
    "счет",
    "заказ",
    "договор",
    "накладн",
    "квитанци",
    "платёжк",
    "платежк",
)
# Words that start like a cue and are not one: "laskutus" (billing), "laskutin" (I billed), "заказчик" (the client),
# "счётчик" (a meter).
_NOT_CUE_STEMS = (
    "laskuta",
    "laskute",
    "laskuti",
    "laskutt",
    "laskutu",
    "laskel",
    "tilausmäär",
    "заказчи",
    "счётчик",
    "счетчик",
    "договорён",
    "договорен",
)


def _plural_cue(word: str, num_cues: frozenset[str]) -> bool:
    """ "paid invoices 3318 and 3324", "orders 5512": the English plural of a cue word is the same cue."""
    return len(word) > 4 and word.endswith("s") and word[:-1] in num_cues


def inflected_cue(word: str) -> bool:
    """ "laskujen numerot 4410", "накладным № 112", "tilauksesta 5512": an inflected form of a number cue (stem and
    at most five more letters); "laskutus" (billing) and "заказчик" (the client) are not one."""
    return any(word.startswith(st) and len(word) - len(st) <= 5 for st in _CUE_STEMS) and not word.startswith(
        _NOT_CUE_STEMS
    )


def compound_cue(word: str) -> bool:
    """ "ylläpitolaskun 0925-PA", "projektitilauksen 5512": a Finnish compound whose head is an inflected cue."""
    return any(
        (i := word.find(st, 3)) > 0 and len(word) - i - len(st) <= 5 and not word.startswith(_NOT_CUE_STEMS, i)
        for st in _FI_CUE_STEMS
    )


_FI_CUE_STEMS = ("lasku", "tilaus", "tilauk", "sopimus", "sopimuk", "viite", "viitte", "kuitti", "kuiti")


def register_number(text: str, pos: int, lex: Lexicon) -> bool:
    """ "السجل التجاري للمؤسسة رقم 70215": after "number", a register or tax cue earlier in the sentence makes even a
    phone-length number the register's."""
    return tax_cue_in_sentence(text, pos, lex)


# "tapausnumero", "asiakasnro", "projektinumero": Finnish compounds whose head says "number"/"id".
_NUMBER_HEADS = ("numero", "numeron", "numerolla", "numeroa", "nro", "tunnus", "tunnuksella")
# A verb between a cue and its number: "order number is 112-33", "tilausnumero oli 5512", "заказ был 5512".
# Arabic dialects put a possessive there: "السجل التجاري بتاعهم ٧٤٢١٨", "رقم الفاتورة تبعهم 55821".
_NUMBER_FILLERS = {"is", "was", "oli", "on", "был", "была", "было", "это", "هو", "كان"} | {
    f"{word}{suffix}" for word in ("بتاع", "بتاعت", "تبع", "حق", "مال") for suffix in ("ه", "ها", "هم", "ي", "نا", "كم")
}


def _typed_then_number_word(before: list[str], num_cues: frozenset[str], phone_cues: frozenset[str]) -> bool:
    """ "Счёт № 47", "Lasku numero 88", "invoice no. 47": a typed cue, then a number sign or word, then the number."""
    return (
        len(before) > 1
        and (before[0] in ("#", "№") or before[0] in _NEUTRAL_NUMBER_WORDS)
        and _typed_cue(before[1], num_cues, phone_cues) == "number"
    )


def _standard_number(cand: str) -> bool:
    """ "ГОСТ 7.32-2017", "section 1.2.3-45": one digit and a dot first is a standard's or a section's number; phones
    written with dots group two digits or more (040.765.4321)."""
    return bool(re.match(r"\d\.", cand))


def _is_possible_phone(cand: str, lang: str) -> bool:
    if not re.fullmatch(r"[\d\s\u00a0()+.\-–]+", cand):
        return False
    regions = _PHONE_REGIONS.get(lang, ()) if not cand.lstrip().startswith(("+", "00")) else (None,)
    c = cand.strip()
    if c.startswith("00"):
        c = "+" + c[2:]
    for region in regions:
        try:
            if phonenumbers.is_possible_number(phonenumbers.parse(c, region)):
                return True
        except phonenumbers.NumberParseException:
            continue
    return False


_SERIES_RE = re.compile(r"(?<![\w#№])[A-ZА-ЯЁ]{1,4}[ \u00a0]$")


def _series_before(text: str, pos: int) -> str:
    """ "contract numbered CN 4471-B": a letter series written apart from its digits belongs to the number."""
    m = _SERIES_RE.search(text, max(0, pos - 6), pos)
    return m.group() if m else ""


def find_numbers_and_phones(text: str, lex: Lexicon) -> list[Mention]:
    """Phones (international and local formats) and ids: IBAN, cards, tax ids, invoice/order numbers."""
    out: list[Mention] = []
    num_cues = lex.cue("number_cues") | {"#", "№"}
    phone_cues = lex.cue("phone_cues")
    for m in IBAN_RE.finditer(text):
        digits = sum(ch.isdigit() for ch in m.group())
        if digits >= 8:
            out.append(Mention(m.start(), m.end(), "number", re.sub(r"\W", "", m.group()), P_IBAN))
    for rx in (CARD_RE, FI_BUSINESS_ID_RE, CRYPTO_RE, NINO_RE):
        for m in rx.finditer(text):
            out.append(Mention(m.start(), m.end(), "number", re.sub(r"\D", "", m.group()), P_IBAN))
    for m in ALNUM_ID_RE.finditer(text):
        val = m.group()
        if is_date(val) or money_or_unit(text, m.start(), m.end(), lex) or SHARED_CODE_RE.fullmatch(val):
            continue
        if not re.search(r"[A-Za-zА-Яа-яЁё]", val) and not re.search(r"[\-/]", val):
            continue
        out.append(Mention(m.start(), m.end(), "number", norm_key(val), P_CUED_NUMBER))
    # Numbers right after a cue word (invoice, order #, ИНН, رقم الفاتورة ...).
    for m in CUED_ID_RE.finditer(text):
        s, e = trim(text, m.start(), m.end())
        val = text[s:e]
        if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "+"):
            continue
        before = words_before(text, s, 3, lex.norm)
        kind = _cue_kind(before, num_cues, phone_cues)
        series = _series_before(text, s) if kind != "number" else ""
        if series and _cue_kind(words_before(text, s - len(series), 3, lex.norm), num_cues, phone_cues) == "number":
            before, kind = words_before(text, s - len(series), 3, lex.norm), "number"
        else:
            series = ""
        # "nro 2024-77": a number sign or its abbreviation makes even a year-like pair an id.
        sign = bool(before) and before[0] in ("#", "№", "nro", "nr")
        s -= len(series) if kind == "number" else 0
        val = text[s:e]
        if kind != "number" and not (kind == "" and before and before[0] in _NEUTRAL_NUMBER_WORDS):
            continue
        if kind == "" and (_is_possible_phone(val, lex.lang) and "/" not in val) and not register_number(text, s, lex):
            continue
        if is_date(val) and not sign:
            continue
        # "№ 45-К": two digits are enough when a number sign and a letter series make it a code; so they are after
        # a typed cue and a number sign or word ("Счёт № 47", "Lasku numero 88").
        # "Счетов было три: № 11, № 12": the sign № itself says the number is some document's.
        short_code = (
            (sign and re.search(r"[A-Za-zА-Яа-яЁё]", val) is not None)
            or _typed_then_number_word(before, num_cues, phone_cues)
            or before[:1] == ["№"]
        )
        if money_or_unit(text, s, e, lex) or sum(ch.isdigit() for ch in val) < (2 if short_code else 3):
            continue
        out.append(Mention(s, e, "number", re.sub(r"\W", "", val).lower(), P_CUED_NUMBER))
    # "Ref: 7F3K-22QX": a mixed code of capitals and digits right after a number cue.
    for m in MIXED_CODE_RE.finditer(text):
        val = m.group()
        if sum(ch.isdigit() for ch in val) < 2 or not re.search(r"[A-ZА-ЯЁ]", val):
            continue
        if _cue_kind(words_before(text, m.start(), 3, lex.norm), num_cues, phone_cues) == "number":
            out.append(Mention(m.start(), m.end(), "number", re.sub(r"\W", "", val).lower(), P_CUED_NUMBER))
    out += _cued_tokens(text, num_cues, phone_cues, lex)
    for m in SERIES_ID_RE.finditer(text):
        if sum(ch.isdigit() for ch in m.group()) >= 3:
            out.append(Mention(m.start(), m.end(), "number", re.sub(r"\W", "", m.group()).lower(), P_IBAN))
    for m in PHONE_RE.finditer(text):
        s, e = m.start(), m.end()
        cand = text[s:e]
        if "\n" in cand:
            continue
        s += len(cand) - len(cand.lstrip())
        cand = text[s:e]
        if cand.startswith("(") and ")" not in cand:
            s += 1
            cand = text[s:e]
        if cand.endswith(")") and "(" not in cand:
            e -= 1
            cand = text[s:e]
        digits = re.sub(r"\D", "", cand)
        if not 7 <= len(digits) <= 15 or is_date(cand) or money_or_unit(text, s, e, lex) or _standard_number(cand):
            continue
        if re.fullmatch(r"\d{1,3}(?:[ \u00a0.,]\d{3})+", cand) and not cand.startswith("0"):
            continue  # 1 200 000: a sum written with thousand separators
        before = words_before(text, s, 3, lex.norm)
        cued_phone = _cue_kind(before, num_cues, phone_cues) == "phone"
        if cand.lstrip().startswith(("+", "00")) or _is_possible_phone(cand, lex.lang) or cued_phone:
            out.append(Mention(s, e, "phone", digits[-9:], P_PHONE))
        elif len(digits) >= 8:
            out.append(Mention(s, e, "number", digits, P_NUMBER))
    for m in LONG_DIGITS_RE.finditer(text):
        out.append(Mention(m.start(), m.end(), "number", m.group(), P_NUMBER))
    out += find_shaped_ids(text, lex)
    out += find_card_tails(text, lex) + find_sixth_pass_shapes(text, lex) + find_fi_reference(text)
    out += [m for m in listed_after(text, out, lex) if not is_date(text[m.start : m.end])]
    return [_with_case_year(text, _with_number_sign(text, m)) for m in out]


# "الدعوى رقم ٤١٢ لسنة ٢٠٢٣": an Egyptian case or decree number goes with its year; the year alone is no id.
_CASE_YEAR_RE = re.compile(r"[ \u00a0]+(?:لسنة|لسنه)[ \u00a0]+[\d٠-٩]{4}(?![\d٠-٩])")


def _with_case_year(text: str, m: Mention) -> Mention:
    """ "رقم ٤١٢ لسنة ٢٠٢٣" -> the case number and its year are removed as one ("٤١٢" alone left "لسنة ٢٠٢٣")."""
    if m.type != "number":
        return m
    year = _CASE_YEAR_RE.match(text, m.end)
    return Mention(m.start, year.end(), m.type, m.key, m.priority) if year else m


# "№ 47", "nro 2023-118", "No. 4471", "#4471": the sign or abbreviation right before an id belongs to it.
_SIGN_BEFORE_RE = re.compile(r"(?<![\w#№])(?:№|#|(?i:nro|no|nr)\.?)[ \u00a0]?$")


def _with_number_sign(text: str, m: Mention) -> Mention:
    """ "laskun nro 2023-118" -> "nro 2023-118" is removed whole (a number sign alone would still read as "nro")."""
    if m.type != "number":
        return m
    sign = _SIGN_BEFORE_RE.search(text, max(0, m.start - 5), m.start)
    return Mention(sign.start(), m.end, m.type, m.key, m.priority) if sign else m


def _cued_tokens(text: str, num_cues: frozenset[str], phone_cues: frozenset[str], lex: Lexicon) -> list[Mention]:
    """ "order id 7f3a9c21", "رقم العقد 2023/44/ب", "case ref zx0099q": after a number cue, a token of letters and
    digits in any case or script (two digits at least, and a letter or a separator, so amounts and dates stay)."""
    out = []
    for m in CUED_TOKEN_RE.finditer(text):
        val = m.group()
        if sum(ch.isdigit() for ch in val) < 2 or not re.search(r"[^\W\d]|[\-/]", val) or is_date(val):
            continue
        if val.isdigit() or money_or_unit(text, m.start(), m.end(), lex):
            continue
        before = words_before(text, m.start(), 3, lex.norm)
        if _cue_kind(before, num_cues, phone_cues) == "number" or _number_word_then_code(before, val):
            out.append(Mention(m.start(), m.end(), "number", re.sub(r"\W", "", val).lower(), P_CUED_NUMBER))
    return out


def _number_word_then_code(before: list[str], val: str) -> bool:
    """ "rikosilmoituksen numero 5380/R/41207/23": right after "number" (whatever it numbers), a code of three digits
    or more with a letter or a slash is an id ("sen numero 050-332 1887" is a phone's)."""
    return (
        bool(before)
        and before[0] in _NEUTRAL_NUMBER_WORDS
        and sum(ch.isdigit() for ch in val) >= 3
        and re.search(r"[^\W\d]|/", val) is not None
    )
