"""Structured identifiers: e-mail, links, handles, phone numbers, account/invoice/tax numbers, addresses.

All finders read the digit-folded text (Arabic-Indic digits as ASCII, same offsets) and return Mentions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import phonenumbers

from .lexicon import Lexicon
from .model import Mention
from .textutil import norm_key

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
}

_TLDS = [
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
]
_TLD_ALT = "|".join(sorted(set(_TLDS), key=len, reverse=True))
# File extensions that are also TLDs would turn "logo.ai" into a link; a bare domain needs a real TLD here.
_BARE_TLD_EXCLUDE = {"ai", "md", "py", "zip", "mov", "sh", "rs", "pl", "ps", "am", "in", "it", "me", "no", "so"}
_EMAIL_PROVIDERS = {
    "gmail",
    "yahoo",
    "outlook",
    "hotmail",
    "live",
    "icloud",
    "mail",
    "yandex",
    "ya",
    "rambler",
    "proton",
    "protonmail",
    "aol",
    "gmx",
    "zoho",
    "inbox",
    "bk",
    "list",
    "msn",
    "me",
}
# Bare domains of platforms are the story ("found him on upwork.com"); with a path they point at someone.
_PLATFORM_DOMAINS = {
    "upwork",
    "fiverr",
    "freelancer",
    "behance",
    "dribbble",
    "linkedin",
    "facebook",
    "instagram",
    "twitter",
    "x",
    "tiktok",
    "youtube",
    "google",
    "gmail",
    "github",
    "gitlab",
    "telegram",
    "discord",
    "whatsapp",
    "slack",
    "zoom",
    "paypal",
    "wise",
    "stripe",
    "etsy",
    "amazon",
    "shopify",
    "wordpress",
    "wix",
    "figma",
    "canva",
    "notion",
    "reddit",
    "medium",
    "kwork",
    "avito",
    "yandex",
    "vk",
    "habr",
    "mostaql",
    "khamsat",
    "t",
    "wa",
    "fb",
    "hh",
    "weblancer",
    "youdo",
    "profi",
    "freelance",
    "peopleperhour",
    "toptal",
    "guru",
}

_PUNCT_TRAIL = ".,;:!?)]}'\"»”’،؛؟…"

EMAIL_RE = re.compile(
    r"(?<![\w.+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}(?![\w\-@])"
)
SCHEME_URL_RE = re.compile(r"(?i)\b(?:https?://|ftp://|www\.)[^\s<>\"«»“”]+")
BARE_URL_RE = re.compile(
    r"(?<![\w@./\-])((?:[A-Za-z0-9\u0430-\u044f\u0410-\u042f](?:[A-Za-z0-9\u0430-\u044f\u0410-\u042f\-]*"
    r"[A-Za-z0-9\u0430-\u044f\u0410-\u042f])?\.)+)(" + _TLD_ALT + r")(?![\w\-])((?:[/?#][^\s<>\"«»“”]*)?)",
    re.IGNORECASE,
)
# "tally.so/r/w4Lp", "kauppa.example.top/p/12": with a path, any top-level domain of letters makes a link.
PATH_URL_RE = re.compile(
    r"(?<![\w@./\-])(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,6}/(?=[\w\-+#%~])[^\s<>\"«»“”]+", re.IGNORECASE
)
# "rohan.k@okicici": a payment address (UPI) has no dot after the @.
UPI_RE = re.compile(r"(?<![\w@.+\-])[A-Za-z0-9][A-Za-z0-9._\-]{2,}@[A-Za-z]{3,}(?![\w.@\-])")
AT_HANDLE_RE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?")
DISCORD_MENTION_RE = re.compile(r"<@!?\d{5,}>")
LEGACY_DISCORD_RE = re.compile(r"(?<![\w@])[A-Za-z0-9_.]{2,32}#\d{4}(?!\d)")
REDDIT_RE = re.compile(r"(?<![\w/])[ur]/[A-Za-z0-9_\-]{3,}")
UNDERSCORE_HANDLE_RE = re.compile(r"(?<![\w@./\-])(?=[A-Za-z0-9.]*_)[A-Za-z0-9][A-Za-z0-9._]*[A-Za-z0-9_](?![\w@])")
LATIN_TOKEN_RE = re.compile(r"(?<![\w@./\-])[A-Za-z][A-Za-z0-9._\-]*[A-Za-z0-9](?![\w@])")

PHONE_RE = re.compile(r"(?<![\w+/#№.,])(?:\+|00)?\s?\(?\d(?:[\d().\-–]|[ \u00a0](?=[\d(+]))*\d\)?(?![\w/])")
IBAN_RE = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?:[ \-]?[A-Z0-9]{4}){2,7}(?:[ \-]?[A-Z0-9]{1,4})?(?![\w])")
CARD_RE = re.compile(r"(?<![\d+])(?:\d{4}[ \-]){3}\d{4}(?:[ \-]?\d{1,3})?(?![\d])")
LONG_DIGITS_RE = re.compile(r"(?<![\d+\w])\d{8,19}(?![\d\w])")
ALNUM_ID_RE = re.compile(
    r"(?<![\w#№\-/])(?=[A-Za-zА-Яа-яЁё0-9\-/]*\d{3})[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё]{0,5}[\-/]?\d[\dA-Za-z\-/]*\d"
    r"(?:[\-/][A-ZА-ЯЁ]{1,3})?(?![\w])"
)
CRYPTO_RE = re.compile(r"(?<![\w])(?:0x[a-fA-F0-9]{40}|(?:bc1|[13])[a-zA-HJ-NP-Z0-9]{25,39})(?![\w])")
FI_BUSINESS_ID_RE = re.compile(r"(?<![\d\-])\d{7}-\d(?![\d\-])")
CUED_ID_RE = re.compile(
    r"[A-Za-zА-Яа-яЁё]{0,6}[\-/]?\d[\d\-/.]*\d(?:[ \u00a0]\d{2,})*(?:[\-/][A-ZА-ЯЁ]{1,3}(?![\w]))?|\d{3,}"
)
DATE_RE = re.compile(
    r"^(?:\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}|\d{4}[./\-]\d{1,2}[./\-]\d{1,2}|\d{1,2}[./]\d{1,2}|(?:19|20)\d{2}"
    r"(?:[\-–/](?:19|20)?\d{2})?|\d{1,2}[:.]\d{2}(?:[\-–]\d{1,2}[:.]\d{2})?)$"
)
MIXED_CODE_RE = re.compile(r"(?<![\w#№\-/])[A-ZА-ЯЁ0-9](?:[A-ZА-ЯЁ0-9]|[\-/](?=[A-ZА-ЯЁ0-9])){3,23}(?![\w\-/])")
_WORD_BEFORE_RE = re.compile(r"([^\W\d_]+|[#№])[\s:.\-]*$")

_PHONE_REGIONS = {
    "en": ("US", "GB", "CA", "AU", "IE", "IN", "NG", "ZA"),
    "fi": ("FI", "SE", "EE"),
    "ru": ("RU", "UA", "BY", "KZ"),
    "ar": ("SA", "AE", "EG", "JO", "KW", "QA", "BH", "OM", "LB", "SY", "IQ", "MA", "DZ", "TN", "PS"),
}


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in _PUNCT_TRAIL:
        # Keep a closing bracket that has its opening one inside the match.
        if text[end - 1] == ")" and "(" in text[start : end - 1]:
            break
        end -= 1
    return start, end


def _words_before(text: str, pos: int, n: int = 3, norm: Callable[[str], str] = norm_key) -> list[str]:
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


def _word_after(text: str, pos: int) -> str:
    m = re.match(r"[\s\u00a0]*([^\s\d]+)", text[pos : pos + 40])
    return norm_key(m.group(1).strip(".,;:!?)»\"'")) if m else ""


def _money_or_unit(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """True when the number is a price, a count or a duration (story, not identity)."""
    before = text[max(0, start - 2) : start].strip()
    if before and before[-1] in "$£€¥₹₽":
        return True
    after = lex.norm(_word_after(text, end))
    if after and after[0] in "$£€¥₹₽%":
        return True
    return after in lex.cue("currencies") or after in lex.cue("not_number_after")


def find_emails(text: str, lex: Lexicon, all_at: Iterable[str], all_dot: Iterable[str]) -> list[Mention]:
    """Plain and spelled-out e-mail addresses (anna at acme dot com, k.s собака yandex точка ru)."""
    out = [Mention(m.start(), m.end(), "email", m.group().lower(), P_EMAIL) for m in EMAIL_RE.finditer(text)]
    out += [Mention(m.start(), m.end(), "email", m.group().lower(), P_EMAIL) for m in UPI_RE.finditer(text)]
    at = "|".join(_as_written(w) for w in sorted(set(all_at), key=len, reverse=True))
    dot = "|".join(_as_written(w) for w in sorted(set(all_dot), key=len, reverse=True))
    at_re = rf"(?:\s*[\(\[\{{<]\s*(?:{at}|@)\s*[\)\]\}}>]\s*|\s+(?:{at})\s+)"
    dot_re = rf"(?:\s*[\(\[\{{<]\s*(?:{dot})\s*[\)\]\}}>]\s*|\s+(?:{dot})\s+|\.)"
    part = r"[A-Za-z0-9][A-Za-z0-9_%+\-]*"
    obf = re.compile(
        rf"(?<![\w@.])({part}(?:{dot_re}{part})*)({at_re})({part}(?:{dot_re}{part})*?){dot_re}(?:{_TLD_ALT})(?![\w\-])",
        re.IGNORECASE,
    )
    for m in obf.finditer(text):
        local, at_sep, domain = m.group(1), m.group(2), m.group(3)
        spelled_dot = bool(re.search(rf"(?i)(?:^|[\s(\[])(?:{dot})(?:$|[\s)\]])", m.group()))
        strong = (
            "(" in at_sep
            or "[" in at_sep
            or "<" in at_sep
            or spelled_dot
            or norm_key(domain.split(".")[0]) in _EMAIL_PROVIDERS
            or re.search(r"[._\d]", local)
        )
        if strong and norm_key(local) not in lex.common:
            out.append(Mention(m.start(), m.end(), "email", norm_key(re.sub(r"\W+", "", m.group())), P_EMAIL))
    return out


# Cue words are stored normalised (آ and أ as ا, ة as ه, ى as ي); the text keeps the letters as typed.
_AR_VARIANTS = {"ا": "[اآأإ]", "ه": "[هة]", "ي": "[يى]"}


def _as_written(word: str) -> str:
    """ "آت", "نقطة": a pattern for a normalised cue word that matches every way of writing it."""
    return "".join(_AR_VARIANTS.get(ch, re.escape(ch)) for ch in word)


def find_urls(text: str) -> list[Mention]:
    """Links with a scheme or www, and bare domains with a known top-level domain."""
    out = []
    for m in SCHEME_URL_RE.finditer(text):
        s, e = _trim(text, m.start(), m.end())
        out.append(Mention(s, e, "url", _url_key(text[s:e]), P_URL))
    for m in BARE_URL_RE.finditer(text):
        labels, tld, path = m.group(1), m.group(2).lower(), m.group(3)
        s, e = _trim(text, m.start(), m.end())
        if not path.strip(_PUNCT_TRAIL):
            if tld in _BARE_TLD_EXCLUDE or norm_key(labels.rstrip(".").split(".")[-1]) in _PLATFORM_DOMAINS:
                continue
            if labels[:1].isupper() and not labels[1:2].isupper() and tld != tld.lower():
                continue
        if text[m.start() - 1 : m.start()] == "@":
            continue
        out.append(Mention(s, e, "url", _url_key(text[s:e]), P_URL))
    for m in PATH_URL_RE.finditer(text):
        s, e = _trim(text, m.start(), m.end())
        if "/" in text[s:e].rstrip("/"):
            out.append(Mention(s, e, "url", _url_key(text[s:e]), P_URL))
    return out


def is_platform_domain(token: str) -> bool:
    """ "freelancer.com", "FL.ru": a platform's bare domain is the story, not someone's site."""
    labels = token.lower().split(".")
    return len(labels) >= 2 and labels[-1] in _TLDS and labels[-2] in _PLATFORM_DOMAINS


def _url_key(url: str) -> str:
    u = re.sub(r"(?i)^(?:https?://|ftp://)?(?:www\.)?", "", url).lower()
    return u.split("/", 1)[0]


def find_handles(text: str, lex: Lexicon) -> list[Mention]:
    """@names, Discord mentions/legacy tags, user_names with underscores, and names after 'username'/'ник'."""
    out = []
    for m in AT_HANDLE_RE.finditer(text):
        if m.group().lower() in ("@everyone", "@here") or len(m.group()) < 3:
            continue
        s, e = _trim(text, m.start(), m.end())
        out.append(Mention(s, e, "handle", text[s + 1 : e].lower(), P_HANDLE))
    for rx in (REDDIT_RE, DISCORD_MENTION_RE, LEGACY_DISCORD_RE, UNDERSCORE_HANDLE_RE):
        for m in rx.finditer(text):
            s, e = _trim(text, m.start(), m.end())
            out.append(Mention(s, e, "handle", text[s:e].lower().lstrip("@"), P_HANDLE))
    strong = lex.cue("handle_cues")
    weak = lex.cue("handle_weak_cues")
    phrases = lex.cue("handle_phrases")
    for m in LATIN_TOKEN_RE.finditer(text):
        tok = m.group()
        if IBAN_RE.fullmatch(tok):
            continue
        # Four words back only for a username-shaped token ("his insta is ruairi.smiles"); two otherwise.
        marked = bool(re.search(r"[\d_.]", tok)) and not re.fullmatch(r"[A-Z]{2,}\d*", tok)
        before = _words_before(text, m.start(), 4, lex.norm)
        if not before:
            continue
        two = " ".join(reversed(before[:2]))
        strong_cue = (
            before[0] in strong or two in phrases or (len(before) > 1 and before[1] in strong and before[0] in weak)
        )
        cue = _handle_cue(before, strong, weak, lex)
        # After "username"/"ник" any odd-looking token is a handle; after a platform name it needs digits or _ .
        # "käyttäjänsä oli aatu.gamedev", "his insta is ruairi.smiles", "username on Upwork was dmitry_k88".
        near = any(w in strong or w in weak for w in before[:4])
        if not (strong_cue or cue or before[0] in weak or (near and marked)):
            continue
        shaped = marked or _plain_handle(tok, lex, strong_cue or cue == "strong")
        if (norm_key(tok) in lex.platforms or not shaped) and not (
            cue == "weak" and _plain_handle_after_platform(tok, lex)
        ):
            continue
        out.append(Mention(m.start(), m.end(), "handle", tok.lower(), P_CUED_HANDLE))
    return out + _handles_before_platform(text, lex)


# Words that may stand between a handle cue and the handle: "username there is X", "ник там был X", "nimi siellä oli X".
_HANDLE_FILLERS = {
    "there",
    "is",
    "was",
    "his",
    "her",
    "their",
    "name",
    "as",
    "under",
    "he",
    "she",
    "they",
    "там",
    "он",
    "она",
    "тут",
    "был",
    "была",
    "было",
    "его",
    "её",
    "ее",
    "у",
    "него",
    "неё",
    "нее",
    "siellä",
    "täällä",
    "oli",
    "on",
    "hän",
    "se",
    "sen",
    "hänen",
    "nimi",
    "nimensä",
    "مستخدم",
    "هو",
    "كان",
    "اسم",
}


def _handle_cue(before: list[str], strong: frozenset[str], weak: frozenset[str], lex: Lexicon) -> str:
    """ "username there is X" -> 'strong', "Kworkissa X" / "на фрилансе X" -> 'weak': the nearest cue word behind
    at most two filler words ("there", "там", "oli"), or '' when an ordinary word comes first."""
    for w in before[:3]:
        if w in strong:
            return "strong"
        if w in weak or _is_platform_word(w, lex):
            return "weak"
        if w not in _HANDLE_FILLERS:
            return ""
    return ""


def _is_platform_word(word: str, lex: Lexicon) -> bool:
    """ "upworkissa", "kworkissa", "кворке": a platform name, inflected (a case ending of at most four letters)."""
    if word in lex.platforms:
        return True
    return any(word.startswith(p) and len(word) - len(p) <= 4 for p in _INFLECTABLE_PLATFORMS)


# Platform names long enough that a word starting with one is that platform, inflected.
_INFLECTABLE_PLATFORMS = (
    "upwork",
    "fiverr",
    "kwork",
    "кворк",
    "фриланс",
    "behance",
    "dribbble",
    "github",
    "gitlab",
    "telegram",
    "телеграм",
    "instagram",
    "инстаграм",
    "linkedin",
    "линкедин",
    "tiktok",
    "хабр",
)


def _plain_handle(tok: str, lex: Lexicon, strong_cue: bool) -> bool:
    """ "username there is kellanbrightworks": a lower-case word no vocabulary knows, right after a handle cue."""
    return strong_cue and tok.islower() and norm_key(tok) not in lex.common and not _everyday(tok, lex)


def _plain_handle_after_platform(tok: str, lex: Lexicon) -> bool:
    """ "upworkissa tammelandesign", "на кворке boreaspro": after a platform word, a lower-case Latin word of five
    letters or more that no vocabulary (of the story's language or English) knows."""
    return (
        tok.islower()
        and len(tok) >= 5
        and norm_key(tok) not in lex.common
        and norm_key(tok) not in lex.platforms
        and not _everyday(tok, lex)
    )


_ON_PLATFORM_RE = re.compile(r"(?<![\w@./\-])([a-z][a-z0-9._]{4,})\s+(?:on|at|from|в|на|@)\s+([\w.]+)")


def _handles_before_platform(text: str, lex: Lexicon) -> list[Mention]:
    """ "search mapleleafprints on etsy", "kirjoita pajari_photo on insta": an unknown lower-case word right before
    "on <platform>" is the account's name there."""
    out = []
    for m in _ON_PLATFORM_RE.finditer(text):
        tok, platform = m.group(1), norm_key(m.group(2))
        if platform not in lex.platforms or norm_key(tok) in lex.platforms or norm_key(tok) in lex.common:
            continue
        if _everyday(tok, lex) or tok.endswith(("ing", "ed", "ly")):
            continue
        out.append(Mention(m.start(1), m.end(1), "handle", tok.lower(), P_CUED_HANDLE))
    return out


def _everyday(tok: str, lex: Lexicon) -> bool:
    """A word of the story's language or of English (Latin words in any story are usually English)."""
    from .lexicon import _vocab_sets

    w = norm_key(tok)
    return w in lex.vocab or w in _vocab_sets("en")[0]


def _cue_kind(before: list[str], num_cues: frozenset[str], phone_cues: frozenset[str]) -> str:
    """'number', 'phone' or '' from the nearest typed cue word; "number"/"رقم" alone says nothing."""
    for w in before:
        if w in ("#", "№"):
            return "number"
        if w in _NEUTRAL_NUMBER_WORDS:
            continue
        if w in phone_cues:
            return "phone"
        if w in num_cues:
            return "number"
        return ""
    return ""


def _is_date(val: str) -> bool:
    """A date or a time; "20-45-77" has the shape of one but no month 45, so it is a code (sort code, id)."""
    if not DATE_RE.match(val):
        return False
    parts = re.split(r"[./\-]", val)
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        a, b, c = (int(p) for p in parts)
        if len(parts[0]) == 4:
            return 1 <= b <= 12 and 1 <= c <= 31
        return 1 <= a <= 31 and 1 <= b <= 31 and (a <= 12 or b <= 12)
    return True


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
    for rx in (CARD_RE, FI_BUSINESS_ID_RE, CRYPTO_RE):
        for m in rx.finditer(text):
            out.append(Mention(m.start(), m.end(), "number", re.sub(r"\D", "", m.group()), P_IBAN))
    for m in ALNUM_ID_RE.finditer(text):
        val = m.group()
        if _is_date(val) or _money_or_unit(text, m.start(), m.end(), lex):
            continue
        if not re.search(r"[A-Za-zА-Яа-яЁё]", val) and not re.search(r"[\-/]", val):
            continue
        out.append(Mention(m.start(), m.end(), "number", norm_key(val), P_CUED_NUMBER))
    # Numbers right after a cue word (invoice, order #, ИНН, رقم الفاتورة ...).
    for m in CUED_ID_RE.finditer(text):
        s, e = _trim(text, m.start(), m.end())
        val = text[s:e]
        if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "+"):
            continue
        before = _words_before(text, s, 3, lex.norm)
        kind = _cue_kind(before, num_cues, phone_cues)
        series = _series_before(text, s) if kind != "number" else ""
        if series and _cue_kind(_words_before(text, s - len(series), 3, lex.norm), num_cues, phone_cues) == "number":
            before, kind = _words_before(text, s - len(series), 3, lex.norm), "number"
        else:
            series = ""
        sign = bool(before) and before[0] in ("#", "№")
        s -= len(series) if kind == "number" else 0
        val = text[s:e]
        if kind != "number" and not (kind == "" and before and before[0] in _NEUTRAL_NUMBER_WORDS):
            continue
        if kind == "" and (_is_possible_phone(val, lex.lang) and "/" not in val):
            continue
        if _is_date(val) and not sign:
            continue
        # "№ 45-К": two digits are enough when a number sign and a letter series make it a code.
        short_code = sign and re.search(r"[A-Za-zА-Яа-яЁё]", val) is not None
        if _money_or_unit(text, s, e, lex) or sum(ch.isdigit() for ch in val) < (2 if short_code else 3):
            continue
        out.append(Mention(s, e, "number", re.sub(r"\W", "", val).lower(), P_CUED_NUMBER))
    # "Ref: 7F3K-22QX": a mixed code of capitals and digits right after a number cue.
    for m in MIXED_CODE_RE.finditer(text):
        val = m.group()
        if sum(ch.isdigit() for ch in val) < 2 or not re.search(r"[A-ZА-ЯЁ]", val):
            continue
        if _cue_kind(_words_before(text, m.start(), 3, lex.norm), num_cues, phone_cues) == "number":
            out.append(Mention(m.start(), m.end(), "number", re.sub(r"\W", "", val).lower(), P_CUED_NUMBER))
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
        if not 7 <= len(digits) <= 15 or _is_date(cand) or _money_or_unit(text, s, e, lex):
            continue
        if re.fullmatch(r"\d{1,3}(?:[ \u00a0.,]\d{3})+", cand) and not cand.startswith("0"):
            continue  # 1 200 000: a sum written with thousand separators
        before = _words_before(text, s, 3, lex.norm)
        cued_phone = _cue_kind(before, num_cues, phone_cues) == "phone"
        if cand.lstrip().startswith(("+", "00")) or _is_possible_phone(cand, lex.lang) or cued_phone:
            out.append(Mention(s, e, "phone", digits[-9:], P_PHONE))
        elif len(digits) >= 8:
            out.append(Mention(s, e, "number", digits, P_NUMBER))
    for m in LONG_DIGITS_RE.finditer(text):
        out.append(Mention(m.start(), m.end(), "number", m.group(), P_NUMBER))
    return out


# --- addresses -------------------------------------------------------------------------------------------------

_EN_STREET = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Drive|Dr|Boulevard|Blvd|Lane|Ln|Way|Court|Ct|Place|Pl|Terrace|Crescent|"
    r"Close|Parkway|Pkwy|Highway|Hwy|Square|Sq|Row|Mews|Quay|Circle|Cir|Gardens|Hill|Walk|Grove|Park)\b\.?"
)
EN_ADDRESS_RE = re.compile(
    r"\b\d{1,5}[A-Za-z]?,?\s+(?:[A-Z][\w'’\-]*\s+){0,3}"
    + _EN_STREET
    + r"(?:,?\s+(?:Suite|Ste|Apt|Apartment|Unit|Floor|Fl|Flat|Room|Building|Bldg)\.?\s*#?[\w\-]+)?"
    r"(?:,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?"
    r"(?:,?\s+(?:[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}|[A-Z]{2}(?:\s+\d{5}(?:-\d{4})?)?|\d{5}(?:-\d{4})?)\b)?"
)
UK_POSTCODE_RE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b")
FI_ADDRESS_RE = re.compile(
    r"\b[A-ZÅÄÖ][a-zåäö\-]*(?:katu|tie|kuja|polku|väylä|ranta|tori|aukio|puistikko|kaari|rinne|mäki|kenttä|raitti|"
    r"bulevardi|esplanadi|penger|vägen|gatan|gränd)\s+\d+(?:\s*[A-Za-z]\b(?:\s*\d+)?)?(?:\s*(?:as\.?|asunto)\s*\d+)?"
    r"(?:,?\s*\d{5}(?:\s+[A-ZÅÄÖ][a-zåäö]+)?)?"
)
FI_POSTCODE_RE = re.compile(r"(?<![\d\-])\d{5}\s+[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]+")
RU_ADDRESS_RE = re.compile(
    r"(?:(?:г\.|город)\s*[А-ЯЁ][\w\-]+,?\s*)?"
    r"(?:ул\.|улица|улице|улицу|пр\.|пр-т|просп\.|проспект|проспекте|пер\.|переулок|переулке|бул\.|бульвар|бульваре|"
    r"ш\.|шоссе|наб\.|набережная|набережной|пл\.|площадь|площади|мкр\.?|микрорайон|микрорайоне|проезд|проезде)"
    r"\s*(?:(?:[А-ЯЁ0-9][\w\-]*|им\.)\.?\s*){1,3}"
    r"(?:,?\s*(?:д\.|дом|кв\.|квартира|корп\.|корпус|стр\.|строение|оф\.|офис|эт\.|этаж|под\.|подъезд)\s*\d+[А-Яа-я]?)*"
)
RU_NAMED_STREET_RE = re.compile(
    r"[А-ЯЁ][а-яё]+(?:[ \-][А-ЯЁ][а-яё]+)?\s+(?:проспект|улиц|переул|бульвар|шоссе|площад|набережн|проезд)[а-яё]*"
    r"(?:,?\s*(?:д\.|дом)?\s*\d+[А-Яа-я]?(?:\s*,?\s*(?:кв\.|корп\.|стр\.|оф\.|офис)\s*\d+)*)?"
)
RU_HOUSE_RE = re.compile(r"(?:д\.|дом)\s*\d+[А-Яа-я]?(?:,?\s*(?:кв\.|квартира|корп\.|корпус|стр\.|оф\.|офис)\s*\d+)+")


def find_addresses(text: str, lex: Lexicon) -> list[Mention]:
    """Street addresses; the whole address is one place span."""
    rxs: tuple[re.Pattern[str], ...] = {
        "en": (EN_ADDRESS_RE, UK_POSTCODE_RE),
        "fi": (FI_ADDRESS_RE, FI_POSTCODE_RE),
        "ru": (RU_ADDRESS_RE, RU_NAMED_STREET_RE, RU_HOUSE_RE),
    }.get(lex.lang, ())
    out = []
    for rx in rxs:
        for m in rx.finditer(text):
            s, e = _trim(text, m.start(), m.end())
            s, e = s + len(text[s:e]) - len(text[s:e].lstrip()), len(text[:e].rstrip())
            if rx is FI_POSTCODE_RE and _money_or_unit(text, s, s + 5, lex):
                continue
            out.append(Mention(s, e, "place", norm_key(text[s:e]), P_ADDRESS))
    return out
