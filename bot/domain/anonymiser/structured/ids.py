"""Identifier numbers no single cue right before them announces: shapes that can only be an id (a VAT number, a
Russian car plate, a code of several slash-separated parts), a tax or bank cue earlier in the same sentence, and
the numbers listed after a cued one ("invoices 4410 and 4412"). Each rule is a small predicate with its example."""

from __future__ import annotations

import itertools
import re

from ..lexicon import Lexicon
from ..model import Mention
from .base import P_CUED_NUMBER, P_IBAN, is_date, money_or_unit

# "GB 412 8837 29", "NO 918 447 302 MVA", "FI12345678", "NL123456789B01": a European VAT number (country code and
# eight to twelve digits, grouped or not, with the suffix some countries write after it).
VAT_RE = re.compile(
    r"(?<![\w\-/])(?:AT|BE|BG|CH|CY|CZ|DE|DK|EE|EL|ES|FI|FR|GB|HR|HU|IE|IT|LT|LU|LV|MT|NL|NO|PL|PT|RO|SE|SI|SK|XI)"
    r"[ \u00a0]?U?\d(?:[ \u00a0.]?\d){7,11}(?:[ \u00a0]?(?:MVA|MOMS|MWST|TVA|IVA|B\d\d))?(?![\w\-/])"
)


# "А 417 КМ 750", "в123ор77": a Russian car plate (only the letters that look Latin are used on plates); in lower
# case only written solid ("в 300 км 40 минут" is a distance).
RU_PLATE_RE = re.compile(
    r"(?<![\w\-])(?:[АВЕКМНОРСТУХ][ \u00a0]?\d{3}[ \u00a0]?[АВЕКМНОРСТУХ]{2}[ \u00a0]?\d{2,3}"
    r"|[авекмнорстух]\d{3}[авекмнорстух]{2}\d{2,3})(?![\w\-])"
)


# "5380/R/41207/23", "INV/2025/0042": three parts or more joined by slashes, digits in two of them at least.
SLASHED_CODE_RE = re.compile(r"(?<![\w\-/.])\w+(?:/\w+){2,}(?![\w/])")


# A run of digits grouped by spaces, dots or dashes: "51 824 753 556", "0123-456789".
GROUPED_DIGITS_RE = re.compile(r"(?<![\w+\-/.,])\d(?:[ \u00a0.\-]?\d){7,33}(?![\w\-/])")


# A sentence boundary before a number: a tax cue behind it belongs to another sentence.
_SENTENCE_END_RE = re.compile(r"[.!?\n](?:\s|$)")


# "4410 ja 4412", "№ 112–№ 131", "INV-7, INV-8": the next number of a list that started with a cued one.
_LISTED_NEXT_RE = re.compile(
    r"[ \u00a0]*(?:,|–|—|-|&|and|or|ja|sekä|tai|и|или)[ \u00a0]*(?:(?:№|#|nro\.?|no\.)[ \u00a0]?)?"
    r"([A-Za-zА-Яа-яЁё]{0,6}[\-/]?\d[\d\-/]*\d)(?![\w\-/])",
    re.IGNORECASE,
)


def is_vat_number(code: str) -> bool:
    """ "GB 412 8837 29" is a VAT number; "FI 2024" has too few digits to be one."""
    return VAT_RE.fullmatch(code) is not None


def is_ru_plate(code: str) -> bool:
    """ "А 417 КМ 750" is a car plate; "А 417" is not."""
    return RU_PLATE_RE.fullmatch(code) is not None


def is_slashed_code(code: str) -> bool:
    """ "5380/R/41207/23" and "INV/2025/0042" are codes; "and/or/but", "1/2/3" (steps) and "1920/1080/60" (a video
    format) are not: two parts hold digits, one holds letters, and there are five digits or more."""
    parts = code.split("/")
    lettered = any(any(ch.isalpha() for ch in p) for p in parts)
    return lettered and sum(any(ch.isdigit() for ch in p) for p in parts) >= 2 and sum(ch.isdigit() for ch in code) >= 5


def tax_cue_in_sentence(text: str, pos: int, lex: Lexicon) -> bool:
    """ "ABN on my invoice was his, 51 824 753 556": a tax, register or bank-account cue (ABN, VAT, ИНН, Y-tunnus,
    IBAN) earlier in the same sentence, at most ten words back, names a long number after it."""
    chunk = text[max(0, pos - 90) : pos]
    ends = list(_SENTENCE_END_RE.finditer(chunk))
    if ends:
        chunk = chunk[ends[-1].end() :]
    words = [lex.norm(w) for w in re.findall(r"[\w/\-]+", chunk)][-10:]
    cues = lex.cue("id_cues")
    return any(w in cues for w in words)


def find_shaped_ids(text: str, lex: Lexicon) -> list[Mention]:
    """VAT numbers, Russian car plates, slash-separated codes, and long numbers after a tax cue in the sentence."""
    out = []
    for rx in (VAT_RE, RU_PLATE_RE):
        for m in rx.finditer(text):
            out.append(Mention(m.start(), m.end(), "number", re.sub(r"\W", "", m.group()).lower(), P_IBAN))
    for m in SLASHED_CODE_RE.finditer(text):
        # "12/7/1445هـ": a date with its era after it is still a date.
        dated = is_date(m.group()) or is_date(re.sub(r"[^\d/]+$", "", m.group()))
        if is_slashed_code(m.group()) and not dated and not money_or_unit(text, m.start(), m.end(), lex):
            out.append(Mention(m.start(), m.end(), "number", re.sub(r"\W", "", m.group()).lower(), P_CUED_NUMBER))
    for m in GROUPED_DIGITS_RE.finditer(text):
        if money_or_unit(text, m.start(), m.end(), lex) or not tax_cue_in_sentence(text, m.start(), lex):
            continue
        out.append(Mention(m.start(), m.end(), "number", re.sub(r"\D", "", m.group()), P_IBAN))
    return out


def listed_after(text: str, ids: list[Mention], lex: Lexicon) -> list[Mention]:
    """ "Laskujen numerot 4410 ja 4412", "накладным № 112–№ 131": a number joined to a cued id by "and", a comma or
    a dash is the next id of the list (two digits at least; never an amount or a count)."""
    out: list[Mention] = []
    queue = [m for m in ids if m.type == "number"]
    while queue:
        prev = queue.pop()
        m = _LISTED_NEXT_RE.match(text, prev.end)
        if not m or not _same_shape(text[prev.start : prev.end], m.group(1), m.group()):
            continue
        if money_or_unit(text, m.start(1), m.end(1), lex):
            continue
        found = Mention(m.start(1), m.end(1), "number", re.sub(r"\W", "", m.group(1)).lower(), P_CUED_NUMBER)
        out.append(found)
        queue.append(found)
    return out


def _same_shape(first: str, nxt: str, joint: str) -> bool:
    """ "4410 ja 4412": a list repeats the shape (as many digits, one more or less); "invoice 4410, 15 of them" does
    not. A repeated number sign ("№ 112–№ 131") says it alone."""
    digits = sum(ch.isdigit() for ch in nxt)
    if any(sign in joint.lower() for sign in ("№", "#", "nro", "no.")):
        return digits >= 2
    return digits >= 2 and abs(digits - sum(ch.isdigit() for ch in first)) <= 1


# Sixth pass (blind6 as development data): the last digits of a card, codes of letters and digit groups, random
# receipt codes, the Saudi short address. Each a shape or a cue, never a listed name.

# "card ending 4471", "sort code ending 40-17-22", "номер заканчивается на 7731", "карта на 5536",
# "البطاقة تنتهي بـ 5521", "kortti, jonka numero päättyy 3391": a word that says "ending" (or "card on"), then digits.
_TAIL_CUE_RE = re.compile(
    r"(?i:\bending(?: in| with)?|\bends(?: in| with)?|\blast (?:four|4)(?: digits)?(?: are| of| is)?"
    r"|[зо]аканчива\w*ся на|последние (?:4|четыре)(?: цифры)?|\bкарт[аеуыой]{1,2} на"
    r"|تنتهي ب|ينتهي ب|آخر (?:4|أربع|اربع)(?: أرقام| ارقام)?|\bpäätty\w*(?: numeroihin)?)[\s:ـ]*$"
)
# The thing whose digits end so: a card, an account, a number (in any of the four languages).
_TAIL_NOUN_RE = re.compile(
    r"(?i:card|account|sort code|iban|number|карт|сч[её]т|номер|kortt|kortin|tili|numero|بطاق|حساب|رقم|كرت)"
)
_TAIL_DIGITS_RE = re.compile(r"(?<![\w\-/.,])\d{2,6}(?:-\d{2}){0,2}(?![\w\-/]|[.,]\d)")
# "****6612", "картой *2093", "•••• 1234": a masked card shows its last four digits after stars or dots.
MASKED_TAIL_RE = re.compile(r"(?<![\w*•])[*•]{1,16}[ \u00a0]?\d{4}(?![\w\-/])")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")


def card_tail_cue(text: str, pos: int) -> bool:
    """ "paid with the card ending 8830": the digits at pos follow an "ending" cue, with a card, account or number
    word before it ("the project ends in 12 days" names no card)."""
    chunk = text[max(0, pos - 60) : pos]
    cue = _TAIL_CUE_RE.search(chunk)
    if cue is None or _TAIL_NOUN_RE.search(chunk) is None:
        return False
    # "mine ends 2917": a bare "ends" takes four digits ("my account trial ends 14 May" is a date).
    return not re.fullmatch(r"(?i)ends[\s:]*", cue.group()) or re.match(r"\d{4}(?!\d)", text[pos:]) is not None


def find_card_tails(text: str, lex: Lexicon) -> list[Mention]:
    """Last digits of a card or account after an "ending" cue, and masked card numbers (****6612)."""
    out = []
    for m in _TAIL_DIGITS_RE.finditer(text):
        s, e = m.start(), m.end()
        if s > 0 and (text[s - 1].isalnum() and text[s - 1] not in "ب"):
            continue
        if _YEAR_RE.fullmatch(m.group()) or money_or_unit(text, s, e, lex) or not card_tail_cue(text, s):
            continue
        out.append(Mention(s, e, "number", re.sub(r"\D", "", m.group()), P_CUED_NUMBER))
    for m in MASKED_TAIL_RE.finditer(text):
        out.append(Mention(m.start(), m.end(), "number", re.sub(r"\D", "", m.group()), P_CUED_NUMBER))
    return out


# Before a Latin id an Arabic writer joins "and"/"with"/"for" to it: "وBSM-117", "بINV-22".
AR_PROCLITIC_OR_EDGE = r"(?:(?<![\w#№\-/])|(?<=(?<!\w)[وبلف]))"


# "ТМ-44/23-ИНФ", "LM-12/07-DSN", "КД-17/24-СМ": letters, two digit groups or more, letters: a contract's number.
LETTERED_ID_RE = re.compile(
    AR_PROCLITIC_OR_EDGE + r"[A-ZА-ЯЁ]{1,5}[\-/]\d{1,6}(?:[\-/]\d{1,6})+[\-/][A-ZА-ЯЁ]{1,5}(?![\w\-/])"
)


def is_lettered_id(code: str) -> bool:
    """ "ТМ-44/23-ИНФ" is a contract number; "B-52-A" has one digit group, "Wi-Fi" none."""
    return LETTERED_ID_RE.fullmatch(code) is not None and sum(ch.isdigit() for ch in code) >= 3


# "204ysc8kf1", "7hq2m9xk4p": a token that switches between letters and digits again and again is a generated code
# (a receipt, an order, a tracking id); "h264", "mp3", "1080p60" switch too seldom.
RANDOM_CODE_RE = re.compile(r"(?<![\w#@/.\-])[^\W_]{8,32}(?![\w@/\-]|\.\w)")


def is_random_code(tok: str) -> bool:
    """ "204ysc8kf1" is a generated code (digits and letters switch four times or more); "1080p60fps" is not."""
    digits = sum(ch.isdigit() for ch in tok)
    letters = sum(ch.isalpha() for ch in tok)
    switches = sum(a.isdigit() != b.isdigit() for a, b in itertools.pairwise(tok))
    return digits >= 3 and letters >= 3 and switches >= 4


# "HFJA 4127", "RKMA7731": the Saudi national short address, four Latin capitals and four digits.
SA_SHORT_ADDRESS_RE = re.compile(AR_PROCLITIC_OR_EDGE + r"[A-Z]{4}[ \u00a0]?\d{4}(?![\w\-/])")


def is_short_address(code: str) -> bool:
    """ "HFJA 4127" is a Saudi short address; "UEFA 2024" (a year) is not."""
    m = SA_SHORT_ADDRESS_RE.fullmatch(code)
    return m is not None and not _YEAR_RE.fullmatch(code[-4:])


_ADDRESS_WORD_RE = re.compile(r"(?i:address|адрес|osoite|osoitteen|عنوان)")


def short_address_context(text: str, pos: int, lang: str) -> bool:
    """ "العنوان الوطني اللي لقيته HFJA 4127": in an Arabic story, or after an address word, four capitals and four
    digits are an address; "paid USDT 1500" in English is an amount."""
    return lang == "ar" or _ADDRESS_WORD_RE.search(text, max(0, pos - 50), pos) is not None


def find_sixth_pass_shapes(text: str, lex: Lexicon) -> list[Mention]:
    """Lettered contract numbers, random codes and Saudi short addresses, wherever they stand."""
    out = []
    for m in LETTERED_ID_RE.finditer(text):
        if is_lettered_id(m.group()):
            out.append(Mention(m.start(), m.end(), "number", re.sub(r"\W", "", m.group()).lower(), P_CUED_NUMBER))
    for m in RANDOM_CODE_RE.finditer(text):
        if is_random_code(m.group()):
            out.append(Mention(m.start(), m.end(), "number", m.group().lower(), P_CUED_NUMBER))
    for m in SA_SHORT_ADDRESS_RE.finditer(text):
        if not is_short_address(m.group()) or not short_address_context(text, m.start(), lex.lang):
            continue
        if not money_or_unit(text, m.end() - 4, m.end(), lex):
            out.append(Mention(m.start(), m.end(), "number", re.sub(r"\W", "", m.group()), P_IBAN))
    return out


# "viitenumero 12345 67891 0", "viitteellä 10 00012 34567": a Finnish bank reference is printed in groups of up to
# five digits from the right, the last group often shorter; a cue of any case form of "viite" stands before it.
_FI_REFERENCE_RE = re.compile(
    r"(?i:viite|viitt)\w*[ \u00a0]*:?[ \u00a0]*(\d{1,5}(?:[ \u00a0]\d{1,5}){1,5})(?![\w\-/.,]\d)"
)


def find_fi_reference(text: str) -> list[Mention]:
    """ "Viitenumero 12345 67891 0": every group of a Finnish bank reference (the cued-number rule stops at the first
    gap, leaving the check digit); four digits at least, at most twenty."""
    out = []
    for m in _FI_REFERENCE_RE.finditer(text):
        digits = re.sub(r"\D", "", m.group(1))
        if 4 <= len(digits) <= 20 and (m.start() == 0 or not text[m.start() - 1].isalnum()):
            out.append(Mention(m.start(1), m.end(1), "number", digits, P_IBAN))
    return out
