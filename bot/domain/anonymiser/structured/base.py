"""What the structured finders share: priorities, top-level domains, trimming, the words before a match, and the
stop rule for amounts (a price or a count is the story, not an identifier)."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..lexicon import Lexicon, _vocab_sets
from ..textutil import norm_key

# Priorities decide overlaps: the higher one wins, then the longer one.
P_EMAIL, P_URL, P_HANDLE, P_IBAN, P_ADDRESS, P_CUED_NUMBER, P_PHONE, P_CUED_HANDLE, P_NUMBER = (
    100,
    95,
    90,
    85,
    80,
    75,
    70,
    65,
    60,
)


TLDS = [
    "com",
    "net",
    "org",
    "info",
    "biz",
    "io",
    "co",
    "app",
    "dev",
    "shop",
    "store",
    "online",
    "site",
    "website",
    "tech",
    "ai",
    "me",
    "tv",
    "cc",
    "gg",
    "xyz",
    "studio",
    "design",
    "agency",
    "media",
    "digital",
    "cloud",
    "page",
    "link",
    "blog",
    "news",
    "live",
    "life",
    "world",
    "today",
    "email",
    "art",
    "club",
    "team",
    "pro",
    "email",
    "inc",
    "ltd",
    "group",
    "company",
    "services",
    "solutions",
    "fi",
    "ru",
    "su",
    "рф",
    "se",
    "no",
    "dk",
    "ee",
    "lv",
    "lt",
    "pl",
    "de",
    "fr",
    "es",
    "it",
    "pt",
    "nl",
    "be",
    "ch",
    "at",
    "uk",
    "ie",
    "us",
    "ca",
    "au",
    "nz",
    "in",
    "jp",
    "cn",
    "kr",
    "sg",
    "my",
    "id",
    "ph",
    "vn",
    "th",
    "tr",
    "ae",
    "sa",
    "qa",
    "kw",
    "bh",
    "om",
    "jo",
    "lb",
    "eg",
    "ma",
    "dz",
    "tn",
    "iq",
    "sy",
    "ps",
    "ly",
    "sd",
    "ye",
    "by",
    "ua",
    "kz",
    "uz",
    "am",
    "ge",
    "az",
    "md",
    "eu",
    "asia",
    "edu",
    "gov",
    "mil",
    "int",
    "travel",
    "games",
    "photo",
    "photography",
    "events",
    "market",
    "marketing",
    "consulting",
    "academy",
    "software",
    "systems",
    "network",
    "works",
    "center",
    "centre",
    "health",
    "care",
    "fitness",
    "beauty",
    "fashion",
    "fun",
    "nyc",
    "london",
    "berlin",
    "kiwi",
    "cafe",
    "coffee",
    "bakery",
    "salon",
    "boutique",
    "gallery",
    "wedding",
    "photos",
    "pics",
    "vip",
    "top",
    "one",
    "love",
    "space",
    "zone",
    "tools",
    "tours",
    "law",
    "legal",
    "dental",
    "clinic",
    "yoga",
    "style",
    "restaurant",
    "pizza",
    "hotel",
    "florist",
    "flowers",
    "coach",
    "expert",
    "ink",
    "fm",
    "ws",
    "mx",
    "br",
    "cl",
    "za",
    "ng",
    "ke",
    "scot",
    "wales",
    "paris",
    "tokyo",
    "moscow",
    "москва",
    "онлайн",
    "сайт",
    "рус",
]


TLD_ALT = "|".join(sorted(set(TLDS), key=len, reverse=True))


PUNCT_TRAIL = ".,;:!?)]}'\"»”’،؛؟…"


DATE_RE = re.compile(
    r"^(?:\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}|\d{4}[./\-]\d{1,2}[./\-]\d{1,2}|\d{1,2}[./]\d{1,2}|(?:19|20)\d{2}"
    r"(?:[\-–/](?:19|20)?\d{2})?|\d{1,2}[:.]\d{2}(?:[\-–]\d{1,2}[:.]\d{2})?)$"
)


def is_date(val: str) -> bool:
    """A date or a time; "20-45-77" has the shape of one but no month 45, so it is a code (sort code, id)."""
    if not DATE_RE.match(val):
        return False
    parts = re.split(r"[./\-]", val)
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        a, b, c = (int(p) for p in parts)
        if len(parts[0]) == 4:
            return 1 <= b <= 12 and 1 <= c <= 31
        return 1 <= a <= 31 and 1 <= b <= 31 and (a <= 12 or b <= 12)
    if len(parts) == 2 and len(parts[0]) == 4 and len(parts[1]) == 2 and val[4] == "-" and parts[1].isdigit():
        return _year_then_month_or_span(int(parts[0]), int(parts[1]))
    return True


def _year_then_month_or_span(year: int, two: int) -> bool:
    """ "2023-08" is a month, "2023-24" a span of years; "laskua 2024-61" has neither: a year-numbered invoice."""
    return 1 <= two <= 12 or two == (year + 1) % 100


_WORD_BEFORE_RE = re.compile(r"([^\W\d_]+|[#№])[\s:.\-]*$")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in PUNCT_TRAIL:
        # Keep a closing bracket that has its opening one inside the match.
        if text[end - 1] == ")" and "(" in text[start : end - 1]:
            break
        end -= 1
    return start, end


def words_before(text: str, pos: int, n: int = 3, norm: Callable[[str], str] = norm_key) -> list[str]:
    """Up to n words (or # / № signs) before pos, nearest first, normalised."""
    out: list[str] = []
    chunk = text[max(0, pos - 80) : pos]
    for _ in range(n):
        m = _WORD_BEFORE_RE.search(chunk)
        if not m:
            break
        out.append(norm(m.group(1)))
        chunk = chunk[: m.start()]
    return out


def word_after(text: str, pos: int) -> str:
    m = re.match(r"[\s\u00a0]*([^\s\d]+)", text[pos : pos + 40])
    return norm_key(m.group(1).strip(".,;:!?)»\"'")) if m else ""


def money_or_unit(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """True when the number is a price, a count or a duration (story, not identity)."""
    before = text[max(0, start - 2) : start].strip()
    if before and before[-1] in "$£€¥₹₽":
        return True
    after = lex.norm(word_after(text, end))
    if after and after[0] in "$£€¥₹₽%":
        return True
    return after in lex.cue("currencies") or after in lex.cue("not_number_after")


def everyday(tok: str, lex: Lexicon) -> bool:
    """A word of the story's language or of English (Latin words in any story are usually English)."""

    w = norm_key(tok)
    return w in lex.vocab or w in _vocab_sets("en")[0]


# Cue words are stored normalised (آ and أ as ا, ة as ه, ى as ي); the text keeps the letters as typed.
_AR_VARIANTS = {"ا": "[اآأإ]", "ه": "[هة]", "ي": "[يى]"}


def as_written(word: str) -> str:
    """ "آت", "نقطة": a pattern for a normalised cue word that matches every way of writing it."""
    return "".join(_AR_VARIANTS.get(ch, re.escape(ch)) for ch in word)
