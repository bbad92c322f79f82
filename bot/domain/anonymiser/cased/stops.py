"""Stop rules: capitalised words that are never identifiers (platforms, months, countries, acronyms, "I").

Each rule takes a `Stop` (the word and what stands around it) and answers True (a stop word), False (not one,
whatever later rules say) or None (says nothing). `is_stop` tries them in order; a new rule goes where its
example would otherwise be decided wrongly, with a test of that example.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..rules import first_verdict
from ..textutil import Token, norm_key

if TYPE_CHECKING:
    from .finder import CasedFinder


_MONTH_NAMES_THAT_ARE_NAMES = {"april", "may", "june", "august"}
_TIME_WORDS = {
    "in",
    "on",
    "since",
    "until",
    "till",
    "by",
    "last",
    "next",
    "early",
    "mid",
    "late",
    "this",
    "of",
    "before",
    "after",
    "from",
    "through",
    "end",
}
_INFLECTED_ACRONYM_RE = re.compile(r"[A-ZА-ЯЁ]{2,5}(?:s|es|ed|d|ing|'s|’s|ы|ов|ом|а|е|у)")
# Platform names that are also ordinary words: inside a longer capitalised name they are part of it.
WORDLIKE_PLATFORMS = {
    "threads",
    "signal",
    "medium",
    "word",
    "teams",
    "meet",
    "drive",
    "docs",
    "sheets",
    "notion",
    "monday",
    "steam",
    "unity",
    "swift",
    "node",
    "contra",
    "malt",
    "guru",
    "booking",
    "orange",
    "wise",
    "bluesky",
    "freelancer",
    "apple",
    "amazon",
    "visa",
    "stripe",
    "slack",
    "zoom",
    "canva",
    "framer",
    "messenger",
    "vero",
    "tori",
    "posti",
}


@dataclass(frozen=True)
class Stop:
    """One capitalised word at the edge of a run, with its neighbours."""

    finder: CasedFinder
    tok: Token
    prev: str = ""
    nxt: str = ""
    initial: bool = False  # followed by a full stop inside a longer run ("J. Smith")
    around: tuple[str, str] = ("", "")  # up to 16 characters either side
    in_name: bool = False  # part of a longer run

    @property
    def word(self) -> str:
        return self.tok.text

    @property
    def key(self) -> str:
        return norm_key(re.sub(r"['’]s$", "", self.tok.text))


def pronoun_i(s: Stop) -> bool | None:
    """ "I", "I'm", "I'd": the pronoun."""
    return True if s.key in ("i", "i'm", "i'd", "i've", "i'll") else None


def single_letter(s: Stop) -> bool | None:
    """ "A", "В": a lone letter is a stop, except a capital initial inside a run ("J. Smith")."""
    if len(s.word) != 1:
        return None
    return not (s.word.isupper() and s.initial)


def number_cue_word(s: Stop) -> bool | None:
    """ "Платёжка с номером", "firman ALV-numero on": a word that announces a number is no name (Finnish and
    Russian; in English "Bill" is one)."""
    f = s.finder
    key = s.key
    if f.lang in ("fi", "ru") and len(key) >= 4 and (key in f.lex.cue("number_cues") or key in f.lex.cue("id_cues")):
        return True
    return None


def inflected_acronym(s: Stop) -> bool | None:
    """ "DMing", "PDFs", "CEO's", "NDAs", «СМСы»: an acronym with an ending is an ordinary word."""
    return True if _INFLECTED_ACRONYM_RE.fullmatch(s.word) else None


def calendar_word(s: Stop) -> bool | None:
    """ "Monday", "March"; "May" and "June" are names unless a time word or a digit is next to them ("in May")."""
    cal = s.finder.lex.calendar
    if not cal or not (s.key in cal or s.key.rstrip("s") in cal):
        return None
    if s.key in _MONTH_NAMES_THAT_ARE_NAMES:
        before, after = s.around
        near_digit = before.rstrip()[-1:].isdigit() or after.lstrip()[:1].isdigit()
        return s.prev in _TIME_WORDS or s.nxt in _TIME_WORDS or near_digit or month_pair(s)
    return True


def month_pair(s: Stop) -> bool:
    """ "for June and July", "May or June": a month next to another month (through "and"/"or") is a month."""
    m = re.match(r"\s+(?:and|or|to|-|–)\s+([A-Z][a-z]+)", s.around[1])
    if m and norm_key(m.group(1)) in s.finder.lex.calendar:
        return True
    b = re.search(r"([A-Z][a-z]+)\s+(?:and|or|to|-|–)\s+$", s.around[0])
    return bool(b and norm_key(b.group(1)) in s.finder.lex.calendar)
    return True


def platform_compound(s: Stop) -> bool | None:
    """ "Figma-prototyypin", "Slack-kanavalla": a platform compound is an ordinary word."""
    head, _, tail = s.word.partition("-")
    return True if tail[:1].islower() and s.finder._in(head, s.finder.lex.platforms) else None


def platform_or_country(s: Stop) -> bool | None:
    """ "Upwork", "Finland" are stops; "Adire Threads" keeps its ordinary word; "Chelsea" the name stays a name."""
    f = s.finder
    if not f._in(s.word, f.lex.platforms | f.lex.countries):
        return None
    if s.in_name and s.key in WORDLIKE_PLATFORMS:
        return False
    return not f.is_first_name(s.word) or f._in(s.word, f.lex.platforms)


def short_acronym(s: Stop) -> bool | None:
    """ "CEO", "PDF", "ASAP": up to four capitals no legal form or gazetteer knows ("OY" and "IKEA" stay); after a
    kind of organisation ("Ammattiliitto PAM", "агентство ТНТ") the capitals are its name."""
    f = s.finder
    key = s.key
    if s.tok.all_caps and _kind_right_before(f, s.around[0]):
        return False
    return s.tok.all_caps and len(s.word) <= 4 and key not in f.lex.cue("legal_forms") and key not in f._gaz


def _kind_right_before(f: CasedFinder, before: str) -> bool:
    """ "Ammattiliitto PAM": the word right before is a kind of organisation (or a Finnish compound ending in one)."""
    m = re.search(r"([^\W\d_]+) $", before)
    if not m:
        return False
    lw = norm_key(m.group(1))
    kinds = f.lex.cue("org_kinds")
    return lw in kinds or (
        f.lang == "fi" and any(lw.endswith(k) and len(lw) > len(k) + 2 for k in kinds if len(k) >= 5)
    )


STOP_RULES: tuple[Callable[[Stop], bool | None], ...] = (
    pronoun_i,
    single_letter,
    number_cue_word,
    inflected_acronym,
    calendar_word,
    platform_compound,
    platform_or_country,
    short_acronym,
)


def is_stop(s: Stop) -> bool:
    """The first rule that decides; a word no rule speaks about is no stop word."""
    return first_verdict(STOP_RULES, s, False)


def platform_remnant(f: CasedFinder, toks: list[Token]) -> bool:
    """ "Google Play", "Slack Huddle": once the platform is cut off, an ordinary word left alone belongs to it."""
    return len(toks) == 1 and f.ordinary(toks[0].text) and not f.is_personish(toks[0].text)


def lone_common_word(f: CasedFinder, toks: list[Token]) -> bool:
    """ "the Client", "a Studio": one capitalised common word (or a company suffix) mid-sentence is no name."""
    if len(toks) != 1 or toks[0].sent_start:
        return False
    w = toks[0].text
    lw = norm_key(w)
    return (lw in f.lex.common or w in f.lex.cue("org_suffixes")) and not f.is_personish(w) and not f.is_place(w)
