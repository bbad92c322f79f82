"""Arabic suspects: words the finders left in place that may still name someone, for the member's review.

Arabic has no capital letters, so the shared suspect rules (suspects.py) only see Arabic words after a few cue words.
Real posts name a client by a bare first name ("والله تعبت من دغيم"), a district with no "في" before it, a shop
by its brand ("سويت تصوير لعطور ليالي"). Removing such words would garble stories (too many are dialect words the
vocabulary lacks); flagging them costs the author one look. Each rule is one predicate with its example.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..lexicon import Lexicon, _read_lines
from ..model import Span, Suspect
from ..suspects import MAX_SUSPECTS, is_arabic_verb_form
from ..suspects import _merge as merge_adjacent  # the shared rule: "وليد القضاة" is one pick, not two
from ..textutil import ARABIC_WORD_RE, Token, overlaps, tokenize
from .base import ArabicBase
from .words import CLAUSE_BREAK, FUNCTION_SET, no_conj, norm_ar

# One-letter prefixes, the article, هالـ ("this") and عالـ ("on the"), longest first: وبالـ, لل, و, ب…
_PREFIXES = (
    *("وبال", "هال", "عال", "وال", "بال", "فال", "كال", "لل", "ال"),
    *("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك"),
)
# Possessive and object endings, plural and feminine endings: what a vocabulary word may carry.
_SUFFIXES = ("هما", "كم", "هم", "هن", "ها", "نا", "ني", "ه", "ي", "ك", "ات", "ون", "ين", "وا", "يه")
# Before these a word is where something is: "في الرصيفة", "حي النزهة", "منطقة طبربور".
_PLACE_SLOT = frozenset(
    norm_ar(w)
    for w in ("في", "فى", "من", "حي", "منطقة", "مدينة", "قرية", "ضاحية", "جبل", "وادي", "شارع", "دوار", "مخيم", "بلدة")
)
# "تواصلت معي لمار", "بعتلي ذعار": after a verb and its object pronoun comes the subject, often a name.
_OBJECT_PRONOUNS = frozenset(norm_ar(w) for w in ("معي", "مني", "لي", "علي", "عليا", "معايا", "مننا", "معنا"))
# After these a word is who someone is: "مع دغيم", "عند غنام", "ابو هذال" (kin and role words come from the cues).
_PERSON_SLOT = frozenset(
    norm_ar(w)
    for w in ("مع", "عند", "من", "ل", "عميل", "عميلة", "عميلي", "عميلتي", "الاستاذ", "الاستاذة", "ابو", "ام", "اخوي")
)

# After these even a word of the vocabulary is likely a name: "مع عتيق", "اسمه مطلق", "ابو نهار" (not "عميل محترم").
_NAME_SLOT = frozenset(
    norm_ar(w) for w in ("مع", "عند", "اسمه", "اسمها", "اسمو", "يدعى", "تدعى", "ابو", "ام", "اخوي", "اختي")
)
# Possessive endings: "لمطعمه", "نظامهم" are a known noun with its owner.
_POSSESSIVE = ("هما", "هم", "هن", "ها", "ه", "ي", "ك", "كم", "نا")


class ArabicSuspects:
    """Adds Arabic suspects to those the shared rules found; reads the Arabic finder's lists (nothing new to load)."""

    def __init__(self, lex: Lexicon, finder: ArabicBase) -> None:
        self.lex = lex
        self.finder = finder
        self.everyday = frozenset(norm_ar(w) for w in _read_lines("everyday_ar.txt"))
        # A word any of these lists knows is an ordinary word (or a name the finders already judged).
        self.known = (
            lex.vocab
            | lex.common
            | finder.stop
            | finder.extra
            | finder.business
            | finder.org_out
            | finder.org_in
            | finder.activities
            | lex.platforms
            | lex.calendar
            | finder.nisbas
            | frozenset(norm_ar(w) for w in FUNCTION_SET)
            | self.everyday
            | frozenset().union(*lex.cues.values())
        )
        # Words a list knows that are not (only) vocabulary: cue words, dialect words, nisbas (فرنسي), عميل.
        self.listed = (self.known - lex.vocab) | frozenset().union(*lex.cues.values())
        self.person_slot = _PERSON_SLOT | lex.cue("name_cues") | lex.cue("person_before") | lex.cue("titles")
        self.name_slot = _NAME_SLOT | lex.cue("titles")

    def add(self, text: str, spans: Iterable[Span], found: Iterable[Suspect]) -> list[Suspect]:
        """The suspects already found plus the Arabic ones, outside removed spans, in text order."""
        found = list(found)
        taken = [(s.start, s.end) for s in spans] + [(s.start, s.end) for s in found]
        toks = tokenize(text, ARABIC_WORD_RE)
        for i, tok in enumerate(toks):
            if overlaps(tok.start, tok.end, taken):
                continue
            kind = self.kind(text, toks, i)
            if kind:
                found.append(Suspect(tok.start, tok.end, kind))
        return merge_adjacent(text, sorted(found, key=lambda s: s.start))[:MAX_SUSPECTS]

    def kind(self, text: str, toks: list[Token], i: int) -> str:
        """The suspect type of toks[i] ('' when it is an ordinary word)."""
        return self.reason(text, toks, i)[0]

    def reason(self, text: str, toks: list[Token], i: int) -> tuple[str, str]:
        """(suspect type, name of the rule that flagged it); ("", "") for an ordinary word."""
        word = toks[i].text
        prev = self._prev(text, toks, i)
        if self.in_place_slot(word, prev) and self.is_unlisted_in_slot(word):
            return "place", "unlisted_in_place_slot"
        if self.in_person_slot(word, prev) and self.is_unlisted_in_slot(word):
            return "person", "unlisted_in_person_slot"
        if prev in self.name_slot and self.is_rare_word(word):
            return "person", "rare_after_name_word"
        if self.after_verb_and_object(word, prev):
            return "person", "after_verb_and_object"
        if self.is_unknown_word(word) and not norm_ar(word).startswith("ال"):
            return "person", "unknown_word"
        return "", ""

    # --- one predicate per reason ----------------------------------------------------------------------------------

    def readings(self, word: str) -> set[str]:
        """ "لرميح" -> {لرميح, رميح}; "مكتبهم" -> {مكتبهم, مكتب}: the word without its prefix and its ending
        (every reading keeps at least three letters, so فهاد is not ف + هاد)."""
        n = norm_ar(word)
        cores = self._cores(n)
        stems = {c[: -len(s)] for c in cores for s in _SUFFIXES if c.endswith(s) and len(c) - len(s) >= 3}
        # The ة of a noun is written ت before an ending: مشاريعهم, جمعيتها -> جمعيه
        return cores | stems | {s[:-1] + "ه" for s in stems if s.endswith("ت")}

    @staticmethod
    def _cores(n: str) -> set[str]:
        """ "لنشمي" -> {لنشمي, نشمي}; "فهاد" stays whole: و/ف are taken off only when four letters remain."""
        return {n} | {
            n[len(p) :] for p in _PREFIXES if n.startswith(p) and len(n) - len(p) >= (4 if p in ("و", "ف") else 3)
        }

    def is_unknown_word(self, word: str) -> bool:
        """ "والله تعبت من دغيم", "ل​رميح", "جيانا": no reading of the word is a word any list knows, and it has no
        verb shape (بطلت, ماخدين are dialect verbs the vocabulary lacks)."""
        n = norm_ar(word)
        if len(n) < 3 or self.readings(word) & self.known:
            return False
        return not self._verb_shape(n)

    def in_place_slot(self, word: str, prev: str) -> bool:
        """ "في المرسلات", "حي النزهة", "بالوحدات": after في/حي (or من before a definite word), or ب on a definite
        word, the word says where."""
        n = norm_ar(word)
        return (prev == "من" and n.startswith("ال")) or n.startswith("بال") or (prev in _PLACE_SLOT and prev != "من")

    def after_verb_and_object(self, word: str, prev: str) -> bool:
        """ "تواصلت معي لمار", "طلب مني رغداء": after a verb's object pronoun, a word that is no frequent word and no
        verb is the subject, a name (the ل of لمار is part of it)."""
        n = norm_ar(word)
        return (
            prev in _OBJECT_PRONOUNS
            and len(n) >= 3
            and n not in self.lex.frequent
            and n not in self.listed
            and n not in self.everyday
            and not n.startswith("ال")
            and not (n[:1] == "م" and len(n) >= 5 and n in self.lex.vocab)  # متأخر, مشغول: how the client is
            and not self._verb_shape(n)
        )

    def in_person_slot(self, word: str, prev: str) -> bool:
        """ "المدير فهاد", "مع وسن", "عند غنام", "لنشمي": after a role, title or kin word, مع/عند, or behind ل."""
        n = norm_ar(word)
        return prev in self.person_slot or self.finder._kin(prev) or (n[:1] == "ل" and not n.startswith("لل"))

    def is_unlisted_in_slot(self, word: str) -> bool:
        """ "في النزهة", "المصورة جيانا": in a name's slot, a word is a suspect when neither it nor its form without
        a prefix is a known word (its endings are not stripped: النزهة is not نزهة + ending)."""
        n = norm_ar(word)
        cores = self._cores(n)
        # A final ة is no ending: الرصيفة is not رصيف + ه.
        endings = _POSSESSIVE if not word.endswith("ة") else tuple(e for e in _POSSESSIVE if e != "ه")
        stems = {c[: -len(e)] for c in cores for e in endings if c.endswith(e) and len(c) - len(e) >= 3}
        stems |= {x[:-1] + "ه" for x in stems if x.endswith("ت")}  # لمدرستها -> مدرسه
        if len(n) < 3 or (cores | stems) & self.known:
            return False
        return not self._strong_verb_shape(no_conj(n))

    def is_rare_word(self, word: str) -> bool:
        """ "طلبية من عتيق": a rare word (outside the frequent part of the vocabulary) right after a person word;
        not "لمشروعها" (مشروع is frequent), not "فرنسي" (where someone is from)."""
        n = norm_ar(word)
        if len(n) < 3 or n.startswith("ال") or self._verb_shape(n):
            return False
        return not self.readings(word) & (self.lex.frequent | self.listed)

    def _strong_verb_shape(self, core: str) -> bool:
        """ "بيطلب", "هتدفع", "دفعوا", "قالي": shapes only verbs take, even in a name's slot (جيانا is a name)."""
        if len(core) >= 5 and core.startswith(("بي", "بت", "بن", "هي", "هت", "حي", "حت", "رح", "عم")):
            return True
        return core.endswith(("وا", "وه", "وها", "تني", "تلي", "له", "لها", "لهم", "لي", "لو")) and len(core) >= 4

    def _verb_shape(self, n: str) -> bool:
        """ "بطلت", "ماخدين", "احكيلكم", "نخلصك": dialect verb forms (tense prefixes, negation ما…ش, object endings)."""
        core = no_conj(n)
        if self.finder._verbish(core) or self._strong_verb_shape(core) or is_arabic_verb_form(n):
            return True
        if core[:1] in "اينت" and (self.readings(core[1:]) & self.known or len(core) == 3):
            return True  # احول, اتعامل, احظره, يحط: a known verb with the prefix of "I", "we", "he", "she"
        if core.startswith("س") and core[1:2] in "اينت" and self.readings(core[2:]) & self.known:
            return True  # ستحول: the future prefix
        if core.endswith("ش") and len(core) >= 4 and (self._verb_shape(core[:-1]) or core[:-1] in self.known):
            return True  # خلصوهش, عندهاش, ماخلصش: the negation -ش on a verb
        if core.endswith("يت") and (self.readings(core[:-2]) | self.readings(core[:-2] + "ي")) & self.known:
            return True  # اشتكيت, حكيت: past "I"/"you" of a verb ending in a vowel
        if len(core) >= 5 and core[0] in "ان" and core.endswith(("لكم", "لك", "ك", "كم")):
            return True  # احكيلكم, نخلصك: "I"/"we" with an object
        # فرنسيا, إخبارياً: an adjective in the accusative (names ending in يا are short: مايا, ثريا)
        return len(core) >= 6 and core.endswith("يا")

    @staticmethod
    def _prev(text: str, toks: list[Token], i: int) -> str:
        if i == 0 or any(c in CLAUSE_BREAK for c in text[toks[i - 1].end : toks[i].start]):
            return ""
        return norm_ar(toks[i - 1].text)
