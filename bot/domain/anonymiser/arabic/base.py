"""What every Arabic rule reads: clitic readings of a word, its neighbours, and whether an unlisted word can be a name.

One-letter prefixes (و ف ل ب ك) stay outside a span: ل[أحمد], ب[جدة].
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import Lexicon, _read_lines
from ..model import Mention
from ..textutil import Token
from .words import (
    CLAUSE_BREAK,
    CLAUSE_OPENERS,
    FUNCTION_WORDS,
    NOT_FAMILY_WORDS,
    NOUN_CONTEXT,
    P_NAME,
    nisba_forms,
    no_conj,
    norm_ar,
)


class ArabicBase:
    """The lexicon, the cue lists and the token tests the rules of each entity kind share."""

    def __init__(self, lex: Lexicon, latin_cues: frozenset[str] = frozenset()) -> None:
        self.lex = lex
        # English role words typed inside Arabic text ("والـclient ميسون").
        self.latin_cues = latin_cues
        # Dialect and trade words our vocabulary lacks (everyday_ar.txt) are never names either.
        extra = frozenset(norm_ar(w) for w in _read_lines("common_ar_extra.txt") + _read_lines("everyday_ar.txt"))
        self.extra = extra
        self.stop = lex.common | extra | lex.cue("strong_verbs") | lex.cue("titles") | lex.platforms
        self.amb_places = frozenset(norm_ar(w) for w in _read_lines("ambiguous_places_ar.txt"))
        self.org_out = lex.cue("org_kinds_outside")
        self.org_in = lex.cue("org_kinds_inside")
        self.activities = lex.cue("org_activities")
        self.business = lex.cue("business_nouns")
        self.kin = lex.cue("kin_words")
        self.legal = lex.cue("legal_suffixes")
        self.brand_tails = lex.cue("brand_tails")
        self.kinds = self.org_out | self.org_in
        # Per-word answers of _kin (a dict is safe to share between threads: at worst one entry is computed twice).
        self._kin_seen: dict[str, bool] = {}
        # Words that end a company name anywhere (prepositions, particles, verbs); adjectives end it at the start.
        self.core_stop = frozenset(norm_ar(w) for w in FUNCTION_WORDS) | lex.cue("strong_verbs") | lex.cue("titles")
        self.roles = lex.cue("role_words")
        self.name_cues = lex.cue("name_cues")
        self.contact = lex.cue("contact_verbs")
        self.with_verbs = lex.cue("with_verbs")
        self.send = lex.cue("send_verbs")
        self.obj_pron = lex.cue("object_pronouns")
        self.id_cues = lex.cue("number_cues") | lex.cue("phone_cues") | lex.cue("handle_cues")
        # Verbs that introduce a name are never one themselves ("بعدها راسلت مديره").
        self.stop = self.stop | self.contact | self.with_verbs | self.send
        self._frequent_or_stop = lex.frequent | self.core_stop
        self.nisbas = nisba_forms(lex.countries | lex.places, lex.first_names)

    # --- token analysis ------------------------------------------------------------------------------------------

    @staticmethod
    @lru_cache(maxsize=16384)
    def analyses(word: str) -> tuple[tuple[int, str], ...]:
        """(prefix length, normalised core) readings of word: whole, without و/ف, without ل/ب/ك."""
        out = [(0, norm_ar(word))]
        if len(word) > 5 and word.startswith("عال"):
            out.append((1, norm_ar(word[1:])))  # "مسافر عالعقبة": the dialect ع (على) glued to a definite word
        starts = [0]
        if len(word) > 3 and word[0] in "وف":
            starts.append(1)
        for p in starts:
            core = word[p:]
            if p:
                out.append((p, norm_ar(core)))
            # ك ("like") is left out: كريماً would read as ك + ريما.
            if len(core) > 3 and core[0] in "لب":
                q = p + 1 + (1 if core[1] == "ـ" else 0)
                rest = word[q:]
                out.append((q, norm_ar(rest)))
                if core.startswith("لل"):  # ل + ال: the alef of the article is dropped in writing
                    out.append((q, "ا" + norm_ar(rest)))
        return tuple(out)

    def _kin(self, word: str) -> bool:
        """أختها, زوجته, ابنه: a family word with a possessive ending (kept per word: asked of every word)."""
        hit = self._kin_seen.get(word)
        if hit is None:
            if len(self._kin_seen) > 16384:
                self._kin_seen.clear()
            hit = self._kin_seen[word] = self._kin_uncached(word)
        return hit

    def _kin_uncached(self, word: str) -> bool:
        for suf in ("ها", "ه", "هم", "ي", "ك", "كم"):  # قريبك: "your relative" is no name either
            if word.endswith(suf) and word[: -len(suf)] in self.kin:
                return True
        # أخوه -> أخو + ه ; زوجته -> زوجت + ه (ta marbuta written as ت before an ending)
        return any(word.endswith(suf) and word[: -len(suf)] + "ه" in self.kin for suf in ("ته", "تها", "تي"))

    def _owned_business(self, core: str) -> bool:
        """ "مكتبهم", "شركته", "محلها": a business word with a possessive ending."""
        return core not in self.kinds and any(c in self.kinds for p, c in self._kind_readings(core) if p == 0)

    def _kind_readings(self, word: str) -> list[tuple[int, str]]:
        """Readings of a business word, also with a possessive ending: مطعمها, شركته, متجرهم."""
        out = list(self.analyses(word))
        for p, c in list(out):
            for suf in ("هم", "ها", "ه", "ي", "نا", "ك"):
                if c.endswith(suf) and len(c) - len(suf) >= 3:
                    base = c[: -len(suf)]
                    kinds = self.kinds
                    if base.endswith("ت") and base[:-1] + "ه" in kinds:
                        base = base[:-1] + "ه"  # جمعيته, مدرستها: the ة of the kind word is written ت before an ending
                    out.append((p, base + "ه" if base + "ه" in kinds else base))
        return out

    def _adjacent_prev(self, text: str, toks: list[Token], i: int) -> str:
        if i == 0:
            return ""
        gap = text[toks[i - 1].end : toks[i].start]
        if any(c in CLAUSE_BREAK for c in gap):
            return ""
        return norm_ar(toks[i - 1].text)

    def _adjacent_next(self, text: str, toks: list[Token], i: int) -> str:
        if i + 1 >= len(toks):
            return ""
        gap = text[toks[i].end : toks[i + 1].start]
        if any(c in CLAUSE_BREAK for c in gap):
            return ""
        return norm_ar(toks[i + 1].text)

    def _clause_start(self, text: str, toks: list[Token], i: int) -> bool:
        before = text[: toks[i].start].rstrip(" \u00a0\u2068\u2069")
        if not before or before[-1] in CLAUSE_BREAK:
            return True
        return toks[i].text[:1] == "و" or no_conj(norm_ar(toks[i - 1].text)) in CLAUSE_OPENERS

    @staticmethod
    def _verbish(core: str) -> bool:
        """Verb shapes: object endings (حظرني), dialect tense prefixes (بيحول, هتدفع, رح), plural -وا."""
        if (
            core.endswith(("ني", "نا", "وا", "وه", "وها", "تني", "تلي", "لي", "ته", "تها", "تهم", "يه"))
            and len(core) >= 4
        ):
            return True
        # Dialect tense prefixes (بيحول, هتدفع, رح) and derived forms of "we" and "I" (نستخدم, نتعامل, استلمت).
        if len(core) >= 5 and core.startswith(
            ("بي", "بت", "بن", "هي", "هت", "حي", "حت", "رح", "عم", "است", "نست", "نت")
        ):
            return True
        if len(core) >= 5 and core.startswith("ما") and core.endswith("ش"):
            return True  # ماحولش, ماردش: the Egyptian negation ما … ش around a verb
        if len(core) >= 5 and core.endswith(("لك", "لكم", "ليك")):
            return True  # هدفعلك, بقولك: a verb with "to you" (مالك, a name, has four letters)
        # Present tense (يصحح, توافق) and feminine فعلانة adjectives (زعلانة): unlisted names rarely look like this.
        return (len(core) >= 4 and core[0] in "يت") or core.endswith("انه")

    def _family_nisba(self, n: str) -> bool:
        """الشمري, القحطاني: an ال-word ending in ي that is no everyday adjective (الرسمي, الثاني)."""
        return (
            n.startswith("ال")
            and n.endswith("ي")
            and len(n) >= 5
            and n not in NOT_FAMILY_WORDS
            and n not in self.core_stop
            and n not in self.lex.frequent
        )

    def _conjoined_word(self, n: str) -> bool:
        """ "وقالت", "وكل", "فتجدها": و/ف glued to a verb, a function word or a common word (not ورد, not وليد)."""
        rest = n[1:]
        if n[:1] not in "وف" or len(rest) < 2 or n in self.lex.first_names:
            return False
        return rest in self.core_stop or rest in self.stop or rest in self.lex.frequent or self._verbish(rest)

    def _unknown_ok(self, core: str, strict: bool = False, verb_ok: bool = False, vso: bool = False) -> bool:
        """A word no list knows may be a name here: not a function word, verb or (very) common word."""
        if len(core) < 3 or core in self.stop or core in NOUN_CONTEXT or core.startswith("ال"):
            return False
        if self._kin(core):
            return False  # "خالتي", "اخوه": a family word with its owner is who they are to someone, not a name
        if self._owned_business(core):
            return False  # "اتصلت بمكتبهم": a business word with its owner is the place, not a name
        if len(core) > 4 and core.startswith("هال"):
            return False  # هالعميل, هالشغل: "this client", "this work" (but هالة is a name)
        rest = core[1:]
        if (
            core[:1] in "وف"
            and len(rest) >= 3
            and (rest in self.stop or rest in self.lex.frequent or self._verbish(rest))
        ):
            return False  # "وأشار", "فتجدها": a conjunction on a verb or a common word
        if core[:1] in "لب" and len(rest) >= 3 and rest in self.lex.frequent:
            return False  # "مضى الزبون لحال سبيله": a preposition on a frequent word
        if not verb_ok and self._verbish(core):
            return False
        if core in self.id_cues or core in self.nisbas:
            return False  # "عميل سعودي": where someone is from, not their name
        if core in self.lex.vocab and len(core) >= 5 and core[0] == "م":
            return False  # participles that describe the client: مسافر, مشغول, متأخر
        if vso and len(core) == 4 and core[0] in "اينت":
            return False  # أفعل / يفعل: "طلب مني أصمم" is a verb where a subject could stand
        if strict and len(core) >= 5 and core.endswith(("ين", "ون", "ات")):
            return False  # plurals: ملفات, مستقلين
        if core in self.lex.places or core in self.lex.countries or core in self.business:
            return False
        if any(core == c for c in self.kinds) or core in self.lex.cue("street_words"):
            return False
        return core not in (self.lex.vocab if strict else self.lex.frequent)

    def _reading(self, word: str, strict: bool, prefixes: str = "", vso: bool = False) -> tuple[int, str] | None:
        """The reading of an unlisted word that can be a name: whole, or after one of the given prefixes."""
        whole = norm_ar(word)
        if word[:1] in prefixes and len(word) > 3:
            q = 1 + (1 if word[1:2] == "ـ" else 0)
            core = norm_ar(word[q:])
            if core in self.lex.first_names or self._unknown_ok(core, strict, vso=vso):
                return q, core
            return None
        if word[:1] in "وف" and len(word) > 3:
            core = norm_ar(word[1:])
            if core in self.lex.first_names:
                return 1, core
        # "وتين" after a cue: when in doubt keep the whole word (the name is covered either way).
        return (0, whole) if self._unknown_ok(whole, strict, vso=vso) else None

    def _span(self, toks: list[Token], i: int, j: int, prefix: int, typ: str) -> Mention:
        s, e = toks[i].start + prefix, toks[j].end
        key = " ".join(norm_ar(t.text) for t in toks[i : j + 1])
        if prefix:
            key = norm_ar(toks[i].text[prefix:]) + key[len(norm_ar(toks[i].text)) :]
        key = re.sub(r"^ال", "", key)
        return Mention(s, e, typ, key, P_NAME)
