"""Person cues: the words around an unlisted word that make it a name (كلمت مؤنس, العميل هتان, قال مؤنس).

Each cue is one method taking the word's surroundings and returning its reading as a name (prefix length, core) or
None; `_cued_name` tries them in order. A core ending in a space marks the weak tier (no family name is added).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..textutil import Token
from .base import ArabicBase
from .words import CLAUSE_BREAK, DEFINITE, KIN_AFTER_IBN, NOUN_CONTEXT, PRONOUNS, no_conj, norm_ar

Reading = tuple[int, str] | None
# "عميلة رتاج", "عميل بيسب": an indefinite client may be followed by a name or by what they do.
_BARE_ROLES = frozenset({"عميل", "عميله", "زبون", "زبونه"})


@dataclass(frozen=True)
class Around:
    """A word and its neighbours in the same clause (normalised, conjunction stripped from the previous ones)."""

    text: str
    toks: list[Token]
    i: int
    word: str
    prev: str
    prev2: str
    nxt: str

    @classmethod
    def at(cls, finder: ArabicBase, text: str, toks: list[Token], i: int) -> Around:
        prev = no_conj(finder._adjacent_prev(text, toks, i))
        prev2 = no_conj(finder._adjacent_prev(text, toks, i - 1)) if prev and i >= 1 else ""
        return cls(text, toks, i, toks[i].text, prev, prev2, finder._adjacent_next(text, toks, i))


class PersonCues(ArabicBase):
    """The cue rules, tried in order; the first that reads the word as a name wins."""

    def _cued_name(self, text: str, toks: list[Token], i: int, used: list[bool]) -> Reading:
        """A name that no list knows, found by the words around it: العميل هتان, كلمت مؤنس, اتصلت بجسار, مطلق ارسل."""
        at = Around.at(self, text, toks, i)
        cues = (
            self._cue_latin_role,
            self._cue_role_or_title,
            self._cue_contact_verb,
            self._cue_with_verb_ba,
            self._cue_with_unknown,
            self._cue_role_object,
            self._cue_before_nisba,
            self._cue_vso_subject,
            self._cue_sent_to,
            self._cue_from_somewhere,
            self._cue_subject_before_verb,
        )
        return next((r for cue in cues if (r := cue(at)) is not None), None)

    def _cue_latin_role(self, at: Around) -> Reading:
        """ "والـclient ميسون": an English role word typed inside Arabic text, right before the word."""
        text, toks, i = at.text, at.toks, at.i
        latin = re.search(r"([A-Za-z]+)[\s\u00a0]*$", text[max(0, toks[i].start - 30) : toks[i].start])
        if latin is None or not (i == 0 or toks[i - 1].end <= toks[i].start - len(latin.group())):
            return None
        return self._reading(at.word, False) if latin.group(1).lower() in self.latin_cues else None

    def _cue_role_or_title(self, at: Around) -> Reading:
        """ "العميل هتان", "مديره سلطان", "زوجها مؤنس": after a role, a title-like word, اسمه or a family word."""
        p = at.prev
        if self._kin(norm_ar(at.word)) or norm_ar(at.word) in KIN_AFTER_IBN:
            return None  # "ابن خالتي": the word after ابن is a family word, not a father's name
        if p in _BARE_ROLES and at.word.startswith(("بي", "بت", "بن")):
            return None  # "عميل بيسب ويلعن": after a bare "a client" the dialect present is what the client does
        if p in self.name_cues or self._kin(p) or (p in self.lex.cue("titles") and p not in {"د", "م", "ا"}):
            return self._reading(at.word, False)
        return None

    def _cue_contact_verb(self, at: Around) -> Reading:
        """ "كلمت مؤنس", "اشتغلت مع هتان": after a verb of contact, or مع after a verb that takes it."""
        if at.prev in self.contact or (at.prev == "مع" and at.prev2 in self.with_verbs):
            return self._reading(at.word, False)
        return None

    def _cue_with_verb_ba(self, at: Around) -> Reading:
        """ "اتصلت بجسار": a verb that takes ب, and the name glued to it."""
        if at.prev in self.with_verbs and at.word[:1] == "ب":
            return self._reading(at.word, False, "ب")
        return None

    def _cue_with_unknown(self, at: Around) -> Reading:
        """ "كان مع لمياء ووجدان", "مع وجدان من الشركة": after مع, a word no vocabulary knows, followed by another
        name, من/في or the end of the clause (the weak tier: no family name is added)."""
        if at.prev != "مع" or at.word[:1] in "وف":
            return None
        # "مع وسن كانت التجربة حلوة": a verb after the word also closes the name
        verb_next = at.nxt in self.lex.cue("strong_verbs") | {"كان", "كانت", "كانوا"}
        if at.nxt and not (at.nxt[:1] == "و" or at.nxt in {"من", "في"} or verb_next):
            return None
        r = self._reading(at.word, True)
        return None if r is None or r[1] in self.lex.vocab else (r[0], r[1] + " ")

    def _cue_role_object(self, at: Around) -> Reading:
        """ "مدير المشروع أيمن", "صاحب المحل كرار": a role with its object, then the name."""
        text, toks, i = at.text, at.toks, at.i
        role_object = at.prev.startswith("ال") and (at.prev2 in self.roles or at.prev2 in self.name_cues) and i >= 2
        if role_object and not text[toks[i - 2].end : toks[i - 1].start].strip():
            return self._reading(at.word, False)
        return None

    def _cue_before_nisba(self, at: Around) -> Reading:
        """ "عتبة الربيعي": an indefinite word before a family nisba is a first name (a noun would need ال)."""
        # not "بالمقابل المادي": a definite noun behind a prefix before an adjective
        if self._family_nisba(at.nxt) and at.word[-1] not in "هيك" and not norm_ar(at.word).startswith(DEFINITE):
            return self._reading(at.word, False)
        return None

    def _cue_vso_subject(self, at: Around) -> Reading:
        """ "قال مؤنس", "رد علي هتان": the subject after a verb of speech, only a word outside the vocabulary.

        Verbs that take an object first (طلب تصميم, عايز لوجو) are left out; the reading is the weak tier.
        """
        verbs = self.lex.cue("strong_verbs") - self.lex.cue("modal_verbs") - NOUN_CONTEXT
        vso = (at.prev in verbs and at.prev not in self.lex.common) or (at.prev in self.obj_pron and at.prev2 in verbs)
        vso = vso or self._verb_with_object(at.prev)
        if not vso or at.word[:1] in "لب":
            return None
        r = self._reading(at.word, True, vso=True)
        return None if r is None else (r[0], r[1] + " ")

    def _verb_with_object(self, word: str) -> bool:
        """ "بعتلي", "كلمني", "قالي": a verb of speech, contact or sending with its object glued to it."""
        verbs = self.lex.cue("strong_verbs") | self.send | self.contact
        for suf in ("لي", "لنا", "ني", "ي"):
            stem = word[: -len(suf)]
            if word.endswith(suf) and len(stem) >= 2 and (stem in verbs or stem + "ت" in self.send):
                return True
        return False

    def _cue_sent_to(self, at: Around) -> Reading:
        """ "أرسلت الملفات لريناد", "صممت متجر لنجود": who something was sent to or made for, within the clause."""
        text, toks, i = at.text, at.toks, at.i
        if at.word[:1] != "ل" or len(at.word) <= 3:
            return None
        k = i - 1
        while k >= 0 and i - k <= 3 and not any(c in CLAUSE_BREAK for c in text[toks[k].end : toks[k + 1].start]):
            if no_conj(norm_ar(toks[k].text)) in self.send:
                return self._reading(at.word, True, "ل")
            k -= 1
        return None

    def _cue_from_somewhere(self, at: Around) -> Reading:
        """ "سرى من الحسكة طلبت…": someone from somewhere did something."""
        text, toks, i = at.text, at.toks, at.i
        if at.nxt != "من" or i + 3 >= len(toks) or at.word[:1] in "لب" or at.prev in PRONOUNS:
            return None  # "انا مصمم من دسوق": after a pronoun the word says what someone is
        place, verb = norm_ar(toks[i + 2].text), no_conj(norm_ar(toks[i + 3].text))
        spaced = not text[toks[i + 1].end : toks[i + 2].start].strip()
        spaced = spaced and not text[toks[i + 2].end : toks[i + 3].start].strip()
        if spaced and verb in self.lex.cue("strong_verbs") and self._unknown_ok(place.removeprefix("ال")):
            return self._reading(at.word, False)
        return None

    def _cue_subject_before_verb(self, at: Around) -> Reading:
        """ "مطلق ارسل لي…": an indefinite word opening a clause before a verb is its subject."""
        verb_next = at.nxt in self.lex.cue("strong_verbs") and at.nxt not in {"ما", "مو", "لم", "كان", "كانت"}
        past_verb = len(at.word) >= 4 and at.word.endswith("ت")  # راسلت, اختفت: a verb opens the clause itself
        if verb_next and not past_verb and self._clause_start(at.text, at.toks, at.i) and at.word[:1] not in "وفلب":
            return self._reading(at.word, False)
        if verb_next and not past_verb and at.word[:1] == "و" and len(at.word) > 4:
            return self._reading(at.word, False, "و")  # "وعساف قال بيحول": و opens the clause, the name follows
        return None
