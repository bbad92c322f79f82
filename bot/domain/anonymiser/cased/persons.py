"""Person (and chat-place) rules outside capitalised runs: names typed in lower case, names repeated at a sentence
start, and sentence-initial words glued to a name. Each function is one rule with its example as the docstring."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from ..model import Mention
from ..russian import ru_only_proper
from ..textutil import Token, common_prefix, is_sentence_start, norm_key, overlaps
from .orgs import LOWER_ORG_SUFFIXES
from .register import moved_before

if TYPE_CHECKING:
    from .finder import CasedFinder

P_NAME = 50
# Lower-case words after which an unknown lower-case word introduced by "from" is someone ("ok so ottoline from ...").
_LOWER_NAME_BEFORE = {
    "en": {"so", "with", "and", "but", "client", "guy", "dude", "lady", "girl", "customer", "to", "for", "by"},
    "ru": {"с", "со", "и", "а", "но", "клиент", "клиентка", "заказчик", "заказчица", "чел", "некий", "некая"},
    "fi": {"ja", "mutta", "asiakas"},
}
_LOWER_FROM = {"en": {"from"}, "ru": {"из", "от"}, "fi": set()}


def lower_surname(f: CasedFinder, word: str) -> bool:
    """ "named gideon fairweather": an unknown lower-case word after a name is the family name (English), or a
    word shaped like a surname (Finnish, Russian: "iivo tilas" is a name and an informal verb)."""
    if f.is_personish(word) or (f.lang in ("fi", "ru") and f.is_personish(word[:1].upper() + word[1:])):
        return True  # "teemu pietilä", "аскольд кривошеев": the surname shapes are read on the capitalised word
    return f.lang == "en" and f.unknown_name_shape(word)


def with_family_name(f: CasedFinder, text: str, tokens: list[Token], b: Token) -> Token | None:
    """ "guy marek kowalczuk", "joku teemu pietilä": the lower-case word right after a lower-case first name, when
    it reads as a family name (see lower_surname)."""
    c = next((t for t in tokens if t.start >= b.end), None)
    if c is None or text[b.end : c.start] != " " or c.cap or len(c.text) < 4:
        return None
    # The Finnish and Russian vocabularies hold surnames too ("pietilä"): there only frequent words are words.
    everyday = norm_key(c.text) in f.lex.frequent if f.lang in ("fi", "ru") else f.ordinary(c.text)
    return c if lower_surname(f, c.text) and not everyday else None


def lowercase_named(f: CasedFinder, text: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """Informal 'a client named brad': a known first name typed in lower case right after a naming cue."""
    cues = f.lex.cue("lowercase_name_cues")
    taken = [(m.start, m.end) for m in found]
    out = []
    for a, b in pairwise(tokens):
        if b.cap or norm_key(a.text) not in cues or overlaps(b.start, b.end, taken):
            continue
        named = f.is_first_name(b.text) or f.unknown_name_shape(b.text, after_cue=True)
        if text[a.end : b.start].strip() == "" and named:
            key = f.lemma(b.text)
            end = b.end
            c = next((t for t in tokens if t.start >= b.end), None)
            # "named gideon fairweather": a second unknown lower-case word is the family name.
            if c is not None and text[b.end : c.start] == " " and not c.cap and lower_surname(f, c.text):
                end = c.end
                key = key + " " + f.lemma(c.text)
            out.append(Mention(b.start, end, "person", key, P_NAME))
            key = key.split()[0]
            # Later lower-case mentions of the same name ("brad never paid") go with it.
            for t in tokens:
                later = t.start > b.start and not t.cap and f.lemma(t.text) == key
                if later and not overlaps(t.start, t.end, taken):
                    out.append(Mention(t.start, t.end, "person", key, P_NAME))
    return out


def lowercase_listed(f: CasedFinder, text: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "tbh the worst was declan", "a friend in leeds": in all-lower-case chat, a listed name or town that is no
    everyday word is a name wherever it stands."""
    taken = [(m.start, m.end) for m in found]
    lex = f.lex
    out = []
    for t in tokens:
        lw = norm_key(t.text)
        if t.cap or len(lw) < 4 or overlaps(t.start, t.end, taken) or lw in lex.ambiguous or lw in lex.common:
            continue
        # The vocabularies come from running text and hold names and towns ("jared", "teemu", "jyväskylästä",
        # "сызрани"): only their most frequent words are everyday words ("will", "mark", "grace" stay).
        inflected = f.lang in ("fi", "ru")
        if lw in lex.frequent:
            continue
        lem = f.lemmas(t.text) if inflected else {lw}
        if lem & lex.ambiguous or lem & lex.common:
            continue
        name, place = lem & lex.first_names, lem & lex.places
        if name:
            family = with_family_name(f, text, tokens, t)
            key = f.lemma(t.text) + (" " + f.lemma(family.text) if family is not None else "")
            out.append(Mention(t.start, family.end if family is not None else t.end, "person", key, P_NAME))
        elif place:
            out.append(Mention(t.start, t.end, "place", f.lemma(t.text), P_NAME))
    return out


# Words that put a name in its slot in speech: "se mikko", "joku aki", "этот валерий", "some guy"'s Finnish kin.
_SPOKEN_BEFORE_NAME = {"fi": {"se", "toi", "tää", "joku", "eräs", "yks"}, "ru": {"этот", "эта", "некий", "некая"}}


def lowercase_after_spoken_pronoun(
    f: CasedFinder, text: str, tokens: list[Token], found: list[Mention]
) -> list[Mention]:
    """ "se mikko siitä tampereen mainostoimistosta", "omistaja oli joku aki": after spoken "se"/"joku" (or «этот»),
    a listed first name in lower case is that person, however frequent the name is in running text (a name that is
    also a word, "se lumi", stays: the ambiguous list holds those)."""
    before = _SPOKEN_BEFORE_NAME.get(f.lang, set())
    taken = [(m.start, m.end) for m in found]
    out = []
    for a, b in pairwise(tokens):
        lw = norm_key(b.text)
        # A verb follows "se" as often as a name does: "se eli" (it lived) is shorter than any name taken after it.
        shortest = 4 if norm_key(a.text) in ("se", "toi", "tää", "этот", "эта") else 3
        if norm_key(a.text) not in before or b.cap or text[a.end : b.start] != " " or len(lw) < shortest:
            continue
        listed = lw in f.lex.first_names and not any(lw in s for s in (f.lex.ambiguous, f.lex.common))
        listed = listed and lw not in f.lex.cue("person_before")
        if listed and not overlaps(b.start, b.end, taken):  # "joku sisko" is a sister, not Sisko
            family = with_family_name(f, text, tokens, b)
            end = family.end if family is not None else b.end
            out.append(Mention(b.start, end, "person", f.lemma(b.text), P_NAME))
    return out


def lowercase_inflected_name(f: CasedFinder, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "lopulta jannelta tuli viesti", «написала серёже»: in Finnish and Russian, a lower-case word no vocabulary
    holds in that form, which is a case form of a listed first name, is that person in any register."""
    if f.lang not in ("fi", "ru"):
        return []
    lex = f.lex
    taken = [(m.start, m.end) for m in found]
    out = []
    for t in tokens:
        lw = norm_key(t.text)
        if t.cap or len(lw) < 4 or lw in lex.vocab or lw in lex.common or overlaps(t.start, t.end, taken):
            continue
        lem = f.lemmas(t.text) - {lw}
        if lem & lex.first_names and not lem & (lex.ambiguous | lex.common):
            out.append(Mention(t.start, t.end, "person", f.lemma(t.text), P_NAME))
    return out


def lowercase_double_name(f: CasedFinder, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "kaisa-reetan firma", "anna-liisalle soitin": two first names joined by a hyphen, in lower case and in any
    case form, are one person (each half may be an everyday word; together they are a name)."""
    taken = [(m.start, m.end) for m in found]
    names = f.lex.first_names
    out = []
    for t in tokens:
        head, _, tail = t.text.partition("-")
        if t.cap or not tail or "-" in tail or overlaps(t.start, t.end, taken) or len(head) < 3 or len(tail) < 3:
            continue
        if head.lower() in names and f.lemmas(tail) & names:
            out.append(Mention(t.start, t.end, "person", f.lemma(t.text), P_NAME))
    return out


def lowercase_dictionary_name(f: CasedFinder, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "в общем глафира из задонска заказала": a lower-case Russian word the dictionary reads only as a first name,
    surname or town (never as an everyday word, unlike "роза" or "вера") is one, in any register."""
    if f.lang != "ru":
        return []
    taken = [(m.start, m.end) for m in found]
    out = []
    for t in tokens:
        if t.cap or len(t.text) < 4 or overlaps(t.start, t.end, taken) or norm_key(t.text) in f.lex.common:
            continue
        kind = ru_only_proper(t.text)
        if kind:
            out.append(Mention(t.start, t.end, kind, f.lemma(t.text), P_NAME))
    return out


def lowercase_cued(f: CasedFinder, text: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "worked 3 months for jurgen", "owner deshawn paid", "moved to philly": in all-lower-case chat, a word no
    vocabulary knows right after a role or a 'where' word is a name or a place (later mentions go with it)."""
    person_cues = f.lex.cue("lowercase_person_before")
    place_cues = f.lex.cue("lowercase_place_before")
    taken = [(m.start, m.end) for m in found]
    out: list[Mention] = []
    for a, b in pairwise(tokens):
        if b.cap or len(b.text) < 4 or text[a.end : b.start] != " " or overlaps(b.start, b.end, taken):
            continue
        prev = norm_key(a.text)
        if prev == "to" and moved_before(text, a.start):
            prev = "in"  # "moved to philly" (but "went to voicemail" says nothing)
        typ = "person" if prev in person_cues else "place" if prev in place_cues else ""
        if typ == "place" and _org_suffix_after(tokens, b):
            continue  # "from feldworks studio": a company (orgs.lowercase_with_org_suffix), not a town
        listed = f.lemmas(b.text) & (f.lex.places if typ == "place" else f.lex.first_names)
        unknown = f.unknown_name_shape(b.text) and norm_key(b.text) not in f.lex.vocab
        if not typ or not (unknown or (listed and not listed & f.lex.ambiguous)):
            continue
        key = f.lemma(b.text)
        family = with_family_name(f, text, tokens, b) if typ == "person" else None
        if family is not None:
            out.append(Mention(b.start, family.end, typ, key + " " + f.lemma(family.text), P_NAME))
            taken.append((b.start, family.end))
        out += [
            Mention(t.start, t.end, typ, key, P_NAME)
            for t in tokens
            if t.start >= b.start and not t.cap and f.lemma(t.text) == key and not overlaps(t.start, t.end, taken)
        ]
    return out


def lowercase_from(f: CasedFinder, text: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "ok so ottoline from wickford": an unknown lower-case word right before "from" is a person."""
    taken = [(m.start, m.end) for m in found]
    before, fr = _LOWER_NAME_BEFORE.get(f.lang, set()), _LOWER_FROM.get(f.lang, set())
    out = []
    for i in range(1, len(tokens) - 1):
        t = tokens[i]
        if t.cap or norm_key(tokens[i + 1].text) not in fr or overlaps(t.start, t.end, taken):
            continue
        if text[t.end : tokens[i + 1].start] != " " or not (t.sent_start or norm_key(tokens[i - 1].text) in before):
            continue
        if len(t.text) >= 4 and f.unknown_name_shape(t.text):
            key = f.lemma(t.text)
            out.append(Mention(t.start, t.end, "person", key, P_NAME))
            for u in tokens[i + 1 :]:
                if not u.cap and f.lemma(u.text) == key and not overlaps(u.start, u.end, taken):
                    out.append(Mention(u.start, u.end, "person", key, P_NAME))
    return out


def propagate(f: CasedFinder, rejected: list[Token], found: list[Mention]) -> list[Mention]:
    """A sentence-initial word naming a person already found elsewhere (Кравчука … Кравчук обещал) is a name."""
    known = {w for m in found if m.type == "person" for w in m.key.split()}
    out = []
    for tok in rejected:
        lem = f.lemmas(tok.text)
        if lem & f.lex.ambiguous or lem & f.lex.common or norm_key(tok.text) in f.lex.common:
            continue
        key = f.lemma(tok.text)
        if any(
            key == k or (min(len(key), len(k)) >= 4 and common_prefix(key, k) >= min(len(key), len(k)) - 1)
            for k in known
        ):
            out.append(Mention(tok.start, tok.end, "person", key, P_NAME))
    return out


def trim_initial_words(found: list[Mention], text: str, f: CasedFinder) -> list[Mention]:
    """ "Lopuks Kyllikki": a sentence-initial word glued to a name that the story also uses alone is not part of it."""
    alone = {m.key for m in found if m.type == "person" and len(m.key.split()) == 1}
    alone |= {w for m in found if m.type == "person" and not is_sentence_start(text, m.start) for w in m.key.split()}
    out = []
    for m in found:
        words = m.key.split()
        first = re.match(r"[^\W\d_]+(?:-[^\W\d_]+)*", text[m.start : m.end])
        if (
            m.type == "person"
            and len(words) == 2
            and first is not None
            and words[1] in alone
            and words[0] not in alone
            and is_sentence_start(text, m.start)
            and not f.is_personish(first.group())
        ):
            rest = text.index(" ", m.start) + 1 if " " in text[m.start : m.end] else m.start
            rest = len(text[:rest]) + len(text[rest : m.end]) - len(text[rest : m.end].lstrip())
            m = Mention(rest, m.end, m.type, words[1], m.priority)
        out.append(m)
    return out


def is_title_initial(tok: Token) -> bool:
    """ "Mrs P says she only offered": after a title, one capital letter is how the story names someone."""
    return len(tok.text) == 1 and tok.text.isupper()


def lowercase_echo(f: CasedFinder, text: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "Producer Fergus Lyle promised ... Then fergus messages me": a name the story already spelled capitalised is
    the same person when typed in lower case later (in Finnish and Russian in any case form no vocabulary holds)."""
    # Full names, or names found mid-sentence: a capitalised sentence start is too weak a source to echo.
    known = {
        w
        for m in found
        if m.type == "person" and (" " in m.key or not is_sentence_start(text, m.start))
        for w in m.key.split()
        if len(w) >= 3
    }
    if not known:
        return []
    lex = f.lex
    taken = [(m.start, m.end) for m in found]
    out = []
    for t in tokens:
        lw = norm_key(t.text)
        if t.cap or len(lw) < 3 or lw in lex.ambiguous or lw in lex.common or overlaps(t.start, t.end, taken):
            continue
        if f.lang == "en":
            # A surname that is also a word ("Jane Price ... the price") echoes nothing; a first name does.
            first_only = lw in lex.first_names and lw not in lex.surnames
            same = lw in known and (lw not in lex.vocab or first_only)
        else:
            same = lw not in lex.vocab and f.lemma(t.text) in known and not f.lemmas(t.text) & lex.ambiguous
        if same:
            out.append(Mention(t.start, t.end, "person", f.lemma(t.text), P_NAME))
    return out


# Roles that stand right before the name of the person holding them ("my boss gary", "landlord kev").
# Roles and kin: "my boss gary", "my sister shona", "my mate cillian".
_ROLE_BEFORE = {"boss", "owner", "manager", "landlord", "client", "customer", "recruiter", "editor", "founder", "ceo"}
_ROLE_BEFORE |= {
    "mate",
    "sister",
    "brother",
    "friend",
    "cousin",
    "wife",
    "husband",
    "partner",
    "colleague",
    "neighbour",
}


def lowercase_role_name(f: CasedFinder, text: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "My boss gary still says", "my landlord desmond": in English, a listed first name that is no other word
    ("gary", not "will" or "grace") or a word no vocabulary knows, typed in lower case right after a role, is that
    person, even when chat uses the name often."""
    if f.lang != "en":
        return []
    lex = f.lex
    taken = [(m.start, m.end) for m in found]
    out = []
    for a, b in pairwise(tokens):
        lw = norm_key(b.text)
        if b.cap or norm_key(a.text) not in _ROLE_BEFORE or text[a.end : b.start] != " ":
            continue
        listed = lw in lex.first_names and lw not in lex.ambiguous and lw not in lex.common and len(lw) >= 3
        # "my landlord desmond": a word no vocabulary knows, shaped like a name, after a role is one too.
        unknown = len(lw) >= 4 and lw not in lex.vocab and f.unknown_name_shape(b.text)
        if (listed or unknown) and not overlaps(b.start, b.end, taken):
            out.append(Mention(b.start, b.end, "person", lw, P_NAME))
    return out


def _org_suffix_after(tokens: list[Token], b: Token) -> bool:
    """ "feldworks studio": the next word is a company word typed in lower case."""
    nxt = next((t for t in tokens if t.start >= b.end), None)
    return nxt is not None and norm_key(nxt.text) in LOWER_ORG_SUFFIXES


# Kinship words Russian puts before a first name to address an older person ("тётя Люба", "дядя Коля").
_RU_KIN_ADDRESS = ("тёт", "тет", "дяд")


def is_kin_address(lang: str, tok: Token, gap: str) -> bool:
    """ "Хозяйку все зовут тётя Люба", "фото с тётей Верой": "тётя"/"дядя" in any case right before a name is part of
    how the story names her or him."""
    w = norm_key(tok.text)
    return lang == "ru" and gap == " " and not tok.cap and w.startswith(_RU_KIN_ADDRESS) and len(w) <= 5


_EN_LOWER_TITLES = {"mr", "mrs", "ms", "mx", "dr"}


def lowercase_after_title(f: CasedFinder, text: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "the owner, one mrs abernathy-cole, told me": in English, "mr"/"mrs"/"dr" typed in lower case, then a word no
    vocabulary knows (or a listed surname), is someone; the title goes with the name, as it does capitalised."""
    if f.lang != "en":
        return []
    taken = [(m.start, m.end) for m in found]
    out = []
    for a, b in pairwise(tokens):
        if a.cap or norm_key(a.text).rstrip(".") not in _EN_LOWER_TITLES or b.cap:
            continue
        if text[a.end : b.start].strip(".") != " " or overlaps(b.start, b.end, taken):
            continue
        lw = norm_key(b.text)
        if len(lw) >= 3 and (lw in f.lex.surnames or (lw not in f.lex.vocab and f.unknown_name_shape(b.text))):
            out.append(Mention(a.start, b.end, "person", lw, P_NAME))
    return out


_AND = {"and", "&", "ja", "и"}


def lowercase_paired_name(f: CasedFinder, text: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "couple were maisie and kofi", "kofi and maisie": a lower-case word joined by "and" to a name already taken in
    lower case is a name too when it is no frequent word (and each later use of it in lower case)."""
    people = {(m.start, m.end) for m in found if m.type == "person"}
    taken = [(m.start, m.end) for m in found]
    out: list[Mention] = []
    for i in range(1, len(tokens) - 1):
        a, conj, b = tokens[i - 1], tokens[i], tokens[i + 1]
        if norm_key(conj.text) not in _AND or text[a.end : conj.start] != " " or text[conj.end : b.start] != " ":
            continue
        for name, other in ((a, b), (b, a)):
            if (other.start, other.end) not in people or other.cap or name.cap or overlaps(name.start, name.end, taken):
                continue
            lw = norm_key(name.text)
            if len(lw) < 3 or lw in f.lex.frequent or lw in f.lex.common or not name.text.isalpha():
                continue
            out += [Mention(t.start, t.end, "person", lw, P_NAME) for t in tokens if t.text == name.text]
            taken += [(t.start, t.end) for t in tokens if t.text == name.text]
    return out
