"""Names, companies and places in Arabic text (no capital letters: gazetteers plus context cues).

One-letter prefixes (و ف ل ب ك) stay outside the span: ل[أحمد], ب[جدة].
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from .arabic_pairs import is_abd_compound, is_family_nisba, is_given_before_nisba
from .lexicon import Lexicon, _read_lines
from .model import Mention
from .textutil import ARABIC_WORD_RE, Token, norm_ar, overlaps, tokenize

P_NAME = 50
_CLAUSE_BREAK = '.!?؟،,:;\n«»"()'
_NAME_JOINERS = {"بن", "ابن", "بنت", "ابو", "آل", "ال", "ام"}
# After these words a name-like word is the ordinary noun or adjective: "ما في أمل" (there is no hope).
_NOUN_CONTEXT = {
    "في",
    "فيه",
    "فيها",
    "بدون",
    "غير",
    "عندي",
    "عنده",
    "عندها",
    "كل",
    "اي",
    "لا",
    "ما",
    "اكثر",
    "اقل",
    "جدا",
}
_FUNCTION_WORDS = [
    "في",
    "من",
    "على",
    "إلى",
    "الى",
    "عن",
    "مع",
    "بعد",
    "قبل",
    "عند",
    "حتى",
    "منذ",
    "خلال",
    "بين",
    "تحت",
    "فوق",
    "حول",
    "ضد",
    "دون",
    "بدون",
    "بدل",
    "غير",
    "سوى",
    "إلا",
    "أو",
    "او",
    "ثم",
    "لكن",
    "بس",
    "لأن",
    "لان",
    "عشان",
    "علشان",
    "لما",
    "إذا",
    "اذا",
    "لو",
    "إن",
    "ان",
    "أن",
    "كان",
    "كانت",
    "كانوا",
    "يكون",
    "تكون",
    "صار",
    "صارت",
    "ما",
    "مو",
    "مش",
    "ليس",
    "لا",
    "لم",
    "لن",
    "قد",
    "لقد",
    "كل",
    "بعض",
    "أي",
    "اي",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "هذي",
    "هاد",
    "هيك",
    "هناك",
    "هنا",
    "هو",
    "هي",
    "هم",
    "هن",
    "أنا",
    "انا",
    "احنا",
    "نحن",
    "أنت",
    "انت",
    "اللي",
    "الذي",
    "التي",
    "الذين",
    "وين",
    "فين",
    "كيف",
    "ليش",
    "ليه",
    "متى",
    "مين",
    "شو",
    "ايش",
    "و",
    "يا",
    "يعني",
    "طيب",
    "اسمه",
    "اسمها",
    "الساعة",
    "اليوم",
    "امس",
    "بكرة",
    "الآن",
    "الان",
    "وقتها",
    "بعدها",
    "بعدين",
    "عليه",
    "عليها",
    "عنده",
    "عندها",
    "معه",
    "معها",
    "له",
    "لها",
    "لي",
    "منه",
    "منها",
    "فيه",
    "فيها",
    # Possessive particles of the dialects ("براند هدوم بتاعها"): never part of a name.
    "بتاع",
    "بتاعه",
    "بتاعها",
    "بتاعي",
    "بتاعتي",
    "بتاعهم",
    "تبع",
    "تبعه",
    "تبعها",
    "تبعي",
    "حق",
    "حقه",
    "حقها",
    "حقي",
    "متاع",
    "متاعه",
    "متاعها",
    "متاعو",
    "نفسه",
    "نفسها",
    "حالو",
    "ذاته",
]
# Words after which a new clause (and a new subject) begins.
_CLAUSE_OPENERS = {"و", "بس", "لكن", "ثم", "بعدين", "بعدها", "بعده", "فجاه", "اليوم", "امس", "اخيرا", "طبعا", "يعني"}
_NOT_FAMILY = {"الثاني", "الاول", "الحالي", "التالي", "الماضي", "النهائي", "الشخصي", "الحقيقي", "الاصلي", "الرسمي"}
_STRONG_PERSON_CUES = {
    "اسمه",
    "اسمها",
    "اسمو",
    "سميته",
    "سميتو",
    "سميتها",
    "يدعي",
    "يدعى",
    "تدعي",
    "تدعى",
    "يسمي",
    "يسمى",
    "تسمي",
    "تسمى",
}


_Found = tuple[int, int, int] | None
# Second halves of compound given names: حسام الدين, نور الهدى, فتح الله, عبد الرحمن.
_ONLINE_KINDS = {"موقع", "متجر", "تطبيق"}
_COMPOUND_TAILS = {"الدين", "الهدى", "الله", "الرحمن", "الاسلام", "الحق", "الزمان", "الرحيم"}


def is_compound_tail(core: str) -> bool:
    """ "حسام الدين", "نور الهدى": الدين after a given name is the second half of it, not "the religion"."""
    return core in _COMPOUND_TAILS


def is_tatweel_prefixed(word: str, prefix: int) -> bool:
    """ "لـجمال", "بـأمل": the stretched prefix sets a name apart from the preposition, so even a name that is
    also a word (جمال "beauty", أمل "hope") is the name."""
    return prefix >= 2 and word[prefix - 1 : prefix] == "ـ"


def _no_conj(word: str) -> str:
    """واتصلت -> اتصلت: a conjunction glued to a cue word does not change the cue."""
    return word[1:] if len(word) > 3 and word[0] in "وف" else word


class ArabicFinder:
    """Finds person/org/place mentions in Arabic."""

    def __init__(self, lex: Lexicon, latin_cues: frozenset[str] = frozenset()) -> None:
        self.lex = lex
        # English role words typed inside Arabic text ("والـclient ميسون").
        self.latin_cues = latin_cues
        extra = frozenset(norm_ar(w) for w in _read_lines("common_ar_extra.txt"))
        self.extra = extra
        self.stop = lex.common | extra | lex.cue("strong_verbs") | lex.cue("titles") | lex.platforms
        self.amb_places = frozenset(norm_ar(w) for w in _read_lines("ambiguous_places_ar.txt"))
        self.org_out = lex.cue("org_kinds_outside")
        self.org_in = lex.cue("org_kinds_inside")
        self.activities = lex.cue("org_activities")
        self.business = lex.cue("business_nouns")
        self.kin = lex.cue("kin_words")
        self.legal = lex.cue("legal_suffixes")
        # Words that end a company name anywhere (prepositions, particles, verbs); adjectives end it at the start.
        self.core_stop = frozenset(norm_ar(w) for w in _FUNCTION_WORDS) | lex.cue("strong_verbs") | lex.cue("titles")
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

    # --- token analysis ------------------------------------------------------------------------------------------

    @staticmethod
    def analyses(word: str) -> list[tuple[int, str]]:
        """(prefix length, normalised core) readings of word: whole, without و/ف, without ل/ب/ك."""
        out = [(0, norm_ar(word))]
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
        return out

    def _kin(self, word: str) -> bool:
        """أختها, زوجته, ابنه: a family word with a possessive ending."""
        for suf in ("ها", "ه", "هم", "ي"):
            if word.endswith(suf) and word[: -len(suf)] in self.kin:
                return True
        # أخوه -> أخو + ه ; زوجته -> زوجت + ه (ta marbuta written as ت before an ending)
        return any(word.endswith(suf) and word[: -len(suf)] + "ه" in self.kin for suf in ("ته", "تها", "تي"))

    def _kind_readings(self, word: str) -> list[tuple[int, str]]:
        """Readings of a business word, also with a possessive ending: مطعمها, شركته, متجرهم."""
        out = self.analyses(word)
        for p, c in list(out):
            for suf in ("هم", "ها", "ه", "ي", "نا", "ك"):
                if c.endswith(suf) and len(c) - len(suf) >= 3:
                    base = c[: -len(suf)]
                    out.append((p, base + "ه" if base + "ه" in self.org_out | self.org_in else base))
        return out

    def _adjacent_prev(self, text: str, toks: list[Token], i: int) -> str:
        if i == 0:
            return ""
        gap = text[toks[i - 1].end : toks[i].start]
        if any(c in _CLAUSE_BREAK for c in gap):
            return ""
        return norm_ar(toks[i - 1].text)

    def _adjacent_next(self, text: str, toks: list[Token], i: int) -> str:
        if i + 1 >= len(toks):
            return ""
        gap = text[toks[i].end : toks[i + 1].start]
        if any(c in _CLAUSE_BREAK for c in gap):
            return ""
        return norm_ar(toks[i + 1].text)

    def _clause_start(self, text: str, toks: list[Token], i: int) -> bool:
        before = text[: toks[i].start].rstrip(" \u00a0\u2068\u2069")
        if not before or before[-1] in _CLAUSE_BREAK:
            return True
        return toks[i].text[:1] == "و" or _no_conj(norm_ar(toks[i - 1].text)) in _CLAUSE_OPENERS

    @staticmethod
    def _verbish(core: str) -> bool:
        """Verb shapes: object endings (حظرني), dialect tense prefixes (بيحول, هتدفع, رح), plural -وا."""
        if (
            core.endswith(("ني", "نا", "وا", "وه", "وها", "تني", "تلي", "لي", "ته", "تها", "تهم", "يه"))
            and len(core) >= 4
        ):
            return True
        if len(core) >= 5 and core.startswith(("بي", "بت", "بن", "هي", "هت", "حي", "حت", "رح", "عم", "است")):
            return True
        # Present tense (يصحح, توافق) and feminine فعلانة adjectives (زعلانة): unlisted names rarely look like this.
        return (len(core) >= 4 and core[0] in "يت") or core.endswith("انه")

    def _family_nisba(self, n: str) -> bool:
        """الشمري, القحطاني: an ال-word ending in ي that is no everyday adjective (الرسمي, الثاني)."""
        return (
            n.startswith("ال")
            and n.endswith("ي")
            and len(n) >= 5
            and n not in _NOT_FAMILY
            and n not in self.core_stop
            and n not in self.lex.frequent
        )

    def _unknown_ok(self, core: str, strict: bool = False, verb_ok: bool = False, vso: bool = False) -> bool:
        """A word no list knows may be a name here: not a function word, verb or (very) common word."""
        if len(core) < 3 or core in self.stop or core in _NOUN_CONTEXT or core.startswith("ال"):
            return False
        if not verb_ok and self._verbish(core):
            return False
        if core in self.id_cues:
            return False
        if core in self.lex.vocab and len(core) >= 5 and core[0] == "م":
            return False  # participles that describe the client: مسافر, مشغول, متأخر
        if vso and len(core) == 4 and core[0] in "اينت":
            return False  # أفعل / يفعل: "طلب مني أصمم" is a verb where a subject could stand
        if strict and len(core) >= 5 and core.endswith(("ين", "ون", "ات")):
            return False  # plurals: ملفات, مستقلين
        if core in self.lex.places or core in self.lex.countries or core in self.business:
            return False
        if any(core == c for c in self.org_out | self.org_in) or core in self.lex.cue("street_words"):
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

    def _cued_name(self, text: str, toks: list[Token], i: int, used: list[bool]) -> tuple[int, str] | None:
        """A name that no list knows, found by the words around it: العميل هتان, كلمت مؤنس, اتصلت بجسار, مطلق ارسل.

        Returns (prefix length, core); a core ending in a space marks the weak tier (no family name is added).
        """
        for reading in self._cue_readings(text, toks, i):
            if reading is not None:
                return reading
        return None

    def _cue_readings(self, text: str, toks: list[Token], i: int) -> Iterator[tuple[int, str] | None]:
        word = toks[i].text
        prev = _no_conj(self._adjacent_prev(text, toks, i))
        prev2 = _no_conj(self._adjacent_prev(text, toks, i - 1)) if prev and i >= 1 else ""
        nxt = self._adjacent_next(text, toks, i)
        latin = re.search(r"([A-Za-z]+)[\s\u00a0]*$", text[max(0, toks[i].start - 30) : toks[i].start])
        glued = latin is not None and (i == 0 or toks[i - 1].end <= toks[i].start - len(latin.group()))
        if glued and latin is not None and latin.group(1).lower() in self.latin_cues:  # "والـclient ميسون"
            yield self._reading(word, False)
        # After a role, a title-like word or اسمه; the role may own it (مديره) or be a family word (زوجها).
        if (
            prev in self.name_cues
            or self._kin(prev)
            or (prev in self.lex.cue("titles") and prev not in {"د", "م", "ا"})
        ):
            yield self._reading(word, False)
        if prev in self.contact or (prev == "مع" and prev2 in self.with_verbs):
            yield self._reading(word, False)
        if prev in self.with_verbs and word[:1] == "ب":
            yield self._reading(word, False, "ب")
        # A role with its object, then the name: "مدير المشروع أيمن", "صاحب المحل كرار".
        role_object = prev.startswith("ال") and (prev2 in self.roles or prev2 in self.name_cues) and i >= 2
        if role_object and not text[toks[i - 2].end : toks[i - 1].start].strip():
            yield self._reading(word, False)
        # "عتبة الربيعي": an indefinite word before a family nisba is a first name (a noun would need ال to agree).
        if self._family_nisba(nxt) and word[-1] not in "هيك" and not norm_ar(word).startswith("ال"):
            yield self._reading(word, False)
        # VSO: the subject after a verb of speech (قال مؤنس, رد علي هتان): only words outside the vocabulary.
        # Verbs that take an object first (طلب تصميم, عايز لوجو) are left out.
        verbs = self.lex.cue("strong_verbs") - self.lex.cue("modal_verbs") - _NOUN_CONTEXT
        vso = (prev in verbs and prev not in self.lex.common) or (prev in self.obj_pron and prev2 in verbs)
        if vso and word[:1] not in "لب":
            r = self._reading(word, True, vso=True)
            yield None if r is None else (r[0], r[1] + " ")
        # "أرسلت الملفات لريناد", "صممت متجر لنجود": who something was sent to or made for, within the clause.
        if word[:1] == "ل" and len(word) > 3:
            k = i - 1
            while k >= 0 and i - k <= 3 and not any(c in _CLAUSE_BREAK for c in text[toks[k].end : toks[k + 1].start]):
                if _no_conj(norm_ar(toks[k].text)) in self.send:
                    yield self._reading(word, True, "ل")
                    break
                k -= 1
        # "سرى من الحسكة طلبت…": someone from somewhere did something.
        if nxt == "من" and i + 3 < len(toks) and word[:1] not in "لب":
            place, verb = norm_ar(toks[i + 2].text), _no_conj(norm_ar(toks[i + 3].text))
            spaced = not text[toks[i + 1].end : toks[i + 2].start].strip()
            spaced = spaced and not text[toks[i + 2].end : toks[i + 3].start].strip()
            if spaced and verb in self.lex.cue("strong_verbs") and self._unknown_ok(place.removeprefix("ال")):
                yield self._reading(word, False)
        # "مطلق ارسل لي…": an indefinite word opening a clause before a verb is its subject.
        verb_next = nxt in self.lex.cue("strong_verbs") and nxt not in {"ما", "مو", "لم", "كان", "كانت"}
        past_verb = len(word) >= 4 and word.endswith("ت")  # راسلت, اختفت: a verb opens the clause itself
        if verb_next and not past_verb and self._clause_start(text, toks, i) and word[:1] not in "وفلب":
            yield self._reading(word, False)

    # --- main ----------------------------------------------------------------------------------------------------

    def find(self, text: str, taken: list[tuple[int, int]], latin: Sequence[Mention] = ()) -> list[Mention]:
        """All person/org/place mentions outside the taken ranges; latin holds names already found in Latin script."""
        toks = [t for t in tokenize(text, ARABIC_WORD_RE) if not overlaps(t.start, t.end, taken)]
        used = [False] * len(toks)
        out: list[Mention] = []
        out += self._orgs(text, toks, used)
        out += self._places(text, toks, used)
        out += self._paired_names(text, toks, used)
        out += self._persons(text, toks, used)
        anchors = [m for m in [*out, *latin] if m.type in ("person", "org", "place")]
        out += self._places_after(text, toks, used, anchors)
        return out

    def _paired_names(self, text: str, toks: list[Token], used: list[bool]) -> list[Mention]:
        """Names told by the shape of two words (arabic_pairs): عبد الإله الرشيدي, ياسمينة الشاذلي."""
        out = []
        for i in range(len(toks) - 1):
            if used[i] or used[i + 1] or text[toks[i].end : toks[i + 1].start] != " ":
                continue
            a, b = toks[i].text, toks[i + 1].text
            prefix = 1 if a[:1] in "ولب" and norm_ar(a[1:]) == "عبد" else 0
            if not is_abd_compound(a, b):
                if not is_family_nisba(b, self.core_stop):
                    continue  # the cheap shape test first: most word pairs end here
                listed = next(((p, c) for p, c in self.analyses(a) if c in self.lex.first_names), None)
                # After a listed name even a frequent nisba is the family name ("لمى الحربي", not "military").
                everyday = self.core_stop if listed else self._frequent_or_stop
                if not is_family_nisba(b, everyday):
                    continue
                core = norm_ar(a)
                ordinary = core in self.lex.vocab
                if not is_given_before_nisba(a, listed is not None, ordinary, core in self.stop or core in self.kin):
                    continue
                prefix = listed[0] if listed else 0
            j = self._name_run_end(text, toks, i + 1, used)
            out.append(self._span(toks, i, j, prefix, "person"))
            for x in range(i, j + 1):
                used[x] = True
        return out

    def _span(self, toks: list[Token], i: int, j: int, prefix: int, typ: str) -> Mention:
        s, e = toks[i].start + prefix, toks[j].end
        key = " ".join(norm_ar(t.text) for t in toks[i : j + 1])
        if prefix:
            key = norm_ar(toks[i].text[prefix:]) + key[len(norm_ar(toks[i].text)) :]
        key = re.sub(r"^ال", "", key)
        return Mention(s, e, typ, key, P_NAME)

    def _name_run_end(self, text: str, toks: list[Token], i: int, used: list[bool], after_cue: bool = False) -> int:
        """Extend a first name with father's/family names: بن سلمان, المنصوري, أبو خالد."""
        j = i
        while j + 1 < len(toks) and not used[j + 1]:
            gap = text[toks[j].end : toks[j + 1].start]
            if any(c in _CLAUSE_BREAK for c in gap) or "\n" in gap:
                break
            nxt = toks[j + 1].text
            n = norm_ar(nxt)
            if nxt[:1] in "وف" and len(nxt) > 3:
                break
            if n in _NAME_JOINERS and j + 2 < len(toks):
                j += 2
                continue
            if norm_ar(toks[j].text) == "عبد" and n.startswith("ال"):
                j += 1  # عبد الستار: the two words are one name
                continue
            if is_compound_tail(n):
                j += 1  # حسام الدين, نور الهدى: the second half of a compound given name
                continue
            nisba = n.startswith("ال") and n.endswith("ي") and len(n) >= 5 and n not in self.core_stop
            nisba = nisba and n not in _NOT_FAMILY
            family = n.startswith("ال") and n in self.lex.surnames
            # "وليد القضاة": a rarer ال-word right after the first name is the family name, even when it is a word.
            family = family or (
                j == i and n.startswith("ال") and len(n) >= 5 and n not in self.lex.frequent and n not in self.core_stop
            )
            if nisba or family or (n in self.lex.first_names and n not in self.lex.ambiguous and n not in self.stop):
                j += 1
                continue
            # Maghrebi family names: بوزيد, بوعلام; after a cue, a second unknown word is the family name.
            bu = n.startswith(("بو", "بن", "بل")) and len(n) >= 5 and n not in self.stop and n not in self.lex.frequent
            second = after_cue and j == i and self._unknown_ok(n, strict=True) and n not in self.lex.places
            # A verb right after the name (رتيل أجلت, X طلعت) is no family name.
            second = second and not n.endswith("ت") and not (len(n) == 4 and n[0] in "اينت")
            first_only = j == i or (j == i + 1 and is_compound_tail(norm_ar(toks[j].text)))
            if bu or second or (first_only and self._family_after_given(toks[i].text, nxt, after_cue)):
                j += 1
                continue
            break
        return j

    def _family_after_given(self, given: str, word: str, after_cue: bool) -> bool:
        """ "لينا قباني", "مراد بلحاج": after a listed given name (or one a cue found) the next word is the family
        name, even when it is also a word, unless it is a frequent word, a verb, a place or a business word."""
        g = norm_ar(given)
        listed = any(c in self.lex.first_names and c not in self.lex.ambiguous for _, c in self.analyses(given))
        if not (listed or after_cue) or g.startswith("ال"):
            return False
        n = norm_ar(word)
        nisba_ani = len(n) >= 5 and n.endswith("اني")  # قباني, حوراني: the family name, not a verb + ني
        if len(n) < 3 or word[:1] in "وف" or n.startswith(("بال", "لل", "كال")) or (self._verbish(n) and not nisba_ani):
            return False
        if n in self.lex.frequent or n in self.stop or n in self.core_stop or n in _NOUN_CONTEXT:
            return False
        if n in self.lex.places or n in self.lex.countries or n in self.business or n in self.roles:
            return False
        if n in self.name_cues or n in self.org_out | self.org_in or n in self.activities or n in self.id_cues:
            return False
        return not n.endswith("ت") or n in self.lex.surnames  # طلبت, اختفت: a verb after the name

    def _persons(self, text: str, toks: list[Token], used: list[bool]) -> list[Mention]:
        """Persons: at each word the start rules below are tried in order; the first that fits gives the span."""
        rules = (
            self._after_title_or_cue,
            self._kunya,
            self._after_kin,
            self._after_contact_cue,
            self._listed_first_name,
            self._unknown_before_min,
            self._unknown_before_role,
        )
        out = []
        i = 0
        while i < len(toks):
            found = None if used[i] else next((f for rule in rules if (f := rule(text, toks, i, used))), None)
            if found is None:
                i += 1
                continue
            first, last, prefix = found
            out.append(self._span(toks, first, last, prefix, "person"))
            for k in range(first, last + 1):
                used[k] = True
            i = last + 1
        out += self._coordinated(text, toks, used, out)
        return out + self._propagate(text, toks, used, out)

    # Each start rule returns (first token, last token, prefix length) of a person, or None.

    def _after_title_or_cue(self, text: str, toks: list[Token], i: int, used: list[bool]) -> _Found:
        """ "الدكتور نبيل حداد", "العميل هتان": after a title or a strong cue the next word is a name, listed or not."""
        tok, n = toks[i], norm_ar(toks[i].text)
        readings = [c for p, c in self.analyses(tok.text) if p <= 1]
        title = any(c in self.lex.cue("titles") for c in readings) and (
            n not in {"د", "م", "ا"} or text[tok.end : tok.end + 1] == "."
        )
        if not (title or n in _STRONG_PERSON_CUES) or i + 1 >= len(toks) or used[i + 1]:
            return None
        if norm_ar(toks[i + 1].text) in _STRONG_PERSON_CUES:
            return None
        gap = text[tok.end : toks[i + 1].start]
        if {c for _, c in self.analyses(toks[i + 1].text)} & self.stop or "\n" in gap or any(c in "،,:;" for c in gap):
            return None
        j = self._name_run_end(text, toks, i + 1, used, after_cue=True)
        if j == i + 1 and title and j + 1 < len(toks) and not used[j + 1]:
            # "الدكتور نبيل حداد": after a title, a second unlisted word is the family name.
            n2 = norm_ar(toks[j + 1].text)
            g2 = text[toks[j].end : toks[j + 1].start]
            ok = not g2.strip() and n2 not in self.stop and n2 not in self.lex.places
            if ok and toks[j + 1].text[:1] not in "وف":
                j += 1
        return i + 1, j, 0

    def _kunya(self, text: str, toks: list[Token], i: int, used: list[bool]) -> _Found:
        """ "أبو سمير", "أم فيصل": the whole kunya is the name (after أبو/أم no verb can stand)."""
        tok, n = toks[i], norm_ar(toks[i].text)
        if n not in {"ابو", "ام"} or i + 1 >= len(toks) or used[i + 1] or text[tok.end : toks[i + 1].start].strip():
            return None
        prev = _no_conj(self._adjacent_prev(text, toks, i))
        nxt_core = norm_ar(toks[i + 1].text)
        if (
            nxt_core in self.lex.first_names
            or prev in self.lex.cue("person_before") | self.name_cues
            or self._kin(prev)
            or self._unknown_ok(nxt_core, verb_ok=True)
        ):
            return i, self._name_run_end(text, toks, i + 1, used), 0
        return None

    def _after_kin(self, text: str, toks: list[Token], i: int, used: list[bool]) -> _Found:
        """ "أختها ريم", "زوجته سلوى": after a family word with a possessive ending comes a name, listed or not."""
        n = norm_ar(toks[i].text)
        if (
            self._kin(self._adjacent_prev(text, toks, i))
            and n not in self.stop
            and not n.startswith("ال")
            and len(n) >= 3
        ):
            return i, self._name_run_end(text, toks, i, used), 0
        return None

    def _after_contact_cue(self, text: str, toks: list[Token], i: int, used: list[bool]) -> _Found:
        """ "كلمت مؤنس", "اتصلت بجسار": a name no list knows, found by the verb or cue before it."""
        if norm_ar(toks[i].text) in self.stop:
            return None
        cued = self._cued_name(text, toks, i, used)
        if cued is None or any(c in self.lex.first_names for _, c in self.analyses(toks[i].text)):
            return None
        return i, self._name_run_end(text, toks, i, used, after_cue=not cued[1].endswith(" ")), cued[0]

    def _listed_first_name(self, text: str, toks: list[Token], i: int, used: list[bool]) -> _Found:
        """ "ومع سارة", "لخالد": a listed first name, behind a prefix or not; one that is also a word needs context."""
        prev = self._adjacent_prev(text, toks, i)
        for p, core in self.analyses(toks[i].text):
            if core not in self.lex.first_names:
                continue
            if core in self.lex.ambiguous or (core in self.stop and core not in self.lex.first_names):
                if (p == 0 and self._ambiguous_is_name(text, toks, i, prev)) or is_tatweel_prefixed(toks[i].text, p):
                    return i, self._name_run_end(text, toks, i, used, after_cue=True), p
                continue
            return i, self._name_run_end(text, toks, i, used), p
        return None

    def _unknown_before_min(self, text: str, toks: list[Token], i: int, used: list[bool]) -> _Found:
        """ "هتان من شركة…": an unknown word opening a clause before "من" is the name of who works there."""
        n = norm_ar(toks[i].text)
        prev = self._adjacent_prev(text, toks, i)
        if n in self.stop or len(n) < 3 or not self._ambiguous_is_name(text, toks, i, prev):
            return None
        if self._adjacent_next(text, toks, i) != "من":
            return None
        if self._clause_start(text, toks, i) or prev in self.lex.cue("person_before"):
            return i, self._name_run_end(text, toks, i, used), 0
        return None

    def _unknown_before_role(self, text: str, toks: list[Token], i: int, used: list[bool]) -> _Found:
        """ "كريم صاحب متجر…": an unlisted word opening a clause before a role word is who holds the role."""
        tok, n = toks[i], norm_ar(toks[i].text)
        if n in self.stop or len(n) < 3 or not self._clause_start(text, toks, i):
            return None
        if self._adjacent_next(text, toks, i) in self.roles and tok.text[:1] not in "وف" and not n.startswith("ال"):
            return i, self._name_run_end(text, toks, i, used), 0
        return None

    def _coordinated(self, text: str, toks: list[Token], used: list[bool], found: list[Mention]) -> list[Mention]:
        """ "مع أحمد وسارة", "ريم وبسام": a word joined by و right after a name is a second name when it can be one."""
        out = []
        for m in found:
            if m.type != "person":
                continue
            k = next((x for x, t in enumerate(toks) if t.start >= m.end), None)
            if k is None or used[k] or text[m.end : toks[k].start].strip() or toks[k].text[:1] != "و":
                continue
            core = norm_ar(toks[k].text[1:])
            nxt = self._adjacent_next(text, toks, k)
            if (core in self.lex.first_names and core not in self.lex.ambiguous) or (
                self._unknown_ok(core, strict=True) and (not nxt or nxt in self.core_stop or nxt in self.lex.common)
            ):
                out.append(self._span(toks, k, k, 1, "person"))
                used[k] = True
        return out

    def _propagate(self, text: str, toks: list[Token], used: list[bool], found: list[Mention]) -> list[Mention]:
        """A name confirmed once by a cue (مع أمل) is a name elsewhere too, unless the word reads as a noun there."""
        confirmed = {m.key.split()[0] for m in found if m.type == "person"}
        out = []
        for i, tok in enumerate(toks):
            if used[i]:
                continue
            prev = self._adjacent_prev(text, toks, i)
            if prev in _NOUN_CONTEXT:
                continue
            for p, core in self.analyses(tok.text):
                if core in confirmed and (core in self.lex.first_names or core not in self.lex.frequent):
                    out.append(self._span(toks, i, i, p, "person"))
                    used[i] = True
                    break
        return out

    def _ambiguous_is_name(self, text: str, toks: list[Token], i: int, prev: str) -> bool:
        lex = self.lex
        if prev in lex.cue("person_before") or prev in lex.cue("titles") or _no_conj(prev) in self.name_cues:
            return True
        if self._verb_then_object(text, toks, i, prev):
            return True
        # "مدير المشروع أيمن كان…": a role with its object, then the name.
        if (
            i >= 2
            and prev.startswith("ال")
            and norm_ar(toks[i - 2].text) in self.roles
            and not text[toks[i - 2].end : toks[i - 1].start].strip()
        ):
            return True
        nxt = self._adjacent_next(text, toks, i)
        if not nxt:
            return False
        if self._clause_start(text, toks, i) or prev in {"و"}:
            if nxt in lex.cue("strong_verbs"):
                return True
            if nxt in {"من", "في"} and i + 2 < len(toks):
                after = norm_ar(toks[i + 2].text)
                kinds = self.org_out | self.org_in
                if after in kinds or any(c in kinds for _, c in self.analyses(toks[i + 2].text)):
                    return True
        return False

    def _verb_then_object(self, text: str, toks: list[Token], i: int, prev: str) -> bool:
        """ "طلب مني كريم", "قال لي جمال": after a verb and its object pronoun comes the subject, a name."""
        if prev not in self.obj_pron or i < 2:
            return False
        return _no_conj(self._adjacent_prev(text, toks, i - 1)) in self.lex.cue("strong_verbs")

    def _orgs(self, text: str, toks: list[Token], used: list[bool]) -> list[Mention]:
        """Companies, in three passes: after a kind word, before a legal form, before a لل-activity word."""
        out = self._orgs_after_kind_word(text, toks, used)
        out += self._quoted_after_name_cue(text, toks, used)
        out += self._orgs_before_legal_form(text, toks, used)
        return out + self._orgs_before_activity(text, toks, used)

    def _orgs_after_kind_word(self, text: str, toks: list[Token], used: list[bool]) -> list[Mention]:
        """ "شركة مدار", "مطعم زيتون وزعتر", "متجر «ورد»": the words after a kind of business name it."""
        out = []
        kinds = self.org_out | self.org_in
        for i, tok in enumerate(toks):
            if used[i]:
                continue
            hit = next(((p, c) for p, c in self._kind_readings(tok.text) if c in kinds), None)
            if hit is None:
                continue
            p, kind = hit
            quoted = self._quoted_after_kind(text, toks, i, used)
            if quoted is not None:
                out.append(quoted)
                continue
            j, count = self._org_name_end(text, toks, i, used)
            # "مكتب عقارات": a word saying what the business does is not a name on its own.
            while j > i and norm_ar(toks[j].text) in self.business:
                j -= 1
                count -= 1
            if count <= 0:
                named = self._named_after_kind(toks, i, used)
                if named is not None:
                    out.append(named)
                continue
            start_tok, prefix = (i, p) if kind in self.org_in else (i + 1, 0)
            out.append(self._span(toks, start_tok, j, prefix, "org"))
            for k in range(i, j + 1):
                used[k] = True
        return out

    def _quoted_after_name_cue(self, text: str, toks: list[Token], used: list[bool]) -> list[Mention]:
        """ "شركة ناشئة اسمها «دروب»", "مؤسسة صغيرة اسمها «درب النجاح»": a quoted name after اسمها is the business
        the clause is about (a person is a listed first name, and people's names are seldom quoted)."""
        out = []
        kinds = self.org_out | self.org_in
        for i, tok in enumerate(toks):
            if used[i] or _no_conj(norm_ar(tok.text)) not in _STRONG_PERSON_CUES | {"باسم"}:
                continue
            q = re.match(r"\s*[«\"“]([^«»\"“”\n]{1,50})[»\"”]", text[tok.end : tok.end + 70])
            if not q:
                continue
            s, e = tok.end + q.start(1), tok.end + q.end(1)
            inside = [k for k in range(i + 1, len(toks)) if toks[k].start < e]
            if any(used[k] for k in inside):
                continue
            content = norm_ar(q.group(1))
            person = content in self.lex.first_names and not any(
                c in kinds for k in range(max(0, i - 4), i) for _, c in self._kind_readings(toks[k].text)
            )
            out.append(Mention(s, e, "person" if person else "org", content, P_NAME + 5))
            for k in inside:
                used[k] = True
        return out

    def _quoted_after_kind(self, text: str, toks: list[Token], i: int, used: list[bool]) -> Mention | None:
        """ "متجر «ورد الشام»": a quoted name right after the business word is the whole name."""
        tok = toks[i]
        q = re.match(r"\s*[«\"“]([^«»\"“”\n]{1,50})[»\"”]", text[tok.end : tok.end + 70])
        if not q:
            return None
        for k in range(i + 1, len(toks)):
            if toks[k].start < tok.end + q.end():
                used[k] = True
        return Mention(tok.end + q.start(1), tok.end + q.end(1), "org", norm_ar(q.group(1)), P_NAME + 5)

    def _org_name_end(self, text: str, toks: list[Token], i: int, used: list[bool]) -> tuple[int, int]:
        """The last token of the name after kind word i, and how many name words it has (at most three)."""
        j, count = i, 0
        while j + 1 < len(toks) and not used[j + 1]:
            gap = text[toks[j].end : toks[j + 1].start]
            if gap.strip() or "\n" in gap:
                break
            verdict = self._org_word(text, toks, j + 1, count)
            if verdict == "end":
                break
            j += 1
            count += 1
            if verdict == "last":
                break
        return j, count

    def _org_word(self, text: str, toks: list[Token], k: int, count: int) -> str:
        """Whether word k continues a company name ("more"), closes it ("last") or is past its end ("end")."""
        word = toks[k].text
        n = norm_ar(word)
        if n in self.activities:
            return "last"  # "مدار للتسويق"
        if word[:1] == "و" and 1 <= count < 3 and self._and_ends_name(text, toks, k):
            return "last"  # "مطعم زيتون وزعتر": a second noun joined by و closes the name
        readings = {c for _, c in self._kind_readings(word)}
        if count >= 3 or n in self.core_stop or readings & (self.org_out | self.org_in) or (word[:1] in "وف" and count):
            return "end"
        if count and word[:1] in "لب" and len(word) > 3 and not n.startswith("لل"):
            return "end"  # "متجر كامل لنجود", "بلاط الشهباء بالسويداء": a preposition ends the name
        if (
            count == 0
            and not n.startswith("ال")
            and n in self.lex.frequent
            and self._adjective_after_kind(text, toks, k)
        ):
            return "end"  # "متجر كامل": a common adjective describes the shop
        if count == 0 and n in self.stop and n not in self.lex.common - self.core_stop - self.extra:
            return "end"  # "شركة جديدة": an adjective, not a name (nouns like الفجر, الأمل still can be)
        if count and n in _STRONG_PERSON_CUES:
            return "end"
        if count == 0 and self._not_a_name_start(word, toks[k - 1].text):
            return "end"
        places = self.lex.places
        if count and any(c in places or "ال" + c in places for _, c in self.analyses(word)):
            return "end"  # "شركة نور الرياض" keeps the town out of the name
        return "more"

    def _not_a_name_start(self, word: str, kind: str) -> bool:
        """ "موقع إخباري", "متجر بسعر رمزي", "مطعمه وبعد": an adjective, a prepositional phrase or a new clause
        right after the business word, where a name would stand."""
        n = norm_ar(word)
        online = {c for _, c in self._kind_readings(kind)} & _ONLINE_KINDS
        if online and not n.startswith("ال") and n.endswith("ي") and n in self.lex.vocab:
            return True  # a site or shop described: موقع إخباري, متجر إلكتروني (but "مطعمها بحري" is a name)
        if word[:1] in "وفبل" and len(n) > 3:
            core = n[1:]
            return core in self.core_stop or core in self.lex.frequent
        return False

    def _named_after_kind(self, toks: list[Token], i: int, used: list[bool]) -> Mention | None:
        """ "براند هدوم اسمه ستايلو": with no name right after the kind word, the name comes after اسمه."""
        k = i + 1
        while k < len(toks) and norm_ar(toks[k].text) in self.business:
            k += 1
        named = k + 1 < len(toks) and norm_ar(toks[k].text) in _STRONG_PERSON_CUES and not used[k + 1]
        if not named or norm_ar(toks[k + 1].text) in self.stop:
            return None
        used[k] = used[k + 1] = True
        return self._span(toks, k + 1, k + 1, 0, "org")

    def _orgs_before_legal_form(self, text: str, toks: list[Token], used: list[bool]) -> list[Mention]:
        """ "نماء القابضة", "الريان المحدودة": a name (one or two words) before a legal form is a company."""
        out = []
        for i, tok in enumerate(toks):
            if used[i] or norm_ar(tok.text) not in self.legal or i == 0 or used[i - 1]:
                continue
            if norm_ar(toks[i - 1].text) in self.stop or text[toks[i - 1].end : tok.start].strip():
                continue
            k = i - 1
            if k > 0 and not used[k - 1] and not text[toks[k - 1].end : toks[k].start].strip():
                n2 = norm_ar(toks[k - 1].text)
                if (
                    n2 not in self.stop
                    and n2 not in self.lex.cue("place_before")
                    and toks[k - 1].text[:1] not in "وفلب"
                ):
                    k -= 1
            out.append(self._span(toks, k, i, 0, "org"))
            for x in range(k, i + 1):
                used[x] = True
        return out

    def _orgs_before_activity(self, text: str, toks: list[Token], used: list[bool]) -> list[Mention]:
        """ "مدار للتسويق": a name followed by a لل-activity word is a company."""
        out = []
        for i, tok in enumerate(toks):
            if used[i] or norm_ar(tok.text) not in self.activities or i == 0 or used[i - 1]:
                continue
            n = norm_ar(toks[i - 1].text)
            if n in self.stop or text[toks[i - 1].end : tok.start].strip():
                continue
            out.append(self._span(toks, i - 1, i, 0, "org"))
            used[i - 1] = used[i] = True
        return out

    def _adjective_after_kind(self, text: str, toks: list[Token], k: int) -> bool:
        """A frequent word after a business word, not followed by the rest of a name (ال-word or و-word)."""
        if k + 1 >= len(toks) or text[toks[k].end : toks[k + 1].start].strip():
            return False
        nxt = toks[k + 1].text
        # "متجر كامل لنجود": the adjective is followed by a preposition; "نقطة ضوء" goes on with a noun.
        return nxt[:1] in "لب" and len(nxt) > 3 and not norm_ar(nxt).startswith("لل")

    def _and_ends_name(self, text: str, toks: list[Token], k: int) -> bool:
        """وزعتر in "زيتون وزعتر": a noun after و, followed by the end of the clause or by a new clause."""
        core = norm_ar(toks[k].text[1:])
        if len(core) < 3 or core in self.stop or self._verbish(core) or core in self.lex.cue("strong_verbs"):
            return False
        if k + 1 >= len(toks):
            return True
        gap = text[toks[k].end : toks[k + 1].start]
        nxt = norm_ar(toks[k + 1].text)
        return any(c in _CLAUSE_BREAK for c in gap) or nxt[:1] in "وف" or nxt in self.core_stop

    def _places_after(self, text: str, toks: list[Token], used: list[bool], anchors: list[Mention]) -> list[Mention]:
        """ "تغريد من دمنهور", "شركة … في خورفكان", "حي الروابي بعنيزة": from/in an unlisted town after someone."""
        out = []
        for k, t in enumerate(toks[:-1]):
            # "مشغل خياطة بالرصيفة": after the word that says what the business does.
            if norm_ar(t.text) in self.business and norm_ar(toks[k + 1].text) not in self.business:
                anchors = [*anchors, Mention(t.start, t.end, "org", "", 0)]
        for m in sorted(anchors, key=lambda m: m.start):
            i = next((k for k, t in enumerate(toks) if t.start >= m.end), None)
            if i is None or any(c in _CLAUSE_BREAK for c in text[m.end : toks[i].start]) or used[i]:
                continue
            n = norm_ar(toks[i].text)
            if n in {"من", "في"} and i + 1 < len(toks) and not used[i + 1]:
                gap = text[toks[i].end : toks[i + 1].start]
                k, p = i + 1, 0
                if gap.strip():
                    continue
            elif toks[i].text[:1] == "ب" and len(toks[i].text) > 3 and m.type != "person":
                if text[m.end : toks[i].start].strip():
                    continue
                k, p = i, 1
            else:
                continue
            core = norm_ar(toks[k].text[p:])
            bare = core[2:] if core.startswith("ال") else core
            if bare in self.lex.first_names or not self._unknown_ok(bare):
                continue
            if core in self.lex.frequent or core in self.stop or (len(bare) >= 5 and bare.endswith(("ات", "ين", "ون"))):
                continue  # plurals (بوستات) are things, not towns
            out.append(self._span(toks, k, k, p, "place"))
            used[k] = True
        return out

    def _places(self, text: str, toks: list[Token], used: list[bool]) -> list[Mention]:
        lex = self.lex
        out = []
        street = lex.cue("street_words")
        for i, tok in enumerate(toks):
            if used[i]:
                continue
            prev = self._adjacent_prev(text, toks, i)
            for p, core in self.analyses(tok.text):
                cands = {core, core[2:] if core.startswith("ال") else "ال" + core}
                # Multi-word places (أبو ظبي, الدار البيضاء, رام الله).
                multi = lex.multi_places.get(core)
                if multi:
                    for parts in multi:
                        k = i + len(parts) - 1
                        if k < len(toks) and all(norm_ar(toks[i + x].text) == parts[x] for x in range(1, len(parts))):
                            out.append(self._span(toks, i, k, p, "place"))
                            for x in range(i, k + 1):
                                used[x] = True
                            break
                    if used[i]:
                        break
                hit = cands & lex.places
                if not hit and (p > 0 or prev in lex.cue("place_before")):
                    # "أنا من الأردن وهي في الإمارات": a country after من/في or a ب/ل prefix says where someone is.
                    hit = cands & lex.countries
                if not hit:
                    continue
                if hit & self.amb_places and not (p > 0 or prev in lex.cue("place_before")):
                    continue
                out.append(self._span(toks, i, i, p, "place"))
                used[i] = True
                break
            if used[i]:
                continue
            # Streets and venues: شارع التحلية, حي النزهة (the street word is part of the address).
            n = norm_ar(tok.text)
            sw = next(((p, c) for p, c in self.analyses(tok.text) if c in street), None)
            if sw and prev != "عن" and i + 1 < len(toks) and not used[i + 1]:
                nxt = norm_ar(toks[i + 1].text)
                gap = text[tok.end : toks[i + 1].start]
                if (nxt not in self.stop and not gap.strip() and n != "طريق") or (n == "طريق" and nxt.startswith("ال")):
                    j = i + 1
                    if j + 1 < len(toks) and not text[toks[j].end : toks[j + 1].start].strip():
                        n2 = norm_ar(toks[j + 1].text)
                        if n2 not in self.stop and n2.startswith("ال"):
                            j += 1
                    end = toks[j].end
                    num = re.match(r"[\s،,]*(?:رقم\s*)?\d+", text[end:])
                    m = self._span(toks, i, j, sw[0], "place")
                    if num:
                        m = Mention(m.start, end + num.end(), "place", m.key, m.priority)
                    out.append(m)
                    for x in range(i, j + 1):
                        used[x] = True
        return out
