"""Names, companies and places in Arabic text (no capital letters: gazetteers plus context cues)."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Mention
from ..textutil import ARABIC_WORD_RE, overlaps, tokenize
from .arabizi import arabizi_persons
from .joins import join_persons
from .orgs import OrgRules
from .persons import PersonRules
from .places import PlaceRules
from .regions import RegionRules
from .words import is_adverb


class ArabicFinder(PersonRules, OrgRules, PlaceRules, RegionRules):
    """Finds person/org/place mentions in Arabic: companies first, then places, pairs, persons."""

    def find(self, text: str, taken: list[tuple[int, int]], latin: Sequence[Mention] = ()) -> list[Mention]:
        """All person/org/place mentions outside the taken ranges; latin holds names already found in Latin script."""
        toks = [t for t in tokenize(text, ARABIC_WORD_RE) if not overlaps(t.start, t.end, taken)]
        # "فعلاً", "حالياً", "تقريبًا": a word with the accusative ending is an adverb, never part of a name or place
        used = [is_adverb(t.text) for t in toks]
        out: list[Mention] = self._regions(text, toks, used)
        out += self._orgs(text, toks, used)
        out += self._places(text, toks, used)
        out += self._paired_names(text, toks, used)
        out += self._persons(text, toks, used)
        # "المهندس شريف الشرقاوي … قال إن شريف": a name the pair rules found names the person elsewhere too
        out += self._propagate(text, toks, used, out)
        out += self._propagate_family(text, toks, used, out)
        out = join_persons(text, out, self.lex.cue("titles"))
        anchors = [m for m in [*out, *latin] if m.type in ("person", "org", "place")]
        out += self._places_after(text, toks, used, anchors)
        out += self._towns_after_in(text, toks, used)
        out += self._towns_after_motion(text, toks, used)
        out += self.latin_after_kind(text, toks, latin)
        return out + arabizi_persons(text, taken)
