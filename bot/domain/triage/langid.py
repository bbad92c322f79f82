"""Language detection for en/ar/fi/ru by script and stopwords (no model, no download)."""

from __future__ import annotations

from bot.domain.triage.text import ARABIC, CYRILLIC, LATIN, tokenise

SUPPORTED = ("en", "ar", "fi", "ru")
DEFAULT = "en"
# A non-Latin script wins once it carries this share of the words: members drop English terms into Russian and
# Arabic text all the time, the reverse (Cyrillic words in English text) is rarer and shorter.
SCRIPT_SHARE = 0.3

_FI_WORDS = frozenset(
    """ja ei se että mutta kun hän hänen minä mä mun mulle minun minulle sinä sä sun te ne oli olen ole ovat olisi nyt
    vain myös kanssa joka jos niin kuin tämä tää tuo sitten vielä jo koska mikä mitä miten miksi mitään asiakas
    asiakkaan asiakkaalle asiakkaani aina taas koko kaikki vaan enää eikä en et emme eivät ollut jotain sen siitä
    sille siis kyllä joo nii ihan tosi aika paljon vähän kuukausi viikko""".split()  # noqa: SIM905 - a word list reads better as text
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


def detect_language(text: str) -> str:
    """Guess the language of a message: ar/ru by script share, fi/en by letters and stopwords; 'en' if unsure."""
    tokens = tokenise(text)
    counts = {LATIN: 0, CYRILLIC: 0, ARABIC: 0}
    fi = en = 0
    for t in tokens:
        if t.script in counts:
            counts[t.script] += 1
        if t.script == LATIN:
            if t.norm in _SHARED:
                fi += 0.5
                en += 0.5
            elif t.norm in _FI_WORDS:
                fi += 1
            elif t.norm in _EN_WORDS:
                en += 1
            if any(ch in "äöå" for ch in t.norm):
                fi += 1
            elif t.norm.endswith(
                ("ssa", "ssä", "sta", "stä", "lla", "llä", "lle", "ksi", "nut", "nyt", "kaan", "kään")
            ):
                fi += 0.5
    total = sum(counts.values())
    if total == 0:
        return DEFAULT
    other = max((CYRILLIC, ARABIC), key=lambda s: counts[s])
    if counts[other] and (counts[other] >= SCRIPT_SHARE * total or counts[LATIN] == 0):
        return "ru" if other == CYRILLIC else "ar"
    return "fi" if fi > en else "en"
