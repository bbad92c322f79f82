"""Sentence-initial words: is a capitalised word that opens a sentence a name, or just the first word?

Each rule takes an `Initial` and answers True (a name), False (an ordinary word) or None (says nothing);
`initial_is_name` tries them in order. A new rule goes where its example would otherwise be decided wrongly.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..kinds import is_camel_case, is_kind, kind_compound
from ..morph import fi_candidates, fi_looks_like_surname, fi_nature_compound
from ..rules import first_verdict
from ..russian import ru_is_known, ru_proper_kind
from ..textutil import Token, norm_key

if TYPE_CHECKING:
    from .finder import CasedFinder

RU_VERB_RE = re.compile(r"^[а-яё]+(?:л|ла|ло|ли|лся|лась|лось|лись|ет|ит|ат|ят|ется|ится|ает|яет)$")
AFTER_NAME = {
    "en": {"from", "at", "of", "who", "and", "with"},
    "fi": {"joka", "jonka", "ja"},
    "ru": {"из", "от", "с", "со", "который", "которая", "и"},
}
# Any noun goes with быть, so "Созвон был…" says nothing about a name; an oblique case at a sentence start is an object.
_RU_COPULA = {"был", "была", "было", "были", "будет", "будут", "стал", "стала", "стало", "стали"}
_RU_OBLIQUE = ("ом", "ем", "ами", "ями", "ах", "ях", "ой", "ую", "ого", "его", "ому", "ему", "ым", "ых", "их")
FI_INFLECTED = (
    "ja",
    "jä",
    "ita",
    "itä",
    "ssa",
    "ssä",
    "sta",
    "stä",
    "lla",
    "llä",
    "lta",
    "ltä",
    "lle",
    "ksi",
    "tta",
    "ttä",
    "nsa",
    "nsä",
    "ineen",
    "ista",
    "istä",
    "ien",
    "iden",
    "t",
)
_NEXT_WORD_RE = re.compile(r"\s+([^\W\d_]+)")


@dataclass(frozen=True)
class Initial:
    """The run opening a sentence (its first word is the one in question) and the token after the run."""

    finder: CasedFinder
    text: str
    toks: list[Token]
    nxt_tok: Token | None

    @property
    def word(self) -> str:
        return self.toks[0].text

    @functools.cached_property
    def key(self) -> str:
        return norm_key(self.word)

    @functools.cached_property
    def nxt(self) -> str:
        return norm_key(self.nxt_tok.text) if self.nxt_tok is not None else ""

    @functools.cached_property
    def gap(self) -> str:
        return self.text[self.toks[0].end : self.nxt_tok.start] if self.nxt_tok is not None else ""

    @functools.cached_property
    def listed(self) -> bool:
        lex = self.finder.lex
        lemmas = self.finder.lemmas(self.word)  # no union of the lists for every word
        return any(w in s for w in lemmas for s in (lex.first_names, lex.surnames, lex.places))

    @property
    def lang(self) -> str:
        return self.finder.lang


def ambiguous_needs_cue(r: Initial) -> bool | None:
    """ "Rose called me" is a name, "Rose, the colour…" is not: a listed name that is also a word needs a cue (a
    longer run, a verb, "from"/"who" after it, or a comma then a lower-case word)."""
    f, lex = r.finder, r.finder.lex
    ambiguous = bool(f.lemmas(r.word) & lex.ambiguous) or (r.listed and r.key in lex.common)
    if not ambiguous:
        return None
    verb_cue = r.nxt in lex.cue("strong_verbs") or (r.lang == "ru" and bool(RU_VERB_RE.match(r.nxt)))
    verb_cue = verb_cue or (r.lang == "fi" and finnish_did_not(r))
    cue = (
        len(r.toks) > 1
        or verb_cue
        or (r.gap.strip() == "" and r.nxt in AFTER_NAME.get(r.lang, set()))
        or (r.gap.strip() == "," and len(r.toks) == 1 and r.nxt_tok is not None and not r.nxt_tok.cap)
    )
    return cue and not (r.gap.strip() == "," and r.key in lex.common)


_FI_NOT_DONE_RE = re.compile(r"\s+ei\s+[a-zåäö]+(?:nut|nyt|lut|lyt|rut|ryt|sut|syt)\b")


def finnish_did_not(r: Initial) -> bool:
    """ "Tuuli ei vastannut", "Satu ei maksanut": "ei" and a past participle, something only someone fails to do."""
    return r.nxt_tok is not None and bool(_FI_NOT_DONE_RE.match(r.text, r.toks[0].end))


def business_shaped(r: Initial) -> bool | None:
    """ "Kuljetus-Vääräniemi ajoi…", "Harrow & Lark paid half", "LähiTapiolan kanssa…": a kind of business
    hyphened to a name, two words joined by "&" or a CamelCase brand is a company's name even at a sentence start."""
    if kind_compound(r.finder, r.word) or (len(r.toks) == 1 and is_camel_case(r.word)):
        return True  # and "LähiTapiolan kanssa…": a capital inside the word is a brand's
    if len(r.toks) > 1 and r.text[r.toks[0].end : r.toks[1].start].strip() in ("&", "+"):
        return True
    return None


def verb_before_kind(r: Initial) -> bool | None:
    """ "Siivosin Kotisiivous Kaarnalle", "Laskutin Rakennus Halmesaarta": a company's name opens with its kind of
    business, so the word before the kind opens the sentence, not the name."""
    if len(r.toks) < 3 or r.listed or r.finder.lang == "en":
        return None
    return False if is_kind(r.finder, r.toks[1].text) and not is_kind(r.finder, r.word) else None


_APPOSITION_RE = re.compile(r",\s+([^,!?;:\n]{2,60}?),")
_APPOSITION_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*\.?")


def named_by_apposition(r: Initial) -> bool | None:
    """ "Mark, Mr. No-Boundaries, my client, never paid", "Aarni, meidän entinen asiakas, soitti": a lone first word
    followed by an aside between commas that holds a person noun or a title is that person's name (a listed first
    name even when it is also a word, or a word no vocabulary knows; "Honestly, my client…" has no closing aside)."""
    if len(r.toks) != 1 or r.gap.strip() != ",":
        return None
    m = _APPOSITION_RE.match(r.text, r.toks[0].end)
    if m is None:
        return None
    f, lex = r.finder, r.finder.lex
    nouns = lex.cue("person_before") | lex.cue("lowercase_person_before") | lex.cue("titles")
    words = [norm_key(w).rstrip(".") for w in _APPOSITION_WORD_RE.findall(m.group(1))]
    if len(words) > 6 or not any(w in nouns or (r.lang == "fi" and fi_candidates(w) & nouns) for w in words):
        return None
    lemmas = f.lemmas(r.word)
    lists = (lex.common, lex.calendar, lex.platforms, lex.countries)
    if r.key in lex.common or any(w in s for w in lemmas for s in lists):
        return None
    return True if f.is_first_name(r.word) or f.unknown_name_shape(r.word, after_cue=True) else None


def listed_name(r: Initial) -> bool | None:
    """ "Mikko never answered", "Tampereella oli kylmä": a first name, surname or place from the lists."""
    return True if r.listed else None


def common_word(r: Initial) -> bool | None:
    """ "Client never paid", "Asiakas": a word of the common-words list opens the sentence."""
    f = r.finder
    return False if r.key in f.lex.common or f._in(r.word, f.lex.common) else None


def unknown_word_acting(r: Initial) -> bool | None:
    """ "Thaddeus from…", "Мелания попросила…": a lone word no vocabulary knows, followed by what fits a name."""
    if len(r.toks) == 1 and r.finder.unknown_name_shape(r.word) and unknown_initial_is_name(r):
        return True
    return None


def first_of_longer_run(r: Initial) -> bool | None:
    """ "Mervi Laaksonen" is a name; "Yhteistyö Heikin kanssa": an unknown first word before a known first name
    is an ordinary word."""
    if len(r.toks) == 1:
        return None
    f = r.finder
    return len(r.toks) > 2 or not (f.is_first_name(r.toks[1].text) and not r.word[1:2].isupper())


def russian_dictionary_person(r: Initial) -> bool | None:
    """ "Гаврилюк его фамилия", "Кузьмичу я писала": a word the Russian dictionary reads first as a first name,
    surname or patronymic in any case form is a person, wherever the sentence goes on."""
    if r.lang != "ru" or len(r.toks) != 1:
        return None
    return True if ru_proper_kind(r.word) == "person" else None


def russian_unlisted(r: Initial) -> bool | None:
    """«Проект сорвался»: in Russian an unlisted word opening a sentence is an ordinary word."""
    return False if r.lang == "ru" else None


_FI_WHERE_CASES = ("ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä")


def finnish_place_case(r: Initial) -> bool | None:
    """ "Nastolassa asiakas maksoi", "Kiuruvedeltä tuli tilaus": Finnish opens a sentence with where; an unknown
    word in a place case is a town (not a compound of everyday words: "Asiakastapaamisessa")."""
    if r.lang != "fi" or len(r.toks) != 1 or not r.key.endswith(_FI_WHERE_CASES):
        return None
    f = r.finder
    if f.ordinary(r.word) or r.key in f.lex.frequent:
        return None
    return True if fi_nature_compound(r.key) or not fi_compound(r.key, f.lex.vocab) else None


def finnish_case_form(r: Initial) -> bool | None:
    """ "Sähköposteja tuli": a Finnish plural or case form at a sentence start is not a name in the nominative."""
    return False if r.lang == "fi" and r.key.endswith(FI_INFLECTED) else None


def introduced_by_origin(r: Initial) -> bool | None:
    """ "Marguerite from Fernhill Studio": someone introduced by where they come from (a capitalised word after)."""
    if r.lang != "en" or r.nxt not in ("from", "at", "of") or r.key.endswith("s") or r.nxt_tok is None:
        return None
    if r.text[r.toks[0].end : r.nxt_tok.start].strip():
        return None
    m = _NEXT_WORD_RE.match(r.text, r.nxt_tok.end)
    return True if m and m.group(1)[:1].isupper() else None


def strong_verb_follows(r: Initial) -> bool | None:
    """ "Brannagh replied", "Tuukka lupasi": a verb people do right after the word ("Mies sanoo", a frequent word
    no list names, is the man)."""
    if r.key in r.finder.lex.frequent:
        return None
    return r.nxt in r.finder.lex.cue("strong_verbs")


def finnish_rare_word_acting(r: Initial) -> bool | None:
    """ "Veikan kanssa sovittiin", "Saimi lupasi": the Finnish vocabulary comes from running text and holds names, so
    a word outside its most frequent part is read as an unknown one, with the stricter cues only (a verb people do, a
    postposition; not "oli", "Palkkio oli pieni")."""
    f = r.finder
    if r.lang != "fi" or len(r.toks) != 1 or r.key in f.lex.frequent or r.key in f.lex.common:
        return None
    return True if finnish_name_acting(r, strict=True) else None


INITIAL_RULES: tuple[Callable[[Initial], bool | None], ...] = (
    business_shaped,
    verb_before_kind,
    named_by_apposition,
    ambiguous_needs_cue,
    listed_name,
    common_word,
    unknown_word_acting,
    first_of_longer_run,
    russian_dictionary_person,
    russian_unlisted,
    finnish_rare_word_acting,
    finnish_place_case,
    finnish_case_form,
    introduced_by_origin,
    strong_verb_follows,
)


def initial_is_name(r: Initial) -> bool:
    """The first rule that decides whether the sentence-initial word is a name."""
    return first_verdict(INITIAL_RULES, r, False)


def unknown_initial_is_name(r: Initial) -> bool:
    """An unknown, non-vocabulary word opening a sentence: a name when what follows fits a name.

    English: always ("Crispin's assistant", "Ezekiel (goes by Zeke)"). Russian: a verb, «из»/«от», or an aside
    after it ("Мелания попросила", "Мелания, …"), unless the word is in an oblique case («Подрядчиком выступал»)
    or the verb is быть («Созвон был»). Finnish: see finnish_name_acting.
    """
    if r.lang == "en":
        return True
    if r.lang == "fi":
        return finnish_name_acting(r)
    if r.lang != "ru" or r.nxt_tok is None:
        return False
    gap = r.gap.strip()
    verb = bool(RU_VERB_RE.match(r.nxt)) or r.nxt in r.finder.lex.cue("strong_verbs")
    verb = verb and r.nxt not in _RU_COPULA
    if r.key.endswith(_RU_OBLIQUE) or russian_common_noun(r.word):
        return False
    return (gap == "" and (verb or r.nxt in AFTER_NAME["ru"])) or gap in (",", "(", "—", "-")


def russian_common_noun(word: str) -> bool:
    """ "Претензию отправил", "Госпошлину вернули": a form the dictionary knows, with no reading as a name or a place,
    is an everyday word our vocabulary list lacks in that case (a surname the dictionary lacks stays a name)."""
    return ru_is_known(word) and ru_proper_kind(word) == ""


_FI_POSSESSIVE = ("ni", "si", "nsa", "nsä", "mme", "nne")
_FI_POSTPOSITIONS = {"kanssa", "kautta", "luona", "luota", "luokse", "mukaan", "puolesta", "takia", "vuoksi"}
_FI_VERB_AFTER_NAME = {"oli", "on", "ei", "ja", "joka", "jonka", "sanoi", "kertoi", "lupasi", "vastasi", "soitti"}


def finnish_name_acting(r: Initial, strict: bool = False) -> bool:
    """ "Kyllikki lupasi maksaa", "Rautakorpi ei vastannut", "Veikan kanssa sovittiin": an unknown Finnish word in the
    nominative right before a verb, or in the genitive before "kanssa"/"kautta", is who acts; a case form
    ("Sähköposteja tuli") or a compound of two everyday words ("Projektipäällikkö lupasi") is an ordinary word,
    unless it is shaped like a surname (-nen, -la) or ends in a lake or hill word (Rautakorpi).

    strict: only a verb people do, a postposition or "ei" with a past participle count (not "oli", "on", "ja")."""
    if r.nxt_tok is None or r.gap.strip() not in ("", ","):
        return False
    lex = r.finder.lex
    postposition = r.nxt in _FI_POSTPOSITIONS and r.key.endswith("n")  # "Veikan kanssa sovittiin"
    weak = r.nxt in _FI_VERB_AFTER_NAME and not strict
    if r.nxt not in lex.cue("strong_verbs") and not weak and not postposition and not finnish_did_not(r):
        return False
    if r.key in lex.cue("person_before") or r.key.endswith(_FI_POSSESSIVE):
        return False  # "Asiakkaani lupasi": a role, and "my" is no name
    if fi_looks_like_surname(r.word):
        return True
    if r.key.endswith(FI_INFLECTED):
        return False
    return fi_nature_compound(r.key) or not fi_compound(r.key, lex.vocab)


def fi_compound(word: str, vocab: frozenset[str]) -> bool:
    """ "projektipäällikkö" = projekti + päällikkö, "asiakastapaamisessa" = asiakas + tapaamisessa: an everyday
    word (three letters or more) glued to an everyday word in any case form (four or more), or any first part before a
    long everyday word ("laskutusosoite")."""
    for i in range(3, len(word) - 3):
        head, tail = word[:i], word[i:]
        tail_known = tail in vocab or bool(fi_candidates(tail) & vocab)
        # The vocabulary lacks many first parts ("laskutus"); a long known last part is enough ("-osoite").
        if tail_known and (head in vocab or (len(head) >= 4 and len(tail) >= 6)):
            return True
    return False
