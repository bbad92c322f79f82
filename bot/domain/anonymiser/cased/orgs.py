"""Company rules: quoted names («Ромашка», "Blue Fern"), kinds of business before a name, title-case roles and
headings that are no company. Each predicate is one rule with its example as the docstring."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from ..kinds import at_workplace
from ..lexicon import _vocab_sets
from ..model import Mention
from ..russian import ru_adjective_noun, ru_lemma
from ..textutil import Token, norm_key, overlaps

if TYPE_CHECKING:
    from .finder import CasedFinder

P_QUOTED = 55
P_ECHO = 50
P_NAME_LOWER = 50
QUOTE_RE = re.compile(r"«([^«»\n]{1,60})»|\"([^\"\n]{1,60})\"|“([^“”\n]{1,60})”|„([^„“”\n]{1,60})[“”]|”([^”\n]{1,60})”")
# Words joining two capitalised words in one company name after a business word ("кофейня Зерно и Пар").
ORG_JOINERS = {"and", "&", "и", "ja", "och"}
# Function words a title-case heading capitalises ("Client Of The Year") and names seldom hold.
_TITLE_FUNCTION_WORDS = {
    "of",
    "the",
    "from",
    "is",
    "your",
    "my",
    "to",
    "a",
    "an",
    "in",
    "on",
    "for",
    "with",
    "are",
    "but",
    "or",
    "not",
    "never",
    "always",
    "this",
    "that",
    "without",
    "it",
}
# Last words of job titles ("Managing Director", "Creative Director").
_JOB_HEADS = {
    "director",
    "manager",
    "officer",
    "lead",
    "designer",
    "engineer",
    "developer",
    "editor",
    "assistant",
    "coordinator",
    "specialist",
    "consultant",
    "analyst",
    "executive",
    "president",
    "producer",
    "strategist",
    "recruiter",
    "accountant",
    "intern",
}


def prev_word(text: str, pos: int) -> str:
    m = re.search(r"([^\W\d_]+)[\s\u00a0]*$", text[max(0, pos - 60) : pos])
    return norm_key(m.group(1)) if m else ""


def _prev_token_before(tokens: list[Token], pos: int) -> Token | None:
    best = None
    for t in tokens:
        if t.end <= pos:
            best = t
        else:
            break
    return best


def is_kind_word(f: CasedFinder, lw: str) -> bool:
    """ "agency", "кофейня", and the head of a Finnish compound ("käännöstoimisto", "mainostoimisto")."""
    kinds = f.lex.cue("org_kinds")
    if lw in kinds:
        return True
    return f.lang == "fi" and any(lw.endswith(k) and len(lw) > len(k) + 2 for k in kinds if len(k) >= 5)


def keeps_edge(f: CasedFinder, tok: Token) -> bool:
    """ "Riverside Drive", "Blue Media": a platform-like word that is also a street or company word stays inside a
    longer name."""
    lw = norm_key(tok.text)
    return lw in f.lex.cue("venue_suffixes") or lw in f.lex.cue("org_suffixes")


def is_title_case_phrase(f: CasedFinder, toks: list[Token]) -> bool:
    """ "Worst Client Of The Year", "our Creative Director", "Head of Growth": ordinary words in title case, with
    a capitalised function word or a job title at the end, are a heading or a role, not a name."""
    if len(toks) < 2 or f.lang != "en":
        return False
    words = [t.text for t in toks]
    # "Things I Learned This Year": the one-letter words I and A are function words too.
    if not all(w in ("I", "A") or (f.ordinary(w) and not f.is_personish(w) and not f.is_place(w)) for w in words):
        return False
    function_word = any(w[:1].isupper() and norm_key(w) in _TITLE_FUNCTION_WORDS for w in words)
    return function_word or norm_key(words[-1]) in _JOB_HEADS or norm_key(words[0]) in {"head", "chief"}


def quote_is_a_sentence(content: str, prev_char: str, org_kind: bool) -> bool:
    """ "he said "Pay me."", a quote after a colon, more than five words, or words listed with commas («Быстро,
    красиво, строго по договору», a testimonial's praise): a quotation, not a name."""
    listed = re.search(r", [a-zа-яёäöå]", content) is not None and len(content.split()) >= 3
    return content[-1] in ".!?…," or len(content.split()) > 5 or (prev_char == ":" and not org_kind) or listed


def quote_is_named(f: CasedFinder, content: str, org_kind: bool) -> bool:
    """ "Blue Fern", «Ромашка», «Smart Dom», «студия «тёплый дом»»: capitalised (every word, except in Russian), or
    any quote after a kind of business."""
    if org_kind:
        return True
    first = content[0]
    latin_in_cyr = f.lang == "ru" and re.match(r"[A-Za-z]", first) is not None
    if not (first.isupper() or latin_in_cyr):
        return False
    return f.lang == "ru" or all(w[:1].isupper() or w == "&" for w in content.split())


def quoted(f: CasedFinder, text: str, tokens: list[Token]) -> list[Mention]:
    """Names in quotes: a lone listed first name is a person, anything else a company (with ООО/Oy before it)."""
    out = []
    for m in QUOTE_RE.finditer(text):
        gi = next(i for i in range(1, 6) if m.group(i) is not None)
        raw, cs = m.group(gi), m.start(gi)
        content = raw.strip()
        if not content:
            continue
        cs += len(raw) - len(raw.lstrip())
        ce = cs + len(content)
        words = content.split()
        prev_char = text[: m.start()].rstrip()[-1:]
        org_kind = prev_word(text, m.start()) in f.lex.cue("org_kinds")
        if quote_is_a_sentence(content, prev_char, org_kind) or not quote_is_named(f, content, org_kind):
            continue
        if len(words) == 1 and f.is_first_name(content) and not org_kind:
            out.append(Mention(cs, ce, "person", f.lemma(content), P_QUOTED))
            continue
        if norm_key(content) in f.lex.platforms or norm_key(content) in f.lex.common:
            continue
        s, e = cs, ce
        legal = _prev_token_before(tokens, m.start())
        legal_before = legal is not None and norm_key(legal.text) in f.lex.cue("legal_forms")
        if legal is not None and legal_before and text[legal.end : m.start()].strip() == "":
            s, e = legal.start, m.end()
        out.append(Mention(s, e, "org", " ".join(f.lemma(w) for w in words), P_QUOTED))
    return out


# Legal forms written before the name ("ИП Колыванов", "ооо мегалайн", "tmi kattopojat").
_LEGAL_BEFORE = {"ru": {"ооо", "оао", "зао", "ао", "пао", "ип", "нко", "ано"}, "fi": {"tmi", "toiminimi"}, "en": set()}
# Lower-case words that cannot be a company's name after a legal form ("ооо и ип", "ип не платит").
_NOT_A_NAME_RU = {"и", "или", "а", "но", "в", "во", "с", "со", "на", "не", "по", "у", "от", "для", "это", "их", "его"}


def legal_form_before(f: CasedFinder, text: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "сделала сайт для ИП Колыванов", "у ИП Курносовой": a legal form written before a name is part of the company's
    name (the name alone would leave "ИП [заказчик]" and the form says a business is meant)."""
    forms = _LEGAL_BEFORE.get(f.lang, set())
    ends = {t.end: t for t in tokens}
    out = []
    for m in found:
        legal = ends.get(m.start - 1)
        if legal is not None and text[legal.end : m.start] == " " and norm_key(legal.text) in forms:
            # The key keeps the form: "ИП Шмаргунов" is the business, "Шмаргунов обещал" still the man.
            m = Mention(legal.start, m.end, "org", norm_key(legal.text) + " " + m.key, m.priority)
        out.append(m)
    return out


def lowercase_after_legal_form(f: CasedFinder, text: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "мой заказчик из ооо мегалайн", "ооо стройгарант-м кинуло": whatever word follows a legal form is the company's
    name, in lower case too (the form and the name are one span)."""
    forms = _LEGAL_BEFORE.get(f.lang, set())
    taken = [(m.start, m.end) for m in found]
    out = []
    if not forms:
        return []
    for a, b in pairwise(tokens):
        if a.text.lower() not in forms or b.cap or text[a.end : b.start] != " ":
            continue
        lw = norm_key(b.text)
        if len(lw) < 3:
            continue
        if lw in _NOT_A_NAME_RU or lw in f.lex.common or overlaps(a.start, b.end, taken):
            continue
        out.append(Mention(a.start, b.end, "org", f.lemma(b.text), P_QUOTED))
    return out


def lowercase_kind_and_surname(f: CasedFinder, text: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "rakennusliike hirvonen ei maksanut", "kuljetus mäkelälle": a Finnish kind of business, uninflected, then a
    lower-case word shaped like a surname is a firm named after its owner (the kind and the name are one span)."""
    if f.lang != "fi":
        return []
    taken = [(m.start, m.end) for m in found]
    out = []
    for a, b in pairwise(tokens):
        if a.cap or b.cap or text[a.end : b.start] != " " or overlaps(a.start, b.end, taken):
            continue
        kind = norm_key(a.text) in f.lex.cue("org_kinds") and not norm_key(a.text).endswith("n")  # uninflected
        if not kind or norm_key(b.text) in f.lex.frequent:
            continue
        if f.is_personish(b.text[:1].upper() + b.text[1:]):
            out.append(Mention(a.start, b.end, "org", f.lemma(b.text), P_NAME_LOWER))
    return out


# Company words that follow a name but seldom an everyday word ("vape shop", "coffee bar" are no companies).
LOWER_ORG_SUFFIXES = {
    "studio",
    "studios",
    "interiors",
    "design",
    "designs",
    "media",
    "digital",
    "creative",
    "builders",
    "construction",
    "consulting",
    "productions",
    "logistics",
    "architects",
    "solutions",
    "roofing",
    "landscaping",
    "plumbing",
    "florals",
    "ventures",
    "holdings",
    "labs",
}


def lowercase_with_org_suffix(f: CasedFinder, text: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "client was hazelmere interiors in leamington": in English, a lower-case word no vocabulary knows, then a
    company word (interiors, studio, roofing), is a company typed in lower case."""
    if f.lang != "en":
        return []
    taken = [(m.start, m.end) for m in found]
    out = []
    for a, b in pairwise(tokens):
        if a.cap or b.cap or text[a.end : b.start] != " " or overlaps(a.start, b.end, taken) or len(a.text) < 4:
            continue
        if (
            norm_key(b.text) in LOWER_ORG_SUFFIXES
            and f.unknown_name_shape(a.text)
            and norm_key(a.text) not in f.lex.vocab
        ):
            out.append(Mention(a.start, b.end, "org", norm_key(a.text) + " " + norm_key(b.text), P_NAME_LOWER))
    return out


def lowercase_at_work(f: CasedFinder, text: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "the guys at copperline said… never heard from copperline again": an unknown lower-case word at a workplace
    (see at_workplace) is a company, and so is the same word later in the story."""
    if f.lang != "en":
        return []
    taken = [(m.start, m.end) for m in found]
    out: list[Mention] = []
    for prev, t in pairwise(tokens):
        if prev.text.lower() != "at" or t.cap or len(t.text) < 4 or overlaps(t.start, t.end, taken):
            continue
        if not at_workplace(text, t.start):
            continue
        if not f.unknown_name_shape(t.text) or norm_key(t.text) in f.lex.vocab:
            continue
        key = norm_key(t.text)
        same = [u for u in tokens if norm_key(u.text) == key and not overlaps(u.start, u.end, taken)]
        out += [Mention(u.start, u.end, "org", key, P_NAME_LOWER) for u in same]
        taken += [(u.start, u.end) for u in same]
    return out


def ru_quoted_lowercase(f: CasedFinder, text: str, found: list[Mention]) -> list[Mention]:
    """ "верстал для «кедрового двора», а «кедровый двор» должен мне": a Russian name in quotes is often typed in lower
    case; the same quoted words twice (in any case form) are a name, not scare quotes, which rarely repeat."""
    if f.lang != "ru":
        return []
    taken = [(m.start, m.end) for m in found]
    groups: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for m in re.finditer(r"«([^«»\n]{3,40})»", text):
        content = m.group(1).strip()
        words = content.split()
        if not content[:1].islower() or len(words) > 3 or content[-1] in ".!?…," or overlaps(m.start(), m.end(), taken):
            continue
        key = tuple(ru_lemma(w) for w in words)
        groups.setdefault(key, []).append((m.start(1), m.end(1)))
    return [
        Mention(s, e, "org", " ".join(key), P_QUOTED)
        for key, spans in groups.items()
        if len(spans) >= 2
        for s, e in spans
    ]


_INITIALS_RE = re.compile(r"[A-ZА-ЯЁ][a-zа-яё]*")


def acronym_of_org(f: CasedFinder, text: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "компания СтройТехМонтаж (они же СТМ)", "Northbeam Roofing … NR never paid": the initials of a company found
    in the story, in capitals, are the same company."""
    taken = [(m.start, m.end) for m in found]
    initials: dict[str, str] = {}
    for m in found:
        parts = _INITIALS_RE.findall(text[m.start : m.end])
        if m.type == "org" and len(parts) >= 2:
            initials.setdefault("".join(p[0] for p in parts), m.key)
    return [
        Mention(t.start, t.end, "org", initials[t.text], P_ECHO)
        for t in tokens
        if t.all_caps and t.text in initials and not overlaps(t.start, t.end, taken)
    ]


def org_heads(f: CasedFinder, found: list[Mention]) -> dict[str, str]:
    """The distinctive first word of each company found, to its key: "saarnipuu oy" -> {"saarnipuu": ...}.

    Legal forms and company suffixes are no head ("Oy", "Studio"), and neither is an everyday word ("Crumb &
    Collie" is not echoed by every "crumb").
    """
    # "Kotisiivous Kaarnalle": the kind of business is no head either, the name after it is.
    generic = f.lex.cue("legal_forms") | f.lex.cue("org_suffixes") | f.lex.cue("org_kinds")
    heads: dict[str, str] = {}
    for m in found:
        if m.type != "org":
            continue
        if m.key.split()[0] in _LEGAL_BEFORE.get(f.lang, set()) and f.is_personish(m.key.split()[-1].capitalize()):
            continue  # "ИП Шмаргунов": a trader's surname is no company head
        words = [w for w in m.key.split() if w not in generic]
        if not words or len(words[0]) < 4:
            continue
        head = words[0]
        if head in f.lex.vocab or head in f.lex.common or head in f.lex.platforms:
            continue
        heads.setdefault(head, m.key)
    return heads


def echo_of(f: CasedFinder, word: str, heads: dict[str, str], name: bool = False) -> str:
    """The key of the company a word names again ("Saarnipuun", "brightwell", "Quillory's"), or ''.

    name: the word is already a name (a mention, or capitalised), so a head that is a stem may match it too."""
    hits = f.lemmas(word) & heads.keys()
    if not hits and f.lang in ("fi", "ru") and (name or word[:1].isupper()):
        # "Vilkkumaan Konepaja … Vilkkumaalta", "на Альфастрой … в Альфастрое": the head is a stem; the word is that
        # stem plus a case ending.
        lw = norm_key(word)
        hits = {h for h in heads if len(h) >= 5 and lw.startswith(h) and len(lw) - len(h) <= 6}
    return heads[min(hits)] if hits else ""


def echo_orgs(f: CasedFinder, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "Saarnipuu Oy:lle … Saarnipuun toimitusjohtaja", "Brightwell Studio … brightwell still uses my tagline":
    once a company is found, its name again in any case form or in lower case is the same company, and a lone word
    taken for a person that names it ("Zentrix Health … Zentrix offered") is the company."""
    heads = org_heads(f, found)
    org_keys = {m.key for m in found if m.type == "org"}
    if not heads and not org_keys:
        return found
    out = []
    for m in found:
        key = echo_of(f, m.key, heads, name=True) if m.type in ("person", "place") and " " not in m.key else ""
        if m.type == "place" and m.key in f.lex.places:
            key = ""  # "Helsinki Design … in Helsinki": a listed town stays a town
        if m.type == "person" and m.key in org_keys:
            key = m.key  # "Ravintola Hyvä Hetki … sit Hyvä Hetki vaihtoi omistajaa"
        out.append(Mention(m.start, m.end, "org", key, m.priority) if key else m)
    taken = [(m.start, m.end) for m in out]
    for t in tokens:
        if overlaps(t.start, t.end, taken):
            continue
        key = echo_of(f, t.text, heads)
        if key:
            out.append(Mention(t.start, t.end, "org", key, P_ECHO))
    return out


def ru_name_tails(f: CasedFinder, text: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "агентство Белый кит", "в студии Зелёная лампа": a Russian company name capitalises only its first word, so
    a lower-case noun right after a capitalised adjective that agrees with it belongs to the name."""
    if f.lang != "ru":
        return found
    starts = {t.start: t for t in tokens}
    out = []
    for m in found:
        nxt = starts.get(m.end + 1) if text[m.end : m.end + 1] == " " else None
        last = text[m.start : m.end].split()[-1]
        if m.type in ("org", "place") and nxt is not None and not nxt.cap and ru_adjective_noun(last, nxt.text):
            m = Mention(m.start, nxt.end, m.type, m.key + " " + f.lemma(nxt.text), m.priority)
        out.append(m)
    return out


_DOMAIN_TAIL_RE = re.compile(r"\.(?:com|fi|net|org|io|eu|ru|se|co\.uk)(?::?[a-zåäöа-яё]{1,6})?\b")


def domain_tails(text: str, found: list[Mention]) -> list[Mention]:
    """ "Verkkokauppa.comin", "Kuvapuoti.fi:ltä": a name followed by a domain ending (and a case ending) is a company
    known by its web address; the span takes the ending too, so ".comin" does not give it away."""
    out = []
    for m in found:
        tail = _DOMAIN_TAIL_RE.match(text, m.end)
        if tail and m.type in ("person", "org"):
            m = Mention(m.start, tail.end(), "org", m.key, m.priority)
        out.append(m)
    return out


def brand_branch(f: CasedFinder, text: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "K-Market Kaukajärven kaupassa", "Prisma Kalevassa": a chain's brand right before a place is one shop, the
    branch someone works at: both words go, as a company (the brand alone is no one's)."""
    out = []
    for m in found:
        before = _prev_token_before(tokens, m.start) if m.type == "place" else None
        if before is None or not before.cap or text[before.end : m.start] != " ":
            out.append(m)
            continue
        # The brand as written (not inflected): "Upworkin Helsingistä" is a platform and where someone is.
        if norm_key(before.text) not in f.lex.platforms or f._in(before.text, f.lex.countries):
            out.append(m)
            continue
        out.append(Mention(before.start, m.end, "org", norm_key(before.text) + " " + m.key, m.priority))
    return out


# "и партнёры", "& Partners", "ja kumppanit": the tail of a firm named after its founders.
_PARTNERS_RE = re.compile(
    r"[ \u00a0]+(?:и|&|and|ja)[ \u00a0]+(?:[пП]артн[её]р[а-яё]*|Partners|[kK]umppan[a-zäö]*)(?![\w])"
)
_NAME_LIST_GAP_RE = re.compile(r"^(?:,[ \u00a0]*|[ \u00a0]+(?:и|&|and|ja)[ \u00a0]+)$")


def and_partners(text: str, found: list[Mention]) -> list[Mention]:
    """ "Маковецкий и партнёры", "юрфирма Жук, Лис и партнёры", "Hale & Partners": names followed by "and partners"
    are one firm, the names and the tail together ("Ada and partners left": English writes a firm's Partners
    capitalised)."""
    ordered = sorted(found, key=lambda m: m.start)
    out: list[Mention] = []
    for m in ordered:
        tail = _PARTNERS_RE.match(text, m.end)
        if not tail or m.type not in ("person", "org"):
            out.append(m)
            continue
        start = m.start
        while out and out[-1].type in ("person", "org") and _NAME_LIST_GAP_RE.match(text[out[-1].end : start]):
            start = out.pop().start
        key = norm_key(text[start : m.end])
        out.append(Mention(start, tail.end(), "org", key, m.priority))
    return out


def latin_after_kind(f: CasedFinder, text: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "у него студия shtorm media", "агентство pixelhaus": in a Russian story, Latin words in lower case right after
    a kind of business are its name (one of them unknown to English: "студия web design" is a description)."""
    if f.lang != "ru":
        return []
    taken = [(m.start, m.end) for m in found]
    en_vocab = _vocab_sets("en")[0]
    out = []
    for i in range(len(tokens) - 1):
        nxt = tokens[i + 1].text
        if not (nxt.isascii() and nxt.isalpha() and nxt.islower()):
            continue  # the cheap test first: most words are not followed by a Latin one
        if not is_kind_word(f, norm_key(tokens[i].text)) and not f.lemmas(tokens[i].text) & f.lex.cue("org_kinds"):
            continue
        run: list[Token] = []
        prev = tokens[i]
        for t in tokens[i + 1 : i + 4]:
            if not (t.text.isascii() and t.text.isalpha() and t.text.islower()) or text[prev.end : t.start] != " ":
                break
            run.append(t)
            prev = t
        if not run or overlaps(run[0].start, run[-1].end, taken):
            continue
        if all(norm_key(t.text) in en_vocab for t in run):
            continue
        key = " ".join(norm_key(t.text) for t in run)
        out.append(Mention(run[0].start, run[-1].end, "org", key, P_NAME_LOWER))
    return out
