"""Handles: @names, Discord mentions, usernames with _ or digits, and plain words after a handle or platform cue."""

from __future__ import annotations

import re

from ..lexicon import Lexicon
from ..model import Mention
from ..morph import fi_candidates
from ..textutil import norm_key
from .base import P_CUED_HANDLE, P_HANDLE, TLDS, everyday, trim, words_before
from .links import is_platform_domain
from .numbers import IBAN_RE

AT_HANDLE_RE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_])?")


DISCORD_MENTION_RE = re.compile(r"<@!?\d{5,}>")


LEGACY_DISCORD_RE = re.compile(r"(?<![\w@])[A-Za-z0-9_.]{2,32}#\d{4}(?!\d)")


REDDIT_RE = re.compile(r"(?<![\w/])[ur]/[A-Za-z0-9_\-]{3,}")


# Skype's own ids: "live:.cid.5f3a22bb91", "live:jarrah_ob".
SKYPE_ID_RE = re.compile(r"(?<![\w:])live:\.?[A-Za-z0-9_.\-]*[A-Za-z0-9]")


UNDERSCORE_HANDLE_RE = re.compile(r"(?<![\w@./\-])(?=[A-Za-z0-9.]*_)[A-Za-z0-9][A-Za-z0-9._]*[A-Za-z0-9_](?![\w@])")


LATIN_TOKEN_RE = re.compile(r"(?<![\w@./\-])[A-Za-z][A-Za-z0-9._\-]*[A-Za-z0-9](?![\w@])")


def find_handles(text: str, lex: Lexicon) -> list[Mention]:
    """@names, Discord mentions/legacy tags, user_names with underscores, and names after 'username'/'ник'."""
    out = []
    for m in AT_HANDLE_RE.finditer(text):
        if m.group().lower() in ("@everyone", "@here") or len(m.group()) < 3:
            continue
        s, e = trim(text, m.start(), m.end())
        out.append(Mention(s, e, "handle", text[s + 1 : e].lower(), P_HANDLE))
    for rx in (REDDIT_RE, DISCORD_MENTION_RE, LEGACY_DISCORD_RE, UNDERSCORE_HANDLE_RE, SKYPE_ID_RE):
        for m in rx.finditer(text):
            s, e = trim(text, m.start(), m.end())
            out.append(Mention(s, e, "handle", text[s:e].lower().lstrip("@"), P_HANDLE))
    strong = lex.cue("handle_cues")
    weak = lex.cue("handle_weak_cues")
    phrases = lex.cue("handle_phrases")
    for m in LATIN_TOKEN_RE.finditer(text):
        tok = m.group()
        if IBAN_RE.fullmatch(tok) or _FILE_RE.search(tok) or re.fullmatch(r"[vV]\d+(?:\.\d+)*", tok):
            continue
        if is_platform_domain(tok):  # "help.fiverr.com": the platform's own address
            continue
        # Four words back only for a username-shaped token ("his insta is ruairi.smiles"); two otherwise.
        # "dsmirnov-perm": a lower-case hyphenated word no vocabulary knows is marked like one with digits.
        marked = (bool(re.search(r"[\d_.]", tok)) or _unknown_hyphenated(tok, lex)) and not re.fullmatch(
            r"[A-Z]{2,}\d*", tok
        )
        before = words_before(text, m.start(), 4, lex.norm) or [""]
        two = " ".join(reversed(before[:2]))
        strong_cue = (
            before[0] in strong or two in phrases or (len(before) > 1 and before[1] in strong and before[0] in weak)
        )
        cue = _handle_cue(before, strong, weak, lex)
        if (
            _shaped_username(tok, lex)
            or _username_in_arabic(tok, lex)
            or _unknown_after_platform(text, m.start(), tok, lex)
        ):
            out.append(Mention(m.start(), m.end(), "handle", tok.lower(), P_CUED_HANDLE))
            continue
        # After "username"/"ник" any odd-looking token is a handle; after a platform name it needs digits or _ .
        # "käyttäjänsä oli aatu.gamedev", "his insta is ruairi.smiles", "username on Upwork was dmitry_k88".
        near = any(w in strong or w in weak or w.startswith(_TRADE_STEMS) for w in before[:4])
        near = near or (marked and _platform_earlier(text, m.start(), lex))
        if not (strong_cue or cue or before[0] in weak or (near and marked)):
            continue
        shaped = marked or _plain_handle(tok, lex, strong_cue or cue == "strong")
        if (norm_key(tok) in lex.platforms or not shaped) and not (
            cue == "weak" and _plain_handle_after_platform(tok, lex)
        ):
            continue
        out.append(Mention(m.start(), m.end(), "handle", tok.lower(), P_CUED_HANDLE))
    return out + _handles_before_platform(text, lex) + handles_said_everywhere(text) + forum_post_authors(text, lex)


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
    "как",
    "под",
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


_SENTENCE_END_RE = re.compile(r"[.!?\n](?:\s|$)")
_FILE_RE = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|png|jpe?g|gif|zip|txt|psd|ai|fig|mp4|mov|md|py|js|csv|svg)$", re.I)


def _platform_earlier(text: str, pos: int, lex: Lexicon) -> bool:
    """ "find her on behance, she is marta.k.illustrates": a platform word earlier in the same sentence, across a
    comma (at most eight words back), makes a username-shaped word its account."""
    chunk = text[max(0, pos - 80) : pos]
    ends = list(_SENTENCE_END_RE.finditer(chunk))
    if ends:
        chunk = chunk[ends[-1].end() :]
    words = [lex.norm(w) for w in re.findall(r"\w+", chunk)][-8:]
    weak, strong = lex.cue("handle_weak_cues"), lex.cue("handle_cues")
    return any(w in weak or w in strong or _is_platform_word(w, lex) for w in words)


def _unknown_hyphenated(tok: str, lex: Lexicon) -> bool:
    """ "ник на гитхабе dsmirnov-perm", "tilille nordvisio-dev": lower case, a hyphen, and a part no vocabulary
    knows; "follow-up" and "e-mail" are words."""
    parts = tok.split("-")
    return (
        len(parts) > 1
        and tok.islower()
        and any(len(p) >= 4 and not everyday(p, lex) and norm_key(p) not in lex.common for p in parts)
        and not everyday(tok, lex)
    )


def _shaped_username(tok: str, lex: Lexicon) -> bool:
    """ "reymundo-tx-88": lower case, two separators or more, a digit, and a part of five letters no vocabulary knows:
    only a username looks like that ("gpt-4-turbo" is made of words)."""
    if not tok.islower() or not any(ch.isdigit() for ch in tok) or re.search(r"\d\.\d", tok):
        return False  # "kotlin-1.9-release": a version number
    parts = re.split(r"[\-_.]", tok)
    return (
        tok.islower()
        and len(parts) >= 3
        and any(ch.isdigit() for ch in tok)
        and any(len(p) >= 5 and p.isalpha() and not everyday(p, lex) and norm_key(p) not in lex.common for p in parts)
        and not _FILE_RE.search(tok)
    )


def _username_in_arabic(tok: str, lex: Lexicon) -> bool:
    """ "صفحته abujamil.decor بالانستغرام": in an Arabic story a lower-case Latin word joined by a dot or an underscore
    (not a file, not a domain with a known top-level domain) is a username."""
    if lex.lang != "ar" or not re.fullmatch(r"[a-z][a-z0-9]*(?:[._][a-z0-9]+)+", tok) or _FILE_RE.search(tok):
        return False
    return "_" in tok or tok.rsplit(".", 1)[1] not in TLDS


def _unknown_after_platform(text: str, pos: int, tok: str, lex: Lexicon) -> bool:
    """ "he posted about me on twitter, he is fionnfixesit there": a platform earlier in the sentence, then "is"/"as"
    and a lower-case word of seven letters or more that no vocabulary knows is the account there."""
    if not (len(tok) >= 7 and tok.isalpha() and tok.islower()) or tok.endswith(_WORD_ENDINGS):
        return False  # "he is unprofessional there": a word the vocabulary lacks, shaped like a word
    if everyday(tok, lex) or norm_key(tok) in lex.common or norm_key(tok) in lex.platforms:
        return False
    if _finnish_word_form(tok, lex):
        return False
    before = words_before(text, pos, 1, lex.norm)
    return bool(before) and before[0] in _IS_WORDS and _platform_earlier(text, pos, lex)


# Endings of derived words that a list of everyday words does not hold every one of.
_WORD_ENDINGS = ("al", "ly", "ing", "ed", "tion", "sion", "ness", "ment", "ful", "less", "ous", "ive", "able", "ible")


_IS_WORDS = {"is", "as", "was", "on", "oli", "как", "это", "—"}


def _handle_cue(before: list[str], strong: frozenset[str], weak: frozenset[str], lex: Lexicon) -> str:
    """ "username there is X" -> 'strong', "Kworkissa X" / "на фрилансе X" -> 'weak': the nearest cue word behind
    at most two filler words ("there", "там", "oli"), or '' when an ordinary word comes first."""
    for w in before[:3]:
        if w in strong or w.startswith(_STRONG_STEMS):
            return "strong"
        if w in weak or _is_platform_word(w, lex):
            return "weak"
        if w not in _HANDLE_FILLERS:
            return ""
    return ""


# "käyttäjällä", "nimimerkiltä", "tilille", "аккаунту": any case of a word that says "username" or "account".
_STRONG_STEMS = ("käyttäjä", "nimimerk", "käyttäjätunnu", "tilille", "tililtä", "аккаунт", "никнейм", "юзернейм")
# "myyjältä kaasujalka77", "seller rustbucket_99", "продавец ivan77": the other side of a sale is known by a username
# (one shaped like it: "the buyer unfollowed me" is a verb).
_TRADE_STEMS = ("myyjä", "ostaja", "seller", "buyer", "продав", "покупател")


def _is_platform_word(word: str, lex: Lexicon) -> bool:
    """ "upworkissa", "kworkissa", "кворке": a platform name, inflected (a case ending of at most four letters)."""
    if word in lex.platforms:
        return True
    if not word.startswith(INFLECTABLE_PLATFORMS):  # one call for the common case: no platform at all
        return False
    return any(word.startswith(p) and len(word) - len(p) <= 4 for p in INFLECTABLE_PLATFORMS)


# Platform names long enough that a word starting with one is that platform, inflected.
INFLECTABLE_PLATFORMS = (
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
    "insta",
    "linkedin",
    "линкедин",
    "tiktok",
    "тикток",
    "twitter",
    "твиттер",
    "facebook",
    "фейсбук",
    "discord",
    "дискорд",
    "youtube",
    "ютуб",
    "threads",
    "snapchat",
    "хабр",
    "гитхаб",
    "гитлаб",
    "беханс",
    "линкедин",
    "вконтакт",
    "slack",
    "tori",
    "vinted",
    "avito",
    "авито",
)


def _plain_handle(tok: str, lex: Lexicon, strong_cue: bool) -> bool:
    """ "username there is kellanbrightworks": a lower-case word no vocabulary knows, right after a handle cue."""
    return strong_cue and tok.islower() and norm_key(tok) not in lex.common and not everyday(tok, lex)


def _plain_handle_after_platform(tok: str, lex: Lexicon) -> bool:
    """ "upworkissa tammelandesign", "на кворке boreaspro": after a platform word, a lower-case Latin word of five
    letters or more that no vocabulary (of the story's language or English) knows."""
    return (
        tok.islower()
        and len(tok) >= 5
        and norm_key(tok) not in lex.common
        and norm_key(tok) not in lex.platforms
        and not everyday(tok, lex)
        and not _finnish_word_form(tok, lex)
    )


def _finnish_word_form(tok: str, lex: Lexicon) -> bool:
    """ "tiktokissa on paskamaista", "Fiverrissä on kilpailullista": a Finnish case form of an everyday word (its
    base form is in the vocabulary, or it ends like a partitive adjective) is how it was there, not a username."""
    if lex.lang != "fi" or not tok.isalpha():
        return False
    return tok.endswith(("ista", "aista", "llista", "llisia")) or bool((fi_candidates(tok) - {tok}) & lex.vocab)


_ON_PLATFORM_RE = re.compile(
    r"(?<![\w@./\-])([a-z][a-z0-9._]{4,})(?:\s+(?:on|at|from|в|на|@)\s+([\w.]+)|\s*\(\s*(?:(?:on|at|в|на)\s+)?([\w.]+))"
)


def _handles_before_platform(text: str, lex: Lexicon) -> list[Mention]:
    """ "search mapleleafprints on etsy", "kirjoita pajari_photo on insta", "sunnyknits (instagram)": an unknown
    lower-case word right before "on <platform>" or a platform in brackets ("marlowe.k.ops (on behance, ...)") is the
    account's name there ("reachable on WhatsApp" is not)."""
    out = []
    for m in _ON_PLATFORM_RE.finditer(text):
        tok, platform = m.group(1), norm_key(m.group(2) or m.group(3))
        if platform not in lex.platforms or norm_key(tok) in lex.platforms or norm_key(tok) in lex.common:
            continue
        if everyday(tok, lex) or tok.endswith(("ing", "ed", "ly", "able", "ible")):
            continue
        out.append(Mention(m.start(1), m.end(1), "handle", tok.lower(), P_CUED_HANDLE))
    return out


# "I'm tobi.frames on most places", "olen maija_kuvaa kaikkialla", "я vasya.dev везде": a dotted, underscored or
# numbered word the writer says they are everywhere is their username.
_SAME_NAME_EVERYWHERE_RE = re.compile(
    r"(?i:\bI'?m|\bI am|\bI go by|\bolen|\bя)\s+([a-z0-9][\w.\-]*[._\d][\w.\-]*[a-z0-9])\s+"
    r"(?i:on most (?:places|platforms|sites|socials)|on all (?:the )?(?:platforms|socials|sites)|everywhere"
    r"|kaikkialla|joka paikassa|везде|во всех соцсетях)"
)


def handles_said_everywhere(text: str) -> list[Mention]:
    """ "I'm tobi.frames on most places": the name the writer goes by on every platform."""
    return [
        Mention(m.start(1), m.end(1), "handle", m.group(1).lower(), P_CUED_HANDLE)
        for m in _SAME_NAME_EVERYWHERE_RE.finditer(text)
    ]


# A forum post's header: "Kirjoittaja: Vasaraveikko88", "Posted by: kettle_fan", "Автор: petrovich77" on a line of its
# own, or "peltikatto_pena kirjoitti:", "moorhen wrote:", "sanych написал:" opening a line.
_BYLINE_RE = re.compile(r"(?m)^(?i:kirjoittaja|lähettäjä|posted by|author|автор)\s*:\s*([^\s:,]{3,40})[ \t]*$")
_WROTE_RE = re.compile(r"(?m)^(?:>\s*)?([^\s:,]{3,40}) (?:kirjoitti|wrote|написал|написала|пишет)\s*:")


def forum_post_authors(text: str, lex: Lexicon) -> list[Mention]:
    """ "Kirjoittaja: Vasaraveikko88" names the author; "kattoveikko kirjoitti:" too when the name is written in
    lower case or with digits, _ or . (a sentence would start with a capital: "Hän kirjoitti:" is a pronoun)."""
    out = [
        Mention(m.start(1), m.end(1), "handle", m.group(1).lower(), P_CUED_HANDLE) for m in _BYLINE_RE.finditer(text)
    ]
    for m in _WROTE_RE.finditer(text):
        tok = m.group(1)
        if tok[0].islower() or re.search(r"[\d_.]", tok) or not everyday(tok, lex):
            out.append(Mention(m.start(1), m.end(1), "handle", tok.lower(), P_CUED_HANDLE))
    return out
