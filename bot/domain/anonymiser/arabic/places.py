"""Places in Arabic text: listed towns and countries behind prefixes, streets, and unlisted towns after من/في."""

from __future__ import annotations

import re

from ..model import Mention
from ..textutil import Token
from .base import ArabicBase
from .words import CLAUSE_BREAK, MOTION_VERBS, ORIGIN_NOUNS, P_NAME, WHERE_WORDS, no_conj, norm_ar

# "شارع الأمير سلطان", "طريق الملك فهد": after these words a given name completes a street's name.
_NAMED_AFTER = frozenset({"الملك", "الامير", "الاميره", "الشيخ", "الامام", "السلطان"})
# Stations are named by a word the vocabulary lacks (محطة الطالبية), not by what they serve (محطة الباص).
_STATIONS = frozenset({"محطه"})
# Street words whose number alone says which one: "شارع ٩", "بلوك 4" (not "برج" or "مبنى": a floor count follows).
_NUMBERED_STREETS = frozenset({"شارع", "جاده", "طريق"})


class PlaceRules(ArabicBase):
    """Place rules, each a method with its example as the docstring."""

    def _places_after(self, text: str, toks: list[Token], used: list[bool], anchors: list[Mention]) -> list[Mention]:
        """ "تغريد من دمنهور", "شركة … في خورفكان", "حي الروابي بعنيزة": from/in an unlisted town after someone."""
        out = []
        for k, t in enumerate(toks[:-1]):
            # "مشغل خياطة بالرصيفة": after the word that says what the business does.
            if norm_ar(t.text) in self.business and norm_ar(toks[k + 1].text) not in self.business:
                anchors = [*anchors, Mention(t.start, t.end, "business", "", 0)]
            # "المكتب في الشميساني", "ساكن في الرصيفة": after a word for where someone lives or works.
            elif no_conj(norm_ar(t.text)) in WHERE_WORDS or self._origin_noun(t.text):
                anchors = [*anchors, Mention(t.start, t.end, "where", "", 0)]
        for m in sorted(anchors, key=lambda m: m.start):
            slot = self._place_slot(text, toks, m, used)
            if slot is None:
                continue
            k, p = slot
            if not self._could_be_town(toks[k].text, p, strict=m.type == "where"):
                continue
            last = self._second_place_word(text, toks, k, used)
            out.append(self._span(toks, k, last, p, "place"))
            for x in range(k, last + 1):
                used[x] = True
        return out

    def _origin_noun(self, word: str) -> bool:
        """ "عميل", "عملاء", "مصمم", "فريلانسر": a word for a client or a trade, before "من X" (where they are from)."""
        n = norm_ar(word)
        return n in ORIGIN_NOUNS or no_conj(n) in ORIGIN_NOUNS

    def _towns_after_motion(self, text: str, toks: list[Token], used: list[bool]) -> list[Mention]:
        """ "رحت المنيب ملقيتش أي محل", "سافرت دسوق": right after a verb of going, a word no vocabulary knows is
        the place gone to (a known word is not: "رحت البيت", "طلعت برا")."""
        out = []
        for k in range(1, len(toks)):
            if used[k] or no_conj(self._adjacent_prev(text, toks, k)) not in MOTION_VERBS:
                continue
            n = norm_ar(toks[k].text)
            if len(n) < 4 or n in self.lex.vocab or n[2:] in self.lex.vocab or toks[k].text[:1] in "وفلب":
                continue
            if self._could_be_town(toks[k].text, 0, strict=True):
                out.append(self._span(toks, k, k, 0, "place"))
                used[k] = True
        return out

    def _towns_after_in(self, text: str, toks: list[Token], used: list[bool]) -> list[Mention]:
        """ "محل ورد في المرسلات", "قابلته بالرصيفة": a definite word no vocabulary knows after في, or with ب, is a town
        or a district (not a plural: في المسودات; not a word of the trade: في السيستم is in everyday_ar.txt)."""
        out = []
        for k, tok in enumerate(toks):
            n = norm_ar(tok.text)
            if used[k] or len(n) < 6:
                continue
            if n.startswith("بال"):
                p = 1
            elif n.startswith("ال") and self._adjacent_prev(text, toks, k) in {"في", "فى"}:
                p = 0
            else:
                continue
            if self._could_be_town(tok.text, p, strict=True) and norm_ar(tok.text[p:]) not in self.lex.vocab:
                out.append(self._span(toks, k, k, p, "place"))
                used[k] = True
        return out

    def _place_slot(self, text: str, toks: list[Token], m: Mention, used: list[bool]) -> tuple[int, int] | None:
        """The token (and prefix) right after a mention where a town would stand: "X من Y", "X في Y", "شركة X بـY"."""
        i = next((k for k, t in enumerate(toks) if t.start >= m.end), None)
        if i is None or any(c in CLAUSE_BREAK for c in text[m.end : toks[i].start]) or used[i]:
            return None
        if norm_ar(toks[i].text) in {"من", "في"} and i + 1 < len(toks) and not used[i + 1] and m.type != "business":
            # "تصميم من كانفا": after a word for the work, من/في name a source or a topic, not a town
            return None if text[toks[i].end : toks[i + 1].start].strip() else (i + 1, 0)
        if toks[i].text[:1] == "ب" and len(toks[i].text) > 3 and m.type != "person":
            return None if text[m.end : toks[i].start].strip() else (i, 1)
        return None

    def _could_be_town(self, word: str, p: int, strict: bool = False) -> bool:
        """ "دمنهور", "بعنيزة": an unlisted word that can be a town; not "بخصوص" (a word with its ب), not a plural
        (بوستات), not a given name."""
        if p and (norm_ar(word) in self.lex.vocab or norm_ar(word) in self.stop):
            return False  # (also "ببلاش", "for free": a common word whole, with its ب)
        if p and word[p : p + 1] in "يتن" and len(word) - p <= 4:
            return False  # "عميل بيسب": the dialect ب on a present-tense verb, not ب + a town
        core = norm_ar(word[p:])
        # "بإلزام", "بأسلوب": a hamza on the alef is no article (norm_ar folds إ into ا)
        bare = core[2:] if core.startswith("ال") and word[p : p + 1] not in "إأآ" else core
        # an ال-word is no verb, so الشميساني is not a verb with the object ني
        if bare in self.lex.first_names or not self._unknown_ok(bare, strict, verb_ok=core.startswith("ال")):
            return False
        return not (
            core in self.lex.frequent or core in self.stop or (len(bare) >= 5 and bare.endswith(("ات", "ين", "ون")))
        )

    def _second_place_word(self, text: str, toks: list[Token], k: int, used: list[bool]) -> int:
        """ "في باب توما", "من جبل الحسين": when the first word is a plain noun, the next unknown word completes it."""
        if k + 1 >= len(toks) or (used and used[k + 1]) or text[toks[k].end : toks[k + 1].start] != " ":
            return k
        if norm_ar(toks[k].text) not in self.lex.vocab:
            return k
        n = norm_ar(toks[k + 1].text)
        if n in self.stop or n in self.lex.frequent or toks[k + 1].text[:1] in "وفلب" or len(n) < 3:
            return k
        return k + 1

    def _places(self, text: str, toks: list[Token], used: list[bool]) -> list[Mention]:
        """Listed places (one or more words, behind a prefix or not), then streets and venues."""
        out = []
        for i in range(len(toks)):
            if used[i]:
                continue
            prev = self._adjacent_prev(text, toks, i)
            found = self._listed_place(text, toks, i, prev) or self._street(text, toks, i, prev, used)
            if found is None:
                numbered = self._numbered_street(text, toks, i, prev)
                if numbered is not None:
                    out.append(numbered)
                    used[i] = True
                continue
            first, last, prefix, street = found
            m = self._span(toks, first, last, prefix, "place")
            num = self._street_number(text, toks[last]) if street else None
            out.append(m if num is None else Mention(m.start, num, "place", m.key, m.priority))
            for x in range(first, last + 1):
                used[x] = True
        return out

    def _listed_place(self, text: str, toks: list[Token], i: int, prev: str) -> tuple[int, int, int, bool] | None:
        """ "بالرياض", "في أبو ظبي", "من الأردن": a listed town (or a country after من/في or a prefix)."""
        if self._not_a_place_form(text, toks, i):
            return None
        # "والصور على حساب المطعم": و joins a town to a town ("من الرياض والخبر"), it does not say where
        conj_only = toks[i].text[:1] in "وف" and not any(
            c in self.lex.places or c in self.lex.countries for _, c in self.analyses(prev or " ")
        )
        for p, core in self.analyses(toks[i].text):
            if p == 1 and conj_only and core in self.amb_places | {"ال" + x for x in self.amb_places}:
                continue
            k = self._multi_place_end(toks, i, core)
            if k is not None:
                return i, k, p, False
            # a prefix says where ("بجدة"), and و joins towns in a list ("من الرياض والخبر")
            # "ومن حائل": و on من still says where
            if self._is_listed_place(core, p > 0 or no_conj(prev) in self.lex.cue("place_before") or prev == "ومن"):
                # "في باب توما": a plain noun matching a listed town only by its article (الباب) may be the first
                # word of another place; an unknown word after it completes that one.
                listed = core in self.lex.places or core in self.lex.countries
                last = i if listed else self._second_place_word(text, toks, i, [])
                if self._adjacent_next(text, toks, last) == "العاصمه":
                    last += 1  # "الجزائر العاصمة", "الكويت العاصمة": the capital, named after its country
                return i, last, p, False
        return None

    def _not_a_place_form(self, text: str, toks: list[Token], i: int) -> bool:
        """ "فعلياً" (adverb), "وصور المكيف" (photos of), "أرسل لي بريده" (his email): forms a town never takes:
        the accusative ending ـاً, a town that is also a word before a definite noun, a noun + "his" written ه where
        the town ends in ة."""
        word = toks[i].text
        if word.endswith(("اً", "ًا")):
            return True
        n = norm_ar(word)
        nxt = self._adjacent_next(text, toks, i)
        cores = {c for _, c in self.analyses(word)}
        where = self._adjacent_prev(text, toks, i) in self.lex.cue("place_before")  # "في صيدا القديمة" is the town
        if cores & self.amb_places and nxt.startswith("ال") and not where and text[toks[i].end] == " ":
            return True
        return word.endswith("ه") and len(n) >= 4 and n[:-1] in self.lex.vocab

    def _multi_place_end(self, toks: list[Token], i: int, core: str) -> int | None:
        """ "أبو ظبي", "الدار البيضاء", "رام الله": the last token of a listed place of several words."""
        for parts in self.lex.multi_places.get(core, ()):
            k = i + len(parts) - 1
            if k < len(toks) and all(norm_ar(toks[i + x].text) == parts[x] for x in range(1, len(parts))):
                return k
        return None

    def _is_listed_place(self, core: str, where: bool) -> bool:
        """ "الرياض"/"رياض": a listed town; "أنا من الأردن": a country only where a place word or prefix says where
        someone is; a town that is also a word (صور "photos") likewise."""
        cands = {core, core[2:] if core.startswith("ال") else "ال" + core}
        hit = cands & self.lex.places
        if not hit and where:
            hit = cands & self.lex.countries
        if hit & self.amb_places and core.startswith("ال") and core not in hit:
            return False  # "بتماطل في الصور": the town صور has no article; with one it is the noun (the photos)
        return bool(hit) and (where or not hit & self.amb_places)

    def _street(
        self, text: str, toks: list[Token], i: int, prev: str, used: list[bool]
    ) -> tuple[int, int, int, bool] | None:
        """ "شارع التحلية", "حي النزهة الغربي", "طريق الملك فهد": the street word is part of the address."""
        sw = self._street_word(toks[i].text)
        if not sw or prev == "عن" or i + 1 >= len(toks) or used[i + 1]:
            return None
        n = sw[1]
        nxt = norm_ar(toks[i + 1].text)
        gap = text[toks[i].end : toks[i + 1].start]
        named = (nxt not in self.stop or nxt in _NAMED_AFTER) and not gap.strip() and n != "طريق"
        # "عند محطة الطالبية" is named; "محطة الباص", "محطة بنزين" are kinds of station
        named = named and not (n in _STATIONS and nxt in self.lex.vocab)
        after = toks[i + 2].text if i + 2 < len(toks) else ""
        if not (named or (n == "طريق" and not gap.strip() and self._road_name(toks[i + 1].text, after))):
            return None
        j = i + 1
        if j + 1 < len(toks) and not text[toks[j].end : toks[j + 1].start].strip():
            n2 = norm_ar(toks[j + 1].text)
            # "شارع النزهة الغربي", "طريق الملك فهد": a second ال-word, or a given name after a title-like word
            royal = norm_ar(toks[j].text) in _NAMED_AFTER
            if (n2 not in self.stop and n2.startswith("ال")) or (royal and n2 in self.lex.first_names):
                j += 1
        if n in _STATIONS:
            return i + 1, j, 0, True  # the station's name alone: "عند محطة [الطالبية]"
        return i, j, sw[0], True

    def _numbered_street(self, text: str, toks: list[Token], i: int, prev: str) -> Mention | None:
        """ "المحل بتاعهم في المعادي في شارع ٩ جنب الكافيه": a street word followed by its number is the address
        (only شارع, جادة, طريق: "برج 3" or "مبنى ٢" may count floors or buildings)."""
        sw = self._street_word(toks[i].text)
        if not sw or sw[1] not in _NUMBERED_STREETS or prev == "عن":
            return None
        num = re.match(r" ?[0-9٠-٩]{1,3}(?![0-9٠-٩/.,:٫])", text[toks[i].end :])
        if num is None:
            return None
        key = f"{sw[1]} {num.group().strip()}"
        return Mention(toks[i].start + sw[0], toks[i].end + num.end(), "place", key, P_NAME)

    def _street_word(self, word: str) -> tuple[int, str] | None:
        """ "شارع", "بحي", "وطريق": a street word, also a two-letter one (حي) behind a one-letter prefix."""
        streets = self.lex.cue("street_words")
        hit = next(((p, c) for p, c in self.analyses(word) if c in streets), None)
        if hit is None and len(word) == 3 and word[0] in "وفبل" and norm_ar(word[1:]) in streets:
            hit = (1, norm_ar(word[1:]))
        return hit

    def _road_name(self, word: str, after: str) -> bool:
        """ "طريق الملك فهد", "طريق خريص": after طريق a definite word or an unknown one names the road (not "طريق
        طويل", "طريق البريد": a frequent word there is the way, unless a given name follows it)."""
        n = norm_ar(word)
        if n.startswith("ال"):
            named_after = norm_ar(after) in self.lex.first_names
            return n not in self.lex.frequent or n.removeprefix("ال") in self.lex.places or named_after
        return self._unknown_ok(n, strict=True) and word[:1] not in "وفلب"

    @staticmethod
    def _street_number(text: str, last: Token) -> int | None:
        """ "شارع الجلاء، رقم 12": the house number after a street belongs to the address (its end offset)."""
        num = re.match(r"[\s،,]*(?:رقم\s*)?\d+", text[last.end :])
        return None if num is None else last.end + num.end()
