"""The Anonymiser: finds identifying details in a story and replaces them with placeholders."""

from __future__ import annotations

import re
from collections.abc import Callable

from .arabic import ArabicFinder
from .arabic.arabizi import without_english_words
from .arabic.suspects import ArabicSuspects
from .cased import CasedFinder
from .countries import CountryFinder
from .detect import detect_language
from .employers import EmployerFinder
from .entities import assign_placeholders, resolve_overlaps
from .labels import LABELS
from .lexicon import LANGS, Lexicon, load_lexicon
from .model import AnonResult, Mention, Span, Suspect
from .structured import find_addresses, find_emails, find_handles, find_numbers_and_phones, find_urls
from .suspects import SuspectFinder, suspects_in_output
from .textutil import fold_digits, overlaps


class Anonymiser:
    """Stateless after load(): safe to share between threads; no I/O and no logging of text."""

    def __init__(self, lexicons: dict[str, Lexicon]) -> None:
        self._lex = lexicons
        self._cased = {lang: CasedFinder(lexicons[lang]) for lang in ("en", "fi", "ru")}
        self._arabic = ArabicFinder(lexicons["ar"], lexicons["en"].cue("person_before"))
        self._at = frozenset(w for lx in lexicons.values() for w in lx.cue("at_words"))
        self._dot = frozenset(w for lx in lexicons.values() for w in lx.cue("dot_words"))
        self._employers = EmployerFinder()
        self._countries = CountryFinder()
        self._suspects = {lang: SuspectFinder(lexicons[lang], lexicons["en"]) for lang in lexicons}
        self._arabic_suspects = ArabicSuspects(lexicons["ar"], self._arabic, lexicons["en"])
        self._known: dict[str, Callable[[str], bool]] = {}
        for lang, lx in lexicons.items():
            gaz = lx.first_names | lx.surnames | lx.places
            self._known[lang] = gaz.__contains__

    @classmethod
    def load(cls) -> Anonymiser:
        """Read all gazetteers once (a few tens of milliseconds)."""
        return cls({lang: load_lexicon(lang) for lang in LANGS})

    def find(self, text: str, lang: str | None = None) -> tuple[Span, ...]:
        """Identifier spans (offsets into text) with their placeholders, without replacing anything."""
        if not text.strip():
            return ()
        lang = lang if lang in self._lex else detect_language(text)
        existing = [(m.start(), m.end()) for m in PLACEHOLDER_RE.finditer(text)]
        labels = frozenset(text[s:e] for s, e in existing)
        return assign_placeholders(self._mentions(text, lang, existing), lang, self._known[lang], labels)

    def suspects(self, text: str, spans: tuple[Span, ...], lang: str) -> tuple[Suspect, ...]:
        """Words outside spans that may still identify someone (offsets into text)."""
        if not text.strip():
            return ()
        found = self._suspects[lang if lang in self._suspects else "en"].find(text, spans)
        return tuple(self._arabic_suspects.add(text, spans, found)) if lang == "ar" else found

    def anonymise(self, text: str, lang: str | None = None) -> AnonResult:
        """Replace every identifier; the same entity gets the same placeholder throughout; list the suspects."""
        lang = lang if lang in self._lex else detect_language(text) if text.strip() else "en"
        spans = self.find(text, lang)
        suspects = self.suspects(text, spans, lang)
        parts: list[str] = []
        pos = 0
        for sp in spans:
            parts.append(text[pos : sp.start])
            parts.append(sp.placeholder)
            pos = sp.end
        parts.append(text[pos:])
        return AnonResult("".join(parts), spans, lang, suspects, suspects_in_output(suspects, spans))

    def _mentions(self, text: str, lang: str, existing: list[tuple[int, int]]) -> list[Mention]:
        """Mentions outside existing placeholders ("[client]" is neither a word nor a cue to read again)."""
        lex = self._lex[lang]
        folded = fold_digits(text)
        structured: list[Mention] = []
        structured += find_emails(folded, lex, self._at, self._dot)
        structured += find_urls(folded, lex, self._dot)
        structured += find_handles(folded, lex)
        structured += find_numbers_and_phones(folded, lex)
        structured += find_addresses(folded, lex)
        structured = [m for m in resolve_overlaps(structured) if not overlaps(m.start, m.end, existing)]
        taken = [(m.start, m.end) for m in structured] + existing
        names: list[Mention] = []
        if lang == "ar":
            latin = self._cased["en"].find(_mask_non_latin(text), taken)
            latin = without_english_words(text, latin, self._lex["en"].frequent, self._lex["en"].first_names)
            names += self._arabic.find(text, taken + [(m.start, m.end) for m in latin], latin)
            names += latin
        else:
            names += self._cased[lang].find(text, taken)
        known = (lex.vocab, lex.platforms, lex.countries)
        extra = self._employers.find(text, lang, known) + self._countries.find(text, lang, lex.places)
        names += [m for m in extra if not overlaps(m.start, m.end, taken)]
        return resolve_overlaps(structured + names)


# A placeholder the anonymiser already put in: "[client]", "[person 2]", "[المكان]" (and not "jo [at] x [dot] io").
PLACEHOLDER_RE = re.compile(
    r"\[(?:"
    + "|".join(sorted({re.escape(x.split("{")[0].strip()) for t in LABELS.values() for p in t.values() for x in p}))
    + r")(?: \d+)?\]"
)
_NON_LATIN = re.compile(r"[^\x00-\x7f\u00c0-\u024f]")


def _mask_non_latin(text: str) -> str:
    """Arabic letters become '·' (same length) so Latin words in Arabic text are read as mid-sentence."""
    return _NON_LATIN.sub("·", text)
