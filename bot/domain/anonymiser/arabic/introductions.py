"""Persons introduced by the shape of the sentence rather than by a word before them.

A testimonial opens with its speaker ("زهوة (مصممة أزياء من الرفاعة): …"), the news puts a first name in quotes
after who the person is (الشاب "جساس"), and a member says whom a message came from ("جاتني رسالة من يمان"). None of
these names is in a list; the shape is the evidence, so each rule also asks that the word be no word of the
vocabulary (or a listed given name).
"""

from __future__ import annotations

import re

from ..textutil import Token
from .base import ArabicBase
from .words import COMPOUND_TAILS, STRONG_PERSON_CUES, Found, no_conj, norm_ar

# "(مصممة أزياء من الرفاعة):" right after the speaker's name.
_HEADING_TAIL_RE = re.compile(r" ?\([^()\n]{2,80}\) ?:")
_OPEN_QUOTES = '«"“'
_CLOSE_QUOTES = '»"”'
# Verbs that give a name or a nickname: "نادني «دحام»", "لقبه «الفهد»".
_NAMING_VERBS = frozenset(
    norm_ar(w) for w in ("نادني", "ناديني", "ناديه", "نادوه", "سموه", "سموها", "لقبه", "لقبها", "الملقب", "الملقبة")
)
# What comes from someone: "رسالة من يمان", "مكالمة من نزار".
_MESSAGE_WORDS = frozenset(
    norm_ar(w)
    for w in (
        *("رسالة", "رساله", "رسايل", "رسائل", "مسج", "مسجات", "مكالمة", "مكالمات", "اتصال"),
        *("فويس", "ايميل", "إيميل", "مسدج", "ماسج"),
    )
)


# Credit lines and bylines: "إخراج: X | تصوير: Y", "حاوره: X". The label's first word says who did what.
_CREDIT_ROLES = frozenset(
    norm_ar(w)
    for w in (
        *("إخراج", "تصوير", "مونتاج", "سيناريو", "إعداد", "تقديم", "كتابة", "تأليف", "تحرير", "تدقيق", "ترجمة"),
        *("موسيقى", "ألحان", "كلمات", "غناء", "بطولة", "إنتاج", "تنفيذ", "إشراف", "رسوم", "رسم", "إضاءة", "مكياج"),
        *("تصميم", "صوت", "تعليق", "خط", "حاوره", "حاورها", "حاورته", "حاورتها", "أعده", "أعدته", "أعدها"),
    )
)
# Where a credit cell or a list item starts: a line start, or after "|" or " / ".
_CELL_START_RE = re.compile(r"(?:^|\n|\||\s/\s)[^\n|/]*\Z")
# "٢- نورهان من ستوديو بحري": an item number opens the line (or follows "/" or the list's colon).
_ITEM_NUMBER_RE = re.compile(r"(?:^|\n|\s/\s|:)\s*[0-9٠-٩]{1,2}\s*[-.)]\s*\Z")
# What ends a credited name or a list item's name: the next cell, the line, " - " before what they do.
_CELL_END_RE = re.compile(r"\s*(?:[|\n]|/\s|-\s|–|—|\Z|[،,.](?:\s|\Z)|\()")


class IntroRules(ArabicBase):
    """Start rules (toks[i] -> (first, last, prefix) of a person, or None), each with its example as docstring."""

    def _heading_speaker(self, text: str, toks: list[Token], i: int, used: list[bool]) -> Found:
        """ "زهوة (مصممة أزياء من الرفاعة): استلمت العينات": one or two name words open a line, then "(…):"."""
        line_start = text.rfind("\n", 0, toks[i].start) + 1
        if text[line_start : toks[i].start].strip():
            return None
        for j in (i, i + 1):
            if j >= len(toks) or used[j] or (j > i and text[toks[i].end : toks[j].start] != " "):
                return None
            if not (self._name_word(toks[j].text) or (j > i and self._family_nisba(norm_ar(toks[j].text)))):
                return None  # "سطام الهويدي (…):": a family name with ال and -ي completes the given name
            if _HEADING_TAIL_RE.match(text, toks[j].end):
                return i, j, 0
        return None

    def _quoted_after_cue(self, text: str, toks: list[Token], i: int, used: list[bool]) -> Found:
        """'الشاب "جساس" يعمل مبرمجاً', "قالي نادني «دحام»": a word alone in quotes right after a word that says
        who someone is, or a verb that gives a name."""
        tok = toks[i]
        if (
            i == 0
            or text[tok.start - 1 : tok.start] not in _OPEN_QUOTES
            or text[tok.end : tok.end + 1] not in _CLOSE_QUOTES
        ):
            return None
        if text[toks[i - 1].end : tok.start].strip() not in _OPEN_QUOTES:
            return None  # the quote opens right after the cue word: 'الشاب "جساس"'
        prev = no_conj(norm_ar(toks[i - 1].text))
        cue = prev in self.name_cues or prev in STRONG_PERSON_CUES or prev in self.lex.cue("titles")
        if not (cue or prev in _NAMING_VERBS) or not self._name_word(tok.text):
            return None
        return i, i, 0

    def _after_message_from(self, text: str, toks: list[Token], i: int, used: list[bool]) -> Found:
        """ "جاتني رسالة من يمان يسأل عن السعر": after "a message/call from", a word no vocabulary knows is who sent
        it (a town there is a place, read by the place rules first)."""
        if i < 2 or self._adjacent_prev(text, toks, i) != "من":
            return None
        if no_conj(self._adjacent_prev(text, toks, i - 1)) not in _MESSAGE_WORDS:
            return None
        return (i, i, 0) if self._name_word(toks[i].text) else None

    def _self_named_with_kin(self, text: str, toks: list[Token], i: int, used: list[bool]) -> Found:
        """ "مين إنت؟ قالي أنا ميدو ابن خالته", "أنا سوسو أخت صاحبة المحل": after "I am", a word that can be a name
        followed by who that person is to someone (a family word or a role) is the speaker's name."""
        if i == 0 or i + 1 >= len(toks) or no_conj(self._adjacent_prev(text, toks, i)) != "انا":
            return None
        nxt = self._adjacent_next(text, toks, i)
        if not (nxt in self.kin or self._kin(nxt) or nxt in self.roles) or not self._name_word(toks[i].text):
            return None
        n = norm_ar(toks[i].text)
        return None if n in self.lex.vocab and n not in self.lex.first_names else (i, i, 0)

    def _initials_after_cue(self, text: str, toks: list[Token], i: int, used: list[bool]) -> Found:
        """ "وأفادت المصممة ن. ع بأنها سلّمت", "المحامي م. س.": the news register's initials (two letters, the
        first with its dot) right after a word that says who someone is."""
        if i == 0 or i + 1 >= len(toks) or used[i + 1] or len(toks[i].text) != 1 or len(toks[i + 1].text) != 1:
            return None
        if not re.fullmatch(r"\. ?", text[toks[i].end : toks[i + 1].start]):
            return None
        after = text[toks[i + 1].end : toks[i + 1].end + 1]
        if after and not (after.isspace() or after in ".،,"):
            return None
        prev = no_conj(self._adjacent_prev(text, toks, i))
        cue = prev in self.name_cues or prev in STRONG_PERSON_CUES or prev in self.lex.cue("titles")
        return (i, i + 1, 0) if cue else None

    def _credit_line(self, text: str, toks: list[Token], i: int, used: list[bool]) -> Found:
        """ "إخراج: سيف الدين الحوراني | تصوير: جود صبّاغ", "حاوره: كريم أبو النجا": one to three name words fill
        a credit cell whose label (a role: إخراج, تصوير, حاوره) opens the line or follows "|" or " / "."""
        gap = text[toks[i - 1].end : toks[i].start] if i else ""
        if i == 0 or gap.strip() != ":" or "\n" in gap:
            return None
        cell = _CELL_START_RE.search(text, 0, toks[i - 1].end)
        if cell is None:
            return None
        label = text[cell.start() : toks[i - 1].end].strip(" |/\n").split()
        if not label or len(label) > 3 or no_conj(norm_ar(label[0])) not in _CREDIT_ROLES:
            return None
        return self._name_in_cell(text, toks, i, used)

    def _list_item_name(self, text: str, toks: list[Token], i: int, used: list[bool]) -> Found:
        """ "٢- نورهان من ستوديو بحري - تصوير منتجات", "٤- مارينا جرجس - أطفال": a numbered item opens with the
        name of whom it recommends, then "من" (where they work) or " - " (what they do)."""
        if not _ITEM_NUMBER_RE.search(text, 0, toks[i].start):
            return None
        found = self._name_in_cell(text, toks, i, used, max_words=2)
        if found is None and i + 1 < len(toks) and norm_ar(toks[i + 1].text) == "من":
            return (i, i, 0) if self._name_word(toks[i].text) else None
        return found

    def _name_in_cell(self, text: str, toks: list[Token], i: int, used: list[bool], max_words: int = 3) -> Found:
        """The name words from toks[i] to the end of a cell: every word may be a name (listed, rare, a family with
        ال), none is a function word, and the cell ends right after them."""
        j, weak = i, 0
        while True:
            if used[j]:
                return None
            if not self._cell_word(toks[j].text, first=j == i):
                # "٤- مارينا جرجس -": one rare-enough word (مارينا is also "a marina") next to a listed name
                n = norm_ar(toks[j].text)
                weak += 1
                if weak > 1 or n in self.stop or n in self.lex.frequent or len(n) < 3:
                    return None
            if _CELL_END_RE.match(text, toks[j].end):
                listed = any(norm_ar(t.text) in self.lex.first_names for t in toks[i : j + 1])
                return (i, j, 0) if not weak or (j > i and listed) else None
            if j - i + 1 >= max_words or j + 1 >= len(toks) or text[toks[j].end : toks[j + 1].start] != " ":
                return None
            j += 1

    def _cell_word(self, word: str, first: bool) -> bool:
        """A word of a name in a credit cell: a listed given name (even one that is a word: وعد), a compound's second
        half (الدين), أبو/عبد, a family name with ال, or a word no vocabulary knows."""
        n = norm_ar(word)
        if n in self.lex.first_names or n in self.lex.surnames:
            return True
        if not first and (n in {"ابو", "عبد", "بن", "بنت"} or n in COMPOUND_TAILS):
            return True
        if not first and n.startswith("ال") and len(n) >= 5 and n not in self.lex.frequent and n not in self.core_stop:
            return True
        return self._name_word(word)

    def _name_word(self, word: str) -> bool:
        """A listed given name (not one that is also a word), or a rare word that can be a name: the shape around it
        is the evidence, so a word of the vocabulary's long tail passes (زهوة reads as زهو + ه) and so does a name
        shaped like a present-tense verb (يمان); a frequent word, a verb's object ending or a plural does not."""
        n = norm_ar(word)
        if n in self.lex.first_names and n not in self.lex.ambiguous and n not in self.stop:
            return True
        return self._unknown_ok(n, verb_ok=True) and not self._verbish(n[1:] if n[:1] in "يت" else n)
