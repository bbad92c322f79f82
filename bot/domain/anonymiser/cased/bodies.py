"""Public bodies named by their seat, and employers named by a word of career. A court or a library is an everyday
word; its seat makes it one body a reader can find ("Kanta-Hämeen käräjäoikeus", "Ленинский районный суд",
"Тверскую городскую библиотеку"). "ex-HMRC", "бывший арт-директор Озона": a former employer says where someone
worked, however well known it is (HMRC alone is an everyday public service and stays).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Mention
from ..morph import fi_candidates
from ..textutil import Token, norm_key

if TYPE_CHECKING:
    from .finder import CasedFinder

P_BODY = 56
# "Satakunnan käräjäoikeus", "Kanta-Hämeen käräjäoikeudessa", "Vaasan hovioikeuteen": a genitive seat, then the body.
_FI_BODY_RE = re.compile(
    r"(?<![\w-])[A-ZÄÖ][\wäöå]*(?:-[A-ZÄÖ][\wäöå]*)?n (?:käräjä|hovi|hallinto-|vakuutus)?oikeu(?:s|den|teen|dessa|desta"
    r"|delle|delta|tta)(?![\w-])|(?<![\w-])[A-ZÄÖ][\wäöå]*n (?:poliisilaitos|poliisilaitokse\w{0,4}"
    r"|kaupunginhallitu\w{0,4}|kaupunginkirjasto\w{0,4})(?![\w-])"
)
# "Ленинский районный суд", "Тверскую городскую библиотеку", "Оренбургский областной суд": a capitalised adjective
# (the seat), the level of the body, the body.
_RU_BODY_RE = re.compile(
    r"(?<![\w-])[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё]+)?(?:ий|ый|ой|ого|ому|ом|ая|ую|ей|ое|ие|их) "
    r"(?:районн|городск|областн|краев|межрайонн|республиканск|арбитражн)[а-яё]{1,3} "
    r"(?:суд|библиотек|прокуратур|больниц|администраци|дум|поликлиник|школ|лице|гимнази)[а-яё]{0,3}(?![\w-])"
)
# "Kalevan kuorosta", "Hervannan seuran": a capitalised genitive (the place or the founder), then a community that
# meets there (a choir, a club, a team, a parish).
_FI_COMMUNITY_RE = re.compile(
    r"(?<![\w-])([A-ZÄÖ][\wäöå]+n) ((?:kuoro|seura|kerho|klubi|joukkue|orkesteri)[a-zäöå]{0,6})(?![\w-])"
)
_FI_COMMUNITIES = frozenset(["kuoro", "seura", "kerho", "klubi", "joukkue", "orkesteri"])
# "Ассоциация фрилансеров Поволжья", "Гильдию иллюстраторов Урала": an association of people of some trade, and the
# capitalised region or city it gathers them in.
_RU_ASSOCIATION_RE = re.compile(
    r"(?<![\w-])(?:Ассоциаци|Гильди|Союз|Клуб|Сообществ|Объединени)[а-яё]{0,3} (?:[а-яё]+ ){1,2}"
    r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
)
# "ex-HMRC", "ex-Deloitte": a capitalised word (or an acronym) after "ex-".
_EN_FORMER_RE = re.compile(r"(?<![\w-])ex-([A-Z][\w&]*(?: [A-Z][\w&]*)?)")
# "бывший арт-директор Озона", "экс-сотрудник Сбера": "former", one or two lower-case words, a capitalised word.
_RU_FORMER_RE = re.compile(r"(?<![\w-])(?:бывш[а-яё]{2,3}|экс-)\s?(?:[а-яё]+(?:-[а-яё]+)? ){1,2}([А-ЯЁA-Z][\w-]+)")
# "producer at Channel 4", "для Пятого канала": a numbered channel.
_CHANNEL_RE = re.compile(r"(?<![\w-])(?:Channel \d{1,2}|[А-ЯЁ][а-яё]+(?:ый|ой|ого|ом|ому) канал[а-яё]{0,2})(?![\w-])")


def public_bodies(text: str, lang: str, countries: frozenset[str] = frozenset()) -> list[Mention]:
    """ "Kanta-Hämeen käräjäoikeus hylkäsi …", "Ленинский районный суд взыскал …": the body with its seat; a
    choir or club with its place ("Kalevan kuorosta"), an association with its region ("Гильдия иллюстраторов
    Урала")."""
    rxs = {"fi": (_FI_BODY_RE,), "ru": (_RU_BODY_RE, _RU_ASSOCIATION_RE)}.get(lang, ())
    out = [Mention(m.start(), m.end(), "org", norm_key(m.group()), P_BODY) for rx in rxs for m in rx.finditer(text)]
    if lang == "fi":
        out += [
            Mention(m.start(), m.end(), "org", norm_key(m.group()), P_BODY)
            for m in _FI_COMMUNITY_RE.finditer(text)
            if ({m.group(2)} | fi_candidates(m.group(2))) & _FI_COMMUNITIES  # "seurannassa" is tracking, no club
            and not fi_candidates(norm_key(m.group(1))) & countries  # "Suomen kuorot": the country's, not one
        ]
    return out + [Mention(m.start(), m.end(), "org", norm_key(m.group()), P_BODY) for m in _CHANNEL_RE.finditer(text)]


def former_employers(f: CasedFinder, text: str) -> list[Mention]:
    """ "Priya Nandakumar – ex-HMRC, now independent", "бывший арт-директор Озона": the organisation someone
    left (not an everyday word: "ex-Soviet" is none; a listed first name is a person)."""
    rx = _RU_FORMER_RE if f.lang == "ru" else _EN_FORMER_RE if f.lang == "en" else None
    out = []
    for m in rx.finditer(text) if rx else ():
        word = m.group(1)
        if f.ordinary(word) or norm_key(word) in f.lex.platforms:
            continue
        typ = "person" if f.is_first_name(word) else "org"
        out.append(Mention(m.start(1), m.end(1), typ, norm_key(word), P_BODY))
    return out


def kind_then_name(f: CasedFinder, text: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "Rautakauppa Kettunen Iisalmessa tilasi …", "Tilitoimisto Haapala": a capitalised kind of business (or a Finnish
    compound ending in one) right before a name taken as a person is the business named after that person (a name
    already taken as a business keeps the kind word outside, as the annotators do: "Kahvila [yritys]")."""
    kinds = f.lex.cue("org_kinds")
    ends = {t.end: t for t in tokens}
    out = []
    for m in found:
        kind = ends.get(m.start - 1) if m.type == "person" else None
        if kind is not None and kind.cap and text[kind.end : m.start] == " " and _kind_word(f, kind.text, kinds):
            out.append(Mention(kind.start, m.end, "org", norm_key(kind.text) + " " + m.key, P_BODY))
        else:
            out.append(m)
    return out


def _kind_word(f: CasedFinder, word: str, kinds: frozenset[str]) -> bool:
    """ "Tilitoimisto", "Rautakauppa" (a compound ending in "kauppa"), "Studio": a word saying a kind of business."""
    w = norm_key(word)
    return w in kinds or (f.lang == "fi" and any(w.endswith(k) and len(k) >= 5 for k in kinds))


def cut_before(f: CasedFinder, found: list[Mention], bodies: list[Mention], text: str) -> list[Mention]:
    """ "В Томске Кировский районный суд": a run the finders took ("Томске Кировский") that reaches into a body found
    by its layout keeps its words before the body when they name a place or a person ("Томске"; not "Благодарим")."""
    out = []
    for m in found:
        cut = min((b.start for b in bodies if m.start < b.start < m.end), default=None)
        if cut is None:
            out.append(m)
            continue
        end = len(text[:cut].rstrip())
        if end > m.start and any(f.is_place(w) or f.is_personish(w) for w in text[m.start : end].split()):
            words = text[m.start : end]
            out.append(Mention(m.start, end, m.type, norm_key(words), m.priority))
    return out
