"""How far a name runs once its first word is found: father and family names, compounds, pairs (عبد الإله الرشيدي)."""

from __future__ import annotations

from ..model import Mention
from ..textutil import Token
from .base import ArabicBase
from .pairs import is_abd_compound, is_family_nisba, is_given_before_nisba
from .words import (
    CLAUSE_BREAK,
    KIN_AFTER_IBN,
    NAME_JOINERS,
    NOT_FAMILY_WORDS,
    NOUN_CONTEXT,
    is_compound_tail,
    is_trade_family,
    no_conj,
    norm_ar,
)


class NameRuns(ArabicBase):
    """Pairs told by their shape, and the extension of a first name to the whole name."""

    def _paired_names(self, text: str, toks: list[Token], used: list[bool]) -> list[Mention]:
        """Names told by the shape of two words (arabic_pairs): عبد الإله الرشيدي, ياسمينة الشاذلي."""
        out = []
        for i in range(len(toks) - 1):
            if used[i] or used[i + 1] or text[toks[i].end : toks[i + 1].start] != " ":
                continue
            a, b = toks[i].text, toks[i + 1].text
            prefix = 1 if a[:1] in "ولب" and norm_ar(a[1:]) == "عبد" else 0
            if not is_abd_compound(a, b) and not self._unknown_before_trade_family(text, toks, i):
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
            first = i - 1 if self._kunya_before(text, toks, i, used) else i
            out.append(self._span(toks, first, j, 0 if first < i else prefix, "person"))
            for x in range(first, j + 1):
                used[x] = True
        return out

    def _unknown_before_trade_family(self, text: str, toks: list[Token], i: int) -> bool:
        """ "عميل بيسب ويلعن: عجلان الحداد، صاحب محل": a word no list or vocabulary knows, opening a clause, then a
        trade family name (الحداد, الصباغ) is a person's name (an ordinary noun before it is not: "مشروع الحداد")."""
        a, b = norm_ar(toks[i].text), norm_ar(toks[i + 1].text)
        if not is_trade_family(b) or len(a) < 3 or a.startswith("ال") or toks[i].text[:1] in "وفلب":
            return False
        if a in self.lex.vocab or a in self.stop or self._verbish(a):
            return False
        return self._clause_start(text, toks, i)

    def _kunya_before(self, text: str, toks: list[Token], i: int, used: list[bool]) -> bool:
        """ "ابو فارس العتيبي": أبو/أم right before a name found by its shape is part of it."""
        if i == 0 or used[i - 1] or text[toks[i - 1].end : toks[i].start] != " ":
            return False
        return norm_ar(toks[i - 1].text) in {"ابو", "ام"}

    def _name_run_end(self, text: str, toks: list[Token], i: int, used: list[bool], after_cue: bool = False) -> int:
        """Extend a first name with father's/family names: بن سلمان, المنصوري, أبو خالد."""
        j = i
        while j + 1 < len(toks) and not used[j + 1]:
            gap = text[toks[j].end : toks[j + 1].start]
            if any(c in CLAUSE_BREAK for c in gap) or "\n" in gap:
                break
            nxt = toks[j + 1].text
            n = norm_ar(nxt)
            # (not "فرحات" after a cued given name: a family name in -ات that only starts like فـ)
            family_fa = after_cue and j == i and self._family_in_at(n) and not self._conjoined_word(n)
            if nxt[:1] in "وف" and len(nxt) > 3 and not family_fa:
                break
            if self._verb_after_name(nxt):
                break
            if n == "عبد" and j + 2 < len(toks) and norm_ar(toks[j + 2].text).startswith("ال"):
                j += 2  # مؤمن عبد الجواد: a father's compound name
                continue
            if (
                n in NAME_JOINERS
                and j + 2 < len(toks)
                and not used[j + 2]  # "ريم بنت عبد العزيز": a compound found first is joined to this name later
                and norm_ar(toks[j + 2].text) not in KIN_AFTER_IBN
            ):
                j += 2
                continue
            if norm_ar(toks[j].text) == "عبد" and n.startswith("ال"):
                j += 1  # عبد الستار: the two words are one name
                continue
            if is_compound_tail(n):
                j += 1  # حسام الدين, نور الهدى: the second half of a compound given name
                continue
            nisba = n.startswith("ال") and n.endswith("ي") and len(n) >= 5 and n not in self.core_stop
            nisba = nisba and n not in NOT_FAMILY_WORDS
            family = n.startswith("ال") and n in self.lex.surnames
            # "وليد القضاة": a rarer ال-word right after the first name is the family name, even when it is a word.
            family = family or (
                j == i and n.startswith("ال") and len(n) >= 5 and n not in self.lex.frequent and n not in self.core_stop
            )
            family = family and n not in self.name_cues  # "كلم فهد الحارس": a role after the name, not a family
            # "عميل بيسب ويلعن: طارق الجمال": a trade family name after a name a cue found or that opens a clause
            family = family or (j == i and is_trade_family(n) and (after_cue or self._clause_start(text, toks, i)))
            if nisba or family or (n in self.lex.first_names and n not in self.lex.ambiguous and n not in self.stop):
                j += 1
                continue
            if after_cue and j == i and self._father_after_cue(toks[i].text, n):
                j += 1  # "باسم سعيد منصور", "اسمه عادل فهد": after a strong cue a second given name is the father's
                continue
            # Maghrebi family names: بوزيد, بوعلام; after a cue, a second unknown word is the family name.
            bu = n.startswith(("بو", "بن", "بل")) and len(n) >= 5 and n not in self.stop and n not in self.lex.frequent
            second = after_cue and j == i and self._unknown_ok(n, strict=True) and n not in self.lex.places
            second = second or (after_cue and j == i and self._family_in_at(n))
            # A verb right after the name (رتيل أجلت, X طلعت) is no family name.
            # (A rare word of five or six letters in -ات is a family name: "مديرها نبيل فرحات"; the vocabulary's plurals
            # never get here.)
            past = n.endswith("ت") and not (len(n) >= 5 and n.endswith("ات"))
            second = second and not past and not (len(n) == 4 and n[0] in "اينت")
            second = second and not self._participle_of_known_verb(n)
            first_only = j == i or (j == i + 1 and is_compound_tail(norm_ar(toks[j].text)))
            if bu or second or (first_only and self._family_after_given(toks[i].text, nxt, after_cue)):
                j += 1
                continue
            if first_only and after_cue and self._word_family_before_break(text, toks, j + 1):
                j += 1
                continue
            break
        return j

    def _family_in_at(self, n: str) -> bool:
        """ "مديرها نبيل فرحات", "المحامي سامي بركات": after a cue and a given name, a word of five or six letters
        in -ات that the vocabulary lacks is a family name (its plurals, ملفات and شركات, are in the vocabulary)."""
        return 5 <= len(n) <= 6 and n.endswith("ات") and n not in self.lex.vocab and self._unknown_ok(n)

    def _father_after_cue(self, given: str, n: str) -> bool:
        """ "اسمه سعيد منصور": a listed given name (even one that is a word) right after a given name a strong cue
        found is the father's name; not a function word ("اسمه سعيد كان")."""
        return n in self.lex.first_names and n not in self.core_stop and norm_ar(given) in self.lex.first_names

    def _participle_of_known_verb(self, n: str) -> bool:
        """ "رافض", "زاعل": the active participle فاعل of a verb the vocabulary knows (رفض); listed given names of
        that shape (خالد, سالم) are names."""
        if len(n) != 4 or n[1] != "ا" or n in self.lex.first_names or n in self.lex.surnames:
            return False
        return n[0] + n[2:] in self.lex.vocab

    def _verb_after_name(self, word: str) -> bool:
        """ "المحاسب رامي أخطأ في الرقم", "زميلتي رحمة حصلها نفس الشي": a past verb ending in its hamza (أخطأ,
        بدأ) or a known verb with the object "her" (حصل + ها) says what the person did."""
        n = norm_ar(word)
        if word.endswith("أ") and len(n) >= 3 and n not in self.lex.surnames:
            return True
        return len(n) >= 5 and n.endswith("ها") and n[:-2] in self.lex.vocab and n not in self.lex.surnames

    def _word_family_before_break(self, text: str, toks: list[Token], k: int) -> bool:
        """ "قال المستقل حسام الدين عبيد من …": after a name a cue found, an everyday word (عبيد, سكر) closing the
        name before من/في/إن or the end of the clause is the family name; verbs, places and roles are not."""
        n = norm_ar(toks[k].text)
        if len(n) < 3 or toks[k].text[:1] in "وفلب" or self._verbish(n) or n.endswith("ت"):
            return False
        if self._participle_of_known_verb(n):
            return False
        definite = n.startswith("ال")  # "صاحب المطعم حمزة الشريف رفض": a family name that is also an adjective
        if definite and (len(n) < 5 or n in NOT_FAMILY_WORDS or n.removeprefix("ال") in self.lex.places):
            return False
        if n in self.stop or n in self.core_stop or n in NOUN_CONTEXT or n in self.nisbas:
            return False
        if n in self.lex.places or n in self.lex.countries or n in self.business or n in self.roles:
            return False
        if n in self.name_cues or n in self.kinds or n in self.activities or n in self.id_cues:
            return False
        if k + 1 >= len(toks):
            return True
        gap = text[toks[k].end : toks[k + 1].start]
        nxt = no_conj(norm_ar(toks[k + 1].text))
        closes = any(c in CLAUSE_BREAK for c in gap) or nxt in {"من", "في", "ان", "إن", "انه"}
        return closes or (definite and nxt in self.lex.cue("strong_verbs") and nxt not in self.lex.cue("modal_verbs"))

    def _family_after_given(self, given: str, word: str, after_cue: bool) -> bool:
        """ "لينا قباني", "مراد بلحاج": after a listed given name (or one a cue found) the next word is the family
        name, even when it is also a word, unless it is a frequent word, a verb, a place or a business word."""
        g = norm_ar(given)
        listed = any(c in self.lex.first_names and c not in self.lex.ambiguous for _, c in self.analyses(given))
        if not (listed or after_cue) or g.startswith("ال"):
            return False
        n = norm_ar(word)
        # قباني, حوراني, عطية: the family name, not a verb + ني or + يه
        nisba_ani = (len(n) >= 5 and n.endswith("اني")) or (len(n) >= 4 and n.endswith("يه"))
        if len(n) < 3 or word[:1] in "وف" or n.startswith(("بال", "لل", "كال")) or (self._verbish(n) and not nisba_ani):
            return False
        if word[:1] in "بلك" and len(n) > 3 and (n[1:] in self.lex.frequent or n[1:] in self.core_stop):
            return False  # "رضوان بحساب ثاني": a preposition on a common word
        if n in self.lex.frequent or n in self.stop or n in self.core_stop or n in NOUN_CONTEXT:
            return False
        if self._participle_of_known_verb(n):
            return False  # "شريكه تركي رافض التصميم": what the person does, not their family name
        if n in self.kin or self._kin(n):
            return False  # "فتحية جارة ستي": who she is to someone
        if len(n) == 3 and n[0] == "ا" and n not in self.lex.surnames:
            return False  # "مؤنس أخد": a three-letter past verb with its hamza after the name (سكر may be a family)
        if n in self.lex.places or n in self.lex.countries or n in self.business or n in self.roles:
            return False
        if n in self.name_cues or n in self.kinds or n in self.activities or n in self.id_cues:
            return False
        return not n.endswith("ت") or n in self.lex.surnames  # طلبت, اختفت: a verb after the name
