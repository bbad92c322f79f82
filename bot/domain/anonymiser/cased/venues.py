"""Russian venue names that go on past their capitalised word: "студии Лофт на Мойке", "мастерская Гараж 54",
"кафе У Ашота". After a word for a business, the name a finder took ("Лофт", "Гараж") keeps a following "на"/"у"
with a capitalised word (how Russian venues are named after where they stand) and a short number (a branch or a
region code), and is one organisation.
"""

from __future__ import annotations

import re

from ..model import Mention
from ..textutil import Token, norm_key

# Business words in any case form: "студии", "мастерская", "кафе", "магазина".
_RU_BUSINESS_STEMS = (
    "студи",
    "мастерск",
    "магазин",
    "кафе",
    "салон",
    "агентств",
    "ресторан",
    "пекарн",
    "кофейн",
    "ателье",
    "бар",
    "клуб",
    "лавк",
    "шиномонтаж",
    "автосервис",
)
_PLACE_TAIL_RE = re.compile(r" (?:на|у) [А-ЯЁ][а-яё-]+")
# A number of one to three digits that ends the name: followed by an end, a punctuation mark or a preposition
# ("Гараж 54 в Бердске"), never by a noun it counts ("Гараж 54 тысячи").
_NUMBER_TAIL_RE = re.compile(r" \d{1,3}(?=$|[.,;:!?)»\"\n]| (?:в|во|на|из|у|с|и)\b)")


def _after_business_word(tokens: list[Token], start: int) -> bool:
    before = [t for t in tokens if t.end <= start][-1:]
    if not before or before[0].end + 1 != start:
        return False
    w = norm_key(before[0].text)
    return any(w.startswith(st) and len(w) - len(st) <= 3 for st in _RU_BUSINESS_STEMS)


def ru_venue_tails(lang: str, text: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "из студии Лофт на Мойке (это Петербург)" -> "Лофт на Мойке"; "мастерская Гараж 54 в Бердске" -> "Гараж 54"."""
    if lang != "ru":
        return found
    ends = {t.end for t in tokens}
    out: list[Mention] = []
    swallowed: list[tuple[int, int]] = []
    for m in found:
        if m.type in ("person", "org") and _after_business_word(tokens, m.start):
            end = m.end
            tail = _PLACE_TAIL_RE.match(text, end)
            # "шиномонтажка КолесоФф на Объездном шоссе": a street already taken as an address is no part of it.
            if tail and tail.end() in ends:
                swallowed.append((end, tail.end()))
                end = tail.end()
            number = _NUMBER_TAIL_RE.match(text, end)
            end = number.end() if number else end
            if end != m.end:  # "директор студии Иван Петров": a person after the word stays a person
                m = Mention(m.start, end, "org", norm_key(text[m.start : end]), m.priority)
        out.append(m)
    return [m for m in out if not any(s <= m.start and m.end <= e for s, e in swallowed)]
