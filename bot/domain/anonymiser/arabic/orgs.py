"""Companies in Arabic text: after a kind word (شركة مدار), before a legal form (نماء القابضة), before an activity."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Mention
from ..textutil import Token
from .base import ArabicBase
from .words import (
    CLAUSE_BREAK,
    FUNCTION_SET,
    OFFICE_KINDS,
    ONLINE_KINDS,
    P_NAME,
    PRONOUNS,
    STRONG_PERSON_CUES,
    TRADE_ADJECTIVES,
    no_conj,
    norm_ar,
)

# Professions that head an office named after a person: "مكتب المحامي …", "عيادة الدكتور …".
_PROFESSIONS = frozenset({"المحامي", "المحاميه", "المحاسب", "المهندس", "المهندسه", "الدكتور", "الدكتوره", "الطبيب"})
# Prepositions with a pronoun that ل cannot govern: "لمعة" after a business word is a name, not ل + معه.
_NO_LAM_BEFORE = frozenset({"معه", "معها", "معهم", "عنده", "عندها", "عندهم", "منه", "منها", "عليه", "عليها"})


# "اسمه"/"اسمها": what a business is called follows.
# Institutions named by their country or town: الجامعة الأردنية, المحكمة الاقتصادية بطنطا.
_INSTITUTIONS = frozenset({"الجامعه", "المحكمه", "الكليه", "المستشفى", "الاكاديميه", "المعهد"})
# Verbs of working before لدى ("at", of an employer): عملت لدى, أشتغل لدى.
_WORK_VERBS = frozenset(
    norm_ar(w)
    for w in (
        *("عملت", "عمل", "أعمل", "اعمل", "يعمل", "تعمل", "نعمل", "اشتغلت", "اشتغل", "أشتغل", "بشتغل"),
        *("توظفت", "تدربت", "موظف", "موظفة"),
    )
)
_QUANTIFIERS = frozenset({"عده", "بعض", "كل", "اي", "احد", "كذا", "كم", "اكثر", "اغلب", "معظم", "جميع"})
_NAME_IS = frozenset({"اسمه", "اسمها", "واسمه", "واسمها"})
# Businesses people own and name that are not company kinds of their own: "مشروع", "مزرعة", "جروب".
_OWNED_BUSINESSES = frozenset({"مشروع", "مشروعه", "مزرعه", "جروب", "قروب", "كافيه", "صالون", "ورشه", "مصنع"})


# Negations that open a clause after a company's name when و is glued to them.
_NEGATIONS = frozenset({"ما", "لا", "لم", "لن", "مش", "مو"})


class OrgRules(ArabicBase):
    """Company rules, each a method with its example as the docstring."""

    def _orgs(self, text: str, toks: list[Token], used: list[bool]) -> list[Mention]:
        """Companies, in three passes: after a kind word, before a legal form, before a لل-activity word."""
        out = self._orgs_by_institution(text, toks, used)
        out += self._employer_after_lada(text, toks, used)
        out += self._orgs_after_kind_word(text, toks, used)
        out += self._quoted_after_name_cue(text, toks, used)
        out += self._orgs_named_after_business(text, toks, used)
        out += self._orgs_before_legal_form(text, toks, used)
        out += self._orgs_before_brand_tail(text, toks, used)
        return out + self._orgs_before_activity(text, toks, used)

    def _orgs_by_institution(self, text: str, toks: list[Token], used: list[bool]) -> list[Mention]:
        """ "خريج الجامعة الأردنية", "قضت المحكمة الاقتصادية بطنطا": a definite institution named by the country or
        town it belongs to (a nisba), or a court by its kind and the town it sits in (ب + a listed town)."""
        out = []
        for i in range(len(toks) - 1):
            hit = next(((p, c) for p, c in self.analyses(toks[i].text) if p <= 1 and c in _INSTITUTIONS), None)
            if hit is None or used[i] or used[i + 1] or text[toks[i].end : toks[i + 1].start] != " ":
                continue
            n = norm_ar(toks[i + 1].text)
            if not n.startswith("ال") or len(n) < 6:
                continue
            nisba = n[2:] in self.nisbas
            court = hit[1] == "المحكمه" and n.endswith("يه") and self._town_with_ba(text, toks, i + 2)
            if nisba or court:
                out.append(self._span(toks, i, i + 1, hit[0], "org"))
                used[i] = used[i + 1] = True
        return out

    def _town_with_ba(self, text: str, toks: list[Token], k: int) -> bool:
        """ "بطنطا", "بـالزرقاء": the next word (after a space) is ب + a listed town."""
        if k >= len(toks) or text[toks[k - 1].end : toks[k].start] != " ":
            return False
        places = self.lex.places
        return any(p >= 1 and (c in places or "ال" + c in places) for p, c in self.analyses(toks[k].text))

    def _employer_after_lada(self, text: str, toks: list[Token], used: list[bool]) -> list[Mention]:
        """ "عملت سابقاً لدى أمنية لمدة أربع سنوات", "أعمل لدى رواسي": after a verb of working and لدى, the next
        name words are the employer (a kind word there is read by the kind rules; a role or a pronoun is no name)."""
        out = []
        for i, tok in enumerate(toks[:-1]):
            if used[i] or norm_ar(tok.text) != "لدى" or used[i + 1] or text[tok.end : toks[i + 1].start] != " ":
                continue
            before = [no_conj(norm_ar(t.text)) for t in toks[max(0, i - 2) : i]]
            if not any(w in _WORK_VERBS for w in before):
                continue
            n = norm_ar(toks[i + 1].text)
            kind = {c for _, c in self._kind_readings(toks[i + 1].text)} & self.kinds
            if kind or n in self.stop or n in self.name_cues or self._kin(n) or n.startswith("ال"):
                continue
            if len(n) < 3 or n.endswith(("ات", "ين", "ون")) or n in _QUANTIFIERS:
                continue  # "لدى جهات", "لدى عدة شركات": plurals and counts say what kind, not which one
            nxt = self._adjacent_next(text, toks, i + 1)
            if nxt.endswith(("ي", "يه")) and self._known_adjective(nxt):
                continue  # "عملت لدى مكاتب هندسية": a noun and its adjective describe the employer
            # "عملت سابقاً لدى أمنية لمدة": a word of the vocabulary (أمنية "a wish") names the employer here
            j = max(self._org_name_end(text, toks, i, used)[0], i + 1)
            out.append(self._span(toks, i + 1, j, 0, "org"))
            for x in range(i + 1, j + 1):
                used[x] = True
        return out

    def _orgs_after_kind_word(self, text: str, toks: list[Token], used: list[bool]) -> list[Mention]:
        """ "شركة مدار", "مطعم زيتون وزعتر", "متجر «ورد»": the words after a kind of business name it."""
        out = []
        kinds = self.kinds
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
            start = i + 1 if self._kin_after_kind(text, toks, i, used) else i
            j, count = self._org_name_end(text, toks, start, used)
            if start > i and (count <= 0 or self._participle_after_kin(toks[start + 1].text)):
                continue
            # "مكتب عقارات", "براند ملابس صغيرة": what the business does (and how) is not a name ("لمسة ورد" is one).
            if self._only_trade_words(toks, start + 1, j):
                j, count = i, 0
            if count <= 0:
                named = self._named_after_kind(text, toks, i, used)
                if named is not None:
                    out.append(named)
                continue
            # "شركة النيل للتشطيبات", "مخبزة النخلة": the kind word goes with the name (the placeholder says the kind);
            # the key leaves it out for the outside kinds, so "النيل" alone later is the same company.
            if kind in self.org_in or self._kind_is_part_of_name(text, toks, i):
                m = self._span(toks, i, j, p, "org")
                out.append(Mention(m.start, m.end, "org", self._span(toks, i + 1, j, 0, "org").key, m.priority))
            else:
                out.append(self._span(toks, start + 1, j, 0, "org"))
            for k in range(i, j + 1):
                used[k] = True
        return out

    def _participle_after_kin(self, word: str) -> bool:
        """ "كان مطعم ابنه مسكّر": a word of the participle shape (م…) after "his son's restaurant" says how it is."""
        n = norm_ar(word)
        return n[:1] == "م" and len(n) >= 4 and n not in self.lex.first_names

    def _kin_after_kind(self, text: str, toks: list[Token], i: int, used: list[bool]) -> bool:
        """ "صوّر مطعم ابنه بيت جدّي", "منيو لمطعم أخوه سفرة ستي": a family word with its owner between the business
        word and the name says whose it is; the name follows it."""
        k = i + 1
        if k + 1 >= len(toks) or used[k] or used[k + 1] or text[toks[i].end : toks[k].start] != " ":
            return False
        n = norm_ar(toks[k].text)
        owned = n.endswith(("ه", "ها", "هم", "ي")) and (n in self.kin or self._kin(n))
        return owned and text[toks[k].end : toks[k + 1].start] == " "

    def latin_after_kind(self, text: str, toks: list[Token], latin: Sequence[Mention]) -> list[Mention]:
        """ "اشتغلت مع شركة Brightleaf", "مطعم Zaytouna Grill": a Latin name right after an Arabic business word is
        the business (the cased finder, reading it alone, takes it for a person); returned as an org that outranks
        the person reading of the same span."""
        out = []
        for m in latin:
            if m.type != "person":
                continue
            before = [t for t in toks if t.end <= m.start]
            if not before or text[before[-1].end : m.start].strip(" \u00a0ـ"):
                continue
            if {c for _, c in self._kind_readings(before[-1].text)} & self.kinds:
                out.append(Mention(m.start, m.end, "org", m.key, m.priority + 1))
        return out

    def _kind_is_part_of_name(self, text: str, toks: list[Token], i: int) -> bool:
        """ "اسمه مخبزة النخلة", "اسمها بوتيك لمسة": after اسمه the kind word is part of the name as written; the
        key leaves it out, so "النخلة" alone later is the same business."""
        return i > 0 and no_conj(self._adjacent_prev(text, toks, i)) in STRONG_PERSON_CUES

    def _only_trade_words(self, toks: list[Token], first: int, last: int) -> bool:
        """ "مكتب عقارات", "براند ملابس صغيرة", "مؤسسة مقاولات": a trade word, then only adjectives."""
        if first > last or norm_ar(toks[first].text) not in self.business:
            return False
        rest = [norm_ar(toks[x].text) for x in range(first + 1, last + 1)]
        # "عطور الشرق", "حلويات نور" are names: only a size, an age or a feminine/nisba adjective describes
        return all(n in self.business or n in TRADE_ADJECTIVES or self._feminine_adjective(n) for n in rest)

    def _feminine_adjective(self, n: str) -> bool:
        """ "صغيرة", "نسائية": an indefinite adjective agreeing with a feminine noun (صغير + ة), never a name."""
        return not n.startswith("ال") and n.endswith("ه") and n[:-1] in self.lex.vocab and len(n) >= 4

    def _quoted_after_name_cue(self, text: str, toks: list[Token], used: list[bool]) -> list[Mention]:
        """ "شركة ناشئة اسمها «دروب»", "مؤسسة صغيرة اسمها «درب النجاح»": a quoted name after اسمها is the business
        the clause is about (a person is a listed first name, and people's names are seldom quoted)."""
        out = []
        kinds = self.kinds
        for i, tok in enumerate(toks):
            if used[i] or no_conj(norm_ar(tok.text)) not in STRONG_PERSON_CUES | {"باسم"}:
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
                if norm_ar(toks[j].text) in self.activities:
                    end = self._activity_tail(text, toks, j, used)
                    j, count = end, count + end - j
                break
        return j, count

    def _org_word(self, text: str, toks: list[Token], k: int, count: int) -> str:
        """Whether word k continues a company name ("more"), closes it ("last") or is past its end ("end").

        count is how many name words came before it; each stop rule below is one predicate with its example.
        """
        if count and norm_ar(toks[k].text) in self.brand_tails:
            return "last"  # "سوبرماركت بركة ماركت": a brand tail closes the name
        if self._org_activity_closes(toks[k].text):
            return "last" if count else "end"  # "مدار للتسويق"; "معرض للتصميم" is an exhibition, no name
        if self._org_and_noun_closes(text, toks, k, count):
            return "last"
        ends = (
            self._org_word_is_break,
            self._org_preposition_ends,
            self._org_adjective_then_preposition,
            self._org_adjective_first,
            self._org_person_cue_ends,
            self._org_person_after_kind,
            self._org_no_name_start,
            self._org_place_ends,
            self._org_trade_first,
        )
        return "end" if any(rule(text, toks, k, count) for rule in ends) else "more"

    def _org_activity_closes(self, word: str) -> bool:
        """ "مدار للتسويق": a لل-activity word is the last word of the name."""
        return norm_ar(word) in self.activities

    def _org_and_noun_closes(self, text: str, toks: list[Token], k: int, count: int) -> bool:
        """ "مطعم زيتون وزعتر": a second noun joined by و closes the name."""
        return toks[k].text[:1] == "و" and 1 <= count < 3 and self._and_ends_name(text, toks, k)

    def _org_word_is_break(self, text: str, toks: list[Token], k: int, count: int) -> bool:
        """ "شركة مدار في", "شركة مدار وشركة", "رواسي الخليج ذ.م.م": three words already, a function word, another
        business word, a word joined by و/ف after the name started (not ورد: a 2-letter core is no conjunction), or a
        letter of an abbreviation."""
        word, n = toks[k].text, norm_ar(toks[k].text)
        # a و-word after a name word, or و on a function word right after the kind word ("لجمعيته وكل ما");
        # not ورد or وان ("بيكسل وان"), which are names
        conj = word[:1] in "وف" and ((len(n) > 3 and count) or (not count and n[1:] in FUNCTION_SET))
        conj = conj or (word[:1] in "وف" and n[1:] in PRONOUNS)  # "مؤسسة مقاولات فهو"
        # "ركن الضيافة وما دفع": و on a negation opens the next clause (not وان, "one" in "بيكسل وان")
        conj = conj or (bool(count) and word[:1] in "وف" and n[1:] in _NEGATIONS)
        if count >= 3 or n in self.core_stop or conj or len(n) < 2:
            return True
        if count and n in self.lex.cue("not_number_after"):
            return True  # "شركة الجوري للتشطيبات سنة كاملة": a span of time after the name
        if count and n in self.stop and self._verbish(n):
            return True  # "مكتب العمل قالوا": a verb after the name
        if count and len(n) >= 4 and n[0] in "يت" and self._verbish(n) and n not in self.lex.first_names:
            return True  # "اسمها سريع إكسبرس توصل": a present-tense verb after the name
        if n.endswith("ت") and len(n) >= 4 and n[:-1] in self.lex.vocab and n not in self.lex.vocab:
            return True  # "ستوديو قبضت": a past verb (قبض + ت) where a name would go on
        if count and n.endswith("يا") and n[:-1] in self.lex.vocab and len(n) >= 5:
            return True  # "شركة جوال الغنية ماليا": an adverb of an adjective (مالي -> ماليا) ends the name
        kinds = {c for _, c in self._kind_readings(word)} & self.kinds
        if not count and word[:1] not in "وفلب" and kinds and kinds <= self.org_in and k + 1 < len(toks):
            return False  # "عن مكتب دار الوسيط العقارية": دار opens the name of the office
        return bool(kinds)

    def _org_preposition_ends(self, text: str, toks: list[Token], k: int, count: int) -> bool:
        """ "متجر كامل لنجود", "بلاط الشهباء بالسويداء": a preposition glued to a later word ends the name."""
        word = toks[k].text
        return bool(count) and word[:1] in "لب" and len(word) > 3 and not norm_ar(word).startswith("لل")

    def _org_adjective_then_preposition(self, text: str, toks: list[Token], k: int, count: int) -> bool:
        """ "متجر كامل لنجود": a common word right after the business word, then a preposition, describes it."""
        n = norm_ar(toks[k].text)
        first = count == 0 and not n.startswith("ال") and n in self.lex.frequent
        return first and self._adjective_after_kind(text, toks, k)

    def _org_adjective_first(self, text: str, toks: list[Token], k: int, count: int) -> bool:
        """ "شركة جديدة": an adjective, not a name (nouns like الفجر, الأمل still can be)."""
        n = norm_ar(toks[k].text)
        bare = n.removeprefix("ال")
        if count == 0 and (bare in self.nisbas or (bare.endswith("ى") and bare[:-1] + "ي" in self.nisbas)):
            return True  # "شركة سعودية", "مطعم الصينى": where the company is from
        return count == 0 and n in self.stop and n not in self.lex.common - self.core_stop - self.extra

    def _org_person_cue_ends(self, text: str, toks: list[Token], k: int, count: int) -> bool:
        """ "شركة مدار اسمها": اسمه/اسمها after a name word starts a new phrase."""
        return bool(count) and norm_ar(toks[k].text) in STRONG_PERSON_CUES

    def _org_person_after_kind(self, text: str, toks: list[Token], k: int, count: int) -> bool:
        """ "مكتب المحامي ضرغام الشوابكة", "عيادة الدكتورة سهى": a role or title after the business word: the name
        that follows is a person's (the person rules read it), not the business's."""
        n = norm_ar(toks[k].text)
        return count == 0 and (n in self.name_cues or n in self.lex.cue("titles") or n in _PROFESSIONS)

    def _org_no_name_start(self, text: str, toks: list[Token], k: int, count: int) -> bool:
        """ "موقع إخباري", "متجر بسعر رمزي": no name can start right after the business word here."""
        return count == 0 and self._not_a_name_start(toks[k].text, toks[k - 1].text)

    def _org_place_ends(self, text: str, toks: list[Token], k: int, count: int) -> bool:
        """ "شركة نور الرياض": a listed town after the name stays out of it."""
        places = self.lex.places
        return bool(count) and any(c in places or "ال" + c in places for _, c in self.analyses(toks[k].text))

    def _org_trade_first(self, text: str, toks: list[Token], k: int, count: int) -> bool:
        """ "لمحل الموبايلات بتاعه", "محل العسل حقه": the trade with ال right after the business word says what the shop
        sells ("the phone shop"); its name, if any, comes after."""
        n = norm_ar(toks[k].text)
        return count == 0 and n.startswith("ال") and n[2:] in self.business

    def _not_a_name_start(self, word: str, kind: str) -> bool:
        """ "موقع إخباري", "متجر بسعر رمزي", "مطعمه وبعد": an adjective, a prepositional phrase or a new clause
        right after the business word, where a name would stand."""
        n = norm_ar(word)
        # (not …وه: قهوة and زهوة end so once ة is normalised)
        if n.endswith(("وا", "تني", "تلي")) and len(n) >= 4 and n not in self.lex.first_names:
            return True  # "مكتبهم قالوا": a verb with a plural or object ending where a name would stand
        described = {c for _, c in self._kind_readings(kind)} & (ONLINE_KINDS | OFFICE_KINDS)
        if described and not n.startswith("ال") and n.endswith(("ي", "يه")) and self._known_adjective(n):
            return True  # موقع إخباري, متجر إلكتروني, مكتب هندسي, شركة عقارية (but "مطعمها بحري" is a name)
        if word[:1] in "وبل" and len(n) > 3:  # not ف: "شركة فنار" is a name, ف is no conjunction after a noun
            core = n[1:]
            if word[:1] == "ل" and core in _NO_LAM_BEFORE:
                return False  # "لمغسلته لمعة": ل never stands before معه/عنده, so the word is whole
            return core in self.core_stop or core in self.lex.frequent
        return False

    def _known_adjective(self, n: str) -> bool:
        """ "إخباري", "هندسي", "عقارية": an adjective in the vocabulary, or one made from a noun in it (هندسة)."""
        base = n.removesuffix("يه") if n.endswith("يه") else n.removesuffix("ي")
        return n in self.lex.vocab or base in self.lex.vocab or base + "ه" in self.lex.vocab

    def _named_after_kind(self, text: str, toks: list[Token], i: int, used: list[bool]) -> Mention | None:
        """ "براند هدوم اسمه ستايلو": with no name right after the kind word, the name comes after اسمه."""
        k = i + 1
        # "شركة شحن اسمها", "شركة صغيرة اسمها": trade words and adjectives may stand between the kind and اسمها
        while k < len(toks) and k - i <= 3 and self._describes_kind(norm_ar(toks[k].text)):
            k += 1
        named = k + 1 < len(toks) and norm_ar(toks[k].text) in STRONG_PERSON_CUES and not used[k + 1]
        # "شركة اسمها Tawazun Labs مقرها": a Latin name in between is read elsewhere; the next Arabic word is not it.
        named = named and not text[toks[k].end : toks[k + 1].start].strip()
        if not named or norm_ar(toks[k + 1].text) in self.stop:
            return None
        # "شركة اسمها نبض الرقمية", "اسمها لمسة ذهب": the name runs on as after a kind word (up to three words)
        j = max(self._org_name_end(text, toks, k, used)[0], k + 1)
        for x in range(k, j + 1):
            used[x] = True
        return self._span(toks, k + 1, j, 0, "org")

    def _orgs_named_after_business(self, text: str, toks: list[Token], used: list[bool]) -> list[Mention]:
        """ "المحل اسمه البدري للأدوات الكهربائية", "مشروع حلويات بيتي اسمه ورد ولوز", "لمحل أدوات في الحي اسمه دار
        الزين": اسمه/اسمها a few words after a business word in the same clause names the business (not its owner:
        "صاحب المحل اسمه خالد" is a person)."""
        out = []
        for i, tok in enumerate(toks):
            if used[i] or i + 1 >= len(toks) or used[i + 1] or norm_ar(tok.text) not in _NAME_IS:
                continue
            if text[tok.end : toks[i + 1].start].strip() or norm_ar(toks[i + 1].text) in self.stop:
                continue
            if not self._business_before(text, toks, i):
                continue
            j = max(self._org_name_end(text, toks, i, used)[0], i + 1)
            j = self._legal_tail(text, toks, self._activity_tail(text, toks, j, used), used)
            out.append(self._span(toks, i + 1, j, 0, "org"))
            for x in range(i, j + 1):
                used[x] = True
        return out

    def _business_before(self, text: str, toks: list[Token], i: int) -> bool:
        """ "لمحل أدوات منزلية في الحي اسمه": a business word at most six words before اسمه, no clause break between,
        and no owner or kin word right before it ("صاحب المحل اسمه" names the owner)."""
        for k in range(i - 1, max(-1, i - 7), -1):
            if any(c in CLAUSE_BREAK for c in text[toks[k].end : toks[k + 1].start]):
                return False
            readings = {c for _, c in self._kind_readings(toks[k].text)}
            readings |= {c.removeprefix("ال") for c in readings}
            if readings & (self.kinds | _OWNED_BUSINESSES):
                owner = k > 0 and {c for _, c in self.analyses(toks[k - 1].text)} & (
                    self.lex.cue("role_words") | self.kin
                )
                return not owner
        return False

    def _legal_tail(self, text: str, toks: list[Token], j: int, used: list[bool]) -> int:
        """ "المكتب اسمه العطار ومشاركوه": a legal form right after the name (وشركاه, ومشاركوه) is part of it."""
        nxt = j + 1 < len(toks) and not used[j + 1] and text[toks[j].end : toks[j + 1].start] == " "
        return j + 1 if nxt and (norm_ar(toks[j + 1].text) in self.legal or toks[j + 1].text in self.legal) else j

    def _activity_tail(self, text: str, toks: list[Token], j: int, used: list[bool]) -> int:
        """ "الريحان للطباعة والتغليف", "البدري للأدوات الكهربائية": after a لل-word, a و-joined second activity and an
        ال-adjective belong to the name; returns the new last token."""
        if not norm_ar(toks[j].text).startswith("لل"):
            return j
        for _ in range(2):
            if j + 1 >= len(toks) or used[j + 1] or text[toks[j].end : toks[j + 1].start] != " ":
                break
            n = norm_ar(toks[j + 1].text)
            conj = n.startswith("وال") and len(n) >= 6 and n[1:] not in self.core_stop
            adjective = n.startswith("ال") and n.endswith(("ه", "ي")) and len(n) >= 6 and n not in self.core_stop
            if not (conj or adjective) or n.removeprefix("و") in self.lex.places:
                break
            if {c for _, c in self._kind_readings(n)} & self.kinds:
                break
            j += 1
        return j

    def _describes_kind(self, n: str) -> bool:
        """ "شحن", "صغيرة", "ناشئة": a trade word or an adjective between a business word and its name."""
        if n in STRONG_PERSON_CUES:
            return False  # اسمه is اسم + ه, not an adjective
        return n in self.business or n in TRADE_ADJECTIVES or self._feminine_adjective(n)

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

    def _orgs_before_brand_tail(self, text: str, toks: list[Token], used: list[bool]) -> list[Mention]:
        """ "ميديكا بلس", "سريع إكسبرس", "آيرون زون", "الفارس جروب": a word before an English brand tail written in
        Arabic letters (بلس, إكسبرس, زون, جروب, ماركت) is a business name, whatever the word."""
        out = []
        for i, tok in enumerate(toks):
            if used[i] or i == 0 or used[i - 1] or norm_ar(tok.text) not in self.brand_tails:
                continue
            if text[toks[i - 1].end : tok.start] != " ":
                continue
            n = norm_ar(toks[i - 1].text)
            if n in self.core_stop or n in self.stop or len(n) < 2 or (toks[i - 1].text[:1] in "وف" and len(n) > 3):
                continue  # "من بلس", "وماركت": a function word or a conjunction is no name
            if n.startswith("ال") and n in self.lex.vocab:
                continue  # "السوشيال ميديا": a definite everyday word before the loanword
            if {c for _, c in self._kind_readings(toks[i - 1].text)} & self.kinds:
                continue  # "سوبرماركت ماركت" is no name; the kind rule reads "محل X ستور"
            out.append(self._span(toks, i - 1, i, 0, "org"))
            used[i - 1] = used[i] = True
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
            if {c for _, c in self._kind_readings(toks[i - 1].text)} & self.kinds:
                continue  # "في معرض للتصميم": a design fair, the kind word is no name
            end = self._activity_tail(text, toks, i, used)
            out.append(self._span(toks, i - 1, end, 0, "org"))
            for x in range(i - 1, end + 1):
                used[x] = True
        return out

    def _adjective_after_kind(self, text: str, toks: list[Token], k: int) -> bool:
        """A frequent word after a business word, not followed by the rest of a name (ال-word or و-word)."""
        if re.match(r" [لب]ـ? ?[A-Za-z]", text[toks[k].end : toks[k].end + 5]):
            return True  # "متجر كامل لـLumora": the preposition is glued to a Latin name
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
        return any(c in CLAUSE_BREAK for c in gap) or nxt[:1] in "وف" or nxt in self.core_stop
