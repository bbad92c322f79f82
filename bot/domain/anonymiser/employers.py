"""Big companies named as someone's employer or client: "a contract at Nokia", «работал в Яндексе», "Nokialle".

A brand in platforms.txt is part of the story when it is a tool or a shop ("found him on Google"); the same brand
is an identifier when the story says the author or the client worked for it, because a team at a named company is
a small group. Each rule is one predicate with its example as the docstring.
"""

from __future__ import annotations

import re

from .lexicon import _read_lines
from .model import Mention
from .morph import fi_candidates, ru_candidates
from .textutil import WORD_RE, norm_ar, norm_key

P_EMPLOYER = 45
_EN_BEFORE = {"at", "for", "joined", "left", "inside", "within"}
_RU_BEFORE = {"в", "во", "для", "из", "от"}
_FI_CASES = ("lla", "llä", "lle", "lta", "ltä", "ssa", "ssä", "sta", "stä", "n")
_FI_ORG_HEADS = ("ketju", "konserni", "yhtiö", "talo", "tiimi", "kauppa", "kauppias", "myymälä")
_AR_BEFORE = {"لصالح", "مع", "في", "لدى", "عند", "من", "شركة", "شركه"}
# A product after the brand is the tool, not the company: "for Google Docs", "at Amazon Prime".
_PRODUCT_AFTER_RE = re.compile(r"\s+[A-ZА-ЯЁ][\w-]*")


class EmployerFinder:
    """Brands of employer_brands.txt, and acronyms no list knows, in an employer context, as org mentions."""

    def __init__(self) -> None:
        self.acronyms = frozenset(norm_key(w) for w in _read_lines("acronyms_common.txt"))
        entries = _read_lines("employer_brands.txt")
        self.brands = frozenset(norm_key(w) for w in entries) | frozenset(norm_ar(w) for w in entries)
        # Inflection keeps the first three letters (Nokialle, Яндексе): a cheap filter before morphology.
        self._prefixes = frozenset(b[:3] for b in self.brands)

    def find(self, text: str, lang: str, known: tuple[frozenset[str], ...] = ()) -> list[Mention]:
        out = []
        for m in WORD_RE.finditer(text):
            word = m.group()
            if self.unknown_acronym(word, known) and _prev_word(text, m.start()) in _EN_BEFORE | _RU_BEFORE:
                out.append(Mention(m.start(), m.end(), "org", norm_key(word), P_EMPLOYER))
                continue
            brand = self.brand_of(word, lang)
            if not brand or self.product_follows(text, m.end()):
                continue
            if self.employer_context(text, m.start(), word, brand, lang):
                out.append(Mention(m.start(), m.start() + len(self._head(word)), "org", brand, P_EMPLOYER))
        return out

    def brand_of(self, word: str, lang: str) -> str:
        """ "Nokialle" -> nokia, «Яндексе» -> яндекс, "Kesko-ketjun" -> kesko; '' when no brand."""
        head = norm_key(self._head(word))
        if head in self.brands:
            return head
        if head[:3] not in self._prefixes:
            return ""
        if lang == "fi":
            return next((c for c in sorted(fi_candidates(self._head(word))) if c in self.brands), "")
        if lang == "ru":
            return next((c for c in sorted(ru_candidates(word)) if c in self.brands), "")
        return ""

    def employer_context(self, text: str, start: int, word: str, brand: str, lang: str) -> bool:
        """Whether the words around say someone works for the brand (see the rules below)."""
        prev = _prev_word(text, start)
        if is_employment_compound(word):
            return True
        if lang == "en" or (lang == "ar" and word.isascii()):
            return prev in _EN_BEFORE or prev in _AR_BEFORE or _ar_prefixed(text, start)
        if lang == "ru":
            return prev in _RU_BEFORE  # "на Озоне", "на Авито" is where one sells, not who one works for
        if lang == "fi":
            return is_fi_local_case(word, brand) or is_fi_org_compound(word)
        return False

    def unknown_acronym(self, word: str, known: tuple[frozenset[str], ...] = ()) -> bool:
        """ "contract QA for NVT", «работал в ЦФТ»: 2-5 capitals no vocabulary or list of work acronyms knows."""
        if not (2 <= len(word) <= 5 and word.isupper() and word.isalpha()):
            return False
        w = norm_key(word)
        return w not in self.acronyms and w not in self.brands and not any(w in k for k in known)

    @staticmethod
    def product_follows(text: str, end: int) -> bool:
        """ "for Google Docs", "at Amazon Prime": a capitalised word right after the brand makes it a product."""
        return bool(_PRODUCT_AFTER_RE.match(text, end)) and text[end : end + 1] == " "

    @staticmethod
    def _head(word: str) -> str:
        return word.split("-")[0] if "-" in word and not word.startswith(("Т-", "Альфа-")) else word


def is_fi_local_case(word: str, brand: str) -> bool:
    """ "Nokialle", "Keskolla", "Woltilla", "Nokian palveluksessa": local cases and the genitive of the brand itself
    (not "Alkoon", where one goes to shop)."""
    w = norm_key(word)
    return w.startswith(brand) and w[len(brand) :].removeprefix("i") in _FI_CASES


def is_fi_org_compound(word: str) -> bool:
    """ "Kesko-ketjun kauppias", "Nokia-konsernissa": the brand as the head of a company compound."""
    tail = word.partition("-")[2].lower()
    return bool(tail) and tail.startswith(_FI_ORG_HEADS)


# Heads of a compound that says someone worked for the brand: "a Microsoft-contractor gig", "Яндекс-подрядчик".
_WORK_HEADS = (
    "contract",
    "subcontract",
    "employee",
    "vendor",
    "supplier",
    "consultant",
    "intern",
    "staff",
    "freelance",
    "gig",
    "project",
    "подряд",
    "субподряд",
    "сотрудник",
    "проект",
    "контракт",
    "тендер",
    "konsult",
    "alihankin",
    "alihankkij",
    "projekti",
    "keikka",
    "keikan",
    "urakka",
    "urakan",
    "työntekijä",
)


def is_employment_compound(word: str) -> bool:
    """ "a Microsoft-contractor gig", "Яндекс-подрядчиком", "Nokia-projektissa": the brand before a word for work
    done for it (contractor, project, gig) is whom someone worked for, not a tool they used."""
    tail = word.partition("-")[2].lower()
    return bool(tail) and tail.startswith(_WORK_HEADS)


def _ar_prefixed(text: str, start: int) -> bool:
    """ "لـCareem", "بـTalabat": a Latin brand glued to an Arabic preposition."""
    return text[max(0, start - 2) : start] in ("لـ", "بـ") or text[max(0, start - 1) : start] in ("ل", "ب")


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"([^\W\d_]+)[\s\u00a0]*$", text[max(0, pos - 40) : pos])
    if not m:
        return ""
    w = m.group(1)
    return norm_ar(w) if not w.isascii() and "\u0600" <= w[0] <= "\u06ff" else norm_key(w)
