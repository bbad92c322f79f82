"""Arabic suspects: words the finders left in place that may still name someone, for the member's review.

Arabic has no capital letters, so the shared suspect rules (suspects.py) only see Arabic words after a few cue words.
Real posts name a client by a bare first name ("والله تعبت من دغيم"), a district with no "في" before it, a shop
by its brand ("سويت تصوير لعطور ليالي"). Removing such words would garble stories (too many are dialect words the
vocabulary lacks); flagging them costs the author one look. Each rule is one predicate with its example.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..lexicon import Lexicon, _read_lines
from ..model import Span, Suspect
from ..suspects import _merge as merge_adjacent  # the shared rule: "وليد القضاة" is one pick, not two
from ..suspects import is_arabic_verb_form
from ..textutil import ARABIC_WORD_RE, Token, overlaps, tokenize
from .base import ArabicBase
from .joins import title_start
from .regions import ADMIN_UNITS
from .words import CLAUSE_BREAK, FUNCTION_SET, NOT_FAMILY_WORDS, NOUN_CONTEXT, is_adverb, no_conj, norm_ar

# One-letter prefixes, the article, هالـ ("this") and عالـ ("on the"), longest first: وبالـ, لل, و, ب…
_PREFIXES = (
    *("وبال", "هال", "عال", "وال", "بال", "فال", "كال", "لل", "ال"),
    *("ولا", "وب", "ول", "فب", "فل", "لا", "ما", "و", "ف", "ب", "ل", "ك"),
)
# Before these a word is where something is: "في الرصيفة", "حي النزهة", "منطقة طبربور".
_PLACE_SLOT = frozenset(
    norm_ar(w)
    for w in (
        *("في", "فى", "من", "حي", "منطقة", "مدينة", "قرية", "ضاحية", "جبل", "وادي", "شارع", "دوار", "مخيم", "بلدة"),
        *("بكل", "بكامل"),  # "موزعة بكل اللويبدة": all over a district
    )
)
# "تواصلت معي لمار", "بعتلي ذعار": after a verb and its object pronoun comes the subject, often a name.
_OBJECT_PRONOUNS = frozenset(norm_ar(w) for w in ("معي", "مني", "لي", "معايا", "مننا", "معنا"))
# After these a word is who someone is: "مع دغيم", "عند غنام", "ابو هذال" (kin and role words come from the cues).
# عم: "الحارس عم زامل", the Egyptian honorific.
_PERSON_SLOT = frozenset(
    norm_ar(w)
    for w in (
        *("مع", "عند", "من", "ل", "عميل", "عميلة", "عميلي", "عميلتي"),
        *("الاستاذ", "الاستاذة", "ابو", "ام", "اخوي", "عم"),
    )
)

# After these even a word of the vocabulary is likely a name: "مع عتيق", "اسمه مطلق", "ابو نهار" (not "عميل محترم").
_NAME_SLOT = frozenset(
    norm_ar(w) for w in ("مع", "عند", "اسمه", "اسمها", "اسمو", "يدعى", "تدعى", "ابو", "ام", "اخوي", "اختي", "عم")
)
# Possessive endings: "لمطعمه", "نظامهم" are a known noun with its owner.
_POSSESSIVE = ("هما", "هم", "هن", "ها", "ه", "ي", "ك", "كم", "نا", "ني", "وا")
# Number endings, and whether the noun's ة comes back without them: مادتان -> ماده, ملفات -> ملف, رابطا -> رابط.
_NUMBER = (("تان", True), ("تين", True), ("تا", True), ("ات", False), ("ان", False), ("ين", False), ("ون", False))
_NUMBER += (("ا", False), ("يه", False), ("ات", True))
_DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"


# A run of one to a few Latin words (with digits, dots, & and hyphens inside names: "Nuvexa Studio", "B&Co").
_LATIN_RUN_RE = re.compile(r"(?<![\w@./])[A-Za-z][A-Za-z0-9&'.-]*(?: [A-Za-z][A-Za-z0-9&'.-]*)*(?![\w@/])")
_QUOTED_RE = re.compile(r"[«\"“]([\u0621-\u064a\u0640 ]{3,40})[»\"”]")


# "المحل حقه مناحل الباطنة", "محل الموبايلات بتاعه فون زون": "his" after a business word, then its name.
_OWNER_WORDS = frozenset(norm_ar(w) for w in ("حقه", "حقها", "حقهم", "بتاعه", "بتاعها", "بتاعهم", "تبعه", "تبعها"))
# Business words the finder's kinds lack; the finder keeps them outside a removed name, the review takes them in.
_BUSINESS_EXTRA = frozenset(norm_ar(w) for w in ("مزرعة", "مناحل", "مطابع", "مخبزة", "بوتيك", "جروب", "قروب"))
# Words that give a name outright ("اسمه جاد": جاد is "serious" too, but not there).
_NAMING_CUES = frozenset(norm_ar(w) for w in ("اسمه", "اسمها", "اسمي", "اسمو", "يدعى", "تدعى", "المدعو", "المدعوة"))
# A line opening with one or two words, then "(…):": a testimonial's or an interview's speaker.
_HEADING_RE = re.compile(r"(?m)^[ \t]*([\u0621-\u064a]{2,}(?: [\u0621-\u064a]{2,})?) ?\([^()\n]{2,80}\) ?:")


def _next_start(text: str, end: int) -> int:
    """Where the next word starts after offset end."""
    return end + len(text[end:]) - len(text[end:].lstrip())


def _offset(word: str, letters: int) -> int:
    """Where the core starts in word after `letters` prefix letters, tatweel skipped: ("لـبوتيك", 1) -> 2."""
    q = seen = 0
    while seen < letters and q < len(word):
        seen += word[q] != "ـ"
        q += 1
    while word[q : q + 1] == "ـ":
        q += 1
    return q


# How sure each rule is (the review lists the likeliest first): a word a cue points at 0.5, the widest rules 0.3.
_CONFIDENCE = {
    "unknown_word": 0.3,
    "rare_after_name_word": 0.3,
    "name_that_is_a_word": 0.3,
}


class ArabicSuspects:
    """Adds Arabic suspects to those the shared rules found; reads the Arabic finder's lists (nothing new to load)."""

    def __init__(self, lex: Lexicon, finder: ArabicBase, en: Lexicon) -> None:
        self.lex = lex
        self.finder = finder
        self.everyday = frozenset(norm_ar(w) for w in _read_lines("everyday_ar.txt"))
        self.particles = self.everyday | frozenset(norm_ar(w) for w in FUNCTION_SET)
        self.frequent = lex.frequent
        # English words that name no one inside Arabic text: function words, platforms, cue words (PDF, IBAN).
        self.en_known = en.common | en.platforms | en.calendar | frozenset().union(*en.cues.values()) | en.frequent
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
        self.frequent_or_listed = lex.frequent | self.listed
        # The same few hundred words come back in every story: their readings are kept (bounded, like norm_ar's;
        # a dict is safe to share between threads here: at worst two threads compute one entry twice).
        self._readings: dict[str, frozenset[str]] = {}
        self.person_slot = _PERSON_SLOT | lex.cue("name_cues") | lex.cue("person_before") | lex.cue("titles")
        self.name_slot = _NAME_SLOT | lex.cue("titles")
        self.titles = lex.cue("titles")

    def add(self, text: str, spans: Iterable[Span], found: Iterable[Suspect]) -> list[Suspect]:
        """The suspects already found plus the Arabic ones, outside removed spans, in text order."""
        spans = list(spans)
        found = [s for s in found if not self.is_plain_after_name(text[s.start : s.end])]
        # a business word right before a removed name stays: the member may want "مطبعة [org]" gone too
        starts = {s.start for s in spans}
        found = [
            s
            for s in found
            if not self.is_kind_of_business(text[s.start : s.end]) or _next_start(text, s.end) in starts
        ]
        found = [s for s in found if not self.is_adjective_after_noun(text, s.start, s.end)]
        taken = [(s.start, s.end) for s in spans] + [(s.start, s.end) for s in found]
        toks = tokenize(text, ARABIC_WORD_RE)
        person_ends = {s.end for s in spans if s.type == "person"} | {s.end for s in found if s.type == "person"}
        for i, tok in enumerate(toks):
            if overlaps(tok.start, tok.end, taken):
                continue
            kind, rule = self.reason(text, toks, i)
            if not kind and tok.start - 1 in person_ends and self.is_family_name(text, tok):
                kind, rule = "person", "family_name"
            if kind:
                # "الحارس عم زامل", "الأستاذ عنبر": a title before a flagged name goes with it, as with a removed one
                start = title_start(text, tok.start, self.titles) if kind == "person" else None
                start = tok.start if start is None or overlaps(start, tok.start, taken) else start
                found.append(Suspect(start, tok.end, kind, _CONFIDENCE.get(rule, 0.5)))
                if kind == "person":
                    person_ends.add(tok.end)
        taken += [(s.start, s.end) for s in found]
        for start, end in self.latin_brands(text) + self.quoted_names(text):
            if not overlaps(start, end, taken):
                found.append(Suspect(start, end, "org", 0.5))
        named = self.named_businesses(text, toks, spans, found)
        # "أناقة" flagged alone grows to "أناقة الجنوب": one pick for the whole name
        found = [f for f in found if not any(b.start <= f.start and f.end <= b.end for b in named)] + named
        found += self.heads_of_removed_names(text, toks, spans, found)
        found += self.heading_names(text, spans, found)
        found += self.names_said_again(text, toks, spans, found)
        return merge_adjacent(text, sorted(found, key=lambda s: s.start))

    def is_plain_after_name(self, word: str) -> bool:
        """ "مؤنس قالّي", "سعيد منصور ورقمه", "قمر الشامسي ورفض", "كريم بيقول": the shared rules flag the word
        after a name as its family name; a verb, a conjunction on a known word, a dialect form or an everyday word is
        what the person did next (a bare word or an ال-word, حداد or القضاة, stays flagged: families are named so)."""
        n = norm_ar(word)
        if " " in word or len(n) < 3 or not ARABIC_WORD_RE.fullmatch(word):
            return False
        if n in self.lex.first_names or n in self.lex.places or n.startswith("ال"):
            return False
        if n in self.everyday or self._verb_shape(n) or self.is_dialect_form_of_known(n):
            return True
        rest = n[1:]
        return (
            n[:1] in "وف"
            and len(rest) >= 3
            and rest not in self.lex.first_names
            and bool(self.readings(rest) & self.known)
        )

    def is_kind_of_business(self, phrase: str) -> bool:
        """ "مكتب هندسي", "متجر إلكتروني", "مكتب عقارات", "سوبرماركت": a business word alone or with a trade or an
        indefinite adjective says what kind of place it is, not which (a name after one is definite or rare)."""
        words = [norm_ar(w) for w in phrase.split()]
        if not words or len(words) > 2 or not ARABIC_WORD_RE.fullmatch(phrase.split()[0]):
            return False
        if self._business_reading(phrase.split()[0]) is None:  # "محل", "لمحل"
            return False
        if len(words) == 1:
            return True  # "في سوبرماركت": a lone business word names no business
        tail = words[1]
        if phrase.split()[1].startswith("ال") and tail[2:] in self.finder.business:
            return True  # "لمحل الحلويات": the shop that sells sweets
        trade = tail in self.finder.business or tail in self.lex.frequent or tail in self.finder.nisbas
        # هندسي (هندسة), عقاري (عقار): the adjective of a trade, whatever the vocabulary holds of it
        stem = tail[:-1]
        trade = trade or (tail.endswith("ي") and bool({tail, stem, stem + "ه"} & self.lex.vocab))
        return not phrase.split()[1].startswith("ال") and trade  # (إلكتروني normalises to an ال-look-alike)

    def is_adjective_after_noun(self, text: str, start: int, end: int) -> bool:
        """ "تصميم كامل", "لفريقه كامل", "refund كامل": a name that is also an adjective (كامل "whole"), right after a
        noun or a Latin word, describes it; after a cue ("العميل كامل", "مع كامل") it stays a suspect."""
        word = text[start:end]
        n = norm_ar(word)
        if " " in word or n not in self.lex.ambiguous:
            return False
        before = text[:start].rstrip(" ")
        if not before or before[-1] in CLAUSE_BREAK or len(before) < len(text[:start]) - 1:
            return False
        prev_word = before.split()[-1]
        prev = norm_ar(prev_word)
        if prev in self.person_slot or no_conj(prev) in self.person_slot or self.finder._kin(prev):
            return False
        latin = prev_word.isascii() and prev_word.isalpha()
        return latin or (bool(self.readings(prev_word) & self.lex.vocab) and prev not in FUNCTION_SET)

    def kind(self, text: str, toks: list[Token], i: int) -> str:
        """The suspect type of toks[i] ('' when it is an ordinary word)."""
        return self.reason(text, toks, i)[0]

    def reason(self, text: str, toks: list[Token], i: int) -> tuple[str, str]:
        """(suspect type, name of the rule that flagged it); ("", "") for an ordinary word."""
        word = toks[i].text
        if is_adverb(word):
            return "", ""  # "فعلًا": an adverb names no one
        prev = self._prev(text, toks, i)
        if self.after_admin_unit(word, prev):
            return "place", "after_admin_unit"
        if self.in_place_slot(word, prev) and (self.is_unlisted_in_slot(word) or self.is_unlisted_plural_place(word)):
            return "place", "unlisted_in_place_slot"
        if self.in_person_slot(word, prev) and self.is_unlisted_in_slot(word):
            return "person", "unlisted_in_person_slot"
        if prev in self.name_slot and self.is_rare_word(word):
            return "person", "rare_after_name_word"
        if self.after_role_word(word, prev):
            return "person", "rare_after_name_word"
        if self.after_verb_and_object(word, prev):
            return "person", "after_verb_and_object"
        if self.is_name_that_is_a_word(word, prev):
            return "person", "name_that_is_a_word"
        if self.is_unknown_word(word) and not norm_ar(word).startswith("ال"):
            return "person", "unknown_word"
        return "", ""

    def latin_brands(self, text: str) -> list[tuple[int, int]]:
        """ "صممت هوية لـ Bloom وما دفعوا": a capitalised Latin word inside Arabic text is a brand more often than an
        English word; not a platform, not a word of an English sentence quoted in the story ("the client was nice")."""
        out = []
        for m in _LATIN_RUN_RE.finditer(text):
            words = m.group().split()
            if len(words) > 3:
                continue  # an English phrase, read by the cased finder and the shared rules
            if not words[0][:1].isupper() or any(w.lower() in self.en_known for w in words):
                continue
            out.append((m.start(), m.end()))
        return out

    def quoted_names(self, text: str) -> list[tuple[int, int]]:
        """'متجر «لمسة ورد»', 'براند "دانتيل"': one or two Arabic words in quotes name a shop or a brand; a quoted
        remark ("مو هذا اللي ببالي") has function words, verbs or frequent words in it."""
        out = []
        for m in _QUOTED_RE.finditer(text):
            words = m.group(1).split()
            if len(words) > 2 or any(self._plain_word(w) for w in words):
                continue
            out.append((m.start(1), m.end(1)))
        return out

    def named_businesses(
        self, text: str, toks: list[Token], spans: Iterable[Span], found: Iterable[Suspect]
    ) -> list[Suspect]:
        """ "مدرسة النخبة الحديثة", "لـبوتيك لمسة", "مكتب الصفوة", "المحل حقه مناحل الباطنة": a business word (or
        "his", حقه/بتاعه, after one) and the name after it, up to a particle, a verb or a clause break; the business
        word goes in the pick, so the author removes the whole name at once (not "محل صيانة", a trade)."""
        out: list[Suspect] = []
        for i, tok in enumerate(toks):
            head = self._business_head(text, toks, i)
            if head is None or i + 1 >= len(toks):
                continue
            last = i
            for k in range(i + 1, min(i + 4, len(toks))):
                if any(c in CLAUSE_BREAK for c in text[toks[k - 1].end : toks[k].start]):
                    break
                # after حقه/بتاعه the shop's name may be everyday words ("حقه أناقة الجنوب")
                owned = self._is_owner_word(tok.text)
                if not self._business_name_word(toks[k].text, first=k == i + 1, owned=owned):
                    break
                last = k
            if last == i:
                continue
            start = toks[i + 1].start if self._is_owner_word(tok.text) else tok.start + _offset(tok.text, head)
            end = toks[last].end
            taken = [(s.start, s.end) for s in spans] + [(s.start, s.end) for s in out]
            # a name already removed is the finder's; a flag that is part of the name, or the whole name, joins it
            inside = [(f.start, f.end) for f in found if start <= f.start and f.end <= end]
            others = [(f.start, f.end) for f in found if (f.start, f.end) not in inside]
            if not overlaps(start, end, taken + others):
                out.append(Suspect(start, end, "org", 0.5))
        return out

    def heads_of_removed_names(
        self, text: str, toks: list[Token], spans: Iterable[Span], found: Iterable[Suspect]
    ) -> list[Suspect]:
        """ "شركة [النيل للتشطيبات]", "مدرسة [النخبة الحديثة]": the business word right before a removed company name
        is often part of the name as the company writes it; flagged (least sure), so one pick takes it too."""
        org_starts = {s.start for s in spans if s.type == "org"}
        taken = [(s.start, s.end) for s in spans] + [(s.start, s.end) for s in found]
        out = []
        for tok in toks:
            head = self._business_reading(tok.text)
            if head is None or _next_start(text, tok.end) not in org_starts or text[tok.end : tok.end + 1] != " ":
                continue
            start = tok.start + _offset(tok.text, head)
            if not overlaps(start, tok.end, taken):
                out.append(Suspect(start, tok.end, "org", 0.3))
        return out

    def _business_head(self, text: str, toks: list[Token], i: int) -> int | None:
        """The prefix length when toks[i] is a business word ("لمحل" -> 1) or حقه/بتاعه after one; else None."""
        word = toks[i].text
        if self._is_owner_word(word):
            prev = [norm_ar(t.text) for t in toks[max(0, i - 2) : i]]
            return 0 if any(self._business_reading(w) is not None for w in prev) else None
        return self._business_reading(word)

    def _business_reading(self, word: str) -> int | None:
        n = norm_ar(word)
        for p in (0, 1, 2):
            core = n[p:]
            if p and not all(c in "وفبل" for c in n[:p]):
                break
            if core.startswith("ـ"):
                core, p = core[1:], p + 1
            if core in self.finder.kinds or core in _BUSINESS_EXTRA:
                return p
        return None

    @staticmethod
    def _is_owner_word(word: str) -> bool:
        return norm_ar(word) in _OWNER_WORDS

    def _business_name_word(self, word: str, first: bool, owned: bool = False) -> bool:
        """A word of a business's name: not a particle, verb or trade word ("محل صيانة"); an ال-word or a word
        the frequent vocabulary lacks; after the first word also a trade with لل ("للتشطيبات"); after حقه/بتاعه
        any such word (a shop named by everyday words: "حقه أناقة الجنوب")."""
        n = norm_ar(word)
        verb = not n.startswith("ال") and self._verb_shape(n)  # an ال-word is a noun (الجنوب is no ا + لجنوب)
        if len(n) < 2 or n in FUNCTION_SET or n in self.everyday or verb or is_adverb(word):
            return False
        if n in self.finder.business or n in self.finder.kinds or n in self.lex.platforms:
            return False
        if owned:  # not a conjunction opening the next clause ("وما دفع")
            return n[:1] not in "وف" and n not in self.finder.core_stop
        if n.startswith("لل"):
            return not first
        if n.startswith("ال"):  # "لمتجرها الإلكتروني": a frequent adjective right after the business word describes it
            if first and n in self.lex.frequent:
                return False
            return n not in self.listed or n[2:] in self.finder.business or n in self.finder.nisbas
        if first:
            return not self.readings(word) & self.known  # "مكتب هندسي", "شركة ناشئة": what kind of business
        return not self.readings(word) & self.frequent_or_listed

    def heading_names(self, text: str, spans: Iterable[Span], found: Iterable[Suspect]) -> list[Suspect]:
        """ "زهوة (مصممة أزياء من الرفاعة):": a line that opens with one or two words, then a bracket that ends in a
        colon, introduces a person by name (testimonials, interview quotes)."""
        taken = [(s.start, s.end) for s in spans] + [(s.start, s.end) for s in found]
        out = []
        for m in _HEADING_RE.finditer(text):
            words = m.group(1).split()
            if any(norm_ar(w) in FUNCTION_SET for w in words) or overlaps(m.start(1), m.end(1), taken):
                continue
            out.append(Suspect(m.start(1), m.end(1), "person", 0.5))
        return out

    def names_said_again(
        self, text: str, toks: list[Token], spans: Iterable[Span], found: Iterable[Suspect]
    ) -> list[Suspect]:
        """ "اسمه جاد … ما بعرف إذا جاد موجود": a word removed as a name elsewhere in the story names the same person
        where no cue stands (behind a prefix too: "لجاد"); a listed given name, or a word no list knows (a verb or an
        everyday word a span took along is left alone)."""
        names = set()
        for s in spans:
            if s.type != "person":
                continue
            # "اسمه جاد": after a naming cue even a word of the vocabulary was a name
            named = no_conj(norm_ar(text[: s.start].split()[-1] if text[: s.start].split() else "")) in _NAMING_CUES
            for w in ARABIC_WORD_RE.findall(text[s.start : s.end]):
                n = norm_ar(w)
                if self._name_like(n) or (named and len(n) >= 3 and n not in FUNCTION_SET and not self._verb_shape(n)):
                    names.add(n)
        taken = [(s.start, s.end) for s in spans] + [(s.start, s.end) for s in found]
        out = []
        for tok in toks:
            if overlaps(tok.start, tok.end, taken):
                continue
            hit = next((p for p, c in self.finder.analyses(tok.text) if c in names), None)
            if hit is not None:
                out.append(Suspect(tok.start + hit, tok.end, "person", 0.5))
        return out

    def _name_like(self, n: str) -> bool:
        if len(n) < 3 or n in self.lex.cue("titles") or n in {"ابو", "ام", "بو", "عبد"} or n.startswith("ال"):
            return False
        if n in self.lex.first_names:
            return True
        return not (n in self.known or self._verb_shape(n) or self.is_dialect_form_of_known(n))

    def _plain_word(self, word: str) -> bool:
        n = norm_ar(word)
        if n in FUNCTION_SET or n in self.everyday or self._verb_shape(n):
            return True
        return bool(self._cores(n) & self.lex.frequent)

    # --- one predicate per reason ----------------------------------------------------------------------------------

    def readings(self, word: str) -> frozenset[str]:
        """ "لرميح" -> {لرميح, رميح}; "تذكيراتها" -> {…, تذكير, تذكيره}; "مادتان" -> {…, ماده}: the word without its
        prefix, its possessive ending and its number ending (dual, plural, accusative), each keeping three letters.
        A final ة is no ending: الرصيفة is not رصيف + ه."""
        cached = self._readings.get(word)
        if cached is not None:
            return cached
        if len(self._readings) > 16384:
            self._readings.clear()
        found = self._readings[word] = frozenset(self._compute_readings(word))
        return found

    def _compute_readings(self, word: str) -> set[str]:
        final_ta = word.rstrip(_DIACRITICS).endswith("ة")
        out: set[str] = set()
        for core in self._cores(norm_ar(word)):
            owned = {core} | {
                core[: -len(e)]
                for e in _POSSESSIVE
                if core.endswith(e) and len(core) - len(e) >= 3 and not (e == "ه" and final_ta)
            }
            owned |= {x[:-1] + "ه" for x in owned if x.endswith("ت") and x != core}  # جمعيتها -> جمعيه
            out |= owned
            for x in owned:
                for e, ta in _NUMBER:
                    if x.endswith(e) and len(x) - len(e) >= (4 if e in ("ان", "ين") else 3):
                        out.add(x[: -len(e)] + ("ه" if ta else ""))
        return out

    def _cores(self, n: str) -> set[str]:
        """ "لنشمي" -> {لنشمي, نشمي}; "ولسه" -> {ولسه, لسه}; "فهاد" stays whole: و/ف are taken off when four letters
        remain, or when the three left are a particle."""
        out = {n, n[:-1] + "ي"} if n.endswith("ى") else {n}  # خيارى: Egyptian spelling of final ي
        for p in _PREFIXES:
            rest = n[len(p) :]
            # "فطلب" is ف + طلب, "فهاد" a name: a three-letter rest counts only when it is a particle or frequent
            short_conj = p in ("و", "ف") and len(rest) < 4 and rest not in self.particles and rest not in self.frequent
            # "لاتحس", "ماذنب": لا/ما glued to a word (only when the rest is known: لافي is a name)
            short_conj = short_conj or (p in ("لا", "ما", "ولا") and rest not in self.known)
            if n.startswith(p) and len(rest) >= 3 and not short_conj:
                out.add(rest)
        return out

    def is_unknown_word(self, word: str) -> bool:
        """ "والله تعبت من دغيم", "ل​رميح", "جيانا": no reading of the word is a word any list knows, and it has no
        verb shape (بطلت, ماخدين are dialect verbs the vocabulary lacks)."""
        n = norm_ar(word)
        if len(n) < 3 or self.readings(word) & self.known:
            return False
        return not (self._verb_shape(n) or self.is_dialect_form_of_known(n))

    def is_dialect_form_of_known(self, n: str) -> bool:
        """ "بشتغل", "نشتكي", "وصلش", "زبونة", "مسروق": a known word in a form the vocabulary lacks (the b-/n-present
        of اشتغل, the negation -ش, the feminine of زبون, the participle of سرق), so no name; listed names stay out."""
        if n in self.lex.first_names:
            return False
        for core in {n, no_conj(n)}:
            present = len(core) >= 5 and core[0] in "بن" and core[1:] not in self.lex.first_names
            if present and ("ا" + core[1:] in self.known or core[1:] in self.known):
                return True  # بشتغل (اشتغل), بعتذر (اعتذر), نطلب (طلب), نشتكي (اشتكي)
            if len(core) >= 4 and core.endswith("ش") and self.readings(core[:-1]) & self.known:
                return True  # وصلش, جاتش: the Egyptian negation on a known verb (و read as part of it)
            feminine = len(core) >= 4 and core.endswith("ه") and not core.startswith("ال")  # not الرصيفة (a town)
            if feminine and core[:-1] in self.known and core[:-1] not in FUNCTION_SET:
                return True  # زبونة, محتاجة, متعاونة: the feminine of a known word
            if len(core) == 5 and core[0] == "م" and core[3] == "و" and core[1:3] + core[4] in self.known:
                return True  # مسروق, مقفول: the participle مفعول of a known verb
            if len(core) >= 4 and core.endswith("و") and core[:-1] in self.known and core[:-1] not in FUNCTION_SET:
                return True  # نطلبو, حطو: the Maghrebi/Levantine plural or "his" ending on a known word
        return False

    def in_place_slot(self, word: str, prev: str) -> bool:
        """ "في المرسلات", "حي النزهة", "بالوحدات": after في/حي (or من before a definite word), or ب on a definite
        word, the word says where."""
        n = norm_ar(word)
        return (prev == "من" and n.startswith("ال")) or n.startswith("بال") or (prev in _PLACE_SLOT and prev != "من")

    def after_admin_unit(self, word: str, prev: str) -> bool:
        """ "مدينة سحاب", "بمحافظة الشروق": after a governorate, state or town word, a word that is no frequent word
        is the unit's name even when the vocabulary knows it (the finder removes only the unknown ones)."""
        if not any(c in ADMIN_UNITS for c in self._cores(prev)) and prev not in ADMIN_UNITS:
            return False
        n = norm_ar(word)
        return len(n) >= 3 and not self.readings(word) & self.frequent_or_listed and not self._verb_shape(n)

    def after_verb_and_object(self, word: str, prev: str) -> bool:
        """ "تواصلت معي لمار", "طلب مني رغداء": after a verb's object pronoun, a word that is no frequent word and no
        verb is the subject, a name (the ل of لمار is part of it)."""
        n = norm_ar(word)
        return (
            prev in _OBJECT_PRONOUNS
            and len(n) >= 3
            and not self.readings(word) & self.frequent_or_listed
            and norm_ar(word) not in self.everyday
            and not n.startswith("ال")
            and not (n[:1] == "م" and len(n) >= 5 and n in self.lex.vocab)  # متأخر, مشغول: how the client is
            and not self._verb_shape(n)
        )

    def is_unlisted_plural_place(self, word: str) -> bool:
        """ "في المرسلات", "بالوحيدات": a definite word ending in ات that the vocabulary does not hold as a whole is a
        district named like a plural (المسودات, a vocabulary gap, is flagged too: a look costs little)."""
        n = norm_ar(word)
        core = n[1:] if n.startswith("بال") else n
        return core.startswith("ال") and core.endswith("ات") and len(core) >= 7 and not self._cores(core) & self.known

    def in_person_slot(self, word: str, prev: str) -> bool:
        """ "المدير فهاد", "مع وسن", "عند غنام", "لنشمي": after a role, title or kin word, مع/عند, or behind ل."""
        n = norm_ar(word)
        prefixed = n[:1] == "ل" and not n.startswith("لل") and len(n) >= 4  # not لصق
        return prev in self.person_slot or no_conj(prev) in self.person_slot or self.finder._kin(prev) or prefixed

    def is_unlisted_in_slot(self, word: str) -> bool:
        """ "في الرصيفة", "المصورة جيانا": in a name's slot, a word is a suspect when no reading of it is a known word
        and it has no shape only verbs take."""
        n = norm_ar(word)
        if len(n) < 3 or self.readings(word) & self.known or self._strong_verb_shape(no_conj(n)):
            return False
        return not self.is_dialect_form_of_known(n)

    def is_family_name(self, text: str, tok: Token) -> bool:
        """ "دغيم الحربي", "[العميل] القحطاني": an ال-word right after a name, no frequent word or verb, is its
        family name (an unknown word there is flagged by the other rules)."""
        n = norm_ar(tok.text)
        if text[tok.start - 1 : tok.start] != " " or not n.startswith("ال") or len(n) < 5:
            return False
        if n in self.listed or n in NOT_FAMILY_WORDS or self._verb_shape(n[2:]):
            return False
        # الحربي, المصري are frequent adjectives and common family names: after a name, the family name
        return n not in self.lex.frequent or n.endswith("ي")

    def is_name_that_is_a_word(self, word: str, prev: str) -> bool:
        """ "قال سعيد إنه…", "أمل ما ردت": a given name that is also a word (hope, happy), where no noun before it
        makes it an adjective ("متجر كامل") and no article makes it a noun (الأمل)."""
        n = norm_ar(word)
        if n not in self.lex.ambiguous and not (n in self.lex.first_names and n in self.lex.frequent):
            return False
        if word.startswith("إيه"):
            return False  # "أعمل إيه؟": the Egyptian "what", spelled with إ; the name آية never is
        if n.startswith("ال") or n in self.listed or prev in NOUN_CONTEXT:
            return False
        if prev.startswith("ال") and prev not in self.person_slot:
            return False  # "الشهرة جميل": what a definite noun is
        noun_before = prev in self.known and prev not in FUNCTION_SET and not self._verb_shape(prev)
        return not noun_before or prev in self.person_slot

    def after_role_word(self, word: str, prev: str) -> bool:
        """ "والمدير فهاد", "المشرفة رغداء": after a definite role word (الموظف, المدير, المشرفة), a word no list
        knows, read whole (فهاد is no ف + هاد here), is the person's name (not "المدير مسافر": how they are)."""
        role = next((r for r in (prev, no_conj(prev)) if r.startswith("ال") and r in self.lex.cue("name_cues")), None)
        n = norm_ar(word)
        if role is None or len(n) < 3 or n.startswith("ال") or self._strong_verb_shape(n) or n in self.everyday:
            return False
        return n not in self.known and not self.is_dialect_form_of_known(n) and not self.finder._kin(n)  # قريبك

    def is_rare_word(self, word: str) -> bool:
        """ "طلبية من عتيق": a rare word (outside the frequent part of the vocabulary) right after a person word;
        not "لمشروعها" (مشروع is frequent), not "فرنسي" (where someone is from)."""
        n = norm_ar(word)
        if len(n) < 3 or n.startswith("ال") or self._verb_shape(n):
            return False
        return not self.readings(word) & self.frequent_or_listed

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
        if core.startswith("س") and core[1:2] in "اينت" and (self.readings(core[2:]) & self.known or len(core) >= 5):
            return True  # ستحول, سيقرؤها: the future prefix
        if core.endswith("ش") and len(core) >= 4 and (self._verb_shape(core[:-1]) or core[:-1] in self.known):
            return True  # خلصوهش, عندهاش, ماخلصش: the negation -ش on a verb
        if core.startswith("م") and core.endswith("ش") and len(core) >= 5:
            return True  # مبفكرش, معرفوش: Egyptian negation م…ش
        if core.startswith(("هن", "هي", "هت")) and len(core) >= 5:
            return True  # هنبقي, هيحس: Egyptian future
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
