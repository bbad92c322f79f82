"""Which kind of name a run of capitalised words is (person, company or place), one rule per function.

The rules are tried in order by `classify`; each takes the run and returns its split into typed parts, or None
when it says nothing. The order matters (a legal form beats a first name), so a new rule goes where its example
would otherwise be decided wrongly, with a test of that example.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from .morph import fi_nature_compound
from .rules import first_verdict
from .russian import ru_adjective_noun, ru_proper_kind
from .textutil import Token, norm_key

if TYPE_CHECKING:
    from .cased import CasedFinder

Parts = list[tuple[list[Token], str]]

_PLACE_PREP = {"en": {"in", "near"}, "fi": set(), "ru": {"в", "во", "из", "под"}}
_ORG_PREP = {"en": {"at", "from", "with", "for", "by", "via", "joined"}, "fi": set(), "ru": {"у", "от"}}
_FI_LOCATIVE = ("ssa", "ssä", "sta", "stä")
# Case endings that close a Finnish name: inside a name of several words only the last one is inflected, so a word
# carrying one of these before another capitalised word ends one entity ("Pullapuodille Ylihärmässä").
_FI_CLOSING_CASES = ("lle", "lta", "ltä", "ssa", "ssä", "sta", "stä", "lla", "llä", "ksi")
_RU_ADJ_ENDINGS = (
    "ом",
    "ем",
    "ой",
    "ей",
    "ого",
    "его",
    "ый",
    "ий",
    "ая",
    "яя",
    "ую",
    "юю",
    "ым",
    "им",
    "ых",
    "их",
    "ие",
    "ые",
)
# Finnish illative endings ("Ähtäriin", "Kajaaniin", "Raaheen"): where someone went.
_FI_ILLATIVE = ("aan", "ään", "een", "iin", "oon", "uun", "yyn", "öön", "seen", "siin")
_RU_WORK_VERBS = ("работал", "работала", "работаю", "работали", "работает", "трудился", "трудилась", "подрабатывал")


# "the folks at Glenmore", "worked at copperline": who is at a company, or working at one.
_AT_WORK_BEFORE = {
    "folks",
    "guys",
    "people",
    "team",
    "someone",
    "somebody",
    "everyone",
    "boss",
    "bosses",
    "manager",
    "owner",
    "ceo",
    "cto",
    "hr",
    "recruiter",
    "work",
    "worked",
    "working",
    "works",
    "job",
    "gig",
    "contract",
    "interned",
    "freelanced",
    "employed",
}


def at_workplace(text: str, start: int) -> bool:
    """ "the folks at Glenmore", "my old boss at Fenwick Tate", "worked at copperline": the word starting at start
    follows "at" after a person or a verb of working, so it names a company (not a town)."""
    before = re.findall(r"[^\W\d_]+", text[max(0, start - 40) : start].lower())
    return len(before) >= 2 and before[-1] == "at" and before[-2] in _AT_WORK_BEFORE


@dataclass(frozen=True)
class Run:
    """A run of capitalised tokens to type, with the word before it and whether a title or role cued a person."""

    finder: CasedFinder
    text: str
    toks: list[Token]
    prev: str
    person_cue: bool

    @functools.cached_property
    def words(self) -> list[str]:
        return [t.text for t in self.toks]

    @functools.cached_property
    def lem(self) -> list[str]:
        return [self.finder.lemma(w) for w in self.words]

    @functools.cached_property
    def last_lemmas(self) -> set[str]:
        return self.finder.lemmas(self.words[-1])

    def cue(self, name: str) -> frozenset[str]:
        return self.finder.lex.cue(name)


def kind_called(r: Run) -> Parts | None:
    """ "a startup called Loomwise", "студия под названием Мята": named after a kind of business, it is the business
    (a naming word alone says person: "a client called Loomwise")."""
    if r.prev not in ("called", "named", "nimeltä", "названием"):
        return None
    before = re.findall(r"[^\W\d_]+", r.text[max(0, r.toks[0].start - 40) : r.toks[0].start].lower())
    at = -3 if r.prev == "названием" else -2  # "студия под названием"
    kind = len(before) >= -at and is_kind(r.finder, before[at])
    return [(r.toks, "org")] if kind else None


def cued_person(r: Run) -> Parts | None:
    """ "Mr Quill", "asiakas Mervi Laaksonen": a title or role word before the run makes it a person."""
    return [(r.toks, "person")] if r.person_cue else None


def legal_form_or_suffix(r: Run) -> Parts | None:
    """ "Acme Oy", "Pell & Varga", "Veera Salmela Kuvamaisema Oy": a company, with who runs it split off."""
    f = r.finder
    legal = any(f._in(w, r.cue("legal_forms")) for w in r.words)
    suffix = len(r.toks) > 1 and bool(r.last_lemmas & r.cue("org_suffixes"))
    gaps = [r.text[a.end : b.start] for a, b in pairwise(r.toks)]
    if not (legal or suffix or any("&" in g or "+" in g for g in gaps)):
        return None
    if len(r.toks) >= 3 and f.is_first_name(r.words[0]):
        # "Niinalle Kielipaja Oy", "Veera Salmela Kuvamaisema Oy": who, then which company.
        two = len(r.toks) >= 4 and (f.is_personish(r.words[1]) or r.lem[1] not in r.cue("org_suffixes"))
        k = 2 if two else 1
        return [(r.toks[:k], "person"), (r.toks[k:], "org")]
    return [(r.toks, "org")]


def finnish_case_boundary(r: Run) -> Parts | None:
    """ "Pullapuodille Ylihärmässä", "Autokorjaamo Kinnusjoelle Ruovedellä": a Finnish word inflected in a case
    before another capitalised word closes a name; each side is typed on its own. A listed town at the end of a
    longer run is split off too ("Kahvila Sumuranta Pieksämäen", "Hyvä Hetki Lapualla")."""
    f = r.finder
    if f.lang != "fi" or len(r.toks) < 2:
        return None
    for i, w in enumerate(r.words[:-1]):
        lw = norm_key(w)
        if len(lw) < 6 or not lw.endswith(_FI_CLOSING_CASES) or f.is_first_name(w):
            continue
        if f.ordinary(w) and not f.is_place(w):
            continue  # the vocabulary holds towns' case forms too ("Jyväskylässä Pohjoisvirta Ky:lle")
        if f.lemmas(r.words[i + 1]) & (r.cue("legal_forms") | r.cue("org_suffixes")):
            continue  # "Rautasilta Oy": -lta is part of the name when a legal form follows
        return _split(r, i + 1)
    if len(r.toks) > 2 and f.is_place(r.words[-1]) and not f.is_first_name(r.words[-1]):
        return _split(r, len(r.toks) - 1)
    return None


def _split(r: Run, k: int) -> Parts:
    head = Run(r.finder, r.text, r.toks[:k], r.prev, r.person_cue)
    tail = Run(r.finder, r.text, r.toks[k:], norm_key(r.words[k - 1]), False)
    return classify(head) + classify(tail)


def kind_word_opens(r: Run) -> Parts | None:
    """ "Rakennus Halmesaarelle", "Kahvila Sumuranta", "Kuljetus-Vääräniemi": a kind of business opening the run (or
    the first half of a hyphenated word, the way small Finnish firms are named) makes it a company."""
    f = r.finder
    if len(r.toks) > 1 and (is_kind(f, r.words[0]) or (f.lang == "fi" and is_kind(f, r.words[-1]))):
        return [(r.toks, "org")]  # Finnish also ends a name with the kind: "Hiekkaharjun Konepajalle"
    if len(r.toks) == 1 and kind_compound(f, r.words[0]):
        return [(r.toks, "org")]
    return None


def is_kind(f: CasedFinder, word: str) -> bool:
    """ "Kahvila", "Rakennus", "агентство": a word naming a kind of business (any case form)."""
    kinds = f.lex.cue("org_kinds")
    lw = norm_key(word)
    if lw in kinds or f.lemmas(word) & kinds:
        return True
    # "Sähköpaja", "Putkiliike": the head of a Finnish compound says the kind.
    return f.lang == "fi" and any(lw.endswith(k) and len(lw) > len(k) + 2 for k in kinds if len(k) >= 4)


def kind_compound(f: CasedFinder, word: str) -> bool:
    """ "Kuljetus-Vääräniemi", "Siivous-Pirkitta", "Kauppis-Heikin": a kind of business, a hyphen, a capitalised
    name."""
    head, _, tail = word.partition("-")
    return bool(tail[:1].isupper()) and len(tail) >= 3 and is_kind(f, head)


def russian_place_phrase(r: Run) -> Parts | None:
    """ "в Нижнем Новгороде", "из Старого Оскола", "в Нижнем Тагиле": after в/из an adjective agreeing with the
    next word is a town's name, not a company's."""
    f = r.finder
    if f.lang != "ru" or len(r.toks) != 2 or r.prev not in ("в", "во", "из", "под", "до"):
        return None
    a, b = r.words
    if not norm_key(a).endswith(_RU_ADJ_ENDINGS) or ru_proper_kind(b) == "person":
        return None
    return [(r.toks, "place")] if ru_adjective_noun(a, b) or f.is_place(b) else None


def russian_work_place(r: Run) -> Parts | None:
    """ "Работал на Альфастрой", "работала на Техноресурсе": "на" after a verb of working names an employer."""
    if r.finder.lang != "ru" or r.prev != "на":
        return None
    before = r.text[max(0, r.toks[0].start - 20) : r.toks[0].start].lower().split()
    return [(r.toks, "org")] if len(before) >= 2 and before[-2].startswith(_RU_WORK_VERBS) else None


def street_or_venue(r: Run) -> Parts | None:
    """ "Pearl Street", "Grafton St", "Hämeenkatu": a street or venue word makes the run a place."""
    venue = len(r.toks) > 1 and bool(r.last_lemmas & r.cue("venue_suffixes"))
    street = _street_word(r.lem[-1], r) if len(r.toks) > 1 else _street_word(r.lem[0], r)
    return [(r.toks, "place")] if venue or street else None


def russian_town_after_v(r: Run) -> Parts | None:
    """ "в Касимове": a surname-shaped word after "в" is a town (Иваново, Пушкино)."""
    f = r.finder
    if f.lang == "ru" and len(r.toks) == 1 and r.prev in ("в", "во") and not f.is_first_name(r.words[0]):
        return [(r.toks, "place")]
    return None


def person_then_place(r: Run) -> Parts | None:
    """ "Harriet Quill Leeds": a personal name followed by a listed town is two things."""
    f = r.finder
    if len(r.toks) > 1 and f.is_place(r.words[-1]) and f.is_personish(r.words[0]):
        return [(r.toks[:-1], "person"), (r.toks[-1:], "place")]
    return None


def listed_place(r: Run) -> Parts | None:
    """ "New York", "Leeds": a place the lists know (one word: not also a first name)."""
    f = r.finder
    joined = norm_key(" ".join(r.words))
    one = len(r.toks) == 1 and f.is_place(r.words[0]) and not f.is_first_name(r.words[0])
    return [(r.toks, "place")] if joined in f.lex.places or one else None


def town_in_company(r: Run) -> Parts | None:
    """ "Ankara Looms", "Helsinki Design": a town name opening a longer name is part of a company's name."""
    f = r.finder
    if len(r.toks) > 1 and f.is_place(r.words[0]) and not f.is_first_name(r.words[0]):
        return [(r.toks, "org")]
    return None


def after_kind_word(r: Run) -> Parts | None:
    """ "Tilitoimisto Lukkarila", "агентство Quillmark": a kind of business right before the run names it, even
    when the name is a surname (a Finnish kind in the genitive owns what follows: "firman Pekka" is someone)."""
    kinds = r.cue("org_kinds")
    # "Henkilöstöfirma Workin Pirkanmaa": the head of a Finnish compound says the kind as well.
    compound = r.finder.lang == "fi" and any(
        r.prev.endswith(k) and len(r.prev) > len(k) + 2 for k in kinds if len(k) >= 5
    )
    kind = (r.prev in kinds or compound) and not (r.finder.lang == "fi" and r.prev.endswith("n"))
    return [(r.toks, "org")] if kind else None


# "Savon Viikko -nimiselle lehdelle", "Nordvisio -niminen startup": Finnish "named X" after the name, in any case.
_FI_NAMED_RE = re.compile(
    r"[ \u00a0]?-nimi(?:nen|sen|selle|sessä|seen|sestä|sellä|seltä|siä|set|sten)\b", re.IGNORECASE
)
_FI_PERSON_HEADS = ("henkilö", "mies", "miehe", "nainen", "naise", "tyyppi", "tyypi", "kaveri", "asiakas", "asiakka")
_FI_PLACE_HEADS = ("kaupunki", "kaupungi", "kylä", "kunta", "kunna", "paikkakun", "kaupunginosa", "saari", "saare")


def finnish_named_after(f: CasedFinder, text: str, end: int) -> bool:
    """ "Nordvisio -niminen startup": "-niminen" (named) right after a capitalised run."""
    return f.lang == "fi" and _FI_NAMED_RE.match(text, end) is not None


def finnish_named(r: Run) -> Parts | None:
    """ "Savon Viikko -nimiselle ilmaisjakelulehdelle": a run followed by "-niminen" (named) is a name; the noun after
    says its kind (a paper, a startup: a company; a man, a client: a person; a village: a place)."""
    if r.finder.lang != "fi":
        return None
    m = _FI_NAMED_RE.match(r.text, r.toks[-1].end)
    if not m:
        return None
    nxt = re.match(r"\s*([^\W\d_]+)", r.text[m.end() : m.end() + 40])
    head = norm_key(nxt.group(1)) if nxt else ""
    if head.startswith(_FI_PERSON_HEADS):
        return [(r.toks, "person")]
    if head.startswith(_FI_PLACE_HEADS):
        return [(r.toks, "place")]
    return [(r.toks, "org")]


def at_work(r: Run) -> Parts | None:
    """ "the folks at Glenmore", "my old boss at Fenwick Tate": a workplace (see at_workplace) even when the name
    reads like a person's."""
    return [(r.toks, "org")] if r.finder.lang == "en" and at_workplace(r.text, r.toks[0].start) else None


def personal_name(r: Run) -> Parts | None:
    """ "Tobias Wrenfield", "Сидорова": a listed first name first, or any word shaped like a name or surname."""
    f = r.finder
    if f.is_first_name(r.words[0]) or any(f.is_personish(w) for w in r.words):
        return [(r.toks, "person")]
    return None


def word_before(r: Run) -> Parts | None:
    """ "agency Quillmark" -> company, "client Larkspur" -> person, "in Tacoma" -> place, "at Halvard Capital"."""
    f = r.finder
    if r.prev in r.cue("org_kinds"):
        return [(r.toks, "org")]
    if r.prev in r.cue("person_before"):
        return [(r.toks, "person")]
    if r.prev in _PLACE_PREP.get(f.lang, set()) or r.prev in r.cue("place_before"):
        return [(r.toks, "place")]
    if f.lang == "fi" and len(r.toks) == 1 and norm_key(r.words[0]).endswith(_FI_LOCATIVE):
        return [(r.toks, "place")]  # "Kuopiossa": a locative case of an unknown word is somewhere
    if f.lang == "fi" and len(r.toks) == 1 and finnish_nature_place(r.words[0]):
        return [(r.toks, "place")]
    if f.lang == "fi" and len(r.toks) == 1 and len(r.words[0]) >= 6 and norm_key(r.words[0]).endswith(_FI_ILLATIVE):
        return [(r.toks, "place")]  # "ajoin Ähtäriin": the illative of an unknown word is where someone went
    if f.lang == "en" and r.prev == "of" and r.text[max(0, r.toks[0].start - 7) : r.toks[0].start].lower() == "out of ":
        return [(r.toks, "place")]  # "a roastery out of Kettering"
    if r.prev in _ORG_PREP.get(f.lang, set()) and (len(r.toks) > 1 or f.lang == "ru"):
        return [(r.toks, "org")]
    return None


def finnish_nature_place(word: str) -> bool:
    """ "Ruovedellä", "Savitaipaleelta": a lake, river or hill compound in the adessive or ablative is where something
    happened (a surname takes these cases too, but less often than a town does)."""
    lw = norm_key(word)
    return lw.endswith(("lla", "llä", "lta", "ltä")) and fi_nature_compound(lw)


def camel_case_brand(r: Run) -> Parts | None:
    """ "КолесоПро", "СтройТехМонтаж", "BrickAndLoom": a capital inside a word is how brands are written."""
    return [(r.toks, "org")] if len(r.toks) == 1 and is_camel_case(r.words[0]) else None


def is_camel_case(w: str) -> bool:
    """ "LähiTapiolan", "КолесоПро": a capital inside a word of six letters or more (not McKenzie, O'Brien,
    Pemberton-Shah, and not an acronym)."""
    if w.startswith(("Mc", "Mac", "O'", "O’", "D'", "D’")) or "-" in w or not any(c.islower() for c in w):
        return False
    return len(w) >= 6 and w[:1].isupper() and any(c.isupper() for c in w[3:])


# Words around a name that say the story is about working for it ("freelanced for", "Olin … keikkatöissä").
_EN_WORK_FOR = {"worked", "work", "working", "freelanced", "freelancing", "contracted", "subcontracted", "consulted"}
_EN_ROLE_OF = {"ceo", "cto", "coo", "cfo", "founder", "cofounder", "co-founder", "owner", "head", "director"}
_FI_WORK_WORDS = {
    "töitä",
    "töissä",
    "töihin",
    "keikkaa",
    "keikkoja",
    "keikalla",
    "keikkatöissä",
    "keikkatöitä",
    "alihankkijana",
    "freelancerina",
    "harjoittelijana",
    "käännöksiä",
    "kuvituksia",
    "käännöstöitä",
}
_RU_WORK_BEFORE = ("сотруднича", "работа", "переводил", "верстал", "подрабатывал", "трудил")


def work_context(r: Run) -> Parts | None:
    """ "I freelanced for Sproutwise", "the CTO of Lumenstack", "Olin Tuohiverkolla alihankkijana", "Tein töitä
    Kelorralle", "сотрудничал с Лесоторгом": a single name someone worked for, at or with is an employer."""
    f = r.finder
    if len(r.toks) != 1 or f.is_first_name(r.words[0]):
        return None
    start, end = r.toks[0].start, r.toks[0].end
    before = re.findall(r"[^\W\d_]+", r.text[max(0, start - 40) : start].lower())
    after = re.findall(r"[^\W\d_]+", r.text[end : end + 30].lower())
    if f.lang == "en":
        work = r.prev in ("for", "by") and len(before) >= 2 and before[-2] in _EN_WORK_FOR
        work = work or (r.prev == "of" and len(before) >= 2 and before[-2] in _EN_ROLE_OF)
    elif f.lang == "fi":
        near = set(before[-3:]) | set(after[:2])
        work = norm_key(r.words[0]).endswith(("lle", "lla", "llä")) and bool(near & _FI_WORK_WORDS)
    else:
        work = len(before) >= 2 and r.prev in ("с", "со", "на", "для") and before[-2].startswith(_RU_WORK_BEFORE)
        work = work and not f.is_personish(r.words[0])
    return [(r.toks, "org")] if work else None


def acronym_run(r: Run) -> Parts | None:
    """ "NWT Logistics": a longer run opening with an acronym is a company."""
    first = r.toks[0]
    if len(r.toks) > 1 and (first.all_caps or first.text[1:2].isupper()):
        return [(r.toks, "org")]
    return None


RULES: tuple[Callable[[Run], Parts | None], ...] = (
    kind_called,
    finnish_named,
    cued_person,
    finnish_case_boundary,
    legal_form_or_suffix,
    kind_word_opens,
    russian_place_phrase,
    russian_work_place,
    street_or_venue,
    russian_town_after_v,
    person_then_place,
    listed_place,
    town_in_company,
    after_kind_word,
    at_work,
    work_context,
    personal_name,
    camel_case_brand,
    word_before,
    acronym_run,
)


def classify(r: Run) -> Parts:
    """The first rule that decides; an unknown capitalised run nobody explains is most often a person."""
    return first_verdict(RULES, r, [(r.toks, "person")])


def _street_word(lemma: str, r: Run) -> bool:
    return any(lemma.endswith(s) and len(lemma) > len(s) + 2 for s in r.cue("street_suffixes"))
