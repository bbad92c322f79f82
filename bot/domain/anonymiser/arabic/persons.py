"""Persons in Arabic text: start rules tried at each word, then names joined by و and names confirmed elsewhere."""

from __future__ import annotations

import re

from ..model import Mention
from ..textutil import Token
from .cues import PersonCues
from .introductions import IntroRules
from .names import NameRuns
from .words import NOUN_CONTEXT, STRONG_PERSON_CUES, Found, is_tatweel_prefixed, is_trade_family, no_conj, norm_ar

# After the Egyptian "wasn't" a name that is also an adjective is the adjective: "مكانش شريف خالص". (Not after
# "مش" — "منى مش شريف" sets two people apart — nor كان/صارت: "صارت منى ترسل" has Mona as its subject.)
# "اسمه الكامل", "اسمها الحقيقي", "اسمه المستخدم": words between اسمه and the name that belong to the cue.
_NAME_ADJECTIVES = frozenset({"الكامل", "الحقيقي", "المستعار", "الثلاثي", "الرباعي", "المستخدم"})
_COPULAS = frozenset({"مكانش", "ماكانش", "مكنش", "مكانتش", "ماكانتش"})


class PersonRules(NameRuns, PersonCues, IntroRules):
    """Person start rules, each a method with its example as the docstring."""

    def _persons(self, text: str, toks: list[Token], used: list[bool]) -> list[Mention]:
        """Persons: at each word the start rules below are tried in order; the first that fits gives the span."""
        rules = (
            self._after_title_or_cue,
            self._heading_speaker,
            self._credit_line,
            self._initials_after_cue,
            self._self_named_with_kin,
            self._list_item_name,
            self._quoted_after_cue,
            self._after_message_from,
            self._kunya,
            self._nasab,
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

    def _after_title_or_cue(self, text: str, toks: list[Token], i: int, used: list[bool]) -> Found:
        """ "الدكتور نبيل حداد", "العميل هتان": after a title or a strong cue the next word is a name, listed or not."""
        tok, n = toks[i], norm_ar(toks[i].text)
        readings = [c for p, c in self.analyses(tok.text) if p <= 1]
        title = any(c in self.lex.cue("titles") for c in readings) and (
            n not in {"د", "م", "ا"} or text[tok.end : tok.end + 1] == "."
        )
        title = title or self._abbreviated_title(text, tok)  # "م. هبة", "أ. حازم" (the list holds "م." with its dot)
        # "اسمه الكامل فيصل بن سعيد": the adjective of the name (full, real) carries the cue to the next word
        full = n in _NAME_ADJECTIVES and i > 0 and no_conj(norm_ar(toks[i - 1].text)) in STRONG_PERSON_CUES
        if not (title or n in STRONG_PERSON_CUES or full) or i + 1 >= len(toks) or used[i + 1]:
            return None
        if norm_ar(toks[i + 1].text) in STRONG_PERSON_CUES | _NAME_ADJECTIVES:
            return None
        if not title and self._abbreviated_title(text, toks[i + 1]):
            return None  # "يقدم نفسه باسم أ. حازم": the title after باسم introduces the name
        gap = text[tok.end : toks[i + 1].start]
        if re.search(r"[A-Za-z0-9(]", gap):
            # "اسمها Tawazun Labs مقرها": the Latin name is read by the cased finder, not the next word;
            # "تسمى (فخارة عظم)": a bracketed name after يسمى is a thing's
            return None
        readings = {c for _, c in self.analyses(toks[i + 1].text)}
        # "اسمه سعيد", "باسم سعيد منصور": a listed given name after a strong cue is the name even when it is a word
        named = (n in STRONG_PERSON_CUES or full) and norm_ar(toks[i + 1].text) in self.lex.first_names
        # "تعاملت مع م. هبة", "باسم أ. حازم": after an abbreviated title with its dot, a listed given name is the name
        # even when it is a word (هبة "gift")
        named = named or (title and n in {"د", "م", "ا"} and norm_ar(toks[i + 1].text) in self.lex.first_names)
        if n == "باسم" and not named and norm_ar(toks[i + 1].text) in self.lex.vocab:
            return None  # "باسم مستخدم", "باسم الشركة": in the name of a thing, not of a person
        if (readings & self.stop and not named) or "\n" in gap or any(c in "،,:;" for c in gap):
            return None
        if title and self._job_after_bare_title(tok.text, toks[i + 1].text):
            return None
        j = self._name_run_end(text, toks, i + 1, used, after_cue=True)
        if j == i + 1 and title and j + 1 < len(toks) and not used[j + 1]:
            # "الدكتور نبيل حداد": after a title, a second unlisted word is the family name.
            n2 = norm_ar(toks[j + 1].text)
            g2 = text[toks[j].end : toks[j + 1].start]
            ok = not g2.strip() and n2 not in self.stop and n2 not in self.lex.places
            # "الحاجة فتحية أخدت": a past verb (…ت) or a verb shape after the name is no family name
            ok = ok and not self._verbish(n2) and not (n2.endswith("ت") and not n2.endswith("ات"))
            ok = ok and n2 not in self.kin and not self._kin(n2)  # "الحاجة فتحية جارة ستي": her neighbour
            if ok and toks[j + 1].text[:1] not in "وف":
                j += 1
        return i + 1, j, 0

    @staticmethod
    def _abbreviated_title(text: str, tok: Token) -> bool:
        """ "أ.", "د.", "م.": one letter of a title and its dot (not a letter of "ذ.م.م", which follows a dot)."""
        dotted = text[tok.end : tok.end + 1] == "." and text[max(0, tok.start - 1) : tok.start] != "."
        return dotted and norm_ar(tok.text) in {"د", "م", "ا"}

    def _job_after_bare_title(self, title: str, word: str) -> bool:
        """ "أنا منيرة، مهندسة معمارية مستقلة", "أول مرة أتعامل مع مهندس يسلّم في موعده": after a title without ال
        or a dot, a word of the vocabulary (not a listed given name) or a verb says what the person is or does."""
        t = norm_ar(title)
        if t.startswith(("ال", "وال")) or len(t) <= 2:
            return False
        n = norm_ar(word)
        return n not in self.lex.first_names and (n in self.lex.vocab or self._verbish(n))

    def _kunya(self, text: str, toks: list[Token], i: int, used: list[bool]) -> Found:
        """ "أبو سمير", "أم فيصل", "كفيلي بو ناصر": the whole kunya is the name (after أبو/أم no verb can stand; بو is
        the Gulf spelling of أبو)."""
        tok = toks[i]
        prefix = next((p for p, c in self.analyses(tok.text) if c in {"ابو", "ام", "بو"}), None)
        if prefix is None or i + 1 >= len(toks) or used[i + 1] or text[tok.end : toks[i + 1].start].strip():
            return None
        prev = no_conj(self._adjacent_prev(text, toks, i))
        nxt_core = norm_ar(toks[i + 1].text)
        bare = nxt_core.removeprefix("ال")
        if (
            nxt_core in self.lex.first_names
            or (nxt_core.startswith("ال") and (bare in self.lex.first_names or bare == "عبد"))  # أبو العبد, أبو الوليد
            or prev in self.lex.cue("person_before") | self.name_cues
            or self._kin(prev)
            or self._unknown_ok(nxt_core, verb_ok=True)
        ):
            return i, self._name_run_end(text, toks, i + 1, used), prefix
        return None

    def _nasab(self, text: str, toks: list[Token], i: int, used: list[bool]) -> Found:
        """ "سلطان بن فهيد", "لعمر بن سليم": a word, بن and another word are one name (بن alone is no word here)."""
        if i + 2 >= len(toks) or used[i + 1] or used[i + 2] or norm_ar(toks[i + 1].text) != "بن":
            return None
        if text[toks[i].end : toks[i + 1].start] != " " or text[toks[i + 1].end : toks[i + 2].start] != " ":
            return None
        listed = next(((p, c) for p, c in self.analyses(toks[i].text) if c in self.lex.first_names), None)
        prefix, n = listed or (0, norm_ar(toks[i].text))
        father = norm_ar(toks[i + 2].text)
        if n in self.core_stop or len(n) < 3 or n.startswith("ال") or (listed is None and n in self.lex.vocab):
            return None  # "كيس بن برازيلي": بن is also coffee after a plain noun
        if father in self.stop or len(father) < 3 or father in self.lex.frequent or father in self.nisbas:
            return None
        return i, self._name_run_end(text, toks, i, used), prefix

    def _after_kin(self, text: str, toks: list[Token], i: int, used: list[bool]) -> Found:
        """ "أختها ريم", "زوجته سلوى", "ولده فهد", "لبنته لمى": after a family word with a possessive ending comes a
        name, listed or not."""
        n = norm_ar(toks[i].text)
        prev = self._adjacent_prev(text, toks, i)
        # "ومراته هبة" (و on the family word), "ولده" (whose و is its own), "لبنته" (ل: "told his daughter")
        kin = self._kin(prev) or self._kin(no_conj(prev)) or (prev[:1] in "لب" and self._kin(prev[1:]))
        if (
            kin
            and (n not in self.stop or self._name_after_kin(text, toks, i))
            and (not n.startswith("ال") or n[2:] in self.lex.first_names)  # "زوجها الطاهر": a name with ال
            and len(n) >= 3
            and not self._conjoined_word(n)
            and not self._participle_of_known_verb(n)  # "وجوزها عامل نفسه": what he does, not who
            and not (self._verbish(n) and n not in self.lex.first_names)  # "ابن خالتي ينصحني": a verb follows
        ):
            return i, self._name_run_end(text, toks, i, used), 0
        return None

    def _name_after_kin(self, text: str, toks: list[Token], i: int) -> bool:
        """ "مراته منى", "ومراته هبة هي": after a family word, a given name that is also a word is the name, unless
        an adverb shows it is an adjective ("صديقي سعيد جدا")."""
        n = norm_ar(toks[i].text)
        nxt = self._adjacent_next(text, toks, i)
        return (
            n in self.lex.first_names and n not in self.core_stop and nxt not in NOUN_CONTEXT | {"جدا", "اوي", "كتير"}
        )

    def _after_contact_cue(self, text: str, toks: list[Token], i: int, used: list[bool]) -> Found:
        """ "كلمت مؤنس", "اتصلت بجسار": a name no list knows, found by the verb or cue before it."""
        if norm_ar(toks[i].text) in self.stop:
            return None
        cued = self._cued_name(text, toks, i, used)
        if cued is None or any(c in self.lex.first_names for _, c in self.analyses(toks[i].text)):
            return None
        if cued[0] and norm_ar(toks[i].text) in self.lex.frequent:
            return None  # "قال لازم يعرضه": a frequent word whole (لازم "must"), not ل + a name
        return i, self._name_run_end(text, toks, i, used, after_cue=not cued[1].endswith(" ")), cued[0]

    def _listed_first_name(self, text: str, toks: list[Token], i: int, used: list[bool]) -> Found:
        """ "ومع سارة", "لخالد": a listed first name, behind a prefix or not; one that is also a word needs context."""
        prev = self._adjacent_prev(text, toks, i)
        if self._bism_before_name(text, toks, i) or self._counted_after_number(text, toks[i]):
            return None
        for p, core in self.analyses(toks[i].text):
            if core not in self.lex.first_names:
                continue
            if core in self.lex.ambiguous or (core in self.stop and core not in self.lex.first_names):
                if (p == 0 and self._ambiguous_is_name(text, toks, i, prev)) or is_tatweel_prefixed(toks[i].text, p):
                    return i, self._name_run_end(text, toks, i, used, after_cue=True), p
                continue
            # "قال المستقل حسام الدين عبيد": after a role or title the name may run on to a family name that is a word
            cued = (
                no_conj(prev) in self.name_cues
                or prev in self.lex.cue("titles")
                or self._role_object_before(text, toks, i)
            )
            return i, self._name_run_end(text, toks, i, used, after_cue=cued), p
        return None

    @staticmethod
    def _counted_after_number(text: str, tok: Token) -> bool:
        """ "صار الحساب ٢٨ حصة", "٣ سعود": a word right after a number is what is counted, not a name."""
        return bool(re.search(r"[0-9٠-٩] ?$", text[max(0, tok.start - 3) : tok.start]))

    def _bism_before_name(self, text: str, toks: list[Token], i: int) -> bool:
        """ "منزّل على المتجر باسم أخوه مشعل", "شيك باسم سعيد": باسم before a name or a family word is "in the name
        of", not the given name Basim."""
        if norm_ar(toks[i].text) != "باسم":
            return False
        nxt = self._adjacent_next(text, toks, i)
        return bool(nxt) and (nxt in self.lex.first_names or self._kin(nxt) or nxt in self.kin)

    def _role_object_before(self, text: str, toks: list[Token], i: int) -> bool:
        """ "صاحب المطعم حمزة", "مدير المشروع أيمن": a role and its object right before the word."""
        if i < 2 or text[toks[i - 2].end : toks[i - 1].start] != " " or text[toks[i - 1].end : toks[i].start] != " ":
            return False
        return norm_ar(toks[i - 1].text).startswith("ال") and norm_ar(toks[i - 2].text) in self.roles

    def _unknown_before_min(self, text: str, toks: list[Token], i: int, used: list[bool]) -> Found:
        """ "هتان من شركة…": an unknown word opening a clause before "من" is the name of who works there."""
        n = norm_ar(toks[i].text)
        prev = self._adjacent_prev(text, toks, i)
        if n in self.stop or n in self.nisbas or len(n) < 3 or not self._ambiguous_is_name(text, toks, i, prev):
            return None  # "عميل سعودي من بريدة": where the client is from, not a name
        if n in self.lex.frequent and n not in self.lex.first_names:
            return None  # "مع شاب من تونس": a frequent noun, not a name
        if n[:1] == "م" and len(n) >= 4 and n in self.lex.vocab and n not in self.lex.first_names:
            return None  # "سوى نفس الشي مع مصور من شناص": a trade's participle (مفعّل), not a name
        if self._adjacent_next(text, toks, i) != "من":
            return None
        if self._clause_start(text, toks, i) or prev in self.lex.cue("person_before"):
            return i, self._name_run_end(text, toks, i, used), 0
        return None

    def _unknown_before_role(self, text: str, toks: list[Token], i: int, used: list[bool]) -> Found:
        """ "كريم صاحب متجر…": an unlisted word opening a clause before a role word is who holds the role."""
        tok, n = toks[i], norm_ar(toks[i].text)
        if n in self.stop or n in self.nisbas or len(n) < 3 or not self._clause_start(text, toks, i):
            return None
        if self._verbish(n):
            return None  # "هيبقى مدير نفسه": a verb (here the Egyptian future) before the role word
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
            if prev in NOUN_CONTEXT or no_conj(prev) in _COPULAS:
                continue  # "مكانش شريف خالص": after a copula the name is the adjective (honest)
            for p, core in self.analyses(tok.text):
                if core in confirmed and (core in self.lex.first_names or core not in self.lex.frequent):
                    out.append(self._span(toks, i, i, p, "person"))
                    used[i] = True
                    break
        return out

    def _propagate_family(self, text: str, toks: list[Token], used: list[bool], found: list[Mention]) -> list[Mention]:
        """ "مهند أبو حطب … وأكد الحطب", "أنس الخزرجي … وأضاف الخزرجي": the family name of someone found earlier
        names them again on its own, with or without ال, unless it is a frequent word."""
        families = set()
        for m in found:
            parts = m.key.split()
            if m.type == "person" and len(parts) >= 2:
                last = parts[-1].removeprefix("ال")
                if len(last) >= 3 and last not in self.lex.frequent and last not in self.stop:
                    families.add(last)
        out = []
        for i, tok in enumerate(toks):
            if used[i] or not families:
                continue
            hit = next((p for p, c in self.analyses(tok.text) if c.removeprefix("ال") in families), None)
            if hit is not None:
                out.append(self._span(toks, i, i, hit, "person"))
                used[i] = True
        return out

    def _ambiguous_is_name(self, text: str, toks: list[Token], i: int, prev: str) -> bool:
        lex = self.lex
        if prev in lex.cue("person_before") or prev in lex.cue("titles") or no_conj(prev) in self.name_cues:
            return True
        if self._verb_then_object(text, toks, i, prev):
            return True
        if self._role_phrase_before(text, toks, i):
            return True
        if prev == "عم" and i >= 1 and self._adjacent_prev(text, toks, i - 1) not in {"ابن", "بنت", "ولد"}:
            return True  # "الحارس عم ربيع": the Egyptian honorific for an older man (not "ابن عم")
        nxt = self._adjacent_next(text, toks, i)
        if not nxt:
            return False
        if nxt in self.lex.first_names and nxt not in self.lex.ambiguous and nxt not in self.stop:
            return True  # "المحرر سليم عواد": a word that is also a name, followed by a name, is the given name
        if is_trade_family(nxt) and text[toks[i].end : toks[i].end + 1] == " ":
            return True  # "بعد ٤ شهور ماجد الصباغ من…": a name that is a word, then a trade family name
        if self._clause_start(text, toks, i) or prev in {"و"}:
            verb_itself = norm_ar(toks[i].text) in lex.cue("strong_verbs") and toks[i].text[:1] == "و"
            if nxt in lex.cue("strong_verbs") and not verb_itself:
                return True  # (not "الطحان وعد يدفع": وعد "promised" before a verb, its و no clause opener)
            if nxt in {"من", "في"} and i + 2 < len(toks):
                after = norm_ar(toks[i + 2].text)
                kinds = self.kinds
                if after in kinds or any(c in kinds for _, c in self.analyses(toks[i + 2].text)):
                    return True
        return False

    def _role_phrase_before(self, text: str, toks: list[Token], i: int) -> bool:
        """ "مدير المشروع أيمن", "المديرة الجديدة رنا", "موظفة الموارد البشرية ريم": a role, then one or two
        ال-words (its object or adjective), then the name."""
        k = i - 1
        while k >= 1 and i - k <= 2 and norm_ar(toks[k].text).startswith("ال"):
            if text[toks[k - 1].end : toks[k].start] != " " or text[toks[k].end : toks[k + 1].start] != " ":
                return False
            if no_conj(norm_ar(toks[k - 1].text)) in self.roles | self.name_cues:
                return True
            k -= 1
        return False

    def _verb_then_object(self, text: str, toks: list[Token], i: int, prev: str) -> bool:
        """ "طلب مني كريم", "قال لي جمال": after a verb and its object pronoun comes the subject, a name."""
        if prev not in self.obj_pron or i < 2:
            return False
        return no_conj(self._adjacent_prev(text, toks, i - 1)) in self.lex.cue("strong_verbs")
