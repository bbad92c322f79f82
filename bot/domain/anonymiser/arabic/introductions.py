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
from .words import STRONG_PERSON_CUES, Found, no_conj, norm_ar

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

    def _name_word(self, word: str) -> bool:
        """A listed given name (not one that is also a word), or a rare word that can be a name: the shape around it
        is the evidence, so a word of the vocabulary's long tail passes (زهوة reads as زهو + ه) and so does a name
        shaped like a present-tense verb (يمان); a frequent word, a verb's object ending or a plural does not."""
        n = norm_ar(word)
        if n in self.lex.first_names and n not in self.lex.ambiguous and n not in self.stop:
            return True
        return self._unknown_ok(n, verb_ok=True) and not self._verbish(n[1:] if n[:1] in "يت" else n)
