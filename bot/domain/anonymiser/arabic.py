"""Names, companies and places in Arabic text (no capital letters: gazetteers plus context cues).

One-letter prefixes (و ف ل ب ك) stay outside the span: ل[أحمد], ب[جدة].
"""

from __future__ import annotations

import re

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
]
_NOT_FAMILY = {"الثاني", "الاول", "الحالي", "التالي", "الماضي", "النهائي", "الشخصي", "الحقيقي", "الاصلي", "الرسمي"}
_STRONG_PERSON_CUES = {"اسمه", "اسمها", "يدعي", "يدعى", "تدعي", "تدعى", "يسمي", "يسمى", "تسمي", "تسمى"}


class ArabicFinder:
    """Finds person/org/place mentions in Arabic."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
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
        return toks[i].text[:1] == "و" or norm_ar(toks[i - 1].text) in {"و", "بس", "لكن", "ثم", "بعدين", "وبعدين"}

    # --- main ----------------------------------------------------------------------------------------------------

    def find(self, text: str, taken: list[tuple[int, int]]) -> list[Mention]:
        """All person/org/place mentions outside the taken ranges."""
        toks = [t for t in tokenize(text, ARABIC_WORD_RE) if not overlaps(t.start, t.end, taken)]
        used = [False] * len(toks)
        out: list[Mention] = []
        out += self._orgs(text, toks, used)
        out += self._places(text, toks, used)
        out += self._persons(text, toks, used)
        return out

    def _span(self, toks: list[Token], i: int, j: int, prefix: int, typ: str) -> Mention:
        s, e = toks[i].start + prefix, toks[j].end
        key = " ".join(norm_ar(t.text) for t in toks[i : j + 1])
        if prefix:
            key = norm_ar(toks[i].text[prefix:]) + key[len(norm_ar(toks[i].text)) :]
        key = re.sub(r"^ال", "", key)
        return Mention(s, e, typ, key, P_NAME)

    def _name_run_end(self, text: str, toks: list[Token], i: int, used: list[bool]) -> int:
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
            nisba = n.startswith("ال") and n.endswith("ي") and len(n) >= 5 and n not in self.core_stop
            nisba = nisba and n not in _NOT_FAMILY
            family = n.startswith("ال") and n in self.lex.surnames
            if nisba or family or (n in self.lex.first_names and n not in self.lex.ambiguous and n not in self.stop):
                j += 1
                continue
            break
        return j

    def _persons(self, text: str, toks: list[Token], used: list[bool]) -> list[Mention]:
        lex = self.lex
        out = []
        i = 0
        while i < len(toks):
            if used[i]:
                i += 1
                continue
            tok = toks[i]
            n = norm_ar(tok.text)
            prev = self._adjacent_prev(text, toks, i)
            # Title or strong cue: the next word is a name even when no list knows it.
            readings = [c for p, c in self.analyses(tok.text) if p <= 1]
            title = any(c in lex.cue("titles") for c in readings) and (
                n not in {"د", "م", "ا"} or text[tok.end : tok.end + 1] == "."
            )
            if (title or n in _STRONG_PERSON_CUES) and i + 1 < len(toks) and not used[i + 1]:
                readings = {c for _, c in self.analyses(toks[i + 1].text)}
                gap = text[tok.end : toks[i + 1].start]
                if not readings & self.stop and "\n" not in gap and not any(c in "،,:;" for c in gap):
                    j = self._name_run_end(text, toks, i + 1, used)
                    if j == i + 1 and title and j + 1 < len(toks) and not used[j + 1]:
                        # "الدكتور نبيل حداد": after a title, a second unlisted word is the family name.
                        n2 = norm_ar(toks[j + 1].text)
                        g2 = text[toks[j].end : toks[j + 1].start]
                        ok = not g2.strip() and n2 not in self.stop and n2 not in lex.places
                        if ok and toks[j + 1].text[:1] not in "وف":
                            j += 1
                    out.append(self._span(toks, i + 1, j, 0, "person"))
                    for k in range(i + 1, j + 1):
                        used[k] = True
                    i = j + 1
                    continue
            # Kunya: أبو سمير, أم فيصل (the whole kunya is the name).
            if (
                n in {"ابو", "ام"}
                and i + 1 < len(toks)
                and not used[i + 1]
                and not text[tok.end : toks[i + 1].start].strip()
            ):
                nxt_core = norm_ar(toks[i + 1].text)
                if nxt_core in lex.first_names or prev in lex.cue("person_before") or self._kin(prev):
                    j = self._name_run_end(text, toks, i + 1, used)
                    out.append(self._span(toks, i, j, 0, "person"))
                    for k in range(i, j + 1):
                        used[k] = True
                    i = j + 1
                    continue
            # After a family word with a possessive ending (أختها, زوجته) comes a name, listed or not.
            if self._kin(prev) and n not in self.stop and not n.startswith("ال") and len(n) >= 3:
                j = self._name_run_end(text, toks, i, used)
                out.append(self._span(toks, i, j, 0, "person"))
                for k in range(i, j + 1):
                    used[k] = True
                i = j + 1
                continue
            hit = None
            for p, core in self.analyses(tok.text):
                if core not in lex.first_names:
                    continue
                if core in lex.ambiguous or (core in self.stop and core not in lex.first_names):
                    if p == 0 and self._ambiguous_is_name(text, toks, i, prev):
                        hit = p
                        break
                    continue
                hit = p
                break
            if hit is None and n not in self.stop and len(n) >= 3 and self._ambiguous_is_name(text, toks, i, prev):
                # An unknown word opening a clause before "من شركة…" is the name of who works there.
                nxt = self._adjacent_next(text, toks, i)
                if nxt == "من" and (self._clause_start(text, toks, i) or prev in lex.cue("person_before")):
                    hit = 0
            if hit is None and n not in self.stop and len(n) >= 3 and self._clause_start(text, toks, i):
                # "كريم صاحب متجر…": an unlisted word opening a clause before a role word is who holds the role.
                nxt = self._adjacent_next(text, toks, i)
                if nxt in self.roles and tok.text[:1] not in "وف" and not n.startswith("ال"):
                    hit = 0
            if hit is not None:
                j = self._name_run_end(text, toks, i, used)
                out.append(self._span(toks, i, j, hit, "person"))
                for k in range(i, j + 1):
                    used[k] = True
                i = j + 1
                continue
            i += 1
        return out + self._propagate(text, toks, used, out)

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
                if core in confirmed and core in self.lex.first_names:
                    out.append(self._span(toks, i, i, p, "person"))
                    used[i] = True
                    break
        return out

    def _ambiguous_is_name(self, text: str, toks: list[Token], i: int, prev: str) -> bool:
        lex = self.lex
        if prev in lex.cue("person_before") or prev in lex.cue("titles"):
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

    def _orgs(self, text: str, toks: list[Token], used: list[bool]) -> list[Mention]:
        out = []
        kinds = self.org_out | self.org_in
        for i, tok in enumerate(toks):
            if used[i]:
                continue
            hit = next(((p, c) for p, c in self._kind_readings(tok.text) if c in kinds), None)
            if hit is None:
                continue
            p, kind = hit
            # A quoted name right after the business word.
            after = text[tok.end : tok.end + 70]
            q = re.match(r"\s*[«\"“]([^«»\"“”\n]{1,50})[»\"”]", after)
            if q:
                s = tok.end + q.start(1)
                out.append(Mention(s, tok.end + q.end(1), "org", norm_ar(q.group(1)), P_NAME + 5))
                for k in range(i + 1, len(toks)):
                    if toks[k].start < tok.end + q.end():
                        used[k] = True
                continue
            j = i
            count = 0
            while j + 1 < len(toks) and not used[j + 1]:
                gap = text[toks[j].end : toks[j + 1].start]
                if gap.strip() or "\n" in gap:
                    break
                n = norm_ar(toks[j + 1].text)
                if n in self.activities:
                    j += 1
                    count += 1
                    break
                readings = {c for _, c in self._kind_readings(toks[j + 1].text)}
                if count >= 3 or n in self.core_stop or readings & kinds or (toks[j + 1].text[:1] in "وف" and count):
                    break
                if count == 0 and n in self.stop and n not in self.lex.common - self.core_stop - self.extra:
                    break  # "شركة جديدة": an adjective, not a name (nouns like الفجر, الأمل still can be)
                if count and n in _STRONG_PERSON_CUES:
                    break
                if count and any(
                    c in self.lex.places or "ال" + c in self.lex.places for _, c in self.analyses(toks[j + 1].text)
                ):
                    break
                j += 1
                count += 1
            # "مكتب عقارات": a word saying what the business does is not a name on its own.
            while j > i and norm_ar(toks[j].text) in self.business:
                j -= 1
                count -= 1
            if count <= 0:
                # "براند هدوم اسمه ستايلو": the name comes after اسمه.
                k = i + 1
                while k < len(toks) and norm_ar(toks[k].text) in self.business:
                    k += 1
                named = k + 1 < len(toks) and norm_ar(toks[k].text) in _STRONG_PERSON_CUES and not used[k + 1]
                if named and norm_ar(toks[k + 1].text) not in self.stop:
                    out.append(self._span(toks, k + 1, k + 1, 0, "org"))
                    used[k] = used[k + 1] = True
                continue
            start_tok, prefix = (i, p) if kind in self.org_in else (i + 1, 0)
            out.append(self._span(toks, start_tok, j, prefix, "org"))
            for k in range(i, j + 1):
                used[k] = True
        # "نماء القابضة", "الريان المحدودة": a name before a legal form is a company.
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
        # "مدار للتسويق": a name followed by a لل-activity word is a company.
        for i, tok in enumerate(toks):
            if used[i] or norm_ar(tok.text) not in self.activities or i == 0 or used[i - 1]:
                continue
            n = norm_ar(toks[i - 1].text)
            if n in self.stop or text[toks[i - 1].end : tok.start].strip():
                continue
            out.append(self._span(toks, i - 1, i, 0, "org"))
            used[i - 1] = used[i] = True
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
