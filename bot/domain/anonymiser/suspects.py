"""Suspects: words the anonymiser left in place that may still identify someone, for the author to review.

Removal has to be sure (every false removal garbles a story); a suspect only has to be plausible, because a person
decides. So the rules here are deliberately wider than the finders': a capitalised word no vocabulary knows, a
country or an acronym after "in", a token shaped like a username or an id, a word a dictionary tags as a name or a
place, and phrases (a business word and its name, the words around a legal form or an ampersand). Each rule is one
small predicate below, with its example as the docstring. Every suspect carries a confidence, so the review can show
the likeliest first: Discord's select holds 25, and a long story has more.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property

from .cased.suspects import with_cased_suspects
from .lexicon import Lexicon, _read_lines
from .model import Span, Suspect
from .morph import fi_candidates
from .russian import ru_is_known, ru_proper_kind
from .structured import is_platform_domain
from .structured.handles import INFLECTABLE_PLATFORMS
from .structured.numbers import SHARED_CODE_RE
from .textutil import ARABIC_WORD_RE, Token, is_sentence_start, norm_ar, norm_key, overlaps, tokenize

_LATIN_HANDLE_RE = re.compile(r"(?<![\w@./:-])[A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z0-9]+)+(?![\w@/])|\b[a-z]+\d{2,}\b")
_AR_PREFIXES = ("وال", "بال", "لل", "فال", "كال", "ال", "و", "ب", "ل", "ف")
_AR_SUFFIXES = ("هما", "هم", "هن", "ها", "نا", "ني", "كم", "ه", "ي", "ك", "ت", "وا", "ات", "ون", "ين")
_PLACE_WORDS = {
    "en": {"in", "from", "near", "to", "outside", "downtown"},
    "fi": set(),
    "ru": {"в", "во", "из", "под", "до"},
    "ar": {"في", "من", "الى", "إلى", "بمدينة", "مدينة"},
}
_PERSON_WORDS = {
    "en": {"with", "named", "called", "client", "mr", "mrs", "ms", "dr", "by"},
    "fi": {
        "asiakas",
        "nimeltä",
        "nimeltään",
        "joku",
        "eräs",
        "tyyppi",
        "kaveri",
        "herra",
        "rouva",
        "tilaaja",
        "toimeksiantaja",
        "omistaja",
        "yhteyshenkilö",
    },
    "ru": {"с", "со", "клиент", "заказчик", "зовут"},
    "ar": {"اسمه", "اسمها", "العميل", "الاستاذ", "الأستاذ", "مع"},
}
# Legal forms written before the name: an unknown word after one is the company's name ("tmi kattopojalta",
# "ип петров", "ооо ромашка"; in Arabic text a Latin word after "شركة"). Verbs follow "firma" and "компания" too often.
_ORG_WORDS = {
    "en": set(),
    "fi": {"tmi", "toiminimi"},
    "ru": {"ооо", "оао", "зао", "ип", "ао"},
    "ar": {"شركة", "مؤسسة", "وكالة", "متجر", "مطعم", "مكتب"},
}
# Finnish family and place names are compounds ending in a landscape word (Lehtiranta, Vähämaa, Rautasilta):
# such a compound at a sentence start stays a suspect even when both halves are everyday words.
_FI_NAME_HEADS = (
    "ranta",
    "maa",
    "mäki",
    "lahti",
    "salo",
    "järvi",
    "koski",
    "niemi",
    "vaara",
    "silta",
    "saari",
    "vuori",
    "harju",
    "kangas",
    "aho",
    "oja",
    "kallio",
    "pelto",
    "metsä",
    "kivi",
    "joki",
    "lampi",
    "suo",
    "nummi",
    "korpi",
    "linna",
    "puro",
    "nen",
    "la",
    "lä",
)
# Legal forms written after the name: the one or two words before one are the company ("pohjantähti oy:stä").
_LEGAL_AFTER_RE = re.compile(
    r"(?<![\w@.])((?:[^\W\d_][\w&'’-]*\s+)?[^\W\d_][\w&'’-]*)\s+(oy|oyj|ab|ky|ltd|llc|inc|gmbh|plc|oü)(?![\w-])",
    re.IGNORECASE,
)
# Words the legal-form rule must not take as a name: "my ltd", "the llc", "sen oy".
_LEGAL_STOP = {"my", "our", "the", "a", "an", "his", "her", "their", "its", "sen", "hänen", "oma", "ja", "and", "of"}
# A short quoted phrase after a "from/at/for" word or a business word is a shop's or a studio's name: «из «тёплого
# дома»», 'at "bramble and co"'. Quoted speech after other words ("said «next friday»") stays.
_QUOTE_CUES = {
    "en": {"from", "at", "for", "with", "called", "named", "shop", "studio", "agency", "store", "brand", "company"},
    "fi": {"firma", "yritys", "kauppa", "studio", "toimisto", "liike", "nimeltä"},
    "ru": {
        "из",
        "в",
        "во",
        "для",
        "от",
        "у",
        "с",
        "со",
        "компания",
        "компании",
        "магазин",
        "магазина",
        "студия",
        "студии",
        "фирма",
        "фирмы",
        "агентство",
        "агентства",
        "кафе",
        "салон",
        "салона",
        "называется",
    },
    "ar": {"شركة", "مؤسسة", "متجر", "مطعم", "مكتب", "اسمه", "اسمها", "محل", "مع", "من", "في"},
}
_QUOTED_RE = re.compile(r"[«\"“„]([^«»\"“”„\n]{2,40})[»\"”“]")
# Arabic business words: the definite word after one is most often the business's name ("وكالة الأفق", "مطابع
# النخيل"), so the pair is a suspect even when the name is an everyday word.
_AR_ORG_HEADS = frozenset(
    norm_ar(w)
    for w in [
        "شركة",
        "مؤسسة",
        "وكالة",
        "متجر",
        "مطعم",
        "مكتب",
        "مطابع",
        "مطبعة",
        "مصنع",
        "محل",
        "محلات",
        "معرض",
        "صالون",
        "مركز",
        "استوديو",
        "ستوديو",
        "دار",
        "مجموعة",
        "مدرسة",
        "عيادة",
        "مخبز",
        "مخبزة",
        "فندق",
        "مقهى",
        "كافيه",
        "جمعية",
        "أكاديمية",
        "اكاديمية",
        "معهد",
        "مكتبة",
        "مختبر",
        "بيت",
    ]
)
# Trades Arab firms put after their name with لل ("النور للمقاولات", "الفجر الجديد للدعاية").
_AR_TRADES = frozenset(
    norm_ar(w)
    for w in [
        "للدعاية",
        "للإعلان",
        "للاعلان",
        "للمقاولات",
        "للتجارة",
        "للتسويق",
        "للاستشارات",
        "للتصميم",
        "للبرمجيات",
        "للسياحة",
        "للطباعة",
        "للخدمات",
        "للتقنية",
        "للعقارات",
        "للتطوير",
        "للحلول",
        "للأثاث",
        "للمفروشات",
        "للتوريدات",
        "للنقل",
        "للشحن",
        "للإنتاج",
        "للانتاج",
        "للتدريب",
        "للتعليم",
        "للاتصالات",
        "للتكنولوجيا",
        "للهندسة",
        "للديكور",
        "للأزياء",
        "للملابس",
        "للعطور",
        "للمجوهرات",
        "للسيارات",
        "للنشر",
        "للترجمة",
        "للمحاماة",
    ]
)
# Role words after a genitive name: "Sinisiiven toimitusjohtaja", "Kettusen omistaja" (the company or the family).
_FI_ROLE_WORDS = frozenset(
    [
        "toimitusjohtaja",
        "toimitusjohtajan",
        "toimitusjohtajalle",
        "omistaja",
        "omistajan",
        "omistajalle",
        "yhteyshenkilö",
        "johtaja",
        "johtajan",
        "esimies",
        "pomo",
        "myyjä",
        "edustaja",
        "kirjanpitäjä",
        "markkinointipäällikkö",
        "hallitus",
        "asiakaspalvelu",
    ]
)
# Russian surname endings, for a lower-case word right after a name ("тимофей ласточкин", "ольга сизова").
_RU_SURNAME_RE = re.compile(
    r"(?:ов|ев|ёв|ин|ын|ск|цк|ова|ева|ёва|ина|ына|ских|цких|ский|цкий|ская|цкая|енко|ук|юк|ич)"
    r"(?:а|у|ым|ом|ой|е|ого|ому)?$"
)

# Business words a plain-word name follows ("студии Пиксельный сад", "kahvila sininen hetki", "ИП Колыванов"):
# Russian stems (any case ending) and Finnish base forms (any case, through fi_candidates).
_RU_BUSINESS_STEMS = (
    "студи",
    "магазин",
    "кафе",
    "салон",
    "агентств",
    "компани",
    "фирм",
    "ресторан",
    "пекарн",
    "типографи",
    "кофейн",
    "ателье",
    "клиник",
    "бюро",
)
_FI_BUSINESS_HEADS = frozenset(
    [
        "kahvila",
        "ravintola",
        "rakennusliike",
        "kampaamo",
        "parturi",
        "kauppa",
        "firma",
        "yritys",
        "studio",
        "toimisto",
        "liike",
        "leipomo",
        "pizzeria",
        "kukkakauppa",
        "mainostoimisto",
        "tilitoimisto",
        "korjaamo",
        "autokorjaamo",
        "hotelli",
        "kuntosali",
    ]
)

# "northwind & fable", "Harrow & Pike": two words around an ampersand.
_AMPERSAND_RE = re.compile(r"(?<![\w&])([^\W\d_]{3,})\s?&\s?([^\W\d_]{3,})(?![\w&])")
# A lower-case title and the (hyphenated) word after it: "mrs abernathy-cole", "г-жа соколова".
# Courtesy titles only ("coach", "miss" and "lady" are everyday words too): "mrs abernathy-cole".
_COURTESY_TITLES = frozenset(
    ["mr", "mrs", "ms", "mx", "dr", "herra", "rouva", "neiti", "г-н", "г-жа", "господин", "госпожа", "мистер", "миссис"]
)
# "from" after a name: "Ferran from", "ريتاج من", "Снежана из".
_FROM_WORDS = {"en": ("from", "at"), "fi": (), "ru": ("из", "с"), "ar": ("من", "في")}
_TITLE_NAME_RE = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(t) for t in sorted(_COURTESY_TITLES, key=len, reverse=True)) + r")\.?\s+"
    r"([a-zа-яёäö][^\W\d_]+(?:-[^\W\d_]+)?)",
    re.IGNORECASE,
)
# A Russian adjective ending, for a name of an adjective and a noun ("Пиксельный сад", "Зелёного Берега").
_RU_ADJECTIVE_RE = re.compile(r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ую|юю|ых|их)$")

# Everyday acronyms of work, money and public services ("PDF", "ИНН", "МФЦ"): never a suspect on their own.
_COMMON_ACRONYMS = frozenset(norm_key(w) for w in _read_lines("acronyms_common.txt"))

LanguageRule = Callable[[str, Sequence[Span]], Iterable[Suspect]]
# Extra rules of a language package (17a: Arabic, 17c: cased scripts), one line each:
# LANGUAGE_RULES["ar"] = (arabic_suspects,). A rule gets the text and the removed spans and yields suspects.
LANGUAGE_RULES: dict[str, tuple[LanguageRule, ...]] = {}

# More landscape heads of Finnish family names, for a word right after a first name ("oskari lehmusvirta").
_FI_SURNAME_HEADS = ("virta", "lehto", "rinne", "vuo", "kumpu", "laakso", "kari", "luoto", "mo", "kylä", "talo")
_CAMEL_RE = re.compile(r"[A-ZА-ЯЁ][a-zа-яё]+(?:[A-ZА-ЯЁ][a-zа-яё0-9]+)+")
_OPENING_QUOTES = "\"«“„'‘"
_FI_PLACE_CASES = ("ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "seen", "hin", "iin", "een")


class SuspectFinder:
    """Finds suspects in one language; lexicons are shared with the finders, so building one costs nothing."""

    def __init__(self, lex: Lexicon, en: Lexicon) -> None:
        self.lex = lex
        self.en = en
        self.lang = lex.lang
        self._not_identifying = lex.platforms | lex.calendar | lex.common | en.platforms | en.calendar
        # "ИНН", "IBAN", "телегу", "Кворка": words that name a kind of number or a platform identify no one.
        self._cue_words = (
            lex.cue("number_cues")
            | en.cue("number_cues")
            | lex.cue("handle_weak_cues")
            | en.cue("handle_weak_cues")
            | lex.cue("handle_cues")
        )
        # صور is Tyre and "photos": a place that is also a word is a suspect only after في/من.
        self._ambiguous_places = frozenset(norm_ar(w) for w in _read_lines("ambiguous_places_ar.txt"))

    @cached_property
    def _platform_stems(self) -> tuple[str, ...]:
        """ "телега" -> "телег", "kwork" -> "kwork": what an inflected platform word starts with."""
        words = self.lex.cue("handle_weak_cues") | self.en.cue("handle_weak_cues") | set(INFLECTABLE_PLATFORMS)
        stems = {w[:-1] if w[-1] in "aeiouyäöаеёиоуыэюяь" else w for w in words if w.isalpha()}
        return tuple(st for st in stems if len(st) >= 5)  # "инст" would also start "Инстар"

    def find(self, text: str, spans: Iterable[Span]) -> tuple[Suspect, ...]:
        """Suspects outside the removed spans, in reading order, adjacent words merged (each with a confidence)."""
        spans = tuple(spans)
        taken = [(s.start, s.end) for s in spans]
        found: list[Suspect] = []
        for m in _LATIN_HANDLE_RE.finditer(text):
            if not overlaps(m.start(), m.end(), taken) and not self._file_or_domain(m.group()):
                found.append(Suspect(m.start(), m.end(), "handle", 0.9))
        for m in _ID_SHAPE_RE.finditer(text):
            spot = (m.start(), m.end())
            if is_id_shaped(m.group()) and not overlaps(*spot, taken + [(f.start, f.end) for f in found]):
                found.append(Suspect(m.start(), m.end(), "number", 0.5))
        rules = (
            self.ampersand_name,
            self.title_and_name,
            self.before_legal_form,
            self.after_legal_form,
            self.quoted_name,
            self.arabic_business,
            self.arabic_trade_name,
            self.business_phrase,
        )
        for rule in (*rules, *LANGUAGE_RULES.get(self.lang, ())):
            for sus in rule(text, spans):
                sus = self.tail_after_removed(text, sus, spans)
                if sus and not overlaps(sus.start, sus.end, taken + [(f.start, f.end) for f in found]):
                    found.append(sus)
        taken += [(s.start, s.end) for s in found]
        pattern = ARABIC_WORD_RE if self.lang == "ar" else None
        tokens = tokenize(text) if pattern is None else tokenize(text, pattern)
        if self.lang == "ar":
            tokens += [t for t in tokenize(text) if t.text.isascii()]
            tokens.sort(key=lambda t: t.start)
        prev = ""
        person_ends = {s.end for s in spans if s.type == "person"}
        for i, tok in enumerate(tokens):
            if not overlaps(tok.start, tok.end, taken):
                after_name = text[tok.start - 1 : tok.start] == " " and tok.start - 1 in person_ends
                kind = self._kind(text, tok, "" if after_name else prev, after_name)
                confidence = self._confidence(tok)
                if not kind:
                    nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
                    from_person = i >= 2 and tokens[i - 2].end in person_ends and prev in _FROM_WORDS.get(self.lang, ())
                    kind, confidence = self._weak_kind(text, tok, nxt, after_name, from_person), 0.3
                if kind:
                    found.append(Suspect(tok.start, tok.end, kind, confidence))
                    if kind == "person":
                        person_ends.add(tok.end)
            prev = self._norm(tok.text)
        persons = tuple((s.start, s.end) for s in spans if s.type == "person")
        found = with_cased_suspects(self.lex, text, [(s.start, s.end) for s in spans], found, persons)
        return tuple(_merge(text, sorted(found, key=lambda s: s.start)))

    # --- passes over the whole text (a phrase, not one word) ------------------------------------------------------

    def tail_after_removed(self, text: str, sus: Suspect, spans: Sequence[Span]) -> Suspect | None:
        """ "студии [Пиксельный] сад": a phrase rule's suspect that runs into a removed span keeps the words after it
        when they go on the name: a word no vocabulary knows, or (Russian) a noun after an adjective the way a name
        of two words is built. "ravintolasta [Ruskotähti] halusi": an everyday word after it is the sentence again."""
        inside = [sp for sp in spans if sp.start < sus.end and sus.start < sp.end]
        if not inside:
            return sus
        last = max(inside, key=lambda sp: sp.end)
        tail = tokenize(text[last.end : sus.end])
        gap = text[last.end : last.end + tail[0].start].strip() if tail else "?"
        if gap not in ("", "&"):
            return None
        first = tail[0].text
        removed_word = text[last.start : last.end].split()[-1] if text[last.start : last.end].strip() else ""
        # "[northwind] & fable": the other half of a name joined by & is the name, everyday word or not.
        goes_on = (
            gap == "&"
            or not self.is_known_any_form(first)
            or (self.lang == "ru" and bool(_RU_ADJECTIVE_RE.search(removed_word.lower())) and first.islower())
        )
        start = last.end + tail[0].start
        return Suspect(start, sus.end, sus.type, sus.confidence) if goes_on else None

    def before_legal_form(self, text: str, spans: Sequence[Span]) -> Iterable[Suspect]:
        """ "asiakas veikko pohjantähti oy:stä", "worked for bramble yard ltd": the words before a legal form written
        after the name, with the form, are a company (the finders take the capitalised ones)."""
        for m in _LEGAL_AFTER_RE.finditer(text):
            words = m.group(1).split()
            while words and words[0].lower() in _LEGAL_STOP:
                words = words[1:]
            if not words:
                continue
            if len(words) == 2 and self.is_known_word(words[0]) and not self.is_known_word(words[1]):
                words = words[1:]  # "veikko pohjantähti oy": the name is the word next to the form
            start = m.end(1) - len(" ".join(words))
            if text[start : m.end(1)] == " ".join(words):
                yield Suspect(start, m.end(2), "org", 0.7)

    def ampersand_name(self, text: str, spans: Sequence[Span]) -> Iterable[Suspect]:
        """ "northwind & fable", "Harrow & Pike": two words joined by & are a firm's name, in any case."""
        for m in _AMPERSAND_RE.finditer(text):
            if not (self.is_known_word(m.group(1)) and self.is_known_word(m.group(2)) and m.group(1).islower()):
                yield Suspect(m.start(), m.end(), "org", 0.7)
            elif m.group(1).islower() and m.group(2).islower():
                yield Suspect(m.start(), m.end(), "org", 0.5)  # "salt & pepper" too: the author decides

    def title_and_name(self, text: str, spans: Sequence[Span]) -> Iterable[Suspect]:
        """ "one mrs abernathy-cole told me", "herra lehmusvirta": a title and the word after it, in lower case (the
        finders take the capitalised ones), hyphenated names whole."""
        for m in _TITLE_NAME_RE.finditer(text):
            title, name = self._norm(m.group(1).rstrip(".")), m.group(2)
            if title not in _COURTESY_TITLES or len(name) < 3 or self._norm(name) in self.lex.common:
                continue
            if "-" in name or not self.is_known_word(name):
                yield Suspect(m.start(), m.end(), "person", 0.7)

    def after_legal_form(self, text: str, spans: Sequence[Span]) -> Iterable[Suspect]:
        """ "joku jarkko tmi kattopojalta", "ип жеребцов": a legal form written before the name and the word after it
        are the company, the form included (a lower-case name the finders leave)."""
        forms = _ORG_WORDS.get(self.lang, set())
        toks = tokenize(text)
        for form, name in itertools.pairwise(toks):
            if self._norm(form.text) not in forms or text[form.end : name.start] != " " or len(name.text) < 3:
                continue
            if self._norm(name.text) not in self.lex.common and not self.is_cue_word(name.text):
                yield Suspect(form.start, name.end, "org", 0.7)

    def quoted_name(self, text: str, spans: Sequence[Span]) -> Iterable[Suspect]:
        """ "из «тёплого дома»", 'a shop called "bramble & co"': a short quoted phrase after a from/at word or a
        business word is a name, in any case."""
        cues = _QUOTE_CUES.get(self.lang, set()) | _QUOTE_CUES["en"]
        for m in _QUOTED_RE.finditer(text):
            before = re.findall(r"\w+", text[max(0, m.start() - 30) : m.start()])
            if before and self._norm(before[-1]) in cues and len(m.group(1).split()) <= 3:
                yield Suspect(m.start(1), m.end(1), "org", 0.5)

    def arabic_trade_name(self, text: str, spans: Sequence[Span]) -> Iterable[Suspect]:
        """ "الفجر الجديد للدعاية", "النور للمقاولات": one or two definite words before a trade written with لل are
        a company's name, the way Arab firms are named (everyday words all of them)."""
        if self.lang != "ar":
            return
        toks = tokenize(text, ARABIC_WORD_RE)
        for i, trade in enumerate(toks):
            if norm_ar(trade.text) not in _AR_TRADES or i == 0:
                continue
            start = None
            for k, prev in enumerate((toks[i - 1], toks[i - 2] if i >= 2 else None)):
                if prev is None or not norm_ar(prev.text).startswith("ال"):
                    break
                if k == 0 and norm_ar(prev.text) in self.lex.common:
                    break
                start = prev.start
            if start is not None and not text[start : trade.start].strip(" ").count("،"):
                yield Suspect(start, trade.end, "org", 0.5)

    def is_business_word(self, word: str) -> bool:
        """ "студии", "ИП", "kahvilalle": a word for a shop, studio or firm (any case) that a name may follow."""
        w = self._norm(word)
        if self.lang == "ru":
            return any(w.startswith(st) and len(w) - len(st) <= 3 for st in _RU_BUSINESS_STEMS) and len(w) >= 2
        if self.lang == "fi":
            return w in _FI_BUSINESS_HEADS or bool(fi_candidates(w) & _FI_BUSINESS_HEADS)
        return False

    def business_phrase(self, text: str, spans: Sequence[Span]) -> Iterable[Suspect]:
        """ "студии Пиксельный сад", "rakennusliike hirvonen ei maksanut": after a business word, the one or two
        words up to a common word or a punctuation mark are its name; the business word goes with them."""
        if self.lang not in ("ru", "fi"):
            return
        toks = tokenize(text)
        for i, head in enumerate(toks[:-1]):
            if not self.is_business_word(head.text):
                continue
            end = head.end
            for n, tok in enumerate(toks[i + 1 : i + 3]):
                if text[end : tok.start].strip() or self._norm(tok.text) in self.lex.common:
                    break
                if self.is_business_word(tok.text) or self._norm(tok.text) in self._not_identifying:
                    break
                if n == 0 and self.lang == "ru" and not tok.cap and self.is_known_any_form(tok.text):
                    break  # "магазин свечей": a lower-case everyday word says what the shop sells
                if n == 1 and not toks[i + 1].cap and self.is_known_word(tok.text):
                    break  # "kattopojalta kolme": a second everyday word only joins a capitalised first one
                end = tok.end
            if end > head.end:
                yield Suspect(head.start, end, "org", 0.5)

    def arabic_business(self, text: str, spans: Sequence[Span]) -> Iterable[Suspect]:
        """ "وكالة الأفق", "في مطابع النخيل": a business word and the definite word after it (the business's name,
        even when it is an everyday word)."""
        if self.lang != "ar":
            return
        toks = tokenize(text, ARABIC_WORD_RE)
        for head, name in itertools.pairwise(toks):
            n = norm_ar(head.text)
            core = n[1:] if n[:1] in "وبل" and n[1:] in _AR_ORG_HEADS else n
            gap = text[head.end : name.start]
            nn = norm_ar(name.text)
            if nn in self.lex.common or not nn.startswith("ال") or len(nn) <= 4:
                continue  # "شركة الشركة", "بيت العميل": a word any story uses is no name
            if core in _AR_ORG_HEADS and gap == " ":
                yield Suspect(head.start, name.end, "org", 0.5)

    # --- one predicate per reason ----------------------------------------------------------------------------------

    def _confidence(self, tok: Token) -> float:
        """0.9 for a listed name, place or country; 0.7 for a capitalised word; 0.5 for a lower-case one a cue
        points at."""
        lw = self._norm(tok.text)
        if lw in self.lex.countries or self.is_name_listed(tok.text):
            return 0.9
        return 0.7 if tok.cap else 0.5

    def _weak_kind(self, text: str, tok: Token, nxt: str, after_name: bool, from_person: bool = False) -> str:
        """The widest rules (confidence 0.3): a word the other rules let pass but that may still be a name."""
        if self.is_surname_after_name(tok.text, after_name):
            return "person"
        if from_person and self.is_where_they_work(tok.text):
            return "org"
        if self.is_genitive_before_role(tok, nxt):
            return "org"
        if self.is_capitalised_mid_sentence(text, tok):
            return "org"
        return ""

    def is_surname_after_name(self, word: str, after_name: bool) -> bool:
        """ "клиент тимофей ласточкин", "tilaaja oskari lehmusvirta": right after a name, a word with a surname
        ending (Russian) or one whose base forms no vocabulary knows (Finnish)."""
        if not after_name or len(word) < 5:
            return False
        if self.lang == "ru":
            return bool(_RU_SURNAME_RE.search(word.lower()))
        if self.lang == "fi":
            w = self._norm(word)
            unknown = w not in self.lex.vocab and not fi_candidates(w) & (self.lex.vocab | self.lex.common)
            return unknown and w.endswith(_FI_NAME_HEADS + _FI_SURNAME_HEADS)
        return False

    def is_where_they_work(self, word: str) -> bool:
        """ "المصممة ريتاج من لمسات", "priya from northwind": after a name and "from", a word no story needs is
        where they work (called only in that place)."""
        w = self._norm(word)
        if len(w) < 3 or w in self.lex.common or w in self._not_identifying or self.is_cue_word(word):
            return False
        return w not in self.lex.frequent if self.lang == "ar" else not self.is_known_any_form(word)

    def is_genitive_before_role(self, tok: Token, nxt: str) -> bool:
        """ "Sinisiiven toimitusjohtaja": a capitalised genitive right before a role word is whose the role is,
        even at a sentence start and even when the word is an everyday one."""
        return self.lang == "fi" and tok.cap and tok.text.endswith("n") and nxt.lower() in _FI_ROLE_WORDS

    def is_capitalised_mid_sentence(self, text: str, tok: Token) -> bool:
        """ "полгода верстала для Зелёного Берега": Russian and Finnish capitalise no common noun mid-sentence, so a
        capitalised everyday word there is most likely a name (a company named in plain words)."""
        if self.lang not in ("ru", "fi") or not tok.cap or tok.all_caps or len(tok.text) < 3:
            return False
        if tok.sent_start or is_sentence_start(text, tok.start) or text[tok.start - 1 : tok.start] in _OPENING_QUOTES:
            return False
        w = tok.text
        if w.isascii() or self.is_cue_word(w) or self.is_inflected_platform(w) or self.is_platform_compound(w):
            return False
        return self._norm(w) not in self._not_identifying

    def _kind(self, text: str, tok: Token, prev: str, after_name: bool = False) -> str:
        """The suspect type of one word, or '' when it is an ordinary word."""
        w = tok.text
        if len(w) < 2 or self._norm(w) in self._not_identifying or self.is_platform_compound(w):
            return ""
        if self.is_cue_word(w) or self.is_inflected_platform(w) or (w.isupper() and self._norm(w) in _COMMON_ACRONYMS):
            return ""
        if self.lang == "ar" and not w.isascii():
            return self._arabic_kind(w, prev, after_name)
        if self.lang == "ru" and not w.isascii():
            kind = ru_proper_kind(w)
            if kind and (tok.cap or kind == "person"):
                return kind
            if tok.cap and ru_is_known(w) and not after_name:
                return ""  # "Созванивались", "Фриланс": the dictionary knows it as an ordinary word
        if self.is_country(w):
            return "place"
        if self.is_camel_case(w) or self.is_foreign_latin(w) or self.is_quoted_name(text, tok):
            return "org"
        if self.is_acronym(w):
            return "place" if prev in _PLACE_WORDS.get(self.lang, set()) else "org"
        if not tok.cap:
            return self._lower_kind(w, prev)
        at_start = tok.sent_start or is_sentence_start(text, tok.start)
        if at_start and (self.is_known_word(w) or self.is_known_compound(w) or self.is_finnish_inflected_word(w)):
            return ""
        if self.is_known_word(w) and not self.is_name_listed(w):
            return ""
        return self._guess(w, prev)

    def is_platform_compound(self, word: str) -> bool:
        """ "Teams-käyttäjänsä", "LinkedInissä": a platform, inflected or as the head of a compound, names no one."""
        tail = word.partition("-")[2]
        if tail[:1].islower():
            return True
        if self.lang == "fi" and word[:1].isupper():
            return bool(fi_candidates(word) & (self.lex.platforms | self.en.platforms))
        return False

    def is_cue_word(self, word: str) -> bool:
        """ "ИНН 7707083893", "IBAN он дал", "وحسابه": a word that says what kind of number or account follows (in
        Arabic also behind و/ف/ب/ل)."""
        w = self._norm(word)
        return w in self._cue_words or (self.lang == "ar" and w[:1] in "وفبل" and w[1:] in self._cue_words)

    def is_inflected_platform(self, word: str) -> bool:
        """ "с Кворка", "в телегу", "Kworkissa": a platform name with a case ending (at most four letters)."""
        w = self._norm(word)
        return any(w.startswith(stem) and 0 < len(w) - len(stem) <= 4 for stem in self._platform_stems)

    def is_known_compound(self, word: str) -> bool:
        """ "Tilausnumero", "Asiakaspalvelu": a Finnish compound of two everyday words (at a sentence start)."""
        w = self._norm(word)
        if self.lang != "fi" or w.endswith(_FI_NAME_HEADS):
            return False
        return _fi_compound_of_words(w, self.lex.vocab, 2)

    def is_finnish_inflected_word(self, word: str) -> bool:
        """ "Vuokralaiset", "Käännän" at a sentence start: a case or verb form of an everyday word whose base forms
        name no one (no listed first name, surname or town among them: "Virtasen" stays a suspect)."""
        if self.lang != "fi":
            return False
        w = self._norm(word)
        forms = fi_candidates(w) | ({w[:-3] + "nen"} if w.endswith("set") else set())  # vuokralaiset -> -lainen
        names = self.lex.first_names | self.lex.surnames | self.lex.places
        return not forms & names and any(len(f) >= 4 and f in self.lex.vocab for f in forms)

    def is_camel_case(self, word: str) -> bool:
        """ "BrickAndLoom", "StudioKrona": a capital inside a word is how brands are written."""
        return bool(_CAMEL_RE.fullmatch(word))

    def is_foreign_latin(self, word: str) -> bool:
        """ "работал на Krona", "متجر Qamar": a Latin word in Arabic or Cyrillic text that English does not know."""
        if self.lang not in ("ar", "ru") or not word.isascii() or not word.isalpha() or len(word) < 3:
            return False
        lw = word.lower()
        return lw not in self.en.vocab and lw not in self.en.common and lw not in self.en.platforms

    def is_quoted_name(self, text: str, tok: Token) -> bool:
        """'a shop called "Crumbhollow"', «Пиксельный»: a capitalised word right after an opening quote."""
        return tok.cap and text[tok.start - 1 : tok.start] in _OPENING_QUOTES and tok.start > 1

    def is_country(self, word: str) -> bool:
        """ "she moved to Portugal": a country narrows down who someone is; the author decides."""
        return self._norm(word) in self.lex.countries

    def is_acronym(self, word: str) -> bool:
        """ "a clinic in SLC", "worked for NWT", "ПЦРД не ответил": a capitalised abbreviation of 2-6 letters that no
        vocabulary and no list of everyday acronyms knows ("PDF", "МФЦ", "HMRC" name no one)."""
        w = self._norm(word)
        return 2 <= len(word) <= 6 and word.isupper() and w not in self.lex.vocab and w not in _COMMON_ACRONYMS

    def is_known_word(self, word: str) -> bool:
        """ "Then", "Invoice", "Horror": an everyday word of the language (or of English, quoted in any language)."""
        lw = self._norm(word[:-2] if word.endswith(("'s", "’s")) else word)
        if lw in self.lex.vocab or lw in self.en.vocab or lw in self.lex.common:
            return True
        # "Reminders", "Admins": the plural of an everyday English word that names no one.
        single = lw[:-1] if len(lw) > 4 and lw.endswith("s") and word.isascii() else ""
        names = (self.en.first_names, self.en.surnames, self.en.places)
        return bool(single) and single in self.en.vocab and not any(single in n for n in names)

    def is_known_any_form(self, word: str) -> bool:
        """ "задолжала", "esitteen": an everyday word in any inflected form (pymorphy3 for Russian, base forms for
        Finnish), so a rule that reaches past a name stops at it."""
        if self.is_known_word(word):
            return True
        if self.lang == "ru" and not word.isascii():
            return ru_is_known(word.lower())
        if self.lang == "fi":
            return bool(fi_candidates(self._norm(word)) & (self.lex.vocab | self.lex.common))
        return False

    def is_name_listed(self, word: str) -> bool:
        """ "asked Faith", "with Summer": a list name that is also a word, capitalised mid-sentence."""
        lw = self._norm(word)
        return lw in self.lex.first_names or lw in self.lex.surnames or lw in self.lex.places

    def _lower_kind(self, word: str, prev: str) -> str:
        """ "with tobias", "in tacoma": an unknown lower-case word right after a person or place word."""
        if len(word) < 3:
            return ""
        lw = self._norm(word)
        if not self.is_known_word(word) and lw not in self.lex.ambiguous:
            if lw in self.lex.first_names or lw in self.lex.surnames:
                return "person"  # "the worst was declan"
            if lw in self.lex.places:
                return "place"  # "a friend in leeds"
        listed = lw in self.lex.first_names or lw in self.lex.surnames
        if listed and prev in _PERSON_WORDS.get(self.lang, set()):
            return "person"  # "joku jarkko": a listed name after a person word, even when a vocabulary has it too
        if self.is_known_word(word) or (
            self.lang == "ru" and self.is_known_any_form(word) and not ru_proper_kind(word)
        ):
            return ""  # "с задержкой", "с заказчиком": an inflected everyday word
        if self.lang == "fi":
            return self._finnish_lower_kind(word, prev)
        if prev in _PERSON_WORDS.get(self.lang, set()):
            return "person"
        if prev in _PLACE_WORDS.get(self.lang, set()):
            return "place"
        if prev in _ORG_WORDS.get(self.lang, set()):
            return "org"
        return ""

    def _finnish_lower_kind(self, word: str, prev: str) -> str:
        """ "joku jarkko", "tmi kattopojalta": after a person or company word, a word whose base forms the vocabulary
        does not know either (inflected Finnish words are too often outside the list to flag them anywhere else)."""
        if self.is_inflected_finnish_name(word):
            return "person"
        if prev not in _PERSON_WORDS["fi"] and prev not in _ORG_WORDS["fi"]:
            return ""
        if fi_candidates(word) & (self.lex.vocab | self.lex.common):
            return ""
        return "person" if prev in _PERSON_WORDS["fi"] else "org"

    def is_inflected_finnish_name(self, word: str) -> bool:
        """ "soitin pekalle", "omistaja sannalta": a listed first name or surname behind a case ending, in lower case
        (names that are also words, tuuli or toivo, are left alone)."""
        w = self._norm(word)
        if w in self.lex.vocab or w in self.lex.common:
            return False
        names = (self.lex.first_names | self.lex.surnames) - self.lex.ambiguous
        return any(c != w and c in names for c in fi_candidates(w))

    def _guess(self, word: str, prev: str) -> str:
        """ "from Tacoma" -> place, "with Devorah" -> person, "Larkspur" alone -> person (the likeliest)."""
        lw = self._norm(word)
        if prev in _PLACE_WORDS.get(self.lang, set()) or lw in self.lex.places:
            return "place"
        if self.lang == "fi" and lw.endswith(_FI_PLACE_CASES):
            return "place"
        return "person"

    def _arabic_kind(self, word: str, prev: str, after_name: bool) -> str:
        """ "ورزان", "لسلطان", "بتبوك": a listed name or place behind a prefix; an unknown word after a cue or name.

        "وليد القضاة": a family name right after a first name is flagged even when it is also a word.
        """
        n = norm_ar(word)
        cores = [n] + [n[len(p) :] for p in _AR_PREFIXES if n.startswith(p) and len(n) - len(p) >= 3]
        cued = prev in _PERSON_WORDS["ar"] or prev in _PLACE_WORDS["ar"]
        place = [c for c in cores if c in self.lex.countries or c in self.lex.places]
        if place and (cued or not any(c in self._ambiguous_places or c in self.lex.vocab for c in place)):
            return "place"
        verb = is_arabic_verb_form(n)
        if after_name and n not in self.lex.frequent and n not in self.lex.common and len(n) >= 3 and not verb:
            return "person"  # "[العميل] حداد", "وليد القضاة": a family name right after a removed first name
        listed = [c for c in cores if c in self.lex.first_names or c in self.lex.surnames]
        if listed and (cued or not any(c in self.lex.ambiguous or c in self.lex.frequent for c in listed)):
            return "person"
        stems = set(cores) | {
            c[: -len(x)] for c in cores for x in _AR_SUFFIXES if c.endswith(x) and len(c) - len(x) >= 3
        }
        if any(c in self.lex.vocab or c in self.lex.common for c in stems) or len(n) < 3 or not cued:
            return ""
        return "place" if prev in _PLACE_WORDS["ar"] else "person"

    def _norm(self, word: str) -> str:
        return norm_ar(word) if self.lang == "ar" and not word.isascii() else norm_key(word)

    @staticmethod
    def _file_or_domain(tok: str) -> bool:
        """ "report.pdf", "v2.1": a file name or a version number is not a username."""
        return (
            bool(re.search(r"\.(?:pdf|docx?|xlsx?|png|jpe?g|zip|txt|psd|ai|fig|mp4|mov|md|py|csv|svg)$", tok, re.I))
            or bool(re.fullmatch(r"[vV]?\d+(?:\.\d+)+", tok))
            or is_platform_domain(tok)
        )


# A token of letters and digits, possibly joined by - or /: "4471-ZK", "A77F2", "88ХК-17".
_ID_SHAPE_RE = re.compile(r"(?<![\w\-/#@.])[^\W_]+(?:[\-/][^\W_]+)*(?![\w\-/@])")
# Parts in the shapes a story uses, not an id's: 4K, 1080p, 10am, 3x, 2nd, 24h, MP4, H264, Q3, 3D, 100к.
_NOT_ID_RE = re.compile(
    r"\d+(?:k|m|x|px|p|am|pm|gb|mb|kb|tb|hz|fps|mm|cm|km|kg|st|nd|rd|th|h|d|s|min|v|w|kw|к|м|р|ч|х|д|г)"
    r"|(?:mp|h|x|v|ps|gpt|win|ios|web|covid|iphone|ipad|office|q|k|s|js|es|p|a|b|c)\d+",
    re.IGNORECASE,
)


def _fi_compound_of_words(w: str, vocab: frozenset[str], depth: int) -> bool:
    """ "astianpesukone" = astia(n) + pesu + kone: a Finnish compound of everyday words, the first ones perhaps in the
    genitive, read to depth splits."""
    for i in range(3, len(w) - 2):
        head, tail = w[:i], w[i:]
        if head not in vocab and not (head.endswith("n") and head[:-1] in vocab) and not fi_candidates(head) & vocab:
            continue
        if tail in vocab or fi_candidates(tail) & vocab:
            return True
        if depth > 1 and len(tail) >= 6 and _fi_compound_of_words(tail, vocab, depth - 1):
            return True
    return False


def is_id_shaped(token: str) -> bool:
    """ "4471-ZK", "A77F2", "88ХК-17": a part mixing letters and digits (or capitals beside a number), with two
    digits at least, in no shape a story uses for sizes, times, versions or formats ("10am-6pm", "MP4", "10-го")."""
    if len(token) < 4 or sum(ch.isdigit() for ch in token) < 2 or SHARED_CODE_RE.fullmatch(token):
        return False
    parts = re.split(r"[\-/]", token)
    has_number = any(p.isdigit() for p in parts)
    for part in parts:
        mixed = any(ch.isdigit() for ch in part) and any(ch.isalpha() for ch in part)
        if mixed and not _NOT_ID_RE.fullmatch(part):
            return True
        if part.isalpha() and part.isupper() and len(part) >= 2 and has_number:
            return True
    return False


def is_arabic_verb_form(n: str) -> bool:
    """ "نصبت", "وصممت", "دفعوا", "يماطل": a verb ending or prefix (after و/ف); after a name it says what they did."""
    cores = (n, n[1:]) if n[:1] in "وف" and len(n) > 4 else (n,)
    return any(
        c.endswith(("ني", "نا", "وا", "ته", "تها", "تهم"))
        or (len(c) >= 4 and c[0] in "يت")
        or (len(c) == 4 and c.endswith("ت") and not c.startswith("ال"))
        for c in cores
    )


def _merge(text: str, found: list[Suspect]) -> list[Suspect]:
    """ "Ruairi Fennessy": two suspect words side by side are one suspect (the author picks a person, not halves)."""
    out: list[Suspect] = []
    for s in found:
        joinable = out and text[out[-1].end : s.start] == " " and "handle" not in (out[-1].type, s.type)
        if joinable:
            # The first word's context types the run; the surest word sets its confidence.
            out[-1] = Suspect(out[-1].start, s.end, out[-1].type, max(out[-1].confidence, s.confidence))
        elif not out or s.start >= out[-1].end:
            out.append(s)
    return out


def suspects_in_output(suspects: Iterable[Suspect], spans: Iterable[Span]) -> tuple[Suspect, ...]:
    """The same suspects with offsets moved into the anonymised text (spans replaced by their placeholders)."""
    spans = sorted(spans, key=lambda s: s.start)
    out = []
    for sus in suspects:
        shift = sum(len(sp.placeholder) - (sp.end - sp.start) for sp in spans if sp.end <= sus.start)
        out.append(Suspect(sus.start + shift, sus.end + shift, sus.type, sus.confidence))
    return tuple(out)
