"""E-mail addresses, plain and written out ("anna at acme dot com", "k.s собака yandex точка ru", "آت ... دوت")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..lexicon import Lexicon
from ..model import Mention
from ..textutil import norm_key
from .base import P_EMAIL, TLD_ALT, as_written

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


EMAIL_RE = re.compile(
    r"(?<![\w.+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}(?![\w\-@])"
)


# "rohan.k@okicici": a payment address (UPI) has no dot after the @.
UPI_RE = re.compile(r"(?<![\w@.+\-])[A-Za-z0-9][A-Za-z0-9._\-]{2,}@[A-Za-z]{3,}(?![\w.@\-])")


# "karim.design ات outlook دوت كوم": the top-level domain spelled in Arabic letters.
AR_TLD_ALT = "كوم|نت|اورج|أورج|إنفو|انفو"


@lru_cache(maxsize=8)
def _spelled_email_res(all_at: frozenset[str], all_dot: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The written-out address pattern and the spelled-dot test for one set of at/dot words, compiled once."""
    at = "|".join(as_written(w) for w in sorted(all_at, key=len, reverse=True))
    dot = "|".join(as_written(w) for w in sorted(all_dot, key=len, reverse=True))
    at_re = rf"(?:\s*[\(\[\{{<]\s*(?:{at}|@)\s*[\)\]\}}>]\s*|\s+(?:{at})\s+)"
    dot_re = rf"(?:\s*[\(\[\{{<]\s*(?:{dot})\s*[\)\]\}}>]\s*|\s+(?:{dot})\s+|\.)"
    part = r"[A-Za-z0-9][A-Za-z0-9_%+\-]*"
    obf = re.compile(
        rf"(?<![\w@.])({part}(?:{dot_re}{part})*)({at_re})({part}(?:{dot_re}{part})*?){dot_re}(?:{TLD_ALT}|{AR_TLD_ALT})(?![\w\-])",
        re.IGNORECASE,
    )
    return obf, re.compile(rf"(?i)(?:^|[\s(\[])(?:{dot})(?:$|[\s)\]])")


def find_emails(text: str, lex: Lexicon, all_at: Iterable[str], all_dot: Iterable[str]) -> list[Mention]:
    """Plain and spelled-out e-mail addresses (anna at acme dot com, k.s собака yandex точка ru)."""
    out = [Mention(m.start(), m.end(), "email", m.group().lower(), P_EMAIL) for m in EMAIL_RE.finditer(text)]
    out += [Mention(m.start(), m.end(), "email", m.group().lower(), P_EMAIL) for m in UPI_RE.finditer(text)]
    obf, spelled = _spelled_email_res(frozenset(all_at), frozenset(all_dot))
    for m in obf.finditer(text):
        local, at_sep, domain = m.group(1), m.group(2), m.group(3)
        spelled_dot = bool(spelled.search(m.group()))
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
