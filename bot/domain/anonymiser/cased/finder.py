"""Names, companies and places in languages that capitalise proper nouns (English, Finnish, Russian).

Capitalisation finds candidates; gazetteers, morphology and context cues decide whether a capitalised word at
the start of a sentence is a name, and which kind of name a candidate is.
"""

from __future__ import annotations

import re

from ..kinds import Run, classify, finnish_named_after
from ..lexicon import Lexicon
from ..model import Mention
from ..morph import (
    fi_candidates,
    fi_looks_like_surname,
    fi_stem,
    ru_candidates,
    ru_is_patronymic,
    ru_looks_like_surname,
    ru_stem,
)
from ..russian import ru_proper_kind
from ..textutil import Token, common_prefix, norm_key, overlaps, tokenize
from .acronyms import acronym_with_long_form, acronyms_are_orgs
from .bodies import cut_before, former_employers, kind_then_name, public_bodies
from .credits import credit_labels, credit_line_orgs
from .groups import fi_spaced_hyphen_group
from .initial import RU_VERB_RE, Initial, initial_is_name
from .orgs import (
    ORG_JOINERS,
    acronym_of_org,
    and_partners,
    brand_branch,
    domain_tails,
    echo_orgs,
    is_kind_word,
    is_title_case_phrase,
    keeps_edge,
    latin_after_kind,
    legal_form_before,
    lowercase_after_legal_form,
    lowercase_at_work,
    lowercase_kind_and_surname,
    lowercase_with_org_suffix,
    quoted,
    ru_name_tails,
    ru_quoted_lowercase,
)
from .persons import (
    P_NAME,
    is_kin_address,
    is_title_initial,
    lowercase_after_spoken_pronoun,
    lowercase_after_title,
    lowercase_cued,
    lowercase_dictionary_name,
    lowercase_double_name,
    lowercase_echo,
    lowercase_from,
    lowercase_inflected_name,
    lowercase_listed,
    lowercase_named,
    lowercase_paired_name,
    lowercase_role_name,
    propagate,
    trim_initial_words,
)
from .register import chat_register, heading_lines
from .signatures import list_item_heads, signature_fields
from .stops import Stop, is_stop, lone_common_word, platform_remnant
from .venues import ru_venue_tails

# Two particles inside one family name ("van der", "de la").
_PARTICLE_PAIRS = {
    ("van", "der"),
    ("van", "den"),
    ("van", "de"),
    ("de", "la"),
    ("de", "los"),
    ("von", "der"),
}
_CONNECTORS = {"of", "de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "bin", "ibn", "al", "el", "af"}
# Endings of ordinary English words that a name almost never has (an unknown "Apparantly" is a typo, not a name).
_EN_WORD_ENDINGS = ("ly", "ing", "ed", "tion", "sion", "ness", "ment", "ful", "less", "ous", "ive", "able", "ible")


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
            return max(hits, key=lambda h: (common_prefix(h, w), len(h)))
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
        lw = norm_key(re.sub(r"['’]s$", "", word))
        return lw in self.lex.vocab or self._english_plural(lw)

    def _english_plural(self, lw: str) -> bool:
        """ "Refunds", "Invoices": the plural of an everyday English word that names no one ("Williams" stays)."""
        if self.lang != "en" or len(lw) < 5 or not lw.endswith("s") or lw[:-1] not in self.lex.vocab:
            return False
        return lw[:-1] not in self.lex.first_names | self.lex.surnames | self.lex.places

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
        return after_cue or not (self.lang == "ru" and RU_VERB_RE.match(lw))

    def is_stop(
        self,
        tok: Token,
        prev: str,
        nxt: str,
        initial: bool = False,
        around: tuple[str, str] = ("", ""),
        in_name: bool = False,
    ) -> bool:
        """Capitalised words that are never identifiers (the rules are in stops.py)."""
        return is_stop(Stop(self, tok, prev, nxt, initial, around, in_name))

    # --- main ----------------------------------------------------------------------------------------------------

    def find(self, text: str, taken: list[tuple[int, int]]) -> list[Mention]:
        """All person/org/place mentions outside the taken ranges."""
        tokens = [t for t in tokenize(text) if not overlaps(t.start, t.end, taken)]
        headings = heading_lines(text)
        if headings:
            tokens = [t for t in tokens if not overlaps(t.start, t.end, headings) or self._listed_name(t.text)]
        out: list[Mention] = []
        consumed: list[tuple[int, int]] = []
        for q in quoted(self, text, tokens):
            out.append(q)
            consumed.append((q.start, q.end))
        tokens = [t for t in tokens if not overlaps(t.start, t.end, consumed)]
        rejected: list[Token] = []
        for seq in self._sequences(text, tokens):
            out.extend(self._resolve(text, tokens, seq, rejected))
        out += lowercase_named(self, text, tokens, out)
        out += lowercase_from(self, text, tokens, out)
        if chat_register(tokens) or self.lang == "en":
            # English spells names capitalised, so a listed name typed in lower case stands out in any register
            # ("I messaged jared again"); Finnish and Russian inflect them into everyday-looking forms: only chat.
            out += lowercase_listed(self, text, tokens, out)
        if chat_register(tokens):
            out += lowercase_cued(self, text, tokens, out)
        out += lowercase_after_spoken_pronoun(self, text, tokens, out)
        out += lowercase_inflected_name(self, tokens, out)
        out += lowercase_double_name(self, tokens, out)
        out += lowercase_dictionary_name(self, tokens, out)
        out += lowercase_role_name(self, text, tokens, out)
        out += lowercase_after_title(self, text, tokens, out)
        out += lowercase_echo(self, text, tokens, out)
        out += lowercase_paired_name(self, text, tokens, out)
        out += lowercase_after_legal_form(self, text, tokens, out)
        out += lowercase_at_work(self, text, tokens, out)
        out += lowercase_kind_and_surname(self, text, tokens, out)
        out += lowercase_with_org_suffix(self, text, tokens, out)
        out += ru_quoted_lowercase(self, text, out)
        out += latin_after_kind(self, text, tokens, out)
        out += acronym_of_org(self, text, tokens, out)
        out += acronym_with_long_form(text, tokens, out)
        out += fi_spaced_hyphen_group(self.lex, text, tokens, out)
        out = legal_form_before(self, text, tokens, out)
        out = and_partners(text, brand_branch(self, text, tokens, out))
        out = trim_initial_words(out, text, self)
        out = domain_tails(text, ru_name_tails(self, text, tokens, out))
        out = echo_orgs(self, tokens, out + propagate(self, rejected, out))
        layout = signature_fields(self, text) + list_item_heads(self, text)
        layout += public_bodies(text, self.lang, self.lex.countries) + former_employers(self, text)
        layout = [m for m in layout if not overlaps(m.start, m.end, taken)]
        out = kind_then_name(self, text, tokens, cut_before(self, out, layout, text) + layout)
        labels = credit_labels(text)
        credits = [m for m in credit_line_orgs(text) if not overlaps(m.start, m.end, taken)]
        out = [m for m in out if not any(s <= m.start and m.end <= e for s, e in labels)] + credits
        out = ru_venue_tails(self.lang, text, tokens, out)
        out = [m for m in out if not self._legal_form_alone(text[m.start : m.end])]
        return acronyms_are_orgs(text, out, self.lex.first_names | self.lex.surnames)

    def _legal_form_alone(self, words: str) -> bool:
        """ "у них даже ООО нет", "(no Ltd on anything)": a legal form with no name is no one's."""
        return norm_key(words) in self.lex.cue("legal_forms")

    def _listed_name(self, word: str) -> bool:
        """A name or place a list knows, which stays a candidate even inside a title-case heading."""
        lem = self.lemmas(word)
        return bool(lem & (self.lex.first_names | self.lex.places)) and not lem & self.lex.ambiguous

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
                kind_before = i > 0 and is_kind_word(self, norm_key(tokens[i - 1].text))
                if (
                    kind_before
                    and lb in ORG_JOINERS
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
                    # "Bank of Leeds" joins; "Ignatius Pell of Pell & Varga" is someone of a company.
                    and not (lb == "of" and not self.ordinary(a.text) and self._company_at(text, tokens, j + 2))
                ):
                    seq += [j + 1, j + 2]
                    j += 2
                    continue
                if self._particle_pair(text, tokens, j):
                    seq += [j + 1, j + 2, j + 3]
                    j += 3
                    continue
                break
            seqs.append(seq)
            i = j + 1
        return seqs

    def _particle_pair(self, text: str, tokens: list[Token], j: int) -> bool:
        """ "Joost van der Wiel", "María de la Cruz": two lower-case name particles between capitalised names."""
        if j + 3 >= len(tokens) or not tokens[j + 3].cap:
            return False
        b, c = tokens[j + 1], tokens[j + 2]
        gaps = (text[tokens[j].end : b.start], text[b.end : c.start], text[c.end : tokens[j + 3].start])
        return all(g == " " for g in gaps) and (b.text, c.text) in _PARTICLE_PAIRS

    def _company_at(self, text: str, tokens: list[Token], k: int) -> bool:
        """ "Pell & Varga", "Quill Media", "Acme Oy": the run starting at tokens[k] is shaped like a company."""
        if k + 1 >= len(tokens) or not tokens[k + 1].cap:
            return False
        gap = text[tokens[k].end : tokens[k + 1].start].strip()
        suffixes = self.lex.cue("org_suffixes") | self.lex.cue("legal_forms")
        return gap in ("&", "+") or (gap == "" and norm_key(tokens[k + 1].text) in suffixes)

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
        # Titles inside the run (Mr, Dr, Herra) say "person", and go with the name they stand before: "Mrs.
        # Pennington-Hale" becomes "[client]", not "Mrs. [client]" (the title tells who it is, and half the span).
        title_start = -1
        while toks and norm_key(toks[0].text).rstrip(".") in lex.cue("titles") | {"mr", "mrs", "ms", "dr"}:
            person_cue = True
            prev = norm_key(toks[0].text)
            if title_start < 0 and prev not in lex.cue("legal_forms"):  # "ИП Соколова" is a business: ИП stays
                title_start = toks[0].start
            toks = toks[1:]
        if title_start >= 0 and len(toks) == 1 and is_title_initial(toks[0]):
            return [Mention(title_start, toks[0].end, "person", norm_key(toks[0].text), P_NAME)]
        if toks and finnish_named_after(self, text, toks[-1].end):
            return self._classify(text, toks, prev, person_cue)  # "Savon Viikko -nimiselle": named, whatever words
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
            if len(toks) > 1 and (companyish or keeps_edge(self, toks[0])):
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
            if len(toks) > 1 and (companyish or keeps_edge(self, toks[-1])):
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
        if platform_cut and platform_remnant(self, toks):
            return []
        if toks[0].sent_start and len(toks) > 1 and not person_cue:
            # "Yhteyshenkilö Mervi Laaksonen", "Käännöstoimisto Sanasilta": a role or kind of business, then the name.
            lw0 = norm_key(toks[0].text)
            if lw0 in lex.cue("person_before") or is_kind_word(self, lw0):
                prev = lw0
                person_cue = lw0 in lex.cue("person_before")
                toks = toks[1:]
        if toks[0].sent_start and not person_cue:
            keep = initial_is_name(Initial(self, text, toks, nxt_tok))
            if not keep:
                if len(toks) == 1:
                    rejected.append(toks[0])
                prev = norm_key(toks[0].text)
                toks = toks[1:]
                while toks and self.is_stop(toks[0], prev, nxt, around=_around(text, toks[0]), in_name=len(toks) > 1):
                    if len(toks) > 1 and companyish:
                        break  # "Tein Hämeen Tilitoimisto Oy:lle": a legal form keeps the whole name
                    prev = norm_key(toks[0].text)
                    toks = toks[1:]
                if not toks:
                    return []
                prev = ""
        if not person_cue and lone_common_word(self, toks):
            return []
        if not person_cue and is_title_case_phrase(self, toks):
            return []
        found = self._classify(text, toks, prev, person_cue)
        if (
            title_start < 0
            and prev_tok is not None
            and is_kin_address(self.lang, prev_tok, text[prev_tok.end : toks[0].start])
        ):
            title_start = prev_tok.start  # "тётя Люба", "с тётей Верой": how everyone calls her goes with the name
        if title_start >= 0 and found and found[0].type == "person" and found[0].start == toks[0].start:
            first = found[0]
            found[0] = Mention(title_start, first.end, first.type, first.key, first.priority)
        return found

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


def _around(text: str, tok: Token) -> tuple[str, str]:
    return text[max(0, tok.start - 16) : tok.start], text[tok.end : tok.end + 16]


def _joinable(gap: str, a: Token) -> bool:
    if gap in (" ", "\u00a0") or (gap.strip() in ("&", "+") and len(gap) <= 3):
        return True
    # Initials and abbreviated titles: "J. R. Smith", "Dr. Amara".
    return gap == ". " and (len(a.text) == 1 or a.text.lower() in ("mr", "mrs", "ms", "dr", "prof", "st"))


def _adjacent(text: str, a: Token, b: Token) -> bool:
    gap = text[a.end : b.start]
    return gap.strip() in ("", ".", ",") and "\n" not in gap
