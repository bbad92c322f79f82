"""Language detection for en/ar/fi/ru by script and stopwords (no model, no download).

Members mix languages all the time, so the rules lean toward the language a message is *written* in rather than the
words it borrows: English nouns inside Russian, Arabic or Finnish sentences (client, deadline, feedback) count half,
text inside quotation marks (often the client's own words, in the client's language) counts little, and Latin-script
Arabic ("Arabizi": 3ayez, yedfa3) counts as Arabic.
"""

from __future__ import annotations

import re

from parley.domain.triage.text import ARABIC, CYRILLIC, LATIN, tokenise

SUPPORTED = ("en", "ar", "fi", "ru")
DEFAULT = "en"
# A non-Latin script wins once it carries this share of the (weighted) words: members drop English terms into Russian
# and Arabic text all the time, the reverse (Cyrillic words in English text) is rarer and shorter.
SCRIPT_SHARE = 0.3
LOANWORD_WEIGHT = 0.5  # a Latin word that is not an English function word may be a loanword in ru/ar text
QUOTED_WEIGHT = 0.3  # words inside quotation marks are often someone else's
# Finnish evidence is rarely accidental in English text, English words are common in Finnish text: Finnish wins when
# it has this share of the English score (and at least FI_MIN points).
FI_VS_EN = 0.6
FI_MIN = 2.0

_FI_WORDS = frozenset(
    """ja ei se että mutta kun hän hänen minä mä mun mulle minun minulle sinä sä sun te ne oli olen ole ovat olisi nyt
    vain myös kanssa joka jos niin kuin tämä tää tuo sitten vielä jo koska mikä mitä miten miksi mitään asiakas
    asiakkaan asiakkaalle asiakkaani aina taas koko kaikki vaan enää eikä en emme eivät ollut jotain sen siitä
    sille siis kyllä joo nii ihan tosi aika paljon vähän kuukausi viikko
    et mut sit ku oo ollu mulla sulle sil sillä ite kans miks jotai mitää kukaan tänään huomenna eilen sano sanoo
    sanoi haluu haluaa pitää pitäis ois olis vielä taas just siks kaa noi nää toi""".split()  # noqa: SIM905 - a word list reads better as text
)
_SHARED = frozenset({"on"})  # Finnish "is", English "on": half a vote each
_EN_WORDS = frozenset(
    """the and is he she it i you my me to of in that this for was with not but they them his her him we our have has
    had be been are were do does did what when why how so just still keep keeps even about from at on an or if
    client customer wants asked said i'm i've i'd i'll we we're we've you're you've he's she's it's they're that's
    there's don't doesn't didn't won't can't isn't wasn't haven't hasn't now just then there their our us your would
    could should will can about after again all also any because been before being both but by each few for from get
    got had her here how into its more most no not now off once only other out over same so some such than too under
    until up very was were what which while who why with yet one two three week weeks month months day days time
    always never every he she him his hers my mine me you yours it this that these those a an the to of in and or if
    as at be is are do did does has have keeps keep still even really please thanks job work project""".split()  # noqa: SIM905 - a word list reads better as text
)
# Function words of English grammar (not nouns a Russian or Arabic speaker would borrow).
_EN_GRAMMAR = _EN_WORDS - {"client", "customer", "job", "work", "project", "week", "weeks", "month", "months", "day",
                           "days", "time", "thanks", "please", "ok"}  # fmt: skip
# Arabizi: Latin-script Arabic writes ع ح ء ق خ as 3 7 2 9 5 inside words, plus a few very common words.
# At least four characters with two letters, so "v2", "3am", "2nd", "24h" and "mp3" are not taken for Arabic.
_ARABIZI_DIGIT = re.compile(r"^(?=(?:.*[a-z]){2})(?=.*[235679])(?![a-z]{1,2}\d+$)(?!\d+[a-z]{1,2}$)[a-z235679']{4,}$")
_ARABIZI_WORDS = frozenset(
    """mesh msh mish mafi mafish yalla wallah walla inshallah inshalla ya3ni yani khalas habibi habibti ana enta enty
    howa hiya ma3 3ala leh lesh shu eh ezay izzay keda kida bas lessa lissa""".split()  # noqa: SIM905 - a word list reads better as text
)
_QUOTE_RE = re.compile(r"(?:(?<=\s)|^)[\"'“”«„‘]([^\"“”«»„‘’\n]{1,200}?)[\"'”»“’](?=[\s.,!?;:)…]|$)")
_FI_SUFFIXES = ("ssa", "ssä", "sta", "stä", "lla", "llä", "lle", "ksi", "nut", "nyt", "kaan", "kään")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [m.span(1) for m in _QUOTE_RE.finditer(text)]


def detect_language(text: str) -> str:
    """Guess the language of a message: ar/ru by script share, fi/en by letters and stopwords; 'en' if unsure."""
    tokens = tokenise(text)
    quoted = _quoted_spans(text)
    counts = {LATIN: 0.0, CYRILLIC: 0.0, ARABIC: 0.0}
    fi = en = arabizi = 0.0
    for t in tokens:
        weight = QUOTED_WEIGHT if quoted and any(a <= t.start < b for a, b in quoted) else 1.0
        if t.script == LATIN:
            norm = t.norm
            if _ARABIZI_DIGIT.match(norm) or norm in _ARABIZI_WORDS:
                arabizi += weight
            counts[LATIN] += weight * (1.0 if norm in _EN_GRAMMAR else LOANWORD_WEIGHT)
            if norm in _SHARED:
                fi += 0.5 * weight
                en += 0.5 * weight
            elif norm in _FI_WORDS:
                fi += weight
            elif norm in _EN_WORDS:
                en += weight
            if not norm.isascii() and any(ch in "äöå" for ch in norm):  # isascii: one C call for most words
                fi += weight
            elif norm.endswith(_FI_SUFFIXES):
                fi += 0.5 * weight
        elif t.script in counts:
            counts[t.script] += weight
    total = sum(counts.values())
    if total == 0:
        return DEFAULT
    other = max((CYRILLIC, ARABIC), key=lambda s: counts[s])
    if counts[other] and (counts[other] >= SCRIPT_SHARE * total or counts[LATIN] == 0):
        return "ru" if other == CYRILLIC else "ar"
    if arabizi >= 2 and arabizi >= en:
        return "ar"
    if fi > en or (fi >= FI_MIN and fi >= FI_VS_EN * en):
        return "fi"
    return "en"
