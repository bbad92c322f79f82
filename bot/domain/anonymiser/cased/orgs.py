"""Company rules: quoted names («Ромашка», "Blue Fern"), kinds of business before a name, title-case roles and
headings that are no company. Each predicate is one rule with its example as the docstring."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Mention
from ..russian import ru_adjective_noun
from ..textutil import Token, norm_key, overlaps

if TYPE_CHECKING:
    from .finder import CasedFinder

P_QUOTED = 55
P_ECHO = 50
QUOTE_RE = re.compile(r"«([^«»\n]{1,60})»|\"([^\"\n]{1,60})\"|“([^“”\n]{1,60})”|„([^„“”\n]{1,60})[“”]|”([^”\n]{1,60})”")
# Words joining two capitalised words in one company name after a business word ("кофейня Зерно и Пар").
ORG_JOINERS = {"and", "&", "и", "ja", "och"}
# Function words a title-case heading capitalises ("Client Of The Year") and names seldom hold.
_TITLE_FUNCTION_WORDS = {"of", "the", "from", "is", "your", "my", "to", "a", "an", "in", "on", "for", "with", "are"}
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
    if not all(f.ordinary(w) and not f.is_personish(w) and not f.is_place(w) for w in words):
        return False
    function_word = any(w[:1].isupper() and norm_key(w) in _TITLE_FUNCTION_WORDS for w in words)
    return function_word or norm_key(words[-1]) in _JOB_HEADS or norm_key(words[0]) in {"head", "chief"}


def quote_is_a_sentence(content: str, prev_char: str, org_kind: bool) -> bool:
    """ "he said "Pay me."", a quote after a colon, or more than five words: a quotation, not a name."""
    return content[-1] in ".!?…," or len(content.split()) > 5 or (prev_char == ":" and not org_kind)


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


def org_heads(f: CasedFinder, found: list[Mention]) -> dict[str, str]:
    """The distinctive first word of each company found, to its key: "saarnipuu oy" -> {"saarnipuu": ...}.

    Legal forms and company suffixes are no head ("Oy", "Studio"), and neither is an everyday word ("Crumb &
    Collie" is not echoed by every "crumb").
    """
    generic = f.lex.cue("legal_forms") | f.lex.cue("org_suffixes")
    heads: dict[str, str] = {}
    for m in found:
        if m.type != "org":
            continue
        words = [w for w in m.key.split() if w not in generic]
        if not words or len(words[0]) < 4:
            continue
        head = words[0]
        if head in f.lex.vocab or head in f.lex.common or head in f.lex.platforms:
            continue
        heads.setdefault(head, m.key)
    return heads


def echo_of(f: CasedFinder, word: str, heads: dict[str, str]) -> str:
    """The key of the company a word names again ("Saarnipuun", "brightwell", "Quillory's"), or ''."""
    hits = f.lemmas(word) & heads.keys()
    return heads[min(hits)] if hits else ""


def echo_orgs(f: CasedFinder, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "Saarnipuu Oy:lle … Saarnipuun toimitusjohtaja", "Brightwell Studio … brightwell still uses my tagline":
    once a company is found, its name again in any case form or in lower case is the same company, and a lone word
    taken for a person that names it ("Zentrix Health … Zentrix offered") is the company."""
    heads = org_heads(f, found)
    if not heads:
        return found
    out = []
    for m in found:
        key = echo_of(f, m.key, heads) if m.type == "person" and " " not in m.key else ""
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
