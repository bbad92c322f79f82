"""Names, companies and places in languages that capitalise proper nouns (English, Finnish, Russian).

Capitalisation finds candidates; gazetteers, morphology and context cues decide whether a capitalised word at
the start of a sentence is a name, and which kind of name a candidate is.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .kinds import Run, classify
from .lexicon import Lexicon
from .model import Mention
from .morph import (
    fi_candidates,
    fi_looks_like_surname,
    fi_stem,
    ru_candidates,
    ru_is_patronymic,
    ru_looks_like_surname,
    ru_stem,
)
from .russian import ru_proper_kind
from .textutil import Token, is_sentence_start, norm_key, overlaps, tokenize

P_QUOTED, P_NAME = 55, 50

_CONNECTORS = {"of", "de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "bin", "ibn", "al", "el", "af"}
_QUOTE_RE = re.compile(
    r"«([^«»\n]{1,60})»|\"([^\"\n]{1,60})\"|“([^“”\n]{1,60})”|„([^„“”\n]{1,60})[“”]|”([^”\n]{1,60})”"
)
_RU_VERB_RE = re.compile(r"^[а-яё]+(?:л|ла|ло|ли|лся|лась|лось|лись|ет|ит|ат|ят|ется|ится|ает|яет)$")
_AFTER_NAME = {
    "en": {"from", "at", "of", "who", "and", "with"},
    "fi": {"joka", "jonka", "ja"},
    "ru": {"из", "от", "с", "со", "который", "которая", "и"},
}
_MONTH_NAMES_THAT_ARE_NAMES = {"april", "may", "june", "august"}
_TIME_WORDS = {
    "in",
    "on",
    "since",
    "until",
    "till",
    "by",
    "last",
    "next",
    "early",
    "mid",
    "late",
    "this",
    "of",
    "before",
    "after",
    "from",
    "through",
    "end",
}
# Endings of ordinary English words that a name almost never has (an unknown "Apparantly" is a typo, not a name).
_EN_WORD_ENDINGS = ("ly", "ing", "ed", "tion", "sion", "ness", "ment", "ful", "less", "ous", "ive", "able", "ible")
# Any noun goes with быть, so "Созвон был…" says nothing about a name; an oblique case at a sentence start is an object.
_RU_COPULA = {"был", "была", "было", "были", "будет", "будут", "стал", "стала", "стало", "стали"}
_RU_OBLIQUE = ("ом", "ем", "ами", "ями", "ах", "ях", "ой", "ую", "ого", "его", "ому", "ему", "ым", "ых", "их")
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
# Words joining two capitalised words in one company name after a business word ("кофейня Зерно и Пар").
_ORG_JOINERS = {"and", "&", "и", "ja", "och"}
# Lower-case words after which an unknown lower-case word introduced by "from" is someone ("ok so ottoline from ...").
_LOWER_NAME_BEFORE = {
    "en": {"so", "with", "and", "but", "client", "guy", "dude", "lady", "girl", "customer", "to", "for", "by"},
    "ru": {"с", "со", "и", "а", "но", "клиент", "клиентка", "заказчик", "заказчица", "чел", "некий", "некая"},
    "fi": {"ja", "mutta", "asiakas"},
}
_LOWER_FROM = {"en": {"from"}, "ru": {"из", "от"}, "fi": set()}
# Platform names that are also ordinary words: inside a longer capitalised name they are part of it.
_WORDLIKE_PLATFORMS = {
    "threads",
    "signal",
    "medium",
    "word",
    "teams",
    "meet",
    "drive",
    "docs",
    "sheets",
    "notion",
    "monday",
    "steam",
    "unity",
    "swift",
    "node",
    "contra",
    "malt",
    "guru",
    "booking",
    "orange",
    "wise",
    "bluesky",
    "freelancer",
    "apple",
    "amazon",
    "visa",
    "stripe",
    "slack",
    "zoom",
    "canva",
    "framer",
    "messenger",
    "vero",
    "tori",
    "posti",
}
_FI_INFLECTED = (
    "ja",
    "jä",
    "ita",
    "itä",
    "ssa",
    "ssä",
    "sta",
    "stä",
    "lla",
    "llä",
    "lta",
    "ltä",
    "lle",
    "ksi",
    "tta",
    "ttä",
    "nsa",
    "nsä",
    "ineen",
    "ista",
    "istä",
    "ien",
    "iden",
    "t",
)


class CasedFinder:
    """Finds person/org/place mentions in en, fi and ru text."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.lang = lex.lang
        self._gaz = lex.first_names | lex.surnames | lex.places | lex.platforms | lex.countries
        self._gaz |= lex.cue("org_suffixes") | lex.cue("legal_forms") | lex.cue("venue_suffixes")

    # --- word analysis -------------------------------------------------------------------------------------------

    def lemmas(self, word: str) -> set[str]:
        """Candidate base forms of word (normalised)."""
        w = re.sub(r"['’]s$", "", word)
        if self.lang == "fi":
            return fi_candidates(w)
        if self.lang == "ru":
            return ru_candidates(w)
        return {norm_key(w)}

    def lemma(self, word: str) -> str:
        """Best base form: a gazetteer entry sharing the longest prefix with word, else a crude stem."""
        w = norm_key(re.sub(r"['’]s$", "", word))
        hits = self.lemmas(word) & self._gaz
        if hits:
            return max(hits, key=lambda h: (_common_prefix(h, w), len(h)))
        if self.lang == "fi":
            return fi_stem(w)
        if self.lang == "ru":
            return ru_stem(w)
        return w

    def _in(self, word: str, s: frozenset[str]) -> bool:
        return bool(self.lemmas(word) & s)

    def is_first_name(self, word: str) -> bool:
        return self._in(word, self.lex.first_names)

    def is_personish(self, word: str) -> bool:
        if self._in(word, self.lex.first_names | self.lex.surnames):
            return True
        if self.lang == "ru":
            # pymorphy3's dictionary knows names and surnames in every case form ("Кириллу", "Стрижовой").
            return ru_is_patronymic(word) or ru_looks_like_surname(word) or ru_proper_kind(word) == "person"
        if self.lang == "fi":
            return fi_looks_like_surname(word)
        return False

    def is_place(self, word: str) -> bool:
        if self.lang == "ru" and word[:1].isupper() and ru_proper_kind(word) == "place":
            return True  # "Мытищах", "Твери": a town the dictionary tags, in any case form
        return self._in(word, self.lex.places)

    def ordinary(self, word: str) -> bool:
        """An everyday word of the language (the vocabulary list holds word forms, so no stemming)."""
        return norm_key(re.sub(r"['’]s$", "", word)) in self.lex.vocab

    def unknown_name_shape(self, word: str, after_cue: bool = False) -> bool:
        """A word no list knows that could be a name: not vocabulary, not slang-stretched, not a word-like ending."""
        w = re.sub(r"['’]s$", "", word)
        lw = norm_key(w)
        # After "named"/"звали" only the most frequent words are ruled out: the vocabulary also holds names.
        known = lw in self.lex.frequent if after_cue else self.ordinary(w)
        if len(w) < 3 or known or lw in self.lex.common or re.search(r"(.)\1\1", lw):
            return False
        if "-" in w and all(self.ordinary(part) for part in w.split("-")):
            return False  # "Long-time", "Follow-up"
        if self._in(w, self.lex.platforms | self.lex.countries | self.lex.calendar | self.lex.common):
            return False
        if self.lang == "en" and lw.endswith(_EN_WORD_ENDINGS):
            return False
        # After "звали" a word ending in -л is Фрол or Михаил, not a verb.
        return after_cue or not (self.lang == "ru" and _RU_VERB_RE.match(lw))

    def is_stop(
        self,
        tok: Token,
        prev: str,
        nxt: str,
        initial: bool = False,
        around: tuple[str, str] = ("", ""),
        in_name: bool = False,
    ) -> bool:
        """Capitalised words that are never identifiers: platforms, months, countries, acronyms, 'I'."""
        w = tok.text
        lw = norm_key(re.sub(r"['’]s$", "", w))
        if lw in ("i", "i'm", "i'd", "i've", "i'll"):
            return True
        if len(w) == 1:
            return not (w.isupper() and initial)
        if re.fullmatch(r"[A-ZА-ЯЁ]{2,5}(?:s|es|ed|d|ing|'s|’s|ы|ов|ом|а|е|у)", w):  # DMing, PDFs, CEO's, NDAs
            return True
        if self.lex.calendar and (lw in self.lex.calendar or lw.rstrip("s") in self.lex.calendar):
            if lw in _MONTH_NAMES_THAT_ARE_NAMES:
                before, after = around
                near_digit = before.rstrip()[-1:].isdigit() or after.lstrip()[:1].isdigit()
                return prev in _TIME_WORDS or nxt in _TIME_WORDS or near_digit
            return True
        head, _, tail = w.partition("-")
        if tail[:1].islower() and self._in(head, self.lex.platforms):
            return True  # "Figma-prototyypin", "Slack-kanavalla": a platform compound is an ordinary word
        if self._in(w, self.lex.platforms | self.lex.countries):
            if in_name and lw in _WORDLIKE_PLATFORMS:
                return False  # "Adire Threads", "Blue Signal Media": an ordinary word inside a longer name
            return not self.is_first_name(w) or self._in(w, self.lex.platforms)
        return tok.all_caps and len(w) <= 4 and lw not in self.lex.cue("legal_forms") and lw not in self._gaz

    # --- main ----------------------------------------------------------------------------------------------------

    def find(self, text: str, taken: list[tuple[int, int]]) -> list[Mention]:
        """All person/org/place mentions outside the taken ranges."""
        tokens = [t for t in tokenize(text) if not overlaps(t.start, t.end, taken)]
        headings = heading_lines(text)
        if headings:
            tokens = [t for t in tokens if not overlaps(t.start, t.end, headings) or self._listed_name(t.text)]
        out: list[Mention] = []
        consumed: list[tuple[int, int]] = []
        for q in self._quoted(text, tokens):
            out.append(q)
            consumed.append((q.start, q.end))
        tokens = [t for t in tokens if not overlaps(t.start, t.end, consumed)]
        rejected: list[Token] = []
        for seq in self._sequences(text, tokens):
            out.extend(self._resolve(text, tokens, seq, rejected))
        out += self._lowercase_named(text, tokens, out)
        out += self._lowercase_from(text, tokens, out)
        if chat_register(tokens):
            out += self._lowercase_listed(tokens, out)
            out += self._lowercase_cued(text, tokens, out)
        out = _trim_initial_words(out, text, self)
        return out + self._propagate(rejected, out)

    def _listed_name(self, word: str) -> bool:
        """A name or place a list knows, which stays a candidate even inside a title-case heading."""
        lem = self.lemmas(word)
        return bool(lem & (self.lex.first_names | self.lex.places)) and not lem & self.lex.ambiguous

    def _lowercase_named(self, text: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
        """Informal 'a client named brad': a known first name typed in lower case right after a naming cue."""
        cues = self.lex.cue("lowercase_name_cues")
        taken = [(m.start, m.end) for m in found]
        out = []
        for a, b in pairwise(tokens):
            if b.cap or norm_key(a.text) not in cues or overlaps(b.start, b.end, taken):
                continue
            named = self.is_first_name(b.text) or self.unknown_name_shape(b.text, after_cue=True)
            if text[a.end : b.start].strip() == "" and named:
                key = self.lemma(b.text)
                end = b.end
                c = next((t for t in tokens if t.start >= b.end), None)
                # "named gideon fairweather": a second unknown lower-case word is the family name.
                if c is not None and text[b.end : c.start] == " " and not c.cap and self._lower_surname(c.text):
                    end = c.end
                    key = key + " " + self.lemma(c.text)
                out.append(Mention(b.start, end, "person", key, P_NAME))
                key = key.split()[0]
                # Later lower-case mentions of the same name ("brad never paid") go with it.
                for t in tokens:
                    later = t.start > b.start and not t.cap and self.lemma(t.text) == key
                    if later and not overlaps(t.start, t.end, taken):
                        out.append(Mention(t.start, t.end, "person", key, P_NAME))
        return out

    def _lowercase_listed(self, tokens: list[Token], found: list[Mention]) -> list[Mention]:
        """ "tbh the worst was declan", "a friend in leeds": in all-lower-case chat, a listed name or town that is no
        everyday word is a name wherever it stands."""
        taken = [(m.start, m.end) for m in found]
        out = []
        for t in tokens:
            lw = norm_key(t.text)
            if t.cap or len(lw) < 4 or overlaps(t.start, t.end, taken) or lw in self.lex.ambiguous:
                continue
            if self.ordinary(t.text) or lw in self.lex.common:
                continue
            if lw in self.lex.first_names:
                out.append(Mention(t.start, t.end, "person", lw, P_NAME))
            elif lw in self.lex.places:
                out.append(Mention(t.start, t.end, "place", lw, P_NAME))
        return out

    def _lowercase_cued(self, text: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
        """ "worked 3 months for jurgen", "owner deshawn paid", "moved to philly": in all-lower-case chat, a word no
        vocabulary knows right after a role or a 'where' word is a name or a place (later mentions go with it)."""
        person_cues = self.lex.cue("lowercase_person_before")
        place_cues = self.lex.cue("lowercase_place_before")
        taken = [(m.start, m.end) for m in found]
        out: list[Mention] = []
        for a, b in pairwise(tokens):
            if b.cap or len(b.text) < 4 or text[a.end : b.start] != " " or overlaps(b.start, b.end, taken):
                continue
            prev = norm_key(a.text)
            if prev == "to" and moved_before(text, a.start):
                prev = "in"  # "moved to philly" (but "went to voicemail" says nothing)
            typ = "person" if prev in person_cues else "place" if prev in place_cues else ""
            listed = self.lemmas(b.text) & (self.lex.places if typ == "place" else self.lex.first_names)
            unknown = self.unknown_name_shape(b.text) and norm_key(b.text) not in self.lex.vocab
            if not typ or not (unknown or (listed and not listed & self.lex.ambiguous)):
                continue
            key = self.lemma(b.text)
            out += [
                Mention(t.start, t.end, typ, key, P_NAME)
                for t in tokens
                if t.start >= b.start
                and not t.cap
                and self.lemma(t.text) == key
                and not overlaps(t.start, t.end, taken)
            ]
        return out

    def _lower_surname(self, word: str) -> bool:
        # English spelling tells little, so any unknown word may be the family name; in Finnish and Russian an unknown
        # lower-case word after a name is as often an informal verb ("iivo tilas"), so the surname shape must show.
        if self.is_personish(word):
            return True
        return self.lang == "en" and self.unknown_name_shape(word)

    def _lowercase_from(self, text: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
        """ "ok so ottoline from wickford": an unknown lower-case word right before "from" is a person."""
        taken = [(m.start, m.end) for m in found]
        before, fr = _LOWER_NAME_BEFORE.get(self.lang, set()), _LOWER_FROM.get(self.lang, set())
        out = []
        for i in range(1, len(tokens) - 1):
            t = tokens[i]
            if t.cap or norm_key(tokens[i + 1].text) not in fr or overlaps(t.start, t.end, taken):
                continue
            if text[t.end : tokens[i + 1].start] != " " or not (t.sent_start or norm_key(tokens[i - 1].text) in before):
                continue
            if len(t.text) >= 4 and self.unknown_name_shape(t.text):
                key = self.lemma(t.text)
                out.append(Mention(t.start, t.end, "person", key, P_NAME))
                for u in tokens[i + 1 :]:
                    if not u.cap and self.lemma(u.text) == key and not overlaps(u.start, u.end, taken):
                        out.append(Mention(u.start, u.end, "person", key, P_NAME))
        return out

    def _propagate(self, rejected: list[Token], found: list[Mention]) -> list[Mention]:
        """A sentence-initial word naming a person already found elsewhere (Кравчука … Кравчук обещал) is a name."""
        known = {w for m in found if m.type == "person" for w in m.key.split()}
        out = []
        for tok in rejected:
            lem = self.lemmas(tok.text)
            if lem & self.lex.ambiguous or lem & self.lex.common or norm_key(tok.text) in self.lex.common:
                continue
            key = self.lemma(tok.text)
            if any(
                key == k or (min(len(key), len(k)) >= 4 and _common_prefix(key, k) >= min(len(key), len(k)) - 1)
                for k in known
            ):
                out.append(Mention(tok.start, tok.end, "person", key, P_NAME))
        return out

    def _quoted(self, text: str, tokens: list[Token]) -> list[Mention]:
        out = []
        for m in _QUOTE_RE.finditer(text):
            gi = next(i for i in range(1, 6) if m.group(i) is not None)
            raw, cs = m.group(gi), m.start(gi)
            content = raw.strip()
            if not content:
                continue
            cs += len(raw) - len(raw.lstrip())
            ce = cs + len(content)
            words = content.split()
            prev = _prev_word(text, m.start())
            prev_char = text[: m.start()].rstrip()[-1:]
            org_kind = prev in self.lex.cue("org_kinds")
            if content[-1] in ".!?…," or len(words) > 5 or (prev_char == ":" and not org_kind):
                continue
            first = content[0]
            latin_in_cyr = self.lang == "ru" and re.match(r"[A-Za-z]", first) is not None
            if not (org_kind or first.isupper() or latin_in_cyr):
                continue
            if self.lang != "ru" and not org_kind and not all(w[:1].isupper() or w == "&" for w in words):
                continue
            if len(words) == 1 and self.is_first_name(content) and not org_kind:
                out.append(Mention(cs, ce, "person", self.lemma(content), P_QUOTED))
                continue
            if norm_key(content) in self.lex.platforms or norm_key(content) in self.lex.common:
                continue
            s, e = cs, ce
            legal = _prev_token_before(tokens, m.start())
            legal_before = legal is not None and norm_key(legal.text) in self.lex.cue("legal_forms")
            if legal is not None and legal_before and text[legal.end : m.start()].strip() == "":
                s, e = legal.start, m.end()
            out.append(Mention(s, e, "org", " ".join(self.lemma(w) for w in words), P_QUOTED))
        return out

    def _sequences(self, text: str, tokens: list[Token]) -> list[list[int]]:
        """Runs of capitalised tokens (indices), joined by spaces, '&', initials or name particles."""
        seqs: list[list[int]] = []
        i = 0
        n = len(tokens)
        while i < n:
            if not tokens[i].cap:
                i += 1
                continue
            seq = [i]
            j = i
            while j + 1 < n:
                a, b = tokens[j], tokens[j + 1]
                gap = text[a.end : b.start]
                if b.cap and _joinable(gap, a) and norm_key(b.text) not in self.lex.cue("titles"):
                    seq.append(j + 1)
                    j += 1
                    continue
                lb = b.text.lower()
                kind_before = i > 0 and self._kind_word(norm_key(tokens[i - 1].text))
                if (
                    kind_before
                    and lb in _ORG_JOINERS
                    and j + 2 < n
                    and tokens[j + 2].cap
                    and gap == " "
                    and text[b.end : tokens[j + 2].start] == " "
                ):
                    seq += [j + 1, j + 2]
                    j += 2
                    continue
                if (
                    self.lang == "en"
                    and j + 2 < n
                    and gap == " "
                    and tokens[j + 2].cap
                    and text[b.end : tokens[j + 2].start] == " "
                    and (
                        lb in _CONNECTORS
                        or (lb == "and" and norm_key(tokens[j + 2].text) in self.lex.cue("org_suffixes"))
                    )
                    and not (lb == "of" and self.is_first_name(tokens[seq[0]].text))
                ):
                    seq += [j + 1, j + 2]
                    j += 2
                    continue
                break
            seqs.append(seq)
            i = j + 1
        return seqs

    def _resolve(self, text: str, tokens: list[Token], seq: list[int], rejected: list[Token]) -> list[Mention]:
        lex = self.lex
        toks = [tokens[k] for k in seq]
        first_idx = seq[0]
        prev_tok = tokens[first_idx - 1] if first_idx > 0 else None
        prev = norm_key(prev_tok.text) if prev_tok is not None and _adjacent(text, prev_tok, toks[0]) else ""
        after_idx = seq[-1] + 1
        nxt_tok = tokens[after_idx] if after_idx < len(tokens) else None
        nxt = norm_key(nxt_tok.text) if nxt_tok is not None else ""
        person_cue = prev in lex.cue("titles")
        # Titles inside the run (Mr, Dr, Herra) stay outside the span but say "person".
        while toks and norm_key(toks[0].text).rstrip(".") in lex.cue("titles") | {"mr", "mrs", "ms", "dr"}:
            person_cue = True
            prev = norm_key(toks[0].text)
            toks = toks[1:]
        # Trim stop words at both edges; an initial ("J.") is kept when a name follows or precedes it.
        platform_cut = False
        companyish = len(toks) > 1 and bool(
            self.lemmas(toks[-1].text) & (lex.cue("org_suffixes") | lex.cue("legal_forms"))
        )
        while toks and self.is_stop(
            toks[0],
            prev,
            norm_key(toks[1].text) if len(toks) > 1 else nxt,
            initial=len(toks) > 1 and text[toks[0].end : toks[0].end + 1] == ".",
            around=_around(text, toks[0]),
            in_name=len(toks) > 1,
        ):
            if len(toks) > 1 and (companyish or self._edge_keep(toks[0], toks)):
                break
            platform_cut = platform_cut or self._in(toks[0].text, lex.platforms)
            prev = norm_key(toks[0].text)
            toks = toks[1:]
        while toks and self.is_stop(
            toks[-1],
            prev,
            nxt,
            initial=len(toks) > 1 and text[toks[-1].end : toks[-1].end + 1] == ".",
            around=_around(text, toks[-1]),
            in_name=len(toks) > 1,
        ):
            if len(toks) > 1 and (companyish or self._edge_keep(toks[-1], toks)):
                break
            platform_cut = platform_cut or self._in(toks[-1].text, lex.platforms)
            toks = toks[:-1]
        while toks and not toks[0].cap:  # a connector left at an edge: "CTO of Lumenstack" -> "Lumenstack"
            prev = norm_key(toks[0].text)
            toks = toks[1:]
        while toks and not toks[-1].cap:
            toks = toks[:-1]
        if not toks:
            return []
        if platform_cut and len(toks) == 1 and self.ordinary(toks[0].text) and not self.is_personish(toks[0].text):
            return []  # "Google Play", "Slack Huddle": an ordinary word that belongs to the platform's name
        if toks[0].sent_start and len(toks) > 1 and not person_cue:
            # "Yhteyshenkilö Mervi Laaksonen", "Käännöstoimisto Sanasilta": a role or kind of business, then the name.
            lw0 = norm_key(toks[0].text)
            if lw0 in lex.cue("person_before") or self._kind_word(lw0):
                prev = lw0
                person_cue = lw0 in lex.cue("person_before")
                toks = toks[1:]
        if toks[0].sent_start and not person_cue:
            keep = self._initial_is_name(text, toks, nxt_tok)
            if not keep:
                if len(toks) == 1:
                    rejected.append(toks[0])
                prev = norm_key(toks[0].text)
                toks = toks[1:]
                while toks and self.is_stop(toks[0], prev, nxt, around=_around(text, toks[0]), in_name=len(toks) > 1):
                    prev = norm_key(toks[0].text)
                    toks = toks[1:]
                if not toks:
                    return []
                prev = ""
        if len(toks) == 1 and not person_cue and not toks[0].sent_start:
            w = toks[0].text
            lw = norm_key(w)
            if (lw in lex.common or w in lex.cue("org_suffixes")) and not self.is_personish(w) and not self.is_place(w):
                return []
        if not person_cue and self.is_title_case_phrase(toks):
            return []
        return self._classify(text, toks, prev, person_cue)

    def is_title_case_phrase(self, toks: list[Token]) -> bool:
        """ "Worst Client Of The Year", "our Creative Director", "Head of Growth": ordinary words in title case, with
        a capitalised function word or a job title at the end, are a heading or a role, not a name."""
        if len(toks) < 2 or self.lang != "en":
            return False
        words = [t.text for t in toks]
        if not all(self.ordinary(w) and not self.is_personish(w) and not self.is_place(w) for w in words):
            return False
        function_word = any(w[:1].isupper() and norm_key(w) in _TITLE_FUNCTION_WORDS for w in words)
        return function_word or norm_key(words[-1]) in _JOB_HEADS or norm_key(words[0]) in {"head", "chief"}

    def _kind_word(self, lw: str) -> bool:
        """An org-kind word, also as the head of a Finnish compound (käännöstoimisto, mainostoimisto)."""
        kinds = self.lex.cue("org_kinds")
        if lw in kinds:
            return True
        return self.lang == "fi" and any(lw.endswith(k) and len(lw) > len(k) + 2 for k in kinds if len(k) >= 5)

    def _edge_keep(self, tok: Token, toks: list[Token]) -> bool:
        """A platform-like word that is also a street/org word stays inside a longer name (Riverside Drive)."""
        lw = norm_key(tok.text)
        return lw in self.lex.cue("venue_suffixes") or lw in self.lex.cue("org_suffixes")

    def _initial_is_name(self, text: str, toks: list[Token], nxt_tok: Token | None) -> bool:
        """Decide whether a capitalised sentence-initial word is a name rather than an ordinary word."""
        lex = self.lex
        w = toks[0].text
        lw = norm_key(w)
        # Surname shapes (-nen, -ов) are also adjectives (viimeinen): only lists count at a sentence start.
        gaz = self._in(w, lex.first_names | lex.surnames | lex.places)
        lem = self.lemmas(w)
        ambiguous = bool(lem & lex.ambiguous) or (gaz and lw in lex.common)
        nxt = norm_key(nxt_tok.text) if nxt_tok is not None else ""
        gap = text[toks[0].end : nxt_tok.start] if nxt_tok is not None else ""
        verb_cue = nxt in lex.cue("strong_verbs") or (self.lang == "ru" and bool(_RU_VERB_RE.match(nxt)))
        cue = (
            len(toks) > 1
            or verb_cue
            or (gap.strip() == "" and nxt in _AFTER_NAME.get(self.lang, set()))
            or (gap.strip() == "," and len(toks) == 1 and nxt_tok is not None and not nxt_tok.cap)
        )
        if ambiguous:
            return cue and not (gap.strip() == "," and lw in lex.common)
        if gaz:
            return True
        if lw in lex.common or self._in(w, lex.common):
            return False
        if len(toks) == 1 and self.unknown_name_shape(w) and self._unknown_initial_is_name(text, toks[0], nxt_tok):
            return True
        if len(toks) > 1:
            # "Yhteistyö Heikin kanssa": an unknown first word before a known name is an ordinary word.
            return len(toks) > 2 or not (self.is_first_name(toks[1].text) and not toks[0].text[1:2].isupper())
        if self.lang == "ru":
            return False
        if self.lang == "fi" and lw.endswith(_FI_INFLECTED):
            return False  # "Sähköposteja tuli": a plural or case form, not a name in the nominative
        if (
            self.lang == "en"
            and nxt in ("from", "at", "of")
            and not lw.endswith("s")
            and nxt_tok is not None
            and not text[toks[0].end : nxt_tok.start].strip()
        ):
            # "Marguerite from Fernhill Studio": someone introduced by where they come from.
            after = self._token_after(text, nxt_tok)
            if after is not None and after.cap:
                return True
        return nxt in lex.cue("strong_verbs")

    def _unknown_initial_is_name(self, text: str, tok: Token, nxt_tok: Token | None) -> bool:
        """An unknown, non-vocabulary word opening a sentence: a name when what follows fits a name."""
        if self.lang == "en":
            return True  # "Thaddeus from…", "Crispin's assistant", "Ezekiel (goes by Zeke)"
        if self.lang == "ru":
            # "Мелания попросила…": a past-tense or present verb, "из"/"от", or an aside after the name.
            if nxt_tok is None:
                return False
            gap = text[tok.end : nxt_tok.start].strip()
            nxt = norm_key(nxt_tok.text)
            verb = bool(_RU_VERB_RE.match(nxt)) or nxt in self.lex.cue("strong_verbs")
            verb = verb and nxt not in _RU_COPULA  # "Созвон был…": any noun goes with быть
            if norm_key(tok.text).endswith(_RU_OBLIQUE):
                return False  # "Подрядчиком выступал…": an oblique case at the start is a noun, not who acts
            return (gap == "" and (verb or nxt in _AFTER_NAME["ru"])) or gap in (",", "(", "—", "-")
        return False  # Finnish: compounds and inflected forms are too often outside any vocabulary list

    @staticmethod
    def _token_after(text: str, tok: Token) -> Token | None:
        m = re.compile(r"\s+([^\W\d_]+)").match(text, tok.end)
        if not m:
            return None
        return Token(m.start(1), m.end(1), m.group(1), False)

    # --- typing --------------------------------------------------------------------------------------------------

    def _classify(self, text: str, toks: list[Token], prev: str, person_cue: bool) -> list[Mention]:
        """Type the run with the rules in kinds.py and turn each typed part into a mention."""
        parts = classify(Run(self, text, toks, prev, person_cue))
        return [self._mention(text, ts, typ) for ts, typ in parts]

    def _mention(self, text: str, ts: list[Token], typ: str) -> Mention:
        s, e = ts[0].start, ts[-1].end
        if text[e - 2 : e] in ("'s", "’s"):
            e -= 2
        last = norm_key(ts[-1].text)
        if text[e : e + 1] == "." and (len(ts[-1].text) == 1 or last + "." in self.lex.cue("legal_forms")):
            e += 1  # "Е. А." initials, "Inc."
        key = " ".join(self.lemma(t.text) for t in ts)
        return Mention(s, e, typ, key, P_NAME)


_MOVED_RE = re.compile(r"\b(?:moved|moving|relocated|flew|drove|went back|lives|living)\s+$")


def moved_before(text: str, pos: int) -> bool:
    """ "moved to", "relocated to", "flew to": the next word is where someone went."""
    return bool(
        re.search(r"\b(?:moved|moving|relocated|flew|drove|went back|lives|living)\s+$", text[max(0, pos - 20) : pos])
    )


def chat_register(tokens: list[Token]) -> bool:
    """ "ok so this happened. guy called me": most sentences start in lower case, so case says little about names."""
    starts = [t for t in tokens if t.sent_start]
    return len(starts) >= 2 and sum(not t.cap for t in starts) * 2 >= len(starts)


_HEADING_WORD = re.compile(r"[^\W\d_]+")


def heading_lines(text: str) -> list[tuple[int, int]]:
    """ "How I Lost Three Weeks To A Startup": a title-case line of its own is a heading, not a run of names.

    A line counts when it has at least three words, does not end like a sentence, and every word of four letters
    or more is capitalised.
    """
    out = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        words = _HEADING_WORD.findall(line)
        long_words = [w for w in words if len(w) >= 4]
        if len(words) < 3 or not long_words or line.rstrip()[-1:] in ".!?…,;":
            continue
        if all(w[0].isupper() for w in long_words) and "\n" in text[start:]:
            out.append((start, start + len(line)))
    return out


def _around(text: str, tok: Token) -> tuple[str, str]:
    return text[max(0, tok.start - 4) : tok.start], text[tok.end : tok.end + 5]


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _joinable(gap: str, a: Token) -> bool:
    if gap in (" ", "\u00a0") or (gap.strip() in ("&", "+") and len(gap) <= 3):
        return True
    # Initials and abbreviated titles: "J. R. Smith", "Dr. Amara".
    return gap == ". " and (len(a.text) == 1 or a.text.lower() in ("mr", "mrs", "ms", "dr", "prof", "st"))


def _adjacent(text: str, a: Token, b: Token) -> bool:
    gap = text[a.end : b.start]
    return gap.strip() in ("", ".", ",") and "\n" not in gap


def _prev_word(text: str, pos: int) -> str:
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


def _trim_initial_words(found: list[Mention], text: str, finder: CasedFinder) -> list[Mention]:
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
            and not finder.is_personish(first.group())
        ):
            rest = text.index(" ", m.start) + 1 if " " in text[m.start : m.end] else m.start
            rest = len(text[:rest]) + len(text[rest : m.end]) - len(text[rest : m.end].lstrip())
            m = Mention(rest, m.end, m.type, words[1], m.priority)
        out.append(m)
    return out
