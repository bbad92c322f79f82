"""Links: with a scheme or www, bare domains with a known top-level domain, and any domain followed by a path."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..lexicon import Lexicon
from ..model import Mention
from ..textutil import norm_key
from .base import P_URL, PUNCT_TRAIL, TLD_ALT, TLDS, as_written, everyday, trim, words_before

# File extensions that are also TLDs would turn "logo.ai" into a link; a bare domain needs a real TLD here.
_BARE_TLD_EXCLUDE = {"ai", "md", "py", "zip", "mov", "sh", "rs", "pl", "ps", "am", "in", "it", "me", "no", "so"}


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


SCHEME_URL_RE = re.compile(r"(?i)\b(?:https?://|ftp://|www\.)[^\s<>\"«»“”]+")


BARE_URL_RE = re.compile(
    r"(?<![\w@./\-])((?:[A-Za-z0-9\u00c0-\u00ff\u0430-\u044f\u0410-\u042f](?:[A-Za-z0-9\u00c0-\u00ff\u0430-\u044f"
    r"\u0410-\u042f\-]*[A-Za-z0-9\u00c0-\u00ff\u0430-\u044f\u0410-\u042f])?\.)+)("
    + TLD_ALT
    + r")(?![\w]|-[\w\-]*\.\w)((?:[/?#][^\s<>\"«»“”]*)?)",
    re.IGNORECASE,
)


# "aaltoniemi.vc": a domain of letters and digits with any top-level domain of two to six letters.
ANY_DOMAIN_RE = re.compile(r"(?<![\w@./\-])(?:[a-z0-9][a-z0-9\-]*\.)+[a-z]{2,6}(?![\w@/\-])")


# "tally.so/r/w4Lp", "kauppa.example.top/p/12": with a path, any top-level domain of letters makes a link.
PATH_URL_RE = re.compile(
    r"(?<![\w@./\-])(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,6}/(?=[\w\-+#%~])[^\s<>\"«»“”]+", re.IGNORECASE
)


def find_urls(text: str, lex: Lexicon | None = None, dots: Iterable[str] = ()) -> list[Mention]:
    """Links with a scheme or www, bare domains with a known top-level domain, and domains written out
    ("bloomandbrass dot com", "kukkakimara piste fi", "kestrel[.]io") when the dot words are given."""
    out = _spelled_domains(text, lex, dots) if lex is not None else []
    for m in SCHEME_URL_RE.finditer(text):
        s, e = trim(text, m.start(), m.end())
        out.append(Mention(s, e, "url", _url_key(text[s:e]), P_URL))
    for m in BARE_URL_RE.finditer(text):
        labels, tld, path = m.group(1), m.group(2).lower(), m.group(3)
        s, e = trim(text, m.start(), m.end())
        bare = not path.strip(PUNCT_TRAIL)
        named = _site_named(text, m.start(), labels) or _mail_domain(text, labels + m.group(2))
        file_like = _file_name(tld) and not named
        if bare and (file_like or _platform_home(labels) or _sentences_run_together(labels, m.group(2))):
            continue
        if text[m.start() - 1 : m.start()] == "@":
            continue  # the domain of an e-mail address
        out.append(Mention(s, e, "url", _url_key(text[s:e]), P_URL))
    for m in ANY_DOMAIN_RE.finditer(text):
        # "jonka sivuilla aaltoniemi.vc": any top-level domain when a site word comes before it.
        domain = m.group().rstrip(".")
        if any(f.start == m.start() for f in out):
            continue  # a known top-level domain found it already
        if _site_named(text, m.start(), "") and not _file_name(domain.rsplit(".", 1)[1].lower()):
            out.append(Mention(m.start(), m.start() + len(domain), "url", _url_key(domain), P_URL))
    for m in PATH_URL_RE.finditer(text):
        s, e = trim(text, m.start(), m.end())
        if "/" in text[s:e].rstrip("/"):
            out.append(Mention(s, e, "url", _url_key(text[s:e]), P_URL))
    return out


def _spelled_domains(text: str, lex: Lexicon, dots: Iterable[str]) -> list[Mention]:
    """ "bloomandbrass dot com", "kestrel[.]io": a name, a written-out or bracketed dot, a known top-level domain.

    With a spelled dot the name must be no everyday word ("the dot com years" is not a link)."""
    rx = _spelled_domain_re(frozenset(dots))
    out = []
    for m in rx.finditer(text):
        name, sep = m.group(1), m.group(2)
        bracketed = "[" in sep or "(" in sep
        if not bracketed and (everyday(name, lex) or norm_key(name) in lex.common or name[:1].isupper()):
            continue
        out.append(Mention(m.start(), m.end(), "url", f"{name.lower()}.{m.group(3).lower()}", P_URL))
    return out


@lru_cache(maxsize=8)
def _spelled_domain_re(dots: frozenset[str]) -> re.Pattern[str]:
    """The pattern for one set of dot words, compiled once (the anonymiser always passes the same set)."""
    dot = "|".join(as_written(w) for w in sorted(dots, key=len, reverse=True)) or "dot"
    return re.compile(
        rf"(?<![\w@.])([A-Za-z0-9][A-Za-z0-9\-]{{2,}})(\s*[\(\[]\s*(?:{dot}|\.)\s*[\)\]]\s*|\s+(?:{dot})\s+)"
        rf"({TLD_ALT})(?![\w\-@])",
        re.IGNORECASE,
    )


def _mail_domain(text: str, domain: str) -> bool:
    """ "в проде на neuropick.ai. Почта timur@neuropick.ai": the domain of an e-mail address in the story is a site,
    whatever its top-level domain ("logo.ai" alone stays a file)."""
    return ("@" + domain.lower()) in text.lower()


def _file_name(tld: str) -> bool:
    """ "logo.ai", "notes.md": a file extension that is also a top-level domain; a bare one is a file."""
    return tld in _BARE_TLD_EXCLUDE


def _site_named(text: str, start: int, labels: str) -> bool:
    """ "their site kestrel.ai", "shop.kestrel.ai": a site word before it, or a subdomain, makes "x.ai" a site."""
    return labels.count(".") >= 2 or any(
        w in _SITE_WORDS or w.startswith(_SITE_STEMS) for w in words_before(text, start, 3)
    )


# "sivuillaan", "verkkosivuillaan", "сайтике": any case or possessive form of a word for a site.
_SITE_STEMS = ("sivuill", "sivusto", "verkkosivu", "kotisivu", "сайт")


# "site", "sivu", "сайт", "موقع": words that introduce a web address.
_SITE_WORDS = {
    "site",
    "website",
    "domain",
    "page",
    "link",
    "url",
    "sivu",
    "sivut",
    "sivusto",
    "sivuilla",
    "osoite",
    "osoitteessa",
    "verkkosivut",
    "сайт",
    "сайта",
    "сайте",
    "домен",
    "ссылка",
    "موقع",
    "الموقع",
    "موقعه",
    "موقعها",
    "رابط",
    "الرابط",
}


def _platform_home(labels: str) -> bool:
    """ "found him on upwork.com": a platform's bare domain is the story; with a path it points at someone, and so
    does a subdomain of one ("tarrowknits.etsy.com", "tarrow.tilda.ws": a shop's own address)."""
    parts = [norm_key(p) for p in labels.rstrip(".").split(".")]
    return parts[-1] in _PLATFORM_DOMAINS and all(p in _SERVICE_SUBDOMAINS for p in parts[:-1])


# Subdomains a platform serves itself: "www.upwork.com", "help.fiverr.com" are still the platform.
_SERVICE_SUBDOMAINS = {"www", "m", "mobile", "app", "help", "support", "blog", "docs", "web", "accounts", "community"}


def _sentences_run_together(labels: str, tld: str) -> bool:
    """ "It was done.It paid": two sentences without a space between them, not a domain (both capitalised)."""
    if len(tld) > 2:
        return False  # "Tarrowknits.Com": "Com" starts no sentence
    return labels[:1].isupper() and not labels[1:2].isupper() and tld[:1].isupper() and tld[1:] == tld[1:].lower()


def is_platform_domain(token: str) -> bool:
    """ "freelancer.com", "FL.ru": a platform's bare domain is the story, not someone's site."""
    labels = token.lower().split(".")
    return (
        len(labels) >= 2
        and labels[-1] in TLDS
        and labels[-2] in _PLATFORM_DOMAINS
        and all(p in _SERVICE_SUBDOMAINS for p in labels[:-2])
    )


def _url_key(url: str) -> str:
    u = re.sub(r"(?i)^(?:https?://|ftp://)?(?:www\.)?", "", url).lower()
    return u.split("/", 1)[0]
